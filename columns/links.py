"""An answer's links to other answers: the previous and next public answers of its
column, and its related answers.

They are worked out when the answer goes public (``refresh``, called by the
workflow and by the task that runs when a scheduled answer's time comes) and
stored on the answer, so that its page reads them with the answer in one query
instead of searching on every request. An answer's related answers are chosen
when it is published or edited, and chosen again when one of them stops being
public; publishing a new answer does not reshuffle older answers' lists (that would
rewrite their pages on every publication).
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q

from columns.listings import adjacent_answers
from columns.models import Answer, RelatedAnswer


@dataclass(frozen=True)
class Links:
    older: Answer | None
    newer: Answer | None
    related: list[Answer]


def computed(answer: Answer, now: datetime) -> Links:
    """The links ``answer`` would get if it were public at ``now`` (the editor's
    preview shows them for an answer not yet published)."""
    # Imported here: columns.search imports columns.listings, which this module
    # imports.
    from columns import search

    older, newer = adjacent_answers(answer, now)
    return Links(older, newer, search.related_answers(answer))


def stored(answer: Answer) -> Links:
    """The links kept on a public answer (loaded with ``listings.for_answer_page``)."""
    related = [link.related for link in answer.related_links.all()]
    return Links(answer.older, answer.newer, related)


def refresh(answer: Answer, now: datetime) -> set[int]:
    """Bring the stored links around ``answer`` up to date after it went public,
    changed or stopped being public; the ids of the answers whose stored links
    changed (their pages show them)."""
    changed = set()
    public = Answer.objects.published(now).filter(pk=answer.pk).exists()
    # Who may have to link differently: the answer, the neighbours it had and
    # those it has now, and whoever linked to it.
    around = {answer.pk, answer.older_id, answer.newer_id}
    if public:
        around.update(other.pk for other in adjacent_answers(answer, now) if other)
    around.update(
        Answer.objects.filter(Q(older=answer) | Q(newer=answer)).values_list(
            "pk", flat=True
        )
    )
    around.discard(None)
    for other in Answer.objects.filter(pk__in=around).select_related("column"):
        if _relink_neighbours(other, now):
            changed.add(other.pk)
    relist = {answer.pk}
    if not public:
        relist.update(
            RelatedAnswer.objects.filter(related=answer).values_list(
                "answer_id", flat=True
            )
        )
    for other in Answer.objects.filter(pk__in=relist):
        if _relist_related(other, now):
            changed.add(other.pk)
    return changed


def _relink_neighbours(answer: Answer, now: datetime) -> bool:
    """Store the answer's previous and next public answers; whether they changed."""
    if Answer.objects.published(now).filter(pk=answer.pk).exists():
        older, newer = adjacent_answers(answer, now)
    else:
        older = newer = None
    ids = (older.pk if older else None, newer.pk if newer else None)
    if (answer.older_id, answer.newer_id) == ids:
        return False
    Answer.objects.filter(pk=answer.pk).update(older_id=ids[0], newer_id=ids[1])
    answer.older_id, answer.newer_id = ids
    return True


def _relist_related(answer: Answer, now: datetime) -> bool:
    """Store the answer's related answers; whether the list changed."""
    from columns import search

    public = Answer.objects.published(now).filter(pk=answer.pk).exists()
    chosen = [other.pk for other in search.related_answers(answer)] if public else []
    kept = list(
        RelatedAnswer.objects.filter(answer=answer)
        .order_by("position")
        .values_list("related_id", flat=True)
    )
    if kept == chosen:
        return False
    RelatedAnswer.objects.filter(answer=answer).delete()
    RelatedAnswer.objects.bulk_create(
        RelatedAnswer(answer=answer, related_id=pk, position=position)
        for position, pk in enumerate(chosen)
    )
    return True
