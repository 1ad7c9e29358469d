/* Upgrading Atlas: citations. Each BibTeX and CSL-JSON block gets a button that copies it, so that
 * a reader on a phone need not select the text by hand. Where the site's address is not configured,
 * "Cite this page" is built with the page's path; this writes the full address the reader sees in
 * its place. */
(function () {
  "use strict";
  var address = location.origin + location.pathname;
  document.querySelectorAll(".atlas-page-url").forEach(function (span) {
    if (span.textContent.charAt(0) === "/") span.textContent = address;
  });

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    // without the asynchronous clipboard (a page served over plain http from another host)
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var copied = document.execCommand("copy");
    area.remove();
    return copied ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  document.querySelectorAll("pre[data-atlas-copy]").forEach(function (block) {
    var label = block.getAttribute("data-atlas-copy");
    var bar = document.createElement("p");
    bar.className = "atlas-copy";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "atlas-copy__button md-button";
    button.textContent = "Copy " + label;
    var status = document.createElement("span");
    status.className = "atlas-copy__status";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      copyText(block.textContent).then(function () {
        status.textContent = label + " copied";
      }, function () {
        status.textContent = "Could not copy: select the text and copy it";
      });
    });
    bar.appendChild(button);
    bar.appendChild(status);
    block.parentNode.insertBefore(bar, block);
  });
})();
