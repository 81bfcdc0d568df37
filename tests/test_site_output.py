"""The real site, built from the repository's content, read page by page as a visitor would."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from invoke import Context
from invoke.exceptions import Exit
from PIL import Image, ImageChops

import tasks
from sitereader import shown_text

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = tasks.read_settings(tasks.CONFIG["settings_base"])
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
THAI = re.compile(r"[\u0E00-\u0E7F]")
# Written here, not taken from Babel, so the test does not trust the code under test.
THAI_MONTHS = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
               "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"]
ENGLISH_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December"]


def content_sources(kind: str) -> list[dict]:
    """Read the metadata headers of the repository's content files directly."""
    sources = []
    for path in sorted((ROOT / "content" / kind).glob("*.md")):
        header = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                break
            key, _, value = line.partition(":")
            header[key.strip().lower()] = value.strip()
        header["path"] = path
        sources.append(header)
    return sources


def page_for(site, source: dict, kind: str) -> Path:
    """The output file of a content file, per the site's URL scheme."""
    prefix = "" if source["lang"] == "th" else "en/"
    if kind == "articles":
        return Path(f"{prefix}articles/{source['slug']}.html")
    if source["slug"] == "home":
        return Path(f"{prefix}index.html")
    return Path(f"{prefix}{source['slug']}.html")


def test_every_content_file_is_published_in_its_language(site):
    for kind in ("articles", "pages"):
        for source in content_sources(kind):
            page = page_for(site, source, kind)
            assert (site.root / page).is_file(), f"{source['path'].name} was not published at {page}"
            title = shown_text(site.soup(page).find("h1"))
            assert title == source["title"], f"{page} shows the title {title!r}"


def test_every_page_declares_its_language(site):
    pages = site.html_pages()
    assert len(pages) > 40
    for page in pages:
        assert site.soup(page).html.get("lang") == site.lang_of(page), page


def test_element_ids_are_unique_on_every_page(site):
    for page in site.html_pages():
        ids = [element["id"] for element in site.soup(page).find_all(id=True)]
        assert len(ids) == len(set(ids)), f"{page}: duplicate ids {sorted(i for i in ids if ids.count(i) > 1)}"


def test_nothing_is_published_under_drafts(site):
    assert not list(site.root.rglob("drafts"))
    assert not any("drafts/" in str(page) for page in site.html_pages())


def test_hreflang_links_are_reciprocal_and_lead_to_existing_pages(site):
    checked = 0
    for page in site.html_pages():
        links = {link["hreflang"]: link["href"]
                 for link in site.soup(page).find_all("link", rel="alternate", hreflang=True)}
        if not links:
            continue
        assert links.get(site.lang_of(page)) == site.page_url(page) or \
            site.page_of(links[site.lang_of(page)]) == page, f"{page} does not list itself"
        assert "x-default" in links, f"{page} has no x-default"
        assert site.page_of(links["x-default"]) == site.page_of(links["th"]), page
        for lang, url in links.items():
            target = site.page_of(url)
            assert target is not None, f"{page}: hreflang {lang} -> {url} does not exist"
            assert site.lang_of(target) == lang or lang == "x-default", f"{page}: {url} is not {lang}"
            back = {link["hreflang"]: site.page_of(link["href"]) for link in
                    site.soup(target).find_all("link", rel="alternate", hreflang=True)}
            assert back.get(site.lang_of(page)) == page, f"{target} does not link back to {page}"
            checked += 1
    assert checked > 60


def test_canonical_urls_are_clean(site):
    for page in site.html_pages():
        if page.name == "404.html":  # served at every missing address: no address of its own
            continue
        canonical = site.soup(page).find("link", rel="canonical")["href"]
        assert "/../" not in canonical and "/th/" not in canonical, f"{page}: {canonical}"
        assert site.page_of(canonical) == page, f"{page}: canonical {canonical} is another page"


def test_language_switcher_leads_to_the_same_item_in_the_other_language(site):
    """Every page whose path exists in the other language switches to it; only the others say there is none.

    Translations share their paths, and so do the later pages of a list.
    """
    for page in site.html_pages():
        switch = site.soup(page).select_one("[data-lang-switch]")
        target = site.page_of(switch["href"])
        assert target is not None, f"{page}: switcher -> {switch['href']} does not exist"
        assert site.lang_of(target) == switch["data-lang-switch"] != site.lang_of(page)
        counterpart = Path("en", page) if site.lang_of(page) == "th" else Path(*page.parts[1:])
        if page.name == "404.html":  # a missing page has no version elsewhere: the other language's home
            assert target == counterpart.with_name("index.html") and not switch.has_attr("data-untranslated")
        elif (site.root / counterpart).is_file():
            assert not switch.has_attr("data-untranslated") and target == counterpart, \
                f"{page}: switcher leads to {target}, not to {counterpart}"
        else:
            assert switch.has_attr("data-untranslated"), f"{page}: {counterpart} does not exist"
    assert (site.root / "news/page-2.html").is_file() and (site.root / "en/news/page-2.html").is_file()



def test_shared_links_preview_each_page_in_its_own_language(site):
    """What Facebook, LINE or X show for a shared address: the page's own title, summary, address and language."""
    locales = {"th": "th_TH", "en": "en_GB"}
    taglines = {lang: language["settings"]["SITE_TAGLINE"] for lang, language in SETTINGS["LANGUAGES"].items()}
    articles = reports = 0
    for page in site.html_pages():
        soup = site.soup(page)
        preview = {tag["property"]: tag["content"] for tag in soup.find_all("meta", property=True)}
        assert preview["og:title"] == soup.title.get_text().removesuffix(" | NTS-Mekong Watch"), page
        assert preview["og:description"] == soup.find("meta", attrs={"name": "description"})["content"], page
        canonical = soup.find("link", rel="canonical")
        assert preview.get("og:url") == (canonical and "http://localhost:8000" + canonical["href"]), page
        assert preview["og:locale"] == locales[site.lang_of(page)], page
        others = {link["hreflang"] for link in soup.find_all("link", rel="alternate", hreflang=True)}
        alternates = {tag["content"] for tag in soup.find_all("meta", property="og:locale:alternate")}
        assert alternates == {locales[lang] for lang in others - {"x-default", site.lang_of(page)}}, page
        image = preview["og:image"].removeprefix("http://localhost:8000/")
        if page.parent.name == "reports" and page.name != "index.html":
            reports += 1  # a report's preview is its first page
            assert image == f"reports/thumbnails/{page.stem}.png" and (site.root / image).is_file(), page
        else:  # the shipped articles' drawings are SVG, which previews cannot show: the language's card
            lang = site.lang_of(page)
            assert image == f"theme/images/share-card-{lang}.png", page
            assert preview["og:image:alt"] == f"NTS-Mekong Watch: {taglines[lang]}", page
            with Image.open(site.root / image) as card:
                assert card.size == (int(preview["og:image:width"]), int(preview["og:image:height"])), page
        if page.parent.name == "articles":
            articles += 1
            assert preview["og:type"] == "article"
            # The day the article was published here is one its header shows (which one: the test of `Written`).
            shown = [time["datetime"] for time in soup.select(".nm-article__header time")]
            assert preview["article:published_time"][:10] in shown, page
        elif page.name == "index.html":
            assert preview["og:type"] == "website"
    assert articles >= 29 and reports == 6
    thai_only = site.soup("articles/nan-thung-chang-visit.html")
    assert not thai_only.find_all("meta", property="og:locale:alternate")

def test_untranslated_article_switches_to_the_english_home_page_and_says_so(site):
    page = Path("articles/nan-thung-chang-visit.html")
    assert (site.root / page).is_file()
    assert not (site.root / "en" / page).exists()
    switch = site.soup(page).select_one("[data-lang-switch]")
    assert switch.has_attr("data-untranslated")
    assert site.page_of(switch["href"]) == Path("en/index.html")
    assert switch["lang"] == "en" and "no English version" in switch.get_text()
    english_pages = [site.soup(p).get_text() for p in site.html_pages() if site.lang_of(p) == "en"]
    assert not any("nan-thung-chang-visit" in str(site.soup(p)) for p in site.html_pages()
                   if site.lang_of(p) == "en"), "an English page links to the Thai-only article"
    assert english_pages


def test_stylesheets_fonts_and_images_resolve_in_both_languages(site):
    for page in site.html_pages():
        soup = site.soup(page)
        for link in soup.find_all("link", rel=["stylesheet", "preload", "icon"]):
            assert site.file_for(link["href"], page), f"{page}: {link['href']} is missing"
        for image in soup.find_all("img"):
            assert site.file_for(image["src"], page), f"{page}: image {image['src']} is missing"
            assert image.has_attr("alt"), f"{page}: {image['src']} has no alt attribute"
    [css] = (site.root / "theme/css").glob("site.*.css")
    fonts = re.findall(r'url\("([^"]+\.woff2)"\)', css.read_text())
    assert len(fonts) == 4
    for font in fonts:
        assert (css.parent / font).resolve().is_file(), font


def test_content_images_are_published_once_with_alt_text_in_the_page_language(site):
    assert not (site.root / "en" / "images").exists()
    checked = {"th": 0, "en": 0}
    for page in site.html_pages():
        for image in site.soup(page).select(".nm-prose img"):
            if image.find_parent(class_=["nm-report-card", "nm-video"]):
                continue  # decorative: the card's title and the player's label name them
            assert image["alt"].strip(), f"{page}: {image['src']} has empty alt text"
            assert bool(THAI.search(image["alt"])) == (site.lang_of(page) == "th"), \
                f"{page}: alt text of {image['src']} is not in the page's language"
            checked[site.lang_of(page)] += 1
    assert checked["th"] >= 10 and checked["en"] >= 10, checked


def test_no_request_leaves_the_site(site):
    for page in site.html_pages():
        soup = site.soup(page)
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for element in soup.find_all(tag):
                url = element.get(attribute)
                if url and not (tag == "link" and "alternate" in element.get("rel", [])):
                    assert site.url_path(url, page) is not None, f"{page}: third-party {url}"
        inline = [script for script in soup.find_all("script", src=False)
                  if script.get("type") != "application/ld+json"]  # data, never executed
        assert not inline, f"{page} has an inline script"
        assert not soup.find(style=True), f"{page} has an inline style attribute"


@pytest.mark.parametrize("lang, feed, home", [("th", "feeds/all.atom.xml", "/"),
                                              ("en", "en/feeds/all.atom.xml", "/en/")])
def test_each_language_has_its_own_feed(site, lang, feed, home):
    tree = ET.parse(site.root / feed)
    # Feed readers choose fonts, line breaks and speech by the feed's language.
    assert tree.getroot().get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    self_link = tree.find(f"{ATOM}link[@rel='self']").get("href")
    assert self_link == f"{site.origin}/{feed}"
    alternate = tree.find(f"{ATOM}link[@rel='alternate']").get("href")
    assert site.url_path(alternate) == home
    entries = tree.findall(f"{ATOM}entry")
    articles = [s for s in content_sources("articles") if s["lang"] == lang]
    assert len(entries) == len(articles)
    for entry in entries:
        page = site.page_of(entry.find(f"{ATOM}link").get("href"))
        assert page is not None and site.lang_of(page) == lang
    # Every page of this language points readers at this feed.
    index = site.soup("index.html" if lang == "th" else "en/index.html")
    feed_link = index.find("link", type="application/atom+xml")
    assert site.file_for(feed_link["href"]) == site.root / feed
    # A reader subscribed to both languages tells the two feeds apart by their titles: each has the title
    # its pages announce it by, in its language, and the language's tagline.
    assert tree.find(f"{ATOM}title").text == feed_link["title"]
    other = ET.parse(site.root / ("en/feeds/all.atom.xml" if lang == "th" else "feeds/all.atom.xml"))
    assert tree.find(f"{ATOM}title").text != other.find(f"{ATOM}title").text
    assert tree.find(f"{ATOM}subtitle").text == index.select_one(".nm-hero__kicker").get_text()


def test_sitemap_lists_every_page_with_its_alternates(site):
    tree = ET.parse(site.root / "sitemap.xml")
    entries = {site.page_of(url.find(f"{SITEMAP}loc").text): url for url in tree.findall(f"{SITEMAP}url")}
    # Every page but those that ask search engines not to index them: the 404 pages and search pages.
    expected = {page for page in site.html_pages()
                if not site.soup(page).find("meta", attrs={"name": "robots", "content": "noindex"})}
    assert {"search.html", "en/search.html"} <= {str(page) for page in site.html_pages()} - {str(p) for p in expected}
    assert set(entries) == expected
    for page, entry in entries.items():
        in_sitemap = {link.get("hreflang"): site.page_of(link.get("href"))
                      for link in entry.findall(f"{XHTML}link")}
        in_page = {link["hreflang"]: site.page_of(link["href"]) for link in
                   site.soup(page).find_all("link", rel="alternate", hreflang=True)}
        assert in_sitemap == in_page, page
    robots = (site.root / "robots.txt").read_text()
    assert f"Sitemap: {site.origin}/sitemap.xml" in robots


@pytest.mark.parametrize("source", [s for s in content_sources("articles")], ids=lambda s: s["path"].name)
def test_an_article_about_an_earlier_event_says_when_it_was_written_and_is_published_then(site, source):
    """A text written in 2026 about a seminar of 2023 read as a report of 2023: "Published 21 July 2023".

    With `Written:`, its page names the first date as the event's and says when the text was written, and
    its feed entry and link preview give that day as the day it was published.
    """
    page = site.soup(page_for(site, source, "articles"))
    meta = page.select_one(".nm-article__header .nm-meta")
    dates = [time["datetime"] for time in meta.select("time")]
    label = meta.get_text(" ", strip=True).split(" ")[0]
    published = source.get("written") or source["date"][:10]
    # As much of the event's date as the sources give (`Date_known:`): 2023-12, 2024.
    assert dates[0] == source["date"][:{"day": 10, "month": 7, "year": 4}[source.get("date_known", "day")]]
    if source.get("written"):
        assert dates[1] == source["written"]
        # "Period" when the sources give only the month or the year: วันที่ promises a day.
        labels = {"th": "วันที่ของเหตุการณ์", "en": "Date"} if source.get("date_known", "day") == "day" else \
            {"th": "ช่วงเวลาของเหตุการณ์", "en": "Period"}
        assert label == labels[source["lang"]], meta.get_text()
        assert {"th": "เขียนขึ้นสำหรับเว็บไซต์นี้เมื่อ", "en": "Written for this website"}[source["lang"]] in meta.get_text()
    else:
        assert label == {"th": "เผยแพร่เมื่อ", "en": "Published"}[source["lang"]], meta.get_text()
    assert page.find("meta", property="article:published_time")["content"].startswith(published)
    feed = ET.parse(site.root / ("feeds/all.atom.xml" if source["lang"] == "th" else "en/feeds/all.atom.xml"))
    entry = next(entry for entry in feed.findall(f"{ATOM}entry")
                 if entry.find(f"{ATOM}link").get("href").endswith(f"articles/{source['slug']}.html"))
    assert entry.find(f"{ATOM}published").text.startswith(published)
    if source.get("written"):  # the entry's date is the day it was written: the event's is in its text
        first = BeautifulSoup(entry.find(f"{ATOM}content").text, "html.parser").p.get_text()
        assert first == f"{meta.get_text(' ', strip=True).split(' · ')[0]}", first


@pytest.mark.parametrize("source", [s for s in content_sources("articles") if s.get("date_known")],
                         ids=lambda s: s["path"].name)
def test_an_article_whose_day_no_source_gives_shows_its_month_or_year_wherever_it_is_listed(site, source):
    """A journalist quoted "1 December 2023", a day the article's own note called approximate."""
    year = int(source["date"][:4]) + (543 if source["lang"] == "th" else 0)
    month = (THAI_MONTHS if source["lang"] == "th" else ENGLISH_MONTHS)[int(source["date"][5:7]) - 1]
    # A year alone is พ.ศ. 2567 in Thai, as browsers write it in the search results.
    expected = {"month": f"{month} {year}", "year": f"พ.ศ. {year}" if source["lang"] == "th" else f"{year}"}[
        source["date_known"]]
    prefix = "" if source["lang"] == "th" else "en/"
    link = re.compile(f"articles/{source['slug']}.html$")
    times = [site.soup(f"{prefix}archives.html").find("a", href=link).find_previous("time"),  # the archive's line
             site.soup(f"{prefix}category/{source['category']}.html").find("a", href=link)  # the category's card
             .find_parent("article").find("time"),
             site.soup(page_for(site, source, "articles")).select_one(".nm-article__header time")]  # its own page
    assert [" ".join(time.get_text().split()) for time in times] == [expected] * 3


@pytest.mark.parametrize("feed", ["feeds/all.atom.xml", "en/feeds/all.atom.xml"])
def test_feed_entries_carry_their_articles_sources(site, feed):
    """A journalist reading the feed gets each article's "Sources and notes", as its page shows them."""
    entries = ET.parse(site.root / feed).findall(f"{ATOM}entry")
    cited = 0
    for entry in entries:
        page = site.soup(site.page_of(entry.find(f"{ATOM}link").get("href")))
        on_page = page.select_one(".nm-sources")
        in_feed = BeautifulSoup(entry.find(f"{ATOM}content").text, "html.parser").select_one(".nm-sources")
        if on_page is None:
            assert in_feed is None
            continue
        cited += 1
        assert in_feed is not None, entry.find(f"{ATOM}title").text
        assert shown_text(in_feed) == shown_text(on_page)
        assert [a["href"] for a in in_feed.find_all("a")] == [a["href"] for a in on_page.find_all("a")]
    assert cited >= len(entries) // 2, "most articles cite their sources"


@pytest.mark.parametrize("sitemap", ["sitemap.html", "en/sitemap.html"])
def test_the_sitemap_page_leads_to_every_page_of_its_language(site, sitemap):
    """The sitemap page leads to every page search engines are given, but a list's later pages.

    It says it lists "every page of the site", and search without JavaScript and the 404 page send readers
    to it; the centres, videos and reports were missing. A list's second page is reached from its first.
    """
    listed = {site.page_of(link["href"], sitemap) for link in site.soup(sitemap).select("main a[href]")}
    tree = ET.parse(site.root / "sitemap.xml")
    indexed = {site.page_of(url.find(f"{SITEMAP}loc").text) for url in tree.findall(f"{SITEMAP}url")}
    expected = {page for page in indexed if site.lang_of(page) == site.lang_of(Path(sitemap))
                and not re.search(r"/page-\d+\.html$", f"/{page}") and page != Path(sitemap)}
    assert {"centres/chiang-khong.html", "reports/index.html", "videos/index.html"} <= {
        str(page).removeprefix("en/") for page in expected}
    assert expected - listed == set()


@pytest.mark.parametrize("source", [s for s in content_sources("articles")], ids=lambda s: s["path"].name)
def test_article_dates_in_buddhist_era_in_thai_and_gregorian_in_english(site, source):
    year, month, day = (int(part) for part in source["date"][:10].split("-"))
    page = site.soup(page_for(site, source, "articles"))
    shown = page.select_one(".nm-article__header time").get_text()
    parts = [str(day), (THAI_MONTHS if source["lang"] == "th" else ENGLISH_MONTHS)[month - 1],
             str(year + 543 if source["lang"] == "th" else year)]
    # As much as the sources give (`Date_known:`): the month and year, or the year (พ.ศ. 2567 in Thai).
    known = source.get("date_known", "day")
    if known == "year" and source["lang"] == "th":
        parts[2] = f"พ.ศ. {parts[2]}"
    assert shown == " ".join(parts[{"day": 0, "month": 1, "year": 2}[known]:])


def test_pages_show_when_they_were_last_updated(site):
    for source in content_sources("pages"):
        if source["slug"] == "home":
            continue
        page = site.soup(page_for(site, source, "pages"))
        time = page.select_one(".nm-article__footer time")
        assert time is not None and time["datetime"] == source["modified"][:10]


def test_every_date_a_page_shows_is_written_in_the_page_s_language_and_era(site):
    """Every date a reader sees in Thai month names and the Buddhist Era on Thai pages, in English on English ones.

    Every <time>: written, updated, last updated, compiled, record reviewed, a video's date...; as a day, a
    month or a year, as much as is known.
    """
    checked = {"th": 0, "en": 0}
    for page in site.html_pages():
        lang = site.lang_of(page)
        for time in site.soup(page).find_all("time"):
            # As precise as the machine-readable date: 2024-07-13, 2023-12 or 2024.
            year, *rest = (int(part) for part in time["datetime"].split("-"))
            shown_year = str(year + 543 if lang == "th" else year)
            if rest:
                month_name = (THAI_MONTHS if lang == "th" else ENGLISH_MONTHS)[rest[0] - 1]
                expected = " ".join([*map(str, rest[1:]), month_name, shown_year])
            else:
                expected = f"พ.ศ. {shown_year}" if lang == "th" else shown_year
            assert time.get_text(" ", strip=True) == expected, (str(page), str(time))
            checked[lang] += 1
    assert checked["th"] > 100 and checked["en"] > 100, checked


def test_every_internal_link_and_anchor_resolves(site):
    checked = 0
    for page in site.html_pages():
        for link in site.soup(page).find_all("a", href=True):
            href = link["href"]
            path = site.url_path(href, page)
            if path is None:
                continue
            target = site.page_of(href, page) if not href.startswith("#") else page
            assert target is not None, f"{page}: link to {href} leads nowhere"
            fragment = href.partition("#")[2]
            if fragment and target.suffix == ".html":
                assert site.soup(target).find(id=fragment), f"{page}: {href} has no #{fragment} there"
            checked += 1
    assert checked > 500


def test_interface_text_is_in_the_page_language(site):
    """Header, navigation, breadcrumbs and footer speak the page's language only."""
    # Latin text a Thai page may show: names, addresses and the feed format.
    allowed_latin = re.compile(r"NTS-Mekong Watch|Atom|mkcfdopa@gmail\.com|P2P")
    for page in site.html_pages():
        soup = site.soup(page)
        for element in soup.select(".nm-header, .nm-breadcrumbs, .nm-footer, .nm-skip-link, .nm-pagination"):
            for other in element.select("[lang]"):
                other.decompose()  # text marked as another language is for that language's readers
            text = element.get_text(" ", strip=True)
            if site.lang_of(page) == "en":
                assert not THAI.search(text), f"{page}: Thai interface text in {text!r}"
            else:
                leftover = text
                for crumb in element.select("[aria-current=page]"):  # the page's own title may be a name
                    leftover = leftover.replace(crumb.get_text(" ", strip=True), "")
                leftover = allowed_latin.sub("", leftover)
                assert not re.search(r"[A-Za-z]{3,}", leftover), f"{page}: English in {leftover!r}"


def test_not_found_page_helps_in_both_languages(site):
    for page, own, other in (("404.html", "/", "/en/"), ("en/404.html", "/en/", "/")):
        soup = site.soup(page)
        hrefs = [site.url_path(a["href"]) for a in soup.select("main a")]
        assert own in hrefs and other in hrefs, page
        assert soup.find("meta", attrs={"name": "robots", "content": "noindex"})


def test_home_page_shows_the_key_figures_and_latest_news(site):
    import yaml

    figures = yaml.safe_load((ROOT / "content/data/key-figures.yaml").read_text(encoding="utf-8"))
    for page, lang in (("index.html", "th"), ("en/index.html", "en")):
        soup = site.soup(page)
        shown = [(shown_text(item.select_one(".nm-figures__value")),
                  shown_text(item.select_one(".nm-figures__label")))
                 for item in soup.select(".nm-figures__item")]
        assert shown == [(str(f["value"]), f["label"][lang]) for f in figures]
        assert len(soup.select(".nm-latest .nm-card")) == 6
        # Each figure names its own sources, each a link to its entry in the list below (a journalist could not
        # tell which of five sources gave which of seven figures).
        for item, figure in zip(soup.select(".nm-figures__item"), figures, strict=True):
            cited = re.findall(r"\[([A-Z0-9]+)\]", figure["source"].split(";")[0])
            links = item.select(".nm-figures__source a")
            keys = [link.find(string=True, recursive=False) for link in links]  # what the page shows
            assert keys == [f"[{key}]" for key in cited], figure["value"]
            for link, key in zip(links, keys, strict=True):
                entry = soup.find(id=link["href"].removeprefix("#"))
                assert entry is not None and entry.select_one(".nm-sources__key").get_text() == key
                # A screen reader's list of links read "[BRIEF]" six times: the link also names its source.
                hidden = shown_text(link.select_one(".nm-visually-hidden"))
                assert hidden and hidden in shown_text(entry), (hidden, key)


def test_published_build_uses_absolute_clean_urls(published_site):
    site = published_site
    soup = site.soup("en/articles/first-mekong-river-linkage-seminar.html")
    assert soup.find("link", rel="canonical")["href"] == \
        "https://www.nts-mekong.com/en/articles/first-mekong-river-linkage-seminar.html"
    assert soup.find("link", hreflang="th")["href"] == \
        "https://www.nts-mekong.com/articles/first-mekong-river-linkage-seminar.html"
    images = soup.select(".nm-prose img")
    assert images
    for image in images:
        assert image["src"].startswith("https://www.nts-mekong.com/images/"), image["src"]
    assert soup.find("meta", property="og:url")["content"] == \
        "https://www.nts-mekong.com/en/articles/first-mekong-river-linkage-seminar.html"
    feed = ET.parse(site.root / "en/feeds/all.atom.xml")
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == \
        "https://www.nts-mekong.com/en/feeds/all.atom.xml"


def test_the_link_preview_cards_show_each_language_s_current_name_tagline_and_agency(site):
    """A card drawn before the tagline or agency changed would go on showing the old words: redraw it."""
    images, record = tasks.share_card_paths()
    shown = json.loads(record.read_text(encoding="utf-8"))
    for lang, language in SETTINGS["LANGUAGES"].items():
        expected = {name: language["settings"][name] for name in ("SITENAME", "SITE_TAGLINE", "AGENCY_NAME")}
        assert shown.get(lang) == expected, f"the {lang} link-preview card is out of date: run `make share-cards`"
        published = site.root / f"theme/images/share-card-{lang}.png"
        assert published.read_bytes() == (images / published.name).read_bytes(), "the card is published as drawn"
        with Image.open(published) as card:
            assert card.size == SETTINGS["SHARE_CARD_SIZE"] and card.format == "PNG"
            assert not card.info.keys() - {"dpi", "gamma", "srgb"}, f"metadata in the published card: {card.info}"


def test_make_share_cards_draws_each_language_s_card(tmp_path):
    """What `make share-cards` runs: a card per language, of the size the pages announce, in its own words."""
    written = tasks.render_share_cards(tmp_path)
    images, record = tasks.share_card_paths(tmp_path)
    assert sorted(written) == sorted([record, *(images / f"share-card-{lang}.png" for lang in SETTINGS["LANGUAGES"])])
    assert json.loads(record.read_text(encoding="utf-8"))["th"]["SITE_TAGLINE"] == \
        SETTINGS["LANGUAGES"]["th"]["settings"]["SITE_TAGLINE"]
    cards = {}
    for lang in SETTINGS["LANGUAGES"]:
        with Image.open(images / f"share-card-{lang}.png") as card:
            assert card.size == SETTINGS["SHARE_CARD_SIZE"]
            cards[lang] = card.convert("RGB")
    # Text was drawn (antialiased glyphs give many shades), and each language's differs from the other's.
    assert all(len(card.getcolors(1 << 24)) > 100 for card in cards.values())
    assert cards["th"].tobytes() != cards["en"].tobytes()
    # Drawn again, the same files: a run with nothing changed leaves nothing to commit. (The site's bold faces
    # arrived too late for every other card, which then showed the name in another font, on two lines.)
    again = tasks.render_share_cards(tmp_path / "again")
    assert [path.read_bytes() for path in again] == [path.read_bytes() for path in written]
    # The committed cards are these drawings (their record alone could be edited by hand, or the PNG never
    # committed): Facebook and LINE would show the old words. Compared by pixels, not bytes: another
    # Chromium smooths a glyph's edge a shade differently; another word changes thousands of pixels.
    committed, _record = tasks.share_card_paths()
    for lang, card in cards.items():
        with Image.open(committed / f"share-card-{lang}.png") as published:
            difference = ImageChops.difference(card, published.convert("RGB")).convert("L").histogram()
        changed = sum(difference[48:]) / (card.width * card.height)
        assert changed < 0.002, (f"the committed {lang} card is not what `make share-cards` draws ({changed:.1%}): "
                                 "run it and commit the cards")


def test_make_share_cards_without_chromium_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setitem(tasks.CONFIG, "chromium", str(tmp_path / "no-chromium"))
    with pytest.raises(Exit) as stopped:
        tasks.share_cards(Context())
    assert "apt-get install chromium" in stopped.value.message and "unchanged" in stopped.value.message


def test_files_no_one_means_to_publish_stay_out_of_the_site(minimal_site):
    """A Mac's .DS_Store, a copied .git folder, Word's lock file: the static folders publish everything else."""
    for junk in ("images/.DS_Store", "extra/.git/config", "reports/~$draft.docx", "images/notes.txt~",
                 "images/Thumbs.db"):
        path = minimal_site.content / junk
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"private")
    (minimal_site.content / "images/boat.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    site = minimal_site.build()
    published = {path.name for path in site.root.rglob("*")}
    assert "boat.svg" in published  # the folders are published
    assert not published & {".DS_Store", ".git", "config", "~$draft.docx", "notes.txt~", "Thumbs.db"}


@pytest.mark.parametrize("page, section, current", [
    ("news/index.html", "/news/", "page"), ("articles/unodc-cooperation.html", "/news/", "true"),
    ("centres/index.html", "/centres/", "page"), ("en/centres/chiang-khong.html", "/en/centres/", "true"),
    ("reports/index.html", "/reports/", "page"), ("en/reports/finale-forum-2024.html", "/en/reports/", "true"),
])
def test_the_menu_marks_the_section_and_says_page_only_on_its_own_page(site, page, section, current):
    """A screen reader announced "current page" on the menu's link to the list, from every article and centre."""
    marked = site.soup(page).select(".nm-nav__link[aria-current]")
    assert [(site.url_path(link["href"]), link["aria-current"]) for link in marked] == [(section, current)]


def test_the_contact_person_is_named_in_the_pages_language_and_hotlines_can_be_called(site):
    """The Thai footer named the contact person in English only, though the contact page spells her name in Thai.

    And the contact page's 191 and 1300 could not be tapped to call, as they can on the report page.
    """
    thai = site.soup("index.html").select_one(".nm-footer").get_text(" ", strip=True)
    assert "ผู้ติดต่อ: นางสาวธัญณิชา เหลิมทอง" in thai and "Thannicha" not in thai
    assert "Contact person: Thannicha Lermtong" in site.soup("en/index.html").select_one(".nm-footer").get_text(
        " ", strip=True)
    for page in ("contact.html", "en/contact.html"):
        calls = {a["href"] for a in site.soup(page).select("main a[href^='tel:']")}
        assert calls >= {"tel:191", "tel:1300"}, page


def test_repeated_controls_are_named_apart_for_screen_readers(site):
    """Two videos on a page had two "Read the text of this video"; "Older" and "Newer" named no page."""
    for page in ("videos/index.html", "en/videos/index.html"):
        summaries = [summary.get_text() for summary in site.soup(page).select(".nm-video__text summary")]
        assert len(summaries) >= 2 and len(set(summaries)) == len(summaries), summaries
    older = site.soup("en/news/index.html").select_one(".nm-pagination a[rel=next]")
    assert older.get_text() == "Older (page 2)"
    newer = site.soup("news/page-2.html").select_one(".nm-pagination a[rel=prev]")
    assert newer.get_text().endswith("(หน้า 1)")


def test_the_page_not_found_claims_no_address_and_switches_to_the_other_languages_home(site):
    """Served at every missing address, it named /404.html as its own address and /en/404.html its translation."""
    for page, other_home in (("404.html", "en/index.html"), ("en/404.html", "index.html")):
        soup = site.soup(page)
        assert soup.find("link", rel="canonical") is None
        assert not soup.find_all("link", hreflang=True)
        switch = soup.select_one(".nm-lang__link")
        assert site.page_of(switch["href"]) == Path(other_home) and "alternate" not in switch.get("rel", [])


def test_every_narrow_screen_rule_has_its_twin_for_browsers_without_container_queries():
    """Browsers without container queries lost every narrow-screen rule: a header 420 pixels high at 360.

    Safari before 16 (iPhones kept on iOS 15) and Chrome before 105: each `@container` rule is followed by the
    same rule in `@media`, which they read.
    """
    css = (ROOT / "theme/static/css/site.css").read_text(encoding="utf-8")
    pairs = 0
    for found in re.finditer(r"@container (\(max-width: [\d.]+em\)) \{", css):
        end, depth = found.end(), 1
        while depth:
            depth += {"{": 1, "}": -1}.get(css[end], 0)
            end += 1
        body = css[css.index("{", found.start()):end]
        twin = f"\n@supports not (container-type: inline-size) {{ @media {found[1]} {body} }}"
        assert css[end:end + len(twin)] == twin, css[found.start():end]
        pairs += 1
    assert pairs >= 8


def test_the_accessibility_statement_s_revision_date_is_the_page_s():
    """The statement says when it was last revised: an edit that moved `Modified` left the old date in the text."""
    for path, lang, words in (("content/pages/accessibility.en.md", "en", "last revised on {}."),
                              ("content/pages/accessibility.th.md", "th", "ปรับปรุงล่าสุดเมื่อวันที่ {}")):
        text = (tasks.ROOT / path).read_text(encoding="utf-8")
        year, month, day = (int(part) for part in re.search(r"^Modified: (\S+)", text, re.M)[1].split("-"))
        months = THAI_MONTHS if lang == "th" else ENGLISH_MONTHS
        shown = f"{day} {months[month - 1]} {year + 543 if lang == 'th' else year}"
        assert words.format(shown) in text, (path, shown)
