"""``briefing serve``: a live preview that rebuilds when a brief, registry, template or mkdocs.yml changes.

While the last rebuild failed, every page it serves carries a panel listing the
problems (``path:line: severity: message``); the next good build reloads the
page without it. SIGTERM stops it as Ctrl-C does: its temporary folder goes too.
"""

from __future__ import annotations

import html
import logging
import signal
import socket
import sys
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import replace
from pathlib import Path

from ..config.options import Options
from .report import problem_line
from .build import Outcome, attempt, report
from .preview import edited_briefs, links_a_folder, show_edited, snapshot, warm_up

PANEL_ID = "briefing-build-errors"
WARM_WAIT = 600  # seconds an edit waits for the corpus to be loaded for the quick path
_PANEL_STYLE = (
    "position:fixed;top:0;left:0;right:0;z-index:2147483647;max-height:70vh;overflow:auto;margin:0;"
    "padding:1em 1.5em;background:#fff4f4;color:#5a0000;border-bottom:4px solid #c62828;"
    "font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap;overflow-wrap:anywhere"
)


def unavailable(host: str, port: int) -> str | None:
    """Why the server could not listen on ``host:port`` (a port in use, an unknown host), or None."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the HTTP server does
            probe.bind((host, port))
    except OSError as error:
        return f"cannot serve on {host}:{port}: {error.strerror or error}"
    return None


def error_panel(outcome: Outcome, over_a_page: bool = True) -> str:
    """The failed build's problems as an HTML panel; every line is escaped."""
    shown = "This page is from the last good build" if over_a_page else "No site has been built yet"
    lines = [problem_line(problem) for problem in outcome.problems] + outcome.notes
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    return (
        f'<div id="{PANEL_ID}" role="alert" style="{_PANEL_STYLE}">'
        f"<strong>The last rebuild failed: {html.escape(outcome.failure or '')}.</strong> "
        f"{shown}; save a fix and it reloads. "
        '<button type="button" onclick="this.parentNode.remove()">Hide</button>'
        f'<ul style="margin:.5em 0 0;padding-left:1.2em">{items}</ul></div>'
    )


def _changes_observer():
    """The system's file-system observer (inotify on Linux), told only of changes: it also
    reports files opened and closed unwritten, and every build reads every input."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    class Changes(FileSystemEventHandler):
        def __init__(self, handler) -> None:
            self.handler = handler

        def dispatch(self, event) -> None:
            if event.event_type not in ("opened", "closed_no_write"):
                self.handler.dispatch(event)

    class ChangesObserver(Observer):
        def schedule(self, handler, path, **kwargs):
            return super().schedule(Changes(handler), path, **kwargs)

    return ChangesObserver()


def done(value) -> Future:
    """``value`` as a finished future, as the warm-up gives it."""
    future: Future = Future()
    future.set_result(value)
    return future


def _stop(signum, frame) -> None:
    raise KeyboardInterrupt  # so that SIGTERM unwinds as Ctrl-C does and the temporary folder is removed


def run(options: Options, host: str, port: int, engine: str | None = None) -> int:
    from mkdocs.livereload import LiveReloadServer

    class PreviewServer(LiveReloadServer):
        """Serves the last good site, with the failed build's problems over every page."""

        failed: Outcome | None = None
        first: dict[str, bytes] = {}  # the quick path's pages by URL path, until the normal build lands

        def __init__(self, *args, events: bool, **kwargs) -> None:
            """``events``: watch by the system's file-system events (inotify on Linux), not by
            MkDocs' polling, which stats every input twice a second and then waits half a second."""
            super().__init__(*args, **kwargs)
            if events:
                self.observer = _changes_observer()

        def show_first(self, pages: dict[str, bytes]) -> None:
            """Serve ``pages`` (files under the site) from memory and reload the browsers now,
            in the middle of the rebuild; requests are not held until it ends."""
            from mkdocs.livereload import _timestamp

            mount = self.mount_path.rstrip("/")
            first = {}
            for path, content in pages.items():
                first[f"{mount}/{path}"] = first[f"{mount}/{path.removesuffix('index.html')}"] = content
            with self._epoch_cond:
                logging.getLogger(__name__).info("Reloading browsers: the edited page first")
                self.first = first
                self._wanted_epoch = self._visible_epoch = _timestamp()
                self._epoch_cond.notify_all()

        def rebuilt(self) -> None:
            """After every normal build: its pages replace the quick path's, and the browsers reload now.
            Both epochs move together: raising only the wanted one held every request until the
            next build (the first build runs outside MkDocs' build loop, which would equal them)."""
            from mkdocs.livereload import _timestamp

            with self._epoch_cond:
                self.first = {}
                self._wanted_epoch = self._visible_epoch = _timestamp()
                self._epoch_cond.notify_all()

        def _serve_request(self, environ, start_response):
            path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
            content = self.first.get(path)
            if content is None:
                return super()._serve_request(environ, start_response)
            content = self._inject_js_into_html(content, self._visible_epoch)
            start_response("200 OK", [("Content-Type", "text/html"), ("Content-Length", str(len(content)))])
            return [content]

        def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
            content = super()._inject_js_into_html(content, epoch)
            if self.failed is None:
                return content
            at = content.find(b"<body")
            at = content.find(b">", at) + 1 if at >= 0 else 0
            return content[:at] + error_panel(self.failed).encode("utf-8") + content[at:]

        def failure_page(self, code: int) -> bytes | None:
            """No site yet (the first build failed): a page of its own that reloads too."""
            if self.failed is None:
                return None
            page = f"<!doctype html><html><head><title>Build failed</title></head><body>{error_panel(self.failed, False)}</body></html>"
            return super()._inject_js_into_html(page.encode("utf-8"), self._visible_epoch)

    problem = unavailable(host, port)
    if problem is not None:
        print(f"briefing: error: {problem}; choose another --dev-addr", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    previous = signal.signal(signal.SIGTERM, _stop)
    server = None
    try:
        with tempfile.TemporaryDirectory(prefix="briefing-serve-") as scratch, ThreadPoolExecutor(1) as warming:
            options = replace(options, out_dir=Path(scratch) / "site")

            state: dict = {"inputs": snapshot(options), "warm": None}

            def rebuild() -> None:
                before, state["inputs"] = state["inputs"], snapshot(options)
                edited = edited_briefs(before, state["inputs"], options) if server.failed is None else None
                warm, state["warm"] = state["warm"], None  # it stands for ``before``: kept only if brought up to date
                kept = quick(edited, warm) if edited and warm is not None else None
                if warm is not None:  # a warm-up checks with the build's cache: never beside a build
                    wait([warm])
                state["warm"] = None if kept is None else done(kept)
                try:
                    outcome = attempt(options, engine)
                    report(outcome, "text", options.out_dir)
                    server.failed = None if outcome.failure is None else outcome
                finally:  # a quick page never outlives its build, even one that raised
                    server.rebuilt()
                if state["warm"] is None and server.failed is None:  # loaded after the snapshot: never older
                    state["warm"] = warming.submit(warm_up, options, engine)

            def quick(edited, warming_up: Future):
                """The edited pages first, and a reload; what to keep for the next edit, or None
                if the quick path gave up."""
                try:
                    warm = warming_up.result(WARM_WAIT)
                    shown = None if warm is None else show_edited(options, engine, warm, edited)
                except Exception as error:  # the normal build that follows shows what is wrong
                    logging.getLogger(__name__).debug("quick path gave up: %s", error)
                    return None
                if shown is None:
                    return None
                server.show_first(shown[1])
                return shown[0]

            server = PreviewServer(builder=rebuild, host=host, port=port, root=str(options.out_dir),
                                   events=not links_a_folder(options))
            server.error_handler = server.failure_page
            for path in (options.briefs_dir, options.config_file, options.templates_dir):
                if path.exists():
                    server.watch(str(path))
            rebuild()
            try:
                server.serve()
            except OSError as error:  # the port was taken while the first build ran
                print(f"briefing: error: cannot serve on {host}:{port}: {error.strerror or error}", file=sys.stderr)
                return 1
            finally:
                server.shutdown()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
    return 0
