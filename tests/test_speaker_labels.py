"""The one transcript-label detector, as quote attribution and pronoun sources read it."""

from storyline.analyse.speaker_labels import ANY_LABEL, capitals_label_at, label_start


def test_capitals_label_names_the_speaker_at_the_segment_start():
    text = "Intro.\nHALVORSEN: We will not sign it."
    match = capitals_label_at(text, text.index("HALVORSEN"))
    assert match is not None and match.group(1) == "HALVORSEN"
    assert text[match.end():].startswith("We will")


def test_mixed_case_words_are_not_a_capitals_label():
    text = "Halvorsen: We will not sign it."
    assert capitals_label_at(text, 0) is None


def test_label_start_takes_in_the_role_before_the_name():
    text = "Said before. President of Velmora Ivo Marek: We have agreed."
    assert label_start(text, text.index("Ivo")) == text.index("President")


def test_a_sentence_ending_in_a_name_and_colon_is_not_a_label():
    text = "It was, as the chairman of the board later told reporters Marek: fine."
    assert label_start(text, text.index("Marek")) is None


def test_any_label_finds_each_turn_person_or_not():
    text = "Question: Will you sign?\nIvo Marek: No. Lena Ostrova (Castavia): Yes."
    assert [m.group(1) for m in ANY_LABEL.finditer(text)] == ["Question", "Ivo Marek", "Lena Ostrova (Castavia)"]
