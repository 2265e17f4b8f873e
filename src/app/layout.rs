//! Where things were on screen in the last frame the window drew: the map's area and its
//! transform, and the team rows of the side panel. The pointer's hit tests read it, before
//! the next frame draws; a tab holds its document and its map view, not this (only the active
//! tab is drawn).

use egui::{Pos2, Rect};

use crate::map::view::ScreenTransform;
use crate::model::geom::{BBox, Merc};
use crate::model::ids::{CellId, TeamId, ZoneId};
use crate::workspace::{DropTarget, Workspace};

/// The layout of the last frame.
#[derive(Clone, Debug, Default)]
pub struct FrameLayout {
    /// The map's area on screen.
    pub map_rect: Option<Rect>,
    /// The layer the map was drawn in: a press over a window above it is not on the map.
    pub map_layer: Option<egui::LayerId>,
    /// Local Mercator to screen, as the map was drawn.
    pub transform: Option<ScreenTransform>,
    /// The team rows of the side panel (drop targets; None: the row "no team").
    pub team_rows: Vec<(Option<TeamId>, Rect)>,
}

impl FrameLayout {
    /// The Mercator point under a screen point, as the map was drawn (also outside its area).
    pub fn to_merc(&self, w: &Workspace, p: Pos2) -> Option<Merc> {
        let tf = self.transform?;
        Some(w.geometry().to_merc(tf.invert(p)))
    }

    /// Whether a screen point lies on the map.
    pub fn on_map(&self, p: Pos2) -> bool {
        self.transform.is_some() && self.map_rect.is_some_and(|r| r.contains(p))
    }

    /// The cell under a screen point on the map.
    pub fn cell_at(&self, w: &Workspace, p: Pos2) -> Option<CellId> {
        if !self.on_map(p) {
            return None;
        }
        w.doc.data.atlas.cell_at(self.to_merc(w, p)?)
    }

    /// What lies under a screen point during a drag: a team row, or a cell of another team.
    pub fn target_at(&self, w: &Workspace, p: Pos2) -> Option<DropTarget> {
        if let Some((t, _)) = self.team_rows.iter().find(|(_, r)| r.contains(p)) {
            return Some(DropTarget::Team(*t));
        }
        w.drop_target_on_cell(self.cell_at(w, p)?)
    }

    /// Screen position of a zone's label, as the map was drawn.
    pub fn unit_screen_pos(&self, w: &Workspace, unit: ZoneId) -> Option<Pos2> {
        let tf = self.transform?;
        let label = w.doc.data.atlas.units.get(unit)?.label;
        Some(tf.apply(w.geometry().to_local(label)))
    }

    /// What the map of `w` shows, in Mercator: the box it keeps fitted, else the area on
    /// screen in the last frame.
    pub fn shown_bbox(&self, w: &Workspace) -> Option<BBox> {
        if w.fit_target.is_some() {
            return w.fit_target;
        }
        let rect = self.map_rect?;
        let mut b = BBox::EMPTY;
        b.include(self.to_merc(w, rect.min)?);
        b.include(self.to_merc(w, rect.max)?);
        Some(b)
    }
}
