"""Compare candidate NLU pipelines side by side, and cross-validate the chosen one.

Usage: python scripts/compare_pipelines.py [--conversations N] [--folds N] [--skip-cv]
       [--skip-latency] [--only NAME ...]

1. Trains one NLU model per candidate in scripts/configs/*.yml (models/candidates/), each
   retrained only when its config or the NLU data changed since its model was written.
2. Scores every candidate and the chosen pipeline (config.yml, models/selfcheck.tar.gz) on
   ../shared/eval (scripts/eval_nlu.py), with the time each took to train.
3. Starts the chosen assistant and rasa init's (Rasa server + action server each) and replays the
   same scripted conversation through the REST channel, interleaved, for latency per message.
4. Runs `rasa test nlu` k-fold cross-validation (5 folds) on data/nlu with config.yml.
Writes results/eval.md and prints it.
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Dict, List, Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.chat import say  # noqa: E402
from assistant.run import start_servers  # noqa: E402
from scripts.eval_nlu import EVAL, percent, score  # noqa: E402

RASA = Path(sys.executable).parent / "rasa"
CONFIGS = ROOT / "scripts" / "configs"
OURS = ROOT / "models" / "selfcheck.tar.gz"
# Candidates are kept apart from models/, where the newest model is the one the assistant runs.
CANDIDATES = ROOT / "models" / "candidates"
DEFAULT = CANDIDATES / "eval-rasa_init.tar.gz"
TRAIN_TIMES = ROOT / "results" / "train-times.json"
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


def candidates() -> List[Path]:
    return sorted(CONFIGS.glob("*.yml"))


def model_of(config: Path) -> Path:
    return CANDIDATES / f"eval-{config.stem}.tar.gz"


def _newest_input(config: Path) -> float:
    inputs = [
        config,
        ROOT / "domain.yml",
        *ROOT.glob("data/**/*.yml"),
        *ROOT.glob("assistant/nlu/*.py"),
    ]
    return max(p.stat().st_mtime for p in inputs)


def train(config: Path, times: Dict[str, float]) -> Path:
    """Train the candidate's model unless it is newer than its config and the data."""
    model = model_of(config)
    if model.exists() and model.stat().st_mtime > _newest_input(config):
        return model
    start = time.perf_counter()
    # NLU only, except rasa init's model, which the latency comparison runs as a whole assistant.
    english = str(english_nlu())
    what = (
        ["train", "--data", english, "data/rules"]
        if config.stem == "rasa_init"
        else ["train", "nlu", "--nlu", english]
    )
    subprocess.run(
        [str(RASA), *what, "--config", str(config), "--fixed-model-name", model.name[:-7]]
        + ["--out", str(CANDIDATES)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    times[config.stem] = time.perf_counter() - start
    return model


def english_nlu() -> Path:
    """The English examples alone (data/nlu/*.yml, without data/nlu/es/): the candidates and the
    dev files are English, and the Spanish examples reach only the Spanish classifier."""
    folder = ROOT / "results" / "nlu-en"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.yml"):
        old.unlink()
    for path in (ROOT / "data" / "nlu").glob("*.yml"):
        shutil.copy(path, folder / path.name)
    return folder


def train_default() -> None:
    train(CONFIGS / "rasa_init.yml", {})


def _private(work: Path, name: str) -> Dict[str, str]:
    """A knowledge database and a tracker store of this pipeline's own."""
    return {
        "BOT_DATABASE_URL": f"sqlite:///{work / f'kb-{name}.db'}",
        "BOT_TRACKER_DB": str(work / f"trackers-{name}.db"),
    }


def latencies(conversations: int) -> Dict[str, List[float]]:
    """Milliseconds per message for each model, the same messages interleaved."""
    train_default()
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


def cross_validation(folds: int) -> str:
    out = ROOT / "results" / "cv"
    subprocess.run(
        [
            str(RASA),
            "test",
            "nlu",
            "--nlu",
            str(english_nlu()),
            "--config",
            "config.yml",
            "--cross-validation",
            "--folds",
            str(folds),
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
        f"{folds}-fold cross-validation on data/nlu, English (config.yml): intent accuracy "
        f"{report['accuracy']:.3f}, weighted F1 {avg['f1-score']:.3f}"
    )


def _load_times() -> Dict[str, float]:
    return json.loads(TRAIN_TIMES.read_text()) if TRAIN_TIMES.exists() else {}


def _seconds(value: Optional[float]) -> str:
    return f"{value:.0f} s" if value is not None else "-"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--conversations", type=int, default=5)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--skip-cv", action="store_true")
    parser.add_argument("--skip-latency", action="store_true")
    parser.add_argument("--only", nargs="*", help="candidate names (scripts/configs/<name>.yml)")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    if not OURS.exists():
        sys.exit("models/selfcheck.tar.gz is missing: run `make train` first")
    if not EVAL.exists():
        sys.exit(f"{EVAL} is not beside the project: there is nothing to score the pipelines on")
    (ROOT / "results").mkdir(exist_ok=True)
    times = _load_times()
    chosen = [c for c in candidates() if not args.only or c.stem in args.only]
    models = {}
    for config in chosen:
        models[config.stem] = train(config, times)
        TRAIN_TIMES.write_text(json.dumps(times, indent=1))
    models["chosen (config.yml)"] = OURS
    lines = [
        "| pipeline | train | file | in-domain recognised | out-of-domain rejected |",
        "|---|---|---|---|---|",
    ]
    for label, model in models.items():
        for name, row in score(model).items():
            lines.append(
                f"| {label} | {_seconds(times.get(label))} | {name} | "
                f"{percent(row['in_domain'])} | {percent(row['out_of_domain'])} |"
            )
    if not args.skip_latency:
        times_ms = latencies(args.conversations)
        lines += [
            "",
            f"Latency per message over {args.conversations} scripted conversations of "
            f"{len(CONVERSATION)} messages (REST channel, action server included), interleaved:",
            "",
            "| pipeline | messages | median ms | p95 ms |",
            "|---|---|---|---|",
        ]
        for name, values in times_ms.items():
            lines.append(
                f"| {name} | {len(values)} | {statistics.median(values):.0f} | {p95(values):.0f} |"
            )
    if not args.skip_cv:
        lines += ["", cross_validation(args.folds)]
    text = "\n".join(lines)
    (ROOT / "results" / "eval.md").write_text(text + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
