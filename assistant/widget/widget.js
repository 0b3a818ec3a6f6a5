/*
 * Click2Gov breach self-check: the chat widget a city embeds with one tag.
 *
 *   <script src="https://ASSISTANT/widget.js" data-city="odessa-tx" defer></script>
 *
 * Options (all optional): data-city (a city id: the resident is not asked for it),
 * data-lang (en or es: the widget's own labels), data-title, data-accent (a CSS colour; darkened
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
      empty: "Please type a question or an answer first."
    },
    es: {
      title: "¿Se vio afectado mi pago?",
      open: "¿Se vio afectado mi pago? Chatee con nosotros",
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
      greeting: "¡Hola! Puedo revisar si un pago hecho en el sistema Click2Gov de su ciudad se vio " +
        "afectado por las filtraciones de 2017–2019. (El asistente responde en inglés.)",
      greetingCity: "¡Hola! Puedo revisar si un pago a {city} hecho en Click2Gov se vio afectado. " +
        "(El asistente responde en inglés.)",
      start: "Was my payment affected?",
      unreachable: "Lo sentimos, no se puede contactar al asistente. Su mensaje no se perdió: " +
        "pulse \"Intentar de nuevo\".",
      call: "Si necesita una respuesta ahora, llame al {line}.",
      empty: "Escriba primero una pregunta o una respuesta."
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

  function save() {
    try {
      sessionStorage.setItem(storageKey, JSON.stringify(state));
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

  var launcher = element("button", {
    type: "button", "class": "launcher", "aria-expanded": "false", "aria-controls": "panel"
  }, t.open);
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

  // ---------------------------------------------------------------- the log

  /** Choices answer the latest question only: they go once anything else is said. */
  function clearChoices() {
    Array.prototype.forEach.call(log.querySelectorAll(".choices"), function (group) {
      group.remove();
    });
    state.items.forEach(function (item) { delete item.choices; });
    save();
  }

  function show(item, announce) {
    var who = item.who === "user" ? "user" : "bot";
    var entry = element("li", { "class": "message " + item.who });
    if (who === "bot") {
      entry.setAttribute("lang", "en");
    }
    entry.appendChild(element("span", { "class": "visually-hidden" }, who === "user" ? t.you : t.bot));
    var body = element("p", { "class": "text" });
    renderText(body, item.text);
    entry.appendChild(body);
    if (item.retry) {
      var again = element("button", { type: "button", "class": "retry" }, t.retry);
      again.addEventListener("click", function () {
        if (restored !== null && input.value === restored) {
          input.value = "";
        }
        restored = null;
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
          deliver(choice.payload, choice.title, true);
        });
        group.appendChild(button);
      });
      entry.appendChild(group);
    }
    log.appendChild(entry);
    if (announce && who === "bot") {
      live.appendChild(element("p", { lang: "en" }, item.text));
    }
    entry.scrollIntoView({ block: "nearest" });
    return entry;
  }

  function add(item, announce) {
    state.items.push(item);
    save();
    return show(item, announce);
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
        throw new Error("HTTP " + reply.status);
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
      startOver(true);
      return;
    }
    clearChoices();
    var said = null;
    if (showUser) {
      said = { who: "user", text: mask(shown) };
      add(said, false);
    }
    busy(true);
    var slow = setTimeout(function () { status.textContent = t.slow; }, SLOW_MS);
    var body = { sender: state.sender, message: message };
    if (presetCity) {
      body.city = presetCity;
    }
    post("/widget/webhook", body).then(function (reply) {
      clearTimeout(slow);
      busy(false);
      if (said && message.charAt(0) !== "/" && typeof reply.said === "string") {
        said.text = reply.said; // exactly what the assistant kept
        save();
        var texts = log.querySelectorAll(".message.user .text");
        var last = texts[texts.length - 1];
        if (last) {
          last.textContent = "";
          renderText(last, said.text);
        }
      }
      (Array.isArray(reply.messages) ? reply.messages : []).forEach(function (message) {
        if (typeof message.text === "string" && message.text) {
          var choices = (message.buttons || []).filter(function (b) {
            return typeof b.title === "string" && typeof b.payload === "string";
          }).map(function (b) { return { title: b.title, payload: b.payload }; });
          add({ who: "bot", text: message.text, choices: choices }, true);
        }
      });
    }, function () {
      clearTimeout(slow);
      busy(false);
      if (!input.value && showUser && message.charAt(0) !== "/") {
        input.value = shown; // nothing typed is lost
        restored = shown;
      }
      add({
        who: "error",
        text: t.unreachable + callLine(),
        retry: { message: message.charAt(0) === "/" ? message : mask(message), shown: mask(shown) }
      }, true);
    });
  }

  function startOver(sayIt) {
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
    if (!state.items.length) {
      greet();
    }
    if (focus) {
      input.focus();
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
  restart.addEventListener("click", function () { startOver(true); });
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      event.preventDefault();
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
    var query = presetCity ? "?city=" + encodeURIComponent(presetCity) : "";
    fetch(base + "/widget/config" + query, { credentials: "omit" }).then(function (reply) {
      return reply.ok ? reply.json() : null;
    }).then(function (found) {
      if (found) {
        config = found;
        log.textContent = "";
        state.items.forEach(function (item) { show(item, false); });
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
