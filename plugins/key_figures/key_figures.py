"""key_figures: the home page's key figures, from `content/data/key-figures.yaml`.

The file is validated once, at start-up, into typed records; templates only read them
(`KEY_FIGURES`, each with `value`, `label[lang]` and `source`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import yaml
from pelican import signals

from content_guard.content_guard import ContentProblems, Problem

logger = logging.getLogger(__name__)

EXAMPLE = ('- value: "44"\n  label:\n    th: ศูนย์ประสานงาน\n    en: coordination centres\n'
           '  source: "Project brief"')


@dataclass(frozen=True)
class KeyFigure:
    """One figure: the number as shown, its label per language, and where it comes from."""

    value: str
    label: dict[str, str]
    source: str


def load_key_figures(path: Path, languages: list[str]) -> tuple[list[KeyFigure], list[Problem]]:
    """Read and validate the key figures file; return the records and every problem found."""
    if not path.exists():
        return [], []
    try:
        records = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as error:
        line = getattr(getattr(error, "problem_mark", None), "line", 0) + 1
        message = f"this is not valid YAML ({error.problem}); compare with:\n{EXAMPLE}"
        return [], [Problem(path, line, message)]
    if not isinstance(records, list):
        return [], [Problem(path, 1, f"the file must be a list of figures, like:\n{EXAMPLE}")]
    figures, problems = [], []
    for number, record in enumerate(records, start=1):
        where = f"figure {number}"
        if not isinstance(record, dict):
            problems.append(Problem(path, 1, f"{where}: must be a mapping with value, label and source"))
            continue
        value = str(record.get("value", "")).strip()
        source = str(record.get("source", "")).strip()
        label = record.get("label") if isinstance(record.get("label"), dict) else {}
        if not value:
            problems.append(Problem(path, 1, f'{where}: field `value` is missing: write it as text, '
                                             'e.g. value: "44"'))
        if not source:
            problems.append(Problem(path, 1, f"{where} ({value}): field `source` is missing: name "
                                             "where the figure comes from"))
        for lang in languages:
            if not str(label.get(lang, "")).strip():
                problems.append(Problem(path, 1, f"{where} ({value}): field `label.{lang}` is missing: "
                                                 f"add the label in that language"))
        figures.append(KeyFigure(value, {lang: str(label.get(lang, "")) for lang in languages}, source))
    return figures, problems


def load_into_settings(pelican) -> None:
    """Load the figures once, for the main site; subsites inherit them."""
    settings = pelican.settings
    if "KEY_FIGURES" in settings:
        return
    path = Path(settings["PATH"]) / settings.get("KEY_FIGURES_FILE", "data/key-figures.yaml")
    figures, problems = load_key_figures(path, list(settings["LANGUAGES"]))
    for problem in problems:
        logger.error("key_figures: %s", problem)
    if problems:
        raise ContentProblems(problems)
    settings["KEY_FIGURES"] = figures


def register():
    """Load at start-up, so a bad file stops the build before anything is written."""
    signals.initialized.connect(load_into_settings)
