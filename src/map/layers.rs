//! Which layers are shown (persisted between runs).

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum TileChoice {
    /// OpenStreetMap's standard style.
    #[default]
    Osm,
    /// No base map: the zones on a plain background.
    None,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Layers {
    pub tiles: TileChoice,
    pub municipality_borders: bool,
    pub zone_labels: bool,
    /// Opacity of the team fills, 0..1.
    pub fill_opacity: f32,
}

impl Default for Layers {
    fn default() -> Self {
        Layers {
            tiles: TileChoice::Osm,
            municipality_borders: true,
            zone_labels: true,
            fill_opacity: 0.6,
        }
    }
}
