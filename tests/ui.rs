//! The real app on the real data, headless and without tiles.

use crate::common;

use egui_kittest::kittest::Queryable;
use gebiedsplanner::app::{GebiedsApp, Settings};
use gebiedsplanner::ui::dialogs::ScriptedDialogs;

fn app_with(data: Option<std::path::PathBuf>, dialogs: ScriptedDialogs) -> GebiedsApp {
    GebiedsApp::headless(Settings::default(), data, Box::new(dialogs))
}

#[test]
fn the_team_list_shows_every_team_with_its_numbers() {
    let app = app_with(None, ScriptedDialogs::default());
    assert!(app.workspace().is_some(), "the real data should load");
    let mut harness = common::harness(app, egui::vec2(1280.0, 800.0));
    harness.run();
    harness.get_by_label("Teams");
    harness.get_by_label("Alle regels voldaan");
    harness.get_by_label("Samen1Plan Gent");
    harness.get_by_label("Sonja Erteejee Brussel");
}

#[test]
fn a_missing_data_folder_shows_the_files_and_a_folder_can_be_picked() {
    let data = common::data_copy();
    let dialogs = ScriptedDialogs::default();
    dialogs.folders.borrow_mut().push(data.path().to_path_buf());
    let app = app_with(Some("/nonexistent/data".into()), dialogs);
    assert!(app.workspace().is_none());
    let mut harness = common::harness(app, egui::vec2(1280.0, 800.0));
    harness.run();
    harness.get_by_label("Gegevens niet gevonden");
    harness.get_by_label("municipalities_flanders_brussels_2025.geojson");
    harness.get_by_label("Gegevensmap kiezen…").click();
    harness.run_steps(2);
    common::settle(&mut harness);
    assert!(
        harness.state().workspace().is_some(),
        "picking the folder loads it"
    );
    harness.get_by_label("Teams");
}
