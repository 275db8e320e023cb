"""Stage 4, engines: the generated project built into HTML by MkDocs (the default) or Zensical.

In: the rendered pages written as a project. Out: the HTML pages in the staging folder.

Each runner module offers ``build_pages`` (same arguments), ``prestart(jobs, briefs)``
(a pool for ``build_pages``, started early, or None), ``settings()`` (keys
it needs in the generated mkdocs.yml), ``source_path(page)`` (where a page's
Markdown is written in the project) and ``WHOLE_SITE`` (True if every build
writes the complete site rather than the changed pages).
"""

from __future__ import annotations

from types import ModuleType


def runner(engine: str) -> ModuleType:
    """The runner module for ``engine``; BuildError with the install command if it is missing."""
    if engine == "zensical":
        from . import zensical_runner

        zensical_runner.require()
        return zensical_runner
    from . import mkdocs_runner

    return mkdocs_runner
