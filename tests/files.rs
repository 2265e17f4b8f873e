//! Scenario files, the assignment table, comparison and exports, on the real data.

use crate::common;
use gebiedsplanner::model::ids::TeamId;

use std::process::Command;

use gebiedsplanner::data::assignment_csv;
use gebiedsplanner::data::scenario_file::{self, FileMeta, ScenarioFile, Unresolved};
use gebiedsplanner::data::table::TextEncoding;
use gebiedsplanner::document::Document;
use gebiedsplanner::export::image::decode_png;
use gebiedsplanner::model::atlas::Edition;
use gebiedsplanner::model::compare::compare;
use gebiedsplanner::model::edit::{Edit, apply};

fn fresh() -> Document {
    let s = common::doc(Edition::M2025);
    Document::default_division(s.data.clone())
}

fn to_file(s: &Document) -> ScenarioFile {
    ScenarioFile::compose(
        &s.data.atlas,
        &s.scenario,
        &FileMeta::default(),
        &Unresolved::default(),
        "2026-11-23T10:00:00Z",
    )
}

#[test]
fn a_saved_scenario_opens_as_it_was() {
    let mut s = fresh();
    // Some edits of every kind, municipality mode included.
    let trawant = s.scenario.team_by_id("trawant").expect("trawant");
    let gent = s.data.atlas.unit_by_code("elz13").expect("gent");
    apply(
        &mut s.scenario,
        &s.data.atlas,
        &Edit::AssignUnits {
            units: vec![gent],
            team: Some(trawant),
        },
    )
    .expect("move");
    let aalst = s
        .data
        .atlas
        .municipalities
        .position(|m| m.name == "Aalst")
        .expect("Aalst");
    apply(
        &mut s.scenario,
        &s.data.atlas,
        &Edit::AssignMunicipalities {
            municipalities: vec![aalst],
            team: None,
        },
    )
    .expect("municipality");
    apply(
        &mut s.scenario,
        &s.data.atlas,
        &Edit::SetLocked {
            team: trawant,
            locked: true,
        },
    )
    .expect("lock");
    apply(
        &mut s.scenario,
        &s.data.atlas,
        &Edit::CreateTeam {
            name: "Kust, \"nieuw\"".into(),
            colour: [1, 2, 3],
        },
    )
    .expect("new team");

    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("plan.json");
    scenario_file::save(&path, &to_file(&s)).expect("save");
    let back = scenario_file::read(&path).expect("read");
    let r = back.to_scenario(&s.data.atlas, &path).expect("resolve");
    assert!(r.unresolved.is_empty());
    assert_eq!(r.scenario, s.scenario);
    assert_eq!(back.edition, Edition::M2025);
    assert_eq!(back.created, "2026-11-23T10:00:00Z");
}

#[test]
fn unknown_fields_from_a_newer_version_survive_a_round_trip() {
    let s = fresh();
    let mut json: serde_json::Value = serde_json::from_str(&to_file(&s).to_json()).expect("json");
    json["future_setting"] = serde_json::json!({"keep": [1, 2, 3]});
    json["teams"][0]["motto"] = serde_json::json!("samen sterk");
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("plan.json");
    let f = scenario_file::parse(&path, &json.to_string()).expect("parse");
    let r = f.to_scenario(&s.data.atlas, &path).expect("resolve");
    let again = ScenarioFile::compose(
        &s.data.atlas,
        &r.scenario,
        &f.meta(),
        &r.unresolved,
        "2026-11-24T00:00:00Z",
    );
    let out: serde_json::Value = serde_json::from_str(&again.to_json()).expect("json");
    assert_eq!(out["future_setting"]["keep"][2], 3);
    assert_eq!(out["teams"][0]["motto"], "samen sterk");
    assert_eq!(out["modified"], "2026-11-24T00:00:00Z");
}

#[test]
fn a_version_1_file_is_upgraded() {
    let s = fresh();
    let text = r##"{"format":"gebiedsplanner-scenario","version":1,"name":"oud","edition":"2025",
        "teams":[{"id":"a","name":"Antwerpen","colour":"#88ccee"}],
        "assignment":{"elz2":"a"}}"##;
    let path = std::path::Path::new("oud.json");
    let f = scenario_file::parse(path, text).expect("upgrade");
    assert_eq!(f.version, 2);
    let r = f.to_scenario(&s.data.atlas, path).expect("resolve");
    for k in 1..=4 {
        let u = s
            .data
            .atlas
            .unit_by_code(&format!("elz2-{k}"))
            .expect("sub-zone");
        assert_eq!(r.scenario.unit_team[u], Some(TeamId(0)), "elz2-{k}");
    }
}

#[test]
fn a_code_the_data_does_not_have_is_kept_and_listed() {
    let s = fresh();
    let mut f = to_file(&s);
    f.assignment.insert("elz99".into(), "trawant".into());
    let path = std::path::Path::new("plan.json");
    let r = f.to_scenario(&s.data.atlas, path).expect("resolve");
    assert_eq!(r.unresolved.codes(), vec!["elz99".to_string()]);
    let again = ScenarioFile::compose(&s.data.atlas, &r.scenario, &f.meta(), &r.unresolved, "now");
    assert_eq!(
        again.assignment.get("elz99").map(String::as_str),
        Some("trawant")
    );
}

#[test]
fn bad_scenario_files_get_clear_errors() {
    let s = fresh();
    let dir = tempfile::tempdir().expect("tmp");
    let good = to_file(&s).to_json();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "truncated.json",
            good.as_bytes()[..good.len() / 2].to_vec(),
            "not valid JSON",
        ),
        ("empty.json", Vec::new(), "empty"),
        ("binary.json", vec![0, 1, 2, 255, 0, 7], "binary"),
        (
            "types.json",
            good.replace("\"version\": 2", "\"version\": \"two\"")
                .into_bytes(),
            "version",
        ),
        (
            "newer.json",
            good.replace("\"version\": 2", "\"version\": 9")
                .into_bytes(),
            "newer version",
        ),
        (
            "other.json",
            b"{\"hello\": 1}".to_vec(),
            "not a scenario file",
        ),
        (
            "dup.json",
            good.replacen(
                "\"id\": \"trefplaats-kempen\"",
                "\"id\": \"rtj-antwerpen\"",
                1,
            )
            .into_bytes(),
            "appears twice",
        ),
        (
            "team.json",
            good.replacen("\"elz13\": \"samen1plan-gent\"", "\"elz13\": \"nobody\"", 1)
                .into_bytes(),
            "nobody",
        ),
        (
            "deep.json",
            format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)).into_bytes(),
            "not valid JSON",
        ),
    ];
    for (name, bytes, expect) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).expect("write");
        let msg = match scenario_file::read(&path)
            .and_then(|f| f.to_scenario(&s.data.atlas, &path).map(|_| ()))
        {
            Ok(()) => panic!("{name} was accepted"),
            Err(e) => e.to_string(),
        };
        assert!(msg.contains(name), "{name}: {msg}");
        assert!(msg.contains(expect), "{name}: {msg}");
    }
    // A very large file is refused at once.
    let big = dir.path().join("big.json");
    let f = std::fs::File::create(&big).expect("create");
    f.set_len(200 * 1024 * 1024).expect("sparse file");
    let err = scenario_file::read(&big).expect_err("too large");
    assert!(err.to_string().contains("200 MB"), "{err}");
    // An unknown zone code is an error for the command line, listed by name.
    let mut file = to_file(&s);
    file.assignment.insert("elz99".into(), "trawant".into());
    let path = dir.path().join("unknown.json");
    scenario_file::save(&path, &file).expect("save");
    let err = gebiedsplanner::cli::load_scenario(&s.data.atlas, &path).expect_err("unknown code");
    assert!(err.to_string().contains("elz99"), "{err}");
}

#[test]
fn an_interrupted_save_leaves_the_old_file_intact() {
    let s = fresh();
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("plan.json");
    let old = to_file(&s);
    scenario_file::save(&path, &old).expect("save");
    let before = std::fs::read(&path).expect("read");
    let mut changed = old.clone();
    changed.name = "changed".into();
    let r = gebiedsplanner::data::atomic::write_atomic_with(
        &path,
        changed.to_json().as_bytes(),
        || Err(std::io::Error::other("power cut")),
    );
    assert!(r.is_err());
    assert_eq!(std::fs::read(&path).expect("read"), before);
    // Saving into a folder that does not exist is an error naming the file.
    let err = scenario_file::save(&dir.path().join("nope/plan.json"), &old).expect_err("no folder");
    assert!(err.to_string().contains("nope/plan.json"), "{err}");
}

#[test]
fn assignment_table_with_semicolons_bom_and_bad_lines() {
    let mut s = fresh();
    let text = "\u{feff}Code;Naam;Team\nelz13;Gent;Trawant\nelz6;Brugge;trawant\n99999;Nergens;Trawant\nelz44;Schelde en Leie;Onbekend Team\n44021;Gent;Konekti\n\nelz31;Oostkust;\n";
    let path = std::path::Path::new("indeling.csv");
    let report =
        assignment_csv::import(&s.data.atlas, &mut s.scenario, path, text).expect("import");
    let trawant = s.scenario.team_by_id("trawant").expect("trawant");
    let konekti = s.scenario.team_by_id("konekti").expect("konekti");
    assert_eq!(
        s.scenario.unit_team[s.data.atlas.unit_by_code("elz6").expect("brugge")],
        Some(trawant)
    );
    assert_eq!(
        s.scenario.unit_team[s.data.atlas.unit_by_code("elz31").expect("oostkust")],
        None
    );
    let gent_muni = s.data.atlas.muni_by_code("44021").expect("gent");
    assert_eq!(s.scenario.muni_team.get(&gent_muni), Some(&Some(konekti)));
    assert_eq!(report.zones, 3);
    assert_eq!(report.municipalities, 1);
    let lines: Vec<u64> = report.skipped.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, vec![4, 5], "{:?}", report.skipped);
    let why = |i: usize| {
        gebiedsplanner::i18n::skip_reason(gebiedsplanner::i18n::Lang::Nl, &report.skipped[i].1)
    };
    assert!(why(0).contains("99999"), "{}", why(0));
    assert!(why(1).contains("Onbekend Team"), "{}", why(1));

    // Export and import again with commas: the same division.
    let out = assignment_csv::export(&s.data.atlas, &s.scenario);
    let mut t = fresh();
    let comma = out.replace(';', ",");
    let r =
        assignment_csv::import(&t.data.atlas, &mut t.scenario, path, &comma).expect("re-import");
    assert!(r.skipped.is_empty(), "{:?}", r.skipped);
    assert_eq!(t.scenario.unit_team, s.scenario.unit_team);
    assert_eq!(t.scenario.muni_team, s.scenario.muni_team);
}

/// Excel on a Belgian Windows saves "CSV (gescheiden door lijstscheidingsteken)" in
/// Windows-1252: the accents come through, and the import says which encoding it read.
#[test]
fn a_windows_1252_table_imports_with_its_accents() {
    let mut s = fresh();
    let trawant = s.scenario.team_by_id("trawant").expect("trawant");
    s.scenario.teams[trawant].name = "Équipe Liège".to_string();
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("indeling.csv");
    // "code;naam;team / elz13;Gent;Équipe Liège" in Windows-1252: É = C9, è = E8.
    std::fs::write(
        &path,
        b"code;naam;team\r\nelz13;Gent;\xc9quipe Li\xe8ge\r\n",
    )
    .expect("write");
    let report =
        assignment_csv::import_file(&s.data.atlas, &mut s.scenario, &path).expect("imports");
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    assert_eq!(report.zones, 1);
    let gent = s.data.atlas.unit_by_code("elz13").expect("gent");
    assert_eq!(s.scenario.unit_team[gent], Some(trawant));
    assert_eq!(report.encoding, TextEncoding::Windows1252);
    let nl = gebiedsplanner::i18n::texts(gebiedsplanner::i18n::Lang::Nl);
    assert_eq!(
        gebiedsplanner::i18n::read_in(report.encoding, nl),
        "Gelezen als Windows-1252"
    );
    // The app's own export reads back as UTF-8.
    let out = dir.path().join("terug.csv");
    std::fs::write(&out, assignment_csv::export(&s.data.atlas, &s.scenario)).expect("write");
    let mut t = fresh();
    t.scenario.teams[trawant].name = "Équipe Liège".to_string();
    let again = assignment_csv::import_file(&t.data.atlas, &mut t.scenario, &out).expect("again");
    assert_eq!(again.encoding, TextEncoding::Utf8);
    assert!(again.skipped.is_empty(), "{:?}", again.skipped);
    assert_eq!(t.scenario.unit_team, s.scenario.unit_team);
}

#[test]
fn compare_lists_exactly_the_moved_units() {
    let base = fresh();
    let mut s = fresh();
    let trawant = s.scenario.team_by_id("trawant").expect("trawant");
    let moved = ["elz13", "elz44"];
    for code in moved {
        let u = s.data.atlas.unit_by_code(code).expect("zone");
        apply(
            &mut s.scenario,
            &s.data.atlas,
            &Edit::AssignUnits {
                units: vec![u],
                team: Some(trawant),
            },
        )
        .expect("move");
    }
    let c = compare(&s.data.atlas, &s.scenario, &base.scenario);
    let mut units: Vec<&str> = c
        .moved
        .iter()
        .map(|m| {
            s.data.atlas.units[s.data.atlas.cells[m.cell].unit]
                .code
                .as_str()
        })
        .collect();
    units.sort_unstable();
    units.dedup();
    assert_eq!(units, vec!["elz13", "elz44"]);
    for m in &c.moved {
        let from = m.from.map(|f| base.scenario.teams[f].id.as_str());
        let to = m.to.map(|t| s.scenario.teams[t].id.as_str());
        assert_eq!(from, Some("samen1plan-gent"));
        assert_eq!(to, Some("trawant"));
    }
    let gent_team = s.scenario.team_by_id("samen1plan-gent").expect("gent");
    assert_eq!(c.teams[trawant].municipalities_gained, 5);
    assert_eq!(c.teams[gent_team].municipalities_lost, 5);
}

/// Run `gebiedsplanner export` on the built-in data, with no data folder anywhere; it must
/// succeed.
fn export(args: &[&std::ffi::OsStr]) {
    let (mut cmd, _dir) = common::program();
    let out = cmd.arg("export").args(args).output().expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn export_from_the_command_line_writes_a_png_with_the_team_colours() {
    let dir = tempfile::tempdir().expect("tmp");
    let png = dir.path().join("kaart.png");
    let svg = dir.path().join("kaart.svg");
    let geo = dir.path().join("teams.geojson");
    let csv = dir.path().join("teams.csv");
    export(&[
        "--width".as_ref(),
        "1000".as_ref(),
        "--layers".as_ref(),
        "labels,table".as_ref(),
        "--png".as_ref(),
        png.as_os_str(),
        "--svg".as_ref(),
        svg.as_os_str(),
        "--geojson".as_ref(),
        geo.as_os_str(),
        "--csv".as_ref(),
        csv.as_os_str(),
    ]);
    let (w, h, rgba) = decode_png(&std::fs::read(&png).expect("png")).expect("decode");
    assert_eq!(w, 1000);
    assert!(h > 300 && h < 1000, "height {h}");
    every_team_colour_shows(&rgba, 300);
    let svg_text = std::fs::read_to_string(&svg).expect("svg");
    assert!(svg_text.contains("Statbel"), "attribution on the image");
    assert!(
        svg_text.contains("Modellicentie Gratis Hergebruik v1.0"),
        "the neighbourhoods' licence on the image"
    );
    assert!(svg_text.contains("Samen1Plan Gent"));
    let geojson: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&geo).expect("geo")).expect("json");
    assert_eq!(geojson["features"].as_array().map(Vec::len), Some(17));
    assert!(geojson["attribution"].to_string().contains("Statbel"));
    assert_eq!(geojson["features"][0]["geometry"]["type"], "MultiPolygon");
    let bytes = std::fs::read(&csv).expect("csv");
    assert!(
        bytes.starts_with(&[0xEF, 0xBB, 0xBF]),
        "the CSV starts with a UTF-8 byte order mark, so Excel shows accents"
    );
    let table = String::from_utf8(bytes).expect("UTF-8");
    assert_eq!(table.lines().count(), 18);
    assert!(
        table.contains("samen1plan-gent;Samen1Plan Gent;4;20;"),
        "{table}"
    );
}

/// Every team's colour, at 80 % over white, covers at least `min` pixels of the picture.
fn every_team_colour_shows(rgba: &[u8], min: usize) {
    let s = common::doc(Edition::M2025);
    for team in &s.scenario.teams {
        let want: Vec<u8> = team
            .colour
            .iter()
            .map(|&c| (c as f32 * 0.8 + 255.0 * 0.2).round() as u8)
            .collect();
        let n = rgba
            .chunks_exact(4)
            .filter(|p| (0..3).all(|i| (p[i] as i32 - want[i] as i32).abs() <= 3))
            .count();
        assert!(n > min, "{}: {n} pixels", team.name);
    }
}

/// Run one of poppler's command-line tools (installed by .ci/run) on a PDF.
fn poppler(tool: &str, args: &[&std::ffi::OsStr]) -> String {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} (package poppler-utils) is needed: {e}"));
    assert!(
        out.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The PDF opens in a PDF reader as one page of the image's proportions, with the team colours
/// and with real text: the team names can be searched and copied.
#[test]
fn export_to_pdf_keeps_text_and_colours() {
    let dir = tempfile::tempdir().expect("tmp");
    let pdf = dir.path().join("kaart.pdf");
    export(&[
        "--width".as_ref(),
        "1000".as_ref(),
        "--layers".as_ref(),
        "labels,table".as_ref(),
        "--pdf".as_ref(),
        pdf.as_os_str(),
    ]);
    let info = poppler("pdfinfo", &[pdf.as_os_str()]);
    let field = |name: &str| -> Vec<f64> {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .unwrap_or_else(|| panic!("no {name} in {info}"))
            .split_whitespace()
            .filter_map(|w| w.parse().ok())
            .collect()
    };
    assert_eq!(field("Pages:"), vec![1.0], "{info}");
    // As wide as a landscape A4 page (297 mm, 842 points), as high as the picture needs.
    let size = field("Page size:");
    assert!((size[0] - 841.9).abs() < 1.0, "page {size:?}");
    assert!(size[1] > 250.0 && size[1] < 842.0, "page {size:?}");
    let text = poppler("pdftotext", &[pdf.as_os_str(), std::ffi::OsStr::new("-")]);
    for name in ["Samen1Plan Gent", "Trawant", "Statbel"] {
        assert!(
            text.contains(name),
            "'{name}' is not text in the PDF:\n{text}"
        );
    }
    let prefix = dir.path().join("page");
    poppler(
        "pdftoppm",
        &[
            "-png".as_ref(),
            "-singlefile".as_ref(),
            "-scale-to-x".as_ref(),
            "1000".as_ref(),
            "-scale-to-y".as_ref(),
            "-1".as_ref(),
            pdf.as_os_str(),
            prefix.as_os_str(),
        ],
    );
    let page = dir.path().join("page.png");
    let (w, _, rgba) = decode_png(&std::fs::read(&page).expect("page")).expect("decode");
    assert_eq!(w, 1000);
    every_team_colour_shows(&rgba, 200);
}

#[test]
fn export_with_the_overlay_layers_draws_them() {
    let dir = tempfile::tempdir().expect("tmp");
    let svg = dir.path().join("kaart.svg");
    let png = dir.path().join("kaart.png");
    export(&[
        "--width".as_ref(),
        "900".as_ref(),
        "--layers".as_ref(),
        "historic,proeftuinen".as_ref(),
        "--svg".as_ref(),
        svg.as_os_str(),
        "--png".as_ref(),
        png.as_os_str(),
    ]);
    let text = std::fs::read_to_string(&svg).expect("svg");
    assert!(text.contains("2020: RTJ Stad Antwerpen"), "historic names");
    assert!(
        text.contains("Proeftuin Brugge"),
        "Proeftuin names, short as on the map"
    );
    // Proeftuin yellow shows in the picture.
    let (_, _, rgba) = decode_png(&std::fs::read(&png).expect("png")).expect("decode");
    let yellow = rgba
        .chunks_exact(4)
        .filter(|p| p[0] > 240 && p[1] > 190 && p[1] < 215 && p[2] < 30)
        .count();
    assert!(yellow > 20, "{yellow} yellow pixels");
    // An unknown layer name is refused with the list of known ones.
    let out = Command::new(env!("CARGO_BIN_EXE_gebiedsplanner"))
        .args(["export", "--layers", "rivers", "--png", "x.png"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("historic, proeftuinen"));
}
