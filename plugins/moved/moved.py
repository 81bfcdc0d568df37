"""moved: the former project website's addresses lead to the pages of this site that tell the same story.

This site is published at the address of the project's former website (nts-mekong.com, 2023-2025), whose
pages other websites still link to: the Mekong-ROK Cooperation Fund, the Mekong Institute, the press. For each
address listed in `content/data/moved.yaml`, a small page is written at that address that sends the reader on
(`<meta http-equiv="refresh">` and a link: no script, and it works on every static host, GitHub Pages
included, which reads no redirect rules). The pages are not listed in the sitemap or the search index.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jinja2
from pelican import signals

from content_guard.content_guard import Problem, content_files, read_header, stop_build
from content_guard.data import RecordCheck, RecordReader, load_once
from multilingual import multilingual

logger = logging.getLogger(__name__)

DEFAULTS = {"MOVED_FILE": "data/moved.yaml"}
FILENAME_PREFIX = "{filename}/"


@dataclass(frozen=True)
class Moved:
    """One former address and the page that replaces it."""

    old_path: str  # as other sites link to it: /en/event-1935/ (percent-encoded if they encoded it)
    target: Path  # the content file, relative to the content folder
    lang: str
    title: str
    target_url: str  # relative to its language's site: articles/project-launch.html

    @property
    def output_file(self) -> str:
        """Where the page is written, relative to the output folder: /en/event-1935/ -> en/event-1935/index.html."""
        return output_file_of(self.old_path)


def output_file_of(old_path: str) -> str:
    """Where the page for a former address is written, relative to the output folder."""
    path = unquote(urlsplit(old_path).path).lstrip("/")
    return path + "index.html" if path.endswith("/") or not path else (
        path if path.endswith(".html") else path + "/index.html")


def own_pages(settings: dict) -> dict[str, Path]:
    """Where this site publishes each article and page (`en/articles/x.html`), from the files' headers."""
    published = {}
    for path, kind in content_files(settings):
        header, _problems = read_header(path, kind)
        if header is None or header.draft or not header.get("slug") or not header.get("lang"):
            continue
        lang = header.get("lang")
        save_as = header.get("save_as") or settings["ARTICLE_SAVE_AS" if kind == "article" else "PAGE_SAVE_AS"].format(
            slug=header.get("slug"), lang=lang)
        published[("" if lang == settings["DEFAULT_LANG"] else f"{lang}/") + save_as] = path
    return published


def moved_file(settings: dict) -> Path:
    """Where the list is: MOVED_FILE under the content folder."""
    return Path(settings["PATH"]) / settings.get("MOVED_FILE", DEFAULTS["MOVED_FILE"])


def load_moved(settings: dict) -> tuple[list[Moved], list[Problem]]:
    """Read and validate the list, once however many checks and sites ask."""
    path = moved_file(settings)
    return load_once("moved", [path], (settings["PATH"],), lambda: _load(path, settings))


def _load(path: Path, settings: dict) -> tuple[list[Moved], list[Problem]]:
    if not path.exists():
        return [], []
    content = Path(settings["PATH"])
    published = own_pages(settings)
    article_address = re.compile(r"(?:[a-z]{2,3}/)?" + re.escape(settings["ARTICLE_SAVE_AS"]).replace(
        re.escape("{slug}"), "[^/]+"))
    reader = RecordReader(path, list(settings["LANGUAGES"]), [])
    found, seen = [], {}
    for number, record, lines, record_line in reader.records():
        check = RecordCheck(reader, f"address {number}", record, lines, record_line)
        check.unknown_fields({"from", "to"})
        count = len(reader.problems)
        old_path, target = str(record.get("from") or "").strip(), str(record.get("to") or "").strip()
        if not old_path.startswith("/") or "//" in old_path or urlsplit(old_path).query:
            check.problem("from", f"`{old_path}` must be the address's path, from the `/` after the site's name: "
                                  "for https://nts-mekong.com/en/event-1935/ write `from: /en/event-1935/`")
        elif {".", ".."} & set(unquote(urlsplit(old_path).path).replace("\\", "/").split("/")):
            # A browser resolves `..` before it asks for the address, so no link can reach such a path as
            # written; and the page written for it would land outside the site's folder.
            check.problem("from", f"`{old_path}` holds `.` or `..` as a folder: write the address as the "
                                  "browser's address bar shows it once opened")
        elif old_path in seen:
            check.problem("from", f"`{old_path}` is listed twice (also address {seen[old_path]}): keep one")
        elif own := published.get(output_file_of(old_path)):
            check.problem("from", f"`{old_path}` is the address of this site's page {own.relative_to(content)}: "
                                  "`from` is the former address, which leads nowhere now, and `to` the file of the "
                                  "page that replaces it. Were the two swapped?")
        elif article_address.fullmatch(unquote(old_path).lstrip("/") + ".html"):
            # The page would be written at …/name/index.html, and the old …/name.html stay "not found".
            check.problem("from", f"`{old_path}` is missing the `.html` that ends this site's article addresses: "
                                  f"write `from: {old_path}.html`")
        seen.setdefault(old_path, number)
        header = None
        if (unquoted := target.strip("“”‘’„")) != target and unquoted.startswith(FILENAME_PREFIX):
            check.problem("to", f"`{target}` is in the quotation marks Word and phones type: write straight quotes, "
                                f"`to: \"{unquoted}\"`")
        elif not target.startswith(FILENAME_PREFIX):
            check.problem("to", f"`{target}` must name the page's file, like a link: "
                                "`to: \"{filename}/articles/2024-01-project-launch-and-reporting-platform.en.md\"`")
        elif not (content / target[len(FILENAME_PREFIX):]).is_file():
            check.problem("to", f"`{target}` names no file: check the folder and the file's name; if the article "
                                "was deleted, point this address at another page, or remove it from the list")
        else:
            relative = Path(target[len(FILENAME_PREFIX):])
            kind = "article" if relative.parts[0] in settings.get("ARTICLE_PATHS", ["articles"]) else "page"
            header, _problems = read_header(content / relative, kind)
            if header is None:
                check.problem("to", f"`{target}` cannot be read: its own message above says why")
            elif header.draft or not header.get("slug") or not header.get("lang"):
                check.problem("to", f"`{target}` is not a published page (a draft, or no Slug or Lang): point this "
                                    "address at another page, or remove it from the list")
                header = None
        if len(reader.problems) == count and header is not None:
            kind = "ARTICLE_URL" if header.kind == "article" else "PAGE_URL"
            url = settings[kind].format(slug=header.get("slug"), lang=header.get("lang"))
            found.append(Moved(old_path, Path(target[len(FILENAME_PREFIX):]), header.get("lang"),
                               header.get("title") or "", url))
    return found, reader.problems


def check_data(settings: dict) -> list[Problem]:
    """content_guard check (CONTENT_CHECKS): every former address names a published page."""
    return load_moved(settings)[1]


def write_moved_pages(pelican) -> None:
    """After every language has written its pages, write one small page at each former address.

    On finalized, after multilingual's (the languages' processes have ended): an address this site's own
    pages already use is refused, not overwritten.
    """
    settings = pelican.settings
    if not multilingual.is_main_site(settings):
        return
    moved, problems = load_moved(settings)
    output = Path(pelican.output_path)
    taken = [Problem(moved_file(settings), 1, f"`{item.old_path}` is the address of a page of this site "
                                              f"({item.output_file}): remove it from the list")
             for item in moved if (output / item.output_file).exists()]
    if problems or taken:
        stop_build(logger, "moved", problems + taken)
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(settings["THEME"]) / "templates"),
                                     autoescape=True)
    template = environment.get_template("moved.html")
    for item in moved:
        target = f"{multilingual.site_url(item.lang)}/{item.target_url}"
        page = output / item.output_file
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(template.render(moved=item, target=target, lang=item.lang,
                                        CONTENT_SECURITY_POLICY=settings.get("CONTENT_SECURITY_POLICY", "")),
                        encoding="utf-8")
    logger.info("moved: %d former addresses lead to their pages", len(moved))


def register():
    """Write the pages once the site is built."""
    signals.finalized.connect(write_moved_pages)
