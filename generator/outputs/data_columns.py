"""The columns of every download under ``/data/``, declared once: the files, their JSON
Schemas and the data dictionary on the ``/data/`` page are all made from these tables.

A column has a name, a JSON Schema fragment (its type), a meaning, and how to read its
value from a record. Dates are ``YYYY-MM-DD`` text; absent values are ``null`` in JSON
and empty in CSV; lists of ids are joined with ``;`` in CSV. In CSV, free text that starts
the way a spreadsheet formula does gets a leading ``'``; JSON keeps the exact text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from ..urls import brief_page, page_location

TEXT = {"type": "string"}
OPTIONAL_TEXT = {"type": ["string", "null"]}
DATE = {"type": "string", "format": "date"}
OPTIONAL_DATE = {"type": ["string", "null"], "format": "date"}
IDS = {"type": "array", "items": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}}
INTEGER = {"type": "integer"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP's list for CSV injection


@dataclass(frozen=True)
class Column:
    name: str
    schema: dict
    meaning: str
    value: Callable[..., Any]  # (record, context) → the JSON value
    in_csv: bool = True

    @property
    def type_name(self) -> str:
        """The type as the data dictionary shows it: ``date``, ``list of text``, ``text or empty``."""
        kinds = self.schema["type"] if isinstance(self.schema["type"], list) else [self.schema["type"]]
        main = {"string": "text", "integer": "integer", "array": "list", "object": "record"}[kinds[0]]
        if self.schema.get("format") == "date":
            main = "date"
        if main == "list" and self.schema["items"].get("type") == "string":
            main = "list of text"
        return main + (" or empty" if "null" in kinds else "")

    @property
    def csv_meaning(self) -> str:
        """The meaning as a CSV file's data dictionary shows it: free text says it may gain a ``'``."""
        kinds = self.schema["type"] if isinstance(self.schema["type"], list) else [self.schema["type"]]
        if "string" not in kinds or "format" in self.schema or "enum" in self.schema:
            return self.meaning
        return self.meaning + " A ' is put before text that begins with =, +, -, @, a tab or a carriage return."


def _day(value) -> str | None:
    return value.isoformat() if value else None


def _source(source) -> dict:
    return {"publisher": source.publisher, "title": source.title, "url": source.url, "archived": source.archived,
            "published": _day(source.published)}


SOURCE_RECORD = {
    "type": "object", "additionalProperties": False, "required": ["publisher", "title", "url", "archived", "published"],
    "properties": {"publisher": TEXT, "title": OPTIONAL_TEXT, "url": OPTIONAL_TEXT, "archived": OPTIONAL_TEXT,
                   "published": OPTIONAL_DATE},
}
CORRECTION_RECORD = {
    "type": "object", "additionalProperties": False, "required": ["date", "note"],
    "properties": {"date": DATE, "note": TEXT},
}

STATUS_CHANGE_RECORD = {
    "type": "object", "additionalProperties": False, "required": ["date", "status", "reason", "source"],
    "properties": {"date": DATE, "status": {"type": "string", "enum": ["reported", "confirmed", "disputed", "retracted"]},
                   "reason": TEXT, "source": {"type": "integer", "minimum": 1}},
}

BRIEFS = (
    Column("slug", TEXT, "The brief's stable id: its file name without .md.", lambda b, c: b.slug),
    Column("url", TEXT, "The brief's page.", lambda b, c: c.link(page_location(brief_page(b.slug)))),
    Column("title", TEXT, "The headline.", lambda b, c: b.title),
    Column("date", DATE, "When the reported event happened.", lambda b, c: _day(b.date)),
    Column("updated", OPTIONAL_DATE, "When the text was last changed, if it was.", lambda b, c: _day(b.updated)),
    Column("last_changed", DATE, "The latest of date, updated, the correction dates and the status changes' dates.", lambda b, c: _day(b.last_changed)),
    Column("summary", TEXT, "The bottom line, in one or two sentences.", lambda b, c: b.summary),
    Column("status", {"type": "string", "enum": ["reported", "confirmed", "disputed", "retracted"]},
           "reported, confirmed, disputed or retracted (see the About page).", lambda b, c: b.status),
    Column("actors", IDS, "Ids of the actors involved (actors.json).", lambda b, c: list(b.actors)),
    Column("round", OPTIONAL_TEXT, "Id of the round of talks (rounds.json), if any.", lambda b, c: b.round),
    Column("topics", IDS, "Ids of the topics (topics.json).", lambda b, c: list(b.topics)),
    Column("sources", {"type": "array", "items": SOURCE_RECORD},
           "The sources: publisher, title, url, archived, published (in sources.csv for CSV).",
           lambda b, c: [_source(s) for s in b.sources], in_csv=False),
    Column("corrections", {"type": "array", "items": CORRECTION_RECORD},
           "Each correction: its date and a note of what was put right.",
           lambda b, c: [{"date": _day(x.date), "note": x.note} for x in b.corrections], in_csv=False),
    Column("status_history", {"type": "array", "items": STATUS_CHANGE_RECORD},
           "Each change of status, oldest first: its date, the new status, why, and the number of the source that moved it.",
           lambda b, c: [{"date": _day(x.date), "status": x.status, "reason": x.reason, "source": x.source}
                         for x in b.status_history], in_csv=False),
)

SOURCES = (
    Column("slug", TEXT, "The brief that cites the source (briefs.csv).", lambda r, c: r[0].slug),
    Column("number", INTEGER, "The source's number in the brief, from 1.", lambda r, c: r[1]),
    *(Column(name, SOURCE_RECORD["properties"][name], meaning, lambda r, c, name=name: _source(r[2])[name])
      for name, meaning in (("publisher", "Who published it."), ("title", "Its title, if given."),
                            ("url", "Its address, if given."), ("archived", "An archived copy of it, if given."),
                            ("published", "When it was published, if given."))),
)

ROUNDS = (
    Column("id", TEXT, "The round's id.", lambda r, c: r.id),
    Column("url", TEXT, "The round's page.", lambda r, c: c.link(f"rounds/{r.id}/")),
    Column("name", TEXT, "Its name.", lambda r, c: r.name),
    Column("start", DATE, "First day.", lambda r, c: _day(r.start)),
    Column("end", OPTIONAL_DATE, "Last day, if it lasted more than one.", lambda r, c: _day(r.end)),
    Column("venue", OPTIONAL_TEXT, "Where it met.", lambda r, c: r.venue),
    Column("status", {"type": "string", "enum": ["proposed", "scheduled", "held", "postponed", "cancelled"]},
           "proposed, scheduled, held, postponed or cancelled.", lambda r, c: r.status),
    Column("participants", IDS, "Ids of the actors taking part.", lambda r, c: list(r.participants)),
    Column("outcome", OPTIONAL_TEXT, "What came of it.", lambda r, c: r.outcome),
)

TOPICS = (
    Column("id", TEXT, "The topic's id.", lambda t, c: t.id),
    Column("url", TEXT, "The topic's page.", lambda t, c: c.link(f"topics/{t.id}/")),
    Column("name", TEXT, "Its name.", lambda t, c: t.name),
    Column("description", OPTIONAL_TEXT, "What it covers.", lambda t, c: t.description),
)

_OTHER_NAMES = {"type": "array", "items": {"type": "object", "additionalProperties": False, "required": ["name"],
                                          "properties": {"name": TEXT}}}
_ACTOR_COMMON = (
    Column("id", TEXT, "The actor's id.", lambda a, c: a.id),
    Column("name", TEXT, "The name the site uses.", lambda a, c: a.name),
    Column("other_names", _OTHER_NAMES, "Other spellings and aliases, each as {name}.",
           lambda a, c: [{"name": alias} for alias in a.aliases]),
    Column("links", {"type": "array", "items": {"type": "object", "required": ["url"], "properties": {"url": TEXT, "note": TEXT}}},
           "The actor's page on this site.", lambda a, c: [{"url": c.link(f"actors/{a.id}/"), "note": "briefs"}]),
)
PERSONS = (*_ACTOR_COMMON, Column("summary", OPTIONAL_TEXT, "The person's role.", lambda a, c: a.role))
ORGANIZATIONS = (*_ACTOR_COMMON, Column("classification", {"type": "string", "enum": ["state", "organization", "delegation"]},
                                        "state, organization or delegation.", lambda a, c: a.type))
MEMBERSHIPS = (
    Column("id", TEXT, "member id, '-', organization id.", lambda a, c: f"{a.id}-{a.affiliation}"),
    Column("person_id", OPTIONAL_TEXT, "The member, if a person.", lambda a, c: a.id if a.type == "person" else None),
    Column("member_id", OPTIONAL_TEXT, "The member, if an organization, state or delegation.",
           lambda a, c: None if a.type == "person" else a.id),
    Column("organization_id", TEXT, "The actor it is affiliated with.", lambda a, c: a.affiliation),
    Column("role", OPTIONAL_TEXT, "The member's role, if given.", lambda a, c: a.role),
)


def record_schema(columns: tuple[Column, ...]) -> dict:
    return {
        "type": "object", "additionalProperties": False, "required": [c.name for c in columns],
        "properties": {c.name: {**c.schema, "description": c.meaning} for c in columns},
    }


def list_schema(title: str, columns: tuple[Column, ...]) -> dict:
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, "type": "array",
            "items": record_schema(columns)}
