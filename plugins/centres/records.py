"""Typed records for the coordination centres and hotlines, and their validation.

`content/data/centres.yaml` and `content/data/hotlines.yaml` are read once and validated into frozen
records; templates never see a raw dict. Every problem is reported with the file, the line, the
record's id (or number), the field, and what a valid value looks like, all in one run.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import phonenumbers
import yaml
from content_guard.content_guard import Problem
from phonenumbers import shortnumberinfo

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
THAI_SERVICE_NUMBER = re.compile(r"^1\d{2,3}$")
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
BORDERS = {"LA": "Lao PDR", "KH": "Cambodia"}
# Thailand's border districts facing Lao PDR and Cambodia lie inside this box (lat, lon).
BORDER_REGION = {"lat": (11.0, 20.6), "lon": (98.0, 106.0)}
CENTRE_FIELDS = {
    "id", "name", "district", "province", "address", "border", "counterpart", "lat", "lon",
    "crossings", "phones", "email", "hours", "last_checked", "listed_by",
}
FROM_RECORD = object()  # marks "read the value from the record" in RecordCheck


@dataclass(frozen=True)
class Localized:
    """A text in every language of the site: `text["th"]`, `text["en"]`."""

    values: tuple[tuple[str, str], ...]

    def __getitem__(self, lang: str) -> str:
        return dict(self.values)[lang]

    def as_dict(self) -> dict[str, str]:
        """Return the texts as a plain mapping (for JSON and CSV)."""
        return dict(self.values)


@dataclass(frozen=True)
class Phone:
    """A validated Thai telephone number."""

    e164: str  # +6653791234, for tel: links and vCards
    display: str  # 053 791 234, as Thai readers write it


@dataclass(frozen=True)
class Counterpart:
    """The district and province across the border."""

    district: Localized
    province: Localized


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
    listed_by: str

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


@dataclass
class RecordReader:
    """Reads one YAML list of mappings, remembering the line of every record and field."""

    path: Path
    languages: list[str]
    problems: list[Problem]

    def records(self) -> Iterator[tuple[int, dict, dict[str, int], int]]:
        """Yield (number, record, field lines, record line) for each record of the file."""
        try:
            text = self.path.read_text(encoding="utf-8")
            data = yaml.safe_load(text)
            tree = yaml.compose(text)
        except FileNotFoundError:
            self.problems.append(Problem(self.path, 1, "the file is missing"))
            return
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            self.problems.append(Problem(self.path, (mark.line + 1) if mark else 1,
                                         f"this is not valid YAML: {getattr(error, 'problem', error)}"))
            return
        if not isinstance(data, list):
            self.problems.append(Problem(self.path, 1, "the file must be a list of records, each "
                                                       "starting with `- id: ...`"))
            return
        for number, (record, node) in enumerate(zip(data, tree.value, strict=True), start=1):
            record_line = node.start_mark.line + 1
            if not isinstance(record, dict):
                self.problems.append(Problem(self.path, record_line,
                                             f"record {number}: must be a mapping of `field: value`"))
                continue
            lines = {key.value: value.start_mark.line + 1 for key, value in node.value}
            yield number, record, lines, record_line


class RecordCheck:
    """Checks the fields of one record, collecting problems that name the record and field."""

    def __init__(self, reader: RecordReader, label: str, record: dict, lines: dict[str, int],
                 record_line: int):
        self.reader, self.label, self.record = reader, label, record
        self.lines, self.record_line = lines, record_line

    def problem(self, field: str, message: str) -> None:
        """Record a problem with one field."""
        line = self.lines.get(field.split(".")[0], self.record_line)
        self.reader.problems.append(Problem(self.reader.path, line, f"{self.label}, field `{field}`: {message}"))

    def text(self, field: str) -> str | None:
        """A required non-empty text."""
        value = self.record.get(field)
        if value is None or not str(value).strip():
            self.problem(field, "is missing: add it")
            return None
        return str(value).strip()

    def localized(self, field: str, value=FROM_RECORD, required: bool = True) -> Localized | None:
        """A text in every language: `{th: ..., en: ...}`."""
        value = self.record.get(field) if value is FROM_RECORD else value
        if value is None and not required:
            return None
        languages = self.reader.languages
        shape = "{" + ", ".join(f"{lang}: ..." for lang in languages) + "}"
        if value is None:
            self.problem(field, f"is missing: add `{field.split('.')[-1]}: {shape}`")
            return None
        if not isinstance(value, dict):
            self.problem(field, f"must give the text in every language, like `{field}: {shape}`")
            return None
        missing = [lang for lang in languages if not str(value.get(lang) or "").strip()]
        if missing:
            self.problem(f"{field}.{missing[0]}", f"is missing: add the text in `{missing[0]}` ({shape})")
            return None
        return Localized(tuple((lang, str(value[lang]).strip()) for lang in languages))

    def unknown_fields(self, known: set[str]) -> None:
        """Report misspelt field names."""
        for field in self.record:
            if field not in known:
                close = difflib.get_close_matches(str(field), sorted(known), n=1)
                hint = f"did you mean `{close[0]}`?" if close else f"known fields: {', '.join(sorted(known))}"
                self.problem(str(field), f"is not a known field: {hint}")


def check_phone(check: RecordCheck, index: int, value) -> Phone | None:
    """A Thai telephone number, validated with Google's libphonenumber rules."""
    field = f"phones[{index}]"
    try:
        number = phonenumbers.parse(str(value), "TH")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number_for_region(number, "TH"):
        check.problem(field, f"`{value}` is not a valid Thai telephone number: write it as dialled "
                             "in Thailand, e.g. `053 791 234` or `081 234 5678`")
        return None
    return Phone(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
                 phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL))


def check_date(check: RecordCheck, field: str) -> datetime.date | None:
    """A date written as YYYY-MM-DD, not in the future."""
    value = check.record.get(field)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value.strip())
        except ValueError:
            value = None
    if not isinstance(value, datetime.date):
        check.problem(field, f"`{check.record.get(field)}` is not a date: write it as `2026-11-27`")
        return None
    if value > datetime.date.today():
        check.problem(field, f"{value} is in the future: write the date the record was last checked")
        return None
    return value


def load_centres(path: Path, languages: list[str]) -> tuple[list[Centre], list[Problem]]:
    """Read and validate the coordination centres; return the records and every problem."""
    reader = RecordReader(path, languages, [])
    centres: list[Centre] = []
    seen_ids: dict[str, int] = {}
    for number, record, lines, record_line in reader.records():
        centre_id = str(record.get("id") or "")
        label = f"centre `{centre_id}`" if centre_id else f"record {number}"
        check = RecordCheck(reader, label, record, lines, record_line)
        check.unknown_fields(CENTRE_FIELDS)
        count = len(reader.problems)

        if not ID_PATTERN.match(centre_id):
            check.problem("id", f"`{centre_id}` must be lower-case English letters, digits and hyphens, "
                                "e.g. `chiang-khong`: it is the centre's web address")
        elif centre_id in seen_ids:
            check.problem("id", f"`{centre_id}` is already used by record {seen_ids[centre_id]}: ids must "
                                "be unique")
        else:
            seen_ids[centre_id] = number
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
        coordinates = {}
        for axis in ("lat", "lon"):
            value = record.get(axis)
            low, high = BORDER_REGION[axis]
            if not isinstance(value, int | float) or isinstance(value, bool):
                check.problem(axis, f"`{value}` is not a number: write decimal degrees, e.g. "
                                    f"`{axis}: {'20.2636' if axis == 'lat' else '100.4056'}`")
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
        email = record.get("email")
        if email is not None and not EMAIL_PATTERN.match(str(email)):
            check.problem("email", f"`{email}` is not an e-mail address: write it like `name@example.go.th`")
        hours = check.localized("hours", required=False)
        last_checked = check_date(check, "last_checked")

        if len(reader.problems) == count:  # this record is valid
            centres.append(Centre(
                id=centre_id, name=texts["name"], district=texts["district"], province=texts["province"],
                address=texts["address"], border=border,
                counterpart=Counterpart(opposite[0], opposite[1]),
                lat=coordinates["lat"], lon=coordinates["lon"], crossings=tuple(crossings),
                phones=tuple(phones), email=str(email) if email else None, hours=hours,
                last_checked=last_checked, listed_by=str(record.get("listed_by") or ""),
            ))
    return centres, reader.problems


def load_hotlines(path: Path, languages: list[str]) -> tuple[list[Hotline], list[Problem]]:
    """Read and validate the national hotlines; each must name the agency that runs it."""
    reader = RecordReader(path, languages, [])
    hotlines = []
    for number, record, lines, record_line in reader.records():
        check = RecordCheck(reader, f"hotline `{record.get('number', number)}`", record, lines, record_line)
        check.unknown_fields({"number", "agency", "purpose", "source"})
        count = len(reader.problems)
        value = str(record.get("number") or "")
        try:
            parsed = phonenumbers.parse(value, "TH")
            valid = shortnumberinfo.is_valid_short_number_for_region(parsed, "TH") or \
                phonenumbers.is_valid_number_for_region(parsed, "TH")
        except phonenumbers.NumberParseException:
            valid = False
        # libphonenumber does not list every Thai four-digit service number (1300, 1386 are
        # missing), so the national plan's shape for them, 1 and three digits, is accepted too.
        valid = valid or bool(THAI_SERVICE_NUMBER.match(value))
        if not valid:
            check.problem("number", f"`{value}` is not a Thai hotline (three or four digits starting "
                                    "with 1, e.g. `191`, `1300`) or telephone number")
        agency, purpose = check.localized("agency"), check.localized("purpose")
        source = check.text("source")
        if len(reader.problems) == count:
            hotlines.append(Hotline(value, agency, purpose, source))
    return hotlines, reader.problems
