//! Files: new, open, save, tabs, recent files, import and export, autosave and recovery, and
//! the question about unsaved changes before a tab or the window closes.

use std::path::{Path, PathBuf};

use super::{GebiedsApp, Message, Screen};
use crate::data::{assignment_csv, scenario_file};
use crate::editor::{Baseline, Workspace};
use crate::export;
use crate::i18n;
use crate::model::scenario::Scenario;
use crate::session::Session;

/// Autosave interval, in seconds.
pub const AUTOSAVE_SECS: f64 = 60.0;

/// Something waiting for the user to decide about unsaved changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pending {
    CloseTab(usize),
    Quit,
}

/// Recovery files in a folder, oldest first.
pub fn recovery_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let t = std::fs::metadata(&p)
                .and_then(|m| m.modified())
                .unwrap_or(std::time::UNIX_EPOCH);
            (t, p)
        })
        .collect();
    v.sort();
    v.into_iter().map(|(_, p)| p).collect()
}

fn recovery_path(dir: &Path, w: &Workspace) -> PathBuf {
    dir.join(format!("scenario-{}-{}.json", std::process::id(), w.uid))
}

impl GebiedsApp {
    fn texts(&self) -> &'static i18n::Texts {
        i18n::texts(self.settings.lang)
    }

    fn tell(&mut self, title: &str, body: impl Into<String>) {
        self.message = Some(Message {
            title: title.to_string(),
            body: body.into(),
        });
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

    /// A new tab for a scenario on the current data.
    fn push_tab(&mut self, make: impl FnOnce(&Session) -> Scenario) -> Option<usize> {
        let layers = self.settings.layers.clone();
        let tabs = self.tabs_mut()?;
        let base = tabs.list.get(tabs.active)?;
        let mut session = Session::with_atlas(
            &base.session.data,
            base.session.atlas.clone(),
            base.session.seeds.clone(),
        );
        let scenario = make(&session);
        session.set_scenario(scenario);
        let mut w = Workspace::new(session, &layers);
        w.memory = base.memory.clone();
        w.fitted = base.fitted;
        tabs.list.push(w);
        tabs.active = tabs.list.len() - 1;
        Some(tabs.active)
    }

    /// New scenario: the default division or an empty one.
    pub fn new_tab(&mut self, empty: bool) {
        let t = self.texts();
        self.push_tab(|s| {
            if empty {
                let mut sc = Scenario::empty(&s.atlas, t.empty_division);
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
        let mut copy = w.session.scenario.clone();
        copy.name = format!("{} ({})", copy.name, self.texts().copy_of);
        self.push_tab(move |_| copy);
        if let Some(w) = self.workspace_mut() {
            w.file.saved = None;
        }
    }

    /// Open a scenario file in a new tab (or switch to it when it is open already).
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
        let t = self.texts();
        let file = match scenario_file::read(path) {
            Ok(f) => f,
            Err(e) => return self.tell(t.open_failed, e.to_string()),
        };
        let Some(atlas_edition) = self.workspace().map(|w| w.session.atlas.edition) else {
            return;
        };
        if file.edition != atlas_edition {
            return self.tell(
                t.open_failed,
                format!(
                    "{}: {} {} ({} {})",
                    path.display(),
                    t.edition,
                    file.edition.label(),
                    t.menu_view,
                    t.edition
                ),
            );
        }
        let resolved = {
            let Some(w) = self.workspace() else { return };
            match file.to_scenario(&w.session.atlas, path) {
                Ok(r) => r,
                Err(e) => return self.tell(t.open_failed, e.to_string()),
            }
        };
        let unresolved = resolved.unresolved.clone();
        let scenario = resolved.scenario;
        if self.push_tab(move |_| scenario).is_none() {
            return;
        }
        if let Some(w) = self.workspace_mut() {
            w.file.path = Some(path.to_path_buf());
            w.file.meta = file.meta();
            w.file.unresolved = unresolved.clone();
            w.file.saved = Some(w.session.scenario.clone());
        }
        self.add_recent(path);
        if !unresolved.is_empty() {
            self.tell(
                t.unresolved_title,
                format!(
                    "{}\n{}\n{}",
                    path.display(),
                    t.unresolved_body,
                    unresolved.codes().join(", ")
                ),
            );
        }
    }

    fn suggested_name(&self, ext: &str) -> String {
        let base = self
            .workspace()
            .map(|w| match &w.file.path {
                Some(p) => p
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                None => i18n::scenario_name(&w.session.scenario.name, self.texts()).to_string(),
            })
            .unwrap_or_else(|| "scenario".into());
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
                if let Some(dir) = recovery {
                    let _ = std::fs::remove_file(recovery_path(&dir, w));
                }
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
    fn close_tab_now(&mut self, i: usize) {
        let recovery = self.paths.recovery.clone();
        let Some(tabs) = self.tabs_mut() else { return };
        if i >= tabs.list.len() {
            return;
        }
        if let Some(dir) = recovery {
            let _ = std::fs::remove_file(recovery_path(&dir, &tabs.list[i]));
        }
        if tabs.list.len() == 1 {
            // The last tab gives way to a fresh default division.
            let w = &mut tabs.list[0];
            let (s, _) =
                crate::model::defaults::default_scenario(&w.session.atlas, &w.session.seeds);
            w.session.set_scenario(s);
            w.file = Default::default();
            w.file.saved = Some(w.session.scenario.clone());
            w.history = Default::default();
            w.refresh();
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
            .is_some_and(|w| w.is_dirty());
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

    /// Ctrl+S, Ctrl+Shift+S, Ctrl+O, Ctrl+N, Ctrl+Q.
    pub(super) fn file_shortcuts(&mut self, ctx: &egui::Context) {
        use egui::{Key, Modifiers};
        if ctx.input_mut(|i| i.consume_key(Modifiers::COMMAND, Key::Q)) {
            // As the window's close button: asks first when something is unsaved.
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        if self.workspace().is_none() {
            return;
        }
        let (save_as, save, open, new) = ctx.input_mut(|i| {
            (
                i.consume_key(Modifiers::COMMAND | Modifiers::SHIFT, Key::S),
                i.consume_key(Modifiers::COMMAND, Key::S),
                i.consume_key(Modifiers::COMMAND, Key::O),
                i.consume_key(Modifiers::COMMAND, Key::N),
            )
        });
        if save_as {
            self.save_active(true);
        } else if save {
            self.save_active(false);
        }
        if open {
            self.open_dialog();
        }
        if new {
            self.new_tab(false);
        }
    }

    fn open_dialog(&mut self) {
        let t = self.texts();
        let answer = self.dialogs.open_file(t.open, t.kind_scenario, &["json"]);
        if let Some(p) = self.dialog_answer(answer) {
            self.open_path(&p);
        }
    }

    /// Write `bytes` to a file the user picks.
    fn export_to(
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

    fn image_options(&self) -> export::ImageOptions {
        let mut layers = vec![export::Layer::Labels, export::Layer::Table];
        if self.settings.layers.municipality_borders {
            layers.push(export::Layer::Municipalities);
        }
        if self.settings.layers.historic {
            layers.push(export::Layer::Historic);
        }
        if self.settings.layers.proeftuinen {
            layers.push(export::Layer::Proeftuinen);
        }
        let mut o = export::ImageOptions::new(1920, layers, self.settings.lang);
        if let Some(w) = self.workspace() {
            o.budget_model = w.budget_model;
        }
        o
    }

    fn import_csv(&mut self) {
        let t = self.texts();
        let answer = self
            .dialogs
            .open_file(t.import_csv, t.kind_csv, &["csv", "txt"]);
        let Some(path) = self.dialog_answer(answer) else {
            return;
        };
        let lang = self.settings.lang;
        let Some(w) = self.workspace_mut() else {
            return;
        };
        let mut s = w.session.scenario.clone();
        match assignment_csv::import_file(&w.session.atlas, &mut s, &path) {
            Ok(report) => {
                let before = w.session.scenario.clone();
                w.history.record(format!("CSV {}", path.display()), before);
                w.session.scenario = s;
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
                        body.push_str(&format!("\n{} {line}: {why}", t.line));
                    }
                    if report.skipped.len() > 50 {
                        body.push_str(&format!("\n… (+{})", report.skipped.len() - 50));
                    }
                }
                let _ = lang;
                self.tell(t.import_done, body);
            }
            Err(e) => self.tell(t.open_failed, e.to_string()),
        }
    }

    pub(super) fn file_menu(&mut self, ui: &mut egui::Ui, ctx: &egui::Context) {
        let t = self.texts();
        if self.workspace().is_some() {
            if ui.button(t.new_default).clicked() {
                self.new_tab(false);
                ui.close();
            }
            if ui.button(t.new_empty).clicked() {
                self.new_tab(true);
                ui.close();
            }
            if ui.button(t.open).clicked() {
                ui.close();
                self.open_dialog();
            }
            let recent = self.settings.recent.clone();
            ui.menu_button(t.open_recent, |ui| {
                for p in recent {
                    if ui.button(p.display().to_string()).clicked() {
                        ui.close();
                        if p.is_file() {
                            self.open_path(&p);
                        } else {
                            self.settings.recent.retain(|r| r != &p);
                            self.tell(t.file_missing, p.display().to_string());
                        }
                    }
                }
            });
            ui.separator();
            if ui.button(format!("{} (Ctrl+S)", t.save)).clicked() {
                ui.close();
                self.save_active(false);
            }
            if ui.button(t.save_as).clicked() {
                ui.close();
                self.save_active(true);
            }
            if ui.button(t.duplicate).clicked() {
                ui.close();
                self.duplicate_tab();
            }
            if ui.button(t.reference_open).clicked() {
                ui.close();
                let answer =
                    self.dialogs
                        .open_file(t.reference_open, t.kind_geojson, &["geojson", "json"]);
                if let Some(p) = self.dialog_answer(answer) {
                    self.open_reference(&p);
                }
            }
            ui.separator();
            if ui.button(t.import_csv).clicked() {
                ui.close();
                self.import_csv();
            }
            if ui.button(t.export_csv).clicked() {
                ui.close();
                self.export_to(t.export_csv, "csv", t.kind_csv, |app| {
                    let w = app.workspace().ok_or_default()?;
                    Ok(assignment_csv::export(&w.session.atlas, &w.session.scenario).into_bytes())
                });
            }
            if ui.button(t.export_stats).clicked() {
                ui.close();
                self.export_to(t.export_stats, "csv", t.kind_csv, |app| {
                    let w = app.workspace().ok_or_default()?;
                    Ok(export::stats_csv(&w.session).into_bytes())
                });
            }
            if ui.button(t.export_xlsx).clicked() {
                ui.close();
                self.export_to(t.export_xlsx, "xlsx", t.kind_xlsx, |app| {
                    let w = app.workspace().ok_or_default()?;
                    let name = w.baseline_label(app.texts());
                    let baseline = export::Baseline {
                        name: &name,
                        scenario: w.baseline_scenario(),
                    };
                    export::tables_xlsx(&w.session, Some(&baseline), app.settings.lang)
                        .map_err(|e| e.to_string())
                });
            }
            if ui.button(t.export_geojson).clicked() {
                ui.close();
                self.export_to(t.export_geojson, "geojson", t.kind_geojson, |app| {
                    let w = app.workspace().ok_or_default()?;
                    Ok(export::teams_geojson(&w.session).into_bytes())
                });
            }
            // The map as an image: the same SVG drawing, written as it is or rendered.
            let images: [(&str, &str, &str, export::Render); 3] = [
                (t.export_png, "png", t.kind_png, export::render_png),
                (t.export_svg, "svg", t.kind_svg, |svg| {
                    Ok(svg.as_bytes().to_vec())
                }),
                (t.export_pdf, "pdf", t.kind_pdf, export::render_pdf),
            ];
            for (label, ext, kind, render) in images {
                if ui.button(label).clicked() {
                    ui.close();
                    self.export_to(label, ext, kind, |app| {
                        let w = app.workspace().ok_or_default()?;
                        render(&export::render_svg(
                            &w.session,
                            app.overlays.as_deref(),
                            &app.image_options(),
                        ))
                    });
                }
            }
            ui.separator();
        }
        if ui.button(t.choose_data_folder).clicked() {
            ui.close();
            self.pick_data_folder();
        }
        if ui.button(format!("{} (Ctrl+Q)", t.quit)).clicked() {
            ui.close();
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    /// The tabs of the open scenarios, with an unsaved mark and a close button.
    pub(super) fn tab_bar(&mut self, ui: &mut egui::Ui) {
        let t = self.texts();
        let Some(tabs) = self.tabs() else { return };
        let entries: Vec<(String, bool)> = tabs
            .list
            .iter()
            .map(|w| (w.title(self.texts()), w.is_dirty()))
            .collect();
        let active = tabs.active;
        let mut switch = None;
        let mut close = None;
        egui::Panel::top("tabs").show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                for (i, (title, dirty)) in entries.iter().enumerate() {
                    let label = if *dirty {
                        format!("{title} *")
                    } else {
                        title.clone()
                    };
                    if ui.selectable_label(i == active, label).clicked() {
                        switch = Some(i);
                    }
                    if ui.small_button("x").on_hover_text(t.close_tab).clicked() {
                        close = Some(i);
                    }
                    ui.separator();
                }
                if ui.small_button("+").on_hover_text(t.new_default).clicked() {
                    switch = None;
                    close = None;
                    self.new_tab(false);
                }
            });
        });
        if let Some(i) = switch
            && let Some(tabs) = self.tabs_mut()
        {
            tabs.active = i;
        }
        if let Some(i) = close {
            self.close_tab(i);
        }
        self.sync_other();
    }

    /// Keep the "compare with another scenario" of the active tab in step with that tab.
    fn sync_other(&mut self) {
        let t = self.texts();
        let Some(tabs) = self.tabs_mut() else { return };
        let active = tabs.active;
        let Some(uid) = tabs.list.get(active).and_then(|w| w.other_uid) else {
            return;
        };
        let other = tabs
            .list
            .iter()
            .find(|w| w.uid == uid)
            .map(|w| (w.title(t), w.session.scenario.clone()));
        if let Some(w) = tabs.list.get_mut(active) {
            if other.is_none() {
                w.other_uid = None;
            }
            w.set_other(other);
        }
    }

    /// The window's close button: ask first when something is unsaved.
    pub(super) fn handle_close_request(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) || self.allow_close {
            return;
        }
        let dirty = self
            .tabs()
            .is_some_and(|t| t.list.iter().any(|w| w.is_dirty()));
        if dirty {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.pending = Some(super::Pending::Quit);
        } else {
            self.clear_recovery();
        }
    }

    fn clear_recovery(&mut self) {
        if let (Some(dir), Some(tabs)) = (self.paths.recovery.clone(), self.tabs()) {
            for w in &tabs.list {
                let _ = std::fs::remove_file(recovery_path(&dir, w));
            }
        }
    }

    /// Every minute, write the unsaved tabs to the recovery folder.
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        let Some(dir) = self.paths.recovery.clone() else {
            return;
        };
        let now = ctx.input(|i| i.time);
        let any_dirty = self
            .tabs()
            .is_some_and(|t| t.list.iter().any(|w| w.is_dirty()));
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

    /// Write every tab with unsaved changes to the recovery folder.
    pub fn write_recovery(&mut self, dir: &Path) {
        let _ = std::fs::create_dir_all(dir);
        let stamp = scenario_file::now_iso();
        let Some(tabs) = self.tabs() else { return };
        for w in &tabs.list {
            let path = recovery_path(dir, w);
            if !w.is_dirty() {
                let _ = std::fs::remove_file(&path);
                continue;
            }
            let mut f = w.to_file(&stamp);
            if let Some(p) = &w.file.path {
                f.extra.insert(
                    "recovery_of".into(),
                    serde_json::Value::String(p.display().to_string()),
                );
            }
            let _ = scenario_file::save(&path, &f);
        }
    }

    /// Open the offered recovery files as unsaved tabs, then remove them.
    pub fn restore_recovery(&mut self) {
        let files = std::mem::take(&mut self.recovery_offer);
        for p in files {
            self.open_path(&p);
            let original = scenario_file::read(&p).ok().and_then(|f| {
                f.extra
                    .get("recovery_of")
                    .and_then(|v| v.as_str())
                    .map(PathBuf::from)
            });
            if let Some(w) = self.workspace_mut()
                && w.file.path.as_deref() == Some(p.as_path())
            {
                w.file.path = original;
                w.file.meta.extra.remove("recovery_of");
                w.file.saved = None;
            }
            let _ = std::fs::remove_file(&p);
        }
    }

    pub fn discard_recovery(&mut self) {
        for p in std::mem::take(&mut self.recovery_offer) {
            let _ = std::fs::remove_file(p);
        }
    }

    /// Window title: the file name and an unsaved mark.
    pub(super) fn update_title(&mut self, ctx: &egui::Context) {
        let title = match self.workspace() {
            Some(w) => format!(
                "{}{} — Gebiedsplanner",
                w.title(self.texts()),
                if w.is_dirty() { " *" } else { "" }
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
        if let Some(m) = self.message.clone() {
            let mut close = false;
            egui::Window::new(&m.title)
                .collapsible(false)
                .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
                .show(ctx, |ui| {
                    egui::ScrollArea::vertical()
                        .max_height(400.0)
                        .show(ui, |ui| {
                            ui.label(&m.body);
                        });
                    if ui.button(t.close).clicked() {
                        close = true;
                    }
                });
            if close {
                self.message = None;
            }
        }
        if let Some(p) = self.pending {
            let name = match p {
                super::Pending::CloseTab(i) => self
                    .tabs()
                    .and_then(|tabs| tabs.list.get(i))
                    .map(|w| w.title(self.texts()))
                    .unwrap_or_default(),
                super::Pending::Quit => self
                    .tabs()
                    .map(|tabs| {
                        tabs.list
                            .iter()
                            .filter(|w| w.is_dirty())
                            .map(|w| w.title(self.texts()))
                            .collect::<Vec<_>>()
                            .join(", ")
                    })
                    .unwrap_or_default(),
            };
            let mut choice = None;
            egui::Window::new(t.unsaved_title)
                .collapsible(false)
                .resizable(false)
                .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
                .show(ctx, |ui| {
                    ui.label(format!("‘{name}’ {}", t.unsaved_body));
                    ui.horizontal(|ui| {
                        if ui.button(t.save).clicked() {
                            choice = Some(0);
                        }
                        if ui.button(t.dont_save).clicked() {
                            choice = Some(1);
                        }
                        if ui.button(t.cancel).clicked() {
                            choice = Some(2);
                        }
                    });
                });
            match (choice, p) {
                (Some(0), super::Pending::CloseTab(i)) => {
                    if let Some(tabs) = self.tabs_mut() {
                        tabs.active = i;
                    }
                    if self.save_active(false) {
                        self.pending = None;
                        self.close_tab_now(i);
                    }
                }
                (Some(1), super::Pending::CloseTab(i)) => {
                    self.pending = None;
                    self.close_tab_now(i);
                }
                (Some(0), super::Pending::Quit) => {
                    // Save every tab with changes; quit when all are saved.
                    let n = self.tabs().map(|t| t.list.len()).unwrap_or(0);
                    let mut all = true;
                    for i in 0..n {
                        if self
                            .tabs()
                            .and_then(|t| t.list.get(i))
                            .is_some_and(|w| w.is_dirty())
                        {
                            if let Some(tabs) = self.tabs_mut() {
                                tabs.active = i;
                            }
                            all &= self.save_active(false);
                        }
                    }
                    if all {
                        self.pending = None;
                        self.quit(ctx);
                    }
                }
                (Some(1), super::Pending::Quit) => {
                    self.pending = None;
                    self.quit(ctx);
                }
                (Some(_), _) => self.pending = None,
                (None, _) => {}
            }
        }
        if !self.recovery_offer.is_empty() && matches!(self.screen, Screen::Loaded(_)) {
            let names: Vec<String> = self
                .recovery_offer
                .iter()
                .map(|p| {
                    scenario_file::read(p)
                        .map(|f| format!("{} ({})", f.name, f.modified))
                        .unwrap_or_else(|_| p.display().to_string())
                })
                .collect();
            let mut choice = None;
            egui::Window::new(t.recovery_title)
                .collapsible(false)
                .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
                .show(ctx, |ui| {
                    ui.label(t.recovery_body);
                    for n in &names {
                        ui.label(format!("• {n}"));
                    }
                    ui.horizontal(|ui| {
                        if ui.button(t.restore).clicked() {
                            choice = Some(true);
                        }
                        if ui.button(t.discard).clicked() {
                            choice = Some(false);
                        }
                    });
                });
            match choice {
                Some(true) => self.restore_recovery(),
                Some(false) => self.discard_recovery(),
                None => {}
            }
        }
    }

    fn quit(&mut self, ctx: &egui::Context) {
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
                    w.set_baseline(Baseline::Historic);
                }
            }
        }
        self.sync_other();
    }
}

/// `Option::ok_or` with an empty message, for closures that need a `Result`.
trait OkOrDefault<T> {
    fn ok_or_default(self) -> Result<T, String>;
}

impl<T> OkOrDefault<T> for Option<T> {
    fn ok_or_default(self) -> Result<T, String> {
        self.ok_or_else(|| "no scenario open".to_string())
    }
}
