"""``briefing check``: validate the briefs and registries, build nothing.

Problems go to stderr (``--format text``) and the summary line to stdout, as compilers do.
It reads, never writes, the build cache of ``--out`` (:mod:`generator.publish.cache`): the
briefs a build parsed, converted and checked, whose files and registries are unchanged, are
not checked again (see :mod:`generator.check.results`); the problems are the same either way.
"""

from __future__ import annotations

from ..build import check
from ..config.options import Options
from ..publish.cache import SiteCache
from .report import plural, summary, write_problems


def run(options: Options, format: str) -> int:
    checked = check(options, SiteCache(options.out_dir))
    write_problems(checked.problems, format)
    failed = checked.failed(options.strict)
    if format == "text":
        files = len(checked.loaded.parsed)  # every brief file, read or not
        print(f"{'FAILED' if failed else 'OK'}: {plural(files, 'brief')} checked, {summary(checked.problems)}")
    return 1 if failed else 0
