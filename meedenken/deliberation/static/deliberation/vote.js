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
      area.innerHTML = result.body.html;
      var heading = area.querySelector("#vote-heading");
      if (heading) { heading.focus(); }
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
