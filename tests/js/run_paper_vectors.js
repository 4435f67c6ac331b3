// Runs the browser's paper draw (generator/parts/quiz/theme/assets/javascripts/paper.js, kb.paper) under plain
// node against the shared vectors, with no npm packages: the file is evaluated in a vm context whose
// only global is a stand-in `window` (kb.mount does nothing here).
//
//   node tests/js/run_paper_vectors.js VECTORS.json
//
// VECTORS.json: {"generator": [{seed, count}], "bank": [{id, type, chapter, options}],
//   "draws": [{name, seed, count, chapters, types}]} (tests/vectors/paper.yaml as JSON).
// Prints {"generator": [[uint32, ...]], "draws": [[{id, options}], ...]} as JSON.
"use strict";

const fs = require("fs");
const path = require("path");
const vm = require("vm");

const PAPER = path.join(__dirname, "..", "..", "generator", "parts", "quiz", "theme", "assets", "javascripts", "paper.js");

function loadPaper() {
  const window = { kb: { mount: function () {} } };
  const context = vm.createContext({ window: window });
  vm.runInContext(fs.readFileSync(PAPER, "utf8"), context, { filename: PAPER });
  return window.kb.paper;
}

function main(argv) {
  if (argv.length !== 1) {
    process.stderr.write("usage: node run_paper_vectors.js VECTORS.json\n");
    return 2;
  }
  const vectors = JSON.parse(fs.readFileSync(argv[0], "utf8"));
  const paper = loadPaper();
  const out = { generator: [], draws: [] };
  (vectors.generator || []).forEach(function (c) {
    const next = paper.mulberry32(c.seed);
    const values = [];
    for (let i = 0; i < c.count; i++) values.push(next() * 4294967296);
    out.generator.push(values);
  });
  (vectors.draws || []).forEach(function (c) {
    const pool = paper.select(c.questions || vectors.bank, c.chapters, c.types);
    const drawn = paper.draw(pool, c.count, c.seed);
    out.draws.push(JSON.parse(JSON.stringify(drawn.map(function (d) {
      return { id: d.question.id, options: d.options };
    }))));
  });
  process.stdout.write(JSON.stringify(out) + "\n");
  return 0;
}

process.exitCode = main(process.argv.slice(2));
