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
// The rules (drawing, answers with their times, merging two tabs' copies, marking, the history's
// entries, the clock's text) are kb.examState (exam-state.js, run by node); this file stores and
// draws. The screen's functions share `ctx` (the widget) and `s` (the open attempt's screen).
(function () {
  "use strict";

  var kb = window.kb;
  var E = kb.examState;
  var el = kb.el;
  var HISTORY = "quiz:exams";
  var ATTEMPT = "quiz:attempt";
  var KEEP = 50; // attempts kept in the history
  var LETTERS = "ABCDEFGHIJ";

  kb.storage.define(HISTORY, {
    format: 2,
    migrations: { 1: function (h) { return E.migrateHistory1(h); } },
    check: function (h) { return Array.isArray(h.attempts) && h.attempts.every(E.validHistoryAttempt); }
  });

  kb.storage.define(ATTEMPT, {
    format: 2,
    migrations: { 1: function (a) { return E.migrateAttempt1(a); } },
    check: E.validAttemptRecord
  });

  // This page's name as an owner of an attempt (a reload is a new page).
  var TAB = "tab-" + Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 10);
  var TAKEN_TEXT = "这场考试已在另一个窗口中继续，本窗口已停止作答（作答已由那个窗口保存）。";
  var ELSEWHERE_TEXT = "这场模拟考试已在另一个窗口中打开。同一场考试同一时间只能在一个窗口中作答。";

  function loadHistory() {
    return kb.storage.read(HISTORY) || { format: 2, attempts: [] };
  }

  var historyListeners = [];

  // The exam history in backups (kb.quiz's export/import).
  function registerBackup(Q) {
    Q.registerExams({
      add: function (file) { file.exams = loadHistory(); },
      check: function (value) {
        if (!kb.isObject(value) || !Array.isArray(value.attempts) || !value.attempts.every(E.validHistoryAttempt)) return null;
        if (value.format === 2) return value;
        if (value.format === 1) return E.migrateHistory1(value);
        return null;
      },
      write: function (record) {
        kb.storage.write(HISTORY, record);
        historyListeners.forEach(function (fn) { fn(); });
      }
    });
  }

  // --- the stored attempt: time, ownership, saving ---------------------------------------------------

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

  function mergeAnswers(state, other) {
    var merged = E.mergeAnswers(state, other);
    state.answers = merged.answers;
    state.times = merged.times;
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

  // A stored attempt whose questions are all still in the bank, or null.
  function storedAttempt(ctx) {
    var state = kb.storage.read(ATTEMPT);
    if (!state) return null;
    if (!state.questions.every(function (x) { return kb.isObject(x) && ctx.byId[x.id]; })) {
      kb.storage.setAside(ATTEMPT, state, "unrecognised", "题库已更新，未完成的考试无法继续");
      kb.storage.remove(ATTEMPT);
      return null;
    }
    return state;
  }

  // The mock exam's composition (exam.yaml) when it has one and no ?count, else the whole bank.
  function newAttempt(ctx) {
    var drawn = ctx.shares.length
      ? kb.paper.drawSharesWith(ctx.data.questions, ctx.shares, ctx.rand).map(function (d) {
        return { id: d.question.id, options: d.options };
      })
      : E.drawAll(ctx.data.questions, ctx.count, ctx.Q.shuffle, ctx.rand);
    return E.newAttempt(drawn, ctx.limit, Date.now(), TAB);
  }

  // Take the stored attempt over in this tab: handed in at once when its time ran out.
  function takeOver(ctx, again, whileAway) {
    claim(again);
    if (timeLeft(again) <= 0) { finish(ctx, again, true, whileAway); return; }
    save(again);
    open(ctx, again);
  }

  // --- history ---------------------------------------------------------------------------------------

  function renderHistory(ctx) {
    var history = ctx.history;
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
    trend.textContent = E.trend(h.attempts.map(function (a) { return a.score; }));
    trend.hidden = trend.textContent === "";
    h.attempts.forEach(function (a, i) {
      var row = el("tr", {}, [
        el("td", {}, a.at),
        el("td", {}, a.score + " 分"),
        el("td", { className: "kb-exam-change" }, E.change(a.score, i > 0 ? h.attempts[i - 1].score : null)),
        el("td", {}, a.correct + " / " + a.total),
        el("td", {}, a.passed ? "合格" : "不合格"),
        el("td", {}, E.clock(a.seconds) + (a.timeout ? "（时间到）" : ""))
      ]);
      body.insertBefore(row, body.firstChild);
    });
  }

  function wireHistory(ctx) {
    historyListeners.push(function () { renderHistory(ctx); });
    var clearHistory = ctx.history.querySelector(".kb-exam-history-clear");
    clearHistory.addEventListener("click", function () {
      ctx.Q.confirm(clearHistory, {
        text: "确定清除全部 " + loadHistory().attempts.length + " 次考试记录吗？清除后无法恢复，建议先导出备份。",
        yes: "清除", no: "取消", backup: true,
        onYes: function () {
          kb.storage.remove(HISTORY);
          renderHistory(ctx);
          ctx.notes.say("已清除考试记录。");
          ctx.startButton.focus();
        }
      });
    });
    ctx.Q.backupTools(ctx.history, function (text) { ctx.notes.say(text); }, function () { renderHistory(ctx); });
  }

  // --- resuming ----------------------------------------------------------------------------------------

  function offerResume(ctx, state) {
    var elsewhere = ownedElsewhere(state);
    var left = elsewhere ? timeLeft(state) : timeLeft(catchUp(JSON.parse(JSON.stringify(state))));
    var box = ctx.resumeBox = el("div", { className: "kb-exam-resume", role: "region", "aria-label": "未完成的考试" });
    if (elsewhere) box.appendChild(el("p", { className: "kb-exam-elsewhere" }, ELSEWHERE_TEXT));
    box.appendChild(el("p", { className: "kb-exam-resume-text" },
      "有一场未完成的模拟考试（开始于 " + E.stamp(state.started) + "，已答 " + E.answeredCount(state) + " / " +
      state.questions.length + " 题，标记 " + state.flags.length + " 题）。计时在离开期间没有停止，剩余时间 " + E.clock(left) + "。"));
    var resume = el("button", { type: "button", className: "md-button md-button--primary kb-exam-resume-go" },
      elsewhere ? "在本窗口继续（另一个窗口将停止作答）" : "继续考试");
    var drop = el("button", { type: "button", className: "md-button kb-exam-resume-drop" }, "放弃这场考试");
    box.appendChild(el("p", { className: "kb-quiz-actions" }, [resume, " ", drop]));
    ctx.startBox.parentNode.insertBefore(box, ctx.startBox);
    ctx.startBox.hidden = true;
    resume.addEventListener("click", function () {
      var again = storedAttempt(ctx);
      closeResume(ctx);
      if (!again) { ctx.startBox.hidden = false; return; }
      // The owner's own count when another tab held it; the time away otherwise.
      if (!ownedElsewhere(again)) catchUp(again);
      takeOver(ctx, again, true);
    });
    drop.addEventListener("click", function () {
      ctx.Q.confirm(drop, {
        text: "放弃后这场考试的作答不会保留，也不计入考试记录。确定放弃吗？",
        yes: "放弃", no: "取消",
        onYes: function () {
          kb.storage.remove(ATTEMPT);
          closeResume(ctx);
          ctx.startBox.hidden = false;
          ctx.startButton.focus();
        }
      });
    });
    resume.focus();
  }

  function closeResume(ctx) {
    if (ctx.resumeBox) ctx.resumeBox.remove();
    ctx.resumeBox = null;
  }

  // --- the exam screen ---------------------------------------------------------------------------------
  // s: the open attempt's screen {state, questions, total, cells, choices, items, timer, ...}.

  function warnOnLeave(event) {
    event.preventDefault();
    event.returnValue = "";
    return "";
  }

  function buildBar(ctx, s) {
    var bar = el("div", { className: "kb-exam-bar" });
    s.timer = el("p", { className: "kb-exam-timer", role: "timer", "aria-label": "剩余时间" });
    s.answered = el("p", { className: "kb-exam-answered" });
    s.flagged = el("p", { className: "kb-exam-flagged" });
    s.submit = el("button", { type: "button", className: "md-button md-button--primary kb-exam-submit" }, "交卷");
    // Screen readers hear the time only at milestones, not every second.
    s.announce = el("p", { className: "kb-visually-hidden kb-exam-announce", "aria-live": "polite" });
    [s.timer, s.answered, s.flagged, s.submit, s.announce].forEach(function (x) { bar.appendChild(x); });
    ctx.paper.appendChild(bar);
    ctx.paper.appendChild(el("p", { className: "kb-quiz-hint kb-exam-help" },
      "共 " + s.total + " 题，限时 " + E.spoken(s.state.limit) + "。交卷后统一判分，考试中不显示对错。" +
      "快捷键：1–4 或 A–D 选择，N 下一题，P 上一题，F 标记。作答随时自动保存。"));
  }

  function buildGrid(ctx, s) {
    var grid = el("ol", { className: "kb-exam-grid" });
    s.cells = s.questions.map(function (q, i) {
      var cell = el("button", { type: "button", className: "kb-exam-cell", "data-kb-index": i }, String(i + 1));
      cell.addEventListener("click", function () { go(s, i, true); });
      grid.appendChild(el("li", {}, cell));
      return cell;
    });
    var legend = el("p", { className: "kb-exam-grid-legend" }, [
      el("span", { className: "kb-exam-key kb-exam-key-answered" }, "已答"), " ",
      el("span", { className: "kb-exam-key" }, "未答"), " ",
      el("span", { className: "kb-exam-key kb-exam-key-flagged" }, "已标记"), " ",
      el("span", { className: "kb-exam-key kb-exam-key-current" }, "当前题")
    ]);
    ctx.paper.appendChild(el("nav", { className: "kb-exam-card", "aria-label": "答题卡" }, [
      el("h2", { className: "kb-exam-card-title" }, "答题卡"), legend, grid
    ]));
  }

  function buildQuestions(ctx, s) {
    s.form = el("form", { className: "kb-exam-form" });
    var list = el("ol", { className: "kb-exam-questions" });
    s.choices = [];
    s.items = s.questions.map(function (q, i) {
      var item = el("li", { className: "kb-exam-item", "data-kb-index": i, hidden: true });
      var fieldset = el("fieldset", { className: "kb-quiz-question", "data-kb-question": q.id });
      fieldset.appendChild(el("legend", {}, [
        el("span", { className: "kb-exam-number" }, "第 " + (i + 1) + " 题"), " ",
        el("span", { className: "kb-quiz-type" }, q.type), " ",
        el("span", { className: "kb-quiz-stem-text" }, q.stem)
      ]));
      fieldset.appendChild(el("p", { className: "kb-quiz-hint" }, ctx.Q.typeHint(q)));
      var c = ctx.Q.renderChoices(fieldset, q, ctx.rand, "kb-exam-" + i, s.state.questions[i].options);
      if (E.isAnswered(s.state.answers[q.id])) c.set(s.state.answers[q.id]);
      s.choices.push(c);
      item.appendChild(fieldset);
      list.appendChild(item);
      return item;
    });
    s.form.appendChild(list);
    s.prev = el("button", { type: "button", className: "md-button kb-exam-prev" }, "上一题");
    s.flag = el("button", { type: "button", className: "md-button kb-exam-flag", "aria-pressed": "false" }, "标记本题");
    s.next = el("button", { type: "button", className: "md-button md-button--primary kb-exam-next" }, "下一题");
    s.form.appendChild(el("p", { className: "kb-exam-nav" }, [s.prev, " ", s.flag, " ", s.next]));
    ctx.paper.appendChild(s.form);
  }

  function flaggedAt(s, i) { return s.state.flags.indexOf(s.questions[i].id) >= 0; }

  function update(s) {
    var state = s.state;
    s.answered.textContent = "已答 " + E.answeredCount(state) + " / " + s.total + " 题";
    s.flagged.textContent = "标记 " + state.flags.length + " 题";
    s.cells.forEach(function (cell, i) {
      var done = E.isAnswered(state.answers[s.questions[i].id]);
      var marked = flaggedAt(s, i);
      var current = i === state.current;
      cell.className = "kb-exam-cell" + (done ? " kb-exam-cell-answered" : "") +
        (marked ? " kb-exam-cell-flagged" : "") + (current ? " kb-exam-cell-current" : "");
      cell.setAttribute("aria-label", "第 " + (i + 1) + " 题，" + (done ? "已答" : "未答") + (marked ? "，已标记" : ""));
      if (current) cell.setAttribute("aria-current", "step"); else cell.removeAttribute("aria-current");
      if (marked) cell.setAttribute("data-kb-flag", "1"); else cell.removeAttribute("data-kb-flag");
    });
    var isFlagged = flaggedAt(s, state.current);
    s.flag.textContent = isFlagged ? "取消标记" : "标记本题";
    s.flag.setAttribute("aria-pressed", isFlagged ? "true" : "false");
    s.prev.disabled = state.current === 0;
    s.next.disabled = state.current === s.total - 1;
  }

  function go(s, i, focusQuestion) {
    if (i < 0 || i >= s.total) return;
    s.items[s.state.current].hidden = true;
    s.state.current = i;
    s.items[i].hidden = false;
    keep(s);
    update(s);
    if (focusQuestion) (s.choices[i].inputs[0] || s.next).focus();
  }

  function toggleFlag(s) {
    s.state.flags = E.toggleFlag(s.state.flags, s.questions[s.state.current].id);
    keep(s);
    update(s);
  }

  // The inputs read into the attempt, each changed answer with its own time.
  function changed(s) {
    if (s.stopped) return;
    s.questions.forEach(function (q, i) {
      var next = E.setAnswer(s.state, q.id, s.choices[i].get(), Date.now());
      if (next) { s.state.answers = next.answers; s.state.times = next.times; }
    });
    keep(s);
    update(s);
  }

  // Save, or stop when another tab has taken the attempt over.
  function keep(s) {
    if (s.stopped) return;
    if (!save(s.state)) stop(s.ctx, s, TAKEN_TEXT);
  }

  function onKey(s, event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    var tag = target && target.tagName;
    if (tag === "TEXTAREA" || tag === "SELECT" || (tag === "INPUT" && target.type === "text")) return;
    if (s.ctx.root.querySelector(".kb-quiz-confirm")) return;
    var key = event.key.length === 1 ? event.key.toUpperCase() : event.key;
    var c = s.choices[s.state.current];
    var index = "1234".indexOf(key) >= 0 && key !== "" ? "1234".indexOf(key) : "ABCD".indexOf(key);
    if (index >= 0 && c.inputs[index] && c.inputs[index].type !== "text") {
      var input = c.inputs[index];
      input.checked = input.type === "checkbox" ? !input.checked : true;
      input.focus();
      changed(s);
    } else if (key === "N") {
      go(s, s.state.current + 1, true);
    } else if (key === "P") {
      go(s, s.state.current - 1, true);
    } else if (key === "F") {
      toggleFlag(s);
    } else {
      return;
    }
    // mkdocs-material binds F/S (search) and N/P (next/previous page): during the exam these
    // keys belong to the exam, so this listener runs first (window, capture) and stops them.
    event.preventDefault();
    event.stopImmediatePropagation();
  }

  function tick(s) {
    var left = timeLeft(s.state);
    s.state.left = left;
    s.timer.textContent = "剩余时间 " + E.clock(left);
    s.timer.classList.toggle("kb-exam-timer-low", left <= 60);
    if (E.announceAt(left, s.state.limit)) s.announce.textContent = "剩余时间 " + E.spoken(left);
    return left;
  }

  // Time used counted by the monotonic clock: a throttled background tab loses no count, and a
  // clock set back or forward changes nothing.
  function spend(s) {
    var now = window.performance.now();
    s.state.used = kb.sync.timeUsed(s.state, Date.now(), now - s.mark);
    s.mark = now;
  }

  // Give the attempt up when this page goes (a reload or another tab may then resume it at once).
  function release(s) {
    if (s.stopped) return;
    spend(s);
    var stored = kb.storage.read(ATTEMPT);
    if (stored && stored.started === s.state.started && kb.sync.owner(stored.owner, s.state.owner).tab === TAB) {
      save(s.state);
      s.state.owner = null;
      kb.storage.write(ATTEMPT, s.state);
    }
  }

  // Another tab took the attempt over (or handed it in): stop writing, say so, offer to take it back.
  function stop(ctx, s, text) {
    s.stopped = true;
    if (ctx.active) { ctx.active.cleanup(); ctx.active = null; }
    s.form.querySelectorAll("input, textarea, select, button").forEach(function (x) { x.disabled = true; });
    s.submit.disabled = true;
    var box = el("div", { className: "kb-exam-taken", role: "alert" }, el("p", { className: "kb-exam-taken-text" }, text));
    var back = el("button", { type: "button", className: "md-button kb-exam-take-back" }, "在本窗口继续（另一个窗口将停止作答）");
    back.addEventListener("click", function () {
      var again = storedAttempt(ctx);
      if (!again) { ctx.paper.hidden = true; ctx.startBox.hidden = false; return; }
      takeOver(ctx, again, false);
    });
    box.appendChild(el("p", { className: "kb-quiz-actions" }, back));
    ctx.paper.insertBefore(box, ctx.paper.firstChild);
  }

  function onStorage(s, event) {
    if (event.key !== kb.storage.fullKey(ATTEMPT) || s.stopped) return;
    var stored = kb.storage.read(ATTEMPT);
    if (!stored || stored.started !== s.state.started) {
      stop(s.ctx, s, "这场考试已在另一个窗口中交卷或放弃，本窗口已停止作答。");
      return;
    }
    var won = kb.sync.owner(stored.owner, s.state.owner);
    if (!won || won.tab !== TAB) { stop(s.ctx, s, TAKEN_TEXT); return; }
    // Still ours: keep what the other tab wrote before it saw our claim, and put our claim back.
    var before = JSON.stringify(s.state.answers);
    if (stored.owner && stored.owner.tab !== TAB) {
      save(s.state);
      if (JSON.stringify(s.state.answers) !== before) {
        s.questions.forEach(function (q, i) {
          if (E.isAnswered(s.state.answers[q.id])) s.choices[i].set(s.state.answers[q.id]);
        });
        update(s);
      }
    }
  }

  function confirmSubmit(s) {
    var unanswered = s.total - E.answeredCount(s.state);
    var text = unanswered || s.state.flags.length
      ? "还有 " + unanswered + " 题未答，" + s.state.flags.length + " 题已标记待检查。确定交卷吗？交卷后不能再修改。"
      : "已答全部 " + s.total + " 题，没有标记的题。确定交卷吗？";
    s.ctx.Q.confirm(s.submit, {
      text: text, yes: "确定交卷", no: "继续作答",
      onYes: function () { finish(s.ctx, s.state, false, false); }
    });
  }

  // The listeners of an open attempt, removed together when it closes.
  function listen(ctx, s) {
    var handlers = {
      key: function (event) { onKey(s, event); },
      release: function () { release(s); },
      storage: function (event) { onStorage(s, event); }
    };
    s.form.addEventListener("input", function () { changed(s); });
    s.form.addEventListener("change", function () { changed(s); });
    s.form.addEventListener("submit", function (event) { event.preventDefault(); });
    s.prev.addEventListener("click", function () { go(s, s.state.current - 1, true); });
    s.next.addEventListener("click", function () { go(s, s.state.current + 1, true); });
    s.flag.addEventListener("click", function () { toggleFlag(s); });
    s.submit.addEventListener("click", function () { confirmSubmit(s); });
    window.addEventListener("keydown", handlers.key, true);
    window.addEventListener("beforeunload", warnOnLeave);
    window.addEventListener("pagehide", handlers.release);
    window.addEventListener("storage", handlers.storage);
    var interval = window.setInterval(function () {
      spend(s);
      var left = tick(s);
      keep(s);
      if (left === 0 && !s.stopped) finish(ctx, s.state, true, false);
    }, 1000);
    ctx.active = {
      cleanup: function () {
        window.clearInterval(interval);
        window.removeEventListener("keydown", handlers.key, true);
        window.removeEventListener("beforeunload", warnOnLeave);
        window.removeEventListener("pagehide", handlers.release);
        window.removeEventListener("storage", handlers.storage);
      }
    };
  }

  function open(ctx, state) {
    var s = { ctx: ctx, state: state, stopped: false, mark: window.performance.now(),
      questions: state.questions.map(function (x) { return ctx.byId[x.id]; }) };
    s.total = s.questions.length;
    if (!(state.current >= 0 && state.current < s.total)) state.current = 0;
    ctx.startBox.hidden = true;
    ctx.result.hidden = true;
    ctx.result.textContent = "";
    ctx.paper.hidden = false;
    ctx.paper.textContent = "";
    buildBar(ctx, s);
    buildGrid(ctx, s);
    buildQuestions(ctx, s);
    tick(s);
    s.announce.textContent = "剩余时间 " + E.spoken(state.left);
    listen(ctx, s);
    s.items[state.current].hidden = false;
    update(s);
    (s.choices[state.current].inputs[0] || s.next).focus();
  }

  // --- marking and results -------------------------------------------------------------------------------

  function finish(ctx, state, timeout, whileAway) {
    if (ctx.active) { ctx.active.cleanup(); ctx.active = null; }
    closeResume(ctx);
    var stored = kb.storage.read(ATTEMPT);
    if (stored && stored.started === state.started) mergeAnswers(state, stored);
    kb.storage.remove(ATTEMPT);
    var marked = E.mark(state, ctx.byId, ctx.Q.isRight);
    // Unanswered questions are not recorded as wrong.
    marked.rows.forEach(function (r) { if (r.answered) ctx.Q.record(r.q.id, r.right); });
    var entry = E.historyEntry(marked, state, ctx.settings.pass_mark, timeout, timeLeft(state));
    var h = loadHistory();
    h.attempts.push(entry);
    h.attempts = h.attempts.slice(-KEEP);
    kb.storage.write(HISTORY, h);
    ctx.paper.hidden = true;
    ctx.paper.textContent = "";
    ctx.startBox.hidden = true;
    ctx.result.hidden = false;
    ctx.result.textContent = "";
    var summary = resultHead(ctx, marked, entry, timeout, whileAway);
    resultBody(ctx, marked);
    renderHistory(ctx);
    // The score first: scroll the result to the top of the viewport and focus the score.
    if (ctx.result.scrollIntoView) ctx.result.scrollIntoView({ block: "start" });
    summary.focus({ preventScroll: true });
  }

  // Title, score, the note on the pass mark and time, and the actions; returns the score line.
  function resultHead(ctx, marked, entry, timeout, whileAway) {
    var result = ctx.result;
    result.appendChild(el("h2", { className: "kb-exam-result-title" },
      whileAway ? "考试时间已在离开期间用完，已按当时的作答交卷" : timeout ? "时间到，已自动交卷" : "考试结果"));
    var summary = el("p", { className: "kb-exam-score " + (entry.passed ? "kb-quiz-right" : "kb-quiz-wrong"), tabindex: "-1" },
      "得分 " + marked.score + " 分（答对 " + marked.correct + " / " + marked.total + " 题），" + (entry.passed ? "合格" : "不合格") + "。");
    result.appendChild(summary);
    result.appendChild(el("p", { className: "kb-editorial-inline" },
      "及格分 " + ctx.settings.pass_mark + " 分为本站培训设置，不是法定标准。用时 " + E.clock(entry.seconds) +
      "。未答 " + (marked.total - marked.answered) + " 题（未答的题不记入错题本）。"));
    var again = el("button", { type: "button", className: "md-button md-button--primary kb-exam-again" }, "再考一次");
    again.addEventListener("click", function () {
      var next = newAttempt(ctx);
      save(next);
      open(ctx, next);
    });
    var printReview = el("button", { type: "button", className: "md-button kb-exam-print" }, "打印结果和回顾");
    printReview.addEventListener("click", function () { window.print(); });
    result.appendChild(el("p", { className: "kb-quiz-actions kb-exam-result-actions" }, [again, " ", printReview]));
    return summary;
  }

  function resultBody(ctx, marked) {
    var result = ctx.result;
    result.appendChild(el("h3", {}, "各章和各题型的正确率"));
    result.appendChild(statsTable("按章", ctx.data.chapters.filter(function (c) { return marked.chapters[c.number]; })
      .map(function (c) { return [c.title, marked.chapters[c.number]]; }), "kb-exam-by-chapter"));
    result.appendChild(statsTable("按题型", E.typeRows(marked.types), "kb-exam-by-type"));
    var regs = E.regulationRows(ctx.data.regulations || [], marked.regulations);
    if (regs.length > 1) result.appendChild(statsTable("按法规", regs, "kb-exam-by-regulation"));
    var wrongN = marked.rows.filter(function (r) { return r.answered && !r.right; }).length;
    result.appendChild(el("h3", {}, "逐题回顾（" + marked.total + " 题：答对 " + marked.correct + "，答错 " + wrongN +
      "，未答 " + (marked.total - marked.answered) + "）"));
    var review = el("ol", { className: "kb-exam-review" });
    marked.rows.forEach(function (r) { review.appendChild(reviewItem(ctx, r)); });
    result.appendChild(review);
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

  function reviewOptions(r) {
    var q = r.q;
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
    return options;
  }

  function reviewItem(ctx, r) {
    var q = r.q;
    var verdict = !r.answered ? "未作答" : r.right ? "回答正确" : "回答错误";
    var item = el("li", { className: "kb-exam-review-item " + (r.right ? "kb-exam-review-right" : "kb-exam-review-wrong"),
      "data-kb-question": q.id });
    item.appendChild(el("p", { className: "kb-quiz-stem" }, [el("span", { className: "kb-quiz-type" }, q.type), " " + q.stem]));
    item.appendChild(el("p", { className: "kb-exam-verdict" }, verdict));
    if (q.type === "填空") {
      item.appendChild(el("p", { className: "kb-exam-given" }, "你的答案：" + ctx.Q.givenText(q, r.given)));
      item.appendChild(el("p", { className: "kb-quiz-correct" }, "正确答案：" + ctx.Q.answerText(q)));
    } else {
      item.appendChild(reviewOptions(r));
      if (!r.answered) item.appendChild(el("p", { className: "kb-exam-given" }, "你的答案：未作答"));
    }
    ctx.Q.renderExplanation(item, q, ctx.rootHref, true);
    return item;
  }

  // --- mounting --------------------------------------------------------------------------------------------

  function mountExam(root) {
    var Q = kb.quiz;
    if (!Q) return;
    var data = Q.readData(root);
    if (!data) return;
    var opts = Q.params();
    var ctx = { root: root, Q: Q, data: data, settings: data.exam, byId: {}, rand: Q.random(opts.seed),
      rootHref: root.getAttribute("data-kb-root") || "", active: null, resumeBox: null,
      startBox: root.querySelector(".kb-exam-start"), paper: root.querySelector(".kb-exam-paper"),
      result: root.querySelector(".kb-exam-result"), history: root.querySelector(".kb-exam-history") };
    data.questions.forEach(function (q) { ctx.byId[q.id] = q; });
    ctx.count = Math.min(data.questions.length, parseInt(opts.count, 10) || ctx.settings.questions);
    ctx.shares = opts.count ? [] : ctx.settings.plan || ctx.settings.composition || [];
    ctx.limit = parseInt(opts.seconds, 10) || (parseInt(opts.minutes, 10) || ctx.settings.minutes) * 60;
    var nojs = root.querySelector(".kb-quiz-nojs");
    if (nojs) nojs.hidden = true;
    ctx.startBox.hidden = false;
    ctx.history.hidden = false;
    ctx.notes = kb.notices(root, { before: ctx.startBox, keys: [HISTORY, ATTEMPT, Q.PROGRESS],
      onExport: function () { Q.exportProgress(); } });
    ctx.startButton = ctx.startBox.querySelector("button");
    wireHistory(ctx);
    ctx.startButton.addEventListener("click", function () {
      var other = storedAttempt(ctx);
      if (other && ownedElsewhere(other)) { offerResume(ctx, other); return; } // never start over another tab's exam
      var state = newAttempt(ctx);
      save(state);
      open(ctx, state);
    });
    renderHistory(ctx);
    var pending = storedAttempt(ctx);
    if (pending) {
      if (!ownedElsewhere(pending)) catchUp(pending);
      if (timeLeft(pending) <= 0 && !ownedElsewhere(pending)) finish(ctx, pending, true, true); else offerResume(ctx, pending);
    }
  }

  if (kb.quiz) registerBackup(kb.quiz);
  kb.mount("quiz-exam", mountExam);
})();
