// Exam training, part 1: shared question logic (kb.quiz) and the practice widget
// (data-kb-component="quiz-practice"). Data comes from the page (<script id="kb-quiz-data"> inside the
// widget, written by generator/quiz.py); progress is kept in kb.storage under "quiz:progress":
//   {"format": 1, "cards": {"<question id>": {"box": 1..5, "due": "YYYY-MM-DD", "right": n, "wrong": n,
//    "last": "YYYY-MM-DD"}}, "wrongbook": {"<question id>": {"count": n, "last": "YYYY-MM-DD"}}}
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

  // Random numbers: Math.random, or a seeded generator (mulberry32) when the page has ?seed=N,
  // so a session can be reproduced (tests, a trainer showing the same order to a group).
  function random(seedText) {
    if (seedText === undefined || seedText === "" || isNaN(Number(seedText))) return Math.random;
    var a = Number(seedText) >>> 0;
    return function () {
      a = (a + 0x6d2b79f5) >>> 0;
      var t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function shuffle(list, rand) {
    var out = list.slice();
    for (var i = out.length - 1; i > 0; i--) {
      var j = Math.floor(rand() * (i + 1));
      var t = out[i]; out[i] = out[j]; out[j] = t;
    }
    return out;
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

  // Weak questions due today: answered wrongly at least once, and their box's interval has passed.
  function dueIds(p) {
    var now = today();
    return Object.keys(p.cards).filter(function (id) { return p.cards[id].wrong > 0 && p.cards[id].due <= now; });
  }

  // Inputs for one question inside `container`; returns a function giving the current answer.
  function renderChoices(container, question, rand, name) {
    if (question.type === "填空") {
      var id = name + "-input";
      var p = el("p", { className: "kb-quiz-fill" });
      p.appendChild(el("label", { "for": id }, "填写括号中的内容："));
      var input = el("input", { type: "text", id: id, name: name, autocomplete: "off" });
      p.appendChild(input);
      container.appendChild(p);
      return { get: function () { return input.value.trim(); }, inputs: [input] };
    }
    var multi = question.type === "多选";
    var options = question.type === "判断" ? question.options.slice() : shuffle(question.options, rand);
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
      get: function () {
        var chosen = inputs.filter(function (x) { return x.checked; }).map(function (x) { return x.value; });
        return multi ? chosen : (chosen[0] || "");
      }
    };
  }

  // Explanation and links to the cited provisions, for feedback and review.
  function renderExplanation(container, question, rootHref) {
    container.appendChild(el("p", { className: "kb-quiz-explanation" }, question.explanation));
    var links = el("p", { className: "kb-quiz-cites" }, "查看条文：");
    question.urls.forEach(function (url, i) {
      if (i) links.appendChild(document.createTextNode("、"));
      links.appendChild(el("a", { href: rootHref + url }, question.citations[i]));
    });
    container.appendChild(links);
  }

  function typeHint(question) {
    return { "单选": "单选题：选择一个正确答案。", "多选": "多选题：选择全部正确答案（两个或以上）。",
      "判断": "判断题：判断表述是否正确。", "填空": "填空题：填写括号处的原文用语。" }[question.type];
  }

  // Progress (and the exam history, when given) as a backup file.
  function exportProgress(extra) {
    var file = { kind: "jlzfzrz-quiz-backup", format: 1, progress: loadProgress() };
    if (extra) Object.keys(extra).forEach(function (k) { file[k] = extra[k]; });
    kb.files.download("学法考试记录.json", JSON.stringify(file, null, 1) + "\n", "application/json", false);
  }

  kb.quiz = {
    readData: readData, params: params, random: random, shuffle: shuffle, isRight: isRight,
    normalize: normalize, answerText: answerText, givenText: givenText, today: today, exportProgress: exportProgress,
    record: record, loadProgress: loadProgress, renderChoices: renderChoices,
    renderExplanation: renderExplanation, typeHint: typeHint, PROGRESS: PROGRESS
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

    kb.notices(root, { before: form, keys: [PROGRESS], onExport: function () { exportProgress(); } });

    function pool(scope) {
      if (scope === "all") return data.questions.map(function (q) { return q.id; });
      var p = loadProgress();
      if (scope === "wrong") return Object.keys(p.wrongbook).filter(function (id) { return byId[id]; });
      if (scope === "due") return dueIds(p).filter(function (id) { return byId[id]; });
      var parts = scope.split(":");
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
          scope === "wrong" ? "错题本是空的。" : "这个范围内没有题目。";
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

    book.querySelector(".kb-quiz-book-clear").addEventListener("click", function () {
      kb.storage.write(PROGRESS, { format: 1, cards: {}, wrongbook: {} });
      renderBook();
    });
    renderBook();
  }

  kb.mount("quiz-practice", mountPractice);
})();
