"""Video episodes: links from an allowlist of hosts, embedded only on a click.

An answer stores the link a columnist pasted. ``parse_video`` accepts YouTube and
Vimeo links only and returns what the page needs to show a click-to-load player:
nothing contacts the video host until the visitor asks for the video.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
ALLOWED_HOSTS = YOUTUBE_HOSTS | VIMEO_HOSTS
YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
VIMEO_ID = re.compile(r"^[0-9]{1,12}$")


class InvalidVideo(ValueError):
    """Not a link to a video on an allowed host; ``str()`` says why."""


@dataclass(frozen=True)
class VideoEmbed:
    provider: str  # "YouTube" or "Vimeo"
    video_id: str
    start_seconds: int | None

    @property
    def embed_url(self) -> str:
        """The player to load after the click (privacy-enhanced for YouTube)."""
        if self.provider == "YouTube":
            url = f"https://www.youtube-nocookie.com/embed/{self.video_id}?autoplay=1"
            return url + (f"&start={self.start_seconds}" if self.start_seconds else "")
        url = f"https://player.vimeo.com/video/{self.video_id}?autoplay=1&dnt=1"
        return url + (f"#t={self.start_seconds}s" if self.start_seconds else "")

    @property
    def watch_url(self) -> str:
        """A plain link to the video on its host, for those who prefer it."""
        if self.provider == "YouTube":
            url = f"https://www.youtube.com/watch?v={self.video_id}"
            return url + (f"&t={self.start_seconds}s" if self.start_seconds else "")
        url = f"https://vimeo.com/{self.video_id}"
        return url + (f"#t={self.start_seconds}s" if self.start_seconds else "")


def parse_video(url: str, start_seconds: int | None = None) -> VideoEmbed:
    """The embed for a YouTube or Vimeo link, or ``InvalidVideo``."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if parts.scheme not in {"http", "https"} or host not in ALLOWED_HOSTS:
        raise InvalidVideo("Video episodes must be YouTube or Vimeo links.")
    if host in YOUTUBE_HOSTS:
        segments = [s for s in parts.path.split("/") if s]
        if host == "youtu.be":
            video_id = segments[0] if segments else ""
        elif segments[:1] in (["embed"], ["shorts"], ["live"]):
            video_id = segments[1] if len(segments) > 1 else ""
        else:
            video_id = parse_qs(parts.query).get("v", [""])[0]
        if not YOUTUBE_ID.match(video_id):
            raise InvalidVideo("That YouTube link doesn't name a video.")
        return VideoEmbed("YouTube", video_id, start_seconds or None)
    segments = [s for s in parts.path.split("/") if s]
    video_id = segments[-1] if segments else ""
    if not VIMEO_ID.match(video_id):
        raise InvalidVideo("That Vimeo link doesn't name a video.")
    return VideoEmbed("Vimeo", video_id, start_seconds or None)
