"""Videos and activity reports: registries, tags in Markdown, the pages, and privacy."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pikepdf
import pypdfium2
import pytest
import yaml
from invoke.exceptions import Exit
from PIL import Image

import tasks
from conftest import ROOT, as_if_made_by_older_code
from media.records import load_reports, load_videos
from sitereader import shown_text

VIDEOS = yaml.safe_load((ROOT / "content/data/videos.yaml").read_text(encoding="utf-8"))
REPORTS = yaml.safe_load((ROOT / "content/data/reports.yaml").read_text(encoding="utf-8"))
PROVIDER_DOMAINS = re.compile(r"youtube|youtu\.be|vimeo|facebook|fbcdn|fb\.watch|ytimg|googlevideo", re.I)
YOUTUBE_ID = "dQw4w9WgXcQ"


def make_pdf(path: Path, pages: int = 2) -> Path:
    """A small valid PDF with `pages` A4 pages."""
    document = pypdfium2.PdfDocument.new()
    for _ in range(pages):
        document.new_page(595, 842)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    document.close()
    return path


def make_encrypted_pdf(path: Path) -> Path:
    """A PDF protected by an owner password."""
    make_pdf(path)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(owner="secret", user=""))
    return path


# --- The real site ---------------------------------------------------------------------------

def test_no_page_loads_anything_from_a_video_provider(site):
    """On the shipped pages with videos (a provider's video is tested as a facade in a fixture site below)."""
    videos = 0
    for page in site.html_pages():
        soup = site.soup(page)
        videos += len(soup.select("video, [data-module=video-facade]"))
        for element in soup.find_all(src=True):
            assert not PROVIDER_DOMAINS.search(element["src"]), f"{page}: {element}"
        for element in soup.find_all(["link", "video"]):
            assert not PROVIDER_DOMAINS.search(str(element.get("href", "")) + str(element.get("poster", "")))
        assert not soup.find("iframe"), f"{page} has an iframe in its initial HTML"
    assert videos >= 4


def test_videos_page_lists_every_registered_video_with_captions_and_poster(site):
    for page, lang in (("videos/index.html", "th"), ("en/videos/index.html", "en")):
        soup = site.soup(page)
        titles = [shown_text(heading) for heading in soup.select(".nm-video-list__title")]
        assert sorted(titles) == sorted(video["title"][lang] for video in VIDEOS)
        for video in VIDEOS:
            figure = soup.find(id=f"video-{video['id']}")
            player = figure.find("video")
            assert player["preload"] == "none" and player.has_attr("controls")
            assert site.file_for(player.find("source")["src"]) == site.root / video["url"]
            # Loaded with the page whatever the reader does: a WebP at most 720 pixels wide, not the original.
            poster = site.file_for(player["poster"])
            with Image.open(poster) as image:
                assert image.format == "WEBP" and image.width <= 720, player["poster"]
                assert image.size == Image.open(ROOT / "content" / video["poster"]).size, "the poster's own picture"
            assert poster.stat().st_size < (site.root / video["poster"]).stat().st_size
            tracks = {track["srclang"]: track for track in player.find_all("track")}
            assert set(tracks) == {"th", "en"} and tracks[lang].has_attr("default")
            for track in tracks.values():
                assert site.file_for(track["src"]).read_text(encoding="utf-8").startswith("WEBVTT")
            # On a phone the link inside <video> never shows: the caption says what a download costs.
            download = figure.select_one("figcaption a[download]")
            published = site.file_for(download["href"])
            assert published == site.root / video["url"]
            assert f"MP4, {round(published.stat().st_size / 1000)} KB" in download.get_text(), download.get_text()
    assert not (site.root / "en/videos" / Path(VIDEOS[0]["url"]).name).exists(), "video files published once"


def test_each_video_we_publish_has_its_words_as_text_under_it(site):
    """A reader who cannot see the videos (which have no sound: their words are the captions) reads their text.

    WCAG 2.1, 1.2.1; and search finds the words.
    """
    for page, lang in (("videos/index.html", "th"), ("en/videos/index.html", "en")):
        soup = site.soup(page)
        for video in VIDEOS:
            captions = (ROOT / "content" / f"{video['captions']}.{lang}.vtt").read_text(encoding="utf-8")
            # The cues' lines: not WEBVTT, a cue's number or its timing.
            lines = [line.strip() for line in captions.splitlines()[1:]
                     if line.strip() and not line.strip().isdigit() and "-->" not in line]
            text = soup.find(id=f"video-{video['id']}-text")
            assert text is not None and text.summary.get_text(strip=True), video["id"]
            shown = " ".join(text.p.get_text().split())
            assert shown == " ".join(" ".join(lines).split()), (shown, lines)


def test_every_video_is_used_in_an_article(site):
    for video in VIDEOS:
        pages = [page for page in site.html_pages() if "articles" in page.parts and
                 site.soup(page).find(id=f"video-{video['id']}")]
        assert {site.lang_of(page) for page in pages} == {"th", "en"}, video["id"]


def test_reports_page_groups_every_report_by_phase_and_year(site):
    for page, lang in (("reports/index.html", "th"), ("en/reports/index.html", "en")):
        soup = site.soup(page)
        listed = {}
        for phase in soup.select(".nm-report-phase"):
            for card in phase.select(".nm-report-card"):
                listed[shown_text(card.select_one(".nm-report-card__title"))] = phase["aria-labelledby"]
        assert {title: phase for title, phase in listed.items()} == \
            {report["title"][lang]: f"phase-{report['phase']}" for report in REPORTS}
        year_headings = [h.get_text() for h in soup.select(".nm-report-phase h3")]
        offset = 543 if lang == "th" else 0
        # Grouped by the year of the activities, not the year the summary was compiled.
        assert {int(text) for text in year_headings} == {report.get("covers", report["date"].year) + offset
                                                          for report in REPORTS}


def test_report_pages_show_page_count_size_thumbnail_and_download(site):
    for report in REPORTS:
        pdf = site.root / report["file"]  # the file as published: its size is what readers download
        document = pypdfium2.PdfDocument(str(pdf))
        pages = len(document)
        document.close()
        size_kb = f"{max(1, round(pdf.stat().st_size / 1000))} KB"
        for prefix in ("", "en/"):
            soup = site.soup(f"{prefix}reports/{report['id']}.html")
            text = soup.main.get_text(" ", strip=True)
            assert f"{pages} " in text and size_kb in text, (report["id"], prefix)
            download = soup.find("a", download=True)
            assert site.file_for(download["href"]) == site.root / report["file"]
            thumbnail = soup.select_one(".nm-report-page__thumb img")
            assert thumbnail["alt"]
            # The page shows WebP copies, each a fraction of the PNG kept for link previews; a browser without
            # WebP (iOS before 14) shows that PNG.
            preview = site.file_for(soup.find("meta", property="og:image")["content"])
            assert preview.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
            assert site.file_for(thumbnail["src"]) == preview
            webp = soup.select_one(".nm-report-page__thumb picture source[type='image/webp']")
            candidates = [site.file_for(candidate.split()[0]) for candidate in webp["srcset"].split(",")]
            for candidate in candidates:
                with Image.open(candidate) as image:
                    assert image.format == "WEBP"
                assert candidate.stat().st_size < preview.stat().st_size / 2, candidate
            related = {site.page_of(a["href"]) for a in soup.select(".nm-cards a")}
            expected = {Path(f"{prefix}articles/{slug}.html") for slug in report["related_articles"]
                        if (site.root / prefix / "articles" / f"{slug}.html").exists()}
            assert related == expected
        assert not (site.root / "en" / report["file"]).exists(), "PDFs are published once"


def test_published_reports_say_what_they_are_and_not_who_made_them(site):
    for report in REPORTS:
        with pikepdf.open(ROOT / "content" / report["file"]) as source, pikepdf.open(site.root / report["file"]) as pdf:
            assert set(pdf.docinfo.keys()) <= {"/Title", "/Subject", "/Keywords"}, report["file"]
            assert str(pdf.docinfo["/Title"]) == str(source.docinfo["/Title"])  # ours are titled already
            assert "/Metadata" not in pdf.Root
            assert pdf.is_linearized  # the first page shows before the whole file has arrived
            assert "/StructTreeRoot" in pdf.Root and "/MarkInfo" in pdf.Root  # still tagged for screen readers
            assert len(pdf.pages) == len(source.pages)
            assert pdf.pages[0].Contents.read_bytes() == source.pages[0].Contents.read_bytes()


STAFF_XMP = """<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"><dc:creator><rdf:Seq><rdf:li>Somchai Jaidee</rdf:li></rdf:Seq></dc:creator>
<pdf:Producer>Microsoft Word for Microsoft 365</pdf:Producer></rdf:Description></rdf:RDF></x:xmpmeta>"""


def make_staff_pdf(path: Path, title: str) -> Path:
    """A PDF as Word and Acrobat leave it.

    The account's name, the software, the file's path, XMP, private data, a reviewer's comment, the Word
    file attached, a script.
    """
    make_pdf(path)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        pdf.docinfo["/Title"] = title
        pdf.docinfo["/Author"] = "Somchai Jaidee"
        pdf.docinfo["/Creator"] = "Microsoft Word for Microsoft 365"
        pdf.docinfo["/Producer"] = "Microsoft Word for Microsoft 365"
        pdf.docinfo["/Keywords"] = "seminar, Nong Khai"
        pdf.docinfo["/CreationDate"] = "D:20240102093000+07'00'"
        xmp = STAFF_XMP.encode()
        pdf.Root.Metadata = pdf.make_stream(xmp, Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML)
        private = pikepdf.Dictionary(Private=pikepdf.String(r"C:\Users\somchai"))
        page = pdf.pages[0].obj
        page.PieceInfo = pikepdf.Dictionary(Word=private)
        # A comment written inside the page's /Annots (not an object of its own), with its own XMP.
        page.Annots = pikepdf.Array([pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Text, Rect=[10, 10, 30, 30], Contents="Check the figures",
            T="Somchai Jaidee", M="D:20240103100000+07'00'",
            Metadata=pdf.make_stream(xmp, Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML))])
        pdf.attachments["draft.docx"] = pikepdf.AttachedFileSpec(pdf, b"Somchai's draft", description="Somchai")
        pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS="app.alert('Somchai')")
        pdf.save(path)
    return path


def everything_in(path: Path) -> str:
    """A PDF's every object and every stream, decoded: a name hidden in a compressed stream shows here."""
    with pikepdf.open(path) as pdf:
        parts = [repr(pdf.trailer)]
        for item in pdf.objects:
            parts.append(repr(item))
            if isinstance(item, pikepdf.Stream):
                try:
                    parts.append(item.read_bytes().decode("latin-1"))
                except pikepdf.PdfError:
                    parts.append(item.read_raw_bytes().decode("latin-1"))
    return "\n".join(parts)


@pytest.mark.parametrize("language, title, shown", [
    ("both", r"Microsoft Word - C:\Users\somchai\Desktop\report_final_v3.docx", "รายงาน / Report"),
    ("en", "report_final_v3.docx", "Report"),
    ("th", "Seminar report, November 2023", "Seminar report, November 2023"),
])
def test_a_staff_pdf_is_published_without_its_authors_name_or_path(fixture_site, capfd, language, title, shown):
    fixture = media_site(fixture_site, "ข้อความ\n", "Intro.\n\n{% report seminar %}\n")
    registry = fixture.content / "data/reports.yaml"
    registry.write_text(REPORT_RECORD.replace("language: both", f"language: {language}"), encoding="utf-8")
    make_staff_pdf(fixture.content / "reports/seminar.pdf", title)
    site = fixture.build("--verbose")
    published = (site.root / "reports/seminar.pdf").read_bytes()
    for private in ("Somchai", "somchai", "Microsoft", "20240102", "20240103", "draft.docx", "app.alert"):
        assert private in everything_in(fixture.content / "reports/seminar.pdf"), private
        assert private not in everything_in(site.root / "reports/seminar.pdf"), private
    with pikepdf.open(site.root / "reports/seminar.pdf") as pdf:
        assert dict(pdf.docinfo.items()) == {"/Title": shown, "/Keywords": "seminar, Nong Khai"}
        assert str(pdf.Root.Lang) == ("th" if language == "both" else language)
        assert len(pdf.pages) == 2
        assert "/Metadata" not in pdf.Root and "/PieceInfo" not in pdf.pages[0].obj
        assert [str(annotation.Contents) for annotation in pdf.pages[0].obj.Annots] == ["Check the figures"]
    # The report's page gives the size of the file as published, and links to it.
    size = f"{max(1, round(len(published) / 1000))} KB"
    assert size in site.soup("en/reports/seminar.html").main.get_text(" ", strip=True)
    assert "media: th: 1 report PDFs rewritten without their metadata, 0 from the cache" in "".join(capfd.readouterr())
    again = fixture.build("--verbose")
    assert "media: th: 0 report PDFs rewritten without their metadata, 1 from the cache" in "".join(capfd.readouterr())
    assert (again.root / "reports/seminar.pdf").read_bytes() == published


def test_a_pdf_no_record_lists_is_published_without_its_authors_name_and_named_by_the_check(fixture_site, capfd):
    fixture = media_site(fixture_site, "ข้อความ\n", "Text.\n")
    make_staff_pdf(fixture.content / "reports/minutes.pdf", r"C:\Users\somchai\minutes.docx")
    assert tasks.check_content(str(fixture.settings_file), content=str(fixture.content)) == 0  # a warning only
    printed = "".join(capfd.readouterr())
    assert ("minutes.pdf:1: warning: this PDF is published at /reports/minutes.pdf, but no page lists it: add a "
            "record for it to content/data/reports.yaml") in printed, printed
    site = fixture.build()
    assert "Somchai" in everything_in(fixture.content / "reports/minutes.pdf")
    assert "Somchai" not in everything_in(site.root / "reports/minutes.pdf")
    assert "somchai" not in everything_in(site.root / "reports/minutes.pdf")
    with pikepdf.open(site.root / "reports/minutes.pdf") as pdf:
        assert dict(pdf.docinfo.items()) == {"/Keywords": "seminar, Nong Khai"}
        assert "/Metadata" not in pdf.Root


def make_password_pdf(path: Path) -> Path:
    """A PDF that asks for a password before it opens."""
    make_pdf(path)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(owner="secret", user="open sesame"))
    return path


@pytest.mark.parametrize("make, message", [
    (lambda path: path.write_bytes(b"%PDF-1.4\n1 0 obj << /Author (Somchai) >>"),
     ["broken.pdf:1: this PDF cannot be rewritten for publishing", "export it again as PDF"]),
    (make_password_pdf, ["broken.pdf:1: this PDF is protected by a password", "export it again without one"]),
], ids=["cut short", "password"])
def test_a_pdf_that_cannot_be_cleaned_stops_the_build_with_its_name(fixture_site, capfd, make, message):
    """A PDF cut short (a broken download), or locked, cannot be cleaned: it must not be published as it is.

    Not listed in reports.yaml: make check only said so (a warning) and the build stopped after it had passed.
    It is an error of make check now, and the build stops before it starts.
    """
    fixture = media_site(fixture_site, "ข้อความ\n", "Text.\n")
    make(fixture.content / "reports/broken.pdf")
    assert tasks.check_content(str(fixture.settings_file), content=str(fixture.content)) >= 1
    checked = "".join(capfd.readouterr())
    assert all(words in checked for words in message), checked[-2000:]
    with pytest.raises(Exit):
        fixture.build()
    printed = "".join(capfd.readouterr())
    assert all(words in printed for words in message), printed[-2000:]
    assert "Traceback" not in printed
    assert not fixture.output.exists()


def test_report_cards_in_articles_link_to_the_report_page(site):
    cards = [(page, card) for page in site.html_pages() for card in site.soup(page).select(".nm-prose .nm-report-card")]
    assert cards, "at least one article embeds a report"
    for page, card in cards:
        target = site.page_of(card.select_one(".nm-report-card__title a")["href"])
        assert target is not None and target.parts[-2] == "reports" and site.lang_of(target) == site.lang_of(page)


# --- Registries ------------------------------------------------------------------------------

def test_shipped_registries_are_valid():
    videos, problems = load_videos(ROOT / "content/data/videos.yaml", ROOT / "content", ["th", "en"])
    assert problems == [] and len(videos) >= 2 and all(video.source.hosted for video in videos)
    slugs = {path.name.split(".")[0][8:] for path in (ROOT / "content/articles").glob("*.md")}
    reports, problems = load_reports(ROOT / "content/data/reports.yaml", ROOT / "content", ["th", "en"],
                                     {video.id for video in videos}, slugs | {"videos-how-to-report"}, 8_000_000)
    assert [p for p in problems if p.severity == "error"] == [] and len(reports) >= 3


REPORT_RECORD = """\
- id: seminar
  file: reports/seminar.pdf
  title: {th: รายงาน, en: Report}
  summary: {th: สรุป, en: Summary}
  date: 2023-11-30
  phase: 1
  type: seminar
  location: {th: หนองคาย, en: Nong Khai}
  language: both
  related_videos: []
  related_articles: []
"""
REPORT_RULES = {
    "missing PDF": (lambda root: None, REPORT_RECORD, ["field `file`", "seminar.pdf does not exist"]),
    "not a PDF": (lambda root: (root / "reports").mkdir() or (root / "reports/seminar.pdf").write_text("hello"),
                  REPORT_RECORD, ["field `file`", "cannot be opened as a PDF"]),
    "encrypted PDF": (lambda root: (root / "reports").mkdir() or make_encrypted_pdf(root / "reports/seminar.pdf"),
                      REPORT_RECORD, ["field `file`", "is encrypted", "without a password"]),
    "duplicate id": (lambda root: make_pdf(root / "reports/seminar.pdf"), REPORT_RECORD + REPORT_RECORD,
                     ["report `seminar`, field `id`", "already used by the record at line 1"]),
    "unknown video": (lambda root: make_pdf(root / "reports/seminar.pdf"),
                      REPORT_RECORD.replace("related_videos: []", "related_videos: [launch]"),
                      ["field `related_videos`", "`launch` is not a video id"]),
    "unknown article": (lambda root: make_pdf(root / "reports/seminar.pdf"),
                        REPORT_RECORD.replace("related_articles: []", "related_articles: [no-such-article]"),
                        ["field `related_articles`", "`no-such-article` is not the Slug of any article"]),
    "unknown type": (lambda root: make_pdf(root / "reports/seminar.pdf"),
                     REPORT_RECORD.replace("type: seminar", "type: party"),
                     ["field `type`", "`party` is not a known activity type", "reciprocal-visit"]),
    "bad phase": (lambda root: make_pdf(root / "reports/seminar.pdf"), REPORT_RECORD.replace("phase: 1", "phase: 3"),
                  ["field `phase`", "write `1` or `2`"]),
    # Published as it was, its link held spaces and the page failed the release gate's HTML check.
    "a file name with spaces": (
        lambda root: make_pdf(root / "reports/รายงาน ลงพื้นที่ 2567.pdf"),
        REPORT_RECORD.replace("reports/seminar.pdf", "reports/รายงาน ลงพื้นที่ 2567.pdf"),
        ["field `file`", "`reports/รายงาน ลงพื้นที่ 2567.pdf` has spaces in its file name, which links cannot hold: "
         "rename the file to รายงาน-ลงพื้นที่-2567.pdf (on GitHub's website: upload it again under that name, then "
         "delete the old one) and write `file: reports/รายงาน-ลงพื้นที่-2567.pdf`"]),
    # Not also "`None` is not a year": the year of the activities is taken from the date, which has its message.
    "a date in the Buddhist Era, and no covers": (
        lambda root: make_pdf(root / "reports/seminar.pdf"), REPORT_RECORD.replace("2023-11-30", "2566-11-30"),
        ["field `date`: 2566 is a Buddhist Era year"]),
    "a date in the future": (
        lambda root: make_pdf(root / "reports/seminar.pdf"), REPORT_RECORD.replace("2023-11-30", "2099-11-30"),
        ["field `date`: 2099-11-30 is in the future: write the day the report was written or compiled"]),
    "period covered given as a Buddhist Era year": (
        lambda root: make_pdf(root / "reports/seminar.pdf"),
        REPORT_RECORD.replace("phase: 1", "phase: 1\n  covers: 2567"),
        ["field `covers`", "`2567` is not a year", "`covers: 2024`"]),
}


@pytest.mark.parametrize("rule", list(REPORT_RULES), ids=list(REPORT_RULES))
def test_report_registry_rules(tmp_path, rule):
    prepare, text, expected = REPORT_RULES[rule]
    prepare(tmp_path)
    (tmp_path / "reports.yaml").write_text(text, encoding="utf-8")
    _reports, problems = load_reports(tmp_path / "reports.yaml", tmp_path, ["th", "en"], set(), set(), 8_000_000)
    message = "\n".join(map(str, problems))
    for words in expected:
        assert words in message, f"{words!r} not in {message}"
    assert "reports.yaml:" in message
    assert "`None`" not in message


def test_an_oversized_report_gets_a_warning_with_its_size(tmp_path):
    make_pdf(tmp_path / "reports/seminar.pdf", pages=30)
    (tmp_path / "reports.yaml").write_text(REPORT_RECORD, encoding="utf-8")
    reports, problems = load_reports(tmp_path / "reports.yaml", tmp_path, ["th", "en"], set(), set(), 1000)
    assert len(reports) == 1 and [p.severity for p in problems] == ["warning"]
    assert re.search(r"seminar\.pdf is \d+\.\d MB, more than 0 MB", str(problems[0]))


VIDEO_RULES = {
    "unsupported address": ("- id: launch\n  url: https://www.tiktok.com/@dopa/video/1\n  title: {th: ก, en: A}\n",
                            ["video `launch`, field `url`", "not from a supported video provider", "youtu.be/"]),
    "hosted file with spaces in its name": (
        "- id: clip\n  url: videos/site visit.mp4\n  title: {th: ก, en: A}\n",
        ["field `url`", "`videos/site visit.mp4` has spaces in its file name, which links cannot hold: rename the "
         "file to site-visit.mp4 (on GitHub's website: upload it again under that name, then delete the old one) "
         "and write `url: videos/site-visit.mp4`"]),
    "hosted file without captions": ("- id: clip\n  url: videos/clip.mp4\n  title: {th: ก, en: A}\n",
                                     ["field `captions`", "no th captions", "videos/clip.th.vtt"]),
    "missing title": (f"- id: launch\n  url: https://youtu.be/{YOUTUBE_ID}\n", ["field `title`", "is missing"]),
    "subtitles renamed from .srt": ("- id: clip\n  url: videos/srt.mp4\n  title: {th: ก, en: A}\n",
                                    ["field `captions`", "srt.th.vtt is not a WebVTT file",
                                     "begin with the line `WEBVTT`"]),
    "timings with commas": ("- id: clip\n  url: videos/comma.mp4\n  title: {th: ก, en: A}\n",
                            ["field `captions`", "comma.en.vtt has no caption a browser can read",
                             "`00:00:01.000 --> 00:00:03.000`"]),
}
GOOD_CUES = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nสวัสดี\n"
CAPTION_FILES = {  # a video file each, with these captions
    "srt": {"th": "1\n00:00:01,000 --> 00:00:03,000\nสวัสดี\n", "en": GOOD_CUES},
    "comma": {"th": GOOD_CUES, "en": "WEBVTT\n\n00:00:01,000 --> 00:00:03,000\nHello\n"},
}


@pytest.mark.parametrize("rule", list(VIDEO_RULES), ids=list(VIDEO_RULES))
def test_video_registry_rules(tmp_path, rule):
    text, expected = VIDEO_RULES[rule]
    (tmp_path / "videos").mkdir()
    (tmp_path / "videos/clip.mp4").write_bytes(b"\x00")
    for name, captions in CAPTION_FILES.items():
        (tmp_path / f"videos/{name}.mp4").write_bytes(b"\x00")
        for lang, cues in captions.items():
            (tmp_path / f"videos/{name}.{lang}.vtt").write_text(cues, encoding="utf-8")
    (tmp_path / "videos.yaml").write_text(text, encoding="utf-8")
    _videos, problems = load_videos(tmp_path / "videos.yaml", tmp_path, ["th", "en"])
    message = "\n".join(map(str, problems))
    for words in expected:
        assert words in message, f"{words!r} not in {message}"


# --- Fixture sites: the tags in articles -----------------------------------------------------

def media_site(fixture_site, th_body: str, en_body: str):
    """A fixture site with the media plugin, one report and one article pair with the given bodies."""
    fixture = fixture_site('CONTENT_CHECKS = ["media.media:check_data", "media.media:check_tags"]\n')
    make_pdf(fixture.content / "reports/seminar.pdf")
    (fixture.content / "data/reports.yaml").write_text(REPORT_RECORD, encoding="utf-8")
    fixture.article("embeds", "th", "วิดีโอ", body=th_body)
    fixture.article("embeds", "en", "Video", body=en_body)
    return fixture


def test_a_pasted_youtube_link_becomes_a_private_facade(fixture_site):
    body = f'Intro.\n\n{{% video https://youtu.be/{YOUTUBE_ID}?t=42 title="The launch" %}}\n\n{{% report seminar %}}\n'
    site = media_site(fixture_site, body, body).build()
    soup = site.soup("en/articles/embeds.html")
    facade = soup.select_one("[data-module=video-facade]")
    assert facade["data-embed-url"] == f"https://www.youtube-nocookie.com/embed/{YOUTUBE_ID}?autoplay=1&start=42"
    assert facade.select_one("button[data-video-play]").get_text(" ", strip=True) == "Play video: The launch"
    assert "loads it from YouTube" in facade.get_text()
    assert facade.find("a", href=f"https://www.youtube.com/watch?v={YOUTUBE_ID}&t=42s")
    assert soup.find("script", src=re.compile(r"/video\.[0-9a-f]{10}\.js$"))
    assert not soup.find(src=PROVIDER_DOMAINS)
    assert site.page_of(soup.select_one(".nm-report-card a")["href"]) == Path("en/reports/seminar.html")
    feed = (site.root / "en/feeds/all.atom.xml").read_text()
    assert f"https://www.youtube.com/watch?v={YOUTUBE_ID}&amp;amp;t=42s" in feed



def test_a_video_without_a_date_is_listed_after_the_dated_ones(fixture_site):
    """`date` is optional in videos.yaml: leaving it out must not break the build (it once did, sorting)."""
    fixture = media_site(fixture_site, "ข้อความ\n", "Text.\n")
    (fixture.content / "data/videos.yaml").write_text(
        f"- id: undated\n  url: https://youtu.be/{YOUTUBE_ID}\n  title: {{th: ไม่มีวันที่, en: Undated}}\n"
        f"- id: dated\n  url: https://vimeo.com/76979871\n  title: {{th: มีวันที่, en: Dated}}\n  date: 2024-05-01\n",
        encoding="utf-8")
    site = fixture.build()
    titles = [heading.get_text() for heading in site.soup("en/videos/index.html").select(".nm-video-list__title")]
    assert titles == ["Dated", "Undated"]


def test_a_thumbnail_cached_by_other_code_is_never_published(fixture_site, capfd):
    """After a change to the media code, pypdfium2 or Pillow, a warm build publishes what a cold one would."""
    fixture = media_site(fixture_site, "ข้อความ\n", "Intro.\n\n{% report seminar %}\n")
    thumbnail = fixture.build("--verbose").root / "reports/thumbnails/seminar.png"
    assert "media: 1 report thumbnails rendered, 0 from the cache" in "".join(capfd.readouterr())
    drawn = thumbnail.read_bytes()
    current = as_if_made_by_older_code(fixture.root / "cache" / "thumbnails")
    fixture.build("--verbose")
    assert "media: 1 report thumbnails rendered, 0 from the cache" in "".join(capfd.readouterr())
    assert thumbnail.read_bytes() == drawn
    assert [folder.name for folder in (fixture.root / "cache" / "thumbnails").iterdir()] == [current]


@pytest.mark.parametrize("tag, expected", [
    ("{% video https://www.tiktok.com/@dopa/video/1 %}", "not from a supported video provider"),
    ("{% video https://www.youtube.com/watch?v=short %}", "without a valid video id"),
    ("{% video id=no-such-video %}", "no video with id `no-such-video`"),
    ("{% report no-such-report %}", "no report with id `no-such-report`"),
    ("{% report reports/seminar.pdf %}", "`reports/seminar.pdf` is the report's file; the tag takes its id from "
                                          "content/data/reports.yaml: write {% report seminar %}"),
    ('{% video https://youtu.be/dQw4w9WgXcQ title="unclosed %}', "quotes do not match"),
    ("{% video https://youtu.be/dQw4w9WgXcQ autoplay=1 %}", "unknown option `autoplay=`"),
    ("{% video https://youtu.be/dQw4w9WgXcQ title=“The launch” %}", 'straight quotes "...", not “...”'),
    ("{% video https://www.facebook.com/share/v/1AbCdEfGh2/ %}", "open it in a browser and paste the address"),
    ("{% video videos/how-to-report.mp4 %}", 'a video file needs a title, which names the player for screen readers'),
])
def test_a_tag_that_would_fail_stops_the_build_naming_file_and_line(fixture_site, capfd, tag, expected):
    fixture = media_site(fixture_site, "ข้อความ\n", f"Intro.\n\n{tag}\n")
    with pytest.raises(Exit):
        fixture.build()
    message = "".join(capfd.readouterr())
    assert f"embeds.en.md:9: {tag}: " in message and expected in message, message


@pytest.mark.parametrize("body, line, expected", [
    # Without blank lines, Markdown keeps the tag in the paragraph, and it would be published as text.
    ("Text above.\n{% video https://youtu.be/dQw4w9WgXcQ %}\nText below.\n", 8,
     "video tags must stand alone on their line, with a blank line before and after"),
    ("Text above.\n\n{% report seminar %}\nText below.\n", 9,
     "report tags must stand alone on their line, with a blank line before and after"),
    ("Text.\n\n{% video https://youtu.be/dQw4w9WgXcQ\n", 9,
     "this `{%` starts a tag that does not end on this line: write the whole tag on one line, ending with "
     "`%}`, e.g. {% video https://youtu.be/VIDEO_ID %}"),
])
def test_a_tag_that_would_be_published_as_text_stops_the_build(fixture_site, capfd, body, line, expected):
    fixture = media_site(fixture_site, "ข้อความ\n", body)
    with pytest.raises(Exit):
        fixture.build()
    message = "".join(capfd.readouterr())
    assert f"embeds.en.md:{line}: {expected}" in message, message
    assert not fixture.output.exists()


def test_a_tag_naming_a_flawed_record_points_to_that_record_not_to_a_missing_id(fixture_site, capfd):
    fixture = media_site(fixture_site, "ข้อความ\n", "Intro.\n\n{% report seminar %}\n")
    registry = fixture.content / "data/reports.yaml"
    registry.write_text(REPORT_RECORD.replace("file: reports/seminar.pdf", "file: content/reports/seminar.pdf"),
                        encoding="utf-8")
    with pytest.raises(Exit):
        fixture.build()
    message = "".join(capfd.readouterr())
    assert "field `file`: write the path from the content folder, without `content/`: `reports/seminar.pdf`" in message
    assert ("embeds.en.md:9: {% report seminar %}: the report `seminar` has a problem in content/data/reports.yaml "
            "(its own message says which): fix that record, and this tag works") in message, message
    assert "no report with id" not in message


def test_hosted_video_tag_with_captions_and_poster(fixture_site):
    fixture = media_site(fixture_site, "ข้อความ\n",
                         'Intro.\n\n{% video videos/clip.mp4 poster=videos/clip.jpg title="How to report" %}\n')
    (fixture.content / "videos").mkdir()
    shutil.copy(ROOT / "content" / VIDEOS[0]["url"], fixture.content / "videos/clip.mp4")
    # A phone photo as the poster: 4000 by 2250 pixels, 1 to 3 MB.
    Image.effect_noise((4000, 2250), 60).convert("RGB").save(fixture.content / "videos/clip.jpg", quality=95)
    for lang in ("th", "en"):  # a speaker's tag and a character reference, as subtitle editors write them
        (fixture.content / f"videos/clip.{lang}.vtt").write_text(
            "WEBVTT\n\n00:00.000 --> 00:02.000\n<v Narrator>Call 1300 &amp; 191</v>\n")
    site = fixture.build()
    # The captions' words under the video read as the player shows them ("&amp;" was shown as such).
    text = site.soup("en/articles/embeds.html").select_one(".nm-prose .nm-video__text p")
    assert text.get_text() == "Call 1300 & 191"
    video = site.soup("en/articles/embeds.html").select_one(".nm-prose video")
    assert video["preload"] == "none" and video["aria-label"] == "How to report"
    # Browsers load a poster with the page: every reader of the article would have loaded the phone's photo.
    with Image.open(site.file_for(video["poster"])) as poster:
        assert (poster.format, poster.size) == ("WEBP", (720, 405))
    assert {track["srclang"] for track in video.find_all("track")} == {"th", "en"}
    assert site.file_for(video.find("source")["src"])
