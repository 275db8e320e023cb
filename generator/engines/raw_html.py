"""Stage 4, engines: one Markdown pass. Generated pages reach MkDocs with their raw HTML set aside.

A generated page is a few Markdown headings between large raw HTML blocks
(lists, facts, and the brief body, which ``check`` has already converted and
sanitized). Python-Markdown would parse every raw block with ``HTMLParser``
twice (its own block extraction and MkDocs' anchor scan) only to put it back
unchanged: two thirds of MkDocs' time on these pages. So :func:`set_aside`
swaps each top-level raw block for a one-word placeholder paragraph before
MkDocs converts the page, and :func:`put_back` swaps the blocks back into the
HTML after. Only a block Python-Markdown would certainly keep verbatim is set
aside: it starts a line after a blank line (or another such block) with a
block-level tag that a balanced end tag closes at the end of a line, followed
by a blank line or another such block. Anything else stays for Markdown.

The table of contents is then built from every heading of the finished HTML,
so the body's headings (which Markdown never saw) are listed too.
"""

from __future__ import annotations

import html
import re

from markdown.extensions.toc import nest_toc_tokens, strip_tags
from markdown.util import BLOCK_LEVEL_ELEMENTS

PLACEHOLDER = "briefingrawblock{}x"  # a lone word: Markdown makes it a paragraph and leaves it alone
_PLACEHOLDER_PARAGRAPH = re.compile(r"<p>briefingrawblock(\d+)x</p>")
_VOID = {"hr", "br", "img", "input", "meta", "link", "col", "area", "base", "embed", "source", "track", "wbr"}
_BLOCK_TAGS = frozenset(BLOCK_LEVEL_ELEMENTS) - _VOID - {"pre", "script", "style", "textarea"}
_BLOCK_START = re.compile(r"<([a-z][a-z0-9]*)(?=[\s>])")
_TAG = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9]*)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.DOTALL)
_HEADING = re.compile(r"<h([1-6])\b([^>]*)>(.*?)</h\1>", re.DOTALL)
_ID = re.compile(r"""\sid=(?:"([^"]*)"|'([^']*)')""")
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)


def _block_end(text: str, start: int, tag: str) -> int | None:
    """Where the element opened at ``start`` closes (just past its end tag), or None."""
    depth = 0
    for found in _TAG.finditer(text, start):
        closing, name = found.group(1), found.group(2)
        if name is None or name.lower() != tag:
            continue
        if closing:
            depth -= 1
            if depth == 0:
                return found.end()
        elif not found.group(0).endswith("/>"):
            depth += 1
    return None


def _blank_or_end(text: str, at: int) -> bool:
    """True if the line starting at ``at`` is blank or there is none."""
    end = text.find("\n", at)
    return not text[at : len(text) if end < 0 else end].strip()


def _raw_block(text: str, start: int) -> int | None:
    """The end (just past its line's newline) of a raw block starting at ``start``, or None."""
    opened = _BLOCK_START.match(text, start)
    if not opened or opened.group(1) not in _BLOCK_TAGS:
        return None
    end = _block_end(text, start, opened.group(1))
    if end is None:
        return None
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if text[end:line_end].strip():
        return None
    return min(line_end + 1, len(text))


def _stash(markdown: str, start: int, stop: int, kept_until: int, pieces: list[str], blocks: list[str]) -> int:
    """Set ``markdown[start:stop]`` aside; return where the text kept next starts. As
    Python-Markdown does, a block followed by a blank line keeps one newline."""
    pieces.append(markdown[kept_until:start])
    pieces.append(f"\n{PLACEHOLDER.format(len(blocks))}\n\n")
    followed_by_blank = stop < len(markdown) and _blank_or_end(markdown, stop)
    blocks.append(markdown[start:stop].rstrip("\n") + ("\n" if followed_by_blank else ""))
    return stop


def set_aside(markdown: str) -> tuple[str, list[str]]:
    """``markdown`` with its verbatim raw HTML blocks replaced by placeholders, and the blocks."""
    if "briefingrawblock" in markdown:
        return markdown, []
    pieces: list[str] = []
    blocks: list[str] = []
    run: list[tuple[int, int]] = []  # consecutive blocks, kept only if a blank line (or the end) follows them
    at, kept_until, after_blank = 0, 0, True
    while at < len(markdown):
        line_end = markdown.find("\n", at)
        line_end = len(markdown) if line_end < 0 else line_end + 1
        end = _raw_block(markdown, at) if (after_blank or run) and markdown.startswith("<", at) else None
        if end is not None:
            run.append((at, end))
            at = end
            continue
        if run and _blank_or_end(markdown, at):
            for start, stop in run:
                kept_until = _stash(markdown, start, stop, kept_until, pieces, blocks)
        run = []
        after_blank = not markdown[at:line_end].strip()
        at = line_end
    for start, stop in run:
        kept_until = _stash(markdown, start, stop, kept_until, pieces, blocks)
    pieces.append(markdown[kept_until:])
    return "".join(pieces), blocks


def put_back(content: str, blocks: list[str]) -> str:
    """The page's HTML with each placeholder paragraph replaced by its block."""
    if not blocks:
        return content
    # Python-Markdown strips its whole output, the blocks' newlines with it.
    return _PLACEHOLDER_PARAGRAPH.sub(lambda found: blocks[int(found.group(1))], content).strip()


def heading_tokens(content: str) -> list[dict]:
    """The table of contents of finished HTML, as Python-Markdown's nested toc tokens:
    every heading with an id, named by its text (without the permalink's ¶)."""
    tokens = []
    for found in _HEADING.finditer(content):
        has_id = _ID.search(found.group(2))
        if not has_id:
            continue
        inner = _HEADERLINK.sub("", found.group(3))
        anchor = has_id.group(1) if has_id.group(1) is not None else has_id.group(2)
        tokens.append({"level": int(found.group(1)), "id": html.unescape(anchor), "name": strip_tags(inner), "html": inner})
    return nest_toc_tokens(tokens)


def anchor_ids(blocks: list[str]) -> set[str]:
    """Every id in the set-aside blocks, for MkDocs' check of links to anchors."""
    return {html.unescape(a if a is not None else b) for block in blocks for a, b in _ID.findall(block)}
