// Runs the pure rules of kb.js (window.kb.sync: merging what several tabs wrote, the exam timer and
// exam ownership) under plain node, with no npm packages: kb.js is evaluated in a vm context whose
// only globals are a stand-in `window` and `document` (no localStorage: storage is simply unavailable).
//
//   node tests/js/run_sync.js CASES.json
//
// CASES.json: [{name, fn, args}] where fn is a kb.sync function name. Prints [{name, result}] (or
// {name, error}) as JSON; results cross the context boundary as JSON, so they compare as plain data.
"use strict";

const harness = require("./harness");

harness.run("node run_sync.js CASES.json", 1, function (argv) {
  const cases = harness.readJson(argv[0]);
  const sync = harness.load([harness.KB_JS]).sync;
  return cases.map(function (c) {
    if (typeof sync[c.fn] !== "function") return { name: c.name, error: "no such rule: " + c.fn };
    return harness.call(c.name, sync[c.fn], c.args);
  });
});
