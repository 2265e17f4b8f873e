//! Files: new, open, save, tabs, recent files, import and export, autosave and recovery, and
//! the question about unsaved changes before a tab or the window closes.

use std::path::{Path, PathBuf};

use super::command::{Answer, Command};
use super::{GebiedsApp, Screen};
use crate::data::{assignment_csv, recovery, scenario_file};
use crate::document::Document;
use crate::export;
use crate::i18n;
use crate::model::edit::StepLabel;
use crate::model::scenario::Scenario;
use crate::ui::modal;
use crate::workspace::{Baseline, Workspace};

/// Autosave interval, in seconds.
pub const AUTOSAVE_SECS: f64 = 60.0;

/// Something waiting for the user to decide about unsaved changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pending {
    CloseTab(usize),
    Quit,
}

/// Recovery files in a folder, oldest first (regular `.json` files only).
pub fn recovery_files(dir: &Path) -> Vec<PathBuf> {
    recovery::list(dir)
}

fn recovery_name(w: &Workspace) -> String {
    format!("scenario-{}-{}.json", std::process::id(), w.uid)
}

fn recovery_path(dir: &Path, w: &Workspace) -> PathBuf {
    dir.join(recovery_name(w))
}

impl GebiedsApp {
    fn texts(&self) -> &'static i18n::Texts {
        i18n::texts(self.settings.lang)
    }

    /// A file dialog's answer; when the system could not open the dialog at all, say so and
    /// how to save without one, instead of doing nothing.
    pub(super) fn dialog_answer(&mut self, answer: Option<PathBuf>) -> Option<PathBuf> {
        if answer.is_none() && self.dialogs.unavailable() {
            let t = self.texts();
            self.tell(t.no_file_dialog, t.no_file_dialog_hint);
        }
        answer
    }

    fn add_recent(&mut self, p: &Path) {
        self.settings.recent.retain(|r| r != p);
        self.settings.recent.insert(0, p.to_path_buf());
        self.settings.recent.truncate(8);
    }

    /// A new tab for a scenario on the current data (shared, not copied).
    pub(super) fn push_tab(&mut self, make: impl FnOnce(&Document) -> Scenario) -> Option<usize> {
        let layers = self.settings.layers.clone();
        let tabs = self.tabs_mut()?;
        let base = tabs.list.get(tabs.active)?;
        let scenario = make(&base.doc);
        let doc = Document::new(base.data().clone(), scenario);
        let mut w = Workspace::new(doc, &layers);
        w.set_view(base.view());
        // A proposal for one region opens on its region, as the region's key shows it in the
        // presentation.
        let region = w.doc.scenario.region;
        if let Some(b) = region.and_then(|r| super::presentation::region_box(&w, r)) {
            w.fit_to(b);
        }
        tabs.list.push(w);
        tabs.active = tabs.list.len() - 1;
        Some(tabs.active)
    }

    /// New scenario: the default division or an empty one.
    pub fn new_tab(&mut self, empty: bool) {
        let t = self.texts();
        self.push_tab(|s| {
            if empty {
                let mut sc = Scenario::empty(&s.data.atlas, t.empty_division);
                sc.teams = s.scenario.teams.clone();
                sc
            } else {
                s.scenario.clone()
            }
        });
    }

    /// Copy the active scenario into a new tab, to try a variant.
    pub fn duplicate_tab(&mut self) {
        let Some(w) = self.workspace() else { return };
        let mut copy = w.doc.scenario.clone();
        copy.name = format!("{} ({})", copy.name, self.texts().copy_of);
        let indicator = w.doc.indicator.clone();
        self.push_tab(move |_| copy);
        if let Some(w) = self.workspace_mut() {
            w.file.saved = None;
            w.set_indicator(indicator);
        }
    }

    /// Open a scenario file in a new tab (or switch to it when it is open already); a large
    /// one is read on a thread of its own.
    pub fn open_path(&mut self, path: &Path) {
        if let Some(tabs) = self.tabs_mut()
            && let Some(i) = tabs
                .list
                .iter()
                .position(|w| w.file.path.as_deref() == Some(path))
        {
            tabs.active = i;
            return;
        }
        if super::background::is_large(path) {
            let owned = path.to_path_buf();
            return self.read_in_background(path, move || Command::ScenarioArrived {
                file: super::background::Arrived::new(scenario_file::read(&owned)),
                path: owned,
            });
        }
        self.scenario_arrived(path, scenario_file::read(path));
    }

    /// A scenario file was read (or could not be): open it in a new tab.
    pub(super) fn scenario_arrived(
        &mut self,
        path: &Path,
        read: Result<scenario_file::ScenarioFile, crate::data::DataError>,
    ) {
        let t = self.texts();
        let file = match read {
            Ok(f) => f,
            Err(e) => return self.tell(t.open_failed, e.to_string()),
        };
        match self.open_read_file(path, file) {
            Ok(None) => {}
            Ok(Some(note)) => self.tell(t.unresolved_title, note),
            Err(why) => self.tell(t.open_failed, why),
        }
    }

    /// Open a scenario file already read in a new tab. Err: why it could not be opened;
    /// Ok(Some): opened, with a note on the codes the data does not have.
    fn open_read_file(
        &mut self,
        path: &Path,
        file: scenario_file::ScenarioFile,
    ) -> Result<Option<String>, String> {
        let t = self.texts();
        let Some(atlas_edition) = self.workspace().map(|w| w.doc.data.atlas.edition) else {
            return Err(path.display().to_string());
        };
        if file.edition != atlas_edition {
            return Err(format!(
                "{}: {} {} ({} {})",
                path.display(),
                t.edition,
                file.edition.label(),
                t.menu_view,
                t.edition
            ));
        }
        let resolved = {
            let Some(w) = self.workspace() else {
                return Err(path.display().to_string());
            };
            file.to_scenario(&w.doc.data.atlas, path)
                .map_err(|e| e.to_string())?
        };
        let unresolved = resolved.unresolved.clone();
        let scenario = resolved.scenario;
        let indicator = match (&file.indicator, self.workspace()) {
            (Some(r), Some(w)) => Some(
                r.to_choice(&w.doc.data.atlas, path)
                    .map_err(|e| e.to_string())?,
            ),
            _ => None,
        };
        if self.push_tab(move |_| scenario).is_none() {
            return Err(path.display().to_string());
        }
        if let Some(w) = self.workspace_mut() {
            w.file.path = Some(path.to_path_buf());
            w.file.meta = file.meta();
            w.file.unresolved = unresolved.clone();
            w.set_indicator(indicator);
            w.restore_settings(&file);
            w.mark_saved();
        }
        self.add_recent(path);
        if unresolved.is_empty() {
            return Ok(None);
        }
        Ok(Some(format!(
            "{}\n{}\n{}",
            path.display(),
            t.unresolved_body,
            unresolved.codes().join(", ")
        )))
    }

    fn suggested_name(&self, ext: &str) -> String {
        let base = self.workspace().map_or_else(
            || "scenario".into(),
            |w| match &w.file.path {
                Some(p) => p
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                None => i18n::scenario_name(&w.doc.scenario.name, self.texts()).to_string(),
            },
        );
        let clean: String = base
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        format!("{clean}.{ext}")
    }

    /// Save the active tab; with `ask` (or without a file yet) ask where. Returns true
    /// when it was saved.
    pub fn save_active(&mut self, ask: bool) -> bool {
        let t = self.texts();
        let current = self.workspace().and_then(|w| w.file.path.clone());
        let target = match (ask, current) {
            (false, Some(p)) => Some(p),
            _ => match self.paths.save_path.clone().filter(|_| !ask) {
                Some(p) => Some(p),
                None => {
                    let name = self.suggested_name("json");
                    let answer =
                        self.dialogs
                            .save_file(t.save_as, &name, t.kind_scenario, &["json"]);
                    self.dialog_answer(answer)
                }
            },
        };
        let Some(path) = target else { return false };
        let recovery = self.paths.recovery.clone();
        let Some(w) = self.workspace_mut() else {
            return false;
        };
        match w.save_to(&path) {
            Ok(()) => {
                let copy = recovery.map(|dir| recovery_path(&dir, w));
                self.forget_recovery(copy);
                self.add_recent(&path);
                true
            }
            Err(e) => {
                self.tell(t.save_failed, e.to_string());
                false
            }
        }
    }

    /// Close a tab now (the question about unsaved changes comes before).
    pub(super) fn close_tab_now(&mut self, i: usize) {
        let recovery = self.paths.recovery.clone();
        let Some(tabs) = self.tabs_mut() else { return };
        if i >= tabs.list.len() {
            return;
        }
        let copy = recovery.map(|dir| recovery_path(&dir, &tabs.list[i]));
        self.forget_recovery(copy);
        let Some(tabs) = self.tabs_mut() else { return };
        if tabs.list.len() == 1 {
            // The last tab gives way to a fresh default division.
            let w = &mut tabs.list[0];
            let s = w.data().default_division.scenario.clone();
            w.doc.set_scenario(s);
            w.file = Default::default();
            w.set_indicator(None);
            w.history = Default::default();
            w.set_opened();
            w.mark_saved();
            return;
        }
        tabs.list.remove(i);
        if tabs.active >= tabs.list.len() || tabs.active > i {
            tabs.active = tabs.active.saturating_sub(1);
        }
    }

    /// Close a tab, asking first when it has unsaved changes.
    pub fn close_tab(&mut self, i: usize) {
        let dirty = self
            .tabs()
            .and_then(|t| t.list.get(i))
            .is_some_and(super::super::workspace::Workspace::is_dirty);
        if dirty {
            self.pending = Some(super::Pending::CloseTab(i));
        } else {
            self.close_tab_now(i);
        }
    }

    /// The files of the open tabs, remembered for the next start.
    pub fn remember_open_files(&mut self) {
        if let Some(tabs) = self.tabs() {
            self.settings.open_files = tabs
                .list
                .iter()
                .filter_map(|w| w.file.path.clone())
                .collect();
        }
    }

    pub(super) fn open_dialog(&mut self) {
        let t = self.texts();
        let answer = self.dialogs.open_file(t.open, t.kind_scenario, &["json"]);
        if let Some(p) = self.dialog_answer(answer) {
            self.open_path(&p);
        }
    }

    /// Ask for a reference layer (GeoJSON) and open it.
    pub(super) fn open_reference_dialog(&mut self) {
        let t = self.texts();
        let answer = self.dialogs.open_file(
            t.reference_open,
            t.kind_reference,
            &["geojson", "json", "shp"],
        );
        if let Some(p) = self.dialog_answer(answer) {
            self.open_reference(None, &p);
        }
    }

    /// Ask for a PMTiles file to use as the base map.
    pub(super) fn choose_offline_tiles(&mut self) {
        let t = self.texts();
        let answer = self
            .dialogs
            .open_file(t.tiles_offline_file, t.kind_pmtiles, &["pmtiles"]);
        if let Some(p) = self.dialog_answer(answer) {
            self.push(Command::UseOfflineTiles(p));
        }
    }

    /// Write `bytes` to a file the user picks.
    pub(super) fn export_to(
        &mut self,
        title: &str,
        ext: &str,
        kind: &str,
        bytes: impl FnOnce(&Self) -> Result<Vec<u8>, String>,
    ) {
        let t = self.texts();
        let name = self.suggested_name(ext);
        let answer = self.dialogs.save_file(title, &name, kind, &[ext]);
        let Some(path) = self.dialog_answer(answer) else {
            return;
        };
        let result = bytes(self).and_then(|b| {
            crate::data::atomic::write_atomic(&path, &b)
                .map_err(|e| format!("{}: {e}", path.display()))
        });
        match result {
            Ok(()) => self.tell(t.saved_to, path.display().to_string()),
            Err(e) => self.tell(t.export_failed, e),
        }
    }

    pub(super) fn image_options(&self) -> export::ImageOptions {
        // The optional layers as the window shows them, and the table.
        let mut layers: Vec<&'static str> = crate::map::layer::LAYERS
            .iter()
            .filter(|l| l.optional_in_export() && self.settings.layers.setting(**l).on)
            .map(|l| l.key())
            .collect();
        layers.push(export::image::TABLE);
        let mut o = export::ImageOptions::new(1920, layers, self.settings.lang);
        if let Some(w) = self.workspace() {
            o.budget_model = w.budget_model;
            o.region = self.export_extent.region(w.doc.scenario.region);
        }
        o
    }

    pub(super) fn import_csv(&mut self) {
        let t = self.texts();
        let answer = self
            .dialogs
            .open_file(t.import_csv, t.kind_csv, &["csv", "txt"]);
        if let Some(path) = self.dialog_answer(answer) {
            self.import_csv_path(&path);
        }
    }

    /// Import a division from a CSV file into the active tab (one step of its history).
    pub(super) fn import_csv_path(&mut self, path: &Path) {
        let t = self.texts();
        let lang = self.settings.lang;
        let Some(w) = self.workspace_mut() else {
            return;
        };
        let mut s = w.doc.scenario.clone();
        match assignment_csv::import_file(&w.doc.data.atlas, &mut s, path) {
            Ok(report) => {
                let before = w.doc.scenario.clone();
                w.history.record(
                    StepLabel::Import {
                        file: path.display().to_string(),
                    },
                    before,
                );
                w.doc.scenario = s;
                w.preview = None;
                w.refresh();
                let mut body = format!(
                    "{}: {} {}, {} {}",
                    path.display(),
                    report.zones,
                    t.zones.to_lowercase(),
                    report.municipalities,
                    t.municipalities.to_lowercase()
                );
                body.push_str(&format!("\n{}", i18n::read_in(report.encoding, t)));
                if !report.skipped.is_empty() {
                    body.push_str(&format!("\n{} {}:", report.skipped.len(), t.skipped));
                    // A hostile file can have a million bad lines: list the first ones.
                    for (line, why) in report.skipped.iter().take(50) {
                        let why = i18n::skip_reason(lang, why);
                        body.push_str(&format!("\n{} {line}: {why}", t.line));
                    }
                    if report.skipped.len() > 50 {
                        body.push_str(&format!("\n… (+{})", report.skipped.len() - 50));
                    }
                }
                self.tell(t.import_done, body);
            }
            Err(e) => self.tell(t.open_failed, e.to_string()),
        }
    }

    /// The tabs of the open scenarios, with an unsaved mark and a close button.
    pub(super) fn tab_bar(&mut self, ui: &mut egui::Ui) {
        let t = self.texts();
        let Some(tabs) = self.tabs() else { return };
        let entries: Vec<(String, bool, Option<String>)> = tabs
            .list
            .iter()
            .map(|w| (w.title(self.texts()), w.is_dirty(), w.file_name()))
            .collect();
        let active = tabs.active;
        let mut out = Vec::new();
        egui::Panel::top("tabs").show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                for (i, (title, dirty, file)) in entries.iter().enumerate() {
                    let label = if *dirty {
                        format!("{title} *")
                    } else {
                        title.clone()
                    };
                    let hint = match file {
                        Some(f) => format!("{f}\n{}", t.proposal_ui.tab_hint),
                        None => t.proposal_ui.tab_hint.to_string(),
                    };
                    let tab = ui.selectable_label(i == active, label).on_hover_text(hint);
                    if tab.double_clicked() {
                        out.push(Command::SwitchTab(i));
                        out.push(Command::ShowProperties(true));
                    } else if tab.clicked() {
                        out.push(Command::SwitchTab(i));
                    }
                    if ui.small_button("x").on_hover_text(t.close_tab).clicked() {
                        out.push(Command::CloseTab(i));
                    }
                    ui.separator();
                }
                if ui.small_button("+").on_hover_text(t.new_default).clicked() {
                    out.push(Command::NewTab { empty: false });
                }
            });
        });
        self.commands.extend(out);
    }

    /// Keep the "compare with another scenario" of the active tab in step with that tab.
    pub(super) fn sync_other(&mut self) {
        let t = self.texts();
        let Some(tabs) = self.tabs_mut() else { return };
        let active = tabs.active;
        let Some(uid) = tabs.list.get(active).and_then(|w| w.other_uid) else {
            return;
        };
        let Some(o) = tabs.list.iter().position(|w| w.uid == uid) else {
            if let Some(w) = tabs.list.get_mut(active) {
                w.other_uid = None;
                w.set_other(None);
            }
            return;
        };
        // Copied only when it changed: most commands leave the other tab as it was.
        let title = tabs.list[o].title(t);
        let same = tabs.list[active]
            .other
            .as_ref()
            .is_some_and(|(name, s)| *name == title && *s == tabs.list[o].doc.scenario);
        if !same {
            let other = Some((title, tabs.list[o].doc.scenario.clone()));
            tabs.list[active].set_other(other);
        }
    }

    /// The window's close button: ask first when something is unsaved.
    pub(super) fn handle_close_request(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) || self.allow_close {
            return;
        }
        let dirty = self.tabs().is_some_and(|t| {
            t.list
                .iter()
                .any(super::super::workspace::Workspace::is_dirty)
        });
        if dirty {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.pending = Some(super::Pending::Quit);
        } else {
            self.clear_recovery();
        }
    }

    fn clear_recovery(&mut self) {
        let copies: Vec<PathBuf> = match (self.paths.recovery.clone(), self.tabs()) {
            (Some(dir), Some(tabs)) => tabs.list.iter().map(|w| recovery_path(&dir, w)).collect(),
            _ => Vec::new(),
        };
        self.forget_recovery(copies);
    }

    /// Remove recovery copies that are no longer needed (a copy already gone is fine). One
    /// that cannot be removed would be offered again at the next start: the user hears why.
    fn forget_recovery(&mut self, copies: impl IntoIterator<Item = PathBuf>) {
        let t = self.texts();
        let problems: Vec<String> = copies
            .into_iter()
            .filter_map(|p| recovery::remove(&p).err())
            .map(|e| recovery_problem(&e, t))
            .collect();
        if !problems.is_empty() {
            let body = format!("{}\n\n{}", problems.join("\n\n"), t.recovery_offered_again);
            self.tell(t.recovery_not_removed, body);
        }
    }

    /// Every minute, write the unsaved tabs to the recovery folder.
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        let Some(dir) = self.paths.recovery.clone() else {
            return;
        };
        let now = ctx.input(|i| i.time);
        let any_dirty = self.tabs().is_some_and(|t| {
            t.list
                .iter()
                .any(super::super::workspace::Workspace::is_dirty)
        });
        if !any_dirty {
            self.last_autosave = now;
            return;
        }
        let due = self.last_autosave + AUTOSAVE_SECS;
        if now < due {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(due - now));
            return;
        }
        self.last_autosave = now;
        self.write_recovery(&dir);
    }

    /// Write every tab with unsaved changes to the recovery folder. When that fails the
    /// user is told once (not every minute); the next autosave tries again, and a success
    /// makes a later failure worth telling again.
    pub fn write_recovery(&mut self, dir: &Path) {
        let stamp = scenario_file::now_iso();
        let Some(tabs) = self.tabs() else { return };
        let mut failed = None;
        for w in &tabs.list {
            if !w.is_dirty() {
                // A saved tab leaves no copy behind. This runs every minute, so a copy that
                // cannot be removed is not told here but when the tab is saved or closed, or
                // offered (and can be discarded) at the next start.
                let _ = recovery::remove(&recovery_path(dir, w));
                continue;
            }
            let mut f = w.to_file(&stamp);
            if let Some(p) = &w.file.path {
                f.extra.insert(
                    "recovery_of".into(),
                    serde_json::Value::String(p.display().to_string()),
                );
            }
            if let Err(e) = recovery::write(dir, &recovery_name(w), &f) {
                failed.get_or_insert(e);
            }
        }
        match failed {
            Some(e) if !self.autosave_failing => {
                self.autosave_failing = true;
                let t = self.texts();
                self.tell(
                    t.autosave_failed,
                    format!("{e}\n\n{}", t.autosave_failed_hint),
                );
            }
            Some(_) => {}
            None => self.autosave_failing = false,
        }
    }

    /// Open the offered recovery files as unsaved tabs. A file is removed only once its
    /// scenario is open again; one that cannot be opened is kept (set aside, so it is not
    /// offered again) and named in one message with every other that failed.
    pub fn restore_recovery(&mut self) {
        let t = self.texts();
        let mut problems = Vec::new();
        for found in std::mem::take(&mut self.recovery_offer) {
            let original = found.original();
            let opened = match found.file {
                Ok(file) => self.open_read_file(&found.path, file),
                Err(e) => Err(e.to_string()),
            };
            match opened {
                Ok(note) => {
                    if let Some(w) = self.workspace_mut()
                        && w.file.path.as_deref() == Some(found.path.as_path())
                    {
                        w.file.path = original;
                        w.file.meta.extra.remove("recovery_of");
                        w.file.saved = None;
                    }
                    // The recovery file is about to go: it is no recent file.
                    self.settings.recent.retain(|r| r != &found.path);
                    problems.extend(note);
                    if let Err(e) = recovery::remove(&found.path) {
                        problems.push(e.to_string());
                    }
                }
                Err(why) => {
                    problems.push(recovery_problem(&recovery::set_aside(&found.path, why), t));
                }
            }
        }
        if !problems.is_empty() {
            self.tell(t.recovery_failed, problems.join("\n\n"));
        }
    }

    /// The user chose to discard the offered recovery files.
    pub fn discard_recovery(&mut self) {
        let copies: Vec<PathBuf> = std::mem::take(&mut self.recovery_offer)
            .into_iter()
            .map(|f| f.path)
            .collect();
        self.forget_recovery(copies);
    }

    /// Window title: the scenario's name and status, an unsaved mark and the file name.
    pub(super) fn update_title(&mut self, ctx: &egui::Context) {
        let title = match self.workspace() {
            Some(w) => format!(
                "{}{}{} — Gebiedsplanner",
                w.title(self.texts()),
                if w.is_dirty() { " *" } else { "" },
                w.file_name().map(|f| format!(" — {f}")).unwrap_or_default()
            ),
            None => "Gebiedsplanner".to_string(),
        };
        if title != self.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }

    pub fn window_title(&self) -> &str {
        &self.window_title
    }

    /// Messages, the unsaved-changes question and the recovery offer.
    pub(super) fn dialogs_ui(&mut self, ctx: &egui::Context) {
        let t = self.texts();
        let mut out = Vec::new();
        if let Some(m) = self.message() {
            let answered = modal::show(
                ctx,
                "message",
                &m.title,
                |ui| {
                    ui.label(&m.body);
                },
                |ui| ui.button(t.close).clicked(),
            );
            if answered.inner || answered.dismissed {
                out.push(Command::CloseMessage);
            }
        }
        if let Some(p) = self.pending {
            let question = self.pending_question(p);
            let answered = modal::show(
                ctx,
                "unsaved",
                t.unsaved_title,
                |ui| {
                    ui.label(question);
                },
                |ui| {
                    modal::answers(
                        ui,
                        &[
                            (t.save, Answer::Save),
                            (t.dont_save, Answer::DontSave),
                            (t.cancel, Answer::Cancel),
                        ],
                    )
                },
            );
            // Leaving the question without an answer keeps the work: it cancels.
            if let Some(answer) = answered.or_when_dismissed(Answer::Cancel) {
                out.push(Command::AnswerUnsaved(answer));
            }
        }
        if !self.recovery_offer.is_empty() && matches!(self.screen, Screen::Loaded(_)) {
            let names: Vec<String> = self
                .recovery_offer
                .iter()
                .map(super::super::data::recovery::Found::label)
                .collect();
            // Restore or discard: the files are kept until one of the two is chosen, so
            // leaving the question (Escape, a click beside it) does nothing.
            let answered = modal::show(
                ctx,
                "recovery",
                t.recovery_title,
                |ui| {
                    ui.label(t.recovery_body);
                    for n in &names {
                        ui.label(format!("• {n}"));
                    }
                },
                |ui| {
                    modal::answers(
                        ui,
                        &[
                            (t.restore, Command::RestoreRecovery),
                            (t.discard, Command::DiscardRecovery),
                        ],
                    )
                },
            );
            out.extend(answered.inner);
        }
        self.commands.extend(out);
    }

    /// The unsaved-work question: the tab it is about, or every tab with unsaved work when
    /// the window closes, each on a line with its number when two tabs share a name.
    fn pending_question(&self, p: super::Pending) -> String {
        let t = self.texts();
        let Some(tabs) = self.tabs() else {
            return String::new();
        };
        let titles: Vec<String> = tabs.list.iter().map(|w| w.title(t)).collect();
        let name = |i: usize| {
            let title = &titles[i];
            if titles.iter().filter(|o| *o == title).count() > 1 {
                format!("‘{title}’ ({} {})", t.tab_number, i + 1)
            } else {
                format!("‘{title}’")
            }
        };
        match p {
            super::Pending::CloseTab(i) if i < titles.len() => {
                format!("{} {}", name(i), t.unsaved_body)
            }
            super::Pending::CloseTab(_) => String::new(),
            super::Pending::Quit => {
                let lines: Vec<String> = (0..titles.len())
                    .filter(|&i| tabs.list[i].is_dirty())
                    .map(|i| format!("• {}", name(i)))
                    .collect();
                let head = if lines.len() == 1 {
                    t.unsaved_quit_one
                } else {
                    t.unsaved_quit
                };
                format!("{head}\n{}", lines.join("\n"))
            }
        }
    }

    pub(super) fn quit(&mut self, ctx: &egui::Context) {
        self.clear_recovery();
        self.allow_close = true;
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }

    /// Offer the other open tabs as baselines.
    pub(super) fn other_tabs(&self) -> Vec<(u64, String)> {
        let Some(tabs) = self.tabs() else {
            return Vec::new();
        };
        tabs.list
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != tabs.active)
            .map(|(_, w)| (w.uid, w.title(self.texts())))
            .collect()
    }

    pub(super) fn compare_with(&mut self, uid: Option<u64>) {
        if let Some(w) = self.workspace_mut() {
            w.other_uid = uid;
            if uid.is_none() {
                w.set_other(None);
                if w.baseline == Baseline::Other {
                    w.set_baseline(Baseline::Opened);
                }
            }
        }
        self.sync_other();
    }
}

/// A recovery file that could not be opened, for the message: why, and where it is kept.
fn recovery_problem(e: &recovery::RecoveryError, t: &i18n::Texts) -> String {
    match e {
        recovery::RecoveryError::Unreadable { file, why, kept_as } => format!(
            "{why}\n{} {}",
            t.recovery_kept_as,
            kept_as.as_deref().unwrap_or(file).display()
        ),
        recovery::RecoveryError::Remove { file, why } => {
            format!("{}: {}: {why}", file.display(), t.recovery_cannot_remove)
        }
        other => other.to_string(),
    }
}
