"""``briefing check``: validate the briefs and registries, build nothing."""

from __future__ import annotations

import sys

from ..build import check
from ..config import Options
from ..report import summary, write_problems


def run(options: Options, format: str) -> int:
    checked = check(options)
    write_problems(checked.problems, format, sys.stdout)
    failed = checked.failed(options.strict)
    if format == "text":
        count = len(checked.index.corpus.briefs)
        print(f"{'FAILED' if failed else 'OK'}: {count} brief(s) checked, {summary(checked.problems)}", file=sys.stderr)
    return 1 if failed else 0
