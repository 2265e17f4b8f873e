//! The data comes with the program: the built-in set is the published files, the program runs
//! on it with nothing beside it, a data folder takes its place, and the window says which set
//! is in use.

use crate::common;

use egui_kittest::kittest::Queryable;
use gebiedsplanner::app::{GebiedsApp, Settings};
use gebiedsplanner::data::{DataSource, discover, required_files};
use gebiedsplanner::model::atlas::Edition;
use gebiedsplanner::ui::dialogs::ScriptedDialogs;

#[test]
fn the_built_in_files_are_those_of_assets_data_byte_for_byte() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/data");
    let names: Vec<&str> = DataSource::built_in_names().collect();
    for e in [Edition::M2025, Edition::M2019] {
        for f in required_files(e) {
            assert!(names.contains(&f.name), "{} is not built in", f.name);
        }
    }
    for extra in [
        "provinces_flanders_brussels.geojson",
        "wijken_deelgemeenten_proeftuin_gemeenten.geojson",
    ] {
        assert!(names.contains(&extra), "{extra} is not built in");
    }
    let copy = common::data_copy();
    for name in names {
        let published = std::fs::read(dir.join(name)).expect("assets/data file");
        let written = std::fs::read(copy.path().join(name)).expect("copied file");
        assert!(published == written, "{name} differs from assets/data");
    }
    assert!(
        dir.join("SOURCES.md").is_file(),
        "the sources are described"
    );
}

#[test]
fn both_editions_load_from_the_built_in_set() {
    let s = common::doc(Edition::M2025);
    assert_eq!(s.data.atlas.municipalities.len(), 304);
    assert!(s.data.source.is_built_in());
    let old = common::doc(Edition::M2019);
    assert_eq!(old.data.atlas.municipalities.len(), 319);
}

#[test]
fn with_nothing_given_the_built_in_set_is_chosen() {
    // No --data, no $GEBIEDSPLANNER_DATA; ./data and the user's folder hold no data files
    // here (the suite runs in the repository, which has no ./data).
    let d = discover(None, None, Edition::M2025);
    if std::path::Path::new("data").exists() {
        panic!("the tests run on the built-in data: move ./data out of the repository");
    }
    assert_eq!(d.chosen, Some(DataSource::BuiltIn), "{:?}", d.candidates);
}

#[test]
fn a_given_folder_that_lacks_a_file_gets_the_first_run_screen() {
    let data = common::data_copy();
    std::fs::remove_file(data.path().join("elz_antwerpen_statsec.csv")).expect("remove");
    let d = discover(Some(data.path()), None, Edition::M2025);
    assert_eq!(d.chosen, None);
    assert_eq!(d.candidates[0].missing, vec!["elz_antwerpen_statsec.csv"]);
    let app = GebiedsApp::headless(
        Settings::default(),
        Some(data.path().to_path_buf()),
        Box::new(ScriptedDialogs::default()),
    );
    assert!(app.workspace().is_none());
    let mut h = common::harness(app, egui::vec2(1280.0, 800.0));
    h.run();
    h.get_by_label("Gegevens niet gevonden");
    h.get_by_label_contains("ontbreekt: elz_antwerpen_statsec.csv");
}

#[test]
fn the_status_bar_and_the_about_box_say_which_data_is_in_use() {
    let app = GebiedsApp::headless(
        Settings::default(),
        None,
        Box::new(ScriptedDialogs::default()),
    );
    let mut h = common::harness(app, egui::vec2(1280.0, 800.0));
    h.run_steps(3);
    assert!(
        h.state()
            .workspace()
            .is_some_and(|w| w.doc.data.source.is_built_in()),
        "the window runs on the built-in data"
    );
    h.get_by_label_contains("Gegevens: ingebouwd, stand 12/03/2026");
    h.state_mut().show_about = true;
    h.run_steps(2);
    // The status bar and the About box both name the set.
    assert_eq!(
        h.get_all_by_label_contains("Gegevens: ingebouwd, stand 12/03/2026")
            .count(),
        2
    );
    h.get_by_label_contains("© Statbel (Algemene Directie Statistiek - Statistics Belgium)");
    h.get_by_label_contains("Modellicentie Gratis Hergebruik v1.0");
    h.get_by_label_contains("Achtergrondkaart: © OpenStreetMap-bijdragers (ODbL)");

    // A data folder: the status bar names it.
    let data = common::data_copy();
    let app = GebiedsApp::headless(
        Settings::default(),
        Some(data.path().to_path_buf()),
        Box::new(ScriptedDialogs::default()),
    );
    let h = common::window(app);
    h.get_by_label_contains(&format!("Gegevens: map {}", data.path().display()));
}

/// The program as on a fresh machine: `check` runs on the built-in data; a folder in
/// `$GEBIEDSPLANNER_DATA` or `./data` takes its place, and one that lacks files is reported.
#[test]
fn the_program_runs_with_nothing_beside_it_and_a_data_folder_overrides() {
    let (mut cmd, _dir) = common::program();
    let out = cmd.arg("check").output().expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let built_in = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(built_in.contains("Samen1Plan Gent"), "{built_in}");

    // A newer edition in $GEBIEDSPLANNER_DATA: here Gent has 100.000 more inhabitants.
    let data = common::data_copy();
    let pop = data.path().join("population_flanders_2021_by_agegroup.csv");
    let text = std::fs::read_to_string(&pop).expect("read");
    let gent = text
        .lines()
        .find(|l| l.starts_with("44021,"))
        .expect("Gent's line")
        .to_string();
    let fields: Vec<&str> = gent.split(',').collect();
    let more: u64 = fields[2].parse::<u64>().expect("number") + 100_000;
    let changed = format!(
        "{},{},{more},{}",
        fields[0],
        fields[1],
        fields[3..].join(",")
    );
    std::fs::write(&pop, text.replace(&gent, &changed)).expect("write");
    let (mut cmd, _dir) = common::program();
    let out = cmd
        .arg("check")
        .env("GEBIEDSPLANNER_DATA", data.path())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let from_folder = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_ne!(from_folder, built_in, "the folder's figures are used");

    // ./data that lacks a file: exit code 2, naming the folder and the file.
    let (mut cmd, dir) = common::program();
    let local = dir.path().join("data");
    std::fs::create_dir(&local).expect("mkdir");
    DataSource::write_built_in_to(&local).expect("copy");
    std::fs::remove_file(local.join("population_belgium_2020.csv")).expect("remove");
    let out = cmd.arg("check").output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("./data"), "{err}");
    assert!(err.contains("population_belgium_2020.csv"), "{err}");
}

#[test]
fn every_zone_of_both_editions_lies_in_one_iroj_region_and_each_region_has_zones() {
    use gebiedsplanner::model::region::{Region, unit_regions};
    for e in [Edition::M2025, Edition::M2019] {
        let data = common::dataset(e);
        let regions = unit_regions(&data.atlas);
        for (u, r) in regions.iter_enumerated() {
            assert!(
                r.is_some(),
                "{e:?}: zone {} has no region",
                data.atlas.units[u].code
            );
        }
        for r in Region::ALL {
            assert!(regions.contains(&Some(r)), "{e:?}: no zone in {r}");
        }
    }
}
