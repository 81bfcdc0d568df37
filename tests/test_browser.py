"""The built site in Debian's Chromium, driven by Playwright: what a reader does and what axe-core sees."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from pathlib import Path
from urllib.parse import urlsplit

import axe_playwright_python
import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, read_as_an_older_engine, watch_security_policy
from webserver import Nginx

pytestmark = pytest.mark.browser

AXE_SCRIPT = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
# WCAG 2.1 AA, and axe's best practices (one name per landmark: a screen reader's list of regions)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


@pytest.fixture
def page(browser, server):
    """A fresh tab that records console errors, failed requests and every URL requested."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    # Every test runs under the site's Content-Security-Policy; a violation fails it, whatever it tested.
    violations = watch_security_policy(context)
    tab = context.new_page()
    tab.console_errors = []
    tab.requested = []
    tab.on("console", lambda message: message.type == "error" and tab.console_errors.append(message.text))
    tab.on("pageerror", lambda error: tab.console_errors.append(str(error)))
    tab.on("request", lambda request: tab.requested.append(request.url))
    # A lazy image still loading when the test moves on is cancelled (net::ERR_ABORTED): no reader sees that.
    tab.on("requestfailed", lambda request: request.failure != "net::ERR_ABORTED"
           and tab.console_errors.append(f"failed: {request.url} ({request.failure})"))
    yield tab
    if not tab.is_closed():
        tab.evaluate("0")  # a round trip: the last reports are in
    context.close()
    assert violations == [], f"Content-Security-Policy violations: {violations}"


def test_switcher_takes_a_thai_reader_to_the_english_home_page(page, server):
    page.goto(server + "/")
    assert page.locator("html").get_attribute("lang") == "th"
    page.locator("a[data-lang-switch=en]").click()
    page.wait_for_load_state()
    assert page.url == server + "/en/"
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text().startswith("NTS-Mekong Watch")
    assert page.console_errors == []
    assert all(url.startswith(server) for url in page.requested), page.requested


def test_switcher_on_an_article_lands_on_its_translation_and_back(page, server):
    page.goto(server + "/articles/unodc-cooperation.html")
    thai_title = page.locator("h1").inner_text()
    page.locator("a[data-lang-switch=en]").click()
    page.wait_for_load_state()
    assert page.url == server + "/en/articles/unodc-cooperation.html"
    assert page.locator("h1").inner_text() != thai_title
    page.locator("a[data-lang-switch=th]").click()
    page.wait_for_load_state()
    assert page.url == server + "/articles/unodc-cooperation.html"
    assert page.console_errors == []


@pytest.mark.parametrize("path", ["/articles/first-mekong-river-linkage-seminar.html", "/centres/"])
def test_thai_place_names_are_never_split_across_lines_on_a_phone(page, server, path):
    page.goto(server + path)  # 390 px wide
    lines = page.locator(".nm-nowrap").evaluate_all(
        "spans => spans.filter(s => s.offsetParent).map(s => [s.textContent, s.getClientRects().length])")
    assert len(lines) >= 5 and all(count == 1 for _name, count in lines), lines


def test_screen_readers_do_not_read_the_breadcrumbs_separators(page, server):
    """The "›" drawn between the breadcrumb's links was read out ("Home, single right-pointing angle quote")."""
    page.goto(server + "/en/reports/")
    tree = page.locator(".nm-breadcrumbs").aria_snapshot()
    assert "Home" in tree and "›" not in tree, tree
    drawn = "getComputedStyle(document.querySelector('.nm-breadcrumbs li + li'), '::before').content"
    assert "›" in page.evaluate(drawn), "still drawn"


def test_keyboard_reader_can_skip_to_the_content(page, server):
    page.goto(server + "/en/about.html")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def drawn_fonts(page, selector: str) -> list[dict]:
    """The fonts Chromium drew the elements' own text with (a paragraph holding only an image has none)."""
    devtools = page.context.new_cdp_session(page)
    devtools.send("DOM.enable")
    devtools.send("CSS.enable")
    document = devtools.send("DOM.getDocument")["root"]["nodeId"]
    nodes = devtools.send("DOM.querySelectorAll", {"nodeId": document, "selector": selector})["nodeIds"]
    fonts = [font for node in nodes for font in devtools.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]]
    devtools.detach()
    return fonts


def assert_drawn_in_sarabun(page, selector: str) -> None:
    """Every glyph of the elements' text came from the site's Sarabun."""
    drawn = drawn_fonts(page, selector)
    assert drawn and all(font["isCustomFont"] and font["familyName"] == "Sarabun" for font in drawn), \
        (page.url, selector, drawn)
    assert sum(font["glyphCount"] for font in drawn) > 10, (page.url, selector, drawn)


def test_thai_text_is_drawn_with_the_self_hosted_font(page, server):
    """Chromium says which font drew the text: Sarabun from the site, not the system's Thai face.

    (`document.fonts.check` cannot tell: it answers true for a font no face matches.) The regular face is
    swapped in whenever it arrives; the bold one is used only if it is there at once (`optional`), so a
    heading may be drawn in the system's bold on the first page, and in Sarabun from the next page on.
    """
    page.goto(server + "/about.html")
    page.evaluate("document.fonts.ready")
    fonts = [url for url in page.requested if url.endswith(".woff2")]
    assert fonts and all(url.startswith(server + "/theme/fonts/") for url in fonts)
    assert_drawn_in_sarabun(page, "main p")
    page.evaluate("document.fonts.load('700 1em Sarabun', 'กข')")  # in the cache, whatever this page used
    page.goto(server + "/objectives.html")
    page.evaluate("document.fonts.ready")
    assert_drawn_in_sarabun(page, "h1")
    assert_drawn_in_sarabun(page, "main p")
    # Room for the tone marks stacked above Thai letters, and the vowels below: lines do not overlap.
    for selector, least in (("h1", 1.45), ("main p", 1.75)):
        ratio = page.locator(selector).first.evaluate(
            "e => parseFloat(getComputedStyle(e).lineHeight) / parseFloat(getComputedStyle(e).fontSize)")
        assert ratio >= least, (selector, ratio)


# Every layout shift's score, from the page's first moment (an init script: the policy does not apply to it).
LAYOUT_SHIFTS = """
window.__layoutShifts = [];
new PerformanceObserver(list => list.getEntries().forEach(entry => window.__layoutShifts.push(entry.value)))
  .observe({type: 'layout-shift', buffered: true});
"""


@pytest.mark.parametrize("path", ["/", "/en/", "/articles/first-mekong-river-linkage-seminar.html", "/centres/",
                                  "/search.html?q=ชายแดน", "/en/search.html?q=border"])
def test_nothing_jumps_while_a_page_loads_on_a_slow_phone(browser, server, path):
    """What arrives after the first paint must not move what the reader is already reading.

    On the Thai home, the Latin letters' font did (a layout shift of 0.095, Lighthouse's "good" ends at 0.1):
    only the Thai one was preloaded, though every Thai page holds Latin letters and digits. On the search
    page, the results pushed the footer off the screen (0.27).
    """
    context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True)
    context.add_init_script(LAYOUT_SHIFTS)
    tab = context.new_page()
    network = context.new_cdp_session(tab)
    network.send("Network.enable")
    # Lighthouse's mobile connection: 150 ms round trips, 1.6 Mbit/s down.
    network.send("Network.emulateNetworkConditions", {"offline": False, "latency": 150,
                                                      "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8})
    tab.goto(server + path, wait_until="load")
    if "?q=" in path:
        tab.wait_for_selector(".nm-search__result")
    tab.evaluate("document.fonts.ready.then(() => new Promise(done => requestAnimationFrame(() => "
                 "requestAnimationFrame(done))))")
    shifts = tab.evaluate("window.__layoutShifts")
    context.close()
    assert sum(shifts) < 0.01, shifts


PAGES_FOR_AXE = [
    "/", "/en/",
    "/articles/first-mekong-river-linkage-seminar.html",
    "/en/articles/first-mekong-river-linkage-seminar.html",
    "/about.html", "/en/about.html",
    "/news/", "/en/news/",
    "/articles/nan-thung-chang-visit.html",
    "/sitemap.html", "/en/sitemap.html",
    "/404.html",
]


def test_no_centre_page_scrolls_sideways_where_its_facts_take_two_columns(page, server):
    """Just above 22em the facts are two columns at their narrowest: a long crossing name pushed Mukdahan's out."""
    from test_centres import SOURCE

    page.set_viewport_size({"width": 353, "height": 640})
    wide = []
    for record in SOURCE:
        for prefix in ("/", "/en/"):
            page.goto(f"{server}{prefix}centres/{record['id']}.html")
            page.evaluate("document.fonts.ready")
            if page.evaluate("document.documentElement.scrollWidth") > 353:
                wide.append(f"{prefix}centres/{record['id']}.html")
    assert wide == []


@pytest.mark.parametrize("path", ["/", "/en/", "/search.html?q=ชายแดน", "/en/search.html?q=border",
                                  "/centres/", "/centres/mueang-nong-khai.html", "/en/centres/chiang-khong.html",
                                  "/articles/first-mekong-river-linkage-seminar.html", "/en/report.html",
                                  "/reports/", "/en/videos/", "/en/reports/finale-forum-2024.html",
                                  "/reports/mekong-linkage-seminars-2023.html"])
def test_pages_reflow_at_320_pixels_without_scrolling_sideways(page, server, path):
    """WCAG 2.1 AA 1.4.10: at 320 CSS pixels (a small phone, or 1280 at 400% zoom) nothing needs a sideways scroll.

    Nor on the phones a little wider, above the small-screen layouts' breakpoints (the report pages' facts ran
    off a 360-pixel screen, not a 320-pixel one).
    """
    for width in (320, 360, 414):
        page.set_viewport_size({"width": width, "height": 640})
        if width == 320:
            page.goto(server + path, wait_until="networkidle")
        wide = page.evaluate("""() => [...document.querySelectorAll('main *, header *')]
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
            .filter(e => !e.closest('[hidden], .nm-skip-link'))
            .map(e => e.tagName + '.' + e.className)""")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, (width, wide[:5])


@pytest.mark.parametrize("path", PAGES_FOR_AXE)
def test_axe_finds_no_wcag_21_aa_violation(page, server, path):
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(server + path)
        page.evaluate(AXE_SCRIPT)
        result = page.evaluate(
            "async tags => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
        violations = [
            f"{violation['id']}: {violation['help']} at {[node['target'] for node in violation['nodes']]}"
            for violation in result["violations"]
        ]
        assert violations == [], f"{path} at {width}px"
    assert page.console_errors == []


def test_map_points_can_be_tapped_on_a_phone_and_show_their_name_on_focus(page, server):
    page.goto(server + "/centres/")  # 390 px wide
    links = page.locator(".nm-map__link")
    targets = links.evaluate_all("els => els.map(e => e.getBoundingClientRect()).map(r => Math.min(r.width, r.height))")
    points = page.locator(".nm-map__point").evaluate_all("els => els.map(e => e.getBoundingClientRect().width)")
    assert min(points) >= 10, "points are at least 10 px across"
    # A finger's target is wider than the dot, except where a neighbour is nearer (tapped below).
    assert len(targets) == 44 and min(targets) >= min(points) and sorted(targets)[22] >= 20
    for label in page.locator(".nm-map__label").all():
        assert label.bounding_box()["height"] >= 11, "country names are readable"
    # The focused point's name is drawn last (no later point covers it), inside the map.
    name = page.locator(".nm-map__name--shown")
    map_box = page.locator(".nm-map__svg").bounding_box()
    assert name.is_hidden()
    for link in (links.first, links.nth(20), links.last):
        link.focus()
        assert name.is_visible() and name.text_content() in link.get_attribute("aria-label")
        assert page.evaluate("document.querySelector('.nm-map__svg').lastElementChild.classList"
                             ".contains('nm-map__name--shown')")
        box = name.bounding_box()
        assert map_box["x"] <= box["x"] and box["x"] + box["width"] <= map_box["x"] + map_box["width"] + 1
        assert link.locator(".nm-map__point").bounding_box()["width"] > min(points) * 1.3, "the focused point grows"
    # The name may cover other points: Escape puts it away, and the focus stays (WCAG 1.4.13).
    page.keyboard.press("Escape")
    assert name.is_hidden()
    assert page.evaluate("document.activeElement.classList.contains('nm-map__link')")
    page.locator("h1").click()
    assert name.is_hidden()


# For each point: its link, the link under its dot's centre, and the link under a finger beside the dot, toward
# its nearest neighbour (45% of the way there, at most one and a half dot's radius: on the point's own side).
UNDER_THE_FINGER = """svg => {
  const links = [...svg.querySelectorAll('.nm-map__link')];
  const dots = links.map(link => link.querySelector('.nm-map__point').getBoundingClientRect())
    .map(box => ({x: box.x + box.width / 2, y: box.y + box.height / 2, r: box.width / 2}));
  const under = (x, y) => { const link = document.elementFromPoint(x, y)?.closest('a');
                            return link ? link.getAttribute('href') : null; };
  const apart = (a, b) => Math.hypot(a.x - b.x, a.y - b.y);
  return links.map((link, index) => {
    const dot = dots[index];
    const others = dots.filter((_, other) => other !== index);
    const near = others.reduce((best, other) => apart(dot, other) < apart(dot, best) ? other : best, others[0]);
    const share = Math.min(0.45, 1.5 * dot.r / apart(dot, near));
    const beside = under(dot.x + (near.x - dot.x) * share, dot.y + (near.y - dot.y) * share);
    return [link.getAttribute('href'), under(dot.x, dot.y), beside];
  });
}"""


@pytest.mark.parametrize("path, width", [("/centres/", 360), ("/en/centres/", 1280),
                                         ("/centres/chiang-khong.html", 360), ("/en/centres/na-tan.html", 1280)])
def test_a_tap_on_a_map_point_opens_that_centre_not_a_neighbour(page, server, path, width):
    """A tap on a map's point, or beside it, opens that centre's page, not a neighbour's.

    Each point's wide target covered its neighbours' dots: at 360 px, 8 of the 44 opened another centre's
    page (Chiang Khong opened Wiang Kaen), 4 at 1280 px.
    """
    page.set_viewport_size({"width": width, "height": 2400})
    page.goto(server + path)
    svg = page.locator(".nm-map__svg").first
    svg.scroll_into_view_if_needed()
    taps = svg.evaluate(UNDER_THE_FINGER)
    assert len(taps) >= (44 if path.endswith("centres/") else 2)
    assert [tap for tap in taps if tap[1] != tap[0] or tap[2] != tap[0]] == []


def test_filter_narrows_the_centre_list_as_you_type(page, server):
    from test_centres import SOURCE

    page.goto(server + "/en/centres/")
    items = page.locator(".nm-centre-list__item")
    assert items.count() == 44
    assert page.locator("[data-module=centre-filter]").is_visible()
    province = SOURCE[0]["province"]["en"]
    page.fill("#centre-filter", province[:5].lower())
    expected = [r["id"] for r in SOURCE if province[:5].lower() in
                " ".join([*r["district"].values(), *r["province"].values(), *r["counterpart"]["district"].values(),
                          *r["counterpart"]["province"].values()]).lower()]
    visible = page.locator(".nm-centre-list__item:visible a")
    assert sorted(href.split("/")[-1][:-5] for href in visible.evaluate_all("els => els.map(e => e.href)")) \
        == sorted(expected)
    assert f"{len(expected)} of 44" in page.locator("[data-filter-status]").inner_text()
    # The list of provinces leaves out those the filter hides: their links led to nothing.
    linked = page.locator(".nm-directory__province-list a:visible").evaluate_all(
        "els => els.map(e => e.getAttribute('href').slice(1))")
    assert linked and sorted(linked) == sorted(page.locator("section.nm-province:visible").evaluate_all(
        "els => els.map(e => e.id)"))
    assert len(linked) < page.locator(".nm-directory__province-list a").count()
    # The counts beside the provinces and the borders are of the centres shown ("Nong Khai (3)" above one).
    counted = page.evaluate("""() => {
        const shownIn = section => section.querySelectorAll(".nm-centre-list__item:not([hidden])").length;
        const count = e => Number(e.textContent.match(/\\((\\d+)\\)/)[1]);
        const provinces = [...document.querySelectorAll(".nm-directory__province-list li:not([hidden])")]
            .map(li => [count(li), shownIn(document.querySelector(li.querySelector("a").hash))]);
        const borders = [...document.querySelectorAll("section.nm-border:not([hidden])")]
            .map(section => [count(section.querySelector("h2")), shownIn(section)]);
        return provinces.concat(borders);
    }""")
    assert counted and all(shown == count for count, shown in counted), counted
    assert sum(count for count, _ in counted) == 2 * len(expected), "counted once by province, once by border"
    # The map shows the centres found, no others (the first was 46 Tab presses away, past all 44 points).
    mapped = page.locator(".nm-directory .nm-map__link:visible").evaluate_all(
        "els => els.map(e => e.getAttribute('href').split('/').pop().slice(0, -5))")
    assert sorted(mapped) == sorted(expected)
    # Thai names work on the English page too.
    page.fill("#centre-filter", SOURCE[-1]["district"]["th"])
    assert page.locator(".nm-centre-list__item:visible").count() >= 1
    # The country across the border, in either language: "Cambodia" found no centre.
    for country in ("Cambodia", "กัมพูชา"):
        page.fill("#centre-filter", country)
        assert page.locator(".nm-centre-list__item:visible").count() == sum(r["border"] == "KH" for r in SOURCE)
    # Nothing found: no point on the map, no empty border heading in the list of provinces.
    page.fill("#centre-filter", "no such district")
    assert page.locator("[data-filter-status]").inner_text().startswith("No centre matches.")
    assert page.locator(".nm-directory .nm-map__link:visible").count() == 0
    assert page.locator(".nm-directory__provinces h3:visible").count() == 0
    page.fill("#centre-filter", "")
    assert page.locator(".nm-centre-list__item:visible").count() == 44
    assert page.locator(".nm-directory .nm-map__link:visible").count() == 44
    assert page.locator(".nm-directory__provinces h3:visible").count() == 2
    assert page.locator(".nm-directory__province-list a:visible").count() == \
        page.locator(".nm-directory__province-list a").count()
    assert sum(int(n) for n in page.locator("section.nm-border > h2").evaluate_all(
        "els => els.map(e => e.textContent.match(/\\((\\d+)\\)/)[1])")) == 44
    assert page.console_errors == []


@pytest.mark.parametrize("typed, province, district", [
    ("Nongkhai", "Nong Khai", None),  # without its space
    ("bueng-kan", "Bueng Kan", None),  # with a hyphen
    ("Klong Yai", None, "Khlong Yai"),  # without the h of Khlong
    ("Nakorn Panom", "Nakhon Phanom", None),  # another spelling, and without the h of Phanom
    ("Huay Xai", None, "Chiang Khong"),  # the town across the river, as Lao sources spell it (the page: Houayxay)
])
def test_the_centre_filter_finds_a_place_however_the_reader_spells_it(page, server, typed, province, district):
    from test_centres import SOURCE

    page.goto(server + "/en/centres/")
    page.fill("#centre-filter", typed)
    expected = sorted(r["id"] for r in SOURCE if province and r["province"]["en"] == province
                      or district and r["district"]["en"] == district)
    visible = page.locator(".nm-centre-list__item:visible a")
    assert expected and sorted(href.split("/")[-1][:-5] for href in visible.evaluate_all(
        "els => els.map(e => e.href)")) == expected, typed


def test_a_filter_that_finds_nothing_says_what_to_try(page, server):
    page.goto(server + "/centres/")
    page.fill("#centre-filter", "xqzv")
    assert page.locator("[data-filter-status]").inner_text() == \
        "ไม่พบศูนย์ที่ตรงกับคำค้น ลองพิมพ์เฉพาะตัวอักษรแรก ๆ ของชื่ออำเภอหรือจังหวัด หรือลองสะกดแบบอื่น"
    # Two letters are matched as typed: "th", the h dropped, matched every centre, as did the words "district"
    # and "not yet confirmed" of every entry.
    page.fill("#centre-filter", "th")
    shown = page.locator(".nm-centre-list__item:visible").count()
    assert 0 < shown < 30, shown


def test_the_centre_filter_comes_before_the_map_for_a_keyboard(page, server):
    """A keyboard reached the filter only after the map's 44 centres (WCAG 2.4.3)."""
    page.goto(server + "/en/centres/")
    page.locator("#centre-filter").wait_for()
    order = page.evaluate("""() => {
        const stops = [...document.querySelectorAll("a[href], button, input, [tabindex]")]
            .filter(e => e.tabIndex >= 0 && e.getClientRects().length);
        return [stops.indexOf(document.querySelector("#centre-filter")),
                stops.indexOf(document.querySelector(".nm-directory .nm-map a"))];
    }""")
    assert 0 <= order[0] < order[1], order


@pytest.mark.parametrize("path, lang", [("/centres/", "th"), ("/en/report.html", "en")])
def test_nearest_centre_uses_the_location_only_when_asked(browser, server, path, lang):
    from test_centres import SOURCE, nearest_ids

    here = {"latitude": 15.25, "longitude": 105.45}  # near the Mekong in Ubon Ratchathani
    context = browser.new_context(geolocation=here, permissions=["geolocation"])
    # Count the page's requests for the reader's location.
    context.add_init_script("""
        window.locationRequests = 0;
        const ask = navigator.geolocation.getCurrentPosition.bind(navigator.geolocation);
        navigator.geolocation.getCurrentPosition = (...args) => { window.locationRequests += 1; ask(...args); };
    """)
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(server + path)
    section = tab.locator("[data-module=nearest-centre]")
    assert section.is_visible()
    tab.wait_for_timeout(300)
    assert tab.evaluate("window.locationRequests") == 0, "the location was asked for before the button"
    tab.click("[data-nearest-button]")
    links = tab.locator(".nm-nearest__list a")
    links.first.wait_for()
    hrefs = links.evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert [href.split("/")[-1][:-5] for href in hrefs] == nearest_ids(here["latitude"], here["longitude"])
    names = links.all_inner_texts()
    by_id = {record["id"]: record for record in SOURCE}
    assert names[0] == by_id[nearest_ids(here["latitude"], here["longitude"])[0]]["name"][lang]
    # A distance and its unit stay on one line ("39 | กม." was broken across two).
    distances = tab.locator(".nm-nearest__list li").evaluate_all("els => els.map(e => e.lastChild.textContent)")
    assert all(re.search(r"\d\u00a0(?:กม\.|km)", distance) for distance in distances), distances
    assert tab.evaluate("window.locationRequests") == 1
    assert errors == []
    context.close()


@pytest.mark.parametrize("path, lang", [("/report.html", "th"), ("/en/centres/", "en")])
def test_nearest_centres_say_which_are_not_yet_confirmed(browser, server, path, lang):
    """The directory and a centre's page say "not yet confirmed"; the nearest-centre list said nothing."""
    from test_centres import SOURCE, nearest_ids

    from centres.records import INFERRED

    unconfirmed = next(record for record in SOURCE if record["listed_by"] == INFERRED)
    here = {"latitude": unconfirmed["lat"], "longitude": unconfirmed["lon"]}
    context = browser.new_context(geolocation=here, permissions=["geolocation"])
    tab = context.new_page()
    tab.goto(server + path)
    tab.click("[data-nearest-button]")
    items = tab.locator(".nm-nearest__list li")
    items.first.wait_for()
    label = {"th": "ยังไม่ได้รับการยืนยัน", "en": "not yet confirmed"}[lang]
    by_id = {record["id"]: record for record in SOURCE}
    for item, centre_id in zip(items.all_inner_texts(), nearest_ids(here["latitude"], here["longitude"]), strict=True):
        assert (label in item) == (by_id[centre_id]["listed_by"] == INFERRED), item
    context.close()


def test_nearest_centres_link_to_this_host_whatever_host_the_data_names(browser, server):
    """centres.json names the published host: on a staging host or a preview the links left for the public site."""
    context = browser.new_context(geolocation={"latitude": 17.88, "longitude": 102.74}, permissions=["geolocation"])
    tab = context.new_page()

    def published(route):
        data = route.fetch().json()
        for centre in data["centres"]:
            centre["url"] = {lang: "https://www.nts-mekong.com" + urlsplit(url).path
                             for lang, url in centre["url"].items()}
        route.fulfill(json=data)

    tab.route("**/centres.json", published)
    tab.goto(server + "/en/report.html")
    tab.click("[data-nearest-button]")
    links = tab.locator(".nm-nearest__list a")
    links.first.wait_for()
    hrefs = links.evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert hrefs and all(href.startswith("/en/centres/") for href in hrefs), hrefs
    context.close()


@pytest.mark.parametrize("path, target", [("/report.html", "/centres/"), ("/en/centres/", "#provinces-title")])
def test_without_the_location_the_nearest_centre_offers_the_list(browser, server, path, target):
    """The report page said "choose your province from the list instead", and had no list."""
    context = browser.new_context()  # no permission: the location is refused
    tab = context.new_page()
    tab.goto(server + path)
    tab.click("[data-nearest-button]")
    link = tab.locator("[data-nearest-result] a")
    link.wait_for()
    assert link.get_attribute("href") == target
    link.click()
    tab.wait_for_timeout(200)
    assert tab.url.endswith(target) and tab.locator("#provinces-title").is_visible()
    context.close()


def test_the_report_page_nests_its_headings(page, server):
    """The nearest-centre finder and the hotlines' sources sit inside sections with an h2: they are h3."""
    page.goto(server + "/en/report.html")
    outline = page.locator("main h2, main h3").evaluate_all(
        "els => els.map(e => e.tagName + ' ' + e.textContent.trim())")
    hotlines = outline.index("H2 National hotlines in Thailand")
    assert outline[hotlines + 1] == "H3 Where the numbers come from"
    centre = outline.index("H2 Your coordination centre")
    assert outline[centre + 1] == "H3 Find the nearest coordination centre"


@pytest.mark.parametrize("path, lang", [("/report.html", "th"), ("/en/report.html", "en")])
def test_a_screen_readers_list_of_links_names_each_hotline_with_its_agency(page, server, path, lang):
    """Links listed on their own (NVDA's links list, VoiceOver's rotor) read "191 Royal Thai Police", not "191"."""
    hotlines = yaml.safe_load((ROOT / "content/data/hotlines.yaml").read_text(encoding="utf-8"))
    page.goto(server + path)
    for hotline in hotlines:
        name = f"{hotline['number']} {hotline['agency'][lang]}"
        assert page.get_by_role("link", name=name, exact=True).count() == 1, name


@pytest.mark.parametrize("path", ["/en/results.html", "/centres/aranyaprathet.html", "/en/centres/aranyaprathet.html"])
def test_a_printed_page_carries_its_address_and_date_and_no_buttons(page, server, path):
    """A journalist's printout had no address and, for pages, no date: "Last updated" was hidden on paper."""
    page.goto(server + path)
    source = page.locator(".nm-print-source")
    assert not source.is_visible(), "on paper only"
    page.emulate_media(media="print")
    canonical = page.locator("link[rel=canonical]").get_attribute("href")
    assert source.is_visible() and canonical in source.inner_text()
    assert page.locator("main time").first.is_visible()  # the page's date
    buttons = page.locator("main .nm-button").all()
    assert buttons or "/centres/" not in path, "a centre's page has its contact card's button"
    assert all(not button.is_visible() for button in buttons)


CENTRE_PAGES_FOR_AXE = ["/centres/", "/en/centres/", "/report.html", "/en/report.html"]


@pytest.mark.parametrize("path", CENTRE_PAGES_FOR_AXE + ["centre-th", "centre-en"])
def test_axe_finds_no_violation_on_centre_pages(page, server, path):
    from test_centres import SOURCE

    if path.startswith("centre-"):
        path = ("/" if path.endswith("th") else "/en/") + f"centres/{SOURCE[0]['id']}.html"
    test_axe_finds_no_wcag_21_aa_violation(page, server, path)


@pytest.fixture(scope="module")
def facade_server(tmp_path_factory):
    """A fixture site whose English article embeds a YouTube video, served locally."""
    from conftest import FixtureSite

    fixture = FixtureSite(tmp_path_factory.mktemp("facade"))
    for lang, title in (("th", "หน้าแรก"), ("en", "Home")):
        fixture.page("home", lang, title, extra="Template: home\nSave_as: index.html\nURL:\n")
    fixture.article("launch", "th", "วิดีโอ", body='{% video https://youtu.be/dQw4w9WgXcQ title="เปิดตัว" %}')
    fixture.article("launch", "en", "Video", body='{% video https://youtu.be/dQw4w9WgXcQ title="The launch" %}')
    site = fixture.build()
    with Nginx(site.root) as nginx:
        yield nginx.url


@pytest.mark.parametrize("activate", ["click", "keyboard"])
def test_pressing_the_facade_loads_the_player_and_nothing_before(page, facade_server, activate):
    provider_requests = []

    def fake_player(route):
        provider_requests.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<!DOCTYPE html><title>player</title><p>player")

    page.route(re.compile(r"https://www\.youtube-nocookie\.com/.*"), fake_player)
    page.goto(facade_server + "/en/articles/launch.html")
    page.wait_for_load_state("networkidle")
    assert not any("youtube" in url for url in page.requested), page.requested
    assert page.locator("iframe").count() == 0
    button = page.get_by_role("button", name="Play video: The launch")
    if activate == "click":
        button.click()
    else:
        button.focus()
        page.keyboard.press("Enter")
    frame = page.locator("iframe.nm-video__frame")
    frame.wait_for()
    assert frame.get_attribute("title") == "The launch"
    assert frame.get_attribute("src") == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
    page.wait_for_timeout(300)
    assert provider_requests == ["https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"]


def test_axe_on_the_facade_before_and_after_play(page, facade_server):
    page.route(re.compile(r"https://www\.youtube-nocookie\.com/.*"),
               lambda route: route.fulfill(status=200, content_type="text/html", body="<title>player</title>"))
    test_axe_finds_no_wcag_21_aa_violation(page, facade_server, "/en/articles/launch.html")
    page.get_by_role("button").filter(has_text="Play video").click()
    page.locator("iframe").wait_for()
    page.evaluate(AXE_SCRIPT)
    result = page.evaluate("async tags => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
                           AXE_TAGS)
    assert result["violations"] == []


MEDIA_PAGES_FOR_AXE = ["/videos/", "/en/videos/", "/reports/", "/en/reports/",
                       "/articles/videos-how-to-report.html", "/en/articles/videos-how-to-report.html"]


@pytest.mark.parametrize("path", MEDIA_PAGES_FOR_AXE + ["report-th", "report-en"])
def test_axe_finds_no_violation_on_media_pages(page, server, path):
    import yaml

    if path.startswith("report-"):
        first = yaml.safe_load((Path(__file__).parent.parent / "content/data/reports.yaml").read_text())[0]
        path = ("/" if path.endswith("th") else "/en/") + f"reports/{first['id']}.html"
    test_axe_finds_no_wcag_21_aa_violation(page, server, path)


@pytest.mark.parametrize("path, query, expected, rank", [
    # Words inside running text: many pages mention them; the one about it is among the first three (four for
    # ค้ามนุษย์: the videos page, whose videos' text tells how to report it, comes second).
    ("/search.html", "ค้ามนุษย์", "/report.html", 4),
    ("/search.html", "ศูนย์ประสานงาน", "/articles/coordination-centres-established.html", 3),
    # A neighbour recruited for work abroad: the report page says what to look for.
    ("/search.html", "ทำงานต่างประเทศ", "/report.html", 3),
    ("/en/search.html", "work abroad", "/en/report.html", 3),
    # Someone looking for a job (หางาน, no page had the word: the privacy page came first).
    ("/search.html", "หางาน", "/report.html", 3),
    ("/en/search.html", "looking for work", "/en/report.html", 3),
    # Names: the page itself comes first.
    ("/search.html", "เชียงของ", "/centres/chiang-khong.html", 1),
    ("/search.html", "ปอยเปต", "/centres/aranyaprathet.html", 1),
    ("/en/search.html", "Chiang Khong", "/en/centres/chiang-khong.html", 1),
    # Spelled as Lao and Cambodian sources spell the town across the border (the page's own: Houayxay, Poipet).
    ("/en/search.html", "Huay Xai", "/en/centres/chiang-khong.html", 1),
    ("/en/search.html", "Paoy Paet", "/en/centres/aranyaprathet.html", 1),
])
def test_search_finds_thai_words_in_running_text_and_shows_clean_snippets(page, server, path, query, expected, rank):
    page.goto(server + path)
    page.fill("[data-search-input]", query)
    first = page.locator(".nm-search__title a").first
    first.wait_for()
    page.wait_for_timeout(400)
    hrefs = page.locator(".nm-search__title a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert expected in hrefs[:rank], ", ".join(hrefs)
    # Pages containing the exact query come before the others: the first result shows it highlighted.
    assert page.locator(".nm-search__result").first.locator("mark").count() >= 1 or \
        query in page.locator(".nm-search__title").first.inner_text()
    for snippet in page.locator(".nm-search__snippet").all_inner_texts():
        assert "\u2042" not in snippet, "the hidden search terms are never shown"
    marks = page.locator(".nm-search__snippet mark").all_inner_texts()
    assert marks and all(mark.lower() == query.lower() for mark in marks)
    assert page.locator("[data-search-nojs]").is_hidden()
    assert page.console_errors == []


@pytest.mark.parametrize("path", ["/", "/en/", "/articles/coordination-centres-established.html"])
def test_an_older_browser_draws_page_titles_large_and_thai_lines_apart(page, server, path):
    """A browser of before 2020-2021 (no clamp(), :is() or :where()) draws titles large and Thai lines apart.

    Without clamp(), every page title fell to the text's size (17 px, under the h2s' 28); without :where(),
    Thai text lost the room its vowels and tone marks need (line-height 1.6, not 1.8).
    """
    read_as_an_older_engine(page, "clamp(", ":where(", ":is(")
    page.goto(server + path)
    sizes = page.evaluate("""() => ['h1', 'h2', 'body'].map(name => getComputedStyle(document.querySelector(name)))
        .map(style => [parseFloat(style.fontSize), parseFloat(style.lineHeight) / parseFloat(style.fontSize)])""")
    (title, _), (heading, _), (text, spacing) = sizes
    assert title >= 30 and title > heading > text
    assert round(spacing, 2) == (1.6 if path.startswith("/en/") else 1.8)


@pytest.mark.parametrize("path", ["/search.html?q=เชียงของ", "/en/search.html?q=Chiang+Khong"])
def test_without_javascript_the_search_page_leads_on(browser, server, path):
    """Without JavaScript, the search page leads to the centres, the report page and the sitemap.

    A search from the header landed on a form that only reloaded the page, above a message that pointed to
    the sitemap alone and a screen of blank space.
    """
    context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False)
    page = context.new_page()
    page.goto(server + path)
    assert page.locator(".nm-search__form").is_hidden()
    message = page.locator("[data-search-nojs]")
    assert message.is_visible() and "JavaScript" in message.inner_text()
    assert message.bounding_box()["y"] < 740, "the message is on the first screen"
    hrefs = message.locator("a").evaluate_all("links => links.map(link => link.href)")
    assert [urlsplit(href).path.removeprefix("/en") for href in hrefs] == ["/centres/", "/report.html", "/sitemap.html"]
    for href in hrefs:
        assert page.goto(href).ok
    footer = page.goto(server + path) and page.locator("footer").bounding_box()
    assert footer["y"] < 1500, "no screen-high blank space above the footer"
    context.close()


@pytest.mark.parametrize("path, query, other, phrase", [
    ("/search.html", "NTS-Mekong Watch", "en", "NTS-Mekong Watch"),
    ("/en/search.html", "Thung Chang", "th", "ทุ่งช้าง"),
])
def test_search_results_mark_the_other_languages_words_as_the_pages_do(page, server, path, query, other, phrase):
    """WCAG 3.1.2: the pages mark English phrases in Thai text (and Thai in English); the results lost it."""
    page.goto(server + path)
    page.fill("[data-search-input]", query)
    page.locator(".nm-search__title a").first.wait_for()
    page.wait_for_timeout(400)
    marked = page.locator(f".nm-search__results [lang='{other}']").all_inner_texts()
    assert any(phrase in text for text in marked), marked
    if other == "en":  # as the pages: phrases only, never one word, part of an address or "e-mail" cut in two
        assert all(re.search(r"[A-Za-z0-9][\s,.:;&/–—-]+[A-Za-z]", text) for text in marked), marked
        assert not any(text in ("e", "mail", "gmail.com") for text in marked), marked
    assert page.console_errors == []


@pytest.mark.parametrize("path, query", [("/search.html", "1386"), ("/en/search.html", "1386"),
                                         ("/search.html", "1178"), ("/en/search.html", "1300"),
                                         ("/en/search.html", "44")])
def test_a_hotline_number_finds_the_report_page_and_only_pages_that_hold_it(page, server, site, path, query):
    """A search for 1386 said "4 results", none of which held 1386 (Pagefind matched a beginning it had).

    The report page, the one that lists the hotlines, was not found: its list was left out of the index.
    """
    page.goto(server + path)
    page.fill("[data-search-input]", query)
    page.locator(".nm-search__title a").first.wait_for()
    page.wait_for_timeout(400)
    hrefs = page.locator(".nm-search__title a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    if query != "44":  # a hotline: the page that lists them is found
        assert path.replace("search.html", "report.html") in hrefs, hrefs
    number = query
    for href in hrefs:
        text = site.soup(site.page_of(href)).select_one("main").get_text(" ")
        assert number in re.sub(r"(?<=\d)[\s().-]+(?=\d)", "", text), f"{href} does not hold {number}"
    while page.locator("[data-search-more]").is_visible():  # the rest, each once ("44" showed 28 twice)
        shown = page.locator(".nm-search__result").count()
        page.click("[data-search-more]")
        page.locator(".nm-search__result").nth(shown).wait_for()
    hrefs = page.locator(".nm-search__title a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert len(hrefs) == len(set(hrefs)), hrefs
    assert f" {len(hrefs)} " in f" {page.locator('[data-search-status]').inner_text()} "
    # A number no page holds finds nothing, and says so.
    page.fill("[data-search-input]", "1399")
    page.locator("[data-search-sitemap]").wait_for()
    assert page.locator(".nm-search__result").count() == 0
    assert page.console_errors == []


@pytest.mark.parametrize("query, expected", [
    # Typed as Thai is, without spaces: a term the index lacks, which Pagefind matched by its beginning
    # (ศูนย์ประสานงาน, on 65 pages); the centre in Nong Khai came 44th.
    ("ศูนย์ประสานงานหนองคาย", "/centres/mueang-nong-khai.html"),
    ("อำเภอเมืองหนองคาย", "/centres/mueang-nong-khai.html"),
    ("อำเภอเชียงคำ", "/centres/chiang-kham.html"),
])
def test_a_thai_query_typed_without_spaces_finds_the_page_of_all_its_words(page, server, query, expected):
    page.goto(server + "/search.html")
    page.fill("[data-search-input]", query)
    page.locator(".nm-search__title a").first.wait_for()
    page.wait_for_timeout(400)
    hrefs = page.locator(".nm-search__title a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert hrefs[0] == expected, hrefs
    assert page.console_errors == []


@pytest.mark.parametrize("path, query, boilerplate", [
    ("/search.html", "ศูนย์ประสานงาน", "ศูนย์ประสานงานทั้งหมด"),
    ("/en/search.html", "coordination centre", "All coordination centres"),
])
def test_results_for_centres_do_not_all_show_the_same_words(page, server, path, query, boilerplate):
    """Seven results of eight showed the same 20 words, found in the centre pages' link "All coordination centres"."""
    page.goto(server + path)
    page.fill("[data-search-input]", query)
    page.locator(".nm-search__result").nth(7).wait_for()
    page.wait_for_timeout(400)
    snippets = page.locator(".nm-search__snippet").all_inner_texts()[:8]
    assert not [snippet for snippet in snippets if boilerplate in snippet], snippets
    assert len(set(snippets)) == len(snippets), snippets


# Thai characters that cannot begin a word: vowel signs and tone marks drawn on the letter before them
# (alone, a browser draws them on a dotted circle or a box), and vowels that follow their consonant.
CANNOT_BEGIN_A_THAI_WORD = re.compile("[\u0E30-\u0E3A\u0E45-\u0E4E]")


@pytest.mark.parametrize("path, date", [
    # 21 สิงหาคม 2567: Buddhist Era; ธันวาคม 2566 for an article whose day no source gives (Date_known: month)
    ("/search.html?q=ค้ามนุษย์", r"(?:^|· )(?:(?:\d{1,2} )?[\u0E00-\u0E7F.]+ )?25\d\d$"),  # พ.ศ. 2567 alone
    ("/en/search.html?q=trafficking", r"(?:^|· )(?:(?:\d{1,2} )?[A-Z][a-z]+ )?20\d\d$"),  # as the pages write it
])
def test_search_snippets_begin_and_end_between_words_and_dates_read_as_on_the_pages(page, server, path, date):
    page.goto(server + path)
    page.locator(".nm-search__result").nth(3).wait_for()
    dated = 0  # the articles' results show their date (kept out of the snippet, not out of the details)
    for result in page.locator(".nm-search__result").all():
        snippet = result.locator(".nm-search__snippet").inner_text()
        shown = snippet.removeprefix("…").removesuffix("…").strip()
        assert not CANNOT_BEGIN_A_THAI_WORD.match(shown), f"snippet begins inside a word: {snippet[:40]}"
        # An English snippet's first and last words are whole words of the page it comes from.
        text = " ".join(BeautifulSoup(page.request.get(server + result.locator("a").first.get_attribute("href"))
                                      .text(), "html.parser").main.get_text(" ").split())
        for word in re.findall(r"^[A-Za-z]+|[A-Za-z]+$", shown):
            assert re.search(rf"(?<![A-Za-z]){word}(?![A-Za-z])", text), f"{word!r} is a piece of a word: {snippet}"
        details = result.locator(".nm-meta").all_inner_texts()
        assert all(re.search(date, line) for line in details if any(char.isdigit() for char in line)), details
        dated += any(re.search(date, line) for line in details)
    assert dated >= 3


@pytest.mark.parametrize("zone", ["America/New_York", "Asia/Bangkok"])
def test_search_results_show_the_day_the_page_shows_wherever_the_reader_is(browser, server, zone):
    """A journalist in New York saw each result dated the day before its page's date."""
    context = browser.new_context(timezone_id=zone)
    tab = context.new_page()
    tab.goto(server + "/en/search.html?q=trafficking")
    tab.locator(".nm-search__result").nth(2).wait_for()
    checked = 0
    for result in tab.locator(".nm-search__result").all():
        shown = " ".join(result.locator(".nm-meta").all_inner_texts())
        if match := re.search(r"\d{1,2} [A-Z][a-z]+ 20\d\d", shown):
            target = BeautifulSoup(tab.request.get(server + result.locator("a").first.get_attribute("href")).text(),
                                   "html.parser")
            assert match.group(0) in target.main.get_text(" "), (match.group(0), zone)
            checked += 1
    context.close()
    assert checked >= 3


@pytest.mark.parametrize("path, shown", [("/search.html?q=สั่งการ", "ธันวาคม 2566"),
                                         ("/en/search.html?q=ordered", "December 2023")])
def test_a_result_whose_day_no_source_gives_shows_its_month(page, server, path, shown):
    """The article's page says "December 2023" (Date_known: month); its search result said "1 December 2023"."""
    page.goto(server + path)
    result = page.locator(".nm-search__result").filter(
        has=page.locator("a[href$='/coordination-centres-established.html']"))
    result.first.wait_for()
    assert result.first.locator(".nm-meta").inner_text().endswith(f"· {shown}")


def test_one_result_is_one_result(page, server):
    """The status said "1 results"; the boundaries' credit is on the centres' directory only."""
    page.goto(server + "/en/search.html?q=Natural%20Earth")
    page.locator(".nm-search__result").first.wait_for()
    assert page.locator(".nm-search__result").count() == 1
    assert page.locator("[data-search-status]").inner_text() == "1 result for “Natural Earth”"


def test_a_thai_word_searched_on_the_english_pages_leads_to_the_thai_search(page, server):
    """An English reader who typed หนองคาย was told only "No pages match", with no way to the Thai pages."""
    page.goto(server + "/en/search.html")
    page.fill("[data-search-input]", "ประชุม")  # on the Thai pages, not in any English one
    link = page.locator("[data-search-status] a[hreflang=th]")  # in the status: screen readers announce it
    link.wait_for()
    assert page.locator(".nm-search__result").count() == 0
    link.click()
    page.locator(".nm-search__title a").first.wait_for()
    assert page.url.endswith("/search.html?q=%E0%B8%9B%E0%B8%A3%E0%B8%B0%E0%B8%8A%E0%B8%B8%E0%B8%A1")
    assert page.locator("[data-search-input]").input_value() == "ประชุม"
    # An English word that matches nothing gets no such link.
    page.goto(server + "/en/search.html")
    page.fill("[data-search-input]", "zzzqqq")
    page.wait_for_timeout(1500)
    status = page.locator("[data-search-status]")
    assert status.locator("a").count() == 0 and "zzzqqq" in status.inner_text()
    assert page.console_errors == []


def test_switching_language_on_the_search_page_keeps_the_query(page, server):
    page.goto(server + "/search.html?q=ชายแดน")
    page.locator(".nm-search__result").first.wait_for()
    page.fill("[data-search-input]", "Mekong")
    page.locator("[data-lang-switch=en][href*='q=Mekong']").wait_for()
    page.click("[data-lang-switch=en]")
    page.locator(".nm-search__result").first.wait_for()
    assert page.url.endswith("/en/search.html?q=Mekong") and page.input_value("[data-search-input]") == "Mekong"


def test_when_search_cannot_load_the_reader_gets_a_link_to_the_sitemap(page, server):
    """On a connection that drops the index, the message must come with a way on, not a dead end."""
    page.route("**/pagefind/**", lambda route: route.abort())
    page.goto(server + "/en/search.html?q=border")
    link = page.locator("[data-search-sitemap] a")
    link.wait_for()
    assert "not available" in page.locator("[data-search-status]").inner_text()
    link.click()
    page.wait_for_url(server + "/en/sitemap.html")
    page.console_errors.clear()  # the aborted requests are the test's own doing


@pytest.mark.parametrize("path", ["/search.html", "/en/search.html"])
def test_the_empty_search_page_loads_the_index_while_the_reader_types(page, server, path):
    """Opened without a query, it fetches Pagefind's index metadata and WebAssembly before any search.

    So the first results do not wait for them: on a slow connection, seconds.
    """
    requested = []
    page.on("requestfinished", lambda request: requested.append(request.url))
    with page.expect_event("requestfinished", lambda request: request.url.endswith(".pagefind"), timeout=15000):
        page.goto(server + path)
    page.wait_for_timeout(500)
    assert [url for url in requested if url.endswith(".pf_meta")]
    assert page.locator("[data-search-status]").inner_text() == ""  # nothing searched yet
    assert not [url for url in requested if "/fragment/" in url or "/index/" in url]
    page.fill("[data-search-input]", "Mekong" if path.startswith("/en/") else "ชายแดน")
    page.locator(".nm-search__result").first.wait_for()


@pytest.mark.parametrize("dropped", ["pf_meta", "pagefind", "pf_index"])
def test_a_request_of_the_index_dropped_once_does_not_break_search(page, server, dropped):
    """One request may fail on a phone between two cells.

    Pagefind keeps that error, so the page must start a new Pagefind rather than fail every search until it
    is reloaded.
    """
    failures = []

    def drop_once(route):
        if not failures:
            failures.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route(f"**/*.{dropped}", drop_once)
    page.goto(server + "/en/search.html")  # opened empty: Pagefind starts loading at once, and fails
    page.wait_for_timeout(1000)
    page.fill("[data-search-input]", "Mekong")
    page.locator(".nm-search__result").first.wait_for()
    assert failures, "the request was dropped"
    assert "results for" in page.locator("[data-search-status]").inner_text()
    page.console_errors.clear()  # the dropped request is the test's own doing


@pytest.mark.parametrize("path, query, offline", [
    ("/search.html", "ยาเสพติด", "ไม่มีการเชื่อมต่ออินเทอร์เน็ต"),
    ("/en/search.html", "Mekong", "No internet connection"),
])
def test_a_search_without_a_connection_says_so_and_searches_again_when_it_is_back(page, server, path, query,
                                                                                   offline):
    """Offline, search said "No pages match", and went on saying it once the connection was back."""
    page.goto(server + path)
    page.wait_for_load_state("networkidle")  # Pagefind itself loaded; the parts of its index are not
    page.context.set_offline(True)
    page.fill("[data-search-input]", query)
    status = page.locator("[data-search-status]")
    status.filter(has_text=offline).wait_for()
    assert page.locator(".nm-search__result").count() == 0
    assert page.locator("[data-search-sitemap]").is_hidden()  # it would not load either
    page.context.set_offline(False)
    page.locator(".nm-search__result").first.wait_for()
    assert query in status.inner_text() and offline not in status.inner_text()
    page.console_errors.clear()  # the requests refused offline are the test's own doing


def test_more_results_asked_for_without_a_connection_say_so(page, server):
    """Offline, "Show more results" did nothing, with an uncaught error and no word to the reader."""
    page.goto(server + "/search.html?q=ชายแดน")
    page.locator(".nm-search__result").first.wait_for()
    shown = page.locator(".nm-search__result").count()
    page.context.set_offline(True)
    page.click("[data-search-more]")
    page.locator("[data-search-status]").filter(has_text="ไม่มีการเชื่อมต่ออินเทอร์เน็ต").wait_for()
    assert page.locator(".nm-search__result").count() == shown  # what was found stays
    page.context.set_offline(False)
    page.console_errors.clear()  # the requests refused offline are the test's own doing


def test_back_from_a_result_shows_the_results_asked_for_where_the_reader_was(page, server):
    """Back from a result shows as many results as were shown, scrolled where the reader was.

    A phone that keeps no page in memory loads the search page again on Back: it showed the first 8 results
    at the top, after the reader had asked for 16 and read down to the eleventh.
    """
    page.goto(server + "/search.html?q=ชายแดน")
    page.locator(".nm-search__result").first.wait_for()
    page.click("[data-search-more]")
    results = page.locator(".nm-search__result")
    results.nth(8).wait_for()
    shown = results.count()
    assert shown > 8
    reading = results.nth(10).locator("a")
    reading.scroll_into_view_if_needed()
    scrolled = page.evaluate("window.scrollY")
    assert scrolled > 0
    title = reading.inner_text()
    reading.click()
    page.wait_for_load_state()
    assert "/search.html" not in page.url
    page.go_back()
    results.nth(shown - 1).wait_for()
    assert results.count() == shown
    assert results.nth(10).locator("a").inner_text() == title
    for _ in range(50):  # scrolled once the results are back
        if abs(page.evaluate("window.scrollY") - scrolled) <= 2:
            break
        page.wait_for_timeout(100)
    assert abs(page.evaluate("window.scrollY") - scrolled) <= 2, (page.evaluate("window.scrollY"), scrolled)


def test_the_search_status_repeats_the_query_as_typed(page, server):
    """A query with $' or $` in it is shown as typed, not with parts of the message pasted in."""
    page.goto(server + "/en/search.html?q=" + "xq$'zz")
    status = page.locator("[data-search-status]")
    status.filter(has_text="xq").wait_for()
    assert "“xq$'zz”" in status.inner_text()


@pytest.mark.parametrize("path", ["/search.html?q=ชายแดน", "/en/search.html?q=border"])
def test_axe_on_the_search_page_with_results(page, server, path):
    page.goto(server + path)
    page.locator(".nm-search__result").first.wait_for()
    page.evaluate(AXE_SCRIPT)
    result = page.evaluate("async tags => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
                           AXE_TAGS)
    assert [violation["id"] for violation in result["violations"]] == []


def test_more_results_load_only_when_asked(page, server):
    page.goto(server + "/search.html?q=ชายแดน")
    page.locator(".nm-search__result").first.wait_for()
    shown = page.locator(".nm-search__result").count()
    more = page.get_by_role("button", name="แสดงผลการค้นหาเพิ่มเติม")
    assert shown == 8 and more.is_visible()
    more.click()
    # (not wait_for_function: Playwright evaluates its string with eval, which the site's CSP blocks)
    page.locator(".nm-search__result").nth(shown).wait_for()
    assert page.evaluate("document.activeElement.closest('.nm-search__result') !== null")


def test_a_host_that_sends_no_headers_still_blocks_a_pasted_script(browser, site, tmp_path):
    """GitHub Pages sends no security policy: the policy in each page's <meta> must stop what got through."""
    plain_root = tmp_path / "plain"
    shutil.copytree(site.root, plain_root)
    contacted = []  # what "another website" (a server on another port: another origin) was asked for

    class OtherWebsite(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the standard library's name
            contacted.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(plain_root))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as plain_server, \
            http.server.ThreadingHTTPServer(("127.0.0.1", 0), OtherWebsite) as other:
        for server in (plain_server, other):
            threading.Thread(target=server.serve_forever, daemon=True).start()
        elsewhere = f"http://127.0.0.1:{other.server_address[1]}"
        article = plain_root / "en/articles/second-mekong-river-linkage-seminar.html"
        injected = (f'<script>document.title = "ran"</script><img src="{elsewhere}/pixel.gif" alt="">'
                    f'<script src="{elsewhere}/x.js"></script>')
        article.write_text(article.read_text(encoding="utf-8").replace("</main>", injected + "</main>"),
                           encoding="utf-8")
        context = browser.new_context()
        tab = context.new_page()
        url = f"http://127.0.0.1:{plain_server.server_address[1]}/en/articles/second-mekong-river-linkage-seminar.html"
        response = tab.goto(url, wait_until="networkidle")
        assert "Content-Security-Policy" not in response.headers  # the host sent none
        assert tab.title() != "ran"
        assert contacted == []
        assert tab.locator("h1").inner_text()  # the page itself is shown, its own files allowed
        context.close()
        for server in (plain_server, other):
            server.shutdown()
