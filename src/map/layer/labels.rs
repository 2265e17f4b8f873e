//! The names of the zones: the selected zones first, then the others by population. Every
//! layer's names are placed together (`place_labels`), so none covers another.

use egui::{Color32, Pos2, Vec2};

use super::{DrawFrame, LayerSetting, MapLayer, Scene, SvgFrame, SvgLabel, priority};
use crate::i18n::Texts;
use crate::map::view::MapLabel;
use crate::style;

pub struct ZoneLabels;

pub const KEY: &str = "zone_labels";

/// A boxed name of an overlay, edged in its colour.
pub fn overlay_label(at: Pos2, text: String, colour: Color32, size: f32) -> MapLabel {
    MapLabel {
        at,
        text,
        colour,
        size,
        outlined: true,
        fill_alpha: 225,
        padding: Vec2::new(4.0, 2.0),
    }
}

impl MapLayer for ZoneLabels {
    fn key(&self) -> &'static str {
        KEY
    }

    fn name(&self, t: &Texts) -> &'static str {
        t.zone_labels
    }

    fn draw(&self, scene: &Scene, frame: &mut DrawFrame, _setting: LayerSetting) {
        let atlas = scene.atlas;
        let hc = scene.high_contrast;
        let geo = frame.geometry;
        for &u in &geo.label_order {
            let unit = &atlas.units[u];
            let selected = unit.cells.iter().any(|&c| scene.selected[c]);
            let label = MapLabel {
                at: frame.screen(unit.label),
                text: unit.name.clone(),
                colour: style::LABEL_TEXT,
                size: if hc { 15.0 } else { 13.0 } * frame.scale,
                outlined: hc,
                fill_alpha: if hc { 255 } else { style::LABEL_BOX_ALPHA },
                padding: Vec2::new(4.0, 1.0),
            };
            let p = if selected {
                priority::SELECTED_ZONE
            } else {
                priority::ZONE
            };
            frame.labels.push((p, label));
        }
    }

    fn svg(&self, scene: &Scene, frame: &mut SvgFrame) {
        let atlas = scene.atlas;
        for u in crate::map::mesh::most_populous_first(atlas) {
            let unit = &atlas.units[u];
            frame.labels.push((
                priority::ZONE,
                SvgLabel {
                    at: frame.image_from_merc.apply(unit.label),
                    text: unit.name.clone(),
                    size: 14.0 * frame.k,
                    colour: style::LABEL_TEXT,
                    outlined: false,
                },
            ));
        }
    }
}
