"""Realistic data at scale, fast: letters, published answers, topics, in bulk.

Letters follow the length of real advice mail (log-normal, median ~700 characters,
long tail to ~14,000). Their words are English drawn by real frequency (wordfreq's
list, a Zipf spread) with the column's own vocabulary mixed in, so a search term can
be found in a handful of answers or in all of them. Answers are Markdown of real
length (headings, lists, links): an opening paragraph written for each answer, then
sections from a pool of pre-rendered ones, so the stored HTML is what
``render_markdown`` gives without rendering 100,000 bodies one by one. Topics are
Zipf-distributed. The search index is dropped for the bulk load and rebuilt at
the end by ``columns.search.schema.install``, the mechanism the migrations and
``rebuild_search_index`` use: one pass over the tables instead of a trigger firing
(and, for answers, re-indexing) on every inserted row.

Then every public answer's previous, next and related answers are stored, as
publishing each one stores them (``columns.links.relink_all``, all at once; the
answer page reads them), with what each page shows of its letters, bylines,
labels and topics (``columns.pageparts.store_all``), and the lists' pages are
closed (``close_pages``, as a full bake does first), so the data is what a site
that published these answers one by one would hold.
"""

import functools
import itertools
import math
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import wordfreq
from django.db import connection, transaction

from columns import archivepages, links, pageparts
from columns.markdown import render_markdown
from columns.models import (
    Answer,
    AnswerLetter,
    ArchivePage,
    Column,
    Question,
    RelatedAnswer,
    TaggedAnswer,
    TaggedQuestion,
    Topic,
    User,
)
from columns.search import schema

WORDS = (
    "partner boyfriend girlfriend wife husband relationship sex desire libido "
    "consent condom contraception pill period pregnancy test clinic doctor nurse "
    "anxiety shame pleasure orgasm kiss touch trust jealousy cheating open "
    "monogamy dating apps first time virgin body image weight pain dryness "
    "lubricant menopause erection ejaculation fantasy kink boundaries talk "
    "communication family friends moving together distance break up divorce "
    "therapy counsellor feelings love lonely nervous afraid excited curious "
    "question advice honest kind gentle slow safe tested chlamydia herpes hpv "
    "vaccine smear discharge itch rash bleeding cycle hormones mood sleep work "
    "stress money house children baby fertility years months weeks night morning"
).split()
# Words of general English drawn by their real frequency: rare enough at the tail
# (about one in ten million) that some occur in a single answer of 100,000.
VOCABULARY_SIZE = 100_000
# The share of words that are the column's own (WORDS, Zipf-weighted among
# themselves), so its searches ("partner", "condom") stay meaningful.
TOPICAL_SHARE = 0.12
# Bump when the generated data changes: kept data of another version is not reused.
# 3: stored links (previous, next, related) and closed list pages.
VERSION = 3
COLUMN_NAMES = [
    "Between the Sheets",
    "Body Check",
    "Second Spring",
    "Love Lab",
    "Ask the Nurse",
]
STATUS_WEIGHTS = {
    Question.Status.NEW: 40,
    Question.Status.SHORTLISTED: 8,
    Question.Status.ASSIGNED: 2,
    Question.Status.DECLINED: 30,
    Question.Status.SPAM: 8,
    Question.Status.DUPLICATE: 2,
}
BATCH = 5000


@dataclass
class Report:
    letters: int = 0
    answers: int = 0
    topics: int = 0
    linked: int = 0
    closed_pages: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def letter_length(rng: random.Random) -> int:
    """Characters in a letter: log-normal around a 700 median, 30 to 14,000."""
    return max(30, min(14_000, int(rng.lognormvariate(math.log(700), 0.75))))


def draw_status(rng: random.Random) -> str:
    return rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0]


@dataclass(frozen=True)
class Vocabulary:
    """Words with cumulative weights: each draw is a bisection, not a scan."""

    words: list[str]
    cum_weights: list[float]

    def draw(self, rng: random.Random, count: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cum_weights, k=count)


@functools.cache
def vocabulary() -> Vocabulary:
    """wordfreq's commonest English words (letters only, so the Markdown is plain
    text), weighted by their frequency, with WORDS mixed in at ``TOPICAL_SHARE``."""
    general = [
        word
        for word in wordfreq.top_n_list("en", VOCABULARY_SIZE)
        if word.isascii() and word.isalpha()
    ]
    frequencies = [wordfreq.word_frequency(word, "en") for word in general]
    scale = (1 - TOPICAL_SHARE) / sum(frequencies)
    topical = zipf_weights(len(WORDS))
    topical_scale = TOPICAL_SHARE / sum(topical)
    weights = [f * scale for f in frequencies] + [w * topical_scale for w in topical]
    return Vocabulary(general + WORDS, list(itertools.accumulate(weights)))


def prose(rng: random.Random, length: int) -> str:
    words: list[str] = []
    size = 0
    draw = vocabulary().draw
    while size < length:
        chunk = draw(rng, 32)
        words.extend(chunk)
        size += sum(len(word) + 1 for word in chunk)
    return sentence(cut(" ".join(words), length))


def cut(text: str, length: int) -> str:
    """``text`` to at most ``length`` characters, ending on a whole word (a word
    cut in two would be a made-up word in the search index)."""
    if len(text) <= length:
        return text
    head = text[: length + 1]
    return head.rsplit(" ", 1)[0] if " " in head else head[:length]


def sentence(text: str) -> str:
    text = text.rstrip()
    return text[0].upper() + text[1:] + "."


class Corpus:
    """A long run of prose that letters are cut from at random word boundaries:
    the same words and lengths as writing each letter afresh, at a fraction of
    the cost (a million letters would otherwise spend minutes in ``random``)."""

    def __init__(self, rng: random.Random, size: int = 1_000_000) -> None:
        self.rng = rng
        self.text = prose(rng, size + 15_000)
        self.starts = [0] + [
            index + 1 for index, char in enumerate(self.text[:size]) if char == " "
        ]

    def take(self, length: int) -> str:
        start = self.starts[self.rng.randrange(len(self.starts))]
        return sentence(cut(self.text[start : start + length + 40], length))


def section_pool(rng: random.Random, size: int = 300) -> list[tuple[str, str]]:
    """(Markdown, HTML) sections; bodies are concatenations of them."""
    pool = []
    for number in range(size):
        heading = " ".join(rng.choices(WORDS, k=3)).capitalize()
        items = "\n".join(
            f"- {prose(rng, rng.randint(30, 90))}" for _ in range(rng.randint(2, 5))
        )
        link = f"[{rng.choice(WORDS)} guide](https://www.nhs.uk/conditions/{number}/)"
        markdown = (
            f"## {heading} {number}\n\n{prose(rng, rng.randint(300, 900))}\n\n"
            f"{items}\n\nRead more in the {link}.\n\n"
            f"{prose(rng, rng.randint(200, 700))}\n"
        )
        pool.append((markdown, render_markdown(markdown)))
    return pool


def zipf_weights(count: int, exponent: float = 1.1) -> list[float]:
    return [1 / (rank**exponent) for rank in range(1, count + 1)]


def batched(total: int, size: int = BATCH) -> Iterator[range]:
    for start in range(0, total, size):
        yield range(start, min(total, start + size))


def tick(progress: Callable[[str], None], label: str, done: int, total: int) -> None:
    """Report every tenth of the way (and the end), not every batch."""
    step = max(BATCH, total // 10)
    if done == total or done % step < BATCH:
        progress(f"{label}: {done:,}/{total:,} ({done / total:.0%})")


def generate(
    *,
    letters: int,
    answers: int,
    topics: int = 200,
    seed: int = 2026,
    progress: Callable[[str], None] = lambda line: None,
    processes: int = 1,
) -> Report:
    """Insert ``letters`` letters (``answers`` of them answered and published).
    ``processes`` search for related answers in forked processes (not in a test,
    whose database lives in its transaction)."""
    if answers > letters:
        raise ValueError("Every answer prints a letter: answers <= letters.")
    rng = random.Random(seed)
    report = Report()
    started = time.monotonic()
    started_at = datetime.now(UTC)
    now = started_at.replace(microsecond=0)

    author = User.objects.get_or_create(
        username="bench-columnist", defaults={"public_name": "Bench Columnist"}
    )[0]
    columns = [
        Column.objects.get_or_create(
            slug=f"bench-{index}", defaults={"name": f"{name} (bench)", "daily_cap": 0}
        )[0]
        for index, name in enumerate(COLUMN_NAMES)
    ]
    drop_site_rebakes(since=started_at)
    topic_objects = Topic.objects.bulk_create(
        [
            Topic(name=f"Topic {index:03d}", slug=f"topic-{index:03d}")
            for index in range(topics)
        ],
        ignore_conflicts=True,
    )
    topic_ids = list(
        Topic.objects.filter(slug__startswith="topic-").values_list("id", flat=True)
    )
    report.topics = len(topic_objects)
    # Cumulative weights make each Zipf draw a bisection instead of a full scan.
    weights = list(itertools.accumulate(zipf_weights(len(topic_ids))))
    pool = section_pool(rng)
    corpus = Corpus(rng)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Rows written earlier in the same transaction (a test's) leave
            # deferred foreign-key checks pending, which block ALTER TABLE.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema.uninstall(connection)
    report.seconds["setup"] = time.monotonic() - started

    # The first generated letter: duplicates point at it (ids come from the
    # database's sequence, which need not start right after the last row).
    first_id: int | None = None
    span = timedelta(days=3650)
    progress(f"letters: 0/{letters:,}")
    phase = time.monotonic()
    for chunk in batched(letters):
        batch = []
        for index in chunk:
            status = Question.Status.ANSWERED if index < answers else draw_status(rng)
            if first_id is None and status == Question.Status.DUPLICATE:
                status = Question.Status.NEW
            text = corpus.take(letter_length(rng))
            age = span * (1 - index / max(letters, 1))
            batch.append(
                Question(
                    column=columns[index % len(columns)],
                    original_text=text,
                    public_text=text,
                    headline=" ".join(rng.choices(WORDS, k=4)).capitalize(),
                    sign_off=rng.choice(["Anonymous", "Worried", "Curious in Leeds"]),
                    status=status,
                    assignee=author if status in {"assigned", "answered"} else None,
                    duplicate_of_id=first_id if status == "duplicate" else None,
                    safety_flag=rng.random() < 0.01,
                    submitted_at=(now - age).replace(minute=0, second=0),
                )
            )
        with transaction.atomic():
            created = Question.objects.bulk_create(batch)
            first_id = first_id or created[0].pk
            TaggedQuestion.objects.bulk_create(
                TaggedQuestion(
                    content_object_id=q.pk,
                    tag_id=rng.choices(topic_ids, cum_weights=weights)[0],
                )
                for q in created
            )
        report.letters += len(batch)
        tick(progress, "letters", report.letters, letters)
    report.seconds["letters"] = time.monotonic() - phase

    phase = time.monotonic()
    question_ids = list(
        Question.objects.filter(id__gte=first_id, status="answered")
        .order_by("id")
        .values_list("id", "column_id", "headline")
    )
    for chunk in batched(len(question_ids)):
        batch, letters_of = [], []
        for index in chunk:
            question_id, column_id, headline = question_ids[index]
            # Written for this answer alone: the words that no other answer has.
            opening = prose(rng, rng.randint(300, 700))
            sections = [(f"{opening}\n", f"<p>{opening}</p>\n")]
            sections += rng.sample(pool, rng.randint(3, 7))
            published = now - span * (1 - index / max(len(question_ids), 1))
            batch.append(
                Answer(
                    column_id=column_id,
                    title=f"{headline} ({question_id})",
                    slug=f"bench-answer-{question_id}",
                    summary=corpus.take(160),
                    body="\n".join(markdown for markdown, _ in sections),
                    body_html="\n".join(html for _, html in sections),
                    state=Answer.State.PUBLISHED,
                    publish_at=published,
                    first_published_at=published,
                    last_published_at=published,
                )
            )
            letters_of.append(question_id)
        with transaction.atomic():
            # bulk_create skips save(), so body_html is the pooled rendering.
            created = Answer.objects.bulk_create(batch)
            AnswerLetter.objects.bulk_create(
                AnswerLetter(answer_id=a.pk, question_id=q, position=1)
                for a, q in zip(created, letters_of, strict=True)
            )
            Answer.authors.through.objects.bulk_create(
                Answer.authors.through(answer_id=a.pk, user_id=author.pk)
                for a in created
            )
            TaggedAnswer.objects.bulk_create(
                TaggedAnswer(content_object_id=a.pk, tag_id=tag)
                for a in created
                for tag in set(rng.choices(topic_ids, cum_weights=weights, k=3))
            )
        report.answers += len(batch)
        tick(progress, "answers", report.answers, len(question_ids))
    report.seconds["answers"] = time.monotonic() - phase

    phase = time.monotonic()
    progress("search index: rebuilding")
    with transaction.atomic():
        schema.install(connection)
    report.seconds["search index"] = time.monotonic() - phase

    phase = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    report.seconds["analyze"] = time.monotonic() - phase

    phase = time.monotonic()
    report.linked = store_links(now, progress, processes)
    report.seconds["links"] = time.monotonic() - phase

    phase = time.monotonic()
    meter = Meter(progress, "page parts")
    pageparts.store_all(progress=meter.update)
    report.seconds["page parts"] = time.monotonic() - phase

    phase = time.monotonic()
    report.closed_pages = close_list_pages(now, progress)
    report.seconds["archive pages"] = time.monotonic() - phase

    phase = time.monotonic()
    with connection.cursor() as cursor:
        # The tables the two steps above filled or changed.
        for model in (Answer, RelatedAnswer, ArchivePage):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    report.seconds["analyze"] += time.monotonic() - phase
    report.seconds["total"] = time.monotonic() - started
    return report


def drop_site_rebakes(since: datetime) -> int:
    """Drop the full bakes that creating the columns enqueued (a column shows on
    every page, so saving one enqueues ``rebake_site``): nothing is baked yet, and
    a worker started later (the bench's, to time publishing) would spend its first
    minutes, or hours at full size, baking the site once per column. How many."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        enqueued_at__gte=since,
        task_path__endswith=".rebake_site",
        status=TaskResultStatus.READY,
    ).delete()[0]


class Meter:
    """Progress of a step done one item at a time: a line at every tenth of the
    way, with the rate and the time left."""

    def __init__(
        self, progress: Callable[[str], None], label: str, total: int | None = None
    ):
        self.progress, self.label, self.total = progress, label, total or 0
        self.started = time.monotonic()
        self.shown = 0  # tenths reported so far
        if total is not None:
            progress(f"{label}: 0/{total:,}")

    def update(self, done: int, total: int | None = None) -> None:
        """``done`` of the total (given here when it was not known at the start)."""
        self.total = total if total is not None else self.total
        tenths = done * 10 // max(self.total, 1)
        if tenths <= self.shown:
            return
        self.shown = tenths
        elapsed = time.monotonic() - self.started
        rate = done / max(elapsed, 1e-9)
        left = (self.total - done) / rate if rate else 0
        self.progress(
            f"{self.label}: {done:,}/{self.total:,} ({done / max(self.total, 1):.0%}), "
            f"{rate:,.0f}/s, {elapsed:,.0f} s"
            + (f", about {left:,.0f} s left" if done < self.total else "")
        )


def store_links(
    now: datetime, progress: Callable[[str], None], processes: int = 1
) -> int:
    """Store every public answer's previous, next and related answers, and the
    cards its page shows of them, with ``columns.links.relink_all`` (``manage.py
    relink``): the links ``links.refresh`` stores when each answer is published,
    for all of them at once (neighbours in one pass per column, related answers
    searched in ``processes`` forked processes). How many answers."""
    progress("stored links: neighbours, then related answers")
    meter = Meter(progress, "stored links (related answers)")
    linked = links.relink_all(now, processes=processes, progress=meter.update)
    progress(f"stored links: {linked:,} answers")
    return linked


def close_list_pages(now: datetime, progress: Callable[[str], None]) -> int:
    """Close the pages of every public list (a column's, a topic's, a month's), as
    a full bake does before writing them; how many pages were closed."""
    lists = list(archivepages.every_list(now))
    meter = Meter(progress, "list pages", len(lists))
    closed = 0
    for done, answers in enumerate(lists, start=1):
        closed += len(answers.close_pages(now))
        meter.update(done)
    progress(f"list pages: {closed:,} closed pages in {len(lists):,} lists")
    return closed


# Answers the bench publishes (and removes again) are told apart by their slug.
PUBLISHED_BY_RUN = "bench-publish-"


def approved_answers(count: int, seed: int = 2027) -> list[Answer]:
    """``count`` approved answers, ready to publish, written as the generated ones
    are (an opening of their own, pooled sections, three Zipf topics), each
    printing a new letter assigned to the bench columnist, across the bench
    columns. Their slugs start with ``PUBLISHED_BY_RUN`` (``remove_run_answers``)."""
    rng = random.Random(seed)
    now = datetime.now(UTC).replace(microsecond=0)
    author = User.objects.get(username="bench-columnist")
    columns = list(Column.objects.filter(slug__startswith="bench-").order_by("slug"))
    topic_ids = list(
        Topic.objects.filter(slug__startswith="topic-")
        .order_by("id")
        .values_list("id", flat=True)
    )
    weights = list(itertools.accumulate(zipf_weights(len(topic_ids))))
    pool = section_pool(rng, size=20)
    made = []
    for number in range(count):
        column = columns[number % len(columns)]
        text = prose(rng, letter_length(rng))
        with transaction.atomic():
            question = Question.objects.create(
                column=column,
                original_text=text,
                public_text=text,
                headline=" ".join(rng.choices(WORDS, k=4)).capitalize(),
                status=Question.Status.ASSIGNED,
                assignee=author,
                submitted_at=now.replace(minute=0, second=0),
            )
            opening = prose(rng, rng.randint(300, 700))
            sections = [f"{opening}\n"]
            sections += [markdown for markdown, _ in rng.sample(pool, 4)]
            # save() renders the Markdown, as the answer editor's save does.
            answer = Answer.objects.create(
                column=column,
                title=f"{question.headline} ({question.pk})",
                slug=f"{PUBLISHED_BY_RUN}{question.pk}",
                summary=prose(rng, 160),
                body="\n".join(sections),
                state=Answer.State.APPROVED,
            )
            AnswerLetter.objects.create(answer=answer, question=question, position=1)
            answer.authors.add(author)
            TaggedAnswer.objects.bulk_create(
                TaggedAnswer(content_object_id=answer.pk, tag_id=tag)
                for tag in set(rng.choices(topic_ids, cum_weights=weights, k=3))
            )
        made.append(answer)
    return made


def remove_run_answers() -> tuple[int, int]:
    """Delete the answers made by ``approved_answers`` (published or not), their
    letters and both's audit entries; (answers, letters) removed. Answers that
    linked to them as previous or next are left with no link there, as before."""
    from django.contrib.contenttypes.models import ContentType

    from columns.models import AuditEntry

    answers = Answer.objects.filter(slug__startswith=PUBLISHED_BY_RUN)
    answer_ids = list(answers.values_list("pk", flat=True))
    letter_ids = list(
        AnswerLetter.objects.filter(answer_id__in=answer_ids).values_list(
            "question_id", flat=True
        )
    )
    with transaction.atomic():
        for model, ids in ((Answer, answer_ids), (Question, letter_ids)):
            AuditEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(model),
                object_id__in=ids,
            ).delete()
        answers.delete()
        Question.objects.filter(pk__in=letter_ids).delete()
    return len(answer_ids), len(letter_ids)
