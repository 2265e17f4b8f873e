//! Per-team numbers and the rules: contiguity, coverage, whole zones, budget.

use super::atlas::Atlas;
use super::ids::{CellId, TeamId, TiSlice, TiVec, ZoneId};
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

impl BudgetModel {
    /// The word a scenario file stores.
    pub fn key(self) -> &'static str {
        match self {
            BudgetModel::Flat => "flat",
            BudgetModel::ChildShare => "children",
        }
    }

    pub fn parse(s: &str) -> Option<BudgetModel> {
        match s {
            "flat" => Some(BudgetModel::Flat),
            "children" => Some(BudgetModel::ChildShare),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct TeamStats {
    /// Zones of which the team holds at least one cell.
    pub units: Vec<ZoneId>,
    /// Zones the team holds only partly (municipality mode).
    pub split_units: Vec<ZoneId>,
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
    pub components: Vec<Vec<CellId>>,
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
    pub teams: TiVec<TeamId, TeamStats>,
    /// Zones with at least one cell that belongs to no team.
    pub unassigned_units: Vec<ZoneId>,
    pub unassigned_cells: Vec<CellId>,
    pub total_population: f64,
    pub total_children: f64,
    /// Share of children in the population where both are known; used to estimate children
    /// where the age split is missing, for the share model only.
    pub child_ratio: f64,
    /// Children where known plus the estimate where not: what the share model divides by.
    pub total_estimated_children: f64,
    /// Inhabitants of each zone, for the flat budget of a zone held in parts.
    pub unit_population: TiVec<ZoneId, f64>,
}

impl Metrics {
    pub fn is_covered(&self) -> bool {
        self.unassigned_cells.is_empty()
    }

    pub fn non_contiguous_teams(&self) -> Vec<TeamId> {
        self.teams
            .iter_enumerated()
            .filter(|(_, s)| !s.units.is_empty() && !s.is_contiguous())
            .map(|(t, _)| t)
            .collect()
    }

    pub fn teams_with_split_units(&self) -> Vec<TeamId> {
        self.teams
            .iter_enumerated()
            .filter(|(_, s)| !s.split_units.is_empty())
            .map(|(t, _)| t)
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
    /// Join two sets; the root is always the smallest member.
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.0[ra.max(rb)] = ra.min(rb);
        }
    }
}

/// Work space reused across teams: the position of a cell in the current team's list, and
/// the first cell of each zone in that list.
struct Scratch {
    slot: TiVec<CellId, Option<u32>>,
    unit_first: TiVec<ZoneId, Option<u32>>,
}

impl Scratch {
    fn new(atlas: &Atlas) -> Scratch {
        Scratch {
            slot: vec![None; atlas.cells.len()].into(),
            unit_first: vec![None; atlas.units.len()].into(),
        }
    }
}

/// Compute every team's numbers and the rule checks.
pub fn compute(atlas: &Atlas, scenario: &Scenario, rules: &BudgetRules) -> Metrics {
    let cell_team = scenario.cell_teams(atlas);
    compute_cells(atlas, &cell_team, scenario.teams.len(), rules)
}

/// The same from the team of every cell (`Scenario::cell_teams`) and the number of teams.
pub fn compute_cells(
    atlas: &Atlas,
    cell_team: &TiSlice<CellId, Option<TeamId>>,
    nteams: usize,
    rules: &BudgetRules,
) -> Metrics {
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
    for cell in &atlas.cells {
        let pop = cell.population.unwrap_or(0.0);
        m.total_population += pop;
        m.total_children += cell.children.unwrap_or(0.0);
        m.total_estimated_children += cell.children.unwrap_or(pop * m.child_ratio);
    }
    // Zone population, for the flat budget of a zone held in parts.
    m.unit_population = atlas
        .units
        .keys()
        .map(|u| atlas.unit_population(u).0.unwrap_or(0.0))
        .collect();

    let mut members: TiVec<TeamId, Vec<CellId>> = vec![Vec::new(); nteams].into();
    for (ci, t) in cell_team.iter_enumerated() {
        match t.filter(|&t| t.0 < nteams) {
            Some(t) => members[t].push(ci),
            None => m.unassigned_cells.push(ci),
        }
    }
    set_unassigned_units(atlas, &mut m);
    let mut scratch = Scratch::new(atlas);
    m.teams = members
        .iter_enumerated()
        .map(|(t, cells)| team_stats(atlas, cell_team, t, cells, rules, &m, &mut scratch))
        .collect();
    m
}

/// Bring `m` (the metrics of `before`) up to date for `after`, the new team of every cell,
/// recomputing only the teams that gained or lost cells. Gives the same result as
/// [`compute_cells`] on `after`, in time proportional to the cells of those teams (plus two
/// quick passes over the team of every cell).
pub fn update(
    atlas: &Atlas,
    before: &TiSlice<CellId, Option<TeamId>>,
    after: &TiSlice<CellId, Option<TeamId>>,
    nteams: usize,
    rules: &BudgetRules,
    m: &mut Metrics,
) {
    if m.teams.len() != nteams
        || before.len() != after.len()
        || after.len() != atlas.cells.len()
        || m.unit_population.len() != atlas.units.len()
    {
        *m = compute_cells(atlas, after, nteams, rules);
        return;
    }
    let norm = |t: Option<TeamId>| t.map(TeamId::index).filter(|&t| t < nteams);
    // Which teams change; index `nteams` stands for "no team".
    let mut touched = vec![false; nteams + 1];
    let mut any = false;
    for (a, b) in before.iter().zip(after) {
        let (a, b) = (norm(*a), norm(*b));
        if a != b {
            touched[a.unwrap_or(nteams)] = true;
            touched[b.unwrap_or(nteams)] = true;
            any = true;
        }
    }
    if !any {
        return;
    }
    let mut members: Vec<Vec<CellId>> = vec![Vec::new(); nteams];
    let unassigned = touched[nteams];
    if unassigned {
        m.unassigned_cells.clear();
    }
    for (ci, t) in after.iter_enumerated() {
        match norm(*t) {
            Some(t) if touched[t] => members[t].push(ci),
            Some(_) => {}
            None if unassigned => m.unassigned_cells.push(ci),
            None => {}
        }
    }
    if unassigned {
        set_unassigned_units(atlas, m);
    }
    let mut scratch = Scratch::new(atlas);
    for (t, cells) in members.iter().enumerate() {
        if touched[t] {
            let t = TeamId(t);
            m.teams[t] = team_stats(atlas, after, t, cells, rules, m, &mut scratch);
        }
    }
}

fn set_unassigned_units(atlas: &Atlas, m: &mut Metrics) {
    let mut units: Vec<ZoneId> = m
        .unassigned_cells
        .iter()
        .map(|&c| atlas.cells[c].unit)
        .collect();
    units.sort_unstable();
    units.dedup();
    m.unassigned_units = units;
}

/// The numbers of team `t`, whose cells are `cells` (in increasing order). Uses the
/// atlas-wide figures already in `m`.
fn team_stats(
    atlas: &Atlas,
    cell_team: &TiSlice<CellId, Option<TeamId>>,
    t: TeamId,
    cells: &[CellId],
    rules: &BudgetRules,
    m: &Metrics,
    scratch: &mut Scratch,
) -> TeamStats {
    let mut s = TeamStats::default();
    let mut est_children = 0.0;
    for (li, &ci) in cells.iter().enumerate() {
        let cell = &atlas.cells[ci];
        scratch.slot[ci] = Some(li as u32);
        if scratch.unit_first[cell.unit].is_none() {
            scratch.unit_first[cell.unit] = Some(li as u32);
            s.units.push(cell.unit);
        }
        // A municipality split over several zones counts once per team: at its first cell.
        if !atlas.municipalities[cell.muni]
            .cells
            .iter()
            .any(|&o| o < ci && cell_team[o] == Some(t))
        {
            s.municipalities += 1;
        }
        let pop = cell.population.unwrap_or(0.0);
        s.population += pop;
        s.population_estimated |= cell.estimated;
        match cell.children {
            Some(ch) => s.children += ch,
            None => s.children_unknown_population += pop,
        }
        est_children += cell.children.unwrap_or(pop * m.child_ratio);
        let unit_pop = m.unit_population[cell.unit];
        let share = if unit_pop > 0.0 {
            pop / unit_pop
        } else {
            1.0 / atlas.units[cell.unit].cells.len() as f64
        };
        s.budget_flat += rules.per_zone_eur * share;
    }
    s.units.sort_unstable();
    // Zones held in part.
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
    s.budget_share = if m.total_estimated_children > 0.0 {
        rules.total_eur * est_children / m.total_estimated_children
    } else {
        0.0
    };

    // Contiguity: cells joined by a shared border or by being in the same zone. Local
    // numbers follow the cell order, so each part's root is its lowest cell.
    let mut dsu = Dsu((0..cells.len()).collect());
    for (li, &ci) in cells.iter().enumerate() {
        for &(o, _) in &atlas.topology.neighbours[ci.index()] {
            if let Some(lo) = scratch.slot[CellId::from(o)] {
                dsu.union(li, lo as usize);
            }
        }
        if let Some(first) = scratch.unit_first[atlas.cells[ci].unit] {
            dsu.union(li, first as usize);
        }
    }
    // Parts in the order of their lowest cell, then the most populous first.
    let mut part_of_root: Vec<Option<usize>> = vec![None; cells.len()];
    let mut parts: Vec<Vec<CellId>> = Vec::new();
    for (li, &ci) in cells.iter().enumerate() {
        let root = dsu.find(li);
        let part = *part_of_root[root].get_or_insert_with(|| {
            parts.push(Vec::new());
            parts.len() - 1
        });
        parts[part].push(ci);
    }
    let pop = |cells: &Vec<CellId>| -> f64 {
        cells
            .iter()
            .map(|&c| atlas.cells[c].population.unwrap_or(0.0))
            .sum()
    };
    let pops: Vec<f64> = parts.iter().map(pop).collect();
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|&a, &b| pops[b].total_cmp(&pops[a]));
    let mut parts: Vec<Option<Vec<CellId>>> = parts.into_iter().map(Some).collect();
    s.components = order.iter().filter_map(|&i| parts[i].take()).collect();

    // Leave the work space clean for the next team.
    for &ci in cells {
        scratch.slot[ci] = None;
        scratch.unit_first[atlas.cells[ci].unit] = None;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::synthetic;

    fn rules() -> BudgetRules {
        BudgetRules {
            per_zone_eur: 400_000.0,
            total_eur: 24_000_000.0,
        }
    }

    /// A small deterministic random sequence.
    struct Rng(u64);
    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
    }

    #[test]
    fn updating_after_random_moves_gives_the_full_recompute() {
        let (atlas, mut s) = synthetic::grid(24, 18, 12, 5);
        let rules = rules();
        let mut before = s.cell_teams(&atlas);
        let mut m = compute(&atlas, &s, &rules);
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        let nteams = s.teams.len();
        for step in 0..200 {
            // Zones and single municipalities to a random team or to none.
            let team = match rng.below(nteams + 1) {
                t if t == nteams => None,
                t => Some(TeamId(t)),
            };
            if rng.below(3) == 0 {
                let muni = crate::model::ids::MunicipalityId(rng.below(atlas.municipalities.len()));
                s.muni_team.insert(muni, team);
            } else {
                let unit = ZoneId(rng.below(atlas.units.len()));
                s.unit_team[unit] = team;
            }
            let after = s.cell_teams(&atlas);
            update(&atlas, &before, &after, nteams, &rules, &mut m);
            let full = compute_cells(&atlas, &after, nteams, &rules);
            assert_eq!(m, full, "step {step}");
            before = after;
        }
        assert!(
            !m.non_contiguous_teams().is_empty() || !m.is_covered(),
            "the random moves should have broken a rule at some point"
        );
    }

    #[test]
    fn a_team_cut_in_two_has_two_parts_most_populous_first() {
        let (atlas, mut s) = synthetic::grid(9, 3, 3, 1);
        // Three zones in a row, all one team: take the middle one away.
        let middle = atlas.unit_by_code("z1").expect("zone z1");
        s.unit_team[middle] = None;
        let m = compute(&atlas, &s, &rules());
        let parts = &m.teams[TeamId(0)].components;
        assert_eq!(parts.len(), 2);
        let pop = |p: &Vec<CellId>| -> f64 {
            p.iter()
                .map(|&c| atlas.cells[c].population.unwrap_or(0.0))
                .sum()
        };
        assert!(pop(&parts[0]) >= pop(&parts[1]));
        assert_eq!(m.unassigned_units, vec![middle]);
    }
}
