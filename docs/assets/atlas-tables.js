/* Upgrading Atlas: choose which papers a comparison table shows. Without this script every paper
 * shows; the choice is the reader's, per table, and printing shows them all again. */
(function () {
  "use strict";
  document.querySelectorAll(".atlas-table__choose").forEach(function (chooser) {
    var table = chooser.parentElement.querySelector(".atlas-table__grid");
    if (!table) return;
    chooser.hidden = false;
    chooser.addEventListener("change", function (event) {
      var box = event.target;
      var shown = chooser.querySelectorAll("input:checked").length;
      if (!box.checked && shown === 0) { box.checked = true; return; }  // keep at least one paper
      table.querySelectorAll('[data-paper="' + box.value + '"]').forEach(function (cell) {
        cell.hidden = !box.checked;
      });
    });
  });
})();
