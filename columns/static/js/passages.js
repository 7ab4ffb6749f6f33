/* Comments on a passage of the answer's body. No inline scripts: the CSP allows
 * 'self' only. Without this script the comment form's "Passage" box still works.
 *
 * - Selecting words in the body box or in its preview offers "Comment on this
 *   passage": it quotes them in the comment form, with the text either side (to
 *   tell repeated words apart), and puts the cursor in the comment box.
 * - "Show in text" selects a comment's passage in the body box. The server found
 *   it and gives its position; if the text was changed on this page since, the
 *   same words are looked for nearest that position.
 */
(function () {
  "use strict";

  var form = document.getElementById("answer-form");
  var commentForm = document.getElementById("comment-form");
  if (!form || !commentForm) return;
  var body = form.elements.namedItem("body");
  if (!body) return;

  var CONTEXT = 80;
  var passageBox = commentForm.elements.namedItem("passage");
  var beforeBox = commentForm.elements.namedItem("passage_before");
  var afterBox = commentForm.elements.namedItem("passage_after");
  var commentBox = commentForm.elements.namedItem("body");

  /* Comment on this passage ------------------------------------------------- */

  var offer = document.createElement("p");
  offer.className = "passage-offer";
  offer.hidden = true;
  var offerButton = document.createElement("button");
  offerButton.type = "button";
  offerButton.className = "secondary small";
  offerButton.textContent = "Comment on this passage";
  offer.appendChild(offerButton);
  // Below the box and its preview, which sit side by side in a grid.
  var holder = body.closest(".markdownx") || body;
  holder.parentNode.insertBefore(offer, holder.nextSibling);

  // What the button would quote: the words last selected in the body box or in
  // the preview, with the text either side of them.
  var pending = null;

  function offerIf(found) {
    pending = found;
    offer.hidden = !found;
  }

  // The selection in the body box, without the spacing at its edges.
  function fromBody() {
    var text = body.value;
    var start = body.selectionStart;
    var end = body.selectionEnd;
    while (start < end && /\s/.test(text.charAt(start))) start += 1;
    while (end > start && /\s/.test(text.charAt(end - 1))) end -= 1;
    if (end <= start) return null;
    return {
      passage: text.slice(start, end),
      before: text.slice(Math.max(0, start - CONTEXT), start),
      after: text.slice(end, end + CONTEXT),
    };
  }

  // The selection in the preview: the words as readers see them. The server finds
  // them in the Markdown by their words.
  var preview = form.querySelector(".markdownx-preview");

  function inPreview(node) {
    return preview && node && preview.contains(node);
  }

  function fromPreview() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
    var range = selection.getRangeAt(0);
    if (!inPreview(range.startContainer) || !inPreview(range.endContainer)) return null;
    var passage = range.toString().trim();
    if (!passage) return null;
    var head = document.createRange();
    head.selectNodeContents(preview);
    head.setEnd(range.startContainer, range.startOffset);
    var tail = document.createRange();
    tail.selectNodeContents(preview);
    tail.setStart(range.endContainer, range.endOffset);
    return {
      passage: passage,
      before: head.toString().slice(-CONTEXT),
      after: tail.toString().slice(0, CONTEXT),
    };
  }

  // The passage "Show in text" selected is not offered back for a comment.
  var shown = null;

  ["select", "keyup", "mouseup", "input"].forEach(function (type) {
    body.addEventListener(type, function () {
      var same = shown && body.selectionStart === shown.start && body.selectionEnd === shown.end;
      offerIf(same ? null : fromBody());
    });
  });
  document.addEventListener("selectionchange", function () {
    var selection = window.getSelection();
    // Only a selection made in the preview: moving the focus elsewhere (to the
    // button itself) leaves the quote on offer.
    if (selection && inPreview(selection.anchorNode)) offerIf(fromPreview());
  });
  // A click on the button must not take the selection away first.
  offerButton.addEventListener("mousedown", function (event) {
    event.preventDefault();
  });

  offerButton.addEventListener("click", function () {
    if (!pending) return;
    passageBox.value = pending.passage;
    beforeBox.value = pending.before;
    afterBox.value = pending.after;
    offerIf(null);
    commentForm.scrollIntoView({ block: "center" });
    commentBox.focus();
  });

  // A quote typed or changed by hand has no known surroundings.
  passageBox.addEventListener("input", function () {
    beforeBox.value = "";
    afterBox.value = "";
  });

  /* Show in text -------------------------------------------------------------- */

  var status = document.querySelector("[data-passage-status]");

  // Where the words are now: at the server's position, else the nearest copy.
  function find(words, start) {
    var text = body.value;
    if (text.slice(start, start + words.length) === words) return start;
    var after = text.indexOf(words, start);
    var before = text.lastIndexOf(words, start);
    if (after === -1) return before;
    if (before === -1) return after;
    return after - start < start - before ? after : before;
  }

  // Scroll the box so the selection is in view: measure the text above it in a
  // hidden copy of the box, which wraps lines the same way.
  function scrollToSelection(start) {
    var copy = body.cloneNode(false);
    copy.removeAttribute("id");
    copy.removeAttribute("name");
    copy.setAttribute("aria-hidden", "true");
    copy.tabIndex = -1;
    copy.className = body.className + " passage-measure";
    copy.style.width = body.offsetWidth + "px";
    copy.value = body.value.slice(0, start);
    body.parentNode.appendChild(copy);
    var top = copy.scrollHeight;
    copy.parentNode.removeChild(copy);
    body.scrollTop = Math.max(0, top - body.clientHeight / 3);
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-show-passage]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var words = button.getAttribute("data-text");
      var start = find(words, parseInt(button.getAttribute("data-start"), 10) || 0);
      if (start === -1) {
        if (status) status.textContent = "That passage is not in the text as it is now on this page.";
        return;
      }
      if (status) status.textContent = "";
      if (body.disabled) {
        // Someone who may not edit the answer gets a disabled box, and a disabled
        // box shows no selection: read-only shows it and still allows no typing
        // (the server refuses their saves in any case).
        body.readOnly = true;
        body.disabled = false;
      }
      shown = { start: start, end: start + words.length };
      body.scrollIntoView({ block: "center" });
      body.focus({ preventScroll: true });
      body.setSelectionRange(start, start + words.length);
      scrollToSelection(start);
    });
  });
})();
