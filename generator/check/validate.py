"""Stage 2, check: check raw documents against the schema and registries; build the typed model.

Every problem is collected, none stops the run: ``validate`` returns the
corpus of everything that is valid plus the full list of problems.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from . import schema
from .body import BodyConverter, BodyError, missing_links
from ..read.load import Document, RawCorpus
from ..model import Actor, Brief, Corpus, Problem, PublisherRecord, Round, Topic
from .names import NameIndex
from .limits import limit_problems
from .placeholders import placeholder_problems
from .positions import read_positions
from .registries import Entry, Report, read_registry
from .results import Today, check_key, still_holds
from .revisions import read_revisions
from .status_history import read_status_history
from .sources import citation_problems, read_sources

SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
ROUND_SLACK = datetime.timedelta(days=30)


def validate(raw: RawCorpus, today: datetime.date | None = None, unsafe_html: bool = False) -> tuple[Corpus, list[Problem]]:
    report = Report()
    converter = BodyConverter(unsafe_html)
    report.problems.extend(raw.problems)
    names = {kind: NameIndex(kind) for kind in ("actor", "round", "topic", "publisher")}

    actors = read_registry(raw.registries.get("actors"), schema.ACTOR, "actor", names["actor"], report,
                            lambda v: [v["name"], *v.get("aliases", ())])
    rounds = read_registry(raw.registries.get("rounds"), schema.ROUND, "round", names["round"], report,
                            lambda v: [v["name"]])
    topics = read_registry(raw.registries.get("topics"), schema.TOPIC, "topic", names["topic"], report,
                            lambda v: [v["name"]])

    actor_models = {
        id: Actor(
            id=id,
            name=v["name"],
            type=v["type"],
            aliases=v.get("aliases", ()),
            role=v.get("role"),
            sort_name=v.get("sort_name"),
            alias_lang=v.get("alias_lang"),
            affiliation=_resolve_one(v.get("affiliation"), names["actor"], entry, "affiliation", report),
        )
        for id, (v, entry) in actors.items()
    }
    round_models = {}
    for id, (v, entry) in rounds.items():
        if v.get("end") and v["end"] < v["start"]:
            report.error(entry.path, entry.line, f"round '{id}': end {v['end']} is before start {v['start']}")
        round_models[id] = Round(
            id=id,
            name=v["name"],
            start=v["start"],
            end=v.get("end"),
            venue=v.get("venue"),
            status=v.get("status", "held"),
            participants=_resolve_many(v.get("participants", ()), names["actor"], entry, "participants", report),
            outcome=v.get("outcome"),
        )
    topic_models = {id: Topic(id=id, name=v["name"], description=v.get("description")) for id, (v, _) in topics.items()}
    publishers = read_registry(raw.registries.get("publishers"), schema.PUBLISHER, "publisher", names["publisher"], report,
                                lambda v: [v["name"], *v.get("aliases", ())])
    publisher_models = {id: PublisherRecord(**v) for id, (v, _) in publishers.items()}
    # Without publishers.yml any publisher is accepted as written.
    registry = publisher_models if raw.registries.get("publishers") is not None else None

    briefs: list[Brief] = []
    slugs: dict[str, str] = {}
    today = today or datetime.date.today()
    key = check_key(converter.key, raw.registry_digest)
    for document in raw.briefs:
        kept = document.checked
        if kept is not None and still_holds(kept[0], key, today) and (kept[1] is None or document.converted[0] == converter.key):
            brief = kept[1]
            report.problems.extend(kept[2])
        else:
            first = len(report.problems)
            compared = Today(today)
            brief = _read_brief(document, names, round_models, registry, report, compared, converter)
            document.checked = (compared.key(key), brief, tuple(report.problems[first:]))
            raw.rechecked.add(document.path)
        if brief is None:
            continue
        if brief.slug in slugs:
            report.error(document.path, 1, f"slug '{brief.slug}' is also used by {slugs[brief.slug]}; rename one file")
            continue
        slugs[brief.slug] = document.path
        briefs.append(brief)
    report.problems.extend(missing_links(briefs, {Path(path).stem for path in raw.parsed}))
    # A body converted again (the converter or unsafe_html changed) is new output, as if the file
    # had changed: its page is rendered again and the cache keeps the new conversion.
    raw.fresh.update(converter.converted)

    corpus = Corpus(actors=actor_models, rounds=round_models, topics=topic_models, briefs=tuple(briefs),
                    publishers=publisher_models, about_html=converter.convert_page(raw.about, report.problems))
    return corpus, report.problems


def _resolve_one(name: str | None, names: NameIndex, entry: Entry, key: str, report: Report) -> str | None:
    if name is None:
        return None
    id = names.resolve(name)
    if id is None:
        report.error(entry.path, entry.line_of(key), f"{entry.label}{key}: {names.unknown(name)}")
    return id


def _resolve_many(items, names: NameIndex, entry: Entry, key: str, report: Report) -> tuple[str, ...]:
    ids: list[str] = []
    for index, name in enumerate(items):
        id = names.resolve(name)
        if id is None:
            report.error(entry.path, entry.line_of(key, index), f"{entry.label}{key}: {names.unknown(name)}")
        elif id not in ids:
            ids.append(id)
    return tuple(ids)


def _read_brief(
    document: Document,
    names: dict[str, NameIndex],
    rounds: dict[str, Round],
    publishers: dict[str, PublisherRecord] | None,
    report: Report,
    today: datetime.date,
    converter: BodyConverter,
) -> Brief | None:
    path = document.path
    slug = Path(path).stem
    if over_limits := limit_problems(document):
        report.problems.extend(over_limits)
        return None
    first_new = len(report.problems)
    values, problems = schema.read_record(document.data, schema.BRIEF, path)
    report.problems.extend(problems)
    entry = Entry(path, document.data, "")
    if not SLUG_PATTERN.match(slug) or slug in schema.RESERVED_IDS:
        report.error(path, 1, f"file name '{slug}.md' cannot be a page address: use lowercase letters, digits, '-' and '_'")
        return None
    actors = _resolve_many(values.get("actors", ()), names["actor"], entry, "actors", report)
    round_id = _resolve_one(values.get("round"), names["round"], entry, "round", report)
    topics = _resolve_many(values.get("topics", ()), names["topic"], entry, "topics", report)
    positions, problems = read_positions(document.data, path, names, actors, topics, len(values.get("sources", ())))
    report.problems.extend(problems)
    try:
        body = converter.convert_document(document)
    except BodyError as error:
        report.error(path, document.body_line, f"body: {error}")
    report.problems.extend(placeholder_problems(document))
    if any(problem.severity == "error" for problem in report.problems[first_new:]):
        return None

    source_line = lambda index: entry.line_of("sources", index)  # noqa: E731
    sources, problems = read_sources(values["sources"], source_line, path, publishers, names["publisher"])
    report.problems.extend(problems)
    citations = citation_problems(sources, body.citations, source_line, path)
    report.problems.extend(citations)
    if any(problem.severity == "error" for problem in citations):
        return None
    date = values["date"]
    if date > today:
        report.warning(path, entry.line_of("date"), f"date {date} is in the future")
    revisions = read_revisions(values, document.data, date, today, path, report.problems)
    status_history = read_status_history(values, document.data, date, today, path, report.problems)
    if round_id is not None:
        round = rounds[round_id]
        end = round.end or round.start
        if date < round.start - ROUND_SLACK or date > end + ROUND_SLACK:
            report.warning(
                path, entry.line_of("date"),
                f"date {date} is more than 30 days outside round '{round_id}' ({round.start} to {end})",
            )
    return Brief(
        slug=slug,
        path=path,
        title=values["title"],
        date=date,
        summary=values["summary"],
        actors=actors,
        sources=sources,
        body=document.body,
        body_html=body.html,
        body_links=body.links,
        citations=tuple(number for _, number, _ in body.citations),
        round=round_id,
        topics=topics,
        status=values.get("status", "reported"),
        draft=values.get("draft", False),
        **revisions,
        status_history=status_history,
        positions=positions,
    )
