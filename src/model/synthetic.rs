//! A synthetic atlas for measurements and tests at scale: a grid of square municipalities
//! grouped into rectangular zones, the zones divided over teams in contiguous runs.
//! Belgium has about 20 000 statistical sectors; `grid(200, 100, 60, 16)` gives that many
//! units over an area the size of Flanders.

use super::atlas::{Atlas, AtlasInput, Edition, MunicipalityInput, UnitInput};
use super::defaults::assign_colours;
use super::ids::TeamId;
use super::scenario::{AreaStatus, Scenario, Team};
use super::topology::LonLatPolygon;

/// South-west corner and size of a cell, in degrees (about 900 m on a side at 51 N).
const LON0: f64 = 2.55;
const LAT0: f64 = 50.70;
const LAT_STEP: f64 = 0.008;
const LON_STEP: f64 = 0.0127;

/// Split `zones` into a `zx` x `zy` grid whose blocks are as square as possible on a
/// `cols` x `rows` grid of cells.
fn zone_grid(cols: usize, rows: usize, zones: usize) -> (usize, usize) {
    (1..=zones)
        .filter(|zx| zones.is_multiple_of(*zx) && *zx <= cols && zones / zx <= rows)
        .map(|zx| (zx, zones / zx))
        .min_by(|a, b| {
            let skew = |(zx, zy): (usize, usize)| {
                let w = cols as f64 / zx as f64;
                let h = rows as f64 / zy as f64;
                (w / h).ln().abs()
            };
            skew(*a).total_cmp(&skew(*b))
        })
        .unwrap_or((1, 1))
}

/// A small deterministic pseudo-random number (no dependency, same on every run).
fn mix(i: u64) -> u64 {
    let mut x = i.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^= x >> 31;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^ (x >> 29)
}

/// The atlas input of a `cols` x `rows` grid of square municipalities in `zones` zones.
pub fn grid_input(cols: usize, rows: usize, zones: usize) -> AtlasInput {
    let (zx, zy) = zone_grid(cols, rows, zones);
    let corner = |c: usize, r: usize| [LON0 + c as f64 * LON_STEP, LAT0 + r as f64 * LAT_STEP];
    let mut municipalities = Vec::with_capacity(cols * rows);
    let mut units: Vec<UnitInput> = (0..zx * zy)
        .map(|z| UnitInput {
            code: format!("z{z}"),
            name: format!("Zone {z}"),
            members: Vec::new(),
        })
        .collect();
    for r in 0..rows {
        for c in 0..cols {
            let i = r * cols + c;
            let code = format!("m{i}");
            let ring = vec![
                corner(c, r),
                corner(c + 1, r),
                corner(c + 1, r + 1),
                corner(c, r + 1),
                corner(c, r),
            ];
            let polygon: LonLatPolygon = vec![ring];
            let population = 200 + mix(i as u64) % 4000;
            municipalities.push(MunicipalityInput {
                code: code.clone(),
                name: format!("Gemeente {i}"),
                province: "Synthetisch".into(),
                polygons: vec![polygon],
                population: Some(population),
                children: Some(population / 5),
                population_year: 2021,
                predecessors: vec![(code.clone(), Some(population))],
            });
            let zone = (r * zy / rows) * zx + c * zx / cols;
            units[zone].members.push(code);
        }
    }
    AtlasInput {
        edition: Edition::M2025,
        municipalities,
        units,
        splits: Vec::new(),
    }
}

/// A grid atlas and a scenario that gives its zones to `teams` teams, each team a contiguous
/// run of zones (zones are taken row by row, every other row backwards).
pub fn grid(cols: usize, rows: usize, zones: usize, teams: usize) -> (Atlas, Scenario) {
    let input = grid_input(cols, rows, zones);
    let (zx, zy) = zone_grid(cols, rows, zones);
    let atlas = match Atlas::build(input) {
        Ok(a) => a,
        // The input is made above with unique codes and every municipality in one zone,
        // which is all `Atlas::build` checks.
        Err(e) => unreachable!("synthetic grid is consistent: {e}"),
    };
    let mut s = Scenario::empty(&atlas, "Synthetic grid");
    s.teams = (0..teams)
        .map(|t| Team {
            id: format!("team-{t}"),
            name: format!("Team {t}"),
            colour: [0, 0, 0],
            iroj: String::new(),
            locked: false,
            partners: None,
            area_status: AreaStatus::Estimated,
            note: String::new(),
        })
        .collect();
    let n = zx * zy;
    for k in 0..n {
        let (row, i) = (k / zx, k % zx);
        let col = if row % 2 == 0 { i } else { zx - 1 - i };
        let zone = row * zx + col;
        if let Some(u) = atlas.unit_by_code(&format!("z{zone}")) {
            s.unit_team[u] = Some(k * teams.max(1) / n)
                .filter(|&t| t < teams)
                .map(TeamId);
        }
    }
    assign_colours(&atlas, &mut s);
    (atlas, s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::metrics::{BudgetRules, compute};

    #[test]
    fn the_grid_has_the_asked_sizes_and_contiguous_teams() {
        let (atlas, s) = grid(30, 20, 6, 3);
        assert_eq!(atlas.cells.len(), 600);
        assert_eq!(atlas.units.len(), 6);
        assert_eq!(s.teams.len(), 3);
        let m = compute(
            &atlas,
            &s,
            &BudgetRules {
                per_zone_eur: 1.0,
                total_eur: 1.0,
            },
        );
        assert!(m.all_rules_hold(), "{:?}", m.non_contiguous_teams());
        // Inner cells have four neighbours.
        assert_eq!(atlas.topology.neighbours[31].len(), 4);
    }
}
