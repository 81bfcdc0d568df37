"""`make check`: every rule, triggered by a fixture, prints exactly `path:line: message`.

The messages are what communications staff read; each is written out here in full, so a change to the
wording or to the line it points at is a deliberate one. The README explains each message.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from invoke import Context
from invoke.exceptions import Exit
from markdown_it import MarkdownIt
from PIL import Image

import tasks
from conftest import ROOT
from content_guard.content_guard import Problem

GOOD_HEADER = "Title: News\nSlug: {slug}\nLang: en\nDate: 2024-01-15\nCategory: news\n"
ALT_EXAMPLE = "![who is in the photo, doing what, where]"
IPHONE_JPEG = ("An iPhone takes JPEGs with Settings, Camera, Formats, Most Compatible, and usually sends a"
               " photo as JPEG when it is uploaded from its own browser")
STYLE_FIX = ("inline style (`style=\"...\"`, often pasted from Word) is not allowed in content: the security "
             "policy blocks it, and the theme styles every page. Remove the attribute, and use Markdown "
             "(`**bold**`, `_italic_`, `## Heading`, lists)")

# name: (file, text, line, exact message, severity)
RULES = {
    "missing title": (
        "articles/no-title.en.md", "Slug: no-title\nLang: en\nDate: 2024-01-15\nCategory: news\n\nText.\n",
        1, "Title is missing: add a line such as `Title: The seminar in Nong Khai`", "error"),
    "missing lang": (
        "articles/no-lang.en.md", "Title: No language\nSlug: no-lang\nDate: 2024-01-15\nCategory: news\n\nText.\n",
        1, "Lang is missing: add `Lang: th`, `Lang: en`", "error"),
    "regional language code": (
        "articles/region.th.md", "Title: ข่าว\nSlug: region\nLang: th-TH\nDate: 2024-01-15\nCategory: news\n\nT.\n",
        3, "Lang `th-TH` is not a language code this site uses: write `Lang: th`", "error"),
    "unknown language": (
        "articles/french.fr.md", "Title: Nouvelles\nSlug: french\nLang: fr\nDate: 2024-01-15\nCategory: news\n\nT.\n",
        3, "Lang `fr` is not one of this site's languages: use `Lang: th`, `Lang: en`", "error"),
    "file named for another language": (
        "articles/mixup.th.md", "Title: Mix-up\nSlug: mixup\nLang: en\nDate: 2024-01-15\nCategory: news\n\nText.\n",
        3, "the file name ends in `.th.md` (Thai) but the file says `Lang: en` (English): correct the Lang line, "
           "or rename the file to mixup.en.md", "error"),
    "file name without its language": (
        "articles/2024-01-visit.md", "Title: Visit\nSlug: visit\nLang: en\nDate: 2024-01-15\nCategory: news\n\nText.\n",
        3, "the file name must end in the language, `.en.md`, like its `Lang: en` line: rename the file to "
           "2024-01-visit.en.md", "error"),
    "thai title without slug": (
        "articles/2024-01-seminar-report.th.md",
        "Title: การสัมมนาเชื่อมโยงลุ่มน้ำโขง\nLang: th\nDate: 2024-01-15\nCategory: news\n\nText.\n",
        1, "Slug is missing: a Thai title cannot make a web address, and both language versions must share one "
           "ASCII slug; add a line such as `Slug: seminar-report`", "error"),
    "thai slug": (
        "articles/thai-slug.th.md", "Title: ข่าว\nSlug: การสัมมนา\nLang: th\nDate: 2024-01-15\nCategory: news\n\nT.\n",
        2, "Slug `การสัมมนา` must be lower-case English letters, digits and hyphens, for example "
           "`Slug: thai-slug`", "error"),
    # Named for its month, as `make new` names files: the Buddhist Era year is the one mistake, one message.
    "buddhist era date": (
        "articles/2024-01-be-date.th.md",
        "Title: ข่าว\nSlug: be-date\nLang: th\nDate: 2567-01-15\nCategory: news\n\nT.\n",
        4, "Date `2567-01-15` has a Buddhist Era year: write the Gregorian year (2024); the site shows B.E. in "
           "Thai itself", "error"),
    "direction mark in a title": (
        "articles/bidi.en.md",
        "Title: Report \u202egpj.exe\nSlug: bidi\nLang: en\nDate: 2024-01-15\nCategory: news\n\nText.\n",
        1, "Title holds an invisible direction mark (U+202E), which can make text show in another order than it is "
           "written: retype the line, or delete the mark", "error"),
    "hidden status": (
        "articles/hidden.en.md", "Title: Hidden\nSlug: hidden\nLang: en\nDate: 2024-01-15\nCategory: news\n"
                                 "Status: hidden\n\nText.\n",
        6, "Status `hidden` still publishes the file at its address, where the sitemap and search lead anyone: "
           "use `Status: draft` to keep it unpublished, or remove the line", "error"),
    "unknown category": (
        "articles/typo.en.md", "Title: Typo\nSlug: typo\nLang: en\nDate: 2024-01-15\nCategory: Activity\n\nText.\n",
        5, "Category `Activity` is not one of `news`, `activities`, `impact-stories` (did you mean "
           "`activities`?)", "error"),
    "page without modified": (
        "pages/terms.en.md", "Title: Terms\nSlug: terms\nLang: en\n\nText.\n",
        1, "Modified is missing: pages show when they were last updated; add a line such as "
           "`Modified: 2026-11-27` and change it whenever you edit", "error"),
    "unknown field": (
        "articles/field.en.md", GOOD_HEADER.format(slug="field") + "Sumary: The seminar.\n\nText.\n",
        6, "unknown field `sumary`: did you mean `Summary`?", "warning"),
    "unknown field without a close match": (
        "articles/tags.en.md", GOOD_HEADER.format(slug="tags") + "Tags: border\n\nText.\n",
        6, "unknown field `tags`: it will be ignored", "warning"),
    "broken filename link": (
        "articles/link.en.md",
        GOOD_HEADER.format(slug="link") + "\nSee [the launch]({filename}/articles/launch.en.md).\n",
        7, "the link {filename}/articles/launch.en.md leads to no file: check the spelling, and that the path "
           "starts from the content folder, e.g. {filename}/articles/2024-01-example.en.md", "error"),
    "broken static reference": (
        "articles/static.en.md", GOOD_HEADER.format(slug="static") + "\nText.\n\n![A map]({static}/images/map.png)\n",
        9, "the link {static}/images/map.png leads to no file: check the spelling, and that the path starts "
           "from the content folder, e.g. {static}/images/articles/example.svg", "error"),
    "markdown image without alt text": (
        "articles/alt.en.md", GOOD_HEADER.format(slug="alt") + "\nText.\n\n![]({static}/images/boat.jpg)\n",
        9, "the image {static}/images/boat.jpg has no alt text: describe what it shows for readers who cannot "
           f"see it, between the square brackets, e.g. {ALT_EXAMPLE}({{static}}/images/boat.jpg)", "error"),
    "html image without alt text": (
        "articles/alt-html.en.md", GOOD_HEADER.format(slug="alt-html") + '\nText.\n\n<img src="/images/boat.jpg">\n',
        9, "the image /images/boat.jpg has no alt text: write it in Markdown with a description between the "
           f"square brackets, e.g. {ALT_EXAMPLE}(/images/boat.jpg)", "error"),
    "image from another website": (
        "articles/remote.en.md",
        GOOD_HEADER.format(slug="remote") + "\nText.\n\n![A boat](https://example.org/boat.jpg)\n",
        9, "the image https://example.org/boat.jpg is on another website: every reader's browser would contact "
           "that site. Save the image into content/images/articles/ and link it as "
           "{static}/images/articles/NAME.jpg", "error"),
    "raw script": (
        "articles/script.en.md",
        GOOD_HEADER.format(slug="script") + '\nText.\n\n<script src="https://example.org/widget.js"></script>\n',
        9, "raw <script> is not allowed in content: the site's security policy blocks it, and readers would see "
           "nothing. To show a video write `{% video URL %}` on a line of its own; for a PDF report "
           "`{% report ID %}`; for a map or a form, link to it", "error"),
    "raw iframe": (
        "articles/iframe.en.md",
        GOOD_HEADER.format(slug="iframe") + '\nText.\n\n<iframe src="https://www.youtube.com/embed/abc"></iframe>\n',
        9, "raw <iframe> is not allowed in content: it would load the provider's player, and its tracking, before "
           "the reader asks. Write `{% video URL %}` on a line of its own instead (YouTube, Vimeo, Facebook or "
           "a video file in content/videos); for a map, link to it", "error"),
    "raw embed": (
        "articles/embed.en.md",
        GOOD_HEADER.format(slug="embed") + '\nText.\n\n<embed src="https://www.youtube.com/v/abc">\n',
        9, "raw <embed> is not allowed in content: it would load a player or plug-in before the reader asks, often "
           "from another website. For a video write `{% video URL %}` on a line of its own; for a PDF report "
           "`{% report ID %}`; for anything else, link to it", "error"),
    "raw video": (
        "articles/raw-video.en.md",
        GOOD_HEADER.format(slug="raw-video") + '\n<video src="https://example.com/clip.mp4" controls></video>\n',
        7, "raw <video> is not allowed in content: it would load a media file or player before the reader asks, "
           "often from another website. For a video write `{% video URL %}` on a line of its own (a file in "
           "content/videos, or a YouTube, Vimeo or Facebook address); for a sound recording, link to it", "error"),
    "font stylesheet": (
        "articles/font.en.md",
        GOOD_HEADER.format(slug="font") + '\n<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=X">\n',
        7, "raw <link> is not allowed in content: it would load a style sheet, a font or another address for the "
           "page's links before the reader asks, often from another website. The theme writes the page's head: "
           "remove the tag", "error"),
    "event attribute": (
        "articles/onclick.en.md",
        GOOD_HEADER.format(slug="onclick") + '\n<p onclick="track()">Read more</p>\n',
        7, "an `on...=` attribute (a script) is not allowed in content: the security policy blocks it, so it does "
           "nothing. Remove the attribute", "error"),
    "script link": (
        "articles/script-link.en.md",
        GOOD_HEADER.format(slug="script-link") + "\nSee [the map](javascript:openMap()).\n",
        7, "a `javascript:` link is not allowed in content: the security policy blocks it, so it does nothing. "
           "Link to a page, a file or an address such as https://...", "error"),
    # make check passed both; the build then refused them as "a `javascript:` link".
    "image written out in the text": (
        "articles/data-image.en.md",
        GOOD_HEADER.format(slug="data-image") + "\n![A boat](data:image/png;base64,iVBORw0KGgo=)\n",
        7, "a `data:` address (an image or a file written out in the text, as \"Copy image address\" gives from a "
           "search result) is not allowed in content: the security policy blocks it, and no one can check what it "
           "holds. Save the image as a file in content/images/articles/ and write {static}/images/articles/ and "
           "its name", "error"),
    "link to a file written out in the text": (
        "articles/data-link.en.md",
        GOOD_HEADER.format(slug="data-link") + "\nThe [agenda](data:text/plain;base64,SGVsbG8=).\n",
        7, "a `data:` address (an image or a file written out in the text, as \"Copy image address\" gives from a "
           "search result) is not allowed in content: the security policy blocks it, and no one can check what it "
           "holds. Save the image as a file in content/images/articles/ and write {static}/images/articles/ and "
           "its name", "error"),
    "capital MD": (
        "articles/2024-01-visit.en.MD", GOOD_HEADER.format(slug="visit") + "\nText.\n",
        1, "the file name must end in `.en.md`, in small letters: rename the file to 2024-01-visit.en.md", "error"),
    "language in capitals": (
        "articles/2024-01-visit.EN.MD", GOOD_HEADER.format(slug="visit") + "\nText.\n",
        1, "the file name must end in `.en.md`, in small letters: rename the file to 2024-01-visit.en.md", "error"),
    # The language or `.md` already in the name is not written twice ("rename to visit.en.md.en.md").
    "md written twice": (
        "articles/2024-01-visit.en.md.md", GOOD_HEADER.format(slug="visit") + "\nText.\n",
        3, "the file name must end in the language, `.en.md`, like its `Lang: en` line: rename the file to "
           "2024-01-visit.en.md", "error"),
    "language after a dash": (
        "articles/2024-01-visit-en.md", GOOD_HEADER.format(slug="visit") + "\nText.\n",
        3, "the file name must end in the language, `.en.md`, like its `Lang: en` line: rename the file to "
           "2024-01-visit.en.md", "error"),
    "markdown suffix": (
        "articles/2024-01-visit.en.markdown", GOOD_HEADER.format(slug="visit") + "\nText.\n",
        1, "the file name must end in `.en.md`, in small letters: rename the file to 2024-01-visit.en.md", "error"),
    # Started from a copy of an older article, whose Date it kept: listed years back, without a word.
    "an article started from a copy": (
        "articles/2026-11-loei-meeting.en.md", GOOD_HEADER.format(slug="loei-meeting") + "\nText.\n",
        4, "Date `2024-01-15` is far from the month the file's name gives, 2026-11: an article started from a copy "
           "of another keeps that one's Date, and the lists would show it there. Write the day of the event (or, if "
           "the name is the mistake, rename the file)", "warning"),
    "jekyll front matter": (
        "articles/jekyll.en.md", "---\n" + GOOD_HEADER.format(slug="jekyll") + "---\n\nText.\n",
        1, "remove the `---` lines: here the metadata is plain `Field: value` lines at the top of the file, then a "
           "blank line, then the text", "error"),
    "html in the title": (
        "articles/bold.en.md", GOOD_HEADER.format(slug="bold").replace("Title: News", "Title: <b>Urgent</b> news")
        + "\nText.\n",
        1, "the title is plain text: remove the HTML tags (`<b>`, ...); the theme styles every title", "error"),
    "second main title": (
        "articles/h1.en.md", GOOD_HEADER.format(slug="h1") + "\n# Background\n\nText.\n",
        7, "a `# ` heading would be a second main title (the page's title is the first): write section headings "
           "with `## `", "error"),
    "file name as alt text": (
        "articles/alt-name.en.md",
        GOOD_HEADER.format(slug="alt-name") + "\n![IMG_2034.jpg]({static}/images/boat.jpg)\n",
        7, "the alt text `IMG_2034.jpg` is a file name, which tells a reader who cannot see the image nothing: "
           "describe what it shows, e.g. ![who is in the photo, doing what, where]"
           "({static}/images/boat.jpg)", "error"),
    "no text": (
        "articles/empty.en.md", GOOD_HEADER.format(slug="empty"),
        1, "the article has no text after its metadata (a comment is not shown): write it below the blank line "
           "that ends the metadata", "error"),
    "summary carried on a second line": (
        "articles/wrapped.en.md", GOOD_HEADER.format(slug="wrapped") + "Summary: Officials met\nto discuss.\n\nText.\n",
        7, "this line is not a `Field: value` line, but the header (the lines before the first blank line) may "
           "hold nothing else: if it is the rest of the `Summary:` line above, join it to the end of that line "
           "(or start it with spaces); if the text starts here, add a blank line before the text starts", "error"),
    "link to the other language": (
        "articles/cross.en.md",
        GOOD_HEADER.format(slug="cross") + "\nSee [the news]({filename}/articles/first-news.th.md).\n",
        7, "the link {filename}/articles/first-news.th.md leads to the Thai version, and each language's pages "
           "link within that language: link to first-news.en.md instead", "error"),
    "link to a markdown file": (
        "articles/md-link.en.md",
        GOOD_HEADER.format(slug="md-link") + "\nSee [the news](first-news.en.md).\n",
        7, "the link first-news.en.md leads to a Markdown file, which is not published: write it as "
           "{filename}/articles/first-news.en.md (the path starts from the content folder), and the site turns "
           "it into the page's address", "error"),
    "space in a file name": (
        "articles/spaces.en.md",
        GOOD_HEADER.format(slug="spaces") + "\n![Boats on the river]({static}/images/boat photo 1.jpg)\n",
        7, "the link {static}/images/boat photo 1.jpg has spaces in its file name, which links cannot hold: "
           "rename the file to boat-photo-1.jpg (on GitHub's website: upload it again under that name, then "
           "delete the old one) and change the link", "error"),
    "style block": (
        "articles/style-block.en.md", GOOD_HEADER.format(slug="style-block") + "\n<style>p { color: red }</style>\n",
        7, "a <style> block is not allowed in content: the security policy blocks it, and the theme styles every "
           "page. Remove it, and use Markdown (`**bold**`, `_italic_`, `## Heading`, lists)", "error"),
    "inline style pasted from word": (
        "articles/word.en.md",
        GOOD_HEADER.format(slug="word") + '\nFirst line.\n<span style="font-family: Calibri">Pasted</span> text.\n',
        8, STYLE_FIX, "error"),
    "untranslated article": (
        "articles/2024-02-only-thai.th.md",
        "Title: ข่าว\nSlug: only-thai\nLang: th\nDate: 2024-02-01\nCategory: news\n\nข้อความ\n",
        1, "no English version of the article `only-thai`: it is published in Thai only, and the language "
           "switcher says so. To translate it, add 2024-02-only-thai.en.md beside it with `Slug: only-thai`",
        "warning"),
}


def run_check(fixture, capsys) -> tuple[int, list[str]]:
    """Run `make check`'s code on a fixture; return its error count and printed lines."""
    capsys.readouterr()
    errors = tasks.check_content(str(fixture.settings_file), content=str(fixture.content), report=True)
    return errors, capsys.readouterr().out.splitlines()


def lines_about(lines: list[str], name: str) -> list[str]:
    """The problem lines about one file, with the path up to the file name left out."""
    return [line[line.index(f"/{name}:") + 1:] for line in lines if f"/{name}:" in line]


@pytest.mark.parametrize("rule", list(RULES), ids=list(RULES))
def test_each_rule_prints_its_exact_message_and_line(minimal_site, capsys, rule):
    path, text, line, message, severity = RULES[rule]
    (minimal_site.content / "images").mkdir()
    Image.new("RGB", (64, 48), "teal").save(minimal_site.content / "images" / "boat.jpg")
    minimal_site.write(path, text)
    errors, lines = run_check(minimal_site, capsys)

    name = path.rsplit("/", 1)[1]
    label = "warning: " if severity == "warning" else ""
    about = lines_about(lines, name)
    if rule != "untranslated article":  # these one-language fixtures also have no translation
        about = [item for item in about if "warning: no English version" not in item
                 and "warning: no Thai version" not in item]
    assert about == [f"{name}:{line}: {label}{message}"]
    # Errors make the command fail; warnings do not.
    assert errors == (1 if severity == "error" else 0)
    # The path printed is the real file, as editors and CI annotations need.
    printed = next(item for item in lines if f"/{name}:" in item).split(":")[0]
    assert (ROOT / printed).resolve() == (minimal_site.content / path).resolve()


def test_code_examples_are_not_markup(minimal_site, capsys):
    """A how-to article may show `<iframe>` or `![](...)` in code: that is text, not a mistake."""
    minimal_site.write("articles/howto.en.md", GOOD_HEADER.format(slug="howto") + (
        "\nDo not paste `<iframe src=...>` from YouTube; use the video tag.\n\n"
        "```html\n<script src=\"x.js\"></script>\n<p style=\"color: red\">![](x.png)</p>\n```\n\n"
        "    <iframe src=\"indented code\"></iframe>\n"))
    minimal_site.write("articles/howto.th.md", GOOD_HEADER.format(slug="howto").replace("Lang: en", "Lang: th")
                       + "\nข้อความ\n")
    errors, lines = run_check(minimal_site, capsys)
    assert errors == 0
    assert lines_about(lines, "howto.en.md") == []


def test_translation_report_lists_every_slug_and_its_languages(minimal_site, capsys):
    minimal_site.article("only-thai", "th", "ข่าวภาษาไทย")
    minimal_site.article("draft-only", "en", "Draft", extra="Status: draft\n")
    # Publishing one language first, as the README describes: the English file waits as a draft.
    minimal_site.article("thai-first", "th", "ข่าว")
    minimal_site.article("thai-first", "en", "News", extra="Status: draft\n")
    errors, lines = run_check(minimal_site, capsys)

    assert errors == 0
    table = lines[lines.index("Translations (-- = missing):") + 1:]
    rows = [line.split() for line in table[:table.index("3 of 6 items are published in every language.")]]
    assert rows == [
        ["kind", "slug", "th", "en"],
        ["article", "draft-only", "--", "en", "(draft)"],
        ["article", "first-news", "th", "en"],
        ["article", "only-thai", "th", "--", "untranslated"],
        ["article", "thai-first", "th", "en", "untranslated:", "en", "is", "a", "draft"],
        ["page", "about", "th", "en"],
        ["page", "home", "th", "en"],
    ]
    # A draft is not yet published, so its missing translation is not worth a warning.
    assert lines_about(lines, "draft-only.en.md") == []
    assert len(lines_about(lines, "only-thai.th.md")) == 1
    assert lines_about(lines, "thai-first.th.md") == [
        "thai-first.th.md:1: warning: the English version (thai-first.en.md) of the article `thai-first` is a draft: "
        "it is published in Thai only, and the language switcher says so. To publish it, remove the "
        "`Status: draft` line"]


def test_photo_rules(minimal_site, capsys):
    """A HEIC photo is refused, also renamed .jpg; a damaged image is refused; a file over the limit is a warning."""
    images = minimal_site.content / "images"
    images.mkdir()
    (images / "IMG_0042.HEIC").write_bytes(b"\x00\x00\x00\x18ftypheic")
    (images / "broken.jpg").write_bytes(b"this was a Word document")
    (images / "IMG_0043.jpg").write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic")  # renamed
    Image.effect_noise((700, 700), 100).convert("RGB").save(images / "big.png")
    minimal_site.settings_file.write_text(minimal_site.settings_file.read_text() + "PHOTOS_MAX_MB = 0.1\n")
    size = (images / "big.png").stat().st_size / 1_000_000
    errors, lines = run_check(minimal_site, capsys)

    assert errors == 3
    assert lines_about(lines, "IMG_0043.jpg") == [
        "IMG_0043.jpg:1: this is an iPhone HEIC photo with a .jpg name, which browsers cannot show: export the "
        f"photo as JPEG, rather than renaming it, and put that in its place. {IPHONE_JPEG}"]
    assert lines_about(lines, "IMG_0042.HEIC") == [
        "IMG_0042.HEIC:1: HEIC images are not shown by every browser: export the photo as JPEG and link that, then "
        f"delete this file (on GitHub's website: open it, the ⋯ menu, Delete file). {IPHONE_JPEG}"]
    [broken] = lines_about(lines, "broken.jpg")
    assert broken.startswith("broken.jpg:1: this file cannot be read as an image (")
    assert broken.endswith("): open it and export it again as JPEG or PNG")
    assert lines_about(lines, "big.png") == [
        f"big.png:1: warning: the image is {size:.1f} MB, over the 0.1 MB limit (PHOTOS_MAX_MB): pages show "
        "resized copies, but the full file slows every copy of the site's repository and is published for "
        "download as it is; export it at most 3000 pixels wide (a phone's editor, or Windows' Photos: the ⋯ menu, "
        "Resize image)"]


def test_make_check_exits_non_zero_on_errors_only(minimal_site, capsys, monkeypatch):
    """The task behind `make check`: warnings pass, errors fail (exit 1), and nothing is built either way."""
    monkeypatch.setitem(tasks.CONFIG, "settings_base", str(minimal_site.settings_file))
    monkeypatch.setitem(tasks.CONFIG, "content", str(minimal_site.content))
    minimal_site.article("only-thai", "th", "ข่าวภาษาไทย")
    tasks.check(Context())
    out = capsys.readouterr().out
    assert "only-thai.th.md:1: warning: no English version" in out
    assert out.rstrip().endswith("Content is valid.")

    minimal_site.write("articles/script.en.md", RULES["raw script"][1])
    with pytest.raises(Exit) as failure:
        tasks.check(Context())
    assert failure.value.code == 1
    assert failure.value.message == "1 error(s): fix them, then run `make check` again."
    assert "script.en.md:9: raw <script> is not allowed in content" in capsys.readouterr().out
    assert not minimal_site.output.exists()


def test_a_link_to_a_draft_names_the_draft(minimal_site, capsys):
    """A link to an unpublished article would silently lead readers to the home page."""
    minimal_site.article("plans", "en", "Plans", extra="Status: draft\n")
    minimal_site.article("plans", "th", "แผน", extra="Status: draft\n")
    minimal_site.write("articles/first-news.en.md", GOOD_HEADER.format(slug="first-news")
                       + "\nSee [the plans]({filename}/articles/plans.en.md).\n")
    errors, lines = run_check(minimal_site, capsys)
    assert lines_about(lines, "first-news.en.md") == [
        "first-news.en.md:7: the link {filename}/articles/plans.en.md leads to a draft, which is not published "
        "(readers would land on the home page): remove the link, or publish that file by removing its "
        "`Status: draft` line"]
    assert errors == 1


def test_translations_named_as_a_pair_must_share_their_slug(minimal_site, capsys):
    """Two slugs for one pair: each would be published as untranslated, with advice to add a file that exists."""
    minimal_site.write("articles/first-news.en.md", GOOD_HEADER.format(slug="first-news-en") + "\nText.\n")
    errors, lines = run_check(minimal_site, capsys)
    assert lines_about(lines, "first-news.en.md") == [(
        "first-news.en.md:2: Slug `first-news-en` differs from `first-news` in first-news.th.md, its translation: "
        "translations share one slug, so use `Slug: first-news` in both files")]
    assert lines_about(lines, "first-news.th.md") == [] and errors == 1


def test_make_check_reports_a_broken_key_figures_file(fixture_site, capsys):
    """The home page's figures are data staff edit: `make check` reads them too, not only the build."""
    fixture = fixture_site('CONTENT_CHECKS = ["key_figures.key_figures:check_data"]\n')
    fixture.write("data/key-figures.yaml", "- value: '44'\n  label: {th: ศูนย์ประสานงาน}\n  source: brief\n")
    errors, lines = run_check(fixture, capsys)
    assert errors == 1
    assert [line for line in lines if "key-figures.yaml:2:" in line and "label.en" in line], lines


def test_a_link_whose_file_name_differs_in_capitals_names_the_file(minimal_site, capsys):
    """Phones name photos IMG_2035.JPG; the published site is case-sensitive, so the link must match."""
    (minimal_site.content / "images").mkdir()
    Image.new("RGB", (64, 48), "teal").save(minimal_site.content / "images" / "IMG_2035.JPG")
    minimal_site.write("articles/first-news.en.md", GOOD_HEADER.format(slug="first-news")
                       + "\n![Boats on the river]({static}/images/IMG_2035.jpg)\n")
    errors, lines = run_check(minimal_site, capsys)
    assert lines_about(lines, "first-news.en.md") == [
        "first-news.en.md:7: the link {static}/images/IMG_2035.jpg leads to no file: the file is named "
        "IMG_2035.JPG: write the name exactly, capitals too, e.g. {static}/images/IMG_2035.JPG"]
    assert errors == 1


def test_a_menu_page_that_lost_its_slug_is_an_error(minimal_site, capsys):
    """The menu lists pages by slug: renaming one would drop it from every page's menu without a word."""
    settings = minimal_site.settings_file
    settings.write_text(settings.read_text() + 'NAV_PAGES = ["about"]\n', encoding="utf-8")
    minimal_site.write("pages/about.en.md", "Title: About\nSlug: about-us\nLang: en\nModified: 2026-11-27\n\nText.\n")
    errors, lines = run_check(minimal_site, capsys)
    [menu] = [line for line in lines if "NAV_PAGES" in line]
    assert menu.endswith("content/pages:1: NAV_PAGES in pelicanconf.py lists the page `about`, but no English "
                         "page has `Slug: about`: the link would drop out of the menu. Give the page that slug "
                         "again, or change NAV_PAGES")
    assert errors >= 1


# What the line-by-line check cannot see, the rendered text shows: each must stop the build, naming the file
# and the line, with the same fix the line check gives.
ESCAPES = {
    "script tag over two lines": ("Text.\n\n<script\nsrc=\"https://evil.example/x.js\"></script>\n", 9, "<script>"),
    "event attribute from Markdown's attribute syntax": ("A paragraph.\n{: onclick=\"alert(1)\" }\n", 8, "on...="),
    "reference-style script link": ("Read [this][1].\n\n[1]: javascript:alert(1)\n", 9, "javascript:"),
    "reference-style image from another website": ("![A boat][boat]\n\n[boat]: https://evil.example/p.gif\n",
                                                   9, "the image https://evil.example/p.gif"),
    "script in the summary": ("Text.\n", 6, "<script>"),
    # A browser drops tabs and line breaks from an address: `java&#x09;script:` runs as `javascript:`.
    "script link with a tab in its scheme": ('Text.\n\n<a href="java&#x09;script:alert(1)">map</a>\n', 9,
                                             "javascript:"),
    "drawing that loads an image from another website": (
        'Text.\n\n<svg width="10" height="10"><image href="https://tracker.example/p.png"/></svg>\n', 9,
        "the image https://tracker.example/p.png"),
}


def test_a_markdown_table_with_aligned_columns_still_builds(minimal_site):
    """Markdown writes `style="text-align: right;"` for `--:`: that is not a style pasted from Word."""
    minimal_site.write("articles/first-news.en.md", GOOD_HEADER.format(slug="first-news")
                       + "\n| District | Visits |\n|:--|--:|\n| Chiang Khong | 12 |\n")
    site = minimal_site.build()
    cells = site.soup("en/articles/first-news.html").select("td")
    assert [cell.get_text() for cell in cells] == ["Chiang Khong", "12"]
    # Not an inline style, which the page's security policy would block: a class of the theme's.
    assert [cell.get("style") for cell in cells] == [None, None]
    assert [cell.get("class") for cell in cells] == [["nm-align-left"], ["nm-align-right"]]
    stylesheet = next((site.root / "theme/css").glob("*.css")).read_text(encoding="utf-8")
    assert re.search(r"\.nm-align-right\s*\{\s*text-align:\s*right", stylesheet)


@pytest.mark.parametrize("case", list(ESCAPES), ids=list(ESCAPES))
def test_what_escapes_the_line_check_stops_the_build(minimal_site, capfd, case):
    body, line, words = ESCAPES[case]
    summary = "Summary: A <script>alert(1)</script> summary\n" if "summary" in case else ""
    minimal_site.write("articles/first-news.en.md", GOOD_HEADER.format(slug="first-news") + summary + "\n" + body)
    with pytest.raises(Exit):
        minimal_site.build()
    out = "".join(capfd.readouterr())
    reported = [text for text in out.splitlines() if "first-news.en.md:" in text]
    assert reported and all(words in text for text in reported), out
    assert f"first-news.en.md:{line}:" in reported[0], reported
    assert not minimal_site.output.exists()


def github_reads(line: str) -> tuple[str, dict[str, str], str]:
    """A workflow command as GitHub's runner reads it (its ActionCommand parser): name, properties, message."""
    match = re.fullmatch(r"::(\w+) ([^:]*)::(.*)", line)
    assert match, line
    name, properties, data = match.groups()

    def unescaped(text, escapes):
        for escape, character in escapes:
            text = text.replace(escape, character)
        return text

    data_escapes = [("%0D", "\r"), ("%0A", "\n"), ("%25", "%")]
    property_escapes = [("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")]
    pairs = (item.split("=", 1) for item in properties.split(","))
    return name, {key: unescaped(value, property_escapes) for key, value in pairs}, unescaped(data, data_escapes)


def test_on_github_each_problem_is_shown_on_its_file_and_line_and_listed_on_the_run_page(
        minimal_site, capsys, tmp_path, monkeypatch):
    """On GitHub, each message is shown on its file's line and listed on the run's page.

    Staff who edit on GitHub's website see no terminal: the workflow's `make check FORMAT=github` puts each
    message on the file's line (a pull request's changes, the commit) and lists them on the run's page.
    """
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    path, text, line, message, _severity = RULES["missing title"]
    written = minimal_site.write(path, text)
    minimal_site.article("untranslated", "en", "Only in English")
    capsys.readouterr()
    errors = tasks.check_content(str(minimal_site.settings_file), content=str(minimal_site.content), report=True,
                                 github=True)
    commands = [github_reads(printed) for printed in capsys.readouterr().out.splitlines()
                if printed.startswith("::")]
    assert errors == 1
    error = next(command for command in commands if command[0] == "error")
    assert Path(error[1]["file"]).resolve() == written.resolve()
    assert error[1]["line"] == str(line)
    assert error[2].endswith(f"no-title.en.md:{line}: {message}")  # the log names the file as well
    assert any(command[0] == "warning" and "untranslated.en.md" in command[1]["file"] for command in commands)
    shown = as_github_shows(summary.read_text(encoding="utf-8"))
    assert shown.h3.get_text() == "Content check: 1 error, nothing was published"
    errors_list, warnings_list = shown.find_all("ul")
    assert [item.get_text() for item in errors_list.find_all("li")] == [
        f"{os.path.relpath(written, tasks.ROOT)}, line {line}: {message.replace('`', '')}"]
    assert "untranslated.en.md, line 1: no Thai version of the article untranslated" in warnings_list.get_text()


def test_errors_beyond_what_github_shows_on_the_files_are_announced(minimal_site, capsys):
    """GitHub shows a step's first 10 errors on the files and drops the rest without a word."""
    for number in range(12):
        text = RULES["missing title"][1].replace("no-title", f"n{number}")
        minimal_site.write(f"articles/no-title-{number}.en.md", text)
    capsys.readouterr()
    errors = tasks.check_content(str(minimal_site.settings_file), content=str(minimal_site.content), github=True)
    printed = capsys.readouterr().out.splitlines()
    assert errors == 12
    assert ("notice", {"title": "make check"}, "2 more errors than GitHub shows on the files: the run's Summary "
                                               "lists them all") in [github_reads(line) for line in printed]


def test_the_run_page_links_a_pull_request_from_a_fork_to_the_fork(monkeypatch, tmp_path):
    """The run's page links a pull request from a fork to the fork's branch.

    A writer who cannot write to the repository edits in a fork, on a branch `patch-1` the repository lacks:
    the links led to a page not found (or to the repository's own branch of that name).
    """
    event = tmp_path / "event.json"
    event.write_text('{"pull_request": {"head": {"ref": "patch-1", "repo": {"full_name": "noi/nts-mekong"}}}}')
    for name, value in (("GITHUB_SERVER_URL", "https://github.com"), ("GITHUB_REPOSITORY", "dopa/nts-mekong"),
                        ("GITHUB_EVENT_NAME", "pull_request"), ("GITHUB_EVENT_PATH", str(event)),
                        ("GITHUB_HEAD_REF", "patch-1"), ("GITHUB_REF_NAME", "12/merge")):
        monkeypatch.setenv(name, value)
    shown = as_github_shows(tasks.github_summary([Problem(Path("content/articles/a.en.md"), 3, "Title is missing")]))
    assert shown.a["href"] == "https://github.com/noi/nts-mekong/edit/patch-1/content/articles/a.en.md#L3"


def test_warnings_beyond_what_github_shows_on_the_files_are_announced(minimal_site, capsys):
    """Eleven untranslated articles: the writer's own warning could be among those GitHub drops."""
    for number in range(11):
        minimal_site.article(f"only-english-{number}", "en", f"Only in English {number}")
    capsys.readouterr()
    tasks.check_content(str(minimal_site.settings_file), content=str(minimal_site.content), github=True)
    notices = [github_reads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("::notice")]
    assert [notice[2] for notice in notices] == [
        "1 more warning than GitHub shows on the files: the run's Summary lists them all"]


def as_github_shows(summary: str) -> BeautifulSoup:
    """A run's summary as GitHub draws it: CommonMark (which GitHub's Markdown extends), its HTML kept."""
    return BeautifulSoup(MarkdownIt("commonmark").render(summary), "html.parser")


def test_the_run_page_shows_each_message_as_written_with_a_link_to_edit_the_file(monkeypatch):
    """The run's page shows each message as written, with a link to edit the file.

    Examples in the messages reach the writer whole: in Markdown, `![...](...)` became a broken image and
    `&lt;` was shown inside code. Each file opens in GitHub's editor on the branch checked; a photo opens.
    """
    for name, value in (("GITHUB_SERVER_URL", "https://github.com"), ("GITHUB_REPOSITORY", "dopa/nts-mekong"),
                        ("GITHUB_HEAD_REF", ""), ("GITHUB_REF_NAME", "main")):
        monkeypatch.setenv(name, value)
    message = f"write the alt text, e.g. `{ALT_EXAMPLE}(boat.jpg)`, and remove the `<` and `>` around *the* address"
    problems = [Problem(Path("content/articles/ข่าว.th.md"), 12, message),
                Problem(Path("content/images/articles/IMG 1.jpg"), 1, "it keeps where it was taken", "warning"),
                Problem(Path("content/articles/a.en.md"), 3, "Title is missing")]
    shown = as_github_shows(tasks.github_summary(problems))
    errors_list, warnings_list = shown.find_all("ul")
    assert [item.get_text() for item in errors_list.find_all("li")] == [  # by file and line
        "content/articles/a.en.md, line 3: Title is missing",
        f"content/articles/ข่าว.th.md, line 12: {message.replace('`', '')}"]
    assert [link["href"] for link in shown.find_all("a")] == [
        "https://github.com/dopa/nts-mekong/edit/main/content/articles/a.en.md#L3",
        "https://github.com/dopa/nts-mekong/edit/main/content/articles/%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7.th.md#L12",
        "https://github.com/dopa/nts-mekong/blob/main/content/images/articles/IMG%201.jpg#L1"]
    assert warnings_list.find("code").get_text() == "content/images/articles/IMG 1.jpg"


def test_a_message_with_a_percent_sign_and_a_file_name_with_a_comma_reach_github_whole():
    """A `%` in a message and a `,` or `:` in a file's name reach GitHub as they are.

    GitHub reads them as escapes or separators: unescaped, the message lost its words and the annotation
    landed on a file that does not exist.
    """
    problem = Problem(Path("content/articles/loei,-nong-khai:2024.en.md"), 7,
                      "50% of the text is Thai\nwrite it in English")
    name, properties, message = github_reads(tasks.github_annotation(problem, f"{problem.path}: {problem.message}"))
    assert (name, properties["file"], properties["line"]) == ("error", str(problem.path), "7")
    assert message == f"{problem.path}: {problem.message}"
