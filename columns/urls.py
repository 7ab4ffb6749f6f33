"""Public routes: the archive, search, feeds, sitemap and the readers' intake.

Specific routes come before the catch-all answer route
``columns/<column>/<answer>/``.
"""

from django.urls import path, re_path, register_converter

from columns import feeds, sitemaps
from columns.pagecache import public_page
from columns.views import archive, cards, intake, pages
from columns.views import search as search_views


class TopicSlugConverter:
    """Topic slugs may be Unicode (taggit's ``allow_unicode``): letters, digits,
    hyphens and underscores of any script, nothing else."""

    regex = r"[-\w]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class PageNumberConverter:
    """A closed page of an archive list: 1 to 999,999, no leading zero (one
    address per page)."""

    regex = r"[1-9][0-9]{0,5}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(TopicSlugConverter, "topic")
register_converter(PageNumberConverter, "page")

app_name = "columns"

urlpatterns = [
    path("", archive.home, name="home"),
    path("ask/", intake.ask_index, name="ask_index"),
    path("ask/status/", intake.letter_status, name="letter_status"),
    path("search/", search_views.search_page, name="search"),
    path("columns/", archive.columns_index, name="columns_index"),
    path("topics/", archive.topics_index, name="topics_index"),
    path("archive/", archive.archive_index, name="archive_index"),
    re_path(
        r"^archive/(?P<year>[0-9]{4})/$", archive.archive_year, name="archive_year"
    ),
    re_path(
        r"^archive/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$",
        archive.archive_month,
        name="archive_month",
    ),
    re_path(
        r"^archive/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/page/(?P<number>[1-9][0-9]{0,5})/$",
        archive.archive_month,
        name="archive_month_page",
    ),
    path("topics/<topic:slug>/", archive.topic_detail, name="topic_detail"),
    path(
        "topics/<topic:slug>/page/<page:number>/",
        archive.topic_detail,
        name="topic_detail_page",
    ),
    path(
        "topics/<topic:slug>/feed/", public_page(feeds.TopicFeed()), name="topic_feed"
    ),
    path(
        "topics/<topic:slug>/feed/atom/",
        public_page(feeds.TopicAtomFeed()),
        name="topic_feed_atom",
    ),
    path("feed/", public_page(feeds.AnswerFeed()), name="feed"),
    path("feed/atom/", public_page(feeds.AnswerAtomFeed()), name="feed_atom"),
    path("sitemap.xml", public_page(sitemaps.index), name="sitemap"),
    re_path(
        r"^sitemap-(?P<section>[a-z0-9-]{1,20})\.xml$",
        public_page(sitemaps.section),
        name="sitemap_section",
    ),
    path("robots.txt", archive.robots_txt, name="robots_txt"),
    path("card.png", cards.site_card, name="site_card"),
    path("about/", pages.site_page, {"slug": "about"}, name="about"),
    path("privacy/", pages.site_page, {"slug": "privacy"}, name="privacy"),
    path("pages/<slug:slug>/", pages.site_page, name="site_page"),
    path("columns/<slug:slug>/", archive.column_detail, name="column_detail"),
    path(
        "columns/<slug:slug>/page/<page:number>/",
        archive.column_detail,
        name="column_detail_page",
    ),
    path("columns/<slug:slug>/ask/", intake.ask, name="ask"),
    path(
        "columns/<slug:slug>/ask/suggestions/",
        search_views.suggestions,
        name="suggestions",
    ),
    path(
        "columns/<slug:slug>/feed/", public_page(feeds.ColumnFeed()), name="column_feed"
    ),
    path(
        "columns/<slug:slug>/feed/atom/",
        public_page(feeds.ColumnAtomFeed()),
        name="column_feed_atom",
    ),
    path(
        "columns/<slug:column_slug>/<slug:slug>/",
        archive.answer_detail,
        name="answer_detail",
    ),
    path(
        "columns/<slug:column_slug>/<slug:slug>/read/",
        archive.answer_read,
        name="answer_read",
    ),
    path(
        "columns/<slug:column_slug>/<slug:slug>/card.png",
        cards.answer_card,
        name="answer_card",
    ),
]
