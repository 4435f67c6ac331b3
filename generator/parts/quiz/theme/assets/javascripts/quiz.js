// Exam training, part 1: shared question logic (kb.quiz) and the practice widget
// (data-kb-component="quiz-practice"). The rules (answers, spaced repetition, 收藏, 顺序练习's place,
// scopes, merging tabs) are kb.quizState (quiz-state.js, run by node); this file keeps the page's
// copy of the record, stores it and draws the widget. Data comes from the page (<script
// id="kb-quiz-data"> inside the widget, written by generator/parts/quiz); progress is kept in
// kb.storage under "quiz:progress" (the record is described in quiz-state.js).
// Every change is applied to this page's copy merged with the stored record, and the merge of the
// two is written (kb.quizState.merge: per question, the later entry), so two tabs never lose a star
// or an answer; another tab's writes are merged in when the browser reports them.
// Backups (export/import, shared with exam.js): {"kind": "<site key>-quiz-backup", "format": 2,
// "progress": <record>, "exams": <exam history record, see exam.js>}; files of the first release
// (format 1, progress of format 1, exams optional) import too.
(function () {
  "use strict";

  var kb = window.kb;
  var S = kb.quizState;
  var el = kb.el;

  var PROGRESS = "quiz:progress";
  var LETTERS = "ABCDEFGHIJ";

  kb.storage.define(PROGRESS, {
    format: 2,
    migrations: { 1: function (p) { return S.migrate1(p); } },
    check: function (p) {
      return kb.isObject(p.cards) && kb.isObject(p.wrongbook) && (p.stars === undefined || kb.isObject(p.stars)) &&
        (p.places === undefined || kb.isObject(p.places));
    }
  });

  // ------------------------------------------------------------------------------------------
  // Shared helpers (also used by exam.js)

  function readData(root) {
    return kb.json(root);
  }

  function params() {
    var out = {};
    var query = window.location.search.replace(/^\?/, "");
    if (!query) return out;
    query.split("&").forEach(function (pair) {
      var kv = pair.split("=");
      try {
        if (kv[0]) out[decodeURIComponent(kv[0])] = decodeURIComponent(kv[1] || "");
      } catch (e) { /* a malformed parameter is ignored */ }
    });
    return out;
  }

  // Random numbers: Math.random, or a seeded generator when the page has ?seed=N, so a session can
  // be reproduced (tests, a trainer showing the same order to a group). The generator and the
  // shuffle are the paper's (kb.paper, paper-state.js): one definition of each.
  function random(seedText) {
    if (seedText === undefined || seedText === "" || isNaN(Number(seedText))) return Math.random;
    return kb.paper.mulberry32(Number(seedText));
  }

  function shuffle(list, rand) {
    return kb.paper.shuffle(list, rand);
  }

  function today(offsetDays) {
    return S.day(Date.now(), offsetDays);
  }

  // This page's copy of the record: what it wrote, merged with what other tabs wrote.
  var mine = null;

  function loadProgress() {
    mine = S.merge(mine, kb.storage.read(PROGRESS));
    return mine;
  }

  // Apply fn (record -> record) to the latest record and store its merge with what is stored now.
  function change(fn) {
    mine = fn(loadProgress());
    mine = kb.storage.update(PROGRESS, function (latest) { return S.merge(latest, mine); }).record;
    return mine;
  }

  // Record one answer (practice and exam); returns the question's card.
  function record(questionId, right) {
    var card = null;
    change(function (p) {
      var done = S.recordAnswer(p, questionId, right, Date.now());
      card = done.card;
      return done.progress;
    });
    return card;
  }

  function dueIds(p) {
    return S.dueIds(p, today());
  }

  // Inputs for one question inside `container`; returns a function giving the current answer.
  // order: the options in the order to show (a resumed exam); otherwise shuffled with rand.
  function renderChoices(container, question, rand, name, order) {
    if (question.type === "填空") {
      var id = name + "-input";
      var p = el("p", { className: "kb-quiz-fill" });
      p.appendChild(el("label", { "for": id }, "填写括号中的内容："));
      var input = el("input", { type: "text", id: id, name: name, autocomplete: "off" });
      p.appendChild(input);
      container.appendChild(p);
      return {
        get: function () { return input.value.trim(); },
        set: function (value) { input.value = typeof value === "string" ? value : ""; },
        options: [], inputs: [input]
      };
    }
    var multi = question.type === "多选";
    var options = order && order.length ? order.slice() :
      question.type === "判断" ? question.options.slice() : shuffle(question.options, rand);
    var list = el("div", { className: "kb-quiz-choices" });
    var inputs = [];
    options.forEach(function (option, i) {
      var id = name + "-" + i;
      var row = el("div", { className: "kb-quiz-choice" });
      var input = el("input", { type: multi ? "checkbox" : "radio", id: id, name: name, value: option });
      var label = el("label", { "for": id });
      if (question.type !== "判断") label.appendChild(el("span", { className: "kb-quiz-letter" }, LETTERS[i] + ". "));
      label.appendChild(document.createTextNode(option));
      row.appendChild(input);
      row.appendChild(label);
      list.appendChild(row);
      inputs.push(input);
    });
    container.appendChild(list);
    return {
      inputs: inputs,
      options: options,
      set: function (value) {
        var want = Array.isArray(value) ? value : [value];
        inputs.forEach(function (x) { x.checked = want.indexOf(x.value) >= 0; });
      },
      get: function () {
        var chosen = inputs.filter(function (x) { return x.checked; }).map(function (x) { return x.value; });
        return multi ? chosen : (chosen[0] || "");
      }
    };
  }

  // Explanation and links to the cited provisions, for feedback and review.
  // quote: also quote the cited provisions' text (the exam review).
  function renderExplanation(container, question, rootHref, quote) {
    if (quote && question.texts) {
      question.texts.forEach(function (text, i) {
        container.appendChild(el("blockquote", { className: "kb-quiz-provision" }, [
          el("p", {}, text),
          el("p", { className: "kb-quiz-provision-cite" }, ["——", el("a", { href: rootHref + question.urls[i] }, question.citations[i])])
        ]));
      });
    }
    container.appendChild(el("p", { className: "kb-quiz-explanation" }, question.explanation));
    var links = el("p", { className: "kb-quiz-cites" }, "查看条文：");
    question.urls.forEach(function (url, i) {
      if (i) links.appendChild(document.createTextNode("、"));
      links.appendChild(el("a", { href: rootHref + url }, question.citations[i]));
    });
    container.appendChild(links);
  }

  // After feedback: the chosen and the correct options marked in the list (colour and words).
  function markChoices(choices, question, given) {
    if (question.type === "填空") return;
    var want = question.type === "多选" ? question.answer : [question.answer];
    var chosen = Array.isArray(given) ? given : [given];
    choices.inputs.forEach(function (input) {
      var row = input.parentNode;
      var isChosen = chosen.indexOf(input.value) >= 0, isCorrect = want.indexOf(input.value) >= 0;
      if (isChosen) row.classList.add("kb-review-chosen");
      if (isCorrect) row.classList.add("kb-review-correct");
      var marks = (isChosen ? "（你的选择）" : "") + (isCorrect ? "（正确答案）" : "");
      if (marks) row.querySelector("label").appendChild(el("strong", { className: "kb-quiz-mark" }, marks));
    });
  }

  function typeHint(question) {
    return { "单选": "单选题：选择一个正确答案。", "多选": "多选题：选择全部正确答案（两个或以上）。",
      "判断": "判断题：判断表述是否正确。", "填空": "填空题：填写括号处的原文用语。" }[question.type];
  }

  var BACKUP_KIND = kb.fileKind("quiz-backup");
  var BACKUP_FORMAT = 2;
  var MAX_IMPORT_BYTES = 5 * 1024 * 1024;
  var exams = null; // exam.js's hook: {add(file), check(value) -> record or null, write(record)}

  function backupFile() {
    var file = { kind: BACKUP_KIND, format: BACKUP_FORMAT, progress: loadProgress() };
    if (exams) exams.add(file);
    return file;
  }

  // Progress (and whatever the page's other widgets add: the exam history) as a backup file.
  function exportProgress(extra) {
    var file = backupFile();
    if (extra) Object.keys(extra).forEach(function (k) { file[k] = extra[k]; });
    kb.files.download("学法考试记录.json", JSON.stringify(file, null, 1) + "\n", "application/json", false);
  }

  // A parsed backup file -> {progress, exams} or {error}; the checklists' rules: the file must be
  // this site's kind, a known format and well-formed throughout, or nothing changes.
  function checkBackup(file, checkExams) {
    if (!kb.isObject(file) || file.kind !== BACKUP_KIND) return { error: "这不是本站导出的学法考试记录文件" };
    if (file.format !== 1 && file.format !== 2) return { error: "文件格式版本（" + String(file.format) + "）无法识别" };
    var checked = S.checkProgress(file.progress);
    if (checked.error) return checked;
    var exams = null;
    if (file.exams !== undefined) {
      exams = checkExams ? checkExams(file.exams) : null;
      if (checkExams && !exams) return { error: "文件中的考试记录格式不正确" };
    }
    return { progress: checked.progress, exams: exams };
  }

  // An inline confirmation next to `anchor` (role=alertdialog): text, yes/no labels, and when
  // `backup` is true a button exporting a backup first. onYes runs only after 确定.
  function confirmBox(anchor, options) {
    var old = anchor.parentNode.querySelector(".kb-quiz-confirm");
    if (old) old.remove();
    var id = "kb-confirm-" + Math.floor(Math.random() * 1e9);
    var box = kb.el("div", { className: "kb-quiz-confirm", role: "alertdialog", "aria-labelledby": id });
    box.appendChild(kb.el("p", { id: id, className: "kb-quiz-confirm-text" }, options.text));
    var yes = kb.el("button", { type: "button", className: "md-button md-button--primary kb-quiz-confirm-yes" }, options.yes);
    var no = kb.el("button", { type: "button", className: "md-button kb-quiz-confirm-no" }, options.no || "取消");
    var row = kb.el("p", { className: "kb-quiz-actions" }, [yes, " ", no]);
    if (options.backup) {
      var save = kb.el("button", { type: "button", className: "md-button kb-quiz-confirm-backup" }, "先导出备份");
      save.addEventListener("click", function () { exportProgress(); });
      row.appendChild(document.createTextNode(" "));
      row.appendChild(save);
    }
    box.appendChild(row);
    function close() {
      box.remove();
      if (options.returnFocus !== false && anchor.focus) anchor.focus();
    }
    yes.addEventListener("click", function () { box.remove(); options.onYes(); });
    no.addEventListener("click", function () { close(); if (options.onNo) options.onNo(); });
    box.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); close(); }
    });
    anchor.parentNode.insertBefore(box, anchor.nextSibling);
    no.focus();
    return box;
  }

  // Export and import buttons for a widget: `where` gets them; `onImported(result)` redraws.
  // Importing replaces this browser's records, so it asks first and offers a backup.
  function backupTools(where, say, onImported) {
    var exportButton = kb.el("button", { type: "button", className: "md-button kb-quiz-export" }, "导出记录（JSON）");
    var label = kb.el("label", { className: "md-button kb-quiz-import-label" }, "导入记录");
    var input = kb.el("input", { type: "file", accept: ".json,application/json", className: "kb-quiz-import" });
    label.appendChild(input);
    exportButton.addEventListener("click", function () { exportProgress(); });
    input.addEventListener("change", function () {
      var chosen = input.files && input.files[0];
      input.value = "";
      if (!chosen) return;
      function fail(why) { say("无法导入“" + chosen.name + "”：" + why + "。未作任何更改。"); }
      if (chosen.size > MAX_IMPORT_BYTES) { fail("文件过大，不是学法考试记录文件"); return; }
      kb.files.readText(chosen).then(function (text) {
        var parsed;
        try { parsed = JSON.parse(text); } catch (e) { fail("文件已损坏或不是 JSON 格式"); return; }
        var checked = checkBackup(parsed, exams && exams.check);
        if (checked.error) { fail(checked.error); return; }
        confirmBox(label, {
          text: "导入“" + chosen.name + "”将替换本浏览器中的错题本和复习记录" +
            (checked.exams ? "以及考试记录" : "") + "。确定导入吗？",
          yes: "导入并替换", no: "取消", backup: true,
          onYes: function () {
            change(function () { return S.replaceWith(checked.progress, Date.now()); });
            if (checked.exams && exams) exams.write(checked.exams);
            onImported(checked);
            say("已导入“" + chosen.name + "”：错题本 " + Object.keys(checked.progress.wrongbook).filter(function (id) {
              return S.inWrongbook(checked.progress, id);
            }).length + " 题" +
              (checked.exams ? "，考试记录 " + checked.exams.attempts.length + " 次" : "") + "。");
          }
        });
      }, function () { fail("无法读取文件"); });
    });
    where.appendChild(kb.el("p", { className: "kb-quiz-backup-tools" }, [exportButton, " ", label]));
  }

  kb.quiz = {
    readData: readData, params: params, random: random, shuffle: shuffle, isRight: S.isRight,
    normalize: S.normalize, answerText: S.answerText, givenText: S.givenText, today: today,
    exportProgress: exportProgress, record: record, loadProgress: loadProgress, change: change,
    renderChoices: renderChoices, renderExplanation: renderExplanation, markChoices: markChoices,
    typeHint: typeHint, PROGRESS: PROGRESS, confirm: confirmBox, backupTools: backupTools,
    checkBackup: checkBackup, dueIds: dueIds,
    // exam.js: how the exam history goes into a backup and comes back from one
    registerExams: function (hook) { exams = hook; }
  };
  // ------------------------------------------------------------------------------------------
  // Practice widget. ctx: the widget's parts and data, shared by the functions below.

  var DYNAMIC_SCOPES = ["due", "wrong", "unseen", "starred"];
  var EMPTY_TEXT = { due: "今天没有到期待复习的题。", wrong: "错题本是空的。", unseen: "题库中的题都已练过。",
    starred: "还没有收藏的题。练习时点“收藏本题”即可收藏。" };

  function chosen(form, name) {
    var input = form.querySelector("[name=" + name + "]:checked");
    return input ? input.value : "";
  }

  // The review scopes' options show how many questions they hold now.
  function showCounts(ctx) {
    var n = S.counts(ctx.data, loadProgress(), DYNAMIC_SCOPES, today());
    Array.prototype.forEach.call(ctx.form.querySelectorAll("option[data-kb-label]"), function (o) {
      o.textContent = o.getAttribute("data-kb-label") + "（" + n[o.value] + "题）";
    });
  }

  // 收藏本题 / 取消收藏: a toggle button kept in step with the record.
  function starButton(ctx, id) {
    var button = el("button", { type: "button", className: "md-button kb-quiz-star" });
    function show() {
      var on = S.isStarred(loadProgress(), id);
      button.textContent = on ? "已收藏（点击取消）" : "收藏本题";
      button.setAttribute("aria-pressed", on ? "true" : "false");
    }
    button.addEventListener("click", function () {
      var on = !S.isStarred(loadProgress(), id);
      change(function (p) { return S.setStar(p, id, on, Date.now()); });
      show();
      showCounts(ctx);
    });
    show();
    return button;
  }

  // The questions of the form's choice, or null with the reason said in the status line.
  function planFromForm(ctx) {
    var form = ctx.form;
    var scope = form.querySelector("[name=scope]").value;
    var count = parseInt(form.querySelector("[name=count]").value, 10);
    if (!(count >= 1)) {
      ctx.status.textContent = "请输入题量（至少1题）。";
      form.querySelector("[name=count]").focus();
      return null;
    }
    return plan(ctx, scope, count, chosen(form, "mode") || "answer", chosen(form, "order") || "random");
  }

  function plan(ctx, scope, count, mode, order) {
    var p = loadProgress();
    var ids = S.pool(ctx.data, p, scope, today());
    if (!ids.length) {
      ctx.status.textContent = EMPTY_TEXT[scope] || "这个范围内没有题目。";
      return null;
    }
    ctx.status.textContent = "";
    var start = order === "sequential" ? S.resumeAt(p, scope, ids) : 0;
    var picked = S.session(ids, order, count, start, shuffle, ctx.rand);
    return { scope: scope, mode: mode, order: order, ids: picked.ids, from: picked.from, size: ids.length,
      index: 0, right: 0 };
  }

  function start(ctx, run) {
    ctx.form.hidden = true;
    ctx.session.hidden = false;
    ctx.session.textContent = "";
    run.progress = el("p", { className: "kb-quiz-progress", "aria-live": "polite" });
    run.card = el("div", { className: "kb-quiz-card" });
    if (run.order === "sequential") {
      ctx.session.appendChild(el("p", { className: "kb-quiz-place" },
        "顺序练习：从本范围第 " + (run.from + 1) + " / " + run.size + " 题" + (run.from ? "继续" : "开始") + "。"));
    }
    ctx.session.appendChild(run.progress);
    ctx.session.appendChild(run.card);
    show(ctx, run);
  }

  function show(ctx, run) {
    if (run.mode === "study") showStudy(ctx, run); else showQuestion(ctx, run);
  }

  function progressText(run) {
    if (run.mode === "study") return "背题模式：第 " + (run.index + 1) + " / " + run.ids.length + " 题";
    return "第 " + (run.index + 1) + " / " + run.ids.length + " 题，已答对 " + run.right + " 题";
  }

  // The question's fieldset (legend with its type, the hint) and its inputs.
  function questionBox(ctx, run, q) {
    var fieldset = el("fieldset", { className: "kb-quiz-question", "data-kb-question": q.id });
    var legend = el("legend");
    legend.appendChild(el("span", { className: "kb-quiz-type" }, q.type));
    legend.appendChild(document.createTextNode(" " + q.stem));
    fieldset.appendChild(legend);
    fieldset.appendChild(el("p", { className: "kb-quiz-hint" }, typeHint(q)));
    var choices = renderChoices(fieldset, q, ctx.rand, "kb-practice-" + run.index);
    run.card.appendChild(fieldset);
    return choices;
  }

  // 背题模式: the answer marked and explained at once, nothing recorded; 上一题 / 下一题.
  function showStudy(ctx, run) {
    var q = ctx.byId[run.ids[run.index]];
    run.progress.textContent = progressText(run);
    run.card.textContent = "";
    var choices = questionBox(ctx, run, q);
    choices.inputs.forEach(function (x) { x.disabled = true; });
    markChoices(choices, q, []);
    var answer = el("div", { className: "kb-quiz-feedback kb-quiz-study" });
    answer.appendChild(el("p", { className: "kb-quiz-correct" }, "正确答案：" + S.answerText(q)));
    renderExplanation(answer, q, ctx.rootHref);
    run.card.appendChild(answer);
    keepPlace(ctx, run);
    var prev = el("button", { type: "button", className: "md-button kb-quiz-prev" }, "上一题");
    prev.disabled = run.index === 0;
    var last = run.index + 1 >= run.ids.length;
    var next = el("button", { type: "button", className: "md-button md-button--primary kb-quiz-next" }, last ? "结束背题" : "下一题");
    prev.addEventListener("click", function () { run.index -= 1; showStudy(ctx, run); });
    next.addEventListener("click", function () {
      run.index += 1;
      if (last) finish(ctx, run); else showStudy(ctx, run);
    });
    run.card.appendChild(el("p", { className: "kb-quiz-actions" }, [prev, " ", next, " ", starButton(ctx, q.id)]));
    next.focus();
  }

  // 顺序练习: the scope continues after this question next time.
  function keepPlace(ctx, run) {
    if (run.order !== "sequential") return;
    var id = run.ids[run.index];
    change(function (p) { return S.setPlace(p, run.scope, id, Date.now()); });
  }

  function showQuestion(ctx, run) {
    var q = ctx.byId[run.ids[run.index]];
    run.progress.textContent = progressText(run);
    run.card.textContent = "";
    var choices = questionBox(ctx, run, q);
    var check = el("button", { type: "button", className: "md-button md-button--primary kb-quiz-check" }, "提交答案");
    run.card.appendChild(el("p", { className: "kb-quiz-actions" }, [check, " ", starButton(ctx, q.id)]));
    var feedback = el("div", { className: "kb-quiz-feedback", role: "status", "aria-live": "polite" });
    var hint = el("p", { className: "kb-quiz-warning", "aria-live": "assertive" });
    run.card.appendChild(feedback);
    run.card.appendChild(hint);
    (choices.inputs[0] || check).focus();
    check.addEventListener("click", function () {
      var given = choices.get();
      if (given === "" || given.length === 0) {
        hint.textContent = "请先作答。";
        return;
      }
      hint.textContent = "";
      check.remove();
      answered(ctx, run, q, choices, given, feedback);
    });
  }

  function answered(ctx, run, q, choices, given, feedback) {
    var ok = S.isRight(q, given);
    if (ok) run.right += 1;
    var cardState = record(q.id, ok);
    keepPlace(ctx, run);
    choices.inputs.forEach(function (x) { x.disabled = true; });
    markChoices(choices, q, given);
    feedback.className = "kb-quiz-feedback " + (ok ? "kb-quiz-right" : "kb-quiz-wrong");
    feedback.appendChild(el("p", { className: "kb-quiz-verdict" }, ok ? "回答正确。" : "回答错误。"));
    if (!ok) {
      feedback.appendChild(el("p", { className: "kb-quiz-correct" }, "正确答案：" + S.answerText(q)));
      feedback.appendChild(el("p", {}, "已记入错题本，今天可在范围“到期待复习的错题”中再练。"));
    } else {
      feedback.appendChild(el("p", { className: "kb-quiz-next-due" }, "下次复习：" + cardState.due + "（第 " + cardState.box + " 盒）"));
    }
    renderExplanation(feedback, q, ctx.rootHref);
    run.progress.textContent = progressText(run);
    var next = el("button", { type: "button", className: "md-button md-button--primary kb-quiz-next" },
      run.index + 1 < run.ids.length ? "下一题" : "查看本次结果");
    next.addEventListener("click", function () {
      run.index += 1;
      if (run.index < run.ids.length) show(ctx, run); else finish(ctx, run);
    });
    feedback.appendChild(el("p", { className: "kb-quiz-actions" })).appendChild(next);
    next.focus();
    renderBook(ctx);
  }

  function finish(ctx, run) {
    run.card.textContent = "";
    run.progress.textContent = run.mode === "study" ? "背题完成：共 " + run.ids.length + " 题。" :
      "练习完成：共 " + run.ids.length + " 题，答对 " + run.right + " 题。";
    var again = el("button", { type: "button", className: "md-button md-button--primary kb-quiz-again" }, "再练一组");
    again.addEventListener("click", function () {
      ctx.session.hidden = true;
      ctx.form.hidden = false;
      showCounts(ctx);
      ctx.form.querySelector("[name=scope]").focus();
    });
    run.card.appendChild(el("p")).appendChild(again);
    again.focus();
  }

  function bookItem(ctx, p, id) {
    var q = ctx.byId[id];
    var c = p.cards[id] || { box: 1, due: today() };
    var item = el("li", { className: "kb-quiz-book-item", "data-kb-question": id });
    item.appendChild(el("p", { className: "kb-quiz-stem" }, q.stem));
    var meta = el("p", { className: "kb-quiz-book-meta" },
      "答错 " + p.wrongbook[id].count + " 次 · 第 " + c.box + " 盒 · 下次复习 " + c.due + " · ");
    q.urls.forEach(function (url, i) {
      if (i) meta.appendChild(document.createTextNode("、"));
      meta.appendChild(el("a", { href: ctx.rootHref + url }, q.citations[i]));
    });
    var remove = el("button", { type: "button", className: "kb-quiz-book-remove" }, "移出错题本");
    remove.setAttribute("aria-label", "移出错题本：" + q.stem);
    remove.addEventListener("click", function () {
      change(function (now) { return S.removeFromWrongbook(now, id, Date.now()); });
      renderBook(ctx);
      ctx.book.querySelector(".kb-quiz-book-summary").focus();
    });
    meta.appendChild(document.createTextNode(" "));
    meta.appendChild(remove);
    item.appendChild(meta);
    return item;
  }

  function renderBook(ctx) {
    var p = loadProgress();
    var list = ctx.book.querySelector(".kb-quiz-book-list");
    var summary = ctx.book.querySelector(".kb-quiz-book-summary");
    summary.setAttribute("tabindex", "-1");
    list.textContent = "";
    var ids = Object.keys(p.wrongbook).filter(function (id) { return ctx.byId[id] && S.inWrongbook(p, id); })
      .sort(function (a, b) { return (p.wrongbook[b].count - p.wrongbook[a].count) || (a < b ? -1 : 1); });
    var due = dueIds(p).filter(function (id) { return ctx.byId[id]; }).length;
    summary.textContent = ids.length
      ? "错题本共 " + ids.length + " 题；今天到期待复习 " + due + " 题。在“范围”中选择“到期待复习的错题”即可练习。"
      : "错题本是空的。答错的题会出现在这里。" + (due ? "今天到期待复习 " + due + " 题。" : "");
    ids.forEach(function (id) { list.appendChild(bookItem(ctx, p, id)); });
    showCounts(ctx);
  }

  function wireBook(ctx) {
    var clear = ctx.book.querySelector(".kb-quiz-book-clear");
    clear.addEventListener("click", function () {
      var p = loadProgress();
      var wrong = Object.keys(p.wrongbook).filter(function (id) { return S.inWrongbook(p, id); }).length;
      confirmBox(clear, {
        text: "确定清空错题本（" + wrong + " 题）和全部复习记录（" + Object.keys(p.cards).length +
          " 题）吗？清空后无法恢复，建议先导出备份。",
        yes: "清空", no: "取消", backup: true,
        onYes: function () {
          change(function (now) { return S.clearReview(now, Date.now()); });
          renderBook(ctx);
          ctx.notes.say("已清空错题本和复习记录。");
        }
      });
    });
    backupTools(ctx.book, function (text) { ctx.notes.say(text); }, function () { renderBook(ctx); });
    // Another tab's answers, stars and places: merged into this page's copy, and stored back when
    // that tab's write dropped something of this page's.
    window.addEventListener("storage", function (event) {
      if (event.key !== kb.storage.fullKey(PROGRESS)) return;
      var stored = kb.storage.read(PROGRESS);
      if (!kb.sync.same(S.merge(stored, mine), S.complete(stored))) change(function (p) { return p; });
      renderBook(ctx);
    });
  }

  function mountPractice(root) {
    var data = readData(root);
    if (!data) return;
    var form = root.querySelector(".kb-quiz-setup");
    var ctx = { root: root, data: data, byId: {}, rootHref: root.getAttribute("data-kb-root") || "",
      form: form, status: form.querySelector(".kb-quiz-status"), session: root.querySelector(".kb-quiz-session"),
      book: root.querySelector(".kb-quiz-book") };
    data.questions.forEach(function (q) { ctx.byId[q.id] = q; });
    var opts = params();
    ctx.rand = random(opts.seed);
    var nojs = root.querySelector(".kb-quiz-nojs");
    if (nojs) nojs.hidden = true;
    form.hidden = false;
    ctx.book.hidden = false;
    ctx.notes = kb.notices(root, { before: form, keys: [PROGRESS], onExport: function () { exportProgress(); } });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var run = planFromForm(ctx);
      if (run) start(ctx, run);
    });
    wireBook(ctx);
    renderBook(ctx);
    // ?scope=article:26 (练习本条 on an article page) and other scopes start at once, every question.
    var select = form.querySelector("[name=scope]");
    if (opts.scope && Array.prototype.some.call(select.options, function (o) { return o.value === opts.scope; })) {
      select.value = opts.scope;
      var run = plan(ctx, opts.scope, ctx.data.questions.length, "answer", "random");
      if (run) {
        form.querySelector("[name=count]").value = String(run.ids.length);
        start(ctx, run);
      }
    }
  }

  kb.mount("quiz-practice", mountPractice);
})();
