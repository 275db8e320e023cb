"""The typed model that flows through the pipeline: load → validate → index → render → build.

Everything here is immutable and already checked: ids are safe path segments,
dates are ``datetime.date``, links are http(s), and every actor, round and
topic reference is a known id.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Iterable

ACTOR_TYPES = ("person", "state", "organization", "delegation")
ROUND_STATUSES = ("proposed", "scheduled", "held", "postponed", "cancelled")
# What kind of outlet a publisher is, as its sources establish: (the label readers see, what it means).
# The About page explains each under #publisher-<type>. State-owned and state-aligned differ on
# purpose: many sources say an outlet follows a state's line without saying who owns it.
PUBLISHER_KINDS = {
    "wire": ("wire", "A news agency whose reports other outlets carry."),
    "newspaper": ("newspaper", "A newspaper, in print or online."),
    "broadcaster": ("broadcaster", "A television or radio broadcaster."),
    "online": ("online", "An outlet that publishes only online."),
    "public-service": ("public service", "Publicly funded, with its editorial independence set down in law or charter."),
    "state-owned": ("state-owned", "Owned or controlled by a state, as its sources establish."),
    "state-aligned": ("state-aligned", "Follows a state's line; who owns it is not established. Cite it for what that state's officials say, not as neutral reporting."),
    "government": ("government", "A government, ministry or official, publishing its own statements."),
    "international-organization": ("international organization", "An international organization, such as a UN agency, publishing its own statements."),
    "ngo": ("NGO", "A non-governmental organization."),
    "other": ("other", "None of the kinds above."),
}
PUBLISHER_TYPES = tuple(PUBLISHER_KINDS)
BRIEF_STATUSES = ("reported", "confirmed", "disputed", "retracted")
# Where an actor stands on a topic, as a brief's `positions:` records it.
STANCES = ("supports", "opposes", "conditional", "proposes", "rejects", "unclear")
# What each status tells the reader; the About page explains them under #status-<status>.
STATUS_MEANINGS = {
    "reported": "One or more sources report it; it is not yet confirmed independently or by the parties.",
    "confirmed": "The parties concerned, or independent sources, confirm it.",
    "disputed": "A party or a credible source contradicts it; the brief says who and how.",
    "retracted": "It proved wrong. The brief stays online, struck through, so that links to it still explain what changed.",
}


@dataclass(frozen=True)
class Problem:
    """One finding about the input, printed as ``path:line: severity: message``
    (``path: severity: message`` when the line is unknown, as for MkDocs' warnings)."""

    path: str
    line: int | None
    severity: str  # "error" | "warning"
    message: str

    @property
    def where(self) -> str:
        return self.path if self.line is None else f"{self.path}:{self.line}"

    def __str__(self) -> str:
        return f"{self.where}: {self.severity}: {self.message}"


def fails(problems: Iterable[Problem], strict: bool) -> bool:
    """Whether ``problems`` fail a check or build: any error, or with ``strict`` any problem."""
    return any(problem.severity == "error" or strict for problem in problems)


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    role: str | None = None
    affiliation: str | None = None
    sort_name: str | None = None  # as written in actors.yml; see sort_key
    alias_lang: str | None = None  # the language of its aliases in Cyrillic (see render_text.script_lang)

    @property
    def sort_key(self) -> tuple[str, str]:
        """Where the actor sorts: its ``sort_name``, else a person's family name (the last
        word of the name: "Hakan Fidan" under F), else the name; ties by the full name."""
        key = self.sort_name or (self.name.split()[-1] if self.type == "person" and self.name.split() else self.name)
        return (key.casefold(), self.name.casefold())


@dataclass(frozen=True)
class Round:
    id: str
    name: str
    start: datetime.date
    end: datetime.date | None = None
    venue: str | None = None
    status: str = "held"
    participants: tuple[str, ...] = ()
    outcome: str | None = None


@dataclass(frozen=True)
class Topic:
    id: str
    name: str
    description: str | None = None


@dataclass(frozen=True)
class PublisherRecord:
    """An entry of publishers.yml: who a source comes from."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    type: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    language: str | None = None  # ISO 639-1
    url: str | None = None

    @property
    def labels(self) -> str:
        """What a reader is told besides the name: ``state-aligned, RU``."""
        return ", ".join(filter(None, [self.type and PUBLISHER_KINDS[self.type][0], self.country]))


@dataclass(frozen=True)
class Source:
    publisher: str  # as written, or the registry's name when publishers.yml knows it
    title: str | None = None
    url: str | None = None
    published: datetime.date | None = None
    publisher_id: str | None = None  # its entry in publishers.yml
    id: str | None = None  # cited in the body as [@id]; [@N] cites the N-th source
    archived: str | None = None  # an archived copy of url, for when the page moves, changes or goes


@dataclass(frozen=True)
class Correction:
    """A dated note of what a brief got wrong and how it was put right."""

    date: datetime.date
    note: str


@dataclass(frozen=True)
class StatusChange:
    """One entry of a brief's ``status_history``: on ``date`` its status became ``status``,
    for ``reason``, on the strength of its source number ``source`` (1-based)."""

    date: datetime.date
    status: str
    reason: str
    source: int


@dataclass(frozen=True)
class Position:
    """One actor's stance on one topic, as a brief records it (``source``: 1-based, or None)."""

    actor: str
    topic: str
    stance: str
    statement: str
    source: int | None = None


@dataclass(frozen=True)
class Brief:
    slug: str
    path: str
    title: str
    date: datetime.date
    summary: str
    actors: tuple[str, ...]
    sources: tuple[Source, ...]
    body: str = ""  # the author's Markdown
    body_html: str = ""  # the body as published: converted, and sanitized unless the site allows raw HTML
    body_links: tuple[tuple[str, int], ...] = ()  # (slug, line) of each body link to a brief's file
    citations: tuple[int, ...] = ()  # the source number of each citation in the body, in order
    round: str | None = None
    topics: tuple[str, ...] = ()
    status: str = "reported"
    draft: bool = False
    positions: tuple[Position, ...] = ()
    updated: datetime.date | None = None  # when the text last changed, if after ``date``
    corrections: tuple[Correction, ...] = ()
    status_history: tuple[StatusChange, ...] = ()  # oldest first; the last entry's status is ``status``

    @property
    def last_changed(self) -> datetime.date:
        """The latest of its date, ``updated``, its corrections' and its status changes' dates:
        the feed entry's ``updated``, so that a change of status reaches feed readers."""
        return max([self.date, self.updated or self.date, *(c.date for c in self.corrections),
                    *(change.date for change in self.status_history)])

    def citation_count(self, number: int) -> int:
        """How often the body cites source ``number`` (1-based): its backlinks are ``cite-N-1`` and on."""
        return self.citations.count(number)


@dataclass(frozen=True)
class Corpus:
    """Everything the site is made of, validated."""

    actors: dict[str, Actor] = field(default_factory=dict)
    rounds: dict[str, Round] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    briefs: tuple[Brief, ...] = ()
    publishers: dict[str, PublisherRecord] = field(default_factory=dict)
    about_html: str | None = None  # briefs/about.md converted and sanitized like a body, if the site has one
