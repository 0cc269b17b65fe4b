// While an analysis runs, poll its progress and reload the page when it is done.
(function () {
  "use strict";
  var box = document.getElementById("run-status");
  if (!box || box.getAttribute("data-active") !== "1" || !window.fetch) { return; }
  var url = box.getAttribute("data-status-url");
  var bar = document.getElementById("run-progress");
  var text = box.querySelector("[data-progress-text]");
  var rounds = 0;
  function poll() {
    rounds += 1;
    if (rounds > 900) { return; }  // stop after about half an hour
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (body) {
        if (bar && typeof body.progress === "number") { bar.value = body.progress; }
        if (text && typeof body.progress === "number") { text.textContent = body.progress + "%"; }
        if (body.status === "done" || body.status === "failed") { window.location.reload(); return; }
        window.setTimeout(poll, 2000);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 2000);
})();

// A table wider than the screen says so (issue 13); on a small screen it is stacked instead.
(function () {
  "use strict";
  var hint = document.querySelector("[data-scroll-hint]");
  var wrap = hint && hint.nextElementSibling;
  if (!wrap) { return; }
  function update() { hint.hidden = wrap.scrollWidth <= wrap.clientWidth + 1; }
  update();
  window.addEventListener("resize", update);
})();
