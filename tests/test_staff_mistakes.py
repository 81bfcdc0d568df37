"""Mistakes the communications staff make, found by working through the README as they do.

Each one was silent, misleading or a Python traceback before: here each prints one line that names the
file, the line, the field and the fix, as `make check` shows it, and an error stops the build.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from invoke.exceptions import Exit
from PIL import Image
from test_centres import VALID
from test_check import GOOD_HEADER, lines_about, run_check
from test_media import REPORT_RECORD, make_pdf
from test_sources import SOURCES_YAML

import tasks
from centres.records import load_centres
from conftest import ROOT
from media.records import load_reports

# name: (file, text, exact lines `make check` prints about that file, besides the untranslated warning)
HEADER_MISTAKES = {
    "a date known to the month, with no day it was written": (
        "articles/unwritten.en.md", GOOD_HEADER.format(slug="unwritten") + "Date_known: month\n\nText.\n",
        ["unwritten.en.md:6: Date_known needs a `Written:` line, the day you wrote the text (e.g. `Written: "
         "2026-11-27`): feeds and link previews give that day as the day the article was published, not a day of "
         "the event that no source gives"]),
    "the day written as how much of the date is known": (
        "articles/known.en.md", GOOD_HEADER.format(slug="known") + "Date_known: 15\n\nText.\n",
        ["known.en.md:6: Date_known `15` is not one of `month` or `year` (how much of the Date the sources give: "
         "`Date_known: month` shows December 2023; remove the line when the day is known)"]),
    # Read as two lines, the second "not a `Field: value` line", which the editor shows as one.
    "a line break pasted into the title": (
        "articles/pasted.en.md", GOOD_HEADER.format(slug="pasted").replace("Title: News", "Title: News from\x0bLoei")
        + "\nText.\n",
        ["pasted.en.md:1: this line holds an invisible character (U+000B, a line break pasted from Word or "
         "PowerPoint), which the site's feeds cannot hold: delete it (where the text seems to run on, or between "
         "two words), or retype the line"]),
    "a blank line before the metadata": (
        "articles/blank.en.md", "\n" + GOOD_HEADER.format(slug="blank") + "\nText.\n",
        ["blank.en.md:1: the file starts with a blank line, so the site reads no metadata: delete it, so that the "
         "`Title:` line is the first line of the file"]),
    "a space before the colon": (
        "articles/spaced.en.md", GOOD_HEADER.format(slug="spaced").replace("Lang: en", "Lang : en") + "\nText.\n",
        ["spaced.en.md:3: `Lang :` has a space before the colon, so the line is not read as metadata: write "
         "`Lang: en`"]),
    "a full-width colon": (
        "articles/wide.en.md", GOOD_HEADER.format(slug="wide").replace("Category: news", "Category：news")
        + "\nText.\n",
        ["wide.en.md:5: `Category：` has a full-width colon `：`, which is not the colon the site reads, so the line "
         "is not read as metadata: write `Category: news`"]),
    "a field line indented": (
        "articles/indented.en.md", GOOD_HEADER.format(slug="indented").replace("Lang: en", "    Lang: en")
        + "\nText.\n",
        ["indented.en.md:3: this line starts with spaces, so it is read as the rest of the `Slug:` line above: "
         "remove the spaces before `Lang:`"]),
    "the language's name instead of its code": (
        "articles/named.th.md", GOOD_HEADER.format(slug="named").replace("Lang: en", "Lang: ไทย") + "\nText.\n",
        ["named.th.md:3: Lang `ไทย` is the language's name: write its code, `Lang: th`"]),
    "the category's Thai label instead of its key": (
        "articles/label.th.md", GOOD_HEADER.format(slug="label").replace("Lang: en", "Lang: th")
        .replace("Category: news", "Category: กิจกรรม") + "\nText.\n",
        ["label.th.md:5: Category `กิจกรรม` is not one of `news`, `activities`, `impact-stories` (did you mean "
         "`activities`?)"]),
    "a date written day first, Buddhist Era": (
        "articles/thai-date.en.md", GOOD_HEADER.format(slug="thai-date").replace("2024-01-15", "15/01/2567 9.30")
        + "\nText.\n",
        ["thai-date.en.md:4: Date `15/01/2567 9.30` is not a date the site reads: write it `Date: 2024-01-15 09:30` "
         "(the year first, then the month and the day, each with two digits)"]),
    "a date with the Thai month's name, in Thai digits": (
        "articles/thai-month.en.md", GOOD_HEADER.format(slug="thai-month").replace("2024-01-15", "๕ มี.ค. ๖๗ 10.30 น.")
        + "\nText.\n",
        ["thai-month.en.md:4: Date `๕ มี.ค. ๖๗ 10.30 น.` is not a date the site reads: write it "
         "`Date: 2024-03-05 10:30` (the year first, then the month and the day, each with two digits)"]),
    "a date with a two-digit Buddhist Era year, as Thai forms write it": (
        "articles/short-be.en.md", GOOD_HEADER.format(slug="short-be").replace("2024-01-15", "19/03/67")
        + "\nText.\n",
        ["short-be.en.md:4: Date `19/03/67` is not a date the site reads: write it `Date: 2024-03-19` (the year "
         "first, then the month and the day, each with two digits)"]),
    "a date with a two-digit Gregorian year": (
        "articles/short-ad.en.md", GOOD_HEADER.format(slug="short-ad").replace("2024-01-15", "19/03/24")
        + "\nText.\n",
        ["short-ad.en.md:4: Date `19/03/24` is not a date the site reads: write it `Date: 2024-03-19` (the year "
         "first, then the month and the day, each with two digits)"]),
    "a date with a time zone, as a calendar exports it": (
        "articles/zoned.en.md", GOOD_HEADER.format(slug="zoned").replace("2024-01-15", "2024-03-19T02:30:00Z")
        + "\nText.\n",
        ["zoned.en.md:4: Date `2024-03-19T02:30:00Z` has a time zone, which the site does not read: write it "
         "`Date: 2024-03-19 09:30`, the same moment in the site's time (Asia/Bangkok)"]),
    "a time that does not exist": (
        "articles/late.en.md", GOOD_HEADER.format(slug="late").replace("2024-01-15", "2024-01-15 25:00") + "\nText.\n",
        # Not "write it `Date: 2024-01-15 25:00`", the very value written.
        ["late.en.md:4: Date `2024-01-15 25:00` is not a date: write it as `Date: 2024-01-15` or `2024-01-15 10:00` "
         "(Gregorian year)"]),
    "a date with the English month's name": (
        "articles/english-month.en.md", GOOD_HEADER.format(slug="english-month").replace("2024-01-15", "March 5, 2024")
        + "\nText.\n",
        ["english-month.en.md:4: Date `March 5, 2024` is not a date the site reads: write it `Date: 2024-03-05` "
         "(the year first, then the month and the day, each with two digits)"]),
    "a template's name in capitals": (
        "articles/template.en.md", GOOD_HEADER.format(slug="template") + "Template: Page\n\nText.\n",
        ["template.en.md:6: Template `Page` is not a template of the theme (theme/templates/): write "
         "`Template: page`, or delete the line for an ordinary page"]),
    "a date without its zeros": (
        "articles/short-date.en.md", GOOD_HEADER.format(slug="short-date").replace("2024-01-15", "2024-1-5")
        + "\nText.\n",
        ["short-date.en.md:4: Date `2024-1-5` is not a date the site reads: write it `Date: 2024-01-05` (the year "
         "first, then the month and the day, each with two digits)"]),
    "a date in the future": (
        "articles/later.en.md", GOOD_HEADER.format(slug="later").replace("2024-01-15", "2099-01-15") + "\nText.\n",
        ["later.en.md:4: Date `2099-01-15` is in the future (today is {today}): the site would publish the file "
         "now, with that date, first in every list. Write the date it happened or was last changed; to hold the "
         "file back, add `Status: draft`"]),
    "a last change before the article's date": (
        "articles/updated.en.md", GOOD_HEADER.format(slug="updated") + "Modified: 2023-01-15\n\nText.\n",
        ["updated.en.md:6: Modified `2023-01-15` is before Date `2024-01-15`: the page would say it was updated "
         "before it was written. Write the day you last changed it (or the Date), or check the year"]),
    "the day an article was written before the event it is about": (
        "articles/written.en.md", GOOD_HEADER.format(slug="written") + "Written: 2023-11-27\n\nText.\n",
        ["written.en.md:6: Written `2023-11-27` is before Date `2024-01-15`: Date is the day of the event the "
         "article is about, Written the day its text was written, after it. Check the year, or remove the Written "
         "line if the text was written on the day"]),
    "the day an article was written in the Buddhist Era": (
        "articles/written-be.en.md", GOOD_HEADER.format(slug="written-be") + "Written: 2569-11-27\n\nText.\n",
        ["written-be.en.md:6: Written `2569-11-27` has a Buddhist Era year: write the Gregorian year (2026); the "
         "site shows B.E. in Thai itself"]),
    "a last change before the day the text was written": (
        "articles/rewritten.en.md",
        GOOD_HEADER.format(slug="rewritten") + "Written: 2026-11-27\nModified: 2025-01-01\n\nText.\n",
        ["rewritten.en.md:7: Modified `2025-01-01` is before Written `2026-11-27`: the page would say it was "
         "updated before it was written. Write the day you last changed it (or the same day as Written), or check "
         "the year"]),
    "an invisible character copied after the category": (
        "articles/zw-category.en.md", GOOD_HEADER.format(slug="zw-category").replace("news\n", "news\u200b\n")
        + "\nText.\n",
        # Not also "is not one of `news`, ... (did you mean `news`?)" and "differs from its translation".
        ["zw-category.en.md:5: Category `news` looks right, but it holds an invisible character (U+200B, copied "
         "with the text) after `news`: retype it as `Category: news`"]),
    "an invisible character copied into the language": (
        "articles/zw-lang.en.md", GOOD_HEADER.format(slug="zw-lang").replace("Lang: en", "Lang: \ufeffen")
        + "\nText.\n",
        ["zw-lang.en.md:3: Lang `en` looks right, but it holds an invisible character (U+FEFF, copied with the "
         "text) at the start: retype it as `Lang: en`"]),
    "a non-breaking space between the date and the time": (
        "articles/nbsp-date.en.md", GOOD_HEADER.format(slug="nbsp-date").replace("2024-01-15", "2024-01-15\u00a009:30")
        + "\nText.\n",
        # Not "is not a date the site reads: write it `Date: 2024-01-15 09:30`", what the writer sees already.
        ["nbsp-date.en.md:4: Date `2024-01-15 09:30` looks right, but it holds a non-breaking space (U+00A0, copied "
         "with the text) after `2024-01-15`: retype it as `Date: 2024-01-15 09:30`"]),
    "a slug written with capitals and underscores": (
        "articles/capitals.en.md", GOOD_HEADER.format(slug="Bueng_Kan_Visit") + "\nText.\n",
        ["capitals.en.md:2: Slug `Bueng_Kan_Visit` must be lower-case English letters, digits and hyphens, for "
         "example `Slug: bueng-kan-visit`"]),
    "an invisible character in the slug": (
        "articles/hidden.en.md", GOOD_HEADER.format(slug="hidden\u200b-char") + "\nText.\n",
        ["hidden.en.md:2: Slug `hidden-char` looks right, but it holds an invisible character (U+200B, copied with "
         "the text) after `hidden`: delete it, or retype it as `hidden-char`"]),
    "an empty summary": (
        "articles/no-summary.en.md", GOOD_HEADER.format(slug="no-summary") + "Summary:\n\nText.\n",
        ["no-summary.en.md:6: Summary is empty: write one or two sentences, which lists, search results and link "
         "previews show, or delete the line (the site then uses the first paragraph)"]),
    "bold marks in the title": (
        "articles/bold-title.en.md",
        GOOD_HEADER.format(slug="bold-title").replace("Title: News", "Title: **Urgent:** news") + "\nText.\n",
        ["bold-title.en.md:1: the title is plain text: remove the `**`. Markdown is not applied to titles, so "
         "readers would see the marks; the theme styles every title"]),
}


def write_as_is(fixture, path: str, text: str) -> None:
    """Write a content file exactly as given (the fixture's `write` strips leading blank lines)."""
    (fixture.content / path).parent.mkdir(parents=True, exist_ok=True)
    (fixture.content / path).write_text(text, encoding="utf-8")


def problems_about(lines: list[str], name: str) -> list[str]:
    """What `make check` printed about one file, without the warning that it has no translation."""
    return [line for line in lines_about(lines, name) if "version of the article" not in line]


@pytest.mark.parametrize("mistake", list(HEADER_MISTAKES), ids=list(HEADER_MISTAKES))
def test_each_header_mistake_gets_one_plain_message(minimal_site, capsys, mistake):
    """One message for one mistake: not "Lang is missing", "Date is missing"... for every line after it."""
    path, text, expected = HEADER_MISTAKES[mistake]
    write_as_is(minimal_site, path, text)
    errors, lines = run_check(minimal_site, capsys)
    # Today in Bangkok as the check ran, not as the tests were collected: a run across midnight there
    # (17:00 UTC, when CI may run) would otherwise expect yesterday.
    today = datetime.now(ZoneInfo("Asia/Bangkok")).date()
    assert problems_about(lines, path.rsplit("/", 1)[1]) == [line.replace("{today}", str(today)) for line in expected]
    assert errors == 1


@pytest.mark.parametrize("lang, field, value, other", [
    ("th", "Title", "Reciprocal visit to Savannakhet", "English"),
    ("th", "Summary", "Officials from both banks met in Savannakhet.", "English"),
    ("en", "Title", "การเยี่ยมเยือนแขวงสะหวันนะเขต", "Thai"),
])
def test_a_title_or_summary_left_in_the_other_language_is_a_warning(minimal_site, capsys, lang, field, value, other):
    """The Thai site's lists, search results and link previews showed an English title, without a word."""
    header = GOOD_HEADER.format(slug="visit").replace("Lang: en", f"Lang: {lang}")
    header = header.replace("Title: News", f"Title: {value}") if field == "Title" else header + f"Summary: {value}\n"
    body = "ข้อความภาษาไทย\n" if lang == "th" else "Text.\n"
    write_as_is(minimal_site, f"articles/visit.{lang}.md", header + "\n" + body)
    errors, lines = run_check(minimal_site, capsys)
    name = {"th": "Thai", "en": "English"}[lang]
    line = 1 if field == "Title" else 6
    assert problems_about(lines, f"visit.{lang}.md") == [
        f"visit.{lang}.md:{line}: warning: {field} is in {other}, in this {name} file: the {name} site's lists, search "
        f"results and link previews would show it. Write it in {name}"]
    assert errors == 0


def test_a_paragraph_pasted_as_the_summary_is_a_warning(minimal_site, capsys):
    """Every card of the news lists shows its summary whole: a pasted paragraph makes the list a wall of text."""
    summary = "The team met district officials to discuss the exchange of information. " * 5
    write_as_is(minimal_site, "articles/long-summary.en.md",
                GOOD_HEADER.format(slug="long-summary") + f"Summary: {summary}\n\nText.\n")
    errors, lines = run_check(minimal_site, capsys)
    assert problems_about(lines, "long-summary.en.md") == [
        f"long-summary.en.md:6: warning: Summary is {len(summary.strip())} characters long: lists show all of it "
        "under the title, and search engines and link previews cut it off after a line or two; keep it to one or "
        "two sentences (at most about 300 characters) and move the rest into the text"]
    assert errors == 0


def test_a_draft_may_carry_its_future_date(minimal_site, capsys):
    """A draft is not published, so the day it is meant for is no mistake yet."""
    minimal_site.article("later", "en", "Later", date="2099-01-15", extra="Status: draft\n")
    errors, lines = run_check(minimal_site, capsys)
    assert errors == 0 and problems_about(lines, "later.en.md") == []


def test_a_translation_without_slug_is_told_its_partners_slug(minimal_site, capsys):
    """Following the advice must pair the files: the English title would make another slug than the Thai file's."""
    minimal_site.write("articles/2024-02-visit.th.md", GOOD_HEADER.format(slug="visit").replace("Lang: en", "Lang: th")
                       + "\nข้อความ\n")
    minimal_site.write("articles/2024-02-visit.en.md", "Title: The team visits Bueng Kan\nLang: en\n"
                       "Date: 2024-01-15\nCategory: news\n\nText.\n")
    errors, lines = run_check(minimal_site, capsys)
    assert problems_about(lines, "2024-02-visit.en.md") == [
        "2024-02-visit.en.md:1: Slug is missing: both language versions must share one ASCII slug; add a line such "
        "as `Slug: visit`"]
    assert errors == 1


ENCODING_FIX = ("not UTF-8, so the site cannot read its text: open it in your editor and save it again with the "
                "encoding UTF-8 (in Notepad: File, Save as, Encoding: UTF-8)")
# name: (the file's bytes, the encoding it is said to be in)
ENCODINGS = {
    "Notepad's Unicode (UTF-16)": (
        (GOOD_HEADER.format(slug="notepad").replace("Lang: en", "Lang: th") + "\nข่าวการสัมมนา\n").encode("utf-16"),
        "as UTF-16 (what Notepad calls Unicode)"),
    "a Thai editor's Windows-874": (
        (GOOD_HEADER.format(slug="notepad").replace("Lang: en", "Lang: th")
         + "\nเจ้าหน้าที่ฝ่ายไทยและลาวพบกันที่จังหวัดหนองคายเพื่อหารือเรื่องการค้ามนุษย์\n").encode("cp874"),
        "in an older Thai encoding (TIS-620 or Windows-874)"),
    "Latin-1 (an English text with one é)": (
        (GOOD_HEADER.format(slug="notepad") + "\nThe café by the river hosted the seminar.\n").encode("latin-1"),
        "in another encoding"),
}


@pytest.mark.parametrize("encoding", list(ENCODINGS), ids=list(ENCODINGS))
def test_a_file_saved_in_another_encoding_is_told_which_and_how_to_save_it(minimal_site, capsys, encoding):
    """"Not UTF-8" alone left the writer guessing what the editor had done and which menu undoes it."""
    data, saved = ENCODINGS[encoding]
    (minimal_site.content / "articles/2024-03-notepad.th.md").write_bytes(data)
    errors, lines = run_check(minimal_site, capsys)
    assert problems_about(lines, "2024-03-notepad.th.md") == [
        f"2024-03-notepad.th.md:1: the file is saved {saved}, {ENCODING_FIX}"]
    assert errors == 1


def test_a_translation_that_knows_the_day_its_partner_does_not_is_told(minimal_site, capsys):
    """The English page said December 2023 and the Thai one 1 ธันวาคม 2566, a day no source gives."""
    header = "Title: {title}\nSlug: first-news\nLang: {lang}\nDate: 2023-12-01\nCategory: news\nWritten: 2026-11-27\n"
    minimal_site.write("articles/first-news.en.md", header.format(title="First news", lang="en")
                       + "Date_known: month\n\nText.\n")
    minimal_site.write("articles/first-news.th.md", header.format(title="ข่าวแรก", lang="th") + "\nข้อความ\n")
    errors, lines = run_check(minimal_site, capsys)
    assert problems_about(lines, "first-news.en.md") == [
        "first-news.en.md:7: Date_known is `month`, but `day` in first-news.th.md, its translation: one language "
        "would show a day the other says no source gives. Write no `Date_known:` line, as that file has"]
    assert errors == 1


def test_translations_in_two_categories_or_on_two_days_are_told(minimal_site, capsys):
    """Two translations that disagree on the article's category or day were published without a word.

    The Thai file in `activities` and the English in `news` listed one article under two headings; dated the
    12th and the 21st, it told readers of each language another day.
    """
    minimal_site.article("seminar", "th", "สัมมนา", date="2023-07-12 10:00", category="activities")
    minimal_site.article("seminar", "en", "Seminar", date="2023-07-21 10:00", category="news")
    minimal_site.article("launch", "th", "เปิดตัว", date="2023-07-21 09:00")
    minimal_site.article("launch", "en", "Launch", date="2023-07-21 14:30")  # another hour: the same day
    minimal_site.article("typo", "th", "พิมพ์ผิด", date="2023-07-21")
    minimal_site.article("typo", "en", "Typo", date="2023-02-30")  # told once, as no date
    errors, lines = run_check(minimal_site, capsys)
    assert problems_about(lines, "seminar.en.md") == [
        "seminar.en.md:5: Category `news` differs from `activities` in seminar.th.md, its translation: each "
        "language would list the article under another heading. Use one category in both files: "
        "`Category: activities`, as that file has, or change that file too",
        "seminar.en.md:4: warning: Date `2023-07-21 10:00` is another day than `2023-07-12 10:00` in seminar.th.md, "
        "its translation: readers of the two languages would read two dates for one event. If one is a typo, "
        "correct it"]
    assert problems_about(lines, "seminar.th.md") == problems_about(lines, "launch.en.md") == []
    assert problems_about(lines, "typo.en.md") == [
        "typo.en.md:4: Date `2023-02-30` is not a date: write it as `Date: 2024-01-15` or `2024-01-15 10:00` "
        "(Gregorian year)"]
    assert errors == 2


THAI_TEXT = ("เจ้าหน้าที่ฝ่ายไทยและฝ่ายลาวพบกันที่จังหวัดหนองคายเพื่อหารือเรื่องการค้ามนุษย์และการลักลอบขนยาเสพติด "
             "ตามแนวชายแดน ศูนย์ประสานงาน NTS-Mekong Watch รับแจ้งเบาะแสจากประชาชน")
ENGLISH_TEXT = ("Officials from Thailand and Lao PDR met in Nong Khai to discuss human trafficking and drug smuggling "
                "along the border. The NTS-Mekong Watch centre (ศูนย์ประสานงาน) takes reports from residents.")


def test_a_file_left_in_the_other_language_is_told_to_be_translated(minimal_site, capsys):
    """A file whose text is in the other language is told to be translated.

    A copy of the Thai file saved as the English one, not yet translated, published Thai text as the English
    article (and the reverse); a Thai name in brackets in English text is no such copy.
    """
    minimal_site.article("copied", "th", "สัมมนา", body=THAI_TEXT)
    minimal_site.article("copied", "en", "Seminar", body=THAI_TEXT)
    minimal_site.article("reverse", "th", "การประชุม", body=ENGLISH_TEXT)
    minimal_site.article("reverse", "en", "Meeting", body=ENGLISH_TEXT)
    errors, lines = run_check(minimal_site, capsys)
    assert problems_about(lines, "copied.en.md") == [
        "copied.en.md:1: the text of this English file is in Thai: a copy of the other language's file, not yet "
        "translated? Translate it, or add `Status: draft` until it is (the site then says the article has no "
        "English version yet)"]
    assert problems_about(lines, "reverse.th.md") == [
        "reverse.th.md:1: the text of this Thai file is mostly in Latin letters, not in Thai: a copy of the other "
        "language's file, not yet translated? Translate it, or add `Status: draft` until it is (the site then says "
        "the article has no Thai version yet)"]
    assert problems_about(lines, "copied.th.md") == problems_about(lines, "reverse.en.md") == []
    assert errors == 2


def test_a_language_code_in_capitals_is_one_message_not_advice_to_change_its_links(minimal_site, capsys):
    """`Lang: EN` made every link from and to the file "lead to the EN version", with a fix naming the same file."""
    minimal_site.article("visit", "en", "Visit", body="See [the first news]({filename}/articles/first-news.en.md).")
    minimal_site.article("visit", "th", "เยือน")
    minimal_site.write("articles/visit.en.md", minimal_site.content.joinpath("articles/visit.en.md").read_text(
        encoding="utf-8").replace("Lang: en", "Lang: EN"))
    minimal_site.write("articles/first-news.en.md", minimal_site.content.joinpath("articles/first-news.en.md")
                       .read_text(encoding="utf-8") + "\nSee [the visit]({filename}/articles/visit.en.md).\n")
    errors, lines = run_check(minimal_site, capsys)
    assert problems_about(lines, "visit.en.md") == [
        "visit.en.md:3: Lang `EN` is not a language code this site uses: write `Lang: en`"]
    assert problems_about(lines, "first-news.en.md") == []
    assert errors == 1


WORD_FIX = ("(pasted from Word or an old web page) is not valid HTML, and the release gate refuses a page that has "
            "it: delete the tag but keep the text inside it, and use Markdown for formatting (`**bold**`, "
            "`_italic_`, `## Heading`, lists)")
# name: (the article's text, exact lines `make check` prints about it); content/images/articles/meeting.jpg and
# field visit.jpg exist.
BODY_MISTAKES = {
    "an image path relative to the article": (
        "![Officials at the meeting](images/articles/meeting.jpg)",
        ["news.en.md:7: the image images/articles/meeting.jpg leads to no file (a path without {static} is read from "
         "the article's folder): the file is content/images/articles/meeting.jpg: write "
         "{static}/images/articles/meeting.jpg"]),
    "an image on the writer's computer": (
        "![Officials at the meeting](C:\\Users\\noi\\Pictures\\meeting.jpg)",
        ["news.en.md:7: the image C:\\Users\\noi\\Pictures\\meeting.jpg is a file on your computer, which readers "
         "cannot see: it is also content/images/articles/meeting.jpg, so write {static}/images/articles/meeting.jpg"]),
    "an image address to no file": (
        '<img src="/images/articles/photo1.jpg" alt="The river">',
        ["news.en.md:7: the image /images/articles/photo1.jpg leads to no file: put the image in "
         "content/images/articles/ and write {static}/images/articles/photo1.jpg"]),
    # Copied from GitHub's page of the file, or from the published page: the file is already the site's own.
    "an image copied from its page on GitHub": (
        "![Officials at the meeting](https://github.com/dopa/nts-mekong/blob/main/content/images/articles/meeting.jpg"
        "?raw=true)",
        ["news.en.md:7: the image https://github.com/dopa/nts-mekong/blob/main/content/images/articles/meeting.jpg"
         "?raw=true is this site's own file content/images/articles/meeting.jpg, written with GitHub's address for "
         "it: write {static}/images/articles/meeting.jpg"]),
    "an image copied from the published page": (
        "![Officials at the meeting](https://www.nts-mekong.com/images/articles/meeting.jpg)",
        ["news.en.md:7: the image https://www.nts-mekong.com/images/articles/meeting.jpg is this site's own file "
         "content/images/articles/meeting.jpg, written with the published site's address for it: write "
         "{static}/images/articles/meeting.jpg"]),
    # "Copy image address" on a published page gives one of the photo's sizes, not the original.
    "an image copied from the published page, one of its sizes": (
        "![Officials at the meeting](https://www.nts-mekong.com/images/articles/meeting.1a2b3c4d5e-960.webp)",
        ["news.en.md:7: the image https://www.nts-mekong.com/images/articles/meeting.1a2b3c4d5e-960.webp is this "
         "site's own file content/images/articles/meeting.jpg, written with the published site's address for it: "
         "write {static}/images/articles/meeting.jpg"]),
    "an image copied from GitHub, with spaces in its name": (
        "![Officials at the meeting](https://github.com/dopa/nts-mekong/raw/main/content/images/articles/"
        "field%20visit.jpg)",
        ["news.en.md:7: the image https://github.com/dopa/nts-mekong/raw/main/content/images/articles/"
         "field%20visit.jpg is this site's own file content/images/articles/field visit.jpg, written with GitHub's "
         "address for it: rename the file to field-visit.jpg (on GitHub's website: upload it again under that name, "
         "then delete the old one) and write {static}/images/articles/field-visit.jpg"]),
    "a link to an article's page on GitHub": (
        "See [the news](https://github.com/dopa/nts-mekong/blob/feature/visit/content/articles/first-news.en.md).",
        ["news.en.md:7: the link https://github.com/dopa/nts-mekong/blob/feature/visit/content/articles/"
         "first-news.en.md leads to the file on GitHub, not to the site's page or file (readers land on "
         "GitHub, or on nothing if the repository is private): write {filename}/articles/first-news.en.md"]),
    # Open data: the site does not publish content/data/, and GitHub's page of the file is the one to give.
    "a link to a data file on GitHub": (
        "The list is also [on GitHub](https://github.com/dopa/nts-mekong/blob/main/content/data/centres.yaml).",
        []),
    # In angle brackets Markdown takes the space, the page's HTML does not; another website's image is another
    # website's, spaces or not (it was told to rename a file of this site).
    "an image path with spaces in angle brackets, and another website's": (
        "![Officials at the meeting](</images/articles/field visit.jpg>) ![The river](https://example.org/a b.jpg)",
        ["news.en.md:7: the image /images/articles/field visit.jpg has spaces in its file name, which links cannot "
         "hold: rename the file to field-visit.jpg (on GitHub's website: upload it again under that name, then "
         "delete the old one) and write {static}/images/articles/field-visit.jpg",
         "news.en.md:7: the image https://example.org/a is on another website: every reader's browser would contact "
         "that site. Save the image into content/images/articles/ and link it as {static}/images/articles/NAME.jpg"]),
    # A browser's or Windows' copy: the suggested name was cut at the bracket ("IMG_2024-(1", the .jpg lost).
    "a copy's name with a bracket, in a static link": (
        "![Officials at the meeting]({static}/images/articles/meeting (1).jpg)",
        ["news.en.md:7: the link {static}/images/articles/meeting (1).jpg has spaces in its file name, which links "
         "cannot hold: rename the file to meeting-1.jpg (on GitHub's website: upload it again under that name, then "
         "delete the old one) and change the link"]),
    "a copy's name with a bracket, as a path": (
        "![Officials at the meeting](/images/articles/meeting (1).jpg)",
        ["news.en.md:7: the image /images/articles/meeting (1).jpg has spaces in its file name, which links cannot "
         "hold: rename the file to meeting-1.jpg (on GitHub's website: upload it again under that name, then delete "
         "the old one) and write {static}/images/articles/meeting-1.jpg"]),
    # Indented as a paragraph of its own, Markdown shows it as code: readers saw the tag's text.
    "a tag indented four spaces": (
        "Officials met.\n\n    {% video https://youtu.be/dQw4w9WgXcQ %}",
        ["news.en.md:9: this tag starts with spaces (or a tab), so Markdown shows it as code, as text in a grey box: "
         "remove the spaces at the start of the line"]),
    "an image indented with a tab": (
        "Officials met.\n\n\t![Officials at the meeting]({static}/images/articles/meeting.jpg)",
        ["news.en.md:9: this image starts with spaces (or a tab), so Markdown shows it as code, as text in a grey "
         "box: remove the spaces at the start of the line"]),
    "an image indented in a list, which is the list's": (
        "- The meeting:\n\n    ![Officials at the meeting]({static}/images/articles/meeting.jpg)",
        []),
    # Copied from the published report's page: there is no such file to link with {static}.
    "a link copied from a published report's page": (
        "See [the report](https://www.nts-mekong.com/reports/loei-meeting-2026.html).",
        ["news.en.md:7: the link https://www.nts-mekong.com/reports/loei-meeting-2026.html is written with this "
         "site's own address, which the preview and the checks cannot follow (the preview would open the published "
         "site): write the address without the site's part, /reports/loei-meeting-2026.html"]),
    "a static link in the wrong folder": (
        "![Officials at the meeting]({static}/images/meeting.jpg)",
        ["news.en.md:7: the link {static}/images/meeting.jpg leads to no file: the file is "
         "content/images/articles/meeting.jpg: write {static}/images/articles/meeting.jpg"]),
    "a static link with .jpeg for .jpg": (
        "![Officials at the meeting]({static}/images/articles/meeting.jpeg)",
        ["news.en.md:7: the link {static}/images/articles/meeting.jpeg leads to no file: the file is "
         "content/images/articles/meeting.jpg: write {static}/images/articles/meeting.jpg"]),
    "an image without its closing parenthesis": (
        "![Officials at the meeting]({static}/images/articles/meeting.jpg",
        ["news.en.md:7: the image ![Officials at the meeting]({static}/images/articles/meeting.jpg has no closing "
         "`)`, so Markdown shows it as text: end it with `)`, as in "
         "![Officials at the meeting]({static}/images/articles/meeting.jpg)"]),
    "a space between the brackets and the parenthesis": (
        "See [the first news] ({filename}/articles/first-news.en.md).",
        ["news.en.md:7: remove the space between `]` and `(` in [the first news] "
         "({filename}/articles/first-news.en.md): with it, Markdown shows the link as text"]),
    "a non-breaking space between the link's parts": (
        "See [the first news]\u00a0({filename}/articles/first-news.en.md) and [the second]\u200b"
        "({filename}/articles/first-news.en.md).",
        ["news.en.md:7: remove the invisible or non-breaking space (copied from a document) between `]` and `(` in "
         "[the first news] ({filename}/articles/first-news.en.md): with it, Markdown shows the link as text",
         "news.en.md:7: remove the invisible or non-breaking space (copied from a document) between `]` and `(` in "
         "[the second] ({filename}/articles/first-news.en.md): with it, Markdown shows the link as text"]),
    "a path written with Windows' backslashes, and one with an invisible character": (
        "![Boats at the pier]({static}\\images\\articles\\meeting.jpg) and [the photo]"
        "({static}/images/articles/meeting\u200b.jpg)",
        ["news.en.md:7: the link {static}\\images\\articles\\meeting.jpg leads to no file: write `/` between "
         "folders, not `\\`: {static}/images/articles/meeting.jpg",
         "news.en.md:7: the link {static}/images/articles/meeting\u200b.jpg leads to no file: it holds an invisible "
         "character (U+200B, copied with the text) after `/images/articles/meeting`: delete it, or retype it as "
         "`/images/articles/meeting.jpg`"]),
    "alt text that only says it is a picture": (
        "![รูปภาพ]({static}/images/articles/meeting.jpg)\n\n![Photo 2]({static}/images/articles/meeting.jpg)",
        ["news.en.md:7: the alt text `รูปภาพ` says only that there is a picture, which a reader who cannot see it "
         "knows already: describe what it shows, e.g. ![who is in the photo, doing what, where]"
         "({static}/images/articles/meeting.jpg)",
         "news.en.md:9: the alt text `Photo 2` says only that there is a picture, which a reader who cannot see it "
         "knows already: describe what it shows, e.g. ![who is in the photo, doing what, where]"
         "({static}/images/articles/meeting.jpg)"]),
    "a link to an article address that does not exist": (
        "See [the first news](/en/articles/first-new.html).",
        ["news.en.md:7: the link /en/articles/first-new.html leads to no page: no English article has "
         "`Slug: first-new`; did you mean `first-news`? Link to its file instead, "
         "{filename}/articles/first-news.en.md"]),
    "a comment left open": (
        "Text.\n\n<!-- for the editor: check the date with the district\n\nMore text.",
        ["news.en.md:9: this comment is not closed with `-->`, so Markdown would publish it as text, for readers to "
         "see: end it with `-->`, or delete it"]),
    "a link copied from the preview": (
        "See [the first news](http://localhost:8000/en/articles/first-news.html) and the "
        "![boats](http://localhost:8000/images/articles/meeting.jpg)",
        ["news.en.md:7: the link http://localhost:8000/en/articles/first-news.html leads to the preview on your own "
         "computer, which no reader can open: link to the article's file instead, {filename}/articles/first-news.en.md",
         "news.en.md:7: the link http://localhost:8000/images/articles/meeting.jpg leads to the preview on your own "
         "computer, which no reader can open: link to the file instead, {static}/images/articles/meeting.jpg"]),
    "a link copied from the published site": (
        "See [the first news](https://www.nts-mekong.com/en/articles/first-news.html), [the launch]"
        "(https://nts-mekong.com/en/articles/launch.html), [the centres](HTTPS://NTS-MEKONG.COM/en/centres/) "
        "and [a page elsewhere](https://nts-mekong.com.example.org/en/).",
        ["news.en.md:7: the link https://www.nts-mekong.com/en/articles/first-news.html is written with this site's "
         "own address, which the preview and the checks cannot follow (the preview would open the published "
         "site): link to the article's file instead, {filename}/articles/first-news.en.md",
         "news.en.md:7: the link https://nts-mekong.com/en/articles/launch.html is this site's own address, and "
         "leads to no page: no English article has `Slug: launch`; link to the article's file instead, e.g. "
         "{filename}/articles/2024-01-example.en.md, which the check follows",
         "news.en.md:7: the link HTTPS://NTS-MEKONG.COM/en/centres/ is written with this site's own address, "
         "which the preview and the checks cannot follow (the preview would open the published site): write the "
         "address without the site's part, /en/centres/"]),
    "a heading that skips a level": (
        "Intro.\n\n## Background\n\nText.\n\n#### Dates",
        ["news.en.md:13: this `#### ` heading comes after a `## ` heading, skipping a level: screen readers list "
         "headings by level, and a skipped one reads as a missing section. Write `### ` here"]),
    "a first heading below the title's next level": (
        "### Background\n\nText.",
        ["news.en.md:7: this `### ` heading comes after the page's title, skipping a level: screen readers list "
         "headings by level, and a skipped one reads as a missing section. Write `## ` here"]),
    "a dividing line straight under a line of text": (
        "The seminar ended on Friday.\n---\nThe next one is in March.\n\nA paragraph\nof two lines\n---\nis "
        "left alone.",
        ["news.en.md:8: this line of `---` makes the line above it a section heading: for a dividing line, put a "
         "blank line before it; for a heading, write `## ` before the heading's text instead"]),
    # Passed make check and the build, to be found by the release gate, naming the built page, not the file.
    "a link to a report written as a path to no file": (
        "Read [the report](../../reports/missing-2019.pdf).",
        ["news.en.md:7: the link ../../reports/missing-2019.pdf leads to no file: content/reports/missing-2019.pdf "
         "does not exist: check the file's name and folder, and write the link as {static}/reports/missing-2019.pdf, "
         "which make check follows"]),
    "a link to a photo written as a path to another folder": (
        "See [the photo](/images/meeting.jpg).",
        ["news.en.md:7: the link /images/meeting.jpg leads to no file: the file is "
         "content/images/articles/meeting.jpg: write {static}/images/articles/meeting.jpg"]),
    "a link written as a path to a file that is there": ("See [the photo](/images/articles/meeting.jpg).", []),
    "a link with a title, written as a path to no file": (
        'Read [the report](../../reports/nope.pdf "The report").',
        ["news.en.md:7: the link ../../reports/nope.pdf leads to no file: content/reports/nope.pdf does not exist: "
         "check the file's name and folder, and write the link as {static}/reports/nope.pdf, which make check "
         "follows"]),
    "Word's own tags": (
        '<p class="MsoNormal"><span lang="EN-US">Pasted<o:p></o:p></span></p>',
        [f"news.en.md:7: the tag <o:p> {WORD_FIX}"]),
    "an obsolete font tag": (
        '<font face="Calibri">Pasted</font> from an old page.',
        [f"news.en.md:7: the tag <font> {WORD_FIX}"]),
    # Published as it was: a dead link that showed the writer's Windows user name.
    "a link to a file on the writer's computer": (
        "The [minutes (PDF)](C:\\Users\\somchai\\Documents\\meeting.jpg) of the meeting.",
        ["news.en.md:7: the link C:\\Users\\somchai\\Documents\\meeting.jpg is a file on your computer, which "
         "readers cannot open (and it shows your user name): it is also content/images/articles/meeting.jpg, so "
         "write {static}/images/articles/meeting.jpg"]),
    "a link to a file on the writer's computer, as a browser writes it": (
        "The [agenda](file:///C:/Users/somchai/Desktop/agenda.pdf) of the meeting.",
        ["news.en.md:7: the link file:///C:/Users/somchai/Desktop/agenda.pdf is a file on your computer, which "
         "readers cannot open (and it shows your user name): copy it into content/reports/ and write "
         "{static}/reports/agenda.pdf"]),
    # The image's path was cut at its first space: "C:\\...\\meeting" and a copy named "meeting".
    "an image on the writer's computer, its name with a space": (
        "![Officials at the meeting](C:\\Users\\noi\\My Pictures\\Loei meeting.jpg)",
        ["news.en.md:7: the image C:\\Users\\noi\\My Pictures\\Loei meeting.jpg is a file on your computer, which "
         "readers cannot see: copy it into content/images/articles/ as Loei-meeting.jpg and write "
         "{static}/images/articles/Loei-meeting.jpg"]),
    # `{static}/images/articles/field visit.jpg` would end at the space: the fix renames the copy.
    "a photo copied into content/ under a name with a space": (
        "![Officials at the meeting](D:\\Photos 2024\\field visit.jpg)",
        ["news.en.md:7: the image D:\\Photos 2024\\field visit.jpg is a file on your computer, which readers cannot "
         "see: it is also content/images/articles/field visit.jpg: rename that file field-visit.jpg (a space or "
         "bracket ends the address) and write {static}/images/articles/field-visit.jpg"]),
    # Windows names a copy "... (1).jpg": the path was cut at its ")" and the copy to make was "Loei-meeting-(1".
    "a copy's name from the writer's computer": (
        "![Officials at the meeting](C:\\Users\\noi\\Pictures\\Loei meeting (1).jpg)",
        ["news.en.md:7: the image C:\\Users\\noi\\Pictures\\Loei meeting (1).jpg is a file on your computer, which "
         "readers cannot see: copy it into content/images/articles/ as Loei-meeting-1.jpg and write "
         "{static}/images/articles/Loei-meeting-1.jpg"]),
    # It was told to copy the Word file into content/images/articles/, where it would be refused.
    "a Word document on the writer's computer": (
        "The [minutes](C:\\Users\\noi\\Documents\\minutes.docx) of the meeting.",
        ["news.en.md:7: the link C:\\Users\\noi\\Documents\\minutes.docx is a file on your computer, which readers "
         "cannot open (and it shows your user name): export it as PDF (File, Save as, PDF), copy the PDF into "
         "content/reports/ as minutes.pdf and write {static}/reports/minutes.pdf"]),
    "a link to a file on the writer's computer, its name with a space": (
        "The [minutes](C:\\Users\\noi\\Documents\\meeting minutes.pdf) of the meeting.",
        ["news.en.md:7: the link C:\\Users\\noi\\Documents\\meeting minutes.pdf is a file on your computer, "
         "which readers cannot open (and it shows your user name): copy it into content/reports/ as "
         "meeting-minutes.pdf and write {static}/reports/meeting-minutes.pdf"]),
    # make check passed these, then the build stopped: Pelican's "Use {static} instead", "Unable to find ''".
    "a file linked as an article": (
        "[The photo]({filename}/images/articles/meeting.jpg) of the meeting.",
        ["news.en.md:7: the link {filename}/images/articles/meeting.jpg leads to a file that is not an article or "
         "page: write it as {static}/images/articles/meeting.jpg ({filename} is for the Markdown files of articles "
         "and pages)"]),
    "an image with no file after its folder sign": (
        "![The meeting]({static}/) in Loei.",
        ["news.en.md:7: the link {static} names no file: add its path after {static}, e.g. "
         "{static}/images/articles/example.svg"]),
    "a link with no file after it": (
        "The [report]({filename}) of the meeting.",
        ["news.en.md:7: the link {filename} names no file: add its path after {filename}, e.g. "
         "{filename}/articles/2024-01-example.en.md"]),
    # make check passed it, then the build stopped: "Control characters are not supported in XML 1.0".
    # And the lines after it were numbered one too far: U+000B ended a line for the check, not for Markdown.
    "a line break pasted from PowerPoint, then another mistake": (
        "The Ministry of\x0bInterior opened the seminar.\n\n<font face=\"Calibri\">Pasted</font> text.",
        ["news.en.md:7: this line holds an invisible character (U+000B, a line break pasted from Word or "
         "PowerPoint), which the site's feeds cannot hold: delete it (where the text seems to run on, or between "
         "two words), or retype the line", f"news.en.md:9: the tag <font> {WORD_FIX}"]),
    "a line break pasted from PowerPoint": (
        "The Ministry of\x0bInterior opened the seminar.",
        ["news.en.md:7: this line holds an invisible character (U+000B, a line break pasted from Word or "
         "PowerPoint), which the site's feeds cannot hold: delete it (where the text seems to run on, or between "
         "two words), or retype the line"]),
}


def test_word_s_tags_in_the_summary_are_told_by_make_check(minimal_site, capsys):
    """It passed `make check` ("Content is valid"), then the build stopped with ERROR and CRITICAL lines."""
    minimal_site.write("articles/pasted.en.md", GOOD_HEADER.format(slug="pasted")
                       + "Summary: The team met officials.<o:p></o:p>\n\nText.\n")
    errors, lines = run_check(minimal_site, capsys)
    assert problems_about(lines, "pasted.en.md") == [f"pasted.en.md:6: the tag <o:p> {WORD_FIX}"]
    assert errors == 1


@pytest.mark.parametrize("mistake", list(BODY_MISTAKES), ids=list(BODY_MISTAKES))
def test_each_mistake_in_the_text_names_the_line_and_the_fix(minimal_site, capsys, mistake):
    body, expected = BODY_MISTAKES[mistake]
    (minimal_site.content / "images/articles").mkdir(parents=True)
    for name in ("meeting.jpg", "field visit.jpg", "meeting (1).jpg"):
        Image.new("RGB", (64, 48), "teal").save(minimal_site.content / "images/articles" / name)
    minimal_site.write("articles/news.en.md", GOOD_HEADER.format(slug="news") + f"\n{body}\n")
    errors, lines = run_check(minimal_site, capsys)
    assert problems_about(lines, "news.en.md") == expected
    assert errors == len(expected)


def test_a_link_written_as_a_path_from_the_page_to_a_file_there_is_a_warning(minimal_site, capsys):
    """`reports/x.pdf` in an English article leads to /en/articles/reports/x.pdf: a page not found."""
    (minimal_site.content / "images/articles").mkdir(parents=True)
    Image.new("RGB", (64, 48), "teal").save(minimal_site.content / "images/articles/meeting.jpg")
    body = "\nSee [it](images/articles/meeting.jpg).\n"
    minimal_site.write("articles/news.en.md", GOOD_HEADER.format(slug="news") + body)
    errors, lines = run_check(minimal_site, capsys)
    assert errors == 0
    assert problems_about(lines, "news.en.md") == [
        "news.en.md:7: warning: the link images/articles/meeting.jpg is a path from this page, which leads elsewhere "
        "from the other language's pages (/en/ is a folder deeper): write it as {static}/images/articles/meeting.jpg"]


def test_a_line_in_bold_alone_is_a_warning_to_make_it_a_heading(minimal_site, capsys):
    """Screen-reader users jump between headings: a bold line looks like one but is not listed."""
    minimal_site.write("articles/news.en.md", GOOD_HEADER.format(slug="news") + (
        "\n**Meeting videos**\n\nText with **bold words** in it.\n\n## Background\n\n__Dates__\n\n"
        "**A bold line** inside\na paragraph of two lines.\n\n**Last line**\n"))
    errors, lines = run_check(minimal_site, capsys)
    assert problems_about(lines, "news.en.md") == [
        "news.en.md:7: warning: this line is all in bold, alone, as a heading looks, but screen readers do not list "
        "it as one: if it is a section heading, write `## Meeting videos`",
        "news.en.md:13: warning: this line is all in bold, alone, as a heading looks, but screen readers do not list "
        "it as one: if it is a section heading, write `### Dates`",
        "news.en.md:18: warning: this line is all in bold, alone, as a heading looks, but screen readers do not list "
        "it as one: if it is a section heading, write `### Last line`"]
    assert errors == 0


def test_an_address_pasted_as_text_is_a_warning_to_make_it_a_link(minimal_site, capsys):
    """Markdown makes no link of a bare address: readers saw text they could not click or tap."""
    minimal_site.write("articles/news.en.md", GOOD_HEADER.format(slug="news") + (
        "\nhttps://youtu.be/dQw4w9WgXcQ?si=AbCdEf\n\nMore at https://www.dopa.go.th/news.\n\n"
        "These are links: [the news](https://www.dopa.go.th/news), <https://www.dopa.go.th/>, "
        '<a href="https://www.dopa.go.th/">DOPA</a>, `https://example.org/code`, [1].\n\n'
        "{% video https://youtu.be/dQw4w9WgXcQ %}\n\n[1]: https://www.dopa.go.th/about\n"))
    errors, lines = run_check(minimal_site, capsys)
    assert problems_about(lines, "news.en.md") == [
        "news.en.md:7: warning: the address https://youtu.be/dQw4w9WgXcQ?si=AbCdEf is shown as plain text, which "
        "readers cannot click (Markdown does not make links of addresses): to show the video, write "
        "`{% video https://youtu.be/dQw4w9WgXcQ?si=AbCdEf %}` on a line of its own",
        "news.en.md:9: warning: the address https://www.dopa.go.th/news is shown as plain text, which readers "
        "cannot click (Markdown does not make links of addresses): write it as a link with words readers can "
        "click, [the page's name](https://www.dopa.go.th/news)"]
    assert errors == 0


def test_what_markdown_would_show_as_text_was_published_before(minimal_site):
    """Why the unclosed image is an error: the page said `![...]({static}/...` to every reader."""
    minimal_site.write("articles/first-news.en.md", GOOD_HEADER.format(slug="first-news")
                       + "\n![The river]({static}/images/river.jpg\n")
    (minimal_site.content / "images").mkdir()
    Image.new("RGB", (64, 48), "teal").save(minimal_site.content / "images/river.jpg")
    with pytest.raises(Exit):
        minimal_site.build()
    assert not minimal_site.output.exists()


def test_a_copied_file_is_named_as_a_copy(minimal_site, capsys):
    """A file manager's `(1)` copy has the same slug: the fix is to delete it, not to give it another slug."""
    original = minimal_site.content / "articles/first-news.en.md"
    (minimal_site.content / "articles/first-news (1).en.md").write_bytes(original.read_bytes())
    errors, lines = run_check(minimal_site, capsys)
    [message] = lines_about(lines, "first-news.en.md")
    assert message.startswith("first-news.en.md:2: this file and ")
    assert message.endswith(
        "/articles/first-news (1).en.md are the same, word for word: one is a copy (a file manager names it "
        "`... (1).md` or `Copy of ...`). Delete the copy")
    assert errors == 1


def test_an_article_saved_again_under_another_slug_is_not_published_twice(minimal_site, capsys):
    """`make check` passed a copy whose Slug alone was changed: the site published the article twice."""
    # Long enough to be compared (SAME_TEXT_MIN), short enough to be a summary (no warning of its own).
    text = "The seminar brought officials from both banks of the Mekong together for three days. " * 3
    minimal_site.write("articles/seminar.en.md", GOOD_HEADER.format(slug="seminar") + "\n" + text)
    minimal_site.write("articles/seminar-copy.en.md", GOOD_HEADER.format(slug="seminar-2") + "\n" + text)
    errors, lines = run_check(minimal_site, capsys)
    # The second file read (by name: seminar-copy before seminar) is told, naming the first.
    assert problems_about(lines, "seminar-copy.en.md") == []
    [told] = problems_about(lines, "seminar.en.md")
    before, _, after = told.partition(" as that of ")
    assert before == "seminar.en.md:2: the text of this file is the same, word for word,"
    assert after.split(", ", 1) == [after.split(", ", 1)[0], (
        "under another Slug: the site would publish it twice. Delete one of the two files (if it was published, "
        "list its address in content/data/moved.yaml), or write its own text")]
    assert after.split(", ", 1)[0].endswith("/articles/seminar-copy.en.md")
    assert errors == 1


def test_an_article_saved_by_notepad_as_text_is_told_its_name(minimal_site, capsys):
    """An article saved as text is told the name to give it.

    Notepad saves `visit.en.md` as `visit.en.md.txt`, and Windows hides the `.txt`: the writer saw the right name,
    and the article was left out with a warning to move "another kind of file" away.
    """
    minimal_site.write("articles/2024-11-visit.en.md.txt", GOOD_HEADER.format(slug="visit") + "\nText.\n")
    minimal_site.write("articles/2024-11-talk.en.txt", GOOD_HEADER.format(slug="talk") + "\nText.\n")
    minimal_site.write("articles/phone numbers to check.txt", "Call the district office on Monday.\n")
    # Created in GitHub's editor, which saves the name typed: no `.md`.
    minimal_site.write("articles/2026-11-loei-meeting.th", GOOD_HEADER.format(slug="loei").replace("en", "th")
                       + "\nข้อความ\n")
    minimal_site.write("articles/2026-11-loei-meeting", GOOD_HEADER.format(slug="loei") + "\nText.\n")
    (minimal_site.content / "articles/IMG_2024.jpg").write_bytes(b"\xff\xd8\xff\xe0 a phone's photo")
    errors, lines = run_check(minimal_site, capsys)
    fix = "(Windows may hide the `.txt`; in Notepad, save with Save as type: All files)"
    assert lines_about(lines, "2024-11-visit.en.md.txt") == [
        "2024-11-visit.en.md.txt:1: the file is saved as text (`.txt`), so it is not published: rename it to "
        f"2024-11-visit.en.md {fix}"]
    assert lines_about(lines, "2024-11-talk.en.txt") == [
        f"2024-11-talk.en.txt:1: the file is saved as text (`.txt`), so it is not published: rename it to "
        f"2024-11-talk.en.md {fix}"]
    assert lines_about(lines, "phone numbers to check.txt") == [
        "phone numbers to check.txt:1: warning: not a Markdown (.md) file: it will not be published; move it out of "
        "this folder"]
    fix = "(on GitHub's website: the pencil, then the name above the text)"
    assert lines_about(lines, "2026-11-loei-meeting.th") == [
        "2026-11-loei-meeting.th:1: the file's name does not end in `.md`, so it is not published: rename it to "
        f"2026-11-loei-meeting.th.md {fix}"]
    # The name with its language, from the file's Lang: one commit, not one for `.md` and one for `.en`.
    assert lines_about(lines, "2026-11-loei-meeting") == [
        "2026-11-loei-meeting:1: the file's name does not end in `.md`, so it is not published: rename it to "
        f"2026-11-loei-meeting.en.md {fix}"]
    # Published if an article links it, without the sizes made for phones: it was told it would not be.
    assert lines_about(lines, "IMG_2024.jpg") == [
        "IMG_2024.jpg:1: warning: a photo among the texts: put it in content/images/articles/ and link it as "
        "{static}/images/articles/IMG_2024.jpg (on GitHub's website: upload it there, then delete this one)"]
    assert errors == 4


def test_an_article_started_from_a_copy_is_told_its_own_slug_not_to_change_the_published_one(minimal_site, capsys):
    """An article started from a copy, its Slug left as the copy's, is told to give itself a slug of its own.

    It was taken for the published article's translation: told to use that one's Category (or to change the
    published file) and warned about its Date.
    """
    minimal_site.write("articles/2026-11-loei-meeting.en.md", GOOD_HEADER.format(slug="first-news")
                       .replace("2024-01-15", "2026-11-20").replace("Category: news", "Category: activities")
                       + "\nText.\n")
    errors, lines = run_check(minimal_site, capsys)
    assert problems_about(lines, "2026-11-loei-meeting.en.md") == [
        "2026-11-loei-meeting.en.md:2: Slug `first-news` is already used by "
        f"{os.path.relpath(minimal_site.content, tasks.ROOT)}/articles/first-news.en.md in the same language: if "
        "this file is the new one (started from a copy of that one), give it a slug of its own, e.g. `Slug: "
        "loei-meeting`, from its name, in each language's file; never change a published article's slug (it is its "
        "address, which links and search engines know). If one is an old copy of the other, delete it"]
    assert problems_about(lines, "first-news.en.md") == [] and problems_about(lines, "first-news.th.md") == []
    assert errors == 1


def test_an_article_started_from_a_copy_is_told_the_title_and_summary_it_kept(minimal_site, capsys):
    """Its Slug and Date changed, the copy published the other article's title and summary, without a word."""
    summary = "Summary: Officials from both banks met in Savannakhet.\n"
    minimal_site.write("articles/2024-01-visit.en.md", GOOD_HEADER.format(slug="visit") + summary + "\nText.\n")
    minimal_site.write("articles/2026-11-loei.en.md",
                       GOOD_HEADER.format(slug="loei").replace("2024-01-15", "2026-11-20") + summary + "\nOther.\n")
    errors, lines = run_check(minimal_site, capsys)
    assert problems_about(lines, "2026-11-loei.en.md") == [
        f"2026-11-loei.en.md:{line}: warning: {name} is word for word that of 2024-01-visit.en.md, another "
        f"article: one started from a copy keeps the other's {name}, which the lists and link previews would show "
        "for both. Write this article's own" for line, name in ((1, "Title"), (6, "Summary"))]
    assert problems_about(lines, "2024-01-visit.en.md") == []
    assert errors == 0


def test_alt_text_is_asked_for_in_the_files_language_and_the_example_is_not_taken_for_one(minimal_site, capsys):
    """Alt text is asked for in the file's language, and the example given is not taken for one.

    The example was an English caption (a seminar in Nong Khai), given to Thai files too: pasted as it was under
    a photo of Loei, it passed, and the Thai page described the photo in English.
    """
    (minimal_site.content / "images/articles").mkdir(parents=True)
    Image.new("RGB", (64, 48), "teal").save(minimal_site.content / "images/articles/loei.jpg")
    header = GOOD_HEADER.format(slug="loei").replace("Lang: en", "Lang: th").replace("Title: News", "Title: ข่าว")
    minimal_site.write("articles/loei.th.md", header + "\nข้อความ\n\n![](images/articles/loei.jpg)\n\n"
                       "![ใครอยู่ในภาพ กำลังทำอะไร ที่ไหน]({static}/images/articles/loei.jpg)\n\n"
                       "![Officials of Loei and Xayaburi at the border crossing]({static}/images/articles/loei.jpg)\n")
    errors, lines = run_check(minimal_site, capsys)
    assert [line for line in problems_about(lines, "loei.th.md") if "alt text" in line] == [
        "loei.th.md:9: the image images/articles/loei.jpg has no alt text: describe what it shows for readers who "
        "cannot see it, between the square brackets, e.g. ![ใครอยู่ในภาพ กำลังทำอะไร ที่ไหน](images/articles/loei.jpg)",
        "loei.th.md:11: the alt text `ใครอยู่ในภาพ กำลังทำอะไร ที่ไหน` is the example make check gave: write what "
        "this photo shows instead, who is in it, doing what, where",
        "loei.th.md:13: warning: the alt text `Officials of Loei and Xayaburi at the border crossing` is in English, "
        "in this Thai file: readers of this page who cannot see the photo would hear it in English. Write it in "
        "Thai"]


def test_an_untranslated_copy_is_one_message_not_one_more_per_image(minimal_site, capsys):
    """A Thai file still holding the English text was told so, then once more for each image's English alt text."""
    (minimal_site.content / "images/articles").mkdir(parents=True)
    Image.new("RGB", (64, 48), "teal").save(minimal_site.content / "images/articles/loei.jpg")
    header = GOOD_HEADER.format(slug="loei").replace("Lang: en", "Lang: th").replace("Title: News", "Title: ข่าว")
    image = "![Officials of Loei and Xayaburi at the border crossing]({static}/images/articles/loei.jpg)\n\n"
    minimal_site.write("articles/loei.th.md", header + "\n" + ENGLISH_TEXT + "\n\n" + image * 2)
    errors, lines = run_check(minimal_site, capsys)
    assert [line for line in problems_about(lines, "loei.th.md") if "alt text" in line] == []
    assert any("mostly in Latin letters" in line for line in problems_about(lines, "loei.th.md"))


def test_a_photo_uploaded_among_the_texts_is_told_to_move_not_the_link(minimal_site, capsys):
    """A photo uploaded among the texts, its link right, is told to move, not the link to change.

    GitHub's "Upload files" puts a file in the folder being viewed: the photo went among the articles, and its
    right link was told to become {static}/articles/loei.jpg, which passed, the photo left there.
    """
    (minimal_site.content / "images/articles").mkdir(parents=True)
    Image.new("RGB", (64, 48), "teal").save(minimal_site.content / "articles/loei.jpg")
    minimal_site.write("articles/news.en.md", GOOD_HEADER.format(slug="news")
                       + "\n![Officials at the meeting in Loei]({static}/images/articles/loei.jpg)\n")
    errors, lines = run_check(minimal_site, capsys)
    assert problems_about(lines, "news.en.md") == [
        "news.en.md:7: the link {static}/images/articles/loei.jpg leads to no file: the file was put in "
        "content/articles/, not in content/images/articles/: the link is right, put the file in "
        "content/images/articles/ (on GitHub's website: upload it there, then delete the other one)"]
    assert errors == 1
    # Written as a path: it was told to link the photo where it is.
    minimal_site.write("articles/news.en.md", GOOD_HEADER.format(slug="news")
                       + "\n![Officials at the meeting in Loei](/images/articles/loei.jpg)\n")
    errors, lines = run_check(minimal_site, capsys)
    assert problems_about(lines, "news.en.md") == [
        "news.en.md:7: the image /images/articles/loei.jpg leads to no file: the file was put in content/articles/, "
        "not in content/images/articles/: write {static}/images/articles/loei.jpg, put the file in "
        "content/images/articles/ (on GitHub's website: upload it there, then delete the other one)"]


def test_other_files_among_the_texts_are_each_told_what_to_do(minimal_site, capsys):
    """A Word copy, an iPhone photo, a QuickTime video: each its own fix; an editor's backup, nothing.

    Told to rename the Word file `visit.th.md.docx` to `visit.th.md.docx.md`, the HEIC photo to be linked as it
    is (which the next check refused), and the backup (which Pelican ignores) likewise, as an error.
    """
    minimal_site.write("articles/2024-01-visit.th.md.docx", "PK\x03\x04 a Word file")
    minimal_site.write("articles/first-news.en.md~", GOOD_HEADER.format(slug="first-news") + "\nText.\n")
    minimal_site.write("articles/IMG 0042.HEIC", "....ftypheic")
    minimal_site.write("articles/clip.MOV", "....ftypqt  ")
    errors, lines = run_check(minimal_site, capsys)
    assert lines_about(lines, "2024-01-visit.th.md.docx") == [
        "2024-01-visit.th.md.docx:1: warning: a Word document among the texts is not published: copy its text into "
        "a Markdown file (`.th.md` or `.en.md`, see `make new`), then delete this one"]
    assert lines_about(lines, "first-news.en.md~") == []
    assert lines_about(lines, "IMG 0042.HEIC") == [
        "IMG 0042.HEIC:1: warning: a HEIC photo among the texts: export it as JPEG, put that in "
        "content/images/articles/ as IMG-0042.jpg and link it as {static}/images/articles/IMG-0042.jpg, then delete "
        "this one (on GitHub's website: open it, the ⋯ menu, Delete file)"]
    assert lines_about(lines, "clip.MOV") == [
        "clip.MOV:1: warning: a QuickTime video among the texts: convert it to MP4 (H.264), put that in "
        "content/videos/ as clip.mp4 and link it as {static}/videos/clip.mp4, then delete this one (on GitHub's "
        "website: open it, the ⋯ menu, Delete file)"]
    assert errors == 0


def test_an_article_outside_the_content_folders_is_an_error_and_other_markdown_a_warning(minimal_site, capsys):
    """An article saved outside content/articles/ and content/pages/ is an error; other Markdown, a warning.

    Saved in content/ itself, an article was never published, and `make check` said the content was valid (a
    warning: on GitHub, a green tick).
    """
    minimal_site.write("2024-11-visit.en.md", GOOD_HEADER.format(slug="visit") + "\nText.\n")
    minimal_site.write("article/2024-11-talk.en.md", GOOD_HEADER.format(slug="talk") + "\nText.\n")
    minimal_site.write("data/README.md", "Notes on the data files.\n")
    minimal_site.write("notes.md", "Summary: what to write next month.\n")  # notes, not an article
    minimal_site.write(".trash/2024-01-old.en.md", GOOD_HEADER.format(slug="old") + "\nText.\n")  # Pelican ignores it
    # Uploaded among the photos: also told it "would be published as it is", the two messages at odds.
    minimal_site.write("images/articles/2024-11-loei.en.md", GOOD_HEADER.format(slug="loei") + "\nText.\n")
    settings = minimal_site.settings_file
    settings.write_text(settings.read_text() + 'CONTENT_CHECKS = ["media.media:check_data"]\n', encoding="utf-8")
    minimal_site.write("data/videos.yaml", "[]\n")
    minimal_site.write("data/reports.yaml", "[]\n")
    errors, lines = run_check(minimal_site, capsys)
    where = ("this Markdown file is not in content/articles/ or content/pages/, so it is not published: move it into "
             "content/articles/ (an article) or content/pages/ (a page; on GitHub's website: the pencil, then write "
             "the folder before the name above the text)")
    assert lines_about(lines, "2024-11-visit.en.md") == [f"2024-11-visit.en.md:1: {where}"]
    assert lines_about(lines, "2024-11-talk.en.md") == [f"2024-11-talk.en.md:1: {where}"]
    assert lines_about(lines, "README.md") == [f"README.md:1: warning: {where}"]
    assert lines_about(lines, "notes.md") == [f"notes.md:1: warning: {where}"]
    assert lines_about(lines, "2024-01-old.en.md") == []
    assert lines_about(lines, "2024-11-loei.en.md") == [f"2024-11-loei.en.md:1: {where}"]
    assert errors == 3


def test_an_article_saved_outside_the_content_folder_is_an_error(minimal_site, capsys):
    """An article saved outside the content folder is an error.

    Typed in GitHub's editor without `content/articles/`, or with a capital (`Content/`), an article was never
    published and never checked: the Thai file was told to add the English one, which the writer had done.
    """
    for where in ("2026-11-loei.en.md", "Content/articles/2026-11-nan.en.md"):
        (minimal_site.root / where).parent.mkdir(parents=True, exist_ok=True)
        (minimal_site.root / where).write_text(GOOD_HEADER.format(slug="loei") + "\nText.\n", encoding="utf-8")
    (minimal_site.root / "README.md").write_text("Title: notes about this folder\n", encoding="utf-8")
    # Left alone: a writers' template in another folder; a link to nothing (it stopped every build).
    (minimal_site.root / "docs").mkdir()
    (minimal_site.root / "docs/example.en.md").write_text(GOOD_HEADER.format(slug="x") + "\nText.\n")
    (minimal_site.root / "notes.md").symlink_to(minimal_site.root / "no-such-file.md")
    errors, lines = run_check(minimal_site, capsys)
    content = os.path.relpath(minimal_site.content, tasks.ROOT)
    for name in ("2026-11-loei.en.md", "2026-11-nan.en.md"):
        assert lines_about(lines, name) == [
            f"{name}:1: this article is outside the content folder, so it is not published: move it into "
            f"{content}/articles/ (on GitHub's website: the pencil, then write content/articles/ before the name "
            "above the text)"]
    assert lines_about(lines, "README.md") == [] and lines_about(lines, "example.en.md") == []
    assert errors == 2


def test_a_photo_or_pdf_outside_the_published_folders_is_a_warning(minimal_site, capsys):
    """A photo or PDF outside the folders the site publishes is a warning; one Pelican ignores is not named.

    Uploaded to content/ itself (GitHub's "Upload files" where the writer stood), it was never shown, without a
    word.
    """
    (minimal_site.content / "IMG_2024.JPG").write_bytes(b"\xff\xd8\xff\xe0 a phone's photo")
    minimal_site.write("data/report3.pdf", "%PDF-1.4")
    minimal_site.write(".git-backup/old.pdf", "%PDF-1.4")
    errors, lines = run_check(minimal_site, capsys)
    assert lines_about(lines, "IMG_2024.JPG") == [
        "IMG_2024.JPG:1: warning: a photo outside the site's folders is not published: put it in "
        "content/images/articles/ and link it as {static}/images/articles/IMG_2024.JPG (on GitHub's website: "
        "upload it there, then delete this one)"]
    assert lines_about(lines, "report3.pdf") == [
        "report3.pdf:1: warning: a PDF outside the site's folders is not published: put it in content/reports/ and "
        "link it as {static}/reports/report3.pdf (on GitHub's website: upload it there, then delete this one)"]
    assert lines_about(lines, "old.pdf") == []
    assert errors == 0


# name: (the tag's line, exact message `make check` prints about it)
TAG_MISTAKES = {
    "a tag typed with spaces inside its braces": (
        "{ % video https://youtu.be/dQw4w9WgXcQ % }",
        "write `{%` and `%}` without a space between the brace and the percent sign, or the tag is published as "
        "text: {% video https://youtu.be/VIDEO_ID %}"),
    "a tag's name with a capital": (
        "{% Video https://youtu.be/dQw4w9WgXcQ %}",
        "{% Video https://youtu.be/dQw4w9WgXcQ %}: write the tag's name in small letters, `{% video ... %}`"),
    "a title of several words without quotes": (
        "{% video https://youtu.be/dQw4w9WgXcQ title=The launch ceremony start=4 %}",
        "{% video https://youtu.be/dQw4w9WgXcQ title=The launch ceremony start=4 %}: a title of several words goes "
        'in straight quotes: title="The launch ceremony"'),
    "a start time in minutes and seconds": (
        "{% video https://youtu.be/dQw4w9WgXcQ start=1:30 %}",
        "{% video https://youtu.be/dQw4w9WgXcQ start=1:30 %}: start=`1:30` must be a number of seconds: write "
        "start=90"),
}


@pytest.mark.parametrize("mistake", list(TAG_MISTAKES), ids=list(TAG_MISTAKES))
def test_each_tag_mistake_names_the_fix(minimal_site, capsys, mistake):
    tag, expected = TAG_MISTAKES[mistake]
    settings = minimal_site.settings_file
    settings.write_text(settings.read_text() + 'CONTENT_CHECKS = ["media.media:check_tags"]\n', encoding="utf-8")
    minimal_site.write("articles/first-news.en.md", GOOD_HEADER.format(slug="first-news") + f"\nIntro.\n\n{tag}\n")
    errors, lines = run_check(minimal_site, capsys)
    assert problems_about(lines, "first-news.en.md") == [f"first-news.en.md:9: {expected}"]
    assert errors == 1


def test_a_tag_typed_with_spaces_was_published_as_text(minimal_site):
    """Why it is an error: before, `make check` said the content was valid and readers saw `{ % video ... % }`."""
    settings = minimal_site.settings_file
    settings.write_text(settings.read_text() + 'CONTENT_CHECKS = ["media.media:check_tags"]\n', encoding="utf-8")
    minimal_site.write("articles/first-news.en.md", GOOD_HEADER.format(slug="first-news")
                       + "\nIntro.\n\n{ % video https://youtu.be/dQw4w9WgXcQ % }\n")
    with pytest.raises(Exit):
        minimal_site.build()
    assert not minimal_site.output.exists()


def test_a_200_megapixel_phone_photo_is_refused_with_its_fix_not_a_traceback(minimal_site, capsys, monkeypatch):
    """Pillow refuses images over twice MAX_IMAGE_PIXELS (179 MP): `make check` printed its traceback.

    The limit is lowered here, so that a small file stands for a 200 MP photo.
    """
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 2_000_000)
    (minimal_site.content / "images").mkdir()
    Image.new("L", (2400, 2000), 128).save(minimal_site.content / "images/IMG_0001.jpg")
    errors, lines = run_check(minimal_site, capsys)
    assert lines_about(lines, "IMG_0001.jpg") == [
        "IMG_0001.jpg:1: this photo is 5 megapixels, more than the site can resize (4 at most): export it at most "
        "3000 pixels wide (a phone's editor, or Windows' Photos: the ⋯ menu, Resize image); a phone's 200 MP mode "
        "makes such photos, its normal mode does not"]
    assert errors == 1


def test_a_very_large_photo_does_not_print_pillows_alarm(minimal_site):
    """Between 89 and 179 MP Pillow warns of a "decompression bomb DOS attack": words that mean nothing to staff.

    Run as `make check` runs, in a process of its own (pytest would catch the warning itself), with the
    limit lowered so that a small file stands for a 100 MP panorama.
    """
    (minimal_site.content / "images").mkdir()
    Image.new("L", (1600, 1500), 128).save(minimal_site.content / "images/panorama.jpg")
    code = ("import sys; from PIL import Image; Image.MAX_IMAGE_PIXELS = 2_000_000; import tasks; "
            "sys.exit(tasks.check_content(sys.argv[1], content=sys.argv[2]))")
    run = subprocess.run([sys.executable, "-c", code, str(minimal_site.settings_file), str(minimal_site.content)],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "DOS attack" not in run.stderr, run.stderr


# name: (the record's text, exact messages; the valid record is test_centres.VALID, which cites [CR])
CENTRE_MISTAKES = {
    # Reported where PyYAML stopped, lines later ("expected ',' or ']', but got '['"), or as a colon to quote.
    "a quote left open inside a list": (
        VALID + '  phones: ["053 791 234", "081 234 5678]\n' + VALID.replace("id: chiang-khong", "id: chiang-saen"),
        ["centres.yaml:12: this is not valid YAML: expected ',' or ']', but got '[': the `[` on this line is not "
         "closed. Close it on this line with `]`, and close every quote inside it"]),
    "a brace left open": (
        VALID + "  hours: {th: จันทร์ถึงศุกร์, en: Monday to Friday\n  email: saraban@dopa.go.th\n",
        ["centres.yaml:12: this is not valid YAML: expected ',' or '}', but got ':': the `{` on this line is not "
         "closed. Close it on this line with `}`, and close every quote inside it"]),
    # The page showed "Office hours: Monday to Friday", without the times, and make check said nothing.
    "a comma inside a language's text": (
        VALID + "  hours: {th: จันทร์ถึงศุกร์ 08.30-16.30 น., en: Monday to Friday, 8.30 am - 4.30 pm}\n",
        ["centres.yaml:12: centre `chiang-khong`, field `hours`: the text after a comma, `8.30 am - 4.30 pm`, was "
         "read as a field of its own and left out: put each language's text in quotes, e.g. "
         '`{th: "...", en: "..., 8.30 am - 4.30 pm"}`']),
    "a field written twice in a copied record": (
        VALID + "  border: KH\n",
        ["centres.yaml:12: centre `chiang-khong`, field `border`: written twice in this record (lines 6 and 12), and "
         "only the last would be read: keep one"]),
    "an invisible character copied after an e-mail address": (
        VALID + "  email: saraban@dopa.go.th\u200b\n",
        # Not "`saraban@dopa.go.th` is not an e-mail address: write it like `name@example.go.th`".
        ["centres.yaml:12: centre `chiang-khong`, field `email`: `saraban@dopa.go.th` looks right, but it holds an "
         "invisible character (U+200B, copied with the text) after `saraban@dopa.go.th`: delete it, or retype it as "
         "`saraban@dopa.go.th`"]),
    "a citation without quotes": (
        VALID.replace('listed_by: "[CR]"', "listed_by: [CR]"),
        ['centres.yaml:11: centre `chiang-khong`, field `listed_by`: write it in quotes, `listed_by: "[CR]"`: without '
         "them the file reads [CR] as a list, not as a citation"]),
    "a citation of two keys without quotes": (
        VALID.replace('listed_by: "[CR]"', "listed_by: [CR] [WS2]"),
        ["centres.yaml:11: this is not valid YAML: expected <block end>, but found '[': a value that starts with `[` "
         'is read as a list. Put the whole value in quotes: `listed_by: "[CR] [WS2]"`']),
    "a citation without brackets": (
        VALID.replace('listed_by: "[CR]"', "listed_by: CR"),
        ["centres.yaml:11: centre `chiang-khong`, field `listed_by`, starts with CR without brackets, so readers "
         "would see it as a note and the sources would not be listed: write `[CR]`, then `;` and the note if there "
         "is one"]),
    "a citation in the quotation marks Word types": (
        VALID.replace('listed_by: "[CR]"', "listed_by: “[CR]”"),
        ["centres.yaml:11: centre `chiang-khong`, field `listed_by`, is in quotation marks (“...), typed by Word or a "
         "chat app, so readers would see them and the sources would not be listed: write `listed_by: \"[CR]\"`, "
         "with the straight quotes YAML needs"]),
    "a non-breaking space pasted from a document": (
        VALID.replace("  border: LA", "  border:\u00a0LA"),
        ["centres.yaml:6: this is not valid YAML: could not find expected ':': the line holds a non-breaking space "
         "(copied from a document or a web page), which YAML does not read as a space: delete the spaces on this "
         "line and type them again"]),
}


@pytest.mark.parametrize("mistake", list(CENTRE_MISTAKES), ids=list(CENTRE_MISTAKES))
def test_each_centre_record_mistake_names_the_field_and_the_fix(tmp_path, mistake):
    """One message each, with the value to write.

    Before: the copied record's first `border` was dropped without a word; `[CR]` was reported as the
    undefined key `['CR']`; two keys blamed the indentation; `CR` was published as a centre confirmed by a
    source named "CR"; the non-breaking space asked for a colon that was there.
    """
    text, expected = CENTRE_MISTAKES[mistake]
    path = tmp_path / "centres.yaml"
    path.write_text(text, encoding="utf-8")
    _centres, problems = load_centres(path, ["th", "en"], {"CR": None, "WS2": None}, {})
    assert [str(problem).replace(f"{tmp_path}/", "") for problem in problems] == expected


@pytest.mark.parametrize("sources, expected", [
    ("WS2 MKCF; the dates follow the Thai page.",
     "Sources starts with WS2 MKCF without brackets, so readers would see it as a note and the sources would not "
     "be listed: write `[WS2] [MKCF]`, then `;` and the note if there is one"),
    ("“[WS2] [MKCF]”; the dates follow the Thai page.",
     "Sources is in quotation marks (“...), typed by Word or a chat app, so readers would see them and the sources "
     "would not be listed: write `Sources: [WS2] [MKCF]`"),
    ('"[WS2]"',
     'Sources is in quotation marks ("...), typed by Word or a chat app, so readers would see them and the sources '
     "would not be listed: write `Sources: [WS2]`"),
])
def test_sources_keys_readers_would_see_as_a_note_are_an_error(minimal_site, capsys, sources, expected):
    """`Sources: WS2 MKCF` or `Sources: “[WS2]”; note` was shown to readers as that note, with no source listed."""
    settings = minimal_site.settings_file
    settings.write_text(settings.read_text() + 'CONTENT_CHECKS = ["sources.sources:check_citations"]\n',
                        encoding="utf-8")
    minimal_site.write("data/sources.yaml", SOURCES_YAML)
    minimal_site.write("articles/first-news.en.md", GOOD_HEADER.format(slug="first-news")
                       + f"Sources: {sources}\n\nText.\n")
    errors, lines = run_check(minimal_site, capsys)
    assert problems_about(lines, "first-news.en.md") == [f"first-news.en.md:6: {expected}"]
    assert errors == 1


def test_a_phone_video_too_large_for_github_is_an_error_and_a_large_one_a_warning(minimal_site, capsys):
    """Both passed `make check`; the first made the push to GitHub fail with a message about Git LFS."""
    settings = minimal_site.settings_file
    settings.write_text(settings.read_text() + 'CONTENT_CHECKS = ["media.media:check_data"]\n', encoding="utf-8")
    minimal_site.write("data/videos.yaml", "[]\n")
    minimal_site.write("data/reports.yaml", "[]\n")
    (minimal_site.content / "videos").mkdir()
    for name, size in (("meeting.mp4", 120_000_000), ("visit.mp4", 60_000_000), ("launch.mp4", 2_000_000)):
        with (minimal_site.content / "videos" / name).open("wb") as file:
            file.truncate(size)
    errors, lines = run_check(minimal_site, capsys)
    fix = ("export it again at 720p (H.264 MP4; a phone's editor, Windows' Clipchamp or the free HandBrake does "
           "it), or put it on YouTube and write `{% video URL %}`")
    assert lines_about(lines, "meeting.mp4") == [
        f"meeting.mp4:1: this video is 120 MB: GitHub refuses files over 100 MB, so the site could not be "
        f"published: {fix}"]
    assert lines_about(lines, "visit.mp4") == [
        f"visit.mp4:1: warning: this video is 60 MB, over the 50 MB limit (VIDEOS_MAX_MB), and readers download it "
        f"from this site: {fix}"]
    assert lines_about(lines, "launch.mp4") == []
    assert errors == 1


def test_an_office_document_left_beside_its_pdf_is_an_error(minimal_site, capsys):
    """It was published as it is, with its author's name; Word's lock file (`~$...`) with it."""
    settings = minimal_site.settings_file
    settings.write_text(settings.read_text() + 'CONTENT_CHECKS = ["media.media:check_data"]\n', encoding="utf-8")
    minimal_site.write("data/videos.yaml", "[]\n")
    minimal_site.write("data/reports.yaml", "[]\n")
    for name in ("reports/seminar-2023.docx", "reports/~$minar-2023.docx", "images/figures.XLSX"):
        minimal_site.write(name, "PK")
    minimal_site.write("reports/notes.txt", "a plain text file")
    minimal_site.write("images/notes.md", "Photos to take next month.\n")  # never copied (STATIC_EXCLUDE_SOURCES)
    errors, lines = run_check(minimal_site, capsys)
    fix = ("would be published as it is, with the names of whoever wrote and edited it and any comments or tracked "
           "changes: export it as PDF (File, Save as, PDF) and remove this file from content/")
    assert lines_about(lines, "seminar-2023.docx") == [f"seminar-2023.docx:1: this Word document {fix}"]
    assert lines_about(lines, "~$minar-2023.docx") == [], "Word's lock file: Pelican never publishes it (IGNORE_FILES)"
    assert lines_about(lines, "figures.XLSX") == [f"figures.XLSX:1: this spreadsheet {fix}"]
    assert lines_about(lines, "notes.txt") == [
        "notes.txt:1: this TXT file would be published as it is, with anything it holds about who made it and where "
        "(the photos in an archive keep their GPS position): keep it outside content/ (the site publishes photos, "
        "PDFs, MP4 videos and their captions), and remove it from content/"]
    assert errors == 3


@pytest.mark.parametrize("name, fix", [
    ("reports/visit-photos.zip", "put each photo, PDF or video in content/ as a file of its own"),
    ("images/articles/banner.psd", "export it as JPEG or PNG (a picture) or as PDF (a document)"),
    ("images/articles/poster.AI", "export it as JPEG or PNG (a picture) or as PDF (a document)"),
    ("videos/interview.avi", "convert it to MP4 and link it with {% video %}"),
])
def test_a_file_the_site_cannot_clean_is_not_published(minimal_site, capsys, name, fix):
    """An archive of phone photos went out with their GPS positions, a design file with its author's name."""
    settings = minimal_site.settings_file
    settings.write_text(settings.read_text() + 'CONTENT_CHECKS = ["media.media:check_data"]\n', encoding="utf-8")
    minimal_site.write("data/videos.yaml", "[]\n")
    minimal_site.write("data/reports.yaml", "[]\n")
    minimal_site.write(name, "PK")
    minimal_site.write("extra/_headers", "/*\n  X-Frame-Options: DENY\n")  # configuration the host reads
    # What Windows, editors and photo tools leave beside the files, which Pelican never publishes (IGNORE_FILES):
    # refused as if it would, Thumbs.db stopped every build on Windows.
    for left in ("images/Thumbs.db", "reports/desktop.ini", "reports/summary.txt~", "images/.picasa/notes.txt"):
        minimal_site.write(left, "x")
    errors, lines = run_check(minimal_site, capsys)
    base = name.rsplit("/", 1)[1]
    kind = base.rsplit(".", 1)[1].upper()
    assert lines_about(lines, base) == [
        f"{base}:1: this {kind} file would be published as it is, with anything it holds about who made it and "
        f"where (the photos in an archive keep their GPS position): {fix}, and remove it from content/"]
    assert lines_about(lines, "_headers") == []
    assert not [line for line in lines if any(left in line for left in ("Thumbs.db", "desktop.ini", "txt~", "picasa"))]
    assert errors == 1


def test_a_large_animated_gif_is_a_warning_like_a_large_photo(minimal_site, capsys):
    """A GIF is published as it is (only JPEG, PNG and WebP are resized), yet had no size warning at all."""
    settings = minimal_site.settings_file
    settings.write_text(settings.read_text() + "PHOTOS_MAX_MB = 0.001\n", encoding="utf-8")
    (minimal_site.content / "images").mkdir()
    frames = [Image.effect_noise((64, 48), 80).convert("P") for _ in range(4)]
    frames[0].save(minimal_site.content / "images/clip.gif", save_all=True, append_images=frames[1:])
    size = (minimal_site.content / "images/clip.gif").stat().st_size / 1_000_000
    errors, lines = run_check(minimal_site, capsys)
    assert lines_about(lines, "clip.gif") == [
        f"clip.gif:1: warning: the image is {size:.1f} MB, over the 0.001 MB limit (PHOTOS_MAX_MB), and the site "
        "publishes GIF files as they are, so every reader downloads all of it: export it smaller (an animation as "
        "an MP4 video, with `{% video %}`)"]
    assert errors == 0


def test_a_key_figure_in_thai_digits_is_told_the_digits_to_write(minimal_site, capsys):
    """`value: "๔๔"` was published as ๔๔ on the English home page too."""
    settings = minimal_site.settings_file
    settings.write_text(settings.read_text() + 'CONTENT_CHECKS = ["key_figures.key_figures:check_data"]\n',
                        encoding="utf-8")
    minimal_site.write("data/key-figures.yaml", "- value: \"๔๔\"\n  label: {th: ศูนย์ประสานงาน, en: centres}\n"
                                                "  source: project brief\n")
    errors, lines = run_check(minimal_site, capsys)
    assert lines_about(lines, "key-figures.yaml") == [
        'key-figures.yaml:1: figure 1, field `value`: `๔๔` is written with Thai digits, which the English home '
        'page would show too: write `value: "44"`']
    assert errors == 1


@pytest.mark.parametrize("written, expected", [
    # YAML reads a number with a leading 0 as octal: the home pages showed 184.
    ("0270", 'write the figure in quotes, `value: "270"`: without them the file reads `0270` as a number, and may '
             "change it (it read 184)"),
    ("1:30", 'write the figure in quotes, `value: "1:30"`: without them the file reads `1:30` as a number, and may '
             "change it (it read 90)"),
    ("44", 'write the figure in quotes, `value: "44"`: without them the file reads `44` as a number, and may change '
           "it (it read 44)"),
    ("“44”", "`“44”` is in the quotation marks Word and phones type, which the home pages would show: write "
             '`value: "44"`'),
    ('"ประมาณ 5,100"', "`ประมาณ 5,100` holds the word `ประมาณ`, which every language's home page would show as it "
                      "is: write the number alone, and the words in each language's `label` (about: ประมาณ)"),
])
def test_a_key_figure_is_published_only_as_written_and_in_no_one_language(minimal_site, capsys, written, expected):
    """Every one of these passed `make check`, and both home pages showed 184, 90, “44” or Thai words."""
    settings = minimal_site.settings_file
    settings.write_text(settings.read_text() + 'CONTENT_CHECKS = ["key_figures.key_figures:check_data"]\n',
                        encoding="utf-8")
    minimal_site.write("data/key-figures.yaml", f"- value: {written}\n  label: {{th: ศูนย์ประสานงาน, en: centres}}\n"
                                                "  source: project brief\n")
    errors, lines = run_check(minimal_site, capsys)
    assert lines_about(lines, "key-figures.yaml") == [f"key-figures.yaml:1: figure 1, field `value`: {expected}"]
    assert errors == 1


def test_a_note_left_in_a_comment_is_not_published(minimal_site):
    """`make new` writes a comment where the text goes; a note left in one was in every copy of the page."""
    minimal_site.write("articles/first-news.en.md", GOOD_HEADER.format(slug="first-news")
                       + "\nText.\n\n<!-- for the editor: call Khun Somchai on 081 234 5678 -->\n\nMore text.\n")
    site = minimal_site.build()
    page = (site.root / "en/articles/first-news.html").read_text(encoding="utf-8")
    assert "More text." in page and "Somchai" not in page


def test_a_report_file_named_in_other_capitals_is_told_the_real_name(tmp_path):
    """Phones and Windows name files `Report.PDF`; the published site is case-sensitive."""
    make_pdf(tmp_path / "reports/seminar.pdf")
    (tmp_path / "reports.yaml").write_text(REPORT_RECORD.replace("reports/seminar.pdf", "reports/Seminar.PDF"),
                                           encoding="utf-8")
    _reports, problems = load_reports(tmp_path / "reports.yaml", tmp_path, ["th", "en"], set(), set(), 8_000_000)
    assert [str(problem).replace(f"{tmp_path}/", "") for problem in problems] == [
        "reports.yaml:2: report `seminar`, field `file`: Seminar.PDF does not exist: the file is "
        "content/reports/seminar.pdf, so write `reports/seminar.pdf`"]


CALENDAR = ("is not a day of the calendar (that month has fewer days, or the time is past 23:59): check the day, the "
            "month and the time")
# name: (data file, text replaced, replacement, the one message: exact, or None for PyYAML's own words)
DATA_FILE_MISTAKES = {
    "a centre checked on 31 November": (
        "centres.yaml", "last_checked: 2026-11-27", "last_checked: 2026-11-31",
        f"field `last_checked`: `2026-11-31` {CALENDAR}"),
    "a report dated 29 February of a common year": (
        "reports.yaml", "date: 2026-11-28", "date: 2026-02-29", f"field `date`: `2026-02-29` {CALENDAR}"),
    "a colon in a report's title": (
        "reports.yaml", "en: The Mekong River Linkage Seminars", "en: Report: The Mekong River Linkage Seminars", None),
    "a colon in a video's title": (
        "videos.yaml", "en: How to report a concern", "en: Video: How to report a concern", None),
    # After a record's list of crossings: the indentation check took an item of it for the record, and blamed the
    # next line, indented rightly.
    "a colon in a centre's citation": ('centres.yaml', 'listed_by: "[CR]"', "listed_by: see: CR",
                                       "this is not valid YAML: mapping values are not allowed here: a value holds a "
                                       "colon and a space (`: `). Put the whole value in quotes, e.g. `en: \"District "
                                       "Office: Chiang Khong\"`"),
}


@pytest.mark.parametrize("mistake", list(DATA_FILE_MISTAKES), ids=list(DATA_FILE_MISTAKES))
def test_one_mistake_in_a_data_file_is_one_message_naming_its_line(tmp_path, capsys, mistake):
    """One message, at the line of the mistake.

    31 November stopped `make check` with a Python traceback naming no file; a colon in one title was followed by
    up to ten messages blaming good PDFs ("add a record ... or remove it") and every tag of the file.
    """
    name, old, new, expected = DATA_FILE_MISTAKES[mistake]
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    data = content / "data" / name
    text = data.read_text(encoding="utf-8")
    assert old in text
    line = text[:text.index(old)].count("\n") + 1
    data.write_text(text.replace(old, new, 1), encoding="utf-8")
    capsys.readouterr()
    errors = tasks.check_content(str(ROOT / "pelicanconf.py"), content=str(content), report=True)
    printed = [line for line in capsys.readouterr().out.splitlines() if ".yaml:" in line or ".md:" in line or
               ".pdf:" in line]
    problems = [text for text in printed if "warning: no English version" not in text and "GPS" not in text]
    assert errors == 1 and len(problems) == 1, problems
    where, _, message = problems[0].partition(f"/data/{name}:{line}: ")
    assert where and message, problems[0]
    if expected:
        assert message == expected


def test_a_header_line_carried_on_to_the_next_line_is_read_as_one_line(minimal_site, capsys):
    """A line that starts with spaces is the rest of the line above, as `make check` reads it and tells staff.

    The pages showed the title as ['...', '...'], lost the sources' note, and a Written date broke the build.
    """
    minimal_site.write("data/sources.yaml", SOURCES_YAML)
    minimal_site.write("articles/first-news.en.md", (
        "Title: NTS-Mekong Watch and UNODC discuss comprehensive\n"
        "    security border management\n"
        "Slug: first-news\nLang: en\nDate: 2024-01-15 09:00\nCategory: news\n"
        "Written: 2024-01-20\n"
        "    10:00\n"
        "Sources: [WS2]; the date is the one\n"
        "    the workshop's page gives.\n"
        "\nText.\n"))
    errors, _lines = run_check(minimal_site, capsys)
    assert errors == 0
    site = minimal_site.build()
    page = site.soup("en/articles/first-news.html")
    title = "NTS-Mekong Watch and UNODC discuss comprehensive security border management"
    assert page.h1.get_text(" ", strip=True) == title and page.title.get_text().startswith(title)
    note = page.select_one(".nm-sources__note").get_text(" ", strip=True)
    assert note == "the date is the one the workshop's page gives.", note
    assert "20 January 2024" in page.select_one(".nm-article__header").get_text(" ", strip=True)


def test_without_a_summary_line_the_first_paragraph_is_the_summary_whole(minimal_site):
    """As make check and the README say; Pelican's cut after 40 words split Thai words at their vowel marks."""
    first = " ".join(["คณะผู้แทนเดินทางไปเมืองเชียงฮ่อนและเมืองเงิน แขวงไซยะบุรี"] * 4)
    # The article opens with a photo, as the README's walk-through does: the summary was empty.
    (minimal_site.content / "images").mkdir()
    Image.new("RGB", (64, 48), "teal").save(minimal_site.content / "images/visit.jpg")
    minimal_site.article("first-news", "th", "ข่าวแรก",
                         body=f"![คณะผู้แทน]({{static}}/images/visit.jpg)\n\n{first}\n\nย่อหน้าที่สอง")
    site = minimal_site.build()
    page = site.soup("articles/first-news.html")
    for shown in (page.find("meta", attrs={"name": "description"})["content"],
                  page.find("meta", property="og:description")["content"]):
        assert " ".join(shown.split()) == first, shown
    listed = site.soup("news/index.html").select_one("main").get_text()
    assert first in " ".join(listed.split()) and "ย่อหน้าที่สอง" not in listed


def test_a_long_first_paragraph_without_a_summary_line_is_a_warning(minimal_site, capsys):
    """Without `Summary:` every list showed a first paragraph of 1,389 characters, and make check said nothing."""
    long = "The delegation met district officers on both banks of the Mekong to agree on patrols. " * 8
    minimal_site.write("articles/first-news.en.md", GOOD_HEADER.format(slug="first-news")
                       + f"\n![The meeting]({{static}}/images/visit.jpg)\n\n{long}\n")
    (minimal_site.content / "images").mkdir()
    Image.new("RGB", (64, 48), "teal").save(minimal_site.content / "images/visit.jpg")
    errors, lines = run_check(minimal_site, capsys)
    assert problems_about(lines, "first-news.en.md") == [
        f"first-news.en.md:1: warning: there is no `Summary:` line, so lists, search results and link previews show "
        f"the first paragraph, {len(long.strip())} characters long: add a `Summary:` line with one or two sentences "
        "(at most about 300 characters)"]
    assert errors == 0


@pytest.mark.parametrize("wrong, right", [("Category: ข่าวสาร", "Category: news"),
                                          ("Slug: ประชุมเวียงจันทน์", "Slug: first-news"),
                                          ("Date_known: เดือน", ""),
                                          ("Lang: TH", "Lang: th")])
def test_a_mistake_in_one_file_is_not_offered_to_its_translation_as_the_fix(minimal_site, capsys, wrong, right):
    """The Thai file's own message only: its wrong value is not the one its translation should copy.

    The English file was told "Use `Category: ข่าวสาร` in both files"; `Lang: TH` was also told its Thai text
    was "not yet translated".
    """
    header = ("Title: ข่าวแรก\nSlug: first-news\nLang: th\nDate: 2024-01-15\nCategory: news\nWritten: 2026-11-27\n"
              "Summary: คณะผู้แทนเดินทางไปเมืองเชียงฮ่อน\n")
    if right:
        header = header.replace(right, wrong)
    else:
        header += wrong + "\n"
    minimal_site.write("articles/first-news.th.md", header + "\n" + "คณะผู้แทนเดินทางไปเมืองเชียงฮ่อน " * 20 + "\n")
    _errors, lines = run_check(minimal_site, capsys)
    assert problems_about(lines, "first-news.en.md") == []
    told = problems_about(lines, "first-news.th.md")
    assert len(told) == 1 and "not yet translated" not in told[0], told


def test_a_title_wrapped_onto_a_second_line_is_one_message(minimal_site, capsys):
    """One message, on line 2, that says the lines after it are not read either.

    After it came "Lang is missing", "Slug is missing", "Date is missing" and "Category is missing", for lines
    the writer could see on lines 3 to 6.
    """
    minimal_site.write("articles/wrapped.en.md", "Title: (TEST) Meeting with Vientiane\nCapital officials\n"
                       "Slug: wrapped\nLang: en\nDate: 2024-01-15\nCategory: news\n\nText.\n")
    errors, lines = run_check(minimal_site, capsys)
    assert problems_about(lines, "wrapped.en.md") == [
        "wrapped.en.md:2: this line is not a `Field: value` line, but the header (the lines before the first blank "
        "line) may hold nothing else: if it is the rest of the `Title:` line above, join it to the end of that line "
        "(or start it with spaces); if the text starts here, add a blank line before the text starts (until then "
        "the lines after it, `Slug:`, `Lang:`, `Date:`, `Category:`, are not read either)"]
    assert errors == 1


def test_a_link_to_a_thai_heading_on_the_same_page_leads_to_it(minimal_site):
    """The heading's id lost its vowel and tone marks (วดโอการประชม): the link led nowhere."""
    minimal_site.article("first-news", "th", "ข่าวแรก",
                         body="[ดูวิดีโอ](#วิดีโอการประชุม)\n\n## วิดีโอการประชุม\n\nข้อความ")
    page = minimal_site.build().soup("articles/first-news.html")
    target = page.select_one(".nm-prose a")["href"].removeprefix("#")
    assert page.find(id=target) is not None and page.find(id=target).name == "h2"


@pytest.mark.parametrize("address, fix", [
    ("https://www.nts-mekong.com/articles/first-news.html", "{filename}/articles/first-news.en.md"),
    ("http://localhost:8000/centres/chiang-khong.html", "{centre}chiang-khong"),
])
def test_an_address_copied_from_the_site_is_told_the_link_for_the_writer_s_language(minimal_site, capsys, address,
                                                                                      fix):
    """The link to write is the writer's language's file, and a centre's {centre} link.

    The English file was told to link to the Thai file (then that the link led to the Thai version), and a
    centre's address was told to become /centres/x.html, which led English readers to the Thai page.
    """
    minimal_site.write("articles/second.en.md", GOOD_HEADER.format(slug="second") + f"\nSee [this]({address}).\n")
    _errors, lines = run_check(minimal_site, capsys)
    told = problems_about(lines, "second.en.md")
    assert len(told) == 1 and told[0].endswith(fix), told


def test_an_image_written_out_in_a_reference_is_named_as_such_by_the_build(minimal_site, capfd):
    """A reference-style image escapes the line check; the build then called it "a `javascript:` link"."""
    minimal_site.write("articles/first-news.en.md", GOOD_HEADER.format(slug="first-news")
                       + "\n![A boat on the river][boat]\n\n[boat]: data:image/png;base64,iVBORw0KGgo=\n")
    with pytest.raises(Exit):
        minimal_site.build()
    printed = " ".join(capfd.readouterr().out.split())
    assert "first-news.en.md:9: a `data:` address" in printed  # (Pelican's log wraps the rest of the message)
    assert "javascript" not in printed
