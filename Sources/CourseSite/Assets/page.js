// pok-swift's rendered course: colours listings (highlight.js, when the site has it), folds the
// contents on phones, and marks the lines a listing's label points at (#L12-L30) on a source page.
(function () {
  "use strict";
  var hljs = window.hljs;
  // highlightElement since highlight.js 10.7; Debian 12 ships 9.18, which has highlightBlock.
  var highlight = hljs && (hljs.highlightElement || hljs.highlightBlock);
  if (highlight) {
    // 9.18 logs an end-of-life notice on first use; it colours only the course's own listings,
    // which are no attacker's input, so the notice is acknowledged here rather than shown to readers.
    if (hljs.configure) { hljs.configure({ hideUpgradeWarningAcceptNoSupportOrSecurityUpdates: true }); }
    document.querySelectorAll("pre code[class*='language-']").forEach(function (block) {
      if (!block.classList.contains("language-plaintext")) { highlight.call(hljs, block); }
    });
  }

  var toggle = document.querySelector(".menu-toggle");
  var sidebar = document.getElementById("sidebar");
  if (toggle && sidebar) {
    toggle.addEventListener("click", function () {
      var open = sidebar.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  function markLines() {
    var file = document.querySelector(".source-file");
    var mark = file && file.querySelector(".line-mark");
    if (!mark) { return; }
    var range = /^#L(\d+)(?:-L(\d+))?$/.exec(window.location.hash);
    if (!range) { mark.hidden = true; return; }
    var first = document.getElementById("L" + range[1]);
    var last = document.getElementById("L" + (range[2] || range[1]));
    if (!first || !last) { mark.hidden = true; return; }
    var top = first.getBoundingClientRect().top - file.getBoundingClientRect().top;
    var bottom = last.getBoundingClientRect().bottom - file.getBoundingClientRect().top;
    mark.style.top = top + "px";
    mark.style.height = (bottom - top) + "px";
    mark.hidden = false;
    first.scrollIntoView({ block: "start" });
  }
  window.addEventListener("hashchange", markLines);
  markLines();
})();
