"""fast_markdown: Pelican's Markdown reader, with one Markdown converter per reader instead of one per file.

Pelican builds a new `markdown.Markdown` for every file it reads: loading the extensions and building
the parser was three seconds of a 2000-pair build, more than a quarter of reading. Python-Markdown is
made to be reused (`reset()` between documents clears every extension's state); the one thing Pelican
changes on the converter, dropping the `meta` preprocessor while it renders formatted metadata
(`Summary:`), is put back before each file. The HTML is the same (tests/test_build_speed.py).

One difference, on purpose: a header line carried on to the next line by starting it with spaces is one value,
the two parts joined with a space, as `make check` reads it and says staff may write it. Pelican made it a list:
a title was shown as `['Cooperation on', 'border management']`, the note of a `Sources:` line vanished, and a
`Written:` date broke the build. `Summary:` (a formatted field) keeps its lines, as Markdown text.

And one addition: a file without `Summary:` gets its first paragraph that has text as its summary, whole (an
article that opens with a photo showed an empty summary; Pelican's cut after N words split Thai words at their
vowel marks). `make check` warns when that paragraph is long.
"""

from __future__ import annotations

import re

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
        metadata = self._parse_metadata(self.continued_lines_joined(self._md.Meta)) if self._md.Meta else {}
        if "summary" not in metadata and (paragraph := first_text_paragraph(content)):
            metadata["summary"] = paragraph
        return content, metadata

    def continued_lines_joined(self, meta: dict[str, list[str]]) -> dict[str, list[str]]:
        """Each field's lines as one value, but a formatted field's (`Summary:`), which Pelican joins as text.

        A field written twice is refused by the content check before Pelican reads the file.
        """
        formatted = self.settings["FORMATTED_FIELDS"]
        return {name: value if name in formatted or len(value) < 2 else [" ".join(value)]
                for name, value in meta.items()}


PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
TAG = re.compile(r"<[^>]+>")


def first_text_paragraph(html: str) -> str | None:
    """The content of the first `<p>` with words in it (not a photo's or a video tag's alone), or None."""
    return next((match[1] for match in PARAGRAPH.finditer(html)
                 if TAG.sub("", match[1]).strip() and not match[1].lstrip().startswith("{%")), None)


def use_reused_reader(readers) -> None:
    """Read every Markdown extension Pelican reads with the reused converter."""
    for extension in ReusedMarkdownReader.file_extensions:
        if readers.reader_classes.get(extension) is MarkdownReader:
            readers.reader_classes[extension] = ReusedMarkdownReader


def register():
    """Swap the reader class before Pelican makes its readers."""
    signals.readers_init.connect(use_reused_reader)
