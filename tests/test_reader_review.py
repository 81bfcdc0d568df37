"""What a reader sees of the built site in Debian's Chromium: spacing, alignment, line breaks, phones, paper.

Each test measures the page as drawn (positions, sizes, line boxes), not the markup that draws it.
"""

from __future__ import annotations

import io

import numpy as np
import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import watch_security_policy

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 800}
SMALL_PHONE = {"width": 320, "height": 640}  # the narrowest phones in use (iPhone SE, first generation)
DESKTOP = {"width": 1280, "height": 900}

# The top of every line box an element's text is drawn in (text in <strong> left out: bold may be drawn in
# another font while Sarabun's bold loads, whose box starts a little higher on the same line).
LINE_TOPS = """element => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const tops = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim() || node.parentElement.closest('strong, b')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const rect of range.getClientRects()) if (rect.height) tops.push(rect.top);
  }
  return tops.sort((a, b) => a - b);
}"""

# The lines of an element's text: for each, its left and right edge.
LINE_EXTENTS = """element => {
  const range = document.createRange();
  range.selectNodeContents(element);
  const lines = [];
  for (const rect of range.getClientRects()) {
    if (!rect.width) continue;
    const line = lines.find(l => Math.abs(l.top - rect.top) < rect.height / 2);
    if (line) { line.left = Math.min(line.left, rect.left); line.right = Math.max(line.right, rect.right); }
    else lines.push({top: rect.top, left: rect.left, right: rect.right});
  }
  return lines.sort((a, b) => a.top - b.top);
}"""


@pytest.fixture
def open_page(browser, server):
    """Open a path of the site in a fresh tab of the given size; a policy violation fails the test."""
    contexts = []

    def open_(path: str, viewport: dict = PHONE, media: str | None = None):
        context = browser.new_context(viewport=viewport)
        contexts.append((context, watch_security_policy(context)))
        tab = context.new_page()
        if media:
            tab.emulate_media(media=media)
        tab.goto(server + path, wait_until="networkidle")
        tab.evaluate("document.fonts.ready")
        return tab

    open_.server = server
    yield open_
    for context, violations in contexts:
        context.pages[0].evaluate("0")  # a round trip: the last reports are in
        context.close()
        assert violations == [], f"Content-Security-Policy violations: {violations}"


RECT = "e => e.getBoundingClientRect().toJSON()"


def box(page, selector: str) -> dict:
    """The first matching element's box on the screen."""
    return page.locator(selector).first.evaluate(RECT)


def line_pitches(tops: list[float]) -> list[float]:
    """The distances between successive lines, from the tops of their text."""
    lines: list[float] = []
    for top in tops:
        if not lines or top - lines[-1] > 8:
            lines.append(top)
    return [round(after - before, 1) for before, after in zip(lines, lines[1:], strict=False)]


@pytest.mark.parametrize("path, selector", [
    ("/articles/nan-thung-chang-visit.html", "h1"),  # Thai place names kept whole, in a heading
    ("/", "h1"),
    ("/en/accessibility.html", "li:has(> [lang=th])"),  # a Thai title quoted in English text
])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_lines_of_a_heading_or_paragraph_are_evenly_spaced(open_page, path, selector, viewport):
    page = open_page(path, viewport)
    wrapped = 0
    for element in page.locator(selector).all():
        pitches = line_pitches(element.evaluate(LINE_TOPS))
        if pitches:
            assert max(pitches) - min(pitches) <= 2, f"uneven lines in {selector} on {path}: {pitches}"
            wrapped += 1
    assert wrapped, f"no {selector} on {path} wraps at this width: the test proves nothing"


@pytest.mark.parametrize("path", ["/archives.html", "/en/archives.html", "/404.html", "/en/sitemap.html"])
def test_narrow_pages_start_at_the_same_left_edge_as_the_header(open_page, path):
    page = open_page(path, DESKTOP)
    assert abs(box(page, "main h1")["left"] - box(page, ".nm-brand")["left"]) <= 1


@pytest.mark.parametrize("path", ["/archives.html", "/en/archives.html"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_an_archived_title_never_wraps_back_under_its_date(open_page, path, viewport):
    page = open_page(path, viewport)
    wrapped = 0
    for link in page.locator(".nm-archive a").all():
        lefts = {round(line["left"]) for line in link.evaluate(LINE_EXTENTS)}
        assert len(lefts) == 1, f"{link.inner_text()!r} starts its lines at {sorted(lefts)}"
        wrapped += len(link.evaluate(LINE_EXTENTS)) > 1
    assert wrapped, "no title wraps at this width: the test proves nothing"


@pytest.mark.parametrize("path", ["/centres/", "/en/centres/"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_not_confirmed_label_is_a_small_tag_not_a_box_across_the_entry(open_page, path, viewport):
    page = open_page(path, viewport)
    labels = page.locator(".nm-centre-list__unconfirmed").all()
    assert labels
    for label in labels:
        entry = label.evaluate("e => e.closest('li').getBoundingClientRect().width")
        assert label.evaluate("e => e.getBoundingClientRect().width") < 0.75 * entry


@pytest.mark.parametrize("width", [PHONE["width"], SMALL_PHONE["width"]])
@pytest.mark.parametrize("path", ["/", "/en/", "/en/articles/reciprocal-visits-2024.html"])
def test_on_a_phone_the_header_holds_search_then_report_and_languages_in_two_rows(open_page, path, width):
    page = open_page(path, {**PHONE, "width": width})
    search, report, languages = box(page, ".nm-search-form"), box(page, ".nm-report-link"), box(page, ".nm-lang")
    assert abs(report["top"] - languages["top"]) <= 2, "the languages fell to a row of their own"
    assert abs(search["left"] - report["left"]) <= 1 and abs(search["right"] - languages["right"]) <= 1, \
        "the search box does not fill its row"


def test_the_rule_above_the_footer_note_lines_up_with_the_footer_text(open_page):
    page = open_page("/en/", DESKTOP)
    note = page.locator(".nm-footer__note")
    note.scroll_into_view_if_needed()
    # Where the text may go: the note's box less its padding, as wide as the columns above it.
    text = note.evaluate("""e => { const r = e.getBoundingClientRect(), s = getComputedStyle(e);
        return {top: r.top, left: r.left + parseFloat(s.paddingLeft),
                right: r.right - parseFloat(s.paddingRight)}; }""")
    shot = np.asarray(Image.open(io.BytesIO(page.screenshot(clip={
        "x": 0, "y": text["top"], "width": DESKTOP["width"], "height": 24}))).convert("RGB")).astype(int)
    background = shot[0, 0]
    rows = [row for row in shot if (np.abs(row - background).sum(axis=1) > 30).sum() > DESKTOP["width"] / 2]
    assert rows, "no rule drawn above the note"
    drawn = np.nonzero(np.abs(rows[0] - background).sum(axis=1) > 30)[0]
    assert abs(drawn[0] - text["left"]) <= 1 and abs(drawn[-1] + 1 - text["right"]) <= 1, \
        f"the rule runs from {drawn[0]} to {drawn[-1] + 1}, the text from {text['left']} to {text['right']}"


@pytest.mark.parametrize("path", ["/centres/chiang-khong.html", "/en/centres/chiang-khong.html"])
def test_the_sources_box_stands_apart_from_the_link_under_it(open_page, path):
    page = open_page(path, PHONE)
    sources = box(page, ".nm-sources")
    after = page.locator(".nm-sources + *").first.evaluate("e => e.getBoundingClientRect().top")
    assert after - sources["bottom"] >= 16


@pytest.mark.parametrize("path, query", [("/search.html", "ค้ามนุษย์"), ("/en/search.html", "trafficking")])
def test_search_results_show_the_article_text_not_its_dates_again(open_page, server, path, query):
    page = open_page(f"{path}?q={query}", PHONE)
    page.locator(".nm-search__result").nth(3).wait_for()
    status = page.locator("[data-search-status]").evaluate("e => e.getBoundingClientRect().top")
    assert status - box(page, ".nm-search__row")["bottom"] >= 8, "the count of results touches the search box"
    checked = 0
    for result in page.locator(".nm-search__result").all():
        href = result.locator("a").first.get_attribute("href")
        article = BeautifulSoup(page.request.get(server + href).text(), "html.parser")
        dates = article.select_one(".nm-article__header .nm-meta")
        if dates is None:
            continue
        snippet = " ".join(result.locator(".nm-search__snippet").inner_text().split())
        for part in " ".join(dates.get_text(" ").split()).split(" · "):
            assert part not in snippet, f"{href}: the snippet repeats {part!r}"
        checked += 1
    assert checked >= 3


@pytest.mark.parametrize("path, query", [("/search.html", "สัมมนา"), ("/en/search.html", "seminar"),
                                         ("/en/search.html", "Loei"), ("/search.html", "ชายแดน"),
                                         ("/en/search.html", "border")])
def test_search_snippets_do_not_repeat_the_category_and_title_shown_above_them(open_page, path, query):
    """A snippet repeated what its result shows right above it.

    Snippets began "Activities. Third Mekong River Linkage Seminar...", under that title and its category; the
    home page's, with the tagline and the title before them (ชายแดน finds it first).
    """
    page = open_page(f"{path}?q={query}", PHONE)
    page.locator(".nm-search__result").nth(1).wait_for()
    checked = 0
    for result in page.locator(".nm-search__result").all():
        title = result.locator(".nm-search__title").inner_text().strip()
        snippet = result.locator(".nm-search__snippet").inner_text().removeprefix("…").strip()
        # The heading, as the index holds it (Pagefind ends a block with a full stop), not the word in a sentence.
        assert snippet and not snippet.startswith(title) and f"{title}. " not in snippet, \
            f"the snippet repeats the title: {snippet[:120]}"
        if result.locator(".nm-meta").count():  # pages of the site's own (About...) have no category
            category = result.locator(".nm-meta").inner_text().split(" · ")[0]
            assert not snippet.startswith(category), f"the snippet begins with the category: {snippet[:60]}"
            checked += 1
    assert checked >= 2


@pytest.mark.parametrize("path, selector", [
    ("/en/articles/videos-how-to-report.html", "h1"),
    ("/en/", "h1, h2, .nm-card__title"),
    ("/en/videos/", "h2"),
    ("/en/centres/", ".nm-border > h2"),  # the Thai headings are one short line even at 320 px (same template)
])
def test_a_heading_never_ends_with_a_short_line_alone_on_a_phone(open_page, path, selector):
    page = open_page(path, PHONE)
    wrapped = 0
    for heading in page.locator(selector).all():
        lines = heading.evaluate(LINE_EXTENTS)
        if len(lines) < 2:
            continue
        widths = [line["right"] - line["left"] for line in lines]
        assert widths[-1] >= 0.3 * max(widths), f"{heading.inner_text()!r}: line widths {widths}"
        wrapped += 1
    assert wrapped, f"no {selector} on {path} wraps on a phone: the test proves nothing"


@pytest.mark.parametrize("path", ["/reports/", "/en/reports/"])
def test_on_a_phone_a_report_summary_runs_under_the_thumbnail_across_the_card(open_page, path):
    page = open_page(path, PHONE)
    cards = page.locator(".nm-report-card").all()
    assert cards
    for card in cards:
        thumb = card.locator(".nm-report-card__thumb").evaluate(RECT)
        summary = card.locator(".nm-report-card__body > p:last-child").evaluate(RECT)
        assert abs(summary["left"] - thumb["left"]) <= 1 and summary["top"] >= thumb["bottom"] - 1


@pytest.mark.parametrize("path", ["/404.html", "/en/404.html"])
def test_the_other_language_box_on_the_404_page_has_even_room_above_and_below(open_page, path):
    page = open_page(path, PHONE)
    other, link = box(page, ".nm-notfound__other"), box(page, ".nm-notfound__other a")
    assert abs((link["top"] - other["top"]) - (other["bottom"] - link["bottom"])) <= 2


@pytest.mark.parametrize("path", ["/centres/", "/en/centres/"])
def test_the_province_list_starts_level_with_the_map_beside_it(open_page, path):
    page = open_page(path, DESKTOP)
    assert abs(box(page, "#provinces-title")["top"] - box(page, ".nm-directory .nm-map__svg")["top"]) <= 4


@pytest.mark.parametrize("path", ["/articles/reciprocal-visits-2024.html", "/en/centres/chiang-khong.html"])
def test_footer_and_breadcrumb_links_are_a_finger_high(open_page, path):
    page = open_page(path, PHONE)
    heights = page.locator(".nm-footer__links a, .nm-breadcrumbs a").evaluate_all(
        "links => links.map(a => a.getBoundingClientRect().height)")
    assert heights and min(heights) >= 24, heights


@pytest.mark.parametrize("path", ["/centres/chiang-khong.html", "/en/centres/chiang-khong.html"])
def test_on_a_phone_a_centres_own_map_writes_names_at_text_size(open_page, path):
    """Names on the map no bigger than a line of text: at headline size they covered the countries' names."""
    page = open_page(path, PHONE)
    text = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    for name in (".nm-map__here", ".nm-map__label"):
        height = page.locator(f".nm-map--small {name}").first.evaluate("e => e.getBoundingClientRect().height")
        assert height <= 1.5 * text, f"{name} is {height:.0f} px high, the text {text:.0f} px"


# The names written on a map (each country's, and the current centre's), with what they must not touch: the
# dots, each other, and the map's edge.
MAP_TEXT_BOXES = """svg => {
  const box = e => { const b = e.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; };
  return {countries: [...svg.querySelectorAll('.nm-map__label')].map(e => [e.textContent, box(e)]),
          here: [...svg.querySelectorAll('.nm-map__here')].map(e => [e.textContent, box(e)]),
          dots: [...svg.querySelectorAll('.nm-map__point:not(.nm-map__point--current)')].map(box),
          current: [...svg.querySelectorAll('.nm-map__point--current')].map(box), map: box(svg)};
}"""


def overlaps(a: list[float], b: list[float]) -> bool:
    """Whether two boxes (left, top, right, bottom) share any area."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("lang", ["th", "en"])
def test_every_map_writes_its_names_clear_of_the_dots_and_of_each_other(open_page, site, lang):
    """On the directory's map and every centre's, at phone and desktop width.

    "Chiang Khan" ran into "Lao PDR", and a neighbour's dot sat on "Pho Sai".
    """
    prefix = "" if lang == "th" else "/en"
    folder = site.root / prefix.strip("/") / "centres"
    paths = [f"{prefix}/centres/{page.name}" for page in sorted(folder.glob("*.html"))]
    assert len(paths) == 45  # the directory and its 44 centres
    tab = open_page(paths[0], PHONE)
    clashes = []
    for viewport in (PHONE, DESKTOP):
        tab.set_viewport_size(viewport)
        for path in paths:
            tab.goto(open_page.server + path)
            tab.evaluate("document.fonts.ready")
            drawn = tab.locator(".nm-map__svg").first.evaluate(MAP_TEXT_BOXES)
            assert drawn["countries"], f"{path}: no country is named"
            names = [(name, name_box, drawn["current"]) for name, name_box in drawn["countries"]]
            names += [(name, name_box, []) for name, name_box in drawn["here"]]  # the centre's own, by its dot
            for name, name_box, avoided in names:
                others = drawn["dots"] + avoided + [other for _other, other, _ in names if other is not name_box]
                left, top, right, bottom = drawn["map"]
                if any(overlaps(name_box, other) for other in others) or not (
                        left <= name_box[0] and name_box[2] <= right and top <= name_box[1] and name_box[3] <= bottom):
                    clashes.append(f"{path} at {viewport['width']} px: {name}")
    assert clashes == []


@pytest.mark.parametrize("path", ["/articles/reciprocal-visits-2024.html", "/en/articles/reciprocal-visits-2024.html"])
def test_a_printed_article_has_no_controls_a_readable_footer_and_a_title_in_proportion(open_page, path):
    page = open_page(path, {"width": 800, "height": 1100}, media="print")
    for control in (".nm-search-form", ".nm-report-link", ".nm-lang", ".nm-article__footer"):
        assert not page.locator(control).first.is_visible(), f"{control} is printed"
    heading = page.locator(".nm-footer__heading").first
    assert heading.is_visible()
    assert heading.evaluate("e => getComputedStyle(e).color") != "rgb(255, 255, 255)", "white on the paper"
    assert page.locator("h1").evaluate("e => parseFloat(getComputedStyle(e).fontSize)") <= 28
    # On paper, a source is looked up by its address: each external link of the sources box prints it.
    sources = page.locator(".nm-sources a[href^='http']")
    assert sources.count() > 0
    for index in range(sources.count()):
        link = sources.nth(index)
        printed = link.evaluate("e => getComputedStyle(e, '::after').content")
        assert link.get_attribute("href") in printed, printed
