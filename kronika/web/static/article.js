// The annotated article: bring the highlighted event or quote (a link from the timeline,
// an event page or a quote list) to the middle of the screen, after the browser's own jump
// to the #fragment. Reads the DOM only; writes no markup.
(function () {
  "use strict";
  window.addEventListener("load", function () {
    var current = document.querySelector(".seg.current");
    if (current) {
      window.requestAnimationFrame(function () { current.scrollIntoView({ block: "center" }); });
    }
  });
})();
