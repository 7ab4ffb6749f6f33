"""The back office (``columns.admin``): every admin loads, and workflow-owned fields
change only through workflow actions."""

import pytest
from django import forms
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from taggit.forms import TagWidget

from columns import workflow
from columns.models import (
    Answer,
    AuditEntry,
    HelpResource,
    Question,
    ReviewComment,
    Revision,
    SitePage,
    Topic,
)
from tests.factories import (
    make_answer,
    make_column,
    make_content_warning,
    make_draft,
    make_help_resource,
    make_question,
    make_user,
)

REGISTERED_MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)
MODEL_IDS = [model._meta.label for model in REGISTERED_MODELS]


def admin_url(model, view: str, *args) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def messages_of(response) -> list[tuple[str, str]]:
    return [(m.level_tag, m.message) for m in get_messages(response.wsgi_request)]


def form_data(response) -> dict:
    """The POST data of a rendered admin change form, as the browser would send it
    untouched (inline formsets without their empty extra forms)."""
    data: dict = {}
    all_forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        data[management.add_prefix("TOTAL_FORMS")] = len(formset.initial_forms)
        all_forms.extend(formset.initial_forms)
    for form in all_forms:
        for name, field in form.fields.items():
            value, key = form[name].value(), form.add_prefix(name)
            if isinstance(field.widget, forms.CheckboxInput):
                if value:
                    data[key] = "on"
            elif isinstance(field.widget, TagWidget):
                data[key] = field.widget.format_value(value) or ""
            elif isinstance(value, list | tuple):
                data[key] = [str(item) for item in value]
            elif value is not None:
                data[key] = value
    return data


@pytest.fixture
def desk(editor, columnist):
    """A column with letters in several states, an answer in review with revisions
    and a comment, topics, a content warning, audit entries from the workflow and a
    queued email to the columnist."""
    columnist.email = "columnist@example.org"
    columnist.save()
    column = make_column(name="Sex and Relationships", slug="sex")
    column.hosts.add(columnist)
    warning = make_content_warning(label="Sexual health")
    letters = [
        make_question(column=column, headline=f"Letter {number}")
        for number in range(1, 5)
    ]
    for letter in letters:
        letter.topics.add("consent", "communication")
        letter.content_warnings.add(warning)
    column.topics.set(Topic.objects.all())
    workflow.shortlist(letters[0], by=editor)
    workflow.decline(letters[1], by=editor, note="Off topic.")
    answer = workflow.assign(letters[2], to=columnist, by=editor)
    answer.body = "## Talking first\n\nStart with a **calm** moment."
    answer.save()
    answer.record_revision(by=columnist, note="First draft")
    answer.topics.add("consent")
    answer.content_warnings.add(warning)
    workflow.submit_for_review(answer, by=columnist)
    ReviewComment.objects.create(
        answer=answer,
        author=editor,
        body="Tighten the intro.",
        revision=answer.revisions.order_by("-number").first(),
    )
    column.help_resources.add(
        make_help_resource(name="Samaritans", country="GB", phone="116 123")
    )
    SitePage.objects.create(slug="about", title="About", body="Who we are.")
    # Two-step sign-in devices: django-otp registers their admins.
    TOTPDevice.objects.create(user=editor, name="Authenticator app")
    recovery = StaticDevice.objects.create(user=editor, name="Recovery codes")
    recovery.token_set.create(token=StaticToken.random_token())
    return {"column": column, "letters": letters, "answer": answer}


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=MODEL_IDS)
def test_every_admin_changelist_loads_for_a_superuser(client, superuser, desk, model):
    client.force_login(superuser)
    response = client.get(admin_url(model, "changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=MODEL_IDS)
def test_every_admin_add_page_loads_where_adding_is_permitted(
    client, rf, superuser, desk, model
):
    request = rf.get("/")
    request.user = superuser
    may_add = admin.site._registry[model].has_add_permission(request)
    client.force_login(superuser)
    response = client.get(admin_url(model, "add"))
    assert response.status_code == (200 if may_add else 403)


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=MODEL_IDS)
def test_every_admin_change_page_loads_for_one_object(client, superuser, desk, model):
    obj = model._default_manager.order_by("pk").first()
    assert obj is not None, f"the desk fixture made no {model._meta.label}"
    client.force_login(superuser)
    response = client.get(admin_url(model, "change", obj.pk))
    assert response.status_code == 200


def test_the_site_is_titled_as_the_back_office(client, superuser):
    client.force_login(superuser)
    response = client.get(reverse("admin:index"))
    assert "Advice desk — back office" in response.content.decode()


def test_question_search_finds_the_letter_by_its_text(client, superuser):
    column = make_column()
    wanted = make_question(column=column, public_text="About the trampoline.")
    make_question(column=column, public_text="About the garden.")
    client.force_login(superuser)
    response = client.get(admin_url(Question, "changelist"), {"q": "trampoline"})
    assert list(response.context["cl"].result_list) == [wanted]


def test_answer_search_finds_the_answer_by_its_title(client, superuser):
    wanted = make_answer(title="How to say no kindly")
    make_answer(title="Planning a first date")
    client.force_login(superuser)
    response = client.get(admin_url(Answer, "changelist"), {"q": "kindly"})
    assert list(response.context["cl"].result_list) == [wanted]


def test_editor_shortlists_two_new_letters_with_the_changelist_action(client, editor):
    letters = [make_question(), make_question()]
    client.force_login(editor)
    response = client.post(
        admin_url(Question, "changelist"),
        {"action": "shortlist", "_selected_action": [q.pk for q in letters]},
        follow=True,
    )
    assert messages_of(response) == [("success", "2 letters shortlisted.")]
    for letter in letters:
        letter.refresh_from_db()
        assert letter.status == Question.Status.SHORTLISTED
        entries = AuditEntry.objects.for_object(letter)
        assert [(e.action, e.actor) for e in entries] == [("shortlist", editor)]


def test_a_mixed_selection_for_shortlisting_changes_nothing_and_says_why(
    client, editor
):
    fresh, declined = make_question(), make_question()
    workflow.decline(declined, by=editor)
    client.force_login(editor)
    response = client.post(
        admin_url(Question, "changelist"),
        {"action": "shortlist", "_selected_action": [fresh.pk, declined.pk]},
        follow=True,
    )
    [(level, message)] = messages_of(response)
    assert level == "error"
    assert message.startswith("Nothing was changed")
    fresh.refresh_from_db()
    declined.refresh_from_db()
    assert (fresh.status, declined.status) == ("new", "declined")
    assert not AuditEntry.objects.filter(action="shortlist").exists()


def test_approve_action_moves_an_answer_in_review_to_approved(client, editor):
    answer = make_answer()
    workflow.submit_for_review(answer, by=editor)
    client.force_login(editor)
    response = client.post(
        admin_url(Answer, "changelist"),
        {"action": "approve", "_selected_action": [answer.pk]},
        follow=True,
    )
    assert messages_of(response) == [("success", "1 answer approved.")]
    answer.refresh_from_db()
    assert answer.state == Answer.State.APPROVED


def test_publish_action_publishes_an_approved_answer_now(client, editor):
    answer = make_answer()
    workflow.submit_for_review(answer, by=editor)
    workflow.approve(answer, by=editor)
    client.force_login(editor)
    client.post(
        admin_url(Answer, "changelist"),
        {"action": "publish", "_selected_action": [answer.pk]},
    )
    answer.refresh_from_db()
    assert answer.is_published()
    assert AuditEntry.objects.for_object(answer).first().action == "publish"


def test_staff_without_triage_permission_are_not_offered_the_letter_actions(db, rf):
    viewer = make_user(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_question"))
    request = rf.get("/")
    request.user = viewer
    actions = admin.site._registry[Question].get_actions(request)
    assert not {"shortlist", "decline", "mark_spam", "reopen"} & set(actions)


def test_editor_posting_a_status_in_the_change_form_does_not_change_it(client, editor):
    letter = make_question()
    url = admin_url(Question, "change", letter.pk)
    client.force_login(editor)
    data = form_data(client.get(url))
    assert "status" not in data
    data.update(status="declined", headline="Edited headline")
    response = client.post(url, data)
    assert response.status_code == 302
    letter.refresh_from_db()
    assert (letter.status, letter.headline) == ("new", "Edited headline")


def test_the_readers_original_letter_cannot_be_edited_in_the_admin(client, editor):
    letter = make_question(original_text="What I really wrote.")
    url = admin_url(Question, "change", letter.pk)
    client.force_login(editor)
    data = form_data(client.get(url))
    assert "original_text" not in data
    client.post(url, {**data, "original_text": "Rewritten."})
    letter.refresh_from_db()
    assert letter.original_text == "What I really wrote."


def test_a_stale_change_form_is_refused_instead_of_overwriting(client, editor):
    letter = make_question()
    url = admin_url(Question, "change", letter.pk)
    client.force_login(editor)
    data = form_data(client.get(url))
    workflow.shortlist(letter, by=editor)  # someone else acts meanwhile
    response = client.post(url, {**data, "headline": "Too late"})
    assert response.status_code == 200
    assert "Someone else changed this question" in response.content.decode()
    letter.refresh_from_db()
    assert letter.headline != "Too late"


def test_letter_history_lists_its_audit_entries_escaped(client, editor):
    letter = make_question()
    workflow.decline(letter, by=editor, note="<script>alert(1)</script>")
    client.force_login(editor)
    response = client.get(admin_url(Question, "change", letter.pk))
    page = response.content.decode()
    assert "New → Declined" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)</script>" not in page


def test_audit_entries_cannot_be_added_changed_or_deleted(client, rf, superuser):
    workflow.decline(make_question(), by=superuser)
    entry = AuditEntry.objects.get()
    request = rf.get("/")
    request.user = superuser
    entry_admin = admin.site._registry[AuditEntry]
    assert not entry_admin.has_add_permission(request)
    assert not entry_admin.has_change_permission(request, entry)
    assert not entry_admin.has_delete_permission(request, entry)
    client.force_login(superuser)
    assert client.get(admin_url(AuditEntry, "add")).status_code == 403
    assert client.post(admin_url(AuditEntry, "delete", entry.pk)).status_code == 403
    response = client.post(admin_url(AuditEntry, "change", entry.pk), {"note": "x"})
    assert response.status_code == 403
    assert AuditEntry.objects.get().note == ""


def test_saving_an_answer_in_the_admin_records_a_revision(client, editor):
    answer = make_answer(body="Old text.")
    url = admin_url(Answer, "change", answer.pk)
    client.force_login(editor)
    data = form_data(client.get(url))
    response = client.post(url, {**data, "body": "New *text*."})
    assert response.status_code == 302
    revision = answer.revisions.get()
    assert (revision.body, revision.author, revision.note) == (
        "New *text*.",
        editor,
        "Edited in the admin",
    )
    answer.refresh_from_db()
    assert answer.body_html == "<p>New <em>text</em>.</p>\n"
    assert answer.version == 2


def test_a_review_comment_added_inline_gets_its_author_and_revision(
    client, editor, columnist
):
    answer = make_draft(author=columnist)
    url = admin_url(Answer, "change", answer.pk)
    client.force_login(editor)
    data = form_data(client.get(url))
    data.update({"comments-TOTAL_FORMS": 1, "comments-0-body": "Cite a source."})
    assert client.post(url, data).status_code == 302
    comment = answer.comments.get()
    assert comment.author == editor
    assert comment.revision == answer.revisions.get()
    assert comment.resolved_at is None


def test_answer_change_page_previews_the_sanitised_body(client, superuser):
    answer = make_answer(body="## Options\n\n<script>x()</script>")
    client.force_login(superuser)
    page = client.get(admin_url(Answer, "change", answer.pk)).content.decode()
    assert '<h2 id="options">Options</h2>' in page
    assert "<script>x()</script>" not in page


def test_editor_can_pick_authors_by_byline_without_seeing_the_staff_list(
    client, editor
):
    make_user(role="Columnist", public_name="Dr Amara Okafor")
    client.force_login(editor)
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "columns",
            "model_name": "answer",
            "field_name": "authors",
            "term": "okafor",
        },
    )
    assert [r["text"] for r in response.json()["results"]] == ["Dr Amara Okafor"]
    staff_list = admin_url(editor._meta.model, "changelist")
    assert client.get(staff_list).status_code == 403


def test_the_letter_picker_of_an_answer_offers_only_letters_not_yet_printed(
    client, editor
):
    column = make_column()
    free = make_question(column=column, headline="Free letter")
    make_answer(questions=[make_question(column=column, headline="Printed letter")])
    workflow.mark_spam(make_question(column=column, headline="Spam letter"), by=editor)
    client.force_login(editor)
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "columns",
            "model_name": "answerletter",
            "field_name": "question",
            "term": "letter",
        },
    )
    assert [r["id"] for r in response.json()["results"]] == [str(free.pk)]


def _grow_desk(count: int, editor, columnist, column, warning) -> None:
    """``count`` letters with topics, each assigned: one answer, revision and
    audit entry more per letter."""
    for _ in range(count):
        letter = make_question(column=column)
        letter.topics.add("consent", "communication")
        letter.content_warnings.add(warning)
        answer = workflow.assign(letter, to=columnist, by=editor)
        answer.topics.add("consent")


@pytest.mark.parametrize("model", [Question, Answer, AuditEntry, Revision])
def test_changelist_queries_do_not_grow_with_the_number_of_rows(
    client, superuser, editor, columnist, model
):
    column, warning = make_column(), make_content_warning()
    client.force_login(superuser)
    url = admin_url(model, "changelist")

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    _grow_desk(5, editor, columnist, column, warning)
    with_five = count_queries()
    _grow_desk(25, editor, columnist, column, warning)
    assert count_queries() == with_five
    assert with_five <= 15


def test_a_columnist_who_is_not_staff_is_sent_to_the_admin_login(client, columnist):
    client.force_login(columnist)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_a_help_resource_with_an_http_link_is_refused_in_the_back_office(
    client, superuser
):
    client.force_login(superuser)
    response = client.post(
        admin_url(HelpResource, "add"),
        {
            "name": "Helpline",
            "category": "general",
            "country": "GB",
            "url": "http://example.org",
            "position": "0",
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert "Enter an https:// link." in str(response.context["adminform"].form.errors)
    assert not HelpResource.objects.exists()


def test_help_resources_are_filtered_by_country_in_the_back_office(client, superuser):
    wanted = make_help_resource(name="Lifeline", country="AU")
    make_help_resource(name="Samaritans", country="GB")
    client.force_login(superuser)
    response = client.get(admin_url(HelpResource, "changelist"), {"country": "AU"})
    assert list(response.context["cl"].result_list) == [wanted]
