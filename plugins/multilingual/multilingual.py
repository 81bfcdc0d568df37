"""multilingual: one declaration of the site's languages, and every cross-language link made from it.

pelican-i18n-subsites builds one site per language. This plugin
- turns the `LANGUAGES` setting into the subsite configuration, with the workarounds for the plugin's
  known problems (stylesheet lost in subsites, feeds pointing at the main site, untranslated items
  published under `drafts/`, template strings untranslated when the default language is not English);
- compiles the theme's gettext catalogues (Babel) into the cache, so no generated `.mo` file is kept
  in the repository;
- records, for every article, page, category and generated page, which languages it exists in, and
  gives the templates one function, `language_versions`, for the language switcher, `hreflang`
  links and the canonical URL. Its URLs are clean (`/en/about.html`, never `/en/../about.html`);
- writes `sitemap.xml` with `xhtml:link` alternates for every page of every language, and
  `robots.txt`. pelican-sitemap cannot do this under subsites: each subsite writes its own sitemap,
  with no alternates, and the main one does not list the others.
"""

from __future__ import annotations

import gettext
import hashlib
import html
import importlib.metadata
import importlib.util
import json
import logging
import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from jinja2 import Undefined, pass_context
from markupsafe import Markup
from pelican import signals
from pelican.contents import Article, Category, Page
from pelican.log import LimitFilter
from pelican.paginator import Paginator
from pelican.plugins.i18n_subsites import i18n_subsites

from build_cache import code_version
from content_guard.content_guard import Problem, stop_build

from . import dates, parallel, parts

logger = logging.getLogger(__name__)

# (kind, key) -> {lang: URL relative to that language's site}, for the build in progress.
_VERSIONS: dict[tuple[str, str], dict[str, str]] = {}
# Pages written so far, for the sitemap: (lang, output path) -> versions of that page.
_WRITTEN: dict[tuple[str, str], list[LanguageVersion]] = {}
_SITE: dict = {}  # the main site's language settings, set once per build
# Page 2, 3... of a list in this language (output path) -> the registry key of the list's first page.
_FIRST_PAGE_OF: dict[str, tuple[str, str]] = {}


@dataclass(frozen=True)
class LanguageVersion:
    """One language's version of the page being rendered."""

    lang: str
    name: str  # the language's own name
    url: str  # clean URL of this version; when not available, of that language's same list or home page
    available: bool
    current: bool
    untranslated_note: str  # in this version's language
    home_label: str  # in this version's language
    home_url: str
    locale: str  # language and territory for link previews (Open Graph `og:locale`), e.g. th_TH


def site_url(lang: str) -> str:
    """Return the URL of a language's site, without trailing slash (`` or `/en` or absolute)."""
    return _SITE["siteurls"][lang]


def absolute(url: str) -> str:
    """Make a root-relative URL absolute with SITE_ORIGIN (the sitemap, robots.txt, link previews)."""
    return url if "://" in url else _SITE["origin"] + url


# The releases of Pelican and pelican-i18n-subsites whose private parts this project uses (README, "Upgrading
# Pelican": parallel.py, the reader cache's file names and the pagination here, fast_markdown's reader, preview's
# writer). Another release may change them without an error, and the site would come out wrong: the build
# stops until someone has checked them against it.
TESTED_RELEASES = {"pelican": "4.12.0", "pelican-i18n-subsites": "1.0.0"}


def check_tested_releases() -> None:
    """Refuse to build with a release of Pelican or i18n-subsites other than TESTED_RELEASES."""
    for package, release in TESTED_RELEASES.items():
        installed = importlib.metadata.version(package)
        if installed != release:  # a message, not a traceback (stop_build)
            stop_build(logger, "multilingual", [Problem(Path("requirements.in"), 1, (
                f"{package} {installed} is installed, and this site was checked with {release} only: follow "
                "README.md, \"Upgrading Pelican\", then set its release in TESTED_RELEASES "
                "(plugins/multilingual/multilingual.py)"))])


def check_plugin_order(pelican) -> None:
    """Refuse to build unless this plugin's wait for the other languages is the first step at `finalized`.

    Pelican calls a signal's receivers in the order the plugins are listed. A plugin listed before this one
    whose last step covers every language (photos writes each language's derivatives, search indexes them)
    ran before the languages had handed back their work: its files were missing, and the build succeeded.
    """
    receivers = list(signals.finalized.receivers_for(pelican))
    if wait_for_languages in receivers and receivers[0] is not wait_for_languages:
        before = receivers[:receivers.index(wait_for_languages)]
        names = ", ".join(dict.fromkeys(receiver.__module__.split(".")[0] for receiver in before))
        stop_build(logger, "multilingual", [Problem(Path("pelicanconf.py"), 1, (
            f"list it in PLUGINS before {names}: their last steps cover every language, and would run before "
            "the other languages have finished"))])


def configure(pelican) -> None:
    """Derive the i18n-subsites settings from LANGUAGES, before any generator is created."""
    settings = pelican.settings
    if settings.get("MULTILINGUAL_CONFIGURED"):  # subsites inherit the main site's settings
        return
    check_tested_releases()
    check_plugin_order(pelican)
    languages = settings["LANGUAGES"]
    default = settings["DEFAULT_LANG"]
    if default not in languages:
        raise ValueError(f"multilingual: DEFAULT_LANG {default!r} is not a key of LANGUAGES "
                         f"({', '.join(languages)})")
    main_siteurl = settings["SITEURL"].rstrip("/")
    siteurls = {lang: main_siteurl if lang == default else f"{main_siteurl}/{lang}" for lang in languages}
    origin = settings.get("SITE_ORIGIN", "").rstrip("/")
    _SITE.clear()
    _SITE.update(default=default, languages=languages, siteurls=siteurls, origin=origin,
                 output_path=settings["OUTPUT_PATH"])
    _VERSIONS.clear()
    _WRITTEN.clear()
    _FIRST_PAGE_OF.clear()

    silence_expected_translation_warnings(len(languages))
    theme_url = f"{main_siteurl}/{settings['THEME_STATIC_DIR']}"
    ignored = settings["IGNORE_FILES"]
    discard_stale_reader_cache(settings)

    def own_files_only(lang: str) -> list[str]:
        """Each language's build reads only its own files (`*.<lang>.md`; content_guard enforces the names).

        Upstream, every language's build reads and renders every file of every language, then drops the
        other languages' items: at 500 article pairs that doubled the build. The versions of an item in
        the other languages are known from the files' headers (record_versions, language_versions).
        """
        return [*ignored, *(f"*.{other}.md" for other in languages if other != lang)]

    settings.update(languages[default].get("settings", {}))
    settings.update(
        THEME_URL=theme_url,
        # Feed links must be absolute and carry the language's prefix (upstream issue #1033).
        FEED_DOMAIN=absolute(siteurls[default]),
        I18N_UNTRANSLATED_ARTICLES="remove",  # "hide" would publish them under drafts/
        I18N_UNTRANSLATED_PAGES="remove",
        I18N_TEMPLATES_LANG=settings.get("I18N_TEMPLATES_LANG", "en"),
        I18N_GETTEXT_LOCALEDIR=compile_catalogues(settings),
        IGNORE_FILES=own_files_only(default),
        MULTILINGUAL_CONFIGURED=True,
    )
    settings["I18N_SUBSITES"] = {
        lang: {
            **config.get("settings", {}),
            "SITEURL": siteurls[lang],
            "FEED_DOMAIN": absolute(siteurls[lang]),
            # The theme's files are copied once, by the main site; subsites link to them.
            "THEME_STATIC_DIR": settings["THEME_STATIC_DIR"],
            "THEME_STATIC_PATHS": [],
            "STATIC_PATHS": [],
            "IGNORE_FILES": own_files_only(lang),
            # Pelican's reader cache names its files by generator: one folder per language.
            "CACHE_PATH": f"{settings['CACHE_PATH']}/{lang}",
            # The main site finishes last and compresses every language's files once (pelican-precompress).
            "PRECOMPRESS_GZIP": False,
            "PRECOMPRESS_BROTLI": False,
            "PRECOMPRESS_ZSTANDARD": False,
        }
        for lang, config in languages.items()
        if lang != default
    }


def discard_stale_reader_cache(settings: dict) -> None:
    """Empty Pelican's reader cache when it is stale, and remove any file of it no finished build wrote.

    Pelican checks its reader cache by file time only. `CACHE_PATH/reader-settings` holds a digest of
    the MARKDOWN settings, the Pelican and Markdown versions, the extra readers and how the cache is
    stored (GZIP_CACHE); when it differs, Pelican's cache files are removed, in `CACHE_PATH` and in each
    subsite's `CACHE_PATH/<lang>`. The plugins' own caches there (photos, thumbnails, search, locale)
    are keyed by content and kept.

    Pelican also writes its cache in place, and reads it back catching only some errors: a file cut
    short (a build stopped, or failed, while writing it) failed every later build, with `EOFError: Ran out
    of input` or, under `--fatal warnings`, "Cannot unpickle cache", until someone removed cache/. So a
    file is kept only if it is exactly as a finished build left it (`record_finished_reader_cache`). Why
    not look at the file itself: a pickle cut short can end with pickle's STOP byte (`.` is common in
    text), and reading it whole to be sure costs a second unpickling at every build.
    """
    import markdown
    import pelican

    def name_of(value) -> str:  # functions and classes by name: their repr holds a memory address
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__name__)}"

    gzipped = settings.get("GZIP_CACHE", True)
    # The code of the plugin that reads Markdown in Pelican's stead: a change to what it reads (a header line
    # carried on to the next became one value) was served from the cache for every file not edited since.
    reader = importlib.util.find_spec("fast_markdown.fast_markdown") if "fast_markdown" in settings.get(
        "PLUGINS", ()) else None
    key = json.dumps([settings.get("MARKDOWN"), settings.get("READERS"), gzipped, pelican.__version__,
                      markdown.__version__, code_version([reader.origin], []) if reader else None],
                     sort_keys=True, default=name_of)
    digest = hashlib.sha256(key.encode()).hexdigest()
    cache = Path(settings["CACHE_PATH"])
    stamp = cache / "reader-settings"
    stale = not stamp.is_file() or stamp.read_text(encoding="utf-8") != digest
    found = pelican_cache_files(cache)
    finished = {}
    for folder in {name.parent for name in found}:
        finished.update(finished_reader_cache(folder))
    for name in found:
        if stale or finished.get(name) != file_stamp(name):
            if not stale:
                logger.info("multilingual: %s was not left by a finished build (one stopped or failed while "
                            "Pelican wrote it): removed, so this build reads every file again", name)
            name.unlink()
    if stale:
        cache.mkdir(parents=True, exist_ok=True)
        stamp.write_text(digest, encoding="utf-8")


FINISHED_READER_CACHE = "reader-cache-finished.json"  # in each folder of Pelican's cache files


def file_stamp(path: Path) -> list[int]:
    """A file's size and modification time (nanoseconds): any rewrite changes it."""
    status = path.stat()
    return [status.st_size, status.st_mtime_ns]


def finished_reader_cache(folder: Path) -> dict[Path, list[int]]:
    """Pelican's cache files in `folder` as the last finished build left them: path -> `file_stamp`."""
    try:
        return {folder / name: stamp
                for name, stamp in json.loads((folder / FINISHED_READER_CACHE).read_text(encoding="utf-8")).items()}
    except (OSError, ValueError, AttributeError):  # none yet, or itself cut short: nothing is kept
        return {}


def record_finished_reader_cache(pelican) -> None:
    """At `finalized`, in each language's build: note the cache files its Pelican has written in full.

    Pelican writes them at the end of reading (`generate_context`), before any page.
    """
    cache = Path(pelican.settings["CACHE_PATH"])
    if cache.is_dir():
        files = {path.name: file_stamp(path) for path in cache.glob("*Generator*") if path.is_file()}
        (cache / FINISHED_READER_CACHE).write_text(json.dumps(files, sort_keys=True), encoding="utf-8")


def pelican_cache_files(cache: Path) -> list[Path]:
    """Pelican's own cache files (ArticlesGenerator-Readers, ...) in `cache` and the subsites' `cache/<lang>`.

    The plugins' caches beside them (photos, thumbnails, search, locale) hold no such names.
    """
    return [name for name in [*cache.glob("*Generator*"), *cache.glob("*/*Generator*")] if name.is_file()]


def silence_expected_translation_warnings(language_count: int) -> None:
    r"""Ignore Pelican's "several original items" warning, which is expected with 3+ languages.

    An item that exists in two languages but not in a third has, in the third language's build, two
    "originals"; Pelican warns, then i18n_subsites removes both from that build. The warning's
    template ends with one `\n%s` per file, hence one entry per possible count.
    """
    for count in range(2, language_count + 1):
        template = "There are %s original (not translated) items %s: " + "\n%s" * count
        LimitFilter._ignore.add((logging.WARNING, template))


def compile_catalogues(settings: dict) -> str:
    """Compile theme/translations/*/LC_MESSAGES/messages.po into the cache; return that folder."""
    source = Path(settings["THEME"]) / "translations"
    target = Path(settings["CACHE_PATH"]) / "locale"
    template_lang = settings.get("I18N_TEMPLATES_LANG", "en")
    for lang in settings["LANGUAGES"]:
        if lang == template_lang:
            continue  # the templates' own strings are in this language
        po_path = source / lang / "LC_MESSAGES" / "messages.po"
        if not po_path.exists():
            raise ValueError(f"multilingual: no translation catalogue for language {lang!r}: "
                             f"create {po_path} (see README, 'Adding a language')")
        mo_path = target / lang / "LC_MESSAGES" / "messages.mo"
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        with po_path.open("rb") as po_file:
            catalogue = read_po(po_file, locale=lang)
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalogue)
    return str(target)


def url_of_path(save_as: str) -> str:
    """Turn an output path into the URL readers use (`news/index.html` -> `news/`)."""
    if save_as == "index.html":
        return ""
    if save_as.endswith("/index.html"):
        return save_as[: -len("index.html")]
    return save_as


def record_versions(generators) -> None:
    """Remember which items this language's site publishes, once its context is complete."""
    settings = generators[0].settings
    lang = settings["DEFAULT_LANG"]
    for generator in generators:
        for article in getattr(generator, "articles", []):
            _VERSIONS.setdefault(("article", article.slug), {})[lang] = article.url
        for category, articles in getattr(generator, "categories", []):
            _VERSIONS.setdefault(("category", category.slug), {})[lang] = category.url
            record_later_pages(settings, "category", ("category", category.slug), category.save_as, category.url,
                               len(articles))
        for page in getattr(generator, "pages", []):
            _VERSIONS.setdefault(("page", page.slug), {})[lang] = page.url
        if hasattr(generator, "articles"):
            index, count = settings["INDEX_SAVE_AS"], len(generator.articles)
            record_later_pages(settings, "index", ("path", index), index, settings["INDEX_URL"], count)
    for name in settings["DIRECT_TEMPLATES"]:
        save_as = settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html")
        _VERSIONS.setdefault(("path", save_as), {})[lang] = url_of_path(save_as)
    parallel.meet(_VERSIONS)  # languages built in parallel learn each other's items here


def record_later_pages(settings: dict, template: str, first_page: tuple[str, str], save_as: str, url: str,
                       count: int) -> None:
    """Record page 2, 3... of a paginated list of `count` articles, as Pelican will write them.

    `save_as` and `url` are the list's first page's, `first_page` its registry key. Each later page is an
    item of its own (its switcher leads to the same page of the other language's list); where the other
    language's list is shorter, the switcher leads to that list's first page (`_FIRST_PAGE_OF`).
    """
    if template not in settings["PAGINATED_TEMPLATES"]:
        return
    per_page = settings["PAGINATED_TEMPLATES"][template] or settings["DEFAULT_PAGINATION"]
    paginator = Paginator(save_as, url, range(count), settings, per_page or None)
    for number in paginator.page_range[1:]:
        page = paginator.page(number)
        _VERSIONS.setdefault(("path", page.save_as), {})[settings["DEFAULT_LANG"]] = page.url
        _FIRST_PAGE_OF[page.save_as] = first_page


def record_version(key: tuple[str, str], lang: str, url: str) -> None:
    """Record that `lang`'s site publishes the item `key` at `url` (for plugins' own pages).

    Call it from a generator's `generate_context`; the item's `translation_key` must be `key`.
    """
    _VERSIONS.setdefault(key, {})[lang] = url


def languages() -> list[str]:
    """The site's language codes, in LANGUAGES order."""
    return list(_SITE["languages"])


def output_root() -> str:
    """The main site's output folder, which holds every language's."""
    return _SITE["output_path"]


def main_language() -> str:
    """The language served at the site's root, which writes the files shared by all languages."""
    return _SITE["default"]


def is_main_site(settings: dict) -> bool:
    """Whether these settings are the main site's (the last to finish; it writes the shared files)."""
    return settings["DEFAULT_LANG"] == _SITE.get("default")


def version_key(item, output_file: str | None) -> tuple[str, str]:
    """Return the registry key of what is being rendered."""
    if hasattr(item, "translation_key"):
        return item.translation_key
    kinds = ((Article, "article"), (Page, "page"), (Category, "category"))
    for cls, kind in kinds:
        # A paginated category's later pages are not the category page itself.
        if isinstance(item, cls) and (output_file is None or item.save_as == output_file):
            return kind, item.slug
    return "path", output_file or ""


def language_versions(lang: str, item=None, output_file: str | None = None) -> list[LanguageVersion]:
    """List every language's version of the current page, in LANGUAGES order.

    `item` is the article, page or category being rendered, if any; `output_file` is the path the
    writer is producing. Versions that do not exist point at their language's home page.
    """
    if isinstance(item, Undefined):  # list pages set no page_item
        item = None
    known = _VERSIONS.get(version_key(item, output_file), {})
    if lang not in known and output_file:
        known = {lang: url_of_path(output_file)}  # a page no language recorded: only itself
    # Where a language has no version: the first page of the same list (for page 3 of a longer list),
    # else its home page.
    elsewhere = _VERSIONS.get(_FIRST_PAGE_OF.get(output_file or "", ("", "")), {})
    versions = []
    for code, config in _SITE["languages"].items():
        available = code in known
        url = f"{site_url(code)}/{known[code] if available else elsewhere.get(code, '')}"
        versions.append(LanguageVersion(
            lang=code, name=config["name"], url=url, available=available, current=code == lang,
            untranslated_note=config.get("untranslated", ""), home_label=config.get("home", ""),
            home_url=f"{site_url(code)}/", locale=config.get("locale", code),
        ))
    return versions


def share_main_static_files(static_generator) -> None:
    """Stop a subsite from copying the files its content links with `{static}` (upstream #1155).

    i18n_subsites then links those files to the main site's copy (as `<lang>/../<path>`, which
    `clean_urls` tidies), so every image is published once.
    """
    if is_main_site(static_generator.settings):
        return
    for static_file in static_generator.staticfiles:
        static_generator.context["static_content"].pop(static_file.get_relative_source_path(), None)
    static_generator.staticfiles = []
    static_generator.context["staticfiles"] = []


def clean_urls(html: str, lang: str) -> Markup:
    """Rewrite `<lang site>/../x` links in rendered content to the clean `<main site>/x`."""
    detour = f'="{site_url(lang)}/../'
    clean = f'="{site_url(_SITE["default"])}/'
    return Markup(html.replace(detour, clean) if lang != _SITE["default"] else html)


_SAME_ON_EVERY_PAGE: dict[tuple, Markup] = {}


@pass_context
def same_on_every_page(context, template: str) -> Markup:
    """Render a partial that is the same on every page of a language (the footer) once per language.

    Rendering it again on each of thousands of pages was a tenth of a build's template time.
    """
    key = (id(context.environment), context.get("DEFAULT_LANG"), context.get("SITEURL"), template)
    if key not in _SAME_ON_EVERY_PAGE:
        _SAME_ON_EVERY_PAGE[key] = Markup(context.environment.get_template(template).render(context.get_all()))
    return _SAME_ON_EVERY_PAGE[key]


def install_template_helpers(generator) -> None:
    """Give the templates the language helpers and date filters."""
    generator.env.globals["same_on_every_page"] = same_on_every_page
    generator.env.globals["language_versions"] = language_versions
    generator.env.filters["clean_urls"] = clean_urls
    generator.env.filters["absolute_url"] = absolute
    generator.env.filters["human_date"] = dates.human_date
    generator.env.filters["iso_date"] = dates.iso_date
    generator.env.filters["display_year"] = dates.year_of
    generator.env.filters["event_date"] = dates.event_date
    generator.env.filters["event_iso"] = dates.event_iso
    generator.env.filters["mark_other_language"] = mark_other_language


@pass_context
def mark_other_language(context, rendered) -> Markup:
    """Rendered HTML (a `{% filter %}` block) with its phrases in the page's other language marked (parts.py).

    For what a template draws from staff's data rather than from an article's text, which mark_contents marks:
    a source's English title on a Thai page, a video's text, a report's description.
    """
    other = parts.language_of_latin(context, context.get("DEFAULT_LANG"))
    return Markup(parts.mark_phrases(str(rendered), other) if other else str(rendered))


NOINDEX = b'<meta name="robots" content="noindex">'


def remember_written_page(path: str, context: dict) -> None:
    """Record every HTML page written, with its language versions, for the sitemap."""
    output_file = context.get("output_file")
    if not output_file or not output_file.endswith(".html") or output_file.endswith("404.html"):
        return
    with open(path, "rb") as page:  # a page that asks search engines not to index it (search) is left out
        if NOINDEX in page.read(4096):
            return
    lang = context["DEFAULT_LANG"]
    item = context.get("page_item") or context.get("article") or context.get("page") or context.get("category")
    _WRITTEN[(lang, output_file)] = language_versions(lang, item, output_file)


def build_languages_in_parallel(pelican) -> None:
    """Start the other languages' builds beside the main site's (see `parallel`), before it reads a file."""
    if is_main_site(pelican.settings):
        i18n_subsites.initialize_plugin(pelican)  # its queue of languages, which `parallel` takes over
        parallel.start(pelican)


def wait_for_languages(pelican) -> None:
    """Before the main site's last steps, which cover every language: every language is written."""
    if is_main_site(pelican.settings):
        parallel.finish(pelican)


def write_sitemap_and_robots(pelican) -> None:
    """Write sitemap.xml and robots.txt once, when the last site (the main one) has finished."""
    if not is_main_site(pelican.settings) or pelican.settings.get("PREVIEW_ONLY"):
        return  # a preview of a few pages (plugins/preview) leaves the sitemap as it was
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for _page, versions in sorted(_WRITTEN.items(), key=lambda entry: entry[0]):
        current = next(version for version in versions if version.current)
        lines.append(f"  <url><loc>{escape(absolute(current.url))}</loc>")
        available = [version for version in versions if version.available]
        if len(available) > 1:
            for version in available:
                lines.append(f'    <xhtml:link rel="alternate" hreflang={quoteattr(version.lang)} '
                             f"href={quoteattr(absolute(version.url))}/>")
            default_version = next((v for v in available if v.lang == _SITE["default"]), available[0])
            lines.append(f'    <xhtml:link rel="alternate" hreflang="x-default" '
                         f"href={quoteattr(absolute(default_version.url))}/>")
        lines.append("  </url>")
    lines.append("</urlset>")
    output = Path(_SITE["output_path"])
    (output / "sitemap.xml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    sitemap_url = absolute(posixpath.join(site_url(_SITE["default"]) + "/", "sitemap.xml"))
    (output / "robots.txt").write_text(f"User-agent: *\nAllow: /\nSitemap: {sitemap_url}\n",
                                       encoding="utf-8")
    logger.info("multilingual: sitemap.xml lists %d pages in %d languages",
                len(_WRITTEN), len(_SITE["languages"]))


def in_every_language(settings: dict, text: str) -> list[str]:
    """A text of the theme's catalogue (`_('Cambodia')` in a template) as each language of the site has it."""
    return [gettext.translation(settings.get("I18N_GETTEXT_DOMAIN", "messages"), settings["I18N_GETTEXT_LOCALEDIR"],
                                languages=[lang], fallback=True).gettext(text) for lang in settings["LANGUAGES"]]


def describe_feed(context, feed) -> None:
    """Each language's feed says its language (`xml:lang`), as its pages do, and has a title of its own.

    Feed readers choose fonts, line breaks and speech by the language; Pelican gives its feeds none. Its
    title is SITENAME in every language, so a reader subscribed to both saw two feeds of the same name:
    each now has the title the pages' `<link rel="alternate">` gives it (from the theme's catalogue), and
    the language's tagline as its subtitle.
    """
    lang = context["DEFAULT_LANG"]
    feed.feed["language"] = lang
    catalogue = gettext.translation(context.get("I18N_GETTEXT_DOMAIN", "messages"),
                                    context["I18N_GETTEXT_LOCALEDIR"], languages=[lang], fallback=True)
    feed.feed["title"] = catalogue.gettext("%(site)s news feed") % {"site": context["SITENAME"]}
    feed.feed["subtitle"] = context.get("SITE_TAGLINE")
    # An article about an earlier event (`Written:`, see content_guard) was published when it was written:
    # Pelican gives every entry its Date, the event's day, as its publication date.
    # Its entry then begins with the event's date, which a feed reader showed nowhere.
    for item, article in feed_entries(context, feed):
        if getattr(article, "written", None):
            item["pubdate"] = article.written
            label = "Date of the event" if dates.date_known(article) == "day" else "Period of the event"
            when = f"{catalogue.gettext(label)} {dates.event_date(article, lang)}"  # the theme's words (article.html)
            item["content"] = f'<p>{html.escape(when)}</p>{item.get("content") or ""}'


def feed_entries(context, feed):
    """Each entry of a feed Pelican has made (`feed_generated`), with the article it was made from."""
    articles = {article.url: article for article in context.get("articles", ())}
    for item in feed.items:
        # The entry's link is absolute, and a subsite's has the language's folder (en/articles/x.html).
        parts = urlsplit(item["link"]).path.split("/")
        url = next((url for start in range(len(parts)) if (url := "/".join(parts[start:])) in articles), None)
        if url:
            yield item, articles[url]


def register():
    """Connect the handlers; the comments say why each signal."""
    # initialized: before i18n_subsites reads I18N_SUBSITES (it does so at get_generators).
    signals.initialized.connect(configure)
    # get_generators: the main site's settings are final, and it has not read a file yet.
    signals.get_generators.connect(build_languages_in_parallel)
    signals.generator_init.connect(install_template_helpers)
    # all_generators_finalized: i18n_subsites has removed other languages' items by then, and every
    # site's context is complete before any site starts writing.
    signals.all_generators_finalized.connect(record_versions)
    signals.all_generators_finalized.connect(parts.mark_contents)
    signals.static_generator_finalized.connect(share_main_static_files)
    signals.content_written.connect(remember_written_page)
    signals.feed_generated.connect(describe_feed)
    # finalized, connected first: every language's pages are written before the main site's last steps.
    signals.finalized.connect(wait_for_languages)
    signals.finalized.connect(write_sitemap_and_robots)
    signals.finalized.connect(record_finished_reader_cache)
    parallel.hand_back("multilingual", lambda: _WRITTEN, _WRITTEN.update)
