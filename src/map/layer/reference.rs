//! A user's own reference layer (GeoJSON): outlines, lines and points, named by a field of
//! the user's choice.

use std::fmt::Write as _;

use egui::epaint::CircleShape;
use egui::{Color32, Pos2, Shape, Stroke, Vec2};

use super::labels::overlay_label;
use super::{
    DrawFrame, LayerSetting, LegendEntry, MapLayer, Scene, SvgFrame, SvgLabel, Swatch, priority,
};
use crate::data::reference::ReferenceLayer;
use crate::i18n::Texts;
use crate::map::view::MapLabel;
use crate::model::geom::{Merc, to_merc};
use crate::style;

pub struct Reference;

pub const KEY: &str = "reference";

impl MapLayer for Reference {
    fn key(&self) -> &'static str {
        KEY
    }

    fn name(&self, t: &Texts) -> &'static str {
        t.reference_layer
    }

    /// Its switch and label field are in the layer panel's own section for it.
    fn in_panel(&self) -> bool {
        false
    }

    fn available(&self, scene: &Scene) -> bool {
        scene.reference.is_some()
    }

    fn draw(&self, scene: &Scene, frame: &mut DrawFrame, _setting: LayerSetting) {
        let Some((layer, label_field)) = scene.reference else {
            return;
        };
        let (shapes, labels) =
            reference_shapes(&|m| frame.screen(m), frame.scale, layer, label_field);
        frame.shapes.extend(shapes);
        frame
            .labels
            .extend(labels.into_iter().map(|l| (priority::REFERENCE, l)));
    }

    fn svg(&self, scene: &Scene, frame: &mut SvgFrame) {
        let Some((layer, label_field)) = scene.reference else {
            return;
        };
        let k = frame.k;
        let mut d = String::new();
        for f in &layer.features {
            for ring in f.polygons.iter().flatten() {
                frame.path_points(&mut d, ring, true);
            }
            for line in &f.lines {
                frame.path_points(&mut d, line, false);
            }
        }
        if !d.is_empty() {
            let _ = write!(
                frame.out,
                r#"<path d="{d}" {}/>"#,
                style::REFERENCE_LINE.svg(k)
            );
        }
        for f in &layer.features {
            for &p in &f.points {
                let (x, y) = frame.image_from_merc.apply(to_merc(p[0], p[1]));
                let _ = write!(
                    frame.out,
                    r##"<circle cx="{x:.1}" cy="{y:.1}" r="{:.1}" fill="{}" stroke="#ffffff" stroke-width="{:.1}"/>"##,
                    f64::from(style::REFERENCE_POINT_RADIUS) * k,
                    style::hex(style::REFERENCE),
                    1.5 * k
                );
            }
            if let Some(text) = label_field.and_then(|field| f.label(field)) {
                let (x, y) = frame.image_from_merc.apply(f.label_point);
                frame.labels.push((
                    priority::REFERENCE,
                    SvgLabel {
                        at: (x, y + 14.0 * k),
                        text,
                        size: 12.0 * k,
                        colour: style::REFERENCE,
                        outlined: true,
                    },
                ));
            }
        }
    }

    fn legend(&self, scene: &Scene) -> Vec<LegendEntry> {
        scene
            .reference
            .map(|(layer, _)| LegendEntry {
                swatch: Swatch::Line(style::REFERENCE_LINE),
                text: format!("{}: {}", scene.texts.reference_layer, layer.name),
            })
            .into_iter()
            .collect()
    }
}

/// The outlines, lines and points of a reference layer on screen (`screen` places a Mercator
/// point), and the names of its label field.
pub fn reference_shapes(
    screen: &dyn Fn(Merc) -> Pos2,
    scale: f32,
    layer: &ReferenceLayer,
    label_field: Option<&str>,
) -> (Vec<Shape>, Vec<MapLabel>) {
    let stroke = Stroke::new(style::REFERENCE_LINE.width * scale, style::REFERENCE);
    let ll = |c: [f64; 2]| screen(to_merc(c[0], c[1]));
    let mut shapes = Vec::new();
    let mut labels = Vec::new();
    for f in &layer.features {
        for poly in &f.polygons {
            for ring in poly {
                shapes.push(Shape::line(ring.iter().map(|&c| ll(c)).collect(), stroke));
            }
        }
        for line in &f.lines {
            shapes.push(Shape::line(line.iter().map(|&c| ll(c)).collect(), stroke));
        }
        for &p in &f.points {
            shapes.push(Shape::Circle(CircleShape {
                center: ll(p),
                radius: style::REFERENCE_POINT_RADIUS * scale,
                fill: style::REFERENCE,
                stroke: Stroke::new(1.5, Color32::WHITE),
            }));
        }
        if let Some(text) = label_field.and_then(|field| f.label(field)) {
            let at = screen(f.label_point) + Vec2::new(0.0, 14.0 * scale);
            labels.push(overlay_label(at, text, style::REFERENCE, 11.0 * scale));
        }
    }
    (shapes, labels)
}
