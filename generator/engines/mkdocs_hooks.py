"""Stage 4, engines: MkDocs hooks of the generated project (``hooks:`` in its mkdocs.yml).

MkDocs loads this file by its path, so it imports the package absolutely.
It hands MkDocs each page with its raw HTML set aside and puts it back after
conversion (see :mod:`generator.engines.raw_html`); the table of contents is
then read from the finished HTML, body headings included. The theme's nav is
drawn once per folder (see :mod:`generator.engines.nav_cache`), and its
templates are compiled once per process (see :mod:`generator.pages.compiled_templates`).
"""

from __future__ import annotations

from mkdocs.plugins import event_priority
from mkdocs.structure.toc import get_toc

from generator.pages.compiled_templates import CompiledTemplates
from generator.engines import nav_cache
from generator.engines.raw_html import anchor_ids, heading_tokens, put_back, set_aside


# Last before conversion and first after it: the site's own hooks see the page's
# Markdown whole, and its finished HTML, never the placeholders.
@event_priority(-100)
def on_page_markdown(markdown, page, config, files):
    text, page.briefing_raw_blocks = set_aside(markdown)
    return text


@event_priority(100)
def on_page_content(html, page, config, files):
    blocks = page.__dict__.pop("briefing_raw_blocks", [])
    content = put_back(html, blocks)
    page.toc = get_toc(heading_tokens(content))
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= anchor_ids(blocks)
    return content


def on_env(env, config, files):
    env.bytecode_cache = CompiledTemplates()
    nav_cache.install(env)
    return env
