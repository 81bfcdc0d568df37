"""Thai search terms: the words of running Thai text, and the pieces of them that readers type.

Thai is written without spaces, and Pagefind (like most static search) cannot tell where one word
ends and the next begins, so a word inside running text, such as ค้ามนุษย์ inside การค้ามนุษย์, is not
found. At build time PyThaiNLP segments the visible text into words (`newmm`, run by its Rust port nlpO3,
which cuts dictionary words exactly as the Python one and differs only in how it splits strings that
are not Thai words at all); the search page splits
the reader's query into words too (the browser's `Intl.Segmenter`) and Pagefind matches each as a
prefix. Because the two segmenters do not always agree, the terms also carry each word's suffixes from
every syllable boundary (so ค้า matches inside การค้า), joined with the next word (so a query the
browser keeps whole, such as ค้ามนุษย์ or การค้ามนุษย์, still matches as one term).
"""

from __future__ import annotations

import re
from functools import lru_cache

from pythainlp.tokenize import syllable_tokenize
from pythainlp.tokenize.nlpo3 import segment as nlpo3_segment

from content_guard.characters import INVISIBLE_CHARACTERS

THAI_RUN = re.compile(r"[\u0E01-\u0E4E]+")  # Thai letters, vowels, tone marks, ฯ and ๆ (no digits)
# Invisible characters text copied from a web page or a document carries inside Thai words (zero-width space,
# joiners, direction marks, word joiner, byte order mark, soft hyphen): they would cut ปลา|บึก into two runs,
# and a reader's ปลาบึก would not find it. The content check's list, which names them to staff.
INVISIBLE = re.compile(f"[{INVISIBLE_CHARACTERS}]")


# Each character of the Thai block, U+0E00 + offset, as two Latin letters (see encode_term).
LATIN_SPELLING = {0x0E00 + offset: chr(97 + offset % 26) + chr(97 + offset // 26) for offset in range(128)}


@lru_cache(maxsize=50_000)
def syllables(word: str) -> tuple[str, ...]:
    """The syllables of one Thai word (dictionary-based, offline)."""
    return tuple(syllable_tokenize(word, engine="dict")) or (word,)


@lru_cache(maxsize=50_000)
def suffixes(word: str) -> tuple[str, ...]:
    """The word from each of its syllable boundaries to its end (the word itself first)."""
    pieces = syllables(word)
    return tuple("".join(pieces[first:]) for first in range(len(pieces)))


def words_of(run: str) -> list[str]:
    """The words of one run of Thai letters (no spaces, digits or punctuation in it).

    nlpO3 directly: PyThaiNLP's `word_tokenize(engine="nlpo3")` gives the same words for such a run
    (its clean-ups concern spaces and numbers), and its wrapping was a third of the time.
    """
    return [word for word in nlpo3_segment(run) if word.strip()]


def load_dictionaries() -> None:
    """Load the word and syllable dictionaries now (0.6 s), so worker processes forked later share them."""
    thai_search_terms("การค้ามนุษย์")


def encode_term(term: str) -> str:
    """Spell a Thai term in Latin letters, two per Thai character (theme/static/js/search.js does the same).

    Pagefind splits its index into chunks by the first bytes of each term, and every Thai term begins
    with the same two UTF-8 bytes: a Thai index comes out as one or two chunks of hundreds of kilobytes,
    all of which a query downloads. Spelt in Latin letters (the first letter of each pair varying most),
    the terms spread over small chunks. The spelling keeps prefixes, so Pagefind's prefix matching
    works unchanged.
    """
    return term.translate(LATIN_SPELLING)


def thai_search_terms(text: str) -> list[str]:
    """Return the search terms for the Thai runs of `text`, each once, in order of first appearance.

    For each word, from every syllable boundary of it: that piece joined with the next word (so both
    การค้ามนุษย์ and ค้ามนุษย์ are terms of "...การค้ามนุษย์..."). A piece alone is not repeated as a
    term: Pagefind matches query terms as prefixes, so ค้า already finds ค้ามนุษย์.
    """
    terms: dict[str, None] = {}
    for run in THAI_RUN.findall(INVISIBLE.sub("", text)):
        words = words_of(run)
        for word, following in zip(words, [*words[1:], ""], strict=True):
            for suffix in suffixes(word):
                terms.setdefault(suffix + following)
    return list(terms)
