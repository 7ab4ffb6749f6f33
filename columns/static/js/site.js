/* Progressive enhancements of the public site. Every feature also works without
   this file: the video link goes to the video host, the content notice is a link,
   the ask page has a button that posts the letter for suggestions, and the
   receipt code can be selected and copied by hand. */
(function () {
  "use strict";

  var SHOW_WARNED = "advice:show-content-warned";

  function stored(key) {
    try { return window.localStorage.getItem(key); } catch (error) { return null; }
  }

  function store(key, value) {
    try {
      if (value === null) { window.localStorage.removeItem(key); }
      else { window.localStorage.setItem(key, value); }
    } catch (error) { /* storage disabled: the choice just isn't remembered */ }
  }

  // Video episodes: nothing is loaded from the host until the reader presses play.
  function enhanceVideos() {
    document.addEventListener("click", function (event) {
      var link = event.target.closest(".video-load");
      var frame = link && link.closest("[data-video-embed]");
      if (!frame) { return; }
      event.preventDefault();
      var iframe = document.createElement("iframe");
      iframe.src = frame.getAttribute("data-video-embed");
      iframe.title = frame.getAttribute("data-video-title") || "Video";
      iframe.allow = "autoplay; fullscreen; picture-in-picture; encrypted-media";
      iframe.allowFullscreen = true;
      // The site sends no referrer across origins; players need the origin.
      iframe.referrerPolicy = "strict-origin-when-cross-origin";
      frame.replaceChildren(iframe);
      frame.classList.add("is-playing");
      iframe.focus();
    });
  }

  // Content notices: optionally remember "show" on this device (never in a cookie).
  function enhanceContentNotice() {
    var gate = document.querySelector("[data-content-gate]");
    if (gate) {
      var open = gate.querySelector("[data-gate-open]");
      if (stored(SHOW_WARNED) === "1") {
        window.location.replace(open.href);
        return;
      }
      var remember = gate.querySelector("[data-gate-remember]");
      remember.closest("[hidden]").hidden = false;
      open.addEventListener("click", function () {
        if (remember.checked) { store(SHOW_WARNED, "1"); }
      });
    }
    var forget = document.querySelector("[data-gate-forget]");
    if (forget && stored(SHOW_WARNED) === "1") {
      forget.closest("[hidden]").hidden = false;
      forget.addEventListener("click", function () {
        store(SHOW_WARNED, null);
        forget.closest("p").hidden = true;
      });
    }
  }

  // The ask page: answers close to the letter, while the reader types. The letter
  // goes in a POST body, never in a URL.
  function enhanceSuggestions() {
    var box = document.querySelector("[data-suggestions-url]");
    var form = document.getElementById("ask-form");
    if (!box || !form || !form.elements.text) { return; }
    var text = form.elements.text;
    var results = box.querySelector("[data-suggestions-results]");
    var button = box.querySelector("[data-suggestions-button]");
    var timer = null;
    var last = "";
    var pending = null;

    function refresh(asked) {
      var value = text.value.trim();
      if (value.length < 30) {
        if (asked) { results.textContent = "Write a few sentences first, then look again."; }
        return;
      }
      if (value === last && !asked) { return; }
      last = value;
      var body = new FormData();
      body.append("text", value);
      body.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
      if (pending) { pending.abort(); }
      pending = new AbortController();
      fetch(box.getAttribute("data-suggestions-url"), {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-Requested-With": "XMLHttpRequest" },
        signal: pending.signal
      }).then(function (response) {
        return response.ok ? response.text() : null;
      }).then(function (html) {
        if (html !== null) { results.innerHTML = html; }
      }).catch(function () { /* offline or aborted: keep what is shown */ });
    }

    text.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 800);
    });
    button.addEventListener("click", function (event) {
      event.preventDefault();
      refresh(true);
    });
  }

  // Copy buttons (the receipt code): shown only where the browser can copy;
  // without them the code is plain text to select.
  function enhanceCopyButtons() {
    if (!navigator.clipboard || !window.isSecureContext) { return; }
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      var source = document.getElementById(button.getAttribute("data-copy"));
      var status = button.parentNode.querySelector("[data-copy-status]");
      button.hidden = false;
      button.addEventListener("click", function () {
        status.textContent = "";  // so that a second copy is announced again
        navigator.clipboard.writeText(source.textContent.trim()).then(function () {
          status.textContent = "Copied";
        }, function () {
          status.textContent = "Could not copy: select the code and copy it yourself.";
        });
      });
    });
  }

  enhanceVideos();
  enhanceContentNotice();
  enhanceSuggestions();
  enhanceCopyButtons();
}());
