"""`python -m assistant.rasa_server run ...`: Rasa's own command line, with assistant/patches.py
applied first. Takes exactly the arguments of `rasa`. The project's own events (the channels',
the console's audit lines) are written as JSON lines with their fields, as in the action server."""

from __future__ import annotations

import threading

from assistant.nlu.spanish import shared_encoder
from assistant.patches import apply_all
from assistant.shared_state import keep_console_state_in
from bot.logs import configure_logging
from bot.settings import load_settings

if __name__ == "__main__":
    configure_logging()
    apply_all()
    # revoked console sessions and failed logins survive a restart of this server
    keep_console_state_in(load_settings().database_url)
    # the Spanish intents' encoder (about 150 MB) loads beside the server's own start, so the
    # first Spanish message does not wait 2-3 s for it
    threading.Thread(target=shared_encoder, name="spanish-encoder", daemon=True).start()
    from rasa.__main__ import main

    main()
