"""Pelican settings for the NTS-Mekong Watch site (development and the base for publishing).

Languages are declared once, in LANGUAGES; the `multilingual` plugin turns that into the
pelican-i18n-subsites configuration. Swapping the default language is one setting: DEFAULT_LANG.
"""

import os
import re
import sys
from pathlib import Path

# Plugins and the theme's helpers live in this repository.
sys.path.insert(0, str(Path(__file__).parent / "plugins"))

AUTHOR = "Department of Provincial Administration"
SITENAME = "NTS-Mekong Watch"
SITEURL = ""
# Where the preview server runs; used where a URL must be absolute (feeds, sitemap.xml).
SITE_ORIGIN = "http://localhost:8000"
PATH = "content"
TIMEZONE = "Asia/Bangkok"

# --- Languages -------------------------------------------------------------------------------
# The default language is served at /, every other one at /<code>/.
DEFAULT_LANG = "th"
# One entry per language, in the order the language switcher lists them. `name` is the language's
# own name; `untranslated` is shown, in that language, when the item has no version in it; `home`
# leads readers of that language to its home page (on the 404 page); `locale` is the language and
# territory that link previews (Facebook, LINE, X) are told (Open Graph's og:locale); `settings`
# are Pelican settings for that language's site. Adding a language means an entry here plus a
# gettext catalogue in theme/translations/<code>/LC_MESSAGES/messages.po.
# SITE_TAGLINE says what the site is about, under the home page's title and on link previews. It is a
# description, not a slogan: the project's own tagline, "Connecting Nation, Linking People" (sources [LAUNCH],
# [ABOUT]), is quoted on the About page.
LANGUAGES = {
    "th": {
        "name": "ไทย",
        "locale": "th_TH",
        "untranslated": "หน้านี้ยังไม่มีฉบับภาษาไทย: ลิงก์นี้ไปที่หน้าแรกภาษาไทย",
        "home": "ไปที่หน้าแรกภาษาไทย",
        "settings": {
            "SITENAME": "NTS-Mekong Watch",
            "SITE_TAGLINE": "ความร่วมมือข้ามพรมแดนไทย-ลาว และไทย-กัมพูชา รับมือภัยความมั่นคงรูปแบบใหม่",
            "AGENCY_NAME": "กรมการปกครอง กระทรวงมหาดไทย",
        },
    },
    "en": {
        "name": "English",
        "locale": "en_GB",  # the site's English spelling is British (centre, programme)
        "untranslated": "This page has no English version yet: this link goes to the English home page",
        "home": "Go to the English home page",
        "settings": {
            "SITENAME": "NTS-Mekong Watch",
            "SITE_TAGLINE": ("Cross-border cooperation on non-traditional security along Thailand’s borders with "
                             "Lao PDR and Cambodia"),
            "AGENCY_NAME": "Department of Provincial Administration, Ministry of Interior",
        },
    },
}

# Article categories: the key is what authors write in `Category:` and what appears in URLs;
# labels are per language.
CATEGORIES = {
    "news": {"th": "ข่าวสาร", "en": "News"},
    "activities": {"th": "กิจกรรม", "en": "Activities"},
    "impact-stories": {"th": "เรื่องราวความสำเร็จ", "en": "Impact stories"},
}

# Pages linked from the main menu (after Home and News) and from the footer, by slug.
NAV_PAGES = ["about"]
FOOTER_PAGES = ["objectives", "results", "contact", "privacy", "accessibility"]

# The implementing agency's contact, from the project brief. Nothing here may be invented. The contact person's
# name in each language: the Thai spelling is the project's Thai report's (content/pages/contact.th.md, [CRTH]);
# a language without one shows the English name, marked English.
AGENCY_CONTACT = {
    "person": {"th": "นางสาวธัญณิชา เหลิมทอง", "en": "Thannicha Lermtong"},
    "email": "mkcfdopa@gmail.com",
}

# --- Plugins ---------------------------------------------------------------------------------
PLUGIN_PATHS = ["plugins"]
# Explicit list: pelican-i18n-subsites is a namespace plugin that would otherwise load itself.
# content_guard must come first: it validates every content file before anything is read. multilingual comes
# before every plugin with a last step at `finalized`, which waits there for the other languages (it checks).
PLUGINS = [
    "content_guard",
    "multilingual",
    "preview",
    "fast_markdown",
    "sources",
    "key_figures",
    "centres",
    "media",
    "photos",
    "thai_lines",
    "search",
    "moved",  # after search: its pages are written once the site is built, and are not indexed
    "assets",
    "i18n_subsites",
]
# Thai names and words a browser would break across two lines (เสีย|มราฐ), besides the centres' place
# names, which plugins/thai_lines keeps together without being told. A word kept together is also a word of
# its own to the search index (a word ends at the <span>), which changes the ranking: ศูนย์ประสานงาน,
# kept together, put 44 centre pages above the article on how the centres were set up. The words from
# เมียนมา on were found broken on phones (เมีย|นมา, บุ๊|กมาร์ก, ที่|ว่าการอำเภอ; ความร่วม|มือ on the home page;
# สาย|ด่วน, เป้า|หมาย, งบ|ประมาณ, สิ่ง|แวดล้อม, กอง|บรรณาธิการ on the contact, about and results pages).
THAI_LINES_WORDS = ["เสียมราฐ", "เชียงฮ่อน", "ลุ่มน้ำโขง", "แม่น้ำโขง", "แม่โขง", "ยาเสพติด",
                    "เจ้าหน้าที่", "เชื่อมโยง", "คู่ขนาน", "สปป. ลาว", "NTS-Mekong Watch",
                    "เมียนมา", "ต่อยอด", "บุ๊กมาร์ก", "สาธารณสมบัติ", "ที่ว่าการอำเภอ", "กรมการปกครอง",
                    "ความเป็นส่วนตัว", "มอบหมาย", "เก็บถาวร", "ร่วมมือ", "สายด่วน", "เป้าหมาย", "งบประมาณ",
                    "สิ่งแวดล้อม", "กองบรรณาธิการ"]
# A number stays on the line of the word before it (ครั้งที่ 3, โทร 191) and of the word after it (44 อำเภอ);
# dates (28 พฤศจิกายน 2569) are the plugin's own. Not ศูนย์: "44 ศูนย์|ประสานงาน" would cut the word the
# search index ranks by (see above).
THAI_LINES_BEFORE_NUMBERS = ["ปี", "พ.ศ.", "ค.ศ.", "ครั้งที่", "ระยะที่", "วันที่", "ฉบับที่", "โทร", "สายด่วน"]
THAI_LINES_AFTER_NUMBERS = ["อำเภอ", "จังหวัด", "คน", "ครั้ง", "ประเภท", "ด้าน", "เรื่อง", "วัน", "เดือน", "ปี",
                            "แห่ง", "หน่วยงาน", "ประเทศ", "ชั่วโมง", "นาที", "กิโลเมตร", "หมู่บ้าน", "ตำบล"]
# Data checks run by content_guard before every build and by `make check`.
CONTENT_CHECKS = [
    "centres.centres:check_data",
    "centres.centres:check_centre_links",
    "key_figures.key_figures:check_data",
    "sources.sources:check_citations",
    "moved.moved:check_data",
    "media.media:check_data",
    "media.media:check_tags",
    "photos.photos:check_photos",
]
# The hosts this site is published at (publishconf.py's SITEURL and the same without `www.`): a link in an
# article written with them is an error that `make check` explains (link to the file instead).
SITE_HOSTS = ["www.nts-mekong.com", "nts-mekong.com"]
# Sources on the project's former website, whose address this site takes over: readers are sent to the
# Internet Archive's copies (plugins/sources/README.md). The former website's hosts, written out: not
# SITE_HOSTS, which a move of this site to another address changes (the sources would then link to the former
# website's dead addresses).
SOURCES_ARCHIVED_HOSTS = ["www.nts-mekong.com", "nts-mekong.com"]
# The coordination centres (plugins/centres/README.md). An optional report form: set
# CENTRES_REPORT_FORM = {"url": "https://...", "recipient": {"th": "...", "en": "..."}} to show it.
CENTRES_REPORT_FORM = None

# --- Build speed ---------------------------------------------------------------------------
# Pelican keeps each file's Markdown rendering and reads again only files changed since (by mtime). The
# multilingual plugin puts the cache in a folder named after the Markdown settings and versions, so a
# change to them starts from an empty cache.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
# Uncompressed: compressing the reader cache took a second of a 2000-pair build, for a few megabytes saved.
GZIP_CACHE = False
# The tests' previews keep a cache of their own (make serve on a copy of the content).
CACHE_PATH = os.environ.get("SITE_CACHE", "cache")

# The security policy every page carries in a <meta> tag, for hosts that send no headers (GitHub Pages). The
# same policy, with `frame-ancestors 'none'` (which browsers ignore in a <meta> tag), is sent as a header by
# deploy/nginx/security-headers.conf and content/extra/_headers; a test keeps the three the same. `make serve`'s
# preview goes without it: its live reload is an inline script.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "connect-src 'self'; media-src 'self'; "
    "frame-src https://www.youtube-nocookie.com https://player.vimeo.com https://www.facebook.com; "
    "form-action 'self'; base-uri 'none'; object-src 'none'"
)

# --- Theme -----------------------------------------------------------------------------------
THEME = "theme"
THEME_STATIC_DIR = "theme"
# The link-preview image of a page without a photo of its own: theme/static/images/share-card-<lang>.png,
# this size, drawn from each language's SITENAME, SITE_TAGLINE and AGENCY_NAME by `make share-cards`.
SHARE_CARD_SIZE = (1200, 630)
JINJA_ENVIRONMENT = {
    "extensions": ["jinja2.ext.i18n"],
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
}

# --- Content and URLs ------------------------------------------------------------------------
# Content is Markdown only (reStructuredText would also warn that docutils knows no Thai).
READERS = {"rst": None, "html": None, "htm": None}
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
# Published once, by the default language's site; the other languages link to these copies.
STATIC_PATHS = ["images", "videos", "reports", "extra"]
# Files no one means to publish: hidden files and folders (.DS_Store, .git), Office's lock files (~$report.docx),
# editors' backups (notes.txt~) and Windows' thumbnails. Matched against each file's and folder's name; Pelican's
# own default, "**/.*", never matches a name alone.
IGNORE_FILES = [".*", "~$*", "*~", "Thumbs.db", "desktop.ini"]
# Server configuration for static hosts (Netlify, Cloudflare Pages), published at the site's root.
EXTRA_PATH_METADATA = {"extra/_headers": {"path": "_headers"}, "extra/_redirects": {"path": "_redirects"}}

ARTICLE_URL = "articles/{slug}.html"
ARTICLE_SAVE_AS = ARTICLE_URL
# Translations live in their own language's site, under the same path.
ARTICLE_LANG_URL = ARTICLE_URL
ARTICLE_LANG_SAVE_AS = ARTICLE_URL
PAGE_URL = "{slug}.html"
PAGE_SAVE_AS = PAGE_URL
PAGE_LANG_URL = PAGE_URL
PAGE_LANG_SAVE_AS = PAGE_URL
CATEGORY_URL = "category/{slug}.html"
CATEGORY_SAVE_AS = CATEGORY_URL

# Drafts are never published, in any folder.
DRAFT_URL = DRAFT_SAVE_AS = DRAFT_LANG_URL = DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_URL = DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_LANG_URL = DRAFT_PAGE_LANG_SAVE_AS = ""

# The home page is content (pages/home.*.md); the article list lives under news/.
INDEX_URL = "news/"
INDEX_SAVE_AS = "news/index.html"
# No categories.html: the news index lists every category with its number of articles.
DIRECT_TEMPLATES = ["index", "archives", "sitemap", "search", "404"]
ARCHIVES_SAVE_AS = "archives.html"
SITEMAP_SAVE_AS = "sitemap.html"
SEARCH_SAVE_AS = "search.html"
DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page-{number}.html", "{base_name}/page-{number}.html"),
)

# Tags and authors make no pages: categories are the site's only taxonomy.
TAG_SAVE_AS = TAGS_SAVE_AS = AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""

# --- Feeds: one Atom feed per language, at feeds/all.atom.xml in that language's site. -------
# The multilingual plugin gives each language its own FEED_DOMAIN (upstream issue #1033).
FEED_DOMAIN = SITE_ORIGIN
# FEED_ATOM holds this language's articles only; FEED_ALL_ATOM would add every translation (#633).
FEED_ATOM = "feeds/all.atom.xml"
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = None

# --- Markdown --------------------------------------------------------------------------------
def heading_id(value: str, separator: str) -> str:
    r"""A heading's id, the words of its text, as Markdown's slugify_unicode makes it but with Thai kept whole.

    slugify_unicode keeps only word characters (`\w`), which leave out Thai vowel and tone marks: the id of
    ## วิดีโอการประชุม was วดโอการประชม, and a link written [ดูวิดีโอ](#วิดีโอการประชุม) led nowhere.
    """
    words = re.sub(r"[^\w\s\u0e00-\u0e7f-]", "", value).strip().lower()
    return re.sub(rf"[{re.escape(separator)}\s]+", separator, words)



MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
        # Unicode-aware ids, so Thai headings get readable anchors, with their vowel and tone marks.
        "markdown.extensions.toc": {"slugify": heading_id},
    },
    "output_format": "html5",
}

# Without a `Summary:` line, an article's summary is its first paragraph, whole: Pelican's cut after N words
# counts Thai vowel and tone marks as word ends (ไซยะบุรี became ไซยะบุร …).
SUMMARY_MAX_PARAGRAPHS = 1
SUMMARY_MAX_LENGTH = None
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
TYPOGRIFY = False
