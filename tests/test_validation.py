"""Every authoring mistake stops the build with a message naming the file, the field and the fix.

A failed build leaves the previously published output exactly as it was.
"""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from invoke.exceptions import Exit

from conftest import ROOT, running_processes_naming

# (file to write, its text, words the message must contain)
MISTAKES = {
    "missing title": (
        "articles/no-title.en.md",
        "Slug: no-title\nLang: en\nDate: 2024-01-15\nCategory: news\n\nText.\n",
        ["no-title.en.md:1:", "Title is missing", "Title:"],
    ),
    "missing lang": (
        "articles/no-lang.en.md",
        "Title: No language\nSlug: no-lang\nDate: 2024-01-15\nCategory: news\n\nText.\n",
        ["no-lang.en.md:1:", "Lang is missing", "`Lang: th`", "`Lang: en`"],
    ),
    "region code th-TH": (
        "articles/region.th.md",
        "Title: ข่าว\nSlug: region\nLang: th-TH\nDate: 2024-01-15\nCategory: news\n\nText.\n",
        ["region.th.md:3:", "Lang `th-TH`", "write `Lang: th`"],
    ),
    "upper-case TH": (
        "articles/upper.th.md",
        "Title: ข่าว\nSlug: upper\nLang: TH\nDate: 2024-01-15\nCategory: news\n\nText.\n",
        ["upper.th.md:3:", "Lang `TH`", "write `Lang: th`"],
    ),
    "unknown language": (
        "articles/french.fr.md",
        "Title: Nouvelles\nSlug: french\nLang: fr\nDate: 2024-01-15\nCategory: news\n\nText.\n",
        ["french.fr.md:3:", "Lang `fr` is not one of this site's languages", "`Lang: th`"],
    ),
    "thai title without slug": (
        "articles/2024-01-seminar-report.th.md",
        "Title: การสัมมนาเชื่อมโยงลุ่มน้ำโขง\nLang: th\nDate: 2024-01-15\nCategory: news\n\nText.\n",
        ["seminar-report.th.md:1:", "Slug is missing", "Thai title cannot make a web address",
         "`Slug: seminar-report`"],
    ),
    "non-ascii slug": (
        "articles/thai-slug.th.md",
        "Title: ข่าว\nSlug: การสัมมนา\nLang: th\nDate: 2024-01-15\nCategory: news\n\nText.\n",
        ["thai-slug.th.md:2:", "Slug `การสัมมนา` must be lower-case English letters", "`Slug: thai-slug`"],
    ),
    "duplicate slug in one language": (
        "articles/copy.en.md",
        "Title: Copy\nSlug: first-news\nLang: en\nDate: 2024-01-15\nCategory: news\n\nText.\n",
        ["Slug `first-news` is already used by", "copy.en.md", "first-news.en.md",
         "in the same language: if this file is the new one (started from a copy of that one), give it a slug of "
         "its own, e.g. `Slug: copy`, from its name, in each language's file; never change a published article's "
         "slug"],
    ),
    "article without date": (
        "articles/no-date.en.md",
        "Title: No date\nSlug: no-date\nLang: en\nCategory: news\n\nText.\n",
        ["no-date.en.md:1:", "Date is missing", "`Date: 2024-01-15 10:00`"],
    ),
    "date in buddhist era": (
        "articles/be-date.th.md",
        "Title: ข่าว\nSlug: be-date\nLang: th\nDate: 2567-01-15\nCategory: news\n\nText.\n",
        ["be-date.th.md:4:", "Buddhist Era year", "Gregorian year (2024)"],
    ),
    "unparseable date": (
        "articles/bad-date.en.md",
        "Title: Bad date\nSlug: bad-date\nLang: en\nDate: 15th of January\nCategory: news\n\nText.\n",
        ["bad-date.en.md:4:", "Date `15th of January` is not a date", "`Date: 2024-01-15`"],
    ),
    "article without category": (
        "articles/no-category.en.md",
        "Title: No category\nSlug: no-category\nLang: en\nDate: 2024-01-15\n\nText.\n",
        ["no-category.en.md:1:", "Category is missing", "`news`, `activities`, `impact-stories`"],
    ),
    "unknown category": (
        "articles/typo.en.md",
        "Title: Typo\nSlug: typo\nLang: en\nDate: 2024-01-15\nCategory: Activity\n\nText.\n",
        ["typo.en.md:5:", "Category `Activity` is not one of", "did you mean `activities`?"],
    ),
    "page without modified date": (
        "pages/no-modified.en.md",
        "Title: Terms\nSlug: terms\nLang: en\n\nText.\n",
        ["no-modified.en.md:1:", "Modified is missing", "`Modified: 2026-11-27`"],
    ),
    "page slug taken by the site": (
        "pages/sitemap.en.md",
        "Title: Sitemap\nSlug: sitemap\nLang: en\nModified: 2026-11-27\n\nText.\n",
        ["sitemap.en.md:2:", "Slug `sitemap` is the name of a page the site makes itself"],
    ),
    "no metadata header": (
        "articles/pasted.en.md",
        "The seminar took place in Nong Khai.\n",
        ["pasted.en.md:1:", "this line is not a `Field: value` line"],
    ),
    "not utf-8": (
        "articles/latin1.en.md",
        None,  # written as bytes below
        ["latin1.en.md:1:", "not UTF-8", "save it again with the encoding UTF-8"],
    ),
}


def write_mistake(fixture, path, text):
    """Write the broken file into the fixture's content."""
    if text is None:
        target = fixture.content / path
        target.write_bytes("Title: Caf\xe9\nSlug: cafe\nLang: en\n\nText.\n".encode("latin-1"))
    else:
        fixture.write(path, text)


@pytest.mark.parametrize("mistake", list(MISTAKES), ids=list(MISTAKES))
def test_mistake_stops_the_build_and_keeps_the_previous_output(minimal_site, capfd, mistake):
    minimal_site.build()
    marker = minimal_site.output / "index.html"
    before = marker.read_bytes()
    published = sorted(p.relative_to(minimal_site.output) for p in minimal_site.output.rglob("*"))
    capfd.readouterr()

    path, text, expected = MISTAKES[mistake]
    write_mistake(minimal_site, path, text)
    with pytest.raises(Exit) as failure:
        minimal_site.build()

    assert failure.value.code != 0
    out, err = capfd.readouterr()
    message = out + err
    for words in expected:
        assert words in message, f"{words!r} not in:\n{message}"
    assert "nothing was built" in failure.value.message
    assert marker.read_bytes() == before
    assert sorted(p.relative_to(minimal_site.output) for p in minimal_site.output.rglob("*")) == published
    assert not (minimal_site.root / "output.staging").exists()


def test_every_problem_is_reported_in_one_run(minimal_site, capfd):
    for name in ("region code th-TH", "article without date", "unknown category"):
        path, text, _ = MISTAKES[name]
        write_mistake(minimal_site, path, text)
    with pytest.raises(Exit):
        minimal_site.build()
    message = "".join(capfd.readouterr())
    assert "region.th.md:3:" in message and "no-date.en.md:1:" in message and "typo.en.md:5:" in message


def test_pelican_itself_refuses_invalid_content(minimal_site):
    """Run Pelican directly, without the pre-check: the plugin stops it before anything is written."""
    minimal_site.build()
    before = (minimal_site.output / "index.html").read_bytes()
    minimal_site.write("articles/region.th.md", MISTAKES["region code th-TH"][1])
    result = subprocess.run(
        [sys.executable, "-m", "pelican", str(minimal_site.content), "-s", str(minimal_site.settings_file),
         "-o", str(minimal_site.output)],
        cwd=ROOT, capture_output=True, text=True, env={"COLUMNS": "300", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode != 0
    assert "Lang `th-TH` is not a language code this site uses" in result.stdout + result.stderr
    assert (minimal_site.output / "index.html").read_bytes() == before


def test_a_failure_during_the_build_keeps_the_previous_output(minimal_site, capfd):
    """A problem only Pelican finds (here, a template that fails as it is rendered) publishes nothing."""
    template = minimal_site.failing_template()
    minimal_site.build()
    before = (minimal_site.output / "about.html").read_bytes()
    minimal_site.page("about", "en", "About", extra=f"Template: {template}\n")
    with pytest.raises(Exit) as failure:
        minimal_site.build()
    assert "nothing was published" in failure.value.message
    assert (minimal_site.output / "about.html").read_bytes() == before
    assert not (minimal_site.root / "output.staging").exists()


def test_a_broken_link_between_articles_fails_the_build(minimal_site, capfd):
    minimal_site.article("linking", "en", "Linking", body="See [this]({filename}/articles/missing.en.md).")
    minimal_site.article("linking", "th", "ลิงก์", body="ดู[ข่าว]({filename}/articles/first-news.th.md)")
    with pytest.raises(Exit):
        minimal_site.build()
    assert "linking.en.md:7: the link {filename}/articles/missing.en.md leads to no file" in \
        "".join(capfd.readouterr())


def test_unknown_fields_are_warnings_that_do_not_stop_the_build(minimal_site, capfd):
    minimal_site.article("typo-field", "en", "Typo", extra="Sumary: A short text\n")
    minimal_site.article("typo-field", "th", "พิมพ์ผิด")
    minimal_site.build()
    message = "".join(capfd.readouterr())
    assert "typo-field.en.md:6: warning: unknown field `sumary`: did you mean `Summary`?" in message


def test_drafts_are_not_published_anywhere(minimal_site):
    minimal_site.article("draft-news", "en", "Draft", extra="Status: draft\n")
    site = minimal_site.build()
    assert not [p for p in site.root.rglob("*") if "draft" in str(p.relative_to(site.root))]


def test_a_check_that_cannot_run_stops_the_build_and_shows_why(minimal_site, capfd):
    """The content check runs in its own process: if it crashes, the build stops as for an error in the content."""
    minimal_site.build()
    before = (minimal_site.output / "index.html").read_bytes()
    capfd.readouterr()
    settings = minimal_site.settings_file.read_text(encoding="utf-8")
    minimal_site.settings_file.write_text(settings + 'CONTENT_CHECKS = ["photos.photos:no_such_check"]\n',
                                          encoding="utf-8")
    with pytest.raises(Exit) as failure:
        minimal_site.build()
    assert "no_such_check" in "".join(capfd.readouterr())
    assert "The content check stopped (exit 1)" in failure.value.message
    assert "nothing was built" in failure.value.message
    assert (minimal_site.output / "index.html").read_bytes() == before


LINGERING_PLUGIN = '''
"""For the test: the English site's process signals it has started, then writes a file a second later."""
import time
from pathlib import Path

from pelican import signals

from content_guard.content_guard import Problem

STARTED = Path(__file__).with_name("english-started")


def write_late(generator):
    if generator.settings["DEFAULT_LANG"] == "en":
        STARTED.touch()
        time.sleep(1)
        late = Path(generator.output_path) / "late" / "index.html"  # as Pelican's writer would
        late.parent.mkdir(parents=True, exist_ok=True)
        late.write_text("written after the build was stopped")


def check(settings):
    """Finds an error once the English site's process is under way."""
    deadline = time.monotonic() + 60
    while not STARTED.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    return [Problem(Path("articles/first-news.en.md"), 1, "an error found while the build runs")]


def register():
    signals.article_generator_finalized.connect(write_late)
'''


def test_a_failed_check_stops_every_process_of_the_build(minimal_site, capfd):
    """Pelican forks a process per language: when the check fails, none of them may write on after the cleanup."""
    minimal_site.build()
    published = sorted(p.relative_to(minimal_site.output) for p in minimal_site.output.rglob("*"))
    (minimal_site.root / "lingering.py").write_text(LINGERING_PLUGIN, encoding="utf-8")
    settings = minimal_site.settings_file.read_text(encoding="utf-8")
    minimal_site.settings_file.write_text(settings + (
        f"import sys; sys.path.insert(0, {str(minimal_site.root)!r})\n"
        f"PLUGIN_PATHS = PLUGIN_PATHS + [{str(minimal_site.root)!r}]\n"
        'PLUGINS = PLUGINS + ["lingering"]\n'
        'CONTENT_CHECKS = ["lingering:check"]\n'), encoding="utf-8")
    with pytest.raises(Exit) as failure:
        minimal_site.build()
    assert "an error found while the build runs" in "".join(capfd.readouterr())
    assert "The content has errors" in failure.value.message
    assert (minimal_site.root / "english-started").exists(), "the English site's process never started"
    assert running_processes_naming(minimal_site.content) == []
    time.sleep(2)  # longer than the English process would take to write its late file
    assert not (minimal_site.root / "output.staging").exists()
    assert sorted(p.relative_to(minimal_site.output) for p in minimal_site.output.rglob("*")) == published


def test_two_builds_of_one_checkout_take_turns(minimal_site):
    """`make site` twice at once (or beside `make serve`): both failed with tracebacks, sharing the staging folder."""
    code = ("import sys, tasks; tasks.build_site(sys.argv[1], sys.argv[2], content=sys.argv[3])")
    arguments = [sys.executable, "-c", code, str(minimal_site.settings_file), str(minimal_site.output),
                 str(minimal_site.content)]
    builds = [subprocess.Popen(arguments, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
              for _ in range(2)]
    outputs = [build.communicate(timeout=300)[0] for build in builds]
    assert [build.returncode for build in builds] == [0, 0], outputs
    assert sum("Another build of this folder is running" in output for output in outputs) == 1, outputs
    assert (minimal_site.output / "index.html").exists() and (minimal_site.output / "en/index.html").exists()
