"""content_guard: validate every content file's metadata before Pelican reads anything.

Pelican and pelican-i18n-subsites turn several easy authoring mistakes into crashes or silent damage
(see the plugin README): `Lang: th-TH` crashes the build, `Lang: TH` becomes a third language, a Thai
title without `Slug` gets a transliterated address and is never paired with its translation. So the
headers are read here, with line numbers, and every problem in every file is reported in one run as
`path:line: message`, before a single output file is written.

The header is parsed by hand rather than through Pelican's Markdown reader because the reader
renders the whole document, loses line numbers and is exactly what crashes on a bad `Lang`.
"""

from __future__ import annotations

import dataclasses
import difflib
import fnmatch
import functools
import html
import importlib
import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import NoReturn
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

from babel import Locale
from pelican import signals
from pelican.utils import get_date, set_date_tzinfo

from .characters import INVISIBLE_CHARACTERS

logger = logging.getLogger(__name__)

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# The same header grammar as Python-Markdown's `meta` extension, which Pelican uses.
HEADER_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
CONTINUATION_LINE = re.compile(r"^[ ]{4,}(?P<value>.*)$")
# A field line Markdown does not read as one: a space before the colon (`Lang : th`), or the full-width
# colon of East Asian keyboards and documents (`Lang：th`). Only the site's own field names, so that text
# after a forgotten blank line ("Note : ...") is not taken for a field.
MISTYPED_FIELD = re.compile(r"^\s*(?P<key>[A-Za-z_-]+)(?P<separator>[ \t]+:|\s*\uff1a)\s*(?P<value>.*)$")
# Pelican's intra-site links: {filename}/articles/x.md, {static}/images/x.svg (also |filename|).
# What follows a {filename}/{static} link's path when its file name has spaces: " photo 1.jpg" before ")".
SPACED_REST = re.compile(r"(?: +(?:[^\s()\"']|\([^\s()\"']*\))+)+(?=\))")  # `(1)` in it: a copy's name
# A Markdown link straight to a content file, e.g. [the seminar](2024-01-seminar.en.md).
MARKDOWN_FILE_LINK = re.compile(r"\]\((?P<target>(?![a-z]+:|\{)[^)\s]+\.(?:md|markdown))(?:#[^)\s]*)?\)", re.I)
SITE_LINK_PREFIX = re.compile(r"^[{|](?:filename|static|attach)[}|]")  # `{static}/x.jpg`: the link's kind
INTRASITE_LINK = re.compile(r"[{|](?P<what>filename|static|attach)[}|](?P<target>[^\s)\"'#?]+)")
EXAMPLE_LINKS = {"filename": "/articles/2024-01-example.en.md", "static": "/images/articles/example.svg"}
EMPTY_INTRASITE_LINK = re.compile(r"[{|](?P<what>filename|static|attach)[}|]/*(?=[\s)\"'#?]|$)")
BUDDHIST_ERA_FROM = 2400  # a year this large is a Buddhist Era one (2026 is 2569 BE)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$")
# The body: Markdown images, raw HTML tags, and what hides them (code blocks and code spans).
FENCE = re.compile(r"^\s{0,3}(?P<fence>`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+).*?\1")
MARKDOWN_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src><[^>\n]*>|[^)\s]*)")  # `(<a b.jpg>)` holds spaces
HTML_TAG = re.compile(r"<(?P<name>[a-zA-Z][a-zA-Z0-9]*)\b(?P<attributes>[^>]*)>")
HTML_ALT = re.compile(r"""\balt\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>[^\s>]+))""", re.I)
HTML_SRC = re.compile(r"""\bsrc\s*=\s*["']?(?P<src>[^"'\s>]*)""", re.I)
STYLE_ATTRIBUTE = re.compile(r"\bstyle\s*=", re.I)
# Markdown's bold, italic, code and link marks, which titles do not go through: `**Urgent:** ...`.
MARKDOWN_IN_TITLE = re.compile(r"\*\*|__|`|\[[^\]]*\]\(")
# What `make new` writes in each language's file (tasks.py): title (the English title in `{title}`), summary
# and text. The texts in square brackets are placeholders, which a published file must not keep.
NEW_ARTICLE = {
    "th": ("[แปลชื่อเรื่องเป็นภาษาไทย] {title}", "[สรุปเนื้อหาหนึ่งถึงสองประโยค]",
           "<!-- เขียนเนื้อหาภาษาไทยที่นี่ แล้วลบบรรทัดนี้ -->"),
    "en": ("{title}", "[One or two sentences that sum up the article]",
           "<!-- Write the English text here, then delete this line. -->"),
}
# Only those texts: a title of its own may start with brackets (`[TEST] Meeting`, `[ภาพข่าว] ...`). With or
# without their brackets: staff "fill in" a template by deleting the brackets as often as the words.
PLACEHOLDER = re.compile("|".join(re.escape(text) for text in sorted({
    match for texts in NEW_ARTICLE.values() for text in texts[:2] for match in re.findall(r"\[([^\]]+)\]", text)})))
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# A comment the writer left in the text (`<!-- ask the district -->`): not shown, but it would be in every
# published page's source. Not the media plugin's own markers of its embeds.
AUTHOR_COMMENT = re.compile(r"<!--(?!/?nm-embed\b).*?-->", re.DOTALL)
# Unicode's right-to-left embeddings, overrides and isolates: no Thai or English text needs them, and pasted in
# they make text read differently from how it is stored (a file name or address shown reversed).
BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Control characters other than tab and line ends: Word and PowerPoint paste a line break within a paragraph as
# U+000B; feeds (XML 1.0) cannot hold them, and the editor shows none.
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CONTROL_NAMES = {"\x0b": "a line break pasted from Word or PowerPoint", "\x0c": "a page break", "\x00": "a null"}
BACKSLASH = "\\"  # Windows writes paths with it: {static}\images\x.jpg
INVISIBLE = re.compile(f"[{INVISIBLE_CHARACTERS}]")
NON_BREAKING_SPACES = "\u00a0\u2007\u202f\u3000"  # copied from Word, LINE or a web page
# Fields whose value is a code or a date, where a character copied with the text makes it another value; in
# them, a non-breaking space (between a date and its time) is one too.
CODED_FIELDS = ("lang", "category", "status", "date", "written", "modified", "template")
HIDDEN_IN_CODE = re.compile(f"[{INVISIBLE_CHARACTERS}{NON_BREAKING_SPACES}]")
WHAT_THE_DAY_IS = {"modified": "last changed the text", "written": "wrote the text"}  # an article's other days
SAME_TEXT_MIN = 200  # characters: two short texts (a note, a test's "Text.") may well be the same
THAI_LETTERS = re.compile("[\u0e01-\u0e4e]+")
LATIN_LETTERS = re.compile("[A-Za-z]+")
LANGUAGE_SAMPLE = 4000  # characters of a text enough to tell its language
ATX_HEADING = re.compile(r"^ {0,3}(?P<marks>#{1,6})(?:\s|$)")
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?P<mark>=+|-+)\s*$")
# What readers do not read as the text's language: comments, links' and images' addresses, tags, template tags.
LETTERS_NOT_READ = re.compile(r"<!--.*?-->|\]\([^)]*\)|<[^>]+>|\{[%{].*?[%}]\}|https?://\S+", re.DOTALL)
# A web address in the text that is not a link: not a link's or image's target `](`, an autolink `<`, an
# attribute `="`, a link's text `[`, nor a reference definition `[1]: https://...`.
BARE_ADDRESS = re.compile(r"""(?<![\w(<"'=/\[:])(?P<url>https?://[^\s<>()\[\]"'`]+)""")
TAG_START = re.compile(r"[{｛]\s*[%％]")  # a {% video %} or {% report %} tag, also as mistyped: { % ... % }
REFERENCE_DEFINITION = re.compile(r"\s{0,3}\[[^\]]+\]:\s")
# A short line all in bold, `**Meeting videos**`: a heading to the eye only.
BOLD_LINE = re.compile(r"(\*\*|__)(?P<text>[^*_\n]{1,80})\1")
# Alt text that names no more than the kind of thing: "photo", "รูปภาพ 2" (link previews show it too).
GENERIC_ALT = re.compile(r"(?:photo|photograph|image|picture|pic|img|รูป|รูปภาพ|ภาพ|ภาพถ่าย|ภาพประกอบ|รูปประกอบ)"
                         r"\s*[\d๐-๙]*", re.I)
FILE_NAME_ALT = re.compile(r"[\w.-]+\.(?:jpe?g|png|gif|webp|heic|svg)", re.I)
# What an alt text says, in the file's language: an instruction, not a caption a writer could paste as it is (an
# example caption, "Officials from both banks meet at the seminar in Nong Khai", was pasted under a Loei photo).
ALT_EXAMPLES = {"th": "![ใครอยู่ในภาพ กำลังทำอะไร ที่ไหน]", "en": "![who is in the photo, doing what, where]"}
ALT_EXAMPLE_TEXTS = {example[2:-1] for example in ALT_EXAMPLES.values()}  # as pasted between the brackets
RAW_HTML_FIXES = {
    "script": "raw <script> is not allowed in content: the site's security policy blocks it, and readers "
              "would see nothing. To show a video write `{% video URL %}` on a line of its own; for a PDF "
              "report `{% report ID %}`; for a map or a form, link to it",
    "iframe": "raw <iframe> is not allowed in content: it would load the provider's player, and its "
              "tracking, before the reader asks. Write `{% video URL %}` on a line of its own instead "
              "(YouTube, Vimeo, Facebook or a video file in content/videos); for a map, link to it",
    "style": "a <style> block is not allowed in content: the security policy blocks it, and the theme "
             "styles every page. Remove it, and use Markdown (`**bold**`, `_italic_`, `## Heading`, lists)",
}
# Other embed codes: each loads something (a player, a file, a font) that the reader did not ask for, often
# from another website, and the static host sends no security policy to stop it.
EMBED_FIX = ("raw <{name}> is not allowed in content: it would load {what} before the reader asks, often from "
             "another website. {instead}")
EMBEDS = {
    **dict.fromkeys(("video", "audio", "source", "track"), (
        "a media file or player", "For a video write `{% video URL %}` on a line of its own (a file in "
        "content/videos, or a YouTube, Vimeo or Facebook address); for a sound recording, link to it")),
    **dict.fromkeys(("embed", "object", "applet", "frame", "frameset", "portal"), (
        "a player or plug-in", "For a video write `{% video URL %}` on a line of its own; for a PDF report "
        "`{% report ID %}`; for anything else, link to it")),
    **dict.fromkeys(("link", "meta", "base"), (
        "a style sheet, a font or another address for the page's links",
        "The theme writes the page's head: remove the tag")),
    **dict.fromkeys(("form", "input", "button", "select", "textarea"), (
        "a form that sends what readers type to another website",
        "Link to the form instead, or to the report page")),
}
EVENT_ATTRIBUTE = re.compile(r"(?:^|\s)on[a-z]+\s*=", re.I)  # an attribute, not text inside a value
EVENT_FIX = ("an `on...=` attribute (a script) is not allowed in content: the security policy blocks it, so it "
             "does nothing. Remove the attribute")
SCRIPT_LINK = re.compile(r"""(?:\]\(\s*<?|\bhref\s*=\s*["']?)\s*javascript:""", re.I)
SCRIPT_LINK_FIX = ("a `javascript:` link is not allowed in content: the security policy blocks it, so it does "
                   "nothing. Link to a page, a file or an address such as https://...")
# An image's address copied from a search result or a web page ("Copy image address") can be the image itself.
DATA_LINK = re.compile(r"""(?:\]\(\s*<?|\b(?:href|src)\s*=\s*["']?)\s*data:""", re.I)
DATA_LINK_FIX = ("a `data:` address (an image or a file written out in the text, as \"Copy image address\" gives from "
                 "a search result) is not allowed in content: the security policy blocks it, and no one can check "
                 "what it holds. Save the image as a file in content/images/articles/ and write "
                 "{static}/images/articles/ and its name")
INLINE_STYLE_FIX = ("inline style (`style=\"...\"`, often pasted from Word) is not allowed in content: the "
                    "security policy blocks it, and the theme styles every page. Remove the attribute, and "
                    "use Markdown (`**bold**`, `_italic_`, `## Heading`, lists)")

# What Word and old web pages paste: elements HTML no longer has, and Word's own (`<o:p>`, `<st1:place>`). The
# release gate's HTML check refuses a page with any of them.
OBSOLETE_TAGS = {"font", "center", "big", "strike", "tt", "marquee", "blink", "basefont", "acronym", "nobr",
                 "spacer", "xmp", "listing", "plaintext"}
WORD_TAG = re.compile(r"</?(?P<name>(?:o|w|v|m|x|st\d+):[a-z][\w-]*)[\s/>]", re.I)
OBSOLETE_FIX = ("the tag <{name}> (pasted from Word or an old web page) is not valid HTML, and the release gate "
                "refuses a page that has it: delete the tag but keep the text inside it, and use Markdown for "
                "formatting (`**bold**`, `_italic_`, `## Heading`, lists)")
# A Markdown link or image that Markdown shows as text: a space between `]` and `(`, or no closing `)`.
SITE_TARGET = r"(?:\{(?:static|filename|attach|centre)\}|https?://|/)[^)\s]*"
# Also the non-breaking and invisible spaces text copied from Word, LINE or a web page carries.
LINK_GAP = f"[ \t{NON_BREAKING_SPACES}\u200b\u2060\ufeff]"
SPACED_LINK = re.compile(r"(?P<link>!?\[[^\]\n]*\])" + LINK_GAP + r"+\((?P<target>" + SITE_TARGET + r")\)")
SPACED_LINK_START = re.compile(r"\]" + LINK_GAP)
UNCLOSED_LINK = re.compile(r"(?P<link>!?\[[^\]\n]*\])\((?P<target>" + SITE_TARGET + r")(?![^)]*\))")
# An image address on the writer's computer: `C:\Users\...`, `file:///...`.
COMPUTER_PATH = re.compile(r"^(?:[A-Za-z]:[\\/]|file:|\\\\)|\\", re.I)

# A summary is one or two sentences; the longest shipped is 251 characters (a Thai one). Longer is a paragraph
# pasted in, which makes every list's card a wall of text.
SUMMARY_MAX_CHARACTERS = 300
KNOWN_FIELDS = {
    "title", "slug", "lang", "date", "written", "modified", "category", "summary", "sources", "status",
    "template", "save_as", "url", "date_known",
}
# How much of an article's Date the sources give (`Date_known:`): the pages show that much, no more.
DATE_KNOWN = ("day", "month", "year")
# Not Pelican's `hidden`: it publishes the file at its address, and the sitemap and search still list it.
STATUSES = {"published", "draft"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
# Files Pelican reads as articles and pages, which `{filename}` links to; any other file is `{static}`.
MARKUP_SUFFIXES = MARKDOWN_SUFFIXES | {".mkd", ".mdown", ".html", ".htm", ".rst"}
# Pages are published at /<slug>.html, beside these generated pages.
RESERVED_PAGE_SLUGS = {"index", "404", "sitemap", "archives", "categories", "search"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one content file, located and explained."""

    path: Path
    line: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Field:
    """A metadata value with the line it was read from."""

    value: str
    line: int


@dataclass(frozen=True)
class ContentHeader:
    """The metadata header of one content file."""

    path: Path
    kind: str  # "article" or "page"
    fields: dict[str, Field]
    # Fields written after a line that ended the header early: not read, and not to be reported missing.
    unread: frozenset[str] = frozenset()

    def get(self, name: str) -> str | None:
        """Return the stripped value of a field, or None when absent."""
        field = self.fields.get(name)
        return field.value.strip() if field else None

    @property
    def date_known(self) -> str:
        """How much of the Date the sources give (`Date_known:`, any case): `day` when the line is absent."""
        return (self.get("date_known") or "day").lower()

    @property
    def draft(self) -> bool:
        """Whether the file is a draft (`Status: draft`, in any case): never published."""
        return (self.get("status") or "").lower() == "draft"

    def line_of(self, name: str) -> int:
        """Return the line of a field, or 1 when the field is absent."""
        field = self.fields.get(name)
        return field.line if field else 1


class ContentProblems(SystemExit):
    """Raised to stop the build: the problems were already logged one per line."""

    def __init__(self, problems: list[Problem]):
        super().__init__(1)
        self.problems = problems


def stop_build(log: logging.Logger, prefix: str, problems: list[Problem]) -> NoReturn:
    """Log each problem as an error, `prefix: file:line: message`, then stop the build (ContentProblems).

    With `--fatal warnings`, Pelican's logger raises RuntimeError at an error once it has printed it.
    Raised from a plugin's handler that error hid the problems after the first, and in `finalized` Pelican
    printed it with a traceback. Each problem is logged in turn, and ContentProblems, a SystemExit, ends
    the build without one.
    """
    for problem in problems:
        try:
            log.error("%s: %s", prefix, problem)
        except RuntimeError:  # Pelican's FatalLogger ("Warning or error encountered"): printed; go on
            pass
    raise ContentProblems(problems)


_SOURCES: dict[Path, tuple[tuple[int, int], str]] = {}  # path -> ((mtime, size), text)


LINE_END = re.compile(r"\r\n?|\n")


def text_lines(text: str) -> list[str]:
    """The lines of a text as Markdown reads them: ended by a line feed (or a Windows or old Mac line end).

    Not `str.splitlines()`, which also ends a line at U+000B, U+000C, U+2028...: a line break pasted from Word
    shifted every later line number of a message by one.
    """
    lines = LINE_END.split(text)
    return lines[:-1] if lines and not lines[-1] else lines


def source_text(path: Path) -> str:
    """The text of a content file, read once however many checks need it (UnicodeDecodeError if not UTF-8).

    Every check reads every file; at thousands of articles, reading each once is most of a check's time.
    """
    stat = path.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _SOURCES.get(path)
    if cached is None or cached[0] != stamp:
        _SOURCES[path] = cached = (stamp, path.read_bytes().decode("utf-8-sig"))
    return cached[1]


def markdown_sources(settings: dict):
    """(path, kind, text) of every Markdown content file that is UTF-8 (the others are reported once)."""
    for path, kind in content_files(settings):
        if path.suffix.lower() in MARKDOWN_SUFFIXES:
            try:
                yield path, kind, source_text(path)
            except UnicodeDecodeError:
                continue


def invisible_fix(text: str) -> str | None:
    """Where `text` holds an invisible character, and what to do; None when it holds none."""
    found = INVISIBLE.search(text)
    if not found:
        return None
    before = text[:found.start()]
    where = f"after `{before}`" if before else "at the start"
    return (f"it holds an invisible character (U+{ord(found.group()):04X}, copied with the text) {where}: "
            f"delete it, or retype it as `{INVISIBLE.sub('', text)}`")


def thai_and_latin_letters(text: str) -> tuple[int, int]:
    """How many Thai letters (with their vowels and tone marks) and Latin letters `text` holds."""
    return sum(map(len, THAI_LETTERS.findall(text))), sum(map(len, LATIN_LETTERS.findall(text)))


def not_utf8_message(data: bytes) -> str:
    """What to tell about a file that is not UTF-8: the encoding it seems saved in, and how to save it again.

    Windows' Notepad saves "Unicode" as UTF-16, and older Thai editors and Word's "Thai (Windows)" as
    Windows-874 (TIS-620 with a few more characters): the two a Thai office is most likely to meet.
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        saved = "as UTF-16 (what Notepad calls Unicode)"
    else:
        # In Windows-874 nearly every byte above 0xA0 is Thai, Latin-1's é as well: a text mostly Thai is Thai.
        thai, latin = thai_and_latin_letters(data.decode("cp874", errors="replace"))
        saved = "in an older Thai encoding (TIS-620 or Windows-874)" if thai > latin else "in another encoding"
    return (f"the file is saved {saved}, not UTF-8, so the site cannot read its text: open it in your editor and "
            "save it again with the encoding UTF-8 (in Notepad: File, Save as, Encoding: UTF-8)")


def read_header(path: Path, kind: str) -> tuple[ContentHeader | None, list[Problem]]:
    """Read the `Key: value` header of a Markdown file, keeping line numbers."""
    try:
        text = source_text(path)
    except UnicodeDecodeError:
        return None, [Problem(path, 1, not_utf8_message(path.read_bytes()))]
    fields: dict[str, Field] = {}
    problems: list[Problem] = []
    if control := CONTROL_CHARACTER.search(text):  # one message: a paste brings the same character throughout
        what = CONTROL_NAMES.get(control.group(), "a control character")
        problems.append(Problem(path, text.count("\n", 0, control.start()) + 1, (
            f"this line holds an invisible character (U+{ord(control.group()):04X}, {what}), which the site's feeds "
            "cannot hold: delete it (where the text seems to run on, or between two words), or retype the line")))
        text = CONTROL_CHARACTER.sub(" ", text)  # the other checks read the line as the editor shows it
    last_key = None
    unread: list[str] = []
    lines = text_lines(text)
    start = next((index for index, line in enumerate(lines) if line.strip()), len(lines))
    if 0 < start < len(lines) and HEADER_LINE.match(lines[start]):
        # Markdown reads metadata only from the very first line: after a blank line, it is all text.
        blank = "a blank line" if start == 1 else f"{start} blank lines"
        problems.append(Problem(path, 1, f"the file starts with {blank}, so the site reads no metadata: delete "
                                         f"{'it' if start == 1 else 'them'}, so that the "
                                         f"`{lines[start].split(':')[0]}:` line is the first line of the file"))
    else:
        start = 0
    for number, line in enumerate(lines[start:], start=start + 1):
        if not line.strip():
            break
        if match := HEADER_LINE.match(line):
            key = match["key"].lower()
            if key in fields:
                problems.append(Problem(path, number, f"{match['key']} appears twice: keep one"))
            fields[key] = Field(match["value"], number)
            last_key = key
        elif (match := MISTYPED_FIELD.match(line)) and match["key"].lower() in KNOWN_FIELDS:
            name, written = match["key"], match["separator"]
            why = ("has a space before the colon" if written.strip() == ":" else
                   "has a full-width colon `：`, which is not the colon the site reads")
            problems.append(Problem(path, number, f"`{name}{written}` {why}, so the line is not read as metadata: "
                                                  f"write `{name.capitalize()}: {match['value'].strip()}`"))
            fields[name.lower()] = Field(match["value"], number)
            last_key = name.lower()
        elif (last_key and (match := CONTINUATION_LINE.match(line)) and (field := HEADER_LINE.match(line.strip()))
              and field["key"].lower() in KNOWN_FIELDS and field["key"].lower() not in fields):
            # A field line that starts with spaces reads as the rest of the line above.
            problems.append(Problem(path, number, f"this line starts with spaces, so it is read as the rest of the "
                                                  f"`{last_key.capitalize()}:` line above: remove the spaces before "
                                                  f"`{field['key']}:`"))
            fields[field["key"].lower()] = Field(field["value"], number)
            last_key = field["key"].lower()
        elif last_key and (match := CONTINUATION_LINE.match(line)):
            previous = fields[last_key]
            fields[last_key] = Field(f"{previous.value} {match['value']}", previous.line)
        elif line.strip() == "---":  # front matter as other site generators write it: said once
            if not any("`---`" in problem.message for problem in problems):
                problems.append(Problem(
                    path, number,
                    "remove the `---` lines: here the metadata is plain `Field: value` lines at the top of the "
                    "file, then a blank line, then the text",
                ))
        else:
            carried_on = (f"if it is the rest of the `{last_key.capitalize()}:` line above, join it to the end of "
                          "that line (or start it with spaces); if the text starts here, ") if last_key else ""
            # The field lines below it, up to the blank line, are not read either: said here, once, rather
            # than as "Lang is missing", "Slug is missing"... for lines the writer can see.
            for rest in lines[number:]:
                if not rest.strip():
                    break
                if (field := HEADER_LINE.match(rest)) and field["key"].lower() in KNOWN_FIELDS:
                    unread.append(field["key"].lower())
            after = (" (until then the lines after it, " + ", ".join(f"`{name.capitalize()}:`" for name in unread)
                     + ", are not read either)") if unread else ""
            problems.append(Problem(
                path, number,
                "this line is not a `Field: value` line, but the header (the lines before the first "
                f"blank line) may hold nothing else: {carried_on}add a blank line before the text starts{after}",
            ))
            break
    if not fields:
        problems.append(Problem(
            path, 1,
            "no metadata header: the file must start with lines such as `Title: ...`, `Slug: ...`, "
            "`Lang: ...`, then a blank line, then the text",
        ))
        return None, problems
    return ContentHeader(path, kind, fields, frozenset(unread) - fields.keys()), problems


def translation_slug(header: ContentHeader) -> str | None:
    """The valid slug of a translation named as this file's (`2024-03-visit.th.md` beside `...en.md`), if any."""
    parts = header.path.name.split(".")
    if len(parts) < 3:
        return None
    for sibling in sorted(header.path.parent.glob(".".join(parts[:-2]) + ".*." + parts[-1])):
        if sibling == header.path or len(sibling.name.split(".")) != len(parts):
            continue
        other, _problems = read_header(sibling, header.kind)
        if other and SLUG_PATTERN.match(other.get("slug") or ""):
            return other.get("slug")
    return None


def suggest_slug(header: ContentHeader) -> str:
    """Propose an ASCII slug: the translation's, else the slug as written made valid, else from the title or file name.

    Translations share one slug, so the other language's file decides; a slug written `Bueng_Kan_Visit` or
    `bueng-kan-visit.html` only needs correcting.
    """
    if partner := translation_slug(header):
        return partner
    written = re.sub(r"\.html?$", "", (header.get("slug") or "").rsplit("/", 1)[-1].strip())
    written = re.sub(r"[^a-z0-9]+", "-", written.lower()).strip("-")
    if re.search("[a-z]", written):  # not the digits left of `การสัมมนา 2567`
        return written
    title = header.get("title") or ""
    if title and title.isascii():
        source = title
    else:
        source = header.path.name.split(".")[0]
        source = re.sub(r"^\d{4}-\d{2}-", "", source)
    ascii_text = unicodedata.normalize("NFKD", source).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "a-short-english-name"


# A date written another way: day first as in Thailand (`15/03/2024`, `15-3-2567 10.00`), year first without
# the leading zeros (`2024-3-5`), or with the month's name (`5 มี.ค. 67`, `March 5, 2024`).
TIME = r"(?P<time>\s+\d{1,2}[:.]\d{2})?(?:\s*น\.?)?"  # 10:00, 10.00 น. (น. for นาฬิกา, o'clock)
ERA = r"(?:(?:พ\.ศ\.|ค\.ศ\.|B\.?E\.?|A\.?D\.?)\s*)?"
OTHER_DATE_FORMS = (
    # 15/01/2567, 15.1.2024; 15/01/67 (a two-digit year: see written_date)
    re.compile(rf"^(?P<day>\d{{1,2}})[/.-](?P<month>\d{{1,2}})[/.-](?P<year>\d{{4}}|\d{{2}}){TIME}$"),
    re.compile(rf"^(?P<year>\d{{4}})[/.-](?P<month>\d{{1,2}})[/.-](?P<day>\d{{1,2}}){TIME}$"),
    # 5 มีนาคม 2567, 5 มี.ค. 67, 5 March 2024; March 5, 2024
    re.compile(rf"^(?P<day>\d{{1,2}})\s*(?P<name>[^\d\s,]+)\s*,?\s*{ERA}(?P<year>\d{{4}}|\d{{2}}){TIME}$"),
    re.compile(rf"^(?P<name>[A-Za-z]+\.?)\s+(?P<day>\d{{1,2}}),?\s+{ERA}(?P<year>\d{{4}}){TIME}$"),
)
# Month names, full and short, in Thai and English (Babel's): the name written -> (month, whether it is Thai).
MONTH_NAMES = {name.lower().rstrip("."): (month, lang == "th") for lang in ("th", "en")
               for width in ("wide", "abbreviated")
               for month, name in Locale(lang).months["format"][width].items()}
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# A date and time with its time zone, as programs and calendars export it: 2024-03-15T10:00:00+07:00, ...Z.
ZONED_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})$")
# A two-digit year from 50 is a Buddhist Era one (67 is 2567 BE, 2024); below 50, Gregorian (24 is 2024).
TWO_DIGIT_BE_FROM = 50


def site_date(value: str) -> datetime | None:
    """The date (and time) of `value` written as the site reads it, `2024-01-15 10:00`; None if not, or no such day.

    dateutil (Pelican's reader) would read "15 January" as this year's: the full ISO form is insisted on, and
    read as Python reads it, a twentieth of dateutil's time (each build checks every file's dates).
    """
    if not ISO_DATE.match(value):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def site_today(timezone: str | None) -> date:
    """Today in the site's time zone (TIMEZONE), not the machine's: CI runs in UTC, seven hours behind Bangkok."""
    return datetime.now(ZoneInfo(timezone or "UTC")).date()


def written_date(value: str, zone: str = "UTC") -> str | None:
    """The date `value` means in the form the site reads (`2024-03-15 10:00`), if it is one written another way.

    Returns None when it is not such a date (or no such day exists). A Buddhist Era year becomes Gregorian; a
    date with a time zone becomes the site's time (`zone`, the TIMEZONE setting), which the site's dates are in.
    """
    value = value.strip().translate(THAI_DIGITS)
    if ZONED_DATE.match(value):
        try:
            moment = datetime.fromisoformat(value.replace(" ", "T", 1).replace(" ", ""))
        except ValueError:
            return None
        return moment.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M")
    match = next(filter(None, (form.match(value) for form in OTHER_DATE_FORMS)), None)
    if not match:
        return None
    groups = match.groupdict()
    month, thai = MONTH_NAMES.get((groups.get("name") or "").lower().rstrip("."), (None, False))
    if groups.get("name") and month is None:
        return None
    year = int(match["year"])
    if len(match["year"]) == 2:  # ม.ค. 67 and 15/01/67 are 2567 BE; Jan 24 and 15/01/24 are 2024
        year += 2500 if thai or (month is None and year >= TWO_DIGIT_BE_FROM) else 2000
    year -= 543 if year >= BUDDHIST_ERA_FROM else 0
    try:
        day = date(year, month or int(match["month"]), int(match["day"]))
    except ValueError:
        return None
    time = match["time"].strip().replace(".", ":").zfill(5) if match["time"] else ""
    if time and (int(time[:2]) > 23 or int(time[3:]) > 59):
        return None  # 25:00 is no time: the message gives the form, not this value again
    return f"{day.isoformat()} {time}".strip()


def template_fix(template: str, settings: dict) -> str | None:
    """What to write instead of a `Template:` the theme has no file for (Pelican stopped naming no file), else None."""
    folders = [Path(folder) for folder in settings.get("THEME_TEMPLATES_OVERRIDES", [])]
    folders.append(Path(settings["THEME"]) / "templates")
    names = sorted({path.stem for folder in folders if folder.is_dir() for path in folder.glob("*.html")})
    if not names or template in names:
        return None
    written = template.lower().removesuffix(".html")
    close = next((name for name in names if name.lower() == written), None) or \
        next(iter(difflib.get_close_matches(written, names, n=1, cutoff=0.8)), None)
    instead = f"write `Template: {close}`, or" if close else "check the name against the files there, or"
    theme = Path(settings["THEME"]).resolve()
    shown = theme.relative_to(Path.cwd()) if theme.is_relative_to(Path.cwd()) else theme
    return (f"Template `{template}` is not a template of the theme ({shown.as_posix()}/templates/): {instead} "
            "delete the line for an ordinary page")


def check_header(header: ContentHeader, settings: dict) -> list[Problem]:
    """Check one file's header against the site's rules."""
    problems = []
    path = header.path

    def problem(field: str, message: str, severity: str = "error") -> None:
        problems.append(Problem(path, header.line_of(field), message, severity))

    def missing(field: str, message: str) -> None:  # not for a field the writer wrote below a line read_header named
        if field not in header.unread:
            problem(field, message)

    languages = list(settings["LANGUAGES"])
    language_list = ", ".join(f"`Lang: {code}`" for code in languages)

    if not header.get("title"):
        missing("title", "Title is missing: add a line such as `Title: The seminar in Nong Khai`")
    for name, field in header.fields.items():
        if control := BIDI_CONTROL.search(field.value):
            problems.append(Problem(path, field.line, (
                f"{name.capitalize()} holds an invisible direction mark (U+{ord(control.group()):04X}), which can "
                "make text show in another order than it is written: retype the line, or delete the mark")))
    for name in CODED_FIELDS:
        field = header.fields.get(name)
        if field and (found := HIDDEN_IN_CODE.search(value := field.value.strip())):
            # One message, then the other checks read the value as it was meant: not "Category `news` is not
            # one of `news`, ...", "Status `draft` is not known: use `Status: draft`".
            clean = " ".join(INVISIBLE.sub("", value).split())
            before, code = value[:found.start()].strip(), f"U+{ord(found.group()):04X}"
            what = "a non-breaking space" if found.group().isspace() else "an invisible character"
            problem(name, f"{name.capitalize()} `{clean}` looks right, but it holds {what} ({code}, copied with the "
                          f"text) {f'after `{before}`' if before else 'at the start'}: retype it as "
                          f"`{name.capitalize()}: {clean}`")
            header.fields[name] = Field(clean, field.line)

    lang = header.get("lang")
    if lang is None:
        missing("lang", f"Lang is missing: add {language_list}")
    elif lang not in languages:
        base = re.split(r"[-_]", lang)[0].lower()
        named = language_codes(languages).get(lang.lower())
        if base in languages:
            problem("lang", f"Lang `{lang}` is not a language code this site uses: write `Lang: {base}`")
        elif named:
            problem("lang", f"Lang `{lang}` is the language's name: write its code, `Lang: {named}`")
        else:
            problem("lang", f"Lang `{lang}` is not one of this site's languages: use {language_list}")

    slug = header.get("slug")
    if slug is None:
        title = header.get("title") or ""
        why = "a Thai title cannot make a web address, and " if not title.isascii() else ""
        missing("slug", f"Slug is missing: {why}both language versions must share one ASCII slug; "
                        f"add a line such as `Slug: {suggest_slug(header)}`")
    elif fix := invisible_fix(slug):
        problem("slug", f"Slug `{INVISIBLE.sub('', slug)}` looks right, but {fix}")
    elif not SLUG_PATTERN.match(slug):
        problem("slug", f"Slug `{slug}` must be lower-case English letters, digits and hyphens, "
                        f"for example `Slug: {suggest_slug(header)}`")
    elif header.kind == "page" and slug in RESERVED_PAGE_SLUGS:
        problem("slug", f"Slug `{slug}` is the name of a page the site makes itself: choose another")

    status = header.get("status")
    if status is not None and status.lower() == "hidden":
        problem("status", "Status `hidden` still publishes the file at its address, where the sitemap and "
                          "search lead anyone: use `Status: draft` to keep it unpublished, or remove the line")
    elif status is not None and status.lower() not in STATUSES:
        problem("status", f"Status `{status}` is not known: use `Status: draft` to keep the file "
                          "unpublished, or remove the line to publish it")
    known = header.get("date_known")
    if known is not None and header.date_known not in DATE_KNOWN:
        problem("date_known", f"Date_known `{known}` is not one of `month` or `year` (how much of the Date the "
                              "sources give: `Date_known: month` shows December 2023; remove the line when the day "
                              "is known)")
    elif known is not None and header.kind != "article":
        problem("date_known", "Date_known is for articles, whose Date is the day of the event: remove the line")
    elif header.date_known != "day" and not header.get("written"):
        # Without it, the feed and link previews would give Date, a day no source gives, as the day it was published.
        problem("date_known", "Date_known needs a `Written:` line, the day you wrote the text (e.g. `Written: "
                              "2026-11-27`): feeds and link previews give that day as the day the article was "
                              "published, not a day of the event that no source gives")

    # Written: an article about an earlier event (its Date) says when its text was written for this site.
    date_fields = ["date", "written", "modified"] if header.kind == "article" else ["modified", "date"]
    today = site_today(settings.get("TIMEZONE"))
    days = {}
    for name in date_fields:
        value = header.get(name)
        if value:
            if (parsed := site_date(value)) is None:
                zone = settings.get("TIMEZONE") or "UTC"
                if (suggestion := written_date(value, zone)) and ZONED_DATE.match(value.strip()):
                    problem(name, f"{name.capitalize()} `{value}` has a time zone, which the site does not read: "
                                  f"write it `{name.capitalize()}: {suggestion}`, the same moment in the site's "
                                  f"time ({zone})")
                elif suggestion:
                    problem(name, f"{name.capitalize()} `{value}` is not a date the site reads: write it "
                                  f"`{name.capitalize()}: {suggestion}` (the year first, then the month and the day, "
                                  "each with two digits)")
                else:
                    problem(name, f"{name.capitalize()} `{value}` is not a date: write it as "
                                  f"`{name.capitalize()}: 2024-01-15` or `2024-01-15 10:00` (Gregorian year)")
            else:
                year, day = parsed.year, parsed.date()
                if year >= BUDDHIST_ERA_FROM:
                    problem(name, f"{name.capitalize()} `{value}` has a Buddhist Era year: write the "
                                  f"Gregorian year ({year - 543}); the site shows B.E. in Thai itself")
                elif day > today and not header.draft and name == "date" and header.kind == "article":
                    # A static site publishes it now, dated in the future and first in every list.
                    problem(name, f"{name.capitalize()} `{value}` is in the future (today is {today}): the site would "
                                  "publish the file now, with that date, first in every list. Write the date it "
                                  "happened or was last changed; to hold the file back, add `Status: draft`")
                elif day > today and not header.draft:  # Modified, Written: lists go by an article's Date
                    the_day = WHAT_THE_DAY_IS.get(name, "last changed the text")
                    problem(name, f"{name.capitalize()} `{value}` is in the future (today is {today}), and the page "
                                  f"would show it: write the day you {the_day}, or check the year")
                else:
                    days[name] = day
    if "date" in days and "written" in days and days["written"] < days["date"]:
        problem("written", f"Written `{header.get('written')}` is before Date `{header.get('date')}`: Date is the day "
                           "of the event the article is about, Written the day its text was written, after it. "
                           "Check the year, or remove the Written line if the text was written on the day")
    if "modified" in days and (earlier := "written" if "written" in days else "date" if "date" in days else None):
        same_day = "the Date" if earlier == "date" else "the same day as Written"
        if days["modified"] < days[earlier]:
            problem("modified", f"Modified `{header.get('modified')}` is before {earlier.capitalize()} "
                                f"`{header.get(earlier)}`: the page would say it was updated before it was written. "
                                f"Write the day you last changed it (or {same_day}), or check the year")

    if header.kind == "article":
        if not header.get("date"):
            missing("date", "Date is missing: add a line such as `Date: 2024-01-15 10:00`")
        categories = settings["CATEGORIES"]
        category = header.get("category")
        names = ", ".join(f"`{key}`" for key in categories)
        if not category:
            missing("category", f"Category is missing: add `Category: ` with one of {names}")
        elif category not in categories:
            close = suggested_category(category, categories)
            hint = f" (did you mean `{close}`?)" if close else ""
            problem("category", f"Category `{category}` is not one of {names}{hint}")
    elif not header.get("modified"):
        problem("modified", "Modified is missing: pages show when they were last updated; add a "
                            "line such as `Modified: 2026-11-27` and change it whenever you edit")
    if (template := header.get("template")) and (fix := template_fix(template, settings)):
        problem("template", fix)

    for name in ("title", "summary"):
        # A draft may still be a template.
        if not header.draft and (placeholder := PLACEHOLDER.search(header.get(name) or "")):
            what = "title" if name == "title" else "summary"
            problem(name, f"{name.capitalize()} still holds the placeholder that `make new` wrote, "
                          f"`{placeholder.group(0)}`: replace it with the real {what}")
        elif not header.draft and (other := other_language(header.get(name) or "", header.get("lang"))):
            lang = language_name(header.get("lang"))
            problem(name, f"{name.capitalize()} is in {other}, in this {lang} file: the {lang} site's lists, search "
                          f"results and link previews would show it. Write it in {lang}", "warning")
    title = header.get("title") or ""
    if HTML_TAG.search(title) or re.search(r"</[a-z]+>", title, re.I):
        problem("title", "the title is plain text: remove the HTML tags (`<b>`, ...); the theme styles every title")
    elif marks := MARKDOWN_IN_TITLE.search(title):
        problem("title", f"the title is plain text: remove the `{marks.group(0)[:2]}`. Markdown is not applied to "
                         "titles, so readers would see the marks; the theme styles every title")
    if "summary" in header.fields and not header.get("summary") and not header.draft:
        problem("summary", "Summary is empty: write one or two sentences, which lists, search results and link "
                           "previews show, or delete the line (the site then uses the first paragraph)")
    elif len(summary := header.get("summary") or "") > SUMMARY_MAX_CHARACTERS:
        problem("summary", f"Summary is {len(summary)} characters long: lists show all of it under the "
                           "title, and search engines and link previews cut it off after a line or two; keep it to "
                           f"one or two sentences (at most about {SUMMARY_MAX_CHARACTERS} characters) and move the "
                           "rest into the text",
                "warning")

    for name, field in header.fields.items():
        if name not in KNOWN_FIELDS:
            close = difflib.get_close_matches(name, sorted(KNOWN_FIELDS), n=1, cutoff=0.75)
            hint = f": did you mean `{close[0].capitalize()}`?" if close else ": it will be ignored"
            problems.append(Problem(path, field.line, f"unknown field `{name}`{hint}", "warning"))
    return problems


def suggested_category(written: str, categories: dict) -> str | None:
    """The category key a writer meant, else None.

    The key whose label readers see is `written`, in any language (`ข่าวสาร`, `Impact stories`), else the key
    closest in spelling (`News`).
    """
    labelled = next((key for key, labels in categories.items() if isinstance(labels, dict)
                     and written.lower() in (str(label).lower() for label in labels.values())), None)
    return labelled or next(iter(difflib.get_close_matches(written.lower(), list(categories), n=1)), None)


def check_file_name(header: ContentHeader, settings: dict) -> list[Problem]:
    """The file name ends in `.<Lang>.md`: each language's build reads only the files named for it."""
    lang = header.get("lang")
    if lang not in settings["LANGUAGES"]:
        return []  # already an error
    parts = header.path.name.split(".")
    named = parts[-2] if len(parts) >= 3 else None
    if named and named.lower() == lang and (named != lang or parts[-1] != "md"):  # .MD, .EN.MD, .markdown
        # each language's build reads only the files named `.<lang>.md`
        return [Problem(header.path, 1, f"the file name must end in `.{lang}.md`, in small letters: rename the "
                                        f"file to {'.'.join(parts[:-2])}.{lang}.md")]
    if named == lang:
        return []
    stem = ".".join(parts[:-2] if named in settings["LANGUAGES"] else parts[:-1])
    # `visit.en.md.md`, `visit-en.md`: the language or `.md` already there is not written twice.
    endings = "|".join([*map(re.escape, settings["LANGUAGES"]), "md", "markdown"])
    stem = re.sub(rf"(?:[.\-_](?:{endings}))+$", "", stem, flags=re.IGNORECASE) or stem
    if named in settings["LANGUAGES"]:
        message = (f"the file name ends in `.{named}.md` ({language_name(named)}) but the file says `Lang: {lang}` "
                   f"({language_name(lang)}): correct the Lang line, or rename the file to {stem}.{lang}.md")
    else:
        message = (f"the file name must end in the language, `.{lang}.md`, like its `Lang: {lang}` line: "
                   f"rename the file to {stem}.{lang}.md")
    return [Problem(header.path, header.line_of("lang"), message)]


NAMED_MONTH = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})-")  # `make new` names files 2026-11-slug.th.md


def check_date_against_name(header: ContentHeader) -> list[Problem]:
    """An article's Date far from the month its file is named for: a new article started from a copy of another.

    The copy kept the other's Date, and was listed years back, without a word. Within a month is allowed: an
    article named the day it was begun may be about an event of the month before.
    """
    named, dated = NAMED_MONTH.match(header.path.name), NAMED_MONTH.match(f"{header.get('date') or ''}-")
    if header.kind != "article" or not named or not dated or int(dated["year"]) >= BUDDHIST_ERA_FROM:
        return []  # a Buddhist Era year has its own message
    def months(match):
        return int(match["year"]) * 12 + int(match["month"])
    if abs(months(named) - months(dated)) <= 1:
        return []
    return [Problem(header.path, header.line_of("date"), (
        f"Date `{header.get('date')}` is far from the month the file's name gives, {named['year']}-{named['month']}: "
        "an article started from a copy of another keeps that one's Date, and the lists would show it there. "
        "Write the day of the event (or, if the name is the mistake, rename the file)"), "warning")]


def check_links(path: Path, content_root: Path, headers: dict[Path, ContentHeader],
                languages: list[str]) -> list[Problem]:
    """Check the file's links to the site's own content.

    Every `{filename}` and `{static}` link leads to an existing file whose name has no spaces; a
    `{filename}` link to an article or page stays in the file's language and leads to a published one
    (`headers`: every content file's header, by path; `languages`: the site's codes); a link to a Markdown
    file goes through `{filename}`.
    """
    problems = []
    own = headers.get(path.resolve())
    for number, line in enumerate(text_lines(source_text(path)), start=1):
        for match in INTRASITE_LINK.finditer(line):
            target, link = match["target"], "{" + match["what"] + "}"
            if not target.strip("/"):  # `{static}/`: the empty link's message, below
                continue
            base = content_root if target.startswith("/") else path.parent
            file = base / unquote(target).lstrip("/")
            spaced = SPACED_REST.match(line, match.end())
            if spaced or "%20" in target:
                name = unquote(target + (spaced.group(0) if spaced else "")).rsplit("/", 1)[-1]
                problems.append(Problem(
                    path, number,
                    f"the link {link}{target}{spaced.group(0) if spaced else ''} has spaces in its file name, "
                    f"which links cannot hold: rename the file to {plain_name(name)}{renamed_on_github(name)} and "
                    "change the link",
                ))
            elif not file.is_file():
                example = EXAMPLE_LINKS.get(match["what"], EXAMPLE_LINKS["static"])
                other_case = next((sibling for sibling in (file.parent.iterdir() if file.parent.is_dir() else [])
                                   if sibling.name.lower() == file.name.lower()), None)
                elsewhere = None if other_case else found_elsewhere(content_root, file.name)
                misplaced = elsewhere and misplaced_upload(content_root, elsewhere, file)
                fix = invisible_fix(target) or (
                    f"write `/` between folders, not `\\`: {link}{target.replace(BACKSLASH, '/')}"
                    if BACKSLASH in target else
                    f"the file is named {other_case.name}: write the name exactly, capitals too, e.g. "
                    f"{link}{target[:len(target) - len(file.name)]}{other_case.name}" if other_case else
                    misplaced if misplaced else
                    f"the file is content/{elsewhere}: write {link}/{elsewhere}" if elsewhere else
                    f"check the spelling, and that the path starts from the content folder, e.g. {link}{example}")
                problems.append(Problem(path, number, f"the link {link}{target} leads to no file: {fix}"))
            elif match["what"] == "filename" and file.suffix.lower() not in MARKUP_SUFFIXES:
                problems.append(Problem(path, number, (
                    f"the link {link}{target} leads to a file that is not an article or page: write it as "
                    f"{{static}}{target} ({{filename}} is for the Markdown files of articles and pages)")))
            elif match["what"] == "filename" and own and (other := headers.get(file.resolve())):
                problems.extend(check_link_target(path, number, f"{link}{target}", own, other, languages))
        for match in EMPTY_INTRASITE_LINK.finditer(line):
            link = "{" + match["what"] + "}"
            problems.append(Problem(path, number, (
                f"the link {link} names no file: add its path after {link}, e.g. "
                f"{link}{EXAMPLE_LINKS.get(match['what'], EXAMPLE_LINKS['static'])}")))
        for match in MARKDOWN_FILE_LINK.finditer(line):
            target = match["target"]
            found = (path.parent / unquote(target)).resolve()
            if not found.is_file():  # written from the content folder, or with a wrong folder: find it by name
                found = next(iter(sorted(content_root.rglob(Path(unquote(target)).name))), found)
            try:
                written = found.relative_to(content_root.resolve()).as_posix()
            except ValueError:
                written = target.lstrip("./")
            problems.append(Problem(
                path, number,
                f"the link {target} leads to a Markdown file, which is not published: write it as "
                f"{{filename}}/{written} (the path starts from the content folder), and the site turns it into "
                "the page's address",
            ))
    return problems


def misplaced_upload(content_root: Path, elsewhere: str, wanted: Path, link: str = "the link is right") -> str | None:
    """The fix when a linked photo, PDF or video was uploaded among the texts or to content/ itself, if it was.

    The link names the right folder; the file is in the wrong one (GitHub's "Upload files" puts it in the folder
    being viewed). It was told to link it there, which passed, and the photo stayed among the texts.
    """
    found = content_root / elsewhere
    if found.suffix.lower() not in STATIC_HOMES or not wanted.parent.is_dir() or found.parent == wanted.parent \
            or not wanted.parent.resolve().is_relative_to(content_root.resolve()):  # `{static}/../x.jpg`
        return None
    if found.parent != content_root and not any(item.suffix.lower() in MARKDOWN_SUFFIXES
                                               for item in found.parent.iterdir()):
        return None  # in a folder of files, not of texts: the link is the one to correct
    folder = wanted.parent.relative_to(content_root).as_posix()
    put = Path(elsewhere).parent.as_posix()
    return (f"the file was put in content/{'' if put == '.' else put + '/'}, not in content/{folder}/: {link}, "
            f"put the file in content/{folder}/ (on GitHub's website: upload it there, then delete the other one)")


def found_elsewhere(content_root: Path, name: str) -> str | None:
    """Where in content/ a linked file is, when the link's path is wrong: `images/articles/x.jpg`, or None.

    The same name first; then the same name in other capitals, or with the other spelling of its type
    (`x.jpeg` for `x.jpg`). One file only: with several, the writer has to say which.
    """
    def kind(suffix: str) -> str:
        return {".jpeg": ".jpg", ".htm": ".html"}.get(suffix.lower(), suffix.lower())

    wanted = Path(unquote(name))
    files = [found for found in content_root.rglob("*") if found.is_file()]
    for same in (lambda found: found.name == wanted.name,
                 lambda found: found.stem.lower() == wanted.stem.lower() and kind(found.suffix) == kind(wanted.suffix)):
        matches = [found for found in files if same(found)]
        if len(matches) == 1:
            return matches[0].relative_to(content_root).as_posix()
    return None


# A Markdown link (not an image) written as a path to a file, not through {static}: ](../../reports/x.pdf),
# with or without a title after it: ](/reports/x.pdf "The report").
# A link to a file on the writer's computer (`C:\\Users\\...`, `file:///...`, `\\\\server\\share`): readers cannot
# open it, and it shows the writer's user name.
# The path runs to the `)` after its file's type, past spaces and the `(1)` of a copy's name (`meeting (1).jpg`).
COMPUTER_TARGET = (r"(?P<target>(?:[A-Za-z]:[\\/]|file:|\\\\)"
                   r"(?:(?:(?!\]\()[^\n>])*?\.[A-Za-z0-9]{2,5}(?=>?(?:\s+\"[^\"]*\")?\s*\))|[^)\n>]*?(?=>?\s*\))))")
# The address after `](`: the path, in `<...>` or not, a title in quotes or not, the closing `)`.
COMPUTER_ADDRESS = rf"\s*<?{COMPUTER_TARGET}>?(?:\s+\"[^\"]*\")?\s*\)"
COMPUTER_LINK = re.compile(rf"(?<!!)\[[^\]\n]*\]\({COMPUTER_ADDRESS}", re.IGNORECASE)
COMPUTER_IMAGE_TARGET = re.compile(COMPUTER_ADDRESS, re.IGNORECASE)
FILE_PATH_LINK = re.compile(r"(?<!!)\[[^\]\n]*\]\(\s*<?(?P<target>(?![a-zA-Z][a-zA-Z0-9+.-]*:|[{|#]|//)"
                            r"[^)\s>]+\.[A-Za-z0-9]{2,5})(?:[#?][^)\s>]*)?>?(?:\s+\"[^\"]*\")?\s*\)")


# Office files: published as they are, they carry their author's and editors' names, tracked changes, comments and
# the folder they were saved in (a Word document left beside the PDF exported from it, or Word's `~$` lock file).
OFFICE_DOCUMENTS = {
    "Word document": {".doc", ".docx", ".docm", ".dot", ".dotx", ".odt", ".rtf", ".pages"},
    "spreadsheet": {".xls", ".xlsx", ".xlsm", ".ods", ".numbers"},
    "presentation": {".ppt", ".pptx", ".pptm", ".odp", ".key"},
}
OFFICE_SUFFIXES = set().union(*OFFICE_DOCUMENTS.values())


def renamed_on_github(name: str) -> str:
    """How a writer who has only GitHub's website renames the file, if it is not a text file.

    GitHub's website renames a text file (its editor's name box) but not a photo or a PDF.
    """
    if Path(name).suffix.lower() in MARKDOWN_SUFFIXES:
        return ""
    return " (on GitHub's website: upload it again under that name, then delete the old one)"


def plain_name(name: str) -> str:
    """A file's name as a link holds it: spaces and brackets as `-` (`meeting photo (1).jpg`: meeting-photo-1.jpg)."""
    return re.sub(r"[\s()\[\]]+", "-", name).replace("-.", ".").strip("-")


def computer_file_fix(name: str, elsewhere: str | None) -> str:
    """How to publish a photo or PDF that a link or image takes from the writer's computer.

    `elsewhere` is the file's place in content/ if it is there already. A space ends a Markdown address, and a
    bracket can, so the copy is named without them (`meeting photo (1).jpg` as meeting-photo-1.jpg). An office
    document is exported as PDF first: published as it is, it would be refused.
    """
    plain = plain_name(name)
    if Path(name).suffix.lower() in OFFICE_SUFFIXES:  # published, it would be refused as an office document
        pdf = Path(plain).with_suffix(".pdf").name
        return (f"export it as PDF (File, Save as, PDF), copy the PDF into content/reports/ as {pdf} and write "
                f"{{static}}/reports/{pdf}")
    if elsewhere and Path(elsewhere).name != plain:
        return (f"it is also content/{elsewhere}: rename that file {plain} (a space or bracket ends the address) "
                f"and write {{static}}/{Path(elsewhere).with_name(plain).as_posix()}")
    if elsewhere:
        return f"it is also content/{elsewhere}, so write {{static}}/{elsewhere}"
    folder = "reports" if Path(name).suffix.lower() == ".pdf" else "images/articles"
    renamed = f" as {plain}" if plain != name else ""
    return f"copy it into content/{folder}/{renamed} and write {{static}}/{folder}/{plain}"


def check_file_paths(header: ContentHeader, settings: dict) -> list[Problem]:
    """A link written as a path to a file of the site's folders (`../../reports/x.pdf`) leads to a file.

    `{static}` links are checked by check_links; a path is published as it is written, and one that led
    nowhere passed `make check` and the build, to be found by the release gate naming the built page. A path
    from the site's root (`/reports/x.pdf`) must name a file of the content folder, which publishes its
    folders (STATIC_PATHS) there. A path from the page (`../reports/x.pdf`) leads to another address on each
    language's pages (`/en/articles/` is a folder deeper): it is a warning when the file exists, to write it
    with `{static}`, and an error when it does not.
    """
    text = source_text(header.path)
    if "](" not in text:
        return []
    folders = set(settings.get("STATIC_PATHS", []))
    root = Path(settings["PATH"])
    problems = []
    for number, line in body_lines(header.path):
        for match in COMPUTER_LINK.finditer(line):
            target = match["target"]
            name = re.split(r"[\\/]", target)[-1]
            elsewhere = found_elsewhere(root, name)
            problems.append(Problem(header.path, number, (
                f"the link {target} is a file on your computer, which readers cannot open (and it shows your user "
                f"name): {computer_file_fix(name, elsewhere)}")))
        for match in FILE_PATH_LINK.finditer(line):
            target = match["target"]
            parts = [part for part in unquote(target).split("/") if part not in ("", ".", "..")]
            if not parts or parts[0] not in folders or target.lower().endswith((".md", ".markdown", ".html")):
                continue
            relative = "/".join(parts)  # from the content folder, as the site publishes STATIC_PATHS
            static = f"{{static}}/{relative}"
            if (root / relative).is_file():
                if not target.startswith("/"):
                    problems.append(Problem(
                        header.path, number,
                        f"the link {target} is a path from this page, which leads elsewhere from the other "
                        f"language's pages (/en/ is a folder deeper): write it as {static}", "warning"))
                continue
            elsewhere = found_elsewhere(root, parts[-1])
            fix = (f"the file is content/{elsewhere}: write {{static}}/{elsewhere}" if elsewhere else
                   f"content/{relative} does not exist: check the file's name and folder, and write the link "
                   f"as {static}, which make check follows")
            problems.append(Problem(header.path, number, f"the link {target} leads to no file: {fix}"))
    return problems


# A coordination centre's page, in any language: /centres/chiang-khong.html, /en/centres/chiang-khong.html.
CENTRE_PAGE = re.compile(r"^/(?:[a-z]{2}/)?centres/(?P<id>[a-z0-9-]+)\.html$")


def check_site_links(header: ContentHeader, articles: dict[tuple[str, str], ContentHeader],
                     settings: dict) -> list[Problem]:
    """A link written as the site's address of an article (`/en/articles/SLUG.html`) leads to a published one.

    Staff copy such addresses from the preview; one whose slug does not exist, or changed, is a page not found
    that only the release gate would notice, naming the page rather than the file. `articles`: every
    article's header by (lang, slug).
    """
    pattern = article_address(settings)
    text = source_text(header.path)
    site_hosts = [host.lower() for host in settings.get("SITE_HOSTS", [])]
    # Most files have neither kind of link, which a look for their plain parts tells: line by line, the
    # patterns would cost every build a few tenths of a second per thousand files.
    lowered = text.lower()
    if pattern is None or not (LINK_TO_A_PATH.search(text) or "href" in text or "github" in lowered
                               or any(host in lowered for host in (*PREVIEW_HOSTS, *site_hosts))):
        return []
    full_address = full_address_link(tuple(site_hosts))
    content_root = Path(settings["PATH"])
    problems = []
    for number, line in body_lines(header.path):
        for match in GITHUB_LINK.finditer(line) if "github" in line.lower() else ():
            if IMAGE_BEFORE.search(line, 0, match.start()):
                continue  # an image: check_image_source
            own = own_file_address(match["url"], content_root)
            markdown = own and Path(own[0]).suffix.lower() in MARKDOWN_SUFFIXES
            folders = (settings["ARTICLE_PATHS"] + settings["PAGE_PATHS"]) if markdown else settings["STATIC_PATHS"]
            if own and own[0].split("/")[0] in folders:  # not a data file, which the site does not publish
                fix = f"write {{filename}}/{own[0]}" if markdown else static_link_fix(own[0])
                problems.append(Problem(header.path, number, (
                    f"the link {match['url']} leads to the file on GitHub, not to the site's page or file (readers "
                    f"land on GitHub, or on nothing if the repository is private): {fix}")))
        for match in full_address.finditer(line):
            preview = match["host"].lower() in PREVIEW_HOSTS
            if not preview and IMAGE_BEFORE.search(line, 0, match.start()):
                continue  # an image: check_image_source says to copy it into the content folder
            path = match["path"] or "/"
            article = pattern.search(f"]({path})")
            lang = article and (article["lang"] or settings["DEFAULT_LANG"])
            # The file in the writer's own language first: an address copied from the other language's page
            # was told to link to that file, then (once done) that the link leads to the other language.
            target = article and (articles.get((header.get("lang"), article["slug"]))
                                  or articles.get((lang, article["slug"])))
            centre = CENTRE_PAGE.match(path)
            problem = ("leads to the preview on your own computer, which no reader can open" if preview else
                       "is written with this site's own address, which the preview and the checks cannot follow "
                       "(the preview would open the published site)")
            if target is not None:
                where = target.path.resolve().relative_to(Path(settings["PATH"]).resolve()).as_posix()
                fix = f"link to the article's file instead, {{filename}}/{where}"
            elif centre:  # a centre's page: {centre} leads to it in the reader's language (the path to one only)
                fix = f"link to the centre instead, {{centre}}{centre['id']}"
            elif path.strip("/").split("/")[0] in settings.get("STATIC_PATHS", []) and \
                    (content_root / unquote(path).strip("/")).is_file():  # a photo, a report's PDF
                fix = f"link to the file instead, {{static}}{path}"
            elif article and not preview and lang in settings["LANGUAGES"]:
                problem = "is this site's own address, and leads to no page"
                fix = no_article_fix(lang, article["slug"], articles, settings)
            else:
                fix = f"write the address without the {'preview' if preview else 'site'}'s part, {path}"
            problems.append(Problem(header.path, number, f"the link {match['url']} {problem}: {fix}"))
        for match in pattern.finditer(line):
            lang, slug = match["lang"] or settings["DEFAULT_LANG"], match["slug"]
            if lang not in settings["LANGUAGES"]:
                continue
            target = articles.get((lang, slug))
            if target is not None and not target.draft:
                continue
            folder = Path(settings["PATH"]).resolve()
            if target is not None:
                where = target.path.resolve().relative_to(folder).as_posix()
                problems.append(Problem(header.path, number, (
                    f"the link {match['url']} leads to a draft, which is not published (readers would find no "
                    f"page): remove the link, or publish content/{where} by removing its `Status: draft` line")))
                continue
            problems.append(Problem(header.path, number, (
                f"the link {match['url']} leads to no page: {no_article_fix(lang, slug, articles, settings)}")))
    return problems


def no_article_fix(lang: str, slug: str, articles: dict[tuple[str, str], ContentHeader], settings: dict) -> str:
    """What to write instead of a link to an article address whose slug no article has."""
    slugs = sorted(other_slug for other_lang, other_slug in articles if other_lang == lang)
    close = difflib.get_close_matches(slug, slugs, n=1)
    if close:
        where = articles[(lang, close[0])].path.resolve().relative_to(Path(settings["PATH"]).resolve()).as_posix()
        fix = f"did you mean `{close[0]}`? Link to its file instead, {{filename}}/{where}"
    else:
        fix = (f"link to the article's file instead, e.g. {{filename}}/articles/2024-01-example.{lang}.md, "
               "which the check follows")
    return f"no {language_name(lang)} article has `Slug: {slug}`; {fix}"


# A Markdown link to an address on this site, `](/en/articles/...)`: what every link `article_address` finds starts so.
LINK_TO_A_PATH = re.compile(r"\]\(\s*<?/")
# A link copied from `make serve`'s preview: http://localhost:8000/en/articles/x.html.
PREVIEW_HOSTS = ("localhost", "127.0.0.1", "0.0.0.0")
GITHUB_LINK = re.compile(r"""\]\(\s*<?(?P<url>https?://(?:www\.)?(?:github\.com|raw\.githubusercontent\.com)/[^)\s"'>]+)""",
                         re.I)
IMAGE_BEFORE = re.compile(r"!\[[^\[\]]*$")  # the text before `](` is an image's `![alt`
PREVIEW_LINK_START = r"""(?:\]\(\s*<?|\b(?:href|src)\s*=\s*["']?)"""


@functools.cache
def full_address_link(site_hosts: tuple[str, ...]) -> re.Pattern:
    """A link written with a full address that is the preview's or this site's own (SITE_HOSTS; none: the preview's).

    A link copied from the published site (https://www.example.org/en/articles/x.html) works once published,
    but the preview opens the published site instead, and the check cannot tell whether the page exists.
    """
    hosts = "|".join(re.escape(host) for host in (*PREVIEW_HOSTS, *site_hosts))
    return re.compile(PREVIEW_LINK_START + rf"""(?P<url>https?://(?P<host>{hosts})(?::\d+)?(?P<path>/[^)\s"'>]*)?)"""
                      r"""(?=[)\s"'>]|$)""", re.IGNORECASE)


def article_address(settings: dict) -> re.Pattern | None:
    """A link to an article's address on this site, in any language: `/articles/SLUG.html`, `/en/articles/...`.

    Read from ARTICLE_URL; None when it is made of more than the slug (a date in it, say).
    """
    url = settings.get("ARTICLE_URL", "")
    if re.sub(r"\{slug\}", "", url).count("{") or "{slug}" not in url:
        return None
    path = re.escape(url).replace(re.escape("{slug}"), r"(?P<slug>[^/)\s\"'#?]+)")
    return re.compile(r"""(?:\]\(\s*<?|\bhref\s*=\s*["']?)(?P<url>/(?:(?P<lang>[a-z]{2,3})/)?"""
                      + path + r")(?=[)\s\"'#?>])")


def copied_fields(headers: list[ContentHeader]) -> list[Problem]:
    """A Title or Summary word for word another article's of the same language, under another slug.

    An article started from a copy of another (how writers on GitHub's website begin one) published the other's
    summary in every list and link preview, or two articles of one title, without a word. Told in the newer.
    """
    first: dict[tuple[str, str, str], ContentHeader] = {}
    problems = []
    # The older article (by its Date, then its name) keeps its fields; the newer one is told.
    for header in sorted(headers, key=lambda header: (header.get("date") or "", header.path.name)):
        if header.kind != "article" or header.draft:
            continue
        for name in ("title", "summary"):
            value = " ".join((header.get(name) or "").split())
            if not value:
                continue
            other = first.setdefault((header.get("lang") or "", name, value), header)
            # A copy of the whole text has its own message (published twice): one mistake, one message.
            if other is not header and other.get("slug") != header.get("slug") and \
                    body_text(other.path) != body_text(header.path):
                problems.append(Problem(header.path, header.line_of(name), (
                    f"{name.capitalize()} is word for word that of {other.path.name}, another article: one started "
                    f"from a copy keeps the other's {name.capitalize()}, which the lists and link previews would "
                    f"show for both. Write this article's own"), "warning"))
    return problems


def body_text(path: Path) -> str:
    """A text file's body, after its header, as the published-twice check compares it."""
    return "\n".join(line for _number, line in body_lines(path)).strip()


def check_pair_slugs(headers: list[ContentHeader], settings: dict) -> list[Problem]:
    """Files named as one item's translations (`2024-03-visit.th.md`, `2024-03-visit.en.md`) share a slug.

    The slug is what pairs translations: with two, each would be published as untranslated. The main
    language's file (DEFAULT_LANG) gives the slug the others should use.
    """
    pairs: dict[tuple[Path, str], list[ContentHeader]] = {}
    for header in headers:
        parts = header.path.name.split(".")
        if len(parts) >= 3 and parts[-2] in settings["LANGUAGES"] and header.get("slug"):
            pairs.setdefault((header.path.parent, ".".join(parts[:-2])), []).append(header)
    problems = []
    for files in pairs.values():
        main = next((header for header in files if header.get("lang") == settings["DEFAULT_LANG"]), files[0])
        slug = main.get("slug")
        if not SLUG_PATTERN.match(slug):  # its own message says how to write it: not to be copied here
            continue
        problems.extend(Problem(
            header.path, header.line_of("slug"),
            f"Slug `{header.get('slug')}` differs from `{slug}` in {main.path.name}, its translation: "
            f"translations share one slug, so use `Slug: {slug}` in both files",
        ) for header in files if header.get("slug") != slug)
    return problems


def check_translations_agree(headers: list[ContentHeader], settings: dict) -> list[Problem]:
    """An article's translations are listed under one category, and dated the same day.

    Compared with the main language's file (DEFAULT_LANG). Another category lists the article under
    different headings in each language: an error. Another day is most often a typo (21 and 12 July), but
    a translation may be dated otherwise on purpose: a warning.
    """
    items: dict[str, list[ContentHeader]] = {}
    for header in headers:
        if header.kind == "article" and not header.draft and header.get("slug") and \
                header.get("lang") in settings["LANGUAGES"]:
            items.setdefault(header.get("slug"), []).append(header)
    problems = []
    categories = {name.lower() for name in settings.get("CATEGORIES", {})}
    for files in items.values():
        if len({header.get("lang") for header in files}) < len(files):
            # Two files of one language share the slug (an article started from a copy of another): an error of
            # its own; the other file is no translation, and its fields not the ones to copy.
            continue
        main = next((header for header in files if header.get("lang") == settings["DEFAULT_LANG"]), files[0])
        for other in files:
            if other is main:
                continue
            category, main_category = other.get("category"), main.get("category")
            # Compared only when the main file's is one of the site's: any other has its own message, not to be copied.
            if category and main_category and main_category.lower() in categories and \
                    category.lower() != main_category.lower():
                problems.append(Problem(other.path, other.line_of("category"), (
                    f"Category `{category}` differs from `{main_category}` in {main.path.name}, its translation: "
                    "each language would list the article under another heading. Use one category in both "
                    f"files: `Category: {main_category}`, as that file has, or change that file too")))
            day, main_day = other.get("date") or "", main.get("date") or ""
            # Compared only when both are dates the site reads: any other has a message of its own.
            days = [site_date(value) for value in (day, main_day)]
            if all(days) and max(days).year < BUDDHIST_ERA_FROM and days[0].date() != days[1].date():
                problems.append(Problem(other.path, other.line_of("date"), (
                    f"Date `{day}` is another day than `{main_day}` in {main.path.name}, its translation: readers "
                    "of the two languages would read two dates for one event. If one is a typo, correct it"),
                    "warning"))
            known, main_known = other.date_known, main.date_known
            if known != main_known and main_known in DATE_KNOWN:
                fix = f"`Date_known: {main_known}`" if main_known != "day" else "no `Date_known:` line"
                line = other.line_of("date_known" if "date_known" in other.fields else "date")
                problems.append(Problem(other.path, line, (
                    f"Date_known is `{known}`, but `{main_known}` in {main.path.name}, its translation: one "
                    f"language would show a day the other says no source gives. Write {fix}, as that file has")))
    return problems


def check_link_target(path: Path, number: int, link: str, own: ContentHeader, other: ContentHeader,
                      languages: list[str]) -> list[Problem]:
    """A `{filename}` link to an article or page: in the same language, and to one that is published."""
    lang, target_lang = own.get("lang"), other.get("lang")
    # A file with a Lang this site does not use (`EN`) has its own message; its links are not told to change.
    if lang in languages and target_lang in languages and lang != target_lang:
        parts = other.path.name.split(".")
        same = other.path.with_name(".".join([*parts[:-2], lang, parts[-1]]))
        fix = (f"link to {same.name} instead" if same.is_file() else
               f"it has no {language_name(lang)} version yet ({same.name}): leave the link out until it has")
        return [Problem(path, number, f"the link {link} leads to the {language_name(target_lang)} version, and each "
                                      f"language's pages link within that language: {fix}")]
    if other.draft:
        return [Problem(path, number, f"the link {link} leads to a draft, which is not published (readers would "
                                      "land on the home page): remove the link, or publish that file by removing "
                                      "its `Status: draft` line")]
    return []


INDENTED_MARKUP = re.compile(r"^(?: {4,}|\t)[ \t]*(?P<markup>\{%|!\[)")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")


def in_a_list(line: str) -> bool:
    """Whether a line is a list's item or goes on with one (indented): what is indented under it is the list's."""
    return bool(LIST_ITEM.match(line)) or line.startswith((" ", "\t"))


def indented_markup(path: Path) -> list[Problem]:
    """A tag or an image indented four spaces (or a tab) as a paragraph of its own: Markdown shows it as code.

    Readers saw `{% report ... %}` or `![...](...)` as text in a grey box, and the check passed: it reads
    indented lines as code, which they are. Inside a list (a line of it above) the indent is the list's.
    """
    lines = text_lines(source_text(path))
    start = next((index for index, line in enumerate(lines) if not line.strip()), len(lines))
    problems, fence, previous = [], None, ""
    for index in range(start, len(lines)):
        line = lines[index]
        if match := FENCE.match(line):
            fence = None if fence and line.strip().startswith(fence) else fence or match["fence"][0] * 3
        elif fence is None and (markup := INDENTED_MARKUP.match(line)) and not previous.strip() and \
                not in_a_list(next((above for above in reversed(lines[start:index - 1]) if above.strip()), "")):
            what = "tag" if markup["markup"] == "{%" else "image"
            problems.append(Problem(path, index + 1, (
                f"this {what} starts with spaces (or a tab), so Markdown shows it as code, as text in a grey box: "
                "remove the spaces at the start of the line")))
        previous = line
    return problems


def body_lines(path: Path):
    """Yield (line number, text) of the body, with code blocks and code spans left out.

    Code is shown as text, so `<script>` or `![](x)` inside it is an example, not markup.
    """
    lines = text_lines(source_text(path))
    number = next((index for index, line in enumerate(lines) if not line.strip()), len(lines))
    fence = None
    for index in range(number, len(lines)):
        line = lines[index]
        if match := FENCE.match(line):
            if fence is None:
                fence = match["fence"][0] * 3
            elif line.strip().startswith(fence):
                fence = None
            continue
        if fence is None and not line.startswith(("    ", "\t")):
            yield index + 1, CODE_SPAN.sub("", line)


# A file of the repository as GitHub's website shows or serves it (copied from its page on GitHub):
# github.com/OWNER/REPO/blob/BRANCH/content/..., .../raw/..., raw.githubusercontent.com/OWNER/REPO/BRANCH/...
GITHUB_FILE = re.compile(r"^https?://(?:www\.)?(?:github\.com/[^/\s]+/[^/\s]+/(?:blob|raw)|"
                         r"raw\.githubusercontent\.com/[^/\s]+/[^/\s]+)/(?P<rest>[^\s?#]+)", re.I)


def own_file_address(address: str, content_root: Path, site_hosts: tuple[str, ...] = ()) -> tuple[str, str] | None:
    """The content file an address of GitHub's website or of the published site names, and where it leads.

    Returns (the file's path in the content folder, "GitHub's" or "the published site's"), or None when the
    address names no file of the content folder. Staff copy an image's address from GitHub's page of the file or
    from the published page: the file is already the site's own, and `{static}` is the link to write.
    """
    if github := GITHUB_FILE.match(address):
        # The branch's name may hold `/`: the file's path starts at the content folder's name.
        parts = unquote(github["rest"]).split("/")
        starts = [index + 1 for index, part in enumerate(parts) if part == content_root.name]
        where = "GitHub's"
    elif (parsed := urlsplit(address)).hostname and parsed.hostname.lower() in site_hosts:
        parts, starts, where = unquote(parsed.path).split("/"), [1], "the published site's"
    else:
        return None
    for start in starts:
        relative = "/".join(parts[start:])
        if relative and (content_root / relative).is_file():
            return relative, where
        # A photo's published size (`meeting.1a2b3c4d5e-960.webp`, photos.py), which "Copy image address" gives.
        if (size := PUBLISHED_SIZE.search(relative)) and (folder := (content_root / relative).parent).is_dir():
            stem = relative[:size.start()].rsplit("/", 1)[-1]
            original = next((file for file in sorted(folder.iterdir()) if file.stem == stem
                             and file.suffix.lower() in PHOTO_SUFFIXES), None)
            if original:
                return original.relative_to(content_root).as_posix(), where
    return None


PUBLISHED_SIZE = re.compile(r"\.[0-9a-f]{10}-\d+\.(?:webp|jpe?g|png)$", re.I)
PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg"}


def static_link_fix(relative: str) -> str:
    """`write {static}/relative`, or how to rename the file first if its name has spaces or brackets."""
    folder, _, name = relative.rpartition("/")
    plain = plain_name(name)
    if plain == name:
        return f"write {{static}}/{relative}"
    return f"rename the file to {plain}{renamed_on_github(name)} and write {{static}}/{folder}/{plain}"


def other_website_fix(src: str) -> str:
    """What to do about an image (or other file the page loads) from another website."""
    return (f"the image {src} is on another website: every reader's browser would contact that site. "
            "Save the image into content/images/articles/ and link it as {static}/images/articles/NAME.jpg")


def linked_file(src: str, text_file: Path, content_root: Path) -> Path:
    """The file an image or link address in `text_file` names (existing or not; query and fragment left out).

    `{static}/x.jpg` and `/x.jpg` are read from the content folder; `x.jpg` and `../x.jpg` from the text's own
    folder, as Pelican and browsers read them.
    """
    address = unquote(SITE_LINK_PREFIX.sub("", src).split("?")[0].split("#")[0])
    return (content_root / address.lstrip("/")) if address.startswith("/") else (text_file.parent / address)


def check_image_source(path: Path, number: int, src: str, content_root: Path | None = None,
                       site_hosts: tuple[str, ...] = ()) -> list[Problem]:
    """An image must be a file of the site: one from another website is a request readers did not ask for.

    With `content_root`, an image written as a path rather than a `{static}` link (`/images/x.jpg`,
    `../images/x.jpg`, a Windows path) must lead to a file of the content folder, or readers see a broken image;
    one written with GitHub's or the published site's address of such a file (`site_hosts`) is told its link.
    """
    if full_address_link(()).match(f"]({src}"):  # the preview's: said by check_site_links, with the fix
        return []
    if src.startswith(("http://", "https://", "//")):
        own = own_file_address(src, content_root, site_hosts) if content_root is not None else None
        if own and Path(own[0]).suffix.lower() in PHOTO_SUFFIXES:
            return [Problem(path, number, f"the image {src} is this site's own file content/{own[0]}, written "
                                          f"with {own[1]} address for it: {static_link_fix(own[0])}")]
        return [Problem(path, number, other_website_fix(src))]
    if content_root is None or not src or INTRASITE_LINK.match(src) or src.startswith(("data:", "#")):
        return []
    on_computer = COMPUTER_PATH.search(src)
    if not on_computer and linked_file(src, path, content_root).is_file():
        return []
    name = re.split(r"[\\/]", src)[-1]
    elsewhere = found_elsewhere(content_root, name)  # a walk over content/: only for a broken image
    link = f"{{static}}/{elsewhere}" if elsewhere else f"{{static}}/images/articles/{name}"
    if on_computer:
        fix = computer_file_fix(name, elsewhere)
        return [Problem(path, number, f"the image {src} is a file on your computer, which readers cannot see: {fix}")]
    address = unquote(src.split("?")[0].split("#")[0])
    misplaced = elsewhere and address.startswith("/") and misplaced_upload(
        content_root, elsewhere, linked_file(src, path, content_root), f"write {{static}}{address}")
    fix = (misplaced if misplaced else
           f"the file is content/{elsewhere}: write {link}" if elsewhere else
           f"put the image in content/images/articles/ and write {link}")
    why = "" if address.startswith("/") else " (a path without {static} is read from the article's folder)"
    return [Problem(path, number, f"the image {src} leads to no file{why}: {fix}")]


def spaced_image(path: Path, number: int, src: str, content_root: Path) -> Problem:
    """An image written as a path (`/images/articles/IMG_2024 (1).jpg`) whose file name has spaces."""
    name = plain_name(unquote(src).rsplit("/", 1)[-1])
    file = linked_file(src, path, content_root).resolve()
    root = content_root.resolve()
    folder = file.parent.relative_to(root).as_posix() if file.is_file() and file.is_relative_to(root) else \
        "images/articles"
    return Problem(path, number, f"the image {src} has spaces in its file name, which links cannot hold: rename the "
                                 f"file to {name}{renamed_on_github(name)} and write {{static}}/{folder}/{name}")


# A Markdown block that is not a paragraph of text: a heading, a photo, a tag, HTML, a table, a list, a quote.
NOT_A_PARAGRAPH = re.compile(r"^\s*(?:#|!\[|\{%|<|\||[-*+>] |\d+\. )")
MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def first_paragraph_text(body: list[str]) -> str:
    """The text of a Markdown body's first paragraph, links as their words: the summary when there is no `Summary:`.

    fast_markdown's first_text_paragraph finds the same paragraph in the HTML.
    """
    for block in re.split(r"\n\s*\n", HTML_COMMENT.sub("", "\n".join(body))):
        if block.strip() and not NOT_A_PARAGRAPH.match(block):
            return " ".join(MARKDOWN_LINK.sub(r"\1", block).split())
    return ""


def pasted_markup(path: Path, number: int, line: str) -> list[Problem]:
    """What a line pasted from Word or a web page may carry, for a line of the text and for `Summary:`.

    Raw HTML that is not allowed, Word's tags, inline styles, `on...=` attributes, `javascript:` links.
    """
    problems = []
    if "<" in line:
        for name in dict.fromkeys(match["name"].lower() for match in WORD_TAG.finditer(line)):  # <o:p></o:p>
            problems.append(Problem(path, number, OBSOLETE_FIX.format(name=name)))
    if SCRIPT_LINK.search(line):
        problems.append(Problem(path, number, SCRIPT_LINK_FIX))
    if DATA_LINK.search(line):
        problems.append(Problem(path, number, DATA_LINK_FIX))
    for match in HTML_TAG.finditer(line):
        name = match["name"].lower()
        if name in RAW_HTML_FIXES:
            problems.append(Problem(path, number, RAW_HTML_FIXES[name]))
        elif name in EMBEDS:
            what, instead = EMBEDS[name]
            problems.append(Problem(path, number, EMBED_FIX.format(name=name, what=what, instead=instead)))
        elif STYLE_ATTRIBUTE.search(match["attributes"]):
            problems.append(Problem(path, number, INLINE_STYLE_FIX))
        elif name in OBSOLETE_TAGS:
            problems.append(Problem(path, number, OBSOLETE_FIX.format(name=name)))
        if EVENT_ATTRIBUTE.search(match["attributes"]):
            problems.append(Problem(path, number, EVENT_FIX))
    return problems


def check_body(header: ContentHeader, content_root: Path | None = None,
               site_hosts: tuple[str, ...] = ()) -> list[Problem]:
    """Check the text: alt text on every image; no raw script, embed code, inline style or script link.

    A published article must have some text (a comment is not shown). With `content_root`, an image written
    as a path leads to a file (`check_image_source`; `site_hosts`: the published site's, SITE_HOSTS).
    """
    path, problems = header.path, []
    numbered = list(body_lines(path))
    body = [line for _number, line in numbered]
    alt_example = ALT_EXAMPLES.get(header.get("lang") or "", ALT_EXAMPLES["en"])
    # A text still in the other language has one message for it all (below), not one more for each image's alt.
    untranslated = untranslated_text(header, "\n".join(body))
    # `Summary:` is Markdown too, shown in every list: make check passed Word's tags in it, and the build stopped.
    problems.extend(pasted_markup(path, header.line_of("summary"), header.get("summary") or ""))
    problems.extend(indented_markup(path))
    for number, line in numbered:
        # Each pattern only on the lines that could hold it: `make check` and every build read every file.
        for match in SPACED_LINK.finditer(line) if SPACED_LINK_START.search(line) else ():
            gap = line[match.end("link"):match.start("target") - 1]
            plain = gap.strip(" \t") == ""  # else shown as one space: the reader cannot see the character
            space = "space" if plain else "invisible or non-breaking space (copied from a document)"
            problems.append(Problem(path, number, (
                f"remove the {space} between `]` and `(` in {match['link']}{gap if plain else ' '}"
                f"({match['target']}): with it, Markdown shows the "
                f"{'image' if match['link'].startswith('!') else 'link'} as text")))
        for match in UNCLOSED_LINK.finditer(line) if "](" in line else ():
            what = "image" if match["link"].startswith("!") else "link"
            problems.append(Problem(path, number, (
                f"the {what} {match['link']}({match['target']} has no closing `)`, so Markdown shows it as text: "
                f"end it with `)`, as in {match['link']}({match['target']})")))
        problems.extend(pasted_markup(path, number, line))
        for match in MARKDOWN_IMAGE.finditer(line):
            src = match["src"]
            spaced = None
            if src.startswith("<") and src.endswith(">"):  # Markdown's angle brackets, which hold a space
                src = src[1:-1].strip()
                spaced = " " in src and not OTHER_WEBSITE.match(src) and not INTRASITE_LINK.match(src)
            elif COMPUTER_PATH.search(src) and (whole := COMPUTER_IMAGE_TARGET.match(line, match.start("src"))):
                src = whole["target"]  # its folders' and file's names may hold spaces and brackets: the whole path
            elif src and not INTRASITE_LINK.match(src) and not OTHER_WEBSITE.match(src):
                rest = SPACED_REST.match(line, match.end("src"))  # a path (`{static}` links are check_links')
                src, spaced = (src + rest.group(0), True) if rest else (src, False)
            if spaced and content_root is not None:
                problems.append(spaced_image(path, number, src, content_root))
            elif not spaced:
                problems.extend(check_image_source(path, number, src, content_root, site_hosts))
            alt = match["alt"].strip()
            if alt in ALT_EXAMPLE_TEXTS:
                problems.append(Problem(path, number, (
                    f"the alt text `{alt}` is the example make check gave: write what this photo shows instead, "
                    "who is in it, doing what, where")))
            elif (other := other_language(alt, header.get("lang"))) and not FILE_NAME_ALT.fullmatch(alt) and \
                    not GENERIC_ALT.fullmatch(alt) and not untranslated:  # each of those has its own message
                problems.append(Problem(path, number, (
                    f"the alt text `{alt}` is in {other}, in this {language_name(header.get('lang'))} file: readers "
                    f"of this page who cannot see the photo would hear it in {other}. Write it in "
                    f"{language_name(header.get('lang'))}"), "warning"))
            if GENERIC_ALT.fullmatch(alt):
                problems.append(Problem(
                    path, number,
                    f"the alt text `{alt}` says only that there is a picture, which a reader who "
                    f"cannot see it knows already: describe what it shows, e.g. {alt_example}({match['src']})",
                ))
            if FILE_NAME_ALT.fullmatch(alt):
                problems.append(Problem(
                    path, number,
                    f"the alt text `{alt}` is a file name, which tells a reader who cannot see the "
                    f"image nothing: describe what it shows, e.g. {alt_example}({match['src']})",
                ))
            if not alt:
                problems.append(Problem(
                    path, number,
                    f"the image {match['src'] or '(no file)'} has no alt text: describe what it shows for "
                    f"readers who cannot see it, between the square brackets, e.g. {alt_example}({match['src']})",
                ))
        for match in (BARE_ADDRESS.finditer(line) if "://" in line and not TAG_START.search(line)
                      and not REFERENCE_DEFINITION.match(line) else ()):
            url = match["url"].rstrip(".,;:!?")
            host = (urlsplit(url).hostname or "").removeprefix("www.")
            fix = (f"to show the video, write `{{% video {url} %}}` on a line of its own"
                   if host in ("youtu.be", "youtube.com", "m.youtube.com", "vimeo.com", "fb.watch") else
                   f"write it as a link with words readers can click, [the page's name]({url})")
            problems.append(Problem(path, number, f"the address {url} is shown as plain text, which readers cannot "
                                                  f"click (Markdown does not make links of addresses): {fix}",
                                    "warning"))
        if re.match(r"#(?!#)\s", line):
            problems.append(Problem(path, number, "a `# ` heading would be a second main title (the page's title "
                                                  "is the first): write section headings with `## `"))
        for match in HTML_TAG.finditer(line):
            name = match["name"].lower()
            if name == "img":
                source = HTML_SRC.search(match["attributes"])
                problems.extend(check_image_source(path, number, source["src"] if source else "", content_root))
                alt = HTML_ALT.search(match["attributes"])
                text = alt and next(value for value in alt.group("double", "single", "bare") if value is not None)
                if not (text or "").strip():
                    src = source["src"] if source else "(no file)"
                    problems.append(Problem(
                        path, number,
                        f"the image {src} has no alt text: write it in Markdown with a description "
                        f"between the square brackets, e.g. {alt_example}({src})",
                    ))
    problems.extend(check_headings(path, numbered))
    for index, (number, line) in enumerate(numbered):  # `<!--` with no `-->` after it, on this line or below
        opening = line.rfind("<!--")
        if opening >= 0 and "-->" not in line[opening:] and not any("-->" in rest for _n, rest in numbered[index + 1:]):
            problems.append(Problem(path, number, "this comment is not closed with `-->`, so Markdown would publish "
                                                  "it as text, for readers to see: end it with `-->`, or delete it"))
            break
    if "summary" not in header.fields and not header.draft and \
            len(first := first_paragraph_text(body)) > SUMMARY_MAX_CHARACTERS:
        problems.append(Problem(path, 1, (
            f"there is no `Summary:` line, so lists, search results and link previews show the first paragraph, "
            f"{len(first)} characters long: add a `Summary:` line with one or two sentences (at most about "
            f"{SUMMARY_MAX_CHARACTERS} characters)"), "warning"))
    if header.kind == "article" and not header.draft and not HTML_COMMENT.sub("", "\n".join(body)).strip():
        problems.append(Problem(path, 1, "the article has no text after its metadata (a comment is not shown): "
                                         "write it below the blank line that ends the metadata"))
    # Only in a file whose Lang is one of the site's: `Lang: TH` has its own message ("write `Lang: th`").
    if not header.draft and header.get("lang") in LANGUAGE_CODES and (language := untranslated):
        lang = language_name(header.get("lang"))
        problems.append(Problem(path, 1, (
            f"the text of this {lang} file is {language}: a copy of the other language's file, not yet translated? "
            f"Translate it, or add `Status: draft` until it is (the site then says the {header.kind} has no {lang} "
            "version yet)")))
    return problems


def check_headings(path: Path, numbered: list[tuple[int, str]]) -> list[Problem]:
    """Headings go down one level at a time from the page's title, and `---` under a line makes no heading.

    Screen-reader users move through a page by its headings, listed by level: a heading that skips one
    (`####` after `##`) reads as if a section were missing. A line of `---` or `===` straight under a line
    of text turns that text into a heading (Markdown's other way to write one): writers mean a dividing line.
    """
    problems, level, before, previous = [], 1, "", ""  # the page's title is its only level-1 heading
    previous_number = 0
    for number, line in [*numbered, (0, "")]:  # an empty line after the last, to look at the last line's block
        if not line.strip() and not before.strip() and (bold := BOLD_LINE.fullmatch(previous.strip())):
            problems.append(Problem(path, previous_number, (
                f"this line is all in bold, alone, as a heading looks, but screen readers do not list it as one: "
                f"if it is a section heading, write `{'#' * min(level + 1, 6)} {bold['text'].strip()}`"), "warning"))
        if not number:
            break
        underline = SETEXT_UNDERLINE.match(line)
        # Python-Markdown makes a heading of a block of one line (whatever it holds) with the line under it.
        if underline and previous.strip() and not before.strip() and not ATX_HEADING.match(previous):
            kind = "a section heading" if underline["mark"][0] == "-" else "a second main title"
            problems.append(Problem(path, number, (
                f"this line of `{underline['mark'][0] * 3}` makes the line above it {kind}: for a dividing line, put "
                "a blank line before it; for a heading, write `## ` before the heading's text instead")))
        elif heading := ATX_HEADING.match(line):
            marks = len(heading["marks"])
            if marks > level + 1 and marks > 1:
                after = "the page's title" if level == 1 else f"a `{'#' * level} ` heading"
                problems.append(Problem(path, number, (
                    f"this `{'#' * marks} ` heading comes after {after}, skipping a level: screen readers list "
                    "headings by level, and a skipped one reads as a missing section. Write "
                    f"`{'#' * (level + 1)} ` here")))
            level = marks if marks > 1 else level
        before, previous, previous_number = previous, line, number
    return problems


def other_language(text: str, lang: str | None) -> str | None:
    """The language a title or summary is written in, when it is not its file's; else None.

    A Thai one with no Thai letter at all, an English one mostly in Thai letters; a short one says too little.
    """
    thai, latin = thai_and_latin_letters(LETTERS_NOT_READ.sub(" ", text))
    if lang == "th" and thai == 0 and latin >= 12:
        return "English"
    if lang == "en" and thai > latin:
        return "Thai"
    return None


def untranslated_text(header: ContentHeader, body: str) -> str | None:
    """How the text reads when it is not in its file's language (most letters Thai, or nearly none), else None.

    Thai and English files differ sharply: the site's Thai texts are 87-99% Thai letters (names, acronyms
    and numbers in Latin letters), its English texts 0-4% (a Thai name in brackets). Short texts say too
    little to tell.
    """
    thai, latin = thai_and_latin_letters(LETTERS_NOT_READ.sub(" ", body[:LANGUAGE_SAMPLE]))
    if thai + latin < 100:
        return None
    share = thai / (thai + latin)
    if header.get("lang") == "th":
        return "mostly in Latin letters, not in Thai" if share < 0.3 else None
    return "in Thai" if share > 0.5 else None


@dataclass
class Translation:
    """One slug of one kind, and the file of each language it exists in."""

    kind: str
    slug: str
    files: dict[str, Path] = dataclasses.field(default_factory=dict)
    drafts: set[str] = dataclasses.field(default_factory=set)  # the languages whose file is a draft

    @property
    def draft(self) -> bool:
        """Every version is a draft: nothing of it is published."""
        return self.drafts == set(self.files)

    @property
    def published(self) -> list[str]:
        """The languages it is published in."""
        return [lang for lang in self.files if lang not in self.drafts]


def language_codes(languages: list[str]) -> dict[str, str]:
    """Each language's names, in lower case, in English and in every language of the site: `thai`, `ไทย` -> `th`."""
    return {Locale(name_in).languages.get(code, code).lower(): code
            for code in languages for name_in in ["en", *languages]}


# Language codes as Babel knows them (`th`, `en`; not `TH`, `thai` or `ไทย`, which have a message of their own).
LANGUAGE_CODES = frozenset(Locale("en").languages)


def language_name(code: str) -> str:
    """A language's name in English, for messages (`th` -> Thai)."""
    return Locale("en").languages.get(code, code)


def translation_table(headers: list[ContentHeader], settings: dict) -> tuple[list[Translation], list[Problem]]:
    """Every slug and the languages it exists in; an untranslated item is a warning, not an error."""
    languages = list(settings["LANGUAGES"])
    items: dict[tuple[str, str], Translation] = {}
    for header in headers:
        slug, lang = header.get("slug"), header.get("lang")
        if not slug or lang not in languages:
            continue  # already an error
        item = items.setdefault((header.kind, slug), Translation(header.kind, slug))
        if lang not in item.files:
            item.files[lang] = header.path
            if header.draft:
                item.drafts.add(lang)
    table = sorted(items.values(), key=lambda item: (item.kind, item.slug))
    problems = []
    for item in table:
        missing = [lang for lang in languages if lang not in item.files]
        if item.draft or not (missing or item.drafts):
            continue
        path = item.files[item.published[0]]
        have = " and ".join(language_name(lang) for lang in item.published)
        if item.drafts:  # a translation held back with `Status: draft`, as the README describes
            names = " and ".join(f"{language_name(lang)} version ({item.files[lang].name})" for lang in item.drafts)
            one = len(item.drafts) == 1
            problems.append(Problem(
                path, 1,
                f"the {names} of the {item.kind} `{item.slug}` {'is a draft' if one else 'are drafts'}: it is "
                f"published in {have} only, and the language switcher says so. To publish {'it' if one else 'them'}, "
                "remove the `Status: draft` line",
                "warning",
            ))
        if not missing:
            continue
        names = " and ".join(language_name(lang) for lang in missing)
        wanted = ", ".join(f"{path.name.split('.')[0]}.{lang}.md" for lang in missing)
        if all((path.parent / name).is_file() for name in wanted.split(", ")):
            continue  # the translations exist, with another slug: check_pair_slugs says so
        problems.append(Problem(
            path, 1,
            f"no {names} version of the {item.kind} `{item.slug}`: it is published in {have} only, and the "
            f"language switcher says so. To translate it, add {wanted} beside it with `Slug: {item.slug}`",
            "warning",
        ))
    return table, problems


def ignored(path: Path, settings: dict) -> bool:
    """Whether Pelican leaves the file out (IGNORE_FILES, matched as Pelican does on each file and folder name).

    Windows' Thumbs.db, an editor's backup (`visit.en.md~`), a hidden folder: never published, never checked.
    """
    ignores = settings.get("IGNORE_FILES", [])
    return any(fnmatch.fnmatch(name, ignore) for name in path.relative_to(settings["PATH"]).parts
               for ignore in ignores)


def content_files(settings: dict) -> list[tuple[Path, str]]:
    """List (path, kind) of every article and page source Pelican reads or ignores not, in a stable order."""
    root = Path(settings["PATH"])
    found = []
    for kind, setting in (("article", "ARTICLE_PATHS"), ("page", "PAGE_PATHS")):
        for folder in settings[setting]:
            found.extend((path, kind) for path in sorted((root / folder).rglob("*"))
                         if path.is_file() and not ignored(path, settings))
    return found


def static_files(settings: dict) -> list[Path]:
    """Every file Pelican publishes from the content's static folders (STATIC_PATHS: images, reports, videos...).

    In a stable order. Not those it ignores (IGNORE_FILES, matched as Pelican does against the name of each file
    and folder): Windows' Thumbs.db, an editor's backup, a hidden folder; they are never published, and were
    refused as if they would be.
    """
    root = Path(settings["PATH"])
    return [path for folder in settings["STATIC_PATHS"] for path in sorted((root / folder).rglob("*"))
            if path.is_file() and not ignored(path, settings)]


def check_content(settings: dict) -> list[Problem]:
    """Check every content file; return all problems, errors and warnings, in file order."""
    return check_content_and_translations(settings)[0]


def check_content_and_translations(settings: dict) -> tuple[list[Problem], list[Translation]]:
    """Check every content file; return all problems (in file order) and the translation table."""
    problems: list[Problem] = []
    headers: list[ContentHeader] = []
    seen: dict[tuple[str, str, str], Path] = {}
    texts: dict[tuple[str, str, str], Path] = {}  # (kind, lang, text after the header) -> its first file
    for path, kind in content_files(settings):
        if path.suffix.lower() not in MARKDOWN_SUFFIXES:
            problems.append(not_markdown_problem(path))
            continue
        header, header_problems = read_header(path, kind)
        problems.extend(header_problems)
        if header is None:
            continue
        headers.append(header)
        problems.extend(check_header(header, settings))
        problems.extend(check_file_name(header, settings))
        problems.extend(check_date_against_name(header))
        problems.extend(check_body(header, Path(settings["PATH"]),
                                   tuple(host.lower() for host in settings.get("SITE_HOSTS", []))))
        key = (kind, header.get("lang") or "", header.get("slug") or "")
        if all(key) and not header.draft:
            if key in seen and source_text(seen[key]) == source_text(path):  # a copy made by a file manager
                problems.append(Problem(
                    path, header.line_of("slug"),
                    f"this file and {seen[key]} are the same, word for word: one is a copy (a file manager names "
                    "it `... (1).md` or `Copy of ...`). Delete the copy",
                ))
            elif key in seen:
                # Told in the file whose name (make new's 2026-11-loei-meeting.en.md) is not its slug: the copy.
                def named(file):
                    return re.sub(r"^\d{4}-\d{2}-", "", file.name.split(".")[0])
                copy, other = (path, seen[key]) if named(path) != key[2] or named(seen[key]) == key[2] else \
                    (seen[key], path)
                wanted = named(copy)
                own = f", e.g. `Slug: {wanted}`, from its name" if SLUG_PATTERN.match(wanted) and wanted != key[2] \
                    else ""
                copy_header = header if copy == path else next(item for item in headers if item.path == copy)
                problems.append(Problem(
                    copy, copy_header.line_of("slug"),
                    f"Slug `{key[2]}` is already used by {other} in the same language: if this file is the new "
                    f"one (started from a copy of that one), give it a slug of its own{own}, in each language's "
                    "file; never change a published article's slug (it is its address, which links and search "
                    "engines know). If one is an old copy of the other, delete it",
                ))
            else:
                seen[key] = path
                body = body_text(path)
                twin = texts.setdefault((kind, key[1], body), path) if len(body) >= SAME_TEXT_MIN else path
                if twin != path:  # saved again under another name and slug: published twice
                    problems.append(Problem(
                        path, header.line_of("slug"),
                        f"the text of this file is the same, word for word, as that of {twin}, under another Slug: "
                        "the site would publish it twice. Delete one of the two files (if it was published, list "
                        "its address in content/data/moved.yaml), or write its own text",
                    ))
    problems.extend(check_pair_slugs(headers, settings))
    problems.extend(copied_fields(headers))
    problems.extend(check_translations_agree(headers, settings))
    problems.extend(outside_their_folders(settings))
    problems.extend(articles_outside_content(settings))
    by_path = {header.path.resolve(): header for header in headers}
    articles = {(header.get("lang"), header.get("slug")): header  # a published article wins over a draft
                for header in sorted(headers, key=lambda header: not header.draft) if header.kind == "article"}
    for header in headers:  # after every header is read: links are checked against their targets'
        problems.extend(check_links(header.path, Path(settings["PATH"]), by_path, list(settings["LANGUAGES"])))
        problems.extend(check_site_links(header, articles, settings))
        problems.extend(check_file_paths(header, settings))
    table, untranslated = translation_table(headers, settings)
    problems.extend(untranslated)
    problems.extend(check_menu_pages(headers, settings))
    problems.extend(run_plugin_checks(settings))
    return problems, table


def header_start(path: Path) -> dict[str, str]:
    """The fields a file begins with, if it begins as an article or page does (`Title: ...`); else nothing.

    Only its first bytes are read: the file may be a video or an archive put among the texts.
    """
    try:
        with path.open("rb") as file:
            lines = file.read(600).decode("utf-8-sig", "replace").strip().splitlines()
    except OSError:  # unreadable: not an article this check can tell
        return {}
    fields = {}
    for line in lines:
        field = HEADER_LINE.match(line)
        if not field or field["key"].lower() not in KNOWN_FIELDS:
            break
        fields[field["key"].lower()] = field["value"].strip()
    # Notes that happen to begin `Summary: ...` are not an article: one begins with its title or language.
    return fields if {"title", "lang", "slug"} & set(list(fields)[:1]) else {}


# Files that belong in the static folders: each kind's name and folder, and what to do with it first, if anything
# (a browser cannot show an iPhone's HEIC photo or play a QuickTime video).
STATIC_HOMES = {**dict.fromkeys(PHOTO_SUFFIXES, ("photo", "images/articles", "")),
                **dict.fromkeys((".heic", ".heif"), ("HEIC photo", "images/articles", "export it as JPEG")),
                ".pdf": ("PDF", "reports", ""), **dict.fromkeys((".mp4", ".m4v", ".webm"), ("video", "videos", "")),
                ".mov": ("QuickTime video", "videos", "convert it to MP4 (H.264)")}
OFFICE_TEXT = {".doc", ".docx", ".odt", ".rtf", ".pages"}
DELETED_ON_GITHUB = " (on GitHub's website: open it, the ⋯ menu, Delete file)"


def misplaced_file_fix(path: Path) -> str:
    """Where a photo, PDF or video put among the texts or outside the site's folders goes, and its link."""
    kind, folder, first = STATIC_HOMES[path.suffix.lower()]
    name = plain_name(path.name)
    if first:
        name = Path(name).with_suffix(".jpg" if folder == "images/articles" else ".mp4").name
        return (f"{first}, put that in content/{folder}/ as {name} and link it as {{static}}/{folder}/{name}, then "
                f"delete this one{DELETED_ON_GITHUB}")
    renamed = f" as {name}" if name != path.name else ""
    return (f"put it in content/{folder}/{renamed} and link it as {{static}}/{folder}/{name} (on GitHub's "
            "website: upload it there, then delete this one)")


def not_markdown_problem(path: Path) -> Problem:
    """A file among the articles or pages that is not Markdown: a warning, unless it is an article misnamed.

    Notepad saves `visit.th.md` as `visit.th.md.txt` unless told otherwise, and Windows hides the `.txt`:
    the writer sees the right name, and the article was silently left out. GitHub's editor saves a new file under
    the name typed, `.md` or not. A Word file is told to be copied as text. A photo, PDF or video is told its
    own folder (it was told it would not be published, which an article's link to it does, without the sizes
    made for phones).
    """
    suffix = path.suffix.lower()
    stem = path.name[:-len(path.suffix)] if path.suffix else path.name
    if suffix in STATIC_HOMES:
        kind = STATIC_HOMES[suffix][0]
        return Problem(path, 1, f"a {kind} among the texts: {misplaced_file_fix(path)}", "warning")
    if suffix in OFFICE_TEXT:
        return Problem(path, 1, "a Word document among the texts is not published: copy its text into a Markdown "
                                "file (`.th.md` or `.en.md`, see `make new`), then delete this one", "warning")
    if suffix == ".txt" or suffix in {"", ".th", ".en"}:  # Notepad's, or a name typed without `.md`
        named_markdown = Path(stem).suffix.lower() in MARKDOWN_SUFFIXES  # visit.th.md.txt
        header = header_start(path)
        if named_markdown or header:
            if suffix == ".txt":
                name = stem if named_markdown else f"{stem}.md"
                return Problem(path, 1, f"the file is saved as text (`.txt`), so it is not published: rename it to "
                                        f"{name} (Windows may hide the `.txt`; in Notepad, save with Save as type: "
                                        "All files)")
            lang = header.get("lang", "").lower()
            name = f"{path.name}.md" if suffix in {".th", ".en"} or not lang else f"{path.name}.{lang}.md"
            return Problem(path, 1, f"the file's name does not end in `.md`, so it is not published: rename it to "
                                    f"{name} (on GitHub's website: the pencil, then the name above the text)")
    return Problem(path, 1, "not a Markdown (.md) file: it will not be published; move it out of this folder",
                   "warning")


def outside_their_folders(settings: dict) -> list[Problem]:
    """What lies outside its folders, in one walk of the content: never published, never shown.

    Markdown saved beside the articles' and pages' folders, and photos, PDFs and videos outside the folders the
    site publishes (uploaded to content/ itself).
    A Markdown file is an error when it begins as an article or page does (a green tick on GitHub hid that the
    article would never appear), a warning otherwise (notes, a README). A photo put among the texts has its own
    message (`not_markdown_problem`). Files Pelican ignores (IGNORE_FILES) are not named.
    """
    root = Path(settings["PATH"])
    texts = [root / folder for folder in (*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"])]
    statics = [root / folder for folder in settings["STATIC_PATHS"]]
    files = [path for path in sorted(root.rglob("*")) if path.is_file() and not ignored(path, settings)
             and not any(path.is_relative_to(folder) for folder in texts)]
    markdown = [Problem(path, 1, "this Markdown file is not in content/articles/ or content/pages/, so it is not "
                                 "published: move it into content/articles/ (an article) or content/pages/ (a page; "
                                 "on GitHub's website: the pencil, then write the folder before the name above the "
                                 "text)", "error" if header_start(path) else "warning")
                for path in files if path.suffix.lower() in MARKDOWN_SUFFIXES]
    others = [Problem(path, 1, f"a {STATIC_HOMES[path.suffix.lower()][0]} outside the site's folders is not "
                               f"published: {misplaced_file_fix(path)}", "warning")
              for path in files if path.suffix.lower() in STATIC_HOMES
              and not any(path.is_relative_to(folder) for folder in statics)]
    return markdown + others


def articles_outside_content(settings: dict) -> list[Problem]:
    """An article saved outside the content folder: at the repository's top, or in `Content/`, `content /`.

    GitHub's editor saves a new file in the folder being viewed, or where its name's path says: one typed
    without `content/articles/`, or with a capital or a space, was never published and never checked. Only
    there: the project's other folders hold Markdown of their own (a writers' template, a README in Thai).
    """
    content = Path(settings["PATH"])
    top = content.parent
    look = [path for path in sorted(top.iterdir()) if path.is_file()]
    for folder in sorted(top.iterdir()):
        if folder.is_dir() and folder.name.strip().lower() == content.name.lower() and \
                folder.resolve() != content.resolve():
            look.extend(path for path in sorted(folder.rglob("*")) if path.is_file())
    problems = []
    for path in look:
        if path.suffix.lower() in MARKDOWN_SUFFIXES and not path.name.lower().startswith("readme") and \
                header_start(path):
            problems.append(Problem(path, 1, (
                f"this article is outside the content folder, so it is not published: move it into "
                f"{content.as_posix()}/articles/ (on GitHub's website: the pencil, then write "
                f"{content.name}/articles/ before the name above the text)")))
    return problems


def check_menu_pages(headers: list[ContentHeader], settings: dict) -> list[Problem]:
    """Every slug the menu and footer list (NAV_PAGES, FOOTER_PAGES) is a published page in every language.

    A page whose slug changed would drop out of the menu without a word.
    """
    published = {(header.get("slug"), header.get("lang")) for header in headers
                 if header.kind == "page" and not header.draft}
    problems = []
    for setting_name in ("NAV_PAGES", "FOOTER_PAGES"):
        for slug in settings.get(setting_name, []):
            for lang in settings["LANGUAGES"]:
                if (slug, lang) not in published:
                    problems.append(Problem(
                        Path(settings["PATH"]) / "pages", 1,
                        f"{setting_name} in pelicanconf.py lists the page `{slug}`, but no {language_name(lang)} "
                        f"page has `Slug: {slug}`: the link would drop out of the menu. Give the page that slug "
                        f"again, or change {setting_name}",
                    ))
    return problems


def run_plugin_checks(settings: dict) -> list[Problem]:
    """Run the checks other plugins declare in CONTENT_CHECKS (`"module:function"`, settings in).

    They run here, before the build, so `make check` and the build report every problem together.
    """
    problems = []
    for dotted in settings.get("CONTENT_CHECKS", []):
        module_name, _, function_name = dotted.partition(":")
        problems.extend(getattr(importlib.import_module(module_name), function_name)(settings))
    return problems


# A tag of the rendered HTML, over several lines if need be, `>` inside quoted values included.
RENDERED_TAG = re.compile(r"""<(?P<name>[a-zA-Z][a-zA-Z0-9:-]*)(?P<attributes>(?:[^>"']|"[^"]*"|'[^']*')*)>""")
RENDERED_ATTRIBUTE = re.compile(
    r"""(?P<name>[^\s"'>/=]+)\s*(?:=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>[^\s>]+)))?""")
SCRIPT_ADDRESS = re.compile(r"^\s*(?:javascript|vbscript|data):", re.I)
OTHER_WEBSITE = re.compile(r"^\s*(?:https?:)?//", re.I)
LOADING_ATTRIBUTES = {"src", "srcset", "poster", "data", "background"}  # fetched as soon as the page loads
# In a drawing written into the text (<svg>), these elements fetch their `href` as soon as the page loads.
DRAWING_LOADING = {"image", "use", "feimage"}
# What a browser leaves out of an address before reading it: tabs and line breaks anywhere (`java&#x09;script:`
# is `javascript:`), and spaces and control characters before it.
IGNORED_IN_ADDRESS = re.compile(r"[\t\n\r]|^[\x00-\x20]+")
# What Markdown itself writes on a cell of a table column aligned with `|:--|--:|`, exactly: not the
# writer's doing (a hand-written cell with more attributes is refused like any style). A page's security
# policy blocks inline styles, so the column would lose its alignment in the browser:
# `align_table_cells` gives the cell a class of the theme instead.
ALIGNED_CELL = re.compile(r'<(?P<cell>th|td) style="text-align: (?P<side>left|right|center);">')


def rendered_problems(html_text: str) -> list[tuple[str, str]]:
    """What the rendered HTML of a text holds that content may not: (what to look for in the file, message).

    The line check (`check_body`) reads the Markdown line by line, so a tag spread over two lines, an
    attribute added with Markdown's `{: ...}` syntax or a reference-style link escapes it; this reads what
    Markdown produced, before the site's own plugins add their markup.
    """
    found = []
    for tag in RENDERED_TAG.finditer(html_text):
        name = tag["name"].lower()
        if name in RAW_HTML_FIXES:
            found.append((f"<{name}", RAW_HTML_FIXES[name]))
        elif name in EMBEDS:
            what, instead = EMBEDS[name]
            found.append((f"<{name}", EMBED_FIX.format(name=name, what=what, instead=instead)))
        elif name in OBSOLETE_TAGS or WORD_TAG.match(tag.group(0)):
            found.append((f"<{name}", OBSOLETE_FIX.format(name=name)))
        loading = LOADING_ATTRIBUTES | ({"href", "xlink:href"} if name in DRAWING_LOADING else set())
        for attribute in RENDERED_ATTRIBUTE.finditer(tag["attributes"]):
            key = attribute["name"].lower()
            value = next((v for v in attribute.group("double", "single", "bare") if v is not None), "")
            address = IGNORED_IN_ADDRESS.sub("", html.unescape(value))
            if key.startswith("on"):
                found.append((attribute["name"], EVENT_FIX))
            elif key == "style" and not ALIGNED_CELL.fullmatch(tag.group(0)):  # Markdown's own, exactly
                found.append(("style", INLINE_STYLE_FIX))
            elif SCRIPT_ADDRESS.match(address) and key in loading | {"href", "xlink:href", "action", "formaction"}:
                found.append((value.split(":")[0] + ":", DATA_LINK_FIX if address.lower().lstrip().startswith("data:")
                              else SCRIPT_LINK_FIX))
            elif key in loading and any(OTHER_WEBSITE.match(part) for part in value.split(",")):
                address = next(part for part in value.split(",") if OTHER_WEBSITE.match(part)).split()[0]
                found.append((address, other_website_fix(address)))
    return found


def align_table_cells(html_text: str | None) -> str | None:
    """Markdown's aligned table cells with a class (`nm-align-right`) instead of an inline style."""
    if not html_text or "text-align" not in html_text:
        return html_text
    return ALIGNED_CELL.sub(r'<\g<cell> class="nm-align-\g<side>">', html_text)


def check_rendered(content) -> None:
    """Stop the build if an article's or page's rendered text, or its summary, holds what content may not.

    Runs on content_object_init, first of the site's handlers: Markdown has rendered the text, and no plugin
    has added its own markup yet. A text that passes has its aligned table cells given classes
    (`align_table_cells`), and loses the comments its writer left in it (`<!-- ask the district -->`), which
    readers do not see but every copy of the page would hold.
    """
    source = Path(content.source_path)
    texts = [content._content or "", str(content.metadata.get("summary") or "")]
    found = [problem for text in texts for problem in rendered_problems(text)]
    if not found:
        content._content = align_table_cells(content._content)
        if content._content:
            content._content = AUTHOR_COMMENT.sub("", content._content)
        return
    try:
        lines = text_lines(source_text(source))
    except (OSError, UnicodeDecodeError):
        lines = []
    problems = []
    for needle, message in dict.fromkeys(found):
        number = next((n for n, line in enumerate(lines, 1) if needle.lower() in line.lower()), 1)
        problems.append(Problem(source, number, message))
    # Not stop_build: while Pelican reads a file it catches the fatal logger's error itself ("Could not
    # process"), with no traceback, and reports the file's first problem.
    for problem in problems:
        logger.error("content_guard: %s", problem)
    raise ContentProblems(problems)


def validate_before_build(pelican) -> None:
    """Stop the build, before anything is read or written, if any content file is invalid."""
    settings = pelican.settings
    if settings.get("CONTENT_GUARD_CHECKED"):  # subsites inherit the main site's settings
        return
    problems = check_content(settings)
    for problem in problems:
        # Warnings are logged at INFO: the build runs with --fatal warnings, and a warning about
        # content (an unknown field) must not stop it; `invoke check` prints them as warnings.
        log = logger.error if problem.severity == "error" else logger.info
        log("content_guard: %s", problem)
    errors = [problem for problem in problems if problem.severity == "error"]
    if errors:
        logger.error("content_guard: %d problem(s) found; nothing was built. Fix them and build again.",
                     len(errors))
        raise ContentProblems(errors)
    settings["CONTENT_GUARD_CHECKED"] = True


def read_written_date(content) -> None:
    """`Written:` (checked above) as a date in the site's time zone, as Pelican makes `date` and `modified`.

    Pelican reads only its own date fields as dates; the theme shows this one, the feeds and link previews
    give it as the date the article was published.
    """
    written = getattr(content, "written", None)
    if isinstance(written, str):
        content.written = set_date_tzinfo(get_date(written), content.settings.get("TIMEZONE"))
    # `Date_known:` (checked above), so that templates need not read the text: day, month or year.
    content.date_known = str(getattr(content, "date_known", None) or "day").strip().lower()


def register():
    """Connect the check to the earliest signal, before any generator exists, and the rendered-text check."""
    signals.initialized.connect(validate_before_build)
    signals.content_object_init.connect(read_written_date)
    signals.content_object_init.connect(check_rendered)
