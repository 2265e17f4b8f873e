//! The layer panel: the base map, then a switch (and an opacity where it has one) for every
//! map layer of `map::layer::LAYERS`.

use crate::i18n::Texts;
use crate::map::layer::LAYERS;
use crate::map::layers::{Layers, TileChoice};

fn percent(v: f64, _: std::ops::RangeInclusive<usize>) -> String {
    format!("{:.0} %", v * 100.0)
}

/// Draw the controls; `tiles_allowed` is false when the base map was switched off at start.
pub fn show(ui: &mut egui::Ui, l: &mut Layers, t: &Texts, tiles_allowed: bool) -> bool {
    let mut changed = false;
    ui.label(egui::RichText::new(t.tiles).strong());
    if !tiles_allowed {
        ui.label(egui::RichText::new(t.tiles_disabled).weak());
    }
    for (choice, name) in [
        (TileChoice::Osm, t.tiles_osm),
        (TileChoice::Light, t.tiles_light),
        (TileChoice::None, t.tiles_none),
    ] {
        let radio = egui::RadioButton::new(l.tiles == choice, name);
        if ui.add_enabled(tiles_allowed, radio).clicked() && l.tiles != choice {
            l.tiles = choice;
            changed = true;
        }
    }
    if l.tiles != TileChoice::None {
        changed |= ui
            .add(
                egui::Slider::new(&mut l.tile_opacity, 0.1..=1.0)
                    .text(t.opacity)
                    .custom_formatter(percent),
            )
            .changed();
    }
    ui.separator();
    for layer in LAYERS.iter().filter(|l| l.in_panel()) {
        let mut s = l.setting(*layer);
        let mut this = ui.checkbox(&mut s.on, layer.name(t)).changed();
        if s.on && layer.has_opacity() {
            this |= ui
                .add(
                    egui::Slider::new(&mut s.opacity, 0.1..=1.0)
                        .text(t.opacity)
                        .custom_formatter(percent),
                )
                .changed();
        }
        if this {
            l.shown.insert(layer.key().to_string(), s);
            changed = true;
        }
    }
    ui.separator();
    changed |= ui.checkbox(&mut l.high_contrast, t.high_contrast).changed();
    ui.separator();
    ui.label(egui::RichText::new(t.hatch_legend).small());
    changed
}
