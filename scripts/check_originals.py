"""The notices copied from ../shared/seeds are still byte for byte the originals.

knowledge/notices/notices.yaml records each copy's `original` and its SHA-256; `knowledge validate`
checks the copies against the recorded hashes on every read. This compares the recorded hashes
with the originals themselves when they sit beside the project (as in CI), and says it was
skipped, and why, when they do not (a clone of the project alone).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parents[1]
SEEDS = PROJECT.parent / "shared" / "seeds"


def main() -> int:
    if not SEEDS.is_dir():
        print(f"Originals check skipped: {SEEDS} is not here (a clone of the project alone).")
        return 0
    listed = yaml.safe_load((PROJECT / "knowledge/notices/notices.yaml").read_text("utf-8"))
    copies = [n for n in listed["notices"] if n.get("original")]
    wrong = []
    for notice in copies:
        original = SEEDS / notice["original"]
        if not original.exists():
            wrong.append(f"{notice['id']}: the original {original} is missing")
        elif hashlib.sha256(original.read_bytes()).hexdigest() != notice.get("sha256"):
            wrong.append(f"{notice['id']}: differs from {original}")
    for line in wrong:
        print(line, file=sys.stderr)
    print(f"Originals check: {len(copies) - len(wrong)} of {len(copies)} notices match {SEEDS}.")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
