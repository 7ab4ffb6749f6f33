from django.db import models


class PageGeneration(models.Model):
    """The public pages' cache generation: one row, bumped in the transaction that
    publishes, edits or withdraws an answer, so every web process sees a change at
    the moment it commits, whatever cache it keeps pages in."""

    number = models.PositiveBigIntegerField(default=1)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(id=1), name="pagegeneration_single_row"
            )
        ]

    def __str__(self) -> str:
        return f"generation {self.number}"
