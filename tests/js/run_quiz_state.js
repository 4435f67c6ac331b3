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

const fs = require("fs");
const path = require("path");
const vm = require("vm");

const ROOT = path.join(__dirname, "..", "..");
const JS = path.join(ROOT, "generator", "parts", "quiz", "theme", "assets", "javascripts");
const FILES = [
  path.join(ROOT, "site_overrides", "assets", "javascripts", "kb.js"),
  path.join(JS, "paper-state.js"),
  path.join(JS, "quiz-state.js"),
  path.join(JS, "exam-state.js")
];

function load() {
  const document = {
    readyState: "complete",
    querySelector: function () { return null; },
    querySelectorAll: function () { return []; },
    addEventListener: function () {}
  };
  const window = {};
  const context = vm.createContext({ window: window, document: document });
  FILES.forEach(function (file) {
    if (fs.existsSync(file)) vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
  });
  return window.kb;
}

function argument(kb, value) {
  if (value === "$shuffle") return kb.paper.shuffle;
  if (value === "$isRight") return kb.quizState.isRight;
  if (value && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 1 && "$rand" in value) {
    return kb.paper.mulberry32(value.$rand);
  }
  return value;
}

function main(argv) {
  if (argv.length !== 1) {
    process.stderr.write("usage: node run_quiz_state.js CASES.json\n");
    return 2;
  }
  const cases = JSON.parse(fs.readFileSync(argv[0] === "-" ? 0 : argv[0], "utf8"));
  const kb = load();
  const out = cases.map(function (c) {
    const parts = String(c.fn).split(".");
    const module = kb[parts[0]];
    if (!module || !Object.prototype.hasOwnProperty.call(module, parts[1]) || typeof module[parts[1]] !== "function") return { name: c.name, error: "no such function: " + c.fn };
    try {
      const result = module[parts[1]].apply(null, c.args.map(function (a) { return argument(kb, a); }));
      return { name: c.name, result: result === undefined ? null : JSON.parse(JSON.stringify(result)) };
    } catch (e) {
      return { name: c.name, error: String(e && e.message) };
    }
  });
  process.stdout.write(JSON.stringify(out) + "\n");
  return 0;
}

process.exitCode = main(process.argv.slice(2));
