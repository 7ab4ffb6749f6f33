"""The anonymity guard finds what could identify someone, and only that."""

import pytest

from columns import workflow
from columns.anonymity import (
    check_letter,
    find_hits,
    highlight,
    letter_hits,
    summarise,
    where,
)
from columns.models import Question
from tests.factories import make_answer, make_question


@pytest.mark.parametrize(
    ("text", "kind", "found"),
    [
        (
            "Write to me at jo.smith+ask@gmail.com please",
            "email",
            "jo.smith+ask@gmail.com",
        ),
        ("My address is JO@EXAMPLE.CO.UK.", "email", "JO@EXAMPLE.CO.UK"),
        ("jo dot smith at gmail dot com", "email", "jo dot smith at gmail dot com"),
        ("reach me: jo(at)proton(dot)me", "email", "jo(at)proton(dot)me"),
        ("Call 07700 900123 after six", "phone", "07700 900123"),
        ("or +44 (0)20 7946 0018", "phone", "+44 (0)20 7946 0018"),
        ("my number is 555-123-4567.", "phone", "555-123-4567"),
        ("text 06 12 34 56 78", "phone", "06 12 34 56 78"),
        ("call 5551234567 now", "phone", "5551234567"),
        ("see https://example.org/me?x=1, thanks", "url", "https://example.org/me?x=1"),
        ("my blog www.jo-writes.net.", "url", "www.jo-writes.net"),
        ("it's janesmith.co.uk/about", "url", "janesmith.co.uk/about"),
        ("DM @jo_smith_88 on insta", "handle", "@jo_smith_88"),
        ("I'm @jo@mastodon.social there", "handle", "@jo@mastodon.social"),
        ("We live at 12 Baker Street in town", "address", "12 Baker Street"),
        ("at 221b baker street", "address", "221b baker street"),
        ("it's 4 Elm Rd.", "address", "4 Elm Rd."),
        ("we moved to 1600 Pennsylvania Avenue", "address", "1600 Pennsylvania Avenue"),
        ("Apt 4B, the one upstairs", "address", "Apt 4B"),
        ("near SW1A 1AA", "address", "SW1A 1AA"),
        # Handles named by their network, without an "@".
        ("my insta is jamie_rivers92 btw", "handle", "jamie_rivers92"),
        ("snap: jamiel.rivers", "handle", "jamiel.rivers"),
        ("Snapchat = JamieRivers", "handle", "JamieRivers"),
        ("my insta name is jamierivers", "handle", "jamierivers"),
        ("find me on tiktok as jamie.rivers", "handle", "jamie.rivers"),
        ("twitter: @jo_smith", "handle", "@jo_smith"),
        # Full-width and other look-alike characters (read after NFKC).
        ("mail jamie＠gmail．com now", "email", "jamie＠gmail．com"),
        ("ＤＭ ＠jo_smith", "handle", "＠jo_smith"),
        ("call ０７７００ ９００１２３", "phone", "０７７００ ９００１２３"),
        # Phone numbers in words.
        (
            "ring oh seven seven zero zero nine double oh one two three tonight",
            "phone",
            "oh seven seven zero zero nine double oh one two three",
        ),
        (
            "Zero seven seven zero zero, nine zero zero one two three.",
            "phone",
            "Zero seven seven zero zero, nine zero zero one two three",
        ),
        ("it's 07700 nine 00123", "phone", "07700 nine 00123"),
        (
            "it's 07700 nine double oh one two three",
            "phone",
            "07700 nine double oh one two three",
        ),
    ],
)
def test_identifiers_are_found_with_their_kind_and_position(text, kind, found):
    hits = find_hits(text)
    assert [(hit.kind, hit.text) for hit in hits] == [(kind, found)]
    assert text[hits[0].start : hits[0].end] == found


@pytest.mark.parametrize(
    "text",
    [
        "I'm 34 and my partner is 36.",
        "We met in 2019 and married in 2021.",
        "We were together from 2010-2015, then 1999 - 2004 before that.",
        "He came home at 10:30pm on 12/03/2024.",
        "It was on 2024-03-12, or 12.03.2024 in Europe.",
        "It costs £1,200 a year, e.g. for therapy, i.e. a lot.",
        "Mr. Smith and Dr. Okafor both said so.",
        "I posted under #metoo and used the @ sign once.",
        "My code is in Node.js and my CV is a .pdf.",
        "We have sex 5 times a week and 3 kids.",
        "We took 2 long road trips and walked 3 blocks down the street.",
        "I was tired.Me too, honestly.",
        "Aged 18-25, we tried version 2.0.1 of our plan.",
        "I looked at him. Co-workers noticed.",
        "Between 3 and 4 times a night, at 11 and at 2.",
        "It costs 1200-1300 a month, or 10000 - 15000 a year.",
        "We walk 5000-8000 steps.",
        "About 1, 100, 10,000 and all of them.",
        "We split in 2019, 2020, one more time in 2021.",
        "My insta is private and I saw it on snap and twitter too.",
        "One or two, three or four times, and one more: a double one.",
        "Oh, one of them is two years older than the other one.",
    ],
)
def test_ordinary_numbers_dates_and_punctuation_are_not_flagged(text):
    assert find_hits(text) == []


def test_an_email_address_is_one_hit_not_an_email_and_a_domain():
    hits = find_hits("jo@example.com and @jo")
    assert [hit.kind for hit in hits] == ["email", "handle"]


def test_hits_come_in_the_order_of_the_text():
    text = "Call 07700 900123, mail jo@example.com, see www.jo.org"
    assert [hit.kind for hit in find_hits(text)] == ["phone", "email", "url"]


def test_the_summary_counts_hits_by_kind():
    hits = find_hits("a@b.com, c@d.org and 07700 900123")
    assert summarise(hits) == "2 email addresses and 1 phone number"
    assert summarise([]) == ""


def test_highlighting_escapes_the_text_and_marks_each_hit():
    text = "<b>Hi</b> mail jo@example.com & call 07700 900123"
    html = highlight(text, find_hits(text))
    assert html.startswith("&lt;b&gt;Hi&lt;/b&gt; mail ")
    assert '<mark class="hit hit-email" title="Possible email address">' in html
    assert "jo@example.com</mark> &amp; call" in html
    assert html.count("<mark") == 2


def test_text_without_hits_is_only_escaped():
    assert highlight("a < b", []) == "a &lt; b"


def test_hits_in_full_width_text_point_into_the_text_as_written():
    text = "Write to ｊｏ＠ｅｘａｍｐｌｅ．ｃｏｍ, thanks"
    [hit] = find_hits(text)
    assert (hit.kind, hit.text) == ("email", "ｊｏ＠ｅｘａｍｐｌｅ．ｃｏｍ")
    assert text[hit.start : hit.end] == hit.text
    html = highlight(text, [hit])
    assert html.endswith("ｊｏ＠ｅｘａｍｐｌｅ．ｃｏｍ</mark>, thanks")


def test_an_accent_typed_as_a_combining_mark_stays_inside_the_hit():
    text = "jose\u0301@example.com wrote"
    [hit] = find_hits(text)
    assert hit.text == "jose\u0301@example.com"


def test_the_check_of_a_letter_reads_its_headline_text_and_sign_off():
    parts = check_letter(
        headline="Help, from @dan_r",
        public_text="Nothing to see.",
        sign_off="Dan, dan.smith@example.com, 07700 900789",
    )
    assert [(part.label, len(part.hits)) for part in parts] == [
        ("headline", 1),
        ("public text", 0),
        ("sign-off", 2),
    ]
    assert where(parts) == "the headline and the sign-off"
    hits = [hit for part in parts for hit in part.hits]
    assert summarise(hits) == (
        "1 email address, 1 phone number and 1 social media handle"
    )


def test_letter_hits_are_those_of_every_printed_part():
    letter = Question(
        headline="Snap: dan.r",
        public_text="Clean.",
        sign_off="Dan, dan.smith@example.com",
    )
    assert [(hit.kind, hit.text) for hit in letter_hits(letter)] == [
        ("handle", "dan.r"),
        ("email", "dan.smith@example.com"),
    ]
    assert letter_hits(Question(headline="", public_text="Hi.", sign_off="Jo")) == []


@pytest.mark.django_db
def test_publishing_needs_confirmation_for_a_number_spelled_out_in_the_sign_off():
    letter = make_question(sign_off="Dan, oh seven seven double oh nine one two three")
    answer = make_answer(questions=[letter])
    assert workflow.publication_concerns(answer) == [
        f"Letter 1 (#{letter.pk}) may identify someone: the anonymity guard found "
        "1 phone number."
    ]
