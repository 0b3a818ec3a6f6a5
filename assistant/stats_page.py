"""The supervisors' page in the console (/agent/stats): what `python -m bot stats` reports, as a
page (every value escaped; the plot is inline SVG, nothing from another origin)."""

from __future__ import annotations

import html
from typing import Iterable, Optional, Sequence

from bot.usage import Figures, per_day_svg

STYLE = """
body { margin: 0; font: 17px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  color: #1a1a1a; background: #f4f5f7; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
section { margin-bottom: 1rem; padding: 1rem 1.25rem; background: #fff; border: 1px solid #b0b0b0;
  border-radius: 0.5rem; overflow-x: auto; }
table { border-collapse: collapse; }
th, td { padding: 0.25rem 0.75rem; border-bottom: 1px solid #d0d0d0; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
a { color: #0b3d91; }
:focus-visible { outline: 3px solid #000; outline-offset: 2px; }
"""


def _table(caption: str, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in headers)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="n">{v}</td>' if isinstance(v, int) else f"<td>{html.escape(str(v))}</td>"
            for v in row
        )
        + "</tr>"
        for row in rows
    )
    body = body or f'<tr><td colspan="{len(headers)}">None in this period.</td></tr>'
    return f"<table><caption>{html.escape(caption)}</caption><tr>{head}</tr>{body}</table>"


def stats_page(found: Figures, city: Optional[str] = None) -> str:
    data = found.as_dict()
    title = f"Use of the self-check, {data['since']} to {data['until']}"
    if city:
        title += f", {city}"
    checks = _table(
        f"Checks: {data['checks_total']}",
        ["City", "Verdict", "Channel", "Checks"],
        [(r["city_id"], r["verdict"], r["channel"], r["count"]) for r in data["checks"]],
    )
    questions = _table(
        "Questions answered",
        ["Topic", "Questions"],
        [(r["topic"], r["count"]) for r in data["questions"]],
    )
    stuck = _table(
        "Where conversations got stuck (counted, never their text)",
        ["What", "Channel", "Question asked again", "Messages"],
        [(r["kind"], r["channel"], r["slot"] or "", r["count"]) for r in data["stuck"]],
    )
    return f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="icon" href="data:,">
  <title>{html.escape(title)}</title>
  <style>{STYLE}</style>
</head>
<body>
  <main>
    <h1>{html.escape(title)}</h1>
    <p>Days in {html.escape(data['time_zone'])}. <a href="/agent/">Back to the console</a>.
      Other periods: <a href="/agent/stats?days=1">today</a>, <a href="/agent/stats?days=7">7
      days</a>, <a href="/agent/stats?days=30">30 days</a>.</p>
    <section aria-labelledby="plot-heading"><h2 id="plot-heading">Checks per day</h2>
      {per_day_svg(found)}</section>
    <section>{checks}</section>
    <section>{questions}</section>
    <section>{stuck}</section>
  </main>
</body>
</html>
"""
