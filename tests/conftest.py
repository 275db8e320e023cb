"""Shared helpers: tiny corpora written to a temporary folder, and a parsed built site."""

from __future__ import annotations

import fcntl
import gzip
import importlib.util
import json
import os
import re
import shutil
import textwrap
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from generator.build import build, check
from generator.publish.cache import SiteCache
from generator.config.options import ENGINES, Options
from site_browser import CHROMIUM, launch, served

PROJECT = Path(__file__).resolve().parent.parent

ACTORS = """\
- id: zelensky
  name: Volodymyr Zelensky
  type: person
  aliases: [Zelenskyy, Зеленський]
- id: umerov
  name: Rustem Umerov
  type: person
  aliases: [Umierov]
- id: medinsky
  name: Vladimir Medinsky
  type: person
- id: ukraine
  name: Ukraine
  type: state
"""

ROUNDS = """\
- id: round-1
  name: Round one
  start: 2025-05-16
  status: held
  participants: [umerov, Medinsky]
- id: round-2
  name: Round two
  start: 2025-06-02
  status: scheduled
"""

TOPICS = """\
- id: prisoners
  name: Prisoners
- id: territory
  name: Territory
"""


def brief_text(
    title: str = "A brief",
    date: str = "2025-05-16",
    actors: str = "[umerov]",
    extra: str = "",
    body: str = "Body text.",
) -> str:
    return (
        f"---\ntitle: {title}\ndate: {date}\nsummary: What happened.\nactors: {actors}\n{extra}"
        f"sources:\n  - publisher: Example Wire\n    url: https://news.example.org/a\n---\n{body}\n"
    )


def front_matter(path: Path) -> dict:
    """A brief's front matter as PyYAML reads it: the tests' own reading, independent of the generator's."""
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n", 2)[1])


class Corpus:
    """A briefs folder under construction: registries plus whatever briefs a test writes."""

    def __init__(self, root: Path, engine: str = Options.engine):
        self.root = root
        self.engine = engine
        self.briefs = root / "briefs"
        self.briefs.mkdir(parents=True)
        self.registry("actors", ACTORS)
        self.registry("rounds", ROUNDS)
        self.registry("topics", TOPICS)
        self.config = root / "mkdocs.yml"
        self.config.write_text(
            (PROJECT / "mkdocs.yml").read_text(encoding="utf-8") + "site_url: https://briefs.example.org/\n",
            encoding="utf-8",
        )

    def registry(self, name: str, text: str) -> Path:
        path = self.briefs / f"{name}.yml"
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.briefs / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def options(self, **changes) -> Options:
        values = dict(briefs_dir=self.briefs, out_dir=self.root / "site", config_file=self.config, engine=self.engine)
        values.update(changes)
        return Options(**values)

    def problems(self):
        return check(self.options()).problems

    def build(self, **changes) -> Path:
        """Build as ``briefing build`` does, reusing the previous build of the same --out."""
        options = self.options(**changes)
        cache = SiteCache(options.out_dir)
        checked = check(options, cache)
        assert not checked.failed(options.strict), [str(p) for p in checked.problems]
        build(options, checked, cache)
        return options.out_dir


def pytest_addoption(parser):
    parser.addoption(
        "--engines", default=os.environ.get("BRIEFING_ENGINES", ",".join(ENGINES)),
        help=f"comma-separated engines the site tests build with (default: $BRIEFING_ENGINES or {','.join(ENGINES)})",
    )


@pytest.fixture(scope="session", params=ENGINES)
def engine(request) -> str:
    """Each engine that builds the site, for the tests that must hold on every engine."""
    name = request.param
    if name not in request.config.getoption("--engines").split(","):
        pytest.skip(f"engine {name} not selected (--engines)")
    if name != "mkdocs" and importlib.util.find_spec(name) is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is missing; CI installs it with pip install -e '.[test,{name}]'")
        pytest.skip(f"{name} not installed (pip install -e '.[{name}]')")
    return name


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    return Corpus(tmp_path)


@pytest.fixture
def engine_corpus(tmp_path: Path, engine: str) -> Corpus:
    """A corpus built by each engine in turn."""
    return Corpus(tmp_path, engine)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.text: list[str] = []
        self.title = ""
        self._in_title = False
        self.attributes: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.attributes.update(name.lower() for name in attrs)
        if tag == "a" and attrs.get("href") is not None:
            self.links.append(attrs["href"])
        if tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        self.text.append(data)


def parse_page(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def article(path: Path) -> str:
    """The page's main content, without nav, header and footer."""
    html = path.read_text(encoding="utf-8")
    start = html.index('<article class="md-content__inner md-typeset">')
    return html[start : html.index("</article>", start)]


def content_links(path: Path) -> list[str]:
    page = _Page()
    page.feed(article(path))
    return page.links


def linked_briefs(page: Path) -> set[str]:
    """Slugs of the briefs a page's main content links to."""
    return {m.group(1) for link in content_links(page) if (m := re.search(r"briefs/([^/]+)/$", link))}


def broken_links(site: Path) -> list[tuple[Path, str]]:
    """Every internal link in the built site that points at no file."""
    broken = []
    for page in site.rglob("*.html"):
        for link in parse_page(page).links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            base = site if parts.path.startswith("/") else page.parent
            target = (base / parts.path.lstrip("/")).resolve()
            if not (target.is_file() or (target / "index.html").is_file()):
                broken.append((page, link))
    return broken


def _build_sample(root: Path, engine: str, **changes) -> Path:
    options = Options(briefs_dir=PROJECT / "briefs", out_dir=root / "site", config_file=PROJECT / "mkdocs.yml", strict=True, engine=engine, **changes)
    checked = check(options)
    assert not checked.failed(strict=True), [str(p) for p in checked.problems]
    build(options, checked)
    return options.out_dir


def shared_folder(tmp_path_factory, name: str, make) -> Path:
    """A folder made once per test run and shared by every pytest-xdist worker: ``make(folder)``
    runs in the first worker that asks, under a file lock; the others wait for it and reuse it.
    Only for what tests read: a test that changes a site builds its own."""
    run_root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        run_root = run_root.parent  # the run's folder, above each worker's own
    folder, done = run_root / f"shared-{name}", run_root / f"shared-{name}.done"
    with open(run_root / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # what a worker that failed half-way left
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory, engine) -> Path:
    """The shipped sample briefs, built once per test run by each engine (tests only read it)."""
    return shared_folder(tmp_path_factory, f"sample-{engine}", lambda root: _build_sample(root, engine)) / "site"


@pytest.fixture(scope="session")
def split_sample_site(tmp_path_factory, engine) -> Path:
    """The sample briefs with index pages split by year past 3 entries: it has year and publisher pages."""
    return shared_folder(
        tmp_path_factory, f"sample-split-{engine}", lambda root: _build_sample(root, engine, split_threshold=3)
    ) / "site"


def pagefind_records(site: Path) -> dict[str, dict]:
    """Every page in the site's Pagefind index, by URL: its text, meta and filters, read
    from the bundle's fragment files (gzip over ``pagefind_dcd`` + JSON)."""
    records = {}
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = json.loads(gzip.decompress(fragment.read_bytes())[len(b"pagefind_dcd") :])
        records[data["url"]] = data
    return records


def header_results(page, term: str) -> list[str]:
    """The paths the header search panel lists once it shows the results for the whole ``term``
    (the panel is redrawn as the reader types, so read it in one step, after it settles)."""
    from urllib.parse import quote

    page.wait_for_function(
        "(q) => { const all = document.querySelector('.bsearch__panel:not([hidden]) .bsearch__all');"
        " return all && all.getAttribute('href').endsWith('?q=' + q); }",
        arg=quote(term, safe="~()*!.'"),
        timeout=30000,
    )
    hrefs = page.eval_on_selector_all(".bsearch__panel a.bsearch-result__link", "links => links.map(a => a.getAttribute('href'))")
    return [urlsplit(href).path for href in hrefs]


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright, one per test module (see tests/site_browser.py)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = launch(playwright)
        if browser is None:
            if os.environ.get("CI"):
                pytest.fail(f"{CHROMIUM} is missing; CI must install Debian's chromium")
            pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def sample_url(sample_site):
    """The sample site served on localhost: its base URL."""
    with served(sample_site) as url:
        yield url


@pytest.fixture(scope="module")
def split_url(split_sample_site):
    with served(split_sample_site) as url:
        yield url
