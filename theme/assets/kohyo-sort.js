/* kohyo: sortable comparison tables (progressive enhancement).
 * Without this script the table is complete and readable; with it, each column header gets a
 * button that sorts the rows by the cell's data-sort value (numbers or ISO dates; empty last).
 * The sorted column carries aria-sort, so screen readers announce the order. */
(function () {
  "use strict";
  function key(row, index) {
    var cell = row.children[index];
    return cell ? cell.getAttribute("data-sort") || "" : "";
  }
  function compare(a, b, numeric) {
    if (a === b) { return 0; }
    if (a === "") { return 1; }
    if (b === "") { return -1; }
    if (numeric) { return parseFloat(a) - parseFloat(b); }
    return a < b ? -1 : 1;
  }
  function sort(table, index, th) {
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    var numeric = rows.every(function (r) { var k = key(r, index); return k === "" || !isNaN(Number(k)); });
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    rows.sort(function (a, b) {
      var ka = key(a, index), kb = key(b, index);
      if (ka === "" || kb === "") { return compare(ka, kb, numeric); }
      var c = compare(ka, kb, numeric);
      return ascending ? c : -c;
    });
    rows.forEach(function (r) { tbody.appendChild(r); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }
  function enhance(table) {
    var hint = table.getAttribute("data-sort-label") || "sort";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kh-sort";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      var icon = document.createElement("span");
      icon.className = "kh-sort-icon";
      icon.setAttribute("aria-hidden", "true");
      button.appendChild(icon);
      button.setAttribute("title", hint);
      th.appendChild(button);
      button.addEventListener("click", function () { sort(table, index, th); });
    });
    table.classList.add("kh-sortable");
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table[data-kh-sortable]"), enhance);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
