// Runs the comparison's state (compare-state.js) with kb.js (its file rules) and the scoring rules
// under plain node, in the vm context of harness.js (with TextDecoder).
//
//   node tests/js/run_compare.js SCHEME.json CASES.json
//
// CASES.json: [{name, base64, siteKey}] (a file's bytes), printed as {name, rows, cells} | {name, error};
// [{name, fn, args}] (a compareState function) and [{name, importFiles: {list, files}, answers,
// maxRows}] (an import with the evaluator's answers), printed as {name, result, ...}.
"use strict";

const harness = require("./harness");

const FILES = [harness.KB_JS, harness.asset("scoring", "scoring-rules.js"), harness.asset("scoring", "compare-state.js")];

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

harness.run("node run_compare.js SCHEME.json CASES.json", 2, function (argv) {
  const scheme = harness.readJson(argv[0]);
  const cases = harness.readJson(argv[1]);
  const kb = harness.load(FILES, { TextDecoder: TextDecoder });
  const state = kb.compareState;
  return JSON.parse(JSON.stringify(cases.map(function (c) {
    if (c.fn !== undefined) return call(state, kb.scoringRules, scheme, c);
    if (c.importFiles !== undefined) return importing(state, c);
    const read = kb.files.decode(new Uint8Array(Buffer.from(c.base64, "base64")));
    if (read.error) return { name: c.name, error: read.error };
    try {
      const rows = state.rowsOf(scheme, kb.scoringRules, c.siteKey, read.text, 300);
      return { name: c.name, encoding: read.encoding, rows: rows, cells: rows.map(function (r) { return state.cells(scheme, kb.scoringRules, r); }) };
    } catch (e) {
      return { name: c.name, error: e.message };
    }
  })));
});
