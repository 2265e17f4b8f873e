//! The region proposals on the command line: `new` starts one, `merge` combines the regions'
//! proposals into one division, `report` writes the PDF an IROJ hands in.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::propose::Baseline;
use super::{Args, check_to, document_and_file, load_scenario, resolve_data, warn, with_stdout};
use crate::data::scenario_file::{self, FileMeta, ScenarioFile, Unresolved};
use crate::document::Document;
use crate::export::text::visible;
use crate::i18n;
use crate::i18n::proposals::{self as pt, MergeNames};
use crate::model::atlas::Edition;
use crate::model::merge::Merge;
use crate::model::region::Region;
use crate::model::scenario::Scenario;

/// The options of `new`, `merge` and `report` (besides `--out` and `--pdf`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProposalOptions {
    pub name: Option<String>,
    pub region: Option<Region>,
    pub from: Option<Baseline>,
    pub compare: Option<Baseline>,
    pub first_wins: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NewArgs {
    pub out: PathBuf,
    pub name: Option<String>,
    pub region: Option<Region>,
    /// What the proposal starts from (the default division when not given).
    pub from: Baseline,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MergeArgs {
    pub files: Vec<PathBuf>,
    pub out: PathBuf,
    pub first_wins: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ReportArgs {
    pub scenario: Option<PathBuf>,
    pub pdf: PathBuf,
    /// In place of the scenario's own region.
    pub region: Option<Region>,
    pub compare: Baseline,
}

pub fn is_option(opt: &str) -> bool {
    matches!(
        opt,
        "--name" | "--region" | "--from" | "--compare" | "--first-wins"
    )
}

fn source(v: String) -> Baseline {
    match v.as_str() {
        "2020" => Baseline::Historic2020,
        "default" => Baseline::Default,
        _ => Baseline::File(PathBuf::from(v)),
    }
}

/// A region name from the command line; an unknown one is an error that lists the six.
pub fn parse_region(opt: &str, v: &str) -> Result<Region, String> {
    Region::parse(v).ok_or_else(|| format!("{opt} {}", scenario_file::unknown_region(v)))
}

/// Read one option of these subcommands (and its value, through `value`).
pub fn parse_option(
    p: &mut ProposalOptions,
    opt: &str,
    mut value: impl FnMut(&str) -> Result<String, String>,
) -> Result<(), String> {
    match opt {
        "--name" => p.name = Some(value(opt)?),
        "--region" => p.region = Some(parse_region(opt, &value(opt)?)?),
        "--from" => p.from = Some(source(value(opt)?)),
        "--compare" => p.compare = Some(source(value(opt)?)),
        "--first-wins" => p.first_wins = true,
        other => return Err(format!("unknown option '{other}'")),
    }
    Ok(())
}

/// The options given that `command` does not take, as an error.
pub fn refuse_others(p: &ProposalOptions, command: &str) -> Result<(), String> {
    let given = [
        ("--name", p.name.is_some(), ["new"].as_slice()),
        ("--region", p.region.is_some(), &["new", "report", "export"]),
        ("--from", p.from.is_some(), &["new"]),
        ("--compare", p.compare.is_some(), &["report"]),
        ("--first-wins", p.first_wins, &["merge"]),
    ];
    for (opt, set, takes) in given {
        if set && !takes.contains(&command) {
            return Err(format!("{opt} belongs to '{}'", takes.join("' and '")));
        }
    }
    Ok(())
}

/// The file names of the proposals, as the merge names them.
fn label(p: &Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The same file, after following links.
fn same_file(a: &Path, b: &Path) -> bool {
    let real = |p: &Path| crate::data::atomic::resolve(p).unwrap_or_else(|_| p.to_path_buf());
    real(a) == real(b)
}

/// Write a scenario as a file and name it on standard output.
fn write_scenario(
    doc: &Document,
    meta: &FileMeta,
    path: &Path,
    out: &mut dyn Write,
) -> std::io::Result<bool> {
    let now = scenario_file::now_iso();
    let f = ScenarioFile::compose(
        &doc.data.atlas,
        &doc.scenario,
        meta,
        &Unresolved::default(),
        &now,
    );
    match scenario_file::save(path, &f) {
        Ok(()) => {
            writeln!(out, "{}", visible(&path.display().to_string()))?;
            Ok(true)
        }
        Err(e) => {
            warn(&e.to_string());
            Ok(false)
        }
    }
}

/// Run `new`: returns the process exit code.
pub fn run_new(args: &Args, n: &NewArgs) -> i32 {
    let from_file = match &n.from {
        Baseline::File(p) => Some(p.as_path()),
        _ => None,
    };
    if let Some(p) = from_file
        && same_file(p, &n.out)
    {
        warn(&format!(
            "--out {}: that is the file the proposal starts from; choose another output file",
            n.out.display()
        ));
        return 2;
    }
    let (mut doc, file) = match document_and_file(args, from_file) {
        Ok(d) => d,
        Err(msg) => {
            warn(&msg);
            return 2;
        }
    };
    let t = pt::texts(args.lang);
    let mut s: Scenario = match n.from {
        Baseline::Historic2020 => doc.data.historic.scenario.clone(),
        Baseline::Default | Baseline::File(_) => doc.scenario.clone(),
    };
    s.name = match (&n.name, n.region) {
        (Some(name), _) => name.clone(),
        (None, Some(r)) => t.proposal_name_region.replace("{region}", r.name()),
        (None, None) => t.proposal_name.to_string(),
    };
    s.region = n.region;
    doc.set_scenario(s);
    let meta = file.map(|f| f.meta()).unwrap_or_default();
    with_stdout(|out| {
        Ok(if write_scenario(&doc, &meta, &n.out, out)? {
            0
        } else {
            2
        })
    })
}

/// Read the proposals for `merge`: each file with its scenario, on the data of their edition.
fn read_proposals(args: &Args, files: &[PathBuf]) -> Result<(Document, Vec<Scenario>), String> {
    let mut read = Vec::new();
    for p in files {
        read.push((p, scenario_file::read(p).map_err(|e| e.to_string())?));
    }
    let edition = args
        .edition
        .or(read.first().map(|(_, f)| f.edition))
        .unwrap_or(Edition::M2025);
    let dir = resolve_data(args, edition)?;
    let doc = Document::load(&dir, edition).map_err(|e| e.to_string())?;
    let mut scenarios = Vec::new();
    for (p, f) in read {
        scenarios
            .push(super::scenario_from_file(&doc.data.atlas, p, f).map_err(|e| e.to_string())?);
    }
    Ok((doc, scenarios))
}

/// Run `merge`: returns the process exit code.
pub fn run_merge(args: &Args, m: &MergeArgs) -> i32 {
    let t = pt::texts(args.lang);
    if m.files.len() < 2 {
        warn(t.merge_need_two);
        return 2;
    }
    if let Some(p) = m.files.iter().find(|p| same_file(p, &m.out)) {
        warn(&format!(
            "--out {}: that is the proposal {}; choose another output file",
            m.out.display(),
            p.display()
        ));
        return 2;
    }
    let (mut doc, scenarios) = match read_proposals(args, &m.files) {
        Ok(r) => r,
        Err(msg) => {
            warn(&msg);
            return 2;
        }
    };
    let labels: Vec<String> = m.files.iter().map(|p| label(p)).collect();
    let refs: Vec<&Scenario> = scenarios.iter().collect();
    let atlas = &doc.data.atlas;
    let merge = Merge::new(atlas, &refs);
    let names = MergeNames {
        atlas,
        merge: &merge,
        labels: &labels,
    };
    let picks = merge.first_wins();
    let mut report = String::new();
    if !merge.conflicts.is_empty() {
        report.push_str(
            &t.merge_conflicts_head
                .replace("{n}", &merge.conflicts.len().to_string()),
        );
        report.push('\n');
        for (c, &k) in merge.conflicts.iter().zip(&picks) {
            report.push_str(&format!(
                "{}: {}\n",
                t.conflict_word,
                visible(&pt::conflict(args.lang, c, &names))
            ));
            if m.first_wins {
                report.push_str(&format!(
                    "  {}: {}\n",
                    t.merge_chosen,
                    visible(&pt::choice(args.lang, c, &c.options[k], &names))
                ));
            }
        }
    }
    if !merge.conflicts.is_empty() && !m.first_wins {
        return with_stdout(|out| {
            write!(out, "{report}")?;
            writeln!(out, "{}", t.merge_nothing_written)?;
            Ok(1)
        });
    }
    let merged = merge.resolve(t.merged_name, &picks);
    let description = pt::merged_description(
        args.lang,
        &labels
            .iter()
            .cloned()
            .zip(scenarios.iter().map(|s| s.region))
            .collect::<Vec<_>>(),
    );
    drop(merge);
    doc.set_scenario(merged);
    let meta = FileMeta {
        description,
        ..FileMeta::default()
    };
    with_stdout(|out| {
        write!(out, "{report}")?;
        if !write_scenario(&doc, &meta, &m.out, out)? {
            return Ok(2);
        }
        check_to(args, &doc, out)
    })
}

/// Run `report`: returns the process exit code.
pub fn run_report(args: &Args, r: &ReportArgs) -> i32 {
    if let Some(s) = &r.scenario
        && same_file(s, &r.pdf)
    {
        warn(&format!(
            "--pdf {}: that is the scenario; choose another output file",
            r.pdf.display()
        ));
        return 2;
    }
    let (doc, file) = match document_and_file(args, r.scenario.as_deref()) {
        Ok(d) => d,
        Err(msg) => {
            warn(&msg);
            return 2;
        }
    };
    let ti = i18n::texts(args.lang);
    let (baseline, baseline_name) = match &r.compare {
        Baseline::Historic2020 => (
            doc.data.historic.scenario.clone(),
            ti.baseline_historic.to_string(),
        ),
        Baseline::Default => (
            doc.data.default_division.scenario.clone(),
            ti.baseline_default.to_string(),
        ),
        Baseline::File(p) => match load_scenario(&doc.data.atlas, p) {
            Ok(s) => (s, label(p)),
            Err(e) => {
                warn(&e.to_string());
                return 2;
            }
        },
    };
    let meta = file.as_ref().map(ScenarioFile::meta).unwrap_or_default();
    let status = doc
        .scenario
        .status
        .map(|s| i18n::scenario_ui::status_name(s, ti.proposal_ui))
        .unwrap_or_default()
        .to_string();
    let iso = scenario_file::now_iso();
    let input = crate::export::report::ReportInput {
        doc: &doc,
        region: r.region.or(doc.scenario.region),
        baseline: &baseline,
        baseline_name,
        author: meta.author,
        description: meta.description,
        status,
        date: format!("{}-{}-{}", &iso[8..10], &iso[5..7], &iso[0..4]),
        lang: args.lang,
        budget_model: crate::model::metrics::BudgetModel::Flat,
    };
    let bytes = match crate::export::report::report_pdf(&input) {
        Ok(b) => b,
        Err(e) => {
            warn(&format!("{}: cannot render: {e}", r.pdf.display()));
            return 2;
        }
    };
    if let Err(e) = crate::data::atomic::write_atomic(&r.pdf, &bytes) {
        warn(&format!("{}: cannot write: {e}", r.pdf.display()));
        return 2;
    }
    with_stdout(|out| {
        writeln!(out, "{}", visible(&r.pdf.display().to_string()))?;
        Ok(0)
    })
}
