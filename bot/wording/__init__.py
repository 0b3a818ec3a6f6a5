"""Every sentence the assistant writes about a check or a question, one module per rendering.

- labels.py     what each controlled word is called (channels, data items, ...)
- phrases.py    dates, methods, windows and contacts as words (shared by every rendering)
- headlines.py  the one table of headlines, per verdict and rendering
- reasons.py    the reason for a verdict, sentence by sentence
- chat.py       replies in a chat window (web widget, REST)
- script.py     the support agent's script (`bot check`) and the JSON of `bot check --json`
- answers.py    the answers to related questions
Fixed replies and the questions the form asks are responses in domain.yml.
"""
