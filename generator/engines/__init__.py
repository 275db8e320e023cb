"""Stage 4, engines: the generated project built into HTML by MkDocs (the default) or Zensical.

In: the rendered pages written as a project. Out: the HTML pages in the staging folder.

Each runner module offers ``build_pages`` (same arguments), ``prestart(jobs, briefs)``
(a pool for ``build_pages``, started early, or None), ``settings()`` (keys
it needs in the generated mkdocs.yml), ``source_path(page)`` (where a page's
Markdown is written in the project) and ``WHOLE_SITE`` (True if every build
writes the complete site rather than the changed pages).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from types import ModuleType


class ProjectPages(Mapping):
    """The ``pages`` as written in the project's ``docs`` folder, each read when asked for:
    once the project is written, a build lets go of its rendered pages (about 330 MiB of
    text at 10,000 briefs) and what still needs them reads them here.

    >>> pages = ProjectPages(project / "docs", runner("mkdocs").source_path, ["index.md"])  # doctest: +SKIP
    >>> pages["index.md"].startswith("---")  # doctest: +SKIP
    True
    """

    def __init__(self, docs_dir: Path, source_path, pages) -> None:
        self.docs_dir, self.source_path, self.pages = docs_dir, source_path, frozenset(pages)

    def __getitem__(self, page: str) -> str:
        if page not in self.pages:
            raise KeyError(page)
        return (self.docs_dir / self.source_path(page)).read_bytes().decode("utf-8")  # as written: no newline translation

    def __iter__(self) -> Iterator[str]:
        return iter(self.pages)

    def __len__(self) -> int:
        return len(self.pages)


def runner(engine: str) -> ModuleType:
    """The runner module for ``engine``; BuildError with the install command if it is missing."""
    if engine == "zensical":
        from . import zensical_runner

        zensical_runner.require()
        return zensical_runner
    from . import mkdocs_runner

    return mkdocs_runner
