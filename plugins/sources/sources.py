"""sources: show readers where each page's facts come from.

An article or page cites its sources in its `Sources:` metadata, as keys defined once in
`content/data/sources.yaml`, then a note for readers:

    Sources: [WS2] [UBON]; [WS2] calls the event the "2nd workshop"; the brief's name is used.

The plugin validates the file into typed records at start-up (`SOURCES`), gives each article and page a
`citation` (its sources, in the order cited, and its note), and the theme renders them as a "Sources and
notes" block (theme/templates/partials/sources.html). The home page's key figures cite the same way
(`source:` in key-figures.yaml), through the `citation` filter.

Sources on the former project website, whose address this site takes over, are linked through the Internet
Archive (SOURCES_ARCHIVED_HOSTS, SOURCES_ARCHIVE_URL): their original addresses stop working once the site
is published there.
"""

from __future__ import annotations

import difflib
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from pelican import signals
from pelican.generators import ArticlesGenerator

from content_guard.content_guard import Problem, markdown_sources, read_header, stop_build
from content_guard.data import Localized, RecordCheck, RecordReader, load_once
from multilingual import multilingual

logger = logging.getLogger(__name__)

DEFAULTS = {
    "SOURCES_FILE": "data/sources.yaml",
    "SOURCES_ARCHIVED_HOSTS": [],
    "SOURCES_ARCHIVE_URL": "https://web.archive.org/web/2025/{url}",
}
KEY = re.compile(r"^[A-Z][A-Z0-9]*$")
BRACKETED = re.compile(r"\[(?P<key>[^\]]*)\]")
NOTE_KEY = re.compile(r"\[(?P<key>[A-Z][A-Z0-9]*)\]")  # inside the note, only capitals: "[Expected] Results" is text
# The keys a citation starts with, then the note: "[WS2] [UBON]; note" (a full stop may end the keys too).
# Keys written without brackets, alone or before the note: `BK WS2`, `CR; the district page` (not "UNODC said").
BARE_KEYS = re.compile(r"^\s*(?P<keys>(?:[A-Z][A-Z0-9]*\s*)+?)\s*(?:[;:.,]|$)")
LEADING_KEYS = re.compile(r"^\s*(?P<keys>(?:\[[^\]]*\]\s*)+)(?:[;.:,]\s*)?")
# A citation in quotation marks a word processor or chat app typed: `“[WS2]”`, `"[WS2]; note"`, `«[WS2]»`.
QUOTED_CITATION = re.compile(r"""^\s*(?P<quote>["'“”„‘’‚«»「『])\s*(?P<keys>\[[^\]]*\](?:\s*\[[^\]]*\])*)""")
BARE_URL = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:)\]]")
LANGUAGES = ("th", "en", "both")


def setting(settings: dict, name: str):
    """A setting of this plugin, or its default."""
    return settings.get(name, DEFAULTS[name])


@dataclass(frozen=True)
class Source:
    """One source: its key, its title and publisher in every language, its address and its language."""

    key: str
    title: Localized
    publisher: Localized | None
    url: str | None
    language: str  # the source's own language: th, en or both
    archive_url: str | None  # where readers find it now, when the original address is gone

    @property
    def link(self) -> str | None:
        """The address readers follow: the archived copy when there is one, else the original."""
        return self.archive_url or self.url


@dataclass(frozen=True)
class Citation:
    """What a page cites: its sources in the order given, and the note, split into text and links."""

    sources: tuple[Source, ...]
    note_parts: tuple[tuple[str, str | None], ...]  # (text, address or None)

    def __bool__(self) -> bool:
        return bool(self.sources or self.note_parts)


def load_sources(path: Path, languages: list[str], settings: dict) -> tuple[dict[str, Source], list[Problem]]:
    """Read and validate the sources file; return the records by key and every problem found."""
    if not path.exists():
        return {}, []
    reader = RecordReader(path, languages, [])
    archived_hosts = set(setting(settings, "SOURCES_ARCHIVED_HOSTS"))
    found: dict[str, Source] = {}
    for number, record, lines, record_line in reader.records():
        check = RecordCheck(reader, f"source {number}", record, lines, record_line)
        check.unknown_fields({"key", "title", "publisher", "url", "language"})
        count = len(reader.problems)
        key = str(record.get("key") or "").strip()
        if not KEY.match(key):
            check.problem("key", f"`{key}` must be capital English letters and digits, as cited in brackets: "
                                 "e.g. `key: WS2`, cited as `[WS2]`")
        elif key in found:
            check.problem("key", f"`{key}` is defined twice: keep one record")
        title, publisher = check.localized("title"), check.localized("publisher", required=False)
        url = str(record.get("url") or "").strip() or None
        if url and not re.match(r"^https?://[^\s/]+\.[^\s]+$", url):
            check.problem("url", f"`{url}` is not a web address: copy it from the browser's address bar, "
                                 "starting with https://")
        language = str(record.get("language") or "").strip()
        if language not in LANGUAGES:
            check.problem("language", f"`{language}` must be one of {', '.join(LANGUAGES)}: the language of "
                                      "the source itself")
        if len(reader.problems) == count:
            archived = url and urlsplit(url).hostname in archived_hosts
            archive_url = setting(settings, "SOURCES_ARCHIVE_URL").format(url=url) if archived else None
            found[key] = Source(key, title, publisher, url, language, archive_url)
    return found, reader.problems


def sources_file(settings: dict) -> Path:
    """Where the sources are: SOURCES_FILE under the content folder."""
    return Path(settings["PATH"]) / setting(settings, "SOURCES_FILE")


def known_sources(settings: dict) -> tuple[dict[str, Source], list[Problem]]:
    """The sources file's records and problems, read once however many checks and sites ask."""
    path = sources_file(settings)
    archive = (tuple(setting(settings, "SOURCES_ARCHIVED_HOSTS")), setting(settings, "SOURCES_ARCHIVE_URL"))
    return load_once("sources", [path], (tuple(settings["LANGUAGES"]), archive),
                     lambda: load_sources(path, list(settings["LANGUAGES"]), settings))


def split_citation(text: str) -> tuple[list[str], str]:
    """The keys a citation starts with and the note after them: "[WS2] [UBON]; note" -> (["WS2", "UBON"], "note")."""
    match = LEADING_KEYS.match(text)
    if not match:
        return [], text.strip()
    return [key.strip() for key in BRACKETED.findall(match["keys"])], text[match.end():].strip()


def citation_problems(text: str, path: Path, line: int, known: dict[str, Source], where: str,
                      settings: dict, field: str = "Sources") -> list[Problem]:
    """Every key cited in `text` (leading, or in capitals inside the note) that the sources file does not define.

    `field`: the name the citation is written after, `Sources` in a content file, `listed_by` in a data file.
    """
    if quoted := QUOTED_CITATION.match(text):
        keys = quoted["keys"].strip()
        fix = f"`{field}: \"{keys}\"`, with the straight quotes YAML needs" if path.suffix in (
            ".yaml", ".yml") else f"`{field}: {keys}`"
        return [Problem(path, line, f"{where} is in quotation marks ({quoted['quote']}...), typed by Word or a chat "
                                    f"app, so readers would see them and the sources would not be listed: write {fix}")]
    leading, note = split_citation(text)
    problems = []
    bare = BARE_KEYS.match(text)
    keys = bare["keys"].split() if bare and not leading else []
    if keys and all(key in known for key in keys):  # `Sources: BK WS2`: shown to readers as a note
        bracketed = " ".join(f"[{key}]" for key in keys)
        problems.append(Problem(path, line, f"{where} starts with {' '.join(keys)} without brackets, so readers would "
                                            f"see it as a note and the sources would not be listed: write "
                                            f"`{bracketed}`, then `;` and the note if there is one"))
    for key in dict.fromkeys([*leading, *NOTE_KEY.findall(note)]):
        if key in known:
            continue
        close = difflib.get_close_matches(key.upper().replace(" ", ""), sorted(known), n=1)
        fix = (f"did you mean [{close[0]}]? Otherwise add" if close else "add")
        problems.append(Problem(path, line, f"{where} cites [{key}], which {setting(settings, 'SOURCES_FILE')} "
                                            f"does not define: {fix} a record with `key: {key}` to that file"))
    return problems


def citation_value(check: RecordCheck, field: str, value) -> str:
    """A data field's citation as text; `[WS2]` without quotes, which YAML reads as a list, is a problem.

    Returns "" for such a list (its keys are not checked again).
    """
    if isinstance(value, list) and value and all(isinstance(item, str) for item in value):
        meant = " ".join(f"[{item}]" for item in value)
        check.problem(field, f"write it in quotes, `{field.split('.')[-1]}: \"{meant}\"`: without them the file "
                             f"reads {meant} as a list, not as a citation")
        return ""
    return str(value or "").strip()


def check_cited_field(check: RecordCheck, field: str, known: dict[str, Source], settings: dict,
                      text: str | None = None) -> None:
    """A data record's field that cites sources (`text`, else the field's value): every key must be defined.

    The problems go with the record's other problems, on the field's line, named as its checks name them.
    """
    text = citation_value(check, field, check.record.get(field)) if text is None else text
    line = check.lines.get(field.split(".")[0], check.record_line)  # counterpart.paired_by: counterpart's line
    check.reader.problems.extend(citation_problems(text, check.reader.path, line, known,
                                                   f"{check.label}, field `{field}`,", settings, field.split(".")[-1]))


def check_citations(settings: dict) -> list[Problem]:
    """content_guard check (CONTENT_CHECKS): the sources file is valid and every cited key is defined."""
    known, problems = known_sources(settings)
    problems = list(problems)
    for path, kind, _text in markdown_sources(settings):
        header, _header_problems = read_header(path, kind)
        if header is None or header.get("sources") is None:
            continue
        problems.extend(citation_problems(header.get("sources"), path, header.line_of("sources"), known,
                                          "Sources", settings))
    return problems


def note_parts(note: str) -> tuple[tuple[str, str | None], ...]:
    """The note as text and web addresses, so the theme can link the addresses a writer pasted."""
    parts, start = [], 0
    for match in BARE_URL.finditer(note):
        if match.start() > start:
            parts.append((note[start:match.start()], None))
        parts.append((match.group(0), match.group(0)))
        start = match.end()
    if start < len(note):
        parts.append((note[start:], None))
    return tuple(parts)


def cite(texts: str | Iterable[str], known: dict[str, Source]) -> Citation:
    """The citation of one `Sources:` value, or of several (the key figures'), their sources listed once."""
    texts = [texts] if isinstance(texts, str) else list(texts)
    keys: dict[str, None] = {}
    notes = []
    for text in texts:
        leading, note = split_citation(text or "")
        keys.update(dict.fromkeys(key for key in leading if key in known))
        if note and len(texts) == 1:  # the figures' notes are for the editors; their sources are listed
            notes.append(note)
    return Citation(tuple(known[key] for key in keys), note_parts(" ".join(notes)))


def load_into_settings(pelican) -> None:
    """Load the sources once, at start-up, so a bad file stops the build before anything is written."""
    settings = pelican.settings
    if "SOURCES" in settings:
        return
    known, problems = known_sources(settings)
    if problems:
        stop_build(logger, "sources", problems)
    settings["SOURCES"] = known


def attach_citation(content) -> None:
    """Give an article or page its `citation` (empty when it cites nothing)."""
    content.citation = cite(content.metadata.get("sources") or "", content.settings.get("SOURCES") or {})


# Language -> the templates of its articles, which write its feed: each generator has templates of its own,
# and languages built one after another in one process (MULTILINGUAL_PARALLEL = False) each have theirs.
_THEME = {}


def install_filter(generator) -> None:
    """`{{ figure.source | citation }}`, and a list of such texts: their sources, each listed once."""
    known = generator.settings.get("SOURCES") or {}
    generator.env.filters["citation"] = lambda texts: cite(texts, known)
    if isinstance(generator, ArticlesGenerator):
        _THEME[generator.settings["DEFAULT_LANG"]] = generator.env


def cite_in_feed(context, feed) -> None:
    """Each feed entry ends with its article's "Sources and notes", as the article's page does.

    Pelican's feeds carry the text alone: a journalist reading the feed got the facts without where they
    come from. The theme's own partial renders them, in the feed's language.
    """
    template = _THEME[context["DEFAULT_LANG"]].get_template("partials/sources.html")
    for item, article in multilingual.feed_entries(context, feed):
        if article.citation and item.get("content"):
            item["content"] += template.render(context, citation=article.citation, sources_id="sources-title")


def register():
    """Load the file, give each page its citation, the templates their filter and the feeds the sources."""
    signals.initialized.connect(load_into_settings)
    # content_object_init: the metadata is read; the templates come later.
    signals.content_object_init.connect(attach_citation)
    signals.generator_init.connect(install_filter)
    signals.feed_generated.connect(cite_in_feed)
