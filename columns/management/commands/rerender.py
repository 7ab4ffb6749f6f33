"""Render the Markdown of every answer and site page again: ``manage.py rerender``."""

from django.core.management.base import BaseCommand
from django.db import transaction

from columns.baking import sitewide
from columns.management.progress import by_tenths
from columns.markdown import render_markdown
from columns.models import Answer, SitePage

ANSWERS_AT_ONCE = 500


class Command(BaseCommand):
    help = (
        "Render the Markdown of every answer and site page again and store the "
        "HTML that pages show, after an upgrade changed how Markdown is rendered: "
        "the stored HTML is otherwise rendered only when a text is saved. Texts whose "
        "HTML comes out the same are left alone; if any changed, every cached page "
        "is made stale and the task worker bakes the site again."
    )

    def handle(self, *args, **options) -> None:
        ids = list(Answer.objects.order_by("pk").values_list("pk", flat=True))
        changed = 0
        progress = by_tenths(self.stdout, "answers")
        with transaction.atomic():
            for start in range(0, len(ids), ANSWERS_AT_ONCE):
                answers = Answer.objects.filter(
                    pk__in=ids[start : start + ANSWERS_AT_ONCE]
                ).only("body", "body_html")
                stale = []
                for answer in answers:
                    html = render_markdown(answer.body)
                    if html != answer.body_html:
                        answer.body_html = html
                        stale.append(answer)
                # Only the derived HTML: the answer itself was not edited.
                Answer.objects.bulk_update(stale, ["body_html"])
                changed += len(stale)
                progress(min(start + ANSWERS_AT_ONCE, len(ids)), len(ids))
            for page in SitePage.objects.all():
                if render_markdown(page.body) != page.body_html:
                    page.save(update_fields=["body"])
                    changed += 1
            if changed:
                sitewide.site_changed()
        self.stdout.write(
            self.style.SUCCESS(
                f"Rendered {len(ids):,} answers and the site pages again; the HTML "
                f"of {changed:,} changed."
            )
        )
