//! Work that would stop the window: loading a data folder and reading a large file happen on
//! a thread of their own. The window draws meanwhile (the loading screen, a line in the
//! status bar) and answers the keys, Ctrl+Q among them; the result comes back as a
//! [`Command`] and is applied as every other one.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use super::command::Command;
use super::{GebiedsApp, Screen};
use crate::data::progress::{self, Stage};
use crate::data::{DataError, DataSource, Discovery};
use crate::dataset::Dataset;
use crate::i18n::{self, Texts};
use crate::model::atlas::Edition;

/// How a data set is read: `Dataset::load_with_overlays` unless a test gives its own.
pub type Loader =
    Arc<dyn Fn(&DataSource, Edition) -> Result<Arc<Dataset>, DataError> + Send + Sync>;

/// Files of at least this many bytes are read on a thread of their own; smaller ones take
/// less than a frame and are read at once.
pub const BACKGROUND_BYTES: u64 = 1024 * 1024;

/// The window's context, for a worker to ask for a frame when it has news. Set at the first
/// frame; news that comes before it is seen by that frame.
#[derive(Clone, Default)]
pub struct Repaint(Arc<OnceLock<egui::Context>>);

impl Repaint {
    pub fn set(&self, ctx: &egui::Context) {
        if self.0.get().is_none() {
            let _ = self.0.set(ctx.clone());
        }
    }

    fn request(&self) {
        if let Some(ctx) = self.0.get() {
            ctx.request_repaint();
        }
    }
}

/// What a worker handed back, carried by a command. Two are equal only when they are the
/// same one (what they hold has no equality of its own).
#[derive(Clone)]
pub struct Arrived<T>(Arc<T>);

impl<T: Clone> Arrived<T> {
    pub fn new(value: T) -> Arrived<T> {
        Arrived(Arc::new(value))
    }

    /// The value (copied only when the command was copied).
    pub fn take(self) -> T {
        Arc::try_unwrap(self.0).unwrap_or_else(|shared| (*shared).clone())
    }
}

impl<T> PartialEq for Arrived<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::fmt::Debug for Arrived<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Arrived(..)")
    }
}

/// One piece of work under way on a thread of its own.
pub struct Job {
    rx: Receiver<Command>,
}

impl Job {
    /// Start `work`; its command comes back through [`Job::poll`], and a frame is asked for
    /// when it is there. When no thread can be started the work is done at once.
    pub fn start(repaint: &Repaint, work: impl FnOnce() -> Command + Send + 'static) -> Job {
        let (tx, rx) = mpsc::channel();
        let repaint = repaint.clone();
        let task = move || {
            // The receiver is gone when the window stopped waiting (another load began).
            let _ = tx.send(work());
            repaint.request();
        };
        // Held apart, so that the work is not lost when the thread cannot be started.
        let slot = Arc::new(Mutex::new(Some(task)));
        let theirs = slot.clone();
        let spawned = std::thread::Builder::new()
            .name("gebiedsplanner-load".into())
            .spawn(move || {
                if let Some(task) = lock(&theirs).take() {
                    task();
                }
            });
        if spawned.is_err()
            && let Some(task) = lock(&slot).take()
        {
            task();
        }
        Job { rx }
    }

    /// The command of the finished work; `Some(None)` when the worker stopped without one.
    fn poll(&self) -> Option<Option<Command>> {
        match self.rx.try_recv() {
            Ok(c) => Some(Some(c)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(None),
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A worker that panicked while holding the lock left a value that is still whole (a
    // counter and a stage, or the task not yet taken).
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// How far a load is: the number of stages begun and the last one.
#[derive(Clone, Debug, Default)]
pub struct Progress {
    pub step: usize,
    pub stage: Option<Stage>,
}

/// A data set being loaded.
pub struct Loading {
    pub source: DataSource,
    /// Where the data was looked for, for the data screen if the load fails.
    pub discovery: Discovery,
    job: Job,
    progress: Arc<Mutex<Progress>>,
}

impl Loading {
    pub fn start(
        source: DataSource,
        edition: Edition,
        discovery: Discovery,
        loader: Loader,
        repaint: &Repaint,
    ) -> Loading {
        let progress = Arc::new(Mutex::new(Progress::default()));
        let (seen, news, src) = (progress.clone(), repaint.clone(), source.clone());
        let job = Job::start(repaint, move || {
            let observer = move |stage: &Stage| {
                {
                    let mut p = lock(&seen);
                    p.step += 1;
                    p.stage = Some(stage.clone());
                }
                news.request();
            };
            let result = progress::observe(observer, || {
                let data = loader(&src, edition)?;
                // The map is drawn from the first frame on: prepare it here, not there.
                progress::report(Stage::Map);
                data.geometry();
                Ok(data)
            });
            Command::DataArrived(Arrived::new(result))
        });
        Loading {
            source,
            discovery,
            job,
            progress,
        }
    }

    pub fn progress(&self) -> Progress {
        lock(&self.progress).clone()
    }
}

/// A file being read for the user.
pub struct Reading {
    pub path: PathBuf,
    job: Job,
}

/// Whether a file is large enough to be read on a thread of its own. What is no regular
/// file, or cannot be asked about, is read at once: the reader refuses it without waiting.
pub fn is_large(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() >= BACKGROUND_BYTES)
}

impl GebiedsApp {
    /// Whether something is loading or being read (tests run frames until it is done).
    pub fn is_busy(&self) -> bool {
        matches!(self.screen, Screen::Loading(_)) || !self.reads.is_empty()
    }

    /// Read a file on a thread of its own; `work` makes the command that carries its result.
    pub(super) fn read_in_background(
        &mut self,
        path: &Path,
        work: impl FnOnce() -> Command + Send + 'static,
    ) {
        if self.reads.iter().any(|r| r.path == path) {
            return;
        }
        let job = Job::start(&self.repaint, work);
        self.reads.push(Reading {
            path: path.to_path_buf(),
            job,
        });
    }

    /// Push the commands of the work that finished since the last frame.
    pub(super) fn poll_background(&mut self, ctx: &egui::Context) {
        self.repaint.set(ctx);
        let t = i18n::texts(self.settings.lang);
        if let Screen::Loading(l) = &self.screen
            && let Some(done) = l.job.poll()
        {
            match done {
                Some(c) => self.push(c),
                None => {
                    let discovery = l.discovery.clone();
                    self.screen = Screen::NeedData {
                        discovery,
                        error: Some(t.load_stopped.to_string()),
                    };
                }
            }
        }
        let mut i = 0;
        while i < self.reads.len() {
            match self.reads[i].job.poll() {
                None => i += 1,
                Some(done) => {
                    let r = self.reads.remove(i);
                    match done {
                        Some(c) => self.push(c),
                        None => self.tell(t.open_failed, r.path.display().to_string()),
                    }
                }
            }
        }
    }

    /// The loading screen: what is being read, step k of n, with a bar and a spinner.
    pub(super) fn loading_screen(&self, ui: &mut egui::Ui) {
        let Screen::Loading(l) = &self.screen else {
            return;
        };
        let t = i18n::texts(self.settings.lang);
        let p = l.progress();
        // The stages of `Dataset::load_with_overlays` and the map.
        let total = (Dataset::LOAD_STEPS + 1).max(p.step);
        egui::CentralPanel::default().show(ui, |ui| {
            ui.vertical_centered(|ui| {
                ui.add_space(ui.available_height() / 3.0);
                ui.heading(t.loading_title);
                ui.label(i18n::data_source(&l.source, t));
                ui.add_space(8.0);
                ui.add(egui::Spinner::new().size(28.0));
                ui.add_space(8.0);
                ui.add(
                    egui::ProgressBar::new(p.step as f32 / total as f32)
                        .desired_width(420.0)
                        .show_percentage(),
                );
                let what = p
                    .stage
                    .as_ref()
                    .map_or(t.loading_start, |s| stage_text(t, s));
                let file = match &p.stage {
                    Some(Stage::Reading(f)) => format!(": {}", f.display()),
                    _ => String::new(),
                };
                ui.label(format!(
                    "{what}{file} ({} {} {} {total})",
                    t.step,
                    p.step.max(1),
                    t.step_of
                ));
            });
        });
    }

    /// The files being read, for the status bar (with a spinner), if any.
    pub(super) fn background_status(&self, ui: &mut egui::Ui) {
        if self.reads.is_empty() {
            return;
        }
        let t = i18n::texts(self.settings.lang);
        let names: Vec<String> = self
            .reads
            .iter()
            .map(|r| {
                r.path.file_name().map_or_else(
                    || r.path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                )
            })
            .collect();
        ui.add(egui::Spinner::new());
        ui.label(format!("{}: {}…", t.opening, names.join(", ")));
    }
}

fn stage_text(t: &'static Texts, s: &Stage) -> &'static str {
    match s {
        Stage::Reading(_) => t.loading_reading,
        Stage::Borders => t.loading_borders,
        Stage::Divisions => t.loading_divisions,
        Stage::Map => t.loading_map,
    }
}
