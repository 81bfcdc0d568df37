"""Shared fixtures: the real site built once per session, and small fixture sites built on demand."""

from __future__ import annotations

import filecmp
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "plugins"), str(Path(__file__).parent)]

import tasks  # noqa: E402
from sitereader import BuiltSite  # noqa: E402
from webserver import Nginx  # noqa: E402

CHROMIUM = tasks.CONFIG["chromium"]
# Injected before any page script by the browser tests: records every Content-Security-Policy violation.
CSP_LISTENER = Path(__file__).parent / "csp_listener.js"
# The address publish builds are made for (publishconf.py's SITEURL; the SITEURL variable overrides it).
PUBLIC_ORIGIN = tasks.read_settings(tasks.CONFIG["settings_publish"])["SITEURL"]



def as_if_made_by_older_code(cache: Path) -> str:
    """Turn the one version folder in `cache` into another version's, whose files hold other bytes; its name.

    What a cache looks like to a build after the code that filled it has changed.
    """
    [current] = cache.iterdir()
    for cached in current.iterdir():
        cached.write_bytes(b"made by other code")
    current.rename(current.with_name("an-older-version"))
    return current.name


def running_processes_naming(folder: Path) -> list[str]:
    """The command lines of the processes still running (not zombies) that name `folder`."""
    return [command for _group, command in tasks.running_processes() if str(folder) in command]


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium; fails, rather than skips, when it is not installed."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "install Chromium first: apt-get install chromium (see .ci/packages)"
    # Phones have a Thai font; without one, Chromium draws Thai as wider boxes and the layout tests measure those.
    thai_fonts = subprocess.run(["fc-list", ":lang=th", "family"], capture_output=True, text=True).stdout.strip()
    assert thai_fonts, "install a Thai system font first: apt-get install fonts-noto-core (see .ci/packages)"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync"],
        )
        yield chromium
        chromium.close()


def watch_security_policy(context) -> list[str]:
    """The Content-Security-Policy violations of every page the context's tabs open, as they happen.

    Reported to Python from the page (a binding the policy does not govern), so a test that goes through
    several pages sees each page's, not only the last one's.
    """
    violations = []

    def report(_source, violation: str) -> None:
        if violation not in violations:
            violations.append(violation)

    context.expose_binding("__cspViolation", report)
    context.add_init_script(path=str(CSP_LISTENER))
    return violations


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> BuiltSite:
    """The real content, built with the real settings, as `make site` builds it."""
    output = tmp_path_factory.mktemp("real") / "output"
    tasks.build_site(tasks.CONFIG["settings_base"], output)
    return BuiltSite(output)


@pytest.fixture(scope="session")
def server(site):
    """The real site served by nginx with the project's configuration (its Content-Security-Policy included)."""
    with Nginx(site.root) as nginx:
        yield nginx.url


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> BuiltSite:
    """The real content built with publishconf.py (absolute URLs, for PUBLIC_ORIGIN)."""
    output = tmp_path_factory.mktemp("published") / "output"
    tasks.build_site(tasks.CONFIG["settings_publish"], output)
    return BuiltSite(output, origin=PUBLIC_ORIGIN)


# Fixture sites leave out the coordination centres unless a test asks for them (with their data).
# Fixtures have no centres or media data of their own: those checks are left out unless a test adds them.
NO_CENTRES = (
    'PLUGINS = [p for p in PLUGINS if p != "centres"]\n'
    'CONTENT_CHECKS = ["photos.photos:check_photos"]\n'
    "SEARCH_INDEX = False\n"
)


class FixtureSite:
    """A small site in a temporary folder: write content files, then build it like `make site`."""

    def __init__(self, root: Path, settings: str = "", centres: bool = False):
        self.root = root
        self.content = root / "content"
        self.output = root / "output"
        self.settings_file = root / "settings.py"
        self.settings_file.write_text(textwrap.dedent(f"""\
            from pelicanconf import *
            PATH = {str(self.content)!r}
            THEME = {str(ROOT / "theme")!r}
            PLUGIN_PATHS = [{str(ROOT / "plugins")!r}]
            CACHE_PATH = {str(root / "cache")!r}
            KEY_FIGURES_FILE = "data/key-figures.yaml"
            NAV_PAGES = FOOTER_PAGES = []  # the real menu's pages are not in a fixture
            """) + ("" if centres else NO_CENTRES) + textwrap.dedent(settings), encoding="utf-8")
        for folder in ("articles", "pages", "data"):
            (self.content / folder).mkdir(parents=True, exist_ok=True)

    def write(self, relative_path: str, text: str) -> Path:
        """Write a content file (path relative to content/)."""
        path = self.content / relative_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        return path

    def article(self, slug: str, lang: str, title: str, date: str = "2024-01-15",
                category: str = "news", body: str = "Text.", extra: str = "") -> Path:
        """Write a valid article; `extra` adds header lines."""
        header = f"Title: {title}\nSlug: {slug}\nLang: {lang}\nDate: {date}\nCategory: {category}\n{extra}"
        return self.write(f"articles/{slug}.{lang}.md", f"{header}\n{body}\n")

    def page(self, slug: str, lang: str, title: str, body: str = "Text.", extra: str = "") -> Path:
        """Write a valid page; `extra` adds header lines."""
        header = f"Title: {title}\nSlug: {slug}\nLang: {lang}\nModified: 2026-11-27\n{extra}"
        return self.write(f"pages/{slug}.{lang}.md", f"{header}\n{body}\n")

    def failing_template(self) -> str:
        """Add a template that exists but fails as Pelican renders it; return its name, for a `Template:` line.

        A problem only Pelican finds: the content check passes a template the theme has.
        """
        overrides = self.root / "template-overrides"
        overrides.mkdir(exist_ok=True)
        (overrides / "failing.html").write_text(
            '{% extends "page.html" %}{% block content %}{{ page.no_such.field }}{% endblock %}', encoding="utf-8")
        self.settings_file.write_text(self.settings_file.read_text(encoding="utf-8")
                                      + f"THEME_TEMPLATES_OVERRIDES = [{str(overrides)!r}]\n", encoding="utf-8")
        return "failing"

    def build(self, extra_args: str = "") -> BuiltSite:
        """Build like `make site` (`extra_args` go to Pelican); raises invoke's Exit on failure."""
        tasks.build_site(str(self.settings_file), self.output, extra_args, content=str(self.content))
        return BuiltSite(self.output)


@pytest.fixture
def fixture_site(tmp_path):
    """A factory of fixture sites in this test's temporary folder."""
    def make(settings: str = "", centres: bool = False) -> FixtureSite:
        return FixtureSite(tmp_path, settings, centres)
    return make


@pytest.fixture
def minimal_site(fixture_site) -> FixtureSite:
    """A valid two-language fixture site with one article pair and one page pair."""
    fixture = fixture_site()
    fixture.article("first-news", "th", "ข่าวแรก")
    fixture.article("first-news", "en", "First news")
    fixture.page("about", "th", "เกี่ยวกับ")
    fixture.page("about", "en", "About")
    for lang, title in (("th", "หน้าแรก"), ("en", "Home")):
        fixture.page("home", lang, title, extra="Template: home\nSave_as: index.html\nURL:\n")
    return fixture


def copy_theme(destination: Path) -> Path:
    """Copy the theme, so a test can add a catalogue without touching the repository."""
    shutil.copytree(ROOT / "theme", destination)
    return destination


def different_files(first: Path, second: Path) -> list[str]:
    """Files of two output folders that are on one side only or differ in a single byte (none: identical)."""
    def files(root: Path) -> set[Path]:
        return {path.relative_to(root) for path in root.rglob("*") if path.is_file()}

    ours, theirs = files(first), files(second)
    return sorted([str(path) for path in ours ^ theirs] +
                  [str(path) for path in ours & theirs if not filecmp.cmp(first / path, second / path, shallow=False)])


def read_as_an_older_engine(tab, *features: str) -> None:
    """Serve the site's style sheet to `tab` as a browser without `features` reads it.

    Each feature is a function or selector (`clamp(`, `:where(`) or a property (`aspect-ratio:`), renamed to
    one no browser knows: a declaration or a rule with it is dropped, and `@supports` tests for it fail, as in
    an older browser, which the tests cannot run.
    """
    def older(route):
        css = route.fetch().text()
        for feature in features:
            assert feature in css, f"the style sheet has no {feature}"
            css = css.replace(feature, feature[:-1] + "-unknown" + feature[-1])
        route.fulfill(status=200, content_type="text/css", body=css)

    tab.route(re.compile(r".*/site[^/]*\.css$"), older)
