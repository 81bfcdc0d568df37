"""key_figures: the home page's key figures, from `content/data/key-figures.yaml`.

The file is validated once, at start-up, into typed records; templates only read them
(`KEY_FIGURES`, each with `value`, `label[lang]` and `source`).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from pelican import signals

from content_guard.content_guard import Problem, stop_build
from content_guard.data import Localized, RecordCheck, RecordReader
from sources.sources import check_cited_field, known_sources

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class KeyFigure:
    """One figure: the number as shown, its label per language, and where it comes from (`[KEY]; note`)."""

    value: str
    label: Localized
    source: str


THAI_DIGITS = re.compile("[\u0e50-\u0e59]")
TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
CURLY_QUOTES = re.compile("[“”‘’„«»]")
LETTERS = re.compile(r"[^\W\d_]+")  # a word in any script: the value is one, the labels are per language


def written_value(path: Path, line: int) -> str:
    """The value of a `value:` line as written in the file, before YAML read it."""
    text = path.read_text(encoding="utf-8").splitlines()[line - 1]
    return text.partition(":")[2].split(" #")[0].strip()


def load_key_figures(path: Path, languages: list[str], settings: dict | None = None,
                     ) -> tuple[list[KeyFigure], list[Problem]]:
    """Read and validate the key figures file; return the records and every problem found.

    With `settings`, each figure's `source` must cite keys the sources file defines (plugins/sources).
    """
    if not path.exists():
        return [], []
    reader = RecordReader(path, languages, [])
    known = known_sources(settings)[0] if settings else None
    figures = []
    for number, record, lines, record_line in reader.records():
        check = RecordCheck(reader, f"figure {number}", record, lines, record_line)
        check.unknown_fields({"value", "label", "source"})
        count = len(reader.problems)
        raw = record.get("value")
        value, label, source = check.text("value"), check.localized("label"), check.text("source")
        if value and not isinstance(raw, str):  # 0270 is read as 184, 1:30 as 90
            written = written_value(reader.path, lines.get("value", record_line))
            meant = (written.lstrip("0") or written) if written.isdigit() else written
            check.problem("value", f"write the figure in quotes, `value: \"{meant}\"`: without them the file reads "
                                   f"`{written}` as a number, and may change it (it read {value})")
        elif value and CURLY_QUOTES.search(value):
            check.problem("value", f"`{value}` is in the quotation marks Word and phones type, which the home pages "
                                   f"would show: write `value: \"{CURLY_QUOTES.sub('', value)}\"`")
        elif value and THAI_DIGITS.search(value):  # both home pages show the one value
            check.problem("value", f"`{value}` is written with Thai digits, which the English home page would show "
                                   f"too: write `value: \"{value.translate(TO_ARABIC)}\"`")
        elif value and (words := LETTERS.search(value)):
            check.problem("value", f"`{value}` holds the word `{words.group()}`, which every language's home page "
                                   "would show as it is: write the number alone, and the words in each language's "
                                   "`label` (about: ประมาณ)")
        if source and known is not None:
            check_cited_field(check, "source", known, settings)
        if len(reader.problems) == count:
            figures.append(KeyFigure(value, label, source))
    return figures, reader.problems


def figures_file(settings: dict) -> Path:
    """Where the key figures are: KEY_FIGURES_FILE under the content folder."""
    return Path(settings["PATH"]) / settings.get("KEY_FIGURES_FILE", "data/key-figures.yaml")


def check_data(settings: dict) -> list[Problem]:
    """content_guard check (CONTENT_CHECKS): the key figures file is valid, so `make check` says so first."""
    return load_key_figures(figures_file(settings), list(settings["LANGUAGES"]), settings)[1]


def load_into_settings(pelican) -> None:
    """Load the figures once, for the main site; subsites inherit them."""
    settings = pelican.settings
    if "KEY_FIGURES" in settings:
        return
    figures, problems = load_key_figures(figures_file(settings), list(settings["LANGUAGES"]))
    if problems:
        stop_build(logger, "key_figures", problems)
    settings["KEY_FIGURES"] = figures


def register():
    """Load at start-up, so a bad file stops the build before anything is written."""
    signals.initialized.connect(load_into_settings)
