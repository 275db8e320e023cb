"""Stage 5, outputs: search records made from the generator's own pages, while the engine renders them.

A record is all Pagefind reads of a page: an ``<html>`` tag with the site's
language and the page's content in an ``<article>``, inside
``data-pagefind-body`` if the page's front matter says ``search_body`` (brief
pages), else with only the blocks its templates mark. The content is the
page's Markdown converted as the engine converts it: its raw HTML set aside
(:mod:`..engines.raw_html`) and the few Markdown headings converted with the
site's extensions. Records are kept in the cache folder, one file per page
(``briefs/x/index.html``, which Pagefind reads as the page's URL), so that a
build writes the records of the pages it rendered and no others.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Callable, Iterable, Mapping

import markdown

from ..engines import fast_markdown
from ..engines.mkdocs_config import load_config
from ..engines.raw_html import put_back, set_aside
from ..urls import page_output

RECORDS_DIR = "search-pages"  # in the cache folder: one record per indexed page
MANIFEST = "search-records.json"  # in the cache folder: the pages the records were made from
_SEARCH_BODY = re.compile(r"^search_body: true$", re.MULTILINE)
_SEARCH_BODY_BYTES = re.compile(_SEARCH_BODY.pattern.encode("utf-8"), re.MULTILINE)
_PAGEFIND_BODY = "data-pagefind-body"
_PAGEFIND_BODY_BYTES = _PAGEFIND_BODY.encode("utf-8")
_FENCE = "\n---\n"
_FENCE_BYTES = _FENCE.encode("utf-8")


def _body_start(page: str | bytes) -> int:
    """Where a page's Markdown starts: after its front matter, or 0 if it has none."""
    fence = _FENCE if isinstance(page, str) else _FENCE_BYTES
    end = page.find(fence, 3) if page.startswith(fence[1:]) else -1
    return end + len(fence) if end >= 0 else 0


def _front_and_body(page: str) -> tuple[str, str]:
    start = _body_start(page)
    return page[4 : start - len(_FENCE)] if start else "", page[start:]


class RecordMaker:
    """Converts pages as the engine does: by its fast path where that holds, else with one Markdown instance for all of them."""

    def __init__(self, config_path: Path):
        config = load_config(config_file=str(config_path))
        self.language = config.theme.get("language") or "en"
        self.markdown = markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {})
        self.permalink = fast_markdown.permalink_of(config)

    def content(self, body: str) -> str:
        kept, blocks = set_aside(body)
        rendered = None if self.permalink is None else fast_markdown.render(kept, self.permalink)
        if rendered is not None:
            return put_back(rendered.content, blocks)
        self.markdown.reset()
        return put_back(self.markdown.convert(kept), blocks)

    def record(self, page: str) -> str | None:
        """The record of a page as the generator wrote it (front matter, then Markdown)."""
        front, body = _front_and_body(page)
        content = self.content(body)
        if _SEARCH_BODY.search(front):
            content = f"<div data-pagefind-body>{content}</div>"
        elif _PAGEFIND_BODY not in content:
            return None
        return f'<html lang="{self.language}"><body><article>{content}</article></body></html>'


def recorded(cache_dir: Path) -> set[str] | None:
    """The pages whose records the cache holds, or None if it cannot say."""
    try:
        pages = json.loads((cache_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return set(pages) if isinstance(pages, list) and all(isinstance(p, str) for p in pages) else None


def update_records(
    cache_dir: Path, maker: RecordMaker, pages: Mapping[str, str], changed: Iterable[str], removed: Iterable[str], full: bool,
    made: Callable[[str], None] = lambda page: None,
) -> tuple[Path, set[str]]:
    """Write the records of the ``changed`` pages (all of them if ``full``) in their order, telling
    ``made`` each page once its record is written; remove the records of the ``removed`` pages; return
    the records folder and the records whose bytes changed (``briefs/x/index.html``). The manifest is rewritten last: a build cut
    short leaves none, and the next build makes every record again."""
    records_dir = cache_dir / RECORDS_DIR
    manifest = cache_dir / MANIFEST
    known = set() if full else recorded(cache_dir)
    assert known is not None, "an incremental update needs the records of the last build"
    manifest.unlink(missing_ok=True)
    if full:
        shutil.rmtree(records_dir, ignore_errors=True)
    touched: set[str] = set()
    for page in removed:
        if (records_dir / page_output(page)).exists():
            touched.add(page_output(page))
        (records_dir / page_output(page)).unlink(missing_ok=True)
        known.discard(page)
    for page in changed:
        record = maker.record(pages[page])
        target = records_dir / page_output(page)
        before = target.read_text(encoding="utf-8") if target.exists() else None
        if record != before:
            touched.add(page_output(page))
        if record is None:
            target.unlink(missing_ok=True)
        elif record != before:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(record, encoding="utf-8")
        known.add(page)
        made(page)
    records_dir.mkdir(parents=True, exist_ok=True)
    manifest.write_text(json.dumps(sorted(known)), encoding="utf-8")
    return records_dir, touched


def searched_pages(pages: Mapping[str, bytes], changed: Iterable[str]) -> list[str]:
    """The ``changed`` pages (UTF-8, as the generator wrote them) that get a record, read from
    their bytes without converting them: conversion neither makes nor removes the attribute, and
    a wrong guess only costs time. A full build knows them before it lets go of the pages, so
    that each page is read once more (for its record), not twice."""
    searched = []
    for page in changed:
        data = pages[page]
        start = _body_start(data)
        if (start and _SEARCH_BODY_BYTES.search(data, 0, start)) or data.find(_PAGEFIND_BODY_BYTES, start) >= 0:
            searched.append(page)
    return searched
