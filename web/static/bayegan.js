// Small enhancements only: the page works fully without this file (plain links and forms).
(function () {
  "use strict";

  // Long facet lists get a filter box that narrows the values as the reader types.
  function addFacetFilter(facet) {
    var more = facet.querySelector(".facet__more");
    if (!more) return;
    var input = document.createElement("input");
    input.type = "search";
    input.className = "facet__search";
    input.placeholder = "جستجو در فهرست…";
    input.setAttribute("aria-label", "جستجو در " + facet.querySelector(".facet__heading").textContent);
    facet.insertBefore(input, facet.querySelector(".facet__list"));
    var items = facet.querySelectorAll(".facet__list li");
    input.addEventListener("input", function () {
      var needle = input.value.trim();
      if (needle) more.open = true;
      items.forEach(function (li) {
        var label = li.querySelector(".facet__label").textContent;
        li.hidden = needle !== "" && label.indexOf(needle) === -1;
      });
    });
  }

  document.querySelectorAll(".facet[data-facet]").forEach(addFacetFilter);

  // "/" focuses the search box, as on most search sites.
  document.addEventListener("keydown", function (event) {
    var box = document.querySelector(".search-form__input");
    var tag = (event.target.tagName || "").toLowerCase();
    if (event.key === "/" && box && tag !== "input" && tag !== "textarea") {
      event.preventDefault();
      box.focus();
      box.select();
    }
  });
})();
