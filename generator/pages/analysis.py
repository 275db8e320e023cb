"""The pages and page parts made from positions and related briefs: the /positions/
matrix, the "Positions" sections, the related briefs under each brief, and each
round's printable pack (``/rounds/<id>/pack/``).

:func:`analysis_globals` and :func:`render_analysis` are called once by :func:`generator.pages.render.render_pages`.
"""

from __future__ import annotations

import posixpath
import re
from typing import Any, Callable

from markupsafe import Markup

from .index import SiteIndex
from .navigation import Crumb
from .related import RelatedBriefs
from .stances import Positions
from ..urls import POSITIONS_PAGE, brief_page, positions_topic_page, pack_page, page_location, root_from, round_page

MATRIX_CELLS = 600  # past this many actor × topic cells, /positions/ is a summary by topic
_ATTRIBUTE = re.compile(r'\b(id|href|src)="([^"]*)"')
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def pack_body(html: str, slug: str, pack: str) -> Markup:
    """A brief's body as the round pack shows it: its ids and in-page links prefixed with
    the brief's slug (many bodies share one page), relative links made relative to the pack."""
    brief_url = page_location(brief_page(slug))
    up = root_from(pack)

    def rewrite(match: re.Match) -> str:
        name, value = match.groups()
        if name == "id":
            return f'id="{slug}--{value}"'
        if value.startswith("#"):
            return f'{name}="#{slug}--{value[1:]}"'
        if not value or value.startswith("/") or _SCHEME.match(value):
            return match.group()
        path, hash, fragment = value.partition("#")
        target = posixpath.normpath(posixpath.join(brief_url, path))
        trailing = "/" if path.endswith("/") and not target.endswith("/") else ""
        return f'{name}="{up}{target}{trailing}{hash}{fragment}"'

    return Markup(_ATTRIBUTE.sub(rewrite, html))


def pack_sources(briefs) -> tuple[dict[tuple, int], list]:
    """One numbered list of every source of ``briefs`` (the same publisher, link and title
    once), in order of first appearance: ``({key: number}, [source, ...])``."""
    numbers: dict[tuple, int] = {}
    sources = []
    for brief in briefs:
        for source in brief.sources:
            key = source_key(source)
            if key not in numbers:
                numbers[key] = len(sources) + 1
                sources.append(source)
    return numbers, sources


def source_key(source) -> tuple:
    return (source.publisher, source.url or "", source.title or "")


def analysis_globals(index: SiteIndex, positions: Positions) -> dict[str, Any]:
    """What every template may use of positions and related briefs."""
    return dict(
        positions=positions,
        related=RelatedBriefs(index.chronological),
        pack_page=pack_page,
        positions_page=POSITIONS_PAGE,
        positions_topic_page=positions_topic_page,
        pack_body=pack_body,
        source_key=source_key,
    )


def render_analysis(index: SiteIndex, positions: Positions, render: Callable[..., Any]) -> None:
    """Render the matrix and the packs (the templates see :func:`analysis_globals`)."""
    matrix = positions.cells <= MATRIX_CELLS
    render(POSITIONS_PAGE, "positions.md.j2", matrix=matrix)
    for topic in positions.topics:
        name = index.corpus.topics[topic].name
        render(positions_topic_page(topic), "positions_topic.md.j2", (Crumb(name),), topic=index.corpus.topics[topic])
    for round in index.corpus.rounds.values():
        briefs = index.by_round.get(round.id, ())
        numbers, sources = pack_sources(briefs)
        crumbs = (Crumb(round.name, round_page(round.id)), Crumb("Round pack"))
        render(pack_page(round.id), "pack.md.j2", crumbs, round=round, briefs=briefs, source_numbers=numbers, all_sources=sources)
