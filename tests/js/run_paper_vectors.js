// Runs the browser's paper draw (generator/parts/quiz/theme/assets/javascripts/paper-state.js, kb.paper) under plain
// node against the shared vectors, with no npm packages: the file is evaluated in a vm context whose
// only global is a stand-in `window` (the file touches no DOM).
//
//   node tests/js/run_paper_vectors.js VECTORS.json
//
// VECTORS.json: {"generator": [{seed, count}], "bank": [{id, type, chapter, options}],
//   "draws": [{name, seed, count, chapters, types}]} (tests/vectors/paper.yaml as JSON).
//   Optional "papers": [{questions, title, count, seed, chapters, types, shares}]: whole papers as
//   printed (shares: the mock exam's composition, [[type, n]], instead of count, chapters, types).
// Prints {"generator": [[uint32, ...]], "draws": [[{id, options}], ...], "papers": [{instructions,
//   sections: [{title, hint, items: [{number, id, options, stem, answer}]}]}]} as JSON.
"use strict";

const fs = require("fs");
const path = require("path");
const vm = require("vm");

const PAPER = path.join(__dirname, "..", "..", "generator", "parts", "quiz", "theme", "assets", "javascripts", "paper-state.js");

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
  const out = { generator: [], draws: [], papers: [] };
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
  (vectors.papers || []).forEach(function (c) {
    const drawn = c.shares ? paper.drawShares(c.questions, c.shares, c.seed) :
      paper.draw(paper.select(c.questions, c.chapters, c.types), c.count, c.seed);
    const sections = paper.sections(drawn);
    out.papers.push(JSON.parse(JSON.stringify({
      instructions: paper.instructions(c.title),
      scope: c.shares ? paper.sharesText(c.shares) : null,
      sections: sections.map(function (s) {
        return { title: s.title, hint: s.hint, items: s.items.map(function (it) {
          return { number: it.number, id: it.question.id, options: it.options, stem: it.stem, answer: it.answer };
        }) };
      })
    })));
  });
  process.stdout.write(JSON.stringify(out) + "\n");
  return 0;
}

process.exitCode = main(process.argv.slice(2));
