"""Maps of the border region, drawn at build time from public-domain country outlines.

Returns plain data (SVG path strings and point positions); `theme/templates/partials/border_map.html`
draws it. No tile server, no third-party request: the outlines are in `content/data/geo/`.
"""

from __future__ import annotations

import dataclasses
import json
import math
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import box, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel, transform

from .records import Centre

# A country is named on a map when at least this share of the map shows it.
LABEL_MIN_SHARE = 0.04
# The width of a character of the theme's bold Sarabun, in ems (Latin capitals and Thai letters are narrower;
# an estimate on the wide side keeps names apart). Country names are at most this many characters wide in any
# of the theme's languages ("Cambodia", "เวียดนาม").
CHARACTER_WIDTH = 0.6
COUNTRY_NAME_CHARACTERS = 8


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
    target: str = ""  # the SVG path a finger or a pointer hits for this centre, if not a circle (`finger_targets`)


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
class NamePlace:
    """Where the current centre's name is written: its baseline at (x, y), `anchor` as SVG's text-anchor."""

    x: float
    y: float
    anchor: str  # "middle" (above or below the dot), "start" (to its right) or "end" (to its left)


@dataclass(frozen=True)
class TextSizes:
    """The largest sizes the theme draws a map's text at, in map units (site.css, `.nm-map__*` on phones).

    Used only to keep the countries' names clear of the centres and of the current centre's name.
    """

    country: float  # .nm-map__label
    name: float  # .nm-map__here
    point: float  # the radius of a centre's dot
    target: float  # how far from a dot a finger still hits it (`finger_targets`)


@dataclass(frozen=True)
class BorderMap:
    """Everything the template needs to draw one map."""

    width: int
    height: int
    countries: tuple[CountryShape, ...]
    points: tuple[MapPoint, ...]
    labels: tuple[CountryLabel, ...]
    point_radius: float
    name: NamePlace | None = None  # the current centre's name, on a centre's own map
    target_radius: float = 0  # a finger's target around a point with no near neighbour


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
             sizes: TextSizes, current: Centre | None = None) -> BorderMap:
    """Project the outlines and the centres inside `bounds` onto a `width`-wide map.

    Each country large enough on the map is named where its name, at `sizes`, is inside the country and clear
    of the centres' dots and of the current centre's name (`place_label`).
    """
    project = Projection(bounds, width)
    frame = box(bounds.west, bounds.south, bounds.east, bounds.north)
    points = tuple(
        MapPoint(centre, *project(centre.lon, centre.lat), current=centre == current)
        for centre in centres
        if bounds.west <= centre.lon <= bounds.east and bounds.south <= centre.lat <= bounds.north
    )
    points = finger_targets(points, sizes.target, box(0, 0, width, project.height))
    obstacles = [shapely.Point(point.x, point.y).buffer(sizes.point * 1.5) for point in points]
    name = None
    for point in points:
        if point.current:
            name, name_box = place_name(point, point_radius, sizes, obstacles, box(0, 0, width, project.height))
            obstacles.append(name_box)
    shapes, labels = [], []
    for country, geometry in outlines:
        visible = geometry.intersection(frame)  # only what the map shows goes into the page
        paths = ["M" + "L".join("{:g},{:g}".format(*project(lon, lat)) for lon, lat in ring) + "Z"
                 for ring in rings_of(visible)]
        if paths:
            shapes.append(CountryShape(country, "".join(paths)))
        if not visible.is_empty and visible.area >= LABEL_MIN_SHARE * frame.area:
            on_map = transform(project, visible)
            x, y = place_label(on_map, obstacles, sizes.country)
            labels.append(CountryLabel(country, x, y))
            obstacles.append(text_box(x, y, sizes.country, COUNTRY_NAME_CHARACTERS))
    return BorderMap(width, project.height, tuple(shapes), points, tuple(labels), point_radius, name,
                     sizes.target)


def finger_targets(points: tuple[MapPoint, ...], radius: float, frame) -> tuple[MapPoint, ...]:
    """Give each point the area that opens its centre: `radius` around it, less what is nearer another point.

    Circles of the same size around each dot overlapped where dots are close, the later drawn on top: a tap on
    a dot opened its neighbour's page (8 of the 44 on a phone, Chiang Khong opened Wiang Kaen). Each point's
    Voronoi cell (shapely, from GEOS) holds what is nearer it than any other, so the nearest dot always wins.
    A point with no neighbour within twice `radius` keeps its circle (the template draws it): the paths, in
    whole map units and with few corners, are what the page grows by (under 2 KB compressed for the 44).
    """
    if not points:
        return points
    spots = [shapely.Point(point.x, point.y) for point in points]
    cells = list(shapely.voronoi_polygons(shapely.MultiPoint(spots), extend_to=frame).geoms)
    targeted = []
    for point, spot in zip(points, spots, strict=True):
        cell = next((cell for cell in cells if cell.covers(spot)), frame)  # one point alone: the whole map
        circle = spot.buffer(radius, quad_segs=4)
        if cell.contains(circle):
            targeted.append(point)
            continue
        corners = circle.intersection(cell).exterior.coords[:-1]
        path = "M" + "L".join(f"{round(x)},{round(y)}" for x, y in corners) + "Z"
        targeted.append(dataclasses.replace(point, target=path))
    return tuple(targeted)


def place_name(point: MapPoint, point_radius: float, sizes: TextSizes, dots: list, frame) -> tuple[NamePlace, object]:
    """Where to write the current centre's name: above its dot, else below, right or left, clear of the others.

    Returns the place and the box the name covers (on the wide side: the longest of its languages' names).
    A neighbour's dot under the name hid a letter or two of it on a quarter of the centres' maps.
    """
    characters = max(map(text_width, point.centre.district.as_dict().values()))
    size, gap = sizes.name, point_radius * 1.8
    places = [NamePlace(point.x, point.y - gap, "middle"), NamePlace(point.x, point.y + gap + 0.75 * size, "middle"),
              NamePlace(point.x + gap, point.y + 0.375 * size, "start"),
              NamePlace(point.x - gap, point.y + 0.375 * size, "end")]
    others = shapely.union_all([dot for dot in dots if not dot.contains(shapely.Point(point.x, point.y))])
    covers = [text_box(place.x, place.y, size, characters, place.anchor) for place in places]
    return next(((place, covered) for place, covered in zip(places, covers, strict=True)
                 if frame.contains(covered) and not covered.intersects(others)), (places[0], covers[0]))


def text_width(text: str) -> int:
    """How many characters wide a text is drawn: Thai vowels and tone marks above and below take no width."""
    return sum(not unicodedata.combining(character) and unicodedata.category(character) != "Mn"
               for character in text)


def text_box(x: float, baseline: float, size: float, characters: int, anchor: str = "middle"):
    """The rectangle a text covers, from above its tallest marks to below its lowest; `anchor` as SVG's."""
    width = characters * CHARACTER_WIDTH * size
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return box(left, baseline - 1.1 * size, left + width, baseline + 0.35 * size)


def place_label(country, obstacles: list, size: float) -> tuple[float, float]:
    """Where to write a country's name (its baseline's middle), on the map's own units.

    Libraries place labels for tiled maps (Mapbox GL, QGIS's PAL), not a few names on a static SVG, so a small
    search is written here: on a grid of candidate places, keep those where the name, with room around it
    (half a line, else a quarter, else none), is inside the country and touches no obstacle, and take the one
    nearest the middle of the country's visible part. With no such place, the middle it is.
    """
    largest = max(getattr(country, "geoms", [country]), key=lambda part: part.area)
    middle = polylabel(largest, tolerance=1.0) if largest.geom_type == "Polygon" else country.representative_point()
    raise_to_middle = 0.375 * size  # from the baseline to the middle of the name's box
    west, south, east, north = country.bounds
    step = size * 0.8  # finer finds no better place a reader would notice, and costs each build more
    xs, ys = (grid.ravel() for grid in np.meshgrid(np.arange(west, east, step), np.arange(south, north, step)))
    distance = np.hypot(xs - middle.x, ys - raise_to_middle - middle.y)
    half = COUNTRY_NAME_CHARACTERS * CHARACTER_WIDTH * size / 2
    shapely.prepare(country)
    blockers = shapely.union_all(obstacles) if obstacles else None
    if blockers is not None:
        shapely.prepare(blockers)
    for room in (size / 2, size / 4, 0):
        top, bottom, side = 1.1 * size + room, 0.35 * size + room, half + room
        fits = np.ones(xs.shape, dtype=bool)
        for dx in (-side, 0, side):  # the corners and the middles of the long sides
            for dy in (-top, bottom):
                fits &= shapely.contains_xy(country, xs + dx, ys + dy)
        if blockers is not None and fits.any():
            candidates = np.flatnonzero(fits)
            fits[candidates] = ~shapely.intersects(
                blockers, shapely.box(xs[candidates] - side, ys[candidates] - top,
                                      xs[candidates] + side, ys[candidates] + bottom))
        if fits.any():
            choice = np.flatnonzero(fits)[np.argmin(distance[fits])]
            return (round(float(xs[choice]), 1), round(float(ys[choice]), 1))
    return (round(middle.x, 1), round(middle.y + raise_to_middle, 1))


def region_bounds(centres: list[Centre], margin: float = 0.6) -> Bounds:
    """The rectangle holding every centre, with a margin in degrees."""
    return Bounds(min(c.lon for c in centres) - margin, min(c.lat for c in centres) - margin,
                  max(c.lon for c in centres) + margin, max(c.lat for c in centres) + margin)


def around(centre: Centre, half_size: float = 0.9) -> Bounds:
    """A rectangle centred on one centre, for its page's small map."""
    return Bounds(centre.lon - half_size, centre.lat - half_size * 0.75,
                  centre.lon + half_size, centre.lat + half_size * 0.75)
