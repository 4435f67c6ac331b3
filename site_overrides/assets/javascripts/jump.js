// Jump-to-article box (data-kb-component="jump"; parser as kb.jump.parseArticle): accepts 26, 二十六, 第二十六条 (also full-width digits) and opens that page.
(function () {
  "use strict";

  var DIGITS = { "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9 };
  var UNITS = { "十": 10, "百": 100, "千": 1000 };

  // Returns the article number a person typed, or null.
  function parseArticle(raw) {
    var text = String(raw || "").trim()
      .replace(/[０-９]/g, function (d) { return String.fromCharCode(d.charCodeAt(0) - 0xfee0); })
      .replace(/^第/, "").replace(/条$/, "").trim();
    if (/^\d+$/.test(text)) return parseInt(text, 10);
    if (!/^[零〇一二两三四五六七八九十百千]+$/.test(text)) return null;
    var total = 0, digit = null;
    for (var i = 0; i < text.length; i++) {
      var ch = text.charAt(i);
      if (ch in DIGITS) digit = DIGITS[ch];
      else { total += (digit === null ? 1 : digit) * UNITS[ch]; digit = null; }
    }
    return total + (digit || 0);
  }

  function pad(n) { return n < 10 ? "0" + n : String(n); }

  function mount(form) {
    var input = form.querySelector("input");
    var status = form.querySelector(".kb-jump-status");
    var max = parseInt(form.getAttribute("data-kb-max") || "0", 10);
    var base = form.getAttribute("data-kb-base") || ".";
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var n = parseArticle(input.value);
      if (!n || n < 1 || (max && n > max)) {
        status.textContent = max ? "请输入 1 至 " + max + " 之间的条号" : "请输入条号";
        input.setAttribute("aria-invalid", "true");
        input.focus();
        return;
      }
      input.removeAttribute("aria-invalid");
      status.textContent = "";
      window.location.href = base + "/articles/art-" + pad(n) + ".html";
    });
  }

  window.kb.jump = { parseArticle: parseArticle };
  window.kb.mount("jump", mount);
})();
