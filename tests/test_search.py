"""Search: Thai segmentation at build time, the index, and the hidden terms readers never see."""

from __future__ import annotations

import gzip
import json
import re

import pytest
from bs4 import BeautifulSoup
from search.search import SENTINEL, add_search_terms, pagefind_glob, search_terms_block
from search.thai_terms import encode_term, thai_search_terms


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


def test_encoded_terms_keep_prefixes_and_use_latin_letters():
    assert encode_term("การค้า").startswith(encode_term("การ"))
    assert encode_term("ค้ามนุษย์").isascii() and encode_term("ค้ามนุษย์").isalpha()
    assert len({encode_term(c) for c in "กขคงจฉ"}) == 6


def test_only_thai_runs_are_segmented_and_each_term_appears_once():
    terms = thai_search_terms("NTS-Mekong Watch 2567 ชายแดน ชายแดน ชายแดน")
    assert terms.count("ชายแดน") == 1
    assert not any(character.isascii() for term in terms for character in term)


def test_visible_html_is_untouched_and_terms_follow_the_sentinel(tmp_path):
    page = tmp_path / "page.html"
    original = ('<!DOCTYPE html><html lang="th"><body><main data-pagefind-body><h1>ข่าว</h1>'
                '<p>การค้ามนุษย์ตามแนวชายแดน</p><script type="application/ld+json">{"a": "ยาเสพติด"}</script>'
                '</main></body></html>')
    page.write_text(original, encoding="utf-8")
    assert add_search_terms(page, ["th"])
    changed = page.read_text(encoding="utf-8")
    before, added, after = changed.partition('<div class="nm-search-terms" hidden aria-hidden="true">')
    assert before + after.split("</div>\n", 1)[1] == original
    terms = after.split("</div>")[0]
    assert added and after.startswith(SENTINEL) and encode_term("ค้ามนุษย์") in terms
    assert encode_term("ยาเสพติด") not in terms, "script data is not indexed"


def test_english_and_unsearchable_pages_are_left_alone(tmp_path):
    english = tmp_path / "en.html"
    english.write_text('<html lang="en"><main data-pagefind-body><p>Human trafficking</p></main></html>')
    listing = tmp_path / "list.html"
    listing.write_text('<html lang="th"><main><p>การค้ามนุษย์</p></main></html>')
    assert not add_search_terms(english, ["th"]) and not add_search_terms(listing, ["th"])


def test_the_built_site_has_a_search_index_per_language(site):
    # Each language's index is in its own site, and holds that language's pages only, at their own URLs.
    for bundle, lang, prefix in (("pagefind", "th", "/"), ("en/pagefind", "en", "/en/")):
        entry = json.loads((site.root / bundle / "pagefind-entry.json").read_text())
        assert list(entry["languages"]) == [lang]
        assert entry["languages"][lang]["page_count"] > 60
        urls = [json.loads(gzip.decompress(fragment.read_bytes())[len(b"pagefind_dcd"):])["url"]
                for fragment in (site.root / bundle / "fragment").iterdir()]
        assert all(url.startswith(prefix) and not url.startswith("/en/" if lang == "th" else "/th/") for url in urls)
        assert len(urls) == entry["languages"][lang]["page_count"]
    assert site.soup("search.html").select_one("[data-bundle]")["data-bundle"].endswith("/pagefind/pagefind.js")
    assert site.soup("en/search.html").select_one("[data-bundle]")["data-bundle"].endswith("/en/pagefind/pagefind.js")
    thai = site.soup("articles/unodc-cooperation.html").select_one(".nm-search-terms")
    assert thai is not None and thai.has_attr("hidden") and thai.get_text().startswith(SENTINEL)
    assert site.soup("en/articles/unodc-cooperation.html").select_one(".nm-search-terms") is None
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
    nojs = site.soup("search.html").select_one("[data-search-nojs]")
    assert nojs is not None and site.page_of(nojs.a["href"]).name == "sitemap.html"


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

    Each Thai page of the built site, without its terms, is segmented again both ways: the terms are the
    same, and the same as the page carries (which may come from the cache).
    """
    checked = 0
    for page in site.html_pages():
        html = (site.root / page).read_text(encoding="utf-8")
        published = re.search(r'<div class="nm-search-terms".*?</div>\n', html, re.DOTALL)
        if published is None:
            continue
        original = html.replace(published.group(0), "", 1)
        assert search_terms_block(original) == published.group(0), page
        body = BeautifulSoup(original, "lxml").select_one("[data-pagefind-body]")
        for hidden in body.select("script, [data-pagefind-ignore]"):
            hidden.decompose()
        text = body.get_text(" ") + " " + " ".join(image.get("alt", "") for image in body.find_all("img"))
        title = " ".join(encode_term(term) for term in reference_terms(body.find("h1").get_text(" ")))
        terms = " ".join(encode_term(term) for term in reference_terms(text))
        assert BeautifulSoup(published.group(0), "lxml").get_text() == f"{SENTINEL} {title} {terms}\n", page
        checked += 1
    assert checked > 60


def test_a_page_name_pagefind_cannot_select_is_named(tmp_path):
    """Each language's pages are given to Pagefind as a glob of names; a name it cannot hold says so."""
    site = tmp_path / "output"
    (site / "articles").mkdir(parents=True)
    (site / "index.html").write_text("<html></html>")
    (site / "centres.csv").write_text("")
    assert pagefind_glob(site, site, sorted(site.iterdir())) == "{articles/**/*.html,index.html}"
    assert pagefind_glob(tmp_path, site, [site / "articles"]) == "{output/articles/**/*.html}"
    (site / "news{2024}.html").write_text("<html></html>")
    with pytest.raises(ValueError, match=r"cannot index 'news\{2024\}.html': rename it"):
        pagefind_glob(site, site, sorted(site.iterdir()))
