/* Upgrading Atlas: the concept map's views, zoom, and the lines of one node traced on hover or focus.
   The map and each concept's neighbourhood are SVG drawn at build time, whose nodes are links, and
   without this script everything works: the drawing fits the width, a view is chosen by a link to
   its anchor (#focus-chen), which the style sheet shows with :target. The script switches views
   without jumping down the page, keeps the address in step, and adds zoom buttons.
   Nothing runs on a page without a map. */
(function () {
  "use strict";

  var SCALES = [0.7, 1, 1.5, 2, 2.5];  // zoom steps, as the size drawn over the size laid out: 1 is legible

  function setUp() {
    document.querySelectorAll("figure.atlas-map").forEach(function (figure) {
      var svg = figure.querySelector("svg.atlas-map__svg");
      if (!svg || figure.dataset.atlasMapReady) {
        return;
      }
      figure.dataset.atlasMapReady = "true";
      trace(figure, svg, readGraph(svg));
      zoom(figure, svg);
    });
    document.querySelectorAll(".atlas-map-views").forEach(views);
  }

  /* The nodes by key, and each node's edges with their two ends. */
  function readGraph(svg) {
    var graph = { nodes: {}, linked: {} };
    svg.querySelectorAll(".atlas-map__node").forEach(function (node) {
      graph.nodes[node.dataset.key] = node;
    });
    svg.querySelectorAll(".atlas-map__edge").forEach(function (edge) {
      var ends = (edge.dataset.ends || "").split(" ");
      ends.forEach(function (key) {
        (graph.linked[key] = graph.linked[key] || []).push({ element: edge, ends: ends });
      });
    });
    return graph;
  }

  /* Under the pointer or the keyboard focus, a node's lines and neighbours stand out. */
  function trace(figure, svg, graph) {
    var lit = [];

    function clear() {
      lit.forEach(function (element) { element.classList.remove("is-near"); });
      lit = [];
      figure.classList.remove("is-tracing");
    }

    function light(node) {
      clear();
      lit.push(node);
      (graph.linked[node.dataset.key] || []).forEach(function (edge) {
        lit.push(edge.element);
        edge.ends.forEach(function (key) {
          if (graph.nodes[key]) {
            lit.push(graph.nodes[key]);
          }
        });
      });
      lit.forEach(function (element) { element.classList.add("is-near"); });
      figure.classList.add("is-tracing");
    }

    function nodeOf(event) {
      return event.target instanceof Element ? event.target.closest(".atlas-map__node") : null;
    }

    svg.addEventListener("pointerover", function (event) {
      var node = nodeOf(event);
      if (node && event.pointerType !== "touch") {
        light(node);
      }
    });
    svg.addEventListener("pointerout", function (event) {
      var node = nodeOf(event);
      if (node && !(event.relatedTarget instanceof Node && node.contains(event.relatedTarget))) {
        clear();
      }
    });
    svg.addEventListener("focusin", function (event) {
      var node = nodeOf(event);
      if (node) {
        light(node);
      }
    });
    svg.addEventListener("focusout", clear);
  }

  /* Zoom by steps from "fits the frame", and pan: the frame scrolls (a finger drags it natively;
     a mouse drags it here). The drawing keeps its centre in view as it grows or shrinks. */
  function zoom(figure, svg) {
    var controls = figure.querySelector(".atlas-map__controls");
    var frame = figure.querySelector(".atlas-map__frame");
    if (!controls || !frame) {
      return;
    }
    var hint = controls.querySelector(".atlas-map__hint");
    var width = svg.viewBox.baseVal.width;
    var height = svg.viewBox.baseVal.height;
    var scale = 0;  // 0: fitted to the frame
    var fit = 1;

    function measureFit() {
      svg.style.width = svg.style.height = svg.style.maxWidth = svg.style.maxHeight = "";
      var box = svg.getBoundingClientRect();
      if (box.width > 0) {
        fit = Math.min(box.width / width, box.height / height);
      }
    }

    /* The next step in or out from what is drawn now; 0 when out reaches the fitted size. */
    function step(inwards) {
      var now = scale || fit;
      if (inwards) {
        return SCALES.filter(function (each) { return each > now * 1.05; })[0] || now;
      }
      var smaller = SCALES.filter(function (each) { return each < now * 0.95 && each > fit * 1.05; });
      return smaller.length ? smaller[smaller.length - 1] : 0;
    }

    function apply(next) {
      var centreX = (frame.scrollLeft + frame.clientWidth / 2) / Math.max(frame.scrollWidth, 1);
      var centreY = (frame.scrollTop + frame.clientHeight / 2) / Math.max(frame.scrollHeight, 1);
      measureFit();
      scale = next > fit * 1.05 ? next : 0;
      var zoomed = scale > 0;
      figure.classList.toggle("is-zoomed", zoomed);
      if (zoomed) {
        svg.style.maxWidth = svg.style.maxHeight = "none";
        svg.style.width = (width * scale) + "px";
        svg.style.height = (height * scale) + "px";
        frame.scrollLeft = centreX * frame.scrollWidth - frame.clientWidth / 2;
        frame.scrollTop = centreY * frame.scrollHeight - frame.clientHeight / 2;
      }
      // a drawing shown at its full size needs no zoom: the buttons show only where it is shrunk
      controls.hidden = !zoomed && fit >= 0.95;
      controls.querySelector("[data-zoom='out']").disabled = !zoomed;
      controls.querySelector("[data-zoom='fit']").disabled = !zoomed;
      controls.querySelector("[data-zoom='in']").disabled = step(true) === (scale || fit);
      if (hint) {
        hint.textContent = zoomed ? "Drag the drawing to move around it; Fit shows it whole."
          : fit < 0.8 ? "Zoom in with + (or pinch) to read small names, then drag to move around."
          : "";
      }
    }

    controls.addEventListener("click", function (event) {
      var button = event.target instanceof Element ? event.target.closest("button[data-zoom]") : null;
      if (!button) {
        return;
      }
      var action = button.dataset.zoom;
      apply(action === "fit" ? 0 : step(action === "in"));
    });
    figure.addEventListener("atlas-map:shown", function () { apply(0); });
    window.addEventListener("resize", function () { apply(scale); });
    dragToPan(figure, frame);
    apply(0);
  }

  /* A mouse drags a zoomed drawing; a drag that moved does not also open the link it began on. */
  function dragToPan(figure, frame) {
    var drag = null;
    var moved = false;
    frame.addEventListener("pointerdown", function (event) {
      if (event.pointerType !== "mouse" || event.button !== 0 || !figure.classList.contains("is-zoomed")) {
        return;
      }
      drag = { x: event.clientX, y: event.clientY, left: frame.scrollLeft, top: frame.scrollTop };
      moved = false;
    });
    window.addEventListener("pointermove", function (event) {
      if (!drag) {
        return;
      }
      var dx = event.clientX - drag.x;
      var dy = event.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 4) {
        moved = true;
        figure.classList.add("is-dragging");
      }
      frame.scrollLeft = drag.left - dx;
      frame.scrollTop = drag.top - dy;
    });
    window.addEventListener("pointerup", function () {
      drag = null;
      figure.classList.remove("is-dragging");
    });
    frame.addEventListener("click", function (event) {
      if (moved) {
        event.preventDefault();
        moved = false;
      }
    }, true);
    frame.addEventListener("dragstart", function (event) { event.preventDefault(); });
  }

  /* One view at a time: the one the address names (a view's anchor, or a node's inside it), else
     the first. A link to a view shows it in place and adds it to the history. */
  function views(container) {
    if (container.dataset.atlasMapReady) {
      return;
    }
    container.dataset.atlasMapReady = "true";
    var sections = Array.prototype.slice.call(container.querySelectorAll(".atlas-map-view"));
    if (!sections.length) {
      return;
    }
    var pickers = document.querySelectorAll(".atlas-map-picker a[href^='#']");

    function sectionOf(id) {
      var target = id ? document.getElementById(id) : null;
      var section = target ? target.closest(".atlas-map-view") : null;
      return section && container.contains(section) ? section : null;
    }

    function show(section) {
      sections.forEach(function (each) { each.hidden = each !== section; });
      pickers.forEach(function (link) {
        if (link.getAttribute("href") === "#" + section.id) {
          link.setAttribute("aria-current", "true");
        } else {
          link.removeAttribute("aria-current");
        }
      });
      section.querySelectorAll("figure.atlas-map").forEach(function (figure) {
        figure.dispatchEvent(new CustomEvent("atlas-map:shown"));
      });
    }

    function fromAddress() {
      var id = decodeURIComponent(window.location.hash.slice(1));
      var section = sectionOf(id);
      if (section) {
        show(section);
        if (id !== section.id) {
          document.getElementById(id).scrollIntoView({ block: "center" });
        }
      } else if (!id || !document.getElementById(id)) {
        show(sections[0]);
      }
    }

    container.classList.add("is-scripted");
    document.addEventListener("click", function (event) {
      var link = event.target instanceof Element ? event.target.closest("a[href^='#']") : null;
      var id = link ? link.getAttribute("href").slice(1) : "";
      var section = sections.filter(function (each) { return each.id === id; })[0];
      if (!section || event.defaultPrevented || event.ctrlKey || event.metaKey || event.shiftKey) {
        return;
      }
      event.preventDefault();
      var fromDrawing = container.contains(link);
      show(section);
      window.history.pushState(null, "", "#" + id);
      if (fromDrawing) {
        // the link was in the view just hidden: carry the focus to the new view's title
        var title = section.querySelector(".atlas-map-view__title");
        if (title) {
          title.focus({ preventScroll: true });
        }
        if (section.getBoundingClientRect().top < parseFloat(getComputedStyle(section).scrollMarginTop || "0")) {
          section.scrollIntoView();
        }
      }
    });
    window.addEventListener("popstate", fromAddress);
    window.addEventListener("hashchange", fromAddress);
    fromAddress();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
  // Material's instant navigation, if a site turns it on, swaps pages without a load event
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  }
}());
