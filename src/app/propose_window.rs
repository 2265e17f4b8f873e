//! The "Voorstel" window: the division of the open tab's teams that disturbs a baseline
//! least (`model::optimise`), searched on a worker thread so that the window never freezes,
//! with its progress, Cancel, and the result opened as a new tab compared with the baseline.
//! The same search with the tab itself as baseline is "Herstel met minste verschuiving".

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::GebiedsApp;
use super::command::Command;
use crate::dataset::Dataset;
use crate::i18n::{self, ProposeTexts, Texts};
use crate::model::ids::{TeamId, TiSlice, TiVec, ZoneId};
use crate::model::optimise::Progress;
use crate::model::optimise::atlas::{
    self as opt, Candidate, ChildrenBounds, Measure, Options, Proposal, ProposeError,
};
use crate::model::scenario::Scenario;
use crate::workspace::Baseline;

/// What the proposal is measured against.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BaselineChoice {
    /// The 2020 teams.
    #[default]
    Historic,
    /// The default division.
    Default,
    /// Another open tab (by its uid).
    Tab(u64),
}

/// The bounds on children per team, as the form holds them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BoundsChoice {
    #[default]
    None,
    Range,
    Percent,
}

/// The settings of the window, edited as a copy and set with [`Command::SetProposeForm`].
#[derive(Clone, Debug, PartialEq)]
pub struct ProposeForm {
    pub measure: Measure,
    pub baseline: BaselineChoice,
    /// Teams (by id) that keep exactly their zones.
    pub locks: Vec<String>,
    /// The selected zones stay with their team.
    pub pin_selection: bool,
    pub stay_in_region: bool,
    pub bounds: BoundsChoice,
    /// Children per team, least and most (with [`BoundsChoice::Range`]).
    pub range: (f64, f64),
    /// Percent around the average (with [`BoundsChoice::Percent`]).
    pub percent: f64,
    /// Seconds.
    pub time_limit: f64,
    pub alternatives: usize,
}

impl Default for ProposeForm {
    fn default() -> Self {
        ProposeForm {
            measure: Measure::Children,
            baseline: BaselineChoice::Historic,
            locks: Vec::new(),
            pin_selection: false,
            stay_in_region: true,
            bounds: BoundsChoice::None,
            range: (0.0, 100_000.0),
            percent: 25.0,
            time_limit: 10.0,
            alternatives: 0,
        }
    }
}

/// What a search is for: how its result tabs are named and compared.
#[derive(Clone, Debug, PartialEq)]
struct Job {
    /// The name of the best division's tab; alternatives add their number.
    name: String,
    measure: Measure,
    /// What the result tabs compare with.
    compare: BaselineChoice,
    /// A repair: the name of the tab repaired.
    repair_of: Option<String>,
    /// The label of the baseline, for a proposal's alternative names.
    baseline_label: String,
}

/// A search on its worker thread.
struct Running {
    job: Job,
    cancel: Arc<AtomicBool>,
    progress: Arc<Progress>,
    started: Instant,
    answer: mpsc::Receiver<Result<Proposal, ProposeError>>,
}

/// The last search's outcome, shown in the window.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    Done {
        job: Job,
        proposal: Box<Proposal>,
        took: Duration,
        /// The team and zone names of the proposal, for the list of changes.
        teams: TiVec<TeamId, String>,
        zones: TiVec<ZoneId, String>,
    },
    Failed(String),
}

/// The window's state between frames.
#[derive(Default)]
pub struct ProposeState {
    pub open: bool,
    pub form: ProposeForm,
    running: Option<Running>,
    outcome: Option<Outcome>,
}

impl ProposeState {
    /// A search is running.
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }
}

impl GebiedsApp {
    /// Whether a proposal or repair is being searched for.
    pub fn proposal_running(&self) -> bool {
        self.propose.is_running()
    }

    /// The worker's answer, when it came: pushed as a command, applied with the others.
    pub(super) fn poll_proposal(&mut self, ctx: &egui::Context) {
        let Some(run) = &self.propose.running else {
            return;
        };
        match run.answer.try_recv() {
            Ok(answer) => self.push(Command::ProposalFinished(Box::new(answer))),
            Err(mpsc::TryRecvError::Empty) => {
                // Show the elapsed time and the solver's progress while it runs.
                ctx.request_repaint_after(Duration::from_millis(100));
            }
            Err(mpsc::TryRecvError::Disconnected) => {
                let t = i18n::texts(self.settings.lang).propose;
                self.push(Command::ProposalFinished(Box::new(Err(
                    ProposeError::Solver(t.failed.to_string()),
                ))));
            }
        }
    }

    /// The commands of the window.
    pub(super) fn apply_propose(&mut self, command: Command) {
        match command {
            Command::ShowPropose(on) => self.propose.open = on,
            Command::SetProposeForm(form) => self.propose.form = *form,
            Command::StartProposal => self.start_proposal(false),
            Command::RepairLeastChange => self.start_proposal(true),
            Command::CancelProposal => {
                if let Some(run) = self.propose.running.take() {
                    // The worker stops at the solver's next check; its answer is not waited
                    // for, and no tab opens.
                    run.cancel.store(true, Ordering::Relaxed);
                    let t = i18n::texts(self.settings.lang).propose;
                    self.propose.outcome = Some(Outcome::Failed(t.cancelled.to_string()));
                }
            }
            Command::ProposalFinished(answer) => self.proposal_finished(*answer),
            Command::OpenAlternative(k) => self.open_alternative(k),
            _ => {}
        }
    }

    /// Start a search: the form's proposal, or the repair of the open tab.
    fn start_proposal(&mut self, repair: bool) {
        if self.propose.running.is_some() {
            return;
        }
        let t = i18n::texts(self.settings.lang);
        let pt = t.propose;
        let form = if repair {
            ProposeForm::default()
        } else {
            self.propose.form.clone()
        };
        let Some(w) = self.workspace() else { return };
        let data: Arc<Dataset> = w.data().clone();
        let scenario = w.doc.scenario.clone();
        let title = w.title(t);
        let uid = w.uid;
        let (baseline, label) = match form.baseline {
            _ if repair => (scenario.clone(), title.clone()),
            BaselineChoice::Historic => (
                data.historic.scenario.clone(),
                t.baseline_historic.to_string(),
            ),
            BaselineChoice::Default => (
                data.default_division.scenario.clone(),
                t.baseline_default.to_string(),
            ),
            BaselineChoice::Tab(other) => {
                match self
                    .tabs()
                    .and_then(|tabs| tabs.list.iter().find(|o| o.uid == other))
                {
                    Some(o) => (o.doc.scenario.clone(), o.title(t)),
                    // The tab was closed: the 2020 teams, as the window then shows.
                    None => (
                        data.historic.scenario.clone(),
                        t.baseline_historic.to_string(),
                    ),
                }
            }
        };
        let pins = if form.pin_selection && !repair {
            selected_pins(w)
        } else {
            Vec::new()
        };
        let progress = Arc::new(Progress::default());
        let cancel = Arc::new(AtomicBool::new(false));
        let options = Options {
            measure: form.measure,
            stay_in_region: form.stay_in_region,
            locks: form.locks.clone(),
            pins,
            children: match form.bounds {
                BoundsChoice::None => None,
                BoundsChoice::Range => Some(ChildrenBounds::Range {
                    min: form.range.0.min(form.range.1),
                    max: form.range.0.max(form.range.1),
                }),
                BoundsChoice::Percent => Some(ChildrenBounds::AroundAverage {
                    percent: form.percent.clamp(0.0, 100.0),
                }),
            },
            allow_empty: false,
            alternatives: if repair { 0 } else { form.alternatives },
            time_limit: Duration::from_secs_f64(form.time_limit.clamp(0.1, 3600.0)),
            cancel: Some(cancel.clone()),
            progress: Some(progress.clone()),
        };
        let job = Job {
            name: if repair {
                pt.repair_name(&title)
            } else {
                pt.tab_name(&label, form.measure, 0)
            },
            measure: form.measure,
            compare: if repair {
                BaselineChoice::Tab(uid)
            } else {
                form.baseline
            },
            repair_of: repair.then(|| title.clone()),
            baseline_label: label,
        };
        let (send, answer) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("voorstel".into())
            .spawn(move || {
                let r = opt::propose(&data.atlas, &scenario, &baseline, &options);
                // The window may have stopped listening (cancelled): then nobody needs it.
                let _ = send.send(r);
            });
        if let Err(e) = spawned {
            self.propose.outcome = Some(Outcome::Failed(format!("{}: {e}", pt.failed)));
            return;
        }
        self.propose.open = true;
        self.propose.outcome = None;
        self.propose.running = Some(Running {
            job,
            cancel,
            progress,
            started: Instant::now(),
            answer,
        });
    }

    fn proposal_finished(&mut self, answer: Result<Proposal, ProposeError>) {
        let Some(run) = self.propose.running.take() else {
            return;
        };
        let t = i18n::texts(self.settings.lang);
        match answer {
            Ok(proposal) => {
                let teams = proposal
                    .best
                    .scenario
                    .teams
                    .iter()
                    .map(|tm| tm.name.clone())
                    .collect();
                let zones = self
                    .workspace()
                    .map(|w| {
                        w.doc
                            .data
                            .atlas
                            .units
                            .iter()
                            .map(|u| u.name.clone())
                            .collect()
                    })
                    .unwrap_or_default();
                self.open_candidate(&run.job, &proposal.best, run.job.name.clone());
                self.propose.outcome = Some(Outcome::Done {
                    job: run.job,
                    proposal: Box::new(proposal),
                    took: run.started.elapsed(),
                    teams,
                    zones,
                });
            }
            Err(e) => {
                let msg = self.propose_error_text(&e, t.propose);
                self.propose.outcome = Some(Outcome::Failed(msg));
            }
        }
    }

    /// An error of the search in the user's words, with team and zone names.
    fn propose_error_text(&self, e: &ProposeError, pt: &ProposeTexts) -> String {
        let Some(w) = self.workspace() else {
            return String::new();
        };
        let s = &w.doc.scenario;
        let atlas = &w.doc.data.atlas;
        let team = |id: &str| {
            s.teams
                .iter()
                .find(|tm| tm.id == id)
                .map_or_else(|| id.to_string(), |tm| tm.name.clone())
        };
        let zone = |code: &str| {
            atlas
                .unit_by_code(code)
                .map_or_else(|| code.to_string(), |u| atlas.units[u].name.clone())
        };
        pt.error(e, &team, &zone)
    }

    /// Open an alternative (1: the first) of the last proposal as a new tab.
    fn open_alternative(&mut self, k: usize) {
        let Some(Outcome::Done { job, proposal, .. }) = &self.propose.outcome else {
            return;
        };
        let Some(c) = k.checked_sub(1).and_then(|i| proposal.alternatives.get(i)) else {
            return;
        };
        let pt = i18n::texts(self.settings.lang).propose;
        let name = match &job.repair_of {
            Some(_) => format!("{} ({k})", job.name),
            None => pt.tab_name(&job.baseline_label, job.measure, k),
        };
        let (job, c) = (job.clone(), c.clone());
        self.open_candidate(&job, &c, name);
    }

    /// A division found, as a new tab named `name`, compared with the job's baseline and
    /// with its differences shown.
    fn open_candidate(&mut self, job: &Job, c: &Candidate, name: String) {
        let mut scenario: Scenario = c.scenario.clone();
        scenario.name = name;
        if self.push_tab(move |_| scenario).is_none() {
            return;
        }
        let compare_tab = match job.compare {
            BaselineChoice::Tab(uid) => Some(uid),
            _ => None,
        };
        if let Some(w) = self.workspace_mut() {
            w.file.saved = None;
            w.show_differences = true;
            match job.compare {
                BaselineChoice::Historic => w.set_baseline(Baseline::Historic),
                BaselineChoice::Default => w.set_baseline(Baseline::Default),
                BaselineChoice::Tab(_) => {}
            }
        }
        if compare_tab.is_some() {
            self.compare_with(compare_tab);
        }
    }

    /// The window, when it is open.
    pub(super) fn propose_window(&mut self, ctx: &egui::Context) {
        if !self.propose.open {
            return;
        }
        let t = i18n::texts(self.settings.lang);
        let pt = t.propose;
        let mut open = true;
        let mut out = Vec::new();
        let mut form = self.propose.form.clone();
        let others = self.other_tabs();
        let teams: Vec<(String, String)> = self
            .workspace()
            .map(|w| {
                w.doc
                    .scenario
                    .teams
                    .iter()
                    .map(|tm| (tm.id.clone(), tm.name.clone()))
                    .collect()
            })
            .unwrap_or_default();
        let selected = self.workspace().map_or(0, |w| selected_pins(w).len());
        let running = self.propose.running.as_ref().map(|r| {
            (
                r.started.elapsed(),
                r.progress.now(),
                r.job.measure,
                r.job.repair_of.is_some(),
            )
        });
        egui::Window::new(pt.window)
            .id(egui::Id::unique("propose_window"))
            .open(&mut open)
            .default_width(460.0)
            .default_pos(egui::pos2(380.0, 90.0))
            .show(ctx, |ui| {
                ui.add_enabled_ui(running.is_none(), |ui| {
                    form_ui(ui, t, &mut form, &others, &teams, selected);
                });
                ui.separator();
                match running {
                    Some((elapsed, now, measure, _)) => {
                        ui.horizontal(|ui| {
                            ui.spinner();
                            ui.label(progress_text(pt, elapsed, now, measure));
                        });
                        if ui.button(pt.cancel).clicked() {
                            out.push(Command::CancelProposal);
                        }
                    }
                    None => {
                        if ui.button(pt.start).clicked() {
                            out.push(Command::StartProposal);
                        }
                    }
                }
                if let Some(o) = &self.propose.outcome {
                    ui.separator();
                    outcome_ui(ui, t, o, &mut out);
                }
            });
        if form != self.propose.form {
            out.push(Command::SetProposeForm(Box::new(form)));
        }
        if !open {
            out.push(Command::ShowPropose(false));
        }
        self.commands.extend(out);
    }
}

/// Every selected zone with a team, pinned to it: (zone code, team id).
fn selected_pins(w: &crate::workspace::Workspace) -> Vec<(String, String)> {
    let atlas = &w.doc.data.atlas;
    let s = &w.doc.scenario;
    let zones: std::collections::BTreeSet<ZoneId> = w
        .selected_cells()
        .into_iter()
        .map(|c| atlas.cells[c].unit)
        .collect();
    zones
        .into_iter()
        .filter_map(|z| {
            let team = s.unit_team.get(z).copied().flatten()?;
            Some((atlas.units[z].code.clone(), s.teams.get(team)?.id.clone()))
        })
        .collect()
}

/// "Bezig: 2,3 s · ronde 4 · beste gevonden 4.348 kinderen · ondergrens 4.100 kinderen ·
/// verschil 5,7 %".
fn progress_text(
    pt: &ProposeTexts,
    elapsed: Duration,
    now: crate::model::optimise::ProgressNow,
    measure: Measure,
) -> String {
    let mut parts = vec![format!(
        "{}: {} s",
        pt.running,
        i18n::dec(elapsed.as_secs_f64(), 1)
    )];
    if now.round > 0 {
        parts.push(format!("{} {}", pt.round, now.round));
    }
    if let Some(i) = now.incumbent {
        parts.push(format!("{} {}", pt.best_found, pt.amount(measure, i)));
    }
    if let Some(l) = now.lower {
        parts.push(format!("{} {}", pt.lower_bound, pt.amount(measure, l)));
    }
    if let Some(g) = now.gap() {
        parts.push(format!("{} {} %", pt.gap, i18n::dec(g * 100.0, 1)));
    }
    parts.join(" · ")
}

/// The settings: measure, baseline, options.
fn form_ui(
    ui: &mut egui::Ui,
    t: &Texts,
    form: &mut ProposeForm,
    others: &[(u64, String)],
    teams: &[(String, String)],
    selected: usize,
) {
    let pt = t.propose;
    ui.horizontal_wrapped(|ui| {
        ui.label(pt.measure);
        for m in [
            Measure::Children,
            Measure::Inhabitants,
            Measure::Municipalities,
        ] {
            ui.radio_value(&mut form.measure, m, pt.measure_word(m));
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(pt.baseline);
        ui.radio_value(
            &mut form.baseline,
            BaselineChoice::Historic,
            t.baseline_historic,
        );
        ui.radio_value(
            &mut form.baseline,
            BaselineChoice::Default,
            t.baseline_default,
        );
        for (uid, name) in others {
            ui.radio_value(&mut form.baseline, BaselineChoice::Tab(*uid), name);
        }
    });
    if let BaselineChoice::Tab(uid) = form.baseline
        && !others.iter().any(|(u, _)| *u == uid)
    {
        form.baseline = BaselineChoice::Historic;
    }
    ui.label(egui::RichText::new(pt.options).strong());
    ui.checkbox(&mut form.stay_in_region, pt.stay_in_region);
    ui.checkbox(
        &mut form.pin_selection,
        format!("{} ({selected})", pt.pin_selection),
    );
    egui::CollapsingHeader::new(format!("{} ({})", pt.locked_teams, form.locks.len()))
        .id_salt("propose_locks")
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .max_height(160.0)
                .show(ui, |ui| {
                    for (id, name) in teams {
                        let mut on = form.locks.contains(id);
                        if ui.checkbox(&mut on, name).changed() {
                            if on {
                                form.locks.push(id.clone());
                            } else {
                                form.locks.retain(|l| l != id);
                            }
                        }
                    }
                });
        });
    ui.horizontal_wrapped(|ui| {
        ui.label(pt.bounds);
        ui.radio_value(&mut form.bounds, BoundsChoice::None, pt.bounds_none);
        ui.radio_value(&mut form.bounds, BoundsChoice::Range, pt.bounds_range);
        if form.bounds == BoundsChoice::Range {
            ui.add(
                egui::DragValue::new(&mut form.range.0)
                    .range(0.0..=1e7)
                    .speed(100.0),
            );
            ui.label("–");
            ui.add(
                egui::DragValue::new(&mut form.range.1)
                    .range(0.0..=1e7)
                    .speed(100.0),
            );
        }
        ui.radio_value(&mut form.bounds, BoundsChoice::Percent, pt.bounds_percent);
        if form.bounds == BoundsChoice::Percent {
            ui.add(
                egui::DragValue::new(&mut form.percent)
                    .range(0.0..=100.0)
                    .suffix(pt.bounds_percent_suffix),
            );
        }
    });
    ui.horizontal(|ui| {
        ui.label(pt.time_limit);
        ui.add(
            egui::DragValue::new(&mut form.time_limit)
                .range(1.0..=600.0)
                .speed(1.0),
        );
        ui.label(pt.alternatives_count);
        ui.add(egui::DragValue::new(&mut form.alternatives).range(0..=10));
    });
}

/// The result of the last search: the figures, the zones that change, the alternatives; or
/// why there is none.
fn outcome_ui(ui: &mut egui::Ui, t: &Texts, o: &Outcome, out: &mut Vec<Command>) {
    let pt = t.propose;
    let (job, proposal, took, teams, zones) = match o {
        Outcome::Failed(msg) => {
            ui.label(egui::RichText::new(msg).color(crate::style::BAD));
            return;
        }
        Outcome::Done {
            job,
            proposal,
            took,
            teams,
            zones,
        } => (job, proposal, took, teams, zones),
    };
    let m = job.measure;
    let best = &proposal.best;
    ui.label(egui::RichText::new(&job.name).strong());
    egui::Grid::new("propose_figures")
        .num_columns(2)
        .show(ui, |ui| {
            ui.label(pt.disruption);
            ui.label(pt.amount(m, best.disruption));
            ui.end_row();
            ui.label(format!("  {}", pt.unavoidable));
            ui.label(pt.amount(m, proposal.bound));
            ui.end_row();
            ui.label(format!("  {}", pt.due_to_rules));
            ui.label(pt.amount(m, (best.disruption - proposal.bound).max(0.0)));
            ui.end_row();
            ui.label(pt.status);
            ui.label(format!(
                "{} ({} s)",
                pt.status_text(best.status, m, best.disruption),
                i18n::dec(took.as_secs_f64(), 1)
            ));
            ui.end_row();
        });
    if let Some(si) = &proposal.stand_in {
        ui.label(egui::RichText::new(pt.stand_in(si.child_ratio, si.zones.len())).weak());
    }
    if !best.empty_teams.is_empty() {
        let names: Vec<&str> = best
            .empty_teams
            .iter()
            .filter_map(|&e| teams.get(e).map(String::as_str))
            .collect();
        ui.label(format!("{}: {}", pt.without_area, names.join(", ")));
    }
    ui.label(egui::RichText::new(format!("{} ({})", pt.changes, best.changes.len())).strong());
    if best.changes.is_empty() {
        ui.label(egui::RichText::new(pt.no_changes).weak());
    } else {
        changes_table(ui, t, best, teams, zones);
    }
    if !proposal.alternatives.is_empty() {
        ui.label(egui::RichText::new(pt.alternatives).strong());
        for (i, a) in proposal.alternatives.iter().enumerate() {
            ui.horizontal(|ui| {
                ui.label(format!(
                    "{} {}: {}",
                    pt.alternative,
                    i + 1,
                    pt.amount(m, a.disruption)
                ));
                if !matches!(a.status, crate::model::optimise::Status::Optimal) {
                    ui.label(pt.status_text(a.status, m, a.disruption));
                }
                if ui.button(pt.open).clicked() {
                    out.push(Command::OpenAlternative(i + 1));
                }
            });
        }
    }
}

/// Zone, from, to, inhabitants, children: one row per zone that changes team.
fn changes_table(
    ui: &mut egui::Ui,
    t: &Texts,
    best: &Candidate,
    teams: &TiSlice<TeamId, String>,
    zones: &TiSlice<ZoneId, String>,
) {
    let name = |team: Option<TeamId>| {
        team.and_then(|i| teams.get(i))
            .map_or_else(|| t.no_team.to_string(), Clone::clone)
    };
    egui::ScrollArea::vertical()
        .id_salt("propose_changes")
        .max_height(220.0)
        .show(ui, |ui| {
            egui::Grid::new("propose_changes_grid")
                .num_columns(5)
                .striped(true)
                .show(ui, |ui| {
                    for h in [t.zone, t.from_team, t.to_team, t.population, t.children] {
                        ui.strong(h);
                    }
                    ui.end_row();
                    for c in &best.changes {
                        ui.label(zones.get(c.zone).map_or("?", String::as_str));
                        ui.label(name(c.from));
                        ui.label(name(Some(c.to)));
                        ui.label(i18n::int(c.inhabitants));
                        ui.label(c.children.map_or_else(|| t.unknown.to_string(), i18n::int));
                        ui.end_row();
                    }
                });
        });
}
