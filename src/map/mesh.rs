//! Triangulated cells and border arcs in local Mercator coordinates (f32 offsets from the
//! atlas origin, which keeps full precision at every zoom level).

use crate::model::atlas::Atlas;
use crate::model::geom::{self, Merc, MercPolygon};

#[derive(Clone, Debug, Default)]
pub struct CellMesh {
    pub vertices: Vec<[f32; 2]>,
    pub indices: Vec<u32>,
}

impl CellMesh {
    /// Area of the triangles, in squared local units.
    pub fn area(&self) -> f64 {
        self.indices
            .chunks_exact(3)
            .map(|t| {
                let [a, b, c] = [t[0], t[1], t[2]].map(|i| self.vertices[i as usize]);
                let cross = (b[0] as f64 - a[0] as f64) * (c[1] as f64 - a[1] as f64)
                    - (c[0] as f64 - a[0] as f64) * (b[1] as f64 - a[1] as f64);
                cross.abs() / 2.0
            })
            .sum()
    }
}

#[derive(Clone, Debug)]
pub struct ArcLine {
    pub left: u32,
    pub right: Option<u32>,
    pub points: Vec<[f32; 2]>,
    pub bbox: [f32; 4],
}

/// Everything the map needs to draw an atlas, computed once.
#[derive(Clone, Debug)]
pub struct MapGeometry {
    pub origin: Merc,
    pub cells: Vec<CellMesh>,
    pub arcs: Vec<ArcLine>,
}

/// Whether earcut can take a ring: three or more points, all finite once shifted by the
/// origin. earcutr panics on a ring without a usable point (an empty ring, or NaN from a
/// point at infinity), which fuzzing found.
fn usable_ring(ring: &[Merc], origin: Merc) -> bool {
    ring.len() >= 3
        && ring
            .iter()
            .all(|p| (p[0] - origin[0]).is_finite() && (p[1] - origin[1]).is_finite())
}

/// Triangulate one polygon (outer ring plus holes) with ear clipping. A polygon whose outer
/// ring cannot be triangulated is left out (drawn without fill); so is an unusable hole.
pub fn triangulate(poly: &MercPolygon, origin: Merc, out: &mut CellMesh) {
    let mut coords: Vec<f64> = Vec::new();
    let mut holes: Vec<usize> = Vec::new();
    for (i, ring) in poly.rings.iter().enumerate() {
        if !usable_ring(ring, origin) {
            if i == 0 {
                return;
            }
            continue;
        }
        if i > 0 {
            holes.push(coords.len() / 2);
        }
        for p in ring {
            coords.push(p[0] - origin[0]);
            coords.push(p[1] - origin[1]);
        }
    }
    let base = out.vertices.len() as u32;
    // earcutr unwraps internally; should another degenerate shape make it panic, that one
    // polygon goes without fill rather than taking the app down.
    let result = std::panic::catch_unwind(|| earcutr::earcut(&coords, &holes, 2));
    let Ok(Ok(tris)) = result else {
        return;
    };
    out.vertices
        .extend(coords.chunks_exact(2).map(|c| [c[0] as f32, c[1] as f32]));
    out.indices
        .extend(tris.into_iter().map(|i| base + i as u32));
}

impl MapGeometry {
    pub fn build(atlas: &Atlas) -> MapGeometry {
        let origin = atlas.bbox.min;
        let cells = atlas
            .cells
            .iter()
            .map(|c| {
                let mut m = CellMesh::default();
                for p in &c.merc {
                    triangulate(p, origin, &mut m);
                }
                m
            })
            .collect();
        let arcs = atlas
            .topology
            .arcs
            .iter()
            .map(|a| {
                let points: Vec<[f32; 2]> = a
                    .points
                    .iter()
                    .map(|p| {
                        let m = geom::to_merc(p[0], p[1]);
                        [(m[0] - origin[0]) as f32, (m[1] - origin[1]) as f32]
                    })
                    .collect();
                let mut bbox = [f32::MAX, f32::MAX, f32::MIN, f32::MIN];
                for p in &points {
                    bbox[0] = bbox[0].min(p[0]);
                    bbox[1] = bbox[1].min(p[1]);
                    bbox[2] = bbox[2].max(p[0]);
                    bbox[3] = bbox[3].max(p[1]);
                }
                ArcLine {
                    left: a.left,
                    right: a.right,
                    points,
                    bbox,
                }
            })
            .collect();
        MapGeometry {
            origin,
            cells,
            arcs,
        }
    }

    pub fn to_local(&self, p: Merc) -> [f32; 2] {
        [
            (p[0] - self.origin[0]) as f32,
            (p[1] - self.origin[1]) as f32,
        ]
    }

    pub fn to_merc(&self, p: [f32; 2]) -> Merc {
        [p[0] as f64 + self.origin[0], p[1] as f64 + self.origin[1]]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square() -> Vec<Merc> {
        vec![[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]]
    }

    /// Found by fuzzing: a ring without points, or with a point at infinity (a latitude of 90
    /// degrees projects there), made earcutr panic.
    #[test]
    fn empty_and_non_finite_rings_are_left_out_not_a_panic() {
        let mut out = CellMesh::default();
        let poly = MercPolygon {
            rings: vec![square(), Vec::new(), vec![[0.2, 0.2]]],
        };
        triangulate(&poly, [0.0, 0.0], &mut out);
        assert!((out.area() - 1.0).abs() < 1e-6, "{}", out.area());

        let mut out = CellMesh::default();
        for rings in [
            vec![Vec::new()],
            vec![vec![[f64::NAN, 0.0], [1.0, 0.0], [1.0, 1.0]]],
            vec![vec![[f64::INFINITY, 0.0], [1.0, 0.0], [1.0, 1.0]], square()],
            vec![vec![[0.5, 0.5]; 5]],
        ] {
            triangulate(&MercPolygon { rings }, [0.0, 0.0], &mut out);
        }
        triangulate(
            &MercPolygon {
                rings: vec![square()],
            },
            [f64::INFINITY, 0.0],
            &mut out,
        );
        assert!(out.area() < 1e-9);
    }
}
