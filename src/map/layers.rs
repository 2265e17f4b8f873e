//! Which layers are shown, and how (persisted between runs).

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum TileChoice {
    /// OpenStreetMap's standard style.
    #[default]
    Osm,
    /// A calm light-grey style for presentations (CARTO Positron, OpenStreetMap data).
    Light,
    /// No base map: the zones on a plain background.
    None,
    /// A PMTiles file on disk (`Layers::offline_tiles`), for rooms without internet.
    Offline,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Layers {
    pub tiles: TileChoice,
    /// Opacity of the base map, 0..1.
    pub tile_opacity: f32,
    /// Zones filled in their team's colour.
    pub zone_fill: bool,
    /// Opacity of the team fills, 0..1.
    pub fill_opacity: f32,
    pub zone_borders: bool,
    pub municipality_borders: bool,
    pub province_borders: bool,
    pub zone_labels: bool,
    /// Black borders, opaque fills, bold labels: for washed-out projectors.
    pub high_contrast: bool,
    /// The historic 2020 team areas.
    pub historic: bool,
    /// The Proeftuin neighbourhoods.
    pub proeftuinen: bool,
    /// The PMTiles file of the offline base map, once one was chosen.
    pub offline_tiles: Option<std::path::PathBuf>,
}

impl Default for Layers {
    fn default() -> Self {
        Layers {
            tiles: TileChoice::Osm,
            tile_opacity: 1.0,
            zone_fill: true,
            fill_opacity: 0.6,
            zone_borders: true,
            municipality_borders: true,
            province_borders: false,
            zone_labels: true,
            high_contrast: false,
            historic: false,
            proeftuinen: false,
            offline_tiles: None,
        }
    }
}

impl Layers {
    /// The fill opacity in effect (high contrast makes fills nearly opaque).
    pub fn effective_fill_opacity(&self) -> f32 {
        if !self.zone_fill {
            0.0
        } else if self.high_contrast {
            0.9
        } else {
            self.fill_opacity
        }
    }
}
