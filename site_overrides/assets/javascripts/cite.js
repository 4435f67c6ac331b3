// Copy-citation widget (data-kb-component="cite" on the article page): a button for the article and one per 款/项 (shown on hover or focus).
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

  function mount(root) {
    var tools = root.querySelector(".kb-cite-tools");
    if (!tools) return;
    var status = tools.querySelector(".kb-cite-status");
    var article = root.getAttribute("data-kb-citation");
    tools.hidden = false;
    tools.querySelector(".kb-cite-button").addEventListener("click", function () {
      copyText(article).then(
        function () { announce(status, "已复制：" + article); },
        function () { announce(status, "无法自动复制，请手动复制：" + article); }
      );
    });
    var provisions = root.querySelectorAll(".kb-law [data-kb-cite]");
    for (var i = 0; i < provisions.length; i++) {
      (function (el) {
        var cite = el.getAttribute("data-kb-cite");
        var button = window.kb.el("button", { type: "button", className: "kb-cite-mini", "aria-label": "复制引用：" + cite }, "复制引用");
        button.addEventListener("click", function () {
          copyText(cite).then(
            function () { announce(status, "已复制：" + cite); },
            function () { announce(status, "无法自动复制，请手动复制：" + cite); }
          );
        });
        el.appendChild(button);
      })(provisions[i]);
    }
  }

  window.kb.mount("cite", mount);
})();
