"""The activity reports as shipped in content/reports/: a text layer that reads right, and tags.

Screen readers read a PDF aloud from its text layer and its structure tree, and journalists copy quotes
from the text layer, so the Thai text must come out of it intact (no vowel on a line of its own, no
stray ">" or "M" inside a word) and the PDF must be tagged. See tools/make_reports.py. No build needed.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pikepdf
import pypdfium2
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
REPORTS = yaml.safe_load((ROOT / "content/data/reports.yaml").read_text(encoding="utf-8"))
THAI = "\u0e00-\u0e7f"


def plain(text) -> str:
    """A YAML text as readers see it: no "|" break marks, no **bold** markers, white space collapsed."""
    return re.sub(r"\s+", " ", str(text).replace("|", "").replace("**", "")).strip()


def normalise(text: str) -> str:
    """Collapse white space, and drop it between two Thai characters.

    A Thai line breaks between two words written without a space, and text extraction puts a line
    break there.
    """
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(f"(?<=[{THAI}]) (?=[{THAI}])", "", text)


def text_layer(path: Path) -> str:
    document = pypdfium2.PdfDocument(str(path))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


@pytest.mark.parametrize("report", REPORTS, ids=[report["id"] for report in REPORTS])
def test_report_text_layer_holds_both_titles_intact(report):
    source = yaml.safe_load((ROOT / "tools/reports" / f"{report['id']}.yaml").read_text(encoding="utf-8"))
    text = text_layer(ROOT / "content" / report["file"])
    layer = normalise(text)
    for lang in ("th", "en"):
        assert normalise(plain(source[lang]["title"])) in layer, (report["id"], lang)
    stray = re.findall(f"[{THAI}][>M<]|[>M<][{THAI}]", text)
    assert not stray, (report["id"], stray[:10])
    assert "\u200b" not in text, report["id"]


@pytest.mark.parametrize("report", REPORTS, ids=[report["id"] for report in REPORTS])
def test_no_bookmark_runs_two_titles_together(report):
    """The first bookmark read "…ปี 2567Ten Years of P2P…": a Thai title and an English one with nothing between."""
    with pikepdf.open(ROOT / "content" / report["file"]) as pdf, pdf.open_outline() as outline:
        titles, items = [], list(outline.root)
        while items:
            item = items.pop()
            titles.append(item.title)
            items += item.children
    run_together = re.compile(f"[{THAI}][A-Za-z]|\\d{{4}}[A-Z][a-z]")  # ไทยEnglish, 2567Ten
    assert titles and not [title for title in titles if run_together.search(title)], titles


@pytest.mark.parametrize("report", REPORTS, ids=[report["id"] for report in REPORTS])
def test_report_is_tagged(report):
    with pikepdf.open(ROOT / "content" / report["file"]) as pdf:
        assert "/StructTreeRoot" in pdf.Root, report["id"]
        assert bool(pdf.Root.get("/MarkInfo", {}).get("/Marked", False)), report["id"]


@pytest.mark.parametrize("report", REPORTS, ids=[report["id"] for report in REPORTS])
def test_a_reports_sources_do_not_lead_back_into_this_site(report):
    """A report cites the Internet Archive's copy of a former page, as the site's pages do.

    The site has taken the former website's address: a link to one of its pages opened this site's own
    article, not the source.
    """
    import pelicanconf

    with pikepdf.open(ROOT / "content" / report["file"]) as pdf:
        links = [str(annotation.A.URI) for page in pdf.pages for annotation in page.get("/Annots", [])
                 if annotation.get("/A") is not None and "/URI" in annotation.A]
    assert any("web.archive.org/web/2025/https://nts-mekong.com/" in link for link in links), links
    assert [link for link in links if urlsplit(link).hostname in pelicanconf.SITE_HOSTS] == []
