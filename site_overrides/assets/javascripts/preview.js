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

  // The box, empty and hidden, appended to the widget's root.
  function makeBox(root) {
    count += 1;
    var ui = {
      box: window.kb.el("div", { class: "kb-preview", id: "kb-preview-" + count, role: "tooltip" }),
      citation: window.kb.el("p", { class: "kb-preview-citation" }),
      text: window.kb.el("p", { class: "kb-preview-text" }),
      open: window.kb.el("a", { class: "kb-preview-link" }, "阅读本条 →"),
    };
    ui.box.appendChild(ui.citation);
    ui.box.appendChild(ui.text);
    ui.box.appendChild(ui.open);
    ui.box.hidden = true;
    root.appendChild(ui.box);
    return ui;
  }

  // Showing and hiding the box for one link at a time: state { current, timer, touched }.
  function controller(root, data, ui) {
    var state = { current: null, timer: 0, touched: false };
    state.target = function (node) {
      var link = node && node.closest ? node.closest("a[href]") : null;
      if (!link || !root.contains(link) || ui.box.contains(link)) return null;
      return Object.prototype.hasOwnProperty.call(data, link.getAttribute("href")) ? link : null;
    };
    state.show = function (link) {
      window.clearTimeout(state.timer);
      if (state.current && state.current !== link) state.current.removeAttribute("aria-describedby");
      var entry = data[link.getAttribute("href")] || {};
      ui.citation.textContent = String(entry.citation || "");
      ui.text.textContent = String(entry.text || "");
      ui.open.setAttribute("href", link.getAttribute("href"));
      ui.open.textContent = "阅读" + String(entry.citation || "本条") + " →";
      ui.box.hidden = false;
      state.current = link;
      link.setAttribute("aria-describedby", ui.box.id);
      var rect = link.getClientRects()[0] || link.getBoundingClientRect();
      var vw = document.documentElement.clientWidth;
      var vh = window.innerHeight;
      ui.box.style.maxWidth = Math.max(0, vw - 2 * MARGIN) + "px";
      ui.box.style.maxHeight = Math.max(0, vh - 2 * MARGIN) + "px";
      var at = place(rect, ui.box.offsetWidth, ui.box.offsetHeight, vw, vh);
      ui.box.style.top = at.top + "px";
      ui.box.style.left = at.left + "px";
    };
    state.hide = function () {
      window.clearTimeout(state.timer);
      ui.box.hidden = true;
      if (state.current) state.current.removeAttribute("aria-describedby");
      state.current = null;
    };
    state.hideSoon = function () {
      window.clearTimeout(state.timer);
      state.timer = window.setTimeout(state.hide, HIDE_DELAY);
    };
    state.keep = function () {
      window.clearTimeout(state.timer);
    };
    return state;
  }

  // Hover and keyboard: show on mouseover and focus, hide soon after leaving, at once on Escape.
  function wirePointerAndKeys(root, box, c) {
    root.addEventListener("mouseover", function (event) {
      var link = c.target(event.target);
      if (link && !c.touched) c.show(link);
      else if (box.contains(event.target)) c.keep();
    });
    root.addEventListener("mouseout", function (event) {
      if (c.current && (c.target(event.target) === c.current || box.contains(event.target))) c.hideSoon();
    });
    root.addEventListener("focusin", function (event) {
      var link = c.target(event.target);
      if (link) c.show(link);
      else if (box.contains(event.target)) c.keep();
    });
    root.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (c.current && !(next && (next === c.current || box.contains(next)))) c.hideSoon();
    });
    root.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !c.current) return;
      var link = c.current;
      c.hide();
      if (box.contains(document.activeElement)) link.focus();
    });
    window.addEventListener("scroll", function () {
      if (c.current && document.activeElement !== c.current) c.hide();
    }, { passive: true });
  }

  // Touch: a tap shows the preview first; the link inside it (or a second tap) opens the provision.
  // `openBefore`: whether the tapped link's preview was open before this tap (its focus opens it too).
  function wireTouch(root, box, c) {
    var openBefore = false;
    function pressed(event) {
      var link = c.target(event.target);
      openBefore = !!link && link === c.current;
    }
    root.addEventListener("pointerdown", function (event) {
      c.touched = event.pointerType === "touch";
      if (c.touched) pressed(event);
    });
    root.addEventListener("touchstart", function (event) {
      if (!c.touched) pressed(event);
      c.touched = true;
    }, { passive: true });
    root.addEventListener("click", function (event) {
      var link = c.target(event.target);
      var caps = event.sourceCapabilities;
      if (!link || !(c.touched || (caps && caps.firesTouchEvents)) || openBefore) return;
      event.preventDefault();
      c.show(link);
    });
    document.addEventListener("pointerdown", function (event) {
      if (c.current && !box.contains(event.target) && !c.target(event.target)) c.hide();
    });
  }

  function mount(root) {
    var block = root.querySelector("script.kb-preview-data");
    var data = block && parse(block);
    if (!data) return;
    var ui = makeBox(root);
    var c = controller(root, data, ui);
    wirePointerAndKeys(root, ui.box, c);
    wireTouch(root, ui.box, c);
  }

  window.kb.mount("preview", mount);
})();
