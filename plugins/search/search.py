"""search: an offline search index per language (Pagefind), with Thai word segmentation at build time.

When a language's site has been written, each of its searchable Thai pages (one whose `<main>`
carries `data-pagefind-body`) gets a hidden list of search terms from `thai_terms`, after a sentinel
character, and Pagefind indexes that language's pages into `<its site>/pagefind/`. The search page's
script cuts each result's text at the sentinel, so snippets come from the visible text only.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import lxml.html
from pelican import signals

from multilingual import multilingual

from .thai_terms import encode_term, load_dictionaries, thai_search_terms

logger = logging.getLogger(__name__)

DEFAULTS = {
    "SEARCH_INDEX": True,
    "SEARCH_SEGMENT_LANGUAGES": ["th"],
    # Previews (make serve) link the last index instead of indexing again after every edit.
    "SEARCH_REUSE_LAST_INDEX": False,
}
# Marks where a page's visible text ends and its search terms begin; never typed by readers.
SENTINEL = "\u2042"
BODY_END = "</main>"
TITLE_WEIGHT = 7  # Pagefind's own weight for <h1> text
UNUSED_BUNDLE_FILES = ["pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                       "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js"]
LANG = re.compile(r'<html lang="([a-z-]+)"')
PAGES_PER_WORKER = 20  # below this, starting worker processes costs more than it saves
STATS: Counter = Counter()  # work done and taken from the cache, logged after each build


def setting(settings: dict, name: str):
    """A SEARCH_ setting, with its default."""
    return settings.get(name, DEFAULTS[name])


def encode_all(terms: list[str]) -> str:
    """The terms as Pagefind indexes them, HTML-escaped (spelt all at once: spaces are kept as they are)."""
    return html.escape(encode_term(" ".join(terms)))


def is_searchable(text: str, segment_languages: list[str]) -> bool:
    """Whether a page's text is segmented: searchable, and in one of those languages."""
    lang = LANG.search(text)
    return "data-pagefind-body" in text and bool(lang) and lang.group(1) in segment_languages


def add_search_terms(page: Path, segment_languages: list[str], cache: dict[str, str] | None = None,
                     used: dict[str, str] | None = None) -> bool:
    """Append the hidden search terms to one searchable page; return whether it was changed.

    `cache` maps a hash of the page to its terms: an unchanged page is not parsed or segmented again.
    The terms of this build's pages are put in `used`, the cache of the next build.
    """
    original = page.read_text(encoding="utf-8")
    add_terms_to_pages([page], segment_languages, cache or {}, {} if used is None else used, page.parent)
    return page.read_text(encoding="utf-8") != original


def add_terms_to_pages(pages: list[Path], segment_languages: list[str], cache: dict[str, str],
                       used: dict[str, str], root: Path) -> str:
    """Append the hidden search terms to every searchable page; return a digest of the pages as written.

    The digest covers each page's path (from `root`) and final text: Pagefind reads nothing else, so
    the same digest means the same index. Pages are read one at a time, never all held at once, and
    those not in `cache` are segmented on every CPU.
    """
    keys: dict[Path, str] = {}
    missing: dict[str, Path] = {}  # hash -> one page with that text
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if is_searchable(text, segment_languages):
            keys[page] = key = hashlib.sha256(text.encode("utf-8")).hexdigest()
            if key not in cache:
                missing.setdefault(key, page)
    STATS["pages segmented"] += len(missing)
    STATS["pages from the cache"] += len(keys) - len(missing)
    workers = min(os.cpu_count() or 1, len(missing) // PAGES_PER_WORKER)
    if workers > 1:
        load_dictionaries()  # once, here, rather than in every worker
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            blocks = pool.map(terms_block_of_file, list(missing.values()), chunksize=4)
    else:
        blocks = [terms_block_of_file(page) for page in missing.values()]
    fresh = dict(zip(missing, blocks, strict=True))
    digest = hashlib.sha256()
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if page in keys:
            key = keys[page]
            used[key] = hidden_terms = fresh[key] if key in fresh else cache[key]
            if hidden_terms:
                text = text.replace(BODY_END, hidden_terms + BODY_END, 1)
                page.write_text(text, encoding="utf-8")
        digest.update(page.relative_to(root).as_posix().encode() + b"\0" + text.encode("utf-8"))
    return digest.hexdigest()


def terms_block_of_file(page: Path) -> str:
    """The hidden block of search terms for one page, read from its file (in a worker process)."""
    return search_terms_block(page.read_text(encoding="utf-8"))


def search_terms_block(text: str) -> str:
    """The hidden block of search terms for one page's HTML ("" when it has no Thai words)."""
    # lxml directly: three times faster than BeautifulSoup over it, and parsing was half the work.
    body = lxml.html.document_fromstring(text).find(".//*[@data-pagefind-body]")
    pieces, alt_texts, headings = [], [], []
    visible_text(body, pieces, alt_texts, headings)
    # Pagefind indexes images' alt text too.
    terms = thai_search_terms(" ".join(pieces) + " " + " ".join(alt_texts))
    if not terms:
        return ""
    title_terms = thai_search_terms(headings[0]) if headings else []
    # The title's terms weigh as much as Pagefind weighs an <h1>, so pages about the query rank first.
    return (f'<div class="nm-search-terms" hidden aria-hidden="true">{SENTINEL} '
            f'<span data-pagefind-weight="{TITLE_WEIGHT}">{encode_all(title_terms)}</span> '
            f"{encode_all(terms)}</div>\n")


def visible_text(element, pieces: list[str], alt_texts: list[str], headings: list[str]) -> None:
    """Collect the text Pagefind indexes under `element`, in document order, one piece per text node.

    Scripts and `data-pagefind-ignore` parts are left out (the text after them is not); the pieces
    are later joined with spaces, so words in different elements never run together. Images' alt
    texts and each `<h1>`'s text are collected on the side.
    """
    if not isinstance(element.tag, str) or element.tag == "script" or "data-pagefind-ignore" in element.attrib:
        return  # comments, processing instructions, hidden parts
    if element.tag == "img":
        alt_texts.append(element.get("alt", ""))
    start = len(pieces)
    if element.text:
        pieces.append(element.text)
    for child in element:
        visible_text(child, pieces, alt_texts, headings)
        if child.tail:
            pieces.append(child.tail)
    if element.tag == "h1":
        headings.append(" ".join(pieces[start:]))  # headings do not nest: document order


def sort_entry_languages(entry: Path) -> None:
    """Pagefind lists the languages of its entry file in a random order: sort them (reproducible builds)."""
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["languages"] = dict(sorted(data["languages"].items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def build_index(pelican) -> None:
    """Segment this language's pages and index them with Pagefind, once its site is written.

    Each language has its own index, at `<its site>/pagefind/`, built in its own process (see
    multilingual's `parallel`): the English index is built while the Thai pages are still being
    written, and no Pagefind run holds the pages of every language at once.
    """
    settings = pelican.settings
    if not setting(settings, "SEARCH_INDEX"):
        return
    root = Path(multilingual.output_root())
    site = Path(settings["OUTPUT_PATH"])
    if not site.is_dir():
        return  # a preview of a few pages (plugins/preview) wrote none in this language
    others = {site / lang for lang in multilingual.languages() if lang != settings["DEFAULT_LANG"]}
    tops = [entry for entry in sorted(site.iterdir()) if entry not in others and entry.name != "pagefind"]
    pages = sorted(page for top in tops for page in ([top] if top.is_file() else top.rglob("*.html"))
                   if page.suffix == ".html")
    cache_folder = Path(settings["CACHE_PATH"]) / "search"
    before = STATS.copy()
    terms_cache, used = load_terms_cache(cache_folder), {}
    digest = add_terms_to_pages(pages, setting(settings, "SEARCH_SEGMENT_LANGUAGES"), terms_cache, used, root)
    if settings.get("PREVIEW_ONLY"):
        # A preview of a few pages (plugins/preview): their terms join the cache; the index is left alone.
        save_terms_cache(cache_folder, {**terms_cache, **used})
        return
    save_terms_cache(cache_folder, used)
    last = sorted((path for path in cache_folder.glob("pagefind-*") if not path.name.endswith(".tmp")),
                  key=lambda path: path.stat().st_mtime)
    shutil.rmtree(site / "pagefind", ignore_errors=True)
    if setting(settings, "SEARCH_REUSE_LAST_INDEX") and last:
        # A preview links the last build's index rather than indexing (or even copying) again.
        STATS["indexes from the cache"] += 1
        (site / "pagefind").symlink_to(last[-1].resolve(), target_is_directory=True)
        logger.info("search: preview: the search index is the last build's, without this edit")
    else:
        bundle = cache_folder / f"pagefind-{digest[:24]}"
        if bundle.is_dir():
            STATS["indexes from the cache"] += 1
        elif not run_pagefind(root, pagefind_glob(root, site, tops), bundle):
            return
        shutil.copytree(bundle, site / "pagefind")
    done = STATS - before
    logger.info("search: %s: %d Thai pages segmented, %d from the cache; %d Pagefind indexes built, %d from "
                "the cache", settings["DEFAULT_LANG"], done["pages segmented"], done["pages from the cache"],
                done["indexes built"], done["indexes from the cache"])


GLOB_SPECIAL = re.compile(r"[{}\[\]*?,\\!]")


def pagefind_glob(root: Path, site: Path, tops: list[Path]) -> str:
    """The Pagefind glob (from `root`) of one language's pages: its site's files and folders, by name.

    Pagefind runs from the output root, so result URLs keep the language's prefix (`/en/...`).
    """
    parts = []
    for top in tops:
        relative = top.relative_to(root).as_posix()
        if GLOB_SPECIAL.search(relative):  # Pelican's slugs never have these; a hand-made file might
            raise ValueError(f"search: cannot index {relative!r}: rename it without {{}}[]*?,!\\")
        if top.is_dir():
            parts.append(f"{relative}/**/*.html")
        elif top.suffix == ".html":
            parts.append(relative)
    return "{" + ",".join(parts) + "}"


def run_pagefind(root: Path, glob: str, bundle: Path) -> bool:
    """Index the pages `glob` selects with Pagefind into `bundle` (the cache), the theme's own interface left out."""
    for old in bundle.parent.glob("pagefind-*"):  # keep only the latest index
        shutil.rmtree(old, ignore_errors=True)
    staging = bundle.with_name(bundle.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(root), "--glob", glob,
                             "--output-path", str(staging), "--silent"], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        logger.error("search: Pagefind failed: %s", (result.stderr or result.stdout).strip())
        return False
    for unused in UNUSED_BUNDLE_FILES:  # Pagefind's own interfaces; the theme has its own
        (staging / unused).unlink(missing_ok=True)
    sort_entry_languages(staging / "pagefind-entry.json")
    staging.rename(bundle)
    STATS["indexes built"] += 1
    return True


def load_terms_cache(folder: Path) -> dict[str, str]:
    """The search terms of pages seen in earlier builds, by the hash of the page."""
    try:
        return json.loads((folder / "terms.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def save_terms_cache(folder: Path, cache: dict[str, str]) -> None:
    """Keep the terms for the next build."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "terms.json").write_text(json.dumps(cache, ensure_ascii=False), encoding="utf-8")


def register():
    """Index each language once its pages are written."""
    # finalized: this language's pages are all written (the main site's: after every language's).
    signals.finalized.connect(build_index)
