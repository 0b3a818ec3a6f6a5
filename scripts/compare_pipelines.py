"""Compare the project's pipeline (config.yml) with Rasa's default (rasa init) side by side.

Usage: python scripts/compare_pipelines.py [--conversations N] [--skip-cv]

1. Trains a model with scripts/configs/rasa_init_config.yml (once; reused while data is unchanged).
2. Scores both models on ../shared/eval (scripts/eval_nlu.py).
3. Starts both assistants (Rasa server + action server each) and replays the same scripted
   multi-turn conversation through the REST channel, alternating between them message by message,
   and reports median and 95th-percentile latency per message.
4. Runs `rasa test nlu` 3-fold cross-validation on our data with our config.
Writes results/eval.md and prints it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Dict, List

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.chat import say  # noqa: E402
from assistant.run import start_servers  # noqa: E402
from scripts.eval_nlu import percent, score  # noqa: E402

RASA = Path(sys.executable).parent / "rasa"
OURS = ROOT / "models" / "selfcheck.tar.gz"
DEFAULT = ROOT / "models" / "eval-rasa-init.tar.gz"
CONVERSATION = [
    "hi",
    "was my payment affected?",
    "Odessa",
    "what is Click2Gov?",
    "Sept 3 2019",
    "online with my Visa",
    "actually it was in July",
    "who do I call?",
    "can I check another payment?",
    "October 1 2019",
    "start over",
    "I paid my Bakersfield water bill online with my Mastercard on Aug 20 2018, was I hit?",
    "what's the weather like?",
    "thanks, bye",
]


def train_default() -> None:
    if DEFAULT.exists() and DEFAULT.stat().st_mtime > max(
        p.stat().st_mtime for p in [ROOT / "domain.yml", *ROOT.glob("data/**/*.yml")]
    ):
        return
    subprocess.run(
        [
            str(RASA),
            "train",
            "--config",
            "scripts/configs/rasa_init_config.yml",
            "--fixed-model-name",
            DEFAULT.name.replace(".tar.gz", ""),
            "--out",
            "models",
        ],
        cwd=ROOT,
        check=True,
    )


def _private(work: Path, name: str) -> Dict[str, str]:
    """A knowledge database and a tracker store of this pipeline's own."""
    return {
        "BOT_DATABASE_URL": f"sqlite:///{work / f'kb-{name}.db'}",
        "BOT_TRACKER_DB": str(work / f"trackers-{name}.db"),
    }


def latencies(conversations: int) -> Dict[str, List[float]]:
    """Milliseconds per message for each model, the same messages interleaved."""
    work = ROOT / ".data" / "compare"
    running = {
        "ours": start_servers(OURS, work / "ours", env=_private(work, "ours")),
        "rasa init": start_servers(DEFAULT, work / "default", env=_private(work, "default")),
    }
    times: Dict[str, List[float]] = {name: [] for name in running}
    try:
        for servers in running.values():  # warm-up, not measured
            say(servers.rasa_url, "warm-up", "hello")
        for _ in range(conversations):
            senders = {name: f"bench-{uuid.uuid4().hex[:8]}" for name in running}
            for text in CONVERSATION:
                for name, servers in running.items():
                    start = time.perf_counter()
                    say(servers.rasa_url, senders[name], text)
                    times[name].append(1000 * (time.perf_counter() - start))
    finally:
        for servers in running.values():
            servers.stop()
    return times


def p95(values: List[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]


def cross_validation() -> str:
    out = ROOT / "results" / "cv"
    subprocess.run(
        [
            str(RASA),
            "test",
            "nlu",
            "--nlu",
            "data/nlu",
            "--config",
            "config.yml",
            "--cross-validation",
            "--folds",
            "3",
            "--out",
            str(out),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    report = json.loads((out / "intent_report.json").read_text())
    avg = report["weighted avg"]
    return (
        f"3-fold cross-validation on data/nlu (our config): intent accuracy "
        f"{report['accuracy']:.3f}, weighted F1 {avg['f1-score']:.3f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--conversations", type=int, default=5)
    parser.add_argument("--skip-cv", action="store_true")
    args = parser.parse_args()
    if not OURS.exists():
        sys.exit("models/selfcheck.tar.gz is missing: run `make train` first")
    train_default()
    lines = [
        "| pipeline | file | in-domain recognised | out-of-domain rejected |",
        "|---|---|---|---|",
    ]
    for label, model in (("ours (config.yml)", OURS), ("rasa init default", DEFAULT)):
        for name, row in score(model).items():
            lines.append(
                f"| {label} | {name} | {percent(row['in_domain'])} | {percent(row['out_of_domain'])} |"
            )
    times = latencies(args.conversations)
    lines += [
        "",
        f"Latency per message over {args.conversations} scripted conversations of "
        f"{len(CONVERSATION)} messages (REST channel, action server included), interleaved:",
        "",
        "| pipeline | messages | median ms | p95 ms |",
        "|---|---|---|---|",
    ]
    for name, values in times.items():
        lines.append(
            f"| {name} | {len(values)} | {statistics.median(values):.0f} | {p95(values):.0f} |"
        )
    if not args.skip_cv:
        lines += ["", cross_validation()]
    text = "\n".join(lines)
    (ROOT / "results").mkdir(exist_ok=True)
    (ROOT / "results" / "eval.md").write_text(text + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
