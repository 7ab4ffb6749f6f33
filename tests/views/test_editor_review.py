"""Review and publication from the editor page, per role, with bad input and a clock."""

import datetime as dt
import zoneinfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from columns import intake, workflow
from columns.models import Answer, AuditEntry, Question
from columns.workflow import editing
from tests.factories import make_column, make_draft, make_question

State = Answer.State


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def step(client: Client, answer: Answer, name: str, data=None, **kwargs):
    url = reverse(f"editor:{name}", args=[answer.pk])
    return client.post(url, data or {}, **kwargs)


@pytest.fixture
def draft(columnist):
    return make_draft(author=columnist, title="On saying no")


@pytest.fixture
def approved(draft, columnist, editor):
    workflow.submit_for_review(draft, by=columnist)
    workflow.approve(draft, by=editor)
    return draft


def state_of(answer: Answer) -> str:
    answer.refresh_from_db()
    return answer.state


def in_days(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


# The whole workflow, per role -----------------------------------------------------


def test_a_letter_goes_from_draft_to_published_through_the_desk(
    draft, columnist, editor, mailoutbox, run_tasks
):
    columnist.email, editor.email = "sam@example.org", "ed@example.org"
    columnist.save()
    editor.save()
    author, boss = signed_in(columnist), signed_in(editor)
    response = step(author, draft, "submit_for_review", follow=True)
    assert "Submitted for review" in response.content.decode()
    assert state_of(draft) == State.IN_REVIEW

    step(boss, draft, "request_changes", {"note": "Cite the NHS page."})
    assert state_of(draft) == State.CHANGES_REQUESTED

    author.post(
        reverse("editor:answer_edit", args=[draft.pk]),
        {"title": draft.title, "slug": draft.slug, "body": "Cited.", "version": 1},
    )
    step(author, draft, "submit_for_review")
    step(boss, draft, "approve", {"note": "Lovely."})
    assert state_of(draft) == State.APPROVED

    response = step(boss, draft, "publish", follow=True)
    assert "the answer is live" in response.content.decode()
    assert state_of(draft) == State.PUBLISHED
    assert draft.body == "Cited."
    assert mailoutbox == []  # the worker sends them
    run_tasks()
    assert [m.subject for m in mailoutbox] == [
        "For review: On saying no",
        "Changes requested: On saying no",
        "For review: On saying no",
        "Approved: On saying no",
        "Published: On saying no",
    ]
    actions = list(
        AuditEntry.objects.for_object(draft)
        .order_by("id")
        .values_list("action", "actor")
    )
    assert actions == [
        ("submit_for_review", columnist.pk),
        ("request_changes", editor.pk),
        ("save", columnist.pk),
        ("submit_for_review", columnist.pk),
        ("approve", editor.pk),
        ("publish", editor.pk),
    ]


@pytest.mark.parametrize(
    ("state", "name", "status"),
    [
        (State.IN_REVIEW, "approve", 403),
        (State.IN_REVIEW, "request_changes", 403),
        (State.APPROVED, "publish", 403),
        (State.APPROVED, "schedule", 403),
        (State.DRAFT, "withdraw", 403),
    ],
)
def test_a_columnist_is_refused_the_editors_steps(
    draft, columnist, state, name, status
):
    Answer.objects.filter(pk=draft.pk).update(state=state)
    data = {
        "note": "x",
        "date": in_days(1).isoformat(),
        "time": "09:00",
    }
    response = step(signed_in(columnist), draft, name, data)
    assert response.status_code == status
    assert "permission" in response.content.decode()
    assert state_of(draft) == state
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    ("state", "name"),
    [
        (State.DRAFT, "approve"),
        (State.DRAFT, "publish"),
        (State.IN_REVIEW, "publish"),
        (State.APPROVED, "request_changes"),
        (State.APPROVED, "withdraw"),
        (State.IN_REVIEW, "redraft"),
    ],
)
def test_steps_out_of_order_are_refused_with_a_message(draft, editor, state, name):
    Answer.objects.filter(pk=draft.pk).update(state=state)
    response = step(signed_in(editor), draft, name, {"note": "Because."})
    assert response.status_code == 409
    assert "Can&#x27;t" in response.content.decode()
    assert state_of(draft) == state


def test_another_columnist_can_take_no_step(draft, other_columnist):
    response = step(signed_in(other_columnist), draft, "submit_for_review")
    assert response.status_code == 404
    assert state_of(draft) == State.DRAFT


def test_anonymous_steps_go_to_sign_in_and_change_nothing(client, draft):
    response = step(client, draft, "submit_for_review")
    assert response.status_code == 302 and "/desk/login/" in response["Location"]
    assert state_of(draft) == State.DRAFT


def test_steps_are_post_only(draft, columnist):
    url = reverse("editor:submit_for_review", args=[draft.pk])
    assert signed_in(columnist).get(url).status_code == 405


def test_steps_need_the_csrf_token(draft, columnist):
    client = Client(enforce_csrf_checks=True)
    client.force_login(columnist)
    assert step(client, draft, "submit_for_review").status_code == 403
    assert state_of(draft) == State.DRAFT


def test_requesting_changes_without_a_note_is_a_form_error(draft, columnist, editor):
    workflow.submit_for_review(draft, by=columnist)
    response = step(signed_in(editor), draft, "request_changes", {"note": " "})
    assert response.status_code == 400
    assert state_of(draft) == State.IN_REVIEW


def test_withdrawing_needs_a_reason_and_the_page_answers_410(client, approved, editor):
    workflow.publish(approved, by=editor)
    boss = signed_in(editor)
    assert step(boss, approved, "withdraw", {"note": ""}).status_code == 400
    assert state_of(approved) == State.PUBLISHED

    step(boss, approved, "withdraw", {"note": "A reader recognised themselves."})
    assert state_of(approved) == State.WITHDRAWN
    assert client.get(approved.get_absolute_url()).status_code == 410


def test_a_withdrawn_answer_goes_back_to_draft_and_can_be_edited(
    approved, editor, columnist
):
    workflow.publish(approved, by=editor)
    workflow.withdraw(approved, by=editor, note="Fix a fact.")
    step(signed_in(columnist), approved, "redraft")
    assert state_of(approved) == State.DRAFT
    assert editing.edit_refusal(approved, columnist) == ""


def test_a_typed_note_survives_a_refused_step(draft, editor):
    response = step(
        signed_in(editor), draft, "request_changes", {"note": "My long careful note"}
    )
    assert response.status_code == 409
    assert "My long careful note</textarea>" in response.content.decode()


# Publication: confirmation, scheduling ------------------------------------------


@pytest.fixture
def flagged(columnist, editor):
    letter = make_question(safety_flag=True, public_text="Text me on 07700 900123.")
    answer = make_draft(author=columnist, questions=[letter])
    workflow.submit_for_review(answer, by=columnist)
    workflow.approve(answer, by=editor)
    return answer


def test_the_editor_sees_why_a_letter_needs_confirmation(flagged, editor):
    page = signed_in(editor).get(reverse("editor:answer_edit", args=[flagged.pk]))
    page = page.content.decode()
    assert "flagged by the safety check" in page
    assert "1 phone number" in page
    assert '<mark class="hit hit-phone"' in page
    assert "I have checked the flagged letters" in page


def test_the_printed_letter_marks_identifiers_in_its_headline_and_sign_off(
    columnist,
):
    letter = make_question(
        headline="Write to jo@example.com",
        public_text="A clean letter.",
        sign_off="Dan, 07700 900789",
    )
    answer = make_draft(author=columnist, questions=[letter])
    page = signed_in(columnist).get(reverse("editor:answer_edit", args=[answer.pk]))
    page = page.content.decode()
    assert "Possibly identifying: 1 email address and 1 phone number" in page
    assert '<mark class="hit hit-email" title="Possible email address">jo@' in page
    assert '— Dan, <mark class="hit hit-phone"' in page


@pytest.mark.parametrize("name", ["publish", "schedule"])
def test_publishing_a_flagged_letter_needs_the_tick_box(flagged, editor, name):
    data = {"date": in_days(1).isoformat(), "time": "08:00"}
    response = step(signed_in(editor), flagged, name, data)
    assert response.status_code == 400
    assert "Tick the box" in response.content.decode()
    assert state_of(flagged) == State.APPROVED

    step(signed_in(editor), flagged, name, {**data, "confirm": "on"})
    assert state_of(flagged) == State.PUBLISHED
    note = AuditEntry.objects.for_object(flagged).get(action="publish").note
    assert "explicitly confirmed" in note and "safety check" in note
    assert "07700" not in note


def test_a_clean_letter_needs_no_tick_box(approved, editor):
    page = signed_in(editor).get(reverse("editor:answer_edit", args=[approved.pk]))
    assert "I have checked the flagged letters" not in page.content.decode()


def test_a_client_supplied_now_is_ignored(approved, editor):
    before = timezone.now()
    step(signed_in(editor), approved, "publish", {"now": "2001-01-01T00:00:00Z"})
    approved.refresh_from_db()
    assert approved.publish_at >= before


def test_scheduling_takes_the_date_and_time_in_the_sites_time_zone(
    approved, editor, settings
):
    settings.TIME_ZONE = "America/New_York"
    day = in_days(3)
    response = step(
        signed_in(editor),
        approved,
        "schedule",
        {"date": day.isoformat(), "time": "09:30"},
        follow=True,
    )
    approved.refresh_from_db()
    expected = dt.datetime.combine(
        day, dt.time(9, 30), tzinfo=zoneinfo.ZoneInfo("America/New_York")
    )
    assert approved.publish_at == expected
    assert approved.is_scheduled()
    assert f"{day:%-d %B %Y} at 09:30 (America/New_York)" in response.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"date": "", "time": ""}, "This field is required"),
        ({"date": "2026-02-30", "time": "09:00"}, "Enter a valid date"),
        ({"date": "yesterday", "time": "09:00"}, "Enter a valid date"),
        ({"date": "9999-12-31", "time": "23:59"}, "at most a year ahead"),
        ({"date": "0001-01-01", "time": "00:00"}, "That date has passed"),
        ({"date": "TODAY", "time": "00:00"}, "has passed"),
        ({"date": "TOMORROW", "time": "25:00"}, "Enter a valid time"),
        ({"date": "TOMORROW", "time": "9am; DROP TABLE"}, "Enter a valid time"),
    ],
)
def test_bad_schedules_are_form_errors_and_change_nothing(
    approved, editor, data, message
):
    data = {
        key: value.replace("TODAY", timezone.localdate().isoformat()).replace(
            "TOMORROW", in_days(1).isoformat()
        )
        for key, value in data.items()
    }
    response = step(signed_in(editor), approved, "schedule", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    approved.refresh_from_db()
    assert (approved.state, approved.publish_at) == (State.APPROVED, None)


def test_a_time_the_clocks_skip_is_refused(approved, editor, settings, monkeypatch):
    settings.TIME_ZONE = "Europe/London"
    london = zoneinfo.ZoneInfo("Europe/London")
    monkeypatch.setattr(
        timezone, "now", lambda: dt.datetime(2027, 3, 20, 12, tzinfo=london)
    )
    data = {"date": "2027-03-28", "time": "01:30"}  # clocks go 01:00 -> 02:00
    response = step(signed_in(editor), approved, "schedule", data)
    assert response.status_code == 400
    assert "doesn&#x27;t exist" in response.content.decode()


# A scheduled answer turns public by the clock ------------------------------------


def test_a_scheduled_answer_is_public_one_second_after_its_time_not_before(
    client, columnist, editor, monkeypatch
):
    column = make_column()
    question, code = intake.receive_letter(
        column,
        text="How do I tell my partner I want to slow down?",
        sign_off="Slow",
        topic=None,
        form_token=intake.new_form_token(),
    )
    answer = workflow.assign(question, to=columnist, by=editor)
    workflow.submit_for_review(answer, by=columnist)
    workflow.approve(answer, by=editor)
    day = in_days(2)
    step(
        signed_in(editor),
        answer,
        "schedule",
        {"date": day.isoformat(), "time": "07:00"},
    )
    answer.refresh_from_db()
    at = answer.publish_at
    assert at == dt.datetime.combine(
        day, dt.time(7), tzinfo=timezone.get_default_timezone()
    )

    def public_at(moment: dt.datetime) -> tuple[int, str]:
        monkeypatch.setattr(timezone, "now", lambda: moment)
        page = client.get(answer.get_absolute_url()).status_code
        status = client.post(reverse("columns:letter_status"), {"code": code})
        return page, status.context["state"]

    assert public_at(at - dt.timedelta(seconds=1)) == (404, "considering")
    assert public_at(at + dt.timedelta(seconds=1)) == (200, "answered")
    question.refresh_from_db()
    assert question.status == Question.Status.ANSWERED


# Mark reviewed ------------------------------------------------------------------


def test_an_editor_marks_an_answer_reviewed(draft, editor):
    url = reverse("editor:mark_reviewed", args=[draft.pk])
    day = in_days(-3)
    response = signed_in(editor).post(url, {"reviewed_on": day.isoformat()})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.last_reviewed_on == day


@pytest.mark.parametrize("value", ["", "soon", "2026-13-01", "FUTURE"])
def test_a_bad_review_date_is_a_form_error(draft, editor, value):
    value = value.replace("FUTURE", in_days(1).isoformat())
    url = reverse("editor:mark_reviewed", args=[draft.pk])
    assert signed_in(editor).post(url, {"reviewed_on": value}).status_code == 400
    draft.refresh_from_db()
    assert draft.last_reviewed_on is None


def test_a_columnist_cannot_mark_reviewed(draft, columnist):
    url = reverse("editor:mark_reviewed", args=[draft.pk])
    page = signed_in(columnist).get(reverse("editor:answer_edit", args=[draft.pk]))
    assert url not in page.content.decode()
    response = signed_in(columnist).post(url, {"reviewed_on": in_days(0).isoformat()})
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.last_reviewed_on is None


# Preview ------------------------------------------------------------------------


def test_staff_preview_the_public_page_before_publication(client, draft, editor):
    Question.objects.filter(printed_in__answer=draft).update(
        public_text="Edited for print."
    )
    editing.save_answer(
        draft,
        by=editor,
        seen_version=1,
        text=editing.AnswerText(
            title="On saying no",
            slug=draft.slug,
            summary="",
            body="## Kindly\n\nSay it.",
        ),
    )
    url = reverse("editor:answer_preview", args=[draft.pk])
    response = signed_in(editor).get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "On saying no" in page and "Edited for print." in page
    assert '<h2 id="kindly">Kindly</h2>' in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    assert client.get(draft.get_absolute_url()).status_code == 404  # not public yet


def test_the_preview_is_staff_only(client, draft, other_columnist, reader_account):
    url = reverse("editor:answer_preview", args=[draft.pk])
    assert client.get(url).status_code == 302
    assert signed_in(reader_account).get(url).status_code == 403
    assert signed_in(other_columnist).get(url).status_code == 404


# Rescheduling and unscheduling from the editor page -------------------------------


@pytest.fixture
def scheduled(approved, editor):
    at = dt.datetime.combine(
        in_days(2), dt.time(8, 0), tzinfo=timezone.get_default_timezone()
    )
    return workflow.publish(approved, by=editor, at=at)


def test_a_scheduled_answer_offers_reschedule_and_unschedule_to_editors(
    scheduled, editor
):
    page = signed_in(editor).get(reverse("editor:answer_edit", args=[scheduled.pk]))
    html = page.content.decode()
    assert f'action="/desk/answers/{scheduled.pk}/reschedule/"' in html
    assert f'action="/desk/answers/{scheduled.pk}/unschedule/"' in html
    # The form starts from the time it is scheduled for.
    assert f'value="{in_days(2).isoformat()}"' in html
    assert 'value="08:00"' in html


def test_a_live_answer_offers_neither(approved, editor):
    workflow.publish(approved, by=editor)
    html = signed_in(editor).get(reverse("editor:answer_edit", args=[approved.pk]))
    assert "/reschedule/" not in html.content.decode()
    assert "/unschedule/" not in html.content.decode()


def test_an_editor_reschedules_in_the_sites_time_zone(scheduled, editor, settings):
    settings.TIME_ZONE = "Europe/Berlin"
    day = in_days(5)
    response = step(
        signed_in(editor),
        scheduled,
        "reschedule",
        {"date": day.isoformat(), "time": "18:15"},
        follow=True,
    )
    scheduled.refresh_from_db()
    expected = dt.datetime.combine(
        day, dt.time(18, 15), tzinfo=zoneinfo.ZoneInfo("Europe/Berlin")
    )
    assert scheduled.publish_at == expected
    assert scheduled.state == State.PUBLISHED
    html = response.content.decode()
    assert f"Rescheduled: it goes live on {day:%-d %B %Y} at 18:15" in html
    assert AuditEntry.objects.for_object(scheduled).first().action == "reschedule"


def test_a_past_reschedule_is_a_form_error(scheduled, editor):
    before = scheduled.publish_at
    response = step(
        signed_in(editor),
        scheduled,
        "reschedule",
        {"date": in_days(-1).isoformat(), "time": "09:00"},
    )
    assert response.status_code == 400
    assert "That date has passed" in response.content.decode()
    scheduled.refresh_from_db()
    assert scheduled.publish_at == before


def test_an_editor_unschedules_from_the_page(scheduled, editor):
    response = step(
        signed_in(editor),
        scheduled,
        "unschedule",
        {"note": "Not this week."},
        follow=True,
    )
    scheduled.refresh_from_db()
    assert (scheduled.state, scheduled.publish_at) == (State.APPROVED, None)
    assert "Unscheduled: it is approved again" in response.content.decode()
    entry = AuditEntry.objects.for_object(scheduled).first()
    assert (entry.action, entry.note) == ("unschedule", "Not this week.")


@pytest.mark.parametrize("name", ["reschedule", "unschedule"])
def test_a_columnist_may_not_reschedule_or_unschedule(scheduled, columnist, name):
    before = scheduled.publish_at
    count = AuditEntry.objects.count()
    data = {"date": in_days(4).isoformat(), "time": "10:00", "note": ""}
    response = step(signed_in(columnist), scheduled, name, data)
    assert response.status_code == 403
    scheduled.refresh_from_db()
    assert (scheduled.state, scheduled.publish_at) == (State.PUBLISHED, before)
    assert AuditEntry.objects.count() == count


def test_unscheduling_a_live_answer_is_refused(approved, editor):
    workflow.publish(approved, by=editor)
    response = step(signed_in(editor), approved, "unschedule", {"note": ""})
    assert response.status_code == 409
    assert "scheduled for later" in response.content.decode()
    assert state_of(approved) == State.PUBLISHED


# A published answer: corrections and requests to reopen ---------------------------


@pytest.fixture
def live(approved, editor):
    return workflow.publish(approved, by=editor)


def test_the_editor_page_says_save_updates_the_live_page(live, editor):
    html = signed_in(editor).get(reverse("editor:answer_edit", args=[live.pk]))
    assert "Save updates the public page at once" in html.content.decode()


def test_a_columnist_asks_to_reopen_and_editors_see_the_request(
    live, columnist, editor
):
    author = signed_in(columnist)
    page = author.get(reverse("editor:answer_edit", args=[live.pk])).content.decode()
    assert f'action="/desk/answers/{live.pk}/ask-to-reopen/"' in page
    response = step(
        author, live, "ask_to_reopen", {"note": "The clinic moved."}, follow=True
    )
    assert "Asked the editors to reopen it." in response.content.decode()
    entry = AuditEntry.objects.for_object(live).first()
    assert (entry.action, entry.actor, entry.note) == (
        "ask_to_reopen",
        columnist,
        "The clinic moved.",
    )
    html = signed_in(editor).get(reverse("editor:answer_edit", args=[live.pk]))
    html = html.content.decode()
    assert f"{columnist.byline} asks to reopen this answer" in html
    assert "The clinic moved." in html
    # Above the text, where the editor starts, not down by the review steps.
    summary = html.index('id="review-summary-heading">Asked to reopen</h2>')
    assert summary < html.index("The clinic moved.") < html.index('id="answer-form"')
    assert "/ask-to-reopen/" not in html  # editors correct it themselves


def test_asking_to_reopen_needs_a_reason(live, columnist):
    response = step(signed_in(columnist), live, "ask_to_reopen", {"note": "  "})
    assert response.status_code == 400
    assert not AuditEntry.objects.filter(action="ask_to_reopen").exists()


def test_a_reason_too_long_is_a_form_error(live, columnist):
    response = step(signed_in(columnist), live, "ask_to_reopen", {"note": "x" * 1001})
    assert response.status_code == 400
    assert not AuditEntry.objects.filter(action="ask_to_reopen").exists()


def test_another_columnist_cannot_ask_to_reopen(live, other_columnist):
    response = step(signed_in(other_columnist), live, "ask_to_reopen", {"note": "Hm."})
    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action="ask_to_reopen").exists()


def test_a_draft_cannot_be_asked_to_reopen(draft, columnist):
    response = step(signed_in(columnist), draft, "ask_to_reopen", {"note": "Hm."})
    assert response.status_code == 409
    assert not AuditEntry.objects.filter(action="ask_to_reopen").exists()


# Reordering a roundup's letters ---------------------------------------------------


@pytest.fixture
def roundup(columnist):
    column = make_column()
    letters = [
        make_question(column=column, headline=name) for name in ("First", "Second")
    ]
    return make_draft(author=columnist, questions=letters, title="Two on dating")


def headlines(answer: Answer) -> list[str]:
    return [
        p.question.headline
        for p in answer.letters.select_related("question").order_by("position")
    ]


def move(client: Client, answer: Answer, letter, direction: str, **kwargs):
    url = reverse("editor:letter_move", args=[answer.pk])
    return client.post(url, {"letter": letter, "direction": direction}, **kwargs)


def second_letter(answer: Answer) -> int:
    return answer.letters.get(position=2).question_id


def test_the_letters_have_move_buttons_in_a_roundup(roundup, columnist):
    page = signed_in(columnist).get(reverse("editor:answer_edit", args=[roundup.pk]))
    html = page.content.decode()
    assert html.count(f'action="/desk/answers/{roundup.pk}/letters/move/"') == 2
    assert 'value="up"' in html and 'value="down"' in html


def test_a_single_letter_has_no_move_buttons(draft, columnist):
    page = signed_in(columnist).get(reverse("editor:answer_edit", args=[draft.pk]))
    assert "/letters/move/" not in page.content.decode()


def test_moving_a_letter_up_reorders_the_roundup(roundup, columnist):
    letter = second_letter(roundup)
    response = move(signed_in(columnist), roundup, letter, "up", follow=True)
    assert headlines(roundup) == ["Second", "First"]
    assert f"Letter #{letter} moved up." in response.content.decode()
    preview = signed_in(columnist).get(
        reverse("editor:answer_preview", args=[roundup.pk])
    )
    html = preview.content.decode()
    assert html.index("Second") < html.index("First")


def test_moving_the_first_letter_up_changes_nothing(roundup, columnist):
    first = roundup.letters.get(position=1).question_id
    response = move(signed_in(columnist), roundup, first, "up")
    assert response.status_code == 302
    assert headlines(roundup) == ["First", "Second"]
    assert not AuditEntry.objects.filter(action="reorder_letters").exists()


@pytest.mark.parametrize(
    "data",
    [
        {"letter": "999999", "direction": "up"},
        {"letter": "abc", "direction": "up"},
        {"letter": "SECOND", "direction": "sideways"},
        {},
    ],
)
def test_bad_moves_are_refused_with_a_message(roundup, columnist, data):
    if data.get("letter") == "SECOND":
        data = {**data, "letter": second_letter(roundup)}
    url = reverse("editor:letter_move", args=[roundup.pk])
    response = signed_in(columnist).post(url, data)
    assert response.status_code == 400
    assert "The letters were not reordered" in response.content.decode()
    assert headlines(roundup) == ["First", "Second"]


def test_a_letter_of_another_answer_is_refused(roundup, columnist, draft):
    other = draft.letters.get().question_id
    response = move(signed_in(columnist), roundup, other, "up")
    assert response.status_code == 400
    assert headlines(roundup) == ["First", "Second"]


def test_a_columnist_may_not_reorder_an_answer_in_review(roundup, columnist):
    workflow.submit_for_review(roundup, by=columnist)
    client = signed_in(columnist)
    page = client.get(reverse("editor:answer_edit", args=[roundup.pk]))
    assert "/letters/move/" not in page.content.decode()
    response = move(client, roundup, second_letter(roundup), "up")
    assert response.status_code == 403
    assert headlines(roundup) == ["First", "Second"]


def test_another_columnist_gets_404_for_a_move(roundup, other_columnist):
    response = move(signed_in(other_columnist), roundup, second_letter(roundup), "up")
    assert response.status_code == 404
    assert headlines(roundup) == ["First", "Second"]


def test_moves_are_post_only_and_need_the_csrf_token(roundup, columnist):
    url = reverse("editor:letter_move", args=[roundup.pk])
    assert signed_in(columnist).get(url).status_code == 405
    client = Client(enforce_csrf_checks=True)
    client.force_login(columnist)
    assert move(client, roundup, second_letter(roundup), "up").status_code == 403
    assert headlines(roundup) == ["First", "Second"]
