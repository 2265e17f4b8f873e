//! Hatching over the cells that need attention: no team, detached parts of a team, zones
//! shared by two teams, and what differs from the comparison.

use std::fmt::Write as _;

use egui::{Color32, Pos2, Rect};

use super::{DrawFrame, LayerSetting, LegendEntry, MapLayer, Scene, SvgFrame, Swatch};
use crate::i18n::Texts;
use crate::map::lines::push_segment;
use crate::model::atlas::Atlas;
use crate::model::compare::Moved;
use crate::model::ids::{CellId, TiVec};
use crate::model::metrics::Metrics;
use crate::style;

pub struct Hatching;

/// Which cells are hatched, and in which colour: no team, what differs from the comparison
/// (when it is shown), zones shared by two teams and detached parts of a team, each drawn
/// over the one before. The window and the exports both hatch through this.
pub fn cell_hatching(
    atlas: &Atlas,
    m: &Metrics,
    differences: Option<&[Moved]>,
) -> TiVec<CellId, Option<Color32>> {
    let mut hatch: TiVec<CellId, Option<Color32>> = vec![None; atlas.cells.len()].into();
    let mut mark = |cells: &mut dyn Iterator<Item = CellId>, colour: Color32| {
        for c in cells {
            hatch[c] = Some(colour);
        }
    };
    mark(
        &mut m.unassigned_cells.iter().copied(),
        style::HATCH_NO_TEAM,
    );
    if let Some(moved) = differences {
        mark(&mut moved.iter().map(|m| m.cell), style::HATCH_DIFFERENCE);
    }
    mark(
        &mut m.teams.iter().flat_map(|st| {
            st.split_units
                .iter()
                .flat_map(|&u| atlas.units[u].cells.iter().copied())
        }),
        style::HATCH_SHARED,
    );
    mark(
        &mut m
            .teams
            .iter()
            .flat_map(|st| st.components.iter().skip(1).flatten().copied()),
        style::HATCH_DETACHED,
    );
    hatch
}

pub const KEY: &str = "hatching";

/// The kinds of hatching, in legend order, with their text.
fn kinds(t: &Texts) -> [(Color32, &'static str); 4] {
    [
        (style::HATCH_NO_TEAM, t.no_team),
        (style::HATCH_DETACHED, t.hatch_detached),
        (style::HATCH_SHARED, t.hatch_shared),
        (style::HATCH_DIFFERENCE, t.hatch_difference),
    ]
}

/// The id of the SVG pattern of a hatch colour.
fn pattern_id(c: Color32) -> String {
    format!("hatch{}", &style::hex(c)[1..])
}

impl MapLayer for Hatching {
    fn key(&self) -> &'static str {
        KEY
    }

    fn name(&self, t: &Texts) -> &'static str {
        t.hatch_layer
    }

    fn optional_in_export(&self) -> bool {
        false
    }

    fn draw(&self, scene: &Scene, frame: &mut DrawFrame, _setting: LayerSetting) {
        let spacing = style::HATCH_SPACING * frame.scale;
        let geo = frame.geometry;
        let tf = frame.screen_from_local;
        for (ci, h) in scene.hatch.iter_enumerated() {
            let Some(colour) = h else { continue };
            if !frame.in_view(&geo.cell_boxes[ci.index()]) {
                continue;
            }
            let rings: Vec<Vec<Pos2>> = scene.atlas.cells[ci]
                .merc
                .iter()
                .flat_map(|p| p.rings.iter())
                .map(|r| r.iter().map(|&m| tf.apply(geo.to_local(m))).collect())
                .collect();
            let st = frame.style(&style::Line::solid(style::HATCH_WIDTH, *colour));
            for (a, b) in hatch_segments(&rings, spacing, frame.clip) {
                push_segment(&mut frame.mesh, a, b, &st);
            }
        }
    }

    fn svg(&self, scene: &Scene, frame: &mut SvgFrame) {
        let k = frame.k;
        let mut used: Vec<Color32> = Vec::new();
        for c in scene.hatch.iter().flatten() {
            if !used.contains(c) {
                used.push(*c);
            }
        }
        if used.is_empty() {
            return;
        }
        let _ = write!(frame.out, "<defs>");
        for c in &used {
            let _ = write!(
                frame.out,
                r#"<pattern id="{}" width="{s:.1}" height="{s:.1}" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="{s:.1}" stroke="{}" stroke-width="{:.1}"/></pattern>"#,
                pattern_id(*c),
                style::hex(*c),
                f64::from(style::HATCH_WIDTH) * 1.6 * k,
                s = f64::from(style::HATCH_SPACING) * 1.1 * k,
            );
        }
        let _ = write!(frame.out, "</defs>");
        for (ci, h) in scene.hatch.iter_enumerated() {
            let Some(c) = h else { continue };
            let d = frame.polygon_path(&scene.atlas.cells[ci].polygons);
            let _ = write!(
                frame.out,
                r#"<path d="{d}" fill="url(#{})" fill-rule="evenodd"/>"#,
                pattern_id(*c)
            );
        }
    }

    fn legend(&self, scene: &Scene) -> Vec<LegendEntry> {
        kinds(scene.texts)
            .into_iter()
            .filter(|(c, _)| scene.hatch.contains(&Some(*c)))
            .map(|(c, text)| LegendEntry {
                swatch: Swatch::Hatch(c),
                text: text.to_string(),
            })
            .collect()
    }
}

/// Diagonal hatch lines inside the rings (even-odd), in screen space, limited to `clip`.
/// Each edge is put in the buckets of the lines it crosses, so the cost is the number of
/// edges plus the number of crossings.
pub fn hatch_segments(rings: &[Vec<Pos2>], spacing: f32, clip: Rect) -> Vec<(Pos2, Pos2)> {
    // Lines x - y = t0 + k * spacing; s = x + y runs along them.
    let t_of = |p: Pos2| p.x - p.y;
    let s_of = |p: Pos2| p.x + p.y;
    let (tmin, tmax) = (clip.min.x - clip.max.y, clip.max.x - clip.min.y);
    let n = (((tmax - tmin) / spacing).ceil() as usize).min(4000);
    let mut buckets: Vec<Vec<f32>> = vec![Vec::new(); n + 1];
    for ring in rings {
        let len = ring.len();
        for i in 0..len {
            let (a, b) = (ring[i], ring[(i + 1) % len]);
            let (ta, tb) = (t_of(a), t_of(b));
            if ta == tb {
                continue;
            }
            let lo = ta.min(tb).max(tmin);
            let hi = ta.max(tb).min(tmax);
            if lo > hi {
                continue;
            }
            let k0 = ((lo - tmin) / spacing).ceil() as usize;
            let k1 = (((hi - tmin) / spacing).floor() as usize).min(n);
            for (k, bucket) in buckets.iter_mut().enumerate().take(k1 + 1).skip(k0) {
                let t = tmin + k as f32 * spacing;
                let f = (t - ta) / (tb - ta);
                if (0.0..1.0).contains(&f) {
                    bucket.push(s_of(a) + f * (s_of(b) - s_of(a)));
                }
            }
        }
    }
    let mut out = Vec::new();
    for (k, mut ss) in buckets.into_iter().enumerate() {
        if ss.len() < 2 {
            continue;
        }
        ss.sort_by(f32::total_cmp);
        let t = tmin + k as f32 * spacing;
        for pair in ss.chunks_exact(2) {
            let p = |s: f32| Pos2::new((s + t) / 2.0, (s - t) / 2.0);
            out.push((p(pair[0]), p(pair[1])));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hatching_a_square_stays_inside_it() {
        let sq = vec![
            Pos2::new(10.0, 10.0),
            Pos2::new(110.0, 10.0),
            Pos2::new(110.0, 110.0),
            Pos2::new(10.0, 110.0),
        ];
        let clip = Rect::from_min_max(Pos2::ZERO, Pos2::new(200.0, 200.0));
        let segs = hatch_segments(&[sq], 10.0, clip);
        assert!(segs.len() > 10, "{} lines", segs.len());
        for (a, b) in segs {
            for p in [a, b] {
                assert!(
                    (9.9..=110.1).contains(&p.x) && (9.9..=110.1).contains(&p.y),
                    "{p:?}"
                );
            }
        }
    }
}
