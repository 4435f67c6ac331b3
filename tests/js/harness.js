// What every node runner of tests/js/ shares: the widgets' scripts evaluated in one vm context whose
// only globals are a stand-in `window` and `document` (no localStorage: storage is simply
// unavailable), the cases read from a JSON file (or - for stdin), one function called per case, and
// the answers printed as one JSON line. No npm packages.
"use strict";

const fs = require("fs");
const path = require("path");
const vm = require("vm");

const ROOT = path.join(__dirname, "..", "..");
const KB_JS = path.join(ROOT, "site_overrides", "assets", "javascripts", "kb.js");

// A script of a part's theme: asset("quiz", "paper-state.js").
function asset(part, name) {
  return path.join(ROOT, "generator", "parts", part, "theme", "assets", "javascripts", name);
}

// window.kb after evaluating `files` in order (skipping those that do not exist when `optional`).
// extra: more globals (TextDecoder for the file readers).
function load(files, extra, optional) {
  const document = {
    readyState: "complete",
    querySelector: function () { return null; },
    querySelectorAll: function () { return []; },
    addEventListener: function () {}
  };
  const window = {};
  const context = vm.createContext(Object.assign({ window: window, document: document }, extra || {}));
  files.forEach(function (file) {
    if (optional && !fs.existsSync(file)) return;
    vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
  });
  return window.kb;
}

// JSON of a file named on the command line; "-" reads stdin.
function readJson(arg) {
  return JSON.parse(fs.readFileSync(arg === "-" ? 0 : arg, "utf8"));
}

// {name, result} of fn(...args), or {name, error: threw + message}; undefined becomes null, and the
// result crosses the context boundary as JSON, so it compares as plain data.
function call(name, fn, args, threw) {
  try {
    const result = fn.apply(null, args);
    return { name: name, result: result === undefined ? null : JSON.parse(JSON.stringify(result)) };
  } catch (e) {
    return { name: name, error: (threw || "") + String(e && e.message) };
  }
}

// Runs main(args) when argv holds `count` arguments, else prints the usage; main returns the
// answers, printed as one JSON line. Sets the exit code.
function run(usage, count, main) {
  const argv = process.argv.slice(2);
  if (argv.length !== count) {
    process.stderr.write("usage: " + usage + "\n");
    process.exitCode = 2;
    return;
  }
  process.stdout.write(JSON.stringify(main(argv)) + "\n");
  process.exitCode = 0;
}

module.exports = { ROOT: ROOT, KB_JS: KB_JS, asset: asset, load: load, readJson: readJson, call: call, run: run };
