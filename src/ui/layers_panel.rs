//! The layer panel: which layers show, with their opacity.

use crate::i18n::Texts;
use crate::map::layers::{Layers, TileChoice};

/// Draw the controls; returns true when something changed.
pub fn show(ui: &mut egui::Ui, l: &mut Layers, t: &Texts) -> bool {
    let mut changed = false;
    ui.label(egui::RichText::new(t.tiles).strong());
    for (choice, name) in [
        (TileChoice::Osm, t.tiles_osm),
        (TileChoice::Light, t.tiles_light),
        (TileChoice::None, t.tiles_none),
    ] {
        changed |= ui.radio_value(&mut l.tiles, choice, name).changed();
    }
    if l.tiles != TileChoice::None {
        changed |= ui
            .add(egui::Slider::new(&mut l.tile_opacity, 0.1..=1.0).text(t.opacity))
            .changed();
    }
    ui.separator();
    changed |= ui.checkbox(&mut l.zone_fill, t.zone_fill).changed();
    if l.zone_fill {
        changed |= ui
            .add(egui::Slider::new(&mut l.fill_opacity, 0.1..=1.0).text(t.opacity))
            .changed();
    }
    changed |= ui.checkbox(&mut l.zone_borders, t.zone_borders).changed();
    changed |= ui
        .checkbox(&mut l.municipality_borders, t.municipality_borders)
        .changed();
    changed |= ui
        .checkbox(&mut l.province_borders, t.province_borders)
        .changed();
    changed |= ui.checkbox(&mut l.zone_labels, t.zone_labels).changed();
    ui.separator();
    changed |= ui.checkbox(&mut l.high_contrast, t.high_contrast).changed();
    changed
}
