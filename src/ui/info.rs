//! What is shown about one zone: in the hover tooltip and in the side panel.

use crate::i18n::{self, Texts};
use crate::model::scenario::AreaStatus;
use crate::session::Session;

pub fn status_text(t: &Texts, s: AreaStatus) -> &'static str {
    match s {
        AreaStatus::Sourced => t.sourced_area,
        AreaStatus::Partial => t.partial_area,
        AreaStatus::Estimated => t.estimated_area,
    }
}

/// Population (with an estimate mark) and children (or "unknown") of a zone.
pub fn zone_numbers(session: &Session, unit: usize, t: &Texts) -> (String, String) {
    let atlas = &session.atlas;
    let (pop, est) = atlas.unit_population(unit);
    let pop = match pop {
        Some(p) if est => format!("{} ({})", i18n::int(p), t.estimate),
        Some(p) => i18n::int(p),
        None => t.unknown.to_string(),
    };
    let (ch, est) = atlas.unit_children(unit);
    let ch = match ch {
        Some(c) if est => format!("{} ({})", i18n::int(c), t.estimate),
        Some(c) => i18n::int(c),
        None => t.unknown.to_string(),
    };
    (pop, ch)
}

/// The team of a zone as text (several names when split in municipality mode).
pub fn zone_team(session: &Session, unit: usize, t: &Texts) -> String {
    let atlas = &session.atlas;
    let mut names: Vec<String> = Vec::new();
    for &c in &atlas.units[unit].cells {
        let name = match session.scenario.cell_team(atlas, c) {
            Some(team) => session.scenario.teams[team].name.clone(),
            None => t.no_team.to_string(),
        };
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names.join(" / ")
}

pub fn zone_details(ui: &mut egui::Ui, session: &Session, unit: usize, t: &Texts) {
    let atlas = &session.atlas;
    let u = &atlas.units[unit];
    ui.label(egui::RichText::new(&u.name).strong().size(16.0));
    let (pop, ch) = zone_numbers(session, unit, t);
    egui::Grid::new(("zone_details", unit))
        .num_columns(2)
        .show(ui, |ui| {
            ui.label(t.team);
            ui.label(zone_team(session, unit, t));
            ui.end_row();
            ui.label(t.population);
            ui.label(pop);
            ui.end_row();
            ui.label(t.children);
            ui.label(ch);
            ui.end_row();
        });
    let names: Vec<&str> = u
        .municipalities
        .iter()
        .map(|&m| atlas.municipalities[m].name.as_str())
        .collect();
    ui.label(format!(
        "{} ({}): {}",
        t.municipalities,
        names.len(),
        names.join(", ")
    ));
    if atlas.is_unit_estimated(unit) {
        ui.small(t.antwerp_note);
    }
    if atlas.unit_children(unit).0.is_none() {
        ui.small(t.children_unknown_note);
    }
}

/// What is shown about one municipality (municipality mode).
pub fn municipality_details(ui: &mut egui::Ui, session: &Session, muni: usize, t: &Texts) {
    let atlas = &session.atlas;
    let m = &atlas.municipalities[muni];
    ui.label(egui::RichText::new(&m.name).strong().size(16.0));
    let team = m
        .cells
        .first()
        .and_then(|&c| session.scenario.cell_team(atlas, c))
        .map(|tm| session.scenario.teams[tm].name.clone())
        .unwrap_or_else(|| t.no_team.to_string());
    let zones: Vec<&str> = m
        .cells
        .iter()
        .map(|&c| atlas.units[atlas.cells[c].unit].name.as_str())
        .collect();
    egui::Grid::new(("muni_details", muni))
        .num_columns(2)
        .show(ui, |ui| {
            ui.label(t.team);
            ui.label(team);
            ui.end_row();
            ui.label(t.zone);
            ui.label(zones.join(", "));
            ui.end_row();
            ui.label(t.population);
            ui.label(
                m.population
                    .map(|p| i18n::int(p as f64))
                    .unwrap_or_else(|| t.unknown.to_string()),
            );
            ui.end_row();
            ui.label(t.children);
            ui.label(
                m.children
                    .map(|c| i18n::int(c as f64))
                    .unwrap_or_else(|| t.unknown.to_string()),
            );
            ui.end_row();
        });
}
