/* Upgrading Atlas: filters for the concept map, and the links of one node traced on hover or focus.
   The map and each concept's neighbourhood are SVG drawn at build time, whose nodes are links:
   without this script they show everything and every link works. The filter form is rendered
   hidden; this script shows it. Nothing runs on a page without a map. */
(function () {
  "use strict";

  function setUp() {
    document.querySelectorAll("figure.atlas-map").forEach(function (figure) {
      var svg = figure.querySelector("svg.atlas-map__svg");
      if (!svg || figure.dataset.atlasMapReady) {
        return;
      }
      figure.dataset.atlasMapReady = "true";
      var graph = readGraph(svg);
      trace(figure, svg, graph);
      if (figure.classList.contains("atlas-map--full")) {
        // on a narrow screen the map scrolls sideways: start from its middle, not its left edge
        var frame = figure.querySelector(".atlas-map__frame");
        if (frame && frame.scrollWidth > frame.clientWidth && !window.location.hash) {
          frame.scrollLeft = (frame.scrollWidth - frame.clientWidth) / 2;
        }
        var form = document.querySelector("form.atlas-map-filters");
        if (form) {
          filter(form, graph);
        }
      }
    });
  }

  /* The nodes by key, the edges with their two ends, and each node's edges. */
  function readGraph(svg) {
    var graph = { nodes: {}, edges: [], linked: {} };
    svg.querySelectorAll(".atlas-map__node").forEach(function (node) {
      graph.nodes[node.dataset.key] = node;
    });
    svg.querySelectorAll(".atlas-map__edge").forEach(function (edge) {
      var ends = (edge.dataset.ends || "").split(" ");
      graph.edges.push({ element: edge, ends: ends });
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
        if (edge.element.classList.contains("is-filtered")) {
          return;
        }
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
      if (node) {
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

  /* A node is shown if one of its papers is ticked and, but for papers, its kind; a line if both
     its ends are shown and, for related concepts, if their lines are ticked. */
  function filter(form, graph) {
    var status = form.querySelector(".atlas-map-filters__status");

    function ticked(name) {
      var values = {};
      form.querySelectorAll("input[name='" + name + "']").forEach(function (input) {
        values[input.value] = input.checked;
      });
      return values;
    }

    function apply() {
      var papers = ticked("paper");
      var kinds = ticked("kind");
      var lines = ticked("edge");
      var keys = Object.keys(graph.nodes);
      var shown = 0;
      keys.forEach(function (key) {
        var node = graph.nodes[key];
        var kind = node.dataset.kind;
        var visible = (kind === "paper" || kinds[kind] !== false) &&
          node.dataset.papers.split(" ").some(function (paper) { return papers[paper] !== false; });
        node.classList.toggle("is-filtered", !visible);
        shown += visible ? 1 : 0;
      });
      graph.edges.forEach(function (edge) {
        var kind = edge.element.classList.contains("atlas-map__edge--related") ? "related" : "";
        var visible = lines[kind] !== false && edge.ends.every(function (key) {
          return graph.nodes[key] && !graph.nodes[key].classList.contains("is-filtered");
        });
        edge.element.classList.toggle("is-filtered", !visible);
      });
      if (status) {
        status.textContent = shown === keys.length ? "" : "Showing " + shown + " of " + keys.length + " names.";
      }
    }

    form.hidden = false;
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
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
