/* Upgrading Atlas: previews of concept and entity links.
 *
 * Without this script a link's title attribute gives the browser's own tooltip. With it, the
 * definition shows in a preview that meets WCAG 1.4.13 (content on hover or focus):
 *   - dismissible: Escape closes it without moving the pointer or the focus;
 *   - hoverable: the pointer can move onto the preview without it closing;
 *   - persistent: it stays until the pointer or focus leaves, or Escape.
 * On a touch screen the first tap on a link shows the preview, with a link to open the page;
 * a second tap on the same link follows it.
 * The definitions come from the page itself: nothing is fetched.
 */
(function () {
  "use strict";

  var TARGET = /\/(concepts|entities)\/[^/]+\/(index\.html)?$/;
  var KIND_LABELS = { concepts: "Concept", entities: "Firm, institution or place" };
  var HIDE_DELAY_MS = 300;

  var preview = null;
  var current = null;
  var hideTimer = null;
  var lastPointer = "mouse";
  var tapped = null;  // the link whose preview a first tap opened

  function previewable(element) {
    var link = element && element.closest ? element.closest("a[href]") : null;
    if (!link || !link.closest(".md-content")) return null;
    if (!link.hasAttribute("title") && !link.hasAttribute("data-atlas-definition")) return null;
    var url = new URL(link.href, document.baseURI);
    if (url.origin !== location.origin || !TARGET.test(url.pathname)) return null;
    // the browser's own tooltip would repeat the preview: keep the text, drop the title
    if (link.hasAttribute("title")) {
      link.setAttribute("data-atlas-definition", link.getAttribute("title"));
      link.removeAttribute("title");
    }
    return link;
  }

  function element() {
    if (preview) return preview;
    preview = document.createElement("div");
    preview.id = "atlas-preview";
    preview.className = "atlas-preview";
    preview.setAttribute("role", "tooltip");
    preview.hidden = true;
    preview.addEventListener("mouseenter", cancelHide);
    preview.addEventListener("mouseleave", scheduleHide);
    document.body.appendChild(preview);
    return preview;
  }

  function fill(link) {
    var box = element();
    var kind = TARGET.exec(new URL(link.href, document.baseURI).pathname)[1];
    var kindLabel = link.getAttribute("data-atlas-kind") === "entities" || kind === "entities"
      ? KIND_LABELS.entities : KIND_LABELS.concepts;
    box.textContent = "";
    var label = document.createElement("p");
    label.className = "atlas-preview__kind";
    label.textContent = kindLabel;
    var text = document.createElement("p");
    text.className = "atlas-preview__text";
    text.textContent = link.getAttribute("data-atlas-definition");
    var open = document.createElement("a");
    open.className = "atlas-preview__open";
    open.href = link.href;
    open.textContent = "Open the page: " + link.textContent.trim();
    var openLine = document.createElement("p");
    openLine.appendChild(open);
    box.append(label, text, openLine);
  }

  function place(link) {
    var box = element();
    var rect = link.getBoundingClientRect();
    var width = Math.min(400, document.documentElement.clientWidth - 16);
    box.style.width = width + "px";
    var left = Math.max(8, Math.min(rect.left + window.scrollX,
      window.scrollX + document.documentElement.clientWidth - width - 8));
    box.style.left = left + "px";
    // directly below the link, touching it, so the pointer can cross over without a gap
    box.style.top = (rect.bottom + window.scrollY) + "px";
    var below = window.innerHeight - rect.bottom;
    if (below < box.offsetHeight + 8 && rect.top > box.offsetHeight + 8) {
      box.style.top = (rect.top + window.scrollY - box.offsetHeight) + "px";
    }
  }

  function show(link) {
    cancelHide();
    if (current === link && !element().hidden) return;
    hide();
    current = link;
    fill(link);
    var box = element();
    box.hidden = false;
    place(link);
    link.setAttribute("aria-describedby", box.id);
  }

  function hide() {
    cancelHide();
    if (preview) preview.hidden = true;
    if (current) current.removeAttribute("aria-describedby");
    current = null;
    tapped = null;
  }

  function scheduleHide() {
    cancelHide();
    hideTimer = window.setTimeout(function () {
      // stays while the pointer is over the link or the preview, or the link has focus
      if (current && (current.matches(":hover") || element().matches(":hover") ||
                      document.activeElement === current)) return;
      hide();
    }, HIDE_DELAY_MS);
  }

  function cancelHide() {
    if (hideTimer !== null) window.clearTimeout(hideTimer);
    hideTimer = null;
  }

  document.addEventListener("pointerdown", function (event) {
    lastPointer = event.pointerType || "mouse";
    if (preview && !preview.hidden && !preview.contains(event.target) && !previewable(event.target)) hide();
  }, true);

  document.addEventListener("mouseover", function (event) {
    if (lastPointer === "touch") return;
    var link = previewable(event.target);
    if (link) show(link);
  });

  document.addEventListener("mouseout", function (event) {
    if (previewable(event.target) === current && current) scheduleHide();
  });

  document.addEventListener("focusin", function (event) {
    var link = previewable(event.target);
    if (link) show(link);
    else if (current && !element().contains(event.target)) hide();
  });

  document.addEventListener("focusout", function (event) {
    if (event.target === current) scheduleHide();
  });

  document.addEventListener("click", function (event) {
    if (lastPointer !== "touch") return;
    var link = previewable(event.target);
    if (!link) return;
    // first tap previews, a second tap on the same link follows it
    if (tapped !== link || element().hidden) {
      event.preventDefault();
      show(link);
      tapped = link;
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && preview && !preview.hidden) {
      hide();
      event.stopPropagation();
    }
  }, true);

  window.addEventListener("resize", function () { if (current) place(current); });
})();
