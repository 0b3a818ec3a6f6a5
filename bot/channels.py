"""The names of the assistant's channels (Rasa matches per-channel responses on them)."""

REST = "rest_redacted"
WIDGET = "widget"
SMS = "sms"
AGENT = "agent"

# The prefix of the conversation ids each channel makes: a conversation belongs to one channel.
ID_PREFIXES = {WIDGET: "web-", SMS: "sms-", AGENT: "agent-"}


def scoped_sender(channel: str, sender: str) -> str:
    """The conversation id a channel's message goes to: a channel's own ids are kept; an id in
    another channel's form (a REST client naming a console caller's "agent-..." conversation) is
    moved into this channel's own space, so it can never read or continue that conversation."""
    own = ID_PREFIXES.get(channel)
    if own is not None:
        return sender if sender.startswith(own) else own + sender
    if any(sender.startswith(prefix) for prefix in ID_PREFIXES.values()):
        return f"{channel}-{sender}"
    return sender
