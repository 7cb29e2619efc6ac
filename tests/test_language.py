"""Languages said plainly: each document's language is detected, and it is analysed only by a
pipeline for that language; the English rule stages leave other languages alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from storyline.analyse.language import (
    DEFAULT_LANGUAGE, MIN_CONFIDENCE, MIN_LETTERS, Language, Py3LangId, detect_language, given_language,
)
from storyline.analyse.nlp import DEFAULT_MODEL, Analyse, models_by_language, parse_model_option
from storyline.analyse.stages import Events, Quotes, TimeExpressions
from storyline.clean.cleaner import Clean
from storyline.clean.metadata import Metadata
from storyline.serve.cli import app
from storyline.errors import LANGUAGE_UNSURE, LanguageError, ModelError
from storyline.pipeline import Pipeline
from storyline.records import Article, Failure, RawDocument
from storyline.store import Store

GERMAN = ("Die Ministerin Karla Vennemann sagte am Montag in Brelstadt, die Gespräche mit der "
          "Regierung würden in der kommenden Woche fortgesetzt. „Wir haben viel erreicht, aber es "
          "bleibt noch einiges zu tun“, sagte sie und verließ den Saal.")
SPANISH = ("El ministro Tomás Arvelo dijo el lunes en Quelmar que las conversaciones con el gobierno "
           "seguirán la próxima semana. «Hemos avanzado mucho, pero todavía queda trabajo», añadió "
           "antes de salir de la sala.")
PORTUGUESE = ("O ministro Joaquim Ventril disse na segunda-feira em Valdoura que as conversas com o "
              "governo vão continuar na próxima semana. “Avançámos muito, mas ainda há trabalho a "
              "fazer”, acrescentou antes de sair da sala.")
ENGLISH = ("Minister Arlo Penhale said on Monday in Velmora that the talks with the government would "
           "go on next week. \"We have come a long way, but there is work left to do,\" he said.")
NORWEGIAN = ("Statsråd Ingrid Hovmark sa mandag i Fjellvik at samtalene med regjeringen skal fortsette "
             "neste uke. Vi har kommet langt, men det gjenstår fortsatt arbeid, sa hun til avisen.")


def article(text: str, *, language: str | None = None, fields: dict | None = None) -> Article:
    return Article(raw=RawDocument("t.txt", "text", text, fields or {}), text=text, language=language)


class Fixed:
    """A detector that always gives the same answer, and counts how often it is asked."""

    def __init__(self, code: str | None, confidence: float) -> None:
        self.answer = (code, confidence)
        self.calls = 0

    def __call__(self, text: str) -> tuple[str | None, float]:
        self.calls += 1
        return self.answer


def blank(language: str, *, people: tuple[str, ...] = ()) -> spacy.language.Language:
    """A model-free pipeline: sentences from punctuation, and the named people as PER entities
    (the label spaCy's non-English pipelines give)."""
    nlp = spacy.blank(language)
    nlp.add_pipe("sentencizer")
    if people:
        nlp.add_pipe("entity_ruler").add_patterns([{"label": "PER", "pattern": name} for name in people])
    return nlp


# --- detection -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, code", [(GERMAN, "de"), (SPANISH, "es"), (PORTUGUESE, "pt"), (ENGLISH, "en"),
                                        (NORWEGIAN, "nb")])
def test_the_packaged_detector_tells_news_languages_apart(text: str, code: str) -> None:
    (found,) = Pipeline([Language()], provided=frozenset({"raw", "text"})).run_batch([article(text)])
    assert isinstance(found, Article)
    assert found.language == code and found.warnings == ()


def test_a_short_text_falls_back_to_the_default_language_with_a_warning() -> None:
    detector = Fixed("de", 0.99)
    found = Language(detector=detector).process(article("Kurz und gut."))
    assert found.language == DEFAULT_LANGUAGE
    assert detector.calls == 0  # too short to ask
    (warning,) = found.warnings
    assert warning.code == LANGUAGE_UNSURE and warning.stage == "language" and warning.doc == found.id
    assert "letters" in warning.reason and f"analysed as {DEFAULT_LANGUAGE!r}" in warning.reason
    assert warning.detail["letters"] < MIN_LETTERS


def test_an_unsure_guess_falls_back_and_says_what_it_was() -> None:
    found = Language(detector=Fixed("de", MIN_CONFIDENCE / 2)).process(article(GERMAN))
    assert found.language == DEFAULT_LANGUAGE
    (warning,) = found.warnings
    assert warning.detail["guess"] == "de" and warning.detail["confidence"] == round(MIN_CONFIDENCE / 2, 3)
    assert "'de'" in warning.reason and "confidence" in warning.reason


def test_a_detector_that_names_no_language_falls_back() -> None:
    found = Language(detector=Fixed(None, 0.9)).process(article(GERMAN))
    assert found.language == DEFAULT_LANGUAGE and found.warnings[0].code == LANGUAGE_UNSURE


def test_a_known_or_stated_language_is_kept_without_asking_the_detector() -> None:
    detector = Fixed("fr", 0.99)
    assert Language(detector=detector).process(article(ENGLISH, language="de")).language == "de"
    stated = Language(detector=detector).process(article(ENGLISH, fields={"language": "pt-BR"}))
    assert stated.language == "pt" and stated.warnings == ()
    assert detector.calls == 0
    # A value that is no language code is not a statement: the text is detected.
    assert Language(detector=detector).process(article(ENGLISH, fields={"language": "German"})).language == "fr"


def test_stated_languages_are_read_as_iso_639_1() -> None:
    assert [given_language(v) for v in ("de", "DE", " de-AT ", "pt_BR", "no", "deu", "", "German", 7, None)] == [
        "de", "de", "de", "pt", "nb", None, None, None, None, None]


@given(st.one_of(st.text(max_size=40), st.integers(), st.none(), st.lists(st.text(max_size=3))))
def test_a_stated_language_is_a_code_or_nothing(value: object) -> None:
    found = given_language(value)
    assert found is None or (len(found) == 2 and found.isascii() and found.isalpha() and found.islower())


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_detection_of_any_text_gives_a_code_and_says_when_it_is_unsure(text: str) -> None:
    found = detect_language(text)
    assert len(found.language) == 2 and found.language.isalpha() and found.language.islower()
    assert 0.0 <= found.confidence <= 1.0 + 1e-6
    if found.unsure is None:
        assert found.language == found.guess and found.confidence >= MIN_CONFIDENCE
    else:
        assert found.language == DEFAULT_LANGUAGE


def test_the_py3langid_adapter_answers_iso_639_1_or_none() -> None:
    detector = Py3LangId()
    assert detector("12345 67890 ... 1234")[0] is None  # py3langid: "zxx", no linguistic content
    assert detector(NORWEGIAN)[0] == "nb"  # py3langid's "no", as spaCy names Norwegian


# --- the model setting -------------------------------------------------------------------------------

def test_model_option_values_map_languages_to_pipelines() -> None:
    assert parse_model_option(["de=de_core_news_sm", "ES = es_core_news_sm", "my_english_model"]) == {
        "de": "de_core_news_sm", "es": "es_core_news_sm", "en": "my_english_model"}
    assert parse_model_option(["/models/de pipeline"]) == {"en": "/models/de pipeline"}
    assert parse_model_option(["de=x", "de=x"]) == {"de": "x"}


@pytest.mark.parametrize("bad", ["=de_core_news_sm", "de=", "german=de_core_news_sm", "deu=x", "  "])
def test_a_malformed_model_option_says_the_form(bad: str) -> None:
    with pytest.raises(ModelError, match="LANG=NAME"):
        parse_model_option([bad])


def test_two_pipelines_for_one_language_are_refused() -> None:
    with pytest.raises(ModelError, match="two pipelines for 'de'"):
        parse_model_option(["de=a", "de=b"])


@given(st.lists(st.text(max_size=30), max_size=4))
def test_any_model_option_is_a_mapping_of_codes_or_a_model_error(values: list[str]) -> None:
    try:
        parsed = parse_model_option(values)
    except ModelError as error:
        assert error.code == "E400"
        return
    assert all(len(code) == 2 and code.isalpha() and code.islower() for code in parsed)
    assert all(name and name == name.strip() for name in parsed.values())


def test_a_bare_model_is_the_default_language_and_a_mapping_keeps_it() -> None:
    assert models_by_language("some_model") == {"en": "some_model"}
    assert models_by_language({"de": "de_core_news_sm"}) == {"en": DEFAULT_MODEL, "de": "de_core_news_sm"}
    for key in ("German", "de\n", "DE"):
        with pytest.raises(ModelError, match="ISO 639-1"):
            models_by_language({key: "de_core_news_sm"})


def test_a_pipeline_that_is_not_installed_fails_before_any_document() -> None:
    with pytest.raises(ModelError, match="de_core_news_nonexistent.*not installed"):
        Analyse({"de": "de_core_news_nonexistent"})


def test_pipelines_load_lazily_and_once(monkeypatch: pytest.MonkeyPatch) -> None:
    loads: list[str] = []
    real_load = spacy.load
    monkeypatch.setattr(spacy, "load", lambda name, *a, **k: loads.append(name) or real_load(name, *a, **k))
    # "blank:pt" (an empty Portuguese pipeline, no model) is loaded by no other test.
    stage = Analyse({"en": "blank:en", "pt": "blank:pt"})
    assert loads == []  # made, not loaded
    for _ in range(2):
        outcomes = stage.process_batch([article("Uma frase curta.", language="pt")])
        assert isinstance(outcomes[0], Failure)  # a blank pipeline sets no sentences; it was loaded all the same
    assert loads == ["blank:pt"]


# --- analysis by language ----------------------------------------------------------------------------

def test_each_document_is_parsed_by_the_pipeline_for_its_language() -> None:
    german = blank("de", people=("Karla Vennemann",))
    stage = Analyse({"de": german})  # English: the default pipeline
    outcomes = stage.process_batch([article(ENGLISH, language="en"), article(GERMAN, language="de"),
                                    article(ENGLISH)])
    assert all(isinstance(o, Article) for o in outcomes)
    en, de, unknown = outcomes
    assert en.parsed.lang_ == "en" and de.parsed.lang_ == "de" and unknown.parsed.lang_ == DEFAULT_LANGUAGE
    assert [s.text for s in de.sentences][0].startswith("Die Ministerin Karla Vennemann sagte")
    (person,) = de.mentions
    assert (person.text, person.label) == ("Karla Vennemann", "PERSON")  # PER, in the English scheme
    assert GERMAN[person.start:person.end] == person.text


def test_a_document_in_a_language_without_a_pipeline_fails_and_says_how_to_add_one() -> None:
    stage = Analyse()
    outcomes = Pipeline([stage], provided=frozenset({"raw", "text", "language"})).run_batch(
        [article(SPANISH, language="es"), article(ENGLISH, language="en")])
    failures = [o for o in outcomes if isinstance(o, Failure)]
    assert [o.language for o in outcomes if isinstance(o, Article)] == ["en"]
    (failed,) = failures
    assert failed.code == LanguageError.code and failed.stage == "analyse"
    assert "'es'" in failed.reason and "--model es=es_core_news_sm" in failed.reason
    assert "es_core_news_sm" in failed.reason and "python -m spacy download" in failed.reason


def test_the_rule_stages_leave_other_languages_alone() -> None:
    """The defect: German text read by English rules gave the speaker "Flut von" and the cue "und"."""
    (analysed,) = Analyse({"de": blank("de", people=("Karla Vennemann",))}).process_batch(
        [article(GERMAN, language="de")])
    assert isinstance(analysed, Article)
    for stage in (TimeExpressions(), Quotes(), Events()):
        assert stage.process(analysed) is analysed


def test_the_whole_pipeline_on_german_and_english(tmp_path: Path) -> None:
    german_nlp = blank("de", people=("Karla Vennemann",))
    stages = [Clean(), Metadata(), Language(), Analyse({"de": german_nlp}), TimeExpressions(), Quotes(), Events()]
    outcomes = Pipeline(stages, on_error="raise").run_batch(
        [Article(raw=RawDocument("de.txt", "text", GERMAN)), Article(raw=RawDocument("en.txt", "text", ENGLISH))])
    german, english = outcomes
    assert isinstance(german, Article) and isinstance(english, Article)
    assert german.language == "de" and english.language == "en"
    assert german.sentences and {m.label for m in german.mentions} == {"PERSON"}
    assert german.quotes == () and german.timexes == () and german.events == ()
    assert english.quotes and english.timexes  # the English rules still run on English


def test_analyse_needs_the_language_in_its_contract() -> None:
    from storyline.errors import PipelineError

    with pytest.raises(PipelineError, match="language"):
        Pipeline([Clean(), Analyse({"en": blank("en")})])


# --- the build and the CLI ---------------------------------------------------------------------------

def test_the_seeds_are_stored_as_english(seeds_db: Path) -> None:
    with Store.open(seeds_db) as store:
        assert {d.language for d in store.documents()} == {"en"}


def test_build_with_a_pipeline_per_language_from_the_command_line(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "de.txt").write_text(GERMAN + "\n\n" + GERMAN.replace("Montag", "Dienstag") + "\n", encoding="utf-8")
    (inputs / "es.txt").write_text(SPANISH + "\n\n" + SPANISH.replace("lunes", "martes") + "\n", encoding="utf-8")
    german_pipeline = tmp_path / "de_pipeline"
    blank("de", people=("Karla Vennemann",)).to_disk(german_pipeline)
    db = str(tmp_path / "x.db")
    runner = CliRunner()
    result = runner.invoke(app, ["build", str(inputs), "--db", db, "-q", "--model", f"de={german_pipeline}"])
    assert result.exit_code == 0, result.output
    assert "es_core_news_sm" in result.output  # the Spanish page failed, saying how to add a pipeline
    docs = json.loads(runner.invoke(app, ["docs", "--db", db, "--json"]).stdout)
    assert [d["language"] for d in docs] == ["de"]
    assert " de " in runner.invoke(app, ["docs", "--db", db]).stdout
    with Store.open(db) as store:
        (doc,) = store.documents()
        assert {m.label for m, _ in store.mentions(doc=doc.id)} == {"PERSON"}
        assert store.quotes(doc=doc.id) == [] and store.events(doc=doc.id) == []
        assert [f.code for f in store.failures()] == [LanguageError.code]


def test_a_malformed_model_option_is_a_clean_cli_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["build", str(tmp_path), "--db", str(tmp_path / "x.db"), "--model", "de="])
    assert result.exit_code == 2 and "LANG=NAME" in result.output
