"""Words people type and the words UN resolutions print for them: acronyms ("GA", "OHCHR"), the other
ways documents of other years write a name, and note-taking shorthand ("res", "mtg"). The plain words of
everyday English for the formal register of the texts are in register.py.
"""

from __future__ import annotations

# Acronyms people type and the words documents print.
ACRONYMS = {
    "ohchr": "Office of the High Commissioner for Human Rights",
    "un": "United Nations",
    "ga": "General Assembly",
    "unga": "General Assembly",
    "chr": "Commission on Human Rights",
    "hrc": "Human Rights Council",
    "sg": "Secretary-General",
    "hc": "High Commissioner",
    # the field's own shorthand in briefing notes: "HR" for human rights, "TC" for technical cooperation,
    # "A-P" / "AP" for the Asian and Pacific region
    "hr": "human rights",
    "tc": "technical cooperation",
    "a-p": "Asia-Pacific",
    "ngo": "non-governmental organization",
    "ngos": "non-governmental organizations",
    "nhri": "national human rights institution",
    "nhris": "national human rights institutions",
    "ecosoc": "Economic and Social Council",
    "osce": "Organization for Security and Cooperation in Europe",
    "au": "African Union",
    "oas": "Organization of American States",
    "eu": "European Union",
    "asia-pacific": "Asian and Pacific",
    "asia pacific": "Asian and Pacific",
    # instruments and bodies resolutions spell out
    "udhr": "Universal Declaration of Human Rights",
    "iccpr": "International Covenant on Civil and Political Rights",
    "icescr": "International Covenant on Economic, Social and Cultural Rights",
    "cedaw": "Convention on the Elimination of All Forms of Discrimination against Women",
    "crc": "Convention on the Rights of the Child",
    "icerd": "International Convention on the Elimination of All Forms of Racial Discrimination",
    "undp": "United Nations Development Programme",
    "unhcr": "United Nations High Commissioner for Refugees",
    "unicef": "United Nations Children's Fund",
    "unesco": "United Nations Educational, Scientific and Cultural Organization",
    "ilo": "International Labour Organization",
    "asean": "Association of South-East Asian Nations",
    "saarc": "South Asian Association for Regional Cooperation",
    "oic": "Organization of the Islamic Conference",
    "las": "League of Arab States",
    "ecowas": "Economic Community of West African States",
}
# other ways documents of other years write them (the absent-name check accepts any)
ALSO_SPELLED = {
    "asean": ["Association of Southeast Asian Nations"],
    "oic": ["Organization of Islamic Cooperation"],
    "icerd": ["Convention on the Elimination of All Forms of Racial Discrimination"],
}

# Note-taking shorthand for the words documents print ("the 2004 GA res", "at which plenary mtg"); not
# inside a symbol ("A/RES/57/210")
SHORTHAND = {"res": "resolution", "reso": "resolution", "resos": "resolutions", "resn": "resolution",
             "mtg": "meeting", "mtgs": "meetings", "govt": "government", "govts": "governments",
             "intl": "international", "int'l": "international", "natl": "national", "sess": "session",
             "cttee": "committee", "ctee": "committee", "cttees": "committees", "rpt": "report", "rept": "report",
             "ppl": "people", "ppls": "peoples", "govs": "governments", "orgs": "organizations", "org": "organization",
             # chat shorthand for the words that say what a question is about (language/topic.py)
             "abt": "about", "re:": "about", "wrt": "about", "w.r.t": "about",
             # chat shorthand for the words around it ("a session w/ civil society folks b4 the gathering")
             "b4": "before", "w/": "with", "w/o": "without", "smth": "something",
             "thru": "through", "yr": "year", "yrs": "years", "pls": "please", "plz": "please", "b/c": "because",
             "coop": "cooperation", "info": "information", "dept": "department", "approx": "approximately",
             # text-speak
             "evry1": "everyone", "every1": "everyone", "any1": "anyone", "some1": "someone", "wat": "what",
             "wats": "what's", "rsltn": "resolution", "rsltns": "resolutions", "reslution": "resolution",
             "intergov": "intergovernmental",
             # a region as chat shortens it
             "asia pac": "Asia-Pacific", "asia-pac": "Asia-Pacific", "apac": "Asia-Pacific"}
