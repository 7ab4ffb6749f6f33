"""Help resources (``columns.models.help``) and which of them a reader is shown
(``columns.safety``): by what a letter or answer speaks of, by country, by the
column's choice, active ones only, the emergency line first."""

import pytest
from django.core.exceptions import ValidationError

from columns import safety
from columns.models import HelpResource
from tests.factories import make_column, make_help_resource

pytestmark = pytest.mark.django_db

Help = HelpResource.Category


def names(groups) -> list[tuple[str, list[str]]]:
    return [(region, [r.name for r in resources]) for region, resources in groups]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I keep thinking I want to die.", {Help.SELF_HARM}),
        ("My husband hits me when he drinks.", {Help.ABUSE}),
        ("I was raped at a party last year.", {Help.SEXUAL_ASSAULT}),
        ("I feel unsafe and don't know who to tell.", {Help.EMERGENCY}),
        ("He beat me, and now I want to end it all.", {Help.ABUSE, Help.SELF_HARM}),
        ("We can't agree on which grapes to buy.", set()),
    ],
)
def test_a_letter_calls_for_the_help_its_words_speak_of(text, expected):
    assert safety.help_categories(text) == expected


def test_a_letter_gets_its_category_with_the_emergency_and_general_lines():
    column = make_column()
    make_help_resource(name="Abuse line", category=Help.ABUSE, country="GB")
    make_help_resource(name="Crisis line", category=Help.SELF_HARM, country="GB")
    make_help_resource(name="999", category=Help.EMERGENCY, country="GB")
    make_help_resource(name="Talk line", category=Help.GENERAL, country="GB")
    groups = safety.help_groups(column, {Help.ABUSE})
    assert names(groups) == [("United Kingdom", ["999", "Abuse line", "Talk line"])]


def test_the_emergency_line_comes_first_in_each_country_and_everywhere_last():
    column = make_column()
    make_help_resource(name="Directory", country="")
    make_help_resource(name="Samaritans", category=Help.SELF_HARM, country="GB")
    make_help_resource(name="999", category=Help.EMERGENCY, country="GB", position=9)
    make_help_resource(name="988 Lifeline", category=Help.SELF_HARM, country="US")
    make_help_resource(name="911", category=Help.EMERGENCY, country="US")
    groups = safety.help_groups(column, {Help.SELF_HARM})
    assert names(groups) == [
        ("United Kingdom", ["999", "Samaritans"]),
        ("United States", ["911", "988 Lifeline"]),
        ("Anywhere", ["Directory"]),
    ]


def test_within_a_country_resources_follow_their_position():
    column = make_column()
    make_help_resource(name="B line", country="IE", position=2)
    make_help_resource(name="A line", country="IE", position=5)
    make_help_resource(name="C line", country="IE", position=1)
    [(_, resources)] = safety.help_groups(column, set())
    assert [r.name for r in resources] == ["C line", "B line", "A line"]


def test_inactive_resources_are_shown_nowhere():
    column = make_column()
    make_help_resource(name="Closed line", is_active=False)
    make_help_resource(name="Open line")
    assert names(safety.help_groups(column, set())) == [("Anywhere", ["Open line"])]


def test_a_column_that_chose_resources_shows_only_those():
    chooser, other = make_column(), make_column()
    chosen = make_help_resource(name="Chosen line")
    make_help_resource(name="Other line")
    chooser.help_resources.add(chosen)
    assert names(safety.help_groups(chooser, set())) == [("Anywhere", ["Chosen line"])]
    everything = names(safety.help_groups(other, set()))
    assert everything == [("Anywhere", ["Chosen line", "Other line"])]


def test_a_chosen_resource_made_inactive_is_not_shown_by_its_column():
    column = make_column()
    column.help_resources.add(make_help_resource(is_active=False))
    make_help_resource(name="Not chosen")
    assert safety.help_groups(column, set()) == []


@pytest.mark.parametrize(
    ("phone", "uri"),
    [
        ("0808 2000 247", "tel:08082000247"),
        ("1-800-799-7233", "tel:18007997233"),
        ("+44 (0)116 123", "tel:+440116123"),
    ],
)
def test_a_phone_number_is_dialled_by_its_digits(phone, uri):
    assert HelpResource(phone=phone).phone_uri == uri


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"url": "http://example.org"}, "url"),
        ({"url": "javascript:alert(1)"}, "url"),
        ({"phone": "call us"}, "phone"),
        ({"text_number": "85258; DROP"}, "text_number"),
    ],
)
def test_bad_contact_details_are_refused_with_a_message(fields, error_field):
    resource = HelpResource(name="Line", category=Help.GENERAL, **fields)
    with pytest.raises(ValidationError) as refused:
        resource.full_clean()
    assert error_field in refused.value.message_dict


def test_a_resource_with_no_way_to_reach_it_is_refused():
    resource = HelpResource(name="Nowhere", category=Help.GENERAL)
    with pytest.raises(ValidationError, match="phone number, a text number"):
        resource.full_clean()
