// Several agencies side by side: the evaluator imports the files agencies hand in (the calculator's
// years export, kind "<site key>-scoring-years", or a checklist assessment export, kind
// "<site key>-checklist-assessment") into one table: a row per agency (and year), a column per area,
// total and grade; sortable, exported as CSV, printable. Rules: kb.scoringRules (evaluate and
// fillFromChecklist, the same as the calculator). Each file is checked whole before anything is kept:
// a damaged or foreign file is refused by name and changes nothing.
// Widget: data-kb-component="compare", with the scheme (<script id="kb-compare-data">) inside.
// Storage (kb.storage), key "scoring:compare": {"format": 1, "rows": [{"agency": "...", "source": "...",
// "year": "<YYYY>" | "", "input": <input as for evaluate>, "empty": ["<area id>", ...]}]}.
(function () {
  "use strict";

  var kb = window.kb;
  var el = kb.el;
  var KEY = "scoring:compare";
  var FORMAT = 1;
  var YEARS_KIND = kb.fileKind("scoring-years");
  var CHECKLIST_KIND = kb.fileKind("checklist-assessment");
  var STATUSES = ["yes", "no", "na"];
  var MAX_BYTES = 2 * 1024 * 1024;
  // The table holds at most this many rows (a city's agencies over a few years): more would freeze
  // the page, so a file that would go past it is refused before any row of it is checked.
  var MAX_ROWS = 300;

  function has(obj, key) {
    return Object.prototype.hasOwnProperty.call(obj, key);
  }

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

    // --- reading files ---------------------------------------------------------------------------

    // Rows from a calculator years file; throws Error(reason) for a file that is not one or is damaged.
    function yearsRows(data, agency) {
      if (data.format !== FORMAT) throw new Error("文件格式版本 " + data.format + " 不受支持（应为 " + FORMAT + "）");
      if (!kb.isObject(data.years) || !Object.keys(data.years).length) throw new Error("文件中没有年度结果");
      var n = Object.keys(data.years).length;
      if (n > MAX_ROWS) throw new Error("文件中有 " + n + " 个年度，超过对比表上限 " + MAX_ROWS + " 行");
      var name = typeof data.unit === "string" && data.unit.trim() ? data.unit.trim().slice(0, 60) : agency;
      return Object.keys(data.years).sort().map(function (year) {
        if (!/^\d{4}$/.test(year)) throw new Error("年度“" + year + "”无效：应为四位数的年度");
        try { evaluate(data.years[year]); } catch (e) { throw new Error(year + "年度的数据无效：" + e.message); }
        return { agency: name, source: year + "年度（评分计算器）", year: year, input: data.years[year], empty: [] };
      });
    }

    // The row of a checklist assessment file: areas estimated as the calculator fills them.
    function checklistRows(data, agency) {
      if (data.format !== FORMAT) throw new Error("文件格式版本（" + String(data.format) + "）无法识别");
      var cl = scheme.checklists.filter(function (c) { return c.id === data.checklist; })[0];
      if (!cl) throw new Error("该自查文件所属的清单（" + String(data.title || data.checklist) + "）不用于估算评分领域");
      if (typeof data.name !== "string" || !data.name.trim()) throw new Error("文件缺少自查名称");
      if (!kb.isObject(data.answers)) throw new Error("文件缺少答案");
      var statuses = {};
      Object.keys(data.answers).forEach(function (id) {
        var answer = data.answers[id];
        if (!kb.isObject(answer) || (has(answer, "status") && STATUSES.indexOf(answer.status) < 0) ||
            (has(answer, "note") && typeof answer.note !== "string")) {
          throw new Error("项目 " + id + " 的答案格式不正确");
        }
        if (answer.status) statuses[id] = answer.status;
      });
      var areas = {};
      var empty = [];
      rules.fillFromChecklist(scheme.areas, cl.items, statuses).forEach(function (f) {
        if (f.points === null) empty.push(f.id);
        else areas[f.id] = f.points;
      });
      var year = (/(\d{4})/.exec(data.name) || [])[1] || "";
      return [{ agency: agency, source: "自查“" + data.name.trim().slice(0, 60) + "”（" + cl.title + "）", year: year,
        input: { areas: areas }, empty: empty }];
    }

    function rowsOf(text, fileName) {
      var data;
      try { data = JSON.parse(text); } catch (e) { throw new Error("文件已损坏或不是 JSON 文件"); }
      if (!kb.isObject(data)) throw new Error("这不是本站导出的考核评分记录或自查文件");
      if (data.kind === YEARS_KIND) return yearsRows(data, stem(fileName));
      if (data.kind === CHECKLIST_KIND) return checklistRows(data, stem(fileName));
      throw new Error("这不是本站导出的考核评分记录或自查文件");
    }

    function readOne(file) {
      if (file.size > MAX_BYTES) return Promise.resolve({ file: file, error: "文件过大，不是结果文件" });
      return kb.files.readFile(file).then(function (read) {
        try {
          return { file: file, rows: rowsOf(read.text, file.name), converted: read.encoding === "gb18030" };
        } catch (e) {
          return { file: file, error: e.message };
        }
      }, function (e) { return { file: file, error: e.message }; });
    }

    ref("import").addEventListener("change", function (event) {
      var files = Array.prototype.slice.call(event.target.files || []);
      event.target.value = "";
      if (!files.length) return;
      Promise.all(files.map(readOne)).then(function (results) {
        var rows = load();
        var lines = [];
        var added = 0;
        results.forEach(function (r) {
          if (r.error) {
            lines.push("无法导入“" + r.file.name + "”：" + r.error + "。该文件未导入。");
            return;
          }
          // The same agency and source imported again replaces its row.
          var incoming = {};
          r.rows.forEach(function (row) { incoming[JSON.stringify([row.agency, row.source])] = true; });
          var kept = rows.filter(function (old) { return !incoming[JSON.stringify([old.agency, old.source])]; });
          if (kept.length + r.rows.length > MAX_ROWS) {
            lines.push("无法导入“" + r.file.name + "”：对比表最多 " + MAX_ROWS + " 行，导入后将有 " +
              (kept.length + r.rows.length) + " 行。该文件未导入。");
            r.error = true;
            return;
          }
          if (r.converted) lines.push("“" + r.file.name + "”：" + kb.files.CONVERTED_TEXT + "。");
          rows = kept.concat(r.rows);
          added += r.rows.length;
        });
        if (added) {
          if (save(rows)) lines.unshift("已导入 " + added + " 行，对比表共 " + rows.length + " 行。");
          else lines.unshift("浏览器拒绝保存：对比表只在本页保留，请及时导出 CSV。");
        }
        say(lines.join("\n"), results.some(function (r) { return r.error; }) ? "error" : null);
        draw();
      });
    });

    // --- the table -------------------------------------------------------------------------------

    var columns = [{ id: "agency", label: "单位" }, { id: "source", label: "来源" }]
      .concat(scheme.areas.map(function (a) { return { id: "area:" + a.id, label: a.title + "（" + a.max + "）", area: a }; }))
      .concat([{ id: "total", label: "总分" }, { id: "grade", label: "等级" }]);

    // Each row with its result: cells by column id (value to show and to sort by).
    function computed(rows) {
      return rows.map(function (row, index) {
        var result = null;
        try { result = evaluate(row.input); } catch (e) { result = null; }
        var cells = { agency: { text: row.agency, sort: row.agency }, source: { text: row.source, sort: row.source } };
        scheme.areas.forEach(function (area) {
          var points = null;
          if (result && result.input === "areas") points = result.areas.filter(function (a) { return a.id === area.id; })[0].points;
          var text = points === null ? (row.empty.indexOf(area.id) >= 0 ? "—（无作答）" : "—") : String(points);
          cells["area:" + area.id] = { text: text, sort: points === null ? -1 : points };
        });
        var incomplete = row.empty.length > 0;
        cells.total = { text: result ? String(result.total) + (incomplete ? "（不完整）" : "") : "无法计算", sort: result ? result.total : -1 };
        cells.grade = { text: result ? (incomplete ? "（未定）" : result.grade) : "—", sort: result && !incomplete ? result.total : -1 };
        return { row: row, index: index, cells: cells };
      });
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
        head.appendChild(el("th", { scope: "col", "aria-sort": state }, button));
      });
      head.appendChild(el("th", { scope: "col", className: "kb-compare-ops" }, "操作"));
      t.appendChild(el("thead", null, head));
      var body = el("tbody");
      sorted(computed(rows)).forEach(function (entry) {
        var tr = el("tr");
        columns.forEach(function (col, i) {
          var cell = entry.cells[col.id];
          tr.appendChild(i === 0 ? el("th", { scope: "row" }, cell.text) : el("td", { "data-kb-col": col.id }, cell.text));
        });
        var remove = el("button", { type: "button", className: "md-button", "aria-label": "移除" + entry.row.agency + "（" + entry.row.source + "）" }, "移除");
        remove.addEventListener("click", function () {
          var all = load().filter(function (r) { return r.agency !== entry.row.agency || r.source !== entry.row.source; });
          save(all);
          say("已移除“" + entry.row.agency + "”（" + entry.row.source + "）。");
          draw();
        });
        tr.appendChild(el("td", { className: "kb-compare-ops" }, remove));
        body.appendChild(tr);
      });
      t.appendChild(body);
      tableBox.appendChild(t);
      if (rows.some(function (r) { return r.empty.length; })) {
        tableBox.appendChild(el("p", { className: "kb-score-covers" },
          "“—（无作答）”：该自查没有对应该领域的已作答条目，领域未计分；此行总分不完整，不定等级。"));
      }
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
