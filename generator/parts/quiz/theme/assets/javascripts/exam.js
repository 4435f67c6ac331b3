// Exam training, part 2: the mock exam (data-kb-component="quiz-exam"); question logic from kb.quiz.
//
// The exam screen shows one question at a time with a 答题卡 grid (answered, unanswered, flagged,
// current), jump, flag, keyboard shortcuts (1-4 / A-D choose, N/P next/previous, F flag) and a sticky
// bar with the timer and the count answered. Nothing is marked before 交卷, which asks first.
//
// Storage (kb.storage):
//   "quiz:attempt"  the attempt in progress, saved on every change (and every second, the time used):
//                   {"format": 2, "started": ms, "limit": s, "used": ms, "saved": ms,
//                    "questions": [{"id", "options": [shown order]}], "answers": {id: given},
//                    "times": {id: ms}, "flags": [id], "current": index, "owner": {"tab", "at"} | null}
//                   "used" counts the time spent (kb.sync.timeUsed: the monotonic clock on the page,
//                   the wall clock since "saved" while closed, nothing when the clock went back), so
//                   the time left is never more than the limit whatever the clock does. After a
//                   reload or a closed tab the page offers to resume; an attempt whose time ran out
//                   meanwhile is handed in as it stands and recorded. Format 1 (up to issue 22:
//                   "left", no "used") is migrated with the time between start and last save used.
//                   One tab at a time owns the attempt ("owner", the later claim wins): a second tab
//                   says the exam is open elsewhere and offers to take it over; the first then stops
//                   writing and says so. A tab gives the attempt up when it is closed or reloaded.
//   "quiz:exams"    the history: {"format": 2, "attempts": [{"at", "score", "correct", "total",
//                   "passed", "pass_mark", "seconds", "timeout", "answered", "chapters": {n: [right,
//                   total]}, "types": {type: [right, total]}}]}; format 1 (the first release: no
//                   answered/chapters/types) is migrated with those fields null.
// Unanswered questions are not recorded in the 错题本 (a timed-out exam does not make them "wrong").
// Page parameters (for trainers and tests): ?seed=N fixes the draw and order, ?seconds=N or
// ?minutes=N overrides the time limit, ?count=N the number of questions.
(function () {
  "use strict";

  var kb = window.kb;
  var el = kb.el;
  var HISTORY = "quiz:exams";
  var ATTEMPT = "quiz:attempt";
  var KEEP = 50; // attempts kept in the history
  var TYPES = ["单选", "多选", "判断", "填空"];
  var LETTERS = "ABCDEFGHIJ";

  function validAttempt(a) {
    return kb.isObject(a) && typeof a.score === "number" && typeof a.correct === "number" &&
      typeof a.total === "number" && typeof a.at === "string";
  }

  kb.storage.define(HISTORY, {
    format: 2,
    migrations: {
      1: function (h) {
        h.attempts = h.attempts.map(function (a) {
          if (!kb.isObject(a)) return a;
          a.answered = null; a.chapters = null; a.types = null;
          return a;
        });
        h.format = 2;
        return h;
      }
    },
    check: function (h) { return Array.isArray(h.attempts) && h.attempts.every(validAttempt); }
  });

  kb.storage.define(ATTEMPT, {
    format: 2,
    migrations: {
      1: function (a) {
        var spent = typeof a.saved === "number" && typeof a.started === "number" ? a.saved - a.started : 0;
        var cap = typeof a.limit === "number" && a.limit > 0 ? a.limit * 1000 : 0;
        a.used = Math.max(0, Math.min(cap, isFinite(spent) ? spent : 0));
        a.times = {};
        a.owner = null;
        delete a.left;
        a.format = 2;
        return a;
      }
    },
    check: function (a) {
      return typeof a.started === "number" && typeof a.limit === "number" && isFinite(a.limit) && a.limit > 0 &&
        typeof a.used === "number" && isFinite(a.used) && Array.isArray(a.questions) &&
        a.questions.length > 0 && kb.isObject(a.answers) && kb.isObject(a.times) && Array.isArray(a.flags) &&
        (a.owner === null || a.owner === undefined || (kb.isObject(a.owner) && typeof a.owner.tab === "string"));
    }
  });

  // This page's name as an owner of an attempt (a reload is a new page).
  var TAB = "tab-" + Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 10);
  var TAKEN_TEXT = "这场考试已在另一个窗口中继续，本窗口已停止作答（作答已由那个窗口保存）。";
  var ELSEWHERE_TEXT = "这场模拟考试已在另一个窗口中打开。同一场考试同一时间只能在一个窗口中作答。";

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function clock(seconds) {
    var m = Math.floor(seconds / 60), s = seconds % 60;
    return pad(m) + ":" + pad(s);
  }

  function spoken(seconds) {
    var m = Math.floor(seconds / 60), s = seconds % 60;
    return [m ? m + " 分钟" : "", s ? s + " 秒" : ""].filter(Boolean).join(" ") || "0 秒";
  }

  function stamp(date) {
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate()) + " " +
      pad(date.getHours()) + ":" + pad(date.getMinutes());
  }

  function loadHistory() {
    return kb.storage.read(HISTORY) || { format: 2, attempts: [] };
  }

  function isAnswered(given) {
    return given !== undefined && given !== null && given !== "" && !(Array.isArray(given) && given.length === 0);
  }

  var historyListeners = [];

  // The exam history in backups (kb.quiz's export/import).
  function registerBackup(Q) {
    Q.registerExams({
      add: function (file) { file.exams = loadHistory(); },
      check: function (value) {
        if (!kb.isObject(value) || !Array.isArray(value.attempts) || !value.attempts.every(validAttempt)) return null;
        if (value.format === 2) return value;
        if (value.format === 1) {
          return { format: 2, attempts: value.attempts.map(function (a) {
            var b = JSON.parse(JSON.stringify(a));
            b.answered = null; b.chapters = null; b.types = null;
            return b;
          }) };
        }
        return null;
      },
      write: function (record) {
        kb.storage.write(HISTORY, record);
        historyListeners.forEach(function (fn) { fn(); });
      }
    });
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
    var byId = {};
    data.questions.forEach(function (q) { byId[q.id] = q; });
    var count = Math.min(data.questions.length, parseInt(opts.count, 10) || settings.questions);
    var limit = parseInt(opts.seconds, 10) || (parseInt(opts.minutes, 10) || settings.minutes) * 60;
    var chapterTitle = {};
    data.chapters.forEach(function (c) { chapterTitle[c.number] = c.title; });

    var startBox = root.querySelector(".kb-exam-start");
    var paper = root.querySelector(".kb-exam-paper");
    var result = root.querySelector(".kb-exam-result");
    var history = root.querySelector(".kb-exam-history");
    var nojs = root.querySelector(".kb-quiz-nojs");
    if (nojs) nojs.hidden = true;
    startBox.hidden = false;
    history.hidden = false;
    var notes = kb.notices(root, {
      before: startBox,
      keys: [HISTORY, ATTEMPT, Q.PROGRESS],
      onExport: function () { Q.exportProgress(); }
    });
    var startButton = startBox.querySelector("button");

    // --- history ---------------------------------------------------------------------------------

    function renderHistory() {
      var h = loadHistory();
      var table = history.querySelector("table");
      var body = table.querySelector("tbody");
      body.textContent = "";
      history.querySelector(".kb-exam-history-empty").hidden = h.attempts.length > 0;
      table.hidden = h.attempts.length === 0;
      history.querySelector(".kb-exam-history-clear").hidden = h.attempts.length === 0;
      var trend = history.querySelector(".kb-exam-trend");
      if (!trend) {
        trend = el("p", { className: "kb-exam-trend" });
        table.parentNode.insertBefore(trend, table);
      }
      var recent = h.attempts.slice(-10).map(function (a) { return a.score; });
      if (recent.length >= 2) {
        var diff = recent[recent.length - 1] - recent[recent.length - 2];
        trend.textContent = "最近 " + recent.length + " 次得分走势：" + recent.join(" → ") + "。最近一次比上一次" +
          (diff > 0 ? "提高 " + diff + " 分" : diff < 0 ? "降低 " + (-diff) + " 分" : "持平") + "。";
      } else {
        trend.textContent = "";
      }
      trend.hidden = recent.length < 2;
      h.attempts.forEach(function (a, i) {
        var before = i > 0 ? h.attempts[i - 1] : null;
        var change = before ? a.score - before.score : null;
        var row = el("tr", {}, [
          el("td", {}, a.at),
          el("td", {}, a.score + " 分"),
          el("td", { className: "kb-exam-change" }, change === null ? "—" : change > 0 ? "↑ " + change : change < 0 ? "↓ " + (-change) : "持平"),
          el("td", {}, a.correct + " / " + a.total),
          el("td", {}, a.passed ? "合格" : "不合格"),
          el("td", {}, clock(a.seconds) + (a.timeout ? "（时间到）" : ""))
        ]);
        body.insertBefore(row, body.firstChild);
      });
    }
    historyListeners.push(renderHistory);

    var clearHistory = history.querySelector(".kb-exam-history-clear");
    clearHistory.addEventListener("click", function () {
      Q.confirm(clearHistory, {
        text: "确定清除全部 " + loadHistory().attempts.length + " 次考试记录吗？清除后无法恢复，建议先导出备份。",
        yes: "清除", no: "取消", backup: true,
        onYes: function () {
          kb.storage.remove(HISTORY);
          renderHistory();
          notes.say("已清除考试记录。");
          startButton.focus();
        }
      });
    });
    Q.backupTools(history, function (text) { notes.say(text); }, function () { renderHistory(); });

    // --- attempts --------------------------------------------------------------------------------

    function newAttempt() {
      var questions = Q.shuffle(data.questions, rand).slice(0, count).map(function (q) {
        var order = q.type === "单选" || q.type === "多选" ? Q.shuffle(q.options, rand) : [];
        return { id: q.id, options: order };
      });
      var now = Date.now();
      return { format: 2, started: now, limit: limit, used: 0, saved: now, questions: questions,
        answers: {}, times: {}, flags: [], current: 0, owner: { tab: TAB, at: now } };
    }

    function timeLeft(state) {
      return kb.sync.timeLeft(state.limit, state.used);
    }

    // The time used by an attempt that was closed since its last save, counted up to now.
    function catchUp(state) {
      state.used = kb.sync.timeUsed(state, Date.now(), null);
      state.saved = Date.now();
      return state;
    }

    // This tab takes the attempt (a later claim than any before).
    function claim(state) {
      var at = Math.max(Date.now(), state.owner && typeof state.owner.at === "number" ? state.owner.at + 1 : 0);
      state.owner = { tab: TAB, at: at };
    }

    function ownedElsewhere(state) {
      return !!(state.owner && state.owner.tab !== TAB);
    }

    // Answers given in another tab before it saw this tab's claim are kept (each answer keeps its later
    // version). Returns false when another tab holds the attempt now: nothing is written then.
    function save(state) {
      var stored = kb.storage.read(ATTEMPT);
      if (stored && stored.started === state.started) {
        var won = kb.sync.owner(stored.owner, state.owner);
        if (!won || won.tab !== TAB) return false;
        mergeAnswers(state, stored);
        state.used = Math.max(state.used, Math.min(stored.used, state.limit * 1000));
      }
      state.saved = Date.now();
      kb.storage.write(ATTEMPT, state);
      return true;
    }

    function entries(a) {
      var out = {};
      Object.keys(a.answers).forEach(function (id) { out[id] = { t: a.times[id] || 0, v: a.answers[id] }; });
      Object.keys(a.times).forEach(function (id) { if (!out[id]) out[id] = { t: a.times[id] || 0, v: null }; });
      return out;
    }

    function mergeAnswers(state, other) {
      var merged = kb.sync.mergeEntries(entries(other), entries(state));
      state.answers = {};
      state.times = {};
      Object.keys(merged).forEach(function (id) {
        state.times[id] = merged[id].t;
        if (merged[id].v !== null) state.answers[id] = merged[id].v;
      });
    }

    // A stored attempt whose questions are all still in the bank, or null.
    function storedAttempt() {
      var state = kb.storage.read(ATTEMPT);
      if (!state) return null;
      if (!state.questions.every(function (x) { return kb.isObject(x) && byId[x.id]; })) {
        kb.storage.setAside(ATTEMPT, state, "unrecognised", "题库已更新，未完成的考试无法继续");
        kb.storage.remove(ATTEMPT);
        return null;
      }
      return state;
    }

    function answeredCount(state) {
      return state.questions.filter(function (x) { return isAnswered(state.answers[x.id]); }).length;
    }

    var resumeBox = null;
    function offerResume(state) {
      var elsewhere = ownedElsewhere(state);
      var left = elsewhere ? timeLeft(state) : timeLeft(catchUp(JSON.parse(JSON.stringify(state))));
      resumeBox = el("div", { className: "kb-exam-resume", role: "region", "aria-label": "未完成的考试" });
      if (elsewhere) resumeBox.appendChild(el("p", { className: "kb-exam-elsewhere" }, ELSEWHERE_TEXT));
      resumeBox.appendChild(el("p", { className: "kb-exam-resume-text" },
        "有一场未完成的模拟考试（开始于 " + stamp(new Date(state.started)) + "，已答 " + answeredCount(state) + " / " +
        state.questions.length + " 题，标记 " + state.flags.length + " 题）。计时在离开期间没有停止，剩余时间 " + clock(left) + "。"));
      var resume = el("button", { type: "button", className: "md-button md-button--primary kb-exam-resume-go" },
        elsewhere ? "在本窗口继续（另一个窗口将停止作答）" : "继续考试");
      var drop = el("button", { type: "button", className: "md-button kb-exam-resume-drop" }, "放弃这场考试");
      resumeBox.appendChild(el("p", { className: "kb-quiz-actions" }, [resume, " ", drop]));
      startBox.parentNode.insertBefore(resumeBox, startBox);
      startBox.hidden = true;
      resume.addEventListener("click", function () {
        var again = storedAttempt();
        closeResume();
        if (!again) { startBox.hidden = false; return; }
        // The owner's own count when another tab held it; the time away otherwise.
        if (!ownedElsewhere(again)) catchUp(again);
        claim(again);
        if (timeLeft(again) <= 0) { finish(again, true, true); return; }
        save(again);
        open(again);
      });
      drop.addEventListener("click", function () {
        Q.confirm(drop, {
          text: "放弃后这场考试的作答不会保留，也不计入考试记录。确定放弃吗？",
          yes: "放弃", no: "取消",
          onYes: function () {
            kb.storage.remove(ATTEMPT);
            closeResume();
            startBox.hidden = false;
            startButton.focus();
          }
        });
      });
      resume.focus();
    }

    function closeResume() {
      if (resumeBox) resumeBox.remove();
      resumeBox = null;
    }

    startButton.addEventListener("click", function () {
      var other = storedAttempt();
      if (other && ownedElsewhere(other)) { offerResume(other); return; } // never start over another tab's exam
      var state = newAttempt();
      save(state);
      open(state);
    });

    // --- the exam screen -------------------------------------------------------------------------

    var active = null; // {state, cleanup} while an attempt is open

    function warnOnLeave(event) {
      event.preventDefault();
      event.returnValue = "";
      return "";
    }

    function open(state) {
      var questions = state.questions.map(function (x) { return byId[x.id]; });
      var total = questions.length;
      if (!(state.current >= 0 && state.current < total)) state.current = 0;
      startBox.hidden = true;
      result.hidden = true;
      result.textContent = "";
      paper.hidden = false;
      paper.textContent = "";

      var bar = el("div", { className: "kb-exam-bar" });
      var timer = el("p", { className: "kb-exam-timer", role: "timer", "aria-label": "剩余时间" });
      var answered = el("p", { className: "kb-exam-answered" });
      var flagged = el("p", { className: "kb-exam-flagged" });
      var submit = el("button", { type: "button", className: "md-button md-button--primary kb-exam-submit" }, "交卷");
      // Screen readers hear the time only at milestones, not every second.
      var announce = el("p", { className: "kb-visually-hidden kb-exam-announce", "aria-live": "polite" });
      bar.appendChild(timer);
      bar.appendChild(answered);
      bar.appendChild(flagged);
      bar.appendChild(submit);
      bar.appendChild(announce);
      paper.appendChild(bar);
      paper.appendChild(el("p", { className: "kb-quiz-hint kb-exam-help" },
        "共 " + total + " 题，限时 " + spoken(state.limit) + "。交卷后统一判分，考试中不显示对错。" +
        "快捷键：1–4 或 A–D 选择，N 下一题，P 上一题，F 标记。作答随时自动保存。"));

      var grid = el("ol", { className: "kb-exam-grid" });
      var cells = [];
      questions.forEach(function (q, i) {
        var cell = el("button", { type: "button", className: "kb-exam-cell", "data-kb-index": i }, String(i + 1));
        cell.addEventListener("click", function () { go(i, true); });
        cells.push(cell);
        grid.appendChild(el("li", {}, cell));
      });
      var legend = el("p", { className: "kb-exam-grid-legend" }, [
        el("span", { className: "kb-exam-key kb-exam-key-answered" }, "已答"), " ",
        el("span", { className: "kb-exam-key" }, "未答"), " ",
        el("span", { className: "kb-exam-key kb-exam-key-flagged" }, "已标记"), " ",
        el("span", { className: "kb-exam-key kb-exam-key-current" }, "当前题")
      ]);
      paper.appendChild(el("nav", { className: "kb-exam-card", "aria-label": "答题卡" }, [
        el("h2", { className: "kb-exam-card-title" }, "答题卡"), legend, grid
      ]));

      var form = el("form", { className: "kb-exam-form" });
      var list = el("ol", { className: "kb-exam-questions" });
      var choices = [];
      var items = [];
      questions.forEach(function (q, i) {
        var item = el("li", { className: "kb-exam-item", "data-kb-index": i, hidden: true });
        var fieldset = el("fieldset", { className: "kb-quiz-question", "data-kb-question": q.id });
        var legendNode = el("legend", {}, [
          el("span", { className: "kb-exam-number" }, "第 " + (i + 1) + " 题"), " ",
          el("span", { className: "kb-quiz-type" }, q.type), " ",
          el("span", { className: "kb-quiz-stem-text" }, q.stem)
        ]);
        fieldset.appendChild(legendNode);
        fieldset.appendChild(el("p", { className: "kb-quiz-hint" }, Q.typeHint(q)));
        var c = Q.renderChoices(fieldset, q, rand, "kb-exam-" + i, state.questions[i].options);
        if (isAnswered(state.answers[q.id])) c.set(state.answers[q.id]);
        choices.push(c);
        item.appendChild(fieldset);
        items.push(item);
        list.appendChild(item);
      });
      form.appendChild(list);
      var prev = el("button", { type: "button", className: "md-button kb-exam-prev" }, "上一题");
      var flag = el("button", { type: "button", className: "md-button kb-exam-flag", "aria-pressed": "false" }, "标记本题");
      var next = el("button", { type: "button", className: "md-button md-button--primary kb-exam-next" }, "下一题");
      form.appendChild(el("p", { className: "kb-exam-nav" }, [prev, " ", flag, " ", next]));
      paper.appendChild(form);

      function flaggedIndex(i) { return state.flags.indexOf(questions[i].id) >= 0; }

      function update() {
        var n = answeredCount(state);
        answered.textContent = "已答 " + n + " / " + total + " 题";
        flagged.textContent = "标记 " + state.flags.length + " 题";
        cells.forEach(function (cell, i) {
          var done = isAnswered(state.answers[questions[i].id]);
          var marked = flaggedIndex(i);
          var current = i === state.current;
          cell.className = "kb-exam-cell" + (done ? " kb-exam-cell-answered" : "") +
            (marked ? " kb-exam-cell-flagged" : "") + (current ? " kb-exam-cell-current" : "");
          cell.setAttribute("aria-label", "第 " + (i + 1) + " 题，" + (done ? "已答" : "未答") + (marked ? "，已标记" : ""));
          if (current) cell.setAttribute("aria-current", "step"); else cell.removeAttribute("aria-current");
          if (marked) cell.setAttribute("data-kb-flag", "1"); else cell.removeAttribute("data-kb-flag");
        });
        var isFlagged = flaggedIndex(state.current);
        flag.textContent = isFlagged ? "取消标记" : "标记本题";
        flag.setAttribute("aria-pressed", isFlagged ? "true" : "false");
        prev.disabled = state.current === 0;
        next.disabled = state.current === total - 1;
      }

      function go(i, focusQuestion) {
        if (i < 0 || i >= total) return;
        items[state.current].hidden = true;
        state.current = i;
        items[i].hidden = false;
        keep();
        update();
        if (focusQuestion) (choices[i].inputs[0] || next).focus();
      }

      function toggleFlag() {
        var id = questions[state.current].id;
        var at = state.flags.indexOf(id);
        if (at >= 0) state.flags.splice(at, 1); else state.flags.push(id);
        keep();
        update();
      }

      function changed() {
        if (stopped) return;
        questions.forEach(function (q, i) {
          var given = choices[i].get();
          var before = state.answers[q.id];
          var now = isAnswered(given) ? given : undefined;
          if (JSON.stringify(before) === JSON.stringify(now)) return;
          if (now === undefined) delete state.answers[q.id]; else state.answers[q.id] = now;
          state.times[q.id] = Math.max(Date.now(), (state.times[q.id] || 0) + 1);
        });
        keep();
        update();
      }

      // Save, or stop when another tab has taken the attempt over.
      function keep() {
        if (stopped) return;
        if (!save(state)) stop(TAKEN_TEXT);
      }

      form.addEventListener("input", changed);
      form.addEventListener("change", changed);
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      prev.addEventListener("click", function () { go(state.current - 1, true); });
      next.addEventListener("click", function () { go(state.current + 1, true); });
      flag.addEventListener("click", toggleFlag);

      function onKey(event) {
        if (event.ctrlKey || event.metaKey || event.altKey) return;
        var target = event.target;
        var tag = target && target.tagName;
        if (tag === "TEXTAREA" || tag === "SELECT" || (tag === "INPUT" && target.type === "text")) return;
        if (root.querySelector(".kb-quiz-confirm")) return;
        var key = event.key.length === 1 ? event.key.toUpperCase() : event.key;
        var c = choices[state.current];
        var index = "1234".indexOf(key) >= 0 && key !== "" ? "1234".indexOf(key) : "ABCD".indexOf(key);
        if (index >= 0 && c.inputs[index] && c.inputs[index].type !== "text") {
          var input = c.inputs[index];
          input.checked = input.type === "checkbox" ? !input.checked : true;
          input.focus();
          changed();
        } else if (key === "N") {
          go(state.current + 1, true);
        } else if (key === "P") {
          go(state.current - 1, true);
        } else if (key === "F") {
          toggleFlag();
        } else {
          return;
        }
        // mkdocs-material binds F/S (search) and N/P (next/previous page): during the exam these
        // keys belong to the exam, so this listener runs first (window, capture) and stops them.
        event.preventDefault();
        event.stopImmediatePropagation();
      }
      window.addEventListener("keydown", onKey, true);

      function tick() {
        var left = timeLeft(state);
        state.left = left;
        timer.textContent = "剩余时间 " + clock(left);
        timer.classList.toggle("kb-exam-timer-low", left <= 60);
        if (left === state.limit || (left % 300 === 0 && left > 0) || left === 60 || left === 10) {
          announce.textContent = "剩余时间 " + spoken(left);
        }
        return left;
      }
      // Time used counted by the monotonic clock: a throttled background tab loses no count, and a
      // clock set back or forward changes nothing.
      var mark = window.performance.now();
      function spend() {
        var now = window.performance.now();
        state.used = kb.sync.timeUsed(state, Date.now(), now - mark);
        mark = now;
      }
      tick();
      announce.textContent = "剩余时间 " + spoken(state.left);
      var stopped = false;
      var interval = window.setInterval(function () {
        spend();
        var left = tick();
        keep();
        if (left === 0 && !stopped) finish(state, true, false);
      }, 1000);
      window.addEventListener("beforeunload", warnOnLeave);

      // Give the attempt up when this page goes (a reload or another tab may then resume it at once).
      function release() {
        if (stopped) return;
        spend();
        var stored = kb.storage.read(ATTEMPT);
        if (stored && stored.started === state.started && kb.sync.owner(stored.owner, state.owner).tab === TAB) {
          save(state);
          state.owner = null;
          kb.storage.write(ATTEMPT, state);
        }
      }
      window.addEventListener("pagehide", release);

      // Another tab took the attempt over (or handed it in): stop writing, say so, offer to take it back.
      function stop(text) {
        stopped = true;
        if (active) { active.cleanup(); active = null; }
        form.querySelectorAll("input, textarea, select, button").forEach(function (x) { x.disabled = true; });
        submit.disabled = true;
        var box = el("div", { className: "kb-exam-taken", role: "alert" }, el("p", { className: "kb-exam-taken-text" }, text));
        var back = el("button", { type: "button", className: "md-button kb-exam-take-back" }, "在本窗口继续（另一个窗口将停止作答）");
        back.addEventListener("click", function () {
          var again = storedAttempt();
          if (!again) { paper.hidden = true; startBox.hidden = false; return; }
          claim(again);
          if (timeLeft(again) <= 0) { finish(again, true, false); return; }
          save(again);
          open(again);
        });
        box.appendChild(el("p", { className: "kb-quiz-actions" }, back));
        paper.insertBefore(box, paper.firstChild);
      }

      function onStorage(event) {
        if (event.key !== kb.storage.fullKey(ATTEMPT) || stopped) return;
        var stored = kb.storage.read(ATTEMPT);
        if (!stored || stored.started !== state.started) {
          stop("这场考试已在另一个窗口中交卷或放弃，本窗口已停止作答。");
          return;
        }
        var won = kb.sync.owner(stored.owner, state.owner);
        if (!won || won.tab !== TAB) { stop(TAKEN_TEXT); return; }
        // Still ours: keep what the other tab wrote before it saw our claim, and put our claim back.
        var before = JSON.stringify(state.answers);
        if (stored.owner && stored.owner.tab !== TAB) {
          save(state);
          if (JSON.stringify(state.answers) !== before) {
            questions.forEach(function (q, i) { if (isAnswered(state.answers[q.id])) choices[i].set(state.answers[q.id]); });
            update();
          }
        }
      }
      window.addEventListener("storage", onStorage);

      submit.addEventListener("click", function () {
        var unanswered = total - answeredCount(state);
        var text = unanswered || state.flags.length
          ? "还有 " + unanswered + " 题未答，" + state.flags.length + " 题已标记待检查。确定交卷吗？交卷后不能再修改。"
          : "已答全部 " + total + " 题，没有标记的题。确定交卷吗？";
        Q.confirm(submit, {
          text: text, yes: "确定交卷", no: "继续作答",
          onYes: function () { finish(state, false, false); }
        });
      });

      active = {
        cleanup: function () {
          window.clearInterval(interval);
          window.removeEventListener("keydown", onKey, true);
          window.removeEventListener("beforeunload", warnOnLeave);
          window.removeEventListener("pagehide", release);
          window.removeEventListener("storage", onStorage);
        }
      };
      items[state.current].hidden = false;
      update();
      (choices[state.current].inputs[0] || next).focus();
    }

    // --- marking and results ---------------------------------------------------------------------

    function finish(state, timeout, whileAway) {
      if (active) { active.cleanup(); active = null; }
      closeResume();
      var stored = kb.storage.read(ATTEMPT);
      if (stored && stored.started === state.started) mergeAnswers(state, stored);
      kb.storage.remove(ATTEMPT);
      var left = timeLeft(state);
      var rows = state.questions.map(function (x, i) {
        var q = byId[x.id];
        var given = state.answers[x.id];
        var done = isAnswered(given);
        return { q: q, given: done ? given : null, answered: done, right: done && Q.isRight(q, given),
          options: x.options, number: i + 1 };
      });
      var correct = 0, answeredN = 0;
      var byChapter = {}, byType = {};
      rows.forEach(function (r) {
        if (r.right) correct += 1;
        if (r.answered) {
          answeredN += 1;
          Q.record(r.q.id, r.right); // unanswered questions are not recorded as wrong
        }
        [[byChapter, r.q.chapter], [byType, r.q.type]].forEach(function (pair) {
          var t = pair[0][pair[1]] || (pair[0][pair[1]] = [0, 0]);
          if (r.right) t[0] += 1;
          t[1] += 1;
        });
      });
      var total = rows.length;
      var score = Math.round((correct / total) * 100);
      var passed = score >= settings.pass_mark;
      var seconds = Math.min(state.limit, state.limit - left);
      var h = loadHistory();
      h.attempts.push({ at: stamp(new Date(state.started)), score: score, correct: correct, total: total,
        passed: passed, pass_mark: settings.pass_mark, seconds: seconds, timeout: timeout,
        answered: answeredN, chapters: byChapter, types: byType });
      h.attempts = h.attempts.slice(-KEEP);
      kb.storage.write(HISTORY, h);

      paper.hidden = true;
      paper.textContent = "";
      startBox.hidden = true;
      result.hidden = false;
      result.textContent = "";
      result.appendChild(el("h2", { className: "kb-exam-result-title" },
        whileAway ? "考试时间已在离开期间用完，已按当时的作答交卷" : timeout ? "时间到，已自动交卷" : "考试结果"));
      var summary = el("p", { className: "kb-exam-score " + (passed ? "kb-quiz-right" : "kb-quiz-wrong"), tabindex: "-1" },
        "得分 " + score + " 分（答对 " + correct + " / " + total + " 题），" + (passed ? "合格" : "不合格") + "。");
      result.appendChild(summary);
      result.appendChild(el("p", { className: "kb-editorial-inline" },
        "及格分 " + settings.pass_mark + " 分为本站培训设置，不是法定标准。用时 " + clock(seconds) +
        "。未答 " + (total - answeredN) + " 题（未答的题不记入错题本）。"));
      var again = el("button", { type: "button", className: "md-button md-button--primary kb-exam-again" }, "再考一次");
      again.addEventListener("click", function () {
        var next = newAttempt();
        save(next);
        open(next);
      });
      var printReview = el("button", { type: "button", className: "md-button kb-exam-print" }, "打印结果和回顾");
      printReview.addEventListener("click", function () { window.print(); });
      result.appendChild(el("p", { className: "kb-quiz-actions kb-exam-result-actions" }, [again, " ", printReview]));

      result.appendChild(el("h3", {}, "各章和各题型的正确率"));
      result.appendChild(statsTable("按章", data.chapters.map(function (c) { return c.number; })
        .filter(function (n) { return byChapter[n]; })
        .map(function (n) { return [chapterTitle[n], byChapter[n]]; }), "kb-exam-by-chapter"));
      result.appendChild(statsTable("按题型", TYPES.filter(function (t) { return byType[t]; })
        .map(function (t) { return [t, byType[t]]; }), "kb-exam-by-type"));

      var wrongN = rows.filter(function (r) { return r.answered && !r.right; }).length;
      result.appendChild(el("h3", {}, "逐题回顾（" + total + " 题：答对 " + correct + "，答错 " + wrongN + "，未答 " +
        (total - answeredN) + "）"));
      var review = el("ol", { className: "kb-exam-review" });
      rows.forEach(function (r) { review.appendChild(reviewItem(r)); });
      result.appendChild(review);
      renderHistory();
      // The score first: scroll the result to the top of the viewport and focus the score.
      if (result.scrollIntoView) result.scrollIntoView({ block: "start" });
      summary.focus({ preventScroll: true });
    }

    function statsTable(caption, entries, className) {
      var body = el("tbody");
      entries.forEach(function (e) {
        var right = e[1][0], n = e[1][1];
        body.appendChild(el("tr", {}, [el("th", { scope: "row" }, e[0]), el("td", {}, right + " / " + n),
          el("td", {}, Math.round((right / n) * 100) + "%")]));
      });
      return el("table", { className: "kb-exam-stats " + className }, [
        el("caption", {}, caption),
        el("thead", {}, el("tr", {}, [el("th", { scope: "col" }, caption.slice(1) === "章" ? "章" : "题型"),
          el("th", { scope: "col" }, "答对 / 题数"), el("th", { scope: "col" }, "正确率")])),
        body
      ]);
    }

    function reviewItem(r) {
      var q = r.q;
      var verdict = !r.answered ? "未作答" : r.right ? "回答正确" : "回答错误";
      var item = el("li", { className: "kb-exam-review-item " + (r.right ? "kb-exam-review-right" : "kb-exam-review-wrong"),
        "data-kb-question": q.id });
      item.appendChild(el("p", { className: "kb-quiz-stem" }, [el("span", { className: "kb-quiz-type" }, q.type), " " + q.stem]));
      item.appendChild(el("p", { className: "kb-exam-verdict" }, verdict));
      if (q.type === "填空") {
        item.appendChild(el("p", { className: "kb-exam-given" }, "你的答案：" + Q.givenText(q, r.given)));
        item.appendChild(el("p", { className: "kb-quiz-correct" }, "正确答案：" + Q.answerText(q)));
      } else {
        var shown = r.options && r.options.length ? r.options : q.options;
        var want = q.type === "多选" ? q.answer : [q.answer];
        var given = r.given === null ? [] : Array.isArray(r.given) ? r.given : [r.given];
        var options = el("ul", { className: "kb-exam-review-options" });
        shown.forEach(function (o, i) {
          var chosen = given.indexOf(o) >= 0, correct = want.indexOf(o) >= 0;
          var marks = (chosen ? "（你的选择）" : "") + (correct ? "（正确答案）" : "");
          options.appendChild(el("li", {
            className: (chosen ? "kb-review-chosen " : "") + (correct ? "kb-review-correct" : "")
          }, [q.type === "判断" ? "" : LETTERS[i] + ". ", o, marks ? el("strong", {}, marks) : null]));
        });
        item.appendChild(options);
        if (!r.answered) item.appendChild(el("p", { className: "kb-exam-given" }, "你的答案：未作答"));
      }
      Q.renderExplanation(item, q, rootHref, true);
      return item;
    }

    renderHistory();
    var pending = storedAttempt();
    if (pending) {
      if (!ownedElsewhere(pending)) catchUp(pending);
      if (timeLeft(pending) <= 0 && !ownedElsewhere(pending)) finish(pending, true, true); else offerResume(pending);
    }
  }

  if (kb.quiz) registerBackup(kb.quiz);
  kb.mount("quiz-exam", mountExam);
})();
