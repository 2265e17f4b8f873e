//! The borders, lowest first: municipality, zone, province (IROJ region) and team. Each arc
//! is drawn once, as the highest of the borders it is.

use std::fmt::Write as _;

use super::{DrawFrame, LayerSetting, LegendEntry, MapLayer, Scene, SvgFrame, Swatch};
use crate::i18n::Texts;
use crate::model::borders::separates_teams;
use crate::model::ids::CellId;
use crate::model::topology::Arc;
use crate::style::{self, Line};

/// Zoom level from which municipality borders are drawn on the map.
pub const MUNI_BORDER_ZOOM: f64 = 9.0;

pub const MUNICIPALITY_KEY: &str = "municipality_borders";
pub const ZONE_KEY: &str = "zone_borders";
pub const PROVINCE_KEY: &str = "province_borders";
pub const TEAM_KEY: &str = "team_borders";

pub struct MunicipalityBorders;
pub struct ZoneBorders;
pub struct ProvinceBorders;
pub struct TeamBorders;

/// What separates the cells on either side of an arc.
#[derive(Clone, Copy)]
struct Sides {
    team: bool,
    zone: bool,
    municipality: bool,
    province: bool,
}

fn sides(scene: &Scene, arc: &Arc) -> Sides {
    let Some(r) = arc.right else {
        return Sides {
            team: true,
            zone: true,
            municipality: true,
            province: true,
        };
    };
    let cells = &scene.atlas.cells;
    let (l, rc) = (&cells[CellId::from(arc.left)], &cells[CellId::from(r)]);
    let units = &scene.atlas.units;
    Sides {
        team: separates_teams(arc.left, arc.right, scene.cell_team),
        zone: l.unit != rc.unit,
        municipality: l.muni != rc.muni,
        province: units[l.unit].province != units[rc.unit].province,
    }
}

/// Write the arcs `keep` picks as one path in `line`.
fn svg_arcs(scene: &Scene, frame: &mut SvgFrame, line: &Line, keep: impl Fn(Sides) -> bool) {
    let mut d = String::new();
    for arc in &scene.atlas.topology.arcs {
        if keep(sides(scene, arc)) {
            frame.path_points(&mut d, &arc.points, false);
        }
    }
    if !d.is_empty() {
        let _ = write!(frame.out, r#"<path d="{d}" {}/>"#, line.svg(frame.k));
    }
}

/// Draw the arcs of `arcs` that do not separate two teams (the team border covers those).
fn draw_below_teams(scene: &Scene, frame: &mut DrawFrame, arcs: &[u32], line: &Line) {
    let st = frame.style(line);
    let geo = frame.geometry;
    for &a in arcs {
        let arc = &geo.arcs[a as usize];
        if !separates_teams(arc.left, arc.right, scene.cell_team) {
            frame.arc(a, &st);
        }
    }
}

impl MapLayer for MunicipalityBorders {
    fn key(&self) -> &'static str {
        MUNICIPALITY_KEY
    }

    fn name(&self, t: &Texts) -> &'static str {
        t.municipality_borders
    }

    fn draw(&self, scene: &Scene, frame: &mut DrawFrame, _setting: LayerSetting) {
        if frame.zoom >= MUNI_BORDER_ZOOM {
            let geo = frame.geometry;
            draw_below_teams(scene, frame, &geo.muni_arcs, &style::MUNICIPALITY_BORDER);
        }
    }

    fn svg(&self, scene: &Scene, frame: &mut SvgFrame) {
        svg_arcs(scene, frame, &style::MUNICIPALITY_BORDER, |s| {
            s.municipality && !s.zone && !s.team
        });
    }
}

fn zone_line(scene: &Scene) -> Line {
    if scene.high_contrast {
        style::ZONE_BORDER_HIGH_CONTRAST
    } else {
        style::ZONE_BORDER
    }
}

impl MapLayer for ZoneBorders {
    fn key(&self) -> &'static str {
        ZONE_KEY
    }

    fn name(&self, t: &Texts) -> &'static str {
        t.zone_borders
    }

    fn optional_in_export(&self) -> bool {
        false
    }

    fn draw(&self, scene: &Scene, frame: &mut DrawFrame, _setting: LayerSetting) {
        let geo = frame.geometry;
        draw_below_teams(scene, frame, &geo.zone_arcs, &zone_line(scene));
    }

    fn svg(&self, scene: &Scene, frame: &mut SvgFrame) {
        svg_arcs(scene, frame, &zone_line(scene), |s| s.zone && !s.team);
    }
}

impl MapLayer for ProvinceBorders {
    fn key(&self) -> &'static str {
        PROVINCE_KEY
    }

    fn name(&self, t: &Texts) -> &'static str {
        t.province_borders
    }

    fn default_setting(&self) -> LayerSetting {
        LayerSetting::OFF
    }

    fn draw(&self, _scene: &Scene, frame: &mut DrawFrame, _setting: LayerSetting) {
        let st = frame.style(&style::PROVINCE_BORDER);
        let geo = frame.geometry;
        for &a in &geo.province_arcs {
            frame.arc(a, &st);
        }
    }

    fn svg(&self, scene: &Scene, frame: &mut SvgFrame) {
        svg_arcs(scene, frame, &style::PROVINCE_BORDER, |s| s.province);
    }

    fn legend(&self, scene: &Scene) -> Vec<LegendEntry> {
        vec![LegendEntry {
            swatch: Swatch::Line(style::PROVINCE_BORDER),
            text: scene.texts.province_borders.to_string(),
        }]
    }
}

fn team_line(scene: &Scene) -> Line {
    if scene.high_contrast {
        style::TEAM_BORDER_HIGH_CONTRAST
    } else {
        style::TEAM_BORDER
    }
}

impl MapLayer for TeamBorders {
    fn key(&self) -> &'static str {
        TEAM_KEY
    }

    fn name(&self, t: &Texts) -> &'static str {
        t.team_borders
    }

    fn optional_in_export(&self) -> bool {
        false
    }

    fn draw(&self, scene: &Scene, frame: &mut DrawFrame, _setting: LayerSetting) {
        let st = frame.style(&team_line(scene));
        for &a in scene.team_arcs {
            frame.arc(a, &st);
        }
    }

    fn svg(&self, scene: &Scene, frame: &mut SvgFrame) {
        svg_arcs(scene, frame, &team_line(scene), |s| s.team);
    }
}
