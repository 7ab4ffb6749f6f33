"""The triage page: editing for print, the anonymity guard, decisions, merging
duplicates and assignment, with every refusal clear and nothing half-done."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from columns import intake, workflow
from columns.models import Answer, AuditEntry, Question
from tests.factories import (
    make_column,
    make_content_warning,
    make_question,
)

pytestmark = pytest.mark.django_db
Status = Question.Status
LEAKY = "Hi Sam, reply to jo.smith@example.com if you can."


@pytest.fixture
def desk(client, editor):
    client.force_login(editor)
    return client


def letter_url(letter: Question, name: str = "desk:letter", *extra) -> str:
    return reverse(name, args=[letter.pk, *extra])


def edit_data(letter: Question, **changes) -> dict:
    data = {
        "version": letter.version,
        "headline": letter.headline,
        "public_text": letter.public_text,
        "sign_off": letter.sign_off,
        "internal_notes": letter.internal_notes,
    }
    data.update(changes)
    return data


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# The page --------------------------------------------------------------------------


def test_the_triage_page_shows_the_original_beside_the_public_text_and_a_diff(desk):
    letter = make_question(
        original_text="Hi Sam, I'm Jo from Leeds and my boyfriend Tom snores.",
        public_text="Hi Sam, my boyfriend snores.",
    )
    page = desk.get(letter_url(letter)).content.decode()
    assert "The reader's original" in page
    assert "I&#x27;m Jo from Leeds and my boyfriend Tom snores." in page
    assert 'name="public_text"' in page
    assert re.search(r"<del>.*Jo from Leeds.*</del>", page)
    assert re.search(r"<del>.*Tom.*</del>", page)


def test_the_triage_page_highlights_identifiers_in_the_public_text(desk):
    letter = make_question(public_text=LEAKY)
    page = desk.get(letter_url(letter)).content.decode()
    assert "Possible identifiers in the public text: 1 email address." in page
    assert '<mark class="hit hit-email" title="Possible email address">' in page
    assert "I checked the highlighted possible identifiers" in page


def test_the_triage_page_ticks_the_letters_topics_and_warnings(desk):
    letter = make_question()
    letter.topics.add("Trust")
    make_content_warning(label="Infidelity")
    warning = make_content_warning(label="Self-harm")
    letter.content_warnings.add(warning)
    page = desk.get(letter_url(letter)).content.decode()
    topic = letter.topics.get()
    assert re.search(rf'value="{topic.pk}" id="id_topics_0" checked>', page)
    assert re.search(
        rf'value="{warning.pk}" id="id_content_warnings_\d" checked>', page
    )
    assert page.count(" checked>") == 2


def test_the_triage_page_shows_the_letter_history(desk, editor):
    letter = make_question()
    workflow.shortlist(letter, by=editor, note="Good one.")
    page = desk.get(letter_url(letter)).content.decode()
    history = page[page.index('id="history-heading"') :]
    assert "Shortlist" in history and "New → Shortlisted" in history
    assert "Good one." in history


def test_the_triage_page_offers_only_the_decisions_the_state_allows(desk, editor):
    letter = make_question()
    workflow.decline(letter, by=editor)
    page = desk.get(letter_url(letter)).content.decode()
    assert letter_url(letter, "desk:letter_decide", "reopen") in page
    assert letter_url(letter, "desk:letter_decide", "shortlist") not in page
    assert letter_url(letter, "desk:letter_assign") not in page


def test_the_live_check_returns_the_hits_and_diff_of_the_typed_text(desk):
    letter = make_question(public_text=LEAKY)
    response = desk.post(
        letter_url(letter, "desk:letter_check"), {"public_text": "Call 07700 900123"}
    )
    assert response.status_code == 200
    assert 'data-hit-count="1"' in response.content.decode()
    response = desk.post(
        letter_url(letter, "desk:letter_check"), {"public_text": "Nothing here."}
    )
    assert 'data-hit-count="0"' in response.content.decode()


# Editing ---------------------------------------------------------------------------


def test_saving_the_edit_form_changes_the_letter_and_says_so(desk):
    letter = make_question(public_text=LEAKY)
    warning = make_content_warning(label="Sexual content")
    response = desk.post(
        letter_url(letter, "desk:letter_edit"),
        edit_data(
            letter,
            public_text="Hi Sam, reply here if you can.",
            headline="Can you reply?",
            new_topics="Consent, trust",
            content_warnings=[warning.pk],
        ),
        follow=True,
    )
    assert messages_of(response) == [
        "Saved the headline, public text, topics, content warnings."
    ]
    letter.refresh_from_db()
    assert letter.public_text == "Hi Sam, reply here if you can."
    assert sorted(letter.topics.names()) == ["Consent", "trust"]
    assert "No possible identifiers found" in response.content.decode()


def test_a_stale_edit_is_refused_and_the_editors_text_is_kept(desk, editor):
    letter = make_question()
    seen = letter.version
    workflow.edit_letter(
        letter,
        workflow.LetterEdit(
            headline="Theirs",
            public_text="Their text.",
            sign_off="Anonymous",
            internal_notes="",
            topics=(),
            content_warnings=(),
        ),
        by=editor,
        seen_version=seen,
    )
    response = desk.post(
        letter_url(letter, "desk:letter_edit"),
        edit_data(letter, version=seen, public_text="My careful rewrite."),
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else changed this letter since you opened it" in page
    assert "My careful rewrite." in page  # kept in the form
    assert "Their text." in page  # and what is saved now, to compare
    letter.refresh_from_db()
    assert letter.public_text == "Their text."
    # Saving again, knowingly, now goes through.
    assert f'name="version" value="{letter.version}"' in page


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"public_text": "   "}, "This field is required."),
        ({"sign_off": "x" * 81}, "at most 80 characters"),
        ({"public_text": "bad \ufffd byte"}, "could not be read"),
        ({"version": "abc"}, "Enter a whole number."),
        ({"topics": ["99999"]}, "Select a valid choice"),
        ({"new_topics": ",".join(f"t{n}" for n in range(30))}, "At most 20 topics"),
    ],
)
def test_bad_edits_are_a_400_with_the_reason_and_change_nothing(desk, changes, error):
    letter = make_question()
    response = desk.post(
        letter_url(letter, "desk:letter_edit"), edit_data(letter, **changes)
    )
    assert response.status_code == 400
    assert error in response.content.decode()
    letter.refresh_from_db()
    assert letter.version == 1
    assert not AuditEntry.objects.exists()


# Decisions -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "start", "target"),
    [
        ("shortlist", Status.NEW, Status.SHORTLISTED),
        ("decline", Status.SHORTLISTED, Status.DECLINED),
        ("mark_spam", Status.NEW, Status.SPAM),
        ("reopen", Status.SPAM, Status.NEW),
    ],
)
def test_each_decision_moves_the_letter_audits_and_says_so(desk, action, start, target):
    letter = make_question()
    Question.objects.filter(pk=letter.pk).update(status=start)
    response = desk.post(
        letter_url(letter, "desk:letter_decide", action),
        {"version": 1, f"{action}-note": "Reason."},
        follow=True,
    )
    letter.refresh_from_db()
    assert letter.status == target
    entry = AuditEntry.objects.for_object(letter).get()
    assert (entry.action, entry.note) == (action, "Reason.")
    assert messages_of(response)[0].startswith(f"Letter #{letter.pk} ")


@pytest.mark.parametrize(
    ("action", "start"),
    [
        ("shortlist", Status.SHORTLISTED),
        ("decline", Status.ASSIGNED),
        ("mark_spam", Status.DECLINED),
        ("reopen", Status.NEW),
    ],
)
def test_a_decision_the_state_forbids_is_refused_with_the_reason(
    desk, columnist, action, start
):
    letter = make_question()
    Question.objects.filter(pk=letter.pk).update(status=start, assignee=columnist)
    response = desk.post(
        letter_url(letter, "desk:letter_decide", action), {"version": 1}
    )
    assert response.status_code == 409
    assert messages_of(response)[0].startswith("Can't ")
    letter.refresh_from_db()
    assert letter.status == start
    assert not AuditEntry.objects.exists()


def test_declining_moves_on_to_the_next_waiting_letter_of_the_column(desk, editor):
    column = make_column()
    letter = make_question(column=column)
    make_question()  # another column's
    workflow.mark_spam(make_question(column=column), by=editor)
    following = make_question(column=column)
    response = desk.post(
        letter_url(letter, "desk:letter_decide", "decline"), {"version": 1}
    )
    assert response.url == letter_url(following)
    response = desk.post(
        letter_url(following, "desk:letter_decide", "mark_spam"), {"version": 1}
    )
    assert response.url == reverse("desk:queue")


def test_the_next_waiting_letter_is_the_next_to_arrive(desk):
    column = make_column()
    letter, later, earlier = (make_question(column=column) for _ in range(3))
    hour = letter.submitted_at
    Question.objects.filter(pk=later.pk).update(submitted_at=hour + timedelta(hours=2))
    Question.objects.filter(pk=earlier.pk).update(
        submitted_at=hour - timedelta(hours=2)
    )
    response = desk.post(
        letter_url(letter, "desk:letter_decide", "decline"), {"version": 1}
    )
    assert response.url == letter_url(later)


def test_an_action_from_a_stale_page_is_refused(desk, editor):
    letter = make_question()
    workflow.shortlist(letter, by=editor)
    response = desk.post(
        letter_url(letter, "desk:letter_decide", "decline"), {"version": 1}
    )
    assert response.status_code == 409
    assert "changed since you opened the page" in messages_of(response)[0]
    letter.refresh_from_db()
    assert letter.status == Status.SHORTLISTED


# Assignment ------------------------------------------------------------------------


def test_assigning_creates_a_draft_and_tells_the_editor(desk, columnist):
    letter = make_question(headline="Talking about condoms")
    response = desk.post(
        letter_url(letter, "desk:letter_assign"),
        {"version": 1, "columnist": columnist.pk},
        follow=True,
    )
    answer = Answer.objects.get()
    letter.refresh_from_db()
    assert (letter.status, letter.assignee) == (Status.ASSIGNED, columnist)
    assert messages_of(response) == [
        f"Letter #{letter.pk} assigned to {columnist}, printed in “Talking about "
        "condoms”."
    ]
    assert list(answer.authors.all()) == [columnist]


def test_assigning_with_identifiers_left_needs_the_confirmation_box(desk, columnist):
    letter = make_question(public_text=LEAKY)
    url = letter_url(letter, "desk:letter_assign")
    refused = desk.post(url, {"version": 1, "columnist": columnist.pk})
    assert refused.status_code == 409
    assert "still contains 1 email address" in messages_of(refused)[0]
    letter.refresh_from_db()
    assert letter.status == Status.NEW

    desk.post(url, {"version": 1, "columnist": columnist.pk, "confirm_anonymity": "on"})
    letter.refresh_from_db()
    assert letter.status == Status.ASSIGNED
    note = AuditEntry.objects.for_object(letter).get().note
    assert "Anonymity check overridden: 1 email address" in note


def test_a_letter_joins_a_draft_of_its_column_as_a_roundup(desk, editor, columnist):
    column = make_column()
    answer = workflow.assign(make_question(column=column), to=columnist, by=editor)
    letter = make_question(column=column)
    desk.post(
        letter_url(letter, "desk:letter_assign"),
        {"version": 1, "columnist": columnist.pk, "answer": answer.pk},
    )
    assert [lt.question for lt in answer.letters.all()][-1] == letter


@pytest.mark.parametrize("forged", ["other_column", "missing", "published"])
def test_an_answer_the_page_did_not_offer_is_refused(desk, editor, columnist, forged):
    letter = make_question()
    other = workflow.assign(make_question(), to=columnist, by=editor)
    answer_pk = {
        "other_column": other.pk,
        "missing": 999999,
        "published": Answer.objects.filter(pk=other.pk).update(state="approved")
        and other.pk,
    }[forged]
    response = desk.post(
        letter_url(letter, "desk:letter_assign"),
        {"version": 1, "columnist": columnist.pk, "answer": answer_pk},
    )
    assert response.status_code == 400
    assert "Select a valid choice" in messages_of(response)[0]
    letter.refresh_from_db()
    assert letter.status == Status.NEW


def test_letters_cannot_be_assigned_to_someone_without_the_columnist_role(
    desk, reader_account
):
    letter = make_question()
    response = desk.post(
        letter_url(letter, "desk:letter_assign"),
        {"version": 1, "columnist": reader_account.pk},
    )
    assert response.status_code == 400
    assert not Answer.objects.exists()


# Duplicates ------------------------------------------------------------------------


def test_the_triage_page_lists_similar_letters(desk):
    column = make_column()
    letter = make_question(
        column=column, public_text="My partner snores loudly every night, help."
    )
    similar = make_question(
        column=column, public_text="He snores so loudly every night I can't sleep."
    )
    page = desk.get(letter_url(letter)).content.decode()
    assert f'name="duplicates" value="{similar.pk}"' in page


def test_the_editor_can_search_for_the_original_by_words_or_number(desk):
    column = make_column()
    letter = make_question(column=column)
    original = make_question(column=column, public_text="About a walrus costume.")
    make_question(public_text="Another column's walrus.")
    for find in ["walrus", f"#{original.pk}"]:
        response = desk.get(letter_url(letter), {"find": find})
        assert [q.pk for q in response.context["found"]] == [original.pk]


def test_marking_a_duplicate_points_it_at_the_original(desk):
    column = make_column()
    letter, original = make_question(column=column), make_question(column=column)
    desk.post(
        letter_url(letter, "desk:letter_duplicate"),
        {"version": 1, "original": original.pk},
    )
    letter.refresh_from_db()
    assert (letter.status, letter.duplicate_of) == (Status.DUPLICATE, original)


def test_a_letter_of_another_column_cannot_be_picked_as_the_original(desk):
    letter, foreign = make_question(), make_question()
    response = desk.post(
        letter_url(letter, "desk:letter_duplicate"),
        {"version": 1, "original": foreign.pk},
    )
    assert response.status_code == 400
    assert "Choose a letter of the same column." in messages_of(response)[0]
    letter.refresh_from_db()
    assert letter.status == Status.NEW


def test_a_cluster_with_a_refused_letter_merges_nothing_and_names_it(desk, editor):
    column = make_column()
    letter = make_question(column=column)
    fine, declined = make_question(column=column), make_question(column=column)
    workflow.decline(declined, by=editor)
    response = desk.post(
        letter_url(letter, "desk:letter_merge"),
        {"version": 1, "duplicates": [fine.pk, declined.pk]},
    )
    assert response.status_code == 409
    message = messages_of(response)[0]
    assert message.startswith("Nothing was changed: 1 letter was refused.")
    assert f"#{declined.pk}" in message and f"#{fine.pk}" not in message
    fine.refresh_from_db()
    assert fine.status == Status.NEW


def receive(column, text: str) -> tuple[Question, str]:
    return intake.receive_letter(
        column, text=text, sign_off="", topic=None, form_token=intake.new_form_token()
    )


def test_every_merged_reader_finds_the_answer_on_their_status_page(
    desk, editor, columnist
):
    column = make_column(slug="between-the-sheets")
    canonical, canonical_code = receive(column, "How do I say I want to slow down?")
    cluster = [receive(column, f"Slowing down, version {n}: how?") for n in range(3)]

    response = desk.post(
        letter_url(canonical, "desk:letter_merge"),
        {"version": 1, "duplicates": [letter.pk for letter, _ in cluster]},
        follow=True,
    )
    assert messages_of(response) == [
        "Merged 3 letters into this one; their readers will see its answer."
    ]

    answer = workflow.assign(canonical, to=columnist, by=editor)
    workflow.submit_for_review(answer, by=columnist)
    workflow.approve(answer, by=editor)
    workflow.publish(answer, by=editor)

    reader = Client()
    for code in [canonical_code, *(code for _, code in cluster)]:
        page = reader.post(reverse("columns:letter_status"), {"code": code})
        assert page.status_code == 200
        assert answer.get_absolute_url() in page.content.decode()


# Every button saves the edit first ----------------------------------------------------

CLEAN = "Hi Sam, reply here if you can."


def test_assigning_with_an_unsaved_edit_saves_it_first_then_assigns(
    desk, editor, columnist
):
    letter = make_question(public_text=LEAKY)
    response = desk.post(
        letter_url(letter, "desk:letter_assign"),
        {**edit_data(letter, public_text=CLEAN), "columnist": columnist.pk},
        follow=True,
    )
    letter.refresh_from_db()
    assert (letter.status, letter.public_text) == (Status.ASSIGNED, CLEAN)
    assert Answer.objects.get().letters.get().question == letter
    entries = AuditEntry.objects.for_object(letter)
    assert [entry.action for entry in entries] == ["assign", "edit"]
    assert "Anonymity" not in entries[0].note  # the saved text was clean
    assert messages_of(response)[0].startswith(
        f"Saved the public text. Letter #{letter.pk} assigned to {columnist}"
    )


def test_a_ticked_confirmation_assigns_the_edited_text_not_the_saved_one(
    desk, columnist
):
    letter = make_question(public_text=LEAKY)
    desk.post(
        letter_url(letter, "desk:letter_assign"),
        {
            **edit_data(letter, public_text=CLEAN),
            "columnist": columnist.pk,
            "confirm_anonymity": "on",
        },
    )
    letter.refresh_from_db()
    assert (letter.status, letter.public_text) == (Status.ASSIGNED, CLEAN)
    assert "jo.smith@example.com" not in letter.public_text


def test_a_stale_edit_sent_with_assign_assigns_nothing_and_keeps_the_typed_text(
    desk, editor, columnist
):
    letter = make_question(public_text=LEAKY)
    seen = letter.version
    workflow.shortlist(letter, by=editor)  # someone else, meanwhile
    response = desk.post(
        letter_url(letter, "desk:letter_assign"),
        {
            **edit_data(letter, version=seen, public_text="My careful rewrite."),
            "columnist": columnist.pk,
        },
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "changed since you opened the page" in messages_of(response)[0]
    assert "My careful rewrite." in page
    letter.refresh_from_db()
    assert (letter.status, letter.public_text) == (Status.SHORTLISTED, LEAKY)
    # Sending it again is a deliberate choice, made with the current letter shown.
    assert f'name="version" value="{letter.version}"' in page
    assert "Saved meanwhile by someone else" in page
    assert not Answer.objects.exists()


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"public_text": "   "}, "This field is required."),
        ({"sign_off": "x" * 81}, "at most 80 characters"),
        ({"headline": "h" * 201}, "at most 200 characters"),
    ],
)
def test_an_invalid_edit_sent_with_assign_assigns_nothing_and_keeps_the_typed_text(
    desk, columnist, changes, error
):
    letter = make_question(public_text=LEAKY)
    typed = {"public_text": "A rewrite I typed.", **changes}
    response = desk.post(
        letter_url(letter, "desk:letter_assign"),
        {**edit_data(letter, **typed), "columnist": columnist.pk},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert error in page
    assert messages_of(response)[0].startswith("Nothing was changed:")
    for value in typed.values():
        if value.strip():
            assert value in page
    letter.refresh_from_db()
    assert (letter.status, letter.public_text, letter.version) == (
        Status.NEW,
        LEAKY,
        1,
    )
    assert not AuditEntry.objects.exists()


def test_an_invalid_action_saves_nothing_of_the_edit(desk):
    letter = make_question(public_text=LEAKY)
    response = desk.post(
        letter_url(letter, "desk:letter_assign"),
        edit_data(letter, public_text=CLEAN),  # no columnist chosen
    )
    assert response.status_code == 400
    assert CLEAN in response.content.decode()
    letter.refresh_from_db()
    assert (letter.public_text, letter.version) == (LEAKY, 1)


def test_an_action_refused_after_the_edit_keeps_the_edit_saved_and_says_so(
    desk, columnist
):
    letter = make_question()
    response = desk.post(
        letter_url(letter, "desk:letter_assign"),
        {**edit_data(letter, sign_off="Dan, 07700 900789"), "columnist": columnist.pk},
    )
    assert response.status_code == 409
    assert messages_of(response) == [
        "Saved the sign-off.",
        "The letter still contains 1 phone number (in the sign-off). Remove them, "
        "or confirm that they may stay, before assigning the letter.",
    ]
    letter.refresh_from_db()
    assert (letter.status, letter.sign_off, letter.version) == (
        Status.NEW,
        "Dan, 07700 900789",
        2,
    )
    page = response.content.decode()
    assert f'name="version" value="{letter.version}"' in page
    assert "I checked the highlighted possible identifiers" in page


def _other_letter(letter: Question) -> Question:
    return make_question(column=letter.column)


@pytest.mark.parametrize(
    ("name", "extra", "status"),
    [
        ("shortlist", lambda other: {}, Status.SHORTLISTED),
        ("decline", lambda other: {"decline-note": "Off topic."}, Status.DECLINED),
        ("mark_spam", lambda other: {}, Status.SPAM),
        ("duplicate", lambda other: {"original": other.pk}, Status.DUPLICATE),
        ("merge", lambda other: {"duplicates": [other.pk]}, Status.NEW),
    ],
)
def test_every_triage_button_saves_the_edit_first(desk, name, extra, status):
    letter = make_question(public_text=LEAKY)
    other = _other_letter(letter)
    url = (
        letter_url(letter, f"desk:letter_{name}")
        if name in {"duplicate", "merge"}
        else letter_url(letter, "desk:letter_decide", name)
    )
    response = desk.post(
        url, {**edit_data(letter, public_text=CLEAN, headline="New"), **extra(other)}
    )
    assert response.status_code == 302
    letter.refresh_from_db()
    assert (letter.status, letter.public_text, letter.headline) == (
        status,
        CLEAN,
        "New",
    )
    actions = [entry.action for entry in AuditEntry.objects.for_object(letter)]
    assert actions[-1] == "edit"


def test_the_triage_page_is_one_form_whose_buttons_send_the_edit(desk):
    column = make_column()
    letter = make_question(column=column, public_text="He snores every night.")
    make_question(column=column, public_text="He snores every night, help.")
    page = desk.get(letter_url(letter)).content.decode()
    start = page.index('id="letter-edit-form"')
    end = page.index("</form>", start)
    form = page[start:end]
    assert "<form" not in form  # nothing nested: one form up to its end
    assert page.count('name="version"') == 1
    for name, extra in [
        ("desk:letter_assign", ()),
        ("desk:letter_merge", ()),
        ("desk:letter_duplicate", ()),
        ("desk:letter_decide", ("shortlist",)),
        ("desk:letter_decide", ("decline",)),
        ("desk:letter_decide", ("mark_spam",)),
    ]:
        assert f'formaction="{letter_url(letter, name, *extra)}"' in form
    for field in ["public_text", "headline", "sign_off", "columnist", "original"]:
        assert f'name="{field}"' in form
    # The search for the original is a GET of its own: it never sends the text.
    assert 'name="find"' in form and 'form="letter-find-form"' in form
    assert re.search(r'<form method="get" [^>]*id="letter-find-form"', page)


# The guard reads the headline and the sign-off too -----------------------------------


def test_the_triage_page_flags_identifiers_in_the_sign_off_and_headline(desk):
    letter = make_question(
        headline="From jo@example.com", sign_off="Dan, dan.smith@example.com"
    )
    page = desk.get(letter_url(letter)).content.decode()
    assert (
        "Possible identifiers in the headline and the sign-off: 2 email addresses."
        in page
    )
    assert "In the sign-off" in page and "In the headline" in page
    assert "I checked the highlighted possible identifiers" in page


def test_assigning_a_letter_signed_with_an_address_needs_the_confirmation(
    desk, columnist
):
    letter = make_question(sign_off="Dan, dan.smith@example.com, 07700 900789")
    response = desk.post(
        letter_url(letter, "desk:letter_assign"),
        {"version": 1, "columnist": columnist.pk},
    )
    assert response.status_code == 409
    assert (
        "1 email address and 1 phone number (in the sign-off)"
        in (messages_of(response)[0])
    )
    letter.refresh_from_db()
    assert letter.status == Status.NEW


def test_the_live_check_reads_the_typed_headline_and_sign_off(desk):
    letter = make_question()
    response = desk.post(
        letter_url(letter, "desk:letter_check"),
        {"public_text": "Clean.", "headline": "Hi", "sign_off": "insta is jo_92"},
    )
    page = response.content.decode()
    assert 'data-hit-count="1"' in page
    assert "Possible identifiers in the sign-off: 1 social media handle." in page
