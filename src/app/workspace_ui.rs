//! The map, the side panel and the pointer gestures of the open scenario.

use egui::Color32;
use walkers::{Map, lon_lat};

use super::{GebiedsApp, Screen};
use crate::editor::{Baseline, EditMode, Workspace};
use crate::i18n::{self, Lang};
use crate::map::layers::TileChoice;
use crate::map::view::{MapInput, MapView};
use crate::model::edit::{Edit, team_has_area};
use crate::model::geom::{self, BBox};
use crate::model::metrics::BudgetModel;
use crate::ui::team_panel::{self, TeamPanelAction};
use crate::ui::{info, swatch};

/// Keyboard shortcuts of the editor. Not while a text field has the keyboard.
fn handle_keys(
    ctx: &egui::Context,
    w: &mut Workspace,
    lang: Lang,
    move_popup: &mut Option<egui::Pos2>,
) {
    if ctx.egui_wants_keyboard_input() {
        return;
    }
    use egui::{Key, Modifiers};
    let (undo, redo, redo_y, esc, del, bksp, move_key) = ctx.input_mut(|i| {
        let redo = i.consume_key(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
        (
            i.consume_key(Modifiers::COMMAND, Key::Z),
            redo,
            i.consume_key(Modifiers::COMMAND, Key::Y),
            i.consume_key(Modifiers::NONE, Key::Escape),
            i.consume_key(Modifiers::NONE, Key::Delete),
            i.consume_key(Modifiers::NONE, Key::Backspace),
            i.consume_key(Modifiers::COMMAND, Key::M),
        )
    });
    if redo || redo_y {
        w.redo();
    } else if undo {
        w.undo();
    }
    if esc {
        if w.drag.is_some() {
            w.cancel_drag();
        } else if move_popup.is_some() {
            *move_popup = None;
            let _ = w.set_preview(None);
        } else {
            w.selection.clear();
        }
    }
    if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Home)) {
        let size = w
            .map_rect
            .map(|r| r.size())
            .unwrap_or(egui::vec2(900.0, 700.0));
        w.fit(w.session.atlas.bbox, size);
    }
    if (del || bksp) && !w.selection.is_empty() {
        let _ = w.assign_selection(None, lang);
    }
    if move_key && !w.selection.is_empty() {
        let at = ctx
            .input(|i| i.pointer.latest_pos())
            .or(w.map_rect.map(|r| r.center()))
            .unwrap_or_default();
        *move_popup = Some(at);
    }
}

/// The list of teams to move the selection to; hovering an entry previews the move.
/// Returns true when a choice was made.
fn move_menu(ui: &mut egui::Ui, w: &mut Workspace, t: &i18n::Texts, lang: Lang) -> bool {
    ui.label(egui::RichText::new(t.move_to_team).strong());
    let mut hovered = None;
    let mut chosen = None;
    // The selection's own team is marked, so the list also says where it is now.
    let current = w.selection_teams();
    let teams: Vec<(usize, String, [u8; 3], bool)> = w
        .session
        .scenario
        .teams
        .iter()
        .enumerate()
        .map(|(i, tm)| (i, tm.name.clone(), tm.colour, tm.locked))
        .collect();
    for (i, name, colour, locked) in teams {
        let r = ui
            .horizontal(|ui| {
                swatch(ui, w.swatch_fill(colour), 14.0);
                let label = if locked {
                    format!("{name} [{}]", t.locked)
                } else {
                    name
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
        let _ = w.assign_selection(team, lang);
        return true;
    }
    let _ = w.set_preview(hovered.map(|team| w.edit_for(team)));
    false
}

/// An undo or redo button, greyed out without a step to take, with the step's name and the
/// shortcut on hover. True when clicked.
fn history_button(ui: &mut egui::Ui, text: &str, step: Option<&str>, shortcut: &str) -> bool {
    let button = ui.add_enabled(step.is_some(), egui::Button::new(text));
    match step {
        Some(l) => button.on_hover_text(format!("{l} ({shortcut})")),
        None => button,
    }
    .clicked()
}

/// The editing toolbar. Returns a change of the scenario to compare with (Some(None): none).
fn toolbar(
    ui: &mut egui::Ui,
    w: &mut Workspace,
    t: &i18n::Texts,
    others: &[(u64, String)],
) -> Option<Option<u64>> {
    let mut compare = None;
    ui.horizontal_wrapped(|ui| {
        if history_button(ui, t.undo, w.history.undo_label(), "Ctrl+Z") {
            w.undo();
        }
        if history_button(ui, t.redo, w.history.redo_label(), "Ctrl+Shift+Z") {
            w.redo();
        }
        ui.separator();
        ui.label(t.mode);
        let mut mode = w.mode;
        ui.selectable_value(&mut mode, EditMode::Zones, t.mode_zones);
        ui.selectable_value(&mut mode, EditMode::Municipalities, t.mode_municipalities);
        w.set_mode(mode);
        ui.separator();
        ui.label(t.budget_model);
        let mut model = w.budget_model;
        ui.selectable_value(&mut model, BudgetModel::Flat, t.budget_flat);
        ui.selectable_value(&mut model, BudgetModel::ChildShare, t.budget_share);
        w.set_budget_model(model);
        ui.separator();
        ui.label(t.compare_with);
        let mut base = w.baseline;
        if ui
            .selectable_value(&mut base, Baseline::Historic, t.baseline_historic)
            .clicked()
            || ui
                .selectable_value(&mut base, Baseline::Default, t.baseline_default)
                .clicked()
        {
            compare = Some(None);
        }
        w.set_baseline(base);
        for (uid, name) in others {
            let on = w.baseline == Baseline::Other && w.other_uid == Some(*uid);
            if ui.selectable_label(on, name).clicked() {
                compare = Some(Some(*uid));
            }
        }
        ui.separator();
        ui.toggle_value(&mut w.show_differences, t.differences);
    });
    compare
}

impl GebiedsApp {
    pub(super) fn show_workspace(&mut self, ui: &mut egui::Ui, ctx: &egui::Context) {
        let others = self.other_tabs();
        let presenting = self.presentation;
        let lang = self.settings.lang;
        let t = i18n::texts(lang);
        let layers = self.settings.layers.clone();
        let overlays = self.overlays.clone();
        let reference = self
            .reference
            .as_ref()
            .filter(|r| r.2)
            .map(|(l, f, _)| (l.clone(), f.clone()));
        let mut historic_click = None;
        let mut proeftuin_click = None;
        let GebiedsApp {
            screen,
            tiles,
            panel,
            confirm_delete,
            move_popup,
            rect_start,
            settings,
            ..
        } = self;
        let Screen::Loaded(tabs) = screen else { return };
        let Some(w) = tabs.list.get_mut(tabs.active) else {
            return;
        };

        handle_keys(ctx, w, lang, move_popup);

        // Pointer gestures that edit rather than pan.
        let (pointer, pressed, down, released, shift, origin) = ctx.input(|i| {
            (
                i.pointer.latest_pos(),
                i.pointer.primary_pressed(),
                i.pointer.primary_down(),
                i.pointer.primary_released(),
                i.modifiers.shift,
                i.pointer.press_origin(),
            )
        });
        if pressed
            && let (Some(p), Some(rect), Some(tf)) = (origin, w.map_rect, w.last_transform)
            && rect.contains(p)
        {
            if shift {
                *rect_start = Some(p);
            } else if let Some(cell) = w.session.atlas.cell_at(w.geometry.to_merc(tf.invert(p)))
                && w.selection.contains(&w.item_of_cell(cell))
            {
                w.start_drag(p, lang);
            }
        }
        if let Some(p) = pointer
            && down
            && let Some(d) = &w.drag
            && (p - d.origin).length() > 4.0
        {
            w.update_drag(p, lang);
        }
        if released {
            w.finish_drag(lang);
            if let (Some(a), Some(b), Some(tf)) = (rect_start.take(), pointer, w.last_transform)
                && (a - b).length() > 4.0
            {
                let mut bb = BBox::EMPTY;
                bb.include(w.geometry.to_merc(tf.invert(a)));
                bb.include(w.geometry.to_merc(tf.invert(b)));
                w.select_in_box(bb, true);
            }
        }
        if !down && !released {
            *rect_start = None;
        }

        let mut compare = None;
        let mut action = TeamPanelAction::None;
        if presenting {
            super::presentation::title_and_table(ui, w, t);
        } else {
            egui::Panel::top("toolbar").show(ui, |ui| compare = toolbar(ui, w, t, &others));
        }
        if !presenting {
            egui::Panel::right("side")
                .resizable(true)
                .default_size(370.0)
                .show(ui, |ui| {
                    action = team_panel::show(ui, w, t, panel);
                });
            settings.compact_teams = panel.compact;
        }
        match action {
            TeamPanelAction::None => {}
            TeamPanelAction::SelectUnit(u) => {
                w.set_mode(EditMode::Zones);
                w.selection = [u].into_iter().collect();
                let cells = w.session.atlas.units[u].cells.clone();
                w.zoom_to_cells(&cells);
            }
            TeamPanelAction::ZoomToCells(cells) => w.zoom_to_cells(&cells),
            TeamPanelAction::Edit(e) => {
                if let Edit::RenameTeam { .. } = e {
                    panel.renaming = None;
                }
                let created = matches!(e, Edit::CreateTeam { .. });
                if w.apply(e, lang).is_ok() && created {
                    // A new team starts with its name being edited.
                    let t = w.session.scenario.teams.len() - 1;
                    panel.renaming = Some((t, w.session.scenario.teams[t].name.clone()));
                    panel.scroll_to = Some(t);
                }
            }
            TeamPanelAction::AskDelete(team) => {
                if team_has_area(&w.session.scenario, &w.session.atlas, team) {
                    *confirm_delete = Some(team);
                } else {
                    let _ = w.apply(Edit::DeleteTeam { team }, lang);
                }
            }
            TeamPanelAction::StartRename(team) => {
                let name = w
                    .session
                    .scenario
                    .teams
                    .get(team)
                    .map(|t| t.name.clone())
                    .unwrap_or_default();
                panel.renaming = Some((team, name));
            }
            TeamPanelAction::NextUnassigned => {
                w.goto_next_unassigned();
            }
        }

        let editing = w.drag.is_some() || rect_start.is_some();

        let tiles = if layers.tiles == TileChoice::None {
            None
        } else {
            tiles.as_mut().map(|t| t as &mut dyn walkers::Tiles)
        };
        if w.show_differences {
            differences_panel(ui, w, t);
        }
        let mut menu_open = false;
        egui::CentralPanel::default()
            .frame(egui::Frame::new().fill(Color32::from_rgb(236, 236, 232)))
            .show(ui, |ui| {
                if !w.fitted {
                    let size = ui.available_size();
                    w.fit(w.session.atlas.bbox, size);
                    w.fitted = true;
                }
                let center = geom::from_merc(w.session.atlas.bbox.center());
                let selected_cells = w.selected_cells();
                let mut selected = vec![false; w.session.atlas.cells.len()];
                for c in selected_cells {
                    selected[c] = true;
                }
                let m = w.shown_metrics();
                let mut hatch: Vec<Option<Color32>> = vec![None; w.session.atlas.cells.len()];
                // The kinds of hatching drawn, for the legend, as they are written.
                let mut hatched: Vec<Color32> = Vec::new();
                let mut mark = |cells: &mut dyn Iterator<Item = usize>, colour: Color32| {
                    for c in cells {
                        hatch[c] = Some(colour);
                        if !hatched.contains(&colour) {
                            hatched.push(colour);
                        }
                    }
                };
                mark(&mut m.unassigned_cells.iter().copied(), HATCH_NO_TEAM);
                if w.show_differences {
                    mark(
                        &mut w.comparison.moved.iter().map(|(c, _, _)| *c),
                        HATCH_DIFFERENCE,
                    );
                }
                let atlas = &w.session.atlas;
                mark(
                    &mut m.teams.iter().flat_map(|st| {
                        st.split_units
                            .iter()
                            .flat_map(|&u| atlas.units[u].cells.iter().copied())
                    }),
                    HATCH_SHARED,
                );
                mark(
                    &mut m
                        .teams
                        .iter()
                        .flat_map(|st| st.components.iter().skip(1).flatten().copied()),
                    HATCH_DETACHED,
                );
                let ghost = w
                    .drag
                    .as_ref()
                    .filter(|d| (d.pointer - d.origin).length() > 4.0)
                    .map(|d| d.pointer - d.origin);
                let select_rect = rect_start
                    .zip(pointer)
                    .map(|(a, b)| egui::Rect::from_two_pos(a, b));
                let input = MapInput {
                    atlas: &w.session.atlas,
                    geometry: &w.geometry,
                    cell_fill: &w.cell_fill,
                    cell_team: &w.cell_team,
                    team_arcs: &w.team_arcs,
                    selected: &selected,
                    hatch: &hatch,
                    hover_zone: w.mode == EditMode::Zones,
                    layers: &layers,
                    text_scale: if presenting { 1.1 } else { 1.0 },
                    ghost,
                    select_rect,
                    // Shown while the selection is the one the search made.
                    marked: w
                        .marked
                        .as_ref()
                        .filter(|(_, selection)| *selection == w.selection)
                        .map(|(m, _)| *m),
                };
                let buttons = if editing {
                    egui::DragPanButtons::empty()
                } else {
                    egui::DragPanButtons::PRIMARY | egui::DragPanButtons::MIDDLE
                };
                let mut map = Map::new(None, &mut w.memory, lon_lat(center.0, center.1));
                if let Some(tiles) = tiles {
                    map = map.with_layer(tiles, layers.tile_opacity.clamp(0.0, 1.0));
                }
                let inner = map
                    .zoom_with_ctrl(false)
                    .zoom_speed(1.0)
                    .drag_pan_buttons(buttons)
                    .show(ui, |ui, response, projector, _memory| {
                        let out = MapView::draw(ui, response, projector, &input);
                        let Some(tf) = out.transform else { return out };
                        let painter = ui.painter().with_clip_rect(response.rect);
                        let scale = input.text_scale;
                        let own = reference
                            .as_ref()
                            .map(|(layer, field)| (&**layer, field.as_deref()));
                        let mut shapes = Vec::new();
                        let names = crate::map::overlay_view::draw_overlays(
                            &mut shapes,
                            &tf,
                            input.geometry,
                            &crate::map::overlay_view::OverlayInput {
                                layers: &layers,
                                overlays: overlays.as_deref(),
                                reference: own,
                                approximate_word: t.approximate,
                                scale,
                                frame: crate::map::overlay_view::OverlayFrame::new(
                                    ui.ctx(),
                                    input.geometry,
                                    input.atlas,
                                    projector.zoom(),
                                    response.rect,
                                ),
                            },
                        );
                        shapes.extend(MapView::labels(
                            ui.ctx(),
                            &tf,
                            response.rect,
                            &input,
                            &names,
                        ));
                        painter.extend(shapes);
                        out
                    });
                let out = inner.inner;
                w.last_transform = out.transform;
                // A click on an overlay opens its card.
                if inner.response.clicked()
                    && let (Some(ov), Some(tf), Some(p)) = (
                        &overlays,
                        out.transform,
                        inner.response.interact_pointer_pos(),
                    )
                {
                    let m = w.geometry.to_merc(tf.invert(p));
                    if layers.proeftuinen {
                        let radius =
                            (crate::map::overlay_view::MARKER_RADIUS * 1.5 / tf.scale) as f64;
                        proeftuin_click = ov.proeftuin_at(m, radius);
                    }
                    // A historic team's card opens from its name, so that clicks on the
                    // map still select zones.
                    if layers.historic && proeftuin_click.is_none() {
                        let scale = if presenting { 1.1 } else { 1.0 };
                        historic_click = ov.historic.teams.iter().position(|team| {
                            let name = crate::map::overlay_view::historic_label(
                                &tf,
                                &w.geometry,
                                team,
                                scale,
                            );
                            name.layout(ctx).1.contains(p)
                        });
                    }
                }
                w.map_rect = Some(inner.response.rect);
                hatch_legend(ui, inner.response.rect, &hatched, t);
                w.hovered_cell = out.hovered_cell;
                if !editing {
                    if let Some(c) = out.clicked_cell {
                        w.click_cell(Some(c), shift);
                    } else if inner.response.clicked() && !shift {
                        w.selection.clear();
                    }
                }
                if inner.response.secondary_clicked()
                    && let Some(c) = out.hovered_cell
                    && !w.selection.contains(&w.item_of_cell(c))
                {
                    w.click_cell(Some(c), false);
                }
                if w.drag.is_none()
                    && !w.selection.is_empty()
                    && let Some(_) = inner.response.context_menu(|ui| {
                        menu_open = true;
                        if move_menu(ui, w, t, lang) {
                            ui.close();
                        }
                    })
                {}
                if w.drag.is_none()
                    && !menu_open
                    && let Some(c) = out.hovered_cell
                {
                    let unit = w.session.atlas.cells[c].unit;
                    let muni = w.session.atlas.cells[c].muni;
                    let by_muni = w.mode == EditMode::Municipalities;
                    let session = &w.session;
                    inner.response.on_hover_ui_at_pointer(|ui| {
                        if by_muni {
                            info::municipality_details(ui, session, muni, t);
                        } else {
                            info::zone_details(ui, session, unit, t);
                        }
                    });
                }
                let pos = w.memory.detached().unwrap_or(lon_lat(center.0, center.1));
                settings.view = Some((pos.x(), pos.y(), w.memory.zoom()));
            });

        // The move list opened with Ctrl+M.
        if let Some(at) = *move_popup {
            let mut done = false;
            egui::Area::new(egui::Id::unique("move_popup"))
                .fixed_pos(at)
                .order(egui::Order::Foreground)
                .show(ctx, |ui| {
                    egui::Frame::popup(ui.style()).show(ui, |ui| {
                        menu_open = true;
                        done = move_menu(ui, w, t, lang);
                    });
                });
            if done {
                *move_popup = None;
            }
        }
        if w.drag.is_none() && !menu_open && w.preview.as_ref().is_some() {
            let _ = w.set_preview(None);
        }

        // What the drag would do, next to the pointer.
        if let (Some(d), Some(p)) = (&w.drag, pointer)
            && (p - d.origin).length() > 4.0
        {
            let names: Vec<String> = w
                .selection
                .iter()
                .map(|&i| match w.mode {
                    EditMode::Zones => w.session.atlas.units[i].name.clone(),
                    EditMode::Municipalities => w.session.atlas.municipalities[i].name.clone(),
                })
                .collect();
            let target = match d.target {
                Some(crate::editor::DropTarget::Team(Some(team))) => w
                    .session
                    .scenario
                    .teams
                    .get(team)
                    .map(|t| t.name.clone())
                    .unwrap_or_default(),
                Some(crate::editor::DropTarget::Team(None)) => t.unassign.to_string(),
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

        // A short message (e.g. a refused move).
        if let Some((msg, shown)) = &mut w.toast {
            let now = ctx.input(|i| i.time);
            if shown.is_nan() {
                *shown = now;
            }
            if now - *shown > 4.0 {
                w.toast = None;
            } else {
                let msg = msg.clone();
                let at = w
                    .map_rect
                    .map(|r| egui::pos2(r.center().x, r.bottom() - 60.0))
                    .unwrap_or_default();
                egui::Area::new(egui::Id::unique("toast"))
                    .pivot(egui::Align2::CENTER_CENTER)
                    .fixed_pos(at)
                    .order(egui::Order::Foreground)
                    .show(ctx, |ui| {
                        egui::Frame::popup(ui.style())
                            .fill(Color32::from_rgb(170, 40, 40))
                            .show(ui, |ui| {
                                ui.label(egui::RichText::new(msg).color(Color32::WHITE).size(16.0));
                            });
                    });
                ctx.request_repaint_after(std::time::Duration::from_millis(500));
            }
        }

        // Confirm deleting a team that owns zones.
        if let Some(team) = *confirm_delete {
            let name = w
                .session
                .scenario
                .teams
                .get(team)
                .map(|t| t.name.clone())
                .unwrap_or_default();
            let zones = w
                .session
                .metrics
                .teams
                .get(team)
                .map(|s| s.units.len())
                .unwrap_or(0);
            let mut choice = None;
            egui::Window::new(t.delete_question)
                .collapsible(false)
                .resizable(false)
                .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
                .show(ctx, |ui| {
                    ui.label(egui::RichText::new(&name).strong());
                    ui.label(i18n::count(zones, t.delete_explain_one, t.delete_explain));
                    ui.horizontal(|ui| {
                        if ui.button(t.delete).clicked() {
                            choice = Some(true);
                        }
                        if ui.button(t.cancel).clicked() {
                            choice = Some(false);
                        }
                    });
                });
            match choice {
                Some(true) => {
                    let _ = w.apply(Edit::DeleteTeam { team }, lang);
                    *confirm_delete = None;
                }
                Some(false) => *confirm_delete = None,
                None => {}
            }
        }
        if let Some(c) = compare {
            self.compare_with(c);
        }
        if proeftuin_click.is_some() {
            self.proeftuin_card = proeftuin_click;
        } else if historic_click.is_some() {
            self.historic_card = historic_click;
        }
    }
}

/// The hatching on the map: zones without a team, detached parts of a team, zones shared by
/// two teams, and what differs from the baseline.
const HATCH_NO_TEAM: Color32 = Color32::from_rgb(90, 90, 90);
const HATCH_DETACHED: Color32 = Color32::from_rgb(200, 0, 0);
const HATCH_SHARED: Color32 = Color32::from_rgb(230, 120, 0);
const HATCH_DIFFERENCE: Color32 = Color32::from_rgb(0, 90, 200);

/// What the hatching on the map means, in the map's lower left corner, for the kinds shown.
fn hatch_legend(ui: &egui::Ui, map: egui::Rect, hatched: &[Color32], t: &i18n::Texts) {
    let kinds = [
        (HATCH_NO_TEAM, t.no_team),
        (HATCH_DETACHED, t.hatch_detached),
        (HATCH_SHARED, t.hatch_shared),
        (HATCH_DIFFERENCE, t.hatch_difference),
    ];
    let shown: Vec<(Color32, &str)> = kinds
        .into_iter()
        .filter(|(c, _)| hatched.contains(c))
        .collect();
    if shown.is_empty() {
        return;
    }
    egui::Area::new(egui::Id::unique("hatch_legend"))
        .pivot(egui::Align2::LEFT_BOTTOM)
        .fixed_pos(map.left_bottom() + egui::vec2(8.0, -8.0))
        .interactable(false)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                for (colour, text) in shown {
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
                        ui.label(text);
                    });
                }
            });
        });
}

/// The "what changes for whom" table: every unit whose team differs from the baseline, with
/// the teams it leaves and joins, and the totals per team.
fn differences_panel(ui: &mut egui::Ui, w: &Workspace, t: &i18n::Texts) {
    let atlas = &w.session.atlas;
    let s = &w.session.scenario;
    let name_of = |id: &Option<String>| -> String {
        match id {
            Some(id) => s
                .teams
                .iter()
                .find(|tm| &tm.id == id)
                .map(|tm| tm.name.clone())
                .unwrap_or_else(|| id.clone()),
            None => t.no_team.to_string(),
        }
    };
    // Group cells into whole zones where the whole zone moved, else municipalities.
    let mut rows: Vec<(String, String, String, f64, Option<f64>)> = Vec::new();
    let mut done = vec![false; w.comparison.moved.len()];
    for (i, (cell, from, to)) in w.comparison.moved.iter().enumerate() {
        if done[i] {
            continue;
        }
        let unit = atlas.cells[*cell].unit;
        let same: Vec<usize> = w
            .comparison
            .moved
            .iter()
            .enumerate()
            .filter(|(_, (c, f, tt))| atlas.cells[*c].unit == unit && f == from && tt == to)
            .map(|(j, _)| j)
            .collect();
        let whole = same.len() == atlas.units[unit].cells.len();
        let group: Vec<usize> = if whole { same } else { vec![i] };
        let mut pop = 0.0;
        let mut children = Some(0.0);
        for &j in &group {
            done[j] = true;
            let c = &atlas.cells[w.comparison.moved[j].0];
            pop += c.population.unwrap_or(0.0);
            children = children.zip(c.children).map(|(a, b)| a + b);
        }
        let label = if whole {
            atlas.units[unit].name.clone()
        } else {
            format!(
                "{} ({})",
                atlas.municipalities[atlas.cells[*cell].muni].name,
                t.municipality.to_lowercase()
            )
        };
        rows.push((label, name_of(from), name_of(to), pop, children));
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
                        let children = children
                            .map(i18n::int)
                            .unwrap_or_else(|| t.unknown.to_string());
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
