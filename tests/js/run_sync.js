// Runs the pure rules of kb.js (window.kb.sync: merging what several tabs wrote, the exam timer and
// exam ownership) under plain node, with no npm packages: kb.js is evaluated in a vm context whose
// only globals are a stand-in `window` and `document` (no localStorage: storage is simply unavailable).
//
//   node tests/js/run_sync.js CASES.json
//
// CASES.json: [{name, fn, args}] where fn is a kb.sync function name. Prints [{name, result}] (or
// {name, error}) as JSON; results cross the context boundary as JSON, so they compare as plain data.
"use strict";

const fs = require("fs");
const path = require("path");
const vm = require("vm");

const KB = path.join(__dirname, "..", "..", "site_overrides", "assets", "javascripts", "kb.js");

function loadSync() {
  const document = {
    readyState: "complete",
    querySelector: function () { return null; },
    querySelectorAll: function () { return []; },
    addEventListener: function () {}
  };
  const window = {};
  const context = vm.createContext({ window: window, document: document });
  vm.runInContext(fs.readFileSync(KB, "utf8"), context, { filename: KB });
  return window.kb.sync;
}

function main(argv) {
  if (argv.length !== 1) {
    process.stderr.write("usage: node run_sync.js CASES.json\n");
    return 2;
  }
  const cases = JSON.parse(fs.readFileSync(argv[0], "utf8"));
  const sync = loadSync();
  const out = cases.map(function (c) {
    if (typeof sync[c.fn] !== "function") return { name: c.name, error: "no such rule: " + c.fn };
    try {
      const result = sync[c.fn].apply(null, c.args);
      return { name: c.name, result: result === undefined ? null : JSON.parse(JSON.stringify(result)) };
    } catch (e) {
      return { name: c.name, error: String(e && e.message) };
    }
  });
  process.stdout.write(JSON.stringify(out) + "\n");
  return 0;
}

process.exitCode = main(process.argv.slice(2));
