"""Maps of the border region, drawn at build time from public-domain country outlines.

Returns plain data (SVG path strings and point positions); `theme/templates/partials/border_map.html`
draws it. No tile server, no third-party request: the outlines are in `content/data/geo/`.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from shapely.geometry import box, shape
from shapely.geometry.base import BaseGeometry

from .records import Centre

# A country is named on a map when at least this share of the map shows it.
LABEL_MIN_SHARE = 0.04


@dataclass(frozen=True)
class Bounds:
    """A lon/lat rectangle."""

    west: float
    south: float
    east: float
    north: float


@dataclass(frozen=True)
class MapPoint:
    """A centre's position on a map."""

    centre: Centre
    x: float
    y: float
    current: bool


@dataclass(frozen=True)
class CountryShape:
    """A country's outline as an SVG path."""

    country: str
    path: str


@dataclass(frozen=True)
class CountryLabel:
    """Where to write a country's name."""

    country: str
    x: float
    y: float


@dataclass(frozen=True)
class BorderMap:
    """Everything the template needs to draw one map."""

    width: int
    height: int
    countries: tuple[CountryShape, ...]
    points: tuple[MapPoint, ...]
    labels: tuple[CountryLabel, ...]
    point_radius: float


class Projection:
    """Equirectangular projection, scaled so that a degree of longitude and latitude look alike."""

    def __init__(self, bounds: Bounds, width: int):
        self.bounds = bounds
        self.x_scale = math.cos(math.radians((bounds.north + bounds.south) / 2))
        self.scale = width / ((bounds.east - bounds.west) * self.x_scale)
        self.width = width
        self.height = round((bounds.north - bounds.south) * self.scale)

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        """Return the map position (x, y) of a point."""
        return (round((lon - self.bounds.west) * self.x_scale * self.scale, 1),
                round((self.bounds.north - lat) * self.scale, 1))


def load_outlines(path: Path) -> list[tuple[str, BaseGeometry]]:
    """Read the GeoJSON outlines as (country code, geometry)."""
    collection = json.loads(path.read_text(encoding="utf-8"))
    return [(feature["properties"]["country"], shape(feature["geometry"]))
            for feature in collection["features"]]


def rings_of(geometry: BaseGeometry):
    """Yield every ring (outer and inner) of a polygon or multipolygon."""
    for polygon in getattr(geometry, "geoms", [geometry]):
        if polygon.geom_type != "Polygon" or polygon.is_empty:
            continue
        yield polygon.exterior.coords
        yield from (interior.coords for interior in polygon.interiors)


def draw_map(outlines, centres: list[Centre], bounds: Bounds, width: int, point_radius: float,
             current: Centre | None = None) -> BorderMap:
    """Project the outlines and the centres inside `bounds` onto a `width`-wide map."""
    project = Projection(bounds, width)
    frame = box(bounds.west, bounds.south, bounds.east, bounds.north)
    shapes, labels = [], []
    for country, geometry in outlines:
        visible = geometry.intersection(frame)  # only what the map shows goes into the page
        paths = ["M" + "L".join("{:g},{:g}".format(*project(lon, lat)) for lon, lat in ring) + "Z"
                 for ring in rings_of(visible)]
        if paths:
            shapes.append(CountryShape(country, "".join(paths)))
        if not visible.is_empty and visible.area >= LABEL_MIN_SHARE * frame.area:
            anchor = visible.representative_point()
            labels.append(CountryLabel(country, *project(anchor.x, anchor.y)))
    points = tuple(
        MapPoint(centre, *project(centre.lon, centre.lat), current=centre == current)
        for centre in centres
        if bounds.west <= centre.lon <= bounds.east and bounds.south <= centre.lat <= bounds.north
    )
    return BorderMap(width, project.height, tuple(shapes), points, tuple(labels), point_radius)


def region_bounds(centres: list[Centre], margin: float = 0.6) -> Bounds:
    """The rectangle holding every centre, with a margin in degrees."""
    return Bounds(min(c.lon for c in centres) - margin, min(c.lat for c in centres) - margin,
                  max(c.lon for c in centres) + margin, max(c.lat for c in centres) + margin)


def around(centre: Centre, half_size: float = 0.9) -> Bounds:
    """A rectangle centred on one centre, for its page's small map."""
    return Bounds(centre.lon - half_size, centre.lat - half_size * 0.75,
                  centre.lon + half_size, centre.lat + half_size * 0.75)
