"""Print problems for people (``text``), for GitHub Actions (``github``) or for tools (``json``).

One problem is one line whatever the input holds: a newline in a value cannot
split a problem or forge a ``fake.md:99: error:`` line, and the bytes of a file
name that is not UTF-8 (held as surrogate escapes) print as ``\\xNN``.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Iterable, TextIO

from ..model import Problem

FORMATS = ("text", "github", "json")

_SURROGATE = re.compile("[\ud800-\udfff]")  # os.fsdecode holds non-UTF-8 bytes as U+DC80..U+DCFF
_UNPRINTABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match) -> str:
    character = match.group()
    code = ord(character)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return _NAMED.get(character) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def printable(text: str) -> str:
    """``text`` on one line, in valid UTF-8: line breaks, control characters and undecodable bytes escaped."""
    return _UNPRINTABLE.sub(_escape, text)


def _github_escape(value: str, in_property: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if in_property else value


def in_order(problems: Iterable[Problem]) -> list[Problem]:
    """By file, then line (a file's own problems, without a line, first); otherwise as found."""
    return sorted(problems, key=lambda problem: (problem.path, problem.line or 0))


def problem_stream(format: str) -> TextIO:
    """Where problems go: stderr for people, as compilers do; stdout for tools (``github``, ``json``)."""
    return sys.stderr if format == "text" else sys.stdout


def write_problems(problems: Iterable[Problem], format: str, stream: TextIO | None = None) -> None:
    problems = in_order(problems)
    stream = stream or problem_stream(format)
    if format == "json":
        rows = [{**problem.__dict__, "path": _SURROGATE.sub(_escape, problem.path),
                 "message": _SURROGATE.sub(_escape, problem.message)} for problem in problems]
        json.dump(rows, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        return
    for problem in problems:
        path, message = printable(problem.path), printable(problem.message)
        if format == "github":
            line = "" if problem.line is None else f",line={problem.line}"
            stream.write(f"::{problem.severity} file={_github_escape(path, True)}{line}::{_github_escape(message)}\n")
        else:
            stream.write(problem_line(problem) + "\n")


def problem_line(problem: Problem) -> str:
    """``path:line: severity: message`` on one line."""
    path = printable(problem.path)
    where = path if problem.line is None else f"{path}:{problem.line}"
    return f"{where}: {problem.severity}: {printable(problem.message)}"


def summary(problems: Iterable[Problem]) -> str:
    problems = list(problems)
    errors = sum(p.severity == "error" for p in problems)
    return f"{errors} error(s), {len(problems) - errors} warning(s)"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
