"""The understanding battery's result by kind: answered right, asked, wrong (the closing figures).

.venv/bin/python scripts/understanding_battery.py [--show asked|wrong]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.knowledge.reader import read_knowledge  # noqa: E402
from tests.understanding_battery import MUST_ASK, cases, outcome  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show", choices=["asked", "wrong", "right"], help="list those cases")
    args = parser.parse_args()
    knowledge = read_knowledge(ROOT / "knowledge")
    counts: defaultdict = defaultdict(Counter)
    for case in cases():
        result = outcome(knowledge, case, date(2026, 12, 3))
        counts[case.kind][result.split(":")[0]] += 1
        if args.show and result.startswith(args.show):
            print(f"{case.kind:13s} {result[:160]}\n    {case.text}")
    total: Counter = Counter()
    print(f"{'kind':14s} {'cases':>5s} {'right':>5s} {'asked':>5s} {'wrong':>5s}")
    for kind in sorted(counts):
        c = counts[kind]
        total.update(c)
        mark = " (must ask)" if kind in MUST_ASK else ""
        print(
            f"{kind:14s} {sum(c.values()):5d} {c['right']:5d} {c['asked']:5d} {c['wrong']:5d}{mark}"
        )
    print(
        f"{'all':14s} {sum(total.values()):5d} {total['right']:5d} {total['asked']:5d} {total['wrong']:5d}"
    )
    return 1 if total["wrong"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
