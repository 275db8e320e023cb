"""Brief bodies: the author's Markdown, converted to HTML and sanitized, for the brief's page.

The conversion happens here and not in MkDocs: the page carries the body as
one raw HTML block, which MkDocs (and Zensical) pass through untouched, so
what is published is exactly what the allow-list below lets through. CI
builds any contributor's commit, so raw HTML (``<script>``, ``onerror=``,
``javascript:`` links) must not reach the site unless the site asks for it
with ``unsafe_html``.

A link to another brief's file (``[see](../05/other.md#vote)``) becomes that
brief's page URL whether or not the brief exists, so a page never depends on
another file; :func:`missing_links` reports the ones that lead nowhere.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Iterable
from urllib.parse import urlsplit

import markdown
import nh3
from markdown.extensions.tables import TableExtension
from markdown.extensions.toc import TocExtension
from markdown.treeprocessors import Treeprocessor

from .. import __version__
from . import citations as citations_module
from .citations import IN_LINK_TEXT, PRIORITY, REMOVED, Citations, citation_anchor, citation_keys
from ..read.load import Document
from ..model import Brief, Problem
from .names import did_you_mean
from ..urls import brief_page, page_location, root_from

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
ALLOWED_TAGS = HEADINGS | {
    "p", "br", "hr", "em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup",
    "code", "kbd", "samp", "var", "pre", "blockquote", "q", "cite", "abbr", "dfn",
    "ul", "ol", "li", "dl", "dt", "dd",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col",
    "a", "img", "figure", "figcaption", "div", "span", "details", "summary",
}
# Tags whose content goes too, not only the tag: what they hold is not text to show.
DROPPED_WITH_CONTENT = {"script", "style", "template", "noscript", "iframe", "object", "embed", "textarea", "select"}
ALLOWED_ATTRIBUTES = {
    **{tag: {"id"} for tag in HEADINGS | {"li", "sup", "dt", "div", "span"}},
    "a": {"href", "title", "id"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "td": {"align", "colspan", "rowspan"},
    "ol": {"start", "reversed"},
    "abbr": {"title"},
    "col": {"span"},
    "colgroup": {"span"},
    "details": {"open"},
}
# Python-Markdown's own classes: permalinks (toc) and footnotes.
ALLOWED_CLASSES = {
    "a": {"headerlink", "footnote-ref", "footnote-backref", "citation-ref"},
    "div": {"footnote"},
    "sup": {"footnote-ref", "citation"},
}
URL_SCHEMES = {"http", "https", "mailto"}
IMAGE_SCHEMES = {"", "http", "https"}

# Every brief page sits at the same depth, so a link from any brief page to another is the same.
_BRIEF_TO_ROOT = root_from(brief_page("any"))


def brief_link_target(href: str) -> tuple[str, str] | None:
    """``(slug, fragment)`` if ``href`` is a relative link to a brief's file, else None.

    >>> brief_link_target("../2025/other-brief.md#vote"), brief_link_target("https://x.org/a.md")
    (('other-brief', 'vote'), None)
    """
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or parts.query or parts.path.startswith("/") or not parts.path.endswith(".md"):
        return None
    return posixpath.basename(parts.path)[: -len(".md")], parts.fragment


def brief_url(slug: str, fragment: str = "") -> str:
    """The URL of brief ``slug``'s page, relative to a brief page."""
    return _BRIEF_TO_ROOT + page_location(brief_page(slug)) + (f"#{fragment}" if fragment else "")


@dataclass(frozen=True)
class Body:
    html: str
    links: tuple[tuple[str, int], ...] = ()  # (slug, line in the file) of each link to a brief
    citations: tuple[tuple[str, int, int], ...] = ()  # (key, source number or 0, line in the file) of each citation


class BodyError(Exception):
    """A body Python-Markdown cannot convert; the message says why."""


class _BriefLinks(Treeprocessor):
    """Point Markdown links to ``*.md`` files at the briefs' pages; remember them in order."""

    def __init__(self, md: markdown.Markdown):
        super().__init__(md)
        self.found: list[tuple[str, str]] = []  # (slug, href as written)

    def run(self, root):
        for element in root.iter("a"):
            href = element.get("href", "")
            target = brief_link_target(href)
            if target is not None:
                self.found.append((target[0], href))
                element.set("href", brief_url(*target))


def _attribute_allowed(tag: str, attribute: str, value: str) -> str | None:
    """Images from the web or the site only; no ids that Material's own elements use."""
    if tag == "img" and attribute == "src" and urlsplit(value).scheme.lower() not in IMAGE_SCHEMES:
        return None
    if attribute == "id" and value.startswith("__"):
        return None
    return value


class BodyConverter:
    """One Markdown instance for every body (``reset()`` between them), as MkDocs would
    configure it for ``mkdocs.yml``'s extensions; table alignment is the ``align``
    attribute, since the sanitizer allows no ``style``."""

    def __init__(self, unsafe_html: bool = False):
        self.unsafe_html = unsafe_html
        # What the HTML depends on besides the text: a body converted under another key is converted again.
        self.key = hashlib.blake2b(repr((
            __version__, metadata.version("markdown"), metadata.version("nh3"), unsafe_html,
            Path(__file__).read_bytes(), Path(citations_module.__file__).read_bytes(), brief_url("x", "y"),
        )).encode("utf-8"), digest_size=16).hexdigest()
        self.markdown = markdown.Markdown(
            extensions=[TableExtension(use_align_attribute=True), TocExtension(permalink=True)]
        )
        self.converted: set[str] = set()  # paths of the files whose bodies convert_document converted
        self.links = _BriefLinks(self.markdown)
        self.markdown.treeprocessors.register(self.links, "brief_links", 1)
        self.citations = Citations(self.markdown)
        self.markdown.inlinePatterns.register(self.citations, "citations", PRIORITY)
        self.cleaner = nh3.Cleaner(
            tags=ALLOWED_TAGS,
            clean_content_tags=DROPPED_WITH_CONTENT,
            attributes=ALLOWED_ATTRIBUTES,
            allowed_classes=ALLOWED_CLASSES,
            url_schemes=URL_SCHEMES,
            attribute_filter=_attribute_allowed,
            link_rel=None,
            strip_comments=True,
        )

    def markdown_html(self, text: str, citable: dict[str, int] | None = None) -> str:
        """Python-Markdown's own HTML for ``text``, links to briefs rewritten, citations of the
        ``citable`` sources linked (none if None), not sanitized."""
        self.links.found = []
        self.citations.reset(citable)
        try:
            return self.markdown.convert(text)
        except RecursionError:
            raise BodyError("nested too deeply for Python-Markdown (long runs of '*' or '[', or deeply nested lists or quotes)") from None
        except Exception as error:  # Python-Markdown has no exception of its own
            raise BodyError(f"Python-Markdown failed: {type(error).__name__}: {error}") from None
        finally:
            self.markdown.reset()

    def convert(self, text: str, first_line: int = 1, citable: dict[str, int] | None = None) -> Body:
        """The body's HTML for the page; ``first_line`` is the body's first line in its file."""
        html = self.markdown_html(text, citable)
        if not self.unsafe_html:
            html = self.cleaner.clean(html)
        links = _link_lines(text, self.links.found, first_line)
        written = self.citations.written
        lines = _link_lines(text, list(enumerate(written)), first_line)
        citations = tuple(
            (key, _rendered(number, occurrence, html),
             _citation_line(text, written[at], first_line) if number == IN_LINK_TEXT else lines[at][1])
            for key, number, at, occurrence in _occurrences(self.citations.found)
        )
        return Body(html, links, citations)

    def convert_document(self, document: Document) -> Body:
        """A brief file's body, reusing the conversion kept with the parsed file when it still holds."""
        if document.converted is not None and document.converted[0] == self.key:
            return document.converted[1]
        body = self.convert(document.body, document.body_line, citation_keys(document.data))
        document.converted = (self.key, body)
        self.converted.add(document.path)
        return body


    def convert_page(self, document: Document | None, problems: list[Problem]) -> str | None:
        """The HTML of a page's Markdown that is not a brief (the About page); None if there is none."""
        if document is None:
            return None
        try:
            return self.convert(document.body).html
        except BodyError as error:
            problems.append(Problem(document.path, 1, "error", f"body: {error}"))
            return None


def _occurrences(found: list[tuple[str, int, int]]):
    """Each citation with its occurrence among the rendered citations of its source (``cite-N-K``'s K)."""
    counts: dict[int, int] = {}
    for key, number, at in found:
        counts[number] = counts.get(number, 0) + 1
        yield key, number, at, counts[number]


def _rendered(number: int, occurrence: int, html: str) -> int:
    """The citation's source number if its anchor is in the published HTML, else :data:`REMOVED`."""
    if number <= 0 or f'id="{citation_anchor(number, occurrence)}"' in html:
        return number
    return REMOVED


def _citation_line(text: str, written: str, first_line: int) -> int:
    """The line of the first ``written`` inside a link's text: link texts are converted before the text around them."""
    match = re.search(r"\[[^\]\n]*" + re.escape(written), text)
    return first_line + text.count("\n", 0, match.start() if match else text.find(written))


def _link_lines(text: str, found: list[tuple[str, str]], first_line: int) -> tuple[tuple[str, int], ...]:
    """Where each link was written: the next occurrence of its href after the previous one."""
    lines = []
    searched_from: dict[str, int] = {}
    for slug, href in found:
        position = text.find(href, searched_from.get(href, 0))
        if position < 0:
            lines.append((slug, first_line))
            continue
        searched_from[href] = position + len(href)
        lines.append((slug, first_line + text.count("\n", 0, position)))
    return tuple(lines)


def missing_links(briefs: Iterable[Brief], slugs: set[str]) -> list[Problem]:
    """A warning for each body link to a brief that is not among ``slugs``."""
    return [
        Problem(brief.path, line, "warning", f"link to '{slug}.md': no brief has that file name{did_you_mean(slug, slugs)}")
        for brief in briefs
        for slug, line in brief.body_links
        if slug not in slugs
    ]
