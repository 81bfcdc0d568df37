"""`invoke publish`: build with publishconf.py, run the gate, and only then publish, to a folder or a branch.

The gate itself is tests/test_gate.py; here it is replaced by a command that passes or fails, so these
tests show what publishing does with each outcome.
"""

from __future__ import annotations

import subprocess

import pytest
from invoke import Context
from invoke.exceptions import Exit

import tasks

PASS, FAIL = ["true"], ["false"]


@pytest.fixture
def publishing(tmp_path, monkeypatch):
    """Publish builds go to a temporary folder; the gate is a command the test chooses."""
    monkeypatch.setitem(tasks.CONFIG, "output", str(tmp_path / "output"))
    monkeypatch.setitem(tasks.CONFIG, "gate", PASS)
    return tmp_path


def recording_gate(folder):
    """A gate command that passes, noting the folder and the address it was given."""
    return ["sh", "-c", f'echo "$GATE_SITE $GATE_SITEURL" > {folder}/gate-was-given']


def test_publishing_to_a_folder_switches_the_live_site_at_once(publishing, monkeypatch):
    live = publishing / "www" / "live"
    monkeypatch.setitem(tasks.CONFIG, "gate", recording_gate(publishing))
    tasks.publish(Context(), target=str(live))
    # The gate checked the very folder that is published, built for the public address.
    assert (publishing / "gate-was-given").read_text() == f"{publishing / 'output'} https://www.nts-mekong.com\n"
    assert live.is_symlink()
    first = live.resolve()
    home = (live / "index.html").read_text()
    assert 'href="https://www.nts-mekong.com/en/"' in home  # the public address, from publishconf.py
    assert (live / "index.html.br").exists() and (live / "_headers").exists()

    tasks.publish(Context(), target=str(live))
    second = live.resolve()
    assert second != first and (second / "index.html").read_text() == home
    assert first.exists(), "the previous release is kept, to switch back to"
    for _ in range(3):
        tasks.publish(Context(), target=str(live))
    releases = sorted((publishing / "www" / ".live.releases").iterdir())
    assert len(releases) == tasks.CONFIG["releases_kept"] and live.resolve() == releases[-1]


def test_a_failed_gate_publishes_nothing(publishing, monkeypatch):
    live = publishing / "live"
    tasks.publish(Context(), target=str(live))
    before = live.resolve()
    monkeypatch.setitem(tasks.CONFIG, "gate", FAIL)
    with pytest.raises(Exit) as failure:
        tasks.publish(Context(), target=str(live))
    assert failure.value.message == "The release gate failed (above): nothing was published."
    assert live.resolve() == before


def test_a_failed_build_publishes_nothing_and_skips_the_gate(publishing, monkeypatch, minimal_site):
    minimal_site.write("articles/broken.en.md", "Title: Broken\nSlug: broken\nLang: en-US\n\nText.\n")
    monkeypatch.setitem(tasks.CONFIG, "content", str(minimal_site.content))
    monkeypatch.setitem(tasks.CONFIG, "gate", ["sh", "-c", f"touch {publishing}/gate-ran"])
    live = publishing / "live"
    with pytest.raises(Exit):
        tasks.publish(Context(), target=str(live))
    assert not live.exists()
    assert not (publishing / "gate-ran").exists()


def git(*arguments, cwd=None) -> str:
    """Run git; return its output."""
    return subprocess.run(["git", *arguments], cwd=cwd, check=True, capture_output=True, text=True).stdout


def test_publishing_to_a_gh_pages_branch(publishing):
    remote = publishing / "remote.git"
    git("init", "-q", "--bare", str(remote))
    tasks.publish(Context(), gh_pages=str(remote))
    published = git("--git-dir", str(remote), "show", "gh-pages:index.html")
    assert published == (publishing / "output" / "index.html").read_text()
    files = git("--git-dir", str(remote), "ls-tree", "-r", "--name-only", "gh-pages").split()
    assert ".nojekyll" in files and "en/index.html" in files and "pagefind/pagefind.js" in files

    tasks.publish(Context(), gh_pages=str(remote))
    history = git("--git-dir", str(remote), "log", "--format=%s", "gh-pages").splitlines()
    assert len(history) == 2, "each publish adds a commit on top of the last (a fast-forward push)"
    assert history[0].startswith("Publish the site built from ")


def test_publish_needs_exactly_one_target(publishing):
    with pytest.raises(Exit) as failure:
        tasks.publish(Context())
    assert "--target" in failure.value.message and "--gh-pages" in failure.value.message


def test_the_gate_task_checks_the_folder_built_for_publishing(publishing, monkeypatch):
    with pytest.raises(Exit) as missing:
        tasks.gate(Context())
    assert missing.value.message == (
        f"There is no built site in {publishing / 'output'}: run `make publish-build` first.")
    (publishing / "output").mkdir()
    (publishing / "output" / "index.html").write_text("<!doctype html>")  # the gate here is a stand-in
    monkeypatch.setitem(tasks.CONFIG, "gate", recording_gate(publishing))
    tasks.gate(Context())
    assert (publishing / "gate-was-given").read_text() == f"{publishing / 'output'} https://www.nts-mekong.com\n"
    monkeypatch.setitem(tasks.CONFIG, "gate", FAIL)
    with pytest.raises(Exit) as failure:
        tasks.gate(Context())
    assert failure.value.message == "The release gate failed (above)."
