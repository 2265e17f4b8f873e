//! Drawing the overlays on the map: the historic 2020 team borders with their names, and the
//! Proeftuin neighbourhoods (polygons, or a marker where the extent is not known).

use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Shape, Stroke, Vec2};

use super::mesh::MapGeometry;
use super::view::ScreenTransform;
use crate::model::geom::Merc;
use crate::overlays::Overlays;

/// Dark red: the historic borders stand out from the team borders (black) and fills.
pub const HISTORIC: Color32 = Color32::from_rgb(150, 0, 40);
pub const PROEFTUIN: Color32 = Color32::from_rgb(255, 200, 0);

/// Marker radius on screen.
pub const MARKER_RADIUS: f32 = 9.0;

fn to_screen(tf: &ScreenTransform, geo: &MapGeometry, m: Merc) -> Pos2 {
    tf.apply(geo.to_local(m))
}

/// A boxed label, left out when it would overlap one already `placed`.
fn label(
    painter: &Painter,
    placed: &mut Vec<Rect>,
    at: Pos2,
    text: &str,
    colour: Color32,
    size: f32,
) {
    let galley = painter.layout_no_wrap(text.to_string(), FontId::proportional(size), colour);
    let rect = Align2::CENTER_CENTER
        .anchor_size(at, galley.size())
        .expand2(Vec2::new(4.0, 2.0));
    if placed.iter().any(|r| r.intersects(rect)) {
        return;
    }
    placed.push(rect);
    painter.rect_filled(
        rect,
        3.0,
        Color32::from_rgba_unmultiplied(255, 255, 255, 225),
    );
    painter.rect_stroke(
        rect,
        3.0,
        Stroke::new(1.0, colour),
        egui::StrokeKind::Inside,
    );
    painter.galley(rect.min + Vec2::new(4.0, 2.0), galley, colour);
}

/// The historic team borders (dashed where the area is an estimate) and names.
pub fn draw_historic(
    painter: &Painter,
    tf: &ScreenTransform,
    geo: &MapGeometry,
    overlays: &Overlays,
    scale: f32,
) {
    let layer = &overlays.historic;
    // An arc is drawn dashed when a team on either side has an estimated area.
    let estimated: std::collections::HashSet<usize> = layer
        .teams
        .iter()
        .filter(|t| t.status != crate::model::scenario::AreaStatus::Sourced)
        .flat_map(|t| t.outline.iter().copied())
        .collect();
    for &a in &layer.outline {
        let Some(arc) = geo.arcs.get(a) else { continue };
        let pts: Vec<Pos2> = arc.points.iter().map(|&p| tf.apply(p)).collect();
        let stroke = Stroke::new(3.5 * scale, HISTORIC);
        if estimated.contains(&a) {
            painter.extend(Shape::dashed_line(&pts, stroke, 10.0 * scale, 6.0 * scale));
        } else {
            painter.add(Shape::line(pts, stroke));
        }
    }
    let mut placed = Vec::new();
    for t in &layer.teams {
        let at = to_screen(tf, geo, t.label) + Vec2::new(0.0, 18.0 * scale);
        if painter.clip_rect().contains(at) {
            label(
                painter,
                &mut placed,
                at,
                &format!("2020: {}", t.name),
                HISTORIC,
                12.0 * scale,
            );
        }
    }
}

/// The Proeftuinen: outlined polygons, or a marker for those whose extent is not known.
pub fn draw_proeftuinen(
    painter: &Painter,
    tf: &ScreenTransform,
    geo: &MapGeometry,
    overlays: &Overlays,
    scale: f32,
    approximate_word: &str,
) {
    let mut placed = Vec::new();
    for p in &overlays.proeftuinen {
        for poly in &p.merc {
            for ring in &poly.rings {
                let mut pts: Vec<Pos2> = ring.iter().map(|&m| to_screen(tf, geo, m)).collect();
                if let Some(&f) = pts.first() {
                    pts.push(f);
                }
                painter.add(Shape::line(
                    pts.clone(),
                    Stroke::new(5.0 * scale, Color32::BLACK),
                ));
                painter.add(Shape::line(pts, Stroke::new(2.5 * scale, PROEFTUIN)));
            }
        }
        let at = to_screen(tf, geo, p.marker);
        if p.marker_only() {
            painter.circle(
                at,
                MARKER_RADIUS * scale,
                PROEFTUIN,
                Stroke::new(2.0 * scale, Color32::BLACK),
            );
        }
        if painter.clip_rect().contains(at) {
            let text = if p.approximate {
                format!("{} ({approximate_word})", p.title())
            } else {
                p.title()
            };
            label(
                painter,
                &mut placed,
                at + Vec2::new(0.0, -22.0 * scale),
                &text,
                Color32::BLACK,
                12.0 * scale,
            );
        }
    }
}

/// Colour of a user's own reference layer.
pub const REFERENCE: Color32 = Color32::from_rgb(0, 70, 160);

/// A user's own layer: outlines, lines and points, with a label field.
pub fn draw_reference(
    painter: &Painter,
    tf: &ScreenTransform,
    geo: &MapGeometry,
    layer: &crate::data::reference::ReferenceLayer,
    label_field: Option<&str>,
    scale: f32,
) {
    let stroke = Stroke::new(2.0 * scale, REFERENCE);
    let ll = |c: [f64; 2]| to_screen(tf, geo, crate::model::geom::to_merc(c[0], c[1]));
    let mut placed = Vec::new();
    for f in &layer.features {
        for poly in &f.polygons {
            for ring in poly {
                painter.add(Shape::line(ring.iter().map(|&c| ll(c)).collect(), stroke));
            }
        }
        for line in &f.lines {
            painter.add(Shape::line(line.iter().map(|&c| ll(c)).collect(), stroke));
        }
        for &p in &f.points {
            painter.circle(
                ll(p),
                5.0 * scale,
                REFERENCE,
                Stroke::new(1.5, Color32::WHITE),
            );
        }
        if let Some(text) = label_field.and_then(|field| f.label(field)) {
            let at = to_screen(tf, geo, f.label_point);
            if painter.clip_rect().contains(at) {
                label(
                    painter,
                    &mut placed,
                    at + Vec2::new(0.0, 14.0 * scale),
                    &text,
                    REFERENCE,
                    11.0 * scale,
                );
            }
        }
    }
}
