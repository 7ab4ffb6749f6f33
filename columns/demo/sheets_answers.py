"""Between the Sheets answers, one in every state of the workflow."""

# Prose is kept one paragraph per line, as columnists type it.
# ruff: noqa: E501

from columns.demo.sheets_long import ASKING_FOR_SOMETHING_NEW, THREE_ON_FIRST_TIMES
from columns.demo.site import SHEETS
from columns.demo.spec import DemoAnswer, Review

ANSWERS = (
    DemoAnswer(
        column=SHEETS,
        slug="how-to-ask-your-partner-to-try-something-new",
        title="How to ask your partner to try something new",
        letters=("try-something-new",),
        authors=("sam",),
        state="published",
        publish_in_days=-410,
        summary="Six good years and a fantasy you haven't mentioned: when to bring it up, what to say, and how to start small and safely.",
        body=ASKING_FOR_SOMETHING_NEW,
        topics=("communication", "kink", "desire", "consent"),
        warnings=("sexual-content",),
        video_url="https://www.youtube.com/watch?v=Bt7sQx3Demo",
        video_start_seconds=95,
        reviews=(
            Review(
                comment="Lovely piece. The checklist needs the safety basics before we run it: nothing round the neck, watch for numbness, never leave anyone alone tied up.",
                before="",
                after="- [ ] **Safety basics:** nothing around the neck, nothing tight enough to cause tingling, numbness or cold hands, and never leave someone who is tied up alone. If anything knots, keep blunt-ended safety scissors within reach.[^1]\n",
                note="Added the safety basics to the checklist.",
            ),
        ),
    ),
    DemoAnswer(
        column=SHEETS,
        slug="three-on-first-times",
        title="Three on first times",
        letters=(
            "first-time-nerves",
            "first-time-with-a-woman",
            "first-time-after-divorce",
        ),
        authors=("sam", "priya"),
        state="published",
        publish_in_days=-250,
        summary="At 19, at 34 and at 54: three readers facing a first time, and what helps at any age.",
        body=THREE_ON_FIRST_TIMES,
        topics=("first-time", "lgbtq", "later-life", "stis", "body-image"),
        warnings=("sexual-content", "medical-detail"),
    ),
    DemoAnswer(
        column=SHEETS,
        slug="ten-hours-apart",
        title="Ten hours apart: keeping intimacy alive at a distance",
        letters=("long-distance",),
        authors=("sam",),
        state="published",
        publish_in_days=-330,
        summary="When sexting feels performative and the time zones win, try slower, stranger ways of being close.",
        topics=("long-distance", "communication", "desire"),
        body="""\
Dear Ten Hours Apart,

Eight months in, with more than a year to go, it makes sense that "I miss you, goodnight" has become the default. Exhaustion and time zones are a brutal combination. But intimacy at a distance doesn't have to mean a live performance at 11pm your time and 9am theirs.

## Slow it down

Sexting feels performative when it's fast and improvised. Try the opposite:

- **Write letters.** Actual ones, or long emails, that say what you'd do if you were there. Nobody has to reply in real time.
- **Leave voice notes** for the other person to find when they wake up. A voice is far more intimate than text.
- **Pick one shared evening a fortnight**, arranged in advance so neither of you is falling asleep, and treat it like a date.

## Share something that isn't sex

Closeness feeds desire. Watch the same film at the same time, cook the same recipe, read the same book. Intimacy is also being known in small, daily ways.

## Plan the next visit, out loud

Anticipation is its own pleasure. Talk about the first evening together again, in as much or as little detail as you both like.

Long distance is temporary. The habits of talking about what you want, though, are worth keeping long after you're in the same city again.

Sam
""",
    ),
    DemoAnswer(
        column=SHEETS,
        slug="mismatched-libido-middle-ground",
        title="Mismatched desire: is there a middle ground?",
        letters=("mismatched-libido",),
        authors=("sam",),
        state="published",
        publish_in_days=-150,
        summary="When one of you wants sex far more often than the other, counting isn't the answer. Touch, talk and a different idea of desire might be.",
        topics=("desire", "communication", "parenthood"),
        body="""\
Dear Lonely,

You've stopped initiating because the rejections hurt, and now you barely touch at all. That's one of the most common patterns in long relationships, and it's a trap: the less you touch, the more every touch feels like a request for sex, and the more likely it is to be turned down.

## Separate touch from sex

Agree, out loud, a period of time in which affection is *just* affection: a hand on the back, a long hug in the kitchen, lying together on the sofa. Nothing is being started. Many people with lower desire relax once touch stops being a question they have to answer.

## Learn about responsive desire

Some people feel spontaneous desire, out of nowhere. Many others, especially under the weight of small children and work, feel *responsive* desire: it turns up after things have started, not before. If your wife is in the second group, "do you want to have sex?" may always get a no, while "come and lie down with me" gets something else entirely.

## Talk about the whole picture

Ask what gets in the way for her. Tiredness, resentment about the household load, body changes after children, pain, stress: any of these can flatten desire, and some have solutions that aren't about the bedroom at all. If she mentions pain or a change she can't explain, a GP is a good place to start.

## Consider a therapist together

A relationship or psychosexual therapist can help you both say the hard things without it becoming a fight. This is what they do all day.

It's not "just what marriage is". It's what marriage becomes when nobody talks about it, and you've just started.

Sam
""",
    ),
    DemoAnswer(
        column=SHEETS,
        slug="keeping-my-t-shirt-on",
        title="Keeping my T-shirt on: porn, comparison and your body",
        letters=("porn-comparison",),
        authors=("sam",),
        state="published",
        publish_in_days=3,
        summary="Porn shows a narrow slice of bodies. Yours isn't the problem, and you don't have to ban anything to feel at home in it again.",
        topics=("body-image", "communication"),
        warnings=("sexual-content",),
        body="""\
Dear Covering Up,

The bodies in most porn are chosen, lit, angled and edited. Comparing yourself to them is like comparing your holiday photos to a perfume advert. You'd never do that with holiday photos, and yet with bodies almost all of us do.

## What his viewing does and doesn't mean

What someone watches is often about novelty, fantasy or habit, not a wish list for a partner. He chose you, stretch marks and scar included, and he's with you.

## Tell him how you feel, not what he should do

You don't want to be the girlfriend who bans porn, and you don't have to be. Try: "I've been feeling self-conscious about my body lately and I've been hiding it. I'd love some reassurance." That invites him in rather than putting him on trial. If he's kind about it, you may find you can talk about the porn too, in time.

## Come back into your body

- Notice what your body *does* for you, not only how it looks.
- Curate what you see: follow people whose bodies look like yours.
- Take the T-shirt off when you're ready, in whatever light you like.

If the comparing starts to take over your days, a counsellor who works with body image can help.

Sam
""",
    ),
    DemoAnswer(
        column=SHEETS,
        slug="five-months-after-the-baby",
        title="Five months after the baby, and it still hurts",
        letters=("sex-after-baby",),
        authors=("priya",),
        state="approved",
        summary="Pain during sex months after giving birth is common but not something to put up with. What to ask for, and how to stay close meanwhile.",
        topics=("parenthood", "pain", "desire"),
        warnings=("medical-detail",),
        reviews=(
            Review(
                comment="Can we add the point about breastfeeding and dryness? Several readers have asked about it.",
                before="",
                after="If you're breastfeeding, lower oestrogen levels can make the vagina drier and more fragile, which is another reason for generous lubricant and for mentioning it to your GP.\n\n",
                note="Added breastfeeding and dryness.",
            ),
        ),
        body="""\
Dear Knackered,

Sam asked me to take this one. Pain during sex five months after a birth with stitches is common, but common isn't the same as normal, and you don't have to put up with it.

## Go back to your GP

A two-minute chat at six weeks isn't the end of your postnatal care. Ask for an appointment about pain during sex specifically, and ask whether you can be referred to a pelvic health physiotherapist. Scar tissue, pelvic floor muscles that are too tight (not only too loose) and healing that needs a second look can all be treated.

If you're breastfeeding, lower oestrogen levels can make the vagina drier and more fragile, which is another reason for generous lubricant and for mentioning it to your GP.

## Closeness without the pressure

You said you just want him to hold you. That's not a consolation prize; it's information. Tell him what you've told me: you want to be close, penetration hurts at the moment, and you're getting it checked. Then find the things that feel good now.

## About the tiredness

Five months of broken sleep flattens anybody's desire. That isn't a problem with your relationship; it's a problem with sleep, and it eases.

Priya
""",
    ),
    DemoAnswer(
        column=SHEETS,
        slug="ive-been-faking-it",
        title="I've been faking it: how to stop without a confession scene",
        letters=("faking-it",),
        authors=("sam",),
        state="in_review",
        summary="You can stop faking without a dramatic confession: start showing him what works.",
        topics=("pleasure", "communication"),
        warnings=("sexual-content",),
        body="""\
Dear Award-Winning Actress,

You're far from the only one. Faking usually starts as kindness and ends as a trap, and the way out is less dramatic than you fear.

## You don't have to confess the whole history

What your boyfriend needs is not a list of every faked orgasm; it's information about what actually works for you. Try: "I want to show you what I do on my own. I think it could be amazing with you." That's honest, it's about the future, and it's an invitation.

## Bring your solo know-how into the room

Most people with a vulva need direct clitoral stimulation to come, and penetration alone often doesn't provide it. Use your hand, his hand, a toy: whatever works for you alone.

## Stop performing

The next time it isn't happening, don't fake it. Enjoy what you're enjoying and let it be enough. If he asks, tell him the truth about this time.

If he later asks whether you faked before, you can say: "Sometimes, because I didn't want to break the moment. I don't want to any more." That's true, and it's kind to both of you.

Sam
""",
    ),
    DemoAnswer(
        column=SHEETS,
        slug="my-boyfriend-is-still-close-to-his-ex",
        title="My boyfriend is still close to his ex",
        letters=("jealous-of-ex",),
        authors=("sam",),
        state="changes_requested",
        summary="Jealousy is a feeling, not a verdict. How to talk about it without turning it into an ultimatum.",
        topics=("jealousy", "communication"),
        reviews=(
            Review(
                comment="The last section reads as if her jealousy is her fault. Can we soften it, and say when a friendship with an ex *is* a problem (secrecy, flirting, her being shut out)?"
            ),
        ),
        body="""\
Dear Green-Eyed,

Feeling sick when his phone lights up is miserable, and it's brave of you to notice the feeling rather than simply act on it.

## Jealousy is information, not a verdict

It might be telling you something about the relationship, or something about old hurts of your own. Usually it's a bit of both.

## Talk about the feeling, not the rule

Rather than "cut contact", try: "I feel insecure when you text her, and I don't like feeling this way. Can we talk about it?" A good partner will want to help: by being open, by including you, by reassuring you.

## Your part

In the end, this is your problem to solve. Work on your own insecurity, maybe with a counsellor, and trust him until he gives you a reason not to.

Sam
""",
    ),
    DemoAnswer(
        column=SHEETS,
        slug="he-wants-to-open-things-up",
        title="He wants to open things up",
        letters=("open-relationship",),
        authors=("sam",),
        state="draft",
        summary="",
        topics=("non-monogamy", "communication"),
        body="""\
Dear Wondering,

Opening a relationship can be the beginning of the end, and it can also be the beginning of something that works very well for both people. The difference is almost always in how it's done.

## Questions to ask before any rules

- Why now? What is he hoping to find?
- What are *you* curious about, if anything?
- What would make you say stop, and would he?

## Agreements, not rules

*[Sam: expand. Safer sex and testing, what you tell each other, time together. Ask Priya to check the health bit.]*

## Further reading

*[Sam: add two or three books and sites.]*
""",
    ),
    DemoAnswer(
        column=SHEETS,
        slug="losing-my-erection-with-a-new-partner",
        title="Losing my erection with a new partner",
        letters=("nerves-and-erections",),
        authors=("sam",),
        state="withdrawn",
        publish_in_days=-215,
        withdrawn_because="Recommends a supplement as “worth a try”. Taken down until a clinician has checked the advice.",
        summary="It works alone but not with her: why nerves do this, and how to break the loop.",
        topics=("desire", "dating"),
        warnings=("sexual-content",),
        body="""\
Dear Flagging,

No problem on your own and trouble with a new partner is a very common pattern, and it points away from your body and towards your nerves.

## The dread loop

It happens once; you worry it'll happen again; the worry releases stress hormones that work against an erection; it happens again. The dread is now doing most of the work.

## What helps

- **Take the pressure off penetration.** Tell her you'd like to take things slowly and enjoy everything else first.
- **Stay in your body.** When you notice yourself checking on your erection, bring your attention back to what you can feel.
- **Try a supplement.** An L-arginine supplement from a health-food shop might be worth a try.

## When to see a GP

If it carries on, or it starts happening on your own too, see a GP. Erection problems can be an early sign of other health issues, and there are effective treatments.

Sam
""",
    ),
)
