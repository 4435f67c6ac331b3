// Glossary terms in the law text (data-kb-component="glossary" on each .kb-law): the explanation shows on hover and keyboard focus through CSS
// (data-kb-def); this script lets Escape hide it again (WCAG 1.4.13) without moving focus.
(function () {
  "use strict";

  function mount(root) {
    root.addEventListener("keydown", function (event) {
      var term = event.target;
      if (event.key !== "Escape" || !term.classList || !term.classList.contains("kb-term")) return;
      term.classList.add("kb-term--dismissed");
    });
    function reset(event) {
      if (event.target.classList && event.target.classList.contains("kb-term")) {
        event.target.classList.remove("kb-term--dismissed");
      }
    }
    root.addEventListener("focusout", reset);
    root.addEventListener("mouseout", reset);
  }

  window.kb.mount("glossary", mount);
})();
