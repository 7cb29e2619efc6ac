"""The words the analysis reads, each written once: every stage imports them from here.

- :mod:`~storyline.analyse.lexicon.verbs`: verbs of reported speech and their frames (cue,
  object, xcomp, gerund, light verbs), with what each stage reads them for.
- :mod:`~storyline.analyse.lexicon.cues`: the other words of reported speech (cue nouns and
  adjectives, stance words, the prepositions and particles around a cue).
- :mod:`~storyline.analyse.lexicon.grammar`: auxiliaries, tense tags and dependency labels.
- :mod:`~storyline.analyse.lexicon.calendar`: month and weekday names with their abbreviations.
- :mod:`~storyline.analyse.lexicon.labels`: entity labels read alike by several stages (places, the
  proper-noun guess).
- :mod:`~storyline.analyse.lexicon.reference`: the words that refer to someone named elsewhere
  (pronouns, role titles, organisation descriptors).

The parse walks that read these words (climb to a head, find the subject, read the tense) are
in :mod:`storyline.analyse.syntax`.
"""
