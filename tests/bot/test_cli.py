"""`python -m bot ...` as a real process: the check contract (DESIGN.md §5) and the knowledge commands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import PROJECT_ROOT
from tests.conftest import KNOWLEDGE_DIR


def cli_environment(tmp_path: Path) -> dict:
    """The tests' knowledge folder and a database of this test's own."""
    return {
        **os.environ,
        "BOT_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
        "BOT_KNOWLEDGE_DIR": str(KNOWLEDGE_DIR),
    }


def run_bot(*args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    """Run the CLI as a real process."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=PROJECT_ROOT,
        env=cli_environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )


def check_json(tmp_path: Path, city: str, when: str, method: str, *extra: str) -> dict:
    done = run_bot(
        "check",
        "--city",
        city,
        "--date",
        when,
        "--method",
        method,
        "--json",
        *extra,
        tmp_path=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_check_json_contract(tmp_path):
    answer = check_json(tmp_path, "Odessa, TX", "Sept 3 2019", "online with my Visa")
    assert {"verdict", "city", "reason", "steps", "contacts", "sources"} <= set(answer)
    assert answer["verdict"] == "affected"
    assert answer["city"] == "Odessa, TX"
    assert answer["payment_date"] == "September 3, 2019"
    assert any(c["phone"] == "1-877-438-4338" for c in answer["contacts"])
    assert answer["sources"][0]["notice"] == "odessa-2019-12-12"
    assert answer["sources"][0]["cited"] == (
        'City of Odessa, "Click2Gov Security Breach", posted December 12, 2019'
    )
    assert answer["notices"][0]["publisher"] == "City of Odessa"
    assert answer["reasons"] == ["affected_in_window", "service_assumed", "data_taken", "letters"]


@pytest.mark.parametrize(
    "city, when, method, verdict",
    [
        ("Odessa", "September 3", "online with my Visa", "affected"),  # year from the incident
        ("MWC", "March 2 2018", "online debit card", "possibly_affected"),
        ("midwest city", "6/1/18", "autopay", "not_affected"),
        ("bakersfeild", "I don't remember", "on the website with my card", "possibly_affected"),
        ("St Pete", "between June and August 2018", "website", "possibly_affected"),
        ("Norman, OK", "last week", "online", "under_investigation"),
        ("Oxnard", "June 2018", "online", "no_details_on_record"),
        ("Springfield", "June 2018", "online", "no_incident_on_record"),
        ("St. Petersburg, Russia", "Sep 1 2018", "online", "no_incident_on_record"),
    ],
)
def test_check_verdicts_from_everyday_words(tmp_path, city, when, method, verdict):
    assert check_json(tmp_path, city, when, method)["verdict"] == verdict


def test_plain_output_reads_like_an_agent_script(tmp_path):
    done = run_bot(
        "check",
        "--city",
        "Bakersfield",
        "--date",
        "Aug 20, 2018",
        "--method",
        "online by card",
        tmp_path=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    text = done.stdout
    order = [
        text.index(h)
        for h in ("VERDICT:", "Why:", "What to do now:", "Who to contact:", "Sources:")
    ]
    assert order == sorted(order)
    # the news article says the incident "may have compromised" the data: the script says so
    assert "Your payment is one of those the article says may have been exposed (affected)" in text
    assert "888-278-8028" in text
    assert "a news article, not the city's own notice" in text
    assert ".txt" not in text  # notices are cited by publisher, title and date


def test_a_date_it_cannot_read_is_a_clear_error(tmp_path):
    done = run_bot(
        "check", "--city", "Odessa", "--date", "purple", "--method", "online", tmp_path=tmp_path
    )
    assert done.returncode == 2
    assert "could not understand the date 'purple'" in done.stderr
    assert "September 3, 2019" in done.stderr  # an example of what works
    assert "Traceback" not in done.stderr


def test_knowledge_option_reads_another_folder(tmp_path, knowledge_copy):
    odessa = knowledge_copy / "cities" / "odessa-tx.yaml"
    odessa.write_text(odessa.read_text().replace("aliases: [", "aliases: [Jackrabbit City, "))
    there = check_json(
        tmp_path,
        "Jackrabbit City",
        "Sept 3 2019",
        "online card",
        "--knowledge",
        str(knowledge_copy),
    )
    assert (there["city"], there["verdict"]) == ("Odessa, TX", "affected")
    here = check_json(tmp_path, "Jackrabbit City", "Sept 3 2019", "online card")
    assert here["verdict"] == "no_incident_on_record"


def test_knowledge_validate_and_load(tmp_path):
    done = run_bot("knowledge", "validate", tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "valid. 7 cities and 7 notices" in done.stdout
    assert "quotes found word for word in" in done.stdout
    done = run_bot("knowledge", "load", tmp_path=tmp_path)
    assert done.returncode == 0 and "Loaded 7 cities" in done.stdout
    assert (tmp_path / "cli.db").exists()


def test_knowledge_load_of_a_broken_folder_names_file_field_line(tmp_path, knowledge_copy):
    assert run_bot("knowledge", "load", tmp_path=tmp_path).returncode == 0
    odessa = knowledge_copy / "cities" / "odessa-tx.yaml"
    odessa.write_text(odessa.read_text().replace("channels: [phone]", "channels: [fax]"))
    done = run_bot("knowledge", "load", "--knowledge", str(knowledge_copy), tmp_path=tmp_path)
    assert done.returncode == 1
    assert "odessa-tx.yaml:" in done.stderr and "methods.not_affected[2].channels[0]" in done.stderr
    assert "unknown channel 'fax'" in done.stderr
    # the database still answers with what was loaded before
    assert check_json(tmp_path, "Odessa", "Sept 3 2019", "online card")["verdict"] == "affected"


def test_validate_of_a_broken_folder_lists_every_problem_and_never_says_valid(
    tmp_path, knowledge_copy
):
    odessa = knowledge_copy / "cities" / "odessa-tx.yaml"
    text = odessa.read_text().replace("channels: [phone]", "channels: [fax]")
    odessa.write_text(text.replace('"via the phone system"', '"via the telephone system"'))
    done = run_bot("knowledge", "validate", "--knowledge", str(knowledge_copy), tmp_path=tmp_path)
    assert done.returncode == 1
    assert "2 problem(s)" in done.stdout and "valid." not in done.stdout
    problems = done.stderr.splitlines()
    assert any("odessa-tx.yaml:" in p and "unknown channel 'fax'" in p for p in problems)
    assert any(
        "source.quote: this quote is not in notices/odessa-2019-12-12.txt" in p for p in problems
    )


def test_new_city_writes_a_skeleton_that_validate_walks_through(tmp_path, knowledge_copy):
    done = run_bot(
        "knowledge",
        "new-city",
        "Carson City, NV",
        "--knowledge",
        str(knowledge_copy),
        tmp_path=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    written = knowledge_copy / "cities" / "carson-city-nv.yaml"
    assert str(written) in done.stdout
    skeleton = written.read_text()
    assert "city: Carson City" in skeleton and "state: NV" in skeleton
    # the publisher is asked for (a Town, a Village...), never assumed to be "City of ..."
    assert "City of Carson City" not in skeleton and "publisher: ...  " in skeleton
    assert "aliases: []" in skeleton and "notice: carson-city-nv-notice" in skeleton
    assert "leave it out when the text shows no date" in skeleton
    again = run_bot(
        "knowledge",
        "new-city",
        "Carson City, NV",
        "--knowledge",
        str(knowledge_copy),
        tmp_path=tmp_path,
    )
    assert again.returncode == 2 and "already exists" in again.stderr
    checked = run_bot(
        "knowledge", "validate", "--knowledge", str(knowledge_copy), tmp_path=tmp_path
    )
    assert checked.returncode == 1
    assert "carson-city-nv.yaml:" in checked.stderr and "put the date here" in checked.stderr


def test_new_city_needs_a_state(tmp_path, knowledge_copy):
    done = run_bot(
        "knowledge",
        "new-city",
        "Carson City",
        "--knowledge",
        str(knowledge_copy),
        tmp_path=tmp_path,
    )
    assert done.returncode == 2 and 'for example "Carson City, NV"' in done.stderr
    assert not list((knowledge_copy / "cities").glob("carson*"))


def test_shell_answers_a_check_typed_at_the_prompt(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "bot", "shell"],
        cwd=PROJECT_ROOT,
        env=cli_environment(tmp_path),
        text=True,
        input="Odessa\nonline with my Visa\nsometime\nSept 3 2019\nquit\n",
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "could not read that date" in done.stdout
    assert "VERDICT: Your payment was affected" in done.stdout


def test_validate_warns_of_a_confirmed_city_with_no_data_taken(tmp_path, knowledge_copy):
    from tests.conftest import EXAMPLE_CITY

    text = EXAMPLE_CITY.read_text()
    (knowledge_copy / "cities" / "example-az.yaml").write_text(text[: text.index("data_exposed:")])
    checked = run_bot(
        "knowledge", "validate", "--knowledge", str(knowledge_copy), tmp_path=tmp_path
    )
    assert checked.returncode == 0 and "valid." in checked.stdout  # a warning, not a refusal
    (warning,) = (line for line in checked.stderr.splitlines() if line.startswith("warning:"))
    assert "cities/example-az.yaml: data_exposed: nothing is listed as taken" in warning
    assert "no card or bank steps" in warning


def test_an_unknown_service_is_refused_with_the_known_ones(tmp_path):
    def odessa_online(service: str):
        return run_bot(
            "check",
            *("--city", "Odessa", "--date", "Sep 3 2019", "--method", "online by card"),
            *("--service", service),
            tmp_path=tmp_path,
        )

    done = odessa_online("dog grooming")
    assert done.returncode == 2 and done.stdout == ""
    assert "--service 'dog grooming' is not a kind of payment this check knows" in done.stderr
    assert "utility bills, building permits" in done.stderr and "other city payments" in done.stderr
    known = odessa_online("parks and recreation")
    assert known.returncode == 0, known.stderr
    assert "Your payment was not affected" in known.stdout  # Odessa: only utility bills
