//! Border lines prepared once and only transformed per frame.
//!
//! A line of a given width around a polyline is the polyline pushed sideways by half the width
//! at every point. The direction to push, the mitred normal, does not depend on the zoom level
//! (the map transform is a uniform scale plus an offset), so it is computed once per point when
//! the geometry is built. A frame then only writes, per point, a few vertices at
//! `screen(p) ± normal * offset`: no normals, square roots or path bookkeeping per frame, which
//! is where egui's general path tessellation spends its time on long borders.
//!
//! The edges fade out over one physical pixel, as egui's own anti-aliased lines do.

use egui::{Color32, Mesh, Stroke, epaint::Vertex};

use super::view::ScreenTransform;

/// Longest mitre, in half line widths: sharper corners are cut to this length.
const MITRE_LIMIT: f32 = 2.0;

/// The mitred unit normal at every point of `points` (a quarter turn from the direction of
/// travel). A polyline whose last point is its first is treated as a ring.
/// Repeated points take the normal of a neighbouring segment.
pub fn mitres(points: &[[f32; 2]]) -> Vec<[f32; 2]> {
    let n = points.len();
    if n < 2 {
        return vec![[0.0, 0.0]; n];
    }
    // Unit normal of each segment; None for a segment of length zero.
    let seg: Vec<Option<[f32; 2]>> = points
        .windows(2)
        .map(|w| {
            let (dx, dy) = (w[1][0] - w[0][0], w[1][1] - w[0][1]);
            let len = (dx * dx + dy * dy).sqrt();
            (len > 0.0 && len.is_finite()).then(|| [-dy / len, dx / len])
        })
        .collect();
    // Fill degenerate segments from the previous one, then the first ones from the next.
    let mut filled = seg.clone();
    let mut last = None;
    for s in filled.iter_mut() {
        if s.is_none() {
            *s = last;
        }
        last = *s;
    }
    let first_valid = filled.iter().flatten().next().copied();
    let Some(first_valid) = first_valid else {
        return vec![[0.0, 0.0]; n];
    };
    let normals: Vec<[f32; 2]> = filled.iter().map(|s| s.unwrap_or(first_valid)).collect();
    let closed = n > 2 && points[0] == points[n - 1];
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let (a, b) = match i {
            0 if closed => (normals[n - 2], normals[0]),
            0 => (normals[0], normals[0]),
            _ if i == n - 1 && closed => (normals[n - 2], normals[0]),
            _ if i == n - 1 => (normals[n - 2], normals[n - 2]),
            _ => (normals[i - 1], normals[i]),
        };
        out.push(mitre(a, b));
    }
    out
}

/// The offset at a corner between segments with unit normals `a` and `b`: its projection on
/// both normals is 1, so both sides of the line keep their width.
fn mitre(a: [f32; 2], b: [f32; 2]) -> [f32; 2] {
    let cos = a[0] * b[0] + a[1] * b[1];
    let sum = [a[0] + b[0], a[1] + b[1]];
    let len = (sum[0] * sum[0] + sum[1] * sum[1]).sqrt();
    if len < 1e-6 {
        // The line turns back on itself.
        return a;
    }
    let m = [sum[0] / (1.0 + cos), sum[1] / (1.0 + cos)];
    let mlen = (m[0] * m[0] + m[1] * m[1]).sqrt();
    if mlen > MITRE_LIMIT {
        [sum[0] / len * MITRE_LIMIT, sum[1] / len * MITRE_LIMIT]
    } else {
        m
    }
}

/// How one kind of line is drawn: rows of vertices across the line, each an offset from the
/// centre (in screen pixels along the normal) and a colour.
#[derive(Clone, Copy, Debug)]
pub struct LineStyle {
    rows: [(f32, Color32); 4],
    count: usize,
}

impl LineStyle {
    /// A line of `stroke` with edges that fade over `feather` pixels (0: hard edges).
    pub fn new(stroke: Stroke, feather: f32) -> LineStyle {
        let (w, c) = (stroke.width, stroke.color);
        let clear = Color32::TRANSPARENT;
        if feather <= 0.0 {
            let h = w / 2.0;
            return LineStyle {
                rows: [(-h, c), (h, c), (0.0, clear), (0.0, clear)],
                count: 2,
            };
        }
        if w <= feather {
            // A thin line: as wide as the fade, paler in proportion to its width.
            let c = c.gamma_multiply(w / feather);
            return LineStyle {
                rows: [(-feather, clear), (0.0, c), (feather, clear), (0.0, clear)],
                count: 3,
            };
        }
        let (inner, outer) = ((w - feather) / 2.0, (w + feather) / 2.0);
        LineStyle {
            rows: [(-outer, clear), (-inner, c), (inner, c), (outer, clear)],
            count: 4,
        }
    }

    fn rows(&self) -> &[(f32, Color32)] {
        &self.rows[..self.count]
    }
}

/// Append the line through `points` (local coordinates, with their `mitres`) to `mesh`.
pub fn push_line(
    mesh: &mut Mesh,
    points: &[[f32; 2]],
    mitres: &[[f32; 2]],
    tf: &ScreenTransform,
    style: &LineStyle,
) {
    let n = points.len().min(mitres.len());
    if n < 2 {
        return;
    }
    let rows = style.rows();
    let r = rows.len() as u32;
    let base = mesh.vertices.len() as u32;
    mesh.vertices.reserve(n * rows.len());
    for (p, m) in points.iter().zip(mitres) {
        let centre = tf.apply(*p);
        for &(offset, color) in rows {
            mesh.vertices.push(Vertex {
                pos: egui::pos2(centre.x + m[0] * offset, centre.y + m[1] * offset),
                uv: egui::epaint::WHITE_UV,
                color,
            });
        }
    }
    mesh.indices.reserve((n - 1) * (r as usize - 1) * 6);
    for i in 0..n as u32 - 1 {
        let a = base + i * r;
        let b = a + r;
        for k in 0..r - 1 {
            mesh.indices
                .extend_from_slice(&[a + k, a + k + 1, b + k, a + k + 1, b + k + 1, b + k]);
        }
    }
}

/// The width over which line edges fade, in points: one physical pixel when egui
/// anti-aliases, else none.
pub fn feather(ctx: &egui::Context) -> f32 {
    ctx.tessellation_options(|o| {
        if o.feathering {
            o.feathering_size_in_pixels
        } else {
            0.0
        }
    }) / ctx.pixels_per_point()
}

/// The pieces of a dashed line along `points`: `dash` long, `gap` apart, from the start.
pub fn dashes(points: &[[f32; 2]], dash: f32, gap: f32) -> Vec<Vec<[f32; 2]>> {
    let mut out = Vec::new();
    if dash <= 0.0 || gap < 0.0 || points.len() < 2 {
        return out;
    }
    let mut piece: Vec<[f32; 2]> = vec![points[0]];
    let mut drawing = true;
    // Length left in the current dash or gap.
    let mut left = dash;
    for w in points.windows(2) {
        let (mut a, b) = (w[0], w[1]);
        let mut len = ((b[0] - a[0]).powi(2) + (b[1] - a[1]).powi(2)).sqrt();
        if !len.is_finite() {
            return out;
        }
        while len > left {
            let f = left / len;
            let p = [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f];
            if drawing {
                piece.push(p);
                out.push(std::mem::take(&mut piece));
            } else {
                piece = vec![p];
            }
            drawing = !drawing;
            len -= left;
            left = if drawing { dash } else { gap };
            a = p;
        }
        left -= len;
        if drawing {
            piece.push(b);
        }
    }
    if drawing && piece.len() > 1 {
        out.push(piece);
    }
    out
}

/// Append a straight line from `a` to `b`, both in screen pixels.
pub fn push_segment(mesh: &mut Mesh, a: egui::Pos2, b: egui::Pos2, style: &LineStyle) {
    let points = [[a.x, a.y], [b.x, b.y]];
    let identity = ScreenTransform {
        offset: egui::Vec2::ZERO,
        scale: 1.0,
    };
    push_line(mesh, &points, &mitres(&points), &identity, style);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn length(v: [f32; 2]) -> f32 {
        (v[0] * v[0] + v[1] * v[1]).sqrt()
    }

    #[test]
    fn a_straight_line_is_pushed_straight_sideways() {
        let m = mitres(&[[0.0, 0.0], [1.0, 0.0], [2.0, 0.0]]);
        for v in m {
            assert!(
                (v[0]).abs() < 1e-6 && (length(v) - 1.0).abs() < 1e-6,
                "{v:?}"
            );
        }
    }

    #[test]
    fn a_right_angle_keeps_both_sides_at_full_width() {
        let m = mitres(&[[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]]);
        // The corner's mitre reaches one unit from both segments: (-1, 1) turned by the normals.
        assert!((length(m[1]) - 2f32.sqrt()).abs() < 1e-5, "{:?}", m[1]);
        let (a, b) = ([0.0, 1.0], [-1.0, 0.0]);
        assert!((m[1][0] * a[0] + m[1][1] * a[1] - 1.0).abs() < 1e-5);
        assert!((m[1][0] * b[0] + m[1][1] * b[1] - 1.0).abs() < 1e-5);
    }

    #[test]
    fn spikes_repeats_and_single_points_stay_finite_and_bounded() {
        let spike = mitres(&[[0.0, 0.0], [1.0, 0.0], [0.0, 0.001]]);
        let repeat = mitres(&[[0.0, 0.0], [0.0, 0.0], [1.0, 0.0], [1.0, 0.0]]);
        let all_same = mitres(&[[3.0, 3.0], [3.0, 3.0]]);
        let one = mitres(&[[1.0, 1.0]]);
        for v in spike.iter().chain(&repeat).chain(&all_same).chain(&one) {
            assert!(v[0].is_finite() && v[1].is_finite(), "{v:?}");
            assert!(length(*v) <= MITRE_LIMIT + 1e-5, "{v:?}");
        }
        assert!(repeat.iter().all(|v| (length(*v) - 1.0).abs() < 1e-6));
    }

    #[test]
    fn a_ring_is_mitred_where_it_closes() {
        let sq = [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]];
        let m = mitres(&sq);
        assert_eq!(m[0], m[4]);
        assert!((length(m[0]) - 2f32.sqrt()).abs() < 1e-5, "{:?}", m[0]);
    }

    #[test]
    fn dashes_alternate_along_the_line() {
        let pieces = dashes(&[[0.0, 0.0], [25.0, 0.0], [25.0, 10.0]], 10.0, 5.0);
        // Dashes over 0-10, 15-25 (to the corner), then 30-35 along the second leg.
        assert_eq!(pieces.len(), 3, "{pieces:?}");
        assert_eq!(pieces[0], vec![[0.0, 0.0], [10.0, 0.0]]);
        assert_eq!(pieces[1], vec![[15.0, 0.0], [25.0, 0.0], [25.0, 0.0]]);
        assert_eq!(pieces[2], vec![[25.0, 5.0], [25.0, 10.0]]);
    }

    #[test]
    fn the_line_covers_its_width_on_screen() {
        let pts = [[0.0, 0.0], [10.0, 0.0]];
        let tf = ScreenTransform {
            offset: egui::vec2(100.0, 50.0),
            scale: 2.0,
        };
        let mut mesh = Mesh::default();
        let style = LineStyle::new(Stroke::new(3.0, Color32::BLACK), 1.0);
        push_line(&mut mesh, &pts, &mitres(&pts), &tf, &style);
        assert_eq!(mesh.vertices.len(), 8);
        assert_eq!(mesh.indices.len(), 18);
        let ys: Vec<f32> = mesh.vertices[..4].iter().map(|v| v.pos.y).collect();
        // Opaque from 49 to 51 (3 px minus the fade), fading out towards 48 and 52.
        assert_eq!(ys, vec![48.0, 49.0, 51.0, 52.0]);
        assert_eq!(mesh.vertices[4].pos.x, 120.0);
        assert!(mesh.vertices[0].color == Color32::TRANSPARENT);
        assert!(mesh.vertices[1].color == Color32::BLACK);
        assert!(mesh.is_valid());
    }
}
