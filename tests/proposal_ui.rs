//! A scenario as a proposal, in the window: its properties (name, author, description,
//! status, region), the region it is scoped to, the comparison "as opened", the team details,
//! the team list by region and the guide. Driven as a person would, on the real data.

use crate::common;
use gebiedsplanner::model::ids::{TeamId, ZoneId};

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use gebiedsplanner::app::command::ExportKind;
use gebiedsplanner::app::{AppPaths, Command, GebiedsApp, Settings};
use gebiedsplanner::data::scenario_file;
use gebiedsplanner::model::metrics::BudgetModel;
use gebiedsplanner::model::region::{Region, unit_region};
use gebiedsplanner::ui::dialogs::ScriptedDialogs;
use gebiedsplanner::workspace::{Baseline, Workspace};

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

/// The window on the default division, without files.
fn plain() -> Harness<'static, GebiedsApp> {
    window(AppPaths::default(), ScriptedDialogs::default())
}

fn unit(h: &Harness<'_, GebiedsApp>, code: &str) -> ZoneId {
    ws(h).doc.data.atlas.unit_by_code(code).expect(code)
}

fn team(h: &Harness<'_, GebiedsApp>, id: &str) -> TeamId {
    ws(h).doc.scenario.team_by_id(id).expect(id)
}

/// Scope the open scenario to a region, as the properties dialog does.
fn scope_to(h: &mut Harness<'_, GebiedsApp>, region: Region) {
    let mut p = ws(h).properties();
    p.region = Some(region);
    h.state_mut().push(Command::SetProperties(Box::new(p)));
    h.run_steps(3);
}

/// Press on `from`, move in steps to `to` and release there.
fn drag_and_drop(h: &mut Harness<'_, GebiedsApp>, from: egui::Pos2, to: egui::Pos2) {
    common::drag_through(h, from, to);
    h.drop_at(to);
    h.run_steps(2);
}

/// Click a zone's label on the map.
fn click_zone(h: &mut Harness<'_, GebiedsApp>, u: ZoneId) -> egui::Pos2 {
    let p = h
        .state()
        .layout()
        .unit_screen_pos(ws(h), u)
        .expect("the map was drawn");
    common::click_at(h, p);
    p
}

#[test]
fn a_scenario_for_one_region_refuses_a_move_outside_it_and_says_why() {
    let mut h = plain();
    scope_to(&mut h, Region::OostVlaanderen);
    let data = ws(&h).doc.data.clone();
    let atlas = &data.atlas;
    // A zone of Antwerpen cannot go to the Gent team in this scenario.
    let far = atlas
        .units
        .keys()
        .find(|&u| unit_region(atlas, u) == Some(Region::Antwerpen))
        .expect("a zone in Antwerpen");
    let gent = ws(&h).doc.scenario.teams[team(&h, "samen1plan-gent")]
        .name
        .clone();
    let before = ws(&h).doc.scenario.clone();
    let p = click_zone(&mut h, far);
    let target = h.get_by_label(&gent).rect().center();
    drag_and_drop(&mut h, p, target);
    assert_eq!(ws(&h).doc.scenario.unit_team, before.unit_team);
    assert!(
        h.query_all_by_label_contains("ligt buiten Oost-Vlaanderen")
            .count()
            >= 1,
        "the refusal is shown"
    );

    // What lies outside is dimmed on the map: its fill is paler and more transparent.
    let w = ws(&h);
    let inside = atlas.units[unit(&h, "elz13")].cells[0];
    let outside = atlas.units[far].cells[0];
    assert!(w.cell_fill[outside].a() < w.cell_fill[inside].a());
    // The region's teams come first in the list.
    let first = h.state().layout().team_rows[0].0.expect("a team");
    assert_eq!(w.doc.scenario.teams[first].iroj, "Oost-Vlaanderen");

    // Inside the region a move is made as before.
    let other = atlas
        .units
        .keys()
        .find(|&u| {
            unit_region(atlas, u) == Some(Region::OostVlaanderen)
                && ws(&h).doc.scenario.unit_team[u] != Some(team(&h, "samen1plan-gent"))
        })
        .expect("a zone of Oost-Vlaanderen outside Gent's team");
    h.state_mut().push(Command::SelectZone(other));
    let gent_team = team(&h, "samen1plan-gent");
    h.state_mut()
        .push(Command::AssignSelection(Some(gent_team)));
    h.run_steps(2);
    assert_eq!(
        ws(&h).doc.scenario.unit_team[other],
        Some(team(&h, "samen1plan-gent"))
    );
}

#[test]
fn a_tab_compares_with_itself_as_opened_and_keeps_the_chosen_comparison_in_its_file() {
    let dir = tempfile::tempdir().expect("tmp");
    let plan = dir.path().join("plan.json");
    let paths = AppPaths {
        recovery: None,
        save_path: Some(plan.clone()),
    };
    let mut h = window(paths, ScriptedDialogs::default());
    assert_eq!(ws(&h).baseline, Baseline::Opened);
    assert!(ws(&h).comparison.moved.is_empty(), "nothing moved yet");
    // Gent's zone to Trawant: Trawant's card says what it gains, in zones, municipalities,
    // children and budget.
    let gent = unit(&h, "elz13");
    let trawant = team(&h, "trawant");
    h.state_mut().push(Command::SelectZone(gent));
    h.state_mut().push(Command::AssignSelection(Some(trawant)));
    h.run_steps(3);
    assert_eq!(
        h.query_all_by_label("t.o.v. zoals geopend:").count(),
        2,
        "the two teams involved say what changed, the others nothing"
    );
    h.get_by_label("zones: 1 erbij, 0 weg ·");
    h.get_by_label("zones: 0 erbij, 1 weg ·");
    h.get_by_label("gemeenten: 1 erbij, 0 weg ·");
    h.get_by_label("budget: +EUR\u{a0}400.000");
    h.get_by_label("budget: −EUR\u{a0}400.000");

    h.get_by_label("teams 2020").click();
    h.get_by_label("naar kinderen").click();
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    let f = scenario_file::read(&plan).expect("saved");
    assert_eq!(f.comparison.as_deref(), Some("2020"));
    assert_eq!(f.budget_model.as_deref(), Some("children"));

    h.state_mut().push(Command::CloseTab(0));
    h.state_mut().push(Command::OpenPath(plan.clone()));
    h.run_steps(3);
    let w = ws(&h);
    assert_eq!(w.file.path.as_deref(), Some(plan.as_path()));
    assert_eq!(w.baseline, Baseline::Historic);
    assert_eq!(w.budget_model, BudgetModel::ChildShare);
    assert!(!w.is_dirty());
    assert!(h.query_all_by_label("t.o.v. teams 2020:").count() >= 1);
}

/// Help > Handleiding opens the guide, in the interface language.
#[test]
fn the_guide_opens_from_the_help_menu_in_both_languages() {
    let mut h = window(AppPaths::default(), ScriptedDialogs::default());
    h.get_by_label("Help").click();
    h.run_steps(2);
    h.get_by_label("Handleiding").click();
    h.run_steps(3);
    h.get_by_label_contains("Een voorstel maken");
    h.state_mut().settings.lang = gebiedsplanner::i18n::Lang::En;
    h.run_steps(3);
    assert!(h.query_by_label_contains("Een voorstel maken").is_none());
    h.get_by_label_contains("Making a proposal");
    assert!(
        h.query_all_by_label_contains("Bestand > Nieuw").count() == 0,
        "no Dutch left in the English guide"
    );
}

/// A new team gets a real colour, never the grey of a zone without a team, and takes the
/// IROJ region of the zones it is given.
#[test]
fn a_new_team_is_coloured_and_takes_the_region_of_its_zones() {
    let mut h = window(AppPaths::default(), ScriptedDialogs::default());
    let before = ws(&h).doc.scenario.teams.next_key();
    h.get_by_label("+ Nieuw team").click();
    h.run_steps(3);
    h.key_press(Key::Enter);
    h.run_steps(2);
    let teams = &ws(&h).doc.scenario.teams;
    assert_eq!(teams.len(), before.index() + 1);
    let [r, g, b] = teams[before].colour;
    let (max, min) = (r.max(g).max(b), r.min(g).min(b));
    assert!(max - min > 40, "a grey: {:?}", teams[before].colour);
    // Give it a zone in Limburg: its region follows.
    let atlas = &ws(&h).doc.data.atlas;
    let zone = atlas
        .units
        .keys()
        .find(|&u| unit_region(atlas, u) == Some(Region::Limburg))
        .expect("a zone in Limburg");
    h.state_mut().push(Command::Edit(
        gebiedsplanner::model::edit::Edit::AssignUnits {
            units: vec![zone],
            team: Some(before),
        },
    ));
    h.run_steps(2);
    let team = &ws(&h).doc.scenario.teams[before];
    assert_eq!(
        Region::parse(&team.iroj),
        Some(Region::Limburg),
        "{}",
        team.iroj
    );
}

/// The team list filtered on one IROJ region lists that region's teams only; grouped by
/// region, each region's teams stand together.
#[test]
fn the_team_list_filters_and_groups_by_region() {
    use gebiedsplanner::ui::team_panel::team_region;
    let mut h = window(AppPaths::default(), ScriptedDialogs::default());
    let shown = |h: &Harness<'_, GebiedsApp>| -> Vec<TeamId> {
        h.state()
            .layout()
            .team_rows
            .iter()
            .filter_map(|(t, _)| *t)
            .collect()
    };
    let all = shown(&h);
    assert_eq!(all.len(), ws(&h).doc.scenario.teams.len());
    h.get_by_label("Per regio").click();
    h.run_steps(3);
    let grouped = shown(&h);
    let regions: Vec<Option<Region>> = grouped.iter().map(|&t| team_region(ws(&h), t)).collect();
    let mut changes = regions.windows(2).filter(|p| p[0] != p[1]).count();
    changes += 1;
    let distinct: std::collections::BTreeSet<_> = regions.iter().collect();
    assert_eq!(
        changes,
        distinct.len(),
        "each region's teams together: {regions:?}"
    );
    h.get_by_label("Regio").click();
    h.run_steps(2);
    // The choice in the open list (the group heading "Limburg" has the name too).
    h.query_all_by_label("Limburg")
        .find(|n| n.accesskit_node().role() != Role::Label)
        .expect("Limburg in the list")
        .click();
    h.run_steps(3);
    let limburg = shown(&h);
    assert!(
        !limburg.is_empty() && limburg.len() < all.len(),
        "{limburg:?}"
    );
    for t in &limburg {
        assert_eq!(team_region(ws(&h), *t), Some(Region::Limburg));
    }
    let expected = all
        .iter()
        .filter(|&&t| team_region(ws(&h), t) == Some(Region::Limburg))
        .count();
    assert_eq!(limburg.len(), expected);
}

/// The team's "…" menu opens its details: the partners and a note typed there are kept
/// with the team, and the file keeps the note.
#[test]
fn the_team_details_window_keeps_partners_and_a_note() {
    let mut h = window(AppPaths::default(), ScriptedDialogs::default());
    h.query_all_by_label("…")
        .next()
        .expect("the first team's menu")
        .click();
    h.run_steps(2);
    h.get_by_label("Teamgegevens…").click();
    h.run_steps(2);
    h.get_by_label("Teamgegevens");
    retype(&mut h, "Gesubsidieerde partners", "31");
    // The note is a field of several lines.
    h.query_all_by_label("Notitie")
        .find(|n| n.accesskit_node().role() == Role::MultilineTextInput)
        .expect("the note field")
        .click();
    h.run_steps(1);
    h.query_all_by_role(Role::MultilineTextInput)
        .find(egui_kittest::Node::is_focused)
        .expect("the note has the keyboard")
        .type_text("Bespreken op de IROJ van juni");
    h.run_steps(2);
    h.get_by_label("Toepassen").click();
    h.run_steps(3);
    let team = &ws(&h).doc.scenario.teams[TeamId(0)];
    assert_eq!(team.partners, Some(31));
    assert_eq!(team.note, "Bespreken op de IROJ van juni");
    let file =
        scenario_file::ScenarioFile::from_scenario(&ws(&h).doc.data.atlas, &ws(&h).doc.scenario);
    assert!(file.to_json().contains("Bespreken op de IROJ van juni"));
}

/// The box of `region`'s zones, and of all of Flanders and Brussels, on the screen as the map
/// of the active tab was drawn in the last frame; and that map's area.
fn on_screen(h: &Harness<'_, GebiedsApp>, region: Region) -> (egui::Rect, egui::Rect, egui::Rect) {
    let w = ws(h);
    let layout = h.state().layout();
    let atlas = &w.doc.data.atlas;
    let tf = layout.transform.expect("the map was drawn");
    let drawn = |b: gebiedsplanner::model::geom::BBox| {
        egui::Rect::from_two_pos(
            tf.apply(w.geometry().to_local(b.min)),
            tf.apply(w.geometry().to_local(b.max)),
        )
    };
    let zones = atlas
        .units
        .keys()
        .filter(|&u| unit_region(atlas, u) == Some(region))
        .fold(gebiedsplanner::model::geom::BBox::EMPTY, |b, u| {
            b.union(atlas.units[u].bbox)
        });
    let map = layout.map_rect.expect("the map was drawn");
    (drawn(zones), drawn(atlas.bbox), map)
}

/// The region's zones fill the map (inside it, touching two opposite sides within a few
/// points), and all of Flanders does not fit in it.
fn assert_region_fills_the_map(h: &Harness<'_, GebiedsApp>, region: Region, when: &str) {
    let (zones, flanders, map) = on_screen(h, region);
    assert!(
        map.expand(0.5).contains_rect(zones),
        "{when}: {region:?} {zones:?} is not inside the map {map:?}"
    );
    let spare = (map.width() - zones.width()).min(map.height() - zones.height());
    assert!(
        spare < 20.0,
        "{when}: {region:?} {zones:?} does not fill the map {map:?}"
    );
    assert!(
        !map.expand(0.5).contains_rect(flanders),
        "{when}: all of Flanders {flanders:?} is shown in {map:?}"
    );
}

/// A proposal for one region opens on that region, not on all of Flanders: when its file is
/// opened, and when a new scenario is made from it while the map shows all of Flanders.
#[test]
fn a_proposal_for_one_region_opens_fitted_to_its_region() {
    let dir = tempfile::tempdir().expect("tmp");
    let plan = dir.path().join("limburg.json");
    let paths = AppPaths {
        recovery: None,
        save_path: Some(plan.clone()),
    };
    let mut h = window(paths, ScriptedDialogs::default());
    scope_to(&mut h, Region::Limburg);
    h.state_mut().push(Command::Save);
    h.state_mut().push(Command::CloseTab(0));
    h.run_steps(3);
    assert!(ws(&h).doc.scenario.region.is_none(), "the tab was closed");
    let (_, flanders, map) = on_screen(&h, Region::Limburg);
    assert!(
        map.expand(0.5).contains_rect(flanders),
        "the window shows all of Flanders before the file opens"
    );

    h.state_mut().push(Command::OpenPath(plan));
    h.run_steps(3);
    assert_eq!(ws(&h).doc.scenario.region, Some(Region::Limburg));
    assert_region_fills_the_map(&h, Region::Limburg, "opened");

    // Home shows all of Flanders; a new scenario made from this one is for Limburg too, and
    // opens on Limburg.
    h.key_press(Key::Home);
    h.run_steps(3);
    let (_, flanders, map) = on_screen(&h, Region::Limburg);
    assert!(
        map.expand(0.5).contains_rect(flanders),
        "Home shows Flanders"
    );
    h.state_mut().push(Command::NewTab { empty: false });
    h.run_steps(3);
    assert!(ws(&h).file.path.is_none(), "the new scenario is shown");
    assert_eq!(ws(&h).doc.scenario.region, Some(Region::Limburg));
    assert_region_fills_the_map(&h, Region::Limburg, "new");
}

#[test]
fn a_double_click_on_the_tab_opens_the_properties() {
    let mut h = plain();
    let title = ws(&h).title(gebiedsplanner::i18n::texts(gebiedsplanner::i18n::Lang::Nl));
    let at = h.get_by_label(&title).rect().center();
    assert!(
        h.query_by_label("Eigenschappen van het scenario").is_none(),
        "closed at the start"
    );
    h.hover_at(at);
    h.run_steps(1);
    for _ in 0..2 {
        for pressed in [true, false] {
            h.input_mut().events.push(egui::Event::PointerButton {
                pos: at,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: egui::Modifiers::NONE,
            });
        }
        h.run_steps(1);
    }
    h.run_steps(2);
    h.get_by_label("Eigenschappen van het scenario");
}
