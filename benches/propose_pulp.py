#!/usr/bin/env python3
"""The proposal model solved from Python with PuLP and its bundled CBC: the baseline of
`cargo bench --bench propose`.

Reads the files that `gebiedsplanner propose --costs FILE --adjacency FILE` writes and solves
the same integer program with the same contiguity cuts (a separator cut for every zone of a
part of a team against the other parts, added in rounds until every team is connected).
Every team in the costs file keeps at least one zone. Prints one JSON line:
{"median_ms": ..., "runs": ..., "cost": ..., "rounds": ...}; each run reads the files, builds
the model and solves it, as the Rust bench does from the atlas.

    pip install pulp
    python3 benches/propose_pulp.py costs.csv adjacency.csv [--runs N] [--flow]

`--flow` solves the flow formulation instead (once, no cuts), for the comparison in the
comment at the top of src/model/optimise/milp.rs.
"""

import csv
import json
import statistics
import sys
import time

import pulp


def read(costs_path, adjacency_path):
    cost = {}
    with open(costs_path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter=";"):
            cost[(row["zone"], row["team"])] = float(row["cost"])
    nb = {}
    with open(adjacency_path, newline="", encoding="utf-8") as f:
        r = csv.reader(f, delimiter=";")
        next(r)
        for a, b in r:
            nb.setdefault(a, set()).add(b)
            nb.setdefault(b, set()).add(a)
    return cost, nb


def components(members, nb):
    left, parts = set(members), []
    for start in sorted(members):
        if start not in left:
            continue
        left.discard(start)
        part, stack = [start], [start]
        while stack:
            z = stack.pop()
            for n in nb.get(z, ()):
                if n in left:
                    left.discard(n)
                    part.append(n)
                    stack.append(n)
        parts.append(sorted(part))
    return parts


def separator(may, nb, part, v):
    """Neighbours of `part` (zones the team may take) that border what `v` reaches
    without them: every chain from `part` to `v` passes one."""
    c = set(part)
    n_c = {w for u in part for w in nb.get(u, ()) if w in may and w not in c}
    reach, stack = {v}, [v]
    while stack:
        z = stack.pop()
        for w in nb.get(z, ()):
            if w in may and w not in c and w not in n_c and w not in reach:
                reach.add(w)
                stack.append(w)
    return sorted(w for w in n_c if any(r in reach for r in nb.get(w, ())))


def solve(costs_path, adjacency_path):
    cost, nb = read(costs_path, adjacency_path)
    zones = sorted({z for z, _ in cost})
    teams = sorted({t for _, t in cost})
    may = {t: {z for z, tt in cost if tt == t} for t in teams}
    cuts, rounds = [], 0
    while True:
        rounds += 1
        prob = pulp.LpProblem("proposal", pulp.LpMinimize)
        x = {k: pulp.LpVariable(f"x_{i}", cat="Binary") for i, k in enumerate(sorted(cost))}
        prob += pulp.lpSum(cost[k] * v for k, v in x.items())
        for z in zones:
            prob += pulp.lpSum(x[(z, t)] for t in teams if (z, t) in x) == 1
        for t in teams:
            prob += pulp.lpSum(x[(z, t)] for z in may[t]) >= 1
        for t, u, v, sep in cuts:
            prob += x[(u, t)] + x[(v, t)] - 1 <= pulp.lpSum(x[(w, t)] for w in sep)
        prob.solve(pulp.PULP_CBC_CMD(msg=0, threads=1))
        if pulp.LpStatus[prob.status] != "Optimal":
            raise SystemExit(f"CBC: {pulp.LpStatus[prob.status]}")
        team = {z: t for (z, t), v in x.items() if v.value() > 0.5}
        added = 0
        for t in teams:
            parts = components([z for z in zones if team[z] == t], nb)
            if len(parts) < 2:
                continue
            for i, c in enumerate(parts):
                for j, other in enumerate(parts):
                    if i == j:
                        continue
                    sep = separator(may[t], nb, c, other[0])
                    for u in c:
                        cuts.append((t, u, other[0], sep))
                        added += 1
        if added == 0:
            return sum(cost[(z, t)] for z, t in team.items()), rounds


def solve_flow(costs_path, adjacency_path):
    """The same model with contiguity as a single-commodity flow from a root per team,
    solved once: to compare with the cuts (`--flow`)."""
    cost, nb = read(costs_path, adjacency_path)
    zones = sorted({z for z, _ in cost})
    teams = sorted({t for _, t in cost})
    may = {t: {z for z, tt in cost if tt == t} for t in teams}
    prob = pulp.LpProblem("proposal_flow", pulp.LpMinimize)
    x = {k: pulp.LpVariable(f"x_{i}", cat="Binary") for i, k in enumerate(sorted(cost))}
    r = {k: pulp.LpVariable(f"r_{i}", cat="Binary") for i, k in enumerate(sorted(cost))}
    prob += pulp.lpSum(cost[k] * v for k, v in x.items())
    for z in zones:
        prob += pulp.lpSum(x[(z, t)] for t in teams if (z, t) in x) == 1
    f = {}
    for t in teams:
        m = len(may[t])
        prob += pulp.lpSum(x[(z, t)] for z in may[t]) >= 1
        prob += pulp.lpSum(r[(z, t)] for z in may[t]) == 1
        for a in sorted(may[t]):
            prob += r[(a, t)] <= x[(a, t)]
            for b in sorted(nb.get(a, ())):
                if b in may[t]:
                    v = pulp.LpVariable(f"f_{len(f)}", lowBound=0)
                    f[(a, b, t)] = v
                    prob += v <= (m - 1) * x[(a, t)]
                    prob += v <= (m - 1) * x[(b, t)]
        for z in sorted(may[t]):
            inflow = pulp.lpSum(f[(a, z, t)] for a in nb.get(z, ()) if (a, z, t) in f)
            outflow = pulp.lpSum(f[(z, b, t)] for b in nb.get(z, ()) if (z, b, t) in f)
            prob += inflow - outflow >= x[(z, t)] - m * r[(z, t)]
    prob.solve(pulp.PULP_CBC_CMD(msg=0, threads=1))
    if pulp.LpStatus[prob.status] != "Optimal":
        raise SystemExit(f"CBC: {pulp.LpStatus[prob.status]}")
    return pulp.value(prob.objective), 1


def main():
    args = sys.argv[1:]
    runs = 5
    method = solve
    if "--flow" in args:
        args.remove("--flow")
        method = solve_flow
    if "--runs" in args:
        i = args.index("--runs")
        runs = int(args[i + 1])
        del args[i : i + 2]
    if len(args) != 2:
        raise SystemExit(__doc__)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        cost, rounds = method(args[0], args[1])
        times.append((time.perf_counter() - t0) * 1000.0)
    print(
        json.dumps(
            {
                "median_ms": statistics.median(times),
                "runs": runs,
                "cost": cost,
                "rounds": rounds,
            }
        )
    )


if __name__ == "__main__":
    main()
