"""Stage 4, engines: MkDocs holds one page's Markdown and HTML at a time, not every page's.

MkDocs reads and converts every page before it themes the first, so a
process holds all its pages' Markdown and HTML at once (most of its memory at
10,000 briefs). Within :func:`one_page_at_a_time`, a page that is not in the
nav is read and converted just before it is themed, and its Markdown and HTML
are let go once it is written, with its front matter and table of contents
(kept, they were about 3 KB a page: 20 MiB a process at 10,000 briefs). Pages
in the nav are read first, as MkDocs reads them: the nav and the pages beside
them in it may show what they hold.
What a page's theme sees of another page outside the nav (its URL, its date)
is known before it is read, and the anchors links are checked against are
kept.
"""

from __future__ import annotations

import contextlib
from typing import Iterator


@contextlib.contextmanager
def one_page_at_a_time() -> Iterator[None]:
    from mkdocs.commands import build
    from mkdocs.structure.toc import get_toc

    read, theme, navigation = build._populate_page, build._build_page, build.get_navigation
    in_nav: set[int] = set()

    def get_navigation(files, config):
        nav = navigation(files, config)
        in_nav.update(id(page) for page in nav.pages)
        return nav

    def populate_page(page, config, files, dirty=False) -> None:
        if id(page) in in_nav or (dirty and not page.file.is_modified()):
            read(page, config, files, dirty)
        else:
            page.briefing_unread = (files, dirty)

    def build_page(page, config, doc_files, nav, env, dirty=False, excluded=False) -> None:
        unread = page.__dict__.pop("briefing_unread", None)
        if unread is None:
            return theme(page, config, doc_files, nav, env, dirty, excluded)
        read(page, config, *unread)
        theme(page, config, doc_files, nav, env, dirty, excluded)
        page.markdown = page.content = None
        page.meta, page.toc = {}, get_toc([])

    build._populate_page, build._build_page, build.get_navigation = populate_page, build_page, get_navigation
    try:
        yield
    finally:
        build._populate_page, build._build_page, build.get_navigation = read, theme, navigation
