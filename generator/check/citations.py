"""Inline citations in brief bodies: ``[@2]`` cites the brief's source 2, ``[@2, @4]`` two
sources, ``[@tass-0602]`` the source whose ``id:`` is ``tass-0602``. A number always means
a position: an ``id:`` made only of digits is an error in ``check``.

A Python-Markdown inline pattern that runs after code spans, links, images and inline
HTML, so a citation is recognised only in text: in a code span, a link's address, an
image's alt text or an HTML tag it stays as written. Each becomes a superscript link to
``#source-N`` with the anchor ``cite-N-K`` (the K-th citation of source N) that the source
links back to. One inside a link's text would nest a link in a link: it is recorded as
:data:`IN_LINK_TEXT` (an error in ``check``) and left as text.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

import markdown
from markdown.inlinepatterns import InlineProcessor

CITATION_PATTERN = r"\[(@[^\s\[\],@]+(?:\s*,\s*@[^\s\[\],@]+)*)\]"
PRIORITY = 85  # after code spans, escapes, links, images, autolinks and inline HTML (190 to 90), before emphasis
IN_LINK_TEXT = -1  # the "source number" of a citation written inside a link's text
REMOVED = -2  # the "source number" of a citation the sanitizer removed with the HTML around it


def source_anchor(number: int) -> str:
    return f"source-{number}"


def citation_anchor(number: int, occurrence: int) -> str:
    return f"cite-{number}-{occurrence}"


def citation_keys(data: Any) -> dict[str, int] | None:
    """What may be cited in a brief, from its raw front matter: each source's number and ``id``."""
    sources = data.get("sources") if isinstance(data, dict) else None
    if not isinstance(sources, list):
        return {}
    keys: dict[str, int] = {}
    for index, source in enumerate(sources):
        keys[str(index + 1)] = index + 1
        if isinstance(source, dict) and isinstance(source.get("id"), str):
            keys.setdefault(source["id"].strip(), index + 1)
    return keys


class Citations(InlineProcessor):
    def __init__(self, md: markdown.Markdown):
        super().__init__(CITATION_PATTERN, md)
        self.keys: dict[str, int] | None = None  # None: citations stay text (a page that is not a brief)
        self.found: list[tuple[str, int, int]] = []  # (key, source number, 0 if unknown or < 0, index in written)
        self.written: list[str] = []  # each citation as written, in order
        self.counts: dict[int, int] = {}

    def reset(self, keys: dict[str, int] | None) -> None:
        self.keys, self.found, self.written, self.counts = keys, [], [], {}

    def handleMatch(self, match, data):
        if self.keys is None:
            return None, None, None
        if "a" in self.md.treeprocessors["inline"].ancestors:
            self.found.append((match.group(1), IN_LINK_TEXT, len(self.written)))
            self.written.append(match.group(0))
            return None, None, None
        sup = etree.Element("sup", {"class": "citation"})
        sup.text = "["
        last: etree.Element | None = None
        for index, written in enumerate(match.group(1).split(",")):
            key = written.strip()[1:]
            number = self.keys.get(key, 0)
            self.found.append((key, number, len(self.written)))
            if index:
                last.tail = ", "
            if number:
                occurrence = self.counts[number] = self.counts.get(number, 0) + 1
                last = etree.SubElement(sup, "a", {
                    "class": "citation-ref", "id": citation_anchor(number, occurrence), "href": f"#{source_anchor(number)}",
                })
                last.text = str(number)
            else:
                last = etree.SubElement(sup, "span")
                last.text = f"@{key}?"
        last.tail = "]"
        self.written.append(match.group(0))
        return sup, match.start(0), match.end(0)
