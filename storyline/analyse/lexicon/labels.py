"""Entity labels that several stages read the same way, each set written once."""

__all__ = ["PLACE_LABELS", "PROPN_LABEL"]

# Label for proper-noun runs the NER missed. Not a spaCy label on purpose: downstream code can
# tell a guess from a tagged entity, and the linker drops these when they link to nothing.
PROPN_LABEL = "PROPN"

# Labels of places: where something happens, never who does it.
PLACE_LABELS: frozenset[str] = frozenset({"GPE", "LOC", "FAC"})
