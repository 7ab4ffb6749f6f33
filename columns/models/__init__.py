"""The domain model, split by concern so no module grows past a screenful or two.

- ``people``: the staff user (public byline name and bio).
- ``columns``: columns, their topics and content warnings.
- ``questions``: readers' letters and the queue's read filters.
- ``answers``: answers, the letters they print, revisions and review comments.
- ``audit``: one entry per workflow transition.
- ``site``: the public pages' cache generation and the closed pages of lists.
- ``help``: crisis lines and support services shown to readers who may need them.
- ``pages``: pages about the site itself (About, Privacy).

State changes never happen here: ``columns.workflow`` owns them.
"""

from columns.models.answers import (
    Answer,
    AnswerLetter,
    RelatedAnswer,
    ReviewComment,
    Revision,
)
from columns.models.audit import AuditEntry
from columns.models.columns import Column, ContentWarning, Topic
from columns.models.help import HelpResource
from columns.models.pages import SitePage
from columns.models.people import User
from columns.models.questions import Question
from columns.models.site import ArchivePage, PageGeneration
from columns.models.tags import TaggedAnswer, TaggedQuestion

__all__ = [
    "Answer",
    "AnswerLetter",
    "ArchivePage",
    "AuditEntry",
    "Column",
    "ContentWarning",
    "HelpResource",
    "PageGeneration",
    "Question",
    "RelatedAnswer",
    "ReviewComment",
    "Revision",
    "SitePage",
    "TaggedAnswer",
    "TaggedQuestion",
    "Topic",
    "User",
]
