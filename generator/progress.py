"""What ``build`` says while it works: one stage after another (load, check, render, pages,
search index, publish), with the pages MkDocs has built out of how many.

The pipeline calls :func:`stage`; nothing is shown unless a command asked for it with
:func:`reporting`: a tqdm bar on a terminal, a plain line per stage otherwise, and with
``verbose`` each stage's time. MkDocs' pages are counted from its "Building page" log
lines, in this process only: pages built by parallel processes show when they are done.
"""

from __future__ import annotations

import contextlib
import logging
import time
from typing import Iterator, TextIO

BUILDING_PAGE = "Building page "  # MkDocs' debug line for each page it renders
_MKDOCS_BUILD_LOG = "mkdocs.commands.build"


class _PageCounter(logging.Handler):
    def __init__(self, reporter: "_Reporter") -> None:
        super().__init__(logging.DEBUG)
        self.reporter = reporter

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno == logging.DEBUG and str(record.msg).startswith(BUILDING_PAGE):
            self.reporter.advance()


class _Reporter:
    def __init__(self, stream: TextIO, bar: bool, verbose: bool) -> None:
        self.stream, self.bar, self.verbose = stream, bar, verbose
        self.name: str | None = None
        self.started = self.began = time.perf_counter()
        self.shown = None  # the tqdm bar of the current stage
        self.counter = _PageCounter(self)
        self.done, self.total = 0, None

    def _say(self, line: str) -> None:
        if self.bar:
            from tqdm import tqdm

            tqdm.write(line, file=self.stream)
        else:
            print(line, file=self.stream, flush=True)

    def stage(self, name: str | None, total: int | None = None) -> None:
        self._end()
        self.name, self.done, self.total, self.started = name, 0, total, time.perf_counter()
        if name is None:
            return
        if total is not None:
            self._count_mkdocs_pages(True)
        if self.bar:
            from tqdm import tqdm

            self.shown = tqdm(total=total, desc=name, file=self.stream, leave=False, unit="page",
                              bar_format=None if total is not None else "{desc}…")
        else:
            self._say(name if total is None else f"{name}: {total} to build")

    def advance(self) -> None:
        self.done += 1
        if self.shown is not None and self.done <= (self.total or 0):
            self.shown.update(1)

    def _end(self) -> None:
        if self.name is None:
            return
        if self.total is not None:
            self._count_mkdocs_pages(False)
            if self.shown is not None and self.done < self.total:
                self.shown.update(self.total - self.done)  # built in other processes, or by Zensical
        if self.shown is not None:
            self.shown.close()
            self.shown = None
        if self.verbose:
            self._say(f"{self.name}: {time.perf_counter() - self.started:.2f} s")

    def _count_mkdocs_pages(self, on: bool) -> None:
        log = logging.getLogger(_MKDOCS_BUILD_LOG)
        if on:
            self.level = log.level
            log.setLevel(logging.DEBUG)  # handlers above it keep their own levels: nothing more is printed
            log.addHandler(self.counter)
        else:
            log.removeHandler(self.counter)
            log.setLevel(self.level)

    def finish(self) -> None:
        self.stage(None)
        if self.verbose:
            self._say(f"total: {time.perf_counter() - self.began:.2f} s")


_current: _Reporter | None = None


def stage(name: str, total: int | None = None) -> None:
    """A stage of the build begins (the previous one ends); ``total`` counts its pages."""
    if _current is not None:
        _current.stage(name, total)


@contextlib.contextmanager
def reporting(stream: TextIO, bar: bool, verbose: bool) -> Iterator[None]:
    """Show the stages of what runs inside on ``stream``; a bar if ``bar``, else lines."""
    global _current
    _current = _Reporter(stream, bar, verbose)
    try:
        yield
    finally:
        reporter, _current = _current, None
        reporter.finish()
