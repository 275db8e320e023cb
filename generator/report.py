"""Print problems for people (``text``), for GitHub Actions (``github``) or for tools (``json``)."""

from __future__ import annotations

import json
from typing import Iterable, TextIO

from .model import Problem

FORMATS = ("text", "github", "json")


def _github_escape(value: str, in_property: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if in_property else value


def write_problems(problems: Iterable[Problem], format: str, stream: TextIO) -> None:
    problems = list(problems)
    if format == "json":
        json.dump([problem.__dict__ for problem in problems], stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        return
    for problem in problems:
        if format == "github":
            stream.write(
                f"::{problem.severity} file={_github_escape(problem.path, True)},"
                f"line={problem.line}::{_github_escape(problem.message)}\n"
            )
        else:
            stream.write(f"{problem}\n")


def summary(problems: Iterable[Problem]) -> str:
    problems = list(problems)
    errors = sum(p.severity == "error" for p in problems)
    return f"{errors} error(s), {len(problems) - errors} warning(s)"
