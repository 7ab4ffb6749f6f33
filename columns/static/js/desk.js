// The desk's small enhancements; every page works without them.
// - The triage page re-checks the headline, public text and sign-off for
//   identifiers (and redraws the diff) as the editor types, using the server's
//   check, so there is one guard. (Every button of the page sends the edits along;
//   that needs no script.)
// - The queue gets a "select all on this page" box.
"use strict";

(function () {
  function liveTextChecks() {
    const form = document.getElementById("letter-edit-form");
    const panel = document.getElementById("text-checks");
    if (!form || !panel || !form.dataset.checkUrl) {
      return;
    }
    // Everything of the letter that is printed is checked, not only its text.
    const parts = ["headline", "public_text", "sign_off"]
      .map(function (name) {
        return form.elements.namedItem(name);
      })
      .filter(Boolean);
    const token = form.elements.namedItem("csrfmiddlewaretoken");
    let timer = null;
    let sent = 0;
    let shown = 0;

    async function check() {
      const number = ++sent;
      const body = new FormData();
      body.append("csrfmiddlewaretoken", token.value);
      parts.forEach(function (field) {
        body.append(field.name, field.value);
      });
      try {
        const response = await fetch(form.dataset.checkUrl, {
          method: "POST",
          body: body,
          credentials: "same-origin",
          headers: { "X-Requested-With": "fetch" },
        });
        // Answers can arrive out of order; only the newest text's check counts.
        if (response.ok && number > shown) {
          shown = number;
          panel.innerHTML = await response.text();
          panel.dataset.checked = String(number);
        }
      } catch (error) {
        // Offline or signed out: the check runs again when the letter is saved.
      }
    }

    parts.forEach(function (field) {
      field.addEventListener("input", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(check, 300);
      });
    });
  }

  function selectAll() {
    document.querySelectorAll(".select-all-slot").forEach(function (slot) {
      const form = slot.closest("form");
      const name = slot.dataset.target;
      const box = document.createElement("input");
      box.type = "checkbox";
      box.setAttribute("aria-label", "Select every letter on this page");
      box.addEventListener("change", function () {
        form.querySelectorAll('input[type="checkbox"][name="' + name + '"]').forEach(
          function (item) {
            item.checked = box.checked;
          }
        );
      });
      slot.replaceWith(box);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    liveTextChecks();
    selectAll();
  });
})();
