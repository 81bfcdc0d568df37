"""Typed records for the coordination centres and hotlines, and their validation.

`content/data/centres.yaml` and `content/data/hotlines.yaml` are read once and validated into frozen
records; templates never see a raw dict. Every problem is reported with the file, the line, the
record's id (or number), the field, and what a valid value looks like, all in one run.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import phonenumbers
from phonenumbers import shortnumberinfo

from content_guard.content_guard import INVISIBLE, THAI_DIGITS, Problem, invisible_fix
from content_guard.data import Localized, RecordCheck, RecordReader, check_date
from sources.sources import check_cited_field, citation_value

THAI_SERVICE_NUMBER = re.compile(r"^1\d{2,3}$")
THAI_EXTENSION = re.compile(r"\s*ต่อ\s*")  # "extension": 053 791 234 ต่อ 12
# Between two numbers written as one: a comma, a slash, a semicolon, "and" or "or" in either language.
SEVERAL_NUMBERS = re.compile(r"(?<=\d)\s*(?:[,/;]|\s(?:และ|หรือ|and|or)\s)\s*(?=[\d+(])")
# The Thai way of writing consecutive numbers: 053-791234-5 is 053 791 234 and 053 791 235.
NUMBER_RANGE = re.compile(r"^(?P<first>.*\d)\s*-\s*(?P<last>\d{1,2})$")
EMAIL_PATTERN = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
BORDERS = {"LA": "Lao PDR", "KH": "Cambodia"}
# Thailand's border districts facing Lao PDR and Cambodia lie inside this box (lat, lon).
BORDER_REGION = {"lat": (11.0, 20.6), "lon": (98.0, 106.0)}
# What `listed_by` says of a district no public source names: it completes the 44 by geography alone.
INFERRED = "inferred from geography"
CENTRE_FIELDS = {
    "id", "name", "district", "province", "address", "border", "counterpart", "lat", "lon",
    "crossings", "phones", "email", "hours", "last_checked", "listed_by", "also_spelled",
}
# A spelling readers may type: Latin letters (with tone marks), spaces, hyphens, apostrophes and full stops.
SPELLING = re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF][A-Za-z\u00C0-\u024F\u1E00-\u1EFF .'’-]*")


@dataclass(frozen=True)
class Phone:
    """A validated Thai telephone number, with its extension if it has one."""

    e164: str  # +6653791234
    display: str  # 053 791 234, as Thai readers write it (without the extension)
    extension: str = ""  # 12, from `053 791 234 ต่อ 12` or `ext. 12`

    @property
    def uri(self) -> str:
        """The number as RFC 3966 writes it, for vCards and open data: +6653791234;ext=12."""
        return self.e164 + (f";ext={self.extension}" if self.extension else "")

    @property
    def dial(self) -> str:
        """What a phone dials from a `tel:` link: a comma waits for the call to connect, then dials the extension.

        Phones' diallers follow the comma; few follow RFC 3966's `;ext=`.
        """
        return self.e164 + (f",{self.extension}" if self.extension else "")


@dataclass(frozen=True)
class Counterpart:
    """The district and province across the border, and the sources that pair them with the Thai district.

    `paired_by` is empty when no source pairs them: the district is then only the one opposite on the map.
    """

    district: Localized
    province: Localized
    paired_by: str = ""


@dataclass(frozen=True)
class Centre:
    """One NTS-Mekong Watch coordination centre, at a border district office."""

    id: str
    name: Localized
    district: Localized
    province: Localized
    address: Localized
    border: str  # "LA" or "KH"
    counterpart: Counterpart
    lat: float
    lon: float
    crossings: tuple[Localized, ...]
    phones: tuple[Phone, ...]
    email: str | None
    hours: Localized | None
    last_checked: datetime.date
    listed_by: str  # the keys of the sources that name the district (plugins/sources), or INFERRED
    also_spelled: tuple[str, ...] = ()  # other English spellings of its places, as readers may type them

    @property
    def confirmed(self) -> bool:
        """Whether a public source names this district among the project's; if not, the page says so."""
        return self.listed_by != INFERRED

    @property
    def url(self) -> str:
        """The page's URL, relative to a language's site."""
        return f"centres/{self.id}.html"

    @property
    def translation_key(self) -> tuple[str, str]:
        """What pairs this centre's pages across languages."""
        return ("centre", self.id)

    @property
    def province_anchor(self) -> str:
        """The id of the province's section in the directory (a province may face both borders)."""
        slug = re.sub(r"[^a-z0-9]+", "-", self.province["en"].lower()).strip("-")
        return f"{self.border.lower()}-{slug}"


@dataclass(frozen=True)
class Hotline:
    """A national telephone line, attributed to the agency that runs it."""

    number: str
    agency: Localized
    purpose: Localized
    source: str


def short_number(value: str) -> bool:
    """A Thai short number (191, 1669, 1300).

    As libphonenumber knows them, or by the national plan's shape for them, 1 and two or three digits:
    libphonenumber lacks some four-digit service numbers (1300, 1386).
    """
    try:
        known = shortnumberinfo.is_valid_short_number_for_region(phonenumbers.parse(value, "TH"), "TH")
    except phonenumbers.NumberParseException:
        known = False
    return known or bool(THAI_SERVICE_NUMBER.match(value))


def number_range(first: str, last: str) -> list[str]:
    """Every number of a range written `042 811 234-6` (or an extension's, `042 123 456 ต่อ 5-7`), as written.

    The last digits of the first number run to `last`: 234, 235, 236 (a range of two gave the ends only, and
    an extension's range glued the extension to the number). Thai digits are written as Arabic ones, all of
    them (`๒๓4` came out mixed). A range of ten or more, or one running backwards, gives its two ends.
    """
    first, last = first.translate(THAI_DIGITS), last.translate(THAI_DIGITS)
    group = re.search(r"[0-9]+$", first)
    size = len(last)
    if not group or len(group[0]) < size:
        return []
    head, start = first[:group.start()] + group[0][:-size], int(group[0][-size:])
    values = range(start, int(last) + 1) if 0 < int(last) - start < 10 else (start, int(last))
    return [f"{head}{value:0{size}d}" for value in values]


def check_phone(check: RecordCheck, index: int, value) -> Phone | None:
    """A Thai telephone number, validated with Google's libphonenumber rules."""
    field = f"phones[{index}]"
    if not isinstance(value, str):  # 053711234 unquoted is read as a number: its first 0 is lost
        check.problem(field, f"write the telephone number in quotes, e.g. `\"053 791 234\"`: without them the "
                             f"file reads it as a plain number, drops its first 0 and may change its digits "
                             f"(it read {value})")
        return None
    if len(numbers := SEVERAL_NUMBERS.split(value.strip())) > 1:
        # `053 791 234 ต่อ 12, 13`: the 13 is another extension of the same number, which each item repeats; not a
        # short number of its own (`ต่อ 12 หรือ 1300`: 1300 is a national hotline).
        base = THAI_EXTENSION.split(numbers[0], maxsplit=1)[0] if THAI_EXTENSION.search(numbers[0]) else None
        numbers = [f"{base} ต่อ {number}" if base and re.fullmatch(r"\d{1,5}", number) and not short_number(number)
                   else number for number in numbers]
        items = ", ".join(f'"{number}"' for number in numbers)
        check.problem(field, f"`{value}` holds more than one number: write each as its own item, "
                             f"`phones: [{items}]`")
        return None
    number = parsed_phone(value)
    if number is None and (run := NUMBER_RANGE.match(value.strip())) and parsed_phone(run["first"]) and \
            (numbers := number_range(run["first"], run["last"])):
        items = ", ".join(f'"{number}"' for number in numbers)
        check.problem(field, f"`{value}` is a range of numbers, {numbers[0]} to {numbers[-1]}: write each number "
                             f"as its own item, `phones: [{items}]`")
        return None
    if number is None:
        check.problem(field, f"`{value}` is not a valid Thai telephone number: write it as dialled "
                             "in Thailand, e.g. `053 791 234` or `081 234 5678`, and an extension after "
                             "`ต่อ`, `053 791 234 ต่อ 12`")
        return None
    # libphonenumber reads Thai digits in the number but keeps them in the extension: ต่อ ๑๒ would dial "๑๒".
    extension = re.sub(r"\d", lambda digit: str(unicodedata.digit(digit[0])), number.extension or "")
    number.extension = None
    return Phone(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
                 phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL), extension)


def parsed_phone(value: str) -> phonenumbers.PhoneNumber | None:
    """A valid Thai number (libphonenumber), its extension written `ต่อ 12` (Thai), `ext. 12` or `x12`; or None.

    An "extension" that is a telephone number itself (libphonenumber reads "053791234, 053791235" as one
    number with an extension) is refused.
    """
    try:
        number = phonenumbers.parse(THAI_EXTENSION.sub(" ext. ", value), "TH")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number_for_region(number, "TH") or len(number.extension or "") > 5:
        return None
    return number


def check_spellings(check: RecordCheck, names: list[Localized | None]) -> tuple[str, ...]:
    """`also_spelled`: other English spellings of the district, province or places across the border.

    A list, or one line with commas (`also_spelled: Huay Xai, Houei Sai`, as staff write it). Readers type
    the spellings they know, and the site's one spelling found nothing: the centre's page and the directory's
    filter hold these too.
    """
    value = check.record.get("also_spelled")
    if value is None:
        return ()
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        check.problem("also_spelled", "must be spellings separated by commas, e.g. `also_spelled: Huay Xai, "
                                      "Houei Sai`")
        return ()
    spellings = []
    known = {name["en"].casefold() for name in names if name is not None}
    for item in (item.replace("\u00a0", " ").strip() for item in value):  # a no-break space, copied: a space
        if not item:
            continue
        if fix := invisible_fix(item):
            check.problem("also_spelled", f"`{INVISIBLE.sub('', item)}` looks right, but {fix}")
        elif separator := next((mark for mark in ";/|()[]" if mark in item), None):
            check.problem("also_spelled", f"`{item}` holds `{separator}`: separate the spellings with commas "
                                          "only, without notes or brackets, e.g. `also_spelled: Huay Xai, Houei Sai`")
        elif not SPELLING.fullmatch(item):
            check.problem("also_spelled", f"`{item}` is not an English spelling: give the names readers may type "
                                          "in Latin letters (the Thai names are in `district` and `province`)")
        elif item.casefold() in known:
            check.problem("also_spelled", f"`{item}` is the spelling the page already uses: give only other "
                                          "spellings, or delete the field")
        elif item.casefold() in (spelling.casefold() for spelling in spellings):
            check.problem("also_spelled", f"`{item}` is given twice: delete one")
        else:
            spellings.append(item)
    return tuple(spellings)


def load_centres(path: Path, languages: list[str], known_sources: dict | None = None, settings: dict | None = None,
                 ) -> tuple[list[Centre], list[Problem]]:
    """Read and validate the coordination centres; return the records and every problem.

    With `known_sources` (plugins/sources), `listed_by` and `counterpart.paired_by` must cite defined keys.
    """
    reader = RecordReader(path, languages, [], (settings or {}).get("TIMEZONE"))
    centres: list[Centre] = []
    seen_ids: dict[str, int] = {}
    record_lines: dict[str, int] = {}  # each valid centre's line
    for number, record, lines, record_line in reader.records():
        centre_id = str(record.get("id") or "")
        label = f"centre `{centre_id}`" if centre_id else f"record {number}"
        check = RecordCheck(reader, label, record, lines, record_line)
        check.unknown_fields(CENTRE_FIELDS)
        count = len(reader.problems)

        check.record_id(seen_ids, "chiang-khong", ": it is the centre's web address")
        texts = {field: check.localized(field) for field in ("name", "district", "province", "address")}
        border = record.get("border")
        if border not in BORDERS:
            check.problem("border", f"`{border}` is not a border this project covers: write `LA` "
                                    "(Lao PDR) or `KH` (Cambodia)")
        counterpart = record.get("counterpart") if isinstance(record.get("counterpart"), dict) else {}
        if not counterpart:
            check.problem("counterpart", "is missing: give the district and province across the border, "
                                         "`counterpart: {district: {th: ..., en: ...}, province: {...}}`")
        opposite = [check.localized(f"counterpart.{part}", counterpart.get(part))
                    for part in ("district", "province")] if counterpart else [None, None]
        for field in set(counterpart) - {"district", "province", "paired_by"}:
            check.problem(f"counterpart.{field}", "is not a known field: a counterpart has `district`, `province` "
                                                  "and, when a source pairs the districts, `paired_by`")
        listed_by = citation_value(check, "listed_by", record.get("listed_by"))
        paired_by = citation_value(check, "counterpart.paired_by", counterpart.get("paired_by"))
        if not listed_by and not isinstance(record.get("listed_by"), list):  # a list: citation_value said so
            check.problem("listed_by", f"is missing: cite the source that names the district, e.g. "
                                       f"`listed_by: \"[WS2]\"`, or write `listed_by: {INFERRED}`")
        elif known_sources is not None:
            check_cited_field(check, "listed_by", known_sources, settings, "" if listed_by == INFERRED else listed_by)
            check_cited_field(check, "counterpart.paired_by", known_sources, settings, paired_by)
        coordinates = {}
        for axis in ("lat", "lon"):
            value = record.get(axis)
            low, high = BORDER_REGION[axis]
            example = f"`{axis}: {'20.2636' if axis == 'lat' else '100.4056'}`"
            if value is None:
                check.problem(axis, f"is missing: add the {'latitude' if axis == 'lat' else 'longitude'} of the "
                                    f"district office in decimal degrees, e.g. {example}")
            elif not isinstance(value, int | float) or isinstance(value, bool):
                check.problem(axis, f"`{value}` is not a number: write decimal degrees, e.g. {example}")
            elif not low <= value <= high:
                check.problem(axis, f"{value} is outside Thailand's border region with Lao PDR and "
                                    f"Cambodia ({axis} between {low} and {high}): check the digits and "
                                    "that lat and lon are not swapped")
            else:
                coordinates[axis] = float(value)
        crossings_value = record.get("crossings") or []
        if not isinstance(crossings_value, list):
            check.problem("crossings", "must be a list: `- {th: ..., en: ...}` per crossing")
            crossings_value = []
        crossings = [check.localized(f"crossings[{i}]", value) for i, value in enumerate(crossings_value)]
        phones_value = record.get("phones") or []
        if not isinstance(phones_value, list):
            phones_value = [phones_value]
        phones = [check_phone(check, i, value) for i, value in enumerate(phones_value)]
        first_of: dict[Phone, int] = {}  # each number's first item
        for i, phone in enumerate(phones):
            if phone is None:
                continue
            if (first := first_of.setdefault(phone, i)) < i:
                check.problem(f"phones[{i}]", f"`{phones_value[i]}` is the same number as `{phones_value[first]}` "
                                              f"(phones[{first}]): readers would see it twice; delete one")
        email = record.get("email")
        if isinstance(email, str):  # as copied from a link: the site makes the mailto: link itself
            email = email.strip().removeprefix("mailto:")
        if isinstance(email, str) and (fix := invisible_fix(email)):
            check.problem("email", f"`{INVISIBLE.sub('', email)}` looks right, but {fix}")
        elif isinstance(email, str) and "?" in email and EMAIL_PATTERN.match(email.split("?")[0]):
            # A mailto: link's own part (`?subject=...&bcc=...`) would go into the page, the vCard and the data.
            address, added = email.split("?", 1)
            check.problem("email", f"`{email}` holds what a mailto: link adds after the address (`?{added}`): "
                                   f"write the address alone, `{address}`")
        elif email is not None and not EMAIL_PATTERN.match(str(email)):
            check.problem("email", f"`{email}` is not an e-mail address: write it like `name@example.go.th`")
        hours = check.localized("hours", required=False)
        last_checked = check_date(check, "last_checked")
        also_spelled = check_spellings(check, [texts["district"], texts["province"], *opposite])

        place = (texts["district"], texts["province"])
        position = (coordinates.get("lat"), coordinates.get("lon"))
        same = next((other for other in centres if place == (other.district, other.province)), None)
        at = next((other for other in centres if position == (other.lat, other.lon)), None)
        if same is not None and len(reader.problems) == count:  # a record pasted twice, its id changed
            check.problem("district", f"is the district of centre `{same.id}` (line {record_lines[same.id]}): there "
                                      "is one centre per district, and the site would count and list it twice. "
                                      "Delete one of the two records")
        elif at is not None and len(reader.problems) == count:  # copied as a model, its position left as it was
            check.problem("lat", f"is the position of centre `{at.id}` (line {record_lines[at.id]}), another "
                                 "district: a record started from a copy keeps the other's `lat` and `lon`, and "
                                 "the map would put both centres at one point. Write this district office's "
                                 "position (in OpenStreetMap: right-click the office, Centre map here; the "
                                 "address then ends with its position, map=zoom/lat/lon)")
        if len(reader.problems) == count:  # this record is valid
            record_lines[centre_id] = record_line
            centres.append(Centre(
                id=centre_id, name=texts["name"], district=texts["district"], province=texts["province"],
                address=texts["address"], border=border,
                counterpart=Counterpart(opposite[0], opposite[1], paired_by),
                lat=coordinates["lat"], lon=coordinates["lon"], crossings=tuple(crossings),
                phones=tuple(phones), email=str(email) if email else None, hours=hours,
                last_checked=last_checked, listed_by=listed_by, also_spelled=also_spelled,
            ))
    return centres, reader.problems


def load_hotlines(path: Path, languages: list[str], known_sources: dict | None = None, settings: dict | None = None,
                  ) -> tuple[list[Hotline], list[Problem]]:
    """Read and validate the national hotlines; each must name the agency that runs it, and cite a source.

    With `known_sources` (plugins/sources), `source` must cite a defined key.
    """
    reader = RecordReader(path, languages, [], (settings or {}).get("TIMEZONE"))
    hotlines = []
    for number, record, lines, record_line in reader.records():
        check = RecordCheck(reader, f"hotline `{record.get('number', number)}`", record, lines, record_line)
        check.unknown_fields({"number", "agency", "purpose", "source"})
        count = len(reader.problems)
        value = str(record.get("number") or "")
        try:
            valid = short_number(value) or phonenumbers.is_valid_number_for_region(phonenumbers.parse(value, "TH"),
                                                                                  "TH")
        except phonenumbers.NumberParseException:
            valid = False
        if not valid:
            check.problem("number", f"`{value}` is not a Thai hotline (three or four digits starting "
                                    "with 1, e.g. `191`, `1300`) or telephone number")
        agency, purpose = check.localized("agency"), check.localized("purpose")
        source = check.text("source")
        if source and known_sources is not None:
            check_cited_field(check, "source", known_sources, settings)
        if len(reader.problems) == count:
            hotlines.append(Hotline(value, agency, purpose, source))
    return hotlines, reader.problems
