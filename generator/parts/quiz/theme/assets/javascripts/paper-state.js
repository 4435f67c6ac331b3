// Printable papers, the pure part (kb.paper): the draw shared with `python -m generator paper`, the
// paper's sections, numbering and key, and the checks of the settings. No DOM and no storage: node
// runs it (tests/js/run_paper_vectors.js); paper.js mounts the page.
//
// The draw is defined once, in generator/parts/quiz/paper.py, and implemented here step for step, so
// the same count, seed, chapters and types give the same questions, order and option order in both:
//   mulberry32(seed)  32-bit generator, floats in [0, 1)
//   shuffle(list, r)  Fisher-Yates from the last index down, j = floor(r() * (i + 1))
//   select(qs, chapters, types)  the bank in bank order, kept when chapter and type are chosen
//   draw(pool, count, seed)  shuffled pool, first `count`, grouped by type (TYPES order), then the
//                            options of each 单选/多选 shuffled in printed order
//   drawShares(pool, shares, seed)  the mock exam's paper (exam.yaml's plan, [[type, n, regulation]]
//                            in TYPES order): each cell's questions shuffled, the first n kept; then
//                            the options as above (the exam draws the same with its own generator)
// tests/vectors/paper.yaml runs the same cases in Python, node and the browser.
(function () {
  "use strict";

  var kb = window.kb = window.kb || {};
  var TYPES = ["单选", "多选", "判断", "填空"];
  var LETTERS = "ABCDEFGHIJ";
  var SEED_MAX = 4294967295;
  var SECTION_NAMES = { "单选": "单项选择题", "多选": "多项选择题", "判断": "判断题", "填空": "填空题" };
  var SECTION_HINTS = {
    "单选": "每题只有一个正确答案，将其字母填入括号内。",
    "多选": "每题有两个或两个以上正确答案，将其字母全部填入括号内；多选、少选、错选均不得分。",
    "判断": "判断表述是否正确，正确的填“√”，错误的填“×”。",
    "填空": "在括号处填写规定原文的用语。"
  };
  var NUMERALS = "一二三四";
  var BLANK = "（　　）";

  function mulberry32(seed) {
    var a = seed >>> 0;
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

  // chapters/types: arrays, or null for all.
  function select(questions, chapters, types) {
    return questions.filter(function (q) {
      return (!chapters || chapters.indexOf(q.chapter) >= 0) && (!types || types.indexOf(q.type) >= 0);
    });
  }

  // Questions need id, type and options (only 单选/多选 options are shuffled). Returns
  // [{question, options}] in printed order.
  function draw(pool, count, seed) {
    var rand = mulberry32(seed);
    var drawn = shuffle(pool, rand).slice(0, count);
    var out = [];
    TYPES.forEach(function (type) {
      drawn.forEach(function (q) {
        if (q.type !== type) return;
        var choose = q.type === "单选" || q.type === "多选";
        out.push({ question: q, options: choose && q.options.length ? shuffle(q.options, rand) : [] });
      });
    });
    return out;
  }

  function options(q, rand) {
    var choose = q.type === "单选" || q.type === "多选";
    return choose && q.options.length ? shuffle(q.options, rand) : [];
  }

  // The mock exam's paper with a generator: [{question, options}] in printed order.
  function drawSharesWith(pool, shares, rand) {
    var drawn = [];
    shares.forEach(function (share) {
      // A cell [type, n, regulation] of the plan; no regulation (or ""): any.
      var mine = pool.filter(function (q) { return q.type === share[0] && (!share[2] || q.regulation === share[2]); });
      drawn = drawn.concat(shuffle(mine, rand).slice(0, share[1]));
    });
    return drawn.map(function (q) { return { question: q, options: options(q, rand) }; });
  }

  function drawShares(pool, shares, seed) {
    return drawSharesWith(pool, shares, mulberry32(seed));
  }

  // The composition as the paper prints it (generator/parts/quiz/paper.py, shares_text).
  // names: [[slug, title]] of the site's regulations, in the order to print.
  function sharesText(shares, names) {
    var byType = {}, byReg = {};
    shares.forEach(function (s) {
      byType[s[0]] = (byType[s[0]] || 0) + s[1];
      if (s[2]) byReg[s[2]] = (byReg[s[2]] || 0) + s[1];
    });
    var text = "组卷方案：" + TYPES.filter(function (t) { return byType[t]; })
      .map(function (t) { return t + " " + byType[t] + " 题"; }).join("、");
    var regs = (names || []).filter(function (n) { return byReg[n[0]]; });
    Object.keys(byReg).sort().forEach(function (slug) {
      if (!regs.some(function (n) { return n[0] === slug; })) regs.push([slug, slug]);
    });
    if (regs.length) text += "；按法规：" + regs.map(function (n) { return "《" + n[1] + "》 " + byReg[n[0]] + " 题"; }).join("、");
    return text;
  }

  // The key's answer as generator/paper.py writes it.
  function keyAnswer(q, options) {
    if (q.type === "单选" || q.type === "多选") {
      var answers = q.type === "多选" ? q.answer : [q.answer];
      var sorted = answers.slice().sort(function (a, b) { return options.indexOf(a) - options.indexOf(b); });
      return sorted.map(function (a) { return LETTERS[options.indexOf(a)]; }).join("") + "（" + answers.join("；") + "）";
    }
    if (q.type === "判断") return q.answer === "正确" ? "√（正确）" : "×（错误）";
    return q.answer;
  }

  // The stem as printed: a 填空 stem holds its blank; the others get one for the answer's letter.
  function printedStem(q) {
    return q.stem + (q.type !== "填空" && q.stem.indexOf(BLANK) < 0 ? BLANK : "");
  }

  // A drawn paper (draw's items) as the CLI prints it: sections in TYPES order, each titled with its
  // numeral and count, its questions numbered once across the paper. Returns
  // [{type, title, hint, items: [{number, question, options, stem, letters, answer}]}].
  function sections(items) {
    var out = [];
    var number = 0;
    TYPES.forEach(function (type) {
      var mine = items.filter(function (it) { return it.question.type === type; });
      if (!mine.length) return;
      out.push({
        type: type,
        title: NUMERALS[out.length] + "、" + SECTION_NAMES[type] + "（共" + mine.length + "题）",
        hint: SECTION_HINTS[type],
        items: mine.map(function (it) {
          number += 1;
          return { number: number, question: it.question, options: it.options, stem: printedStem(it.question),
            letters: it.options.map(function (o, i) { return LETTERS[i] + ". " + o; }),
            answer: keyAnswer(it.question, it.options) };
        })
      });
    });
    return out;
  }

  // The instructions box of the paper (generator/parts/quiz/templates/paper.html.j2, "note").
  function instructions(title) {
    return "本试卷为培训练习用卷，题目依据《" + title + "》编写，答案以规定原文为准。每题分值相同。";
  }

  function isWhole(text) {
    return /^\s*\d+\s*$/.test(String(text));
  }

  // The form's seed and count checked against the pool: {seed, count} or {error, field}.
  function checkSettings(seedText, countText, poolSize) {
    if (!isWhole(seedText) || Number(seedText) > SEED_MAX) {
      return { error: "种子须为 0 到 " + SEED_MAX + " 之间的整数。", field: "seed" };
    }
    if (!poolSize) return { error: "所选章和题型中没有题目。", field: null };
    var count = isWhole(countText) ? parseInt(countText, 10) : 0;
    if (count < 1 || count > poolSize) {
      return { error: "题量须为 1 到 " + poolSize + " 之间的整数（所选章和题型共 " + poolSize + " 题）。", field: "count" };
    }
    return { seed: Number(seedText), count: count };
  }

  // The settings as the administrator page's paper command takes them.
  function settingsText(count, seed, chapters, types) {
    return "题量 " + count + "，种子 " + seed + (chapters ? "，章 " + chapters.join("、") : "") +
      (types ? "，题型 " + types.join("、") : "");
  }

  // 范围/题型 lines of the paper; chapterList: [{number, label}].
  function scopeText(chapterList, chapters, types) {
    var parts = [];
    if (chapters) {
      parts.push("范围：" + chapterList.filter(function (c) { return chapters.indexOf(c.number) >= 0; })
        .map(function (c) { return c.label; }).join("、"));
    }
    if (types) parts.push("题型：" + types.join("、"));
    return parts.join("；");
  }

  kb.paper = { mulberry32: mulberry32, shuffle: shuffle, select: select, draw: draw, keyAnswer: keyAnswer,
    drawShares: drawShares, drawSharesWith: drawSharesWith, sharesText: sharesText,
    sections: sections, instructions: instructions, checkSettings: checkSettings, settingsText: settingsText,
    scopeText: scopeText, printedStem: printedStem, TYPES: TYPES, SEED_MAX: SEED_MAX };
})();
