//! Saving when things go wrong: a full disk, a folder that cannot be written, a process killed
//! in the middle of a save, and the autosave after a kill. The old file must survive whole and
//! the app must say what happened.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use gebiedsplanner::app::{AppPaths, GebiedsApp};
use gebiedsplanner::data::scenario_file::{self, FileMeta, ScenarioFile, Unresolved};
use gebiedsplanner::model::atlas::Edition;

fn default_file(name: &str) -> ScenarioFile {
    let s = common::doc(Edition::M2025);
    let mut f = ScenarioFile::compose(
        &s.data.atlas,
        &s.scenario,
        &FileMeta::default(),
        &Unresolved::default(),
        "2026-11-23T10:00:00Z",
    );
    f.name = name.to_string();
    f
}

/// The temporary file `write_atomic` uses for `target` in this process.
fn temp_of(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    target.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

fn harness(save_path: PathBuf, recovery: Option<PathBuf>) -> Harness<'static, GebiedsApp> {
    let paths = AppPaths {
        recovery,
        save_path: Some(save_path),
    };
    common::window_with(paths)
}

#[test]
fn a_full_disk_leaves_the_old_file_and_says_so() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("plan.json");
    let old = default_file("old");
    scenario_file::save(&path, &old).expect("save");
    let before = std::fs::read(&path).expect("read");
    // The temporary file of the next save lands on /dev/full, which takes no byte.
    std::os::unix::fs::symlink("/dev/full", temp_of(&path)).expect("symlink");
    let err = scenario_file::save(&path, &default_file("new")).expect_err("disk full");
    let msg = err.to_string();
    assert!(msg.contains("plan.json: cannot save"), "{msg}");
    assert!(msg.to_lowercase().contains("space"), "{msg}");
    assert_eq!(std::fs::read(&path).expect("read"), before);
    assert!(!temp_of(&path).exists(), "the temporary file is cleaned up");
    assert!(Path::new("/dev/full").exists());

    // The same in the window: Ctrl+S shows a message; the file and the unsaved mark stay.
    std::os::unix::fs::symlink("/dev/full", temp_of(&path)).expect("symlink");
    let mut h = harness(path.clone(), None);
    common::unassign_gent(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(3);
    h.get_by_label("Opslaan mislukt");
    assert!(h.state().workspace().expect("ws").is_dirty());
    let body = h.state().message().cloned().expect("a message").body;
    assert!(body.contains("plan.json"), "{body}");
    assert_eq!(std::fs::read(&path).expect("read"), before);
    let _ = std::fs::remove_file(temp_of(&path));
}

#[test]
fn a_folder_that_cannot_be_written_leaves_the_old_file_and_says_so() {
    let dir = tempfile::tempdir().expect("tmp");
    // A read-only folder stops everyone but root; a path inside /proc stops root too.
    let ro = dir.path().join("read-only");
    std::fs::create_dir(&ro).expect("mkdir");
    let target = ro.join("plan.json");
    scenario_file::save(&target, &default_file("old")).expect("save");
    let before = std::fs::read(&target).expect("read");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    let root_writes_anyway = std::fs::write(ro.join("probe"), b"x").is_ok();
    let targets: Vec<PathBuf> = if root_writes_anyway {
        vec![
            PathBuf::from("/proc/gebiedsplanner-plan.json"),
            dir.path().join("a-file/plan.json"),
        ]
    } else {
        vec![target.clone(), dir.path().join("a-file/plan.json")]
    };
    std::fs::write(dir.path().join("a-file"), b"not a folder").expect("write");
    for t in &targets {
        let err = scenario_file::save(t, &default_file("new")).expect_err("not writable");
        assert!(
            err.to_string()
                .contains(&format!("{}: cannot save", t.display())),
            "{err}"
        );
    }
    assert_eq!(std::fs::read(&target).expect("read"), before);

    // In the window.
    let mut h = harness(targets[0].clone(), None);
    common::unassign_gent(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(3);
    h.get_by_label("Opslaan mislukt");
    assert!(h.state().workspace().expect("ws").is_dirty());
    // The app goes on: the message closes and a save elsewhere works.
    h.get_by_label("Sluiten").click();
    h.run_steps(2);
    assert!(h.state().message().is_none());
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

/// Child side of the kill test: save two versions in turn as fast as possible. Run only
/// when the parent test starts it.
#[test]
#[ignore = "started by a_save_killed_at_any_moment_leaves_the_old_or_the_new_file"]
fn save_loop_child() {
    let Some(dir) = std::env::var_os("GEBIEDSPLANNER_SAVE_LOOP") else {
        return;
    };
    let dir = PathBuf::from(dir);
    let a = scenario_file::read(&dir.join("a.json")).expect("a");
    let b = scenario_file::read(&dir.join("b.json")).expect("b");
    let target = dir.join("plan.json");
    std::fs::write(dir.join(format!("ready-{}", std::process::id())), b"").expect("ready");
    let end = Instant::now() + Duration::from_secs(20);
    while Instant::now() < end {
        scenario_file::save(&target, &a).expect("save a");
        scenario_file::save(&target, &b).expect("save b");
    }
}

/// Child side of the recovery test: change the division, autosave, then wait to be killed.
#[test]
#[ignore = "started by the autosave_offers_the_last_state_after_a_kill test"]
fn autosave_child() {
    let Some(dir) = std::env::var_os("GEBIEDSPLANNER_AUTOSAVE_CHILD") else {
        return;
    };
    let dir = PathBuf::from(dir);
    let mut h = harness(dir.join("unused.json"), Some(dir.join("recovery")));
    common::unassign_gent(&mut h);
    h.state_mut().write_recovery(&dir.join("recovery"));
    std::fs::write(dir.join("ready"), b"").expect("ready");
    std::thread::sleep(Duration::from_secs(60));
}

fn child(test: &str, env: &str, dir: &Path) -> std::process::Child {
    // The test's full name in the suite: this module's path without the crate name.
    let module = module_path!().split_once("::").map_or("", |(_, m)| m);
    let name = format!("{module}::{test}");
    Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "--exact",
            &name,
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(env, dir)
        .stdout(Stdio::null())
        .stderr(
            std::fs::File::create(dir.join(format!("{test}.log")))
                .map_or_else(|_| Stdio::null(), Stdio::from),
        )
        .spawn()
        .expect("spawn child")
}

fn wait_for(p: impl Fn() -> bool, limit: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if p() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    false
}

#[test]
fn a_save_killed_at_any_moment_leaves_the_old_or_the_new_file() {
    let dir = tempfile::tempdir().expect("tmp");
    // Two versions, large enough (a few hundred kB) that a kill often lands inside a write.
    let mut a = default_file("version A");
    let mut b = default_file("version B");
    a.description = "a".repeat(300_000);
    b.description = "b".repeat(200_000);
    b.assignment.remove("elz13");
    scenario_file::save(&dir.path().join("a.json"), &a).expect("a");
    scenario_file::save(&dir.path().join("b.json"), &b).expect("b");
    let target = dir.path().join("plan.json");
    scenario_file::save(&target, &a).expect("first version");

    // A small deterministic generator for the moments of the kills.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let rounds = 30;
    let (mut saw_a, mut saw_b, mut cut_short) = (0, 0, 0);
    for round in 0..rounds {
        let mut c = child("save_loop_child", "GEBIEDSPLANNER_SAVE_LOOP", dir.path());
        let ready = dir.path().join(format!("ready-{}", c.id()));
        assert!(
            wait_for(|| ready.exists(), Duration::from_secs(30)),
            "the child never started"
        );
        std::thread::sleep(Duration::from_micros(next() % 300_000));
        let pid = c.id();
        c.kill().expect("kill -9");
        c.wait().expect("wait");
        // A temporary file of this child: the kill landed inside a save.
        if dir.path().join(format!(".plan.json.{pid}.tmp")).exists() {
            cut_short += 1;
        }
        let f = scenario_file::read(&target)
            .unwrap_or_else(|e| panic!("round {round}: the file is damaged: {e}"));
        match f.name.as_str() {
            "version A" => {
                assert_eq!(f.description.len(), 300_000);
                saw_a += 1;
            }
            "version B" => {
                assert_eq!(f.description.len(), 200_000);
                assert!(!f.assignment.contains_key("elz13"));
                saw_b += 1;
            }
            other => panic!("round {round}: unexpected content '{other}'"),
        }
    }
    assert_eq!(saw_a + saw_b, rounds);
    println!(
        "{rounds} kills: {saw_a} left version A, {saw_b} version B, {cut_short} cut a save short"
    );
    assert!(
        cut_short > 0,
        "no kill landed inside a save; the child said: {}",
        std::fs::read_to_string(dir.path().join("save_loop_child.log")).unwrap_or_default()
    );
    // The next save tidies up what the killed saves left.
    scenario_file::save(&target, &a).expect("a last save");
    let tmp_count = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        })
        .count();
    assert_eq!(
        tmp_count, 0,
        "the temporary files of killed saves are removed"
    );
}

#[test]
fn autosave_offers_the_last_state_after_a_kill() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut c = child(
        "autosave_child",
        "GEBIEDSPLANNER_AUTOSAVE_CHILD",
        dir.path(),
    );
    let ready = dir.path().join("ready");
    let started = wait_for(|| ready.exists(), Duration::from_secs(120));
    c.kill().expect("kill -9");
    c.wait().expect("wait");
    assert!(started, "the child never autosaved");
    let recovery = dir.path().join("recovery");
    assert_eq!(gebiedsplanner::app::recovery_files(&recovery).len(), 1);

    // The next start offers it; restoring brings back the change.
    let mut h = harness(dir.path().join("unused.json"), Some(recovery.clone()));
    h.get_by_label("Werk herstellen?");
    h.get_by_label("Herstellen").click();
    h.run_steps(3);
    let w = h.state().workspace().expect("ws");
    let gent = w.doc.data.atlas.unit_by_code("elz13").expect("gent");
    assert_eq!(w.doc.scenario.unit_team[gent], None);
    assert!(w.is_dirty());
    assert!(gebiedsplanner::app::recovery_files(&recovery).is_empty());
}
