"""media: project videos and activity reports, embedded with one line and listed on their own pages.

- `{% video URL [title="..."] [start=SECONDS] [captions=BASE] [poster=IMAGE] %}` or `{% video id=ID %}`
  embeds a video. Provider videos appear as a facade that loads nothing from the provider until the
  reader presses play; files we host play in `<video controls preload="none">` with captions.
- `{% report ID %}` embeds a card linking to the report's page.
- `content/data/videos.yaml` drives the Videos page; `content/data/reports.yaml` the Reports page and
  one page per report, with a thumbnail of the first page rendered at build time.

Tags are found in the HTML Markdown produces (a paragraph holding only the tag) when each article is
read, replaced by a plain link (what feeds show) between markers, and the theme's `render_embeds`
filter draws the player or card in the page's language.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import html
import io
import logging
import mmap
import re
import shlex
import shutil
from functools import partial
from pathlib import Path

import pikepdf
import pypdfium2
import yaml
from jinja2 import pass_context
from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator
from PIL import Image

from build_cache import code_version, drop_other_versions, versioned_folder, write_atomically
from content_guard.content_guard import (
    MARKDOWN_SUFFIXES,
    OFFICE_DOCUMENTS,
    Problem,
    content_files,
    markdown_sources,
    read_header,
    static_files,
    stop_build,
)
from content_guard.data import Localized, load_once
from multilingual import multilingual
from photos import photos

from .records import Report, Video, caption_problem, caption_tracks, load_reports, load_videos
from .video_sources import OTHER_VIDEO_FILES, VIDEO_FILE_TYPES, VIDEO_TOOLS, VideoUrlError, parse_video_url

logger = logging.getLogger(__name__)

DEFAULTS = {
    "VIDEOS_FILE": "data/videos.yaml",
    "REPORTS_FILE": "data/reports.yaml",
    "REPORTS_MAX_MB": 8,
    "REPORTS_THUMBNAIL_WIDTH": 480,
    "VIDEOS_MAX_MB": 50,
}
# GitHub, where the site's repository and CI live, refuses a push holding a file over 100 MB.
REPOSITORY_FILE_LIMIT_MB = 100
CURLY_QUOTED_OPTION = re.compile("\\b[a-z]+=[\u2018\u201c]")  # title=“...”: inside "...", curly quotes are text
TAG_IN_SOURCE = re.compile(r"\{%\s*(?P<name>[A-Za-z]+)\b(?P<args>.*?)%\}")
# A tag typed with a space inside its braces, `{ % video ... % }`: Markdown publishes it as text.
SPACED_TAG = re.compile(r"\{\s+%\s*(?:video|report)\b|\{%\s*(?:video|report)\b.*%\s+\}", re.I)
# `title=` followed by words without quotes: `title=The launch ceremony`.
UNQUOTED_TITLE = re.compile(r"""\btitle=(?P<title>[^"'\s\u201c\u2018][^=]*?)\s*(?=\s[a-z]+=|$)""")
TAG_IN_HTML = re.compile(r"<p>\s*\{%\s*(?P<name>video|report)\b(?P<args>.*?)%\}\s*</p>", re.DOTALL)
EMBED_MARKER = re.compile(r"<!--nm-embed (?P<index>\d+)-->.*?<!--/nm-embed-->", re.DOTALL)
# What decides a thumbnail or a published PDF besides the PDF itself: this plugin's code, the photos plugin's
# (which says what of a photo inside a PDF is metadata) and the libraries that draw or rewrite it.
CODE_VERSION = code_version([Path(__file__), Path(photos.__file__)], ["pypdfium2", "pillow", "pikepdf"])
# A PDF's title, subject or keywords that are a file's name or path ("Microsoft Word - C:\\Users\\...\\x.docx"),
# which Word and other tools write when no one set them: they would tell readers whose computer made it.
# A backslash; a path from the root, the home folder or a drive ("/Users/name/", "~/Documents/", "C:/");
# an old Mac path ("Macintosh HD:Users:"); a document's file name. Not " / " between two titles, nor
# "drugs/trafficking" in keywords.
FILE_LIKE = re.compile(r"^Microsoft \w+ - |\\|(?:^|[\s(\"'])(?:~|[A-Za-z]:)?/[^\s/]+/|:Users:"
                       r"|\.(?:doc[xm]?|dot[xm]?|odt|rtf|ppt[xm]?|odp|xls[xm]?|ods|pdf|indd|pages|key)\s*$",
                       re.IGNORECASE)
# Keys that say who made a PDF or hold what it carries beside its pages, removed wherever they are: XMP
# streams, applications' private data, files associated with it (PDF 2.0).
PRIVATE_KEYS = ("/Metadata", "/PieceInfo", "/AF")
# What an annotation (a comment, a highlight) says of its author: name, dates.
ANNOTATION_AUTHOR_KEYS = ("/T", "/M", "/CreationDate")
# Video files in the ISO format (MP4, QuickTime) and their boxes that describe the recording rather than play it:
# a phone writes there where it was filmed (`©xyz`, Apple's `com.apple.quicktime.location.ISO6709`), the
# phone's make and model, its software and the owner's name. Found in the `moov` box and in each `trak`, and at
# the file's top level, where Adobe Premiere and Media Encoder write their XMP (`uuid` with XMP's identifier, or
# `XMP_`): the editor's user name, the project's folders, sometimes a GPS position.
ISO_VIDEO_SUFFIXES = {".mp4", ".m4v", ".mov"}
RECORDING_BOXES = {b"udta", b"meta", b"XMP_"}
XMP_UUID = bytes.fromhex("be7acfcb97a942e89c71999491e3afac")
# What a published PDF keeps of its document information: what it is about. Author, Creator, Producer,
# the dates and any custom entry go (an Office account's name, the software, where it was saved).
DESCRIPTIVE_INFO = ("/Title", "/Subject", "/Keywords")
# Each report's file (relative to content/) and its published copy in the cache, for the main site to
# write over Pelican's copy.
_PUBLISHED: dict[str, Path] = {}
VIDEO_OPTIONS = {"id", "title", "start", "captions", "poster"}
VIDEO_SYNTAX = ('{% video URL %}, {% video URL title="Title" start=90 %}, or {% video id=ID %} for a video '
                "listed in content/data/videos.yaml")
REPORT_SYNTAX = "{% report ID %}, with an id from content/data/reports.yaml"


class TagError(ValueError):
    """A video or report tag that cannot be rendered; the message shows the right syntax."""


class UnreadableRegistry(TagError):
    """A tag's registry file cannot be read at all: its own message is the one to read."""


class UnknownId(TagError):
    """A tag names an id its registry has not loaded."""

    def __init__(self, message: str, item_id: str):
        super().__init__(message)
        self.item_id = item_id


def setting(settings: dict, name: str):
    """A media setting, with its default."""
    return settings.get(name, DEFAULTS[name])


def article_slugs(settings: dict) -> frozenset[str]:
    """The slugs of every article, in any language (read from the headers, before Pelican runs).

    Read once per settings object, that is once per build or check: every tag needs them, and reading
    every header again for each tag made builds quadratic in the size of the archive.
    """
    cached = settings.get("MEDIA_ARTICLE_SLUGS")
    if cached is not None and cached[0] == settings["PATH"]:
        return cached[1]
    slugs = set()
    for path, kind in content_files(settings):
        if kind == "article" and path.suffix == ".md":
            header, _problems = read_header(path, kind)
            if header and header.get("slug"):
                slugs.add(header.get("slug"))
    slugs = frozenset(slugs)
    settings["MEDIA_ARTICLE_SLUGS"] = (settings["PATH"], slugs)
    return slugs


def load_data(settings: dict) -> tuple[list[Video], list[Report], list[Problem]]:
    """Load and validate both registries once per build (every language shares them)."""
    root = Path(settings["PATH"])
    languages = list(settings["LANGUAGES"])
    paths = [root / setting(settings, "VIDEOS_FILE"), root / setting(settings, "REPORTS_FILE")]
    slugs = article_slugs(settings)

    def load():
        videos, video_problems = load_videos(paths[0], root, languages, settings.get("TIMEZONE"))
        readable = registry_values(paths[0], "id") is not None
        reports, report_problems = load_reports(paths[1], root, languages,
                                                {video.id for video in videos} if readable else None, slugs,
                                                setting(settings, "REPORTS_MAX_MB") * 1_000_000,
                                                settings.get("TIMEZONE"))
        return videos, reports, video_problems + report_problems

    return load_once("media", paths, (tuple(languages), slugs), load)


def parse_arguments(text: str, syntax: str) -> tuple[list[str], dict[str, str]]:
    """Split a tag's arguments into positional ones and `name=value` options."""
    text = html.unescape(text)
    if CURLY_QUOTED_OPTION.search(text):  # Word and phones turn "..." into “...” as one types
        raise TagError(f"write the quotes as straight quotes \"...\", not “...” or ‘...’ (Word and phones change "
                       f"them as you type): write it as {syntax}")
    try:
        words = shlex.split(text)
    except ValueError as error:
        raise TagError(f"the tag's quotes do not match ({error}): write it as {syntax}") from None
    positional, options = [], {}
    for word in words:
        name, equals, value = word.partition("=")
        if equals and re.fullmatch(r"[a-z]+", name):
            options[name] = value
        else:
            positional.append(word)
    return positional, options


def resolve_video(arguments: str, videos: list[Video], content_root: Path, languages: list[str]) -> Video:
    """Turn a video tag's arguments into a Video, from the registry or from the address given."""
    positional, options = parse_arguments(arguments, VIDEO_SYNTAX)
    unknown = set(options) - VIDEO_OPTIONS
    if unknown:
        raise TagError(f"unknown option `{sorted(unknown)[0]}=`: the options are title=, start=, captions=, "
                       f"poster= (write it as {VIDEO_SYNTAX})")
    if "id" in options:
        video = next((video for video in videos if video.id == options["id"]), None)
        if video is None:
            known = ", ".join(video.id for video in videos) or "none yet"
            raise UnknownId(f"no video with id `{options['id']}` in content/data/videos.yaml (known: {known})",
                            options["id"])
    elif len(positional) == 1:
        try:
            source = parse_video_url(positional[0])
        except VideoUrlError as error:
            raise TagError(str(error)) from None
        title = options.get("title")
        tracks: tuple = ()
        if source.hosted:
            if not title:  # a provider's video is "Video on YouTube"; a file of ours has no other name
                raise TagError(f"a video file needs a title, which names the player for screen readers: add "
                               f'title="What the video shows" (write it as {VIDEO_SYNTAX})')
            if not (content_root / source.video_id).is_file():
                raise TagError(f"the video file {source.video_id} does not exist in the content folder")
            base = options.get("captions") or re.sub(r"\.[^.]+$", "", source.video_id)
            tracks = tuple(caption_tracks(content_root, base, languages))
            if not tracks:
                raise TagError(f"a video we publish needs captions: add {base}.th.vtt and {base}.en.vtt, "
                               "or name them with captions=")
            problem = next(filter(None, (caption_problem(content_root / track.path) for track in tracks)), None)
            if problem:
                raise TagError(problem)
        poster = options.get("poster")
        if poster and not (content_root / poster).is_file():
            raise TagError(f"the poster image {poster} does not exist in the content folder")
        video = Video("", source, Localized(tuple((lang, title) for lang in languages)) if title else None,
                      None, None, None, tracks, poster)
    elif "title" in options and len(positional) > 1 and (title := UNQUOTED_TITLE.search(html.unescape(arguments))):
        raise TagError(f'a title of several words goes in straight quotes: title="{title["title"]}"')
    else:
        raise TagError(f"give one video address or an id: {VIDEO_SYNTAX}")
    if "start" in options:
        try:
            start = int(options["start"])
        except ValueError:
            clock = re.fullmatch(r"(?:(\d+):)?(\d+):(\d\d)", options["start"].strip())
            seconds = (int(clock[1] or 0) * 3600 + int(clock[2]) * 60 + int(clock[3])) if clock else None
            example = f"write start={seconds}" if seconds is not None else "e.g. start=90"
            raise TagError(f"start=`{options['start']}` must be a number of seconds: {example}") from None
        video = dataclasses.replace(video, source=dataclasses.replace(video.source, start=start))
    return video


def resolve_report(arguments: str, reports: list[Report]) -> Report:
    """Turn a report tag's argument into a Report."""
    positional, options = parse_arguments(arguments, REPORT_SYNTAX)
    report_id = positional[0] if len(positional) == 1 and not options else options.get("id", "")
    report = next((report for report in reports if report.id == report_id), None)
    if report is None:
        # The file's path or name written instead of its id: `{% report reports/seminars-2023.pdf %}`.
        name = report_id.replace("\\", "/").rsplit("/", 1)[-1].lower()
        by_file = next((report for report in reports if name and Path(report.file).name.lower() == name), None)
        if by_file is not None:
            raise UnknownId(f"`{report_id}` is the report's file; the tag takes its id from "
                            f"content/data/reports.yaml: write {{% report {by_file.id} %}}", report_id)
        known = ", ".join(report.id for report in reports) or "none yet"
        raise UnknownId(f"no report with id `{report_id}` (known: {known}): write it as {REPORT_SYNTAX}", report_id)
    return report


def resolve(name: str, arguments: str, settings: dict, published: bool = False):
    """Resolve one tag, or raise TagError. `published`: a report as the build publishes it (its size)."""
    videos, reports, _problems = load_data(settings)
    if published:
        reports = published_reports(settings)
    try:
        if name == "video":
            return resolve_video(arguments, videos, Path(settings["PATH"]), list(settings["LANGUAGES"]))
        if name == "report":
            return resolve_report(arguments, reports)
    except UnknownId as error:
        # A record the registry holds but could not load has its own message: say that, not "no such id".
        registry = setting(settings, "VIDEOS_FILE" if name == "video" else "REPORTS_FILE")
        ids = registry_values(Path(settings["PATH"]) / registry, "id")
        if ids is None:
            raise UnreadableRegistry(f"content/{registry} cannot be read (its own message says why): fix it, and "
                                     "this tag works") from None
        if error.item_id in ids:
            raise TagError(f"the {name} `{error.item_id}` has a problem in content/{registry} (its own message "
                           "says which): fix that record, and this tag works") from None
        raise
    if name.lower() in ("video", "report"):
        raise TagError(f"write the tag's name in small letters, `{{% {name.lower()} ... %}}`")
    raise TagError(f"unknown tag `{{% {name} %}}`: the site knows {{% video %}} and {{% report %}}")


def registry_values(path: Path, field: str) -> set[str] | None:
    """The values of `field` (`id`, `file`) that a registry file's records give, valid records or not.

    None when the file cannot be read at all. Its problems are load_data's to report.
    """
    try:
        records = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except FileNotFoundError:
        return set()
    except (OSError, yaml.YAMLError, ValueError):  # ValueError: a date not in the calendar
        return None
    return {str(record[field]) for record in records if isinstance(record, dict) and field in record} \
        if isinstance(records, list) else set()


def check_data(settings: dict) -> list[Problem]:
    """content_guard check: the video and report registries are valid; a PDF in reports/ is listed."""
    root = Path(settings["PATH"])
    registry = setting(settings, "REPORTS_FILE")
    listed = registry_values(root / registry, "file")
    unlisted = [Problem(path, 1, f"this PDF is published at /{path.relative_to(root).as_posix()}, but no page "
                                 f"lists it: add a record for it to content/{registry} (see the README, \"An "
                                 "activity report\"), or remove it", "warning")
                for path in sorted((root / "reports").rglob("*")) if path.suffix.lower() == ".pdf"
                and listed is not None and path.relative_to(root).as_posix() not in listed]
    return load_data(settings)[2] + unlisted + unpublishable_pdfs(settings, listed or set()) + \
        video_file_sizes(settings) + unpublishable_files(settings)


def unpublishable_pdfs(settings: dict, listed: set[str]) -> list[Problem]:
    """A PDF the site would publish that the build cannot rewrite (damaged, or locked with a password).

    Any PDF in a published folder that the registry does not list: such a one stopped the build after `make
    check` had passed it. The registry's reports are opened by `inspect_pdf` (pdfium, which also counts their
    pages) and refused there, with the record named; one pdfium reads and qpdf does not would still stop the
    build, naming the file.
    """
    root = Path(settings["PATH"])
    problems = []
    for path in static_files(settings):
        if path.suffix.lower() != ".pdf":
            continue
        document, problem = opened_pdf(path.read_bytes())
        if document is not None:
            document.close()
        # A report's own opening problems are inspect_pdf's, with its record; not a damaged picture, which
        # pdfium reads past.
        elif path.relative_to(root).as_posix() not in listed or problem == DAMAGED_PHOTO:
            problems.append(Problem(path, 1, problem))
    return problems


# What the site publishes from its folders, each kind cleaned of its metadata (photos, PDFs, MP4/MOV videos) or
# holding none (SVG drawings are checked by photos, captions are text). Anything else went out as it was: an
# archive of phone photos with their GPS positions, a design file with its author, interview notes.
PUBLISHED_SUFFIXES = (photos.RASTER_SUFFIXES | photos.OTHER_PHOTO_SUFFIXES | photos.DRAWN_SUFFIXES
                      | {".pdf", ".vtt", ".webm"} | ISO_VIDEO_SUFFIXES)
ARCHIVES = {".zip", ".rar", ".7z", ".tar", ".gz", ".tgz", ".bz2", ".xz"}
DESIGN_FILES = {".ai", ".psd", ".psb", ".eps", ".indd", ".idml", ".xcf", ".sketch", ".fig", ".afdesign", ".afphoto",
                ".cdr", ".pub"}


def unpublishable_files(settings: dict) -> list[Problem]:
    """A file in a published folder (STATIC_PATHS) that the site cannot publish without what it says of its makers.

    An office document: export it as PDF. Any other kind the site does not clean (PUBLISHED_SUFFIXES) or serve
    as configuration (EXTRA_PATH_METADATA's `_headers`), but a photo browsers cannot show, which photos names.
    """
    root = Path(settings["PATH"])
    configuration = set(settings.get("EXTRA_PATH_METADATA", {}))
    problems = []
    for path in static_files(settings):
        suffix = path.suffix.lower()
        kind = next((kind for kind, suffixes in OFFICE_DOCUMENTS.items() if suffix in suffixes), None)
        if kind:
            problems.append(Problem(path, 1, f"this {kind} would be published as it is, with the names of whoever "
                                             "wrote and edited it and any comments or tracked changes: export it as "
                                             "PDF (File, Save as, PDF) and remove this file from content/"))
            continue
        # Markdown is never copied (STATIC_EXCLUDE_SOURCES); an article among the photos has its own message.
        if (suffix in PUBLISHED_SUFFIXES or suffix in photos.NOT_FOR_BROWSERS or suffix in MARKDOWN_SUFFIXES
                or path.name.startswith(".") or path.relative_to(root).as_posix() in configuration):
            continue
        what = f"this {suffix[1:].upper()} file" if suffix else "this file (its name has no type)"
        fix = ("put each photo, PDF or video in content/ as a file of its own" if suffix in ARCHIVES else
               "export it as JPEG or PNG (a picture) or as PDF (a document)" if suffix in DESIGN_FILES else
               "convert it to MP4 and link it with {% video %}" if suffix in OTHER_VIDEO_FILES else
               "keep it outside content/ (the site publishes photos, PDFs, MP4 videos and their captions)")
        problems.append(Problem(path, 1, f"{what} would be published as it is, with anything it holds about who "
                                         "made it and where (the photos in an archive keep their GPS position): "
                                         f"{fix}, and remove it from content/"))
    return problems


def video_file_sizes(settings: dict) -> list[Problem]:
    """A video file we publish ourselves over VIDEOS_MAX_MB is a warning; one GitHub would refuse, an error.

    A phone's video goes straight into content/videos/: a minute of it is 100 to 400 MB, which every reader
    would download, and a push of it to GitHub fails with a message about Git LFS.
    """
    limit = setting(settings, "VIDEOS_MAX_MB")
    problems = []
    for path in sorted((Path(settings["PATH"]) / "videos").rglob("*")):
        if path.suffix.lower() not in VIDEO_FILE_TYPES or not path.is_file():
            continue
        megabytes = path.stat().st_size / 1_000_000
        fix = f"export it again at 720p (H.264 MP4; {VIDEO_TOOLS} does it), or put it on YouTube and write " \
              "`{% video URL %}`"
        if megabytes > REPOSITORY_FILE_LIMIT_MB:
            problems.append(Problem(path, 1, f"this video is {megabytes:.0f} MB: GitHub refuses files over "
                                             f"{REPOSITORY_FILE_LIMIT_MB} MB, so the site could not be published: "
                                             f"{fix}"))
        elif megabytes > limit:
            problems.append(Problem(path, 1, f"this video is {megabytes:.0f} MB, over the {limit} MB limit "
                                             f"(VIDEOS_MAX_MB), and readers download it from this site: {fix}",
                                    "warning"))
    return problems


def check_tags(settings: dict) -> list[Problem]:
    """content_guard check: every video and report tag in the content renders, on a line of its own."""
    problems = []
    for path, _kind, text in markdown_sources(settings):
        lines = text.splitlines()
        for number, line in enumerate(lines, 1):
            for match in TAG_IN_SOURCE.finditer(line):
                try:
                    resolve(match["name"], match["args"], settings)
                except UnreadableRegistry:  # one mistake in the file, one message: not one more per tag
                    continue
                except TagError as error:
                    problems.append(Problem(path, number, f"{match.group(0)}: {error}"))
                    continue
                # Markdown keeps a line without blank lines around it in the paragraph next to it, and
                # the tag would be published as text.
                neighbours = [lines[index].strip() for index in (number - 2, number) if 0 <= index < len(lines)]
                if line.strip() != match.group(0) or any(neighbours):
                    problems.append(Problem(path, number, f"{match['name']} tags must stand alone on their "
                                                          "line, with a blank line before and after"))
            if SPACED_TAG.search(line):
                problems.append(Problem(path, number, "write `{%` and `%}` without a space between the brace and the "
                                                      "percent sign, or the tag is published as text: "
                                                      "{% video https://youtu.be/VIDEO_ID %}"))
            elif "{%" in TAG_IN_SOURCE.sub("", line):
                problems.append(Problem(path, number, "this `{%` starts a tag that does not end on this line: "
                                                      "write the whole tag on one line, ending with `%}`, e.g. "
                                                      "{% video https://youtu.be/VIDEO_ID %}"))
    return problems


def fallback_link(embed, lang: str) -> str:
    """What a feed reader sees instead of the player or card: a plain link."""
    if isinstance(embed, Report):
        url = f"{multilingual.site_url(lang)}/{embed.url}"
        return f'<p><a href="{html.escape(url)}">{html.escape(embed.title[lang])}</a></p>'
    source = embed.source
    url = source.watch_url or f"{multilingual.site_url(multilingual.main_language())}/{source.video_id}"
    label = embed.title[lang] if embed.title else (source.provider_name or "Video")
    return f'<p><a href="{html.escape(url)}">{html.escape(label)}</a></p>'


def mark_embeds(content) -> None:
    """Replace each tag in an article or page by a marked plain link, and keep what it embeds."""
    if "{%" not in (content._content or ""):
        return
    embeds = []

    def replace(match: re.Match) -> str:
        try:
            embed = resolve(match["name"], match["args"], content.settings, published=True)
        except TagError as error:  # content_guard reports it with its line before the build
            logger.error("media: %s: %s", content.source_path, error)
            return match.group(0)
        embeds.append(embed)
        return f"<!--nm-embed {len(embeds) - 1}-->{fallback_link(embed, content.lang)}<!--/nm-embed-->"

    content._content = TAG_IN_HTML.sub(replace, content._content)
    content.media_embeds = embeds
    content.has_video = any(isinstance(embed, Video) for embed in embeds)  # the page loads video.js


@pass_context
def render_embeds(context, body: str, item) -> Markup:
    """Draw the players and cards of an article or page, with the page's language and templates."""
    embeds = getattr(item, "media_embeds", [])
    if not embeds:
        return Markup(body)
    environment = context.environment
    variables = context.get_all()

    # The partials mark the English phrases of a report's or video's description themselves (mark_other_language).
    def draw(match: re.Match) -> str:
        embed = embeds[int(match["index"])]
        if isinstance(embed, Report):
            return environment.get_template("partials/report_card.html").render(variables, report=embed)
        return environment.get_template("partials/video.html").render(variables, video=embed)

    return Markup(EMBED_MARKER.sub(draw, str(body)))


def thumbnail_names(report_id: str, width: int) -> dict[str, str]:
    """The published files of a report's first page: a PNG for link previews, WebP at two widths for pages."""
    return {"png": f"{report_id}.png", "webp": f"{report_id}.webp", "small": f"{report_id}-{width // 2}.webp"}


def thumbnails(pdf: Path, width: int, cache: Path) -> tuple[dict[str, bytes], bool]:
    """The PDF's first page `width` pixels wide as PNG and WebP, and half as wide as WebP; whether drawn now.

    The PNG is what link previews (Facebook, LINE) are sure to show; pages show the WebP copies, a tenth
    of its size: a list of three reports weighed 290 KB in PNG thumbnails drawn 120 pixels wide. Cached by
    the PDF's content, so a rebuild draws none.
    """
    digest = hashlib.sha256(pdf.read_bytes() + str(width).encode()).hexdigest()[:24]
    cached = {kind: cache / f"{digest}-{name}" for kind, name in thumbnail_names("page", width).items()}
    rendered = not all(path.exists() for path in cached.values())
    if rendered:
        document = pypdfium2.PdfDocument(str(pdf))
        try:
            page = document[0]
            image = page.render(scale=width / page.get_width()).to_pil().convert("RGB")
        finally:
            document.close()
        small = image.resize((width // 2, round(image.height * (width // 2) / image.width)), Image.Resampling.LANCZOS)
        for kind, picture, options in (("png", image, {"format": "PNG", "optimize": True}),
                                       ("webp", image, {"format": "WEBP", "quality": 80, "method": 6}),
                                       ("small", small, {"format": "WEBP", "quality": 80, "method": 6})):
            data = io.BytesIO()
            picture.save(data, **options)
            write_atomically(cached[kind], data.getvalue())
    return {kind: path.read_bytes() for kind, path in cached.items()}, rendered


def document_title(report: Report) -> str:
    """The title a PDF viewer shows for the report: in the document's language, both titles for `both`."""
    titles = report.title.as_dict()
    if report.language in titles:
        return titles[report.language]
    return " / ".join(titles.values())


def remove_private_parts(document: pikepdf.Pdf) -> None:
    """Remove from a PDF what tells who made it, or what it carries beside its pages.

    - PRIVATE_KEYS on every dictionary, nested ones included (an annotation written inside its page);
    - the author's name and the dates of every annotation (a reviewer's comments keep their text);
    - attached files (the Word document it was made from, with its own metadata): the document's
      /EmbeddedFiles and every FileAttachment annotation;
    - JavaScript (document-level and as the opening action), which the site publishes nowhere;
    - an XFA form, an XML copy of the form data;
    - what the photos inside it say besides their pixels: a JPEG put in a document as it came from the phone
      (LibreOffice, scanners' apps and image-to-PDF tools copy it whole) keeps its EXIF, GPS position
      included. Its metadata segments are left out and the compressed pixels copied as they are.
    """
    def clean(item, top: bool) -> None:
        if not isinstance(item, (pikepdf.Dictionary, pikepdf.Stream, pikepdf.Array)):
            return
        if not top and item.is_indirect:  # an object of its own: cleaned as one of document.objects
            return
        if isinstance(item, (pikepdf.Dictionary, pikepdf.Stream)):
            for key in PRIVATE_KEYS:
                if key in item:
                    del item[key]
            # An annotation; a form field's /T is its name, not an author's.
            if "/Subtype" in item and "/Rect" in item and item.get("/Subtype") != "/Widget":
                for key in ANNOTATION_AUTHOR_KEYS:
                    if key in item:
                        del item[key]
            for key in list(item.keys()):
                clean(item[key], False)
        elif isinstance(item, pikepdf.Array):
            for value in item:
                clean(value, False)

    for page in document.pages:
        annotations = page.obj.get("/Annots")
        if isinstance(annotations, pikepdf.Array):
            kept = [annotation for annotation in annotations if annotation.get("/Subtype") != "/FileAttachment"]
            if len(kept) != len(annotations):
                page.obj.Annots = pikepdf.Array(kept)
    root = document.Root
    names = root.get("/Names")
    if isinstance(names, pikepdf.Dictionary):
        for key in ("/EmbeddedFiles", "/JavaScript"):
            if key in names:
                del names[key]
    action = root.get("/OpenAction")
    if isinstance(action, pikepdf.Dictionary) and action.get("/S") == "/JavaScript":
        del root["/OpenAction"]
    form = root.get("/AcroForm")
    if isinstance(form, pikepdf.Dictionary) and "/XFA" in form:
        del form["/XFA"]
    for item in document.objects:
        clean(item, True)
        if isinstance(item, pikepdf.Stream) and item.get("/Subtype") == "/Image":
            photo_without_metadata(document, item)


def filter_chain(image: pikepdf.Stream) -> list:
    """The filters an image of a PDF is stored under, in the order they are undone (one, or an array)."""
    filters = image.get("/Filter")
    return list(filters) if isinstance(filters, pikepdf.Array) else [filters]


def embedded_jpeg(document: pikepdf.Pdf, image: pikepdf.Stream) -> bytes | None:
    """The JPEG an image of the PDF is, or None if it is not one; raises pikepdf.PdfError if it cannot be read.

    Stored as it is (`/DCTDecode`), or compressed again (`[/FlateDecode /DCTDecode]`, which some tools write):
    then the filters before the JPEG's are undone (qpdf undoes them on a copy that has them alone).
    """
    chain = filter_chain(image)
    if not chain or chain[-1] != pikepdf.Name.DCTDecode:  # (an empty array: no filter)
        return None
    if len(chain) == 1:
        return image.read_raw_bytes()
    outer = pikepdf.Stream(document, image.read_raw_bytes())
    outer.Filter = pikepdf.Array(chain[:-1])
    if isinstance(image.get("/DecodeParms"), pikepdf.Array):
        outer.DecodeParms = pikepdf.Array(list(image.DecodeParms)[:len(chain) - 1])
    return outer.read_bytes()


def photo_without_metadata(document: pikepdf.Pdf, image: pikepdf.Stream) -> None:
    """A JPEG in the PDF, rewritten as a JPEG alone without its metadata (its compressed pixels as they are)."""
    data = embedded_jpeg(document, image)
    if data is None:
        return
    without = photos.jpeg_without_metadata(data)
    if without != data:
        chain, parameters = filter_chain(image), image.get("/DecodeParms")
        if isinstance(parameters, pikepdf.Array):  # one per filter: the JPEG's is the last
            parameters = parameters[-1] if len(parameters) == len(chain) else None
        elif len(chain) > 1:  # one dictionary for several filters: not the JPEG's
            parameters = None
        image.write(without, filter=pikepdf.Name.DCTDecode,
                    decode_parms=parameters if isinstance(parameters, pikepdf.Dictionary) else None)


# A photo inside the PDF stored under a filter whose data is damaged: the PDF cannot be cleaned of its metadata.
DAMAGED_PHOTO = ("this PDF holds a picture whose data is damaged, so it cannot be rewritten for publishing: export "
                 "it again as PDF")


def opened_pdf(source: bytes) -> tuple[pikepdf.Pdf | None, str | None]:
    """The PDF opened as the build rewrites it, or None and why it cannot be.

    A password, a damaged file, or a damaged picture inside it (DAMAGED_PHOTO), which the rewrite could not read.
    """
    try:
        document = pikepdf.open(io.BytesIO(source))
    except pikepdf.PasswordError:
        return None, ("this PDF is protected by a password, so it cannot be rewritten for publishing: export it "
                      "again without one")
    except pikepdf.PdfError as error:
        why = re.sub(r"^stream <[^>]*>: ", "", str(error))
        return None, f"this PDF cannot be rewritten for publishing ({why}): export it again as PDF"
    try:  # only a JPEG compressed again is undone: one stored as it is is read as it is
        for item in document.objects:
            if isinstance(item, pikepdf.Stream) and item.get("/Subtype") == "/Image" and len(filter_chain(item)) > 1:
                embedded_jpeg(document, item)
    except pikepdf.PdfError:
        document.close()
        return None, DAMAGED_PHOTO
    return document, None


def published_pdf(pdf: Path, cache: Path, title: str = "", lang: str = "") -> tuple[Path, bool]:
    """The PDF as the site publishes it (a file in `cache`), and whether it was rewritten now.

    A PDF exported from Word or LibreOffice names the person whose account made it, the software, the
    dates and often the file's path on their computer, in its document information and again in its XMP
    metadata; readers' PDF viewers show them. The published copy keeps only the descriptive entries
    (DESCRIPTIVE_INFO) that are not a file name; gets `title` if it has none (a viewer shows it in the
    tab, a screen reader announces it) and `lang` if it names no language (each if given); loses what
    `remove_private_parts` removes (XMP, comments' authors, attachments...); and is linearised, so a
    browser shows the first page before the whole file has arrived. The content is untouched. Cached by the PDF's bytes,
    title and language; the same input gives the same bytes (a deterministic /ID). A PDF qpdf cannot
    open, or one locked with a password, stops the build (`stop_build`) with its name and the fix.
    """
    source = pdf.read_bytes()
    digest = hashlib.sha256(source + f"\0{title}\0{lang}".encode()).hexdigest()[:24]
    cached = cache / f"{digest}.pdf"
    if cached.exists():
        return cached, False
    document, problem = opened_pdf(source)
    if problem:  # the build stops: never publish it as it is (make check names it first)
        stop_build(logger, "media", [Problem(pdf, 1, problem)])
    with document:
        kept = {}
        for key in DESCRIPTIVE_INFO:
            value = document.docinfo.get(key)
            text = str(value).strip() if isinstance(value, pikepdf.String) else ""
            if text and not FILE_LIKE.search(text):
                kept[key] = text
        if title:
            kept.setdefault("/Title", title)
        document.trailer.Info = document.make_indirect(
            pikepdf.Dictionary({key: pikepdf.String(value) for key, value in kept.items()}))
        remove_private_parts(document)
        if lang and "/Lang" not in document.Root:
            document.Root.Lang = pikepdf.String(lang)
        written = io.BytesIO()
        document.save(written, linearize=True, deterministic_id=True)
    write_atomically(cached, written.getvalue())
    return cached, True


def published_reports(settings: dict) -> list[Report]:
    """The registry's reports with the size of their file as published, rewritten once per build.

    Only the build calls it (the tags' cards and the report pages give the size), not the content check.
    """
    root = Path(settings["PATH"])
    _videos, reports, _problems = load_data(settings)

    def publish() -> list[Report]:
        cache = versioned_folder(settings, "reports", CODE_VERSION)
        drop_other_versions(cache)  # each language has a cache of its own (CACHE_PATH/<lang>)
        rewritten, published = 0, []
        for report in reports:
            path, new = published_pdf(root / report.file, cache, document_title(report),
                                      "th" if report.language == "both" else report.language)
            _PUBLISHED[report.file] = path
            published.append(dataclasses.replace(report, size_bytes=path.stat().st_size))
            rewritten += new
        logger.info("media: %s: %d report PDFs rewritten without their metadata, %d from the cache",
                    settings["DEFAULT_LANG"], rewritten, len(reports) - rewritten)
        return published

    files = [root / setting(settings, "REPORTS_FILE"), *(root / report.file for report in reports)]
    return load_once("media-published", files, (tuple(reports),), publish)


class MediaGenerator(Generator):
    """Publishes the registries in the context and writes the Videos and Reports pages."""

    def generate_context(self):
        """Load both registries; register the pages with the language switcher."""
        videos, reports, problems = load_data(self.settings)
        errors = [problem for problem in problems if problem.severity == "error"]
        if errors:
            stop_build(logger, "media", errors)
        lang = self.settings["DEFAULT_LANG"]
        reports = published_reports(self.settings)
        self.videos, self.reports = videos, sorted(reports, key=lambda report: (report.covers, report.date),
                                                   reverse=True)
        phases = {}
        for report in self.reports:
            phases.setdefault(report.phase, {}).setdefault(report.covers, []).append(report)
        main_url = multilingual.site_url(multilingual.main_language())
        self.context.update(
            videos=videos,
            # Newest first; a video without a date (it is optional) after the dated ones.
            videos_newest_first=sorted(
                videos, key=lambda video: (video.date is not None, video.date or datetime.date.min), reverse=True),
            reports=self.reports,
            reports_by_phase=sorted(((phase, sorted(years.items(), reverse=True)) for phase, years in phases.items())),
            MEDIA_URL=main_url,  # where videos, posters, PDFs and thumbnails are published, once
            REPORTS_THUMBNAIL_WIDTH=setting(self.settings, "REPORTS_THUMBNAIL_WIDTH"),
        )
        multilingual.record_version(("path", "videos/index.html"), lang, "videos/")
        multilingual.record_version(("path", "reports/index.html"), lang, "reports/")
        for report in self.reports:
            multilingual.record_version(report.translation_key, lang, report.url)

    def generate_output(self, writer):
        """Write the Videos page, the Reports page and one page per report; thumbnails once."""
        relative = self.settings["RELATIVE_URLS"]
        writer.write_file("videos/index.html", self.get_template("videos"), self.context, relative_urls=relative)
        writer.write_file("reports/index.html", self.get_template("reports"), self.context, relative_urls=relative)
        for report in self.reports:
            writer.write_file(report.url, self.get_template("report_page"), self.context, relative_urls=relative,
                              page_item=report, report=report,
                              related_videos=[v for v in self.videos if v.id in report.related_videos])
        if multilingual.is_main_site(self.settings):
            self.write_thumbnails()

    def write_thumbnails(self):
        """Render each report's first page into reports/thumbnails/ (see `thumbnails`)."""
        folder = Path(self.output_path) / "reports" / "thumbnails"
        folder.mkdir(parents=True, exist_ok=True)
        cache = versioned_folder(self.settings, "thumbnails", CODE_VERSION)
        drop_other_versions(cache)
        width = setting(self.settings, "REPORTS_THUMBNAIL_WIDTH")
        rendered = 0
        for report in self.reports:
            images, new = thumbnails(Path(self.settings["PATH"]) / report.file, width, cache)
            for kind, name in thumbnail_names(report.id, width).items():
                (folder / name).write_bytes(images[kind])
            rendered += new
        logger.info("media: %d report thumbnails rendered, %d from the cache", rendered, len(self.reports) - rendered)


def publish_files(pelican) -> None:
    """After the main site's static files are copied: its PDFs and videos, found in one walk of the output."""
    if not multilingual.is_main_site(pelican.settings):
        return
    files = [path for path in sorted(Path(pelican.output_path).rglob("*"))
             if path.suffix.lower() in {".pdf", *ISO_VIDEO_SUFFIXES} and path.is_file()]
    publish_reports(pelican, [path for path in files if path.suffix.lower() == ".pdf"])
    publish_videos(pelican, [path for path in files if path.suffix.lower() in ISO_VIDEO_SUFFIXES])


def publish_reports(pelican, pdfs: list[Path]) -> None:
    """Write every PDF the main site publishes (`pdfs`) as `published_pdf` made it.

    A report's, with its registry title and language; any other PDF (one not yet in reports.yaml, or linked
    from an article) without its author's name and path all the same.
    """
    cache = versioned_folder(pelican.settings, "reports", CODE_VERSION)  # its old versions: published_reports
    output = Path(pelican.output_path)
    reports = {output / file: published for file, published in _PUBLISHED.items()}
    others = 0
    for target in pdfs:
        published = reports.get(target)
        if published is None:  # not a report of the registry: rewritten here, from the content file if there
            source = Path(pelican.settings["PATH"]) / target.relative_to(output)  # (its name, in messages)
            published, new = published_pdf(source if source.is_file() else target, cache)
            others += new
        shutil.copyfile(published, target)
    if others:
        logger.info("media: %d other PDFs rewritten without their metadata", others)


def iso_boxes(data, start: int, end: int):
    """The boxes of an MP4 or QuickTime file between two offsets: (type, start, start of payload, end)."""
    position = start
    while position + 8 <= end:
        size, header = int.from_bytes(data[position:position + 4], "big"), 8
        kind = bytes(data[position + 4:position + 8])
        if size == 1:
            size, header = int.from_bytes(data[position + 8:position + 16], "big"), 16
        elif size == 0:
            size = end - position
        if size < header or position + size > end:
            return  # damaged: stop rather than guess
        yield kind, position, position + header, position + size
        position += size


def video_without_recording_data(path: Path) -> bool:
    """Blank, in place, what an MP4 or QuickTime file says of its recording (RECORDING_BOXES); whether it had any.

    Each such box becomes a `free` box of the same size, filled with zeros: every other byte stays where it was,
    so the offsets the file gives of its frames stay right, and players skip `free` boxes. Only the boxes'
    headers, the `moov` box and the XMP are read and written, not the frames.
    """
    if path.stat().st_size < 8:
        return False
    changed = False
    with path.open("r+b") as file, mmap.mmap(file.fileno(), 0) as data:  # pages of the frames are never read
        containers = [(b"file", 0, 0, len(data))]
        while containers:
            _kind, _start, content, end_of_container = containers.pop()
            for child, start, payload, end in iso_boxes(data, content, end_of_container):
                if child in RECORDING_BOXES or (child == b"uuid" and data[payload:payload + 16] == XMP_UUID):
                    data[start + 4:start + 8] = b"free"
                    data[payload:end] = bytes(end - payload)
                    changed = True
                elif child in (b"moov", b"trak"):
                    containers.append((child, start, payload, end))
    return changed


def publish_videos(pelican, videos: list[Path]) -> None:
    """Blank what each video the main site publishes (`videos`) says of its recording."""
    output = Path(pelican.output_path)
    blanked = [path.relative_to(output).as_posix() for path in videos if video_without_recording_data(path)]
    if blanked:
        logger.info("media: %d videos published without where and with what they were filmed: %s",
                    len(blanked), ", ".join(blanked))


def install_filters(generator) -> None:
    """Give the templates the embed renderer, and the address of a video's poster."""
    generator.env.filters["render_embeds"] = render_embeds
    generator.env.filters["poster_url"] = partial(photos.poster_url, settings=generator.settings)


def get_generators(pelican):
    """Add the media generator to every language's build."""
    return MediaGenerator


def register():
    """Connect the tag handler, the filter and the generator."""
    # content_object_init: Markdown has produced HTML; Pelican has not yet resolved its own links.
    signals.content_object_init.connect(mark_embeds)
    signals.generator_init.connect(install_filters)
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(publish_files)

