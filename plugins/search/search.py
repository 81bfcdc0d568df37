"""search: an offline search index per language (Pagefind), with Thai word segmentation at build time.

When every language's site has been written, each searchable Thai page (one whose `<main>` carries
`data-pagefind-body`) gets a hidden list of search terms from `thai_terms`, after a sentinel
character, and Pagefind indexes the output folder, one index per `<html lang>`. The search page's
script cuts each result's text at the sentinel, so snippets come from the visible text only.
"""

from __future__ import annotations

import html
import json
import logging
import re
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup
from pelican import signals

from multilingual import multilingual

from .thai_terms import encode_term, thai_search_terms

logger = logging.getLogger(__name__)

DEFAULTS = {
    "SEARCH_INDEX": True,
    "SEARCH_SEGMENT_LANGUAGES": ["th"],
}
# Marks where a page's visible text ends and its search terms begin; never typed by readers.
SENTINEL = "\u2042"
BODY_END = "</main>"
TITLE_WEIGHT = 7  # Pagefind's own weight for <h1> text
UNUSED_BUNDLE_FILES = ["pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                       "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js"]
LANG = re.compile(r'<html lang="([a-z-]+)"')


def setting(settings: dict, name: str):
    """A SEARCH_ setting, with its default."""
    return settings.get(name, DEFAULTS[name])


def encode_all(terms: list[str]) -> str:
    """The terms as Pagefind indexes them, HTML-escaped."""
    return html.escape(" ".join(encode_term(term) for term in terms))


def add_search_terms(page: Path, segment_languages: list[str]) -> bool:
    """Append the hidden search terms to one searchable page; return whether it was changed."""
    text = page.read_text(encoding="utf-8")
    lang = LANG.search(text)
    if "data-pagefind-body" not in text or not lang or lang.group(1) not in segment_languages:
        return False
    body = BeautifulSoup(text, "html.parser").select_one("[data-pagefind-body]")
    for hidden in body.select("script, [data-pagefind-ignore]"):
        hidden.decompose()
    # Pagefind indexes images' alt text too.
    alt_texts = " ".join(image.get("alt", "") for image in body.find_all("img"))
    terms = thai_search_terms(body.get_text(" ") + " " + alt_texts)
    if not terms:
        return False
    heading = body.find("h1")
    title_terms = thai_search_terms(heading.get_text(" ")) if heading else []
    # The title's terms weigh as much as Pagefind weighs an <h1>, so pages about the query rank first.
    hidden_terms = (f'<div class="nm-search-terms" hidden aria-hidden="true">{SENTINEL} '
                    f'<span data-pagefind-weight="{TITLE_WEIGHT}">{encode_all(title_terms)}</span> '
                    f"{encode_all(terms)}</div>\n")

    page.write_text(text.replace(BODY_END, hidden_terms + BODY_END, 1), encoding="utf-8")
    return True


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
    languages = setting(settings, "SEARCH_SEGMENT_LANGUAGES")
    changed = sum(add_search_terms(page, languages) for page in sorted(output.rglob("*.html")))
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(output), "--silent"],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        logger.error("search: Pagefind failed: %s", (result.stderr or result.stdout).strip())
        return
    for unused in UNUSED_BUNDLE_FILES:  # Pagefind's own interfaces; the theme has its own
        (output / "pagefind" / unused).unlink(missing_ok=True)
    sort_entry_languages(output / "pagefind" / "pagefind-entry.json")
    logger.info("search: segmented %d Thai pages and indexed %s with Pagefind", changed, output)


def register():
    """Index after everything is written."""
    # finalized: the main site finishes last, when every language's pages exist.
    signals.finalized.connect(build_index)
