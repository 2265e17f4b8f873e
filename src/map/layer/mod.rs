//! The layers of the map, one type each. A layer knows its settings (name, on or off,
//! opacity), how it draws on the map, how it writes itself into the exported SVG, its legend
//! entries and what a click on it hits. The window, the layer panel, the export and the
//! legends all go through [`LAYERS`]: adding a layer is one new file here and one line in
//! that list.

pub mod borders;
pub mod fills;
pub mod hatching;
pub mod historic;
pub mod labels;
pub mod proeftuinen;
pub mod reference;

pub use borders::{
    MUNI_BORDER_ZOOM, MunicipalityBorders, ProvinceBorders, TeamBorders, ZoneBorders,
};
pub use fills::{Fills, push_cell};
pub use hatching::{Hatching, hatch_segments};
pub use historic::{Historic, historic_label};
pub use labels::ZoneLabels;
pub use proeftuinen::Proeftuinen;
pub use reference::Reference;

use egui::{Color32, Mesh, Pos2, Rect, Shape};

use super::lines::{LineStyle, push_line};
use super::mesh::{Level, MapGeometry};
use super::view::{MapLabel, ScreenTransform};
use crate::i18n::Texts;
use crate::model::atlas::Atlas;
use crate::model::geom::Merc;
use crate::model::ids::{CellId, MunicipalityId, TeamId, TiSlice, ZoneId};
use crate::model::scenario::Team;
use crate::overlays::Overlays;
use crate::style::Line;

/// Every layer, bottom to top: the order they are drawn in, listed in the layer panel and
/// written into an export.
pub static LAYERS: [&dyn MapLayer; 10] = [
    &Fills,
    &Hatching,
    &MunicipalityBorders,
    &ZoneBorders,
    &ProvinceBorders,
    &TeamBorders,
    &Reference,
    &Historic,
    &Proeftuinen,
    &ZoneLabels,
];

/// The layer with this key.
pub fn by_key(key: &str) -> Option<&'static dyn MapLayer> {
    LAYERS.iter().copied().find(|l| l.key() == key)
}

/// One layer's switch and opacity.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LayerSetting {
    pub on: bool,
    /// 0..1; used by the layers that offer an opacity.
    pub opacity: f32,
}

impl LayerSetting {
    pub const ON: LayerSetting = LayerSetting {
        on: true,
        opacity: 1.0,
    };
    pub const OFF: LayerSetting = LayerSetting {
        on: false,
        opacity: 1.0,
    };
}

/// Where a click on the map landed, for the card it opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    Proeftuin(usize),
    HistoricTeam(TeamId),
}

/// A legend entry: what the swatch shows and the text beside it.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendEntry {
    pub swatch: Swatch,
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Swatch {
    Fill(Color32),
    Hatch(Color32),
    Line(Line),
    Marker(Color32),
}

/// What the layers draw: the data, the division shown and how it is coloured. The window
/// builds it from the tab, the export from the document.
pub struct Scene<'a> {
    pub atlas: &'a Atlas,
    pub overlays: &'a Overlays,
    pub teams: &'a TiSlice<TeamId, Team>,
    /// Team of each cell (`None`: no team).
    pub cell_team: &'a TiSlice<CellId, Option<TeamId>>,
    /// Fill colour of each cell, opacity included.
    pub cell_fill: &'a TiSlice<CellId, Color32>,
    /// Cells drawn hatched, in this colour (no team, detached parts, ...).
    pub hatch: &'a TiSlice<CellId, Option<Color32>>,
    /// The arcs between two teams (`model::borders::team_border_arcs`).
    pub team_arcs: &'a [u32],
    /// Cells in the selection (their zone names are placed first).
    pub selected: &'a TiSlice<CellId, bool>,
    /// A user's own layer, prepared for drawing, and its label field.
    pub reference: Option<(
        &'a crate::map::reference_view::ReferenceDrawing,
        Option<&'a str>,
    )>,
    pub texts: &'static Texts,
    pub high_contrast: bool,
    /// The indicator the municipalities are coloured by, in place of the team colours.
    pub choropleth: Option<&'a super::choropleth::Choropleth>,
}

/// The cell under the pointer, and whether hovering lights up its whole zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hovered {
    pub unit: ZoneId,
    pub muni: MunicipalityId,
    pub whole_zone: bool,
}

impl Hovered {
    pub fn covers(&self, atlas: &Atlas, cell: CellId) -> bool {
        let c = &atlas.cells[cell];
        if self.whole_zone {
            c.unit == self.unit
        } else {
            c.muni == self.muni
        }
    }
}

/// Label priorities: lower is placed first and wins where two names would overlap.
pub mod priority {
    pub const SELECTED_ZONE: u8 = 0;
    pub const PROEFTUIN: u8 = 1;
    pub const HISTORIC: u8 = 2;
    pub const REFERENCE: u8 = 3;
    pub const ZONE: u8 = 4;
}

/// One frame of the map being drawn: where, at which detail, and what has been drawn so far.
pub struct DrawFrame<'a> {
    pub ctx: &'a egui::Context,
    pub geometry: &'a MapGeometry,
    pub level: Level<'a>,
    /// Local Mercator to screen.
    pub screen_from_local: ScreenTransform,
    /// The map rectangle on screen.
    pub clip: Rect,
    /// The same rectangle in local coordinates, `[min x, min y, max x, max y]`.
    pub visible: [f32; 4],
    pub zoom: f64,
    /// Multiplier for label and line sizes (presentation).
    pub scale: f32,
    /// The fade of line edges (`lines::feather`).
    pub feather: f32,
    /// The cell under the pointer, when it lights up (not while dragging).
    pub hovered: Option<Hovered>,
    /// Fills and lines, in paint order, in one mesh (a frame of many small cells is mostly
    /// copying into it).
    pub mesh: Mesh,
    /// Shapes drawn over the mesh.
    pub shapes: Vec<Shape>,
    /// Names to place, each with its priority; placed together so none covers another.
    pub labels: Vec<(u8, MapLabel)>,
}

impl DrawFrame<'_> {
    /// A line style at this frame's scale.
    pub fn style(&self, line: &Line) -> LineStyle {
        LineStyle::new(
            egui::Stroke::new(line.width * self.scale, line.colour),
            self.feather,
        )
    }

    /// Whether a box in local coordinates is in view.
    pub fn in_view(&self, b: &[f32; 4]) -> bool {
        b[0] <= self.visible[2]
            && self.visible[0] <= b[2]
            && b[1] <= self.visible[3]
            && self.visible[1] <= b[3]
    }

    /// Draw arc `arc` of the geometry in `style` when it is in view.
    pub fn arc(&mut self, arc: u32, style: &LineStyle) {
        let i = arc as usize;
        let Some(a) = self.geometry.arcs.get(i) else {
            return;
        };
        if self.in_view(&a.bbox) {
            let (points, mitres) = (self.level.arc(i), self.level.mitres(i));
            push_line(
                &mut self.mesh,
                points,
                mitres,
                &self.screen_from_local,
                style,
            );
        }
    }

    /// A Mercator point on screen.
    pub fn screen(&self, m: Merc) -> Pos2 {
        self.screen_from_local.apply(self.geometry.to_local(m))
    }
}

/// What a click hit test needs: the frame's transform and scale.
pub struct HitFrame<'a> {
    pub ctx: &'a egui::Context,
    pub geometry: &'a MapGeometry,
    pub screen_from_local: ScreenTransform,
    pub scale: f32,
}

/// A name in an exported image, placed with the others so that none covers another.
#[derive(Clone, Debug, PartialEq)]
pub struct SvgLabel {
    /// Centre of the name on the image.
    pub at: (f64, f64),
    pub text: String,
    pub size: f64,
    pub colour: Color32,
    /// The box has an edge in the text colour (overlay names).
    pub outlined: bool,
}

/// Mercator to image coordinates: `image = offset + (m - origin) * scale`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ImageFromMerc {
    pub origin: Merc,
    pub scale: f64,
    pub offset: (f64, f64),
}

impl ImageFromMerc {
    pub fn apply(&self, m: Merc) -> (f64, f64) {
        (
            self.offset.0 + (m[0] - self.origin[0]) * self.scale,
            self.offset.1 + (m[1] - self.origin[1]) * self.scale,
        )
    }
}

/// An export being written: the SVG so far, its scale and the names to place.
pub struct SvgFrame<'a> {
    pub out: &'a mut String,
    pub image_from_merc: ImageFromMerc,
    /// Points of the image per point of the window's map (line widths, text sizes).
    pub k: f64,
    pub labels: Vec<(u8, SvgLabel)>,
}

impl SvgFrame<'_> {
    /// Append a path through lon/lat points, `M` then `L`s.
    pub fn path_points(&self, d: &mut String, points: &[[f64; 2]], close: bool) {
        use std::fmt::Write as _;
        for (i, c) in points.iter().enumerate() {
            let (x, y) = self
                .image_from_merc
                .apply(crate::model::geom::to_merc(c[0], c[1]));
            let _ = write!(d, "{}{x:.1} {y:.1}", if i == 0 { 'M' } else { 'L' });
        }
        if close && !points.is_empty() {
            d.push('Z');
        }
    }

    /// The path of polygons (rings of lon/lat points).
    pub fn polygon_path(&self, polygons: &[crate::model::topology::LonLatPolygon]) -> String {
        let mut d = String::new();
        for p in polygons {
            for r in p {
                self.path_points(&mut d, r, true);
            }
        }
        d
    }
}

/// One layer of the map.
pub trait MapLayer: Sync {
    /// Its stable name: the key of its setting, its name for `--layers`, in tests.
    fn key(&self) -> &'static str;
    /// Its name in the layer panel.
    fn name(&self, t: &Texts) -> &'static str;
    /// Its setting before the user chose one.
    fn default_setting(&self) -> LayerSetting {
        LayerSetting::ON
    }
    /// Whether the layer panel offers an opacity for it.
    fn has_opacity(&self) -> bool {
        false
    }
    /// Whether the layer panel lists it with a switch (a layer with settings of its own has a
    /// section of its own).
    fn in_panel(&self) -> bool {
        true
    }
    /// Whether an export may leave it out (`--layers`); the team map itself is always there.
    fn optional_in_export(&self) -> bool {
        true
    }
    /// Whether there is anything to show (a reference layer only once one is opened).
    fn available(&self, _scene: &Scene) -> bool {
        true
    }
    /// Draw into the frame.
    fn draw(&self, scene: &Scene, frame: &mut DrawFrame, setting: LayerSetting);
    /// Write into an exported image.
    fn svg(&self, scene: &Scene, frame: &mut SvgFrame);
    /// Its entries in a legend, for what the scene shows.
    fn legend(&self, _scene: &Scene) -> Vec<LegendEntry> {
        Vec::new()
    }
    /// What a click at `at` hits on this layer.
    fn hit(&self, _scene: &Scene, _frame: &HitFrame, _at: Pos2) -> Option<Hit> {
        None
    }
}

/// The shapes of the layers that are on, in paint order, and their names placed so that none
/// covers another; `setting` gives each layer's setting.
pub fn draw_layers(
    scene: &Scene,
    frame: &mut DrawFrame,
    setting: &dyn Fn(&dyn MapLayer) -> LayerSetting,
) {
    for layer in LAYERS {
        let s = setting(layer);
        if s.on && layer.available(scene) {
            layer.draw(scene, frame, s);
        }
    }
}

/// What a click at `at` hits: the topmost layer that is on and has something there.
pub fn hit(
    scene: &Scene,
    frame: &HitFrame,
    at: Pos2,
    setting: &dyn Fn(&dyn MapLayer) -> LayerSetting,
) -> Option<Hit> {
    LAYERS
        .iter()
        .rev()
        .filter(|l| setting(**l).on && l.available(scene))
        .find_map(|l| l.hit(scene, frame, at))
}

/// The legend entries of the layers that are on.
pub fn legend(scene: &Scene, setting: &dyn Fn(&dyn MapLayer) -> LayerSetting) -> Vec<LegendEntry> {
    LAYERS
        .iter()
        .filter(|l| setting(**l).on && l.available(scene))
        .flat_map(|l| l.legend(scene))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::LAYERS;

    #[test]
    fn every_layer_has_its_own_key() {
        for (i, a) in LAYERS.iter().enumerate() {
            for b in &LAYERS[i + 1..] {
                assert_ne!(a.key(), b.key());
            }
        }
    }
}
