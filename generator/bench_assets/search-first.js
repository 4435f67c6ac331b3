// Bench: ms from the first focus of the header search box to the first results shown, including
// loading the index script (python -m generator bench, search section).
async () => {
  const box = document.getElementById("kb-search-input");
  const start = performance.now();
  box.focus();
  await window.kbSearch.load();
  box.value = "执法证";
  box.dispatchEvent(new Event("input", { bubbles: true }));
  if (!document.querySelector(".kb-search__hit")) throw new Error("no result shown");
  return performance.now() - start;
}
