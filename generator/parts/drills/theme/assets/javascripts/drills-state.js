// Generated drills, the pure part (kb.drillsState): answers, where practice stopped, counts.
// No DOM and no storage: every function takes the record (and the time) and returns a new value,
// so node runs them (tests/js/run_drills.js); drills.js mounts the practice page.
//
// The record (kb.storage "drills:<regulation slug>", format 1):
//   {"format": 1,
//    "answers": {drill id: {"given": text, "right": true|false, "t": ms}},
//    "place":   {"id": last drill answered, "t": ms} or null}
(function () {
  "use strict";

  var kb = window.kb;

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function empty() {
    return { format: 1, answers: {}, place: null };
  }

  // A stored record with every field present; anything else is not a drills record.
  function check(record) {
    if (!isObject(record) || record.format !== 1 || !isObject(record.answers)) return "不是数字练习记录";
    if (record.place !== null && record.place !== undefined && !isObject(record.place)) return "练习位置格式不正确";
    return null;
  }

  // Spaces (half and full width) do not count: "十五 日" is 十五日.
  function normalize(text) {
    return String(text === null || text === undefined ? "" : text).replace(/[\s\u3000]+/g, "");
  }

  // Numbers compare by value (kb.numerals): "15日" is 十五日, "３日" is 三日.
  function isRight(drill, given) {
    return normalize(given) !== "" && kb.numerals.fold(normalize(given)) === kb.numerals.fold(normalize(drill.answer));
  }

  // The record after answering drill with `given` at time now (ms); the later answer of a drill wins.
  function recordAnswer(record, drill, given, now) {
    var base = check(record) ? empty() : record;
    var answers = {};
    Object.keys(base.answers).forEach(function (id) { answers[id] = base.answers[id]; });
    answers[drill.id] = { given: String(given), right: isRight(drill, given), t: now };
    return { format: 1, answers: answers, place: { id: drill.id, t: now } };
  }

  // {total, answered, right} over the drills of the page (answers of drills no longer generated
  // are ignored).
  function summary(record, drills) {
    var answers = check(record) ? {} : record.answers;
    var out = { total: drills.length, answered: 0, right: 0 };
    drills.forEach(function (d) {
      var a = answers[d.id];
      if (!isObject(a)) return;
      out.answered += 1;
      if (a.right === true) out.right += 1;
    });
    return out;
  }

  // Index of the drill to continue with: the first unanswered one after the last answered (wrapping
  // round to the start); the first drill when nothing was answered; -1 when every drill is answered.
  function resumeAt(record, drills) {
    var answers = check(record) ? {} : record.answers;
    var place = check(record) || !record.place ? null : record.place.id;
    var start = 0;
    for (var i = 0; i < drills.length; i++) {
      if (drills[i].id === place) { start = i + 1; break; }
    }
    for (var k = 0; k < drills.length; k++) {
      var j = (start + k) % drills.length;
      if (!isObject(answers[drills[j].id])) return j;
    }
    return -1;
  }

  kb.drillsState = {
    empty: empty, check: check, normalize: normalize, isRight: isRight,
    recordAnswer: recordAnswer, summary: summary, resumeAt: resumeAt
  };
})();
