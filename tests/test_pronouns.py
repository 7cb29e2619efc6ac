"""Pronoun sources of events resolved to canonical actors: hand-built documents, invented names.

The resolver works on stored records (mentions, quotes, sentences, title, outlet), so these tests
need no language model: each document is written out with the mentions the NER would find.
"""

from __future__ import annotations

import re
from pathlib import Path

from storyline.link.corpus import link_corpus
from storyline.link.pronouns import PronounResolver, Voice, document_view
from storyline.link.timeline import NO_NAMED_ACTOR
from storyline.records import (Actor, Article, EntityMention, Event, EventDate, Quote, RawDocument, Sentence, Span,
                               Timex)
from storyline.store import Store

CASTAVIA_GOV = "castavia.gov (President of Castavia, English)"


class Corpus:
    """Documents with their mentions, quotes and actors, built by naming the spans in the text."""

    def __init__(self) -> None:
        self.texts: dict[str, tuple[str, str | None, str | None]] = {}
        self.mentions: dict[str, list[tuple[EntityMention, str]]] = {}
        self.quotes: dict[str, list[tuple[Quote, str | None]]] = {}
        self.labels: dict[str, str] = {}

    def doc(self, doc: str, text: str, *, title: str | None = None, outlet: str | None = None,
            names: dict[str, tuple[str, str]] | None = None, roles: dict[str, str] | None = None) -> None:
        """``names`` maps each name as written to (actor id, label); every occurrence is a mention."""
        self.texts[doc] = (text, title, outlet)
        found = []
        for name, (actor, label) in (names or {}).items():
            self.labels[actor] = label
            for match in re.finditer(re.escape(name), text):
                found.append((EntityMention(doc, match.start(), match.end(), name, label, 0,
                                            role=(roles or {}).get(name)), actor))
        self.mentions[doc] = sorted(found, key=lambda pair: pair[0].start)
        self.quotes.setdefault(doc, [])

    def quote(self, doc: str, content: str, speaker: str, actor: str | None, *, kind: str = "direct") -> None:
        text = self.texts[doc][0]
        start = text.index(content)
        at = text.index(speaker, start + len(content))
        span = Span(at, at + len(speaker), speaker)
        self.quotes[doc].append((Quote(doc, start, start + len(content), content, kind, None, span,
                                       span if actor else None, "named", 0.9), actor))

    def actors(self) -> list[Actor]:
        by_actor: dict[str, list[EntityMention]] = {}
        for pairs in self.mentions.values():
            for mention, actor in pairs:
                by_actor.setdefault(actor, []).append(mention)
        return [Actor(actor, mentions[0].text, self.labels[actor], (), tuple(mentions),
                      tuple(m.role for m in mentions if m.role))
                for actor, mentions in by_actor.items()]

    def resolve(self, doc: str, pronoun: str, *, nth: int = 0) -> str | None:
        text, title, outlet = self.texts[doc]
        at = [m.start() for m in re.finditer(rf"\b{pronoun}\b", text)][nth]
        event = Event(doc, at, at + 1, text[at:at + 1], Span(at, at + 1, text[at]), "AGREE", "happened",
                      EventDate(None, None), 0, source=Span(at, at + len(pronoun), pronoun))
        resolver = PronounResolver(self.actors())
        view = document_view(doc, text, title, outlet, sentences(text), self.mentions[doc], self.quotes[doc])
        return resolver.resolve(event, resolver.voices(view), view)


def sentences(text: str) -> list[Sentence]:
    found, start = [], 0
    for match in re.finditer(r"[.!?](?:\s+|$)", text):
        found.append(Sentence(start, match.end(), text[start:match.end()]))
        start = match.end()
    return found


def corpus() -> Corpus:
    c = Corpus()
    people = {"Ivo Marek": ("marek", "PERSON"), "Castavia": ("castavia", "GPE"), "Velmora": ("velmora", "GPE"),
              "Tomas Brenner": ("brenner", "PERSON"), "Lena Ostrova": ("ostrova", "PERSON")}
    c.doc("press", 'Castavia and Velmora met on 3 May. "We signed the accord, and I am glad," said President of '
                   "Castavia Ivo Marek. A reporter added that we would learn more.",
          outlet="The Daily Castavian", names=people, roles={"Ivo Marek": "President of Castavia"})
    return c


def test_in_a_direct_quote_i_is_the_speaker_and_we_the_country_their_role_names() -> None:
    c = corpus()
    c.quote("press", "We signed the accord, and I am glad,", "Ivo Marek", "marek")
    assert c.resolve("press", "We") == "castavia"
    assert c.resolve("press", "I") == "marek"
    assert c.resolve("press", "we") is None  # the reporter's "we", outside the quote


def test_a_quote_with_an_unknown_speaker_resolves_nothing() -> None:
    c = corpus()
    c.quote("press", "We signed the accord, and I am glad,", "President of", None)
    assert c.resolve("press", "We") is None and c.resolve("press", "I") is None


def test_we_is_the_speaker_when_no_side_is_known() -> None:
    c = Corpus()
    c.doc("d", '"We will sign it," said Tomas Brenner.', names={"Tomas Brenner": ("brenner", "PERSON")})
    c.quote("d", "We will sign it,", "Tomas Brenner", "brenner")
    assert c.resolve("d", "We") == "brenner"


def test_transcript_turns_give_i_and_we_to_the_labelled_speaker() -> None:
    c = Corpus()
    c.doc("t", "The President held talks. We note the talks.\n\nPresident of Velmora Tomas Brenner: We have agreed "
               "a truce. Question: What next? Lena Ostrova: I will visit Castavia. Tomas Brenner: I thank you.",
          names={"Tomas Brenner": ("brenner", "PERSON"), "Velmora": ("velmora", "GPE"),
                 "Lena Ostrova": ("ostrova", "PERSON"), "Castavia": ("castavia", "GPE")})
    assert c.resolve("t", "We", nth=0) is None  # the narration before any label
    assert c.resolve("t", "We", nth=1) == "velmora"
    assert c.resolve("t", "I", nth=0) == "ostrova"
    assert c.resolve("t", "I", nth=1) == "brenner"


def test_a_sentence_ending_in_a_name_and_a_colon_is_no_transcript_label() -> None:
    c = Corpus()
    c.doc("t", "The plan was set out by the envoy who met Tomas Brenner: we signed it.",
          names={"Tomas Brenner": ("brenner", "PERSON")})
    assert c.resolve("t", "we") is None


def speech_corpus() -> Corpus:
    c = corpus()  # the press article names the office holder: "President of Castavia Ivo Marek"
    c.doc("address", "Free people of a free country! Today we signed an accord with Velmora. I thank everyone.",
          title="Address by the President of Castavia", outlet=CASTAVIA_GOV,
          names={"Velmora": ("velmora", "GPE")})
    c.doc("first-person", "I spoke with Tomas Brenner today. We agreed on a truce.", title="A busy week",
          outlet=CASTAVIA_GOV, names={"Tomas Brenner": ("brenner", "PERSON")})
    c.doc("release", "President Ivo Marek met Tomas Brenner. We expect more talks.", title="The President met a guest",
          outlet=CASTAVIA_GOV, names={"Ivo Marek": ("marek", "PERSON"), "Tomas Brenner": ("brenner", "PERSON")})
    c.doc("joint", "We signed the accord.", title="Joint statement by the President of Castavia and Tomas Brenner",
          outlet=CASTAVIA_GOV)
    c.doc("column", "We have long argued that Velmora should sign.", title="Address the crisis now",
          outlet="The Daily Castavian", names={"Velmora": ("velmora", "GPE")})
    return c


def test_a_document_that_is_a_speech_speaks_for_its_speaker_and_their_country() -> None:
    c = speech_corpus()
    assert c.resolve("address", "we") == "castavia"
    assert c.resolve("address", "I") == "marek"  # the person the corpus names with the office
    assert c.resolve("first-person", "I") == "marek"  # the office's outlet, opening in the first person
    assert c.resolve("first-person", "We") == "castavia"


def test_press_releases_joint_statements_and_columns_have_no_single_voice() -> None:
    c = speech_corpus()
    assert c.resolve("release", "We") is None  # opens in the third person
    assert c.resolve("joint", "We") is None
    assert c.resolve("column", "We") is None  # a newspaper speaks for no office


def test_he_and_she_are_the_latest_person_of_their_gender() -> None:
    c = Corpus()
    c.doc("n", "Ms Lena Ostrova arrived in Castavia. Mr Tomas Brenner greeted her. She signed the accord. "
               "He left.", names={"Lena Ostrova": ("ostrova", "PERSON"), "Tomas Brenner": ("brenner", "PERSON"),
                                  "Castavia": ("castavia", "GPE")},
          roles={"Lena Ostrova": "Ms", "Tomas Brenner": "Mr"})
    assert c.resolve("n", "She") == "ostrova"
    assert c.resolve("n", "He") == "brenner"


def test_he_is_never_the_speaker_of_the_passage_nor_a_person_out_of_reach() -> None:
    c = Corpus()
    c.doc("q", 'Mr Tomas Brenner met Mr Ivo Marek. "He agreed to the truce," Ivo Marek said.',
          names={"Tomas Brenner": ("brenner", "PERSON"), "Ivo Marek": ("marek", "PERSON")},
          roles={"Tomas Brenner": "Mr", "Ivo Marek": "Mr"})
    c.quote("q", "He agreed to the truce,", "Ivo Marek", "marek")
    assert c.resolve("q", "He") == "brenner"
    far = Corpus()
    far.doc("f", "Tomas Brenner spoke. " + "The rain fell. " * 8 + "He left.",
            names={"Tomas Brenner": ("brenner", "PERSON")})
    assert far.resolve("f", "He") is None


def test_he_as_a_quote_speaker_takes_the_quote_resolvers_answer() -> None:
    c = Corpus()
    c.doc("s", 'Tomas Brenner and Ivo Marek spoke. "We agreed," he said.',
          names={"Tomas Brenner": ("brenner", "PERSON"), "Ivo Marek": ("marek", "PERSON")})
    c.quote("s", "We agreed,", "he", "brenner")
    assert c.resolve("s", "he") == "brenner"  # not the latest name, Marek: the resolver decided


def test_a_voice_is_a_plain_record() -> None:
    assert Voice(0, 5, "marek", "castavia", "quote").group == "castavia"


def test_a_side_is_the_place_or_organisation_a_role_names_not_a_mistagged_name() -> None:
    c = corpus()
    # The NER sometimes tags "Castavia Ivo Marek" (from "President of Castavia Ivo Marek") as one
    # organisation; it is no side.
    c.doc("x", "Castavia Ivo Marek spoke. NCDA met. Velmoran troops left. Envoy to Velmora.",
          names={"Castavia Ivo Marek": ("castavia-marek", "ORG"), "NCDA": ("ncda", "ORG"),
                 "Ivo Marek": ("marek", "PERSON")})
    resolver = PronounResolver(c.actors())
    assert resolver.side_of("President of Castavia Ivo Marek") == "castavia"
    assert resolver.side_of("NCDA Secretary General") == "ncda"
    assert resolver.side_of("Velmoran foreign minister") == "velmora"
    assert resolver.side_of("ambassador to Velmora") is None


def test_the_office_holder_is_who_holds_that_office_not_who_works_in_its_office() -> None:
    c = speech_corpus()
    # Many mentions of a chief of staff whose role also holds the word "President".
    c.doc("staff", " ".join(["Head of the Office of the President of Castavia Pavel Rusk spoke."] * 5),
          names={"Pavel Rusk": ("rusk", "PERSON"), "Castavia": ("castavia", "GPE")},
          roles={"Pavel Rusk": "Head of the Office of the President of Castavia"})
    c.doc("titled", "I thank you. We will prevail.",
          title="Victory is near - President's address", outlet=CASTAVIA_GOV)
    c.doc("letter", "I write to you today. We need help.",
          title="An open letter to the world's media by Pavel Rusk", outlet=CASTAVIA_GOV)
    assert c.resolve("address", "I") == "marek"
    assert c.resolve("titled", "I") == "marek" and c.resolve("titled", "We") == "castavia"
    assert c.resolve("letter", "I") == "rusk" and c.resolve("letter", "We") == "castavia"


def test_two_people_who_may_be_he_in_the_nearest_sentence_leave_he_unresolved() -> None:
    c = Corpus()
    c.doc("a", "Mr Tomas Brenner left. Ivo Marek met Marek Ostrovy. He signed the accord.",
          names={"Tomas Brenner": ("brenner", "PERSON"), "Ivo Marek": ("marek", "PERSON"),
                 "Marek Ostrovy": ("ostrovy", "PERSON")}, roles={"Tomas Brenner": "Mr"})
    assert c.resolve("a", "He") is None


def test_a_nearer_name_of_unknown_gender_beats_a_known_one_further_back_unless_the_text_says() -> None:
    c = Corpus()
    c.doc("g", "Mr Tomas Brenner left. Marek Ostrovy arrived. He signed the accord.",
          names={"Tomas Brenner": ("brenner", "PERSON"), "Marek Ostrovy": ("ostrovy", "PERSON")},
          roles={"Tomas Brenner": "Mr"})
    assert c.resolve("g", "He") == "ostrovy"
    c.doc("h", 'Mr Tomas Brenner left. "It is done," said Sasha Ostrovy, she said. Then he signed the accord.',
          names={"Tomas Brenner": ("brenner", "PERSON"), "Sasha Ostrovy": ("sasha", "PERSON")},
          roles={"Tomas Brenner": "Mr"})
    c.quote("h", "It is done,", "she", "sasha")
    assert c.resolve("h", "he") == "brenner"  # the document called Ostrovy "she"


# -- through link_corpus: a speech's "we" reaches the timeline --------------------------------------


def test_link_corpus_resolves_a_speechs_we_and_the_timeline_shows_the_event(tmp_path: Path) -> None:
    press_text = "President of Castavia Ivo Marek met Velmoran envoys in Orlov on 2 May."
    speech_text = "Free people! On 3 May we signed the accord with Velmora."
    reporter_text = "On 4 May we signed the lease on a new office."

    def article(name: str, text: str, *, title: str, outlet: str, names: dict[str, str],
                roles: dict[str, str] | None = None, pronoun: str | None = None, trigger: str = "signed",
                date_text: str = "") -> Article:
        raw = RawDocument(name, "text", text)
        mentions = tuple(EntityMention(raw.id, text.index(n), text.index(n) + len(n), n, label, 0,
                                       role=(roles or {}).get(n)) for n, label in names.items())
        events: tuple[Event, ...] = ()
        timexes: tuple[Timex, ...] = ()
        if pronoun is not None:
            at, t = text.index(f" {pronoun} ") + 1, text.index(trigger)
            d = text.index(date_text)
            timexes = (Timex(raw.id, d, d + len(date_text), date_text, "DATE", f"2031-05-0{date_text[0]}", 0,
                             (f"2031-05-0{date_text[0]}",)),)
            events = (Event(raw.id, 0, len(text) - 1, text[:-1], Span(t, t + len(trigger), trigger), "AGREE",
                            "happened", EventDate(f"2031-05-0{date_text[0]}", "timex", d, d + len(date_text)), 0,
                            source=Span(at, at + len(pronoun), pronoun), confidence=0.7),)
        return Article(raw=raw, title=title, outlet=outlet, published="2031-05-05", published_basis="given",
                       text=text, sentences=(Sentence(0, len(text), text),), mentions=mentions,
                       timexes=timexes, events=events)

    with Store.open(tmp_path / "s.db") as store:
        with store.transaction():
            store.add(article("press", press_text, title="Envoys received", outlet=CASTAVIA_GOV,
                              names={"Castavia": "GPE", "Ivo Marek": "PERSON", "Velmoran": "NORP", "Orlov": "GPE"},
                              roles={"Ivo Marek": "President of Castavia"}))
            store.add(article("speech", speech_text, title="Address by the President of Castavia",
                              outlet=CASTAVIA_GOV, names={"Velmora": "GPE"}, pronoun="we", date_text="3 May"))
            store.add(article("column", reporter_text, title="Our new home", outlet="The Daily Castavian",
                              names={}, pronoun="we", date_text="4 May"))
        report = link_corpus(store, lambda doc, day, basis: ((), ()))
        assert report.pronoun_sources == 1
        entries = {e.date: e for e in store.timeline(include_filtered=True)}
        names = {a.id: a.name for a in store.actors()}
        signed = entries["2031-05-03"]
        assert signed.filtered is None and names[signed.events[0].source_actor or ""] == "Castavia"
        assert entries["2031-05-04"].filtered == NO_NAMED_ACTOR  # the reporter's "we" stays nobody


def test_demonym_blocking_finds_what_comparing_with_every_place_finds() -> None:
    from storyline.link.actors import demonym_key, is_demonym_of

    places = ["velmora", "velmoran republic", "castavia", "oru", "castavian isles", "drelk"]
    words = ["velmoran", "castavian", "castavians", "oru", "orun", "drelkish", "velm", "zarbo"]
    for word in words:
        every = [p for p in places if p != word and is_demonym_of(word, p)]
        blocked = [p for p in places if demonym_key(p) is not None and demonym_key(p) == demonym_key(word)
                   and p != word and is_demonym_of(word, p)]
        assert blocked == every, word
