"""How well a trained model understands Spanish, on a dev set of our own (issue 24).

Usage: python scripts/eval_nlu_es.py MODEL [MODEL ...] [--data CSV] [--verbose]

tests/fixtures/nlu_es_dev.csv (columns text,expected,intent) is written for this measurement
and never used for training: no sentence of it is in data/ (tests/assistant/test_spanish_nlu.py
checks). Each sentence is parsed twice: with the conversation's language in the message metadata
(`{"language": "es"}`, as the Rasa server sends it) and without metadata (the language then comes
from bot/language.py). Printed per model and way:

- in-domain handled: an `in_domain` sentence gets an intent, not out_of_scope or nlu_fallback;
- out-of-domain rejected: an `out_of_domain` sentence gets out_of_scope or nlu_fallback;
- exact intent: an `in_domain` sentence gets exactly its intent (family: or one of its family,
  the families of config.yml's fallback, which lead to the same help);
- would start a check: an `out_of_domain` sentence classified as a breach concern (the costliest
  mistake: "a message that is not a breach question must never start a check");
- read as Spanish: the sentences the Spanish classifier answered (parse result `nlu_language`).
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import logging
import os
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEV = ROOT / "tests" / "fixtures" / "nlu_es_dev.csv"
FALLBACK_INTENTS = {"out_of_scope", "nlu_fallback"}
CONCERN = {"check_payment", "card_compromised", "unrecognised_charge", "report_fraud"}
FAMILIES = [CONCERN, {"ask_incident_facts", "ask_which_cities", "ask_what_is_click2gov"}]
WAYS = {"metadata": {"language": "es"}, "detected": None}


def read_rows(path: Path) -> List[Dict[str, str]]:
    with open(path, newline="") as handle:
        return list(csv.DictReader(handle))


def same_family(predicted: str, expected: str) -> bool:
    return predicted == expected or any(
        predicted in family and expected in family for family in FAMILIES
    )


async def parse_all(model: Path, texts: List[str]) -> Dict[str, List[Dict[str, Any]]]:
    from rasa.core.agent import Agent
    from rasa.core.channels.channel import UserMessage

    agent = Agent.load(str(model))
    results: Dict[str, List[Dict[str, Any]]] = {}
    for way, metadata in WAYS.items():
        results[way] = [
            await agent.processor.parse_message(UserMessage(text, metadata=metadata))
            for text in texts
        ]
    return results


def ratio(right: int, total: int) -> str:
    return f"{100 * right / total:5.1f}% ({right}/{total})" if total else "    -"


def score(rows: List[Dict[str, str]], parsed: List[Dict[str, Any]], verbose: bool) -> List[str]:
    counts = {k: 0 for k in ("in", "in_total", "ood", "ood_total", "exact", "family", "check")}
    spanish = 0
    for row, result in zip(rows, parsed, strict=True):
        intent: Optional[str] = result["intent"]["name"]
        confidence = result["intent"].get("confidence") or 0.0
        spanish += result.get("nlu_language") == "es"
        if row["expected"] == "in_domain":
            counts["in_total"] += 1
            counts["in"] += intent not in FALLBACK_INTENTS
            counts["exact"] += intent == row["intent"]
            counts["family"] += same_family(intent or "", row["intent"])
            right = intent == row["intent"]
        else:
            counts["ood_total"] += 1
            counts["ood"] += intent in FALLBACK_INTENTS
            counts["check"] += intent in CONCERN
            right = intent in FALLBACK_INTENTS
        if verbose and not right:
            print(f"  miss [{row['intent']}] -> {intent} {confidence:.2f}: {row['text']}")
    return [
        ratio(counts["in"], counts["in_total"]),
        ratio(counts["ood"], counts["ood_total"]),
        ratio(counts["exact"], counts["in_total"]),
        ratio(counts["family"], counts["in_total"]),
        str(counts["check"]),
        ratio(spanish, len(rows)),
    ]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("models", nargs="+", type=Path)
    parser.add_argument("--data", type=Path, default=DEV)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    rows = read_rows(args.data)
    header = ("in-domain handled", "out-of-domain rejected", "exact intent", "intent or family")
    lines = []
    for model in args.models:
        parsed = asyncio.run(parse_all(model, [row["text"] for row in rows]))
        for way in WAYS:
            if args.verbose:
                print(f"{model.name}, language {way}:")
            lines.append((model.name, way, score(rows, parsed[way], args.verbose)))
    print(
        f"{'model':<24} {'language':<9} "
        + " ".join(f"{h:>22}" for h in header)
        + f" {'would start a check':>20} {'read as Spanish':>18}"
    )
    for name, way, cells in lines:
        print(
            f"{name:<24} {way:<9} "
            + " ".join(f"{c:>22}" for c in cells[:4])
            + f" {cells[4]:>20} {cells[5]:>18}"
        )
    print(f"{len(rows)} sentences from {args.data.name}, never used for training.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
