// Keyboard shortcuts and small conveniences for the analyst workspace. Everything works
// without this file; it only saves keystrokes. No inline scripts (CSP).
(function () {
  "use strict";
  function typing(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" && target.type !== "checkbox" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }
  var coding = document.getElementById("coding-form");
  if (coding) {
    var proposed = Array.prototype.map.call(coding.querySelectorAll("[data-proposed]"), function (el) {
      return document.getElementById("code-" + el.getAttribute("data-proposed"));
    });
    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      var key = event.key;
      if (key >= "1" && key <= "9") {
        var box = proposed[Number(key) - 1];
        if (box) { box.checked = !box.checked; box.focus(); event.preventDefault(); }
      } else if (key === "a") {
        proposed.forEach(function (box) { if (box) box.checked = true; });
        event.preventDefault();
      } else {
        var button = coding.querySelector('[data-shortcut="' + key + '"]');
        if (button) { event.preventDefault(); button.click(); }
      }
    });
  }
  var bulk = document.getElementById("bulk-form");
  if (bulk) {
    var legend = bulk.querySelector(".md-bulk legend");
    if (legend) {
      var all = document.createElement("button");
      all.type = "button";
      all.className = "utrecht-button utrecht-button--subtle";
      all.textContent = document.documentElement.lang === "en" ? "Select all on this page" : "Alles op deze pagina kiezen";
      all.addEventListener("click", function () {
        bulk.querySelectorAll('input[name="answers"]').forEach(function (box) { box.checked = true; });
      });
      legend.parentNode.appendChild(all);
    }
  }
})();
