// The calculator's state, apart from the page (calculator.js mounts it): reading typed fields,
// checking a years file, the years as CSV both ways, the input a form gives and every field error,
// the notes, the fill report and the score sheet's rows and remarks, the years table. No DOM and no
// storage: node runs these in the fast tier (tests/js/run_calculator.js).
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

  // --- the form ----------------------------------------------------------------------------------

  // The form's fields other than the unit, evaluator and year: what a draft keeps.
  function draftFields(scheme) {
    return ["previous_grade", "illegal_findings_same_kind", "verified_complaints", "total"].concat(
      scheme.areas.map(function (a) { return "areas." + a.id; }));
  }

  // The input for evaluate from the typed fields ({field name: text}) in mode "areas" or "total".
  function inputOf(scheme, mode, fields) {
    var input = {};
    var typed = function (name) { return parseField(has(fields, name) ? fields[name] : ""); };
    if (mode === "areas") {
      input.areas = {};
      scheme.areas.forEach(function (area) {
        var v = typed("areas." + area.id);
        if (v !== undefined) input.areas[area.id] = v;
      });
    } else {
      var total = typed("total");
      if (total !== undefined) input.total = total;
    }
    if (fields.previous_grade) input.previous_grade = fields.previous_grade;
    ["illegal_findings_same_kind", "verified_complaints"].forEach(function (name) {
      var v = typed(name);
      if (v !== undefined) input[name] = v;
    });
    return input;
  }

  // The fields' texts that show a saved input ({field name: text}) and its mode.
  function formOf(scheme, input) {
    var fields = {};
    scheme.areas.forEach(function (area) {
      var v = input.areas && input.areas[area.id];
      fields["areas." + area.id] = v === undefined || v === null ? "" : String(v);
    });
    fields.total = input.total === undefined ? "" : String(input.total);
    fields.previous_grade = input.previous_grade || "";
    fields.illegal_findings_same_kind = input.illegal_findings_same_kind ? String(input.illegal_findings_same_kind) : "";
    fields.verified_complaints = input.verified_complaints ? String(input.verified_complaints) : "";
    return { mode: input.total !== undefined ? "total" : "areas", fields: fields };
  }

  // Every field error, by running the one set of rules until the rest of the input passes:
  // {result, errors: {field: message}, clean} or {result: null, errors, missing}.
  function checkInput(evaluate, input) {
    var errors = {};
    var trial = JSON.parse(JSON.stringify(input));
    for (var guard = 0; guard < 50; guard++) {
      try {
        return { result: evaluate(trial), errors: errors, clean: Object.keys(errors).length === 0 };
      } catch (e) {
        var field = e.field || "input";
        if (field === "input" || errors[field]) return { result: null, errors: errors, missing: e.detail };
        errors[field] = e.detail || e.message;
        if (field.indexOf("areas.") === 0) delete trial.areas[field.slice(6)];
        else delete trial[field];
      }
    }
    return { result: null, errors: errors };
  }

  // The notes under the total: [{text, className, ref?}]. filledFrom: the assessment the areas
  // came from ({name, checklist, scored}) or null.
  function summaryNotes(result, outcome, filledFrom) {
    var notes = [];
    if (filledFrom && !filledFrom.scored.complete) {
      notes.push({ className: "kb-score-error", ref: "provisional", text: "暂定：自查“" + filledFrom.name + "”已答 " +
        filledFrom.scored.answered + "/" + filledFrom.scored.count + " 项，尚未作答完毕，不定最终等级。" });
    }
    if (result.exact && result.exact.indexOf("/") > 0) {
      notes.push({ className: "kb-score-covers", ref: "exact",
        text: "总分按各领域精确值相加后只舍入一次（保留两位小数，四舍五入）；等级按精确总分 " + result.exact + " 确定。" });
    }
    if (!outcome.clean) notes.push({ className: "kb-score-error", text: "有输入错误的项目未计入，请按提示更正。" });
    if (result.input === "areas") {
      var blank = result.areas.filter(function (a) { return a.points === null && !outcome.errors["areas." + a.id]; });
      if (blank.length && blank.length < result.areas.length) {
        notes.push({ className: "kb-score-covers", text: "未填写的领域按 0 分计：" +
          blank.map(function (a) { return a.title; }).join("、") + "。" });
      }
    }
    return notes;
  }

  // --- filling from a checklist assessment -------------------------------------------------------

  // The options of the assessments list ([{value, text}]) and the one to choose: the one chosen
  // before, else the checklist's current one, else the first. found: the checklist's view
  // ({current, list}) or null.
  function assessmentOptions(found, keep) {
    if (!found) return { options: [{ value: "", text: "（尚无保存的自查）" }], value: "" };
    var ids = found.list.map(function (a) { return a.id; });
    return {
      options: found.list.map(function (a) { return { value: a.id, text: a.name + "（已答 " + Object.keys(a.statuses).length + " 项）" }; }),
      value: ids.indexOf(keep) >= 0 ? keep : (ids.indexOf(found.current) >= 0 ? found.current : ids[0])
    };
  }

  function areaTitle(scheme, id) {
    return scheme.areas.filter(function (a) { return a.id === id; })[0].title;
  }

  // What a fill did, area by area, with the answered count and the 不适用 rule applied.
  function fillReport(scheme, cl, assessment, scored) {
    var lines = ["按“" + cl.title + "”的自查“" + assessment.name + "”填入（已答 " + scored.answered + "/" +
      scored.count + "）："];
    scored.areas.forEach(function (f, i) {
      var area = scheme.areas[i];
      var counts = "符合 " + f.yes + " 项、不符合 " + f.no + " 项、不适用 " + f.na + " 项" +
        (f.unanswered ? "、未答 " + f.unanswered + " 项" : "");
      if (f.basis === "answers") {
        lines.push(area.title + "：" + counts + " → " + area.max + " × " + f.yes + " ÷ " + (f.yes + f.no) +
          " = " + f.shown + " 分" + (f.points.indexOf("/") > 0 ? "（精确值 " + f.points + "）" : ""));
      } else if (f.basis === "all-na") {
        lines.push(area.title + "：" + counts + " → 已答条目全部不适用，按评分方案" +
          (scored.rule === "proportional" ? "按比例折算" : "按满分计") + "：" + f.shown + " 分");
      } else {
        lines.push(area.title + "：" + (f.basis === "no-items" ? "本清单没有对应本领域的条目" : counts + "，没有作答") +
          "，已留空（按 0 分计）。");
      }
    });
    if (!scored.complete) {
      lines.push("暂定：该自查已答 " + scored.answered + "/" + scored.count + " 项" +
        (scored.missing.length ? "，未评分的领域：" + scored.missing.map(function (id) { return areaTitle(scheme, id); }).join("、") : "") +
        "。总分和等级只是暂定，补全作答后再填入。");
    }
    lines.push(scheme.not_applicable.text);
    return lines;
  }

  // --- the score sheet ---------------------------------------------------------------------------

  // The sheet's area rows [{id, n, title, max, text}] and whether an area was left out (a blank
  // cell on a signed sheet could be filled in later: an area left out says so).
  function sheetAreas(scheme, result) {
    var byArea = !!result && result.input === "areas";
    var unfilled = false;
    var rows = scheme.areas.map(function (area, i) {
      var got = byArea ? result.areas.filter(function (a) { return a.id === area.id; })[0].points : null;
      if (byArea && got === null) unfilled = true;
      return { id: area.id, n: String(i + 1), title: area.title, max: String(area.max),
        text: got !== null ? String(got) : byArea ? "未填（0）" : "" };
    });
    return { rows: rows, unfilled: unfilled };
  }

  // The remarks under the sheet's table: what was left out, how the total was given, and the
  // rules applied (completeness, 不适用, the one rounding).
  function sheetRemarks(scheme, result, filledFrom, unfilled) {
    var out = [];
    if (unfilled) out.push("“未填（0）”：该领域未评分，按 0 分计入总分。");
    if (result && result.input === "total") out.push("本次直接输入总分，未按领域评分。");
    if (filledFrom) {
      var f = filledFrom.scored;
      out.push("依据“" + filledFrom.checklist + "”自查“" + filledFrom.name + "”：已答 " + f.answered + "/" + f.count +
        " 项" + (f.complete ? "。" : "，尚未作答完毕，总分和等级为暂定。"));
      out.push("不适用规则：" + scheme.not_applicable.text);
    }
    if (result && result.exact) {
      out.push("总分由各领域精确值相加，只在显示时舍入一次（两位小数，四舍五入）" +
        (result.exact.indexOf("/") > 0 ? "；精确总分 " + result.exact : "") + "；等级按精确总分确定。");
    }
    return out;
  }

  // --- several years -----------------------------------------------------------------------------

  // The saved years in order with their results ({error} where the current scheme refuses one),
  // and the rows of the years table: [{label, cells}] with each cell a text, "—" for none.
  function yearsTable(scheme, years, evaluate) {
    var keys = Object.keys(years).sort();
    var results = keys.map(function (y) {
      try { return evaluate(years[y]); } catch (e) { return { error: e.message }; }
    });
    var row = function (label, cell) {
      return { label: label, cells: results.map(function (r) {
        var value = r.error ? (label === "总分" ? "按当前方案无法计算：" + r.error : "—") : cell(r);
        return value === null || value === undefined ? "—" : String(value);
      }) };
    };
    var rows = scheme.areas.map(function (area) {
      return row(areaLabel(area), function (r) {
        if (r.input !== "areas") return "—";
        var a = r.areas.filter(function (x) { return x.id === area.id; })[0];
        return a && a.points !== null ? a.points : "—";
      });
    });
    rows.push(row("总分", function (r) { return r.total; }), row("等级", function (r) { return r.grade; }));
    return { keys: keys, results: results, rows: rows };
  }

  // The years of an imported file that would replace saved ones.
  function replacedYears(saved, incoming) {
    return Object.keys(incoming).sort().filter(function (k) { return has(saved, k); });
  }

  window.kb = window.kb || {};
  window.kb.calculatorState = { parseField: parseField, yearProblem: yearProblem, yearsProblem: yearsProblem,
    csvRows: csvRows, yearsFromCsv: yearsFromCsv, readYears: readYears, draftFields: draftFields, inputOf: inputOf,
    formOf: formOf, checkInput: checkInput, summaryNotes: summaryNotes, assessmentOptions: assessmentOptions,
    fillReport: fillReport, sheetAreas: sheetAreas, sheetRemarks: sheetRemarks, yearsTable: yearsTable,
    replacedYears: replacedYears };
})();
