"""Video links: allowlisted hosts only, parsed into a click-to-load embed."""

import pytest

from columns.video import InvalidVideo, parse_video


@pytest.mark.parametrize(
    ("url", "provider", "video_id"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "YouTube", "dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ?t=30", "YouTube", "dQw4w9WgXcQ"),
        ("https://www.youtube.com/embed/dQw4w9WgXcQ", "YouTube", "dQw4w9WgXcQ"),
        ("https://m.youtube.com/watch?v=dQw4w9WgXcQ&list=x", "YouTube", "dQw4w9WgXcQ"),
        ("https://vimeo.com/76979871", "Vimeo", "76979871"),
        ("https://player.vimeo.com/video/76979871", "Vimeo", "76979871"),
    ],
)
def test_youtube_and_vimeo_links_are_accepted(url, provider, video_id):
    video = parse_video(url)
    assert (video.provider, video.video_id) == (provider, video_id)


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example/watch?v=dQw4w9WgXcQ",
        "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
        "javascript:alert(1)//youtube.com",
        "ftp://youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com/watch?v=short",
        'https://www.youtube.com/watch?v=dQw4w9WgXcQ"onload=',
        "https://vimeo.com/channels/staffpicks",
        "",
    ],
)
def test_other_hosts_and_malformed_links_are_refused(url):
    with pytest.raises(InvalidVideo):
        parse_video(url)


def test_the_embed_uses_youtubes_no_cookie_player_and_the_start_time():
    video = parse_video("https://www.youtube.com/watch?v=dQw4w9WgXcQ", 95)
    assert video.embed_url == (
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&start=95"
    )
    assert video.watch_url == "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=95s"


def test_vimeo_embeds_ask_not_to_track():
    video = parse_video("https://vimeo.com/76979871", 10)
    assert (
        video.embed_url
        == "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1#t=10s"
    )
