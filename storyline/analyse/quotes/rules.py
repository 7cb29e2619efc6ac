"""What a rule is, what it yields, and how far each kind of evidence can be trusted.

A rule is a small named function registered in an ordered table (:data:`.cues.CUE_RULES`,
:data:`.cueless.SEGMENT_RULES`, …) with the kinds of evidence it yields. Each kind's precision
is written once, here, in :data:`PRECISION`, with where it was measured; a table refuses a rule
whose name it already holds or whose evidence has no measured precision (:func:`table`), so a
new rule cannot slip in without saying how good it is.

A rule yields a :class:`Draft`: an attribution not yet resolved or scored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

from spacy.tokens import Token

from storyline.analyse.quotes.marks import Segment


@dataclass(frozen=True, slots=True)
class Draft:
    """An attribution found by a rule: content span, cue, speaker phrase, the evidence that found
    it (a key of :data:`PRECISION`), and the quoted segments its content covers. Immutable: a
    pass that changes one returns a new draft (``dataclasses.replace``)."""

    start: int
    end: int
    cue: tuple[int, int] | None
    subject: Token | None
    subject_span: tuple[int, int] | None
    evidence: str
    segments: tuple[Segment, ...] = ()


@dataclass(frozen=True, slots=True)
class Precision:
    """How often a quote found by one kind of evidence is right, and where that was measured."""

    value: float
    evidence: str  # what the evidence is
    measured: str  # where the value comes from: a measurement, or why it is hand-set


# Precision of each kind of evidence, measured on PolNeAR train (840 texts, 15,499 predictions)
# with benchmarks/attribution.py: a prediction counts as right when its content overlaps a gold
# content (≥ 0.5 of the longer span) and its speaker matches that attribution's source. A quote's
# confidence starts from it (see :mod:`.assemble`). "direct" and "indirect" are read from the
# quote's kind as found (a reported clause holding a quoted fragment is "mixed").
PRECISION: Mapping[str, Precision] = {
    "direct": Precision(0.86, "quote marks + a cue next to them (or a dash signature)", "PolNeAR train: 0.857 (n=3883)"),
    "mixed": Precision(0.72, "reported clause holding a quoted fragment", "PolNeAR train: 0.724 (n=1631)"),
    "according": Precision(0.77, '"according to X"', "PolNeAR train: 0.768 (n=410)"),
    "indirect": Precision(0.66, "cue verb/adjective/light verb with a clausal complement",
                          "PolNeAR train: 0.655 (n=5566)"),
    "headline": Precision(0.70, '"Speaker: statement" lines', "PolNeAR train: 0.701 (n=77)"),
    "object": Precision(0.48, 'stance verb + noun object ("called for talks")', "PolNeAR train: 0.480 (n=3286)"),
    "parenthetical": Precision(0.47, '"A, X said, B" / "A, police said"',
                               "PolNeAR train: 0.472 (n=494) — often half the content"),
    "noun": Precision(0.43, '"X\'s claim that …"', "PolNeAR train: 0.429 (n=91)"),
    "passive": Precision(0.40, '"was reported by X"', "PolNeAR train: 0.404 (n=57)"),
    "transcript": Precision(0.5, '"PENCE: …" lines',
                            "hand-set: too few on PolNeAR to measure (0 of 4 on train)"),
    "continuation": Precision(0.49, "a whole quoted paragraph right after a quote with a known speaker",
                              "PolNeAR train: 0.490 (n=49), dev 1 of 1 — annotators often leave such paragraphs "
                              "unmarked; the earlier, looser rule was 0.22 (n=27) on dev"),
}


@dataclass(frozen=True)
class Rule:
    """A rule's registration: its name and the kinds of evidence (keys of :data:`PRECISION`) its
    drafts carry. Subclasses add how the rule is called."""

    name: str
    yields: tuple[str, ...]

    @property
    def precision(self) -> dict[str, float]:
        """The measured precision of each kind of evidence this rule yields."""
        return {kind: PRECISION[kind].value for kind in self.yields}


R = TypeVar("R", bound=Rule)


def table(*rules: R) -> tuple[R, ...]:
    """An ordered table of rules, checked: names are unique, every rule yields something and
    every evidence it yields has a measured precision. Raises ``ValueError`` otherwise."""
    names: set[str] = set()
    for rule in rules:
        if rule.name in names:
            raise ValueError(f"rule {rule.name!r} is registered twice")
        names.add(rule.name)
        if not rule.yields:
            raise ValueError(f"rule {rule.name!r} yields nothing: name the evidence its drafts carry")
        unmeasured = [kind for kind in rule.yields if kind not in PRECISION]
        if unmeasured:
            raise ValueError(f"rule {rule.name!r} yields {unmeasured} with no precision: measure it "
                             "(benchmarks/attribution.py) and add it to PRECISION")
    return tuple(rules)
