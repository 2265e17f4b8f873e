//! Presentation mode (F5): fullscreen, editing controls hidden, large text, a title line and
//! a compact table per team; keys jump between IROJ regions and between scenarios.

use egui::{Color32, RichText};

use super::GebiedsApp;
use super::command::Command;
use crate::i18n::{self, Texts};
use crate::model::geom::BBox;
use crate::ui::swatch;
use crate::ui::team_panel::{GREEN, RED};
use crate::workspace::Workspace;

/// UI zoom while presenting.
const PRESENT_ZOOM: f32 = 1.35;

/// The IROJ regions (provinces and Brussels) with their extent, in a fixed order.
pub fn regions(w: &Workspace) -> Vec<(String, BBox)> {
    let atlas = &w.doc.data.atlas;
    let mut out: Vec<(String, BBox)> = Vec::new();
    for cell in &atlas.cells {
        let p = &atlas.municipalities[cell.muni].province;
        match out.iter_mut().find(|(name, _)| name == p) {
            Some((_, b)) => *b = b.union(cell.bbox),
            None => out.push((p.clone(), cell.bbox)),
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The keys of the presentation: 0-6 and PageUp/PageDown pick a region, the arrows switch
/// scenario, H toggles high contrast (Esc and F5 are in the command table).
pub fn keys(ctx: &egui::Context) -> Vec<Command> {
    use egui::{Key, Modifiers};
    let digits = [
        Key::Num0,
        Key::Num1,
        Key::Num2,
        Key::Num3,
        Key::Num4,
        Key::Num5,
        Key::Num6,
    ];
    let keys = [
        (Key::PageDown, Command::StepRegion(1)),
        (Key::PageUp, Command::StepRegion(-1)),
        (Key::ArrowRight, Command::StepScenario(1)),
        (Key::ArrowLeft, Command::StepScenario(-1)),
        (Key::H, Command::ToggleHighContrast),
    ];
    let mut out = Vec::new();
    ctx.input_mut(|i| {
        for (n, k) in digits.iter().enumerate() {
            if i.consume_key(Modifiers::NONE, *k) {
                out.push(Command::GoToRegion(n));
            }
        }
        for (k, c) in keys {
            if i.consume_key(Modifiers::NONE, k) {
                out.push(c);
            }
        }
    });
    out
}

impl GebiedsApp {
    pub fn set_presentation(&mut self, ctx: &egui::Context, on: bool) {
        if self.presentation == on {
            return;
        }
        self.presentation = on;
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(on));
        ctx.set_zoom_factor(if on { PRESENT_ZOOM } else { 1.0 });
        self.region = None;
        if on {
            // Show all of Flanders once the fullscreen window and larger text have settled
            // (the map area changes size over the next frames), and come back to this view.
            self.view_before_presentation = self.workspace().map(|w| w.memory.clone());
            self.present_fit_frames = 5;
        } else {
            self.present_fit_frames = 0;
            if let (Some(view), Some(w)) =
                (self.view_before_presentation.take(), self.workspace_mut())
            {
                w.memory = view;
            }
        }
    }

    /// The next (+1) or previous (-1) region, round the list (0 is all of Flanders).
    pub(super) fn step_region(&mut self, step: i32) {
        let n_regions = self.workspace().map_or(0, |w| regions(w).len());
        let total = (n_regions + 1) as i32;
        let cur = self.region.unwrap_or(0) as i32;
        self.go_to_region((cur + step).rem_euclid(total) as usize);
    }

    /// Show the next (+1) or previous (-1) tab with the same view, so that scenarios compare
    /// like for like.
    pub(super) fn step_scenario(&mut self, step: i32) {
        let Some(tabs) = self.tabs_mut() else { return };
        let n = tabs.list.len() as i32;
        let from = tabs.active;
        tabs.active = (from as i32 + step).rem_euclid(n) as usize;
        let memory = tabs.list[from].memory.clone();
        let rect = tabs.list[from].map_rect;
        let to = &mut tabs.list[tabs.active];
        to.memory = memory;
        to.map_rect = rect;
        to.fitted = true;
    }

    /// 0: all of Flanders and Brussels; 1..: the regions in order.
    pub fn go_to_region(&mut self, n: usize) {
        let Some(w) = self.workspace_mut() else {
            return;
        };
        let bbox = if n == 0 {
            Some(w.doc.data.atlas.bbox)
        } else {
            regions(w).get(n - 1).map(|r| r.1)
        };
        if let Some(b) = bbox {
            let size = w.map_size();
            w.fit(b, size);
        }
        self.region = Some(n);
    }

    pub(super) fn show_presentation(&mut self, ui: &mut egui::Ui, ctx: &egui::Context) {
        if self.present_fit_frames > 0 {
            self.present_fit_frames -= 1;
            self.go_to_region(self.region.unwrap_or(0));
            ctx.request_repaint();
        }
        self.show_workspace(ui, ctx);
    }
}

/// The widest a team's name gets in the presentation table.
const NAME_WIDTH: f32 = 200.0;

/// The title line and the compact per-team table shown while presenting.
pub fn title_and_table(ui: &mut egui::Ui, w: &Workspace, t: &Texts) {
    let file = w.file_name();
    let m = w.shown_metrics();
    let s = w.shown_scenario();
    let date = {
        let iso = crate::data::scenario_file::now_iso();
        format!("{}-{}-{}", &iso[8..10], &iso[5..7], &iso[0..4])
    };
    egui::Panel::top("present_title").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(i18n::scenario_ui::title(s, t))
                    .size(26.0)
                    .strong(),
            );
            if let Some(f) = &file {
                ui.label(RichText::new(f).size(16.0));
            }
            ui.label(RichText::new(date).size(16.0).weak());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let (c, text) = if m.all_rules_hold() {
                    (GREEN, t.rules_ok)
                } else {
                    (RED, t.rules_broken)
                };
                ui.label(RichText::new(text).size(18.0).color(c).strong());
            });
        });
        ui.label(RichText::new(t.presentation_keys).small().weak());
    });
    egui::Panel::right("present_table")
        .resizable(false)
        .default_size(360.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                egui::Grid::new("present_grid")
                    .striped(true)
                    .num_columns(5)
                    .show(ui, |ui| {
                        ui.label("");
                        ui.label(RichText::new(t.team).strong());
                        ui.label(RichText::new("ELZ").strong());
                        ui.label(RichText::new(t.population).strong());
                        ui.label(RichText::new(t.budget).strong());
                        ui.end_row();
                        for (ti, team) in s.teams.iter().enumerate() {
                            let st = &m.teams[ti];
                            if st.units.is_empty() {
                                continue;
                            }
                            swatch(ui, w.swatch_fill(team.colour), 18.0);
                            let name = RichText::new(&team.name);
                            let name = if st.is_contiguous() {
                                name
                            } else {
                                name.color(RED)
                            };
                            // A long name is cut short (the full name on hover), so that the
                            // figures keep their columns.
                            ui.scope(|ui| {
                                ui.set_max_width(NAME_WIDTH);
                                ui.add(egui::Label::new(name).truncate());
                            });
                            ui.label(st.units.len().to_string());
                            ui.label(i18n::int(st.population));
                            ui.label(i18n::eur_nowrap(st.budget(w.budget_model)));
                            ui.end_row();
                        }
                    });
                if !m.unassigned_units.is_empty() {
                    ui.label(
                        RichText::new(format!(
                            "{} {}",
                            m.unassigned_units.len(),
                            t.coverage_missing
                        ))
                        .color(Color32::from_rgb(170, 40, 40)),
                    );
                }
            });
        });
}
