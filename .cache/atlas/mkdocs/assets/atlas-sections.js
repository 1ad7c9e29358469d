/* Upgrading Atlas: a link to one of a paper's own sections (#s4-1-2) opens the folded list of
 * sections at that entry, in browsers that do not reveal a target inside a closed <details>. */
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
