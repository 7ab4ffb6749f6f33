"""``manage.py rerender`` stores what the current renderer makes of every answer."""

import io

from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from columns import caching
from columns.markdown import render_markdown
from columns.models import Answer, SitePage
from tests.factories import make_answer, make_published_answer

TABLE = "Rates:\n\n| Method | Rate |\n|--|--|\n| Pill | 91% |\n"
# What the renderer stored for TABLE before tables had their scrollable region.
OLD_HTML = (
    "<p>Rates:</p>\n<table>\n<thead>\n<tr>\n<th>Method</th>\n<th>Rate</th>\n</tr>\n"
    "</thead>\n<tbody>\n<tr>\n<td>Pill</td>\n<td>91%</td>\n</tr>\n</tbody>\n"
    "</table>\n"
)


def rerender() -> str:
    out = io.StringIO()
    call_command("rerender", stdout=out)
    return out.getvalue()


def full_bakes() -> int:
    return DBTaskResult.objects.filter(task_path__endswith=".rebake_site").count()


def stored_before_the_upgrade(answer: Answer) -> Answer:
    Answer.objects.filter(pk=answer.pk).update(body_html=OLD_HTML)
    answer.refresh_from_db()
    return answer


def test_stale_html_is_rendered_again_and_the_site_baked_again(
    db, run_tasks, baked_root
):
    answer = stored_before_the_upgrade(make_published_answer(body=TABLE))
    make_answer(body="Current already.")
    generation = caching.current().generation

    out = rerender()
    assert "answers: 2/2" in out
    assert "Rendered 2 answers and the site pages again; the HTML of 1 changed." in out

    answer.refresh_from_db()
    assert answer.body_html == render_markdown(TABLE)
    assert 'role="region"' in answer.body_html
    assert caching.current().generation == generation + 1
    run_tasks()
    page = baked_root / answer.get_absolute_url().lstrip("/") / "index.html"
    assert b'<div class="table-scroll" role="region"' in page.read_bytes()


def test_rendering_again_is_not_an_edit(db):
    answer = stored_before_the_upgrade(make_published_answer(body=TABLE))

    rerender()

    after = Answer.objects.get(pk=answer.pk)
    assert (after.updated_at, after.version, after.body) == (
        answer.updated_at,
        answer.version,
        TABLE,
    )


def test_nothing_is_baked_again_when_every_answer_is_current(db):
    make_published_answer(body=TABLE)
    before, generation = full_bakes(), caching.current().generation

    assert "the HTML of 0 changed" in rerender()

    assert full_bakes() == before
    assert caching.current().generation == generation


def test_site_pages_are_rendered_again_too(db):
    page = SitePage.objects.create(slug="about", title="About", body=TABLE)
    SitePage.objects.filter(pk=page.pk).update(body_html=OLD_HTML)

    assert "the HTML of 1 changed" in rerender()

    page.refresh_from_db()
    assert page.body_html == render_markdown(TABLE)
