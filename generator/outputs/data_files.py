"""The downloads under ``/data/``: the briefs and registries as JSON and CSV, a TimelineJS 3
timeline, and a JSON Schema beside each JSON file; and the ``/data/`` page that lists them.

The files are computed before the pages are rendered (the page shows their sizes) and
written whole into the staged site beside the engine's build: they depend on every brief's
front matter and the registries, so an edit of bodies only neither computes nor writes them
(the build keeps the published files, see ``CORPUS_OUTPUTS`` in :mod:`generator.build`). Their columns are declared in
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
from ..urls import DATA_DIR, brief_page, briefs_of_year, page_location
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
    counts: tuple[tuple[int, str], ...]  # (how many, of what) it holds: ((600, "person"), (36, "organization"))
    tables: tuple[tuple[str, tuple[Column, ...]], ...]  # (what a row is, its columns) for the dictionary
    schema: dict | None = None  # published beside it as <stem>.schema.json
    year: int | None = None  # a file of one year's briefs; the /data/ page lists those by year

    @property
    def schema_name(self) -> str | None:
        return self.name.rsplit(".", 1)[0] + ".schema.json" if self.schema else None

    @property
    def size(self) -> str:
        """Its size as a reader reads it: ``812 bytes``, ``4.6 KB``, ``10.3 MB`` (1 KB = 1,000 bytes)."""
        return readable_size(len(self.data))


def readable_size(octets: int) -> str:
    """
    >>> readable_size(812), readable_size(4_600), readable_size(10_304_463), readable_size(999_999)
    ('812 bytes', '4.6 KB', '10.3 MB', '1.0 MB')
    """
    if octets < 1000:
        return f"{octets} bytes"
    for unit, scale in (("KB", 1e3), ("MB", 1e6), ("GB", 1e9)):
        if round(octets / scale, 1) < 1000 or unit == "GB":
            return f"{octets / scale:,.1f} {unit}"
    raise AssertionError("unreachable")


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
    counted = {key: ((len(records), noun),) for key, records, noun in
               (("briefs", briefs, "brief"), ("sources", sources, "source"), ("rounds", rounds, "round"), ("topics", topics, "topic"))}
    return [
        DataFile("briefs.json", "Every published brief, oldest first.", _json(briefs), counted["briefs"],
                 (("brief", columns.BRIEFS),), list_schema("briefs.json", columns.BRIEFS)),
        DataFile("briefs.csv", "The same briefs, one row each; lists of ids joined with ';'. Sources are in sources.csv.",
                 _csv(briefs, columns.BRIEFS), counted["briefs"], (("brief", brief_csv),)),
        *_yearly(index, briefs),
        DataFile("sources.csv", "One row per source of each brief, keyed by the brief's slug.",
                 _csv(sources, columns.SOURCES), counted["sources"], (("source", columns.SOURCES),)),
        DataFile("actors.json", "The actors in the Popolo shape: persons, organizations (states, organizations, "
                 "delegations) and each affiliation as a membership.", _json(popolo),
                 tuple((len(popolo[key]), noun) for key, noun in (("persons", "person"), ("organizations", "organization"), ("memberships", "membership"))),
                 (("person", columns.PERSONS), ("organization", columns.ORGANIZATIONS), ("membership", columns.MEMBERSHIPS)),
                 popolo_schema),
        DataFile("rounds.json", "The rounds of talks, earliest first.", _json(rounds), counted["rounds"],
                 (("round", columns.ROUNDS),), list_schema("rounds.json", columns.ROUNDS)),
        DataFile("topics.json", "The topics.", _json(topics), counted["topics"], (("topic", columns.TOPICS),),
                 list_schema("topics.json", columns.TOPICS)),
        DataFile("timeline.json", "The briefs as TimelineJS 3 events, to embed a visual timeline.", _json(timeline),
                 ((len(briefs), "event"),), (("event", TIMELINE),), timeline_schema),
    ]


def _yearly(index: SiteIndex, briefs: list[dict]) -> list[DataFile]:
    """``briefs-<year>.json`` and ``.csv`` for each year, oldest year first: the rows of
    briefs.json and briefs.csv (``briefs``, oldest first) of that year, with the same columns."""
    by_year: dict[int, list[dict]] = {}
    for brief, record in zip(index.chronological, briefs):
        by_year.setdefault(brief.date.year, []).append(record)
    brief_csv = tuple(column for column in columns.BRIEFS if column.in_csv)
    files = []
    for year, records in by_year.items():
        name = briefs_of_year(year, "json")
        files += [
            DataFile(name, f"The briefs of {year}, oldest first.", _json(records), ((len(records), "brief"),),
                     (("brief", columns.BRIEFS),), list_schema(name, columns.BRIEFS), year),
            DataFile(briefs_of_year(year, "csv"), f"The briefs of {year}, one row each.", _csv(records, columns.BRIEFS),
                     ((len(records), "brief"),), (("brief", brief_csv),), None, year),
        ]
    return files


def write_data_files(site: Path, files: list[DataFile]) -> None:
    """Write every download and its schema; remove the files of a year that no longer has briefs
    (an incremental build starts from a copy of the published site)."""
    for file in files:
        replace_file(site / DATA_DIR / file.name, file.data)
        if file.schema:
            replace_file(site / DATA_DIR / file.schema_name, _json(file.schema))
    written = {name for file in files for name in (file.name, file.schema_name) if name}
    for stale in (site / DATA_DIR).glob("briefs-*"):  # the year files (urls.briefs_of_year)
        if stale.name not in written:
            stale.unlink()
