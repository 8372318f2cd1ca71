// pok-swift's rendered course: full-text search over every section of every page, in the browser.
// The index (assets/search-index.js, written by pokdoc render) is a script, so search works from
// file:// as well as from a server. A section matches when it holds every word of the query.
(function () {
  "use strict";
  var index = window.POK_SEARCH_INDEX || [];
  var input = document.getElementById("search-input");
  var results = document.getElementById("search-results");
  var summary = document.getElementById("search-summary");
  if (!input || !results || !summary) { return; }

  function words(text) {
    return text.toLowerCase().split(/[^\p{L}\p{N}_$#]+/u).filter(function (word) { return word.length > 0; });
  }

  function snippet(text, word) {
    var at = text.toLowerCase().indexOf(word);
    var start = Math.max(0, at - 80);
    return (start > 0 ? "… " : "") + text.slice(start, at + word.length + 120) + " …";
  }

  function show(query) {
    results.textContent = "";
    var terms = words(query);
    if (terms.length === 0) { summary.textContent = "Type a word to find it in every chapter."; return; }
    var found = [];
    index.forEach(function (entry) {
      var haystack = (entry.title + " " + entry.text).toLowerCase();
      var score = 0;
      for (var i = 0; i < terms.length; i++) {
        var count = haystack.split(terms[i]).length - 1;
        if (count === 0) { return; }
        score += count + (entry.title.toLowerCase().indexOf(terms[i]) >= 0 ? 10 : 0);
      }
      found.push({ entry: entry, score: score });
    });
    found.sort(function (a, b) { return b.score - a.score; });
    summary.textContent = found.length === 0 ? "Nothing matches “" + query + "”."
      : found.length + (found.length === 1 ? " section matches" : " sections match") + " “" + query + "”.";
    found.slice(0, 50).forEach(function (hit) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = hit.entry.page + "#" + hit.entry.anchor;
      link.textContent = hit.entry.title;
      link.className = "search-hit";
      var text = document.createElement("div");
      text.className = "snippet";
      var piece = snippet(hit.entry.text, terms[0]);
      var lower = piece.toLowerCase();
      var at = lower.indexOf(terms[0]);
      if (at >= 0) {
        text.appendChild(document.createTextNode(piece.slice(0, at)));
        var mark = document.createElement("mark");
        mark.textContent = piece.slice(at, at + terms[0].length);
        text.appendChild(mark);
        text.appendChild(document.createTextNode(piece.slice(at + terms[0].length)));
      } else {
        text.textContent = piece;
      }
      item.appendChild(link);
      item.appendChild(text);
      results.appendChild(item);
    });
  }

  var query = new URLSearchParams(window.location.search).get("q") || "";
  input.value = query;
  input.addEventListener("input", function () { show(input.value); });
  show(query);
})();
