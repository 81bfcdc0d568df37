"""`make serve`: a live preview that serves both languages and stops cleanly on Ctrl-C."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request

from conftest import ROOT


def free_port() -> int:
    """Ask the system for a port nobody uses."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


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


def test_make_serve_previews_with_live_reload_and_stops_cleanly(tmp_path):
    port = free_port()
    env = {**os.environ, "SITE_OUTPUT": str(tmp_path / "preview"), "SITE_PORT": str(port)}
    server = subprocess.Popen(["make", "--no-print-directory", "serve"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        thai = wait_for(f"http://localhost:{port}/").decode()
        english = wait_for(f"http://localhost:{port}/en/about.html").decode()
        assert '<html lang="th">' in thai and '<html lang="en">' in english
        assert "livereload.js" in thai, "the preview reloads the browser on change"
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
