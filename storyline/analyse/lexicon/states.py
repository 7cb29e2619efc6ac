"""The names of the world's states, as news writes them: what tells "sanctions on Iran" from
"sanctions on Russia" (:mod:`storyline.analyse.stance` binds an issue's keyword to the state its
own keywords name).

Lower-case, the short form a reporter uses ("Iran", not "the Islamic Republic of Iran"); a name of
several words is written whole ("north korea"). Capitals and regions are left out on purpose: a
capital stands for its government ("sanctions against Moscow" are sanctions on Russia), and a region
("Crimea", "Donbas") is no party a keyword's target could be confused with.
"""

from __future__ import annotations

STATE_NAMES: frozenset[str] = frozenset({
    # Europe
    "albania", "andorra", "armenia", "austria", "azerbaijan", "belarus", "belgium", "bosnia",
    "bosnia and herzegovina", "bulgaria", "croatia", "cyprus", "czech republic", "czechia", "denmark", "estonia",
    "finland", "france", "georgia", "germany", "greece", "hungary", "iceland", "ireland", "italy", "kosovo",
    "latvia", "liechtenstein", "lithuania", "luxembourg", "malta", "moldova", "monaco", "montenegro",
    "netherlands", "north macedonia", "macedonia", "norway", "poland", "portugal", "romania", "russia",
    "san marino", "serbia", "slovakia", "slovenia", "spain", "sweden", "switzerland", "turkey", "türkiye",
    "ukraine", "united kingdom", "britain", "great britain", "uk", "vatican",
    # Asia and the Middle East
    "afghanistan", "bahrain", "bangladesh", "bhutan", "brunei", "cambodia", "china", "india", "indonesia",
    "iran", "iraq", "israel", "japan", "jordan", "kazakhstan", "kuwait", "kyrgyzstan", "laos", "lebanon",
    "malaysia", "maldives", "mongolia", "myanmar", "burma", "nepal", "north korea", "oman", "pakistan",
    "palestine", "philippines", "qatar", "saudi arabia", "singapore", "south korea", "sri lanka", "syria",
    "taiwan", "tajikistan", "thailand", "timor-leste", "turkmenistan", "united arab emirates", "uae",
    "uzbekistan", "vietnam", "yemen",
    # Africa
    "algeria", "angola", "benin", "botswana", "burkina faso", "burundi", "cameroon", "cape verde", "chad",
    "comoros", "congo", "djibouti", "egypt", "equatorial guinea", "eritrea", "eswatini", "ethiopia", "gabon",
    "gambia", "ghana", "guinea", "guinea-bissau", "ivory coast", "kenya", "lesotho", "liberia", "libya",
    "madagascar", "malawi", "mali", "mauritania", "mauritius", "morocco", "mozambique", "namibia", "niger",
    "nigeria", "rwanda", "senegal", "seychelles", "sierra leone", "somalia", "south africa", "south sudan",
    "sudan", "tanzania", "togo", "tunisia", "uganda", "zambia", "zimbabwe",
    # the Americas
    "argentina", "bahamas", "barbados", "belize", "bolivia", "brazil", "canada", "chile", "colombia",
    "costa rica", "cuba", "dominican republic", "ecuador", "el salvador", "guatemala", "guyana", "haiti",
    "honduras", "jamaica", "mexico", "nicaragua", "panama", "paraguay", "peru", "suriname",
    "trinidad and tobago", "united states", "us", "usa", "america", "uruguay", "venezuela",
    # Oceania
    "australia", "fiji", "kiribati", "new zealand", "papua new guinea", "samoa", "solomon islands", "tonga",
    "vanuatu",
})

# The most words a state's name above has ("trinidad and tobago", "bosnia and herzegovina").
MAX_STATE_NAME_WORDS = 3
