// Exam training, part 2: the mock exam. A fixed number of questions under a time limit; nothing is
// marked until the paper is handed in (or time runs out); then score, pass/fail against the site's
// training pass mark, a review of every wrong answer, and a history of attempts in kb.storage under
// "quiz:exams": {"format": 1, "attempts": [{"at", "score", "correct", "total", "passed", "pass_mark",
// "seconds", "timeout"}]}. Widget: data-kb-component="quiz-exam"; question logic from kb.quiz (quiz.js).
// Page parameters (for trainers and tests): ?seed=N fixes the draw and order, ?seconds=N or
// ?minutes=N overrides the time limit, ?count=N the number of questions.
(function () {
  "use strict";

  var kb = window.kb;
  var el = kb.el;
  var HISTORY = "quiz:exams";

  kb.storage.define(HISTORY, {
    format: 1,
    check: function (h) { return Array.isArray(h.attempts); }
  });
  var KEEP = 50; // attempts kept in the history

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function clock(seconds) {
    var m = Math.floor(seconds / 60), s = seconds % 60;
    return pad(m) + ":" + pad(s);
  }

  function spoken(seconds) {
    var m = Math.floor(seconds / 60), s = seconds % 60;
    return [m ? m + " 分钟" : "", s ? s + " 秒" : ""].filter(Boolean).join(" ");
  }

  function stamp(date) {
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate()) + " " +
      pad(date.getHours()) + ":" + pad(date.getMinutes());
  }

  function loadHistory() {
    return kb.storage.read(HISTORY) || { format: 1, attempts: [] };
  }

  function mountExam(root) {
    var Q = kb.quiz;
    if (!Q) return;
    var data = Q.readData(root);
    if (!data) return;
    var rootHref = root.getAttribute("data-kb-root") || "";
    var opts = Q.params();
    var rand = Q.random(opts.seed);
    var settings = data.exam;
    var count = Math.min(data.questions.length, parseInt(opts.count, 10) || settings.questions);
    var limit = parseInt(opts.seconds, 10) || (parseInt(opts.minutes, 10) || settings.minutes) * 60;

    var startBox = root.querySelector(".kb-exam-start");
    var paper = root.querySelector(".kb-exam-paper");
    var result = root.querySelector(".kb-exam-result");
    var history = root.querySelector(".kb-exam-history");
    var nojs = root.querySelector(".kb-quiz-nojs");
    if (nojs) nojs.hidden = true;
    startBox.hidden = false;
    history.hidden = false;
    kb.notices(root, {
      before: startBox,
      keys: [HISTORY, Q.PROGRESS],
      onExport: function () { Q.exportProgress({ exams: loadHistory() }); }
    });

    function renderHistory() {
      var h = loadHistory();
      var table = history.querySelector("table");
      var body = table.querySelector("tbody");
      body.textContent = "";
      history.querySelector(".kb-exam-history-empty").hidden = h.attempts.length > 0;
      table.hidden = h.attempts.length === 0;
      history.querySelector(".kb-exam-history-clear").hidden = h.attempts.length === 0;
      h.attempts.slice().reverse().forEach(function (a) {
        var row = el("tr");
        row.appendChild(el("td", {}, a.at));
        row.appendChild(el("td", {}, a.score + " 分"));
        row.appendChild(el("td", {}, a.correct + " / " + a.total));
        row.appendChild(el("td", {}, a.passed ? "合格" : "不合格"));
        row.appendChild(el("td", {}, clock(a.seconds) + (a.timeout ? "（时间到）" : "")));
        body.appendChild(row);
      });
    }

    history.querySelector(".kb-exam-history-clear").addEventListener("click", function () {
      kb.storage.remove(HISTORY);
      renderHistory();
    });

    startBox.querySelector("button").addEventListener("click", start);

    function start() {
      var questions = Q.shuffle(data.questions, rand).slice(0, count);
      var answers = [];
      var left = limit;
      var done = false;
      startBox.hidden = true;
      result.hidden = true;
      result.textContent = "";
      paper.hidden = false;
      paper.textContent = "";

      var bar = el("div", { className: "kb-exam-bar" });
      var timer = el("p", { className: "kb-exam-timer", role: "timer", "aria-label": "剩余时间" });
      var answered = el("p", { className: "kb-exam-answered" });
      // Screen readers hear the time only at milestones, not every second.
      var announce = el("p", { className: "kb-visually-hidden kb-exam-announce", "aria-live": "polite" });
      bar.appendChild(timer);
      bar.appendChild(answered);
      bar.appendChild(announce);
      paper.appendChild(bar);
      paper.appendChild(el("p", { className: "kb-quiz-hint" },
        "共 " + questions.length + " 题，限时 " + spoken(limit) + "。交卷后统一判分，考试中不显示对错。"));

      var form = el("form", { className: "kb-exam-form" });
      var list = el("ol", { className: "kb-exam-questions" });
      questions.forEach(function (q, i) {
        var item = el("li");
        var fieldset = el("fieldset", { className: "kb-quiz-question", "data-kb-question": q.id });
        var legend = el("legend");
        legend.appendChild(el("span", { className: "kb-quiz-type" }, q.type));
        legend.appendChild(document.createTextNode(" " + q.stem));
        fieldset.appendChild(legend);
        answers.push(Q.renderChoices(fieldset, q, rand, "kb-exam-" + i));
        item.appendChild(fieldset);
        list.appendChild(item);
      });
      form.appendChild(list);
      var submit = el("button", { type: "submit", className: "md-button md-button--primary kb-exam-submit" }, "交卷");
      form.appendChild(el("p")).appendChild(submit);
      paper.appendChild(form);

      function countAnswered() {
        var n = answers.filter(function (a) { var g = a.get(); return g !== "" && g.length !== 0; }).length;
        answered.textContent = "已答 " + n + " / " + questions.length + " 题";
      }
      form.addEventListener("input", countAnswered);
      form.addEventListener("change", countAnswered);
      countAnswered();

      function tick() {
        timer.textContent = "剩余时间 " + clock(left);
        timer.classList.toggle("kb-exam-timer-low", left <= 60);
        if (left === limit || (left % 300 === 0 && left > 0) || left === 60 || left === 10) {
          announce.textContent = "剩余时间 " + spoken(left);
        }
      }
      tick();
      var started = Date.now();
      var interval = window.setInterval(function () {
        // Count from the start time, so a throttled background tab does not gain time.
        left = Math.max(0, limit - Math.floor((Date.now() - started) / 1000));
        tick();
        if (left === 0) finish(true);
      }, 1000);
      (answers[0].inputs[0] || submit).focus();

      form.addEventListener("submit", function (event) {
        event.preventDefault();
        finish(false);
      });

      function finish(timeout) {
        if (done) return;
        done = true;
        window.clearInterval(interval);
        var wrong = [];
        var correct = 0;
        questions.forEach(function (q, i) {
          var given = answers[i].get();
          var ok = Q.isRight(q, given);
          if (ok) correct += 1; else wrong.push({ q: q, given: given, number: i + 1 });
          Q.record(q.id, ok);
        });
        var score = Math.round((correct / questions.length) * 100);
        var passed = score >= settings.pass_mark;
        var seconds = limit - left;
        var h = loadHistory();
        h.attempts.push({ at: stamp(new Date()), score: score, correct: correct, total: questions.length,
          passed: passed, pass_mark: settings.pass_mark, seconds: seconds, timeout: timeout });
        h.attempts = h.attempts.slice(-KEEP);
        kb.storage.write(HISTORY, h);

        paper.hidden = true;
        paper.textContent = "";
        result.hidden = false;
        result.appendChild(el("h2", { className: "kb-exam-result-title" }, timeout ? "时间到，已自动交卷" : "考试结果"));
        var summary = el("p", { className: "kb-exam-score " + (passed ? "kb-quiz-right" : "kb-quiz-wrong"), role: "status" },
          "得分 " + score + " 分（答对 " + correct + " / " + questions.length + " 题），" +
          (passed ? "合格" : "不合格") + "。");
        result.appendChild(summary);
        result.appendChild(el("p", { className: "kb-editorial-inline" },
          "及格分 " + settings.pass_mark + " 分为本站培训设置，不是法定标准。用时 " + clock(seconds) + "。"));
        if (wrong.length) {
          result.appendChild(el("h3", {}, "错题回顾（" + wrong.length + " 题，已记入错题本）"));
          var review = el("ol", { className: "kb-exam-review" });
          wrong.forEach(function (w) {
            var item = el("li", { "data-kb-question": w.q.id });
            item.appendChild(el("p", { className: "kb-quiz-stem" }, "第 " + w.number + " 题（" + w.q.type + "）" + w.q.stem));
            item.appendChild(el("p", { className: "kb-exam-given" }, "你的答案：" + Q.givenText(w.q, w.given)));
            item.appendChild(el("p", { className: "kb-quiz-correct" }, "正确答案：" + Q.answerText(w.q)));
            Q.renderExplanation(item, w.q, rootHref);
            review.appendChild(item);
          });
          result.appendChild(review);
        } else {
          result.appendChild(el("p", {}, "全部答对。"));
        }
        var again = el("button", { type: "button", className: "md-button md-button--primary kb-exam-again" }, "再考一次");
        again.addEventListener("click", start);
        result.appendChild(el("p")).appendChild(again);
        renderHistory();
        result.focus();
      }
    }

    renderHistory();
  }

  kb.mount("quiz-exam", mountExam);
})();
