"""The release gate: the site as it will be published, served by nginx with the project's configuration.

`invoke publish` and `invoke gate` run the tests marked `gate` (`pytest -m gate`) on the very folder they
publish, named by GATE_SITE, whose links point at the public address GATE_SITEURL; the server is local,
so those links are followed through it. Under `make test`, the gate checks a publish build of this commit
instead. That folder is checked for broken links, pages no link leads to, invalid HTML, what the security
policy would block, headers and the pre-compressed copies. A page whose links point at another host
cannot be loaded whole in a browser, so the checks in Chromium (privacy, weight, the policy, Lighthouse)
load a second build of the same commit, for the local server's address; the two differ only in that
address. The rest of the file shows each check failing on a broken copy, and the builds reproducible:
those are tests of the gate, not of a release, and `pytest -m gate` leaves them out.

Lighthouse reports are saved in test-artifacts/lighthouse/ (CI keeps that folder).
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import brotli
import pytest

import audit
import tasks
from conftest import PUBLIC_ORIGIN, ROOT, different_files, watch_security_policy
from sitereader import BuiltSite
from webserver import Nginx, free_port

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


@dataclass
class Served:
    """An output folder served by the local nginx at `url`, built for the address `public_origin`."""

    site: BuiltSite
    url: str
    public_origin: str

    def local(self, address: str) -> str:
        """The local server's URL for an address on the public one."""
        return self.url + address[len(self.public_origin):] if address.startswith(self.public_origin) else address


@pytest.fixture(scope="module")
def published(request):
    """The folder to publish (GATE_SITE) or, under `make test`, a publish build of this commit; served by nginx."""
    folder = os.environ.get("GATE_SITE")
    public_origin = (os.environ.get("GATE_SITEURL") or PUBLIC_ORIGIN).rstrip("/")
    # Either mistake concerns every check: the gate stops with one message rather than failing each.
    if urlsplit(public_origin).path:
        pytest.exit(f"SITEURL is {public_origin}: the site must be published at the root of its address (no path "
                    "after the host), since the server configuration, the 404 pages and the search bundles are "
                    "found from /", returncode=1)
    root = Path(folder) if folder else request.getfixturevalue("published_site").root
    canonical = BuiltSite(root).soup("index.html").find("link", rel="canonical")["href"]
    if canonical != public_origin + "/":
        # A preview build (`make site`: links to localhost) is the likely one: say which command builds for the gate.
        preview = "a preview, as `make site` builds it: run `make publish-build` first, or " \
            if not urlsplit(canonical).hostname or urlsplit(canonical).hostname == "localhost" else ""
        pytest.exit(f"{root} was built for {canonical}, but the gate was told {public_origin}: {preview}build the "
                    "site and run the gate with the same SITEURL", returncode=1)
    with Nginx(root) as nginx:
        yield Served(BuiltSite(root, origin=public_origin), nginx.url, public_origin)


@pytest.fixture(scope="module")
def in_browser(tmp_path_factory):
    """The same commit built for the local nginx's address, whose pages a browser can load whole."""
    port = free_port()
    (ARTIFACTS / "scores.txt").unlink(missing_ok=True)
    output = tmp_path_factory.mktemp("in-browser") / "output"
    with environment(SITEURL=f"http://127.0.0.1:{port}"):
        tasks.build_site(tasks.CONFIG["settings_publish"], output)
    with Nginx(output, port) as nginx:
        yield Served(BuiltSite(output, origin=nginx.url), nginx.url, nginx.url)


@pytest.mark.gate
def test_the_key_pages_used_here_exist(published, in_browser):
    for paths in KEY_PAGES.values():
        for path in paths:
            assert audit.fetch(published.url + path)[0] == 200, path
            assert audit.fetch(in_browser.url + path)[0] == 200, path


@pytest.mark.gate
def test_every_link_resolves(published):
    reached, problems = audit.crawl(published.url, ["/", "/en/", "/sitemap.xml", "/robots.txt"],
                                    public_origin=published.public_origin)
    assert problems == []
    assert len(reached) > 100


@pytest.mark.gate
@pytest.mark.parametrize(("home", "lang"), [("/", "th"), ("/en/", "en")])
def test_every_page_is_reachable_from_the_home_page_of_its_language(published, home, lang):
    """Following only this language's links: the language switcher does not count as a way in."""
    def in_language(path: str) -> bool:
        english = path.startswith("/en/")
        return english if lang == "en" else not english

    reached, _problems = audit.crawl(published.url, [home], public_origin=published.public_origin,
                                     follow=in_language)
    assert audit.unreachable(published.site.root, reached, in_language) == []
    assert len(reached) > 50


@pytest.mark.gate
def test_every_page_is_valid_html(published):
    root = published.site.root
    assert audit.validate_html(audit.html_files(root), root) == []


@pytest.mark.gate
def test_no_page_holds_what_the_security_policy_blocks(published):
    root = published.site.root
    assert audit.static_checks(audit.html_files(root), root) == []


def first_load(browser, url: str) -> tuple[list, int, list[str]]:
    """Load a page in a fresh browser: (requests as (url, bytes)), bytes outside content media, CSP violations."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    violations = watch_security_policy(context)
    page = context.new_page()
    # Every request the page makes, answered or not: a third party this machine cannot reach still counts.
    requests = []
    page.on("request", lambda request: requests.append(request))
    page.goto(url, wait_until="networkidle")
    page.evaluate("0")  # a round trip: the last reports are in
    transferred = []
    for request in requests:
        sizes = request.sizes() if request.response() else {"responseBodySize": 0, "responseHeadersSize": 0}
        transferred.append((request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"]))
    context.close()
    budgeted = sum(size for address, size in transferred if not re.search(r"/(images|videos)/", address))
    return transferred, budgeted, violations


@pytest.mark.gate
@pytest.mark.parametrize("kind", list(KEY_PAGES))
def test_first_load_is_private_light_and_within_the_security_policy(in_browser, browser, kind):
    for path in KEY_PAGES[kind]:
        transferred, budgeted, violations = first_load(browser, in_browser.url + path)
        third_party = [address for address, _size in transferred if not address.startswith(in_browser.url)]
        assert third_party == [], f"{path} contacted other sites"
        assert violations == [], f"{path}: {violations}"
        assert budgeted <= FIRST_LOAD_BUDGET, (
            f"{path}: {budgeted / 1024:.1f} KB on first load: {sorted(transferred, key=lambda item: -item[1])}")


@pytest.mark.gate
def test_server_headers(published):
    status, headers, _body = audit.fetch(published.url + "/en/")
    assert status == 200
    for name in SECURITY_HEADERS:
        assert headers.get(name), name
    assert "geolocation=(self)" in headers["Permissions-Policy"]
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]
    assert headers["Cache-Control"] == "no-cache"
    # The open data and a centre's contact card: a corrected number must not wait a day in the browser's cache.
    vcard = next((published.site.root / "centres").glob("*.vcf")).name
    for address in ("/centres.csv", "/centres.json", f"/centres/{vcard}"):
        assert audit.fetch(published.url + address)[1]["Cache-Control"] == "no-cache", address
    href = published.site.soup("index.html").find("link", rel="stylesheet")["href"]
    assert re.search(r"/site\.[0-9a-f]{10}\.css$", href)
    stylesheet = published.local(href)
    assert audit.fetch(stylesheet)[1]["Cache-Control"] == "public, max-age=31536000, immutable"
    # Each language's search index chunks are named by their content: kept a year too.
    for bundle in ("pagefind", "en/pagefind"):
        chunk = next(path for path in (published.site.root / bundle / "index").iterdir()
                     if path.suffix == ".pf_index")
        chunk_url = f"{published.url}/{chunk.relative_to(published.site.root).as_posix()}"
        assert audit.fetch(chunk_url)[1]["Cache-Control"] == "public, max-age=31536000, immutable", chunk_url
        # Its entry point and worker are not named by content: a browser must ask again, or an old worker
        # would meet a new index after a publish.
        for name in ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json"):
            assert audit.fetch(f"{published.url}/{bundle}/{name}")[1]["Cache-Control"] == "no-cache", name
    # The pre-compressed copies are what is served: of the pages and styles, and of the other text files
    # (the open data's CSV was sent whole, 31 KB instead of 5).
    for address in (stylesheet, f"{published.url}/centres.csv", f"{published.url}/theme/images/logo.svg"):
        for encoding, decode in (("br", brotli.decompress), ("gzip", gzip.decompress)):
            request = urllib.request.Request(address, headers={"Accept-Encoding": encoding})
            with urllib.request.urlopen(request) as response:
                assert response.headers["Content-Encoding"] == encoding, address
                assert decode(response.read()) == audit.fetch(address)[2]
    # Files nginx's own types do not cover: a phone adds a contact card only when it comes as text/vcard.
    for path, kind in (("/centres.csv", "text/csv"), ("/centres/chiang-khong.vcf", "text/vcard"),
                       ("/videos/how-to-report.th.vtt", "text/vtt")):
        status, headers, _body = audit.fetch(published.url + path)
        assert (status, headers["Content-Type"]) == (200, f"{kind}; charset=utf-8"), path
        assert headers.get("Content-Security-Policy"), path
    # A missing page gets the "not found" page of its language, with status 404.
    for path, lang in (("/no-such-page.html", "th"), ("/en/no-such-page.html", "en"), ("/en/centres.csv", "en"),
                       ("/en/no-such-folder/", "en"), ("/images/no-such-photo.jpg", "th"),
                       # a folder that exists without a page of its own: nginx's bare "403 Forbidden" before
                       ("/images/articles/", "th"), ("/en/feeds/", "en")):
        status, headers, body = audit.fetch(published.url + path)
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


@pytest.mark.gate
def test_static_host_headers_match_the_nginx_configuration(published):
    nginx = header_lines((ROOT / "deploy/nginx/security-headers.conf").read_text())
    for_static_hosts = header_lines((published.site.root / "_headers").read_text())
    for name in SECURITY_HEADERS:
        assert for_static_hosts[name] == nginx[name], name
    # These hosts add up every matching rule's headers: a Cache-Control for every file would be added to the
    # year of the hashed files.
    assert "Cache-Control" not in for_static_hosts
    # Hosts that send no headers (GitHub Pages) get the policy from each page; a <meta> policy cannot say
    # frame-ancestors.
    for page in ("index.html", "en/articles/second-mekong-river-linkage-seminar.html", "404.html"):
        meta = published.site.soup(page).find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert meta["content"] + "; frame-ancestors 'none'" == nginx["Content-Security-Policy"], page
    assert "/en/*  /en/404.html  404" in (published.site.root / "_redirects").read_text()


@pytest.mark.gate
def test_every_pre_compressed_copy_is_its_file(published):
    """The server and the static hosts send most readers the .br or .gz copy: a stale one is what they would see."""
    root = published.site.root
    stale = []
    for copy in sorted([*root.rglob("*.br"), *root.rglob("*.gz")]):
        decode = brotli.decompress if copy.suffix == ".br" else gzip.decompress
        original = copy.with_suffix("")
        if not original.is_file() or decode(copy.read_bytes()) != original.read_bytes():
            stale.append(copy.relative_to(root).as_posix())
    assert stale == []
    assert (root / "index.html.br").exists() and (root / "en/index.html.gz").exists()


def search_fragments(root: Path) -> dict[str, str]:
    """Each page's entry in a Pagefind bundle (its text and metadata), by URL."""
    fragments = {}
    for path in (root / "fragment").iterdir():
        text = gzip.decompress(path.read_bytes()).decode("utf-8").removeprefix("pagefind_dcd")
        fragments[json.loads(text)["url"]] = text
    return fragments


@pytest.mark.gate
def test_the_build_checked_in_the_browser_differs_from_the_published_one_only_in_its_address(published, in_browser):
    """What the browser checks load stands for the published folder: the same files, but for the address."""
    def for_local(data: bytes) -> bytes:
        public, local = urlsplit(published.public_origin), urlsplit(in_browser.url)
        return (data.replace(published.public_origin.encode(), in_browser.url.encode())
                .replace(f"tag:{public.hostname},".encode(), f"tag:{local.hostname},".encode()))  # Atom entry ids

    def files(root: Path) -> set[str]:
        return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()
                and path.suffix not in (".br", ".gz") and "pagefind" not in path.relative_to(root).parts}

    ours, theirs = published.site.root, in_browser.site.root
    assert files(ours) == files(theirs)
    assert [name for name in sorted(files(ours))
            if for_local((ours / name).read_bytes()) != (theirs / name).read_bytes()] == []
    for bundle in ("pagefind", "en/pagefind"):  # the index names its files by their content: compare the pages
        entries = {url: for_local(text.encode()).decode() for url, text in search_fragments(ours / bundle).items()}
        assert entries == search_fragments(theirs / bundle), bundle


@pytest.mark.gate
@pytest.mark.parametrize("kind", list(KEY_PAGES))
def test_lighthouse_scores(in_browser, kind):
    for path in KEY_PAGES[kind]:
        name = f"{kind}-{'en' if path.startswith('/en/') else 'th'}"
        scores = audit.lighthouse(in_browser.url + path, ARTIFACTS / f"{name}.html")
        with (ARTIFACTS / "scores.txt").open("a", encoding="utf-8") as summary:
            summary.write(f"{name} {path}: {scores}\n")
        assert scores["performance"] >= 95, (path, scores)
        assert scores["accessibility"] == 100, (path, scores)
        assert scores["best-practices"] >= 95, (path, scores)
        assert scores["seo"] == 100, (path, scores)


def test_lighthouse_that_cannot_run_fails_even_beside_an_earlier_report(tmp_path, monkeypatch):
    """The report of an earlier run passed for this one's when Lighthouse could not start: old scores, no failure."""
    report = tmp_path / "home-th.html"
    (tmp_path / "home-th.report.json").write_text(json.dumps({"categories": {"seo": {"score": 1}}}))
    monkeypatch.setattr(audit, "LIGHTHOUSE", Path("/bin/false"))
    with pytest.raises(AssertionError, match="Lighthouse failed"):
        audit.lighthouse("http://127.0.0.1:9/", report)


def test_a_second_publish_build_is_byte_identical(published, tmp_path):
    """Reproducible: the folder the gate checked is what any build of this commit makes."""
    second = tmp_path / "second"
    tasks.build_site(tasks.CONFIG["settings_publish"], second)
    assert different_files(published.site.root, second) == []
    # Every text file has its pre-compressed copies beside it.
    assert (second / "index.html.gz").exists() and (second / "index.html.br").exists()


def gate_on(folder: Path, siteurl: str) -> subprocess.CompletedProcess:
    """The gate's link check on a folder, run as `invoke gate` and `invoke publish` run the gate."""
    return tasks.run_gate(folder, siteurl, ["-k", "test_every_link_resolves"], capture_output=True, text=True)


def test_the_gate_checks_the_folder_it_is_given(published, tmp_path):
    """The gate on GATE_SITE passes, and fails on a link broken in that folder alone."""
    passed = gate_on(published.site.root, published.public_origin)
    assert passed.returncode == 0 and "1 passed" in passed.stdout, passed.stdout[-3000:]
    broken = break_page(published.site.root, tmp_path / "site", "en/articles/unodc-cooperation.html", "</main>",
                        f'<a href="{published.public_origin}/en/articles/no-such-article.html">More</a></main>')
    failed = gate_on(broken, published.public_origin)
    assert failed.returncode == 1
    assert "/en/articles/unodc-cooperation.html: /en/articles/no-such-article.html -> 404" in failed.stdout


def test_the_gate_on_a_preview_build_says_to_build_for_publishing(site, published):
    """`make gate` after `make site` (links to localhost) said only "build ... with the same SITEURL"."""
    preview = gate_on(site.root, published.public_origin)
    assert preview.returncode == 1
    assert "a preview, as `make site` builds it: run `make publish-build` first" in preview.stdout, preview.stdout


def test_the_gate_refuses_a_folder_built_for_another_address_or_below_a_path(published):
    wrong = gate_on(published.site.root, "https://staging.example.org")
    assert wrong.returncode == 1
    assert (f"{published.site.root} was built for {published.public_origin}/, but the gate was told "
            "https://staging.example.org: build the site and run the gate with the same SITEURL") in wrong.stdout
    below = gate_on(published.site.root, "https://example.org/nts-mekong")
    assert below.returncode == 1
    assert "SITEURL is https://example.org/nts-mekong: the site must be published at the root" in below.stdout


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


def test_gate_fails_when_the_html_checker_cannot_run(broken_fixture, tmp_path, monkeypatch):
    """A checker that never ran (its jar missing, or killed for memory) must not pass the pages as valid."""
    root = break_page(broken_fixture, tmp_path / "site", "index.html", "</main>", "<ul><div>News</div></ul></main>")
    monkeypatch.setattr(audit, "VNU_JAR", tmp_path / "no-such-vnu.jar")
    with pytest.raises(RuntimeError, match="did not run"):
        audit.validate_html(audit.html_files(root), root)
