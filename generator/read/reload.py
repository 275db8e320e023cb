"""Stage 1, read: a previous load with a few brief files read again, for ``briefing serve``.

When the watcher knows that only some existing brief files changed (no file added or
removed, no registry or About page touched), reading those files again over the last
load gives what :func:`~generator.read.load.load_corpus` would give, without reading
and hashing every other file of the corpus.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .load import Document, RawCorpus, _parse_brief_file


def reload_briefs(previous: RawCorpus, edited: list[Path]) -> RawCorpus | None:
    """``previous`` with the ``edited`` brief files parsed again, in the same order; None
    if that cannot stand for a full load: the previous load had problems, a file is not
    one of its briefs, or an edited file no longer parses (the full load says why)."""
    changed = {str(path) for path in edited}
    if previous.problems or not changed <= previous.parsed.keys():
        return None
    raw = RawCorpus(previous.briefs_dir, registries=previous.registries, registry_digest=previous.registry_digest,
                    about=previous.about, front_matter_changed=False)
    for shown, entry in previous.parsed.items():
        if shown in changed:
            path = Path(shown)
            try:
                key = hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
            except OSError:
                return None
            result = _parse_brief_file(path)
            if not isinstance(result, Document):
                return None
            raw.fresh.add(shown)
            raw.front_matter_changed |= result.data != entry[1].data
            entry = (key, result)
        raw.parsed[shown] = entry
        raw.briefs.append(entry[1])
    return raw
