// The calculator's state, apart from the page (calculator.js mounts it): reading typed fields,
// checking a years file, and the years as CSV both ways. No DOM and no storage.
//
// A years file: {"kind": "<site key>-scoring-years", "format": 1, "unit"?: "...", "years":
// {"YYYY": input as for evaluate}}. The years CSV (导出 CSV) has one row per year under the header
// 年度, 被考核单位, each area "<title>（<max>）", 直接输入总分, 上一年度等级, 同类违法执法认定次数,
// 查证属实投诉次数, then 总分 and 等级 as computed (read back for nothing: the input is what counts).
(function () {
  "use strict";

  var MAX_YEARS = 200;
  var FIELDS = [["total", "直接输入总分"], ["previous_grade", "上一年度等级"],
    ["illegal_findings_same_kind", "同类违法执法认定次数"], ["verified_complaints", "查证属实投诉次数"]];

  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function isObject(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function files() { return window.kb.files; }

  // Field text as the rules should see it: empty -> undefined (left out); a plain decimal (full-width
  // digits too) -> number; anything else unchanged, so the rules refuse it with their own message.
  function parseField(text) {
    var t = String(text).trim().replace(/[０-９]/g, function (d) {
      return String.fromCharCode(d.charCodeAt(0) - 0xfee0);
    }).replace(/．/g, ".");
    if (t === "") return undefined;
    if (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return Number(t);
    return t;
  }

  function yearProblem(year) {
    return /^\d{4}$/.test(year) ? "" : "请填写四位数的年度，例如 2026";
  }

  // Why the years of a file cannot be taken ("" when they can): every year checked by the rules.
  function yearsProblem(years, evaluate) {
    if (!isObject(years)) return "文件中没有年度结果";
    var keys = Object.keys(years);
    if (!keys.length) return "文件中没有年度结果";
    if (keys.length > MAX_YEARS) return "文件中有 " + keys.length + " 个年度，超过上限 " + MAX_YEARS + " 个（不是本站导出的考核评分记录）";
    for (var i = 0; i < keys.length; i++) {
      if (yearProblem(keys[i])) return "年度“" + keys[i] + "”无效：应为四位数的年度";
      try { evaluate(years[keys[i]]); } catch (e) { return keys[i] + "年度的数据无效：" + e.message; }
    }
    return "";
  }

  function areaLabel(area) { return area.title + "（" + area.max + "）"; }

  // The years as CSV rows. An exact share ("25/3") is written as '25/3, so Excel keeps it text
  // rather than reading a date.
  function csvRows(scheme, years, unit, evaluate) {
    var head = ["年度", "被考核单位"].concat(scheme.areas.map(areaLabel), FIELDS.map(function (f) { return f[1]; }), ["总分", "等级"]);
    var rows = [head];
    Object.keys(years).sort().forEach(function (year) {
      var input = years[year], result = null;
      try { result = evaluate(input); } catch (e) { result = null; }
      var text = function (v) {
        if (v === undefined || v === null) return "";
        return typeof v === "string" && v.indexOf("/") > 0 ? "'" + v : files().cellText(v);
      };
      rows.push([year, files().cellText(unit || "")].concat(
        scheme.areas.map(function (a) { return text(input.areas && input.areas[a.id]); }),
        FIELDS.map(function (f) { return text(input[f[0]]); }),
        [result ? String(result.total) : "", result ? result.grade : ""]));
    });
    return rows;
  }

  function cell(row, col) { return col < 0 ? "" : String(row[col] || "").replace(/^'/, "").trim(); }

  // The input of one CSV row, as the form would give it.
  function rowInput(scheme, cols, row) {
    var input = {}, areas = {};
    scheme.areas.forEach(function (a) {
      var v = parseField(cell(row, cols.indexOf(areaLabel(a))));
      if (v !== undefined) areas[a.id] = v;
    });
    if (Object.keys(areas).length) input.areas = areas;
    FIELDS.forEach(function (f) {
      var v = cell(row, cols.indexOf(f[1]));
      if (f[0] === "previous_grade") { if (v) input.previous_grade = v; return; }
      var n = parseField(v);
      if (n !== undefined && (f[0] !== "total" || !input.areas)) input[f[0]] = n;
    });
    if (!input.areas && input.total === undefined) input.areas = {};
    return input;
  }

  // The years of this calculator's CSV: {years, unit} or {error}.
  function yearsFromCsv(scheme, rows) {
    var cols = rows[0] || [];
    if (cols[0] !== "年度" || cols.indexOf("总分") < 0) return { error: csvKind(rows) };
    var missing = scheme.areas.map(areaLabel).filter(function (l) { return cols.indexOf(l) < 0; });
    if (missing.length) return { error: "CSV 文件缺少“" + missing[0] + "”列（评分方案已变化，或不是本站导出的文件）" };
    var years = {}, unit = "";
    for (var i = 1; i < rows.length; i++) {
      var year = cell(rows[i], 0);
      if (!year && rows[i].join("") === "") continue;
      if (has(years, year)) return { error: "CSV 第 " + (i + 1) + " 行：" + year + "年度重复" };
      years[year] = rowInput(scheme, cols, rows[i]);
      unit = unit || files().plainCell(cell(rows[i], cols.indexOf("被考核单位")));
    }
    return { years: years, unit: unit };
  }

  // What a CSV of another page is, and where it belongs.
  function csvKind(rows) {
    var first = rows[0] || [];
    if (first[0] === "单位" && first.indexOf("总分") >= 0) return "这是多单位对比表（请在“考核评分 › 多单位对比”页面导入），不是考核评分记录";
    if (rows.some(function (r) { return r[0] === "清单编号"; })) {
      return "这是自查清单的自查结果（请在对应的自查清单页面导入，或在多单位对比页面导入以对比），不是考核评分记录";
    }
    return "这不是本站导出的考核评分记录文件";
  }

  var KINDS = {
    "checklist-assessment": "这是自查清单的自查结果（请在对应的自查清单页面导入，或在“从自查清单填入”中使用），不是考核评分记录",
    "quiz-backup": "这是学法考试的练习记录备份（请在学法考试页面导入），不是考核评分记录"
  };

  // A file's text read as years: {years, unit} or {error}. JSON (this page's export) or CSV.
  function readYears(text, scheme, siteKey, evaluate) {
    var t = text.trim(), read;
    if (!/^[{[]/.test(t)) read = yearsFromCsv(scheme, files().parseCsv(text));
    else {
      var data;
      try { data = JSON.parse(t); } catch (e) {
        return { error: files().truncatedJson(t) ? "文件不完整（JSON 在中途截断），可能复制或下载未完成，请重新导出或复制" :
          "文件已损坏或不是 JSON 文件" };
      }
      var kind = isObject(data) && typeof data.kind === "string" && data.kind.indexOf(siteKey + "-") === 0 ?
        data.kind.slice(siteKey.length + 1) : null;
      if (kind !== null && has(KINDS, kind)) return { error: KINDS[kind] };
      if (!isObject(data) || kind !== "scoring-years") return { error: "这不是本站导出的考核评分记录文件" };
      if (data.format !== 1) return { error: "文件格式版本 " + data.format + " 不受支持（应为 1）" };
      read = { years: data.years, unit: typeof data.unit === "string" ? data.unit : "" };
    }
    if (read.error) return read;
    var problem = yearsProblem(read.years, evaluate);
    return problem ? { error: problem } : read;
  }

  window.kb = window.kb || {};
  window.kb.calculatorState = { parseField: parseField, yearProblem: yearProblem, yearsProblem: yearsProblem,
    csvRows: csvRows, yearsFromCsv: yearsFromCsv, readYears: readYears };
})();
