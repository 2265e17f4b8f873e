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
    /// The arc separates two provinces (IROJ regions) or bounds the whole map.
    pub province_border: bool,
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

/// Triangulate one polygon (outer ring plus holes) with ear clipping.
pub fn triangulate(poly: &MercPolygon, origin: Merc, out: &mut CellMesh) {
    let mut coords: Vec<f64> = Vec::new();
    let mut holes: Vec<usize> = Vec::new();
    for (i, ring) in poly.rings.iter().enumerate() {
        if i > 0 {
            holes.push(coords.len() / 2);
        }
        for p in ring {
            coords.push(p[0] - origin[0]);
            coords.push(p[1] - origin[1]);
        }
    }
    let base = out.vertices.len() as u32;
    let Ok(tris) = earcutr::earcut(&coords, &holes, 2) else {
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
                let prov = |c: u32| &atlas.municipalities[atlas.cells[c as usize].muni].province;
                ArcLine {
                    province_border: a.right.is_none_or(|r| prov(r) != prov(a.left)),
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
