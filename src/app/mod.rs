//! The eframe application: owns the state, shows the panels, applies what they ask for.

mod apply;
pub mod background;
pub mod command;
mod desk;
mod files;
mod layout;
mod menus;
mod merge_ui;
mod presentation;
pub mod propose_window;
pub mod reference_load;
mod scenario_ui;
mod search_ui;
mod second_screen;
mod workspace_ui;

use std::path::PathBuf;
use std::sync::Arc;

use crate::cli::Args;
use crate::data::{self, Discovery};
use crate::dataset::Dataset;
use crate::document::Document;
use crate::i18n::{self, Lang};
use crate::map::layers::{Layers, TileChoice};
use crate::map::tiles::{Fetching, ReliableTiles, TileHealth, Timing, UrlSource};
use crate::model::atlas::Edition;
use crate::model::ids::TeamId;
use crate::ui::about;
use crate::ui::data_screen::{self, DataScreenAction};
use crate::ui::dialogs::{FileDialogs, SystemDialogs};
use crate::ui::team_panel::TeamPanelState;
use crate::workspace::Workspace;

pub use apply::Notice;
pub use background::Loader;
pub use command::{Command, UiCommand};
pub use files::{Pending, recovery_files};
pub use layout::FrameLayout;
pub use presentation::REGION_KEYS;

const SETTINGS_KEY: &str = "gebiedsplanner-settings";

/// The part of the map the window's map exports and report show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MapExtent {
    /// The scenario's IROJ region, or all of Flanders and Brussels when it has none.
    #[default]
    AsScenario,
    /// All of Flanders and Brussels.
    All,
    Region(crate::model::region::Region),
}

impl MapExtent {
    /// The region shown for a scenario scoped to `scenario_region` (None: everything).
    pub fn region(
        self,
        scenario_region: Option<crate::model::region::Region>,
    ) -> Option<crate::model::region::Region> {
        match self {
            MapExtent::AsScenario => scenario_region,
            MapExtent::All => None,
            MapExtent::Region(r) => Some(r),
        }
    }
}

/// What is remembered between runs.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Settings {
    pub lang: Lang,
    pub layers: Layers,
    /// A data folder the user picked.
    pub data_dir: Option<PathBuf>,
    pub edition: Edition,
    /// Recently opened or saved scenario files, newest first.
    pub recent: Vec<PathBuf>,
    /// Scenario files open at the last exit, reopened at start.
    pub open_files: Vec<PathBuf>,
    /// The team list shows one line per team.
    pub compact_teams: bool,
    /// The page of a map export; None: A4 for a PDF, a 16:9 slide for an image.
    pub export_page: Option<crate::export::image::Page>,
    /// The size of text and controls the user chose (Ctrl + and Ctrl −), outside the
    /// presentation: a window closed while presenting opens again at this size.
    pub ui_zoom: f32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lang: Lang::Nl,
            layers: Layers::default(),
            data_dir: None,
            edition: Edition::M2025,
            recent: Vec::new(),
            open_files: Vec::new(),
            compact_teams: false,
            export_page: None,
            ui_zoom: 1.0,
        }
    }
}

/// The open scenarios, one per tab.
pub struct Tabs {
    pub list: Vec<Workspace>,
    pub active: usize,
}

pub enum Screen {
    Loaded(Tabs),
    NeedData {
        discovery: Discovery,
        error: Option<String>,
    },
    /// The data is being read on a thread of its own.
    Loading(background::Loading),
}

/// State of the base map connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TileStatus {
    Off,
    Checking,
    Online,
    /// Tiles take long to arrive.
    Slow,
    /// The tile server cannot be reached.
    Offline,
    /// The server answers, but not with tiles.
    Errors,
    /// The base map is a PMTiles file on disk.
    LocalFile,
}

/// Where the app keeps files of its own. Tests give temporary folders or none.
#[derive(Clone, Debug, Default)]
pub struct AppPaths {
    /// Autosave and crash recovery; None: no autosave.
    pub recovery: Option<PathBuf>,
    /// Ctrl+S on a scenario without a file saves here instead of asking (`--save-path`).
    pub save_path: Option<PathBuf>,
}

/// A message for the user in a window of its own.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    pub title: String,
    pub body: String,
}

pub struct GebiedsApp {
    pub settings: Settings,
    pub screen: Screen,
    tiles: Option<ReliableTiles>,
    /// The offline base map, once a PMTiles file was chosen and read.
    offline_tiles: Option<crate::map::offline_tiles::OfflineTiles>,
    /// The style `tiles` was made for.
    tiles_choice: TileChoice,
    tiles_allowed: bool,
    /// Tile server URL template (`--tile-url`); OpenStreetMap when None.
    tile_url: Option<String>,
    dialogs: Box<dyn FileDialogs>,
    /// The part of the map the exports show (File > Gebied van de kaart).
    pub export_extent: MapExtent,
    cli_data: Option<PathBuf>,
    pub paths: AppPaths,
    pub show_about: bool,
    panel: TeamPanelState,
    /// A team waiting for the user to confirm its deletion.
    confirm_delete: Option<TeamId>,
    /// The "move to team" list opened with Ctrl+M, at this screen position.
    move_popup: Option<egui::Pos2>,
    /// Start of a rectangle selection (shift + drag), on screen.
    rect_start: Option<egui::Pos2>,
    /// Where the map and the team rows of the active tab were in the last frame.
    layout: FrameLayout,
    theme_set: bool,
    /// Messages shown until closed, the first on top (none is lost when several come).
    messages: Vec<Message>,
    /// A short line over the map, and when it was first shown (seconds, egui time).
    toast: Option<(String, Option<f64>)>,
    /// What the user asked for in this frame, applied after the panels have drawn.
    commands: Vec<Command>,
    pub show_shortcuts: bool,
    /// An action waiting for the user to decide about unsaved changes.
    pub pending: Option<Pending>,
    /// Recovery files found at start (each read once), offered for restoring.
    pub recovery_offer: Vec<crate::data::recovery::Found>,
    /// The last autosave failed and the user was told; told again only after a success.
    autosave_failing: bool,
    /// Set once the user agreed to quit.
    allow_close: bool,
    last_autosave: f64,
    window_title: String,
    /// The layer panel is open.
    pub show_layers: bool,
    /// Presentation mode: fullscreen, no editing controls, large text.
    pub presentation: bool,
    /// The region shown in presentation mode (0: everything).
    pub region: Option<usize>,
    /// The team strip and the key legend of the presentation.
    present: presentation::PresentUi,
    /// The second window, for the projector (F6).
    second_screen: Option<second_screen::SecondScreen>,
    /// The map view before presentation mode, restored when it ends.
    view_before_presentation: Option<crate::workspace::TabView>,
    /// The historic team whose card is open.
    pub historic_card: Option<TeamId>,
    /// The Proeftuin whose card is open.
    pub proeftuin_card: Option<usize>,
    /// Text in the search box.
    pub search_text: String,
    /// A user's own reference layer, its label field, and whether it shows.
    pub reference: Option<(
        Arc<crate::map::reference_view::ReferenceDrawing>,
        Option<String>,
        bool,
    )>,
    /// A reference layer being read on its own thread.
    reference_load: Option<reference_load::ReferenceLoad>,
    /// How the data is read; None: `Dataset::load_with_overlays`, the built-in set at once, a folder on a
    /// thread of its own.
    loader: Option<Loader>,
    /// For the workers to ask for a frame when they have news.
    repaint: background::Repaint,
    /// Files being read on threads of their own.
    reads: Vec<background::Reading>,
    /// Files asked for while the data loads, opened when it is there.
    after_load: Vec<Command>,
    /// `GEBIEDSPLANNER_E2E_POSITIONS`: a file to write screen positions to, for the end-to-end
    /// test that drives the window with xdotool; and what was written last.
    positions_file: Option<(PathBuf, String)>,
    /// A dropped CSV file waiting for the user to say what it holds.
    pub csv_question: Option<PathBuf>,
    /// The indicator table read last, for picking another of its columns.
    indicator_table: Option<desk::LoadedTable>,
    /// The user chose the built-in data on the first-run screen: a data folder given with
    /// `$GEBIEDSPLANNER_DATA` no longer counts in this run.
    built_in_data: bool,
    /// Region proposals being merged (File > Merge proposals).
    pub merge: Option<merge_ui::MergeState>,
    /// The "Voorstel" window and its search.
    pub propose: propose_window::ProposeState,
    /// The properties dialog, the team details window and the guide.
    scenario_ui: scenario_ui::ScenarioUiState,
}

impl GebiedsApp {
    /// An app without tiles or system dialogs, for tests and headless use.
    pub fn headless(
        settings: Settings,
        cli_data: Option<PathBuf>,
        dialogs: Box<dyn FileDialogs>,
    ) -> GebiedsApp {
        Self::with_paths(settings, cli_data, dialogs, AppPaths::default())
    }

    pub fn with_paths(
        settings: Settings,
        cli_data: Option<PathBuf>,
        dialogs: Box<dyn FileDialogs>,
        paths: AppPaths,
    ) -> GebiedsApp {
        Self::with_loader(settings, cli_data, dialogs, paths, None)
    }

    /// As `with_paths`, with the data read by `loader` (on a thread of its own) when given.
    pub fn with_loader(
        settings: Settings,
        cli_data: Option<PathBuf>,
        dialogs: Box<dyn FileDialogs>,
        paths: AppPaths,
        loader: Option<Loader>,
    ) -> GebiedsApp {
        let panel = TeamPanelState {
            compact: settings.compact_teams,
            ..TeamPanelState::default()
        };
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
            offline_tiles: None,
            tiles_choice: TileChoice::None,
            tiles_allowed: false,
            tile_url: None,
            dialogs,
            export_extent: MapExtent::default(),
            cli_data,
            paths,
            show_about: false,
            panel,
            confirm_delete: None,
            move_popup: None,
            rect_start: None,
            layout: FrameLayout::default(),
            theme_set: false,
            messages: Vec::new(),
            toast: None,
            commands: Vec::new(),
            show_shortcuts: false,
            pending: None,
            recovery_offer: Vec::new(),
            autosave_failing: false,
            allow_close: false,
            last_autosave: 0.0,
            window_title: String::new(),
            show_layers: false,
            presentation: false,
            region: None,
            present: presentation::PresentUi::default(),
            second_screen: None,
            view_before_presentation: None,
            historic_card: None,
            proeftuin_card: None,
            search_text: String::new(),
            reference: None,
            merge: None,
            reference_load: None,
            loader,
            repaint: background::Repaint::default(),
            reads: Vec::new(),
            after_load: Vec::new(),
            positions_file: std::env::var_os("GEBIEDSPLANNER_E2E_POSITIONS")
                .map(|p| (PathBuf::from(p), String::new())),
            csv_question: None,
            indicator_table: None,
            built_in_data: false,
            propose: propose_window::ProposeState::default(),
            scenario_ui: scenario_ui::ScenarioUiState::default(),
        };
        app.load();
        if let Some(dir) = &app.paths.recovery {
            app.recovery_offer = crate::data::recovery::scan(dir);
        }
        app
    }

    /// Find the data folder and load it: the built-in set at once (it is in the program and
    /// reads in a moment), a folder on a thread of its own while the loading screen shows.
    pub fn load(&mut self) {
        let env = std::env::var("GEBIEDSPLANNER_DATA").ok();
        let edition = self.settings.edition;
        let explicit = self
            .cli_data
            .clone()
            .or_else(|| self.settings.data_dir.clone());
        let discovery = if self.built_in_data && explicit.is_none() {
            Discovery {
                candidates: Vec::new(),
                chosen: Some(data::DataSource::BuiltIn),
            }
        } else {
            data::discover(explicit.as_deref(), env.as_deref(), edition)
        };
        let Some(dir) = discovery.chosen.clone() else {
            self.screen = Screen::NeedData {
                discovery,
                error: None,
            };
            return;
        };
        match &self.loader {
            None if dir.is_built_in() => {
                let loaded = Dataset::load_with_overlays(&dir, edition);
                self.data_arrived(discovery, loaded);
            }
            loader => {
                let loader = loader
                    .clone()
                    .unwrap_or_else(|| Arc::new(Dataset::load_with_overlays));
                self.screen = Screen::Loading(background::Loading::start(
                    dir,
                    edition,
                    discovery,
                    loader,
                    &self.repaint,
                ));
            }
        }
    }

    /// The data is there (or could not be read): start on it, or show the data screen with
    /// the error. Reopens the scenario files of the last run (a file that vanished is
    /// reported, not fatal) and then those asked for while it loaded.
    fn data_arrived(
        &mut self,
        discovery: Discovery,
        loaded: Result<Arc<Dataset>, crate::data::DataError>,
    ) {
        match loaded {
            Ok(data) => {
                if !data.overlays().errors.is_empty() {
                    let t = i18n::texts(self.settings.lang);
                    self.tell(t.overlay_error, data.overlays().errors.join("\n"));
                }
                let w = Workspace::new(Document::default_division(data), &self.settings.layers);
                self.screen = Screen::Loaded(Tabs {
                    list: vec![w],
                    active: 0,
                });
                let files = std::mem::take(&mut self.settings.open_files);
                let mut missing = Vec::new();
                for f in files {
                    if f.is_file() {
                        self.open_path(&f);
                    } else {
                        missing.push(f.display().to_string());
                    }
                }
                if !missing.is_empty() {
                    let t = i18n::texts(self.settings.lang);
                    self.tell(t.file_missing, missing.join("\n"));
                }
                let waiting = std::mem::take(&mut self.after_load);
                self.commands.extend(waiting);
            }
            Err(e) => {
                self.screen = Screen::NeedData {
                    discovery,
                    error: Some(e.to_string()),
                }
            }
        }
    }

    pub fn tabs(&self) -> Option<&Tabs> {
        match &self.screen {
            Screen::Loaded(t) => Some(t),
            Screen::NeedData { .. } | Screen::Loading(_) => None,
        }
    }

    pub fn tabs_mut(&mut self) -> Option<&mut Tabs> {
        match &mut self.screen {
            Screen::Loaded(t) => Some(t),
            Screen::NeedData { .. } | Screen::Loading(_) => None,
        }
    }

    /// The scenario being edited.
    pub fn workspace(&self) -> Option<&Workspace> {
        self.tabs().and_then(|t| t.list.get(t.active))
    }

    pub fn workspace_mut(&mut self) -> Option<&mut Workspace> {
        self.tabs_mut().and_then(|t| t.list.get_mut(t.active))
    }

    /// Where the map and the team rows of the active tab were in the last frame.
    pub fn layout(&self) -> &FrameLayout {
        &self.layout
    }

    fn enable_tiles(&mut self, ctx: &egui::Context) {
        let choice = self.settings.layers.tiles;
        if choice == TileChoice::Offline {
            self.enable_offline_tiles(ctx);
            return;
        }
        if !self.tiles_allowed || choice == TileChoice::None {
            return;
        }
        if self.tiles.is_some() && self.tiles_choice == choice {
            return;
        }
        let cache = dirs::cache_dir().map(|d| d.join("gebiedsplanner").join("tiles"));
        let fetching = Fetching {
            cache,
            user_agent: Some(walkers::HeaderValue::from_static(concat!(
                "Gebiedsplanner/",
                env!("CARGO_PKG_VERSION"),
                " (desktop planning app for youth care in Flanders)"
            ))),
        };
        let source = match (&self.tile_url, choice) {
            (Some(t), _) => UrlSource {
                template: t.clone(),
                ..UrlSource::openstreetmap()
            },
            (None, TileChoice::Light) => UrlSource {
                template: "https://basemaps.cartocdn.com/light_all/{z}/{x}/{y}.png".into(),
                attribution: "OpenStreetMap contributors, CARTO",
                attribution_url: "https://carto.com/attributions",
                ..UrlSource::openstreetmap()
            },
            (None, _) => UrlSource::openstreetmap(),
        };
        self.tiles = Some(ReliableTiles::new(
            source,
            fetching,
            Timing::default(),
            ctx.clone(),
        ));
        self.tiles_choice = choice;
    }

    /// The offline base map of the settings (a file chosen in an earlier run), read when it is
    /// first needed. A file that is gone or broken is reported once, and the base map falls
    /// back to the online one (or none).
    fn enable_offline_tiles(&mut self, ctx: &egui::Context) {
        let wanted = self.settings.layers.offline_tiles.clone();
        if self.offline_tiles.as_ref().map(|o| &o.info.path) == wanted.as_ref()
            && self.offline_tiles.is_some()
        {
            return;
        }
        let Some(path) = wanted else {
            self.settings.layers.tiles = TileChoice::Osm;
            return;
        };
        self.use_offline_tiles(ctx, &path);
    }

    /// Make the PMTiles file at `path` the base map; a file that cannot be one is reported
    /// and the base map stays as it was (the online one, or none, when it was this file).
    pub(super) fn use_offline_tiles(&mut self, ctx: &egui::Context, path: &std::path::Path) {
        match crate::map::offline_tiles::inspect(path) {
            Ok(info) => {
                self.offline_tiles = Some(crate::map::offline_tiles::OfflineTiles::new(info, ctx));
                self.settings.layers.offline_tiles = Some(path.to_path_buf());
                self.settings.layers.tiles = TileChoice::Offline;
            }
            Err(e) => {
                let t = i18n::texts(self.settings.lang);
                self.tell(
                    t.open_failed,
                    i18n::tiles_file_error(self.settings.lang, &e),
                );
                if self.settings.layers.tiles == TileChoice::Offline {
                    self.offline_tiles = None;
                    self.settings.layers.offline_tiles = None;
                    self.settings.layers.tiles = TileChoice::Osm;
                }
            }
        }
    }

    /// The name and attribution of the offline base map in use, if it is in use.
    pub fn offline_tiles_info(&self) -> Option<&crate::map::offline_tiles::PmTilesInfo> {
        self.offline_tiles
            .as_ref()
            .filter(|_| self.settings.layers.tiles == TileChoice::Offline)
            .map(|o| &o.info)
    }

    /// Load base map tiles from `template` (None: OpenStreetMap), starting afresh.
    pub fn use_tile_server(&mut self, template: Option<String>) {
        self.tile_url = template;
        self.tiles_allowed = true;
        self.tiles = None;
    }

    pub fn tile_status(&self) -> TileStatus {
        match self.settings.layers.tiles {
            TileChoice::None => return TileStatus::Off,
            TileChoice::Offline if self.offline_tiles.is_some() => return TileStatus::LocalFile,
            TileChoice::Offline => return TileStatus::Off,
            TileChoice::Osm | TileChoice::Light => {}
        }
        match self
            .tiles
            .as_ref()
            .map(super::map::tiles::ReliableTiles::health)
        {
            None => TileStatus::Off,
            Some(TileHealth::Connecting) => TileStatus::Checking,
            Some(TileHealth::Online) => TileStatus::Online,
            Some(TileHealth::Slow) => TileStatus::Slow,
            Some(TileHealth::Offline) => TileStatus::Offline,
            Some(TileHealth::Errors) => TileStatus::Errors,
        }
    }

    /// The whole UI, in one call (also used by the headless tests): input, panels, then the
    /// commands they pushed, applied in one place.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if !self.theme_set {
            // A light theme reads better on a projector.
            ctx.set_theme(egui::Theme::Light);
            // The user's own text size, not what egui kept of a presentation.
            ctx.set_zoom_factor(self.settings.ui_zoom.clamp(0.5, 3.0));
            // Ctrl+Q is the command table's Quit, which waits while a question is open and
            // asks about unsaved work; egui's own quit shortcut would close past both.
            ctx.options_mut(|o| o.quit_shortcuts.clear());
            self.theme_set = true;
        }
        if !self.presentation {
            self.settings.ui_zoom = ctx.zoom_factor();
        }
        self.enable_tiles(&ctx);
        self.poll_reference(&ctx);
        self.poll_background(&ctx);
        self.handle_close_request(&ctx);
        self.autosave(&ctx);
        // What the keys and the pointer ask for is applied before drawing, so that this frame
        // shows it; what a panel asks for, before the windows over it.
        self.keyboard(&ctx);
        self.dropped_files(&ctx);
        self.pointer_gestures(&ctx);
        self.poll_proposal(&ctx);
        self.apply_commands(&ctx);
        if self.presentation && self.workspace().is_some() {
            self.show_presentation(ui, &ctx);
        } else {
            self.menu_bar(ui);
            self.status_bar(ui);
            self.central(ui, &ctx);
        }
        self.apply_commands(&ctx);
        self.windows(&ctx);
        self.apply_commands(&ctx);
        self.show_second_screen(&ctx);
        self.apply_commands(&ctx);
        self.update_title(&ctx);
        self.write_positions(&ctx);
    }

    /// Whether a question or message waits for an answer: until then the window behind it
    /// takes no shortcuts and no gestures.
    pub(super) fn asking(&self) -> bool {
        self.message().is_some()
            || self.pending.is_some()
            || self.confirm_delete.is_some()
            || self.csv_question.is_some()
            || (!self.recovery_offer.is_empty() && matches!(self.screen, Screen::Loaded(_)))
    }

    /// The shortcuts of the command table, and the presentation keys while presenting.
    fn keyboard(&mut self, ctx: &egui::Context) {
        use command::Scope;
        if self.asking() {
            return;
        }
        let scope = match self.workspace() {
            None => Scope::Always,
            Some(_) if ctx.egui_wants_keyboard_input() => Scope::Document,
            Some(_) => Scope::Editor,
        };
        let pressed = UiCommand::pressed(ctx, scope);
        self.commands.extend(pressed);
        if self.presentation && scope == Scope::Editor {
            let keys = presentation::keys(ctx);
            self.commands.extend(keys);
        }
    }

    fn status_bar(&mut self, ui: &mut egui::Ui) {
        let status = self.status_line();
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(status);
                if let Some(load) = &self.reference_load {
                    let t = i18n::texts(self.settings.lang);
                    let name = load
                        .path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    ui.separator();
                    ui.spinner();
                    ui.label(format!("{}: {name}", t.reference_loading));
                    ui.add(
                        egui::ProgressBar::new(load.progress())
                            .desired_width(120.0)
                            .show_percentage(),
                    );
                }
                // The attribution of the base map in use: the offline file's own, else OSM's.
                let tiles = match self.offline_tiles_info() {
                    Some(i) if !i.attribution.is_empty() => i.attribution.clone(),
                    Some(_) => String::new(),
                    None => "© OpenStreetMap-bijdragers".to_string(),
                };
                let text = if tiles.is_empty() {
                    "© Statbel · provincies.incijfers.be".to_string()
                } else {
                    format!("© Statbel · provincies.incijfers.be · {tiles}")
                };
                self.background_status(ui);
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.small(text);
                });
            });
        });
    }

    /// The data screen, or the tabs and the open scenario.
    fn central(&mut self, ui: &mut egui::Ui, ctx: &egui::Context) {
        let t = i18n::texts(self.settings.lang);
        let (lang, edition) = (self.settings.lang, self.settings.edition);
        match &self.screen {
            Screen::NeedData { discovery, error } => {
                let mut action = DataScreenAction::None;
                egui::CentralPanel::default().show(ui, |ui| {
                    action = data_screen::show(ui, t, lang, edition, discovery, error.as_deref());
                });
                match action {
                    DataScreenAction::PickFolder => self.push(Command::PickDataFolder),
                    DataScreenAction::Retry => self.push(Command::ReloadData),
                    DataScreenAction::UseBuiltIn => self.push(Command::UseBuiltInData),
                    DataScreenAction::None => {}
                }
            }
            Screen::Loading(_) => self.loading_screen(ui),
            Screen::Loaded(_) => {
                self.tab_bar(ui);
                self.show_workspace(ui, ctx);
            }
        }
    }

    /// The windows over the main view.
    fn windows(&mut self, ctx: &egui::Context) {
        let t = i18n::texts(self.settings.lang);
        if self.show_about {
            let mut open = true;
            let data = self.workspace().map(|w| w.doc.data.source.clone());
            about::show(ctx, t, data.as_ref(), &mut open);
            if !open {
                self.push(Command::ShowAbout(false));
            }
        }
        self.shortcuts_window(ctx);
        self.scenario_windows(ctx);
        self.layers_window(ctx);
        self.merge_window(ctx);
        if !self.presentation {
            self.propose_window(ctx);
        }
        if !self.presentation {
            self.overlay_cards(ctx);
        }
        self.dialogs_ui(ctx);
        self.csv_question_ui(ctx);
    }

    /// Screen positions in physical pixels, relative to the window: the zone labels on the
    /// map (with their team) and the team rows of the side panel. Written when they change,
    /// so a test script can click and drag where a person would.
    fn write_positions(&mut self, ctx: &egui::Context) {
        let Some((path, last)) = &self.positions_file else {
            return;
        };
        let Some(w) = self.workspace() else { return };
        let layout = &self.layout;
        let (Some(map), Some(_)) = (layout.map_rect, layout.transform) else {
            return;
        };
        let ppp = ctx.pixels_per_point();
        let px = |p: egui::Pos2| format!("{:.0} {:.0}", p.x * ppp, p.y * ppp);
        let screen = ctx.content_rect();
        let mut out = format!("window {}\n", px(screen.max));
        let s = &w.doc;
        for (u, unit) in s.data.atlas.units.iter_enumerated() {
            if let Some(p) = layout
                .unit_screen_pos(w, u)
                .filter(|p| map.shrink(4.0).contains(*p))
            {
                let team = s.scenario.unit_team[u]
                    .and_then(|t| s.scenario.teams.get(t))
                    .map_or("-", |t| t.id.as_str());
                out.push_str(&format!("zone {} {} {team}\n", unit.code, px(p)));
            }
        }
        for (t, r) in &layout.team_rows {
            if let Some(team) = t.and_then(|t| s.scenario.teams.get(t)) {
                out.push_str(&format!("team {} {}\n", team.id, px(r.center())));
            }
        }
        if out != *last {
            let path = path.clone();
            if crate::data::atomic::write_atomic(&path, out.as_bytes()).is_ok()
                && let Some((_, last)) = &mut self.positions_file
            {
                *last = out;
            }
        }
    }

    /// Info cards of the overlays: a historic team, a Proeftuin.
    fn overlay_cards(&mut self, ctx: &egui::Context) {
        let t = i18n::texts(self.settings.lang);
        let Some(data) = self.workspace().map(|w| w.data().clone()) else {
            return;
        };
        let ov = data.overlays();
        if let Some(i) = self.historic_card
            && let Some(team) = ov.historic.teams.get(i)
        {
            let mut open = true;
            egui::Window::new(t.historic_card)
                .id(egui::Id::unique("historic_card"))
                .open(&mut open)
                .default_width(420.0)
                .show(ctx, |ui| {
                    ui.label(egui::RichText::new(&team.name).strong().size(16.0));
                    egui::Grid::new("historic_grid")
                        .num_columns(2)
                        .show(ui, |ui| {
                            ui.label(t.partners);
                            ui.label(
                                team.partners
                                    .map_or_else(|| t.unknown.into(), |p| p.to_string()),
                            );
                            ui.end_row();
                            ui.label(t.municipalities);
                            ui.label(team.municipalities.len().to_string());
                            ui.end_row();
                            ui.label(t.area_note);
                            ui.label(crate::ui::info::status_text(t, team.status));
                            ui.end_row();
                        });
                    if !team.area_note.is_empty() {
                        ui.label(&team.area_note);
                    }
                    ui.label(egui::RichText::new(t.sources).strong());
                    ui.label(egui::RichText::new(&team.source).small());
                });
            if !open {
                self.push(Command::HistoricCard(None));
            }
        }
        if let Some(i) = self.proeftuin_card
            && let Some(p) = ov.proeftuinen.get(i)
        {
            let (zone, team) = match self.workspace() {
                Some(w) => (
                    p.zone.map(|z| w.doc.data.atlas.units[z].name.clone()),
                    p.team(&w.doc.data.atlas, &w.doc.scenario)
                        .map(|tm| w.doc.scenario.teams[tm].name.clone()),
                ),
                None => (None, None),
            };
            let mut open = true;
            egui::Window::new(t.proeftuin_card)
                .id(egui::Id::unique("proeftuin_card"))
                .open(&mut open)
                .default_width(420.0)
                .show(ctx, |ui| {
                    ui.label(egui::RichText::new(p.title()).strong().size(16.0));
                    if p.approximate {
                        ui.label(egui::RichText::new(t.approximate).italics());
                    }
                    egui::Grid::new("proeftuin_grid")
                        .num_columns(2)
                        .show(ui, |ui| {
                            ui.label(t.period);
                            ui.label(format!("{} – {}", p.period.start_dmy(), p.period.end_dmy()));
                            ui.end_row();
                            ui.label(t.zone);
                            ui.label(zone.unwrap_or_default());
                            ui.end_row();
                            ui.label(t.team);
                            ui.label(team.unwrap_or_else(|| t.no_team.to_string()));
                            ui.end_row();
                        });
                    ui.label(egui::RichText::new(t.aims).strong());
                    ui.label(&p.aims);
                    ui.label(egui::RichText::new(t.actors).strong());
                    ui.label(&p.actors);
                    ui.label(egui::RichText::new(t.sources).strong());
                    ui.label(egui::RichText::new(&p.source).small());
                });
            if !open {
                self.push(Command::ProeftuinCard(None));
            }
        }
    }

    /// Start reading a reference layer (GeoJSON or shapefile) chosen by the user; it shows
    /// when it is read (`poll_reference`), and the window goes on meanwhile.
    pub fn open_reference(&mut self, ctx: Option<&egui::Context>, path: &std::path::Path) {
        self.reference_load = Some(reference_load::ReferenceLoad::start(path, ctx.cloned()));
    }

    /// Whether a reference layer is being read.
    pub fn reference_loading(&self) -> bool {
        self.reference_load.is_some()
    }

    /// Take the reference layer that finished reading, if any.
    fn poll_reference(&mut self, ctx: &egui::Context) {
        let Some(load) = &self.reference_load else {
            return;
        };
        let Some(loaded) = load.poll() else {
            // The progress shown in the status bar moves on.
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
            return;
        };
        self.reference_load = None;
        let t = i18n::texts(self.settings.lang);
        match loaded {
            Ok(drawing) => {
                let layer = &drawing.layer;
                let mut notes = Vec::new();
                if layer.crs != crate::data::reference::SourceCrs::Wgs84 {
                    notes.push(i18n::reprojected(t, layer.crs));
                }
                if !layer.skipped.is_empty() {
                    notes.push(format!("{} {}:", layer.skipped.len(), t.features_skipped));
                    // A file of thousands of broken features gives a message that fits on
                    // the screen.
                    notes.extend(layer.skipped_lines(50));
                }
                if !notes.is_empty() {
                    self.tell(
                        &format!("{}: {}", t.reference_layer, layer.name),
                        notes.join("\n"),
                    );
                }
                let field = layer.suggested_label_field().map(String::from);
                self.reference = Some((Arc::new(drawing), field, true));
                self.show_layers = true;
            }
            Err(e) => self.tell(t.open_failed, i18n::reference_error(self.settings.lang, &e)),
        }
    }

    /// Apply layer settings that the workspaces cache (fill opacity).
    fn layers_changed(&mut self) {
        let opacity = self.settings.layers.effective_fill_opacity();
        if let Some(tabs) = self.tabs_mut() {
            for w in &mut tabs.list {
                w.set_fill_opacity(opacity);
            }
        }
    }

    /// The layers window edits a copy of the layer settings and pushes it when it changed.
    fn layers_window(&mut self, ctx: &egui::Context) {
        if !self.show_layers {
            return;
        }
        let t = i18n::texts(self.settings.lang);
        let mut open = true;
        let mut layers = self.settings.layers.clone();
        let mut out = Vec::new();
        // One id in every language: the window keeps its place, and its layer under a question.
        egui::Window::new(t.layers)
            .id(egui::Id::unique("layers_window"))
            .open(&mut open)
            .resizable(false)
            .default_pos(egui::pos2(20.0, 120.0))
            .show(ctx, |ui| {
                let mut choose_file = false;
                if crate::ui::layers_panel::show(
                    ui,
                    &mut layers,
                    t,
                    self.tiles_allowed,
                    &mut choose_file,
                ) {
                    out.push(Command::SetLayers(Box::new(layers.clone())));
                }
                if choose_file {
                    out.push(Command::ChooseOfflineTiles);
                }
                if let Some((drawing, field, visible)) = &self.reference {
                    let layer = &drawing.layer;
                    let (mut field, mut visible) = (field.clone(), *visible);
                    ui.separator();
                    let mut changed = ui
                        .checkbox(
                            &mut visible,
                            format!("{}: {}", t.reference_layer, layer.name),
                        )
                        .changed();
                    egui::ComboBox::from_label(t.label_field)
                        .selected_text(field.clone().unwrap_or_else(|| "—".into()))
                        .show_ui(ui, |ui| {
                            changed |= ui.selectable_value(&mut field, None, "—").changed();
                            for name in &layer.property_names {
                                changed |= ui
                                    .selectable_value(&mut field, Some(name.clone()), name)
                                    .changed();
                            }
                        });
                    if changed {
                        out.push(Command::SetReference { field, visible });
                    }
                    if ui.button(t.remove).clicked() {
                        out.push(Command::RemoveReference);
                    }
                }
                self.indicator_layer_ui(ui, &mut out);
            });
        if !open {
            out.push(Command::ShowLayers(false));
        }
        self.commands.extend(out);
    }

    fn status_line(&self) -> String {
        let t = i18n::texts(self.settings.lang);
        let retry = self
            .tiles
            .as_ref()
            .and_then(super::map::tiles::ReliableTiles::retry_in)
            .map(|d| format!(" ({} {} s)", t.tiles_retry, d.as_secs() + 1))
            .unwrap_or_default();
        let tiles = match self.tile_status() {
            TileStatus::Off => t.tiles_none.to_string(),
            TileStatus::Checking => format!("{}: OpenStreetMap…", t.tiles),
            TileStatus::Online => format!("{}: OpenStreetMap", t.tiles),
            TileStatus::Slow => format!("{}: {}", t.tiles, t.tiles_slow),
            TileStatus::Offline => format!("{}{retry}", t.tiles_offline),
            TileStatus::Errors => format!("{}: {}{retry}", t.tiles, t.tiles_errors),
            TileStatus::LocalFile => format!(
                "{}: {} ({})",
                t.tiles,
                self.offline_tiles_info()
                    .map(|i| i.name.as_str())
                    .unwrap_or_default(),
                t.tiles_offline_file
            ),
        };
        match self.workspace() {
            Some(w) => format!(
                "{} · {} {} · {}",
                i18n::data_source(&w.doc.data.source, t),
                t.edition,
                w.doc.data.atlas.edition.label(),
                tiles
            ),
            None => tiles,
        }
    }

    fn pick_data_folder(&mut self) {
        let t = i18n::texts(self.settings.lang);
        let answer = self.dialogs.pick_folder(t.choose_data_folder);
        if let Some(dir) = self.dialog_answer(answer) {
            self.cli_data = None;
            self.settings.data_dir = Some(dir);
            self.remember_open_files();
            self.load();
        }
    }
}

impl eframe::App for GebiedsApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.remember_open_files();
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }
}

/// The user's folder for autosave and recovery files.
pub fn user_recovery_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("gebiedsplanner").join("recovery"))
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
    let tile_url = args.tile_url.clone();
    let tiles_file = args.tiles_file.clone();
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
            let paths = AppPaths {
                recovery: user_recovery_dir(),
                save_path: args.save_path.clone(),
            };
            let mut app = GebiedsApp::with_paths(
                settings,
                args.data.clone(),
                Box::new(SystemDialogs::default()),
                paths,
            );
            for f in &args.open {
                app.push(Command::OpenPath(f.clone()));
            }
            app.tiles_allowed = !no_tiles;
            app.tile_url = tile_url;
            // Checked with the first frame; a bad file is reported there and the app goes on
            // with the base map it had.
            if let Some(f) = tiles_file {
                app.push(Command::UseOfflineTiles(f));
            }
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
