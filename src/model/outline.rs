//! Team areas as polygons, for export: the union of each team's cells. Drawing does not need
//! this (team borders on screen come from the shared-edge arcs); a file does.

use geo::{LineString, MultiPolygon, Polygon, unary_union};

use super::atlas::{Atlas, ring_area_ll, to_geo};
use super::ids::{CellId, TeamId, TiSlice, TiVec};
use super::topology::LonLatPolygon;

fn from_geo(p: &Polygon<f64>) -> LonLatPolygon {
    let ls = |l: &LineString<f64>| {
        let mut v: Vec<[f64; 2]> = l.0.iter().map(|c| [c.x, c.y]).collect();
        if v.first() != v.last()
            && let Some(&f) = v.first()
        {
            v.push(f);
        }
        v
    };
    let mut v = vec![ls(p.exterior())];
    v.extend(p.interiors().iter().map(ls));
    v
}

/// The area of each team as polygons (outer ring plus holes, closed rings, lon/lat).
/// Slivers under a square metre that a union of cut polygons can leave are dropped.
pub fn team_polygons(
    atlas: &Atlas,
    cell_team: &TiSlice<CellId, Option<TeamId>>,
    nteams: usize,
) -> TiVec<TeamId, Vec<LonLatPolygon>> {
    let mut members: Vec<Vec<Polygon<f64>>> = vec![Vec::new(); nteams];
    for (c, t) in cell_team.iter_enumerated() {
        if let Some(t) = t.map(TeamId::index).filter(|&t| t < nteams) {
            members[t].extend(atlas.cells[c].polygons.iter().map(to_geo));
        }
    }
    members
        .into_iter()
        .map(|polys| {
            let u: MultiPolygon<f64> = unary_union(&polys);
            u.0.iter()
                .map(from_geo)
                .map(|mut p| {
                    p.retain(|r| ring_area_ll(r).abs() > 1e-10);
                    p
                })
                .filter(|p| !p.is_empty())
                .collect()
        })
        .collect()
}

/// Area of polygons in squared degrees (outer minus holes), for checks.
pub fn area_deg2(polys: &[LonLatPolygon]) -> f64 {
    polys
        .iter()
        .map(|p| {
            p.iter()
                .enumerate()
                .map(|(i, r)| {
                    let a = ring_area_ll(r).abs();
                    if i == 0 { a } else { -a }
                })
                .sum::<f64>()
        })
        .sum()
}
