"""Reading deictic references: "now", "recently", "the future", "soon" (PRESENT_REF, PAST_REF,
FUTURE_REF), and the adjectives "current" and "recent" before a noun."""

from __future__ import annotations

import re

from storyline.analyse.time.anchor import Anchor
from storyline.analyse.time.direction import verb_direction
from storyline.analyse.time.patterns import NUMBER
from storyline.analyse.time.result import Result
from storyline.analyse.time.words import REFERENCE_ADJECTIVES, REFERENCES


def reference(m: re.Match[str], ctx: Anchor, s: int, e: int) -> Result | None:
    word = re.sub(r"\s+", " ", m["w"].lower())
    token = ctx.token(s, e)
    if word == "now" and token is not None and token.dep_ in ("cc", "intj") and (token.i == 0 or token.is_sent_start):
        return None  # discourse "Now, ..." marks a turn, not a time
    if word == "the past" and re.match(r"\s+(?:\d|" + NUMBER + r"\s|few|several|week|month|year|day)",
                                       ctx.text[e:e + 20], re.I):
        return None
    if word == "soon" and re.search(r"\bas\s+$", ctx.text[max(0, s - 4):s], re.I) or (
            word == "soon" and re.match(r"\s+(?:after|afterward|afterwards|as|thereafter)\b", ctx.text[e:e + 15], re.I)):
        return None  # "as soon as", "soon after the vote": relative to an event, not to now
    if word == "soon" and token is not None and token.head.pos_ in ("VERB", "AUX") and \
            verb_direction(token.head, close=False) < 0:
        # "the ferry soon ran out of fuel": soon after a past event of the story, not after the
        # publication date, so FUTURE_REF would be wrong and TimeML leaves it untagged
        return None
    if word == "the present" and token is not None and token.pos_ != "NOUN":
        return None
    if word in ("the future", "the present", "the past") and re.match(r"\s+of\b", ctx.text[e:e + 4], re.I):
        return None  # "the future of the sonnet" is its fate, not a time
    return Result("DATE", REFERENCES[word])


def reference_adjective(m: re.Match[str], ctx: Anchor, s: int, e: int) -> Result | None:
    token = ctx.token(s, e)
    if token is None or token.dep_ != "amod" or token.head.pos_ not in ("NOUN", "PROPN"):
        return None
    return Result("DATE", REFERENCE_ADJECTIVES[m["w"].lower()])
