//! A scenario as a proposal, in the window: its properties (name, author, description,
//! status, region), the region it is scoped to, the comparison "as opened", the team details,
//! the team list by region and the guide. Driven as a person would, on the real data.

use crate::common;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use gebiedsplanner::app::command::ExportKind;
use gebiedsplanner::app::{AppPaths, Command, GebiedsApp, Settings};
use gebiedsplanner::data::scenario_file;
use gebiedsplanner::ui::dialogs::ScriptedDialogs;
use gebiedsplanner::workspace::Workspace;

fn ws<'a>(h: &'a Harness<'_, GebiedsApp>) -> &'a Workspace {
    h.state().workspace().expect("workspace")
}

fn window(paths: AppPaths, dialogs: ScriptedDialogs) -> Harness<'static, GebiedsApp> {
    common::window(GebiedsApp::with_paths(
        Settings::default(),
        None,
        Box::new(dialogs),
        paths,
    ))
}

/// Type `text` over what the text field labelled `label` holds, as a person would.
fn retype(h: &mut Harness<'_, GebiedsApp>, label: &str, text: &str) {
    h.query_all_by_label(label)
        .find(|n| n.accesskit_node().role() == Role::TextInput)
        .unwrap_or_else(|| panic!("no text field '{label}'"))
        .click();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_steps(1);
    h.query_all_by_role(Role::TextInput)
        .find(egui_kittest::Node::is_focused)
        .expect("the field has the keyboard")
        .type_text(text);
    h.run_steps(2);
}

/// Open File > Properties… from the menu.
fn open_properties(h: &mut Harness<'_, GebiedsApp>) {
    h.get_by_label("Bestand").click();
    h.run_steps(2);
    h.get_by_label("Eigenschappen…").click();
    h.run_steps(2);
    h.get_by_label("Eigenschappen van het scenario");
}

#[test]
fn renaming_in_the_properties_shows_in_the_title_the_tab_the_file_and_an_export() {
    let dir = tempfile::tempdir().expect("tmp");
    let plan = dir.path().join("plan.json");
    let svg = dir.path().join("kaart.svg");
    let dialogs = ScriptedDialogs::default();
    dialogs.save.borrow_mut().push(svg.clone());
    let paths = AppPaths {
        recovery: None,
        save_path: Some(plan.clone()),
    };
    let mut h = window(paths, dialogs);
    open_properties(&mut h);
    retype(&mut h, "Naam", "Voorstel Gent 2027");
    h.get_by_label("voorstel").click();
    h.run_steps(1);
    retype(&mut h, "Auteur", "IROJ Oost-Vlaanderen");
    h.get_by_label("Toepassen").click();
    h.run_steps(3);

    let title = "Voorstel Gent 2027 (voorstel)";
    assert_eq!(
        h.state().window_title(),
        format!("{title} * — Gebiedsplanner")
    );
    h.get_by_label(&format!("{title} *"));
    assert!(
        h.query_by_label("Eigenschappen van het scenario").is_none(),
        "the dialog closes"
    );

    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    assert_eq!(
        h.state().window_title(),
        format!("{title} — plan.json — Gebiedsplanner")
    );
    h.get_by_label(title);
    let f = scenario_file::read(&plan).expect("saved file");
    assert_eq!(f.name, "Voorstel Gent 2027");
    assert_eq!(f.status.as_deref(), Some("voorstel"));
    assert_eq!(f.author, "IROJ Oost-Vlaanderen");

    h.state_mut().push(Command::Export(ExportKind::Svg));
    h.run_steps(2);
    let image = std::fs::read_to_string(&svg).expect("the map was exported");
    assert!(
        image.contains(title),
        "the export's title names the proposal"
    );

    // Opened again, the file shows the same name and status, and the author is kept.
    h.state_mut().push(Command::CloseTab(0));
    h.state_mut().push(Command::OpenPath(plan.clone()));
    h.run_steps(3);
    assert_eq!(
        ws(&h).title(gebiedsplanner::i18n::texts(gebiedsplanner::i18n::Lang::Nl)),
        title
    );
    assert_eq!(ws(&h).properties().author, "IROJ Oost-Vlaanderen");
    assert!(!ws(&h).is_dirty());
}
