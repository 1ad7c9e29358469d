/* Upgrading Atlas: a paper's page opened as a step of a reading path (its address carries
 * ?path=<concept>&step=<n>) shows where the step stands in its path, with the previous and the
 * next step, in a bar at the foot of the screen: a student walks the path without going back.
 * The paths come from data/reading-paths.json, which staging writes. */
(function () {
  "use strict";
  var params = new URLSearchParams(location.search);
  var pathId = params.get("path");
  var number = parseInt(params.get("step"), 10);
  var script = document.currentScript;
  if (!pathId || !(number >= 1) || !script) return;
  var root = new URL("..", script.src); // this script lives in assets/, at the site's root

  function link(href, text, className, rel, title) {
    var a = document.createElement("a");
    a.href = new URL(href, root).href;
    a.className = className;
    a.textContent = text;
    if (rel) a.rel = rel;
    if (title) a.title = title;
    return a;
  }

  function show(path) {
    var steps = path.steps;
    if (number > steps.length) return;
    var bar = document.createElement("nav");
    bar.className = "atlas-path-bar";
    bar.setAttribute("aria-label", "Reading path");
    var where = document.createElement("p");
    where.className = "atlas-path-bar__where";
    where.appendChild(link(path.href, "Reading path: " + path.title, "atlas-path-bar__path"));
    where.appendChild(document.createTextNode(" · step " + number + " of " + steps.length));
    var moves = document.createElement("p");
    moves.className = "atlas-path-bar__moves";
    var previous = steps[number - 2];
    var next = steps[number];
    moves.appendChild(previous
      ? link(previous.href, "‹ Previous: " + previous.label, "atlas-path-bar__previous", "prev", previous.title)
      : link(path.href, "‹ The whole path", "atlas-path-bar__previous", null, null));
    moves.appendChild(next
      ? link(next.href, "Next: " + next.label + " ›", "atlas-path-bar__next", "next", next.title)
      : link(path.href, "End of the path ›", "atlas-path-bar__next", null, null));
    bar.appendChild(where);
    bar.appendChild(moves);
    document.body.appendChild(bar);
    document.body.classList.add("atlas-on-path");
  }

  fetch(new URL("data/reading-paths.json", root))
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) { if (data && data.paths && data.paths[pathId]) show(data.paths[pathId]); })
    .catch(function () { /* the page reads as it is without the bar */ });
})();
