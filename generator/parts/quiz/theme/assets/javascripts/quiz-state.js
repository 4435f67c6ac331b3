// Practice, the pure part (kb.quizState): answers, the 错题本's spaced repetition, 收藏, where
// 顺序练习 stopped, the questions of each scope and their counts, and merging what several tabs
// wrote. No DOM and no storage: every function takes the record and the time and returns a new
// record, so node runs them (tests/js/run_quiz_state.js); quiz.js mounts the practice page.
//
// The record (kb.storage "quiz:progress", format 2); every entry carries its own time "t" (ms), so
// two tabs merge per question (kb.sync.mergeEntries: the later entry wins) and never lose a star or
// an answer:
//   {"format": 2,
//    "cards":     {id: {"box": 1..5, "due": "YYYY-MM-DD", "right": n, "wrong": n, "last": date, "t"}},
//    "wrongbook": {id: {"count": n, "last": date, "t"}}      count 0: taken out of the 错题本
//    "stars":     {id: {"on": true|false, "t"}}                收藏
//    "places":    {scope: {"id": last question done, "t"}}  顺序练习, per scope
//    "cleared":   {map name: t}}  entries of that map older than t were cleared (清空, 导入)
// Format 1 (up to issue 27: no times, no stars, no places) is migrated with every time 0.
(function () {
  "use strict";

  var kb = window.kb; // kb.js: kb.sync.mergeEntries
  var MAPS = ["cards", "wrongbook", "stars", "places"];
  // Days until a question is due again after a right answer, by the box it moves to (1..5).
  var INTERVALS = [0, 1, 2, 4, 8, 16];
  var MAX_BOX = 5;

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function has(obj, key) {
    return Object.prototype.hasOwnProperty.call(obj, key);
  }

  function copy(value) {
    return JSON.parse(JSON.stringify(value));
  }

  function empty() {
    return { format: 2, cards: {}, wrongbook: {}, stars: {}, places: {}, cleared: {} };
  }

  // A format 1 record as format 2 (kb.storage migration; also for backups of format 1).
  function migrate1(p) {
    var out = empty();
    ["cards", "wrongbook"].forEach(function (name) {
      Object.keys(isObject(p[name]) ? p[name] : {}).forEach(function (id) {
        var entry = copy(p[name][id]);
        if (isObject(entry)) { entry.t = typeof entry.t === "number" ? entry.t : 0; out[name][id] = entry; }
      });
    });
    return out;
  }

  // A stored or imported format 2 record with every map present (older writers may lack some).
  function complete(p) {
    var out = isObject(p) ? copy(p) : empty();
    out.format = 2;
    MAPS.concat(["cleared"]).forEach(function (name) { if (!isObject(out[name])) out[name] = {}; });
    return out;
  }

  // The time of an entry (0 when it has none).
  function timeOf(entry) {
    return isObject(entry) && typeof entry.t === "number" && isFinite(entry.t) ? entry.t : 0;
  }

  // A new time for an entry: now, or just after the entry it replaces (a clock set back still orders).
  function nextTime(old, now) {
    return Math.max(now, timeOf(old) + 1);
  }

  // Two tabs' records merged: per map and per question the later entry (kb.sync.mergeEntries), the
  // later clearing of each map, and nothing older than that clearing.
  function merge(a, b) {
    var left = complete(a), right = complete(b);
    var out = empty();
    MAPS.forEach(function (name) {
      var since = Math.max(timeOf({ t: left.cleared[name] }), timeOf({ t: right.cleared[name] }));
      if (since) out.cleared[name] = since;
      var merged = kb.sync.mergeEntries(left[name], right[name]);
      Object.keys(merged).forEach(function (id) {
        if (timeOf(merged[id]) >= since) out[name][id] = merged[id];
      });
    });
    return out;
  }

  // "YYYY-MM-DD" of the local day of `ms`, `offsetDays` later.
  function day(ms, offsetDays) {
    var d = new Date(ms);
    d.setDate(d.getDate() + (offsetDays || 0));
    var m = d.getMonth() + 1, n = d.getDate();
    return d.getFullYear() + "-" + (m < 10 ? "0" : "") + m + "-" + (n < 10 ? "0" : "") + n;
  }

  // One answer recorded: a wrong one goes to box 1 (due today) and into the 错题本; a right one moves
  // the question up a box and further into the future. Returns {progress, card}.
  function recordAnswer(p, id, right, now) {
    var out = complete(p);
    var old = out.cards[id];
    var card = old ? copy(old) : { box: 0, due: day(now), right: 0, wrong: 0 };
    if (right) {
      card.box = Math.min(MAX_BOX, card.box + 1);
      card.right += 1;
    } else {
      card.box = 1;
      card.wrong += 1;
      var entry = out.wrongbook[id];
      out.wrongbook[id] = { count: (inWrongbook(out, id) ? entry.count : 0) + 1, last: day(now), t: nextTime(entry, now) };
    }
    card.due = day(now, right ? INTERVALS[card.box] : 0);
    card.last = day(now);
    card.t = nextTime(old, now);
    out.cards[id] = card;
    return { progress: out, card: card };
  }

  function inWrongbook(p, id) {
    return has(p.wrongbook, id) && isObject(p.wrongbook[id]) && p.wrongbook[id].count > 0;
  }

  // 移出错题本: kept as an entry with count 0, so another tab's older entry does not bring it back.
  function removeFromWrongbook(p, id, now) {
    var out = complete(p);
    out.wrongbook[id] = { count: 0, last: day(now), t: nextTime(out.wrongbook[id], now) };
    return out;
  }

  // 清空错题本和复习记录: the cards and the 错题本 (收藏 and places stay).
  function clearReview(p, now) {
    var out = complete(p);
    out.cards = {};
    out.wrongbook = {};
    out.cleared.cards = now;
    out.cleared.wrongbook = now;
    return out;
  }

  // An imported record replacing this browser's: every map cleared now, the imported entries kept.
  function replaceWith(imported, now) {
    var out = complete(imported);
    MAPS.forEach(function (name) {
      out.cleared[name] = now;
      Object.keys(out[name]).forEach(function (id) { out[name][id].t = now; });
    });
    return out;
  }

  function isStarred(p, id) {
    return has(p.stars, id) && isObject(p.stars[id]) && p.stars[id].on === true;
  }

  function setStar(p, id, on, now) {
    var out = complete(p);
    out.stars[id] = { on: !!on, t: nextTime(out.stars[id], now) };
    return out;
  }

  // 顺序练习: the question after the last one done in `scope` (ids in bank order); the first when
  // none was done, the last one is no longer in the scope, or the scope was done to its end.
  function resumeAt(p, scope, ids) {
    var place = has(p.places, scope) ? p.places[scope] : null;
    var at = place && typeof place.id === "string" ? ids.indexOf(place.id) : -1;
    return at < 0 || at + 1 >= ids.length ? 0 : at + 1;
  }

  function setPlace(p, scope, id, now) {
    var out = complete(p);
    out.places[scope] = { id: id, t: nextTime(out.places[scope], now) };
    return out;
  }

  // Weak questions due on `today`: in the 错题本, answered wrongly, their box's interval passed.
  function dueIds(p, today) {
    return Object.keys(p.cards).filter(function (id) {
      return p.cards[id].wrong > 0 && p.cards[id].due <= today && inWrongbook(p, id);
    });
  }

  // The questions of a scope, in bank order. data: {questions, chapters: [{number, questions}],
  // topics: [{id, questions}], regulation, questions[].regulation}. Scopes: all, law:SLUG,
  // chapter:N, article:N, topic:ID, wrong, due, unseen, starred. An unknown scope has none.
  function pool(data, p, scope, today) {
    var bank = data.questions.map(function (q) { return q.id; });
    var keep = function (test) { return bank.filter(test); };
    if (scope === "all") return bank;
    if (scope === "wrong") return keep(function (id) { return inWrongbook(p, id); });
    if (scope === "due") { var due = dueIds(p, today); return keep(function (id) { return due.indexOf(id) >= 0; }); }
    if (scope === "unseen") return keep(function (id) { return !has(p.cards, id); });
    if (scope === "starred") return keep(function (id) { return isStarred(p, id); });
    var parts = String(scope).split(":");
    if (parts[0] === "article") {
      // article:N is the site's own regulation's article N (a further regulation's questions have
      // their own "regulation").
      return data.questions.filter(function (q) {
        return String(q.article) === parts[1] && q.regulation === data.regulation;
      }).map(function (q) { return q.id; });
    }
    if (parts[0] === "law") {
      // law:SLUG: the questions of one regulation (data.regulations), the site's own included.
      return keep(function (id) { return data.questions.some(function (q) { return q.id === id && q.regulation === parts[1]; }); });
    }
    var groups = parts[0] === "chapter" ? data.chapters : parts[0] === "topic" ? data.topics || [] : [];
    for (var i = 0; i < groups.length; i++) {
      var key = parts[0] === "chapter" ? groups[i].number : groups[i].id;
      if (String(key) === parts[1]) return keep(function (id) { return groups[i].questions.indexOf(id) >= 0; });
    }
    return [];
  }

  // The number of questions of each scope: {scope: n}.
  function counts(data, p, scopes, today) {
    var out = {};
    scopes.forEach(function (s) { out[s] = pool(data, p, s, today).length; });
    return out;
  }

  // The questions of one session: "sequential" from where the scope stopped, in bank order, up to
  // `count`; "random" a shuffled `count` of them. Returns {ids, from} (from: the first's position).
  function session(ids, order, count, start, shuffle, rand) {
    if (order === "sequential") return { ids: ids.slice(start, start + count), from: start };
    return { ids: shuffle(ids, rand).slice(0, count), from: 0 };
  }

  // Fill-in answers: ignore spaces, full-width letters/digits, book-title marks and end punctuation.
  function normalize(text) {
    return String(text || "")
      .replace(/[\uff01-\uff5e]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xfee0); })
      .replace(/[\s\u3000《》〈〉“”"'「」]/g, "")
      .replace(/[。，；：、.,;:!?！？]+$/, "");
  }

  // Numbers compare by value (kb.numerals): 三日 is ３日, 十五日 is 15日, 两份 is 二份.
  function sameAnswer(given, answer) {
    return kb.numerals.fold(normalize(given)) === kb.numerals.fold(normalize(answer));
  }

  function isRight(question, given) {
    if (question.type === "多选") {
      var want = question.answer.slice().sort();
      var got = (given || []).slice().sort();
      return want.length === got.length && want.every(function (a, i) { return a === got[i]; });
    }
    if (question.type === "填空") return normalize(given) !== "" && sameAnswer(given, question.answer);
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

  function validCard(c) {
    return isObject(c) && typeof c.box === "number" && typeof c.due === "string" &&
      typeof c.right === "number" && typeof c.wrong === "number";
  }

  // A record from a backup file as format 2, or {error}: every card and 错题本 entry well-formed.
  function checkProgress(p) {
    if (!isObject(p) || (p.format !== 1 && p.format !== 2) || !isObject(p.cards) || !isObject(p.wrongbook)) {
      return { error: "文件中的练习记录格式不正确" };
    }
    var ids = Object.keys(p.cards);
    for (var i = 0; i < ids.length; i++) {
      if (!validCard(p.cards[ids[i]])) return { error: "题目 " + ids[i] + " 的复习记录格式不正确" };
    }
    var wrong = Object.keys(p.wrongbook);
    for (var j = 0; j < wrong.length; j++) {
      var w = p.wrongbook[wrong[j]];
      if (!isObject(w) || typeof w.count !== "number") return { error: "错题 " + wrong[j] + " 的记录格式不正确" };
    }
    if (p.format === 1) return { progress: migrate1(p) };
    if ((p.stars !== undefined && !isObject(p.stars)) || (p.places !== undefined && !isObject(p.places))) {
      return { error: "文件中的练习记录格式不正确" };
    }
    return { progress: complete(p) };
  }

  kb.quizState = {
    empty: empty, migrate1: migrate1, complete: complete, merge: merge, day: day, recordAnswer: recordAnswer,
    inWrongbook: inWrongbook, removeFromWrongbook: removeFromWrongbook, clearReview: clearReview,
    replaceWith: replaceWith, isStarred: isStarred, setStar: setStar, resumeAt: resumeAt, setPlace: setPlace,
    dueIds: dueIds, pool: pool, counts: counts, session: session, normalize: normalize, isRight: isRight,
    answerText: answerText, givenText: givenText, checkProgress: checkProgress
  };
})();
