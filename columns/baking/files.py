"""Writing baked pages: file names, pre-compressed copies, atomic replacement.

Files go through Django's storage API (``storages["baked"]``), so a deployment can
put them on object storage behind a CDN (django-storages); the default storage
writes under ``ADVICE_BAKED_ROOT`` and replaces each file atomically (written
beside it, then renamed over it), so nginx never serves half a page.
"""

import gzip
import os
import tempfile
from datetime import datetime
from urllib.parse import unquote

import brotli
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage, storages

# A URL path ending in "/" is stored as an index file named by its content type.
INDEX_NAMES = {
    "text/html": "index.html",
    "application/rss+xml": "index.rss",
    "application/atom+xml": "index.atom",
}
COMPRESSED = (".gz", ".br")
# Brotli's quality 11 takes about 20 times as long as 6 for a few percent less.
BROTLI_QUALITY = 6
GZIP_LEVEL = 9


class AtomicFileSystemStorage(FileSystemStorage):
    """Local files that are replaced, never renamed aside, and never half-written."""

    def get_available_name(self, name: str, max_length: int | None = None) -> str:
        return name

    def _save(self, name: str, content) -> str:
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        os.makedirs(directory, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".baking-")
        try:
            with os.fdopen(handle, "wb") as target:
                for chunk in content.chunks():
                    target.write(chunk)
            os.chmod(temporary, 0o644)
            os.replace(temporary, full_path)
        except BaseException:
            os.unlink(temporary)
            raise
        return name


def baked_storage(location: str | None = None) -> Storage:
    """The storage baked pages go to: ``storages["baked"]``, or local files under
    ``location``."""
    return AtomicFileSystemStorage(location=location) if location else storages["baked"]


def file_name(path: str, content_type: str) -> str:
    """Where the page at URL ``path`` is stored (decoded, as nginx looks it up:
    a topic's Unicode slug is a Unicode file name)."""
    name = unquote(path).lstrip("/")
    if path.endswith("/"):
        name += INDEX_NAMES.get(content_type.split(";")[0].strip(), "index.html")
    return name


def candidate_names(path: str) -> list[str]:
    """Every file the page at ``path`` may have been stored as (to remove it)."""
    name = unquote(path).lstrip("/")
    bases = (
        [name + index for index in INDEX_NAMES.values()]
        if path.endswith("/")
        else [name]
    )
    return [base + suffix for base in bases for suffix in ("", *COMPRESSED)]


def compressible(content_type: str) -> bool:
    """Whether a page gets gzip and Brotli copies: not an image, which is
    compressed already (its copies would be no smaller)."""
    return not content_type.startswith("image/")


def stored_names(name: str, content_type: str) -> list[str]:
    """The files a page of ``content_type`` is stored as."""
    if not compressible(content_type):
        return [name]
    return [name, *(name + suffix for suffix in COMPRESSED)]


def write(
    storage: Storage,
    name: str,
    body: bytes,
    modified: datetime | None,
    content_type: str = "text/html",
) -> int:
    """Store ``body`` as ``name``, with its gzip and Brotli copies if it is
    ``compressible``; bytes written."""
    versions = {name: body}
    if compressible(content_type):
        versions[name + ".gz"] = gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)
        versions[name + ".br"] = brotli.compress(body, quality=BROTLI_QUALITY)
    for version, data in versions.items():
        if storage.exists(version) and _unchanged(storage, version, data):
            continue
        storage.save(version, ContentFile(data))
        _date(storage, version, modified)
    return sum(map(len, versions.values()))


def remove(storage: Storage, path: str) -> int:
    """Remove every file of the page at ``path``; how many there were."""
    removed = 0
    for name in candidate_names(path):
        if storage.exists(name):
            storage.delete(name)
            removed += 1
    return removed


def _unchanged(storage: Storage, name: str, data: bytes) -> bool:
    """Whether the stored file already holds ``data`` (then it keeps its date, so
    caches revalidating it hear "not modified")."""
    if storage.size(name) != len(data):
        return False
    with storage.open(name, "rb") as stored:
        return stored.read() == data


def _date(storage: Storage, name: str, modified: datetime | None) -> None:
    """Give a local file the page's own modification time (nginx's Last-Modified)."""
    if modified is not None and isinstance(storage, FileSystemStorage):
        stamp = modified.timestamp()
        os.utime(storage.path(name), (stamp, stamp))
