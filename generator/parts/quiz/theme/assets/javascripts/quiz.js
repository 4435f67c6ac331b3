// Exam training, part 1: shared question logic (kb.quiz) and the practice widget
// (data-kb-component="quiz-practice"). Data comes from the page (<script id="kb-quiz-data"> inside the
// widget, written by generator/quiz.py); progress is kept in kb.storage under "quiz:progress":
//   {"format": 1, "cards": {"<question id>": {"box": 1..5, "due": "YYYY-MM-DD", "right": n, "wrong": n,
//    "last": "YYYY-MM-DD"}}, "wrongbook": {"<question id>": {"count": n, "last": "YYYY-MM-DD"}}}
// A question is "seen" when it has a card (answered at least once); a card is due for review only
// while the question is in the 错题本, so 移出错题本 takes it out of today's queue at once.
// Backups (export/import, shared with exam.js): {"kind": "<site key>-quiz-backup", "format": 2,
// "progress": <record above>, "exams": <exam history record, see exam.js>}; format 1 files (the
// first release: progress, exams optional) import too.
(function () {
  "use strict";

  var kb = window.kb;
  var el = kb.el;

  var PROGRESS = "quiz:progress";
  // Days until a question is due again after a right answer, by the box it moves to (1..5).
  var INTERVALS = [0, 1, 2, 4, 8, 16];
  var MAX_BOX = 5;
  var LETTERS = "ABCDEFGHIJ";

  // ------------------------------------------------------------------------------------------
  // Shared helpers (also used by exam.js)

  kb.storage.define(PROGRESS, {
    format: 1,
    check: function (p) { return kb.isObject(p.cards) && kb.isObject(p.wrongbook); }
  });

  function readData(root) {
    return kb.json(root);
  }

  function params() {
    var out = {};
    var query = window.location.search.replace(/^\?/, "");
    if (!query) return out;
    query.split("&").forEach(function (pair) {
      var kv = pair.split("=");
      if (kv[0]) out[decodeURIComponent(kv[0])] = decodeURIComponent(kv[1] || "");
    });
    return out;
  }

  // Random numbers: Math.random, or a seeded generator when the page has ?seed=N, so a session can
  // be reproduced (tests, a trainer showing the same order to a group). The generator and the
  // shuffle are the paper's (paper.js, kb.paper, loaded on the same page): one definition of each.
  function random(seedText) {
    if (seedText === undefined || seedText === "" || isNaN(Number(seedText))) return Math.random;
    return kb.paper.mulberry32(Number(seedText));
  }

  function shuffle(list, rand) {
    return kb.paper.shuffle(list, rand);
  }

  // Fill-in answers: ignore spaces, full-width letters/digits, book-title marks and end punctuation.
  function normalize(text) {
    return String(text || "")
      .replace(/[\uff01-\uff5e]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xfee0); })
      .replace(/[\s\u3000《》〈〉“”"'「」]/g, "")
      .replace(/[。，；：、.,;:!?！？]+$/, "");
  }

  function isRight(question, given) {
    if (question.type === "多选") {
      var want = question.answer.slice().sort();
      var got = (given || []).slice().sort();
      return want.length === got.length && want.every(function (a, i) { return a === got[i]; });
    }
    if (question.type === "填空") return normalize(given) !== "" && normalize(given) === normalize(question.answer);
    return given === question.answer;
  }

  function answerText(question) {
    return question.type === "多选" ? question.answer.join("；") : question.answer;
  }

  function givenText(question, given) {
    if (given === null || given === undefined || given === "" || (given.length === 0 && typeof given !== "string")) {
      return "未作答";
    }
    return question.type === "多选" ? given.join("；") : String(given);
  }

  function today(offsetDays) {
    var d = new Date();
    d.setDate(d.getDate() + (offsetDays || 0));
    var m = d.getMonth() + 1, day = d.getDate();
    return d.getFullYear() + "-" + (m < 10 ? "0" : "") + m + "-" + (day < 10 ? "0" : "") + day;
  }

  function loadProgress() {
    return kb.storage.read(PROGRESS) || { format: 1, cards: {}, wrongbook: {} };
  }

  // Record one answer: a wrong one goes to box 1 (due today) and into the 错题本; a right one
  // moves the question up a box and further into the future.
  function record(questionId, right) {
    var p = loadProgress();
    var card = p.cards[questionId] || { box: 0, due: today(), right: 0, wrong: 0 };
    if (right) {
      card.box = Math.min(MAX_BOX, card.box + 1);
      card.right += 1;
    } else {
      card.box = 1;
      card.wrong += 1;
      var entry = p.wrongbook[questionId] || { count: 0 };
      entry.count += 1;
      entry.last = today();
      p.wrongbook[questionId] = entry;
    }
    card.due = today(right ? INTERVALS[card.box] : 0);
    card.last = today();
    p.cards[questionId] = card;
    kb.storage.write(PROGRESS, p);
    return card;
  }

  // Weak questions due today: in the 错题本, and their box's interval has passed.
  function dueIds(p) {
    var now = today();
    return Object.keys(p.cards).filter(function (id) {
      return p.cards[id].wrong > 0 && p.cards[id].due <= now && Object.prototype.hasOwnProperty.call(p.wrongbook, id);
    });
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

  function validCard(c) {
    return kb.isObject(c) && typeof c.box === "number" && typeof c.due === "string" &&
      typeof c.right === "number" && typeof c.wrong === "number";
  }

  // A parsed backup file -> {progress, exams} or {error}; the checklists' rules: the file must be
  // this site's kind, a known format and well-formed throughout, or nothing changes.
  function checkBackup(file, checkExams) {
    if (!kb.isObject(file) || file.kind !== BACKUP_KIND) return { error: "这不是本站导出的学法考试记录文件" };
    if (file.format !== 1 && file.format !== 2) return { error: "文件格式版本（" + String(file.format) + "）无法识别" };
    var p = file.progress;
    if (!kb.isObject(p) || p.format !== 1 || !kb.isObject(p.cards) || !kb.isObject(p.wrongbook)) {
      return { error: "文件中的练习记录格式不正确" };
    }
    var ids = Object.keys(p.cards);
    for (var i = 0; i < ids.length; i++) {
      if (!validCard(p.cards[ids[i]])) return { error: "题目 " + ids[i] + " 的复习记录格式不正确" };
    }
    var wrong = Object.keys(p.wrongbook);
    for (var j = 0; j < wrong.length; j++) {
      var w = p.wrongbook[wrong[j]];
      if (!kb.isObject(w) || typeof w.count !== "number") return { error: "错题 " + wrong[j] + " 的记录格式不正确" };
    }
    var exams = null;
    if (file.exams !== undefined) {
      exams = checkExams ? checkExams(file.exams) : null;
      if (checkExams && !exams) return { error: "文件中的考试记录格式不正确" };
    }
    return { progress: p, exams: exams };
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
            kb.storage.write(PROGRESS, checked.progress);
            if (checked.exams && exams) exams.write(checked.exams);
            onImported(checked);
            say("已导入“" + chosen.name + "”：错题本 " + Object.keys(checked.progress.wrongbook).length + " 题" +
              (checked.exams ? "，考试记录 " + checked.exams.attempts.length + " 次" : "") + "。");
          }
        });
      }, function () { fail("无法读取文件"); });
    });
    where.appendChild(kb.el("p", { className: "kb-quiz-backup-tools" }, [exportButton, " ", label]));
  }

  kb.quiz = {
    readData: readData, params: params, random: random, shuffle: shuffle, isRight: isRight,
    normalize: normalize, answerText: answerText, givenText: givenText, today: today, exportProgress: exportProgress,
    record: record, loadProgress: loadProgress, renderChoices: renderChoices,
    renderExplanation: renderExplanation, typeHint: typeHint, PROGRESS: PROGRESS,
    confirm: confirmBox, backupTools: backupTools, checkBackup: checkBackup, dueIds: dueIds,
    // exam.js: how the exam history goes into a backup and comes back from one
    registerExams: function (hook) { exams = hook; }
  };

  // ------------------------------------------------------------------------------------------
  // Practice widget

  function mountPractice(root) {
    var data = readData(root);
    if (!data) return;
    var rootHref = root.getAttribute("data-kb-root") || "";
    var byId = {};
    data.questions.forEach(function (q) { byId[q.id] = q; });
    var opts = params();
    var rand = random(opts.seed);
    var form = root.querySelector(".kb-quiz-setup");
    var status = form.querySelector(".kb-quiz-status");
    var session = root.querySelector(".kb-quiz-session");
    var book = root.querySelector(".kb-quiz-book");
    var nojs = root.querySelector(".kb-quiz-nojs");
    if (nojs) nojs.hidden = true;
    form.hidden = false;
    book.hidden = false;

    var notes = kb.notices(root, { before: form, keys: [PROGRESS], onExport: function () { exportProgress(); } });

    function pool(scope) {
      if (scope === "all") return data.questions.map(function (q) { return q.id; });
      var p = loadProgress();
      if (scope === "wrong") return Object.keys(p.wrongbook).filter(function (id) { return byId[id]; });
      if (scope === "due") return dueIds(p).filter(function (id) { return byId[id]; });
      if (scope === "unseen") return data.questions.filter(function (q) { return !p.cards[q.id]; }).map(function (q) { return q.id; });
      var parts = scope.split(":");
      if (parts[0] === "article") {
        return data.questions.filter(function (q) { return String(q.article) === parts[1]; }).map(function (q) { return q.id; });
      }
      var list = parts[0] === "chapter" ? data.chapters : data.topics;
      for (var i = 0; i < list.length; i++) {
        if (String(parts[0] === "chapter" ? list[i].number : list[i].id) === parts[1]) return list[i].questions.slice();
      }
      return [];
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var scope = form.querySelector("[name=scope]").value;
      var count = parseInt(form.querySelector("[name=count]").value, 10);
      if (!(count >= 1)) {
        status.textContent = "请输入题量（至少1题）。";
        form.querySelector("[name=count]").focus();
        return;
      }
      var ids = pool(scope);
      if (!ids.length) {
        status.textContent = scope === "due" ? "今天没有到期待复习的题。" :
          scope === "wrong" ? "错题本是空的。" : scope === "unseen" ? "题库中的题都已练过。" : "这个范围内没有题目。";
        return;
      }
      status.textContent = "";
      start(shuffle(ids, rand).slice(0, count));
    });

    function start(ids) {
      var index = 0, right = 0;
      form.hidden = true;
      session.hidden = false;
      session.textContent = "";
      var progress = el("p", { className: "kb-quiz-progress", "aria-live": "polite" });
      var card = el("div", { className: "kb-quiz-card" });
      session.appendChild(progress);
      session.appendChild(card);

      function show() {
        var q = byId[ids[index]];
        progress.textContent = "第 " + (index + 1) + " / " + ids.length + " 题，已答对 " + right + " 题";
        card.textContent = "";
        var fieldset = el("fieldset", { className: "kb-quiz-question", "data-kb-question": q.id });
        var legend = el("legend");
        legend.appendChild(el("span", { className: "kb-quiz-type" }, q.type));
        legend.appendChild(document.createTextNode(" " + q.stem));
        fieldset.appendChild(legend);
        fieldset.appendChild(el("p", { className: "kb-quiz-hint" }, typeHint(q)));
        var choices = renderChoices(fieldset, q, rand, "kb-practice-" + index);
        card.appendChild(fieldset);
        var actions = el("p", { className: "kb-quiz-actions" });
        var check = el("button", { type: "button", className: "md-button md-button--primary kb-quiz-check" }, "提交答案");
        actions.appendChild(check);
        card.appendChild(actions);
        var feedback = el("div", { className: "kb-quiz-feedback", role: "status", "aria-live": "polite" });
        card.appendChild(feedback);
        var hint = el("p", { className: "kb-quiz-warning", "aria-live": "assertive" });
        card.appendChild(hint);
        (choices.inputs[0] || check).focus();

        check.addEventListener("click", function () {
          var given = choices.get();
          if (given === "" || given.length === 0) {
            hint.textContent = "请先作答。";
            return;
          }
          hint.textContent = "";
          var ok = isRight(q, given);
          if (ok) right += 1;
          var cardState = record(q.id, ok);
          choices.inputs.forEach(function (x) { x.disabled = true; });
          markChoices(choices, q, given);
          check.remove();
          feedback.className = "kb-quiz-feedback " + (ok ? "kb-quiz-right" : "kb-quiz-wrong");
          feedback.appendChild(el("p", { className: "kb-quiz-verdict" }, ok ? "回答正确。" : "回答错误。"));
          if (!ok) {
            feedback.appendChild(el("p", { className: "kb-quiz-correct" }, "正确答案：" + answerText(q)));
            feedback.appendChild(el("p", {}, "已记入错题本，今天可在范围“到期待复习的错题”中再练。"));
          } else {
            feedback.appendChild(el("p", { className: "kb-quiz-next-due" }, "下次复习：" + cardState.due + "（第 " + cardState.box + " 盒）"));
          }
          renderExplanation(feedback, q, rootHref);
          progress.textContent = "第 " + (index + 1) + " / " + ids.length + " 题，已答对 " + right + " 题";
          var next = el("button", { type: "button", className: "md-button md-button--primary kb-quiz-next" },
            index + 1 < ids.length ? "下一题" : "查看本次结果");
          next.addEventListener("click", function () {
            index += 1;
            if (index < ids.length) show(); else finish();
          });
          feedback.appendChild(el("p", { className: "kb-quiz-actions" })).appendChild(next);
          next.focus();
          renderBook();
        });
      }

      function finish() {
        card.textContent = "";
        progress.textContent = "练习完成：共 " + ids.length + " 题，答对 " + right + " 题。";
        var again = el("button", { type: "button", className: "md-button md-button--primary kb-quiz-again" }, "再练一组");
        again.addEventListener("click", function () {
          session.hidden = true;
          form.hidden = false;
          form.querySelector("[name=scope]").focus();
        });
        card.appendChild(el("p")).appendChild(again);
        again.focus();
      }

      show();
    }

    function renderBook() {
      var p = loadProgress();
      var list = book.querySelector(".kb-quiz-book-list");
      var summary = book.querySelector(".kb-quiz-book-summary");
      summary.setAttribute("tabindex", "-1");
      list.textContent = "";
      var ids = Object.keys(p.wrongbook).filter(function (id) { return byId[id]; }).sort(function (a, b) {
        return (p.wrongbook[b].count - p.wrongbook[a].count) || (a < b ? -1 : 1);
      });
      var due = dueIds(p).filter(function (id) { return byId[id]; }).length;
      summary.textContent = ids.length
        ? "错题本共 " + ids.length + " 题；今天到期待复习 " + due + " 题。在“范围”中选择“到期待复习的错题”即可练习。"
        : "错题本是空的。答错的题会出现在这里。" + (due ? "今天到期待复习 " + due + " 题。" : "");
      ids.forEach(function (id) {
        var q = byId[id];
        var c = p.cards[id] || { box: 1, due: today() };
        var item = el("li", { className: "kb-quiz-book-item", "data-kb-question": id });
        item.appendChild(el("p", { className: "kb-quiz-stem" }, q.stem));
        var meta = el("p", { className: "kb-quiz-book-meta" },
          "答错 " + p.wrongbook[id].count + " 次 · 第 " + c.box + " 盒 · 下次复习 " + c.due + " · ");
        q.urls.forEach(function (url, i) {
          if (i) meta.appendChild(document.createTextNode("、"));
          meta.appendChild(el("a", { href: rootHref + url }, q.citations[i]));
        });
        var remove = el("button", { type: "button", className: "kb-quiz-book-remove" }, "移出错题本");
        remove.setAttribute("aria-label", "移出错题本：" + q.stem);
        remove.addEventListener("click", function () {
          var now = loadProgress();
          delete now.wrongbook[id];
          kb.storage.write(PROGRESS, now);
          renderBook();
          summary.focus();
        });
        meta.appendChild(document.createTextNode(" "));
        meta.appendChild(remove);
        item.appendChild(meta);
        list.appendChild(item);
      });
    }

    var clear = book.querySelector(".kb-quiz-book-clear");
    clear.addEventListener("click", function () {
      var p = loadProgress();
      confirmBox(clear, {
        text: "确定清空错题本（" + Object.keys(p.wrongbook).length + " 题）和全部复习记录（" + Object.keys(p.cards).length +
          " 题）吗？清空后无法恢复，建议先导出备份。",
        yes: "清空", no: "取消", backup: true,
        onYes: function () {
          kb.storage.write(PROGRESS, { format: 1, cards: {}, wrongbook: {} });
          renderBook();
          notes.say("已清空错题本和复习记录。");
        }
      });
    });
    backupTools(book, function (text) { notes.say(text); }, function () { renderBook(); });
    renderBook();

    // ?scope=article:26 (练习本条 on an article page) and other scopes start at once.
    var asked = opts.scope;
    var select = form.querySelector("[name=scope]");
    if (asked && Array.prototype.some.call(select.options, function (o) { return o.value === asked; })) {
      select.value = asked;
      var ids = pool(asked);
      if (ids.length) {
        form.querySelector("[name=count]").value = String(ids.length);
        start(shuffle(ids, rand));
      }
    }
  }

  kb.mount("quiz-practice", mountPractice);
})();
