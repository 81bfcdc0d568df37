"""Make content/data/geo/countries.geojson: country outlines of the Thai border region.

Source: Natural Earth 1:50m Admin 0 countries (public domain), as packaged in the npm package
`world-atlas` 2.0.2 (countries-50m.json, TopoJSON). Run once when the boundaries need refreshing:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python tools/make_boundaries.py package/countries-50m.json

The outlines are clipped to the region the site's maps show and simplified, so the file stays small.
"""

import json
import sys
from pathlib import Path

from shapely.geometry import MultiPolygon, Polygon, box, mapping

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "content/data/geo/countries.geojson"
# ISO 3166-1 numeric codes of the countries drawn, and the names the maps use.
COUNTRIES = {"764": "TH", "418": "LA", "116": "KH", "104": "MM", "704": "VN", "156": "CN", "458": "MY"}
REGION = box(96.0, 5.0, 109.0, 22.5)  # lon/lat: the Thai border region with a margin
TOLERANCE = 0.01  # degrees, about 1 km: far finer than the maps' scale


def decode_arcs(topology):
    """Turn TopoJSON's delta-encoded, quantized arcs into lists of (lon, lat)."""
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def ring(arcs, indexes):
    """Join the arcs of one ring; a negative index means the arc reversed (~index)."""
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def main(source: str) -> None:
    """Write the clipped, simplified outlines as GeoJSON."""
    topology = json.loads(Path(source).read_text())
    arcs = decode_arcs(topology)
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = COUNTRIES.get(str(geometry.get("id")))
        if not code:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        shape = MultiPolygon([Polygon(ring(arcs, rings[0]), [ring(arcs, r) for r in rings[1:]])
                              for rings in polygons])
        clipped = shape.buffer(0).intersection(REGION).simplify(TOLERANCE, preserve_topology=True)
        if clipped.is_empty:
            continue
        rounded = json.loads(json.dumps(mapping(clipped)), parse_float=lambda v: round(float(v), 3))
        features.append({"type": "Feature", "properties": {"country": code}, "geometry": rounded})
    collection = {
        "type": "FeatureCollection",
        "source": "Natural Earth 1:50m Admin 0 countries (public domain), via npm world-atlas 2.0.2; "
                  "clipped and simplified by tools/make_boundaries.py",
        "features": features,
    }
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUTPUT.relative_to(ROOT)}: {len(features)} countries, {OUTPUT.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv[1])
