//! A user's own reference layer on the map, made to scale to layers of hundreds of thousands
//! of vertices. Everything a frame needs is prepared once, when the layer is opened (on the
//! loading thread): the outlines and lines in local Mercator coordinates with their mitred
//! normals, the box of each line, and simplified copies for the zoom levels of
//! [`REF_LOD_ZOOMS`] (Douglas-Peucker to half a pixel, as the zones' levels of detail in
//! `mesh.rs`). A frame then skips every line whose box is outside the view, takes the copy
//! for its zoom level and only transforms points into one mesh.

use egui::epaint::CircleShape;
use egui::{Color32, Mesh, Rect, Shape, Stroke, Vec2};

use super::lines::{self, LineStyle, push_line};
use super::mesh::{MapGeometry, importance, tolerance};
use super::view::{MapLabel, ScreenTransform};
use crate::data::reference::ReferenceLayer;
use crate::model::geom::Merc;
use crate::style::{REFERENCE, REFERENCE_LINE, REFERENCE_POINT_RADIUS};

/// Zoom levels that get a simplified copy; above the last one the full detail is drawn.
pub const REF_LOD_ZOOMS: [f64; 12] = [
    5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 16.0,
];
/// Simplification tolerance, in pixels at the level's zoom.
const LOD_PIXELS: f64 = 0.5;

/// All the lines of one level of detail, end to end.
#[derive(Clone, Debug, Default)]
struct LineSet {
    points: Vec<[f32; 2]>,
    mitres: Vec<[f32; 2]>,
    /// Start of each line in `points` (same numbering as `ReferenceDrawing::lines`); the
    /// line ends where the next starts.
    starts: Vec<u32>,
}

impl LineSet {
    fn line(&self, i: usize) -> (&[[f32; 2]], &[[f32; 2]]) {
        let a = self.starts[i] as usize;
        let b = self
            .starts
            .get(i + 1)
            .map_or(self.points.len(), |&s| s as usize);
        (&self.points[a..b], &self.mitres[a..b])
    }

    fn push(&mut self, points: Vec<[f32; 2]>) {
        self.starts.push(self.points.len() as u32);
        self.mitres.extend(lines::mitres(&points));
        self.points.extend(points);
    }
}

/// One feature's place: the box of all its parts and where its label goes (local).
#[derive(Clone, Copy, Debug)]
struct FeaturePlace {
    bbox: [f32; 4],
    label: [f32; 2],
}

/// A reference layer with everything its drawing needs, computed when it is opened.
#[derive(Clone, Debug)]
pub struct ReferenceDrawing {
    pub layer: ReferenceLayer,
    /// Local coordinates are Mercator offsets from here (the layer's corner).
    origin: Merc,
    places: Vec<FeaturePlace>,
    /// Each line's box; the outlines of polygons are closed lines.
    line_boxes: Vec<[f32; 4]>,
    /// The points of all features (local).
    points: Vec<[f32; 2]>,
    /// Copies for `REF_LOD_ZOOMS`, then the full detail.
    levels: Vec<LineSet>,
}

fn bbox_of(points: &[[f32; 2]]) -> [f32; 4] {
    let mut b = [f32::MAX, f32::MAX, f32::MIN, f32::MIN];
    for p in points {
        b = [
            b[0].min(p[0]),
            b[1].min(p[1]),
            b[2].max(p[0]),
            b[3].max(p[1]),
        ];
    }
    b
}

fn overlaps(b: &[f32; 4], view: &[f32; 4]) -> bool {
    b[0] <= view[2] && view[0] <= b[2] && b[1] <= view[3] && view[1] <= b[3]
}

impl ReferenceDrawing {
    /// Prepare `layer` for the map (a second or so for a million vertices: run it off the UI
    /// thread).
    pub fn new(layer: ReferenceLayer) -> ReferenceDrawing {
        let origin = if layer.bbox.is_empty() {
            [0.0, 0.0]
        } else {
            layer.bbox.min
        };
        let local = |m: Merc| [(m[0] - origin[0]) as f32, (m[1] - origin[1]) as f32];
        let mut lines_merc: Vec<Vec<Merc>> = Vec::new();
        let mut points = Vec::new();
        let mut places = Vec::with_capacity(layer.features.len());
        for f in &layer.features {
            for poly in &f.merc {
                for ring in &poly.rings {
                    let mut closed = ring.clone();
                    if let Some(&first) = ring.first() {
                        closed.push(first);
                    }
                    lines_merc.push(closed);
                }
            }
            for l in &f.merc_lines {
                lines_merc.push(l.clone());
            }
            points.extend(f.merc_points.iter().map(|&p| local(p)));
            let (a, b) = (local(f.bbox.min), local(f.bbox.max));
            places.push(FeaturePlace {
                bbox: [a[0], a[1], b[0], b[1]],
                label: local(f.label_point),
            });
        }
        let importances: Vec<Vec<f64>> = lines_merc.iter().map(|l| importance(l)).collect();
        let mut levels: Vec<LineSet> = Vec::with_capacity(REF_LOD_ZOOMS.len() + 1);
        for t in REF_LOD_ZOOMS
            .iter()
            .map(|&z| tolerance(z, LOD_PIXELS))
            .chain([0.0])
        {
            let mut set = LineSet::default();
            for (l, imp) in lines_merc.iter().zip(&importances) {
                let kept: Vec<[f32; 2]> = l
                    .iter()
                    .zip(imp)
                    .filter(|(_, v)| t == 0.0 || **v > t)
                    .map(|(p, _)| local(*p))
                    .collect();
                set.push(kept);
            }
            levels.push(set);
        }
        let full = levels.last();
        let line_boxes = (0..lines_merc.len())
            .map(|i| full.map_or([0.0; 4], |f| bbox_of(f.line(i).0)))
            .collect();
        ReferenceDrawing {
            origin,
            places,
            line_boxes,
            points,
            levels,
            layer,
        }
    }

    /// Number of vertices drawn at full detail.
    pub fn vertex_count(&self) -> usize {
        self.levels.last().map_or(0, |l| l.points.len()) + self.points.len()
    }

    /// The copy for the zoom level that `scale` (pixels per Mercator unit) means.
    fn level(&self, scale: f32) -> &LineSet {
        let zoom = (f64::from(scale) / 256.0).log2();
        let i = REF_LOD_ZOOMS
            .iter()
            .position(|&z| zoom <= z)
            .unwrap_or(REF_LOD_ZOOMS.len());
        &self.levels[i.min(self.levels.len() - 1)]
    }

    /// The map's transform `tf` (from the local coordinates of `geo`) for this layer's own
    /// local coordinates.
    fn transform(&self, tf: &ScreenTransform, geo: &MapGeometry) -> ScreenTransform {
        let shift = Vec2::new(
            (self.origin[0] - geo.origin[0]) as f32,
            (self.origin[1] - geo.origin[1]) as f32,
        );
        ScreenTransform {
            offset: tf.offset + shift * tf.scale,
            scale: tf.scale,
        }
    }
}

/// What the reference layer is drawn with: the map's frame and the text scale.
#[derive(Clone, Copy, Debug)]
pub struct ReferenceStyle<'a> {
    pub label_field: Option<&'a str>,
    pub scale: f32,
    /// The map's rectangle on screen.
    pub clip: Rect,
    /// Fade of line edges (`lines::feather`).
    pub feather: f32,
}

/// A user's own layer: outlines and lines into `mesh`, points into `shapes`, only what is in
/// view, at the detail of the zoom level; returns the labels of the features in view.
pub fn draw_reference(
    mesh: &mut Mesh,
    shapes: &mut Vec<Shape>,
    tf: &ScreenTransform,
    geo: &MapGeometry,
    drawing: &ReferenceDrawing,
    style: &ReferenceStyle,
) -> Vec<MapLabel> {
    let scale = style.scale;
    let tf = drawing.transform(tf, geo);
    let radius = REFERENCE_POINT_RADIUS * scale;
    // A line or point just outside still shows its width.
    let margin = (radius + 2.0) / tf.scale;
    let v = tf.local_rect(style.clip);
    let view = [v[0] - margin, v[1] - margin, v[2] + margin, v[3] + margin];
    let line_style = LineStyle::new(
        Stroke::new(REFERENCE_LINE.width * scale, REFERENCE_LINE.colour),
        style.feather,
    );
    let level = drawing.level(tf.scale);
    for (i, b) in drawing.line_boxes.iter().enumerate() {
        if overlaps(b, &view) {
            let (points, mitres) = level.line(i);
            push_line(mesh, points, mitres, &tf, &line_style);
        }
    }
    for &p in &drawing.points {
        if p[0] >= view[0] && p[0] <= view[2] && p[1] >= view[1] && p[1] <= view[3] {
            shapes.push(Shape::Circle(CircleShape {
                center: tf.apply(p),
                radius,
                fill: REFERENCE,
                stroke: Stroke::new(1.5, Color32::WHITE),
            }));
        }
    }
    let Some(field) = style.label_field else {
        return Vec::new();
    };
    drawing
        .places
        .iter()
        .zip(&drawing.layer.features)
        .filter(|(place, _)| overlaps(&place.bbox, &view))
        .filter_map(|(place, f)| {
            let text = f.label(field)?;
            let at = tf.apply(place.label) + Vec2::new(0.0, 14.0 * scale);
            Some(super::layer::labels::overlay_label(
                at,
                text,
                REFERENCE,
                11.0 * scale,
            ))
        })
        .collect()
}
