"""What every channel answers, before or instead of the conversation, when a message cannot be
taken as it is. Plain GSM-7 text, so a text message carries it unchanged."""

from __future__ import annotations

TOO_LONG = (
    "Sorry, that message is too long for me ({length} characters; {limit} at most). Please send "
    "just the city, the date and how you paid, or a short question."
)
EMPTY = 'Please type a message, for example "was my payment affected?".'
TOO_FAST = "You are sending messages faster than I can answer. Please wait a minute and try again."
FAILED = (
    "Sorry, something went wrong on my side and your message was not processed. Please send it "
    "again in a moment. If you need help now, call the FTC identity theft line at 1-877-438-4338."
)
STARTED_OVER = (
    "OK, we are starting over and I have forgotten this conversation. Tell me the city you paid, "
    'when and how, or ask "was my payment affected?".'
)
NO_REPLY = 'Sorry, I have no answer to that. Try "was my payment affected?" or "help".'
