// Runs the comparison's state (compare-state.js) and the scoring rules under plain node, as
// run_vectors.js does: a vm context whose globals are a stand-in `window` and TextDecoder.
//
//   node tests/js/run_compare.js SCHEME.json CASES.json
//
// CASES.json: [{name, base64, siteKey}] (a file's bytes). Prints [{name, rows} | {name, error}].
"use strict";

const fs = require("fs");
const path = require("path");
const vm = require("vm");

const DIR = path.join(__dirname, "..", "..", "generator", "parts", "scoring", "theme", "assets", "javascripts");

function main(argv) {
  const scheme = JSON.parse(fs.readFileSync(argv[0], "utf8"));
  const cases = JSON.parse(fs.readFileSync(argv[1], "utf8"));
  const window = { kb: {} };
  const context = vm.createContext({ window: window, TextDecoder: TextDecoder });
  ["scoring-rules.js", "compare-state.js"].forEach(function (name) {
    const file = path.join(DIR, name);
    vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
  });
  const state = window.kb.compareState;
  const out = cases.map(function (c) {
    const read = state.decode(new Uint8Array(Buffer.from(c.base64, "base64")));
    if (read.error) return { name: c.name, error: read.error };
    try {
      const rows = state.rowsOf(scheme, window.kb.scoringRules, c.siteKey, read.text, 300);
      return { name: c.name, encoding: read.encoding, rows: rows, cells: rows.map(function (r) { return state.cells(scheme, window.kb.scoringRules, r); }) };
    } catch (e) {
      return { name: c.name, error: e.message };
    }
  });
  process.stdout.write(JSON.stringify(JSON.parse(JSON.stringify(out))) + "\n");
  return 0;
}

process.exitCode = main(process.argv.slice(2));
