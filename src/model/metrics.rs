//! Per-team numbers and the rules: contiguity, coverage, whole zones, budget.

use super::atlas::Atlas;
use super::scenario::Scenario;

/// The budget figures of the 2020 call (seed file `facts.csv`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BudgetRules {
    /// Flat model: this much per zone.
    pub per_zone_eur: f64,
    /// Share model: this total, divided in proportion to children 0-17.
    pub total_eur: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum BudgetModel {
    /// A fixed amount per zone.
    #[default]
    Flat,
    /// The total shared in proportion to children 0-17.
    ChildShare,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct TeamStats {
    /// Zones of which the team holds at least one cell.
    pub units: Vec<usize>,
    /// Zones the team holds only partly (municipality mode).
    pub split_units: Vec<usize>,
    pub municipalities: usize,
    pub population: f64,
    /// Some of the population is an estimate (a share of a split municipality).
    pub population_estimated: bool,
    /// Children 0-17 where known.
    pub children: f64,
    /// Population of the cells whose children are not known (Brussels).
    pub children_unknown_population: f64,
    pub budget_flat: f64,
    pub budget_share: f64,
    /// Connected parts of the team's area, each a list of cells; largest first.
    pub components: Vec<Vec<usize>>,
}

impl TeamStats {
    pub fn is_contiguous(&self) -> bool {
        self.components.len() <= 1
    }

    pub fn children_known(&self) -> bool {
        self.children_unknown_population == 0.0
    }

    pub fn budget(&self, model: BudgetModel) -> f64 {
        match model {
            BudgetModel::Flat => self.budget_flat,
            BudgetModel::ChildShare => self.budget_share,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Metrics {
    pub teams: Vec<TeamStats>,
    /// Zones with at least one cell that belongs to no team.
    pub unassigned_units: Vec<usize>,
    pub unassigned_cells: Vec<usize>,
    pub total_population: f64,
    pub total_children: f64,
    /// Share of children in the population where both are known; used to estimate children
    /// where the age split is missing, for the share model only.
    pub child_ratio: f64,
}

impl Metrics {
    pub fn is_covered(&self) -> bool {
        self.unassigned_cells.is_empty()
    }

    pub fn non_contiguous_teams(&self) -> Vec<usize> {
        (0..self.teams.len())
            .filter(|&t| !self.teams[t].units.is_empty() && !self.teams[t].is_contiguous())
            .collect()
    }

    pub fn teams_with_split_units(&self) -> Vec<usize> {
        (0..self.teams.len())
            .filter(|&t| !self.teams[t].split_units.is_empty())
            .collect()
    }

    /// All rules hold: every cell covered, every team contiguous, no zone split.
    pub fn all_rules_hold(&self) -> bool {
        self.is_covered()
            && self.non_contiguous_teams().is_empty()
            && self.teams_with_split_units().is_empty()
    }
}

struct Dsu(Vec<usize>);

impl Dsu {
    fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.0[r] != r {
            r = self.0[r];
        }
        let mut y = x;
        while self.0[y] != r {
            let next = self.0[y];
            self.0[y] = r;
            y = next;
        }
        r
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.0[ra.max(rb)] = ra.min(rb);
        }
    }
}

/// Compute every team's numbers and the rule checks.
pub fn compute(atlas: &Atlas, scenario: &Scenario, rules: &BudgetRules) -> Metrics {
    let cell_team = scenario.cell_teams(atlas);
    let nteams = scenario.teams.len();
    let mut teams = vec![TeamStats::default(); nteams];
    let mut m = Metrics::default();

    // Children ratio over the cells where both are known.
    let (mut kp, mut kc) = (0.0, 0.0);
    for c in &atlas.cells {
        if let (Some(p), Some(ch)) = (c.population, c.children) {
            kp += p;
            kc += ch;
        }
    }
    m.child_ratio = if kp > 0.0 { kc / kp } else { 0.0 };

    // Zone population, for the flat budget of a zone held in parts.
    let unit_pop: Vec<f64> = (0..atlas.units.len())
        .map(|u| atlas.unit_population(u).0.unwrap_or(0.0))
        .collect();

    let mut est_children = vec![0.0; nteams];
    let mut total_est_children = 0.0;
    let mut muni_seen = vec![usize::MAX; atlas.municipalities.len()];
    for (ci, cell) in atlas.cells.iter().enumerate() {
        let pop = cell.population.unwrap_or(0.0);
        m.total_population += pop;
        m.total_children += cell.children.unwrap_or(0.0);
        let child_est = cell.children.unwrap_or(pop * m.child_ratio);
        total_est_children += child_est;
        let Some(t) = cell_team[ci].filter(|&t| t < nteams) else {
            m.unassigned_cells.push(ci);
            if !m.unassigned_units.contains(&cell.unit) {
                m.unassigned_units.push(cell.unit);
            }
            continue;
        };
        let s = &mut teams[t];
        if !s.units.contains(&cell.unit) {
            s.units.push(cell.unit);
        }
        if muni_seen[cell.muni] != t {
            // A municipality split over several zones counts once per team.
            if !atlas.municipalities[cell.muni]
                .cells
                .iter()
                .any(|&o| o < ci && cell_team[o] == Some(t))
            {
                s.municipalities += 1;
            }
            muni_seen[cell.muni] = t;
        }
        s.population += pop;
        s.population_estimated |= cell.estimated;
        match cell.children {
            Some(ch) => s.children += ch,
            None => s.children_unknown_population += pop,
        }
        est_children[t] += child_est;
        let share = if unit_pop[cell.unit] > 0.0 {
            pop / unit_pop[cell.unit]
        } else {
            1.0 / atlas.units[cell.unit].cells.len() as f64
        };
        s.budget_flat += rules.per_zone_eur * share;
    }
    m.unassigned_units.sort_unstable();

    // Zones held in part.
    for (t, s) in teams.iter_mut().enumerate() {
        s.units.sort_unstable();
        s.split_units = s
            .units
            .iter()
            .copied()
            .filter(|&u| {
                atlas.units[u]
                    .cells
                    .iter()
                    .any(|&c| cell_team[c] != Some(t))
            })
            .collect();
        s.budget_share = if total_est_children > 0.0 {
            rules.total_eur * est_children[t] / total_est_children
        } else {
            0.0
        };
    }

    // Contiguity: cells joined by a shared border or by being in the same zone.
    let mut dsu = Dsu((0..atlas.cells.len()).collect());
    for (ci, nbs) in atlas.topology.neighbours.iter().enumerate() {
        let Some(t) = cell_team[ci] else { continue };
        for &(o, _) in nbs {
            if cell_team[o as usize] == Some(t) {
                dsu.union(ci, o as usize);
            }
        }
    }
    for unit in &atlas.units {
        let mut first: Vec<Option<usize>> = vec![None; nteams];
        for &c in &unit.cells {
            if let Some(t) = cell_team[c].filter(|&t| t < nteams) {
                match first[t] {
                    Some(f) => dsu.union(f, c),
                    None => first[t] = Some(c),
                }
            }
        }
    }
    let mut comps: Vec<std::collections::BTreeMap<usize, Vec<usize>>> =
        vec![Default::default(); nteams];
    for (ci, t) in cell_team.iter().enumerate() {
        if let Some(t) = t.filter(|&t| t < nteams) {
            let root = dsu.find(ci);
            comps[t].entry(root).or_default().push(ci);
        }
    }
    for (t, c) in comps.into_iter().enumerate() {
        let mut v: Vec<Vec<usize>> = c.into_values().collect();
        let pop = |cells: &Vec<usize>| -> f64 {
            cells
                .iter()
                .map(|&c| atlas.cells[c].population.unwrap_or(0.0))
                .sum()
        };
        v.sort_by(|a, b| pop(b).total_cmp(&pop(a)));
        teams[t].components = v;
    }
    m.teams = teams;
    m
}
