//! One frame of the map: fills, borders, labels, hover and click.

use egui::{Align2, Color32, FontId, Mesh, Pos2, Rect, Shape, Stroke, Vec2, epaint::Vertex};
use walkers::{Projector, lon_lat};

use super::layers::Layers;
use super::mesh::MapGeometry;
use crate::model::atlas::Atlas;
use crate::model::geom;

/// Local Mercator offsets to screen pixels: `screen = offset + local * scale`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScreenTransform {
    pub offset: Vec2,
    pub scale: f32,
}

impl ScreenTransform {
    pub fn from_projector(projector: &Projector, geometry: &MapGeometry) -> Self {
        let o = geometry.origin;
        let step = 0.01;
        let (lon0, lat0) = geom::from_merc(o);
        let (lon1, lat1) = geom::from_merc([o[0] + step, o[1]]);
        let p0 = projector.project(lon_lat(lon0, lat0));
        let p1 = projector.project(lon_lat(lon1, lat1));
        let _ = lat1;
        ScreenTransform {
            offset: p0,
            scale: ((p1.x - p0.x) as f64 / step) as f32,
        }
    }

    #[inline]
    pub fn apply(&self, p: [f32; 2]) -> Pos2 {
        Pos2::new(
            self.offset.x + p[0] * self.scale,
            self.offset.y + p[1] * self.scale,
        )
    }

    pub fn invert(&self, p: Pos2) -> [f32; 2] {
        [
            (p.x - self.offset.x) / self.scale,
            (p.y - self.offset.y) / self.scale,
        ]
    }

    /// The visible rectangle in local coordinates.
    pub fn local_rect(&self, screen: Rect) -> [f32; 4] {
        let a = self.invert(screen.min);
        let b = self.invert(screen.max);
        [a[0], a[1], b[0], b[1]]
    }
}

fn overlaps(b: &[f32; 4], view: &[f32; 4]) -> bool {
    b[0] <= view[2] && view[0] <= b[2] && b[1] <= view[3] && view[1] <= b[3]
}

/// What the frame needs to know about the scenario.
pub struct MapInput<'a> {
    pub atlas: &'a Atlas,
    pub geometry: &'a MapGeometry,
    /// Fill colour of each cell.
    pub cell_fill: &'a [Color32],
    /// Team of each cell (None: unassigned).
    pub cell_team: &'a [Option<usize>],
    pub selected_unit: Option<usize>,
    pub layers: &'a Layers,
    /// Multiplier for label and line sizes (presentation).
    pub text_scale: f32,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct MapOutput {
    pub hovered_cell: Option<usize>,
    pub clicked_cell: Option<usize>,
}

pub struct MapView;

/// Zoom level from which municipality borders are drawn.
pub const MUNI_BORDER_ZOOM: f64 = 9.0;

impl MapView {
    /// Draw the atlas into `rect` and report hover and click.
    pub fn draw(
        ui: &mut egui::Ui,
        response: &egui::Response,
        projector: &Projector,
        input: &MapInput,
    ) -> MapOutput {
        let painter = ui.painter().with_clip_rect(response.rect);
        let tf = ScreenTransform::from_projector(projector, input.geometry);
        let view = tf.local_rect(response.rect);
        let atlas = input.atlas;
        let geo = input.geometry;

        // Hover: the cell under the pointer.
        let mut out = MapOutput::default();
        if let Some(pos) = response.hover_pos() {
            let local = tf.invert(pos);
            out.hovered_cell = atlas.cell_at(geo.to_merc(local));
        }
        if response.clicked() {
            out.clicked_cell = out.hovered_cell;
        }
        let hovered_unit = out.hovered_cell.map(|c| atlas.cells[c].unit);

        // Fills.
        let mut mesh = Mesh::default();
        for (ci, cm) in geo.cells.iter().enumerate() {
            let b = &atlas.cells[ci].bbox;
            let lb = [
                (b.min[0] - geo.origin[0]) as f32,
                (b.min[1] - geo.origin[1]) as f32,
                (b.max[0] - geo.origin[0]) as f32,
                (b.max[1] - geo.origin[1]) as f32,
            ];
            if !overlaps(&lb, &view) {
                continue;
            }
            let mut colour = input.cell_fill[ci];
            if hovered_unit == Some(atlas.cells[ci].unit) {
                colour = lighten(colour);
            }
            let base = mesh.vertices.len() as u32;
            mesh.vertices.extend(cm.vertices.iter().map(|&v| Vertex {
                pos: tf.apply(v),
                uv: egui::epaint::WHITE_UV,
                color: colour,
            }));
            mesh.indices.extend(cm.indices.iter().map(|&i| base + i));
        }
        painter.add(Shape::mesh(mesh));

        // Borders: municipality < zone < team, drawn in that order.
        let zoom = projector.zoom();
        let s = input.text_scale;
        let muni_stroke = Stroke::new(0.7 * s, Color32::from_rgba_unmultiplied(60, 60, 60, 110));
        let zone_stroke = Stroke::new(1.3 * s, Color32::from_rgba_unmultiplied(40, 40, 40, 200));
        let team_stroke = Stroke::new(3.0 * s, Color32::from_rgb(25, 25, 25));
        let mut muni_lines = Vec::new();
        let mut zone_lines = Vec::new();
        let mut team_lines = Vec::new();
        let mut highlight = Vec::new();
        let mut selected = Vec::new();
        for arc in &geo.arcs {
            if !overlaps(&arc.bbox, &view) {
                continue;
            }
            let l = &atlas.cells[arc.left as usize];
            let (team_differs, unit_differs, muni_differs, ru) = match arc.right {
                None => (true, true, true, None),
                Some(r) => {
                    let rc = &atlas.cells[r as usize];
                    (
                        input.cell_team[arc.left as usize] != input.cell_team[r as usize],
                        l.unit != rc.unit,
                        l.muni != rc.muni,
                        Some(rc.unit),
                    )
                }
            };
            let pts = || -> Vec<Pos2> { arc.points.iter().map(|&p| tf.apply(p)).collect() };
            if unit_differs {
                if input.selected_unit.is_some()
                    && (input.selected_unit == Some(l.unit) || input.selected_unit == ru)
                {
                    selected.push(pts());
                } else if hovered_unit.is_some()
                    && (hovered_unit == Some(l.unit) || hovered_unit == ru)
                {
                    highlight.push(pts());
                }
            }
            if team_differs {
                team_lines.push(pts());
            } else if unit_differs {
                zone_lines.push(pts());
            } else if muni_differs && input.layers.municipality_borders && zoom >= MUNI_BORDER_ZOOM
            {
                muni_lines.push(pts());
            }
        }
        for (lines, stroke) in [
            (muni_lines, muni_stroke),
            (zone_lines, zone_stroke),
            (team_lines, team_stroke),
        ] {
            for l in lines {
                painter.add(Shape::line(l, stroke));
            }
        }
        for l in highlight {
            painter.add(Shape::line(
                l,
                Stroke::new(3.5 * s, Color32::from_rgb(255, 255, 255)),
            ));
        }
        for l in selected {
            painter.add(Shape::line(l.clone(), Stroke::new(6.0 * s, Color32::WHITE)));
            painter.add(Shape::line(
                l,
                Stroke::new(3.0 * s, Color32::from_rgb(230, 0, 90)),
            ));
        }

        if input.layers.zone_labels {
            draw_labels(&painter, &tf, input, response.rect);
        }
        out
    }
}

fn lighten(c: Color32) -> Color32 {
    let [r, g, b, a] = c.to_srgba_unmultiplied();
    let up = |v: u8| v + (255 - v) / 3;
    Color32::from_rgba_unmultiplied(up(r), up(g), up(b), a.saturating_add(40))
}

/// Zone names at their inside point, largest population first, skipping any that would
/// overlap a label already placed.
fn draw_labels(painter: &egui::Painter, tf: &ScreenTransform, input: &MapInput, clip: Rect) {
    let atlas = input.atlas;
    let mut order: Vec<usize> = (0..atlas.units.len()).collect();
    let pop: Vec<f64> = order
        .iter()
        .map(|&u| atlas.unit_population(u).0.unwrap_or(0.0))
        .collect();
    order.sort_by(|&a, &b| pop[b].total_cmp(&pop[a]));
    if let Some(sel) = input.selected_unit
        && let Some(i) = order.iter().position(|&u| u == sel)
    {
        let u = order.remove(i);
        order.insert(0, u);
    }
    let font = FontId::proportional(13.0 * input.text_scale);
    let mut placed: Vec<Rect> = Vec::new();
    for u in order {
        let unit = &atlas.units[u];
        let p = tf.apply(input.geometry.to_local(unit.label));
        if !clip.contains(p) {
            continue;
        }
        let galley = painter.layout_no_wrap(unit.name.clone(), font.clone(), Color32::BLACK);
        let rect = Align2::CENTER_CENTER
            .anchor_size(p, galley.size())
            .expand2(Vec2::new(4.0, 1.0));
        if placed.iter().any(|r| r.intersects(rect)) {
            continue;
        }
        placed.push(rect);
        painter.rect_filled(
            rect,
            3.0,
            Color32::from_rgba_unmultiplied(255, 255, 255, 210),
        );
        painter.galley(rect.min + Vec2::new(4.0, 1.0), galley, Color32::BLACK);
    }
}
