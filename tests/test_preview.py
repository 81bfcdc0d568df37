"""`make serve`: a live preview that serves both languages and stops cleanly on Ctrl-C."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from invoke.exceptions import Exit

import tasks
from conftest import ROOT, running_processes_naming
from webserver import free_port


def wait_for(url: str, seconds: float = 120) -> bytes:
    """Return the body of `url` once the server answers."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


@pytest.mark.browser
def test_make_serve_previews_with_live_reload_and_stops_cleanly(tmp_path, browser):
    port = free_port()
    env = {**os.environ, "SITE_OUTPUT": str(tmp_path / "preview"), "SITE_PORT": str(port)}
    server = subprocess.Popen(["make", "--no-print-directory", "serve"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        thai = wait_for(f"http://localhost:{port}/").decode()
        english = wait_for(f"http://localhost:{port}/en/about.html").decode()
        assert '<html lang="th">' in thai and '<html lang="en">' in english
        assert "livereload.js" in thai, "the preview reloads the browser on change"
        # ... and its script runs: the site's security policy would block it (it is inline).
        tab = browser.new_page()
        tab.goto(f"http://localhost:{port}/")
        tab.wait_for_function("typeof window.LiveReload !== 'undefined'", timeout=10_000)
        tab.close()
    finally:
        os.killpg(server.pid, signal.SIGINT)  # what Ctrl-C in the terminal does
        server.wait(timeout=30)
    time.sleep(0.5)
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0, "the port is still held"
    try:
        os.killpg(server.pid, 0)
    except ProcessLookupError:
        pass
    else:
        raise AssertionError("processes of `make serve` are still running")


@pytest.mark.parametrize("target, stop", [("serve", signal.SIGINT), ("serve", signal.SIGTERM),
                                          ("site", signal.SIGINT), ("site", signal.SIGTERM), ("site", signal.SIGHUP)],
                         ids=["serve, Ctrl-C", "serve, SIGTERM", "site, Ctrl-C", "site, SIGTERM", "site, ssh closed"])
def test_stopping_make_during_a_build_stops_the_build_and_leaves_nothing_behind(tmp_path, target, stop):
    """Ctrl-C, SIGTERM or SIGHUP to make's process group stops the build, though Pelican has a group of its own.

    SIGHUP: the terminal or the ssh connection closed. Otherwise its processes would go on building, and
    writing, after make has gone.
    """
    port = free_port()
    output = tmp_path / "preview"
    env = {**os.environ, "SITE_OUTPUT": str(output), "SITE_PORT": str(port), "SITE_CACHE": str(tmp_path / "cache")}
    server = subprocess.Popen(["make", "--no-print-directory", target], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not any("pelican" in command for command in running_processes_naming(output)):
            assert time.monotonic() < deadline and server.poll() is None, "the build never started"
            time.sleep(0.02)
        time.sleep(0.5)  # into the build: the language processes are forked
    finally:
        os.killpg(server.pid, stop)
        server.wait(timeout=30)
    time.sleep(1)
    assert running_processes_naming(output) == []
    assert not output.with_name("preview.staging").exists()
    assert not output.exists(), "the interrupted build was published"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of a built site, by path, with its bytes (symbolic links by their target)."""
    return {str(path.relative_to(folder)): (os.readlink(path).encode() if path.is_symlink() else path.read_bytes())
            for path in sorted(folder.rglob("*")) if path.is_symlink() or path.is_file()}


def test_an_edit_is_written_to_its_own_page_first(minimal_site):
    """build_site(only=...): the edited file's page is rewritten in place, nothing else is touched."""
    minimal_site.article("second-news", "th", "ข่าวที่สอง", date="2024-02-01")
    minimal_site.article("second-news", "en", "Second news", date="2024-02-01")
    site = minimal_site.build("-e SEARCH_INDEX=true")
    before = snapshot(site.root)
    source = minimal_site.article("first-news", "th", "ข่าวแรกฉบับแก้ไข", body="ข้อความที่แก้ไขใหม่ในวันนี้")

    tasks.build_site(str(minimal_site.settings_file), minimal_site.output, "-e SEARCH_INDEX=true",
                     content=str(minimal_site.content), preview=True, only=[source])
    after = snapshot(site.root)
    changed = sorted(name for name in after if after[name] != before.get(name))
    assert changed == ["articles/first-news.html"], changed
    page = after["articles/first-news.html"].decode()
    assert "ข่าวแรกฉบับแก้ไข" in page and "ข้อความที่แก้ไขใหม่ในวันนี้" in page
    assert "ข่าวแรกฉบับแก้ไข" not in after["news/index.html"].decode(), "lists wait for the full build"
    assert not (site.root.parent / "output.staging-pages").exists()

    # The full preview build then brings the lists up to date.
    tasks.build_site(str(minimal_site.settings_file), minimal_site.output, "-e SEARCH_INDEX=true",
                     content=str(minimal_site.content), preview=True)
    assert "ข่าวแรกฉบับแก้ไข" in (site.root / "news/index.html").read_text(encoding="utf-8")


def test_an_edit_with_an_error_is_not_shown(minimal_site):
    site = minimal_site.build()
    before = snapshot(site.root)
    source = minimal_site.write("articles/first-news.th.md", "Title: ข่าวแรก\nSlug: first-news\nLang: th\n\nText.\n")
    with pytest.raises(Exit) as refused:
        tasks.build_site(str(minimal_site.settings_file), minimal_site.output, "", content=str(minimal_site.content),
                         preview=True, only=[source])
    assert snapshot(site.root) == before
    # What make serve shows on its pages: the check's own lines, naming the file.
    assert any("first-news.th.md:" in line and "Date" in line for line in refused.value.problems), \
        refused.value.problems


def test_make_serve_shows_an_edit_then_brings_every_page_up_to_date(tmp_path):
    """The whole loop: edit a Markdown file while `make serve` runs; its page, then the lists, show it."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    port = free_port()
    env = {**os.environ, "SITE_OUTPUT": str(tmp_path / "preview"), "SITE_PORT": str(port),
           "SITE_CONTENT": str(content), "SITE_CACHE": str(tmp_path / "cache")}
    server = subprocess.Popen(["make", "--no-print-directory", "serve"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        source = next(content.glob("articles/*unodc-cooperation.th.md"))
        wait_for(f"http://localhost:{port}/articles/unodc-cooperation.html")
        text = source.read_text(encoding="utf-8")
        title = re.search(r"^Title: (.*)$", text, re.MULTILINE).group(1)
        source.write_text(text.replace(f"Title: {title}", "Title: หัวข้อที่แก้ไขระหว่างดูตัวอย่าง", 1), encoding="utf-8")
        wait_until(f"http://localhost:{port}/articles/unodc-cooperation.html", "หัวข้อที่แก้ไขระหว่างดูตัวอย่าง")
        wait_until(f"http://localhost:{port}/news/", "หัวข้อที่แก้ไขระหว่างดูตัวอย่าง")

        # A save the check refuses: every page says so, and why, above the last good build (the browser
        # reloaded the old page, and only the terminal said why).
        edited = source.read_text(encoding="utf-8")
        source.write_text(edited + '\n<font face="Calibri">วางมาจาก Word</font>\n', encoding="utf-8")
        for page in ("articles/unodc-cooperation.html", "en/"):
            wait_until(f"http://localhost:{port}/{page}", "This preview is out of date")
            shown = wait_for(f"http://localhost:{port}/{page}").decode("utf-8")
            assert f"{source.name}:" in shown and "the tag &lt;font&gt;" in shown, "the check's line, as text"
            assert "livereload.js" in shown, "and the page still reloads itself when the save is fixed"
        assert "หัวข้อที่แก้ไขระหว่างดูตัวอย่าง" in wait_for(f"http://localhost:{port}/articles/unodc-cooperation.html"
                                                       ).decode("utf-8"), "the last good build, under the notice"
        source.write_text(edited, encoding="utf-8")
        deadline = time.monotonic() + 120
        while "This preview is out of date" in wait_for(f"http://localhost:{port}/en/").decode("utf-8"):
            assert time.monotonic() < deadline, "the notice stayed after the save was fixed"
            time.sleep(0.2)
    finally:
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=30)


def wait_until(url: str, text: str, seconds: float = 120) -> None:
    """Wait until the page at `url` contains `text`."""
    deadline = time.monotonic() + seconds
    while text not in wait_for(url).decode("utf-8"):
        assert time.monotonic() < deadline, f"{url} never showed {text!r}"
        time.sleep(0.2)


def test_settings_given_with_the_build_keep_the_builds_own():
    """Pelican keeps only its last -e: the build's settings and the caller's go in one."""
    assert tasks.pelican_options("--verbose -e A=1 -e 'B=\"x y\"' --debug", ["OWN=true"]) == [
        "--verbose", "--debug", "--extra-settings", "OWN=true", "A=1", 'B="x y"']


def test_make_serve_on_a_port_in_use_says_so_before_building(tmp_path, monkeypatch):
    """A second `make serve` built the whole site (a minute at scale), then stopped with "Address already in use"."""
    from invoke import Context

    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        monkeypatch.setitem(tasks.CONFIG, "port", port)
        monkeypatch.setitem(tasks.CONFIG, "output", str(tmp_path / "output"))
        with pytest.raises(Exit) as stopped:
            tasks.livereload(Context())
    assert f"Port {port} is in use" in stopped.value.message and f"SITE_PORT={port + 1} make serve" in \
        stopped.value.message
    assert not (tmp_path / "output").exists(), "nothing was built"


def test_a_build_pelican_refuses_tells_the_preview_why(minimal_site):
    """The box said only "CRITICAL ... Warning or error encountered": the WARNING naming the file was left out."""
    minimal_site.build()
    minimal_site.write("articles/first-news.en.md", "Title: News\nSlug: first-news\nLang: en\nDate: 2024-01-15\n"
                       "Category: news\n\nSee [the plan]({foo}plan).\n")
    with pytest.raises(Exit) as refused:
        tasks.build_site(str(minimal_site.settings_file), minimal_site.output, "", content=str(minimal_site.content),
                         preview=True)
    problems = refused.value.problems
    assert any("WARNING" in line for line in problems) and any("{foo}plan" in line for line in problems), problems
    assert all("  " not in line for line in problems), "without the log's padding"


def test_the_refused_notice_shows_on_a_page_built_with_the_security_policy():
    """On pages `make site` built, the policy's `style-src 'self'` left the box without its colours."""
    page = (b'<html><head><meta http-equiv="Content-Security-Policy" content="style-src \'self\'">'
            b'</head><body class="x"><p>Text</p></body></html>')
    shown = tasks.with_refused_notice(page, ["news.en.md:7: the tag <font> is not valid"]).decode("utf-8")
    assert "Content-Security-Policy" not in shown
    assert shown.index('<body class="x"><div role="alert" style=') < shown.index("<p>Text</p>")
    assert "the tag &lt;font&gt; is not valid" in shown
