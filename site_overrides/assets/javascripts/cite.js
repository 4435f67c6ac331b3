// Copy widget (data-kb-component="cite" on the article page). 复制引用 copies the formal citation;
// 复制条文 copies the text followed by the citation and the source line (data-kb-source), for the
// article or for one 款 (with its 项) or 项. Each 款/项 has both as small buttons, shown on hover or focus.
(function () {
  "use strict";

  // Clipboard API where allowed; a hidden textarea otherwise (older browsers, some file:// setups).
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return fallbackCopy(text);
  }

  function fallbackCopy(text) {
    return new Promise(function (resolve, reject) {
      var area = window.kb.el("textarea", { readonly: true });
      area.value = text;
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) resolve(); else reject(new Error("copy failed"));
    });
  }

  function announce(status, text) {
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 30);
  }

  // The verbatim line of a 款/项 element, without the ¶ link and the buttons this script adds.
  function lineText(el) {
    var copy = el.cloneNode(true);
    var extra = copy.querySelectorAll(".kb-anchor, .kb-cite-mini");
    for (var i = 0; i < extra.length; i++) extra[i].parentNode.removeChild(extra[i]);
    return copy.textContent;
  }

  // The lines of a provision: a 项 alone; a 款 with the 项 that follow it; the whole article.
  function provisionLines(root, el) {
    if (!el) {
      var all = root.querySelectorAll(".kb-law [data-kb-cite]");
      return Array.prototype.map.call(all, lineText);
    }
    var lines = [lineText(el)];
    if (el.classList.contains("kb-para")) {
      for (var next = el.nextElementSibling; next && next.classList.contains("kb-point"); next = next.nextElementSibling) {
        lines.push(lineText(next));
      }
    }
    return lines;
  }

  function mount(root) {
    var tools = root.querySelector(".kb-cite-tools");
    if (!tools) return;
    var status = tools.querySelector(".kb-cite-status");
    var article = root.getAttribute("data-kb-citation");
    var source = root.getAttribute("data-kb-source");

    function copyCitation(cite) {
      copyText(cite).then(
        function () { announce(status, "已复制：" + cite); },
        function () { announce(status, "无法自动复制，请手动复制：" + cite); }
      );
    }
    function copyProvision(cite, el) {
      var text = provisionLines(root, el).concat([cite, source]).join("\n");
      copyText(text).then(
        function () { announce(status, "已复制条文：" + cite); },
        function () { announce(status, "无法自动复制，请手动选择条文复制：" + cite); }
      );
    }

    tools.hidden = false;
    tools.querySelector(".kb-cite-button").addEventListener("click", function () { copyCitation(article); });
    tools.querySelector(".kb-copy-button").addEventListener("click", function () { copyProvision(article, null); });
    var provisions = root.querySelectorAll(".kb-law [data-kb-cite]");
    for (var i = 0; i < provisions.length; i++) {
      (function (el) {
        var cite = el.getAttribute("data-kb-cite");
        var cb = window.kb.el("button", { type: "button", className: "kb-cite-mini", "aria-label": "复制引用：" + cite }, "复制引用");
        cb.addEventListener("click", function () { copyCitation(cite); });
        var tb = window.kb.el("button", { type: "button", className: "kb-cite-mini", "aria-label": "复制条文：" + cite }, "复制条文");
        tb.addEventListener("click", function () { copyProvision(cite, el); });
        el.appendChild(cb);
        el.appendChild(tb);
      })(provisions[i]);
    }
  }

  window.kb.mount("cite", mount);
})();
