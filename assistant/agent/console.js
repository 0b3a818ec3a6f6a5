/*
 * The support agent console: the assistant's conversation as a script to read out.
 * Everything from the server is shown as text (textContent), never as HTML.
 * Keys: Enter sends what the caller says; Alt+1..Alt+9 choose a choice; Alt+N new caller;
 * Alt+C copies the case summary.
 */
(function () {
  "use strict";

  var STORE = "agent-console";
  var $ = function (id) { return document.getElementById(id); };
  var state = load();
  var busy = false;

  function load() {
    try {
      var saved = JSON.parse(sessionStorage.getItem(STORE) || "null");
      if (saved && typeof saved.conversation === "string") {
        return saved;
      }
    } catch (error) { /* start afresh */ }
    return { conversation: null, log: [], prompt: null, choices: [], result: null };
  }

  function save() {
    try {
      sessionStorage.setItem(STORE, JSON.stringify(state));
    } catch (error) { /* the call lasts as long as the page */ }
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
    $("prompt").textContent = state.prompt || "Press \"New caller\" (Alt+N) to start.";
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

  function drawResult() {
    var result = state.result;
    $("result").hidden = !result;
    if (!result) {
      return;
    }
    $("verdict").textContent = "Verdict: " + result.headline + " (" + result.city + ")";
    $("verdict").className = "verdict " + result.verdict;
    $("reason").textContent = result.reason;
    $("notice").textContent = result.notice ? "Notice: " + result.notice : "No notice on record.";
    fill($("quotes"), result.quotes.map(function (q) {
      var basis = q.how ? "inferred: " + q.how : q.basis;
      return "\u201c" + q.quote + "\u201d (" + q.document + ", " + basis + ")";
    }));
    fill($("steps"), result.steps);
    fill($("numbers"), result.numbers);
    $("summary").value = result.summary;
    $("copied").textContent = "";
  }

  function drawLog() {
    fill($("log"), state.log.map(function (entry) { return entry.who + ": " + entry.text; }));
  }

  function draw() {
    drawPrompt();
    drawResult();
    drawLog();
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
        location.reload(); // the session ended: back to the login form
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
        texts.push("Verdict: " + message.custom.headline + ". Read out the reason and the steps below.");
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

  function send(message, shown) {
    if (busy || !state.conversation) {
      return;
    }
    busy = true;
    $("prompt").setAttribute("aria-busy", "true");
    post("/agent/api/message", { conversation: state.conversation, message: message })
      .then(function (reply) {
        if (message.charAt(0) !== "/" || shown) {
          state.log.push({ who: "Caller", text: message.charAt(0) === "/" ? shown : reply.said });
        }
        receive(reply);
      }, function (error) {
        state.prompt = "The assistant did not answer (" + error.message + "). Send again.";
        drawPrompt();
        if (message.charAt(0) !== "/") {
          $("said").value = message; // nothing typed is lost
        }
      })
      .then(function () {
        busy = false;
        $("prompt").removeAttribute("aria-busy");
      });
  }

  function newCaller() {
    post("/agent/api/new").then(function (reply) {
      state = { conversation: reply.conversation, log: [], prompt: null, choices: [], result: null };
      save();
      draw();
      $("said").value = "";
      $("said").focus();
      send("/greet");
    }, function (error) {
      state.prompt = "Could not start a new caller (" + error.message + ").";
      drawPrompt();
    });
  }

  function copySummary() {
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
    if (key === "n") {
      event.preventDefault();
      newCaller();
    } else if (key === "c" && state.result) {
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
    $("copy").addEventListener("click", copySummary);
    draw();
    $("said").focus();
  });
})();
