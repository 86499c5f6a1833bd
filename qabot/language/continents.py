"""Each name of gazetteer.MEMBER_STATES mapped to its continent as the United Nations geoscheme (M49)
places it, so that "which African countries ...?" can be checked against the States a paragraph names;
ADJECTIVES says which continents an adjective such as "african" or "pacific" covers."""

from __future__ import annotations

CONTINENTS: dict[str, str] = {
    # Africa (Northern Africa and Sub-Saharan Africa), with the older names Cape Verde, Swaziland and
    # Libyan Arab Jamahiriya
    "Algeria": "Africa", "Angola": "Africa", "Benin": "Africa", "Botswana": "Africa",
    "Burkina Faso": "Africa", "Burundi": "Africa", "Cabo Verde": "Africa", "Cape Verde": "Africa",
    "Cameroon": "Africa", "Central African Republic": "Africa", "Chad": "Africa", "Comoros": "Africa",
    "Congo": "Africa", "Côte d’Ivoire": "Africa", "Democratic Republic of the Congo": "Africa",
    "Djibouti": "Africa", "Egypt": "Africa", "Equatorial Guinea": "Africa", "Eritrea": "Africa",
    "Eswatini": "Africa", "Swaziland": "Africa", "Ethiopia": "Africa", "Gabon": "Africa", "Gambia": "Africa",
    "Ghana": "Africa", "Guinea": "Africa", "Guinea-Bissau": "Africa", "Kenya": "Africa", "Lesotho": "Africa",
    "Liberia": "Africa", "Libya": "Africa", "Libyan Arab Jamahiriya": "Africa", "Madagascar": "Africa",
    "Malawi": "Africa", "Mali": "Africa", "Mauritania": "Africa", "Mauritius": "Africa", "Morocco": "Africa",
    "Mozambique": "Africa", "Namibia": "Africa", "Niger": "Africa", "Nigeria": "Africa", "Rwanda": "Africa",
    "Sao Tome and Principe": "Africa", "Senegal": "Africa", "Seychelles": "Africa", "Sierra Leone": "Africa",
    "Somalia": "Africa", "South Africa": "Africa", "South Sudan": "Africa", "Sudan": "Africa",
    "Togo": "Africa", "Tunisia": "Africa", "Uganda": "Africa", "United Republic of Tanzania": "Africa",
    "Zambia": "Africa", "Zimbabwe": "Africa",
    # Americas (Latin America and the Caribbean, Northern America)
    "Antigua and Barbuda": "Americas", "Argentina": "Americas", "Bahamas": "Americas", "Barbados": "Americas",
    "Belize": "Americas", "Bolivia": "Americas", "Brazil": "Americas", "Canada": "Americas",
    "Chile": "Americas", "Colombia": "Americas", "Costa Rica": "Americas", "Cuba": "Americas",
    "Dominica": "Americas", "Dominican Republic": "Americas", "Ecuador": "Americas",
    "El Salvador": "Americas", "Grenada": "Americas", "Guatemala": "Americas", "Guyana": "Americas",
    "Haiti": "Americas", "Honduras": "Americas", "Jamaica": "Americas", "Mexico": "Americas",
    "Nicaragua": "Americas", "Panama": "Americas", "Paraguay": "Americas", "Peru": "Americas",
    "Saint Kitts and Nevis": "Americas", "Saint Lucia": "Americas",
    "Saint Vincent and the Grenadines": "Americas", "Suriname": "Americas", "Trinidad and Tobago": "Americas",
    "United States of America": "Americas", "United States": "Americas", "Uruguay": "Americas",
    "Venezuela": "Americas",
    # Asia (Central, Eastern, South-eastern, Southern and Western Asia): M49 puts Cyprus, Türkiye/Turkey,
    # Armenia, Azerbaijan, Georgia and Israel in Western Asia and Kazakhstan in Central Asia
    "Afghanistan": "Asia", "Armenia": "Asia", "Azerbaijan": "Asia", "Bahrain": "Asia", "Bangladesh": "Asia",
    "Bhutan": "Asia", "Brunei Darussalam": "Asia", "Cambodia": "Asia", "China": "Asia", "Cyprus": "Asia",
    "Democratic People’s Republic of Korea": "Asia", "Georgia": "Asia", "India": "Asia", "Indonesia": "Asia",
    "Iran": "Asia", "Iraq": "Asia", "Israel": "Asia", "Japan": "Asia", "Jordan": "Asia", "Kazakhstan": "Asia",
    "Kuwait": "Asia", "Kyrgyzstan": "Asia", "Lao People’s Democratic Republic": "Asia", "Lebanon": "Asia",
    "Malaysia": "Asia", "Maldives": "Asia", "Mongolia": "Asia", "Myanmar": "Asia", "Nepal": "Asia",
    "Oman": "Asia", "Pakistan": "Asia", "Philippines": "Asia", "Qatar": "Asia", "Republic of Korea": "Asia",
    "Saudi Arabia": "Asia", "Singapore": "Asia", "Sri Lanka": "Asia", "Syrian Arab Republic": "Asia",
    "Tajikistan": "Asia", "Thailand": "Asia", "Timor-Leste": "Asia", "Türkiye": "Asia", "Turkey": "Asia",
    "Turkmenistan": "Asia", "United Arab Emirates": "Asia", "Uzbekistan": "Asia", "Viet Nam": "Asia",
    "Yemen": "Asia",
    # Europe (Eastern, Northern, Southern and Western Europe), the Russian Federation included, with the older
    # names Czech Republic, Yugoslavia, Serbia and Montenegro and The former Yugoslav Republic of Macedonia
    "Albania": "Europe", "Andorra": "Europe", "Austria": "Europe", "Belarus": "Europe", "Belgium": "Europe",
    "Bosnia and Herzegovina": "Europe", "Bulgaria": "Europe", "Croatia": "Europe", "Czechia": "Europe",
    "Czech Republic": "Europe", "Denmark": "Europe", "Estonia": "Europe", "Finland": "Europe",
    "France": "Europe", "Germany": "Europe", "Greece": "Europe", "Hungary": "Europe", "Iceland": "Europe",
    "Ireland": "Europe", "Italy": "Europe", "Latvia": "Europe", "Liechtenstein": "Europe",
    "Lithuania": "Europe", "Luxembourg": "Europe", "Malta": "Europe", "Monaco": "Europe",
    "Montenegro": "Europe", "Netherlands": "Europe", "North Macedonia": "Europe", "Norway": "Europe",
    "Poland": "Europe", "Portugal": "Europe", "Republic of Moldova": "Europe", "Romania": "Europe",
    "Russian Federation": "Europe", "San Marino": "Europe", "Serbia": "Europe", "Slovakia": "Europe",
    "Slovenia": "Europe", "Spain": "Europe", "Sweden": "Europe", "Switzerland": "Europe", "Ukraine": "Europe",
    "United Kingdom": "Europe", "Yugoslavia": "Europe", "Serbia and Montenegro": "Europe",
    "The former Yugoslav Republic of Macedonia": "Europe",
    # Oceania (Australia and New Zealand, Melanesia, Micronesia, Polynesia)
    "Australia": "Oceania", "Fiji": "Oceania", "Kiribati": "Oceania", "Marshall Islands": "Oceania",
    "Micronesia": "Oceania", "Nauru": "Oceania", "New Zealand": "Oceania", "Palau": "Oceania",
    "Papua New Guinea": "Oceania", "Samoa": "Oceania", "Solomon Islands": "Oceania", "Tonga": "Oceania",
    "Tuvalu": "Oceania", "Vanuatu": "Oceania",
}

# Lower-case adjectives and the continents (M49 regions) they cover
ADJECTIVES: dict[str, tuple[str, ...]] = {
    "african": ("Africa",),
    "asian": ("Asia",),
    "european": ("Europe",),
    "american": ("Americas",),
    "latin american": ("Americas",),
    "caribbean": ("Americas",),
    "south american": ("Americas",),
    "north american": ("Americas",),
    "central american": ("Americas",),
    "pacific": ("Oceania", "Asia"),
    "asia-pacific": ("Asia", "Oceania"),
    "oceanian": ("Oceania",),
}


def continent_of(state: str) -> str | None:
    """The continent (M49) of a name of gazetteer.MEMBER_STATES, or None for a name not there."""
    return CONTINENTS.get(state)
