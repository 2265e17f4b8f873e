//! Fitting a Mercator box into a screen area: the centre and the fractional zoom at which the
//! box just fills the area. The start view, Home, the presentation and its region jumps and the
//! second screen all fit through here, so that each shows exactly what it names.

use crate::model::geom::{BBox, Merc};

/// The empty border kept around a fitted box, in points: the outer borders stay whole.
pub const MARGIN: f32 = 8.0;

/// The tile map's size of the world at zoom 0, in points (walkers' 256-point tiles).
const WORLD: f64 = 256.0;

/// A view of the map: its centre (normalised Mercator) and its zoom level.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    pub center: Merc,
    pub zoom: f64,
}

/// The view at which `bbox` fills an area of `size` points less `margin` on every side, as
/// large as it fits in both directions (zoom between 2 and 19).
pub fn fit(bbox: BBox, size: egui::Vec2, margin: f32) -> View {
    let w = f64::from((size.x - 2.0 * margin).max(1.0));
    let h = f64::from((size.y - 2.0 * margin).max(1.0));
    let zx = (w / (bbox.width().max(1e-12) * WORLD)).log2();
    let zy = (h / (bbox.height().max(1e-12) * WORLD)).log2();
    View {
        center: bbox.center(),
        zoom: zx.min(zy).clamp(2.0, 19.0),
    }
}

/// Centre and zoom a map's view so that `bbox` fills an area of `size` points.
pub fn show_in(memory: &mut walkers::MapMemory, bbox: BBox, size: egui::Vec2) {
    let view = fit(bbox, size, MARGIN);
    let (lon, lat) = crate::model::geom::from_merc(view.center);
    memory.center_at(walkers::lon_lat(lon, lat));
    // In range: `fit` keeps the zoom between 2 and 19, walkers takes 0 to 26.
    let _ = memory.set_zoom(view.zoom);
}

/// The size in points of `bbox` shown at `zoom`.
pub fn screen_size(bbox: BBox, zoom: f64) -> egui::Vec2 {
    let scale = WORLD * zoom.exp2();
    egui::vec2(
        (bbox.width() * scale) as f32,
        (bbox.height() * scale) as f32,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bbox(w: f64, h: f64) -> BBox {
        BBox {
            min: [0.5, 0.3],
            max: [0.5 + w, 0.3 + h],
        }
    }

    #[test]
    fn a_wide_box_fills_the_width_and_a_tall_one_the_height() {
        let size = egui::vec2(1000.0, 600.0);
        let wide = bbox(0.004, 0.001);
        let s = screen_size(wide, fit(wide, size, MARGIN).zoom);
        assert!((s.x - (1000.0 - 2.0 * MARGIN)).abs() < 0.01, "{s:?}");
        assert!(s.y < 600.0);
        let tall = bbox(0.001, 0.004);
        let s = screen_size(tall, fit(tall, size, MARGIN).zoom);
        assert!((s.y - (600.0 - 2.0 * MARGIN)).abs() < 0.01, "{s:?}");
        assert!(s.x < 1000.0);
    }

    #[test]
    fn the_zoom_is_not_rounded_to_a_tile_level() {
        let z = fit(bbox(0.003, 0.001), egui::vec2(1000.0, 600.0), 0.0).zoom;
        assert!(z.fract().abs() > 1e-3, "zoom {z}");
    }

    #[test]
    fn the_view_is_centred_on_the_box() {
        let b = bbox(0.002, 0.002);
        assert_eq!(fit(b, egui::vec2(300.0, 300.0), MARGIN).center, b.center());
    }
}
