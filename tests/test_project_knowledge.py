"""The project's own knowledge/ folder (the one a city's staff edits): valid and traceable; and
adding a city to it is a data change that breaks no test, because the tests own their data."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import List

import pytest

from bot.knowledge.reader import read_knowledge
from bot.knowledge.spanish import missing_spanish, translated_fields
from bot.settings import PROJECT_ROOT

PROJECT_KNOWLEDGE = PROJECT_ROOT / "knowledge"

# A valid city file a staff member might add: named in a notice of the folder, with its quote.
NEW_CITY = """\
# Example Falls, Wisconsin: named only as one of the states with Click2Gov breaches.
city: Example Falls
state: WI
time_zone: America/Chicago
status: named_without_details
status_source:
  notice: st-petersburg-article
  quote: "Customers in at least eighteen cities of the United States including California, Oklahoma, Texas, Arizona and Wisconsin and Florida have been affected by the breach so far."
  basis: stated
"""


def test_the_project_knowledge_is_valid_and_every_fact_traceable():
    """read_knowledge checks every quote against knowledge/notices: nothing outside the project."""
    knowledge = read_knowledge(PROJECT_KNOWLEDGE)
    assert knowledge.cities and len(knowledge.quotes) > 60
    cited = {c.notice for c in knowledge.cities if c.notice}
    assert cited <= {n.id for n in knowledge.notices}


def test_the_project_notices_are_unedited_copies_of_the_originals():
    """Each seed copy records its original's SHA-256 (validation compares them on every read)."""
    knowledge = read_knowledge(PROJECT_KNOWLEDGE)
    copies = [n for n in knowledge.notices if n.original]
    assert len(copies) == 5
    for notice in copies:
        text = (PROJECT_KNOWLEDGE / "notices" / f"{notice.id}.txt").read_bytes()
        assert notice.sha256 == hashlib.sha256(text).hexdigest()


def test_every_text_residents_read_in_the_project_knowledge_is_in_spanish_too():
    """Validation refuses a text without its Spanish; this also catches an English text copied
    into its `_es` field unchanged."""
    knowledge = read_knowledge(PROJECT_KNOWLEDGE)
    records = (*knowledge.cities, knowledge.national)
    assert [m for r in records for m in missing_spanish(r)] == []
    untranslated, pairs = [], 0

    def visit(record: object) -> None:
        nonlocal pairs
        if isinstance(record, tuple):
            for item in record:
                visit(item)
        elif hasattr(record, "__fields__"):
            for english, spanish in translated_fields(type(record)).items():
                if getattr(record, english, None):
                    pairs += 1
                    if getattr(record, spanish) == getattr(record, english):
                        untranslated.append(getattr(record, english))
            for name in record.__fields__:
                visit(getattr(record, name))

    for record in records:
        visit(record)
    assert pairs > 80 and untranslated == []


def _project_files() -> List[str]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return [name for name in listed.stdout.splitlines() if (PROJECT_ROOT / name).is_file()]


@pytest.mark.meta
def test_adding_a_valid_city_to_the_project_knowledge_breaks_no_test(tmp_path: Path):
    copy = tmp_path / "project"
    for name in _project_files():
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(PROJECT_ROOT / name, copy / name)
    (copy / "knowledge" / "cities" / "example-falls-wi.yaml").write_text(NEW_CITY)
    assert read_knowledge(copy / "knowledge").city("example-falls-wi") is not None

    environ = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    environ.pop("BOT_KNOWLEDGE_DIR", None)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-m",
            "not e2e and not meta",
            "-p",
            "no:cacheprovider",
        ],
        cwd=copy,
        env=environ,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert " passed" in done.stdout and " failed" not in done.stdout
