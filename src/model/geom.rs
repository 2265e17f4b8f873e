//! Plain geometry helpers: Web Mercator, ring areas, point-in-polygon and a
//! pole-of-inaccessibility search for label placement.
//!
//! Coordinates come in as WGS84 `[lon, lat]`; drawing works in normalised Web Mercator
//! (`x`, `y` in `0..1`, `y` growing southwards), which is what the tile map uses.

use geo::{MultiPolygon, Polygon};

/// A point in normalised Web Mercator space.
pub type Merc = [f64; 2];

/// Project WGS84 lon/lat to normalised Web Mercator (0..1 on both axes, y down).
pub fn to_merc(lon: f64, lat: f64) -> Merc {
    let x = (lon + 180.0) / 360.0;
    let lat_r = lat.to_radians();
    let y = (1.0 - (lat_r.tan() + 1.0 / lat_r.cos()).ln() / std::f64::consts::PI) / 2.0;
    [x, y]
}

/// Inverse of [`to_merc`].
pub fn from_merc(p: Merc) -> (f64, f64) {
    let lon = p[0] * 360.0 - 180.0;
    let n = std::f64::consts::PI * (1.0 - 2.0 * p[1]);
    let lat = n.sinh().atan().to_degrees();
    (lon, lat)
}

/// Signed shoelace area of a closed or open ring (positive when counter-clockwise in a y-up frame).
pub fn ring_signed_area(ring: &[Merc]) -> f64 {
    let n = ring.len();
    if n < 3 {
        return 0.0;
    }
    let mut s = 0.0;
    for i in 0..n {
        let a = ring[i];
        let b = ring[(i + 1) % n];
        s += a[0] * b[1] - b[0] * a[1];
    }
    s / 2.0
}

/// A polygon in Mercator space: the first ring is the outer one, the others are holes.
/// Rings are stored open (the closing point is not repeated).
#[derive(Clone, Debug, Default)]
pub struct MercPolygon {
    pub rings: Vec<Vec<Merc>>,
}

impl MercPolygon {
    /// Area of the outer ring minus its holes.
    pub fn area(&self) -> f64 {
        let mut it = self.rings.iter();
        let Some(outer) = it.next() else { return 0.0 };
        let mut a = ring_signed_area(outer).abs();
        for h in it {
            a -= ring_signed_area(h).abs();
        }
        a
    }

    pub fn contains(&self, p: Merc) -> bool {
        let mut inside = false;
        for ring in &self.rings {
            if ring_contains(ring, p) {
                inside = !inside;
            }
        }
        inside
    }

    pub fn bbox(&self) -> BBox {
        let mut b = BBox::EMPTY;
        if let Some(outer) = self.rings.first() {
            for p in outer {
                b.include(*p);
            }
        }
        b
    }

    /// Distance from `p` to the nearest ring edge.
    pub fn distance_to_boundary(&self, p: Merc) -> f64 {
        let mut best = f64::INFINITY;
        for ring in &self.rings {
            let n = ring.len();
            for i in 0..n {
                let d = seg_distance(p, ring[i], ring[(i + 1) % n]);
                if d < best {
                    best = d;
                }
            }
        }
        best
    }
}

/// Even-odd test of one ring.
pub fn ring_contains(ring: &[Merc], p: Merc) -> bool {
    let n = ring.len();
    let mut inside = false;
    let mut j = n.wrapping_sub(1);
    for i in 0..n {
        let a = ring[i];
        let b = ring[j];
        if (a[1] > p[1]) != (b[1] > p[1]) {
            let x = (b[0] - a[0]) * (p[1] - a[1]) / (b[1] - a[1]) + a[0];
            if p[0] < x {
                inside = !inside;
            }
        }
        j = i;
    }
    inside
}

/// Distance from `p` to segment `a`-`b`.
pub fn seg_distance(p: Merc, a: Merc, b: Merc) -> f64 {
    let dx = b[0] - a[0];
    let dy = b[1] - a[1];
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let qx = a[0] + t * dx - p[0];
    let qy = a[1] + t * dy - p[1];
    (qx * qx + qy * qy).sqrt()
}

/// An axis-aligned bounding box in Mercator space.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BBox {
    pub min: Merc,
    pub max: Merc,
}

impl BBox {
    pub const EMPTY: BBox = BBox {
        min: [f64::INFINITY, f64::INFINITY],
        max: [f64::NEG_INFINITY, f64::NEG_INFINITY],
    };

    pub fn include(&mut self, p: Merc) {
        self.min[0] = self.min[0].min(p[0]);
        self.min[1] = self.min[1].min(p[1]);
        self.max[0] = self.max[0].max(p[0]);
        self.max[1] = self.max[1].max(p[1]);
    }

    pub fn union(mut self, other: BBox) -> BBox {
        self.include(other.min);
        self.include(other.max);
        self
    }

    pub fn is_empty(&self) -> bool {
        self.min[0] > self.max[0]
    }

    pub fn contains(&self, p: Merc) -> bool {
        p[0] >= self.min[0] && p[0] <= self.max[0] && p[1] >= self.min[1] && p[1] <= self.max[1]
    }

    pub fn intersects(&self, o: &BBox) -> bool {
        self.min[0] <= o.max[0]
            && o.min[0] <= self.max[0]
            && self.min[1] <= o.max[1]
            && o.min[1] <= self.max[1]
    }

    pub fn center(&self) -> Merc {
        [
            (self.min[0] + self.max[0]) / 2.0,
            (self.min[1] + self.max[1]) / 2.0,
        ]
    }

    pub fn width(&self) -> f64 {
        self.max[0] - self.min[0]
    }

    pub fn height(&self) -> f64 {
        self.max[1] - self.min[1]
    }
}

/// Convert a geo polygon in lon/lat to Mercator with open rings.
pub fn polygon_to_merc(p: &Polygon<f64>) -> MercPolygon {
    let conv = |ls: &geo::LineString<f64>| {
        let mut v: Vec<Merc> = ls.0.iter().map(|c| to_merc(c.x, c.y)).collect();
        if v.len() > 1 && v.first() == v.last() {
            v.pop();
        }
        v
    };
    let mut rings = vec![conv(p.exterior())];
    rings.extend(p.interiors().iter().map(conv));
    MercPolygon { rings }
}

pub fn multipolygon_to_merc(mp: &MultiPolygon<f64>) -> Vec<MercPolygon> {
    mp.0.iter().map(polygon_to_merc).collect()
}

/// A point well inside the polygon, as far as possible from its edges
/// (the "pole of inaccessibility", searched on a refining grid).
/// Unlike the centroid it never falls outside a concave shape.
pub fn pole_of_inaccessibility(poly: &MercPolygon) -> Merc {
    pole_of_inaccessibility_with(
        poly.bbox(),
        |p| poly.contains(p),
        |p| poly.distance_to_boundary(p),
    )
}

/// The same search for any area given by an inside test and a distance to its border.
pub fn pole_of_inaccessibility_with(
    bb: BBox,
    contains: impl Fn(Merc) -> bool,
    distance: impl Fn(Merc) -> f64,
) -> Merc {
    if bb.is_empty() {
        return [0.0, 0.0];
    }
    let signed = |p: Merc| {
        let d = distance(p);
        if contains(p) { d } else { -d }
    };
    let size = bb.width().max(bb.height());
    if size <= 0.0 {
        return bb.min;
    }
    struct Cell {
        c: Merc,
        h: f64,
        d: f64,
        max: f64,
    }
    let make = |c: Merc, h: f64| {
        let d = signed(c);
        Cell {
            c,
            h,
            d,
            max: d + h * std::f64::consts::SQRT_2,
        }
    };
    let precision = size / 200.0;
    let cell = size / 8.0;
    let h = cell / 2.0;
    let mut queue: Vec<Cell> = Vec::new();
    let mut x = bb.min[0];
    while x < bb.max[0] {
        let mut y = bb.min[1];
        while y < bb.max[1] {
            queue.push(make([x + h, y + h], h));
            y += cell;
        }
        x += cell;
    }
    let mut best = make(bb.center(), 0.0);
    for c in &queue {
        if c.d > best.d {
            best = Cell {
                c: c.c,
                h: 0.0,
                d: c.d,
                max: c.d,
            };
        }
    }
    let mut steps = 0;
    while let Some(idx) = queue
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.max.total_cmp(&b.1.max))
        .map(|(i, _)| i)
    {
        let c = queue.swap_remove(idx);
        steps += 1;
        if c.d > best.d {
            best = Cell {
                c: c.c,
                h: 0.0,
                d: c.d,
                max: c.d,
            };
        }
        if c.max - best.d <= precision || steps > 800 {
            continue;
        }
        let h = c.h / 2.0;
        for (dx, dy) in [(-h, -h), (h, -h), (-h, h), (h, h)] {
            queue.push(make([c.c[0] + dx, c.c[1] + dy], h));
        }
    }
    best.c
}

/// A "U" three units wide and high with a notch one unit wide, for tests of inside points.
#[cfg(test)]
pub(crate) fn u_shape() -> MercPolygon {
    let ring = vec![
        [0.0, 0.0],
        [3.0, 0.0],
        [3.0, 3.0],
        [2.0, 3.0],
        [2.0, 1.0],
        [1.0, 1.0],
        [1.0, 3.0],
        [0.0, 3.0],
    ];
    MercPolygon { rings: vec![ring] }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mercator_round_trip() {
        let p = to_merc(4.35, 50.85);
        let (lon, lat) = from_merc(p);
        assert!((lon - 4.35).abs() < 1e-9 && (lat - 50.85).abs() < 1e-9);
    }

    #[test]
    fn label_point_of_a_u_shape_is_inside() {
        // A "U": the centroid of its bounding box lies in the notch, outside the shape.
        let poly = u_shape();
        assert!(!poly.contains([1.5, 2.0]));
        let p = pole_of_inaccessibility(&poly);
        assert!(poly.contains(p), "label point {p:?} outside the U");
    }
}
