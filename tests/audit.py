"""The release gate's checks, as functions that return problems naming the page.

test_gate.py runs them on the real site, and on broken fixtures where each must be seen to fail.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from conftest import CHROMIUM
from sitereader import forwards

ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CSS_URL = re.compile(r"""url\(["']?([^"')]+)["']?\)""")
# Attributes that make the browser fetch something, or lead the reader somewhere.
LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "video": "poster",
                   "track": "src", "iframe": "src", "form": "action", "audio": "src"}


def fetch(url: str) -> tuple[int, dict, bytes]:
    """GET a URL: status, headers, body (errors included)."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "identity"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def links_of(html: str, page_url: str) -> set[str]:
    """Every URL a page links to or loads (href, src, srcset, poster, action), made absolute."""
    soup = BeautifulSoup(html, "html.parser")
    found = set()
    for name, attribute in LINK_ATTRIBUTES.items():
        for element in soup.find_all(name):
            if element.get(attribute):
                found.add(element[attribute])
    for element in soup.find_all(srcset=True):
        found.update(candidate.strip().split()[0] for candidate in element["srcset"].split(",") if candidate.strip())
    for element in soup.find_all(attrs={"data-bundle": True}):  # the search page's Pagefind bundle
        found.add(element["data-bundle"])
    return {urljoin(page_url, url).split("#")[0] for url in found
            if not url.startswith(("mailto:", "tel:", "data:", "javascript:"))}


def crawl(base: str, start_paths: list[str], public_origin: str | None = None,
          follow: Callable[[str], bool] = lambda path: True) -> tuple[set[str], list[str]]:
    """Follow every internal link from the start pages through the server.

    Returns the paths of the HTML pages reached and the problems: `page: URL -> status`. URLs on
    `public_origin` (the published absolute address) are fetched from `base` instead. Only links whose
    path satisfies `follow` are followed (e.g. one language's pages).
    """
    origins = {urlsplit(base).netloc} | ({urlsplit(public_origin).netloc} if public_origin else set())
    queue = deque((base + path, "(start)") for path in start_paths)
    seen: set[str] = set()
    pages: set[str] = set()
    problems = []
    while queue:
        url, referrer = queue.popleft()
        parts = urlsplit(url)
        if parts.netloc not in origins or parts.scheme not in ("http", "https"):
            continue
        if referrer != "(start)" and not follow(parts.path or "/"):
            continue
        local = base + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        if local in seen:
            continue
        seen.add(local)
        status, headers, body = fetch(local)
        if status != 200:
            problems.append(f"{referrer}: {parts.path} -> {status}")
            continue
        kind = headers.get("Content-Type", "")
        if kind.startswith("text/html"):
            pages.add(parts.path)
            queue.extend((link, parts.path) for link in sorted(links_of(body.decode("utf-8"), url)))
        elif kind.startswith("text/css"):
            queue.extend((urljoin(url, ref), parts.path) for ref in CSS_URL.findall(body.decode("utf-8"))
                         if not ref.startswith("data:"))
    return pages, problems


def html_files(root: Path) -> list[Path]:
    """Every HTML page of an output folder."""
    return sorted(root.rglob("*.html"))


def unreachable(root: Path, reached: set[str], belongs: Callable[[str], bool] = lambda path: True) -> list[str]:
    """Pages of the output (those `belongs` picks) that no followed link led to (404 pages excepted)."""
    missing = []
    for path in html_files(root):
        relative = "/" + path.relative_to(root).as_posix()
        if not belongs(relative) or forwards(path):  # a former address: reached from other websites
            continue
        url = relative[: -len("index.html")] if relative.endswith("/index.html") else relative
        if path.name != "404.html" and url not in reached and relative not in reached:
            missing.append(f"{relative}: not reachable by links from the home page")
    return missing


def validate_html(files: list[Path], root: Path) -> list[str]:
    """The Nu Html Checker's errors, as `page: line: message`."""
    if not shutil.which("java"):
        raise RuntimeError("the release gate's HTML checker needs Java: apt-get install default-jre-headless "
                           "(.ci/packages installs it)")
    result = subprocess.run(["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json",
                             *map(str, files)], capture_output=True, text=True, check=False)
    # 0: valid, 1: errors found; anything else (a crash, a process killed for memory) checked nothing.
    if result.returncode not in (0, 1) or '"messages"' not in result.stderr:
        raise RuntimeError(f"the Nu Html Checker did not run (exit {result.returncode}): {result.stderr[-500:]}")
    messages = json.loads(result.stderr)["messages"]
    problems = []
    for message in messages:
        page = Path(urlsplit(message.get("url", "")).path).relative_to(root.resolve())
        problems.append(f"/{page.as_posix()}: line {message.get('lastLine', '?')}: {message['message']}")
    return problems


def static_checks(files: list[Path], root: Path) -> list[str]:
    """What the Content-Security-Policy would block, and images without alt text, read from the files."""
    problems = []
    for path in files:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        page = "/" + path.relative_to(root).as_posix()
        for script in soup.find_all("script"):
            if not script.get("src") and script.get("type") != "application/ld+json":
                problems.append(f"{page}: inline <script> (blocked by the Content-Security-Policy)")
        if soup.find("style"):
            problems.append(f"{page}: <style> element (blocked by the Content-Security-Policy)")
        for element in soup.find_all(style=True):
            problems.append(f"{page}: style attribute on <{element.name}> (blocked by the Content-Security-Policy)")
        for element in soup.find_all(True):
            if any(name.startswith("on") for name in element.attrs):
                problems.append(f"{page}: event handler attribute on <{element.name}> (blocked by the CSP)")
        for image in soup.find_all("img"):
            if not image.has_attr("alt"):
                problems.append(f"{page}: <img src=\"{image.get('src')}\"> has no alt attribute")
    return problems


def lighthouse(url: str, report: Path) -> dict[str, int]:
    """Run Lighthouse (mobile settings) on one URL; save its HTML report; return the four scores."""
    report.parent.mkdir(parents=True, exist_ok=True)
    data_file = report.with_suffix("").with_name(report.stem + ".report.json")
    # A report left by an earlier run would pass for this one's when Lighthouse cannot start (a Node upgrade,
    # Chromium timing out under load): the gate passed on old scores.
    data_file.unlink(missing_ok=True)
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", "--output=html", f"--output-path={report.with_suffix('')}",
         "--only-categories=performance,accessibility,best-practices,seo", "--quiet",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
        # The Node that npm installed Lighthouse with (from nvm too), then the system's.
        capture_output=True, text=True, check=False,
        env={"CHROME_PATH": CHROMIUM, "PATH": f"{Path(shutil.which('node') or '/usr/bin/node').parent}:/usr/bin:/bin",
             "HOME": str(report.parent)})
    assert data_file.exists(), f"Lighthouse failed on {url}: {result.stderr[-2000:]}"
    data = json.loads(data_file.read_text())
    return {name: round((category["score"] or 0) * 100) for name, category in data["categories"].items()}
