/* Search page: starts the Pagefind UI and runs the query of the header search box (?q=...).
 *
 * Queries are turned into the words of the index (generator/search.py): NFKC (full-width digits
 * become ASCII); every kanji or kana and every run of digits is a unit, and each pair of adjacent
 * units is one bigram word, so that 第１９条 / 第19条 / 19条 find pages citing 第19条 but not pages
 * with 1985 or 190, and katakana compounds are found whatever Lindera made of them. A unit that
 * stands alone in the query becomes the prefix of its bigram words (Pagefind matches prefixes).
 * The bigram words are removed from the excerpts shown, and the query is marked there instead.
 */
(function () {
  "use strict";
  var CJK = "\u3005-\u3007\u3040-\u309f\u30a1-\u30fa\u30fc-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}";
  var UNIT = new RegExp("[0-9]+|[" + CJK + "]", "gu");
  var BIGRAM = /(?:<mark>)?\bqj[a-z]+(?:<\/mark>)?/g;
  // Pagefind joins the words of an excerpt with spaces; none belong between Japanese characters.
  var GAP = new RegExp("([" + CJK + "])\\s+(?=[0-9" + CJK + "])|([0-9])\\s+(?=[" + CJK + "])", "gu");

  function code(unit) {
    if (/^[0-9]+$/.test(unit)) {
      return "z" + unit.split("").map(function (d) { return String.fromCharCode(97 + Number(d)); }).join("") + "z";
    }
    var hex = unit.codePointAt(0).toString(16).padStart(5, "0");
    return hex.split("").map(function (h) { return String.fromCharCode(97 + parseInt(h, 16)); }).join("");
  }

  var runs = [];  // the runs of units of the last query, to mark in the excerpts

  function normalise(term) {
    var text = term.normalize("NFKC");
    var words = [];
    var run = [];
    var pos = 0;
    var m;
    runs = [];
    function flush() {
      if (run.length === 1) words.push("qj" + code(run[0]));
      for (var i = 1; i < run.length; i++) words.push("qj" + code(run[i - 1]) + code(run[i]));
      if (run.length) runs.push(run.join(""));
      run = [];
    }
    UNIT.lastIndex = 0;
    while ((m = UNIT.exec(text)) !== null) {
      var unit = m[0];
      var gap = text.slice(pos, m.index);
      var prev = run.length ? run[run.length - 1] : "";
      if (gap || (prev && /^[0-9]+$/.test(prev) && /^[0-9]+$/.test(unit))) flush();
      if (gap.trim()) words.push(gap.trim());
      run.push(unit);
      pos = m.index + unit.length;
    }
    flush();
    if (text.slice(pos).trim()) words.push(text.slice(pos).trim());
    return words.join(" ").replace(/\s+/g, " ").trim();
  }

  function escapeRe(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  function tidy(text) {
    if (!text) return text;
    text = text.replace(BIGRAM, "").replace(GAP, "$1$2").replace(/\s+(?=[、。，．）」』])/g, "").replace(/([（「『])\s+/g, "$1")
      .replace(/ {2,}/g, " ").trim();
    runs.forEach(function (r) {
      if (r.length > 1) text = text.split(r).join("<mark>" + r + "</mark>");
    });
    return text;
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
    var ja = (document.documentElement.lang || "").indexOf("ja") === 0;
    // The index holds root-relative URLs (/en/assessments/...): result links start at the site's
    // root, whatever sub-path it is served under. (Pagefind's default, the folder above the bundle,
    // is /en/ for the English bundle and gave /en/en/... links.)
    var root = new URL(host.getAttribute("data-root") || "../", document.baseURI).pathname;
    var ui = new PagefindUI({
      element: "#kh-search",
      // Absolute, so that result links keep the sub-path the site is served under.
      bundlePath: new URL(host.getAttribute("data-bundle"), document.baseURI).href,
      baseUrl: root,
      // A large site's index comes in shards (generator/search.py): searched as one.
      mergeIndex: (host.getAttribute("data-kh-shards") || "").split(" ").filter(Boolean)
        .map(function (path) { return { bundlePath: new URL(path, document.baseURI).href, baseUrl: root }; }),
      showSubResults: true,
      showImages: false,
      resetStyles: false,
      pageSize: 5,  // each result loads its page's text: five keep the first query small
      excerptLength: 40,
      processTerm: normalise,
      processResult: processResult,
      // Measured on ../shared/search-queries.yml. Japanese: the index writes a bigram word at
      // its 1st, 4th, 16th, ... occurrence only, so a page's length says nothing and is not
      // counted. English: less bonus for short pages and for repeated words lets the
      // assessments compete with the many short law and registry pages.
      ranking: ja ? { pageLength: 0.0, termFrequency: 1.0 } : { pageLength: 0.3, termFrequency: 0.5 },
    });
    // Pagefind's input has only a placeholder, and its form is a second search landmark with the
    // same name as the header's: give both their own accessible names (WCAG 1.3.1, 4.1.2).
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

  window.kohyoSearchTerms = normalise;  // for the tests: the query as Pagefind receives it

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
