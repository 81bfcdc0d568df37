"""`make new`: a new article pair in one command, valid, linked both ways, never overwriting."""

from __future__ import annotations

import re

import pytest
from invoke import Context
from invoke.exceptions import Exit

import tasks


def test_new_creates_a_valid_pair_that_builds_and_links_both_ways(minimal_site, capsys):
    tasks.new(Context(), title="Reciprocal visit to Savannakhet: 3 days!", category="activities",
              date="2026-11-28 09:30", settings=str(minimal_site.settings_file))
    thai = minimal_site.content / "articles/2026-11-reciprocal-visit-to-savannakhet-3-days.th.md"
    english = thai.with_name("2026-11-reciprocal-visit-to-savannakhet-3-days.en.md")
    assert "Slug: reciprocal-visit-to-savannakhet-3-days\nLang: th\nDate: 2026-11-28 09:30\nCategory: activities" \
        in thai.read_text(encoding="utf-8")
    assert english.read_text(encoding="utf-8").startswith("Title: Reciprocal visit to Savannakhet: 3 days!\n")
    assert "Write the English text here" in english.read_text(encoding="utf-8")
    for path in (thai, english):  # what staff do next: replace the placeholders with the article
        text = re.sub(r"\[[^\]]*\] ?", "", path.read_text(encoding="utf-8"))
        path.write_text(re.sub(r"<!--.*?-->", "Text of the visit.", text).replace("Summary: \n", "Summary: A visit.\n"),
                        encoding="utf-8")
    site = minimal_site.build()
    for page, other in (("articles/reciprocal-visit-to-savannakhet-3-days.html",
                         "en/articles/reciprocal-visit-to-savannakhet-3-days.html"),
                        ("en/articles/reciprocal-visit-to-savannakhet-3-days.html",
                         "articles/reciprocal-visit-to-savannakhet-3-days.html")):
        switch = site.soup(page).select_one("[data-lang-switch]")
        assert not switch.has_attr("data-untranslated") and str(site.page_of(switch["href"])) == other


def test_new_refuses_an_existing_slug(minimal_site):
    with pytest.raises(Exit) as refusal:
        tasks.new(Context(), title="First news", category="news", date="2026-11-28 09:30",
                  settings=str(minimal_site.settings_file))
    assert "slug `first-news` already exists" in refusal.value.message
    assert not list(minimal_site.content.glob("articles/2026-11-*"))


def test_new_never_writes_over_a_pair_whose_slug_was_changed_since(minimal_site):
    """README's renaming keeps the file names: the same title again in that month rewrote the staff's article."""
    settings = str(minimal_site.settings_file)
    tasks.new(Context(), title="Field visit", category="news", date="2026-11-05 10:00", settings=settings)
    written = {}
    for path in minimal_site.content.glob("articles/2026-11-field-visit.*.md"):
        text = path.read_text(encoding="utf-8").replace("Slug: field-visit", "Slug: field-visit-nan")
        path.write_text(text + "The staff's own text.\n", encoding="utf-8")
        written[path] = path.read_text(encoding="utf-8")
    with pytest.raises(Exit) as refusal:
        tasks.new(Context(), title="Field visit", category="news", date="2026-11-20 10:00", settings=settings)
    assert "already exists" in refusal.value.message and "nothing was written" in refusal.value.message
    assert len(written) == 2 and all(path.read_text(encoding="utf-8") == text for path, text in written.items())


@pytest.mark.parametrize("title, slug", [
    ("Reciprocal visit to Pakxé, Champasak", "reciprocal-visit-to-pakxe-champasak"),
    ("Meeting in Xé Kong province", "meeting-in-xe-kong-province"),
    ("Women’s forum in Loei", "womens-forum-in-loei"),  # as Word types the apostrophe
    ("Women's forum in Loei", "womens-forum-in-loei"),
    ("Đà Nẵng meeting", "da-nang-meeting"),
])
def test_new_keeps_the_letters_of_accented_words_in_the_address(minimal_site, title, slug):
    tasks.new(Context(), title=title, category="news", date="2026-11-05 10:00",
              settings=str(minimal_site.settings_file))
    assert (minimal_site.content / f"articles/2026-11-{slug}.en.md").exists()


def test_new_refuses_an_unknown_category(minimal_site):
    with pytest.raises(Exit) as refusal:
        tasks.new(Context(), title="Anything", category="sport", settings=str(minimal_site.settings_file))
    assert "Category `sport` is not one of news, activities, impact-stories" in refusal.value.message
    with pytest.raises(Exit) as refusal:
        tasks.new(Context(), title="Anything", category="News", settings=str(minimal_site.settings_file))
    assert refusal.value.message.endswith("Did you mean `news`?")


@pytest.mark.parametrize("date, message", [
    ("15/01/2026", "The date `15/01/2026` is not a date: write it as YYYY-MM-DD or YYYY-MM-DD HH:MM"),
    ("tomorrow", "The date `tomorrow` is not a date"),
    ("2569-01-15", "The date `2569-01-15`: 2569 is a Buddhist Era year; write the year of the Western calendar "
                   "(543 less), e.g. 2026-01-15"),
    ("15/01/2569", "The date `15/01/2569` is not a date: write it as YYYY-MM-DD or YYYY-MM-DD HH:MM, e.g. "
                   "2026-01-15"),
    ("2099-01-15", "The date `2099-01-15` is in the future (today is "),
])
def test_new_refuses_a_date_it_cannot_use_and_creates_nothing(minimal_site, date, message):
    before = sorted(minimal_site.content.rglob("*"))
    with pytest.raises(Exit) as refusal:
        tasks.new(Context(), title="Visit", category="news", date=date, settings=str(minimal_site.settings_file))
    assert message in refusal.value.message
    assert sorted(minimal_site.content.rglob("*")) == before


def test_a_new_pair_left_as_make_new_wrote_it_cannot_be_published(minimal_site, capsys):
    """Placeholders in square brackets and an empty body would be published as they are."""
    tasks.new(Context(), title="Border visit", category="news", date="2026-11-15 09:00",
              settings=str(minimal_site.settings_file))
    capsys.readouterr()
    errors = tasks.check_content(str(minimal_site.settings_file), content=str(minimal_site.content), report=True)
    printed = capsys.readouterr().out
    assert errors == 5, printed  # the Thai title, both summaries, both empty bodies
    assert "2026-11-border-visit.th.md:1: Title still holds the placeholder that `make new` wrote, " \
        "`แปลชื่อเรื่องเป็นภาษาไทย`: replace it with the real title" in printed
    assert "2026-11-border-visit.en.md:6: Summary still holds the placeholder" in printed
    assert "2026-11-border-visit.en.md:1: the article has no text after its metadata (a comment is not shown)" \
        in printed


def test_the_language_written_later_may_keep_its_placeholders_as_a_draft(minimal_site, capsys):
    """README, "Publishing one language first": the other file waits, marked as a draft."""
    tasks.new(Context(), title="Border visit", category="news", date="2026-11-15 09:00",
              settings=str(minimal_site.settings_file))
    english = minimal_site.content / "articles/2026-11-border-visit.en.md"
    english.write_text(english.read_text(encoding="utf-8").replace("Lang: en\n", "Lang: en\nStatus: draft\n"),
                       encoding="utf-8")
    capsys.readouterr()
    tasks.check_content(str(minimal_site.settings_file), content=str(minimal_site.content), report=True)
    assert "2026-11-border-visit.en.md:" not in capsys.readouterr().out


def test_a_title_of_its_own_may_start_with_brackets(minimal_site, capsys):
    """Only the texts `make new` writes are placeholders: `[TEST] ...` was refused as one."""
    minimal_site.article("test-run", "en", "[TEST] Meeting with district officials")
    minimal_site.article("test-run", "th", "[ทดสอบ] ประชุมกับเจ้าหน้าที่อำเภอ", extra="Summary: [ภาพข่าว] การประชุม\n")
    capsys.readouterr()
    errors = tasks.check_content(str(minimal_site.settings_file), content=str(minimal_site.content))
    assert errors == 0, capsys.readouterr().out


def test_new_without_a_title_and_nobody_to_type_it_says_how_to_give_it(minimal_site, monkeypatch):
    """Run from a script (no keyboard), `make new` without TITLE ended in an EOFError traceback."""
    def no_keyboard(question):
        raise EOFError

    monkeypatch.setattr("builtins.input", no_keyboard)
    with pytest.raises(Exit) as refusal:
        tasks.new(Context(), category="news", settings=str(minimal_site.settings_file))
    assert 'give it on the command line, as in make new TITLE="English title"' in refusal.value.message
    assert not list(minimal_site.content.glob("articles/*-.th.md"))


def test_a_placeholder_filled_in_by_deleting_its_brackets_is_still_a_placeholder(minimal_site, capsys):
    """`Summary: One or two sentences that sum up the article` passed: the instruction would be every list's text."""
    tasks.new(Context(), title="Border visit", category="news", date="2026-11-15 09:00",
              settings=str(minimal_site.settings_file))
    english = minimal_site.content / "articles/2026-11-border-visit.en.md"
    english.write_text(english.read_text(encoding="utf-8").replace("[", "").replace("]", ""), encoding="utf-8")
    capsys.readouterr()
    tasks.check_content(str(minimal_site.settings_file), content=str(minimal_site.content))
    assert "2026-11-border-visit.en.md:6: Summary still holds the placeholder that `make new` wrote, `One or two " \
        "sentences that sum up the article`: replace it with the real summary" in capsys.readouterr().out
