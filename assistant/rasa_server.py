"""`python -m assistant.rasa_server run ...`: Rasa's own command line, with assistant/patches.py
applied first. Takes exactly the arguments of `rasa`."""

from __future__ import annotations

from assistant.patches import apply_all

if __name__ == "__main__":
    apply_all()
    from rasa.__main__ import main

    main()
