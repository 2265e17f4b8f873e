//! The optimiser: proposals on the real data hold the rules and the options, repairs change
//! little, the answer on small graphs is the brute-force best, and infeasible options,
//! cancel and the time limit end cleanly.

use std::collections::BTreeMap;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use gebiedsplanner::model::atlas::{Atlas, Edition};
use gebiedsplanner::model::defaults;
use gebiedsplanner::model::ids::ZoneId;
use gebiedsplanner::model::metrics;
use gebiedsplanner::model::optimise::atlas::{
    self as opt, ChildrenBounds, Conflict, Measure, Options, ProposeError, Rule,
};
use gebiedsplanner::model::optimise::synthetic::{self, Rng};
use gebiedsplanner::model::optimise::{self, Infeasible, Problem, SolveError, Status};
use gebiedsplanner::model::scenario::Scenario;

use crate::common;

fn region(province: &str) -> &str {
    if province.starts_with("Brussel") {
        "Brussel"
    } else {
        province
    }
}

/// The default division: every zone to a team, as the app starts.
fn default_scenario() -> (&'static Atlas, Scenario, Scenario) {
    let s = common::doc(Edition::M2025);
    let (d, _) = defaults::default_scenario(&s.data.atlas, &s.data.seeds);
    (&s.data.atlas, d, s.data.historic.scenario.clone())
}

fn holds_every_rule(atlas: &Atlas, s: &Scenario) -> bool {
    let s2 = common::doc(Edition::M2025);
    metrics::compute(atlas, s, &s2.data.rules).all_rules_hold()
}

/// Zones per team in a region other than the team's recorded IROJ region.
fn out_of_region(atlas: &Atlas, s: &Scenario) -> Vec<String> {
    s.unit_team
        .iter_enumerated()
        .filter_map(|(z, t)| {
            let team = &s.teams[(*t)?];
            (region(&atlas.units[z].province) != region(&team.iroj))
                .then(|| format!("{} in {}", atlas.units[z].code, team.id))
        })
        .collect()
}

#[test]
fn the_proposal_holds_every_rule_and_disrupts_no_more_than_the_default_division() {
    let (atlas, default, historic) = default_scenario();
    let options = Options::default();
    let built = opt::build(atlas, &default, &historic, &options).expect("builds");
    let p = &built.problem;
    let default_division: Vec<usize> = default
        .unit_team
        .iter()
        .map(|t| t.expect("the default division covers every zone").index())
        .collect();
    assert!(
        p.is_feasible(&default_division),
        "the default division meets the default options"
    );
    assert!(out_of_region(atlas, &default).is_empty());
    let proposal = built.solve(atlas).expect("a proposal");
    let best = &proposal.best;
    assert_eq!(best.status, Status::Optimal);
    assert!(holds_every_rule(atlas, &best.scenario), "rules hold");
    assert_eq!(out_of_region(atlas, &best.scenario), Vec::<String>::new());
    let default_cost = p.cost_of(&default_division);
    assert!(
        best.disruption <= default_cost + 1e-6,
        "proposal {} > default {}",
        best.disruption,
        default_cost
    );
    assert!(proposal.bound <= best.disruption + 1e-6);
    assert!(
        proposal.bound > 0.0,
        "the 2020 areas do not follow the zones"
    );
    // Brussels has no age split: the stand-in is named.
    let stand_in = proposal
        .stand_in
        .as_ref()
        .expect("Brussels stand-in marked");
    assert!(
        stand_in
            .zones
            .iter()
            .all(|&z| region(&atlas.units[z].province) == "Brussel")
    );
    assert!(stand_in.child_ratio > 0.1 && stand_in.child_ratio < 0.3);
    // The changes listed are exactly the zones whose team differs.
    let changed: Vec<ZoneId> = atlas
        .units
        .keys()
        .filter(|&z| default.unit_team[z] != best.scenario.unit_team[z])
        .collect();
    assert_eq!(
        best.changes.iter().map(|c| c.zone).collect::<Vec<_>>(),
        changed
    );
    // Its disruption, recounted from the cells: the children whose 2020 team changed.
    let ratio = stand_in.child_ratio;
    let mut recount = 0.0;
    for (c, cell) in atlas.cells.iter_enumerated() {
        let Some(b) = historic.cell_team(atlas, c) else {
            continue;
        };
        let now = best
            .scenario
            .cell_team(atlas, c)
            .map(|t| best.scenario.teams[t].id.as_str());
        if now != Some(historic.teams[b].id.as_str()) {
            recount += cell
                .children
                .unwrap_or(cell.population.unwrap_or(0.0) * ratio);
        }
    }
    assert!(
        (recount - best.disruption).abs() < 1e-3,
        "{recount} vs {}",
        best.disruption
    );
    // The same input gives the same answer.
    let again = built.solve(atlas).expect("again");
    assert_eq!(again.best.scenario.unit_team, best.scenario.unit_team);
}

#[test]
fn locks_pins_and_regions_are_respected() {
    let (atlas, default, historic) = default_scenario();
    let locked = "plan-trekkers";
    let lt = default.team_by_id(locked).expect("team");
    // Pin a zone of some team to a bordering team of the same region.
    let (zone, to) = atlas
        .units
        .keys()
        .find_map(|z| {
            let own = default.unit_team[z]?;
            if own == lt {
                return None;
            }
            atlas.unit_neighbours[z].iter().find_map(|&n| {
                let t = default.unit_team[n]?;
                (t != own
                    && t != lt
                    && region(&default.teams[t].iroj) == region(&atlas.units[z].province))
                .then_some((z, t))
            })
        })
        .expect("a zone on a team border");
    let options = Options {
        locks: vec![locked.into()],
        pins: vec![(atlas.units[zone].code.clone(), default.teams[to].id.clone())],
        ..Options::default()
    };
    let proposal = opt::propose(atlas, &default, &historic, &options).expect("a proposal");
    let s = &proposal.best.scenario;
    assert!(holds_every_rule(atlas, s));
    assert_eq!(s.unit_team[zone], Some(to), "the pin holds");
    for z in atlas.units.keys() {
        assert_eq!(
            s.unit_team[z] == Some(lt),
            default.unit_team[z] == Some(lt),
            "the locked team keeps exactly its zones ({})",
            atlas.units[z].code
        );
    }
    assert!(out_of_region(atlas, s).is_empty());
    // Without the region rule the disruption can only fall. It is the slow case (every team
    // may take every zone: about 40 rounds of cuts), so it gets more time.
    let free = Options {
        stay_in_region: false,
        time_limit: Duration::from_secs(60),
        ..options.clone()
    };
    let p2 = opt::propose(atlas, &default, &historic, &free).expect("a proposal");
    assert_eq!(p2.best.status, Status::Optimal);
    assert!(holds_every_rule(atlas, &p2.best.scenario));
    assert!(p2.best.disruption <= proposal.best.disruption + 1e-6);
}

#[test]
fn measures_inhabitants_and_municipalities_give_valid_proposals() {
    let (atlas, default, historic) = default_scenario();
    for measure in [Measure::Inhabitants, Measure::Municipalities] {
        let o = Options {
            measure,
            ..Options::default()
        };
        let p = opt::propose(atlas, &default, &historic, &o).expect("a proposal");
        assert!(holds_every_rule(atlas, &p.best.scenario));
        assert!(p.stand_in.is_none(), "only children need a stand-in");
        assert!(p.bound <= p.best.disruption + 1e-6);
    }
}

#[test]
fn a_division_broken_by_one_move_is_repaired_with_at_most_that_change() {
    let (atlas, default, _) = default_scenario();
    // Move one zone to a team of its region that does not border it: that team falls apart.
    let (zone, to) = atlas
        .units
        .keys()
        .find_map(|z| {
            let own = default.unit_team[z]?;
            default.teams.keys().find_map(|t| {
                let borders = atlas.unit_neighbours[z]
                    .iter()
                    .any(|&n| default.unit_team[n] == Some(t));
                let members = default
                    .unit_team
                    .iter()
                    .filter(|&&u| u == Some(own))
                    .count();
                (t != own
                    && !borders
                    && members > 1
                    && region(&default.teams[t].iroj) == region(&atlas.units[z].province))
                .then_some((z, t))
            })
        })
        .expect("a zone and a team of its region that do not border");
    let mut broken = default.clone();
    broken.unit_team[zone] = Some(to);
    assert!(!holds_every_rule(atlas, &broken), "the move breaks a rule");
    let repaired = opt::repair(atlas, &broken, &Options::default()).expect("a repair");
    let s = &repaired.best.scenario;
    assert!(holds_every_rule(atlas, s));
    let (children, _) = atlas.unit_children(zone);
    let back = children.expect("Flemish zones have children 0-17");
    assert!(
        repaired.best.disruption <= back + 1e-6,
        "the repair disrupts {} > moving the zone back ({back})",
        repaired.best.disruption
    );
    assert!(!repaired.best.changes.is_empty());
}

/// An independent check of a division on a small problem: allowed, fixed, kept, bounds,
/// and connected by a flood fill.
fn brute_feasible(p: &Problem, team: &[usize]) -> bool {
    for (z, &t) in team.iter().enumerate() {
        if !p.allowed[z][t] || p.fixed[z].is_some_and(|f| f != t) {
            return false;
        }
    }
    for t in 0..p.teams {
        let members: Vec<usize> = (0..p.zones).filter(|&z| team[z] == t).collect();
        let Some(&first) = members.first() else {
            if p.allow_empty {
                continue;
            }
            return false;
        };
        if let Some((lo, hi)) = p.bounds[t] {
            let s: f64 = members.iter().map(|&z| p.size[z]).sum();
            if s < lo || s > hi {
                return false;
            }
        }
        let mut seen = vec![first];
        let mut i = 0;
        while i < seen.len() {
            for &n in &p.adjacency[seen[i]] {
                if team[n] == t && !seen.contains(&n) {
                    seen.push(n);
                }
            }
            i += 1;
        }
        if seen.len() != members.len() {
            return false;
        }
    }
    true
}

/// Every feasible cost, cheapest first.
fn brute_costs(p: &Problem) -> Vec<f64> {
    let mut costs = Vec::new();
    let total = p.teams.pow(p.zones as u32);
    let mut team = vec![0; p.zones];
    for code in 0..total {
        let mut c = code;
        for slot in team.iter_mut() {
            *slot = c % p.teams;
            c /= p.teams;
        }
        if brute_feasible(p, &team) {
            costs.push(p.cost_of(&team));
        }
    }
    costs.sort_by(f64::total_cmp);
    costs
}

/// A random connected-or-not graph of `n` zones with random costs and restrictions.
fn random_problem(rng: &mut Rng, n: usize, teams: usize) -> Problem {
    let mut adjacency = vec![Vec::new(); n];
    // A random spanning tree most of the time, plus random edges.
    for z in 1..n {
        if rng.below(8) != 0 {
            let o = rng.below(z);
            adjacency[z].push(o);
            adjacency[o].push(z);
        }
    }
    for _ in 0..rng.below(n + 1) {
        let (a, b) = (rng.below(n), rng.below(n));
        if a != b && !adjacency[a].contains(&b) {
            adjacency[a].push(b);
            adjacency[b].push(a);
        }
    }
    for a in &mut adjacency {
        a.sort_unstable();
    }
    let mut p = Problem::new(n, adjacency, teams);
    for z in 0..n {
        for t in 0..teams {
            p.cost[z][t] = rng.below(100) as f64;
            p.allowed[z][t] = rng.below(6) != 0;
        }
        p.size[z] = (1 + rng.below(20)) as f64;
    }
    if rng.below(4) == 0 {
        let z = rng.below(n);
        p.fixed[z] = Some(rng.below(teams));
    }
    p.allow_empty = rng.below(3) == 0;
    if rng.below(4) == 0 {
        let total: f64 = p.size.iter().sum();
        let avg = total / teams as f64;
        p.bounds = vec![Some((avg * 0.4, avg * 1.6)); teams];
    }
    p
}

#[test]
fn on_small_graphs_the_answer_is_the_brute_force_best() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut solved, mut infeasible) = (0, 0);
    for case in 0..160 {
        let n = 2 + rng.below(8); // 2..=9 zones
        let teams = 1 + rng.below(3); // 1..=3 teams
        let p = random_problem(&mut rng, n, teams);
        let costs = brute_costs(&p);
        match optimise::solve(&p, 1) {
            Ok(s) => {
                solved += 1;
                assert_eq!(s.status, Status::Optimal, "case {case}");
                assert!(brute_feasible(&p, &s.best.team), "case {case}: feasible");
                assert!(
                    (s.best.cost - costs[0]).abs() < 1e-6,
                    "case {case}: {} vs brute force {}",
                    s.best.cost,
                    costs[0]
                );
                assert!(s.bound <= s.best.cost + 1e-6);
                // The alternative is the second division in cost order.
                match (s.alternatives.first(), costs.get(1)) {
                    (Some((alt, _)), Some(&second)) => {
                        assert!(brute_feasible(&p, &alt.team));
                        assert_ne!(alt.team, s.best.team);
                        assert!((alt.cost - second).abs() < 1e-6, "case {case}: alternative");
                    }
                    (None, None) => {}
                    (a, b) => panic!("case {case}: alternative {a:?} vs brute force {b:?}"),
                }
            }
            Err(SolveError::Infeasible(_)) => {
                infeasible += 1;
                assert!(costs.is_empty(), "case {case}: brute force found {costs:?}");
            }
            Err(e) => panic!("case {case}: {e}"),
        }
    }
    assert!(
        solved > 60 && infeasible > 5,
        "{solved} solved, {infeasible} infeasible"
    );
}

#[test]
fn two_pinned_zones_that_cannot_be_joined_name_both_pins() {
    // A path 0 - 1 - 2: zones 0 and 2 pinned to team 0, zone 1 to team 1.
    let mut p = Problem::new(3, vec![vec![1], vec![0, 2], vec![1]], 2);
    p.fixed = vec![Some(0), Some(1), Some(0)];
    let t0 = Instant::now();
    assert_eq!(
        optimise::solve(&p, 0),
        Err(SolveError::Infeasible(Infeasible::FixedApart {
            team: 0,
            a: 0,
            b: 2
        }))
    );
    assert!(t0.elapsed() < Duration::from_secs(1));

    // On the real data: a Limburg zone and a West-Vlaanderen zone pinned to one team.
    let (atlas, default, historic) = default_scenario();
    let zone_in = |prov: &str| {
        atlas
            .units
            .iter()
            .find(|u| u.province == prov)
            .map(|u| u.code.clone())
            .expect("zone")
    };
    let (a, b) = (zone_in("Limburg"), zone_in("West-Vlaanderen"));
    let team = "konekti".to_string();
    let options = Options {
        pins: vec![(a.clone(), team.clone()), (b.clone(), team.clone())],
        ..Options::default()
    };
    match opt::propose(atlas, &default, &historic, &options) {
        Err(ProposeError::Infeasible { options, .. }) => {
            assert!(options.contains(&Rule::Pin {
                zone: a.clone(),
                team: team.clone()
            }));
            assert!(options.contains(&Rule::Region { team: team.clone() }));
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
}

#[test]
fn bounds_no_division_meets_name_the_bounds() {
    let (atlas, default, historic) = default_scenario();
    let options = Options {
        children: Some(ChildrenBounds::Range {
            min: 0.0,
            max: 1000.0,
        }),
        ..Options::default()
    };
    let t0 = Instant::now();
    match opt::propose(atlas, &default, &historic, &options) {
        Err(ProposeError::Infeasible { conflict, options }) => {
            assert!(matches!(conflict, Conflict::Bounds { .. }), "{conflict:?}");
            assert!(options.contains(&Rule::ChildrenBounds));
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert!(t0.elapsed() < Duration::from_secs(10));
    // Bounds that every team meets alone but not all together: 17 teams, each at least
    // a share of the children that adds up to more than there are.
    let total: f64 = atlas
        .units
        .keys()
        .map(|z| atlas.unit_children(z).0.unwrap_or(0.0))
        .sum();
    let options = Options {
        children: Some(ChildrenBounds::AroundAverage { percent: 1.0 }),
        ..Options::default()
    };
    assert!(total > 0.0);
    match opt::propose(atlas, &default, &historic, &options) {
        Err(ProposeError::Infeasible { options, .. }) => {
            assert!(options.contains(&Rule::ChildrenBounds), "{options:?}");
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
}

#[test]
fn cancel_stops_the_search() {
    let mut p = synthetic::grid(6, 5, 20, 10, 7);
    p.time_limit = Duration::from_secs(60);
    let flag = Arc::new(AtomicBool::new(true));
    p.cancel = Some(flag.clone());
    assert_eq!(optimise::solve(&p, 0), Err(SolveError::Cancelled));
    // Cancelled from another thread while it runs.
    flag.store(false, Ordering::Relaxed);
    let setter = {
        let flag = flag.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            flag.store(true, Ordering::Relaxed);
        })
    };
    let t0 = Instant::now();
    let r = optimise::solve(&p, 20);
    let took = t0.elapsed();
    setter.join().expect("setter");
    assert_eq!(r, Err(SolveError::Cancelled), "after {took:?}");
    assert!(took < Duration::from_secs(5), "cancel took {took:?}");
}

#[test]
fn a_running_search_reports_its_rounds_best_division_and_bound() {
    let mut p = synthetic::grid(6, 5, 20, 10, 11);
    p.time_limit = Duration::from_millis(1500);
    let progress = Arc::new(optimise::Progress::default());
    p.progress = Some(progress.clone());
    let before = progress.now();
    assert_eq!(
        (before.round, before.incumbent, before.lower),
        (0, None, None)
    );
    let s = optimise::solve(&p, 0).expect("the start division at least");
    let now = progress.now();
    assert!(now.round >= 1, "{now:?}");
    assert_eq!(now.found, 1);
    let incumbent = now.incumbent.expect("the division found");
    assert!(
        (incumbent - s.best.cost).abs() < 1e-6,
        "{now:?} vs {}",
        s.best.cost
    );
    let lower = now.lower.expect("a proven bound");
    assert!(lower <= incumbent + 1e-6);
    if let Status::Gap { lower: l } = s.status {
        assert!(
            lower <= l + 1e-6,
            "the progress bound {lower} is no more than the final {l}"
        );
    }
    let gap = now.gap().expect("both known");
    assert!((0.0..=1.0).contains(&gap));
}

#[test]
fn the_time_limit_gives_the_best_found_with_an_honest_gap() {
    let mut p = synthetic::grid(6, 5, 20, 10, 11);
    p.time_limit = Duration::from_millis(1500);
    let t0 = Instant::now();
    let s = optimise::solve(&p, 0).expect("the start division at least");
    let took = t0.elapsed();
    assert!(took < Duration::from_secs(4), "took {took:?}");
    assert!(p.is_feasible(&s.best.team));
    assert!((p.cost_of(&s.best.team) - s.best.cost).abs() < 1e-6);
    match s.status {
        Status::Gap { lower } => {
            assert!(lower <= s.best.cost + 1e-6);
            assert!(
                lower >= s.bound - 1e-6,
                "the proven bound is at least the simple one"
            );
        }
        Status::Optimal => {}
    }
    // Without a start division and no time at all, it says so.
    p.start = None;
    p.time_limit = Duration::ZERO;
    assert!(matches!(
        optimise::solve(&p, 0),
        Err(SolveError::TimeLimit { .. })
    ));
}

fn cli() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gebiedsplanner"));
    c.env_remove("GEBIEDSPLANNER_DATA");
    c
}

#[test]
fn the_command_line_writes_a_proposal_that_check_passes() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("voorstel.json");
    let costs = tmp.path().join("costs.csv");
    let adjacency = tmp.path().join("adjacency.csv");
    let r = cli()
        .args(["propose", "--out"])
        .arg(&out)
        .arg("--costs")
        .arg(&costs)
        .arg("--adjacency")
        .arg(&adjacency)
        .args(["--alternatives", "2"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&r.stdout);
    assert_eq!(
        r.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&r.stderr)
    );
    for word in [
        "Verschuiving",
        "Onvermijdelijk",
        "Door de regels",
        "optimaal",
        "Alternatief 2",
    ] {
        assert!(stdout.contains(word), "{word} missing in:\n{stdout}");
    }
    let check = cli().arg("check").arg(&out).output().expect("check runs");
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let alt = tmp.path().join("voorstel-alt2.json");
    let check = cli().arg("check").arg(&alt).output().expect("check runs");
    assert_eq!(check.status.code(), Some(0));
    // The costs: allowed pairs only (the region rule leaves most out), and the adjacency.
    let costs = std::fs::read_to_string(&costs).expect("costs");
    let mut lines = costs.lines();
    assert_eq!(lines.next(), Some("zone;team;cost"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(';').collect()).collect();
    let per_zone: BTreeMap<&str, usize> = rows.iter().fold(BTreeMap::new(), |mut m, r| {
        *m.entry(r[0]).or_default() += 1;
        m
    });
    assert_eq!(per_zone.len(), 60);
    assert!(rows.len() < 60 * 17 / 2, "{} pairs", rows.len());
    assert!(
        rows.iter()
            .all(|r| r.len() == 3 && r[2].parse::<f64>().is_ok())
    );
    let adjacency = std::fs::read_to_string(&adjacency).expect("adjacency");
    assert!(adjacency.starts_with("zone;zone\n") && adjacency.lines().count() > 60);
}

#[test]
fn the_command_line_exits_1_with_the_reason_when_the_options_admit_none() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("voorstel.json");
    let r = cli()
        .args(["propose", "--children-range", "0:10", "--out"])
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(r.status.code(), Some(1));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(err.contains("--children-range"), "{err}");
    assert!(!out.exists(), "no file for no proposal");
    let r = cli()
        .args(["propose", "--pin", "elz999=konekti", "--out"])
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("elz999"));
}
