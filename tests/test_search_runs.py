"""Shards indexed at once: at most one Pagefind run while the engine runs and one per core after it,
a full build starting a shard once its records exist, a shard begun on a wrong guess indexed again,
and records by the engine's fast path equal to Python-Markdown's. The indexer here is a stand-in that
lists the records it was given; expected shards come from sha256 of the record paths, as the brief states."""

from __future__ import annotations

import hashlib
import threading
from concurrent.futures import Future
from pathlib import Path

import pytest

from generator.commands.demo_corpus import write_demo_corpus
from generator.outputs import search, search_shards
from generator.outputs.search_records import RecordMaker, searched_pages
from generator.outputs.search_shards import Indexed, shard_folder, write_shards
from generator.urls import page_output

from conftest import Corpus

PAGES = [f"briefs/brief-{number}/index.html" for number in range(40)]


def expected_shard(record: str, count: int) -> int:
    return int.from_bytes(hashlib.sha256(record.encode()).digest()[:8], "big") % count


def listing_index(scratch: Path, target: Path) -> bytes:
    """Stands in for Pagefind: writes the records it was given, sorted, as its entry file."""
    found = sorted(path.relative_to(scratch).as_posix() for path in scratch.rglob("*.html"))
    target.mkdir(parents=True)
    (target / "pagefind-entry.json").write_text("\n".join(found), encoding="utf-8")
    return (target / "pagefind-entry.json").read_bytes()


def write_records(records_dir: Path, pages: list[str]) -> None:
    for page in pages:
        (records_dir / page).parent.mkdir(parents=True, exist_ok=True)
        (records_dir / page).write_text(f'<article data-pagefind-sort="date:2024-01-0{len(page) % 9 + 1}">{page}</article>')


def shard_lists(bundle: Path, count: int) -> list[list[str]]:
    folders = [bundle] + [bundle / f"shard-{shard}" for shard in range(1, count)]
    return [(folder / "pagefind-entry.json").read_text(encoding="utf-8").split("\n") for folder in folders]


@pytest.fixture
def four_shards(monkeypatch):
    monkeypatch.setattr(search_shards, "PAGES_PER_SHARD", 10)  # 40 records: four shards; 80: eight


def test_a_shard_begun_on_a_wrong_guess_is_indexed_again(tmp_path, four_shards):
    records_dir, bundle = tmp_path / "records", tmp_path / "bundle"
    write_records(records_dir, PAGES)
    wrong_records = (PAGES[0],)  # a guess made before the last record existed, for example
    guessed: Future = Future()
    guessed.set_result(Indexed(wrong_records, [], shard_folder(bundle, 2), b""))
    write_shards(records_dir, bundle, None, None, listing_index, started={2: guessed})
    for shard, listed in enumerate(shard_lists(bundle, 4)):
        assert listed == sorted(page for page in PAGES if expected_shard(page, 4) == shard)
    assert not shard_folder(bundle, 2).exists()


def test_at_most_one_run_beside_the_engine_and_one_per_core_after_it(monkeypatch):
    monkeypatch.setattr(search.os, "cpu_count", lambda: 2)
    running, most, lock = [0], [0], threading.Lock()

    def job(meet: threading.Barrier | None) -> None:
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        if meet is not None:
            meet.wait(timeout=30)  # broken (raises) unless a second job runs at the same time
        threading.Event().wait(0.02)
        with lock:
            running[0] -= 1

    with search.ShardRuns(busy=1) as runs:
        for done in [runs.submit(job, None) for _ in range(6)]:
            done.result()
        assert most[0] == 1
        runs.engine_done()
        meet = threading.Barrier(2)
        for done in [runs.submit(job, meet) for _ in range(2)]:
            done.result()
    assert most[0] == 2


@pytest.fixture
def demo_pages(tmp_path) -> tuple[Path, dict[str, str]]:
    """A 40-brief demo site's generated project: its mkdocs.yml and its pages, as the generator wrote them."""
    corpus = Corpus(tmp_path)
    for registry in ("actors", "rounds", "topics"):
        (corpus.briefs / f"{registry}.yml").unlink()
    write_demo_corpus(40, corpus.briefs)
    corpus.build()
    config = next(tmp_path.rglob("project/mkdocs.yml"))
    docs = config.parent / "docs"
    return config, {path.relative_to(docs).as_posix(): path.read_text(encoding="utf-8") for path in docs.rglob("*.md")}


def test_a_full_build_indexes_a_shard_before_the_last_record_is_made(tmp_path, monkeypatch, four_shards, demo_pages):
    config, pages = demo_pages
    events: list[str] = []
    made = RecordMaker.record
    monkeypatch.setattr(RecordMaker, "record", lambda self, page: events.append("record") or made(self, page))

    def logged_index(scratch: Path, target: Path) -> bytes:
        events.append("index")
        return listing_index(scratch, target)

    monkeypatch.setattr(search, "write_bundle", logged_index)
    with search.ShardRuns() as runs:
        searched = searched_pages({page: text.encode("utf-8") for page, text in pages.items()}, sorted(pages))
        search.index_pages(tmp_path / "cache", config, pages, sorted(pages), [], True, tmp_path / "bundle", None, runs, searched)
    records = sorted(page_output(page) for page, text in pages.items() if "data-pagefind-body" in text or "\nsearch_body: true\n" in text)
    assert len(records) >= 80  # eight shards of ten
    assert events.count("index") == 8
    assert events.index("index") < len(events) - 1 - events[::-1].index("record")
    for shard, listed in enumerate(shard_lists(tmp_path / "bundle", 8)):
        assert listed == [record for record in records if expected_shard(record, 8) == shard]


def test_records_by_the_fast_path_equal_python_markdowns(demo_pages):
    config, pages = demo_pages
    fast, slow = RecordMaker(config), RecordMaker(config)
    assert fast.permalink is not None  # the site's Markdown set-up is one the fast path reproduces
    slow.permalink = None  # every page through Python-Markdown with the site's extensions
    assert [fast.record(page) for page in pages.values()] == [slow.record(page) for page in pages.values()]
