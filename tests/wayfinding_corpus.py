"""A small corpus with something to show on every part of the state-of-play home page: held,
scheduled and proposed rounds, briefs inside and outside the last 7 and 30 days, a status
update, corrections and a position move; and the tests' own reading of what the home page
should say about it, from the raw files (PyYAML), independent of the generator."""

from __future__ import annotations

import datetime
import html
import re
from pathlib import Path

import yaml

from conftest import Corpus, brief_text, front_matter

ROUNDS = """\
- id: round-1
  name: Round one
  start: 2025-05-16
  end: 2025-05-17
  venue: Istanbul
  status: held
  participants: [umerov, medinsky]
  outcome: A thousand-for-thousand exchange.
- id: round-2
  name: Round two
  start: 2025-06-10
  venue: Geneva
  status: held
  participants: [umerov, medinsky]
  outcome: Memoranda exchanged.
- id: round-3
  name: Round three
  start: 2025-07-20
  venue: Riyadh
  status: proposed
- id: round-4
  name: Round four
  start: 2025-07-01
  end: 2025-07-02
  venue: Vienna
  status: scheduled
"""


def _position(actor: str, topic: str, stance: str) -> str:
    return f"  - actor: {actor}\n    topic: {topic}\n    stance: {stance}\n    statement: Said so.\n    source: 1\n"


BRIEFS = {
    "b01-april": ("2025-04-01", "[umerov]", "topics: [territory]\npositions:\n" + _position("umerov", "territory", "conditional")),
    "b02-round-one": ("2025-05-20", "[umerov]", "round: round-1\ntopics: [territory]\npositions:\n" + _position("umerov", "territory", "conditional")),
    "b06-corrected": ("2025-05-22", "[medinsky]", "corrections:\n  - date: 2025-05-23\n    note: The venue was misnamed.\n"),
    "b03-round-two": ("2025-06-10", "[umerov]", "round: round-2\nstatus: confirmed\ntopics: [territory]\npositions:\n"
                      + _position("umerov", "territory", "rejects")),
    "b04-disputed": ("2025-06-12", "[medinsky]", "round: round-2\nstatus: disputed\nupdated: 2025-06-18\n"
                     "corrections:\n  - date: 2025-06-19\n    note: The date was wrong.\n"),
    "b05-newest": ("2025-06-20", "[medinsky]", "topics: [prisoners]\npositions:\n" + _position("medinsky", "prisoners", "supports")),
}


def text_of(fragment: str) -> str:
    """What a piece of HTML reads as: its text, entities decoded, white space collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def wayfinding_corpus(root: Path) -> Corpus:
    """The corpus written into a new folder ``root``, not yet built."""
    corpus = Corpus(root)
    write_wayfinding_corpus(corpus)
    return corpus


def write_wayfinding_corpus(corpus: Corpus) -> None:
    corpus.registry("rounds", ROUNDS)
    for slug, (date, actors, extra) in BRIEFS.items():
        corpus.write(f"{slug}.md", brief_text(title=f"Title of {slug}", date=date, actors=actors, extra=extra))


def _day(value) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))


def expected_state(briefs_dir: Path) -> dict:
    """What the home page should say, from the raw files: the date it stands at, the latest
    round held, the rounds to come, and per window (7, 30 days) the slugs of each kind of change."""
    briefs = {path.stem: front_matter(path) for path in briefs_dir.glob("*.md")}
    rounds = yaml.safe_load((briefs_dir / "rounds.yml").read_text(encoding="utf-8"))
    changed = {slug: max([_day(b["date"]), *([_day(b["updated"])] if "updated" in b else []),
                          *(_day(c["date"]) for c in b.get("corrections", []))]) for slug, b in briefs.items()}
    as_of = max(changed.values())
    held = [r for r in rounds if r["status"] == "held"]
    latest = max(held, key=lambda r: _day(r.get("end", r["start"])))
    history: dict[tuple, list] = {}
    for slug, brief in sorted(briefs.items(), key=lambda item: (_day(item[1]["date"]), item[0])):
        for position in brief.get("positions", []):
            history.setdefault((position["actor"], position["topic"]), []).append((_day(brief["date"]), position["stance"], slug))
    windows = {}
    for days in (7, 30):
        since = as_of - datetime.timedelta(days=days - 1)
        windows[days] = {
            "new": {slug for slug, b in briefs.items() if _day(b["date"]) >= since},
            "status": {slug for slug, b in briefs.items() if "updated" in b and b.get("status", "reported") != "reported"
                       and _day(b["updated"]) >= since},
            "corrections": {(slug, str(c["date"])) for slug, b in briefs.items() for c in b.get("corrections", []) if _day(c["date"]) >= since},
            "moves": {(actor, topic, before[1], after[1], after[2]) for (actor, topic), entries in history.items()
                      for before, after in zip(entries, entries[1:]) if after[1] != before[1] and after[0] >= since},
        }
    return {
        "as_of": as_of,
        "latest_round": latest,
        "latest_round_briefs": {slug for slug, b in briefs.items() if b.get("round") == latest["id"]},
        "upcoming": [r["id"] for r in sorted((r for r in rounds if r["status"] in ("proposed", "scheduled")), key=lambda r: _day(r["start"]))],
        "windows": windows,
        "newest": [slug for slug, _ in sorted(briefs.items(), key=lambda item: (_day(item[1]["date"]), item[0]), reverse=True)],
    }
