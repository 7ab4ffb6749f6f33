"""Demo staff, topics, content warnings and columns."""

# ruff: noqa: E501 (prose: one paragraph per line)

from columns.demo.spec import DemoColumn, DemoTopic, DemoUser, DemoWarning

SHEETS = "between-the-sheets"
BODY_CHECK = "body-check"
SECOND_SPRING = "second-spring"

# Demo only: these passwords are printed by the command for anyone to read.
USERS = (
    DemoUser(
        username="admin",
        password="demo-admin-2026",
        public_name="Site Administrator",
        is_staff=True,
        is_superuser=True,
    ),
    DemoUser(
        username="editor",
        password="demo-editor-2026",
        public_name="Jo Marlow",
        role="Editor",
        bio="Desk editor. Reads every letter that comes in and decides which ones get answered.",
        is_staff=True,
    ),
    DemoUser(
        username="sam",
        password="demo-sam-2026",
        public_name="Sam Achterberg",
        role="Columnist",
        bio="Sam has answered readers' questions about sex and relationships for ten years, after a first career in youth work. There are no silly questions, only unasked ones.",
    ),
    DemoUser(
        username="priya",
        password="demo-priya-2026",
        public_name="Priya Halloran",
        role="Columnist",
        bio="Priya is a former sexual-health nurse who now writes Body Check, explaining what is going on down there with help from clinicians.",
    ),
)

TOPICS = (
    DemoTopic(
        "consent",
        "Consent",
        "Asking, agreeing, changing your mind, and what a real yes looks like.",
    ),
    DemoTopic(
        "communication",
        "Communication",
        "Talking about sex and feelings with the people you share them with.",
    ),
    DemoTopic(
        "contraception",
        "Contraception",
        "Pills, coils, condoms, emergency contraception and choosing between them.",
    ),
    DemoTopic(
        "stis",
        "STIs",
        "Sexually transmitted infections: testing, treatment and telling partners.",
    ),
    DemoTopic(
        "desire",
        "Desire",
        "Wanting, not wanting, and wanting different things from a partner.",
    ),
    DemoTopic(
        "kink", "Kink", "Power play, restraint, fantasies and doing them safely."
    ),
    DemoTopic("pleasure", "Pleasure", "What feels good and how to find more of it."),
    DemoTopic("first-time", "First time", "First times of every kind, at any age."),
    DemoTopic(
        "long-distance", "Long distance", "Staying close when you are far apart."
    ),
    DemoTopic("menopause", "Menopause", "Perimenopause, menopause and sex afterwards."),
    DemoTopic("pain", "Pain", "Sex that hurts, and what can be done about it."),
    DemoTopic(
        "body-image", "Body image", "Feeling at home in your body, in and out of bed."
    ),
    DemoTopic(
        "dating", "Dating", "Meeting people and the early days of something new."
    ),
    DemoTopic(
        "later-life",
        "Later life",
        "Love and sex in your sixties, seventies and beyond.",
    ),
    DemoTopic(
        "parenthood",
        "Parenthood",
        "Sex and closeness when there is a baby (or three) in the house.",
    ),
    DemoTopic(
        "lgbtq",
        "LGBTQ+",
        "Questions from lesbian, gay, bi, trans, queer and ace readers.",
    ),
    DemoTopic(
        "non-monogamy",
        "Non-monogamy",
        "Open relationships, polyamory and everything between.",
    ),
    DemoTopic(
        "jealousy",
        "Jealousy",
        "Trust, insecurity and what to do with the green-eyed feeling.",
    ),
    DemoTopic("toys", "Toys", "Vibrators and other sex toys, alone or together."),
    DemoTopic(
        "safety", "Safety", "Feeling unsafe, abuse and coercion, and where to get help."
    ),
)

WARNINGS = (
    DemoWarning(
        "sexual-content",
        "Sexual content",
        "Frank descriptions of sex and sexual activity.",
        is_nsfw=True,
    ),
    DemoWarning(
        "sexual-violence",
        "Sexual violence",
        "Mentions of sexual assault, rape or coercion.",
        help_category="sexual_assault",
    ),
    DemoWarning(
        "self-harm",
        "Self-harm",
        "Mentions of self-harm or suicidal feelings.",
        help_category="self_harm",
    ),
    DemoWarning(
        "explicit-language",
        "Explicit language",
        "Swearing and sexually explicit words.",
    ),
    DemoWarning(
        "medical-detail",
        "Medical detail",
        "Symptoms, examinations, procedures and bodily detail.",
    ),
    DemoWarning(
        "domestic-abuse",
        "Domestic abuse",
        "Mentions of abuse or control by a partner or family member.",
        help_category="abuse",
    ),
)

COLUMNS = (
    DemoColumn(
        slug=SHEETS,
        name="Between the Sheets",
        tagline="Frank, kind answers about sex and relationships.",
        description="Sam Achterberg answers your questions about sex, love and everything tangled up between them, with guest answers from Priya Halloran. No judgement, no euphemisms, no question too small.",
        guidelines="Send us what is on your mind: desire, communication, first times, kinks, jealousy, long distance, bodies, the lot. Change names and places; we will edit further so nobody can recognise you.\n\nPlease don't send photos, full names of other people, or anything you need answered urgently: we answer a handful of letters a week and cannot reply privately. If you are in danger, call your local emergency number.",
        disclaimer="This column offers general information and opinion, not medical, legal or psychological advice. For anything about your health, see a clinician.",
        hosts=("sam", "priya"),
        topics=(
            "consent",
            "communication",
            "desire",
            "kink",
            "pleasure",
            "first-time",
            "long-distance",
            "body-image",
            "dating",
            "parenthood",
            "lgbtq",
            "non-monogamy",
            "jealousy",
            "toys",
            "safety",
        ),
        daily_cap=150,
        position=1,
    ),
    DemoColumn(
        slug=BODY_CHECK,
        name="Body Check",
        tagline="Sexual health, explained by people who know.",
        description="Priya Halloran explains what is going on with your body, from STI tests to painful sex to the menopause, with help from doctors, nurses and physiotherapists.",
        guidelines="Ask about symptoms, tests, treatments, contraception or how bodies work in and out of bed. We explain; we don't diagnose.\n\nDon't send photos of symptoms, and don't wait for us if something is urgent: a pharmacist, GP or sexual-health clinic can see you far sooner than we can print a reply.",
        disclaimer="Not medical advice. Body Check explains health topics in general terms and cannot diagnose or treat anyone. If you have symptoms or are worried, see a clinician.",
        hosts=("priya",),
        topics=(
            "contraception",
            "stis",
            "pain",
            "menopause",
            "body-image",
            "pleasure",
            "lgbtq",
        ),
        daily_cap=100,
        position=2,
    ),
    DemoColumn(
        slug=SECOND_SPRING,
        name="Second Spring",
        tagline="Love and sex after sixty. (This series has ended.)",
        description="A year of letters from readers in their sixties, seventies and eighties about new love, old love and bodies that have changed. The series has ended; the archive stays open.",
        guidelines="Second Spring is no longer taking letters. Questions about sex and relationships at any age are welcome at Between the Sheets.",
        disclaimer="General information and opinion, not medical advice. See a clinician about your health.",
        hosts=("sam",),
        topics=("later-life", "dating", "desire"),
        is_open=False,
        daily_cap=50,
        position=3,
    ),
)
