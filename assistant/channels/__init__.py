"""Rasa input channels, each listed in credentials.yml. Every channel redacts card numbers,
security codes and SSNs before Rasa sees a message (bot/redaction.py)."""
