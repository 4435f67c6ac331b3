// Printable papers from the browser (data-kb-component="quiz-paper"): the form, the paper and its
// key, printed one at a time. The draw, the numbering and the checks are kb.paper (paper-state.js),
// shared with `python -m generator paper`; this file only reads the form and builds the sheets.
(function () {
  "use strict";

  var kb = window.kb;
  var P = kb.paper;

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

  // The form's choices: {chapters, types} (null: all), {shares} (the mock exam's composition) or
  // {error}.
  function readScope(form, data) {
    var mode = form.querySelector("[name=mode]:checked");
    if (mode && mode.value === "mock") return { shares: data.exam.plan || data.exam.composition, chapters: null, types: null };
    var chapterValues = checked(form, "chapter");
    var typeValues = checked(form, "type");
    if (!chapterValues.length) return { error: "请至少选择一章。" };
    if (!typeValues.length) return { error: "请至少选择一种题型。" };
    var chapters = chapterValues.length === data.chapters.length ? null :
      chapterValues.map(function (v) { return parseInt(v, 10); });
    var types = typeValues.length === P.TYPES.length ? null :
      P.TYPES.filter(function (t) { return typeValues.indexOf(t) >= 0; });
    return { chapters: chapters, types: types };
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

  // The question sheet, numbered once (the list shows no marker of its own, as the CLI's).
  function questionSheet(data, secs, count, seed, scope) {
    var el = kb.el;
    var paper = el("article", { className: "kb-paper-sheet kb-paper-questions", "aria-labelledby": "kb-paper-title" });
    paper.appendChild(el("h2", { id: "kb-paper-title" }, "《" + data.title + "》学法考试试卷"));
    paper.appendChild(el("p", { className: "kb-paper-sub" }, "共" + count + "题　试卷编号：" + count + "-" + seed));
    if (scope) paper.appendChild(el("p", { className: "kb-paper-sub" }, scope));
    paper.appendChild(el("p", { className: "kb-paper-fields" }, "姓名：＿＿＿＿＿＿　单位：＿＿＿＿＿＿＿＿＿＿　得分：＿＿＿＿"));
    paper.appendChild(el("p", { className: "kb-paper-note" }, P.instructions(data.title)));
    secs.forEach(function (s) {
      paper.appendChild(el("h3", {}, s.title));
      paper.appendChild(el("p", { className: "kb-quiz-hint" }, s.hint));
      paper.appendChild(el("ol", { className: "kb-paper-items" }, s.items.map(function (it) {
        var li = el("li", { "data-kb-question": it.question.id, "data-kb-options": JSON.stringify(it.options) },
          el("p", {}, it.number + ". " + it.stem));
        if (it.options.length) {
          li.appendChild(el("ol", { className: "kb-paper-options" }, it.letters.map(function (text) {
            return el("li", {}, text);
          })));
        }
        return li;
      })));
    });
    return paper;
  }

  function keySheet(data, secs, count, seed, scope) {
    var el = kb.el;
    var key = el("article", { className: "kb-paper-sheet kb-paper-key", "aria-labelledby": "kb-paper-key-title" });
    key.appendChild(el("h2", { id: "kb-paper-key-title" }, "《" + data.title + "》学法考试试卷答案"));
    key.appendChild(el("p", { className: "kb-paper-sub" }, "试卷编号：" + count + "-" + seed + "　（阅卷用，请勿随试卷发放）"));
    if (scope) key.appendChild(el("p", { className: "kb-paper-sub" }, scope));
    secs.forEach(function (s) {
      key.appendChild(el("h3", {}, s.title));
      key.appendChild(el("table", { className: "kb-paper-key-table" }, [
        el("thead", {}, el("tr", {}, ["题号", "答案", "依据", "解析"].map(function (h) { return el("th", { scope: "col" }, h); }))),
        el("tbody", {}, s.items.map(function (it) {
          return el("tr", {}, [el("td", {}, String(it.number)), el("td", {}, it.answer),
            el("td", {}, it.question.citations.join("、")), el("td", {}, it.question.explanation)]);
        }))
      ]));
    });
    return key;
  }

  function render(out, status, data, paper) {
    var el = kb.el;
    var secs = P.sections(paper.shares ? P.drawShares(paper.pool, paper.shares, paper.seed) :
      P.draw(paper.pool, paper.count, paper.seed));
    var names = (data.regulations || []).map(function (r) { return [r.slug, r.title]; });
    var scope = paper.shares ? P.sharesText(paper.shares, names) : P.scopeText(data.chapters, paper.chapters, paper.types);
    out.textContent = "";
    out.hidden = false;
    status.textContent = "已生成试卷（" + paper.count + " 题，种子 " + paper.seed + "）。";
    var printPaper = el("button", { type: "button", className: "md-button md-button--primary kb-paper-print" }, "打印试卷");
    var printKey = el("button", { type: "button", className: "md-button kb-paper-print-key" }, "打印答案");
    printPaper.addEventListener("click", function () { printPart("paper"); });
    printKey.addEventListener("click", function () { printPart("key"); });
    out.appendChild(el("p", { className: "kb-paper-tools" }, [printPaper, " ", printKey]));
    // The settings as the administrator page's paper command takes them (no command on user pages).
    out.appendChild(el("p", { className: "kb-quiz-hint kb-paper-command" },
      ["本站管理员用同样的设置（", el("code", {}, paper.shares ? "模拟考试方案，种子 " + paper.seed :
        P.settingsText(paper.count, paper.seed, paper.chapters, paper.types)), "）生成的试卷与此相同。"]));
    out.appendChild(questionSheet(data, secs, paper.count, paper.seed, scope));
    out.appendChild(keySheet(data, secs, paper.count, paper.seed, scope));
    printPaper.focus();
  }

  function mountPaper(root) {
    var data = kb.json(root);
    if (!data) return;
    var form = root.querySelector(".kb-paper-setup");
    var status = root.querySelector(".kb-paper-status");
    var out = root.querySelector(".kb-paper-output");
    var nojs = root.querySelector(".kb-quiz-nojs");
    if (nojs) nojs.hidden = true;
    form.hidden = false;
    var inputs = { seed: form.querySelector("[name=seed]"), count: form.querySelector("[name=count]") };

    form.querySelector(".kb-paper-random").addEventListener("click", function () {
      inputs.seed.value = String(randomSeed());
      status.textContent = "已随机选取种子 " + inputs.seed.value + "。记下种子，可再次生成同一份试卷。";
    });

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var scope = readScope(form, data);
      if (scope.error) { status.textContent = scope.error; return; }
      var pool = scope.shares ? data.questions : P.select(data.questions, scope.chapters, scope.types);
      var total = scope.shares ? data.exam.questions : pool.length;
      var settings = P.checkSettings(inputs.seed.value, scope.shares ? String(total) : inputs.count.value, total);
      if (settings.error) {
        status.textContent = settings.error;
        if (settings.field) inputs[settings.field].focus();
        return;
      }
      render(out, status, data, { pool: pool, count: settings.count, seed: settings.seed,
        chapters: scope.chapters, types: scope.types, shares: scope.shares || null });
    });
  }

  kb.mount("quiz-paper", mountPaper);
})();
