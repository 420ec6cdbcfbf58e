"""Places: a gazetteer over packaged GeoNames data and toponym resolution (see docs/places.md)."""

from kronika.folding import fold
from kronika.places.gazetteer import (
    Gazetteer,
    Place,
    contains,
    distance_km,
    haversine_km,
    infer_country_focus,
)

__all__ = [
    "Gazetteer",
    "Place",
    "contains",
    "distance_km",
    "fold",
    "haversine_km",
    "infer_country_focus",
]
