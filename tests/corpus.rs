//! The hostile-file corpus: every file under tests/corpus/<reader>/ goes through its reader and
//! must give an error that names the file, the place and what is wrong, never a panic.
//! `expect.txt` in each folder lists the files and the text each error must hold.
//!
//! The data readers are run the way the app runs them: the corpus file takes the place of one
//! file in a copy of the real data folder (or, for `*.add.*` files, is added to it), and the
//! whole atlas is loaded. Reference layers are opened in the app, over a good layer it keeps
//! when the file is refused.

use crate::common;

use std::collections::BTreeSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui_kittest::Harness;
use gebiedsplanner::app::{Command, GebiedsApp, Settings};
use gebiedsplanner::data::reference::read_reference_layer;
use gebiedsplanner::data::{assignment_csv, geojson_read, load_atlas, table};
use gebiedsplanner::document::Document;
use gebiedsplanner::model::atlas::Edition;
use gebiedsplanner::ui::dialogs::ScriptedDialogs;

struct Case {
    name: String,
    expect: Vec<String>,
}

fn corpus_dir(reader: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(reader)
}

/// The cases of one reader; checks that `expect.txt` and the folder list the same files.
fn cases(reader: &str) -> Vec<Case> {
    let dir = corpus_dir(reader);
    let manifest = std::fs::read_to_string(dir.join("expect.txt")).expect("expect.txt");
    let cases: Vec<Case> = manifest
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut parts = l.split(" | ").map(str::to_string);
            Case {
                name: parts.next().expect("a file name"),
                expect: parts.collect(),
            }
        })
        .collect();
    let listed: BTreeSet<&str> = cases.iter().map(|c| c.name.as_str()).collect();
    let present: BTreeSet<String> = std::fs::read_dir(&dir)
        .expect("corpus dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n != "expect.txt")
        .collect();
    let present: BTreeSet<&str> = present.iter().map(String::as_str).collect();
    assert_eq!(
        listed, present,
        "{reader}: expect.txt and the folder differ"
    );
    assert!(
        cases.len() >= 30,
        "{reader}: {} files, the corpus needs at least 30",
        cases.len()
    );
    cases
}

/// Run `f` and turn a panic into a test failure that names the case.
fn no_panic<T>(what: &str, f: impl FnOnce() -> T) -> T {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(v) => v,
        Err(p) => {
            let msg = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| {
                    p.downcast_ref::<&str>()
                        .map(std::string::ToString::to_string)
                })
                .unwrap_or_default();
            panic!("{what}: the reader panicked: {msg}");
        }
    }
}

/// What is wrong with an error message, if anything.
fn check_message(reader: &str, case: &Case, file_name: &str, msg: &str) -> Vec<String> {
    let mut wrong = Vec::new();
    if !msg.contains(file_name) {
        wrong.push(format!(
            "{reader}/{}: the error does not name the file {file_name}: {msg}",
            case.name
        ));
    }
    for e in &case.expect {
        if !msg.contains(e.as_str()) {
            wrong.push(format!(
                "{reader}/{}: the error should hold '{e}': {msg}",
                case.name
            ));
        }
    }
    wrong
}

/// Fail with every problem at once, so one run shows them all.
fn report(failures: Vec<String>) {
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Which data file a corpus file stands in for, and whether it is added rather than replacing.
fn target(name: &str) -> (&'static str, bool) {
    let prefix = name.split('.').next().unwrap_or("");
    let file = match prefix {
        "muni" => "municipalities_flanders_brussels_2025.geojson",
        "antw" => "elz_antwerpen_2025.geojson",
        "pop_fl" => "population_flanders_2021_by_agegroup.csv",
        "pop_be" => "population_belgium_2020.csv",
        "elz" => "elz_gemeenten_2025.csv",
        "statsec" => "elz_antwerpen_statsec.csv",
        other => panic!("{name}: unknown target prefix '{other}'"),
    };
    (file, name.contains(".add."))
}

/// Put a corpus file into the data copy: replace the target, or add a feature / lines to it.
fn install(data: &Path, corpus_file: &Path, name: &str) -> (PathBuf, Vec<u8>) {
    let (file, add) = target(name);
    let path = data.join(file);
    let original = std::fs::read(&path).expect("data file");
    let bytes = std::fs::read(corpus_file).expect("corpus file");
    let new = if !add {
        bytes
    } else if file.ends_with(".geojson") {
        let mut v: serde_json::Value = serde_json::from_slice(&original).expect("real GeoJSON");
        let feature: serde_json::Value = serde_json::from_slice(&bytes).expect("a feature");
        v["features"]
            .as_array_mut()
            .expect("features")
            .push(feature);
        serde_json::to_vec(&v).expect("json")
    } else {
        let mut o = original.clone();
        if !o.ends_with(b"\n") {
            o.push(b'\n');
        }
        o.extend_from_slice(&bytes);
        o
    };
    std::fs::write(&path, new).expect("write");
    (path, original)
}

fn run_data_corpus(reader: &str) {
    let data = common::data_copy();
    let dir = corpus_dir(reader);
    let mut failures = Vec::new();
    for case in cases(reader) {
        let corpus_file = dir.join(&case.name);
        // The reader on its own: no panic; an error names the corpus file.
        no_panic(&case.name, || {
            let direct = if case.name.ends_with(".geojson") {
                geojson_read::read_polygons(&corpus_file).map(|_| ())
            } else {
                table::read_table(&corpus_file, &[]).map(|_| ())
            };
            if let Err(e) = direct {
                assert!(e.to_string().contains(&case.name), "{}: {e}", case.name);
            }
        });
        // The whole data folder with this file in it.
        let (path, original) = install(data.path(), &corpus_file, &case.name);
        let result = no_panic(&case.name, || {
            load_atlas(&common::folder(data.path()), Edition::M2025)
        });
        std::fs::write(&path, original).expect("restore");
        let msg = match result {
            Ok(_) => {
                failures.push(format!("{reader}/{}: the data loaded", case.name));
                continue;
            }
            Err(e) => e.to_string(),
        };
        // The error names the data file it is about (the target, or another file whose
        // content contradicts it, as expect.txt then says).
        let (file, _) = target(&case.name);
        let names_a_data_file = msg.contains(file)
            || case
                .expect
                .iter()
                .any(|e| e.contains(".geojson:") || e.contains(".csv:"));
        if !names_a_data_file || !(msg.contains(".csv:") || msg.contains(".geojson:")) {
            failures.push(format!(
                "{reader}/{}: the file is not named: {msg}",
                case.name
            ));
        }
        failures.extend(check_message(reader, &case, "", &msg));
    }
    report(failures);
    // The data copy is whole again: it still loads.
    load_atlas(&common::folder(data.path()), Edition::M2025).expect("the restored copy loads");
}

#[test]
fn data_geojson_corpus() {
    run_data_corpus("data_geojson");
}

#[test]
fn data_csv_corpus() {
    run_data_corpus("data_csv");
}

#[test]
fn scenario_corpus() {
    let atlas = &common::dataset(Edition::M2025).atlas;
    let dir = corpus_dir("scenario");
    let mut failures = Vec::new();
    for case in cases("scenario") {
        let path = dir.join(&case.name);
        let result = no_panic(&case.name, || {
            gebiedsplanner::cli::load_scenario(atlas, &path).map(|_| ())
        });
        match result {
            Ok(()) => failures.push(format!("scenario/{}: accepted", case.name)),
            Err(e) => failures.extend(check_message("scenario", &case, &case.name, &e.to_string())),
        }
    }
    report(failures);
}

#[test]
fn assignment_csv_corpus() {
    let base = common::doc(Edition::M2025);
    let dir = corpus_dir("assignment_csv");
    let mut failures = Vec::new();
    for case in cases("assignment_csv") {
        let path = dir.join(&case.name);
        let mut s = base.scenario.clone();
        let result = no_panic(&case.name, || {
            assignment_csv::import_file(&base.data.atlas, &mut s, &path)
        });
        // An error stops the import; lines that cannot be used are skipped and listed.
        let msg = match result {
            Err(e) => e.to_string(),
            Ok(r) if r.skipped.is_empty() => {
                failures.push(format!(
                    "assignment_csv/{}: accepted without a remark",
                    case.name
                ));
                continue;
            }
            Ok(r) => r.skipped_lines(&path, 100).join("\n"),
        };
        failures.extend(check_message("assignment_csv", &case, &case.name, &msg));
    }
    report(failures);
}

/// A reference layer opened by the user, over a good layer already on the map. A refused file
/// leaves that layer in place and the app drawing on; a file with broken features opens
/// without them and lists them. Either way the message names the file and the place.
/// Files whose expectation is `loads` are read as GIS tools read them (an open ring is closed,
/// a crossing ring kept, odd properties ignored or written out) and must open and draw.
#[test]
fn reference_corpus() {
    let data = common::data_copy();
    let good = data
        .path()
        .join("wijken_deelgemeenten_proeftuin_gemeenten.geojson");
    let app = GebiedsApp::headless(
        Settings::default(),
        None,
        Box::new(ScriptedDialogs::default()),
    );
    // Labels may hold characters the app's fonts lack; the app draws a box for them (egui's
    // default), where the test harness would panic by default.
    let mut h = Harness::builder()
        .with_size(egui::vec2(1000.0, 640.0))
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut GebiedsApp| app.show(ui), app);
    h.run_steps(2);
    let dir = corpus_dir("reference");
    let mut failures = Vec::new();
    for case in cases("reference") {
        let path = dir.join(&case.name);
        h.state_mut().push(Command::OpenReference(good.clone()));
        h.run_steps(1);
        while h.state().message().is_some() {
            h.state_mut().push(Command::CloseMessage);
            h.run_steps(1);
        }
        let before = h
            .state()
            .reference
            .as_ref()
            .map(|r| r.0.clone())
            .expect("the good layer opens");
        no_panic(&case.name, || {
            h.state_mut().push(Command::OpenReference(path.clone()));
            // Frames with whatever layer is shown now: the map goes on drawing.
            h.run_steps(2);
        });
        let app = h.state();
        let now = app.reference.as_ref().map(|r| r.0.clone());
        let msg = app.message().map(|m| m.body.clone()).unwrap_or_default();
        let replaced = now.as_ref().filter(|l| !Arc::ptr_eq(l, &before));
        if case.expect.first().is_some_and(|e| e == "loads") {
            match replaced {
                Some(l) if l.file == path && !l.features.is_empty() => {}
                _ => failures.push(format!("reference/{}: did not open: {msg}", case.name)),
            }
            continue;
        }
        match replaced {
            // Opened without the broken features, which the message lists.
            Some(l) if l.skipped.is_empty() => {
                failures.push(format!("reference/{}: opened without a remark", case.name));
            }
            Some(_) => {}
            // Refused: the layer that was there stays.
            None if now.is_none() => failures.push(format!(
                "reference/{}: the layer shown before is gone",
                case.name
            )),
            None => {}
        }
        failures.extend(check_message("reference", &case, &case.name, &msg));
    }
    report(failures);
}

/// Files over the size limit are refused at once, and a large file with one bad feature
/// near its end names that feature.
#[test]
fn very_large_files_are_refused_or_read_without_trouble() {
    let tmp = tempfile::tempdir().expect("tmp");
    let base = common::doc(Edition::M2025);
    let sparse = |name: &str, mb: u64| {
        let p = tmp.path().join(name);
        let f = std::fs::File::create(&p).expect("create");
        f.set_len(mb * 1024 * 1024).expect("sparse file");
        p
    };
    let p = sparse("huge.geojson", 150);
    let e = geojson_read::read_polygons(&p).expect_err("too large");
    assert!(
        e.to_string().contains("huge.geojson: the file is 150 MB"),
        "{e}"
    );
    let p = sparse("huge.csv", 150);
    let e = table::read_table(&p, &[]).expect_err("too large");
    assert!(
        e.to_string().contains("huge.csv: the file is 150 MB"),
        "{e}"
    );
    let p = sparse("huge-table.csv", 30);
    let mut s = base.scenario.clone();
    let e = assignment_csv::import_file(&base.data.atlas, &mut s, &p).expect_err("too large");
    assert!(
        e.to_string().contains("huge-table.csv: the file is 30 MB"),
        "{e}"
    );
    let p = sparse("huge.json", 30);
    let e = gebiedsplanner::data::scenario_file::read(&p).expect_err("too large");
    assert!(
        e.to_string().contains("huge.json: the file is 30 MB"),
        "{e}"
    );

    // About 8 MB of small features; the last one is bad.
    let mut text = String::from("{\"type\":\"FeatureCollection\",\"features\":[\n");
    let n = 40_000;
    for i in 0..n {
        let lon = 3.0 + (i % 200) as f64 * 0.01;
        let lat = 50.7 + (i / 200) as f64 * 0.005;
        text.push_str(&format!(
            "{{\"type\":\"Feature\",\"properties\":{{\"nis\":\"{:05}\",\"name_nl\":\"x{i}\"}},\
             \"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[[[{lon},{lat}],[{},{lat}],[{},{}],[{lon},{lat}]]]}}}},\n",
            i % 100_000,
            lon + 0.01,
            lon + 0.01,
            lat + 0.005
        ));
    }
    text.push_str("{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[4,51],[4.1,51],[4.1,51.1],[4.2,51]]]}}]}");
    let p = tmp.path().join("large.geojson");
    std::fs::write(&p, &text).expect("write");
    let started = std::time::Instant::now();
    let e = geojson_read::read_polygons(&p).expect_err("bad last feature");
    assert!(
        e.to_string().contains(&format!(
            "large.geojson: feature {}: ring 1 is not closed",
            n + 1
        )),
        "{e}"
    );
    assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());

    // A large assignment table of unknown codes: read, every line listed, the message short.
    let mut csv = String::from("code;team\n");
    for i in 0..200_000 {
        csv.push_str(&format!("x{i};Trawant\n"));
    }
    let p = tmp.path().join("large.csv");
    std::fs::write(&p, &csv).expect("write");
    let mut s = base.scenario.clone();
    let r = assignment_csv::import_file(&base.data.atlas, &mut s, &p).expect("read");
    assert_eq!(r.skipped.len(), 200_000);
    let lines = r.skipped_lines(&p, 50);
    assert_eq!(lines.len(), 51);
    assert!(lines[50].contains("199950 more"), "{}", lines[50]);

    // Reference layers: over the size limit refused; 40.000 features with a label of a
    // megabyte and broken features read quickly, the broken ones listed in a short message.
    let p = sparse("huge-layer.geojson", 150);
    let e = read_reference_layer(&p).expect_err("too large");
    assert!(
        e.to_string()
            .contains("huge-layer.geojson: the file is 150 MB"),
        "{e}"
    );
    let long_label = "Lange naam ".repeat(100_000);
    let mut text = format!(
        "{{\"type\":\"FeatureCollection\",\"features\":[\n\
         {{\"type\":\"Feature\",\"properties\":{{\"naam\":\"{long_label}\"}},\
         \"geometry\":{{\"type\":\"Point\",\"coordinates\":[4.4,51.2]}}}}"
    );
    let n = 40_000;
    for i in 0..n {
        let lon = 3.0 + (i % 200) as f64 * 0.01;
        let lat = 50.7 + (i / 200) as f64 * 0.005;
        // Every tenth feature has a position of text.
        let x = if i % 10 == 9 {
            format!("\"{lon}\"")
        } else {
            lon.to_string()
        };
        text.push_str(&format!(
            ",\n{{\"type\":\"Feature\",\"properties\":{{\"naam\":\"v{i}\"}},\
             \"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[[[{x},{lat}],[{},{lat}],[{},{}],[{lon},{lat}]]]}}}}",
            lon + 0.01,
            lon + 0.01,
            lat + 0.005
        ));
    }
    text.push_str("]}");
    let p = tmp.path().join("large-layer.geojson");
    std::fs::write(&p, &text).expect("write");
    let started = std::time::Instant::now();
    let layer = read_reference_layer(&p).expect("reads");
    assert_eq!(layer.features.len(), 1 + n - n / 10);
    assert_eq!(layer.skipped.len(), n / 10);
    let lines = layer.skipped_lines(50);
    assert_eq!(lines.len(), 51);
    assert!(
        lines[0].contains("large-layer.geojson: feature 11: a position holds something"),
        "{}",
        lines[0]
    );
    assert!(lines[50].contains("3950 more"), "{}", lines[50]);
    let label = layer.features[0].label("naam").expect("a label");
    assert!(label.chars().count() <= 81, "{}", label.len());
    assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
}

/// A self-intersecting ring (a "bow tie") is accepted by the reader, as GIS tools accept it;
/// nothing downstream may panic on it: the atlas, triangulation, team outlines, metrics and
/// the image export either work or give an error.
#[test]
fn self_intersecting_and_degenerate_rings_do_not_panic() {
    type Damage = fn(&mut Vec<serde_json::Value>);
    let bow_tie: Damage = |ring| {
        // Swap two neighbouring vertices: the ring crosses itself.
        let n = ring.len();
        if n > 4 {
            ring.swap(1, 2);
        }
    };
    let collapsed: Damage = |ring| {
        // Every vertex on one point: a ring without area.
        let first = ring[0].clone();
        for p in ring.iter_mut() {
            *p = first.clone();
        }
    };
    let spike: Damage = |ring| {
        // A spike far out and back along the same line.
        let first = ring[0].clone();
        let far = serde_json::json!([
            first[0].as_f64().unwrap_or(4.0) + 0.5,
            first[1].as_f64().unwrap_or(51.0)
        ]);
        ring.insert(1, far);
        ring.insert(2, first);
    };
    let cases: [(&str, &str, &str, Damage); 5] = [
        (
            "municipalities_flanders_brussels_2025.geojson",
            "nis",
            "44021",
            bow_tie,
        ),
        (
            "municipalities_flanders_brussels_2025.geojson",
            "nis",
            "11002",
            bow_tie,
        ),
        (
            "municipalities_flanders_brussels_2025.geojson",
            "nis",
            "44021",
            collapsed,
        ),
        (
            "municipalities_flanders_brussels_2025.geojson",
            "nis",
            "44021",
            spike,
        ),
        ("elz_antwerpen_2025.geojson", "elzantw_code", "1", bow_tie),
    ];
    for (file, key, code, damage) in cases {
        let data = common::data_copy();
        let path = data.path().join(file);
        let mut v: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&path).expect("read")).expect("json");
        let mut found = false;
        for f in v["features"].as_array_mut().expect("features") {
            if f["properties"][key].as_str() == Some(code) {
                let geom = &mut f["geometry"];
                let ring = if geom["type"] == "Polygon" {
                    &mut geom["coordinates"][0]
                } else {
                    &mut geom["coordinates"][0][0]
                };
                damage(ring.as_array_mut().expect("ring"));
                found = true;
            }
        }
        assert!(found, "{file}: no feature {key} = {code}");
        std::fs::write(&path, serde_json::to_vec(&v).expect("json")).expect("write");
        let what = format!("{file} {code}");
        no_panic(&what, || {
            match Document::load(&common::folder(data.path()), Edition::M2025) {
                Ok(doc) => {
                    let _ = gebiedsplanner::map::MapGeometry::build(&doc.data.atlas);
                    let _ = gebiedsplanner::export::teams_geojson(&doc);
                    let opts = gebiedsplanner::export::ImageOptions::new(
                        600,
                        vec![gebiedsplanner::map::layer::labels::KEY],
                        gebiedsplanner::i18n::Lang::Nl,
                    );
                    let svg = gebiedsplanner::export::render_svg(&doc, &opts);
                    assert!(svg.starts_with("<svg") || svg.contains("<svg"), "{what}");
                }
                Err(e) => {
                    let msg = e.to_string();
                    assert!(
                        msg.contains(".geojson") || msg.contains(".csv"),
                        "{what}: {msg}"
                    );
                }
            }
        });
    }
}
