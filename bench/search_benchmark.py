"""Search benchmark: recall, precision at 1 and bytes per query, ours against plain Pagefind.

Builds the site with the project's full configuration, then runs every query of
bench/search-queries.yaml in headless Chromium:
- "ours": through the real search page (/search.html or /en/search.html), as a reader types it;
- "plain Pagefind": the same site indexed by Pagefind without the Thai search terms, queried through
  Pagefind's own API and ranking.
Prints recall (the expected page is among the results), precision at 1 (it is the first result), and
the bytes the browser downloads for a query after the search page has loaded.

Run: make bench-search   (or .venv/bin/python bench/search_benchmark.py)
"""

from __future__ import annotations

import functools
import gzip
import http.server
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import quote, urlsplit

import yaml
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]

import tasks  # noqa: E402


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serve files without logging."""

    def log_message(self, format, *args):  # noqa: A002
        """Say nothing."""


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve a folder on a free local port."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def plain_copy(output: Path, destination: Path) -> Path:
    """The same site indexed by Pagefind alone, without the Thai search terms (published pages have none)."""
    shutil.copytree(output, destination)
    for bundle in (destination / "pagefind", destination / "en" / "pagefind"):  # ours, one per language
        shutil.rmtree(bundle)
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(destination), "--silent"], check=True)
    return destination


def path_of(url: str) -> str:
    """The root-relative path of a result URL."""
    return urlsplit(url).path


def transfer_size(request) -> int:
    """Bytes a production server sends: text files gzip-compressed (as every host does, and as the
    published site ships them), Pagefind's index files as they are (already compressed).
    """
    body = request.response().body()
    if urlsplit(request.url).path.endswith((".js", ".json", ".css", ".html")):
        return len(gzip.compress(body, 9)) + 300  # plus headers
    return len(body) + 300


def run_ours(browser, base: str, query: str, lang: str) -> tuple[list[str], int]:
    """Type the query on the real search page; return result paths and bytes downloaded for it."""
    page = browser.new_page()
    page.goto(f"{base}{'/en' if lang == 'en' else ''}/search.html")
    page.wait_for_load_state("networkidle")
    downloaded = []
    page.on("requestfinished", lambda request: downloaded.append((transfer_size(request), path_of(request.url))))
    page.fill("[data-search-input]", query)
    # A locator, not wait_for_function: the page's security policy forbids the eval() that a string needs.
    page.locator("[data-search-status]").filter(has_text=re.compile(r"\d|“")).wait_for()
    page.wait_for_load_state("networkidle")
    hrefs = page.eval_on_selector_all(".nm-search__title a", "els => els.map(e => e.href)")
    results = [path_of(href) for href in hrefs]
    page.close()
    return results, downloaded


def run_plain(browser, base: str, query: str, lang: str) -> list[str]:
    """Query Pagefind's API directly, in its own order."""
    page = browser.new_page()
    page.goto(f"{base}{'/en' if lang == 'en' else ''}/search.html")
    urls = page.evaluate("""async (query) => {
        const pagefind = await import('/pagefind/pagefind.js');
        const search = await pagefind.search(query);
        const data = await Promise.all(search.results.map(r => r.data()));
        return data.map(d => d.url);
    }""", query)
    page.close()
    return [path_of(url) for url in urls]


def summarise(name: str, rows: list[tuple[str, str, list[str]]]) -> dict:
    """Recall and precision at 1 of one engine on one language's queries."""
    found = sum(expected in results for _query, expected, results in rows)
    first = sum(bool(results) and results[0] == expected for _query, expected, results in rows)
    return {"name": name, "queries": len(rows), "recall": found / len(rows), "p_at_1": first / len(rows),
            "misses": [query for query, expected, results in rows if expected not in results],
            "not_first": [query for query, expected, results in rows if expected in results and results[0] != expected]}


def main() -> None:
    """Build, query, print."""
    queries = yaml.safe_load((ROOT / "bench/search-queries.yaml").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as work:
        output = Path(work) / "output"
        tasks.build_site(tasks.CONFIG["settings_base"], output)
        plain = plain_copy(output, Path(work) / "plain")
        ours_server, ours_base = serve(output)
        plain_server, plain_base = serve(plain)
        table, byte_counts = [], {"th": [], "en": []}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=tasks.CONFIG["chromium"],
                                                 args=["--no-sandbox", "--disable-gpu"])
            for lang, key in (("th", "thai"), ("en", "english")):
                ours_rows, plain_rows = [], []
                for entry in queries[key]:
                    expected = quote(entry["expected"], safe="/")
                    results, downloaded = run_ours(browser, ours_base, entry["query"], lang)
                    byte_counts[lang].append((sum(size for size, _path in downloaded), entry["query"], downloaded))
                    ours_rows.append((entry["query"], expected, results))
                    plain_rows.append((entry["query"], expected, run_plain(browser, plain_base, entry["query"], lang)))
                table.append((lang, summarise("ours", ours_rows), summarise("plain Pagefind", plain_rows)))
            browser.close()
        ours_server.shutdown()
        plain_server.shutdown()
    print(f"{'language':<9}{'queries':>8}  {'recall (ours / plain)':>24}  {'precision@1 (ours / plain)':>28}")
    for lang, ours, plain in table:
        print(f"{lang:<9}{ours['queries']:>8}  {ours['recall']:>11.1%} / {plain['recall']:<10.1%}  "
              f"{ours['p_at_1']:>13.1%} / {plain['p_at_1']:<12.1%}")
    for lang, counts in byte_counts.items():
        totals = sorted(total for total, _query, _files in counts)
        print(f"{lang}: bytes transferred per query after the search page loaded (text gzip-compressed): "
              f"median {statistics.median(totals) / 1000:.1f} KB, max {totals[-1] / 1000:.1f} KB")
        total, query, files = sorted(counts)[len(counts) // 2]
        largest = sorted(files, reverse=True)[:6]
        parts = ", ".join(f"{Path(path).suffix or path} {size / 1000:.1f}" for size, path in largest)
        print(f"   typical query {query!r}: {total / 1000:.1f} KB ({parts} ...)")
    for lang, ours, _plain in table:
        if ours["misses"] or ours["not_first"]:
            print(f"{lang}: not found: {ours['misses']}; found but not first: {ours['not_first']}")


if __name__ == "__main__":
    main()
