from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.errors import InputError
from storyline.ingest import readers
from storyline.ingest.readers import decode_text, parse_jsonl_line, read_paths
from storyline.records import Failure, RawDocument

ARTICLE = "Talks in Velmora end without a deal\n\nMinister Arlo Penhale said the talks would resume.\n"


def read_all(*paths: Path) -> list[RawDocument | Failure]:
    return list(read_paths(paths))


def test_reads_text_html_and_jsonl_recursively(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text(ARTICLE, encoding="utf-8")
    with gzip.open(tmp_path / "a" / "page.html.gz", "wt", encoding="utf-8") as handle:
        handle.write("<html><body><p>Hello from Velmora.</p></body></html>")
    lines = [{"id": "x1", "url": "https://example.org/a", "outlet": "Example", "published": "2022-01-03",
              "title": "T", "text": "Body one.", "topic": "politics"},
             {"id": "x2", "text": "Body two."}]
    (tmp_path / "b.jsonl").write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "skip.txt").write_text(ARTICLE, encoding="utf-8")

    items = read_all(tmp_path)

    assert all(isinstance(item, RawDocument) for item in items)
    assert [item.format for item in items] == ["text", "html", "record", "record"]
    record = items[2]
    assert record.source.endswith("b.jsonl:1")
    assert record.content == "Body one."
    assert record.fields["source_id"] == "x1" and record.fields["topic"] == "politics"
    assert items[0].content == ARTICLE


def test_same_content_has_same_id(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "two.txt").write_text(ARTICLE, encoding="utf-8")
    first, second = read_all(tmp_path)
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.id == second.id


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("latin.txt", "Café in Velmora".encode("latin-1"), "not valid UTF-8"),
        ("empty.txt", b"   \n\n", "empty"),
        ("broken.html.gz", b"\x1f\x8b\x08\x00garbage", "gzip"),
    ],
)
def test_bad_files_fail_alone_with_a_reason(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    items = read_all(tmp_path)
    failures = [item for item in items if isinstance(item, Failure)]
    assert len(failures) == 1 and len(items) == 2
    assert failures[0].source.endswith(name)
    assert reason in failures[0].reason
    assert failures[0].stage == "read" and failures[0].code == InputError.code


def test_oversized_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readers, "MAX_ITEM_BYTES", 1024)
    (tmp_path / "huge.txt").write_text("word " * 1000, encoding="utf-8")
    (failure,) = read_all(tmp_path)
    assert isinstance(failure, Failure) and "larger than" in failure.reason


def test_fifty_megabyte_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: cheap to make, still 50 MB to a reader
    (failure,) = read_all(path)
    assert isinstance(failure, Failure)


def test_malformed_jsonl_lines_are_reported_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "Fine."}\n{"text": broken\n\n[1, 2]\n{"title": "no text"}\n{"text": "Also fine."}\n',
                    encoding="utf-8")
    items = read_all(path)
    failures = [item for item in items if isinstance(item, Failure)]
    assert [f.source.rsplit(":", 1)[1] for f in failures] == ["2", "4", "5"]
    assert "malformed JSON" in failures[0].reason
    assert "JSON object" in failures[1].reason
    assert "no article text" in failures[2].reason
    assert [item.content for item in items if isinstance(item, RawDocument)] == ["Fine.", "Also fine."]


def test_a_url_is_not_taken_for_a_path() -> None:
    for given in ("https://example.org/a.html", Path("https://example.org/a.html")):
        assert list(readers.discover(given)) == ["https://example.org/a.html"]


def test_missing_and_unsupported_paths(tmp_path: Path) -> None:
    (tmp_path / "table.xlsx").write_bytes(b"PK\x03\x04")
    missing, unsupported = read_all(tmp_path / "nope", tmp_path / "table.xlsx")
    assert isinstance(missing, Failure) and "no such file" in missing.reason
    assert isinstance(unsupported, Failure) and "unsupported" in unsupported.reason


def test_html_in_declared_charset_is_decoded(tmp_path: Path) -> None:
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Café Velmora</p></body></html>'
    (tmp_path / "p.html").write_bytes(page.encode("latin-1"))
    (item,) = read_all(tmp_path)
    assert isinstance(item, RawDocument) and "Café Velmora" in item.content


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_jsonl_parser_never_crashes(line: bytes) -> None:
    try:
        raw = parse_jsonl_line(line, "x.jsonl:1")
    except InputError:
        return
    assert raw.content.strip()


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(max_size=8), st.one_of(st.none(), st.integers(), st.text(max_size=30)), max_size=5),
       st.text(max_size=200))
def test_jsonl_parser_keeps_text_and_fields(fields: dict, text: str) -> None:
    record = {**fields, "text": text}
    try:
        raw = parse_jsonl_line(json.dumps(record).encode(), "x.jsonl:7")
    except InputError:
        assert not text.strip()
        return
    assert raw.content == text
    assert set(raw.fields) == {("source_id" if key == "id" else key) for key in record if key != "text"}


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_text_decoder_returns_text_or_a_reason(data: bytes) -> None:
    try:
        text = decode_text(data)
    except InputError as error:
        assert error.message
        return
    assert text.strip()


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=500), st.sampled_from(["a.txt", "a.html", "a.html.gz", "a.jsonl", "a.jsonl.gz"]))
def test_any_file_reads_to_documents_or_failures(tmp_path_factory: pytest.TempPathFactory, data: bytes, name: str) -> None:
    path = tmp_path_factory.mktemp("fuzz") / name
    path.write_bytes(data)
    for item in read_all(path):
        assert isinstance(item, (RawDocument, Failure))


# --- unreadable folder entries ------------------------------------------------------------------

def test_unreadable_entries_fail_alone_and_the_walk_goes_on(tmp_path: Path) -> None:
    import os

    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(tmp_path / "pipe.txt")  # opening it would block the build forever
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)  # a link back up: not followed
    (tmp_path / "z.txt").write_text(ARTICLE, encoding="utf-8")

    items = read_all(tmp_path)

    assert [Path(item.source).name for item in items] == ["a.txt", "gone.txt", "pipe.txt", "z.txt"]
    gone, pipe = items[1], items[2]
    assert isinstance(gone, Failure) and "broken symbolic link" in gone.reason
    assert isinstance(pipe, Failure) and "FIFO" in pipe.reason
    assert all(isinstance(items[i], RawDocument) for i in (0, 3))


def test_a_folder_that_cannot_be_listed_is_one_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "x.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "open.txt").write_text(ARTICLE, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: object) -> object:  # tests run as root, where chmod 000 does not bite
        if Path(str(path)).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(readers.os, "scandir", scandir)
    locked, good = read_all(tmp_path)
    assert isinstance(locked, Failure) and "cannot list folder: Permission denied" in locked.reason
    assert isinstance(good, RawDocument)


def test_a_file_that_cannot_be_opened_is_one_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    real_open = readers.open_input

    def open_input(path: Path):  # type: ignore[no-untyped-def]
        if path.name == "a.txt":
            raise PermissionError(13, "Permission denied")
        return real_open(path)

    monkeypatch.setattr(readers, "open_input", open_input)
    first, second = read_all(tmp_path)
    assert isinstance(first, Failure) and "Permission denied" in first.reason
    assert isinstance(second, RawDocument)


@pytest.mark.parametrize("as_type", [str, Path])
def test_one_path_is_one_path_not_its_characters(tmp_path: Path, as_type: type) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    items = list(read_paths(as_type(tmp_path)))
    assert len(items) == 1 and isinstance(items[0], RawDocument)
    assert [Path(p).name for p in readers.discover(as_type(tmp_path / "a.txt"))] == ["a.txt"]


# --- JSONL lines are bounded while streaming ------------------------------------------------

def test_an_overlong_jsonl_line_is_skipped_without_holding_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tracemalloc

    monkeypatch.setattr(readers, "MAX_ITEM_BYTES", 64 * 1024)
    monkeypatch.setattr(readers, "SKIP_CHUNK_BYTES", 64 * 1024)
    long_line = b'{"text": "' + b"a" * (20 * 1024 * 1024) + b'"}\n'  # 20 MB, compresses to ~20 kB
    path = tmp_path / "feed.jsonl.gz"
    with gzip.open(path, "wb") as handle:
        handle.write(b'{"text": "First."}\n' + long_line + b'{"text": "Third."}\n')
    del long_line

    tracemalloc.start()
    items = read_all(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    assert peak < 2 * 1024 * 1024, f"held {peak:,} bytes for a 20 MB line"
    first, skipped, third = items
    assert isinstance(first, RawDocument) and first.content == "First."
    assert isinstance(skipped, Failure) and skipped.source.endswith(":2") and "line longer than" in skipped.reason
    assert isinstance(third, RawDocument) and third.content == "Third." and third.source.endswith(":3")


@pytest.mark.parametrize("final_newline", [True, False])
def test_a_line_exactly_at_the_limit_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, final_newline: bool) -> None:
    monkeypatch.setattr(readers, "MAX_ITEM_BYTES", 40)
    line = b'{"text": "' + b"b" * 28 + b'"}'  # 40 bytes without its newline
    path = tmp_path / "f.jsonl"
    path.write_bytes(line + (b"\n" if final_newline else b""))
    (item,) = read_all(path)
    assert isinstance(item, RawDocument) and item.content == "b" * 28


# --- encodings ------------------------------------------------------------------------------

def test_a_utf8_bom_before_the_first_jsonl_line_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + b'{"text": "One."}\n{"text": "Two."}\n')
    assert [item.content for item in read_all(path)] == ["One.", "Two."]  # type: ignore[union-attr]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
@pytest.mark.parametrize("name", ["a.txt", "a.html"])
def test_utf16_and_utf32_text_and_pages_are_decoded(tmp_path: Path, encoding: str, name: str) -> None:
    text = ARTICLE if name.endswith(".txt") else f"<html><body><p>{ARTICLE}</p></body></html>"
    (tmp_path / name).write_bytes(text.encode(encoding))  # "utf-16"/"utf-32" write a BOM; -le/-be do not
    (item,) = read_all(tmp_path)
    assert isinstance(item, RawDocument), item
    assert item.content == text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_utf16_and_utf32_jsonl_is_decoded_by_its_bom(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "f.jsonl"
    path.write_bytes('{"text": "Café in Velmora."}\n{"text": "Zwei."}\n'.encode(encoding))
    assert [item.content for item in read_all(path)] == ["Café in Velmora.", "Zwei."]  # type: ignore[union-attr]


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=300).filter(lambda t: t.strip() and "\x00" not in t),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_decoders_round_trip_unicode_text(text: str, encoding: str) -> None:
    data = text.encode(encoding, "surrogatepass") if encoding.startswith("utf-8") else text.encode(encoding)
    try:
        decoded = decode_text(data)
    except InputError as error:
        assert "control characters" in error.message or "not valid" in error.message
        return
    assert decoded == text
    assert readers.decode_html(data) == text


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_html_decoder_returns_text_or_a_reason(data: bytes) -> None:
    try:
        readers.decode_html(data)
    except InputError as error:
        assert error.message


@settings(max_examples=50, deadline=None)
@given(st.lists(st.one_of(st.binary(max_size=200), st.builds(lambda t: json.dumps({"text": t}).encode(), st.text(max_size=50))),
                max_size=8),
       st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff\x00\x00"]))
def test_jsonl_reader_never_raises_and_keeps_line_numbers(tmp_path_factory: pytest.TempPathFactory,
                                                          lines: list[bytes], prefix: bytes) -> None:
    path = tmp_path_factory.mktemp("jsonl") / "f.jsonl"
    path.write_bytes(prefix + b"\n".join(lines))
    for item in read_all(path):
        assert isinstance(item, (RawDocument, Failure))
