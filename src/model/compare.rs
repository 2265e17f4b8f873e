//! What a scenario changes against a baseline: per team, the municipalities and children it
//! gains and loses (teams are matched by id), and the list of cells whose team differs.

use super::atlas::Atlas;
use super::ids::{CellId, TeamId, TiSlice, TiVec};
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
    pub teams: TiVec<TeamId, TeamChange>,
    /// Cells whose team id differs, in cell order.
    pub moved: Vec<Moved>,
}

/// A cell whose team differs from the baseline's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Moved {
    pub cell: CellId,
    /// Its team in the baseline (an index into the baseline's teams).
    pub from: Option<TeamId>,
    /// Its team in the scenario (an index into the scenario's teams).
    pub to: Option<TeamId>,
}

/// The name of a baseline team as the scenario calls it now (teams are matched by id), or as
/// the baseline did when the scenario has no team with its id.
pub fn baseline_team_name<'a>(
    scenario: &'a Scenario,
    baseline: &'a Scenario,
    from: TeamId,
) -> Option<&'a str> {
    let team = baseline.teams.get(from)?;
    Some(
        scenario
            .team_by_id(&team.id)
            .map_or(team.name.as_str(), |t| scenario.teams[t].name.as_str()),
    )
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
    now: &TiSlice<CellId, Option<TeamId>>,
    baseline: &Scenario,
    before: &TiSlice<CellId, Option<TeamId>>,
) -> Comparison {
    let n = scenario.teams.len();
    // Teams are matched by id: each baseline team's index in the scenario, if it has one.
    let matched: Vec<Option<TeamId>> = baseline
        .teams
        .iter()
        .map(|t| scenario.team_by_id(&t.id))
        .collect();
    // One number per distinct id: scenario teams as they are, unmatched baseline teams after.
    let key_now = |t: Option<TeamId>| t.map(TeamId::index).filter(|&t| t < n);
    let key_before = |t: Option<TeamId>| {
        t.map(TeamId::index)
            .filter(|&t| t < matched.len())
            .map(|t| matched[t].map_or(n + t, TeamId::index))
    };
    let mut teams = vec![TeamChange::default(); n];
    // (team, municipality) and (team, zone) for every cell gained and lost: sorted and
    // counted once each below, so that a municipality or zone of several cells counts once.
    let mut gained: Vec<(usize, usize)> = Vec::new();
    let mut lost: Vec<(usize, usize)> = Vec::new();
    let mut zones_gained: Vec<(usize, usize)> = Vec::new();
    let mut zones_lost: Vec<(usize, usize)> = Vec::new();
    let mut moved = Vec::new();
    for ((ci, &t_now), &t_before) in now.iter_enumerated().zip(before.iter()) {
        let (k_now, k_before) = (key_now(t_now), key_before(t_before));
        if k_now == k_before {
            continue;
        }
        let cell = &atlas.cells[ci];
        let children = cell.children.unwrap_or(0.0);
        let pop = cell.population.unwrap_or(0.0);
        if let Some(t) = k_now {
            gained.push((t, cell.muni.index()));
            zones_gained.push((t, cell.unit.index()));
            teams[t].children_gained += children;
            teams[t].population_gained += pop;
        }
        if let Some(t) = k_before.filter(|&t| t < n) {
            lost.push((t, cell.muni.index()));
            zones_lost.push((t, cell.unit.index()));
            teams[t].children_lost += children;
            teams[t].population_lost += pop;
        }
        moved.push(Moved {
            cell: ci,
            from: t_before.filter(|&t| t.0 < baseline.teams.len()),
            to: t_now.filter(|&t| t.0 < n),
        });
    }
    let per_team = |mut pairs: Vec<(usize, usize)>| {
        pairs.sort_unstable();
        pairs.dedup();
        let mut count = vec![0; n];
        for (t, _) in pairs {
            count[t] += 1;
        }
        count
    };
    let (g, l) = (per_team(gained), per_team(lost));
    let (zg, zl) = (per_team(zones_gained), per_team(zones_lost));
    for (t, c) in teams.iter_mut().enumerate() {
        c.municipalities_gained = g[t];
        c.municipalities_lost = l[t];
        c.zones_gained = zg[t];
        c.zones_lost = zl[t];
    }
    Comparison {
        teams: teams.into(),
        moved,
    }
}
