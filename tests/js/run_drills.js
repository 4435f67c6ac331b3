// Runs the pure half of the drills widget (drills-state.js: kb.drillsState) under plain node, with
// no npm packages: kb.js and drills-state.js are evaluated in one vm context whose only globals are
// a stand-in `window` and `document` (no localStorage: storage is simply unavailable).
//
//   node tests/js/run_drills.js CASES.json     (or - to read the cases from stdin)
//
// CASES.json: [{name, fn, args}] where fn names a function of kb.drillsState. Prints
// [{name, result}] (or {name, error}) as JSON; results cross the context boundary as JSON.
"use strict";

const harness = require("./harness");

harness.run("node run_drills.js CASES.json", 1, function (argv) {
  const cases = harness.readJson(argv[0]);
  const state = harness.load([harness.KB_JS, harness.asset("drills", "drills-state.js")]).drillsState;
  return cases.map(function (c) {
    if (!Object.prototype.hasOwnProperty.call(state, c.fn)) return { name: c.name, error: "no such function: " + c.fn };
    return harness.call(c.name, state[c.fn], c.args);
  });
});
