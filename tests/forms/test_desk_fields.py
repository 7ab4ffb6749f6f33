"""Topic names typed as a list (``TopicNamesField``): the desk's new topics and the
answer editor's topics."""

import pytest
from django import forms

from columns.forms.desk_fields import TopicNamesField
from columns.models import Topic


@pytest.mark.parametrize(
    ("typed", "names"),
    [
        ("", []),
        (" , ,", []),
        ("trust", ["trust"]),
        ("Trust, trust ,  TRUST", ["Trust"]),
        ("jealousy,  first   time", ["jealousy", "first time"]),
        ("self esteem", ["self esteem"]),
        ('"sex, drugs", trust', ["sex, drugs", "trust"]),
        ('"trust"', ["trust"]),
        ('He said "no", consent', ['He said "no"', "consent"]),
        ("不安, Ängste", ["不安", "Ängste"]),
    ],
)
def test_typed_topics_are_cleaned_to_names_in_the_order_typed(typed, names):
    assert TopicNamesField().clean(typed) == names


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (",".join(f"t{number}" for number in range(21)), "At most 20 topics at once."),
        ("x" * 101, "can't be a topic: use up to 100 characters"),
        ("trust, !!!", "“!!!” can't be a topic"),
    ],
)
def test_too_many_or_unusable_topic_names_are_refused(typed, message):
    with pytest.raises(forms.ValidationError) as error:
        TopicNamesField().clean(typed)
    assert message in error.value.messages[0]


def test_a_required_list_needs_a_name():
    with pytest.raises(forms.ValidationError, match="Name at least one topic."):
        TopicNamesField(required=True).clean(" , ")


def test_topics_shown_for_editing_come_back_as_the_same_topics():
    field = TopicNamesField()
    topics = [Topic(name="trust"), Topic(name="Sex, drugs"), Topic(name="first time")]
    shown = field.prepare_value(topics)
    assert shown == 'first time, "Sex, drugs", trust'
    assert field.clean(shown) == ["first time", "Sex, drugs", "trust"]


def test_the_same_topics_in_another_order_or_case_are_no_change():
    field = TopicNamesField()
    topics = [Topic(name="trust"), Topic(name="consent")]
    assert not field.has_changed(topics, "Consent, TRUST")
    assert field.has_changed(topics, "consent")
