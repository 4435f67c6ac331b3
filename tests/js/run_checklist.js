// Runs the checklist's state (checklist-state.js) with the file rules of kb.js under plain node, as
// run_sync.js does: a vm context whose globals are a stand-in `window` and `document` and TextDecoder.
//
//   node tests/js/run_checklist.js DATA.json CASES.json
//
// DATA.json: the checklist as its page embeds it. CASES.json: [{name, fn, args}] where fn is a
// kb.checklistState function (the checklist data is passed where an argument is the string "$data"),
// or [{name, base64, siteKey}]: a file's bytes read for import as the page reads them (kb.files.decode,
// then readImport, answers stamped at time 1); or, with DATA.json the scoring scheme, [{name, years:
// base64, siteKey}] (the calculator reading a years file) and [{name, yearsCsv: {year: input}, unit}]
// (the calculator's CSV export). Prints [{name, result} | {name, error}] as JSON.
"use strict";

const harness = require("./harness");

const FILES = [
  harness.KB_JS,
  harness.asset("checklists", "checklist-state.js"),
  harness.asset("scoring", "scoring-rules.js"),
  harness.asset("scoring", "calculator-state.js")
];

function run(kb, data, c) {
  if (c.years !== undefined) {
    // The calculator reading a years file (JSON or CSV); data is then the scheme (scoring.json).
    const read = kb.files.decode(new Uint8Array(Buffer.from(c.years, "base64")));
    if (read.error) return { error: read.error };
    const evaluate = function (input) { return kb.scoringRules.evaluate(data, input); };
    const got = kb.calculatorState.readYears(read.text, data, c.siteKey, evaluate);
    return got.error ? { error: got.error } : { result: Object.assign({ encoding: read.encoding }, got) };
  }
  if (c.yearsCsv !== undefined) {
    const evaluate = function (input) { return kb.scoringRules.evaluate(data, input); };
    return { result: kb.files.csv(kb.calculatorState.csvRows(data, c.yearsCsv, c.unit, evaluate)) };
  }
  if (c.base64 !== undefined) {
    const read = kb.files.decode(new Uint8Array(Buffer.from(c.base64, "base64")));
    if (read.error) return { error: read.error };
    const checked = kb.checklistState.readImport(read.text, data, c.siteKey, 1);
    return checked.error ? { error: checked.error } : { result: Object.assign({ encoding: read.encoding }, checked) };
  }
  const fn = kb.checklistState[c.fn];
  if (typeof fn !== "function") return { error: "no such rule: " + c.fn };
  const args = c.args.map(function (a) { return a === "$data" ? data : a; });
  const result = fn.apply(null, args);
  return { result: result === undefined ? null : result };
}

harness.run("node run_checklist.js DATA.json CASES.json", 2, function (argv) {
  const data = harness.readJson(argv[0]);
  const cases = harness.readJson(argv[1]);
  const kb = harness.load(FILES, { TextDecoder: TextDecoder });
  return cases.map(function (c) {
    try {
      return JSON.parse(JSON.stringify(Object.assign({ name: c.name }, run(kb, data, c))));
    } catch (e) {
      return { name: c.name, error: "threw: " + String(e && e.message) };
    }
  });
});
