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
// fields and files are kb.calculatorState (calculator-state.js, run by node in the fast tier).
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

  function mount(root) {
    var scheme = kb.json(root);
    var rules = kb.scoringRules;
    if (!scheme || !rules) return;
    window.kbScoring = {
      scheme: scheme,
      evaluate: function (input) { return rules.evaluate(scheme, input); }
    };
    var base = root.getAttribute("data-kb-root") || "";
    var evaluate = window.kbScoring.evaluate;
    var storage = kb.storage;

    function ref(name) { return root.querySelector('[data-kb-ref="' + name + '"]'); }
    function field(name) { return root.querySelector('[data-kb-field="' + name + '"]'); }

    var form = ref("form");
    var summary = ref("summary");
    var list = ref("consequences");
    var areasBox = ref("areas");
    var totalBox = ref("totalbox");
    var bar = ref("bar");
    var sheet = ref("sheet");
    var unitInput = ref("unit");
    var evaluatorInput = ref("evaluator");

    function citeLinks(refs) {
      var span = el("span", { className: "kb-score-cites" }, null);
      span.appendChild(document.createTextNode("（依据："));
      refs.forEach(function (ref, i) {
        var c = scheme.citations[ref];
        if (i) span.appendChild(document.createTextNode("、"));
        var a = el("a", null, c ? c.citation : ref);
        if (c) a.href = base + c.url;
        span.appendChild(a);
      });
      span.appendChild(document.createTextNode("）"));
      return span;
    }

    // --- reading the form ------------------------------------------------------------------------

    function mode() {
      var checked = form.querySelector('input[name="kb-score-mode"]:checked');
      return checked ? checked.value : "areas";
    }

    var parse = calc.parseField;

    function readInput() {
      var input = {};
      if (mode() === "areas") {
        input.areas = {};
        scheme.areas.forEach(function (area) {
          var v = parse(field("areas." + area.id).value);
          if (v !== undefined) input.areas[area.id] = v;
        });
      } else {
        var total = parse(field("total").value);
        if (total !== undefined) input.total = total;
      }
      var previous = field("previous_grade").value;
      if (previous) input.previous_grade = previous;
      var illegal = parse(field("illegal_findings_same_kind").value);
      if (illegal !== undefined) input.illegal_findings_same_kind = illegal;
      var complaints = parse(field("verified_complaints").value);
      if (complaints !== undefined) input.verified_complaints = complaints;
      return input;
    }

    function drop(input, field) {
      if (field.indexOf("areas.") === 0) delete input.areas[field.slice(6)];
      else delete input[field];
    }

    // Every field error, by running the one set of rules until the rest of the input passes.
    function check(input) {
      var errors = {};
      var trial = JSON.parse(JSON.stringify(input));
      for (var guard = 0; guard < 50; guard++) {
        try {
          return { result: evaluate(trial), errors: errors, clean: Object.keys(errors).length === 0 };
        } catch (e) {
          var field = e.field || "input";
          if (field === "input" || errors[field]) return { result: null, errors: errors, missing: e.detail };
          errors[field] = e.detail || e.message;
          drop(trial, field);
        }
      }
      return { result: null, errors: errors };
    }

    function showErrors(errors) {
      var nodes = root.querySelectorAll("[data-kb-error]");
      for (var i = 0; i < nodes.length; i++) {
        var field = nodes[i].getAttribute("data-kb-error");
        var input = root.querySelector('[data-kb-field="' + field + '"]');
        if (errors[field]) {
          nodes[i].textContent = errors[field];
          nodes[i].hidden = false;
          if (input) input.setAttribute("aria-invalid", "true");
        } else {
          nodes[i].textContent = "";
          nodes[i].hidden = true;
          if (input) input.removeAttribute("aria-invalid");
        }
      }
    }

    function render() {
      var input = readInput();
      var outcome = check(input);
      showErrors(outcome.errors);
      summary.textContent = "";
      list.textContent = "";
      // Nothing typed yet is not a result of 0 points (which would announce 不及格).
      var empty = input.areas && Object.keys(input.areas).length === 0;
      var result = empty ? null : outcome.result;
      drawSheet(result);
      if (!result) {
        summary.appendChild(el("p", null, mode() === "total" ? "请输入总分。" : "请输入得分。"));
        bar.hidden = true;
        return null;
      }
      bar.textContent = "";
      bar.hidden = false;
      bar.appendChild(el("span", { className: "kb-score-bar-total" }, "总分 " + result.total + " 分"));
      var tentative = provisional();
      bar.appendChild(el("span", { className: "kb-score-bar-grade", "data-grade": result.grade },
        tentative ? "暂定 " + result.grade : result.grade));
      bar.appendChild(el("span", { className: "kb-score-bar-count" }, "随之而来的处理 " + result.consequences.length + " 项" +
        (outcome.clean ? "" : "（有输入错误）")));
      var p = el("p");
      p.appendChild(el("span", { className: "kb-score-total" }, "总分 " + result.total + " 分"));
      p.appendChild(document.createTextNode("（满分 " + result.maximum + " 分）"));
      var grade = el("span", { className: "kb-score-grade" }, result.grade);
      grade.setAttribute("data-grade", result.grade);
      p.appendChild(grade);
      p.appendChild(citeLinks(result.grade_cites));
      summary.appendChild(p);
      if (tentative) {
        grade.textContent = "暂定 " + result.grade;
        summary.appendChild(el("p", { className: "kb-score-error", "data-kb-ref": "provisional" },
          "暂定：自查“" + filledFrom.name + "”已答 " + filledFrom.scored.answered + "/" + filledFrom.scored.count +
          " 项，尚未作答完毕，不定最终等级。"));
      }
      if (result.exact && result.exact.indexOf("/") > 0) {
        summary.appendChild(el("p", { className: "kb-score-covers", "data-kb-ref": "exact" },
          "总分按各领域精确值相加后只舍入一次（保留两位小数，四舍五入）；等级按精确总分 " + result.exact + " 确定。"));
      }
      if (!outcome.clean) {
        summary.appendChild(el("p", { className: "kb-score-error" }, "有输入错误的项目未计入，请按提示更正。"));
      }
      if (result.input === "areas") {
        var blank = result.areas.filter(function (a) {
          return a.points === null && !outcome.errors["areas." + a.id];
        });
        if (blank.length && blank.length < result.areas.length) {
          summary.appendChild(el("p", { className: "kb-score-covers" }, "未填写的领域按 0 分计：" +
            blank.map(function (a) { return a.title; }).join("、") + "。"));
        }
      }
      result.consequences.forEach(function (c) {
        var li = el("li");
        li.setAttribute("data-kb-consequence", c.id);
        li.appendChild(document.createTextNode(c.text));
        li.appendChild(citeLinks(c.cites));
        list.appendChild(li);
      });
      return outcome.clean ? input : null;
    }

    // The record filled from a checklist assessment: {name, checklist, scored}; dropped when an area
    // is typed by hand (the areas are then the evaluator's, not the assessment's).
    var filledFrom = null;

    function provisional() {
      return !!filledFrom && !filledFrom.scored.complete;
    }

    function setMode(value) {
      var radio = form.querySelector('input[name="kb-score-mode"][value="' + value + '"]');
      if (radio) radio.checked = true;
      areasBox.hidden = value !== "areas";
      totalBox.hidden = value !== "total";
    }

    // --- the draft: what is typed, kept across reloads --------------------------------------------

    var DRAFT_FIELDS = ["previous_grade", "illegal_findings_same_kind", "verified_complaints", "total"].concat(
      scheme.areas.map(function (a) { return "areas." + a.id; }));

    function saveDraft() {
      var fields = { mode: mode(), unit: unitInput.value, evaluator: evaluatorInput.value, year: yearInput.value };
      DRAFT_FIELDS.forEach(function (name) { fields[name] = field(name).value; });
      storage.write(DRAFT_KEY, { format: FORMAT, fields: fields });
    }

    function loadDraft() {
      var draft = storage.read(DRAFT_KEY);
      if (!draft) return;
      var f = draft.fields;
      function text(name) { return typeof f[name] === "string" ? f[name] : ""; }
      if (f.mode === "areas" || f.mode === "total") setMode(f.mode);
      unitInput.value = text("unit");
      evaluatorInput.value = text("evaluator");
      yearInput.value = text("year");
      DRAFT_FIELDS.forEach(function (name) {
        var node = field(name);
        node.value = text(name);
        // A select keeps its old value when the saved one is not an option (a grade renamed since).
        if (node.value !== text(name)) node.value = "";
      });
    }

    function changed() {
      render();
      saveDraft();
    }

    form.addEventListener("input", function (event) {
      var name = event.target.getAttribute("data-kb-field") || "";
      if (name.indexOf("areas.") === 0) filledFrom = null;
      changed();
    });
    form.addEventListener("change", function (event) {
      if (event.target.name === "kb-score-mode") setMode(event.target.value);
      changed();
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });

    // Put a saved input back into the form.
    function fill(input) {
      setMode(input.total !== undefined ? "total" : "areas");
      scheme.areas.forEach(function (area) {
        var v = input.areas && input.areas[area.id];
        field("areas." + area.id).value = v === undefined || v === null ? "" : String(v);
      });
      field("total").value = input.total === undefined ? "" : String(input.total);
      field("previous_grade").value = input.previous_grade || "";
      field("illegal_findings_same_kind").value = input.illegal_findings_same_kind ? String(input.illegal_findings_same_kind) : "";
      field("verified_complaints").value = input.verified_complaints ? String(input.verified_complaints) : "";
      changed();
    }

    // --- filling from a checklist ----------------------------------------------------------------

    var checklistSelect = ref("checklist");
    var fillButton = ref("fill-button");
    var fillStatus = ref("fill-status");

    function say(node, text, kind) {
      node.textContent = text;
      if (kind) node.setAttribute("data-kind", kind);
      else node.removeAttribute("data-kind");
    }

    if (!scheme.checklists.length) {
      var none = el("option", null, "（暂无自查清单）");
      none.value = "";
      checklistSelect.appendChild(none);
    }
    scheme.checklists.forEach(function (cl) {
      var option = el("option", null, cl.title);
      option.value = cl.id;
      checklistSelect.appendChild(option);
    });

    var assessmentSelect = ref("assessment");

    function chosenChecklist() {
      return scheme.checklists.filter(function (c) { return c.id === checklistSelect.value; })[0] || null;
    }

    // The saved assessments of the chosen checklist, as its own view gives them (checklist.js):
    // {current, list: [{id, name, statuses}]}; null when none is saved in this browser.
    function assessments() {
      var cl = chosenChecklist();
      if (!cl) return null;
      var found = storage.view("checklist:" + cl.id, "assessments");
      return found && found.list.length ? found : null;
    }

    function listAssessments() {
      var found = assessments();
      var keep = assessmentSelect.value;
      assessmentSelect.textContent = "";
      if (!found) {
        assessmentSelect.appendChild(el("option", { value: "" }, "（尚无保存的自查）"));
        return;
      }
      found.list.forEach(function (a) {
        var answered = Object.keys(a.statuses).length;
        assessmentSelect.appendChild(el("option", { value: a.id }, a.name + "（已答 " + answered + " 项）"));
      });
      var ids = found.list.map(function (a) { return a.id; });
      assessmentSelect.value = ids.indexOf(keep) >= 0 ? keep : (ids.indexOf(found.current) >= 0 ? found.current : ids[0]);
    }

    checklistSelect.addEventListener("change", listAssessments);
    // Another tab may have saved an assessment since: list them afresh when the list is opened.
    assessmentSelect.addEventListener("focus", listAssessments);
    listAssessments();

    fillButton.addEventListener("click", function () {
      if (!scheme.checklists.length) {
        say(fillStatus, "本站尚未收录对应评分领域的自查清单，暂时无法从自查结果填入；请手工输入各领域得分。", "error");
        return;
      }
      var cl = chosenChecklist();
      listAssessments();
      var found = assessments();
      var assessment = found && found.list.filter(function (a) { return a.id === assessmentSelect.value; })[0];
      if (!assessment) {
        var msg = el("span", null, "本浏览器中还没有“" + cl.title + "”的自查结果。请先在");
        fillStatus.textContent = "";
        fillStatus.setAttribute("data-kind", "error");
        fillStatus.appendChild(msg);
        var a = el("a", null, "该清单页面");
        a.href = base + cl.url;
        fillStatus.appendChild(a);
        fillStatus.appendChild(document.createTextNode("完成自查，再回到这里。"));
        return;
      }
      var scored = rules.assess(scheme, cl.items, assessment.statuses, false);
      setMode("areas");
      scored.areas.forEach(function (f) {
        // An area with no points is left empty, never kept: an old value would mix into the total.
        field("areas." + f.id).value = f.points === null ? "" : f.points;
      });
      filledFrom = { name: assessment.name, checklist: cl.title, scored: scored };
      say(fillStatus, fillReport(cl, assessment, scored).join("\n"), scored.complete ? null : "warning");
      changed();
    });

    function areaTitle(id) {
      return scheme.areas.filter(function (a) { return a.id === id; })[0].title;
    }

    // What the fill did, area by area, with the answered count and the 不适用 rule applied.
    function fillReport(cl, assessment, scored) {
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
          (scored.missing.length ? "，未评分的领域：" + scored.missing.map(areaTitle).join("、") : "") +
          "。总分和等级只是暂定，补全作答后再填入。");
      }
      lines.push(scheme.not_applicable.text);
      return lines;
    }

    // --- the score sheet (print) -----------------------------------------------------------------

    function line(text, className) {
      return text ? el("span", { className: "kb-sheet-value" }, text) : el("span", { className: className || "kb-sheet-line" }, "");
    }

    function drawSheet(result) {
      sheet.textContent = "";
      sheet.appendChild(el("h2", { className: "kb-sheet-title" }, "行政执法责任制评议考核评分表"));
      if (scheme.example) {
        sheet.appendChild(el("p", { className: "kb-sheet-note" }, "本表按示例评分方案计算，仅供演示，正式考核以本级人民政府批准的方案为准。"));
      }
      var who = el("table", { className: "kb-sheet-who" });
      var yearText = yearInput.value.trim();
      [["被考核单位", unitInput.value.trim()], ["考核年度", yearText ? yearText + "年度" : ""],
        ["考核人", evaluatorInput.value.trim()]].forEach(function (row) {
        who.appendChild(el("tr", null, [el("th", { scope: "row" }, row[0]), el("td", null, line(row[1]))]));
      });
      sheet.appendChild(who);
      var t = el("table", { className: "kb-sheet-areas" });
      t.appendChild(el("thead", null, el("tr", null, [el("th", { scope: "col" }, "序号"),
        el("th", { scope: "col" }, "评分领域"), el("th", { scope: "col" }, "满分"), el("th", { scope: "col" }, "得分")])));
      var body = el("tbody");
      var byArea = result && result.input === "areas";
      var unfilled = false;
      scheme.areas.forEach(function (area, i) {
        var got = byArea ? result.areas.filter(function (a) { return a.id === area.id; })[0].points : null;
        // A blank cell on a signed sheet could be filled in later: an area left out says so.
        var text = got !== null ? String(got) : byArea ? "未填（0）" : "";
        if (byArea && got === null) unfilled = true;
        body.appendChild(el("tr", { "data-kb-sheet-area": area.id }, [el("td", null, String(i + 1)),
          el("td", null, area.title), el("td", null, String(area.max)), el("td", null, text)]));
      });
      body.appendChild(el("tr", { className: "kb-sheet-total" }, [el("td"), el("th", { scope: "row" }, "总分"),
        el("td", null, String(scheme.maximum)), el("td", null, result ? String(result.total) : "")]));
      t.appendChild(body);
      sheet.appendChild(t);
      if (unfilled) sheet.appendChild(el("p", { className: "kb-sheet-remark" }, "“未填（0）”：该领域未评分，按 0 分计入总分。"));
      if (result && result.input === "total") {
        sheet.appendChild(el("p", { className: "kb-sheet-remark" }, "本次直接输入总分，未按领域评分。"));
      }
      sheetRemarks(result).forEach(function (text) { sheet.appendChild(el("p", { className: "kb-sheet-remark" }, text)); });
      var grade = el("p", { className: "kb-sheet-grade" }, "等级：");
      if (result) {
        grade.appendChild(el("strong", null, (provisional() ? "暂定 " : "") + result.grade));
        grade.appendChild(document.createTextNode("（依据：" + citations(result.grade_cites) + "）"));
      } else {
        grade.appendChild(line(""));
      }
      sheet.appendChild(grade);
      sheet.appendChild(el("p", { className: "kb-sheet-h" }, "随之而来的处理："));
      var ol = el("ol", { className: "kb-sheet-consequences" });
      (result ? result.consequences : []).forEach(function (c) {
        ol.appendChild(el("li", null, c.text + "（依据：" + citations(c.cites) + "）"));
      });
      if (!ol.childNodes.length) ol.appendChild(el("li", null, result ? "无" : ""));
      sheet.appendChild(ol);
      var sign = el("div", { className: "kb-sheet-sign" });
      ["考核人签字", "被考核单位负责人签字", "考核单位（盖章）"].forEach(function (who) {
        sign.appendChild(el("p", null, [who + "：", el("span", { className: "kb-sheet-line" }, ""), "　日期：",
          el("span", { className: "kb-sheet-line kb-sheet-line-short" }, ""), "年",
          el("span", { className: "kb-sheet-line kb-sheet-line-tiny" }, ""), "月",
          el("span", { className: "kb-sheet-line kb-sheet-line-tiny" }, ""), "日"]));
      });
      sheet.appendChild(sign);
    }

    // The rules the sheet applied, stated on it: completeness, 不适用 and the one rounding.
    function sheetRemarks(result) {
      var out = [];
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

    function citations(refs) {
      return refs.map(function (r) { return scheme.citations[r] ? scheme.citations[r].citation : r; }).join("、");
    }

    // --- several years ---------------------------------------------------------------------------

    var yearInput = ref("year");
    var yearError = ref("year-error");
    var yearsStatus = ref("years-status");
    var table = ref("table");

    function loadYears() {
      var stored = storage.read(YEARS_KEY);
      return stored ? stored.years : {};
    }

    function saveYears(years) {
      return storage.write(YEARS_KEY, { format: FORMAT, years: years });
    }

    var yearProblem = calc.yearProblem;

    function drawTable() {
      var years = loadYears();
      var keys = Object.keys(years).sort();
      table.textContent = "";
      if (!keys.length) {
        table.appendChild(el("p", { className: "kb-score-empty" }, "尚未保存任何年度的结果。"));
        return;
      }
      var results = keys.map(function (y) {
        try { return evaluate(years[y]); } catch (e) { return { error: e.message }; }
      });
      var t = el("table");
      t.appendChild(el("caption", null, "历年结果（按当前评分方案计算）"));
      var head = el("tr");
      head.appendChild(el("th", null, "项目"));
      keys.forEach(function (y) {
        var th = el("th", null, y + "年度");
        th.scope = "col";
        head.appendChild(th);
      });
      var thead = el("thead");
      thead.appendChild(head);
      t.appendChild(thead);
      var body = el("tbody");
      function row(label, cell) {
        var tr = el("tr");
        var th = el("th", null, label);
        th.scope = "row";
        tr.appendChild(th);
        results.forEach(function (r, i) {
          var td = el("td");
          var value;
          if (!r.error || label === "操作") value = cell(r, keys[i]);
          else value = label === "总分" ? "按当前方案无法计算：" + r.error : "—";
          if (value && value.nodeType) td.appendChild(value);
          else td.textContent = value === null || value === undefined ? "—" : String(value);
          tr.appendChild(td);
        });
        body.appendChild(tr);
      }
      scheme.areas.forEach(function (area) {
        row(area.title + "（" + area.max + "）", function (r) {
          if (r.input !== "areas") return "—";
          var a = r.areas.filter(function (x) { return x.id === area.id; })[0];
          return a && a.points !== null ? a.points : "—";
        });
      });
      row("总分", function (r) { return r.total; });
      row("等级", function (r) { return r.grade; });
      row("随之而来的处理", function (r) {
        var ul = el("ul");
        r.consequences.forEach(function (c) {
          var li = el("li");
          c.cites.forEach(function (ref, i) {
            var cite = scheme.citations[ref];
            if (i) li.appendChild(document.createTextNode("、"));
            // Short label in the narrow table; the formal citation is the link title.
            var a = el("a", null, cite ? cite.citation.replace(/^《[^》]*》/, "") : ref);
            if (cite) { a.href = base + cite.url; a.title = cite.citation; }
            li.appendChild(a);
          });
          ul.appendChild(li);
        });
        return ul;
      });
      row("操作", function (r, year) {
        var span = el("span");
        var load = el("button", { className: "md-button" }, "载入");
        load.type = "button";
        load.setAttribute("aria-label", "载入" + year + "年度");
        load.addEventListener("click", function () {
          yearInput.value = year;
          fill(loadYears()[year]);
          say(yearsStatus, "已载入" + year + "年度的输入。");
        });
        var del = el("button", { className: "md-button" }, "删除");
        del.type = "button";
        del.setAttribute("aria-label", "删除" + year + "年度");
        del.addEventListener("click", function () {
          if (!window.confirm("删除" + year + "年度的结果？")) return;
          var all = loadYears();
          delete all[year];
          saveYears(all);
          say(yearsStatus, "已删除" + year + "年度。");
          drawTable();
        });
        span.appendChild(load);
        span.appendChild(document.createTextNode(" "));
        span.appendChild(del);
        return span;
      });
      t.appendChild(body);
      table.appendChild(t);
    }

    var confirmBox = ref("confirm");
    // What waits for the user to confirm overwriting saved years: {run, cancelled (what to say)}.
    var pending = null;

    function ask(question, run, cancelled) {
      pending = { run: run, cancelled: cancelled };
      ref("confirm-text").textContent = question;
      confirmBox.hidden = false;
      say(yearsStatus, "");
      ref("confirm-no").focus();
    }

    function store(year, input, replaced) {
      var years = loadYears();
      years[year] = input;
      if (saveYears(years)) {
        say(yearsStatus, (replaced ? "已覆盖" : "已保存") + year + "年度的结果。");
      } else {
        say(yearsStatus, "浏览器拒绝保存（存储空间不足或已禁用），结果未保存。", "error");
      }
      drawTable();
    }

    function hideConfirm() {
      confirmBox.hidden = true;
      pending = null;
    }

    yearInput.addEventListener("input", function () {
      hideConfirm();
      changed();
    });

    ref("save").addEventListener("click", function () {
      hideConfirm();
      var year = yearInput.value.trim();
      var problem = yearProblem(year);
      yearError.textContent = problem;
      yearError.hidden = !problem;
      if (problem) {
        yearInput.setAttribute("aria-invalid", "true");
        yearInput.focus();
        return;
      }
      yearInput.removeAttribute("aria-invalid");
      var input = render();
      if (!input) {
        say(yearsStatus, "当前输入不完整或有错误，未保存。请先按提示更正。", "error");
        return;
      }
      if (Object.prototype.hasOwnProperty.call(loadYears(), year)) {
        // Saving over a year already saved asks first.
        ask(year + "年度已有保存的结果，覆盖吗？覆盖后原结果无法恢复（如需保留，请先导出）。",
          function () { store(year, input, true); }, "未保存：" + year + "年度原有的结果保持不变。");
        return;
      }
      store(year, input, false);
    });

    ref("confirm-yes").addEventListener("click", function () {
      var p = pending;
      hideConfirm();
      if (p) p.run();
      ref("save").focus();
    });

    ref("confirm-no").addEventListener("click", function () {
      var p = pending;
      hideConfirm();
      if (p) say(yearsStatus, p.cancelled);
      ref("save").focus();
    });

    ref("print").addEventListener("click", function () {
      render();
      window.print();
    });

    function exportYears() {
      var years = loadYears();
      if (!Object.keys(years).length) {
        say(yearsStatus, "没有可导出的结果。", "error");
        return;
      }
      var file = { kind: FILE_KIND, format: FORMAT, years: years };
      if (unitInput.value.trim()) file.unit = unitInput.value.trim();
      var text = JSON.stringify(file, null, 2) + "\n";
      kb.files.download("考核评分记录.json", text, "application/json", false);
      say(yearsStatus, "已导出 " + Object.keys(years).length + " 个年度。");
    }

    ref("export").addEventListener("click", exportYears);

    ref("export-csv").addEventListener("click", function () {
      var years = loadYears();
      if (!Object.keys(years).length) {
        say(yearsStatus, "没有可导出的结果。", "error");
        return;
      }
      var unit = unitInput.value.trim();
      kb.files.download((unit ? unit + "-" : "") + "考核评分记录.csv",
        kb.files.csv(calc.csvRows(scheme, years, unit, evaluate)), "text/csv", true);
      say(yearsStatus, "已导出 " + Object.keys(years).length + " 个年度的 CSV 文件（可用 Excel 或 WPS 打开，也可在本页导入）。");
    });

    ref("import").addEventListener("change", function (event) {
      var file = event.target.files && event.target.files[0];
      event.target.value = "";
      if (!file) return;
      if (file.size > MAX_IMPORT_BYTES) {
        say(yearsStatus, "无法导入“" + file.name + "”：文件过大（" + file.size + " 字节，上限 " + MAX_IMPORT_BYTES +
          " 字节），不是考核评分记录文件。未做任何更改。", "error");
        return;
      }
      kb.files.readFile(file).then(function (read) {
        var converted = read.encoding === "gb18030" ? kb.files.CONVERTED_TEXT + "。" : "";
        // The whole file is checked before anything is stored: a damaged or foreign file changes nothing.
        var data = calc.readYears(read.text, scheme, kb.site.key, evaluate);
        if (data.error) {
          say(yearsStatus, "无法导入“" + file.name + "”：" + data.error + "。未做任何更改。", "error");
          return;
        }
        var keys = Object.keys(data.years).sort();
        var replaced = keys.filter(function (k) { return Object.prototype.hasOwnProperty.call(loadYears(), k); });
        function take() {
          var years = loadYears();
          keys.forEach(function (k) { years[k] = data.years[k]; });
          if (!saveYears(years)) {
            say(yearsStatus, "浏览器拒绝保存，未导入。", "error");
            return;
          }
          say(yearsStatus, converted + "已导入 " + keys.length + " 个年度（" + keys.join("、") + "）" +
            (replaced.length ? "，其中 " + replaced.join("、") + " 年度覆盖了原有结果" : "") + "。");
          drawTable();
        }
        hideConfirm();
        if (!replaced.length) { take(); return; }
        // Importing over years already saved asks first, as saving does.
        ask(converted + "“" + file.name + "”中的 " + replaced.join("、") + " 年度在本浏览器中已有结果，导入将覆盖它们，继续吗？",
          take, "未导入“" + file.name + "”：原有结果保持不变。");
      }, function (e) {
        say(yearsStatus, "无法导入“" + file.name + "”：" + e.message + "。未做任何更改。", "error");
      });
    });

    kb.notices(root, { before: form, keys: [YEARS_KEY, DRAFT_KEY], onExport: exportYears });
    loadDraft();
    setMode(mode());
    render();
    drawTable();
  }

  kb.mount("calculator", mount);
})();
