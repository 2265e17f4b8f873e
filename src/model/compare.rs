//! What a scenario changes against a baseline: per team, the municipalities and children it
//! gains and loses (teams are matched by id), and the list of cells whose team differs.

use std::collections::BTreeSet;

use super::atlas::Atlas;
use super::scenario::Scenario;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct TeamChange {
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
    let id = |s: &Scenario, t: Option<usize>| t.and_then(|t| s.teams.get(t)).map(|t| t.id.clone());
    let mut teams = vec![TeamChange::default(); scenario.teams.len()];
    let mut gained: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); scenario.teams.len()];
    let mut lost: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); scenario.teams.len()];
    let mut moved = Vec::new();
    for (ci, cell) in atlas.cells.iter().enumerate() {
        let now = id(scenario, scenario.cell_team(atlas, ci));
        let before = id(baseline, baseline.cell_team(atlas, ci));
        if now == before {
            continue;
        }
        let children = cell.children.unwrap_or(0.0);
        let pop = cell.population.unwrap_or(0.0);
        if let Some(t) = now.as_deref().and_then(|i| scenario.team_by_id(i)) {
            gained[t].insert(cell.muni);
            teams[t].children_gained += children;
            teams[t].population_gained += pop;
        }
        if let Some(t) = before.as_deref().and_then(|i| scenario.team_by_id(i)) {
            lost[t].insert(cell.muni);
            teams[t].children_lost += children;
            teams[t].population_lost += pop;
        }
        moved.push((ci, before, now));
    }
    for (t, c) in teams.iter_mut().enumerate() {
        c.municipalities_gained = gained[t].len();
        c.municipalities_lost = lost[t].len();
    }
    Comparison { teams, moved }
}
