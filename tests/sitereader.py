"""Read a built site as a visitor would: pages, their language, and where their links lead."""

from __future__ import annotations

import functools
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

LANGUAGES = ("th", "en")
DEFAULT_LANG = "th"


def shown_text(element) -> str:
    """An element's text as a reader sees it: white space collapsed, none added where inline tags meet.

    (BeautifulSoup's `get_text(" ", strip=True)` puts a space at every tag, so a Thai name kept on one line
    in a `<span>` would read as a separate word.)
    """
    return " ".join(element.get_text().split())


def forwards(path: Path) -> bool:
    """Whether an HTML file only sends the reader to another page (a former address, plugins/moved)."""
    return b'http-equiv="refresh"' in path.read_bytes()[:2000]


class BuiltSite:
    """A folder of built output, with helpers to resolve URLs the way a web server would."""

    def __init__(self, root: Path, origin: str = "http://localhost:8000",
                 languages=LANGUAGES, default_lang=DEFAULT_LANG):
        self.root = Path(root)
        self.origin = origin
        self.languages = languages
        self.default_lang = default_lang

    def html_pages(self) -> list[Path]:
        """Every page of the site, relative to the output folder (not the former addresses' forwarding pages)."""
        return sorted(path.relative_to(self.root) for path in self.root.rglob("*.html") if not forwards(path))

    def forwarding_pages(self) -> list[Path]:
        """The pages at the former website's addresses that send readers on (plugins/moved)."""
        return sorted(path.relative_to(self.root) for path in self.root.rglob("*.html") if forwards(path))

    def lang_of(self, page: Path) -> str:
        """The language a page belongs to, from its folder (`en/...` is English)."""
        first = Path(page).parts[0]
        return first if first in self.languages and first != self.default_lang else self.default_lang

    @functools.cache  # noqa: B019 - one BuiltSite per build, kept for the session
    def soup(self, page: Path | str) -> BeautifulSoup:
        """The parsed HTML of a page."""
        return BeautifulSoup((self.root / page).read_text(encoding="utf-8"), "html.parser")

    def page_url(self, page: Path | str) -> str:
        """The root-relative URL a page is served at."""
        url = "/" + Path(page).as_posix()
        return url[: -len("index.html")] if url.endswith("/index.html") else url

    def url_path(self, url: str, from_page: Path | str | None = None) -> str | None:
        """The root-relative path of an internal URL, or None for an external one."""
        parts = urlsplit(url)
        if parts.scheme in ("mailto", "tel", "data"):
            return None
        if parts.scheme or parts.netloc:
            if f"{parts.scheme}://{parts.netloc}" != self.origin:
                return None
            path = parts.path
        elif url.startswith("/"):
            path = parts.path
        else:
            base = self.page_url(from_page) if from_page else "/"
            path = posixpath.join(posixpath.dirname(base), parts.path) if parts.path else base
        return unquote(posixpath.normpath(path) + ("/" if path.endswith("/") and path != "/" else ""))

    def file_for(self, url: str, from_page: Path | str | None = None) -> Path | None:
        """The output file a URL is served from, or None if the site has no such file."""
        path = self.url_path(url, from_page)
        if path is None:
            return None
        candidate = self.root / path.lstrip("/")
        if path.endswith("/") or candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None

    def page_of(self, url: str, from_page: Path | str | None = None) -> Path | None:
        """Like `file_for`, but relative to the output folder (as `html_pages` lists them)."""
        found = self.file_for(url, from_page)
        return found.relative_to(self.root) if found else None
