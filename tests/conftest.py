from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "corpus" / "seeds"


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus built once into a database shared by the golden tests."""
    from storyline.builder import build

    db = tmp_path_factory.mktemp("golden") / "seeds.db"
    report = build([SEEDS], db=db)
    assert report.stored == 5 and report.failed == 0, report.failures
    return db


# Article text is hostile input: an invented article whose title, outlet, URL, quote and text carry
# markup that would run if a page wrote it unescaped (tests/test_web_pages.py, test_web_browser.py).
SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
HOSTILE_ARTICLE = {
    "id": "hostile-1", "url": f"https://example.org/a?x={ATTRIBUTE}", "outlet": f"{SCRIPT} Gazette",
    "published": "2024-03-05", "title": f"{SCRIPT} Harbour talks",
    "text": (f"Mayor Mara Velden met the Harbour Guild in Port Asterly on Tuesday. \"We will rebuild the pier "
             f"{SCRIPT} before winter,\" Velden said on Tuesday. The guild rejected the plan {ATTRIBUTE} and "
             "called for a vote. Velden said the council would meet again on Friday."),
}


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of one invented article full of markup, built once."""
    import json

    from storyline.builder import build

    folder = tmp_path_factory.mktemp("hostile")
    source = folder / "hostile.jsonl"
    source.write_text(json.dumps(HOSTILE_ARTICLE) + "\n", encoding="utf-8")
    report = build([source], db=folder / "hostile.db")
    assert report.stored == 1 and report.failed == 0, report.failures
    return folder / "hostile.db"


# -- the store's back ends: the same store tests run against SQLite and PostgreSQL ---------------

@pytest.fixture(scope="session")
def postgres_server() -> Any:
    """A PostgreSQL server started for the session (tests/postgres_server.py), or a skip."""
    from postgres_server import running_server

    servers = running_server()
    server = next(servers)
    if isinstance(server, str):
        pytest.skip(server)
    yield server
    next(servers, None)


BACKENDS = ("sqlite", "postgres")


def store_location(request: pytest.FixtureRequest, folder: Path) -> Callable[[str], str]:
    """``location(name)``: where a store named ``name`` lives on the back end ``request.param``:
    a file in ``folder``, or a fresh database on the session's PostgreSQL server."""
    if request.param == "sqlite":
        return lambda name: str(folder / f"{name}.db")
    server = request.getfixturevalue("postgres_server")
    made: dict[str, str] = {}
    return lambda name: made.setdefault(name, server.new_database())


@pytest.fixture(params=BACKENDS)
def new_db(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[str], str]:
    """``new_db(name)``: a test's store named ``name``, on each back end in turn."""
    return store_location(request, tmp_path)
