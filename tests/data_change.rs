//! A data folder that changes between runs: a scenario saved when a municipality existed opens
//! on data without it. The open succeeds, the affected codes are listed, and saving again
//! keeps them: nothing is dropped silently.

use crate::common;

use std::path::Path;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use gebiedsplanner::app::{AppPaths, Command, GebiedsApp, Settings};
use gebiedsplanner::data::scenario_file::{self, FileMeta, ScenarioFile, Unresolved};
use gebiedsplanner::document::Document;
use gebiedsplanner::model::atlas::Edition;
use gebiedsplanner::model::edit::{Edit, apply};
use gebiedsplanner::ui::dialogs::ScriptedDialogs;

/// Herstappe, an enclave of Limburg: taking it out leaves the rest of the map as it was.
const GONE: &str = "73028";

/// Remove a municipality from a copy of the data folder (its polygon and its zone row).
fn remove_municipality(dir: &Path, nis: &str) {
    let geo = dir.join("municipalities_flanders_brussels_2025.geojson");
    let mut v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&geo).expect("read")).expect("json");
    let features = v["features"].as_array_mut().expect("features");
    let before = features.len();
    features.retain(|f| f["properties"]["nis"].as_str() != Some(nis));
    assert_eq!(features.len(), before - 1, "{nis} was in the file once");
    std::fs::write(&geo, serde_json::to_vec(&v).expect("json")).expect("write");
    let csv = dir.join("elz_gemeenten_2025.csv");
    let text = std::fs::read_to_string(&csv).expect("read");
    let kept: String = text
        .lines()
        .filter(|l| !l.starts_with(&format!("{nis},")))
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(kept.len() < text.len());
    std::fs::write(&csv, kept).expect("write");
}

/// A scenario on the full data that gives Herstappe to another team than its zone's.
fn save_with_municipality_assignment(path: &Path) -> String {
    let s = common::doc(Edition::M2025);
    let mut scenario = s.scenario.clone();
    let m = s.data.atlas.muni_by_code(GONE).expect("Herstappe");
    let other = scenario.team_by_id("trawant").expect("trawant");
    apply(
        &mut scenario,
        &s.data.atlas,
        &Edit::AssignMunicipalities {
            municipalities: vec![m],
            team: Some(other),
        },
    )
    .expect("assign");
    let f = ScenarioFile::compose(
        &s.data.atlas,
        &scenario,
        &FileMeta::default(),
        &Unresolved::default(),
        "2026-11-23T10:00:00Z",
    );
    assert_eq!(
        f.municipality_assignment.get(GONE),
        Some(&Some("trawant".to_string()))
    );
    scenario_file::save(path, &f).expect("save");
    "trawant".to_string()
}

#[test]
fn a_municipality_gone_from_the_data_is_listed_and_kept() {
    let data = common::data_copy();
    let file_dir = tempfile::tempdir().expect("tmp");
    let path = file_dir.path().join("plan.json");
    let team = save_with_municipality_assignment(&path);
    remove_municipality(data.path(), GONE);

    let doc = Document::load(&common::folder(data.path()), Edition::M2025)
        .expect("the changed data loads");
    assert!(doc.data.atlas.muni_by_code(GONE).is_none());
    let f = scenario_file::read(&path).expect("read");
    let r = f
        .to_scenario(&doc.data.atlas, &path)
        .expect("the scenario opens");
    assert_eq!(r.unresolved.codes(), vec![GONE.to_string()]);
    // Every other assignment came through.
    assert_eq!(
        r.scenario.unit_team.iter().filter(|t| t.is_some()).count(),
        doc.data.atlas.units.len()
    );
    // Saved again, the code is still there with its team.
    let again = ScenarioFile::compose(
        &doc.data.atlas,
        &r.scenario,
        &f.meta(),
        &r.unresolved,
        "2026-11-24T10:00:00Z",
    );
    assert_eq!(again.municipality_assignment.get(GONE), Some(&Some(team)));
    // The command line refuses it, naming the code.
    let err = gebiedsplanner::cli::load_scenario(&doc.data.atlas, &path).expect_err("unknown");
    assert!(err.to_string().contains(GONE), "{err}");
}

#[test]
fn the_window_lists_the_gone_municipality_and_saving_keeps_it() {
    let data = common::data_copy();
    let file_dir = tempfile::tempdir().expect("tmp");
    let path = file_dir.path().join("plan.json");
    save_with_municipality_assignment(&path);
    remove_municipality(data.path(), GONE);

    let app = GebiedsApp::with_paths(
        Settings::default(),
        Some(data.path().to_path_buf()),
        Box::new(ScriptedDialogs::default()),
        AppPaths::default(),
    );
    let mut h = common::window(app);
    h.state_mut().push(Command::OpenPath(path.clone()));
    h.run_steps(3);
    h.get_by_label("Niet alles kon geplaatst worden");
    let body = h.state().message().cloned().expect("message").body;
    assert!(body.contains(GONE), "{body}");
    assert!(body.contains("plan.json"), "{body}");
    h.get_by_label("Sluiten").click();
    h.run_steps(2);

    // A change and Ctrl+S: the file keeps the gone municipality.
    common::unassign_gent(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(3);
    assert!(h.state().message().is_none(), "{:?}", h.state().message());
    let f = scenario_file::read(&path).expect("saved");
    assert!(!f.assignment.contains_key("elz13"));
    assert_eq!(
        f.municipality_assignment.get(GONE),
        Some(&Some("trawant".to_string()))
    );
}
