"""The release gate: the site as it will be published, served by nginx with the project's configuration.

It is checked for broken links, invalid HTML, what the security policy would block, privacy, weight, headers,
Lighthouse scores, and reproducible builds. Each check is also shown failing on a broken fixture.

Lighthouse reports are saved in test-artifacts/lighthouse/ (CI keeps that folder).
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import brotli
import pytest

import audit
import tasks
from conftest import CSP_LISTENER, ROOT, different_files
from sitereader import BuiltSite
from webserver import Nginx, free_port

pytestmark = pytest.mark.gate

ARTIFACTS = ROOT / "test-artifacts" / "lighthouse"
KEY_PAGES = {  # the pages readers land on most, in both languages
    "home": ["/", "/en/"],
    "article": ["/articles/unodc-cooperation.html", "/en/articles/unodc-cooperation.html"],
    "centre": ["/centres/mueang-nong-khai.html", "/en/centres/mueang-nong-khai.html"],
}
FIRST_LOAD_BUDGET = 100 * 1024  # bytes on the wire, content photos and videos excepted
SECURITY_HEADERS = ("Content-Security-Policy", "Strict-Transport-Security", "X-Content-Type-Options",
                    "Referrer-Policy", "Permissions-Policy")


@contextmanager
def environment(**values):
    """Set environment variables for a build, and restore them."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@pytest.fixture(scope="module")
def gate(tmp_path_factory):
    """The publish build (publishconf.py) for a local address, served by nginx at that address."""
    port = free_port()
    (ARTIFACTS / "scores.txt").unlink(missing_ok=True)
    output = tmp_path_factory.mktemp("gate") / "output"
    with environment(SITEURL=f"http://127.0.0.1:{port}"):
        tasks.build_site(tasks.CONFIG["settings_publish"], output)
    with Nginx(output, port) as nginx:
        nginx.site = BuiltSite(output, origin=nginx.url)
        yield nginx


def test_the_centre_page_used_here_exists(gate):
    for paths in KEY_PAGES.values():
        for path in paths:
            assert audit.fetch(gate.url + path)[0] == 200, path


def test_every_link_resolves(gate):
    reached, problems = audit.crawl(gate.url, ["/", "/en/", "/sitemap.xml", "/robots.txt"])
    assert problems == []
    assert len(reached) > 100


@pytest.mark.parametrize(("home", "lang"), [("/", "th"), ("/en/", "en")])
def test_every_page_is_reachable_from_the_home_page_of_its_language(gate, home, lang):
    """Following only this language's links: the language switcher does not count as a way in."""
    def in_language(path: str) -> bool:
        english = path.startswith("/en/")
        return english if lang == "en" else not english

    reached, _problems = audit.crawl(gate.url, [home], follow=in_language)
    assert audit.unreachable(gate.site.root, reached, in_language) == []
    assert len(reached) > 50


def test_every_page_is_valid_html(gate):
    assert audit.validate_html(audit.html_files(gate.site.root), gate.site.root) == []


def test_no_page_holds_what_the_security_policy_blocks(gate):
    assert audit.static_checks(audit.html_files(gate.site.root), gate.site.root) == []


def first_load(browser, url: str) -> tuple[list, int, list[str]]:
    """Load a page in a fresh browser: (requests as (url, bytes)), bytes outside content media, CSP violations."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script(path=str(CSP_LISTENER))
    page = context.new_page()
    responses = []
    page.on("requestfinished", lambda request: responses.append(request))
    page.goto(url, wait_until="networkidle")
    violations = page.evaluate("window.__cspViolations")
    transferred = []
    for request in responses:
        sizes = request.sizes()
        transferred.append((request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"]))
    context.close()
    budgeted = sum(size for address, size in transferred if not re.search(r"/(images|videos)/", address))
    return transferred, budgeted, violations


@pytest.mark.parametrize("kind", list(KEY_PAGES))
def test_first_load_is_private_light_and_within_the_security_policy(gate, browser, kind):
    for path in KEY_PAGES[kind]:
        transferred, budgeted, violations = first_load(browser, gate.url + path)
        third_party = [address for address, _size in transferred if not address.startswith(gate.url)]
        assert third_party == [], f"{path} contacted other sites"
        assert violations == [], f"{path}: {violations}"
        assert budgeted <= FIRST_LOAD_BUDGET, (
            f"{path}: {budgeted / 1024:.1f} KB on first load: {sorted(transferred, key=lambda item: -item[1])}")


def test_server_headers(gate):
    status, headers, _body = audit.fetch(gate.url + "/en/")
    assert status == 200
    for name in SECURITY_HEADERS:
        assert headers.get(name), name
    assert "geolocation=(self)" in headers["Permissions-Policy"]
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]
    assert headers["Cache-Control"] == "no-cache"
    stylesheet = gate.site.soup("index.html").find("link", rel="stylesheet")["href"]
    assert re.search(r"/site\.[0-9a-f]{10}\.css$", stylesheet)
    assert audit.fetch(stylesheet)[1]["Cache-Control"] == "public, max-age=31536000, immutable"
    # Each language's search index chunks are named by their content: kept a year too.
    for bundle in ("pagefind", "en/pagefind"):
        chunk = next(path for path in (gate.site.root / bundle / "index").iterdir() if path.suffix == ".pf_index")
        chunk_url = f"{gate.url}/{chunk.relative_to(gate.site.root).as_posix()}"
        assert audit.fetch(chunk_url)[1]["Cache-Control"] == "public, max-age=31536000, immutable", chunk_url
    # The pre-compressed copies are what is served.
    for encoding, decode in (("br", brotli.decompress), ("gzip", gzip.decompress)):
        request = urllib.request.Request(stylesheet, headers={"Accept-Encoding": encoding})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == encoding
            assert decode(response.read()) == audit.fetch(stylesheet)[2]
    # A missing page gets the "not found" page of its language, with status 404.
    for path, lang in (("/no-such-page.html", "th"), ("/en/no-such-page.html", "en")):
        status, headers, body = audit.fetch(gate.url + path)
        assert status == 404
        assert f'<html lang="{lang}"' in body.decode()
        assert headers.get("Content-Security-Policy")


def header_lines(text: str) -> dict[str, str]:
    """`Name: value` pairs from the `/*` block of a _headers file, or from nginx `add_header` lines."""
    found = {}
    for name, value in re.findall(r'add_header ([\w-]+) "([^"]*)" always;', text):
        found[name] = value
    block = re.search(r"^/\*\n((?:  .*\n)+)", text, re.MULTILINE)
    for line in (block.group(1).splitlines() if block else []):
        name, _, value = line.strip().partition(": ")
        found[name] = value
    return found


def test_static_host_headers_match_the_nginx_configuration(gate):
    nginx = header_lines((ROOT / "deploy/nginx/security-headers.conf").read_text())
    published = header_lines((gate.site.root / "_headers").read_text())
    for name in SECURITY_HEADERS:
        assert published[name] == nginx[name], name
    assert "/en/*  /en/404.html  404" in (gate.site.root / "_redirects").read_text()


@pytest.mark.parametrize("kind", list(KEY_PAGES))
def test_lighthouse_scores(gate, kind):
    for path in KEY_PAGES[kind]:
        name = f"{kind}-{'en' if path.startswith('/en/') else 'th'}"
        scores = audit.lighthouse(gate.url + path, ARTIFACTS / f"{name}.html")
        with (ARTIFACTS / "scores.txt").open("a", encoding="utf-8") as summary:
            summary.write(f"{name} {path}: {scores}\n")
        assert scores["performance"] >= 95, (path, scores)
        assert scores["accessibility"] == 100, (path, scores)
        assert scores["best-practices"] >= 95, (path, scores)
        assert scores["seo"] == 100, (path, scores)


def test_two_publish_builds_are_byte_identical(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    tasks.build_site(tasks.CONFIG["settings_publish"], first)
    tasks.build_site(tasks.CONFIG["settings_publish"], second)
    assert different_files(first, second) == []
    # Every text file has its pre-compressed copies beside it.
    assert (first / "index.html.gz").exists() and (first / "index.html.br").exists()


# --- The gate fails, naming the page, on each kind of breakage ----------------------------------------


@pytest.fixture(scope="module")
def broken_fixture(tmp_path_factory):
    """A small valid site, built once; each test breaks a copy of its output."""
    from conftest import FixtureSite

    fixture = FixtureSite(tmp_path_factory.mktemp("broken"))
    for lang, title in (("th", "หน้าแรก"), ("en", "Home")):
        fixture.page("home", lang, title, extra="Template: home\nSave_as: index.html\nURL:\n")
        fixture.article("first-news", lang, title + " news", body="Text with a [link](https://example.org/).")
    return fixture.build().root


def break_page(source: Path, destination: Path, page: str, old: str, new: str) -> Path:
    """Copy a built site and replace text in one of its pages."""
    shutil.copytree(source, destination)
    path = destination / page
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return destination


def test_gate_fails_on_a_broken_link(broken_fixture, tmp_path):
    with Nginx(broken_fixture) as nginx:  # (fixture sites have no centres: their menu link is dead already)
        _reached, before = audit.crawl(nginx.url, ["/", "/en/"])
    root = break_page(broken_fixture, tmp_path / "site", "en/articles/first-news.html",
                      "</main>", '<a href="/en/articles/no-such-article.html">More</a></main>')
    with Nginx(root) as nginx:
        _reached, problems = audit.crawl(nginx.url, ["/", "/en/"])
    assert [problem for problem in problems if problem not in before] == [
        "/en/articles/first-news.html: /en/articles/no-such-article.html -> 404"]


def test_gate_fails_on_an_image_without_alt_text(broken_fixture, tmp_path):
    root = break_page(broken_fixture, tmp_path / "site", "articles/first-news.html",
                      "</main>", '<img src="/theme/images/logo.svg" width="10" height="10"></main>')
    page = root / "articles/first-news.html"
    assert audit.static_checks([page], root) == [
        '/articles/first-news.html: <img src="/theme/images/logo.svg"> has no alt attribute']
    [error] = audit.validate_html([page], root)
    assert error.startswith("/articles/first-news.html: line ") and "alt" in error


def test_gate_fails_on_an_inline_script(broken_fixture, tmp_path, browser):
    root = break_page(broken_fixture, tmp_path / "site", "en/index.html",
                      "</main>", "<script>document.title = 'changed';</script></main>")
    assert audit.static_checks(audit.html_files(root), root) == [
        "/en/index.html: inline <script> (blocked by the Content-Security-Policy)"]
    with Nginx(root) as nginx:
        _transferred, _bytes, violations = first_load(browser, nginx.url + "/en/")
    assert len(violations) == 1 and "script-src" in violations[0] and "/en/" in violations[0]


def test_gate_fails_on_an_invalid_element(broken_fixture, tmp_path):
    root = break_page(broken_fixture, tmp_path / "site", "index.html", "</main>", "<ul><div>News</div></ul></main>")
    errors = audit.validate_html(audit.html_files(root), root)
    assert len(errors) == 1
    assert errors[0].startswith("/index.html: line ")
    assert "Element “div” not allowed as child of element “ul”" in errors[0]
