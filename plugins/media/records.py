"""Typed records for the video and report registries, validated at load.

`content/data/videos.yaml` and `content/data/reports.yaml`; every problem names the file, line,
record, field and what a valid value looks like (see content_guard.data).
"""

from __future__ import annotations

import datetime
import html
import re
from dataclasses import dataclass
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium
import webvtt

from content_guard.content_guard import Problem, found_elsewhere, plain_name, renamed_on_github
from content_guard.data import Localized, RecordCheck, RecordReader, check_date, site_today

from .video_sources import VideoSource, VideoUrlError, parse_video_url

VIDEO_FIELDS = {"id", "url", "title", "description", "date", "duration", "captions", "poster"}
REPORT_FIELDS = {"id", "file", "title", "summary", "date", "covers", "phase", "type", "location", "language",
                 "related_videos", "related_articles"}
REPORT_TYPES = ("seminar", "reciprocal-visit", "training", "coordination-meeting", "field-visit", "forum")
DOCUMENT_LANGUAGES = ("th", "en", "both")


@dataclass(frozen=True)
class CaptionTrack:
    """A WebVTT caption file for a hosted video, in one language."""

    lang: str
    path: str  # relative to content/
    text: str = ""  # what the captions say, as running text: the video's text alternative on its page


@dataclass(frozen=True)
class Video:
    """A video: on a provider's site, or a file this site publishes."""

    id: str
    source: VideoSource
    title: Localized
    description: Localized | None
    date: datetime.date | None
    duration: int | None  # seconds
    captions: tuple[CaptionTrack, ...]
    poster: str | None  # relative to content/
    size_bytes: int | None = None  # a file this site publishes: what a reader downloads

    @property
    def size_text(self) -> str:
        """The file's size as people read it (`519 KB`), or empty for a provider's video."""
        return human_size(self.size_bytes) if self.size_bytes else ""

    @property
    def duration_text(self) -> str:
        """`1:05`, or empty when unknown."""
        if not self.duration:
            return ""
        minutes, seconds = divmod(self.duration, 60)
        return f"{minutes}:{seconds:02d}"


@dataclass(frozen=True)
class Report:
    """An activity report: a PDF in content/reports/ and its description."""

    id: str
    file: str  # relative to content/
    title: Localized
    summary: Localized
    date: datetime.date  # when the document was written or compiled
    covers: int  # the year of the activities it reports on (`covers:`, else the year of `date`)
    phase: int
    type: str
    location: Localized
    language: str
    related_videos: tuple[str, ...]
    related_articles: tuple[str, ...]
    page_count: int
    size_bytes: int
    first_page_ratio: float  # height / width, to size the thumbnail before it loads

    @property
    def url(self) -> str:
        """The report's page, relative to a language's site."""
        return f"reports/{self.id}.html"

    @property
    def translation_key(self) -> tuple[str, str]:
        """What pairs this report's pages across languages."""
        return ("report", self.id)

    def thumbnail_height(self, width: int) -> int:
        """The thumbnail's height in pixels for a given width."""
        return round(width * self.first_page_ratio)

    @property
    def size_text(self) -> str:
        """The file size as people read it: `210 KB`, `1.4 MB`."""
        return human_size(self.size_bytes)


def human_size(size_bytes: int) -> str:
    """A file size as people read it: `210 KB`, `1.4 MB`."""
    if size_bytes < 1_000_000:
        return f"{max(1, round(size_bytes / 1000))} KB"
    return f"{size_bytes / 1_000_000:.1f} MB"


def caption_tracks(content_root: Path, base: str, languages: list[str]) -> list[CaptionTrack]:
    """The caption files `<base>.<lang>.vtt` that exist, each with its text."""
    return [CaptionTrack(lang, f"{base}.{lang}.vtt", caption_text(content_root / f"{base}.{lang}.vtt"))
            for lang in languages if (content_root / f"{base}.{lang}.vtt").is_file()]


def caption_text(path: Path) -> str:
    """The words of a caption file in one run of text, its cues' lines joined (a sentence may span two cues).

    A reader who cannot see the video (or hear it: the project's videos have no sound) reads this instead
    (WCAG 2.1, 1.2.1). Empty for a file browsers cannot read, which caption_problem reports.
    """
    try:
        cues = webvtt.read(str(path)).captions
    except (webvtt.errors.MalformedFileError, UnicodeDecodeError):
        return ""
    # webvtt-py drops the tags (<v Narrator>) but keeps character references (&amp;), which the page escapes.
    return " ".join(" ".join(html.unescape(cue.text).split()) for cue in cues if cue.text.strip())


def caption_problem(path: Path) -> str | None:
    """What keeps a browser from showing a caption file, or None: it must be WebVTT with readable cues.

    Browsers drop a file that is not WebVTT, and cues they cannot read, without a sign: the video plays
    with no captions. webvtt-py reads the file as they do.
    """
    try:
        cues = webvtt.read(str(path)).captions
    except webvtt.errors.MalformedFileError:
        return (f"{path.name} is not a WebVTT file: it must begin with the line `WEBVTT` (an .srt file renamed "
                "to .vtt is not one): save it as WebVTT from the subtitle editor")
    except UnicodeDecodeError:
        return f"{path.name} is not UTF-8 text: save it again as UTF-8"
    if not cues:
        return (f"{path.name} has no caption a browser can read: write each timing as "
                "`00:00:01.000 --> 00:00:03.000`, with a full stop before the milliseconds (not a comma, as "
                ".srt files have)")
    return None


def spaced_name(check: RecordCheck, field: str, path: str) -> bool:
    """A file the site links to whose name has spaces: links cannot hold them (the page would not validate)."""
    if " " not in path.strip():
        return False
    folder, _, name = path.strip().rpartition("/")
    renamed = plain_name(name)
    check.problem(field, f"`{path}` has spaces in its file name, which links cannot hold: rename the file to "
                         f"{renamed}{renamed_on_github(name)} and write `{field}: {folder + '/' if folder else ''}"
                         f"{renamed}`")
    return True


def check_hosted_video(check: RecordCheck, content_root: Path, source: VideoSource, captions: str | None,
                       poster: str | None, languages: list[str]) -> list[CaptionTrack]:
    """A video file we publish exists, has captions in every language, and its poster exists."""
    if not spaced_name(check, "url", source.video_id) and not (content_root / source.video_id).is_file():
        check.problem("url", f"the file {source.video_id} does not exist in the content folder"
                             f"{written_instead(content_root, source.video_id)}")
    base = captions or re.sub(r"\.[^.]+$", "", source.video_id)
    tracks = caption_tracks(content_root, base, languages)
    missing = [lang for lang in languages if lang not in {track.lang for track in tracks}]
    if missing:
        check.problem("captions", f"no {missing[0]} captions: add the WebVTT file {base}.{missing[0]}.vtt")
    for track in tracks:
        if problem := caption_problem(content_root / track.path):
            check.problem("captions", problem)
    if poster and not spaced_name(check, "poster", poster) and not (content_root / poster).is_file():
        check.problem("poster", f"the poster image {poster} does not exist in the content folder"
                                f"{written_instead(content_root, poster)}")
    return tracks


def load_videos(path: Path, content_root: Path, languages: list[str], timezone: str | None = None,
                ) -> tuple[list[Video], list[Problem]]:
    """Read and validate the video registry (`timezone`: the site's, for which day is today)."""
    reader = RecordReader(path, languages, [], timezone)
    if not path.exists():
        return [], []
    videos, seen = [], {}
    for number, record, lines, record_line in reader.records():
        video_id = str(record.get("id") or "")
        check = RecordCheck(reader, f"video `{video_id}`" if video_id else f"record {number}", record, lines,
                            record_line)
        check.unknown_fields(VIDEO_FIELDS)
        count = len(reader.problems)
        check.record_id(seen, "launch-2024")
        source = None
        try:
            source = parse_video_url(str(record.get("url") or ""))
        except VideoUrlError as error:
            check.problem("url", str(error))
        title = check.localized("title")
        description = check.localized("description", required=False)
        date = check_date(check, "date", "the day the video was published") if "date" in record else None
        duration = record.get("duration")
        if duration is not None and (not isinstance(duration, int) or duration <= 0):
            check.problem("duration", f"`{duration}` is not a number of seconds, e.g. `duration: 95`")
            duration = None
        poster = str(record["poster"]) if record.get("poster") else None
        tracks = []
        if source and source.hosted:
            tracks = check_hosted_video(check, content_root, source, record.get("captions"), poster, languages)
        elif poster and not (content_root / poster).is_file():
            check.problem("poster", f"the poster image {poster} does not exist in the content folder"
                                    f"{written_instead(content_root, poster)}")
        if len(reader.problems) == count:
            published = content_root / source.video_id if source.hosted else None
            size = published.stat().st_size if published and published.is_file() else None
            videos.append(Video(video_id, source, title, description, date, duration, tuple(tracks), poster, size))
    return videos, reader.problems


def written_instead(content_root: Path, written: str) -> str:
    """For a file a record names that does not exist: where a file of that name is (`Report.PDF` too), if anywhere."""
    found = found_elsewhere(content_root, Path(written).name)
    return f": the file is content/{found}, so write `{found}`" if found else ""


def inspect_pdf(check: RecordCheck, path: Path, content_root: Path) -> tuple[int, int, float]:
    """Open a PDF; return (pages, bytes, first page's height/width), or record why it cannot be published."""
    if not path.is_file():
        check.problem("file", f"{path.name} does not exist"
                              f"{written_instead(content_root, path.name) or ': put the PDF in content/reports/'}")
        return 0, 0, 0
    try:
        document = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as error:
        check.problem("file", f"{path.name} cannot be opened as a PDF ({error}): export it again as PDF, "
                              "without a password")
        return 0, 0, 0
    try:
        if pdfium.FPDF_GetSecurityHandlerRevision(document.raw) != -1:
            check.problem("file", f"{path.name} is encrypted: export it again without a password or "
                                  "restrictions, so every reader can open it")
        if not len(document):
            check.problem("file", f"{path.name} has no pages")
            return 0, 0, 0
        width, height = document[0].get_size()
        return len(document), path.stat().st_size, height / width
    finally:
        document.close()


def load_reports(path: Path, content_root: Path, languages: list[str], video_ids: set[str] | None,
                 article_slugs: set[str], max_bytes: int, timezone: str | None = None,
                 ) -> tuple[list[Report], list[Problem]]:
    """Read and validate the report registry; a report larger than `max_bytes` gets a warning.

    `video_ids` is None when the video registry cannot be read: its own message says so, and the reports'
    videos are not checked against it. `timezone`: the site's, for which day is today.
    """
    reader = RecordReader(path, languages, [], timezone)
    if not path.exists():
        return [], []
    reports, seen = [], {}
    for number, record, lines, record_line in reader.records():
        report_id = str(record.get("id") or "")
        check = RecordCheck(reader, f"report `{report_id}`" if report_id else f"record {number}", record, lines,
                            record_line)
        check.unknown_fields(REPORT_FIELDS)
        count = len(reader.problems)
        check.record_id(seen, "seminars-2023")
        file = str(record.get("file") or "")
        if not file.lower().endswith(".pdf"):
            check.problem("file", f"`{file}` must be a PDF file in content/reports/, e.g. `reports/seminars-2023.pdf`")
            pages, size, ratio = 0, 0, 0
        elif file.startswith(("content/", "/content/")):
            check.problem("file", f"write the path from the content folder, without `content/`: "
                                  f"`{file.split('content/', 1)[1]}`")
            pages, size, ratio = 0, 0, 0
        elif spaced_name(check, "file", file):
            pages, size, ratio = 0, 0, 0
        else:
            pages, size, ratio = inspect_pdf(check, content_root / file, content_root)
        texts = {field: check.localized(field) for field in ("title", "summary", "location")}
        date = check_date(check, "date", "the day the report was written or compiled")
        covers = record.get("covers", date.year if date else None)
        this_year = site_today(reader.timezone).year
        # Without `covers`, the year of a date that has a message of its own is not told again.
        if ("covers" in record or date) and (
                not isinstance(covers, int) or isinstance(covers, bool) or not 2000 <= covers <= this_year):
            check.problem("covers", f"`{covers}` is not a year: write the year of the activities the report covers, "
                                    "in the Western calendar, e.g. `covers: 2024`")
        phase = record.get("phase")
        if phase not in (1, 2):
            check.problem("phase", f"`{phase}` is not a project phase: write `1` or `2`")
        report_type = record.get("type")
        if report_type not in REPORT_TYPES:
            check.problem("type", f"`{report_type}` is not a known activity type: use one of {', '.join(REPORT_TYPES)}")
        language = record.get("language")
        if language not in DOCUMENT_LANGUAGES:
            check.problem("language", f"`{language}` must be `th`, `en` or `both` (the document's language)")
        related_videos = tuple(str(v) for v in record.get("related_videos") or [])
        for video_id in related_videos:
            if video_ids is not None and video_id not in video_ids:
                check.problem("related_videos", f"`{video_id}` is not a video id in content/data/videos.yaml")
        related_articles = tuple(str(a) for a in record.get("related_articles") or [])
        for slug in related_articles:
            if slug not in article_slugs:
                check.problem("related_articles", f"`{slug}` is not the Slug of any article")
        if len(reader.problems) == count:
            if size > max_bytes:
                reader.problems.append(Problem(
                    path, lines.get("file", record_line),
                    f"report `{report_id}`, field `file`: {file} is {size / 1_000_000:.1f} MB, more than "
                    f"{max_bytes / 1_000_000:.0f} MB: readers on slow connections may not manage to download "
                    "it; consider exporting it with smaller images", "warning"))
            reports.append(Report(report_id, file, texts["title"], texts["summary"], date, covers, phase, report_type,
                                  texts["location"], language, related_videos, related_articles, pages, size,
                                  ratio))
    return reports, reader.problems
