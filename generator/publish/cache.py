"""What one build leaves for the next, so that an edit rebuilds only what changed.

The cache sits beside ``--out`` (``.site.briefing-cache`` for ``site``), all in
JSON (never pickle: a cache in a shared folder could have been planted):

- ``project/``: the generated MkDocs project as last built;
- ``parsed/``: the brief files as parsed, keyed by a hash of their bytes;
- ``search-pages/``: each page's search record (see :mod:`generator.outputs.search`);
- ``state.json``: the fingerprint, a digest of every page, MkDocs' warnings
  per page, the stats of the project's files, and the digest of the manifest
  of the site it describes, with its files' stats, and the key of each whole-site
  output (:class:`~generator.outputs.site_files.OutputKeys`) as written into that site.

The state is saved before the new site is swapped in. A build reuses it only
if the fingerprint (versions, templates, the site's configuration with its
parents, theme overrides and hooks, ``--drafts``) is unchanged and ``--out``
holds exactly the site the state names; otherwise it builds in full. A cache
that cannot be read or does not hang together is dropped with a notice; one with
the wrong kind of thing in it (a file where a folder belongs, a folder or a link
where a file does) is also deleted, under the build's lock, before the build writes it anew.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from .. import __version__
from . import parsed_cache
from ..config.options import Options
from ..pages.index import SiteIndex
from ..outputs.search import MANIFEST as SEARCH_MANIFEST, PAGES_DIR
from ..read.load import RawCorpus
from .manifest import Manifest, Published, scan
from .publish import place_of, remove_path
from ..urls import body_pages

STATE_FILE = "state.json"
PARSED_DIR = "parsed"
FORMAT = 2
PROJECT_DIR = "project"
# What the cache holds, by name, and of which kind; anything else of these names is damage.
LAYOUT = {STATE_FILE: "file", f"{STATE_FILE}.tmp": "file", PARSED_DIR: "folder", PROJECT_DIR: "folder",
          PAGES_DIR: "folder", SEARCH_MANIFEST: "file"}
_STATE_TYPES = {"format": int, "fingerprint": str, "manifest": str, "site": dict, "pages": dict,
                "registries": str, "project": dict, "warnings": dict}


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def fingerprint(options: Options, generated_config: str, inputs: list[Path]) -> str:
    """Everything besides the briefs that shapes every page: when it changes, build in full.
    ``inputs`` are the site's own files (configuration, parents, theme overrides, hooks)."""
    parts = [__version__, metadata.version("mkdocs"), metadata.version("mkdocs-material"), generated_config]
    parts.append(f"drafts: {options.drafts}")
    files = [(path.relative_to(options.templates_dir), path) for path in sorted(options.templates_dir.rglob("*"))]
    files += [(path, path) for path in inputs]
    for shown, path in files:
        if path.is_file():
            parts.append(f"{shown}:{digest(path.read_bytes())}")
    return digest("\n".join(parts).encode("utf-8"))


@dataclass
class Plan:
    """Which pages to write and rebuild; ``full`` means everything, from scratch."""

    full: bool
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


class SiteCache:
    def __init__(self, out_dir: Path):
        out = place_of(out_dir).out
        self.root = out.parent / f".{out.name}.briefing-cache"
        self.project = self.root / PROJECT_DIR
        self.state: dict = {}
        self._shards: dict[str, set[str]] = {}  # parsed-file shards as read, and the paths in each
        self._dropped = False
        self._loaded = False
        self._project_seen: dict = {}  # the project's file stats as the reuse check found them

    def _drop(self, reason: str) -> None:
        if not self._dropped:
            print(f"{self.root}: note: cache dropped ({reason}); building from scratch", file=sys.stderr)
        self._dropped = True
        self.state, self._shards = {}, {}

    def load(self) -> None:
        """Read the state (once); drop the cache if it is there but unusable."""
        if self._loaded:
            return
        self._loaded = True
        damage = self.damage()
        if damage:
            return self._drop(damage)
        try:
            text = (self.root / STATE_FILE).read_text(encoding="utf-8")
        except FileNotFoundError:
            return
        except (OSError, UnicodeDecodeError) as error:
            return self._drop(f"{STATE_FILE}: {error}")
        try:
            state = json.loads(text)
        except (ValueError, RecursionError):
            return self._drop(f"{STATE_FILE} is not JSON")
        if not (isinstance(state, dict) and all(isinstance(state.get(k), t) for k, t in _STATE_TYPES.items())):
            return self._drop(f"{STATE_FILE} is not a state this version writes")
        if state["format"] == FORMAT and not self._dropped:
            self.state = state

    def damage(self) -> str | None:
        """What in the cache is the wrong kind of thing, or None if every part is of its kind."""
        if not os.path.lexists(self.root):
            return None
        try:
            if not _is_kind(self.root, "folder"):
                return f"{self.root.name} is not a folder"
            for name, kind in LAYOUT.items():
                if os.path.lexists(self.root / name) and not _is_kind(self.root / name, kind):
                    return f"{name} is not a {kind}"
            if (self.root / PARSED_DIR).is_dir():
                with os.scandir(self.root / PARSED_DIR) as entries:
                    for entry in entries:
                        if not entry.is_file(follow_symlinks=False):
                            return f"{PARSED_DIR}/{entry.name} is not a file"
        except OSError as error:
            return f"cannot read it: {error.strerror}"
        return None

    def parsed(self) -> dict:
        """The brief files as the last build parsed them (see ``load_corpus``); one shard
        per briefs folder, so that an edit rewrites one folder's worth."""
        self.load()
        parsed: dict = {}
        self._shards = {}
        if self._dropped:
            return parsed
        for shard in sorted((self.root / PARSED_DIR).glob("*.json")):
            try:
                entries = parsed_cache.loads(shard.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, parsed_cache.ShardError) as error:
                self._drop(f"{PARSED_DIR}/{shard.name}: {error}")
                return {}
            self._shards[shard.name] = set(entries)
            parsed.update(entries)
        return parsed

    def _save_parsed(self, loaded: RawCorpus) -> None:
        folder = self.root / PARSED_DIR
        folder.mkdir(parents=True, exist_ok=True)
        shards: dict[str, dict] = {}
        for path, entry in loaded.parsed.items():
            shards.setdefault(digest(os.path.dirname(path).encode("utf-8")) + ".json", {})[path] = entry
        for name, entries in shards.items():
            if self._shards.get(name) != set(entries) or not (loaded.fresh | loaded.rechecked).isdisjoint(entries):
                _write_atomic(folder / name, parsed_cache.dumps(entries))
        for stale in set(os.listdir(folder)) - set(shards):
            (folder / stale).unlink(missing_ok=True)

    def _project_stats(self) -> dict:
        return {path: stat[1:] for path, stat in scan(str(self.project))[0].items()} if self.project.is_dir() else {}

    def reusable(self, print_: str, published: Published | None, config_text: str) -> bool:
        """Whether ``--out`` holds exactly the site the state describes, built the same way,
        and the project folder is as that build left it."""
        if not self.state or self.state["fingerprint"] != print_ or published is None:
            return False
        if self.state["manifest"] != published.digest or not published.intact(self.state["site"]):
            print(f"{published.root}: note: changed since the last build; building in full", file=sys.stderr)
            return False
        try:
            project_config = (self.project / "mkdocs.yml").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            project_config = None
        self._project_seen = self._project_stats()
        if project_config != config_text or self._project_seen != self.state["project"]:
            self._drop("the generated project was changed")
            return False
        return True

    def unchanged_pages(self, index: SiteIndex, loaded: RawCorpus) -> set[str]:
        """Pages that need no rendering: when only bodies changed, every page but the edited
        briefs'. A front-matter change renders every page, since a brief page shows other
        briefs too (neighbours, related briefs); only pages whose text changed are rebuilt."""
        if self.state.get("registries") != loaded.registry_digest or loaded.front_matter_changed:
            return set()
        previous = self.state.get("pages", {})
        fresh = (brief for brief in index.newest_first if brief.path in loaded.fresh)
        edited = {page for brief in fresh for page in body_pages(brief.slug, brief.round)}  # a pack shows bodies too
        return set(previous) - edited

    def page_hashes(self, pages: dict[str, bytes], unchanged: set[str]) -> dict[str, str]:
        previous = self.state.get("pages", {})
        hashes = {path: previous[path] for path in unchanged}
        hashes.update((path, digest(data)) for path, data in pages.items())
        return hashes

    def plan(self, reusable: bool, hashes: dict[str, str]) -> Plan:
        if not reusable:
            return Plan(full=True, changed=sorted(hashes))
        previous = self.state.get("pages", {})
        changed = sorted(path for path, value in hashes.items() if previous.get(path) != value)
        removed = sorted(set(previous) - set(hashes))
        return Plan(full=False, changed=changed, removed=removed)

    def page_warnings(self, plan: Plan) -> dict[str, list[str]]:
        """MkDocs' warnings for the pages this build does not rebuild, as the last build had them."""
        if plan.full:
            return {}
        rebuilt, removed = set(plan.changed), set(plan.removed)
        return {page: list(w) for page, w in self.state["warnings"].items() if page not in rebuilt | removed}

    def invalidate(self) -> None:
        """Forget the state: the project folder may now be ahead of ``--out``. A damaged cache
        goes whole (it is disposable), so that this build can write it anew."""
        if self.damage():
            remove_path(self.root)
        else:
            (self.root / STATE_FILE).unlink(missing_ok=True)

    def _project_now(self, plan: Plan) -> dict:
        """The project's file stats after ``write_project``: only the pages written changed."""
        if plan.full or not self._project_seen:
            return self._project_stats()
        removed = set(plan.removed)
        stats = {path: stat for path, stat in self._project_seen.items() if path[len("docs/"):] not in removed}
        for page in plan.changed:
            status = os.stat(self.project / "docs" / page)
            stats[f"docs/{page}"] = [status.st_size, status.st_mtime_ns]
        return stats

    def corpus_key(self, loaded: RawCorpus, reusable: bool) -> str:
        """What the outputs made from every brief's front matter (data files, search lists,
        calendars) are made from: the last build's key when only bodies changed since, else
        a digest of every brief file and the registries."""
        previous = self.state.get("corpus")
        if reusable and isinstance(previous, str) and not loaded.front_matter_changed and self.state.get("registries") == loaded.registry_digest:
            return previous
        files = sorted((path, entry[0]) for path, entry in loaded.parsed.items())
        return digest(repr((files, loaded.registry_digest)).encode("utf-8"))

    def output_keys(self, reusable: bool) -> dict[str, str]:
        """The outputs' keys as the published site has them; none for a full build."""
        keys = self.state.get("outputs")
        return keys if reusable and isinstance(keys, dict) else {}

    def save(self, print_: str, hashes: dict[str, str], loaded: RawCorpus, manifest: Manifest, warnings: dict, plan: Plan,
             outputs: dict[str, str] | None = None, corpus: str = "") -> None:
        """Describe the site in staging; valid whether or not the swap then happens (the
        next build compares ``manifest`` with what ``--out`` holds)."""
        self.root.mkdir(parents=True, exist_ok=True)
        self._save_parsed(loaded)
        state = {
            "format": FORMAT,
            "fingerprint": print_,
            "manifest": manifest.digest,
            "site": manifest.stats,
            "pages": hashes,
            "registries": loaded.registry_digest,
            "project": self._project_now(plan),
            "warnings": warnings,
            "outputs": outputs or {},
            "corpus": corpus,
        }
        _write_atomic(self.root / STATE_FILE, json.dumps(state, separators=(",", ":")))


def _is_kind(path: Path, kind: str) -> bool:
    return not path.is_symlink() and (path.is_dir() if kind == "folder" else path.is_file())


def _write_atomic(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
