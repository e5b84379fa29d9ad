/* kohyo: behaviour on every page (progressive enhancement; every page works without it).
 * The language switch opens the twin page at the same section: the section ids are the same in
 * both languages, so the #fragment of the address is carried over to the switch's link (also
 * for "open in new tab"). */
(function () {
  "use strict";
  function carryHash() {
    Array.prototype.forEach.call(document.querySelectorAll("a.kh-lang__link"), function (link) {
      link.href = link.href.split("#")[0] + location.hash;
    });
  }
  window.addEventListener("hashchange", carryHash);
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("a.kh-lang__link")) { carryHash(); }
  }, true);
  carryHash();
})();

/* The long parts of a large assessment have pages of their own (generator/rendering/render.py OWN_PAGES).
 * An address of the assessment's page with a section that moved (a bookmark, a link from
 * elsewhere: .../juki-full/#risks-1-storage) opens the part's page at that section. */
(function () {
  "use strict";
  function follow() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id || document.getElementById(id)) { return; }
    Array.prototype.some.call(document.querySelectorAll("[data-kh-moved]"), function (stub) {
      var link = stub.querySelector("a");
      if (!link || id.indexOf(stub.getAttribute("data-kh-moved")) !== 0) { return false; }
      location.replace(link.getAttribute("href") + "#" + encodeURIComponent(id));
      return true;
    });
  }
  window.addEventListener("hashchange", follow);
  follow();
})();

/* The "¶" link after each heading of the page's text (the address of that section, to copy),
 * added here rather than written into every heading of every page (3.5 % of an assessment page's
 * bytes). As before, in the page's language and out of the way of screen readers and the Tab key:
 * the contents list and the sidebar link every section already, and every heading keeps its id. */
(function () {
  "use strict";
  var title = document.documentElement.lang === "en" ? "Link to this heading" : "この見出しへのリンク";
  var headings = document.querySelectorAll(
    "article h1[id], article h2[id], article h3[id], article h4[id], article h5[id], article h6[id]");
  Array.prototype.forEach.call(headings, function (heading) {
    if (heading.querySelector(".headerlink")) { return; }
    var link = document.createElement("a");
    link.className = "headerlink";
    link.href = "#" + heading.id;
    link.title = title;
    link.setAttribute("aria-hidden", "true");
    link.tabIndex = -1;
    link.textContent = "\u00b6";
    heading.appendChild(link);
  });
})();
