"""Thai place names stay on one line: the browser's dictionary does not know them and would split them."""

from __future__ import annotations

import re

from thai_lines.thai_lines import keep_together, words_pattern

PATTERN = words_pattern(("เสียมราฐ", "จำปาสัก", "จำปา", "คอบ"))


def test_names_in_text_are_wrapped_and_nothing_else_is_touched():
    page = ('<html><head><title>เสียมราฐ</title></head><body>'
            '<p title="จำปาสัก">ไปจำปาสักและเสียมราฐ</p><svg><text>จำปาสัก</text></svg>'
            '<script src="x.js"></script><code>เสียมราฐ</code><p>อำเภอคอบ</p></body></html>')
    kept = keep_together(page, PATTERN)
    assert kept == ('<html><head><title>เสียมราฐ</title></head><body>'
                    '<p title="จำปาสัก">ไป<span class="nm-nowrap">จำปาสัก</span>และ'
                    '<span class="nm-nowrap">เสียมราฐ</span></p><svg><text>จำปาสัก</text></svg>'
                    '<script src="x.js"></script><code>เสียมราฐ</code><p>อำเภอคอบ</p></body></html>')
    assert re.sub(r"<[^>]+>", "", kept) == re.sub(r"<[^>]+>", "", page), "the text itself is unchanged"


def test_a_year_stays_with_the_word_before_it():
    """Thai style keeps ปี 2567 on one line; the browser would break at the space between them."""
    pattern = words_pattern(("เสียมราฐ",), ("ปี", "พ.ศ."))
    page = "<body><h1>โครงการปี 2566-2568</h1><p>พ.ศ. 2567 ที่เสียมราฐ, ปีนี้, ปี ๒๕๖๗</p></body>"
    assert keep_together(page, pattern) == (
        '<body><h1>โครงการ<span class="nm-nowrap">ปี 2566-2568</span></h1><p><span class="nm-nowrap">พ.ศ. 2567'
        '</span> ที่<span class="nm-nowrap">เสียมราฐ</span>, ปีนี้, <span class="nm-nowrap">ปี ๒๕๖๗</span></p></body>')


def test_thai_pages_keep_the_names_of_the_shipped_content_together(site):
    page = site.soup("articles/first-mekong-river-linkage-seminar.html")
    kept = [span.get_text() for span in page.select("main .nm-nowrap")]
    assert "เสียมราฐ" in kept and "จำปาสัก" in kept, kept
    assert "ปี 2566-2568" in [span.get_text() for span in site.soup("index.html").select("h1 .nm-nowrap")]
    assert "nm-nowrap" not in str(page.title) and not page.select("svg .nm-nowrap")
    assert not any(site.soup(path).select(".nm-nowrap") for path in site.html_pages() if site.lang_of(path) == "en")
