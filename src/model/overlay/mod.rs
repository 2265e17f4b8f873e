//! Reference layers drawn over the team map: province (IROJ) borders, the historic 2020 team
//! areas and the Proeftuinen. Pure computations on polygons already read from files; the
//! files themselves are read in `crate::data::overlays`.

pub mod historic;
pub mod proeftuinen;

use super::geom::{self, BBox, Merc, MercPolygon};
use super::topology::LonLatPolygon;

/// A lon/lat polygon in Mercator space, with open rings (the closing point dropped).
pub fn merc_polygon(p: &LonLatPolygon) -> MercPolygon {
    MercPolygon {
        rings: p.iter().map(|r| open(merc_line(r))).collect(),
    }
}

/// Several lon/lat polygons in Mercator space.
pub fn merc_polygons(ps: &[LonLatPolygon]) -> Vec<MercPolygon> {
    ps.iter().map(merc_polygon).collect()
}

/// A lon/lat line in Mercator space.
pub fn merc_line(l: &[[f64; 2]]) -> Vec<Merc> {
    l.iter().map(|p| geom::to_merc(p[0], p[1])).collect()
}

fn open(mut ring: Vec<Merc>) -> Vec<Merc> {
    if ring.len() > 1 && ring.first() == ring.last() {
        ring.pop();
    }
    ring
}

/// Bounding box of polygons (their outer rings).
pub fn bbox_of(polys: &[MercPolygon]) -> BBox {
    polys.iter().fold(BBox::EMPTY, |b, p| b.union(p.bbox()))
}

/// The polygon with the largest area.
pub fn largest(polys: &[MercPolygon]) -> Option<&MercPolygon> {
    polys.iter().max_by(|a, b| a.area().total_cmp(&b.area()))
}

/// A point well inside the largest polygon (its pole of inaccessibility), for a label or a
/// marker. `None` only when there is no polygon with an area.
pub fn label_point(polys: &[MercPolygon]) -> Option<Merc> {
    let main = largest(polys).filter(|p| p.area() > 0.0)?;
    let p = geom::pole_of_inaccessibility(main);
    if main.contains(p) {
        Some(p)
    } else {
        scanline_point(main)
    }
}

/// A point inside a polygon found in linear time: the middle of the widest inside span on a
/// few horizontal lines through its bounding box. Meant for large files where the
/// pole-of-inaccessibility search would be slow.
pub fn scanline_point(poly: &MercPolygon) -> Option<Merc> {
    let bb = poly.bbox();
    if bb.is_empty() || bb.height() <= 0.0 {
        return None;
    }
    let mut best: Option<(f64, Merc)> = None;
    for k in 1..8 {
        let y = bb.min[1] + bb.height() * k as f64 / 8.0;
        let mut xs: Vec<f64> = Vec::new();
        for ring in &poly.rings {
            let n = ring.len();
            for i in 0..n {
                let (a, b) = (ring[i], ring[(i + 1) % n]);
                if (a[1] > y) != (b[1] > y) {
                    xs.push(a[0] + (y - a[1]) * (b[0] - a[0]) / (b[1] - a[1]));
                }
            }
        }
        xs.sort_by(f64::total_cmp);
        for pair in xs.chunks_exact(2) {
            let w = pair[1] - pair[0];
            if best.is_none_or(|(bw, _)| w > bw) {
                best = Some((w, [(pair[0] + pair[1]) / 2.0, y]));
            }
        }
    }
    best.map(|(_, p)| p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scanline_point_of_a_u_shape_is_inside() {
        let poly = crate::model::geom::u_shape();
        let p = scanline_point(&poly).expect("a point");
        assert!(poly.contains(p), "{p:?}");
    }

    #[test]
    fn label_point_uses_the_largest_polygon() {
        let small = vec![vec![[4.0, 51.0], [4.01, 51.0], [4.01, 51.01], [4.0, 51.0]]];
        let big = vec![vec![
            [3.0, 50.0],
            [3.5, 50.0],
            [3.5, 50.5],
            [3.0, 50.5],
            [3.0, 50.0],
        ]];
        let polys = merc_polygons(&[small, big]);
        let p = label_point(&polys).expect("a point");
        assert!(polys[1].contains(p));
    }
}
