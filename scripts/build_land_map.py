"""Build the land outline that the twin-town map draws under its points.

The outline comes from Natural Earth's 1:110m land polygons (public domain),
as TopoJSON in the npm package ``world-atlas``::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/build_land_map.py package/land-110m.json

It writes ``wagtail_internationellt/static/wagtail_internationellt/map/land.svg``
in plain longitude/latitude (x = degrees east, y = degrees south), so that the
map can place it under points computed the same way. Nothing is fetched when a
page is served.
"""

import json
import sys
from pathlib import Path

OUTPUT = (
    Path(__file__).resolve().parent.parent
    / "wagtail_internationellt/static/wagtail_internationellt/map/land.svg"
)


def decode_arcs(topology):
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def ring_points(ring, arcs):
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def rings(geometry):
    if geometry["type"] == "Polygon":
        yield from geometry["arcs"]
    elif geometry["type"] == "MultiPolygon":
        for polygon in geometry["arcs"]:
            yield from polygon


def split_at_antimeridian(points):
    """The rings a ring that crosses the antimeridian (Fiji, Chukotka) falls into.

    Natural Earth cuts such land along 180 degrees, so the ring jumps from one
    edge of the map to the other. Drawn as is, the jump is a line across the
    map. The pieces on each side are joined into one ring per side; they meet
    along the map's edge, which is where the land was cut.
    """
    if points[0] == points[-1]:
        points = points[:-1]
    count = len(points)
    jumps = [i for i in range(count) if abs(points[i][0] - points[i - 1][0]) > 180]
    if not jumps:
        return [points]
    sides = {}
    for index, begin in enumerate(jumps):
        end = jumps[(index + 1) % len(jumps)]
        length = (end - begin) % count or count
        segment = [points[(begin + step) % count] for step in range(length)]
        east = sum(lon for lon, _lat in segment) > 0
        sides.setdefault(east, []).extend(segment)
    return list(sides.values())


def path_data(topology):
    arcs = decode_arcs(topology)
    commands = []
    for geometry in topology["objects"]["land"]["geometries"]:
        pieces = (
            piece
            for ring in rings(geometry)
            for piece in split_at_antimeridian(ring_points(ring, arcs))
        )
        for piece in pieces:
            points = [(round(lon, 1), round(-lat, 1)) for lon, lat in piece]
            # Drop points that rounding made equal to the one before.
            kept = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
            if len(kept) < 3:
                continue
            commands.append("M" + "L".join(f"{x:g} {y:g}" for x, y in kept) + "Z")
    return "".join(commands)


def main(source):
    topology = json.loads(Path(source).read_text(encoding="utf-8"))
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="-180 -90 360 180" '
        'preserveAspectRatio="none">'
        "<!-- Land: Natural Earth 1:110m (public domain), via world-atlas. -->"
        f'<path fill="#dfe6dc" stroke="#9aa89a" stroke-width="0.15" d="{path_data(topology)}"/>'
        "</svg>\n",
        encoding="utf-8",
    )
    print(f"{OUTPUT}: {OUTPUT.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv[1])
