//! What is shown about one zone: in the hover tooltip and in the side panel.

use crate::document::Document;
use crate::i18n::{self, Texts};
use crate::model::ids::{MunicipalityId, ZoneId};
use crate::model::scenario::AreaStatus;

pub fn status_text(t: &Texts, s: AreaStatus) -> &'static str {
    match s {
        AreaStatus::Sourced => t.sourced_area,
        AreaStatus::Partial => t.partial_area,
        AreaStatus::Estimated => t.estimated_area,
    }
}

/// Population (with an estimate mark) and children (or "unknown") of a zone.
pub fn zone_numbers(doc: &Document, unit: ZoneId, t: &Texts) -> (String, String) {
    let atlas = &doc.data.atlas;
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
pub fn zone_team(doc: &Document, unit: ZoneId, t: &Texts) -> String {
    let atlas = &doc.data.atlas;
    let mut names: Vec<String> = Vec::new();
    for &c in &atlas.units[unit].cells {
        let name = match doc.scenario.cell_team(atlas, c) {
            Some(team) => doc.scenario.teams[team].name.clone(),
            None => t.no_team.to_string(),
        };
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names.join(" / ")
}

pub fn zone_details(ui: &mut egui::Ui, doc: &Document, unit: ZoneId, t: &Texts) {
    let atlas = &doc.data.atlas;
    let u = &atlas.units[unit];
    ui.label(egui::RichText::new(&u.name).strong().size(16.0));
    let (pop, ch) = zone_numbers(doc, unit, t);
    egui::Grid::new(("zone_details", unit))
        .num_columns(2)
        .show(ui, |ui| {
            ui.label(t.team);
            ui.label(zone_team(doc, unit, t));
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
pub fn municipality_details(ui: &mut egui::Ui, doc: &Document, muni: MunicipalityId, t: &Texts) {
    let atlas = &doc.data.atlas;
    let m = &atlas.municipalities[muni];
    ui.label(egui::RichText::new(&m.name).strong().size(16.0));
    let team = m
        .cells
        .first()
        .and_then(|&c| doc.scenario.cell_team(atlas, c))
        .map_or_else(
            || t.no_team.to_string(),
            |tm| doc.scenario.teams[tm].name.clone(),
        );
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
                    .map_or_else(|| t.unknown.to_string(), |p| i18n::int(p as f64)),
            );
            ui.end_row();
            ui.label(t.children);
            ui.label(
                m.children
                    .map_or_else(|| t.unknown.to_string(), |c| i18n::int(c as f64)),
            );
            ui.end_row();
        });
}

/// What is shown about a selection of several zones or municipalities: how many, their teams,
/// and their inhabitants and children together.
pub fn selection_details(ui: &mut egui::Ui, w: &crate::workspace::Workspace, t: &Texts) {
    let doc = &w.doc;
    let atlas = &doc.data.atlas;
    let cells = w.selected_cells();
    let by_muni = w.mode == crate::workspace::EditMode::Municipalities;
    let word = if by_muni { t.municipalities } else { t.zones };
    ui.label(
        egui::RichText::new(format!("{} {}", w.selection.len(), word.to_lowercase()))
            .strong()
            .size(16.0),
    );
    let teams: Vec<String> = w
        .selection_teams()
        .into_iter()
        .map(|team| match team {
            Some(tm) => doc.scenario.teams[tm].name.clone(),
            None => t.no_team.to_string(),
        })
        .collect();
    // Inhabitants and children of the selected cells; an unknown part is said, not left out.
    let sum = |f: &dyn Fn(&crate::model::atlas::Cell) -> Option<f64>| {
        let known: f64 = cells.iter().filter_map(|&c| f(&atlas.cells[c])).sum();
        let unknown = cells.iter().any(|&c| f(&atlas.cells[c]).is_none());
        let estimated = cells.iter().any(|&c| atlas.cells[c].estimated);
        let mut text = i18n::int(known);
        if unknown {
            text = format!("{text} + {}", t.unknown);
        }
        if estimated {
            text = format!("{text} ({})", t.estimate);
        }
        text
    };
    let mut munis: Vec<MunicipalityId> = cells.iter().map(|&c| atlas.cells[c].muni).collect();
    munis.sort_unstable();
    munis.dedup();
    // The names, then the teams, as lines that wrap.
    let mut names = w.selection.names(atlas);
    names.sort_unstable();
    ui.label(names.join(", "));
    let teams_word = if teams.len() > 1 { t.teams } else { t.team };
    ui.label(format!("{teams_word}: {}", teams.join(", ")));
    egui::Grid::new("selection_details")
        .num_columns(2)
        .show(ui, |ui| {
            ui.label(t.population);
            ui.label(sum(&|c| c.population));
            ui.end_row();
            ui.label(t.children);
            ui.label(sum(&|c| c.children));
            ui.end_row();
            if !by_muni {
                ui.label(t.municipalities);
                ui.label(munis.len().to_string());
                ui.end_row();
            }
        });
}
