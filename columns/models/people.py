from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A member of staff. Readers never have accounts.

    ``public_name`` is the byline shown on answers, so usernames stay private.
    """

    public_name = models.CharField(
        max_length=120, blank=True, help_text="Byline shown on published answers."
    )
    bio = models.TextField(blank=True, help_text="A short public biography.")

    def __str__(self) -> str:
        return self.byline

    @property
    def byline(self) -> str:
        return self.public_name or self.get_full_name() or self.username
