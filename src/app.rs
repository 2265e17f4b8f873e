//! The eframe application: owns the state, shows the panels, applies what they ask for.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};

use egui::Color32;
use walkers::{HttpOptions, HttpTiles, Map, MapMemory, lon_lat};

use crate::cli::Args;
use crate::data::{self, Discovery};
use crate::i18n::{self, Lang};
use crate::map::MapGeometry;
use crate::map::layers::{Layers, TileChoice};
use crate::map::view::{MapInput, MapOutput, MapView};
use crate::model::atlas::Edition;
use crate::model::geom;
use crate::session::Session;
use crate::ui::data_screen::{self, DataScreenAction};
use crate::ui::dialogs::{FileDialogs, SystemDialogs};
use crate::ui::team_panel::{self, TeamPanelAction};
use crate::ui::{about, info};

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

/// A loaded data set with its map state.
pub struct Workspace {
    pub session: Session,
    pub geometry: MapGeometry,
    pub memory: MapMemory,
    pub selected_unit: Option<usize>,
    pub hovered_cell: Option<usize>,
    cell_team: Vec<Option<usize>>,
    cell_fill: Vec<Color32>,
    fitted: bool,
}

impl Workspace {
    pub fn new(session: Session, layers: &Layers) -> Workspace {
        let geometry = MapGeometry::build(&session.atlas);
        let mut w = Workspace {
            session,
            geometry,
            memory: MapMemory::default(),
            selected_unit: None,
            hovered_cell: None,
            cell_team: Vec::new(),
            cell_fill: Vec::new(),
            fitted: false,
        };
        w.refresh_colours(layers);
        w
    }

    /// Recompute the per-cell team and fill colour after the scenario or layers changed.
    pub fn refresh_colours(&mut self, layers: &Layers) {
        let atlas = &self.session.atlas;
        self.cell_team = self.session.scenario.cell_teams(atlas);
        let alpha = (layers.fill_opacity.clamp(0.0, 1.0) * 255.0) as u8;
        self.cell_fill = self
            .cell_team
            .iter()
            .map(|t| match t {
                Some(t) => {
                    let c = self.session.scenario.teams[*t].colour;
                    Color32::from_rgba_unmultiplied(c[0], c[1], c[2], alpha)
                }
                None => Color32::from_rgba_unmultiplied(200, 200, 200, alpha / 2),
            })
            .collect();
    }

    /// Centre and zoom so that a Mercator box fills the given screen size.
    pub fn fit(&mut self, bbox: geom::BBox, size: egui::Vec2) {
        let c = bbox.center();
        let (lon, lat) = geom::from_merc(c);
        self.memory.center_at(lon_lat(lon, lat));
        let zx = (size.x as f64 / (bbox.width().max(1e-9) * 256.0)).log2();
        let zy = (size.y as f64 / (bbox.height().max(1e-9) * 256.0)).log2();
        let z = (zx.min(zy) - 0.1).clamp(2.0, 17.0);
        let _ = self.memory.set_zoom((z * 4.0).floor() / 4.0);
    }

    pub fn map_output(&self) -> MapOutput {
        MapOutput {
            hovered_cell: self.hovered_cell,
            clicked_cell: None,
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
                        let layers = self.settings.layers.clone();
                        if let Some(w) = self.workspace_mut() {
                            w.refresh_colours(&layers);
                        }
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
            Screen::Loaded(w) => {
                let mut action = TeamPanelAction::None;
                egui::Panel::right("side")
                    .resizable(true)
                    .default_size(340.0)
                    .show(ui, |ui| {
                        if let Some(u) = w.selected_unit {
                            ui.label(egui::RichText::new(t.selected).weak());
                            info::zone_details(ui, &w.session, u, t);
                            ui.separator();
                        } else {
                            ui.label(egui::RichText::new(t.nothing_selected).weak());
                            ui.separator();
                        }
                        action = team_panel::show(ui, &w.session, t, w.selected_unit);
                    });
                if let TeamPanelAction::SelectUnit(u) = action {
                    w.selected_unit = Some(u);
                }
                let layers = self.settings.layers.clone();
                let tiles = if layers.tiles == TileChoice::None {
                    None
                } else {
                    self.tiles.as_mut().map(|t| t as &mut dyn walkers::Tiles)
                };
                let mut view = None;
                egui::CentralPanel::default()
                    .frame(egui::Frame::new().fill(Color32::from_rgb(236, 236, 232)))
                    .show(ui, |ui| {
                        view = show_map(ui, w, tiles, &layers, t);
                    });
                if view.is_some() {
                    self.settings.view = view;
                }
            }
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

/// The map with its tooltip; returns the view to remember.
fn show_map(
    ui: &mut egui::Ui,
    w: &mut Workspace,
    tiles: Option<&mut dyn walkers::Tiles>,
    layers: &Layers,
    t: &i18n::Texts,
) -> Option<(f64, f64, f64)> {
    if !w.fitted {
        let size = ui.available_size();
        w.fit(w.session.atlas.bbox, size);
        w.fitted = true;
    }
    let center = geom::from_merc(w.session.atlas.bbox.center());
    let Workspace {
        session,
        geometry,
        memory,
        selected_unit,
        cell_team,
        cell_fill,
        ..
    } = w;
    let input = MapInput {
        atlas: &session.atlas,
        geometry,
        cell_fill,
        cell_team,
        selected_unit: *selected_unit,
        layers,
        text_scale: 1.0,
    };
    let inner = Map::new(tiles, memory, lon_lat(center.0, center.1))
        .zoom_with_ctrl(false)
        .show(ui, |ui, response, projector, _memory| {
            MapView::draw(ui, response, projector, &input)
        });
    let out = inner.inner;
    w.hovered_cell = out.hovered_cell;
    if let Some(c) = out.clicked_cell {
        w.selected_unit = Some(w.session.atlas.cells[c].unit);
    } else if inner.response.clicked() {
        w.selected_unit = None;
    }
    if let Some(c) = out.hovered_cell {
        let unit = w.session.atlas.cells[c].unit;
        let session = &w.session;
        inner.response.on_hover_ui_at_pointer(|ui| {
            info::zone_details(ui, session, unit, t);
        });
    }
    let pos = w.memory.detached().unwrap_or(lon_lat(center.0, center.1));
    Some((pos.x(), pos.y(), w.memory.zoom()))
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
            // A light theme reads better on a projector.
            cc.egui_ctx.set_theme(egui::Theme::Light);
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
