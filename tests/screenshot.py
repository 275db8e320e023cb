"""The README's picture of a built site (`make screenshot`): its home page at desktop width,
with the header search open, taken by the test suite's browser (tests/site_browser.py).

    python tests/screenshot.py SITE_DIR OUT.png
"""

from __future__ import annotations

import sys
from pathlib import Path

from site_browser import CHROMIUM, DESKTOP, launch, new_page, open_header_search, served, visit

SEARCH_TERM = "prisoners"


def main(site: Path, out: Path) -> int:
    from playwright.sync_api import sync_playwright

    if not (site / "index.html").is_file():
        print(f"{site}: error: no built site here (run `make site` first)", file=sys.stderr)
        return 1
    with sync_playwright() as playwright, served(site) as url:
        browser = launch(playwright)
        if browser is None:
            print(f"{CHROMIUM}: error: Chromium is not installed (apt-get install chromium)", file=sys.stderr)
            return 1
        page = new_page(browser, DESKTOP)
        visit(page, url)
        open_header_search(page, SEARCH_TERM)
        page.mouse.move(0, 0)  # no hover highlight in the picture
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out))
        browser.close()
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        sys.exit(2)
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
