//! The window while the data loads: it draws from the first frame (a loading screen naming
//! the file being read, step k of n), answers Ctrl+Q and the close button, shows the map when
//! the data is there and the same error as ever when it cannot be read; a large file opens
//! on a thread of its own, with a line in the status bar.

use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use crate::common;

use egui::{Key, Modifiers, ViewportCommand};
use egui_kittest::kittest::Queryable;
use gebiedsplanner::app::{AppPaths, Command, GebiedsApp, Loader, Settings};
use gebiedsplanner::data::DataSource;
use gebiedsplanner::dataset::Dataset;
use gebiedsplanner::model::atlas::Edition;
use gebiedsplanner::ui::dialogs::ScriptedDialogs;

/// A loader that reads the population table of the folder (as the real load does first) and
/// then waits for the test to let it go on, so the test sees the window while it loads.
fn held_loader() -> (Loader, mpsc::Sender<()>) {
    let (go, wait) = mpsc::channel::<()>();
    let wait = Arc::new(Mutex::new(wait));
    let loader: Loader = Arc::new(move |src: &DataSource, edition: Edition| {
        src.read_text("population_flanders_2021_by_agegroup.csv")?;
        // Let go by the test, or by its end (the sender dropped).
        let _ = wait.lock().expect("one load at a time").recv();
        Dataset::load_with_overlays(src, edition)
    });
    (loader, go)
}

fn app_on(folder: &std::path::Path, loader: Option<Loader>) -> GebiedsApp {
    GebiedsApp::with_loader(
        Settings::default(),
        Some(folder.to_path_buf()),
        Box::new(ScriptedDialogs::default()),
        AppPaths::default(),
        loader,
    )
}

#[test]
fn the_first_frame_shows_the_loading_screen_and_a_later_one_the_map() {
    let data = common::data_copy();
    let (loader, go) = held_loader();
    let mut h = common::harness(app_on(data.path(), Some(loader)), egui::vec2(1280.0, 800.0));
    // The frames so far drew the loading screen.
    h.get_by_label("Gegevens laden…");
    // Once the worker reads the file, the screen names it, with the step.
    let file = data.path().join("population_flanders_2021_by_agegroup.csv");
    let reading = format!(
        "Lezen: {} (stap 1 van {})",
        file.display(),
        Dataset::LOAD_STEPS + 1
    );
    let start = std::time::Instant::now();
    while h.query_by_label(&reading).is_none() {
        assert!(start.elapsed().as_secs() < 60, "no {reading}");
        std::thread::sleep(std::time::Duration::from_millis(2));
        h.step();
    }
    h.get_by_label("Gegevens laden…");
    assert!(h.state().workspace().is_none());
    assert!(h.state().is_busy());

    go.send(()).expect("the load waits");
    common::settle(&mut h);
    h.run_steps(2);
    assert!(h.query_by_label("Gegevens laden…").is_none());
    h.get_by_label("Teams");
    h.get_by_label("Samen1Plan Gent");
    h.get_by_label_contains(&format!("Gegevens: map {}", data.path().display()));
}

#[test]
fn the_real_load_of_a_folder_ends_on_the_map() {
    let data = common::data_copy();
    let mut h = common::harness(app_on(data.path(), None), egui::vec2(1280.0, 800.0));
    assert!(
        h.state().is_busy(),
        "a data folder loads on a thread of its own"
    );
    common::settle(&mut h);
    h.run_steps(2);
    h.get_by_label("Samen1Plan Gent");
}

#[test]
fn ctrl_q_and_the_close_button_close_the_window_while_it_loads() {
    let data = common::data_copy();
    let (loader, go) = held_loader();
    let mut h = common::harness(app_on(data.path(), Some(loader)), egui::vec2(1280.0, 800.0));
    h.get_by_label("Gegevens laden…");

    // Ctrl+Q asks the window to close, as it does when the data is there (one frame per
    // event, to see the frame of the key).
    common::press_and_hold(&h, Modifiers::COMMAND, Key::Q);
    h.step();
    assert!(
        common::viewport_commands(&h).contains(&ViewportCommand::Close),
        "{:?}",
        common::viewport_commands(&h)
    );
    h.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    h.step();

    // The system's close request (after Ctrl+Q, or the window's close button) is not held
    // back: nothing is unsaved while the data loads.
    common::request_close(&mut h);
    h.step();
    assert!(
        !common::viewport_commands(&h).contains(&ViewportCommand::CancelClose),
        "{:?}",
        common::viewport_commands(&h)
    );
    // All the while the load was held: the window never waited for it.
    assert!(h.state().is_busy());

    // The same request once the data is there and a change is unsaved is held back, to ask.
    go.send(()).expect("the load waits");
    common::settle(&mut h);
    common::unassign_gent(&mut h);
    common::request_close(&mut h);
    h.step();
    assert!(
        common::viewport_commands(&h).contains(&ViewportCommand::CancelClose),
        "{:?}",
        common::viewport_commands(&h)
    );
}

#[test]
fn a_folder_that_cannot_be_read_shows_the_same_error_as_before() {
    let data = common::data_copy();
    let table = data.path().join("population_flanders_2021_by_agegroup.csv");
    let text = std::fs::read_to_string(&table).expect("read");
    let mut lines: Vec<&str> = text.lines().collect();
    let row = lines[1].to_string();
    lines.push(&row);
    std::fs::write(&table, lines.join("\n")).expect("write");
    let expected = Dataset::load(&common::folder(data.path()), Edition::M2025)
        .err()
        .expect("a municipality listed twice is refused")
        .to_string();
    assert!(
        expected.contains("population_flanders_2021_by_agegroup.csv"),
        "{expected}"
    );

    let mut h = common::harness(app_on(data.path(), None), egui::vec2(1280.0, 800.0));
    common::settle(&mut h);
    h.run_steps(2);
    h.get_by_label("Gegevens niet gevonden");
    h.get_by_label("De gegevens konden niet gelezen worden:");
    h.get_by_label(&expected);
    assert!(h.state().workspace().is_none());
}

#[test]
fn a_file_asked_for_while_the_data_loads_opens_when_it_is_there() {
    let data = common::data_copy();
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("plan.json");
    let doc = common::doc(Edition::M2025);
    let file = gebiedsplanner::data::scenario_file::ScenarioFile::from_scenario(
        &doc.data.atlas,
        &doc.scenario,
    );
    gebiedsplanner::data::scenario_file::save(&path, &file).expect("save");

    let (loader, go) = held_loader();
    let mut h = common::harness(app_on(data.path(), Some(loader)), egui::vec2(1280.0, 800.0));
    h.state_mut().push(Command::OpenPath(path.clone()));
    h.run_steps(2);
    assert!(h.state().message().is_none(), "{:?}", h.state().message());
    go.send(()).expect("the load waits");
    common::settle(&mut h);
    h.run_steps(2);
    let tabs = h.state().tabs().expect("loaded");
    assert_eq!(tabs.list.len(), 2);
    assert_eq!(tabs.list[1].file.path.as_deref(), Some(path.as_path()));
}

#[test]
fn a_large_scenario_file_opens_on_a_thread_of_its_own_with_a_line_in_the_status_bar() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("groot.json");
    let doc = common::doc(Edition::M2025);
    let file = gebiedsplanner::data::scenario_file::ScenarioFile::from_scenario(
        &doc.data.atlas,
        &doc.scenario,
    );
    gebiedsplanner::data::scenario_file::save(&path, &file).expect("save");
    // Made large as a file with long notes would be: white space the reader skips.
    let mut text = std::fs::read_to_string(&path).expect("read");
    text.push_str(&" ".repeat(2 * 1024 * 1024));
    std::fs::write(&path, text).expect("write");

    let mut h = common::window_with(AppPaths::default());
    h.state_mut().push(Command::OpenPath(path.clone()));
    h.step();
    // The frame that asked for it says it is being opened.
    h.get_by_label("Openen: groot.json…");
    common::settle(&mut h);
    h.run_steps(2);
    assert!(h.query_by_label("Openen: groot.json…").is_none());
    assert!(h.state().message().is_none(), "{:?}", h.state().message());
    let w = h.state().workspace().expect("tab");
    assert_eq!(w.file.path.as_deref(), Some(path.as_path()));
}

#[test]
fn a_large_reference_layer_opens_on_a_thread_of_its_own() {
    let data = common::data_copy();
    let path = data
        .path()
        .join("municipalities_flanders_brussels_2025.geojson");
    assert!(std::fs::metadata(&path).expect("size").len() > 1024 * 1024);
    let mut h = common::window_with(AppPaths::default());
    h.state_mut().push(Command::OpenReference(path.clone()));
    h.step();
    // The status bar names the file while it is read, and the window goes on drawing.
    assert!(h.state().reference_loading());
    h.get_by_label_contains("municipalities_flanders_brussels_2025.geojson");
    common::wait_for_reference(&mut h);
    let layer = &h
        .state()
        .reference
        .as_ref()
        .expect("the layer is open")
        .0
        .layer;
    assert!(
        layer.property_names.iter().any(|n| n == "nis"),
        "{:?}",
        layer.property_names
    );
}
