// Several agencies side by side: the evaluator imports the files agencies hand in (the calculator's
// years export, a checklist assessment export as JSON or CSV, UTF-8 or GBK) into one table: a row per
// unit, year and checklist, a column per area, total, grade and 已答; sortable, exported as CSV,
// printable (landscape A4, header repeated). The state (reading files, rows, keys, merging, cells)
// is kb.compareState (compare-state.js, run by node in the fast tier); this file wires it to the page.
// Each file is checked whole before anything is kept: a damaged, truncated or foreign file, or one
// that would take the table past its limit, is refused by name and changes nothing. A file naming
// no unit asks for one once; rows already in the table (same unit, year and checklist) ask once per
// file whether to replace them, keep both or skip them.
// Widget: data-kb-component="compare", with the scheme (<script id="kb-compare-data">) inside.
// Storage (kb.storage), key "scoring:compare": {"format": 1, "rows": [row, ...]}, rows as
// compare-state.js describes them (rows of earlier releases lack the newer fields and still show).
(function () {
  "use strict";

  var kb = window.kb;
  var el = kb.el;
  var state = kb.compareState;
  var SITE_KEY = kb.fileKind("x").slice(0, -2);
  var KEY = "scoring:compare";
  var FORMAT = 1;
  var MAX_BYTES = 2 * 1024 * 1024;
  // The table holds at most this many rows (a city's agencies over a few years): more would freeze
  // the page, so a file that would go past it is refused whole.
  var MAX_ROWS = 300;

  function isRow(row) {
    return kb.isObject(row) && typeof row.agency === "string" && typeof row.source === "string" &&
      typeof row.year === "string" && kb.isObject(row.input) && Array.isArray(row.empty);
  }

  kb.storage.define(KEY, {
    format: FORMAT,
    check: function (record) { return Array.isArray(record.rows) && record.rows.every(isRow); }
  });

  // --- the widget's elements and state -----------------------------------------------------------

  function context(root, scheme, rules) {
    var ref = function (name) { return root.querySelector('[data-kb-ref="' + name + '"]'); };
    return {
      root: root, scheme: scheme, rules: rules, columns: state.columns(scheme),
      sortBy: { column: null, descending: false },
      ui: { status: ref("status"), table: ref("table"), year: ref("year"), title: ref("title"), importInput: ref("import"),
        csv: ref("csv"), print: ref("print"), clear: ref("clear") }
    };
  }

  function say(w, text, kind) {
    w.ui.status.textContent = text;
    if (kind) w.ui.status.setAttribute("data-kind", kind);
    else w.ui.status.removeAttribute("data-kind");
  }

  function load() {
    var stored = kb.storage.read(KEY);
    return stored ? stored.rows : [];
  }

  function save(rows) {
    return kb.storage.write(KEY, { format: FORMAT, rows: rows });
  }

  function shown(w, rows) { return state.ofYear(rows, w.ui.year.value); }

  function listYears(w, rows) {
    var select = w.ui.year;
    var keep = select.value;
    var years = state.yearsOf(rows);
    select.textContent = "";
    select.appendChild(el("option", { value: "" }, "全部年度"));
    years.forEach(function (y) { select.appendChild(el("option", { value: y }, y + "年度")); });
    select.value = years.indexOf(keep) >= 0 ? keep : "";
  }

  // --- importing (the rules: kb.compareState) ---------------------------------------------------

  // One file read and checked whole: {name, rows, converted} or {name, error}.
  function readOne(w, file) {
    if (file.size > MAX_BYTES) return Promise.resolve({ name: file.name, error: "文件过大，不是结果文件" });
    return new Promise(function (resolve) {
      var reader = new FileReader();
      reader.onload = function () {
        var read = state.decode(new Uint8Array(reader.result));
        if (read.error) { resolve({ name: file.name, error: read.error }); return; }
        try {
          resolve({ name: file.name, rows: state.rowsOf(w.scheme, w.rules, SITE_KEY, read.text, MAX_ROWS),
            converted: read.encoding === "gb18030" });
        } catch (e) {
          resolve({ name: file.name, error: e.message });
        }
      };
      reader.onerror = function () { resolve({ name: file.name, error: "无法读取文件" }); };
      reader.readAsArrayBuffer(file);
    });
  }

  function importChosen(w, files) {
    Promise.all(files.map(function (file) { return readOne(w, file); })).then(function (results) {
      var done = state.importFiles(load(), results, function (question, offered) {
        return window.prompt(question, offered);
      }, MAX_ROWS, kb.files.CONVERTED_TEXT);
      var lines = done.lines;
      if (done.added) {
        lines.unshift(save(done.list) ? state.importSummary(done) : "浏览器拒绝保存：对比表只在本页保留，请及时导出 CSV。");
      }
      say(w, lines.join("\n"), done.failed ? "error" : null);
      draw(w);
    });
  }

  // --- the table -------------------------------------------------------------------------------

  // The evaluator confirms an incomplete record as final; the row then says so.
  function confirmButton(w, row) {
    var button = el("button", { type: "button", className: "md-button", "aria-label": "确认" + row.agency + "的暂定结果为最终结果" }, "确认为最终");
    button.addEventListener("click", function () {
      if (!window.confirm("“" + row.agency + "”的自查尚未作答完毕（已答 " + row.answered + "/" + row.count + "）。确认以当前结果为最终结果？")) return;
      save(state.confirmed(load(), row));
      say(w, "已确认“" + row.agency + "”的结果为最终结果，表中注明“经确认”。");
      draw(w);
    });
    return button;
  }

  function removeButton(w, row) {
    var remove = el("button", { type: "button", className: "md-button", "aria-label": "移除" + row.agency + "（" + row.source + "）" }, "移除");
    remove.addEventListener("click", function () {
      save(state.without(load(), row));
      say(w, "已移除“" + row.agency + "”（" + row.source + "）。");
      draw(w);
    });
    return remove;
  }

  function headCell(w, col) {
    var sort = w.sortBy.column === col.id ? (w.sortBy.descending ? "descending" : "ascending") : null;
    var button = el("button", { type: "button", className: "kb-compare-sort", "data-kb-sort": col.id },
      [col.label, el("span", { "aria-hidden": "true" }, sort === "ascending" ? " ▲" : sort === "descending" ? " ▼" : "")]);
    button.addEventListener("click", function () {
      w.sortBy = state.nextSort(w.sortBy, col);
      draw(w);
      var again = w.ui.table.querySelector('[data-kb-sort="' + col.id + '"]');
      if (again) again.focus();
    });
    return el("th", { scope: "col", "aria-sort": sort, "data-kb-col": col.id }, button);
  }

  function bodyRow(w, entry) {
    var tr = el("tr");
    w.columns.forEach(function (col, i) {
      var text = entry.cells[col.id].text;
      tr.appendChild(i === 0 ? el("th", { scope: "row", "data-kb-col": col.id }, text) : el("td", { "data-kb-col": col.id }, text));
    });
    var ops = el("td", { className: "kb-compare-ops" });
    if (entry.row.complete === false && !entry.row.confirmed) ops.appendChild(confirmButton(w, entry.row));
    ops.appendChild(removeButton(w, entry.row));
    tr.appendChild(ops);
    return tr;
  }

  function drawTable(w, rows) {
    var t = el("table", { className: "kb-compare-table" });
    t.appendChild(el("caption", { className: "kb-visually-hidden" }, "各单位评议考核结果（点击列标题排序）"));
    var head = el("tr");
    w.columns.forEach(function (col) { head.appendChild(headCell(w, col)); });
    head.appendChild(el("th", { scope: "col", className: "kb-compare-ops" }, "操作"));
    t.appendChild(el("thead", null, head));
    var body = el("tbody");
    state.entries(w.scheme, w.rules, rows, w.sortBy).forEach(function (entry) { body.appendChild(bodyRow(w, entry)); });
    t.appendChild(body);
    w.ui.table.appendChild(t);
    w.ui.table.appendChild(el("p", { className: "kb-score-covers", "data-kb-ref": "rules" }, state.rulesText(w.scheme)));
  }

  function draw(w) {
    var all = load();
    listYears(w, all);
    var rows = shown(w, all);
    w.ui.title.textContent = "评议考核结果对比表" + (w.ui.year.value ? "（" + w.ui.year.value + "年度）" : "");
    w.ui.table.textContent = "";
    if (!all.length) w.ui.table.appendChild(el("p", { className: "kb-score-empty" }, "尚未导入任何单位的结果。"));
    else if (!rows.length) w.ui.table.appendChild(el("p", { className: "kb-score-empty" }, "所选年度没有结果。"));
    else drawTable(w, rows);
  }

  // --- the tools -------------------------------------------------------------------------------

  function exportCsv(w) {
    var rows = shown(w, load());
    if (!rows.length) { say(w, "没有可导出的结果。", "error"); return; }
    kb.files.download("多单位对比.csv", kb.files.csv(state.csvTable(w.scheme, w.rules, rows, w.sortBy)), "text/csv", true);
    say(w, "已导出 " + rows.length + " 行的 CSV 文件（可用 Excel 或 WPS 打开）。");
  }

  function clear(w) {
    if (!load().length) return;
    if (!window.confirm("清空对比表？已导入的结果将从本浏览器中删除（原文件不受影响）。")) return;
    kb.storage.remove(KEY);
    say(w, "已清空对比表。");
    draw(w);
  }

  function wire(w) {
    w.ui.year.addEventListener("change", function () { draw(w); });
    w.ui.importInput.addEventListener("change", function (event) {
      var files = Array.prototype.slice.call(event.target.files || []);
      event.target.value = "";
      if (files.length) importChosen(w, files);
    });
    w.ui.csv.addEventListener("click", function () { exportCsv(w); });
    w.ui.print.addEventListener("click", function () { window.print(); });
    w.ui.clear.addEventListener("click", function () { clear(w); });
  }

  function mount(root) {
    var scheme = kb.json(root);
    var rules = kb.scoringRules;
    if (!scheme || !rules) return;
    var w = context(root, scheme, rules);
    wire(w);
    kb.notices(root, { before: w.ui.status, keys: [KEY], onExport: function () { exportCsv(w); } });
    draw(w);
  }

  kb.mount("compare", mount);
})();
