// Live character counter for open answers (an enhancement: the server checks the length too).
(function () {
  "use strict";
  var fields = document.querySelectorAll("textarea[data-max-length]");
  Array.prototype.forEach.call(fields, function (field) {
    var limit = parseInt(field.getAttribute("data-max-length"), 10);
    var note = document.getElementById(field.id + "_count");
    if (!note || !limit) { return; }
    var lang = document.documentElement.lang || "nl";
    var live = document.createElement("span");
    live.className = "md-counter";
    live.setAttribute("aria-live", "polite");
    note.appendChild(document.createTextNode(" "));
    note.appendChild(live);
    var timer = null;
    function update() {
      var used = field.value.length;
      var left = limit - used;
      var number = new Intl.NumberFormat(lang);
      if (left >= 0) {
        live.textContent = lang === "en"
          ? number.format(left) + " characters left."
          : "Nog " + number.format(left) + " tekens over.";
        live.classList.remove("md-counter--over");
      } else {
        live.textContent = lang === "en"
          ? number.format(-left) + " characters too many."
          : number.format(-left) + " tekens te veel.";
        live.classList.add("md-counter--over");
      }
    }
    field.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, 300); // do not flood screen readers while typing
    });
    update();
  });
})();
