//! The integer program and its contiguity cuts.
//!
//! One binary per (zone, team) pair the team may take; each zone in exactly one team; every
//! kept team with at least one zone; the bounds as two rows per team. Contiguity is added as
//! separator cuts in a loop: solve, find the teams whose zones fall apart, and for each part
//! `C` and a zone `v` of another part add, for every `u` in `C`,
//! `x[u][t] + x[v][t] - 1 <= sum of x[w][t] over a separator S between u and v`, then solve
//! again, until every team is connected.
//!
//! Cuts rather than a flow formulation from a root per team, because the cuts were faster
//! on the real data. Measured (debug build of this crate, HiGHS in release): with the
//! default options (regions on) the cuts need 6 rounds of about 20 ms each; the same
//! problem as a single-commodity flow (a root binary and a flow on every arc, per team)
//! took 5 times longer than the cuts with CBC (`benches/propose_pulp.py --flow`). Without
//! the region rule, with a lock and a pin, the cuts took about 40 rounds and 10 s, while
//! HiGHS on the flow formulation (added after 8 rounds of cuts) had not finished after
//! 10 s: its linear relaxation, with flows bounded by the number of zones, is weak.
//!
//! HiGHS has no lazy-constraint callback, so each round solves the program again with all
//! cuts so far. The program is built once and kept: each round adds only its new cut rows
//! (and each alternative the row that excludes the division found before), so no round
//! pays for building the program again. Each cut stays valid for every later round and for
//! the alternatives.

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use good_lp::{Expression, ProblemVariables, SolverModel, Variable, variable};
use highs::HighsModelStatus;

use super::{Division, Infeasible, Problem, Progress, SolveError, Status, components};

/// `x[u][t] + x[v][t] - 1 <= sum over sep of x[w][t]`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Cut {
    team: usize,
    u: usize,
    v: usize,
    sep: Vec<usize>,
}

/// What one solver run gave.
enum Round {
    /// The optimum of this round's program (which may still have teams in parts).
    Optimal {
        team: Vec<usize>,
        cost: f64,
    },
    /// The time limit stopped it: the best assignment it had, if any, and its proven bound.
    Stopped {
        team: Option<Vec<usize>>,
        lower: f64,
    },
    Infeasible,
}

/// A search that returns the cheapest division, then the next cheapest, and so on.
pub(super) struct Search<'a> {
    p: &'a Problem,
    deadline: Instant,
    cuts: Vec<Cut>,
    seen: HashSet<Cut>,
    /// Divisions already returned: each later one differs from them in at least one zone.
    found: Vec<Vec<usize>>,
    pub rounds: usize,
    /// The program of the last round: the next round adds only the new rows to it.
    kept: Option<Kept>,
    /// What the solver's callback reads and writes; boxed so that its address, which HiGHS
    /// holds, stays put while the search lives.
    watch: Box<Watch>,
}

/// One HiGHS program kept between rounds, with where its columns are.
struct Kept {
    model: highs::Model,
    /// The column of every (zone, team) pair the team may take.
    x: Vec<Vec<Option<usize>>>,
    /// The "team used" column of a team, where there is one.
    used: Vec<Option<usize>>,
    columns: usize,
    /// How many of the search's cuts and found divisions are rows of the program.
    cuts: usize,
    found: usize,
}

/// The cancel flag and the progress of the problem, for the solver's callback.
struct Watch {
    cancel: Option<Arc<AtomicBool>>,
    progress: Option<Arc<Progress>>,
}

/// Costs are children and inhabitants (whole numbers, or shares of a split municipality);
/// two divisions closer than this cost the same.
const EPS: f64 = 1e-6;

impl<'a> Search<'a> {
    pub fn new(p: &'a Problem) -> Search<'a> {
        Search {
            p,
            deadline: Instant::now() + p.time_limit,
            cuts: Vec::new(),
            seen: HashSet::new(),
            found: Vec::new(),
            rounds: 0,
            kept: None,
            watch: Box::new(Watch {
                cancel: p.cancel.clone(),
                progress: p.progress.clone(),
            }),
        }
    }

    fn progress(&self, f: impl FnOnce(&Progress)) {
        if let Some(pr) = &self.p.progress {
            f(pr);
        }
    }

    /// The cheapest division not returned before.
    pub fn next(&mut self) -> Result<(Division, Status), SolveError> {
        let p = self.p;
        let mut incumbent: Option<Vec<usize>> = p
            .start
            .clone()
            .filter(|s| p.is_feasible(s) && !self.found.contains(s));
        self.progress(|pr| {
            pr.start_division();
            if let Some(i) = &incumbent {
                pr.set_incumbent(p.cost_of(i));
            }
        });
        // Every zone to its cheapest team costs the lower bound: when that division meets
        // every constraint, no division costs less and no solver is needed. On the real data
        // with the default options it does (the 2020 areas follow the zones closely enough).
        if p.cancelled() {
            return Err(SolveError::Cancelled);
        }
        if self.found.is_empty()
            && let Some(team) = cheapest(p, incumbent.as_deref())
            && p.is_feasible(&team)
        {
            let cost = p.cost_of(&team);
            self.found.push(team.clone());
            self.progress(|pr| {
                pr.raise_lower(cost);
                pr.set_incumbent(cost);
                pr.set_found(1);
            });
            return Ok((Division { team, cost }, Status::Optimal));
        }
        let mut lower = f64::NEG_INFINITY;
        loop {
            if p.cancelled() {
                return Err(SolveError::Cancelled);
            }
            let left = self.deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return self.stopped(incumbent, lower);
            }
            self.rounds += 1;
            let rounds = self.rounds;
            self.progress(|pr| pr.set_round(rounds));
            match self.round(incumbent.as_deref())? {
                Round::Infeasible => return Err(SolveError::Infeasible(Infeasible::Combination)),
                Round::Optimal { team, cost } => {
                    lower = lower.max(cost);
                    self.progress(|pr| pr.raise_lower(cost));
                    if self.add_cuts(&team) == 0 {
                        self.found.push(team.clone());
                        let n = self.found.len();
                        self.progress(|pr| {
                            pr.set_incumbent(cost);
                            pr.set_found(n);
                        });
                        return Ok((Division { team, cost }, Status::Optimal));
                    }
                }
                Round::Stopped { team, lower: l } => {
                    lower = lower.max(l);
                    if let Some(team) = team.filter(|t| p.is_feasible(t))
                        && incumbent
                            .as_ref()
                            .is_none_or(|i| p.cost_of(&team) < p.cost_of(i) - EPS)
                    {
                        incumbent = Some(team);
                    }
                    return self.stopped(incumbent, lower);
                }
            }
        }
    }

    fn stopped(
        &mut self,
        incumbent: Option<Vec<usize>>,
        lower: f64,
    ) -> Result<(Division, Status), SolveError> {
        let lower = lower.max(self.p.lower_bound());
        let Some(team) = incumbent else {
            return Err(SolveError::TimeLimit { lower });
        };
        let cost = self.p.cost_of(&team);
        self.found.push(team.clone());
        let n = self.found.len();
        self.progress(|pr| pr.set_found(n));
        let status = if cost <= lower + EPS {
            Status::Optimal
        } else {
            Status::Gap { lower }
        };
        Ok((Division { team, cost }, status))
    }

    /// Add the cuts that the parts of every team in `team` violate; returns how many.
    fn add_cuts(&mut self, team: &[usize]) -> usize {
        let p = self.p;
        let mut added = 0;
        for t in 0..p.teams {
            let parts = components(p, team, t);
            if parts.len() < 2 {
                continue;
            }
            let may: Vec<bool> = (0..p.zones).map(|z| p.may_take(z, t)).collect();
            for (i, c) in parts.iter().enumerate() {
                for (j, other) in parts.iter().enumerate() {
                    if i == j {
                        continue;
                    }
                    // Every pair (u in this part, v in the other): more cuts per round, fewer
                    // rounds (on the real data without regions 66 rounds became about 10).
                    for &v in other {
                        let sep = separator(p, &may, c, v);
                        for &u in c {
                            let cut = Cut {
                                team: t,
                                u,
                                v,
                                sep: sep.clone(),
                            };
                            if self.seen.insert(cut.clone()) {
                                self.cuts.push(cut);
                                added += 1;
                            }
                        }
                    }
                }
            }
        }
        added
    }

    /// The program without cuts: assignment, teams kept, bounds.
    fn build(&self) -> Result<Kept, SolveError> {
        let p = self.p;
        let mut vars = ProblemVariables::new();
        // Columns are numbered in the order the variables are added (good_lp keeps it).
        let mut columns = 0;
        let mut add = |vars: &mut ProblemVariables| {
            columns += 1;
            (vars.add(variable().binary()), columns - 1)
        };
        let mut x: Vec<Vec<Option<(Variable, usize)>>> = vec![vec![None; p.teams]; p.zones];
        let mut objective = Expression::with_capacity(p.zones * p.teams);
        // Zone-major order: columns, and so the solver's choices, follow zone then team.
        for (z, row) in x.iter_mut().enumerate() {
            for (t, slot) in row.iter_mut().enumerate() {
                if p.may_take(z, t) {
                    let v = add(&mut vars);
                    objective.add_mul(p.cost[z][t], v.0);
                    *slot = Some(v);
                }
            }
        }
        // "Team used" indicators, only where an empty team must escape its bounds.
        let used: Vec<Option<(Variable, usize)>> = (0..p.teams)
            .map(|t| (p.allow_empty && p.bounds[t].is_some()).then(|| add(&mut vars)))
            .collect();
        let mut model = vars
            .minimise(objective)
            .using(good_lp::solvers::highs::highs);
        for row in &x {
            let mut e = Expression::with_capacity(p.teams);
            for (v, _) in row.iter().flatten() {
                e.add_mul(1.0, *v);
            }
            model.add_constraint(e.eq(1.0));
        }
        for t in 0..p.teams {
            let mut members = Expression::with_capacity(p.zones);
            let mut size = Expression::with_capacity(p.zones);
            for (z, row) in x.iter().enumerate() {
                if let Some((v, _)) = row[t] {
                    members.add_mul(1.0, v);
                    size.add_mul(p.size[z], v);
                    if let Some((y, _)) = used[t] {
                        model.add_constraint((Expression::from(v) - y).leq(0.0));
                    }
                }
            }
            if !p.allow_empty {
                model.add_constraint(members.geq(1.0));
            }
            if let Some((lo, hi)) = p.bounds[t] {
                match used[t] {
                    Some((y, _)) => {
                        model.add_constraint((size.clone() - lo * y).geq(0.0));
                        model.add_constraint((size - hi * y).leq(0.0));
                    }
                    None => {
                        model.add_constraint(size.clone().geq(lo));
                        model.add_constraint(size.leq(hi));
                    }
                }
            }
        }
        let mut m = model
            .try_into_inner()
            .map_err(|e| SolveError::Solver(e.to_string()))?;
        m.make_quiet();
        // One thread, a fixed seed: the same input gives the same answer.
        let options: [(&str, f64); 3] = [
            ("mip_rel_gap", 0.0),
            ("mip_abs_gap", EPS),
            ("mip_feasibility_tolerance", 1e-7),
        ];
        for (k, v) in options {
            m.try_set_option(k, v)
                .map_err(|e| SolveError::Solver(format!("option {k}: {e:?}")))?;
        }
        for (k, v) in [("threads", 1), ("random_seed", 0)] {
            m.try_set_option(k, v)
                .map_err(|e| SolveError::Solver(format!("option {k}: {e:?}")))?;
        }
        for (k, v) in [("parallel", "off"), ("presolve", "off")] {
            m.try_set_option(k, v)
                .map_err(|e| SolveError::Solver(format!("option {k}: {e:?}")))?;
        }
        watch(&mut m, &self.watch);
        Ok(Kept {
            model: m,
            x: x.iter()
                .map(|row| row.iter().map(|v| v.map(|(_, c)| c)).collect())
                .collect(),
            used: used.iter().map(|y| y.map(|(_, c)| c)).collect(),
            columns,
            cuts: 0,
            found: 0,
        })
    }

    /// Add the cuts and the found divisions that are not rows of the program yet.
    fn add_rows(&self, k: &mut Kept) -> Result<(), SolveError> {
        let mut index: Vec<i32> = Vec::new();
        let mut value: Vec<f64> = Vec::new();
        let mut row = |m: &mut highs::Model,
                       upper: f64,
                       entries: &mut dyn Iterator<Item = (usize, f64)>|
         -> Result<(), SolveError> {
            index.clear();
            value.clear();
            for (c, v) in entries {
                index.push(
                    i32::try_from(c).map_err(|_| SolveError::Solver("too many columns".into()))?,
                );
                value.push(v);
            }
            let n = i32::try_from(index.len())
                .map_err(|_| SolveError::Solver("row too long".into()))?;
            // SAFETY: the model pointer is valid while `m` lives; `index` and `value` hold `n`
            // entries each, and every index is a column of the program.
            let status = unsafe {
                highs_sys::Highs_addRow(
                    m.as_mut_ptr(),
                    f64::NEG_INFINITY,
                    upper,
                    n,
                    index.as_ptr(),
                    value.as_ptr(),
                )
            };
            if status == highs_sys::kHighsStatusError {
                return Err(SolveError::Solver("adding a row failed".into()));
            }
            Ok(())
        };
        for c in &self.cuts[k.cuts..] {
            let (Some(xu), Some(xv)) = (k.x[c.u][c.team], k.x[c.v][c.team]) else {
                continue;
            };
            // x[u] + x[v] - sum over sep of x[w] <= 1 (u, v and sep are distinct zones).
            let sep = c.sep.iter().filter_map(|&w| k.x[w][c.team]);
            let mut entries = [(xu, 1.0), (xv, 1.0)]
                .into_iter()
                .chain(sep.map(|w| (w, -1.0)));
            row(&mut k.model, 1.0, &mut entries)?;
        }
        for f in &self.found[k.found..] {
            let mut entries = f
                .iter()
                .enumerate()
                .filter_map(|(z, &t)| k.x[z][t].map(|c| (c, 1.0)));
            row(&mut k.model, self.p.zones as f64 - 1.0, &mut entries)?;
        }
        k.cuts = self.cuts.len();
        k.found = self.found.len();
        Ok(())
    }

    /// Solve this round's program: the one of the last round with the new rows.
    fn round(&mut self, start: Option<&[usize]>) -> Result<Round, SolveError> {
        let p = self.p;
        let mut k = match self.kept.take() {
            Some(k) => k,
            None => self.build()?,
        };
        self.add_rows(&mut k)?;
        let seconds = self
            .deadline
            .saturating_duration_since(Instant::now())
            .as_secs_f64();
        // What is left, less what HiGHS takes to stop (it overran a 10 s limit by 0.1 s on
        // the 600-zone instance), so the limit holds for the whole search.
        let limit = (seconds * 0.97 - 0.02).max(0.001);
        k.model
            .try_set_option("time_limit", limit)
            .map_err(|e| SolveError::Solver(format!("option time_limit: {e:?}")))?;
        if let Some(s) = start {
            let mut sol = vec![0.0; k.columns];
            for (z, &t) in s.iter().enumerate() {
                if let Some(c) = k.x[z][t] {
                    sol[c] = 1.0;
                }
            }
            for (t, y) in k.used.iter().enumerate() {
                if let Some(c) = y
                    && s.contains(&t)
                {
                    sol[*c] = 1.0;
                }
            }
            // Only a hint for the solver: without it the search is the same, only slower.
            let _ = k.model.try_set_solution(Some(&sol), None, None, None);
        }
        let Kept {
            model,
            x,
            used,
            columns,
            cuts,
            found,
        } = k;
        let solved = model
            .try_solve()
            .map_err(|e| SolveError::Solver(format!("{e:?}")))?;
        let read = |cols: &[f64]| -> Vec<usize> {
            x.iter()
                .map(|row| {
                    row.iter()
                        .enumerate()
                        .filter_map(|(t, v)| v.map(|c| (t, cols[c])))
                        .max_by(|a, b| a.1.total_cmp(&b.1))
                        .map_or(0, |(t, _)| t)
                })
                .collect()
        };
        let has_solution = solved.primal_solution_status() == highs::HighsSolutionStatus::Feasible;
        let round = match solved.status() {
            HighsModelStatus::Optimal => {
                let team = read(solved.get_solution().columns());
                let cost = p.cost_of(&team);
                Round::Optimal { team, cost }
            }
            HighsModelStatus::Infeasible | HighsModelStatus::UnboundedOrInfeasible => {
                Round::Infeasible
            }
            HighsModelStatus::ReachedInterrupt if p.cancelled() => {
                return Err(SolveError::Cancelled);
            }
            HighsModelStatus::ReachedTimeLimit
            | HighsModelStatus::ReachedIterationLimit
            | HighsModelStatus::ReachedInterrupt => {
                let lower = solved
                    .double_info_value(c"mip_dual_bound")
                    .ok()
                    .filter(|b| b.is_finite())
                    .unwrap_or(f64::NEG_INFINITY);
                Round::Stopped {
                    team: has_solution.then(|| read(solved.get_solution().columns())),
                    lower,
                }
            }
            other => return Err(SolveError::Solver(format!("{other:?}"))),
        };
        self.kept = Some(Kept {
            model: solved.into(),
            x,
            used,
            columns,
            cuts,
            found,
        });
        Ok(round)
    }
}

/// Every zone to its cheapest team (a fixed zone to its own), ties to the team `start` gives
/// it, else to the lowest team; `None` when a zone has no team it may go to.
fn cheapest(p: &Problem, start: Option<&[usize]>) -> Option<Vec<usize>> {
    (0..p.zones)
        .map(|z| {
            let best = (0..p.teams)
                .filter(|&t| p.may_take(z, t))
                .map(|t| p.cost[z][t])
                .fold(f64::INFINITY, f64::min);
            let ties = |t: &usize| p.may_take(z, *t) && p.cost[z][*t] <= best + EPS;
            start
                .map(|s| s[z])
                .filter(ties)
                .or_else(|| (0..p.teams).find(ties))
        })
        .collect()
}

/// HiGHS asks this between simplex iterations and branch-and-bound nodes whether to stop,
/// and tells the bound it has proven. `user` is the search's [`Watch`].
extern "C" fn interrupt(
    kind: std::os::raw::c_int,
    _message: *const std::os::raw::c_char,
    out: *const highs_sys::HighsCallbackDataOut,
    data_in: *mut highs_sys::HighsCallbackDataIn,
    user: *mut std::os::raw::c_void,
) {
    if user.is_null() {
        return;
    }
    // SAFETY: `user` is the boxed `Watch` of the search that owns the model, which lives as
    // long as the model; `out` and `data_in` are HiGHS's own structs for this call (either
    // may be null), and `user_interrupt` is the field HiGHS keeps for external callers.
    unsafe {
        let watch = &*(user as *const Watch);
        if let Some(flag) = &watch.cancel
            && flag.load(Ordering::Relaxed)
            && !data_in.is_null()
        {
            (*data_in).user_interrupt = 1;
        }
        if kind == highs_sys::kHighsCallbackMipInterrupt as std::os::raw::c_int
            && let Some(pr) = &watch.progress
            && !out.is_null()
        {
            // The bound of this round's program, which has fewer cuts than the whole problem:
            // a bound for the whole problem as well.
            pr.raise_lower((*out).mip_dual_bound);
        }
    }
}

/// Let the cancel flag interrupt HiGHS inside a run, not only between rounds, and let the
/// progress follow the bound HiGHS proves: HiGHS has no other way to stop a run early, and
/// one run on a large problem can take long. The crates do not wrap callbacks, so this
/// calls the C interface directly.
fn watch(m: &mut highs::Model, watch: &Watch) {
    if watch.cancel.is_none() && watch.progress.is_none() {
        return;
    }
    let user = std::ptr::from_ref(watch) as *mut std::os::raw::c_void;
    // SAFETY: the model pointer is valid while `m` lives; the callback and its data (the
    // search's boxed `Watch`, which outlives the model it keeps) stay valid for every call.
    unsafe {
        let h = m.as_mut_ptr();
        highs_sys::Highs_setCallback(h, Some(interrupt), user);
        for kind in [
            highs_sys::kHighsCallbackSimplexInterrupt,
            highs_sys::kHighsCallbackIpmInterrupt,
            highs_sys::kHighsCallbackMipInterrupt,
        ] {
            highs_sys::Highs_startCallback(h, kind);
        }
    }
}

/// A set of zones that every chain from the part `c` to the zone `v` (through zones the team
/// may take) passes: the neighbours of `c` that also border the zones reachable from `v`
/// without touching `c` or its neighbours. Smaller than all neighbours of `c`, so the cut is
/// stronger; empty when no chain exists (then `u` and `v` cannot share the team).
fn separator(p: &Problem, may: &[bool], c: &[usize], v: usize) -> Vec<usize> {
    let n = p.zones;
    let mut in_c = vec![false; n];
    for &u in c {
        in_c[u] = true;
    }
    let mut in_n = vec![false; n];
    for &u in c {
        for &w in &p.adjacency[u] {
            if may[w] && !in_c[w] {
                in_n[w] = true;
            }
        }
    }
    // Zones reachable from v avoiding c and its neighbours.
    let mut reach = vec![false; n];
    let mut stack = Vec::new();
    if !in_n[v] {
        reach[v] = true;
        stack.push(v);
    }
    while let Some(z) = stack.pop() {
        for &w in &p.adjacency[z] {
            if may[w] && !in_c[w] && !in_n[w] && !reach[w] {
                reach[w] = true;
                stack.push(w);
            }
        }
    }
    (0..n)
        .filter(|&w| in_n[w] && (w == v || p.adjacency[w].iter().any(|&r| reach[r])))
        .collect()
}
