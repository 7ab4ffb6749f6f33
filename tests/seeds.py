"""The two real long answers the product was conceived from (``../shared/seeds/``,
beside every checkout), as real content for tests."""

from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def seed_markdown(number: int = 0) -> str:
    """Seed answer ``number`` in the product's Markdown (0: the 2,700-word one)."""
    return (SEEDS / f"seed{number}.md").read_text(encoding="utf-8")
