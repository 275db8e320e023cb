"""``python -m generator``: the ``briefing`` command line without its script."""

import sys

from .cli import main

# Guarded: build processes started with "spawn" import this module again.
if __name__ == "__main__":
    sys.exit(main())
