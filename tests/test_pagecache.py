"""The public-page cache: cookies, invalidation, scheduled answers and 304s."""

import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from columns import caching, pagecache, workflow
from columns.models import Answer
from columns.pagecache import PAGE_TTL, page_ttl
from tests.factories import make_answer, make_column, make_published_answer

HOME = reverse("columns:home")


def home_text(client) -> str:
    return client.get(HOME).content.decode()


def ready_to_publish(answer: Answer, editor, columnist) -> Answer:
    answer.authors.add(columnist)
    workflow.submit_for_review(answer, by=columnist)
    return workflow.approve(answer, by=editor)


@pytest.fixture
def column(db):
    return make_column(slug="sheets")


@pytest.fixture
def public_urls(column):
    answer = make_published_answer(column=column, topics=("consent",))
    return [
        HOME,
        answer.get_absolute_url(),
        reverse("columns:column_detail", args=["sheets"]),
        reverse("columns:topic_detail", args=["consent"]),
        reverse("columns:archive_index"),
        reverse("columns:search") + "?q=answer",
        reverse("columns:feed"),
        reverse("columns:column_feed_atom", args=["sheets"]),
        reverse("columns:sitemap"),
        reverse("columns:robots_txt"),
    ]


def test_public_pages_set_no_cookies_and_do_not_vary_on_them(client, public_urls):
    for url in public_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, url
        assert "Cookie" not in response.get("Vary", ""), url
        assert "public" in response["Cache-Control"], url


def test_a_cached_page_costs_one_query_for_the_generation(client, public_urls):
    for url in public_urls:
        first = client.get(url)
        with CaptureQueriesContext(connection) as queries:
            second = client.get(url)
        assert second.content == first.content, url
        assert len(queries) == 1, url
        assert "columns_pagegeneration" in queries[0]["sql"], url


def test_publishing_an_answer_refreshes_cached_pages(
    client, editor, columnist, django_capture_on_commit_callbacks
):
    answer = ready_to_publish(make_answer(title="Brand new"), editor, columnist)
    assert "Brand new" not in home_text(client)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(answer, by=editor)
    assert "Brand new" in home_text(client)


def test_withdrawing_an_answer_refreshes_cached_pages(
    client, editor, columnist, django_capture_on_commit_callbacks
):
    answer = ready_to_publish(make_answer(title="Short-lived"), editor, columnist)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(answer, by=editor)
    assert "Short-lived" in home_text(client)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.withdraw(answer, by=editor, note="Wrong.")
    assert "Short-lived" not in home_text(client)


def test_editing_a_published_answer_refreshes_cached_pages(
    client, db, django_capture_on_commit_callbacks
):
    answer = make_published_answer(title="Before the edit")
    page = client.get(answer.get_absolute_url()).content.decode()
    assert "Before the edit" in page and "Before the edit" in home_text(client)
    answer.title = "After the edit"
    with django_capture_on_commit_callbacks(execute=True):
        answer.save()
        caching.invalidate_public_pages()
    assert "After the edit" in client.get(answer.get_absolute_url()).content.decode()
    assert "After the edit" in home_text(client)


def test_pages_live_no_longer_than_until_the_next_scheduled_publication(db):
    now = timezone.now()
    assert page_ttl(caching.current(now), now) == PAGE_TTL
    soon = make_published_answer(publish_at=now + timedelta(seconds=90))
    make_published_answer(publish_at=now + timedelta(hours=2))
    assert caching.current(now).next_publication_at == soon.publish_at
    assert page_ttl(caching.current(now), now) == 90


def test_a_scheduled_answer_appears_at_its_time_without_any_job(client, db):
    make_published_answer(
        title="Right on time", publish_at=timezone.now() + timedelta(seconds=1)
    )
    assert "Right on time" not in home_text(client)
    time.sleep(1.2)
    assert "Right on time" in home_text(client)


@pytest.mark.parametrize("kind", ["answer", "feed", "atom feed"])
def test_answer_pages_and_feeds_answer_conditional_gets_with_304(client, db, kind):
    answer = make_published_answer()
    url = {
        "answer": answer.get_absolute_url(),
        "feed": reverse("columns:feed"),
        "atom feed": reverse("columns:feed_atom"),
    }[kind]
    first = client.get(url)
    assert first["ETag"] and first["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"stale"').status_code == 200


def test_a_changed_page_does_not_match_its_old_etag(
    client, db, django_capture_on_commit_callbacks
):
    answer = make_published_answer(title="Version one")
    etag = client.get(answer.get_absolute_url())["ETag"]
    answer.title = "Version two"
    with django_capture_on_commit_callbacks(execute=True):
        answer.save()
        caching.invalidate_public_pages()
    response = client.get(answer.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "Version two" in response.content.decode()


def test_error_pages_are_not_cached(client, db):
    answer = make_answer(title="Not yet")
    assert client.get(answer.get_absolute_url()).status_code == 404
    Answer.objects.filter(pk=answer.pk).delete()
    published = make_published_answer(
        column=answer.column, slug=answer.slug, title="Now public"
    )
    assert client.get(published.get_absolute_url()).status_code == 200


def test_with_a_shared_cache_a_change_drops_only_the_pages_that_show_it(
    client, editor, columnist, settings, django_capture_on_commit_callbacks, tmp_path
):
    # Files: a cache every process shares, as Redis is.
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "pages"),
        },
    }
    elsewhere = make_published_answer(title="Elsewhere", column=make_column())
    answer = ready_to_publish(make_answer(title="Brand new"), editor, columnist)
    paths = [HOME, elsewhere.get_absolute_url()]
    for path in paths:
        assert client.get(path).status_code == 200
    generation = caching.current().generation
    assert all(cache.get(pagecache._key(generation, path)) for path in paths)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(answer, by=editor)
    assert cache.get(pagecache._key(generation, HOME)) is None  # it lists the answer
    assert cache.get(pagecache._key(generation, elsewhere.get_absolute_url()))
    assert "Brand new" in home_text(client)
