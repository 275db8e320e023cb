"""The downloads under ``/data/``: the briefs and registries as JSON and CSV, a TimelineJS 3
timeline, and a JSON Schema beside each JSON file; and the ``/data/`` page that lists them.

The files are computed before the pages are rendered (the page shows their sizes) and
written whole into the staged site after the engine's build, like the build stamp: they
depend on every brief, and they are cheap. Their columns are declared in
:mod:`.data_columns`; nothing depends on the clock, so two builds give the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from ..pages.index import SiteIndex
from ..urls import DATA_DIR, brief_page, page_location
from . import data_columns as columns
from .data_columns import Column, list_schema, record_schema
from ..config.site_url import SiteAddress
from .site_files import replace_file

TIMELINE = (
    Column("unique_id", columns.TEXT, "The brief's slug.", lambda b, c: b.slug),
    Column("start_date", {"type": "object", "required": ["year", "month", "day"],
                          "properties": {k: columns.TEXT for k in ("year", "month", "day")}},
           "The brief's date as {year, month, day}.",
           lambda b, c: {"year": str(b.date.year), "month": str(b.date.month), "day": str(b.date.day)}),
    Column("text", {"type": "object", "required": ["headline", "text"], "properties": {"headline": columns.TEXT, "text": columns.TEXT}},
           "{headline, text} as HTML: the title and the summary, escaped, and a link to the brief.",
           lambda b, c: {"headline": escape(b.title, quote=False),
                         "text": f'{escape(b.summary, quote=False)} <a href="{escape(c.link(page_location(brief_page(b.slug))))}">Read the brief</a>'}),
)


@dataclass(frozen=True)
class DataFile:
    name: str  # under /data/
    description: str
    data: bytes
    rows: int
    tables: tuple[tuple[str, tuple[Column, ...]], ...]  # (what a row is, its columns) for the dictionary
    schema: dict | None = None  # published beside it as <stem>.schema.json

    @property
    def schema_name(self) -> str | None:
        return self.name.rsplit(".", 1)[0] + ".schema.json" if self.schema else None


class _Context:
    def __init__(self, address: SiteAddress):
        self.address = address

    def link(self, target: str) -> str:
        return self.address.link(target, f"{DATA_DIR}/file")


def _json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _records(items, table: tuple[Column, ...], context: _Context) -> list[dict]:
    return [{column.name: column.value(item, context) for column in table} for item in items]


def csv_cell(value: Any) -> str:
    """A JSON value as its CSV cell: null is empty, a list of ids is joined with ';', and text a
    spreadsheet would run as a formula gets a leading ``'`` (OWASP's advice on CSV injection)."""
    if value is None:
        return ""
    cell = ";".join(value) if isinstance(value, list) else str(value)
    return "'" + cell if cell.startswith(columns.FORMULA_STARTS) else cell


def _csv(records: list[dict], table: tuple[Column, ...]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    names = [column.name for column in table if column.in_csv]
    writer.writerow(names)
    writer.writerows([csv_cell(record[name]) for name in names] for record in records)
    return out.getvalue().encode("utf-8")


def data_files(index: SiteIndex, address: SiteAddress) -> list[DataFile]:
    """Every download, in the order the /data/ page lists them."""
    context, corpus = _Context(address), index.corpus
    briefs = _records(index.chronological, columns.BRIEFS, context)
    cited = [(brief, number, source) for brief in index.chronological for number, source in enumerate(brief.sources, 1)]
    sources = _records(cited, columns.SOURCES, context)
    actors = sorted(corpus.actors.values(), key=lambda actor: actor.id)
    popolo = {
        "persons": _records([a for a in actors if a.type == "person"], columns.PERSONS, context),
        "organizations": _records([a for a in actors if a.type != "person"], columns.ORGANIZATIONS, context),
        "memberships": _records([a for a in actors if a.affiliation], columns.MEMBERSHIPS, context),
    }
    popolo_schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "actors.json (Popolo)",
                     "type": "object", "additionalProperties": False, "required": list(popolo),
                     "properties": {key: {"type": "array", "items": record_schema(table)} for key, table in
                                    (("persons", columns.PERSONS), ("organizations", columns.ORGANIZATIONS), ("memberships", columns.MEMBERSHIPS))}}
    rounds = _records(sorted(corpus.rounds.values(), key=lambda r: (r.start, r.id)), columns.ROUNDS, context)
    topics = _records(sorted(corpus.topics.values(), key=lambda t: t.id), columns.TOPICS, context)
    timeline = {"title": {"text": {"headline": escape(address.site_name or "Timeline", quote=False), "text": ""}},
                "events": _records(index.chronological, TIMELINE, context)}
    timeline_schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "timeline.json (TimelineJS 3)",
                       "type": "object", "required": ["title", "events"],
                       "properties": {"title": {"type": "object"}, "events": {"type": "array", "items": record_schema(TIMELINE)}}}
    brief_csv = tuple(column for column in columns.BRIEFS if column.in_csv)
    return [
        DataFile("briefs.json", "Every published brief, oldest first.", _json(briefs), len(briefs),
                 (("brief", columns.BRIEFS),), list_schema("briefs.json", columns.BRIEFS)),
        DataFile("briefs.csv", "The same briefs, one row each; lists of ids joined with ';'. Sources are in sources.csv.",
                 _csv(briefs, columns.BRIEFS), len(briefs), (("brief", brief_csv),)),
        DataFile("sources.csv", "One row per source of each brief, keyed by the brief's slug.",
                 _csv(sources, columns.SOURCES), len(sources), (("source", columns.SOURCES),)),
        DataFile("actors.json", "The actors in the Popolo shape: persons, organizations (states, organizations, "
                 "delegations) and each affiliation as a membership.", _json(popolo), len(actors),
                 (("person", columns.PERSONS), ("organization", columns.ORGANIZATIONS), ("membership", columns.MEMBERSHIPS)),
                 popolo_schema),
        DataFile("rounds.json", "The rounds of talks, earliest first.", _json(rounds), len(rounds),
                 (("round", columns.ROUNDS),), list_schema("rounds.json", columns.ROUNDS)),
        DataFile("topics.json", "The topics.", _json(topics), len(topics), (("topic", columns.TOPICS),),
                 list_schema("topics.json", columns.TOPICS)),
        DataFile("timeline.json", "The briefs as TimelineJS 3 events, to embed a visual timeline.", _json(timeline),
                 len(briefs), (("event", TIMELINE),), timeline_schema),
    ]


def write_data_files(site: Path, files: list[DataFile]) -> None:
    for file in files:
        replace_file(site / DATA_DIR / file.name, file.data)
        if file.schema:
            replace_file(site / DATA_DIR / file.schema_name, _json(file.schema))
