/* Search page: starts the Pagefind UI and runs the query of the header search box (?q=...).
 *
 * Queries are turned into the words of the index (generator/search.py): NFKC (full-width digits
 * become ASCII); every kanji or kana and every run of digits is a word; and each pair of adjacent
 * units adds a bigram word, so that 第１９条 / 第19条 / 19条 find pages citing 第19条 but not pages
 * with 1985 or 190, and katakana compounds match whatever Lindera made of them. The bigram words
 * and separators are removed again from the excerpts shown.
 */
(function () {
  "use strict";
  var CJK = "\u3005-\u3007\u3040-\u309f\u30a1-\u30fa\u30fc-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}";
  var UNIT = new RegExp("[0-9]+|[" + CJK + "]", "gu");
  var BIGRAM = /(?:<mark>)?\bqj[a-z]+(?:<\/mark>)?/g;
  var GAP_AFTER_CJK = new RegExp("([" + CJK + "](?:</mark>)?)[\\s\u200b\u2009]+(?=(?:<mark>)?[0-9" + CJK + "])", "gu");
  var GAP_AFTER_DIGIT = new RegExp("([0-9](?:</mark>)?)[\\s\u200b\u2009]+(?=(?:<mark>)?[" + CJK + "])", "gu");

  function code(unit) {
    if (/^[0-9]+$/.test(unit)) {
      return "z" + unit.split("").map(function (d) { return String.fromCharCode(97 + Number(d)); }).join("") + "z";
    }
    var hex = unit.codePointAt(0).toString(16).padStart(5, "0");
    return hex.split("").map(function (h) { return String.fromCharCode(97 + parseInt(h, 16)); }).join("");
  }

  function normalise(term) {
    var text = term.normalize("NFKC");
    var words = [];
    var grams = [];
    var pos = 0;
    var prev = "";
    var m;
    UNIT.lastIndex = 0;
    while ((m = UNIT.exec(text)) !== null) {
      var unit = m[0];
      var gap = text.slice(pos, m.index);
      if (gap.trim()) words.push(gap.trim());
      if (m.index === pos && prev) grams.push("qj" + code(prev) + code(unit));
      words.push(unit);
      pos = m.index + unit.length;
      prev = unit;
    }
    if (text.slice(pos).trim()) words.push(text.slice(pos).trim());
    return words.concat(grams).join(" ").replace(/\s+/g, " ").trim();
  }

  function tidy(text) {
    if (!text) return text;
    return text.replace(BIGRAM, "").replace(GAP_AFTER_CJK, "$1").replace(GAP_AFTER_DIGIT, "$1")
      .replace(/\u2009/g, "").replace(/\s+(?=[、。，．）」』])/g, "").replace(/([（「『])\s+/g, "$1")
      .replace(/ {2,}/g, " ");
  }

  function processResult(result) {
    result.excerpt = tidy(result.excerpt);
    (result.sub_results || []).forEach(function (sub) {
      sub.excerpt = tidy(sub.excerpt);
      sub.title = tidy(sub.title);
    });
    return result;
  }

  function start() {
    var host = document.getElementById("kh-search");
    if (!host || typeof PagefindUI === "undefined") return;
    var ui = new PagefindUI({
      element: "#kh-search",
      // Absolute, so that result links keep the sub-path the site is served under.
      bundlePath: new URL(host.getAttribute("data-bundle"), document.baseURI).href,
      showSubResults: true,
      showImages: false,
      resetStyles: false,
      pageSize: 10,
      excerptLength: 40,
      processTerm: normalise,
      processResult: processResult,
      // Measured on ../shared/search-queries.yml: less bonus for short pages and for repeated
      // words lets the assessments compete with the many short law and registry pages.
      ranking: { pageLength: 0.3, termFrequency: 0.5 },
    });
    // Pagefind's input has only a placeholder, and its form is a second search landmark with the
    // same name as the header's: give both their own accessible names (WCAG 1.3.1, 4.1.2).
    var ja = (document.documentElement.lang || "").indexOf("ja") === 0;
    function label() {
      var input = host.querySelector(".pagefind-ui__search-input");
      if (!input) return false;
      input.setAttribute("aria-label", ja ? "検索する言葉" : "Search terms");
      var form = host.querySelector("form");
      if (form) form.setAttribute("aria-label", ja ? "検索結果ページでの検索" : "Search on the results page");
      return true;
    }
    if (!label()) {
      var watcher = new MutationObserver(function () {
        if (label()) watcher.disconnect();
      });
      watcher.observe(host, { childList: true, subtree: true });
    }
    var q = new URLSearchParams(window.location.search).get("q");
    if (q && q.trim()) ui.triggerSearch(q);
    var box = document.getElementById("kh-search-q");
    if (box && q) box.value = q;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
