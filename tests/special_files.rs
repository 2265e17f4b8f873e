//! Files that are not what they seem: a pipe, a link to a device, a folder, a link as the save
//! target, an output that is also an input. Every reader answers within seconds with the file
//! and what is wrong; every writer leaves such a thing as it was.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use gebiedsplanner::data::{self, assignment_csv, reference, scenario_file};
use gebiedsplanner::model::atlas::Edition;

/// Run `f` on another thread and give its answer, or fail the test when none came within
/// `secs` (the old readers waited forever on a pipe).
pub fn within<T: Send + 'static>(secs: u64, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(secs))
        .unwrap_or_else(|_| panic!("no answer within {secs} s: the reader hangs"))
}

/// A named pipe with no writer.
pub fn fifo(path: &Path) -> PathBuf {
    let ok = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(ok.success(), "mkfifo {}", path.display());
    path.to_path_buf()
}

fn is_fifo(p: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_fifo())
}

/// The program run with `args`, stopped after `secs`: (exit code, stdout, stderr).
pub fn run_bin(args: &[&std::ffi::OsStr], secs: u64) -> (Option<i32>, String, String) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gebiedsplanner"))
        .args(args)
        .env_remove("GEBIEDSPLANNER_DATA")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the program");
    let start = Instant::now();
    let code = loop {
        if let Some(s) = c.try_wait().expect("wait") {
            break s.code();
        }
        if start.elapsed() > Duration::from_secs(secs) {
            let _ = c.kill();
            let _ = c.wait();
            panic!("the program did not finish within {secs} s: {args:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let out = c.wait_with_output().expect("output");
    (
        code,
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_pipe_or_a_link_to_a_device_is_refused_at_once_by_every_reader() {
    let dir = tempfile::tempdir().expect("tmp");
    let pipe = fifo(&dir.path().join("plan.json"));
    let zero = dir.path().join("zero.json");
    std::os::unix::fs::symlink("/dev/zero", &zero).expect("link");

    let p = pipe.clone();
    let e = within(10, move || scenario_file::read(&p)).expect_err("a pipe");
    assert!(
        e.to_string()
            .contains("plan.json: is not a regular file (a pipe)"),
        "{e}"
    );
    let z = zero.clone();
    let e = within(10, move || scenario_file::read(&z)).expect_err("a device");
    assert!(
        e.to_string()
            .contains("zero.json: is not a regular file (a device)"),
        "{e}"
    );
    let p = pipe.clone();
    let e = within(10, move || reference::read_reference_layer(&p)).expect_err("a pipe");
    assert!(e.to_string().contains("is not a regular file"), "{e}");
    let z = zero.clone();
    let e = within(10, move || {
        let base = common::doc(Edition::M2025);
        let mut s = base.scenario.clone();
        assignment_csv::import_file(&base.data.atlas, &mut s, &z).map(|_| ())
    })
    .expect_err("a device");
    assert!(
        e.to_string().contains("zero.json: is not a regular file"),
        "{e}"
    );
    assert!(is_fifo(&pipe), "the pipe is left as it was");
}

#[test]
fn a_data_folder_with_a_pipe_and_a_device_link_is_reported_not_waited_on() {
    let tmp = common::data_copy();
    let pop = tmp.path().join("population_flanders_2021_by_agegroup.csv");
    std::fs::remove_file(&pop).expect("rm");
    std::os::unix::fs::symlink("/dev/zero", &pop).expect("link");
    let d = tmp.path().to_path_buf();
    let e = within(20, move || {
        data::load_atlas(&common::folder(&d), Edition::M2025)
    })
    .expect_err("a device");
    assert!(
        e.to_string()
            .contains("population_flanders_2021_by_agegroup.csv: is not a regular file (a device)"),
        "{e}"
    );
    let muni = tmp
        .path()
        .join("municipalities_flanders_brussels_2025.geojson");
    std::fs::remove_file(&pop).expect("rm");
    let built_in = common::data_copy();
    std::fs::copy(
        built_in
            .path()
            .join("population_flanders_2021_by_agegroup.csv"),
        &pop,
    )
    .expect("copy");
    std::fs::remove_file(&muni).expect("rm");
    fifo(&muni);
    let d = tmp.path().to_path_buf();
    let e = within(20, move || {
        data::load_atlas(&common::folder(&d), Edition::M2025)
    })
    .expect_err("a pipe");
    assert!(
        e.to_string()
            .contains("municipalities_flanders_brussels_2025.geojson: is not a regular file"),
        "{e}"
    );
}

#[test]
fn the_command_line_answers_a_pipe_as_scenario_within_seconds() {
    let dir = tempfile::tempdir().expect("tmp");
    let pipe = fifo(&dir.path().join("plan.json"));
    let (code, _, err) = run_bin(&["check".as_ref(), pipe.as_os_str()], 20);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("plan.json: is not a regular file (a pipe)"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn saving_through_a_link_keeps_the_link_and_replaces_the_file_it_points_to() {
    let dir = tempfile::tempdir().expect("tmp");
    let shared = dir.path().join("shared");
    std::fs::create_dir(&shared).expect("dir");
    let s = common::doc(Edition::M2025);
    let compose = |name: &str| {
        let mut f = scenario_file::ScenarioFile::compose(
            &s.data.atlas,
            &s.scenario,
            &Default::default(),
            &Default::default(),
            "2026-12-01T10:00:00Z",
        );
        f.name = name.to_string();
        f
    };
    let real = shared.join("plan.json");
    scenario_file::save(&real, &compose("old")).expect("save");
    let link = dir.path().join("plan.json");
    std::os::unix::fs::symlink(&real, &link).expect("link");
    scenario_file::save(&link, &compose("new")).expect("save through the link");
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("meta")
            .file_type()
            .is_symlink(),
        "the link is still a link"
    );
    assert_eq!(scenario_file::read(&real).expect("read").name, "new");
    // A save target that is a pipe is refused and left a pipe.
    let pipe = fifo(&dir.path().join("pipe.json"));
    let e = scenario_file::save(&pipe, &compose("x")).expect_err("a pipe");
    assert!(e.to_string().contains("is not a regular file"), "{e}");
    assert!(is_fifo(&pipe));
}

#[test]
fn an_export_refuses_an_output_that_is_an_input_or_another_output() {
    let dir = tempfile::tempdir().expect("tmp");
    let a = dir.path().join("a");
    let (code, _, err) = run_bin(
        &[
            "export".as_ref(),
            "--png".as_ref(),
            a.as_os_str(),
            "--svg".as_ref(),
            a.as_os_str(),
        ],
        60,
    );
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("are the same file"), "{err}");
    assert!(!a.exists(), "nothing was written");

    // The scenario as its own output, once through a link.
    let s = common::doc(Edition::M2025);
    let plan = dir.path().join("plan.json");
    let f = scenario_file::ScenarioFile::compose(
        &s.data.atlas,
        &s.scenario,
        &Default::default(),
        &Default::default(),
        "2026-12-01T10:00:00Z",
    );
    scenario_file::save(&plan, &f).expect("save");
    let before = std::fs::read(&plan).expect("read");
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink(&plan, &link).expect("link");
    for out in [&plan, &link] {
        let (code, _, err) = run_bin(
            &[
                "export".as_ref(),
                plan.as_os_str(),
                "--csv".as_ref(),
                out.as_os_str(),
            ],
            60,
        );
        assert_eq!(code, Some(2), "{err}");
        assert!(err.contains("that is the scenario"), "{err}");
        assert_eq!(
            std::fs::read(&plan).expect("read"),
            before,
            "the scenario is unchanged"
        );
    }

    // A data file as output (of a copy of the data folder).
    let data = common::data_copy();
    let data_file = data.path().join("elz_gemeenten_2025.csv");
    let before = std::fs::read(&data_file).expect("read");
    let (code, _, err) = run_bin(
        &[
            "export".as_ref(),
            "--data".as_ref(),
            data.path().as_os_str(),
            "--csv".as_ref(),
            data_file.as_os_str(),
        ],
        60,
    );
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("that is the data file"), "{err}");
    assert_eq!(std::fs::read(&data_file).expect("read"), before);

    // An output that links to a pipe is refused and the pipe left alone.
    let pipe = fifo(&dir.path().join("pipe"));
    let to_pipe = dir.path().join("out.csv");
    std::os::unix::fs::symlink(&pipe, &to_pipe).expect("link");
    let (code, _, err) = run_bin(
        &["export".as_ref(), "--csv".as_ref(), to_pipe.as_os_str()],
        60,
    );
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("is not a regular file"), "{err}");
    assert!(is_fifo(&pipe));
}
