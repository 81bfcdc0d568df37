"""Typed records from YAML data files: reading with line numbers, and checks that explain themselves.

Plugins that turn data files into pages (centres, media) validate their records with these helpers, so
every problem reads the same way: `path:line: <record>, field `name`: what is wrong; what a valid
value looks like`.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from .content_guard import BUDDHIST_ERA_FROM, Problem, site_today, written_date

# libyaml's parser when PyYAML has it (its wheels do): ten times faster than the Python one.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LOADED: dict[str, tuple] = {}  # name -> (key, data): the last load of each data set


def load_once(name: str, paths: list[Path], depends_on: tuple, load: Callable):
    """Return `load()`, run again only when the files (or `depends_on`) changed since the last call.

    Every language's build reads the same data files; they are parsed and validated once.
    """
    key = (depends_on, tuple((str(path), path.stat().st_mtime_ns if path.exists() else 0) for path in paths))
    if name not in _LOADED or _LOADED[name][0] != key:
        _LOADED[name] = (key, load())
    return _LOADED[name][1]

FROM_RECORD = object()  # marks "read the value from the record" in RecordCheck


@dataclass(frozen=True)
class Localized:
    """A text in every language of the site: `text["th"]`, `text["en"]`."""

    values: tuple[tuple[str, str], ...]

    def __getitem__(self, lang: str) -> str:
        for key, text in self.values:  # two or three pairs, asked for on every page: no dict built each time
            if key == lang:
                return text
        raise KeyError(lang)

    def as_dict(self) -> dict[str, str]:
        """Return the texts as a plain mapping (for JSON and CSV)."""
        return dict(self.values)


# What PyYAML's words mean for someone editing a data file by hand, and what to do.
YAML_FIXES = {
    "'\\t'": ": the line holds a tab. Indent with spaces only (your editor may have a setting that types "
             "spaces for the Tab key)",
    **dict.fromkeys(("mapping values are not allowed", "but got ':'"),
                    ": a value holds a colon and a space (`: `). Put the whole value in quotes, e.g. "
                    "`en: \"District Office: Chiang Khong\"`"),
    "expected <block end>": ": the indentation does not line up. Each field of a record starts in the same "
                            "column as the others (two spaces after the `-` of `- id:`), with spaces, not tabs",
    "could not find expected ':'": ": a line is not written as `field: value`. Check for a missing colon, on "
                                   "this line or the one above",
    "did not find expected key": ": the indentation does not line up, or a quote is not closed. Compare this "
                                 "line with the record above it",
}


# A value that starts with `[` but goes on after the `]`: `listed_by: [WS2] [CR]`, `source: [BRIEF]; note`; or
# a link's `{filename}` at the start of a value: `to: {filename}/articles/...`.
BRACKETED_VALUE = re.compile(
    r"^\s*(?:-\s+)?(?P<key>[\w-]+):\s+(?P<value>(?:\[[^\]]*\]\s*[^\s#]|\{\w+\}[^\s#,}]).*?)\s*$")


def line_hint(line: str, stopped_here: bool = True) -> str:
    """What is wrong with a line PyYAML stopped at (or the line before), when its own words would mislead."""
    if "\u00a0" in line:
        return (": the line holds a non-breaking space (copied from a document or a web page), which YAML does not "
                "read as a space: delete the spaces on this line and type them again")
    if stopped_here and (match := BRACKETED_VALUE.match(line)):
        bracket = match["value"][0]
        read_as = "a list" if bracket == "[" else "a group of fields"
        return (f": a value that starts with `{bracket}` is read as {read_as}. Put the whole value in quotes: "
                f"`{match['key']}: \"{match['value']}\"`")
    return ""


# `key: value`, `- key: value` or a group's `key:` (a comment or spaces after it are no value: GitHub's editor
# keeps the spaces typed at the end of a line).
FIELD_LINE = re.compile(r"^(?P<lead>\s*(?:-\s+)?)(?P<key>[\w-]+):(?:\s+(?P<value>[^\s#].*?))?\s*(?:#.*)?$")


def indent_hint(lines: list[str], number: int) -> tuple[int, str] | None:
    """A field indented otherwise than the record's fields, on the line PyYAML stopped at or the one before.

    Three spaces where the record's fields have two: PyYAML read the line as part of the value above and blamed a
    colon ("mapping values are not allowed"), and the check said to put a value in quotes. The columns the
    record's fields (and the fields inside them) start at are those of the lines above, up to its `- id:`.
    """
    for at in (number, number - 1):
        field = FIELD_LINE.match(lines[at - 1]) if 1 < at <= len(lines) else None
        if not field or "-" in field["lead"] or "\t" in field["lead"]:  # a tab has a message of its own
            continue
        columns, record, opener = set(), None, None
        for line in reversed(lines[:at - 1]):
            if (above := FIELD_LINE.match(line)) and not line.lstrip().startswith("#"):
                opener = above if opener is None else opener  # the field just above
                columns.add(len(above["lead"]))
                if above["lead"].startswith("-"):  # a record's `- id:`, not an item of a list inside one
                    record = len(above["lead"])
                    break
        if opener is not None and not opener["value"] and len(opener["lead"]) < len(field["lead"]):
            continue  # the first field inside a group (`title:`, then `th: ...`): where its fields start
        if record is not None and len(field["lead"]) not in columns:
            return at, (f": the field `{field['key']}` starts {len(field['lead'])} characters into the line, the "
                        f"record's fields {record} (after `- `): start each field of a record in the same column, "
                        "with spaces")
    return None


def load_with_nodes(text: str, loader_class) -> tuple[object, yaml.Node | None]:
    """The YAML document and its node tree (which knows every value's line), from one parse."""
    loader = loader_class(text)
    try:
        tree = loader.get_single_node()
        return (None if tree is None else loader.construct_document(tree)), tree
    finally:
        loader.dispose()


def impossible_date(text: str) -> tuple[int, str, str]:
    """The line, field and value of the first date in `text` that does not exist (`2026-11-31`).

    YAML reads a value written like a date as a date, and PyYAML stops with Python's own words ("day is out
    of range for month") and no line when the day is not in the calendar.
    """
    loader = yaml.SafeLoader(text)

    def dates(node: yaml.Node, field: str = ""):
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                yield from dates(value, key.value)
        elif isinstance(node, yaml.SequenceNode):
            for value in node.value:
                yield from dates(value, field)
        elif node.tag == "tag:yaml.org,2002:timestamp":
            yield field, node

    try:
        for field, node in dates(loader.get_single_node()):
            try:
                loader.construct_yaml_timestamp(node)
            except ValueError:
                return node.start_mark.line + 1, field, node.value
    finally:
        loader.dispose()
    return 1, "", ""


@dataclass
class RecordReader:
    """Reads one YAML list of mappings, remembering the line of every record and field."""

    path: Path
    languages: list[str]
    problems: list[Problem]
    timezone: str | None = None  # the site's TIMEZONE: which day is today for "in the future"
    repeated: list[tuple[str, int, int]] = dataclasses.field(default_factory=list)  # in the record just read

    def records(self) -> Iterator[tuple[int, dict, dict[str, int], int]]:
        """Yield (number, record, field lines, record line) for each record of the file."""
        try:
            text = self.path.read_text(encoding="utf-8")
            try:
                data, tree = load_with_nodes(text, FAST_LOADER)
            except yaml.YAMLError:  # say what is wrong in PyYAML's own words, which the README quotes
                data, tree = load_with_nodes(text, yaml.SafeLoader)
        except FileNotFoundError:
            self.problems.append(Problem(self.path, 1, "the file is missing"))
            return
        except ValueError:  # a date that is not in the calendar
            number, field, value = impossible_date(text)
            self.problems.append(Problem(self.path, number, f"field `{field}`: `{value}` is not a day of the calendar "
                                                            "(that month has fewer days, or the time is past 23:59): "
                                                            "check the day, the month and the time"))
            return
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            problem = str(getattr(error, "problem", error))
            number = (mark.line + 1) if mark else 1
            lines = text.splitlines()
            # PyYAML often stops on the line after the mistake: look at both.
            near = [(at, lines[at - 1]) for at in (number, number - 1) if 0 < at <= len(lines)]
            found = next(((at, hint) for at, line in near if (hint := line_hint(line, at == number))), None) or \
                indent_hint(lines, number)
            # A `[` or `{` left open: PyYAML stops lines later, where the next one opens, or at a colon (a
            # missing quote, `"081 234 5678]`, leaves the `]` inside it). The line that opened it is the one to fix.
            context, opened = str(getattr(error, "context", "") or ""), getattr(error, "context_mark", None)
            if opened is not None and context.startswith("while parsing a flow") and opened.line + 1 < number:
                bracket = "[" if "sequence" in context else "{"
                found = (opened.line + 1, f": the `{bracket}` on this line is not closed. Close it on this line with "
                                          f"`{']' if bracket == '[' else '}'}`, and close every quote inside it")
            if found:
                number, hint = found
            else:
                hint = next((fix for words, fix in YAML_FIXES.items() if words in problem), "")
            self.problems.append(Problem(self.path, number, f"this is not valid YAML: {problem}{hint}"))
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
            self.repeated = repeated_fields(node)
            yield number, record, lines, record_line


def repeated_fields(node: yaml.MappingNode, within: str = "") -> list[tuple[str, int, int]]:
    """Each field written twice in one record, or in one of its texts: (name, first line, second line).

    YAML keeps the last without a word: a record copied to make a new one, then given a field it already
    had, would lose the first value.
    """
    first: dict[str, int] = {}
    found = []
    for key, value in node.value:
        name, line = f"{within}{key.value}", key.start_mark.line + 1
        if key.value in first:
            found.append((name, first[key.value], line))
        first.setdefault(key.value, line)
        if isinstance(value, yaml.MappingNode):
            found.extend(repeated_fields(value, f"{name}."))
    return found


class RecordCheck:
    """Checks the fields of one record, collecting problems that name the record and field."""

    def __init__(self, reader: RecordReader, label: str, record: dict, lines: dict[str, int],
                 record_line: int):
        self.reader, self.label, self.record = reader, label, record
        self.lines, self.record_line = lines, record_line
        for name, first, second in reader.repeated:  # the fields the reader found twice in this record
            where = f"lines {first} and {second}" if first != second else f"line {first}"
            reader.problems.append(Problem(reader.path, second, (
                f"{label}, field `{name}`: written twice in this record ({where}), and only the last would be "
                "read: keep one")))
        reader.repeated = []

    def problem(self, field: str, message: str) -> None:
        """Record a problem with one field."""
        line = self.lines.get(re.split(r"[.\[]", field)[0], self.record_line)  # name.en, phones[0]: their key
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
        # `{th: ..., en: Monday to Friday, 8.30 am - 4.30 pm}`: YAML ends a value at a comma in braces and reads
        # what follows as another key, with no value. The page showed "Monday to Friday", and nothing said so.
        cut = [key for key, text in value.items() if key not in languages and text is None]
        if cut:
            self.problem(field, f"the text after a comma, `{cut[0]}`, was read as a field of its own and left out: "
                                f"put each language's text in quotes, e.g. `{{th: \"...\", en: \"..., {cut[0]}\"}}`")
            return None
        missing = [lang for lang in languages if not str(value.get(lang) or "").strip()]
        if missing:
            self.problem(f"{field}.{missing[0]}", f"is missing: add the text in `{missing[0]}` ({shape})")
            return None
        return Localized(tuple((lang, str(value[lang]).strip()) for lang in languages))

    def record_id(self, seen: dict[str, int], example: str, purpose: str = "") -> str:
        """The record's `id`: lower-case ASCII with hyphens, and unique in the file (`seen`: each id's line)."""
        record_id = str(self.record.get("id") or "")
        if not ID_PATTERN.match(record_id):
            self.problem("id", f"`{record_id}` must be lower-case English letters, digits and hyphens, "
                               f"e.g. `{example}`{purpose}")
        elif record_id in seen:
            self.problem("id", f"`{record_id}` is already used by the record at line {seen[record_id]}: ids must be "
                               "unique. If this record is a copy, delete one of them; otherwise give it its own id")
        else:
            seen[record_id] = self.record_line
        return record_id

    def unknown_fields(self, known: set[str]) -> None:
        """Report misspelt field names."""
        for field in self.record:
            if field not in known:
                close = difflib.get_close_matches(str(field), sorted(known), n=1)
                hint = f"did you mean `{close[0]}`?" if close else f"known fields: {', '.join(sorted(known))}"
                self.problem(str(field), f"is not a known field: {hint}")


def check_date(check: RecordCheck, field: str, meaning: str = "the date the record was last checked",
               ) -> datetime.date | None:
    """A date written as YYYY-MM-DD, not in the future (`meaning`: what the date is, for that message)."""
    value = check.record.get(field)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value.strip())
        except ValueError:
            value = None
    if not isinstance(value, datetime.date):
        written = check.record.get(field)
        # 27/11/2569 or 27 พ.ย. 2569 is told its own date, as an article's Date is.
        meant = written_date(str(written)) if written is not None else None
        check.problem(field, f"`{written}` is not a date: write it as `{meant[:10] if meant else '2026-11-27'}`")
        return None
    if value.year >= BUDDHIST_ERA_FROM:
        check.problem(field, f"{value.year} is a Buddhist Era year: write the year of the Western calendar "
                             f"(543 less), e.g. `{value.replace(year=value.year - 543)}`")
        return None
    if value > site_today(check.reader.timezone):
        check.problem(field, f"{value} is in the future: write {meaning}")
        return None
    return value
