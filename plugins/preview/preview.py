"""preview: show the pages of the files just edited at once, before the rest of the site is rebuilt.

After an edit, `make serve` rebuilds the whole preview, which at 2000 article pairs takes ten seconds or
more before the edit can be seen. With `PREVIEW_ONLY` (a list of content file paths) the build reads
and prepares the whole site as usual, since the edited pages need all of it (neighbouring articles,
categories, the other languages' versions), but writes only the pages made from those files. Static
files and the theme are not copied, and the site-wide last steps (sitemap, search index, fingerprinted
theme files) are left out: `tasks.build_site(only=...)` merges the few pages into the served folder,
and the full preview build that follows brings every other page up to date.
"""

from __future__ import annotations

import os

from pelican import signals
from pelican.generators import StaticGenerator
from pelican.writers import Writer


def selected_sources(settings: dict) -> frozenset[str] | None:
    """The real paths of the files whose pages this build writes; None for a full build."""
    only = settings.get("PREVIEW_ONLY")
    return None if not only else frozenset(os.path.realpath(path) for path in only)


def is_selected(settings: dict, source_path: str) -> bool:
    """Whether the page made from `source_path` is written by this build (always, in a full build)."""
    only = selected_sources(settings)
    return only is None or os.path.realpath(source_path) in only


class SelectedPagesWriter(Writer):
    """Writes the pages of the selected files; every other page, list and feed is left as it is."""

    def write_file(self, name, template, context, *args, **kwargs):
        """Write the page only if it is an article's or page's own, and that item's file is selected."""
        item = kwargs.get("article") or kwargs.get("page")
        if item is None or not is_selected(self.settings, item.source_path):
            return None
        return super().write_file(name, template, context, *args, **kwargs)

    def write_feed(self, *args, **kwargs):
        """Feeds list many articles: left for the full build."""
        return None


def writer_class(pelican):
    """Pelican's writer, or the selecting one when PREVIEW_ONLY is set."""
    return SelectedPagesWriter if selected_sources(pelican.settings) else None


def copy_nothing_static(generators) -> None:
    """Leave static files and the theme alone: the served folder has them already.

    Only what the static generator copies is emptied, not what it found: links to static files still
    resolve, in this language and the others.
    """
    for generator in generators:
        if isinstance(generator, StaticGenerator) and selected_sources(generator.settings):
            generator.context["staticfiles"] = []
            generator.settings["THEME_STATIC_PATHS"] = []


def register():
    """The writer is chosen when writing starts; the static files are dropped once every site is read."""
    signals.get_writer.connect(writer_class)
    signals.all_generators_finalized.connect(copy_nothing_static)
