// Runs in the quiz practice page (page.evaluate): ms from submitting the setup to the first question.
() => {
  const form = document.querySelector('.kb-quiz-setup');
  const t0 = performance.now();
  form.requestSubmit();
  const t1 = performance.now();
  if (!document.querySelector('.kb-quiz-question')) throw new Error('no question shown');
  return t1 - t0;
}
