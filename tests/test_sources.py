"""Sources and notes: what a page cites reaches the reader, linked, in the page's language; bad keys are caught."""

from __future__ import annotations

import pytest

import tasks
from sources.sources import note_parts, split_citation

SOURCES_YAML = """\
- key: WS2
  title: {th: การสัมมนาครั้งที่ 2, en: The second workshop}
  publisher: {th: เว็บไซต์เดิมของโครงการ, en: The project's former website}
  url: https://nts-mekong.com/en/event-en-0923/
  language: en
- key: MKCF
  title: {th: หน้าโครงการของกองทุน, en: The fund's project page}
  url: https://mekongrok.org/project_view.php?vid=754
  language: both
- key: BRIEF
  title: {th: เอกสารสรุปโครงการ, en: The project brief}
  language: en
"""
CHECKS = 'CONTENT_CHECKS = ["key_figures.key_figures:check_data", "sources.sources:check_citations"]\n'


@pytest.mark.parametrize("text, keys, note", [
    ("[WS2] [MKCF]; the brief's name is used.", ["WS2", "MKCF"], "the brief's name is used."),
    ("[WS2][MKCF]. Notes: both dates are kept.", ["WS2", "MKCF"], "Notes: both dates are kept."),
    ("[BRIEF]", ["BRIEF"], ""),
    ("Policy set by the editors.", [], "Policy set by the editors."),
])
def test_a_citation_is_its_leading_keys_then_a_note(text, keys, note):
    assert split_citation(text) == (keys, note)


def test_an_address_pasted_in_a_note_becomes_a_link_without_its_full_stop():
    assert note_parts("See https://example.org/a?b=1. Then more.") == (
        ("See ", None), ("https://example.org/a?b=1", "https://example.org/a?b=1"), (". Then more.", None))


@pytest.fixture
def cited_site(fixture_site):
    fixture = fixture_site(CHECKS)
    fixture.write("data/sources.yaml", SOURCES_YAML)
    sources = "[WS2] [MKCF]; {note} https://example.org/report."
    fixture.article("seminar", "th", "การสัมมนา", extra="Sources: " + sources.format(
        note="[WS2] เรียกงานนี้ว่าการประชุมเชิงปฏิบัติการ ดูเพิ่มเติมที่") + "\n")
    fixture.article("seminar", "en", "The seminar", extra="Sources: " + sources.format(
        note="[WS2] calls it a workshop; see also") + "\n")
    fixture.page("about", "th", "เกี่ยวกับ", extra="Sources: [BRIEF]\n")
    fixture.page("about", "en", "About", extra="Sources: [BRIEF]\n")
    return fixture


def block_of(site, page):
    return site.soup(page).select_one("section.nm-sources")


def test_each_page_lists_its_sources_in_its_own_language_linked_and_its_note(cited_site, caplog):
    site = cited_site.build()
    assert not [r for r in caplog.records if r.levelname in ("WARNING", "ERROR", "CRITICAL")]
    thai = block_of(site, "articles/seminar.html")
    assert thai.h2.get_text() == "แหล่งข้อมูลและหมายเหตุ"
    assert thai.has_attr("data-pagefind-ignore")  # a search for "workshop" finds the article, not its sources
    items = thai.select("li")
    assert [item.a.get_text() for item in items] == ["การสัมมนาครั้งที่ 2", "หน้าโครงการของกองทุน"]
    # The former website's page is gone once this site takes its address: the archived copy is linked.
    assert items[0].a["href"] == "https://web.archive.org/web/2025/https://nts-mekong.com/en/event-en-0923/"
    assert items[0].a["hreflang"] == "en" and "(ภาษาอังกฤษ)" in items[0].get_text()
    assert "สำเนาที่เก็บถาวร" in items[0].get_text()
    assert items[1].a["href"] == "https://mekongrok.org/project_view.php?vid=754"
    assert "ภาษาอังกฤษ" not in items[1].get_text()  # a source in both languages needs no warning
    note = thai.select_one(".nm-sources__note")
    assert note.get_text().startswith("[WS2] เรียกงานนี้ว่า")
    assert note.a["href"] == "https://example.org/report"

    english = block_of(site, "en/articles/seminar.html")
    assert english.h2.get_text() == "Sources and notes"
    assert [item.a.get_text() for item in english.select("li")] == ["The second workshop", "The fund's project page"]
    assert "(in English)" not in english.get_text()
    assert english.select_one(".nm-sources__note").get_text().startswith("[WS2] calls it a workshop")

    brief = block_of(site, "en/about.html")
    assert brief.li.a is None and "The project brief" in brief.li.get_text()  # no address: no link


def test_a_page_that_cites_nothing_has_no_sources_block(minimal_site):
    site = minimal_site.build()
    assert all(site.soup(page).select_one("section.nm-sources") is None for page in site.html_pages())


def run_check(fixture, capsys) -> tuple[int, list[str]]:
    capsys.readouterr()
    errors = tasks.check_content(str(fixture.settings_file), content=str(fixture.content), report=True)
    return errors, capsys.readouterr().out.splitlines()


def test_a_key_the_sources_file_lacks_is_an_error_naming_the_file_line_and_nearest_key(cited_site, capsys):
    cited_site.article("visit", "en", "Visit", extra="Sources: [WS-2]; the [MKCF2] page says so.\n")
    cited_site.article("visit", "th", "การเยือน", extra="Sources: [WS2]\n")
    errors, lines = run_check(cited_site, capsys)
    about = [line[line.index("visit.en.md"):] for line in lines if "visit.en.md" in line]
    assert about == [
        "visit.en.md:6: Sources cites [WS-2], which data/sources.yaml does not define: did you mean [WS2]? "
        "Otherwise add a record with `key: WS-2` to that file",
        "visit.en.md:6: Sources cites [MKCF2], which data/sources.yaml does not define: did you mean [MKCF]? "
        "Otherwise add a record with `key: MKCF2` to that file",
    ] and errors == 2


def test_a_bad_sources_record_and_a_figure_citing_an_unknown_key_are_errors(cited_site, capsys):
    cited_site.write("data/sources.yaml", SOURCES_YAML + "- key: ws3\n  title: {th: ครั้งที่ 3}\n  language: lo\n")
    cited_site.write("data/key-figures.yaml", "- value: '44'\n  label: {th: ศูนย์, en: centres}\n"
                                              "  source: \"[MWCC]\"\n")
    errors, lines = run_check(cited_site, capsys)
    messages = [line.split("/content/", 1)[1] for line in lines if "/content/data/" in line]
    assert messages == [
        "data/key-figures.yaml:3: figure 1, field `source`, cites [MWCC], which data/sources.yaml does not "
        "define: add a record with `key: MWCC` to that file",
        "data/sources.yaml:13: source 4, field `key`: `ws3` must be capital English letters and digits, as "
        "cited in brackets: e.g. `key: WS2`, cited as `[WS2]`",
        "data/sources.yaml:14: source 4, field `title.en`: is missing: add the text in `en` ({th: ..., en: ...})",
        "data/sources.yaml:15: source 4, field `language`: `lo` must be one of th, en, both: the language of "
        "the source itself",
    ] and errors == 4
