/* A page outside the menu (a concept, a firm, a pair of papers) is placed in the menu's section that
   its breadcrumb names: that section's tab is lit and its pages shown in the sidebar, as the theme
   does for a page in the menu. Without the script, the breadcrumb alone says where the reader is. */
(function () {
  "use strict";
  var crumb = document.querySelector(".atlas-breadcrumb a");
  var menu = document.querySelector(".md-nav--primary > .md-nav__list");
  if (!crumb || !menu) return;
  var target = new URL(crumb.href, document.baseURI).pathname;
  var link = Array.prototype.find.call(menu.querySelectorAll("a.md-nav__link"), function (candidate) {
    return new URL(candidate.href, document.baseURI).pathname === target;
  });
  if (!link) return;
  var section = link.closest(".md-nav--primary > .md-nav__list > .md-nav__item");
  section.classList.add("md-nav__item--active");
  var toggle = section.querySelector(":scope > .md-nav__toggle");
  if (toggle) toggle.checked = true;
  var tabs = document.querySelectorAll(".md-tabs__item");
  var index = Array.prototype.indexOf.call(menu.children, section);
  if (tabs[index]) tabs[index].classList.add("md-tabs__item--active");
})();
