"""Stage 4, engines: MkDocs' configuration, loaded by one thread at a time.

MkDocs validates every config with option objects that all configs share,
and its ``plugins`` option keeps the collection it is filling on itself. Two
threads loading at once then share one collection, with every plugin and
hook in it twice: each page's raw HTML is set aside twice and never put back.
A build loads the config in two threads (MkDocs in the main one, search
records beside it), so every load goes through :func:`load_config`.

>>> config = load_config(config_file="mkdocs.yml", strict=False)  # doctest: +SKIP
"""

from __future__ import annotations

import threading

_ONE_AT_A_TIME = threading.Lock()


def load_config(**options):
    """``mkdocs.config.load_config(**options)``, never beside another load in this process."""
    from mkdocs.config import load_config as load

    with _ONE_AT_A_TIME:
        return load(**options)
