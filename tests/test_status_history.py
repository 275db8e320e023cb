"""status_history: each change of a brief's status with its date, reason and source; checked with
path:line errors, shown on the brief page, carried by briefs.json and the feeds. Expectations are
read from the raw files with PyYAML and the tests' own HTML parsing."""

from __future__ import annotations

import datetime
import json
import re

import feedparser
import pytest

from conftest import article, front_matter

SOURCES = """sources:
  - publisher: Example Wire
    url: https://news.example.org/a
  - publisher: Other Paper
    id: other-0603
    url: https://paper.example.org/b
"""
HISTORY = """status: confirmed
status_history:
  - date: 2025-05-20
    status: disputed
    reason: A second party contradicts the figure.
    source: 1
  - date: 2025-06-03
    status: confirmed
    reason: Both sides' statements now agree on the figure.
    source: other-0603
"""


def _brief(front: str, date: str = "2025-05-16") -> str:
    return (f"---\ntitle: A figure\ndate: {date}\nsummary: What happened.\nactors: [umerov]\nround: round-1\n"
            f"{front}{SOURCES}---\nBody [@1, @2].\n")


def _line(path, text: str, after: int = 0) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if number > after and line.strip().startswith(text))


def _errors(corpus) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in corpus.problems() if p.severity == "error"]


def test_a_valid_history_passes(corpus):
    corpus.write("a.md", _brief(HISTORY))
    assert corpus.problems() == []


@pytest.mark.parametrize("old, new, at, message", [
    ("date: 2025-06-03", "date: 2025-05-19", ("- date: 2025-05-19", 0),
     "status_history[2]: date 2025-05-19 is before the previous entry's 2025-05-20; list the changes oldest first"),
    ("date: 2025-05-20", "date: 2025-05-01", ("- date: 2025-05-01", 0),
     "status_history[1]: date 2025-05-01 is before the brief's date 2025-05-16"),
    ("source: other-0603", "source: 3", ("source: 3", 0),
     "status_history[2]: source 3 is not one of this brief's sources (numbered 1 to 2, or named by id)"),
    ("source: other-0603", "source: other-0630", ("source: other-0630", 0),
     "status_history[2]: source 'other-0630' is not one of this brief's sources (numbered 1 to 2, or named by id); did you mean 'other-0603'?"),
    ("status: confirmed\nstatus_history", "status: disputed\nstatus_history", ("status: disputed", 0),
     "status is 'disputed' but the last status_history entry says 'confirmed'; they must agree"),
    ("status: confirmed\nstatus_history", "status_history", ("status_history:", 0),
     "status is not given (so 'reported') but the last status_history entry says 'confirmed'; they must agree"),
    ("    status: disputed\n", "    status: doubtful\n", ("status: doubtful", 0),
     "status_history[1]: 'status' must be one of reported, confirmed, disputed, retracted; got 'doubtful'"),
    ("    reason: A second party contradicts the figure.\n", "", ("- date: 2025-05-20", 0),
     "status_history[1]: missing required key 'reason'"),
    ("    source: 1\n", "    source: 1\n    by: me\n", ("by: me", 0), "status_history[1]: unknown key 'by'"),
    ("    source: 1\n", "    source: 0\n", ("source: 0", 0), "status_history[1]: 'source' must be a source's number (from 1) or its id, got 0"),
    ("date: 2025-05-20", "date: 20 May", ("- date: 20 May", 0),
     "status_history[1]: 'date' must be a date written YYYY-MM-DD, got '20 May'"),
])
def test_bad_history_is_an_error_at_its_line(corpus, old, new, at, message):
    assert old in HISTORY
    path = corpus.write("a.md", _brief(HISTORY.replace(old, new)))
    assert _errors(corpus) == [(_line(path, *at), message)]


def test_a_history_dated_in_the_future_is_a_warning(corpus):
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    path = corpus.write("a.md", _brief(HISTORY.replace("date: 2025-06-03", f"date: {tomorrow}")))
    assert [(p.severity, p.line, p.message) for p in corpus.problems()] == [
        ("warning", _line(path, f"- date: {tomorrow}"), f"status_history[2]: date {tomorrow} is in the future")]


def test_an_empty_history_is_an_error(corpus):
    path = corpus.write("a.md", _brief("status_history: []\n"))
    assert _errors(corpus) == [(_line(path, "status_history"), "'status_history' needs at least one entry")]


@pytest.fixture
def site(corpus):
    corpus.write("a.md", _brief(HISTORY))
    corpus.write("b.md", _brief("", date="2025-05-18").replace("title: A figure", "title: Another"))
    return corpus, corpus.build()


def test_the_page_shows_each_change_with_its_reason_and_source(site):
    corpus, out = site
    meta = front_matter(corpus.briefs / "a.md")
    page = article(out / "briefs" / "a" / "index.html")
    history = page.split('id="status-history"', 1)[1].split("</ol>", 1)[0]
    items = re.findall(r"<li>(.*?)</li>", history, re.S)
    ids = {source.get("id"): number for number, source in enumerate(meta["sources"], 1)}
    assert len(items) == len(meta["status_history"])
    for item, change in zip(items, meta["status_history"]):
        number = ids.get(change["source"], change["source"])
        assert f'datetime="{change["date"].isoformat()}"' in item
        assert f'status-badge status-{change["status"]}' in item
        assert change["reason"].replace("'", "&#39;") in item
        assert f'href="#source-{number}"' in item and f'id="source-{number}"' in page
    # beside the current status, since when, linking to the history
    facts = page.split('class="brief-facts"', 1)[1].split("</ul>", 1)[0]
    assert re.search(r'status-confirmed".*since <a href="#status-history">3 June 2025</a>', facts, re.S)


def test_lists_keep_the_current_status_only(site):
    _, out = site
    timeline = article(out / "timeline" / "index.html")
    item = next(li for li in re.findall(r"<li[^>]*>.*?</li>", timeline, re.S) if "briefs/a/" in li)
    assert re.findall(r"status-badge status-(\w+)", item) == ["confirmed"]


def test_the_feed_entry_is_updated_on_the_last_change_and_briefs_json_carries_the_history(site):
    corpus, out = site
    meta = front_matter(corpus.briefs / "a.md")
    last = max(change["date"] for change in meta["status_history"])
    entries = {e.link.rstrip("/").rsplit("/", 1)[1]: e for e in feedparser.parse((out / "feed.xml").read_bytes()).entries}
    assert entries["a"].updated.startswith(last.isoformat())
    assert entries["b"].updated.startswith("2025-05-18")
    briefs = {b["slug"]: b for b in json.loads((out / "data" / "briefs.json").read_text(encoding="utf-8"))}
    ids = {source.get("id"): number for number, source in enumerate(meta["sources"], 1)}
    assert briefs["a"]["status_history"] == [
        {"date": c["date"].isoformat(), "status": c["status"], "reason": c["reason"], "source": ids.get(c["source"], c["source"])}
        for c in meta["status_history"]]
    assert briefs["a"]["last_changed"] == last.isoformat() and briefs["b"]["status_history"] == []
