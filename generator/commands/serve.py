"""``briefing serve``: a live preview that rebuilds when a brief, registry, template or mkdocs.yml changes."""

from __future__ import annotations

import logging
import tempfile
from dataclasses import replace
from pathlib import Path

from ..config import Options
from . import build


def run(options: Options, host: str, port: int) -> int:
    from mkdocs.livereload import LiveReloadServer

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    with tempfile.TemporaryDirectory(prefix="briefing-serve-") as scratch:
        options = replace(options, out_dir=Path(scratch) / "site")
        build.run(options, "text")
        server = LiveReloadServer(builder=lambda: build.run(options, "text"), host=host, port=port, root=str(options.out_dir))
        for path in (options.briefs_dir, options.config_file, options.templates_dir):
            if path.exists():
                server.watch(str(path))
        try:
            server.serve()
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
    return 0
