"""photos: responsive, metadata-free images from whatever photo staff drop into content/images.

- Every raster image an article or page shows (`![alt]({static}/images/articles/x.jpg)`) becomes a
  `<picture>`: WebP and the original format (JPEG or PNG) at several widths, `srcset`/`sizes`, the
  `width`/`height` of the image (no layout shift), lazy loading after the first image.
- Derivatives are encoded once and cached in CACHE_PATH/photos/<code version> by the source's content
  hash, and published with that hash in their names, so a replaced photo never shows stale from a browser cache.
- Every raster image the site publishes, originals and theme images included, leaves the build
  without EXIF, XMP, IPTC or comments: no GPS position, camera or owner. The EXIF orientation is applied
  to the pixels first, so a phone photo is not published on its side.
- `check_photos` (a content_guard check) warns about a file over PHOTOS_MAX_MB and refuses files that
  are not images browsers show (HEIC from iPhones, damaged files).

Pillow does the image work. What is hand-written is the glue Pelican lacks: finding the images in an
article's HTML before Pelican resolves `{static}`, and one pass over the output (no plugin strips
metadata from the files Pelican copies as static files).
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import logging
import math
import os
import re
import warnings
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from lxml import etree
from pelican import signals
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

from build_cache import code_version, drop_other_versions, versioned_folder, write_atomically
from content_guard.content_guard import DELETED_ON_GITHUB, Problem, linked_file, static_files
from multilingual import multilingual, parallel
from preview.preview import is_selected

logger = logging.getLogger(__name__)

DEFAULTS = {
    # 720: a 360-pixel phone at twice the density needs 656 pixels, and took the 960 file (40% more bytes).
    "PHOTOS_WIDTHS": (480, 720, 960, 1440),
    # The prose column is 42rem wide; below that the image spans the screen less the page margins.
    "PHOTOS_SIZES": "(min-width: 46rem) 42rem, calc(100vw - 2rem)",
    "PHOTOS_FALLBACK_WIDTH": 960,  # the <img src> for browsers without srcset
    "PHOTOS_QUALITY": {"JPEG": 82, "WEBP": 80},
    "PHOTOS_MAX_MB": 8,
    # A video's poster is one address (no srcset), loaded with the page: the width a 360-pixel phone at twice
    # the density needs, which a 42rem column on a computer shows as well.
    "PHOTOS_POSTER_WIDTH": 720,
}
# For writers who have only GitHub's website and a phone or an office computer: the tools they have.
IPHONE_JPEG = ("An iPhone takes JPEGs with Settings, Camera, Formats, Most Compatible, and usually sends a photo as "
               "JPEG when it is uploaded from its own browser")
RESIZED = " (a phone's editor, or Windows' Photos: the ⋯ menu, Resize image)"
HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1"}
RASTER_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp"}
# Other names photos come with: Windows saves JPEGs from the web as .jfif; phones and editors export AVIF.
# Published as they are (not resized), but never with their metadata, like every image the output holds.
OTHER_PHOTO_SUFFIXES = {".jfif", ".jpe", ".avif"}
# What the build writes in bulk and is never an image: not opened when the output is searched for images,
# which are found by their first bytes, whatever their name (`photo.jpg_large`, a file with no suffix).
NEVER_IMAGES = {".html", ".xml", ".json", ".css", ".js", ".mjs", ".txt", ".csv", ".vcf", ".vtt", ".woff2", ".gz",
                ".br", ".svg", ".pdf", ".mp4", ".m4v", ".webm", ".pf_fragment", ".pf_index", ".pf_meta", ".pagefind",
                ".wasm"}
# What an image file holds to draw its pixels. Anything else in a JPEG, PNG or WebP file is metadata, whether or
# not Pillow reads it: EXIF, XMP, IPTC, comments, a maker's own segment, a C2PA manifest (which can copy the EXIF
# and its GPS position), or a "motion photo" video stored after the picture. A JPEG's APPn segments are kept
# only with these signatures (the JFIF header, the colour profile, Adobe's colour transform).
JPEG_DRAWING_SEGMENTS = {0xE0: b"JFIF\0", 0xE2: b"ICC_PROFILE\0", 0xEE: b"Adobe"}
PNG_DRAWING_CHUNKS = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT",
                      b"pHYs", b"bKGD", b"cICP", b"mDCV", b"cLLI", b"acTL", b"fcTL", b"fdAT"}
WEBP_DRAWING_CHUNKS = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP"}
# In a JPEG's compressed data, 0xFF is followed by 0x00 (a stuffed byte), a restart marker or another 0xFF.
JPEG_MARKER_IN_SCAN = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")
DRAWN_SUFFIXES = {".gif", ".svg"}  # published as they are, not resized
NOT_FOR_BROWSERS = {".heic", ".heif", ".tif", ".tiff", ".bmp", ".raw", ".cr2", ".nef", ".dng"}
FORMAT_SUFFIX = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MIME = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
# Image properties that say nothing about the place, the camera or the person; all else is dropped.
HARMLESS_INFO = {
    "dpi", "jfif", "jfif_version", "jfif_unit", "jfif_density", "progressive", "progression", "icc_profile",
    "gamma", "srgb", "transparency", "chromaticity", "adobe", "adobe_transform", "aspect", "interlace",
    "loop", "duration", "background", "lossless",
    # How a GIF or an animated PNG is drawn and played: its version, each frame's area and how it replaces the last
    "version", "default_image", "disposal", "blend", "bbox",
}
# A GIF's application extension that only says how often to play it; any other (XMP data) is metadata.
ANIMATION_EXTENSIONS = (b"NETSCAPE2.0", b"ANIMEXTS1.0")
# What decides a derivative besides the photo, its size and quality: this plugin's code and Pillow. Kept in
# the cache folder's name: after a change to either, nothing made by the old one is published.
CODE_VERSION = code_version([Path(__file__)], ["pillow"])
IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
ATTRIBUTE = re.compile(r"""(?P<name>[a-zA-Z-]+)\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)')""")
# Pillow warns that an image over 89 megapixels "could be decompression bomb DOS attack": content photos are
# the staff's own, and one over its hard limit (179 MP, a 200 MP phone mode) is refused by check_photos with
# the fix, so the alarm only frightens whoever reads the build's output.
warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)
SVG_ROOT = re.compile(r"<svg\b[^>]*>", re.IGNORECASE)
# Drawing programs' own data, in their own namespaces: the file's name and folder on the designer's computer
# (sodipodi:docname, inkscape:export-filename), the program and its version, Illustrator's copy of the whole
# .ai file; and the RDF and Dublin Core of a <metadata> block (author, rights, dates).
EDITOR_NAMESPACES = ("http://sodipodi.sourceforge.net/", "http://www.inkscape.org/namespaces/", "http://ns.adobe.com/",
                     "http://www.bohemiancoding.com/sketch/", "http://www.serif.com/", "http://www.figma.com/",
                     "http://purl.org/dc/", "http://creativecommons.org/ns",
                     "http://www.w3.org/1999/02/22-rdf-syntax-ns")
# What runs, or loads another document, when a drawing's address is opened by itself (an <img> runs nothing,
# but anyone can open the file; a host that sends no Content-Security-Policy would let its script run on the
# site's own address).
ACTIVE_ELEMENTS = {"script", "iframe", "embed", "object", "handler", "listener"}
ADDRESS_ATTRIBUTES = {"href", "{http://www.w3.org/1999/xlink}href", "src", "action", "formaction"}
SAFE_SCHEMES = {"", "http", "https", "mailto", "tel", "data"}  # "": a place in the drawing, a file of the site
URL_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
EMBEDDED_PHOTO = re.compile(r"^data:image/(?:png|jpeg|jpg|gif|webp);base64,", re.IGNORECASE)
# A photo embedded through a style (`fill: url(data:image/jpeg;base64,...)`, a `<style>` rule's background).
STYLE_DATA_ADDRESS = re.compile(r"""url\(\s*(?P<quote>['"]?)(?P<address>data:[^'")]*)(?P=quote)\s*\)""", re.IGNORECASE)

STATS: Counter = Counter()  # what the last builds encoded and took from the cache, for the benchmark


def setting(settings: dict, name: str):
    """A photos setting, with its default."""
    return settings.get(name, DEFAULTS[name])


@dataclass(frozen=True)
class Variant:
    """One published derivative: its width and format, and where it goes in the output."""

    width: int
    height: int
    format: str
    path: str  # relative to the output root, e.g. images/articles/boat.1a2b3c4d5e-960.webp


@dataclass(frozen=True)
class Photo:
    """A content image and the derivatives published for it."""

    source: Path
    digest: str
    format: str  # of the fallback derivatives: the source's, PNG for transparency, else JPEG
    variants: tuple[Variant, ...]

    def of_format(self, image_format: str) -> list[Variant]:
        """The derivatives in one format, narrowest first."""
        return [variant for variant in self.variants if variant.format == image_format]


_PHOTOS: dict[tuple[str, int, int], Photo] = {}  # (path, mtime, size) -> Photo: one analysis per file


def photo_for(source: Path, settings: dict) -> Photo:
    """Plan the derivatives of one content image (reading only its header and orientation)."""
    stat = source.stat()
    key = (str(source), stat.st_mtime_ns, stat.st_size)
    if key not in _PHOTOS:
        data = source.read_bytes()
        digest = hashlib.sha256(data).hexdigest()[:10]
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if image.getexif().get(0x0112, 1) in (5, 6, 7, 8):  # EXIF orientation: turned a quarter
                width, height = height, width
            image_format = image.format if image.format in ("JPEG", "PNG") else "JPEG"
            if image.format == "WEBP" and image.mode in ("RGBA", "LA", "P"):
                image_format = "PNG"
        widths = sorted({min(w, width) for w in setting(settings, "PHOTOS_WIDTHS")})
        relative = source.relative_to(Path(settings["PATH"]))
        stem = relative.with_suffix("").as_posix()
        variants = tuple(
            Variant(w, max(1, round(height * w / width)), fmt, f"{stem}.{digest}-{w}.{FORMAT_SUFFIX[fmt]}")
            for fmt in ("WEBP", image_format) for w in widths
        )
        _PHOTOS[key] = Photo(source, digest, image_format, variants)
    return _PHOTOS[key]


def content_image(src: str, content_file: Path, settings: dict) -> Path | None:
    """The file of content/ an `<img src>` names, if it is one."""
    src = html.unescape(src)
    if not src or "://" in src or src.startswith(("data:", "//")):
        return None
    root = Path(settings["PATH"])
    candidate = linked_file(src, content_file, root).resolve()
    return candidate if candidate.is_file() and candidate.is_relative_to(root.resolve()) else None


def drawing_size(path: Path) -> tuple[int, int] | None:
    """The size an SVG or GIF is drawn at, for its `<img>`'s width and height; None when the file does not say.

    An SVG's `width` and `height` in pixels, else its `viewBox`. Read with a pattern on the root tag rather
    than an XML parser: only three attributes are needed, and a parser would expand a hostile file's entities.
    """
    if path.suffix.lower() == ".gif":
        try:
            with Image.open(path) as image:
                return image.size
        except (UnidentifiedImageError, OSError):
            return None
    root = SVG_ROOT.search(path.read_text(encoding="utf-8", errors="replace")[:10_000])
    if not root:
        return None
    attributes = {m["name"].lower(): m["double"] if m["double"] is not None else m["single"]
                  for m in ATTRIBUTE.finditer(root.group(0))}
    width, height = (re.fullmatch(r"\s*(\d+(?:\.\d+)?)(?:px)?\s*", attributes.get(name, ""))
                     for name in ("width", "height"))
    if width and height:
        return round(float(width[1])), round(float(height[1]))
    box = [float(number) for number in re.findall(r"-?\d+(?:\.\d+)?", attributes.get("viewbox", ""))]
    if len(box) == 4 and box[2] > 0 and box[3] > 0:
        return round(box[2]), round(box[3])
    return None


def widest_at_most(variants: list[Variant], width: int) -> Variant:
    """The widest of `variants` (narrowest first) no wider than `width`; the narrowest if none is."""
    return next((variant for variant in reversed(variants) if variant.width <= width), variants[0])


def published_url(variant: Variant) -> str:
    """Where a derivative is published: by the main site, for every language."""
    return f"{multilingual.site_url(multilingual.main_language())}/{variant.path}"


def picture_markup(photo: Photo, attributes: dict[str, str], settings: dict, lazy: bool) -> str:
    """The `<picture>` for one image: WebP first, the original format as fallback."""
    sizes = html.escape(setting(settings, "PHOTOS_SIZES"))

    def srcset(image_format: str) -> str:
        return ", ".join(f"{published_url(v)} {v.width}w" for v in photo.of_format(image_format))

    fallback = widest_at_most(photo.of_format(photo.format), setting(settings, "PHOTOS_FALLBACK_WIDTH"))
    extra = "".join(f' {name}="{html.escape(value)}"' for name, value in attributes.items()
                    if name in ("title", "class", "id"))
    loading = ' loading="lazy"' if lazy else ""
    sources = "" if photo.format == "WEBP" else (
        f'<source type="image/webp" srcset="{html.escape(srcset("WEBP"))}" sizes="{sizes}">')
    return (
        f'<picture class="nm-photo">{sources}'
        f'<img src="{html.escape(published_url(fallback))}" srcset="{html.escape(srcset(photo.format))}" '
        f'sizes="{sizes}" width="{fallback.width}" height="{fallback.height}" '
        f'alt="{html.escape(attributes.get("alt", ""))}"{extra}{loading} decoding="async"></picture>'
    )


_WANTED: dict[str, Photo] = {}  # output path of a derivative -> its photo: written once, at the end


def replace_images(content) -> None:
    """Turn each content image of an article or page into a responsive `<picture>`.

    Runs on content_object_init: Markdown has produced HTML, Pelican has not yet resolved `{static}`.
    """
    body = content._content or ""
    if "<img" not in body:
        return
    settings = content.settings
    count = 0

    def replace(match: re.Match) -> str:
        nonlocal count
        attributes = {m["name"].lower(): html.unescape(m["double"] if m["double"] is not None else m["single"])
                      for m in ATTRIBUTE.finditer(match.group(0))}
        source = content_image(attributes.get("src", ""), Path(content.source_path), settings)
        if source is None:
            return match.group(0)
        if source.suffix.lower() not in RASTER_SUFFIXES:
            # A drawing, published as it is: its size, so that the text below does not jump when it arrives.
            size = drawing_size(source) if source.suffix.lower() in DRAWN_SUFFIXES else None
            if size is None or "width" in attributes or "height" in attributes:
                return match.group(0)
            return match.group(0).replace("<img", f'<img width="{size[0]}" height="{size[1]}"', 1)
        photo = photo_for(source, settings)
        # A draft's photos wait for it (its original is in a published folder, without its metadata); a preview
        # of a few pages writes their photos only.
        if getattr(content, "status", "") != "draft" and is_selected(settings, content.source_path):
            for variant in photo.variants:
                _WANTED[variant.path] = photo
        count += 1
        if count == 1:
            content.share_image = share_image(photo, attributes.get("alt", ""))
        return picture_markup(photo, attributes, settings, lazy=count > 1)

    content._content = IMG_TAG.sub(replace, body)


def poster_url(poster: str, settings: dict) -> str:
    """Where a video's poster (a path in content/) is published: its WebP derivative at PHOTOS_POSTER_WIDTH.

    Browsers fetch a `<video poster>` as soon as the page loads, even with `preload="none"`, and a poster
    takes no srcset: the original, a phone photo of several MB, would be loaded by every page showing the
    video. A drawing (SVG, GIF) is published as it is.
    """
    source = Path(settings["PATH"]) / poster
    if source.suffix.lower() not in RASTER_SUFFIXES or not source.is_file():
        return f"{multilingual.site_url(multilingual.main_language())}/{poster}"
    photo = photo_for(source, settings)
    variant = widest_at_most(photo.of_format("WEBP"), setting(settings, "PHOTOS_POSTER_WIDTH"))
    _WANTED[variant.path] = photo
    return published_url(variant)


@dataclass(frozen=True)
class ShareImage:
    """The image a link preview shows (Open Graph `og:image`): the first photo's widest fallback derivative."""

    url: str  # absolute: the preview is made by another site's server
    width: int
    height: int
    type: str
    alt: str


def share_image(photo: Photo, alt: str) -> ShareImage:
    """The widest derivative in the fallback format (JPEG or PNG, which every preview reads; not WebP)."""
    widest = photo.of_format(photo.format)[-1]
    # Percent-encoded: a photo named in Thai (ประชุม.jpg) is an address some preview crawlers do not fetch as is.
    url = quote(multilingual.absolute(published_url(widest)), safe=":/%")
    return ShareImage(url, widest.width, widest.height, f"image/{photo.format.lower()}", alt)


def cache_folder(settings: dict) -> Path:
    """Where this version of the code keeps derivatives and stripped images: CACHE_PATH/photos/<version>."""
    return versioned_folder(settings, "photos", CODE_VERSION)


def encode_photo(photo: Photo, variants: list[Variant], settings: dict) -> list[tuple[Variant, bytes, bool]]:
    """Derivatives of one photo, from the cache or made now: (variant, bytes, whether it was encoded).

    The photo is decoded and turned upright once, and each size is resized once for both formats: six
    derivatives used to decode the phone's full-size JPEG six times.
    """
    cache = cache_folder(settings)
    quality = setting(settings, "PHOTOS_QUALITY")
    done, missing = [], []
    for variant in variants:
        suffix = FORMAT_SUFFIX[variant.format]
        cached = cache / f"{photo.digest}-{variant.width}-{quality.get(variant.format, 0)}.{suffix}"
        if cached.exists():
            done.append((variant, cached.read_bytes(), False))
        else:
            missing.append((variant, cached))
    if not missing:
        return done
    with Image.open(photo.source) as original:
        reduce_while_decoding(original, max(variant.width for variant, _cached in missing))
        upright = clean_image(original)
    bases: dict[bool, Image.Image] = {}
    sized: dict[tuple[bool, int], Image.Image] = {}
    for variant, cached in missing:
        flat = variant.format == "JPEG" and upright.mode not in ("RGB", "L")  # JPEG has no transparency
        if flat not in bases:
            bases[flat] = flatten(upright) if flat else upright
        if (flat, variant.width) not in sized:
            base = bases[flat]
            sized[flat, variant.width] = base if base.width == variant.width else base.resize(
                (variant.width, variant.height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        data = save(sized[flat, variant.width], variant.format, quality.get(variant.format))
        write_atomically(cached, data)
        done.append((variant, data, True))
    return done


def reduce_while_decoding(image: Image.Image, width: int) -> None:
    """Have a JPEG decoded at 1/2, 1/4 or 1/8 of its size when that still leaves `width` pixels upright.

    Pillow's draft mode (libjpeg's DCT scaling, as `Image.thumbnail` uses it): a 4032 x 3024 phone photo,
    whose widest derivative is 1440 pixels, is decoded at 2016 x 1512; its six derivatives took 0.81
    CPU-s, and take 0.56.
    """
    if image.format != "JPEG":
        return
    upright_width = image.size[1] if image.getexif().get(0x0112, 1) in (5, 6, 7, 8) else image.size[0]
    scale = width / upright_width
    image.draft(None, (max(1, math.ceil(image.size[0] * scale)), max(1, math.ceil(image.size[1] * scale))))


def clean_image(image: Image.Image) -> Image.Image:
    """The pixels turned upright, with no metadata left but the colour profile."""
    upright = ImageOps.exif_transpose(image)
    if upright is image:
        upright = image.copy()
    if upright.mode in ("P", "PA") and "transparency" not in upright.info:
        upright = upright.convert("RGB")
    elif upright.mode in ("CMYK", "I;16", "I", "F"):
        upright = upright.convert("RGB")
    icc = image.info.get("icc_profile")
    upright.info = {"icc_profile": icc} if icc else {}
    return upright


def flatten(image: Image.Image) -> Image.Image:
    """An image with transparency on white, for JPEG."""
    rgba = image.convert("RGBA")
    background = Image.new("RGB", rgba.size, (255, 255, 255))
    background.paste(rgba, mask=rgba.getchannel("A"))
    background.info = image.info
    return background


def save(image: Image.Image, image_format: str, quality: int | None) -> bytes:
    """Encode without metadata (an explicit empty EXIF: Pillow must not carry any over)."""
    buffer = io.BytesIO()
    options = {"exif": b""}
    if image.info.get("icc_profile"):
        options["icc_profile"] = image.info["icc_profile"]
    if image_format == "JPEG":
        options.update(quality=quality or 82, optimize=True, progressive=True)
    elif image_format == "WEBP":
        options.update(quality=quality or 80, method=4)
    elif image_format == "AVIF":
        options.update(quality=quality or 80)
    else:
        options.update(optimize=True)
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def has_metadata(image: Image.Image, data: bytes) -> bool:
    """Whether an image file (`data`, opened as `image`) says anything beyond its pixels.

    What Pillow reads (EXIF, XMP, IPTC, comments), and what it does not (`hidden_metadata`).
    """
    said = [key for key, value in image.info.items() if not harmless_info(key, value)]
    return bool(image.getexif()) or bool(said) or hidden_metadata(data)


def harmless_info(key: str, value) -> bool:
    """Whether an entry of Pillow's `image.info` says nothing about the place, the camera or the person.

    A GIF's application extension (`extension`: its bytes, and where) is harmless only if it sets the loop.
    """
    if key == "extension":
        return bool(value) and bytes(value[0]).startswith(ANIMATION_EXTENSIONS)
    return key in HARMLESS_INFO


def is_animated(image: Image.Image) -> bool:
    """Whether an image has frames to play (a phone's multi-picture JPEG has more pictures, which are not frames)."""
    return getattr(image, "n_frames", 1) > 1 and image.format != "MPO"


def jpeg_without_metadata(data: bytes) -> bytes:
    """A JPEG file with only what draws it (JPEG_DRAWING_SEGMENTS): its compressed pixels copied as they are.

    Every APPn segment but those, every comment, and whatever follows the end of the image (a second picture,
    a video) is left out. Anything that is not a JPEG is returned as it is.
    """
    if not data.startswith(b"\xff\xd8"):
        return data
    kept, position = [b"\xff\xd8"], 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:  # bytes between segments (a damaged file): kept, up to the next marker
            found = JPEG_MARKER_IN_SCAN.search(data, position)
            end = found.start() if found else len(data)
            kept.append(data[position:end])
            position = end
            continue
        marker = data[position + 1]
        if marker == 0xD9:  # the end of the image: what follows is not part of it
            break
        if marker == 0xFF:  # a fill byte before a marker
            position += 1
            continue
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:  # a marker without a length
            kept.append(data[position:position + 2])
            position += 2
            continue
        end = position + 2 + int.from_bytes(data[position + 2:position + 4], "big")
        signature = JPEG_DRAWING_SEGMENTS.get(marker)
        metadata = marker == 0xFE or (0xE0 <= marker <= 0xEF and not (
            signature and data[position + 4:end].startswith(signature)))
        if not metadata:
            kept.append(data[position:end])
        position = end
        if marker == 0xDA:  # a start of scan: its compressed pixels follow, and may begin with 0xFF 0x00
            found = JPEG_MARKER_IN_SCAN.search(data, position)
            end = found.start() if found else len(data)
            kept.append(data[position:end])
            position = end
    kept.append(b"\xff\xd9")
    return b"".join(kept)


def hidden_metadata(data: bytes) -> bool:
    """Whether a JPEG, PNG, WebP or GIF file holds anything besides what draws its pixels, read from its bytes.

    Pillow reports only the kinds of metadata it knows; a C2PA manifest, a maker's segment or a video stored
    after the picture pass it by, and the original would be published with them.
    """
    if data.startswith(b"\xff\xd8"):
        return jpeg_without_metadata(data) != data.rstrip(b"\0")
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        position = 8
        while position + 8 <= len(data):
            length, kind = int.from_bytes(data[position:position + 4], "big"), data[position + 4:position + 8]
            if kind not in PNG_DRAWING_CHUNKS:
                return True
            position += 12 + length
            if kind == b"IEND":
                return bool(data[position:].strip(b"\0"))
        return False
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        end = min(len(data), 8 + int.from_bytes(data[4:8], "little"))
        position = 12
        while position + 8 <= end:
            length, kind = int.from_bytes(data[position + 4:position + 8], "little"), data[position:position + 4]
            if kind not in WEBP_DRAWING_CHUNKS:
                return True
            position += 8 + length + (length & 1)
        return bool(data[end:].strip(b"\0"))
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return gif_metadata(data)
    return False


def gif_metadata(data: bytes) -> bool:
    """Whether a GIF holds a block that does not draw or play it, in any frame, or anything after its end.

    Such a block is a comment, or an application extension other than the loop's (XMP, IPTC). Pillow keeps
    only the last application extension before the first frame, and the comments of the frame it is on: an
    IPTC block before the loop's, or a comment before the second frame, passed it by.
    """
    def sub_blocks_end(position: int) -> int:  # a run of [size][bytes] blocks, ended by a block of size 0
        while position < len(data) and data[position]:
            position += 1 + data[position]
        return position + 1

    def colour_table(flags_at: int) -> int:  # the bytes of the colour table a block's flags announce, if any
        flags = data[flags_at] if flags_at < len(data) else 0
        return 3 << ((flags & 7) + 1) if flags & 0x80 else 0

    position = 13 + colour_table(10)  # after the screen's description and the global colour table
    while position < len(data):
        block = data[position]
        if block == 0x3B:  # the trailer: the end of the file, but for padding
            return bool(data[position + 1:].strip(b"\0"))
        if block == 0x2C:  # a frame: its descriptor, its own colour table, the minimum code size, its data
            position = sub_blocks_end(position + 11 + colour_table(position + 9))
        elif block == 0x21 and position + 1 < len(data):
            label = data[position + 1]
            if label == 0xFE or (label == 0xFF and not data[position + 3:position + 14].startswith(
                    ANIMATION_EXTENSIONS)):  # a comment; an application's data (its name: 11 bytes)
                return True
            position = sub_blocks_end(position + 2)  # graphic control (timing), plain text, the loop
        else:
            return True  # not a GIF block: bytes hidden in the file, or a damaged one
    return False


def is_image_file(path: Path) -> bool:
    """Whether a file of the output is a raster image (JPEG, PNG, GIF, WebP, TIFF, AVIF, HEIF), by its first bytes."""
    if path.suffix.lower() in NEVER_IMAGES or not path.is_file():
        return False
    with path.open("rb") as file:
        head = file.read(12)
    return (head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"II*\0", b"MM\0*"))
            or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")
            or (head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS | {b"avif", b"avis"}))


def stripped(image: Image.Image) -> bytes:
    """The image's file without its metadata, upright, in its own format (as the site publishes it).

    A phone's multi-picture JPEG (MPO) becomes a JPEG of its first picture; an animation keeps every frame.
    """
    if is_animated(image):
        return animation_without_metadata(image)
    image_format = "JPEG" if image.format == "MPO" else image.format
    clean = clean_image(image)
    if image_format == "JPEG" and clean.mode not in ("RGB", "L"):
        clean = flatten(clean)
    return save(clean, image_format, 92 if image_format in ("JPEG", "WEBP", "AVIF") else None)


def animation_without_metadata(image: Image.Image) -> bytes:
    """An animated GIF, PNG or WebP with all its frames and their timing, without a comment, text, EXIF or XMP.

    Pillow writes an animation's frames again from the file (save_all) with the image's own info, which is cut
    down to HARMLESS_INFO first; an explicit empty EXIF and XMP keep it from carrying a WebP's over.
    """
    durations = []  # each frame's, as it plays (a WebP's is known only once the frame is loaded)
    for frame in range(image.n_frames):
        image.seek(frame)
        image.load()
        durations.append(image.info.get("duration", 0))
    image.seek(0)
    image.info = {key: value for key, value in image.info.items() if harmless_info(key, value)}
    buffer = io.BytesIO()
    image.save(buffer, image.format, save_all=True, duration=durations, loop=image.info.get("loop", 0),
               exif=b"", xmp=b"")
    return buffer.getvalue()


def drawing_without_metadata(data: bytes) -> bytes | None:
    """An SVG file without its editors' data, comments, scripts and its photos' metadata; None if it has none.

    Removed: elements and attributes in EDITOR_NAMESPACES and `<metadata>`; comments, processing instructions
    and the DOCTYPE (its entities are expanded first: one could hold a script); ACTIVE_ELEMENTS, `on...`
    attributes, animations that set an address, and links to anything but the web, a place in the drawing or
    another file of the site (`javascript:`, `file:///C:/Users/...`); EXIF and the like of photos embedded as
    `data:` addresses. A drawing that has none of them is left as it is, byte for byte.
    """
    parser = etree.XMLParser(resolve_entities="internal", no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return None  # browsers show an error instead of the drawing, and run nothing in it
    changed = bool(root.getroottree().docinfo.doctype) or root.getprevious() is not None or \
        root.getnext() is not None
    elements = [root]
    while elements:
        element = elements.pop()
        changed |= clean_drawing_attributes(element)
        if etree.QName(element).localname == "style" and element.text and "data:" in element.text:
            cleaned = style_without_photo_metadata(element.text)
            if cleaned != element.text:
                element.text = cleaned
                changed = True
        for child in list(element):
            if drawing_part_to_remove(child):
                remove_keeping_text(child)
                changed = True
            else:
                elements.append(child)
    if not changed:
        return None
    etree.cleanup_namespaces(root)
    return etree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def drawing_part_to_remove(node) -> bool:
    """Whether a node of an SVG is a comment, editor's data, metadata or something that runs (see above)."""
    if not isinstance(node.tag, str):  # a comment or a processing instruction
        return True
    name = etree.QName(node)
    return ((name.namespace or "").startswith(EDITOR_NAMESPACES) or name.localname in ACTIVE_ELEMENTS
            or name.localname == "metadata"
            or (name.localname in ("set", "animate") and node.get("attributeName", "").endswith("href")))


def clean_drawing_attributes(element) -> bool:
    """Remove an SVG element's editor's attributes, event handlers and unsafe addresses; whether it had any."""
    changed = False
    for attribute, value in list(element.attrib.items()):
        if attribute == "style" and "data:" in value:
            cleaned = style_without_photo_metadata(value)
            if cleaned != value:
                element.set(attribute, cleaned)
                changed = True
            continue
        address = re.sub(r"[\x00-\x20]", "", value)  # as a browser reads an address: `java script:` runs
        scheme = (URL_SCHEME.match(address) or [None, ""])[1].lower() if attribute in ADDRESS_ATTRIBUTES else ""
        if (etree.QName(attribute).namespace or "").startswith(EDITOR_NAMESPACES) or \
                attribute.lower().startswith("on") or scheme not in SAFE_SCHEMES:
            del element.attrib[attribute]
            changed = True
        elif scheme == "data":
            cleaned = embedded_photo_without_metadata(address)
            if cleaned != address:
                if cleaned:
                    element.set(attribute, cleaned)
                else:
                    del element.attrib[attribute]
                changed = True
    return changed


def remove_keeping_text(node) -> None:
    """Remove a node from its parent; the text that followed it stays where it was."""
    parent, previous = node.getparent(), node.getprevious()
    if node.tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)


def embedded_photo_without_metadata(address: str) -> str:
    """A `data:` address of a photo, without the photo's metadata; "" for any other `data:` address."""
    if not EMBEDDED_PHOTO.match(address):
        return ""  # an SVG, a page, a script in a `data:` address
    header, _, encoded = address.partition(",")
    try:
        data = base64.b64decode(encoded, validate=False)
        with Image.open(io.BytesIO(data)) as image:
            if not has_metadata(image, data):
                return address
            return f"{header},{base64.b64encode(stripped(image)).decode('ascii')}"
    except (ValueError, UnidentifiedImageError, OSError):
        return ""


def style_without_photo_metadata(css: str) -> str:
    """A style's `data:` photos without their metadata (a photo that cannot be read: `none`).

    Any other `data:` address is left as it is: a style's `url()` only draws (a font, a pattern), it runs nothing.
    """
    def clean(match: re.Match) -> str:
        address = re.sub(r"\s", "", match["address"])
        if not EMBEDDED_PHOTO.match(address):
            return match[0]
        cleaned = embedded_photo_without_metadata(address)
        if cleaned == address:
            return match[0]  # a photo with nothing to remove: the drawing stays as it is, byte for byte
        return f"url({match['quote']}{cleaned}{match['quote']})" if cleaned else "none"
    return STYLE_DATA_ADDRESS.sub(clean, css)


def clean_published_drawing(path: Path) -> bool:
    """Rewrite one published SVG without what `drawing_without_metadata` removes; whether it had any."""
    cleaned = drawing_without_metadata(path.read_bytes())
    if cleaned is None:
        return False
    path.write_bytes(cleaned)
    return True


def located(image: Image.Image) -> bool:
    """Whether an image records where it was taken (an EXIF GPS block with anything in it)."""
    return bool(image.getexif().get_ifd(ExifTags.IFD.GPSInfo))


def content_images(settings: dict):
    """Every raster image file in the content's static folders (images, reports...), in a stable order."""
    for path in static_files(settings):
        if not path.name.startswith(".") and path.suffix.lower() in RASTER_SUFFIXES | OTHER_PHOTO_SUFFIXES:
            yield path


def strip_content_images(settings: dict) -> list[Path]:
    """Rewrite the content's images that hold metadata without it, in place; return the files rewritten.

    For `make strip-photos`: the site never publishes the metadata, but the repository keeps the files
    staff commit, GPS position and all.
    """
    rewritten = []
    for path in content_images(settings):
        try:
            with Image.open(path) as image:
                if not has_metadata(image, path.read_bytes()):
                    continue
                data = stripped(image)
        except (UnidentifiedImageError, OSError):
            continue  # `make check` names it
        write_atomically(path, data)
        rewritten.append(path)
    return rewritten


def strip_published_image(path: Path, settings: dict) -> str | None:
    """Rewrite one published image without its metadata, if it has any.

    Return "originals stripped" or "originals from cache" (the counter it adds to), or None if the
    image had no metadata (or could not be read).
    """
    data = path.read_bytes()
    try:
        with Image.open(io.BytesIO(data)) as image:
            if not has_metadata(image, data):
                return None
            digest = hashlib.sha256(data).hexdigest()[:24]
            cached = cache_folder(settings) / f"stripped-{digest}{path.suffix.lower()}"
            done = "originals from cache"
            if not cached.exists():
                done = "originals stripped"
                write_atomically(cached, stripped(image))
    except (UnidentifiedImageError, OSError) as error:
        logger.warning("photos: %s cannot be read as an image (%s), so its metadata cannot be removed", path, error)
        return None
    path.write_bytes(cached.read_bytes())
    return done


def publish(pelican) -> None:
    """After the last language: write the derivatives, then strip every published raster image."""
    settings = pelican.settings
    if not multilingual.is_main_site(settings):
        return
    output = Path(pelican.output_path)
    before = STATS.copy()
    drop_other_versions(cache_folder(settings))
    wanted: dict[Photo, list[Variant]] = {}
    for relative, photo in sorted(_WANTED.items()):
        wanted.setdefault(photo, []).append(next(v for v in photo.variants if v.path == relative))
    _WANTED.clear()
    # One photo per thread, on every core: Pillow lets go of Python's lock while it decodes, resizes, encodes.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for derivatives in pool.map(lambda item: encode_photo(*item, settings), wanted.items()):
            for variant, data, encoded in derivatives:
                target = output / variant.path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
                STATS["derivatives encoded" if encoded else "derivatives from cache"] += 1
        published = sorted(output.rglob("*"))  # one walk of the output, for its images and its drawings
        rasters = [path for path in published if is_image_file(path)]
        STATS.update(done for done in pool.map(lambda path: strip_published_image(path, settings), rasters) if done)
    cleaned = [path for path in published
               if path.suffix == ".svg" and path.is_file() and clean_published_drawing(path)]
    done = STATS - before
    logger.info("photos: %d derivatives encoded, %d from the cache; %d published images stripped of "
                "metadata, %d from the cache", done["derivatives encoded"], done["derivatives from cache"],
                done["originals stripped"], done["originals from cache"])
    if cleaned:
        logger.info("photos: %d drawings published without their editor's data, comments or scripts: %s",
                    len(cleaned), ", ".join(path.relative_to(output).as_posix() for path in cleaned))


def is_heif(path: Path) -> bool:
    """Whether a file holds a HEIF/HEIC image (its ISO box header: `ftyp` then a HEIF brand), whatever its name."""
    with path.open("rb") as file:
        head = file.read(12)
    return head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS


def check_photos(settings: dict) -> list[Problem]:
    """Content images browsers cannot show are errors; files over PHOTOS_MAX_MB are warnings."""
    problems = []
    limit = setting(settings, "PHOTOS_MAX_MB")
    for path in static_files(settings):
        suffix = path.suffix.lower()
        if path.name.startswith("."):
            continue
        if suffix in NOT_FOR_BROWSERS:
            problems.append(Problem(
                path, 1, f"{suffix[1:].upper()} images are not shown by every browser: export the photo "
                         f"as JPEG and link that, then delete this file{DELETED_ON_GITHUB}. {IPHONE_JPEG}"))
            continue
        megabytes = path.stat().st_size / 1_000_000
        if suffix in DRAWN_SUFFIXES and megabytes > limit:  # published as it is, at every reader's cost
            problems.append(Problem(
                path, 1, f"the image is {megabytes:.1f} MB, over the {limit} MB limit (PHOTOS_MAX_MB), and the "
                         f"site publishes {suffix[1:].upper()} files as they are, so every reader downloads "
                         "all of it: export it smaller (an animation as an MP4 video, with `{% video %}`)",
                "warning"))
        if suffix not in RASTER_SUFFIXES:
            continue
        try:
            with Image.open(path) as image:
                image.verify()  # the file's structure; only decoding finds its data cut short (a copy stopped)
            # Decoded once per file's bytes, then remembered: every build and every preview checks every photo.
            decoded = cache_folder(settings) / f"decoded-{hashlib.sha256(path.read_bytes()).hexdigest()[:24]}"
            if not decoded.exists():
                with Image.open(path) as image:
                    if image.format == "JPEG":  # decoded at an eighth of its size: all its data is read, 20x faster
                        image.draft(image.mode, (max(1, image.width // 8), max(1, image.height // 8)))
                    image.load()
                decoded.parent.mkdir(parents=True, exist_ok=True)
                decoded.touch()
        except Image.DecompressionBombError as error:  # Pillow refuses to open it, here and in the build
            pixels = int(re.search(r"\((\d+) pixels\)", str(error))[1])
            problems.append(Problem(
                path, 1, f"this photo is {pixels / 1e6:.0f} megapixels, more than the site can resize "
                         f"({Image.MAX_IMAGE_PIXELS * 2 / 1e6:.0f} at most): export it at most 3000 pixels wide"
                         f"{RESIZED}; a phone's 200 MP mode makes such photos, its normal mode does not"))
            continue
        except (UnidentifiedImageError, OSError, SyntaxError) as error:
            if is_heif(path):  # an iPhone photo whose name was changed to .jpg: the bytes are still HEIC
                problems.append(Problem(
                    path, 1, "this is an iPhone HEIC photo with a .jpg name, which browsers cannot show: export "
                             f"the photo as JPEG, rather than renaming it, and put that in its place. {IPHONE_JPEG}"))
            else:
                problems.append(Problem(path, 1, f"this file cannot be read as an image ({error}): open it "
                                                 "and export it again as JPEG or PNG"))
            continue
        with Image.open(path) as image:
            if located(image):
                problems.append(Problem(
                    path, 1, "this photo records where it was taken (its GPS position). The site publishes "
                             "it without, but the file in the repository keeps it: run `make strip-photos` "
                             "before you commit it (on GitHub's website: delete the file, remove the location on "
                             "the phone, iPhone: Share, Options, Location off; Google Photos: Info, Edit, Remove "
                             "location, and upload it again). A copy committed stays in the repository's history: "
                             "if the place must stay private, tell the site's maintainer", "warning"))
        megabytes = path.stat().st_size / 1_000_000
        if megabytes > limit:
            problems.append(Problem(
                path, 1,
                f"the image is {megabytes:.1f} MB, over the {limit} MB limit (PHOTOS_MAX_MB): pages show "
                "resized copies, but the full file slows every copy of the site's repository and is "
                f"published for download as it is; export it at most 3000 pixels wide{RESIZED}",
                "warning",
            ))
    return problems


def register():
    """Rewrite images as articles are read; publish and strip at the very end of the build."""
    signals.content_object_init.connect(replace_images)
    signals.finalized.connect(publish)
    # Each language's pages want derivatives; the main site writes them all, once.
    parallel.hand_back("photos", lambda: _WANTED, _WANTED.update)
