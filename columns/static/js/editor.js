/* The answer editor's small helpers. No inline scripts: the CSP allows 'self' only.
 *
 * - What is typed is saved to the server a few seconds after typing stops, and when
 *   the page is left (autosave: no revision; the next Save makes one). A stale
 *   autosave is refused and shown as a conflict, with the typed text kept.
 * - A copy of what is typed is kept in this browser (localStorage) until the server
 *   has it, so an expired session, a lost connection or a closed tab loses nothing.
 * - Leaving the page with unsaved changes asks first.
 * - The slug follows the title until someone edits the slug.
 * - Images are uploaded from a button, or by dropping or pasting, with clear errors.
 * - A heartbeat tells the server this page is open and shows who else has it open.
 */
(function () {
  "use strict";

  var form = document.getElementById("answer-form");
  if (!form) return;

  var answerId = form.getAttribute("data-answer");
  var storageKey = "advice-editor:answer:" + answerId;
  var fields = ["title", "summary", "body"];
  var csrfInput = form.querySelector("input[name=csrfmiddlewaretoken]");
  var csrfToken = csrfInput ? csrfInput.value : "";

  function field(name) {
    return form.elements.namedItem(name);
  }

  function editable() {
    var body = field("body");
    return body && !body.disabled;
  }

  // The text as the server sent it (typing before this script ran changes only
  // the values).
  function pageText() {
    var text = {};
    fields.forEach(function (name) {
      text[name] = field(name) ? field(name).defaultValue : "";
    });
    return text;
  }

  function currentText() {
    var text = {};
    fields.forEach(function (name) {
      text[name] = field(name) ? field(name).value : "";
    });
    return text;
  }

  function sameText(a, b) {
    return fields.every(function (name) {
      return (a[name] || "").replace(/\r\n/g, "\n") === (b[name] || "").replace(/\r\n/g, "\n");
    });
  }

  function notifyInput(element) {
    element.dispatchEvent(new Event("input", { bubbles: true }));
  }

  /* A copy of the text in this browser ------------------------------------------ */

  var loaded = pageText();
  var dirty = false;
  var submitting = false;

  function readBackup() {
    try {
      return JSON.parse(window.localStorage.getItem(storageKey) || "null");
    } catch (error) {
      return null;
    }
  }

  function writeBackup() {
    var copy = currentText();
    copy.version = field("version").value;
    copy.savedAt = Date.now();
    try {
      window.localStorage.setItem(storageKey, JSON.stringify(copy));
    } catch (error) {
      /* Storage full or disabled: the unload warning still protects the text. */
    }
  }

  function forgetBackup() {
    try {
      window.localStorage.removeItem(storageKey);
    } catch (error) {
      /* Nothing to forget. */
    }
  }

  function offerBackup() {
    var backup = readBackup();
    var notice = document.getElementById("draft-backup");
    if (!backup || !notice || !editable()) return;
    if (sameText(backup, loaded)) {
      forgetBackup();
      return;
    }
    var age = notice.querySelector("[data-backup-age]");
    if (age && backup.savedAt) {
      age.textContent = "(" + new Date(backup.savedAt).toLocaleString() + ")";
    }
    notice.hidden = false;
    notice.querySelector("[data-backup-restore]").addEventListener("click", function () {
      fields.forEach(function (name) {
        if (field(name) && typeof backup[name] === "string") {
          field(name).value = backup[name];
          notifyInput(field(name));
        }
      });
      // Saved against the version it was typed on, so a newer save by someone
      // else is caught as a conflict instead of being overwritten.
      if (backup.version) field("version").value = backup.version;
      dirty = true;
      notice.hidden = true;
      field("body").focus();
    });
    notice.querySelector("[data-backup-discard]").addEventListener("click", function () {
      forgetBackup();
      notice.hidden = true;
    });
  }

  /* Autosave to the server ---------------------------------------------------- */

  // A few seconds after typing stops: long enough not to save every word.
  var AUTOSAVE_DELAY = 3000;
  // keepalive requests (which outlive the page) may carry at most 64 KiB.
  var KEEPALIVE_LIMIT = 60000;
  var autosaveUrl = form.getAttribute("data-autosave-url");
  var saveStatus = document.getElementById("body-status");
  var autosaveTimer = null;
  var inFlight = false;
  var again = false;
  var stopped = false;
  var submitAfter = null;
  var onServer = pageText();

  function say(text) {
    if (saveStatus && saveStatus.textContent !== text) saveStatus.textContent = text;
  }

  function refusalText(response) {
    return response.text().then(function (text) {
      try {
        return JSON.parse(text);
      } catch (error) {
        // The desk's refusals (signed out, no role) are a small HTML fragment.
        var html = new DOMParser().parseFromString(text, "text/html");
        return { error: (html.body.textContent || "").trim() || "error " + response.status };
      }
    });
  }

  function showConflict(message) {
    var notice = document.getElementById("autosave-conflict");
    if (!notice) return;
    notice.querySelector("[data-conflict-message]").textContent = message;
    notice.hidden = false;
  }

  function autosave(leaving) {
    window.clearTimeout(autosaveTimer);
    if (!autosaveUrl || stopped || submitting) return;
    var text = currentText();
    if (sameText(text, onServer)) return;
    if (inFlight) {
      again = true;
      return;
    }
    var data = new FormData();
    data.append("csrfmiddlewaretoken", csrfToken);
    fields.forEach(function (name) {
      data.append(name, text[name]);
    });
    data.append("version", field("version").value);
    var size = fields.reduce(function (total, name) {
      return total + text[name].length * 3;
    }, 0);
    inFlight = true;
    if (!leaving) say("Saving…");
    var request;
    try {
      request = fetch(autosaveUrl, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        keepalive: size < KEEPALIVE_LIMIT,
        headers: { "X-Requested-With": "XMLHttpRequest" },
      });
    } catch (error) {
      request = Promise.reject(error);
    }
    request
      .then(function (response) {
        return refusalText(response).then(function (result) {
          return { status: response.status, ok: response.ok, result: result };
        });
      })
      .then(function (answer) {
        var result = answer.result || {};
        if (answer.ok) {
          field("version").value = String(result.version);
          onServer = text;
          loaded = text;
          dirty = !sameText(currentText(), loaded);
          if (!dirty) {
            forgetBackup();
            say("Saved automatically at " + result.time);
          } else {
            say("Unsaved changes");
          }
          return;
        }
        var message = result.error || "error " + answer.status;
        say("Could not save: " + message);
        if (answer.status === 409 || answer.status === 403) {
          // Stale or refused: saving again would be refused too. The typed text
          // stays in the form (and in this browser's copy) for an explicit Save.
          stopped = true;
          if (result.conflict) showConflict(message);
        }
      })
      .catch(function () {
        say("Could not save: no connection. Your text is kept in this browser; it is saved when you type again.");
      })
      .then(function () {
        inFlight = false;
        if (submitAfter) {
          // Save was pressed while an autosave was on its way: send the form now,
          // with the version that autosave claimed.
          var submitter = submitAfter;
          submitAfter = null;
          form.requestSubmit(submitter === true ? undefined : submitter);
        } else if (again) {
          again = false;
          autosave(false);
        }
      });
  }

  var backupTimer = null;
  form.addEventListener("input", function () {
    dirty = !sameText(currentText(), loaded);
    window.clearTimeout(backupTimer);
    backupTimer = window.setTimeout(writeBackup, 400);
    if (autosaveUrl && !stopped) {
      window.clearTimeout(autosaveTimer);
      if (!sameText(currentText(), onServer)) {
        say("Unsaved changes");
        autosaveTimer = window.setTimeout(function () {
          autosave(false);
        }, AUTOSAVE_DELAY);
      }
    }
  });
  form.addEventListener("submit", function (event) {
    window.clearTimeout(autosaveTimer);
    if (inFlight) {
      event.preventDefault();
      submitAfter = event.submitter || true;
      say("Saving…");
      return;
    }
    writeBackup();
    submitting = true;
  });
  // Leaving the page or hiding it (another tab, a closed laptop): save now.
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") autosave(true);
  });
  window.addEventListener("pagehide", function () {
    autosave(true);
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty && !submitting) {
      autosave(true);
      writeBackup();
      event.preventDefault();
      event.returnValue = "";
    }
  });
  offerBackup();
  // Typed before this script ran: treat it as typed now.
  if (!sameText(currentText(), loaded)) form.dispatchEvent(new Event("input"));

  /* The slug follows the title ------------------------------------------------- */

  function slugify(text) {
    return text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^\x00-\x7f]/g, "")
      .toLowerCase()
      .replace(/[^\w\s-]/g, "")
      .trim()
      .replace(/[-\s]+/g, "-")
      .replace(/^[-_]+|[-_]+$/g, "")
      .slice(0, 200);
  }

  var title = field("title");
  var slug = field("slug");
  if (title && slug && !slug.disabled) {
    var follows = slug.value === "" || slug.value === slugify(title.value);
    title.addEventListener("input", function () {
      if (follows) slug.value = slugify(title.value);
    });
    slug.addEventListener("input", function () {
      follows = slug.value === "";
    });
  }

  /* Images -------------------------------------------------------------------- */

  var body = field("body");
  var uploadBox = form.querySelector(".image-upload");
  var status = document.getElementById("upload-status");

  function insertAtCursor(text) {
    var start = body.selectionStart;
    var end = body.selectionEnd;
    body.value = body.value.slice(0, start) + text + body.value.slice(end);
    body.selectionStart = body.selectionEnd = start + text.length;
    notifyInput(body);
  }

  function upload(file) {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", csrfToken);
    data.append("image", file);
    status.textContent = "Uploading " + file.name + "…";
    fetch(body.getAttribute("data-markdownx-upload-urls-path"), {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "XMLHttpRequest" },
    })
      .then(function (response) {
        return response.json().catch(function () {
          return { error: "The upload failed (" + response.status + "). Try again." };
        });
      })
      .then(function (result) {
        if (result.image_code) {
          insertAtCursor("\n" + result.image_code + "\n");
          status.textContent = "Image inserted. Describe it in the square brackets.";
        } else {
          status.textContent = result.error || "The upload failed. Try again.";
        }
      })
      .catch(function () {
        status.textContent = "The upload failed: no connection. Try again.";
      });
  }

  function filesOf(event) {
    var source = event.clipboardData || event.dataTransfer;
    return source && source.files && source.files.length ? source.files : null;
  }

  if (body && uploadBox && editable()) {
    uploadBox.hidden = false;
    document.getElementById("image-upload").addEventListener("change", function (event) {
      Array.prototype.forEach.call(event.target.files, upload);
      event.target.value = "";
    });
    // Captured above the textarea so markdownx's own uploader, which writes its
    // errors into the text, never sees the files.
    ["paste", "drop"].forEach(function (type) {
      body.parentNode.addEventListener(
        type,
        function (event) {
          var files = filesOf(event);
          if (!files) return;
          event.preventDefault();
          event.stopPropagation();
          body.focus();
          Array.prototype.forEach.call(files, upload);
        },
        true
      );
    });
  }

  var preview = form.querySelector(".markdownx-preview");
  if (preview) {
    preview.setAttribute("role", "region");
    preview.setAttribute("aria-label", "Live preview");
    // It scrolls on its own: keyboard users reach it with Tab to scroll it.
    preview.setAttribute("tabindex", "0");
  }

  /* Who else has the answer open ---------------------------------------------- */

  var presence = document.getElementById("presence");
  if (presence && window.fetch) {
    var url = presence.getAttribute("data-url");
    var every = parseInt(presence.getAttribute("data-interval"), 10) || 20;

    var show = function (others) {
      presence.textContent = others.length
        ? "Also open by " + others.join(", ") + ". If you both save, the second " +
          "save is refused and its writer gets their text back."
        : "";
    };

    var beat = function () {
      var data = new FormData();
      data.append("csrfmiddlewaretoken", csrfToken);
      fetch(url, { method: "POST", body: data, credentials: "same-origin" })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (result) {
          if (result) show(result.others);
        })
        .catch(function () {
          /* Offline for a moment: the next beat tries again. */
        });
    };

    // The page's forms lead back to this editor: a check-out sent on the way could
    // arrive after the next page checked in. (Signing out just lets the entry expire.)
    var staying = false;
    document.addEventListener("submit", function () {
      staying = true;
    });
    window.setInterval(beat, every * 1000);
    window.addEventListener("pagehide", function () {
      if (staying || !navigator.sendBeacon) return;
      var data = new FormData();
      data.append("csrfmiddlewaretoken", csrfToken);
      data.append("leaving", "on");
      navigator.sendBeacon(url, data);
    });
  }
})();
