/* Upgrading Atlas: in Material's search results, the page whose title or tag (a concept's term or
 * alias, an entity's name) is exactly the query comes first. Material's ranking ignores how long a
 * field is, so "Latecomer" and "Late-latecomer" tie on the word "latecomer"; this breaks the tie the
 * way a reader expects. Nothing else in the results changes. */
(function () {
  "use strict";

  var input = document.querySelector(".md-search__input");
  var list = document.querySelector(".md-search-result__list");
  if (!input || !list) return;

  function normalize(text) {
    return text.toLowerCase().replace(/[\s\-]+/g, " ").trim();
  }

  function exactMatch(item, query) {
    var title = item.querySelector(".md-search-result__article h1");
    if (title && normalize(title.textContent) === query) return true;
    var tags = item.querySelectorAll(".md-search-result__article .md-tag");
    for (var i = 0; i < tags.length; i++) {
      if (normalize(tags[i].textContent) === query) return true;
    }
    return false;
  }

  function promote() {
    var query = normalize(input.value);
    if (!query) return;
    var items = list.querySelectorAll(":scope > .md-search-result__item");
    for (var i = 0; i < items.length; i++) {
      if (exactMatch(items[i], query)) {
        if (i > 0) list.insertBefore(items[i], items[0]);
        return;
      }
    }
  }

  new MutationObserver(promote).observe(list, { childList: true });
})();
