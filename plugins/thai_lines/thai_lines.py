"""thai_lines: names a browser would break across two lines in Thai text are kept on one.

Thai is written without spaces, and browsers find where a line may break with a dictionary (ICU's). The
names of places across the border are not in it: Chromium breaks เสียมราฐ as เสีย|มราฐ and จำปาสัก as
จำปา|สัก, which reads as two other words. No CSS property keeps a Thai word whole (`word-break:
keep-all` leaves Thai alone), so each such name in the text of a page is wrapped in
`<span class="nm-nowrap">` (`white-space: nowrap` in the theme). The names are the coordination centres'
districts and provinces on both sides of the border (from the centres plugin's data) and the words of
THAI_LINES_WORDS. So are a number and its words (`ปี 2567`, `44 อำเภอ`) and a date (`28 พฤศจิกายน 2569`).
Only text is touched: not attributes, `<title>`, scripts, code, `<time>` or the maps' SVG.

Written by hand: no library keeps chosen words together in HTML. The pages are rewritten as Pelican
writes them (`content_written`); the text that readers copy, search and screen readers see is unchanged.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from pelican import signals

# A date is kept whole (28 พฤศจิกายน 2569, 8 ก.ย. 2566): the months, in full and abbreviated.
MONTHS = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน",
          "ตุลาคม", "พฤศจิกายน", "ธันวาคม", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.",
          "ต.ค.", "พ.ย.", "ธ.ค."]
DEFAULTS = {
    "THAI_LINES_LANGUAGES": ["th"],  # the pages rewritten: those of these languages' sites
    "THAI_LINES_WORDS": [],  # words kept together besides the centres' place names
    "THAI_LINES_BEFORE_NUMBERS": ["ปี", "พ.ศ.", "ค.ศ."],  # words kept with the number after them: ปี 2567
    "THAI_LINES_AFTER_NUMBERS": [],  # words kept with the number before them: 44 อำเภอ
}
SHORTEST = 4  # characters: a shorter name is one syllable, which no browser breaks
# Not rewritten; a <time> is on one line already (the theme's CSS).
SKIPPED = ("script", "style", "textarea", "title", "svg", "code", "pre", "option", "time")
SKIPPED_ELEMENT = re.compile(rf"<({'|'.join(SKIPPED)})\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_PLACE_NAMES: dict[str, tuple[list, tuple[str, ...]]] = {}  # lang -> (the centres they came from, names)
# The kind a Thai place name across the border is written with (เมืองห้วยทราย แขวงบ่อแก้ว, อำเภอมาลัย จังหวัด
# บันเตียเมียนเจย), which a text may leave out (จำปาสัก); and the "and" of two districts given as one.
PLACE_KIND = re.compile(r"^(?:เมือง|แขวง|อำเภอ|จังหวัด)(?=\S)")


def setting(settings: dict, name: str):
    """A THAI_LINES_ setting, with its default."""
    return settings.get(name, DEFAULTS[name])


def place_names(settings: dict, lang: str) -> tuple[str, ...]:
    """The centres' districts and provinces, and those across the border, in `lang` (none without their file)."""
    from centres.centres import load_data  # read once per build, and shared with the centres plugin

    centres = load_data(settings)[0]
    known = _PLACE_NAMES.get(lang)
    if known is None or known[0] is not centres:  # each page asks: listed again only when the data changed
        names = tuple(dict.fromkeys(name for centre in centres for place in (
            centre.district, centre.province, centre.counterpart.district, centre.counterpart.province)
            for name in (place[lang], PLACE_KIND.sub("", place[lang]), *place[lang].split("และ"))))
        _PLACE_NAMES[lang] = known = (centres, names)
    return known[1]


@functools.lru_cache(maxsize=8)
def words_pattern(words: tuple[str, ...], before_numbers: tuple[str, ...] = (),
                  after_numbers: tuple[str, ...] = ()) -> re.Pattern:
    """One pattern for every word, written as a trie (`จำปา(?:สัก)?`), and for a number with its words.

    The longest word matches, and it runs three times faster than a plain `a|b|c`, whose alternatives the
    regular expression engine tries one by one at every character; a look-ahead for the characters a match
    can start with skips the markup, most of a page, at a single test per character (2.5 times faster on
    the site's Thai pages). A word of `before_numbers` followed by a space and a number (`ปี 2566-2568`,
    `พ.ศ. 2567`), a number followed by a space and a word of `after_numbers` (`44 อำเภอ`), and a date
    (`28 พฤศจิกายน 2569`, `วันที่ 21 มิถุนายน`, `มกราคม 2568`) are kept together: Thai style does not break a
    line between them, and the space is where a browser would.
    """
    trie: dict = {}
    for word in {word.strip() for word in words if len(word.strip()) >= SHORTEST}:
        node = trie
        for character in word:
            node = node.setdefault(character, {})
        node[""] = {}  # a word ends here

    def alternatives(node: dict) -> str:
        branches = [re.escape(character) + alternatives(child)
                    for character, child in sorted(node.items()) if character]
        if not branches:
            return ""
        joined = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{joined})?" if "" in node else joined

    def one_of(choices: set[str]) -> str:  # the longest first: `พ.ศ.` before a shorter word it begins
        return "|".join(map(re.escape, sorted(choices, key=len, reverse=True)))

    thousands_and_range = r"(?:,\d{3})*(?:[-–]\d+)?"
    number, year, space = rf"\d+{thousands_and_range}", r"\d{4}(?:[-–]\d{4})?(?!\d)", r"[ \u00a0]"
    # After a month, only a year (four digits): in "21 มิถุนายน 10 กรกฎาคม", 10 is the next date's day.
    month = f"(?:{one_of(set(MONTHS))})"
    date = rf"{month}(?:{space}{year})?"
    parts = [rf"{month}{space}{year}"]  # มกราคม 2568
    if before_numbers:  # ปี 2567, ครั้งที่ 3, วันที่ 21 มิถุนายน 2567
        parts.append(rf"(?:{one_of(set(before_numbers))}){space}{number}(?:{space}{date})?")
    # 28 พฤศจิกายน 2569, 44 อำเภอ; not from inside 2.5 or 01/02/2567
    counted = "|".join([date, *([f"(?:{one_of(set(after_numbers))})"] if after_numbers else [])])
    # The first digit, then the look-behinds (from the digit itself), so that every branch starts with a
    # character the look-ahead below can name.
    parts.append(rf"\d(?<![\d,.]\d)(?<!\d/\d)\d*{thousands_and_range}{space}(?:{counted})")
    if trie:
        parts.append(alternatives(trie))
    starts = {character for character in trie if character} | {word[0] for word in [*MONTHS, *before_numbers]}
    return re.compile(f"(?=[\\d{''.join(map(re.escape, sorted(starts)))}])(?:{'|'.join(parts)})")


def keep_together(html: str, pattern: re.Pattern) -> str:
    """Wrap every match of `pattern` in the text of the page's `<body>`, outside tags and SKIPPED elements.

    Only the matches are looked at: the SKIPPED elements are found in one pass, and a match is inside a tag
    when the last `<` before it comes after the last `>`. (A walk over every tag of every page, or a look
    back from each match for each SKIPPED element, which grows with the square of a long list page, cost
    a warm build at 2000 articles seconds.)
    """
    body = html.find("<body")
    if body < 0:
        return html
    skipped = iter([*(match.span() for match in SKIPPED_ELEMENT.finditer(html, body)), (len(html), len(html))])
    next_skip = next(skipped)
    parts, position = [], 0
    for match in pattern.finditer(html, body):
        start = match.start()
        while next_skip[1] <= start:
            next_skip = next(skipped)
        if next_skip[0] <= start or html.rfind("<", body, start) > html.rfind(">", body, start):
            continue  # inside <title>, <svg>, <code>..., or inside a tag (an attribute's value)
        parts += [html[position:start], f'<span class="nm-nowrap">{match.group(0)}</span>']
        position = match.end()
    return "".join(parts) + html[position:] if parts else html


def rewrite_page(path: str, context: dict) -> None:
    """Keep the names together in a page just written, if it belongs to one of THAI_LINES_LANGUAGES."""
    lang = context.get("DEFAULT_LANG")
    if not path.endswith(".html") or lang not in setting(context, "THAI_LINES_LANGUAGES"):
        return
    pattern = words_pattern(place_names(context, lang) + tuple(setting(context, "THAI_LINES_WORDS")),
                            tuple(setting(context, "THAI_LINES_BEFORE_NUMBERS")),
                            tuple(setting(context, "THAI_LINES_AFTER_NUMBERS")))
    page = Path(path)
    html = page.read_text(encoding="utf-8")
    kept = keep_together(html, pattern)
    if kept != html:
        page.write_text(kept, encoding="utf-8")


def register():
    """Rewrite each page as it is written, while it is still in the file cache."""
    signals.content_written.connect(rewrite_page)
