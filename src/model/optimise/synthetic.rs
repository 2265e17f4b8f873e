//! A synthetic problem of any size, for the benches and the tests: a grid of zones in
//! regions, teams that start in blocks, and a baseline that two overlapping patterns of
//! team areas make, so that no division keeps everyone.

use super::Problem;

/// A small deterministic random sequence (xorshift).
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// `regions` columns of `region_w` x `h` zones (4-neighbour grid), each with
/// `teams_per_region` teams that may take only the zones of their region. Each zone has two
/// halves of random size; each half's baseline team is the nearest of one of two random
/// sets of team centres, so the baseline areas overlap. `start` is a division into
/// horizontal bands per region, which meets every constraint.
pub fn grid(
    regions: usize,
    region_w: usize,
    h: usize,
    teams_per_region: usize,
    seed: u64,
) -> Problem {
    let w = regions * region_w;
    let zones = w * h;
    let teams = regions * teams_per_region;
    let id = |x: usize, y: usize| y * w + x;
    let mut adjacency = vec![Vec::new(); zones];
    for y in 0..h {
        for x in 0..w {
            let z = id(x, y);
            if x > 0 {
                adjacency[z].push(id(x - 1, y));
            }
            if x + 1 < w {
                adjacency[z].push(id(x + 1, y));
            }
            if y > 0 {
                adjacency[z].push(id(x, y - 1));
            }
            if y + 1 < h {
                adjacency[z].push(id(x, y + 1));
            }
            adjacency[z].sort_unstable();
        }
    }
    let mut rng = Rng(seed | 1);
    let mut p = Problem::new(zones, adjacency, teams);
    // Two sets of centres per region: team k of a region sits at centre k of each.
    let centres: Vec<Vec<(usize, usize)>> = (0..2)
        .map(|_| {
            (0..teams)
                .map(|t| {
                    let r = t / teams_per_region;
                    (r * region_w + rng.below(region_w), rng.below(h))
                })
                .collect()
        })
        .collect();
    let nearest = |set: &[(usize, usize)], x: usize, y: usize| -> usize {
        let r = x / region_w;
        (r * teams_per_region..(r + 1) * teams_per_region)
            .min_by_key(|&t| set[t].0.abs_diff(x) + set[t].1.abs_diff(y))
            .unwrap_or(r * teams_per_region)
    };
    let mut start = vec![0; zones];
    for y in 0..h {
        for x in 0..w {
            let z = id(x, y);
            let r = x / region_w;
            let halves = [1 + rng.below(500), 1 + rng.below(500)];
            let base = [nearest(&centres[0], x, y), nearest(&centres[1], x, y)];
            for t in 0..teams {
                let allowed = t / teams_per_region == r;
                p.allowed[z][t] = allowed;
                p.cost[z][t] = (0..2)
                    .filter(|&i| base[i] != t)
                    .map(|i| halves[i] as f64)
                    .sum();
            }
            p.size[z] = (halves[0] + halves[1]) as f64;
            // Bands of rows: every team gets at least one row when h >= teams_per_region.
            start[z] = r * teams_per_region + (y * teams_per_region / h).min(teams_per_region - 1);
        }
    }
    p.start = Some(start);
    p
}
