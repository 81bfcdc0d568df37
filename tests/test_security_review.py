"""Security and privacy review: what a reader, a photo's subject or an attacker would notice on the built site."""

from __future__ import annotations

import base64
import functools
import http.server
import io
import random
import re
import threading
import urllib.error
import urllib.request
import zlib
from contextlib import contextmanager
from pathlib import Path

import pikepdf
import pytest
from PIL import ExifTags, Image

import tasks
from conftest import ROOT
from photos import photos
from webserver import Nginx

GPS = {1: "N", 2: (17.0, 52.0, 30.0), 3: "E", 4: (102.0, 44.0, 10.0)}  # Nong Khai, on the river
OWNER = "Somchai Jaidee"  # the staff member whose phone took the photo, or whose computer drew the map
XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
       b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" '
       b'exif:GPSLatitude="17,52.5N" exif:GPSLongitude="102,44.16667E" dc:creator="Somchai Jaidee"/>'
       b"</rdf:RDF></x:xmpmeta>")


def phone_exif() -> Image.Exif:
    """EXIF as a phone writes it: where, with what, by whom."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Model] = "Phone 15"
    exif[ExifTags.Base.Artist] = OWNER
    exif[ExifTags.IFD.GPSInfo] = GPS
    return exif


def picture(size=(320, 240)) -> Image.Image:
    """A photo-like picture (noise compresses like a photo)."""
    noise = Image.effect_noise(size, 24)
    return Image.merge("RGB", (noise, Image.linear_gradient("L").resize(size), noise))


def jpeg_bytes(**options) -> bytes:
    """A JPEG of `picture()`, saved with Pillow's `options` (exif=..., xmp=...)."""
    buffer = io.BytesIO()
    picture().save(buffer, "JPEG", quality=90, **options)
    return buffer.getvalue()


def what_it_tells(path: Path) -> list[str]:
    """What a published image file says besides its pixels: EXIF tags, metadata blocks, the owner's name."""
    told = []
    with Image.open(path) as image:
        told += [f"EXIF {ExifTags.TAGS.get(tag, tag)}" for tag in image.getexif()]
        told += [key for key in image.info if key in ("exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop")]
    data = path.read_bytes()
    told += [f"`{word.decode()}` in its bytes" for word in (b"Somchai", b"GPS", b"Phone 15") if word in data]
    return told


# --- 4. Photos: every published image, whatever its name or format --------------------------------------------


def test_a_photo_saved_as_avif_or_jfif_or_with_a_download_s_name_is_published_without_its_location(minimal_site):
    """Photos with other names than .jpg are published as they are, and lose their GPS position like a .jpg.

    Windows saves photos from the web as .jfif, phones and editors export AVIF, X names downloads .jpg_large.
    """
    folder = minimal_site.content / "images" / "articles"
    folder.mkdir(parents=True)
    picture().save(folder / "crossing.avif", "AVIF", exif=phone_exif(), xmp=XMP)
    (folder / "crossing.jfif").write_bytes(jpeg_bytes(exif=phone_exif(), xmp=XMP))
    (folder / "crossing.jpg_large").write_bytes(jpeg_bytes(exif=phone_exif()))
    for lang, alt in (("th", "ด่านชายแดน"), ("en", "The border crossing")):
        minimal_site.article("crossing", lang, alt, body=(
            f"![{alt}]({{static}}/images/articles/crossing.avif)\n\n![{alt}]({{static}}/images/articles/crossing.jfif)\n"))
    site = minimal_site.build()
    for name in ("crossing.avif", "crossing.jfif", "crossing.jpg_large"):
        assert what_it_tells(folder / name), f"the fixture {name} should carry metadata"
        published = site.root / "images" / "articles" / name
        assert what_it_tells(published) == [], name
        with Image.open(published) as image:
            assert image.size == (320, 240)


def png_with_chunk(kind: bytes, payload: bytes) -> bytes:
    """A PNG of `picture()` with one more chunk before its end."""
    buffer = io.BytesIO()
    picture().save(buffer, "PNG")
    data = buffer.getvalue()
    chunk = len(payload).to_bytes(4, "big") + kind + payload + zlib.crc32(kind + payload).to_bytes(4, "big")
    return data[:-12] + chunk + data[-12:]


def webp_with_chunk(kind: bytes, payload: bytes) -> bytes:
    """A WebP of `picture()` with one more RIFF chunk after its image."""
    buffer = io.BytesIO()
    picture().save(buffer, "WEBP")
    body = buffer.getvalue()[12:] + kind + len(payload).to_bytes(4, "little") + payload + b"\0" * (len(payload) & 1)
    return b"RIFF" + (len(body) + 4).to_bytes(4, "little") + b"WEBP" + body


def test_metadata_pillow_does_not_read_is_not_published_either(minimal_site):
    """What Pillow does not report is left out of a published original too.

    A C2PA manifest (which can copy the EXIF, GPS included), a maker's segment, the video of a "motion photo"
    stored after the picture: the original was published with them.
    """
    folder = minimal_site.content / "images" / "articles"
    folder.mkdir(parents=True)
    manifest = b"JP\0\0c2pa stds.exif GPSLatitude 17.875 GPSLongitude 102.736 Somchai Jaidee Phone 15"
    clean = jpeg_bytes()
    app11 = b"\xff\xeb" + (len(manifest) + 2).to_bytes(2, "big") + manifest
    motion_video = b"\0\0\0\x18ftypmp42" + b"moov of the seconds before the photo, Somchai Jaidee"
    (folder / "patrol.jpg").write_bytes(clean[:2] + app11 + clean[2:] + motion_video)
    (folder / "patrol.png").write_bytes(png_with_chunk(b"caBX", manifest))
    (folder / "patrol.webp").write_bytes(webp_with_chunk(b"C2PA", manifest))
    for name in ("patrol.jpg", "patrol.png", "patrol.webp"):
        with Image.open(folder / name) as image:  # nothing Pillow would report
            assert not image.getexif() and not {"exif", "xmp", "comment"} & set(image.info), name
    for lang, alt in (("th", "เรือลาดตระเวน"), ("en", "A patrol boat")):
        minimal_site.article("patrol", lang, alt, body=f"![{alt}]({{static}}/images/articles/patrol.jpg)\n")
    site = minimal_site.build()
    for name in ("patrol.jpg", "patrol.png", "patrol.webp"):
        published = site.root / "images" / "articles" / name
        assert what_it_tells(published) == [], name
        with Image.open(published) as image:
            assert image.size == (320, 240)


# --- 4. PDFs: a photo inside a report ------------------------------------------------------------------------


def pdf_with_photo(path: Path, jpeg: bytes, size: tuple[int, int] = (320, 240)) -> Path:
    """A one-page PDF showing a JPEG as it came from the phone (how LibreOffice and image-to-PDF tools embed it)."""
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(595, 842))
        image = pikepdf.Stream(pdf, jpeg)
        image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
        image.Width, image.Height, image.BitsPerComponent = *size, 8
        image.ColorSpace, image.Filter = pikepdf.Name.DeviceRGB, pikepdf.Name.DCTDecode
        pdf.pages[0].Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Photo=image))
        pdf.pages[0].Contents = pikepdf.Stream(pdf, b"q 320 0 0 240 100 400 cm /Photo Do Q")
        path.parent.mkdir(parents=True, exist_ok=True)
        pdf.save(path)
    return path


def test_a_photo_inside_a_published_pdf_keeps_no_location(minimal_site):
    source = pdf_with_photo(minimal_site.content / "reports" / "field-visit.pdf",
                            jpeg_bytes(exif=phone_exif(), xmp=XMP))
    assert b"Somchai" in source.read_bytes()
    site = minimal_site.build()
    published = site.root / "reports" / "field-visit.pdf"
    assert b"Somchai" not in published.read_bytes() and b"Exif" not in published.read_bytes()
    with pikepdf.open(published) as pdf:
        [image] = [item for item in pdf.objects
                   if isinstance(item, pikepdf.Stream) and item.get("/Subtype") == "/Image"]
        with Image.open(io.BytesIO(image.read_raw_bytes())) as photo:
            assert photo.size == (320, 240) and not photo.getexif() and "xmp" not in photo.info
            photo.load()  # the pixels are whole


def test_a_photo_compressed_again_inside_a_pdf_keeps_no_location(minimal_site):
    """Some tools store a JPEG compressed a second time (`[/FlateDecode /DCTDecode]`): its EXIF went out whole."""
    jpeg = jpeg_bytes(exif=phone_exif(), xmp=XMP)
    source = pdf_with_photo(minimal_site.content / "reports" / "field-visit.pdf", zlib.compress(jpeg))
    with pikepdf.open(source, allow_overwriting_input=True) as pdf:
        [image] = [item for item in pdf.objects
                   if isinstance(item, pikepdf.Stream) and item.get("/Subtype") == "/Image"]
        image.Filter = pikepdf.Array([pikepdf.Name.FlateDecode, pikepdf.Name.DCTDecode])
        pdf.save(source)
    site = minimal_site.build()
    with pikepdf.open(site.root / "reports" / "field-visit.pdf") as pdf:
        [image] = [item for item in pdf.objects
                   if isinstance(item, pikepdf.Stream) and item.get("/Subtype") == "/Image"]
        assert image.Filter == pikepdf.Name.DCTDecode, "stored as the JPEG it is"
        with Image.open(io.BytesIO(image.read_raw_bytes())) as photo:
            assert photo.size == (320, 240) and not photo.getexif() and "xmp" not in photo.info
            photo.load()  # the pixels are whole
        assert b"Somchai" not in image.read_raw_bytes()


def test_a_pdf_whose_compressed_photo_is_damaged_is_named_by_the_check_not_a_traceback(minimal_site, capsys):
    """`[/FlateDecode /DCTDecode]` over data that is not compressed: make check passed it, the build crashed."""
    source = pdf_with_photo(minimal_site.content / "reports" / "field-visit.pdf", jpeg_bytes(exif=phone_exif()))
    with pikepdf.open(source, allow_overwriting_input=True) as pdf:
        [image] = [item for item in pdf.objects
                   if isinstance(item, pikepdf.Stream) and item.get("/Subtype") == "/Image"]
        image.Filter = pikepdf.Array([pikepdf.Name.FlateDecode, pikepdf.Name.DCTDecode])
        pdf.save(source)
    settings = minimal_site.settings_file
    settings.write_text(settings.read_text() + 'CONTENT_CHECKS = ["media.media:check_data"]\n', encoding="utf-8")
    minimal_site.write("data/videos.yaml", "[]\n")
    minimal_site.write("data/reports.yaml", "[]\n")
    errors = tasks.check_content(str(settings), content=str(minimal_site.content), report=True)
    printed = capsys.readouterr().out
    assert errors == 1 and "field-visit.pdf:1: this PDF holds a picture whose data is damaged" in printed, printed


def progressive_jpeg_with_a_scan_starting_with_ff() -> bytes:
    """A progressive JPEG (as the site's own derivatives are) one of whose scans' compressed pixels begin with 0xFF."""
    for seed in range(5000):
        noise = random.Random(seed).randbytes(16 * 16 * 3)
        buffer = io.BytesIO()
        Image.frombytes("RGB", (16, 16), noise).save(buffer, "JPEG", quality=90, progressive=True)
        data = buffer.getvalue()
        for scan in re.finditer(rb"\xff\xda", data):  # a marker: inside a scan, 0xFF is followed by 0x00 or RSTn
            pixels = scan.start() + 2 + int.from_bytes(data[scan.start() + 2:scan.start() + 4], "big")
            if data[pixels] == 0xFF:
                return data
    raise AssertionError("no picture of 5000 has such a scan")


def test_a_photo_with_nothing_to_remove_is_published_byte_for_byte_also_inside_a_pdf(minimal_site):
    """A photo that holds no metadata is not encoded again, nor changed inside a PDF.

    A scan whose compressed pixels began with 0xFF was read as a segment: the photo was taken to hold metadata
    and encoded again (quality lost), and inside a PDF its pixels were cut: the PDF showed it broken.
    """
    jpeg = progressive_jpeg_with_a_scan_starting_with_ff()
    (minimal_site.content / "images").mkdir()
    (minimal_site.content / "images" / "river.jpg").write_bytes(jpeg)
    pdf_with_photo(minimal_site.content / "reports" / "visit.pdf", jpeg, size=(16, 16))
    site = minimal_site.build()
    assert (site.root / "images" / "river.jpg").read_bytes() == jpeg
    with pikepdf.open(site.root / "reports" / "visit.pdf") as pdf:
        [image] = [item for item in pdf.objects
                   if isinstance(item, pikepdf.Stream) and item.get("/Subtype") == "/Image"]
        assert image.read_raw_bytes() == jpeg


# --- 4. Videos we publish ourselves: a phone's MP4 says where it was filmed ---------------------------------


def iso_box(kind: bytes, payload: bytes) -> bytes:
    """One box of an MP4 file."""
    return (8 + len(payload)).to_bytes(4, "big") + kind + payload


def filmed_at_the_river(video: bytes) -> bytes:
    """The project's video with a phone's recording data: the place (`©xyz`, ISO 6709) and the phone's owner.

    They replace its `moov/udta` box, at the same size, so that the frames stay where the file says they are.
    """
    moov = video.index(b"moov") - 4
    udta = video.index(b"udta", moov) - 4
    size = int.from_bytes(video[udta:udta + 4], "big")
    place = iso_box(b"\xa9xyz", (26).to_bytes(2, "big") + b"\x15\xc7" + b"+17.8750+102.7361+012.000/")
    owner = iso_box(b"\xa9mod", b"Somchai Jaidee"[:size - 16 - len(place)])
    recording = iso_box(b"udta", place + owner)
    assert len(recording) == size, "the project's video changed: adjust the owner's box"
    return video[:udta] + recording + video[udta + size:]


def test_a_video_we_publish_does_not_say_where_it_was_filmed(minimal_site):
    original = (ROOT / "content/videos/how-to-report.mp4").read_bytes()
    (minimal_site.content / "videos").mkdir()
    (minimal_site.content / "videos/river-patrol.mp4").write_bytes(filmed_at_the_river(original))
    site = minimal_site.build()
    published = (site.root / "videos/river-patrol.mp4").read_bytes()
    assert b"+17.8750+102.7361" not in published and b"Somchai" not in published
    # Only the recording's box changed: the frames, and where the file says they are, are byte for byte the same.
    assert len(published) == len(original)
    changed = [index for index, (ours, theirs) in enumerate(zip(published, original, strict=True)) if ours != theirs]
    udta = original.index(b"udta", original.index(b"moov")) - 4
    assert all(udta <= index < udta + int.from_bytes(original[udta:udta + 4], "big") for index in changed)
    assert published[udta + 4:udta + 8] == b"free"


def test_a_video_exported_from_premiere_does_not_say_who_edited_it_or_where(minimal_site):
    """Adobe's XMP at the file's top level (a `uuid` box after the frames, or `XMP_`) went out as it was."""
    original = (ROOT / "content/videos/how-to-report.mp4").read_bytes()
    xmp = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><xmpMM:WindowsAtom.UncProjectPath>C:\\Users\\somchai\\Videos\\'
           b"river.prproj</xmpMM:WindowsAtom.UncProjectPath><exif:GPSLatitude>17,52.5N</exif:GPSLatitude></x:xmpmeta>")
    keeps = iso_box(b"uuid", bytes(16) + b"kept: another maker's box")  # not XMP's identifier
    tail = iso_box(b"uuid", bytes.fromhex("be7acfcb97a942e89c71999491e3afac") + xmp) + \
        iso_box(b"XMP_", b"<x:xmpmeta>somchai</x:xmpmeta>") + keeps
    (minimal_site.content / "videos").mkdir()
    (minimal_site.content / "videos/river-patrol.mp4").write_bytes(original + tail)
    site = minimal_site.build()
    published = (site.root / "videos/river-patrol.mp4").read_bytes()
    assert b"somchai" not in published and b"GPSLatitude" not in published
    assert len(published) == len(original) + len(tail), "blanked in place: the frames stay where the file says"
    assert published.endswith(keeps)
    # The recording's own box, which the project's video has, is blanked too; the frames are as they were.
    moov = original.index(b"moov") - 4
    assert published[:moov] == original[:moov]


# --- 4 and 2. Drawings: an SVG is a document of its own -------------------------------------------------------

EMBEDDED = base64.b64encode(jpeg_bytes(exif=phone_exif())).decode("ascii")
EXPORTED_SVG = f"""<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) by Somchai Jaidee -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
   xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
   xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
   xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:cc="http://creativecommons.org/ns#"
   xmlns:dc="http://purl.org/dc/elements/1.1/" width="640" height="360" viewBox="0 0 640 360"
   sodipodi:docname="route-map.svg" inkscape:version="1.3 (0e150ed6c4, 2023-07-21)"
   inkscape:export-filename="C:\\Users\\somchai\\Documents\\Somchai Jaidee\\route-map.png"
   onload="fetch('OTHER/onload')">
  <metadata><rdf:RDF><cc:Work><dc:creator><cc:Agent><dc:title>Somchai Jaidee</dc:title></cc:Agent></dc:creator>
  </cc:Work></rdf:RDF></metadata>
  <sodipodi:namedview inkscape:window-width="1920" inkscape:current-layer="layer1"/>
  <title>The patrol route</title>
  <g inkscape:label="Layer 1" inkscape:groupmode="layer" id="layer1">
    <rect width="640" height="360" fill="#e8f1f5"/>
    <a href=" java&#9;script:fetch('OTHER/link')"><circle cx="320" cy="180" r="40" fill="#0b5"/></a>
    <image xlink:href="file:///C:/Users/somchai/Pictures/IMG_0412.jpg" width="10" height="10"/>
    <image href="data:image/jpeg;base64,{EMBEDDED}" x="20" y="20" width="32" height="24"/>
  </g>
  <script>fetch('OTHER/script')</script>
</svg>
"""


@contextmanager
def static_host_without_headers(root: Path):
    """The folder served as GitHub Pages serves it (no security headers), and another website.

    Yields the host's address, the other website's address and the paths the other website was asked for.
    """
    contacted = []

    class OtherWebsite(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the standard library's name
            contacted.append(self.path)
            self.send_response(204)
            self.send_header("Access-Control-Allow-Origin", "*")
            self.end_headers()

        def log_message(self, *args):
            pass

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(root))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as host, \
            http.server.ThreadingHTTPServer(("127.0.0.1", 0), OtherWebsite) as other:
        for server in (host, other):
            threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{host.server_address[1]}", f"http://127.0.0.1:{other.server_address[1]}", contacted
        finally:
            for server in (host, other):
                server.shutdown()


@pytest.mark.browser
def test_a_drawing_is_published_without_its_editor_s_data_and_runs_nothing_when_opened(minimal_site, browser):
    folder = minimal_site.content / "images" / "articles"
    folder.mkdir(parents=True)
    drawing = folder / "route-map.svg"
    with static_host_without_headers(minimal_site.root / "output") as (host, elsewhere, contacted):
        drawing.write_text(EXPORTED_SVG.replace("OTHER", elsewhere), encoding="utf-8")
        for lang, alt in (("th", "เส้นทางลาดตระเวน"), ("en", "The patrol route")):
            minimal_site.article("route", lang, alt, body=f"![{alt}]({{static}}/images/articles/route-map.svg)\n")
        site = minimal_site.build()
        published = (site.root / "images/articles/route-map.svg").read_text(encoding="utf-8")
        for private in ("Somchai", "somchai", "Inkscape", "inkscape", "sodipodi", "C:\\Users", "file:", "<metadata"):
            assert private not in published, private
        embedded = re.search(r'href="data:image/jpeg;base64,([^"]+)"', published)
        with Image.open(io.BytesIO(base64.b64decode(embedded[1]))) as photo:
            assert not photo.getexif() and photo.size == (320, 240)
        # What draws is kept: the page still shows it at its size.
        for kept in ('viewBox="0 0 640 360"', "<circle", "<title>The patrol route</title>", 'fill="#e8f1f5"'):
            assert kept in published, kept
        img = site.soup("en/articles/route.html").select_one("main img")
        assert (img["width"], img["height"]) == ("640", "360")
        # Anyone can open the drawing's own address; on a host without a security policy its scripts would run
        # on the site's address.
        context = browser.new_context()
        tab = context.new_page()
        tab.goto(f"{host}/images/articles/route-map.svg", wait_until="networkidle")
        tab.locator("a").first.click()
        tab.wait_for_timeout(300)
        context.close()
        assert contacted == []


def test_a_photo_embedded_in_a_drawing_through_a_style_keeps_no_location():
    """`style="fill: url(data:...)"` and a `<style>` rule's background kept their photos' EXIF (2 of 4 photos)."""
    drawing = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><style>.sky {{ background: '
               f'url("data:image/jpeg;base64,{EMBEDDED}") }} @font-face {{ src: url(data:font/woff2;base64,d09GMg==) }}'
               f'</style><rect class="sky" width="5" style="fill: url( data:image/jpeg;base64,{EMBEDDED} )"/>'
               '</svg>').encode()
    published = photos.drawing_without_metadata(drawing).decode("utf-8")
    embedded = re.findall(r"data:image/jpeg;base64,([A-Za-z0-9+/=]+)", published)
    assert len(embedded) == 2
    for photo_data in embedded:
        with Image.open(io.BytesIO(base64.b64decode(photo_data))) as photo:
            assert not photo.getexif() and photo.size == (320, 240)
    assert "url(data:font/woff2;base64,d09GMg==)" in published, "a font embedded by the drawing stays"
    # A drawing whose styled photos hold nothing is left as it is.
    clean = base64.b64encode(jpeg_bytes()).decode("ascii")
    assert photos.drawing_without_metadata(
        f'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill: url(data:image/jpeg;base64,{clean})"/></svg>'
        .encode()) is None


# --- 5 and 6. Links to other websites, from "Report a concern" -------------------------------------------------


def referer_sent_to_other_websites(browser, page_url: str) -> list[str | None]:
    """Follow each link of a page to another website (answered here, not by that website): the Referer each got."""
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(page_url)
    origin = re.match(r"https?://[^/]+", page_url)[0]
    links = tab.eval_on_selector_all("main a[href^='http']", "links => links.map(link => link.href)")
    outside = sorted({link for link in links if not link.startswith(origin)})
    assert outside, f"{page_url} links to no other website"
    sent = []

    def other_website(route):
        sent.append(route.request.headers.get("referer"))
        route.fulfill(status=200, content_type="text/html", body="<title>elsewhere</title>")

    tab.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/]).*"), other_website)
    for link in outside:
        tab.goto(page_url)
        tab.locator(f"main a[href='{link}']").first.click()
        tab.wait_for_url(link)
    context.close()
    assert len(sent) == len(outside)
    return sent


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/report.html", "/en/report.html"])
def test_following_a_source_from_report_a_concern_does_not_tell_the_other_website_where_the_reader_was(
        browser, server, site, path):
    assert set(referer_sent_to_other_websites(browser, server + path)) == {None}
    # GitHub Pages sends no Referrer-Policy header: the page itself says it.
    with static_host_without_headers(site.root) as (host, _elsewhere, _contacted):
        assert set(referer_sent_to_other_websites(browser, host + path)) == {None}


# --- 7. The server ------------------------------------------------------------------------------------------


def test_the_server_does_not_say_which_nginx_version_it_runs(server):
    with urllib.request.urlopen(server + "/") as response:
        assert response.headers["Server"] == "nginx"
    # nginx's own error pages name the version unless told not to: a POST to a page gets one ("405 Not Allowed").
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(urllib.request.Request(server + "/index.html", data=b"x", method="POST"))
    assert refused.value.code == 405
    assert refused.value.headers["Server"] == "nginx"
    assert not re.search(rb"nginx/\d", refused.value.read())
    # A folder without a page of its own gets the site's "page not found" page, not nginx's "403 Forbidden".
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(server + "/theme/")
    assert missing.value.code == 404 and b'<html lang="th"' in missing.value.read()


def test_the_server_never_serves_hidden_files_that_reach_the_sites_folder(tmp_path):
    """A publish by hand, or a copy of the checkout, put .git/config or .env in the folder: nginx served them."""
    (tmp_path / "index.html").write_text('<html lang="th"><title>x</title></html>', encoding="utf-8")
    (tmp_path / "404.html").write_text('<html lang="th"><title>ไม่พบหน้านี้</title></html>', encoding="utf-8")
    for hidden in (".git/config", ".env", "images/.DS_Store", ".well-known/acme-challenge/token"):
        (tmp_path / hidden).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / hidden).write_text("secret = 1\n", encoding="utf-8")
    with Nginx(tmp_path) as nginx:
        for hidden in (".git/config", ".env", "images/.DS_Store", ".git/"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(f"{nginx.url}/{hidden}")
            assert refused.value.code == 404 and b"secret" not in refused.value.read(), hidden
        with urllib.request.urlopen(f"{nginx.url}/.well-known/acme-challenge/token") as response:
            assert response.status == 200, "the host's certificate check still works"


# --- 1. Templates: what writers type is shown as text --------------------------------------------------------


def test_quotes_and_markup_in_titles_summaries_and_video_titles_are_shown_as_text(minimal_site):
    """A writer's `"` never ends an attribute, and markup in a summary is shown, not run (a guard on the theme).

    content_guard refuses HTML tags in a title or a raw <script>; quotes and escaped markup pass it and reach
    the templates, in the page's text, its <title>, link previews' attributes and the video player's label.
    """
    breakout = '" onmouseover="alert(1)" x="'
    for lang in ("th", "en"):
        minimal_site.article("quotes", lang, f"Title{breakout} <3", extra=(
            f"Summary: Summary{breakout} &lt;script&gt;alert(2)&lt;/script&gt;\n"),
            body=f"{{% video https://youtu.be/dQw4w9WgXcQ title='Video{breakout}' %}}\n")
    site = minimal_site.build()
    for page in ("en/articles/quotes.html", "en/news/index.html", "en/archives.html", "en/sitemap.html",
                 "en/index.html"):
        soup = site.soup(page)
        assert not soup.find("script", src=False, type=lambda kind: kind != "application/ld+json"), page
        assert not [element.name for element in soup.find_all(True) if "onmouseover" in element.attrs], page
    soup = site.soup("en/articles/quotes.html")
    assert soup.h1.get_text() == f"Title{breakout} <3"
    assert soup.title.get_text().startswith(f"Title{breakout} <3 | ")
    assert soup.find("meta", property="og:title")["content"] == f"Title{breakout} <3"
    assert soup.find("meta", property="og:description")["content"] == f"Summary{breakout} <script>alert(2)</script>"
    assert soup.select_one("[data-module=video-facade]")["data-title"] == f"Video{breakout}"


def test_the_security_policy_lets_a_page_fetch_from_this_site_alone():
    """The policy lets no page reach another host: it is the backstop of "nothing from a third party unasked".

    A host added to it (an analytics beacon, a web font service) would let any page call that host. Only the
    video players a reader starts may come from elsewhere, and only from their privacy-enhanced addresses.
    """
    config = (ROOT / "deploy/nginx/security-headers.conf").read_text(encoding="utf-8")
    policy = re.search(r'add_header Content-Security-Policy "([^"]*)"', config).group(1)
    directives = {name: values for name, *values in (part.split() for part in policy.split("; "))}
    assert directives.pop("default-src") == ["'none'"]
    assert directives.pop("script-src") == ["'self'", "'wasm-unsafe-eval'"]  # Pagefind's WebAssembly
    assert directives.pop("frame-src") == ["https://www.youtube-nocookie.com", "https://player.vimeo.com",
                                           "https://www.facebook.com"]
    fetching = {name: values for name, values in directives.items() if name.endswith("-src")}
    assert set(fetching) == {"style-src", "img-src", "font-src", "connect-src", "media-src", "object-src"}
    assert fetching.pop("object-src") == ["'none'"]
    assert all(values == ["'self'"] for values in fetching.values()), fetching
    assert directives["form-action"] == ["'self'"] and directives["base-uri"] == ["'none'"]
