"""An actor's page: who they are, what they said, what they did, where they stand, over time.

Read-side, computed on demand from the stored actors, quotes, events and positions (nothing new
is stored). Everything on the page carries its evidence: aliases their linking rule and evidence,
quotes, events and positions their document and offsets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyline.errors import StoreError
from storyline.records import ActorPage, ActorSummary

if TYPE_CHECKING:
    from storyline.store import Store


def find_actor(actors: list[ActorSummary], name: str) -> ActorSummary:
    """The actor a reader means by ``name``: its canonical name, else one of its aliases (any
    case), else the most mentioned actor whose name contains it."""
    wanted = name.casefold()
    for matches in ([a for a in actors if a.name.casefold() == wanted],
                    [a for a in actors if any(alias.alias.casefold() == wanted for alias in a.aliases)],
                    [a for a in actors if wanted in a.name.casefold()]):
        if matches:
            return max(matches, key=lambda a: (a.mention_count, a.id))
    raise StoreError(f"no actor named {name!r}; `storyline entities` lists the actors")


def actor_page(store: "Store", name: str) -> ActorPage:
    """The page of the actor named ``name`` (see :func:`find_actor`), each list in date order."""
    with store.snapshot():
        actor = find_actor(store.actors(), name)
        day = {d.id: d.published for d in store.documents()}
        quotes = sorted((q for q in store.quotes(cue_class=None, speaker=actor.name) if q.actor == actor.id),
                        key=lambda q: (day.get(q.doc) or "", q.doc, q.start))
        events = sorted((e for e in store.events() if actor.id in (e.source_actor, e.target_actor)),
                        key=lambda e: (e.date.value or day.get(e.doc) or "", e.doc, e.start))
        positions = sorted((p for p in store.positions(actor=actor.name) if p.actor == actor.id),
                           key=lambda p: (p.date or "", p.doc, p.start))
    return ActorPage(actor, tuple(quotes), tuple(events), tuple(positions),
                     {doc: day.get(doc) for doc in {x.doc for x in (*quotes, *events, *positions)}})
