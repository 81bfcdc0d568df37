"""Photos from phones: published as responsive derivatives, upright, with no location or camera data left."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from invoke import Context
from PIL import ExifTags, Image, ImageFile, ImageStat, PngImagePlugin

import tasks
from conftest import as_if_made_by_older_code

GPS = {1: "N", 2: (17.0, 52.0, 30.0), 3: "E", 4: (102.0, 44.0, 10.0)}  # Nong Khai, on the river
RASTER = {".jpg", ".jpeg", ".png", ".webp"}


def phone_photo(path, size=(4032, 3024), orientation=6):
    """A JPEG like a phone's: large, high quality, lying on its side, with GPS, camera and owner in EXIF."""
    noise = Image.effect_noise(size, 24)  # sensor noise: phone photos compress badly
    image = Image.merge("RGB", (noise, Image.linear_gradient("L").resize(size), noise))
    image.paste((230, 10, 10), (0, 0, size[0] // 4, size[1] // 4))  # a red mark in the top-left corner
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Model] = "Phone 15"
    exif[ExifTags.Base.Artist] = "Staff member"
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.IFD.GPSInfo] = GPS
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=97, exif=exif)
    return path


def metadata_of(path):
    """Everything that says more than the pixels: EXIF tags, XMP, IPTC, comments."""
    with Image.open(path) as image:
        exif = dict(image.getexif())
        gps = dict(image.getexif().get_ifd(ExifTags.IFD.GPSInfo))
        extra = {key for key in image.info if key in ("exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop")}
    return exif, gps, extra


@pytest.fixture
def photo_site(minimal_site):
    """The minimal site with one article pair showing a phone photo twice, and a photo no page shows."""
    source = phone_photo(minimal_site.content / "images" / "articles" / "river-patrol.jpg")
    phone_photo(minimal_site.content / "images" / "pages" / "unused.jpg", size=(800, 600), orientation=1)
    for lang, title, alt in (("th", "ลาดตระเวน", "เรือลาดตระเวนบนแม่น้ำโขง"), ("en", "Patrol", "A patrol boat")):
        minimal_site.article("patrol", lang, title, body=(
            f"Intro.\n\n![{alt}]({{static}}/images/articles/river-patrol.jpg)\n\nMore text.\n\n"
            f'![{alt} again](../images/articles/river-patrol.jpg "Caption")\n'))
    assert source.stat().st_size > 1_000_000
    return minimal_site


def test_no_published_image_keeps_location_or_camera_data(photo_site):
    site = photo_site.build()
    published = [path for path in site.root.rglob("*") if path.suffix.lower() in RASTER]
    # The original, the unused photo, and every derivative of the shown one.
    assert len(published) >= 2 + 8
    for path in published:
        assert metadata_of(path) == ({}, {}, set()), path


def test_derivatives_have_the_promised_widths_and_formats_and_are_upright(photo_site):
    site = photo_site.build()
    folder = site.root / "images" / "articles"
    derivatives = sorted(path.name for path in folder.iterdir() if path.name != "river-patrol.jpg")
    found = {(int(re.search(r"-(\d+)\.", name)[1]), name.rsplit(".", 1)[1]) for name in derivatives}
    assert found == {(width, fmt) for width in (480, 720, 960, 1440) for fmt in ("webp", "jpg")}
    for name in derivatives:
        with Image.open(folder / name) as image:
            width = int(re.search(r"-(\d+)\.", name)[1])
            # The phone held the camera upright: 3024 x 4032 after applying the EXIF orientation.
            assert image.size == (width, round(4032 * width / 3024))
            assert image.format == {"webp": "WEBP", "jpg": "JPEG"}[name.rsplit(".", 1)[1]]
            # The red mark, top-left in the sensor's frame, is top-right once turned upright.
            corner = (image.width // 10, image.width // 10)
            top_left = ImageStat.Stat(image.convert("RGB").crop((0, 0, *corner))).mean
            top_right = ImageStat.Stat(image.convert("RGB").crop((image.width - corner[0], 0, image.width,
                                                                  corner[1]))).mean
            assert top_right[0] > 200 and top_right[1] < 40
            assert top_left[0] < 180
    # A 1.5 MB+ phone photo becomes page images of sensible weight.
    assert (folder / next(n for n in derivatives if n.endswith("-960.webp"))).stat().st_size < 150_000
    with Image.open(folder / "river-patrol.jpg") as original:
        assert original.size == (3024, 4032)


def test_article_markup_is_responsive_and_accessible(photo_site):
    site = photo_site.build()
    for page, alt in ((site.soup("articles/patrol.html"), "เรือลาดตระเวนบนแม่น้ำโขง"),
                      (site.soup("en/articles/patrol.html"), "A patrol boat")):
        pictures = page.select("article picture")
        assert len(pictures) == 2
        for index, picture in enumerate(pictures):
            source, img = picture.find("source"), picture.find("img")
            assert source["type"] == "image/webp"
            assert img["alt"].startswith(alt)
            assert (img["width"], img["height"]) == ("960", "1280")
            assert img["sizes"] == source["sizes"] and "42rem" in img["sizes"]
            for srcset, suffix in ((source["srcset"], ".webp"), (img["srcset"], ".jpg")):
                candidates = [item.split() for item in srcset.split(", ")]
                assert [width for _url, width in candidates] == ["480w", "720w", "960w", "1440w"]
                for url, _width in candidates:
                    # Published once, by the main site, for every language.
                    assert url.startswith("/images/articles/river-patrol.") and url.endswith(suffix)
                    assert (site.root / url.lstrip("/")).is_file()
            assert (site.root / img["src"].lstrip("/")).is_file()
            # The first image may be on screen at once; the ones below are loaded when scrolled to.
            assert img.get("loading") == (None if index == 0 else "lazy")
        assert pictures[1].find("img")["title"] == "Caption"


def test_derivatives_are_cached_between_builds(photo_site, capfd):
    photo_site.build("--verbose")
    first = capfd.readouterr()
    assert "photos: 8 derivatives encoded, 0 from the cache" in first.out + first.err
    photo_site.build("--verbose")
    second = capfd.readouterr()
    assert "photos: 0 derivatives encoded, 8 from the cache" in second.out + second.err


def test_a_replaced_photo_gets_new_addresses(photo_site):
    """Browsers cache images for long: a new photo under the same name must not show the old one."""
    before = {img["src"] for img in photo_site.build().soup("en/articles/patrol.html").select("picture img")}
    phone_photo(photo_site.content / "images" / "articles" / "river-patrol.jpg", size=(3000, 2000), orientation=1)
    page = photo_site.build().soup("en/articles/patrol.html")
    after = {img["src"] for img in page.select("picture img")}
    assert before.isdisjoint(after)
    assert page.select_one("picture img")["height"] == "640"


def test_small_and_transparent_images(minimal_site):
    """An image narrower than the smallest width is not enlarged; a PNG with transparency stays PNG."""
    logo = Image.new("RGBA", (300, 120), (0, 0, 0, 0))
    logo.paste((0, 80, 160, 255), (20, 20, 280, 100))
    (minimal_site.content / "images").mkdir()
    logo.save(minimal_site.content / "images" / "partner-logo.png")
    for lang in ("th", "en"):
        minimal_site.article("partners", lang, "Partners", body="![Partner logo]({static}/images/partner-logo.png)")
    site = minimal_site.build()
    img = site.soup("en/articles/partners.html").select_one("picture img")
    assert (img["width"], img["height"]) == ("300", "120")
    assert img["srcset"].endswith(".png 300w") and ", " not in img["srcset"]
    with Image.open(site.root / img["src"].lstrip("/")) as derivative:
        assert derivative.mode == "RGBA" and derivative.getpixel((0, 0))[3] == 0


def test_drawings_are_published_as_they_are_with_their_size(minimal_site):
    """An SVG or GIF is published, and its `<img>` says its size: the text below no longer jumps when it arrives."""
    folder = minimal_site.content / "images" / "articles"
    folder.mkdir(parents=True)
    (folder / "scene.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 360">'
                                      '<rect width="640" height="360" fill="#e8f1f5"/></svg>\n', encoding="utf-8")
    (folder / "badge.svg").write_text('<?xml version="1.0"?>\n<svg width="120px" height="80" viewBox="0 0 12 8" '
                                      'xmlns="http://www.w3.org/2000/svg"><circle cx="6" cy="4" r="3"/></svg>\n',
                                      encoding="utf-8")
    Image.new("P", (200, 50)).save(folder / "signal.gif")
    body = "\n\n".join(f"![A {name}]({{static}}/images/articles/{name})" for name in ("scene.svg", "badge.svg",
                                                                                     "signal.gif"))
    for lang in ("th", "en"):
        minimal_site.article("drawings", lang, "Drawings", body=body)
    site = minimal_site.build()
    images = {img["src"].rsplit("/", 1)[-1]: img for img in site.soup("en/articles/drawings.html").select("main img")}
    assert {name: (img.get("width"), img.get("height")) for name, img in images.items()} == {
        "scene.svg": ("640", "360"), "badge.svg": ("120", "80"), "signal.gif": ("200", "50")}
    for name, img in images.items():
        assert img["alt"] == f"A {name}"
        published = site.root / img["src"].lstrip("/")
        if name.endswith(".svg"):
            assert published.read_bytes() == (folder / name).read_bytes()
        else:  # a GIF loses its metadata, not its pixels
            with Image.open(published) as drawing:
                assert drawing.size == (200, 50)


def moving_frames(mode: str = "RGB") -> list[Image.Image]:
    """Four frames of a square moving across: an animation whose frames all differ."""
    frames = []
    for step in range(4):
        frame = Image.new(mode, (48, 48), "white")
        frame.paste((200, 0, 0), (step * 10, step * 10, step * 10 + 12, step * 10 + 12))
        frames.append(frame)
    return frames


def played(path) -> list[tuple[bytes, float]]:
    """Each frame of an animation as it plays: its pixels and how long it shows."""
    shown = []
    with Image.open(path) as image:
        for frame in range(getattr(image, "n_frames", 1)):
            image.seek(frame)
            image.load()
            shown.append((image.convert("RGB").tobytes(), float(image.info.get("duration", 0))))
    return shown


def test_animations_play_as_staff_made_them_without_what_they_say_about_their_maker(minimal_site):
    """An animation is published as it plays, without its comment or its author's name.

    A plain animated GIF stopped the build (Pillow's frame data read as metadata); one with a comment, or an
    animated PNG with its author's name, became its first frame (with a warning, which stopped the build too).
    """
    folder = minimal_site.content / "images" / "articles"
    folder.mkdir(parents=True)
    frames = moving_frames()
    frames[0].save(folder / "plain.gif", save_all=True, append_images=frames[1:], duration=[100, 200, 100, 300],
                   loop=0)
    frames[0].save(folder / "signed.gif", save_all=True, append_images=frames[1:], duration=[100, 200, 100, 300],
                   loop=0, comment=b"Patrol at 17.87N 102.74E, phone of Somchai")
    author = PngImagePlugin.PngInfo()
    author.add_text("Author", "Somchai")
    frames = moving_frames("RGBA")
    frames[0].save(folder / "signed.png", save_all=True, append_images=frames[1:], duration=150, loop=0,
                   pnginfo=author)
    # Blocks Pillow does not report: an IPTC block before the loop's, a comment before the second frame.
    plain = (folder / "plain.gif").read_bytes()
    loop = plain.index(b"\x21\xff\x0bNETSCAPE2.0")
    second_frame = plain.index(b"\x21\xf9\x04", plain.index(b"\x21\xf9\x04") + 1)
    said = b"Photographer: Somchai, 17.87N 102.74E"
    (folder / "iptc.gif").write_bytes(plain[:loop] + b"\x21\xff\x0bMGKIPTC0000" + bytes([len(said)]) + said + b"\0"
                                      + plain[loop:])
    (folder / "commented.gif").write_bytes(plain[:second_frame] + b"\x21\xfe" + bytes([len(said)]) + said + b"\0"
                                           + plain[second_frame:])
    body = "\n\n".join(f"![A {name}]({{static}}/images/articles/{name})" for name in ("plain.gif", "signed.gif"))
    for lang in ("th", "en"):
        minimal_site.article("animations", lang, "Animations", body=body)
    site = minimal_site.build()
    published = site.root / "images" / "articles"
    assert (published / "plain.gif").read_bytes() == (folder / "plain.gif").read_bytes()
    for name in ("signed.gif", "signed.png", "iptc.gif", "commented.gif"):
        assert played(published / name) == played(folder / name) and len(played(folder / name)) == 4, name
        assert b"Somchai" not in (published / name).read_bytes(), name


def test_a_photo_whose_copy_stopped_half_way_is_named_by_the_check(minimal_site, capsys):
    """Its structure is whole, its data cut short: make check passed it, then the build failed naming no file."""
    photo = minimal_site.content / "images" / "articles" / "half-copied.jpg"
    phone_photo(photo, size=(800, 600))
    photo.write_bytes(photo.read_bytes()[: photo.stat().st_size // 2])
    errors = tasks.check_content(str(minimal_site.settings_file), content=str(minimal_site.content), report=True)
    named = [line for line in capsys.readouterr().out.splitlines() if "half-copied.jpg" in line]
    assert errors and named and "cannot be read as an image" in named[0] and "export it again" in named[0], named


def test_a_shared_article_previews_its_first_photo(photo_site):
    """Link previews show the article's first photo, in a format every preview reads, with its alt text."""
    site = photo_site.build()
    for page, alt in (("articles/patrol.html", "เรือลาดตระเวนบนแม่น้ำโขง"), ("en/articles/patrol.html", "A patrol boat")):
        soup = site.soup(page)
        preview = {tag["property"]: tag["content"] for tag in soup.find_all("meta", property=True)}
        assert preview["og:image"].startswith("http://localhost:8000/images/articles/river-patrol."), page
        with Image.open(site.root / preview["og:image"].removeprefix("http://localhost:8000/")) as image:
            assert image.format == "JPEG" and preview["og:image:type"] == "image/jpeg"
            assert (int(preview["og:image:width"]), int(preview["og:image:height"])) == image.size == (1440, 1920)
        assert preview["og:image:alt"] == alt
        assert soup.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
    about = site.soup("en/about.html")  # no photo: the language's card
    assert about.find("meta", property="og:image")["content"] == "http://localhost:8000/theme/images/share-card-en.png"


def test_a_cache_made_by_other_code_is_never_published(photo_site, capfd):
    """After a change to the photos code or Pillow, a warm build publishes what a cold one would, not old files."""
    first = photo_site.build("--verbose")
    capfd.readouterr()
    published = {path: path.read_bytes() for path in first.root.rglob("*") if path.suffix.lower() in RASTER}
    current = as_if_made_by_older_code(photo_site.root / "cache" / "photos")
    second = photo_site.build("--verbose")
    printed = "".join(capfd.readouterr())
    assert "photos: 8 derivatives encoded, 0 from the cache" in printed
    assert {path: path.read_bytes() for path in second.root.rglob("*") if path.suffix.lower() in RASTER} == published
    assert [folder.name for folder in (photo_site.root / "cache" / "photos").iterdir()] == [current]


def test_make_check_warns_about_a_located_photo_and_strip_photos_removes_its_metadata(minimal_site, capsys):
    """The site never publishes the GPS position, but the repository keeps the files staff commit."""
    photo = phone_photo(minimal_site.content / "images" / "articles" / "patrol.jpg", size=(800, 600))
    clean = minimal_site.content / "images" / "articles" / "drawn.png"
    Image.new("RGB", (64, 48), "teal").save(clean)
    settings = str(minimal_site.settings_file)
    tasks.check_content(settings, content=str(minimal_site.content), report=True)
    warned = [line for line in capsys.readouterr().out.splitlines() if "GPS" in line]
    assert len(warned) == 1 and warned[0].endswith(
        "patrol.jpg:1: warning: this photo records where it was taken (its GPS position). The site publishes it "
        "without, but the file in the repository keeps it: run `make strip-photos` before you commit it (on "
        "GitHub's website: delete the file, remove the location on the phone, iPhone: Share, Options, Location "
        "off; Google Photos: Info, Edit, Remove location, and upload it again). A copy committed stays in the "
        "repository's history: if the place must stay private, tell the site's maintainer")
    untouched = clean.read_bytes()

    tasks.strip_photos(Context(), settings=settings)
    assert metadata_of(photo) == ({}, {}, set()) and clean.read_bytes() == untouched
    with Image.open(photo) as image:
        assert image.size == (600, 800), "turned upright, as it is shown"
    tasks.check_content(settings, content=str(minimal_site.content), report=True)
    assert "GPS" not in capsys.readouterr().out


def test_a_photo_named_in_thai_is_previewed_from_a_percent_encoded_address(minimal_site):
    """The link preview's image address held Thai letters as they are, which some preview crawlers do not fetch."""
    phone_photo(minimal_site.content / "images" / "articles" / "ประชุม.jpg", size=(1600, 1200), orientation=1)
    for lang in ("th", "en"):
        minimal_site.article("meeting", lang, "Meeting",
                             body="![Officials at the table]({static}/images/articles/ประชุม.jpg)\n")
    site = minimal_site.build()
    address = site.soup("en/articles/meeting.html").find("meta", property="og:image")["content"]
    assert address.isascii() and "%E0%B8%9B" in address, address  # ป
    assert (site.root / unquote(address).removeprefix("http://localhost:8000/")).is_file()


def test_a_common_phone_loads_the_720_pixel_photo_not_the_960(photo_site, browser):
    """360 CSS pixels at twice the density need 656 pixels: with no 720 derivative the phone took the 960 one."""
    from webserver import Nginx

    site = photo_site.build()
    with Nginx(site.root) as nginx:
        context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2)
        page = context.new_page()
        page.goto(nginx.url + "/en/articles/patrol.html")
        image = page.locator("main picture img").first
        image.scroll_into_view_if_needed()
        page.wait_for_load_state("networkidle")
        chosen = image.evaluate("img => img.currentSrc")
        context.close()
    assert re.search(r"-720\.webp$", chosen), chosen


def test_the_check_decodes_a_photo_once_not_at_every_build(minimal_site, monkeypatch):
    """Every build and preview checks every photo: decoding each every time added seconds to a large site."""
    phone_photo(minimal_site.content / "images" / "articles" / "patrol.jpg", size=(800, 600))
    decoded = []
    load = ImageFile.ImageFile.load
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda image: decoded.append(image) or load(image))
    settings = str(minimal_site.settings_file)
    for _build in range(3):
        tasks.check_content(settings, content=str(minimal_site.content))
    assert len(decoded) == 1


def test_a_drafts_photo_has_no_published_sizes_until_the_article_is(minimal_site):
    """A draft's photo was published in all its sizes, at addresses no page linked (the gh-pages branch lists them)."""
    phone_photo(minimal_site.content / "images" / "articles" / "draft-visit.jpg", size=(1600, 1000), orientation=1)
    for lang, title in (("th", "ร่าง"), ("en", "Draft")):
        minimal_site.article("draft-visit", lang, title, extra="Status: draft\n",
                             body="Text.\n\n![Officials at the border]({static}/images/articles/draft-visit.jpg)")
        minimal_site.article("news", lang, title + " news")
    site = minimal_site.build()
    published = sorted(path.name for path in (site.root / "images/articles").iterdir())
    assert published == ["draft-visit.jpg"], "the original only, without its metadata"
    assert metadata_of(site.root / "images/articles/draft-visit.jpg")[1] == {}
