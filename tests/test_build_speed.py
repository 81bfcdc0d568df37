"""What makes the build fast changes nothing it builds.

The languages are built side by side (plugins/multilingual/parallel.py): the same site, the same
failures. Markdown files are read with one reused converter (plugins/fast_markdown): the same HTML.
"""

from __future__ import annotations

import copy
import time

import pytest
from invoke.exceptions import Exit
from pelican.readers import MarkdownReader

import tasks
from conftest import ROOT, different_files, running_processes_naming
from fast_markdown.fast_markdown import ReusedMarkdownReader


def test_side_by_side_and_one_after_another_give_the_same_bytes(tmp_path):
    """The shipped site, each time from an empty cache: languages in parallel, and one after another as upstream."""
    outputs = []
    for parallel in ("true", "false"):
        output = tmp_path / f"parallel-{parallel}"
        tasks.build_site(tasks.CONFIG["settings_base"], output,
                         f"-e 'CACHE_PATH=\"{tmp_path / parallel}\"' MULTILINGUAL_PARALLEL={parallel}")
        outputs.append(output)
    assert sum(1 for _ in outputs[0].glob("en/**/*.html")) > 60  # the English site is there
    assert different_files(*outputs) == []


def test_a_failure_in_another_language_fails_the_build(minimal_site, capfd):
    """An English page Pelican cannot render: nothing is published, and the message names the language."""
    template = minimal_site.failing_template()
    site = minimal_site.build()
    before = sorted(path.relative_to(site.root) for path in site.root.rglob("*"))
    minimal_site.page("rules", "en", "Rules", extra=f"Template: {template}\n")
    minimal_site.page("rules", "th", "กฎ")
    capfd.readouterr()
    with pytest.raises(Exit) as failure:
        minimal_site.build()
    printed = capfd.readouterr().out
    assert "The build failed (above): nothing was published" in failure.value.message
    assert "The 'en' site failed" in printed and "no_such" in printed, printed
    assert sorted(path.relative_to(site.root) for path in site.root.rglob("*")) == before


STALLING_PLUGIN = """
import time
from pelican import signals
from multilingual import multilingual, parallel

def fail(pelican):
    raise RuntimeError("the main site's own work failed")

def stall(pelican):
    if not multilingual.is_main_site(pelican.settings):
        time.sleep(60)  # a language still at work when the main site fails

def register():
    parallel.before_waiting(fail)
    signals.finalized.connect(stall)
"""


def test_a_failure_before_the_main_site_waits_stops_every_language(fixture_site, tmp_path, capfd):
    """The main site's work before it waits for the others (its search index) fails: the build fails at once."""
    plugin = tmp_path / "test-plugins" / "stalling"
    plugin.mkdir(parents=True)
    (plugin / "__init__.py").write_text(STALLING_PLUGIN, encoding="utf-8")
    site = fixture_site(f"PLUGIN_PATHS = [*PLUGIN_PATHS, {str(plugin.parent)!r}]\nPLUGINS = [*PLUGINS, 'stalling']\n")
    for lang, title in (("th", "หน้าแรก"), ("en", "Home")):
        site.article("first-news", lang, title + " news")
        site.page("home", lang, title, extra="Template: home\nSave_as: index.html\nURL:\n")
    started = time.monotonic()
    with pytest.raises(Exit) as failure:
        site.build()
    # The English process, which would have slept a minute more, was stopped with the build.
    assert time.monotonic() - started < 30
    assert "The build failed (above): nothing was published" in failure.value.message
    assert "the main site's own work failed" in capfd.readouterr().out
    assert running_processes_naming(site.content) == []


def test_the_reused_markdown_converter_reads_every_file_as_a_new_one_would():
    """Every shipped Markdown file, in two orders, so nothing of one file can leak into the next."""
    # Copies: Pelican's reader adds the meta extension to the MARKDOWN setting it is given, which is the settings
    # module's own dict; a later build in this process then saw other settings and discarded its reader cache.
    settings = tasks.read_settings(tasks.CONFIG["settings_base"])
    new, reused = MarkdownReader(copy.deepcopy(settings)), ReusedMarkdownReader(copy.deepcopy(settings))
    sources = sorted(str(path) for path in (ROOT / "content").rglob("*.md"))
    assert len(sources) > 40
    for source in sources + sources[::-1]:
        content, metadata = reused.read(source)
        assert (content, metadata) == new.read(source), source
        assert metadata.get("title"), source
