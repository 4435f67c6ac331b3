// Runs the browser's scoring rules (generator/parts/scoring/theme/assets/javascripts/scoring-rules.js) under plain
// node against shared vectors, with no npm packages: the file is evaluated in a vm context whose only
// global is a stand-in `window`, as in the page (where kb.js defined window.kb first).
//
//   node tests/js/run_vectors.js SCHEME.json VECTORS.json
//
// SCHEME.json: the scheme as embedded in the calculator page (generator.scoring.scheme_data).
// VECTORS.json: {"scoring": [{name, input}], "fill": [{name, areas, items, statuses}],
//   "assess": [{name, scheme, items, statuses, confirmed}]}.
// Prints {"scoring": [{name, result} | {name, error, field}], "fill": [{name, result}],
//   "assess": [{name, result}]} as JSON.
"use strict";

const fs = require("fs");
const path = require("path");
const vm = require("vm");

const RULES = path.join(__dirname, "..", "..", "generator", "parts", "scoring", "theme", "assets", "javascripts", "scoring-rules.js");

function loadRules() {
  const window = { kb: {} };
  const context = vm.createContext({ window: window });
  vm.runInContext(fs.readFileSync(RULES, "utf8"), context, { filename: RULES });
  // Results cross the context boundary as JSON, so they compare as plain data.
  return window.kb.scoringRules;
}

function main(argv) {
  if (argv.length !== 2) {
    process.stderr.write("usage: node run_vectors.js SCHEME.json VECTORS.json\n");
    return 2;
  }
  const scheme = JSON.parse(fs.readFileSync(argv[0], "utf8"));
  const vectors = JSON.parse(fs.readFileSync(argv[1], "utf8"));
  const rules = loadRules();
  const out = { scoring: [], fill: [], assess: [] };
  (vectors.scoring || []).forEach(function (c) {
    try {
      out.scoring.push({ name: c.name, result: rules.evaluate(scheme, c.input) });
    } catch (e) {
      if (e.field === undefined) throw e;
      out.scoring.push({ name: c.name, error: e.message, field: e.field });
    }
  });
  (vectors.fill || []).forEach(function (c) {
    out.fill.push({ name: c.name, result: rules.fillFromChecklist(c.areas, c.items, c.statuses) });
  });
  (vectors.assess || []).forEach(function (c) {
    out.assess.push({ name: c.name, result: rules.assess(c.scheme, c.items, c.statuses, c.confirmed) });
  });
  process.stdout.write(JSON.stringify(out) + "\n");
  return 0;
}

process.exitCode = main(process.argv.slice(2));
