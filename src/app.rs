//! The eframe application: owns the state, shows the panels, applies what they ask for.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};

use egui::Color32;
use walkers::{HttpOptions, HttpTiles, Map, lon_lat};

use crate::cli::Args;
use crate::data::{self, Discovery};
use crate::editor::{Baseline, EditMode, Workspace};
use crate::i18n::{self, Lang};
use crate::map::layers::{Layers, TileChoice};
use crate::map::view::{MapInput, MapView};
use crate::model::atlas::Edition;
use crate::model::edit::{Edit, team_has_area};
use crate::model::geom::{self, BBox};
use crate::model::metrics::BudgetModel;
use crate::session::Session;
use crate::ui::data_screen::{self, DataScreenAction};
use crate::ui::dialogs::{FileDialogs, SystemDialogs};
use crate::ui::team_panel::{self, TeamPanelAction, TeamPanelState};
use crate::ui::{about, info, swatch};

const SETTINGS_KEY: &str = "gebiedsplanner-settings";

/// What is remembered between runs.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Settings {
    pub lang: Lang,
    pub layers: Layers,
    /// A data folder the user picked.
    pub data_dir: Option<PathBuf>,
    pub edition: Edition,
    /// Map centre (lon, lat) and zoom.
    pub view: Option<(f64, f64, f64)>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lang: Lang::Nl,
            layers: Layers::default(),
            data_dir: None,
            edition: Edition::M2025,
            view: None,
        }
    }
}

pub enum Screen {
    Loaded(Box<Workspace>),
    NeedData {
        discovery: Discovery,
        error: Option<String>,
    },
}

/// State of the base map connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TileStatus {
    Off,
    Checking,
    Online,
    Offline,
}

pub struct GebiedsApp {
    pub settings: Settings,
    pub screen: Screen,
    tiles: Option<HttpTiles>,
    tile_probe: Arc<AtomicU8>,
    tiles_allowed: bool,
    dialogs: Box<dyn FileDialogs>,
    cli_data: Option<PathBuf>,
    pub show_about: bool,
    panel: TeamPanelState,
    /// A team waiting for the user to confirm its deletion.
    confirm_delete: Option<usize>,
    /// The "move to team" list opened with Ctrl+M, at this screen position.
    move_popup: Option<egui::Pos2>,
    /// Start of a rectangle selection (shift + drag), on screen.
    rect_start: Option<egui::Pos2>,
    theme_set: bool,
}

impl GebiedsApp {
    /// An app without tiles or system dialogs, for tests and headless use.
    pub fn headless(
        settings: Settings,
        cli_data: Option<PathBuf>,
        dialogs: Box<dyn FileDialogs>,
    ) -> GebiedsApp {
        let mut app = GebiedsApp {
            settings,
            screen: Screen::NeedData {
                discovery: Discovery {
                    candidates: Vec::new(),
                    chosen: None,
                },
                error: None,
            },
            tiles: None,
            tile_probe: Arc::new(AtomicU8::new(0)),
            tiles_allowed: false,
            dialogs,
            cli_data,
            show_about: false,
            panel: TeamPanelState::default(),
            confirm_delete: None,
            move_popup: None,
            rect_start: None,
            theme_set: false,
        };
        app.load();
        app
    }

    /// Find the data folder and load it; on failure show the data screen.
    pub fn load(&mut self) {
        let env = std::env::var("GEBIEDSPLANNER_DATA").ok();
        let edition = self.settings.edition;
        let explicit = self
            .cli_data
            .clone()
            .or_else(|| self.settings.data_dir.clone());
        let discovery = data::discover(explicit.as_deref(), env.as_deref(), edition);
        let Some(dir) = discovery.chosen.clone() else {
            self.screen = Screen::NeedData {
                discovery,
                error: None,
            };
            return;
        };
        match Session::load(&dir, edition) {
            Ok(session) => {
                let mut w = Workspace::new(session, &self.settings.layers);
                if let Some((lon, lat, z)) = self.settings.view {
                    w.memory.center_at(lon_lat(lon, lat));
                    let _ = w.memory.set_zoom(z);
                    w.fitted = true;
                }
                self.screen = Screen::Loaded(Box::new(w));
            }
            Err(e) => {
                self.screen = Screen::NeedData {
                    discovery,
                    error: Some(e.to_string()),
                }
            }
        }
    }

    pub fn workspace(&self) -> Option<&Workspace> {
        match &self.screen {
            Screen::Loaded(w) => Some(w),
            Screen::NeedData { .. } => None,
        }
    }

    pub fn workspace_mut(&mut self) -> Option<&mut Workspace> {
        match &mut self.screen {
            Screen::Loaded(w) => Some(w),
            Screen::NeedData { .. } => None,
        }
    }

    fn enable_tiles(&mut self, ctx: &egui::Context) {
        if !self.tiles_allowed
            || self.settings.layers.tiles == TileChoice::None
            || self.tiles.is_some()
        {
            return;
        }
        let cache = dirs::cache_dir().map(|d| d.join("gebiedsplanner").join("tiles"));
        let options = HttpOptions {
            cache,
            user_agent: Some(walkers::HeaderValue::from_static(concat!(
                "Gebiedsplanner/",
                env!("CARGO_PKG_VERSION"),
                " (desktop planning app for youth care in Flanders)"
            ))),
            ..Default::default()
        };
        self.tiles = Some(HttpTiles::with_options(
            walkers::sources::OpenStreetMap,
            options,
            ctx.clone(),
        ));
        // One connection attempt tells the status bar whether the base map is reachable.
        self.tile_probe.store(1, Ordering::Relaxed);
        let probe = self.tile_probe.clone();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            use std::net::ToSocketAddrs;
            let ok = ("tile.openstreetmap.org", 443)
                .to_socket_addrs()
                .ok()
                .and_then(|mut a| a.next())
                .is_some_and(|addr| {
                    std::net::TcpStream::connect_timeout(&addr, std::time::Duration::from_secs(4))
                        .is_ok()
                });
            probe.store(if ok { 2 } else { 3 }, Ordering::Relaxed);
            ctx.request_repaint();
        });
    }

    pub fn tile_status(&self) -> TileStatus {
        if self.tiles.is_none() || self.settings.layers.tiles == TileChoice::None {
            return TileStatus::Off;
        }
        match self.tile_probe.load(Ordering::Relaxed) {
            2 => TileStatus::Online,
            3 => TileStatus::Offline,
            _ => TileStatus::Checking,
        }
    }

    /// The whole UI, in one call (also used by the headless tests).
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if !self.theme_set {
            // A light theme reads better on a projector.
            ctx.set_theme(egui::Theme::Light);
            self.theme_set = true;
        }
        self.enable_tiles(&ctx);
        let t = i18n::texts(self.settings.lang);

        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                ui.menu_button(t.menu_file, |ui| {
                    if ui.button(t.choose_data_folder).clicked() {
                        self.pick_data_folder();
                        ui.close();
                    }
                    if ui.button(t.quit).clicked() {
                        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                    }
                });
                ui.menu_button(t.menu_view, |ui| {
                    let mut changed = false;
                    ui.label(t.tiles);
                    changed |= ui
                        .radio_value(
                            &mut self.settings.layers.tiles,
                            TileChoice::Osm,
                            "OpenStreetMap",
                        )
                        .changed();
                    changed |= ui
                        .radio_value(
                            &mut self.settings.layers.tiles,
                            TileChoice::None,
                            t.tiles_none,
                        )
                        .changed();
                    ui.separator();
                    changed |= ui
                        .checkbox(
                            &mut self.settings.layers.municipality_borders,
                            t.municipality_borders,
                        )
                        .changed();
                    changed |= ui
                        .checkbox(&mut self.settings.layers.zone_labels, t.zone_labels)
                        .changed();
                    changed |= ui
                        .add(
                            egui::Slider::new(&mut self.settings.layers.fill_opacity, 0.1..=1.0)
                                .text("%"),
                        )
                        .changed();
                    if changed {
                        let opacity = self.settings.layers.fill_opacity;
                        if let Some(w) = self.workspace_mut() {
                            w.set_fill_opacity(opacity);
                        }
                    }
                    ui.separator();
                    ui.label(t.edition);
                    let mut edition = self.settings.edition;
                    ui.radio_value(&mut edition, Edition::M2025, "2025");
                    ui.radio_value(&mut edition, Edition::M2019, "2019-2024");
                    if edition != self.settings.edition {
                        self.settings.edition = edition;
                        self.load();
                        ui.close();
                    }
                });
                ui.menu_button(t.language, |ui| {
                    ui.radio_value(&mut self.settings.lang, Lang::Nl, "Nederlands");
                    ui.radio_value(&mut self.settings.lang, Lang::En, "English");
                });
                ui.menu_button(t.menu_help, |ui| {
                    if ui.button(t.about).clicked() {
                        self.show_about = true;
                        ui.close();
                    }
                });
            });
        });

        let status = self.status_line();
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(status);
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.small("© Statbel · provincies.incijfers.be · © OpenStreetMap-bijdragers");
                });
            });
        });

        let lang = self.settings.lang;
        let edition = self.settings.edition;
        match &mut self.screen {
            Screen::NeedData { discovery, error } => {
                let mut action = DataScreenAction::None;
                egui::CentralPanel::default().show(ui, |ui| {
                    action = data_screen::show(ui, t, lang, edition, discovery, error.as_deref());
                });
                match action {
                    DataScreenAction::PickFolder => self.pick_data_folder(),
                    DataScreenAction::Retry => self.load(),
                    DataScreenAction::None => {}
                }
            }
            Screen::Loaded(_) => self.show_workspace(ui, &ctx),
        }

        if self.show_about {
            let mut open = true;
            about::show(&ctx, t, &mut open);
            self.show_about = open;
        }
    }

    fn status_line(&self) -> String {
        let t = i18n::texts(self.settings.lang);
        let tiles = match self.tile_status() {
            TileStatus::Off => t.tiles_none.to_string(),
            TileStatus::Checking => format!("{}: OpenStreetMap…", t.tiles),
            TileStatus::Online => format!("{}: OpenStreetMap", t.tiles),
            TileStatus::Offline => t.tiles_offline.to_string(),
        };
        match self.workspace() {
            Some(w) => format!(
                "{} · {} {} · {}",
                w.session.data_dir.display(),
                t.edition,
                w.session.atlas.edition.label(),
                tiles
            ),
            None => tiles,
        }
    }

    fn pick_data_folder(&mut self) {
        let t = i18n::texts(self.settings.lang);
        if let Some(dir) = self.dialogs.pick_folder(t.choose_data_folder) {
            self.cli_data = None;
            self.settings.data_dir = Some(dir);
            self.load();
        }
    }
}

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
                swatch(ui, colour, 14.0);
                let label = if locked {
                    format!("{name} [{}]", t.locked)
                } else {
                    name
                };
                ui.button(label)
            })
            .inner;
        if r.hovered() {
            hovered = Some(Some(i));
        }
        if r.clicked() {
            chosen = Some(Some(i));
        }
    }
    let r = ui.button(t.unassign);
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

fn toolbar(ui: &mut egui::Ui, w: &mut Workspace, t: &i18n::Texts) {
    ui.horizontal_wrapped(|ui| {
        let undo = ui.add_enabled(w.history.can_undo(), egui::Button::new(t.undo));
        let undo = match w.history.undo_label() {
            Some(l) => undo.on_hover_text(format!("{} (Ctrl+Z)", l)),
            None => undo,
        };
        if undo.clicked() {
            w.undo();
        }
        let redo = ui.add_enabled(w.history.can_redo(), egui::Button::new(t.redo));
        let redo = match w.history.redo_label() {
            Some(l) => redo.on_hover_text(format!("{} (Ctrl+Shift+Z)", l)),
            None => redo,
        };
        if redo.clicked() {
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
        ui.selectable_value(&mut base, Baseline::Historic, t.baseline_historic);
        ui.selectable_value(&mut base, Baseline::Default, t.baseline_default);
        w.set_baseline(base);
    });
}

impl GebiedsApp {
    fn show_workspace(&mut self, ui: &mut egui::Ui, ctx: &egui::Context) {
        let lang = self.settings.lang;
        let t = i18n::texts(lang);
        let layers = self.settings.layers.clone();
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
        let Screen::Loaded(w) = screen else { return };
        let w: &mut Workspace = w;

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
                w.start_drag(p);
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

        egui::Panel::top("toolbar").show(ui, |ui| toolbar(ui, w, t));

        let mut action = TeamPanelAction::None;
        egui::Panel::right("side")
            .resizable(true)
            .default_size(370.0)
            .show(ui, |ui| {
                match w.focus_unit() {
                    Some(u) => {
                        let more = w.selection.len();
                        ui.label(
                            egui::RichText::new(if more > 1 {
                                format!("{} ({more})", t.selection)
                            } else {
                                t.selected.to_string()
                            })
                            .weak(),
                        );
                        info::zone_details(ui, &w.session, u, t);
                    }
                    None => {
                        ui.label(egui::RichText::new(t.hint_edit).weak());
                    }
                }
                ui.separator();
                action = team_panel::show(ui, w, t, panel);
            });
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
                let _ = w.apply(e, lang);
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
                for &c in &m.unassigned_cells {
                    hatch[c] = Some(Color32::from_rgb(90, 90, 90));
                }
                for st in &m.teams {
                    for comp in st.components.iter().skip(1) {
                        for &c in comp {
                            hatch[c] = Some(Color32::from_rgb(200, 0, 0));
                        }
                    }
                }
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
                    text_scale: 1.0,
                    ghost,
                    select_rect,
                };
                let buttons = if editing {
                    egui::DragPanButtons::empty()
                } else {
                    egui::DragPanButtons::PRIMARY | egui::DragPanButtons::MIDDLE
                };
                let inner = Map::new(tiles, &mut w.memory, lon_lat(center.0, center.1))
                    .zoom_with_ctrl(false)
                    .drag_pan_buttons(buttons)
                    .show(ui, |ui, response, projector, _memory| {
                        MapView::draw(ui, response, projector, &input)
                    });
                let out = inner.inner;
                w.last_transform = out.transform;
                w.map_rect = Some(inner.response.rect);
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
                    let session = &w.session;
                    inner.response.on_hover_ui_at_pointer(|ui| {
                        info::zone_details(ui, session, unit, t);
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
                        ui.label(format!("{} » {}", names.join(", "), target));
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
                    ui.label(format!("{zones} {}", t.delete_explain));
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
    }
}

impl eframe::App for GebiedsApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }
}

/// Start the window. Returns the process exit code.
pub fn run(args: Args) -> i32 {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Gebiedsplanner")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([800.0, 500.0]),
        ..Default::default()
    };
    let no_tiles = args.no_tiles;
    let result = eframe::run_native(
        "Gebiedsplanner",
        options,
        Box::new(move |cc| {
            let mut settings: Settings = cc
                .storage
                .and_then(|s| eframe::get_value(s, SETTINGS_KEY))
                .unwrap_or_default();
            if let Some(e) = args.edition {
                settings.edition = e;
            }
            if args.lang_given {
                settings.lang = args.lang;
            }
            let mut app =
                GebiedsApp::headless(settings, args.data.clone(), Box::new(SystemDialogs));
            app.tiles_allowed = !no_tiles;
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("gebiedsplanner: cannot open the window: {e}");
            1
        }
    }
}
