// Exam training, part 3: printable papers from the browser (data-kb-component="quiz-paper") and
// the draw they share with `python -m generator paper` (kb.paper).
//
// The draw is defined once, in generator/paper.py, and implemented here step for step, so the same
// count, seed, chapters and types give the same questions, order and option order in both:
//   mulberry32(seed)  32-bit generator, floats in [0, 1)
//   shuffle(list, r)  Fisher-Yates from the last index down, j = floor(r() * (i + 1))
//   select(qs, chapters, types)  the bank in bank order, kept when chapter and type are chosen
//   draw(pool, count, seed)  shuffled pool, first `count`, grouped by type (TYPES order), then the
//                            options of each 单选/多选 shuffled in printed order
// tests/vectors/paper.yaml runs the same cases in Python, node (tests/js/run_paper_vectors.js) and
// the browser.
(function () {
  "use strict";

  var kb = window.kb;
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

  kb.paper = { mulberry32: mulberry32, shuffle: shuffle, select: select, draw: draw, keyAnswer: keyAnswer,
    TYPES: TYPES, SEED_MAX: SEED_MAX };

  // ------------------------------------------------------------------------------------------
  // The paper page

  function randomSeed() {
    var c = window.crypto || window.msCrypto;
    if (c && c.getRandomValues) {
      var a = new Uint32Array(1);
      c.getRandomValues(a);
      return a[0] % 1000000;
    }
    return Math.floor(Math.random() * 1000000);
  }

  function checked(form, name) {
    return Array.prototype.filter.call(form.querySelectorAll('input[name="' + name + '"]'), function (x) {
      return x.checked;
    }).map(function (x) { return x.value; });
  }

  function mountPaper(root) {
    if (!kb.json) return;
    var data = kb.json(root);
    if (!data) return;
    var el = kb.el;
    var form = root.querySelector(".kb-paper-setup");
    var status = root.querySelector(".kb-paper-status");
    var out = root.querySelector(".kb-paper-output");
    var nojs = root.querySelector(".kb-quiz-nojs");
    if (nojs) nojs.hidden = true;
    form.hidden = false;
    var seedInput = form.querySelector("[name=seed]");
    var countInput = form.querySelector("[name=count]");

    form.querySelector(".kb-paper-random").addEventListener("click", function () {
      seedInput.value = String(randomSeed());
      status.textContent = "已随机选取种子 " + seedInput.value + "。记下种子，可再次生成同一份试卷。";
    });

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var allChapters = data.chapters.map(function (c) { return String(c.number); });
      var chapterValues = checked(form, "chapter");
      var typeValues = checked(form, "type");
      if (!chapterValues.length) { status.textContent = "请至少选择一章。"; return; }
      if (!typeValues.length) { status.textContent = "请至少选择一种题型。"; return; }
      var chapters = chapterValues.length === allChapters.length ? null :
        chapterValues.map(function (v) { return parseInt(v, 10); });
      var types = typeValues.length === TYPES.length ? null : TYPES.filter(function (t) { return typeValues.indexOf(t) >= 0; });
      var pool = select(data.questions, chapters, types);
      if (!/^\s*\d+\s*$/.test(seedInput.value) || Number(seedInput.value) > SEED_MAX) {
        status.textContent = "种子须为 0 到 " + SEED_MAX + " 之间的整数。";
        seedInput.focus();
        return;
      }
      var count = /^\s*\d+\s*$/.test(countInput.value) ? parseInt(countInput.value, 10) : 0;
      if (!pool.length) { status.textContent = "所选章和题型中没有题目。"; return; }
      if (count < 1 || count > pool.length) {
        status.textContent = "题量须为 1 到 " + pool.length + " 之间的整数（所选章和题型共 " + pool.length + " 题）。";
        countInput.focus();
        return;
      }
      var seed = Number(seedInput.value);
      render(draw(pool, count, seed), count, seed, chapters, types);
    });

    function scopeText(chapters, types) {
      var parts = [];
      if (chapters) {
        parts.push("范围：" + data.chapters.filter(function (c) { return chapters.indexOf(c.number) >= 0; })
          .map(function (c) { return c.label; }).join("、"));
      }
      if (types) parts.push("题型：" + types.join("、"));
      return parts.join("；");
    }

    function render(items, count, seed, chapters, types) {
      out.textContent = "";
      out.hidden = false;
      var scope = scopeText(chapters, types);
      // The settings as the administrator page's paper command takes them (no command on user pages).
      var settings = "题量 " + count + "，种子 " + seed +
        (chapters ? "，章 " + chapters.join("、") : "") + (types ? "，题型 " + types.join("、") : "");
      status.textContent = "已生成试卷（" + count + " 题，种子 " + seed + "）。";
      var tools = el("p", { className: "kb-paper-tools" });
      var printPaper = el("button", { type: "button", className: "md-button md-button--primary kb-paper-print" }, "打印试卷");
      var printKey = el("button", { type: "button", className: "md-button kb-paper-print-key" }, "打印答案");
      printPaper.addEventListener("click", function () { printPart("paper"); });
      printKey.addEventListener("click", function () { printPart("key"); });
      tools.appendChild(printPaper);
      tools.appendChild(document.createTextNode(" "));
      tools.appendChild(printKey);
      out.appendChild(tools);
      out.appendChild(el("p", { className: "kb-quiz-hint kb-paper-command" },
        ["本站管理员用同样的设置（", el("code", {}, settings), "）生成的试卷与此相同。"]));

      var paper = el("article", { className: "kb-paper-sheet kb-paper-questions", "aria-labelledby": "kb-paper-title" });
      paper.appendChild(el("h2", { id: "kb-paper-title" }, "《" + data.title + "》学法考试试卷"));
      paper.appendChild(el("p", { className: "kb-paper-sub" }, "共" + count + "题　试卷编号：" + count + "-" + seed));
      if (scope) paper.appendChild(el("p", { className: "kb-paper-sub" }, scope));
      paper.appendChild(el("p", { className: "kb-paper-fields" }, "姓名：＿＿＿＿＿＿　单位：＿＿＿＿＿＿＿＿＿＿　得分：＿＿＿＿"));
      var key = el("article", { className: "kb-paper-sheet kb-paper-key", "aria-labelledby": "kb-paper-key-title" });
      key.appendChild(el("h2", { id: "kb-paper-key-title" }, "《" + data.title + "》学法考试试卷答案"));
      key.appendChild(el("p", { className: "kb-paper-sub" }, "试卷编号：" + count + "-" + seed + "　（阅卷用，请勿随试卷发放）"));
      if (scope) key.appendChild(el("p", { className: "kb-paper-sub" }, scope));

      var number = 0, section = 0;
      TYPES.forEach(function (type) {
        var mine = items.filter(function (it) { return it.question.type === type; });
        if (!mine.length) return;
        var title = NUMERALS[section] + "、" + SECTION_NAMES[type] + "（共" + mine.length + "题）";
        section += 1;
        paper.appendChild(el("h3", {}, title));
        paper.appendChild(el("p", { className: "kb-quiz-hint" }, SECTION_HINTS[type]));
        key.appendChild(el("h3", {}, title));
        var list = el("ol", { className: "kb-paper-items" });
        var body = el("tbody");
        mine.forEach(function (it) {
          number += 1;
          var q = it.question;
          var stem = q.stem + (q.type !== "填空" && q.stem.indexOf(BLANK) < 0 ? BLANK : "");
          var li = el("li", { "data-kb-question": q.id, "data-kb-options": JSON.stringify(it.options) },
            el("p", {}, number + ". " + stem));
          if (it.options.length) {
            li.appendChild(el("ol", { className: "kb-paper-options" }, it.options.map(function (o, i) {
              return el("li", {}, LETTERS[i] + ". " + o);
            })));
          }
          list.appendChild(li);
          body.appendChild(el("tr", {}, [el("td", {}, String(number)), el("td", {}, keyAnswer(q, it.options)),
            el("td", {}, q.citations.join("、")), el("td", {}, q.explanation)]));
        });
        paper.appendChild(list);
        key.appendChild(el("table", { className: "kb-paper-key-table" }, [
          el("thead", {}, el("tr", {}, ["题号", "答案", "依据", "解析"].map(function (h) { return el("th", { scope: "col" }, h); }))),
          body
        ]));
      });
      out.appendChild(paper);
      out.appendChild(key);
      printPaper.focus();
    }

    // Print one sheet: a class on <html> hides the rest (quiz.css, @media print).
    function printPart(which) {
      var html = document.documentElement;
      html.classList.add("kb-print-" + which);
      function done() {
        html.classList.remove("kb-print-" + which);
        window.removeEventListener("afterprint", done);
      }
      window.addEventListener("afterprint", done);
      window.print();
    }
  }

  kb.mount("quiz-paper", mountPaper);
})();
