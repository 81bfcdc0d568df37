"""Characters copied with text that readers cannot see, shared by the content check and the search index.

Apart so that the search plugin's cache follows this list alone (it is part of its CODE_VERSION), not every
change to the content check.
"""

# Characters that show as nothing, copied with text from a web page, Word or a chat app: zero-width space and
# joiners, direction marks, word joiner, byte order mark, soft hyphen. Thai text may hold them; a slug, a
# file name or a web address may not.
INVISIBLE_CHARACTERS = "\u00ad\u200b-\u200f\u2060\ufeff"
