"""Boilerplate removal for articles that arrive as already-scraped plain text.

One job: given the flattened text of a page (headline, chrome, body, footer, one item a line),
keep every paragraph of the article body and drop the rest, recording each dropped line with
its offsets into the raw input and a short machine-readable reason.

How it works (in the spirit of jusText, but for text that has lost its markup):

1. **Lines.** Every non-blank line is a candidate paragraph. Lines are grouped into *blocks*
   (runs of lines not separated by a blank line): scraped menus come out as many short lines in
   one block, article paragraphs as lines separated by blank lines.
2. **Explicit patterns.** Common chrome is recognised by its wording (ads, share / subscribe /
   comment prompts, "Read also:", photo credits, "2 min read", datelines, blog chrome, cookie and
   copyright notices, the headline and its repeats). These lines are always dropped.
3. **Line scores.** Each remaining line is scored as prose or not from language-agnostic
   features: length, stop-word density (the stop list is chosen per document from a few small
   built-in lists; for languages without one, the score falls back on length and punctuation),
   sentence-final punctuation, capitalised-word ratio (menus and headlines are Title Case),
   separator characters (breadcrumbs, tag lists), and membership in a cluster of short lines.
4. **Context smoothing.** Body paragraphs are contiguous and boilerplate clusters at the top and
   bottom. The body is the contiguous run of lines with the highest total score (a maximum
   sub-array over line scores, as in Finn et al.'s Body Text Extraction): a short line or an ad
   inside the article costs little and is bridged, a menu or a comment section costs a lot and
   is not. Inside the body, short lines are kept (subheadings, one-line paragraphs, quotes ending
   with a dash attribution) unless they sit in a cluster of short lines. Lines that read like
   sentences but end without punctuation (related headlines in sentence case) and excerpts cut
   short with an ellipsis weigh nothing: bridged inside the body, never a reason to extend it.
5. **Sections that end the article.** Prose that is not the article is cut off whole rather
   than scored line by line: a reader-comment thread (comment markers close together under
   some article prose) and a labelled list of other articles ("More from X" followed by
   headlines, never by two paragraphs in a row). Conversely a list the body's last line
   announces with a colon (tour dates, product picks) is kept with the body.

**Extracted text** (``extracted=True``: a JSONL record's ``text``, already cut out of its page by
whoever made the file) gets step 2 only, and without the repeated-line rule: every line is judged
by its own wording, never by where it sits. Steps 3-5 and the repeat rule assume a page around
the article (a header, a footer, a sidebar, a site name printed twice); extracted text has none,
so what they would call "outside the body" is the article itself (a transcript's one long
paragraph, a closing line without a full stop, a list of participants).

Nothing is lost silently: every dropped line is in ``removed`` with its reason, and
:attr:`CleanedText.kept_share` says how much of the input's text was kept (the Clean stage warns
when it is less than half).

Reasons (the vocabulary of :attr:`RemovedSpan.reason`):

- ``title``: the headline (the ``title`` argument) or a repeat of it, with or without the site
  suffix ("Headline - Site").
- ``dateline``: a line that is only a date/time, possibly with "Posted on", "Updated" etc.
- ``byline``: "By Jane Doe", author lines with a date.
- ``read-time``: "2 min read".
- ``ad``: "AD", "Advertisement", "Sponsored content", "Story continues below".
- ``share-prompt``: "Share this article", lists of social networks.
- ``subscribe-prompt``: newsletter / subscription / sign-up prompts.
- ``comment-prompt``: "Leave a Comment", "Leave a Reply", "Your email address will not be
  published", "3 Comments", "Comment on this post".
- ``comment-thread``: comment furniture ("Jane on May 3, 2019 at 4:47 pm said:", "Rating: 36
  Votes", "Show more comments") and everything after the start of a comment thread.
- ``read-also``: "Read also: ...", "Read more", "Related articles", "You may also like",
  "More <Site Name>".
- ``photo-credit``: "Photo AP", "(Photo: Getty Images)", "Image credit ...", and captions that
  end with their credit ("... in Hialeah, Fla. (AP Photo/Alan Diaz)").
- ``site-chrome``: blog/site furniture (log in, cookie and privacy notices, copyright, "Edit
  post Follow this blog ...", "Skip to content"), and short lines repeated on the page (site
  names, section labels).
- ``repeated-line``: a longer line without final punctuation that occurs more than once (the
  headline printed again when no ``title`` was given).
- ``navigation``: breadcrumbs, tag lists and menu items in a cluster of short lines.
- ``teaser``: a related-article teaser: a headline fused with its summary (headline case, or
  "Headline CITY: first sentence").
- ``short-line-cluster``: a run of short non-sentence lines inside the body region.
- ``outside-body``: a line outside the main body region that matched none of the above.

Example::

    >>> raw = "Bridge to reopen\\n\\nAD\\n\\nThe mayor said the old bridge will reopen next week."
    >>> cleaned = clean_plain_text(raw, title="Bridge to reopen")
    >>> cleaned.text
    'The mayor said the old bridge will reopen next week.'
    >>> [(span.text, span.reason) for span in cleaned.removed]
    [('Bridge to reopen', 'title'), ('AD', 'ad')]
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from storyline.analyse.lexicon.calendar import MONTH_NAMES, TIME_ZONES
from storyline.records import RemovedSpan

__all__ = ["CleanedText", "clean_plain_text", "reads_as_headline"]

# Kept lines are joined by one blank line: each is a paragraph of the clean text, and no kept line
# contains a line break, so the clean text splits back into exactly the kept lines.
PARAGRAPH_BREAK = "\n\n"

# --- tuning constants -------------------------------------------------------------------------
# A line of at least this many words that reads as prose is body text on its own; shorter lines
# (headings, menu items, captions) need their neighbours' support. jusText uses 70 chars (~12
# words) as its "short" bound; news one-sentence paragraphs are often 8-12 words, so go lower.
PROSE_MIN_WORDS = 8
# A body paragraph ends with sentence punctuation; a line without it is a headline (a related
# link, a teaser list written in sentence case) unless it is long enough to be a paragraph that
# merely lost its full stop. Headlines run 6-15 words; paragraphs rarely stay under 20.
UNPUNCTUATED_PROSE_MIN_WORDS = 20
# Below this many words a line is "short": a heading, a menu item, a label.
SHORT_MAX_WORDS = 5
# Share of stop words above which a line reads as running text in the detected language.
# jusText's thresholds are 0.30/0.32 for its long stop lists; ours are short lists of the most
# frequent function words, so prose scores lower (English news prose: ~0.30-0.45, menus ~0.0-0.1).
STOPWORD_PROSE = 0.18
# Below this density a long line is a list of names (tags, menus flattened into one line).
STOPWORD_LIST = 0.08
# A document's stop list is trusted only if it covers at least this share of all its words;
# otherwise (Korean, Japanese, a language we have no list for) density is not used.
STOPLIST_MIN_COVERAGE = 0.10
# Share of capitalised words above which a short line is a headline or menu item, not a sentence.
TITLECASE_RATIO = 0.7
# Penalties (in "words of prose") the body region pays to include a non-prose line. A lone short
# line or an ad inside an article is cheap to bridge; a menu (cluster) or an end-of-article
# marker (comments, related links) should stop the region unless a lot of prose lies beyond.
SHORT_LINE_COST = 3.0
CLUSTER_LINE_COST = 6.0
CHROME_COST = 4.0
END_MARKER_COST = 40.0
# Bonus (in words of prose) for the first prose line shortly after an in-page repeat of the
# headline: the article body starts under its headline, and without this anchor a long cookie
# notice or a block of teasers can outweigh a short article.
ANCHOR_BONUS = 60.0
# How many lines after the headline the body may start (byline, dateline, photo credit, dek, and
# sometimes a sidebar the flattening put between the headline and the text).
ANCHOR_WINDOW = 15
# Share of numeric tokens above which a line is a table row (results, prices): neutral evidence,
# kept when it sits inside the body, never a reason to extend the body on its own.
TABLE_NUMERIC_RATIO = 0.3
# Consent/legal banners are long prose, so they need their own test: a line with at least this
# many distinct legal-notice terms is site chrome whatever its length.
LEGAL_MIN_TERMS = 2
# A line with this many capitalised function words ("In", "Of", "To") is written in headline
# case: a teaser (headline fused with its summary) or a menu, never a body sentence.
HEADLINE_CASE_MIN_STOPWORDS = 2
# Headline case is judged on a line's first words (a teaser's headline comes first).
HEADLINE_WINDOW = 12
# Inside the body, headline-cased lines up to this long are subheadings and stay; longer ones
# are a headline fused with a summary (a related-article teaser) and go.
TEASER_MIN_WORDS = 14
# A reader-comment thread is this many comment markers ("Reply", "Jane on ... said:", "N
# comments"), each within THREAD_WINDOW lines of the first, under at least THREAD_MIN_BODY_WORDS
# of article prose. Two markers close together are a thread (a header and its first reply);
# a single "3 comments" under the headline is not.
THREAD_MIN_MARKS = 2
THREAD_WINDOW = 25
THREAD_MIN_BODY_WORDS = 50
# Captions run one or two sentences; a longer line ending in a credit is not a caption.
CAPTION_MAX_WORDS = 60
# A consent or legal banner is one paragraph: the longest on the extraction benchmark's pages
# runs 100 words. A longer line that names privacy and personal data is prose about them (a
# 2,000-word transcript on artificial intelligence), not a banner.
LEGAL_MAX_WORDS = 120
# A labelled list of other articles: a bare label of at most LINK_LABEL_MAX_WORDS words
# ("More from X", "Related stories") followed, to the end of the body region, by at least
# LINK_LIST_MIN_ITEMS headlines (lines of HEADLINE_MIN_WORDS+ words without a full stop) and
# never by two paragraphs in a row: a list item has at most one summary line, while an inline
# "Related" box mid-article is followed by the rest of the article, paragraph after paragraph.
LINK_LABEL_MAX_WORDS = 6
LINK_LIST_MIN_ITEMS = 3
HEADLINE_MIN_WORDS = 4
# A first line without a full stop is a headline up to this many words: press offices write long
# ones (president.gov.ua's run to 44 words); a longer line is a paragraph that lost its full stop.
HEADLINE_MAX_WORDS = 45
# A list announced by a colon ends at a line of this many words or fewer: a footer label.
LIST_LABEL_MAX_WORDS = 2
# A run of this many short lines in one block (no blank line between) is a menu or a tag list.
CLUSTER_MIN_LINES = 3
# A short line repeated this often on the page is site furniture (site name, section label).
REPEAT_MIN = 2
# Repeated lines up to this many words are site furniture ("site-chrome"); longer repeated
# non-sentences are a headline printed again ("repeated-line"). Repeated sentences are kept:
# they may be a duplicated paragraph the reader wants.
REPEAT_MAX_WORDS = 8

# --- stop lists -------------------------------------------------------------------------------
# Small lists of the most frequent function words. The document's language is guessed as the
# list covering most of its words; only density matters, so short lists are enough.
_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        """a about after all also an and any are as at be been before being but by can could
        did do does for from had has have he her his how i if in into is it its just may more
        most my no not of on one only or other our out over said says she so some such than
        that the their them then there these they this those to under up was we were what when
        where which while who will with would you your""".split()
    ),
    "de": frozenset(
        """aber als am an auch auf aus bei bis das dass dem den der des die diese dieser doch
        ein eine einem einen einer es für hat ich im in ist mit nach nicht noch nur oder sich
        sie sind so und uns von vor war wie wir wird zu zum zur über""".split()
    ),
    "fr": frozenset(
        """au aux avec ce ces comme dans de des du elle en est et il ils la le les leur lui mais
        ne nous on ou par pas plus pour qu que qui sa se ses son sont sur un une été être""".split()
    ),
    "es": frozenset(
        """al como con de del el en es esta este fue ha la las lo los más no para pero por que
        se su sus un una y ya sobre entre también sin""".split()
    ),
    "pt": frozenset(
        """a ao as com como da das de do dos e em foi mais mas na nas no nos o os para pela pelo
        por que se seu sua um uma é ou também são""".split()
    ),
    "it": frozenset(
        """a al alla che con da dei del della di e gli ha il in la le lo nel non per più si
        sono su un una è anche come ma""".split()
    ),
    "nl": frozenset(
        """aan als bij dat de die dit een en er het hij in is met naar niet of om op te van
        voor was werd wordt ze zijn""".split()
    ),
    "id": frozenset(
        """ada adalah akan dalam dan dari dengan di ini itu juga ke karena oleh pada untuk yang
        tidak tersebut bisa""".split()
    ),
    "ru": frozenset(
        """в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только
        ее мне было вот от меня еще нет о из ему это для при или""".split()
    ),
}

# --- explicit patterns ------------------------------------------------------------------------
_I = re.IGNORECASE
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_WEEKDAYS = r"mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?"
_DATE_TOKEN = re.compile(
    rf"\b(?:{_MONTHS})\b\.?|\b(?:{_WEEKDAYS})\b,?|\d{{1,4}}(?:[./-]\d{{1,4}}){{1,2}}|"
    r"\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?|\b\d{1,4}(?:st|nd|rd|th)?\b|"
    r"\b(?:[ap]\.?m\.?|[A-Z]{2,4}T|UTC|GMT|ET|PT|CET|EST|EDT|PST|PDT|IST)\b",
    _I,
)
# Words that may surround a date in a dateline without making it prose.
_DATELINE_WORDS = re.compile(
    r"\b(?:posted|published|updated|last|modified|first|on|at|in|am|pm|by|and|of|the|"
    r"date|time|h|m|d|hrs?|hours?|ago|mins?|minutes?|days?|today|yesterday)\b",
    _I,
)

_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ad", re.compile(
        r"^(?:ads?|advert(?:isement|ising)?s?|sponsored(?: content| links?| stories)?|"
        r"paid content|promoted(?: content)?|story continues below(?: advertisement)?|"
        r"article continues (?:below|after advertisement)|continue reading (?:below|the main story)|"
        r"scroll (?:down )?to continue(?: with content)?|(?:advertisement )?skip advert)\W*$", _I)),
    ("read-time", re.compile(r"^(?:\W*\d+\s*(?:-|\s)?\s*(?:min(?:ute)?s?|mins?)\.?\s*(?:read|reading)(?: time)?\W*)$", _I)),
    ("comment-thread", re.compile(
        # The furniture of a reader-comment thread: "Jane on May 3, 2019 at 4:47 pm said:",
        # "Rating: 36 Votes", "Top Rated Comments", "Show more comments (20)", "Like · Reply".
        # A header needs a clock time or "ago": "On Tuesday the minister said:" opens a quote.
        r"^(?:(?=.*(?:\d{1,2}:\d{2}|\bago\b)).{1,100}\b(?:said|says|wrote|commented)\s*:?|"
        r"(?:rating|score)\s*:\s*[+-]?\d+\s*(?:votes?|points?)|"
        r"(?:top rated|most liked|newest|oldest|best|all|latest|featured|recent|reader) comments?|"
        r"show (?:more|new|all|older|newer|hidden) (?:comments?|replies)\b.{0,20}|"
        r"(?:in reply to|replying to)\b[^.!?]{0,60}|"
        r"(?:(?:like|reply|report|share|flag|\d+)\s*[·•|]\s*){1,5}(?:like|reply|report|share|flag|\d+))\W*$", _I)),
    ("comment-prompt", re.compile(
        r"^\W*(?:leave a (?:comment|reply)|post (?:a )?comment|add (?:a )?comment|comment on this "
        r"(?:post|article|story)|comments?|show comments|view comments|(?:no|\d+|one) comments?"
        r"(?: yet)?.*|be the first to comment.*|join the (?:conversation|discussion).*|"
        r"reply|cancel reply|your email address will not be published.*|required fields are "
        r"marked.*|save my name, email.*|you must be logged in to post a comment.*|"
        r"comments? (?:are|have been) closed.*|\d+\s+post comment.*|conversation|"
        r"\d+ (?:responses?|replies|comments?|thoughts?) (?:to|on)\b.*|"
        r"[\w.@-]+(?: [\w.@-]+){0,2} (?:says|wrote):|"
        # "Like" is a button only before its own furniture ("Like this:", "Like us on Facebook",
        # "Like · Reply", "Like (3)"): "‘Like rolling a dice’" is a subheading.
        r"like(?:\s+(?:this|us|loading)\b.{0,40}|\s*[·•|(\d].{0,40})?|"
        r"(?:permalink|feed for comments|reply to this comment|report comment|flag|"
        r"upvote|downvote|\d+ (?:likes?|points?|replies))(?:\W+.{0,40})?)\W*$", _I)),
    ("subscribe-prompt", re.compile(
        r"^(?:.{0,80}\b(?:subscribe|subscription|newsletters?|sign up|signing up|inbox|"
        r"opt-in|unsubscribe)\b.{0,80})$", _I)),
    ("share-prompt", re.compile(
        r"^(?:share(?: this)?(?: article| story| post| page)?(?: on| via)?|share|tweet|pin|"
        r"email|e-mail|print|copy link|link copied|whatsapp|messenger|"
        r"(?:share|follow us)(?: on)?\s*[:\-]?.{0,60}|"
        r"click to (?:share|print|email|tweet).{0,60}|.{0,60}\(opens in (?:a )?new window\)|"
        r"(?:(?:facebook|twitter|linkedin|pinterest|reddit|whatsapp|telegram|email|e-mail|"
        r"print|flipboard|tumblr|vk|messenger|sms|copy|comments?|share)\W*){1,12})\W*$", _I)),
    ("read-also", re.compile(
        r"^(?:read (?:also|more|next|this|these)|also read|editors?'?’?s?'? picks?|see also|related(?: articles?| stories| "
        r"posts| news| content| coverage| topics| tags)?|more (?:on this|from|stories|news|"
        r"articles|world|weather|sports?|videos?|headlines|top stories|like this|to explore|"
        r"in\b)|recommended(?: for you| stories| articles)?|you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|"
        r"trending(?: now)?|most (?:popular|read|viewed)|popular(?: now| stories)?|"
        r"what to read next|top stories|latest(?: news| stories)?|up next|watch next|"
        r"don't miss|must read|further reading|"
        # The same labels in the other languages we keep stop lists for.
        r"você (?:pode|também pode) gostar|veja também|leia também|(?:artigos|posts|notícias|"
        r"matérias) relacionad[oa]s|te puede interesar|lee también|(?:artículos|noticias) "
        r"relacionad[oa]s|(?:à )?lire aussi|articles similaires|vous aimerez aussi|"
        r"das könnte sie auch interessieren|mehr zum thema|weitere artikel|leggi anche|"
        r"potrebbe interessarti|articoli correlati|lees ook|baca juga)\b.*$", _I)),
    ("photo-credit", re.compile(
        r"^(?:\(?(?:photos?|image|picture|illustration|video|credit|photograph|foto)s?"
        r"(?: credit)?\s*(?:[:\-–—/©]|by\b|\s).{0,60}|.{0,120}\((?:photo|image|credit)s?"
        r"(?: credit)?\s*:.{0,80}\)\s*|.{0,60}\b(?:getty images|shutterstock|ap photo|"
        r"afp via getty|reuters/|istock(?:photo)?)\b.{0,40})$", _I)),
    ("byline", re.compile(
        r"^(?:by|posted by|written by|words by|author:?|reporting by|published by)\s+(?P<name>[\w.'’-]+)(?:\s+[\w.'’-]+){0,5}"
        r"(?:\s*(?:,|\||•|and|&|on|at|-|–)\s*.{0,80})?$", _I)),
    ("site-chrome", re.compile(
        r"^(?:.*\ball rights reserved\b.*|©.{0,120}|copyright\b.{0,120}|.{0,120}\bcookies?\b.{0,200}|"
        r".{0,80}\bprivacy (?:policy|notice|statement)\b.{0,80}|terms (?:of (?:use|service)|and "
        r"conditions).{0,60}|log ?in|log ?out|sign ?in|sign ?out|register|my account|"
        r"skip to (?:main )?content|skip to navigation|menu|main menu|search|close|open|"
        r"home|back to top|you are (?:here|at)\W*|breadcrumbs?|toggle navigation|navigation|"
        r"edit post follow this blog.*|follow this blog|create my blog|administration|"
        r"loading\W*|please enable javascript.*|advertise with us|contact us|about us|"
        r"sitemap|rss|feedback|careers?|faq|help|next|previous|prev|more|load more|show more|"
        r"see (?:all|more)|view (?:all|more)|click here.{0,60}|listen(?: to (?:this )?article)?.{0,20}|"
        r"text size|font size|a\s*a\s*a|play|pause|mute|watch|live|live tv|breaking(?: news)?)\W*$",
        _I)),
    ("navigation", re.compile(
        r"^(?:[^.!?]{1,40}(?:\s*(?:»|›|>|/|\||·|•|::)\s*[^.!?]{1,40}){2,}|"
        r"(?:tags?|topics?|categor(?:y|ies)|filed under|section)\s*:.{0,200})$", _I)),
)
# Reasons whose lines mark the end of an article (or a section the body must not run through).
# Share bars are left out: sites put them between the lead and the rest of the body too.
_END_MARKERS = frozenset({"comment-prompt", "comment-thread", "read-also", "subscribe-prompt"})
_COMMENT_MARKERS = frozenset({"comment-prompt", "comment-thread"})

# "More Washington Examiner", "More Stories": a section label over a list of other articles.
# A subheading such as "More Than Words" is not one: no function word after "More".
_MORE_FROM_SITE = re.compile(r"^More(?! (?:[Tt]han|[Tt]o|[Oo]f|[Aa]nd|[Oo]r|[Ii]n|[Oo]n|[Ff]or)\b)(?: [A-Z][\w.&'’-]*){1,4}$")
_LEGAL_TERMS = re.compile(
    r"\b(?:cookies?|privacy|consent|personal data|browser|browsing experience|terms of "
    r"(?:use|service)|third[- ]part(?:y|ies)|opt[- ]out|gdpr|analytics|this (?:web)?site)\b",
    _I,
)
_WORD = re.compile(r"\w+", re.UNICODE)
# Picture agencies, the last word of a picture credit.
_PICTURE_AGENCIES = (
    "Getty Images", "Getty", "Reuters", "AFP", "AP", "EPA-EFE", "EPA", "PA", "Shutterstock", "REX",
    "Rex", "TASS", "Sputnik", "SOPA Images", "NurPhoto", "LightRocket", "ZUMA Press", "ZUMA Wire",
    "Anadolu Agency", "Alamy", "Bloomberg", "UPI", "Xinhua", "The Guardian", "The Observer",
    "Handout", "Ukrinform", "Planet Labs",
)
_AGENCY = "(?>" + "|".join(re.escape(a) for a in _PICTURE_AGENCIES) + ")"
# A caption ends with its credit: "... in Hialeah, Fla. (AP Photo/Alan Diaz, File)", "... the
# Badge (Alexander Kazakov/AP)", "... New York. Reuters", "Photograph: Tim Robberts/Getty Images".
# Body sentences end with a full stop, not with an agency name, so this holds for long captions
# that otherwise read as prose.
_CAPTION_CREDIT = re.compile(
    r"(?:\b(?:photo(?:graph)?|image|picture|credit|foto)s?\s*(?:by|:|©)\s*[^.!?]{2,80}|"
    r"\(\s*(?:ap|afp|reuters|getty(?: images)?)\b[^)]{0,60}\)|"
    r"\([^()]{1,60}/\s*" + _AGENCY + r"[^()]{0,30}\)|"
    r"\b(?:getty images|shutterstock|reuters|afp|ap photo)\b[^.!?]{0,40})$",
    _I,
)
_BLOG_CHROME = re.compile(r"^(?:edit post follow this blog.*|skip to (?:main )?content)$", _I)
# A live blog's entry stamp, glued by the scrape between two entries: "…frontsRead moreUpdated at
# 23.50 GMT 24 Feb 202223.33Asked when …", "…Updated at 16.09 BST 4d ago15.24Policing …". The
# year (or "ago") runs straight into the time of day, which prose never does; the stamp is cut out
# as a line of its own, so the entries become paragraphs.
_LIVE_BLOG_STAMP = re.compile(
    r"(?:Read more\s*)?(?:Updated at \d{1,2}[.:]\d{2}\s*(?:" + "|".join(TIME_ZONES) + r")\s*)?"
    r"(?:\b\d{1,2} (?:" + "|".join(name[:3].title() for name in MONTH_NAMES) + r") (?:19|20)\d\d"
    r"|\b\d{1,3}[smhd] ago)"
    r"[0-2]\d[.:][0-5]\d")
# A picture credit glued into a line, as live blogs scrape: "…in Lviv. Photograph: Vincenzo
# Circosta/SOPA Images/REX/ShutterstockVolunteers unload …". It ends on a picture agency, which is
# how the credit's end is found when the next entry's first word is glued to it; only a credit that
# the next entry follows is cut out (a caption line ending in its credit is judged whole).
_GLUED_PICTURE_CREDIT = re.compile(
    r"\b(?:Photograph|Photo|Picture|Image)s?:\s*(?:[^/\n.!?;:“”\"]{1,50}/)*"
    + _AGENCY + r"(?=[ \t]?[A-Z\d“\"‘])")
# Teaser = headline + "CITY: first sentence": an upper-case place with a colon mid-line.
_INLINE_DATELINE = re.compile(r"[^.!?:;\s]\s+[A-Z][A-Z .'-]{4,}:\s+[A-Z\"“]")
_AFTER_BREAK = re.compile(r"[.!?:;\"“”]$")
_SENTENCE_END = re.compile(r"[.!?…。！？:;\"”’»)\]]\W*$")
_SPACES = re.compile(r"\s+")
# Agency captions open by pointing at the picture: "In this Dec. 12, 2006, file photo, ...".
_CAPTION_OPENING = re.compile(
    r"^(?:file\s*[-–—:]?\s*)?in this .{0,80}?\b(?:photo(?:graph)?|image|picture)\b", _I
)
# An excerpt cut short: "... the number of players […", "Windows 10 Update Ass...", "… [...]".
# An ellipsis in angle or round brackets is not one: it is the text's own mark of an elision, as
# a Kremlin transcript ends "<…>" where its published part stops (at any length: 100 words or
# 5,000), so the line is the article's paragraph, not a teaser for another page.
_TRUNCATED = re.compile(r"(?:\[\s*(?:…|\.\.\.)\s*\]|(?<![<(])(?:…|\.\.\.)(?![>)]))\W{0,2}$")
_TITLE_SUFFIX = re.compile(r"\s+(?:[-|–—:·•]|::)\s+")
# What a headline does not end with: a sentence's full stop (before any closing quotes or
# brackets), or the dash of a dateline that leads into the first paragraph ("Kyiv, Ukraine CNN —").
_NOT_HEADLINE_END = re.compile(r"(?:[.。]['’\"”»)\]]*|\s[-–—])$")


@dataclass(frozen=True, slots=True)
class CleanedText:
    """The article body (kept paragraphs joined by a blank line) and what was removed, and why."""

    text: str
    removed: tuple[RemovedSpan, ...]

    def removed_chars(self) -> dict[str, int]:
        """Characters removed per reason, most first."""
        chars: Counter[str] = Counter()
        for span in self.removed:
            chars[span.reason] += len(span.text)
        return dict(chars.most_common())

    @property
    def kept_share(self) -> float:
        """The share of the input's text that was kept, between 0 and 1 (1 for an empty input).

        Counted over the characters of the input's lines, white space around and between them
        left out (the kept lines are joined by a blank line whatever separated them before).
        The headline and its repeats count on neither side: the headline is not lost, it becomes
        the document's title.
        """
        kept = sum(len(paragraph) for paragraph in self.text.split(PARAGRAPH_BREAK)) if self.text else 0
        total = kept + sum(len(span.text) for span in self.removed if span.reason != "title")
        return kept / total if total else 1.0


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int
    text: str  # stripped; raw[start:end] == text
    block: int  # index of the run of lines it belongs to (runs are split by blank lines)


def clean_plain_text(raw: str, title: str | None = None, *, extracted: bool = False) -> CleanedText:
    """Keep the article paragraphs of scraped plain text; drop and record the boilerplate.

    ``title``, when given, removes lines equal to the headline (and "Headline - Site" variants).
    ``extracted`` says the text was already cut out of its page (a JSONL record's ``text``): only
    lines that are chrome by their own wording are removed, none for where they sit.
    Every non-blank line of ``raw`` ends up either in ``text`` (verbatim, stripped) or in
    ``removed`` with offsets into ``raw``.
    """
    lines = _split_lines(raw)
    if not lines:
        return CleanedText(text="", removed=())
    titles = _title_variants(title)
    # A line printed twice is site furniture only on a page, whose header and footer repeat the
    # site's name and section labels; in extracted text a repeat is the article's own ("* * *"
    # between sections, a speaker's "Thank you" twice, a paragraph the source duplicated).
    repeats = Counter() if extracted else Counter(_norm(line.text) for line in lines)
    reasons = [_explicit_reason(line, titles, repeats) for line in lines]
    if not extracted:
        reasons = _page_reasons(lines, reasons)

    kept: list[str] = []
    removed: list[RemovedSpan] = []
    for line, reason in zip(lines, reasons, strict=True):
        if reason is None:
            kept.append(line.text)
        else:
            removed.append(RemovedSpan(line.start, line.end, reason, line.text))
    return CleanedText(text=PARAGRAPH_BREAK.join(kept), removed=tuple(removed))


def _page_reasons(lines: list[_Line], reasons: list[str | None]) -> list[str | None]:
    """The reasons of a scraped page's lines once the body region is known (steps 3-5): lines
    outside it, clusters of short lines and teasers inside it, a comment thread under it."""
    stoplist = _pick_stoplist(lines)
    block_sizes = Counter(line.block for line in lines)
    features = [_prose_features(line.text, stoplist) for line in lines]
    clustered = _short_clusters(lines, features, block_sizes)

    weights = [
        _weight(reason, feat, in_cluster)
        for reason, feat, in_cluster in zip(reasons, features, clustered, strict=True)
    ]
    _discount_headline_lines(weights, reasons, features)
    _add_anchor_bonus(weights, reasons, features)
    thread = _comment_thread_start(reasons, features)
    first, last = _best_region(weights[:thread])
    if last < first:
        # No line reads as finished prose (a one-line transcript cut mid-sentence, a text of a
        # few short sentences): there is no body for anything to be outside of, so every line
        # that is not chrome by its wording or part of a menu counts by its words.
        fallback = [float(feat.words) if reason is None and not in_cluster else weight
                    for weight, reason, feat, in_cluster
                    in zip(weights, reasons, features, clustered, strict=True)]
        first, last = _best_region(fallback[:thread])
    last = min(last, _link_list_start(lines, reasons, features, first, last) - 1)
    listed_from = last + 1
    if last >= first:
        last = _announced_list_end(lines, reasons, last, thread)

    judged: list[str | None] = []
    for index, reason in enumerate(reasons):
        if reason is None:
            inside = first <= index <= last
            if index >= thread:
                reason = "comment-thread"
            elif not inside:
                reason = "navigation" if clustered[index] else "outside-body"
            elif index >= listed_from:
                pass  # an announced list: its items are short lines by nature
            elif clustered[index]:
                reason = "short-line-cluster"
            elif features[index].teaser and features[index].words > TEASER_MIN_WORDS:
                reason = "teaser"
        judged.append(reason)
    return judged


def reads_as_headline(line: str) -> bool:
    """Whether a line can be an article's headline: no full stop at the end, not too long.

    Headlines are written without a final full stop, so a line that ends in one, or runs past
    HEADLINE_MAX_WORDS words, is a paragraph; one that ends in a dash is a dateline.

    >>> reads_as_headline("Velmora to close old ferry pier"), reads_as_headline("The pier closed.")
    (True, False)
    """
    words = _WORD.findall(line)
    return 0 < len(words) <= HEADLINE_MAX_WORDS and not _NOT_HEADLINE_END.search(line.strip())


# --- lines ------------------------------------------------------------------------------------


def _split_lines(raw: str) -> list[_Line]:
    lines: list[_Line] = []
    block = 0
    previous_blank = True
    for match in re.finditer(r"[^\n\r\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85]+", raw):
        segment = match.group(0)
        stripped = segment.strip()
        gap = raw[lines[-1].end : match.start()] if lines else ""
        if not stripped:
            previous_blank = True
            continue
        # A blank line (or more than one line break) between two lines starts a new block.
        if lines and (previous_blank or _count_breaks(gap) > 1):
            block += 1
        previous_blank = False
        lead = len(segment) - len(segment.lstrip())
        start = match.start() + lead
        lines.extend(_cut_glued_chrome(raw, start, start + len(stripped), block))
    return lines


def _cut_glued_chrome(raw: str, start: int, end: int, block: int) -> list[_Line]:
    """The line ``raw[start:end]``, cut into pieces around the live-blog stamps and picture
    credits glued into it, so that each is judged as a line of its own."""
    glued = [*_LIVE_BLOG_STAMP.finditer(raw, start, end), *_GLUED_PICTURE_CREDIT.finditer(raw, start, end)]
    cuts = [start]
    for chrome in sorted(glued, key=lambda m: m.start()):
        if chrome.start() >= cuts[-1]:  # a credit ending where a stamp begins is cut once
            cuts += [chrome.start(), chrome.end()]
    cuts.append(end)
    pieces: list[_Line] = []
    for a, b in zip(cuts, cuts[1:]):
        text = raw[a:b]
        stripped = text.strip()
        if stripped:
            lead = len(text) - len(text.lstrip())
            pieces.append(_Line(a + lead, a + lead + len(stripped), stripped, block))
    return pieces


def _count_breaks(gap: str) -> int:
    return gap.count("\n") + gap.count("\r") - gap.count("\r\n")


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return _SPACES.sub(" ", text).strip().casefold()


def _title_variants(title: str | None) -> frozenset[str]:
    if not title or not title.strip():
        return frozenset()
    full = _norm(title)
    variants = {full}
    # "Headline - Site" / "Site | Headline": the page's <title> often carries the site name.
    parts = _TITLE_SUFFIX.split(full)
    if len(parts) > 1:
        variants.add(max(parts, key=len))  # "Site | Headline" and "Headline - Section - Site"
        variants.add(_TITLE_SUFFIX.split(full, maxsplit=1)[0])  # "Headline: subtitle - Site"
        variants.add(_TITLE_SUFFIX.split(full[::-1], maxsplit=1)[-1][::-1])  # all but the site
    return frozenset(v for v in variants if len(_WORD.findall(v)) >= 2)


# --- classification ---------------------------------------------------------------------------


def _explicit_reason(line: _Line, titles: frozenset[str], repeats: Counter[str]) -> str | None:
    text = line.text
    normed = _norm(text)
    words = _WORD.findall(text)
    if _is_dateline(text, words):
        return "dateline"
    # Unmistakable chrome keeps its own reason even when the caller passed it as the title
    # (a scraped file whose first line is the blog toolbar).
    if _BLOG_CHROME.match(normed) or _LIVE_BLOG_STAMP.fullmatch(text):
        return "site-chrome"
    if normed in titles:
        return "title"
    legal_terms = {m.casefold() for m in _LEGAL_TERMS.findall(text)}
    if len(legal_terms) >= LEGAL_MIN_TERMS and len(words) <= LEGAL_MAX_WORDS:
        return "site-chrome"
    # The credit is at the end of the line: searching its tail only keeps this cheap.
    if len(words) <= CAPTION_MAX_WORDS and (
        _CAPTION_CREDIT.search(text, max(0, len(text) - 120)) or _CAPTION_OPENING.match(text)
    ):
        return "photo-credit"
    # Patterns are for short chrome lines; a long line that happens to start with "Related" or
    # mention cookies is prose, unless the pattern is anchored on both ends and still matches.
    for reason, pattern in _RULES:
        if len(words) > 40 and reason not in ("navigation",):
            continue
        match = pattern.match(normed if reason != "byline" else text)
        if match:
            if reason == "byline" and not match.group("name")[0].isupper():
                continue  # a byline names someone: "By tradition, the ceremony …" is a sentence
            if reason in ("subscribe-prompt", "site-chrome", "photo-credit") and _reads_as_story(
                text, words
            ):
                continue
            if reason == "read-also" and len(words) > 25:
                continue
            return reason
    if _MORE_FROM_SITE.match(text):
        return "read-also"
    if repeats[normed] >= REPEAT_MIN and not _SENTENCE_END.search(text):
        # Short repeats are site furniture; longer ones are the headline printed again.
        return "site-chrome" if len(words) <= REPEAT_MAX_WORDS else "repeated-line"
    return None


def _reads_as_story(text: str, words: list[str]) -> bool:
    """A long sentence that mentions "newsletter" or "cookie" is news, not a prompt."""
    return len(words) >= 20 and bool(_SENTENCE_END.search(text)) and not text.rstrip().endswith(":")


def _is_dateline(text: str, words: list[str]) -> bool:
    if not words or len(words) > 16:
        return False
    if not re.search(rf"\d|\b(?:{_MONTHS})\b", text, _I):
        return False
    has_date = bool(
        re.search(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}:\d{2}", text)
        or (re.search(rf"\b(?:{_MONTHS})\b", text, _I) and re.search(r"\b\d{1,4}\b", text))
        or re.search(r"\b\d+\s*(?:h|m|d|hrs?|hours?|mins?|minutes?|days?)\s+ago\b", text, _I)
    )
    if not has_date:
        return False
    rest = _DATELINE_WORDS.sub(" ", _DATE_TOKEN.sub(" ", text))
    leftover = _WORD.findall(rest)
    return len(leftover) <= 1


@dataclass(frozen=True, slots=True)
class _Features:
    words: int
    stop_density: float | None  # None when the document's language has no stop list
    sentence_end: bool
    titlecase: float
    chars: int
    numeric: float  # share of tokens that are numbers
    teaser: bool  # headline-cased or headline + "CITY:" summary: a link to another article
    truncated: bool  # ends in an ellipsis: an excerpt cut short to link to the full text


def _pick_stoplist(lines: list[_Line]) -> frozenset[str] | None:
    tokens = [w.casefold() for line in lines for w in _WORD.findall(line.text)]
    if not tokens:
        return None
    best_name, best_hits = "", 0
    for name, stops in _STOPWORDS.items():
        hits = sum(1 for token in tokens if token in stops)
        if hits > best_hits:
            best_name, best_hits = name, hits
    if best_hits / len(tokens) < STOPLIST_MIN_COVERAGE:
        return None
    return _STOPWORDS[best_name]


def _prose_features(text: str, stoplist: frozenset[str] | None) -> _Features:
    words = _WORD.findall(text)
    n = len(words)
    density = None
    if stoplist is not None and n:
        density = sum(1 for w in words if w.casefold() in stoplist) / n
    alpha = [w for w in words if w[0].isalpha()]
    titlecase = sum(1 for w in alpha if w[0].isupper()) / len(alpha) if alpha else 0.0
    # Scripts written without spaces (Chinese, Japanese) make one "word" of a whole sentence;
    # count characters instead so a long sentence still reads as long.
    if n and len(text) / n > 20:
        n = max(n, len(text) // 4)
    numeric = sum(1 for w in words if w[0].isdigit()) / len(words) if words else 0.0
    teaser = bool(_INLINE_DATELINE.search(text)) or (
        stoplist is not None and _headline_cased(text, stoplist)
    )
    return _Features(
        n, density, bool(_SENTENCE_END.search(text)), titlecase, len(text), numeric, teaser,
        bool(_TRUNCATED.search(text)),
    )


def _headline_cased(text: str, stoplist: frozenset[str]) -> bool:
    # Look at the opening words only: a teaser is a headline followed by a lower-case summary,
    # and a body sentence may name "The Doobie Brothers" somewhere without being a headline.
    tokens = text.split()[:HEADLINE_WINDOW]
    count = lower = 0
    for position in range(1, len(tokens)):
        token = tokens[position].strip("\"'“”‘’()[],")
        if len(token) < 2 or token.isupper() or token.casefold() not in stoplist:
            continue  # "I", acronyms and shouted words say nothing about headline case
        if not token[0].isupper():
            lower += 1
        elif not _AFTER_BREAK.search(tokens[position - 1]):
            count += 1  # a capital after a full stop or colon is just a sentence start
    return count >= HEADLINE_CASE_MIN_STOPWORDS and count > lower


def _is_prose(feat: _Features) -> bool:
    if feat.words < PROSE_MIN_WORDS:
        return False
    if feat.stop_density is not None:
        if feat.stop_density < STOPWORD_LIST:
            return False
        return feat.stop_density >= STOPWORD_PROSE or (
            feat.sentence_end and feat.titlecase < TITLECASE_RATIO
        )
    return feat.sentence_end or feat.words >= 2 * PROSE_MIN_WORDS


def _is_short(feat: _Features) -> bool:
    return feat.words <= SHORT_MAX_WORDS or (
        not feat.sentence_end and feat.words < PROSE_MIN_WORDS
    )


def _short_clusters(
    lines: list[_Line], features: list[_Features], block_sizes: Counter[int]
) -> list[bool]:
    """Mark short lines that sit in a run of CLUSTER_MIN_LINES or more short lines of one block."""
    flags = [False] * len(lines)
    index = 0
    while index < len(lines):
        end = index
        while (
            end < len(lines)
            and lines[end].block == lines[index].block
            and _is_short(features[end])
            and not _is_prose(features[end])
            and not _is_table_row(features[end])
        ):
            end += 1
        if end - index >= CLUSTER_MIN_LINES:
            for k in range(index, end):
                flags[k] = True
        index = max(end, index + 1)
    return flags


def _is_table_row(feat: _Features) -> bool:
    return feat.words >= 3 and feat.numeric >= TABLE_NUMERIC_RATIO


def _add_anchor_bonus(
    weights: list[float], reasons: list[str | None], features: list[_Features]
) -> None:
    """Favour a body that starts just under an in-page repeat of the headline.

    The headline line itself becomes a wall the body region cannot cross: what sits above a
    headline that has prose under it is the page header (menus, teasers), not the article.
    """
    for index, reason in enumerate(reasons):
        if reason != "title":
            continue
        for k in range(index + 1, min(len(weights), index + 1 + ANCHOR_WINDOW)):
            if reasons[k] == "title":
                break
            if reasons[k] is None and _is_prose(features[k]):
                weights[k] += ANCHOR_BONUS
                weights[index] = -math.inf
                break


def _weight(reason: str | None, feat: _Features, in_cluster: bool) -> float:
    if reason is not None:
        return -END_MARKER_COST if reason in _END_MARKERS else -CHROME_COST
    if in_cluster:
        return -CLUSTER_LINE_COST
    if _is_table_row(feat):
        return 0.0
    if feat.teaser and feat.words > SHORT_MAX_WORDS:
        return -float(feat.words) / 2
    if feat.truncated:
        # Excerpts cut short are teasers for other pages; inside an article (a trailing
        # quotation) they are bridged at no cost, but they never pull the body onto a sidebar.
        return 0.0
    if _is_prose(feat):
        return float(feat.words)
    if feat.stop_density is not None and feat.words > SHORT_MAX_WORDS and feat.stop_density < STOPWORD_LIST:
        # A long line with almost no function words: a flattened menu, tag list or key-value dump.
        return -float(feat.words) / 2
    if feat.sentence_end and feat.words > SHORT_MAX_WORDS and feat.titlecase < TITLECASE_RATIO:
        return float(feat.words) / 2  # a short sentence: weak evidence of body
    return -SHORT_LINE_COST


def _is_headline_like(reason: str | None, feat: _Features) -> bool:
    return (
        reason is None
        and not feat.sentence_end
        and feat.words < UNPUNCTUATED_PROSE_MIN_WORDS
        and _is_prose(feat)
    )


def _discount_headline_lines(
    weights: list[float], reasons: list[str | None], features: list[_Features]
) -> None:
    """Give no weight to sentence-like lines that end without punctuation.

    A list of related headlines written in sentence case reads like prose by its stop words,
    but headlines end without a full stop, so they must not pull the body region onto them.
    Inside an article such lines (subheadings, bullet points) cost nothing and are bridged.
    """
    for index, (reason, feat) in enumerate(zip(reasons, features, strict=True)):
        if index == 0:
            # The first line of a scraped file is its headline; without a ``title`` callers
            # recover it as the body's first line (see clean.cleaner.headline), so it keeps
            # the weight that lets the body region start on it.
            continue
        if _is_headline_like(reason, feat):
            weights[index] = 0.0


def _comment_thread_start(reasons: list[str | None], features: list[_Features]) -> int:
    """Where the reader comments begin (``len(reasons)`` when there are none).

    Comments are prose, often more of it than the article, so a per-line cost cannot stop the
    body region from running into them; a thread is cut off whole instead. A thread is a
    comment marker followed closely by more of them ("3 Comments", "Jane on ... said:",
    "Reply"), under an article that already has some prose: a lone "3 comments" under the
    headline, or a comment form above an article that has not started, cuts nothing.
    """
    marks = [index for index, reason in enumerate(reasons) if reason in _COMMENT_MARKERS]
    prose_words = 0
    position = 0
    for nth, mark in enumerate(marks):
        while position < mark:
            if reasons[position] is None and _is_prose(features[position]):
                prose_words += features[position].words
            position += 1
        followers = [m for m in marks[nth + 1 :] if m - mark <= THREAD_WINDOW]
        if len(followers) + 1 >= THREAD_MIN_MARKS and prose_words >= THREAD_MIN_BODY_WORDS:
            return mark
    return len(reasons)


def _link_list_start(
    lines: list[_Line],
    reasons: list[str | None],
    features: list[_Features],
    first: int,
    last: int,
) -> int:
    """Where a labelled list of other articles ends the body region ``first..last``.

    "More from the site", "Read these next": under the label come headlines, each with a
    one-sentence summary that reads as prose, so the region often runs on through the list;
    it is cut at the label instead. Only a bare label counts ("Read also: <headline>" is an
    inline link, the article goes on), only when headlines follow it, and only once the region
    has some prose above it. Returns ``last + 1`` when nothing is cut.
    """
    prose_words = 0
    for index in range(first, last + 1):
        reason = reasons[index]
        if reason is None and _is_prose(features[index]):
            prose_words += features[index].words
        if reason != "read-also" or prose_words < THREAD_MIN_BODY_WORDS:
            continue
        if features[index].words > LINK_LABEL_MAX_WORDS or ":" in lines[index].text.rstrip(": "):
            continue
        # What follows the label up to the region's end must be a list (headlines, author
        # names, at most one summary line each), not the article resuming after an inline
        # "Related" box, which shows as two paragraphs in a row.
        rest = [k for k in range(index + 1, last + 1) if reasons[k] is None]
        headlines = sum(
            1
            for k in rest
            if features[k].words >= HEADLINE_MIN_WORDS
            and (not features[k].sentence_end or features[k].truncated)
        )
        paragraphs = [
            features[k].sentence_end and _is_prose(features[k]) and not features[k].truncated
            for k in rest
        ]
        resumes = any(a and b for a, b in zip(paragraphs, paragraphs[1:]))
        if headlines >= LINK_LIST_MIN_ITEMS and not resumes:
            return index
    return last + 1


def _announced_list_end(
    lines: list[_Line], reasons: list[str | None], last: int, limit: int
) -> int:
    """Extend the body over a list its last paragraph announces ("Tour dates:", "Here they are:").

    Listings (tour dates, product picks, ingredients) are short lines without sentences that
    the prose scores cannot tell from a menu; the colon ending the body's last line is what
    says they belong to the article. The list runs until the first line that is chrome by its
    wording or a bare label of LIST_LABEL_MAX_WORDS words or fewer (the footer's section names).
    """
    colon = last
    if not lines[colon].text.endswith(":") and colon + 1 < limit and reasons[colon + 1] is None:
        colon += 1
    if not lines[colon].text.endswith(":"):
        return last
    end = colon
    while (
        end + 1 < limit
        and reasons[end + 1] is None
        and len(_WORD.findall(lines[end + 1].text)) > LIST_LABEL_MAX_WORDS
    ):
        end += 1
    return end if end > colon else last


def _best_region(weights: list[float]) -> tuple[int, int]:
    """The contiguous run of lines with the highest total weight (Kadane); (0, -1) if none."""
    best, best_range = 0.0, (0, -1)
    running, start = 0.0, 0
    for index, weight in enumerate(weights):
        if weight == -math.inf:
            running, start = 0.0, index + 1
            continue
        if running <= 0:
            running, start = weight, index
        else:
            running += weight
        if running > best:
            best, best_range = running, (start, index)
    return best_range
