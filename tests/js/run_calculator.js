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

const harness = require("./harness");

const FILES = [harness.KB_JS, harness.asset("scoring", "scoring-rules.js"), harness.asset("scoring", "calculator-state.js")];

function argument(kb, scheme, a) {
  if (a === "$scheme") return scheme;
  if (a === "$evaluate") return function (input) { return kb.scoringRules.evaluate(scheme, input); };
  if (a !== null && typeof a === "object" && a.$assess) {
    const cl = scheme.checklists.filter(function (c) { return c.id === a.$assess.checklist; })[0];
    return kb.scoringRules.assess(scheme, cl.items, a.$assess.statuses, false);
  }
  return a;
}

harness.run("node run_calculator.js SCHEME.json CASES.json", 2, function (argv) {
  const scheme = harness.readJson(argv[0]);
  const cases = harness.readJson(argv[1]);
  const kb = harness.load(FILES, { TextDecoder: TextDecoder });
  return cases.map(function (c) {
    const fn = kb.calculatorState[c.fn];
    if (typeof fn !== "function") return { name: c.name, error: "no such function: " + c.fn };
    return harness.call(c.name, fn, c.args.map(function (a) { return argument(kb, scheme, a); }), "threw: ");
  });
});
