"""``briefing serve``: a live preview that rebuilds when a brief, registry, template or mkdocs.yml changes."""

from __future__ import annotations

import logging
import socket
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from ..config import Options
from . import build


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


def run(options: Options, host: str, port: int, engine: str | None = None) -> int:
    from mkdocs.livereload import LiveReloadServer

    problem = unavailable(host, port)
    if problem is not None:
        print(f"briefing: error: {problem}; choose another --dev-addr", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    with tempfile.TemporaryDirectory(prefix="briefing-serve-") as scratch:
        options = replace(options, out_dir=Path(scratch) / "site")
        build.run(options, "text", engine)
        server = LiveReloadServer(builder=lambda: build.run(options, "text", engine), host=host, port=port, root=str(options.out_dir))
        for path in (options.briefs_dir, options.config_file, options.templates_dir):
            if path.exists():
                server.watch(str(path))
        try:
            server.serve()
        except KeyboardInterrupt:
            pass
        except OSError as error:  # the port was taken while the first build ran
            print(f"briefing: error: cannot serve on {host}:{port}: {error.strerror or error}", file=sys.stderr)
            return 1
        finally:
            server.shutdown()
    return 0
