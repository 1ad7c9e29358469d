/* Upgrading Atlas: "Cite this page". Where the site's address is not configured, the citation is
 * built with the page's path; this writes the full address the reader sees in its place. */
(function () {
  "use strict";
  var address = location.origin + location.pathname;
  document.querySelectorAll(".atlas-page-url").forEach(function (span) {
    if (span.textContent.charAt(0) === "/") span.textContent = address;
  });
})();
