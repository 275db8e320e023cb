"""Stage 4, engines: the theme's navigation drawn once per folder, not once per page.

Material draws the whole nav (``partials/nav.html``) into every page, a fifth
of a page's theme time. For a page that is not in the nav, no nav item is
active and none is the page, so the nav's HTML differs between two such pages
only through the ``url`` filter, which makes each link relative to the page.
So the HTML is kept per folder of the page (and ``base_url``) with every
``url`` the filter gave while drawing it, and reused for another page of that
folder only if the filter gives each of those links the same for it. Pages in
the nav are drawn as the theme draws them.
"""

from __future__ import annotations

from typing import Callable, Iterator, NamedTuple

from jinja2 import TemplateNotFound

NAV_TEMPLATE = "partials/nav.html"


class _Drawn(NamedTuple):
    html: str
    links: list[tuple[object, str]]  # (value given to the url filter, what it returned)


class _UrlRecorder:
    """The environment's ``url`` filter, noting what it gives while a nav is drawn."""

    def __init__(self, url_filter: Callable) -> None:
        self.url_filter = url_filter
        self.links: list[tuple[object, str]] | None = None
        self.jinja_pass_arg = url_filter.jinja_pass_arg  # Jinja passes the filter the template's context

    def __call__(self, context, value):
        result = self.url_filter(context, value)
        if self.links is not None:
            self.links.append((value, result))
        return result


def _outside_nav(context) -> bool:
    page, nav = context.get("page"), context.get("nav")
    return page is not None and nav is not None and page.parent is None and all(item is not page for item in nav.pages)


def _folder(context) -> tuple[str, str]:
    return context["page"].url.rstrip("/").rpartition("/")[0], context.get("base_url")


def _cached(draw: Callable, recorder: _UrlRecorder) -> Callable:
    drawn: dict[tuple[str, str], _Drawn] = {}

    def root(context) -> Iterator[str]:
        if not _outside_nav(context):
            yield from draw(context)
            return
        key = _folder(context)
        kept = drawn.get(key)
        if kept is not None and all(recorder.url_filter(context, value) == link for value, link in kept.links):
            yield kept.html
            return
        recorder.links = []
        try:
            html = "".join(draw(context))
            drawn[key] = _Drawn(html, recorder.links)
        finally:
            recorder.links = None
        yield html

    return root


def install(env) -> None:
    """Draw ``env``'s nav once per folder from now on (MkDocs' ``on_env``)."""
    url_filter = env.filters.get("url")
    if url_filter is None or isinstance(url_filter, _UrlRecorder):
        return
    try:
        template = env.get_template(NAV_TEMPLATE)
    except TemplateNotFound:  # a theme without Material's nav
        return
    recorder = _UrlRecorder(url_filter)
    env.filters["url"] = recorder
    template.root_render_func = _cached(template.root_render_func, recorder)
