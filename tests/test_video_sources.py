"""Every form of video address staff may paste, and the ones that must be refused."""

from __future__ import annotations

import pytest

from media.video_sources import VideoUrlError, parse_video_url

ID = "dQw4w9WgXcQ"

ACCEPTED = [
    # YouTube
    (f"https://www.youtube.com/watch?v={ID}", "youtube", ID, 0),
    (f"https://youtube.com/watch?v={ID}&t=90", "youtube", ID, 90),
    (f"https://www.youtube.com/watch?v={ID}&t=1m30s", "youtube", ID, 90),
    (f"https://www.youtube.com/watch?feature=share&v={ID}&list=PL123", "youtube", ID, 0),
    (f"https://m.youtube.com/watch?v={ID}&t=1h2m3s", "youtube", ID, 3723),
    (f"http://www.youtube.com/watch?v={ID}", "youtube", ID, 0),
    (f"www.youtube.com/watch?v={ID}", "youtube", ID, 0),
    (f"https://youtu.be/{ID}", "youtube", ID, 0),
    (f"https://youtu.be/{ID}?t=42", "youtube", ID, 42),
    (f"https://youtu.be/{ID}?si=AbCdEf123&t=15s", "youtube", ID, 15),
    (f"https://www.youtube.com/shorts/{ID}", "youtube", ID, 0),
    (f"https://www.youtube.com/embed/{ID}?start=30", "youtube", ID, 30),
    (f"https://www.youtube-nocookie.com/embed/{ID}", "youtube", ID, 0),
    (f"https://www.youtube.com/live/{ID}?feature=share", "youtube", ID, 0),
    (f"  https://youtu.be/{ID}  ", "youtube", ID, 0),
    # What comes with an address copied from a chat, a document or a page's source
    (f"https://youtu.be/{ID}\u200b", "youtube", ID, 0),
    (f"\u201chttps://youtu.be/{ID}\u201d", "youtube", ID, 0),
    (f"https://youtu.be/{ID}.", "youtube", ID, 0),
    (f"https://www.youtube.com/watch?v={ID}&amp;t=10", "youtube", ID, 10),
    # Vimeo
    ("https://vimeo.com/76979871", "vimeo", "76979871", 0),
    ("https://vimeo.com/76979871#t=45s", "vimeo", "76979871", 45),
    ("https://vimeo.com/channels/staffpicks/76979871", "vimeo", "76979871", 0),
    ("https://player.vimeo.com/video/76979871?h=abc123def4", "vimeo", "76979871", 0),
    ("https://vimeo.com/76979871/abc123def4", "vimeo", "76979871", 0),
    ("https://vimeo.com/showcase/1234567/video/76979871", "vimeo", "76979871", 0),
    ("https://vimeo.com/album/1234567/video/76979871", "vimeo", "76979871", 0),
    # Facebook
    ("https://www.facebook.com/DOPA.Thailand/videos/1234567890123456/", "facebook",
     "https://www.facebook.com/watch/?v=1234567890123456", 0),
    ("https://www.facebook.com/DOPA.Thailand/videos/some-title/1234567890123456/", "facebook",
     "https://www.facebook.com/watch/?v=1234567890123456", 0),
    ("https://www.facebook.com/watch/?v=1234567890123456", "facebook",
     "https://www.facebook.com/watch/?v=1234567890123456", 0),
    ("https://m.facebook.com/watch?v=1234567890123456&t=20", "facebook",
     "https://www.facebook.com/watch/?v=1234567890123456", 20),
    ("https://www.facebook.com/video.php?v=1234567890123456", "facebook",
     "https://www.facebook.com/watch/?v=1234567890123456", 0),
    ("https://www.facebook.com/reel/1234567890123456", "facebook", "https://www.facebook.com/reel/1234567890123456", 0),
    ("https://fb.watch/aBc-12_XyZ/", "facebook", "https://fb.watch/aBc-12_XyZ/", 0),
    ("fb.watch/aBc12XyZ", "facebook", "https://fb.watch/aBc12XyZ/", 0),
    # Files we host
    ("videos/how-to-report.mp4", "file", "videos/how-to-report.mp4", 0),
    ("{static}/videos/how-to-report.webm", "file", "videos/how-to-report.webm", 0),
    ("/videos/how-to-report.MP4", "file", "videos/how-to-report.MP4", 0),
]


@pytest.mark.parametrize("url, provider, video_id, start", ACCEPTED, ids=[case[0] for case in ACCEPTED])
def test_accepted_forms(url, provider, video_id, start):
    source = parse_video_url(url)
    assert (source.provider, source.video_id, source.start) == (provider, video_id, start)


REJECTED = [
    ("https://www.youtube.com/watch?v=short", "without a valid video id"),
    ("https://www.youtube.com/watch", "without a valid video id"),
    ("https://www.youtube.com/playlist?list=PL590L5WQmH8fJ54F369BLDSqIwcs-TCfs", "playlist"),
    ("https://www.youtube.com/embed/videoseries?list=PL590L5WQmH8fJ54F369BLDSqIwcs-TCfs", "playlist"),
    ("https://vimeo.com/showcase/1234567", "Vimeo showcase"),
    ("https://player.vimeo.com/video/76979871?h=1%26dnt%3D0", "key (after `h=`) should be letters a-f"),
    ("https://www.facebook.com/share/v/1AbCdEfGh2/", "share link, which hides the video's own address"),
    ("https://www.facebook.com/share/r/1AbCdEfGh2/", "open it in a browser and paste the address it leads to"),
    (f"https://www.youtube.com/watch?v={ID}&t=soon", "start time `soon`"),
    ("https://vimeo.com/about", "without a video number"),
    ("https://www.facebook.com/DOPA.Thailand/", "not of a video"),
    ("https://www.facebook.com/DOPA.Thailand/posts/1234567890", "not of a video"),
    ("https://fb.watch/", "not a complete fb.watch link"),
    ("https://www.tiktok.com/@dopa/video/1234567890", "not from a supported video provider"),
    ("https://www.dailymotion.com/video/x7tgad0", "not from a supported video provider"),
    ("ftp://example.org/video.mp4", "not a web address"),
    ("videos/how-to-report.docx", "neither a video address nor an MP4 or WebM file"),
    ("{static}/videos/IMG_0042.MOV", "`{static}/videos/IMG_0042.MOV` is a QuickTime (iPhone) video, which many "
                                     "browsers cannot play: convert it to MP4 (H.264)"),
    ("videos/launch.avi", "is an AVI video, which many browsers cannot play"),
    ("Youtube video of the launch", "neither a video address"),
    ("", "no video address given"),
    (f"<https://youtu.be/{ID}>", "remove the `<` and `>` around the address: write "
                                 f"{{% video https://youtu.be/{ID} %}}"),
]


@pytest.mark.parametrize("url, message", REJECTED, ids=[case[0] or "empty" for case in REJECTED])
def test_rejected_forms_say_what_is_accepted(url, message):
    with pytest.raises(VideoUrlError) as error:
        parse_video_url(url)
    assert message in str(error.value)
    if not any(words in message for words in ("start time", "playlist", "showcase", "share link", "open it",
                                              "after `h=`", "remove the `<`", "video, which many browsers")):
        assert "youtu.be/VIDEO_ID" in str(error.value) and "fb.watch/CODE/" in str(error.value)


def test_players_load_from_privacy_enhanced_addresses_with_the_start_time():
    youtube = parse_video_url(f"https://youtu.be/{ID}?t=42")
    assert youtube.embed_url == f"https://www.youtube-nocookie.com/embed/{ID}?autoplay=1&start=42"
    assert youtube.watch_url == f"https://www.youtube.com/watch?v={ID}&t=42s"
    vimeo = parse_video_url("https://vimeo.com/76979871/abc123def4#t=5s")
    assert vimeo.embed_url == "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1&h=abc123def4#t=5s"
    facebook = parse_video_url("https://fb.watch/aBc12XyZ/?t=7")
    assert facebook.embed_url.startswith("https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Ffb.watch")
    assert facebook.embed_url.endswith("&t=7")
    assert parse_video_url("videos/x.webm").mime_type == "video/webm"
