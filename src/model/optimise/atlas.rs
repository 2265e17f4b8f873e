//! The optimiser on the atlas: builds the [`Problem`] from the atlas, the scenario being
//! improved, a baseline and the options, and turns the answer back into a scenario.
//!
//! Disruption: the measure (children 0-17, inhabitants or municipalities) of every cell
//! whose baseline team is set and differs from its proposed team. A baseline team that the
//! scenario does not have differs from every team. Cells without a baseline team cost
//! nothing anywhere.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use super::{Division, Infeasible, Problem, Progress, SolveError, Solved, Status, solve};
use crate::model::atlas::Atlas;
use crate::model::ids::{CellId, TeamId, TiSlice, TiVec, ZoneId};
use crate::model::scenario::Scenario;

/// What a changed team costs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Measure {
    /// Children 0-17 (Brussels, which has no age split: its inhabitants times the share of
    /// children elsewhere).
    #[default]
    Children,
    Inhabitants,
    /// Municipalities (a municipality split over zones counts in the share of its
    /// inhabitants in each).
    Municipalities,
}

/// Bounds on the children 0-17 of every team.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ChildrenBounds {
    Range {
        min: f64,
        max: f64,
    },
    /// Within this many percent of the average over the teams.
    AroundAverage {
        percent: f64,
    },
}

#[derive(Clone, Debug)]
pub struct Options {
    pub measure: Measure,
    /// A team takes only zones of its IROJ region (as recorded for the team, or else the
    /// region where most of its baseline children live).
    pub stay_in_region: bool,
    /// Teams (by id) that keep exactly the zones they have in the scenario being improved.
    /// Teams locked in that scenario are locked as well.
    pub locks: Vec<String>,
    /// Zones (by code) that go to a team (by id).
    pub pins: Vec<(String, String)>,
    pub children: Option<ChildrenBounds>,
    /// A team may be left without any zone.
    pub allow_empty: bool,
    /// How many next-best divisions to find after the best one.
    pub alternatives: usize,
    pub time_limit: Duration,
    pub cancel: Option<Arc<AtomicBool>>,
    /// Where the search reports how far it is.
    pub progress: Option<Arc<Progress>>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            measure: Measure::Children,
            stay_in_region: true,
            locks: Vec::new(),
            pins: Vec::new(),
            children: None,
            allow_empty: false,
            alternatives: 0,
            time_limit: Duration::from_secs(10),
            cancel: None,
            progress: None,
        }
    }
}

/// An option, as the user gave it: what a conflict names.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rule {
    Lock {
        team: String,
    },
    Pin {
        zone: String,
        team: String,
    },
    /// "Stay in the IROJ region", for this team.
    Region {
        team: String,
    },
    ChildrenBounds,
    /// Every team keeps at least one zone (the option to leave a team without area is off).
    EveryTeamKeepsArea,
}

/// What cannot be met.
#[derive(Clone, Debug, PartialEq)]
pub enum Conflict {
    /// No team may take this zone.
    ZoneWithoutTeam { zone: String },
    /// This team must keep a zone but may take none.
    TeamWithoutZone { team: String },
    /// Two zones that must go to this team cannot be joined through zones it may take.
    ZonesApart { team: String, a: String, b: String },
    /// The bounds on children cannot be met (by this team, when one alone is at fault).
    Bounds { team: Option<String> },
    /// The options together admit no division.
    Combination,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ProposeError {
    UnknownTeam {
        id: String,
    },
    UnknownZone {
        code: String,
    },
    /// The options admit no division: what cannot be met, and the options that conflict.
    Infeasible {
        conflict: Conflict,
        options: Vec<Rule>,
    },
    Cancelled,
    /// The time limit passed before any division was found.
    TimeLimit {
        lower: f64,
    },
    Solver(String),
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Rule::Lock { team } => write!(f, "--lock {team}"),
            Rule::Pin { zone, team } => write!(f, "--pin {zone}={team}"),
            Rule::Region { team } => write!(f, "the IROJ region of {team} (--any-region lifts it)"),
            Rule::ChildrenBounds => write!(f, "--children-range"),
            Rule::EveryTeamKeepsArea => write!(f, "every team keeps an area"),
        }
    }
}

impl std::fmt::Display for ProposeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProposeError::UnknownTeam { id } => write!(f, "the scenario has no team '{id}'"),
            ProposeError::UnknownZone { code } => write!(f, "the data has no zone '{code}'"),
            ProposeError::Infeasible { conflict, options } => {
                match conflict {
                    Conflict::ZoneWithoutTeam { zone } => {
                        write!(f, "no team may take zone {zone}")?;
                    }
                    Conflict::TeamWithoutZone { team } => {
                        write!(f, "team {team} must keep a zone but may take none")?;
                    }
                    Conflict::ZonesApart { team, a, b } => write!(
                        f,
                        "zones {a} and {b} must both go to {team}, but no chain of zones it may take joins them"
                    )?,
                    Conflict::Bounds { team: Some(t) } => {
                        write!(f, "no connected area of {t} meets the bounds on children")?;
                    }
                    Conflict::Bounds { team: None } => {
                        write!(f, "no division meets the bounds on children")?;
                    }
                    Conflict::Combination => write!(f, "the options together admit no division")?,
                }
                let names: Vec<String> = options.iter().map(Rule::to_string).collect();
                write!(f, "; options in conflict: {}", names.join(", "))
            }
            ProposeError::Cancelled => write!(f, "cancelled"),
            ProposeError::TimeLimit { lower } => write!(
                f,
                "the time limit passed before a division was found (none disrupts less than {lower:.0})"
            ),
            ProposeError::Solver(m) => write!(f, "the solver failed: {m}"),
        }
    }
}

impl std::error::Error for ProposeError {}

/// The Brussels stand-in: where the data has no children 0-17, the inhabitants times this
/// share of children (over the cells that have both figures).
#[derive(Clone, Debug, PartialEq)]
pub struct StandIn {
    pub child_ratio: f64,
    /// Zones whose figure is (partly) the stand-in.
    pub zones: Vec<ZoneId>,
}

/// A zone that changes team.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub zone: ZoneId,
    /// Its team in the scenario being improved.
    pub from: Option<TeamId>,
    pub to: TeamId,
    pub inhabitants: f64,
    /// Children 0-17, `None` where the data has no age split.
    pub children: Option<f64>,
}

/// One proposed division.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub scenario: Scenario,
    /// The measure of the cells that leave their baseline team.
    pub disruption: f64,
    pub status: Status,
    /// Zones whose team differs from the scenario being improved.
    pub changes: Vec<Change>,
    /// Teams left without a zone.
    pub empty_teams: Vec<TeamId>,
}

/// The answer: the best division, the bound, the alternatives.
#[derive(Clone, Debug, PartialEq)]
pub struct Proposal {
    pub best: Candidate,
    /// What every division disrupts at least ("onvermijdelijk"): every zone to its cheapest
    /// allowed team, ignoring contiguity. `best.disruption - bound` is due to the rules.
    pub bound: f64,
    pub measure: Measure,
    /// Set when the measure is children and part of it is the Brussels stand-in.
    pub stand_in: Option<StandIn>,
    pub alternatives: Vec<Candidate>,
}

/// Why a pair (zone, team) is barred: what a conflict names.
type Bars = Vec<Vec<Vec<Rule>>>;

/// The problem built from the atlas, with what is needed to name conflicts and read the
/// answer.
#[derive(Clone, Debug)]
pub struct Built {
    pub problem: Problem,
    pub measure: Measure,
    pub stand_in: Option<StandIn>,
    /// The scenario being improved: its teams are the problem's teams.
    pub scenario: Scenario,
    /// The code of every zone.
    pub codes: Vec<String>,
    bars: Bars,
    fixed_by: Vec<Option<Rule>>,
    options: Vec<Rule>,
    alternatives: usize,
}

/// The region a zone lies in: its province, or Brussels.
fn zone_region(province: &str) -> String {
    if province.starts_with("Brussel") {
        "Brussel".to_string()
    } else {
        province.to_string()
    }
}

/// The team of every cell in the baseline, as an index into `teams` of the scenario being
/// improved: `None` without a baseline team, `Some(None)` for a baseline team the scenario
/// does not have.
fn baseline_cells(
    atlas: &Atlas,
    scenario: &Scenario,
    baseline: &Scenario,
) -> TiVec<CellId, Option<Option<TeamId>>> {
    let map: Vec<Option<TeamId>> = baseline
        .teams
        .iter()
        .map(|t| scenario.team_by_id(&t.id))
        .collect();
    atlas
        .cells
        .keys()
        .map(|c| {
            baseline
                .cell_team(atlas, c)
                .filter(|&t| t.0 < map.len())
                .map(|t| map[t.0])
        })
        .collect()
}

/// The weight of each cell in the measure, and its children (the stand-in where the data
/// has no age split).
struct CellWeights {
    child_ratio: f64,
    children: TiVec<CellId, f64>,
    weight: TiVec<CellId, f64>,
}

impl CellWeights {
    fn of(atlas: &Atlas, measure: Measure) -> CellWeights {
        // Children where known, else the stand-in.
        let (mut kp, mut kc) = (0.0, 0.0);
        for c in &atlas.cells {
            if let (Some(p), Some(ch)) = (c.population, c.children) {
                kp += p;
                kc += ch;
            }
        }
        let child_ratio = if kp > 0.0 { kc / kp } else { 0.0 };
        let children: TiVec<CellId, f64> = atlas
            .cells
            .iter()
            .map(|cell| {
                cell.children
                    .unwrap_or(cell.population.unwrap_or(0.0) * child_ratio)
            })
            .collect();
        let weight = atlas
            .cells
            .iter_enumerated()
            .map(|(c, cell)| match measure {
                Measure::Children => children[c],
                Measure::Inhabitants => cell.population.unwrap_or(0.0),
                Measure::Municipalities => {
                    let cells = &atlas.municipalities[cell.muni].cells;
                    let total: f64 = cells
                        .iter()
                        .map(|&o| atlas.cells[o].population.unwrap_or(0.0))
                        .sum();
                    if total > 0.0 {
                        cell.population.unwrap_or(0.0) / total
                    } else {
                        1.0 / cells.len().max(1) as f64
                    }
                }
            })
            .collect();
        CellWeights {
            child_ratio,
            children,
            weight,
        }
    }

    /// Set when the measure is children and some zone counts with the stand-in.
    fn stand_in(&self, atlas: &Atlas, measure: Measure) -> Option<StandIn> {
        let zones: Vec<ZoneId> = atlas
            .units
            .keys()
            .filter(|&z| {
                atlas.units[z]
                    .cells
                    .iter()
                    .any(|&c| atlas.cells[c].children.is_none())
            })
            .collect();
        (measure == Measure::Children && !zones.is_empty()).then_some(StandIn {
            child_ratio: self.child_ratio,
            zones,
        })
    }
}

/// What the options bar, and why: what a conflict names.
struct Barred {
    bars: Bars,
    fixed_by: Vec<Option<Rule>>,
    /// The rules that took part.
    used: Vec<Rule>,
}

impl Barred {
    /// Team `t` may not take zone `z`, by `rule`.
    fn bar(&mut self, p: &mut Problem, z: usize, t: usize, rule: &Rule) {
        p.allowed[z][t] = false;
        self.bars[z][t].push(rule.clone());
    }

    /// Zone `z` goes to team `t`, by `rule`: every other team is barred from it.
    fn fix(&mut self, p: &mut Problem, z: usize, t: usize, rule: &Rule) {
        p.fixed[z] = Some(t);
        self.fixed_by[z] = Some(rule.clone());
        for (o, bar) in self.bars[z].iter_mut().enumerate() {
            if o != t {
                bar.push(rule.clone());
            }
        }
    }
}

/// The cost of giving each zone to each team: the weight of its cells that leave their
/// baseline team; and each zone's children.
fn zone_costs(
    atlas: &Atlas,
    base: &TiSlice<CellId, Option<Option<TeamId>>>,
    w: &CellWeights,
    p: &mut Problem,
) {
    let nt = p.teams;
    for (zone, unit) in atlas.units.iter_enumerated() {
        let z = zone.index();
        let mut total = 0.0;
        let mut kept = vec![0.0; nt];
        for &c in &unit.cells {
            if let Some(b) = base[c] {
                total += w.weight[c];
                if let Some(b) = b {
                    kept[b.index()] += w.weight[c];
                }
            }
        }
        p.cost[z] = kept.iter().map(|k| total - k).collect();
        p.size[z] = unit.cells.iter().map(|&c| w.children[c]).sum();
    }
}

/// The region of team `t`: the one it records, else where most of its baseline children
/// live, else where its zones' children live now.
fn team_region(
    atlas: &Atlas,
    scenario: &Scenario,
    t: TeamId,
    regions: &TiSlice<ZoneId, String>,
    base: &TiSlice<CellId, Option<Option<TeamId>>>,
    w: &CellWeights,
    p: &Problem,
) -> Option<String> {
    let recorded = zone_region(&scenario.teams[t].iroj);
    if regions.contains(&recorded) {
        return Some(recorded);
    }
    let mut by: BTreeMap<&str, f64> = BTreeMap::new();
    for (c, b) in base.iter_enumerated() {
        if *b == Some(Some(t)) {
            *by.entry(regions[atlas.cells[c].unit].as_str()).or_default() += w.children[c];
        }
    }
    if by.is_empty() {
        for (z, _) in scenario
            .unit_team
            .iter_enumerated()
            .filter(|(_, s)| **s == Some(t))
        {
            *by.entry(regions[z].as_str()).or_default() += p.size[z.index()];
        }
    }
    by.into_iter()
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(r, _)| r.to_string())
}

/// Each team stays in its region.
fn add_regions(
    atlas: &Atlas,
    scenario: &Scenario,
    base: &TiSlice<CellId, Option<Option<TeamId>>>,
    w: &CellWeights,
    p: &mut Problem,
    barred: &mut Barred,
) {
    let regions: TiVec<ZoneId, String> = atlas
        .units
        .iter()
        .map(|u| zone_region(&u.province))
        .collect();
    for (t, team) in scenario.teams.iter_enumerated() {
        let Some(region) = team_region(atlas, scenario, t, &regions, base, w, p) else {
            continue;
        };
        let rule = Rule::Region {
            team: team.id.clone(),
        };
        let mut any = false;
        for (z, r) in regions.iter().enumerate() {
            if *r != region {
                barred.bar(p, z, t.index(), &rule);
                any = true;
            }
        }
        if any {
            barred.used.push(rule);
        }
    }
}

/// Locks: the team keeps exactly its zones.
fn add_locks(
    scenario: &Scenario,
    options: &Options,
    p: &mut Problem,
    barred: &mut Barred,
) -> Result<(), ProposeError> {
    let mut locked: Vec<TeamId> = Vec::new();
    for id in &options.locks {
        let t = scenario
            .team_by_id(id)
            .ok_or_else(|| ProposeError::UnknownTeam { id: id.clone() })?;
        if !locked.contains(&t) {
            locked.push(t);
        }
    }
    for (t, team) in scenario.teams.iter_enumerated() {
        if team.locked && !locked.contains(&t) {
            locked.push(t);
        }
    }
    locked.sort_unstable();
    for &t in &locked {
        let rule = Rule::Lock {
            team: scenario.teams[t].id.clone(),
        };
        barred.used.push(rule.clone());
        for z in 0..p.zones {
            if scenario.unit_team[ZoneId(z)] == Some(t) {
                barred.fix(p, z, t.index(), &rule);
            } else {
                barred.bar(p, z, t.index(), &rule);
            }
        }
    }
    Ok(())
}

/// Pins: the zone goes to the team.
fn add_pins(
    atlas: &Atlas,
    scenario: &Scenario,
    options: &Options,
    p: &mut Problem,
    barred: &mut Barred,
) -> Result<(), ProposeError> {
    for (code, id) in &options.pins {
        let z = atlas
            .unit_by_code(code)
            .ok_or_else(|| ProposeError::UnknownZone { code: code.clone() })?;
        let t = scenario
            .team_by_id(id)
            .ok_or_else(|| ProposeError::UnknownTeam { id: id.clone() })?;
        let rule = Rule::Pin {
            zone: code.clone(),
            team: id.clone(),
        };
        barred.used.push(rule.clone());
        let z = z.index();
        if let Some(f) = p.fixed[z]
            && f != t.index()
        {
            // Pinned to one team and locked or pinned to another.
            let mut opts = vec![rule];
            opts.extend(barred.fixed_by[z].clone());
            opts.sort();
            return Err(ProposeError::Infeasible {
                conflict: Conflict::ZoneWithoutTeam { zone: code.clone() },
                options: opts,
            });
        }
        barred.fix(p, z, t.index(), &rule);
    }
    Ok(())
}

/// Bounds on each team's children.
fn add_children_bounds(bounds: ChildrenBounds, p: &mut Problem, barred: &mut Barred) {
    let (lo, hi) = match bounds {
        ChildrenBounds::Range { min, max } => (min, max),
        ChildrenBounds::AroundAverage { percent } => {
            let avg = p.size.iter().sum::<f64>() / p.teams.max(1) as f64;
            (avg * (1.0 - percent / 100.0), avg * (1.0 + percent / 100.0))
        }
    };
    p.bounds = vec![Some((lo, hi)); p.teams];
    barred.used.push(Rule::ChildrenBounds);
}

/// The scenario being improved, when it is a whole division by zones that the options
/// allow: the fallback answer.
fn start_division(scenario: &Scenario, p: &Problem) -> Option<Vec<usize>> {
    scenario
        .muni_team
        .is_empty()
        .then(|| {
            scenario
                .unit_team
                .iter()
                .map(|t| t.map(TeamId::index))
                .collect::<Option<Vec<usize>>>()
        })
        .flatten()
        .filter(|s| p.is_feasible(s))
}

/// Build the problem. `scenario` is the one being improved (its teams are the teams of the
/// proposal; its zones are what locks keep and the fallback answer); `baseline` is the one
/// whose teams should be disturbed least.
pub fn build(
    atlas: &Atlas,
    scenario: &Scenario,
    baseline: &Scenario,
    options: &Options,
) -> Result<Built, ProposeError> {
    let nz = atlas.units.len();
    let nt = scenario.teams.len();
    let w = CellWeights::of(atlas, options.measure);
    let base = baseline_cells(atlas, scenario, baseline);
    // The problem numbers zones as the atlas does.
    let neighbours = atlas
        .unit_neighbours
        .iter()
        .map(|nbs| nbs.iter().map(|z| z.index()).collect())
        .collect();
    let mut p = Problem::new(nz, neighbours, nt);
    zone_costs(atlas, &base, &w, &mut p);

    let mut barred = Barred {
        bars: vec![vec![Vec::new(); nt]; nz],
        fixed_by: vec![None; nz],
        used: Vec::new(),
    };
    if !options.allow_empty {
        barred.used.push(Rule::EveryTeamKeepsArea);
    }
    if options.stay_in_region {
        add_regions(atlas, scenario, &base, &w, &mut p, &mut barred);
    }
    add_locks(scenario, options, &mut p, &mut barred)?;
    add_pins(atlas, scenario, options, &mut p, &mut barred)?;
    if let Some(b) = options.children {
        add_children_bounds(b, &mut p, &mut barred);
    }
    p.allow_empty = options.allow_empty;
    p.time_limit = options.time_limit;
    p.cancel = options.cancel.clone();
    p.progress = options.progress.clone();
    p.start = start_division(scenario, &p);
    barred.used.sort();
    barred.used.dedup();
    Ok(Built {
        problem: p,
        measure: options.measure,
        stand_in: w.stand_in(atlas, options.measure),
        scenario: scenario.clone(),
        codes: atlas.units.iter().map(|u| u.code.clone()).collect(),
        bars: barred.bars,
        fixed_by: barred.fixed_by,
        options: barred.used,
        alternatives: options.alternatives,
    })
}

impl Built {
    /// Solve the problem and read the answer.
    pub fn solve(&self, atlas: &Atlas) -> Result<Proposal, ProposeError> {
        let solved: Solved = solve(&self.problem, self.alternatives).map_err(|e| self.error(e))?;
        let option = |d: &Division, status: Status| self.option(atlas, d, status);
        Ok(Proposal {
            best: option(&solved.best, solved.status),
            bound: solved.bound,
            measure: self.measure,
            stand_in: self.stand_in.clone(),
            alternatives: solved
                .alternatives
                .iter()
                .map(|(d, s)| option(d, *s))
                .collect(),
        })
    }

    fn option(&self, atlas: &Atlas, d: &Division, status: Status) -> Candidate {
        let mut s = self.scenario.clone();
        s.muni_team.clear();
        s.unit_team = d.team.iter().map(|&t| Some(TeamId(t))).collect();
        let team_of = |z: ZoneId| TeamId(d.team[z.index()]);
        let changes = atlas
            .units
            .keys()
            .filter(|&z| {
                atlas.units[z]
                    .cells
                    .iter()
                    .any(|&c| self.scenario.cell_team(atlas, c) != Some(team_of(z)))
            })
            .map(|z| Change {
                zone: z,
                from: self.scenario.unit_team[z],
                to: team_of(z),
                inhabitants: atlas.unit_population(z).0.unwrap_or(0.0),
                children: atlas.unit_children(z).0,
            })
            .collect();
        let empty_teams = s
            .teams
            .keys()
            .filter(|t| !d.team.contains(&t.index()))
            .collect();
        Candidate {
            scenario: s,
            disruption: d.cost,
            status,
            changes,
            empty_teams,
        }
    }

    /// The solver's error in the options' terms.
    fn error(&self, e: SolveError) -> ProposeError {
        let p = &self.problem;
        let team_id = |t: usize| self.scenario.teams[TeamId(t)].id.clone();
        match e {
            SolveError::Cancelled => ProposeError::Cancelled,
            SolveError::TimeLimit { lower } => ProposeError::TimeLimit { lower },
            SolveError::Solver(m) => ProposeError::Solver(m),
            SolveError::Infeasible(i) => {
                let mut options: Vec<Rule> = Vec::new();
                let conflict = match i {
                    Infeasible::NoTeamForZone { zone } => {
                        match p.fixed[zone] {
                            // Fixed to a team that may not take it: the two reasons.
                            Some(f) => {
                                options.extend(self.bars[zone][f].iter().cloned());
                                options.extend(self.fixed_by[zone].clone());
                            }
                            None => {
                                for bar in &self.bars[zone] {
                                    options.extend(bar.iter().cloned());
                                }
                            }
                        }
                        Conflict::ZoneWithoutTeam {
                            zone: self.zone_code(zone),
                        }
                    }
                    Infeasible::TeamWithoutZone { team } => {
                        options.push(Rule::EveryTeamKeepsArea);
                        for z in 0..p.zones {
                            options.extend(self.bars[z][team].iter().cloned());
                        }
                        Conflict::TeamWithoutZone {
                            team: team_id(team),
                        }
                    }
                    Infeasible::FixedApart { team, a, b } => {
                        options.extend(self.fixed_by[a].clone());
                        options.extend(self.fixed_by[b].clone());
                        options.extend(self.region_of(team));
                        Conflict::ZonesApart {
                            team: team_id(team),
                            a: self.zone_code(a),
                            b: self.zone_code(b),
                        }
                    }
                    Infeasible::TeamBounds { team } => {
                        options.push(Rule::ChildrenBounds);
                        options.extend(self.region_of(team));
                        for z in 0..p.zones {
                            if p.fixed[z] == Some(team) {
                                options.extend(self.fixed_by[z].clone());
                            }
                        }
                        Conflict::Bounds {
                            team: Some(team_id(team)),
                        }
                    }
                    Infeasible::Bounds => {
                        options.push(Rule::ChildrenBounds);
                        Conflict::Bounds { team: None }
                    }
                    Infeasible::Combination => {
                        options = self.options.clone();
                        Conflict::Combination
                    }
                };
                options.sort();
                options.dedup();
                ProposeError::Infeasible { conflict, options }
            }
        }
    }

    fn region_of(&self, team: usize) -> Option<Rule> {
        let rule = Rule::Region {
            team: self.scenario.teams[TeamId(team)].id.clone(),
        };
        self.options.contains(&rule).then_some(rule)
    }

    fn zone_code(&self, zone: usize) -> String {
        self.codes[zone].clone()
    }
}

/// Build and solve: the division of `scenario`'s teams that disturbs `baseline` least.
pub fn propose(
    atlas: &Atlas,
    scenario: &Scenario,
    baseline: &Scenario,
    options: &Options,
) -> Result<Proposal, ProposeError> {
    build(atlas, scenario, baseline, options)?.solve(atlas)
}

/// Repair a division that breaks a rule with the fewest changes: the same optimiser with
/// the scenario itself as baseline ("Herstel met minste verschuiving").
pub fn repair(
    atlas: &Atlas,
    scenario: &Scenario,
    options: &Options,
) -> Result<Proposal, ProposeError> {
    propose(atlas, scenario, scenario, options)
}
