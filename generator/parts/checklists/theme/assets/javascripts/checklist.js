// Checklist widget: answer each item (符合 / 不符合 / 不适用 + note), keep several named assessments per
// checklist in browser storage, export/import JSON, export CSV, print. Without JS the page is a paper form.
//
// Widget: data-kb-component="checklist", with the checklist's data (<script id="kb-checklist-data">)
// inside. Storage (kb.storage), key "checklist:<checklist id>":
//   {"format": 1, "current": "<assessment id>", "assessments": {"<assessment id>": {"name": "...",
//    "checklist": "<checklist id>", "version": "<checklist version>",
//    "answers": {"<item id>": {"status": "yes" | "no" | "na", "note": "...", "t": ms}}, "t": ms}},
//    "currentT": ms, "deleted": {"<assessment id>": ms}}
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
//   kb.storage.view("checklist:<id>", "current") -> {name, statuses: {"<item id>": "yes" | "no" | "na"}}
//   kb.storage.view("checklist:<id>", "assessments") -> {current: "<id>", list: [{id, name, statuses}]}
// (the calculator page loads this file for that; the widget itself mounts only on checklist pages).
(function () {
  "use strict";

  var kb = window.kb;

  var FORMAT = 1;
  var FILE_KIND = kb.fileKind("checklist-assessment");
  var STATUS = { yes: "符合", no: "不符合", na: "不适用" };
  var MAX_IMPORT_BYTES = 2 * 1024 * 1024;
  var MAX_NAME = 60;

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function has(obj, key) {
    return Object.prototype.hasOwnProperty.call(obj, key);
  }

  var el = kb.el;

  // One stored assessment as other widgets see it: {id, name, statuses}; null when not usable.
  function assessmentView(record, id) {
    var a = has(record.assessments, id) ? record.assessments[id] : null;
    if (!isObject(a) || !isObject(a.answers)) return null;
    var statuses = {};
    Object.keys(a.answers).forEach(function (itemId) {
      var answer = cleanAnswer(a.answers[itemId]);
      if (answer && answer.status) statuses[itemId] = answer.status;
    });
    return { id: id, name: typeof a.name === "string" && a.name ? a.name : String(id), statuses: statuses };
  }

  kb.storage.define("checklist", {
    format: FORMAT,
    check: function (record) { return isObject(record.assessments); },
    views: {
      // The current assessment's choices, for other widgets.
      current: function (record) {
        var view = assessmentView(record, record.current);
        return view ? { name: view.name, statuses: view.statuses } : null;
      },
      // Every saved assessment, so the calculator can ask which one to fill from.
      assessments: function (record) {
        var list = Object.keys(record.assessments).map(function (id) { return assessmentView(record, id); })
          .filter(function (v) { return v !== null; });
        return { current: String(record.current || ""), list: list };
      }
    }
  });

  kb.storage.define("checklist-fingerprints", {
    format: FORMAT,
    check: function (record) { return isObject(record.versions); }
  });

  // Excel and WPS run cells starting with = + - @ as formulas: user text is quoted to stay text.
  function cellText(value) {
    var s = value === undefined || value === null ? "" : String(value);
    return /^[=+\-@\t\r]/.test(s) ? "'" + s : s;
  }

  function safeFileName(text) {
    return String(text).replace(/[\\\/:*?"<>|\u0000-\u001f]+/g, "_").replace(/^[.\s]+|[.\s]+$/g, "").slice(0, 80) || "自查";
  }

  // A time stored with an answer or assessment, when it is one.
  function isTime(value) {
    return typeof value === "number" && isFinite(value) && value >= 0;
  }

  // One answer from storage or a file: {status?, note?, t?}; null when it is not an answer at all.
  function cleanAnswer(raw) {
    if (!isObject(raw)) return null;
    var out = {};
    if (has(raw, "t")) {
      if (!isTime(raw.t)) return null;
      out.t = raw.t;
    }
    if (has(raw, "status")) {
      if (!has(STATUS, raw.status)) return null;
      out.status = raw.status;
    }
    if (has(raw, "note")) {
      if (typeof raw.note !== "string") return null;
      out.note = raw.note;
    }
    return out;
  }

  function mount(root, data) {
    var key = "checklist:" + data.id;
    var fpKey = "checklist-fingerprints:" + data.id;
    var items = data.items;
    var byId = {};
    var fingerprints = {};
    items.forEach(function (item) {
      byId[item.id] = item;
      fingerprints[item.id] = item.fingerprint;
    });

    var q = function (sel) { return root.querySelector(sel); };
    var ui = {
      tools: q(".kb-cl-tools"),
      problems: q(".kb-cl-problems"),
      select: q(".kb-cl-select"),
      newButton: q(".kb-cl-new"),
      deleteButton: q(".kb-cl-delete"),
      renameForm: q(".kb-cl-rename"),
      name: q(".kb-cl-name"),
      confirm: q(".kb-cl-confirm"),
      confirmText: q(".kb-cl-confirm-text"),
      confirmYes: q(".kb-cl-confirm-yes"),
      confirmNo: q(".kb-cl-confirm-no"),
      exportJson: q(".kb-cl-export-json"),
      exportCsv: q(".kb-cl-export-csv"),
      importInput: q(".kb-cl-import"),
      printButton: q(".kb-cl-print"),
      status: q(".kb-cl-status"),
      progress: q(".kb-cl-progress"),
      progressText: q(".kb-cl-progress-text"),
      printName: q(".kb-cl-print-name"),
      summary: q(".kb-cl-summary"),
      summaryList: q(".kb-cl-summary-list"),
      summaryLaws: q(".kb-cl-summary-laws"),
      summaryEmpty: q(".kb-cl-summary-empty")
    };
    var notice = el("div", { className: "kb-cl-notice" });
    notice.setAttribute("role", "status");
    notice.hidden = true;
    ui.tools.insertBefore(notice, ui.status);

    var rows = {};
    items.forEach(function (item) {
      var li = root.querySelector('[data-kb-item="' + item.id + '"]');
      if (!li) return;
      var answer = li.querySelector(".kb-cl-answer");
      answer.hidden = false;
      var badge = el("span", { className: "kb-cl-badge" });
      badge.hidden = true;
      li.querySelector(".kb-cl-q").appendChild(badge);
      rows[item.id] = {
        li: li,
        radios: li.querySelectorAll('input[type="radio"]'),
        note: li.querySelector(".kb-cl-note"),
        boxes: li.querySelectorAll("[data-kb-box]"),
        paperNote: li.querySelector(".kb-cl-paper-text"),
        badge: badge
      };
    });

    // Items to point out after carrying answers over from an older checklist version: id -> text.
    var flagged = {};
    var state;
    var shown = "";      // the assessment this tab shows and writes to (its own, whatever other tabs do)
    var shownName = "";
    // The assessment made up on first visit, stored only once something is entered into it.
    var pendingId = null;

    function say(text, isError) {
      ui.status.textContent = text;
      ui.status.className = "kb-cl-status" + (isError ? " kb-cl-error" : "");
    }

    kb.notices(root, {
      box: ui.problems,
      keys: [key, fpKey],
      onExport: function () { exportJson(); },
      describe: function (problem) {
        if (problem.key !== key || !problem.aside) return null;
        if (problem.kind === "corrupt") {
          return "浏览器中保存的自查数据已损坏，无法读取；原数据已另存（已将无法读取的数据另存为 " + problem.aside +
            "），本页从空白开始。";
        }
        if (problem.kind === "invalid") {
          return "浏览器中保存的自查数据有部分内容格式不正确，已尽量保留可用的答案；原数据已另存为 " + problem.aside + "。";
        }
        return null;
      }
    });

    // --- storage ------------------------------------------------------------------------------------

    function emptyState() {
      return { format: FORMAT, current: "", assessments: {} };
    }

    // A time later than `than` (ms), now when the clock allows: a change always wins over what it changes.
    function after(than) {
      return Math.max(Date.now(), (isTime(than) ? than : 0) + 1);
    }

    // Keep every well-formed part of a stored record; report (and set aside) the record if any part was not.
    function readState() {
      var raw = kb.storage.read(key); // a record of another format or shape is already set aside
      if (raw === null) return emptyState();
      var out = emptyState();
      var damaged = false;
      if (raw) {
        Object.keys(raw.assessments).forEach(function (id) {
          var a = raw.assessments[id];
          if (!isObject(a) || typeof a.name !== "string" || a.checklist !== data.id ||
              typeof a.version !== "string" || !isObject(a.answers)) {
            damaged = true;
            return;
          }
          var answers = {};
          Object.keys(a.answers).forEach(function (itemId) {
            var answer = cleanAnswer(a.answers[itemId]);
            var known = a.version !== data.version || has(byId, itemId);
            if (answer && known) answers[itemId] = answer;
            else if (!(answer && !answer.status && !answer.note)) damaged = true; // a removed item's cleared answer is dropped
          });
          out.assessments[id] = { name: a.name.slice(0, MAX_NAME) || "未命名自查", checklist: data.id,
            version: a.version, answers: answers };
          if (has(a, "t")) {
            if (isTime(a.t)) out.assessments[id].t = a.t; else damaged = true;
          }
        });
        if (typeof raw.current === "string" && has(out.assessments, raw.current)) out.current = raw.current;
        if (has(raw, "currentT")) {
          if (isTime(raw.currentT)) out.currentT = raw.currentT; else damaged = true;
        }
        if (has(raw, "deleted")) {
          if (!isObject(raw.deleted)) damaged = true;
          else {
            Object.keys(raw.deleted).forEach(function (id) {
              if (!isTime(raw.deleted[id])) { damaged = true; return; }
              out.deleted = out.deleted || {};
              out.deleted[id] = raw.deleted[id];
            });
          }
        }
      }
      if (damaged && kb.storage.setAside(key, raw, "invalid").aside) kb.storage.write(key, out);
      return out;
    }

    // This tab's state merged with the record as stored now; the assessment shown stays shown.
    function merged(latest) {
      var out = kb.sync.mergeCollections(latest, state, "assessments");
      out.format = FORMAT;
      return out;
    }

    // A stored record as a merge gives it back (deleted assessments dropped), to compare with.
    function normal(record) {
      var out = kb.sync.mergeCollections(record, record, "assessments");
      out.format = FORMAT;
      return out;
    }

    function save() {
      pendingId = null;
      var done = kb.storage.update(key, function () {
        state = merged(readState());
        return state;
      });
      keepShown();
      return done.stored;
    }

    // Remember the fingerprints of this version, so later versions can tell which answers still fit.
    function readFingerprints() {
      return kb.storage.read(fpKey) || { format: FORMAT, versions: {} };
    }

    function rememberFingerprints(version, map) {
      var store = readFingerprints();
      if (JSON.stringify(store.versions[version]) === JSON.stringify(map)) return;
      store.versions[version] = map;
      kb.storage.write(fpKey, store);
    }

    // --- assessments --------------------------------------------------------------------------------

    function ids() {
      return Object.keys(state.assessments);
    }

    function current() {
      return state.assessments[shown];
    }

    // After a merge: the assessment this tab shows was deleted in another tab (and not written to
    // here since): show the one chosen last, and say so.
    function keepShown() {
      if (has(state.assessments, shown)) return;
      var gone = shownName;
      if (!ids().length) pendingId = addAssessment(defaultName());
      shown = has(state.assessments, state.current) ? state.current : ids()[0];
      shownName = current().name;
      render();
      say("“" + gone + "”已在另一个窗口中删除。当前自查：“" + current().name + "”。");
    }

    function uniqueName(base) {
      var names = ids().map(function (id) { return state.assessments[id].name; });
      if (names.indexOf(base) < 0) return base;
      for (var n = 2; ; n++) {
        var candidate = base + "（" + n + "）";
        if (names.indexOf(candidate) < 0) return candidate;
      }
    }

    function newId() {
      var id;
      var n = 0;
      do { id = "a" + Date.now().toString(36) + (n ? "-" + n : ""); n++; } while (has(state.assessments, id));
      return id;
    }

    function addAssessment(name, answers) {
      var id = newId();
      var now = Date.now();
      state.assessments[id] = { name: uniqueName(name), checklist: data.id, version: data.version,
        answers: answers || {}, t: now };
      choose(id);
      return id;
    }

    // Show `id` in this tab; remember it as the assessment chosen last when it is a new choice.
    function choose(id) {
      shown = id;
      shownName = state.assessments[id].name;
      if (state.current === id) return;
      state.current = id;
      state.currentT = after(state.currentT);
    }

    function defaultName() {
      return new Date().getFullYear() + "年度自查";
    }

    // Carry an assessment made with another checklist version over to this one.
    function migrate(assessment, oldFingerprints) {
      var report = { added: [], changed: [], removed: 0, unknown: !isObject(oldFingerprints) };
      if (assessment.version === data.version) return report;
      var old = isObject(oldFingerprints) ? oldFingerprints : null;
      Object.keys(assessment.answers).forEach(function (itemId) {
        var answer = assessment.answers[itemId];
        if (!answer.status && !answer.note) return; // a cleared answer: nothing to carry over
        if (!has(byId, itemId)) {
          assessment.answers[itemId] = { t: after(answer.t) }; // so no other copy brings it back
          report.removed++;
        } else if (old && has(old, itemId) && old[itemId] !== fingerprints[itemId]) {
          // The question changed: the old choice may not fit it; the note stays as a reminder.
          var note = answer.note;
          assessment.answers[itemId] = note ? { note: note, t: after(answer.t) } : { t: after(answer.t) };
          report.changed.push(itemId);
        }
      });
      if (old) {
        items.forEach(function (item) {
          if (!has(old, item.id)) report.added.push(item.id);
        });
      }
      assessment.version = data.version;
      assessment.t = after(assessment.t);
      return report;
    }

    function describeMigration(report, name) {
      flagged = {};
      report.added.forEach(function (id) { flagged[id] = "新增"; });
      report.changed.forEach(function (id) { flagged[id] = "已修改"; });
      var parts = [];
      var numbers = function (list) {
        return list.map(function (id) { return "第 " + byId[id].number + " 项"; }).join("、");
      };
      if (report.added.length) parts.push("新增 " + numbers(report.added) + "，请作答");
      if (report.changed.length) parts.push(numbers(report.changed) + " 的题目已修改，原选择已清除（备注保留），请重新作答");
      if (report.removed) parts.push(report.removed + " 个已删除项目的答案不再保留");
      if (report.unknown) parts.push("无法确定哪些项目有变化，请逐项核对");
      var text = "本清单已更新。“" + name + "”中未变化项目的答案已保留" +
        (parts.length ? "；" + parts.join("；") : "") + "。";
      notice.textContent = text;
      notice.hidden = false;
    }

    // Make `id` current, carrying it over from an older version when needed.
    function activate(id) {
      var changed = state.current !== id;
      choose(id);
      notice.hidden = true;
      flagged = {};
      var a = current();
      if (a.version !== data.version) {
        var old = readFingerprints().versions[a.version];
        var report = migrate(a, old);
        describeMigration(report, a.name);
        changed = true;
      }
      // Merely opening the page writes nothing (other tabs would hear of it as a change).
      if (changed) save();
    }

    // --- rendering ----------------------------------------------------------------------------------

    function renderSelect() {
      ui.select.textContent = "";
      ids().forEach(function (id) {
        var option = el("option", { className: "" }, state.assessments[id].name);
        option.value = id;
        if (id === shown) option.selected = true;
        ui.select.appendChild(option);
      });
      ui.name.value = current().name;
      ui.printName.textContent = current().name;
    }

    function renderAnswers() {
      var answers = current().answers;
      var counts = { yes: 0, no: 0, na: 0 };
      items.forEach(function (item) {
        var row = rows[item.id];
        if (!row) return;
        var answer = answers[item.id] || {};
        for (var i = 0; i < row.radios.length; i++) row.radios[i].checked = row.radios[i].value === answer.status;
        row.note.value = answer.note || "";
        if (answer.status) counts[answer.status]++;
        row.li.setAttribute("data-kb-status", answer.status || "");
        // Paper: the chosen box ticked, the note with its line breaks (ruled lines when there is none).
        for (var b = 0; b < row.boxes.length; b++) {
          row.boxes[b].textContent = row.boxes[b].getAttribute("data-kb-box") === answer.status ? "☑" : "□";
        }
        row.paperNote.textContent = answer.note || "";
        row.li.classList.toggle("kb-cl-noted", !!answer.note);
        var flag = answer.status ? "" : flagged[item.id] || "";
        row.badge.textContent = flag;
        row.badge.hidden = !flag;
      });
      var answered = counts.yes + counts.no + counts.na;
      // Nothing answered yet prints as a blank form for handwriting; otherwise as the filled record.
      root.classList.toggle("kb-cl-blank", answered === 0 && !items.some(function (item) {
        return answers[item.id] && answers[item.id].note;
      }));
      ui.progress.value = answered;
      ui.progressText.textContent = "已回答 " + answered + " / " + items.length + " 项（符合 " + counts.yes +
        "，不符合 " + counts.no + "，不适用 " + counts.na + "）";
      renderSummary(answers, counts.no);
    }

    // The 不符合 items with their notes and the liabilities they lead to; the text of each liability
    // provision follows once, after the items (several items often lead to the same provision).
    function renderSummary(answers, failing) {
      ui.summary.hidden = false;
      ui.summaryList.textContent = "";
      ui.summaryLaws.textContent = "";
      ui.summaryEmpty.hidden = failing > 0;
      var laws = [];
      items.forEach(function (item) {
        var answer = answers[item.id];
        if (!answer || answer.status !== "no") return;
        var li = el("li", { className: "kb-cl-summary-item" });
        var link = el("a", { className: "" }, "第 " + item.number + " 项：" + item.text);
        link.href = "#item-" + item.id;
        li.appendChild(link);
        if (answer.note) li.appendChild(el("p", { className: "kb-cl-summary-note" }, "备注：" + answer.note));
        var conseq = el("p", { className: "kb-cl-summary-conseq" });
        if (item.consequences.length) {
          conseq.appendChild(document.createTextNode("规定的责任："));
          item.consequences.forEach(function (ref, i) {
            if (i) conseq.appendChild(document.createTextNode("、"));
            var info = data.refs[ref];
            var a = el("a", { className: "" }, info ? info.citation : ref);
            if (info) a.href = info.href;
            conseq.appendChild(a);
            if (info && info.text && laws.indexOf(ref) < 0) laws.push(ref);
          });
        } else {
          conseq.textContent = "本项未列出专门的责任条款，请按依据条文整改。";
        }
        li.appendChild(conseq);
        ui.summaryList.appendChild(li);
      });
      if (laws.length) {
        ui.summaryLaws.appendChild(el("h3", { className: "kb-cl-summary-laws-h" }, "责任条款原文"));
        laws.forEach(function (ref) {
          var info = data.refs[ref];
          ui.summaryLaws.appendChild(el("p", { className: "kb-cl-summary-law" }, info.citation + "　" + info.text));
        });
      }
    }

    function render() {
      renderSelect();
      renderAnswers();
    }

    // --- editing ------------------------------------------------------------------------------------

    function setAnswer(itemId, change) {
      var answers = current().answers;
      var old = answers[itemId] || {};
      var answer = {};
      if (old.status) answer.status = old.status;
      if (old.note) answer.note = old.note;
      for (var k in change) if (has(change, k)) answer[k] = change[k];
      if (!answer.note) delete answer.note;
      if (!answer.status) delete answer.status;
      answer.t = after(old.t); // a cleared answer keeps its time, so no other tab's older copy returns
      answers[itemId] = answer;
      if (save()) say("");
      renderAnswers();
    }

    items.forEach(function (item) {
      var row = rows[item.id];
      if (!row) return;
      for (var i = 0; i < row.radios.length; i++) {
        row.radios[i].addEventListener("change", function (event) {
          if (event.target.checked) setAnswer(item.id, { status: event.target.value });
        });
      }
      row.note.addEventListener("input", function () {
        setAnswer(item.id, { note: row.note.value });
      });
    });

    ui.select.addEventListener("change", function () {
      if (!has(state.assessments, ui.select.value)) return;
      hideConfirm();
      activate(ui.select.value);
      render();
      say("已切换到“" + current().name + "”。");
    });

    ui.newButton.addEventListener("click", function () {
      hideConfirm();
      addAssessment(defaultName());
      notice.hidden = true;
      flagged = {};
      save();
      render();
      say("已新建“" + current().name + "”，可在“自查名称”中修改名称。");
      ui.name.focus();
      ui.name.select();
    });

    ui.renameForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var name = ui.name.value.trim().slice(0, MAX_NAME);
      if (!name) {
        say("名称不能为空。", true);
        ui.name.value = current().name;
        return;
      }
      if (name === current().name) return;
      var taken = ids().some(function (id) { return id !== shown && state.assessments[id].name === name; });
      if (taken) {
        say("已有名为“" + name + "”的自查，请换一个名称。", true);
        return;
      }
      current().name = name;
      current().t = after(current().t);
      shownName = name;
      save();
      render();
      say("已重命名为“" + name + "”。");
    });

    function hideConfirm() {
      ui.confirm.hidden = true;
    }

    ui.deleteButton.addEventListener("click", function () {
      ui.confirmText.textContent = "确定删除“" + current().name + "”吗？其全部答案将从本浏览器中删除，无法恢复（如需保留，请先导出 JSON）。";
      ui.confirm.hidden = false;
      ui.confirmNo.focus();
    });

    ui.confirmNo.addEventListener("click", function () {
      hideConfirm();
      ui.deleteButton.focus();
    });

    ui.confirmYes.addEventListener("click", function () {
      var name = current().name;
      var a = current();
      var last = a.t || 0;
      Object.keys(a.answers).forEach(function (k) { last = Math.max(last, a.answers[k].t || 0); });
      state.deleted = state.deleted || {};
      state.deleted[shown] = after(last);
      delete state.assessments[shown];
      var rest = ids();
      if (rest.length) activate(rest[0]);
      else addAssessment(defaultName());
      save();
      hideConfirm();
      render();
      say("已删除“" + name + "”。当前自查：“" + current().name + "”。");
      ui.select.focus();
    });

    // --- files --------------------------------------------------------------------------------------

    // Answers as exported: choices and notes, without times or cleared answers.
    function plainAnswers(answers) {
      var out = {};
      Object.keys(answers).forEach(function (id) {
        var a = answers[id];
        if (!a.status && !a.note) return;
        out[id] = {};
        if (a.status) out[id].status = a.status;
        if (a.note) out[id].note = a.note;
      });
      return out;
    }

    function exportJson() {
      var a = current();
      var file = {
        format: FORMAT,
        kind: FILE_KIND,
        checklist: data.id,
        title: data.title,
        version: data.version,
        name: a.name,
        answers: plainAnswers(a.answers),
        items: fingerprints
      };
      kb.files.download(safeFileName(data.short + "-" + a.name) + ".json",
        JSON.stringify(file, null, 1) + "\n", "application/json", false);
      say("已导出“" + a.name + "”的 JSON 文件。");
    }

    ui.exportJson.addEventListener("click", exportJson);

    ui.exportCsv.addEventListener("click", function () {
      var a = current();
      var rowsOut = [
        ["清单", data.title],
        ["清单编号", data.id],
        ["清单版本", data.version],
        ["自查名称", cellText(a.name)],
        [],
        ["序号", "项目编号", "检查事项", "依据", "查阅材料", "考评内容", "答复", "备注"]
      ];
      items.forEach(function (item) {
        var answer = a.answers[item.id] || {};
        rowsOut.push([
          item.number,
          item.id,
          item.text,
          item.cites.map(function (ref) { return data.refs[ref] ? data.refs[ref].citation : ref; }).join("、"),
          item.evidence,
          data.areas[item.area] || item.area,
          answer.status ? STATUS[answer.status] : "",
          cellText(answer.note || "")
        ]);
      });
      kb.files.download(safeFileName(data.short + "-" + a.name) + ".csv", kb.files.csv(rowsOut), "text/csv", true);
      say("已导出“" + a.name + "”的 CSV 文件（可用 Excel 或 WPS 打开）。");
    });

    // A parsed export file checked against this checklist; {error} or {name, answers, version, items}.
    function checkImport(file) {
      if (!isObject(file) || file.kind !== FILE_KIND) return { error: "这不是本站导出的自查文件" };
      if (file.format !== FORMAT) return { error: "文件格式版本（" + String(file.format) + "）无法识别" };
      if (file.checklist !== data.id) {
        return { error: "该文件属于“" + String(file.title || file.checklist) + "”（" + String(file.checklist) +
          "），不是本清单“" + data.title + "”（" + data.id + "）" };
      }
      if (typeof file.version !== "string" || !file.version) return { error: "文件缺少清单版本" };
      if (typeof file.name !== "string" || !file.name.trim()) return { error: "文件缺少自查名称" };
      if (!isObject(file.answers)) return { error: "文件缺少答案" };
      if (has(file, "items") && !isObject(file.items)) return { error: "文件中的项目列表格式不正确" };
      var answers = {};
      var keys = Object.keys(file.answers);
      for (var i = 0; i < keys.length; i++) {
        var answer = cleanAnswer(file.answers[keys[i]]);
        if (!answer) return { error: "项目 " + keys[i] + " 的答案格式不正确" };
        answer.t = Date.now();
        if (file.version === data.version && !has(byId, keys[i])) {
          return { error: "本清单没有项目 " + keys[i] };
        }
        answers[keys[i]] = answer;
      }
      return { name: file.name.trim().slice(0, MAX_NAME), answers: answers, version: file.version, items: file.items };
    }

    ui.importInput.addEventListener("change", function () {
      var chosen = ui.importInput.files && ui.importInput.files[0];
      ui.importInput.value = "";
      if (!chosen) return;
      var fail = function (why) {
        say("无法导入“" + chosen.name + "”：" + why + "。未作任何更改。", true);
      };
      if (chosen.size > MAX_IMPORT_BYTES) { fail("文件过大，不是自查文件"); return; }
      kb.files.readFile(chosen).then(function (read) {
        var text = read.text;
        var parsed;
        try { parsed = JSON.parse(text); } catch (e) { fail("文件已损坏或不是 JSON 格式"); return; }
        var checked = checkImport(parsed);
        if (checked.error) { fail(checked.error); return; }
        hideConfirm();
        // An untouched first-visit assessment would only be in the way of the imported one.
        if (pendingId && has(state.assessments, pendingId)) delete state.assessments[pendingId];
        pendingId = null;
        var id = addAssessment(checked.name, checked.answers);
        var a = state.assessments[id];
        a.version = checked.version;
        if (isObject(checked.items)) rememberFingerprints(checked.version, checked.items);
        activate(id);
        save();
        render();
        say((read.encoding === "gb18030" ? kb.files.CONVERTED_TEXT + "。" : "") + "已导入“" + a.name + "”（" + Object.keys(a.answers).length + " 项答案），并切换到该自查。");
      }, function (e) { fail(e.message); });
    });

    ui.printButton.addEventListener("click", function () { window.print(); });

    // Another tab of this site changed the same checklist: merge, keep showing this tab's assessment,
    // and put back anything of this tab's the other tab's write did not have.
    window.addEventListener("storage", function (event) {
      if (event.key !== kb.storage.fullKey(key)) return;
      var latest = readState();
      if (pendingId && has(state.assessments, pendingId) && ids().length === 1) {
        // This tab shows only the untouched first-visit assessment: show what the other tab saved.
        delete state.assessments[pendingId];
        pendingId = null;
        if (has(latest.assessments, latest.current)) { shown = latest.current; shownName = latest.assessments[shown].name; }
      }
      var before = state;
      state = merged(latest);
      // The other tab wrote without something of this tab's (written at about the same moment): put it back.
      if (!kb.sync.same(state, normal(latest))) kb.storage.write(key, state);
      if (!ids().length) pendingId = addAssessment(defaultName());
      keepShown();
      if (kb.sync.same(before.assessments, state.assessments)) return;
      render();
      say("答案已在另一个窗口中更新，本页已同步。");
    });

    // --- start --------------------------------------------------------------------------------------

    rememberFingerprints(data.version, fingerprints);
    state = readState();
    if (!ids().length) {
      // Not saved until the first answer, so merely opening the page stores nothing.
      pendingId = addAssessment(defaultName());
    } else {
      activate(has(state.assessments, state.current) ? state.current : ids()[0]);
    }
    root.classList.add("kb-cl-js");
    ui.tools.hidden = false;
    render();
  }

  kb.mount("checklist", function (root) {
    var data = kb.json(root);
    if (data) mount(root, data);
  });
})();
