//! Drawing the overlays on the map: the historic 2020 team borders with their names, and the
//! Proeftuin neighbourhoods (polygons, or a marker where the extent is not known).

use egui::epaint::CircleShape;
use egui::{Color32, Mesh, Pos2, Rect, Shape, Stroke, Vec2};

use super::layers::Layers;
use super::lines::{self, LineStyle, push_line};
use super::mesh::{Level, MapGeometry};
use super::reference_view::{ReferenceDrawing, ReferenceStyle, draw_reference};
use super::view::{MapLabel, ScreenTransform};
use crate::model::geom::Merc;
use crate::model::overlay::historic::HistoricTeam;
use crate::overlays::Overlays;

/// Dark red: the historic borders stand out from the team borders (black) and fills.
pub const HISTORIC: Color32 = Color32::from_rgb(150, 0, 40);
pub const PROEFTUIN: Color32 = Color32::from_rgb(255, 200, 0);

/// Marker radius on screen.
pub const MARKER_RADIUS: f32 = 9.0;

fn to_screen(tf: &ScreenTransform, geo: &MapGeometry, m: Merc) -> Pos2 {
    tf.apply(geo.to_local(m))
}

/// The overlays to draw on the map.
pub struct OverlayInput<'a> {
    /// Which are switched on.
    pub layers: &'a Layers,
    pub overlays: Option<&'a Overlays>,
    /// A user's own layer and its label field.
    pub reference: Option<(&'a ReferenceDrawing, Option<&'a str>)>,
    /// "approximate", in the language of the window.
    pub approximate_word: &'a str,
    pub scale: f32,
    pub frame: OverlayFrame<'a>,
}

/// What the frame of the map below the overlays used: its level of detail, its rectangle on
/// screen and the fade of line edges (`lines::feather`).
#[derive(Clone, Copy, Debug)]
pub struct OverlayFrame<'a> {
    pub level: Level<'a>,
    pub clip: Rect,
    pub feather: f32,
}

impl<'a> OverlayFrame<'a> {
    /// The frame of the map `geo` of `atlas` drawn at `zoom` into `clip`.
    pub fn new(
        ctx: &egui::Context,
        geo: &'a MapGeometry,
        atlas: &crate::model::atlas::Atlas,
        zoom: f64,
        clip: Rect,
    ) -> OverlayFrame<'a> {
        OverlayFrame {
            level: geo.level(atlas, geo.detail(zoom)),
            clip,
            feather: lines::feather(ctx),
        }
    }
}

/// The overlays that are switched on, bottom to top: the user's own layer, the historic
/// teams, the Proeftuinen. Returns their names in order of priority for `MapView::labels`:
/// Proeftuinen, historic teams, own layer.
pub fn draw_overlays(
    shapes: &mut Vec<Shape>,
    tf: &ScreenTransform,
    geo: &MapGeometry,
    input: &OverlayInput,
) -> Vec<MapLabel> {
    let scale = input.scale;
    let own = input
        .reference
        .map(|(drawing, field)| {
            let style = ReferenceStyle {
                label_field: field,
                scale,
                clip: input.frame.clip,
                feather: input.frame.feather,
            };
            draw_reference(shapes, tf, geo, drawing, &style)
        })
        .unwrap_or_default();
    let mut historic = Vec::new();
    let mut names = Vec::new();
    if let Some(ov) = input.overlays {
        if input.layers.historic {
            historic = draw_historic(shapes, tf, geo, ov, &input.frame, scale);
        }
        if input.layers.proeftuinen {
            names = draw_proeftuinen(shapes, tf, geo, ov, scale, input.approximate_word);
        }
    }
    names.extend(historic);
    names.extend(own);
    names
}

/// A boxed name of an overlay, edged in its colour (placed by `MapView::labels`).
pub(crate) fn label(at: Pos2, text: String, colour: Color32, size: f32) -> MapLabel {
    MapLabel {
        at,
        text,
        colour,
        size,
        outlined: true,
        fill_alpha: 225,
        padding: Vec2::new(4.0, 2.0),
    }
}

/// The historic team borders (dashed where the area is an estimate); returns their names.
pub fn draw_historic(
    shapes: &mut Vec<Shape>,
    tf: &ScreenTransform,
    geo: &MapGeometry,
    overlays: &Overlays,
    frame: &OverlayFrame,
    scale: f32,
) -> Vec<MapLabel> {
    let layer = &overlays.historic;
    let style = LineStyle::new(Stroke::new(3.5 * scale, HISTORIC), frame.feather);
    let visible = tf.local_rect(frame.clip);
    let identity = ScreenTransform {
        offset: Vec2::ZERO,
        scale: 1.0,
    };
    let mut mesh = Mesh::default();
    for (&a, &estimated) in layer.outline.iter().zip(&layer.outline_estimated) {
        let Some(arc) = geo.arcs.get(a) else { continue };
        let b = arc.bbox;
        if b[0] > visible[2] || visible[0] > b[2] || b[1] > visible[3] || visible[1] > b[3] {
            continue;
        }
        let (points, mitres) = (frame.level.arc(a), frame.level.mitres(a));
        if estimated {
            let screen: Vec<[f32; 2]> = points
                .iter()
                .map(|&p| {
                    let q = tf.apply(p);
                    [q.x, q.y]
                })
                .collect();
            for dash in lines::dashes(&screen, 10.0 * scale, 6.0 * scale) {
                push_line(&mut mesh, &dash, &lines::mitres(&dash), &identity, &style);
            }
        } else {
            push_line(&mut mesh, points, mitres, tf, &style);
        }
    }
    shapes.push(Shape::mesh(mesh));
    layer
        .teams
        .iter()
        .map(|t| historic_label(tf, geo, t, scale))
        .collect()
}

/// The name of a historic team on the map ("2020: ..."), below its area's inside point.
pub fn historic_label(
    tf: &ScreenTransform,
    geo: &MapGeometry,
    team: &HistoricTeam,
    scale: f32,
) -> MapLabel {
    let at = to_screen(tf, geo, team.label) + Vec2::new(0.0, 18.0 * scale);
    label(at, format!("2020: {}", team.name), HISTORIC, 12.0 * scale)
}

/// The Proeftuinen: outlined polygons, or a marker for those whose extent is not known;
/// returns their names.
pub fn draw_proeftuinen(
    shapes: &mut Vec<Shape>,
    tf: &ScreenTransform,
    geo: &MapGeometry,
    overlays: &Overlays,
    scale: f32,
    approximate_word: &str,
) -> Vec<MapLabel> {
    let mut labels = Vec::new();
    for p in &overlays.proeftuinen {
        for poly in &p.merc {
            for ring in &poly.rings {
                let mut pts: Vec<Pos2> = ring.iter().map(|&m| to_screen(tf, geo, m)).collect();
                if let Some(&f) = pts.first() {
                    pts.push(f);
                }
                shapes.push(Shape::line(
                    pts.clone(),
                    Stroke::new(5.0 * scale, Color32::BLACK),
                ));
                shapes.push(Shape::line(pts, Stroke::new(2.5 * scale, PROEFTUIN)));
            }
        }
        let at = to_screen(tf, geo, p.marker);
        if p.marker_only() {
            shapes.push(Shape::Circle(CircleShape {
                center: at,
                radius: MARKER_RADIUS * scale,
                fill: PROEFTUIN,
                stroke: Stroke::new(2.0 * scale, Color32::BLACK),
            }));
        }
        // Short on the map (the neighbourhood's full name is on its card and in search):
        // the full names ran across several zones at the zoom of all Flanders.
        let text = if p.approximate {
            format!("Proeftuin {} ({approximate_word})", p.municipality_name)
        } else {
            format!("Proeftuin {}", p.municipality_name)
        };
        labels.push(label(
            at + Vec2::new(0.0, -22.0 * scale),
            text,
            Color32::BLACK,
            12.0 * scale,
        ));
    }
    labels
}
