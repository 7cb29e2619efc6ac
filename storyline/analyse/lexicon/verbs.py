"""Verbs of reported speech and the frames they take, each verb written once with all it does.

A row is a lemma and its tags; each list a stage reads is the set of lemmas with one tag.

Quotes (``storyline.analyse.quotes``):

- ``cue`` (:data:`CUE_VERBS`): reports speech, writing or a stance when it governs a clause or
  sits next to a quote.
- ``xcomp`` (:data:`XCOMP_CUE_VERBS`): its ``xcomp`` is what was said ("pledged to engage",
  "urged Russia to leave"); other verbs' ``xcomp`` ("seemed to", "tried to") is not speech.
- ``object`` (:data:`OBJECT_CUE_VERBS`): its direct object is what was said ("called for a
  ceasefire", "questioned the integrity of the vote", "the poll shows a tight race").
- ``gerund`` (:data:`GERUND_CUE_VERBS`): its gerund is what was said ("reported earning $132
  million", "admitted taking").
- ``addressee`` (:data:`ADDRESSEE_VERBS`): a verb of telling, whose direct object is the
  listener ("told reporters"), not the content.
- ``as`` (:data:`STANCE_AS_VERBS`): perception that states a view only with "as" ("see X as Y",
  "regard X as Y").
- ``intro`` (:data:`QUOTE_INTRO_VERBS`): introduces a quote that follows ("She continued: “…”")
  without being a cue on its own ("the talks continued").
- ``light`` (:data:`SPEECH_LIGHT_VERBS`): a light verb whose noun carries the speech act ("made
  the case that …", "made it clear that …").

Events (``storyline.analyse.events``):

- ``report`` (:data:`REPORTING_VERBS`): reports speech or thought, so it is never an event
  itself.
- ``speech`` (:data:`SPEECH_VERBS`): says something out loud: "X said Y must withdraw" is a
  demand (a demand needs saying, not believing).
- ``event`` (:data:`EVENT_LIGHT_VERBS`): a light verb whose event-noun object carries the
  meaning ("hold talks", "impose sanctions").

Positions (``storyline.analyse.stance``):

- ``stance-<kind>`` (:data:`STANCE_VERBS`, lemma → kind): the verb states where its subject
  stands on what it governs, as one of :data:`STANCE_KINDS`: ``demand`` ("demanded that …",
  "urged", "insisted"), ``refuse`` ("rejected", "refused to", "vetoed"), ``commit`` ("pledged",
  "vowed", "agreed to"), ``support`` ("backed", "welcomed", "will respect"), ``oppose``
  ("opposed", "condemned", "blocked"), ``propose`` ("proposed", "offered"), ``warn`` ("warned",
  "threatened"), ``assess`` ("said", "believes", "sees": a view of what is so). A verb has one
  kind at most. A verb of carrying out or giving what it governs ("imposed sanctions",
  "provided military aid", "thanked for the assistance", "implement") is ``support``: doing or
  welcoming a thing is being for it.
- ``stance-reverse`` (:data:`REVERSING_VERBS`): the verb works against what it governs, so a
  position on it is a position against that ("rule out enlargement", "compromise on the open
  door", "doubt the science", "lift the sanctions"); ``refuse`` and ``oppose`` verbs reverse too.

Time expressions (``storyline.analyse.time``):

- ``present`` (:data:`PRESENT_REPORTING_VERBS`): in the present tense it reports rather than
  predicts ("says Friday" is about the past).

Why the lists hold what they hold (the lists were pruned by measuring each cue's precision on
PolNeAR train, see ``docs/benchmarks.md``):

- ``cue`` is drawn from the PARC/PolNeAR cue inventory. A verb only yields an attribution when it
  has a clausal complement or sits next to a quote, so common verbs ("find", "show", "know") cost
  little precision. Left out on purpose: "see", "mean", "allow", "consider" — as cues they were
  right less than 30% of the time on PolNeAR dev (they mostly are not speech). "plan" and
  "refuse" (with an infinitive) and stance verbs with an object ("voiced", "railed against",
  "credited") were added later: together +0.2 content and +0.4 source F1 points on PolNeAR
  train. Dropped after measuring each cue's precision on PolNeAR train (below 0.3, where a cue
  costs more F1 than it brings): "support", "vote", "focus", "accept", "share", "ban",
  "embrace", "feel", "identify", "intend", "hold" — mostly actions, not statements ("voted for
  the bill", "held a rally").
- ``object``: PolNeAR counts a stance verb's object as content. Speech verbs like "say" are left
  out because "said nothing"/"said it" rarely carry content, and so are verbs whose object was
  reported content less than 30% of the time on PolNeAR train ("find" 0.15 of 112 — "found a
  job"; "threaten", "lobby", "protest", "approve", "contrast"; "raise" 0.14 of 198, "speak" 0.21,
  "address", "push", "challenge", "welcome", "advocate"). The verbs tagged ``object`` but not
  ``cue`` ("defend", "blame") cue only their object.
- ``light``: "voice" is a ``cue`` too, and the cue reading wins. ``gerund``: "regret" is no
  ``cue``, and only a cue's complement is read, so it is never reached.
- ``report`` and ``speech`` are the events stage's: a reported act is an event, the report is
  not. "declare" is ``speech`` but not ``report``: "declared war" is an event.
- ``present`` holds "accord", the lemma of "according (to)".

Cue classes (:data:`CUE_CLASSES`, with the nouns and adjectives in
:data:`storyline.analyse.lexicon.cues.CUE_WORD_CLASSES`): what kind of report a cue makes, so that
"who said what" can mean what was *said* and leave out what was thought, seen or taken as a
position. A reader counts "“We will win,” she said" as a quote and "she believes they will win"
or "she decided to run" as something else. Four classes:

- ``speech``: a verb of saying or writing; the content is, or could be, the speaker's words.
  "said", "told", "added", "wrote", "tweeted", "announced" (a public statement: "announced that
  the plant would close"), "insisted" and "argued" (saying, with force: "“It is over,” she
  insisted"), "warned", "promised", "vowed" (saying what will come), "denied", "admitted",
  "according to" (a source's account, spoken or written), the light nouns after "made the case",
  and cue nouns of statements ("his claim that …").
- ``stance``: a position taken, a demand, a decision or a judgement of someone or something; the
  content is what is wanted, done or judged, not words reported. "decided", "declined",
  "refused", "demanded", "urged", "called for", "praised", "criticised", "accused", "backed",
  "opposed", "rejected"; stance adjectives ("critical of", "eager to") and role nouns ("a critic
  of"). A speech verb whose content is its object or its infinitive is a stance too ("called for
  talks", "warned against a deal", "promised to cut taxes", "told them to leave"): the words are
  not reported, only what was asked or pledged (:mod:`storyline.analyse.quotes.classes`).
- ``cognition``: a state of mind the writer reports, maybe never said. "believes", "thinks",
  "knows", "expects", "hopes", "fears", "doubts", "estimates", "sees X as Y", "views X as Y";
  adjectives of conviction ("convinced that", "sure that").
- ``perception``: what was found or shown, often by a study, a poll or a document. "found",
  "showed", "the poll shows a tight race", cue noun "finding". ("see" is a cue only in "see X as
  Y", a view: cognition.)

A quote with no cue word (a dash signature, a transcript label, a headline ``Speaker: …``, a
continuation paragraph) is ``speech``: the layout says these are someone's words.

:data:`CUE_FORMS` are the written forms of the commonest cues, for the one search that runs on
text before a parse exists (a quote whose closing mark is missing).
"""

from __future__ import annotations

# The stance kinds a verb can carry (``stance-<kind>``), for positions (storyline.analyse.stance).
STANCE_KINDS: tuple[str, ...] = ("demand", "refuse", "commit", "support", "oppose", "propose", "warn", "assess")

_TAGS = frozenset({"cue", "xcomp", "object", "gerund", "addressee", "as", "intro", "light", "report",
                   "speech", "present", "event", "stance-reverse", *(f"stance-{kind}" for kind in STANCE_KINDS)})


def _table(rows: str) -> dict[str, frozenset[str]]:
    table: dict[str, frozenset[str]] = {}
    for row in rows.strip().splitlines():
        lemma, *tags = row.split()
        if lemma in table or not tags or set(tags) - _TAGS:
            raise ValueError(f"verb table: {row!r} (one row a verb, tags from {sorted(_TAGS)})")
        table[lemma] = frozenset(tags)
    return table


# lemma        tags
VERBS: dict[str, frozenset[str]] = _table("""
    abandon      stance-reverse
    accept       stance-support
    accord       present
    accuse       cue object
    acknowledge  cue object gerund report
    add          cue report speech present stance-assess
    admit        cue object gerund report
    adopt        stance-support
    advise       cue xcomp
    advocate     stance-support
    affirm       cue
    agree        cue xcomp stance-commit
    aim          cue xcomp
    air          cue
    allege       cue
    announce     cue object report speech present event
    answer       cue
    anticipate   cue
    apologise    cue object
    apologize    cue object
    appeal       cue stance-demand
    applaud      cue object stance-support
    approve      cue event stance-support
    argue        cue object report present stance-assess
    articulate   cue object
    ask          cue xcomp stance-demand
    assert       cue report
    assume       cue
    assure       cue addressee stance-commit
    attack       cue object
    attend       event
    authorise    cue
    authorize    cue
    aver         cue
    back         cue object stance-support
    bar          cue
    beg          cue
    begin        intro event
    believe      cue report stance-assess
    belittle     cue object
    berate       cue object
    blame        object
    blast        cue object stance-oppose
    block        cue stance-oppose
    boast        cue
    brag         cue
    brand        cue object
    brief        cue addressee
    broadcast    cue
    call         cue xcomp object event
    campaign     cue
    carry        event
    cast         cue
    castigate    cue object
    caution      cue stance-warn
    champion     stance-support
    chant        cue
    characterise cue object
    characterize cue object
    charge       cue
    chide        cue object
    cite         cue object
    claim        cue xcomp object report present stance-assess
    clarify      cue object
    commend      cue object stance-support
    comment      cue report
    commit       stance-commit
    compare      cue object
    complain     cue
    compromise   stance-reverse
    concede      cue object stance-reverse
    conclude     cue intro event
    concur       cue
    condemn      cue object stance-oppose
    conduct      event
    confess      cue object
    confirm      cue object report present
    congratulate cue object
    consider     stance-assess
    contend      cue
    contest      object stance-reverse
    continue     intro event
    contrast     cue
    convince     stance-assess cue
    counter      cue
    credit       cue object
    criticise    cue object stance-oppose
    criticize    cue object stance-oppose
    decide       cue xcomp
    declare      cue speech event
    decline      cue xcomp object stance-refuse
    decry        cue object stance-oppose
    deduce       cue
    deem         cue
    defend       object stance-support
    deliver      stance-support
    demand       cue xcomp object stance-demand
    denounce     cue object stance-oppose
    deny         cue object gerund present stance-reverse
    depict       cue object
    deride       cue object
    describe     cue object report
    detail       object
    disagree     cue
    disclose     cue object
    discuss      cue object
    dismiss      cue object stance-refuse
    disparage    cue object
    dispute      object stance-reverse
    divulge      cue object
    doubt        cue object stance-reverse
    downplay     stance-reverse
    drop         stance-reverse
    dub          cue
    echo         cue object
    elaborate    cue
    emphasise    cue report speech
    emphasize    cue object report speech
    encourage    cue object
    end          intro stance-reverse
    endorse      cue object stance-support
    envision     cue object
    estimate     cue object
    exaggerate   stance-reverse
    exclude      stance-reverse
    expect       cue xcomp report stance-assess
    explain      cue object report
    expose       cue object
    express      cue object event
    extend       event stance-support
    favor        cue object stance-support
    favour       cue object stance-support
    fear         cue stance-assess
    fight        stance-oppose
    figure       cue
    file         event
    find         cue
    finish       intro
    float        stance-propose
    forbid       cue
    forecast     cue
    frame        as
    freeze       stance-reverse
    give         light event
    go           intro
    grant        cue event stance-support
    guarantee    stance-commit
    guess        cue
    hail         cue object stance-support
    halt         stance-reverse
    have         event
    highlight    cue object
    hint         cue
    hold         event
    hope         cue xcomp report
    host         event
    ignore       cue object
    imagine      cue
    implement    stance-support
    implore      cue
    imply        cue
    impose       event stance-support
    indicate     cue object report present
    infer        cue
    inform       cue addressee
    initiate     event
    insinuate    cue
    insist       cue report speech present stance-demand
    instruct     cue xcomp
    intend       stance-commit
    introduce    stance-support
    invite       cue
    invoke       cue object
    issue        light event
    join         event
    joke         cue
    judge        cue
    know         cue report
    label        cue object
    lambast      cue object
    lament       cue object
    lash         cue object
    launch       event
    lay          light
    leak         cue object
    learn        cue
    level        event
    lift         stance-reverse
    list         cue object
    lobby        cue
    lodge        event
    maintain     cue
    make         light event
    mention      cue object gerund
    mock         cue object
    mount        event
    muse         cue
    name         cue object
    need         stance-demand
    note         cue object report present stance-assess
    notify       cue addressee
    object       cue stance-oppose
    observe      cue
    offer        cue xcomp object stance-propose
    open         event
    opine        cue
    oppose       cue object stance-oppose
    order        cue xcomp event
    organise     event
    organize     event
    outline      object
    overstate    stance-reverse
    own          cue
    paint        as
    parrot       cue
    pay          event
    permit       cue
    persuade     cue
    petition     cue
    plan         cue xcomp
    plead        cue
    pledge       cue xcomp object stance-commit
    point        cue object
    portray      cue object
    posit        cue
    post         cue
    praise       cue object stance-support
    predict      cue object
    prefer       cue object
    press        cue stance-demand
    presume      cue
    prevent      stance-reverse
    print        cue
    proclaim     cue
    prohibit     cue
    project      cue
    promise      cue xcomp object stance-commit
    promote      cue object
    propose      cue xcomp object gerund stance-propose
    protest      cue stance-oppose
    provide      stance-support
    publish      cue object
    question     cue object stance-reverse
    quip         cue
    quote        cue object report
    rail         cue object
    reach        event
    read         cue
    reaffirm     cue object
    realise      cue
    realize      cue
    reassure     cue addressee
    rebuff       stance-refuse
    rebuke       cue object
    recall       cue gerund report
    recant       cue
    recite       cue object
    reckon       cue
    recognise    cue
    recognize    cue
    recommend    cue object gerund stance-propose
    recount      cue
    refer        cue object
    reference    cue object
    refuse       cue xcomp stance-refuse
    regard       cue as
    regret       gerund
    reiterate    cue object report speech
    reject       cue object stance-refuse
    relay        cue
    remark       cue report
    remind       cue addressee
    renew        event
    repeat       cue
    reply        cue report
    report       cue object gerund report present
    require      stance-demand
    resist       stance-refuse
    respect      stance-support
    respond      cue object report
    restate      cue object
    resume       event
    retort       cue
    retract      cue object
    retweet      cue object
    reveal       cue object
    ridicule     object
    rip          object
    rule         cue
    say          cue report speech present stance-assess
    scold        cue
    scrap        stance-reverse
    scream       cue
    second       cue object
    see          as stance-assess
    seek         cue xcomp object stance-demand
    shout        cue
    show         cue object present
    sign         cue event
    signal       cue
    slam         cue object stance-oppose
    specify      cue object
    speculate    cue
    spurn        stance-refuse
    stage        event
    start        intro event
    state        cue report speech present stance-assess
    stop         stance-reverse
    stress       cue object report speech stance-assess
    strike       event
    suggest      cue object gerund report present stance-propose
    summarise    cue object
    summarize    cue object
    supply       stance-support
    support      stance-support
    surmise      cue
    suspect      cue
    suspend      stance-reverse
    swear        cue xcomp stance-commit
    take         event
    talk         cue object
    tell         cue xcomp addressee report speech present
    term         cue
    testify      cue
    thank        cue object stance-support
    theorise     cue
    theorize     cue
    think        cue report stance-assess
    threaten     cue xcomp stance-warn
    tout         cue object
    treat        as
    tweet        cue object
    underline    cue
    undermine    stance-reverse
    underscore   cue object
    understand   cue
    undertake    event
    unleash      event
    uphold       stance-support
    urge         cue xcomp object stance-demand
    veto         cue object stance-refuse
    view         cue object
    voice        cue object light event
    vouch        cue
    vow          cue xcomp object stance-commit
    want         cue xcomp object stance-demand
    warn         cue xcomp object stance-warn
    welcome      stance-support
    whisper      cue
    wonder       cue
    worry        cue
    write        cue report speech present
    yell         cue
""")


def _tagged(tag: str) -> frozenset[str]:
    return frozenset(lemma for lemma, tags in VERBS.items() if tag in tags)


CUE_VERBS = _tagged("cue")
XCOMP_CUE_VERBS = _tagged("xcomp")
OBJECT_CUE_VERBS = _tagged("object")
GERUND_CUE_VERBS = _tagged("gerund")
ADDRESSEE_VERBS = _tagged("addressee")
STANCE_AS_VERBS = _tagged("as")
QUOTE_INTRO_VERBS = _tagged("intro")
SPEECH_LIGHT_VERBS = _tagged("light")
REPORTING_VERBS = _tagged("report")
SPEECH_VERBS = _tagged("speech")
PRESENT_REPORTING_VERBS = _tagged("present")
EVENT_LIGHT_VERBS = _tagged("event")

STANCE_VERBS: dict[str, str] = {lemma: tag.removeprefix("stance-") for lemma, tags in VERBS.items()
                                for tag in tags if tag.startswith("stance-") and tag != "stance-reverse"}
REVERSING_VERBS = _tagged("stance-reverse") | {lemma for lemma, kind in STANCE_VERBS.items()
                                               if kind in ("refuse", "oppose")}

# Verbs whose particle or preposition makes the stance ("rule out", "call for"), by (lemma,
# particle) → kind; "reverse" for one that works against its object without a stance of its own.
# "against" is left out: it reverses what it governs on its own ("warned against", "voted against").
STANCE_PHRASALS: dict[tuple[str, str], str] = {
    ("rule", "out"): "refuse", ("call", "for"): "demand", ("call", "on"): "demand", ("push", "for"): "demand", ("insist", "on"): "demand",
    ("press", "for"): "demand", ("stand", "by"): "support", ("stick", "to"): "support", ("back", "away"): "reverse",
    ("give", "up"): "reverse", ("back", "down"): "reverse", ("walk", "away"): "reverse", ("speak", "out"): "oppose",
}

# Written forms of the commonest cues, by lemma.
CUE_FORMS: dict[str, tuple[str, ...]] = {"say": ("said", "says"), "add": ("added",), "tell": ("told",)}


# In the order a listing of several classes shows them: what was said first (a reader asking "what
# did she say" reads the top), then the positions taken, then thoughts and findings.
CUE_CLASS_NAMES = ("speech", "stance", "cognition", "perception")


def cue_class_rank(cls: str | None) -> int:
    """Where a class comes in a listing of several (:data:`CUE_CLASS_NAMES`); an unknown or
    missing class (a quote stored before classes were) last."""
    return CUE_CLASS_NAMES.index(cls) if cls in CUE_CLASS_NAMES else len(CUE_CLASS_NAMES)


def cue_classes(classes: dict[str, str]) -> dict[str, str]:
    """``{class: "word word …"}`` as ``{word: class}``; a word in two classes is an error."""
    out: dict[str, str] = {}
    for cls, words in classes.items():
        for word in words.split():
            if word in out or cls not in CUE_CLASS_NAMES:
                raise ValueError(f"cue classes: {word!r} in {out.get(word)!r} and {cls!r}")
            out[word] = cls
    return out


# The class of each cue verb's report (see the module docstring): speech, stance, cognition or
# perception. Every verb tagged cue, object, as, intro or light has one (a test checks it).
CUE_CLASSES: dict[str, str] = cue_classes({
        "speech": """
            accord add acknowledge claim express admit affirm allege announce answer argue articulate ask assert
            assure aver begin boast brag brief broadcast call caution chant characterise
            characterize cite clarify comment compare complain concede conclude confess confirm
            contend continue contrast counter declare deny depict describe detail disclose expose discuss
            divulge dub echo elaborate emphasise emphasize end explain finish forecast go highlight
            hint imply indicate inform insinuate insist invoke joke label lament leak list
            maintain mention muse name note notify observe opine outline parrot plead point
            portray post predict print proclaim project promise publish quip quote read reaffirm
            recall recant recite recount refer reference reiterate relay remark remind repeat
            reply report respond restate retort retract retweet reveal say scream shout signal
            reassure specify speculate start state stress suggest summarise summarize swear talk term
            testify tell threaten tweet underline underscore vouch vow pledge warn whisper write
            yell give issue lay make voice frame paint treat
        """,
        "stance": """
            accuse advise agree aim air apologise apologize appeal applaud approve attack
            authorise authorize back bar beg belittle berate blame blast block brand campaign cast
            castigate charge chide commend concur condemn congratulate contest convince credit
            criticise criticize decide decline decry defend demand denounce deride disagree
            dismiss disparage dispute encourage endorse favor favour forbid grant hail ignore
            implore instruct invite lambast lash lobby mock object offer oppose order own permit
            persuade petition plan praise prefer press prohibit promote propose protest question
            rail rebuke recommend refuse reject ridicule rip rule scold second seek sign slam
            thank tout urge veto want
        """,
        "cognition": """
            anticipate assume believe deduce deem doubt envision estimate expect fear figure guess
            hope imagine infer judge know learn posit presume realise realize reckon recognise
            recognize regard see surmise suspect theorise theorize think understand view wonder
            worry
        """,
        "perception": "find show",
})
