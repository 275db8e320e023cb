"""``briefing build``: validate, generate the MkDocs project and build the site."""

from __future__ import annotations

import contextlib
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import progress
from ..build import BuildError, StrictFailure, build, check
from ..publish.cache import SiteCache
from ..config.options import Options
from ..publish.lock import locked
from ..model import Problem
from ..publish.publish import place_of
from .report import summary, write_problems
from ..config.mkdocs_yml import SiteConfigError, apply, read_site_config


@dataclass
class Outcome:
    """What one build did. ``problems`` are shown whether it failed or not; ``failure``
    says why it failed (None if it did not), after ``notes``, lines already formatted."""

    problems: list[Problem] = field(default_factory=list)
    failure: str | None = None
    notes: list[str] = field(default_factory=list)
    built: int = 0  # briefs published


def attempt(options: Options, engine: str | None = None) -> Outcome:
    """Build and publish the site, printing nothing; ``engine``, if given on the
    command line, wins over the site's ``extra.briefing.engine``."""
    outcome = Outcome()
    try:
        options = apply(options, read_site_config(options.config_file))
        options = replace(options, engine=engine or options.engine)
        with locked(place_of(options.out_dir)):  # one build at a time per --out, from check to publishing
            cache = SiteCache(options.out_dir)
            checked = check(options, cache)
            outcome.problems = list(checked.problems)  # with MkDocs' warnings, printed once, in one format
            if checked.failed(options.strict):
                outcome.failure = summary(outcome.problems)
                return outcome
            outcome.problems += build(options, checked, cache)
            outcome.built = len(checked.index.newest_first)
    except StrictFailure as failure:
        outcome.problems += failure.warnings
        outcome.failure = str(failure)
    except SiteConfigError as error:
        outcome.notes.append(str(error))
        outcome.failure = "the site configuration has an error"
    except BuildError as error:
        outcome.failure = str(error)
    return outcome


def report(outcome: Outcome, format: str, out: Path, quiet: bool = False, strict: bool = False) -> int:
    """Print the problems and one summary line; return the exit code. ``quiet``: only what
    fails the build (errors, and warnings under ``strict``), and no line for success."""
    shown = [p for p in outcome.problems if p.severity == "error" or strict] if quiet else outcome.problems
    write_problems(shown, format)
    for note in outcome.notes:
        print(note, file=sys.stderr)
    if outcome.failure is not None:
        print(f"FAILED: {outcome.failure}; {out} left as it was", file=sys.stderr)
        return 1
    if not quiet:
        print(f"OK: built {outcome.built} brief(s) into {out}", file=sys.stderr)
    return 0


VERBOSITY = ("quiet", "normal", "verbose")


def run(options: Options, format: str, engine: str | None = None, verbosity: str = "normal") -> int:
    """Stages are shown on stderr: a bar on a terminal, lines otherwise, none if ``quiet``."""
    quiet = verbosity == "quiet"
    shown = contextlib.nullcontext() if quiet else progress.reporting(sys.stderr, sys.stderr.isatty(), verbosity == "verbose")
    try:
        with shown:
            outcome = attempt(options, engine)
    except KeyboardInterrupt:
        print(f"interrupted; {options.out_dir} holds either the previous site or the new one, whole", file=sys.stderr)
        return 130
    return report(outcome, format, options.out_dir, quiet, options.strict)
