"""``briefing serve``: a live preview that rebuilds when a brief, registry, template or mkdocs.yml changes."""

from __future__ import annotations

import logging
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from ..build import BuildError, build, check
from ..cache import SiteCache
from ..config import Options
from ..report import write_problems


def rebuild(options: Options) -> bool:
    """One preview build; problems are printed, and the last good site stays up."""
    cache = SiteCache(options.out_dir)
    checked = check(options, cache)
    write_problems(checked.problems, "text", sys.stderr)
    if checked.failed(options.strict):
        print("preview not updated: fix the errors above", file=sys.stderr)
        return False
    try:
        build(options, checked, cache)
    except BuildError as error:
        print(f"preview not updated: {error}", file=sys.stderr)
        return False
    print(f"preview updated: {len(checked.index.newest_first)} brief(s)", file=sys.stderr)
    return True


def run(options: Options, host: str, port: int) -> int:
    from mkdocs.livereload import LiveReloadServer

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    with tempfile.TemporaryDirectory(prefix="briefing-serve-") as scratch:
        options = replace(options, out_dir=Path(scratch) / "site")
        rebuild(options)
        server = LiveReloadServer(builder=lambda: rebuild(options), host=host, port=port, root=str(options.out_dir))
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
