//! File > Merge proposals: choose the regions' proposal files, settle each conflict between
//! them in a window, and open the merged division as a new tab with the rules checked.

use std::path::PathBuf;

use super::GebiedsApp;
use super::apply::Notice;
use super::command::Command;
use crate::data::scenario_file;
use crate::i18n::proposals::{self as pt, MergeNames};
use crate::i18n::{self, Lang};
use crate::model::merge::{ConflictKind, Merge};
use crate::model::scenario::Scenario;

/// The proposals being merged and the choice made for each conflict.
#[derive(Clone, Debug, Default)]
pub struct MergeState {
    pub files: Vec<PathBuf>,
    pub labels: Vec<String>,
    pub scenarios: Vec<Scenario>,
    /// One option index per conflict.
    pub picks: Vec<usize>,
}

impl MergeState {
    fn merge<'a>(&'a self, atlas: &'a crate::model::atlas::Atlas) -> Merge<'a> {
        let refs: Vec<&Scenario> = self.scenarios.iter().collect();
        Merge::new(atlas, &refs)
    }
}

impl GebiedsApp {
    pub(super) fn apply_merge(&mut self, command: Command) {
        match command {
            Command::MergeDialog => self.choose_proposals(),
            Command::MergePick(conflict, option) => {
                if let Some(m) = &mut self.merge
                    && let Some(p) = m.picks.get_mut(conflict)
                {
                    *p = option;
                }
            }
            Command::MergeFinish => self.finish_merge(),
            Command::MergeClose => self.merge = None,
            _ => {}
        }
    }

    /// Ask for the files and read them; what cannot be read is told, file by file.
    fn choose_proposals(&mut self) {
        let lang = self.settings.lang;
        let t = i18n::texts(lang);
        let pt_ = pt::texts(lang);
        let files = self
            .dialogs
            .open_files(pt_.merge_pick_title, t.kind_scenario, &["json"]);
        if files.is_empty() {
            self.dialog_answer(None);
            return;
        }
        if files.len() < 2 {
            self.tell(pt_.merge_title, pt_.merge_need_two);
            return;
        }
        let Some(atlas) = self.workspace().map(|w| w.doc.data.clone()) else {
            return;
        };
        let mut scenarios = Vec::new();
        for p in &files {
            let read = scenario_file::read(p).and_then(|f| f.to_scenario(&atlas.atlas, p));
            match read {
                Ok(r) if r.unresolved.is_empty() => scenarios.push(r.scenario),
                Ok(r) => {
                    return self.tell(
                        pt_.merge_read_failed,
                        format!(
                            "{}\n{}\n{}",
                            p.display(),
                            t.unresolved_body,
                            r.unresolved.codes().join(", ")
                        ),
                    );
                }
                Err(e) => return self.tell(pt_.merge_read_failed, e.to_string()),
            }
        }
        let labels = files
            .iter()
            .map(|p| {
                p.file_name()
                    .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into())
            })
            .collect();
        let mut state = MergeState {
            files,
            labels,
            scenarios,
            picks: Vec::new(),
        };
        state.picks = state.merge(&atlas.atlas).first_wins();
        self.merge = Some(state);
    }

    /// The merged division in a new tab, its description naming the files, and the rules.
    fn finish_merge(&mut self) {
        let lang = self.settings.lang;
        let pt_ = pt::texts(lang);
        let Some(state) = self.merge.take() else {
            return;
        };
        let Some(data) = self.workspace().map(|w| w.doc.data.clone()) else {
            return;
        };
        let merged = state
            .merge(&data.atlas)
            .resolve(pt_.merged_name, &state.picks);
        let files: Vec<_> = state
            .labels
            .iter()
            .cloned()
            .zip(state.scenarios.iter().map(|s| s.region))
            .collect();
        if self.push_tab(move |_| merged).is_none() {
            return;
        }
        let Some(w) = self.workspace_mut() else {
            return;
        };
        w.file.meta.description = pt::merged_description(lang, &files);
        let broken = crate::export::report::broken_rules(&w.doc, lang);
        let summary = if broken.is_empty() {
            pt_.rules_hold.to_string()
        } else {
            format!("{} {}", pt_.rules_broken, broken.join("; "))
        };
        self.notify(Notice::Toast(summary));
    }

    /// The merge window, while proposals are being merged.
    pub(super) fn merge_window(&mut self, ctx: &egui::Context) {
        let Some(state) = &self.merge else { return };
        let Some(data) = self.workspace().map(|w| w.doc.data.clone()) else {
            return;
        };
        let lang = self.settings.lang;
        let t = i18n::texts(lang);
        let pt_ = pt::texts(lang);
        let merge = state.merge(&data.atlas);
        let names = MergeNames {
            atlas: &data.atlas,
            merge: &merge,
            labels: &state.labels,
        };
        let mut out = Vec::new();
        let mut open = true;
        egui::Window::new(pt_.merge_title)
            .id(egui::Id::unique("merge_window"))
            .open(&mut open)
            .collapsible(false)
            .default_width(640.0)
            .show(ctx, |ui| {
                for (label, s) in state.labels.iter().zip(&state.scenarios) {
                    ui.label(format!("• {label}: {}", pt::region_name(s.region, pt_)));
                }
                ui.separator();
                if merge.conflicts.is_empty() {
                    ui.label(pt_.merge_no_conflicts);
                } else {
                    ui.label(
                        pt_.merge_conflicts_head
                            .replace("{n}", &merge.conflicts.len().to_string()),
                    );
                }
                egui::ScrollArea::vertical()
                    .max_height(420.0)
                    .show(ui, |ui| {
                        for (i, c) in merge.conflicts.iter().enumerate() {
                            let pick = state.picks.get(i).copied().unwrap_or(0);
                            ui.add_space(6.0);
                            ui.label(pt::conflict(lang, c, &names));
                            conflict_choices(ui, lang, i, c, pick, &names, &mut out);
                        }
                    });
                ui.separator();
                ui.horizontal(|ui| {
                    if ui.button(pt_.merge_button).clicked() {
                        out.push(Command::MergeFinish);
                    }
                    if ui.button(t.cancel).clicked() {
                        out.push(Command::MergeClose);
                    }
                });
            });
        if !open {
            out.push(Command::MergeClose);
        }
        self.commands.extend(out);
    }
}

/// The choices of one conflict: radio buttons, or a list for a zone without a team (any team
/// can take it).
fn conflict_choices(
    ui: &mut egui::Ui,
    lang: Lang,
    i: usize,
    c: &crate::model::merge::Conflict,
    pick: usize,
    names: &MergeNames,
    out: &mut Vec<Command>,
) {
    ui.push_id(i, |ui| {
        if matches!(c.kind, ConflictKind::Uncovered { .. }) {
            let text = |k: usize| pt::choice(lang, c, &c.options[k], names);
            egui::ComboBox::from_id_salt("uncovered")
                .selected_text(text(pick.min(c.options.len() - 1)))
                .show_ui(ui, |ui| {
                    for k in 0..c.options.len() {
                        if ui.selectable_label(k == pick, text(k)).clicked() {
                            out.push(Command::MergePick(i, k));
                        }
                    }
                });
        } else {
            for (k, o) in c.options.iter().enumerate() {
                if ui.radio(k == pick, pt::choice(lang, c, o, names)).clicked() {
                    out.push(Command::MergePick(i, k));
                }
            }
        }
    });
}
