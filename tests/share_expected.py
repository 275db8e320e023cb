"""What a page's share tags should say, read straight from the raw brief, registry and config
files (PyYAML, no generator code), and what the built page's <head> does say."""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import yaml

from conftest import front_matter


def _key(name) -> str:
    return unicodedata.normalize("NFC", str(name)).casefold()


def _load(path: Path) -> list[dict]:
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or []) if path.exists() else []


def site_setting(config: Path, key: str) -> str | None:
    """A plain ``key: value`` line of mkdocs.yml (the last one wins, as in YAML)."""
    lines = re.findall(rf"(?m)^{key}:(.*)$", config.read_text(encoding="utf-8"))
    return yaml.safe_load(lines[-1]) if lines else None


class Expected:
    """The registries of a briefs folder, and the share tags each brief file should produce."""

    def __init__(self, briefs: Path, config: Path, site_url: str | None):
        self.site_url = site_url
        self.site_name = site_setting(config, "site_name")
        self.actors = {_key(n): a for a in _load(briefs / "actors.yml") for n in [a["id"], a["name"], *a.get("aliases", [])]}
        self.topics = {_key(n): t for t in _load(briefs / "topics.yml") for n in (t["id"], t["name"])}
        publishers = _load(briefs / "publishers.yml")
        self.publishers = {_key(n): p for p in publishers for n in [p["id"], p["name"], *p.get("aliases", [])]}

    def address(self, path: str) -> dict:
        return {"url": self.site_url + path} if self.site_url else {}

    def brief(self, path: Path) -> tuple[list[tuple[str, str]], dict]:
        """The brief page's <meta property> tags in order, and its JSON-LD."""
        fm = {key: value.strip() if isinstance(value, str) else value for key, value in front_matter(path).items()}
        actors = [self.actors[_key(name)] for name in fm["actors"]]
        topics = [self.topics[_key(name)]["name"] for name in fm.get("topics", [])]
        url = self.address(f"briefs/{path.stem}/")
        modified = str(fm.get("updated", fm["date"]))
        properties = [("og:site_name", self.site_name), ("og:type", "article"), ("og:title", fm["title"]),
                      ("og:description", fm["summary"]), *[("og:url", u) for u in url.values()],
                      ("article:published_time", str(fm["date"])),
                      *([("article:modified_time", modified)] if "updated" in fm else []),
                      *[("article:tag", a["name"]) for a in actors], *[("article:tag", name) for name in topics]]
        article = {
            "@context": "https://schema.org", "@type": "NewsArticle", "headline": fm["title"], "description": fm["summary"],
            "datePublished": str(fm["date"]), "dateModified": modified, **url,
            "about": [{"@type": "Person" if a["type"] == "person" else "Organization", "name": a["name"],
                       **self.address(f"actors/{a['id']}/")} for a in actors],
            **({"keywords": topics} if topics else {}),
            "citation": [self.cited(source) for source in fm["sources"]],
        }
        return properties, article

    def cited(self, source: dict) -> dict:
        registry = self.publishers.get(_key(source["publisher"]))
        publisher = {"@type": "Organization", "name": registry["name"] if registry else source["publisher"]}
        if registry and registry.get("url"):
            publisher["url"] = registry["url"]
        work = {"@type": "CreativeWork", "publisher": publisher}
        work.update({key: source[key] for key in ("title", "url") if source.get(key)})
        if "title" in work:
            work["name"] = work.pop("title")
        if source.get("published"):
            work["datePublished"] = str(source["published"])
        return work


class Head(HTMLParser):
    """A built page (or HTML text): every start tag in order; the <meta property> tags and JSON-LD blocks of its <head>."""

    def __init__(self, page: Path | str):
        super().__init__()
        self.tags: list[str] = []
        self.properties: list[tuple[str, str]] = []
        self.json_ld: list[str] = []
        self._in_head = self._in_ld = False
        self.feed(page.read_text(encoding="utf-8") if isinstance(page, Path) else page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        self._in_head = self._in_head or tag == "head"
        if self._in_head and tag == "meta" and "property" in attrs:
            self.properties.append((attrs["property"], attrs.get("content")))
        if self._in_head and tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        self._in_head = self._in_head and tag != "head"
        self._in_ld = self._in_ld and tag != "script"

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld[-1] += data

    def property(self, name: str) -> list[str]:
        return [content for key, content in self.properties if key == name]
