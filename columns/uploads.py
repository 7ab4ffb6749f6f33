"""Images that columnists put in answers: checked, re-encoded, stored anonymously.

An upload is judged by its bytes, never by its name or declared type: Pillow must
recognise it as JPEG, PNG or WebP, within the size and pixel limits
(``ADVICE_UPLOAD_MAX_BYTES``, ``ADVICE_UPLOAD_MAX_PIXELS``), fully decodable, with
no web-page markup inside and nothing after the image's end. Everything else (SVG,
GIF, HTML, polyglots that are an image and something else, truncated files) is
refused with a message for the columnist.

What is stored is never the uploaded file: the decoded pixels are encoded afresh,
which drops EXIF (camera, GPS position), XMP and comments, and anything smuggled
alongside. Files get a random name, so neither the original name nor the order of
uploads shows in the public URL.
"""

import re
import secrets
from io import BytesIO

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED = "JPEG, PNG or WebP"
# Pillow's name for a format -> (format to save as, file extension).
FORMATS = {
    "JPEG": ("JPEG", "jpg"),
    "MPO": ("JPEG", "jpg"),  # phone cameras' multi-picture JPEG: the first picture
    "PNG": ("PNG", "png"),
    "WEBP": ("WEBP", "webp"),
}
# Large photos are scaled down to this many pixels on their longer side.
MAX_SIDE = 2400
FOLDER = "answers"

# Markup a browser or a careless download could treat as a page. Long enough that
# compressed pixel data practically never contains it by chance.
_MARKUP = re.compile(
    rb"<(?:script|html|body|iframe|object|embed|svg[\s>/]|!doctype|\?php)",
    re.IGNORECASE,
)
_PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"


class ImageRefused(ValueError):
    """The upload is not an acceptable image; ``str()`` says why, for the user."""


def store_image(upload: UploadedFile) -> str:
    """Check ``upload``, re-encode it and store it; the public URL of the result."""
    encoded, extension = clean_image(upload)
    name = default_storage.save(
        f"{FOLDER}/{secrets.token_hex(16)}.{extension}", ContentFile(encoded)
    )
    return default_storage.url(name)


def clean_image(upload: UploadedFile) -> tuple[bytes, str]:
    """The re-encoded image and its extension, or ``ImageRefused``."""
    limit = settings.ADVICE_UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise ImageRefused(
            f"The image is {_megabytes(upload.size)}; the limit is {_megabytes(limit)}."
        )
    data = upload.read()
    image = _open(data)
    _check_bytes(data, image.format)
    return _encode(image), FORMATS[image.format][1]


def _open(data: bytes) -> Image.Image:
    try:
        image = Image.open(BytesIO(data))
    except (UnidentifiedImageError, Image.DecompressionBombError) as error:
        raise ImageRefused(
            f"This file isn't a {ACCEPTED} image. SVG, GIF, web pages and other "
            "files can't be uploaded."
        ) from error
    if image.format not in FORMATS:
        raise ImageRefused(f"{image.format} images can't be uploaded: use {ACCEPTED}.")
    width, height = image.size
    pixels = settings.ADVICE_UPLOAD_MAX_PIXELS
    if width * height > pixels:
        raise ImageRefused(
            f"The image is {width:,} × {height:,} pixels; the limit is {pixels:,} "
            "pixels in all. Scale it down and try again."
        )
    try:
        image.load()
    except (OSError, SyntaxError, ValueError) as error:
        raise ImageRefused(
            "The image is damaged or incomplete. Export it again and retry."
        ) from error
    return image


def _check_bytes(data: bytes, image_format: str) -> None:
    """Refuse files that are an image and something else at once."""
    if _MARKUP.search(data):
        raise ImageRefused(
            "The file contains web-page code as well as an image, so it was refused."
        )
    trailing = {
        "JPEG": not data.rstrip(b"\x00").endswith(b"\xff\xd9"),
        "PNG": not data.endswith(_PNG_END),
        "WEBP": int.from_bytes(data[4:8], "little") + 8
        not in {len(data) - 1, len(data)},
    }.get(image_format, False)
    if trailing:
        raise ImageRefused(
            "The file has extra data after the image (a disguised file, or a "
            "“motion photo”). Export it as a plain image and try again."
        )


def _encode(image: Image.Image) -> bytes:
    save_as = FORMATS[image.format][0]
    icc_profile = image.info.get("icc_profile")
    # Turn by the EXIF orientation first: the EXIF itself is dropped below.
    image = ImageOps.exif_transpose(image)
    has_alpha = image.mode in {"RGBA", "LA", "PA"} or "transparency" in image.info
    if save_as == "JPEG":
        mode = "L" if image.mode == "L" else "RGB"
    else:
        mode = "RGBA" if has_alpha else ("L" if image.mode == "L" else "RGB")
    # A colour profile describes the original mode's colours: keep it only if the
    # mode stays (it is not personal data, and dropping it would shift colours).
    keep_profile = icc_profile if image.mode == mode else None
    clean = image.convert(mode)
    clean.thumbnail((MAX_SIDE, MAX_SIDE))
    # Only what we pass below is written: no EXIF, XMP, comments or text chunks.
    clean.info = {}
    options: dict = {"icc_profile": keep_profile} if keep_profile else {}
    if save_as in {"JPEG", "WEBP"}:
        options["quality"] = 85
    out = BytesIO()
    clean.save(out, save_as, **options)
    return out.getvalue()


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"
