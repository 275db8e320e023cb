"""What one build leaves for the next, so that an edit rebuilds only what changed.

The cache sits beside ``--out`` (``.site.briefing-cache`` for ``site``) and holds
the generated MkDocs project as last built, a digest of every page, and the
brief files as parsed (and, written by :mod:`generator.outputs.search`, each
page's search record).

A build may reuse the cache only if the fingerprint (generator, MkDocs and
Material versions, templates, the site's mkdocs.yml, ``--drafts``) is unchanged and ``--out``
still holds the site the cache describes; otherwise it is a full build.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from . import __version__
from .config import Options
from .index import SiteIndex
from .load import RawCorpus
from .outputs.search import ENTRY_FILE
from .urls import SEARCH_BUNDLE, brief_page

STATE_FILE = "state.json"
PARSED_DIR = "parsed"
SEARCH_INDEX = Path(SEARCH_BUNDLE) / ENTRY_FILE  # rewritten by every build: proof of which build --out holds


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def fingerprint(options: Options, generated_config: str) -> str:
    """Everything besides the briefs that shapes every page: when it changes, build in full."""
    parts = [__version__, metadata.version("mkdocs"), metadata.version("mkdocs-material"), generated_config]
    parts += [options.config_file.read_text(encoding="utf-8"), f"drafts: {options.drafts}"]
    for path in sorted(options.templates_dir.rglob("*")):
        if path.is_file():
            parts.append(f"{path.relative_to(options.templates_dir)}:{digest(path.read_bytes())}")
    return digest("\n".join(parts).encode("utf-8"))


@dataclass
class Plan:
    """Which pages to write and rebuild; ``full`` means everything, from scratch."""

    full: bool
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


class SiteCache:
    def __init__(self, out_dir: Path):
        self.root = out_dir.resolve().parent / f".{out_dir.name}.briefing-cache"
        self.project = self.root / "project"
        self.state: dict = {}
        self._shards: dict[str, set[str]] = {}  # parsed-file shards as read, and the paths in each

    def load(self) -> None:
        try:
            self.state = json.loads((self.root / STATE_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.state = {}

    def parsed(self) -> dict:
        """The brief files as the last successful build parsed them (see ``load_corpus``).

        One file per briefs folder, so that an edit rewrites one folder's worth.
        """
        parsed: dict = {}
        self._shards = {}
        for shard in sorted((self.root / PARSED_DIR).glob("*.pickle")):
            try:
                with open(shard, "rb") as stream:
                    entries = pickle.load(stream)
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
                continue
            self._shards[shard.name] = set(entries)
            parsed.update(entries)
        return parsed

    def _save_parsed(self, loaded: RawCorpus) -> None:
        folder = self.root / PARSED_DIR
        folder.mkdir(parents=True, exist_ok=True)
        shards: dict[str, dict] = {}
        for path, entry in loaded.parsed.items():
            shards.setdefault(digest(os.path.dirname(path).encode("utf-8")) + ".pickle", {})[path] = entry
        for name, entries in shards.items():
            if self._shards.get(name) != set(entries) or not loaded.fresh.isdisjoint(entries):
                with open(folder / name, "wb") as stream:
                    pickle.dump(entries, stream, protocol=pickle.HIGHEST_PROTOCOL)
        for stale in set(self._shards) - set(shards):
            (folder / stale).unlink(missing_ok=True)

    def reusable(self, print_: str, out_dir: Path) -> bool:
        """Whether ``out_dir`` still holds the site this cache describes, built the same way."""
        self.load()
        index = out_dir / SEARCH_INDEX
        if self.state.get("fingerprint") != print_ or not self.project.is_dir() or not index.is_file():
            return False
        return self.state.get("search_index") == digest(index.read_bytes())

    def unchanged_pages(self, index: SiteIndex, loaded: RawCorpus) -> set[str]:
        """Pages that need no rendering. With the same registries, a brief page whose file
        did not change; when only bodies changed, every page but the edited briefs'."""
        if self.state.get("registries") != loaded.registry_digest:
            return set()
        previous = self.state.get("pages", {})
        if not loaded.front_matter_changed:
            edited = {brief_page(brief.slug) for brief in index.newest_first if brief.path in loaded.fresh}
            return set(previous) - edited
        pages = (brief_page(brief.slug) for brief in index.newest_first if brief.path not in loaded.fresh)
        return {page for page in pages if page in previous}

    def page_hashes(self, pages: dict[str, str], unchanged: set[str]) -> dict[str, str]:
        previous = self.state.get("pages", {})
        hashes = {path: previous[path] for path in unchanged}
        hashes.update((path, digest(text.encode("utf-8"))) for path, text in pages.items())
        return hashes

    def plan(self, reusable: bool, hashes: dict[str, str]) -> Plan:
        if not reusable:
            return Plan(full=True, changed=sorted(hashes))
        previous = self.state.get("pages", {})
        changed = sorted(path for path, value in hashes.items() if previous.get(path) != value)
        removed = sorted(set(previous) - set(hashes))
        return Plan(full=False, changed=changed, removed=removed)

    def invalidate(self) -> None:
        """Forget the state: the project folder may now be ahead of ``--out``."""
        (self.root / STATE_FILE).unlink(missing_ok=True)

    def save(self, print_: str, hashes: dict[str, str], search_index: bytes, loaded: RawCorpus) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        self._save_parsed(loaded)
        state = {
            "fingerprint": print_,
            "pages": hashes,
            "search_index": digest(search_index),
            "registries": loaded.registry_digest,
        }
        temporary = self.root / f"{STATE_FILE}.tmp"
        temporary.write_text(json.dumps(state, separators=(",", ":")), encoding="utf-8")
        os.replace(temporary, self.root / STATE_FILE)
