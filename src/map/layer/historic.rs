//! The 2020 team areas: their borders (dashed where the area is an estimate) and their names.

use std::fmt::Write as _;

use egui::{Pos2, Vec2};

use super::labels::overlay_label;
use super::{
    DrawFrame, Hit, HitFrame, LayerSetting, LegendEntry, MapLayer, Scene, SvgFrame, SvgLabel,
    Swatch, priority,
};
use crate::i18n::Texts;
use crate::map::lines::{self, push_line};
use crate::map::mesh::MapGeometry;
use crate::map::view::{MapLabel, ScreenTransform};
use crate::model::overlay::historic::HistoricTeam;
use crate::style;

pub struct Historic;

pub const KEY: &str = "historic";

impl MapLayer for Historic {
    fn key(&self) -> &'static str {
        KEY
    }

    fn name(&self, t: &Texts) -> &'static str {
        t.historic_layer
    }

    fn default_setting(&self) -> LayerSetting {
        LayerSetting::OFF
    }

    fn draw(&self, scene: &Scene, frame: &mut DrawFrame, _setting: LayerSetting) {
        let layer = &scene.overlays.historic;
        let solid = frame.style(&style::HISTORIC_BORDER);
        let (dash, gap) = style::HISTORIC_BORDER_ESTIMATED.dash.unwrap_or((10.0, 6.0));
        let identity = ScreenTransform {
            offset: Vec2::ZERO,
            scale: 1.0,
        };
        let tf = frame.screen_from_local;
        for (&a, &estimated) in layer.outline.iter().zip(&layer.outline_estimated) {
            let Some(arc) = frame.geometry.arcs.get(a) else {
                continue;
            };
            if !frame.in_view(&arc.bbox) {
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
                for d in lines::dashes(&screen, dash * frame.scale, gap * frame.scale) {
                    push_line(&mut frame.mesh, &d, &lines::mitres(&d), &identity, &solid);
                }
            } else {
                push_line(&mut frame.mesh, points, mitres, &tf, &solid);
            }
        }
        for team in &layer.teams {
            let l = historic_label(&tf, frame.geometry, team, frame.scale);
            frame.labels.push((priority::HISTORIC, l));
        }
    }

    fn svg(&self, scene: &Scene, frame: &mut SvgFrame) {
        let layer = &scene.overlays.historic;
        for (line, estimated) in [
            (style::HISTORIC_BORDER, false),
            (style::HISTORIC_BORDER_ESTIMATED, true),
        ] {
            let mut d = String::new();
            for (&a, &e) in layer.outline.iter().zip(&layer.outline_estimated) {
                if e == estimated
                    && let Some(arc) = scene.atlas.topology.arcs.get(a)
                {
                    frame.path_points(&mut d, &arc.points, false);
                }
            }
            if !d.is_empty() {
                let _ = write!(frame.out, r#"<path d="{d}" {}/>"#, line.svg(frame.k));
            }
        }
        let k = frame.k;
        for team in &layer.teams {
            let (x, y) = frame.image_from_merc.apply(team.label);
            frame.labels.push((
                priority::HISTORIC,
                SvgLabel {
                    at: (x, y + 20.0 * k),
                    text: label_text(team),
                    size: 13.0 * k,
                    colour: style::HISTORIC,
                    outlined: true,
                },
            ));
        }
    }

    fn legend(&self, scene: &Scene) -> Vec<LegendEntry> {
        vec![LegendEntry {
            swatch: Swatch::Line(style::HISTORIC_BORDER),
            text: scene.texts.historic_layer.to_string(),
        }]
    }

    /// A historic team's card opens from its name, so that clicks on the map still select
    /// zones.
    fn hit(&self, scene: &Scene, frame: &HitFrame, at: Pos2) -> Option<Hit> {
        scene
            .overlays
            .historic
            .teams
            .position(|team| {
                let l = historic_label(&frame.screen_from_local, frame.geometry, team, frame.scale);
                l.layout(frame.ctx).1.contains(at)
            })
            .map(Hit::HistoricTeam)
    }
}

fn label_text(team: &HistoricTeam) -> String {
    format!("2020: {}", team.name)
}

/// The name of a historic team on the map ("2020: ..."), below its area's inside point.
pub fn historic_label(
    tf: &ScreenTransform,
    geo: &MapGeometry,
    team: &HistoricTeam,
    scale: f32,
) -> MapLabel {
    let at = tf.apply(geo.to_local(team.label)) + Vec2::new(0.0, 18.0 * scale);
    overlay_label(at, label_text(team), style::HISTORIC, 12.0 * scale)
}
