/*
 * The support agent console: the assistant's conversation as a script to read out.
 * Everything from the server is shown as text (textContent), never as HTML.
 * Keys: Enter sends what the caller says (and starts a call if none is open); Alt+1..Alt+9
 * choose a choice; Alt+N new caller; Alt+E escalate; Alt+C copies the case summary; Alt+L
 * switches the caller's language (English / Español).
 * The call is kept in this tab (sessionStorage) until "New caller" or "Log out".
 *
 * The caller's language goes with every message (as the widget's data-lang does): the caller's
 * words are read in it and the script comes back in it; the console's own labels follow it.
 */
(function () {
  "use strict";

  var STORE = "agent-console";
  var AGENT = "agent-console-agent"; // the agent's name, for every call of this log-in
  var LANGUAGE = "agent-console-language"; // the agent's last choice, for the next calls too
  var LABELS = {
    en: {
      pageTitle: "Click2Gov breach check: support agent console",
      heading: "Click2Gov breach check",
      subheading: "support agent console",
      language: "Caller's language",
      languageNow: "The call is now in English: the caller's words are read in English and the script is in English.",
      usage: "Usage (supervisors)",
      newCaller: "New caller",
      logout: "Log out",
      next: "Next",
      idle: "Type the caller's first words below (or press \"New caller\", Alt+N): the call starts with them.",
      choices: "The caller's choices",
      said: "What the caller says",
      send: "Send",
      saidHint: "Type the caller's words. Never type a card number, security code or Social Security number.",
      escalate: "Escalate",
      why: "Why (tell the caller in your words)",
      steps: "Steps to read out",
      numbers: "Numbers to give",
      documents: "Where it says so",
      caseHeading: "Case summary (for the ticket)",
      caseHint: "These fields stay in this browser tab: they are never sent to the assistant.",
      callerRef: "Caller reference or call-back number",
      agent: "Agent",
      disposition: "Disposition",
      answered: "Answered",
      escalated: "Escalated",
      callBack: "Call back",
      notes: "Notes",
      summary: "The summary to copy",
      copy: "Copy summary",
      history: "This call",
      caller: "Caller",
      assistant: "Assistant",
      verdict: "Verdict: {headline} ({city})",
      verdictPrompt: "Verdict: {headline}. Tell the caller the verdict and why, then read out the steps and the numbers below.",
      note: "Note: {note}",
      inferred: " (inferred: {how})",
      noSummary: "Click2Gov breach check - case summary\nNo check completed on this call.",
      refLine: "Caller reference: {ref}",
      notRecorded: "not recorded",
      dispositionLine: "Disposition: {disposition}",
      dispositions: { answered: "answered", escalated: "escalated", "call back": "call back" },
      escalatedLine: "Escalated to: {line}",
      agentLine: "Agent: {name}",
      notesLine: "Notes: {notes}",
      failed: "The assistant did not answer ({error}). Send again.",
      newFailed: "Could not start a new caller ({error}).",
      noCall: "No call yet: start one first.",
      transfer: "Transfer the caller to {line}. Disposition set to Escalated.",
      noCity: "No city yet: type the caller's city (e.g. \"Odessa\"), then press Escalate again for its number. Disposition set to Escalated.",
      copied: "Copied.",
      copyByHand: "Select the summary and copy it (Ctrl+C).",
      pressCopy: "Press Ctrl+C to copy."
    },
    es: {
      pageTitle: "Revisión de la filtración de Click2Gov: consola de agentes de atención",
      heading: "Revisión de la filtración de Click2Gov",
      subheading: "consola de agentes de atención",
      language: "Idioma de la persona que llama",
      languageNow: "La llamada ahora es en español: las palabras de la persona se leen en español y el guion está en español.",
      usage: "Uso (supervisores)",
      newCaller: "Llamada nueva",
      logout: "Cerrar sesión",
      next: "Siguiente",
      idle: "Escriba abajo las primeras palabras de la persona que llama (o pulse \"Llamada nueva\", Alt+N): la llamada empieza con ellas.",
      choices: "Las opciones de la persona que llama",
      said: "Lo que dice la persona que llama",
      send: "Enviar",
      saidHint: "Escriba las palabras de la persona que llama. Nunca escriba un número de tarjeta, un código de seguridad ni un número de Seguro Social.",
      escalate: "Escalar",
      why: "Por qué (dígaselo a la persona con sus palabras)",
      steps: "Pasos para leer en voz alta",
      numbers: "Números para dar",
      documents: "Dónde lo dice",
      caseHeading: "Resumen del caso (para el ticket)",
      caseHint: "Estos campos se quedan en esta pestaña del navegador: nunca se envían al asistente.",
      callerRef: "Referencia de la persona o número para devolver la llamada",
      agent: "Agente",
      disposition: "Resolución",
      answered: "Atendida",
      escalated: "Escalada",
      callBack: "Devolver la llamada",
      notes: "Notas",
      summary: "El resumen para copiar",
      copy: "Copiar resumen",
      history: "Esta llamada",
      caller: "Persona que llama",
      assistant: "Asistente",
      verdict: "Veredicto: {headline} ({city})",
      verdictPrompt: "Veredicto: {headline}. Diga a la persona que llama el veredicto y por qué, y luego lea los pasos y los números de abajo.",
      note: "Nota: {note}",
      inferred: " (deducido: {how})",
      noSummary: "Revisión de la filtración de Click2Gov - resumen del caso\nNo se completó ninguna revisión en esta llamada.",
      refLine: "Referencia de la persona: {ref}",
      notRecorded: "sin registrar",
      dispositionLine: "Resolución: {disposition}",
      dispositions: { answered: "atendida", escalated: "escalada", "call back": "devolver la llamada" },
      escalatedLine: "Escalada a: {line}",
      agentLine: "Agente: {name}",
      notesLine: "Notas: {notes}",
      failed: "El asistente no respondió ({error}). Envíe de nuevo.",
      newFailed: "No se pudo empezar una llamada nueva ({error}).",
      noCall: "Todavía no hay llamada: empiece una primero.",
      transfer: "Transfiera a la persona que llama a {line}. Resolución: Escalada.",
      noCity: "Todavía no hay ciudad: escriba la ciudad de la persona (p. ej. \"Odessa\") y pulse Escalar otra vez para ver su número. Resolución: Escalada.",
      copied: "Copiado.",
      copyByHand: "Seleccione el resumen y cópielo (Ctrl+C).",
      pressCopy: "Pulse Ctrl+C para copiar."
    }
  };
  var $ = function (id) { return document.getElementById(id); };
  var state = load();
  var lang = loadLanguage();
  var busy = false;
  var queued = []; // what the agent typed while a turn was on its way

  /** A label in the console's language, with its {placeholders} filled. */
  function L(key, values) {
    var text = LABELS[lang][key];
    Object.keys(values || {}).forEach(function (name) {
      text = text.split("{" + name + "}").join(values[name]);
    });
    return text;
  }

  function loadLanguage() {
    var saved = null;
    try {
      saved = sessionStorage.getItem(LANGUAGE);
    } catch (error) { /* English */ }
    var cookie = /(?:^|;\s*)agent_lang=(en|es)\b/.exec(document.cookie); // the log-in page's
    saved = saved || state.lang || (cookie && cookie[1]);
    return LABELS[saved] ? saved : "en";
  }

  function fresh(conversation) {
    return {
      conversation: conversation, log: [], prompt: null, promptLang: null, choices: [],
      result: null, resultLang: null, escalation: null, lang: lang,
      fields: { ref: "", notes: "", disposition: "answered" }
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

  /** The console's own words in its language: every [data-label] element, the page's lang. */
  function drawLabels() {
    document.documentElement.lang = lang;
    Array.prototype.forEach.call(document.querySelectorAll("[data-label]"), function (node) {
      node.textContent = L(node.getAttribute("data-label"));
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-label-aria]"), function (node) {
      node.setAttribute("aria-label", L(node.getAttribute("data-label-aria")));
    });
    Array.prototype.forEach.call(document.querySelectorAll("input[name=language]"), function (radio) {
      radio.checked = radio.value === lang;
    });
  }

  /** What the assistant said, marked with the language it was said in (the caller's language
   *  when it was sent). In a Spanish script a notice's own words stay English, and are marked
   *  so: the words in curly quotes (how the script quotes a notice), and with `titles` the
   *  straight-quoted ones too (a notice's title in a citation). */
  function spoken(node, text, said, titles) {
    node.textContent = "";
    node.setAttribute("lang", said || lang);
    if ((said || lang) === "en") {
      node.textContent = text;
      return node;
    }
    var quotes = titles ? /(\u201c[^\u201d]*\u201d|"[^"]+")/ : /(\u201c[^\u201d]*\u201d)/;
    String(text).split(quotes).forEach(function (part, index) {
      if (index % 2) {
        node.appendChild(item("span", part, "original")).setAttribute("lang", "en");
      } else if (part) {
        node.appendChild(document.createTextNode(part));
      }
    });
    return node;
  }

  function drawPrompt() {
    if (state.prompt) {
      spoken($("prompt"), state.prompt, state.promptLang);
    } else {
      $("prompt").removeAttribute("lang");
      $("prompt").textContent = L("idle");
    }
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

  function fill(list, lines, said) {
    list.textContent = "";
    lines.forEach(function (line) { list.appendChild(spoken(item("li", ""), line, said)); });
  }

  function drawDocuments(result, said) {
    var box = $("documents");
    box.textContent = "";
    (result.documents || []).forEach(function (doc) {
      box.appendChild(
        spoken(item("p", "", "document"), doc.label + ": " + doc.citation, said, true)
      );
      var quotes = item("ul", "", "quotes");
      doc.quotes.forEach(function (q) {
        var line = item("li", "");
        // the notice's own words, in the notice's language (English)
        line.appendChild(item("span", "\u201c" + q.quote + "\u201d")).setAttribute("lang", "en");
        if (q.inferred) {
          var how = item("span", L("inferred", { how: q.inferred }), "inferred");
          how.setAttribute("lang", said || lang);
          line.appendChild(how);
        }
        quotes.appendChild(line);
      });
      box.appendChild(quotes);
    });
    $("documents-heading").hidden = !(result.documents || []).length;
  }

  function drawResult() {
    var result = state.result;
    var said = state.resultLang;
    $("result").hidden = !result;
    if (!result) {
      return;
    }
    $("verdict").textContent = L("verdict", { headline: result.headline, city: result.city });
    $("verdict").className = "verdict " + result.verdict;
    spoken($("reason"), result.reason, said);
    fill($("notes"), (result.notes || []).map(function (n) { return L("note", { note: n }); }), said);
    fill($("steps"), result.steps, said);
    fill($("numbers"), result.numbers, said);
    drawDocuments(result, said);
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
    var lines = [state.result ? state.result.summary : L("noSummary")];
    lines.push(L("refLine", { ref: mask(f.ref) || L("notRecorded") }));
    var disposition = LABELS[lang].dispositions[f.disposition] || f.disposition;
    lines.push(L("dispositionLine", { disposition: disposition }));
    if (state.escalation && f.disposition === "escalated") {
      lines.push(L("escalatedLine", { line: state.escalation }));
    }
    lines.push(L("agentLine", { name: mask(agentName()) || L("notRecorded") }));
    if (f.notes) {
      lines.push(L("notesLine", { notes: mask(f.notes) }));
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
    var list = $("log");
    list.textContent = "";
    state.log.forEach(function (entry) {
      var line = item("li", L(entry.who === "Caller" ? "caller" : "assistant") + ": ");
      line.appendChild(spoken(item("span", ""), entry.text, entry.lang));
      list.appendChild(line);
    });
  }

  function draw() {
    drawLabels();
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

  /** A turn's answer; `said` is the language the turn was sent in (the replies are in it). */
  function receive(reply, said) {
    var texts = [];
    state.choices = [];
    (reply.messages || []).forEach(function (message) {
      if (message.custom && message.custom.kind === "result") {
        state.result = message.custom;
        state.resultLang = said;
        state.escalation = message.custom.escalation || state.escalation;
        texts.push(LABELS[said].verdictPrompt.replace("{headline}", message.custom.headline));
      } else if (typeof message.text === "string" && message.text) {
        texts.push(message.text);
        state.log.push({ who: "Assistant", text: message.text, lang: said });
      }
      if (Array.isArray(message.buttons) && message.buttons.length) {
        state.choices = message.buttons.filter(function (b) {
          return typeof b.title === "string" && typeof b.payload === "string";
        }).map(function (b) { return { title: b.title, payload: b.payload }; });
      }
    });
    if (texts.length) {
      state.prompt = texts.join("\n");
      state.promptLang = said;
    }
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
    var said = lang; // the caller's language: the words are read in it, the script comes in it
    $("prompt").setAttribute("aria-busy", "true");
    var body = { conversation: state.conversation, message: message, lang: said };
    return post("/agent/api/message", body)
      .then(function (reply) {
        if (message.charAt(0) !== "/" || shown) {
          var words = message.charAt(0) === "/" ? shown : reply.said;
          state.log.push({ who: "Caller", text: words, lang: said });
        }
        receive(reply, said);
      }, function (error) {
        state.prompt = L("failed", { error: error.message });
        state.promptLang = lang;
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
      state.prompt = L("newFailed", { error: error.message });
      state.promptLang = lang;
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
      out.textContent = L("noCall");
      return;
    }
    state.fields.disposition = "escalated";
    save();
    drawCase();
    out.textContent = state.escalation ? L("transfer", { line: state.escalation }) : L("noCity");
  }

  function copySummary() {
    drawCase();
    var text = $("summary").value;
    var done = function () { $("copied").textContent = L("copied"); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () {
        $("copied").textContent = L("copyByHand");
      });
    } else {
      $("summary").select();
      $("copied").textContent = document.execCommand("copy") ? L("copied") : L("pressCopy");
    }
  }

  /** The caller's language, for this call and the next ones (until changed): the labels follow
   *  at once; the caller's next words are read in it and the script comes back in it. A call
   *  with nothing said yet gets its opening prompt again, in the new language. The log-in page
   *  follows it too (a cookie with the choice only). */
  function setLanguage(next) {
    if (!LABELS[next] || next === lang) {
      drawLabels();
      return;
    }
    lang = next;
    state.lang = lang;
    try {
      sessionStorage.setItem(LANGUAGE, lang);
    } catch (error) { /* for this page only */ }
    document.cookie = "agent_lang=" + lang + "; path=/agent; max-age=31536000; SameSite=Strict";
    save();
    draw();
    $("language-status").textContent = L("languageNow");
    var nothingSaid = !state.log.some(function (entry) { return entry.who === "Caller"; });
    if (state.conversation && nothingSaid && !busy) {
      send("/greet");
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
    } else if (key === "l" || event.code === "KeyL") {
      event.preventDefault();
      setLanguage(lang === "en" ? "es" : "en");
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
    Array.prototype.forEach.call(document.querySelectorAll("input[name=language]"), function (radio) {
      radio.addEventListener("change", function () {
        if (radio.checked) {
          setLanguage(radio.value);
        }
      });
    });
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
