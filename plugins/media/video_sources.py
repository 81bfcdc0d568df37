"""Turn whatever video address staff paste into a known provider, video id and start time.

Accepted: YouTube (watch?v=, youtu.be/, /shorts/, /embed/, /live/, with t= or start=), Vimeo (public,
unlisted with their hash, channels, groups, player URLs, #t=), Facebook (page video URLs, watch/?v=,
reels, video.php, fb.watch short links, t=), and video files kept in the repository (MP4, WebM).
Written by hand: the libraries that parse video URLs fetch oEmbed data over the network, which a
private, offline build must not do.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlsplit

from content_guard.content_guard import INVISIBLE

ACCEPTED_FORMS = (
    "https://www.youtube.com/watch?v=VIDEO_ID (optionally &t=90 or &t=1m30s), https://youtu.be/VIDEO_ID, "
    "https://www.youtube.com/shorts/VIDEO_ID, https://www.youtube.com/embed/VIDEO_ID, "
    "https://vimeo.com/123456789, https://player.vimeo.com/video/123456789, "
    "https://www.facebook.com/PAGE/videos/123456789/, https://www.facebook.com/watch/?v=123456789, "
    "https://fb.watch/CODE/, or a file in the repository such as videos/name.mp4 (MP4 or WebM)"
)
YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
YOUTUBE_HOSTS = {"youtube.com", "m.youtube.com", "music.youtube.com", "youtube-nocookie.com"}
FACEBOOK_HOSTS = {"facebook.com", "m.facebook.com", "web.facebook.com", "mbasic.facebook.com"}
# What a writer with a phone or an office computer converts a video with.
VIDEO_TOOLS = "a phone's editor, Windows' Clipchamp or the free HandBrake"
VIDEO_FILE_TYPES = {".mp4": "video/mp4", ".m4v": "video/mp4", ".webm": "video/webm"}
# Video files as phones, cameras and older software save them, which browsers play badly or not at all.
OTHER_VIDEO_FILES = {".mov": "a QuickTime (iPhone)", ".3gp": "a 3GP (older phone)", ".avi": "an AVI",
                     ".wmv": "a Windows Media", ".mkv": "a Matroska", ".flv": "a Flash", ".mpg": "an MPEG",
                     ".mpeg": "an MPEG", ".mts": "an AVCHD (camera)"}
TIME = re.compile(r"^(?:(?P<h>\d+)h)?(?:(?P<m>\d+)m)?(?:(?P<s>\d+)s?)?$")
# What comes with an address copied from a message or a document, and is not part of it: quotes around it,
# and invisible characters (INVISIBLE: zero-width spaces, soft hyphens, a byte-order mark).
WRAPPERS = "\"'\u201c\u201d\u2018\u2019"


class VideoUrlError(ValueError):
    """The address is not a video this site can embed; the message says which forms are accepted."""


@dataclass(frozen=True)
class VideoSource:
    """Where a video comes from, normalised."""

    provider: str  # "youtube", "vimeo", "facebook" or "file"
    video_id: str  # the provider's id, a Facebook address, or the file's path in content/
    start: int = 0  # seconds
    unlisted_hash: str = ""  # Vimeo's private-link hash

    @property
    def hosted(self) -> bool:
        """Whether the file is published by this site."""
        return self.provider == "file"

    @property
    def provider_name(self) -> str:
        """The provider's name, as readers know it."""
        return {"youtube": "YouTube", "vimeo": "Vimeo", "facebook": "Facebook", "file": ""}[self.provider]

    @property
    def mime_type(self) -> str:
        """The media type of a hosted file."""
        return VIDEO_FILE_TYPES.get(re.sub(r"^.*(\.[^.]+)$", r"\1", self.video_id.lower()), "")

    @property
    def embed_url(self) -> str:
        """The player's address, loaded only when the reader presses play (YouTube's no-cookie domain)."""
        if self.provider == "youtube":
            start = f"&start={self.start}" if self.start else ""
            return f"https://www.youtube-nocookie.com/embed/{self.video_id}?autoplay=1{start}"
        if self.provider == "vimeo":
            private = f"&h={self.unlisted_hash}" if self.unlisted_hash else ""
            start = f"#t={self.start}s" if self.start else ""
            return f"https://player.vimeo.com/video/{self.video_id}?autoplay=1&dnt=1{private}{start}"
        if self.provider == "facebook":
            start = f"&t={self.start}" if self.start else ""
            return (f"https://www.facebook.com/plugins/video.php?href={quote(self.video_id, safe='')}"
                    f"&show_text=false&autoplay=true{start}")
        return ""

    @property
    def watch_url(self) -> str:
        """The video's own page on the provider's site, for readers without JavaScript."""
        if self.provider == "youtube":
            return f"https://www.youtube.com/watch?v={self.video_id}" + (f"&t={self.start}s" if self.start else "")
        if self.provider == "vimeo":
            private = f"/{self.unlisted_hash}" if self.unlisted_hash else ""
            return f"https://vimeo.com/{self.video_id}{private}" + (f"#t={self.start}s" if self.start else "")
        if self.provider == "facebook":
            return self.video_id
        return ""


def parse_time(value: str) -> int:
    """Read a start time: `90`, `90s`, `1m30s`, `1h2m3s`."""
    match = TIME.match(value.strip())
    if not value.strip() or not match:
        raise VideoUrlError(f"the start time `{value}` is not a number of seconds (`90`) or a time like `1m30s`")
    return int(match["h"] or 0) * 3600 + int(match["m"] or 0) * 60 + int(match["s"] or 0)


def parse_video_url(url: str) -> VideoSource:
    """Recognise a video address; raise VideoUrlError naming the accepted forms if it is not one.

    What comes with an address copied from elsewhere is left out first: invisible characters, quotes around
    it, `&amp;` for `&` (copied from a page's source), a full stop after it. Angle brackets are refused with
    their fix: in Markdown they make a link, which the tag cannot read.
    """
    text = html.unescape(INVISIBLE.sub("", url)).strip().strip(WRAPPERS).rstrip(".,;").strip()
    if text.startswith("<") and text.endswith(">"):
        raise VideoUrlError(f"remove the `<` and `>` around the address: write {{% video {text[1:-1]} %}}")
    if not text:
        raise VideoUrlError(f"no video address given. Accepted: {ACCEPTED_FORMS}")
    local = re.sub(r"^(\{static\})?/?", "", text)
    if "://" not in text and not re.match(r"^(www\.|m\.)?[a-z-]+\.(com|be|watch)/", text):
        suffix = re.sub(r"^.*(\.[^./]+)$", r"\1", local.lower())
        if suffix in VIDEO_FILE_TYPES:
            return VideoSource("file", local)
        if suffix in OTHER_VIDEO_FILES:
            raise VideoUrlError(
                f"`{url}` is {OTHER_VIDEO_FILES[suffix]} video, which many browsers cannot play: convert it to MP4 "
                f"(H.264), for example with {VIDEO_TOOLS}, and link the .mp4 file; or put it on YouTube and link it "
                "there")
        raise VideoUrlError(f"`{url}` is neither a video address nor an MP4 or WebM file. Accepted: {ACCEPTED_FORMS}")
    parts = urlsplit(text if "://" in text else "https://" + text)
    if parts.scheme not in ("http", "https"):
        raise VideoUrlError(f"`{url}` is not a web address. Accepted: {ACCEPTED_FORMS}")
    host = parts.netloc.lower().split(":")[0].removeprefix("www.")
    query = parse_qs(parts.query)
    fragment = parse_qs(parts.fragment)
    path = [segment for segment in parts.path.split("/") if segment]

    def start_from(*values: list[str] | None) -> int:
        for value in values:
            if value:
                return parse_time(value[0])
        return 0

    if host in YOUTUBE_HOSTS or host == "youtu.be":
        video_id = ""
        if host == "youtu.be" and path:
            video_id = path[0]
        elif path[:1] == ["watch"]:
            video_id = (query.get("v") or [""])[0]
        elif len(path) >= 2 and path[0] in ("shorts", "embed", "live", "v"):
            video_id = path[1]
        if path[:1] == ["playlist"] or video_id == "videoseries":  # a playlist's page, or its embed code
            raise VideoUrlError(f"`{url}` is a YouTube playlist: paste the address of one video from it")
        if not YOUTUBE_ID.match(video_id):
            raise VideoUrlError(f"`{url}` is a YouTube address without a valid video id (11 characters). "
                                f"Accepted: {ACCEPTED_FORMS}")
        return VideoSource("youtube", video_id, start_from(query.get("start"), query.get("t"), fragment.get("t")))

    if host in ("vimeo.com", "player.vimeo.com"):
        numbers = [index for index, segment in enumerate(path) if segment.isdigit()]
        if not numbers or (host == "player.vimeo.com" and path[:1] != ["video"]):
            raise VideoUrlError(f"`{url}` is a Vimeo address without a video number. Accepted: {ACCEPTED_FORMS}")
        if path[:1] in (["showcase"], ["album"]) and "video" not in path:
            raise VideoUrlError(f"`{url}` is a Vimeo showcase: paste the address of one video from it")
        if "video" in path[:-1] and path[path.index("video") + 1].isdigit():  # player.vimeo.com/video/N,
            index = path.index("video") + 1  # vimeo.com/showcase/SHOWCASE/video/N
        else:
            index = numbers[-1] if path[:1] in (["channels"], ["groups"]) else numbers[0]
        following = path[index + 1] if len(path) > index + 1 else ""
        unlisted = (query.get("h") or [""])[0] or (following if re.fullmatch(r"[0-9a-f]{6,}", following) else "")
        # An unlisted video's key is hexadecimal: anything else (`1&dnt=0`) would change the player's settings.
        if unlisted and not re.fullmatch(r"[0-9a-f]+", unlisted):
            raise VideoUrlError(f"`{url}`: the unlisted video's key (after `h=`) should be letters a-f and digits "
                                "only: copy the address again from Vimeo's Share button")
        return VideoSource("vimeo", path[index], start_from(fragment.get("t"), query.get("t")), unlisted)

    if host in FACEBOOK_HOSTS or host == "fb.watch":
        start = start_from(query.get("t"))
        if host == "fb.watch":
            if len(path) != 1 or not re.fullmatch(r"[A-Za-z0-9_-]+", path[0]):
                raise VideoUrlError(f"`{url}` is not a complete fb.watch link. Accepted: {ACCEPTED_FORMS}")
            return VideoSource("facebook", f"https://fb.watch/{path[0]}/", start)
        if path[:1] == ["share"]:
            raise VideoUrlError(f"`{url}` is a Facebook share link, which hides the video's own address: open it "
                                "in a browser and paste the address it leads to, such as "
                                "https://www.facebook.com/PAGE/videos/123456789/ or https://www.facebook.com/reel/123456789")
        video_number = ""
        if path[:1] == ["watch"] or path[:1] == ["video.php"]:
            video_number = (query.get("v") or [""])[0]
        elif path[:1] == ["reel"] and len(path) >= 2:
            video_number = path[1]
        elif "videos" in path[1:]:
            after = path[path.index("videos", 1) + 1:]
            video_number = next((segment for segment in reversed(after) if segment.isdigit()), "")
        if not video_number.isdigit():
            raise VideoUrlError(f"`{url}` is a Facebook address but not of a video. Accepted: {ACCEPTED_FORMS}")
        if path[:1] == ["reel"]:
            return VideoSource("facebook", f"https://www.facebook.com/reel/{video_number}", start)
        return VideoSource("facebook", f"https://www.facebook.com/watch/?v={video_number}", start)

    raise VideoUrlError(f"`{url}` is not from a supported video provider. Accepted: {ACCEPTED_FORMS}")
