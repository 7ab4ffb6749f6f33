"""The benchmark's own code at a tiny size: it generates, measures and reports."""

import json
import os
import shutil
import subprocess
import sys

import pytest

from bench import generate, http_load, measure, run, terms
from columns.models import Answer, Question, TaggedQuestion
from tests.nginx import nginx_or_skip


@pytest.fixture
def tiny_data(db):
    return generate.generate(letters=300, answers=30, topics=20)


def test_the_generator_makes_letters_answers_and_zipf_topics(tiny_data):
    assert (tiny_data.letters, tiny_data.answers) == (300, 30)
    assert Answer.objects.published().count() == 30
    statuses = set(Question.objects.values_list("status", flat=True))
    assert {"new", "answered", "declined"} <= statuses
    lengths = sorted(
        len(text) for text in Question.objects.values_list("original_text", flat=True)
    )
    assert lengths[0] >= 30 and lengths[-1] <= 14_000
    assert 350 < lengths[len(lengths) // 2] < 1400  # median near 700
    counts = {}
    for tag in TaggedQuestion.objects.values_list("tag_id", flat=True):
        counts[tag] = counts.get(tag, 0) + 1
    ranked = sorted(counts.values(), reverse=True)
    assert ranked[0] > 4 * ranked[len(ranked) // 2]  # a few topics dominate


def test_generated_answers_carry_the_html_their_markdown_renders_to(tiny_data):
    from columns.markdown import render_markdown

    answer = Answer.objects.first()
    assert "<h2" in answer.body_html and "<ul>" in answer.body_html
    assert answer.body_html.replace("\n", "") == render_markdown(answer.body).replace(
        "\n", ""
    )


def test_generated_letters_are_found_by_the_search_index(tiny_data):
    from columns.search import matching_letter_ids

    assert matching_letter_ids("partner")


def test_every_scenario_is_measured_with_its_queries(tiny_data, superuser):
    timings = measure.measure(iterations=2)
    names = {timing.name for timing in timings}
    assert {"home", "answer page", "search (df≈1)", "queue", "triage page"} <= names
    assert "home [uncached]" in names and "queue (deep page)" in names
    lists = ["columns index", "topics index", "column page", "topic page"]
    assert {f"{name} [uncached]" for name in [*lists, "date archive"]} <= names
    [answer] = [t for t in timings if t.name == "answer page [uncached]"]
    assert answer.note.startswith("stored links: previous"), answer
    uncached = {t.name: t for t in timings if "[uncached]" in t.name}
    assert all(t.queries > 0 for t in uncached.values())
    for timing in timings:
        assert timing.status == 200, timing
        assert timing.median_ms > 0 and timing.p95_ms >= timing.median_ms
        if timing.name.startswith("queue") or timing.name in uncached:
            # The budget: public pages and the review queue stay under ten queries.
            assert timing.ceiling == measure.QUERY_CEILING
            assert 0 < timing.queries <= measure.QUERY_CEILING, timing
    assert {t.name for t in timings if t.ceiling is None} == {
        "triage page",
        "answer editor",
    }
    searches = {f"search ({name}) [uncached]" for name in terms.targets(30)}
    assert (
        searches | {"search (two terms) [uncached]", "search (phrase) [uncached]"}
        <= names
    )


def test_search_terms_are_found_in_about_as_many_answers_as_their_names_say(
    tiny_data,
):
    picked = {term.name: term for term in terms.search_terms(30)}
    assert set(terms.targets(30)) <= set(picked)
    for name, target in terms.targets(30).items():
        term = picked[name]
        assert term.df == terms.answer_count(term.query), term
        if name == "df≈all":
            assert term.df >= 0.9 * 30, term
        else:
            assert target / 2 <= term.df <= 2 * target, term
    assert len(picked["two terms"].query.split()) == 2 and picked["two terms"].df > 0
    assert picked["phrase"].query.startswith('"') and picked["phrase"].df > 0


def test_generated_words_span_rare_to_everywhere(tiny_data):
    frequencies = terms.index_frequencies()
    assert min(frequencies.values()) == 1
    assert max(frequencies.values()) == 30
    assert len(frequencies) > 2000  # not a vocabulary of a few hundred words


def test_the_deep_queue_page_is_reached_by_following_next_links(
    tiny_data, superuser, client
):
    from django.urls import reverse

    client.force_login(superuser)
    first = reverse("desk:queue")
    url = measure.deep_queue_url(client, pages=2)
    assert url != first and "after=" in url
    assert client.get(url).status_code == 200


def test_the_triage_letter_is_the_same_after_readers_send_letters(tiny_data):
    from tests.factories import make_question

    letter = measure.triage_letter()
    make_question(column=letter.column)
    assert measure.triage_letter() == letter
    assert letter.column.slug.startswith("bench-")


def test_uncached_settings_switch_off_the_page_cache_only():
    from bench import uncached_settings

    backend = uncached_settings.CACHES["default"]["BACKEND"]
    assert backend == "django.core.cache.backends.dummy.DummyCache"
    assert uncached_settings.CACHES["shared"]
    assert uncached_settings.ROOT_URLCONF == "advice.urls"


def test_the_report_is_valid_json_and_a_readable_table(tiny_data, superuser):
    timings = [t.as_dict() for t in measure.measure(iterations=1)]
    result = {
        "date": "2026-11-21",
        "database": "sqlite",
        "letters": 300,
        "answers": 30,
        "machine": run.machine(),
        "generation": {"peak_memory_kb": 1024},
        "pages": timings,
        "http": {
            "cached home page": {
                "requests_per_s": 1500.0,
                "p50_ms": 1.0,
                "p99_ms": 3.0,
            },
            "submissions": {
                "readers": 2,
                "received": 10,
                "refused": 0,
                "per_s": 5.0,
                "median_ms": 20.0,
                "p95_ms": 40.0,
                "lost": 0,
            },
        },  # fmt: skip
        "web_memory": {"master_kb": 1024, "largest_worker_kb": 2048},
    }
    assert json.loads(json.dumps(result)) == result
    text = run.table(result)
    assert "answer page" in text and "1500 req/s" in text and "lost 0" in text


def test_submissions_over_http_are_all_found_in_the_database(
    live_server, transactional_db, settings
):
    from bench.http_load import submissions
    from columns import intake
    from tests.factories import make_column

    settings.ADVICE_LETTERS_PER_HOUR = 0
    make_column(slug="bench-0", daily_cap=0)
    figures, codes = submissions(f"{live_server.url}/columns/bench-0/ask/", 1, 1.0)
    assert figures["received"] == len(codes) > 0
    digests = {intake.receipt_digest(code) for code in codes}
    assert Question.objects.filter(receipt_digest__in=digests).count() == len(codes)


def test_letters_sent_by_the_load_are_removed_afterwards(
    live_server, transactional_db, settings
):
    from bench.http_load import submissions
    from tests.factories import make_column, make_question

    settings.ADVICE_LETTERS_PER_HOUR = 0
    column = make_column(slug="bench-0", daily_cap=0)
    kept = make_question(column=column)
    last = http_load.last_letter_id()
    figures, _ = submissions(f"{live_server.url}/columns/bench-0/ask/", 1, 1.0)
    assert http_load.remove_letters_after(last) == figures["received"] > 0
    assert list(Question.objects.all()) == [kept]


def test_the_generator_stores_links_and_closes_list_pages_as_publishing_would(
    tiny_data, monkeypatch
):
    from django.core.cache import cache
    from django.test import Client
    from django.utils import timezone

    from columns import archivepages, links

    now = timezone.now()
    assert tiny_data.linked == 30
    for answer in Answer.objects.published():
        assert links.stored(answer) == links.computed(answer, now), answer
    # 30 answers fill no page of 20; pages of 2 close in every list.
    assert tiny_data.closed_pages == 0
    monkeypatch.setattr(archivepages, "PER_PAGE", 2)
    lines = []
    assert generate.close_list_pages(now, lines.append) > 0
    assert lines[-1].startswith("list pages:") and "closed pages" in lines[-1]
    [closed] = [s for s in measure.scenarios() if s.name == "column page (closed)"]
    assert closed.url.endswith("/page/1/") and closed.cold
    timing = measure.time_scenario(Client(), closed, 1, cache.clear)
    assert timing.status == 200 and timing.queries <= measure.QUERY_CEILING


def test_the_results_never_overwrite_an_earlier_run(tmp_path):
    result = {"date": "2026-12-01", "database": "sqlite"}
    first = run.results_path(tmp_path, result)
    assert first.name == "2026-12-01-sqlite.json"
    first.write_text("{}")
    assert run.results_path(tmp_path, result).name == "2026-12-01-sqlite-2.json"
    assert run.results_path(tmp_path, result, "baking").name == (
        "2026-12-01-sqlite-baking.json"
    )


def wrk_or_skip() -> None:
    """Skips the test without wrk, or fails it in CI (as ``nginx_or_skip``)."""
    if shutil.which("wrk"):
        return
    message = "wrk is missing (apt-get install wrk)"
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(message)
    pytest.skip(message)


def test_the_baked_site_is_baked_published_to_with_a_worker_and_served_by_nginx(
    tmp_path,
):
    """The bench's baked-site phases end to end at the tiny size, in a process of
    their own (the worker must share the database, so not the test's)."""
    nginx_or_skip()
    wrk_or_skip()
    command = [
        sys.executable, "-m", "bench.run", "--size", "tiny", "--database", "sqlite",
        "--letters", "100", "--answers", "10", "--phases", "bake,publish,nginx",
        "--publishes", "2", "--http-seconds", "1",
        "--var-dir", str(tmp_path), "--results", str(tmp_path / "results"),
    ]  # fmt: skip
    done = subprocess.run(
        command, cwd=run.ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    [path] = (tmp_path / "results").glob("*-sqlite.json")
    baked = json.loads(path.read_text())["baked"]

    bake = baked["bake"]
    assert bake["answers"] == 10 and bake["processes"] == 2
    assert bake["pages"] > 10 and bake["pages_per_s"] > 0 and bake["mb"] > 0
    assert bake["projection"]["answers"] == 100_000
    assert bake["projection"]["pages"] > 100_000  # answers' pages and the rest

    publish = baked["publish"]
    assert publish["answers"] == 2 and publish["timeouts"] == 0
    assert 0 < publish["median_s"] <= publish["max_s"] < 30
    assert publish["failed_tasks"] == 0 and publish["withdrawals_finished"]
    assert publish["removed"]["answers"] == 3  # and the warm-up's
    assert publish["kept_data_unchanged"]

    nginx = baked["nginx"]
    for name in ("baked answer page", "baked list page", "plain file"):
        assert nginx[name]["requests_per_s"] > 0 and nginx[name]["errors"] == 0
        assert len(nginx[name]["rounds"]) == 2
    assert nginx["plain file"]["bytes"] == nginx["baked answer page"]["bytes"]
    assert set(nginx["ratios"]) == {
        "baked answer page / plain file",
        "baked list page / plain file",
    }
    assert "publish to file (2 answers" in done.stdout
    assert "nginx baked / plain" in done.stdout
