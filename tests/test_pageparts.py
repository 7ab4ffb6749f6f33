"""Page parts: what an answer's pages show from other tables, kept on its row,
never staler than the tables."""

from datetime import timedelta

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from columns import pageparts, workflow
from columns.models import Answer, Topic
from columns.workflow import editing
from columns.workflow.editing import AnswerText
from tests.factories import (
    make_column,
    make_content_warning,
    make_draft,
    make_published_answer,
    make_question,
    make_user,
)


def published_through_the_workflow(editor, columnist, run_tasks) -> Answer:
    column = make_column()
    letter = make_question(
        column=column,
        original_text="I'm Dana from Leeds, dana@example.com. Is this normal?",
        public_text="Is this normal?",
        headline="Is this normal?",
        sign_off="Worried",
    )
    answer = make_draft(author=columnist, questions=[letter], title="It is normal")
    answer.topics.add("desire")
    answer.content_warnings.add(make_content_warning(label="Body talk"))
    workflow.submit_for_review(answer, by=columnist)
    workflow.approve(answer, by=editor)
    workflow.publish(answer, by=editor, now=timezone.now() - timedelta(minutes=1))
    run_tasks()
    answer.refresh_from_db()
    return answer


def page_of(client, answer: Answer) -> str:
    cache.clear()
    response = client.get(answer.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_publishing_stores_what_the_page_shows_and_never_the_original_letter(
    db, editor, columnist, run_tasks
):
    answer = published_through_the_workflow(editor, columnist, run_tasks)
    stored = answer.page_parts
    assert stored["letters"] == [
        {
            "headline": "Is this normal?",
            "public_text": "Is this normal?",
            "sign_off": "Worried",
        }
    ]
    assert stored["excerpt"] == "Is this normal?"
    assert stored["authors"] == [columnist.pk]
    assert "dana@example.com" not in str(stored) and "Leeds" not in str(stored)
    assert pageparts.of(answer) == pageparts.computed(answer)


def test_the_answer_page_reads_one_row_once_the_names_are_known(
    db, client, editor, columnist, run_tasks
):
    answer = published_through_the_workflow(editor, columnist, run_tasks)
    page_of(client, answer)  # this process reads the names once
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(answer.get_absolute_url())
    # The cache generation, and the answer with its column.
    assert len(queries) == 2, [query["sql"] for query in queries]
    html = response.content.decode()
    for shown in (
        "Is this normal?",
        "Worried",
        columnist.byline,
        "desire",
        "Body talk",
    ):
        assert shown in html


def test_an_edit_shows_at_once_and_its_task_stores_the_parts_again(
    db, client, editor, columnist, run_tasks, django_capture_on_commit_callbacks
):
    answer = published_through_the_workflow(editor, columnist, run_tasks)
    text = AnswerText(
        title=answer.title,
        slug=answer.slug,
        summary=answer.summary,
        body=answer.body,
        topics=["consent"],
        content_warnings=[],
    )
    with django_capture_on_commit_callbacks(execute=True):
        editing.save_answer(answer, by=editor, seen_version=answer.version, text=text)
    answer.refresh_from_db()
    assert answer.page_parts is None  # cleared in the edit's transaction
    html = page_of(client, answer)
    assert 'href="/topics/consent/"' in html and "/topics/desire/" not in html
    assert "Body talk" not in html
    run_tasks()
    answer.refresh_from_db()
    assert answer.page_parts is not None
    assert [topic.name for topic in pageparts.of(answer).topics] == ["consent"]
    assert page_of(client, answer) == html


def test_renaming_a_topic_or_a_byline_shows_on_the_next_request(
    db, client, editor, columnist, run_tasks
):
    answer = published_through_the_workflow(editor, columnist, run_tasks)
    assert "desire" in page_of(client, answer)
    topic = Topic.objects.get(name="desire")
    topic.name = "Desire and libido"
    topic.save()
    columnist.public_name = "Dr Sam Okoro"
    columnist.save()
    answer.refresh_from_db()
    assert answer.page_parts is not None  # the row still holds ids only
    html = page_of(client, answer)
    assert "Desire and libido" in html and "Dr Sam Okoro" in html


def test_a_deleted_topic_leaves_the_page_without_it(
    db, client, editor, columnist, run_tasks
):
    answer = published_through_the_workflow(editor, columnist, run_tasks)
    Topic.objects.filter(name="desire").delete()
    html = page_of(client, answer)
    assert "/topics/desire/" not in html and "Is this normal?" in html


def test_a_cold_process_reads_each_table_once_however_long_the_list(db, client):
    column = make_column(slug="busy")
    warning = make_content_warning()
    for number in range(12):
        make_published_answer(
            column=column,
            topics=(f"topic {number}",),
            warnings=(warning,),
            authors=(make_user(),),
            publish_at=timezone.now() - timedelta(minutes=number + 1),
        )
    home = reverse("columns:home")
    client.get(home)
    cache.clear()
    with CaptureQueriesContext(connection) as warm:
        client.get(home)
    pageparts.forget_names()
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        response = client.get(home)
    # Authors, warnings and topics: one read each, not one per answer.
    assert len(cold) == len(warm) + 3
    assert response.content.decode().count('href="/topics/topic-') >= 12


def test_an_answer_without_stored_parts_works_them_out(db, client):
    answer = make_published_answer(topics=("consent",))
    Answer.objects.filter(pk=answer.pk).update(page_parts=None)
    answer.refresh_from_db()
    assert pageparts.of(answer) == pageparts.computed(answer)
    assert "/topics/consent/" in page_of(client, answer)


def test_storing_everything_stores_public_answers_only(db, columnist):
    public = make_published_answer()
    draft = make_draft(author=columnist)
    Answer.objects.update(page_parts=None)
    assert pageparts.store_all() == 1
    public.refresh_from_db()
    draft.refresh_from_db()
    assert public.page_parts is not None and draft.page_parts is None
