// Glossary terms in the law text (data-kb-component="glossary" on each .kb-law): the explanation shows
// on hover and keyboard focus through CSS (data-kb-def). This script keeps it inside the window (it
// moves the box left, through --kb-tip-shift, when it would run off the right edge) and lets Escape
// hide it again (WCAG 1.4.13) without moving focus.
(function () {
  "use strict";

  var MARGIN = 8; // px kept free between the explanation and the window's edges

  function isTerm(node) {
    return node && node.classList && node.classList.contains("kb-term");
  }

  // Shift the explanation of `term` (its ::after box, now shown) so that it fits the window.
  function fit(term) {
    term.style.removeProperty("--kb-tip-shift");
    var box = window.getComputedStyle(term, "::after");
    var width = parseFloat(box.width);
    var first = term.getClientRects()[0];
    if (!first || !width) return;
    var room = document.documentElement.clientWidth - MARGIN;
    var shift = Math.min(0, room - (first.left + width));
    shift = Math.max(shift, MARGIN - first.left);
    if (shift) term.style.setProperty("--kb-tip-shift", Math.round(shift) + "px");
  }

  function mount(root) {
    root.addEventListener("keydown", function (event) {
      var term = event.target;
      if (event.key !== "Escape" || !isTerm(term)) return;
      term.classList.add("kb-term--dismissed");
    });
    function show(event) {
      if (isTerm(event.target)) fit(event.target);
    }
    root.addEventListener("focusin", show);
    root.addEventListener("mouseover", show);
    function reset(event) {
      if (isTerm(event.target)) event.target.classList.remove("kb-term--dismissed");
    }
    root.addEventListener("focusout", reset);
    root.addEventListener("mouseout", reset);
  }

  window.kb.mount("glossary", mount);
})();
