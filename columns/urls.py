"""Public routes: the archive, search, feeds, sitemap and the readers' intake.

Specific routes come before the catch-all answer route
``columns/<column>/<answer>/``.
"""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, re_path, register_converter

from columns import feeds
from columns.pagecache import public_page
from columns.sitemaps import SITEMAPS
from columns.views import archive, intake
from columns.views import search as search_views


class TopicSlugConverter:
    """Topic slugs may be Unicode (taggit's ``allow_unicode``): letters, digits,
    hyphens and underscores of any script, nothing else."""

    regex = r"[-\w]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(TopicSlugConverter, "topic")

app_name = "columns"

urlpatterns = [
    path("", archive.home, name="home"),
    path("ask/", intake.ask_index, name="ask_index"),
    path("ask/status/", intake.letter_status, name="letter_status"),
    path("search/", search_views.search_page, name="search"),
    path("archive/", archive.archive_index, name="archive_index"),
    re_path(
        r"^archive/(?P<year>[0-9]{4})/$", archive.archive_year, name="archive_year"
    ),
    re_path(
        r"^archive/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$",
        archive.archive_month,
        name="archive_month",
    ),
    path("topics/<topic:slug>/", archive.topic_detail, name="topic_detail"),
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
    path(
        "sitemap.xml",
        public_page(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "columns:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        public_page(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("robots.txt", archive.robots_txt, name="robots_txt"),
    path("columns/<slug:slug>/", archive.column_detail, name="column_detail"),
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
]
