/* planpress tables: sort by a column header button, filter rows with a search box.
   Progressive enhancement: without this file every table is complete and readable.
   Loaded as a file (never inline) so the Content-Security-Policy can forbid inline script. */
(function () {
  "use strict";
  var collator = new Intl.Collator("ko", { numeric: true, sensitivity: "base" });

  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
  }

  function compare(a, b, ascending) {
    var emptyA = a === "", emptyB = b === "";
    // unknown values stay last in both directions: "not published" is not "smallest"
    if (emptyA || emptyB) return emptyA === emptyB ? 0 : emptyA ? 1 : -1;
    var numA = Number(a), numB = Number(b);
    var result = !isNaN(numA) && !isNaN(numB) ? numA - numB : collator.compare(a, b);
    return ascending ? result : -result;
  }

  // Each header cell that names a single column, with that column's index. A header may
  // span rows (rowspan) or, above its columns, several columns (colspan): the latter names
  // a group and gets no sort button.
  function columnHeaders(thead) {
    var taken = [], found = [];
    Array.prototype.forEach.call(thead ? thead.rows : [], function (row, r) {
      var col = 0;
      Array.prototype.forEach.call(row.cells, function (cell) {
        while (taken[r] && taken[r][col]) col += 1;
        for (var i = 0; i < cell.rowSpan; i += 1) {
          for (var j = 0; j < cell.colSpan; j += 1) {
            (taken[r + i] = taken[r + i] || [])[col + j] = true;
          }
        }
        if (cell.colSpan === 1) found.push({ th: cell, index: col });
        col += cell.colSpan;
      });
    });
    return found;
  }

  function makeSortable(table) {
    var columns = columnHeaders(table.tHead);
    var headers = columns.map(function (column) { return column.th; });
    columns.forEach(function (column) {
      var th = column.th, index = column.index;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          return compare(cellValue(r1, index), cellValue(r2, index), ascending);
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function makeFilterable(table) {
    var tools = document.querySelector('[data-table-tools="' + table.id + '"]');
    if (!tools) return;
    var input = tools.querySelector("input");
    var output = tools.querySelector("output");
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    // what a row is searched by: its cells, not the citation folded inside it
    var texts = rows.map(function (row) {
      var copy = row.cloneNode(true);
      copy.querySelectorAll("[data-filter-skip]").forEach(function (el) { el.remove(); });
      return copy.textContent.toLocaleLowerCase("ko");
    });
    function update() {
      var words = input.value.trim().toLocaleLowerCase("ko").split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row, i) {
        var text = texts[i];
        var match = words.every(function (w) { return text.indexOf(w) !== -1; });
        row.hidden = !match;
        if (match) shown += 1;
      });
      output.textContent = shown === 0
        ? "검색 결과가 없습니다 (" + rows.length + "개 중 0개)"
        : rows.length + "개 중 " + shown + "개 표시";
    }
    input.addEventListener("input", update);
    tools.hidden = false;
    update();
  }

  document.querySelectorAll("[data-when-script]").forEach(function (el) { el.hidden = false; });
  document.querySelectorAll("table[data-sortable]").forEach(makeSortable);
  document.querySelectorAll("table[data-filterable]").forEach(makeFilterable);
}());
