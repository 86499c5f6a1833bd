"""The distinct subjects of human-rights work: groups of people and themes that the United Nations
treats as subjects of their own (each has its own mandate, treaty or office), though their words lie
close together in an embedding space ("refugees" and "migrants" 0.78, "LGBT" and "gender",
"indigenous" and "minorities"). A word of one subject never stands in for a word of another: a question
about refugees is not answered by a paragraph on migrant workers, and a corpus that speaks of migrants
only does not speak of refugees. Words of one group are the same subject ("kids" and "children",
"religion" and "religious"). A data table of the system's thematic mandates, not a rule for any one text;
words of no group are left to the embedding. Words that ordinary questions use about anything, or in idioms
("online", "activists" (of civil society as often as defenders), "poor countries", "in good faith", "the media", "an environment of", "water down", "in the
current climate", "financial health", "food for thought", "detained" as held up) are left out; words are
matched whole, never by stem ("minority" is not "minor", "ageing" not "age")."""

from __future__ import annotations

import functools

SUBJECTS = """refugee refugees asylum
displaced displacement idp idps
migrant migrants migration immigrant immigrants immigration emigrant emigrants emigration
stateless statelessness
indigenous aboriginal tribal
minority minorities
disability disabilities disabled handicapped
elderly ageing aging pensioners
child children childhood kids infants juvenile juveniles
women woman gender feminist sexism
lgbt lgbti lgbtq lgbtqi gay gays lesbian lesbians bisexual transgender intersex homosexual homosexuality queer
journalist journalists
defenders
torture tortured torturing
detention detainees prisoners prison prisons incarceration jail jails jailed
disappearance disappearances
trafficking trafficked traffickers
slavery slaves servitude
racism racial racist xenophobia
religion religions religious worship
hunger famine starvation nutrition
sanitation
homeless homelessness
healthcare diseases
pollution ecological
terrorism terrorist terrorists
mercenaries mercenary
poverty destitution
corporations
privacy surveillance
cyber cybercrime cybersecurity
albinism albinos
leprosy"""


@functools.lru_cache(maxsize=1)
def _subject_of() -> dict[str, int]:
    out: dict[str, int] = {}
    for number, line in enumerate(SUBJECTS.splitlines()):
        for word in line.split():
            out[word] = number
    return out


def words_of(group: int) -> list[str]:
    """The words of a subject group, as the table writes them."""
    return SUBJECTS.splitlines()[group].split()


def subject(word: str) -> int | None:
    """The subject group a word names, if any: matched as a whole word, lower case ("minority", not "minor";
    "housing" would not be "housed"), never by stem."""
    return _subject_of().get(word.lower())


def other_subjects(a: str, b: str) -> bool:
    """Do the words `a` and `b` name two different subjects ("refugees" and "migrants")?"""
    first, second = subject(a), subject(b)
    return first is not None and second is not None and first != second
