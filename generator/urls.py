"""Where each generated page lives: its Markdown path, its URL, its HTML file.

The site contract fixes directory URLs (``/briefs/<slug>/``), so these are
plain functions of the page path::

    >>> page_location("briefs/talks.md"), page_output("actors/index.md"), brief_page("talks")
    ('briefs/talks/', 'actors/index.html', 'briefs/talks.md')
    >>> page_location(year_page(actor_page("russia"), 2024)), page_location(publisher_page("tass"))
    ('actors/russia/2024/', 'sources/tass/')
"""

from __future__ import annotations


def brief_page(slug: str) -> str:
    return f"briefs/{slug}.md"


def actor_page(id: str) -> str:
    return f"actors/{id}.md"


def round_page(id: str) -> str:
    return f"rounds/{id}.md"


def topic_page(id: str) -> str:
    return f"topics/{id}.md"


def round_calendar(id: str) -> str:
    """A round's iCalendar file, beside its page: ``rounds/x/calendar.ics``."""
    return f"rounds/{id}/calendar.ics"


ROUNDS_CALENDAR = "rounds.ics"  # every round, as one iCalendar file (see outputs/calendars.py)


def pack_page(id: str) -> str:
    """A round's printable pack: ``rounds/x/pack.md`` (``/rounds/x/pack/``)."""
    return f"rounds/{id}/pack.md"


def publisher_page(slug: str) -> str:
    return f"sources/{slug}.md"


def year_page(page: str, year: int) -> str:
    """A split index page's page for one year: ``actors/x.md`` → ``actors/x/2024.md`` (``/actors/x/2024/``)."""
    return f"{page[: -len('.md')]}/{year}.md"


def month_page(page: str, year: int, month: int) -> str:
    """A long year page's page for one month: ``timeline.md`` → ``timeline/2024/05.md`` (``/timeline/2024/05/``)."""
    return f"{page[: -len('.md')]}/{year}/{month:02d}.md"


def page_location(path: str) -> str:
    """A page's URL relative to the site root: ``briefs/x.md`` → ``briefs/x/``, ``index.md`` → ``""``."""
    if path == "index.md":
        return ""
    if path.endswith("/index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"


def absolute_url(site_url: str | None, path: str) -> str | None:
    """The address of the page generated from ``path`` under the site's address (absolute,
    ending in "/"), or None when the site has none: never a guess."""
    return site_url + page_location(path) if site_url else None


def page_output(path: str) -> str:
    """The HTML file MkDocs writes for a page, relative to the site."""
    return page_location(path) + "index.html"


def body_pages(slug: str, round: str | None) -> list[str]:
    """The pages that show a brief's body: its own, and its round's pack."""
    return [brief_page(slug), *([pack_page(round)] if round else [])]


def root_from(path: str) -> str:
    """The relative link from a page's URL back to the site root."""
    return "../" * page_location(path).count("/")


SEARCH_PAGE = "search.md"
POSITIONS_PAGE = "positions.md"  # /positions/: each actor's latest stance on each topic


def positions_topic_page(id: str) -> str:
    """``/positions/<topic>/``: every actor's latest stance on one topic."""
    return f"positions/{id}.md"
ABOUT_PAGE = "about.md"  # /about/
ABOUT_SOURCE = "about.md"  # the About page's text, in the briefs folder (not a brief)


def status_anchor(status: str) -> str:
    """Where the About page explains a brief status: ``#status-disputed``."""
    return f"status-{status}"


SEARCH_BUNDLE = "pagefind"  # Pagefind's files, relative to the site: the first shard's bundle
SEARCH_SHARDS = "shards.json"  # in SEARCH_BUNDLE: the folders of the other shards, which search.js merges
SEARCH_SHARD_DATES = "shard-dates.json"  # in SEARCH_BUNDLE: each shard's sort dates, to merge "newest first" across shards


def search_shard(shard: int) -> str:
    """Where a shard's Pagefind bundle is, relative to the site: ``pagefind/``, ``pagefind/shard-1/``…"""
    return SEARCH_BUNDLE if shard == 0 else f"{SEARCH_BUNDLE}/shard-{shard}"


SEARCH_LISTS = "search/lists/facets.json"  # what a search without words reads (see outputs/search_lists.py)


def search_list_page(facet: str, value: str, page: int | str) -> str:
    """Page ``page`` (from 1) of the briefs with one facet value, for a search without words:
    ``search/lists/actor/x/1.json``."""
    return f"search/lists/{facet}/{value}/{page}.json"


def search_all_page(page: int | str) -> str:
    """Page ``page`` (from 1) of every brief, for a search without words: ``search/lists/all/1.json``."""
    return f"search/lists/all/{page}.json"


BUILD_STAMP = "assets/built.js"  # the footer's "Last built" date (see outputs/build_stamp.py)


FEED = "feed.xml"  # every brief's Atom feed; an actor's, round's or topic's is beside its page
DATA_PAGE = "data.md"  # /data/: the downloads and their data dictionary
DATA_DIR = "data"  # the download files, beside the data page (see outputs/data_files.py)


def briefs_of_year(year: int, extension: str) -> str:
    """One year's briefs under ``/data/``: ``briefs-2025.json``, ``briefs-2025.csv``."""
    return f"briefs-{year}.{extension}"
JSON_SCHEMAS = "data/schemas"  # the JSON Schemas for briefs and registries (see outputs/schemas.py)


def feed_file(page: str) -> str:
    """The Atom feed of an index page, relative to the site: ``actors/x.md`` → ``actors/x/feed.xml``."""
    return page_location(page) + FEED


def feed_path(kind: str | None = None, id: str = "") -> str:
    """The feed of all briefs, or of one actor, round or topic: ``feed_path("actor", "x")``."""
    pages = {"actor": actor_page, "round": round_page, "topic": topic_page}
    return feed_file(pages[kind](id) if kind else "index.md")
