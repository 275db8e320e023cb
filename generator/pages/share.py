"""What a link to a brief shows when it is shared or found: Open Graph tags and a schema.org
``NewsArticle`` in JSON-LD, computed and escaped here, once.

A brief page carries the finished ``<head>`` snippet in its meta (``share:``), and the theme
override prints it as it is on both engines (``site_templates/overrides/main.html``). So every
value is made safe here: HTML-escaped in attributes; in the JSON-LD, ``<``, ``>``, ``&``,
U+2028 and U+2029 are ``\\u`` escapes, so that no value can close the ``<script>`` or start a
comment (JSON allows them in strings only, where the escape means the same character). The snippet is one YAML
single-quoted scalar holding no character YAML cannot print.

Absolute URLs need the site's address (``site_url``): without one, ``og:url`` and every
``url`` of the JSON-LD are left out rather than guessed.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from markupsafe import Markup

from ..model import Actor, Brief, Corpus, Source
from ..urls import absolute_url, actor_page, brief_page

SCHEMA_ORG = "https://schema.org"
# What YAML cannot print raw (C0 but tab, DEL, C1, the line breaks, U+FFFE/FFFF): escaped as
# character references in attributes and as \u escapes in JSON. Lone surrogates become U+FFFD.
_UNPRINTABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Characters JSON may hold raw in a string that must not reach the HTML parser raw.
_JSON_IN_HTML = re.compile("[<>&\x7f-\x9f\u2028\u2029\ufffe\uffff]")


def attribute(value: str) -> str:
    """``value`` as the text of a double-quoted HTML attribute."""
    text = html.escape(_SURROGATE.sub("\ufffd", value), quote=True)
    return _UNPRINTABLE.sub(lambda match: f"&#x{ord(match.group()):X};", text)


def json_for_script(data: Any) -> str:
    """``data`` as JSON that is safe as the whole content of a ``<script>`` element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = _SURROGATE.sub("\ufffd", text)
    return _JSON_IN_HTML.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def open_graph(brief: Brief, corpus: Corpus, site_url: str | None) -> list[tuple[str, str]]:
    """The brief's Open Graph properties, in order: (property, value)."""
    properties = [("og:type", "article"), ("og:title", brief.title), ("og:description", brief.summary)]
    url = absolute_url(site_url, brief_page(brief.slug))
    if url:
        properties.append(("og:url", url))
    properties.append(("article:published_time", brief.date.isoformat()))
    if brief.updated:
        properties.append(("article:modified_time", brief.updated.isoformat()))
    properties += [("article:tag", corpus.actors[id].name) for id in brief.actors]
    properties += [("article:tag", corpus.topics[id].name) for id in brief.topics]
    return properties


def _with_url(thing: dict[str, Any], url: str | None) -> dict[str, Any]:
    return {**thing, "url": url} if url else thing


def _actor(actor: Actor, site_url: str | None) -> dict[str, Any]:
    kind = "Person" if actor.type == "person" else "Organization"
    return _with_url({"@type": kind, "name": actor.name}, absolute_url(site_url, actor_page(actor.id)))


def _cited(source: Source, corpus: Corpus) -> dict[str, Any]:
    registry = corpus.publishers.get(source.publisher_id) if source.publisher_id else None
    work: dict[str, Any] = {"@type": "CreativeWork"}
    if source.title:
        work["name"] = source.title
    if source.url:
        work["url"] = source.url
    work["publisher"] = _with_url({"@type": "Organization", "name": source.publisher}, registry.url if registry else None)
    if source.published:
        work["datePublished"] = source.published.isoformat()
    return work


def news_article(brief: Brief, corpus: Corpus, site_url: str | None) -> dict[str, Any]:
    """The brief as a schema.org NewsArticle: its sources as ``citation``, its actors as ``about``."""
    article = {
        "@context": SCHEMA_ORG,
        "@type": "NewsArticle",
        "headline": brief.title,
        "description": brief.summary,
        "datePublished": brief.date.isoformat(),
        "dateModified": (brief.updated or brief.date).isoformat(),
    }
    article = _with_url(article, absolute_url(site_url, brief_page(brief.slug)))
    article["about"] = [_actor(corpus.actors[id], site_url) for id in brief.actors]
    if brief.topics:
        article["keywords"] = [corpus.topics[id].name for id in brief.topics]
    article["citation"] = [_cited(source, corpus) for source in brief.sources]
    return article


def brief_head(brief: Brief, corpus: Corpus, site_url: str | None) -> str:
    """The HTML the brief page adds to its ``<head>``, every value escaped."""
    tags = [f'<meta property="{name}" content="{attribute(value)}">' for name, value in open_graph(brief, corpus, site_url)]
    tags.append(f'<script type="application/ld+json">{json_for_script(news_article(brief, corpus, site_url))}</script>')
    return "".join(tags)


def share_meta(brief: Brief, corpus: Corpus, site_url: str | None) -> Markup:
    """The page-meta value (a YAML scalar) that carries :func:`brief_head` to the theme."""
    snippet = brief_head(brief, corpus, site_url)
    assert not _UNPRINTABLE.search(snippet) and not _SURROGATE.search(snippet)
    return Markup("'" + snippet.replace("'", "''") + "'")
