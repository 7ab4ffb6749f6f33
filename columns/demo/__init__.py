"""Demo content for ``manage.py seed_demo``, kept as data.

Everything here was written for this project: the letters, the answers and the
experts quoted in them are fictional. The links point only at the home pages of
real, reputable health sites.

- ``spec``: the shapes of the data.
- ``site``: staff users (demo passwords), topics, content warnings, columns.
- ``sheets_letters``, ``health_letters``: readers' letters, by column.
- ``sheets_answers``, ``health_answers``: answers, one or more in every state;
  ``sheets_long`` and ``health_long`` hold the four long ones.
- ``help``: help resources (crisis lines, support services) and the About and
  Privacy pages.

The command creates things in this order, so a letter is always defined before
the answer that prints it and the letters merged into it.
"""

from columns.demo import health_answers, health_letters, sheets_answers, sheets_letters
from columns.demo.help import HELP_RESOURCES, PAGES
from columns.demo.site import COLUMNS, TOPICS, USERS, WARNINGS
from columns.demo.spec import (
    DemoAnswer,
    DemoColumn,
    DemoHelpResource,
    DemoLetter,
    DemoPage,
    DemoTopic,
    DemoUser,
    DemoWarning,
    Review,
)

LETTERS: tuple[DemoLetter, ...] = sheets_letters.LETTERS + health_letters.LETTERS
ANSWERS: tuple[DemoAnswer, ...] = sheets_answers.ANSWERS + health_answers.ANSWERS

__all__ = [
    "ANSWERS",
    "COLUMNS",
    "HELP_RESOURCES",
    "LETTERS",
    "PAGES",
    "TOPICS",
    "USERS",
    "WARNINGS",
    "DemoAnswer",
    "DemoColumn",
    "DemoHelpResource",
    "DemoLetter",
    "DemoPage",
    "DemoTopic",
    "DemoUser",
    "DemoWarning",
    "Review",
]
