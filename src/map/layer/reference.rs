//! A user's own reference layer (GeoJSON or shapefile): outlines, lines and points, named by
//! a field of the user's choice. On the map it draws from what `map::reference_view` prepared
//! when the layer was opened (only what is in view, simplified to the zoom level).

use std::fmt::Write as _;

use super::{
    DrawFrame, LayerSetting, LegendEntry, MapLayer, Scene, SvgFrame, SvgLabel, Swatch, priority,
};
use crate::i18n::Texts;
use crate::map::reference_view::{ReferenceStyle, draw_reference};
use crate::model::geom::to_merc;
use crate::style;

pub struct Reference;

pub const KEY: &str = "reference";

impl MapLayer for Reference {
    fn key(&self) -> &'static str {
        KEY
    }

    fn name(&self, t: &Texts) -> &'static str {
        t.reference_layer
    }

    /// Its switch and label field are in the layer panel's own section for it.
    fn in_panel(&self) -> bool {
        false
    }

    fn available(&self, scene: &Scene) -> bool {
        scene.reference.is_some()
    }

    fn draw(&self, scene: &Scene, frame: &mut DrawFrame, _setting: LayerSetting) {
        let Some((drawing, label_field)) = scene.reference else {
            return;
        };
        let style = ReferenceStyle {
            label_field,
            scale: frame.scale,
            clip: frame.clip,
            feather: frame.feather,
        };
        let labels = draw_reference(
            &mut frame.mesh,
            &mut frame.shapes,
            &frame.screen_from_local,
            frame.geometry,
            drawing,
            &style,
        );
        frame
            .labels
            .extend(labels.into_iter().map(|l| (priority::REFERENCE, l)));
    }

    fn svg(&self, scene: &Scene, frame: &mut SvgFrame) {
        let Some((drawing, label_field)) = scene.reference else {
            return;
        };
        let layer = &drawing.layer;
        let k = frame.k;
        let mut d = String::new();
        for f in &layer.features {
            for ring in f.polygons.iter().flatten() {
                frame.path_points(&mut d, ring, true);
            }
            for line in &f.lines {
                frame.path_points(&mut d, line, false);
            }
        }
        if !d.is_empty() {
            let _ = write!(
                frame.out,
                r#"<path d="{d}" {}/>"#,
                style::REFERENCE_LINE.svg(k)
            );
        }
        for f in &layer.features {
            for &p in &f.points {
                let (x, y) = frame.image_from_merc.apply(to_merc(p[0], p[1]));
                let _ = write!(
                    frame.out,
                    r##"<circle cx="{x:.1}" cy="{y:.1}" r="{:.1}" fill="{}" stroke="#ffffff" stroke-width="{:.1}"/>"##,
                    f64::from(style::REFERENCE_POINT_RADIUS) * k,
                    style::hex(style::REFERENCE),
                    1.5 * k
                );
            }
            if let Some(text) = label_field.and_then(|field| f.label(field)) {
                let (x, y) = frame.image_from_merc.apply(f.label_point);
                frame.labels.push((
                    priority::REFERENCE,
                    SvgLabel {
                        at: (x, y + 14.0 * k),
                        text,
                        size: 12.0 * k,
                        colour: style::REFERENCE,
                        outlined: true,
                    },
                ));
            }
        }
    }

    fn legend(&self, scene: &Scene) -> Vec<LegendEntry> {
        scene
            .reference
            .map(|(drawing, _)| LegendEntry {
                swatch: Swatch::Line(style::REFERENCE_LINE),
                text: format!("{}: {}", scene.texts.reference_layer, drawing.layer.name),
            })
            .into_iter()
            .collect()
    }
}
