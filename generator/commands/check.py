"""``briefing check``: validate the briefs and registries, build nothing.

Problems go to stderr (``--format text``) and the summary line to stdout, as compilers do.
"""

from __future__ import annotations

from ..build import check
from ..config.options import Options
from .report import plural, summary, write_problems


def run(options: Options, format: str) -> int:
    checked = check(options)
    write_problems(checked.problems, format)
    failed = checked.failed(options.strict)
    if format == "text":
        files = len(checked.loaded.parsed)  # every brief file, read or not
        print(f"{'FAILED' if failed else 'OK'}: {plural(files, 'brief')} checked, {summary(checked.problems)}")
    return 1 if failed else 0
