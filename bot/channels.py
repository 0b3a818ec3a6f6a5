"""The names of the assistant's channels (Rasa matches per-channel responses on them)."""

REST = "rest_redacted"
WIDGET = "widget"
SMS = "sms"
AGENT = "agent"
