"""The ``briefing`` command line: ``build``, ``check``, ``new``, ``serve``, ``links``, ``schema`` and ``demo-corpus``.

Exit codes: 0 clean, 1 problems in the briefs or a failed build, 2 a usage mistake.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from pathlib import Path

from . import __version__
from .config.options import ENGINES, Options, tune_process
from .commands.report import FORMATS


def _date(value: str) -> datetime.date:
    """Read as ``check`` reads a date, with its words: one wording for every date error."""
    from .check.fields import FieldError, date

    try:
        return date(value)
    except FieldError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number of at least 1")
    return number


def _not_negative(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0 <= number < float("inf"):
        raise argparse.ArgumentTypeError(f"'{value}' is not a number of at least 0")
    return number


def _jobs(value: str) -> int:
    return min(_positive(value), os.cpu_count() or 1)


def _address(value: str) -> tuple[str, int]:
    host, _, port = value.rpartition(":")
    if not host or not port.isdigit() or not 1 <= int(port) <= 65535:
        raise argparse.ArgumentTypeError(f"'{value}' is not host:port with a port from 1 to 65535")
    return host.strip("[]"), int(port)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefing", description="Compile Markdown briefs into a searchable static site.")
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="{build,check,new,serve,links,schema,demo-corpus}")

    def with_inputs(verb: argparse.ArgumentParser, site: bool) -> None:
        verb.add_argument("--briefs", type=Path, default=Options.briefs_dir, help="folder of briefs and registries (default: briefs)")
        verb.add_argument("--strict", action="store_true", help="treat warnings as errors")
        if site:
            verb.add_argument("--config", type=Path, default=Options.config_file, help="the site's mkdocs.yml (default: mkdocs.yml)")
            verb.add_argument("--templates", type=Path, default=Options.templates_dir, help=argparse.SUPPRESS)
            verb.add_argument("--drafts", action="store_true", help="publish briefs marked draft: true")
            verb.add_argument(
                "--jobs", type=_jobs, default=Options.jobs,
                help=f"MkDocs processes for large builds, at least 1; more than the {os.cpu_count() or 1} cores "
                f"are capped to the core count (default: {Options.jobs})",
            )
            verb.add_argument(
                "--engine", choices=ENGINES, default=None,
                help=f"what builds the site; overrides extra.briefing.engine in mkdocs.yml (default: {Options.engine})",
            )

    build = verbs.add_parser("build", help="validate the briefs and build the site")
    with_inputs(build, site=True)
    build.add_argument("--out", type=Path, default=Options.out_dir, help="output folder, replaced only on success (default: site)")
    build.add_argument("--format", choices=FORMATS, default="text", help="how problems are printed")
    loudness = build.add_mutually_exclusive_group()
    loudness.add_argument("--quiet", "-q", dest="verbosity", action="store_const", const="quiet", default="normal",
                          help="print errors only: no stages, no warnings, no success line")
    loudness.add_argument("--verbose", "-v", dest="verbosity", action="store_const", const="verbose",
                          help="also print how long each stage took")

    check = verbs.add_parser("check", help="validate the briefs and registries only")
    with_inputs(check, site=False)
    check.add_argument("--format", choices=FORMATS, default="text", help="how problems are printed")
    check.add_argument("--out", type=Path, default=Options.out_dir, help="the site whose build cache is reused, read only (default: site)")

    new = verbs.add_parser("new", help="write a new brief skeleton and print its path")
    new.add_argument("title")
    new.add_argument("--briefs", type=Path, default=Options.briefs_dir)
    new.add_argument("--date", type=_date, default=None, help="YYYY-MM-DD (default: today)")
    new.add_argument("--actor", action="append", default=[], help="an actor id, name or alias; repeat for more")
    new.add_argument("--round", default=None, help="a round id or name")

    serve = verbs.add_parser("serve", help="live preview that rebuilds on every change")
    with_inputs(serve, site=True)
    serve.add_argument("--dev-addr", type=_address, default="127.0.0.1:8000", help="host:port to serve on (default: 127.0.0.1:8000)")
    links = verbs.add_parser("links", help="ask every source link whether it still answers (needs the network and lychee)")
    links.add_argument("--briefs", type=Path, default=Options.briefs_dir, help="folder of briefs and registries (default: briefs)")
    links.add_argument("--strict", action="store_true", help="report dead and moved links as errors, and exit 1")
    links.add_argument("--format", choices=FORMATS, default="text", help="how problems are printed")
    links.add_argument("--cache", type=Path, default=None, help="the answers kept between runs (default: ~/.cache/briefing/links.json)")
    links.add_argument("--max-age", type=_not_negative, default=24.0, help="hours a cached answer is trusted; 0 asks again (default: 24)")
    links.add_argument("--timeout", type=_positive, default=20, help="seconds for one request (default: 20)")
    links.add_argument("--per-host", type=_positive, default=2, help="requests at once to one host (default: 2)")
    links.add_argument("--interval", type=_not_negative, default=1.0, help="seconds between requests to one host (default: 1)")
    links.add_argument("--lychee", default=None, help="the lychee binary (default: beside Python, or on PATH)")
    schema = verbs.add_parser("schema", help="write the JSON Schemas for briefs and registries (for editors)")
    schema.add_argument("folder", type=Path, help="where to write them; made if missing")
    demo = verbs.add_parser("demo-corpus", help="write a deterministic synthetic corpus (for tests and benchmarks)")
    demo.add_argument("count", type=_positive, help="how many briefs, at least 1")
    demo.add_argument("folder", type=Path)
    demo.add_argument("--seed", type=int, default=2025)
    return parser


def main(argv: list[str] | None = None) -> int:
    tune_process()
    args = _parser().parse_args(argv)
    if args.verb == "demo-corpus":
        from .commands.demo_corpus import write_demo_corpus

        if args.folder.exists() and not args.folder.is_dir():
            print(f"briefing: error: {args.folder} exists and is not a folder", file=sys.stderr)
            return 2
        if args.folder.exists() and any(args.folder.iterdir()):
            print(f"briefing: error: {args.folder} is not empty", file=sys.stderr)
            return 2
        print(f"wrote {write_demo_corpus(args.count, args.folder, args.seed)} briefs into {args.folder}", file=sys.stderr)
        return 0
    if args.verb == "schema":
        from .commands import schema

        return schema.run(args.folder)
    if args.verb == "links" and args.briefs.is_dir():
        from .commands import links

        return links.run(args.briefs, args.format, args.strict, links.Settings(
            cache=args.cache or links.default_cache(), max_age=args.max_age, timeout=args.timeout, per_host=args.per_host,
            interval=args.interval, lychee=args.lychee))
    if not args.briefs.is_dir():
        print(f"briefing: error: briefs folder '{args.briefs}' not found", file=sys.stderr)
        return 2
    options = Options(
        briefs_dir=args.briefs,
        out_dir=getattr(args, "out", Options.out_dir),
        config_file=getattr(args, "config", Options.config_file),
        templates_dir=getattr(args, "templates", Options.templates_dir),
        strict=getattr(args, "strict", False),
        drafts=getattr(args, "drafts", False),
        jobs=getattr(args, "jobs", Options.jobs),
    )
    if args.verb in ("build", "serve") and not options.config_file.is_file():
        print(f"briefing: error: {options.config_file} not found; pass --config with the site's mkdocs.yml", file=sys.stderr)
        return 2
    if args.verb == "check":
        from .commands import check

        return check.run(options, args.format)
    if args.verb == "build":
        from .commands import build

        return build.run(options, args.format, args.engine, args.verbosity)
    if args.verb == "new":
        from .commands import new

        return new.run(options, args.title, args.date or datetime.date.today(), args.actor, args.round)
    from .commands import serve

    return serve.run(options, *args.dev_addr, engine=args.engine)
