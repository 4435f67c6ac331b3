// Runs the comparison's state (compare-state.js) and the scoring rules under plain node, as
// run_vectors.js does: a vm context whose globals are a stand-in `window` and TextDecoder.
//
//   node tests/js/run_compare.js SCHEME.json CASES.json
//
// CASES.json: [{name, base64, siteKey}] (a file's bytes), printed as {name, rows, cells} | {name, error};
// [{name, fn, args}] (a compareState function) and [{name, importFiles: {list, files}, answers,
// maxRows}] (an import with the evaluator's answers), printed as {name, result, ...}.
"use strict";

const fs = require("fs");
const path = require("path");
const vm = require("vm");

const DIR = path.join(__dirname, "..", "..", "generator", "parts", "scoring", "theme", "assets", "javascripts");

// A compareState function; an argument "$scheme" is the scheme, "$rules" the scoring rules.
function call(state, rules, scheme, c) {
  const fn = state[c.fn];
  if (typeof fn !== "function") return { name: c.name, error: "no such function: " + c.fn };
  const args = c.args.map(function (a) { return a === "$scheme" ? scheme : a === "$rules" ? rules : a; });
  try {
    const result = fn.apply(null, args);
    return { name: c.name, result: result === undefined ? null : result };
  } catch (e) {
    return { name: c.name, error: "threw: " + String(e && e.message) };
  }
}

// importFiles with the evaluator's answers given in turn (null: cancelled); what was asked is
// returned beside the result, as [question, offered].
function importing(state, c) {
  const asked = [];
  const answers = c.answers.slice();
  const ask = function (question, offered) {
    asked.push([question, offered]);
    return answers.length ? answers.shift() : null;
  };
  const done = state.importFiles(c.importFiles.list, c.importFiles.files, ask, c.maxRows, "（已转换）");
  return { name: c.name, result: done, asked: asked, summary: done.added ? state.importSummary(done) : null };
}

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
    if (c.fn !== undefined) return call(state, window.kb.scoringRules, scheme, c);
    if (c.importFiles !== undefined) return importing(state, c);
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
