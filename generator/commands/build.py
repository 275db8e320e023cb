"""``briefing build``: validate, generate the MkDocs project and build the site."""

from __future__ import annotations

import sys

from ..build import BuildError, build, check
from ..cache import SiteCache
from ..config import Options
from ..report import summary, write_problems


def run(options: Options, format: str) -> int:
    cache = SiteCache(options.out_dir)
    checked = check(options, cache)
    write_problems(checked.problems, format, sys.stdout)
    if checked.failed(options.strict):
        print(f"FAILED: {summary(checked.problems)}; {options.out_dir} left as it was", file=sys.stderr)
        return 1
    try:
        build(options, checked, cache)
    except BuildError as error:
        print(f"FAILED: {error}; {options.out_dir} left as it was", file=sys.stderr)
        return 1
    pages = len(checked.index.newest_first)
    print(f"OK: built {pages} brief(s) into {options.out_dir}", file=sys.stderr)
    return 0
