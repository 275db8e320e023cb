"""Stage 4, engines: a generated page's HTML without Python-Markdown, when it can be proved the same.

Once :mod:`.raw_html` has set its raw blocks aside, a generated page's
Markdown is only ATX headings of plain text, placeholder paragraphs and blank
lines. For Markdown of exactly that shape, :func:`render` writes what
Python-Markdown with MkDocs' built-in extensions (``toc``, ``tables``,
``fenced_code``) would write: the headings' ids come from toc's own
``slugify`` and ``unique``, with its permalink markup. Creating a
``markdown.Markdown`` and its treeprocessors costs more than the page itself.

Anything else returns None and the page goes through MkDocs' own ``render``:
a line of any other shape, a heading with inline Markdown (emphasis, code,
links, raw HTML, entities), or a site that configures other extensions or toc
options than ``permalink``.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from markdown.extensions.toc import nest_toc_tokens, slugify, unique

_BUILTIN_EXTENSIONS = {"toc", "tables", "fenced_code"}
_PLACEHOLDER_LINE = re.compile(r"briefingrawblock\d+x")
# Plain text, or backslash escapes of characters Markdown would otherwise read as syntax.
_ESCAPE = r"\\[\\`*_{}\[\]()#+\-.!]"
_PLAIN = r"[^\x00-\x1f\\`*_{}\[\]<#&]|&(?= )"
_HEADING_LINE = re.compile(rf"(#{{1,6}}) ((?:{_PLAIN}|{_ESCAPE})+)")
_UNESCAPE = re.compile(r"\\(.)")


class Rendered(NamedTuple):
    content: str
    toc_tokens: list[dict]
    title: str | None  # the first element's text if it is an h1, as MkDocs reads a page's title
    anchor_ids: set[str]


def permalink_of(config) -> bool | None:
    """Whether headings get toc's permalink under ``config`` (MkDocs' config), or None if
    the site's Markdown set-up is one this module does not reproduce."""
    extensions = config["markdown_extensions"]
    if not all(isinstance(name, str) for name in extensions) or not set(extensions) <= _BUILTIN_EXTENSIONS:
        return None
    toc = (config["mdx_configs"] or {}).get("toc", {})
    if not set(toc) <= {"permalink"} or toc.get("permalink", False) not in (True, False):
        return None
    return toc.get("permalink", False)


def _text_html(text: str) -> str:
    return _UNESCAPE.sub(r"\1", text).replace("&", "&amp;").replace(">", "&gt;")


def render(markdown: str, permalink: bool) -> Rendered | None:
    """The HTML, toc tokens, title and ids of ``markdown``, or None unless it is of the shape above."""
    lines = markdown.split("\n")
    elements: list[str] = []
    tokens: list[dict] = []
    used_ids: set[str] = set()
    counters: dict[str, int] = {}
    title, previous_placeholder = None, False
    for line in lines:
        if not line:
            previous_placeholder = False
            continue
        if _PLACEHOLDER_LINE.fullmatch(line):
            if previous_placeholder:  # two lines of one paragraph
                return None
            elements.append(f"<p>{line}</p>")
            previous_placeholder = True
            continue
        heading = _HEADING_LINE.fullmatch(line.rstrip(" "))
        text = heading.group(2).strip() if heading else ""
        if not text:
            return None
        previous_placeholder = False
        level, inner = len(heading.group(1)), _text_html(text)
        anchor = unique(slugify(_UNESCAPE.sub(r"\1", text), "-"), used_ids, counters)
        link = f'<a class="headerlink" href="#{anchor}" title="Permanent link">&para;</a>' if permalink else ""
        if not elements and level == 1:
            title = " ".join(inner.split())
        elements.append(f'<h{level} id="{anchor}">{inner}{link}</h{level}>')
        tokens.append({"level": level, "id": anchor, "name": inner, "html": inner, "data-toc-label": ""})
    return Rendered("\n".join(elements), nest_toc_tokens(tokens), title, used_ids)
