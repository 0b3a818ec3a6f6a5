/*
 * Click2Gov breach self-check: the chat widget a city embeds with one tag.
 *
 *   <script src="https://ASSISTANT/widget.js" data-city="odessa-tx" defer></script>
 *
 * Options (all optional): data-city (a city id: the resident is not asked for it),
 * data-lang (en or es: the language of the whole conversation: the widget's own labels, the
 * assistant's replies, and how it reads the resident's answers: Spanish dates day first; a
 * notice's own words quoted in a Spanish reply are marked as English), data-title, data-accent
 * (a CSS colour; darkened
 * if needed so that white text on it keeps a 4.5:1 contrast), data-assistant (the assistant's
 * address; default: where this script came from).
 *
 * Every reply is shown as text (never as HTML); only web addresses the assistant's knowledge
 * gives, and phone numbers, become links. The conversation survives a reload and navigation
 * within the site (sessionStorage of this tab); "Start over" clears it.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || window.click2govWidget) {
    return;
  }

  var LABELS = {
    en: {
      title: "Was my payment affected?",
      open: "Was my payment affected? Chat with us",
      openShort: "Chat",
      close: "Close the chat",
      restart: "Start over",
      log: "Conversation",
      input: "Your message",
      send: "Send",
      you: "You said:",
      bot: "Assistant said:",
      choices: "Choices",
      typing: "The assistant is writing…",
      slow: "This is taking longer than usual…",
      retry: "Try again",
      never: "Never type card numbers, security codes or Social Security numbers here.",
      greeting:
        "Hello! I can check whether a payment you made through your city's Click2Gov online " +
        "bill-pay system was affected by the 2017–2019 breaches, and tell you what to do.",
      greetingCity: "Hello! I can check whether a payment you made to {city} through Click2Gov " +
        "was affected by the breach, and tell you what to do.",
      start: "Was my payment affected?",
      unreachable: "Sorry, the assistant cannot be reached right now. Your message was not lost: " +
        "press \"Try again\".",
      call: "If you need an answer now, call {line}.",
      empty: "Please type a question or an answer first.",
      confirm: "Start over? This clears the conversation.",
      confirmYes: "Yes, start over",
      confirmNo: "No, keep it",
      steps: "What to do now ({n} steps)",
      step: "What to do now (1 step)",
      contacts: "Who to contact",
      source: "Where this comes from",
      more: "What to do now, who to contact and the source are below the answer.",
      note: "Note: {note}",
      refused: "Sorry, this chat is not set up for this website yet, so it cannot answer here.",
      refusedConsole: "The assistant at {base} does not accept this page's address ({origin}). " +
        "Add {origin} to BOT_WIDGET_ORIGINS in the assistant's .env (see its README)."
    },
    es: {
      title: "¿Se vio afectado mi pago?",
      open: "¿Se vio afectado mi pago? Chatee con nosotros",
      openShort: "Chat",
      close: "Cerrar el chat",
      restart: "Empezar de nuevo",
      log: "Conversación",
      input: "Su mensaje",
      send: "Enviar",
      you: "Usted dijo:",
      bot: "El asistente dijo:",
      choices: "Opciones",
      typing: "El asistente está escribiendo…",
      slow: "Esto tarda más de lo normal…",
      retry: "Intentar de nuevo",
      never: "Nunca escriba aquí números de tarjeta, códigos de seguridad ni números de Seguro Social.",
      greeting: "¡Hola! Puedo revisar si un pago que hizo en el sistema de pago en línea Click2Gov " +
        "de su ciudad se vio afectado por las filtraciones de 2017–2019, y decirle qué hacer.",
      greetingCity: "¡Hola! Puedo revisar si un pago que hizo a {city} en Click2Gov se vio " +
        "afectado por la filtración, y decirle qué hacer.",
      start: "¿Se vio afectado mi pago?",
      unreachable: "Lo sentimos, no se puede contactar al asistente. Su mensaje no se perdió: " +
        "pulse \"Intentar de nuevo\".",
      call: "Si necesita una respuesta ahora, llame al {line}.",
      empty: "Escriba primero una pregunta o una respuesta.",
      confirm: "¿Empezar de nuevo? Esto borra la conversación.",
      confirmYes: "Sí, empezar de nuevo",
      confirmNo: "No, mantenerla",
      steps: "Qué hacer ahora ({n} pasos)",
      step: "Qué hacer ahora (1 paso)",
      contacts: "A quién llamar",
      source: "De dónde viene esta respuesta",
      more: "Qué hacer ahora, a quién llamar y la fuente están debajo de la respuesta.",
      note: "Nota: {note}",
      refused: "Lo sentimos, este chat todavía no está configurado para este sitio web.",
      refusedConsole: "The assistant at {base} does not accept this page's address ({origin}). " +
        "Add {origin} to BOT_WIDGET_ORIGINS in the assistant's .env (see its README)."
    }
  };
  var SLOW_MS = 5000;
  var TIMEOUT_MS = 20000;
  var DEFAULT_ACCENT = "#1d4f91";

  function option(name, fallback) {
    var value = script.getAttribute("data-" + name);
    return value && value.trim() ? value.trim() : fallback;
  }

  var base = option("assistant", new URL(script.src, location.href).origin).replace(/\/+$/, "");
  var lang = LABELS[option("lang", "en")] ? option("lang", "en") : "en";
  var t = LABELS[lang];
  var presetCity = option("city", "");
  var storageKey = "click2gov-widget:" + base;

  // ---------------------------------------------------------------- colour

  function channel(value) {
    var c = value / 255;
    return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }

  function contrastWithWhite(rgb) {
    var l = 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2]);
    return 1.05 / (l + 0.05);
  }

  function parseColour(text) {
    var probe = document.createElement("span");
    probe.style.color = text;
    if (!probe.style.color) {
      return null;
    }
    document.body.appendChild(probe);
    var parts = getComputedStyle(probe).color.match(/\d+(\.\d+)?/g);
    probe.remove();
    return parts ? parts.slice(0, 3).map(Number) : null;
  }

  /** The accent colour, darkened until white text on it has a contrast of at least 4.5:1. */
  function accessibleAccent(text) {
    var rgb = parseColour(text) || parseColour(DEFAULT_ACCENT);
    for (var i = 0; i < 20 && contrastWithWhite(rgb) < 4.5; i++) {
      rgb = rgb.map(function (c) { return Math.floor(c * 0.9); });
    }
    return "rgb(" + rgb.join(", ") + ")";
  }

  // ---------------------------------------------------------------- state

  /** A random conversation id in lower-case base32 (no run of digits a redactor could take for
   *  a card or phone number). */
  function newSender() {
    var alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    var bytes = new Uint8Array(24);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    return "web-" + Array.prototype.map.call(bytes, function (b) { return alphabet[b % 32]; }).join("");
  }

  function load() {
    try {
      var saved = JSON.parse(sessionStorage.getItem(storageKey) || "null");
      if (saved && typeof saved.sender === "string" && Array.isArray(saved.items)) {
        return saved;
      }
    } catch (error) {
      /* no storage, or something unreadable: start afresh */
    }
    return { sender: newSender(), items: [], open: false };
  }

  var state = load();
  var config = { city: null, call: [], links: [] };
  var sending = false;
  var restored = null; // text put back into the input after a failed send
  var refused = false; // the assistant does not accept this page's address

  /** What of the conversation may be kept in this tab's storage: only what the assistant said it
   *  kept. A message not yet answered (`pending`) and the text of a failed send (`retry`) live in
   *  the page alone, so nothing typed is stored before the assistant has removed its secrets. */
  function storable() {
    var kept = {};
    Object.keys(state).forEach(function (name) { kept[name] = state[name]; });
    kept.items = state.items.filter(function (item) { return !item.pending; }).map(function (item) {
      if (!item.retry) {
        return item;
      }
      var copy = {};
      Object.keys(item).forEach(function (name) {
        if (name !== "retry") {
          copy[name] = item[name];
        }
      });
      return copy;
    });
    return kept;
  }

  function save() {
    try {
      sessionStorage.setItem(storageKey, JSON.stringify(storable()));
    } catch (error) {
      /* private browsing: the conversation lasts as long as the page */
    }
  }

  // ---------------------------------------------------------------- elements

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  var host = element("div", { "class": "click2gov-widget" });
  var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
  root.appendChild(element("link", { rel: "stylesheet", href: base + "/widget.css" }));
  var title = option("title", t.title);

  // The launcher's whole label is its name; a small screen shows the short word only (which is
  // part of the name, so speech users can say what they see).
  var launcher = element("button", {
    type: "button", "class": "launcher", "aria-expanded": "false", "aria-controls": "panel",
    lang: lang
  });
  launcher.appendChild(element("span", { "class": "launcher-long" }, t.open));
  launcher.appendChild(element("span", { "class": "launcher-short", "aria-hidden": "true" }, t.openShort));
  var panel = element("section", {
    id: "panel", "class": "panel", role: "dialog", "aria-modal": "false",
    "aria-labelledby": "title", lang: lang, hidden: ""
  });
  var header = element("div", { "class": "header" });
  header.appendChild(element("h2", { id: "title" }, title));
  var restart = element("button", { type: "button", "class": "restart" }, t.restart);
  var close = element("button", { type: "button", "class": "close", "aria-label": t.close }, "×");
  header.appendChild(restart);
  header.appendChild(close);
  // "Start over" asks first: the conversation is gone once it is cleared.
  var confirm = element("div", {
    "class": "confirm", role: "group", "aria-labelledby": "confirm-text", hidden: ""
  });
  confirm.appendChild(element("p", { id: "confirm-text" }, t.confirm));
  var confirmYes = element("button", { type: "button", "class": "confirm-yes" }, t.confirmYes);
  var confirmNo = element("button", { type: "button", "class": "confirm-no" }, t.confirmNo);
  confirm.appendChild(confirmYes);
  confirm.appendChild(confirmNo);
  var log = element("ol", { "class": "log", "aria-label": t.log, tabindex: "0" });
  var live = element("div", { "class": "visually-hidden", "aria-live": "polite" });
  var status = element("p", { "class": "status", "aria-hidden": "true" });
  var form = element("form", { "class": "compose" });
  var label = element("label", { "for": "input" }, t.input);
  var input = element("textarea", { id: "input", rows: "2", maxlength: "1000", autocomplete: "off" });
  var send = element("button", { type: "submit", "class": "send" }, t.send);
  var hint = element("p", { "class": "hint", id: "hint" }, t.never);
  input.setAttribute("aria-describedby", "hint");
  form.appendChild(label);
  form.appendChild(input);
  form.appendChild(send);
  panel.appendChild(header);
  panel.appendChild(confirm);
  panel.appendChild(log);
  panel.appendChild(status);
  panel.appendChild(form);
  panel.appendChild(hint);
  panel.appendChild(live);
  root.appendChild(launcher);
  root.appendChild(panel);

  // ---------------------------------------------------------------- text and links

  var LINKABLE = /((?:https?:\/\/)?(?:[a-z0-9-]+\.)+(?:gov|com|org|net|us|edu|info)(?:\/[^\s"'<>()]*)?)|(\b1?[-\s(.]*\d{3}[)\-\s.]*\d{3}[-\s.]\d{4}\b)/gi;

  function plainAddress(address) {
    return address.replace(/^https?:\/\//i, "").replace(/[.,;:!?\/]+$/, "").toLowerCase();
  }

  /** Text into node: everything as text; allowed web addresses and phone numbers as links. */
  function renderText(node, text) {
    var last = 0;
    text.replace(LINKABLE, function (match, address, phone, offset) {
      var shown = match;
      var href = null;
      if (address) {
        shown = match.replace(/[.,;:!?]+$/, "");
        if (config.links.indexOf(plainAddress(shown)) !== -1) {
          href = "https://" + plainAddress(shown);
        }
      } else if (phone) {
        var digits = phone.replace(/\D/g, "");
        href = "tel:+" + (digits.length === 10 ? "1" + digits : digits);
        shown = match.replace(/^[\s\-.]+/, "");  // the space before the number stays text
        offset += match.length - shown.length;
      }
      node.appendChild(document.createTextNode(text.slice(last, offset)));
      if (href) {
        var link = element("a", { href: href }, shown);
        if (address) {
          link.setAttribute("target", "_blank");
          link.setAttribute("rel", "noopener noreferrer");
        }
        node.appendChild(link);
      } else {
        node.appendChild(document.createTextNode(shown));
      }
      last = offset + shown.length;
      return match;
    });
    node.appendChild(document.createTextNode(text.slice(last)));
  }

  /** A notice's own words, quoted in a reply in another language, are marked as the English
   *  they are (screen readers read them in English): the words in curly quotes (how replies
   *  quote a notice), and with `titles` the straight-quoted ones too (a notice's title in a
   *  source line). In an English widget the text is rendered as it is. */
  function renderQuoted(node, text, titles) {
    if (lang === "en") {
      renderText(node, text);
      return;
    }
    var quotes = titles ? /(\u201c[^\u201d]*\u201d|"[^"]+")/ : /(\u201c[^\u201d]*\u201d)/;
    text.split(quotes).forEach(function (part, index) {
      if (index % 2) {
        var original = element("span", { lang: "en", "class": "original" });
        renderText(original, part);
        node.appendChild(original);
      } else if (part) {
        renderText(node, part);
      }
    });
  }

  // ---------------------------------------------------------------- the log

  /** Choices answer the latest question only: they go once anything else is said. */
  function clearChoices() {
    Array.prototype.forEach.call(log.querySelectorAll(".choices"), function (group) {
      group.remove();
    });
    state.items.forEach(function (item) { delete item.choices; });
    save();
  }

  var TONES = {
    affected: "bad", possibly_affected: "warn", not_affected: "good"
  };

  /** A folded part of a result: a disclosure whose summary says what is inside. */
  function folded(summary, fill) {
    var details = element("details", { "class": "more" });
    details.appendChild(element("summary", {}, summary));
    fill(details);
    return details;
  }

  function list(tag, lines) {
    var node = element(tag, {});
    lines.forEach(function (line) {
      var entry = element("li", {});
      renderQuoted(entry, line);
      node.appendChild(entry);
    });
    return node;
  }

  /** A check result: the verdict as a headline, the reason right under it, the rest folded. */
  function showResult(entry, result) {
    var card = element("div", { "class": "result tone-" + (TONES[result.verdict] || "info") });
    card.appendChild(element("h3", { "class": "headline" }, result.headline));
    var reason = element("p", { "class": "reason" });
    renderQuoted(reason, result.reason || "");
    card.appendChild(reason);
    (result.notes || []).forEach(function (note) {
      var line = element("p", { "class": "note" });
      renderQuoted(line, t.note.replace("{note}", note));
      card.appendChild(line);
    });
    var steps = result.steps || [];
    if (steps.length) {
      var title = steps.length === 1 ? t.step : t.steps.replace("{n}", String(steps.length));
      card.appendChild(folded(title, function (d) { d.appendChild(list("ol", steps)); }));
    }
    if ((result.contacts || []).length) {
      card.appendChild(folded(t.contacts, function (d) { d.appendChild(list("ul", result.contacts)); }));
    }
    if (result.source) {
      card.appendChild(folded(t.source, function (d) {
        var cite = element("p", {});
        renderQuoted(cite, result.source, true);
        d.appendChild(cite);
      }));
    }
    entry.appendChild(card);
  }

  function show(item, announce) {
    var who = item.who === "user" ? "user" : "bot";
    // every message is in the conversation's language (the panel's lang), the resident's too
    var entry = element("li", { "class": "message " + item.who });
    entry.appendChild(element("span", { "class": "visually-hidden" }, who === "user" ? t.you : t.bot));
    if (item.result) {
      showResult(entry, item.result);
    } else {
      var body = element("p", { "class": "text" });
      if (who === "bot") {
        renderQuoted(body, item.text);
      } else {
        renderText(body, item.text);
      }
      entry.appendChild(body);
    }
    if (item.retry) {
      var again = element("button", { type: "button", "class": "retry" }, t.retry);
      again.addEventListener("click", function () {
        if (restored !== null && input.value === restored) {
          input.value = "";
        }
        restored = null;
        input.focus(); // the button goes: the focus stays in the widget
        forget(item);
        entry.remove();
        deliver(item.retry.message, item.retry.shown, false);
      });
      entry.appendChild(again);
    }
    if (item.choices && item.choices.length) {
      var group = element("div", { "class": "choices", role: "group", "aria-label": t.choices });
      item.choices.forEach(function (choice) {
        var button = element("button", { type: "button", "class": "choice" }, choice.title);
        button.addEventListener("click", function () {
          input.focus(); // the choices go once one is chosen: type on from the message box
          deliver(choice.payload, choice.title, true);
        });
        group.appendChild(button);
      });
      entry.appendChild(group);
    }
    log.appendChild(entry);
    if (announce && who === "bot") {
      var spoken = item.result ? item.result.headline + " " + item.result.reason + " " + t.more : item.text;
      live.appendChild(element("p", { lang: lang }, spoken));
    }
    return entry;
  }

  function strings(value) {
    return Array.isArray(value) ? value.filter(function (v) { return typeof v === "string"; }) : [];
  }

  /** Only the fields a result card shows, each as text. */
  function cleanResult(custom) {
    return {
      verdict: String(custom.verdict || ""),
      headline: String(custom.headline),
      reason: typeof custom.reason === "string" ? custom.reason : "",
      notes: strings(custom.notes),
      steps: strings(custom.steps),
      contacts: strings(custom.contacts),
      source: typeof custom.source === "string" ? custom.source : ""
    };
  }

  /** Scroll the log so that `entry` (the first message of a reply) is at its top. */
  function scrollToStart(entry) {
    log.scrollTop = Math.max(0, entry.offsetTop - log.offsetTop - 8);
  }

  function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
  }

  function add(item, announce) {
    state.items.push(item);
    save();
    var entry = show(item, announce);
    scrollToEnd();
    return entry;
  }

  function forget(item) {
    state.items = state.items.filter(function (other) { return other !== item; });
    save();
  }

  function greet() {
    var text = config.city ? t.greetingCity.replace("{city}", config.city.name) : t.greeting;
    add({ who: "bot", text: text, choices: [{ title: t.start, payload: "/check_payment" }] }, true);
  }

  function callLine() {
    var line = config.call.length ? config.call[0].line : "";
    return line ? " " + t.call.replace("{line}", line) : "";
  }

  // ---------------------------------------------------------------- talking to the assistant

  function post(path, body) {
    var controller = window.AbortController ? new AbortController() : null;
    var timer = setTimeout(function () { if (controller) { controller.abort(); } }, TIMEOUT_MS);
    return fetch(base + path, {
      method: "POST",
      headers: { "Content-Type": "text/plain;charset=UTF-8" }, // a simple request: no preflight
      body: JSON.stringify(body),
      signal: controller ? controller.signal : undefined,
      credentials: "omit"
    }).then(function (reply) {
      clearTimeout(timer);
      if (!reply.ok) {
        var failure = new Error("HTTP " + reply.status);
        failure.status = reply.status;
        throw failure;
      }
      return reply.json();
    }, function (error) {
      clearTimeout(timer);
      throw error;
    });
  }

  function busy(on) {
    sending = on;
    send.disabled = on;
    status.textContent = on ? t.typing : "";
  }

  /** What may be shown and kept of what the resident typed: card numbers and SSNs masked (the
   *  assistant removes them too, and tells us what it kept). */
  function mask(text) {
    return text
      .replace(/(^|[^\d])(?:\d[\s.\/-]*){12,18}\d(?!\d)/g, "$1[card number removed]")
      .replace(/\b\d{3}[\s.-]\d{2}[\s.-]\d{4}\b/g, "[SSN removed]");
  }

  /** Send a message (or a choice's payload), showing `shown` as what the resident said. */
  function deliver(message, shown, showUser) {
    if (sending) {
      return;
    }
    if (message === "/start_over") {
      askStartOver();
      return;
    }
    clearChoices();
    var said = null;
    if (showUser) {
      said = { who: "user", text: mask(shown), pending: true };
      add(said, false);
    }
    busy(true);
    var slow = setTimeout(function () { status.textContent = t.slow; }, SLOW_MS);
    var body = { sender: state.sender, message: message, lang: lang };
    if (presetCity) {
      body.city = presetCity;
    }
    post("/widget/webhook", body).then(function (reply) {
      clearTimeout(slow);
      busy(false);
      // what the resident typed (a "/..." too) is replaced by exactly what the assistant kept;
      // a choice pressed stays its title
      var typed = message === shown || message.charAt(0) !== "/";
      if (said) {
        delete said.pending; // answered: what is shown may now be kept
      }
      if (said && typed && typeof reply.said === "string") {
        said.text = reply.said; // exactly what the assistant kept
        save();
        var texts = log.querySelectorAll(".message.user .text");
        var last = texts[texts.length - 1];
        if (last) {
          last.textContent = "";
          renderText(last, said.text);
        }
      }
      var first = null;
      (Array.isArray(reply.messages) ? reply.messages : []).forEach(function (message) {
        var entry = null;
        var custom = message.custom;
        if (custom && custom.kind === "result" && typeof custom.headline === "string") {
          entry = add({ who: "bot", text: String(custom.text || custom.headline), result: cleanResult(custom) }, true);
        } else if (typeof message.text === "string" && message.text) {
          var choices = (message.buttons || []).filter(function (b) {
            return typeof b.title === "string" && typeof b.payload === "string";
          }).map(function (b) { return { title: b.title, payload: b.payload }; });
          entry = add({ who: "bot", text: message.text, choices: choices }, true);
        }
        first = first || entry;
      });
      if (first) {
        scrollToStart(first); // a long answer is read from its start: the verdict comes first
      }
    }, function (error) {
      clearTimeout(slow);
      busy(false);
      if (error && error.status === 403) {
        refuse(); // this page's address is not allowed: not an outage, and trying again won't help
      }
      if (!input.value && showUser && message.charAt(0) !== "/") {
        input.value = shown; // nothing typed is lost
        restored = shown;
      }
      if (refused) {
        return;
      }
      add({
        who: "error",
        text: t.unreachable + callLine(),
        retry: { message: message.charAt(0) === "/" ? message : mask(message), shown: mask(shown) }
      }, true);
    });
  }

  /** This page may not use the assistant (its origin is not in BOT_WIDGET_ORIGINS): say so in the
   *  widget, and why in the page's console, instead of letting the resident type for nothing. */
  function refuse() {
    if (refused) {
      return;
    }
    refused = true;
    if (window.console) {
      console.error("Click2Gov widget: " + t.refusedConsole.replace("{base}", base)
        .replace(/\{origin\}/g, location.origin));
    }
    input.disabled = true;
    send.disabled = true;
    show({ who: "error", text: t.refused + callLine() }, true); // not kept: it is about this page
  }

  function hasConversation() {
    return state.items.some(function (item) { return item.who === "user"; });
  }

  /** "Start over": asks first when there is a conversation to lose. */
  function askStartOver() {
    if (!hasConversation()) {
      startOver(true);
      return;
    }
    confirm.hidden = false;
    confirmNo.focus();
  }

  function keepConversation() {
    confirm.hidden = true;
    restart.focus();
  }

  function startOver(sayIt) {
    confirm.hidden = true;
    state = { sender: newSender(), items: [], open: true };
    save();
    log.textContent = "";
    live.textContent = "";
    if (sayIt) {
      greet();
    }
    input.focus();
  }

  // ---------------------------------------------------------------- opening and closing

  function open(focus) {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    launcher.hidden = true;
    state.open = true;
    save();
    if (!state.items.length && !refused) {
      greet();
    }
    if (focus) {
      (refused ? log : input).focus(); // where the page is refused, its message is read first
    }
  }

  function shut() {
    panel.hidden = true;
    launcher.hidden = false;
    launcher.setAttribute("aria-expanded", "false");
    state.open = false;
    save();
    launcher.focus();
  }

  launcher.addEventListener("click", function () { open(true); });
  close.addEventListener("click", shut);
  restart.addEventListener("click", askStartOver);
  confirmYes.addEventListener("click", function () { startOver(true); });
  confirmNo.addEventListener("click", keepConversation);
  // Escape from anywhere in the widget: first it cancels "Start over?", then it closes the chat.
  panel.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || event.defaultPrevented) {
      return;
    }
    event.preventDefault();
    if (!confirm.hidden) {
      keepConversation();
    } else {
      shut();
    }
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event("submit"));
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) {
      status.textContent = t.empty;
      return;
    }
    if (sending) {
      return;
    }
    input.value = "";
    deliver(text, text, true);
  });

  // ---------------------------------------------------------------- start

  function start() {
    var accent = accessibleAccent(option("accent", DEFAULT_ACCENT));
    host.style.setProperty("--accent", accent);
    document.body.appendChild(host);
    state.items.forEach(function (item) { show(item, false); });
    if (state.open) {
      open(false);
    }
    scrollToEnd();
    // the numbers to call are written in the widget's language
    var query = "?lang=" + lang + (presetCity ? "&city=" + encodeURIComponent(presetCity) : "");
    fetch(base + "/widget/config" + query, { credentials: "omit" }).then(function (reply) {
      if (reply.status === 403) {
        return reply.json().then(function (body) {
          config.call = Array.isArray(body.call) ? body.call : [];
          refuse();
          return null;
        });
      }
      return reply.ok ? reply.json() : null;
    }).then(function (found) {
      if (found) {
        config = found;
        log.textContent = "";
        state.items.forEach(function (item) { show(item, false); });
        scrollToEnd();
      }
    }, function () { /* links stay plain text; the error message has no number */ });
  }

  window.click2govWidget = { open: function () { open(true); }, startOver: startOver };
  if (document.body) {
    start();
  } else {
    document.addEventListener("DOMContentLoaded", start);
  }
})();
