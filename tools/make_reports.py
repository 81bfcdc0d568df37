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

Run it from the repository root, in a virtual environment of its own (not the site's .venv):

    python3 -m venv .venv-media
    .venv-media/bin/pip install fpdf2==2.8.9 uharfbuzz==0.57.0 fonttools==4.68.0 brotli==1.2.1 PyYAML==6.0.4
    .venv-media/bin/python tools/make_reports.py                    # every report
    .venv-media/bin/python tools/make_reports.py finale-forum-2024  # only the reports named

PyPI packages needed: fpdf2 (the PDF writer), uharfbuzz (text shaping, so that Thai vowels and tone
marks sit in the right place), fonttools and brotli (to read the site's .woff2 fonts), PyYAML.

Fonts: the site's own Sarabun subsets in theme/static/fonts/ (SIL Open Font License). The Latin and
the Thai subset of each weight are merged with fontTools into one TrueType font in a temporary
folder, and fpdf2 embeds only the glyphs used.

Thai line breaks: Thai writes no spaces between words, so in the Thai texts a "|" marks a place
between two words where a line may break. The script turns it into a zero-width space (U+200B), which
fpdf2's line breaker treats as a break chance (the merged font gets an empty, zero-width glyph for it so
that it measures as nothing), and then removes every U+200B from each laid-out line just before the
line is written (ReportPDF._render_styled_text_line). The lines break between words, and the PDF's
text layer holds no U+200B: Thai copied from the PDF carries no invisible characters. Long addresses
in the list of sources get the same break chances, before "/" and "-". (A known limit, from fpdf2's
text shaping rather than from this script: HarfBuzz splits SARA AM (U+0E33) into two glyphs and fpdf2
maps only the first glyph of a cluster to text, so words with SARA AM extract imperfectly, e.g.
"สำ คัญ" in pdftotext.)

A new report needs a new YAML file here and a record in content/data/reports.yaml (the list the
site shows). Write Thai text with "|" between words at least every 40 characters (the script
stops and names any longer run), and check the result by eye: the script also reports a PDF that
is not 2 to 5 pages long or is over 400 KB, and one whose text layer still holds a U+200B.

The output is reproducible: the creation date written into each PDF is fixed (the `compiled:` date
in the report's YAML), so running the script twice gives byte-identical files with the same package
versions. Change `compiled:` when the editors revise a report.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import tempfile
from pathlib import Path

import yaml
from fontTools.merge import Merger
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import Align, MethodReturnValue, TableBordersLayout, VAlign, XPos, YPos
from fpdf.fonts import FontFace
from fpdf.line_break import TextLine
from fpdf.prefs import ViewerPreferences

ROOT = Path(__file__).resolve().parent.parent
FONT_DIR = ROOT / "theme/static/fonts"
SOURCE_DIR = ROOT / "tools/reports"
OUTPUT_DIR = ROOT / "content/reports"

FAMILY = "Sarabun"
BRAND = (0x0B, 0x3D, 0x5C)  # the site's dark blue, #0b3d5c
BRAND_LIGHT = (0xE8, 0xF0, 0xF5)  # pale tint of the same blue, for table labels
TEXT = (0x1F, 0x29, 0x33)
MUTED = (0x55, 0x60, 0x6B)
WHITE = (0xFF, 0xFF, 0xFF)
NOTICE = (0xFF, 0xF4, 0xD6)  # pale amber: the box that says who compiled the report
NOTICE_EDGE = (0xB7, 0x79, 0x1F)  # its darker edge

BREAK_MARK = "|"  # in the YAML texts: a line may break here (between two Thai words)
ZWSP = "\u200b"  # what a break mark becomes for fpdf2's line breaker; never written into the PDF
NBSP = "\u00a0"
# Phrases never split across two lines.
KEEP_TOGETHER = ("สปป. ลาว", "NTS-Mekong Watch", "Thannicha Lermtong")
# A Thai run longer than this (characters between two break chances) makes lines very ragged.
MAX_UNBROKEN = 40

BODY_SIZE = 10.2  # pt
LINE = 5.4  # mm: line height of body text (Thai needs room above and below for its marks)
MARGIN = 20  # mm: left and right page margins
MAX_PAGES = 5  # the site publishes reports of 2 to 5 A4 pages
MAX_BYTES = 400 * 1024  # and keeps each file under 400 KB

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
    thai = re.search("[\u0e00-\u0e7f]", text) is not None
    return str(text).format(date=thai_date(day) if thai else english_date(day),
                            month=thai_month(day) if thai else english_month(day),
                            page=page or "?")


# --------------------------------------------------------------------------------------------------
# Fonts


def add_zero_width_space(font: TTFont) -> None:
    """Give the font an empty, zero-width glyph for U+200B, so that line-break chances measure as nothing.

    The glyph is never drawn (ReportPDF removes U+200B before it writes a line), so fpdf2 leaves it out
    of the embedded subset.
    """
    name = "uni200B"
    if name in font.getGlyphOrder():
        return
    order = font.getGlyphOrder() + [name]
    font.setGlyphOrder(order)
    glyf = font["glyf"]
    glyf.glyphs[name] = TTGlyphPen(None).glyph()
    glyf.glyphOrder = order
    font["hmtx"][name] = (0, 0)
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap[0x200B] = name


def build_fonts(folder: Path) -> dict[str, Path]:
    """Merge the Latin and Thai Sarabun subsets of each weight into one TTF; return {style: path}."""
    fonts = {}
    for style, weight in (("", 400), ("B", 700)):
        parts = []
        for subset in ("latin", "thai"):  # Latin first: its glyphs win where both subsets have one
            # recalcTimestamp=False everywhere: a "modified" date of today would make every PDF differ.
            woff2 = TTFont(FONT_DIR / f"sarabun-{subset}-{weight}-normal.woff2", recalcTimestamp=False)
            woff2.flavor = None
            if not parts:
                dates = (woff2["head"].created, woff2["head"].modified)
            path = folder / f"sarabun-{subset}-{weight}.ttf"
            woff2.save(path)
            parts.append(str(path))
        merged = Merger().merge(parts)
        merged.recalcTimestamp = False
        merged["head"].created, merged["head"].modified = dates
        add_zero_width_space(merged)
        fonts[style] = folder / f"sarabun-{weight}.ttf"
        merged.save(fonts[style])
    return fonts


# --------------------------------------------------------------------------------------------------
# Text


def prepare(text: str) -> str:
    """Turn the YAML's break marks into zero-width spaces and tidy white space."""
    text = re.sub(r"[ \t]+", " ", str(text).strip())
    # Keep on one line what readers expect to see together (KEEP_TOGETHER), and a number with the
    # Thai word before or after it ("ปี 2566", "90 คน").
    for phrase in KEEP_TOGETHER:
        text = text.replace(phrase, phrase.replace(" ", NBSP))
    text = re.sub(r"(?<=[\u0e00-\u0e7f]) (?=\d)|(?<=\d) (?=[\u0e00-\u0e7f])", NBSP, text)
    return text.replace(BREAK_MARK, ZWSP)


def prepare_url(url: str) -> str:
    """An address with break chances before each "/" and "-" (removed again when the line is written).

    None inside "https://" nor before a final "/". Before, not after: a line that ended in "-" would read
    as a hyphenated word, and text extraction (pdftotext) would drop the hyphen when it joins the lines.
    """
    return re.sub(r"(?<=[^/:])(?=-|/.)", ZWSP, url.strip())  # no line of its own for a final "/"


def plain(text: str) -> str:
    """Text for PDF metadata and bookmarks: no break marks, no bold markers."""
    return str(text).replace(BREAK_MARK, "").replace("**", "").strip()


def check_breaks(report_id: str, value, where: str = "") -> list[str]:
    """List Thai runs with no break chance for more than MAX_UNBROKEN characters."""
    problems = []
    if isinstance(value, dict):
        for key, item in value.items():
            problems += check_breaks(report_id, item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            problems += check_breaks(report_id, item, f"{where}[{index}]")
    elif isinstance(value, str):
        for run in re.split(r"[ \n|\u200b/-]+", value):
            if len(run) > MAX_UNBROKEN and re.search("[\u0e00-\u0e7f]", run):
                problems.append(f"{report_id}{where}: no break chance in '{run}'")
    return problems


# --------------------------------------------------------------------------------------------------
# PDF


class ReportPDF(FPDF):
    """An A4 report page layout: blue band on top, footer with the page number, simple blocks."""

    def __init__(self, running_title: str, footer_text: str):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.running_title = running_title
        self.footer_text = footer_text
        self.sources_page = 0

    def _render_styled_text_line(self, text_line: TextLine, *args, **kwargs):
        """Write one laid-out line without its zero-width spaces.

        fpdf2 (2.8.9, pinned above) breaks lines at U+200B, and every line of text, from cell(),
        multi_cell() and table cells, is written through this method. By then the line is final, so
        the break chances can go: they are zero-width, so the line keeps its width and position, and
        the text layer of the PDF holds only the words.
        """
        if any(ZWSP in fragment.characters for fragment in text_line.fragments):
            fragments = []
            for fragment in text_line.fragments:
                if ZWSP in fragment.characters:
                    fragment = fragment.clone(characters=[c for c in fragment.characters if c != ZWSP],
                                              link=fragment.link)
                if fragment.characters:
                    fragments.append(fragment)
            text_line = text_line._replace(fragments=tuple(fragments))
        return super()._render_styled_text_line(text_line, *args, **kwargs)

    def zero_width_spaces_written(self) -> bool:
        """Did any U+200B reach the embedded fonts (and so the text layer)? Checked after output."""
        for font in self.fonts.values():
            subset = getattr(font, "subset", None)  # only embedded TrueType fonts have one
            for glyph, _ in subset.items() if subset is not None else ():
                if glyph is None:
                    continue
                codes = glyph.unicode if isinstance(glyph.unicode, tuple) else (glyph.unicode,)
                if 0x200B in codes:
                    return True
        return False

    def header(self):
        """From page 2 on: a thin blue band with the project name and the report's short title."""
        if self.page_no() == 1:
            return  # the first page has its own, larger band (see first_page_band)
        self.set_fill_color(*BRAND)
        self.rect(0, 0, self.w, 11, style="F")
        self.set_xy(MARGIN, 3)
        self.set_font(FAMILY, "B", 8.5)
        self.set_text_color(*WHITE)
        self.cell(0, 5, "NTS-Mekong Watch", new_x=XPos.LEFT)
        self.set_font(FAMILY, "", 8.5)
        self.cell(0, 5, self.running_title, align=Align.R)
        self.set_text_color(*TEXT)
        self.set_y(20)

    def footer(self):
        """A rule, the footer text (who compiled the report) and 'page / pages'."""
        self.set_y(-13)
        self.set_draw_color(*BRAND)
        self.set_line_width(0.2)
        self.line(MARGIN, self.get_y(), self.w - MARGIN, self.get_y())
        self.ln(1.5)
        size = 8.5
        self.set_font(FAMILY, "", size)
        while size > 7 and self.get_string_width(self.footer_text) > self.epw - 14:  # room for "5 / 5"
            size -= 0.25
            self.set_font(FAMILY, "", size)
        self.set_text_color(*MUTED)
        self.cell(0, 5, self.footer_text, new_x=XPos.LEFT)
        self.cell(0, 5, f"{self.page_no()} / {{nb}}", align=Align.R)
        self.set_text_color(*TEXT)

    # -- building blocks ---------------------------------------------------------------------------

    def first_page_band(self, kicker: str):
        """The tall blue band at the top of page 1."""
        self.set_fill_color(*BRAND)
        self.rect(0, 0, self.w, 30, style="F")
        self.set_text_color(*WHITE)
        self.set_xy(MARGIN, 7)
        self.set_font(FAMILY, "B", 20)
        self.cell(0, 9, "NTS-Mekong Watch", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FAMILY, "", 10.5)
        self.cell(0, 6, prepare(kicker), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*TEXT)
        self.set_y(38)

    def title_block(self, title: str, subtitle: str, size: float):
        """A title in the brand colour, with an optional grey subtitle."""
        self.set_font(FAMILY, "B", size)
        self.set_text_color(*BRAND)
        self.multi_cell(0, size * 0.5, prepare(title), align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if subtitle:
            self.ln(1)
            self.set_font(FAMILY, "", size * 0.62)
            self.set_text_color(*MUTED)
            self.multi_cell(0, size * 0.36, prepare(subtitle), align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*TEXT)
        self.ln(3)

    def part_label(self, text: str):
        """The label that opens a language part, e.g. 'ฉบับภาษาไทย' or 'English version'."""
        self.start_section(plain(text), level=0)
        self.set_font(FAMILY, "B", 9)
        self.set_fill_color(*BRAND)
        self.set_text_color(*WHITE)
        label = prepare(text)
        self.cell(self.get_string_width(label) + 6, 6, label, fill=True, align=Align.C,
                  new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*TEXT)
        self.ln(3)

    def heading(self, text: str, level: int = 1):
        """A section heading, also added to the PDF's bookmarks (level 0: beside the two language parts)."""
        if self.get_y() + 24 > self.page_break_trigger:  # keep a heading with what follows
            self.add_page()
        self.ln(2.5)
        self.start_section(plain(text), level=level)
        self.set_font(FAMILY, "B", 13)
        self.set_text_color(*BRAND)
        self.multi_cell(0, 7, prepare(text), align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*TEXT)
        self.ln(0.8)

    def paragraph(self, text: str):
        """A paragraph of body text; **bold** is allowed."""
        self.set_font(FAMILY, "", BODY_SIZE)
        self.multi_cell(0, LINE, prepare(text), markdown=True, align=Align.L,
                        new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(2)

    def bullets(self, items: list[str], numbered: bool = False):
        """A bulleted (or numbered) list with a hanging indent."""
        self.set_font(FAMILY, "", BODY_SIZE)
        indent = 6
        for number, item in enumerate(items, start=1):
            if self.get_y() + 2 * LINE > self.page_break_trigger:
                self.add_page()
            top = self.get_y()
            self.set_x(self.l_margin + 1)
            self.cell(indent - 1, LINE, f"{number}." if numbered else "\u2022")
            self.set_xy(self.l_margin + indent, top)
            self.multi_cell(self.epw - indent, LINE, prepare(item), markdown=True, align=Align.L,
                            new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.ln(1.2)
        self.ln(0.8)

    def facts_table(self, rows: list[list[str]], label_width: float = 30):
        """Two columns: a shaded label and its value. A value may hold several lines.

        The table is kept on one page: it is measured first, and starts a new page if it would not fit.
        """
        if not self.fits(lambda pdf: pdf._draw_facts_table(rows, label_width)):  # pylint: disable=protected-access
            self.add_page()
        self._draw_facts_table(rows, label_width)

    def _draw_facts_table(self, rows: list[list[str]], label_width: float):
        self.set_font(FAMILY, "", BODY_SIZE - 0.5)
        self.set_draw_color(0xC5, 0xD3, 0xDD)
        self.set_line_width(0.2)
        label_style = FontFace(family=FAMILY, emphasis="BOLD", color=BRAND, fill_color=BRAND_LIGHT)
        value_style = FontFace(family=FAMILY, emphasis="", color=TEXT, fill_color=WHITE)
        self.set_fill_color(*WHITE)
        with self.table(
            col_widths=(label_width, 100 - label_width),
            width=self.epw,
            first_row_as_headings=False,
            borders_layout=TableBordersLayout.HORIZONTAL_LINES,
            text_align=(Align.L, Align.L),
            v_align=VAlign.T,
            line_height=LINE - 0.4,
            padding=(1.4, 2.5, 1.6, 2.5),
        ) as table:
            for label, value in rows:
                row = table.row()
                row.cell(prepare(label), style=label_style)
                row.cell("\n".join(prepare(line) for line in str(value).strip().split("\n")), style=value_style)
        self.set_draw_color(*BRAND)
        self.ln(3)

    def meta_lines(self, rows: list[tuple[str, str]]):
        """Compact 'Label: value' lines between two rules, for the start of the English part."""
        self.set_draw_color(*BRAND)
        self.set_line_width(0.3)
        self.line(self.l_margin, self.y, self.w - self.r_margin, self.y)
        self.ln(1.5)
        self.set_font(FAMILY, "", BODY_SIZE - 0.7)
        for label, value in rows:
            self.multi_cell(0, LINE - 0.4, f"**{prepare(label)}:** {prepare(value)}", markdown=True,
                            align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1.5)
        self.line(self.l_margin, self.y, self.w - self.r_margin, self.y)
        self.ln(2)

    def notice(self, paragraphs: list[str]):
        """A pale amber box with a dark left edge: who compiled the report, and that it is not official."""
        pad_x, pad_y, edge = 3.5, 2.4, 1.4
        width = self.epw - edge - 2 * pad_x
        text = "\n".join(prepare(paragraph) for paragraph in paragraphs)
        self.set_font(FAMILY, "", BODY_SIZE - 0.2)
        height = self.multi_cell(width, LINE - 0.2, text, markdown=True, align=Align.L, dry_run=True,
                                 output=MethodReturnValue.HEIGHT)
        if self.y + height + 2 * pad_y > self.page_break_trigger:
            self.add_page()
        top = self.y
        self.set_fill_color(*NOTICE)
        self.rect(self.l_margin, top, self.epw, height + 2 * pad_y, style="F")
        self.set_fill_color(*NOTICE_EDGE)
        self.rect(self.l_margin, top, edge, height + 2 * pad_y, style="F")
        self.set_fill_color(*WHITE)
        self.set_text_color(*TEXT)
        self.set_xy(self.l_margin + edge + pad_x, top + pad_y)
        self.multi_cell(width, LINE - 0.2, text, markdown=True, align=Align.L,
                        new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_y(top + height + 2 * pad_y + 3)

    def source_list(self, heading: str, intro: list[str], entries: list[tuple[str, list[str], list[str]]]):
        """The sources: each a key (as in shared/seeds/public-facts.md), its description and its addresses.

        Every address is a link, written out in full; a long one wraps before a "/" or a "-".
        The page on which the list starts is kept in self.sources_page.
        """
        self.heading(heading, level=0)
        self.sources_page = self.page_no()
        self.set_font(FAMILY, "", BODY_SIZE - 1)
        for line in intro:
            self.multi_cell(0, LINE - 0.6, prepare(line), markdown=True, align=Align.L,
                            new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.ln(0.8)
        self.ln(1)
        key_width = 18
        for key, descriptions, urls in entries:
            if self.y + 3 * LINE > self.page_break_trigger:
                self.add_page()
            top = self.y
            self.set_font(FAMILY, "B", BODY_SIZE - 1.2)
            self.set_text_color(*BRAND)
            self.cell(key_width, LINE - 0.8, key)
            self.set_xy(self.l_margin + key_width, top)
            self.set_font(FAMILY, "", BODY_SIZE - 1.2)
            self.set_text_color(*TEXT)
            self.multi_cell(self.epw - key_width, LINE - 0.8, " · ".join(prepare(d) for d in descriptions),
                            markdown=True, align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.set_font(FAMILY, "", BODY_SIZE - 1.8)
            self.set_text_color(*BRAND)
            for url in urls:
                self.set_x(self.l_margin + key_width)
                self.multi_cell(self.epw - key_width, LINE - 1.2, prepare_url(url), link=url, align=Align.L,
                                new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.set_text_color(*TEXT)
            self.ln(1.2)

    def fits(self, draw) -> bool:
        """Would draw(pdf) fit on the current page? It is tried on a throw-away copy."""
        with self.offset_rendering() as dummy:
            draw(dummy)
        return not dummy.page_break_triggered

    def draw_block(self, block: dict):
        """Draw one block of the YAML body: h, p, ul, ol or table."""
        (kind, value), = block.items()
        if kind == "h":
            self.heading(value)
        elif kind == "p":
            self.paragraph(value)
        elif kind == "ul":
            self.bullets(value)
        elif kind == "ol":
            self.bullets(value, numbered=True)
        elif kind == "table":
            self.facts_table(value)
        else:
            raise ValueError(f"unknown block type {kind!r}")

    @staticmethod
    def lead(blocks: list[dict], index: int) -> list[dict]:
        """Return the blocks that must stay on one page with blocks[index].

        That is a heading with the table under it, or a short paragraph that introduces a list with
        the list's first item (and the heading above both, if any).
        """
        def get(i):
            return blocks[i] if i < len(blocks) else {}

        def intro(i):  # a short paragraph followed by a list -> paragraph + first item
            block, after = get(i), get(i + 1)
            items = after.get("ul") or after.get("ol")
            if "p" in block and items and len(block["p"]) <= 400:
                return [block, {"ul": items[:1]}]
            return []

        block, after = get(index), get(index + 1)
        if "h" in block and "table" in after:
            return [block, after]
        if "h" in block and intro(index + 1):
            return [block] + intro(index + 1)
        return intro(index)

    def blocks(self, blocks: list[dict]):
        """Draw a YAML body, starting a new page rather than leaving a heading or an intro alone."""
        for index, block in enumerate(blocks):
            group = self.lead(blocks, index)
            at_top = self.y < 30  # nothing gained by moving a group from the top of a page
            if group and not at_top and not self.fits(lambda pdf, group=group: [pdf.draw_block(b) for b in group]):
                self.add_page()
            self.draw_block(block)


def make_report(source: Path, common: dict, fonts: dict[str, Path]) -> list[str]:
    """Write content/reports/<id>.pdf; return what is wrong with it (too many pages, too large)."""
    report = yaml.safe_load(source.read_text(encoding="utf-8"))
    report_id = report["id"]
    problems = check_breaks(report_id, report) + check_breaks("common.yaml", common)
    unknown = [key for key in report.get("sources", []) if key not in common["sources"]]
    if unknown:
        problems.append(f"{report_id}: sources not listed in common.yaml: {', '.join(unknown)}")
    if problems:
        raise SystemExit("Problems in the texts:\n  " + "\n  ".join(problems))
    day = report["compiled"]  # the day the editors compiled the report: its date everywhere
    if not isinstance(day, dt.date):
        day = dt.date.fromisoformat(str(day))
    # The notice names the page of the list of sources: lay the report out once to find it.
    pdf, sources_page = draw_report(report, common, fonts, day, sources_page=0)
    pdf, check_page = draw_report(report, common, fonts, day, sources_page=sources_page)
    assert check_page == sources_page, "the list of sources moved when its page number was filled in"

    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    target = OUTPUT_DIR / f"{report_id}.pdf"
    pdf.output(str(target))
    size = target.stat().st_size
    print(f"{target.relative_to(ROOT)}: {pdf.pages_count} pages, {size / 1024:.0f} KB")
    faults = []
    if not 2 <= pdf.pages_count <= MAX_PAGES:
        faults.append(f"{report_id}: {pdf.pages_count} pages, expected 2 to {MAX_PAGES}: shorten the text")
    if size > MAX_BYTES:
        faults.append(f"{report_id}: {size / 1024:.0f} KB, more than {MAX_BYTES // 1024} KB")
    if pdf.zero_width_spaces_written():
        faults.append(f"{report_id}: a zero-width space (U+200B) reached the PDF's text layer")
    return faults


def draw_report(report: dict, common: dict, fonts: dict[str, Path], day: dt.date,
                sources_page: int) -> tuple[ReportPDF, int]:
    """Lay out one report; return the PDF and the page on which its list of sources starts."""
    th, en = report["th"], report["en"]
    labels = common["labels"]
    notice = {lang: fill_in(common["notice"][lang], day, sources_page) for lang in ("th", "en")}

    pdf = ReportPDF(running_title=plain(en["short_title"]), footer_text=plain(common["footer"]))
    for style, path in fonts.items():
        pdf.add_font(FAMILY, style, str(path))
    pdf.set_text_shaping(use_shaping_engine=True)
    pdf.set_margins(MARGIN, 18, MARGIN)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.alias_nb_pages()

    pdf.set_title(f"{plain(th['title'])} / {plain(en['title'])} ({plain(common['title_suffix'])})")
    pdf.set_author(f"{plain(common['editors']['th'])} / {plain(common['editors']['en'])}")
    pdf.set_subject(f"{plain(notice['en'])} / {plain(notice['th'])}")
    pdf.set_keywords(plain(report.get("keywords", "NTS-Mekong Watch")))
    pdf.set_creator("NTS-Mekong Watch website editors, tools/make_reports.py")
    pdf.set_lang(common.get("pdf_language", "th"))
    pdf.set_display_mode(zoom="fullwidth", layout="continuous")
    pdf.set_creation_date(dt.datetime(day.year, day.month, day.day, 9, 0, 0,
                                      tzinfo=dt.timezone(dt.timedelta(hours=7))))
    # Viewers show the document title, not the file name.
    pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)

    project = common["project"]
    # Page 1: band, both titles, who compiled it, and the facts every reader needs first, in both languages.
    pdf.add_page()
    pdf.set_text_color(*TEXT)
    pdf.first_page_band(f"{labels['report_kind']['th']} · {labels['report_kind']['en']}")
    pdf.title_block(th["title"], th["subtitle"], size=19)
    pdf.title_block(en["title"], "", size=14)
    pdf.notice([notice["th"], notice["en"]])
    pdf.facts_table([
        [f"{labels['period']['th']}\n{labels['period']['en']}", f"{report['period']['th']}\n{report['period']['en']}"],
        [f"{labels['project']['th']}\n{labels['project']['en']}",
         f"{project['en']}\n{project['th']} ({project['th_note']['th']} · {project['th_note']['en']})"],
        [f"{labels['agency']['th']}\n{labels['agency']['en']}",
         f"{common['agency']['th']}\n{common['agency']['en']}"],
        [f"{labels['compiled']['th']}\n{labels['compiled']['en']}",
         f"{common['editors']['th']}, {thai_date(day)}\n{common['editors']['en']}, {english_date(day)}"],
    ], label_width=27)

    # Thai part.
    pdf.part_label(labels["part"]["th"])
    pdf.blocks(th["body"])
    pdf.heading(common["contact"]["th"]["heading"])
    pdf.paragraph(common["contact"]["th"]["text"])

    # Sources, once for both languages (the addresses are the same), where the Thai part leaves room.
    sources = common["sources"]
    pdf.source_list(common["sources_heading"], [common["sources_intro"]["th"], common["sources_intro"]["en"]], [
        (sources[key].get("key", ""), [sources[key]["th"], sources[key]["en"]], sources[key].get("urls", []))
        for key in report["sources"]
    ])

    # English part: complete on its own, so it repeats the title, the notice and the first-page facts.
    pdf.add_page()
    pdf.part_label(labels["part"]["en"])
    pdf.title_block(en["title"], en["subtitle"], size=17)
    pdf.notice([notice["en"]])
    pdf.meta_lines([
        (labels["period"]["en"], report["period"]["en"]),
        (labels["project"]["en"], project["en"]),
        (labels["agency"]["en"], common["agency"]["en"]),
        (labels["compiled"]["en"], f"{common['editors']['en']}, {english_date(day)}"),
    ])
    pdf.blocks(en["body"])
    pdf.heading(common["contact"]["en"]["heading"])
    pdf.paragraph(common["contact"]["en"]["text"])

    return pdf, pdf.sources_page


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
    with tempfile.TemporaryDirectory(prefix="report-fonts-") as folder:
        fonts = build_fonts(Path(folder))
        for source in sources:
            faults += make_report(source, common, fonts)
    for fault in faults:
        print(f"Problem: {fault}", file=sys.stderr)
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
