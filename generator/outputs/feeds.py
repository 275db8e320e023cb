"""The Atom 1.0 feeds: ``/feed.xml`` for every brief, and one beside each actor's,
round's and topic's page (``/actors/<id>/feed.xml``), each with the newest N briefs.

A feed's key is its entries' brief files' digests (with the registries and the build's
fingerprint, :class:`.site_files.OutputKeys`): an edit makes again only the feeds that list
the edited brief, and leaves the others as links to the published files. Feeds are written one at a time, and an
entry is bounded whatever the brief: its summary, an excerpt of the body
(:data:`EXCERPT_CHARACTERS` of its text; the entry's link leads to the rest), and at
most :data:`MOST_LISTED` categories of each kind and related links, since a
brief stands in the feed of every actor it names. Nothing depends on the clock: a feed's
``updated`` is its newest entry's, and an entry's ``updated`` is the latest of
the brief's date, ``updated`` and correction dates (:attr:`Brief.last_changed`).
An entry's id comes from the site and the brief's slug, so an edit keeps it.

feedgenerator (Pelican's) would write the skeleton, but not a category's
label nor more than one link per entry, which the sources need; the XML is
small enough to write with the standard library's escaping writer.
"""

from __future__ import annotations

import datetime
import itertools
from html import escape, unescape
import re
import uuid
from pathlib import Path
from typing import Iterable
from xml.sax.saxutils import escape as escape_text, quoteattr

from ..pages.index import SiteIndex
from ..model import Brief
from ..urls import ABOUT_PAGE, FEED, actor_page, brief_page, feed_file, page_location, round_page, topic_page
from ..config.site_url import SiteAddress
from .site_files import OutputKeys, replace_file

ATOM = "http://www.w3.org/2005/Atom"
EXCERPT_CHARACTERS = 1000  # of the body's text in an entry's content
MOST_LISTED = 25  # actors, topics and source links per entry
_TAG_OR_CUT_TAG = re.compile(r"<[^>]*>|<[^>]*$")
# What XML 1.0 cannot hold at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text(value: str) -> str:
    return _NOT_XML.sub("\ufffd", value)


def timestamp(day: datetime.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def entry_id(address: SiteAddress, slug: str) -> str:
    """Stable across edits and builds: a name-based UUID of the site and the brief's slug."""
    return uuid.uuid5(uuid.NAMESPACE_URL, address.identity + brief_page(slug)).urn


class _Writer:
    """The bytes :class:`xml.sax.saxutils.XMLGenerator` would write (short empty elements,
    its escaping and attribute quoting), built as a list of strings: a feed is written on
    every build, and the generator's per-call overhead was most of the cost."""

    def __init__(self) -> None:
        self.parts: list[str] = ['<?xml version="1.0" encoding="utf-8"?>\n']

    def start(self, name: str, **attributes: str) -> None:
        self.parts.append(f"<{name}" + "".join(f" {key}={quoteattr(value)}" for key, value in attributes.items()) + ">")

    def end(self, name: str) -> None:
        self.parts.append(f"</{name}>")

    def element(self, name: str, text: str | None = None, **attributes: str) -> None:
        quoted = "".join(f" {key.replace('_', ':')}={quoteattr(_text(value))}" for key, value in attributes.items())
        text = _text(text) if text else ""
        self.parts.append(f"<{name}{quoted}>{escape_text(text)}</{name}>" if text else f"<{name}{quoted}/>")

    def getvalue(self) -> str:
        return "".join(self.parts)


def excerpt(body_html: str, characters: int = EXCERPT_CHARACTERS) -> str:
    """The first ``characters`` of the body's text, cut at a word, with "…" if cut. Only the
    start of the body is read (text is at most as long as its HTML, markup takes some)."""
    read = body_html[: characters * 8]
    text = " ".join(unescape(_TAG_OR_CUT_TAG.sub("", read)).split())
    if len(text) > characters:
        return text[:characters].rsplit(" ", 1)[0] + " …"
    return text if len(read) == len(body_html) else f"{text} …"


def _content(brief: Brief) -> str:
    """A retraction notice first, an excerpt of the body, the corrections (the entry links the brief)."""
    parts = []
    if brief.status == "retracted":
        parts.append("<p><strong>Retracted.</strong> This brief proved wrong; it stays online so that links to it still explain what changed.</p>")
    parts.append(f"<p>{escape(excerpt(brief.body_html))}</p>")
    if brief.corrections:
        items = "".join(f"<li>{c.date.isoformat()}: {escape(c.note)}</li>" for c in brief.corrections[-MOST_LISTED:])
        parts.append(f"<h2>Corrections</h2><ul>{items}</ul>")
    return "\n".join(parts)


def _entry(out: _Writer, brief: Brief, index: SiteIndex, address: SiteAddress, feed: str) -> None:
    corpus = index.corpus
    link = address.link(page_location(brief_page(brief.slug)), feed)
    out.start("entry")
    out.element("id", entry_id(address, brief.slug))
    out.element("title", brief.title, type="text")
    out.element("published", timestamp(brief.date))
    out.element("updated", timestamp(brief.last_changed))
    out.element("link", rel="alternate", type="text/html", href=link)
    for source in [source for source in brief.sources if source.url][:MOST_LISTED]:
        out.element("link", rel="related", type="text/html", href=source.url,
                    title=f"{source.publisher}: {source.title}" if source.title else source.publisher)
    categories = [("actors/", id, corpus.actors[id].name) for id in brief.actors[:MOST_LISTED]]
    if brief.round:
        categories.append(("rounds/", brief.round, corpus.rounds[brief.round].name))
    categories += [("topics/", id, corpus.topics[id].name) for id in brief.topics[:MOST_LISTED]]
    categories.append((page_location(ABOUT_PAGE), brief.status, brief.status))  # the status, explained there
    for scheme, term, label in categories:
        out.element("category", term=term, scheme=address.link(scheme, feed), label=label)
    out.element("summary", brief.summary, type="text")
    out.element("content", _content(brief), type="html", xml_base=link)
    out.end("entry")


def feed_xml(briefs: Iterable[Brief], index: SiteIndex, address: SiteAddress, path: str, page: str, title: str, limit: int) -> bytes:
    """One feed at ``path`` (relative to the site) for the page ``page``: ``briefs`` newest first."""
    entries = list(itertools.islice(briefs, limit))
    newest = max((b.last_changed for b in entries), default=None) or address.newest
    out = _Writer()
    out.start("feed", xmlns=ATOM)
    out.element("id", uuid.uuid5(uuid.NAMESPACE_URL, address.identity + path).urn)
    out.element("title", title, type="text")
    out.element("updated", timestamp(newest))
    out.element("link", rel="self", type="application/atom+xml", href=address.link(path, path))
    out.element("link", rel="alternate", type="text/html", href=address.link(page_location(page), path))
    out.start("author")
    out.element("name", address.site_name or "briefing")
    out.end("author")
    out.element("generator", "briefing")
    for brief in entries:
        _entry(out, brief, index, address, path)
    out.end("feed")
    return (out.getvalue() + "\n").encode("utf-8")


def feed_sources(index: SiteIndex, address: SiteAddress) -> dict[str, tuple[Iterable[Brief], str, str]]:
    """Every feed of the site, ``{path relative to the site: (briefs newest first, page, title)}``."""
    corpus = index.corpus
    name = address.site_name or "briefing"
    feeds: dict[str, tuple[Iterable[Brief], str, str]] = {FEED: (index.newest_first, "index.md", name)}
    for actor in corpus.actors.values():
        feeds[feed_file(actor_page(actor.id))] = (index.by_actor.get(actor.id, ()), actor_page(actor.id), f"{name}: {actor.name}")
    for round in corpus.rounds.values():
        newest_first = tuple(reversed(index.by_round.get(round.id, ())))
        feeds[feed_file(round_page(round.id))] = (newest_first, round_page(round.id), f"{name}: {round.name}")
    for topic in corpus.topics.values():
        feeds[feed_file(topic_page(topic.id))] = (index.by_topic.get(topic.id, ()), topic_page(topic.id), f"{name}: {topic.name}")
    return feeds


def write_feeds(site: Path, index: SiteIndex, address: SiteAddress, limit: int,
                keys: OutputKeys | None = None, digests: dict[str, str] | None = None) -> None:
    """Write every feed into the staged ``site``, one at a time, and remove the feeds of actors,
    rounds and topics that are gone (an incremental build starts from a copy of the published site).
    With ``keys`` and ``digests`` (each brief file's digest), a feed whose entries are the same
    briefs, unchanged, is left as the published file (see :class:`.site_files.OutputKeys`)."""
    feeds = feed_sources(index, address)
    for folder in ("actors", "rounds", "topics"):
        for stale in (site / folder).glob(f"*/{FEED}"):
            if stale.relative_to(site).as_posix() not in feeds:
                stale.unlink()
    for path, (briefs, page, title) in feeds.items():
        entries = list(itertools.islice(briefs, limit))
        known = [(b.path, digests.get(b.path)) for b in entries] if keys is not None and digests is not None else [("", None)]
        if keys is not None and all(digest for _, digest in known):  # an unreadable file has no digest: written always
            inputs = (path, page, title, limit, known, None if entries else address.newest)
            if keys.unchanged(path, inputs) and (site / path).is_file():
                continue
        replace_file(site / path, feed_xml(entries, index, address, path, page, title, limit))
