"""``briefing build``: validate, generate the MkDocs project and build the site."""

from __future__ import annotations

import sys
from dataclasses import replace

from ..build import BuildError, StrictFailure, build, check
from ..cache import SiteCache
from ..config import Options
from ..lock import locked
from ..publish import place_of
from ..report import summary, write_problems
from ..site_config import SiteConfigError, apply, read_site_config


def run(options: Options, format: str, engine: str | None = None) -> int:
    """``engine``, if given on the command line, wins over the site's ``extra.briefing.engine``."""
    out = options.out_dir
    problems: list = []
    try:
        options = apply(options, read_site_config(options.config_file))
        options = replace(options, engine=engine or options.engine)
        with locked(place_of(out)):  # one build at a time per --out, from check to publishing
            cache = SiteCache(out)
            checked = check(options, cache)
            problems = list(checked.problems)  # with MkDocs' warnings, printed once, in one format
            if checked.failed(options.strict):
                write_problems(problems, format, sys.stdout)
                print(f"FAILED: {summary(problems)}; {out} left as it was", file=sys.stderr)
                return 1
            problems += build(options, checked, cache)
    except SiteConfigError as error:
        print(error, file=sys.stderr)
        print(f"FAILED: the site configuration has an error; {out} left as it was", file=sys.stderr)
        return 1
    except StrictFailure as failure:
        write_problems(problems + failure.warnings, format, sys.stdout)
        print(f"FAILED: {failure}; {out} left as it was", file=sys.stderr)
        return 1
    except BuildError as error:
        write_problems(problems, format, sys.stdout)
        print(f"FAILED: {error}; {out} left as it was", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"interrupted; {out} holds either the previous site or the new one, whole", file=sys.stderr)
        return 130
    write_problems(problems, format, sys.stdout)
    print(f"OK: built {len(checked.index.newest_first)} brief(s) into {out}", file=sys.stderr)
    return 0
