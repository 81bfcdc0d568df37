"""Former addresses: a link to the project's old website lands on the page that tells the same story."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from invoke.exceptions import Exit
from test_search import index_contents

import tasks
from conftest import ROOT
from webserver import Nginx

MOVED = yaml.safe_load((ROOT / "content/data/moved.yaml").read_text(encoding="utf-8"))


def header_of(relative: str) -> dict[str, str]:
    """The metadata of a content file, as `Field: value` lines (independent of the plugin's own reader)."""
    lines = (ROOT / "content" / relative).read_text(encoding="utf-8").split("\n\n", 1)[0].splitlines()
    return {key.lower(): value.strip() for key, _, value in (line.partition(":") for line in lines)}


def expected_page(relative: str) -> Path:
    """Where the content file's page is published."""
    header = header_of(relative)
    prefix = "en/" if header["lang"] == "en" else ""
    return Path(prefix + (f"articles/{header['slug']}.html" if relative.startswith("articles/")
                          else f"{header['slug']}.html"))


def test_every_former_address_forwards_to_its_page(site):
    assert len(MOVED) >= 15
    for record in MOVED:
        target = expected_page(record["to"].removeprefix("{filename}/"))
        forwarding = site.page_of(record["from"])
        assert forwarding in site.forwarding_pages(), record["from"]
        soup = site.soup(forwarding)
        refresh = soup.find("meta", attrs={"http-equiv": "refresh"})["content"]
        assert refresh.startswith("0; url=") and site.page_of(refresh.removeprefix("0; url=")) == target
        assert site.page_of(soup.find("link", rel="canonical")["href"]) == target
        assert [site.page_of(a["href"]) for a in soup.select("main a")] == [target, target]
        assert soup.html["lang"] == site.lang_of(target)
        assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_former_addresses_stay_out_of_the_sitemap_and_the_search_index(site):
    sitemap = (site.root / "sitemap.xml").read_text(encoding="utf-8")
    for forwarding in site.forwarding_pages():
        assert f"/{forwarding.parent.as_posix()}/" not in sitemap, forwarding
    # Each language's index, read as Pagefind holds it: no forwarding page ("This page has moved") is a result.
    indexed = {unquote(page) for bundle in ("pagefind", "en/pagefind") for page in index_contents(site.root / bundle)}
    assert len(indexed) > 120 and "/articles/unodc-cooperation.html" in indexed
    forwarding = {unquote("/" + page.as_posix()) for page in site.forwarding_pages()}
    assert len(forwarding) >= len(MOVED) and "/en/event-1935/index.html" in forwarding
    assert not forwarding & indexed


@pytest.mark.browser
def test_a_link_to_a_thai_address_of_the_old_site_lands_on_the_article(browser, site):
    """The old Thai addresses are percent-encoded Thai words; the server finds the folder of that name."""
    record = next(record for record in MOVED if record["from"].startswith("/%E0"))
    target = expected_page(record["to"].removeprefix("{filename}/"))
    with Nginx(site.root) as nginx:
        page = browser.new_page()
        response = page.goto(nginx.url + record["from"])
        assert response.status == 200
        page.wait_for_url(nginx.url + "/" + target.as_posix())
        assert page.locator("h1").inner_text() == header_of(record["to"].removeprefix("{filename}/"))["title"]
        page.close()


def run_check(fixture, capsys) -> list[str]:
    capsys.readouterr()
    tasks.check_content(str(fixture.settings_file), content=str(fixture.content), report=True)
    return [line.split("/content/", 1)[1] for line in capsys.readouterr().out.splitlines() if "moved.yaml" in line]


def test_a_wrong_record_is_an_error_naming_the_line_and_fix(minimal_site, capsys):
    (minimal_site.settings_file).write_text(minimal_site.settings_file.read_text()
                                            + 'CONTENT_CHECKS = ["moved.moved:check_data"]\n')
    minimal_site.article("draft-news", "en", "Draft", extra="Status: draft\n")
    minimal_site.write("data/moved.yaml", (
        "- from: https://nts-mekong.com/en/event-1/\n  to: \"{filename}/articles/first-news.en.md\"\n"
        "- from: /en/event-2/\n  to: articles/first-news.en.md\n"
        "- from: /en/event-3/\n  to: \"{filename}/articles/no-such-file.en.md\"\n"
        "- from: /en/event-4/\n  to: \"{filename}/articles/draft-news.en.md\"\n"
        "- from: /en/../../../escaped/\n  to: \"{filename}/articles/first-news.en.md\"\n"
        "- from: /en/%2E%2E/%2e%2e/escaped/\n  to: \"{filename}/articles/first-news.en.md\"\n"
        "- from: /en/event-7/\n  to: \"{filename}/articles/notepad.en.md\"\n"))
    (minimal_site.content / "articles/notepad.en.md").write_bytes("Title: Saved by Notepad\n".encode("utf-16"))
    assert run_check(minimal_site, capsys) == [
        "data/moved.yaml:1: address 1, field `from`: `https://nts-mekong.com/en/event-1/` must be the address's "
        "path, from the `/` after the site's name: for https://nts-mekong.com/en/event-1935/ write "
        "`from: /en/event-1935/`",
        "data/moved.yaml:4: address 2, field `to`: `articles/first-news.en.md` must name the page's file, like a "
        "link: `to: \"{filename}/articles/2024-01-project-launch-and-reporting-platform.en.md\"`",
        "data/moved.yaml:6: address 3, field `to`: `{filename}/articles/no-such-file.en.md` names no file: check "
        "the folder and the file's name; if the article was deleted, point this address at another page, or remove "
        "it from the list",
        "data/moved.yaml:8: address 4, field `to`: `{filename}/articles/draft-news.en.md` is not a published page "
        "(a draft, or no Slug or Lang): point this address at another page, or remove it from the list",
        "data/moved.yaml:9: address 5, field `from`: `/en/../../../escaped/` holds `.` or `..` as a folder: write "
        "the address as the browser's address bar shows it once opened",
        "data/moved.yaml:11: address 6, field `from`: `/en/%2E%2E/%2e%2e/escaped/` holds `.` or `..` as a folder: "
        "write the address as the browser's address bar shows it once opened",
        # Not "not a published page (a draft, or no Slug or Lang)": its own message says what is wrong with it.
        "data/moved.yaml:14: address 7, field `to`: `{filename}/articles/notepad.en.md` cannot be read: its own "
        "message above says why",
    ]


def test_a_renamed_article_listed_the_wrong_way_round_is_told_by_make_check(minimal_site, capsys):
    """A renamed article's old address, listed as staff would get it wrong, is told by `make check`.

    It passed the first two: then the build stopped (the first), or the old address stayed "not found" (the
    second: the page went to .../old-name/index.html). The third was told to write what it had written.
    """
    (minimal_site.settings_file).write_text(minimal_site.settings_file.read_text()
                                            + 'CONTENT_CHECKS = ["moved.moved:check_data"]\n')
    minimal_site.write("data/moved.yaml", (
        "- from: /en/articles/first-news.html\n  to: \"{filename}/articles/first-news.en.md\"\n"
        "- from: /en/articles/old-name\n  to: \"{filename}/articles/first-news.en.md\"\n"
        "- from: /en/event-1/\n  to: “{filename}/articles/first-news.en.md”\n"))
    assert run_check(minimal_site, capsys) == [
        "data/moved.yaml:1: address 1, field `from`: `/en/articles/first-news.html` is the address of this site's "
        "page articles/first-news.en.md: `from` is the former address, which leads nowhere now, and `to` the file "
        "of the page that replaces it. Were the two swapped?",
        "data/moved.yaml:3: address 2, field `from`: `/en/articles/old-name` is missing the `.html` that ends this "
        "site's article addresses: write `from: /en/articles/old-name.html`",
        "data/moved.yaml:6: address 3, field `to`: `“{filename}/articles/first-news.en.md”` is in the quotation "
        'marks Word and phones type: write straight quotes, `to: "{filename}/articles/first-news.en.md"`',
    ]


def test_an_address_the_site_uses_itself_stops_the_build(minimal_site, capfd, monkeypatch):
    monkeypatch.setenv("COLUMNS", "1000")  # the message on one line
    # A page the site makes itself, which no content file's header names (make check tells those).
    minimal_site.write("data/moved.yaml", "- from: /archives.html\n  to: \"{filename}/articles/first-news.en.md\"\n")
    with pytest.raises(Exit):
        minimal_site.build()
    printed = "".join(capfd.readouterr())
    assert "`/archives.html` is the address of a page of this site (archives.html): remove it from the list" in printed
    assert "Traceback" not in printed  # a message for staff, not a Python error
    assert not minimal_site.output.exists()


# Former pages with no counterpart here, as moved.yaml's opening comment says (visits this site has no
# article on, the Director-General's video): sending their readers to another story would mislead them.
NO_COUNTERPART = {"UBON", "CR", "CRTH", "DG"}


def test_every_former_page_the_sources_cite_is_forwarded_or_knowingly_left_out():
    """A page of the former website that the content cites is one that others link to: it must land somewhere."""
    sources = yaml.safe_load((ROOT / "content/data/sources.yaml").read_text(encoding="utf-8"))
    former = {source["key"]: urlsplit(source["url"]).path for source in sources
              if urlsplit(source.get("url", "")).hostname == "nts-mekong.com"}
    assert len(former) >= 20
    forwarded = {record["from"] for record in MOVED}
    assert sorted(key for key, path in former.items() if path not in forwarded) == sorted(NO_COUNTERPART)


def test_a_link_without_quotes_is_told_to_take_them(minimal_site, capsys):
    """`to: {filename}/...` without quotes was blamed on the indentation, which was right."""
    (minimal_site.settings_file).write_text(minimal_site.settings_file.read_text()
                                            + 'CONTENT_CHECKS = ["moved.moved:check_data"]\n')
    minimal_site.write("data/moved.yaml", "- from: /en/event-1/\n  to: {filename}/articles/first-news.en.md\n")
    assert run_check(minimal_site, capsys) == [
        "data/moved.yaml:2: this is not valid YAML: expected <block end>, but found '<scalar>': a value that starts "
        'with `{` is read as a group of fields. Put the whole value in quotes: '
        '`to: "{filename}/articles/first-news.en.md"`']
