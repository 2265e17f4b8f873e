//! Triangulated cells and border arcs in local Mercator coordinates (f32 offsets from the
//! atlas origin, which keeps full precision at every zoom level), built once per atlas.
//!
//! For low zoom levels there are coarser copies: every arc is simplified (Douglas-Peucker)
//! to half a pixel at the zoom level it serves, and each cell keeps exactly the vertices its
//! arcs keep. Neighbours share their arcs, so the simplified fills still meet without gaps.
//! Each copy is built the first time the map is drawn at its zoom level.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::lines;
use crate::model::atlas::Atlas;
use crate::model::geom::{self, Merc, MercPolygon};
use crate::model::ids::{CellId, TiVec, ZoneId};
use crate::model::topology::vertex_key;

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
    /// The mitred normal at each point (`lines::mitres`).
    pub mitres: Vec<[f32; 2]>,
    pub bbox: [f32; 4],
}

/// How much one level of detail holds, to size a frame's buffers once.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LevelSize {
    /// Vertices and indices of all cell meshes.
    pub vertices: usize,
    pub indices: usize,
    /// Points of all arcs.
    pub arc_points: usize,
}

impl LevelSize {
    fn of<'a>(cells: &[CellMesh], arcs: impl Iterator<Item = &'a [[f32; 2]]>) -> LevelSize {
        LevelSize {
            vertices: cells.iter().map(|c| c.vertices.len()).sum(),
            indices: cells.iter().map(|c| c.indices.len()).sum(),
            arc_points: arcs.map(<[_]>::len).sum(),
        }
    }
}

/// One simplified copy of the geometry.
#[derive(Clone, Debug)]
pub struct Lod {
    /// Used up to this zoom level.
    pub max_zoom: f64,
    pub cells: Vec<CellMesh>,
    /// Points of each arc (same numbering as `MapGeometry::arcs`), and their mitred normals.
    pub arcs: Vec<Vec<[f32; 2]>>,
    pub mitres: Vec<Vec<[f32; 2]>>,
    pub size: LevelSize,
}

/// Zoom levels that get a simplified copy; above the last one the full detail is drawn.
pub const LOD_ZOOMS: [f64; 5] = [7.0, 8.0, 9.0, 10.0, 11.0];
/// Simplification tolerance, in pixels at the level's zoom.
const LOD_PIXELS: f64 = 0.5;

/// Everything the map needs to draw an atlas, computed once.
#[derive(Clone, Debug)]
pub struct MapGeometry {
    pub origin: Merc,
    /// Full detail.
    pub cells: Vec<CellMesh>,
    pub arcs: Vec<ArcLine>,
    size: LevelSize,
    /// Coarser copies for the zoom levels of `LOD_ZOOMS`, each built when first drawn.
    lods: Vec<OnceLock<Lod>>,
    /// Importance of every ring vertex of every cell, and of every arc vertex.
    ring_importance: Vec<Vec<Vec<f64>>>,
    arc_importance: Vec<Vec<f64>>,
    /// Bounding box of each cell, local coordinates `[min x, min y, max x, max y]`.
    pub cell_boxes: Vec<[f32; 4]>,
    /// The arcs around each cell.
    pub cell_arcs: Vec<Vec<u32>>,
    /// Arcs between two zones.
    pub zone_arcs: Vec<u32>,
    /// Arcs between two municipalities of the same zone.
    pub muni_arcs: Vec<u32>,
    /// Arcs on a province (IROJ region) border or on the outer boundary.
    pub province_arcs: Vec<u32>,
    /// Zones by population, largest first (the order labels are placed in).
    pub label_order: Vec<ZoneId>,
}

/// The meshes and arc points of one level of detail.
#[derive(Clone, Copy, Debug)]
pub struct Level<'a> {
    pub cells: &'a [CellMesh],
    pub size: LevelSize,
    arcs: Option<&'a Lod>,
    full: &'a [ArcLine],
}

impl<'a> Level<'a> {
    pub fn arc(&self, arc: usize) -> &'a [[f32; 2]] {
        match self.arcs {
            Some(lod) => &lod.arcs[arc],
            None => &self.full[arc].points,
        }
    }

    /// The mitred normals of the points of `arc` (`lines::mitres`).
    pub fn mitres(&self, arc: usize) -> &'a [[f32; 2]] {
        match self.arcs {
            Some(lod) => &lod.mitres[arc],
            None => &self.full[arc].mitres,
        }
    }
}

/// Which copy of the geometry to draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detail {
    Full,
    Lod(usize),
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

/// Douglas-Peucker importance of each point of a line: the point survives a simplification
/// with tolerance `t` exactly when its importance is above `t`. The end points are kept always.
pub fn importance(points: &[Merc]) -> Vec<f64> {
    let n = points.len();
    let mut imp = vec![0.0; n];
    if n == 0 {
        return imp;
    }
    imp[0] = f64::INFINITY;
    imp[n - 1] = f64::INFINITY;
    let mut stack = vec![(0usize, n - 1, f64::INFINITY)];
    while let Some((a, b, cap)) = stack.pop() {
        if b <= a + 1 {
            continue;
        }
        let (mut best, mut at) = (-1.0, a + 1);
        for (i, p) in points.iter().enumerate().take(b).skip(a + 1) {
            let d = geom::seg_distance(*p, points[a], points[b]);
            if d > best {
                best = d;
                at = i;
            }
        }
        // A point is never more important than the split that made it a candidate.
        let v = best.min(cap);
        imp[at] = v;
        stack.push((a, at, v));
        stack.push((at, b, v));
    }
    imp
}

/// Tolerance in normalised Mercator units for `pixels` at zoom level `zoom`.
pub(crate) fn tolerance(zoom: f64, pixels: f64) -> f64 {
    pixels / (256.0 * 2f64.powf(zoom))
}

impl MapGeometry {
    pub fn build(atlas: &Atlas) -> MapGeometry {
        let origin = atlas.bbox.min;
        let local = |m: Merc| [(m[0] - origin[0]) as f32, (m[1] - origin[1]) as f32];
        let cells: Vec<CellMesh> = atlas
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

        // Arcs in Mercator, and the importance of every vertex (the most any arc gives it).
        let mut vertex_importance: HashMap<(i64, i64), f64> = HashMap::new();
        let mut arcs = Vec::with_capacity(atlas.topology.arcs.len());
        for a in &atlas.topology.arcs {
            let merc: Vec<Merc> = a.points.iter().map(|p| geom::to_merc(p[0], p[1])).collect();
            let imp = importance(&merc);
            for (p, &v) in a.points.iter().zip(&imp) {
                let e = vertex_importance.entry(vertex_key(*p)).or_insert(v);
                *e = e.max(v);
            }
            let points: Vec<[f32; 2]> = merc.iter().map(|&m| local(m)).collect();
            let mut bbox = [f32::MAX, f32::MAX, f32::MIN, f32::MIN];
            for p in &points {
                bbox[0] = bbox[0].min(p[0]);
                bbox[1] = bbox[1].min(p[1]);
                bbox[2] = bbox[2].max(p[0]);
                bbox[3] = bbox[3].max(p[1]);
            }
            arcs.push(ArcLine {
                left: a.left,
                right: a.right,
                mitres: lines::mitres(&points),
                points,
                bbox,
            });
        }
        let lookup = |p: [f64; 2]| {
            vertex_importance
                .get(&vertex_key(p))
                .copied()
                // A vertex on no arc (a border with another piece of the same cell) stays.
                .unwrap_or(f64::INFINITY)
        };
        // Importance of every ring vertex of every cell (rings of `merc` are the lon/lat
        // rings without the closing point).
        let ring_importance: Vec<Vec<Vec<f64>>> = atlas
            .cells
            .iter()
            .map(|c| {
                c.merc
                    .iter()
                    .zip(&c.polygons)
                    .flat_map(|(mp, lp)| {
                        mp.rings
                            .iter()
                            .zip(lp)
                            .map(|(mr, lr)| lr.iter().take(mr.len()).map(|&p| lookup(p)).collect())
                    })
                    .collect()
            })
            .collect();
        let arc_vertex_importance: Vec<Vec<f64>> = atlas
            .topology
            .arcs
            .iter()
            .map(|a| a.points.iter().map(|&p| lookup(p)).collect())
            .collect();

        let lods = LOD_ZOOMS.iter().map(|_| OnceLock::new()).collect();

        let cell_boxes = atlas
            .cells
            .iter()
            .map(|c| {
                let (a, b) = (local(c.bbox.min), local(c.bbox.max));
                [a[0], a[1], b[0], b[1]]
            })
            .collect();
        let mut cell_arcs = vec![Vec::new(); atlas.cells.len()];
        let mut zone_arcs = Vec::new();
        let mut muni_arcs = Vec::new();
        let mut province_arcs = Vec::new();
        let province = |c: u32| &atlas.municipalities[atlas.cells[CellId::from(c)].muni].province;
        for (i, a) in atlas.topology.arcs.iter().enumerate() {
            let i = i as u32;
            if a.right.is_none_or(|r| province(r) != province(a.left)) {
                province_arcs.push(i);
            }
            cell_arcs[a.left as usize].push(i);
            if let Some(r) = a.right {
                cell_arcs[r as usize].push(i);
                let (l, r) = (
                    &atlas.cells[CellId::from(a.left)],
                    &atlas.cells[CellId::from(r)],
                );
                if l.unit != r.unit {
                    zone_arcs.push(i);
                } else if l.muni != r.muni {
                    muni_arcs.push(i);
                }
            }
        }
        let label_order = most_populous_first(atlas);
        MapGeometry {
            origin,
            size: LevelSize::of(&cells, arcs.iter().map(|a| a.points.as_slice())),
            cells,
            arcs,
            lods,
            ring_importance,
            arc_importance: arc_vertex_importance,
            cell_boxes,
            cell_arcs,
            zone_arcs,
            muni_arcs,
            province_arcs,
            label_order,
        }
    }

    /// The copy to draw at a zoom level: the coarsest one that is still fine enough.
    pub fn detail(&self, zoom: f64) -> Detail {
        LOD_ZOOMS
            .iter()
            .position(|&z| zoom <= z)
            .map_or(Detail::Full, Detail::Lod)
    }

    /// The geometry at a level of detail. A simplified copy is built on first use (a few
    /// milliseconds), from `atlas`, which must be the atlas this geometry was built from.
    pub fn level(&self, atlas: &Atlas, detail: Detail) -> Level<'_> {
        match detail {
            Detail::Lod(l) if l < self.lods.len() => {
                let lod = self.lods[l].get_or_init(|| self.build_lod(atlas, l));
                Level {
                    cells: &lod.cells,
                    size: lod.size,
                    arcs: Some(lod),
                    full: &self.arcs,
                }
            }
            _ => Level {
                cells: &self.cells,
                size: self.size,
                arcs: None,
                full: &self.arcs,
            },
        }
    }

    fn build_lod(&self, atlas: &Atlas, level: usize) -> Lod {
        let zoom = LOD_ZOOMS[level.min(LOD_ZOOMS.len() - 1)];
        let tol = tolerance(zoom, LOD_PIXELS);
        let origin = self.origin;
        let cells: Vec<CellMesh> = atlas
            .cells
            .iter()
            .zip(&self.ring_importance)
            .map(|(c, imps)| {
                let mut m = CellMesh::default();
                let mut imps = imps.iter();
                for p in &c.merc {
                    let rings: Vec<Vec<Merc>> = p
                        .rings
                        .iter()
                        .zip(imps.by_ref().take(p.rings.len()))
                        .map(|(r, imp)| {
                            r.iter()
                                .zip(imp)
                                .filter(|(_, v)| **v > tol)
                                .map(|(p, _)| *p)
                                .collect()
                        })
                        .collect();
                    // A polygon whose outer ring shrinks below a triangle vanishes; so do
                    // such holes.
                    if rings.first().is_some_and(|r| r.len() >= 3) {
                        let rings = rings.into_iter().filter(|r| r.len() >= 3).collect();
                        triangulate(&MercPolygon { rings }, origin, &mut m);
                    }
                }
                m
            })
            .collect();
        let arcs: Vec<Vec<[f32; 2]>> = self
            .arcs
            .iter()
            .zip(&self.arc_importance)
            .map(|(a, imp)| {
                a.points
                    .iter()
                    .zip(imp)
                    .filter(|(_, v)| **v > tol)
                    .map(|(p, _)| *p)
                    .collect()
            })
            .collect();
        let mitres = arcs.iter().map(|a| lines::mitres(a)).collect();
        let size = LevelSize::of(&cells, arcs.iter().map(Vec::as_slice));
        Lod {
            max_zoom: zoom,
            cells,
            arcs,
            mitres,
            size,
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

/// The zones, the most populous first: the order their names are placed in.
pub fn most_populous_first(atlas: &Atlas) -> Vec<ZoneId> {
    let pop: TiVec<ZoneId, f64> = atlas
        .units
        .keys()
        .map(|u| atlas.unit_population(u).0.unwrap_or(0.0))
        .collect();
    let mut order: Vec<ZoneId> = atlas.units.keys().collect();
    order.sort_by(|&a, &b| pop[b].total_cmp(&pop[a]));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn importance_keeps_the_ends_and_the_corner() {
        // An L with a slight wobble: the corner matters, the wobble does not.
        let pts = [[0.0, 0.0], [1.0, 0.001], [2.0, 0.0], [2.0, 2.0]];
        let imp = importance(&pts);
        assert!(imp[0].is_infinite() && imp[3].is_infinite());
        assert!(imp[2] > 0.5, "corner {}", imp[2]);
        assert!(imp[1] < 0.01, "wobble {}", imp[1]);
    }

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
