/* The answer editor's writing room, on the plain textarea (no library: the native
 * textarea keeps accessibility, the form without scripts and the server's preview).
 *
 * - A toolbar and shortcuts insert the Markdown the site's renderer supports
 *   (columns/markdown.py): headings, bold, italic, lists, checklists, links, expert
 *   quotes, footnotes; the image button is the upload, the video button goes to
 *   the video field.
 * - A live word count and reading time.
 * - The preview (rendered by the server, never here) scrolls to the section that
 *   holds the caret.
 * - A full-screen mode without distractions.
 * - A warning when an image comes from a host the site's Content-Security-Policy
 *   does not allow: it would not show on the site.
 * - The sticky bar's step links go to the step's form below.
 */
(function () {
  "use strict";

  var form = document.getElementById("answer-form");
  if (!form) return;
  var body = form.elements.namedItem("body");
  var room = document.getElementById("writing-room");
  if (!body || !room) return;
  var preview = room.querySelector(".markdownx-preview");
  var markdownx = room.querySelector(".markdownx");
  var toolbar = room.querySelector(".editor-toolbar");
  var editable = !body.disabled && !body.readOnly;
  // What the renderer reads as a heading: ATX headings, also inside quotes.
  var HEADING = /^ {0,3}(?:> ?)*#{1,6}(?:[ \t]|$)/;
  var FENCE = /^ {0,3}(?:```|~~~)/;
  var WORDS_PER_MINUTE = 230;

  function notifyInput() {
    body.dispatchEvent(new Event("input", { bubbles: true }));
  }

  /* Changing the text, undoably ------------------------------------------------- */

  // Replace [start, end) with ``text`` and select [selStart, selEnd). insertText
  // keeps the browser's own undo history; setRangeText is the fallback.
  function replace(start, end, text, selStart, selEnd) {
    body.focus();
    body.setSelectionRange(start, end);
    var done = false;
    try {
      done = document.execCommand("insertText", false, text);
    } catch (error) {
      done = false;
    }
    if (!done || body.value.slice(start, start + text.length) !== text) {
      body.setRangeText(text, start, end, "end");
      notifyInput();
    }
    body.setSelectionRange(selStart, selEnd);
  }

  function wrap(marker, placeholder) {
    var start = body.selectionStart;
    var end = body.selectionEnd;
    var value = body.value;
    var size = marker.length;
    var selected = value.slice(start, end);
    // Spaces selected with a double-clicked word stay outside the markers.
    var lead = selected.match(/^\s*/)[0].length;
    var trail = selected.length > lead ? selected.match(/\s*$/)[0].length : 0;
    start += lead;
    end -= trail;
    selected = value.slice(start, end);
    if (
      selected &&
      value.slice(start - size, start) === marker &&
      value.slice(end, end + size) === marker
    ) {
      replace(start - size, end + size, selected, start - size, end - size);
      return;
    }
    var inner = selected || placeholder;
    replace(start, end, marker + inner + marker, start + size, start + size + inner.length);
  }

  function link() {
    var start = body.selectionStart;
    var end = body.selectionEnd;
    var selected = body.value.slice(start, end);
    var text;
    if (/^(?:https?:\/\/|mailto:)\S+$/.test(selected)) {
      text = "[link text](" + selected + ")";
      replace(start, end, text, start + 1, start + 10);
    } else {
      var words = selected || "link text";
      text = "[" + words + "](https://)";
      if (selected) {
        replace(start, end, text, start + words.length + 3, start + text.length - 1);
      } else {
        replace(start, end, text, start + 1, start + 1 + words.length);
      }
    }
  }

  // The whole lines the selection touches.
  function selectedLines() {
    var value = body.value;
    var start = value.lastIndexOf("\n", body.selectionStart - 1) + 1;
    var last = body.selectionEnd;
    if (last > body.selectionStart && value.charAt(last - 1) === "\n") last -= 1;
    var end = value.indexOf("\n", last);
    if (end < 0) end = value.length;
    return { start: start, end: end, lines: value.slice(start, end).split("\n") };
  }

  var BLOCK_PREFIX = /^(?:#{1,6}[ \t]+|[-*+][ \t]+\[[ xX]\][ \t]+|[-*+][ \t]+|\d+[.)][ \t]+)/;
  var PREFIXES = {
    heading: function () {
      return "## ";
    },
    subheading: function () {
      return "### ";
    },
    list: function () {
      return "- ";
    },
    numbered: function (index) {
      return index + 1 + ". ";
    },
    checklist: function () {
      return "- [ ] ";
    },
  };
  var IS_PREFIXED = {
    heading: /^## /,
    subheading: /^### /,
    list: /^[-*+] (?!\[[ xX]\] )/,
    numbered: /^\d+[.)] /,
    checklist: /^[-*+] \[[ xX]\] /,
  };

  // Start each selected line with the block's marker (again: take it off).
  function prefixLines(kind) {
    var block = selectedLines();
    var written = block.lines.filter(function (line) {
      return line.trim() !== "";
    });
    var undo =
      written.length > 0 &&
      written.every(function (line) {
        return IS_PREFIXED[kind].test(line);
      });
    var number = 0;
    var lines = block.lines.map(function (line) {
      if (undo) return line.replace(BLOCK_PREFIX, "");
      if (line.trim() === "" && block.lines.length > 1) return line;
      var prefix = PREFIXES[kind](number);
      number += 1;
      return prefix + line.replace(BLOCK_PREFIX, "");
    });
    var text = lines.join("\n");
    if (block.lines.length === 1) {
      replace(block.start, block.end, text, block.start + text.length, block.start + text.length);
    } else {
      replace(block.start, block.end, text, block.start, block.start + text.length);
    }
  }

  // Blank lines around a block, as Markdown needs them.
  function blockAround(start, end, text) {
    var before = body.value.slice(0, start);
    var after = body.value.slice(end);
    var lead = before === "" || /\n\n$/.test(before) ? "" : /\n$/.test(before) ? "\n" : "\n\n";
    var trail = after === "" || /^\n\n/.test(after) ? "" : /^\n/.test(after) ? "\n" : "\n\n";
    return { lead: lead, text: text, trail: trail };
  }

  function expertQuote() {
    var start = body.selectionStart;
    var end = body.selectionEnd;
    var selected = body.value.slice(start, end).trim();
    var quote = selected || "What the expert said.";
    var who = "Name, credentials";
    var text = "> " + quote.split("\n").join("\n> ") + "\n>\n> — " + who;
    var block = blockAround(start, end, text);
    var at = start + block.lead.length;
    var whole = block.lead + text + block.trail;
    if (selected) {
      var whoAt = at + text.length - who.length;
      replace(start, end, whole, whoAt, whoAt + who.length);
    } else {
      replace(start, end, whole, at + 2, at + 2 + quote.length);
    }
  }

  function footnote() {
    var numbers = (body.value.match(/\[\^(\d+)\]/g) || []).map(function (mark) {
      return parseInt(mark.slice(2), 10);
    });
    var number = numbers.length ? Math.max.apply(null, numbers) + 1 : 1;
    var mark = "[^" + number + "]";
    var placeholder = "The note.";
    var at = body.selectionEnd;
    var value = body.value;
    // The note goes at the end of the text, where the renderer lists footnotes.
    var ending = /\n\n$/.test(value) ? "" : /\n$/.test(value) ? "\n" : "\n\n";
    var note = ending + mark + ": " + placeholder;
    replace(value.length, value.length, note, value.length, value.length);
    replace(at, at, mark, at + mark.length, at + mark.length);
    var noteAt = body.value.length - placeholder.length;
    body.setSelectionRange(noteAt, noteAt + placeholder.length);
    followCaret();
  }

  function chooseImage() {
    var input = document.getElementById("image-upload");
    if (input) input.click();
  }

  function goToVideo() {
    setFocusMode(false);
    var video = form.elements.namedItem("video_url");
    if (!video) return;
    video.scrollIntoView({ block: "center" });
    video.focus();
  }

  /* Full screen ----------------------------------------------------------------- */

  var focusButton = toolbar && toolbar.querySelector("[data-tool=focus]");

  function setFocusMode(on) {
    if (room.classList.contains("is-focused") === on) return;
    room.classList.toggle("is-focused", on);
    document.documentElement.classList.toggle("writing-focus", on);
    if (focusButton) {
      focusButton.setAttribute("aria-pressed", on ? "true" : "false");
      focusButton.textContent = on ? "Leave full screen" : "Full screen";
    }
    body.focus();
    followCaret();
  }

  var TOOLS = {
    heading: function () {
      prefixLines("heading");
    },
    subheading: function () {
      prefixLines("subheading");
    },
    bold: function () {
      wrap("**", "bold text");
    },
    italic: function () {
      wrap("_", "italic text");
    },
    list: function () {
      prefixLines("list");
    },
    numbered: function () {
      prefixLines("numbered");
    },
    checklist: function () {
      prefixLines("checklist");
    },
    link: link,
    quote: expertQuote,
    image: chooseImage,
    video: goToVideo,
    footnote: footnote,
    focus: function () {
      setFocusMode(!room.classList.contains("is-focused"));
    },
  };

  if (toolbar && editable) {
    toolbar.hidden = false;
    toolbar.addEventListener("click", function (event) {
      var button = event.target.closest("[data-tool]");
      if (!button || !TOOLS[button.getAttribute("data-tool")]) return;
      TOOLS[button.getAttribute("data-tool")]();
    });
    if (!document.getElementById("image-upload")) {
      var imageButton = toolbar.querySelector("[data-tool=image]");
      if (imageButton) imageButton.hidden = true;
    }
  }

  /* Shortcuts ------------------------------------------------------------------- */

  var saveButton = document.querySelector("button[form=answer-form][type=submit]");
  var tabLeaves = false;

  // Captured above the textarea, so that it runs before markdownx's own keys.
  form.addEventListener(
    "keydown",
    function (event) {
      if (event.target !== body) return;
      if (event.key === "Escape") {
        // Esc, then Tab, leaves the box (markdownx turns Tab into an indent).
        tabLeaves = true;
        if (room.classList.contains("is-focused")) setFocusMode(false);
        return;
      }
      if (event.key === "Tab" && tabLeaves) {
        tabLeaves = false;
        event.stopPropagation();
        return;
      }
      tabLeaves = false;
      if (!(event.ctrlKey || event.metaKey) || event.altKey || !editable) return;
      var key = event.key.toLowerCase();
      var tool = event.shiftKey
        ? { f: "focus" }[key]
        : { b: "bold", i: "italic", k: "link" }[key];
      if (!tool) return;
      event.preventDefault();
      event.stopPropagation();
      TOOLS[tool]();
    },
    true
  );

  document.addEventListener("keydown", function (event) {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === "s") {
      event.preventDefault();
      if (saveButton && !saveButton.disabled) form.requestSubmit(saveButton);
    } else if (event.key === "Escape" && room.classList.contains("is-focused") && event.target !== body) {
      setFocusMode(false);
    }
  });

  /* Word count and reading time ------------------------------------------------- */

  var counter = document.getElementById("word-count");

  function countWords(text) {
    var plain = text
      .replace(/```[\s\S]*?```/g, " ")
      .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
      .replace(/\]\([^)]*\)/g, "]")
      .replace(/\[\^\d+\]:?/g, " ")
      .replace(/(?:https?:\/\/|mailto:)\S+/g, " ");
    var words = plain.match(/[\p{L}\p{N}][\p{L}\p{N}'’.\-]*/gu);
    return words ? words.length : 0;
  }

  function showCount() {
    if (!counter) return;
    var words = countWords(body.value);
    var minutes = Math.max(1, Math.round(words / WORDS_PER_MINUTE));
    counter.textContent =
      words.toLocaleString("en-GB") + (words === 1 ? " word" : " words") + " · " + minutes + " min read";
    counter.hidden = false;
  }

  /* Images the site would block ------------------------------------------------- */

  var warning = document.getElementById("image-warning");
  var allowedHosts = (form.getAttribute("data-image-hosts") || "").split(/\s+/).filter(Boolean);

  function hostAllowed(host) {
    if (host === window.location.host) return true;
    return allowedHosts.some(function (allowed) {
      if (allowed.indexOf("*.") === 0) return host.slice(-(allowed.length - 1)) === allowed.slice(1);
      return host === allowed;
    });
  }

  function blockedHosts(text) {
    var found = [];
    var image = /!\[[^\]]*\]\(\s*<?((?:https?:)?\/\/[^\s)>]+)/gi;
    var match;
    while ((match = image.exec(text))) {
      var host;
      try {
        host = new URL(match[1], window.location.href).host;
      } catch (error) {
        continue;
      }
      if (!hostAllowed(host) && found.indexOf(host) < 0) found.push(host);
    }
    return found;
  }

  function showImageWarning() {
    if (!warning) return;
    var hosts = blockedHosts(body.value);
    if (!hosts.length) {
      warning.hidden = true;
      warning.textContent = "";
      return;
    }
    var names = hosts.length === 1 ? hosts[0] : hosts.slice(0, -1).join(", ") + " and " + hosts[hosts.length - 1];
    var text =
      "Images from " + names + " won't load on the site: upload the image instead" +
      (editable ? " (the Image button)." : ".");
    if (warning.textContent !== text) warning.textContent = text;
    warning.hidden = false;
  }

  /* The preview follows the caret ------------------------------------------------ */

  // How many headings the text has up to ``position`` (0: before the first).
  function headingsBefore(text, position) {
    var lines = text.slice(0, position).split("\n");
    var inFence = false;
    var count = 0;
    var at = 0;
    var last = 0;
    lines.forEach(function (line) {
      if (FENCE.test(line)) inFence = !inFence;
      else if (!inFence && HEADING.test(line)) {
        count += 1;
        last = at;
      }
      at += line.length + 1;
    });
    return { count: count, start: last };
  }

  // Where the section after ``start`` ends in the text (the next heading).
  function sectionEnd(text, start) {
    var rest = text.slice(start).split("\n");
    var inFence = false;
    var at = start;
    for (var index = 0; index < rest.length; index += 1) {
      var line = rest[index];
      if (FENCE.test(line)) inFence = !inFence;
      else if (index > 0 && !inFence && HEADING.test(line)) return at;
      at += line.length + 1;
    }
    return text.length;
  }

  function offsetIn(element) {
    return element.getBoundingClientRect().top - preview.getBoundingClientRect().top + preview.scrollTop;
  }

  function followCaret() {
    if (!preview || preview.scrollHeight <= preview.clientHeight) return;
    var text = body.value;
    var caret = body.selectionEnd;
    var before = headingsBefore(text, caret);
    var headings = preview.querySelectorAll("h1, h2, h3, h4, h5, h6");
    if (before.count === 0 || headings.length === 0) {
      preview.scrollTop = 0;
      return;
    }
    var index = Math.min(before.count, headings.length) - 1;
    var top = offsetIn(headings[index]) - 8;
    var next = headings[index + 1];
    var bottom = next ? offsetIn(next) : preview.scrollHeight;
    var height = bottom - top;
    if (height > preview.clientHeight) {
      // A long section: go as far into it as the caret is into its text.
      var end = sectionEnd(text, before.start);
      var share = end > before.start ? (caret - before.start) / (end - before.start) : 0;
      top = Math.min(top + share * height - preview.clientHeight / 3, bottom - preview.clientHeight);
      top = Math.max(top, offsetIn(headings[index]) - 8);
    }
    preview.scrollTop = Math.max(0, top);
  }

  var followTimer = null;
  function followSoon() {
    window.clearTimeout(followTimer);
    followTimer = window.setTimeout(followCaret, 60);
  }

  var textTimer = null;
  body.addEventListener("input", function () {
    window.clearTimeout(textTimer);
    textTimer = window.setTimeout(function () {
      showCount();
      showImageWarning();
    }, 250);
  });
  ["keyup", "click", "focus", "select"].forEach(function (type) {
    body.addEventListener(type, followSoon);
  });
  if (markdownx) markdownx.addEventListener("markdownx.update", followSoon);

  /* The sticky bar's steps ------------------------------------------------------ */

  var bar = document.getElementById("editor-bar");
  if (bar) {
    bar.addEventListener("click", function (event) {
      var link = event.target.closest("a[data-step]");
      if (!link) return;
      var stepForm = document.getElementById("step-" + link.getAttribute("data-step"));
      if (!stepForm) return;
      event.preventDefault();
      setFocusMode(false);
      stepForm.scrollIntoView({ block: "center" });
      var first = stepForm.querySelector(
        "textarea, input:not([type=hidden]), select, button[type=submit]"
      );
      if (first) first.focus({ preventScroll: true });
    });
  }

  showCount();
  showImageWarning();
})();
