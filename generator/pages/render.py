"""Stage 3, pages: render every page of the site as Markdown from the Jinja2 templates.

Pages are Markdown for their headings (so the table of contents and search
sections work) and raw HTML blocks for lists, tables and metadata: Markdown
does not touch raw HTML, which keeps conversion fast on long index pages.
Jinja's autoescape HTML-escapes every value; a value inside Markdown (a
heading) also needs the ``md`` filter, which escapes Markdown syntax too.
Links are final URLs built from checked ids, as :class:`~markupsafe.Markup`.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Sequence

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .analysis import analysis_globals, render_analysis
from ..check.citations import citation_anchor, source_anchor
from ..config.options import LATEST_ON_HOME, Options
from .compiled_templates import CompiledTemplates
from .index import SiteIndex
from ..model import BRIEF_STATUSES, PUBLISHER_KINDS, STATUS_MEANINGS
from .navigation import Crumb, neighbours, section_entry, trail, with_navigation
from .paging import Listing, by_month, citations_by_month, dated_briefs, month_pages, paginate
from .render_text import counted, domain, external_url, long_date, markdown_text, meta_value, month_name, script_lang  # noqa: F401
from .share import share_meta
from .stances import Positions
from .state_of_play import LISTED, state_of_play
from ..config.site_url import SiteAddress
from .timeline import is_marker, timeline_months
from ..urls import ABOUT_PAGE, DATA_DIR, DATA_PAGE, POSITIONS_PAGE, ROUNDS_CALENDAR, SEARCH_LISTS, SEARCH_PAGE, actor_page, brief_page, feed_path, page_location, publisher_page, root_from, round_calendar, round_page, status_anchor, topic_page


class Links:
    """Relative URLs from one page to the others (directory URLs, as the site contract
    says); ids and slugs are checked ``[a-z0-9_-]``, so they need no escaping."""

    def __init__(self, root: str):
        self.root = root

    def page(self, path: str) -> Markup:
        return Markup(self.root + path)

    def to(self, path: str) -> Markup:
        """The URL of the page generated from ``path`` (a year or publisher page)."""
        return self.page(page_location(path))

    def brief(self, brief) -> Markup:
        return self.page(f"briefs/{brief.slug}/")

    def actor(self, id: str) -> Markup:
        return self.page(f"actors/{id}/")

    def round(self, id: str) -> Markup:
        return self.page(f"rounds/{id}/")

    def topic(self, id: str) -> Markup:
        return self.page(f"topics/{id}/")

    def publisher(self, slug: str) -> Markup:
        return self.to(publisher_page(slug))

    def crumb(self, crumb: Crumb) -> Markup:
        return Markup(self.to(crumb.path) + (f"#{crumb.anchor}" if crumb.anchor else ""))

    def status(self, status: str) -> Markup:
        """Where the About page explains ``status`` (a checked status word)."""
        return Markup(f"{self.to(ABOUT_PAGE)}#{status_anchor(status)}")


class _Environment(Environment):
    """Each template sees the globals as one dict, copied when it loads, not as Jinja's ChainMap
    over the environment's: Jinja copies, lists and searches a template's globals on every render,
    include and import, and through a ChainMap that cost about 7% of the render stage. So every
    global is set before the first template loads (a later one is undefined: StrictUndefined fails)."""

    def make_globals(self, d: dict[str, Any] | None) -> dict[str, Any]:  # type: ignore[override]
        return {**self.globals, **(d or {})}


def make_environment(templates_dir: Path) -> Environment:
    environment = _Environment(
        loader=FileSystemLoader(str(templates_dir)),
        autoescape=True,
        extensions=["jinja2.ext.do"],
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # one environment per build: no need to stat a template on every include
        bytecode_cache=CompiledTemplates(),
    )
    environment.filters.update(
        md=markdown_text, meta=meta_value, url=external_url, long_date=long_date, month_name=month_name, domain=domain,
        counted=counted, script_lang=script_lang,
    )
    environment.tests["marker"] = is_marker
    environment.globals["status_meanings"] = STATUS_MEANINGS
    environment.globals["publisher_kinds"] = PUBLISHER_KINDS
    environment.globals.update(status_anchor=status_anchor, source_anchor=source_anchor, citation_anchor=citation_anchor)
    environment.globals["by_month"] = lambda briefs: by_month(dated_briefs(briefs))
    environment.globals["feed_path"] = feed_path
    environment.globals["brief_page"] = brief_page
    environment.globals.update(rounds_calendar=ROUNDS_CALENDAR, round_calendar=round_calendar)
    return environment


def search_facets(index: SiteIndex) -> dict[str, list[tuple[str, str]]]:
    """The search page's filters: (id as in the URL, label) for each value, in display order."""
    corpus = index.corpus
    return {
        "actor": [(a.id, a.name) for a in sorted(corpus.actors.values(), key=lambda a: a.sort_key)],
        "round": [(r.id, r.name) for r in sorted(corpus.rounds.values(), key=lambda r: (r.start, r.id))],
        "topic": [(t.id, t.name) for t in sorted(corpus.topics.values(), key=lambda t: t.name.casefold())],
        "status": [(status, status) for status in BRIEF_STATUSES],
        "year": [(str(year), str(year)) for year in sorted({b.date.year for b in index.newest_first}, reverse=True)],
    }


def render_pages(
    index: SiteIndex, templates_dir: Path, skip: set[str] = frozenset(), split_threshold: int = Options.split_threshold,
    month_threshold: int = Options.month_threshold,
    address: SiteAddress = SiteAddress(), downloads: Sequence = (), encode: bool = False,
) -> dict[str, str] | dict[str, bytes]:
    """Every page of the site, as ``{path under docs/: Markdown text}``, less the pages in ``skip``;
    with ``encode``, each text is kept as UTF-8 bytes as soon as it is rendered (Python keeps a
    text with one non-Latin-1 character at 2 bytes a character: at 10,000 briefs, 330 MiB against 165);
    ``address`` is the site's address and name, for share tags and "Cite as"; ``downloads`` the
    files the /data/ page lists (they hold front matter only, so a body edit leaves it as it was).

    Index pages listing more than ``split_threshold`` entries are split by year, and year pages
    listing more than ``month_threshold`` by month (see :mod:`.paging`)."""
    environment = make_environment(templates_dir)
    corpus = index.corpus
    pages: dict[str, str] = {}
    items: dict[tuple[str, str], Markup] = {}

    def brief_item(brief, links: Links) -> Markup:
        """A brief's entry in a list: it stands on many pages, so it is rendered once per depth."""
        key = (brief.slug, links.root)
        if key not in items:
            items[key] = Markup(environment.get_template("_brief_item.html.j2").render(brief=brief, links=links).rstrip("\n"))
        return items[key]

    @functools.cache
    def source_line(source) -> Markup:
        """A source's line depends on the source alone, and shows on its brief's page and twice in its round's pack."""
        return environment.get_template("_macros.md.j2").module.source_line(source)

    @functools.cache
    def aliases_in_their_language(aliases: tuple[str, ...], declared: str | None = None) -> Markup:
        """An actor's aliases, in the search data of each of its briefs' pages."""
        return environment.get_template("_macros.md.j2").module.aliases_in_their_language(aliases, declared)

    environment.globals["brief_item"] = brief_item
    environment.globals["source_line"] = source_line
    environment.globals["aliases_in_their_language"] = aliases_in_their_language
    environment.globals["site"] = address
    environment.globals["share_meta"] = lambda brief: share_meta(brief, corpus, address.site_url)
    # Sources carry the registry's name for a known publisher: "TASS" → "state media, RU".
    environment.globals["timeline_months"] = lambda briefs, **where: timeline_months(briefs, corpus.rounds.values(), **where)
    environment.globals["publisher_labels"] = {p.name: p.labels for p in corpus.publishers.values() if p.labels}
    positions = Positions(corpus, index.chronological)  # one grouping for the home page, the matrix and the packs
    environment.globals.update(analysis_globals(index, positions))  # the last global: templates load from here on
    crumbs_template = environment.get_template("_breadcrumbs.html.j2")

    def render(path: str, template: str, below: tuple[Crumb, ...] = (), **context: Any) -> None:
        """Render a page; ``below`` are its breadcrumbs under its section (see :func:`.navigation.trail`)."""
        if path in skip:
            return
        links = Links(root_from(path))
        text = environment.get_template(template).render(index=index, corpus=corpus, links=links, **context)
        crumbs = crumbs_template.render(crumbs=trail(path, *below), links=links).strip()
        page = with_navigation(path, text, crumbs)
        pages[path] = page.encode("utf-8") if encode else page

    def render_listed(template: str, listing: Listing, title: str, kind: str, **context: Any) -> None:
        """An index page and, if it is split, its year pages (``year.md.j2``, entries shown as ``kind``)."""
        is_section = section_entry(listing.main)[1] == listing.main
        render(listing.main, template, () if is_section else (Crumb(title),), listing=listing, **context)
        for year in listing.years:
            above = () if is_section else (Crumb(title, listing.main),)
            by_months = month_pages(year, month_threshold)
            render(year.path, "year.md.j2", (*above, Crumb(str(year.year))), listing=listing, year=year, title=title, kind=kind,
                   by_months=by_months, month=None)
            for month in year.months if by_months else ():
                crumbs = (*above, Crumb(str(year.year), year.path), Crumb(month_name(month.month)))
                render(year.month_path(month), "year.md.j2", crumbs, listing=listing, year=year, title=title, kind=kind,
                       by_months=True, month=month)

    threshold = split_threshold
    render("index.md", "home.md.j2", state=state_of_play(index, positions, LATEST_ON_HOME), listed=LISTED, positions_page=POSITIONS_PAGE)
    timeline = paginate("timeline.md", index.newest_first, threshold, newest_first=True)
    render_listed("timeline.md.j2", timeline, "Timeline", "day")
    timeline_years = {year.year: year.path for year in timeline.years}
    sources_split = sum(len(publisher.items) for publisher in index.publishers) > threshold
    render("sources.md", "sources.md.j2", split=sources_split)
    render("actors/index.md", "actors.md.j2")
    render("rounds/index.md", "rounds.md.j2")
    render("topics/index.md", "topics.md.j2")
    render(SEARCH_PAGE, "search.md.j2", (Crumb("Search"),), facets=search_facets(index), search_lists=SEARCH_LISTS)
    render(ABOUT_PAGE, "about.md.j2")
    render(DATA_PAGE, "data.md.j2", files=downloads, data_dir=DATA_DIR)
    brief_neighbours = neighbours(index.chronological)
    render_analysis(index, positions, render)  # positions, round packs
    for brief in index.newest_first:
        year = brief.date.year
        year_crumb = Crumb(str(year), timeline_years[year]) if timeline.split else Crumb(str(year), "timeline.md", str(year))
        older, newer = brief_neighbours[brief.slug]
        render(brief_page(brief.slug), "brief.md.j2", (year_crumb, Crumb(brief.title)), brief=brief, older=older, newer=newer)
    for actor in corpus.actors.values():
        listing = paginate(actor_page(actor.id), index.by_actor.get(actor.id, ()), threshold, newest_first=True)
        render_listed("actor.md.j2", listing, actor.name, "brief", actor=actor)
    for round in corpus.rounds.values():
        listing = paginate(round_page(round.id), index.by_round.get(round.id, ()), threshold, newest_first=False)
        render_listed("round.md.j2", listing, round.name, "brief", round=round)
    for topic in corpus.topics.values():
        listing = paginate(topic_page(topic.id), index.by_topic.get(topic.id, ()), threshold, newest_first=True)
        render_listed("topic.md.j2", listing, topic.name, "brief", topic=topic)
    for publisher in index.publishers if sources_split else ():
        pieces = citations_by_month(publisher.items)
        listing = paginate(publisher_page(publisher.slug), publisher.items, threshold, newest_first=True, dated=pieces)
        render_listed("publisher.md.j2", listing, publisher.name, "source", publisher=publisher)
    return pages
