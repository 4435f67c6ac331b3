// Runs the calculator's state (calculator-state.js) with the scoring rules and kb.js's file rules
// under plain node, as run_checklist.js does: a vm context whose globals are a stand-in `window`
// and `document` and TextDecoder.
//
//   node tests/js/run_calculator.js SCHEME.json CASES.json
//
// SCHEME.json: the scheme as the calculator page embeds it. CASES.json: [{name, fn, args}] where fn
// is a kb.calculatorState function; an argument "$scheme" is the scheme, "$evaluate" the rules'
// evaluate for it, and {"$assess": {checklist, statuses}} what the rules' assess gives for that
// checklist of the scheme. Prints [{name, result} | {name, error}] as JSON.
"use strict";

const fs = require("fs");
const path = require("path");
const vm = require("vm");

const ROOT = path.join(__dirname, "..", "..");
const JS = path.join(ROOT, "generator", "parts", "scoring", "theme", "assets", "javascripts");
const FILES = [
  path.join(ROOT, "site_overrides", "assets", "javascripts", "kb.js"),
  path.join(JS, "scoring-rules.js"),
  path.join(JS, "calculator-state.js")
];

function load() {
  const document = {
    readyState: "complete",
    querySelector: function () { return null; },
    querySelectorAll: function () { return []; },
    addEventListener: function () {}
  };
  const window = {};
  const context = vm.createContext({ window: window, document: document, TextDecoder: TextDecoder });
  FILES.forEach(function (file) { vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file }); });
  return window.kb;
}

function argument(kb, scheme, a) {
  if (a === "$scheme") return scheme;
  if (a === "$evaluate") return function (input) { return kb.scoringRules.evaluate(scheme, input); };
  if (a !== null && typeof a === "object" && a.$assess) {
    const cl = scheme.checklists.filter(function (c) { return c.id === a.$assess.checklist; })[0];
    return kb.scoringRules.assess(scheme, cl.items, a.$assess.statuses, false);
  }
  return a;
}

function main(argv) {
  if (argv.length !== 2) {
    process.stderr.write("usage: node run_calculator.js SCHEME.json CASES.json\n");
    return 2;
  }
  const scheme = JSON.parse(fs.readFileSync(argv[0], "utf8"));
  const cases = JSON.parse(fs.readFileSync(argv[1], "utf8"));
  const kb = load();
  const out = cases.map(function (c) {
    const fn = kb.calculatorState[c.fn];
    if (typeof fn !== "function") return { name: c.name, error: "no such function: " + c.fn };
    try {
      const result = fn.apply(null, c.args.map(function (a) { return argument(kb, scheme, a); }));
      return { name: c.name, result: result === undefined ? null : result };
    } catch (e) {
      return { name: c.name, error: "threw: " + String(e && e.message) };
    }
  });
  process.stdout.write(JSON.stringify(JSON.parse(JSON.stringify(out))) + "\n");
  return 0;
}

process.exitCode = main(process.argv.slice(2));
