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
