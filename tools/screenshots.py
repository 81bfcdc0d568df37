"""Take screenshots of built pages at phone and desktop widths, for a person to look at.

Usage: .venv/bin/python tools/screenshots.py OUTDIR PATH [PATH ...]
Serves output/ (or $SITE_OUTPUT) on a free local port and saves OUTDIR/<name>-<width>.png for each path.
"""

import functools
import http.server
import os
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}


def main(out_dir: str, paths: list[str]) -> None:
    """Save a full-page screenshot of each path at each width."""
    folder = ROOT / os.environ.get("SITE_OUTPUT", "output")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-gpu"])
        for path in paths:
            name = path.strip("/").replace("/", "_").replace(".html", "") or "home"
            for label, (width, height) in WIDTHS.items():
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                page.screenshot(path=f"{out_dir}/{name}-{label}.png", full_page=True)
                page.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
