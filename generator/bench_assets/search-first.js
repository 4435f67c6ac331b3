// Bench: ms from the first focus of the header search box to the first results shown, including
// loading the index script and, in a scope that searches the further regulations, the index shards
// the query needs (python -m generator bench, search section).
async () => {
  const box = document.getElementById("kb-search-input");
  const root = box.closest("[data-kb-component=search]");
  const start = performance.now();
  box.focus();
  await window.kbSearch.load();
  box.value = "执法证";
  const shown = new Promise((resolve) => {
    const done = () => root.getAttribute("data-kb-rendered") === "执法证";
    if (done()) { resolve(); return; }
    new MutationObserver((changes, observer) => {
      if (done()) { observer.disconnect(); resolve(); }
    }).observe(root, { attributes: true, attributeFilter: ["data-kb-rendered"] });
  });
  box.dispatchEvent(new Event("input", { bubbles: true }));
  await shown;
  if (!document.querySelector(".kb-search__hit")) throw new Error("no result shown");
  return performance.now() - start;
}
