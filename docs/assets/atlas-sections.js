/* Upgrading Atlas: a link to an anchor inside a fold of a paper's page (one of the paper's own
 * sections, #s4-1-2, or a heading of its folded back matter, #with-zhou) opens the fold there, in
 * browsers that do not reveal a target inside a closed <details>. */
(function () {
  "use strict";
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) return;
    var details = target.closest("details");
    if (details && !details.open) {
      details.open = true;
      target.scrollIntoView();
    }
  }
  window.addEventListener("hashchange", reveal);
  reveal();
})();
