"""A town the question locates by a region the corpus never names ("KwaZulu-Natal's port city"): the region is
how the asker finds the town, not what is asked about, when a first passage names a town that lies near the
region in meaning (the model's knowledge of places: KwaZulu-Natal and Durban 0.72, Punjab and Islamabad 0.70,
against 0.26-0.45 for Siberia, Bavaria or Tuscany and Durban); otherwise the region still counts as missing."""

from __future__ import annotations

import numpy as np

from ..language.places import locates_town, towns_in

# cosine between the region and a town a passage names for the town to be taken as the one located
NEAR_TOWN = 0.6


def town_located(searcher, name: str, asked: str, shown: list[str]) -> bool:
    if not locates_town(name, asked):
        return False
    towns = list(dict.fromkeys(t for text in shown for t in towns_in(text)))
    if not towns:
        return False
    vectors = np.asarray(searcher.encoder.encode([name] + towns), dtype=np.float32)
    return float(np.max(vectors[1:] @ vectors[0])) >= NEAR_TOWN
