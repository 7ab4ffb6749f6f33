"""Baked files: their names, compressed copies and atomic, date-keeping writes."""

import gzip
import os
from datetime import UTC, datetime

import brotli
import pytest

from columns.baking import files


@pytest.mark.parametrize(
    ("path", "content_type", "name"),
    [
        ("/", "text/html; charset=utf-8", "index.html"),
        ("/feed/", "application/rss+xml; charset=utf-8", "feed/index.rss"),
        ("/feed/atom/", "application/atom+xml; charset=utf-8", "feed/atom/index.atom"),
        ("/sitemap.xml", "application/xml", "sitemap.xml"),
        ("/robots.txt", "text/plain", "robots.txt"),
        ("/topics/%C3%A9t%C3%A9/", "text/html", "topics/été/index.html"),
    ],
)
def test_a_page_is_stored_where_nginx_looks_for_it(path, content_type, name):
    assert files.file_name(path, content_type) == name
    assert name in files.candidate_names(path)


def test_a_page_is_written_with_its_compressed_copies_and_its_date(tmp_path):
    storage = files.AtomicFileSystemStorage(location=tmp_path)
    modified = datetime(2026, 5, 4, 3, 2, 1, tzinfo=UTC)
    files.write(storage, "a/index.html", b"<p>Hello</p>" * 50, modified)
    body = (tmp_path / "a/index.html").read_bytes()
    assert gzip.decompress((tmp_path / "a/index.html.gz").read_bytes()) == body
    assert brotli.decompress((tmp_path / "a/index.html.br").read_bytes()) == body
    assert os.path.getmtime(tmp_path / "a/index.html") == modified.timestamp()


def test_an_image_is_written_without_compressed_copies(tmp_path):
    storage = files.AtomicFileSystemStorage(location=tmp_path)
    image = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
    written = files.write(storage, "a/card.png", image, None, "image/png")
    assert written == len(image)
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["card.png"]
    assert files.stored_names("a/card.png", "image/png") == ["a/card.png"]
    assert files.remove(storage, "/a/card.png") == 1


def test_a_file_is_replaced_by_renaming_and_an_unchanged_one_is_left_alone(
    tmp_path, monkeypatch
):
    storage = files.AtomicFileSystemStorage(location=tmp_path)
    files.write(storage, "page.html", b"old", None)
    inode = os.stat(tmp_path / "page.html").st_ino
    files.write(storage, "page.html", b"new", None)
    # A new file renamed over the old one: a reader never sees half of it.
    assert os.stat(tmp_path / "page.html").st_ino != inode
    assert (tmp_path / "page.html").read_bytes() == b"new"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".baking-")]
    saved = []
    monkeypatch.setattr(storage, "save", lambda *args: saved.append(args))
    files.write(storage, "page.html", b"new", None)
    assert saved == []  # same bytes: the file keeps its date for caches


def test_removing_a_page_removes_every_copy(tmp_path):
    storage = files.AtomicFileSystemStorage(location=tmp_path)
    files.write(storage, "gone/index.html", b"x", None)
    assert files.remove(storage, "/gone/") == 3
    assert files.remove(storage, "/gone/") == 0
