// Progressive enhancement: vote without reloading the page. Without this script the form posts
// and the server redirects back; with it, the same POST asks for JSON and swaps in the next
// statement. No inline scripts (CSP script-src 'self').
(function () {
  "use strict";
  var area = document.querySelector("[data-vote-area]");
  var status = document.getElementById("vote-status");
  if (!area || !window.fetch || !window.FormData) { return; }

  function say(text) {
    if (status) { status.textContent = ""; window.setTimeout(function () { status.textContent = text; }, 50); }
  }

  function showErrors(form, messages) {
    var box = area.querySelector("[data-vote-errors]");
    if (!box) {
      box = document.createElement("div");
      box.className = "utrecht-alert utrecht-alert--error";
      box.setAttribute("role", "alert");
      box.setAttribute("data-vote-errors", "");
      form.parentNode.insertBefore(box, form);
    }
    box.textContent = "";
    messages.forEach(function (message) {
      var p = document.createElement("p");
      p.className = "utrecht-paragraph";
      p.textContent = message;
      box.appendChild(p);
    });
  }

  function setText(selector, text) {
    var node = area.querySelector(selector);
    if (node) { node.textContent = text; }
    return node;
  }

  // Show the next statement in the same form: new text, action and progress, ratings cleared.
  function showNext(form, next, body) {
    setText("[data-statement-text]", next.text);
    setText("[data-progress-text]", next.progress);
    var line = area.querySelector("[data-section-line]");
    if (line) { line.hidden = !next.section; setText("[data-section]", next.section); }
    var bar = area.querySelector("[data-progress]");
    if (bar) { bar.max = body.total; bar.value = body.voted; }
    ["[data-current-vote]", "[data-vote-errors]"].forEach(function (selector) {
      var node = area.querySelector(selector);
      if (node) { node.parentNode.removeChild(node); }
    });
    Array.prototype.forEach.call(form.querySelectorAll("input[type=radio]"), function (input) {
      input.checked = false;
    });
    form.action = next.action;
    var heading = setText("[data-heading]", next.heading);
    if (heading) { heading.focus(); }
  }

  area.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("[data-vote-form]")) { return; }
    var submitter = event.submitter;
    if (!submitter || submitter.name !== "vote") { return; }
    event.preventDefault();
    var data = new FormData(form);
    data.set("vote", submitter.value);
    form.setAttribute("aria-busy", "true");
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-Requested-With": "fetch" }
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      form.removeAttribute("aria-busy");
      if (!result.ok || !result.body.ok) {
        showErrors(form, (result.body && result.body.errors) || ["Er ging iets mis. Probeer het opnieuw."]);
        return;
      }
      var next = result.body.next;
      if (!next) { window.location.reload(); return; }  // all done: the server says so
      showNext(form, next, result.body);
      say(result.body.message);
    }).catch(function () {
      // Network trouble: fall back to an ordinary form post.
      form.removeAttribute("aria-busy");
      var hidden = document.createElement("input");
      hidden.type = "hidden"; hidden.name = "vote"; hidden.value = submitter.value;
      form.appendChild(hidden);
      form.submit();
    });
  });
})();
