"""Changes that show on every page enqueue a full bake; everyday saves don't."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from columns import caching
from columns.baking import sitewide
from columns.models import HelpResource
from tests.factories import (
    make_column,
    make_content_warning,
    make_help_resource,
    make_published_answer,
    make_user,
)


def full_bakes() -> int:
    return DBTaskResult.objects.filter(task_path__endswith=".rebake_site").count()


def test_renaming_a_column_bakes_everything_again(db, run_tasks, baked_root):
    column = make_column(name="Old name")
    answer = make_published_answer(column=column)
    before, generation = full_bakes(), caching.current().generation
    column.name = "New name"
    column.save()
    assert full_bakes() == before + 1
    assert caching.current().generation == generation + 1
    run_tasks()
    page = baked_root / answer.get_absolute_url().lstrip("/") / "index.html"
    assert b"New name" in page.read_bytes()


def test_renaming_a_warning_relabels_the_baked_links_to_its_answers(
    db, run_tasks, baked_root
):
    column = make_column()
    warning = make_content_warning(label="Explicit")
    now = timezone.now()
    older = make_published_answer(column=column, publish_at=now - timedelta(days=2))
    make_published_answer(
        column=column, warnings=(warning,), publish_at=now - timedelta(days=1)
    )
    warning.label = "Frank detail"
    warning.save()
    run_tasks()
    page = baked_root / older.get_absolute_url().lstrip("/") / "index.html"
    assert b'<span class="label">Frank detail</span>' in page.read_bytes()


def test_editing_a_help_resource_rebakes_the_answers_that_show_it(
    db, run_tasks, baked_root, client
):
    warning = make_content_warning(help_category=HelpResource.Category.ABUSE)
    answer = make_published_answer(warnings=(warning,))
    line = make_help_resource(name="Old helpline name")
    run_tasks()
    page = baked_root / answer.get_absolute_url().lstrip("/") / "index.html"
    assert b"Old helpline name" in page.read_bytes()
    before, generation = full_bakes(), caching.current().generation
    line.name = "New helpline name"
    line.save()
    assert full_bakes() == before + 1
    assert caching.current().generation == generation + 1
    assert "New helpline name" in client.get(answer.get_absolute_url()).content.decode()
    run_tasks()
    assert b"New helpline name" in page.read_bytes()


def test_a_column_choosing_its_help_resources_bakes_everything(db):
    column = make_column()
    line = make_help_resource()
    before = full_bakes()
    column.help_resources.add(line)
    assert full_bakes() == before + 1


def test_a_new_byline_bakes_everything_but_a_sign_in_does_not(db):
    author = make_user(public_name="Dr A")
    answer = make_published_answer()
    answer.authors.add(author)
    before = full_bakes()
    author.last_login = answer.publish_at
    author.save(update_fields=["last_login"])
    author.email = "a@example.org"
    author.save()
    assert full_bakes() == before
    author.public_name = "Dr B"
    author.save()
    assert full_bakes() == before + 1


def test_deleting_an_author_takes_the_byline_off_every_page(db, client):
    author = make_user(public_name="Dr Leaving")
    answer = make_published_answer(authors=(author,))
    assert "Dr Leaving" in client.get(answer.get_absolute_url()).content.decode()
    before, generation = full_bakes(), caching.current().generation
    author.delete()
    assert full_bakes() == before + 1
    assert caching.current().generation == generation + 1
    assert "Dr Leaving" not in client.get(answer.get_absolute_url()).content.decode()


def test_the_bake_command_reports_what_it_did(db, tmp_path):
    make_published_answer(title="Baked by the command")
    out = io.StringIO()
    call_command("bake", "--output", str(tmp_path), "--processes", "1", stdout=out)
    assert "Baked " in out.getvalue() and "pages" in out.getvalue()
    assert (tmp_path / "index.html").exists()
    assert (tmp_path / "_errors" / "503.html.gz").exists()


def test_changes_made_together_share_one_full_bake(db):
    before, generation = full_bakes(), caching.current().generation
    with sitewide.changes_together():
        column = make_column(name="First")
        make_content_warning(label="Grief")
        column.name = "Renamed"
        column.save()
        assert full_bakes() == before
    assert full_bakes() == before + 1
    assert caching.current().generation == generation + 1


def test_changes_together_that_fail_ask_for_no_bake(db):
    before = full_bakes()
    with pytest.raises(RuntimeError), sitewide.changes_together():
        make_column(name="Half done")
        raise RuntimeError("the load stopped")
    assert full_bakes() == before
    make_column(name="Afterwards")
    assert full_bakes() == before + 1


def test_the_demo_asks_for_one_full_bake(db):
    call_command("seed_demo", force=True, stdout=io.StringIO())
    assert full_bakes() == 1
