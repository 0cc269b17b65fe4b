// Conditional questions (an enhancement): hide a question while the answer it depends on is
// not chosen. Without this script the question stays visible with a note saying when it
// applies, and the server ignores its answer when it does not (responses/conditions.py).
(function () {
  "use strict";
  var blocks = document.querySelectorAll("[data-show-if-name]");
  Array.prototype.forEach.call(blocks, function (block) {
    var form = block.closest("form");
    var name = block.getAttribute("data-show-if-name");
    var wanted = JSON.parse(block.getAttribute("data-show-if-values") || "[]");
    if (!form) { return; }
    function update() {
      var inputs = form.querySelectorAll("[name='" + name + "']");
      var shown = Array.prototype.some.call(inputs, function (input) {
        var chosen = input.type === "radio" || input.type === "checkbox" ? input.checked : true;
        return chosen && wanted.indexOf(input.value) !== -1;
      });
      block.hidden = !shown;
    }
    form.addEventListener("change", update);
    update();
  });
})();
