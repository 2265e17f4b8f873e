//! `gebiedsplanner propose`: the division that disturbs the baseline teams least, written as
//! a scenario file, with the per-team table, the disruption, the bound and the status.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{Args, document_for, load_scenario, team_table};
use crate::data::scenario_file::{self, ScenarioFile};
use crate::document::Document;
use crate::i18n::{self, Lang};
use crate::model::ids::TeamId;
use crate::model::optimise::Status;
use crate::model::optimise::atlas::{
    self as opt, Built, Candidate, ChildrenBounds, Measure, Options, Proposal, ProposeError,
};
use crate::model::scenario::Scenario;

/// What the proposal is measured against.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Baseline {
    /// The 2020 teams (historic work areas).
    #[default]
    Historic2020,
    /// The default ELZ division.
    Default,
    File(PathBuf),
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProposeArgs {
    pub scenario: Option<PathBuf>,
    pub out: Option<PathBuf>,
    pub baseline: Baseline,
    pub measure: Measure,
    pub any_region: bool,
    pub locks: Vec<String>,
    pub pins: Vec<(String, String)>,
    pub children: Option<ChildrenBounds>,
    pub allow_empty: bool,
    pub alternatives: usize,
    /// Seconds; 10 when not given.
    pub time_limit: Option<f64>,
    pub costs: Option<PathBuf>,
    pub adjacency: Option<PathBuf>,
    /// Some option of this subcommand was given.
    pub given: bool,
}

/// Whether `opt` is an option of `propose`.
pub fn is_option(opt: &str) -> bool {
    matches!(
        opt,
        "--out"
            | "--baseline"
            | "--measure"
            | "--any-region"
            | "--lock"
            | "--pin"
            | "--children-range"
            | "--allow-empty"
            | "--alternatives"
            | "--time-limit"
            | "--costs"
            | "--adjacency"
    )
}

/// Read one option of `propose` (and its value, through `value`).
pub fn parse_option(
    p: &mut ProposeArgs,
    opt: &str,
    mut value: impl FnMut(&str) -> Result<String, String>,
) -> Result<(), String> {
    // `--out` is shared with `new` and `merge`; the others are this command's own.
    p.given |= opt != "--out";
    match opt {
        "--out" => p.out = Some(PathBuf::from(value(opt)?)),
        "--baseline" => {
            p.baseline = match value(opt)?.as_str() {
                "2020" => Baseline::Historic2020,
                "default" => Baseline::Default,
                file => Baseline::File(PathBuf::from(file)),
            }
        }
        "--measure" => {
            p.measure = match value(opt)?.as_str() {
                "children" => Measure::Children,
                "inhabitants" => Measure::Inhabitants,
                "municipalities" => Measure::Municipalities,
                other => {
                    return Err(format!(
                        "--measure {other}: use children, inhabitants or municipalities"
                    ));
                }
            }
        }
        "--any-region" => p.any_region = true,
        "--allow-empty" => p.allow_empty = true,
        "--lock" => p.locks.push(value(opt)?),
        "--pin" => {
            let v = value(opt)?;
            let (zone, team) = v
                .split_once('=')
                .filter(|(z, t)| !z.is_empty() && !t.is_empty())
                .ok_or_else(|| format!("--pin {v}: give ZONE-CODE=TEAM-ID"))?;
            p.pins.push((zone.to_string(), team.to_string()));
        }
        "--children-range" => {
            let v = value(opt)?;
            p.children = Some(parse_range(&v).ok_or_else(|| {
                format!("--children-range {v}: give MIN:MAX (0 <= MIN <= MAX) or P% (0 to 100)")
            })?);
        }
        "--alternatives" => {
            let v = value(opt)?;
            p.alternatives = v
                .parse::<usize>()
                .ok()
                .filter(|k| *k <= 50)
                .ok_or_else(|| format!("--alternatives {v}: give a number from 0 to 50"))?;
        }
        "--time-limit" => {
            let v = value(opt)?;
            p.time_limit = Some(
                v.parse::<f64>()
                    .ok()
                    .filter(|s| s.is_finite() && *s > 0.0 && *s <= 86_400.0)
                    .ok_or_else(|| {
                        format!("--time-limit {v}: give seconds, more than 0, at most 86400")
                    })?,
            );
        }
        "--costs" => p.costs = Some(PathBuf::from(value(opt)?)),
        "--adjacency" => p.adjacency = Some(PathBuf::from(value(opt)?)),
        other => return Err(format!("unknown option '{other}'")),
    }
    Ok(())
}

fn parse_range(v: &str) -> Option<ChildrenBounds> {
    if let Some(pct) = v.strip_suffix('%') {
        let percent = pct.trim().parse::<f64>().ok()?;
        return (0.0..=100.0)
            .contains(&percent)
            .then_some(ChildrenBounds::AroundAverage { percent });
    }
    let (a, b) = v.split_once(':')?;
    let min = a.trim().parse::<f64>().ok()?;
    let max = b.trim().parse::<f64>().ok()?;
    (min.is_finite() && max.is_finite() && 0.0 <= min && min <= max)
        .then_some(ChildrenBounds::Range { min, max })
}

fn measure_word(m: Measure, lang: Lang) -> &'static str {
    match (m, lang) {
        (Measure::Children, Lang::Nl) => "kinderen 0-17",
        (Measure::Children, Lang::En) => "children 0-17",
        (Measure::Inhabitants, Lang::Nl) => "inwoners",
        (Measure::Inhabitants, Lang::En) => "inhabitants",
        (Measure::Municipalities, Lang::Nl) => "gemeenten",
        (Measure::Municipalities, Lang::En) => "municipalities",
    }
}

/// The value of a measure: whole numbers, municipalities with one decimal (split ones
/// count in parts).
fn measure_value(m: Measure, v: f64) -> String {
    match m {
        Measure::Municipalities => i18n::dec(v, 1),
        _ => i18n::int(v),
    }
}

/// The name of the proposal: what it is measured against and by what.
fn proposal_name(baseline: &str, measure: Measure, alt: usize, lang: Lang) -> String {
    let m = measure_word(measure, lang);
    let base = match lang {
        Lang::Nl => format!("Voorstel, minste verschuiving t.o.v. {baseline} ({m})"),
        Lang::En => format!("Proposal, least change from {baseline} ({m})"),
    };
    match (alt, lang) {
        (0, _) => base,
        (k, Lang::Nl) => format!("{base}, alternatief {k}"),
        (k, Lang::En) => format!("{base}, alternative {k}"),
    }
}

/// `FILE.json` -> `FILE-altK.json`.
fn alternative_path(out: &Path, k: usize) -> PathBuf {
    let stem = out
        .file_stem()
        .map_or_else(|| "proposal".into(), |s| s.to_string_lossy().into_owned());
    let ext = out
        .extension()
        .map_or_else(|| "json".into(), |e| e.to_string_lossy().into_owned());
    out.with_file_name(format!("{stem}-alt{k}.{ext}"))
}

/// `zone;team;cost` for every pair the options allow, and `zone;zone` for every pair of
/// bordering zones (each pair once): the problem for another solver to check the answer.
pub fn problem_csv(built: &Built) -> Result<(Vec<u8>, Vec<u8>), csv::Error> {
    let p = &built.problem;
    let mut costs = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    costs.write_record(["zone", "team", "cost"])?;
    for z in 0..p.zones {
        for t in 0..p.teams {
            if p.may_take(z, t) {
                costs.write_record([
                    built.codes[z].as_str(),
                    built.scenario.teams[TeamId(t)].id.as_str(),
                    &p.cost[z][t].to_string(),
                ])?;
            }
        }
    }
    let mut adjacency = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    adjacency.write_record(["zone", "zone"])?;
    for z in 0..p.zones {
        for &n in p.adjacency[z].iter().filter(|&&n| z < n) {
            adjacency.write_record([built.codes[z].as_str(), built.codes[n].as_str()])?;
        }
    }
    let bytes = |w: csv::Writer<Vec<u8>>| -> Result<Vec<u8>, csv::Error> {
        w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
    };
    Ok((bytes(costs)?, bytes(adjacency)?))
}

fn status_text(s: Status, disruption: f64, measure: Measure, lang: Lang) -> String {
    match (s, lang) {
        (Status::Optimal, Lang::Nl) => "optimaal (geen indeling verschuift minder)".into(),
        (Status::Optimal, Lang::En) => "optimal (no division changes less)".into(),
        (Status::Gap { lower }, Lang::Nl) => format!(
            "tijdslimiet: beste gevonden, geen indeling verschuift minder dan {} (verschil {})",
            measure_value(measure, lower),
            measure_value(measure, disruption - lower)
        ),
        (Status::Gap { lower }, Lang::En) => format!(
            "time limit: best found, no division changes less than {} (gap {})",
            measure_value(measure, lower),
            measure_value(measure, disruption - lower)
        ),
    }
}

/// Run `propose`: returns the process exit code (0 a division found, 1 none, 2 bad input).
pub fn run_propose(args: &Args, pa: &ProposeArgs) -> i32 {
    let fail = |msg: String| {
        eprintln!("gebiedsplanner: {msg}");
        2
    };
    let Some(out) = pa.out.as_deref() else {
        return fail("propose needs --out FILE.json".into());
    };
    let mut doc = match document_for(args, pa.scenario.as_deref()) {
        Ok(s) => s,
        Err(msg) => return fail(msg),
    };
    let lang = args.lang;
    let (baseline, baseline_name) = match baseline_of(&doc, &pa.baseline, lang) {
        Ok(b) => b,
        Err(msg) => return fail(msg),
    };
    let built = match opt::build(&doc.data.atlas, &doc.scenario, &baseline, &options_of(pa)) {
        Ok(b) => b,
        Err(e @ (ProposeError::UnknownTeam { .. } | ProposeError::UnknownZone { .. })) => {
            return fail(e.to_string());
        }
        Err(e) => return infeasible(&e),
    };
    if let Err(msg) = write_problem(pa, &built) {
        return fail(msg);
    }
    let proposal = match built.solve(&doc.data.atlas) {
        Ok(p) => p,
        Err(e @ ProposeError::Solver(_)) => return fail(e.to_string()),
        Err(e) => return infeasible(&e),
    };
    let names = |k: usize| proposal_name(&baseline_name, proposal.measure, k, lang);
    let alt_paths = match write_proposals(&mut doc, &proposal, out, &names) {
        Ok(p) => p,
        Err(msg) => return fail(msg),
    };
    print_proposal(&doc, &proposal, &names(0), lang);
    print_alternatives(&proposal, &alt_paths, lang);
    println!("{}", out.display());
    0
}

/// The baseline scenario and its name for the proposal's title.
fn baseline_of(
    doc: &Document,
    baseline: &Baseline,
    lang: Lang,
) -> Result<(Scenario, String), String> {
    let t = i18n::texts(lang);
    Ok(match baseline {
        Baseline::Historic2020 => (doc.data.historic.scenario.clone(), "2020".to_string()),
        Baseline::Default => {
            let s = doc.data.default_division.scenario.clone();
            let name = i18n::scenario_name(&s.name, t).to_string();
            (s, name)
        }
        Baseline::File(p) => {
            let s = load_scenario(&doc.data.atlas, p).map_err(|e| e.to_string())?;
            let name = i18n::scenario_name(&s.name, t).to_string();
            (s, name)
        }
    })
}

/// The optimiser's options from the command line's.
fn options_of(pa: &ProposeArgs) -> Options {
    Options {
        measure: pa.measure,
        stay_in_region: !pa.any_region,
        locks: pa.locks.clone(),
        pins: pa.pins.clone(),
        children: pa.children,
        allow_empty: pa.allow_empty,
        alternatives: pa.alternatives,
        time_limit: Duration::from_secs_f64(pa.time_limit.unwrap_or(10.0)),
        cancel: None,
        progress: None,
    }
}

/// `--costs` and `--adjacency`: the problem for another solver.
fn write_problem(pa: &ProposeArgs, built: &Built) -> Result<(), String> {
    if pa.costs.is_none() && pa.adjacency.is_none() {
        return Ok(());
    }
    let (costs, adjacency) =
        problem_csv(built).map_err(|e| format!("cannot write the costs: {e}"))?;
    for (path, bytes) in [(&pa.costs, costs), (&pa.adjacency, adjacency)] {
        if let Some(p) = path {
            crate::data::atomic::write_atomic(p, &bytes)
                .map_err(|e| format!("{}: cannot write: {e}", p.display()))?;
        }
    }
    Ok(())
}

/// Write the best division to `out` (and make it `doc`'s scenario, for the table) and each
/// alternative beside it; returns the alternatives' paths.
fn write_proposals(
    doc: &mut Document,
    proposal: &Proposal,
    out: &Path,
    name_of: &dyn Fn(usize) -> String,
) -> Result<Vec<PathBuf>, String> {
    let now = scenario_file::now_iso();
    let mut write = |c: &Candidate, k: usize, path: &Path| -> Result<(), String> {
        let mut s = c.scenario.clone();
        s.name = name_of(k);
        let mut f = ScenarioFile::from_scenario(&doc.data.atlas, &s);
        f.created = now.clone();
        f.modified = now.clone();
        scenario_file::save(path, &f).map_err(|e| e.to_string())?;
        if k == 0 {
            doc.set_scenario(s);
        }
        Ok(())
    };
    write(&proposal.best, 0, out)?;
    let mut alt_paths = Vec::new();
    for (i, c) in proposal.alternatives.iter().enumerate() {
        let p = alternative_path(out, i + 1);
        write(c, i + 1, &p)?;
        alt_paths.push(p);
    }
    Ok(alt_paths)
}

/// The best division on standard output: its team table, disruption, bound, status, the
/// Brussels stand-in, empty teams and the zones that change team.
fn print_proposal(doc: &Document, proposal: &Proposal, name: &str, lang: Lang) {
    let t = i18n::texts(lang);
    let measure = proposal.measure;
    println!("{}: {name}", t.scenario);
    print!("{}", team_table(doc, lang));
    let best = &proposal.best;
    let (dis, bound, by_rules, status, changes, stand_in, empty) = match lang {
        Lang::Nl => (
            "Verschuiving",
            "Onvermijdelijk (ondergrens)",
            "Door de regels",
            "Status",
            "Zones die van team wisselen",
            "Brussel heeft geen leeftijdsverdeling: daar staat het aantal inwoners maal",
            "Zonder gebied",
        ),
        Lang::En => (
            "Disruption",
            "Unavoidable (lower bound)",
            "Due to the rules",
            "Status",
            "Zones that change team",
            "Brussels has no age split: there the inhabitants times",
            "Without area",
        ),
    };
    let mw = measure_word(measure, lang);
    println!();
    println!("{dis}: {} {mw}", measure_value(measure, best.disruption));
    println!("{bound}: {} {mw}", measure_value(measure, proposal.bound));
    println!(
        "{by_rules}: {} {mw}",
        measure_value(measure, (best.disruption - proposal.bound).max(0.0))
    );
    println!(
        "{status}: {}",
        status_text(best.status, best.disruption, measure, lang)
    );
    if let Some(si) = &proposal.stand_in {
        let zones: Vec<&str> = si
            .zones
            .iter()
            .map(|&z| doc.data.atlas.units[z].name.as_str())
            .collect();
        println!(
            "* {stand_in} {} ({})",
            i18n::dec(si.child_ratio, 3),
            zones.join(", ")
        );
    }
    if !best.empty_teams.is_empty() {
        let names: Vec<&str> = best
            .empty_teams
            .iter()
            .map(|&t| doc.scenario.teams[t].name.as_str())
            .collect();
        println!("{empty}: {}", names.join(", "));
    }
    println!("{changes}: {}", best.changes.len());
    print_changes(doc, best, t);
}

/// Each zone that changes team, with its inhabitants and children.
fn print_changes(doc: &Document, best: &Candidate, t: &i18n::Texts) {
    let team_name = |t: Option<TeamId>| {
        t.and_then(|t| doc.scenario.teams.get(t))
            .map_or("-", |t| t.name.as_str())
    };
    for c in &best.changes {
        let children = c.children.map_or_else(|| t.unknown.to_string(), i18n::int);
        println!(
            "  {} {}: {} -> {}  ({} {}, {} {})",
            doc.data.atlas.units[c.zone].code,
            doc.data.atlas.units[c.zone].name,
            team_name(c.from),
            team_name(Some(c.to)),
            i18n::int(c.inhabitants),
            t.population.to_lowercase(),
            children,
            t.children.to_lowercase()
        );
    }
}

/// One line per alternative: its disruption, status and file.
fn print_alternatives(proposal: &Proposal, alt_paths: &[PathBuf], lang: Lang) {
    let measure = proposal.measure;
    let mw = measure_word(measure, lang);
    for (i, (c, p)) in proposal.alternatives.iter().zip(alt_paths).enumerate() {
        let word = match lang {
            Lang::Nl => "Alternatief",
            Lang::En => "Alternative",
        };
        println!(
            "{word} {}: {} {mw}, {}; {}",
            i + 1,
            measure_value(measure, c.disruption),
            status_text(c.status, c.disruption, measure, lang),
            p.display()
        );
    }
}

/// The options admit no division (or none was found in time): the reason, exit code 1.
fn infeasible(e: &ProposeError) -> i32 {
    eprintln!("gebiedsplanner: propose: {e}");
    1
}
