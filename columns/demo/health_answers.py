"""Body Check answers, and the one Second Spring answer in the closed column."""

# Prose is kept one paragraph per line, as columnists type it.
# ruff: noqa: E501

from columns.demo.health_long import STI_TEST_STEP_BY_STEP, WHEN_SEX_HURTS
from columns.demo.site import BODY_CHECK, SECOND_SPRING
from columns.demo.spec import DemoAnswer, Review

ANSWERS = (
    DemoAnswer(
        column=BODY_CHECK,
        slug="when-sex-hurts",
        title="When sex hurts: it's not in your head, and it can be treated",
        letters=("painful-sex",),
        authors=("priya",),
        state="published",
        publish_in_days=-390,
        reviewed_days_ago=40,
        summary="Vaginismus, vulvodynia and other causes of painful sex: what they are, how to get a better appointment, and what treatment looks like.",
        body=WHEN_SEX_HURTS,
        topics=("pain", "communication"),
        warnings=("medical-detail", "sexual-content"),
        reviews=(
            Review(
                comment="Please add when not to wait: new pain, bleeding after sex, unusual discharge or fever should be seen promptly.",
                before="",
                after="If the pain is new, or comes with bleeding after sex, unusual discharge or a fever, don't wait for a routine appointment: see a GP or a sexual-health clinic promptly.\n\n",
                note="Added when to seek help promptly.",
            ),
            Review(
                comment="Table: can we say who offers each treatment? Readers will want to know whom to ask.",
                before="| Approach | What it involves |\n|---|---|\n| Pelvic health physiotherapy | Learning to relax the pelvic floor, with breathing exercises and sometimes gentle internal work |\n| Graded dilators | Smooth inserts in gradually larger sizes, used at your own pace at home |\n| Psychosexual therapy | Working on the fear–pain loop, and on sex that isn't built around penetration |\n| Medication | Treating infections or skin conditions; sometimes creams or nerve-calming medicine for vulvodynia |\n| Lubricant and time | More arousal before anything goes in, and plenty of lube |\n",
                after="| Approach | What it involves | Who offers it |\n|---|---|---|\n| Pelvic health physiotherapy | Learning to relax the pelvic floor, with breathing exercises and sometimes gentle internal work | Specialist physiotherapists |\n| Graded dilators | Smooth inserts in gradually larger sizes, used at your own pace at home | Usually guided by a physio or clinic |\n| Psychosexual therapy | Working on the fear–pain loop, and on sex that isn't built around penetration | Psychosexual therapists |\n| Medication | Treating infections or skin conditions; sometimes creams or nerve-calming medicine for vulvodynia | GP, gynaecologist, clinic |\n| Lubricant and time | More arousal before anything goes in, and plenty of lube | You! |\n",
                note="Added who offers each treatment.",
            ),
        ),
    ),
    DemoAnswer(
        column=BODY_CHECK,
        slug="what-actually-happens-at-an-sti-test",
        title="What actually happens at an STI test, step by step",
        letters=("sti-test",),
        authors=("priya",),
        state="published",
        publish_in_days=-60,
        reviewed_days_ago=60,
        summary="Booking, the questions, the samples, window periods, confidentiality and results: an STI check from the door to the text message.",
        body=STI_TEST_STEP_BY_STEP,
        topics=("stis",),
        warnings=("medical-detail",),
        video_url="https://youtu.be/Kq9vTest0Rx",
        video_start_seconds=42,
    ),
    DemoAnswer(
        column=BODY_CHECK,
        slug="the-condom-split",
        title="The condom split: your emergency contraception options",
        letters=("condom-split",),
        authors=("priya",),
        state="published",
        publish_in_days=-300,
        reviewed_days_ago=300,
        summary="Two kinds of pill and the copper coil: how long each works after sex, and why weight matters for one of them.",
        topics=("contraception", "stis"),
        warnings=("medical-detail",),
        body="""\
Dear Panicking,

By the time this is printed you'll have made your decision, and I hope you got help quickly. I'm answering for you and for everyone who reads this in the same panic: the short version is that you have more time and more options than you think, but sooner is better.

## The three options

| Option | How long after sex | Notes |
|---|---|---|
| Copper coil (IUD) | Up to 5 days | The most effective option; not affected by weight; can stay in as contraception |
| Ulipristal acetate pill | Up to 5 days (120 hours) | Works best taken as soon as possible |
| Levonorgestrel pill | Up to 3 days (72 hours) | Works best taken as soon as possible |

All three are available free from sexual-health clinics and from many GP surgeries and pharmacies. A clinic can tell you which suits your situation, including where you are in your cycle.

## Does weight matter?

For the pills, it can. If you weigh more than about 70 kg or have a BMI over 26, the levonorgestrel pill may be less effective, and a pharmacist or clinician may suggest a double dose or the other pill instead. The copper coil isn't affected by weight at all, which is one reason clinicians often recommend it.

## Afterwards

- Take a pregnancy test if your next period is more than a week late, or three weeks after the split if you're unsure.
- A split condom is also an STI risk: a test about two weeks later is a good idea.
- If the pill made you sick within a few hours, ask a pharmacist; you may need another dose.

And if you'd like a method that doesn't depend on a condom holding, a clinic can talk you through every option.

Priya
""",
    ),
    DemoAnswer(
        column=BODY_CHECK,
        slug="menopause-and-desire",
        title="Menopause took my desire. Is that the end of it?",
        letters=("menopause-desire",),
        authors=("priya",),
        state="published",
        publish_in_days=-25,
        reviewed_days_ago=25,
        summary="Dryness, soreness, infections and a vanished libido are common in the menopause, and most of them can be treated. A GP appointment is the place to start.",
        topics=("menopause", "desire", "pain", "lgbtq"),
        warnings=("medical-detail",),
        reviews=(
            Review(
                comment="Good. Could you add an expert line on vaginal oestrogen? Readers worry it's the same as HRT.",
                before="",
                after="> Low-dose vaginal oestrogen acts mainly where it's applied, and very little reaches the rest of the body. It's a different thing from HRT tablets or patches, and many women who can't or don't want to take HRT can still use it. Ask your GP what suits you.\n>\n> — Dr Rafael Ortega-Finch, menopause specialist\n\n",
                note="Added specialist quote on vaginal oestrogen.",
            ),
        ),
        body="""\
Dear Hot Flushes,

Not the end, no. What you describe (desire fading, dryness, soreness and repeated urine infections) is a cluster of symptoms that very often turns up together in the menopause, and most of it can be treated. Many women never mention it to a doctor because they assume it's just how things are now.

## The physical part

Falling oestrogen levels make the tissues of the vulva, vagina and bladder thinner, drier and more easily irritated. This is sometimes called *genitourinary syndrome of menopause*. It explains the soreness, and it's one reason urine infections become more common.

- **Lubricant** during sex reduces friction straight away.
- **Vaginal moisturisers**, used a few times a week, help the tissue itself.
- **Low-dose vaginal oestrogen** (a cream, pessary or ring) treats the cause, and can also reduce repeat urine infections for many women.

> Low-dose vaginal oestrogen acts mainly where it's applied, and very little reaches the rest of the body. It's a different thing from HRT tablets or patches, and many women who can't or don't want to take HRT can still use it. Ask your GP what suits you.
>
> — Dr Rafael Ortega-Finch, menopause specialist

## The desire part

Desire is more complicated. Hormones play a part, and HRT helps some women; a specialist may sometimes consider other treatments if low desire persists. But tiredness, poor sleep from night sweats, pain during sex and simply feeling unlike yourself all matter too, and treating those often brings desire back further than people expect.

## The two of you

You and your wife can laugh about this together, which is worth a great deal. Keep touching, keep being playful, and take the pressure off any particular kind of sex while you sort out the soreness.

## What to ask your GP

- [ ] "Could my soreness and infections be related to the menopause?"
- [ ] "Is vaginal oestrogen right for me?"
- [ ] "Should we talk about HRT for my other symptoms?"
- [ ] "My desire has gone. What could help?"

Priya
""",
    ),
    DemoAnswer(
        column=BODY_CHECK,
        slug="hpv-positive-did-someone-cheat",
        title="HPV positive: did someone cheat?",
        letters=("hpv-result",),
        authors=("priya",),
        state="draft",
        publish_in_days=-180,
        withdrawn_because="The screening-interval details are out of date after the programme changed. Priya is revising the answer with the clinic before it goes back up.",
        summary="HPV can lie quiet for years. A positive result says nothing about when you caught it, or from whom.",
        topics=("stis",),
        warnings=("medical-detail",),
        body="""\
Dear Doubting,

Please breathe. An HPV-positive result doesn't mean anyone cheated.

## HPV is extremely common

Most people who have ever had sex will have HPV at some point, usually without knowing. The body usually clears it by itself, but it can also stay quiet for years, even decades, before a test picks it up.

## What the result means

"HPV positive, no abnormal cells" means the virus was found but the cells of your cervix look healthy. You'll be invited back for another test sooner than usual, to check whether it has cleared.

## Talking to your husband

You don't have to tell him, but you might want to: not as an accusation, but because it's weighing on you. He can't be tested for HPV in the same way, and there's nothing he needs to do.

Priya
""",
    ),
    DemoAnswer(
        column=BODY_CHECK,
        slug="burning-after-sex",
        title="Burning and itching after sex: what could it be?",
        letters=("burning-after-sex",),
        authors=("priya",),
        state="in_review",
        summary="Thrush, BV, an allergy or an infection: why three months of burning after sex needs a clinic visit, not another cream.",
        topics=("pain", "stis"),
        warnings=("medical-detail",),
        body="""\
Dear Itchy,

Three months is long enough to get this properly checked, and I promise the clinic staff have seen it all before. Here's why it's worth going rather than guessing.

## What it might be

- **Thrush**, a yeast infection that is common and easy to treat. But if you've treated thrush more than twice in six months, you should see a doctor rather than buy more cream.
- **Bacterial vaginosis (BV)**, an imbalance of vaginal bacteria, which often comes with a fishy smell.
- **Irritation or allergy**, to latex, spermicide, some lubricants or perfumed soaps.
- **An STI**, such as chlamydia, gonorrhoea, trichomoniasis or herpes, some of which can cause burning.
- **Not enough arousal or lubrication**, leading to friction.

## Why not just keep trying things

Several of these look alike, and the treatment for one won't help the others. A sexual-health clinic can take a swab and tell you which it is, often on the same day.

Priya
""",
    ),
    DemoAnswer(
        column=SECOND_SPRING,
        slug="widowed-and-someone-new",
        title="Widowed, and someone new",
        letters=("widower",),
        authors=("sam",),
        state="published",
        publish_in_days=-420,
        summary="New love after forty years with one person: you're not being foolish, and neither your body nor your children need to be the obstacle you fear.",
        topics=("later-life", "dating", "desire"),
        warnings=("sexual-content",),
        body="""\
Dear Widower,

You're not being foolish. You're being brave. Loving again after a long marriage doesn't betray it; in a way it honours what that marriage taught you about closeness.

## About your body

At 67, erections often need more time and more direct touch than they did, and that's true for most men your age. Sex can also be wonderful without an erection at all. If you'd like help, see your GP: erection problems can be a sign of other conditions worth checking, such as heart health, and there are effective treatments. Doctors have this conversation all the time.

Most importantly, talk to her. She's likely to have worries of her own about her body, and sharing them takes the pressure off both of you.

## Condoms and tests

Even though pregnancy isn't a concern, infections still are. A sexual-health check for you both before you begin is sensible at any age.

## Your children

Your children may find this hard at first, perhaps because it reminds them of their loss. Tell them yourself, in your own words, and give them time. Their feelings matter, but they don't get a veto over your happiness.

Enjoy the walks, and whatever comes after them.

Sam
""",
    ),
)
