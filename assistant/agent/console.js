/*
 * The support agent console: the assistant's conversation as a script to read out.
 * Everything from the server is shown as text (textContent), never as HTML.
 * Keys: Enter sends what the caller says (and starts a call if none is open); Alt+1..Alt+9
 * choose a choice; Alt+N new caller; Alt+E escalate; Alt+C copies the case summary.
 * The call is kept in this tab (sessionStorage) until "New caller" or "Log out".
 */
(function () {
  "use strict";

  var STORE = "agent-console";
  var AGENT = "agent-console-agent"; // the agent's name, for every call of this log-in
  var $ = function (id) { return document.getElementById(id); };
  var state = load();
  var busy = false;
  var queued = []; // what the agent typed while a turn was on its way

  function fresh(conversation) {
    return {
      conversation: conversation, log: [], prompt: null, choices: [], result: null,
      escalation: null, fields: { ref: "", notes: "", disposition: "answered" }
    };
  }

  function load() {
    try {
      var saved = JSON.parse(sessionStorage.getItem(STORE) || "null");
      if (saved && typeof saved.conversation === "string") {
        saved.fields = saved.fields || fresh(null).fields;
        return saved;
      }
    } catch (error) { /* start afresh */ }
    return fresh(null);
  }

  function save() {
    try {
      sessionStorage.setItem(STORE, JSON.stringify(state));
    } catch (error) { /* the call lasts as long as the page */ }
  }

  function forgetAll() {
    try {
      sessionStorage.removeItem(STORE);
      sessionStorage.removeItem(AGENT);
    } catch (error) { /* nothing kept */ }
  }

  /** Card numbers and SSNs typed into the agent's own fields are not kept or copied. */
  function mask(text) {
    return String(text || "")
      .replace(/(^|[^\d])(?:\d[\s.\/-]*){12,18}\d(?!\d)/g, "$1[card number removed]")
      .replace(/\b\d{3}[\s.-]\d{2}[\s.-]\d{4}\b/g, "[SSN removed]");
  }

  function item(tag, text, className) {
    var node = document.createElement(tag);
    node.textContent = text;
    if (className) {
      node.className = className;
    }
    return node;
  }

  // ---------------------------------------------------------------- drawing

  function drawPrompt() {
    $("prompt").textContent = state.prompt ||
      "Type the caller's first words below (or press \"New caller\", Alt+N): the call starts with them.";
    var choices = $("choices");
    choices.textContent = "";
    state.choices.forEach(function (choice, index) {
      var button = item("button", "", "choice");
      button.type = "button";
      button.appendChild(document.createTextNode(choice.title + " "));
      if (index < 9) {
        button.appendChild(item("kbd", "Alt+" + (index + 1)));
        button.setAttribute("aria-keyshortcuts", "Alt+" + (index + 1));
      }
      button.addEventListener("click", function () { send(choice.payload, choice.title); });
      choices.appendChild(button);
    });
  }

  function fill(list, lines) {
    list.textContent = "";
    lines.forEach(function (line) { list.appendChild(item("li", line)); });
  }

  function drawDocuments(result) {
    var box = $("documents");
    box.textContent = "";
    (result.documents || []).forEach(function (doc) {
      box.appendChild(item("p", doc.label + ": " + doc.citation, "document"));
      var quotes = item("ul", "", "quotes");
      doc.quotes.forEach(function (q) {
        var line = item("li", "\u201c" + q.quote + "\u201d");
        if (q.inferred) {
          line.appendChild(item("span", " (inferred: " + q.inferred + ")", "inferred"));
        }
        quotes.appendChild(line);
      });
      box.appendChild(quotes);
    });
    $("documents-heading").hidden = !(result.documents || []).length;
  }

  function drawResult() {
    var result = state.result;
    $("result").hidden = !result;
    if (!result) {
      return;
    }
    $("verdict").textContent = "Verdict: " + result.headline + " (" + result.city + ")";
    $("verdict").className = "verdict " + result.verdict;
    $("reason").textContent = result.reason;
    fill($("notes"), (result.notes || []).map(function (n) { return "Note: " + n; }));
    fill($("steps"), result.steps);
    fill($("numbers"), result.numbers);
    drawDocuments(result);
  }

  function agentName() {
    try {
      return sessionStorage.getItem(AGENT) || "";
    } catch (error) {
      return "";
    }
  }

  /** The assistant's summary of the check, and the agent's own fields under it. */
  function summaryText() {
    var f = state.fields;
    var lines = [state.result ? state.result.summary :
      "Click2Gov breach check - case summary\nNo check completed on this call."];
    lines.push("Caller reference: " + (mask(f.ref) || "not recorded"));
    lines.push("Disposition: " + f.disposition);
    if (state.escalation && f.disposition === "escalated") {
      lines.push("Escalated to: " + state.escalation);
    }
    lines.push("Agent: " + (mask(agentName()) || "not recorded"));
    if (f.notes) {
      lines.push("Notes: " + mask(f.notes));
    }
    return lines.join("\n");
  }

  function drawCase() {
    $("case").hidden = !state.conversation;
    $("caller-ref").value = state.fields.ref;
    $("case-notes").value = state.fields.notes;
    $("disposition").value = state.fields.disposition;
    $("agent-name").value = agentName();
    $("summary").value = summaryText();
  }

  function drawLog() {
    fill($("log"), state.log.map(function (entry) { return entry.who + ": " + entry.text; }));
  }

  function draw() {
    drawPrompt();
    drawResult();
    drawCase();
    drawLog();
    $("escalation").textContent = "";
  }

  // ---------------------------------------------------------------- talking to the assistant

  function post(path, body) {
    return fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body || {}),
      credentials: "same-origin"
    }).then(function (reply) {
      if (reply.status === 401) {
        forgetAll(); // the session ended: nothing of the call stays in the tab
        location.reload(); // back to the login form
        throw new Error("logged out");
      }
      if (!reply.ok) {
        throw new Error("HTTP " + reply.status);
      }
      return reply.json();
    });
  }

  function receive(reply) {
    var texts = [];
    state.choices = [];
    (reply.messages || []).forEach(function (message) {
      if (message.custom && message.custom.kind === "result") {
        state.result = message.custom;
        state.escalation = message.custom.escalation || state.escalation;
        texts.push("Verdict: " + message.custom.headline + ". Tell the caller the verdict and why, " +
          "then read out the steps and the numbers below.");
      } else if (typeof message.text === "string" && message.text) {
        texts.push(message.text);
        state.log.push({ who: "Assistant", text: message.text });
      }
      if (Array.isArray(message.buttons) && message.buttons.length) {
        state.choices = message.buttons.filter(function (b) {
          return typeof b.title === "string" && typeof b.payload === "string";
        }).map(function (b) { return { title: b.title, payload: b.payload }; });
      }
    });
    state.prompt = texts.length ? texts.join("\n") : state.prompt;
    save();
    draw();
    $("said").focus(); // agents type on; the prompt (a live region) announces what came
  }

  /** One turn; resolves when it is answered (or has failed, with what was typed put back). */
  function send(message, shown) {
    if (busy) {
      if (message.charAt(0) !== "/") {
        queued.push(message); // sent in order once the turn before it is answered
      }
      return Promise.resolve();
    }
    if (!state.conversation) {
      return startCall(message.charAt(0) === "/" ? null : message);
    }
    busy = true;
    $("prompt").setAttribute("aria-busy", "true");
    return post("/agent/api/message", { conversation: state.conversation, message: message })
      .then(function (reply) {
        if (message.charAt(0) !== "/" || shown) {
          state.log.push({ who: "Caller", text: message.charAt(0) === "/" ? shown : reply.said });
        }
        receive(reply);
      }, function (error) {
        state.prompt = "The assistant did not answer (" + error.message + "). Send again.";
        drawPrompt();
        if (message.charAt(0) !== "/" && !$("said").value) {
          $("said").value = message; // nothing typed is lost
        }
      })
      .then(function () {
        busy = false;
        $("prompt").removeAttribute("aria-busy");
        var next = queued.shift();
        return next ? send(next) : null;
      });
  }

  /** A new call: a new conversation, the opening prompt, then `first` (what the agent had
   *  already typed), if any. */
  function startCall(first) {
    if (busy) {
      return Promise.resolve();
    }
    busy = true;
    if (first) {
      queued.unshift(first); // after the opening prompt, before anything typed since
    }
    return post("/agent/api/new").then(function (reply) {
      state = fresh(reply.conversation);
      save();
      draw();
      busy = false;
      return send("/greet");
    }, function (error) {
      busy = false;
      state.prompt = "Could not start a new caller (" + error.message + ").";
      drawPrompt();
      if (queued.length && !$("said").value) {
        $("said").value = queued.join(" "); // nothing typed is lost
      }
      queued = [];
    });
  }

  function newCaller() {
    $("said").value = "";
    queued = [];
    startCall(null).then(function () { $("said").focus(); });
  }

  function escalate() {
    var out = $("escalation");
    if (!state.conversation) {
      out.textContent = "No call yet: start one first.";
      return;
    }
    state.fields.disposition = "escalated";
    save();
    drawCase();
    out.textContent = state.escalation
      ? "Transfer the caller to " + state.escalation + ". Disposition set to Escalated."
      : "No city yet: type the caller's city (e.g. \"Odessa\"), then press Escalate again for " +
        "its number. Disposition set to Escalated.";
  }

  function copySummary() {
    drawCase();
    var text = $("summary").value;
    var done = function () { $("copied").textContent = "Copied."; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () {
        $("copied").textContent = "Select the summary and copy it (Ctrl+C).";
      });
    } else {
      $("summary").select();
      $("copied").textContent = document.execCommand("copy") ? "Copied." : "Press Ctrl+C to copy.";
    }
  }

  // ---------------------------------------------------------------- keys

  document.addEventListener("keydown", function (event) {
    if (!event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    var key = event.key.toLowerCase();
    var digit = /^Digit([1-9])$/.exec(event.code);
    if (key === "n" || event.code === "KeyN") {
      event.preventDefault();
      newCaller();
    } else if (key === "e" || event.code === "KeyE") {
      event.preventDefault();
      escalate();
    } else if ((key === "c" || event.code === "KeyC") && state.conversation) {
      event.preventDefault();
      copySummary();
    } else if (digit && state.choices[Number(digit[1]) - 1]) {
      event.preventDefault();
      var choice = state.choices[Number(digit[1]) - 1];
      send(choice.payload, choice.title);
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    $("compose").addEventListener("submit", function (event) {
      event.preventDefault();
      var text = $("said").value.trim();
      if (!text) {
        return;
      }
      $("said").value = "";
      send(text);
    });
    $("new-caller").addEventListener("click", newCaller);
    $("escalate").addEventListener("click", escalate);
    $("copy").addEventListener("click", copySummary);
    $("logout").addEventListener("submit", forgetAll); // the next log-in starts with no call
    [["caller-ref", "ref"], ["case-notes", "notes"], ["disposition", "disposition"]].forEach(function (pair) {
      $(pair[0]).addEventListener("input", function () {
        state.fields[pair[1]] = pair[1] === "disposition" ? $(pair[0]).value : mask($(pair[0]).value);
        save();
        $("summary").value = summaryText();
      });
    });
    ["caller-ref", "case-notes", "agent-name"].forEach(function (id) {
      $(id).addEventListener("blur", function () { $(id).value = mask($(id).value); });
    });
    $("disposition").addEventListener("change", function () {
      state.fields.disposition = $("disposition").value;
      save();
      $("summary").value = summaryText();
    });
    $("agent-name").addEventListener("input", function () {
      try {
        sessionStorage.setItem(AGENT, mask($("agent-name").value));
      } catch (error) { /* not kept */ }
      $("summary").value = summaryText();
    });
    draw();
    $("said").focus();
    whoAmI();
  });

  /** The logged-in agent: an account's name goes into every summary (and cannot be changed
   *  there); a supervisor gets the link to the usage page. */
  function whoAmI() {
    fetch("/agent/api/me", { credentials: "same-origin" }).then(function (reply) {
      return reply.ok ? reply.json() : null;
    }).then(function (me) {
      if (!me) {
        return;
      }
      if (me.agent) {
        try {
          sessionStorage.setItem(AGENT, me.agent);
        } catch (error) { /* not kept */ }
        $("agent-name").value = me.agent;
        $("agent-name").readOnly = true;
        $("summary").value = summaryText();
      }
      $("usage").hidden = me.role !== "supervisor";
    }, function () { /* the console works without it */ });
  }
})();
