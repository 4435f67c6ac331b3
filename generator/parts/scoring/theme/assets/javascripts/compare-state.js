// The comparison's state, apart from the page (compare.js mounts it): reading the files agencies
// hand in, the rows they give, the key that tells one agency's record from another, merging and the
// cells of the table. No DOM: node runs these functions in the fast tier (tests/js/run_compare.js).
//
// The table's own CSV export (多单位对比.csv) reads back as its rows (exact shares recovered).
// A row: {agency, year, checklist, source, input, empty, answered, count, complete, confirmed}.
//   agency: the unit (自查单位) the file names, or the name the evaluator gave when it named none;
//   year: "YYYY" or ""; checklist: the checklist id, "" for a calculator years file; input: as for
//   evaluate (areas as exact shares "25/3"); answered / count: items answered of the checklist's
//   (null for calculator rows); complete: nothing applicable left unanswered; confirmed: the evaluator
//   confirmed an incomplete record as final. The row's key is agency + year + checklist, never the
//   file name.
(function () {
  "use strict";

  var STATUS_LABELS = { "符合": "yes", "不符合": "no", "不适用": "na" };
  var KIND_NAMES = {
    "checklist-assessment": "自查清单的自查结果（请在对应的自查清单页面导入，或在本页导入以对比）",
    "scoring-years": "评分计算器的多年度结果（请在评分计算器或本页导入）",
    "quiz-backup": "学法考试的练习记录备份（请在学法考试页面导入，不能用于考核对比）"
  };

  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function isObject(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }

  // kb.js's file rules (loaded before this file): decoding (UTF-8 or GBK, a file cut inside a
  // character called incomplete), the CSV reader and the truncated-JSON check, with their wording.
  function files() { return window.kb.files; }

  // A JSON text that fails to parse: cut short, or damaged (the words of the calculator's reader).
  function jsonProblem(text) {
    return files().truncatedJson(text) ? "文件不完整（JSON 在中途截断），可能复制或下载未完成，请重新导出或复制" :
      "文件已损坏或不是 JSON 文件";
  }

  // The site key's kinds: "<key>-checklist-assessment" -> "checklist-assessment".
  function kindName(kind, siteKey) {
    return typeof kind === "string" && kind.indexOf(siteKey + "-") === 0 ? kind.slice(siteKey.length + 1) : null;
  }

  function text60(value) { return typeof value === "string" ? value.trim().slice(0, 60) : ""; }

  // A checklist assessment (from JSON or CSV) as one row; throws Error(reason).
  function checklistRow(scheme, rules, file) {
    var cl = scheme.checklists.filter(function (c) { return c.id === file.checklist; })[0];
    if (!cl) throw new Error("该自查文件所属的清单（" + String(file.title || file.checklist) + "）不用于估算评分领域");
    var scored = rules.assess(scheme, cl.items, file.statuses, false);
    var areas = {}, empty = [];
    scored.areas.forEach(function (a) {
      if (a.points === null) empty.push(a.id);
      else areas[a.id] = a.points;
    });
    var year = /^\d{4}$/.test(file.year || "") ? file.year : ((/(\d{4})/.exec(file.name || "") || [])[1] || "");
    return {
      agency: text60(file.unit), year: year, checklist: cl.id,
      source: "自查“" + text60(file.name || "") + "”（" + cl.title + "）" + (file.filler ? "，填表人 " + text60(file.filler) : "") +
        (file.date ? "，" + text60(file.date) : ""),
      input: { areas: areas }, empty: empty, answered: scored.answered, count: scored.count,
      complete: scored.complete, confirmed: false
    };
  }

  // Statuses of a JSON checklist export; throws Error(reason).
  function jsonStatuses(data) {
    if (typeof data.name !== "string" || !data.name.trim()) throw new Error("文件缺少自查名称");
    if (!isObject(data.answers)) throw new Error("文件缺少答案");
    var statuses = {};
    Object.keys(data.answers).forEach(function (id) {
      var a = data.answers[id];
      if (!isObject(a) || (has(a, "status") && ["yes", "no", "na"].indexOf(a.status) < 0) ||
          (has(a, "note") && typeof a.note !== "string")) throw new Error("项目 " + id + " 的答案格式不正确");
      if (a.status) statuses[id] = a.status;
    });
    return statuses;
  }

  // A checklist CSV export (the checklist page's 导出 CSV) as the fields of its JSON twin.
  function csvChecklist(rows) {
    var head = {};
    var i = 0;
    for (; i < rows.length && rows[i][0] !== "序号"; i++) head[rows[i][0]] = rows[i][1] || "";
    if (!has(head, "清单编号") || i >= rows.length) return null;
    var cols = rows[i];
    var idCol = cols.indexOf("项目编号"), answerCol = cols.indexOf("答复");
    if (idCol < 0 || answerCol < 0) throw new Error("CSV 文件缺少“项目编号”或“答复”列");
    var statuses = {};
    rows.slice(i + 1).forEach(function (r, k) {
      var label = (r[answerCol] || "").trim();
      if (!label || !r[idCol]) return;
      if (!has(STATUS_LABELS, label)) throw new Error("CSV 第 " + (i + k + 2) + " 行的答复“" + label.slice(0, 10) + "”无法识别（应为符合、不符合或不适用）");
      statuses[r[idCol]] = STATUS_LABELS[label];
    });
    var plain = function (v) { return String(v || "").replace(/^'/, ""); };
    return { checklist: head["清单编号"], title: head["清单"], name: plain(head["自查名称"]), unit: plain(head["自查单位"]),
      year: plain(head["年度"]), filler: plain(head["填表人"]), date: plain(head["日期"]), statuses: statuses };
  }

  // Rows of one calculator years file; throws Error(reason).
  function yearsRows(scheme, rules, data, maxRows) {
    if (data.format !== 1) throw new Error("文件格式版本 " + data.format + " 不受支持（应为 1）");
    if (!isObject(data.years) || !Object.keys(data.years).length) throw new Error("文件中没有年度结果");
    var n = Object.keys(data.years).length;
    if (n > maxRows) throw new Error("文件中有 " + n + " 个年度，超过对比表上限 " + maxRows + " 行");
    return Object.keys(data.years).sort().map(function (year) {
      if (!/^\d{4}$/.test(year)) throw new Error("年度“" + year + "”无效：应为四位数的年度");
      try { rules.evaluate(scheme, data.years[year]); } catch (e) { throw new Error(year + "年度的数据无效：" + e.message); }
      return { agency: text60(data.unit), year: year, checklist: "", source: year + "年度（评分计算器）",
        input: data.years[year], empty: [], answered: null, count: null, complete: true, confirmed: false };
    });
  }

  // --- this page's own CSV (多单位对比.csv) read back --------------------------------------------

  // Two-decimal text as hundredths (an integer), or null.
  function hundredths(text) {
    var m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text);
    return m ? Number(m[1]) * 100 + Number(((m[2] || "") + "00").slice(0, 2)) : null;
  }

  // The simplest fraction n/d (d up to 60, as item counts give) whose one rounding shows `h`
  // hundredths: the exact share a checklist gave before the table rounded it ("8.33" -> "25/3").
  function exactShare(h) {
    for (var d = 1; d <= 60; d++) {
      var n = Math.round(h * d / 100);
      // n/d shown with two decimals, halves up: floor(100n/d + 1/2), in integers.
      if (Math.floor((200 * n + d) / (2 * d)) === h) return d === 1 ? String(n) : n + "/" + d;
    }
    return null;
  }

  // One row of the table's CSV as a row; throws Error(reason). The areas were rounded once for the
  // table: when their sum does not give the file's 总分, the exact shares behind them are recovered
  // (and must give it).
  function compareCsvRow(scheme, rules, cols, r, line) {
    var at = function (label) { var i = cols.indexOf(label); return i < 0 ? "" : String(r[i] || "").replace(/^'/, "").trim(); };
    var areas = {}, exact = {}, empty = [];
    scheme.areas.forEach(function (a) {
      var text = at(a.title + "（" + a.max + "）");
      if (text.indexOf("—") === 0) { if (text.indexOf("未答") > 0) empty.push(a.id); return; }
      var h = hundredths(text);
      if (h === null) throw new Error("CSV 第 " + line + " 行“" + a.title + "”的得分“" + text.slice(0, 10) + "”无法识别");
      areas[a.id] = h / 100;
      exact[a.id] = exactShare(h) || h / 100;
    });
    var total = at("总分").replace(/（暂定）$/, ""), grade = at("等级"), answered = /^已答 (\d+)\/(\d+)$/.exec(at("已答"));
    var shown = function (input) { try { return String(rules.evaluate(scheme, input).total); } catch (e) { return null; } };
    var input = { areas: areas };
    if (shown(input) !== total) input = { areas: exact };
    if (shown(input) !== total) throw new Error("CSV 第 " + line + " 行的各领域得分与总分“" + total.slice(0, 10) + "”不符");
    var source = at("来源");
    var cl = scheme.checklists.filter(function (c) { return source.indexOf("（" + c.title + "）") >= 0; })[0];
    var confirmed = /（经确认）$/.test(grade);
    return { agency: text60(at("单位")), year: /^\d{4}$/.test(at("年度")) ? at("年度") : "", checklist: cl ? cl.id : "",
      source: source.slice(0, 200), input: input, empty: empty,
      answered: answered ? Number(answered[1]) : null, count: answered ? Number(answered[2]) : null,
      complete: grade.indexOf("暂定") !== 0 && !confirmed, confirmed: confirmed };
  }

  function compareCsvRows(scheme, rules, rows, maxRows) {
    var cols = rows[0];
    var body = rows.slice(1).filter(function (r) { return r.join("") !== ""; });
    if (body.length > maxRows) throw new Error("文件中有 " + body.length + " 行，超过对比表上限 " + maxRows + " 行");
    if (!body.length) throw new Error("文件中没有结果行");
    return body.map(function (r, k) { return compareCsvRow(scheme, rules, cols, r, k + 2); });
  }

  // Rows of a file's text: {rows} (agency "" when the file names no unit) or throws Error(reason).
  function rowsOf(scheme, rules, siteKey, text, maxRows) {
    var t = text.trim();
    if (!/^[{[]/.test(t)) {
      var table = files().parseCsv(text);
      if (table.length && table[0][0] === "单位" && table[0].indexOf("总分") >= 0) return compareCsvRows(scheme, rules, table, maxRows);
      var cl = csvChecklist(table);
      if (!cl) throw new Error("这不是本站导出的自查或考核评分文件（CSV 文件缺少“清单编号”）");
      return [checklistRow(scheme, rules, cl)];
    }
    var data;
    try { data = JSON.parse(t); } catch (e) { throw new Error(jsonProblem(t)); }
    if (!isObject(data)) throw new Error("这不是本站导出的考核评分记录或自查文件");
    var kind = kindName(data.kind, siteKey);
    if (kind === "scoring-years") return yearsRows(scheme, rules, data, maxRows);
    if (kind === "checklist-assessment") {
      if (data.format !== 1) throw new Error("文件格式版本（" + String(data.format) + "）无法识别");
      return [checklistRow(scheme, rules, {
        checklist: data.checklist, title: data.title, name: data.name, unit: data.unit, year: data.year,
        filler: data.filler, date: data.date, statuses: jsonStatuses(data)
      })];
    }
    if (kind && has(KIND_NAMES, kind)) throw new Error("这是" + KIND_NAMES[kind]);
    if (typeof data.kind === "string") throw new Error("这是其他网站或版本导出的文件（类型“" + data.kind.slice(0, 60) + "”），不是本站的考核评分记录或自查文件");
    throw new Error("这不是本站导出的考核评分记录或自查文件");
  }

  function keyOf(row) { return JSON.stringify([row.agency, row.year, row.checklist || ""]); }

  // The rows after adding `incoming` with the evaluator's choice for a key already there:
  // "replace" the old row, "both" (the new row's unit gets a suffix), or "skip" the new row.
  function merge(rows, row, choice) {
    var k = keyOf(row);
    var found = rows.some(function (r) { return keyOf(r) === k; });
    if (!found) return rows.concat([row]);
    if (choice === "skip") return rows;
    if (choice === "replace") return rows.filter(function (r) { return keyOf(r) !== k; }).concat([row]);
    for (var n = 2; ; n++) {
      var copy = JSON.parse(JSON.stringify(row));
      copy.agency = row.agency + "（" + n + "）";
      if (!rows.some(function (r) { return keyOf(r) === keyOf(copy); })) return rows.concat([copy]);
    }
  }

  // Cells of one row: {column id: {text, sort}}; the grade of an incomplete row is 暂定.
  function cells(scheme, rules, row) {
    var result = null;
    try { result = rules.evaluate(scheme, row.input); } catch (e) { result = null; }
    var out = { agency: { text: row.agency, sort: row.agency }, year: { text: row.year, sort: row.year },
      source: { text: row.source, sort: row.source } };
    scheme.areas.forEach(function (area) {
      var a = result && result.input === "areas" ? result.areas.filter(function (x) { return x.id === area.id; })[0] : null;
      var points = a ? a.points : null;
      out["area:" + area.id] = { text: points === null ? (row.empty.indexOf(area.id) >= 0 ? "—（未答）" : "—") : String(points),
        sort: points === null ? -1 : points };
    });
    // Rows of an earlier release carry no `complete`: an area left empty made them incomplete then.
    var provisional = (row.complete === false || (row.complete === undefined && row.empty.length > 0)) && !row.confirmed;
    out.total = { text: result ? String(result.total) + (provisional ? "（暂定）" : "") : "无法计算", sort: result ? result.total : -1 };
    out.grade = { text: !result ? "—" : provisional ? "暂定 " + result.grade : result.grade + (row.confirmed ? "（经确认）" : ""),
      sort: result ? result.total : -1 };
    out.answered = { text: row.count ? "已答 " + row.answered + "/" + row.count : "—", sort: row.count ? row.answered / row.count : -1 };
    return out;
  }

  // --- the table ---------------------------------------------------------------------------------

  // Key columns first, so they stay in view on a 1366 px screen; the areas follow.
  function columns(scheme) {
    return [{ id: "agency", label: "单位" }, { id: "year", label: "年度" }, { id: "total", label: "总分" },
      { id: "grade", label: "等级" }, { id: "answered", label: "已答" }]
      .concat(scheme.areas.map(function (a) { return { id: "area:" + a.id, label: a.title + "（" + a.max + "）", area: a }; }))
      .concat([{ id: "source", label: "来源" }]);
  }

  // The years of the rows, newest first, each once.
  function yearsOf(rows) {
    return rows.map(function (r) { return r.year; }).filter(function (y, i, all) {
      return y && all.indexOf(y) === i;
    }).sort().reverse();
  }

  // The rows of the year chosen (all when none is): one row per agency for a year's evaluation.
  function ofYear(rows, year) {
    return year ? rows.filter(function (r) { return r.year === year; }) : rows;
  }

  // Each row with its cells by column id (value to show and to sort by), in the order of `sortBy`
  // ({column, descending}; column null: as imported); ties keep the imported order.
  function entries(scheme, rules, rows, sortBy) {
    var list = rows.map(function (row, index) { return { row: row, index: index, cells: cells(scheme, rules, row) }; });
    if (!sortBy || !sortBy.column) return list;
    var id = sortBy.column;
    var sign = sortBy.descending ? -1 : 1;
    return list.sort(function (a, b) {
      var x = a.cells[id].sort, y = b.cells[id].sort;
      var order = typeof x === "number" ? x - y : String(x).localeCompare(String(y), "zh-CN");
      return order * sign || a.index - b.index;
    });
  }

  // Clicking a column's header: the same column turns its order round; another sorts by it,
  // totals and areas highest first.
  function nextSort(sortBy, column) {
    if (sortBy.column === column.id) return { column: column.id, descending: !sortBy.descending };
    return { column: column.id, descending: column.id === "total" || !!column.area };
  }

  // Excel and WPS run cells starting with = + - @ as formulas: user text is quoted to stay text.
  function cellText(value) {
    var s = value === undefined || value === null ? "" : String(value);
    return /^[=+\-@\t\r]/.test(s) ? "'" + s : s;
  }

  // The table as CSV rows (多单位对比.csv), in the order shown.
  function csvTable(scheme, rules, rows, sortBy) {
    var cols = columns(scheme);
    var out = [cols.map(function (c) { return c.label; })];
    entries(scheme, rules, rows, sortBy).forEach(function (entry) {
      out.push(cols.map(function (c) { return cellText(entry.cells[c.id].text); }));
    });
    return out;
  }

  // The rules the table applies, stated under it.
  function rulesText(scheme) {
    return "已答：已作答条目数/清单条目数。有未答条目的自查只给“暂定”等级，考核人确认后方为最终等级（表中注明“经确认”）。" +
      "“—（未答）”：该领域没有作答，按 0 分计入暂定总分。" + scheme.not_applicable.text +
      "总分由各领域精确值相加，只在显示时舍入一次（两位小数，四舍五入）；等级按精确总分确定。";
  }

  // The rows with `row`'s record confirmed as final by the evaluator.
  function confirmed(rows, row) {
    return rows.map(function (r) {
      if (keyOf(r) === keyOf(row)) r.confirmed = true;
      return r;
    });
  }

  function without(rows, row) {
    return rows.filter(function (r) { return keyOf(r) !== keyOf(row); });
  }

  // --- importing: the evaluator's answers ---------------------------------------------------------

  // The name offered for a file's unit: its name without the extension.
  function stem(name) {
    return String(name).replace(/\.[^.]*$/, "").trim().slice(0, 60) || "未命名单位";
  }

  function unitQuestion(fileName) {
    return "文件“" + fileName + "”没有填写自查单位。请输入被考核单位名称（取消则不导入该文件）：";
  }

  function takenQuestion(taken) {
    var row = taken[0];
    var what = "“" + row.agency + "”" + (row.year ? row.year + "年度" : "") + "的同一清单结果";
    return "对比表中已有" + (taken.length > 1 ? "该文件中的 " + taken.length + " 行，如" : "") + what +
      "。请输入：1 替换原有行；2 两行都保留；3 跳过（不导入）";
  }

  // The evaluator's answer to takenQuestion: anything but 1, 2 or 3 (or cancelling) skips.
  function choiceOf(answer) {
    return answer === null || answer === undefined ? "skip" :
      { "1": "replace", "2": "both", "3": "skip" }[String(answer).trim()] || "skip";
  }

  // The rows of one file with their units: rows naming none take the unit the evaluator gives
  // (asked once for the file); null when asked and none was given.
  function named(file, ask) {
    if (file.rows.every(function (r) { return r.agency; })) return file.rows;
    var given = ask(unitQuestion(file.name), stem(file.name));
    if (given === null || given === undefined || !String(given).trim()) return null;
    var unit = String(given).trim().slice(0, 60);
    return file.rows.map(function (r) { return r.agency ? r : Object.assign({}, r, { agency: unit }); });
  }

  // One file's rows added to `list` as a whole or not at all: {list, lines, added, replaced, refused}.
  function addFile(list, file, ask, maxRows) {
    var out = { list: list, lines: [], added: 0, replaced: 0, refused: false };
    var rows = named(file, ask);
    if (!rows) { out.lines.push("“" + file.name + "”未导入：没有单位名称。"); return out; }
    var keys = list.map(keyOf);
    var taken = rows.filter(function (r) { return keys.indexOf(keyOf(r)) >= 0; });
    var fresh = rows.length - taken.length;
    var refuse = function (n) {
      out.refused = true;
      out.lines = ["无法导入“" + file.name + "”：对比表最多 " + maxRows + " 行，导入后将有 " + n + " 行。该文件未导入。"];
      return out;
    };
    if (list.length + fresh > maxRows) return refuse(list.length + fresh);
    var choice = taken.length ? choiceOf(ask(takenQuestion(taken), "1")) : "new";
    var next = list;
    rows.forEach(function (row) {
      var isTaken = taken.indexOf(row) >= 0;
      if (isTaken && choice === "skip") return;
      next = merge(next, row, isTaken ? choice : "both");
      out.added++;
      if (isTaken && choice === "replace") out.replaced++;
    });
    if (next.length > maxRows) return refuse(next.length);
    if (taken.length && choice === "skip") {
      out.lines.push(taken.length === 1 ? "已跳过“" + taken[0].agency + "”（" + taken[0].source + "）。" :
        "已跳过“" + file.name + "”中对比表已有的 " + taken.length + " 行。");
    }
    out.list = next;
    return out;
  }

  // The files read for import ([{name, rows} | {name, error}], converted: read from GBK) added to
  // `list` in order. `ask(question, offered)` is the evaluator's answer (window.prompt on the page;
  // null: cancelled). {list, lines, added, replaced, failed}: lines say what happened to each file.
  function importFiles(list, files, ask, maxRows, convertedText) {
    var out = { list: list, lines: [], added: 0, replaced: 0, failed: false };
    files.forEach(function (file) {
      if (file.error) {
        out.lines.push("无法导入“" + file.name + "”：" + file.error + "。该文件未导入。");
        out.failed = true;
        return;
      }
      if (file.converted) out.lines.push("“" + file.name + "”：" + convertedText + "。");
      var one = addFile(out.list, file, ask, maxRows);
      out.lines = out.lines.concat(one.lines);
      out.list = one.list;
      out.added += one.added;
      out.replaced += one.replaced;
      out.failed = out.failed || one.refused;
    });
    return out;
  }

  // The first line of an import's report, when rows were added.
  function importSummary(done) {
    return "已导入 " + done.added + " 行" + (done.replaced ? "（其中替换 " + done.replaced + " 行）" : "") +
      "，对比表共 " + done.list.length + " 行。";
  }

  window.kb.compareState = {
    decode: function (bytes) { return files().decode(bytes); }, rowsOf: rowsOf, merge: merge, keyOf: keyOf, cells: cells,
    columns: columns, yearsOf: yearsOf, ofYear: ofYear, entries: entries, nextSort: nextSort, cellText: cellText,
    csvTable: csvTable, rulesText: rulesText, confirmed: confirmed, without: without, stem: stem,
    unitQuestion: unitQuestion, takenQuestion: takenQuestion, choiceOf: choiceOf, importFiles: importFiles,
    importSummary: importSummary
  };
})();
