"""The running assistant: Rasa input channels and starting the servers. Rasa imports live here
(and in actions/), never in bot/."""
