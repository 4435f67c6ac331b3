// Bench: hand a (synthetic) index to the page's search, then type a query one character at a time;
// returns {receive: ms to take the index, keys: [ms per keystroke: ranking and rendering the panel]}.
(arg) => {
  const box = document.getElementById("kb-search-input");
  let start = performance.now();
  window.kbSearch.receive(arg.data);
  const receive = performance.now() - start;
  const chars = Array.from(arg.query);
  const keys = [];
  for (let i = 1; i <= chars.length; i++) {
    box.value = chars.slice(0, i).join("");
    start = performance.now();
    box.dispatchEvent(new Event("input", { bubbles: true }));
    keys.push(performance.now() - start);
  }
  if (!document.querySelector(".kb-search__hit")) throw new Error("no result shown");
  return { receive: receive, keys: keys };
}
