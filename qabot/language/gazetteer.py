"""Names the answer-type checks look for: the Member States of the United Nations as UN documents
print them (short forms), so "which country ..." can prefer paragraphs that name one."""

from __future__ import annotations

import re

MEMBER_STATES = """Afghanistan|Albania|Algeria|Andorra|Angola|Antigua and Barbuda|Argentina|Armenia|Australia|Austria|
Azerbaijan|Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|Bosnia and Herzegovina|
Botswana|Brazil|Brunei Darussalam|Bulgaria|Burkina Faso|Burundi|Cabo Verde|Cape Verde|Cambodia|Cameroon|Canada|
Central African Republic|Chad|Chile|China|Colombia|Comoros|Congo|Costa Rica|Côte d’Ivoire|Croatia|Cuba|Cyprus|Czechia|
Czech Republic|Democratic People’s Republic of Korea|Democratic Republic of the Congo|Denmark|Djibouti|Dominica|
Dominican Republic|Ecuador|Egypt|El Salvador|Equatorial Guinea|Eritrea|Estonia|Eswatini|Swaziland|Ethiopia|Fiji|Finland|
France|Gabon|Gambia|Georgia|Germany|Ghana|Greece|Grenada|Guatemala|Guinea|Guinea-Bissau|Guyana|Haiti|Honduras|Hungary|
Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|Jamaica|Japan|Jordan|Kazakhstan|Kenya|Kiribati|Kuwait|
Kyrgyzstan|Lao People’s Democratic Republic|Latvia|Lebanon|Lesotho|Liberia|Libya|Libyan Arab Jamahiriya|Liechtenstein|
Lithuania|Luxembourg|Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|Marshall Islands|Mauritania|Mauritius|Mexico|
Micronesia|Monaco|Mongolia|Montenegro|Morocco|Mozambique|Myanmar|Namibia|Nauru|Nepal|Netherlands|New Zealand|Nicaragua|
Niger|Nigeria|North Macedonia|Norway|Oman|Pakistan|Palau|Panama|Papua New Guinea|Paraguay|Peru|Philippines|Poland|
Portugal|Qatar|Republic of Korea|Republic of Moldova|Romania|Russian Federation|Rwanda|Saint Kitts and Nevis|
Saint Lucia|Saint Vincent and the Grenadines|Samoa|San Marino|Sao Tome and Principe|Saudi Arabia|Senegal|Serbia|
Seychelles|Sierra Leone|Singapore|Slovakia|Slovenia|Solomon Islands|Somalia|South Africa|South Sudan|Spain|Sri Lanka|
Sudan|Suriname|Sweden|Switzerland|Syrian Arab Republic|Tajikistan|Thailand|Timor-Leste|Togo|Tonga|Trinidad and Tobago|
Tunisia|Türkiye|Turkey|Turkmenistan|Tuvalu|Uganda|Ukraine|United Arab Emirates|United Kingdom|United Republic of Tanzania|
United States of America|United States|Uruguay|Uzbekistan|Vanuatu|Venezuela|Viet Nam|Yemen|Zambia|Zimbabwe|Yugoslavia|
Serbia and Montenegro|The former Yugoslav Republic of Macedonia"""

STATE_RE = re.compile(r"\b(?:" + "|".join(re.escape(n.strip()) for n in MEMBER_STATES.replace("\n", "").split("|")
                                          if n.strip()) + r")\b")


# Every name starts with a capitalised word ("Guinea" of "Guinea-Bissau", "Côte" of "Côte d’Ivoire"): a State can
# only be named where such a word starts (STATE_RE, a 190-way alternation, tried at every character of a long text
# costs 130 µs an abstract; tried where a first word stands, 25 µs)
_FIRST_WORDS = frozenset(re.match(r"\w+", n.strip()).group(0) for n in MEMBER_STATES.replace("\n", "").split("|")
                         if n.strip())
_CAPITALISED = re.compile(r"\b[A-Z]\w*")


def first_state(text: str) -> re.Match | None:
    """STATE_RE.search(text), the same match, found faster."""
    for word in _CAPITALISED.finditer(text):
        if word.group(0) in _FIRST_WORDS:
            found = STATE_RE.match(text, word.start())
            if found:
                return found
    return None
