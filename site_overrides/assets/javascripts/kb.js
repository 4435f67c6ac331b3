// kb.js: the one shared module of the site's widgets. Loaded first on every page (main.html).
//
// Globals: this file defines window.kb and nothing else. The only other globals of the site's code
// are window.kbScoring (the calculator's public rules API, see calculator.js) and window.kbSearch.
//
// window.kb
//   mount(type, fn)            call fn(root) for every [data-kb-component="type"] on DOMContentLoaded
//                              (at once if the document is already parsed); elements are looked up
//                              inside root, never across the page
//   el(tag, attrs, children)   create an element; attrs: className, hidden, or any attribute;
//                              children: text, a node, or a list of them (null skipped)
//   json(root)                 the parsed <script type="application/json"> inside root, or null
//   files                      download(name, text, mime, bom), readText(file) -> Promise of text,
//                              readFile(file) -> Promise of {text, encoding: "utf-8" | "gb18030"}
//                              (GBK files converted; a file cut mid-character called incomplete,
//                              other encodings refused); pure: decode(bytes), truncatedJson(text),
//                              csv(rows), parseCsv(text), cellText(v) (never a formula), plainCell(v)
//   storage                    browser storage (below)
//   notices(root, options)     a widget's storage notices: refused writes (with its export button)
//                              and stored records set aside
//   numerals                   fold(text), value(run): numbers of typed answers by value (end of file)
//   scoringRules, quiz, jump   filled in by scoring-rules.js, quiz.js and jump.js
//
// kb.site.key: the site's key from <meta name="kb-site-key"> (content/regulation.yaml
//   settings.site.key; "jlzfzrz" for the Jilin regulation): it names storage keys and export files.
// kb.fileKind(name): the `kind` of an exported file, "<site key>-<name>".
// kb.storage: keys are "<site key>:v3:<key>", named by the site's identity (its configured key, one per
// regulation), never by the folder or path it is opened from, so a new release folder or a copy on
// another drive finds the same answers. Values are JSON records
// {"format": N, ...}. Each widget registers its kinds with define(kind, {format, migrations, check,
// views}); a key belongs to a kind when it is the kind or starts with "<kind>:".
//   read(key)            the record migrated to the current format, or null (absent or set aside)
//   write(key, record)   true when stored; false when the browser refused (the record is then kept in
//                        memory for this page, so the widget keeps working and can still export it);
//                        a refused or unavailable storage is tried again on every write, and the
//                        widget's notice says when saving works again
//   update(key, fn)      read-merge-write: fn(latest stored record or null) -> record to write, called
//                        with the record as stored at the moment of writing (never a stale copy)
//   remove(key), fullKey(key), setAside(key, value, reason)
//   view(key, name)      a kind's registered view of a record (how widgets read each other's data
//                        without knowing its format); null when absent or not recognised
//   refused(key)         whether the last write of key was refused (or storage is unavailable)
//   onProblem(fn), onChange(fn)
// A stored record that cannot be parsed, is not an object with a known format, is newer than this
// page knows, or fails its kind's check, is moved aside unchanged to "<key>.corrupt-<time>" or
// "<key>.unrecognised-<time>" and reported; it is never overwritten. Older keys are moved to the
// identity key when first read, never over a record already there: "<site key>:v2:<site path>:<key>"
// (scoped by the folder, up to issue 23; this folder's first, else the only other folder's) and
// "<site key>:v1:<key>" (the first release).
// kb.sync: the pure rules of merging records written by several tabs and of the exam timer (node
// tests run them: tests/js/run_sync.js).
(function () {
  "use strict";

  var SITE_KEY = (function () {
    var meta = document.querySelector('meta[name="kb-site-key"]');
    return (meta && meta.getAttribute("content")) || "kb";
  })();
  var LEGACY = SITE_KEY + ":v1:";
  var REFUSED_TEXT = "浏览器拒绝保存：本页的作答不会保留，请立即导出备份";
  var RECOVERED_TEXT = "浏览器已恢复保存：本页的作答已重新保存。";

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  // --- mounting and elements ----------------------------------------------------------------------

  function mount(type, fn) {
    function run() {
      var roots = document.querySelectorAll('[data-kb-component="' + type + '"]');
      for (var i = 0; i < roots.length; i++) {
        try { fn(roots[i]); } catch (e) { if (window.console) window.console.error(e); }
      }
    }
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
    else run();
  }

  function append(node, children) {
    if (children === null || children === undefined || children === false) return;
    if (Array.isArray(children)) {
      for (var i = 0; i < children.length; i++) append(node, children[i]);
    } else if (children.nodeType) {
      node.appendChild(children);
    } else {
      node.appendChild(document.createTextNode(String(children)));
    }
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    var a = attrs || {};
    Object.keys(a).forEach(function (k) {
      var v = a[k];
      if (v === null || v === undefined || v === false) return;
      if (k === "className") node.className = v;
      else if (k === "hidden") node.hidden = !!v;
      else node.setAttribute(k, v === true ? "" : String(v));
    });
    append(node, children);
    return node;
  }

  function json(root) {
    var node = root.querySelector('script[type="application/json"]');
    if (!node) return null;
    try { return JSON.parse(node.textContent); } catch (e) { return null; }
  }

  // --- files --------------------------------------------------------------------------------------

  // Offer text as a file download. bom=true prefixes U+FEFF so Excel/WPS read UTF-8 CSV correctly.
  function download(filename, text, mime, bom) {
    var blob = new Blob([(bom ? "\ufeff" : "") + text], { type: (mime || "text/plain") + ";charset=utf-8" });
    var url = URL.createObjectURL(blob);
    var a = el("a", { href: url, download: filename });
    a.style.display = "none";
    document.body.appendChild(a);
    a.click();
    window.setTimeout(function () {
      document.body.removeChild(a);
      URL.revokeObjectURL(url);
    }, 0);
  }

  // Bytes as text (pure): {text, encoding: "utf-8"} when they decode as UTF-8 (a leading BOM dropped);
  // a UTF-8 text cut inside a character is incomplete ({error, incomplete: true}), not of another
  // encoding; else {text, encoding: "gb18030"} (a superset of GBK, what Excel and Notepad write on
  // Chinese Windows); else {error}: never garbled text.
  function decode(bytes) {
    try {
      return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\ufeff/, ""), encoding: "utf-8" };
    } catch (e) { /* below */ }
    if (cutInCharacter(bytes)) return { error: INCOMPLETE_TEXT, incomplete: true };
    try {
      return { text: new TextDecoder("gb18030", { fatal: true }).decode(bytes), encoding: "gb18030" };
    } catch (e) {
      return { error: "文件不是 UTF-8 或 GBK 编码的文本" };
    }
  }

  // UTF-8 whose last character lacks its final bytes: a lead byte followed by fewer continuation
  // bytes than it announces, after text that is UTF-8. (A GBK text never ends that way: its second
  // bytes are never a UTF-8 lead byte followed only by continuation bytes at the very end.)
  function cutInCharacter(bytes) {
    for (var back = 1; back <= 3 && back <= bytes.length; back++) {
      var lead = bytes[bytes.length - back];
      if (lead >= 0x80 && lead < 0xc0) continue; // a continuation byte: look further back
      var need = lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 ? 2 : 0;
      if (!need || back >= need) return false;
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, bytes.length - back));
        return true;
      } catch (e) { return false; }
    }
    return false;
  }

  var INCOMPLETE_TEXT = "文件不完整（在一个字符中间截断），可能复制或下载未完成，请重新导出或复制";

  // Whether a JSON text that failed to parse was cut short rather than damaged: what is open (brackets,
  // a string) closed, and a dangling comma, key, colon or partial word completed, it parses.
  function truncatedJson(text) {
    var t = String(text).trim();
    if (!/^[{[]/.test(t)) return false;
    var stack = [], inString = false, escaped = false;
    for (var i = 0; i < t.length; i++) {
      var c = t[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (c === "\\") escaped = true;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === "{" || c === "[") stack.push(c === "{" ? "}" : "]");
      else if ((c === "}" || c === "]") && stack.pop() !== c) return false;
    }
    if (!stack.length) return false;
    var closers = stack.reverse().join("");
    var body = (inString ? t.replace(/\\$/, "") + '"' : t).replace(/,\s*$/, "");
    var word = body.replace(/[A-Za-z0-9.+\-]+$/, "");
    return [body, body + ":null", body + "null", word + "null"].some(function (candidate) {
      try { JSON.parse(candidate + closers); return true; } catch (e) { return false; }
    });
  }

  // Promise of {text, encoding} for a file, decoded as decode() does; rejected with Error(reason)
  // for a file that is incomplete or neither UTF-8 nor GBK.
  function readFile(file) {
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () {
        var read = decode(new Uint8Array(reader.result));
        if (read.error) reject(new Error(read.error));
        else resolve(read);
      };
      reader.onerror = function () { reject(new Error("无法读取文件")); };
      reader.readAsArrayBuffer(file);
    });
  }

  // The notice a widget shows after reading a converted file (readFile's encoding "gb18030").
  var CONVERTED_TEXT = "该文件不是 UTF-8 编码，已按 GBK（GB18030）编码转换后读取，请核对导入的名称和备注";

  // Promise of the file's text, decoded as readFile does (so never garbled).
  function readText(file) {
    return readFile(file).then(function (read) { return read.text; });
  }

  // One CSV field, quoted when needed (RFC 4180).
  function csvField(value) {
    var s = value === null || value === undefined ? "" : String(value);
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function csv(rows) {
    return rows.map(function (row) { return row.map(csvField).join(","); }).join("\r\n") + "\r\n";
  }

  // RFC 4180 CSV as csv() writes it and Excel and WPS save it back: rows of strings (pure).
  function parseCsv(text) {
    var rows = [], row = [], field = "", quoted = false;
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
        else if (c === '"') quoted = false;
        else field += c;
      } else if (c === '"' && field === "") quoted = true;
      else if (c === ",") { row.push(field); field = ""; }
      else if (c === "\n" || c === "\r") {
        if (c === "\r" && text[i + 1] === "\n") i++;
        row.push(field); rows.push(row); row = []; field = "";
      } else field += c;
    }
    if (field !== "" || row.length) { row.push(field); rows.push(row); }
    return rows;
  }

  // A cell exported with a leading ' so Excel keeps it text (cellText): the text as typed.
  function plainCell(value) {
    var s = value === undefined || value === null ? "" : String(value);
    return /^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s;
  }

  // Excel and WPS run cells starting with = + - @ as formulas: user text is quoted to stay text.
  function cellText(value) {
    var s = value === undefined || value === null ? "" : String(value);
    return /^[=+\-@\t\r]/.test(s) ? "'" + s : s;
  }


  // --- merging and timing (pure) --------------------------------------------------------------------

  // The time (ms) an entry was written: its "t", 0 when it has none (records of earlier releases).
  function stamped(entry) {
    return isObject(entry) && typeof entry.t === "number" && isFinite(entry.t) ? entry.t : 0;
  }

  // The later of two timed entries (either may be undefined); at equal times the one whose JSON sorts
  // last, so every tab picks the same one whatever the order of merging.
  function later(a, b) {
    if (a === undefined) return b;
    if (b === undefined) return a;
    var ta = stamped(a), tb = stamped(b);
    if (ta !== tb) return ta > tb ? a : b;
    return JSON.stringify(a) >= JSON.stringify(b) ? a : b;
  }

  // Two maps of timed entries merged per key, each key keeping its later entry.
  function mergeEntries(a, b) {
    var out = {};
    var left = isObject(a) ? a : {}, right = isObject(b) ? b : {};
    Object.keys(left).concat(Object.keys(right)).forEach(function (k) {
      if (Object.prototype.hasOwnProperty.call(out, k)) return;
      out[k] = later(Object.prototype.hasOwnProperty.call(left, k) ? left[k] : undefined,
        Object.prototype.hasOwnProperty.call(right, k) ? right[k] : undefined);
    });
    return out;
  }

  // The last time anything in a named collection (checklist assessment) was touched.
  function touched(item) {
    var t = stamped(item);
    if (isObject(item) && isObject(item.answers)) {
      Object.keys(item.answers).forEach(function (k) { t = Math.max(t, stamped(item.answers[k])); });
    }
    return t;
  }

  // Two records of named collections {current, currentT, items: {id: {t, ..., answers: {k: {t, ...}}}},
  // deleted: {id: t}} merged: each answer keeps its later version, each item's own fields (name,
  // version) their later version, a deletion wins over everything written before it and loses to
  // anything written after it; "current" is the later choice. itemsKey names the collection.
  function mergeCollections(a, b, itemsKey) {
    var left = isObject(a) ? a : {}, right = isObject(b) ? b : {};
    var la = isObject(left[itemsKey]) ? left[itemsKey] : {}, ra = isObject(right[itemsKey]) ? right[itemsKey] : {};
    var deleted = {};
    [left.deleted, right.deleted].forEach(function (d) {
      if (!isObject(d)) return;
      Object.keys(d).forEach(function (id) {
        if (typeof d[id] === "number" && isFinite(d[id])) deleted[id] = Math.max(deleted[id] || 0, d[id]);
      });
    });
    var items = {};
    Object.keys(la).concat(Object.keys(ra)).forEach(function (id) {
      if (Object.prototype.hasOwnProperty.call(items, id)) return;
      var x = Object.prototype.hasOwnProperty.call(la, id) ? la[id] : undefined;
      var y = Object.prototype.hasOwnProperty.call(ra, id) ? ra[id] : undefined;
      var merged;
      if (!isObject(x) || !isObject(y)) {
        merged = isObject(x) ? x : y;
      } else {
        var meta = later(x, y);
        merged = {};
        Object.keys(meta).forEach(function (k) { if (k !== "answers") merged[k] = meta[k]; });
        merged.answers = mergeEntries(x.answers, y.answers);
      }
      if (!isObject(merged)) return;
      if (Object.prototype.hasOwnProperty.call(deleted, id) && deleted[id] >= touched(merged)) return;
      items[id] = merged;
    });
    var out = {};
    Object.keys(left).concat(Object.keys(right)).forEach(function (k) {
      if (k !== itemsKey && k !== "deleted" && k !== "current" && k !== "currentT") {
        out[k] = Object.prototype.hasOwnProperty.call(right, k) ? right[k] : left[k];
      }
    });
    var ca = { t: typeof left.currentT === "number" ? left.currentT : 0, v: left.current };
    var cb = { t: typeof right.currentT === "number" ? right.currentT : 0, v: right.current };
    var chosen = ca.v === undefined ? cb : cb.v === undefined ? ca : later(ca, cb);
    if (chosen.v !== undefined) out.current = chosen.v;
    if (chosen.t) out.currentT = chosen.t;
    out[itemsKey] = items;
    if (Object.keys(deleted).length) out.deleted = deleted;
    return out;
  }

  // Exam time. An attempt counts the milliseconds it has used ("used"), never a wall-clock
  // difference from its start: on the page, by the browser's monotonic clock; while the page was
  // closed, by the wall clock since the last save ("saved"), counted as nothing when the clock went
  // back. So setting the clock back never gives time, and the time left never exceeds the limit.
  //   used(attempt, wallNow, monotonicElapsed): the new "used" after monotonicElapsed ms on this
  //   page (null: the attempt was closed since its last save, so the wall clock is all there is).
  function timeUsed(attempt, wallNow, monotonicElapsed) {
    var used = typeof attempt.used === "number" && isFinite(attempt.used) && attempt.used > 0 ? attempt.used : 0;
    var step;
    if (monotonicElapsed === null || monotonicElapsed === undefined) {
      var saved = typeof attempt.saved === "number" && isFinite(attempt.saved) ? attempt.saved : wallNow;
      step = wallNow - saved;
    } else {
      step = monotonicElapsed;
    }
    if (!(step > 0) || !isFinite(step)) step = 0;
    return used + step;
  }

  // Whole seconds left of `limit` seconds after `used` ms: never below 0, never above the limit.
  function timeLeft(limit, used) {
    var lim = typeof limit === "number" && isFinite(limit) && limit > 0 ? Math.floor(limit) : 0;
    var u = typeof used === "number" && isFinite(used) && used > 0 ? used : 0;
    return Math.max(0, Math.min(lim, lim - Math.floor(u / 1000)));
  }

  // Who holds an exam attempt: the later claim {tab, at} of two (either may be missing).
  function owner(a, b) {
    var x = isObject(a) && typeof a.tab === "string" ? { t: stamped({ t: a.at }), tab: a.tab, at: a.at } : undefined;
    var y = isObject(b) && typeof b.tab === "string" ? { t: stamped({ t: b.at }), tab: b.tab, at: b.at } : undefined;
    var won = later(x, y);
    return won ? { tab: won.tab, at: won.at } : null;
  }

  // The same data, whatever the order of object keys (so a merge that adds nothing is seen as such).
  function canonical(value) {
    if (Array.isArray(value)) return "[" + value.map(canonical).join(",") + "]";
    if (isObject(value)) {
      return "{" + Object.keys(value).sort().map(function (k) { return JSON.stringify(k) + ":" + canonical(value[k]); })
        .join(",") + "}";
    }
    return JSON.stringify(value === undefined ? null : value);
  }

  function same(a, b) { return canonical(a) === canonical(b); }

  var sync = { same: same, later: later, mergeEntries: mergeEntries, mergeCollections: mergeCollections,
    timeUsed: timeUsed, timeLeft: timeLeft, owner: owner };

  // --- storage ------------------------------------------------------------------------------------

  // The folder scope of the keys of issue 14 to 22 (mkdocs-material's __md_scope), to find them.
  function sitePath() {
    try {
      if (window.__md_scope && window.__md_scope.pathname) return window.__md_scope.pathname;
    } catch (e) { /* fall through */ }
    return "/";
  }

  var PREFIX = SITE_KEY + ":v3:";
  var SCOPED = SITE_KEY + ":v2:";
  var OWN_SCOPED = SCOPED + sitePath() + ":";
  var kinds = {};
  var problems = [];      // every problem so far, replayed to notices created later
  var problemListeners = [];
  var changeListeners = [];
  var refusedKeys = {};   // key -> true while its last write was refused
  var recoveredKeys = {}; // key -> true once a write succeeded after a refusal
  var blocked = {};       // key -> true when a record could not be set aside: never write over it
  var memory = {};        // key -> JSON text the browser refused to store (this page only)

  // window.localStorage when it can be read and written; null otherwise. Even reading the property
  // may throw (a SecurityError where the browser's policy forbids storage for file:// pages).
  function backend() {
    try {
      var s = window.localStorage;
      var probe = SITE_KEY + ":__probe__";
      s.setItem(probe, "1");
      s.removeItem(probe);
      return s;
    } catch (e) {
      return null;
    }
  }

  var store = backend();
  function notify(list, value) {
    for (var i = 0; i < list.length; i++) {
      try { list[i](value); } catch (e) { /* a listener must not break storage */ }
    }
  }

  function report(problem) {
    problems.push(problem);
    notify(problemListeners, problem);
  }

  function changed(key) {
    notify(changeListeners, key);
  }

  function kindOf(key) {
    var best = null;
    Object.keys(kinds).forEach(function (k) {
      if ((key === k || key.indexOf(k + ":") === 0) && (!best || k.length > best.length)) best = k;
    });
    return best === null ? null : kinds[best];
  }

  // The older keys holding key's record, the one to move first: this folder's scoped key, else the only
  // other folder's (several other folders: none is chosen, all stay where they are), then the first
  // release's key.
  function olderKeys(key) {
    var found = [];
    if (store.getItem(OWN_SCOPED + key) !== null) {
      found.push(OWN_SCOPED + key);
    } else {
      var others = [];
      for (var i = 0; i < store.length; i++) {
        var k = store.key(i);
        if (k && k.indexOf(SCOPED) === 0 && k.length > SCOPED.length + key.length + 1 &&
            k.slice(-(key.length + 1)) === ":" + key && k.charAt(SCOPED.length) === "/") others.push(k);
      }
      if (others.length === 1) found.push(others[0]);
    }
    if (store.getItem(LEGACY + key) !== null) found.push(LEGACY + key);
    return found;
  }

  // Stored text of key: what this page could not store, else the identity key, else an older key
  // (moved to the identity key when possible).
  function rawGet(key) {
    if (Object.prototype.hasOwnProperty.call(memory, key)) return memory[key];
    if (!store) return null;
    var text = store.getItem(PREFIX + key);
    if (text !== null) return text;
    var older = olderKeys(key);
    if (!older.length) return null;
    var found = store.getItem(older[0]);
    try {
      store.setItem(PREFIX + key, found);
      store.removeItem(older[0]);
    } catch (e) { /* cannot move it now: read it where it is */ }
    return found;
  }

  function setAside(key, text, reason, detail) {
    var aside = key + "." + reason + "-" + Date.now();
    var problem = { kind: reason, key: key, aside: null, detail: detail || "" };
    try {
      if (!store) throw new Error("storage unavailable");
      store.setItem(PREFIX + aside, typeof text === "string" ? text : JSON.stringify(text));
      problem.aside = aside;
    } catch (e) {
      blocked[key] = true;
    }
    report(problem);
    return problem;
  }

  // Move a record aside (once it was read and judged unusable) and leave the key free.
  function moveAside(key, text, reason, detail) {
    var problem = setAside(key, text, reason, detail);
    if (problem.aside) {
      try {
        store.removeItem(PREFIX + key);
        olderKeys(key).forEach(function (k) { store.removeItem(k); });
      } catch (e) { blocked[key] = true; }
    }
    return problem;
  }

  // The record upgraded to its kind's format, or a reason it is not recognised.
  function upgrade(kind, record) {
    if (!isObject(record) || typeof record.format !== "number") return { why: "没有格式版本" };
    if (record.format > kind.format) return { why: "格式版本 " + record.format + " 比本页支持的 " + kind.format + " 新" };
    var value = record;
    while (value.format < kind.format) {
      var step = kind.migrations && kind.migrations[value.format];
      if (!step) return { why: "格式版本 " + value.format + " 无法识别" };
      var from = value.format;
      value = step(JSON.parse(JSON.stringify(value)));
      if (!isObject(value) || value.format !== from + 1) return { why: "格式版本 " + from + " 无法升级" };
    }
    if (kind.check && !kind.check(value)) return { why: "内容格式无法识别" };
    return { value: value };
  }

  function inspect(key) {
    var text;
    try { text = rawGet(key); } catch (e) { return { value: null }; }
    if (text === null || text === undefined) return { value: null };
    var parsed;
    try { parsed = JSON.parse(text); } catch (e) { return { text: text, reason: "corrupt" }; }
    var kind = kindOf(key);
    if (!kind) return { value: parsed };
    var up = upgrade(kind, parsed);
    if (up.why) return { text: text, reason: "unrecognised", why: up.why };
    return { value: up.value };
  }

  function read(key) {
    var found = inspect(key);
    if (!found.reason) return found.value;
    if (found.reason === "corrupt") moveAside(key, found.text, "corrupt");
    else moveAside(key, found.text, "unrecognised", found.why);
    return null;
  }

  function write(key, value) {
    var text = JSON.stringify(value);
    var wasRefused = !!refusedKeys[key] || !store;
    try {
      if (!store) store = backend(); // unavailable at load: try again, space may have been freed
      if (!store || blocked[key]) throw new Error("refused");
      store.setItem(PREFIX + key, text);
      delete memory[key];
      if (wasRefused) {
        delete refusedKeys[key];
        recoveredKeys[key] = true;
        changed(key);
        flush();
      }
      return true;
    } catch (e) {
      memory[key] = text;
      if (!refusedKeys[key]) { refusedKeys[key] = true; delete recoveredKeys[key]; changed(key); }
      return false;
    }
  }

  // Storage works again: store what this page kept in memory for its other refused keys.
  function flush() {
    Object.keys(memory).forEach(function (k) {
      if (blocked[k]) return;
      try {
        store.setItem(PREFIX + k, memory[k]);
      } catch (e) { return; }
      delete memory[k];
      if (refusedKeys[k]) {
        delete refusedKeys[k];
        recoveredKeys[k] = true;
        changed(k);
      }
    });
  }

  // Read-merge-write: the record as stored now (or as this page keeps it when the browser refused),
  // given to fn, whose result is written. Returns {record, stored} (stored: false when refused).
  function update(key, fn) {
    var latest = read(key);
    var record = fn(latest);
    return { record: record, stored: write(key, record) };
  }

  function remove(key) {
    delete memory[key];
    try {
      if (store && !blocked[key]) {
        store.removeItem(PREFIX + key);
        olderKeys(key).forEach(function (k) { store.removeItem(k); });
      }
    } catch (e) { /* nothing else to do */ }
  }

  // A kind's view of the record under key, for other widgets; never moves or reports anything.
  function view(key, name) {
    var kind = kindOf(key);
    if (!kind || !kind.views || !kind.views[name]) return null;
    var found = inspect(key);
    if (found.reason || found.value === null) return null;
    try { return kind.views[name](found.value); } catch (e) { return null; }
  }

  function define(kind, spec) {
    kinds[kind] = spec;
  }

  var storage = {
    prefix: PREFIX,
    persistent: !!store,
    define: define,
    read: read,
    write: write,
    update: update,
    remove: remove,
    view: view,
    setAside: setAside,
    fullKey: function (key) { return PREFIX + key; },
    refused: function (key) { return !store || !!refusedKeys[key] || !!blocked[key]; },
    recovered: function (key) { return !!store && !!recoveredKeys[key] && !refusedKeys[key]; },
    problems: function () { return problems.slice(); },
    onProblem: function (fn) { problemListeners.push(fn); },
    onChange: function (fn) { changeListeners.push(fn); }
  };

  // --- notices ------------------------------------------------------------------------------------

  // Storage notices next to a widget's work. options: box (where notices go; made before `before`
  // when absent), before, keys (the widget's keys or key prefixes), onExport (the widget's export),
  // describe(problem) -> text or null (a widget's own wording; the default otherwise).
  function notices(root, options) {
    var box = options.box;
    if (!box) {
      box = el("div", { className: "kb-notices", role: "alert" });
      var before = options.before || root.firstChild;
      if (before && before.parentNode) before.parentNode.insertBefore(box, before);
      else root.appendChild(box);
    }
    var keys = options.keys || [];
    function mine(key) {
      return keys.some(function (k) { return key === k || key.indexOf(k + ":") === 0; });
    }
    var refusal = null; // made when first needed
    var recovery = null;

    function update() {
      var refused = keys.some(function (k) { return storage.refused(k); }) || Object.keys(refusedKeys).some(mine);
      if (refused && !refusal) {
        var exportButton = el("button", { type: "button", className: "md-button kb-refused-export" }, "立即导出备份");
        exportButton.addEventListener("click", function () { if (options.onExport) options.onExport(); });
        refusal = el("div", { className: "kb-refused" },
          [el("strong", { className: "kb-refused-text" }, REFUSED_TEXT), " ", exportButton]);
        box.insertBefore(refusal, box.firstChild);
      }
      if (refusal) refusal.hidden = !refused;
      var recovered = !refused && (keys.some(function (k) { return storage.recovered(k); }) ||
        Object.keys(recoveredKeys).some(function (k) { return mine(k) && storage.recovered(k); }));
      if (recovered && !recovery) {
        recovery = el("p", { className: "kb-recovered", role: "status" }, RECOVERED_TEXT);
        box.insertBefore(recovery, box.firstChild);
      }
      if (recovery) recovery.hidden = !recovered;
    }

    function describe(problem) {
      var own = options.describe ? options.describe(problem) : null;
      if (own) return own;
      var where = problem.aside ? "原数据已原样另存为 " + problem.aside + "，不会被覆盖" :
        "原数据无法另存，已保持原样，本页不会覆盖它";
      if (problem.kind === "corrupt") return "浏览器中保存的数据（" + problem.key + "）已损坏，无法读取；" + where + "。";
      return "浏览器中保存的数据（" + problem.key + "）无法识别（" + problem.detail + "）；" + where + "。";
    }

    function show(problem) {
      if (!mine(problem.key)) return;
      box.appendChild(el("p", { className: "kb-notice-problem" }, describe(problem)));
    }

    problems.forEach(show);
    storage.onProblem(show);
    storage.onChange(update);
    update();
    return {
      box: box,
      say: function (text) { box.appendChild(el("p", { className: "kb-notice-problem" }, text)); }
    };
  }

  window.kb = {
    site: { key: SITE_KEY },
    fileKind: function (name) { return SITE_KEY + "-" + name; },
    mount: mount,
    el: el,
    json: json,
    isObject: isObject,
    files: { download: download, readText: readText, readFile: readFile, decode: decode, truncatedJson: truncatedJson,
      csv: csv, parseCsv: parseCsv, cellText: cellText, plainCell: plainCell,
      CONVERTED_TEXT: CONVERTED_TEXT, INCOMPLETE_TEXT: INCOMPLETE_TEXT },
    storage: storage,
    notices: notices,
    REFUSED_TEXT: REFUSED_TEXT,
    RECOVERED_TEXT: RECOVERED_TEXT,
    sync: sync
  };
})();

// kb.numerals: numbers in typed answers compared by value (fill-in grading in quiz-state.js and
// drills-state.js): fold(text) writes every number as decimal digits, so 三日, ３日 and 3日 are alike,
// 十五日 = 15日, 两份 = 二份, 一万元 = 1万元 = 10000元. A lone 一 is a word (统一, 一律, 一定) unless a
// measure follows it (一年, 一人) or a range goes on (一至二名). A run that is no well-formed numeral
// (万一, 二百五) stays as written. value(run): the run's value, or null. Shared vectors:
// tests/vectors/numerals.yaml (node, and generator.numerals for the canonical numerals).
window.kb.numerals = (function () {
  "use strict";

  var DIGITS = { "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9 };
  var UNITS = { "十": 10, "百": 100, "千": 1000 };
  var RUN = /(?:[0-9０-９]+(?:[.．][0-9０-９]+)?)?[零〇一二两三四五六七八九十百千万]*/g;
  var MEASURE = /^(?:[至到或、\-－~～]|个|年|月|日|天|周|小时|分钟|人|名|份|件|次|元|倍|项|条|款|级|类|种|页|张|户|家|处|$)/;
  var WORD_BEFORE = "统唯同单逐某任";

  function half(text) {
    return text.replace(/[０-９．]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xfee0); });
  }

  // A part below 万: digits, a digit string (二〇二一), or 千/百/十 with their digits (一百零五, 十二).
  function section(s) {
    if (/^[0-9]+$/.test(s)) return Number(s);
    if (/^[零〇一二两三四五六七八九]+$/.test(s)) return Number(s.split("").map(function (c) { return DIGITS[c]; }).join(""));
    var total = 0, digit = null, last = 10000, zero = false;
    for (var i = 0; i < s.length; i++) {
      var c = s.charAt(i);
      if (c === "零" || c === "〇") { if (digit !== null || zero) return null; zero = true; }
      else if (c in DIGITS) { if (digit !== null) return null; digit = DIGITS[c]; }
      else if (c in UNITS) {
        if (UNITS[c] >= last || (digit === null && (i > 0 || c !== "十"))) return null;
        total += (digit === null ? 1 : digit) * UNITS[c];
        last = UNITS[c]; digit = null; zero = false;
      } else return null;
    }
    // 二百五 (for 二百五十) is spoken shorthand, not read here; 一百零五 is.
    if (digit !== null && last > 10 && last < 10000 && !zero) return null;
    return s ? total + (digit === null ? 0 : digit) : null;
  }

  function value(run) {
    var s = half(String(run));
    var parts = s.split("万");
    if (parts.length > 2 || !parts[0]) return null;
    if (/^[0-9]+\.[0-9]+$/.test(parts[0])) {
      return parts.length === 2 && !parts[1] ? Number(parts[0]) * 10000 : parts.length === 1 ? Number(parts[0]) : null;
    }
    var high = section(parts[0]);
    if (parts.length === 1 || high === null) return high;
    var low = parts[1] ? section(parts[1].replace(/^[零〇]/, "")) : 0;
    if (low === null || (parts[1] && !/^[零〇]/.test(parts[1]) && low < 1000)) return null;
    return high * 10000 + low;
  }

  function fold(text) {
    var s = String(text === null || text === undefined ? "" : text);
    return s.replace(RUN, function (run, at) {
      if (!run) return run;
      var v = value(run);
      if (v === null) return run;
      if (run === "一" && ((at > 0 && WORD_BEFORE.indexOf(s.charAt(at - 1)) >= 0) || !MEASURE.test(s.slice(at + 1)))) return run;
      return String(v);
    });
  }

  return { value: value, fold: fold };
})();
