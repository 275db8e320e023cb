"""``briefing check``: validate the briefs and registries, build nothing.

Problems go to stderr (``--format text``) and the summary line to stdout, as compilers do.
It reads, never writes, the build cache of ``--out`` (:mod:`generator.publish.cache`): the
briefs a build parsed, converted and checked, whose files and registries are unchanged, are
not checked again (see :mod:`generator.check.results`); the problems are the same either way.
Only stages 1 and 2 run: the site's index is never needed here, and it reports nothing.
"""

from __future__ import annotations

import gc

from ..check.validate import validate
from ..config.options import Options, gc_paused
from ..model import fails
from ..publish.cache import SiteCache
from ..read.load import load_corpus
from .report import plural, summary, write_problems


def run(options: Options, format: str) -> int:
    with gc_paused():
        loaded = load_corpus(options.briefs_dir, SiteCache(options.out_dir).parsed())
        _, problems = validate(loaded, unsafe_html=options.unsafe_html)
    gc.freeze()  # what was read stays until the process exits: collecting it would only walk it
    write_problems(problems, format)
    failed = fails(problems, options.strict)
    if format == "text":
        files = len(loaded.parsed)  # every brief file, read or not
        print(f"{'FAILED' if failed else 'OK'}: {plural(files, 'brief')} checked, {summary(problems)}")
    return 1 if failed else 0
