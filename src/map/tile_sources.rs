//! Base map tile sources.

use walkers::TileId;
use walkers::sources::{Attribution, TileSource};

/// CARTO's light "Positron" style: calm grey, made for overlays in presentations.
pub struct CartoLight;

impl TileSource for CartoLight {
    fn tile_url(&self, tile_id: TileId) -> String {
        format!(
            "https://basemaps.cartocdn.com/light_all/{}/{}/{}.png",
            tile_id.zoom, tile_id.x, tile_id.y
        )
    }

    fn attribution(&self) -> Attribution {
        Attribution {
            text: "© OpenStreetMap contributors, © CARTO",
            url: "https://carto.com/attributions",
            logo_light: None,
            logo_dark: None,
        }
    }
}
