//! The proposal that disturbs today's teams least: an exact optimiser for contiguous,
//! complete divisions of the zones over the teams.
//!
//! The core ([`Problem`], [`solve`]) knows nothing of the atlas: zones and teams are numbers,
//! with a cost per (zone, team) pair and an adjacency list over the zones. [`atlas`] builds
//! that problem from an atlas, the scenario being improved, a baseline and the options, and
//! turns the answer back into a scenario.

pub mod atlas;
mod milp;
pub mod synthetic;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// An assignment problem over a zone graph: every zone to exactly one team, every team's
/// zones connected, the sum of the chosen costs as small as possible.
#[derive(Clone, Debug)]
pub struct Problem {
    /// Number of zones; zones are `0..zones`.
    pub zones: usize,
    /// The zones each zone borders (symmetric, no zone lists itself).
    pub adjacency: Vec<Vec<usize>>,
    /// Number of teams; teams are `0..teams`.
    pub teams: usize,
    /// `cost[zone][team]`: what giving the zone to the team costs.
    pub cost: Vec<Vec<f64>>,
    /// `allowed[zone][team]`: whether the zone may go to the team.
    pub allowed: Vec<Vec<bool>>,
    /// Zones that must go to one team (locked or pinned).
    pub fixed: Vec<Option<usize>>,
    /// The size of each zone that the bounds count (children 0-17).
    pub size: Vec<f64>,
    /// Per team: the least and the most size its zones may add up to.
    pub bounds: Vec<Option<(f64, f64)>>,
    /// Whether a team may be left without any zone (else every team keeps at least one).
    pub allow_empty: bool,
    /// Stop searching after this long; the best division found so far is returned with
    /// the gap to the proven lower bound.
    pub time_limit: Duration,
    /// Set from another thread to stop the search.
    pub cancel: Option<Arc<AtomicBool>>,
    /// Where the search reports how far it is, for another thread to show.
    pub progress: Option<Arc<Progress>>,
    /// A division known to meet every constraint, kept as the answer when the time limit
    /// stops the search before anything better is found (a team per zone).
    pub start: Option<Vec<usize>>,
}

impl Problem {
    /// A problem without costs, restrictions or bounds (every pair allowed, cost 0).
    pub fn new(zones: usize, adjacency: Vec<Vec<usize>>, teams: usize) -> Problem {
        Problem {
            zones,
            adjacency,
            teams,
            cost: vec![vec![0.0; teams]; zones],
            allowed: vec![vec![true; teams]; zones],
            fixed: vec![None; zones],
            size: vec![0.0; zones],
            bounds: vec![None; teams],
            allow_empty: false,
            time_limit: Duration::from_secs(10),
            cancel: None,
            progress: None,
            start: None,
        }
    }

    fn cancelled(&self) -> bool {
        self.cancel
            .as_ref()
            .is_some_and(|c| c.load(Ordering::Relaxed))
    }

    /// Whether `team` may take `zone`: allowed, and not fixed to another team.
    pub fn may_take(&self, zone: usize, team: usize) -> bool {
        self.allowed[zone][team] && self.fixed[zone].is_none_or(|f| f == team)
    }

    /// The lower bound: every zone to its cheapest team, ignoring contiguity and the
    /// bounds. No division can cost less; what a proposal costs above it is the price of
    /// the rules.
    pub fn lower_bound(&self) -> f64 {
        (0..self.zones)
            .map(|z| {
                (0..self.teams)
                    .filter(|&t| self.may_take(z, t))
                    .map(|t| self.cost[z][t])
                    .fold(f64::INFINITY, f64::min)
            })
            .filter(|c| c.is_finite())
            .sum()
    }

    /// The cost of a division (a team per zone).
    pub fn cost_of(&self, team: &[usize]) -> f64 {
        team.iter().enumerate().map(|(z, &t)| self.cost[z][t]).sum()
    }

    /// Whether a division meets every constraint: allowed pairs, fixed zones, bounds,
    /// teams kept, and every team connected.
    pub fn is_feasible(&self, team: &[usize]) -> bool {
        if team.len() != self.zones
            || team
                .iter()
                .enumerate()
                .any(|(z, &t)| t >= self.teams || !self.may_take(z, t))
        {
            return false;
        }
        for t in 0..self.teams {
            let members: Vec<usize> = (0..self.zones).filter(|&z| team[z] == t).collect();
            if members.is_empty() {
                if !self.allow_empty {
                    return false;
                }
                continue;
            }
            if let Some((lo, hi)) = self.bounds[t] {
                let s: f64 = members.iter().map(|&z| self.size[z]).sum();
                if s < lo - 1e-6 || s > hi + 1e-6 {
                    return false;
                }
            }
            if components(self, team, t).len() > 1 {
                return false;
            }
        }
        true
    }
}

/// The connected parts of team `t`'s zones in a division, each in zone order, in the
/// order of their lowest zone.
pub(crate) fn components(p: &Problem, team: &[usize], t: usize) -> Vec<Vec<usize>> {
    let mut seen = vec![false; p.zones];
    let mut parts = Vec::new();
    for start in 0..p.zones {
        if team[start] != t || seen[start] {
            continue;
        }
        seen[start] = true;
        let mut part = vec![start];
        let mut i = 0;
        while i < part.len() {
            let z = part[i];
            i += 1;
            for &n in &p.adjacency[z] {
                if team[n] == t && !seen[n] {
                    seen[n] = true;
                    part.push(n);
                }
            }
        }
        part.sort_unstable();
        parts.push(part);
    }
    parts
}

/// How far a running search is, written by the search and read by any thread (a progress
/// display). Costs are stored as the bits of an `f64`; NaN means not known yet.
/// What a running search has reached, shared with the window that shows it.
#[derive(Debug, Default)]
pub struct Progress {
    now: Mutex<ProgressNow>,
}

/// What [`Progress`] holds at one moment.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ProgressNow {
    /// Rounds of the solver so far (one per set of contiguity cuts).
    pub round: usize,
    /// Divisions found so far (the best, then the alternatives).
    pub found: usize,
    /// The cost of the best division found that meets every constraint, for the division
    /// being looked for now.
    pub incumbent: Option<f64>,
    /// No division being looked for now costs less than this.
    pub lower: Option<f64>,
}

impl ProgressNow {
    /// The relative gap between the incumbent and the bound (0 to 1), when both are known.
    pub fn gap(&self) -> Option<f64> {
        let (i, l) = (self.incumbent?, self.lower?);
        Some(if i <= 0.0 {
            0.0
        } else {
            ((i - l) / i).max(0.0)
        })
    }
}

impl Progress {
    /// Change what is shown; a search that panicked while holding the lock left figures that
    /// are still figures, so they are used as they are.
    fn change(&self, f: impl FnOnce(&mut ProgressNow)) {
        let mut now = self
            .now
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        f(&mut now);
    }

    pub fn now(&self) -> ProgressNow {
        *self
            .now
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub(crate) fn start_division(&self) {
        self.change(|n| {
            n.incumbent = None;
            n.lower = None;
        });
    }

    pub(crate) fn set_round(&self, round: usize) {
        self.change(|n| n.round = round);
    }

    pub(crate) fn set_found(&self, found: usize) {
        self.change(|n| n.found = found);
    }

    pub(crate) fn set_incumbent(&self, cost: f64) {
        self.change(|n| n.incumbent = Some(cost));
    }

    /// Raise the bound to `lower` (a bound never falls).
    pub(crate) fn raise_lower(&self, lower: f64) {
        if !lower.is_finite() {
            return;
        }
        self.change(|n| {
            if n.lower.is_none_or(|o| lower > o) {
                n.lower = Some(lower);
            }
        });
    }
}

/// One division and what it costs.
#[derive(Clone, Debug, PartialEq)]
pub struct Division {
    /// The team of every zone.
    pub team: Vec<usize>,
    pub cost: f64,
}

/// How sure the answer is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Status {
    /// No division costs less.
    Optimal,
    /// The time limit stopped the search: no division costs less than `lower`.
    Gap { lower: f64 },
}

/// The answer of [`solve`].
#[derive(Clone, Debug, PartialEq)]
pub struct Solved {
    pub best: Division,
    pub status: Status,
    /// Every zone to its cheapest team, ignoring contiguity ([`Problem::lower_bound`]).
    pub bound: f64,
    /// The next best divisions, each different from the ones before in at least one zone,
    /// cheapest first; each with its own status.
    pub alternatives: Vec<(Division, Status)>,
    /// Rounds of the solver (one per set of contiguity cuts).
    pub rounds: usize,
}

/// Why no division meets the constraints, in the problem's own terms.
#[derive(Clone, Debug, PartialEq)]
pub enum Infeasible {
    /// No team may take this zone.
    NoTeamForZone { zone: usize },
    /// This team must keep a zone but may take none.
    TeamWithoutZone { team: usize },
    /// Two zones fixed to one team that no chain of zones the team may take joins.
    FixedApart { team: usize, a: usize, b: usize },
    /// The bounds of this team cannot be met by any connected set of zones it may take.
    TeamBounds { team: usize },
    /// Without the bounds a division exists; with them none.
    Bounds,
    /// The constraints together admit no division.
    Combination,
}

#[derive(Clone, Debug, PartialEq)]
pub enum SolveError {
    Infeasible(Infeasible),
    Cancelled,
    /// The time limit passed before any division that meets the constraints was found.
    TimeLimit {
        lower: f64,
    },
    /// The solver itself failed.
    Solver(String),
}

impl std::fmt::Display for SolveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SolveError::Infeasible(i) => write!(f, "no division meets the constraints: {i:?}"),
            SolveError::Cancelled => write!(f, "cancelled"),
            SolveError::TimeLimit { lower } => write!(
                f,
                "the time limit passed before a division was found (none costs less than {lower})"
            ),
            SolveError::Solver(m) => write!(f, "the solver failed: {m}"),
        }
    }
}

impl std::error::Error for SolveError {}

/// Find the cheapest division, and then `alternatives` more.
pub fn solve(p: &Problem, alternatives: usize) -> Result<Solved, SolveError> {
    let started = std::time::Instant::now();
    precheck(p)?;
    let bound = p.lower_bound();
    let mut search = milp::Search::new(p);
    let (best, status) = match search.next() {
        Ok(found) => found,
        Err(SolveError::Infeasible(Infeasible::Combination))
            if p.bounds.iter().any(Option::is_some) =>
        {
            // Is it the bounds? Try once without them.
            let mut free = p.clone();
            free.bounds = vec![None; p.teams];
            free.time_limit = p.time_limit.saturating_sub(started.elapsed());
            let mut s = milp::Search::new(&free);
            return Err(match s.next() {
                Ok(_) => SolveError::Infeasible(Infeasible::Bounds),
                Err(SolveError::Cancelled) => SolveError::Cancelled,
                // No time to tell: what is known is that the options together admit none.
                Err(_) => SolveError::Infeasible(Infeasible::Combination),
            });
        }
        Err(e) => return Err(e),
    };
    let mut alts = Vec::new();
    while alts.len() < alternatives {
        match search.next() {
            Ok(found) => alts.push(found),
            // No further division, or no time left for one: the ones found stand.
            Err(SolveError::Infeasible(_) | SolveError::TimeLimit { .. }) => break,
            Err(e) => return Err(e),
        }
    }
    Ok(Solved {
        best,
        status,
        bound,
        alternatives: alts,
        rounds: search.rounds,
    })
}

/// The quick checks that name the constraint at fault before the solver runs.
fn precheck(p: &Problem) -> Result<(), SolveError> {
    let err = |i| Err(SolveError::Infeasible(i));
    for z in 0..p.zones {
        if !(0..p.teams).any(|t| p.may_take(z, t)) {
            return err(Infeasible::NoTeamForZone { zone: z });
        }
    }
    for t in 0..p.teams {
        let takes: Vec<bool> = (0..p.zones).map(|z| p.may_take(z, t)).collect();
        if !p.allow_empty && !takes.iter().any(|&b| b) {
            return err(Infeasible::TeamWithoutZone { team: t });
        }
        // The parts of the graph the team may take.
        let part = parts_of(p, &takes);
        let fixed: Vec<usize> = (0..p.zones).filter(|&z| p.fixed[z] == Some(t)).collect();
        if let Some((&a, rest)) = fixed.split_first()
            && let Some(&b) = rest.iter().find(|&&b| part[b] != part[a])
        {
            return err(Infeasible::FixedApart { team: t, a, b });
        }
        if let Some((lo, hi)) = p.bounds[t] {
            let fixed_size: f64 = fixed.iter().map(|&z| p.size[z]).sum();
            // The most the team can reach: its fixed zones' part, or its largest part.
            let mut reach = vec![0.0; p.zones];
            for (z, c) in part.iter().enumerate() {
                if let Some(c) = c {
                    reach[*c] += p.size[z];
                }
            }
            let most = match fixed.first() {
                Some(&a) => part[a].map_or(0.0, |c| reach[c]),
                None => reach.iter().copied().fold(0.0, f64::max),
            };
            let empty_ok = p.allow_empty && fixed.is_empty();
            if !empty_ok && (fixed_size > hi + 1e-6 || most < lo - 1e-6) {
                return err(Infeasible::TeamBounds { team: t });
            }
        }
    }
    Ok(())
}

/// The connected part (numbered by its lowest zone) of every zone in `keep`.
fn parts_of(p: &Problem, keep: &[bool]) -> Vec<Option<usize>> {
    let mut part = vec![None; p.zones];
    for s in 0..p.zones {
        if !keep[s] || part[s].is_some() {
            continue;
        }
        part[s] = Some(s);
        let mut stack = vec![s];
        while let Some(z) = stack.pop() {
            for &n in &p.adjacency[z] {
                if keep[n] && part[n].is_none() {
                    part[n] = Some(s);
                    stack.push(n);
                }
            }
        }
    }
    part
}
