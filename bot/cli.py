"""Command line: `python -m bot check|stats|knowledge validate|load|new-city|shell|...`."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import List, Optional, TextIO

from bot.i18n import ENGLISH, LOCALES, speaking
from bot.knowledge.base import Knowledge
from bot.knowledge.problems import KnowledgeInvalid
from bot.knowledge.reader import read_knowledge
from bot.knowledge.store import (
    KnowledgeStore,
    ensure_loaded,
    load_folder,
    make_engine,
    stored_fingerprint,
)
from bot.selfcheck import DateNotUnderstood, run_check
from bot.settings import Settings, load_settings
from bot.wording.script import format_script, result_to_dict


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="check one payment: city, date, method")
    check.add_argument("--city", required=True, help="e.g. 'Odessa, TX' or 'St Pete'")
    check.add_argument(
        "--date", default=None, help="e.g. 'Sept 3 2019', 'June 2018', \"I don't remember\""
    )
    check.add_argument(
        "--method", default=None, help="e.g. 'online with my Visa', 'autopay', 'e-check'"
    )
    check.add_argument(
        "--service", default=None, help="what was paid, e.g. 'water bill', 'parking ticket'"
    )
    check.add_argument(
        "--json", action="store_true", help="print a JSON object instead of the script"
    )
    check.add_argument(
        "--lang",
        choices=LOCALES,
        default=ENGLISH,
        help="the answer's language, and how the date and method are read (default: en)",
    )
    check.add_argument("--today", type=date.fromisoformat, default=None, help=argparse.SUPPRESS)
    _knowledge_args(check)

    shell = sub.add_parser("shell", help="answer checks interactively")
    _knowledge_args(shell)

    serve = sub.add_parser("serve", help="run the action server and the Rasa server")
    serve.add_argument("--port", type=int, default=5005)
    serve.add_argument("--action-port", type=int, default=5055)
    chat = sub.add_parser("chat", help="talk to the assistant in this terminal")
    chat.add_argument("--url", default="http://127.0.0.1:5005")
    sms = sub.add_parser("sms", help="send one signed text message to the running assistant")
    sms.add_argument("message", help='what the resident texts, e.g. "was my payment affected?"')
    sms.add_argument("--from", dest="number", default="+15555550100", help="the sender's number")
    sms.add_argument("--to", default="+15555550199", help="the assistant's SMS number")
    sms.add_argument("--url", default="http://127.0.0.1:5005", help="the Rasa server")

    purge = sub.add_parser("purge", help="delete conversations older than an age")
    purge.add_argument(
        "--older-than",
        default=None,
        help="e.g. 30d (days), 12h or 4w; default: BOT_RETENTION_DAYS days (30)",
    )

    stats = sub.add_parser(
        "stats",
        help="how many residents checked, per city, verdict and channel, and where they got stuck",
    )
    stats.add_argument("--since", default="7d", help="how far back: 7d (days, default) or 4w")
    stats.add_argument("--city", default=None, help="one city's id, e.g. odessa-tx")
    stats.add_argument("--json", action="store_true", help="print a JSON object")
    stats.add_argument("--svg", default=None, help="also write checks per day as an SVG file")

    agents = sub.add_parser("agents", help="support agents' own console accounts")
    asub = agents.add_subparsers(dest="action", required=True)
    add = asub.add_parser("add", help="add an agent (the password is read from the terminal)")
    add.add_argument("agent", help="the agent's name: lower-case letters, digits, - or _")
    add.add_argument("--role", choices=["agent", "supervisor"], default="agent")
    asub.add_parser("list", help="list the agents and their roles")
    remove = asub.add_parser("remove", help="remove an agent (their sessions end)")
    remove.add_argument("agent")
    password = asub.add_parser("password", help="set an agent's new password")
    password.add_argument("agent")

    deploy = sub.add_parser("deploy", help="write a deployment file (the nginx TLS front)")
    dsub = deploy.add_subparsers(dest="action", required=True)
    nginx = dsub.add_parser("nginx", help="print deploy/nginx-tls.conf filled in for a city")
    nginx.add_argument("--server-name", required=True, help="e.g. selfcheck.odessa-tx.gov")
    nginx.add_argument("--cert", required=True, help="the certificate (full chain), absolute path")
    nginx.add_argument("--key", required=True, help="its private key, absolute path")
    nginx.add_argument("--upstream", default="127.0.0.1:5005", help="where the assistant listens")
    nginx.add_argument("--listen", default="443", help="the TLS port (or address:port)")
    nginx.add_argument("--http-listen", default="80", help="the port redirected to https")

    knowledge = sub.add_parser("knowledge", help="validate, load or add to the knowledge folder")
    ksub = knowledge.add_subparsers(dest="action", required=True)
    validate = ksub.add_parser(
        "validate",
        help="check every file and every quote (against knowledge/notices); load nothing",
    )
    load = ksub.add_parser("load", help="validate, then replace the database's knowledge")
    for action in (validate, load):
        _knowledge_args(action)
    new_city = ksub.add_parser("new-city", help="write a commented skeleton for a new city")
    new_city.add_argument("place", help='the city and its state, e.g. "Carson City, NV"')
    new_city.add_argument(
        "--knowledge", type=Path, default=None, help="knowledge folder (default: ./knowledge)"
    )
    new_city.add_argument("--force", action="store_true", help="replace an existing file")

    i18n = sub.add_parser("i18n", help="the catalog of every sentence, per language")
    isub = i18n.add_subparsers(dest="action", required=True)
    isub.add_parser("check", help="list the sentences a language's catalog lacks (exit 1 if any)")
    isub.add_parser("extract", help="write bot/locale/messages.pot, the template to translate")
    return parser


def _knowledge_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--knowledge",
        type=Path,
        default=None,
        help="knowledge folder (default: BOT_KNOWLEDGE_DIR or ./knowledge)",
    )
    parser.add_argument("--database-url", default=None, help="default: BOT_DATABASE_URL")


def open_knowledge(
    settings: Settings, knowledge: Optional[Path], url: Optional[str], err: TextIO
) -> Knowledge:
    """--knowledge DIR reads that folder (no database); otherwise the configured database is
    used, reloaded first when the knowledge folder has changed."""
    if knowledge is not None and url is None:
        return read_knowledge(knowledge)
    engine = make_engine(url or settings.database_url)
    try:
        done = ensure_loaded(engine, knowledge or settings.knowledge_dir)
        if done:
            print(f"(knowledge {done})", file=err)
    except KnowledgeInvalid:
        if stored_fingerprint(engine) is None:
            raise
        print(
            "(warning: the knowledge folder has problems; using the knowledge loaded before. "
            "Run `python -m bot knowledge validate`.)",
            file=err,
        )
    return KnowledgeStore(engine).current()


def _check(args: argparse.Namespace, settings: Settings, out: TextIO, err: TextIO) -> int:
    from bot.methods import understand_service
    from bot.wording.labels import SERVICES

    if args.service and understand_service(args.service) is None:
        known = ", ".join(SERVICES.values())
        print(
            f"--service {args.service!r} is not a kind of payment this check knows. Say one of: "
            f"{known} (e.g. 'water bill', 'parks and recreation', 'other'), or leave it out.",
            file=err,
        )
        return 2
    knowledge = open_knowledge(settings, args.knowledge, args.database_url, err)
    try:
        result = run_check(
            knowledge, args.city, args.date, args.method, args.today, args.service, args.lang
        )
    except DateNotUnderstood as error:
        print(str(error), file=err)
        return 2
    with speaking(args.lang):
        if args.json:
            print(json.dumps(result_to_dict(result), indent=2, ensure_ascii=False), file=out)
        else:
            print(format_script(result), file=out)
    return 0


def _i18n_check(args: argparse.Namespace, settings: Settings, out: TextIO, err: TextIO) -> int:
    from bot.i18n_extract import problems

    found = [p for locale in LOCALES if locale != ENGLISH for p in problems(locale)]
    for problem in found:
        print(problem, file=err)
    print(f"{len(found)} problem(s) in the catalogs.", file=out)
    return 1 if found else 0


def _i18n_extract(args: argparse.Namespace, settings: Settings, out: TextIO, err: TextIO) -> int:
    from bot.i18n_extract import write_template

    print(f"wrote {write_template()}", file=out)
    return 0


def _validate(args: argparse.Namespace, settings: Settings, out: TextIO, err: TextIO) -> int:
    folder = args.knowledge or settings.knowledge_dir
    try:
        knowledge = read_knowledge(folder)
    except KnowledgeInvalid as error:
        for problem in error.problems:
            print(problem, file=err)
        print(
            f"{folder}: {len(error.problems)} problem(s), each given as file:line: field: "
            "message. Nothing was loaded; fix them and run this again.",
            file=out,
        )
        return 1
    from bot.knowledge.advisories import advisories

    quotes = len(knowledge.quotes)
    print(
        f"{folder}: valid. {len(knowledge.cities)} cities and {len(knowledge.notices)} notices; "
        f"all {quotes} quotes found word for word in {folder / 'notices'}.",
        file=out,
    )
    for line in advisories(knowledge):
        print(f"warning: {line}", file=err)
    return 0


def _new_city(args: argparse.Namespace, settings: Settings, out: TextIO, err: TextIO) -> int:
    from bot.knowledge.template import CityNameInvalid, write_city_template

    folder = args.knowledge or settings.knowledge_dir
    try:
        path = write_city_template(folder, args.place, replace=args.force)
    except (CityNameInvalid, FileExistsError) as error:
        print(str(error), file=err)
        return 2
    print(
        f"Wrote {path}. Fill it in from the city's notice (knowledge/README.md explains each "
        f"field), save the notice's text in {folder / 'notices'}, then run "
        "`python -m bot knowledge validate`.",
        file=out,
    )
    return 0


def _load(args: argparse.Namespace, settings: Settings, out: TextIO, err: TextIO) -> int:
    folder = args.knowledge or settings.knowledge_dir
    url = args.database_url or settings.database_url
    knowledge = load_folder(make_engine(url), folder)
    print(f"Loaded {len(knowledge.cities)} cities from {folder} into {url}", file=out)
    return 0


def _shell(args: argparse.Namespace, settings: Settings, out: TextIO, err: TextIO) -> int:
    from bot.shell import run_shell

    knowledge = open_knowledge(settings, args.knowledge, args.database_url, err)
    return run_shell(knowledge, sys.stdin, out)


def _serve(args: argparse.Namespace, settings: Settings, out: TextIO, err: TextIO) -> int:
    from assistant.run import serve

    return serve(args.port, args.action_port, out, err)


def _chat(args: argparse.Namespace, settings: Settings, out: TextIO, err: TextIO) -> int:
    from assistant.chat import chat

    return chat(args.url, sys.stdin, out)


def _purge(args: argparse.Namespace, settings: Settings, out: TextIO, err: TextIO) -> int:
    from bot.retention import parse_age, purge_conversations

    try:
        age = parse_age(args.older_than) if args.older_than else None
    except ValueError as error:
        print(str(error), file=err)
        return 2
    age = age or timedelta(days=settings.retention_days)
    done = purge_conversations(make_engine(settings.tracker_url), age)
    print(
        f"Deleted {done.conversations} conversation(s) ({done.events} events) older than {age}.",
        file=out,
    )
    return 0


def _stats(args: argparse.Namespace, settings: Settings, out: TextIO, err: TextIO) -> int:
    from bot.retention import parse_age
    from bot.usage import figures, format_figures, per_day_svg

    try:
        age = parse_age(args.since)
    except ValueError as error:
        print(str(error), file=err)
        return 2
    days = max(1, age.days + (1 if age.seconds else 0))
    found = figures(make_engine(settings.database_url), days, settings.time_zone, args.city)
    if args.svg:
        Path(args.svg).write_text(per_day_svg(found), encoding="utf-8")
    if args.json:
        print(json.dumps(found.as_dict(), indent=2), file=out)
    else:
        print(format_figures(found), file=out)
    return 0


def _read_password(err: TextIO) -> str:
    """A new password: asked twice on a terminal; else the first line of standard input."""
    if sys.stdin.isatty():
        import getpass

        first = getpass.getpass("Password: ")
        if getpass.getpass("The same again: ") != first:
            raise ValueError("the two passwords differ")
        return first
    return sys.stdin.readline().rstrip("\n")


def _agents(args: argparse.Namespace, settings: Settings, out: TextIO, err: TextIO) -> int:
    from bot.agents import AccountError, AgentAccounts, Role

    accounts = AgentAccounts(make_engine(settings.database_url))
    try:
        if args.action == "add":
            added = accounts.add(args.agent, _read_password(err), Role(args.role))
            print(f"Added {added.name} ({added.role.value}).", file=out)
        elif args.action == "password":
            accounts.set_password(args.agent, _read_password(err))
            print(f"New password set for {args.agent}.", file=out)
        elif args.action == "remove":
            if not accounts.remove(args.agent):
                print(f"No agent called {args.agent!r}.", file=err)
                return 1
            print(f"Removed {args.agent}.", file=out)
        else:
            for account in accounts.all():
                print(
                    f"{account.name}\t{account.role.value}\tadded {account.created:%Y-%m-%d}",
                    file=out,
                )
    except (AccountError, ValueError) as error:
        print(str(error), file=err)
        return 2
    return 0


def _deploy_nginx(args: argparse.Namespace, settings: Settings, out: TextIO, err: TextIO) -> int:
    from assistant.deploy import tls_front

    try:
        text = tls_front(
            args.server_name, args.cert, args.key, args.upstream, args.listen, args.http_listen
        )
    except ValueError as error:
        print(str(error), file=err)
        return 2
    print(text, file=out, end="")
    return 0


def _sms(args: argparse.Namespace, settings: Settings, out: TextIO, err: TextIO) -> int:
    from assistant.sms_cli import send

    return send(settings, args.url, args.message, args.number, args.to, out)


def main(
    argv: Optional[List[str]] = None, out: TextIO = sys.stdout, err: TextIO = sys.stderr
) -> int:
    args = _parser().parse_args(argv)
    settings = load_settings()
    handlers = {
        "check": _check,
        "shell": _shell,
        "serve": _serve,
        "chat": _chat,
        "sms": _sms,
        "purge": _purge,
        "stats": _stats,
        "agents": _agents,
    }
    handler = (
        handlers.get(args.command)
        or {
            "validate": _validate,
            "load": _load,
            "new-city": _new_city,
            "nginx": _deploy_nginx,
        }.get(args.action)
        or {"check": _i18n_check, "extract": _i18n_extract}[args.action]
    )
    try:
        return handler(args, settings, out, err)
    except KnowledgeInvalid as error:
        print(str(error), file=err)
        return 1
