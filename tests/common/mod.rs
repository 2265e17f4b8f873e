//! Shared helpers for the tests on the real data (the set built into the program).
#![allow(dead_code)]

use std::process::Command;
use std::sync::OnceLock;

use gebiedsplanner::data::DataSource;
use gebiedsplanner::document::Document;
use gebiedsplanner::model::atlas::Edition;

/// The data the tests run on: the set built into the program.
pub fn data() -> DataSource {
    DataSource::BuiltIn
}

/// The real data, loaded once for all tests.
pub fn dataset(edition: Edition) -> &'static std::sync::Arc<gebiedsplanner::dataset::Dataset> {
    &doc(edition).data
}

/// A document on the default division of the real data, loaded once for all tests.
pub fn doc(edition: Edition) -> &'static Document {
    static S2025: OnceLock<Document> = OnceLock::new();
    static S2019: OnceLock<Document> = OnceLock::new();
    let cell = match edition {
        Edition::M2025 => &S2025,
        Edition::M2019 => &S2019,
    };
    cell.get_or_init(|| Document::load(&data(), edition).expect("the built-in data loads"))
}

/// A data folder in a temporary directory, made of the files of the built-in set: for the
/// tests of a data folder, and to damage one file in a test.
pub fn data_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temp dir");
    DataSource::write_built_in_to(tmp.path()).expect("copy the built-in data");
    tmp
}

/// The program, run as on a machine with no data folder anywhere: in an empty folder, without
/// `$GEBIEDSPLANNER_DATA`, with an empty user data folder. Returns the command and the folder
/// it runs in (kept while the command is used).
pub fn program() -> (Command, tempfile::TempDir) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gebiedsplanner"));
    cmd.current_dir(tmp.path())
        .env_remove("GEBIEDSPLANNER_DATA")
        .env("XDG_DATA_HOME", tmp.path().join("user-data"))
        .env("HOME", tmp.path());
    (cmd, tmp)
}

/// The whole window in a headless harness of `size`, before its first frame.
pub fn harness(
    app: gebiedsplanner::app::GebiedsApp,
    size: egui::Vec2,
) -> egui_kittest::Harness<'static, gebiedsplanner::app::GebiedsApp> {
    egui_kittest::Harness::builder()
        .with_size(size)
        .build_ui_state(
            |ui, app: &mut gebiedsplanner::app::GebiedsApp| app.show(ui),
            app,
        )
}

/// The window at 1280x800, after the data has loaded and the frames that lay it out.
pub fn window(
    app: gebiedsplanner::app::GebiedsApp,
) -> egui_kittest::Harness<'static, gebiedsplanner::app::GebiedsApp> {
    let mut h = harness(app, egui::vec2(1280.0, 800.0));
    settle(&mut h);
    h.run_steps(3);
    h
}

/// Run frames until the data folder has loaded and every file being read has arrived (a
/// data folder and a large file are read on threads of their own), at most a minute.
pub fn settle(h: &mut egui_kittest::Harness<'_, gebiedsplanner::app::GebiedsApp>) {
    let start = std::time::Instant::now();
    while h.state().is_busy() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(60),
            "still loading after a minute"
        );
        std::thread::sleep(std::time::Duration::from_millis(2));
        h.step();
    }
    h.step();
}

/// The window at 1280x800 on the built-in data with these folders for recovery and saving,
/// and no system file dialogs.
pub fn window_with(
    paths: gebiedsplanner::app::AppPaths,
) -> egui_kittest::Harness<'static, gebiedsplanner::app::GebiedsApp> {
    window(gebiedsplanner::app::GebiedsApp::with_paths(
        gebiedsplanner::app::Settings::default(),
        None,
        Box::new(gebiedsplanner::ui::dialogs::ScriptedDialogs::default()),
        paths,
    ))
}

/// Take the zone Gent (elz13) away from its team, as the editor does.
pub fn unassign_gent(h: &mut egui_kittest::Harness<'_, gebiedsplanner::app::GebiedsApp>) {
    let w = h.state().workspace().expect("ws");
    let gent = w.doc.data.atlas.unit_by_code("elz13").expect("gent");
    h.state_mut()
        .push(gebiedsplanner::app::Command::SelectZone(gent));
    h.state_mut()
        .push(gebiedsplanner::app::Command::AssignSelection(None));
    h.run_steps(2);
}

/// A data folder as the loaders read it.
pub fn folder(dir: &std::path::Path) -> DataSource {
    DataSource::Folder(dir.to_path_buf())
}

/// Let the window run until the reference layer it is reading is there (at most 20 s).
pub fn wait_for_reference(h: &mut egui_kittest::Harness<'_, gebiedsplanner::app::GebiedsApp>) {
    for _ in 0..2000 {
        h.step();
        if !h.state().reference_loading() {
            h.run_steps(1);
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the reference layer was still being read after 20 s");
}

/// A click at `p` as a pointer makes it: move there, press, release.
pub fn click_at(h: &mut egui_kittest::Harness<'_, gebiedsplanner::app::GebiedsApp>, p: egui::Pos2) {
    h.hover_at(p);
    h.run_steps(1);
    h.drag_at(p);
    h.run_steps(1);
    h.drop_at(p);
    h.run_steps(2);
}

/// Press at `from` and move in eight steps to `to`, the button still down.
pub fn drag_through(
    h: &mut egui_kittest::Harness<'_, gebiedsplanner::app::GebiedsApp>,
    from: egui::Pos2,
    to: egui::Pos2,
) {
    h.drag_at(from);
    h.run_steps(1);
    for k in 1..=8 {
        h.hover_at(from + (to - from) * (k as f32 / 8.0));
        h.run_steps(1);
    }
}

/// Queue a key press with its modifiers held, so that the next step ends on the frame of the
/// press (kittest's own key helpers end on the frame that lets the modifiers go). Let go with
/// `key_up_modifiers`.
pub fn press_and_hold(
    h: &egui_kittest::Harness<'_, gebiedsplanner::app::GebiedsApp>,
    modifiers: egui::Modifiers,
    key: egui::Key,
) {
    h.event(egui::Event::ModifiersChanged(modifiers));
    h.event(egui::Event::Key {
        key,
        pressed: true,
        modifiers,
        repeat: false,
        physical_key: None,
    });
}

/// What the last frame asked of the main window (close, resize, title).
pub fn viewport_commands(
    h: &egui_kittest::Harness<'_, gebiedsplanner::app::GebiedsApp>,
) -> Vec<egui::ViewportCommand> {
    h.output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .map(|v| v.commands.clone())
        .unwrap_or_default()
}

/// The system asks the main window to close (its close button, or Ctrl+Q's request).
pub fn request_close(h: &mut egui_kittest::Harness<'_, gebiedsplanner::app::GebiedsApp>) {
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
}
