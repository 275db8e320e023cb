"""``briefing build``: validate, generate the MkDocs project and build the site."""

from __future__ import annotations

import sys
from dataclasses import replace

from ..build import BuildError, StrictFailure, build, check
from ..cache import SiteCache
from ..config import Options
from ..publish import locked, place_of
from ..report import summary, write_problems
from ..site_config import SiteConfigError, apply, read_site_config


def run(options: Options, format: str, engine: str | None = None) -> int:
    """``engine``, if given on the command line, wins over the site's ``extra.briefing.engine``."""
    out = options.out_dir
    try:
        options = apply(options, read_site_config(options.config_file))
        options = replace(options, engine=engine or options.engine)
        with locked(place_of(out)):  # one build at a time per --out, from check to publishing
            cache = SiteCache(out)
            checked = check(options, cache)
            write_problems(checked.problems, format, sys.stdout)
            if checked.failed(options.strict):
                print(f"FAILED: {summary(checked.problems)}; {out} left as it was", file=sys.stderr)
                return 1
            warnings = build(options, checked, cache)
    except SiteConfigError as error:
        print(error, file=sys.stderr)
        print(f"FAILED: the site configuration has an error; {out} left as it was", file=sys.stderr)
        return 1
    except StrictFailure as failure:
        print("\n".join(failure.warnings), file=sys.stderr)
        print(f"FAILED: {failure}; {out} left as it was", file=sys.stderr)
        return 1
    except BuildError as error:
        print(f"FAILED: {error}; {out} left as it was", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"interrupted; {out} holds either the previous site or the new one, whole", file=sys.stderr)
        return 130
    for warning in warnings:
        print(warning, file=sys.stderr)
    print(f"OK: built {len(checked.index.newest_first)} brief(s) into {out}", file=sys.stderr)
    return 0
