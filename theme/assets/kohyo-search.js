/* Search page: starts the Pagefind UI and runs the query of the header search box (?q=...).
 *
 * Pagefind 1.6 segments Japanese the same way in the index and in the query (ICU4X), so the query
 * goes to Pagefind as typed, after NFKC (full-width digits and letters, as in 第１９条, become ASCII
 * like the index's). Ranking uses Pagefind's own weights (generator/search.py): an assessment's
 * process and municipality are meta fields, weighted like the title, so that for a process name
 * (予防接種, vaccination) the assessments come before the registry pages that name it.
 */
(function () {
  "use strict";

  function start() {
    var host = document.getElementById("kh-search");
    if (!host || typeof PagefindUI === "undefined") return;
    var ja = (document.documentElement.lang || "").indexOf("ja") === 0;
    // The index holds root-relative URLs (/en/assessments/...): result links start at the site's
    // root, whatever sub-path it is served under.
    var root = new URL(host.getAttribute("data-root") || "../", document.baseURI).pathname;
    var metaWeights = JSON.parse(host.getAttribute("data-meta-weights") || "{}");
    var ui = new PagefindUI({
      element: "#kh-search",
      // Absolute, so that result links keep the sub-path the site is served under.
      bundlePath: new URL(host.getAttribute("data-bundle"), document.baseURI).href,
      baseUrl: root,
      showSubResults: true,
      showImages: false,
      resetStyles: false,
      pageSize: 5,  // each result loads its page's text: five keep the first query small
      excerptLength: 40,
      processTerm: function (term) { return term.normalize("NFKC"); },
      ranking: { metaWeights: metaWeights },
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

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
