"""Work kept between builds.

A rebuild redoes no segmentation, indexing, thumbnail or photo work, and its output is byte for byte the
output of a build from an empty cache; a cache filled by other code is not read.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest
from pelican.settings import read_settings

import tasks
from conftest import ROOT, different_files
from multilingual.multilingual import discard_stale_reader_cache


def build(output, cache, capfd) -> str:
    """Build the real site with a given cache folder; return what it logged."""
    tasks.build_site(tasks.CONFIG["settings_base"], output, f"--verbose -e 'CACHE_PATH=\"{cache}\"'")
    captured = capfd.readouterr()
    return captured.out + captured.err


def counters(log: str) -> dict[str, int]:
    """The work counters the plugins log, summed over languages, e.g. {"Thai pages segmented": 72, ...}."""
    found: dict[str, int] = {}
    for line in log.splitlines():
        for number, what in re.findall(r"(\d+) ([a-zA-Z ]+?)(?:,|;| from| with|$)", line.split("INFO", 1)[-1]):
            if any(word in what for word in ("segmented", "built", "rendered", "encoded", "stripped")):
                found[what.strip()] = found.get(what.strip(), 0) + int(number)
    return found


def test_a_rebuild_redoes_no_work_and_writes_the_same_bytes(tmp_path, capfd):
    cache = tmp_path / "cache"
    cold = counters(build(tmp_path / "cold", cache, capfd))
    assert cold["Thai pages segmented"] > 50
    assert cold["Pagefind indexes built"] == 2  # one per language
    assert cold["report thumbnails rendered"] == 3

    warm = counters(build(tmp_path / "warm", cache, capfd))
    assert warm == {"Thai pages segmented": 0, "Pagefind indexes built": 0, "report thumbnails rendered": 0,
                    "derivatives encoded": 0, "published images stripped of metadata": 0}

    assert different_files(tmp_path / "cold", tmp_path / "warm") == []


def test_a_cache_kept_another_way_is_set_aside(tmp_path):
    """A cache written with other reader settings (here compressed) is not read: the build still works."""
    cache = tmp_path / "cache"
    in_cache = f"-e 'CACHE_PATH=\"{cache}\"'"
    tasks.build_site(tasks.CONFIG["settings_base"], tmp_path / "compressed", f"{in_cache} GZIP_CACHE=true")
    tasks.build_site(tasks.CONFIG["settings_base"], tmp_path / "default", in_cache)
    assert different_files(tmp_path / "compressed", tmp_path / "default") == []


def code_version(plugins: Path, module: str) -> str:
    """The CODE_VERSION of `module` as a fresh interpreter imports it from the `plugins` folder."""
    return subprocess.run([sys.executable, "-c", f"import {module} as m; print(m.CODE_VERSION)"], cwd=plugins,
                          env={**os.environ, "PYTHONPATH": str(plugins)}, check=True, capture_output=True,
                          text=True).stdout.strip()


@pytest.mark.parametrize("module, edited_file", [
    ("photos.photos", "photos/photos.py"),
    ("media.media", "media/media.py"),
    ("search.search", "search/search.py"),
    ("search.search", "search/thai_terms.py"),  # the terms are made there
    ("search.search", "content_guard/characters.py"),  # the characters the terms drop
])
def test_an_edit_to_a_plugin_gives_its_cache_another_version(tmp_path, module, edited_file):
    edited = shutil.copytree(ROOT / "plugins", tmp_path / "plugins")
    source = edited / edited_file
    source.write_text(source.read_text(encoding="utf-8") + "# an edit\n", encoding="utf-8")
    assert code_version(ROOT / "plugins", module) == code_version(ROOT / "plugins", module)
    assert code_version(edited, module) != code_version(ROOT / "plugins", module)


def reader_cache(site) -> list[Path]:
    """Pelican's reader cache files of a fixture site (the main site's and each subsite's)."""
    return sorted((site.root / "cache").glob("**/*Generator-Readers"))


def cut_after_a_full_stop(data: bytes) -> bytes:
    """The file cut just after a `.` in its first half: it ends with pickle's STOP byte, as a whole pickle does."""
    return data[:data.rindex(b".", 0, len(data) // 2) + 1]


@pytest.mark.parametrize("damage", [lambda data: b"", lambda data: data[:len(data) // 2], cut_after_a_full_stop],
                         ids=["emptied", "cut in half", "cut after a full stop"])
def test_a_reader_cache_left_cut_short_does_not_stop_the_next_build(minimal_site, tmp_path, damage):
    """A build stopped while Pelican wrote its cache left a file cut short: the next build still works."""
    minimal_site.build()
    first = shutil.copytree(minimal_site.output, tmp_path / "first")
    assert len(reader_cache(minimal_site)) >= 2
    for path in reader_cache(minimal_site):
        path.write_bytes(damage(path.read_bytes()))
    minimal_site.build()
    assert different_files(first, minimal_site.output) == []


def test_a_finished_build_s_reader_cache_is_read_by_the_next(minimal_site):
    """Only files a finished build did not leave as they are are removed: a rebuild does not read every file again."""
    minimal_site.build()
    settings = read_settings(str(minimal_site.settings_file))
    kept = {path: path.stat().st_mtime_ns for path in reader_cache(minimal_site)}
    assert len(kept) >= 2
    discard_stale_reader_cache(settings)
    assert {path: path.stat().st_mtime_ns for path in reader_cache(minimal_site)} == kept


def test_an_edit_to_the_markdown_reader_empties_the_reader_cache(minimal_site, monkeypatch, tmp_path):
    """Pelican checks its cache by file times only: what an older fast_markdown read was served from it.

    A change to what it reads (a header line carried on to the next became one value) reached no file until
    the file was edited.
    """
    minimal_site.build()
    settings = read_settings(str(minimal_site.settings_file))
    assert reader_cache(minimal_site)
    edited = tmp_path / "fast_markdown.py"
    edited.write_text((ROOT / "plugins/fast_markdown/fast_markdown.py").read_text(encoding="utf-8") + "# an edit\n",
                      encoding="utf-8")
    find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *args: types.SimpleNamespace(origin=str(edited))
                        if name == "fast_markdown.fast_markdown" else find_spec(name, *args))
    discard_stale_reader_cache(settings)
    assert reader_cache(minimal_site) == []
