"""Stage 4, engines: MkDocs hooks of the generated project (``hooks:`` in its mkdocs.yml).

MkDocs loads this file by its path, so it imports the package absolutely.
It hands MkDocs each page with its raw HTML set aside and puts it back after
conversion (see :mod:`generator.engines.raw_html`); the table of contents is
then read from the finished HTML, body headings included.
"""

from __future__ import annotations

from mkdocs.structure.toc import get_toc

from generator.engines.raw_html import anchor_ids, heading_tokens, put_back, set_aside


def on_page_markdown(markdown, page, config, files):
    text, page.briefing_raw_blocks = set_aside(markdown)
    return text


def on_page_content(html, page, config, files):
    blocks = getattr(page, "briefing_raw_blocks", [])
    content = put_back(html, blocks)
    page.toc = get_toc(heading_tokens(content))
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= anchor_ids(blocks)
    return content
