"""The safety check flags letters about self-harm, abuse or danger, and only those."""

import pytest

from columns.safety import DEFAULT_HELP_RESOURCES, help_resources, needs_safety_flag


@pytest.mark.parametrize(
    "text",
    [
        "Sometimes I think about suicide.",
        "I've been SELF-HARMING again since the breakup.",
        "I have started self harm and hide it.",
        "I've been cutting myself.",
        "Some nights I want to die.",
        "I don’t want to live like this.",
        "I don't want to live like this.",
        "My boyfriend hits me when he drinks.",
        "He raped me last year and I never told anyone.",
        "I think my relationship is abusive.",
        "I feel unsafe at home.",
        "I'm afraid for my life.",
        "Ｓｕｉｃｉｄｅ is on my mind.",  # full-width letters
        "my ex threatened me with a knife",
    ],
)
def test_letters_about_harm_or_danger_are_flagged(text):
    assert needs_safety_flag(text)


@pytest.mark.parametrize(
    "text",
    [
        "My therapist says I should talk to my partner.",
        "We ate grapes in bed and it got messy.",
        "Is it normal to scrape my knee during sex?",
        "She hit the lights and we kissed.",
        "How do I ask for what I want without a fight?",
        "Is unsafe sex ever worth it? We always use condoms.",
        "The danger zone is a song, right?",
        "I love my partner and we're happy; how do we try new things?",
    ],
)
def test_ordinary_letters_and_words_that_merely_contain_a_trigger_are_not(text):
    assert not needs_safety_flag(text)


def test_the_phrase_list_is_a_setting(settings):
    settings.ADVICE_SAFETY_PHRASES = ["pineapple"]
    assert needs_safety_flag("I keep thinking about PINEAPPLE.")
    assert not needs_safety_flag("I think about suicide.")


def test_help_resources_default_to_emergency_services(settings):
    settings.ADVICE_HELP_RESOURCES = ""
    assert help_resources() == DEFAULT_HELP_RESOURCES
    assert "emergency" in help_resources()
    settings.ADVICE_HELP_RESOURCES = "Call the Helpline on 0800 000 000."
    assert help_resources() == "Call the Helpline on 0800 000 000."
