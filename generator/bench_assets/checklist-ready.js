// Polled in a checklist page (page.wait_for_function): the widget shows its tools once mounted;
// returns ms since navigation start then, false before.
() => {
  const tools = document.querySelector('[data-kb-component="checklist"] .kb-cl-tools');
  return tools && !tools.hidden ? performance.now() : false;
}
