from django.db import models

from columns.addresses import address
from columns.models.rendered import RenderedBody

# Pages with an address of their own; any other page is at /pages/<slug>/.
SHORT_ADDRESSES = {"about": "columns:about", "privacy": "columns:privacy"}


class SitePage(RenderedBody, models.Model):
    """A page about the site itself (About, Privacy, ...), written in the back
    office. Its Markdown is rendered once, on save, like an answer's."""

    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text="“about” and “privacy” are at /about/ and /privacy/; any other "
        "page at /pages/<slug>/.",
    )
    title = models.CharField(max_length=120)
    body = models.TextField(help_text="Markdown, as in answers.")
    body_html = models.TextField(blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        if self.slug in SHORT_ADDRESSES:
            return address(SHORT_ADDRESSES[self.slug])
        return address("columns:site_page", self.slug)
