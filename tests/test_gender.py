"""Gender as the text shows it: honorifics and titles first, then a common given name."""

from __future__ import annotations

from storyline.analyse.gender import gender_of


def test_an_honorific_or_title_beside_the_name_decides() -> None:
    assert gender_of("Orrin", ["Mrs."]) == "f"
    assert gender_of("Mrs Orrin") == "f"
    assert gender_of("Tomas Orrin", ["spokeswoman"]) == "f"  # the title outweighs the given name
    assert gender_of("Orrin", ["Mr", "spokeswoman"]) is None  # both kinds: the text does not say


def test_a_common_given_name_decides_when_the_text_says_nothing() -> None:
    assert gender_of("Sarah Velt") == "f"
    assert gender_of("David Velt") == "m"
    assert gender_of("Velt") is None
    assert gender_of("Quorin Velt") is None
