"""Baking: the full bake equals the dynamic site byte for byte, and each change
rewrites a bounded set of files, on time, and leaves the tree a full bake would."""

import gzip
from datetime import timedelta
from pathlib import Path

import brotli
import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from columns import archivepages, baking, workflow
from columns.baking.files import INDEX_NAMES
from columns.listings import card_url
from columns.models import Answer, Column
from columns.workflow import editing
from tests.factories import (
    make_answer,
    make_column,
    make_content_warning,
    make_published_answer,
    make_user,
)

HOST = {"HTTP_HOST": "127.0.0.1:8000"}


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (its relative name and bytes)."""
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def url_of(name: str) -> str:
    """The URL path of a baked page's file."""
    for index in INDEX_NAMES.values():
        if name.endswith(index):
            return "/" + name[: -len(index)]
    return "/" + name


def pages(files: dict[str, bytes]) -> dict[str, bytes]:
    return {
        name: body
        for name, body in files.items()
        if not name.endswith((".gz", ".br")) and not name.startswith("_errors/")
    }


@pytest.fixture
def demo(db, run_tasks):
    call_command("seed_demo", force=True, verbosity=0)
    run_tasks()


def test_every_baked_page_is_the_dynamic_page_byte_for_byte(demo, client, tmp_path):
    baking.bake_site(location=str(tmp_path))
    files = tree(tmp_path)
    baked = pages(files)
    for name, body in baked.items():
        response = client.get(url_of(name), **HOST)
        assert response.status_code == 200, name
        if name.endswith(".png"):  # compressed already: stored without copies
            assert response.content == body, name
            assert name + ".gz" not in files and name + ".br" not in files
            continue
        assert response.content.decode() == body.decode(), name
        assert gzip.decompress(files[name + ".gz"]) == body
        assert brotli.decompress(files[name + ".br"]) == body
    # Every address in the sitemap, every list page and every feed is baked.
    sitemap = {
        loc.removeprefix("http://127.0.0.1:8000")
        for name, body in baked.items()
        if name.startswith("sitemap-")
        for loc in _locations(body)
    }
    urls = {url_of(name) for name in baked}
    assert sitemap and sitemap <= urls
    public = Answer.objects.published()
    assert len(sitemap) >= public.exclude(content_warnings__is_nsfw=True).count()
    for column in Column.objects.all():
        assert f"/columns/{column.slug}/" in urls
        assert f"/columns/{column.slug}/feed/" in urls
        assert f"/columns/{column.slug}/feed/atom/" in urls
    for must in ["/", "/columns/", "/topics/", "/archive/", "/feed/", "/robots.txt"]:
        assert must in urls
    assert "/card.png" in urls
    assert {card_url(answer) for answer in public.select_related("column")} <= urls
    # An answer behind a content notice has its full text at an address of its own.
    gated = public.filter(content_warnings__is_nsfw=True).first()
    assert gated is not None
    assert f"{gated.get_absolute_url()}read/" in urls
    assert {"_errors/404.html", "_errors/500.html", "_errors/503.html"} <= set(files)
    assert b"back in a few minutes" in files["_errors/503.html"]


def _locations(body: bytes) -> list[str]:
    text = body.decode()
    return [part.split("</loc>")[0] for part in text.split("<loc>")[1:]]


def test_a_withdrawn_answer_loses_its_files_and_answers_410(
    db, client, run_tasks, editor, baked_root
):
    answer = publish_now(editor)
    run_tasks()
    page = baked_root / answer.get_absolute_url().lstrip("/") / "index.html"
    assert page.exists()
    workflow.withdraw(answer, by=editor, note="A reader recognised themselves.")
    run_tasks()
    assert not page.exists()
    assert not Path(f"{page}.gz").exists() and not Path(f"{page}.br").exists()
    assert client.get(answer.get_absolute_url()).status_code == 410
    assert answer.title.encode() not in (baked_root / "index.html").read_bytes()


def test_a_scheduled_answer_is_baked_when_its_time_comes(
    db, run_tasks, editor, baked_root, monkeypatch
):
    at = timezone.now() + timedelta(hours=2)
    answer = publish_now(editor, at=at)
    run_tasks()
    page = baked_root / answer.get_absolute_url().lstrip("/") / "index.html"
    assert not page.exists()
    later = at + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    run_tasks()
    assert page.exists()
    assert answer.title.encode() in (baked_root / "index.html").read_bytes()


def test_rescheduling_moves_the_baking_to_the_new_time(
    db, run_tasks, editor, baked_root, monkeypatch
):
    now = timezone.now()
    answer = publish_now(editor, at=now + timedelta(hours=2))
    workflow.reschedule(answer, by=editor, at=now + timedelta(hours=5))
    page = baked_root / answer.get_absolute_url().lstrip("/") / "index.html"
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(hours=3))
    run_tasks()
    assert not page.exists()  # the old time came and went: still not public
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(hours=5, seconds=1))
    run_tasks()
    assert page.exists()


def test_a_warning_added_to_an_answer_labels_the_baked_links_to_it(
    db, run_tasks, editor, baked_root
):
    column = make_column()
    older = publish_now(editor, column=column, title="Older")
    newer = publish_now(editor, column=column, title="Newer")
    run_tasks()
    page = baked_root / older.get_absolute_url().lstrip("/") / "index.html"
    assert b'rel="next"' in page.read_bytes()
    warning = make_content_warning(label="Explicit", is_nsfw=True)
    newer.refresh_from_db()
    text = editing.AnswerText(
        title=newer.title,
        slug=newer.slug,
        summary=newer.summary,
        body=newer.body,
        content_warnings=[warning],
    )
    editing.save_answer(newer, by=editor, seen_version=newer.version, text=text)
    run_tasks()
    assert b'<span class="label nsfw">Explicit</span>' in page.read_bytes()


def publish_now(editor, *, at=None, column=None, title=None) -> Answer:
    column = column or make_column()
    answer = make_answer(column=column, **({"title": title} if title else {}))
    Answer.objects.filter(pk=answer.pk).update(state=Answer.State.APPROVED)
    answer.refresh_from_db()
    return workflow.publish(answer, by=editor, at=at, confirmed=True)


def archive_of(size: int, column: Column, before) -> None:
    """``size`` public answers in ``column``, one a day up to ``before``."""
    rows = [
        Answer(
            column=column,
            title=f"Old answer {number}",
            slug=f"old-{number}",
            body="Kept short.",
            state=Answer.State.PUBLISHED,
            publish_at=before - timedelta(days=size - number),
            first_published_at=before - timedelta(days=size - number),
            last_published_at=before - timedelta(days=size - number),
        )
        for number in range(size)
    ]
    Answer.objects.bulk_create(rows, batch_size=500)
    for answers in archivepages.every_list(timezone.now()):
        answers.close_pages(timezone.now())


@pytest.mark.parametrize("size", [100, 2000, 10_000])
def test_one_publication_rewrites_the_same_number_of_files_at_any_size(
    db, run_tasks, editor, size, record_property
):
    column = make_column()
    now = timezone.now()
    archive_of(size, column, before=now - timedelta(days=40))
    DBTaskResult.objects.all().delete()  # the set-up's own (a full bake)
    publish_now(editor, column=column)
    before = DBTaskResult.objects.filter(status="SUCCESSFUL").count()
    run_tasks()
    [result] = DBTaskResult.objects.filter(status="SUCCESSFUL").order_by("-pk")[:1]
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == before + 1
    rewritten = result.return_value["pages"]
    record_property("rewritten", len(rewritten))
    assert len(rewritten) == EXPECTED_REWRITES, rewritten


# What one publication rewrites, whatever the size of the archive: the answer (and
# its read/ address, removed or absent) and its card image, its older neighbour,
# the home page, /columns/, /topics/, /archive/, the year, the month and the
# nearest earlier month with answers, the column's open end, the site's and the
# column's RSS and Atom feeds, the sitemap index and its columns, topics and
# month sections.
EXPECTED_REWRITES = 20


OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(
            ["publish", "schedule", "edit", "withdraw", "reschedule", "tick"]
        ),
        st.integers(min_value=0, max_value=3),
    ),
    min_size=1,
    max_size=8,
)


@hypothesis_settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=OPERATIONS)
def test_any_sequence_of_changes_leaves_the_tree_a_full_bake_writes(
    db, run_tasks, tmp_path_factory, monkeypatch, operations
):
    """Publish, schedule, edit, withdraw and reschedule in any order (with the
    clock moving on), running the tasks after each: the baked tree is then what a
    fresh full bake writes."""
    from django.db import transaction

    with transaction.atomic():
        clock = {"now": timezone.now()}
        monkeypatch.setattr(timezone, "now", lambda: clock["now"])
        editor = make_user(role="Editor", is_staff=True)
        column = make_column()
        answers = [
            make_answer(column=column, title=f"Answer {number}") for number in range(4)
        ]
        Answer.objects.filter(pk__in=[a.pk for a in answers]).update(
            state=Answer.State.APPROVED
        )
        live = tmp_path_factory.mktemp("live")
        monkeypatch.setattr(baking.files, "baked_storage", _storage_at(live))
        baking.bake_site()
        for operation, index in operations:
            _apply(operation, Answer.objects.get(pk=answers[index].pk), editor, clock)
            run_tasks()
        fresh = tmp_path_factory.mktemp("fresh")
        baking.bake_site(location=str(fresh))
        assert tree(live) == tree(fresh)
        transaction.set_rollback(True)


def _storage_at(root: Path):
    from columns.baking.files import AtomicFileSystemStorage

    return lambda location=None: AtomicFileSystemStorage(location=location or root)


def _apply(operation: str, answer: Answer, editor, clock: dict) -> None:
    now = clock["now"]
    state = answer.state
    scheduled = state == Answer.State.PUBLISHED and answer.publish_at > now
    if operation == "publish" and state == Answer.State.APPROVED:
        workflow.publish(answer, by=editor, confirmed=True)
    elif operation == "schedule" and state == Answer.State.APPROVED:
        workflow.publish(answer, by=editor, at=now + timedelta(hours=1), confirmed=True)
    elif operation == "edit" and state == Answer.State.PUBLISHED:
        editing.save_answer(
            answer,
            by=editor,
            seen_version=answer.version,
            text=editing.AnswerText(
                title=f"{answer.title} (edited)",
                slug=answer.slug,
                summary="",
                body="Edited.",
                topics=["edited"],
                content_warnings=[],
                video_url="",
                video_start_seconds=None,
            ),
        )
    elif operation == "withdraw" and state == Answer.State.PUBLISHED:
        workflow.withdraw(answer, by=editor, note="Taken down.")
    elif operation == "reschedule" and scheduled:
        workflow.reschedule(answer, by=editor, at=now + timedelta(minutes=30))
    elif operation == "tick":
        clock["now"] = now + timedelta(hours=1, minutes=1)


def test_a_month_gaining_or_losing_its_only_answer_relinks_its_neighbours(
    db, run_tasks, editor, baked_root
):
    column = make_column()
    earlier = timezone.localtime() - timedelta(days=60)
    make_published_answer(column=column, publish_at=earlier)
    baking.bake_site()
    now = timezone.localtime()
    earlier_page = baked_root / f"archive/{earlier:%Y}/{earlier:%m}/index.html"
    this_month = f'href="/archive/{now:%Y}/{now:%m}/"'.encode()
    year_page = baked_root / f"archive/{now:%Y}/index.html"
    assert this_month not in earlier_page.read_bytes()
    answer = publish_now(editor, column=column, title="This month's first")
    run_tasks()
    assert this_month in earlier_page.read_bytes()
    assert b"This month&#x27;s first" in year_page.read_bytes()
    workflow.withdraw(answer, by=editor, note="Taken down.")
    run_tasks()
    assert this_month not in earlier_page.read_bytes()
    if earlier.year == now.year:
        assert b"This month&#x27;s first" not in year_page.read_bytes()
    else:  # the year had no other answer: its page is gone
        assert not year_page.exists()


def test_an_answers_card_is_baked_uncompressed_redrawn_and_removed_with_it(
    db, run_tasks, editor, baked_root
):
    answer = publish_now(editor, title="First title")
    run_tasks()
    card = baked_root / card_url(answer).lstrip("/")
    first = card.read_bytes()
    assert first.startswith(b"\x89PNG")
    assert not Path(f"{card}.gz").exists() and not Path(f"{card}.br").exists()
    answer.refresh_from_db()
    _apply("edit", answer, editor, {"now": timezone.now()})
    run_tasks()
    assert card.read_bytes() != first
    workflow.withdraw(Answer.objects.get(pk=answer.pk), by=editor, note="Gone.")
    run_tasks()
    assert not card.exists()
