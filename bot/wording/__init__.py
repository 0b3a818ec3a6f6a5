"""Every sentence the assistant writes about a check or a question, one module per rendering.

Every sentence comes from one catalog keyed by its English text, in the locale spoken
(bot/i18n.py: `t("...")`, `N_("...")` for table entries, `pick(record, "text")` for the
knowledge's own texts); the Spanish is in bot/locale/es/LC_MESSAGES/*.po. A notice's own words
stay in its language, marked as the original where another is spoken (`phrases.original`).

- labels.py     what each controlled word is called (channels, data items, months, ...)
- phrases.py    dates, methods, windows and contacts as words (shared by every rendering)
- headlines.py  the one table of headlines, per verdict and rendering
- reasons.py    the reason for a verdict, sentence by sentence
- assumed.py    what the assistant settled rather than read (a year not said)
- chat.py       replies in a chat window (web widget, REST)
- choices.py    the question offering a choice the resident's words left open
- sources.py    how a reply cites the notices it rests on
- script.py     the support agent's script (`bot check`) and the JSON of `bot check --json`
- sms.py        text messages (plain GSM-7, at most 3 segments)
- answers.py    the answers to related questions
Fixed replies and the questions the form asks are responses in domain.yml.
"""
