"""centres: the coordination-centre directory, one page per centre, maps, vCards and open data.

One data file, `content/data/centres.yaml`, becomes in every language a directory page
(`centres/index.html`) with a map, one page per centre (`centres/<id>.html`), and, once for all
languages, `centres.json`, `centres.csv` and a vCard per centre (`centres/<id>.vcf`). National
hotlines come from `content/data/hotlines.yaml`. Articles link to a centre with `{centre}<id>`.
"""

from __future__ import annotations

import difflib
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from pelican import signals
from pelican.generators import Generator

from content_guard.content_guard import Problem, markdown_sources, stop_build
from content_guard.data import RecordReader, load_once
from multilingual import multilingual
from sources.sources import known_sources, sources_file

from . import border_map, exports
from .records import BORDERS, Centre, Hotline, Localized, load_centres, load_hotlines

logger = logging.getLogger(__name__)

DEFAULTS = {
    "CENTRES_FILE": "data/centres.yaml",
    "CENTRES_HOTLINES_FILE": "data/hotlines.yaml",
    "CENTRES_BOUNDARIES_FILE": "data/geo/countries.geojson",
    "CENTRES_NEAREST_COUNT": 5,
    "CENTRES_REPORT_FORM": None,
}
# The largest sizes site.css draws the maps' text at (on phones, `.nm-map__label`, `.nm-map__here`, and
# `.nm-map--small ...`), in map units: the countries' names are placed clear of the dots and names at these sizes.
REGION_MAP_TEXT = border_map.TextSizes(country=36, name=40, point=16, target=32)
CENTRE_MAP_TEXT = border_map.TextSizes(country=20, name=23, point=9, target=27)
CENTRE_LINK = re.compile(r"\{centre\}(?P<id>[A-Za-z0-9_-]*)")
# As staff may write it: up to the end of the Markdown link, Thai letters and spaces included.
CENTRE_LINK_AS_WRITTEN = re.compile(r"\{centre\}(?P<id>[^)\s\"'#]*(?: [^)\"'#]+)?)")


@dataclass(frozen=True)
class ProvinceGroup:
    """The centres of one province, for the directory."""

    province: Localized
    anchor: str
    centres: tuple[Centre, ...]


@dataclass(frozen=True)
class BorderGroup:
    """The provinces along one border."""

    border: str
    provinces: tuple[ProvinceGroup, ...]

    @property
    def centre_count(self) -> int:
        """How many centres face this border."""
        return sum(len(group.centres) for group in self.provinces)


def setting(settings: dict, name: str):
    """A CENTRES_ setting, with its default."""
    return settings.get(name, DEFAULTS[name])


def load_data(settings: dict) -> tuple[list[Centre], list[Hotline], list[Problem]]:
    """Load and validate centres and hotlines once per build (every language shares them)."""
    root = Path(settings["PATH"])
    paths = [root / setting(settings, "CENTRES_FILE"), root / setting(settings, "CENTRES_HOTLINES_FILE"),
             sources_file(settings)]
    languages = list(settings["LANGUAGES"])

    def load():
        known = known_sources(settings)[0]
        centres, centre_problems = load_centres(paths[0], languages, known, settings)
        hotlines, hotline_problems = load_hotlines(paths[1], languages, known, settings)
        return centres, hotlines, centre_problems + hotline_problems

    return load_once("centres", paths, tuple(languages), load)


def check_data(settings: dict) -> list[Problem]:
    """content_guard check: the centres and hotlines files are valid, and so is the report form's setting."""
    return load_data(settings)[2] + check_report_form(settings)


def check_report_form(settings: dict) -> list[Problem]:
    """CENTRES_REPORT_FORM, if set, sends to an https:// address the security policy allows, naming its recipient.

    The policy's `form-action 'self'` blocked a form sending elsewhere: the reader pressed the button and
    nothing was sent, with no message. An http:// address would send the report unencrypted.
    """
    form = setting(settings, "CENTRES_REPORT_FORM")
    if not form:
        return []
    where = Path("pelicanconf.py")  # where the setting is written
    url = form.get("url", "") if isinstance(form, dict) else ""
    parts = urlsplit(url) if isinstance(url, str) else urlsplit("")
    if parts.scheme != "https" or not parts.netloc:
        return [Problem(where, 1, f"CENTRES_REPORT_FORM's url `{url}` is not an https:// address: a report sent "
                                  "to it would cross the internet unencrypted; give the form's https:// address")]
    problems = []
    recipient = form.get("recipient") if isinstance(form.get("recipient"), dict) else {}
    for lang in settings["LANGUAGES"]:
        if not recipient.get(lang):
            problems.append(Problem(where, 1, f"CENTRES_REPORT_FORM's recipient has no `{lang}`: the form says in "
                                              "each language where the report goes"))
    origin = f"{parts.scheme}://{parts.netloc}".lower()
    policy = settings.get("CONTENT_SECURITY_POLICY") or ""
    allowed = re.search(r"(?:^|;)\s*form-action\s+([^;]*)", policy)

    def allows(source: str) -> bool:  # CSP's source expressions: a scheme, an origin, *.host, a full address
        source = source.lower().rstrip("/")
        return (source in ("https:", origin, url.lower().rstrip("/"))
                or (source.startswith("https://*.") and parts.hostname.lower().endswith(source[len("https://*"):])))

    if policy and not (allowed and any(allows(source) for source in allowed[1].split())):
        problems.append(Problem(where, 1, (
            f"the security policy does not let the report form send to {origin}: the reader would press the "
            f"button and nothing would be sent. Add {origin} to `form-action` in CONTENT_SECURITY_POLICY "
            "(pelicanconf.py), deploy/nginx/security-headers.conf and content/extra/_headers")))
    return problems


def check_centre_links(settings: dict) -> list[Problem]:
    """content_guard check: every `{centre}<id>` link in the content names an existing centre."""
    centres, _hotlines, data_problems = load_data(settings)
    ids = {centre.id for centre in centres}
    centres_file = Path(settings["PATH"]) / setting(settings, "CENTRES_FILE")
    # A record with a mistake (a telephone number mistyped) is left out of `centres`, but the links to it are
    # right: only the record's own message is worth reading. A file that cannot be read at all has no ids.
    ids_in_file = set(ids)
    if any(problem.path == centres_file and problem.severity == "error" for problem in data_problems):
        reader = RecordReader(centres_file, list(settings["LANGUAGES"]), [])
        ids_in_file |= {str(record.get("id") or "") for _number, record, _lines, _line in reader.records()}
        if not ids_in_file:
            return []

    def squeezed(text: str) -> str:  # as staff may write an id: capitals, spaces, no dashes
        return re.sub(r"[\s\-_.']", "", text.lower())

    # Each centre by its id and its district's names, squeezed: chiangkhong, Chiang Khong, เชียงของ.
    loose = {squeezed(name): centre.id for centre in centres
             for name in (centre.id, *centre.district.as_dict().values())}
    problems = []
    for path, _kind, text in markdown_sources(settings):
        for number, line in enumerate(text.splitlines(), 1):
            for match in CENTRE_LINK_AS_WRITTEN.finditer(line):
                written_id = match["id"]
                if written_id in ids_in_file:
                    continue
                close = loose.get(squeezed(written_id)) or next(
                    iter(difflib.get_close_matches(written_id.lower(), sorted(ids), n=1)), None)
                hint = (f"did you mean {{centre}}{close}?" if close
                        else f"e.g. {{centre}}{min(ids) if ids else 'chiang-khong'}")
                problems.append(Problem(path, number, f"the link {{centre}}{written_id} names no coordination "
                                                      f"centre: use an id from {setting(settings, 'CENTRES_FILE')} "
                                                      f"(English letters, digits and dashes), {hint}"))
    return problems


def group_centres(centres: list[Centre]) -> list[BorderGroup]:
    """Group centres by border, then province, in the data file's order."""
    groups = []
    for border in dict.fromkeys(centre.border for centre in centres):
        provinces = {}
        for centre in centres:
            if centre.border == border:
                provinces.setdefault(centre.province_anchor, []).append(centre)
        groups.append(BorderGroup(border, tuple(
            ProvinceGroup(members[0].province, anchor, tuple(members)) for anchor, members in provinces.items()
        )))
    return groups


def page_urls(centre: Centre) -> dict[str, str]:
    """The absolute URL of the centre's page in every language."""
    return {lang: multilingual.absolute(f"{multilingual.site_url(lang)}/{centre.url}")
            for lang in multilingual.languages()}


class CentresGenerator(Generator):
    """Reads the centres once, publishes them in the context, and writes their pages and files."""

    def generate_context(self):
        """Load the data and the maps; register the pages with the language switcher."""
        centres, hotlines, problems = load_data(self.settings)
        if problems:
            stop_build(logger, "centres", problems)
        lang = self.settings["DEFAULT_LANG"]
        boundaries = Path(self.settings["PATH"]) / setting(self.settings, "CENTRES_BOUNDARIES_FILE")
        outlines = border_map.load_outlines(boundaries)
        self.centres = centres
        self.outlines = outlines
        self.context.update(
            coordination_centres=centres,
            centre_groups=group_centres(centres),
            unconfirmed_count=sum(not centre.confirmed for centre in centres),
            centres_map=border_map.draw_map(outlines, centres, border_map.region_bounds(centres), 1000,
                                            point_radius=8, sizes=REGION_MAP_TEXT) if centres else None,
            # The countries across the border as every language names them (the theme's words): the directory's
            # filter finds "Cambodia" and "กัมพูชา" on each language's page.
            border_countries={code: " ".join(multilingual.in_every_language(self.settings, name))
                              for code, name in BORDERS.items()},
            hotlines=hotlines,
            CENTRES_JSON_URL=f"{multilingual.site_url(multilingual.main_language())}/centres.json",
            CENTRES_NEAREST_COUNT=setting(self.settings, "CENTRES_NEAREST_COUNT"),
            CENTRES_REPORT_FORM=setting(self.settings, "CENTRES_REPORT_FORM"),
        )
        multilingual.record_version(("path", "centres/index.html"), lang, "centres/")
        for centre in centres:
            multilingual.record_version(centre.translation_key, lang, centre.url)

    def generate_output(self, writer):
        """Write the directory and the centre pages; the main language also writes the shared files."""
        lang = self.settings["DEFAULT_LANG"]
        writer.write_file("centres/index.html", self.get_template("centres"), self.context,
                          relative_urls=self.settings["RELATIVE_URLS"], page_name="centres/index")
        agency = self.settings["AGENCY_NAME"]
        for centre in self.centres:
            urls = page_urls(centre)
            writer.write_file(
                centre.url, self.get_template("centre"), self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                page_item=centre, centre=centre,
                centre_map=border_map.draw_map(self.outlines, self.centres, border_map.around(centre), 480,
                                               point_radius=9, current=centre, sizes=CENTRE_MAP_TEXT),
                centre_json_ld=exports.centre_json_ld(centre, lang, urls[lang], agency),
                osm_url=f"https://www.openstreetmap.org/?mlat={centre.lat}&mlon={centre.lon}#map=13/"
                        f"{centre.lat}/{centre.lon}",
                vcard_url=f"{multilingual.site_url(lang)}/centres/{centre.id}.vcf",
            )
        self.write_vcards()
        if multilingual.is_main_site(self.settings):
            self.write_shared_files()

    def write_vcards(self):
        """A vCard per centre in this language's site: its names, address and page in this language first.

        Contact apps keep one name and one address of a card, most often the first, and ignore vCard 4.0's
        ALTID and PREF: one card with the Thai first saved the centre under its Thai name for an English reader.
        """
        lang = self.settings["DEFAULT_LANG"]
        languages = [lang, *(other for other in multilingual.languages() if other != lang)]
        agency = {code: config.get("settings", {}).get("AGENCY_NAME", "")
                  for code, config in self.settings["LANGUAGES"].items()}
        folder = Path(self.output_path) / "centres"
        folder.mkdir(parents=True, exist_ok=True)
        for centre in self.centres:
            card = exports.centre_vcard(centre, page_urls(centre)[lang], agency, languages)
            (folder / f"{centre.id}.vcf").write_text(card, encoding="utf-8", newline="")

    def write_shared_files(self):
        """Write centres.json and centres.csv, once, into the main site."""
        languages = list(multilingual.languages())
        output = Path(self.output_path)
        (output / "centres").mkdir(parents=True, exist_ok=True)
        records = [exports.public_record(centre, page_urls(centre)) for centre in self.centres]
        (output / "centres.json").write_text(exports.centres_json(records), encoding="utf-8")
        # With a byte-order mark: Excel, which journalists open a CSV in, reads a file without one in the
        # computer's old code page, and shows the Thai as nonsense. Programs that read UTF-8 skip it.
        (output / "centres.csv").write_text(exports.centres_csv(records, languages), encoding="utf-8-sig",
                                            newline="")


def link_centres(content) -> None:
    """Turn `{centre}<id>` in an article or page into the centre's page in the article's language.

    In its summary too (`_summary`, which Pelican writes back into the metadata and resolves as it does the
    text): a first paragraph taken as the summary may hold such a link, which Pelican does not know.
    """
    prefix = multilingual.site_url(content.lang)

    def linked(text: str) -> str:
        return CENTRE_LINK.sub(lambda match: f"{prefix}/centres/{match['id']}.html", text)

    if "{centre}" in (content._content or ""):
        content._content = linked(content._content)
    if "{centre}" in (summary := getattr(content, "_summary", None) or ""):
        content._summary = content.metadata["summary"] = linked(summary)


def get_generators(pelican):
    """Add the centres generator to every language's build."""
    return CentresGenerator


def register():
    """Connect the generator and the `{centre}` link handler."""
    signals.get_generators.connect(get_generators)
    # content_object_init: the content is HTML by then, before Pelican resolves its own links.
    signals.content_object_init.connect(link_centres)
