"""Languages are configuration: a third language, or a different default, needs no code change."""

from __future__ import annotations

import datetime
import re
import shutil
import xml.etree.ElementTree as ET

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from invoke import Context
from invoke.exceptions import Exit

import tasks
from conftest import ROOT, copy_theme
from multilingual.dates import human_date
from multilingual.parts import mark_phrases
from sitereader import BuiltSite

LAO_CATALOGUE = '''msgid ""
msgstr ""
"Language: lo\\n"
"Content-Type: text/plain; charset=utf-8\\n"

msgid "Home"
msgstr "ໜ້າຫຼັກ"

msgid "Skip to main content"
msgstr "ຂ້າມໄປຫາເນື້ອຫາຫຼັກ"
'''

LAO_SETTINGS = '''
LANGUAGES = {
    **LANGUAGES,
    "lo": {
        "name": "ລາວ",
        "untranslated": "ໜ້ານີ້ຍັງບໍ່ມີພາສາລາວ",
        "home": "ໄປໜ້າຫຼັກພາສາລາວ",
        "settings": {"SITENAME": "NTS-Mekong Watch", "SITE_TAGLINE": "ເຊື່ອມໂຍງປະຊາຊົນ",
                     "AGENCY_NAME": "ກົມການປົກຄອງ"},
    },
}
CATEGORIES = {key: {**labels, "lo": labels["en"]} for key, labels in CATEGORIES.items()}
'''


@pytest.mark.parametrize("date, lang, expected", [
    (datetime.date(2024, 3, 5), "th", "5 มีนาคม 2567"),
    (datetime.date(2024, 3, 5), "en", "5 March 2024"),
    (datetime.datetime(2023, 12, 31, 23, 0), "th", "31 ธันวาคม 2566"),
    (datetime.date(2024, 1, 1), "th", "1 มกราคม 2567"),
    (datetime.date(2024, 1, 1), "en", "1 January 2024"),
])
def test_human_dates(date, lang, expected):
    assert human_date(date, lang) == expected


def test_thai_catalogue_translates_every_interface_string():
    extracted = {
        message for _file, _line, message, _comments, _context in
        extract_from_dir(str(ROOT / "theme"), method_map=[("templates/**.html", "jinja2")],
                         options_map={"templates/**.html": {"extensions": "jinja2.ext.i18n",
                                                            "trim_blocks": "True",
                                                            "lstrip_blocks": "True"}})
    }
    assert len(extracted) > 25
    with (ROOT / "theme/translations/th/LC_MESSAGES/messages.po").open("rb") as po_file:
        catalogue = read_po(po_file)
    translated = {message.id: message.string for message in catalogue if message.id}
    missing = sorted(message for message in extracted if not translated.get(message))
    assert not missing, f"add Thai translations for: {missing} (run `invoke translations`)"
    assert all(not message.fuzzy for message in catalogue if message.id), "fuzzy entries are not used"


def test_invoke_translations_updates_the_catalogues_in_a_folder_whose_path_has_a_space(tmp_path, monkeypatch):
    """It ran pybabel through a shell's command line: "/work/trial: No such file or directory", exit 127."""
    root = tmp_path / "my site"
    shutil.copytree(ROOT / "theme", root / "theme", ignore=shutil.ignore_patterns("static"))
    catalogue = root / "theme/translations/th/LC_MESSAGES/messages.po"
    catalogue.write_text(catalogue.read_text(encoding="utf-8").replace('msgid "Search"\n', 'msgid "Old words"\n', 1),
                         encoding="utf-8")
    monkeypatch.setattr(tasks, "ROOT", root)
    tasks.translations.body(Context())
    with catalogue.open("rb") as po_file:
        ids = {message.id for message in read_po(po_file)}
    assert "Search" in ids and "Old words" not in ids, "the catalogue was updated from the templates"
    assert not (root / "theme/translations/messages.pot").exists()


def test_a_third_language_takes_configuration_and_a_catalogue_only(fixture_site, tmp_path):
    theme = copy_theme(tmp_path / "theme")
    catalogue = theme / "translations/lo/LC_MESSAGES/messages.po"
    catalogue.parent.mkdir(parents=True)
    catalogue.write_text(LAO_CATALOGUE, encoding="utf-8")
    fixture = fixture_site(LAO_SETTINGS + f"THEME = {str(theme)!r}\n")
    for lang, title in (("th", "หน้าแรก"), ("en", "Home"), ("lo", "ໜ້າຫຼັກ")):
        fixture.page("home", lang, title, extra="Template: home\nSave_as: index.html\nURL:\n")
        fixture.page("about", lang, f"{title} about")
        fixture.article("shared-news", lang, f"{title} news")
    fixture.article("thai-lao-only", "th", "ไทยและลาว")
    fixture.article("thai-lao-only", "lo", "ໄທ ແລະ ລາວ")
    fixture.build()
    site = BuiltSite(fixture.output, languages=("th", "en", "lo"))

    assert site.soup("lo/index.html").html["lang"] == "lo"
    assert site.soup("lo/about.html").select_one(".nm-nav__link").get_text() == "ໜ້າຫຼັກ"
    assert site.soup("lo/about.html").select_one(".nm-skip-link").get_text() == "ຂ້າມໄປຫາເນື້ອຫາຫຼັກ"
    for page in ("articles/shared-news.html", "en/articles/shared-news.html", "lo/articles/shared-news.html"):
        alternates = {link["hreflang"]: site.page_of(link["href"]) for link in
                      site.soup(page).find_all("link", rel="alternate", hreflang=True)}
        assert alternates == {"th": site.page_of("/articles/shared-news.html"),
                              "en": site.page_of("/en/articles/shared-news.html"),
                              "lo": site.page_of("/lo/articles/shared-news.html"),
                              "x-default": site.page_of("/articles/shared-news.html")}, page
        switches = {link["data-lang-switch"]: site.page_of(link["href"])
                    for link in site.soup(page).select("[data-lang-switch]")}
        assert len(switches) == 2 and all(switches.values())
    # An item in two of three languages links those two, and sends English readers home.
    switches = {link["data-lang-switch"]: link for link in
                site.soup("lo/articles/thai-lao-only.html").select("[data-lang-switch]")}
    assert site.page_of(switches["th"]["href"]) == site.page_of("/articles/thai-lao-only.html")
    assert switches["en"].has_attr("data-untranslated")
    assert site.page_of(switches["en"]["href"]) == site.page_of("/en/")
    feed = ET.parse(site.root / "lo/feeds/all.atom.xml")
    assert len(feed.findall("{http://www.w3.org/2005/Atom}entry")) == 2
    sitemap = (site.root / "sitemap.xml").read_text()
    assert 'hreflang="lo" href="http://localhost:8000/lo/articles/shared-news.html"' in sitemap
    assert not (site.root / "lo" / "theme").exists(), "the theme is copied once"


def test_plugins_listed_before_multilingual_that_cover_every_language_stop_the_build(fixture_site, capfd):
    """Listed just before i18n_subsites (as its README once said), English-only photos had no derivatives.

    photos' last step ran before the English process had handed back its photos; the build succeeded.
    """
    site = fixture_site('PLUGINS = [p for p in PLUGINS if p != "multilingual"]\n'
                        'PLUGINS.insert(PLUGINS.index("i18n_subsites"), "multilingual")\n')
    site.article("first-news", "th", "ข่าวแรก")
    with pytest.raises(Exit):
        site.build()
    printed = " ".join(capfd.readouterr().out.split())
    assert "multilingual: pelicanconf.py:1: list it in PLUGINS before media, photos, search, moved, assets" in printed
    assert "Traceback" not in printed, "a message, not a traceback"


def test_swapping_the_default_language_is_one_setting(fixture_site):
    fixture = fixture_site('DEFAULT_LANG = "en"\n')
    for lang, title in (("th", "หน้าแรก"), ("en", "Home")):
        fixture.page("home", lang, title, extra="Template: home\nSave_as: index.html\nURL:\n")
        fixture.article("news", lang, f"{title} news")
    site = fixture.build()
    site = BuiltSite(fixture.output, default_lang="en")
    assert site.soup("index.html").html["lang"] == "en"
    assert site.soup("th/index.html").html["lang"] == "th"
    assert site.soup("th/index.html").select_one(".nm-skip-link").get_text() == "ข้ามไปยังเนื้อหาหลัก"
    link = site.soup("articles/news.html").find("link", hreflang="th")
    assert site.page_of(link["href"]) == site.page_of("/th/articles/news.html")


def test_a_later_page_of_a_list_switches_to_the_same_page_or_else_to_the_list(fixture_site):
    """A later page of a list switches to the same page of the other language's list, or to the list.

    News page 2 exists in both languages: it switches to page 2. Page 3 exists in Thai only: its English
    switcher says so and leads to the English news list, not to the home page.
    """
    fixture = fixture_site("DEFAULT_PAGINATION = 2\n")
    for number in range(5):
        date = f"2024-01-{number + 10}"
        fixture.article(f"news-{number}", "th", f"ข่าว {number}", date=date)
        if number < 4:
            fixture.article(f"news-{number}", "en", f"News {number}", date=date)
    site = fixture.build()

    def switch(page: str):
        return site.soup(page).select_one("[data-lang-switch]")

    for page, other in (("news/page-2.html", "en/news/page-2.html"), ("en/news/page-2.html", "news/page-2.html")):
        assert site.page_of(switch(page)["href"]) == site.page_of(other), page
        assert not switch(page).has_attr("data-untranslated"), page
    assert not (site.root / "en/news/page-3.html").exists()
    assert switch("news/page-3.html").has_attr("data-untranslated")
    assert site.page_of(switch("news/page-3.html")["href"]) == site.page_of("/en/news/")
    sitemap = (site.root / "sitemap.xml").read_text()
    assert 'hreflang="en" href="http://localhost:8000/en/news/page-2.html"' in sitemap


# Two Latin words side by side: an English phrase, which a Thai voice reads with Thai sounds.
LATIN_PHRASE = re.compile(r"[A-Za-z]{2,}[,:]? [A-Za-z]{2,}")


def test_english_phrases_in_thai_text_are_marked_english(site):
    """WCAG 3.1.2: a Thai voice read "Connecting Nation, Linking People" (a heading) with Thai sounds.

    Every English phrase in the text of the Thai articles and pages is inside an element marked English,
    without staff writing `<span lang="en">` (some did, most did not).
    """
    slugs = {re.search(r"^Slug: *(\S+)", path.read_text(encoding="utf-8"), re.M)[1]
             for path in (ROOT / "content/pages").glob("*.th.md")}
    unmarked, checked, phrases = [], 0, 0
    for page in site.html_pages():
        # The text staff write: the Thai articles and pages (not the lists, whose titles are names).
        if site.lang_of(page) != "th" or not (page.parts[0] == "articles" or page.stem in slugs):
            continue
        checked += 1
        prose = site.soup(page).select_one("main .nm-prose")
        for text in prose.find_all(string=LATIN_PHRASE) if prose else ():
            phrases += 1
            if not text.find_parent(attrs={"lang": re.compile("^en")}) and not text.find_parent(["code", "pre"]):
                unmarked.append(f"{page}: {text.strip()[:60]}")
    assert checked >= 20 and phrases >= 50 and not unmarked, (phrases, unmarked)
    launch = site.soup("articles/project-launch-and-reporting-platform.html")
    heading = next(h for h in launch.select("main h2") if "Connecting Nation" in h.get_text())
    assert heading.find(lang="en").get_text() == "Connecting Nation, Linking People"


@pytest.mark.parametrize("html, expected", [
    # A phrase, in a heading or a paragraph; an entity inside it stays an entity.
    ("<h2>Connecting Nation, Linking People</h2>", '<h2><span lang="en">Connecting Nation, Linking People</span></h2>'),
    ("<p>สำนักงาน (Drugs &amp; Crime: UNODC)</p>", '<p>สำนักงาน (<span lang="en">Drugs &amp; Crime: UNODC</span>)</p>'),
    # A single word or abbreviation is left: names are exempt, and a voice change for each is a stutter.
    ("<p>ร่วมกับ UNODC และ P2P</p>", "<p>ร่วมกับ UNODC และ P2P</p>"),
    # Already marked, code, and attributes are left as they are.
    ('<p><span lang="en">Beyond Border</span></p>', '<p><span lang="en">Beyond Border</span></p>'),
    ("<p><code>make site now</code></p>", "<p><code>make site now</code></p>"),
    ('<p><a href="/a b" title="Read More">อ่าน</a></p>', '<p><a href="/a b" title="Read More">อ่าน</a></p>'),
    ("<p>ไทย&amp;amp ok</p>", "<p>ไทย&amp;amp ok</p>"),
    # One word each, however many dots and hyphens: an e-mail address was cut, mkcfdopa@<span>gmail.com</span>.
    ("<p>อีเมล mkcfdopa@gmail.com หรือ www.nts-mekong.com และ axe-core</p>",
     "<p>อีเมล mkcfdopa@gmail.com หรือ www.nts-mekong.com และ axe-core</p>"),
    # A phrase the Markdown source wraps onto two lines is one phrase.
    ("<p>คำขวัญ Connecting Nation,\nLinking People</p>",
     '<p>คำขวัญ <span lang="en">Connecting Nation,\nLinking People</span></p>'),
    # A ">" inside an attribute's quotes does not end the tag; a closing tag closes its own element.
    ('<p><abbr title="a > Non Traditional Security">NTS</abbr></p>',
     '<p><abbr title="a > Non Traditional Security">NTS</abbr></p>'),
    ("<pre><b>make site</b> now</pre><p>Beyond Border</p>",
     '<pre><b>make site</b> now</pre><p><span lang="en">Beyond Border</span></p>'),
])
def test_latin_phrases_are_marked_outside_tags_code_and_marked_text(html, expected):
    assert mark_phrases(html, "en") == expected


def test_english_phrases_the_templates_draw_on_thai_pages_are_marked_english(site):
    """WCAG 3.1.2: sources' English titles and the videos' text, drawn from data, not from an article, were not."""
    sources = site.soup("about.html").select_one(".nm-sources")
    assert any("People-to-People Connectivity" in span.get_text() for span in sources.select("[lang=en]"))
    video_text = site.soup("videos/index.html").select(".nm-video__text")
    marked = [span.get_text() for text in video_text for span in text.select("[lang=en]")]
    assert any("NTS-Mekong Watch" in phrase for phrase in marked), marked
    assert not site.soup("en/about.html").select_one(".nm-sources").select("span[lang=en]"), "not on English pages"
    # The home page's figures name their sources for screen readers, in a hidden text.
    figures = site.soup("index.html").select(".nm-figures__source .nm-visually-hidden [lang=en]")
    assert any("People-to-People" in span.get_text() for span in figures), figures


def test_a_pelican_release_other_than_the_checked_one_stops_the_build(monkeypatch):
    """The build relies on private parts of Pelican and i18n-subsites: another release could change them silently."""
    from multilingual import multilingual

    pinned = dict(re.findall(r"^(pelican|pelican-i18n-subsites)==(\S+)", (ROOT / "requirements.txt").read_text(),
                             re.MULTILINE))
    assert pinned == multilingual.TESTED_RELEASES, "requirements.txt pins the releases the build was checked with"
    multilingual.check_tested_releases()
    monkeypatch.setitem(multilingual.TESTED_RELEASES, "pelican", "4.11.0")
    with pytest.raises(SystemExit) as stopped:
        multilingual.check_tested_releases()
    assert [str(problem) for problem in stopped.value.problems] == [
        'requirements.in:1: pelican 4.12.0 is installed, and this site was checked with 4.11.0 only: follow '
        'README.md, "Upgrading Pelican", then set its release in TESTED_RELEASES '
        '(plugins/multilingual/multilingual.py)']
