//! The Proeftuin neighbourhoods: outlined polygons, or a marker for those whose extent is not
//! known, with their names.

use std::fmt::Write as _;

use egui::epaint::CircleShape;
use egui::{Color32, Pos2, Shape, Stroke, Vec2};

use super::labels::overlay_label;
use super::{
    DrawFrame, Hit, HitFrame, LayerSetting, LegendEntry, MapLayer, Scene, SvgFrame, SvgLabel,
    Swatch, priority,
};
use crate::i18n::Texts;
use crate::model::overlay::proeftuinen::ProeftuinOverlay;
use crate::style;

pub struct Proeftuinen;

pub const KEY: &str = "proeftuinen";

/// Short on the map (the neighbourhood's full name is on its card and in search): the full
/// names ran across several zones at the zoom of all Flanders.
fn short_name(p: &ProeftuinOverlay, t: &Texts) -> String {
    if p.approximate {
        format!("Proeftuin {} ({})", p.municipality_name, t.approximate)
    } else {
        format!("Proeftuin {}", p.municipality_name)
    }
}

impl MapLayer for Proeftuinen {
    fn key(&self) -> &'static str {
        KEY
    }

    fn name(&self, t: &Texts) -> &'static str {
        t.proeftuinen_layer
    }

    fn default_setting(&self) -> LayerSetting {
        LayerSetting::OFF
    }

    fn draw(&self, scene: &Scene, frame: &mut DrawFrame, _setting: LayerSetting) {
        let s = frame.scale;
        for p in &scene.overlays.proeftuinen {
            for poly in &p.merc {
                for ring in &poly.rings {
                    let mut pts: Vec<Pos2> = ring.iter().map(|&m| frame.screen(m)).collect();
                    if let Some(&f) = pts.first() {
                        pts.push(f);
                    }
                    for line in [style::PROEFTUIN_EDGE, style::PROEFTUIN_LINE] {
                        frame.shapes.push(Shape::line(
                            pts.clone(),
                            Stroke::new(line.width * s, line.colour),
                        ));
                    }
                }
            }
            let at = frame.screen(p.marker);
            if p.marker_only() {
                frame.shapes.push(Shape::Circle(CircleShape {
                    center: at,
                    radius: style::MARKER_RADIUS * s,
                    fill: style::PROEFTUIN,
                    stroke: Stroke::new(2.0 * s, Color32::BLACK),
                }));
            }
            frame.labels.push((
                priority::PROEFTUIN,
                overlay_label(
                    at + Vec2::new(0.0, -22.0 * s),
                    short_name(p, scene.texts),
                    Color32::BLACK,
                    12.0 * s,
                ),
            ));
        }
    }

    fn svg(&self, scene: &Scene, frame: &mut SvgFrame) {
        let k = frame.k;
        let yellow = style::hex(style::PROEFTUIN);
        for p in &scene.overlays.proeftuinen {
            let d = frame.polygon_path(&p.polygons);
            if !d.is_empty() {
                let _ = write!(
                    frame.out,
                    r##"<path d="{d}" fill="{yellow}" fill-opacity="0.5" stroke="#000000" stroke-width="{:.1}"/>"##,
                    2.0 * k
                );
            }
            let (x, y) = frame.image_from_merc.apply(p.marker);
            if p.marker_only() {
                let _ = write!(
                    frame.out,
                    r##"<circle cx="{x:.1}" cy="{y:.1}" r="{:.1}" fill="{yellow}" stroke="#000000" stroke-width="{:.1}"/>"##,
                    f64::from(style::MARKER_RADIUS) * k,
                    2.0 * k
                );
            }
            frame.labels.push((
                priority::PROEFTUIN,
                SvgLabel {
                    at: (x, y - 20.0 * k),
                    text: short_name(p, scene.texts),
                    size: 13.0 * k,
                    colour: Color32::BLACK,
                    outlined: true,
                },
            ));
        }
    }

    fn legend(&self, scene: &Scene) -> Vec<LegendEntry> {
        vec![LegendEntry {
            swatch: Swatch::Marker(style::PROEFTUIN),
            text: scene.texts.proeftuinen_layer.to_string(),
        }]
    }

    fn hit(&self, scene: &Scene, frame: &HitFrame, at: Pos2) -> Option<Hit> {
        let tf = frame.screen_from_local;
        let radius = f64::from(style::MARKER_RADIUS * 1.5 / tf.scale);
        scene
            .overlays
            .proeftuin_at(frame.geometry.to_merc(tf.invert(at)), radius)
            .map(Hit::Proeftuin)
    }
}
