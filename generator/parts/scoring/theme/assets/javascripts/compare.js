// Several agencies side by side: the evaluator imports the files agencies hand in (the calculator's
// years export, a checklist assessment export as JSON or CSV, UTF-8 or GBK) into one table: a row per
// unit, year and checklist, a column per area, total, grade and 已答; sortable, exported as CSV,
// printable (landscape A4, header repeated). The state (reading files, rows, keys, merging, cells)
// is kb.compareState (compare-state.js); this file wires it to the page. Each file is checked whole
// before anything is kept: a damaged, truncated or foreign file is refused by name and changes nothing.
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
  // the page, so a file that would go past it is refused before any row of it is checked.
  var MAX_ROWS = 300;

  function isRow(row) {
    return kb.isObject(row) && typeof row.agency === "string" && typeof row.source === "string" &&
      typeof row.year === "string" && kb.isObject(row.input) && Array.isArray(row.empty);
  }

  kb.storage.define(KEY, {
    format: FORMAT,
    check: function (record) { return Array.isArray(record.rows) && record.rows.every(isRow); }
  });

  // Excel and WPS run cells starting with = + - @ as formulas: user text is quoted to stay text.
  function cellText(value) {
    var s = value === undefined || value === null ? "" : String(value);
    return /^[=+\-@\t\r]/.test(s) ? "'" + s : s;
  }

  function stem(name) {
    return String(name).replace(/\.[^.]*$/, "").trim().slice(0, 60) || "未命名单位";
  }

  function mount(root) {
    var scheme = kb.json(root);
    var rules = kb.scoringRules;
    if (!scheme || !rules) return;
    function ref(name) { return root.querySelector('[data-kb-ref="' + name + '"]'); }
    var status = ref("status");
    var tableBox = ref("table");
    var yearSelect = ref("year");
    var sortBy = { column: null, descending: false };

    function evaluate(input) { return rules.evaluate(scheme, input); }

    function say(text, kind) {
      status.textContent = text;
      if (kind) status.setAttribute("data-kind", kind);
      else status.removeAttribute("data-kind");
    }

    function load() {
      var stored = kb.storage.read(KEY);
      return stored ? stored.rows : [];
    }

    // The rows of the year chosen (all when none is): one row per agency for a year's evaluation.
    function shown(rows) {
      var year = yearSelect.value;
      return year ? rows.filter(function (r) { return r.year === year; }) : rows;
    }

    function listYears(rows) {
      var keep = yearSelect.value;
      var years = rows.map(function (r) { return r.year; }).filter(function (y, i, all) {
        return y && all.indexOf(y) === i;
      }).sort().reverse();
      yearSelect.textContent = "";
      yearSelect.appendChild(el("option", { value: "" }, "全部年度"));
      years.forEach(function (y) { yearSelect.appendChild(el("option", { value: y }, y + "年度")); });
      yearSelect.value = years.indexOf(keep) >= 0 ? keep : "";
    }

    yearSelect.addEventListener("change", function () { draw(); });

    function save(rows) {
      return kb.storage.write(KEY, { format: FORMAT, rows: rows });
    }

    // --- reading files (the rules: kb.compareState) ---------------------------------------------

    function readOne(file) {
      if (file.size > MAX_BYTES) return Promise.resolve({ file: file, error: "文件过大，不是结果文件" });
      return new Promise(function (resolve) {
        var reader = new FileReader();
        reader.onload = function () {
          var read = state.decode(new Uint8Array(reader.result));
          if (read.error) { resolve({ file: file, error: read.error }); return; }
          try {
            resolve({ file: file, rows: state.rowsOf(scheme, rules, SITE_KEY, read.text, MAX_ROWS), converted: read.encoding === "gb18030" });
          } catch (e) {
            resolve({ file: file, error: e.message });
          }
        };
        reader.onerror = function () { resolve({ file: file, error: "无法读取文件" }); };
        reader.readAsArrayBuffer(file);
      });
    }

    // The unit of a row whose file names none: asked for, the file name offered (null: skip it).
    function named(row, file) {
      if (row.agency) return row;
      var given = window.prompt("文件“" + file.name + "”没有填写自查单位。请输入被考核单位名称（取消则不导入该文件）：", stem(file.name));
      if (given === null || !given.trim()) return null;
      row.agency = given.trim().slice(0, 60);
      return row;
    }

    // replace / both / skip for a row whose unit, year and checklist are already in the table.
    function choose(rows, row) {
      var taken = rows.some(function (r) { return state.keyOf(r) === state.keyOf(row); });
      if (!taken) return "new";
      var answer = window.prompt("对比表中已有“" + row.agency + "”" + (row.year ? row.year + "年度" : "") +
        "的同一清单结果。请输入：1 替换原有行；2 两行都保留；3 跳过（不导入）", "1");
      return answer === null ? "skip" : { "1": "replace", "2": "both", "3": "skip" }[answer.trim()] || "skip";
    }

    // Adds one file's rows; returns the lines to report.
    function add(result, rows, counts) {
      var lines = [];
      result.rows.forEach(function (row) {
        if (!named(row, result.file)) { lines.push("“" + result.file.name + "”未导入：没有单位名称。"); counts.skipped++; return; }
        var choice = choose(rows.list, row);
        if (rows.list.length >= MAX_ROWS && choice !== "replace") {
          lines.push("无法导入“" + result.file.name + "”：对比表最多 " + MAX_ROWS + " 行。该文件未导入。");
          result.error = true;
          return;
        }
        if (choice === "skip") { counts.skipped++; lines.push("已跳过“" + row.agency + "”（" + row.source + "）。"); return; }
        if (choice === "replace") counts.replaced++;
        rows.list = state.merge(rows.list, row, choice === "new" ? "both" : choice);
        counts.added++;
      });
      return lines;
    }

    ref("import").addEventListener("change", function (event) {
      var files = Array.prototype.slice.call(event.target.files || []);
      event.target.value = "";
      if (!files.length) return;
      Promise.all(files.map(readOne)).then(function (results) {
        var rows = { list: load() };
        var lines = [];
        var counts = { added: 0, replaced: 0, skipped: 0 };
        results.forEach(function (r) {
          if (r.error) { lines.push("无法导入“" + r.file.name + "”：" + r.error + "。该文件未导入。"); return; }
          if (r.converted) lines.push("“" + r.file.name + "”：" + kb.files.CONVERTED_TEXT + "。");
          lines = lines.concat(add(r, rows, counts));
        });
        if (counts.added) {
          var summary = "已导入 " + counts.added + " 行" + (counts.replaced ? "（其中替换 " + counts.replaced + " 行）" : "") +
            "，对比表共 " + rows.list.length + " 行。";
          if (save(rows.list)) lines.unshift(summary);
          else lines.unshift("浏览器拒绝保存：对比表只在本页保留，请及时导出 CSV。");
        }
        say(lines.join("\n"), results.some(function (r) { return r.error; }) ? "error" : null);
        draw();
      });
    });

    // --- the table -------------------------------------------------------------------------------

    // Key columns first, so they stay in view on a 1366 px screen; the areas follow.
    var columns = [{ id: "agency", label: "单位" }, { id: "year", label: "年度" }, { id: "total", label: "总分" },
      { id: "grade", label: "等级" }, { id: "answered", label: "已答" }]
      .concat(scheme.areas.map(function (a) { return { id: "area:" + a.id, label: a.title + "（" + a.max + "）", area: a }; }))
      .concat([{ id: "source", label: "来源" }]);

    // Each row with its cells by column id (value to show and to sort by).
    function computed(rows) {
      return rows.map(function (row, index) { return { row: row, index: index, cells: state.cells(scheme, rules, row) }; });
    }

    // The evaluator confirms an incomplete record as final; the row then says so.
    function confirmButton(row) {
      var button = el("button", { type: "button", className: "md-button", "aria-label": "确认" + row.agency + "的暂定结果为最终结果" }, "确认为最终");
      button.addEventListener("click", function () {
        if (!window.confirm("“" + row.agency + "”的自查尚未作答完毕（已答 " + row.answered + "/" + row.count + "）。确认以当前结果为最终结果？")) return;
        save(load().map(function (r) {
          if (state.keyOf(r) === state.keyOf(row)) r.confirmed = true;
          return r;
        }));
        say("已确认“" + row.agency + "”的结果为最终结果，表中注明“经确认”。");
        draw();
      });
      return button;
    }

    function sorted(list) {
      if (!sortBy.column) return list;
      var id = sortBy.column;
      var sign = sortBy.descending ? -1 : 1;
      return list.slice().sort(function (a, b) {
        var x = a.cells[id].sort, y = b.cells[id].sort;
        var order = typeof x === "number" ? x - y : String(x).localeCompare(String(y), "zh-CN");
        return order * sign || a.index - b.index;
      });
    }

    function draw() {
      var all = load();
      listYears(all);
      var rows = shown(all);
      ref("title").textContent = "评议考核结果对比表" + (yearSelect.value ? "（" + yearSelect.value + "年度）" : "");
      tableBox.textContent = "";
      if (!all.length) {
        tableBox.appendChild(el("p", { className: "kb-score-empty" }, "尚未导入任何单位的结果。"));
        return;
      }
      if (!rows.length) {
        tableBox.appendChild(el("p", { className: "kb-score-empty" }, "所选年度没有结果。"));
        return;
      }
      var t = el("table", { className: "kb-compare-table" });
      t.appendChild(el("caption", { className: "kb-visually-hidden" }, "各单位评议考核结果（点击列标题排序）"));
      var head = el("tr");
      columns.forEach(function (col) {
        var state = sortBy.column === col.id ? (sortBy.descending ? "descending" : "ascending") : null;
        var button = el("button", { type: "button", className: "kb-compare-sort", "data-kb-sort": col.id },
          [col.label, el("span", { "aria-hidden": "true" }, state === "ascending" ? " ▲" : state === "descending" ? " ▼" : "")]);
        button.addEventListener("click", function () {
          if (sortBy.column === col.id) sortBy.descending = !sortBy.descending;
          else sortBy = { column: col.id, descending: col.id === "total" || !!col.area };
          draw();
          var again = tableBox.querySelector('[data-kb-sort="' + col.id + '"]');
          if (again) again.focus();
        });
        head.appendChild(el("th", { scope: "col", "aria-sort": state, "data-kb-col": col.id }, button));
      });
      head.appendChild(el("th", { scope: "col", className: "kb-compare-ops" }, "操作"));
      t.appendChild(el("thead", null, head));
      var body = el("tbody");
      sorted(computed(rows)).forEach(function (entry) {
        var tr = el("tr");
        columns.forEach(function (col, i) {
          var cell = entry.cells[col.id];
          tr.appendChild(i === 0 ? el("th", { scope: "row", "data-kb-col": col.id }, cell.text) : el("td", { "data-kb-col": col.id }, cell.text));
        });
        var ops = el("td", { className: "kb-compare-ops" });
        if (entry.row.complete === false && !entry.row.confirmed) ops.appendChild(confirmButton(entry.row));
        var remove = el("button", { type: "button", className: "md-button", "aria-label": "移除" + entry.row.agency + "（" + entry.row.source + "）" }, "移除");
        ops.appendChild(remove);
        remove.addEventListener("click", function () {
          var all = load().filter(function (r) { return state.keyOf(r) !== state.keyOf(entry.row); });
          save(all);
          say("已移除“" + entry.row.agency + "”（" + entry.row.source + "）。");
          draw();
        });
        tr.appendChild(ops);
        body.appendChild(tr);
      });
      t.appendChild(body);
      tableBox.appendChild(t);
      tableBox.appendChild(el("p", { className: "kb-score-covers", "data-kb-ref": "rules" },
        "已答：已作答条目数/清单条目数。有未答条目的自查只给“暂定”等级，考核人确认后方为最终等级（表中注明“经确认”）。" +
        "“—（未答）”：该领域没有作答，按 0 分计入暂定总分。" + scheme.not_applicable.text +
        "总分由各领域精确值相加，只在显示时舍入一次（两位小数，四舍五入）；等级按精确总分确定。"));
    }

    ref("csv").addEventListener("click", function () {
      var rows = shown(load());
      if (!rows.length) { say("没有可导出的结果。", "error"); return; }
      var out = [columns.map(function (c) { return c.label; })];
      sorted(computed(rows)).forEach(function (entry) {
        out.push(columns.map(function (c) { return cellText(entry.cells[c.id].text); }));
      });
      kb.files.download("多单位对比.csv", kb.files.csv(out), "text/csv", true);
      say("已导出 " + rows.length + " 行的 CSV 文件（可用 Excel 或 WPS 打开）。");
    });

    ref("print").addEventListener("click", function () { window.print(); });

    ref("clear").addEventListener("click", function () {
      if (!load().length) return;
      if (!window.confirm("清空对比表？已导入的结果将从本浏览器中删除（原文件不受影响）。")) return;
      kb.storage.remove(KEY);
      say("已清空对比表。");
      draw();
    });

    kb.notices(root, { before: ref("status"), keys: [KEY], onExport: function () { ref("csv").click(); } });
    draw();
  }

  kb.mount("compare", mount);
})();
