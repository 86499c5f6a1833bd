"""The distinct subjects of human-rights work: groups of people and themes that the United Nations
treats as subjects of their own (each has its own mandate, treaty or office), though their words lie
close together in an embedding space ("refugees" and "migrants" 0.78, "LGBT" and "gender",
"indigenous" and "minorities"). A word of one subject never stands in for a word of another: a question
about refugees is not answered by a paragraph on migrant workers, and a corpus that speaks of migrants
only does not speak of refugees. Words of one group are the same subject ("kids" and "children",
"faith" and "religious"). A data table of the system's thematic mandates, not a rule for any one text;
words of no group are left to the embedding. Words that ordinary questions use about anything ("online",
"poor countries", "in good faith", "the media", "an environment of cooperation") are left out."""

from __future__ import annotations

import functools

from . import stemming

SUBJECTS = """refugee refugees asylum asylum-seekers
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
defenders activists
torture tortured torturing
detention detainees detained prisoners prison prisons incarceration jails
disappearance disappearances disappeared
trafficking trafficked traffickers
slavery slaves servitude
racism racial racist xenophobia
religion religions religious worship
food hunger famine starvation nutrition
water sanitation
housing homeless homelessness
health healthcare disease diseases
environmental climate pollution ecological
terrorism terrorist terrorists counter-terrorism
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
            out[stemming.stem(word)] = number
    return out


def words_of(group: int) -> list[str]:
    """The words of a subject group, as the table writes them."""
    return SUBJECTS.splitlines()[group].split()


def subject(stem: str) -> int | None:
    """The subject group of a word's stem, if it names one."""
    return _subject_of().get(stem)


def other_subjects(a: str, b: str) -> bool:
    """Do the stems `a` and `b` name two different subjects ("refuge" and "migrant")?"""
    first, second = subject(a), subject(b)
    return first is not None and second is not None and first != second
