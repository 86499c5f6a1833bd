"""Where places are: the cities of each State where meetings are held (its capital, and the other cities
that host United Nations meetings), so that a question that names a country reaches the paragraph that
names the city ("meetings in Qatar": "held ... in Doha"), and a country the corpus names only through
its cities is not taken for a place it never mentions. A data table, not a rule for any one text."""

from __future__ import annotations

import re

# the points of the compass, as people name a part of the world with them ("governments in the East"): the texts
# print the adjective ("eastern Africa")
COMPASS_POINTS = frozenset({"east", "west", "north", "south"})

# State (as UN documents print it, short form) -> cities, the capital first.
CITIES = {
    "Afghanistan": "Kabul", "Albania": "Tirana", "Algeria": "Algiers", "Andorra": "Andorra la Vella",
    "Angola": "Luanda", "Antigua and Barbuda": "Saint John's", "Argentina": "Buenos Aires", "Armenia": "Yerevan",
    "Australia": "Canberra|Sydney|Melbourne", "Austria": "Vienna", "Azerbaijan": "Baku", "Bahamas": "Nassau",
    "Bahrain": "Manama", "Bangladesh": "Dhaka", "Barbados": "Bridgetown", "Belarus": "Minsk",
    "Belgium": "Brussels", "Belize": "Belmopan", "Benin": "Porto-Novo|Cotonou", "Bhutan": "Thimphu",
    "Bolivia": "La Paz|Sucre", "Bosnia and Herzegovina": "Sarajevo", "Botswana": "Gaborone",
    "Brazil": "Brasilia|Brasília|Rio de Janeiro|Sao Paulo", "Brunei Darussalam": "Bandar Seri Begawan",
    "Bulgaria": "Sofia", "Burkina Faso": "Ouagadougou", "Burundi": "Bujumbura", "Cabo Verde": "Praia",
    "Cambodia": "Phnom Penh", "Cameroon": "Yaounde|Yaoundé", "Canada": "Ottawa|Montreal|Toronto",
    "Central African Republic": "Bangui", "Chad": "N'Djamena", "Chile": "Santiago", "China": "Beijing|Shanghai",
    "Colombia": "Bogota|Bogotá|Cartagena", "Comoros": "Moroni", "Congo": "Brazzaville", "Costa Rica": "San Jose|San José",
    "Côte d’Ivoire": "Yamoussoukro|Abidjan", "Croatia": "Zagreb", "Cuba": "Havana", "Cyprus": "Nicosia",
    "Czechia": "Prague", "Democratic People’s Republic of Korea": "Pyongyang",
    "Democratic Republic of the Congo": "Kinshasa", "Denmark": "Copenhagen", "Djibouti": "Djibouti",
    "Dominica": "Roseau", "Dominican Republic": "Santo Domingo", "Ecuador": "Quito", "Egypt": "Cairo|Sharm el-Sheikh",
    "El Salvador": "San Salvador", "Equatorial Guinea": "Malabo", "Eritrea": "Asmara", "Estonia": "Tallinn",
    "Eswatini": "Mbabane", "Ethiopia": "Addis Ababa", "Fiji": "Suva", "Finland": "Helsinki",
    "France": "Paris|Strasbourg", "Gabon": "Libreville", "Gambia": "Banjul", "Georgia": "Tbilisi",
    "Germany": "Berlin|Bonn", "Ghana": "Accra", "Greece": "Athens", "Grenada": "Saint George's",
    "Guatemala": "Guatemala City", "Guinea": "Conakry", "Guinea-Bissau": "Bissau", "Guyana": "Georgetown",
    "Haiti": "Port-au-Prince", "Honduras": "Tegucigalpa", "Hungary": "Budapest", "Iceland": "Reykjavik",
    "India": "New Delhi|Delhi|Mumbai", "Indonesia": "Jakarta|Bali", "Iran": "Tehran", "Iraq": "Baghdad",
    "Ireland": "Dublin", "Israel": "Jerusalem|Tel Aviv", "Italy": "Rome|Turin|Florence", "Jamaica": "Kingston",
    "Japan": "Tokyo|Kyoto|Osaka|Hiroshima", "Jordan": "Amman", "Kazakhstan": "Astana|Almaty", "Kenya": "Nairobi",
    "Kiribati": "Tarawa", "Kuwait": "Kuwait City", "Kyrgyzstan": "Bishkek", "Lao People’s Democratic Republic": "Vientiane",
    "Latvia": "Riga", "Lebanon": "Beirut", "Lesotho": "Maseru", "Liberia": "Monrovia", "Libya": "Tripoli",
    "Liechtenstein": "Vaduz", "Lithuania": "Vilnius", "Luxembourg": "Luxembourg", "Madagascar": "Antananarivo",
    "Malawi": "Lilongwe", "Malaysia": "Kuala Lumpur", "Maldives": "Male|Malé", "Mali": "Bamako", "Malta": "Valletta",
    "Marshall Islands": "Majuro", "Mauritania": "Nouakchott", "Mauritius": "Port Louis",
    "Mexico": "Mexico City|Monterrey|Cancun|Cancún", "Micronesia": "Palikir", "Monaco": "Monaco",
    "Mongolia": "Ulaanbaatar|Ulan Bator", "Montenegro": "Podgorica", "Morocco": "Rabat|Marrakech|Marrakesh|Casablanca",
    "Mozambique": "Maputo", "Myanmar": "Naypyidaw|Yangon|Rangoon", "Namibia": "Windhoek", "Nauru": "Yaren",
    "Nepal": "Kathmandu", "Netherlands": "Amsterdam|The Hague", "New Zealand": "Wellington|Auckland",
    "Nicaragua": "Managua", "Niger": "Niamey", "Nigeria": "Abuja|Lagos", "North Macedonia": "Skopje",
    "Norway": "Oslo", "Oman": "Muscat", "Pakistan": "Islamabad|Karachi|Lahore", "Palau": "Ngerulmud",
    "Panama": "Panama City", "Papua New Guinea": "Port Moresby", "Paraguay": "Asuncion|Asunción", "Peru": "Lima",
    "Philippines": "Manila", "Poland": "Warsaw|Katowice", "Portugal": "Lisbon", "Qatar": "Doha",
    "Republic of Korea": "Seoul|Busan", "Republic of Moldova": "Chisinau", "Romania": "Bucharest",
    "Russian Federation": "Moscow|Saint Petersburg", "Rwanda": "Kigali", "Saint Kitts and Nevis": "Basseterre",
    "Saint Lucia": "Castries", "Saint Vincent and the Grenadines": "Kingstown", "Samoa": "Apia",
    "San Marino": "San Marino", "Sao Tome and Principe": "Sao Tome", "Saudi Arabia": "Riyadh|Jeddah",
    "Senegal": "Dakar", "Serbia": "Belgrade", "Sierra Leone": "Freetown",
    "Singapore": "Singapore", "Slovakia": "Bratislava", "Slovenia": "Ljubljana", "Solomon Islands": "Honiara",
    "Somalia": "Mogadishu", "South Africa": "Pretoria|Cape Town|Johannesburg|Durban", "South Sudan": "Juba",
    "Spain": "Madrid|Barcelona|Seville", "Sri Lanka": "Colombo", "Sudan": "Khartoum", "Suriname": "Paramaribo",
    "Sweden": "Stockholm", "Switzerland": "Bern|Geneva", "Syrian Arab Republic": "Damascus",
    "Tajikistan": "Dushanbe", "Thailand": "Bangkok", "Timor-Leste": "Dili", "Togo": "Lome|Lomé",
    "Tonga": "Nuku'alofa", "Trinidad and Tobago": "Port of Spain", "Tunisia": "Tunis", "Türkiye": "Ankara|Istanbul",
    "Turkmenistan": "Ashgabat", "Tuvalu": "Funafuti", "Uganda": "Kampala", "Ukraine": "Kyiv|Kiev",
    "United Arab Emirates": "Abu Dhabi|Dubai", "United Kingdom": "London|Edinburgh",
    "United Republic of Tanzania": "Dodoma|Dar es Salaam|Arusha", "United States of America": "Washington|New York",
    "Uruguay": "Montevideo", "Uzbekistan": "Tashkent", "Vanuatu": "Port Vila", "Venezuela": "Caracas",
    "Viet Nam": "Hanoi|Ho Chi Minh City", "Yemen": "Sana'a|Sanaa", "Zambia": "Lusaka", "Zimbabwe": "Harare",
}
# The names people type for a State that its UN short form does not start with.
ALSO_CALLED = {
    "Czech Republic": "Czechia", "Turkey": "Türkiye", "Swaziland": "Eswatini", "Cape Verde": "Cabo Verde",
    "Ivory Coast": "Côte d’Ivoire", "Vietnam": "Viet Nam", "Laos": "Lao People’s Democratic Republic",
    "Syria": "Syrian Arab Republic", "Tanzania": "United Republic of Tanzania", "Moldova": "Republic of Moldova",
    "Russia": "Russian Federation", "South Korea": "Republic of Korea", "Korea": "Republic of Korea",
    "North Korea": "Democratic People’s Republic of Korea", "UK": "United Kingdom", "Britain": "United Kingdom",
    "USA": "United States of America", "United States": "United States of America", "Holland": "Netherlands",
    "Macedonia": "North Macedonia", "Burma": "Myanmar", "East Timor": "Timor-Leste", "Brunei": "Brunei Darussalam",
    "Bolivia (Plurinational State of)": "Bolivia", "Iran (Islamic Republic of)": "Iran",
    "Venezuela (Bolivarian Republic of)": "Venezuela",
}

_STATES = {name.lower(): name for name in CITIES} | {alias.lower(): state for alias, state in ALSO_CALLED.items()}
_STATE_NAME = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, _STATES), key=len, reverse=True))
                         + r")(?![\w-])", re.I)


# the adjectives of States that no rule derives from their names
_DEMONYMS = {"swiss": "Switzerland", "french": "France", "dutch": "Netherlands", "british": "United Kingdom",
             "thai": "Thailand", "filipino": "Philippines", "philippine": "Philippines", "peruvian": "Peru",
             "argentine": "Argentina", "turkish": "Turkey", "danish": "Denmark", "swedish": "Sweden",
             "finnish": "Finland", "norwegian": "Norway", "greek": "Greece", "emirati": "United Arab Emirates",
             "saudi": "Saudi Arabia", "afghan": "Afghanistan", "uzbek": "Uzbekistan", "kazakh": "Kazakhstan",
             "tajik": "Tajikistan", "kyrgyz": "Kyrgyzstan", "turkmen": "Turkmenistan", "polish": "Poland",
             "spanish": "Spain", "irish": "Ireland", "welsh": "United Kingdom", "scottish": "United Kingdom",
             "vietnamese": "Viet Nam", "lao": "Laos", "burmese": "Myanmar", "malagasy": "Madagascar",
             "belgian": "Belgium", "german": "Germany", "american": "United States", "mexican": "Mexico",
             "chinese": "China", "japanese": "Japan", "portuguese": "Portugal", "icelandic": "Iceland",
             "nigerian": "Nigeria", "dominican": "Dominican Republic", "lebanese": "Lebanon", "congolese": "Congo",
             "slovak": "Slovakia"}
_DEMONYM_ENDS = ("ian", "ean", "an", "n", "i", "ese", "ish", "er")


def state_of_demonym(word: str) -> str | None:
    """The State a word of its people names ("Iranian" -> "Iran", "Pakistani" -> "Pakistan", "Austrian" ->
    "Austria", "Swiss" -> "Switzerland"), as people type it; None for any other word."""
    low = word.lower()
    if low in _DEMONYMS:
        return _DEMONYMS[low]
    for end in _DEMONYM_ENDS:
        if low.endswith(end) and len(low) - len(end) >= 3:
            base = low[:-len(end)]
            # (the longest State first: "Nigerian" is of Nigeria, not Niger)
            for state in (base + "a", base + "o", base + "e", base + "y", base):
                if state in _STATES:
                    return _STATES[state]
    return None


def cities_of(state: str) -> list[str]:
    """The cities of a State named as people type it ("Qatar", "Turkey", "the UK"); [] for anything else."""
    name = _STATES.get(state.strip().lower())
    return CITIES[name].split("|") if name else []


def state_name(typed: str) -> str | None:
    """The UN short name of a State as people type it ("Russia" -> "Russian Federation"); None if not one."""
    return _STATES.get(typed.strip().lower())


def states_named(text: str) -> list[str]:
    """The States a text names, as it names them, in order."""
    out = []
    for m in _STATE_NAME.finditer(text):
        if m.group(1) not in out:
            out.append(m.group(1))
    return out


# every town the gazetteer knows, lower case
TOWNS = frozenset(city.lower() for cities in CITIES.values() for city in cities.split("|"))
_STATE_OF_TOWN = {city.lower(): state for state, cities in CITIES.items() for city in cities.split("|")}
_TOWN_RE = re.compile(r"(?<![\w-])(" + "|".join(sorted((re.escape(c) for cities in CITIES.values()
                                                           for c in cities.split("|")), key=len, reverse=True))
                      + r")(?![\w-])")


def state_of_town(town: str) -> str | None:
    """The State a town of the gazetteer is in ("Zagreb" -> "Croatia"); None for any other word."""
    return _STATE_OF_TOWN.get(town.strip().lower())


def towns_in(text: str) -> list[str]:
    """The towns of the gazetteer a text names, as printed ("held at Durban": ["Durban"])."""
    return list(dict.fromkeys(m.group(1) for m in _TOWN_RE.finditer(text)))


def states_through_towns(text: str) -> list[str]:
    """The States whose towns a text names ("held in Islamabad ... and in Doha": Pakistan, Qatar)."""
    out = []
    for m in _TOWN_RE.finditer(text):
        state = _STATE_OF_TOWN[m.group(1).lower()]
        if state not in out:
            out.append(state)
    return out


# The seats of the regional and international organizations resolutions speak of: people name a body by its
# seat ("did Brussels have a hand in it?": the European Union, its Commission; "Addis Ababa's court plans":
# the African Union). A data table of public facts, as CITIES is; not the seats that are States ("Luxembourg")
# or that people name for a State's government ("Washington").
SEATS = {
    "Brussels": "European Union|European Commission", "Strasbourg": "Council of Europe|European Court of Human Rights",
    "Addis Ababa": "African Union",
    "Banjul": "African Commission on Human and Peoples' Rights",
    "Arusha": "African Court on Human and Peoples' Rights|East African Community",
    "San José": "Inter-American Court of Human Rights", "San Jose": "Inter-American Court of Human Rights",
    "Cairo": "League of Arab States", "Jakarta": "Association of Southeast Asian Nations",
    "Vienna": "Organization for Security and Cooperation in Europe",
    "Warsaw": "Office for Democratic Institutions and Human Rights", "Suva": "Pacific Islands Forum",
    "Jeddah": "Organization of Islamic Cooperation", "The Hague": "International Criminal Court",
    "Kathmandu": "South Asian Association for Regional Cooperation",
    "Gaborone": "Southern African Development Community", "Abuja": "Economic Community of West African States",
}
_THING_THERE = (r"(?:meetings?|workshops?|conferences?|seminars?|summits?|sessions?|talks|dialogues?|forums?|"
                r"gatherings?|events?|declarations?|process|rounds?|consultations?|symposi(?:um|a)|resolutions?|drafts?|"
                r"texts?|decisions?|documents?)\b")
# a seat named as the place where something is or happens ("held in Brussels", "a workshop at Cairo"), not
# the body there
_AT_A_PLACE = re.compile(r"\b(?:in|at|near|around|outside|inside|to|from|into|via|across|between)\s+(?:the\s+)?$",
                         re.I)
# the town itself asked about ("is Cairo mentioned?")
_TOWN_ITSELF = re.compile(r"\b(?:mention(?:s|ed)?|named?|cited|appears?|refer(?:s|red)? to)\b", re.I)


def seats_for_bodies(text: str) -> dict[str, list[str]]:
    """The seats `text` names for the bodies there, not as places ("isn't it true Brussels had a hand in it?"
    -> {"Brussels": ["European Union", "European Commission"]}; "a meeting in Brussels" -> {})."""
    out: dict[str, list[str]] = {}
    if _TOWN_ITSELF.search(text):
        return out
    for m in _SEAT.finditer(text):
        if m.group(1) not in out and not _AT_A_PLACE.search(text[:m.start()]):
            out[m.group(1)] = SEATS[m.group(1)].split("|")
    return out


# (not a name it begins, "the Vienna Declaration", nor an event or a text of there: "the Brussels meeting",
# "the Strasbourg resolution")
_SEAT = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, SEATS), key=len, reverse=True))
                   + rf")(?![\w-])(?!\s+[A-Z])(?!\s+{_THING_THERE})")
