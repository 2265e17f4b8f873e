//! The "Voorstel" window and "Herstel met minste verschuiving", driven as a planner does: the
//! result opens as a new tab that holds every rule and is compared with its baseline, Cancel
//! leaves no tab, and options that admit no division say which.

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use gebiedsplanner::app::propose_window::{BaselineChoice, BoundsChoice, ProposeForm};
use gebiedsplanner::app::{Command, GebiedsApp, Settings};
use gebiedsplanner::i18n;
use gebiedsplanner::model::optimise::atlas::{self as opt, Options};
use gebiedsplanner::ui::dialogs::ScriptedDialogs;
use gebiedsplanner::workspace::{Baseline, Workspace};

use crate::common;

fn harness() -> Harness<'static, GebiedsApp> {
    let app = GebiedsApp::headless(
        Settings::default(),
        None,
        Box::new(ScriptedDialogs::default()),
    );
    assert!(app.workspace().is_some(), "the real data loads");
    common::window(app)
}

fn ws<'a>(h: &'a Harness<'_, GebiedsApp>) -> &'a Workspace {
    h.state().workspace().expect("workspace")
}

fn tabs(h: &Harness<'_, GebiedsApp>) -> usize {
    h.state().tabs().map_or(0, |t| t.list.len())
}

/// File > Voorstel…: the entry of the menu (the toolbar has a button with the same text,
/// further to the right).
fn open_window_from_menu(h: &mut Harness<'_, GebiedsApp>) {
    h.get_by_label("Bestand").click();
    h.run_steps(2);
    let entry = h
        .get_all_by_label("Voorstel…")
        // The entry in the open File menu lies below the toolbar's button of the same name.
        .max_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .expect("the menu entry");
    entry.click();
    h.run_steps(2);
    h.get_by_label("Minste verschuiving t.o.v.");
}

/// Run frames until the search has reported (at most 60 s).
fn wait_for_answer(h: &mut Harness<'_, GebiedsApp>) {
    let t0 = Instant::now();
    while h.state().proposal_running() {
        assert!(
            t0.elapsed() < Duration::from_secs(60),
            "the search did not report within 60 s"
        );
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
    h.run_steps(3);
}

fn set_form(h: &mut Harness<'_, GebiedsApp>, form: ProposeForm) {
    h.state_mut().push(Command::SetProposeForm(Box::new(form)));
    h.run_steps(2);
}

#[test]
fn start_opens_a_valid_proposal_compared_with_the_2020_teams() {
    let mut h = harness();
    let before = ws(&h).doc.scenario.clone();
    open_window_from_menu(&mut h);
    h.get_by_label("Start").click();
    h.run_steps(1);
    wait_for_answer(&mut h);

    assert_eq!(tabs(&h), 2, "the proposal opens as a new tab");
    let w = ws(&h);
    assert_eq!(
        w.title(i18n::texts(i18n::Lang::Nl)),
        "Voorstel: minste verschuiving t.o.v. teams 2020 (kinderen)"
    );
    assert!(
        w.doc.metrics.all_rules_hold(),
        "the proposal holds every rule"
    );
    assert!(w.is_dirty(), "a proposal is not saved yet");
    // Compared with its baseline at once: the differences view and the hatching.
    assert_eq!(w.baseline, Baseline::Historic);
    assert!(w.show_differences);
    assert!(!w.comparison.moved.is_empty());
    h.get_by_label_contains("Verschillen t.o.v. teams 2020");

    // The figures, as the engine gives them for the same input.
    let data = common::dataset(gebiedsplanner::model::atlas::Edition::M2025);
    let p = opt::propose(
        &data.atlas,
        &before,
        &data.historic.scenario,
        &Options::default(),
    )
    .expect("a proposal");
    let disruption = format!("{} kinderen", i18n::int(p.best.disruption));
    assert!(
        h.query_all_by_label(&disruption).count() >= 1,
        "the disruption {disruption} is shown"
    );
    h.get_by_label_contains("optimaal");
    h.get_by_label_contains("onvermijdelijk");
    h.get_by_label_contains("door de regels");
    h.get_by_label_contains(&format!(
        "Zones die van team wisselen ({})",
        p.best.changes.len()
    ));
    h.get_by_label_contains("Brussel heeft geen leeftijdsverdeling");
    // The first zone that changes is listed with its name.
    let first = &data.atlas.units[p.best.changes[0].zone].name;
    assert!(
        h.query_all_by_label(first).count() >= 1,
        "{first} is listed"
    );
    // The original tab is untouched.
    let original = &h.state().tabs().expect("tabs").list[0];
    assert_eq!(original.doc.scenario, before);
}

#[test]
fn cancel_stops_the_search_and_leaves_no_tab() {
    let mut h = harness();
    open_window_from_menu(&mut h);
    // A hard search: no region rule, children within 5 % of the average, ten alternatives.
    set_form(
        &mut h,
        ProposeForm {
            stay_in_region: false,
            bounds: BoundsChoice::Percent,
            percent: 5.0,
            alternatives: 10,
            time_limit: 120.0,
            ..ProposeForm::default()
        },
    );
    h.get_by_label("Start").click();
    h.run_steps(2);
    assert!(h.state().proposal_running(), "the search runs");
    // The window keeps drawing while it runs, with the elapsed time.
    h.get_by_label_contains("Bezig:");
    h.get_by_label("Annuleren").click();
    h.run_steps(2);
    assert!(!h.state().proposal_running(), "Cancel stops the search");
    h.get_by_label_contains("Geannuleerd");
    for _ in 0..20 {
        std::thread::sleep(Duration::from_millis(25));
        h.step();
    }
    assert_eq!(tabs(&h), 1, "no tab opens after Cancel");
    h.get_by_label("Start");
}

#[test]
fn bounds_no_division_meets_say_so_and_name_the_option() {
    let mut h = harness();
    open_window_from_menu(&mut h);
    set_form(
        &mut h,
        ProposeForm {
            bounds: BoundsChoice::Range,
            range: (0.0, 10.0),
            ..ProposeForm::default()
        },
    );
    h.get_by_label("Start").click();
    h.run_steps(1);
    wait_for_answer(&mut h);
    assert_eq!(tabs(&h), 1, "no tab for options that admit no division");
    h.get_by_label_contains("haalt de grenzen voor kinderen");
    h.get_by_label_contains("Opties in conflict: kinderen per team");
}

#[test]
fn repair_after_one_breaking_move_changes_at_most_that_zone_back() {
    let mut h = harness();
    let s = ws(&h).doc.scenario.clone();
    let atlas = &ws(&h).doc.data.atlas;
    // A zone and a team of its region that does not border it: the move cuts the team apart.
    let region = |p: &str| {
        if p.starts_with("Brussel") {
            "Brussel".to_string()
        } else {
            p.to_string()
        }
    };
    let (zone, to) = atlas
        .units
        .keys()
        .find_map(|z| {
            let own = s.unit_team[z]?;
            s.teams
                .keys()
                .find(|&t| {
                    t != own
                        && !atlas.unit_neighbours[z]
                            .iter()
                            .any(|&n| s.unit_team[n] == Some(t))
                        && region(&s.teams[t].iroj) == region(&atlas.units[z].province)
                        && s.unit_team.iter().filter(|&&u| u == Some(own)).count() > 1
                })
                .map(|t| (z, t))
        })
        .expect("a zone and a team of its region that do not border");
    let back = atlas.unit_children(zone).0.expect("children 0-17");
    h.state_mut().push(Command::SelectZone(zone));
    h.state_mut().push(Command::AssignSelection(Some(to)));
    h.run_steps(3);
    assert!(
        !ws(&h).doc.metrics.all_rules_hold(),
        "the move breaks a rule"
    );
    let broken = ws(&h).doc.scenario.clone();
    let broken_title = ws(&h).title(i18n::texts(i18n::Lang::Nl));

    h.get_by_label("Herstel met minste verschuiving").click();
    h.run_steps(1);
    wait_for_answer(&mut h);

    assert_eq!(tabs(&h), 2, "the repair opens as a new tab");
    let w = ws(&h);
    assert!(
        w.doc.metrics.all_rules_hold(),
        "the repair holds every rule"
    );
    assert_eq!(
        w.title(i18n::texts(i18n::Lang::Nl)),
        format!("Herstel van {broken_title} (minste verschuiving)")
    );
    // What it changes against the broken division costs no more than moving the zone back.
    let atlas = &w.doc.data.atlas;
    let moved: f64 = atlas
        .units
        .keys()
        .filter(|&z| w.doc.scenario.unit_team[z] != broken.unit_team[z])
        .map(|z| atlas.unit_children(z).0.unwrap_or(0.0))
        .sum();
    assert!(moved > 0.0, "the repair changes something");
    assert!(
        moved <= back + 1e-6,
        "the repair moves {moved} children, moving the zone back {back}"
    );
    // Compared with the broken tab, which stays as it was.
    assert_eq!(w.baseline, Baseline::Other);
    assert_eq!(w.other.as_ref().map(|o| &o.1), Some(&broken));
    assert!(w.show_differences);
    assert_eq!(h.state().tabs().expect("tabs").list[0].doc.scenario, broken);
}

#[test]
fn an_alternative_opens_as_a_tab_of_its_own() {
    let mut h = harness();
    open_window_from_menu(&mut h);
    set_form(
        &mut h,
        ProposeForm {
            alternatives: 2,
            baseline: BaselineChoice::Default,
            ..ProposeForm::default()
        },
    );
    h.get_by_label("Start").click();
    h.run_steps(1);
    wait_for_answer(&mut h);
    assert_eq!(tabs(&h), 2);
    let best = ws(&h).doc.scenario.clone();
    h.get_by_label_contains("Alternatief 1:");
    h.get_by_label_contains("Alternatief 2:");
    h.get_all_by_label("Openen")
        .next()
        .expect("an Open button")
        .click();
    h.run_steps(3);
    assert_eq!(tabs(&h), 3);
    let w = ws(&h);
    assert_eq!(
        w.title(i18n::texts(i18n::Lang::Nl)),
        "Voorstel: minste verschuiving t.o.v. standaardindeling (kinderen), alternatief 1"
    );
    assert_eq!(w.baseline, Baseline::Default);
    assert!(w.doc.metrics.all_rules_hold());
    assert_ne!(
        w.doc.scenario.unit_team, best.unit_team,
        "it differs from the best"
    );
}
