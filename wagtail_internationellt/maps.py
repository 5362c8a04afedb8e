"""A map of twin towns drawn in the page itself, from their coordinates.

The map is an inline SVG: points placed by longitude and latitude over a land
outline served from the package's own static files. No tiles, fonts or scripts
come from another host. Longitudes are scaled by the cosine of the map's middle
latitude so that the Nordic countries keep their shape.
"""

import math
from dataclasses import dataclass

# Degrees of margin around the points, and the smallest area shown, so that a
# single twin town still shows its surroundings.
MARGIN = 3.0
MIN_SPAN = 14.0


def _number(value):
    """A coordinate for SVG: always a decimal point, whatever the active locale."""
    return f"{value:.3f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class MapPoint:
    x: str
    y: str
    label: str
    status: str


@dataclass(frozen=True)
class TwinTownMap:
    """Everything the template needs, as strings ready for SVG attributes."""

    points: list
    unplaced: list
    view_box: str
    land_x: str
    land_width: str
    marker_radius: str


def _span(low, high, minimum):
    low, high = low - MARGIN, high + MARGIN
    if high - low < minimum:
        middle = (low + high) / 2
        low, high = middle - minimum / 2, middle + minimum / 2
    return low, high


def twin_town_map(towns):
    """The map of the given twin towns that have coordinates, or None if none has."""
    located = [town for town in towns if town.latitude is not None and town.longitude is not None]
    if not located:
        return None
    latitudes = [float(town.latitude) for town in located]
    longitudes = [float(town.longitude) for town in located]
    south, north = _span(min(latitudes), max(latitudes), MIN_SPAN / 2)
    south, north = max(south, -90.0), min(north, 90.0)
    x_scale = max(math.cos(math.radians((south + north) / 2)), 0.3)
    west, east = _span(min(longitudes), max(longitudes), MIN_SPAN / x_scale)
    points = [
        MapPoint(
            x=_number(float(town.longitude) * x_scale),
            y=_number(-float(town.latitude)),
            label=town.title,
            status=town.status,
        )
        for town in located
    ]
    width = (east - west) * x_scale
    return TwinTownMap(
        points=points,
        unplaced=[town.title for town in towns if town not in located],
        view_box=" ".join(
            _number(value) for value in (west * x_scale, -north, width, north - south)
        ),
        land_x=_number(-180 * x_scale),
        land_width=_number(360 * x_scale),
        marker_radius=_number(width / 120),
    )
