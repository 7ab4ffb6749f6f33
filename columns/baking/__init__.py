"""Publishing the public archive as static files ("baking").

Every public page without a query string is a pure function of published content
(DESIGN, "Scale-out"), so it can be written once as a file and served by nginx or a
CDN while Django serves only what has to be dynamic (search, the ask form, status,
the desk). ``bake_site`` writes every page (``manage.py bake``); after that, each
change to an answer enqueues ``rebake_answer`` (``public_change``), which rewrites
just the pages that show the answer, in the background, and removes the files of
pages that no longer exist (a withdrawn answer's address then answers 410 from the
app). A scheduled answer's task is enqueued to run at its publication time.

- ``paths``: which pages exist and which show an answer;
- ``render``: a page as a reader gets it, through the views and middleware;
- ``files``: file names, pre-compressed copies, atomic replacement, storage.
"""

import multiprocessing
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db import connections, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import parse_http_date_safe

from columns import archivepages, caching, links, pagecache, pageparts
from columns.baking import files
from columns.baking.paths import (
    answer_paths,
    pages_showing,
    public_answer_ids,
    site_paths,
)
from columns.baking.render import PageRenderer
from columns.listings import card_url, for_answer_page
from columns.models import Answer
from columns.tasks import enqueue_with_change, retried_task
from columns.views.archive import answer_page
from columns.views.cards import answer_card_response

# The error pages nginx shows itself: when a static file is missing, and the
# "back soon" page when the app behind it does not answer.
ERROR_PAGES = {"404": "404.html", "500": "500.html", "503": "503.html"}
CHUNK = 100


@dataclass
class Tally:
    """What a bake did."""

    written: int = 0
    removed: int = 0
    bytes: int = 0
    names: set[str] = field(default_factory=set)

    def add(self, other: "Tally") -> None:
        self.written += other.written
        self.removed += other.removed
        self.bytes += other.bytes
        self.names |= other.names


def bake_paths(
    paths: Iterable[str], storage=None, renderer: PageRenderer | None = None
) -> Tally:
    """Render each page and write it, or remove its files if it no longer answers
    200 (withdrawn, moved, or a list left empty)."""
    storage = storage or files.baked_storage()
    renderer = renderer or PageRenderer()
    tally = Tally()
    for path in paths:
        _keep(storage, tally, path, renderer.get(path))
    return tally


def bake_answers(
    ids: list[int], storage=None, renderer: PageRenderer | None = None
) -> Tally:
    """Write the pages of these public answers, loaded together (a full bake's
    bulk: the answers' pages make most of the site). Each page is rendered by the
    view's own ``answer_page`` for a reader's request, without the middleware,
    which alters headers only; the parity test holds the files to the served pages."""
    storage = storage or files.baked_storage()
    renderer = renderer or PageRenderer()
    tally = Tally()
    answers = for_answer_page(Answer.objects.published()).filter(pk__in=ids)
    # The names on these pages (bylines, labels, topics) under one reading of the
    # page-cache generation, not one for each answer and link they show.
    with caching.rendering_under(caching.rendering_generation()):
        for answer in answers:
            for path in answer_paths(answer):
                request = renderer.request(path)
                full_text = path != answer.get_absolute_url()
                page = answer_page(request, answer, full_text=full_text)
                _keep(storage, tally, path, page)
            _keep(storage, tally, card_url(answer), answer_card_response(answer))
    return tally


def _keep(storage, tally: Tally, path: str, response) -> None:
    """Write the page at ``path`` if it answered 200, else remove its files."""
    if response.status_code == 200:
        content_type = response.get("Content-Type", "")
        name = files.file_name(path, content_type)
        modified = _parse_date(response.get("Last-Modified"))
        body = response.content
        tally.bytes += files.write(storage, name, body, modified, content_type)
        tally.written += 1
        tally.names.update(files.stored_names(name, content_type))
    else:
        tally.removed += files.remove(storage, path)


def bake_error_pages(storage=None) -> Tally:
    """The error pages nginx serves from files (``_errors/NNN.html``)."""
    storage = storage or files.baked_storage()
    tally = Tally()
    for code, template in ERROR_PAGES.items():
        name = f"_errors/{code}.html"
        body = render_to_string(template).encode()
        tally.bytes += files.write(storage, name, body, None)
        tally.written += 1
        tally.names.update({name, name + ".gz", name + ".br"})
    return tally


def bake_site(
    *,
    location: str | None = None,
    processes: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> Tally:
    """Write every public page (and remove files of pages that no longer exist).

    With several ``processes``, the pages are shared out among forked workers; each
    opens its own database connection (the test database of a test run lives in
    its transaction, so tests bake in one process).
    """
    now = timezone.now()
    for answers in archivepages.every_list(now):
        answers.close_pages(now)
    paths = list(dict.fromkeys(site_paths(now)))
    ids = public_answer_ids(now)
    storage = files.baked_storage(location)
    tally = bake_error_pages(storage)
    work = [
        *(
            (bake_paths, paths[start : start + CHUNK])
            for start in range(0, len(paths), CHUNK)
        ),
        *(
            (bake_answers, ids[start : start + CHUNK])
            for start in range(0, len(ids), CHUNK)
        ),
    ]
    total, done = len(paths) + len(ids), 0
    if processes > 1:
        connections.close_all()
        context = multiprocessing.get_context("fork")
        with context.Pool(
            processes, initializer=_start_worker, initargs=(location,)
        ) as pool:
            parts = pool.imap(_bake_chunk, work)
            for (_, chunk), part in zip(work, parts, strict=True):
                tally.add(part)
                done += len(chunk)
                if progress:
                    progress(done, total)
    else:
        renderer = PageRenderer()
        for bake, chunk in work:
            tally.add(bake(chunk, storage, renderer))
            done += len(chunk)
            if progress:
                progress(done, total)
    tally.removed += _remove_strays(storage, tally.names)
    return tally


_worker: dict = {}


def _start_worker(location: str | None) -> None:
    connections.close_all()
    _worker["storage"] = files.baked_storage(location)
    _worker["renderer"] = PageRenderer()


def _bake_chunk(work: tuple) -> Tally:
    bake, chunk = work
    return bake(chunk, _worker["storage"], _worker["renderer"])


def _remove_strays(storage, kept: set[str], directory: str = "") -> int:
    """Delete files a full bake did not write (pages that no longer exist)."""
    removed = 0
    try:
        folders, names = storage.listdir(directory)
    except FileNotFoundError:
        return 0
    for name in names:
        full = f"{directory}/{name}" if directory else name
        if full not in kept and not name.startswith(".baking-"):
            storage.delete(full)
            removed += 1
    for folder in folders:
        removed += _remove_strays(
            storage, kept, f"{directory}/{folder}" if directory else folder
        )
    return removed


def _parse_date(value: str | None) -> datetime | None:
    stamp = parse_http_date_safe(value) if value else None
    return datetime.fromtimestamp(stamp, tz=UTC) if stamp else None


# Keeping the baked pages current ----------------------------------------------------


def public_change(answer: Answer, *, at: datetime | None = None) -> None:
    """Called by the workflow in the transaction that changes what the public sees
    of ``answer``: the pages that show it now are noted (an edit may take it off
    some of them), the page cache forgets them once the change commits, and
    ``rebake_answer`` is enqueued with the change, to run at ``at`` (a scheduled
    publication) or at once."""
    now = timezone.now()
    caching.note_public_change()
    pageparts.clear(answer)
    before = sorted(pages_showing(answer, now))
    transaction.on_commit(lambda: pagecache.forget(before), robust=True)
    task = rebake_answer.using(run_after=at) if at and at > now else rebake_answer
    enqueue_with_change(task, answer.pk, before)


@retried_task
def rebake_answer(answer_id: int, shown_on: list[str]) -> dict:
    """Bring the stored parts and links and the baked pages up to date after a
    change to an answer: the pages it was on (``shown_on``) and the pages it is on
    now."""
    started = time.monotonic()
    now = timezone.now()
    pageparts.store([answer_id])
    answer = Answer.objects.select_related("column").get(pk=answer_id)
    paths = set(shown_on)
    relinked = links.refresh(answer, now)
    for other in Answer.objects.filter(pk__in=relinked).select_related("column"):
        paths.update(answer_paths(other))
    for answers in archivepages.lists_holding(answer):
        for number in answers.close_pages(now):
            paths.add(answers.url(number))
            if number > 1:
                paths.add(answers.url(number - 1))
    paths |= pages_showing(answer, now)
    tally = bake_paths(sorted(paths))
    pagecache.forget(paths)
    return {
        "answer": answer_id,
        "pages": sorted(paths),
        "written": tally.written,
        "removed": tally.removed,
        "seconds": round(time.monotonic() - started, 3),
    }
