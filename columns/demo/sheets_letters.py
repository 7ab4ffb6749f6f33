"""Readers' letters to Between the Sheets."""

# Prose is kept one paragraph per line, as readers type it.
# ruff: noqa: E501

from columns.demo.site import SHEETS
from columns.demo.spec import DemoLetter

LETTERS = (
    DemoLetter(
        key="try-something-new",
        column=SHEETS,
        headline="How do I ask my partner to try something new?",
        sign_off="Tongue-Tied in Tyneside",
        days_ago=440,
        topics=("communication", "kink", "desire"),
        warnings=("sexual-content",),
        original="""\
Hi Sam,

My girlfriend and I have been together six years and honestly the sex is good. Kind, familiar, reliable. But for about a year I've been thinking about being tied up — nothing extreme, just wrists, and her being in charge for once. I've read a lot about it and I think I'd really like it.

The problem is I can't find a way to bring it up. Every time I rehearse it in my head it sounds either like a joke or like a complaint, and I'm scared she'll think I've been secretly unhappy, or that it's weird, or wonder where I got the idea. We share a flat and a dog and a whole life and I don't want to make things awkward.

How do people actually start this conversation? Do I just say it in bed? Over dinner? Send her a link??
""",
    ),
    DemoLetter(
        key="bondage-conversation",
        column=SHEETS,
        headline="How do we even talk about bondage?",
        sign_off="Curious in Cork",
        days_ago=425,
        topics=("kink", "communication"),
        duplicate_of="try-something-new",
        merge_while_drafting=True,
        triage_note="Same question as “How do I ask my partner to try something new?”, which Sam is answering: merged so this reader gets that answer.",
        original="""\
My husband keeps hinting that he wants to try bondage stuff and I think I might actually want to be the one who's tied up, but we're both too embarrassed to say anything directly. How do you start that conversation without it being cringe? x
""",
    ),
    DemoLetter(
        key="first-time-nerves",
        column=SHEETS,
        headline="I freeze up every time things get serious",
        sign_off="Frozen in Freshers' Week",
        days_ago=300,
        topics=("first-time", "pain", "communication"),
        original="""\
I'm 19 and I've never had sex. My boyfriend has, and he's been really patient, but I'm so nervous that I freeze up whenever things start heading that way. I'm scared it will hurt, I'm scared I'll be bad at it, and I'm scared he'll get bored of waiting.

Everyone at uni acts like they've done everything. Is something wrong with me?
""",
    ),
    DemoLetter(
        key="first-time-with-a-woman",
        column=SHEETS,
        headline="I've only ever slept with men, and now I'm dating a woman",
        sign_off="Finally Out in Falkirk",
        days_ago=290,
        topics=("first-time", "lgbtq", "dating"),
        original="""\
I'm 34 and I came out as bi last year, after a long time of not letting myself think about it. I've only ever slept with men. I've started seeing a woman, Inès (she's lovely, she's French, she laughs at my terrible pronunciation of “crème brûlée”), and we're clearly heading towards sleeping together.

I feel like a teenager again. I don't know what I'm “supposed” to do and I'm embarrassed that she has way more experience than me. How do I stop overthinking this?
""",
        public="""\
I'm 34 and I came out as bi last year, after a long time of not letting myself think about it. I've only ever slept with men. I've started seeing a woman (she's lovely, she laughs at my terrible pronunciation), and we're clearly heading towards sleeping together.

I feel like a teenager again. I don't know what I'm “supposed” to do and I'm embarrassed that she has way more experience than me. How do I stop overthinking this?
""",
    ),
    DemoLetter(
        key="first-time-after-divorce",
        column=SHEETS,
        headline="First time with someone new, after 26 years of marriage",
        sign_off="Starting Over in Swansea",
        days_ago=280,
        topics=("first-time", "later-life", "body-image", "stis"),
        original="""\
I was married for 26 years and my husband was the only person I had ever slept with. We divorced two years ago. I've now met someone kind and funny and he has asked me, very gently, if I would like to stay over at his.

I would like to. I'm also 54, my body has changed, I haven't been naked in front of a new person since 1998, and I have no idea whether the rules have changed. Do people still use condoms at our age? (I'm past the menopause, so it isn't about pregnancy.) What if I've forgotten how?
""",
    ),
    DemoLetter(
        key="first-time-scared-again",
        column=SHEETS,
        headline="So scared of my first time",
        sign_off="18 and Anxious",
        days_ago=120,
        topics=("first-time",),
        duplicate_of="first-time-nerves",
        triage_note="Answered in “Three on first times”: merged so the reader is pointed to it.",
        original="""\
how do I stop being so scared of having sex for the first time?? my girlfriend says there's no rush but I feel like I'm letting her down 😞
""",
    ),
    DemoLetter(
        key="long-distance",
        column=SHEETS,
        headline="Ten hours apart and our sex life is “I miss you”",
        sign_off="Ten Hours Apart",
        days_ago=360,
        topics=("long-distance", "communication", "desire"),
        original="""\
Hello! My partner Zoë moved to Melbourne for a two-year research post eight months ago and I'm still in Zürich. The time difference is nine or ten hours depending on the season.

We video call most days, but our sex life has basically become “I miss you” and then one of us falls asleep. We both want to keep some intimacy going, but sexting feels awkward and a bit performative to us. Any ideas?

You can reply privately to lukas.b.zh@example.com if that's easier.
""",
        public="""\
Hello! My partner moved to the other side of the world for a two-year research post eight months ago. The time difference is nine or ten hours depending on the season.

We video call most days, but our sex life has basically become “I miss you” and then one of us falls asleep. We both want to keep some intimacy going, but sexting feels awkward and a bit performative to us. Any ideas?
""",
    ),
    DemoLetter(
        key="mismatched-libido",
        column=SHEETS,
        headline="She'd be happy with once a month. I wouldn't.",
        sign_off="Lonely in Lincoln",
        days_ago=175,
        topics=("desire", "communication", "parenthood"),
        original="""\
My wife and I have been married eleven years and have two kids. I would like sex two or three times a week; she would be happy with once a month, if that. I've stopped initiating because the rejections hurt, and now we barely touch at all.

I don't want to pressure her. I also don't want to spend the next thirty years feeling like a nuisance. Is there a middle ground, or is this just what marriage is?
""",
    ),
    DemoLetter(
        key="porn-comparison",
        column=SHEETS,
        headline="I keep my T-shirt on now",
        sign_off="Covering Up",
        days_ago=30,
        topics=("body-image", "communication"),
        original="""\
I found out my boyfriend watches porn, which, fine, I know most people do. But I looked at what he watches and the women look nothing like me. I'm bigger, I've got stretch marks and a scar from an operation.

Now I can't stop comparing myself and I've started keeping my T-shirt on during sex. He hasn't noticed, or if he has he hasn't said anything. I don't want to be the girlfriend who bans porn. I just want to feel okay again.
""",
    ),
    DemoLetter(
        key="sex-after-baby",
        column=SHEETS,
        headline="Five months after the baby, and it still hurts",
        sign_off="Knackered in Norwich",
        days_ago=45,
        topics=("parenthood", "pain", "desire"),
        warnings=("medical-detail",),
        original="""\
Our daughter is five months old. My husband is ready to have sex again and so, in theory, am I. In practice, every time we try it hurts (I had stitches) and I'm so tired I just want him to hold me. He's being kind about it but I can feel that he's frustrated.

My six-week check was a two-minute chat. Is this normal? Call me on 07700 900417 if you need more details, I'm happy to talk.
""",
        public="""\
Our daughter is five months old. My husband is ready to have sex again and so, in theory, am I. In practice, every time we try it hurts (I had stitches) and I'm so tired I just want him to hold me. He's being kind about it but I can feel that he's frustrated.

My six-week check was a two-minute chat. Is this normal?
""",
    ),
    DemoLetter(
        key="faking-it",
        column=SHEETS,
        headline="I've been faking it for two years",
        sign_off="Award-Winning Actress",
        days_ago=20,
        topics=("pleasure", "communication"),
        warnings=("sexual-content",),
        original="""\
Confession: I've been faking orgasms with my boyfriend for almost two years. It started because I didn't want him to feel bad, and now I'm in too deep. I can come on my own, easily. With him, never. How do I fix this without him finding out I've been lying the whole time?
""",
    ),
    DemoLetter(
        key="faking-it-too",
        column=SHEETS,
        headline="How do I tell him I've been faking it?",
        days_ago=10,
        topics=("pleasure",),
        duplicate_of="faking-it",
        triage_note="Same question as “I've been faking it for two years”, which is in review.",
        original="""\
how do i tell my partner i've been faking it 😬 it's been like a year and i don't know how to stop without it being A Whole Thing
""",
    ),
    DemoLetter(
        key="jealous-of-ex",
        column=SHEETS,
        headline="My boyfriend is still close to his ex",
        sign_off="Green-Eyed in Galway",
        days_ago=40,
        topics=("jealousy", "communication"),
        original="""\
My boyfriend is still friends with his ex. They text a few times a week and she came to his birthday. He has never given me a real reason not to trust him, but every time his phone lights up I feel sick. I hate who I'm becoming. Do I ask him to cut contact, or is this my problem to solve?
""",
    ),
    DemoLetter(
        key="open-relationship",
        column=SHEETS,
        headline="He wants to open things up. Is this the beginning of the end?",
        sign_off="Wondering in Walthamstow",
        days_ago=12,
        topics=("non-monogamy", "communication", "jealousy"),
        original="""\
My partner (he/him, 31) has suggested we open our relationship. We've been together five years. I'm not against it exactly, but I'm scared it's the beginning of the end. He says it's about “exploring”, not about me.

How do couples actually make this work? Are there rules?

(I'm @quietly.wondering.ali on Instagram if you want to DM me, but please don't print that!)
""",
        public="""\
My partner (he/him, 31) has suggested we open our relationship. We've been together five years. I'm not against it exactly, but I'm scared it's the beginning of the end. He says it's about “exploring”, not about me.

How do couples actually make this work? Are there rules?
""",
    ),
    DemoLetter(
        key="nerves-and-erections",
        column=SHEETS,
        headline="I lose my erection with a new partner",
        sign_off="Flagging in Finsbury Park",
        days_ago=240,
        topics=("desire", "dating"),
        warnings=("sexual-content",),
        original="""\
I'm 27 and healthy, but with a new partner I lose my erection as soon as we're about to have sex. On my own there's no problem at all. It's happened three times now and I'm starting to dread it, which I know makes it worse. Is there something I can take?
""",
    ),
    DemoLetter(
        key="unsafe-at-home",
        column=SHEETS,
        headline="Is this normal in a relationship?",
        sign_off="Not Sure",
        days_ago=0,
        topics=("safety", "consent"),
        warnings=("domestic-abuse", "sexual-violence"),
        safety_flag=True,
        internal_notes="Safety flag. The reader says they feel unsafe at home; they were shown the help resources when they sent this. Do not print as sent and do not quote from it. If we cover coercion and consent, write a general piece with no details from this letter.",
        original="""\
I don't really know if this is the right place. My partner gets angry if I say no to sex, and last week he wouldn't let me leave the bedroom until I “made it up to him”. He checks my phone. I don't feel safe at home, but I don't have anywhere else to go and I'm not sure it's bad enough to call anyone. I just want to know if this is normal in relationships.
""",
    ),
    DemoLetter(
        key="maybe-asexual",
        column=SHEETS,
        headline="I think I'm asexual. How do I tell my girlfriend?",
        sign_off="Ace and Anxious",
        days_ago=2,
        topics=("desire", "lgbtq", "communication"),
        original="""\
I'm 23 and I'm pretty sure I'm asexual. I love my girlfriend, I love cuddling and kissing her, I just don't want sex and never really have. She knows something's up because I always find a reason to go to bed early or late.

How do I tell her without her thinking it means I don't love her? And is it even fair to stay together if she wants sex and I don't?
""",
    ),
    DemoLetter(
        key="team-kissing",
        column=SHEETS,
        headline="I'd rather kiss than have sex",
        sign_off="Team Kissing",
        days_ago=1,
        topics=("pleasure", "desire"),
        original="""\
is it weird that I'd honestly rather make out for an hour than have sex?? 🙈💋 my partner thinks kissing is just the warm-up
""",
    ),
    DemoLetter(
        key="dirty-talk",
        column=SHEETS,
        headline="Every time I try to talk dirty we both end up laughing",
        sign_off="Lost for Words",
        days_ago=8,
        triage="shortlisted",
        topics=("communication", "pleasure"),
        warnings=("explicit-language",),
        original="""\
My partner asked me to talk dirty during sex. I tried. I said “you're so… big” in a voice I have never used before, and then we both laughed so hard we had to stop 😂

How do people do this without sounding like a bad film? Do I need a script?
""",
    ),
    DemoLetter(
        key="vibrator-found",
        column=SHEETS,
        headline="My wife found my vibrator and feels replaced",
        sign_off="Buzzkill in Bristol",
        days_ago=6,
        triage="shortlisted",
        topics=("toys", "lgbtq", "communication"),
        original="""\
My wife found my vibrator and seemed really hurt, like I'd been replacing her with it. I've had it for years, since long before we met, and using it has nothing to do with her. We're both women, so it's not as if she can't imagine what it's for!

How do I explain that it isn't about her? Could it even be something we use together?
""",
    ),
    DemoLetter(
        key="shame-my-ex",
        column=SHEETS,
        headline="",
        sign_off="Still Furious",
        days_ago=50,
        triage="declined",
        triage_note="Names and locates a third party and isn't an advice question.",
        original="""\
Can you please write a column telling my ex that he was rubbish in bed? His name is Darren and he works at the tyre place on Mill Road, everyone will know who I mean. He needs to hear it from someone other than me.
""",
        public="",
    ),
    DemoLetter(
        key="pill-spam",
        column=SHEETS,
        headline="",
        sign_off="Sales Team",
        days_ago=3,
        triage="spam",
        triage_note="Advertising.",
        original="""\
🔥🔥 BEST PRICE enhancement pills!!! 100% natural, doctors HATE this trick. Order now at www.cheap-pills-4u.example and get 3 bottles FREE. Discreet shipping worldwide!!! Reply STOP to unsubscribe
""",
        public="",
    ),
)
