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
//! HiGHS has no lazy-constraint callback, so each round builds and solves the program
//! again with all cuts so far; each cut stays valid for every later round and for the
//! alternatives.

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use good_lp::{Expression, ProblemVariables, SolverModel, Variable, variable};
use highs::HighsModelStatus;

use super::{Division, Infeasible, Problem, SolveError, Status, components};

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
        }
    }

    /// The cheapest division not returned before.
    pub fn next(&mut self) -> Result<(Division, Status), SolveError> {
        let p = self.p;
        let mut incumbent: Option<Vec<usize>> = p
            .start
            .clone()
            .filter(|s| p.is_feasible(s) && !self.found.contains(s));
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
            match self.round(incumbent.as_deref())? {
                Round::Infeasible => return Err(SolveError::Infeasible(Infeasible::Combination)),
                Round::Optimal { team, cost } => {
                    lower = lower.max(cost);
                    if self.add_cuts(&team) == 0 {
                        self.found.push(team.clone());
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

    /// Build this round's program and solve it.
    #[expect(
        clippy::too_many_lines,
        reason = "over the 120-line limit; still to be split"
    )]
    fn round(&self, start: Option<&[usize]>) -> Result<Round, SolveError> {
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
        for c in &self.cuts {
            let (Some((xu, _)), Some((xv, _))) = (x[c.u][c.team], x[c.v][c.team]) else {
                continue;
            };
            let mut e = Expression::from(xu) + xv - 1.0;
            for &w in &c.sep {
                if let Some((xw, _)) = x[w][c.team] {
                    e.add_mul(-1.0, xw);
                }
            }
            model.add_constraint(e.leq(0.0));
        }
        for f in &self.found {
            let mut e = Expression::with_capacity(p.zones);
            for (z, &t) in f.iter().enumerate() {
                if let Some((v, _)) = x[z][t] {
                    e.add_mul(1.0, v);
                }
            }
            model.add_constraint(e.leq(p.zones as f64 - 1.0));
        }
        let mut m = model
            .try_into_inner()
            .map_err(|e| SolveError::Solver(e.to_string()))?;
        m.make_quiet();
        let seconds = self
            .deadline
            .saturating_duration_since(Instant::now())
            .as_secs_f64();
        // One thread, a fixed seed: the same input gives the same answer.
        let options: [(&str, f64); 4] = [
            // What is left once the program is built, less what HiGHS takes to stop (it
            // overran a 10 s limit by 0.1 s on the 600-zone instance), so the limit holds for
            // the whole search.
            ("time_limit", (seconds * 0.97 - 0.02).max(0.001)),
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
        if let Some(s) = start {
            let mut sol = vec![0.0; columns];
            for (z, &t) in s.iter().enumerate() {
                if let Some((_, c)) = x[z][t] {
                    sol[c] = 1.0;
                }
            }
            for (t, y) in used.iter().enumerate() {
                if let Some((_, c)) = y
                    && s.contains(&t)
                {
                    sol[*c] = 1.0;
                }
            }
            // Only a hint for the solver: without it the search is the same, only slower.
            let _ = m.try_set_solution(Some(&sol), None, None, None);
        }
        if let Some(flag) = &p.cancel {
            watch_cancel(&mut m, flag);
        }
        let solved = m
            .try_solve()
            .map_err(|e| SolveError::Solver(format!("{e:?}")))?;
        let read = |cols: &[f64]| -> Vec<usize> {
            x.iter()
                .map(|row| {
                    row.iter()
                        .enumerate()
                        .filter_map(|(t, v)| v.map(|(_, c)| (t, cols[c])))
                        .max_by(|a, b| a.1.total_cmp(&b.1))
                        .map_or(0, |(t, _)| t)
                })
                .collect()
        };
        let has_solution = solved.primal_solution_status() == highs::HighsSolutionStatus::Feasible;
        Ok(match solved.status() {
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
        })
    }
}

/// HiGHS asks this between simplex iterations and branch-and-bound nodes whether to stop.
/// `user` is the cancel flag of the problem.
extern "C" fn interrupt(
    _kind: std::os::raw::c_int,
    _message: *const std::os::raw::c_char,
    _out: *const highs_sys::HighsCallbackDataOut,
    data_in: *mut highs_sys::HighsCallbackDataIn,
    user: *mut std::os::raw::c_void,
) {
    if user.is_null() || data_in.is_null() {
        return;
    }
    // SAFETY: `user` is the `AtomicBool` inside the problem's `Arc`, which outlives the
    // solve that calls this; `data_in` is HiGHS's own input struct for this call, whose
    // first field `user_interrupt` HiGHS keeps in place for external callers.
    unsafe {
        let flag = &*(user as *const AtomicBool);
        if flag.load(Ordering::Relaxed) {
            (*data_in).user_interrupt = 1;
        }
    }
}

/// Let the cancel flag interrupt HiGHS inside a run, not only between rounds: HiGHS has
/// no other way to stop a run early, and one run on a large problem can take long. The
/// crates do not wrap callbacks, so this calls the C interface directly.
fn watch_cancel(m: &mut highs::Model, flag: &Arc<AtomicBool>) {
    let user = Arc::as_ptr(flag) as *mut std::os::raw::c_void;
    // SAFETY: the model pointer is valid while `m` lives; the callback and its data (the
    // flag, kept alive by the problem for the whole solve) stay valid for every call.
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
