//! The scenarios built from the seeds: the default ELZ-aligned division and the historic
//! 2020 team areas (the baseline a reorganisation is measured against).

use std::collections::BTreeMap;

use super::atlas::Atlas;
use super::colour::{PALETTE, colour_graph};
use super::ids::{CellId, TeamId, TiVec};
use super::metrics::BudgetRules;
use super::scenario::{Scenario, Team};
use super::seeds::Seeds;

/// Teams from the seeds, in seed order, with colours still to be assigned.
fn seed_teams(seeds: &Seeds, kinds: &[&str]) -> TiVec<TeamId, Team> {
    seeds
        .teams
        .iter()
        .filter(|t| kinds.contains(&t.kind.as_str()))
        .map(|t| Team {
            id: t.id.clone(),
            name: t.name.clone(),
            colour: PALETTE[0],
            iroj: t.iroj.clone(),
            locked: false,
            partners: t.partners,
            area_status: t.area_status,
            note: String::new(),
        })
        .collect()
}

/// Which teams border each other in this scenario: a graph whose node `i` is `TeamId(i)`.
pub fn team_neighbours(atlas: &Atlas, scenario: &Scenario) -> Vec<Vec<usize>> {
    let cell_team = scenario.cell_teams(atlas);
    let n = scenario.teams.len();
    let node = |t: Option<TeamId>| t.map(TeamId::index).filter(|&t| t < n);
    let mut nb = vec![Vec::new(); n];
    for (ci, list) in atlas.topology.neighbours.iter().enumerate() {
        let Some(a) = node(cell_team[CellId(ci)]) else {
            continue;
        };
        for &(o, _) in list {
            if let Some(b) = node(cell_team[CellId::from(o)])
                && a != b
                && !nb[a].contains(&b)
            {
                nb[a].push(b);
            }
        }
    }
    nb
}

/// Give every team a palette colour so that bordering teams differ.
pub fn assign_colours(atlas: &Atlas, scenario: &mut Scenario) {
    let colours = colour_graph(&team_neighbours(atlas, scenario));
    for (t, c) in scenario.teams.iter_mut().zip(colours) {
        t.colour = PALETTE[c];
    }
}

/// The names the app gives the default division and the historic baseline. They are stored in
/// files as they are; the interface shows them in its own language (`i18n::scenario_name`).
pub const DEFAULT_NAME: &str = "1G1P 2020, ELZ-indeling (schatting)";
pub const HISTORIC_NAME: &str = "1G1P 2020 (historische werkgebieden)";

/// The default scenario "1G1P 2020, ELZ-indeling (schatting)": every zone assigned to a team.
/// Returns the scenario and the seed rows that name a zone this atlas does not have.
pub fn default_scenario(atlas: &Atlas, seeds: &Seeds) -> (Scenario, Vec<String>) {
    let mut s = Scenario::empty(atlas, DEFAULT_NAME);
    s.teams = seed_teams(seeds, &["historic2020", "new2021"]);
    let mut skipped = Vec::new();
    for a in &seeds.default_scenario {
        match (atlas.unit_by_code(&a.code), s.team_by_id(&a.team_id)) {
            (Some(u), Some(t)) => s.unit_team[u] = Some(t),
            _ => skipped.push(a.code.clone()),
        }
    }
    assign_colours(atlas, &mut s);
    (s, skipped)
}

/// The historic 2020 work areas, per municipality (municipality mode). A municipality made
/// of several 2019-2024 municipalities takes the team of its most populous predecessor
/// that had one.
pub fn historic_scenario(atlas: &Atlas, seeds: &Seeds, colours_from: &Scenario) -> Scenario {
    let mut s = Scenario::empty(atlas, HISTORIC_NAME);
    s.teams = seed_teams(seeds, &["historic2020"]);
    for t in &mut s.teams {
        if let Some(other) = colours_from.team_by_id(&t.id) {
            t.colour = colours_from.teams[other].colour;
        }
    }
    let by_old: BTreeMap<&str, TeamId> = seeds
        .historic
        .iter()
        .filter_map(|a| s.team_by_id(&a.team_id).map(|t| (a.code.as_str(), t)))
        .collect();
    let mut muni_team = BTreeMap::new();
    for (mi, m) in atlas.municipalities.iter_enumerated() {
        let mut best: Option<(u64, TeamId)> = None;
        for (code, pop) in &m.predecessors {
            if let Some(&t) = by_old.get(code.as_str()) {
                let p = pop.unwrap_or(0);
                if best.is_none_or(|(bp, _)| p > bp) {
                    best = Some((p, t));
                }
            }
        }
        muni_team.insert(mi, best.map(|b| b.1));
    }
    s.muni_team = muni_team;
    s
}

/// Budget rules from the seed facts (400.000 EUR per zone; 15 M + 9 M EUR in total).
pub fn budget_rules(seeds: &Seeds) -> BudgetRules {
    let per_zone = seeds.number("budget_per_elz_eur").unwrap_or(400_000.0);
    let total = seeds.number("budget_initial_eur").unwrap_or(15_000_000.0)
        + seeds.number("budget_extra_eur").unwrap_or(9_000_000.0);
    BudgetRules {
        per_zone_eur: per_zone,
        total_eur: total,
    }
}
