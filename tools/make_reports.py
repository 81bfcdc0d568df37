"""Make the activity reports (PDF) in content/reports/ from the texts in tools/reports/.

The reports are summaries compiled by the NTS-Mekong Watch website editors from public sources; they
are not official reports of the Department of Provincial Administration (DOPA), and every one says so
on its cover, in the English part, in its page footer and in the PDF's metadata (Author = the website
editors, CreationDate = the day the editors compiled it).

Each report is one YAML file in tools/reports/ (for example mekong-linkage-seminars-2023.yaml) with a
Thai part and an English part, the date it was compiled (`compiled:`), the period its events cover
(`period:`) and the keys of the sources it draws on (`sources:`); tools/reports/common.yaml holds the
text that every report shares (project name, implementing agency, the editors' notice, contact) and the
list of sources, with their addresses exactly as in shared/seeds/public-facts.md. The script writes
content/reports/<id>.pdf for each.

Run it from the repository root, in the site's virtual environment:

    .venv/bin/python tools/make_reports.py                    # every report
    .venv/bin/python tools/make_reports.py finale-forum-2024  # only the reports named

What it needs: Playwright (the Python package, in .venv) driving Debian's Chromium, /usr/bin/chromium
(apt-get install chromium; never `playwright install`, which downloads a browser of its own); pikepdf
(document information, reproducible files), pypdfium2 (the checks), PyYAML; all in requirements.txt.
Fonts: the site's own Sarabun subsets in theme/static/fonts/ (SIL Open Font License), loaded with
@font-face from the local files. The page is opened from a file:// address and every request that is
not file:// or data: is refused: making a report never touches the network, and the script stops if
the page asks for anything from it.

How: each report is laid out as an HTML page (real h1/h2/h3 headings, lists and tables; <html lang="th">
with lang="en" on every English passage) and printed to A4 PDF by Chromium with
page.pdf(tagged=True, outline=True): a tagged PDF, whose structure tree gives screen readers the
headings, lists, tables, reading order and languages, with bookmarks made from the headings.

Why Chromium and not fpdf2 (which made these PDFs until November 2026): the text layer. A PDF viewer
reads a report aloud, and journalists copy quotes from it, from the text layer, not from the drawn
glyphs. fpdf2's Thai text layer was broken: a vowel ended up on a line of its own ("การประช",
"ุ", "ม" on three lines), the second glyph HarfBuzz makes of SARA AM had no Unicode and came out as
">" ("ผลการดำ>เนินงาน"), marks landed in the wrong word ("สMคำ ัญ"); nor could it tag the PDF.
Chromium shapes Thai with HarfBuzz like a browser does, wraps each cluster of glyphs that does not
map one to one onto characters (a consonant with a vowel or tone mark above or below it, SARA AM) in
a marked-content span with the cluster's /ActualText, and writes the structure tree.

Repairs after printing (fix_text_layer; nothing drawn moves, but for a few marks, below): Chromium
writes each glyph as a text object of its own, and PDFium (pypdfium2's and Chrome's PDF engine)
sorts the text objects of a line by x before it reads them. A mark that kerning or mark positioning
leaves a hair to the right of the next letter was read after it, so the cluster came out twice
("สรุปรุ"); after SARA AM a space came inside the word ("ดำ เนิน"); and the glyphs of the next page's
first line that Chromium also paints, clipped out of sight, at the foot of a page were read there.
So such spans become one text object (a TJ that puts each glyph exactly where it was), glyphs outside
the clip go, and a tone mark stacked over an upper vowel (which a TJ cannot hold) is moved left to
the next letter: by a few thousandths of a point, by up to 0.3 pt for ้ over ั of ร in ครั้ง.
The structure elements' /ID, which Chromium numbers differently on each run, are renumbered.

Thai line breaks: Chromium breaks Thai lines between words by itself (ICU's dictionary), so the "|"
that marks a place between two words in the Thai texts of the YAML files is simply removed (a
zero-width space in its place would end up in the text layer). A number stays on one line with the
Thai word before or after it, and phrases in KEEP_TOGETHER are never split; a hyphen is never the
last character of a line (PDFium would drop it when it joins the lines); long addresses in the list
of sources break before a "/" or a "-".

Metadata and reproducibility: pikepdf sets the document information (Title, Author, Subject, Keywords;
CreationDate and ModDate = the `compiled:` date of the YAML, not the day the script ran), removes what
names the tooling (Creator, Producer) and any XMP stream, sets /Lang th and the viewer preferences,
and saves with a deterministic /ID: running the script twice gives byte-identical files with the same
packages and the same Chromium. Change `compiled:` when the editors revise a report.

A new report needs a new YAML file here and a record in content/data/reports.yaml (the list the site
shows). Check the result by eye. The script stops with a message naming the report when a PDF is not
2 to 5 pages long, is over 400 KB, or when its text layer (as pypdfium2 reads it) lacks a title or a
heading of the YAML in either language, holds a word that is not in the texts (a stray ">" or "M",
a mark read in the wrong place), holds a character the texts do not contain, or a U+200B.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pikepdf
import pypdfium2
import yaml
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]

import pelicanconf  # noqa: E402
from sources.sources import DEFAULTS as SOURCE_DEFAULTS  # noqa: E402

FONT_DIR = ROOT / "theme/static/fonts"
SOURCE_DIR = ROOT / "tools/reports"
OUTPUT_DIR = ROOT / "content/reports"
CHROMIUM = "/usr/bin/chromium"  # Debian's; never a browser downloaded by `playwright install`

BREAK_MARK = "|"  # in the YAML texts: a place between two Thai words (Chromium finds them itself)
NBSP = "\u00a0"
ZWSP = "\u200b"
# Phrases never split across two lines.
KEEP_TOGETHER = ("สปป. ลาว", "NTS-Mekong Watch", "Thannicha Lermtong")
THAI = "\u0e00-\u0e7f"
# A Thai consonant or vowel with the marks written above or below it (one grapheme cluster).
THAI_CLUSTER = "[\u0e01-\u0e30\u0e32\u0e40-\u0e46][\u0e31\u0e33-\u0e3a\u0e47-\u0e4e]*"

MAX_PAGES = 5  # the site publishes reports of 2 to 5 A4 pages
MAX_BYTES = 400 * 1024  # and keeps each file under 400 KB
MAX_NUDGE = 0.6  # text space units (0.45 pt): the most fix_text_layer moves a tone mark

THAI_MONTHS = [
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
]
ENGLISH_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]


def thai_date(day: dt.date) -> str:
    """30 พฤศจิกายน 2566: Thai month name and Buddhist Era year, as Thai official texts write dates."""
    return f"{day.day} {THAI_MONTHS[day.month - 1]} {day.year + 543}"


def english_date(day: dt.date) -> str:
    """30 November 2023."""
    return f"{day.day} {ENGLISH_MONTHS[day.month - 1]} {day.year}"


def thai_month(day: dt.date) -> str:
    """พฤศจิกายน 2569."""
    return f"{THAI_MONTHS[day.month - 1]} {day.year + 543}"


def english_month(day: dt.date) -> str:
    """November 2026."""
    return f"{ENGLISH_MONTHS[day.month - 1]} {day.year}"


def fill_in(text: str, day: dt.date, page: int) -> str:
    """Fill in a text of common.yaml.

    {date} and {month} become the compilation date, in the text's language; {page} the page on which the
    list of sources starts ("?" while it is not known yet).
    """
    thai = re.search(f"[{THAI}]", text) is not None
    return str(text).format(date=thai_date(day) if thai else english_date(day),
                            month=thai_month(day) if thai else english_month(day),
                            page=page or "?")


# --------------------------------------------------------------------------------------------------
# Text


def plain(text) -> str:
    """The text as readers see it: no break marks, no bold markers, white space collapsed."""
    return re.sub(r"\s+", " ", str(text).replace(BREAK_MARK, "").replace("**", "")).strip()


class Texts:
    """Every text the HTML shows, in order: what the PDF's text layer may hold (see check_text_layer)."""

    def __init__(self):
        self.shown: list[str] = []

    def add(self, text: str) -> None:
        """Note a text that the page shows as it is."""
        self.shown.append(text)

    def inline(self, text) -> str:
        """HTML for one YAML text: escaped, **bold** as <strong>, break marks removed, lines kept together."""
        text = plain(str(text).replace("**", "\0"))
        self.add(text.replace("\0", ""))
        for phrase in KEEP_TOGETHER:
            text = text.replace(phrase, phrase.replace(" ", NBSP))
        # A number stays with the Thai word before or after it ("ปี 2566", "90 คน").
        text = re.sub(f"(?<=[{THAI}]) (?=\\d)|(?<=\\d) (?=[{THAI}])", NBSP, text)
        text = html.escape(text, quote=False)
        # A line may not end with a hyphen: PDFium takes it for a word split at the line's end and drops
        # it when it joins the lines. So the hyphen is kept with the letter (or Thai cluster) after it.
        text = re.sub(f"-({THAI_CLUSTER}|[A-Za-z0-9])", r'<span class="nw">-\1</span>', text)
        parts = text.split("\0")
        return "".join(f"<strong>{part}</strong>" if index % 2 else part for index, part in enumerate(parts))

    def lines(self, text) -> str:
        """Like inline(), a line break in the YAML text kept as <br>."""
        return "<br>".join(self.inline(line) for line in str(text).strip().split("\n"))

    def url(self, url: str) -> str:
        """A link written out in full that may break before a "/" or a "-" (never after a "-")."""
        url = url.strip()
        self.add(url)
        # Break chances: before each "-" and before a "/" that is not part of "//" nor the last character.
        pieces = re.split(r"(?<=[^/:])(?=-|/.)", url)
        inner = "<wbr>".join(f'<span class="nw">{html.escape(piece)}</span>' for piece in pieces)
        return f'<a href="{html.escape(url)}" lang="en">{inner}</a>'


def archived(url: str) -> str:
    """Where a reader finds a source now, as the site's own pages cite it.

    A page of the former website is at the Internet Archive: this site has taken its address, and the page
    would lead to this site's own article.
    """
    if urlsplit(url).hostname in pelicanconf.SOURCES_ARCHIVED_HOSTS:
        return getattr(pelicanconf, "SOURCES_ARCHIVE_URL", SOURCE_DEFAULTS["SOURCES_ARCHIVE_URL"]).format(url=url)
    return url


def css_string(text: str) -> str:
    """A CSS string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --------------------------------------------------------------------------------------------------
# HTML


STYLE = """
@font-face { font-family: "Sarabun"; font-weight: 400;
  src: url("{fonts}/sarabun-thai-400-normal.woff2") format("woff2");
  unicode-range: U+02D7, U+0303, U+0331, U+0E01-0E5B, U+200C-200D, U+25CC; }
@font-face { font-family: "Sarabun"; font-weight: 700;
  src: url("{fonts}/sarabun-thai-700-normal.woff2") format("woff2");
  unicode-range: U+02D7, U+0303, U+0331, U+0E01-0E5B, U+200C-200D, U+25CC; }
@font-face { font-family: "Sarabun"; font-weight: 400;
  src: url("{fonts}/sarabun-latin-400-normal.woff2") format("woff2");
  unicode-range: U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304,
    U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD; }
@font-face { font-family: "Sarabun"; font-weight: 700;
  src: url("{fonts}/sarabun-latin-700-normal.woff2") format("woff2");
  unicode-range: U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304,
    U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD; }

:root { --brand: #0b3d5c; --brand-light: #e8f0f5; --text: #1f2933; --muted: #55606b;
  --notice: #fff4d6; --notice-edge: #b7791f; --rule: #c5d3dd; }

/* Pages: 20 mm side margins (the body's padding, so that the first page's band can span the page);
   from page 2 on a thin blue band with the project name and the short title; on every page a footer
   that says who compiled the report, and "page / pages". */
@page {
  size: A4; margin: 20mm 0 18mm 0;
  font-family: "Sarabun"; color: var(--muted);
  @top-left { content: "NTS-Mekong Watch"; font-weight: 700; }
  @top-right { content: {running_title}; }
  @bottom-left { content: {footer}; }
  @bottom-right { content: counter(page) " / " counter(pages); }
}
@page :first {
  margin-top: 0;
  @top-left { content: none; }
  @top-right { content: none; }
}
@page {
  @top-left { font-size: 8.5pt; color: #fff; vertical-align: top; padding: 3.3mm 0 0 20mm;
    background: linear-gradient(var(--brand) 0 11mm, transparent 11mm); width: 50%; }
  @top-right { font-size: 8.5pt; color: #fff; vertical-align: top; text-align: right; padding: 3.3mm 20mm 0 0;
    background: linear-gradient(var(--brand) 0 11mm, transparent 11mm); width: 50%; }
  @bottom-left { font-size: 7.4pt; white-space: nowrap; vertical-align: top; margin: 5mm 0 0 20mm;
    padding-top: 1.6mm; border-top: 0.2mm solid var(--brand); width: 150mm; }
  @bottom-right { font-size: 8pt; white-space: nowrap; vertical-align: top; text-align: right;
    margin: 5mm 20mm 0 0; padding: 1.6mm 2mm 0 0; border-top: 0.2mm solid var(--brand); width: 20mm; }
}

* { box-sizing: border-box; }
html { font-family: "Sarabun"; font-size: 10.2pt; line-height: 1.5; color: var(--text);
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; padding: 0 20mm; orphans: 2; widows: 2; }
p, ul, ol, table, h1, h2, h3 { margin: 0; }
strong { font-weight: 700; }
a { color: var(--brand); text-decoration: none; }
.nw { white-space: nowrap; }

.band { background: var(--brand); color: #fff; margin: 0 -20mm 8mm; padding: 6mm 20mm 0; height: 30mm; }
.band .name { font-size: 20pt; font-weight: 700; line-height: 1.35; }
.band .kicker { font-size: 10.5pt; }

h1 { color: var(--brand); font-weight: 700; }
h1 .th { display: block; font-size: 19pt; line-height: 1.35; }
h1 .en { display: block; font-size: 14pt; line-height: 1.35; margin-top: 1.5mm; }
.subtitle { color: var(--muted); font-size: 11.8pt; line-height: 1.4; margin-top: 1mm; }
.cover-head { margin-bottom: 4mm; }
.doc-title { color: var(--brand); font-size: 17pt; font-weight: 700; line-height: 1.35; }
.doc-title + .subtitle { font-size: 10.5pt; margin-bottom: 3mm; }

.notice { background: var(--notice); border-left: 1.4mm solid var(--notice-edge); padding: 2.4mm 3.5mm;
  margin: 0 0 4mm; font-size: 10pt; line-height: 1.45; break-inside: avoid; }

table { border-collapse: collapse; width: 100%; font-size: 9.7pt; line-height: 1.45; margin: 1mm 0 4mm;
  break-inside: avoid; }
th, td { text-align: left; vertical-align: top; padding: 1.4mm 2.5mm 1.6mm; border-top: 0.2mm solid var(--rule); }
tr:first-child > * { border-top: 0; }
th { background: var(--brand-light); color: var(--brand); font-weight: 700; width: 30%; }
table.cover th { width: 27%; }

.part { display: inline-block; background: var(--brand); color: #fff; font-size: 9pt; font-weight: 700;
  padding: 0.3mm 3mm; margin: 2mm 0 2mm; line-height: 1.6; }
.part-en { break-before: page; }
h2.sources, h3 { color: var(--brand); font-size: 13pt; font-weight: 700; line-height: 1.4;
  margin: 4mm 0 0.8mm; break-after: avoid; }
p { margin-bottom: 2mm; }
p.lead { break-after: avoid; }
ul, ol { padding-left: 6mm; margin: 0 0 2mm; }
li { margin-bottom: 1.2mm; padding-left: 0.5mm; break-inside: avoid; }
ul > li::marker { content: "\\2022  "; }

.meta { border-top: 0.3mm solid var(--brand); border-bottom: 0.3mm solid var(--brand); padding: 1.5mm 0;
  margin: 0 0 3mm; font-size: 9.5pt; line-height: 1.45; }
.meta p { margin: 0; }

.intro { font-size: 9.2pt; line-height: 1.45; margin-bottom: 1mm; }
ul.sources { list-style: none; padding: 0; margin-top: 2mm; font-size: 9pt; line-height: 1.4; }
ul.sources > li { display: grid; grid-template-columns: 18mm 1fr; margin-bottom: 1.6mm; padding: 0;
  break-inside: avoid; }
ul.sources .key { color: var(--brand); font-weight: 700; }
ul.sources .urls { font-size: 8.4pt; line-height: 1.35; }
ul.sources a { display: block; }
"""


def build_html(report: dict, common: dict, day: dt.date, sources_page: int, texts: Texts) -> str:
    """The report as one HTML page; every text shown is also added to `texts`."""
    th, en = report["th"], report["en"]
    labels, project, sources = common["labels"], common["project"], common["sources"]
    notice = {lang: fill_in(common["notice"][lang], day, sources_page) for lang in ("th", "en")}
    t = texts
    out: list[str] = []
    w = out.append

    def blocks(body: list[dict]) -> None:
        for index, block in enumerate(body):
            (kind, value), = block.items()
            after = body[index + 1] if index + 1 < len(body) else {}
            if kind == "h":
                w(f"<h3>{t.inline(value)}</h3>")
            elif kind == "p":
                lead = ' class="lead"' if ("ul" in after or "ol" in after) and len(str(value)) <= 400 else ""
                w(f"<p{lead}>{t.inline(value)}</p>")
            elif kind in ("ul", "ol"):
                w(f"<{kind}>" + "".join(f"<li>{t.inline(item)}</li>" for item in value) + f"</{kind}>")
            elif kind == "table":
                w("<table>" + "".join(f'<tr><th scope="row">{t.lines(label)}</th><td>{t.lines(text)}</td></tr>'
                                      for label, text in value) + "</table>")
            else:
                raise ValueError(f"{report['id']}: unknown block type {kind!r}")

    def both(pair: dict, sep: str = "<br>") -> str:
        """A Thai text and its English counterpart."""
        return f'{t.inline(pair["th"])}{sep}<span lang="en">{t.inline(pair["en"])}</span>'

    # Page 1: band, both titles, who compiled it, and the facts every reader needs first, in both languages.
    w('<div class="band"><p class="name" lang="en">NTS-Mekong Watch</p>')
    t.add("NTS-Mekong Watch")
    w(f'<p class="kicker">{both(labels["report_kind"], " · ")}</p></div>')
    w('<div class="cover-head">')
    w(f'<h1><span class="th">{t.inline(th["title"])}</span> '
      f'<span class="en" lang="en">{t.inline(en["title"])}</span></h1>')
    w(f'<p class="subtitle">{t.inline(th["subtitle"])}</p></div>')
    w(f'<div class="notice" role="note"><p>{t.inline(notice["th"])}</p>'
      f'<p lang="en">{t.inline(notice["en"])}</p></div>')
    project_text = f'<span lang="en">{t.inline(project["en"])}</span><br>{t.inline(project["th"])}'
    if "th_note" in project:
        t.add(f"({plain(project['th_note']['th'])} · {plain(project['th_note']['en'])})")
        project_text += (f' ({t.inline(project["th_note"]["th"])} · '
                         f'<span lang="en">{t.inline(project["th_note"]["en"])}</span>)')
    rows = [
        (labels["period"], f'{t.inline(report["period"]["th"])}<br>'
                           f'<span lang="en">{t.inline(report["period"]["en"])}</span>'),
        (labels["project"], project_text),
        (labels["agency"], both(common["agency"])),
        (labels["compiled"], f'{t.inline(common["editors"]["th"] + ", " + thai_date(day))}<br>'
                             f'<span lang="en">{t.inline(common["editors"]["en"] + ", " + english_date(day))}</span>'),
    ]
    w('<table class="cover">' + "".join(f'<tr><th scope="row">{both(label)}</th><td>{value}</td></tr>'
                                        for label, value in rows) + "</table>")

    # Thai part.
    w('<section class="part-th">')
    w(f'<h2 class="part">{t.inline(labels["part"]["th"])}</h2>')
    blocks(th["body"])
    w(f'<h3>{t.inline(common["contact"]["th"]["heading"])}</h3><p>{t.inline(common["contact"]["th"]["text"])}</p>')
    w("</section>")

    # Sources, once for both languages (the addresses are the same), where the Thai part leaves room.
    heading_th, heading_en = (part.strip() for part in common["sources_heading"].split("·"))
    w(f'<section class="sources"><h2 class="sources" id="sources">{t.inline(heading_th)} · '
      f'<span lang="en">{t.inline(heading_en)}</span></h2>')
    w(f'<p class="intro">{t.inline(common["sources_intro"]["th"])}</p>'
      f'<p class="intro" lang="en">{t.inline(common["sources_intro"]["en"])}</p>')
    w('<ul class="sources">')
    for key in report["sources"]:
        source = sources[key]
        key_html = (f'<span class="key" lang="en">{t.inline(source["key"])}</span>' if source.get("key")
                    else "<span></span>")
        urls = "".join(t.url(archived(url)) for url in source.get("urls", []))
        w(f'<li>{key_html}<div><div>{both(source, " · ")}</div>'
          + (f'<div class="urls">{urls}</div>' if urls else "") + "</div></li>")
    w("</ul></section>")

    # English part: complete on its own, so it repeats the title, the notice and the first-page facts.
    w('<section class="part-en" lang="en">')
    w(f'<h2 class="part">{t.inline(labels["part"]["en"])}</h2>')
    w(f'<p class="doc-title">{t.inline(en["title"])}</p><p class="subtitle">{t.inline(en["subtitle"])}</p>')
    w(f'<div class="notice" role="note"><p>{t.inline(notice["en"])}</p></div>')
    meta = [
        (labels["period"]["en"], report["period"]["en"]),
        (labels["project"]["en"], project["en"]),
        (labels["agency"]["en"], common["agency"]["en"]),
        (labels["compiled"]["en"], f"{common['editors']['en']}, {english_date(day)}"),
    ]
    w('<div class="meta">' + "".join(f"<p><strong>{t.inline(label)}:</strong> {t.inline(value)}</p>"
                                     for label, value in meta) + "</div>")
    for label, _ in meta:
        t.add(f"{plain(label)}:")
    blocks(en["body"])
    w(f'<h3>{t.inline(common["contact"]["en"]["heading"])}</h3><p>{t.inline(common["contact"]["en"]["text"])}</p>')
    w("</section>")

    # Margin boxes (header from page 2 on, footer): their texts are in the text layer too.
    running_title, footer = plain(en["short_title"]), plain(common["footer"])
    t.add(running_title)
    t.add(footer)
    title = document_title(report, common)
    style = (STYLE.replace("{fonts}", FONT_DIR.resolve().as_uri())
             .replace("{running_title}", css_string(running_title)).replace("{footer}", css_string(footer)))
    return (f'<!DOCTYPE html>\n<html lang="{common.get("pdf_language", "th")}"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title><style>{style}</style></head>\n<body>\n"
            + "\n".join(out) + "\n</body></html>\n")


def document_title(report: dict, common: dict) -> str:
    """The PDF's Title: both titles and what the document is (viewers show it in place of the file name)."""
    return f"{plain(report['th']['title'])} / {plain(report['en']['title'])} ({plain(common['title_suffix'])})"


# --------------------------------------------------------------------------------------------------
# PDF


class Printer:
    """Chromium, driven by Playwright, printing local HTML files to PDF with no network access."""

    def __init__(self):
        self.refused: list[str] = []

    def __enter__(self):
        self.playwright = sync_playwright().start()
        self.browser = self.playwright.chromium.launch(executable_path=CHROMIUM)
        return self

    def __exit__(self, *exc):
        self.browser.close()
        self.playwright.stop()

    def _route(self, route):
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            self.refused.append(url)
            route.abort()

    def print_pdf(self, page_html: Path) -> bytes:
        """The page printed to PDF, once its fonts have loaded."""
        page = self.browser.new_page()
        try:
            page.route("**/*", self._route)
            page.goto(page_html.resolve().as_uri(), wait_until="load")
            page.evaluate("document.fonts.ready.then(() => true)")
            faces = page.evaluate("[...document.fonts].map(f => f.family + ' ' + f.weight + ' ' + f.status)")
            if self.refused:
                raise SystemExit(f"{page_html.name}: the page asked for {', '.join(self.refused)}: no network access")
            failed = [face for face in faces if not face.endswith(" loaded") and not face.endswith(" unloaded")]
            if failed:
                raise SystemExit(f"{page_html.name}: fonts not loaded: {', '.join(failed)}")
            return page.pdf(tagged=True, outline=True, format="A4", print_background=True,
                            prefer_css_page_size=True, margin={"top": "0", "bottom": "0", "left": "0", "right": "0"})
        finally:
            page.close()


def _widths(font: pikepdf.Dictionary) -> tuple[dict[int, float], float] | None:
    """Glyph widths of a Type0 (Identity-H) font, {code: width in 1/1000 em}, and the default width."""
    if font.get("/Subtype") != "/Type0" or font.get("/Encoding") != "/Identity-H":
        return None
    descendant = font.DescendantFonts[0]
    default = float(descendant.get("/DW", 1000))
    widths: dict[int, float] = {}
    array = list(descendant.get("/W", []))
    index = 0
    while index < len(array):
        first = int(array[index])
        if isinstance(array[index + 1], pikepdf.Array):
            for offset, width in enumerate(array[index + 1]):
                widths[first + offset] = float(width)
            index += 2
        else:
            for code in range(first, int(array[index + 1]) + 1):
                widths[code] = float(array[index + 2])
            index += 3
    return widths, default


def _number(value: float) -> float | int:
    """A number for a content stream, rounded so that the output does not depend on float noise."""
    value = round(value, 4)
    return int(value) if value == int(value) else value


def _codes(string) -> list[int]:
    data = bytes(string)
    return [int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data), 2)]


def _is_span(operands, operator) -> bool:
    """Tell whether this is a BDC of Chromium's that opens a cluster's /ActualText span."""
    return (str(operator) == "BDC" and len(operands) == 2 and operands[0] == pikepdf.Name.Span
            and isinstance(operands[1], pikepdf.Dictionary) and "/ActualText" in operands[1])


def _merge_spans(ops: list, page_fonts: dict, overlapping: set[int]) -> tuple[list, int, int]:
    """Write as one TJ each span that PDFium would misread (see fix_text_layer); return (ops, spans, merged).

    That is a span that ends in a spacing glyph after its first (SARA AM: ด + ํ + า), and a span
    (its BDC's index in `overlapping`) with a glyph that starts right of the next letter on the line.
    """
    out, spans, merged = [], 0, 0
    font = widths = size = None
    index = 0
    while index < len(ops):
        operands, operator = ops[index]
        if str(operator) == "Tf":
            font = str(operands[0])
            widths, size = page_fonts.get(font), float(operands[1])
        if not _is_span(operands, operator):
            out.append(ops[index])
            index += 1
            continue
        end, depth = index + 1, 1
        while end < len(ops) and depth:
            depth += str(ops[end][1]) in ("BDC", "BMC")
            depth -= str(ops[end][1]) == "EMC"
            end += 1
        spans += 1
        body = ops[index + 1:end - 1]
        prefix, glyphs, x, simple = [], [], 0.0, True
        for inner_operands, inner_operator in body:
            inner = str(inner_operator)
            if inner in ("Tf", "Tm") and not glyphs:
                prefix.append((inner_operands, inner_operator))
                if inner == "Tf":
                    widths, size = page_fonts.get(str(inner_operands[0])), float(inner_operands[1])
                else:
                    x = 0.0
            elif inner == "Td" and float(inner_operands[1]) == 0:
                x += float(inner_operands[0])
            elif inner == "Tj" and widths is not None:
                pen = x
                for code in _codes(inner_operands[0]):
                    glyphs.append((pen, code))
                    pen += widths[0].get(code, widths[1]) * size / 1000
            else:
                simple = False
        last_is_wide = bool(glyphs) and widths is not None and widths[0].get(glyphs[-1][1], widths[1]) > 0
        if not simple or len(glyphs) < 2 or not (last_is_wide or index in overlapping):
            out.extend(ops[index:end])
            index = end
            continue
        table, default = widths
        x0 = glyphs[0][0]
        array, pen = [], x0
        for glyph_x, code in glyphs:
            shift = (glyph_x - pen) * 1000 / size
            if abs(shift) > 1e-4:
                array.append(_number(-shift))
            if array and isinstance(array[-1], bytes):
                array[-1] += code.to_bytes(2, "big")
            else:
                array.append(code.to_bytes(2, "big"))
            pen = glyph_x + table.get(code, default) * size / 1000
        array = [pikepdf.String(item) if isinstance(item, bytes) else item for item in array]
        out.append(ops[index])
        out.extend(prefix)
        out.append(([_number(x0), 0], pikepdf.Operator("Td")))
        out.append(([pikepdf.Array(array)], pikepdf.Operator("TJ")))
        if abs(x - x0) > 1e-6:  # leave the line matrix where the span's own Td's left it
            out.append(([_number(x - x0), 0], pikepdf.Operator("Td")))
        out.append(ops[end - 1])
        merged += 1
        index = end
    return out, spans, merged


def _multiply(m1, m2):
    a1, b1, c1, d1, e1, f1 = m1
    a2, b2, c2, d2, e2, f2 = m2
    return (a1 * a2 + b1 * c2, a1 * b2 + b1 * d2, c1 * a2 + d1 * c2, c1 * b2 + d1 * d2,
            e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2)


def _spaces(font: pikepdf.Dictionary) -> set[int]:
    """The codes of a font's space glyphs (U+0020, U+00A0), from its ToUnicode map."""
    if "/ToUnicode" not in font:
        return set()
    cmap = font.ToUnicode.read_bytes().decode("latin-1")
    codes = set()
    for code, text in re.findall(r"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]{4})>", cmap):
        if text.upper() in ("0020", "00A0"):
            codes.add(int(code, 16))
    return codes


class PageState:
    """What a page's content stream has set so far, operator by operator (`step`).

    The transformation (q, Q, cm), the clipping rectangle (re, then W or W*; axis-aligned, as Chromium
    draws it) and the text line matrix (BT, Tm, Td): both repairs of the text layer need to know where a
    glyph lands.
    """

    IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

    def __init__(self):
        self.ctm, self.clip, self.line = self.IDENTITY, None, self.IDENTITY
        self._stack, self._pending = [], None  # saved (ctm, clip); a rectangle that a W or W* may make the clip

    def step(self, operands, name: str) -> None:
        """Take one operator into account."""
        if name == "q":
            self._stack.append((self.ctm, self.clip))
        elif name == "Q":
            self.ctm, self.clip = self._stack.pop()
        elif name == "cm":
            self.ctm = _multiply(tuple(float(v) for v in operands), self.ctm)
        elif name == "re":
            x, y, w, h = (float(v) for v in operands)
            corners = [_multiply((1, 0, 0, 1, cx, cy), self.ctm)[4:] for cx, cy in ((x, y), (x + w, y + h))]
            self._pending = (min(c[0] for c in corners), min(c[1] for c in corners),
                             max(c[0] for c in corners), max(c[1] for c in corners))
        elif name in ("W", "W*") and self._pending is not None:
            pending, clip = self._pending, self.clip
            self.clip = pending if clip is None else (max(clip[0], pending[0]), max(clip[1], pending[1]),
                                                      min(clip[2], pending[2]), min(clip[3], pending[3]))
        elif name == "BT":
            self.line = self.IDENTITY
        elif name == "Tm":
            self.line = tuple(float(v) for v in operands)
        elif name == "Td":
            self.line = _multiply((1.0, 0.0, 0.0, 1.0, float(operands[0]), float(operands[1])), self.line)
        if name not in ("re", "W", "W*", "n"):
            self._pending = None

    def text_matrix(self) -> tuple[float, ...]:
        """Where the next glyph is drawn on the page: its origin is (matrix[4], matrix[5])."""
        return _multiply(self.line, self.ctm)


def _overlaps(ops: list, spaces: dict) -> dict[int, tuple[int, float]]:
    """The glyphs of spans that start right of the next letter on the line.

    Returns {index of the Tj or TJ: (index of its span's BDC, how far right, in text space units)}.
    HarfBuzz puts a mark at the end of its letter, and kerning may pull the next letter a little under
    it (up to half a point in bold text); PDFium, which sorts a line's text objects by x, would read
    that letter before the mark. Space glyphs, which PDFium does not read, do not count.
    """
    state = PageState()
    shows = []  # (index, page x, page y, x scale, index of the span's BDC or None, only spaces?)
    span, opened, font = None, [], None
    for index, (operands, operator) in enumerate(ops):
        name = str(operator)
        state.step(operands, name)
        if name == "Tf":
            font = str(operands[0])
        elif name in ("Tj", "TJ"):
            matrix = state.text_matrix()
            strings = ([operands[0]] if name == "Tj"
                       else [item for item in operands[0] if isinstance(item, pikepdf.String)])
            blank = all(code in spaces.get(font, ()) for string in strings for code in _codes(string))
            shows.append((index, matrix[4], matrix[5], matrix[0], span, blank))
        elif name in ("BDC", "BMC"):
            opened.append(_is_span(operands, operator))
            if opened[-1]:
                span = index
        elif name == "EMC" and opened:
            if opened.pop():
                span = None
    overlaps = {}
    for position, (index, x, y, scale, span, _) in enumerate(shows):
        if span is None:
            continue
        following = next((show for show in shows[position + 1:] if show[4] != span and not show[5]), None)
        if following is not None and abs(following[2] - y) < 1 and x > following[1] and scale:
            overlaps[index] = (span, (x - following[1]) / abs(scale))
    return overlaps


def _nudge(ops: list, overlaps: dict[int, tuple[int, float]]) -> tuple[list, float]:
    """Move each overlapping glyph left to the next letter; return the operators and the largest move."""
    out, largest = [], 0.0
    for index, op in enumerate(ops):
        if index in overlaps and overlaps[index][1] < MAX_NUDGE:  # larger: left for the text check to report
            move = overlaps[index][1] + 0.001
            largest = max(largest, move)
            out.append(([_number(-move), 0], pikepdf.Operator("Td")))
            out.append(op)
            out.append(([_number(move), 0], pikepdf.Operator("Td")))
        else:
            out.append(op)
    return out, largest


def _drop_clipped(ops: list) -> tuple[list, int]:
    """Leave out the text that Chromium draws outside its clip: return the operators and how many were left out.

    Where a page ends, Chromium also paints, on the page before, the glyphs of the next page's first
    line whose outlines reach up past the page break (tone marks), clipped so that nothing shows. They
    would be in the text layer ("ที่ ตั้ ขึ้" at the foot of the page); a glyph whose origin lies
    outside the clipping rectangle is never seen, so it is removed.
    """
    state = PageState()
    out, dropped = [], 0
    for operands, operator in ops:
        name = str(operator)
        state.step(operands, name)
        if name in ("Tj", "TJ") and state.clip is not None:
            x, y = state.text_matrix()[4:]
            clip = state.clip
            if not (clip[0] <= x <= clip[2] and clip[1] <= y <= clip[3]):
                dropped += 1
                continue
        out.append((operands, operator))
    return out, dropped


def fix_text_layer(document: pikepdf.Pdf) -> tuple[int, int, int, float]:
    """Make PDFium read Chromium's Thai clusters once and in their place.

    Return (spans, merged, dropped, the largest nudge in points).

    Chromium wraps each cluster of glyphs that does not map one to one onto characters (a consonant
    with the vowels and tone marks above or below it, SARA AM) in a marked-content span with its
    /ActualText, and writes each glyph as a text object of its own (Td ... Tj). PDFium, the engine of
    pypdfium2 and of Chrome's PDF viewer, sorts the text objects of a line by x before it reads them,
    reads a span's /ActualText once if the span's objects come one after the other, and finds the
    space between two words from the gap after the object that read the previous one. So:
    a span whose mark starts right of the next letter (kerning) would be read twice ("สรุปรุ"), and
    after a SARA AM span, which ends in a wide glyph, PDFium puts a space inside the word ("ดำ เนิน").
    Such spans become one text object, one TJ whose numbers put every glyph exactly where it was
    (_merge_spans); a span that a TJ cannot hold (a tone mark raised over an upper vowel) keeps its
    objects, and a glyph of it that starts right of the next letter is moved back to it (_nudge, at
    most MAX_NUDGE); glyphs that Chromium draws outside its clip go (_drop_clipped). Nothing else
    drawn moves (compared by rendering the pages before and after, November 2026).
    """
    spans = merged = dropped = 0
    largest = 0.0
    for page in document.pages:
        page_fonts, spaces = {}, {}
        for name, dictionary in page.Resources.get("/Font", pikepdf.Dictionary()).items():
            widths = _widths(dictionary)
            if widths is not None:
                page_fonts[name] = widths
            spaces[name] = _spaces(dictionary)
        ops, page_dropped = _drop_clipped(pikepdf.parse_content_stream(page))
        overlapping = {span for span, _ in _overlaps(ops, spaces).values()}
        ops, page_spans, page_merged = _merge_spans(ops, page_fonts, overlapping)
        ops, page_largest = _nudge(ops, _overlaps(ops, spaces))
        spans, merged, dropped = spans + page_spans, merged + page_merged, dropped + page_dropped
        largest = max(largest, page_largest)
        page.Contents = document.make_stream(pikepdf.unparse_content_stream(ops))
    return spans, merged, dropped, largest


def renumber_structure_ids(document: pikepdf.Pdf) -> int:
    """Give the structure elements' /ID in the order of the structure tree; return how many.

    Chromium names them after its accessibility nodes ("node00000031"), whose numbers differ from one
    run to the next; the table cells' /Headers refer to them, and the catalog's IDTree lists them.
    """
    root = document.Root.get("/StructTreeRoot")
    if root is None:
        return 0
    nodes, seen, stack = [], set(), [root]
    while stack:  # depth first, in the order of /K: the document's reading order
        node = stack.pop()
        if isinstance(node, pikepdf.Dictionary):
            if node.is_indirect:
                if node.objgen in seen:
                    continue
                seen.add(node.objgen)
            nodes.append(node)
            kids = node.get("/K")
            if isinstance(kids, pikepdf.Array):
                stack.extend(reversed(list(kids)))
            elif isinstance(kids, pikepdf.Dictionary):
                stack.append(kids)
    elements = [node for node in nodes if "/ID" in node]
    names = {str(element.ID): f"e{number:06d}" for number, element in enumerate(elements, start=1)}
    for element in elements:
        element.ID = pikepdf.String(names[str(element.ID)])
    for element in nodes:
        attributes = element.get("/A")
        for attribute in attributes if isinstance(attributes, pikepdf.Array) else [attributes]:
            if isinstance(attribute, pikepdf.Dictionary) and "/Headers" in attribute:
                attribute.Headers = pikepdf.Array([pikepdf.String(names.get(str(h), str(h)))
                                                   for h in attribute.Headers])
    if "/IDTree" in root or elements:
        root.IDTree = document.make_indirect(pikepdf.Dictionary(Names=pikepdf.Array(
            [item for element in elements for item in (element.ID, element)])))
    return len(elements)


def finish_pdf(raw: bytes, report: dict, common: dict, day: dt.date, notice_en: str, notice_th: str) -> bytes:
    """Repair the text layer, set the document information, and save reproducibly."""
    with pikepdf.open(io.BytesIO(raw)) as document:
        fix_text_layer(document)
        renumber_structure_ids(document)
        # Chromium makes the first bookmark from the h1's text, where the two titles, each on a line of its
        # own, run together ("…ปี 2567Ten Years of P2P…"): they are parted as the other bookmarks are.
        titles = [plain(report["th"]["title"]), plain(report["en"]["title"])]
        with document.open_outline() as outline:
            for item in outline.root:
                if item.title.replace(NBSP, " ") == "".join(titles):
                    item.title = " · ".join(titles)
        stamp = f"D:{day.year:04d}{day.month:02d}{day.day:02d}090000+07'00'"  # 9:00 in Thailand
        info = {
            "/Title": document_title(report, common),
            "/Author": f"{plain(common['editors']['th'])} / {plain(common['editors']['en'])}",
            "/Subject": f"{plain(notice_en)} / {plain(notice_th)}",
            "/Keywords": plain(report.get("keywords", "NTS-Mekong Watch")),
            "/CreationDate": stamp,
            "/ModDate": stamp,
        }
        document.trailer.Info = document.make_indirect(
            pikepdf.Dictionary({key: pikepdf.String(value) for key, value in info.items()}))
        if "/Metadata" in document.Root:  # an XMP stream would repeat (and date) the information
            del document.Root.Metadata
        document.Root.Lang = pikepdf.String(common.get("pdf_language", "th"))
        document.Root.PageLayout = pikepdf.Name.OneColumn
        preferences = document.Root.get("/ViewerPreferences", pikepdf.Dictionary())
        preferences.DisplayDocTitle = True  # viewers show the title, not the file name
        document.Root.ViewerPreferences = preferences
        out = io.BytesIO()
        document.save(out, deterministic_id=True, compress_streams=True,
                      object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()


# --------------------------------------------------------------------------------------------------
# Checks


def text_layer(pdf: bytes) -> tuple[str, int]:
    """All pages' text as pypdfium2 reads it, and the page count."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document), len(document)
    finally:
        document.close()


def normalise(text: str) -> str:
    """White space collapsed; none left between two Thai characters (a Thai line may break between words)."""
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(f"(?<=[{THAI}]) (?=[{THAI}])", "", text)


def sources_page_of(pdf: bytes, heading: str) -> int:
    """The page (from 1) on which the list of sources starts."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        wanted = normalise(plain(heading))
        for number, page in enumerate(document, start=1):
            if wanted in normalise(page.get_textpage().get_text_range()):
                return number
    finally:
        document.close()
    raise SystemExit(f"the list of sources ({heading}) is on no page")


def check_text_layer(report: dict, common: dict, pdf: bytes, texts: Texts) -> list[str]:
    """What is wrong with the PDF's text layer: missing titles or headings, words or characters not in the texts."""
    report_id = report["id"]
    raw, _ = text_layer(pdf)
    faults = []
    if ZWSP in raw:
        faults.append(f"{report_id}: a zero-width space (U+200B) in the text layer")
    layer = normalise(raw)
    wanted = [report["th"]["title"], report["en"]["title"], report["th"]["subtitle"], report["en"]["subtitle"],
              common["labels"]["part"]["th"], common["labels"]["part"]["en"], common["sources_heading"],
              common["contact"]["th"]["heading"], common["contact"]["en"]["heading"]]
    wanted += [block["h"] for part in ("th", "en") for block in report[part]["body"] if "h" in block]
    for text in wanted:
        if normalise(plain(text)) not in layer:
            faults.append(f"{report_id}: the text layer lacks the title or heading {plain(text)!r}")
    # Every word of the text layer must be part of a text the HTML shows: a stray ">" or "M", a mark read
    # in the wrong word or twice, a space lost between two words fails. Two Thai words side by side on a
    # line must be so in the texts too (a space put inside a Thai word fails). And no character that
    # the texts do not contain.
    corpus = " ".join(plain(text) for text in texts.shown)
    allowed = set(corpus) | set("0123456789/•.")  # page numbers, list markers
    strange = sorted(set(re.sub(r"\s+", "", raw)) - allowed)
    if strange:
        faults.append(f"{report_id}: characters in the text layer that no text contains: "
                      + ", ".join(f"U+{ord(c):04X} {c!r}" for c in strange))
    bad = []
    for line in raw.splitlines():
        words = line.split()
        for index, word in enumerate(words):
            if word not in corpus and not re.fullmatch(r"\d+\.?|•|/", word):
                bad.append(word)
            if (index and re.match(f"[{THAI}]", word) and re.search(f"[{THAI}]$", words[index - 1])
                    and f"{words[index - 1]} {word}" not in corpus):
                bad.append(f"{words[index - 1]} {word}")
    if bad:
        faults.append(f"{report_id}: words in the text layer that no text contains: {', '.join(map(repr, bad[:12]))}")
    stray = re.findall(f"[{THAI}][>M<]|[>M<][{THAI}]", raw)
    if stray:
        faults.append(f"{report_id}: stray ASCII inside Thai words: {stray[:12]}")
    return faults


# --------------------------------------------------------------------------------------------------


def make_report(source: Path, common: dict, printer: Printer, folder: Path) -> list[str]:
    """Write content/reports/<id>.pdf; return what is wrong with it."""
    report = yaml.safe_load(source.read_text(encoding="utf-8"))
    report_id = report["id"]
    unknown = [key for key in report.get("sources", []) if key not in common["sources"]]
    if unknown:
        raise SystemExit(f"{report_id}: sources not listed in common.yaml: {', '.join(unknown)}")
    day = report["compiled"]  # the day the editors compiled the report: its date everywhere
    if not isinstance(day, dt.date):
        day = dt.date.fromisoformat(str(day))

    # The notice names the page of the list of sources: lay the report out once to find it.
    sources_page, pdf, texts = 0, b"", Texts()
    for attempt in range(2):
        texts = Texts()
        page_html = folder / f"{report_id}.html"
        page_html.write_text(build_html(report, common, day, sources_page, texts), encoding="utf-8")
        notice = {lang: fill_in(common["notice"][lang], day, sources_page) for lang in ("th", "en")}
        pdf = finish_pdf(printer.print_pdf(page_html), report, common, day, notice["en"], notice["th"])
        found = sources_page_of(pdf, common["sources_heading"])
        if attempt and found != sources_page:
            raise SystemExit(f"{report_id}: the list of sources moved when its page number was filled in")
        sources_page = found

    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    target = OUTPUT_DIR / f"{report_id}.pdf"
    target.write_bytes(pdf)
    _, pages = text_layer(pdf)
    size = len(pdf)
    print(f"{target.relative_to(ROOT)}: {pages} pages, {size / 1024:.0f} KB")
    faults = []
    if not 2 <= pages <= MAX_PAGES:
        faults.append(f"{report_id}: {pages} pages, expected 2 to {MAX_PAGES}: shorten the text")
    if size > MAX_BYTES:
        faults.append(f"{report_id}: {size / 1024:.0f} KB, more than {MAX_BYTES // 1024} KB")
    with pikepdf.open(io.BytesIO(pdf)) as document:
        if "/StructTreeRoot" not in document.Root or not document.Root.get("/MarkInfo", {}).get("/Marked", False):
            faults.append(f"{report_id}: the PDF is not tagged (no structure tree)")
    faults += check_text_layer(report, common, pdf, texts)
    return faults


def main(argv: list[str]) -> int:
    """Make the reports named in argv (their ids), or all of them; return the exit status."""
    common = yaml.safe_load((SOURCE_DIR / "common.yaml").read_text(encoding="utf-8"))
    sources = sorted(p for p in SOURCE_DIR.glob("*.yaml") if p.name != "common.yaml")
    if argv:
        wanted = set(argv)
        sources = [p for p in sources if p.stem in wanted]
        missing = wanted - {p.stem for p in sources}
        if missing:
            print(f"No such report in {SOURCE_DIR.relative_to(ROOT)}: {', '.join(sorted(missing))}")
            return 1
    faults = []
    with tempfile.TemporaryDirectory(prefix="reports-") as folder, Printer() as printer:
        for source in sources:
            faults += make_report(source, common, printer, Path(folder))
    for fault in faults:
        print(f"Problem: {fault}", file=sys.stderr)
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
