from django.db import models


class PageGeneration(models.Model):
    """The public pages' cache generation: one row, bumped in the transaction that
    publishes, edits or withdraws an answer, so every web process sees a change at
    the moment it commits, whatever cache it keeps pages in."""

    number = models.PositiveBigIntegerField(default=1)
    # Bumped by every change the public sees: pages with a query string (search)
    # can't be listed by path, so their keys carry it.
    changes = models.PositiveBigIntegerField(default=1)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(id=1), name="pagegeneration_single_row"
            )
        ]

    def __str__(self) -> str:
        return f"generation {self.number}"


class ArchivePage(models.Model):
    """A closed page of a public list of answers, numbered from the oldest.

    A list (a column's answers, a topic's, a month's) shows its newest answers on
    its own address and keeps older ones on numbered pages. A page closes once the
    open end of the list holds two pages' worth; from then on it covers the answers
    up to and including (``ends_at``, ``ends_id``) in publication order, after the
    page before it. So publishing never moves an answer to another page, and a
    baked page stays valid until an answer on it changes
    (``columns.archivepages``).
    """

    class Kind(models.TextChoices):
        COLUMN = "column", "Column"
        TOPIC = "topic", "Topic"
        MONTH = "month", "Month"

    kind = models.CharField(max_length=6, choices=Kind.choices)
    # The column's or topic's id, or the month as YYYYMM.
    owner = models.PositiveIntegerField()
    number = models.PositiveIntegerField()
    ends_at = models.DateTimeField()
    ends_id = models.PositiveBigIntegerField()

    class Meta:
        ordering = ["kind", "owner", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "owner", "number"], name="archivepage_unique_number"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=["column", "topic", "month"]),
                name="archivepage_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.owner} page {self.number}"
