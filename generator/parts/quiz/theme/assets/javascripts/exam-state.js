// The mock exam, the pure part (kb.examState): drawing an attempt, answers and flags with their
// times, merging what two tabs wrote, marking, the history's entries and trend, the clock's text.
// No DOM and no storage; the time rules (time used, time left, who owns the attempt) are kb.sync's
// in kb.js. node runs these (tests/js/run_quiz_state.js); exam.js mounts the exam page and describes
// the stored records.
(function () {
  "use strict";

  var kb = window.kb; // kb.js: kb.sync
  var TYPES = ["单选", "多选", "判断", "填空"];

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  // 12:05 for 725 seconds.
  function clock(seconds) {
    var m = Math.floor(seconds / 60), s = seconds % 60;
    return pad(m) + ":" + pad(s);
  }

  // "12 分钟 5 秒" for 725 seconds, as a screen reader says it.
  function spoken(seconds) {
    var m = Math.floor(seconds / 60), s = seconds % 60;
    return [m ? m + " 分钟" : "", s ? s + " 秒" : ""].filter(Boolean).join(" ") || "0 秒";
  }

  // "YYYY-MM-DD HH:MM" of a time (ms), local.
  function stamp(ms) {
    var date = new Date(ms);
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate()) + " " +
      pad(date.getHours()) + ":" + pad(date.getMinutes());
  }

  // Screen readers hear the time left only at these moments: the start, every 5 minutes, 1 minute
  // and 10 seconds left.
  function announceAt(left, limit) {
    return left === limit || (left % 300 === 0 && left > 0) || left === 60 || left === 10;
  }

  function isAnswered(given) {
    return given !== undefined && given !== null && given !== "" && !(Array.isArray(given) && given.length === 0);
  }

  // `count` questions of the bank in shuffled order, each 单选/多选's options shuffled: [{id, options}].
  function drawAll(questions, count, shuffle, rand) {
    return shuffle(questions, rand).slice(0, count).map(function (q) {
      var order = q.type === "单选" || q.type === "多选" ? shuffle(q.options, rand) : [];
      return { id: q.id, options: order };
    });
  }

  // A new attempt of the drawn questions ([{id, options}]), owned by `tab`.
  function newAttempt(drawn, limit, now, tab) {
    return { format: 2, started: now, limit: limit, used: 0, saved: now, questions: drawn,
      answers: {}, times: {}, flags: [], current: 0, owner: { tab: tab, at: now } };
  }

  function answeredCount(state) {
    return state.questions.filter(function (x) { return isAnswered(state.answers[x.id]); }).length;
  }

  // The attempt with one answer given (or cleared: undefined), timed after the one it replaces.
  // Returns null when the answer did not change.
  function setAnswer(state, id, given, now) {
    var before = state.answers[id];
    var after = isAnswered(given) ? given : undefined;
    if (JSON.stringify(before) === JSON.stringify(after)) return null;
    var answers = {}, times = {};
    Object.keys(state.answers).forEach(function (k) { if (k !== id) answers[k] = state.answers[k]; });
    Object.keys(state.times).forEach(function (k) { times[k] = state.times[k]; });
    if (after !== undefined) answers[id] = after;
    var old = state.times[id];
    times[id] = Math.max(now, (typeof old === "number" && isFinite(old) ? old : 0) + 1);
    return { answers: answers, times: times };
  }

  // The flags with `id` flagged or unflagged.
  function toggleFlag(flags, id) {
    return flags.indexOf(id) >= 0 ? flags.filter(function (f) { return f !== id; }) : flags.concat([id]);
  }

  // Answers as timed entries, for kb.sync.mergeEntries (a cleared answer is its time alone).
  function entries(a) {
    var out = {};
    Object.keys(a.answers).forEach(function (id) { out[id] = { t: a.times[id] || 0, v: a.answers[id] }; });
    Object.keys(a.times).forEach(function (id) { if (!out[id]) out[id] = { t: a.times[id] || 0, v: null }; });
    return out;
  }

  // The answers of two copies of one attempt, each keeping its later version: {answers, times}.
  function mergeAnswers(mine, other) {
    var merged = kb.sync.mergeEntries(entries(other), entries(mine));
    var out = { answers: {}, times: {} };
    Object.keys(merged).forEach(function (id) {
      out.times[id] = merged[id].t;
      if (merged[id].v !== null) out.answers[id] = merged[id].v;
    });
    return out;
  }

  // The attempt marked: rows (one per question in exam order) and the counts by chapter and type.
  // byId: the bank by id; isRight(question, given).
  function mark(state, byId, isRight) {
    var out = { rows: [], correct: 0, answered: 0, chapters: {}, types: {}, regulations: {},
      total: state.questions.length };
    state.questions.forEach(function (x, i) {
      var q = byId[x.id];
      var given = state.answers[x.id];
      var done = isAnswered(given);
      var row = { q: q, given: done ? given : null, answered: done, right: done && isRight(q, given),
        options: x.options, number: i + 1 };
      out.rows.push(row);
      if (row.right) out.correct += 1;
      if (done) out.answered += 1;
      [[out.chapters, q.chapter], [out.types, q.type], [out.regulations, q.regulation || ""]].forEach(function (pair) {
        var t = pair[0][pair[1]] || (pair[0][pair[1]] = [0, 0]);
        if (row.right) t[0] += 1;
        t[1] += 1;
      });
    });
    out.score = out.total ? Math.round((out.correct / out.total) * 100) : 0;
    return out;
  }

  // The history's entry for a marked attempt; left: seconds left when it was handed in.
  function historyEntry(marked, state, passMark, timeout, left) {
    return { at: stamp(state.started), score: marked.score, correct: marked.correct, total: marked.total,
      passed: marked.score >= passMark, pass_mark: passMark, seconds: Math.min(state.limit, state.limit - left),
      timeout: timeout, answered: marked.answered, chapters: marked.chapters, types: marked.types };
  }

  // The history's trend line over the last scores (oldest first); "" for fewer than two.
  function trend(scores) {
    var recent = scores.slice(-10);
    if (recent.length < 2) return "";
    var diff = recent[recent.length - 1] - recent[recent.length - 2];
    return "最近 " + recent.length + " 次得分走势：" + recent.join(" → ") + "。最近一次比上一次" +
      (diff > 0 ? "提高 " + diff + " 分" : diff < 0 ? "降低 " + (-diff) + " 分" : "持平") + "。";
  }

  // The change column of the history: "—" for the first, else ↑ n, ↓ n or 持平.
  function change(score, before) {
    if (before === null || before === undefined) return "—";
    var d = score - before;
    return d > 0 ? "↑ " + d : d < 0 ? "↓ " + (-d) : "持平";
  }

  // The types in TYPES order that the attempt had, each [name, [right, total]].
  function typeRows(types) {
    return TYPES.filter(function (t) { return types[t]; }).map(function (t) { return [t, types[t]]; });
  }

  // The regulations (data.regulations order) that the attempt had, each [title, [right, total]].
  function regulationRows(regulations, counts) {
    return regulations.filter(function (r) { return counts[r.slug]; })
      .map(function (r) { return ["《" + r.title + "》", counts[r.slug]]; });
  }

  function validHistoryAttempt(a) {
    return isObject(a) && typeof a.score === "number" && typeof a.correct === "number" &&
      typeof a.total === "number" && typeof a.at === "string";
  }

  // A history of format 1 (no answered/chapters/types) as format 2.
  function migrateHistory1(h) {
    return { format: 2, attempts: h.attempts.map(function (a) {
      if (!isObject(a)) return a;
      var b = JSON.parse(JSON.stringify(a));
      b.answered = null; b.chapters = null; b.types = null;
      return b;
    }) };
  }

  // An attempt of format 1 ("left", no "used") as format 2: the time between start and last save used.
  function migrateAttempt1(a) {
    var out = JSON.parse(JSON.stringify(a));
    var spent = typeof a.saved === "number" && typeof a.started === "number" ? a.saved - a.started : 0;
    var cap = typeof a.limit === "number" && a.limit > 0 ? a.limit * 1000 : 0;
    out.used = Math.max(0, Math.min(cap, isFinite(spent) ? spent : 0));
    out.times = {};
    out.owner = null;
    delete out.left;
    out.format = 2;
    return out;
  }

  function validAttemptRecord(a) {
    return typeof a.started === "number" && typeof a.limit === "number" && isFinite(a.limit) && a.limit > 0 &&
      typeof a.used === "number" && isFinite(a.used) && Array.isArray(a.questions) &&
      a.questions.length > 0 && isObject(a.answers) && isObject(a.times) && Array.isArray(a.flags) &&
      (a.owner === null || a.owner === undefined || (isObject(a.owner) && typeof a.owner.tab === "string"));
  }

  kb.examState = {
    clock: clock, spoken: spoken, stamp: stamp, announceAt: announceAt, isAnswered: isAnswered,
    drawAll: drawAll, newAttempt: newAttempt, answeredCount: answeredCount, setAnswer: setAnswer, toggleFlag: toggleFlag,
    mergeAnswers: mergeAnswers, mark: mark, historyEntry: historyEntry, trend: trend, change: change,
    typeRows: typeRows, regulationRows: regulationRows, validHistoryAttempt: validHistoryAttempt, migrateHistory1: migrateHistory1,
    migrateAttempt1: migrateAttempt1, validAttemptRecord: validAttemptRecord, TYPES: TYPES
  };
})();
