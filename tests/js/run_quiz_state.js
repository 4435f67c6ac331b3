// Runs the pure halves of the quiz widgets (quiz-state.js: kb.quizState, exam-state.js: kb.examState)
// under plain node, with no npm packages: kb.js (for kb.sync), paper-state.js (kb.paper's shuffle)
// and the state files are evaluated in one vm context whose only globals are a stand-in `window` and
// `document` (no localStorage: storage is simply unavailable).
//
//   node tests/js/run_quiz_state.js CASES.json     (or - to read the cases from stdin)
//
// CASES.json: [{name, fn, args}] where fn is "quizState.<name>" or "examState.<name>". Three argument
// values stand for functions: "$shuffle" (kb.paper.shuffle), "$isRight" (kb.quizState.isRight) and
// {"$rand": seed} (kb.paper.mulberry32).
// Prints [{name, result}] (or {name, error}) as JSON; results cross the context boundary as JSON.
"use strict";

const harness = require("./harness");

const FILES = [
  harness.KB_JS,
  harness.asset("quiz", "paper-state.js"),
  harness.asset("quiz", "quiz-state.js"),
  harness.asset("quiz", "exam-state.js")
];

function argument(kb, value) {
  if (value === "$shuffle") return kb.paper.shuffle;
  if (value === "$isRight") return kb.quizState.isRight;
  if (value && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 1 && "$rand" in value) {
    return kb.paper.mulberry32(value.$rand);
  }
  return value;
}

harness.run("node run_quiz_state.js CASES.json", 1, function (argv) {
  const cases = harness.readJson(argv[0]);
  const kb = harness.load(FILES, {}, true);
  return cases.map(function (c) {
    const parts = String(c.fn).split(".");
    const module = kb[parts[0]];
    if (!module || !Object.prototype.hasOwnProperty.call(module, parts[1]) || typeof module[parts[1]] !== "function") return { name: c.name, error: "no such function: " + c.fn };
    return harness.call(c.name, module[parts[1]], c.args.map(function (a) { return argument(kb, a); }));
  });
});
