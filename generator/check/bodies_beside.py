"""Stage 2, check: bodies converted in a second process while this one checks.

Converting bodies (Python-Markdown, then nh3) is most of a cold check, and
the check runs on one core. When many bodies need converting,
:class:`BodiesBeside` hands them to one spawned process in chunks, the last
chunk first, while this process checks from the first brief on and converts
as it goes; where the two meet, a chunk not yet begun is taken back and
converted here. Both sides convert with a :class:`~.body.BodyConverter` of the
same key, so a body is the same wherever it was converted. A body that fails
there, or a process that dies, is converted here again, and any error is
reported as before.

    with BodiesBeside(converter, documents, processes=2) as beside:
        body = converter.convert_document(document, beside.take(document.path))
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Sequence

from ..read.load import Document
from .body import Body, BodyConverter, BodyError
from .citations import citation_keys

BESIDE_FROM = 400  # bodies to convert; fewer are done sooner here than a process starts
CHUNK = 100  # bodies per task: where the two sides meet, this process waits for one chunk at most

_converters: dict[bool, BodyConverter] = {}  # in the second process, one per setting


def _convert(unsafe_html: bool, key: str, items: list[tuple[str, str, int, dict]]) -> dict[str, Body]:
    """In the second process: each body's conversion by its path; none if the keys differ."""
    converter = _converters.get(unsafe_html)
    if converter is None:
        converter = _converters[unsafe_html] = BodyConverter(unsafe_html)
    if converter.key != key:
        return {}
    done = {}
    for path, text, first_line, citable in items:
        try:
            done[path] = converter.convert(text, first_line, citable)
        except BodyError:
            pass  # converted again where it is checked, which reports the error
    return done


class BodiesBeside:
    """The conversions of ``documents`` made in a second process, if there are enough of them
    and ``processes`` allows one; :meth:`take` gives each at most once."""

    def __init__(self, converter: BodyConverter, documents: Sequence[Document], processes: int):
        self._chunk_of: dict[str, Future] = {}
        self._pool: ProcessPoolExecutor | None = None
        if processes < 2 or len(documents) < BESIDE_FROM:
            return
        try:
            self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
        except OSError:  # no process to be had: everything is converted here
            return
        for start in reversed(range(0, len(documents), CHUNK)):
            chunk = documents[start : start + CHUNK]
            items = [(d.path, d.body, d.body_line, citation_keys(d.data)) for d in chunk]
            future = self._pool.submit(_convert, converter.unsafe_html, converter.key, items)
            self._chunk_of.update((d.path, future) for d in chunk)

    def take(self, path: str) -> Body | None:
        """The body of ``path`` converted there, or None: not sent, not begun (then it never
        will be), failed, or taken already."""
        future = self._chunk_of.pop(path, None)
        if future is None or future.cancel():
            return None
        try:
            return future.result().get(path)
        except Exception:  # the process died or could not start: converted here
            return None

    def __enter__(self) -> BodiesBeside:
        return self

    def __exit__(self, *_) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
