// Evaluation calculator: live total, grade and consequences (rules in scoring-rules.js), input
// errors next to their fields, filling areas from a saved checklist assessment, and several
// years' results kept in browser storage, compared side by side, exported and imported.
// Widget: data-kb-component="calculator", with the scheme (<script id="kb-scoring-data">) inside;
// every element is found inside that root (data-kb-ref and data-kb-field attributes).
// Exposes window.kbScoring = {scheme, evaluate(input)}: the same rules as `python -m generator score`.
// Storage (kb.storage), key "scoring:years": {"format": 1, "years": {"<YYYY>": <input as for evaluate>}};
// key "scoring:draft": {"format": 1, "fields": {"<field or ref name>": "<typed text>"}}, what is typed
// in the form (kept across reloads until saved as a year or cleared).
// Print gives the 评议考核评分表 (unit, year, evaluator, areas, total, grade, consequences, signatures).
// The exported years file may carry "unit" (被考核单位), which the comparison page (compare.js) reads.
// The years also export as CSV and import back (JSON or CSV, UTF-8 or GBK); the pure rules of reading
// fields and files, the form's input and errors, the notes, the fill report, the sheet and the years
// table are kb.calculatorState (calculator-state.js, run by node in the fast tier); this file wires
// them to the page through small functions sharing one context (`w`: elements and state).
(function () {
  "use strict";

  var kb = window.kb;
  var el = kb.el;
  var calc = kb.calculatorState;
  var YEARS_KEY = "scoring:years";
  var DRAFT_KEY = "scoring:draft";
  var FILE_KIND = kb.fileKind("scoring-years");
  var FORMAT = 1;
  // An imported file holds at most this many bytes (and calculator-state.js at most 200 years): more
  // is not a file of this site, and checking it would freeze the page.
  var MAX_IMPORT_BYTES = 2 * 1024 * 1024;

  kb.storage.define(YEARS_KEY, {
    format: FORMAT,
    check: function (record) { return kb.isObject(record.years); }
  });
  kb.storage.define(DRAFT_KEY, {
    format: FORMAT,
    check: function (record) { return kb.isObject(record.fields); }
  });

  // --- the widget's elements and state -----------------------------------------------------------

  function context(root, scheme, rules) {
    var ref = function (name) { return root.querySelector('[data-kb-ref="' + name + '"]'); };
    var names = ["form", "summary", "consequences", "areas", "totalbox", "bar", "sheet", "unit", "evaluator", "checklist",
      "fill-button", "fill-status", "assessment", "year", "year-error", "years-status", "table", "confirm", "confirm-text",
      "confirm-no", "confirm-yes", "save", "print", "export", "export-csv", "import"];
    var ui = {};
    names.forEach(function (name) { ui[name] = ref(name); });
    return {
      root: root, scheme: scheme, rules: rules, base: root.getAttribute("data-kb-root") || "", ui: ui,
      evaluate: function (input) { return rules.evaluate(scheme, input); },
      // The record filled from a checklist assessment: {name, checklist, scored}; dropped when an
      // area is typed by hand (the areas are then the evaluator's, not the assessment's).
      filledFrom: null,
      // What waits for the user to confirm overwriting saved years: {run, cancelled (what to say)}.
      pending: null
    };
  }

  function field(w, name) { return w.root.querySelector('[data-kb-field="' + name + '"]'); }

  function say(node, text, kind) {
    node.textContent = text;
    if (kind) node.setAttribute("data-kind", kind);
    else node.removeAttribute("data-kind");
  }

  function citeLinks(w, refs) {
    var span = el("span", { className: "kb-score-cites" }, null);
    span.appendChild(document.createTextNode("（依据："));
    refs.forEach(function (ref, i) {
      var c = w.scheme.citations[ref];
      if (i) span.appendChild(document.createTextNode("、"));
      var a = el("a", null, c ? c.citation : ref);
      if (c) a.href = w.base + c.url;
      span.appendChild(a);
    });
    span.appendChild(document.createTextNode("）"));
    return span;
  }

  function citations(w, refs) {
    return refs.map(function (r) { return w.scheme.citations[r] ? w.scheme.citations[r].citation : r; }).join("、");
  }

  // --- the form and the live result ------------------------------------------------------------------

  function mode(w) {
    var checked = w.ui.form.querySelector('input[name="kb-score-mode"]:checked');
    return checked ? checked.value : "areas";
  }

  function setMode(w, value) {
    var radio = w.ui.form.querySelector('input[name="kb-score-mode"][value="' + value + '"]');
    if (radio) radio.checked = true;
    w.ui.areas.hidden = value !== "areas";
    w.ui.totalbox.hidden = value !== "total";
  }

  function readInput(w) {
    var fields = {};
    calc.draftFields(w.scheme).forEach(function (name) { fields[name] = field(w, name).value; });
    return calc.inputOf(w.scheme, mode(w), fields);
  }

  function showErrors(w, errors) {
    var nodes = w.root.querySelectorAll("[data-kb-error]");
    for (var i = 0; i < nodes.length; i++) {
      var name = nodes[i].getAttribute("data-kb-error");
      var input = w.root.querySelector('[data-kb-field="' + name + '"]');
      nodes[i].textContent = errors[name] || "";
      nodes[i].hidden = !errors[name];
      if (input && errors[name]) input.setAttribute("aria-invalid", "true");
      else if (input) input.removeAttribute("aria-invalid");
    }
  }

  function provisional(w) {
    return !!w.filledFrom && !w.filledFrom.scored.complete;
  }

  function drawBar(w, result, outcome) {
    var bar = w.ui.bar;
    bar.textContent = "";
    bar.hidden = false;
    bar.appendChild(el("span", { className: "kb-score-bar-total" }, "总分 " + result.total + " 分"));
    bar.appendChild(el("span", { className: "kb-score-bar-grade", "data-grade": result.grade },
      provisional(w) ? "暂定 " + result.grade : result.grade));
    bar.appendChild(el("span", { className: "kb-score-bar-count" }, "随之而来的处理 " + result.consequences.length + " 项" +
      (outcome.clean ? "" : "（有输入错误）")));
  }

  function drawSummary(w, result, outcome) {
    var p = el("p");
    p.appendChild(el("span", { className: "kb-score-total" }, "总分 " + result.total + " 分"));
    p.appendChild(document.createTextNode("（满分 " + result.maximum + " 分）"));
    p.appendChild(el("span", { className: "kb-score-grade", "data-grade": result.grade },
      provisional(w) ? "暂定 " + result.grade : result.grade));
    p.appendChild(citeLinks(w, result.grade_cites));
    w.ui.summary.appendChild(p);
    calc.summaryNotes(result, outcome, w.filledFrom).forEach(function (note) {
      w.ui.summary.appendChild(el("p", { className: note.className, "data-kb-ref": note.ref }, note.text));
    });
    result.consequences.forEach(function (c) {
      var li = el("li", { "data-kb-consequence": c.id }, c.text);
      li.appendChild(citeLinks(w, c.cites));
      w.ui.consequences.appendChild(li);
    });
  }

  // Shows the result of the form; returns the input when it has no error (null otherwise).
  function render(w) {
    var input = readInput(w);
    var outcome = calc.checkInput(w.evaluate, input);
    showErrors(w, outcome.errors);
    w.ui.summary.textContent = "";
    w.ui.consequences.textContent = "";
    // Nothing typed yet is not a result of 0 points (which would announce 不及格).
    var empty = input.areas && Object.keys(input.areas).length === 0;
    var result = empty ? null : outcome.result;
    drawSheet(w, result);
    if (!result) {
      w.ui.summary.appendChild(el("p", null, mode(w) === "total" ? "请输入总分。" : "请输入得分。"));
      w.ui.bar.hidden = true;
      return null;
    }
    drawBar(w, result, outcome);
    drawSummary(w, result, outcome);
    return outcome.clean ? input : null;
  }

  // --- the draft: what is typed, kept across reloads ---------------------------------------------

  function saveDraft(w) {
    var fields = { mode: mode(w), unit: w.ui.unit.value, evaluator: w.ui.evaluator.value, year: w.ui.year.value };
    calc.draftFields(w.scheme).forEach(function (name) { fields[name] = field(w, name).value; });
    kb.storage.write(DRAFT_KEY, { format: FORMAT, fields: fields });
  }

  function loadDraft(w) {
    var draft = kb.storage.read(DRAFT_KEY);
    if (!draft) return;
    var f = draft.fields;
    function text(name) { return typeof f[name] === "string" ? f[name] : ""; }
    if (f.mode === "areas" || f.mode === "total") setMode(w, f.mode);
    w.ui.unit.value = text("unit");
    w.ui.evaluator.value = text("evaluator");
    w.ui.year.value = text("year");
    calc.draftFields(w.scheme).forEach(function (name) {
      var node = field(w, name);
      node.value = text(name);
      // A select keeps its old value when the saved one is not an option (a grade renamed since).
      if (node.value !== text(name)) node.value = "";
    });
  }

  function changed(w) {
    render(w);
    saveDraft(w);
  }

  // Put a saved input back into the form.
  function fill(w, input) {
    var form = calc.formOf(w.scheme, input);
    setMode(w, form.mode);
    Object.keys(form.fields).forEach(function (name) { field(w, name).value = form.fields[name]; });
    changed(w);
  }

  function wireForm(w) {
    var form = w.ui.form;
    form.addEventListener("input", function (event) {
      var name = event.target.getAttribute("data-kb-field") || "";
      if (name.indexOf("areas.") === 0) w.filledFrom = null;
      changed(w);
    });
    form.addEventListener("change", function (event) {
      if (event.target.name === "kb-score-mode") setMode(w, event.target.value);
      changed(w);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    w.ui.year.addEventListener("input", function () {
      hideConfirm(w);
      changed(w);
    });
    w.ui.print.addEventListener("click", function () {
      render(w);
      window.print();
    });
  }

  // --- filling from a checklist ----------------------------------------------------------------

  function chosenChecklist(w) {
    return w.scheme.checklists.filter(function (c) { return c.id === w.ui.checklist.value; })[0] || null;
  }

  // The saved assessments of the chosen checklist, as its own view gives them (checklist.js):
  // {current, list: [{id, name, statuses}]}; null when none is saved in this browser.
  function assessments(w) {
    var cl = chosenChecklist(w);
    if (!cl) return null;
    var found = kb.storage.view("checklist:" + cl.id, "assessments");
    return found && found.list.length ? found : null;
  }

  function listAssessments(w) {
    var select = w.ui.assessment;
    var shown = calc.assessmentOptions(assessments(w), select.value);
    select.textContent = "";
    shown.options.forEach(function (o) { select.appendChild(el("option", { value: o.value }, o.text)); });
    select.value = shown.value;
  }

  function noAssessment(w, cl) {
    var status = w.ui["fill-status"];
    status.textContent = "";
    status.setAttribute("data-kind", "error");
    status.appendChild(el("span", null, "本浏览器中还没有“" + cl.title + "”的自查结果。请先在"));
    var a = el("a", null, "该清单页面");
    a.href = w.base + cl.url;
    status.appendChild(a);
    status.appendChild(document.createTextNode("完成自查，再回到这里。"));
  }

  function fillFromChecklist(w) {
    if (!w.scheme.checklists.length) {
      say(w.ui["fill-status"], "本站尚未收录对应评分领域的自查清单，暂时无法从自查结果填入；请手工输入各领域得分。", "error");
      return;
    }
    var cl = chosenChecklist(w);
    listAssessments(w);
    var found = assessments(w);
    var assessment = found && found.list.filter(function (a) { return a.id === w.ui.assessment.value; })[0];
    if (!assessment) { noAssessment(w, cl); return; }
    var scored = w.rules.assess(w.scheme, cl.items, assessment.statuses, false);
    setMode(w, "areas");
    scored.areas.forEach(function (f) {
      // An area with no points is left empty, never kept: an old value would mix into the total.
      field(w, "areas." + f.id).value = f.points === null ? "" : f.points;
    });
    w.filledFrom = { name: assessment.name, checklist: cl.title, scored: scored };
    say(w.ui["fill-status"], calc.fillReport(w.scheme, cl, assessment, scored).join("\n"), scored.complete ? null : "warning");
    changed(w);
  }

  function wireFill(w) {
    var select = w.ui.checklist;
    if (!w.scheme.checklists.length) select.appendChild(el("option", { value: "" }, "（暂无自查清单）"));
    w.scheme.checklists.forEach(function (cl) { select.appendChild(el("option", { value: cl.id }, cl.title)); });
    select.addEventListener("change", function () { listAssessments(w); });
    // Another tab may have saved an assessment since: list them afresh when the list is opened.
    w.ui.assessment.addEventListener("focus", function () { listAssessments(w); });
    listAssessments(w);
    w.ui["fill-button"].addEventListener("click", function () { fillFromChecklist(w); });
  }

  // --- the score sheet (print) -----------------------------------------------------------------

  function line(text, className) {
    return text ? el("span", { className: "kb-sheet-value" }, text) : el("span", { className: className || "kb-sheet-line" }, "");
  }

  function sheetWho(w) {
    var who = el("table", { className: "kb-sheet-who" });
    var yearText = w.ui.year.value.trim();
    [["被考核单位", w.ui.unit.value.trim()], ["考核年度", yearText ? yearText + "年度" : ""],
      ["考核人", w.ui.evaluator.value.trim()]].forEach(function (row) {
      who.appendChild(el("tr", null, [el("th", { scope: "row" }, row[0]), el("td", null, line(row[1]))]));
    });
    return who;
  }

  function sheetTable(w, result, areas) {
    var t = el("table", { className: "kb-sheet-areas" });
    t.appendChild(el("thead", null, el("tr", null, [el("th", { scope: "col" }, "序号"),
      el("th", { scope: "col" }, "评分领域"), el("th", { scope: "col" }, "满分"), el("th", { scope: "col" }, "得分")])));
    var body = el("tbody");
    areas.rows.forEach(function (r) {
      body.appendChild(el("tr", { "data-kb-sheet-area": r.id }, [el("td", null, r.n), el("td", null, r.title),
        el("td", null, r.max), el("td", null, r.text)]));
    });
    body.appendChild(el("tr", { className: "kb-sheet-total" }, [el("td"), el("th", { scope: "row" }, "总分"),
      el("td", null, String(w.scheme.maximum)), el("td", null, result ? String(result.total) : "")]));
    t.appendChild(body);
    return t;
  }

  function sheetResult(w, sheet, result) {
    var grade = el("p", { className: "kb-sheet-grade" }, "等级：");
    if (result) {
      grade.appendChild(el("strong", null, (provisional(w) ? "暂定 " : "") + result.grade));
      grade.appendChild(document.createTextNode("（依据：" + citations(w, result.grade_cites) + "）"));
    } else {
      grade.appendChild(line(""));
    }
    sheet.appendChild(grade);
    sheet.appendChild(el("p", { className: "kb-sheet-h" }, "随之而来的处理："));
    var ol = el("ol", { className: "kb-sheet-consequences" });
    (result ? result.consequences : []).forEach(function (c) {
      ol.appendChild(el("li", null, c.text + "（依据：" + citations(w, c.cites) + "）"));
    });
    if (!ol.childNodes.length) ol.appendChild(el("li", null, result ? "无" : ""));
    sheet.appendChild(ol);
  }

  function sheetSign() {
    var sign = el("div", { className: "kb-sheet-sign" });
    ["考核人签字", "被考核单位负责人签字", "考核单位（盖章）"].forEach(function (who) {
      sign.appendChild(el("p", null, [who + "：", el("span", { className: "kb-sheet-line" }, ""), "　日期：",
        el("span", { className: "kb-sheet-line kb-sheet-line-short" }, ""), "年",
        el("span", { className: "kb-sheet-line kb-sheet-line-tiny" }, ""), "月",
        el("span", { className: "kb-sheet-line kb-sheet-line-tiny" }, ""), "日"]));
    });
    return sign;
  }

  function drawSheet(w, result) {
    var sheet = w.ui.sheet;
    sheet.textContent = "";
    sheet.appendChild(el("h2", { className: "kb-sheet-title" }, "行政执法责任制评议考核评分表"));
    if (w.scheme.example) {
      sheet.appendChild(el("p", { className: "kb-sheet-note" }, "本表按示例评分方案计算，仅供演示，正式考核以本级人民政府批准的方案为准。"));
    }
    sheet.appendChild(sheetWho(w));
    var areas = calc.sheetAreas(w.scheme, result);
    sheet.appendChild(sheetTable(w, result, areas));
    calc.sheetRemarks(w.scheme, result, w.filledFrom, areas.unfilled).forEach(function (text) {
      sheet.appendChild(el("p", { className: "kb-sheet-remark" }, text));
    });
    sheetResult(w, sheet, result);
    sheet.appendChild(sheetSign());
  }

  // --- several years ---------------------------------------------------------------------------

  function loadYears() {
    var stored = kb.storage.read(YEARS_KEY);
    return stored ? stored.years : {};
  }

  function saveYears(years) {
    return kb.storage.write(YEARS_KEY, { format: FORMAT, years: years });
  }

  function tableRow(label, cells) {
    var tr = el("tr", null, el("th", { scope: "row" }, label));
    cells.forEach(function (cell) { tr.appendChild(el("td", null, cell)); });
    return tr;
  }

  // A year's consequences as short citations (the formal citation is the link title).
  function consequencesCell(w, r) {
    if (r.error) return "—";
    var ul = el("ul");
    r.consequences.forEach(function (c) {
      var li = el("li");
      c.cites.forEach(function (ref, i) {
        var cite = w.scheme.citations[ref];
        if (i) li.appendChild(document.createTextNode("、"));
        var a = el("a", null, cite ? cite.citation.replace(/^《[^》]*》/, "") : ref);
        if (cite) { a.href = w.base + cite.url; a.title = cite.citation; }
        li.appendChild(a);
      });
      ul.appendChild(li);
    });
    return ul;
  }

  function yearButtons(w, year) {
    var load = el("button", { type: "button", className: "md-button", "aria-label": "载入" + year + "年度" }, "载入");
    load.addEventListener("click", function () {
      w.ui.year.value = year;
      fill(w, loadYears()[year]);
      say(w.ui["years-status"], "已载入" + year + "年度的输入。");
    });
    var del = el("button", { type: "button", className: "md-button", "aria-label": "删除" + year + "年度" }, "删除");
    del.addEventListener("click", function () {
      if (!window.confirm("删除" + year + "年度的结果？")) return;
      var all = loadYears();
      delete all[year];
      saveYears(all);
      say(w.ui["years-status"], "已删除" + year + "年度。");
      drawTable(w);
    });
    return el("span", null, [load, " ", del]);
  }

  function drawTable(w) {
    var box = w.ui.table;
    var years = calc.yearsTable(w.scheme, loadYears(), w.evaluate);
    box.textContent = "";
    if (!years.keys.length) {
      box.appendChild(el("p", { className: "kb-score-empty" }, "尚未保存任何年度的结果。"));
      return;
    }
    var t = el("table", null, el("caption", null, "历年结果（按当前评分方案计算）"));
    var head = el("tr", null, el("th", null, "项目"));
    years.keys.forEach(function (y) { head.appendChild(el("th", { scope: "col" }, y + "年度")); });
    t.appendChild(el("thead", null, head));
    var body = el("tbody");
    years.rows.forEach(function (r) { body.appendChild(tableRow(r.label, r.cells)); });
    body.appendChild(tableRow("随之而来的处理", years.results.map(function (r) { return consequencesCell(w, r); })));
    body.appendChild(tableRow("操作", years.keys.map(function (y) { return yearButtons(w, y); })));
    t.appendChild(body);
    box.appendChild(t);
  }

  function ask(w, question, run, cancelled) {
    w.pending = { run: run, cancelled: cancelled };
    w.ui["confirm-text"].textContent = question;
    w.ui.confirm.hidden = false;
    say(w.ui["years-status"], "");
    w.ui["confirm-no"].focus();
  }

  function hideConfirm(w) {
    w.ui.confirm.hidden = true;
    w.pending = null;
  }

  function store(w, year, input, replaced) {
    var years = loadYears();
    years[year] = input;
    if (saveYears(years)) say(w.ui["years-status"], (replaced ? "已覆盖" : "已保存") + year + "年度的结果。");
    else say(w.ui["years-status"], "浏览器拒绝保存（存储空间不足或已禁用），结果未保存。", "error");
    drawTable(w);
  }

  function saveYear(w) {
    hideConfirm(w);
    var yearInput = w.ui.year;
    var year = yearInput.value.trim();
    var problem = calc.yearProblem(year);
    w.ui["year-error"].textContent = problem;
    w.ui["year-error"].hidden = !problem;
    if (problem) {
      yearInput.setAttribute("aria-invalid", "true");
      yearInput.focus();
      return;
    }
    yearInput.removeAttribute("aria-invalid");
    var input = render(w);
    if (!input) {
      say(w.ui["years-status"], "当前输入不完整或有错误，未保存。请先按提示更正。", "error");
      return;
    }
    if (Object.prototype.hasOwnProperty.call(loadYears(), year)) {
      // Saving over a year already saved asks first.
      ask(w, year + "年度已有保存的结果，覆盖吗？覆盖后原结果无法恢复（如需保留，请先导出）。",
        function () { store(w, year, input, true); }, "未保存：" + year + "年度原有的结果保持不变。");
      return;
    }
    store(w, year, input, false);
  }

  function answer(w, yes) {
    var p = w.pending;
    hideConfirm(w);
    if (p && yes) p.run();
    else if (p) say(w.ui["years-status"], p.cancelled);
    w.ui.save.focus();
  }

  // --- files -----------------------------------------------------------------------------------

  function exportYears(w) {
    var years = loadYears();
    if (!Object.keys(years).length) {
      say(w.ui["years-status"], "没有可导出的结果。", "error");
      return;
    }
    var file = { kind: FILE_KIND, format: FORMAT, years: years };
    if (w.ui.unit.value.trim()) file.unit = w.ui.unit.value.trim();
    kb.files.download("考核评分记录.json", JSON.stringify(file, null, 2) + "\n", "application/json", false);
    say(w.ui["years-status"], "已导出 " + Object.keys(years).length + " 个年度。");
  }

  function exportCsv(w) {
    var years = loadYears();
    if (!Object.keys(years).length) {
      say(w.ui["years-status"], "没有可导出的结果。", "error");
      return;
    }
    var unit = w.ui.unit.value.trim();
    kb.files.download((unit ? unit + "-" : "") + "考核评分记录.csv",
      kb.files.csv(calc.csvRows(w.scheme, years, unit, w.evaluate)), "text/csv", true);
    say(w.ui["years-status"], "已导出 " + Object.keys(years).length + " 个年度的 CSV 文件（可用 Excel 或 WPS 打开，也可在本页导入）。");
  }

  // The years of a file checked whole (by calculator-state.js) and taken; importing over years
  // already saved asks first, as saving does. A damaged or foreign file changes nothing.
  function imported(w, file, read) {
    var status = w.ui["years-status"];
    var converted = read.encoding === "gb18030" ? kb.files.CONVERTED_TEXT + "。" : "";
    var data = calc.readYears(read.text, w.scheme, kb.site.key, w.evaluate);
    if (data.error) {
      say(status, "无法导入“" + file.name + "”：" + data.error + "。未做任何更改。", "error");
      return;
    }
    var keys = Object.keys(data.years).sort();
    var replaced = calc.replacedYears(loadYears(), data.years);
    function take() {
      var years = loadYears();
      keys.forEach(function (k) { years[k] = data.years[k]; });
      if (!saveYears(years)) {
        say(status, "浏览器拒绝保存，未导入。", "error");
        return;
      }
      say(status, converted + "已导入 " + keys.length + " 个年度（" + keys.join("、") + "）" +
        (replaced.length ? "，其中 " + replaced.join("、") + " 年度覆盖了原有结果" : "") + "。");
      drawTable(w);
    }
    hideConfirm(w);
    if (!replaced.length) { take(); return; }
    ask(w, converted + "“" + file.name + "”中的 " + replaced.join("、") + " 年度在本浏览器中已有结果，导入将覆盖它们，继续吗？",
      take, "未导入“" + file.name + "”：原有结果保持不变。");
  }

  function importFile(w, file) {
    if (file.size > MAX_IMPORT_BYTES) {
      say(w.ui["years-status"], "无法导入“" + file.name + "”：文件过大（" + file.size + " 字节，上限 " + MAX_IMPORT_BYTES +
        " 字节），不是考核评分记录文件。未做任何更改。", "error");
      return;
    }
    kb.files.readFile(file).then(function (read) { imported(w, file, read); }, function (e) {
      say(w.ui["years-status"], "无法导入“" + file.name + "”：" + e.message + "。未做任何更改。", "error");
    });
  }

  function wireYears(w) {
    w.ui.save.addEventListener("click", function () { saveYear(w); });
    w.ui["confirm-yes"].addEventListener("click", function () { answer(w, true); });
    w.ui["confirm-no"].addEventListener("click", function () { answer(w, false); });
    w.ui.export.addEventListener("click", function () { exportYears(w); });
    w.ui["export-csv"].addEventListener("click", function () { exportCsv(w); });
    w.ui.import.addEventListener("change", function (event) {
      var file = event.target.files && event.target.files[0];
      event.target.value = "";
      if (file) importFile(w, file);
    });
  }

  function mount(root) {
    var scheme = kb.json(root);
    var rules = kb.scoringRules;
    if (!scheme || !rules) return;
    var w = context(root, scheme, rules);
    window.kbScoring = { scheme: scheme, evaluate: w.evaluate };
    wireForm(w);
    wireFill(w);
    wireYears(w);
    kb.notices(root, { before: w.ui.form, keys: [YEARS_KEY, DRAFT_KEY], onExport: function () { exportYears(w); } });
    loadDraft(w);
    setMode(w, mode(w));
    render(w);
    drawTable(w);
  }

  kb.mount("calculator", mount);
})();
