"""An independent reading of a briefs folder: positions, histories, latest stances,
related briefs and round packs, computed from the raw files with PyYAML only."""

from __future__ import annotations

import datetime
import html
import re
from pathlib import Path

import yaml

from conftest import front_matter

# The weights the README documents for related briefs.
ACTOR, TOPIC, ROUND, CLOSE, CLOSE_DAYS, SHOWN = 3, 2, 3, 1, 7, 5


class Reading:
    def __init__(self, briefs: Path):
        self.names: dict[str, dict[str, str]] = {}
        self.registry = {}
        for kind in ("actors", "topics", "rounds"):
            entries = yaml.safe_load((briefs / f"{kind}.yml").read_text(encoding="utf-8")) or []
            self.registry[kind] = {e["id"]: e for e in entries}
            self.names[kind] = {n.casefold(): e["id"] for e in entries for n in [e["id"], e["name"], *e.get("aliases", [])]}
        self.briefs = []
        for path in briefs.rglob("*.md"):
            meta = front_matter(path)
            if meta.get("draft"):
                continue
            self.briefs.append({
                "slug": path.stem,
                "title": meta["title"],
                "date": meta["date"] if isinstance(meta["date"], datetime.date) else datetime.date.fromisoformat(meta["date"]),
                "actors": {self.names["actors"][a.casefold()] for a in meta["actors"]},
                "topics": {self.names["topics"][t.casefold()] for t in meta.get("topics", [])},
                "round": self.names["rounds"][meta["round"].casefold()] if meta.get("round") else None,
                "sources": meta["sources"],
                "positions": [
                    dict(p, actor=self.names["actors"][p["actor"].casefold()], topic=self.names["topics"][p["topic"].casefold()])
                    for p in meta.get("positions", [])
                ],
            })
        self.briefs.sort(key=lambda b: (b["date"], b["slug"]))

    def positions(self) -> list[dict]:
        """Every position, oldest first (date, slug, place in the brief), with its brief's slug and date."""
        return [dict(p, slug=b["slug"], date=b["date"]) for b in self.briefs for p in b["positions"]]

    def history(self, actor: str | None = None, topic: str | None = None) -> list[dict]:
        return [p for p in self.positions() if actor in (None, p["actor"]) and topic in (None, p["topic"])]

    def matrix(self) -> dict[tuple[str, str], tuple[dict, dict | None, datetime.date | None]]:
        """(actor, topic) → (latest position, the last one before it with another stance or None,
        the date of the first position after that one)."""
        cells = {}
        for key in {(p["actor"], p["topic"]) for p in self.positions()}:
            entries = self.history(*key)
            latest = entries[-1]
            moved = [i for i, p in enumerate(entries) if p["stance"] != latest["stance"]]
            cells[key] = (latest, entries[moved[-1]], entries[moved[-1] + 1]["date"]) if moved else (latest, None, None)
        return cells

    def related(self, slug: str) -> list[str]:
        brief = next(b for b in self.briefs if b["slug"] == slug)
        scored = []
        for other in self.briefs:
            if other["slug"] == slug:
                continue
            shared = (ACTOR * len(brief["actors"] & other["actors"]) + TOPIC * len(brief["topics"] & other["topics"])
                      + (ROUND if brief["round"] and brief["round"] == other["round"] else 0))
            if not shared:
                continue
            score = shared + (CLOSE if abs((other["date"] - brief["date"]).days) <= CLOSE_DAYS else 0)
            scored.append((-score, -other["date"].toordinal(), other["slug"]))
        return [s for *_, s in sorted(scored)[:SHOWN]]

    def round_briefs(self, round: str) -> list[dict]:
        return [b for b in self.briefs if b["round"] == round]

    def pack_sources(self, round: str) -> list[tuple]:
        seen = []
        for brief in self.round_briefs(round):
            for s in brief["sources"]:
                key = (s["publisher"], s.get("url", ""), s.get("title", ""))
                if key not in seen:
                    seen.append(key)
        return seen


def text_of(fragment: str) -> str:
    """The visible text of an HTML fragment, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def between(page: str, start: str, end: str) -> str:
    begin = page.index(start)
    return page[begin : page.index(end, begin)]
