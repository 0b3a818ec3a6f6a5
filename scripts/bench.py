"""Load test: simulated residents doing full checks against a running deployment (loopback only).

    python scripts/bench.py --deployment default --residents 1 8 16 --seconds 20
    python scripts/bench.py --deployment production --residents 8 --no-reference

Each resident runs 4-message checks (an opener, a city, a date, a method: drawn at random for
every conversation by scripts/bench_checks.py, with the verdict the library gives for them), one
new conversation per check, as fast as the replies come. Afterwards every conversation's tracker
is read back and checked: all 4 turns there, in order, with the library's verdict. Prints throughput, p50/p95
per-turn latency, errors, lost or reordered turns, memory (RSS) of every process and the time
from start to ready. `rasa init`'s starter bot goes through the same harness in the same run
(scripts/bench_reference.py; its conversations are read back too, without a verdict): the two
take turns row by row, for --rounds rounds, and each figure is the median of the rounds, so
that other programs' load on the machine falls on both alike. Each of the assistant's rows says
its throughput as a multiple of the starter bot's.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.run import WEBHOOK, model_or_exit, rss_mb, start_servers  # noqa: E402
from bot.ids import new_id  # noqa: E402
from bot.postgres import fresh_postgres_database  # noqa: E402
from scripts.bench_checks import Check, random_checks  # noqa: E402
from scripts.bench_reference import REST_WEBHOOK, start_reference  # noqa: E402

TOKEN = "bench-token"
BENCH_DATABASE = "postgresql://postgres@127.0.0.1:5432/click2gov_bench"
CHECKS_DRAWN = 12000  # fresh checks for a whole `make bench`, none repeated before they run out


class Checks:
    """The randomised checks (scripts/bench_checks.py), handed out one per conversation."""

    def __init__(self, count: int = CHECKS_DRAWN, seed: int = 0) -> None:
        self._checks = random_checks(count, seed)
        self._next = itertools.count()

    def next(self) -> Check:
        return self._checks[next(self._next) % len(self._checks)]


_SHARED: List[Checks] = []


def shared_checks() -> Checks:
    """One set of checks for the whole process, drawn the first time it is needed."""
    if not _SHARED:
        _SHARED.append(Checks())
    return _SHARED[0]


@dataclass
class Run:
    latencies: List[float] = field(default_factory=list)
    errors: int = 0
    conversations: List[Tuple[str, Tuple[str, ...], str]] = field(default_factory=list)


async def resident(
    session: aiohttp.ClientSession,
    url: str,
    deadline: float,
    run: Run,
    checks: Checks,
    checks_verdict: bool = True,
) -> None:
    while time.monotonic() < deadline:
        check = checks.next()
        sender = new_id("bench")
        messages, verdict = check.messages, check.verdict
        for text in messages:
            started = time.perf_counter()
            try:
                async with session.post(
                    url, json={"sender": sender, "message": text}, timeout=30
                ) as reply:
                    body = await reply.json(content_type=None)
                    # the assistant answers every message; the starter bot may stay silent
                    if reply.status != 200 or (checks_verdict and not body):
                        run.errors += 1
            except (aiohttp.ClientError, asyncio.TimeoutError, json.JSONDecodeError):
                run.errors += 1
            run.latencies.append((time.perf_counter() - started) * 1000)
        run.conversations.append((sender, messages, verdict if checks_verdict else None))


async def load(
    url: str,
    residents: int,
    seconds: float,
    checks_verdict: bool = True,
    checks: Optional[Checks] = None,
) -> Tuple[Run, float]:
    """`residents` residents doing random checks for `seconds`, as fast as the replies come."""
    checks = checks or shared_checks()
    run = Run()
    connector = aiohttp.TCPConnector(limit=residents * 2)
    async with aiohttp.ClientSession(connector=connector) as session:
        started = time.monotonic()
        deadline = started + seconds
        await asyncio.gather(
            *(
                resident(session, url, deadline, run, checks, checks_verdict)
                for _ in range(residents)
            )
        )
        elapsed = time.monotonic() - started
    return run, elapsed


async def verify(api: str, run: Run, token: str = TOKEN) -> Tuple[int, int]:
    """(lost or reordered conversations, wrong verdicts) read back from the tracker store."""
    broken = wrong = 0
    async with aiohttp.ClientSession() as session:
        for sender, messages, verdict in run.conversations:
            async with session.get(f"{api}/conversations/{sender}/tracker?token={token}") as r:
                tracker = await r.json()
            said = tuple(e.get("text") for e in tracker.get("events", []) if e["event"] == "user")
            if said != messages:
                broken += 1
            elif verdict is not None and tracker["slots"].get("verdict") != verdict:
                wrong += 1
    return broken, wrong


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def measure_row(url: str, api: str, count: int, seconds: float, checks_verdict: bool) -> Dict:
    """One row: `count` residents for `seconds` (after 3 s of warm-up), every conversation read
    back (and its verdict checked, for the assistant; `rasa init`'s bot has none)."""
    asyncio.run(load(url, count, 3, checks_verdict))  # warm-up, not counted
    run, elapsed = asyncio.run(load(url, count, seconds, checks_verdict))
    broken, wrong = asyncio.run(verify(api, run))
    return {
        "residents": count,
        "messages": len(run.latencies),
        "throughput": len(run.latencies) / elapsed,
        "p50": statistics.median(run.latencies) if run.latencies else 0.0,
        "p95": percentile(run.latencies, 0.95),
        "errors": run.errors + wrong,
        "lost_or_reordered": broken,
    }


def median_row(rows: List[Dict]) -> Dict:
    """Several rounds of one row: the median of each figure, the sum of messages and faults."""
    return {
        "residents": rows[0]["residents"],
        "rounds": len(rows),
        "messages": sum(r["messages"] for r in rows),
        "throughput": statistics.median(r["throughput"] for r in rows),
        "p50": statistics.median(r["p50"] for r in rows),
        "p95": statistics.median(r["p95"] for r in rows),
        "errors": sum(r["errors"] for r in rows),
        "lost_or_reordered": sum(r["lost_or_reordered"] for r in rows),
    }


@dataclass
class Target:
    """A running server under test: where residents post, where trackers are read back."""

    url: str
    api: str
    checks_verdict: bool


def measure_interleaved(
    targets: Dict[str, Target], residents: Sequence[int], seconds: float, rounds: int
) -> Dict[str, List[Dict]]:
    """Rows per target, the targets taking turns row by row and round by round, so that a
    change in the machine's load (other programs share it) falls on all of them alike."""
    runs: Dict[str, Dict[int, List[Dict]]] = {name: {n: [] for n in residents} for name in targets}
    for _ in range(rounds):
        for count in residents:
            for name, target in targets.items():
                row = measure_row(target.url, target.api, count, seconds, target.checks_verdict)
                runs[name][count].append(row)
    return {name: [median_row(runs[name][n]) for n in residents] for name in targets}


def environment(name: str, workdir: Path) -> Dict[str, str]:
    """Private databases for one run: SQLite files, or a fresh PostgreSQL database."""
    env = {"BOT_DEPLOYMENT": name, "BOT_KNOWLEDGE_DIR": str(ROOT / "knowledge")}
    if name == "default":
        env["BOT_DATABASE_URL"] = f"sqlite:///{workdir / 'knowledge.db'}"
        env["BOT_TRACKER_DB"] = str(workdir / "trackers.db")
    else:
        env["BOT_DATABASE_URL"] = fresh_postgres_database(BENCH_DATABASE)
        env["BOT_REDIS_URL"] = "redis://127.0.0.1:6379/14"
    return env


def print_table(title: str, result: Dict, reference: Optional[Dict] = None) -> None:
    """The rows as a Markdown table; beside a reference, the throughput ratio to it."""
    print(f"\n{title}; memory (RSS, MB): {result['memory_mb']}")
    by_residents = {r["residents"]: r for r in (reference or {}).get("rows", [])}
    ratio_head = " | × rasa init" if reference else ""
    print(
        f"| residents | messages | throughput | p50 | p95 | errors | lost/reordered{ratio_head} |"
    )
    print("|---|---|---|---|---|---|---|" + ("---|" if reference else ""))
    for row in result["rows"]:
        other = by_residents.get(row["residents"])
        ratio = ""
        if reference:
            ratio = f" | {row['throughput'] / other['throughput']:.2f}×" if other else " | "
        print(
            f"| {row['residents']} | {row['messages']} | {row['throughput']:.1f} msg/s | "
            f"{row['p50']:.0f} ms | {row['p95']:.0f} ms | {row['errors']} | "
            f"{row['lost_or_reordered']}{ratio} |"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deployment", choices=["default", "production", "both"], default="both")
    parser.add_argument("--residents", type=int, nargs="+", default=[1, 8, 16])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--rounds", type=int, default=3, help="rounds per row (medians reported)")
    parser.add_argument("--json", type=Path, default=None, help="also write the rows here")
    parser.add_argument(
        "--no-reference",
        action="store_true",
        help="skip rasa init's starter bot (trained once into .data/bench, then cached)",
    )
    args = parser.parse_args()
    names = ["default", "production"] if args.deployment == "both" else [args.deployment]
    results: Dict[str, Dict] = {}
    reference = None
    if not args.no_reference:
        env = {
            **os.environ,
            "RASA_TELEMETRY_ENABLED": "false",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
        }
        reference = start_reference(Path(tempfile.mkdtemp(prefix="bench-rasa-init-")), env, TOKEN)
    try:
        for name in names:
            workdir = Path(tempfile.mkdtemp(prefix=f"bench-{name}-"))
            began = time.monotonic()
            servers = start_servers(
                model_or_exit(), workdir, env=environment(name, workdir), token=TOKEN
            )
            ready = time.monotonic() - began
            targets = {name: Target(servers.rasa_url + WEBHOOK, servers.instances[0], True)}
            if reference:
                server, url = reference
                targets["rasa init"] = Target(url + REST_WEBHOOK, url, False)
            try:
                rows = measure_interleaved(targets, args.residents, args.seconds, args.rounds)
                memory = servers.memory()
            finally:
                servers.stop()
            results[name] = {"rows": rows[name], "ready_seconds": ready, "memory_mb": memory}
            if reference:
                results[f"rasa init (beside {name})"] = {
                    "rows": rows["rasa init"],
                    "memory_mb": {"rasa": rss_mb(reference[0].pid)},
                }
                print_table(
                    f"rasa init (its starter bot, Rasa's default pipeline), beside {name}",
                    results[f"rasa init (beside {name})"],
                )
            print_table(
                f"{name}: ready in {ready:.1f} s, {args.rounds} rounds, medians",
                results[name],
                results.get(f"rasa init (beside {name})"),
            )
    finally:
        if reference:
            reference[0].stop()
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
