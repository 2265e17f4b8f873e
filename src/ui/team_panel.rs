//! The list of teams with their colour, zones and totals, the rules bar, and the team
//! commands (new, rename, colour, lock, delete). Team rows are drop targets.

use egui::{Color32, RichText};

use super::info::status_text;
use super::swatch;
use crate::app::Command;
use crate::i18n::{self, Texts};
use crate::model::colour::PALETTE;
use crate::model::edit::{Edit, region_of_zones};
use crate::model::ids::{TeamId, TiVec};
use crate::model::metrics::{BudgetModel, Metrics};
use crate::model::region::Region;
use crate::style::{BAD, GOOD, SELECTION_DARK};
use crate::workspace::{DropTarget, Workspace};

/// A small status dot (the default fonts have no check mark glyph).
fn dot(ui: &mut egui::Ui, colour: Color32) {
    let (rect, _) = ui.allocate_exact_size(egui::Vec2::splat(10.0), egui::Sense::hover());
    ui.painter().circle_filled(rect.center(), 5.0, colour);
}

/// Panel state that lives between frames.
#[derive(Default)]
pub struct TeamPanelState {
    pub renaming: Option<(TeamId, String)>,
    /// A short entry per team, for a long list or a projector.
    pub compact: bool,
    /// A row to bring into view once (a team just created, at the end of the list).
    pub scroll_to: Option<TeamId>,
    /// The list grouped by IROJ region.
    pub by_region: bool,
    /// Only the teams of one region (Some(None): the teams without a region).
    pub region_filter: Option<Option<Region>>,
}

/// A team's IROJ region: the one it names, else the one its zones lie in.
pub fn team_region(w: &Workspace, team: TeamId) -> Option<Region> {
    let s = w.shown_scenario();
    s.teams
        .get(team)
        .and_then(|t| Region::parse(&t.iroj))
        .or_else(|| region_of_zones(s, &w.doc.data.atlas, team))
}

/// The teams in the order the list shows them: the scenario's region first, grouped by
/// region when asked, only those of the region filtered on.
pub fn team_order(w: &Workspace, state: &TeamPanelState) -> Vec<(TeamId, Option<Region>)> {
    let scope = w.shown_scenario().region;
    let mut order: Vec<(TeamId, Option<Region>)> = w
        .shown_scenario()
        .teams
        .keys()
        .map(|ti| (ti, team_region(w, ti)))
        .filter(|(_, r)| state.region_filter.is_none_or(|f| f == *r))
        .collect();
    let place = |r: Option<Region>| r.map_or(Region::ALL.len(), |r| r as usize);
    order.sort_by_key(|&(_, r)| {
        let first = scope.is_some() && r == scope;
        (!first, if state.by_region { place(r) } else { 0 })
    });
    order
}

/// How far from the list's top or bottom edge a dragged zone scrolls it, and how fast.
const EDGE: f32 = 48.0;
const EDGE_SPEED: f32 = 14.0;

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
                super::info::municipality_details(ui, &w.doc, *mi, t);
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
    /// The picked indicator and each team's figure of it, in the scenario shown.
    indicator: Option<(
        &'a crate::model::indicator::IndicatorChoice,
        TiVec<TeamId, Option<f64>>,
    )>,
}

/// The panel. Returns what the user asked for, and the screen rectangle of each team row
/// (None: the row "no team"), the drop targets of a drag.
pub fn show(
    ui: &mut egui::Ui,
    w: &Workspace,
    t: &Texts,
    state: &mut TeamPanelState,
) -> (Option<Command>, Vec<(Option<TeamId>, egui::Rect)>) {
    let mut action = None;
    let mut rows: Vec<(Option<TeamId>, egui::Rect)> = Vec::new();
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
    let indicator = w.doc.indicator.as_ref().map(|c| {
        let s = w.shown_scenario();
        (
            c,
            c.per_team(&w.doc.data.atlas, w.shown_cell_team(), s.teams.len()),
        )
    });
    let rc = RowContext {
        w,
        t,
        m,
        layout_m,
        compact: state.compact,
        indicator,
    };
    let order = team_order(w, state);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            edge_scroll(ui, w);
            let mut group = None;
            for (ti, region) in order {
                if state.by_region && group != Some(region) {
                    group = Some(region);
                    ui.label(
                        RichText::new(region.map_or(t.proposal_ui.no_region, Region::name))
                            .strong()
                            .color(SELECTION_DARK),
                    );
                }
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

/// While a zone is dragged, the pointer near the list's top or bottom edge scrolls it, so
/// that every team can be reached as a drop target.
fn edge_scroll(ui: &mut egui::Ui, w: &Workspace) {
    if w.drag.is_none() {
        return;
    }
    let view = ui.clip_rect();
    let Some(p) = ui.ctx().input(|i| i.pointer.latest_pos()) else {
        return;
    };
    if !view.x_range().contains(p.x) || !view.y_range().contains(p.y) {
        return;
    }
    let delta = if p.y > view.bottom() - EDGE {
        -EDGE_SPEED
    } else if p.y < view.top() + EDGE {
        EDGE_SPEED
    } else {
        return;
    };
    ui.scroll_with_delta(egui::vec2(0.0, delta));
    ui.ctx().request_repaint();
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
        .fill(if ok { GOOD } else { BAD })
        .corner_radius(4.0)
        .inner_margin(6.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let white = |s: String| RichText::new(s).color(Color32::WHITE);
            ui.label(white(if ok { t.rules_ok } else { t.rules_broken }.to_string()).strong());
            if !ok
                && ui
                    .button(t.propose.repair)
                    .on_hover_text(t.propose.repair_hint)
                    .clicked()
            {
                *action = Some(Command::RepairLeastChange);
            }
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
            if ui.button(t.copy_table).clicked() {
                *action = Some(Command::CopyTable);
            }
        });
    });
    let pu = t.proposal_ui;
    ui.horizontal(|ui| {
        ui.toggle_value(&mut state.by_region, pu.group_by_region)
            .on_hover_text(pu.group_by_region_hint);
        let shown = match state.region_filter {
            None => pu.all_regions,
            Some(r) => r.map_or(pu.no_region, Region::name),
        };
        egui::ComboBox::from_label(pu.filter_region)
            .selected_text(shown)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.region_filter, None, pu.all_regions);
                for r in Region::ALL {
                    ui.selectable_value(&mut state.region_filter, Some(Some(r)), r.name());
                }
                ui.selectable_value(&mut state.region_filter, Some(None), pu.no_region);
            });
        if state.compact {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.small(compact_columns(t));
            });
        }
    });
}

/// What the figures of the short list are, over its column.
fn compact_columns(t: &Texts) -> String {
    format!(
        "ELZ · {} · {}",
        t.children.to_lowercase(),
        t.budget.to_lowercase()
    )
}

/// One team: its swatch, name, menu and figures. Returns the row's rectangle (a drop
/// target).
fn team_row(
    ui: &mut egui::Ui,
    rc: &RowContext,
    ti: TeamId,
    state: &mut TeamPanelState,
    action: &mut Option<Command>,
) -> egui::Rect {
    let w = rc.w;
    let drop_team = w.drag.as_ref().and_then(|d| d.target);
    let preview_teams: &[TeamId] = w.preview.as_ref().map_or(&[], |p| p.teams.as_slice());
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
    let margin = if rc.compact { 1.0 } else { 4.0 } - stroke.width;
    if rc.compact {
        // The short list's rows touch: their frames keep them apart.
        ui.spacing_mut().item_spacing.y = 0.0;
    }
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
    ti: TeamId,
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
            _ if rc.compact => {}
            _ => team_name(ui, rc, ti, action),
        }
        if team.locked {
            ui.label(RichText::new(format!("[{}]", t.locked)).color(BAD));
        }
        if in_preview {
            ui.label(RichText::new(t.preview).italics().color(SELECTION_DARK));
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if rc.compact {
                // One line of text high, so that all 17 teams fit at 1280x800.
                ui.spacing_mut().button_padding.y = 0.0;
                ui.spacing_mut().interact_size.y = 14.0;
            }
            ui.menu_button("…", |ui| team_menu(ui, rc, ti, action));
            if rc.compact {
                compact_figures(ui, rc, ti);
                let renaming = state.renaming.as_ref().is_some_and(|(r, _)| *r == ti);
                if !renaming {
                    ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                        team_name(ui, rc, ti, action);
                    });
                }
            }
        });
    });
}

/// A team's name: a click zooms to its area and outlines it; a long name is cut short (whole
/// on hover).
fn team_name(ui: &mut egui::Ui, rc: &RowContext, ti: TeamId, action: &mut Option<Command>) {
    let team = &rc.w.shown_scenario().teams[ti];
    let name = egui::Label::new(RichText::new(&team.name).strong())
        .truncate()
        .sense(egui::Sense::click());
    let r = ui
        .add(name)
        .on_hover_text(format!("{}\n{}", team.name, rc.t.proposal_ui.name_hint));
    if r.clicked() {
        *action = Some(Command::ZoomToTeam(ti));
    }
}

/// The one line of the short list: the contiguity dot, zones, children and budget.
fn compact_figures(ui: &mut egui::Ui, rc: &RowContext, ti: TeamId) {
    let (w, t) = (rc.w, rc.t);
    let st = &rc.m.teams[ti];
    let children = if st.children_known() {
        i18n::int(st.children)
    } else {
        format!("{}+", i18n::int(st.children))
    };
    let text = format!(
        "{} · {children} · {}",
        i18n::zone_count(st, " ELZ", t),
        i18n::eur_nowrap(st.budget(w.budget_model))
    );
    ui.add(egui::Label::new(RichText::new(text).small()).wrap_mode(egui::TextWrapMode::Extend))
        .on_hover_text(compact_columns(t));
    if !st.units.is_empty() {
        dot(ui, if st.is_contiguous() { GOOD } else { BAD });
    }
}

/// The "…" menu of a team: rename, colour, lock, delete.
fn team_menu(ui: &mut egui::Ui, rc: &RowContext, ti: TeamId, action: &mut Option<Command>) {
    let (w, t) = (rc.w, rc.t);
    let team = &w.shown_scenario().teams[ti];
    if ui.button(t.proposal_ui.team_details).clicked() {
        *action = Some(Command::ShowTeamDetails(Some(ti)));
        ui.close();
    }
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
fn row_figures(ui: &mut egui::Ui, rc: &RowContext, ti: TeamId) {
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
    indicator_figure(ui, rc, ti);
    if !rc.compact {
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
        if let Some(c) = w.comparison.teams.get(ti) {
            change_line(ui, rc, ti, c);
        }
        ui.horizontal_wrapped(|ui| {
            if st.units.is_empty() {
            } else if st.is_contiguous() {
                dot(ui, GOOD);
                ui.colored_label(GOOD, t.contiguous);
            } else {
                dot(ui, BAD);
                ui.colored_label(
                    BAD,
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

/// What a team gains and loses against the comparison: zones, municipalities, children and
/// budget. Nothing when it is as it was.
fn change_line(
    ui: &mut egui::Ui,
    rc: &RowContext,
    ti: TeamId,
    c: &crate::model::compare::TeamChange,
) {
    let (w, t) = (rc.w, rc.t);
    let budget = w.budget_change(ti);
    if c.zones_gained + c.zones_lost + c.municipalities_gained + c.municipalities_lost == 0
        && budget.abs() < 0.5
    {
        return;
    }
    let sign = if budget < 0.0 { "−" } else { "+" };
    // Parts that each stay whole: the line wraps between them.
    let parts = [
        format!("{} {}:", t.versus, w.baseline_label(t)),
        format!(
            "{}: {} {}, {} {} ·",
            t.proposal_ui.zones_word, c.zones_gained, t.gained, c.zones_lost, t.lost,
        ),
        format!(
            "{}: {} {}, {} {} ·",
            t.municipalities.to_lowercase(),
            c.municipalities_gained,
            t.gained,
            c.municipalities_lost,
            t.lost,
        ),
        format!(
            "{}: {} {}, {} {} ·",
            t.children.to_lowercase(),
            i18n::int(c.children_gained),
            t.gained,
            i18n::int(c.children_lost),
            t.lost,
        ),
        format!(
            "{}: {sign}{}",
            t.proposal_ui.budget_word,
            i18n::eur_nowrap(budget.abs())
        ),
    ];
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        for part in parts {
            ui.add(
                egui::Label::new(RichText::new(part).weak()).wrap_mode(egui::TextWrapMode::Extend),
            );
        }
    });
}

/// The team's figure of the picked indicator.
fn indicator_figure(ui: &mut egui::Ui, rc: &RowContext, ti: TeamId) {
    if let Some((c, values)) = &rc.indicator {
        let v = values.get(ti).copied().flatten();
        ui.label(
            RichText::new(format!(
                "{}: {}",
                c.indicator.name,
                crate::map::choropleth::team_value_text(c.how, v, rc.t)
            ))
            .color(SELECTION_DARK),
        );
    }
}

/// A broken rule in a team: buttons to its detached parts, the zones it shares.
fn row_problems(ui: &mut egui::Ui, rc: &RowContext, ti: TeamId, action: &mut Option<Command>) {
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
        ui.colored_label(BAD, format!("{}: {}", t.zone_split, names.join(", ")));
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
