//! The scenario as a proposal in the window: the properties dialog (File > Properties…, or a
//! double-click on the tab), the team details window, zooming to a team from the list, and
//! the guide in the Help menu.

use super::GebiedsApp;
use super::command::Command;
use crate::i18n::{self, Texts, scenario_ui as st};
use crate::model::colour::PALETTE;
use crate::model::edit::{Edit, TeamDetails, region_of_zones};
use crate::model::ids::{CellId, TeamId};
use crate::model::region::Region;
use crate::model::scenario::Status;
use crate::ui::swatch;
use crate::workspace::{Properties, Workspace};

/// The state of these windows between frames.
#[derive(Default)]
pub struct ScenarioUiState {
    /// The properties as typed, while the dialog is open.
    pub properties: Option<Properties>,
    /// The team whose details window is open, the details as typed and the partner count as
    /// typed (empty: not known).
    pub team_details: Option<(TeamId, TeamDetails, String)>,
    pub show_guide: bool,
}

impl GebiedsApp {
    pub(super) fn apply_scenario_ui(&mut self, command: Command) {
        match command {
            Command::ShowProperties(on) => {
                self.scenario_ui.properties =
                    self.workspace().filter(|_| on).map(Workspace::properties);
            }
            Command::SetProperties(p) => {
                self.scenario_ui.properties = None;
                let result = self.workspace_mut().map(|w| w.set_properties(*p));
                if let Some(Err(e)) = result {
                    self.refused(&e);
                }
            }
            Command::ShowTeamDetails(team) => {
                self.scenario_ui.team_details = team.and_then(|ti| {
                    let tm = self.workspace()?.doc.scenario.teams.get(ti)?;
                    let partners = tm.partners.map(|p| p.to_string()).unwrap_or_default();
                    Some((ti, TeamDetails::of(tm), partners))
                });
            }
            Command::ZoomToTeam(team) => {
                if let Some(w) = self.workspace_mut() {
                    zoom_to_team(w, team);
                }
            }
            Command::ShowGuide(on) => self.scenario_ui.show_guide = on,
            _ => {}
        }
    }

    /// The properties dialog, the team details window and the guide, when open.
    pub(super) fn scenario_windows(&mut self, ctx: &egui::Context) {
        let t = i18n::texts(self.settings.lang);
        let mut out = Vec::new();
        if let Some(p) = &mut self.scenario_ui.properties {
            properties_window(ctx, p, t, &mut out);
        }
        let inferred = self.scenario_ui.team_details.as_ref().and_then(|(ti, ..)| {
            let w = self.workspace()?;
            region_of_zones(&w.doc.scenario, &w.doc.data.atlas, *ti)
        });
        if let Some((ti, details, partners)) = &mut self.scenario_ui.team_details {
            team_details_window(ctx, (*ti, details, partners), inferred, t, &mut out);
        }
        if self.scenario_ui.show_guide {
            guide_window(ctx, t, &mut out);
        }
        self.commands.extend(out);
    }
}

/// Zoom to a team's area and select it, so that it is outlined (its zones, or in
/// municipality mode its municipalities).
fn zoom_to_team(w: &mut Workspace, team: TeamId) {
    let atlas = &w.doc.data.atlas;
    let cells: Vec<CellId> = atlas
        .cells
        .keys()
        .filter(|&c| w.doc.cell_team[c] == Some(team))
        .collect();
    if cells.is_empty() {
        return;
    }
    w.selection = w.selection.of_cells(atlas, cells.iter().copied());
    w.zoom_to_cells(&cells);
}

/// A choice of the six IROJ regions or none.
fn region_combo(
    ui: &mut egui::Ui,
    (id, label): (&str, egui::Id),
    value: &mut Option<Region>,
    none: &str,
) {
    egui::ComboBox::from_id_salt(id)
        .selected_text(value.map_or_else(|| none.to_string(), |r| r.name().to_string()))
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, none);
            for r in Region::ALL {
                ui.selectable_value(value, Some(r), r.name());
            }
        })
        .response
        .labelled_by(label);
}

fn properties_window(ctx: &egui::Context, p: &mut Properties, t: &Texts, out: &mut Vec<Command>) {
    let s = t.proposal_ui;
    let mut open = true;
    egui::Window::new(s.properties_title)
        .id(egui::Id::unique("properties_window"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            egui::Grid::new("properties_grid")
                .num_columns(2)
                .spacing([12.0, 8.0])
                .show(ui, |ui| {
                    let label = ui.label(s.name);
                    ui.add(egui::TextEdit::singleline(&mut p.name).desired_width(320.0))
                        .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label(s.author);
                    ui.add(egui::TextEdit::singleline(&mut p.author).desired_width(320.0))
                        .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label(s.description);
                    ui.add(
                        egui::TextEdit::multiline(&mut p.description)
                            .desired_width(320.0)
                            .desired_rows(3),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                    ui.label(s.status);
                    ui.horizontal(|ui| {
                        ui.radio_value(&mut p.status, None, s.status_none);
                        for status in Status::ALL {
                            ui.radio_value(&mut p.status, Some(status), st::status_name(status, s));
                        }
                    });
                    ui.end_row();
                    let label = ui.label(s.region);
                    region_combo(
                        ui,
                        ("properties_region", label.id),
                        &mut p.region,
                        s.region_none,
                    );
                    ui.end_row();
                });
            ui.label(egui::RichText::new(s.region_hint).weak());
            ui.separator();
            ui.horizontal(|ui| {
                if ui.button(s.apply).clicked() {
                    out.push(Command::SetProperties(Box::new(p.clone())));
                }
                if ui.button(t.cancel).clicked() {
                    out.push(Command::ShowProperties(false));
                }
            });
        });
    if !open {
        out.push(Command::ShowProperties(false));
    }
}

fn team_details_window(
    ctx: &egui::Context,
    (ti, d, partners): (TeamId, &mut TeamDetails, &mut String),
    inferred: Option<Region>,
    t: &Texts,
    out: &mut Vec<Command>,
) {
    let s = t.proposal_ui;
    let mut open = true;
    egui::Window::new(s.team_details_title)
        .id(egui::Id::unique("team_details_window"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .default_width(380.0)
        .show(ctx, |ui| {
            egui::Grid::new("team_details_grid")
                .num_columns(2)
                .spacing([12.0, 8.0])
                .show(ui, |ui| {
                    let label = ui.label(s.name);
                    ui.add(egui::TextEdit::singleline(&mut d.name).desired_width(260.0))
                        .labelled_by(label.id);
                    ui.end_row();
                    ui.label(t.colour);
                    ui.horizontal_wrapped(|ui| {
                        ui.set_max_width(260.0);
                        for c in PALETTE {
                            let size = if c == d.colour { 22.0 } else { 16.0 };
                            let fill = crate::style::rgb(c);
                            if swatch(ui, fill, size)
                                .interact(egui::Sense::click())
                                .clicked()
                            {
                                d.colour = c;
                            }
                        }
                    });
                    ui.end_row();
                    let label = ui.label(s.region);
                    ui.horizontal(|ui| {
                        region_combo(ui, ("team_region", label.id), &mut d.region, "—");
                        if let Some(r) = inferred
                            && d.region != Some(r)
                            && ui
                                .small_button(format!("{}: {}", s.region_from_zones, r.name()))
                                .clicked()
                        {
                            d.region = Some(r);
                        }
                    });
                    ui.end_row();
                    let label = ui.label(s.partners);
                    ui.add(
                        egui::TextEdit::singleline(partners)
                            .desired_width(80.0)
                            .hint_text(s.partners_unknown),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label(s.note);
                    ui.add(
                        egui::TextEdit::multiline(&mut d.note)
                            .desired_width(260.0)
                            .desired_rows(3),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                });
            ui.separator();
            ui.horizontal(|ui| {
                let count = partners.trim().parse::<u32>().ok();
                let valid = partners.trim().is_empty() || count.is_some();
                if ui.add_enabled(valid, egui::Button::new(s.apply)).clicked() {
                    let mut details = d.clone();
                    details.name = details.name.trim().to_string();
                    details.partners = count;
                    out.push(Command::Edit(Edit::SetTeamDetails { team: ti, details }));
                    out.push(Command::ShowTeamDetails(None));
                }
                if ui.button(t.cancel).clicked() {
                    out.push(Command::ShowTeamDetails(None));
                }
            });
        });
    if !open {
        out.push(Command::ShowTeamDetails(None));
    }
}

fn guide_window(ctx: &egui::Context, t: &Texts, out: &mut Vec<Command>) {
    let s = t.proposal_ui;
    let mut open = true;
    egui::Window::new(s.guide)
        .id(egui::Id::unique("guide_window"))
        .open(&mut open)
        .default_width(520.0)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical()
                .max_height(520.0)
                .show(ui, |ui| {
                    for (head, body) in s.guide_sections {
                        ui.label(egui::RichText::new(*head).strong().size(16.0));
                        ui.label(*body);
                        ui.add_space(8.0);
                    }
                });
        });
    if !open {
        out.push(Command::ShowGuide(false));
    }
}
