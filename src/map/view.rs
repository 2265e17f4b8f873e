//! One frame of the map: fills, borders, labels, hover and click.

use std::sync::Arc;

use egui::{Align2, Color32, FontId, Mesh, Pos2, Rect, Shape, Stroke, Vec2};
use walkers::{Projector, lon_lat};

use super::layer::{DrawFrame, Hovered, Scene, draw_layers, push_cell};
use super::layers::Layers;
use super::lines;
use super::mesh::MapGeometry;
use crate::model::geom;
use crate::model::ids::{CellId, MunicipalityId};
use crate::style::{self, SELECTION_DARK};

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

/// What a frame of the map needs: the scene the layers draw, their settings, and what the
/// pointer is doing.
pub struct MapInput<'a> {
    pub scene: Scene<'a>,
    pub geometry: &'a MapGeometry,
    pub layers: &'a Layers,
    /// Hover highlights the whole zone (true) or the municipality (false).
    pub hover_zone: bool,
    /// Multiplier for label and line sizes (presentation).
    pub text_scale: f32,
    /// While dragging: the screen offset of the dragged cells.
    pub ghost: Option<Vec2>,
    /// A rectangle being drawn to select.
    pub select_rect: Option<Rect>,
    /// A municipality to point out inside the selection (the one searched for, when whole
    /// zones are selected).
    pub marked: Option<MunicipalityId>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct MapOutput {
    pub hovered_cell: Option<CellId>,
    pub clicked_cell: Option<CellId>,
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
    pub hovered_cell: Option<CellId>,
}

pub struct MapView;

impl MapView {
    /// Draw the layers into the map rectangle and report hover and click.
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
            out.hovered_cell = input.scene.atlas.cell_at(input.geometry.to_merc(local));
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
        let shapes = Self::shapes(ui.ctx(), &view, input);
        ui.painter().with_clip_rect(response.rect).extend(shapes);
        out
    }

    /// The shapes of one frame, in paint order: the layers that are on (`map::layer`), the
    /// outlines of the hovered area and the selection, the dragged cells, the selection
    /// rectangle, and all names placed together so that none covers another.
    pub fn shapes(ctx: &egui::Context, view: &FrameView, input: &MapInput) -> Vec<Shape> {
        let scene = &input.scene;
        let atlas = scene.atlas;
        let geo = input.geometry;
        let level = geo.level(atlas, geo.detail(view.zoom));
        let hovered = view.hovered_cell.map(|c| {
            let cell = &atlas.cells[c];
            Hovered {
                unit: cell.unit,
                muni: cell.muni,
                whole_zone: input.hover_zone,
            }
        });
        let mut mesh = reuse_mesh(ctx);
        // Room for fills and lines, and for the labels egui appends to the same mesh.
        let size = level.size;
        let label_room = atlas.units.len() * 120;
        mesh.vertices
            .reserve(size.vertices + size.arc_points * 4 + label_room);
        mesh.indices
            .reserve(size.indices + size.arc_points * 18 + label_room * 2);
        let mut frame = DrawFrame {
            ctx,
            geometry: geo,
            level,
            screen_from_local: view.transform,
            clip: view.rect,
            visible: view.transform.local_rect(view.rect),
            zoom: view.zoom,
            scale: input.text_scale,
            feather: lines::feather(ctx),
            hovered: hovered.filter(|_| input.ghost.is_none()),
            mesh,
            shapes: Vec::new(),
            labels: Vec::new(),
        };
        draw_layers(scene, &mut frame, &|l| input.layers.setting(l));
        highlights(scene, &mut frame, input);
        let DrawFrame {
            mesh,
            shapes: layer_shapes,
            labels,
            ..
        } = frame;
        let mesh = Arc::new(mesh);
        ctx.data_mut(|d| d.insert_temp(map_mesh_id(), Arc::clone(&mesh)));
        let mut shapes = vec![Shape::Mesh(mesh)];
        shapes.extend(layer_shapes);
        if let Some(offset) = input.ghost {
            shapes.push(ghost(scene, level.cells, &view.transform, offset));
        }
        if let Some(r) = input.select_rect {
            shapes.push(Shape::rect_filled(r, 0.0, style::SELECTION_BOX_FILL));
            shapes.push(Shape::rect_stroke(
                r,
                0.0,
                Stroke::new(1.5, SELECTION_DARK),
                egui::StrokeKind::Inside,
            ));
        }
        shapes.extend(place_labels(ctx, view.rect, by_priority(labels)));
        shapes
    }
}

/// The outlines of the hovered area, then of the selection (which wins where both are), then
/// of the municipality searched for.
fn highlights(scene: &Scene, frame: &mut DrawFrame, input: &MapInput) {
    let atlas = scene.atlas;
    let geo = frame.geometry;
    let outline = |inside: &dyn Fn(CellId) -> bool, cells: &mut dyn Iterator<Item = CellId>| {
        let mut arcs = Vec::new();
        for c in cells {
            for &a in &geo.cell_arcs[c.index()] {
                let arc = &geo.arcs[a as usize];
                let other = arc.right.map(|r| inside(CellId::from(r)));
                let this = inside(CellId::from(arc.left));
                if other != Some(this) {
                    arcs.push(a);
                }
            }
        }
        arcs
    };
    let sel = |c: CellId| scene.selected[c];
    if let Some(h) = frame.hovered {
        let cells = if h.whole_zone {
            &atlas.units[h.unit].cells
        } else {
            &atlas.municipalities[h.muni].cells
        };
        let covers = |c: CellId| h.covers(atlas, c);
        let arcs = outline(&covers, &mut cells.iter().copied());
        let st = frame.style(&style::HOVER_LINE);
        for a in arcs {
            let arc = &geo.arcs[a as usize];
            let sel_differs = match arc.right {
                None => sel(CellId::from(arc.left)),
                Some(r) => sel(CellId::from(arc.left)) != sel(CellId::from(r)),
            };
            if !sel_differs {
                frame.arc(a, &st);
            }
        }
    }
    let arcs = outline(&sel, &mut scene.selected.keys().filter(|&c| sel(c)));
    edged(frame, &arcs, &style::SELECTION_EDGE, &style::SELECTION_LINE);
    if let Some(m) = input.marked {
        let inside = |c: CellId| atlas.cells[c].muni == m;
        let arcs = outline(&inside, &mut atlas.municipalities[m].cells.iter().copied());
        edged(frame, &arcs, &style::MARKED_EDGE, &style::MARKED_LINE);
    }
}

/// Arcs drawn as a line on a dark edge: the edge all round first, so that no arc's edge
/// covers its neighbour's line.
fn edged(frame: &mut DrawFrame, arcs: &[u32], edge: &style::Line, line: &style::Line) {
    let (outer, inner) = (frame.style(edge), frame.style(line));
    for &a in arcs {
        frame.arc(a, &outer);
    }
    for &a in arcs {
        frame.arc(a, &inner);
    }
}

/// The dragged cells, following the pointer.
fn ghost(
    scene: &Scene,
    cells: &[super::mesh::CellMesh],
    tf: &ScreenTransform,
    offset: Vec2,
) -> Shape {
    let mut ghost = Mesh::default();
    for (ci, &selected) in scene.selected.iter_enumerated() {
        if selected {
            let [r, g, b, _] = scene.cell_fill[ci].to_srgba_unmultiplied();
            push_cell(
                &mut ghost,
                &cells[ci.index()],
                tf,
                offset,
                Color32::from_rgba_unmultiplied(r, g, b, style::DRAG_GHOST_ALPHA),
            );
        }
    }
    Shape::mesh(ghost)
}

/// Names in order of priority, each layer's in the order it gave them.
fn by_priority(mut labels: Vec<(u8, MapLabel)>) -> impl Iterator<Item = MapLabel> {
    labels.sort_by_key(|(p, _)| *p);
    labels.into_iter().map(|(_, l)| l)
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

/// Boxed names in `order`, each left out when its centre is outside `clip` or its box would
/// overlap one placed before it. A box that sticks out over the edge of `clip` is moved inside,
/// so that a name at the map's edge is read whole.
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
        let rect = rect.translate(inside(rect, clip));
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

/// How far to move `rect` to bring it inside `clip` (not at all on an axis where it is larger).
fn inside(rect: Rect, clip: Rect) -> Vec2 {
    let axis = |lo: f32, hi: f32, clip_lo: f32, clip_hi: f32| {
        if hi - lo > clip_hi - clip_lo {
            0.0
        } else if lo < clip_lo {
            clip_lo - lo
        } else if hi > clip_hi {
            clip_hi - hi
        } else {
            0.0
        }
    };
    Vec2::new(
        axis(rect.left(), rect.right(), clip.left(), clip.right()),
        axis(rect.top(), rect.bottom(), clip.top(), clip.bottom()),
    )
}
