"""Readers' letters to Body Check and to the closed Second Spring column."""

# Prose is kept one paragraph per line, as readers type it.
# ruff: noqa: E501

from columns.demo.site import BODY_CHECK, SECOND_SPRING
from columns.demo.spec import DemoLetter

LETTERS = (
    DemoLetter(
        key="painful-sex",
        column=BODY_CHECK,
        headline="Sex has always hurt. Is that just how it is for some people?",
        sign_off="Gritting My Teeth",
        days_ago=420,
        topics=("pain", "communication"),
        warnings=("medical-detail", "sexual-content"),
        original="""\
I'm 26 and sex has always hurt. Not “a bit uncomfortable”: properly hurts, a sharp, burning feeling at the entrance as soon as anything tries to go in. Tampons are the same. I've had one smear test, which I got through by crying quietly at the ceiling.

My boyfriend is lovely and says we don't have to have “proper” sex, but I feel broken and I'm scared he'll leave eventually. I saw a GP once and was told to relax and have a glass of wine first.

Is this just how it is for some people?
""",
    ),
    DemoLetter(
        key="sti-test",
        column=BODY_CHECK,
        headline="What actually happens at an STI test?",
        sign_off="Putting It Off",
        days_ago=90,
        topics=("stis",),
        warnings=("medical-detail",),
        original="""\
Hi Priya! I'm 22 and I've never had an STI test even though I've had a few partners. I know I should. Honestly I'm scared of what happens in the room. Do they look at you? Is there a swab in places I don't want swabs? Do they tell your GP or your parents? I'd rather know before I go.

(It's Tomás from your Instagram comments, @tomas.runs.late, sorry if that's weird!)
""",
        public="""\
I'm 22 and I've never had an STI test even though I've had a few partners. I know I should. Honestly I'm scared of what happens in the room. Do they look at you? Is there a swab in places I don't want swabs? Do they tell your GP or your parents? I'd rather know before I go.
""",
    ),
    DemoLetter(
        key="clinic-step-by-step",
        column=BODY_CHECK,
        headline="What happens at a sexual-health clinic, step by step?",
        days_ago=75,
        topics=("stis",),
        duplicate_of="sti-test",
        merge_while_drafting=True,
        triage_note="Same question as “What actually happens at an STI test?”, which Priya is answering.",
        original="""\
what happens at a sexual health clinic? like step by step. I'm too scared to book
""",
    ),
    DemoLetter(
        key="condom-split",
        column=BODY_CHECK,
        headline="The condom split. Does the morning-after pill still work?",
        sign_off="Panicking in Preston",
        days_ago=320,
        topics=("contraception",),
        warnings=("medical-detail",),
        original="""\
The condom split last night and I'm panicking. I'm 20, I'm not on the pill, and I don't know if the morning-after pill still works if it's been more than a day. Also, does it work if you're a bit heavier? Someone said it doesn't.

Sorry for the rush, my number is 07700 900862, please text me.
""",
        public="""\
The condom split last night and I'm panicking. I'm 20, I'm not on the pill, and I don't know if the morning-after pill still works if it's been more than a day. Also, does it work if you're a bit heavier? Someone said it doesn't.
""",
    ),
    DemoLetter(
        key="menopause-desire",
        column=BODY_CHECK,
        headline="Menopause took my desire. Is that the end of it?",
        sign_off="Hot Flushes, Cold Bed",
        days_ago=50,
        topics=("menopause", "desire", "pain", "lgbtq"),
        warnings=("medical-detail",),
        original="""\
I'm 51 and in the thick of the menopause. My desire has gone from something to nothing in about a year. Sex has also become uncomfortable (dry and sore), and I've had two urine infections since the spring.

My wife is going through the same thing about three years behind me, so at least we can laugh about it, but we miss each other. Is there anything that actually helps, or do we just accept that this part of our lives is over?
""",
    ),
    DemoLetter(
        key="hpv-result",
        column=BODY_CHECK,
        headline="My screening test found HPV. Did someone cheat?",
        sign_off="Doubting Everything",
        days_ago=220,
        topics=("stis",),
        warnings=("medical-detail",),
        original="""\
My cervical screening result came back “HPV positive, no abnormal cells”. I've been with my husband for fifteen years. Does this mean one of us cheated? I can't stop thinking about it and I haven't told him.
""",
    ),
    DemoLetter(
        key="burning-after-sex",
        column=BODY_CHECK,
        headline="Burning and itching after every time",
        sign_off="Itchy and Irritated",
        days_ago=14,
        topics=("pain", "stis"),
        warnings=("medical-detail",),
        original="""\
Every time after sex I get a burning, itchy feeling down there for a day or two. Is it thrush? Am I allergic to him?? I've tried switching condoms. It's been going on for three months and I'm too embarrassed to go to a doctor.
""",
    ),
    DemoLetter(
        key="pill-mood",
        column=BODY_CHECK,
        headline="Since starting the pill I just feel grey",
        sign_off="Grey in Glasgow",
        days_ago=4,
        topics=("contraception",),
        original="""\
Since I started the combined pill six months ago I feel… flat. Not sad exactly, just grey. Could it be the pill? My GP said it's unlikely, but I never felt like this before and I don't know what to ask for instead.
""",
    ),
    DemoLetter(
        key="pill-mood-too",
        column=BODY_CHECK,
        headline="Can the pill mess with your mood?",
        sign_off="Weepy",
        days_ago=3,
        topics=("contraception",),
        duplicate_of="pill-mood",
        triage_note="Same question as “Since starting the pill I just feel grey”.",
        original="""\
Can the pill mess with your mood? I've been on it for a year and now I cry at adverts lol. Is that a thing or is it just me
""",
    ),
    DemoLetter(
        key="testicle-lump",
        column=BODY_CHECK,
        headline="I found a lump and I'm too embarrassed to see a doctor",
        sign_off="Worried",
        days_ago=5,
        triage="shortlisted",
        topics=("body-image",),
        warnings=("medical-detail",),
        internal_notes="Time-sensitive. If we answer, lead with “see your GP this week: it's routine for them”. Consider a short stand-alone explainer on checking yourself.",
        original="""\
I found a small hard lump on one of my testicles in the shower last week. It doesn't hurt. I'm 24 and honestly I'm too embarrassed to show a doctor. Can it wait a bit?
""",
    ),
    DemoLetter(
        key="diagnose-my-rash",
        column=BODY_CHECK,
        headline="",
        sign_off="Help",
        days_ago=35,
        triage="declined",
        triage_note="Asks for an individual diagnosis, which we can't give; a clinician needs to see it.",
        warnings=("medical-detail",),
        original="""\
I've had a rash on my inner thigh for two weeks, it's red with little bumps and it's spreading a bit. I tried to attach a photo but it wouldn't let me. Can you tell me what it is and what cream to buy??
""",
        public="",
    ),
    DemoLetter(
        key="guest-post-spam",
        column=BODY_CHECK,
        headline="",
        sign_off="Outreach Team",
        days_ago=9,
        triage="spam",
        triage_note="SEO link selling.",
        original="""\
Dear Editor, I am reaching out regarding a guest post opportunity on your esteemed website. We offer high quality articles in the health niche with 2 do-follow backlinks. Our rates are very competitive. Kindly revert at the earliest. Regards, Outreach Team
""",
        public="",
    ),
    DemoLetter(
        key="widower",
        column=SECOND_SPRING,
        headline="Widowed at 63, and now someone new",
        sign_off="Widower in the Peak District",
        days_ago=460,
        topics=("later-life", "dating", "desire"),
        original="""\
Dear Sam,

My wife died four years ago. Last spring I met a woman at my walking group and we have become close; we are both 67. She has made it clear that she would like more than walks. I would like that too, but I have not been with anyone but my late wife for over forty years, and frankly I am not sure my body will co-operate. I also worry about what my children will think.

Am I being foolish?

If you would rather reply by post, I am at 14 Larch Avenue, Bakewell.
""",
        public="""\
Dear Sam,

My wife died four years ago. Last spring I met a woman at my walking group and we have become close; we are both 67. She has made it clear that she would like more than walks. I would like that too, but I have not been with anyone but my late wife for over forty years, and frankly I am not sure my body will co-operate. I also worry about what my children will think.

Am I being foolish?
""",
    ),
    DemoLetter(
        key="first-time-at-70",
        column=SECOND_SPRING,
        headline="Is it too late to start at seventy?",
        sign_off="Never Married",
        days_ago=400,
        triage="declined",
        triage_note="Arrived after the final issue. Suggested to the Between the Sheets desk as a topic.",
        original="""\
Is it too late to have sex for the first time at seventy? I never married and it never seemed to happen, and now I have met someone and I feel like a schoolgirl.
""",
    ),
)
