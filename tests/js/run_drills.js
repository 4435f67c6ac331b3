// Runs the pure half of the drills widget (drills-state.js: kb.drillsState) under plain node, with
// no npm packages: kb.js and drills-state.js are evaluated in one vm context whose only globals are
// a stand-in `window` and `document` (no localStorage: storage is simply unavailable).
//
//   node tests/js/run_drills.js CASES.json     (or - to read the cases from stdin)
//
// CASES.json: [{name, fn, args}] where fn names a function of kb.drillsState. Prints
// [{name, result}] (or {name, error}) as JSON; results cross the context boundary as JSON.
"use strict";

const fs = require("fs");
const path = require("path");
const vm = require("vm");

const ROOT = path.join(__dirname, "..", "..");
const FILES = [
  path.join(ROOT, "site_overrides", "assets", "javascripts", "kb.js"),
  path.join(ROOT, "generator", "parts", "drills", "theme", "assets", "javascripts", "drills-state.js")
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
    vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
  });
  return window.kb.drillsState;
}

function main(argv) {
  if (argv.length !== 1) {
    process.stderr.write("usage: node run_drills.js CASES.json\n");
    return 2;
  }
  const cases = JSON.parse(fs.readFileSync(argv[0] === "-" ? 0 : argv[0], "utf8"));
  const state = load();
  const out = cases.map(function (c) {
    if (!Object.prototype.hasOwnProperty.call(state, c.fn)) return { name: c.name, error: "no such function: " + c.fn };
    try {
      const result = state[c.fn].apply(null, c.args);
      return { name: c.name, result: result === undefined ? null : JSON.parse(JSON.stringify(result)) };
    } catch (e) {
      return { name: c.name, error: String(e && e.message) };
    }
  });
  process.stdout.write(JSON.stringify(out) + "\n");
  return 0;
}

process.exitCode = main(process.argv.slice(2));
