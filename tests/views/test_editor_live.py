"""What the editor page's scripts call: the live preview, the presence heartbeat and
the autosave."""

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from columns.models import Answer
from tests.factories import make_draft

PREVIEW_URL = "/desk/answers/markdownx/markdownify/"


class Elements(HTMLParser):
    """Every element of an HTML fragment with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.found.append((tag, attrs))


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_preview_url_is_the_one_markdownx_is_configured_with(settings):
    assert reverse("editor:markdownify") == PREVIEW_URL
    assert settings.MARKDOWNX_URLS_PATH == PREVIEW_URL


def test_the_preview_renders_with_the_sites_one_markdown_function(columnist):
    content = (
        "> Most people clear it.\n>\n> — Dr Amara Okafor, sexual health\n\n## Next"
    )
    response = signed_in(columnist).post(PREVIEW_URL, {"content": content})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<blockquote class="expert-quote">' in html
    assert '<p class="attribution">— Dr Amara Okafor, sexual health</p>' in html
    assert '<h2 id="next">Next</h2>' in html


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        "<iframe src=https://evil.example></iframe>",
        '<a href="#" onclick="alert(1)">x</a>',
        "![x](javascript:alert(1))",
    ],
)
def test_the_preview_is_sanitised(editor, attack):
    html = signed_in(editor).post(PREVIEW_URL, {"content": attack}).content.decode()
    elements = Elements()
    elements.feed(html)
    assert not {"script", "iframe", "img"} & {tag for tag, _ in elements.found}
    for _, attrs in elements.found:
        assert not any(name.startswith("on") for name, _ in attrs)
        assert not any(
            (value or "").strip().lower().startswith("javascript") for _, value in attrs
        )


def test_a_preview_without_content_is_400_not_500(columnist):
    response = signed_in(columnist).post(PREVIEW_URL, {})
    assert response.status_code == 400
    assert "No content was sent" in response.content.decode()


def test_an_empty_preview_is_empty(columnist):
    response = signed_in(columnist).post(PREVIEW_URL, {"content": ""})
    assert (response.status_code, response.content) == (200, b"")


def test_an_oversized_preview_is_400(columnist):
    response = signed_in(columnist).post(PREVIEW_URL, {"content": "x" * 60_001})
    assert response.status_code == 400


@pytest.mark.parametrize("who", ["anonymous", "no_role"])
def test_only_desk_members_get_a_preview(client, reader_account, who):
    if who == "no_role":
        client.force_login(reader_account)
    response = client.post(PREVIEW_URL, {"content": "**hi**"})
    assert response.status_code == 403
    assert b"<strong>" not in response.content


def test_the_preview_needs_the_csrf_token(columnist):
    client = Client(enforce_csrf_checks=True)
    client.force_login(columnist)
    assert client.post(PREVIEW_URL, {"content": "**hi**"}).status_code == 403


def test_the_preview_is_post_only(columnist):
    assert signed_in(columnist).get(PREVIEW_URL, {"content": "x"}).status_code == 405


# Presence ---------------------------------------------------------------------


def test_staff_with_the_answer_open_see_each_other(columnist, editor):
    editor.public_name = "Eddie Editor"
    editor.save()
    answer = make_draft(author=columnist)
    url = reverse("editor:presence", args=[answer.pk])
    signed_in(editor).get(reverse("editor:answer_edit", args=[answer.pk]))

    response = signed_in(columnist).post(url)
    assert response.json() == {"others": ["Eddie Editor"]}
    page = signed_in(columnist).get(reverse("editor:answer_edit", args=[answer.pk]))
    assert "Also open by Eddie Editor" in page.content.decode()

    signed_in(editor).post(url, {"leaving": "on"})
    assert signed_in(columnist).post(url).json() == {"others": []}


def test_presence_never_shows_yourself(columnist):
    answer = make_draft(author=columnist)
    client = signed_in(columnist)
    client.get(reverse("editor:answer_edit", args=[answer.pk]))
    assert client.post(reverse("editor:presence", args=[answer.pk])).json() == {
        "others": []
    }


def test_presence_of_someone_elses_answer_is_404(columnist, other_columnist):
    answer = make_draft(author=columnist)
    url = reverse("editor:presence", args=[answer.pk])
    assert signed_in(other_columnist).post(url).status_code == 404


def test_presence_is_refused_to_anonymous_visitors(client, columnist):
    answer = make_draft(author=columnist)
    assert client.post(reverse("editor:presence", args=[answer.pk])).status_code == 403


# Autosave ---------------------------------------------------------------------


@pytest.fixture
def draft(columnist):
    return make_draft(author=columnist, title="On saying no", body="First words.")


def autosave(client: Client, answer: Answer, **changes):
    data = {
        "title": answer.title,
        "summary": answer.summary,
        "body": answer.body,
        "version": answer.version,
    }
    data.update(changes)
    return client.post(reverse("editor:autosave", args=[answer.pk]), data)


def test_an_autosave_stores_the_text_and_answers_with_the_new_version(draft, columnist):
    response = autosave(
        signed_in(columnist), draft, body="Typed\r\nmore.", summary="  Two   words "
    )

    draft.refresh_from_db()
    saved_at = timezone.localtime(draft.autosaved_at)
    assert response.status_code == 200
    assert response.json() == {
        "version": 2,
        "saved_at": saved_at.isoformat(),
        "time": f"{saved_at:%H:%M}",
    }
    assert (draft.body, draft.summary, draft.autosaved_by) == (
        "Typed\nmore.",
        "Two words",
        columnist,
    )
    assert draft.revisions.count() == 1


def test_a_stale_autosave_is_409_with_the_conflict(draft, columnist, editor):
    autosave(signed_in(editor), draft, body="The editor's.")

    response = autosave(signed_in(columnist), draft, body="Mine.")

    assert response.status_code == 409
    assert response.json()["conflict"] is True
    assert "saved version 2" in response.json()["error"]
    draft.refresh_from_db()
    assert draft.body == "The editor's."


def test_autosaving_a_published_answer_is_refused_with_a_reason(draft, editor):
    now = timezone.now()
    Answer.objects.filter(pk=draft.pk).update(
        state=Answer.State.PUBLISHED,
        publish_at=now,
        first_published_at=now,
        last_published_at=now,
    )

    response = autosave(signed_in(editor), draft, body="Oops.")

    assert response.status_code == 403
    assert "published answers" in response.json()["error"]
    draft.refresh_from_db()
    assert draft.body == "First words."


def test_a_columnist_cannot_autosave_an_answer_in_review(draft, columnist):
    Answer.objects.filter(pk=draft.pk).update(state=Answer.State.IN_REVIEW)

    response = autosave(signed_in(columnist), draft, body="More.")

    assert response.status_code == 403
    assert "in review" in response.json()["error"]


def test_autosaving_someone_elses_answer_is_404(draft, other_columnist):
    assert autosave(signed_in(other_columnist), draft).status_code == 404


@pytest.mark.parametrize("who", ["anonymous", "no_role"])
def test_only_desk_members_may_autosave(client, reader_account, draft, who):
    if who == "no_role":
        client.force_login(reader_account)
    assert autosave(client, draft, body="Hi.").status_code == 403
    draft.refresh_from_db()
    assert draft.body == "First words."


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "Title: This field is required."),
        ({"title": "x" * 201}, "Title: Ensure this value has at most 200"),
        ({"body": "x" * 60_001}, "Body: Ensure this value has at most 60000"),
        ({"summary": "x" * 501}, "Summary: Ensure this value has at most 500"),
        ({"version": "two"}, "Version: Enter a whole number."),
        ({"version": "99999999999999999999"}, "Version:"),
        ({"version": ""}, "Version: This field is required."),
    ],
)
def test_bad_autosave_input_is_400_and_saves_nothing(
    draft, columnist, changes, message
):
    response = autosave(signed_in(columnist), draft, **changes)

    assert response.status_code == 400
    assert message in response.json()["error"]
    draft.refresh_from_db()
    assert (draft.version, draft.autosaved_at) == (1, None)


def test_the_autosave_needs_the_csrf_token(draft, columnist):
    client = Client(enforce_csrf_checks=True)
    client.force_login(columnist)
    assert autosave(client, draft, body="Hi.").status_code == 403
    draft.refresh_from_db()
    assert draft.body == "First words."


def test_the_autosave_is_post_only(draft, columnist):
    url = reverse("editor:autosave", args=[draft.pk])
    assert signed_in(columnist).get(url).status_code == 405


def test_the_autosave_uses_a_fixed_number_of_queries(
    draft, columnist, django_assert_max_num_queries
):
    client = signed_in(columnist)
    autosave(client, draft, body="Warm.")
    draft.refresh_from_db()
    with django_assert_max_num_queries(14):
        assert autosave(client, draft, body="Typed.").status_code == 200


def test_the_writers_save_after_autosaves_is_one_revision(draft, columnist):
    client = signed_in(columnist)
    autosave(client, draft, body="Typed.")
    draft.refresh_from_db()
    editing_version = draft.version

    response = client.post(
        reverse("editor:answer_edit", args=[draft.pk]),
        {
            "title": draft.title,
            "slug": draft.slug,
            "summary": "",
            "body": "Typed, then saved.",
            "topics": "",
            "version": editing_version,
        },
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.revisions.count() == 2
    assert draft.autosaved_at is None
