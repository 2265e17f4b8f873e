//! Files in the window: save with Ctrl+S, the unsaved mark, tabs, the question before closing,
//! recovery after a crash, and a file that vanished.

use crate::common;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use gebiedsplanner::app::{AppPaths, Command, GebiedsApp, Settings};
use gebiedsplanner::data::scenario_file;
use gebiedsplanner::ui::dialogs::ScriptedDialogs;

fn harness_with(
    settings: Settings,
    paths: AppPaths,
    dialogs: ScriptedDialogs,
) -> Harness<'static, GebiedsApp> {
    let app = GebiedsApp::with_paths(settings, None, Box::new(dialogs), paths);
    common::window(app)
}

/// The window on the built-in data, with nothing set.
fn plain_harness() -> Harness<'static, GebiedsApp> {
    harness_with(
        Settings::default(),
        AppPaths::default(),
        ScriptedDialogs::default(),
    )
}

/// The window with a second tab of the same division open (and active).
fn two_tabs() -> Harness<'static, GebiedsApp> {
    let mut h = plain_harness();
    h.state_mut().push(Command::NewTab { empty: false });
    h.run_steps(2);
    assert_eq!(h.state().tabs().expect("tabs").list.len(), 2);
    h
}

#[test]
fn ctrl_s_saves_to_the_save_path_and_clears_the_unsaved_mark() {
    let dir = tempfile::tempdir().expect("tmp");
    let target = dir.path().join("plan.json");
    let paths = AppPaths {
        recovery: None,
        save_path: Some(target.clone()),
    };
    let mut h = harness_with(Settings::default(), paths, ScriptedDialogs::default());
    common::unassign_gent(&mut h);
    assert!(h.state().workspace().expect("ws").is_dirty());
    assert!(
        h.state().window_title().ends_with("* — Gebiedsplanner"),
        "{}",
        h.state().window_title()
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    assert!(!h.state().workspace().expect("ws").is_dirty());
    // The title names the scenario and its file; the tab names the scenario, unmarked.
    let name = h
        .state()
        .workspace()
        .expect("ws")
        .title(gebiedsplanner::i18n::texts(gebiedsplanner::i18n::Lang::Nl));
    assert_eq!(
        h.state().window_title(),
        format!("{name} — plan.json — Gebiedsplanner")
    );
    h.get_by_label(&name);
    // The saved file has Gent without a team.
    let f = scenario_file::read(&target).expect("saved file");
    assert!(!f.assignment.contains_key("elz13"));
    assert_eq!(f.assignment.len(), 59);
    // The history survives saving.
    assert!(h.state().workspace().expect("ws").history.can_undo());
}

#[test]
fn closing_a_tab_with_changes_asks_first() {
    let mut h = two_tabs();
    common::unassign_gent(&mut h);
    let active = h.state().tabs().expect("tabs").active;
    h.state_mut().push(Command::CloseTab(active));
    h.run_steps(2);
    h.get_by_label("Niet-bewaarde wijzigingen");
    h.get_by_label("Annuleren").click();
    h.run_steps(2);
    assert_eq!(
        h.state().tabs().expect("tabs").list.len(),
        2,
        "cancel keeps the tab"
    );
    h.state_mut().push(Command::CloseTab(active));
    h.run_steps(2);
    h.get_by_label("Niet bewaren").click();
    h.run_steps(2);
    assert_eq!(h.state().tabs().expect("tabs").list.len(), 1);
}

#[test]
fn while_a_question_waits_the_editor_behind_it_takes_no_keys_and_a_click_beside_it_cancels() {
    let mut h = plain_harness();
    common::unassign_gent(&mut h);
    let w = h.state().workspace().expect("ws");
    let zone = w.doc.data.atlas.unit_by_code("elz44").expect("zone");
    let team = w.doc.scenario.unit_team[zone];
    h.state_mut().push(Command::SelectZone(zone));
    h.run_steps(2);
    let active = h.state().tabs().expect("tabs").active;
    h.state_mut().push(Command::CloseTab(active));
    h.run_steps(2);
    h.get_by_label("Niet-bewaarde wijzigingen");
    // Delete, undo and a new tab are for the window behind, not while it asks.
    h.key_press(Key::Delete);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    // The frame of the key press is the one that would ask the window to close.
    common::press_and_hold(&h, Modifiers::COMMAND, Key::Q);
    h.step();
    let asked = common::viewport_commands(&h);
    assert!(
        !asked.contains(&egui::ViewportCommand::Close),
        "Ctrl+Q did not close the window"
    );
    h.key_up_modifiers(Modifiers::COMMAND, Key::Q);
    h.run_steps(2);
    let w = h.state().workspace().expect("ws");
    assert_eq!(w.doc.scenario.unit_team[zone], team, "Delete did nothing");
    assert_eq!(w.history.len(), 1, "Ctrl+Z did nothing");
    assert_eq!(
        h.state().tabs().expect("tabs").list.len(),
        1,
        "Ctrl+N did nothing"
    );
    h.get_by_label("Niet-bewaarde wijzigingen");
    // A click beside the question keeps the tab and its work.
    common::click_at(&mut h, egui::pos2(8.0, 400.0));
    assert!(h.query_by_label("Niet-bewaarde wijzigingen").is_none());
    let tabs = h.state().tabs().expect("tabs");
    assert_eq!(tabs.list.len(), 1);
    assert!(tabs.list[tabs.active].is_dirty());
}

#[test]
fn closing_the_window_lists_every_tab_with_unsaved_work_and_tells_tabs_of_one_name_apart() {
    let mut h = two_tabs();
    common::unassign_gent(&mut h);
    h.state_mut().push(Command::SwitchTab(0));
    h.run_steps(2);
    common::unassign_gent(&mut h);
    let tabs = h.state().tabs().expect("tabs");
    assert!(
        tabs.list
            .iter()
            .all(gebiedsplanner::workspace::Workspace::is_dirty)
    );
    let title = tabs.list[0].doc.scenario.name.clone();
    assert_eq!(
        tabs.list[1].doc.scenario.name, title,
        "two tabs of one name"
    );
    common::request_close(&mut h);
    h.run_steps(2);
    h.get_by_label("Niet-bewaarde wijzigingen");
    let question = h
        .query_by_label_contains("Gebiedsplanner sluit af")
        .expect("the question says the window closes")
        .accesskit_node()
        .value()
        .unwrap_or_default();
    assert!(
        question.contains(&format!("‘{title}’ (tabblad 1)")),
        "{question}"
    );
    assert!(
        question.contains(&format!("‘{title}’ (tabblad 2)")),
        "{question}"
    );
    assert!(question.contains("Deze tabbladen hebben"), "{question}");
    // Cancelling keeps both tabs open.
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(h.query_by_label("Niet-bewaarde wijzigingen").is_none());
    assert_eq!(h.state().tabs().expect("tabs").list.len(), 2);
    // With the first tab's change undone, only the second is named, in the singular.
    h.state_mut().push(Command::Undo);
    h.run_steps(2);
    common::request_close(&mut h);
    h.run_steps(2);
    let question = h
        .query_by_label_contains("Gebiedsplanner sluit af")
        .expect("asked again")
        .accesskit_node()
        .value()
        .unwrap_or_default();
    assert!(question.contains("Dit tabblad heeft"), "{question}");
    assert!(question.contains("(tabblad 2)"), "{question}");
    assert!(!question.contains("(tabblad 1)"), "{question}");
}

#[test]
fn a_question_about_a_tab_with_a_very_long_name_keeps_its_buttons_on_screen() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("long.json");
    {
        let s = common::doc(gebiedsplanner::model::atlas::Edition::M2025);
        let mut f = scenario_file::ScenarioFile::from_scenario(&s.data.atlas, &s.scenario);
        f.name = vec!["Een heel lange naam"; 400].join("\n");
        scenario_file::save(&file, &f).expect("save");
    }
    let dialogs = ScriptedDialogs::default();
    dialogs.open.borrow_mut().push(file);
    let mut h = harness_with(Settings::default(), AppPaths::default(), dialogs);
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run_steps(3);
    common::unassign_gent(&mut h);
    let active = h.state().tabs().expect("tabs").active;
    h.state_mut().push(Command::CloseTab(active));
    h.run_steps(3);
    let screen = h.ctx.content_rect();
    for answer in ["Opslaan", "Niet bewaren", "Annuleren"] {
        let button = h.get_by_label(answer).rect();
        assert!(screen.contains_rect(button), "{answer} at {button:?}");
    }
}

#[test]
fn opening_a_file_adds_a_tab_and_duplicating_branches_it() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("variant.json");
    {
        let s = common::doc(gebiedsplanner::model::atlas::Edition::M2025);
        let mut f = scenario_file::ScenarioFile::from_scenario(&s.data.atlas, &s.scenario);
        f.name = "Variant A".into();
        f.assignment.insert("elz13".into(), "trawant".into());
        scenario_file::save(&file, &f).expect("save");
    }
    let dialogs = ScriptedDialogs::default();
    dialogs.open.borrow_mut().push(file.clone());
    let mut h = harness_with(Settings::default(), AppPaths::default(), dialogs);
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run_steps(3);
    let tabs = h.state().tabs().expect("tabs");
    assert_eq!(tabs.list.len(), 2);
    assert_eq!(tabs.list[1].doc.scenario.name, "Variant A");
    assert!(!tabs.list[1].is_dirty());
    // The tab names the scenario; the window title also names its file.
    h.get_by_label("Variant A");
    assert_eq!(
        h.state().window_title(),
        "Variant A — variant.json — Gebiedsplanner"
    );
    h.state_mut().push(Command::DuplicateTab);
    h.run_steps(2);
    let tabs = h.state().tabs().expect("tabs");
    assert_eq!(tabs.list.len(), 3);
    assert_eq!(
        tabs.list[2].doc.scenario.unit_team,
        tabs.list[1].doc.scenario.unit_team
    );
    assert!(tabs.list[2].file.path.is_none());
    assert!(h.state().settings.recent.contains(&file));
}

#[test]
fn after_a_crash_the_autosave_is_offered_and_restored() {
    let rec = tempfile::tempdir().expect("tmp");
    let paths = AppPaths {
        recovery: Some(rec.path().to_path_buf()),
        save_path: None,
    };
    // First run: a change, then the autosave, then a "crash" (the app is dropped).
    {
        let mut h = harness_with(
            Settings::default(),
            paths.clone(),
            ScriptedDialogs::default(),
        );
        common::unassign_gent(&mut h);
        h.state_mut().write_recovery(rec.path());
    }
    assert_eq!(gebiedsplanner::app::recovery_files(rec.path()).len(), 1);
    // Next start offers it.
    let mut h = harness_with(Settings::default(), paths, ScriptedDialogs::default());
    h.get_by_label("Werk herstellen?");
    h.get_by_label("Herstellen").click();
    h.run_steps(3);
    let tabs = h.state().tabs().expect("tabs");
    assert_eq!(tabs.list.len(), 2);
    let restored = &tabs.list[tabs.active];
    let gent = restored.doc.data.atlas.unit_by_code("elz13").expect("gent");
    assert_eq!(restored.doc.scenario.unit_team[gent], None);
    assert!(
        restored.is_dirty(),
        "a restored scenario still needs saving"
    );
    assert!(gebiedsplanner::app::recovery_files(rec.path()).is_empty());
}

#[test]
fn a_remembered_file_that_vanished_is_reported() {
    let settings = Settings {
        open_files: vec!["/nonexistent/plan.json".into()],
        ..Settings::default()
    };
    let h = harness_with(settings, AppPaths::default(), ScriptedDialogs::default());
    h.get_by_label("Bestanden niet gevonden");
    h.get_by_label("/nonexistent/plan.json");
    assert_eq!(h.state().tabs().expect("tabs").list.len(), 1);
}

#[test]
fn comparing_with_another_tab_lists_the_moved_zones() {
    let mut h = plain_harness();
    h.state_mut().push(Command::DuplicateTab);
    h.run_steps(2);
    // Compare the copy with the first tab.
    let first = h.state().tabs().expect("tabs").list[0]
        .title(gebiedsplanner::i18n::texts(gebiedsplanner::i18n::Lang::Nl));
    assert_eq!(h.state().tabs().expect("tabs").active, 1);
    // The first tab's name shows twice: on its tab, and as a baseline in the toolbar.
    h.query_all_by_label(&first)
        .last()
        .expect("compare button")
        .click();
    h.run_steps(2);
    h.get_by_label("Verschillen").click();
    h.run_steps(2);
    // Two equal divisions: the panel says so instead of showing an empty table.
    h.get_by_label_contains("Geen verschillen");
    common::unassign_gent(&mut h);
    let w = h.state().workspace().expect("ws");
    assert_eq!(w.comparison.moved.len(), 1);
    h.get_by_label_contains("1 verschoven");
    h.get_by_label("Zone of gemeente");
    assert!(h.query_by_label_contains("Geen verschillen").is_none());
    // Gent is in the table (besides the details of the selection).
    assert!(h.query_all_by_label("Gent").count() >= 2);
    assert!(
        h.query_all_by_label("Samen1Plan Gent").count() >= 2,
        "the table names the team Gent leaves"
    );
}

/// The map exported from the File menu as PDF: the file is written and the window says where.
#[test]
fn the_file_menu_exports_the_map_as_pdf() {
    let dir = tempfile::tempdir().expect("tmp");
    let target = dir.path().join("kaart.pdf");
    let dialogs = ScriptedDialogs::default();
    dialogs.save.borrow_mut().push(target.clone());
    let paths = AppPaths {
        recovery: None,
        save_path: None,
    };
    let mut h = harness_with(Settings::default(), paths, dialogs);
    h.get_by_label("Bestand").click();
    h.run_steps(2);
    h.get_by_label("Kaart exporteren (PDF)…").click();
    h.run_steps(3);
    let bytes = std::fs::read(&target).expect("the PDF was written");
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    assert!(
        bytes.len() > 50_000,
        "{} bytes: the map is missing",
        bytes.len()
    );
    h.get_by_label_contains("kaart.pdf");
}

/// On a system without file dialogs (no xdg-desktop-portal), "Save as" and the exports say so
/// and how to save anyway, instead of doing nothing.
#[test]
fn without_a_file_dialog_the_window_says_how_to_save() {
    let dialogs = ScriptedDialogs {
        no_dialogs: true,
        ..ScriptedDialogs::default()
    };
    let paths = AppPaths {
        recovery: None,
        save_path: None,
    };
    let mut h = harness_with(Settings::default(), paths, dialogs);
    assert!(h.query_by_label_contains("kon niet openen").is_none());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run_steps(2);
    h.get_by_label_contains("Het bestandsvenster kon niet openen");
    h.get_by_label_contains("--save-path");
}
