// Filter of the laws list (data-kb-component="laws-filter", laws/index.html): as the reader types,
// only the regulations whose name holds every typed word stay shown; each category's count follows,
// a category with none left is hidden. Without JavaScript the form stays hidden and the list is whole.
(function () {
  "use strict";

  function normalise(text) {
    return String(text || "").replace(/[\s\u3000]+/g, "").toLowerCase();
  }

  // The words of a query: split at spaces (ASCII or full-width), empty ones dropped.
  function words(query) {
    return String(query || "").split(/[\s\u3000]+/).filter(Boolean).map(normalise);
  }

  function matches(name, wanted) {
    var plain = normalise(name);
    for (var i = 0; i < wanted.length; i++) {
      if (plain.indexOf(wanted[i]) < 0) return false;
    }
    return true;
  }

  function mount(root) {
    var form = root.querySelector(".kb-laws-filter");
    if (!form) return;
    var input = form.querySelector(".kb-laws-filter-input");
    var status = form.querySelector(".kb-laws-filter-status");
    var none = root.querySelector(".kb-laws-none");
    var groups = root.querySelectorAll(".kb-laws-group");
    var total = root.querySelectorAll("tr[data-kb-name]").length;

    function apply() {
      var wanted = words(input.value);
      var shown = 0;
      for (var g = 0; g < groups.length; g++) {
        var rows = groups[g].querySelectorAll("tr[data-kb-name]");
        var count = 0;
        for (var r = 0; r < rows.length; r++) {
          var ok = matches(rows[r].getAttribute("data-kb-name"), wanted);
          rows[r].hidden = !ok;
          if (ok) count++;
        }
        groups[g].hidden = count === 0;
        var shownEl = groups[g].querySelector(".kb-laws-shown");
        if (shownEl) shownEl.textContent = String(count);
        shown += count;
      }
      if (none) none.hidden = shown > 0;
      status.textContent = wanted.length ? "显示 " + shown + " / " + total + " 件" : "";
    }

    input.addEventListener("input", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    if (input.value) apply(); // a value the browser restored on back/forward
  }

  window.kb.mount("laws-filter", mount);
})();
