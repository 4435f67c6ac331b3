// Evaluation rules of 第三十一条、第三十二条、第三十五条（五）和第三十七条, driven by the scheme data
// that generator/scoring.py embeds in the page. This is a line-by-line twin of
// generator.scoring.evaluate (the reference): same checks in the same order, same messages, same
// result object. Scores are integers of hundredths; inputs with more than two decimals are refused,
// so totals are exact (94.99 stays 良好) and numbers print the same in both runtimes.
// fillFromChecklist is the calculator's fill-from-checklist rule; its reference is
// generator.fill.fill_from_checklist (shared vectors: tests/vectors/fill.yaml). No DOM here: node runs
// this file against the shared vectors (tests/js/run_vectors.js) with a stand-in `window`.
(function () {
  "use strict";

  var INPUT_FIELDS = ["areas", "total", "previous_grade", "illegal_findings_same_kind", "verified_complaints"];
  var SCALE = 10000; // 百分制, in hundredths

  function InputError(field, message) {
    var error = new Error(field + ": " + message);
    error.field = field;
    error.detail = message;
    return error;
  }

  function has(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function isNumber(value) {
    return typeof value === "number" && isFinite(value);
  }

  function twoDecimals(value) {
    return Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;
  }

  // 9500 -> 95, 9499 -> 94.99: JavaScript has one number type, so this prints as the Python twin does.
  function number(hundredths) {
    return hundredths / 100;
  }

  function hundredths(value) {
    return Math.round(value * 100);
  }

  // --- exact fractions (BigInt numerator and denominator, always reduced) -------------------------
  // The twin of Python's fractions.Fraction for what the rules need: scores such as 10 × 5/6 stay
  // exact until the one rounding for display, so a total of exactly 95 is 优秀 in both runtimes.

  function gcd(a, b) {
    while (b) { var t = a % b; a = b; b = t; }
    return a;
  }

  function frac(n, d) {
    n = BigInt(n); d = BigInt(d === undefined ? 1 : d);
    if (d < 0n) { n = -n; d = -d; }
    var g = gcd(n < 0n ? -n : n, d) || 1n;
    return { n: n / g, d: d / g };
  }

  var ZERO = frac(0);
  function add(a, b) { return frac(a.n * b.d + b.n * a.d, a.d * b.d); }
  function mul(a, b) { return frac(a.n * b.n, a.d * b.d); }
  function div(a, b) { return frac(a.n * b.d, a.d * b.n); }
  function cmp(a, b) { var x = a.n * b.d, y = b.n * a.d; return x < y ? -1 : x > y ? 1 : 0; }

  // A decimal of the scheme (10, 12.5, 0.25) as an exact fraction.
  function decimal(value) { return frac(Math.round(value * 100), 100); }

  function exactText(f) { return f.d === 1n ? String(f.n) : f.n + "/" + f.d; }

  // The one rounding: two decimals, halves up, shortest form ("95", "94.99", "8.3").
  function roundOnce(f) {
    var h = (f.n * 200n + f.d) / (2n * f.d);
    var whole = h / 100n, cents = h % 100n;
    if (cents === 0n) return String(whole);
    return (whole + "." + (cents < 10n ? "0" : "") + cents).replace(/0+$/, "");
  }

  function shown(f) { return Number(roundOnce(f)); }

  var FRACTION = /^([0-9]{1,9})(?:\/([0-9]{1,9}))?$/;

  // Points as an exact fraction: a number with at most two decimals or, where `exact` (an area's
  // points), also a string "n" / "n/d".
  function points(field, value, maximum, tooHigh, exact) {
    if (exact && typeof value === "string") {
      var m = FRACTION.exec(value.trim());
      if (!m || (m[2] !== undefined && Number(m[2]) === 0)) throw InputError(field, "必须是数字或分数（如 25/3）");
      var exact = frac(m[1], m[2] === undefined ? 1 : m[2]);
      if (cmp(exact, frac(maximum, 100)) > 0) throw InputError(field, tooHigh);
      return exact;
    }
    if (!isNumber(value)) throw InputError(field, "必须是数字");
    if (value < 0) throw InputError(field, "不能为负数");
    if (value > maximum / 100) throw InputError(field, tooHigh);
    if (!twoDecimals(value)) throw InputError(field, "最多保留两位小数");
    return frac(hundredths(value), 100);
  }

  function count(data, field) {
    if (!has(data, field)) return 0;
    var value = data[field];
    if (!isNumber(value) || value < 0 || value !== Math.floor(value)) throw InputError(field, "必须是非负整数");
    return value;
  }

  function sortedKeys(object, keep) {
    return Object.keys(object).filter(keep).sort();
  }

  // Total, grade and consequences for one year's input; throws an Error "<field>: <message>".
  function evaluate(scheme, data) {
    if (!isObject(data)) throw InputError("input", "必须是 JSON 对象");
    var unknown = sortedKeys(data, function (k) { return INPUT_FIELDS.indexOf(k) < 0; });
    if (unknown.length) throw InputError(unknown[0], "未知字段");
    if (has(data, "areas") && has(data, "total")) {
      throw InputError("input", "“areas”（各领域得分）和“total”（总分）只能填写一项");
    }
    if (!has(data, "areas") && !has(data, "total")) {
      throw InputError("input", "需要“areas”（各领域得分）或“total”（总分）");
    }
    var areas = [];
    var total = ZERO;
    if (has(data, "areas")) {
      var given = data.areas;
      if (!isObject(given)) throw InputError("areas", "必须是对象（评分领域 → 得分）");
      var ids = scheme.areas.map(function (a) { return a.id; });
      var strange = sortedKeys(given, function (k) { return ids.indexOf(k) < 0; });
      if (strange.length) {
        throw InputError("areas." + strange[0], "未知的评分领域（可用：" + ids.join("、") + "）");
      }
      scheme.areas.forEach(function (area) {
        var max = hundredths(area.max);
        var got = null;
        if (has(given, area.id)) {
          got = points("areas." + area.id, given[area.id], max, "超过该领域满分" + number(max) + "分", true);
          total = add(total, got);
        }
        areas.push({
          id: area.id,
          title: area.title,
          points: got === null ? null : shown(got),
          exact: got === null ? null : exactText(got),
          max: number(max),
          cites: area.cites.slice()
        });
      });
    } else {
      total = points("total", data.total, SCALE, "超过满分" + number(SCALE) + "分");
    }
    var names = scheme.grades.map(function (g) { return g.name; });
    var previous = has(data, "previous_grade") ? data.previous_grade : null;
    if (previous !== null && names.indexOf(previous) < 0) {
      throw InputError("previous_grade", "必须是以下之一：" + names.join("、"));
    }
    var illegal = count(data, "illegal_findings_same_kind");
    var complaints = count(data, "verified_complaints");
    var grade = scheme.grades.filter(function (g) { return cmp(total, decimal(g.min)) >= 0; })[0];
    var consequences = scheme.consequences.filter(function (c) {
      var when = c.when;
      return (!when.grade || when.grade.indexOf(grade.name) >= 0) &&
        (!when.previous_grade || when.previous_grade.indexOf(previous) >= 0) &&
        illegal >= (when.illegal_findings_same_kind_at_least || 0) &&
        complaints >= (when.verified_complaints_at_least || 0);
    }).map(function (c) {
      return { id: c.id, text: c.text, cites: c.cites.slice() };
    });
    return {
      input: has(data, "areas") ? "areas" : "total",
      total: shown(total),
      exact: exactText(total),
      maximum: number(SCALE),
      grade: grade.name,
      grade_cites: grade.cites.slice(),
      areas: areas,
      previous_grade: previous,
      illegal_findings_same_kind: illegal,
      verified_complaints: complaints,
      consequences: consequences
    };
  }

  // Points per area of 第二十九条 from one checklist assessment: for each area, max × yes ÷ (yes + no)
  // rounded to hundredths (halves up); "na" answers do not count. areas: [{id, max}], items:
  // [{id, area}] (the checklist's items feeding areas), statuses: {item id: "yes" | "no" | "na"}.
  // Returns one entry per area, in scheme order: {id, yes, no, na, points, reason}, where points is
  // null and reason says why ("no-items": the checklist has no item for the area; "no-answers": none
  // answered 符合 or 不符合) when the area is to be left empty (the calculator names such areas).
  function fillFromChecklist(areas, items, statuses) {
    var given = isObject(statuses) ? statuses : {};
    return areas.map(function (area) {
      var yes = 0, no = 0, na = 0, feeding = 0;
      items.forEach(function (item) {
        if (item.area !== area.id) return;
        feeding++;
        var status = has(given, item.id) ? given[item.id] : null;
        if (status === "yes") yes++;
        else if (status === "no") no++;
        else if (status === "na") na++;
      });
      var points = null, reason = null;
      if (!feeding) reason = "no-items";
      else if (yes + no === 0) reason = "no-answers";
      else points = Math.round(area.max * 100 * yes / (yes + no)) / 100;
      return { id: area.id, yes: yes, no: no, na: na, points: points, reason: reason };
    });
  }

  // One area of one assessment (twin of generator.parts.scoring.assess._area).
  function areaScore(area, items, given) {
    var c = { yes: 0, no: 0, na: 0 }, unanswered = 0, feeding = 0;
    items.forEach(function (item) {
      if (item.area !== area.id) return;
      feeding++;
      var status = has(given, item.id) ? given[item.id] : null;
      if (typeof status === "string" && has(c, status)) c[status]++;
      else unanswered++;
    });
    var max = decimal(area.max), points = null, basis;
    if (!feeding) basis = "no-items";
    else if (c.yes + c.no) { points = div(mul(max, frac(c.yes)), frac(c.yes + c.no)); basis = "answers"; }
    else if (c.na && !unanswered) basis = "all-na";
    else basis = "unanswered";
    return { id: area.id, max: max, yes: c.yes, no: c.no, na: c.na, unanswered: unanswered, points: points, basis: basis };
  }

  // The exact score of one checklist assessment: the twin of generator.parts.scoring.assess.assess
  // (same rules, same JSON; shared vectors in tests/vectors/fill.yaml `assess`). scheme: the page's
  // scheme data ({areas, grades, not_applicable}); items: [{id, area}]; statuses: {item: yes|no|na};
  // confirmed: the evaluator confirmed an incomplete record as final.
  function assess(scheme, items, statuses, confirmed) {
    var given = isObject(statuses) ? statuses : {};
    var rule = (scheme.not_applicable && scheme.not_applicable.area) || "proportional";
    var scores = scheme.areas.map(function (a) { return areaScore(a, items, given); });
    var hundred = frac(100), leftOut = ZERO, earned = ZERO, answered = 0, count = 0;
    scores.forEach(function (s) {
      if (s.basis === "all-na" && rule === "proportional") leftOut = add(leftOut, s.max);
      if (s.points !== null) earned = add(earned, s.points);
      else if (s.basis === "all-na" && rule === "full") earned = add(earned, s.max);
      answered += s.yes + s.no + s.na;
      count += s.yes + s.no + s.na + s.unanswered;
    });
    var scalable = cmp(leftOut, hundred) < 0;
    var total = scalable ? div(mul(earned, hundred), add(hundred, frac(-leftOut.n, leftOut.d))) : ZERO;
    // An all-不适用 area shows what the rule gives it (max × total ÷ 100, or max), so areas add up.
    if (scalable) {
      scores.forEach(function (s) {
        if (s.basis === "all-na") s.points = rule === "proportional" ? div(mul(s.max, total), hundred) : s.max;
      });
    }
    var noItems = scores.some(function (s) { return s.basis === "no-items"; });
    var complete = answered === count && !noItems && scalable;
    var grade = scheme.grades.filter(function (g) { return cmp(total, decimal(g.min)) >= 0; })[0];
    var cent = frac(1, 100);
    var near = scheme.grades.some(function (g) {
      var d = add(total, frac(-decimal(g.min).n, decimal(g.min).d));
      return cmp(d.n < 0n ? frac(-d.n, d.d) : d, cent) < 0;
    }) && mul(total, hundred).d !== 1n;
    return {
      areas: scores.map(function (s) {
        return { id: s.id, yes: s.yes, no: s.no, na: s.na, unanswered: s.unanswered, basis: s.basis,
          points: s.points === null ? null : exactText(s.points), shown: s.points === null ? null : roundOnce(s.points) };
      }),
      rule: rule,
      left_out: exactText(leftOut),
      total: exactText(total),
      shown: roundOnce(total),
      near_boundary: near,
      grade: grade.name,
      answered: answered,
      count: count,
      missing: scores.filter(function (s) { return s.basis === "unanswered" || s.basis === "no-items"; })
        .map(function (s) { return s.id; }),
      complete: complete,
      final: complete || !!confirmed,
      confirmed: !!confirmed && !complete
    };
  }

  window.kb.scoringRules = {
    evaluate: evaluate, number: number, fillFromChecklist: fillFromChecklist, assess: assess,
    roundOnce: roundOnce, exactText: exactText
  };
})();
