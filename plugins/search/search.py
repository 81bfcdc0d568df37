"""search: an offline search index per language (Pagefind), with Thai word segmentation at build time.

When every language's site has been written, each searchable Thai page (one whose `<main>` carries
`data-pagefind-body`) gets a hidden list of search terms from `thai_terms`, after a sentinel
character, and Pagefind indexes the output folder, one index per `<html lang>`. The search page's
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

from .thai_terms import encode_term, thai_search_terms

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
    """The terms as Pagefind indexes them, HTML-escaped."""
    return html.escape(" ".join(encode_term(term) for term in terms))


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
    final = add_terms_to_pages([page], segment_languages, cache or {}, {} if used is None else used)
    return final[page] != original


def add_terms_to_pages(pages: list[Path], segment_languages: list[str], cache: dict[str, str],
                       used: dict[str, str]) -> dict[Path, str]:
    """Append the hidden search terms to every searchable page; return the final HTML of every page.

    Pages not in `cache` are segmented on every CPU at once: segmentation is most of a cold build's
    search work, and Pelican itself leaves the second core idle.
    """
    texts = {page: page.read_text(encoding="utf-8") for page in pages}
    found = [(page, text, hashlib.sha256(text.encode("utf-8")).hexdigest())
             for page, text in texts.items() if is_searchable(text, segment_languages)]
    missing = [(text, key) for _page, text, key in found if key not in cache]
    STATS["pages segmented"] += len(missing)
    STATS["pages from the cache"] += len(found) - len(missing)
    workers = min(os.cpu_count() or 1, len(missing) // PAGES_PER_WORKER)
    if workers > 1:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            blocks = pool.map(search_terms_block, [text for text, _key in missing], chunksize=4)
    else:
        blocks = [search_terms_block(text) for text, _key in missing]
    fresh = {key: block for (_text, key), block in zip(missing, blocks, strict=True)}
    for page, text, key in found:
        hidden_terms = fresh[key] if key in fresh else cache[key]
        used[key] = hidden_terms
        if hidden_terms:
            texts[page] = text.replace(BODY_END, hidden_terms + BODY_END, 1)
            page.write_text(texts[page], encoding="utf-8")
    return texts


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
    """Segment the Thai pages and run Pagefind, once, after the last (main) site is written."""
    settings = pelican.settings
    if settings["DEFAULT_LANG"] != multilingual.main_language() or not setting(settings, "SEARCH_INDEX"):
        return
    output = Path(settings["OUTPUT_PATH"])
    cache_folder = Path(settings["CACHE_PATH"]) / "search"
    languages = setting(settings, "SEARCH_SEGMENT_LANGUAGES")
    before = STATS.copy()
    terms_cache, used = load_terms_cache(cache_folder), {}
    texts = add_terms_to_pages(sorted(output.rglob("*.html")), languages, terms_cache, used)
    save_terms_cache(cache_folder, used)
    last = sorted((path for path in cache_folder.glob("pagefind-*") if not path.name.endswith(".tmp")),
                  key=lambda path: path.stat().st_mtime)
    shutil.rmtree(output / "pagefind", ignore_errors=True)
    if setting(settings, "SEARCH_REUSE_LAST_INDEX") and last:
        # A preview links the last build's index rather than indexing (or even copying) again.
        STATS["indexes from the cache"] += 1
        (output / "pagefind").symlink_to(last[-1].resolve(), target_is_directory=True)
        logger.info("search: preview: the search index is the last build's, without this edit")
    else:
        # Pagefind reads only the HTML: the same pages make the same index, kept from the last build.
        digest = hashlib.sha256()
        for page, text in texts.items():
            digest.update(page.relative_to(output).as_posix().encode() + b"\0" + text.encode("utf-8"))
        bundle = cache_folder / f"pagefind-{digest.hexdigest()[:24]}"
        if bundle.is_dir():
            STATS["indexes from the cache"] += 1
        elif not run_pagefind(output, bundle):
            return
        shutil.copytree(bundle, output / "pagefind")
    done = STATS - before
    logger.info("search: %d Thai pages segmented, %d from the cache; %d Pagefind indexes built, %d from the "
                "cache", done["pages segmented"], done["pages from the cache"], done["indexes built"],
                done["indexes from the cache"])


def run_pagefind(output: Path, bundle: Path) -> bool:
    """Index the output with Pagefind into `bundle` (the cache), the theme's own interface left out."""
    for old in bundle.parent.glob("pagefind-*"):  # keep only the latest index
        shutil.rmtree(old, ignore_errors=True)
    staging = bundle.with_name(bundle.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(output), "--output-path", str(staging),
                             "--silent"], capture_output=True, text=True, check=False)
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
    """Index after everything is written."""
    # finalized: the main site finishes last, when every language's pages exist.
    signals.finalized.connect(build_index)
