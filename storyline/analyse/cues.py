"""The words that mark reported speech: cue verbs, nouns and adjectives, and the small words
around them.

:mod:`storyline.analyse.quotes` reads a parse with these lists. They are drawn from the PARC and
PolNeAR cue inventories and pruned by measuring each cue's precision on PolNeAR train (see
``docs/benchmarks.md``); the comment on each list says what was left out and why.
"""

from __future__ import annotations

# Lemmas of verbs that report speech, writing or a stance when they govern a clause. A verb only
# yields an attribution when it has a clausal complement or sits next to a quote, so common verbs
# ("find", "show", "know") cost little precision. Drawn from the PARC/PolNeAR cue inventory.
# Left out on purpose: "see", "mean", "allow", "consider" — as cues they were right less than 30%
# of the time on PolNeAR dev (they mostly are not speech). "plan" and "refuse" (with an
# infinitive) and stance verbs with an object ("voiced", "railed against", "credited") were added
# later: together +0.2 content and +0.4 source F1 points on PolNeAR train. Dropped after
# measuring each cue's precision on PolNeAR train (below 0.3, where a cue costs more F1 than it
# brings): "support", "vote", "focus", "accept", "share", "ban", "embrace", "feel", "identify",
# "intend", "hold" — mostly actions, not statements ("voted for the bill", "held a rally").
CUE_VERBS: frozenset[str] = frozenset(
    """
    say tell add state note stress emphasize emphasise reiterate point warn accuse deny insist
    claim argue assert explain announce report write declare confirm acknowledge admit suggest
    believe think predict promise pledge vow urge call ask demand propose describe mention recall
    respond reply answer testify tweet post complain criticize criticise charge contend maintain
    observe remark comment concede estimate find show reveal indicate conclude agree disagree hope
    expect fear worry assure allege caution threaten signal hint underline underscore highlight
    repeat inform advise recommend know say speculate wonder question doubt reckon guess
    imply acknowledge counter retort boast brag joke quip muse lament concur affirm vouch swear
    chant shout scream yell whisper proclaim contend theorize theorise forecast project anticipate
    decide rule order instruct tout praise slam blast dismiss reject say recount relay learn
    want decline offer attack endorse discuss insist view
    assume presume suspect imagine figure conclude deduce infer recognize recognise realize
    realise understand acknowledge judge deem regard describe characterize
    characterise label brand portray depict cast dub term deride mock belittle disparage
    condemn chide scold rebuke berate lambast castigate denounce decry applaud hail commend
    congratulate thank apologize apologise protest object lobby campaign appeal plead beg
    implore press petition invite caution remind reassure convince persuade brief notify
    disclose divulge leak publish broadcast air print quote recite read summarize summarise
    elaborate clarify specify reveal expose concede grant admit confess own recant
    retract reaffirm restate echo parrot second endorse oppose back favor favour
    veto sign approve authorize authorise forbid prohibit permit bar block
    acknowledge tweet testify posit surmise opine aver allege contend insinuate
    cite express prefer refer talk seek aim voice rail reference invoke credit envision
    articulate lash compare contrast ignore list name promote encourage retweet refuse plan""".split()
)

# Cue verbs whose ``xcomp`` ("pledged to engage", "urged Russia to leave") is reported content.
# Other verbs' ``xcomp`` ("seemed to", "tried to") is not speech.
XCOMP_CUE_VERBS: frozenset[str] = frozenset(
    """
    pledge promise vow urge call ask demand threaten agree decline propose vow want
    warn tell advise instruct order expect hope swear claim
    seek offer decide aim refuse plan""".split()
)

# Stance and speech verbs whose direct object is reported content ("called for a ceasefire",
# "questioned the integrity of the vote", "the poll shows a tight race"). PolNeAR counts these;
# speech verbs like "say" are left out because "said nothing"/"said it" rarely carry content, and
# so are verbs whose object was reported content less than 30% of the time on PolNeAR train
# ("find" 0.15 of 112 — "found a job"; "threaten", "lobby", "protest", "approve", "contrast";
# "raise" 0.14 of 198, "speak" 0.21, "address", "push", "challenge", "welcome", "advocate").
# The verbs here that are not :data:`CUE_VERBS` ("defend", "blame") cue only their object.
OBJECT_CUE_VERBS: frozenset[str] = frozenset(
    """
    call question demand defend criticize criticise attack praise mention cite describe outline
    detail propose oppose endorse reject deny dismiss announce promise urge blame accuse
    tout slam condemn warn discuss highlight acknowledge recommend
    predict reveal report estimate show suggest indicate confirm emphasize stress
    underscore reiterate pledge vow applaud decry denounce lament mock ridicule
    dispute contest doubt favor favour back tweet argue claim
    want offer attack endorse discuss view respond note outline
    characterize characterise label brand portray depict deride mock belittle disparage chide
    rebuke berate lambast castigate hail commend congratulate thank apologize apologise
    disclose divulge leak publish quote recite summarize summarise clarify specify expose
    concede admit confess retract reaffirm restate echo second oppose veto seek
    cite express prefer refer talk point voice rail reference invoke credit envision
    articulate lash compare ignore list name promote encourage retweet blast rip decline explain""".split()
)

# Cue verbs whose gerund complement is what was said: "reported earning", "admitted taking".
GERUND_CUE_VERBS: frozenset[str] = frozenset(
    {"report", "admit", "deny", "recall", "mention", "acknowledge", "suggest", "propose", "recommend", "regret"})

# Stance nouns that, with a possessor, report a stance and what it is about, by the word that
# introduces it ("his attacks on X", "her criticism of X", "Obama's decision to Y").
POSSESSED_STANCE_NOUNS: dict[str, frozenset[str]] = {
    "attack": frozenset({"on", "against"}), "criticism": frozenset({"of"}), "decision": frozenset({"to"}),
    "call": frozenset({"for", "to"}), "pledge": frozenset({"to"}), "promise": frozenset({"to", "of"}),
    "proposal": frozenset({"to", "for"}), "endorsement": frozenset({"of"}), "praise": frozenset({"for", "of"}),
    "warning": frozenset({"to", "about", "against"}), "vow": frozenset({"to"}), "threat": frozenset({"to"}),
    "demand": frozenset({"for", "to"}),
}

POSSESSIVE_SPEAKERS: frozenset[str] = frozenset({"his", "her", "their", "its", "my", "our"})

# One-word answers that are a whole statement after "say": "said so", "said no", "said the same".
SHORT_ANSWERS: frozenset[str] = frozenset({"so", "yes", "no", "same"})

# Prepositions that introduce the object of a stance verb: "called for", "pushed for", "warned
# against", "pointed to".
OBJECT_PREPOSITIONS: frozenset[str] = frozenset({"for", "against", "to", "on", "about", "of", "at"})

COMPLEMENT_PREPOSITIONS: frozenset[str] = frozenset({"for", "of", "as", "over", "about", "to", "with", "against"})

# Pronoun objects that stand for what was said or backed ("supported it", "defended him").
OBJECT_PRONOUNS: frozenset[str] = frozenset({"what", "it", "him", "her", "them", "this", "that",
                                           "himself", "herself", "themselves", "itself", "myself", "ourselves"})

# Nouns of speech whose "that" clause is reported content: "his claim that …", "the
# statement that …". The speaker is the possessor, or the subject of the verb governing the noun
# ("Trump repeated the claim that …").
CUE_NOUNS: frozenset[str] = frozenset(
    """
    claim statement assertion allegation argument belief view warning promise pledge suggestion
    insistence accusation charge contention remark comment message announcement assurance
    conclusion finding report estimate prediction threat demand call hope fear
    """.split()
)

# Adjectives of conviction that take a "that" clause: "X is convinced that …".
CUE_ADJECTIVES: frozenset[str] = frozenset(
    "convinced sure confident certain aware adamant clear optimistic hopeful worried afraid".split()
)

# Adjectives of stance that take an object or an infinitive ("critical of", "wary of",
# "eager to"): a stance only when a person or a group holds it.
STANCE_ADJECTIVES: frozenset[str] = frozenset(
    """
    critical supportive skeptical sceptical wary leery concerned confident unsure uncertain proud
    opposed eager reluctant hesitant pessimistic doubtful angry upset furious pleased satisfied
    dissatisfied unhappy frustrated disappointed open willing unwilling ready keen determined
    committed dismissive adamant careful enthusiastic excited nervous fearful suspicious
    """.split()
)

STANCE_PREPOSITIONS: frozenset[str] = frozenset({"of", "about", "with", "against", "toward", "towards", "on", "over", "to", "at"})

# Nouns for someone who holds a stance on something: "a dogged defender of the law".
STANCE_NOUNS: frozenset[str] = frozenset(
    "supporter defender critic opponent proponent advocate champion backer foe skeptic sceptic "
    "architect ally enemy detractor booster cheerleader".split()
)

# Common nouns for people and groups that hold views ("voters are wary of …").
GROUP_NOUNS: frozenset[str] = frozenset(
    """
    voter official lawmaker leader critic supporter opponent expert analyst economist resident
    activist democrat republican conservative liberal member senator politician aide adviser
    advisor spokesman spokeswoman spokesperson administration government campaign party
    committee candidate investor executive worker union group people american
    """.split()
)

# Verbs of telling, whose direct object is the listener ("told reporters"), not the content.
ADDRESSEE_VERBS: frozenset[str] = frozenset({"tell", "inform", "assure", "remind", "brief", "reassure", "notify"})

# Particles that belong to the cue: "pointed out", "spoke up".
CUE_PARTICLES: frozenset[str] = frozenset({"out", "up", "for", "on"})

# Prepositions that belong to the cue verb ("called for talks"), unlike "said on Monday".
CUE_PREPOSITIONS: frozenset[tuple[str, str]] = frozenset(
    {("call", "for"), ("call", "on"), ("push", "for"), ("warn", "against"), ("point", "to"), ("argue", "for")}
)
