"""fast_markdown: Pelican's Markdown reader, with one Markdown converter per reader instead of one per file.

Pelican builds a new `markdown.Markdown` for every file it reads: loading the extensions and building
the parser was three seconds of a 2000-pair build, more than a quarter of reading. Python-Markdown is
made to be reused (`reset()` between documents clears every extension's state); the one thing Pelican
changes on the converter, dropping the `meta` preprocessor while it renders formatted metadata
(`Summary:`), is put back before each file. The HTML is the same (tests/test_build_speed.py).
"""

from __future__ import annotations

from markdown import Markdown
from pelican import signals
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

META_PRIORITY = 27  # where markdown.extensions.meta registers its preprocessor


class ReusedMarkdownReader(MarkdownReader):
    """Pelican's MarkdownReader, reading every file with the same converter, reset."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._md = None  # the converter, kept from one file to the next (Pelican's _parse_metadata uses it)
        self._meta_preprocessor = None

    def read(self, source_path):
        """As MarkdownReader.read, with the converter reused."""
        if self._md is None:
            self._md = Markdown(**self.settings["MARKDOWN"])
            self._meta_preprocessor = self._md.preprocessors["meta"]
        elif "meta" not in self._md.preprocessors:  # _parse_metadata removed it
            self._md.preprocessors.register(self._meta_preprocessor, "meta", META_PRIORITY)
        self._source_path = source_path
        self._md.reset()
        with pelican_open(source_path) as text:
            content = self._md.convert(text)
        metadata = self._parse_metadata(self._md.Meta) if self._md.Meta else {}
        return content, metadata


def use_reused_reader(readers) -> None:
    """Read every Markdown extension Pelican reads with the reused converter."""
    for extension in ReusedMarkdownReader.file_extensions:
        if readers.reader_classes.get(extension) is MarkdownReader:
            readers.reader_classes[extension] = ReusedMarkdownReader


def register():
    """Swap the reader class before Pelican makes its readers."""
    signals.readers_init.connect(use_reused_reader)
