//! Which layers are shown, and how (persisted between runs).

use std::collections::BTreeMap;

use super::layer::{self, Fills, LayerSetting, MapLayer};
use crate::style;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum TileChoice {
    /// OpenStreetMap's standard style.
    #[default]
    Osm,
    /// A calm light-grey style for presentations (CARTO Positron, OpenStreetMap data).
    Light,
    /// No base map: the zones on a plain background.
    None,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Layers {
    pub tiles: TileChoice,
    /// Opacity of the base map, 0..1.
    pub tile_opacity: f32,
    /// Black borders, opaque fills, bold labels: for washed-out projectors.
    pub high_contrast: bool,
    /// The switch and opacity of each map layer by its key (`map::layer::LAYERS`); a layer
    /// not listed has its default.
    pub shown: BTreeMap<String, LayerSetting>,
}

impl Default for Layers {
    fn default() -> Self {
        Layers {
            tiles: TileChoice::Osm,
            tile_opacity: 1.0,
            high_contrast: false,
            shown: BTreeMap::new(),
        }
    }
}

impl Layers {
    /// The setting of a layer: the user's, else the layer's default.
    pub fn setting(&self, layer: &dyn MapLayer) -> LayerSetting {
        self.shown
            .get(layer.key())
            .copied()
            .unwrap_or_else(|| layer.default_setting())
    }

    /// Whether the layer with this key is switched on (false for a key no layer has).
    pub fn is_on(&self, key: &str) -> bool {
        layer::by_key(key).is_some_and(|l| self.setting(l).on)
    }

    /// Switch the layer with this key on or off.
    pub fn set_on(&mut self, key: &str, on: bool) {
        if let Some(l) = layer::by_key(key) {
            let s = LayerSetting {
                on,
                ..self.setting(l)
            };
            self.shown.insert(key.to_string(), s);
        }
    }

    /// Set the opacity of the layer with this key, 0..1.
    pub fn set_opacity(&mut self, key: &str, opacity: f32) {
        if let Some(l) = layer::by_key(key) {
            let s = LayerSetting {
                opacity: opacity.clamp(0.0, 1.0),
                ..self.setting(l)
            };
            self.shown.insert(key.to_string(), s);
        }
    }

    /// The fill opacity in effect (high contrast makes fills nearly opaque).
    pub fn effective_fill_opacity(&self) -> f32 {
        let fills = self.setting(&Fills);
        if !fills.on {
            0.0
        } else if self.high_contrast {
            style::HIGH_CONTRAST_FILL_OPACITY
        } else {
            fills.opacity
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Layers;
    use crate::map::layer;

    #[test]
    fn a_layer_not_set_has_its_default_and_a_set_one_keeps_the_choice() {
        let mut l = Layers::default();
        assert!(l.is_on(layer::fills::KEY));
        assert!(!l.is_on(layer::historic::KEY));
        l.set_on(layer::historic::KEY, true);
        l.set_opacity(layer::fills::KEY, 0.3);
        assert!(l.is_on(layer::historic::KEY));
        assert!((l.effective_fill_opacity() - 0.3).abs() < 1e-6);
        l.set_on(layer::fills::KEY, false);
        assert_eq!(l.effective_fill_opacity(), 0.0);
        assert!(!l.is_on("no such layer"));
    }
}
