"""One letter's page: the triage page for editors, a read-only view for its
columnist."""

import re

from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from columns import anonymity, search, workflow
from columns.access import desk_member_required, is_editor
from columns.diff import word_diff
from columns.forms.desk import (
    AssignForm,
    DuplicateForm,
    LetterEditForm,
    LetterFindForm,
    MergeForm,
)
from columns.models import Question
from columns.workflow.history import history

SIMILAR = 5
FOUND = 20
LISTED_MERGED = 50
# Single-step decisions shown as plain buttons; duplicates and assignment have
# their own sections.
DECISIONS = ("shortlist", "decline", "mark_spam", "reopen")
LETTER_NUMBER = re.compile(r"#?\s*(\d{1,18})")


def letter_or_404(pk: int) -> Question:
    return get_object_or_404(
        Question.objects.select_related("column", "assignee", "duplicate_of"), pk=pk
    )


def text_checks(
    letter: Question, *, headline: str, public_text: str, sign_off: str
) -> dict:
    """The anonymity check of the letter's printed parts as given (the headline,
    public text and sign-off, saved or being typed) and the public text's diff from
    the reader's original."""
    parts = anonymity.check_letter(
        headline=headline, public_text=public_text, sign_off=sign_off
    )
    hits = [hit for part in parts for hit in part.hits]
    diff = word_diff(letter.original_text, public_text)
    return {
        "hits": hits,
        "hits_summary": anonymity.summarise(hits),
        "hits_where": anonymity.where(parts),
        "flagged_parts": [
            {
                "label": part.label,
                "hits": part.hits,
                "highlighted": anonymity.highlight(part.text, part.hits),
            }
            for part in parts
            if part.hits
        ],
        "diff": diff.segments,
        "unchanged": not diff.changed,
    }


def shown_text(letter: Question, edit_form: Form) -> dict[str, str]:
    """The printed parts the triage page shows: as typed, in a bound edit form, or
    as saved."""
    names = ("headline", "public_text", "sign_off")
    if edit_form.is_bound:
        return {name: edit_form[name].value() or "" for name in names}
    return {name: getattr(letter, name) for name in names}


def _found_letters(letter: Question, find: str) -> list[Question]:
    """Letters of the same column matching ``find`` (words, or "#123")."""
    if not find:
        return []
    number = LETTER_NUMBER.fullmatch(find.strip())
    ids = [int(number.group(1))] if number else search.matching_letter_ids(find, FOUND)
    return list(
        Question.objects.filter(pk__in=ids, column_id=letter.column_id)
        .exclude(pk=letter.pk)
        .order_by("-pk")[:FOUND]
    )


def render_triage(
    request: HttpRequest,
    letter: Question,
    *,
    status: int = 200,
    bound: dict[str, Form] | None = None,
    stale: bool = False,
) -> HttpResponse:
    """Renders the triage page of ``letter``: the original beside the editable
    public text with the anonymity check of its printed parts and the diff, the
    decisions the user may take, similar letters to merge, assignment and the
    letter's history. It is one form: every action button sends the edits along.

    ``bound`` replaces some of the page's blank forms with bound ones, by name (to
    show errors and keep what the editor typed); ``stale`` says the editor's text
    was refused because the letter changed meanwhile.
    """
    user = request.user
    forms = bound or {}
    edit_form = forms.get("edit_form") or LetterEditForm(
        initial=LetterEditForm.initial_for(letter)
    )
    transitions = {t.action: t for t in workflow.available_transitions(letter, user)}
    find_form = LetterFindForm(request.GET)
    find = find_form.cleaned_data["find"] if find_form.is_valid() else ""
    merged = list(letter.duplicates.order_by("pk")[: LISTED_MERGED + 1])
    similar = [
        (
            other,
            other.column_id == letter.column_id and other.status in Question.WAITING,
        )
        for other in search.similar_letters(letter, limit=SIMILAR)
    ]
    context = {
        "letter": letter,
        "edit_form": edit_form,
        "decisions": [
            transitions[action] for action in DECISIONS if action in transitions
        ],
        "can_assign": "assign" in transitions,
        "can_merge": "mark_duplicate" in transitions,
        "assign_form": forms.get("assign_form") or AssignForm(letter=letter),
        "duplicate_form": forms.get("duplicate_form") or DuplicateForm(letter=letter),
        "merge_form": forms.get("merge_form") or MergeForm(letter=letter),
        "find_form": find_form,
        "found": _found_letters(letter, find),
        "searched": bool(find),
        "similar": similar,
        "any_mergeable": any(mergeable for _, mergeable in similar),
        "merged": merged[:LISTED_MERGED],
        "more_merged": len(merged) > LISTED_MERGED,
        "printed_in": letter.printed_in.select_related("answer").first(),
        "history": history(letter),
        "stale": stale,
        **text_checks(letter, **shown_text(letter, edit_form)),
    }
    return render(request, "desk/letter_triage.html", context, status=status)


@require_GET
@desk_member_required
def letter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An editor gets the triage page; the columnist the letter is assigned to gets
    the public text and what it is printed in; anyone else a 404."""
    letter = letter_or_404(pk)
    if is_editor(request.user):
        return render_triage(request, letter)
    if letter.assignee_id != request.user.pk:
        raise Http404("No letter assigned to you has this number.")
    context = {
        "letter": letter,
        "printed_in": letter.printed_in.select_related("answer").first(),
        "topics": letter.topics.all(),
        "content_warnings": letter.content_warnings.all(),
    }
    return render(request, "desk/letter_detail.html", context)
