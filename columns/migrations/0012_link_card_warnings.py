"""Link cards (``Answer.link_cards``: what an answer's page shows of its previous,
next and related answers) carry the linked answer's content warnings by id, so
that the page labels them; the cards stored before get theirs now.

A card names its answer by address only (``/columns/<column>/<answer>/``), which
the column's slug and the answer's slug make unique.
"""

from django.db import migrations

CHUNK = 500


def _cards(link_cards: dict) -> list[dict]:
    sides = [link_cards.get("older"), link_cards.get("newer")]
    return [card for card in [*sides, *link_cards.get("related", [])] if card]


def _address(card: dict) -> tuple[str, str]:
    """The column's slug and the answer's slug in the card's address."""
    column_slug, slug = card["url"].strip("/").split("/")[-2:]
    return column_slug, slug


def add_warning_ids(apps, schema_editor):
    Answer = apps.get_model("columns", "Answer")
    warned = Answer.content_warnings.through.objects
    ids = list(
        Answer.objects.exclude(link_cards=None)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for start in range(0, len(ids), CHUNK):
        rows = list(
            Answer.objects.filter(pk__in=ids[start : start + CHUNK]).only("link_cards")
        )
        cards = [card for row in rows for card in _cards(row.link_cards)]
        linked = {
            (column_slug, slug): pk
            for pk, column_slug, slug in Answer.objects.filter(
                slug__in={_address(card)[1] for card in cards}
            ).values_list("pk", "column__slug", "slug")
        }
        warnings: dict[int, list[int]] = {}
        for answer_id, warning_id in (
            warned.filter(answer_id__in=linked.values())
            .order_by("answer_id", "contentwarning_id")
            .values_list("answer_id", "contentwarning_id")
        ):
            warnings.setdefault(answer_id, []).append(warning_id)
        for card in cards:
            card["warnings"] = warnings.get(linked.get(_address(card)), [])
        Answer.objects.bulk_update(rows, ["link_cards"])


def remove_warning_ids(apps, schema_editor):
    Answer = apps.get_model("columns", "Answer")
    rows = list(Answer.objects.exclude(link_cards=None).only("link_cards"))
    for row in rows:
        for card in _cards(row.link_cards):
            card.pop("warnings", None)
    Answer.objects.bulk_update(rows, ["link_cards"], batch_size=CHUNK)


class Migration(migrations.Migration):
    dependencies = [
        ("columns", "0011_help_resources_and_pages"),
    ]

    operations = [
        migrations.RunPython(add_warning_ids, remove_warning_ids),
    ]
