// Runs the page's search (site_overrides/assets/javascripts/search.js) under plain node against
// the shared vectors, with no npm packages: search.js and the built index script are evaluated in
// a vm context whose only global is a stand-in `window` (no document, so no box is mounted).
//
//   node tests/js/run_search.js INDEX.js VECTORS.json [LAWS.js]
//
// INDEX.js: assets/javascripts/search-index.js as the build writes it; LAWS.js (optional) the
// further regulations' index, search-index-laws.js.
// VECTORS.json: {"queries": [{query, limit, scope}], "marks": [{text, query}]} (scope optional).
// Prints {"queries": [[hit, ...], ...], "marks": [[[start, end], ...], ...]} as JSON.
"use strict";

const fs = require("fs");
const path = require("path");
const vm = require("vm");

const SEARCH = path.join(__dirname, "..", "..", "site_overrides", "assets", "javascripts", "search.js");

function main(argv) {
  if (argv.length !== 2 && argv.length !== 3) {
    process.stderr.write("usage: node run_search.js INDEX.js VECTORS.json [LAWS.js]\n");
    return 2;
  }
  const window = {};
  const context = vm.createContext({ window: window });
  vm.runInContext(fs.readFileSync(SEARCH, "utf8"), context, { filename: SEARCH });
  vm.runInContext(fs.readFileSync(argv[0], "utf8"), context, { filename: argv[0] });
  if (argv[2]) vm.runInContext(fs.readFileSync(argv[2], "utf8"), context, { filename: argv[2] });
  const vectors = JSON.parse(fs.readFileSync(argv[1], "utf8"));
  const search = window.kbSearch;
  if (!search.ready()) throw new Error("the index script did not hand the index over");
  const out = {
    queries: vectors.queries.map((q) => search.query(q.query, { limit: q.limit, scope: q.scope })),
    marks: vectors.marks.map((m) => search.marks(m.text, m.query)),
  };
  // Results cross the context boundary as JSON, so they compare as plain data.
  process.stdout.write(JSON.stringify(out) + "\n");
  return 0;
}

process.exitCode = main(process.argv.slice(2));
