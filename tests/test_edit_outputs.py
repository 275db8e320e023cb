"""An edit rewrites only the whole-site outputs it changed: the others stay hard links to the
published files, and are still what a clean build writes."""

from __future__ import annotations

from generator import build as build_module
from generator.outputs import feeds as feeds_module

from test_build import tree_digest
from test_incremental import clean_build, demo, first_brief  # noqa: F401 (demo is a fixture)


def test_an_edit_leaves_another_actors_feed_linked_and_equal_to_clean(demo, tmp_path, monkeypatch):  # noqa: F811
    site = demo.build()
    brief = first_brief(demo)
    feeds = {path.parent.name: path for path in (site / "actors").glob("*/feed.xml")}
    link = f"briefs/{brief.stem}/"  # an entry's link to the brief's page
    other = next(actor for actor in sorted(feeds) if link not in feeds[actor].read_text())
    own = next(actor for actor in sorted(feeds) if link in feeds[actor].read_text())
    inode_before = feeds[other].stat().st_ino
    brief.write_text(brief.read_text().replace("\n---\n", "\n---\nAn edited first paragraph.\n\n", 1))

    made: list[str] = []
    feed_xml = feeds_module.feed_xml
    monkeypatch.setattr(feeds_module, "feed_xml", lambda *args: made.append(args[3]) or feed_xml(*args))
    site = demo.build()
    monkeypatch.undo()
    assert f"actors/{own}/feed.xml" in made and f"actors/{other}/feed.xml" not in made, "an untouched feed was made again"
    clean = clean_build(demo, tmp_path)
    assert (site / "actors" / other / "feed.xml").stat().st_ino == inode_before, "an untouched feed was written again"
    for actor in (other, own):
        relative = f"actors/{actor}/feed.xml"
        assert (site / relative).read_bytes() == (clean / relative).read_bytes()
    assert "An edited first paragraph." in (site / "actors" / own / "feed.xml").read_text()


def test_a_body_edit_makes_no_data_file_list_or_calendar_and_matches_clean(demo, tmp_path, monkeypatch):  # noqa: F811
    demo.build()
    brief = first_brief(demo)
    brief.write_text(brief.read_text().replace("\n---\n", "\n---\nAn edited first paragraph.\n\n", 1))
    made: list[str] = []
    for name in ("data_files", "write_data_files", "write_calendars", "write_search_lists"):
        original = getattr(build_module, name)
        monkeypatch.setattr(build_module, name, lambda *args, name=name, original=original: made.append(name) or original(*args))
    site = demo.build()
    assert made == []
    retitled = first_brief(demo)
    retitled.write_text(retitled.read_text().replace("title: '", "title: 'Retitled ", 1))
    site = demo.build()
    assert sorted(made) == ["data_files", "write_calendars", "write_data_files", "write_search_lists"]
    monkeypatch.undo()
    assert tree_digest(site) == tree_digest(clean_build(demo, tmp_path))
