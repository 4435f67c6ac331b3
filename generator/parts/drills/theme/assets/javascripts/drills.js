// Generated drills, the page (data-kb-component="drills"): answer buttons for 单选, a box for 填空,
// the result with the full provision after answering, counts, and 继续练习 from where practice
// stopped. The rules are kb.drillsState (drills-state.js); this file only wires the page.
// Without JavaScript the page is a list with each answer and provision in <details>.
(function () {
  "use strict";

  var kb = window.kb;
  var S = kb.drillsState;
  var KIND = "drills";

  kb.storage.define(KIND, {
    format: 1,
    check: function (p) { return S.check(p) === null; }
  });

  // The result line under a drill, and its provision opened.
  function showResult(item, drill, answer) {
    var result = item.querySelector(".kb-drill-result");
    item.classList.toggle("kb-drill--right", answer.right);
    item.classList.toggle("kb-drill--wrong", !answer.right);
    result.textContent = answer.right ? "回答正确。" :
      "回答错误（你的答案：" + answer.given + "），正确答案：" + drill.answer + "。";
    result.hidden = false;
    item.querySelector(".kb-drill-answer").open = true;
  }

  // Buttons for a 单选 (the static option list hidden), a box and 提交 for a 填空; onAnswer(given, input).
  function controls(item, drill, onAnswer) {
    var box = kb.el("div", { className: "kb-drill-choices" });
    if (drill.type === "单选") {
      var options = item.querySelector(".kb-drill-options");
      if (options) options.hidden = true;
      drill.options.forEach(function (option, n) {
        var label = String.fromCharCode(65 + n) + ". " + option;
        var button = kb.el("button", { type: "button", className: "md-button" }, label);
        button.addEventListener("click", function () { onAnswer(option, null); });
        box.appendChild(button);
      });
    } else {
      var input = kb.el("input", { type: "text", className: "kb-drill-input", "aria-label": "填写空缺的数字（含单位）" });
      var submit = kb.el("button", { type: "button", className: "md-button" }, "提交");
      submit.addEventListener("click", function () { onAnswer(input.value, input); });
      input.addEventListener("keydown", function (e) { if (e.key === "Enter") onAnswer(input.value, input); });
      box.appendChild(input);
      box.appendChild(submit);
    }
    var details = item.querySelector(".kb-drill-answer");
    item.insertBefore(box, details);
    item.insertBefore(kb.el("p", { className: "kb-drill-result", role: "status", hidden: true }), details);
  }

  // 继续练习 (to the next unanswered drill after the last answered) and 清空本页记录.
  function tools(status, key, drills, items, current) {
    var resume = kb.el("button", { type: "button", className: "md-button md-button--primary kb-drills-resume" },
      "继续练习（从上次停下的地方）");
    resume.addEventListener("click", function () {
      var at = S.resumeAt(current(), drills);
      if (at < 0) { status.textContent = "本法规的题目已全部答过。"; return; }
      var item = items[drills[at].id];
      item.scrollIntoView({ block: "center" });
      var first = item.querySelector(".kb-drill-choices button, .kb-drill-choices input");
      if (first) first.focus();
    });
    var restart = kb.el("button", { type: "button", className: "md-button kb-drills-restart" }, "清空本页记录");
    restart.addEventListener("click", function () {
      if (!window.confirm("清空本法规数字练习的全部作答记录？")) return;
      kb.storage.remove(key);
      window.location.reload();
    });
    status.parentNode.insertBefore(kb.el("p", { className: "kb-drills-tools" }, [resume, " ", restart]), status);
  }

  kb.mount("drills", function (root) {
    var data = kb.json(root);
    if (!data || !Array.isArray(data.drills)) return;
    var key = KIND + ":" + data.regulation;
    var status = root.querySelector(".kb-drills-status");
    var items = {};
    var list = root.querySelectorAll("[data-kb-drill]");
    for (var i = 0; i < list.length; i++) items[list[i].getAttribute("data-kb-drill")] = list[i];
    var record = kb.storage.read(key) || S.empty();

    function showStatus() {
      var s = S.summary(record, data.drills);
      status.textContent = "已答 " + s.answered + "/" + s.total + " 题，答对 " + s.right + " 题。";
    }

    function answer(item, drill, given, input) {
      var result = item.querySelector(".kb-drill-result");
      if (S.normalize(given) === "") {
        result.textContent = "请先填写答案。";
        result.hidden = false;
        if (input) input.focus();
        return;
      }
      record = kb.storage.update(key, function (latest) {
        return S.recordAnswer(latest || record, drill, given, Date.now());
      }).record;
      showResult(item, drill, record.answers[drill.id]);
      showStatus();
    }

    kb.notices(root, {
      keys: [key],
      before: status,
      onExport: function () {
        kb.files.download(data.regulation + "-drills.json", JSON.stringify(record, null, 2), "application/json");
      }
    });
    data.drills.forEach(function (drill) {
      var item = items[drill.id];
      if (!item) return;
      controls(item, drill, function (given, input) { answer(item, drill, given, input); });
      if (kb.isObject(record.answers[drill.id])) showResult(item, drill, record.answers[drill.id]);
    });
    tools(status, key, data.drills, items, function () { return record; });
    showStatus();
  });
})();
