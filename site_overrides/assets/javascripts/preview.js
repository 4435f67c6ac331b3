// Preview of a cited provision (issue 27 item 4): hovering, focusing or tapping a link to a provision
// (a cross-reference in the law text, a related entry, a note's reference, a provision relating to
// this one) shows its formal citation, its verbatim text and a link to it, as legal databases do.
// The data is the page's own JSON block (render.preview_data: link href -> citation and text), so it
// works from disk (file://) with no request. Everything is written with textContent. The box stays
// inside the window (placed below the link, else above, and clamped to the edges). On a touch screen
// the first tap on a link shows its preview and the link inside it opens the provision; Escape, a
// tap elsewhere or leaving the link closes it.
(function () {
  "use strict";

  var MARGIN = 8; // px kept free between the box and the window's edges
  var GAP = 6; // px between the link and the box
  var HIDE_DELAY = 250; // ms the box stays after the pointer leaves, so it can be reached
  var count = 0;

  function parse(block) {
    try {
      var data = JSON.parse(block.textContent);
      return data && typeof data === "object" && !Array.isArray(data) ? data : null;
    } catch (e) {
      return null;
    }
  }

  // Top-left corner of a box of size (width, height) next to `rect` inside a viewport (vw, vh):
  // below the link when it fits, else above, else as low as fits; never past an edge.
  function place(rect, width, height, vw, vh) {
    var top = rect.bottom + GAP;
    if (top + height > vh - MARGIN && rect.top - GAP - height >= MARGIN) top = rect.top - GAP - height;
    top = Math.max(MARGIN, Math.min(top, vh - MARGIN - height));
    var left = Math.max(MARGIN, Math.min(rect.left, vw - MARGIN - width));
    return { top: Math.round(top), left: Math.round(left) };
  }

  function mount(root) {
    var block = root.querySelector("script.kb-preview-data");
    var data = block && parse(block);
    if (!data) return;
    count += 1;
    var box = window.kb.el("div", { class: "kb-preview", id: "kb-preview-" + count, role: "tooltip" });
    var citation = window.kb.el("p", { class: "kb-preview-citation" });
    var text = window.kb.el("p", { class: "kb-preview-text" });
    var open = window.kb.el("a", { class: "kb-preview-link" }, "阅读本条 →");
    box.appendChild(citation);
    box.appendChild(text);
    box.appendChild(open);
    box.hidden = true;
    root.appendChild(box);
    var current = null;
    var timer = 0;
    var touched = false;

    function target(node) {
      var link = node && node.closest ? node.closest("a[href]") : null;
      if (!link || !root.contains(link) || box.contains(link)) return null;
      return Object.prototype.hasOwnProperty.call(data, link.getAttribute("href")) ? link : null;
    }

    function show(link) {
      window.clearTimeout(timer);
      if (current && current !== link) current.removeAttribute("aria-describedby");
      var entry = data[link.getAttribute("href")] || {};
      citation.textContent = String(entry.citation || "");
      text.textContent = String(entry.text || "");
      open.setAttribute("href", link.getAttribute("href"));
      open.textContent = "阅读" + String(entry.citation || "本条") + " →";
      box.hidden = false;
      current = link;
      link.setAttribute("aria-describedby", box.id);
      var rect = link.getClientRects()[0] || link.getBoundingClientRect();
      var vw = document.documentElement.clientWidth;
      var vh = window.innerHeight;
      box.style.maxWidth = Math.max(0, vw - 2 * MARGIN) + "px";
      box.style.maxHeight = Math.max(0, vh - 2 * MARGIN) + "px";
      var at = place(rect, box.offsetWidth, box.offsetHeight, vw, vh);
      box.style.top = at.top + "px";
      box.style.left = at.left + "px";
    }

    function hide() {
      window.clearTimeout(timer);
      box.hidden = true;
      if (current) current.removeAttribute("aria-describedby");
      current = null;
    }

    function hideSoon() {
      window.clearTimeout(timer);
      timer = window.setTimeout(hide, HIDE_DELAY);
    }

    root.addEventListener("mouseover", function (event) {
      var link = target(event.target);
      if (link && !touched) show(link);
      else if (box.contains(event.target)) window.clearTimeout(timer);
    });
    root.addEventListener("mouseout", function (event) {
      if (current && (target(event.target) === current || box.contains(event.target))) hideSoon();
    });
    root.addEventListener("focusin", function (event) {
      var link = target(event.target);
      if (link) show(link);
      else if (box.contains(event.target)) window.clearTimeout(timer);
    });
    root.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (current && !(next && (next === current || box.contains(next)))) hideSoon();
    });
    root.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && current) {
        var link = current;
        hide();
        if (box.contains(document.activeElement)) link.focus();
      }
    });
    // A tap shows the preview first; the link inside it (or a second tap) opens the provision.
    // Whether the tapped link's preview was open before this tap (the tap's focus opens it too).
    var openBefore = false;
    function pressed(event) {
      var link = target(event.target);
      openBefore = !!link && link === current;
    }
    root.addEventListener("pointerdown", function (event) {
      touched = event.pointerType === "touch";
      if (touched) pressed(event);
    });
    root.addEventListener("touchstart", function (event) {
      if (!touched) pressed(event);
      touched = true;
    }, { passive: true });
    root.addEventListener("click", function (event) {
      var link = target(event.target);
      var caps = event.sourceCapabilities;
      if (!link || !(touched || (caps && caps.firesTouchEvents))) return;
      if (!openBefore) {
        event.preventDefault();
        show(link);
      }
    });
    document.addEventListener("pointerdown", function (event) {
      if (current && !box.contains(event.target) && !target(event.target)) hide();
    });
    window.addEventListener("scroll", function () {
      if (current && document.activeElement !== current) hide();
    }, { passive: true });
  }

  window.kb.mount("preview", mount);
})();
