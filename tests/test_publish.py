"""`invoke publish`: build with publishconf.py, run the gate, and only then publish, to a folder or a branch.

The gate itself is tests/test_gate.py; here it is replaced by a command that passes or fails, so these
tests show what publishing does with each outcome.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import ssl
import stat
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from invoke import Context
from invoke.exceptions import Exit

import tasks
from conftest import PUBLIC_ORIGIN, ROOT
from webserver import Nginx, free_port

PASS, FAIL = ["true"], ["false"]


@pytest.fixture
def publishing(tmp_path, monkeypatch):
    """Publish builds go to a temporary folder; the gate is a command the test chooses."""
    monkeypatch.setitem(tasks.CONFIG, "output", str(tmp_path / "output"))
    monkeypatch.setitem(tasks.CONFIG, "gate", PASS)
    return tmp_path


def noting_gate(folder):
    """A gate command that passes, leaving `gate-ran` in `folder`: whether the gate was reached at all."""
    return ["sh", "-c", f"touch {folder}/gate-ran"]


def recording_gate(folder):
    """A gate command that passes, noting the folder and the address it was given."""
    return ["sh", "-c", f'echo "$GATE_SITE $GATE_SITEURL" > {folder}/gate-was-given']


def test_publishing_to_a_folder_switches_the_live_site_at_once(publishing, monkeypatch):
    live = publishing / "www" / "live"
    live.parent.mkdir()
    monkeypatch.setitem(tasks.CONFIG, "gate", recording_gate(publishing))
    tasks.publish(Context(), target=str(live))
    # The gate checked the very folder that is published, built for the public address, in a folder of its
    # own (removed once published).
    checked, address = (publishing / "gate-was-given").read_text().split()
    assert checked.startswith(f"{publishing / 'output'}.publish-") and address == PUBLIC_ORIGIN
    assert not Path(checked).exists()
    assert live.is_symlink() and not os.path.isabs(os.readlink(live)), "relative: the folder may be mounted elsewhere"
    first = live.resolve()
    # Its name says when, and from which commit it was built: which to roll back to. (Whether files differed
    # from the commit, its end, is the next test's.)
    commit = git("-C", str(ROOT), "rev-parse", "--short", "HEAD").strip()
    assert re.fullmatch(rf"\d{{8}}-\d{{6}}-\d{{6}}-{commit}(-uncommitted)?", first.name), first.name
    home = (live / "index.html").read_text()
    assert f'href="{PUBLIC_ORIGIN}/en/"' in home  # the public address, from publishconf.py
    assert (live / "index.html.br").exists() and (live / "_headers").exists()

    tasks.publish(Context(), target=str(live))
    second = live.resolve()
    assert second != first and (second / "index.html").read_text() == home
    assert first.exists(), "the previous release is kept, to switch back to"
    for _ in range(3):
        tasks.publish(Context(), target=str(live))
    releases = sorted((publishing / "www" / ".live.releases").iterdir())
    assert len(releases) == tasks.CONFIG["releases_kept"] and live.resolve() == releases[-1]


def test_publishing_files_not_committed_says_which(publishing, capsys):
    """A test article left in the checkout went live without a word."""
    stray = ROOT / f"stray-file-not-committed-{os.getpid()}.txt"  # a name no other run uses
    stray.write_text("not in git\n")
    try:
        (publishing / "www").mkdir()
        tasks.publish(Context(), target=str(publishing / "www" / "live"))
    finally:
        stray.unlink()
    out = capsys.readouterr().out
    assert "Warning: these files differ from commit" in out and f"\n  {stray.name}" in out, out
    assert (publishing / "www" / "live").resolve().name.endswith("-uncommitted")


def test_a_preview_built_while_the_gate_runs_is_not_what_is_published(publishing, monkeypatch):
    """A build in the same checkout during the gate is not published.

    `make site` or `make serve` replaced output/, which was then published: a preview build, with links to
    localhost, went live unchecked.
    """
    output = publishing / "output"
    monkeypatch.setitem(tasks.CONFIG, "gate", ["sh", "-c", f"mkdir -p {output} && echo preview > {output}/index.html"])
    live = publishing / "live"
    tasks.publish(Context(), target=str(live))
    assert f'href="{PUBLIC_ORIGIN}/en/"' in (live / "index.html").read_text()


def test_a_release_is_readable_by_the_web_server_and_a_stopped_copy_is_never_kept(publishing, monkeypatch):
    """Every user may read a release; a copy stopped half-way is never linked nor kept.

    Built under umask 027, the gate passed and nginx (another user) answered 403; a copy stopped by Ctrl-C
    counted as a release, and the next publish deleted the whole ones to keep it.
    """
    live = publishing / "live"
    previous_umask = os.umask(0o027)
    try:
        tasks.publish(Context(), target=str(live))
    finally:
        os.umask(previous_umask)
    modes = {stat.S_IMODE(path.stat().st_mode)
             for path in [live.resolve().parent, live.resolve(), *live.resolve().rglob("*")]}
    assert modes == {0o755, 0o644}, "the releases' folder too"
    good = live.resolve()
    copy = shutil.copytree

    def stopped(source, destination, *arguments, **options):  # Ctrl-C while the release is copied
        if Path(destination).parent.name != ".live.releases":
            return copy(source, destination, *arguments, **options)
        copy(source / "en", Path(destination) / "en")
        raise KeyboardInterrupt

    monkeypatch.setattr(tasks.shutil, "copytree", stopped)
    with pytest.raises(KeyboardInterrupt):
        tasks.publish(Context(), target=str(live))
    assert live.resolve() == good
    monkeypatch.setattr(tasks.shutil, "copytree", copy)
    tasks.publish(Context(), target=str(live))
    tasks.publish(Context(), target=str(live))
    releases = sorted((publishing / ".live.releases").iterdir())
    assert good in releases and len(releases) == tasks.CONFIG["releases_kept"]
    assert all((release / "index.html").exists() for release in releases)


def test_a_publish_after_a_rollback_keeps_the_release_rolled_back_to(publishing):
    """Rolled back to the oldest release as the deploy guide says, the next publish deleted it."""
    live, site = publishing / "live", publishing / "site"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html>")
    for _ in range(3):
        tasks.publish_to_folder(site, live)
    oldest = sorted((publishing / ".live.releases").iterdir())[0]
    switch = publishing / "live.new"
    switch.symlink_to(os.path.relpath(oldest, publishing))
    os.replace(switch, live)
    newest = tasks.publish_to_folder(site, live)
    releases = sorted((publishing / ".live.releases").iterdir())
    assert oldest in releases and newest in releases and len(releases) == tasks.CONFIG["releases_kept"]


def test_a_gh_pages_remote_that_cannot_be_reached_is_refused_before_building(publishing, monkeypatch):
    monkeypatch.setitem(tasks.CONFIG, "gate", noting_gate(publishing))
    for mistyped, said in (("remote.gti", "not a git URL, nor a remote of this checkout"),
                           (str(publishing), "git cannot reach")):
        with pytest.raises(Exit) as failure:
            tasks.publish(Context(), gh_pages=mistyped)
        assert failure.value.message.startswith(f"GH_PAGES {mistyped}: ") and said in failure.value.message
    assert not (publishing / "gate-ran").exists() and not list(publishing.glob("output*"))


def test_a_target_in_a_folder_that_does_not_exist_is_refused_before_building(publishing, monkeypatch):
    monkeypatch.setitem(tasks.CONFIG, "gate", noting_gate(publishing))
    with pytest.raises(Exit) as failure:
        tasks.publish(Context(), target=str(publishing / "vra" / "www" / "live"))
    assert failure.value.message.startswith(f"TARGET {publishing / 'vra/www/live'}: the folder "
                                            f"{publishing / 'vra/www'} does not exist.")
    assert not (publishing / "vra").exists() and not (publishing / "gate-ran").exists()


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
    monkeypatch.setitem(tasks.CONFIG, "gate", noting_gate(publishing))
    live = publishing / "live"
    with pytest.raises(Exit):
        tasks.publish(Context(), target=str(live))
    assert not live.exists()
    assert not (publishing / "gate-ran").exists()


def git(*arguments, cwd=None) -> str:
    """Run git; return its output."""
    return subprocess.run(["git", *arguments], cwd=cwd, check=True, capture_output=True, text=True).stdout


def test_publishing_to_a_gh_pages_branch(publishing, monkeypatch):
    remote = publishing / "remote.git"
    git("init", "-q", "--bare", str(remote))
    monkeypatch.chdir(publishing)  # a path relative to where the command is typed
    tasks.publish(Context(), gh_pages="remote.git")
    published = git("--git-dir", str(remote), "show", "gh-pages:index.html")
    assert f'href="{PUBLIC_ORIGIN}/en/"' in published
    files = git("--git-dir", str(remote), "ls-tree", "-r", "--name-only", "gh-pages").split()
    assert ".nojekyll" in files and "en/index.html" in files and "pagefind/pagefind.js" in files
    # GitHub Pages never serves the pre-compressed copies: they only made the branch grow twice as fast.
    assert not [name for name in files if name.endswith((".gz", ".br"))]
    # GitHub Pages keeps its custom domain in this file; a publish without it dropped the domain.
    assert git("--git-dir", str(remote), "show", "gh-pages:CNAME").strip() == urlsplit(PUBLIC_ORIGIN).hostname

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
    assert (publishing / "gate-was-given").read_text() == f"{publishing / 'output'} {PUBLIC_ORIGIN}\n"
    monkeypatch.setitem(tasks.CONFIG, "gate", FAIL)
    with pytest.raises(Exit) as failure:
        tasks.gate(Context())
    assert failure.value.message == "The release gate failed (above)."


def guide_servers(root: Path, https: int, http: int, certificate: Path, key: Path) -> str:
    """The server blocks of deploy/README.md as written, on these local ports, with a test certificate."""
    guide = (ROOT / "deploy" / "README.md").read_text(encoding="utf-8")
    blocks = re.search(r"```nginx\n(.*?)```", guide, re.DOTALL).group(1)
    blocks = re.sub(r"\s*listen \[::\]:\d+[^;]*;", "", blocks)  # IPv6: a CI host may have none
    for public, local in ((443, https), (80, http)):
        blocks = re.sub(rf"listen {public}\b", f"listen 127.0.0.1:{local}", blocks)
    blocks = re.sub(r"ssl_certificate\s+\S+;", f"ssl_certificate {certificate};", blocks)
    blocks = re.sub(r"ssl_certificate_key\s+\S+;", f"ssl_certificate_key {key};", blocks)
    return blocks.replace("/var/www/nts-mekong/live", str(root))


def test_the_nginx_example_of_the_deploy_guide_loads_and_redirects_every_old_address(tmp_path):
    """The nginx example of deploy/README.md, pasted as it is, works.

    It failed `nginx -t` on Debian 12's nginx (`http2 on;` needs 1.25.1), and `https://nts-mekong.com/...`,
    the old site's links, had no server: readers got a certificate error.
    """
    certificate, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=test",
                    "-keyout", str(key), "-out", str(certificate)], check=True, capture_output=True)
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<!doctype html><title>home</title>")
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    https, plain = free_port(), free_port()
    with Nginx(tmp_path / "site", https, guide_servers(tmp_path / "site", https, plain, certificate, key)):
        def fetch(host, path, secure=True):
            connection = (http.client.HTTPSConnection("127.0.0.1", https, context=context) if secure
                          else http.client.HTTPConnection("127.0.0.1", plain))
            if secure:  # the name the browser asks for, so that nginx picks the server block
                connection.sock = context.wrap_socket(socket.create_connection(("127.0.0.1", https)),
                                                      server_hostname=host)
            connection.request("GET", path, headers={"Host": host})
            response = connection.getresponse()
            return response.status, response.getheader("Location")

        assert fetch("www.nts-mekong.com", "/")[0] == 200
        assert fetch("nts-mekong.com", "/en/event-1935/") == (301, "https://www.nts-mekong.com/en/event-1935/")
        assert fetch("nts-mekong.com", "/x", secure=False) == (301, "https://www.nts-mekong.com/x")


def test_the_gates_server_serves_a_checkout_whose_path_has_a_space(tmp_path):
    """`make test`, `make gate` and `make publish` failed in a folder such as "/home/staff/NTS website"."""
    site = tmp_path / "NTS website" / "output"
    site.mkdir(parents=True)
    (site / "index.html").write_text("<!DOCTYPE html><title>Home</title>", encoding="utf-8")
    with Nginx(site) as nginx:
        connection = http.client.HTTPConnection(nginx.url.removeprefix("http://"), timeout=10)
        connection.request("GET", "/")
        response = connection.getresponse()
        assert response.status == 200 and b"<title>Home</title>" in response.read()
