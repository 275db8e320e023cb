"""A loopback HTTP server for `briefing links` tests: 200, 301, 404 and a slow answer.

It listens on 127.0.0.1 only, on a free port, and records each request (path, start, end)
and the most requests it ever held at once. The slow answer waits at most ``SLOW_SECONDS``
and ends at once when the server stops, so no test can hang on it.
"""

from __future__ import annotations

import http.server
import threading
import time

SLOW_SECONDS = 5


class LinkServer:
    def __init__(self) -> None:
        self.requests: list[tuple[str, float, float]] = []  # answered: (path, start, end)
        self.started: list[str] = []  # every request's path, as it arrives
        self.most_at_once = 0
        self._at_once = 0
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                start = time.monotonic()
                with server._lock:
                    server.started.append(self.path)
                    server._at_once += 1
                    server.most_at_once = max(server.most_at_once, server._at_once)
                try:
                    answer = server._answer(self.path)
                finally:
                    # Counted out before the answer is sent: a client that has its answer may
                    # start its next request before this thread would otherwise get here.
                    with server._lock:
                        server._at_once -= 1
                        server.requests.append((self.path, start, time.monotonic()))
                server._send(self, *answer)

            do_HEAD = do_GET

            def log_message(self, *args) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def _answer(self, path: str) -> tuple[int, bytes, dict]:
        path = path.split("?")[0]
        if path == "/ok":
            return 200, b"ok", {}
        if path == "/moved":
            return 301, b"", {"Location": "/ok"}
        if path == "/hold":
            time.sleep(0.3)
            return 200, b"held", {}
        if path == "/slow":
            self._stopping.wait(SLOW_SECONDS)
            return 200, b"late", {}
        return 404, b"gone", {}

    @staticmethod
    def _send(request, code: int, body: bytes, headers: dict | None = None) -> None:
        try:
            request.send_response(code)
            for name, value in (headers or {}).items():
                request.send_header(name, value)
            request.send_header("Content-Length", str(len(body)))
            request.end_headers()
            if request.command != "HEAD":
                request.wfile.write(body)
        except OSError:
            pass  # the client gave up (a timeout): nothing to answer

    def paths(self) -> list[str]:
        with self._lock:
            return list(self.started)

    def __enter__(self) -> "LinkServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)
