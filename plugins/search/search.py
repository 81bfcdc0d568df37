"""search: an offline search index per language (Pagefind), with Thai word segmentation at build time.

When a language's site has been written, Pagefind indexes a copy of each of its searchable pages (one
whose `<main>` carries `data-pagefind-body`): the page without its header, navigation and footer, and,
for a Thai page, a hidden list of search terms from `thai_terms` after a sentinel character. The index
goes to `<its site>/pagefind/`; the published pages never carry the terms. The search page's script cuts
each result's text at the sentinel, so snippets come from the visible text only.
"""

from __future__ import annotations

import atexit
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
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import lxml.html
from pelican import signals

from build_cache import code_version, write_atomically
from multilingual import multilingual, parallel

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
BODY_START = re.compile(r"<body\b[^>]*>")
# The blocks after which Pagefind adds a full stop when their text ends in a letter, a quote or a bracket
# (its `SENTENCE_SELECTORS`), so that snippets read as sentences. Thai has no full stop: a Thai page's
# snippets read "ตำรวจแห่งชาติ. แจ้งเบาะแส". A space at a block's end keeps the full stop out: Pagefind
# looks at the last character only, and turns the spaces into one.
BLOCK_END = re.compile(r"</(?:h[1-6]|p|td|div|ul|li|article|section)>")
SEARCHABLE_MAIN = re.compile(r"<main\b[^>]*\bdata-pagefind-body\b[^>]*>.*?</main>", re.DOTALL)
PAGES_PER_WORKER = 20  # below this, starting worker processes costs more than it saves
STATS: Counter = Counter()  # work done and taken from the cache, logged after each build


# What decides the terms and the index besides the pages: this plugin's code and what it runs. Kept with
# the cache: another version starts from an empty one.
CODE_VERSION = code_version([*(Path(__file__).parent / name for name in ("search.py", "thai_terms.py")),
                             Path(__file__).parent.parent / "content_guard" / "characters.py"],  # what terms drop
                            ["pagefind", "pagefind_bin", "pythainlp", "nlpo3"])


def setting(settings: dict, name: str):
    """A SEARCH_ setting, with its default."""
    return settings.get(name, DEFAULTS[name])


def encode_all(terms: list[str]) -> str:
    """The terms as Pagefind indexes them, HTML-escaped (spelt all at once: spaces are kept as they are)."""
    return html.escape(encode_term(" ".join(terms)))


def end_blocks(html: str) -> str:
    """`html` with a space before the end of each block (BLOCK_END): Pagefind then adds no full stop there."""
    return BLOCK_END.sub(lambda end: " " + end.group(0), html)


def index_copy(text: str, hidden_terms: str = "", segmented: bool = False) -> str | None:
    """What Pagefind is given of a page: the page down to `<body>`, then its `<main>` with the hidden terms.

    None for a page that is not searchable (its `<main>` has no `data-pagefind-body`). The header,
    navigation and footer are left out: Pagefind indexes only `data-pagefind-body` and its metadata is all
    inside it, so it makes the same index from the copy as from the page, while the published page never
    carries the terms (they were 40% of a Thai article's compressed HTML). A `segmented` (Thai) page's
    blocks end with a space, so that Pagefind puts no full stop after them (BLOCK_END).
    """
    body, main = BODY_START.search(text), SEARCHABLE_MAIN.search(text)
    if body is None or main is None:
        return None
    content = text[main.start():main.end() - len(BODY_END)]
    if segmented:
        content = end_blocks(content)
    return f"{text[:body.end()]}{content}{hidden_terms}{BODY_END}</body></html>\n"


def find_searchable(pages: list[Path], segment_languages: list[str]) -> dict[Path, tuple[str, bool]]:
    """The searchable pages, each with the SHA-256 of its HTML and whether it is segmented (its language)."""
    searchable = {}
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if index_copy(text) is not None:
            lang = LANG.search(text)
            searchable[page] = (hashlib.sha256(text.encode("utf-8")).hexdigest(),
                                bool(lang) and lang.group(1) in segment_languages)
    return searchable


def segment_pages(searchable: dict[Path, tuple[str, bool]], cache: dict[str, str], used: dict[str, str]) -> None:
    """Put the hidden terms of each segmented page in `used` (by its hash), from `cache` or made now.

    Pages not in `cache` are segmented on every CPU.
    """
    missing: dict[str, Path] = {}  # hash -> one page with that text
    for page, (key, segmented) in searchable.items():
        if segmented and key not in cache:
            missing.setdefault(key, page)
    STATS["pages segmented"] += len(missing)
    STATS["pages from the cache"] += sum(segmented for _key, segmented in searchable.values()) - len(missing)
    workers = min(os.cpu_count() or 1, len(missing) // PAGES_PER_WORKER)
    if workers > 1:
        load_dictionaries()  # once, here, rather than in every worker
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            blocks = pool.map(terms_block_of_file, list(missing.values()), chunksize=4)
    else:
        blocks = [terms_block_of_file(page) for page in missing.values()]
    fresh = dict(zip(missing, blocks, strict=True))
    for key, segmented in searchable.values():
        if segmented:
            used[key] = fresh[key] if key in fresh else cache[key]


def index_digest(searchable: dict[Path, tuple[str, bool]], root: Path) -> str:
    """A digest of what Pagefind is given: each searchable page's path (from `root`) and HTML, and the code.

    The copies follow from the pages and this plugin's code (the terms included), so the same digest
    means the same index.
    """
    digest = hashlib.sha256(CODE_VERSION.encode())
    for page, (key, _segmented) in sorted(searchable.items()):
        digest.update(page.relative_to(root).as_posix().encode() + b"\0" + key.encode())
    return digest.hexdigest()


def write_index_copies(searchable: dict[Path, tuple[str, bool]], terms: dict[str, str], root: Path,
                       copies: Path) -> None:
    """Write each searchable page's copy (`index_copy`) under `copies`, at its path from `root`."""
    for page, (key, segmented) in searchable.items():
        copy = copies / page.relative_to(root)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(index_copy(page.read_text(encoding="utf-8"), terms.get(key, ""), segmented), encoding="utf-8")


def terms_block_of_file(page: Path) -> str:
    """The hidden block of search terms for one page, read from its file (in a worker process)."""
    return search_terms_block(page.read_text(encoding="utf-8"))


def search_terms_block(text: str) -> str:
    """The hidden block of search terms for one page's HTML ("" when it has no Thai words)."""
    # lxml directly: three times faster than BeautifulSoup over it, and parsing was half the work.
    body = lxml.html.document_fromstring(text).find(".//*[@data-pagefind-body]")
    pieces, alt_texts, headings, weighted = [], [], [], {}
    visible_text(body, pieces, alt_texts, headings, weighted)
    # Pagefind indexes images' alt text too.
    terms = thai_search_terms(" ".join(pieces) + " " + " ".join(alt_texts))
    if not terms:
        return ""
    title_terms = thai_search_terms(headings[0]) if headings else []
    # The title's terms weigh as much as Pagefind weighs an <h1>, so pages about the query rank first; the terms
    # of a part the theme weighs (`data-pagefind-weight`) as much as it says: each term is written once, and
    # Pagefind would otherwise weigh them as any other.
    parts = [(weight, thai_search_terms(" ".join(texts))) for weight, texts in sorted(weighted.items())]
    return (f'<div class="nm-search-terms" hidden aria-hidden="true">{SENTINEL} '
            f'<span data-pagefind-weight="{TITLE_WEIGHT}">{encode_all(title_terms)}</span> '
            + "".join(f'<span data-pagefind-weight="{weight}">{encode_all(found)}</span> '
                      for weight, found in parts if found)
            + f"{encode_all(terms)}</div>\n")


def visible_text(element, pieces: list[str], alt_texts: list[str], headings: list[str],
                 weighted: dict[str, list[str]] | None = None) -> None:
    """Collect the text Pagefind indexes under `element`, in document order, one piece per text node.

    Scripts and `data-pagefind-ignore` parts are left out (the text after them is not); the pieces
    are later joined with spaces, so words in different elements never run together. Images' alt
    texts, each `<h1>`'s text and the text of each element with a `data-pagefind-weight` (by weight, into
    `weighted`) are collected on the side.
    """
    if not isinstance(element.tag, str) or element.tag == "script" or "data-pagefind-ignore" in element.attrib:
        return  # comments, processing instructions, hidden parts
    if element.tag == "img":
        alt_texts.append(element.get("alt", ""))
    start = len(pieces)
    if element.text:
        pieces.append(element.text)
    for child in element:
        visible_text(child, pieces, alt_texts, headings, weighted)
        if child.tail:
            pieces.append(child.tail)
    if element.tag == "h1":
        headings.append(" ".join(pieces[start:]))  # headings do not nest: document order
    if weighted is not None and element.get("data-pagefind-weight"):
        weighted.setdefault(element.get("data-pagefind-weight"), []).append(" ".join(pieces[start:]))


def sort_entry_languages(entry: Path) -> None:
    """Pagefind lists the languages of its entry file in a random order: sort them (reproducible builds)."""
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["languages"] = dict(sorted(data["languages"].items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


@dataclass
class Indexing:
    """A language's index, from `start_index` to `finish_index`: the Pagefind run, if one was started."""

    before: Counter  # the counters when it was started, for the log line
    process: subprocess.Popen | None = None
    copies: tempfile.TemporaryDirectory | None = None  # the pages Pagefind reads, removed once it has finished
    bundle: Path | None = None  # where the bundle is kept in the cache (Pagefind writes `<bundle>.tmp` first)


_INDEXING: dict[str, Indexing] = {}  # by the site's output folder


def start_index(pelican) -> None:
    """Segment this language's pages and start Pagefind on them, once its site is written.

    Each language has its own index, at `<its site>/pagefind/`, built in its own process (see
    multilingual's `parallel`): the English index is built while the Thai pages are still being
    written, and no Pagefind run holds the pages of every language at once. The main site starts its
    index before it waits for the other languages (`parallel.before_waiting`), and Pagefind runs while
    the main process does its last work for every language (photos, the sitemap); `finish_index` waits
    for it. An index from the cache, or the last one in a preview, is put in place here.
    """
    settings = pelican.settings
    site = Path(settings["OUTPUT_PATH"])
    stop(_INDEXING.get(str(site)))  # from an earlier build in this process that failed
    indexing = _INDEXING[str(site)] = Indexing(STATS.copy())
    if not setting(settings, "SEARCH_INDEX") or not site.is_dir():
        return  # no index wanted; or a preview of a few pages (plugins/preview) wrote none in this language
    root = Path(multilingual.output_root())
    others = {site / lang for lang in multilingual.languages() if lang != settings["DEFAULT_LANG"]}
    tops = [entry for entry in sorted(site.iterdir()) if entry not in others and entry.name != "pagefind"]
    pages = sorted(page for top in tops for page in ([top] if top.is_file() else top.rglob("*.html"))
                   if page.suffix == ".html")
    cache_folder = Path(settings["CACHE_PATH"]) / "search"
    searchable = find_searchable(pages, setting(settings, "SEARCH_SEGMENT_LANGUAGES"))
    if settings.get("PREVIEW_ONLY"):
        # A preview of a few pages (plugins/preview): their terms join the cache; the index is left alone.
        in_own_process(prepare_pages, searchable, cache_folder, root, None, True)
        return
    last = sorted((path for path in cache_folder.glob("pagefind-*") if not path.name.endswith(".tmp")),
                  key=lambda path: path.stat().st_mtime)
    # A preview links the last build's index rather than indexing (or even copying) again.
    reused = last[-1] if setting(settings, "SEARCH_REUSE_LAST_INDEX") and last else None
    bundle = cache_folder / f"pagefind-{index_digest(searchable, root)[:24]}"
    shutil.rmtree(site / "pagefind", ignore_errors=True)
    if reused or bundle.is_dir():
        # No index to build: the terms are still brought up to date, for the next build's index.
        in_own_process(prepare_pages, searchable, cache_folder, root, None, False)
        STATS["indexes from the cache"] += 1
        if reused:
            (site / "pagefind").symlink_to(reused.resolve(), target_is_directory=True)
            logger.info("search: preview: the search index is the last build's, without this edit")
        else:
            shutil.copytree(bundle, site / "pagefind")
        return
    # Pagefind runs on the copies, from a folder that mirrors the output root, so result URLs keep the
    # language's prefix (`/en/...`).
    cache_folder.mkdir(parents=True, exist_ok=True)
    indexing.copies = tempfile.TemporaryDirectory(prefix="pages-", dir=cache_folder)
    try:
        in_own_process(prepare_pages, searchable, cache_folder, root, Path(indexing.copies.name), False)
    except BaseException:
        indexing.copies.cleanup()
        raise
    indexing.bundle = bundle
    indexing.process = start_pagefind(Path(indexing.copies.name), bundle)


def prepare_pages(searchable: dict[Path, tuple[str, bool]], cache_folder: Path, root: Path, copies: Path | None,
                  keep_cached: bool) -> None:
    """Segment the pages (or take their terms from the cache), keep the terms, and write the copies for Pagefind.

    The terms kept are those of these pages, or with `keep_cached` those of earlier builds as well (a
    preview of a few pages). Without `copies`, no copy is written (no index is built).
    """
    terms_cache, used = load_terms_cache(cache_folder), {}
    segment_pages(searchable, terms_cache, used)
    save_terms_cache(cache_folder, {**terms_cache, **used} if keep_cached else used)
    if copies is not None:
        write_index_copies(searchable, used, root, copies)


def in_own_process(function, *args) -> None:
    """Run `function(*args)` in a forked process, and add the work it counted to STATS.

    For the segmentation: its dictionaries (137 MB) and every page's terms would otherwise stay held by
    the site's process for the rest of the build, beside Pagefind at its largest; a process that ends
    gives them back.
    """
    receiving, sending = multiprocessing.Pipe(duplex=False)

    def run() -> None:
        before = STATS.copy()
        function(*args)
        sending.send(STATS - before)

    process = multiprocessing.get_context("fork").Process(target=run)
    process.start()
    sending.close()
    try:
        done = receiving.recv()
    except EOFError:  # it failed before sending: its traceback is above
        done = None
    process.join()
    if done is None or process.exitcode != 0:
        raise RuntimeError(f"search: preparing the pages for Pagefind failed (exit {process.exitcode}, above)")
    STATS.update(done)


def stop(indexing: Indexing | None) -> None:
    """Stop a Pagefind run that was never waited for (its build failed), and remove its copies."""
    if indexing is not None and indexing.process is not None:
        if indexing.process.poll() is None:
            indexing.process.kill()
        indexing.process.communicate()
        indexing.copies.cleanup()


@atexit.register
def stop_unfinished_runs() -> None:
    """A build that failed after starting Pagefind (another language failed) leaves no Pagefind running."""
    for indexing in _INDEXING.values():
        stop(indexing)
    _INDEXING.clear()


def finish_index(pelican) -> None:
    """Have this language's index in place: wait for the Pagefind run `start_index` started (or start it now)."""
    site = str(Path(pelican.settings["OUTPUT_PATH"]))
    if site not in _INDEXING:  # a language's own process, or a site built one after another: nothing started
        start_index(pelican)
    indexing = _INDEXING.pop(site)
    if indexing.process is not None:
        try:
            finished = finish_pagefind(indexing.process, indexing.bundle)
        finally:
            indexing.copies.cleanup()
        if not finished:
            return
        shutil.copytree(indexing.bundle, Path(site) / "pagefind")
    if setting(pelican.settings, "SEARCH_INDEX") and not pelican.settings.get("PREVIEW_ONLY"):
        done = STATS - indexing.before
        logger.info("search: %s: %d Thai pages segmented, %d from the cache; %d Pagefind indexes built, %d from "
                    "the cache", pelican.settings["DEFAULT_LANG"], done["pages segmented"],
                    done["pages from the cache"], done["indexes built"], done["indexes from the cache"])


def start_pagefind(pages: Path, bundle: Path) -> subprocess.Popen:
    """Start Pagefind indexing every page under `pages`, into `<bundle>.tmp` (the cache)."""
    for old in bundle.parent.glob("pagefind-*"):  # keep only the latest index
        shutil.rmtree(old, ignore_errors=True)
    staging = bundle.with_name(bundle.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    return subprocess.Popen([sys.executable, "-m", "pagefind", "--site", str(pages), "--output-path", str(staging),
                             "--silent"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish_pagefind(process: subprocess.Popen, bundle: Path) -> bool:
    """Wait for Pagefind; leave out its own interfaces (the theme has its own) and keep the bundle as `bundle`."""
    output, errors = process.communicate()
    if process.returncode != 0:
        logger.error("search: Pagefind failed: %s", (errors or output).strip())
        return False
    staging = bundle.with_name(bundle.name + ".tmp")
    for unused in UNUSED_BUNDLE_FILES:
        (staging / unused).unlink(missing_ok=True)
    sort_entry_languages(staging / "pagefind-entry.json")
    staging.rename(bundle)
    STATS["indexes built"] += 1
    return True


def load_terms_cache(folder: Path) -> dict[str, str]:
    """The search terms of pages seen in earlier builds, by the hash of the page (none from other code)."""
    try:
        saved = json.loads((folder / "terms.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return saved["terms"] if isinstance(saved, dict) and saved.get("version") == CODE_VERSION else {}


def save_terms_cache(folder: Path, cache: dict[str, str]) -> None:
    """Keep the terms for the next build."""
    write_atomically(folder / "terms.json",
                     json.dumps({"version": CODE_VERSION, "terms": cache}, ensure_ascii=False).encode("utf-8"))


def register():
    """Index each language once its pages are written."""
    # The main site's pages are written when its `finalized` begins: its index is started then, before it
    # waits for the other languages; every language's own process indexes at its `finalized`.
    parallel.before_waiting(start_index)
    signals.finalized.connect(finish_index)
