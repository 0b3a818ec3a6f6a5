"""A terminal self-check: asks city, date and method, prints the agent's script."""

from __future__ import annotations

from typing import Optional, TextIO

from bot.knowledge.base import Knowledge
from bot.selfcheck import DATE_EXAMPLES, DateNotUnderstood, run_check
from bot.wording.script import format_script

INTRO = """Click2Gov breach self-check. Answer three questions; type 'quit' to leave.
(This is the check alone; `make shell` talks to the whole assistant.)"""


def _ask(prompt: str, stdin: TextIO, out: TextIO) -> Optional[str]:
    out.write(prompt)
    out.flush()
    line = stdin.readline()
    if not line or line.strip().lower() in ("quit", "exit", "q"):
        return None
    return line.strip()


def run_shell(knowledge: Knowledge, stdin: TextIO, out: TextIO) -> int:
    """Loop: city, date, method -> verdict. A date it cannot read is asked again, losing nothing."""
    print(INTRO, file=out)
    while True:
        city = _ask("\nWhich city did you pay? ", stdin, out)
        if city is None:
            return 0
        if not city:
            continue
        method = _ask(
            "How did you pay (e.g. 'online with my Visa', 'autopay', 'by phone')? ", stdin, out
        )
        if method is None:
            return 0
        while True:
            when = _ask("When did you pay? ", stdin, out)
            if when is None:
                return 0
            try:
                result = run_check(knowledge, city, when, method)
                break
            except DateNotUnderstood:
                print(f"Sorry, I could not read that date. Try again, {DATE_EXAMPLES}.", file=out)
        print("\n" + format_script(result), file=out)
