"""Each round pack printed to PDF by Chromium (``page.pdf``, print media, A4): every brief
title of the round is in the PDF's text, each brief starts a page, and no site chrome prints."""

from __future__ import annotations

import io
import re

import pytest

from conftest import PROJECT
from expected_analysis import Reading


pytestmark = pytest.mark.browser
pypdf = pytest.importorskip("pypdf")


def words(text: str) -> str:
    """PDF text with its line breaks and hyphenation undone, quotes made plain, for comparison."""
    text = text.replace("’", "'").replace("‘", "'")
    return " ".join(re.sub(r"-\n", "-", text).split())


def test_every_round_pack_prints_every_brief_title(browser, sample_url):
    reading = Reading(PROJECT / "briefs")
    page = browser.new_page()
    page.emulate_media(media="print")
    for id in reading.registry["rounds"]:
        page.goto(f"{sample_url}rounds/{id}/pack/")
        page.wait_for_load_state("load")
        pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
        pages = [words(p.extract_text()) for p in pdf.pages]
        text = " ".join(pages)
        briefs = reading.round_briefs(id)
        assert briefs
        for brief in briefs:
            title = words(brief["title"])
            assert title in text, (id, title)
            # A page break before each brief: its title starts a page.
            assert any(p.startswith(title) or p.startswith(f"Briefs, oldest first {title}") for p in pages), (id, title)
        assert "Table of contents" not in text and "Last built" not in text
        # Link addresses are printed after their text.
        assert all(source["url"] in text.replace(" ", "") for b in briefs for source in b["sources"] if "url" in source)
    page.close()
