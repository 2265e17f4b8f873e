//! Recovery after a crash when the recovery folder holds more than good files: a file that
//! cannot be opened is kept and named, every failure is told, a folder or a pipe in the
//! folder never blocks the start; and an autosave that cannot be written is told once.

use crate::common;
use crate::special_files::fifo;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use gebiedsplanner::app::{AppPaths, Command, GebiedsApp, recovery_files};

fn start(recovery: &std::path::Path) -> Harness<'static, GebiedsApp> {
    let paths = AppPaths {
        recovery: Some(recovery.to_path_buf()),
        save_path: None,
    };
    common::window_with(paths)
}

/// The body of the message window, if one is open.
fn message(h: &Harness<'_, GebiedsApp>) -> Option<(String, String)> {
    h.state()
        .message()
        .map(|m| (m.title.clone(), m.body.clone()))
}

/// Leave one recovery copy in `rec`, as the autosave of a window with unsaved work does,
/// and return its path.
fn one_recovery_copy(rec: &std::path::Path) -> std::path::PathBuf {
    let mut h = start(rec);
    common::unassign_gent(&mut h);
    h.state_mut().write_recovery(rec);
    let mut copies = recovery_files(rec);
    assert_eq!(copies.len(), 1);
    copies.remove(0)
}

/// Turn a file into a folder that is not empty, so that it cannot be removed as a file.
fn make_unremovable(path: &std::path::Path) {
    std::fs::remove_file(path).expect("remove");
    std::fs::create_dir(path).expect("dir");
    std::fs::write(path.join("inside"), "x").expect("write");
}

#[test]
fn a_recovery_file_that_cannot_be_opened_is_kept_and_every_failure_is_named() {
    let rec = tempfile::tempdir().expect("tmp");
    // One good recovery file, written as the autosave writes it.
    let good = one_recovery_copy(rec.path());
    // Two that cannot be opened: cut off in the middle, and written by a newer version.
    let truncated = rec.path().join("scenario-1-1.json");
    let text = std::fs::read_to_string(&good).expect("read");
    std::fs::write(&truncated, &text[..text.len() / 2]).expect("write");
    let newer = rec.path().join("scenario-1-2.json");
    std::fs::write(
        &newer,
        r#"{"format":"gebiedsplanner-scenario","version":99,"name":"x"}"#,
    )
    .expect("write");
    // A folder and a pipe with the name of a recovery file.
    let folder = rec.path().join("scenario-1-3.json");
    std::fs::create_dir(&folder).expect("dir");
    let pipe = fifo(&rec.path().join("scenario-1-4.json"));

    // Looking through the folder does not wait on the pipe, and offers neither it nor the
    // folder.
    let dir = rec.path().to_path_buf();
    let offered =
        crate::special_files::within(60, move || gebiedsplanner::data::recovery::scan(&dir).len());
    assert_eq!(offered, 3);
    let mut h = start(rec.path());
    h.get_by_label("Werk herstellen?");
    h.get_by_label("Herstellen").click();
    h.run_steps(3);

    // The good one is restored and removed.
    let tabs = h.state().tabs().expect("tabs");
    assert_eq!(tabs.list.len(), 2);
    let w = &tabs.list[tabs.active];
    let gent = w.doc.data.atlas.unit_by_code("elz13").expect("gent");
    assert_eq!(w.doc.scenario.unit_team[gent], None);
    assert!(!good.exists());

    // Both failures are in the one message, each with where its file is kept.
    let (title, body) = message(&h).expect("a message");
    assert_eq!(title, "Niet alles kon hersteld worden");
    for f in [&truncated, &newer] {
        let kept = f.with_file_name(format!(
            "{}.unreadable",
            f.file_name().expect("name").to_string_lossy()
        ));
        assert!(kept.is_file(), "{} is kept", kept.display());
        assert!(!f.exists());
        assert!(body.contains(&f.display().to_string()), "{body}");
        assert!(body.contains(&kept.display().to_string()), "{body}");
    }
    assert!(body.contains("Het bestand blijft bewaard als"), "{body}");
    h.get_by_label(&title);
    assert!(
        folder.is_dir() && pipe.exists(),
        "the folder and the pipe are left alone"
    );

    // The next start offers nothing: the kept files, the folder and the pipe are not offered.
    drop(h);
    let h = start(rec.path());
    assert!(h.query_by_label("Werk herstellen?").is_none());
    assert!(recovery_files(rec.path()).is_empty());
}

#[test]
fn discarding_removes_only_the_offered_files() {
    let rec = tempfile::tempdir().expect("tmp");
    one_recovery_copy(rec.path());
    let folder = rec.path().join("scenario-1-3.json");
    std::fs::create_dir(&folder).expect("dir");
    let mut h = start(rec.path());
    h.get_by_label("Weggooien").click();
    h.run_steps(2);
    assert!(recovery_files(rec.path()).is_empty());
    assert!(folder.is_dir());
    assert!(message(&h).is_none(), "{:?}", message(&h));
}

#[test]
fn a_discarded_copy_that_cannot_be_removed_is_told_and_offered_again() {
    let rec = tempfile::tempdir().expect("tmp");
    let copy = one_recovery_copy(rec.path());
    let mut h = start(rec.path());
    h.get_by_label("Werk herstellen?");
    // While the question is open, the copy turns into a folder that is not empty.
    make_unremovable(&copy);
    h.get_by_label("Weggooien").click();
    h.run_steps(2);
    let (title, body) = message(&h).expect("the user is told");
    assert_eq!(title, "Herstelkopie niet verwijderd");
    let name = copy.file_name().and_then(|n| n.to_str()).expect("name");
    assert!(body.contains(name), "the copy is named: {body}");
    assert!(body.contains("opnieuw aangeboden"), "{body}");
    assert!(copy.join("inside").is_file(), "nothing inside is touched");
}

#[test]
fn an_autosave_that_cannot_be_written_is_told_once_and_tried_again() {
    let tmp = tempfile::tempdir().expect("tmp");
    // The recovery "folder" is a file.
    let rec = tmp.path().join("recovery");
    std::fs::write(&rec, "not a folder").expect("write");
    let mut h = start(&rec);
    common::unassign_gent(&mut h);
    h.state_mut().write_recovery(&rec);
    h.run_steps(2);
    let (title, body) = message(&h).expect("the failure is told");
    assert_eq!(title, "Automatisch bewaren mislukt");
    assert!(body.contains(&rec.display().to_string()), "{body}");
    h.get_by_label("Automatisch bewaren mislukt");
    // The user closes the message.
    h.state_mut().push(Command::CloseMessage);
    h.run_steps(2);
    // The next failing autosave says nothing new.
    h.state_mut().write_recovery(&rec);
    h.run_steps(2);
    assert!(message(&h).is_none(), "told once, not every minute");
    // Once the folder can be written, the autosave works again.
    std::fs::remove_file(&rec).expect("rm");
    h.state_mut().write_recovery(&rec);
    assert_eq!(recovery_files(&rec).len(), 1);
    assert!(
        h.state().workspace().expect("ws").is_dirty(),
        "the work is still unsaved"
    );
    // A new failure after a success is told again.
    std::fs::remove_dir_all(&rec).expect("rm");
    std::fs::write(&rec, "not a folder").expect("write");
    h.state_mut().write_recovery(&rec);
    assert!(message(&h).is_some_and(|(t, _)| t == "Automatisch bewaren mislukt"));
}

#[test]
fn a_recovery_copy_that_cannot_be_removed_after_saving_is_told_and_the_save_stands() {
    let rec = tempfile::tempdir().expect("tmp");
    let out = tempfile::tempdir().expect("tmp");
    let saved = out.path().join("voorstel.json");
    let paths = AppPaths {
        recovery: Some(rec.path().to_path_buf()),
        save_path: Some(saved.clone()),
    };
    let mut h = common::window_with(paths);
    common::unassign_gent(&mut h);
    h.state_mut().write_recovery(rec.path());
    let copies = recovery_files(rec.path());
    assert_eq!(copies.len(), 1);
    make_unremovable(&copies[0]);
    h.state_mut().push(Command::Save);
    h.run_steps(3);
    assert!(saved.is_file(), "the save itself succeeds");
    let (title, body) = message(&h).expect("the user is told");
    assert_eq!(title, "Herstelkopie niet verwijderd");
    let name = copies[0]
        .file_name()
        .and_then(|n| n.to_str())
        .expect("name");
    assert!(body.contains(name), "the copy is named: {body}");
    assert!(body.contains("kan niet verwijderd worden"), "{body}");
    assert!(copies[0].exists(), "nothing else is touched");
}
