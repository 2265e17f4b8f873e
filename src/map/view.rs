//! One frame of the map: fills, borders, labels, hover and click.

use std::sync::Arc;

use egui::{Align2, Color32, FontId, Mesh, Pos2, Rect, Shape, Stroke, Vec2, epaint::Vertex};
use walkers::{Projector, lon_lat};

use super::layers::Layers;
use super::lines::{self, LineStyle, push_line, push_segment};
use super::mesh::MapGeometry;
use crate::model::atlas::Atlas;
use crate::model::borders::separates_teams;
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
    /// The arcs between two teams (`model::borders::team_border_arcs`).
    pub team_arcs: &'a [u32],
    /// Cells in the selection.
    pub selected: &'a [bool],
    /// Cells drawn hatched, in this colour (no team; detached parts of a team).
    pub hatch: &'a [Option<Color32>],
    /// Hover highlights the whole zone (true) or the municipality (false).
    pub hover_zone: bool,
    pub layers: &'a Layers,
    /// Multiplier for label and line sizes (presentation).
    pub text_scale: f32,
    /// While dragging: the screen offset of the dragged cells.
    pub ghost: Option<Vec2>,
    /// A rectangle being drawn to select.
    pub select_rect: Option<Rect>,
    /// A municipality to point out inside the selection (the one searched for, when whole
    /// zones are selected).
    pub marked: Option<usize>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct MapOutput {
    pub hovered_cell: Option<usize>,
    pub clicked_cell: Option<usize>,
    pub transform: Option<ScreenTransform>,
}

/// Where and how one frame of the map is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FrameView {
    pub transform: ScreenTransform,
    /// The map rectangle on screen.
    pub rect: Rect,
    /// Zoom level of the tile map.
    pub zoom: f64,
    /// The cell under the pointer.
    pub hovered_cell: Option<usize>,
}

pub struct MapView;

/// Zoom level from which municipality borders are drawn.
pub const MUNI_BORDER_ZOOM: f64 = 9.0;

/// The selection on the map: a bright cyan line on a dark edge, a colour no team, no border
/// and no overlay uses (the 2020 team borders are dark red, the Proeftuinen yellow).
pub const SELECTION: Color32 = Color32::from_rgb(0, 210, 255);
/// The same colour, darker, for text and edges on the light panels (drop target, preview).
pub const SELECTION_DARK: Color32 = Color32::from_rgb(0, 110, 180);

impl MapView {
    /// Draw the atlas into the map rectangle and report hover and click.
    pub fn draw(
        ui: &mut egui::Ui,
        response: &egui::Response,
        projector: &Projector,
        input: &MapInput,
    ) -> MapOutput {
        let tf = ScreenTransform::from_projector(projector, input.geometry);
        let mut out = MapOutput {
            transform: Some(tf),
            ..Default::default()
        };
        if let Some(pos) = response.hover_pos() {
            let local = tf.invert(pos);
            out.hovered_cell = input.atlas.cell_at(input.geometry.to_merc(local));
        }
        if response.clicked() {
            out.clicked_cell = out.hovered_cell;
        }
        let view = FrameView {
            transform: tf,
            rect: response.rect,
            zoom: projector.zoom(),
            hovered_cell: out.hovered_cell,
        };
        let shapes = Self::geometry(ui.ctx(), &view, input);
        ui.painter().with_clip_rect(response.rect).extend(shapes);
        out
    }

    /// The shapes of one frame under the labels, in paint order: fills, hatching, borders,
    /// highlights, the dragged cells and the selection rectangle.
    #[expect(
        clippy::too_many_lines,
        reason = "over the 120-line limit; still to be split"
    )]
    pub fn geometry(ctx: &egui::Context, view: &FrameView, input: &MapInput) -> Vec<Shape> {
        let tf = view.transform;
        let visible = tf.local_rect(view.rect);
        let atlas = input.atlas;
        let geo = input.geometry;
        let level = geo.level(atlas, geo.detail(view.zoom));
        let mut shapes = Vec::new();

        let hovered = view.hovered_cell.map(|c| {
            let cell = &atlas.cells[c];
            (cell.unit, cell.muni)
        });
        let is_hovered = |ci: usize| {
            let c = &atlas.cells[ci];
            match hovered {
                Some((u, _)) if input.hover_zone => c.unit == u,
                Some((_, m)) => c.muni == m,
                None => false,
            }
        };

        // Fills, hatching, borders and outlines go into one mesh, in paint order, sized once:
        // a frame of many small units is mostly copying, so nothing should grow or be copied
        // twice.
        let s = input.text_scale;
        let feather = lines::feather(ctx);
        let style =
            |width: f32, colour: Color32| LineStyle::new(Stroke::new(width, colour), feather);
        let size = level.size;
        let mut mesh = reuse_mesh(ctx);
        // Room for the labels that follow, which egui appends to the same mesh.
        let label_room = atlas.units.len() * 120;
        mesh.vertices
            .reserve(size.vertices + size.arc_points * 4 + label_room);
        mesh.indices
            .reserve(size.indices + size.arc_points * 18 + label_room * 2);

        // Fills.
        for (ci, bbox) in geo.cell_boxes.iter().enumerate() {
            if !overlaps(bbox, &visible) {
                continue;
            }
            let mut colour = input.cell_fill[ci];
            if input.ghost.is_none() && is_hovered(ci) {
                colour = lighten(colour);
            }
            push_mesh(&mut mesh, &level.cells[ci], &tf, Vec2::ZERO, colour);
        }

        // Hatching: cells without a team, detached parts of a team.
        let spacing = 9.0 * s;
        for (ci, h) in input.hatch.iter().enumerate() {
            let Some(colour) = h else { continue };
            if !overlaps(&geo.cell_boxes[ci], &visible) {
                continue;
            }
            let rings: Vec<Vec<Pos2>> = atlas.cells[ci]
                .merc
                .iter()
                .flat_map(|p| p.rings.iter())
                .map(|r| r.iter().map(|&m| tf.apply(geo.to_local(m))).collect())
                .collect();
            let st = style(1.5 * s, *colour);
            for (a, b) in hatch_segments(&rings, spacing, view.rect) {
                push_segment(&mut mesh, a, b, &st);
            }
        }

        // Borders: municipality < zone < team, drawn in that order. Each arc is drawn once,
        // as the highest of the borders it is, from the normals prepared with the geometry.
        let mut line = |arc: u32, style: &LineStyle| {
            let a = &geo.arcs[arc as usize];
            if overlaps(&a.bbox, &visible) {
                let i = arc as usize;
                push_line(&mut mesh, level.arc(i), level.mitres(i), &tf, style);
            }
        };
        let differs = |a: u32| {
            let a = &geo.arcs[a as usize];
            separates_teams(a.left, a.right, input.cell_team)
        };
        if input.layers.municipality_borders && view.zoom >= MUNI_BORDER_ZOOM {
            let st = style(0.7 * s, Color32::from_rgba_unmultiplied(60, 60, 60, 110));
            for &a in &geo.muni_arcs {
                if !differs(a) {
                    line(a, &st);
                }
            }
        }
        let hc = input.layers.high_contrast;
        if input.layers.zone_borders {
            let st = if hc {
                style(1.5 * s, Color32::BLACK)
            } else {
                style(1.3 * s, Color32::from_rgba_unmultiplied(40, 40, 40, 200))
            };
            for &a in &geo.zone_arcs {
                if !differs(a) {
                    line(a, &st);
                }
            }
        }
        // Province (IROJ region) borders: wide and translucent, under the team borders.
        if input.layers.province_borders {
            let st = style(7.0 * s, Color32::from_rgba_unmultiplied(120, 40, 160, 110));
            for &a in &geo.province_arcs {
                line(a, &st);
            }
        }
        let st = style(if hc { 3.6 } else { 3.0 } * s, Color32::BLACK);
        for &a in input.team_arcs {
            line(a, &st);
        }

        // The outline of the hovered area, then of the selection (which wins where both are).
        let outline = |inside: &dyn Fn(usize) -> bool, cells: &mut dyn Iterator<Item = usize>| {
            let mut arcs = Vec::new();
            for c in cells {
                for &a in &geo.cell_arcs[c] {
                    let arc = &geo.arcs[a as usize];
                    let other = arc.right.map(|r| inside(r as usize));
                    let this = inside(arc.left as usize);
                    if other != Some(this) {
                        arcs.push(a);
                    }
                }
            }
            arcs
        };
        let sel = |c: usize| input.selected[c];
        if input.ghost.is_none()
            && let Some((u, m)) = hovered
        {
            let cells = if input.hover_zone {
                &atlas.units[u].cells
            } else {
                &atlas.municipalities[m].cells
            };
            let arcs = outline(&is_hovered, &mut cells.iter().copied());
            let st = style(3.5 * s, Color32::WHITE);
            for a in arcs {
                let arc = &geo.arcs[a as usize];
                let sel_differs = match arc.right {
                    None => sel(arc.left as usize),
                    Some(r) => sel(arc.left as usize) != sel(r as usize),
                };
                if !sel_differs {
                    line(a, &st);
                }
            }
        }
        let arcs = outline(&sel, &mut (0..input.selected.len()).filter(|&c| sel(c)));
        let (outer, inner) = (
            style(6.5 * s, Color32::from_gray(20)),
            style(3.0 * s, SELECTION),
        );
        // The dark edge all round first, so that no arc's edge covers its neighbour's cyan.
        for &a in &arcs {
            line(a, &outer);
        }
        for &a in &arcs {
            line(a, &inner);
        }
        if let Some(m) = input.marked {
            let inside = |c: usize| atlas.cells[c].muni == m;
            let arcs = outline(&inside, &mut atlas.municipalities[m].cells.iter().copied());
            let (outer, inner) = (
                style(5.0 * s, Color32::from_gray(20)),
                style(2.5 * s, Color32::WHITE),
            );
            for &a in &arcs {
                line(a, &outer);
            }
            for &a in &arcs {
                line(a, &inner);
            }
        }
        let mesh = Arc::new(mesh);
        ctx.data_mut(|d| d.insert_temp(map_mesh_id(), Arc::clone(&mesh)));
        shapes.push(Shape::Mesh(mesh));

        // The dragged cells follow the pointer.
        if let Some(offset) = input.ghost {
            let mut ghost = Mesh::default();
            for (ci, &selected) in input.selected.iter().enumerate() {
                if selected {
                    let [r, g, b, _] = input.cell_fill[ci].to_srgba_unmultiplied();
                    push_mesh(
                        &mut ghost,
                        &level.cells[ci],
                        &tf,
                        offset,
                        Color32::from_rgba_unmultiplied(r, g, b, 90),
                    );
                }
            }
            shapes.push(Shape::mesh(ghost));
        }
        if let Some(r) = input.select_rect {
            shapes.push(Shape::rect_filled(
                r,
                0.0,
                Color32::from_rgba_unmultiplied(0, 210, 255, 40),
            ));
            shapes.push(Shape::rect_stroke(
                r,
                0.0,
                Stroke::new(1.5, SELECTION_DARK),
                egui::StrokeKind::Inside,
            ));
        }
        shapes
    }
}

fn map_mesh_id() -> egui::Id {
    egui::Id::unique("gebiedsplanner map mesh")
}

/// The map mesh of the previous frame, emptied, once egui has let go of it: its buffers are
/// refilled instead of allocated anew each frame (on a large map, fresh buffers cost more in
/// page faults than filling them does). A new mesh when egui still holds the old one.
fn reuse_mesh(ctx: &egui::Context) -> Mesh {
    let previous = ctx.data_mut(|d| d.remove_temp::<Arc<Mesh>>(map_mesh_id()));
    match previous.and_then(|m| Arc::try_unwrap(m).ok()) {
        Some(mut mesh) => {
            mesh.clear();
            mesh
        }
        None => Mesh::default(),
    }
}

fn push_mesh(
    mesh: &mut Mesh,
    cm: &super::mesh::CellMesh,
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

/// Diagonal hatch lines inside the rings (even-odd), in screen space, limited to `clip`.
/// Each edge is put in the buckets of the lines it crosses, so the cost is the number of
/// edges plus the number of crossings.
pub fn hatch_segments(rings: &[Vec<Pos2>], spacing: f32, clip: Rect) -> Vec<(Pos2, Pos2)> {
    // Lines x - y = t0 + k * spacing; s = x + y runs along them.
    let t_of = |p: Pos2| p.x - p.y;
    let s_of = |p: Pos2| p.x + p.y;
    let (tmin, tmax) = (clip.min.x - clip.max.y, clip.max.x - clip.min.y);
    let n = (((tmax - tmin) / spacing).ceil() as usize).min(4000);
    let mut buckets: Vec<Vec<f32>> = vec![Vec::new(); n + 1];
    for ring in rings {
        let len = ring.len();
        for i in 0..len {
            let (a, b) = (ring[i], ring[(i + 1) % len]);
            let (ta, tb) = (t_of(a), t_of(b));
            if ta == tb {
                continue;
            }
            let lo = ta.min(tb).max(tmin);
            let hi = ta.max(tb).min(tmax);
            if lo > hi {
                continue;
            }
            let k0 = ((lo - tmin) / spacing).ceil() as usize;
            let k1 = (((hi - tmin) / spacing).floor() as usize).min(n);
            for (k, bucket) in buckets.iter_mut().enumerate().take(k1 + 1).skip(k0) {
                let t = tmin + k as f32 * spacing;
                let f = (t - ta) / (tb - ta);
                if (0.0..1.0).contains(&f) {
                    bucket.push(s_of(a) + f * (s_of(b) - s_of(a)));
                }
            }
        }
    }
    let mut out = Vec::new();
    for (k, mut ss) in buckets.into_iter().enumerate() {
        if ss.len() < 2 {
            continue;
        }
        ss.sort_by(f32::total_cmp);
        let t = tmin + k as f32 * spacing;
        for pair in ss.chunks_exact(2) {
            let p = |s: f32| Pos2::new((s + t) / 2.0, (s - t) / 2.0);
            out.push((p(pair[0]), p(pair[1])));
        }
    }
    out
}

fn lighten(c: Color32) -> Color32 {
    let [r, g, b, a] = c.to_srgba_unmultiplied();
    let up = |v: u8| v + (255 - v) / 3;
    Color32::from_rgba_unmultiplied(up(r), up(g), up(b), a.saturating_add(40))
}

/// A name on the map, in a box.
#[derive(Clone, Debug, PartialEq)]
pub struct MapLabel {
    /// Centre of the box on screen.
    pub at: Pos2,
    pub text: String,
    pub colour: Color32,
    pub size: f32,
    /// The box has an edge in the text colour.
    pub outlined: bool,
    /// Opacity of the white box.
    pub fill_alpha: u8,
    /// Room between the text and the box edge.
    pub padding: Vec2,
}

impl MapLabel {
    /// The laid-out text and the box around it on screen.
    pub fn layout(&self, ctx: &egui::Context) -> (std::sync::Arc<egui::Galley>, Rect) {
        let galley = ctx.fonts_mut(|f| {
            f.layout_no_wrap(
                self.text.clone(),
                FontId::proportional(self.size),
                self.colour,
            )
        });
        let rect = Align2::CENTER_CENTER
            .anchor_size(self.at, galley.size())
            .expand2(self.padding);
        (galley, rect)
    }
}

impl MapView {
    /// The names on the map, placed in one pass so that none covers another: the selected
    /// zones first, then the names of the overlays that are shown (`overlay`, in their order),
    /// then the other zones by population. A name that would overlap one already placed is
    /// left out.
    pub fn labels(
        ctx: &egui::Context,
        tf: &ScreenTransform,
        clip: Rect,
        input: &MapInput,
        overlay: &[MapLabel],
    ) -> Vec<Shape> {
        let atlas = input.atlas;
        let hc = input.layers.high_contrast;
        let zone = |u: usize| MapLabel {
            at: tf.apply(input.geometry.to_local(atlas.units[u].label)),
            text: atlas.units[u].name.clone(),
            colour: Color32::BLACK,
            size: if hc { 15.0 } else { 13.0 } * input.text_scale,
            outlined: hc,
            fill_alpha: if hc { 255 } else { 210 },
            padding: Vec2::new(4.0, 1.0),
        };
        let zones: &[usize] = if input.layers.zone_labels {
            &input.geometry.label_order
        } else {
            &[]
        };
        let is_selected = |u: &usize| atlas.units[*u].cells.iter().any(|&c| input.selected[c]);
        let (selected, others): (Vec<usize>, Vec<usize>) =
            zones.iter().copied().partition(is_selected);
        let order = selected
            .into_iter()
            .map(zone)
            .chain(overlay.iter().cloned())
            .chain(others.into_iter().map(zone));
        place_labels(ctx, clip, order)
    }
}

/// Boxed names in `order`, each left out when its centre is outside `clip` or its box would
/// overlap one placed before it.
pub fn place_labels(
    ctx: &egui::Context,
    clip: Rect,
    order: impl IntoIterator<Item = MapLabel>,
) -> Vec<Shape> {
    let mut placed: Vec<Rect> = Vec::new();
    let mut shapes = Vec::new();
    for l in order {
        if !clip.contains(l.at) {
            continue;
        }
        let (galley, rect) = l.layout(ctx);
        if placed.iter().any(|r| r.intersects(rect)) {
            continue;
        }
        placed.push(rect);
        shapes.push(Shape::rect_filled(
            rect,
            3.0,
            Color32::from_rgba_unmultiplied(255, 255, 255, l.fill_alpha),
        ));
        if l.outlined {
            shapes.push(Shape::rect_stroke(
                rect,
                3.0,
                Stroke::new(1.0, l.colour),
                egui::StrokeKind::Inside,
            ));
        }
        shapes.push(Shape::galley(rect.min + l.padding, galley, l.colour));
    }
    shapes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hatching_a_square_stays_inside_it() {
        let sq = vec![
            Pos2::new(10.0, 10.0),
            Pos2::new(110.0, 10.0),
            Pos2::new(110.0, 110.0),
            Pos2::new(10.0, 110.0),
        ];
        let clip = Rect::from_min_max(Pos2::ZERO, Pos2::new(200.0, 200.0));
        let segs = hatch_segments(&[sq], 10.0, clip);
        assert!(segs.len() > 10, "{} lines", segs.len());
        for (a, b) in segs {
            for p in [a, b] {
                assert!(
                    (9.9..=110.1).contains(&p.x) && (9.9..=110.1).contains(&p.y),
                    "{p:?}"
                );
            }
        }
    }
}
