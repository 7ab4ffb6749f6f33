"""Images in answers: only real JPEG/PNG/WebP within limits, re-encoded, by staff."""

import re
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from columns import uploads

UPLOAD_URL = "/desk/answers/markdownx/upload/"
GPS_IFD = 0x8825


def image_bytes(fmt: str = "JPEG", size=(64, 48), mode="RGB", **save) -> bytes:
    out = BytesIO()
    Image.new(mode, size, (200, 80, 40)[: len(mode)] if mode != "P" else 1).save(
        out, fmt, **save
    )
    return out.getvalue()


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif.get_ifd(GPS_IFD).update(
        {1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)}
    )
    return image_bytes("JPEG", exif=exif, comment=b"taken at home")


def upload_of(data: bytes, name: str = "photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.parametrize(
    ("fmt", "extension"), [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp")]
)
def test_jpeg_png_and_webp_are_re_encoded_under_a_random_name(_media, fmt, extension):
    url = uploads.store_image(upload_of(image_bytes(fmt), name="my holiday.png"))
    assert re.fullmatch(rf"/media/answers/[0-9a-f]{{32}}\.{extension}", url)
    assert "holiday" not in url
    stored = Image.open(_media / url.removeprefix("/media/"))
    assert stored.format == fmt and stored.size == (64, 48)


def test_metadata_such_as_gps_position_is_stripped(_media):
    url = uploads.store_image(upload_of(jpeg_with_gps()))
    stored = Image.open(_media / url.removeprefix("/media/"))
    assert not stored.getexif()
    assert not stored.getexif().get_ifd(GPS_IFD)
    assert "comment" not in stored.info
    assert b"PhoneMaker" not in (_media / url.removeprefix("/media/")).read_bytes()


def test_png_text_chunks_are_dropped_and_transparency_kept(_media):
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Jo Smith, 12 Elm Street")
    data = image_bytes("PNG", mode="RGBA", pnginfo=info)
    url = uploads.store_image(upload_of(data, content_type="image/png"))
    stored = Image.open(_media / url.removeprefix("/media/"))
    assert stored.mode == "RGBA"
    assert "Author" not in stored.info


def test_large_photos_are_scaled_down(_media):
    url = uploads.store_image(upload_of(image_bytes(size=(3000, 1500))))
    stored = Image.open(_media / url.removeprefix("/media/"))
    assert stored.size == (uploads.MAX_SIDE, uploads.MAX_SIDE // 2)


def test_the_declared_type_and_name_are_ignored(_media):
    """A PNG named .jpg and declared as GIF is judged by its bytes."""
    data = image_bytes("PNG")
    url = uploads.store_image(upload_of(data, "x.jpg", "image/gif"))
    assert url.endswith(".png")


SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<script>alert(1)</script></svg>"
)
HTML = b"<!doctype html><html><body><script>alert(1)</script></body></html>"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (SVG, "isn't a JPEG, PNG or WebP image"),
        (HTML, "isn't a JPEG, PNG or WebP image"),
        (b"%PDF-1.7\n...", "isn't a JPEG, PNG or WebP image"),
        (b"", "isn't a JPEG, PNG or WebP image"),
        (image_bytes("GIF", mode="P"), "GIF images can't be uploaded"),
        (image_bytes("BMP"), "BMP images can't be uploaded"),
        (image_bytes("JPEG") + HTML, "web-page code"),
        (image_bytes("PNG") + b"<script>alert(1)</script>", "web-page code"),
        (image_bytes("JPEG") + b"PK\x03\x04zipped", "extra data after the image"),
        (image_bytes("PNG") + b"PK\x03\x04zipped", "extra data after the image"),
        (image_bytes("WEBP") + b"PK\x03\x04zipped", "extra data after the image"),
        (image_bytes("JPEG", size=(400, 400))[:-600], "damaged or incomplete"),
        (image_bytes("PNG", size=(400, 400))[:-300], "damaged or incomplete"),
    ],
    ids=[
        "svg",
        "html",
        "pdf",
        "empty",
        "gif",
        "bmp",
        "jpeg+html",
        "png+script",
        "jpeg+zip",
        "png+zip",
        "webp+zip",
        "truncated-jpeg",
        "truncated-png",
    ],
)
def test_anything_else_is_refused_with_a_clear_message(_media, data, message):
    with pytest.raises(uploads.ImageRefused, match=message):
        uploads.store_image(upload_of(data))
    assert not any(_media.rglob("*.*"))


def test_files_over_the_size_limit_are_refused_unread(settings):
    settings.ADVICE_UPLOAD_MAX_BYTES = 1000
    with pytest.raises(uploads.ImageRefused, match="the limit is 0.0 MB|limit is"):
        uploads.store_image(upload_of(image_bytes(size=(400, 400), quality=100)))


def test_images_over_the_pixel_limit_are_refused(settings):
    settings.ADVICE_UPLOAD_MAX_PIXELS = 100 * 100
    with pytest.raises(uploads.ImageRefused, match="101 × 100 pixels"):
        uploads.store_image(upload_of(image_bytes(size=(101, 100))))


# The endpoint -----------------------------------------------------------------


def post_image(client: Client, data: bytes):
    return client.post(
        UPLOAD_URL,
        {"image": upload_of(data)},
        headers={"x-requested-with": "XMLHttpRequest"},
    )


def test_the_upload_url_is_the_one_markdownx_is_configured_with(settings):
    assert reverse("editor:upload") == UPLOAD_URL == settings.MARKDOWNX_UPLOAD_URLS_PATH


def test_a_columnist_uploads_and_gets_markdown_to_insert(client, columnist):
    client.force_login(columnist)
    response = post_image(client, image_bytes())
    assert response.status_code == 200
    assert re.fullmatch(
        r"!\[Describe the image\]\(/media/answers/[0-9a-f]{32}\.jpg\)",
        response.json()["image_code"],
    )


def test_a_refused_upload_answers_400_with_the_reason(client, columnist):
    client.force_login(columnist)
    response = post_image(client, SVG)
    assert response.status_code == 400
    assert "SVG" in response.json()["error"]


def test_a_post_without_a_file_is_400(client, editor):
    client.force_login(editor)
    response = client.post(UPLOAD_URL, {})
    assert response.status_code == 400


@pytest.mark.parametrize("who", ["anonymous", "no_role"])
def test_only_desk_members_may_upload(client, reader_account, _media, who):
    if who == "no_role":
        client.force_login(reader_account)
    response = post_image(client, image_bytes())
    assert response.status_code == 403
    assert not any(_media.rglob("*.*"))


def test_uploads_need_the_csrf_token(columnist, _media):
    client = Client(enforce_csrf_checks=True)
    client.force_login(columnist)
    assert post_image(client, image_bytes()).status_code == 403
    assert not any(_media.rglob("*.*"))


def test_uploading_is_post_only(client, columnist):
    client.force_login(columnist)
    assert client.get(UPLOAD_URL).status_code == 405


def test_the_librarys_own_open_endpoints_are_not_mounted(client):
    assert client.post("/markdownx/upload/").status_code == 404
    assert client.post("/markdownx/markdownify/", {"content": "x"}).status_code == 404
