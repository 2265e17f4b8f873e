#!/usr/bin/env python3
"""The GIS baseline for the benches: dissolving team areas with GEOS (through shapely).

A reorganisation in a GIS (QGIS, PostGIS, shapely: all GEOS underneath) means dissolving the
municipalities of every team into one area. This script times that on the same data and the
same team division as `cargo bench --bench perf`, then prints our medians next to it and the
ratios, all from this one run:

  * GEOS "all teams": shapely.union_all of the municipalities of every team (the full
    recompute of all team outlines); median of repeated runs.
  * GEOS "one move": the re-dissolve of the two teams touched by the move that the Rust bench
    measures (it writes the move to target/criterion/real/move/move.json).

The four Antwerp sub-zones (elz2-1 .. elz2-4) split municipalities by statistical sector;
for the GEOS dissolve they are treated as their parent zone elz2, whose municipalities all go
to the team of the sub-zones (in the default division they are all in one team).

Usage (from the repository):

    pip install shapely
    python3 benches/geos_baseline.py              # runs cargo bench --bench perf, then GEOS
    python3 benches/geos_baseline.py --no-cargo   # GEOS only; reads the last bench results

The data is that of assets/data, the set built into the program that the benches use; the
target folder is $CARGO_TARGET_DIR, else ./target.
"""

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    d = REPO / "assets" / "data"
    if not (d / "municipalities_flanders_brussels_2025.geojson").is_file():
        sys.exit(f"geos_baseline: the data files are missing in {d}")
    return d


def target_dir() -> Path:
    return Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))


def parent_zone(code: str) -> str:
    return code.split("-")[0]


def load(data: Path):
    from shapely.geometry import shape

    with open(data / "municipalities_flanders_brussels_2025.geojson", encoding="utf-8") as f:
        features = json.load(f)["features"]
    muni = {ft["properties"]["nis"]: shape(ft["geometry"]) for ft in features}
    zone_of = {}
    with open(data / "elz_gemeenten_2025.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            zone_of[row["nis"]] = row["elz_code"]
    team_of_zone = {}
    with open(REPO / "seeds" / "default_scenario.csv", encoding="utf-8") as f:
        rows = (line for line in f if not line.startswith("#"))
        for row in csv.DictReader(rows):
            team_of_zone[parent_zone(row["elz_code"])] = row["team_id"]
    teams = {}
    for nis, geom in muni.items():
        team = team_of_zone.get(zone_of.get(nis, ""))
        if team is None:
            sys.exit(f"geos_baseline: municipality {nis} has no team in the default division")
        teams.setdefault(team, []).append((nis, geom))
    return teams, zone_of


def median_time(fn, repeat: int) -> float:
    fn()  # warm up
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def criterion_median(name: str):
    p = target_dir() / "criterion" / name / "new" / "estimates.json"
    if not p.is_file():
        return None
    with open(p, encoding="utf-8") as f:
        return json.load(f)["median"]["point_estimate"] * 1e-9


def fmt(seconds) -> str:
    if seconds is None:
        return "n/a"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    if seconds >= 1e-6:
        return f"{seconds * 1e6:.1f} µs"
    return f"{seconds * 1e9:.0f} ns"


# Our benches, with the target of the issue where it has one (seconds).
OURS = [
    ("real/load", "cold load: files to atlas, topology, adjacency, metrics", 150e-3),
    ("real/meshes", "meshes for the first frame (full detail and one simplified copy)", None),
    ("real/move", "move one zone, everything up to date", None),
    ("real/outlines", "full recompute of all team outlines", None),
    ("real/metrics_full", "full recompute of all team metrics", None),
    ("real/frame", "CPU preparation of one frame, all of Flanders", 2e-3),
    ("real/frame_hd", "the same on a full-HD map area, with municipality borders", 2e-3),
    ("real/hit", "hit test of the zone under the cursor", None),
    ("grid/load", "20 000 units: atlas, topology, adjacency", None),
    ("grid/move", "20 000 units: move one zone, everything up to date", 1e-3),
    ("grid/outlines", "20 000 units: full recompute of all team outlines", None),
    ("grid/metrics_full", "20 000 units: full recompute of all team metrics", None),
    ("grid/frame", "20 000 units: CPU preparation of one frame", 8e-3),
    ("grid/frame_hd", "20 000 units: the same on a full-HD map area, all borders", 8e-3),
    ("grid/hit", "20 000 units: hit test", None),
]


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        mem = next(
            int(line.split()[1]) // 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
    except (OSError, StopIteration):
        mem = 0
    return f"{os.cpu_count()} x {model}, {mem / 1024:.0f} GiB"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--no-cargo", action="store_true", help="do not run cargo bench")
    ap.add_argument("--repeat", type=int, default=15, help="GEOS runs per figure")
    args = ap.parse_args()

    data = data_dir()
    load_before = os.getloadavg()[0]
    if not args.no_cargo:
        subprocess.run(["cargo", "bench", "--bench", "perf"], cwd=REPO, check=True)

    import shapely

    teams, zone_of = load(data)
    geoms = {t: [g for _, g in members] for t, members in teams.items()}

    def all_teams():
        return [shapely.union_all(g) for g in geoms.values()]

    geos_all = median_time(all_teams, args.repeat)

    move_file = target_dir() / "criterion" / "real" / "move" / "move.json"
    if not move_file.is_file():
        sys.exit(f"geos_baseline: {move_file} is missing: run cargo bench --bench perf first")
    move = json.loads(move_file.read_text(encoding="utf-8"))
    zone = parent_zone(move["zone"])
    src, dst = move["from"], move["to"]
    moved = [g for nis, g in teams[src] if zone_of[nis] == zone]
    src_after = [g for nis, g in teams[src] if zone_of[nis] != zone]
    dst_after = geoms[dst] + moved

    def one_move():
        return shapely.union_all(src_after), shapely.union_all(dst_after)

    geos_move = median_time(one_move, args.repeat * 4)

    print()
    print(f"machine: {machine()}; load average {load_before:.2f} before, "
          f"{os.getloadavg()[0]:.2f} after")
    print(f"GEOS {shapely.geos_version_string} via shapely {shapely.__version__}, "
          f"{len(teams)} teams, {sum(len(v) for v in geoms.values())} municipalities")
    print(f"move: zone {move['zone']} ({move['zone_name']}) from {src} to {dst}"
          + (f" (GEOS: whole parent zone {zone})" if zone != move["zone"] else ""))
    print()
    print("| bench | what | median | target | met |")
    print("| --- | --- | ---: | ---: | :---: |")
    ours = {}
    for name, what, target in OURS:
        m = criterion_median(name)
        ours[name] = m
        met = "" if target is None or m is None else ("yes" if m < target else "no")
        print(f"| `{name}` | {what} | {fmt(m)} | {fmt(target) if target else ''} | {met} |")
    print()
    print("| GEOS (shapely) | median | ours | ours is faster by | target |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, geos, name in [
        ("union_all of every team", geos_all, "real/outlines"),
        ("re-dissolve of the two teams of one move", geos_move, "real/move"),
    ]:
        m = ours.get(name)
        ratio = f"{geos / m:,.0f}x" if m else "n/a"
        print(f"| {label} | {fmt(geos)} | {fmt(m)} (`{name}`) | {ratio} | 100x |")


if __name__ == "__main__":
    main()
