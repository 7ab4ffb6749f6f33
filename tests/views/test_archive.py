"""The public archive's pages: what each shows, and its status codes."""

import json
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from columns import archivepages, workflow
from columns.listings import answer_page_context
from columns.models import Answer, Topic
from tests.factories import (
    make_answer,
    make_column,
    make_content_warning,
    make_published_answer,
    make_question,
    make_user,
)
from tests.htmlcheck import nu_errors


def publish(answer: Answer, editor, columnist, at=None) -> Answer:
    answer.authors.add(columnist)
    workflow.submit_for_review(answer, by=columnist)
    workflow.approve(answer, by=editor)
    return workflow.publish(answer, by=editor, at=at)


def get_page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


@pytest.fixture
def published(editor, columnist):
    question = make_question(
        public_text="Edited for print.", original_text="Raw 555-0199"
    )
    answer = make_answer(
        questions=[question], title="On saying no", body="## Start\n\nHi."
    )
    return publish(answer, editor, columnist)


# The answer page ---------------------------------------------------------------------


def test_an_answer_page_shows_the_edited_letter_and_the_answer(client, published):
    page = get_page(client, published.get_absolute_url())
    assert "On saying no" in page
    assert "Edited for print." in page
    assert "555-0199" not in page  # the reader's original is never public
    assert '<h2 id="start">Start</h2>' in page


@pytest.fixture
def full_answer(db):
    column = make_column(
        name="Body Check", slug="body-check", disclaimer="Not medical advice."
    )
    letters = [
        make_question(
            column=column,
            headline=f"Letter {n}",
            public_text=f"Printed letter {n}.",
            sign_off=f"Reader {n}",
        )
        for n in (1, 2)
    ]
    author = make_user(public_name="Priya Halloran", bio="A former nurse.")
    answer = make_published_answer(
        questions=letters,
        column=column,
        title="Three on first times",
        summary="What to expect.",
        body="Hello **there**.",
        video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        video_start_seconds=30,
        topics=("first time", "consent"),
        warnings=(make_content_warning(label="Medical detail"),),
        authors=(author, make_user(public_name="Sam Okoro")),
    )
    Answer.objects.filter(pk=answer.pk).update(
        last_reviewed_on=timezone.localdate() - timedelta(days=3)
    )
    answer.refresh_from_db()
    return answer


def test_an_answer_page_shows_letters_bylines_dates_topics_and_labels(
    client, full_answer
):
    page = get_page(client, full_answer.get_absolute_url())
    for text in [
        "Letter 1",
        "Printed letter 1.",
        "— Reader 1",
        "Letter 2",
        "— Reader 2",
        "Hello <strong>there</strong>.",
        'By <span class="author">Priya Halloran</span> and',
        "A former nurse.",
        "Published",
        "Last reviewed",
        'href="/topics/first-time/"',
        "Medical detail",
        "Not medical advice.",
    ]:
        assert text in page, text
    assert page.index("Letter 1") < page.index("Letter 2")


def test_the_video_loads_only_after_a_click_and_links_to_its_host(client, full_answer):
    page = get_page(client, full_answer.get_absolute_url())
    assert "<iframe" not in page
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ&amp;t=30s"' in page
    assert (
        'data-video-embed="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'
        '?autoplay=1&amp;start=30"' in page
    )


def test_an_answer_page_has_a_canonical_url_opengraph_and_article_data(
    client, full_answer
):
    page = get_page(client, full_answer.get_absolute_url())
    # From SITE_URL, not the request's host: the page is cached by its path alone.
    url = f"{settings.SITE_URL}{full_answer.get_absolute_url()}"
    assert f'<link rel="canonical" href="{url}">' in page
    assert f'<meta property="og:url" content="{url}">' in page
    assert '<meta property="og:type" content="article">' in page
    (data,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page)
    article = json.loads(data)
    assert article["@type"] == "Article"
    assert article["headline"] == "Three on first times"
    assert [a["name"] for a in article["author"]] == ["Priya Halloran", "Sam Okoro"]
    assert article["mainEntityOfPage"] == url


def test_article_data_cannot_close_its_script_element(client, db):
    answer = make_published_answer(title="</script><script>alert(1)</script>")
    page = get_page(client, answer.get_absolute_url())
    (data,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page)
    assert json.loads(data)["headline"] == "</script><script>alert(1)</script>"


def test_public_pages_have_no_inline_scripts(client, full_answer):
    page = get_page(client, full_answer.get_absolute_url())
    for tag in re.findall(r"<script[^>]*>", page):
        assert "src=" in tag or 'type="application/ld+json"' in tag, tag
    assert " on" not in " ".join(re.findall(r"<[^>]+ on\w+=", page))


def test_an_answer_page_links_the_previous_and_next_answers_of_its_column(db, client):
    column = make_column()
    now = timezone.now()
    older, middle, newer = (
        make_published_answer(
            column=column, title=title, publish_at=now - timedelta(days=days)
        )
        for title, days in [("Older", 3), ("Middle", 2), ("Newer", 1)]
    )
    make_published_answer(title="Other column", publish_at=now - timedelta(hours=36))
    page = get_page(client, middle.get_absolute_url())
    assert f'<a rel="prev" href="{older.get_absolute_url()}">' in page
    assert f'<a rel="next" href="{newer.get_absolute_url()}">' in page
    assert "Other column" not in page
    assert 'rel="next"' not in get_page(client, newer.get_absolute_url())


def test_an_answer_page_lists_the_related_answers_chosen_at_its_publication(client, db):
    make_published_answer(title="Choosing a lubricant")
    answer = make_published_answer(title="Lube basics", topics=("lubricant",))
    make_published_answer(title="Lubricant myths")  # published later
    page = get_page(client, answer.get_absolute_url())
    assert "Related answers" in page
    assert "Choosing a lubricant" in page
    # Publishing does not reshuffle older answers' lists (and rewrite their pages).
    assert "Lubricant myths" not in page


def test_the_staff_preview_shows_the_neighbours_and_related_answers(client, editor):
    column = make_column()
    now = timezone.now()
    older, answer = (
        make_published_answer(
            column=column, title=title, topics=("lubricant",),
            publish_at=now - timedelta(days=days),
        )
        for title, days in [("Lube basics", 2), ("Choosing a lubricant", 1)]
    )  # fmt: skip
    client.force_login(editor)
    url = reverse("editor:answer_preview", args=[answer.pk])
    page = client.get(url).content.decode()
    assert f'<a rel="prev" href="{older.get_absolute_url()}">' in page
    assert "Related answers" in page


def test_a_withdrawn_answer_is_gone(client, published, editor):
    workflow.withdraw(published, by=editor, note="Outdated advice.")
    response = client.get(published.get_absolute_url())
    assert response.status_code == 410
    assert "On saying no" not in response.content.decode()


@pytest.mark.parametrize("state", ["draft", "in_review", "approved"])
def test_unpublished_answers_are_404(client, db, state):
    answer = make_answer()
    Answer.objects.filter(pk=answer.pk).update(state=state)
    assert client.get(answer.get_absolute_url()).status_code == 404


def test_a_scheduled_answer_is_404_until_its_time(client, editor, columnist):
    answer = make_answer(title="Soon")
    publish(answer, editor, columnist, at=timezone.now() + timedelta(hours=2))
    assert client.get(answer.get_absolute_url()).status_code == 404
    assert "Soon" not in get_page(client, reverse("columns:home"))


def test_the_answer_template_renders_a_staff_preview_of_a_draft(db, rf):
    answer = make_answer(title="Draft title", body="Draft **body**.")
    answer.content_warnings.add(make_content_warning(is_nsfw=True))
    html = render_to_string(
        "columns/answer_detail.html",
        {**answer_page_context(answer, preview=True), "preview": True},
        request=rf.get("/desk/"),
    )
    assert "Preview." in html
    assert "Draft <strong>body</strong>." in html  # no content notice in a preview
    assert '<meta name="robots" content="noindex">' in html
    assert "canonical" not in html
    assert "application/ld+json" not in html


# Content notices ----------------------------------------------------------------------


@pytest.fixture
def nsfw_answer(db):
    warning = make_content_warning(
        label="Explicit", description="Frank sexual detail.", is_nsfw=True
    )
    question = make_question(headline="A private letter", public_text="Letter text.")
    return make_published_answer(
        questions=[question], title="Explicit answer", body="The body.",
        warnings=(warning,),
    )  # fmt: skip


def test_an_nsfw_answer_opens_behind_a_notice_without_its_text(client, nsfw_answer):
    response = client.get(nsfw_answer.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Explicit answer" in page
    assert "Frank sexual detail." in page
    assert f'href="{nsfw_answer.get_absolute_url()}read/"' in page
    assert "The body." not in page
    assert "Letter text." not in page
    assert '<meta name="robots" content="noindex">' in page
    assert response["X-Robots-Tag"] == "noindex"
    assert not response.cookies


def test_the_notice_link_shows_the_whole_answer_without_cookies(client, nsfw_answer):
    response = client.get(nsfw_answer.get_absolute_url() + "read/")
    page = response.content.decode()
    assert "The body." in page
    assert "Letter text." in page
    assert not response.cookies
    assert response["X-Robots-Tag"] == "noindex"


def test_the_old_show_link_moves_to_the_full_text_address(client, nsfw_answer):
    response = client.get(nsfw_answer.get_absolute_url() + "?show=1")
    assert response.status_code == 301
    assert response["Location"] == nsfw_answer.get_absolute_url() + "read/"


def test_an_answer_without_a_notice_has_no_second_address(client, db):
    answer = make_published_answer(title="Plain")
    response = client.get(answer.get_absolute_url() + "read/")
    assert response.status_code == 301
    assert response["Location"] == answer.get_absolute_url()


def test_lists_show_labels_and_summary_but_no_text_of_nsfw_answers(client, nsfw_answer):
    Answer.objects.filter(pk=nsfw_answer.pk).update(summary="What to ask for.")
    page = get_page(client, reverse("columns:home"))
    assert "Explicit answer" in page
    assert "Explicit</span>" in page
    assert "What to ask for." in page
    assert "Letter text." not in page


# Lists ------------------------------------------------------------------------------


def test_home_lists_published_answers_newest_first(client, editor, columnist):
    older = publish(make_answer(title="Older"), editor, columnist)
    newer = publish(make_answer(title="Newer"), editor, columnist)
    page = get_page(client, reverse("columns:home"))
    assert page.index(newer.title) < page.index(older.title)


def test_list_items_show_title_excerpt_column_date_topics_and_labels(client, db):
    column = make_column(name="Second Spring", slug="second-spring")
    question = make_question(
        column=column, public_text="After forty years I am dating again.",
        original_text="Secret original.",
    )  # fmt: skip
    make_published_answer(
        questions=[question], title="Widowed, and someone new",
        topics=("dating",), warnings=(make_content_warning(label="Grief"),),
    )  # fmt: skip
    for url in [
        reverse("columns:home"),
        reverse("columns:column_detail", args=["second-spring"]),
        reverse("columns:topic_detail", args=["dating"]),
        reverse("columns:search") + "?q=widowed",
    ]:
        page = get_page(client, url)
        assert "Widowed, and someone new" in page, url
        assert "After forty years" in page or "<mark>Widowed</mark>" in page, url
        assert 'href="/columns/second-spring/"' in page, url
        assert 'href="/topics/dating/"' in page, url
        assert "Grief</span>" in page, url
        assert "Secret original." not in page, url
        assert "<time datetime=" in page, url


def test_home_shows_the_columns_and_popular_topics(client, db):
    make_column(name="Closed column", is_open=False)
    for _ in range(2):
        make_published_answer(topics=("consent",))
    make_published_answer(topics=("kink",))
    page = get_page(client, reverse("columns:home"))
    assert "Closed column" in page
    popular = page[page.index("Popular topics") :]
    assert popular.index(">consent<") < popular.index(">kink<")


def test_a_column_page_shows_its_description_hosts_and_ask_link(client, db):
    column = make_column(
        name="Between the Sheets", slug="sheets", description="Frank answers."
    )
    column.hosts.add(make_user(public_name="Sam Okoro"))
    page = get_page(client, reverse("columns:column_detail", args=["sheets"]))
    assert "Frank answers." in page
    assert "Hosted by Sam Okoro" in page
    assert reverse("columns:ask", args=["sheets"]) in page
    assert "No answers have been published in this column yet." in page


def test_a_closed_column_has_no_ask_link(client, db):
    make_column(slug="closed", is_open=False)
    page = get_page(client, reverse("columns:column_detail", args=["closed"]))
    assert reverse("columns:ask", args=["closed"]) not in page
    assert "not taking questions" in page


def test_list_pages_are_numbered_from_the_oldest_and_link_to_each_other(client, db):
    column = make_column(slug="busy")
    now = timezone.now()
    for day in range(45):
        make_published_answer(
            column=column, title=f"Answer day {day}",
            publish_at=now - timedelta(days=day + 1),
        )  # fmt: skip
    assert archivepages.column_list(column).close_pages(now) == [1]
    url = reverse("columns:column_detail", args=["busy"])
    latest = get_page(client, url)
    assert "Answer day 0<" in latest and "Answer day 24<" in latest
    assert "Answer day 25<" not in latest
    assert f'href="{url}page/1/"' in latest
    oldest = get_page(client, f"{url}page/1/")
    assert "Answer day 25<" in oldest and "Answer day 44<" in oldest
    assert "Answer day 24<" not in oldest
    assert f'<a rel="prev" href="{url}">' in oldest
    get_page(client, f"{url}page/2/", status=404)
    get_page(client, f"{url}page/0/", status=404)
    # The old ?page= links show the latest answers rather than fail.
    assert "Answer day 0<" in get_page(client, url + "?page=2")


def test_a_topic_page_lists_its_answers(client, db):
    make_published_answer(title="Tagged", topics=("menopause",))
    make_published_answer(title="Untagged")
    Topic.objects.filter(slug="menopause").update(description="The change.")
    page = get_page(client, reverse("columns:topic_detail", args=["menopause"]))
    assert "Tagged" in page and "Untagged" not in page
    assert "The change." in page


def test_a_topic_without_public_answers_is_404(client, db):
    make_answer(title="Draft").topics.add("secret plans")
    get_page(client, reverse("columns:topic_detail", args=["secret-plans"]), 404)


def test_the_date_archive_goes_by_year_then_month(client, db):
    when = timezone.make_aware(timezone.datetime(2025, 3, 14, 12))
    make_published_answer(title="Pi day", publish_at=when)
    make_published_answer(title="Later", publish_at=when + timedelta(days=40))
    assert 'href="/archive/2025/"' in get_page(client, "/archive/")
    year = get_page(client, "/archive/2025/")
    assert 'href="/archive/2025/03/"' in year and "(1 answer)" in year
    assert 'href="/archive/2025/04/"' in year
    march = get_page(client, "/archive/2025/03/")
    assert "Pi day" in march and "Later" not in march


def test_the_archive_lists_only_years_that_have_answers(client, db):
    for year in (2022, 2025):
        when = timezone.make_aware(timezone.datetime(year, 6, 1, 12))
        make_published_answer(title=f"In {year}", publish_at=when)
    archive = get_page(client, "/archive/")
    assert archive.index('href="/archive/2025/"') < archive.index(
        'href="/archive/2022/"'
    )
    assert "/archive/2023/" not in archive and "/archive/2024/" not in archive


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_off_staff_pages(
    client, db
):
    response = client.get("/robots.txt")
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /desk/" in text and "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_public_pages_are_valid_html(client, full_answer, nsfw_answer):
    urls = [
        reverse("columns:home"),
        full_answer.get_absolute_url(),
        nsfw_answer.get_absolute_url(),
        reverse("columns:column_detail", args=["body-check"]),
        reverse("columns:topic_detail", args=["consent"]),
        reverse("columns:archive_index"),
        reverse("columns:search") + "?q=first",
        reverse("columns:search") + "?q=nothing-like-it",
    ]
    assert nu_errors({url: get_page(client, url) for url in urls}) == {}


def test_a_year_page_lists_the_titles_of_its_months_newest_first(client, db):
    shown = archivepages.TITLES_PER_MONTH
    for day in range(1, shown + 3):
        when = timezone.make_aware(timezone.datetime(2025, 3, day, 12))
        make_published_answer(title=f"March answer {day}", publish_at=when)
    when = timezone.make_aware(timezone.datetime(2025, 6, 1, 12))
    make_published_answer(title="June answer", publish_at=when)
    year = get_page(client, "/archive/2025/")
    assert year.index("June answer") < year.index(f"March answer {shown + 2}")
    assert "March answer 2" not in year  # beyond the first few: on March's page
    assert '<a href="/archive/2025/03/">2 more in March →</a>' in year
    assert "more in June" not in year


def test_a_month_links_the_nearest_months_with_answers(client, db):
    for month in (1, 4, 9):
        when = timezone.make_aware(timezone.datetime(2025, month, 5, 12))
        make_published_answer(title=f"Month {month}", publish_at=when)
    april = get_page(client, "/archive/2025/04/")
    assert 'href="/archive/2025/01/">← January 2025</a>' in april
    assert 'href="/archive/2025/09/">September 2025 →</a>' in april
    january = get_page(client, "/archive/2025/01/")
    assert "Other months" in january and "December" not in january
    assert 'href="/archive/2025/04/">April 2025 →</a>' in january


def test_the_year_page_costs_the_same_queries_for_one_month_or_twelve(client, db):
    def queries_of_2025() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            get_page(client, "/archive/2025/")
        return len(queries)

    make_published_answer(publish_at=timezone.make_aware(timezone.datetime(2025, 1, 5)))
    one_month = queries_of_2025()
    for month in range(2, 13):
        for day in range(1, 4):
            when = timezone.make_aware(timezone.datetime(2025, month, day, 12))
            make_published_answer(publish_at=when)
    assert queries_of_2025() == one_month <= 10


def test_the_topics_index_counts_each_topics_public_answers(client, db):
    for title in ("One", "Two"):
        make_published_answer(title=title).topics.add("Consent")
    make_published_answer(title="Three").topics.add("Dating")
    make_answer(title="A draft").topics.add("Dating", "Grief")
    with CaptureQueriesContext(connection) as queries:
        page = get_page(client, reverse("columns:topics_index"))
    assert re.search(
        r'Consent <span class="count">2<span class="visually-hidden">'
        r" answers</span>",
        page,
    )
    assert re.search(
        r'Dating <span class="count">1<span class="visually-hidden">'
        r" answer</span>",
        page,
    )
    assert "Grief" not in page  # only a draft carries it
    assert len(queries) <= 3
