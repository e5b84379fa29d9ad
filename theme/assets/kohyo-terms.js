/* kohyo: glossary terms in the text of an assessment.
 * Without this script each term is a link to its glossary entry and its definition shows on hover
 * and keyboard focus (CSS). With it, the term becomes a button that opens and closes the
 * definition in place (tap, click, Enter or Space) instead of leaving the page; the definition
 * ends with a link to the glossary entry. An open definition is moved left as far as needed to
 * stay inside the screen. Escape closes it (WCAG 1.4.13, dismissible), as does a tap elsewhere. */
(function () {
  "use strict";
  var more = document.documentElement.lang === "en" ? "Glossary entry" : "用語集で見る";
  function place(term) {
    var def = term.querySelector(".kh-def");
    if (!def) { return; }
    def.style.left = "0px";
    var r = def.getBoundingClientRect();
    if (r.width === 0) { return; }
    var width = document.documentElement.clientWidth, shift = 0;
    if (r.right > width - 8) { shift = width - 8 - r.right; }
    if (r.left + shift < 8) { shift = 8 - r.left; }
    def.style.left = shift + "px";
  }
  function close(except) {
    Array.prototype.forEach.call(document.querySelectorAll(".kh-term--open"), function (term) {
      if (term === except) { return; }
      term.classList.remove("kh-term--open");
      var button = term.querySelector(".kh-term-btn");
      if (button) { button.setAttribute("aria-expanded", "false"); }
    });
  }
  function enhance(term) {
    var link = term.querySelector("a.kh-term-link"), def = term.querySelector(".kh-def");
    if (!link || !def) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "kh-term-btn";
    button.textContent = link.textContent;
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", def.id);
    def.removeAttribute("role");
    var entry = document.createElement("a");
    entry.href = link.getAttribute("href");
    entry.className = "kh-def-more";
    entry.textContent = more;
    def.appendChild(document.createTextNode(" "));
    def.appendChild(entry);
    term.replaceChild(button, link);
    term.classList.add("kh-term--js");  // on the term only: a class on <html> restyles the whole page
    button.addEventListener("click", function () {
      var open = !term.classList.contains("kh-term--open");
      close(term);
      term.classList.toggle("kh-term--open", open);
      term.classList.remove("kh-term--dismissed");
      button.setAttribute("aria-expanded", open ? "true" : "false");
      place(term);
    });
  }
  // A page holds each definition once (generator/pages/glossary.py): a later mark of the same
  // term gets a copy of it, so that every term opens its definition in place.
  Array.prototype.forEach.call(document.querySelectorAll(".kh-term"), function (term, i) {
    var link = term.querySelector("a.kh-term-link");
    if (!link || term.querySelector(".kh-def")) { return; }
    var source = document.getElementById(link.getAttribute("aria-describedby"));
    if (!source) { return; }
    var copy = source.cloneNode(true);
    copy.id = source.id + "-" + i;
    link.setAttribute("aria-describedby", copy.id);
    term.appendChild(copy);
  });
  Array.prototype.forEach.call(document.querySelectorAll(".kh-term"), enhance);
  function show(event) {
    var term = event.target.closest && event.target.closest(".kh-term");
    if (term) { place(term); }
  }
  document.addEventListener("mouseover", show);
  document.addEventListener("focusin", show);
  document.addEventListener("click", function (event) {
    if (!(event.target.closest && event.target.closest(".kh-term"))) { close(null); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    Array.prototype.forEach.call(document.querySelectorAll(".kh-term"), function (term) {
      if (term.classList.contains("kh-term--open") || term.matches(":hover") ||
          term.contains(document.activeElement)) {
        term.classList.add("kh-term--dismissed");
      }
    });
    close(null);
  });
  function reset(event) {
    var term = event.target.closest && event.target.closest(".kh-term");
    if (term && !term.contains(event.relatedTarget)) { term.classList.remove("kh-term--dismissed"); }
  }
  document.addEventListener("focusout", reset);
  document.addEventListener("mouseout", reset);
})();
