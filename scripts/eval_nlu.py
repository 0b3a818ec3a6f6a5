"""How well a trained model tells breach concerns from everything else, on ../shared/eval data.

Usage: python scripts/eval_nlu.py MODEL [MODEL ...] [--verbose]

For banking77_dev.csv and clinc150_dev.csv: the share of `in_domain` sentences handled as a
breach/fraud concern (classified as one of BREACH_INTENTS, not a fallback) and of `out_of_domain`
sentences sent to the fallback (out_of_scope or nlu_fallback). Evaluation data only: never copied
into data/ (../shared/tools/eval_overlap.py checks).
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import logging
import os
import sys
from pathlib import Path
from typing import Dict, List, Tuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EVAL = ROOT.parent / "shared" / "eval"
FILES = ("banking77_dev.csv", "clinc150_dev.csv")

BREACH_INTENTS = {
    "check_payment",
    "card_compromised",
    "unrecognised_charge",
    "report_fraud",
    "ask_data_exposed",
    "got_letter",
    "ask_fraud_alert_vs_freeze",
    "ask_credit_report",
    "ask_contact",
    "request_human",
}
FALLBACK_INTENTS = {"out_of_scope", "nlu_fallback"}


def read_rows(name: str) -> List[Dict[str, str]]:
    with open(EVAL / name, newline="") as handle:
        return list(csv.DictReader(handle))


async def classify(model: Path, texts: List[str]) -> List[Tuple[str, float]]:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    results = []
    for text in texts:
        parsed = await agent.parse_message(text)
        results.append((parsed["intent"]["name"], parsed["intent"]["confidence"]))
    return results


def score(model: Path, verbose: bool = False) -> Dict[str, Dict[str, Tuple[int, int]]]:
    """{file: {'in_domain': (right, total), 'out_of_domain': (right, total)}}."""
    table: Dict[str, Dict[str, Tuple[int, int]]] = {}
    for name in FILES:
        rows = read_rows(name)
        predictions = asyncio.run(classify(model, [r["text"] for r in rows]))
        counts = {"in_domain": [0, 0], "out_of_domain": [0, 0]}
        for row, (intent, confidence) in zip(rows, predictions, strict=False):
            expected = row["expected"]
            right = (
                intent in BREACH_INTENTS if expected == "in_domain" else intent in FALLBACK_INTENTS
            )
            counts[expected][0] += int(right)
            counts[expected][1] += 1
            if verbose and not right:
                print(
                    f"  miss [{name} {row['source_label']}] -> {intent} {confidence:.2f}: {row['text']}"
                )
        table[name] = {k: (v[0], v[1]) for k, v in counts.items()}
    return table


def percent(pair: Tuple[int, int]) -> str:
    right, total = pair
    return f"{100 * right / total:5.1f}% ({right}/{total})"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("models", nargs="+", type=Path)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    print(f"{'model':<34} {'file':<18} {'in-domain recognised':>24} {'out-of-domain rejected':>24}")
    for model in args.models:
        for name, row in score(model, args.verbose).items():
            print(
                f"{model.name:<34} {name:<18} {percent(row['in_domain']):>24} {percent(row['out_of_domain']):>24}"
            )
    print("Goals (issue 11, dev files): in-domain >= 98%, out-of-domain >= 98%.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
