"""assets: the theme's CSS, JavaScript and fonts published under names that carry their content's hash.

`{{ asset('css/site.css') }}` in a template prints `<THEME_URL>/css/site.<hash>.css`; after the build the
theme's copies are renamed to match, and the fonts the stylesheet names are renamed inside it first (so
the stylesheet's own hash covers them). A changed file gets a new name, so servers can tell browsers to
keep these files for a year (see deploy/) and nobody is ever served a stale stylesheet or script.

Hand-written because the maintained option, pelican-webassets, brings the webassets pipeline (bundling,
filters, a cache of its own) for what is here a rename of eleven files and one `url()` rewrite.
"""

from __future__ import annotations

import hashlib
import logging
import posixpath
import re
from pathlib import Path

from pelican import signals

from multilingual import multilingual

logger = logging.getLogger(__name__)

FINGERPRINTED = {".css", ".js", ".woff2", ".woff"}
CSS_URL = re.compile(r"""url\((?P<quote>["']?)(?P<path>[^"')]+)(?P=quote)\)""")
HASH_LENGTH = 10

_NAMES: dict[str, tuple[str, bytes]] = {}  # "css/site.css" -> ("css/site.<hash>.css", published bytes)


def static_folder(settings: dict) -> Path:
    """The theme's static folder."""
    return Path(settings["THEME"]) / "static"


def fingerprint(relative: str, settings: dict) -> tuple[str, bytes]:
    """The published name and content of one theme file (stylesheets with their `url()`s rewritten)."""
    if relative not in _NAMES:
        source = static_folder(settings) / relative
        data = source.read_bytes()
        if source.suffix == ".css":
            data = rewrite_css(data.decode("utf-8"), relative, settings).encode("utf-8")
        path = Path(relative)
        digest = hashlib.sha256(data).hexdigest()[:HASH_LENGTH]
        _NAMES[relative] = ((path.parent / f"{path.stem}.{digest}{path.suffix}").as_posix(), data)
    return _NAMES[relative]


def rewrite_css(css: str, relative: str, settings: dict) -> str:
    """Point a stylesheet's `url()`s at the fingerprinted names of the fonts and scripts it names."""
    folder = Path(relative).parent

    def replace(match: re.Match) -> str:
        target = match["path"]
        if "://" in target or target.startswith(("data:", "/", "#")):
            return match.group(0)
        resolved = posixpath.normpath((folder / target).as_posix())  # "css/../fonts/x": "fonts/x"
        if Path(resolved).suffix not in FINGERPRINTED or not (static_folder(settings) / resolved).is_file():
            return match.group(0)
        return f'url("{posixpath.relpath(fingerprint(resolved, settings)[0], folder.as_posix())}")'

    return CSS_URL.sub(replace, css)


def install_asset_function(generator) -> None:
    """Give the templates `asset(path)`; start every build with fresh names (livereload rebuilds)."""
    settings = generator.settings

    def asset(relative: str) -> str:
        if Path(relative).suffix not in FINGERPRINTED:
            return f"{settings['THEME_URL']}/{relative}"
        return f"{settings['THEME_URL']}/{fingerprint(relative, settings)[0]}"

    generator.env.globals["asset"] = asset


def forget_names(pelican) -> None:
    """A new build (livereload) reads the theme's files again."""
    if multilingual.is_main_site(pelican.settings):
        _NAMES.clear()


def publish(pelican) -> None:
    """Replace the theme's CSS, JS and fonts in the output by their fingerprinted copies."""
    settings = pelican.settings
    if not multilingual.is_main_site(settings) or settings.get("PREVIEW_ONLY"):
        return  # a preview of a few pages (plugins/preview) copies no theme files
    folder = Path(pelican.output_path) / settings["THEME_STATIC_DIR"]
    source = static_folder(settings)
    for path in sorted(source.rglob("*")):
        if path.suffix not in FINGERPRINTED or not path.is_file():
            continue
        relative = path.relative_to(source).as_posix()
        name, data = fingerprint(relative, settings)
        (folder / name).write_bytes(data)
        (folder / relative).unlink(missing_ok=True)
    logger.info("assets: %d theme files published under fingerprinted names", len(_NAMES))


def register():
    """Names for templates as generators start; the renaming once every language is written."""
    signals.initialized.connect(forget_names)
    signals.generator_init.connect(install_asset_function)
    signals.finalized.connect(publish)
