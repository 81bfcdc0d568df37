"""Search: Thai segmentation at build time, the index, and the hidden terms readers never see."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
import sys

import pytest
import yaml
from bs4 import BeautifulSoup
from invoke.exceptions import Exit
from search.search import SENTINEL, UNUSED_BUNDLE_FILES, end_blocks, find_searchable, index_copy, search_terms_block
from search.thai_terms import encode_term, thai_search_terms

from conftest import ROOT
from sitereader import shown_text


@pytest.mark.parametrize("text, query", [
    ("ศูนย์ประสานงานรับแจ้งเบาะแสการค้ามนุษย์ตามแนวชายแดน", "ค้ามนุษย์"),
    ("ศูนย์ประสานงานรับแจ้งเบาะแสการค้ามนุษย์ตามแนวชายแดน", "การค้ามนุษย์"),
    ("ปัญหาการลักลอบขนยาเสพติดผ่านช่องทางธรรมชาติ", "ยาเสพติด"),
    ("ปัญหาการลักลอบขนยาเสพติดผ่านช่องทางธรรมชาติ", "ลักลอบขน"),
    ("ศูนย์ประสานงานรับแจ้งเบาะแส", "ศูนย์ประสานงาน"),
    ("ศูนย์ประสานงานรับแจ้งเบาะแส", "ประสาน"),
])
def test_words_inside_running_thai_text_are_found_by_prefix(text, query):
    """Pagefind matches a query term as a prefix of an indexed term."""
    assert any(term.startswith(query) for term in thai_search_terms(text))


def test_phrases_are_found_word_by_word():
    terms = thai_search_terms("การหลอกลวงทางออนไลน์และแอปพลิเคชันอันตราย")
    for word in ("หลอกลวง", "ทาง", "ออนไลน์"):
        assert any(term.startswith(word) for term in terms), word


def test_invisible_characters_pasted_inside_thai_words_do_not_hide_them_from_search():
    """Text pasted from a web page or Word carries zero-width spaces: ปลา\u200bบึก was not found by ปลาบึก."""
    # Direction marks (U+200E, U+200F) too, which the content check already counted as invisible.
    pasted = thai_search_terms("มาตร\u200bการเฝ้า\u200eระวังปลา\u200bบึก\u200bทอง\u2060คำ\ufeffในแม่\u200fน้ำ\u00adโขง")
    assert pasted == thai_search_terms("มาตรการเฝ้าระวังปลาบึกทองคำในแม่น้ำโขง")
    for query in ("ปลาบึก", "มาตรการ", "แม่น้ำโขง"):
        assert any(term.startswith(query) for term in pasted), query


def test_encoded_terms_keep_prefixes_and_use_latin_letters():
    assert encode_term("การค้า").startswith(encode_term("การ"))
    assert encode_term("ค้ามนุษย์").isascii() and encode_term("ค้ามนุษย์").isalpha()
    assert len({encode_term(c) for c in "กขคงจฉ"}) == 6


def test_only_thai_runs_are_segmented_and_each_term_appears_once():
    terms = thai_search_terms("NTS-Mekong Watch 2567 ชายแดน ชายแดน ชายแดน")
    assert terms.count("ชายแดน") == 1
    assert not any(character.isascii() for term in terms for character in term)


def test_pagefind_is_given_the_main_content_and_the_hidden_terms():
    page = ('<!DOCTYPE html><html lang="th"><head><title>ข่าว</title></head><body class="x">'
            '<header><nav>เมนูหลัก</nav></header><main id="main" data-pagefind-body><h1>ข่าว</h1>'
            '<p>การค้ามนุษย์ตามแนวชายแดน</p><script type="application/ld+json">{"a": "ยาเสพติด"}</script>'
            '</main><footer>ท้ายหน้า</footer></body></html>')
    terms = search_terms_block(page)
    assert terms.startswith('<div class="nm-search-terms" hidden aria-hidden="true">' + SENTINEL)
    assert encode_term("ค้ามนุษย์") in terms and encode_term("ข่าว") in terms
    assert encode_term("ยาเสพติด") not in terms, "script data is not indexed"
    assert encode_term("เมนูหลัก") not in terms and encode_term("ท้ายหน้า") not in terms, "only <main> is"
    copy = index_copy(page, terms)
    assert copy == ('<!DOCTYPE html><html lang="th"><head><title>ข่าว</title></head><body class="x">'
                    '<main id="main" data-pagefind-body><h1>ข่าว</h1><p>การค้ามนุษย์ตามแนวชายแดน</p>'
                    '<script type="application/ld+json">{"a": "ยาเสพติด"}</script>' + terms + '</main></body></html>\n')


def test_thai_words_of_a_weighted_part_weigh_as_pagefind_would_weigh_them():
    """Each Thai term is written once: a part the theme weighs (the report page's advice) weighed as any other.

    Added advice made the page longer, and a search for ค้ามนุษย์ no longer showed it among the first eight.
    """
    page = ('<html lang="th"><body><main data-pagefind-body><h1>แจ้งเบาะแส</h1>'
            '<div data-pagefind-weight="2"><p>การค้ามนุษย์</p></div><p>ชายแดน</p></main></body></html>')
    terms = search_terms_block(page)
    weighted = re.search(r'<span data-pagefind-weight="2">([^<]*)</span>', terms)
    assert weighted and encode_term("ค้ามนุษย์") in weighted[1] and encode_term("ชายแดน") not in weighted[1]
    assert encode_term("ชายแดน") in terms


def test_english_and_unsearchable_pages_get_no_terms(tmp_path):
    english = tmp_path / "en.html"
    english.write_text('<html lang="en"><body><main data-pagefind-body><p>Human trafficking</p></main></body></html>')
    thai = tmp_path / "th.html"
    thai.write_text('<html lang="th"><body><main data-pagefind-body><p>การค้ามนุษย์</p></main></body></html>')
    listing = tmp_path / "list.html"
    listing.write_text('<html lang="th"><body><main><p>การค้ามนุษย์</p></main></body></html>')
    searchable = find_searchable([english, thai, listing], ["th"])
    assert {page.name: segmented for page, (_key, segmented) in searchable.items()} == {"en.html": False,
                                                                                      "th.html": True}
    assert index_copy(listing.read_text()) is None



def test_a_failure_while_segmenting_stops_the_build(minimal_site, capfd):
    """Segmentation runs in a process of its own; when it fails, the build fails rather than publish no index."""
    minimal_site.build("-e SEARCH_INDEX=true")
    before = (minimal_site.output / "index.html").read_bytes()
    terms = minimal_site.root / "cache" / "search" / "terms.json"
    terms.unlink()
    terms.mkdir()  # the terms can no longer be kept
    with pytest.raises(Exit):
        minimal_site.build("-e SEARCH_INDEX=true")
    printed = "".join(capfd.readouterr())
    assert "IsADirectoryError" in printed and "preparing the pages for Pagefind failed" in printed
    assert (minimal_site.output / "index.html").read_bytes() == before

def index_contents(bundle) -> dict[str, str]:
    """Each page's text as a search index holds it, by the page's path from the output root (`/a/index.html`)."""
    contents = {}
    for fragment in (bundle / "fragment").iterdir():
        data = json.loads(gzip.decompress(fragment.read_bytes())[len(b"pagefind_dcd"):])
        contents[data["url"] + ("index.html" if data["url"].endswith("/") else "")] = data["content"]
    return contents


def test_the_search_page_starts_loading_pagefind_with_the_page(site):
    """Not once search.js has run, a round trip or more later on a slow connection."""
    for page in ("search.html", "en/search.html"):
        soup = site.soup(page)
        bundle = soup.select_one("[data-module=search]")["data-bundle"]
        preloads = [link["href"] for link in soup.find_all("link", rel="modulepreload")]
        assert preloads == [bundle], page  # the very address search.js imports, or it is downloaded twice
        assert site.file_for(bundle).is_file(), page


def test_the_built_site_has_a_search_index_per_language(site):
    # Each language's index is in its own site, and holds that language's pages only, at their own URLs.
    for bundle, lang, prefix in (("pagefind", "th", "/"), ("en/pagefind", "en", "/en/")):
        entry = json.loads((site.root / bundle / "pagefind-entry.json").read_text())
        assert list(entry["languages"]) == [lang]
        assert entry["languages"][lang]["page_count"] > 60
        urls = list(index_contents(site.root / bundle))
        assert all(url.startswith(prefix) and not url.startswith("/en/" if lang == "th" else "/th/") for url in urls)
        assert len(urls) == entry["languages"][lang]["page_count"]
    assert site.soup("search.html").select_one("[data-bundle]")["data-bundle"].endswith("/pagefind/pagefind.js")
    assert site.soup("en/search.html").select_one("[data-bundle]")["data-bundle"].endswith("/en/pagefind/pagefind.js")
    # The Thai terms are in the Thai index, after the sentinel, and never in a published page.
    thai = index_contents(site.root / "pagefind")["/articles/unodc-cooperation.html"]
    assert encode_term("ยาเสพติด") in thai.split(SENTINEL)[1]
    assert SENTINEL not in index_contents(site.root / "en" / "pagefind")["/en/articles/unodc-cooperation.html"]
    for page in site.html_pages():
        assert SENTINEL not in (site.root / page).read_text(encoding="utf-8"), page
    # Lists would drown the results: only pages with their own content are indexed.
    for page in ("sitemap.html", "news/index.html", "404.html", "search.html", "en/sitemap.html"):
        assert not site.soup(page).select_one("[data-pagefind-body]"), page
    for page in ("articles/unodc-cooperation.html", "centres/chiang-khong.html", "videos/index.html",
                 "en/report.html", "en/reports/finale-forum-2024.html"):
        assert site.soup(page).select_one("main[data-pagefind-body]"), page


def test_every_page_has_a_search_box_that_works_without_javascript(site):
    for page in site.html_pages():
        form = site.soup(page).select_one(".nm-header form[role=search]")
        assert form is not None, page
        target = site.page_of(form["action"])
        assert target is not None and target.name == "search.html" and site.lang_of(target) == site.lang_of(page)
        assert form.find("input", attrs={"name": "q", "type": "search"})
        assert site.soup(page).find("label", attrs={"for": form.find("input")["id"]})
    for search_page, prefix in (("search.html", ""), ("en/search.html", "en/")):
        nojs = site.soup(search_page).select_one("[data-search-nojs]")
        assert [site.page_of(link["href"]).as_posix() for link in nojs.find_all("a")] == [
            f"{prefix}centres/index.html", f"{prefix}report.html", f"{prefix}sitemap.html"]


def reference_terms(text: str) -> list[str]:
    """The search terms as plain PyThaiNLP makes them: its newmm in Python, word by word, joined anew."""
    from pythainlp.tokenize import syllable_tokenize, word_tokenize

    terms: dict[str, None] = {}
    for run in re.findall(r"[\u0E01-\u0E4E]+", text):
        words = [word for word in word_tokenize(run, engine="newmm", keep_whitespace=False) if word.strip()]
        for index, word in enumerate(words):
            following = words[index + 1] if index + 1 < len(words) else ""
            pieces = syllable_tokenize(word, engine="dict") or [word]
            for first in range(len(pieces)):
                terms.setdefault("".join(pieces[first:]) + following)
    return list(terms)


def test_the_fast_segmentation_gives_what_plain_pythainlp_gives_on_every_shipped_page(site):
    """nlpO3, lxml and cached suffixes (plugins/search) against PyThaiNLP's newmm and BeautifulSoup.

    Each Thai page of the built site is segmented again both ways: the terms are the same, and the same
    as the Thai index holds for the page after its visible text (they may come from the cache).
    """
    indexed = index_contents(site.root / "pagefind")
    checked = 0
    for page in site.html_pages():
        html = (site.root / page).read_text(encoding="utf-8")
        body = BeautifulSoup(html, "lxml").select_one("main[data-pagefind-body]")
        if body is None or site.lang_of(page) != "th":
            continue
        block = search_terms_block(html)
        for hidden in body.select("script, [data-pagefind-ignore]"):
            hidden.decompose()
        text = body.get_text(" ") + " " + " ".join(image.get("alt", "") for image in body.find_all("img"))
        title = " ".join(encode_term(term) for term in reference_terms(body.find("h1").get_text(" ")))
        by_weight = {}  # the parts the theme weighs (the report page's advice), in the order of their weights
        for part in body.select("[data-pagefind-weight]"):
            by_weight.setdefault(part["data-pagefind-weight"], []).append(part.get_text(" "))
        weighted = "".join(" ".join(encode_term(term) for term in reference_terms(" ".join(texts))) + " "
                           for _weight, texts in sorted(by_weight.items()))
        terms = " ".join(encode_term(term) for term in reference_terms(text))
        assert BeautifulSoup(block, "lxml").get_text() == f"{SENTINEL} {title} {weighted}{terms}\n", page
        # Pagefind ends the text of each block with a full stop.
        assert indexed["/" + page.as_posix()].split(SENTINEL)[1].strip() == f"{title} {weighted}{terms}.", page
        checked += 1
    assert checked > 60


def test_the_index_is_the_one_pagefind_makes_from_the_whole_pages(site, tmp_path):
    """Pagefind is given copies of the pages without header and footer: the same index, byte for byte.

    The reference is what Pagefind makes from the published Thai pages with their terms added (and their
    blocks' ends, see the next test), as the site was built before the copies.
    """
    whole = tmp_path / "whole"
    shutil.copytree(site.root, whole, ignore=shutil.ignore_patterns("en", "pagefind"))
    for page in whole.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if main := re.search(r"<main[^>]*data-pagefind-body.*</main>", html, re.DOTALL):
            ended = end_blocks(main.group(0)).replace("</main>", search_terms_block(html) + "</main>")
            page.write_text(html[:main.start()] + ended + html[main.end():], encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(whole), "--output-path", str(tmp_path / "bundle"),
                    "--silent"], check=True)

    def files(bundle):
        return {path.relative_to(bundle).as_posix(): path.read_bytes() for path in bundle.rglob("*")
                if path.is_file() and path.name not in UNUSED_BUNDLE_FILES and path.name != "pagefind-entry.json"}

    ours, reference = files(site.root / "pagefind"), files(tmp_path / "bundle")
    assert len(ours) > 60 and ours.keys() == reference.keys()
    assert [name for name in ours if ours[name] != reference[name]] == []
    assert (json.loads((site.root / "pagefind/pagefind-entry.json").read_text())
            == json.loads((tmp_path / "bundle/pagefind-entry.json").read_text()))


def test_thai_snippets_have_no_full_stops_the_pages_lack(site):
    """Pagefind ends every block of text with a full stop, so that snippets read as sentences.

    Thai has none: the Thai snippets read "ตำรวจแห่งชาติ. แจ้งเบาะแส" and "(พม.). ไม่มี". The full stops
    Thai pages do have (สปป. ลาว, พ.ศ.) are kept; English snippets keep theirs between blocks.
    """
    checked = 0
    for path, text in index_contents(site.root / "pagefind").items():
        main = site.soup(path.lstrip("/")).find("main").get_text()
        visible = text.split(SENTINEL)[0]
        for stop in re.finditer(r"(\S{1,6})\. ", visible):
            assert stop.group(1) + "." in main, (path, visible[max(0, stop.start() - 30):stop.end() + 10])
            checked += 1
    assert checked > 20  # the abbreviations
    english = index_contents(site.root / "en/pagefind")
    assert sum(text.count(". ") for text in english.values()) > 500


def test_a_label_and_its_value_are_separate_words_in_the_search_index(site):
    """A centre's or report's facts are a list of labels and values (`<dt>`, `<dd>`).

    Written with nothing between them, Pagefind indexed "DistrictChiang Khong ProvinceChiang Rai": the
    snippets showed it so, and "Compiled28" was a word of its own.
    """
    checked = 0
    for bundle in ("pagefind", "en/pagefind"):
        for path, text in index_contents(site.root / bundle).items():
            for label in site.soup(path.lstrip("/")).select("main dt"):
                value = label.find_next_sibling("dd").get_text(" ", strip=True).split()[0]
                assert f"{label.get_text(strip=True)} {value}" in text, (path, label.get_text(strip=True))
                checked += 1
    assert checked > 400  # six facts on each of the 88 centre pages, more on the reports'


def test_every_benchmark_query_is_still_in_the_page_it_should_find(site):
    """Every query of `make bench-search` is in the visible text of the page it should find.

    The benchmark measures recall with queries taken from the pages: an edit of a page's words (a copy review
    took "grassroots" out of an article) turned a query into one no page answers, and English recall
    fell under its target, unnoticed. Each query is in its expected page's visible text, as a reader sees it.
    """
    queries = yaml.safe_load((ROOT / "bench/search-queries.yaml").read_text(encoding="utf-8"))
    missing = []
    for lang, entries in queries.items():
        for entry in entries:
            soup = site.soup(site.page_of(entry["expected"]))
            text = shown_text(soup.find("main")).casefold()
            for part in entry.get("parts", [entry["query"]]):  # parts: two words typed without a space
                if str(part).casefold() not in text:
                    missing.append(f"{lang}: {part!r} not in {entry['expected']}")
    assert sum(map(len, queries.values())) >= 60
    for lang, entries in queries.items():  # a query listed twice counts twice in the figures
        typed = [str(entry["query"]) for entry in entries]
        assert len(typed) == len(set(typed)), (lang, sorted({query for query in typed if typed.count(query) > 1}))
    assert missing == [], "\n".join(missing)
