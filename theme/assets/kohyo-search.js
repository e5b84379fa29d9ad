/* Search page: starts the Pagefind UI and runs the query of the header search box (?q=...).
 *
 * Pagefind 1.6 segments Japanese the same way in the index and in the query (ICU4X), so the query
 * goes to Pagefind as typed, after NFKC (full-width digits and letters, as in 第１９条, become ASCII
 * like the index's). Ranking uses Pagefind's own weights (generator/output/search.py): an assessment's
 * process and municipality are meta fields, weighted like the title, so that for a process name
 * (予防接種, vaccination) the assessments come before the registry pages that name it.
 */
(function () {
  "use strict";

  var T = {
    ja: {
      filters: "絞り込み",
      other: "英語のページは英語の検索で探せます: ",
      otherLink: "English search",
    },
    en: {
      filters: "Filters",
      other: "Japanese pages are searched on the Japanese search page: ",
      otherLink: "日本語で検索",
    },
  };
  var LATIN = /^[\s\x21-\x7e\u00c0-\u024f]+$/;  // a query in Latin script only
  var JAPANESE = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]/;
  // An excerpt starts where Pagefind's window starts: often inside a table, after the ". " that
  // Pagefind puts between cells (". 6 . 住民票の…"), or inside a sentence ("、職員から…"). The
  // cell debris and a leading 、。 go; "…" says it is cut.
  var DEBRIS = /^(?:\s*[.。、,，]?\s*[0-9０-９①-⑳()（）\-]{0,4}\s*(?:[.,]\s+|[。、，]\s*))+/;

  function excerpt(text) {
    if (!text) return text;
    var cut = text.replace(DEBRIS, "");
    return cut === text ? text : "…" + cut;
  }

  function heading(title) {
    return (title || "").replace(/\s*¶\s*$/, "");  // the permalink sign of a heading
  }

  function processResult(result) {
    // meta fields that only weigh the ranking (generator/output/search.py) are not shown as tags
    delete result.meta.process;
    delete result.meta.municipality;
    result.meta.title = heading(result.meta.title);
    result.excerpt = excerpt(result.excerpt);
    (result.sub_results || []).forEach(function (sub) {
      sub.title = heading(sub.title);
      sub.excerpt = excerpt(sub.excerpt);
    });
    return result;
  }

  function start() {
    var host = document.getElementById("kh-search");
    if (!host || typeof PagefindUI === "undefined") return;
    var ja = (document.documentElement.lang || "").indexOf("ja") === 0;
    var t = T[ja ? "ja" : "en"];
    // The index holds root-relative URLs (/en/assessments/...): result links start at the site's
    // root, whatever sub-path it is served under.
    var root = new URL(host.getAttribute("data-root") || "../", document.baseURI).pathname;
    var metaWeights = JSON.parse(host.getAttribute("data-meta-weights") || "{}");
    // A sharded build (generator/output/search.py): the other shards' bundles, merged into the results
    // with Pagefind's multisite search. Their index holds root-relative URLs like the first one's.
    var merge = JSON.parse(host.getAttribute("data-merge") || "[]").map(function (bundle) {
      return { bundlePath: new URL(bundle, document.baseURI).href, baseUrl: root, ranking: { metaWeights: metaWeights } };
    });
    var ui = new PagefindUI({
      element: "#kh-search",
      // Absolute, so that result links keep the sub-path the site is served under.
      bundlePath: new URL(host.getAttribute("data-bundle"), document.baseURI).href,
      baseUrl: root,
      showSubResults: true,
      showImages: false,
      showEmptyFilters: false,  // no option that would find nothing
      resetStyles: false,
      pageSize: 5,  // each result loads its page's text: five keep the first query small
      excerptLength: 40,
      processTerm: function (term) { return term.normalize("NFKC"); },
      processResult: processResult,
      ranking: { metaWeights: metaWeights },
      mergeIndex: merge,
    });

    // On a phone the filters are behind one button, so that the results start on the first
    // screen (theme/assets/kohyo-search.css shows the panel when the host has kh-filters-open).
    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "kh-filters-toggle";
    toggle.setAttribute("aria-expanded", "false");
    toggle.textContent = t.filters;
    toggle.hidden = true;
    toggle.addEventListener("click", function () {
      var open = host.classList.toggle("kh-filters-open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
    // The result count, announced to screen readers (Pagefind's message is not a live region).
    var status = document.createElement("p");
    status.className = "kh-sr";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    // A query in the other language's script that finds little: a link to the other search.
    var hint = document.createElement("p");
    hint.className = "kh-search-hint";
    hint.hidden = true;
    host.parentNode.insertBefore(status, host);
    host.parentNode.insertBefore(hint, host);

    var other = new URL((ja ? root + "en/" : root) + "search/", window.location.href);
    var said = "";
    function update() {
      var input = host.querySelector(".pagefind-ui__search-input");
      var message = host.querySelector(".pagefind-ui__message");
      var panel = host.querySelector(".pagefind-ui__filter-panel");
      if (panel && toggle.hidden) {
        panel.id = panel.id || "kh-filter-panel";
        toggle.setAttribute("aria-controls", panel.id);
        panel.parentNode.parentNode.insertBefore(toggle, panel.parentNode);
        toggle.hidden = false;
      }
      var text = message ? message.textContent.trim() : "";
      if (text && text !== said) {
        said = text;
        status.textContent = text;
      }
      var q = input ? input.value.trim() : "";
      var titles = Array.prototype.map.call(
        host.querySelectorAll(".pagefind-ui__result-title a"), function (a) { return a.textContent.toLowerCase(); });
      var foreign = q && (ja ? LATIN.test(q) && !JAPANESE.test(q) : JAPANESE.test(q));
      var words = q.toLowerCase().split(/\s+/).filter(Boolean);
      var poor = !titles.length || !titles.slice(0, 5).some(function (title) {
        return words.every(function (w) { return title.indexOf(w) >= 0; });
      });
      var show = Boolean(foreign && text && poor);
      if (show) {
        other.search = "?q=" + encodeURIComponent(q);
        if (!hint.firstChild || hint.querySelector("a").href !== other.href) {
          hint.textContent = t.other;
          var link = document.createElement("a");
          link.href = other.href;
          link.lang = ja ? "en" : "ja";
          link.textContent = t.otherLink;
          hint.appendChild(link);
        }
      }
      if (hint.hidden === show) hint.hidden = !show;
    }

    // Pagefind's input has only a placeholder, and its form is a second search landmark with the
    // same name as the header's: give both their own accessible names (WCAG 1.3.1, 4.1.2).
    function label() {
      var input = host.querySelector(".pagefind-ui__search-input");
      if (!input || input.hasAttribute("aria-label")) return;
      input.setAttribute("aria-label", ja ? "検索する言葉" : "Search terms");
      var form = host.querySelector("form");
      if (form) form.setAttribute("aria-label", ja ? "検索結果ページでの検索" : "Search on the results page");
    }
    new MutationObserver(function () {
      label();
      update();
    }).observe(host, { childList: true, subtree: true, characterData: true });
    label();
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
