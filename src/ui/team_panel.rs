//! The list of teams with their colour, zones and totals, the rules bar, and the team
//! commands (new, rename, colour, lock, delete). Team rows are drop targets.

use egui::{Color32, RichText};

use super::info::status_text;
use super::swatch;
use crate::app::Command;
use crate::i18n::{self, Texts};
use crate::model::colour::PALETTE;
use crate::model::edit::Edit;
use crate::model::metrics::{BudgetModel, Metrics};
use crate::style::SELECTION_DARK;
use crate::workspace::{DropTarget, Workspace};

/// A small status dot (the default fonts have no check mark glyph).
fn dot(ui: &mut egui::Ui, colour: Color32) {
    let (rect, _) = ui.allocate_exact_size(egui::Vec2::splat(10.0), egui::Sense::hover());
    ui.painter().circle_filled(rect.center(), 5.0, colour);
}

pub const GREEN: Color32 = Color32::from_rgb(26, 120, 60);
pub const RED: Color32 = Color32::from_rgb(170, 40, 40);

/// Panel state that lives between frames.
#[derive(Default)]
pub struct TeamPanelState {
    pub renaming: Option<(usize, String)>,
    /// A short entry per team, for a long list or a projector.
    pub compact: bool,
    /// A row to bring into view once (a team just created, at the end of the list).
    pub scroll_to: Option<usize>,
}

/// The height of the selection details at the foot of the panel.
const SELECTION_HEIGHT: f32 = 175.0;

/// What is selected, or how to select.
fn selection(ui: &mut egui::Ui, w: &Workspace, t: &Texts) {
    ui.add_space(4.0);
    let n = w.selection.len();
    match w.focus_unit() {
        Some(_) if n > 1 => {
            ui.label(RichText::new(format!("{} ({n})", t.selection)).weak());
            super::info::selection_details(ui, w, t);
        }
        Some(u) => {
            ui.label(RichText::new(t.selected).weak());
            if let Some(mi) = w.selection.municipalities().first() {
                super::info::municipality_details(ui, &w.doc, mi.index(), t);
            } else {
                super::info::zone_details(ui, &w.doc, u, t);
            }
        }
        None => {
            let hint = if w.mode == crate::workspace::EditMode::Municipalities {
                t.hint_edit_municipalities
            } else {
                t.hint_edit
            };
            ui.label(RichText::new(hint).weak());
        }
    }
}

/// Everything a row of the list shows, for one frame.
struct RowContext<'a> {
    w: &'a Workspace,
    t: &'a Texts,
    /// The figures shown (the preview's while one is active).
    m: &'a Metrics,
    /// The figures that decide what lines a row has: the scenario's own during a drag, so
    /// that the list never moves under the pointer.
    layout_m: &'a Metrics,
    compact: bool,
}

/// The panel. Returns what the user asked for, and the screen rectangle of each team row
/// (None: the row "no team"), the drop targets of a drag.
pub fn show(
    ui: &mut egui::Ui,
    w: &Workspace,
    t: &Texts,
    state: &mut TeamPanelState,
) -> (Option<Command>, Vec<(Option<usize>, egui::Rect)>) {
    let mut action = None;
    let mut rows: Vec<(Option<usize>, egui::Rect)> = Vec::new();
    let m = w.shown_metrics();
    // While a zone is dragged the panel must not move under the pointer (the rows are drop
    // targets): what adds or removes lines (the rules bar, the buttons to a detached part,
    // the split zones) stays as it is until the drop; the figures and marks show the preview.
    let layout_m = if w.drag.is_some() { &w.doc.metrics } else { m };
    // The selection (or the hint) sits at the foot of the panel at a fixed height, so that
    // selecting something never moves the rules bar or the team list: the rows are drop
    // targets, and a list that jumps at the click would take the drop to another team.
    egui::Panel::bottom("selection_details")
        .resizable(false)
        .exact_size(SELECTION_HEIGHT)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("selection_scroll")
                .auto_shrink([false, false])
                .show(ui, |ui| selection(ui, w, t));
        });
    rules_bar(ui, w, layout_m, t, &mut action);
    ui.add_space(4.0);
    ui.separator();
    ui.add_space(4.0);
    list_header(ui, w, t, state, &mut action);
    let rc = RowContext {
        w,
        t,
        m,
        layout_m,
        compact: state.compact,
    };
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for ti in 0..w.shown_scenario().teams.len() {
                let rect = team_row(ui, &rc, ti, state, &mut action);
                rows.push((Some(ti), rect));
                if !state.compact {
                    ui.separator();
                }
            }
            rows.push((None, no_team_row(ui, &rc, &mut action)));
            ui.separator();
            totals(ui, w, m, t);
        });
    (action, rows)
}

/// The bar that turns green when every rule holds, with what breaks them.
fn rules_bar(
    ui: &mut egui::Ui,
    w: &Workspace,
    rules: &Metrics,
    t: &Texts,
    action: &mut Option<Command>,
) {
    let atlas = &w.doc.data.atlas;
    let scenario = w.shown_scenario();
    let ok = rules.all_rules_hold();
    egui::Frame::new()
        .fill(if ok { GREEN } else { RED })
        .corner_radius(4.0)
        .inner_margin(6.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let white = |s: String| RichText::new(s).color(Color32::WHITE);
            ui.label(white(if ok { t.rules_ok } else { t.rules_broken }.to_string()).strong());
            if rules.is_covered() {
                ui.label(white(t.coverage_ok.to_string()));
            } else {
                ui.horizontal_wrapped(|ui| {
                    ui.label(white(i18n::count(
                        rules.unassigned_units.len(),
                        t.coverage_missing_one,
                        t.coverage_missing,
                    )));
                    if ui.button(t.next_unassigned).clicked() {
                        *action = Some(Command::NextUnassigned);
                    }
                });
            }
            let cut = rules.non_contiguous_teams();
            if !cut.is_empty() {
                ui.label(white(i18n::count(
                    cut.len(),
                    t.teams_not_contiguous_one,
                    t.teams_not_contiguous,
                )));
                // Each broken team, with a button that shows its detached part.
                for &ti in &cut {
                    let st = &rules.teams[ti];
                    if let Some(part) = st.components.get(1) {
                        let first = atlas.cells[part[0]].unit;
                        let label = format!(
                            "{}: {} ({})",
                            scenario.teams[ti].name, t.show_detached, atlas.units[first].name
                        );
                        if ui.button(label).clicked() {
                            *action = Some(Command::ZoomToCells(part.clone()));
                        }
                    }
                }
            }
            for ti in rules.teams_with_split_units() {
                for &u in &rules.teams[ti].split_units {
                    let holders: Vec<&str> = atlas.units[u]
                        .cells
                        .iter()
                        .filter_map(|&c| scenario.cell_team(atlas, c))
                        .map(|tm| scenario.teams[tm].name.as_str())
                        .collect::<std::collections::BTreeSet<_>>()
                        .into_iter()
                        .collect();
                    // Listed once, from the first team that holds part of it.
                    if holders.first() == Some(&scenario.teams[ti].name.as_str()) {
                        ui.label(white(format!(
                            "{} {} {}",
                            atlas.units[u].name,
                            t.split_over,
                            holders.join(", ")
                        )));
                    }
                }
            }
        });
}

/// "Teams", the button for a new team and the switch to the short list.
fn list_header(
    ui: &mut egui::Ui,
    w: &Workspace,
    t: &Texts,
    state: &mut TeamPanelState,
    action: &mut Option<Command>,
) {
    let scenario = w.shown_scenario();
    ui.horizontal(|ui| {
        ui.heading(t.teams);
        if ui.button(format!("+ {}", t.new_team)).clicked() {
            let n = scenario.teams.len() + 1;
            *action = Some(Command::Edit(Edit::CreateTeam {
                name: format!("{} {n}", t.new_team),
                colour: crate::model::edit::unused_colour(scenario),
            }));
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.toggle_value(&mut state.compact, t.compact_list)
                .on_hover_text(t.compact_list_hint);
        });
    });
}

/// One team: its swatch, name, menu and figures. Returns the row's rectangle (a drop
/// target).
fn team_row(
    ui: &mut egui::Ui,
    rc: &RowContext,
    ti: usize,
    state: &mut TeamPanelState,
    action: &mut Option<Command>,
) -> egui::Rect {
    let w = rc.w;
    let drop_team = w.drag.as_ref().and_then(|d| d.target);
    let preview_teams: &[usize] = w.preview.as_ref().map_or(&[], |p| p.teams.as_slice());
    let is_target = drop_team == Some(DropTarget::Team(Some(ti)));
    let in_preview = preview_teams.contains(&ti);
    let stroke = if is_target {
        egui::Stroke::new(3.0, SELECTION_DARK)
    } else if in_preview {
        egui::Stroke::new(1.5, SELECTION_DARK)
    } else {
        egui::Stroke::NONE
    };
    // The edge takes room from the margin, so that marking a row as the drop target or as
    // previewed never moves the rows below it.
    let margin = if rc.compact { 3.0 } else { 4.0 } - stroke.width;
    let frame = egui::Frame::new()
        .inner_margin(margin)
        .corner_radius(4.0)
        .stroke(stroke);
    let resp = frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        row_title(ui, rc, ti, in_preview, state, action);
        row_figures(ui, rc, ti);
        row_problems(ui, rc, ti, action);
    });
    if state.scroll_to == Some(ti) {
        resp.response.scroll_to_me(Some(egui::Align::Center));
        state.scroll_to = None;
    }
    resp.response.rect
}

/// The swatch, the name (or the field to rename it), the marks and the team's menu.
fn row_title(
    ui: &mut egui::Ui,
    rc: &RowContext,
    ti: usize,
    in_preview: bool,
    state: &mut TeamPanelState,
    action: &mut Option<Command>,
) {
    let (w, t) = (rc.w, rc.t);
    let team = &w.shown_scenario().teams[ti];
    ui.horizontal(|ui| {
        swatch(ui, w.swatch_fill(team.colour), 16.0);
        match &mut state.renaming {
            Some((r, text)) if *r == ti => {
                let edit = ui.text_edit_singleline(text);
                if edit.lost_focus() {
                    *action = Some(Command::Edit(Edit::RenameTeam {
                        team: ti,
                        name: text.trim().to_string(),
                    }));
                } else {
                    edit.request_focus();
                }
            }
            _ => {
                ui.label(RichText::new(&team.name).strong());
            }
        }
        if team.locked {
            ui.label(RichText::new(format!("[{}]", t.locked)).color(RED));
        }
        if in_preview {
            ui.label(RichText::new(t.preview).italics().color(SELECTION_DARK));
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.menu_button("…", |ui| team_menu(ui, rc, ti, action));
        });
    });
}

/// The "…" menu of a team: rename, colour, lock, delete.
fn team_menu(ui: &mut egui::Ui, rc: &RowContext, ti: usize, action: &mut Option<Command>) {
    let (w, t) = (rc.w, rc.t);
    let team = &w.shown_scenario().teams[ti];
    if ui.button(t.rename).clicked() {
        *action = Some(Command::StartRename(ti));
        ui.close();
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(t.colour);
        for c in PALETTE {
            let size = if c == team.colour { 24.0 } else { 18.0 };
            if swatch(ui, w.swatch_fill(c), size)
                .interact(egui::Sense::click())
                .clicked()
            {
                *action = Some(Command::Edit(Edit::RecolourTeam {
                    team: ti,
                    colour: c,
                }));
                ui.close();
            }
        }
    });
    let lock_label = if team.locked { t.unlock } else { t.lock };
    if ui.button(lock_label).clicked() {
        *action = Some(Command::Edit(Edit::SetLocked {
            team: ti,
            locked: !team.locked,
        }));
        ui.close();
    }
    if ui
        .add_enabled(!team.locked, egui::Button::new(t.delete))
        .clicked()
    {
        *action = Some(Command::DeleteTeam(ti));
        ui.close();
    }
}

/// A team's zones, municipalities, inhabitants, children, budget and the change against the
/// comparison; in the short list one line.
fn row_figures(ui: &mut egui::Ui, rc: &RowContext, ti: usize) {
    let (w, t) = (rc.w, rc.t);
    let team = &w.shown_scenario().teams[ti];
    let st = &rc.m.teams[ti];
    let model = w.budget_model;
    let est = if st.population_estimated {
        format!(" ({})", t.estimate)
    } else {
        String::new()
    };
    let zones = i18n::zone_count(st, " ELZ", t);
    let children = if st.children_known() {
        i18n::int(st.children)
    } else if st.children > 0.0 {
        format!("{} + {}", i18n::int(st.children), t.unknown)
    } else {
        t.unknown.to_string()
    };
    let budget = st.budget(model);
    // Shared out by children, a team whose children are unknown (Brussels)
    // gets an estimated amount: said next to the amount itself.
    let budget_estimated = model == BudgetModel::ChildShare && !st.children_known();
    let budget_text = if budget_estimated {
        format!("{} ({})", i18n::eur_nowrap(budget), t.estimate)
    } else {
        i18n::eur_nowrap(budget)
    };
    let per_child = if st.children_known() && st.children > 0.0 {
        format!(
            " · {} {}",
            i18n::eur_nowrap(budget / st.children),
            t.per_child
        )
    } else {
        String::new()
    };
    if rc.compact {
        ui.horizontal_wrapped(|ui| {
            if !st.units.is_empty() {
                dot(ui, if st.is_contiguous() { GREEN } else { RED });
            }
            ui.label(format!(
                "{zones} · {}: {children} · {budget_text}",
                t.children
            ));
        });
    } else {
        ui.label(format!(
            "{} · {} {} · {} {}{}",
            zones,
            st.municipalities,
            t.municipalities.to_lowercase(),
            i18n::int(st.population),
            t.population.to_lowercase(),
            est
        ));
        let line = ui.label(format!(
            "{}: {children} · {budget_text}{per_child}",
            t.children
        ));
        if budget_estimated {
            line.on_hover_text(t.share_note);
        }
        if let Some(c) = w.comparison.teams.get(ti)
            && (c.municipalities_gained + c.municipalities_lost > 0)
        {
            // Three parts that each stay whole: the line wraps between them.
            let parts = [
                format!("{} {}:", t.versus, w.baseline_label(t)),
                format!(
                    "{}: {} {}, {} {} ·",
                    t.municipalities.to_lowercase(),
                    c.municipalities_gained,
                    t.gained,
                    c.municipalities_lost,
                    t.lost,
                ),
                format!(
                    "{}: {} {}, {} {}",
                    t.children.to_lowercase(),
                    i18n::int(c.children_gained),
                    t.gained,
                    i18n::int(c.children_lost),
                    t.lost,
                ),
            ];
            ui.horizontal_wrapped(|ui| {
                ui.spacing_mut().item_spacing.x = 4.0;
                for part in parts {
                    ui.add(
                        egui::Label::new(RichText::new(part).weak())
                            .wrap_mode(egui::TextWrapMode::Extend),
                    );
                }
            });
        }
        ui.horizontal_wrapped(|ui| {
            if st.units.is_empty() {
            } else if st.is_contiguous() {
                dot(ui, GREEN);
                ui.colored_label(GREEN, t.contiguous);
            } else {
                dot(ui, RED);
                ui.colored_label(
                    RED,
                    format!("{} ({} {})", t.not_contiguous, st.components.len(), t.parts),
                );
            }
            ui.label(
                RichText::new(status_text(t, team.area_status))
                    .italics()
                    .weak(),
            );
            if let Some(p) = team.partners {
                ui.label(RichText::new(i18n::count(p as usize, t.partners_one, t.partners)).weak());
            }
        });
    }
}

/// A broken rule in a team: buttons to its detached parts, the zones it shares.
fn row_problems(ui: &mut egui::Ui, rc: &RowContext, ti: usize, action: &mut Option<Command>) {
    let (w, t) = (rc.w, rc.t);
    let atlas = &w.doc.data.atlas;
    let team = &w.shown_scenario().teams[ti];
    let st = &rc.m.teams[ti];
    let lt = &rc.layout_m.teams[ti];
    if !lt.is_contiguous() {
        ui.horizontal_wrapped(|ui| {
            for (k, comp) in lt.components.iter().enumerate().skip(1) {
                let first = atlas.cells[comp[0]].unit;
                let label = format!("{} {} ({})", t.zoom_to, k + 1, atlas.units[first].name);
                if ui.small_button(label).clicked() {
                    *action = Some(Command::ZoomToCells(comp.clone()));
                }
            }
        });
    }
    if !lt.split_units.is_empty() {
        let names: Vec<&str> = lt
            .split_units
            .iter()
            .map(|&u| atlas.units[u].name.as_str())
            .collect();
        ui.colored_label(RED, format!("{}: {}", t.zone_split, names.join(", ")));
    }
    if !rc.compact {
        egui::CollapsingHeader::new(format!("{} ({})", t.zones, st.units.len()))
            .id_salt(("team_zones", &team.id))
            .show(ui, |ui| {
                for &u in &st.units {
                    let name = &atlas.units[u].name;
                    let selected = w.focus_unit() == Some(u);
                    if ui.selectable_label(selected, name).clicked() {
                        *action = Some(Command::SelectZone(u));
                    }
                }
            });
    }
}

/// "No team": a drop target too, with the zones that have no team.
fn no_team_row(ui: &mut egui::Ui, rc: &RowContext, action: &mut Option<Command>) -> egui::Rect {
    let (w, t) = (rc.w, rc.t);
    let atlas = &w.doc.data.atlas;
    let m = rc.m;
    let drop_team = w.drag.as_ref().and_then(|d| d.target);
    let is_target = drop_team == Some(DropTarget::Team(None));
    egui::Frame::new()
        .inner_margin(4.0)
        .stroke(if is_target {
            egui::Stroke::new(3.0, SELECTION_DARK)
        } else {
            egui::Stroke::new(1.0, Color32::from_gray(180))
        })
        .corner_radius(4.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(t.unassign).strong());
            if !m.unassigned_units.is_empty() {
                ui.horizontal_wrapped(|ui| {
                    for &u in &m.unassigned_units {
                        if ui.small_button(&atlas.units[u].name).clicked() {
                            *action = Some(Command::SelectZone(u));
                        }
                    }
                });
            }
        })
        .response
        .rect
}

/// The totals of Flanders and Brussels under the list.
fn totals(ui: &mut egui::Ui, w: &Workspace, m: &Metrics, t: &Texts) {
    let atlas = &w.doc.data.atlas;
    let model = w.budget_model;
    // Totals.
    ui.label(RichText::new(t.total).strong());
    ui.label(format!(
        "{} ELZ · {} {} · {} {}",
        atlas.units.len(),
        atlas.municipalities.len(),
        t.municipalities.to_lowercase(),
        i18n::int(m.total_population),
        t.population.to_lowercase()
    ));
    let budget: f64 = m.teams.iter().map(|s| s.budget(model)).sum();
    ui.label(format!(
        "{}: {} + {} · {}: {}",
        t.children,
        i18n::int(m.total_children),
        t.unknown,
        t.budget,
        i18n::eur_nowrap(budget)
    ));
    if model == BudgetModel::ChildShare {
        ui.small(t.share_note);
    }
}
