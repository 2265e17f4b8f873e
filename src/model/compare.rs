//! What a scenario changes against a baseline: per team, the municipalities and children it
//! gains and loses (teams are matched by id), and the list of cells whose team differs.

use std::collections::BTreeSet;

use super::atlas::Atlas;
use super::scenario::Scenario;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct TeamChange {
    /// Zones of which the team gains or loses at least a part.
    pub zones_gained: usize,
    pub zones_lost: usize,
    pub municipalities_gained: usize,
    pub municipalities_lost: usize,
    pub children_gained: f64,
    pub children_lost: f64,
    pub population_gained: f64,
    pub population_lost: f64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Comparison {
    /// Per team of the scenario (by index).
    pub teams: Vec<TeamChange>,
    /// Cells whose team id differs: (cell, baseline team id, scenario team id).
    pub moved: Vec<(usize, Option<String>, Option<String>)>,
}

pub fn compare(atlas: &Atlas, scenario: &Scenario, baseline: &Scenario) -> Comparison {
    compare_cells(
        atlas,
        scenario,
        &scenario.cell_teams(atlas),
        baseline,
        &baseline.cell_teams(atlas),
    )
}

/// The same from the team of every cell in both scenarios (`Scenario::cell_teams`).
pub fn compare_cells(
    atlas: &Atlas,
    scenario: &Scenario,
    now: &[Option<usize>],
    baseline: &Scenario,
    before: &[Option<usize>],
) -> Comparison {
    let n = scenario.teams.len();
    // Teams are matched by id: each baseline team's index in the scenario, if it has one.
    let matched: Vec<Option<usize>> = baseline
        .teams
        .iter()
        .map(|t| scenario.team_by_id(&t.id))
        .collect();
    // One number per distinct id: scenario teams as they are, unmatched baseline teams after.
    let key_now = |t: Option<usize>| t.filter(|&t| t < n);
    let key_before = |t: Option<usize>| {
        t.filter(|&t| t < matched.len())
            .map(|t| matched[t].unwrap_or(n + t))
    };
    let id = |s: &Scenario, t: Option<usize>| t.and_then(|t| s.teams.get(t)).map(|t| t.id.clone());
    let mut teams = vec![TeamChange::default(); n];
    let mut gained: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); n];
    let mut lost: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); n];
    let mut zones_gained: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); n];
    let mut zones_lost: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); n];
    let mut moved = Vec::new();
    for (ci, (&t_now, &t_before)) in now.iter().zip(before).enumerate() {
        let (k_now, k_before) = (key_now(t_now), key_before(t_before));
        if k_now == k_before {
            continue;
        }
        let cell = &atlas.cells[ci];
        let children = cell.children.unwrap_or(0.0);
        let pop = cell.population.unwrap_or(0.0);
        if let Some(t) = k_now {
            gained[t].insert(cell.muni);
            zones_gained[t].insert(cell.unit);
            teams[t].children_gained += children;
            teams[t].population_gained += pop;
        }
        if let Some(t) = k_before.filter(|&t| t < n) {
            lost[t].insert(cell.muni);
            zones_lost[t].insert(cell.unit);
            teams[t].children_lost += children;
            teams[t].population_lost += pop;
        }
        moved.push((ci, id(baseline, t_before), id(scenario, t_now)));
    }
    for (t, c) in teams.iter_mut().enumerate() {
        c.municipalities_gained = gained[t].len();
        c.municipalities_lost = lost[t].len();
        c.zones_gained = zones_gained[t].len();
        c.zones_lost = zones_lost[t].len();
    }
    Comparison { teams, moved }
}
