from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "corpus" / "seeds"


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus built once into a database shared by the golden tests."""
    from storyline.build import build

    db = tmp_path_factory.mktemp("golden") / "seeds.db"
    report = build([SEEDS], db=db)
    assert report.stored == 5 and report.failed == 0, report.failures
    return db
