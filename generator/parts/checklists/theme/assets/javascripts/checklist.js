// Checklist widget: answer each item (符合 / 不符合 / 不适用 + note), keep several named assessments per
// checklist in browser storage, each with who and when (自查单位, 年度, 填表人, 日期); export JSON and
// CSV named by unit and year, import either (UTF-8 or GBK), print the record or a blank form. Without
// JS the page is a paper form. The pure rules (records, counts, files) are kb.checklistState
// (checklist-state.js, run by node in the fast tier); this file wires them to the page.
//
// Widget: data-kb-component="checklist", with the checklist's data (<script id="kb-checklist-data">)
// inside. Storage (kb.storage), key "checklist:<checklist id>":
//   {"format": 1, "current": "<assessment id>", "assessments": {"<assessment id>": {"name": "...",
//    "checklist": "<checklist id>", "version": "<checklist version>", "unit"?: "...", "year"?: "YYYY",
//    "filler"?: "...", "date"?: "...",
//    "answers": {"<item id>": {"status": "yes" | "no" | "na", "note": "...", "t": ms}}, "t": ms}},
//    "currentT": ms, "deleted": {"<assessment id>": ms}}
// unit, year, filler and date are absent in records of earlier releases (same format: they are
// optional): such a record keeps working, its year is read from its default name, and its unit is
// asked for before it is exported. A new assessment asks for its unit at once.
// An answer holding only a note (no choice made yet) has no "status"; an answer cleared again holds
// only its time. "t" is when the answer (or the assessment's name and version) was last written;
// "deleted" remembers deletions. Records without times (earlier releases) count as written at time 0.
// Several tabs share the record: every write merges the record as stored at that moment with this
// tab's (kb.sync.mergeCollections: each answer keeps its later version), and so does every change
// heard from another tab, so two tabs answering different items both keep theirs. "current" is the
// assessment chosen last (what a page opened next shows); an open tab keeps showing, and writing to,
// the assessment it shows until its reader switches.
// Key "checklist-fingerprints:<checklist id>": {"format": 1, "versions": {"<version>": {"<item id>":
// "<fingerprint of the question text>"}}}, so answers made with an older version can be carried over:
// answers to unchanged items are kept, changed and new items are pointed out.
// Other widgets read an assessment only through this file's view of the record:
//   kb.storage.view("checklist:<id>", "current") -> {name, unit, year, statuses: {"<item id>": "yes" | "no" | "na"}}
//   kb.storage.view("checklist:<id>", "assessments") -> {current: "<id>", list: [{id, name, unit, year, statuses}]}
// (the calculator page loads this file for that; the widget itself mounts only on checklist pages).
(function () {
  "use strict";

  var kb = window.kb;
  var S = kb.checklistState;
  var el = kb.el;
  var FORMAT = 1;
  var FILE_KIND = kb.fileKind("checklist-assessment");
  var MAX_IMPORT_BYTES = 2 * 1024 * 1024;

  function has(obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); }

  kb.storage.define("checklist", {
    format: FORMAT,
    check: function (record) { return kb.isObject(record.assessments); },
    views: {
      // The current assessment's choices, for other widgets.
      current: function (record) {
        var v = S.view(record, record.current);
        return v ? { name: v.name, unit: v.unit, year: v.year, statuses: v.statuses } : null;
      },
      // Every saved assessment, so the calculator can ask which one to fill from.
      assessments: function (record) {
        var list = Object.keys(record.assessments).map(function (id) { return S.view(record, id); })
          .filter(function (v) { return v !== null; });
        return { current: String(record.current || ""), list: list };
      }
    }
  });

  kb.storage.define("checklist-fingerprints", {
    format: FORMAT,
    check: function (record) { return kb.isObject(record.versions); }
  });

  // A time later than `than` (ms), now when the clock allows: a change always wins over what it changes.
  function after(than) {
    return Math.max(Date.now(), (typeof than === "number" && isFinite(than) ? than : 0) + 1);
  }

  function thisYear() { return String(new Date().getFullYear()); }

  // --- the widget's elements and state -----------------------------------------------------------

  function context(root, data) {
    var q = function (sel) { return root.querySelector(sel); };
    var w = {
      root: root, data: data, key: "checklist:" + data.id, fpKey: "checklist-fingerprints:" + data.id,
      byId: {}, fingerprints: {}, rows: {}, flagged: {}, state: null, shown: "", shownName: "", pendingId: null,
      ui: {
        tools: q(".kb-cl-tools"), problems: q(".kb-cl-problems"), select: q(".kb-cl-select"),
        newButton: q(".kb-cl-new"), deleteButton: q(".kb-cl-delete"), renameForm: q(".kb-cl-rename"),
        name: q(".kb-cl-name"), who: q(".kb-cl-who"), whoError: q(".kb-cl-who-error"),
        confirm: q(".kb-cl-confirm"), confirmText: q(".kb-cl-confirm-text"), confirmYes: q(".kb-cl-confirm-yes"),
        confirmNo: q(".kb-cl-confirm-no"), exportJson: q(".kb-cl-export-json"), exportCsv: q(".kb-cl-export-csv"),
        importInput: q(".kb-cl-import"), printButton: q(".kb-cl-print"), printBlank: q(".kb-cl-print-blank"),
        status: q(".kb-cl-status"), progress: q(".kb-cl-progress"), progressText: q(".kb-cl-progress-text"),
        printName: q(".kb-cl-print-name"), summary: q(".kb-cl-summary"), summaryList: q(".kb-cl-summary-list"),
        summaryLaws: q(".kb-cl-summary-laws"), summaryEmpty: q(".kb-cl-summary-empty")
      }
    };
    data.items.forEach(function (item) {
      w.byId[item.id] = item;
      w.fingerprints[item.id] = item.fingerprint;
    });
    w.notice = el("div", { className: "kb-cl-notice", role: "status", hidden: true });
    w.ui.tools.insertBefore(w.notice, w.ui.status);
    data.items.forEach(function (item) {
      var li = root.querySelector('[data-kb-item="' + item.id + '"]');
      if (!li) return;
      li.querySelector(".kb-cl-answer").hidden = false;
      var badge = el("span", { className: "kb-cl-badge", hidden: true });
      li.querySelector(".kb-cl-q").appendChild(badge);
      w.rows[item.id] = { li: li, radios: li.querySelectorAll('input[type="radio"]'), note: li.querySelector(".kb-cl-note"),
        boxes: li.querySelectorAll("[data-kb-box]"), paperNote: li.querySelector(".kb-cl-paper-text"), badge: badge };
    });
    return w;
  }

  function say(w, text, isError) {
    w.ui.status.textContent = text;
    w.ui.status.className = "kb-cl-status" + (isError ? " kb-cl-error" : "");
  }

  // --- storage -----------------------------------------------------------------------------------

  // Keep every well-formed part of a stored record; report (and set aside) the record if any part was not.
  function readState(w) {
    var raw = kb.storage.read(w.key); // a record of another format or shape is already set aside
    var clean = S.cleanRecord(raw, w.data);
    if (clean.damaged && kb.storage.setAside(w.key, raw, "invalid").aside) kb.storage.write(w.key, clean.record);
    return clean.record;
  }

  // This tab's state merged with the record as stored now; the assessment shown stays shown.
  function merged(w, latest) {
    var out = kb.sync.mergeCollections(latest, w.state, "assessments");
    out.format = FORMAT;
    return out;
  }

  // A stored record as a merge gives it back (deleted assessments dropped), to compare with.
  function normal(record) {
    var out = kb.sync.mergeCollections(record, record, "assessments");
    out.format = FORMAT;
    return out;
  }

  function save(w) {
    w.pendingId = null;
    var done = kb.storage.update(w.key, function () {
      w.state = merged(w, readState(w));
      return w.state;
    });
    keepShown(w);
    return done.stored;
  }

  // Remember the fingerprints of a version, so later versions can tell which answers still fit.
  function readFingerprints(w) {
    return kb.storage.read(w.fpKey) || { format: FORMAT, versions: {} };
  }

  function rememberFingerprints(w, version, map) {
    var store = readFingerprints(w);
    if (JSON.stringify(store.versions[version]) === JSON.stringify(map)) return;
    store.versions[version] = map;
    kb.storage.write(w.fpKey, store);
  }

  // --- assessments -------------------------------------------------------------------------------

  function ids(w) { return Object.keys(w.state.assessments); }
  function current(w) { return w.state.assessments[w.shown]; }

  // After a merge: the assessment this tab shows was deleted in another tab (and not written to
  // here since): show the one chosen last, and say so.
  function keepShown(w) {
    if (has(w.state.assessments, w.shown)) return;
    var gone = w.shownName;
    if (!ids(w).length) w.pendingId = addAssessment(w, S.defaultName(thisYear()), {}, { year: thisYear() });
    w.shown = has(w.state.assessments, w.state.current) ? w.state.current : ids(w)[0];
    w.shownName = current(w).name;
    render(w);
    say(w, "“" + gone + "”已在另一个窗口中删除。当前自查：“" + current(w).name + "”。");
  }

  function newId(w) {
    var id, n = 0;
    do { id = "a" + Date.now().toString(36) + (n ? "-" + n : ""); n++; } while (has(w.state.assessments, id));
    return id;
  }

  // A new assessment, shown; `who`: its unit, year, filler and date as far as known.
  function addAssessment(w, name, answers, who) {
    var id = newId(w);
    var names = ids(w).map(function (k) { return w.state.assessments[k].name; });
    var a = { name: S.uniqueName(names, name), checklist: w.data.id, version: w.data.version, answers: answers || {}, t: Date.now() };
    Object.keys(who || {}).forEach(function (k) { if (who[k]) a[k] = who[k]; });
    w.state.assessments[id] = a;
    choose(w, id);
    return id;
  }

  // Show `id` in this tab; remember it as the assessment chosen last when it is a new choice.
  function choose(w, id) {
    w.shown = id;
    w.shownName = w.state.assessments[id].name;
    if (w.state.current === id) return;
    w.state.current = id;
    w.state.currentT = after(w.state.currentT);
  }

  function describeMigration(w, report, name) {
    w.flagged = {};
    report.added.forEach(function (id) { w.flagged[id] = "新增"; });
    report.changed.forEach(function (id) { w.flagged[id] = "已修改"; });
    var parts = [];
    var numbers = function (list) {
      return list.map(function (id) { return "第 " + w.byId[id].number + " 项"; }).join("、");
    };
    if (report.added.length) parts.push("新增 " + numbers(report.added) + "，请作答");
    if (report.changed.length) parts.push(numbers(report.changed) + " 的题目已修改，原选择已清除（备注保留），请重新作答");
    if (report.removed) parts.push(report.removed + " 个已删除项目的答案不再保留");
    if (report.unknown) parts.push("无法确定哪些项目有变化，请逐项核对");
    w.notice.textContent = "本清单已更新。“" + name + "”中未变化项目的答案已保留" + (parts.length ? "；" + parts.join("；") : "") + "。";
    w.notice.hidden = false;
  }

  // Make `id` current, carrying it over from an older version when needed.
  function activate(w, id) {
    var changed = w.state.current !== id;
    choose(w, id);
    w.notice.hidden = true;
    w.flagged = {};
    var a = current(w);
    if (a.version !== w.data.version) {
      describeMigration(w, S.migrate(a, w.data, readFingerprints(w).versions[a.version], after), a.name);
      changed = true;
    }
    // Merely opening the page writes nothing (other tabs would hear of it as a change).
    if (changed) save(w);
  }

  // --- rendering ---------------------------------------------------------------------------------

  function renderSelect(w) {
    w.ui.select.textContent = "";
    ids(w).forEach(function (id) {
      var option = el("option", { value: id }, w.state.assessments[id].name);
      if (id === w.shown) option.selected = true;
      w.ui.select.appendChild(option);
    });
    w.ui.name.value = current(w).name;
    var who = S.whoOf(current(w));
    var fields = w.ui.who.querySelectorAll("[data-kb-who]");
    for (var i = 0; i < fields.length; i++) {
      var k = fields[i].getAttribute("data-kb-who");
      if (fields[i] !== document.activeElement) fields[i].value = who[k];
      fields[i].removeAttribute("aria-invalid");
    }
    w.ui.whoError.hidden = true;
  }

  // The paper form: `a` answered (the record) or a blank form (a = null) to fill in by hand.
  function paint(w, a) {
    var answers = a ? a.answers : {};
    var who = a ? S.whoOf(a) : {};
    w.ui.printName.textContent = a ? a.name : "＿＿＿＿＿＿＿＿＿＿＿＿";
    var spans = w.root.querySelectorAll("[data-kb-print]");
    for (var i = 0; i < spans.length; i++) spans[i].textContent = who[spans[i].getAttribute("data-kb-print")] || "";
    w.data.items.forEach(function (item) {
      var row = w.rows[item.id];
      if (!row) return;
      var answer = answers[item.id] || {};
      // Paper: the chosen box ticked, the note with its line breaks (ruled lines when there is none).
      for (var b = 0; b < row.boxes.length; b++) {
        row.boxes[b].textContent = row.boxes[b].getAttribute("data-kb-box") === answer.status ? "☑" : "□";
      }
      row.paperNote.textContent = answer.note || "";
      row.li.classList.toggle("kb-cl-noted", !!answer.note);
    });
    // Nothing answered yet prints as a blank form for handwriting; otherwise as the filled record.
    w.root.classList.toggle("kb-cl-blank", S.isBlank(w.data.items, answers));
  }

  function renderAnswers(w) {
    var a = current(w);
    w.data.items.forEach(function (item) {
      var row = w.rows[item.id];
      if (!row) return;
      var answer = a.answers[item.id] || {};
      for (var i = 0; i < row.radios.length; i++) row.radios[i].checked = row.radios[i].value === answer.status;
      row.note.value = answer.note || "";
      row.li.setAttribute("data-kb-status", answer.status || "");
      var flag = answer.status ? "" : w.flagged[item.id] || "";
      row.badge.textContent = flag;
      row.badge.hidden = !flag;
    });
    paint(w, a);
    var counts = S.counts(w.data.items, a.answers);
    w.ui.progress.value = counts.answered;
    w.ui.progressText.textContent = "已回答 " + counts.answered + " / " + counts.count + " 项（符合 " + counts.yes +
      "，不符合 " + counts.no + "，不适用 " + counts.na + "）";
    renderSummary(w, a.answers, counts.no);
  }

  function consequenceLine(w, item, laws) {
    var conseq = el("p", { className: "kb-cl-summary-conseq" });
    if (!item.consequences.length) {
      conseq.textContent = "本项未列出专门的责任条款，请按依据条文整改。";
      return conseq;
    }
    conseq.appendChild(document.createTextNode("规定的责任："));
    item.consequences.forEach(function (ref, i) {
      if (i) conseq.appendChild(document.createTextNode("、"));
      var info = w.data.refs[ref];
      var link = el("a", null, info ? info.citation : ref);
      if (info) link.href = info.href;
      conseq.appendChild(link);
      if (info && info.text && laws.indexOf(ref) < 0) laws.push(ref);
    });
    return conseq;
  }

  // The 不符合 items with their notes and the liabilities they lead to; the text of each liability
  // provision follows once, after the items (several items often lead to the same provision).
  function renderSummary(w, answers, failing) {
    var ui = w.ui;
    ui.summary.hidden = false;
    ui.summaryList.textContent = "";
    ui.summaryLaws.textContent = "";
    ui.summaryEmpty.hidden = failing > 0;
    var laws = [];
    w.data.items.forEach(function (item) {
      var answer = answers[item.id];
      if (!answer || answer.status !== "no") return;
      var li = el("li", { className: "kb-cl-summary-item" });
      var link = el("a", { href: "#item-" + item.id }, "第 " + item.number + " 项：" + item.text);
      li.appendChild(link);
      if (answer.note) li.appendChild(el("p", { className: "kb-cl-summary-note" }, "备注：" + answer.note));
      li.appendChild(consequenceLine(w, item, laws));
      ui.summaryList.appendChild(li);
    });
    if (!laws.length) return;
    ui.summaryLaws.appendChild(el("h3", { className: "kb-cl-summary-laws-h" }, "责任条款原文"));
    laws.forEach(function (ref) {
      var info = w.data.refs[ref];
      ui.summaryLaws.appendChild(el("p", { className: "kb-cl-summary-law" }, info.citation + "　" + info.text));
    });
  }

  function render(w) {
    renderSelect(w);
    renderAnswers(w);
  }

  // --- editing -----------------------------------------------------------------------------------

  function setAnswer(w, itemId, change) {
    var answers = current(w).answers;
    var old = answers[itemId] || {};
    var answer = {};
    if (old.status) answer.status = old.status;
    if (old.note) answer.note = old.note;
    for (var k in change) if (has(change, k)) answer[k] = change[k];
    if (!answer.note) delete answer.note;
    if (!answer.status) delete answer.status;
    answer.t = after(old.t); // a cleared answer keeps its time, so no other tab's older copy returns
    answers[itemId] = answer;
    if (save(w)) say(w, "");
    renderAnswers(w);
  }

  // 自查单位, 年度, 填表人 or 日期 typed: kept with the assessment (a year must be four digits).
  function setWho(w, input) {
    var field = input.getAttribute("data-kb-who");
    var value = input.value.trim().slice(0, S.MAX_NAME);
    var problem = field === "year" ? S.yearProblem(value) : "";
    w.ui.whoError.textContent = problem;
    w.ui.whoError.hidden = !problem;
    if (problem) { input.setAttribute("aria-invalid", "true"); return; }
    input.removeAttribute("aria-invalid");
    var a = current(w);
    if ((a[field] || "") === value) return;
    if (value) a[field] = value; else delete a[field];
    a.t = after(a.t);
    save(w);
    paint(w, a);
  }

  function wireAnswers(w) {
    w.data.items.forEach(function (item) {
      var row = w.rows[item.id];
      if (!row) return;
      for (var i = 0; i < row.radios.length; i++) {
        row.radios[i].addEventListener("change", function (event) {
          if (event.target.checked) setAnswer(w, item.id, { status: event.target.value });
        });
      }
      row.note.addEventListener("input", function () { setAnswer(w, item.id, { note: row.note.value }); });
    });
    w.ui.who.addEventListener("input", function (event) {
      if (event.target.hasAttribute("data-kb-who")) setWho(w, event.target);
    });
    w.ui.who.addEventListener("submit", function (event) { event.preventDefault(); });
  }

  function askUnit(w, text) {
    var unit = w.ui.who.querySelector('[data-kb-who="unit"]');
    say(w, text, true);
    unit.setAttribute("aria-invalid", "true");
    unit.focus();
  }

  function rename(w) {
    var name = w.ui.name.value.trim().slice(0, S.MAX_NAME);
    if (!name) {
      say(w, "名称不能为空。", true);
      w.ui.name.value = current(w).name;
      return;
    }
    if (name === current(w).name) return;
    var taken = ids(w).some(function (id) { return id !== w.shown && w.state.assessments[id].name === name; });
    if (taken) {
      say(w, "已有名为“" + name + "”的自查，请换一个名称。", true);
      return;
    }
    current(w).name = name;
    current(w).t = after(current(w).t);
    w.shownName = name;
    save(w);
    render(w);
    say(w, "已重命名为“" + name + "”。");
  }

  function removeShown(w) {
    var a = current(w), name = a.name, last = a.t || 0;
    Object.keys(a.answers).forEach(function (k) { last = Math.max(last, a.answers[k].t || 0); });
    w.state.deleted = w.state.deleted || {};
    w.state.deleted[w.shown] = after(last);
    delete w.state.assessments[w.shown];
    var rest = ids(w);
    if (rest.length) activate(w, rest[0]);
    else addAssessment(w, S.defaultName(thisYear()), {}, { year: thisYear() });
    save(w);
    w.ui.confirm.hidden = true;
    render(w);
    say(w, "已删除“" + name + "”。当前自查：“" + current(w).name + "”。");
    w.ui.select.focus();
  }

  function wireAssessments(w) {
    var ui = w.ui;
    ui.select.addEventListener("change", function () {
      if (!has(w.state.assessments, ui.select.value)) return;
      ui.confirm.hidden = true;
      activate(w, ui.select.value);
      render(w);
      say(w, "已切换到“" + current(w).name + "”。");
    });
    // A new assessment asks at once for the unit it is made for (the year is this year's).
    ui.newButton.addEventListener("click", function () {
      ui.confirm.hidden = true;
      addAssessment(w, S.defaultName(thisYear()), {}, { year: thisYear() });
      w.notice.hidden = true;
      w.flagged = {};
      save(w);
      render(w);
      askUnit(w, "已新建“" + current(w).name + "”。请填写自查单位（导出的文件名和多单位对比按单位区分），可在“自查名称”中修改名称。");
      ui.status.className = "kb-cl-status";
    });
    ui.renameForm.addEventListener("submit", function (event) {
      event.preventDefault();
      rename(w);
    });
    ui.deleteButton.addEventListener("click", function () {
      ui.confirmText.textContent = "确定删除“" + current(w).name + "”吗？其全部答案将从本浏览器中删除，无法恢复（如需保留，请先导出 JSON）。";
      ui.confirm.hidden = false;
      ui.confirmNo.focus();
    });
    ui.confirmNo.addEventListener("click", function () {
      ui.confirm.hidden = true;
      ui.deleteButton.focus();
    });
    ui.confirmYes.addEventListener("click", function () { removeShown(w); });
  }

  // --- files and paper ---------------------------------------------------------------------------

  // The current assessment to export. One without a unit (a record of an earlier release, or a unit
  // never filled in) asks for it first; cancelled, the file is still written (a backup must never be
  // refused) under 未填单位, and the page says so.
  function exportable(w) {
    var a = current(w);
    if (S.whoOf(a).unit) return a;
    var given = window.prompt("“" + a.name + "”没有填写自查单位。请输入单位名称（导出的文件名和多单位对比都按单位区分）：", "");
    var unit = given === null ? "" : given.trim().slice(0, S.MAX_NAME);
    if (unit) {
      a.unit = unit;
      a.t = after(a.t);
      save(w);
      render(w);
    }
    return a;
  }

  function exported(w, a, what) {
    if (S.whoOf(a).unit) say(w, "已导出“" + a.name + "”的" + what + "。");
    else askUnit(w, "已导出“" + a.name + "”的" + what + "，但没有填写自查单位（文件名为“未填单位”）：请在“自查单位”中填写后重新导出。");
  }

  function exportJson(w) {
    var a = exportable(w);
    var file = S.exportFile(w.data, a, FILE_KIND);
    kb.files.download(S.fileStem(w.data, a) + ".json", JSON.stringify(file, null, 1) + "\n", "application/json", false);
    exported(w, a, " JSON 文件");
  }

  function exportCsv(w) {
    var a = exportable(w);
    kb.files.download(S.fileStem(w.data, a) + ".csv", kb.files.csv(S.csvRows(w.data, a)), "text/csv", true);
    exported(w, a, " CSV 文件（可用 Excel 或 WPS 打开）");
  }

  function imported(w, checked, read) {
    w.ui.confirm.hidden = true;
    // An untouched first-visit assessment would only be in the way of the imported one.
    if (w.pendingId && has(w.state.assessments, w.pendingId)) delete w.state.assessments[w.pendingId];
    w.pendingId = null;
    var id = addAssessment(w, checked.name, checked.answers, checked.who);
    var a = w.state.assessments[id];
    a.version = checked.version;
    if (checked.items) rememberFingerprints(w, checked.version, checked.items);
    activate(w, id);
    save(w);
    render(w);
    var text = (read.encoding === "gb18030" ? kb.files.CONVERTED_TEXT + "。" : "") + "已导入“" + a.name + "”（" +
      Object.keys(a.answers).length + " 项答案），并切换到该自查。";
    if (S.whoOf(a).unit) say(w, text);
    else askUnit(w, text + "文件没有填写自查单位，请在“自查单位”中填写。");
  }

  function importFile(w, chosen) {
    var fail = function (why) { say(w, "无法导入“" + chosen.name + "”：" + why + "。未作任何更改。", true); };
    if (chosen.size > MAX_IMPORT_BYTES) { fail("文件过大，不是自查文件"); return; }
    kb.files.readFile(chosen).then(function (read) {
      var checked = S.readImport(read.text, w.data, kb.site.key, Date.now());
      if (checked.error) fail(checked.error);
      else imported(w, checked, read);
    }, function (e) { fail(e.message); });
  }

  // A blank form for handwriting: the paper without this assessment's answers, then the record
  // again; nothing is created or stored.
  function printBlank(w) {
    w.root.classList.add("kb-cl-printing-blank");
    paint(w, null);
    try { window.print(); } finally {
      w.root.classList.remove("kb-cl-printing-blank");
      paint(w, current(w));
    }
  }

  function wireFiles(w) {
    var ui = w.ui;
    ui.exportJson.addEventListener("click", function () { exportJson(w); });
    ui.exportCsv.addEventListener("click", function () { exportCsv(w); });
    ui.importInput.addEventListener("change", function () {
      var chosen = ui.importInput.files && ui.importInput.files[0];
      ui.importInput.value = "";
      if (chosen) importFile(w, chosen);
    });
    ui.printButton.addEventListener("click", function () { window.print(); });
    ui.printBlank.addEventListener("click", function () { printBlank(w); });
  }

  // Another tab of this site changed the same checklist: merge, keep showing this tab's assessment,
  // and put back anything of this tab's the other tab's write did not have.
  function heard(w) {
    var latest = readState(w);
    if (w.pendingId && has(w.state.assessments, w.pendingId) && ids(w).length === 1) {
      // This tab shows only the untouched first-visit assessment: show what the other tab saved.
      delete w.state.assessments[w.pendingId];
      w.pendingId = null;
      if (has(latest.assessments, latest.current)) { w.shown = latest.current; w.shownName = latest.assessments[w.shown].name; }
    }
    var before = w.state;
    w.state = merged(w, latest);
    // The other tab wrote without something of this tab's (written at about the same moment): put it back.
    if (!kb.sync.same(w.state, normal(latest))) kb.storage.write(w.key, w.state);
    if (!ids(w).length) w.pendingId = addAssessment(w, S.defaultName(thisYear()), {}, { year: thisYear() });
    keepShown(w);
    if (kb.sync.same(before.assessments, w.state.assessments)) return;
    render(w);
    say(w, "答案已在另一个窗口中更新，本页已同步。");
  }

  function storageNotices(w) {
    kb.notices(w.root, {
      box: w.ui.problems,
      keys: [w.key, w.fpKey],
      onExport: function () { exportJson(w); },
      describe: function (problem) {
        if (problem.key !== w.key || !problem.aside) return null;
        if (problem.kind === "corrupt") {
          return "浏览器中保存的自查数据已损坏，无法读取；原数据已另存（已将无法读取的数据另存为 " + problem.aside + "），本页从空白开始。";
        }
        if (problem.kind === "invalid") {
          return "浏览器中保存的自查数据有部分内容格式不正确，已尽量保留可用的答案；原数据已另存为 " + problem.aside + "。";
        }
        return null;
      }
    });
  }

  function mount(root, data) {
    var w = context(root, data);
    storageNotices(w);
    wireAnswers(w);
    wireAssessments(w);
    wireFiles(w);
    window.addEventListener("storage", function (event) {
      if (event.key === kb.storage.fullKey(w.key)) heard(w);
    });
    rememberFingerprints(w, data.version, w.fingerprints);
    w.state = readState(w);
    if (!ids(w).length) {
      // Not saved until the first answer, so merely opening the page stores nothing.
      w.pendingId = addAssessment(w, S.defaultName(thisYear()), {}, { year: thisYear() });
    } else {
      activate(w, has(w.state.assessments, w.state.current) ? w.state.current : ids(w)[0]);
    }
    root.classList.add("kb-cl-js");
    w.ui.tools.hidden = false;
    render(w);
  }

  kb.mount("checklist", function (root) {
    var data = kb.json(root);
    if (data) mount(root, data);
  });
})();
