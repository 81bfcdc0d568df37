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


def test_a_number_stays_with_its_count_word_and_a_date_stays_whole():
    """A phone showed "ปรับปรุงเมื่อ 28 | พฤศจิกายน 2569", "44 | อำเภอ" and "ครั้งที่ | 3"."""
    pattern = words_pattern((), ("ปี", "ครั้งที่", "วันที่"), ("อำเภอ", "คน", "ปี"))
    page = ("<body><p>เมื่อ 28 พฤศจิกายน 2569 ใน 44 อำเภอ 17 จังหวัด ครั้งที่ 3 เรื่อง, 5,100 คน, 2 ปี</p>"
            "<p>ระหว่างวันที่ 21 มิถุนายน 10 กรกฎาคม และเดือนมกราคม 2568, ปี 2566-2568, ครั้งที่ 3 ปี 2567</p>"
            "<p>2.5 ปี, 01/02/2567 วัน, 8 ก.ย. 2566, <time>1 มกราคม 2567</time></p></body>")
    kept = re.findall(r'<span class="nm-nowrap">(.*?)</span>', keep_together(page, pattern))
    # 10 is the next date's day, not a year; จังหวัด is not a count word here; เรื่อง begins the next phrase;
    # nothing from inside a decimal or a written date; a <time> is left alone (the theme keeps it whole).
    assert kept == ["28 พฤศจิกายน 2569", "44 อำเภอ", "ครั้งที่ 3", "5,100 คน", "2 ปี", "วันที่ 21 มิถุนายน",
                    "10 กรกฎาคม", "มกราคม 2568", "ปี 2566-2568", "ครั้งที่ 3", "ปี 2567", "8 ก.ย. 2566"]


def test_thai_pages_keep_the_names_of_the_shipped_content_together(site):
    page = site.soup("articles/first-mekong-river-linkage-seminar.html")
    kept = [span.get_text() for span in page.select("main .nm-nowrap")]
    # A name across the border is kept with its kind (แขวง, province), as centres.yaml writes it, or without.
    assert "เสียมราฐ" in kept and "แขวงจำปาสัก" in kept, kept
    page = site.soup("articles/nan-thung-chang-visit.html")  # ไซยะบุรี written without แขวง
    assert "ไซยะบุรี" in [span.get_text() for span in page.select("main .nm-nowrap")]
    assert "ปี 2566-2568" in [span.get_text() for span in site.soup("index.html").select("h1 .nm-nowrap")]
    dates = [span.get_text() for span in site.soup("articles/online-nts-trainings.html").select("main p .nm-nowrap")]
    assert "วันที่ 21 มิถุนายน" in dates and "10 กรกฎาคม" in dates, dates
    # Compounds a phone broke (สาย|ด่วน on the contact page, งบ|ประมาณ on the about page).
    assert "สายด่วน" in [span.get_text() for span in site.soup("contact.html").select("main .nm-nowrap")]
    assert "งบประมาณ" in [span.get_text() for span in site.soup("about.html").select("main .nm-nowrap")]
    assert "nm-nowrap" not in str(page.title) and not page.select("svg .nm-nowrap")
    assert not any(site.soup(path).select(".nm-nowrap") for path in site.html_pages() if site.lang_of(path) == "en")


def test_words_that_begin_with_a_latin_letter_a_bracket_or_a_digit_are_kept_together_too():
    """The pattern skips the characters no word begins with: a word of any first character still counts."""
    pattern = words_pattern(("NTS-Mekong Watch", "(สปป.ลาว)", "3 จังหวัด"), ("ค.ศ.",), ("แห่ง",))
    page = "<body><p>โครงการ NTS-Mekong Watch ใน (สปป.ลาว) 3 จังหวัด 12 แห่ง ค.ศ. 2024</p></body>"
    kept = re.findall(r'<span class="nm-nowrap">(.*?)</span>', keep_together(page, pattern))
    assert kept == ["NTS-Mekong Watch", "(สปป.ลาว)", "3 จังหวัด", "12 แห่ง", "ค.ศ. 2024"]
