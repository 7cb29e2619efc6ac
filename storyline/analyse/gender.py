"""A person's gender as the text shows it, for pronoun resolution ("she" is not the man just named).

Honorifics and gendered titles written next to the name decide ("Mrs", "spokeswoman", "Mr"); a
name with both kinds, or neither, falls back to a short list of common given names. Nothing
here guesses beyond what the text or a common name says: unknown stays ``None``.
(gender-guesser has a far larger name list, but under the GPL, which this MIT project cannot take.)
"""

from __future__ import annotations

from typing import Iterable, Literal

Gender = Literal["m", "f"]

# A short list of common given names for a gender guess when the text itself gives none
# (honorifics, pronouns, gendered titles decide first). Lower-case.
MALE_NAMES: frozenset[str] = frozenset(
    """
    john james robert michael william david richard joseph thomas charles christopher daniel
    matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald
    edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon
    benjamin samuel gregory frank alexander raymond patrick jack dennis jerry tyler aaron jose adam
    henry nathan douglas zachary peter kyle walter ethan jeremy harold keith christian roger noah
    gerald carl terry sean austin arthur lawrence jesse dylan bryan joe jordan billy bruce albert
    willie gabriel logan alan juan wayne roy ralph randy eugene vincent russell elijah louis bobby
    philip johnny barack bernie mike ted marco jeb rand chris newt bill tim jens vladimir emmanuel
    olaf volodymyr dmitry dmytro sergey sergei antony boris rishi joe xi recep viktor mitch chuck
    hakeem rudy reince corey jared jim tom ben tony
    """.split()
)
FEMALE_NAMES: frozenset[str] = frozenset(
    """
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty
    margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah
    stephanie rebecca sharon laura cynthia kathleen amy shirley angela helen anna brenda pamela
    nicole emma samantha katherine christine debra rachel catherine carolyn janet ruth maria
    heather diane virginia julie joyce victoria olivia kelly christina lauren joan evelyn judith
    megan cheryl andrea hannah martha jacqueline frances gloria ann teresa kathryn sara janice
    jean alice madison doris abigail julia judy grace denise amber marilyn beverly danielle theresa
    sophia marie diana brittany natalie isabella charlotte rose alexis kayla hillary chelsea
    kellyanne huma ivanka melania michelle loretta elizabeth jill sarah nikki kamala ursula
    angela theresa liz jen olha olga kaja annalena giorgia marine jacinda condoleezza madeleine
    lindsey hope kate claire sheryl debbie donna
    """.split()
)
MALE_MARKERS: frozenset[str] = frozenset({"mr", "sir", "king", "prince", "spokesman", "chairman",
                                          "congressman", "father", "brother", "son", "husband"})
FEMALE_MARKERS: frozenset[str] = frozenset({"mrs", "ms", "miss", "madam", "queen",
                                            "princess", "spokeswoman", "chairwoman", "congresswoman",
                                            "mother", "sister", "daughter", "wife"})


def gender_of(name: str, written_beside: Iterable[str] = ()) -> Gender | None:
    """The gender of the person called ``name``, given the words written beside it (an honorific
    before it, its titles), or ``None`` when the text does not show it."""
    tokens = name.lower().replace(".", "").split()
    words = {w.lower().strip(".,") for w in written_beside} | set(tokens[:1])  # "Mrs Clinton"
    male, female = bool(words & MALE_MARKERS), bool(words & FEMALE_MARKERS)
    if male != female:
        return "m" if male else "f"
    if len(tokens) >= 2:
        if tokens[0] in MALE_NAMES:
            return "m"
        if tokens[0] in FEMALE_NAMES:
            return "f"
    return None
