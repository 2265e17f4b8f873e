//! The command line as a script meets it: a reader that goes away, a full device, file names
//! that are not UTF-8, and names with control characters in a scenario. No panic, a message,
//! a non-zero exit, and never a forged or broken line.

use crate::common;
use crate::special_files::run_bin;

use std::ffi::OsStr;
use std::io::Read;
use std::os::unix::ffi::OsStrExt;
use std::process::{Command, Stdio};

use gebiedsplanner::data::scenario_file::{self, ScenarioFile};
use gebiedsplanner::model::atlas::Edition;

fn program() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gebiedsplanner"));
    c.env_remove("GEBIEDSPLANNER_DATA")
        .stdin(Stdio::null())
        .stderr(Stdio::piped());
    c
}

#[test]
fn a_reader_that_goes_away_ends_check_quietly_with_a_message() {
    let mut c = program()
        .args(["check", "--zones"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("start");
    // The reader leaves before the first line (as `| head -0`, or `| head -1` on a slow
    // machine): every write after that fails.
    drop(c.stdout.take());
    let mut err = String::new();
    c.stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("read");
    let status = c.wait().expect("wait");
    assert_eq!(status.code(), Some(3), "{err}");
    assert!(err.contains("cannot write the output"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_full_device_as_output_is_a_message_and_an_exit_code() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let out = program()
        .args(["check", "--zones"])
        .stdout(full)
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains("cannot write the output"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn arguments_that_are_not_utf8_are_handled() {
    let name = OsStr::from_bytes(b"/nonexistent/plan-\xff.json");
    let (code, _, err) = run_bin(&["check".as_ref(), name], 30);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("plan-\u{fffd}.json"),
        "the file is named: {err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    let (code, _, err) = run_bin(
        &[
            "check".as_ref(),
            "--lang".as_ref(),
            OsStr::from_bytes(b"n\xffl"),
        ],
        30,
    );
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("is not valid text"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// The default division with the first team's name replaced.
fn scenario_with_team_name(name: &str, id: Option<&str>) -> ScenarioFile {
    let s = common::doc(Edition::M2025);
    let mut f = ScenarioFile::compose(
        &s.data.atlas,
        &s.scenario,
        &Default::default(),
        &Default::default(),
        "2026-12-01T10:00:00Z",
    );
    f.teams[0].name = name.to_string();
    if let Some(id) = id {
        let old = f.teams[0].id.clone();
        f.teams[0].id = id.to_string();
        for v in f.assignment.values_mut() {
            if *v == old {
                *v = id.to_string();
            }
        }
    }
    f
}

const HOSTILE: &str = "<b>&\nzone elz1 forged\u{1b}[2J\u{7}\0";

#[test]
fn control_characters_in_names_never_forge_a_line_or_reach_the_terminal() {
    let dir = tempfile::tempdir().expect("tmp");
    let plan = dir.path().join("plan.json");
    scenario_file::save(&plan, &scenario_with_team_name(HOSTILE, None)).expect("save");
    let (code, out, err) = run_bin(
        &["check".as_ref(), plan.as_os_str(), "--zones".as_ref()],
        60,
    );
    assert_eq!(code, Some(0), "{err}");
    let units = common::dataset(Edition::M2025).atlas.units.len();
    assert_eq!(
        out.lines().filter(|l| l.starts_with("zone ")).count(),
        units,
        "one line per zone, none forged:\n{out}"
    );
    assert!(
        !out.bytes().any(|b| b == 0x1b || b == 0 || b == 7),
        "no control character reaches the terminal"
    );
    assert!(out.contains("<b>&\\nzone elz1 forged\\u{1b}"), "{out}");

    // An id with a newline is refused with the place.
    let bad_id = dir.path().join("bad-id.json");
    scenario_file::save(&bad_id, &scenario_with_team_name("x", Some("a\nzone"))).expect("save");
    let (code, _, err) = run_bin(&["check".as_ref(), bad_id.as_os_str()], 60);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("bad-id.json: team 1: team id"), "{err}");
}

#[test]
fn exports_of_a_hostile_name_are_well_formed() {
    let dir = tempfile::tempdir().expect("tmp");
    let plan = dir.path().join("plan.json");
    scenario_file::save(&plan, &scenario_with_team_name(HOSTILE, None)).expect("save");
    let (svg, csv, pdf) = (
        dir.path().join("map.svg"),
        dir.path().join("teams.csv"),
        dir.path().join("map.pdf"),
    );
    let (code, _, err) = run_bin(
        &[
            "export".as_ref(),
            plan.as_os_str(),
            "--svg".as_ref(),
            svg.as_os_str(),
            "--csv".as_ref(),
            csv.as_os_str(),
            "--pdf".as_ref(),
            pdf.as_os_str(),
        ],
        120,
    );
    assert_eq!(code, Some(0), "{err}");
    let text = std::fs::read_to_string(&svg).expect("svg");
    // XML 1.0 allows no control characters but tab and newlines, not even as references.
    assert!(
        !text
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')),
        "control characters in the SVG"
    );
    assert!(text.contains("&lt;b&gt;&amp;"), "markup is escaped");
    gebiedsplanner::export::render_png(&text).expect("the SVG parses");
    assert!(std::fs::metadata(&pdf).expect("pdf").len() > 1000);

    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_path(&csv)
        .expect("csv");
    let rows: Vec<csv::StringRecord> = r.records().map(|r| r.expect("row")).collect();
    let teams = common::doc(Edition::M2025).scenario.teams.len();
    assert_eq!(rows.len(), teams, "one row per team");
    assert!(
        rows[0][1].starts_with("<b>&\\nzone elz1 forged"),
        "{:?}",
        &rows[0]
    );
    assert!(!rows[0][1].contains('\u{1b}'));
}
