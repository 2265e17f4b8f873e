//! The editing rules on the real data: moves, municipality mode, locks, teams, history, budget.

use crate::common;
use gebiedsplanner::model::ids::{TeamId, ZoneId};

use gebiedsplanner::document::Document;
use gebiedsplanner::model::atlas::Edition;
use gebiedsplanner::model::edit::{Edit, EditError, apply};
use gebiedsplanner::model::history::History;
use gebiedsplanner::model::metrics::compute;

fn fresh() -> Document {
    let s = common::doc(Edition::M2025);
    Document::default_division(s.data.clone())
}

fn unit(s: &Document, code: &str) -> ZoneId {
    s.data
        .atlas
        .unit_by_code(code)
        .unwrap_or_else(|| panic!("zone {code}"))
}

fn team(s: &Document, id: &str) -> TeamId {
    s.scenario
        .team_by_id(id)
        .unwrap_or_else(|| panic!("team {id}"))
}

#[test]
fn moving_a_zone_changes_both_teams_and_keeps_the_totals() {
    let mut s = fresh();
    let gent_team = team(&s, "samen1plan-gent");
    let trawant = team(&s, "trawant");
    let before = s.metrics.clone();
    let zone = unit(&s, "elz44"); // Schelde en Leie
    let (pop, _) = s.data.atlas.unit_population(zone);
    apply(
        &mut s.scenario,
        &s.data.atlas,
        &Edit::AssignUnits {
            units: vec![zone],
            team: Some(trawant),
        },
    )
    .expect("move");
    s.recompute();
    let m = &s.metrics;
    assert_eq!(
        m.teams[gent_team].units.len(),
        before.teams[gent_team].units.len() - 1
    );
    assert_eq!(
        m.teams[trawant].units.len(),
        before.teams[trawant].units.len() + 1
    );
    let pop = pop.expect("population");
    assert!((m.teams[trawant].population - before.teams[trawant].population - pop).abs() < 0.5);
    assert!((m.total_population - before.total_population).abs() < 0.5);
    // Trawant is now in two parts: Schelde en Leie does not border it.
    assert!(!m.teams[trawant].is_contiguous());
    assert_eq!(m.teams[trawant].components.len(), 2);
    // The detached part is the smaller one, listed second.
    assert!(
        m.teams[trawant].components[1]
            .iter()
            .all(|&c| s.data.atlas.cells[c].unit == zone)
    );
    assert!(!m.all_rules_hold());
}

#[test]
fn unassigning_breaks_coverage_and_the_budget_total_stays_the_same_under_the_share_model() {
    let mut s = fresh();
    let share_before: f64 = s.metrics.teams.iter().map(|t| t.budget_share).sum();
    let zone = unit(&s, "elz13");
    apply(
        &mut s.scenario,
        &s.data.atlas,
        &Edit::AssignUnits {
            units: vec![zone],
            team: None,
        },
    )
    .expect("unassign");
    s.recompute();
    assert!(!s.metrics.is_covered());
    assert_eq!(s.metrics.unassigned_units, vec![zone]);
    // Share model: the teams share 24 M EUR between them, in proportion to children, minus
    // the part of the unassigned zone.
    let share: f64 = s.metrics.teams.iter().map(|t| t.budget_share).sum();
    assert!((share_before - 24_000_000.0).abs() < 1.0);
    assert!(share < share_before);
    // Flat model: 400.000 per assigned zone.
    let flat: f64 = s.metrics.teams.iter().map(|t| t.budget_flat).sum();
    assert!((flat - 59.0 * 400_000.0).abs() < 1.0, "{flat}");
}

#[test]
fn share_model_follows_children() {
    let s = fresh();
    let total_children: f64 = s
        .data
        .atlas
        .cells
        .iter()
        .map(|c| {
            c.children
                .unwrap_or(c.population.unwrap_or(0.0) * s.metrics.child_ratio)
        })
        .sum();
    for (t, st) in s.metrics.teams.iter_enumerated() {
        if st.children_known() {
            let expected = 24_000_000.0 * st.children / total_children;
            assert!(
                (st.budget_share - expected).abs() < 1.0,
                "{}",
                s.scenario.teams[t].name
            );
        }
    }
}

#[test]
fn municipality_mode_flags_a_split_zone() {
    let mut s = fresh();
    let westhoek = team(&s, "westhoek");
    let brugge_zone = unit(&s, "elz6");
    let _ = brugge_zone;
    let by_name = |n: &str| {
        s.data
            .atlas
            .municipalities
            .position(|m| m.name == n)
            .expect(n)
    };
    let diksmuide = by_name("Diksmuide");
    let koekelare = by_name("Koekelare");
    // Koekelare (Houtland en Polder) goes to the Westhoek team, which holds Diksmuide next to it.
    assert!(s.data.atlas.muni_neighbours[koekelare].contains(&diksmuide));
    apply(
        &mut s.scenario,
        &s.data.atlas,
        &Edit::AssignMunicipalities {
            municipalities: vec![koekelare],
            team: Some(westhoek),
        },
    )
    .expect("move municipality");
    s.recompute();
    let m = &s.metrics;
    let houtland = unit(&s, "elz16");
    assert!(m.teams[westhoek].split_units.contains(&houtland));
    assert!(!m.all_rules_hold());
    assert!(m.teams[westhoek].is_contiguous());
    // Giving the whole zone to one team makes it whole again.
    apply(
        &mut s.scenario,
        &s.data.atlas,
        &Edit::AssignUnits {
            units: vec![houtland],
            team: Some(westhoek),
        },
    )
    .expect("whole zone");
    s.recompute();
    assert!(s.metrics.teams_with_split_units().is_empty());
    assert!(s.scenario.muni_team.is_empty());
}

#[test]
fn a_locked_team_neither_loses_nor_gains_zones() {
    let mut s = fresh();
    let gent_team = team(&s, "samen1plan-gent");
    let trawant = team(&s, "trawant");
    apply(
        &mut s.scenario,
        &s.data.atlas,
        &Edit::SetLocked {
            team: gent_team,
            locked: true,
        },
    )
    .expect("lock");
    let before = s.scenario.clone();
    let gent = unit(&s, "elz13");
    let err = apply(
        &mut s.scenario,
        &s.data.atlas,
        &Edit::AssignUnits {
            units: vec![gent],
            team: Some(trawant),
        },
    );
    assert!(matches!(err, Err(EditError::Locked { .. })), "{err:?}");
    let mechelen = unit(&s, "elz23");
    let err = apply(
        &mut s.scenario,
        &s.data.atlas,
        &Edit::AssignUnits {
            units: vec![mechelen],
            team: Some(gent_team),
        },
    );
    assert!(matches!(err, Err(EditError::Locked { .. })));
    assert_eq!(s.scenario, before, "a refused move changes nothing");
    apply(
        &mut s.scenario,
        &s.data.atlas,
        &Edit::SetLocked {
            team: gent_team,
            locked: false,
        },
    )
    .expect("unlock");
    apply(
        &mut s.scenario,
        &s.data.atlas,
        &Edit::AssignUnits {
            units: vec![gent],
            team: Some(trawant),
        },
    )
    .expect("move");
}

#[test]
fn deleting_a_team_leaves_its_zones_without_a_team() {
    let mut s = fresh();
    let n = s.scenario.teams.len();
    let westhoek = team(&s, "westhoek");
    let zones = s.metrics.teams[westhoek].units.clone();
    apply(
        &mut s.scenario,
        &s.data.atlas,
        &Edit::DeleteTeam { team: westhoek },
    )
    .expect("delete");
    s.recompute();
    assert_eq!(s.scenario.teams.len(), n - 1);
    assert!(s.scenario.team_by_id("westhoek").is_none());
    let mut un = s.metrics.unassigned_units.clone();
    un.sort_unstable();
    assert_eq!(un, zones);
    // Other teams keep their zones (indices shifted, ids the same).
    let konekti = team(&s, "konekti");
    assert_eq!(s.metrics.teams[konekti].units.len(), 3);
}

#[test]
fn new_renamed_and_recoloured_teams() {
    let mut s = fresh();
    apply(
        &mut s.scenario,
        &s.data.atlas,
        &Edit::CreateTeam {
            name: "Nieuw team 18".into(),
            colour: [1, 2, 3],
        },
    )
    .expect("create");
    let t = s.scenario.teams.last_key().expect("a team");
    apply(
        &mut s.scenario,
        &s.data.atlas,
        &Edit::RenameTeam {
            team: t,
            name: "Kust".into(),
        },
    )
    .expect("rename");
    apply(
        &mut s.scenario,
        &s.data.atlas,
        &Edit::RecolourTeam {
            team: t,
            colour: [9, 9, 9],
        },
    )
    .expect("recolour");
    assert_eq!(s.scenario.teams[t].name, "Kust");
    assert_eq!(s.scenario.teams[t].colour, [9, 9, 9]);
    assert_ne!(s.scenario.teams[t].id, "");
    let coast = unit(&s, "elz31");
    apply(
        &mut s.scenario,
        &s.data.atlas,
        &Edit::AssignUnits {
            units: vec![coast],
            team: Some(t),
        },
    )
    .expect("assign");
    s.recompute();
    assert_eq!(s.metrics.teams[t].units, vec![coast]);
}

#[test]
fn history_undoes_and_redoes_at_least_200_steps() {
    let mut s = fresh();
    let start = s.scenario.clone();
    let mut h = History::default();
    let trawant = team(&s, "trawant");
    let westhoek = team(&s, "westhoek");
    let zone = unit(&s, "elz23");
    for i in 0..250 {
        let before = s.scenario.clone();
        let t = if i % 2 == 0 { westhoek } else { trawant };
        let edit = Edit::AssignUnits {
            units: vec![zone],
            team: Some(t),
        };
        apply(&mut s.scenario, &s.data.atlas, &edit).expect("move");
        h.record(edit.label(&before, &s.data.atlas), before);
    }
    // The undo button says what the last step did: the zone and the team it went to.
    let last = gebiedsplanner::i18n::step_label(
        h.undo_label().expect("a step to undo"),
        gebiedsplanner::i18n::texts(gebiedsplanner::i18n::Lang::Nl),
    );
    let (zone_name, team_name) = (
        &s.data.atlas.units[zone].name,
        &s.scenario.teams[trawant].name,
    );
    assert_eq!(last, format!("{zone_name} » {team_name}"));
    let end = s.scenario.clone();
    let mut steps = 0;
    while let Some(prev) = h.undo(&s.scenario) {
        s.scenario = prev;
        steps += 1;
    }
    assert_eq!(steps, 250);
    assert_eq!(s.scenario, start);
    while let Some(next) = h.redo(&s.scenario) {
        s.scenario = next;
    }
    assert_eq!(s.scenario, end);
    let m = compute(&s.data.atlas, &s.scenario, &s.data.rules);
    assert!(m.teams[trawant].units.contains(&zone));
}
