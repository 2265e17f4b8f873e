//! The commands, family by family: applying one changes what its menu entry promises, the
//! menus and the shortcuts list come from one table, and every tab shares one dataset.

use std::sync::Arc;

use crate::common;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use gebiedsplanner::app::{AppPaths, Command, GebiedsApp, UiCommand};
use gebiedsplanner::i18n::{self, Lang};
use gebiedsplanner::model::edit::Edit;
use gebiedsplanner::model::metrics::BudgetModel;
use gebiedsplanner::workspace::{Baseline, EditMode, Workspace};

fn harness_with(paths: AppPaths) -> Harness<'static, GebiedsApp> {
    common::window_with(paths)
}

fn harness() -> Harness<'static, GebiedsApp> {
    harness_with(AppPaths::default())
}

fn ws<'a>(h: &'a Harness<'_, GebiedsApp>) -> &'a Workspace {
    h.state().workspace().expect("a scenario is open")
}

fn run(h: &mut Harness<'_, GebiedsApp>, commands: impl IntoIterator<Item = Command>) {
    for c in commands {
        h.state_mut().push(c);
    }
    h.run_steps(2);
}

#[test]
fn editing_commands_change_the_division_and_undo_takes_them_back() {
    let mut h = harness();
    let gent = ws(&h).doc.data.atlas.unit_by_code("elz13").expect("Gent");
    let trawant = ws(&h).doc.scenario.team_by_id("trawant").expect("trawant");
    let teams = ws(&h).doc.scenario.teams.len();

    run(
        &mut h,
        [
            Command::SelectZone(gent),
            Command::AssignSelection(Some(trawant)),
        ],
    );
    assert_eq!(ws(&h).doc.scenario.unit_team[gent], Some(trawant));
    assert!(ws(&h).is_dirty());

    run(
        &mut h,
        [Command::Edit(Edit::CreateTeam {
            name: "Nieuw team 18".into(),
            colour: [10, 20, 30],
        })],
    );
    assert_eq!(ws(&h).doc.scenario.teams.len(), teams + 1);
    // A new team starts with its name being edited, in a text field the user can type in.
    assert!(h.query_all_by_value("Nieuw team 18").count() >= 1);

    run(&mut h, [Command::Undo, Command::Undo]);
    assert_eq!(ws(&h).doc.scenario.teams.len(), teams);
    assert_ne!(ws(&h).doc.scenario.unit_team[gent], Some(trawant));
    run(&mut h, [Command::Redo]);
    assert_eq!(ws(&h).doc.scenario.unit_team[gent], Some(trawant));
}

#[test]
fn deleting_a_team_with_zones_asks_first() {
    let mut h = harness();
    let trawant = ws(&h).doc.scenario.team_by_id("trawant").expect("trawant");
    let teams = ws(&h).doc.scenario.teams.len();
    // A zone of another team is selected, and stays selected through the deletion.
    let gent = ws(&h).doc.data.atlas.unit_by_code("elz13").expect("Gent");
    assert_ne!(ws(&h).doc.scenario.unit_team[gent], Some(trawant));
    run(&mut h, [Command::SelectZone(gent)]);
    run(&mut h, [Command::DeleteTeam(trawant)]);
    h.get_by_label("Team verwijderen?");
    assert_eq!(ws(&h).doc.scenario.teams.len(), teams, "nothing gone yet");
    run(&mut h, [Command::ConfirmDeleteTeam(false)]);
    assert_eq!(ws(&h).doc.scenario.teams.len(), teams);
    run(
        &mut h,
        [
            Command::DeleteTeam(trawant),
            Command::ConfirmDeleteTeam(true),
        ],
    );
    assert_eq!(ws(&h).doc.scenario.teams.len(), teams - 1);
    assert_eq!(
        ws(&h).selection.zones(),
        vec![gent],
        "the selection is kept"
    );
}

#[test]
fn a_refused_edit_is_said_once_over_the_map() {
    let mut h = harness();
    let gent = ws(&h).doc.data.atlas.unit_by_code("elz13").expect("Gent");
    let team = ws(&h).doc.scenario.unit_team[gent].expect("Gent has a team");
    run(
        &mut h,
        [
            Command::Edit(Edit::SetLocked { team, locked: true }),
            Command::SelectZone(gent),
            Command::AssignSelection(None),
        ],
    );
    assert_eq!(ws(&h).doc.scenario.unit_team[gent], Some(team));
    assert_eq!(h.query_all_by_label_contains("is vergrendeld").count(), 1);
}

#[test]
fn selection_commands_select_and_clear() {
    let mut h = harness();
    let gent = ws(&h).doc.data.atlas.unit_by_code("elz13").expect("Gent");
    run(&mut h, [Command::SelectZone(gent)]);
    assert_eq!(ws(&h).selection.zones(), vec![gent]);
    h.get_by_label("Geselecteerd");
    run(&mut h, [Command::SetMode(EditMode::Municipalities)]);
    assert_eq!(ws(&h).mode, EditMode::Municipalities);
    assert!(ws(&h).selection.is_empty(), "another mode starts afresh");
    run(
        &mut h,
        [Command::SetMode(EditMode::Zones), Command::SelectZone(gent)],
    );
    run(&mut h, [Command::Cancel]);
    assert!(ws(&h).selection.is_empty(), "Esc clears the selection");

    run(
        &mut h,
        [Command::SelectZone(gent), Command::AssignSelection(None)],
    );
    run(&mut h, [Command::ClearSelection, Command::NextUnassigned]);
    assert_eq!(
        ws(&h).selection.zones(),
        vec![gent],
        "the next zone without a team is selected"
    );
}

#[test]
fn view_commands_move_the_map_and_switch_modes() {
    let mut h = harness();
    let gent = ws(&h).doc.data.atlas.unit_by_code("elz13").expect("Gent");
    let whole = ws(&h).memory.zoom();
    let cells = ws(&h).doc.data.atlas.units[gent].cells.clone();
    run(&mut h, [Command::ZoomToCells(cells)]);
    assert!(ws(&h).memory.zoom() > whole + 1.0, "zoomed in on Gent");
    run(&mut h, [Command::FitAll]);
    assert!(
        (ws(&h).memory.zoom() - whole).abs() < 0.5,
        "back to all of Flanders"
    );

    run(&mut h, [Command::ToggleDifferences]);
    assert!(ws(&h).show_differences);
    h.get_by_label_contains("Verschillen t.o.v.");

    run(&mut h, [Command::TogglePresentation]);
    assert!(h.state().presentation);
    run(&mut h, [Command::GoToRegion(2)]);
    assert_eq!(h.state().region, Some(2));
    run(&mut h, [Command::Cancel]);
    assert!(!h.state().presentation, "Esc leaves the presentation");
}

#[test]
fn file_and_tab_commands_open_save_and_close() {
    let dir = tempfile::tempdir().expect("tmp");
    let target = dir.path().join("voorstel.json");
    let mut h = harness_with(AppPaths {
        recovery: None,
        save_path: Some(target.clone()),
    });
    run(&mut h, [Command::NewTab { empty: true }]);
    let tabs = h.state().tabs().expect("tabs");
    assert_eq!(tabs.list.len(), 2);
    assert_eq!(tabs.active, 1);
    assert!(
        tabs.list[1]
            .doc
            .scenario
            .unit_team
            .iter()
            .all(Option::is_none),
        "an empty division"
    );
    run(&mut h, [Command::DuplicateTab]);
    assert_eq!(h.state().tabs().expect("tabs").list.len(), 3);
    run(&mut h, [Command::SwitchTab(0), Command::Save]);
    assert!(target.is_file(), "saved where --save-path says");
    assert!(
        h.state()
            .window_title()
            .ends_with("— voorstel.json — Gebiedsplanner"),
        "{}",
        h.state().window_title()
    );
    // The copy was never saved: closing it asks first.
    run(&mut h, [Command::CloseTab(2)]);
    h.get_by_label("Niet-bewaarde wijzigingen");
    run(
        &mut h,
        [
            Command::AnswerUnsaved(gebiedsplanner::app::command::Answer::DontSave),
            Command::CloseTab(1),
        ],
    );
    assert_eq!(h.state().tabs().expect("tabs").list.len(), 1);
}

#[test]
fn settings_commands_change_the_language_and_the_figures() {
    let mut h = harness();
    h.get_by_label("Bestand");
    run(&mut h, [Command::SetLang(Lang::En)]);
    h.get_by_label("File");
    assert_eq!(h.state().settings.lang, Lang::En);
    run(&mut h, [Command::SetLang(Lang::Nl)]);

    run(&mut h, [Command::SetBudgetModel(BudgetModel::ChildShare)]);
    assert_eq!(ws(&h).budget_model, BudgetModel::ChildShare);
    run(&mut h, [Command::SetBaseline(Baseline::Default)]);
    assert_eq!(ws(&h).baseline, Baseline::Default);
    assert!(
        ws(&h).comparison.moved.is_empty(),
        "the default division compared with itself"
    );
    run(&mut h, [Command::SetCompactTeams(true)]);
    assert!(
        h.state().settings.compact_teams,
        "remembered for the next start"
    );
}

#[test]
fn window_commands_open_and_close_windows() {
    let mut h = harness();
    run(&mut h, [Command::ShowAbout(true)]);
    h.get_by_label("Over Gebiedsplanner");
    run(
        &mut h,
        [Command::ShowAbout(false), Command::ShowLayers(true)],
    );
    assert!(h.query_by_label("Over Gebiedsplanner").is_none());
    h.get_by_label("Lagen");
    run(&mut h, [Command::ShowShortcuts(true)]);
    h.get_by_label("F1");
    // Every shortcut of the table is listed with its text.
    let t = i18n::texts(Lang::Nl);
    for c in UiCommand::ALL {
        if !c.shortcuts().is_empty() {
            assert!(
                h.query_all_by_label(c.text(t)).count() >= 1,
                "{c:?} is not in the shortcuts list"
            );
        }
    }
    h.get_by_label("Ctrl+Shift+Z, Ctrl+Y");
}

#[test]
fn the_menus_show_the_shortcuts_of_the_table() {
    let mut h = harness();
    h.get_by_label("Bestand").click();
    h.run_steps(2);
    // The entry carries its text and, beside it, the key of the same table entry.
    let save = h
        .query_all_by_label_contains("Opslaan")
        .map(|n| n.accesskit_node().label().unwrap_or_default())
        .collect::<Vec<_>>();
    assert!(save.iter().any(|l| l.contains("Ctrl+S")), "{save:?}");
    assert!(save.iter().any(|l| l.contains("Ctrl+Shift+S")), "{save:?}");
}

#[test]
fn a_shortcut_runs_its_command() {
    let mut h = harness();
    let gent = ws(&h).doc.data.atlas.unit_by_code("elz13").expect("Gent");
    run(
        &mut h,
        [Command::SelectZone(gent), Command::AssignSelection(None)],
    );
    assert_eq!(ws(&h).doc.scenario.unit_team[gent], None);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(
        ws(&h).doc.scenario.unit_team[gent].is_some(),
        "Ctrl+Z undid it"
    );
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run_steps(2);
    assert_eq!(
        ws(&h).doc.scenario.unit_team[gent],
        None,
        "Ctrl+Shift+Z is redo, not a second undo"
    );
    h.key_press(Key::F1);
    h.run_steps(2);
    h.get_by_label("F1");
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(!h.state().show_shortcuts, "Esc closes the shortcuts list");
}

#[test]
fn every_tab_shares_one_dataset() {
    let mut h = harness();
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("plan.json");
    {
        let w = ws(&h);
        let f = gebiedsplanner::data::scenario_file::ScenarioFile::from_scenario(
            &w.doc.data.atlas,
            &w.doc.scenario,
        );
        gebiedsplanner::data::scenario_file::save(&file, &f).expect("save");
    }
    run(
        &mut h,
        [
            Command::NewTab { empty: false },
            Command::DuplicateTab,
            Command::OpenPath(file),
        ],
    );
    let tabs = h.state().tabs().expect("tabs");
    assert_eq!(tabs.list.len(), 4);
    let first = tabs.list[0].data();
    for w in &tabs.list[1..] {
        assert!(
            Arc::ptr_eq(first, w.data()),
            "a tab has its own copy of the data"
        );
        assert!(
            std::ptr::eq(tabs.list[0].geometry(), w.geometry()),
            "a tab built its own map geometry"
        );
    }
    // The four tabs are the only holders: nothing else keeps a copy.
    assert_eq!(Arc::strong_count(first), 4);
}
