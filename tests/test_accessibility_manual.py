"""A manual accessibility review (WCAG 2.1 AA), kept as tests.

What keyboard, screen reader, low-vision and Windows high contrast readers meet, and axe-core cannot see. Each
test failed before the fix it guards. Where a test judges what a reader sees, it compares screenshots: a focus
ring, for instance, is the pixels that change by 3:1 or more in contrast when the focus arrives.
"""

from __future__ import annotations

import io
import re

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import expect

from conftest import FixtureSite, read_as_an_older_engine, watch_security_policy
from webserver import Nginx

pytestmark = pytest.mark.browser

# WCAG 1.4.12 Text Spacing: what a reader's own style sheet may set, which must lose no content.
TEXT_SPACING = ("* { line-height: 1.5 !important; letter-spacing: 0.12em !important;"
                " word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }")


@pytest.fixture
def page(browser):
    """A phone-sized tab under the site's policy; a policy violation fails the test, whatever it tested."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    violations = watch_security_policy(context)
    tab = context.new_page()
    tab.errors = []
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    yield tab
    tab.evaluate("0")  # a round trip: the last reports are in
    context.close()
    assert violations == [], f"Content-Security-Policy violations: {violations}"
    assert tab.errors == []


def luminance(pixels: np.ndarray) -> np.ndarray:
    """WCAG relative luminance of an array of sRGB pixels (0-255)."""
    channels = pixels[..., :3].astype(float) / 255
    linear = np.where(channels <= 0.04045, channels / 12.92, ((channels + 0.055) / 1.055) ** 2.4)
    return linear @ np.array([0.2126, 0.7152, 0.0722])


def contrast(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """WCAG contrast ratio, pixel by pixel, of two arrays of the same shape."""
    one, two = luminance(first), luminance(second)
    return (np.maximum(one, two) + 0.05) / (np.minimum(one, two) + 0.05)


def screenshot(tab, box: dict, pad: int) -> np.ndarray:
    """The pixels of `box` (page coordinates of the viewport) and `pad` pixels around it."""
    clip = {"x": box["x"] - pad, "y": box["y"] - pad,
            "width": box["width"] + 2 * pad, "height": box["height"] + 2 * pad}
    return np.array(Image.open(io.BytesIO(tab.screenshot(clip=clip, animations="disabled"))).convert("RGB"))


def ring_around(tab, box: dict, focus, blur, pad: int = 8) -> int:
    """How many pixels just outside `box` change by 3:1 or more when `focus()` runs instead of `blur()`."""
    focus()
    tab.wait_for_timeout(50)
    focused = screenshot(tab, box, pad)
    blur()
    tab.wait_for_timeout(50)
    unfocused = screenshot(tab, box, pad)
    changed = contrast(focused, unfocused) >= 3
    changed[pad:-pad, pad:-pad] = False  # only what is drawn around the box counts
    return int(changed.sum())


def tab_to(tab, selector: str, limit: int = 200) -> None:
    """Press Tab until the element matching `selector` has the focus, as a keyboard user would."""
    for _ in range(limit):
        tab.keyboard.press("Tab")
        if tab.evaluate("selector => document.activeElement.matches(selector)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


# --- Keyboard: focus stays where the reader is -------------------------------------------------------

@pytest.mark.parametrize("path, query", [("/search.html", "ชายแดน"), ("/en/search.html", "border")])
def test_pressing_enter_in_the_search_field_shows_the_results_and_keeps_the_focus_there(page, server, path, query):
    """WCAG 2.4.3: Enter searches in place, and the focus stays in the field.

    Enter used to reload the page, and the focus fell back to its top, some 30 Tab presses from the results.
    """
    page.goto(server + path, wait_until="networkidle")
    page.evaluate("window.notReloaded = true")
    page.focus("[data-search-input]")
    page.keyboard.type(query)
    page.keyboard.press("Enter")
    page.locator(".nm-search__result").first.wait_for()
    assert page.evaluate("window.notReloaded === true"), "the page was reloaded"
    assert page.evaluate("document.activeElement.matches('[data-search-input]')"), "focus left the search field"
    assert query in page.locator("[data-search-status]").inner_text()  # the count, in the live region
    assert page.evaluate("new URLSearchParams(location.search).get('q')") == query, "the address keeps the query"


@pytest.mark.parametrize("path, query", [("/", "ชายแดน"), ("/en/about.html", "border")])
def test_a_search_from_the_header_takes_the_focus_to_what_was_found(page, server, path, query):
    """WCAG 2.4.3, 4.1.3: from another page's search box, the results page opened with the focus at its top.

    A screen reader said nothing of the results; they were some 30 Tab presses away.
    """
    page.goto(server + path)
    page.focus("#header-search")
    page.keyboard.type(query)
    page.keyboard.press("Enter")
    page.locator(".nm-search__result").first.wait_for()
    status = page.locator("[data-search-status]")
    expect(status).to_be_focused()
    assert query in status.inner_text()
    assert page.title().startswith(status.inner_text() + " | "), "the tab and the history name what was found"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.nm-search__result') !== null"), "next: the first result"
    # Searching again in place names the new search, and an emptied field gives the page its own name back.
    page.fill("[data-search-input]", "")
    expect(status).to_have_text("")
    assert " | " in page.title() and query not in page.title()


@pytest.mark.parametrize("path", ["/centres/", "/en/report.html"])
def test_finding_the_nearest_centre_keeps_the_focus_on_the_button(browser, server, path):
    """WCAG 2.4.3: the focus stays on "Find the nearest centre" while it works, and the results come next.

    The button was disabled while the location was found, and a disabled button drops the focus (to the page
    itself): a screen reader lost its place just as the results were announced.
    """
    context = browser.new_context(viewport={"width": 390, "height": 844}, permissions=["geolocation"],
                                  geolocation={"latitude": 15.25, "longitude": 105.45})
    violations = watch_security_policy(context)
    tab = context.new_page()
    tab.goto(server + path, wait_until="networkidle")
    tab_to(tab, "[data-nearest-button]")
    tab.keyboard.press("Enter")
    tab.locator(".nm-nearest__list a").first.wait_for()
    assert tab.evaluate("document.activeElement.matches('[data-nearest-button]')"), \
        tab.evaluate("document.activeElement.outerHTML.slice(0, 80)")
    tab.keyboard.press("Tab")  # and the results come next
    assert tab.evaluate("document.activeElement.closest('.nm-nearest__list') !== null")
    context.close()
    assert violations == []


def test_the_centres_map_itself_is_not_a_tab_stop(page, server):
    """WCAG 2.4.3: after the last province, Tab goes to the map's first point.

    Chromium made the map's <svg> a tab stop (it ignores focusable="false"): a stop that does nothing, between
    the list of provinces and the map's points.
    """
    page.goto(server + "/en/centres/")
    page.locator(".nm-directory__provinces a").last.focus()  # Trat, the last province
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('a.nm-map__link')"), \
        page.evaluate("document.activeElement.tagName + ' ' + document.activeElement.getAttribute('class')")


# --- Large text on a phone ------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/", "/en/", "/report.html", "/en/report.html", "/centres/chiang-khong.html",
                                  "/en/centres/chiang-khong.html", "/reports/", "/en/news/", "/videos/"])
def test_pages_fit_a_phone_with_text_twice_as_large(browser, server, path):
    """WCAG 1.4.4 and 1.4.10: with a phone's text at 200%, nothing runs off the screen.

    At 200% (Android's text scaling, here a root font size of 200%), the site's name and the search button were
    cut off at the screen's edge; then the hotlines ("สำนักงานตำรวจแห่ง…"), "NTS-Mekong Watch" in headings and the
    dates of cards, whose narrow-screen rules asked the screen's width (`@media`), which large text leaves as
    it was. The skip link, hidden 100 pixels above the page, showed its lower half over the site's name.
    """
    context = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True)
    tab = context.new_page()
    tab.goto(server + path, wait_until="networkidle")
    tab.add_style_tag(content="html { font-size: 200% !important; }")
    beyond = tab.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter(e => e.getClientRects().length && !e.closest('.nm-visually-hidden')
                && e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
        .map(e => e.tagName + '.' + e.className + ': ' + e.textContent.trim().slice(0, 20))""")
    assert beyond == [], "\n".join(beyond)
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    assert tab.locator(".nm-skip-link").bounding_box()["y"] + tab.locator(".nm-skip-link").bounding_box()["height"] <= 0
    context.close()


# --- Videos from a provider: the play button and the player -----------------------------------------

@pytest.mark.parametrize("path", ["/", "/centres/chiang-khong.html", "/articles/coordination-centres-established.html",
                                  "/videos/", "/en/videos/", "/en/reports/finale-forum-2024.html"])
def test_pages_reflow_at_320_pixels_with_the_readers_text_spacing(browser, server, path):
    """WCAG 1.4.10 with 1.4.12: at 400% zoom with wider letter spacing nothing is cut off or scrolls sideways.

    Names kept on one line (NTS-Mekong Watch in a heading, the video's download link) became wider than the
    screen: the Thai home page's whole introduction was cut off about 50 pixels past the right edge.
    """
    context = browser.new_context(viewport={"width": 320, "height": 640}, bypass_csp=True)
    tab = context.new_page()
    tab.goto(server + path, wait_until="networkidle")
    tab.add_style_tag(content=TEXT_SPACING)
    tab.evaluate("document.fonts.ready")
    wide = tab.evaluate("""() => [...document.querySelectorAll('main *, header *')]
        .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
        .filter(e => !e.closest('[hidden], .nm-skip-link, .nm-visually-hidden'))
        .map(e => e.tagName + '.' + e.className + ': ' + e.textContent.slice(0, 30))""")
    assert tab.evaluate("document.documentElement.scrollWidth") <= 320 and not wide, wide[:5]
    context.close()


@pytest.fixture(scope="module")
def video_server(tmp_path_factory):
    """A fixture site whose article embeds a YouTube video with a title of real length, served by nginx."""
    fixture = FixtureSite(tmp_path_factory.mktemp("video"))
    for lang, title in (("th", "หน้าแรก"), ("en", "Home")):
        fixture.page("home", lang, title, extra="Template: home\nSave_as: index.html\nURL:\n")
    fixture.article("clip", "th", "วิดีโอ",
                    body='{% video https://youtu.be/dQw4w9WgXcQ title="วิธีแจ้งเบาะแสภัยคุกคามตามแนวชายแดน" %}')
    fixture.article("clip", "en", "Video",
                    body='{% video https://youtu.be/dQw4w9WgXcQ title="How to report a concern along the border" %}')
    with Nginx(fixture.build().root) as nginx:
        yield nginx.url


def fake_player(tab) -> None:
    """The provider's player, answered locally (the tests never reach the Internet)."""
    tab.route(re.compile(r"https://www\.youtube-nocookie\.com/.*"), lambda route: route.fulfill(
        status=200, content_type="text/html",
        body="<!DOCTYPE html><title>player</title><body style='background:#000'>"))


@pytest.mark.parametrize("width", [390, 320])
@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("spacing", [False, True], ids=["as-designed", "text-spacing"])
def test_the_play_button_does_not_cover_the_privacy_notice_on_a_phone(browser, video_server, width, lang, spacing):
    """WCAG 1.4.10 and 1.4.12: on a phone, the play button leaves the privacy notice below it readable.

    The button was half the player's width at most, so its label wrapped into a tall column that covered the
    notice saying the provider may set cookies, and the link to watch the video there instead.
    """
    context = browser.new_context(viewport={"width": width, "height": 844}, bypass_csp=spacing)
    tab = context.new_page()
    tab.goto(video_server + ("/" if lang == "th" else "/en/") + "articles/clip.html", wait_until="networkidle")
    if spacing:
        tab.add_style_tag(content=TEXT_SPACING)
    button = tab.locator("[data-video-play]").bounding_box()
    notice = tab.locator(".nm-video__notice").bounding_box()
    facade = tab.locator(".nm-video__facade").bounding_box()
    assert button["y"] + button["height"] <= notice["y"], "the play button covers the notice"
    assert facade["x"] <= button["x"] and button["x"] + button["width"] <= facade["x"] + facade["width"]
    # The label is not squeezed into a column of one or two words a line.
    assert button["width"] >= facade["width"] * 0.6 or button["height"] < 60, (button, facade)
    context.close()


def test_the_loaded_player_shows_where_the_focus_is(page, video_server):
    """WCAG 2.4.7: after play is pressed, a focus ring shows around the player, which has the focus.

    The focus moved to the player's frame, but the frame's ring was cut off by the rounded box around it
    (overflow: hidden), so a keyboard user could not see where the focus was.
    """
    fake_player(page)
    page.goto(video_server + "/en/articles/clip.html", wait_until="networkidle")
    tab_to(page, "[data-video-play]")
    page.keyboard.press("Enter")
    frame = page.locator("iframe.nm-video__frame")
    frame.wait_for()
    assert page.evaluate("document.activeElement.matches('iframe.nm-video__frame')")
    box = page.locator(".nm-video__facade").bounding_box()
    ring = ring_around(page, box, focus=lambda: frame.focus(),
                       blur=lambda: page.evaluate("document.activeElement.blur()"))
    # The site's ring: 2 px of dark blue (11:1 on white), then 3 px of gold (the part that shows on dark areas).
    perimeter = 2 * (box["width"] + box["height"])
    assert ring >= 1.5 * perimeter, f"{ring} pixels change by 3:1 around the player, of {perimeter} around it"


def test_the_player_loads_in_16_9_on_an_older_phone(page, video_server):
    """On a browser without replaceChildren and aspect-ratio (Android's Chrome before 86, iOS 13), play works.

    The button showed and did nothing (`facade.replaceChildren is not a function`); once it loaded, the frame
    would have been 150 px high. The older engine is made from this one: the function deleted, and the style
    sheet as such an engine reads it.
    """
    page.add_init_script("delete Element.prototype.replaceChildren")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    read_as_an_older_engine(page, "aspect-ratio:")
    fake_player(page)
    page.goto(video_server + "/en/articles/clip.html", wait_until="networkidle")
    page.click("[data-video-play]")
    frame = page.locator("iframe.nm-video__frame")
    frame.wait_for()
    box = frame.bounding_box()
    assert abs(box["height"] - box["width"] * 9 / 16) <= 2, box
    assert errors == []


def test_a_video_played_without_a_connection_says_why_and_keeps_its_notice(page, video_server):
    """Offline, pressing play says there is no connection, and the notice and its link stay.

    It swapped in a frame showing the browser's own error page, and the notice and the link to the provider
    went with it until the page was reloaded.
    """
    page.goto(video_server + "/articles/clip.html", wait_until="networkidle")
    page.context.set_offline(True)
    page.click("[data-video-play]")
    status = page.locator(".nm-video__facade .nm-video__status")
    status.wait_for()
    assert "ไม่มีการเชื่อมต่ออินเทอร์เน็ต" in status.inner_text() and status.get_attribute("role") == "status"
    assert page.locator("iframe").count() == 0 and page.locator(".nm-video__notice a").is_visible()
    page.context.set_offline(False)
    fake_player(page)
    page.click("[data-video-play]")
    page.locator("iframe.nm-video__frame").wait_for()


def test_a_video_file_that_cannot_load_says_why_and_plays_once_the_connection_is_back(page, server):
    """Offline, the site's own video showed greyed controls at 0:00 and no word."""
    page.goto(server + "/en/articles/videos-how-to-report.html", wait_until="networkidle")
    page.context.set_offline(True)
    video = page.locator("video.nm-video__player").first
    video.evaluate("v => { v.play().catch(() => {}); }")  # its promise never settles offline: not awaited
    status = page.locator("video.nm-video__player + .nm-video__status").first
    status.wait_for()
    assert "no internet connection" in status.inner_text()
    page.context.set_offline(False)
    # (not wait_for_function: Playwright evaluates its string with eval, which the site's CSP blocks)
    for _ in range(50):  # the player is reset once the connection is back: no longer NETWORK_NO_SOURCE (3)
        if video.evaluate("v => v.networkState") != 3:
            break
        page.wait_for_timeout(100)
    video.evaluate("v => { v.muted = true; v.play().catch(() => {}); }")
    for _ in range(150):
        if video.evaluate("v => v.currentTime") > 0:
            break
        page.wait_for_timeout(100)
    assert video.evaluate("v => v.currentTime") > 0, "the video did not play once the connection was back"


# --- Windows high contrast (forced colours) ----------------------------------------------------------

def test_the_play_icon_stays_a_triangle_in_high_contrast_mode(page, video_server):
    """WCAG 1.1.1 and 1.4.11: in high contrast mode the play icon is still a triangle.

    The triangle is drawn with one coloured border and three transparent ones; high contrast mode painted all
    four, and the button showed a square: the sign for stop.
    """
    page.emulate_media(forced_colors="active")
    page.goto(video_server + "/en/articles/clip.html")
    box = page.locator(".nm-video__play-icon").bounding_box()
    icon = screenshot(page, box, 0)
    corner, point = icon[1, -2], icon[icon.shape[0] // 2, 1]  # top right: background; middle of the left side: icon
    assert contrast(corner[None], point[None])[0] >= 3, (corner, point)


def bottom_edge(tab, locator, rows: int = 4) -> np.ndarray:
    """The mean colour of the bottom `rows` pixel rows of an element."""
    box = locator.bounding_box()
    strip = {"x": box["x"], "y": box["y"] + box["height"] - rows, "width": box["width"], "height": rows}
    pixels = np.array(Image.open(io.BytesIO(tab.screenshot(clip=strip))).convert("RGB"))
    return pixels.reshape(-1, 3).mean(axis=0)


@pytest.mark.parametrize("path", ["/", "/en/videos/"])
def test_the_current_menu_item_stays_marked_in_high_contrast_mode(page, server, path):
    """WCAG 1.3.1 and 1.4.1: in high contrast mode only the current page's menu item is underlined.

    The menu marks the current page with a gold underline and gives the other items a transparent one; high
    contrast mode draws every border in the text colour, so every item was underlined.
    """
    page.emulate_media(forced_colors="active")
    page.goto(server + path)
    links = page.locator(".nm-nav__link")
    current = page.locator(".nm-nav__link[aria-current=page]")
    other = links.nth(1 if links.first.get_attribute("aria-current") else 0)
    underline, no_underline = bottom_edge(page, current), bottom_edge(page, other)
    assert contrast(underline[None], no_underline[None])[0] >= 3, (underline, no_underline)


def test_the_report_link_keeps_the_shape_of_a_button_in_high_contrast_mode(page, server):
    """WCAG 1.4.11: in high contrast mode "Report a concern" keeps the outline of a button.

    It is drawn as a gold button; high contrast mode removes backgrounds, and with no border of its own it became
    a bare word among the header's boxed buttons and fields.
    """
    page.emulate_media(forced_colors="active")
    page.goto(server + "/en/")
    link = page.locator(".nm-report-link")
    box = link.bounding_box()
    pixels = screenshot(page, box, 0)
    inside = pixels[3:-3, 3:-3].reshape(-1, 3).mean(axis=0)
    edges = np.concatenate([pixels[0], pixels[-1], pixels[:, 0], pixels[:, -1]])
    assert (contrast(edges, np.broadcast_to(inside, edges.shape)) >= 3).mean() > 0.8, "no visible border"
