//! The zones filled in their team's colour; a cell without a team is left white in an export
//! (the hatching says why).

use std::fmt::Write as _;

use egui::{Color32, Mesh, Vec2, epaint::Vertex};

use super::{DrawFrame, LayerSetting, MapLayer, Scene, SvgFrame};
use crate::i18n::Texts;
use crate::map::mesh::CellMesh;
use crate::map::view::ScreenTransform;
use crate::model::ids::CellId;
use crate::style;

pub struct Fills;

pub const KEY: &str = "zone_fill";

impl MapLayer for Fills {
    fn key(&self) -> &'static str {
        KEY
    }

    fn name(&self, t: &Texts) -> &'static str {
        t.zone_fill
    }

    fn default_setting(&self) -> LayerSetting {
        LayerSetting {
            on: true,
            opacity: 0.6,
        }
    }

    fn has_opacity(&self) -> bool {
        true
    }

    fn optional_in_export(&self) -> bool {
        false
    }

    fn draw(&self, scene: &Scene, frame: &mut DrawFrame, _setting: LayerSetting) {
        // The opacity is in `cell_fill` already (the tab keeps the fills at the chosen one).
        let level = frame.level;
        for (ci, bbox) in frame.geometry.cell_boxes.iter().enumerate() {
            if !frame.in_view(bbox) {
                continue;
            }
            let ci = CellId(ci);
            let mut colour = scene.cell_fill[ci];
            if frame.hovered.is_some_and(|h| h.covers(scene.atlas, ci)) {
                colour = lighten(colour);
            }
            push_cell(
                &mut frame.mesh,
                &level.cells[ci.index()],
                &frame.screen_from_local,
                Vec2::ZERO,
                colour,
            );
        }
    }

    fn svg(&self, scene: &Scene, frame: &mut SvgFrame) {
        for (ci, cell) in scene.atlas.cells.iter_enumerated() {
            let team = scene.cell_team[ci].and_then(|t| scene.teams.get(t));
            let fill = match (scene.choropleth, team) {
                (Some(c), _) => format!(
                    r#"fill="{}""#,
                    style::hex(style::rgb(c.cell_colour(scene.atlas, ci)))
                ),
                (None, Some(team)) => format!(
                    r#"fill="{}" fill-opacity="{}""#,
                    style::hex(style::rgb(team.colour)),
                    style::EXPORT_FILL_OPACITY
                ),
                (None, None) => r##"fill="#ffffff""##.to_string(),
            };
            let d = frame.polygon_path(&cell.polygons);
            let _ = write!(frame.out, r#"<path d="{d}" {fill} fill-rule="evenodd"/>"#);
        }
    }
}

/// Append a cell's triangles, moved by `offset` on screen, in one colour.
pub fn push_cell(
    mesh: &mut Mesh,
    cm: &CellMesh,
    tf: &ScreenTransform,
    offset: Vec2,
    colour: Color32,
) {
    let base = mesh.vertices.len() as u32;
    mesh.vertices.extend(cm.vertices.iter().map(|&v| Vertex {
        pos: tf.apply(v) + offset,
        uv: egui::epaint::WHITE_UV,
        color: colour,
    }));
    mesh.indices.extend(cm.indices.iter().map(|&i| base + i));
}

/// The colour of a cell under the pointer.
fn lighten(c: Color32) -> Color32 {
    let [r, g, b, a] = c.to_srgba_unmultiplied();
    let up = |v: u8| v + (255 - v) / 3;
    Color32::from_rgba_unmultiplied(up(r), up(g), up(b), a.saturating_add(40))
}
