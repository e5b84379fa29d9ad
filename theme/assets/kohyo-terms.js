/* kohyo: glossary terms in the text. The definition shows on hover and focus (CSS);
 * Escape hides it until the pointer or focus leaves the term (WCAG 1.4.13, dismissible). */
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    Array.prototype.forEach.call(document.querySelectorAll(".kh-term"), function (term) {
      if (term.matches(":hover") || term.contains(document.activeElement)) {
        term.classList.add("kh-term--dismissed");
      }
    });
  });
  function reset(event) {
    var term = event.target.closest && event.target.closest(".kh-term");
    if (term) { term.classList.remove("kh-term--dismissed"); }
  }
  document.addEventListener("focusout", reset);
  document.addEventListener("mouseout", reset);
})();
