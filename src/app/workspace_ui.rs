//! The open scenario: toolbar, side panel, map and the pointer gestures on it. Everything
//! here draws from the tab's state and pushes commands; the tab keeps the map's view (pan and
//! zoom), the app the layout of the last frame (`FrameLayout`: map rectangle, transform, team
//! rows) that the pointer's hit tests read.

use egui::Color32;
use walkers::{Map, lon_lat};

use super::GebiedsApp;
use super::command::Command;
use super::layout::FrameLayout;
use crate::i18n::{self, Texts};
use crate::map::layer::{Hit, HitFrame, LegendEntry, MapLayer, Swatch};
use crate::map::layers::{Layers, TileChoice};
use crate::map::view::{MapInput, MapOutput, MapView};
use crate::model::compare;
use crate::model::edit::StepLabel;
use crate::model::geom::{self, BBox};
use crate::model::ids::TeamId;
use crate::model::metrics::BudgetModel;
use crate::style;
use crate::ui::team_panel;
use crate::ui::{info, swatch};
use crate::workspace::{Baseline, DropTarget, EditMode, Workspace};

/// The list of teams to move the selection to; hovering an entry previews the move.
fn move_menu(ui: &mut egui::Ui, w: &Workspace, t: &Texts, out: &mut Vec<Command>) -> bool {
    ui.label(egui::RichText::new(t.move_to_team).strong());
    let mut hovered = None;
    let mut chosen = None;
    // The selection's own team is marked, so the list also says where it is now.
    let current = w.selection_teams();
    for (i, tm) in w.doc.scenario.teams.iter_enumerated() {
        let r = ui
            .horizontal(|ui| {
                swatch(ui, w.swatch_fill(tm.colour), 14.0);
                let label = if tm.locked {
                    format!("{} [{}]", tm.name, t.locked)
                } else {
                    tm.name.clone()
                };
                ui.add(egui::Button::new(label).selected(current.contains(&Some(i))))
            })
            .inner;
        if r.hovered() {
            hovered = Some(Some(i));
        }
        if r.clicked() {
            chosen = Some(Some(i));
        }
    }
    let r = ui.add(egui::Button::new(t.unassign).selected(current.contains(&None)));
    if r.hovered() {
        hovered = Some(None);
    }
    if r.clicked() {
        chosen = Some(None);
    }
    if let Some(team) = chosen {
        out.push(Command::AssignSelection(team));
        return true;
    }
    let shown = w.preview.as_ref().map(|p| &p.edit);
    if shown != hovered.map(|team| w.edit_for(team)).as_ref() {
        out.push(Command::PreviewAssign(hovered));
    }
    false
}

/// An undo or redo button, greyed out without a step to take, with the step's name and the
/// shortcut on hover. True when clicked.
fn history_button(
    ui: &mut egui::Ui,
    c: super::UiCommand,
    step: Option<&StepLabel>,
    t: &Texts,
) -> bool {
    let button = ui.add_enabled(step.is_some(), egui::Button::new(c.text(t)));
    match step {
        Some(l) => button.on_hover_text(format!(
            "{} ({})",
            i18n::step_label(l, t),
            c.shortcut_text(ui.ctx())
        )),
        None => button,
    }
    .clicked()
}

/// The editing toolbar.
fn toolbar(ui: &mut egui::Ui, w: &Workspace, t: &Texts, others: &[(u64, String)]) -> Vec<Command> {
    use super::UiCommand;
    let mut out = Vec::new();
    ui.horizontal_wrapped(|ui| {
        if history_button(ui, UiCommand::Undo, w.history.undo_label(), t) {
            out.push(Command::Undo);
        }
        if history_button(ui, UiCommand::Redo, w.history.redo_label(), t) {
            out.push(Command::Redo);
        }
        ui.separator();
        ui.label(t.mode);
        for (mode, text) in [
            (EditMode::Zones, t.mode_zones),
            (EditMode::Municipalities, t.mode_municipalities),
        ] {
            if ui.selectable_label(w.mode == mode, text).clicked() {
                out.push(Command::SetMode(mode));
            }
        }
        ui.separator();
        ui.label(t.budget_model);
        for (model, text) in [
            (BudgetModel::Flat, t.budget_flat),
            (BudgetModel::ChildShare, t.budget_share),
        ] {
            if ui.selectable_label(w.budget_model == model, text).clicked() {
                out.push(Command::SetBudgetModel(model));
            }
        }
        ui.separator();
        ui.label(t.compare_with);
        for (base, text) in [
            (Baseline::Opened, t.proposal_ui.baseline_opened),
            (Baseline::Historic, t.baseline_historic),
            (Baseline::Default, t.baseline_default),
        ] {
            if ui.selectable_label(w.baseline == base, text).clicked() {
                out.push(Command::SetBaseline(base));
            }
        }
        for (uid, name) in others {
            let on = w.baseline == Baseline::Other && w.other_uid == Some(*uid);
            if ui.selectable_label(on, name).clicked() {
                out.push(Command::CompareWith(Some(*uid)));
            }
        }
        ui.separator();
        if ui
            .selectable_label(w.show_differences, t.differences)
            .clicked()
        {
            out.push(Command::ToggleDifferences);
        }
        ui.separator();
        if ui.button(UiCommand::Propose.text(t)).clicked() {
            out.push(UiCommand::Propose.command());
        }
    });
    out
}

/// The pointer this frame, as the gestures need it.
#[derive(Clone, Copy)]
struct Pointer {
    at: Option<egui::Pos2>,
    pressed: bool,
    down: bool,
    released: bool,
    shift: bool,
    origin: Option<egui::Pos2>,
}

impl Pointer {
    fn read(ctx: &egui::Context) -> Pointer {
        ctx.input(|i| Pointer {
            at: i.pointer.latest_pos(),
            pressed: i.pointer.primary_pressed(),
            down: i.pointer.primary_down(),
            released: i.pointer.primary_released(),
            shift: i.modifiers.shift,
            origin: i.pointer.press_origin(),
        })
    }
}

/// Gestures that edit rather than pan: drag the selection (onto a team or a zone), shift-drag
/// a selection rectangle. `rect_start` is where a rectangle started; what lies under the
/// pointer is found in the layout of the last frame.
fn pointer_gestures(
    w: &Workspace,
    layout: &FrameLayout,
    p: Pointer,
    rect_start: &mut Option<egui::Pos2>,
    out: &mut Vec<Command>,
) {
    if p.pressed
        && let Some(at) = p.origin
        && layout.on_map(at)
    {
        if p.shift {
            *rect_start = Some(at);
        } else if let Some(cell) = layout.cell_at(w, at)
            && w.selection.covers_cell(&w.doc.data.atlas, cell)
        {
            out.push(Command::DragStart(at));
        }
    }
    if let Some(at) = p.at
        && p.down
        && let Some(d) = &w.drag
        && (at - d.origin).length() > 4.0
        && at != d.pointer
    {
        out.push(Command::DragTo {
            pointer: at,
            target: layout.target_at(w, at),
        });
    }
    if p.released {
        if w.drag.is_some() {
            out.push(Command::DragEnd);
        }
        if let (Some(a), Some(b)) = (rect_start.take(), p.at)
            && (a - b).length() > 4.0
            && let (Some(a), Some(b)) = (layout.to_merc(w, a), layout.to_merc(w, b))
        {
            let mut bbox = BBox::EMPTY;
            bbox.include(a);
            bbox.include(b);
            out.push(Command::SelectBox { bbox, add: true });
        }
    }
    if !p.down && !p.released {
        *rect_start = None;
    }
}

/// What the map needs from the app besides the tab.
pub(super) struct MapContext<'a> {
    pub layers: &'a Layers,
    pub tiles: Option<&'a mut dyn walkers::Tiles>,
    pub reference: Option<(
        &'a crate::map::reference_view::ReferenceDrawing,
        Option<&'a str>,
    )>,
    /// Names a little larger, as in the presentation.
    pub presenting: bool,
    pub editing: bool,
    pub rect_start: Option<egui::Pos2>,
    pub t: &'static Texts,
}

/// The parts of the app the map of the active tab draws from, borrowed apart: the tab, the
/// base map the layer settings pick, the layer settings, the reference layer when it shows,
/// the layout of the window's frame and the second screen when it is open.
pub(super) struct MapParts<'a> {
    pub w: &'a mut Workspace,
    pub tiles: Option<&'a mut dyn walkers::Tiles>,
    pub layers: &'a Layers,
    pub reference: Option<(
        &'a crate::map::reference_view::ReferenceDrawing,
        Option<&'a str>,
    )>,
    pub layout: &'a mut FrameLayout,
    pub second: Option<&'a mut super::second_screen::SecondScreen>,
}

/// What was drawn: the map's response, what the pointer did on it, and what a click on an
/// overlay hit.
pub(super) struct Drawn {
    pub response: egui::Response,
    pub map: MapOutput,
    pub hit: Option<Hit>,
}

/// Draw the map of the tab in the window, kept fitted to what it shows, and remember its
/// layout for the hit tests of the next frame.
fn draw_map(
    ui: &mut egui::Ui,
    w: &mut Workspace,
    layout: &mut FrameLayout,
    mc: MapContext,
) -> Drawn {
    w.keep_fitted(ui.available_size());
    // The view is taken out for the moment the map draws from the rest of the tab.
    let mut memory = std::mem::take(&mut w.memory);
    let drawn = paint_map(ui, w, &mut memory, mc);
    w.memory = memory;
    layout.transform = drawn.map.transform;
    layout.map_rect = Some(drawn.response.rect);
    layout.map_layer = Some(drawn.response.layer_id);
    w.hovered_cell = drawn.map.hovered_cell;
    drawn
}

/// Draw the map of a tab in the view `memory`: its layers, the pointer's highlights and the
/// legends in its corners, and hit-test a click on the overlays. The window and the second
/// screen both draw through here.
pub(super) fn paint_map(
    ui: &mut egui::Ui,
    w: &Workspace,
    memory: &mut walkers::MapMemory,
    mc: MapContext,
) -> Drawn {
    let atlas = &w.doc.data.atlas;
    let center = geom::from_merc(atlas.bbox.center());
    let cells = w.scene_cells();
    let pointer = ui.ctx().input(|i| i.pointer.latest_pos());
    let ghost = w
        .drag
        .as_ref()
        .filter(|d| (d.pointer - d.origin).length() > 4.0)
        .map(|d| d.pointer - d.origin);
    let select_rect = mc
        .rect_start
        .zip(pointer)
        .map(|(a, b)| egui::Rect::from_two_pos(a, b));
    let layers = mc.layers;
    let t = mc.t;
    let text_scale = if mc.presenting { 1.1 } else { 1.0 };
    // Shown while the selection is the one the search made.
    let marked = w
        .marked
        .as_ref()
        .filter(|(_, selection)| *selection == w.selection)
        .map(|(m, _)| *m);
    let input = MapInput {
        scene: w.scene(&cells, t, layers, mc.reference),
        geometry: w.geometry(),
        layers,
        hover_zone: w.mode == EditMode::Zones,
        text_scale,
        ghost,
        select_rect,
        marked,
    };
    let buttons = if mc.editing {
        egui::DragPanButtons::empty()
    } else {
        egui::DragPanButtons::PRIMARY | egui::DragPanButtons::MIDDLE
    };
    let mut map = Map::new(None, memory, lon_lat(center.0, center.1));
    if let Some(tiles) = mc.tiles {
        map = map.with_layer(tiles, layers.tile_opacity.clamp(0.0, 1.0));
    }
    let inner = map
        .zoom_with_ctrl(false)
        .zoom_speed(1.0)
        .drag_pan_buttons(buttons)
        .show(ui, |ui, response, projector, _memory| {
            MapView::draw(ui, response, projector, &input)
        });
    let out = inner.inner;
    let response = inner.response;
    let hit = response
        .clicked()
        .then(|| response.interact_pointer_pos())
        .flatten()
        .zip(out.transform)
        .and_then(|(at, tf)| {
            let frame = HitFrame {
                ctx: ui.ctx(),
                geometry: input.geometry,
                screen_from_local: tf,
                scale: text_scale,
            };
            crate::map::layer::hit(&input.scene, &frame, at, &|l| layers.setting(l))
        });
    let entries = crate::map::layer::hatching::Hatching.legend(&input.scene);
    hatch_legend(ui, response.rect, &entries);
    if let Some(c) = &w.choropleth {
        c.legend_ui(ui, response.rect, t);
    }
    Drawn {
        response,
        map: out,
        hit,
    }
}

/// The selection and the team it would go to, next to the pointer while dragging.
fn drag_label(ctx: &egui::Context, w: &Workspace, pointer: Option<egui::Pos2>, t: &Texts) {
    let (Some(d), Some(p)) = (&w.drag, pointer) else {
        return;
    };
    if (p - d.origin).length() <= 4.0 {
        return;
    }
    let names = w.selection.names(&w.doc.data.atlas);
    let target = match d.target {
        Some(DropTarget::Team(Some(team))) => w
            .doc
            .scenario
            .teams
            .get(team)
            .map(|t| t.name.clone())
            .unwrap_or_default(),
        Some(DropTarget::Team(None)) => t.unassign.to_string(),
        None => "…".to_string(),
    };
    egui::Area::new(egui::Id::unique("drag_label"))
        .fixed_pos(p + egui::vec2(18.0, 18.0))
        .order(egui::Order::Tooltip)
        .interactable(false)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.add(
                    egui::Label::new(format!("{} » {}", names.join(", "), target))
                        .wrap_mode(egui::TextWrapMode::Extend),
                );
            });
        });
}

/// "Delete this team?" for a team that holds zones.
fn confirm_delete(ctx: &egui::Context, w: &Workspace, team: TeamId, t: &Texts) -> Option<Command> {
    let name = w
        .doc
        .scenario
        .teams
        .get(team)
        .map(|t| t.name.clone())
        .unwrap_or_default();
    let zones = w.doc.metrics.teams.get(team).map_or(0, |s| s.units.len());
    let answered = crate::ui::modal::show(
        ctx,
        "delete_team",
        t.delete_question,
        |ui| {
            ui.label(egui::RichText::new(&name).strong());
            ui.label(i18n::count(zones, t.delete_explain_one, t.delete_explain));
        },
        |ui| {
            crate::ui::modal::answers(
                ui,
                &[
                    (t.delete, Command::ConfirmDeleteTeam(true)),
                    (t.cancel, Command::ConfirmDeleteTeam(false)),
                ],
            )
        },
    );
    // Leaving the question without an answer keeps the team.
    answered.or_when_dismissed(Command::ConfirmDeleteTeam(false))
}

impl GebiedsApp {
    /// What the map of the active tab draws from (None: no tab is open).
    pub(super) fn map_parts(&mut self) -> Option<MapParts<'_>> {
        let GebiedsApp {
            screen,
            tiles,
            offline_tiles,
            settings,
            reference,
            layout,
            second_screen,
            ..
        } = self;
        let super::Screen::Loaded(tabs) = screen else {
            return None;
        };
        let w = tabs.list.get_mut(tabs.active)?;
        let layers = &settings.layers;
        let tiles = match layers.tiles {
            TileChoice::None => None,
            TileChoice::Offline => offline_tiles.as_mut().map(|t| t as &mut dyn walkers::Tiles),
            TileChoice::Osm | TileChoice::Light => {
                tiles.as_mut().map(|t| t as &mut dyn walkers::Tiles)
            }
        };
        let reference = reference
            .as_ref()
            .filter(|r| r.2)
            .map(|(l, f, _)| (&**l, f.as_deref()));
        Some(MapParts {
            w,
            tiles,
            layers,
            reference,
            layout,
            second: second_screen.as_mut(),
        })
    }

    /// The pointer gestures on the map of the open tab (drag, selection rectangle).
    pub(super) fn pointer_gestures(&mut self, ctx: &egui::Context) {
        let mut pointer = Pointer::read(ctx);
        // A press on a window over the map (the layers, a card) or while a question waits
        // for an answer is for that window, not a gesture on the map.
        let over_window = pointer
            .origin
            .and_then(|at| ctx.layer_id_at(at))
            .is_some_and(|l| Some(l) != self.layout.map_layer);
        if over_window || self.asking() {
            pointer.pressed = false;
        }
        let mut rect_start = self.rect_start;
        let mut out = Vec::new();
        if let Some(w) = self.workspace() {
            pointer_gestures(w, &self.layout, pointer, &mut rect_start, &mut out);
        }
        self.rect_start = rect_start;
        self.commands.extend(out);
    }

    pub(super) fn show_workspace(&mut self, ui: &mut egui::Ui, ctx: &egui::Context) {
        let others = self.other_tabs();
        let presenting = self.presentation;
        let (region, present) = (self.region, self.present);
        let t = i18n::texts(self.settings.lang);
        let pointer = Pointer::read(ctx);
        let mut out = Vec::new();
        let Some(w) = self.workspace() else { return };
        if presenting {
            super::presentation::title_and_table(ui, w, t, region, present);
            // No team list, so no team rows to drop on.
            self.layout.team_rows.clear();
        } else {
            egui::Panel::top("toolbar").show(ui, |ui| out.extend(toolbar(ui, w, t, &others)));
            self.side_panel(ui, &mut out);
        }
        if let Some(w) = self.workspace()
            && w.show_differences
        {
            differences_panel(ui, w, t);
        }
        self.map_panel(ui, ctx, pointer, &mut out);
        let Some(w) = self.workspace() else { return };
        drag_label(ctx, w, pointer.at, t);
        if let Some(team) = self.confirm_delete
            && let Some(c) = confirm_delete(ctx, w, team, t)
        {
            out.push(c);
        }
        self.show_toast(ctx);
        self.commands.extend(out);
    }

    /// The team list with the rules bar, and the selection at its foot.
    fn side_panel(&mut self, ui: &mut egui::Ui, out: &mut Vec<Command>) {
        let t = i18n::texts(self.settings.lang);
        let GebiedsApp {
            screen,
            panel,
            layout,
            ..
        } = self;
        let super::Screen::Loaded(tabs) = screen else {
            return;
        };
        let Some(w) = tabs.list.get_mut(tabs.active) else {
            return;
        };
        let compact = panel.compact;
        egui::Panel::right("side")
            .resizable(true)
            .default_size(370.0)
            .show(ui, |ui| {
                let (command, rows) = team_panel::show(ui, w, t, panel);
                layout.team_rows = rows;
                out.extend(command);
            });
        if panel.compact != compact {
            out.push(Command::SetCompactTeams(panel.compact));
        }
    }

    /// The map with its context menu, hover card and the move list.
    fn map_panel(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &egui::Context,
        pointer: Pointer,
        out: &mut Vec<Command>,
    ) {
        let t = i18n::texts(self.settings.lang);
        let presenting = self.presentation;
        let rect_start = self.rect_start;
        let editing = rect_start.is_some();
        let move_popup = self.move_popup;
        let Some(MapParts {
            w,
            tiles,
            layers,
            reference,
            layout,
            ..
        }) = self.map_parts()
        else {
            return;
        };
        let mut menu_open = false;
        egui::CentralPanel::default()
            .frame(egui::Frame::new().fill(style::MAP_BACKGROUND))
            .show(ui, |ui| {
                let mc = MapContext {
                    layers,
                    tiles,
                    reference,
                    presenting,
                    editing: editing || w.drag.is_some(),
                    rect_start,
                    t,
                };
                let Drawn { response, map, hit } = draw_map(ui, w, layout, mc);
                match hit {
                    Some(Hit::Proeftuin(p)) => out.push(Command::ProeftuinCard(Some(p))),
                    Some(Hit::HistoricTeam(h)) => out.push(Command::HistoricCard(Some(h))),
                    None => {}
                }
                if !editing && w.drag.is_none() {
                    if let Some(c) = map.clicked_cell {
                        out.push(Command::ClickCell {
                            cell: Some(c),
                            add: pointer.shift,
                        });
                    } else if response.clicked() && !pointer.shift {
                        out.push(Command::ClearSelection);
                    }
                }
                if response.secondary_clicked()
                    && let Some(c) = map.hovered_cell
                    && !w.selection.covers_cell(&w.doc.data.atlas, c)
                {
                    out.push(Command::ClickCell {
                        cell: Some(c),
                        add: false,
                    });
                }
                if w.drag.is_none() && !w.selection.is_empty() {
                    response.context_menu(|ui| {
                        menu_open = true;
                        if move_menu(ui, w, t, out) {
                            ui.close();
                        }
                    });
                }
                if w.drag.is_none()
                    && !menu_open
                    && let Some(c) = map.hovered_cell
                {
                    let cell = &w.doc.data.atlas.cells[c];
                    let (unit, muni) = (cell.unit, cell.muni);
                    let by_muni = w.mode == EditMode::Municipalities;
                    let doc = &w.doc;
                    response.on_hover_ui_at_pointer(|ui| {
                        if by_muni {
                            info::municipality_details(ui, doc, muni, t);
                        } else {
                            info::zone_details(ui, doc, unit, t);
                        }
                    });
                }
            });
        // The move list opened with Ctrl+M.
        if let Some(at) = move_popup {
            egui::Area::new(egui::Id::unique("move_popup"))
                .fixed_pos(at)
                .order(egui::Order::Foreground)
                .show(ctx, |ui| {
                    egui::Frame::popup(ui.style()).show(ui, |ui| {
                        menu_open = true;
                        move_menu(ui, w, t, out);
                    });
                });
        }
        if w.drag.is_none() && !menu_open && w.preview.is_some() {
            out.push(Command::PreviewAssign(None));
        }
    }

    /// A short message over the map (a refused move), for a few seconds.
    fn show_toast(&mut self, ctx: &egui::Context) {
        let Some((msg, shown)) = &mut self.toast else {
            return;
        };
        let now = ctx.input(|i| i.time);
        let since = *shown.get_or_insert(now);
        if now - since > 4.0 {
            self.toast = None;
            return;
        }
        let msg = msg.clone();
        let at = self
            .layout
            .map_rect
            .map(|r| egui::pos2(r.center().x, r.bottom() - 60.0))
            .unwrap_or_default();
        egui::Area::new(egui::Id::unique("toast"))
            .pivot(egui::Align2::CENTER_CENTER)
            .fixed_pos(at)
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style())
                    .fill(style::BAD)
                    .show(ui, |ui| {
                        ui.label(egui::RichText::new(msg).color(Color32::WHITE).size(16.0));
                    });
            });
        ctx.request_repaint_after(std::time::Duration::from_millis(500));
    }
}

/// What the hatching on the map means, in the map's lower left corner, for the kinds shown.
fn hatch_legend(ui: &egui::Ui, map: egui::Rect, entries: &[LegendEntry]) {
    if entries.is_empty() {
        return;
    }
    egui::Area::new(ui.scope_id().with("hatch_legend"))
        .pivot(egui::Align2::LEFT_BOTTOM)
        .fixed_pos(map.left_bottom() + egui::vec2(8.0, -8.0))
        .interactable(false)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                for e in entries {
                    let Swatch::Hatch(colour) = e.swatch else {
                        continue;
                    };
                    ui.horizontal(|ui| {
                        let (r, _) =
                            ui.allocate_exact_size(egui::vec2(16.0, 12.0), egui::Sense::hover());
                        let p = ui.painter().with_clip_rect(r);
                        p.rect_stroke(
                            r,
                            0.0,
                            egui::Stroke::new(1.0, colour),
                            egui::StrokeKind::Inside,
                        );
                        for k in -1..4 {
                            let x = r.left() + 5.0 * k as f32;
                            p.line_segment(
                                [egui::pos2(x, r.bottom()), egui::pos2(x + 12.0, r.top())],
                                egui::Stroke::new(1.5, colour),
                            );
                        }
                        ui.label(&e.text);
                    });
                }
            });
        });
}

/// The "what changes for whom" table: every unit whose team differs from the baseline, with
/// the teams it leaves and joins, and the totals per team.
fn differences_panel(ui: &mut egui::Ui, w: &Workspace, t: &Texts) {
    let atlas = &w.doc.data.atlas;
    let s = &w.doc.scenario;
    let base = &w.baseline_division().scenario;
    let from_name = |f: Option<TeamId>| {
        f.and_then(|f| compare::baseline_team_name(s, base, f))
            .unwrap_or(t.no_team)
            .to_string()
    };
    let to_name = |to: Option<TeamId>| {
        to.and_then(|to| s.teams.get(to))
            .map_or(t.no_team, |tm| tm.name.as_str())
            .to_string()
    };
    // Group cells into whole zones where the whole zone moved, else municipalities.
    let mut rows: Vec<(String, String, String, f64, Option<f64>)> = Vec::new();
    let mut done = vec![false; w.comparison.moved.len()];
    for (i, m) in w.comparison.moved.iter().enumerate() {
        if done[i] {
            continue;
        }
        let unit = atlas.cells[m.cell].unit;
        let same: Vec<usize> = w
            .comparison
            .moved
            .iter()
            .enumerate()
            .filter(|(_, o)| atlas.cells[o.cell].unit == unit && (o.from, o.to) == (m.from, m.to))
            .map(|(j, _)| j)
            .collect();
        let whole = same.len() == atlas.units[unit].cells.len();
        let group: Vec<usize> = if whole { same } else { vec![i] };
        let mut pop = 0.0;
        let mut children = Some(0.0);
        for &j in &group {
            done[j] = true;
            let c = &atlas.cells[w.comparison.moved[j].cell];
            pop += c.population.unwrap_or(0.0);
            children = children.zip(c.children).map(|(a, b)| a + b);
        }
        let label = if whole {
            atlas.units[unit].name.clone()
        } else {
            format!(
                "{} ({})",
                atlas.municipalities[atlas.cells[m.cell].muni].name,
                t.municipality.to_lowercase()
            )
        };
        rows.push((label, from_name(m.from), to_name(m.to), pop, children));
    }
    egui::Panel::bottom("differences")
        .resizable(true)
        .default_size(240.0)
        .show(ui, |ui| {
            ui.label(
                egui::RichText::new(format!(
                    "{} {} {}: {} {}",
                    t.differences,
                    t.versus,
                    w.baseline_label(t),
                    rows.len(),
                    t.moved_units
                ))
                .strong(),
            );
            if rows.is_empty() {
                ui.label(egui::RichText::new(t.no_differences).weak());
                return;
            }
            // The header stays in view while the rows scroll.
            use egui_extras::{Column, TableBuilder};
            let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
            TableBuilder::new(ui)
                .striped(true)
                .resizable(true)
                .column(Column::auto().at_least(160.0))
                .column(Column::auto().at_least(200.0))
                .column(Column::auto().at_least(200.0))
                .column(Column::auto().at_least(90.0))
                .column(Column::remainder())
                .header(row_height, |mut header| {
                    for h in [
                        t.zone_or_municipality,
                        t.from_team,
                        t.to_team,
                        t.population,
                        t.children,
                    ] {
                        header.col(|ui| {
                            ui.strong(h);
                        });
                    }
                })
                .body(|body| {
                    body.rows(row_height, rows.len(), |mut row| {
                        let (label, from, to, pop, children) = &rows[row.index()];
                        let children = children.map_or_else(|| t.unknown.to_string(), i18n::int);
                        for text in [label, from, to, &i18n::int(*pop), &children] {
                            // One line per row: a long name is cut short (whole on hover).
                            row.col(|ui| {
                                ui.add(egui::Label::new(text.as_str()).truncate());
                            });
                        }
                    });
                });
        });
}
