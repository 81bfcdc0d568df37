"""English phrases inside Thai text are marked as English (`<span lang="en">`), for screen readers.

A Thai voice reads "Connecting Nation, Linking People" with Thai sounds, or spells it out; with the
phrase marked, NVDA, VoiceOver and TalkBack read it with an English voice (WCAG 2.1, 3.1.2 Language of
Parts). Staff write the Thai text and would have to remember a `<span lang="en">` around every slogan,
programme name and English term they quote: the articles and pages of a language in LANGUAGE_OF_LATIN
have each run of two or more Latin-script words marked as that language. A single word (UNODC, P2P, PDF)
is left as it is: names and abbreviations are exempt, and a voice change for each would be a stutter.

Written by hand: no Markdown extension or Pelican plugin marks the language of a run of text. The
article's HTML comes from Markdown and is well formed: the text between tags is changed, never inside a
tag, in `<code>`, `<pre>`, `<script>`, `<style>`, `<svg>` or an element that already has a `lang`.
The thai_lines plugin also rewrites text outside tags, but on whole written pages, where a walk over every
tag cost seconds at 2000 articles: it finds its words first and looks back from each. This walks the tags of
an article's own HTML, which it must, to know which elements are, or are inside, one with a `lang`.
"""

from __future__ import annotations

import html
import re

# Pages in these languages, which are not written in Latin script: the language their Latin phrases are in.
DEFAULTS = {"LANGUAGE_OF_LATIN": {"th": "en"}}
# A comment, or a tag whose quoted attribute values may hold ">" (title="a > b").
TAG = re.compile(r"""(<!--.*?-->|<(?:[^>"']|"[^"]*"|'[^']*')*>)""", re.DOTALL)
TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)(.*?)(/?)\s*>", re.DOTALL)
HAS_LANG = re.compile(r"\slang\s*=", re.IGNORECASE)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SKIPPED = {"code", "pre", "script", "style", "svg", "math", "textarea"}
# A word: a Latin letter, then letters, digits and the marks inside words (People-to-People, Lao's, U.S),
# taken whole (atomic): gmail.com, axe-core and e-mail are one word each, never two.
WORD = r"(?>[A-Za-z](?:[A-Za-z0-9'’.\-]*[A-Za-z0-9])?)"
# Two or more words, with spaces (a line break, a no-break space) and the punctuation inside a phrase between
# them; not from inside a word, an address (name@gmail.com, www.example.org) or a path.
PHRASE = re.compile(rf"(?<![A-Za-z0-9&#@./:\\-]){WORD}(?:[\s\u00a0,.:;&/–—-]+{WORD})+(?![A-Za-z0-9@/])")


def language_of_latin(settings, lang: str) -> str | None:
    """The language Latin phrases on `lang`'s pages are in (LANGUAGE_OF_LATIN), or None to leave them."""
    return (settings.get("LANGUAGE_OF_LATIN") or DEFAULTS["LANGUAGE_OF_LATIN"]).get(lang)


def mark_phrases(text: str, lang: str) -> str:
    """`text`, HTML, with each phrase of Latin words outside skipped elements in `<span lang=...>`."""
    parts = TAG.split(text)
    open_elements: list[tuple[str, bool]] = []  # (name, whether it or one around it is skipped)
    for index, part in enumerate(parts):
        if index % 2:  # a tag or a comment
            match = TAG_NAME.match(part)
            if not match:
                continue
            end, name, attributes, self_closed = match.groups()
            name = name.lower()
            if end:  # close up to the element of that name (an unclosed <p> or <li> inside it ends with it)
                if any(open_name == name for open_name, _skipped in open_elements):
                    while open_elements and open_elements.pop()[0] != name:
                        pass
            elif name not in VOID and not self_closed:
                skipped = ((bool(open_elements) and open_elements[-1][1]) or name in SKIPPED
                           or bool(HAS_LANG.search(attributes)))
                open_elements.append((name, skipped))
        elif part and not (open_elements and open_elements[-1][1]):
            plain = html.unescape(part)
            if PHRASE.search(plain):
                pieces = []
                position = 0
                for found in PHRASE.finditer(plain):
                    pieces += [html.escape(plain[position:found.start()], quote=False),
                               f'<span lang="{lang}">{html.escape(found.group(0), quote=False)}</span>']
                    position = found.end()
                parts[index] = "".join(pieces) + html.escape(plain[position:], quote=False)
    return "".join(parts)


# The generators' lists of articles and pages, published or not, in this language or translated.
CONTENT_LISTS = ("articles", "translations", "drafts", "drafts_translations", "pages", "hidden_pages",
                 "hidden_translations", "draft_pages", "draft_translations")


def mark_contents(generators) -> None:
    """Mark the Latin phrases of every article and page (all_generators_finalized).

    Once every content_object_init handler is done (the order of a signal's handlers is not kept): the
    media plugin's `{% video ... title="How to report" %}` is a tag's text until it has replaced it.
    """
    for generator in generators:
        for name in CONTENT_LISTS:
            for content in getattr(generator, name, None) or ():
                other = language_of_latin(generator.settings, getattr(content, "lang", None))
                if other and content._content:
                    content._content = mark_phrases(content._content, other)  # a second pass changes nothing
