"""Feeds, CSV and web archives through a real build: stored once, dated with their basis."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from storyline.builder import build
from storyline.ingest.readers import ReadOptions
from storyline.serve.cli import app
from storyline.store import Store

BODY = ("Minister Arlo Penhale said on Sunday that the talks in Velmora would resume next week. "
        "Envoys from Kest and Orlen left the capital without a joint statement, aides said.")
RSS = f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Velmora Herald</title>
<item><title>Talks end</title><link>https://herald.example/talks</link><guid>h-1</guid>
<pubDate>Sun, 09 Jan 2022 10:00:00 +0000</pubDate><description>&lt;p&gt;{BODY}&lt;/p&gt;</description></item>
<item><title>No link</title><description>The port of Orlen reopened on Monday after a week of strikes, officials said.</description></item>
</channel></rss>"""
CSV = 'headline,story_body,when\nKest votes,"The council of Kest voted on Tuesday to extend the curfew, the mayor said.",2022-02-01\n'


def test_feed_and_csv_build_once_and_rerun_stores_nothing(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "herald.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "in" / "export.csv").write_text(CSV, encoding="utf-8")
    db = tmp_path / "s.db"
    options = ReadOptions(csv_columns={"text": "story_body", "published": "when"})
    first = build([tmp_path / "in"], db=db, workers=1, read_options=options)
    assert (first.stored, first.failed) == (3, 0), first.failures
    again = build([tmp_path / "in"], db=db, workers=1, read_options=options)
    assert (again.stored, again.copies, again.skipped) == (0, 0, 3)
    with Store.open(db) as store:
        docs = {d.title: d for d in store.documents()}
        assert (docs["Talks end"].published, docs["Talks end"].published_basis) == ("2022-01-09", "feed")
        assert docs["Talks end"].outlet == "Velmora Herald"
        assert (docs["Kest votes"].published, docs["Kest votes"].published_basis) == ("2022-02-01", "given")
        assert docs["Talks end"].source.endswith("herald.rss#h-1")
        assert any(w.code == "W120" for w in store.warnings())


def test_cli_reads_csv_map_and_refuses_a_bad_one(tmp_path: Path) -> None:
    (tmp_path / "export.csv").write_text(CSV, encoding="utf-8")
    runner = CliRunner()
    bad = runner.invoke(app, ["build", str(tmp_path / "export.csv"), "--db", str(tmp_path / "s.db"), "-q",
                              "--csv-map", "body"])
    assert bad.exit_code == 2 and "FIELD=COLUMN" in bad.output
    good = runner.invoke(app, ["build", str(tmp_path / "export.csv"), "--db", str(tmp_path / "s.db"), "-q",
                               "--workers", "1", "--csv-map", "text=story_body,published=when"])
    assert good.exit_code == 0, good.output
    assert "stored 1" in good.output
