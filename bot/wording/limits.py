"""What every channel answers, before or instead of the conversation, when a message cannot be
taken as it is. Plain GSM-7 text in every language (the Spanish has no á í ó ú, which the alphabet
lacks), so a text message carries it unchanged.

The English texts are the catalog's keys (bot/i18n.py, channels.po holds the Spanish):

    said(TOO_LONG, "es", length=1200, limit=1000)   # the sentence in Spanish, filled
"""

from __future__ import annotations

from typing import Any, Optional

from bot.i18n import N_, speaking, t

TOO_LONG = N_(
    "Sorry, that message is too long for me ({length} characters; {limit} at most). Please send "
    "just the city, the date and how you paid, or a short question."
)
EMPTY = N_('Please type a message, for example "was my payment affected?".')
TOO_FAST = N_(
    "You are sending messages faster than I can answer. Please wait a minute and try again."
)
FAILED = N_(
    "Sorry, something went wrong on my side and your message was not processed. Please send it "
    "again in a moment. If you need help now, call the FTC identity theft line at 1-877-438-4338."
)
STARTED_OVER = N_(
    "OK, we are starting over and I have forgotten this conversation. Tell me the city you paid, "
    'when and how, or ask "was my payment affected?".'
)
NO_REPLY = N_('Sorry, I have no answer to that. Try "was my payment affected?" or "help".')


def said(message: str, language: Optional[str] = None, **values: Any) -> str:
    """One of these texts in `language` ("en" or "es"; English for anything else), filled."""
    with speaking(language):
        return t(message, **values)
