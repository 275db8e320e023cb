"""Runs ``briefing serve`` with its normal builds held at a gate, so a test can see what the
browser is served before the whole rebuild lands:

    python tests/serve_gate.py FOLDER serve ARGS...

Every normal build after the first waits until FOLDER/open exists (and removes it), at most
HOLD seconds: then the server exits with a message rather than hang. Each finished build
writes FOLDER/built-N."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from generator.cli import main
from generator.commands import serve

folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path()
real_attempt = serve.attempt
builds = []
HOLD = 600


def gated_attempt(*args, **kwargs):
    if builds:
        deadline = time.monotonic() + HOLD
        while not (folder / "open").exists():
            if time.monotonic() > deadline:
                print(f"serve_gate: {folder / 'open'} never appeared in {HOLD} s", file=sys.stderr)
                os._exit(3)  # the build loop would catch SystemExit and wait for the next change
            time.sleep(0.05)
        (folder / "open").unlink()
    outcome = real_attempt(*args, **kwargs)
    builds.append(outcome)
    (folder / f"built-{len(builds)}").write_text(str(outcome.failure), encoding="utf-8")
    return outcome


if __name__ == "__main__":  # MkDocs' spawned processes import this file again as their main
    serve.attempt = gated_attempt
    sys.exit(main(sys.argv[2:]))
