//! A planner's desk: the team table to the clipboard, files dropped on the window, indicator
//! tables on the map, and the switch to the built-in data from the first-run screen.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::command::{Command, CsvKind};
use super::{GebiedsApp, Notice};
use crate::data::indicator::IndicatorTable;
use crate::i18n;
use crate::model::indicator::{Aggregate, IndicatorChoice};
use crate::ui::modal;

/// An indicator table that was read, kept while the app runs so that the user can pick
/// another of its columns.
#[derive(Clone, Debug)]
pub struct LoadedTable {
    pub path: PathBuf,
    pub table: Arc<IndicatorTable>,
}

/// How a dropped file is opened, by its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DroppedKind {
    Scenario,
    Csv,
    Table,
    Reference,
    Unknown,
}

fn dropped_kind(path: &Path) -> DroppedKind {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "json" => DroppedKind::Scenario,
        "csv" | "txt" => DroppedKind::Csv,
        "xlsx" => DroppedKind::Table,
        "geojson" | "shp" => DroppedKind::Reference,
        _ => DroppedKind::Unknown,
    }
}

impl GebiedsApp {
    /// The files dropped on the window in this frame, each as a command.
    pub(super) fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        for f in dropped {
            self.push(Command::OpenDropped(f.path().to_path_buf()));
        }
    }

    pub(super) fn apply_desk(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::CopyTable => self.copy_table(ctx),
            Command::OpenDropped(p) => self.open_dropped(p),
            Command::AnswerCsv(answer) => {
                if let Some(path) = self.csv_question.take() {
                    match answer {
                        Some(CsvKind::Division) => self.import_csv_path(&path),
                        Some(CsvKind::Indicator) => self.open_indicator(&path),
                        None => {}
                    }
                }
            }
            Command::ImportCsvPath(p) => self.import_csv_path(&p),
            Command::OpenIndicatorDialog => {
                let t = i18n::texts(self.settings.lang);
                let answer =
                    self.dialogs
                        .open_file(t.indicator_open, t.kind_table, &["csv", "txt", "xlsx"]);
                if let Some(p) = self.dialog_answer(answer) {
                    self.open_indicator(&p);
                }
            }
            Command::OpenIndicator(p) => self.open_indicator(&p),
            Command::SetIndicatorColumn(name) => self.set_indicator_column(&name),
            Command::SetIndicatorAggregate(how) => self.change_indicator(|c| c.how = how),
            Command::ShowIndicatorOnMap(on) => self.change_indicator(|c| c.on_map = on),
            Command::RemoveIndicator => {
                if let Some(w) = self.workspace_mut() {
                    w.set_indicator(None);
                }
            }
            Command::UseBuiltInData => {
                self.cli_data = None;
                self.settings.data_dir = None;
                self.built_in_data = true;
                self.remember_open_files();
                self.load();
            }
            _ => {}
        }
    }

    /// The team table on the clipboard, as tab-separated text that Excel pastes as cells.
    fn copy_table(&mut self, ctx: &egui::Context) {
        let lang = self.settings.lang;
        let Some(w) = self.workspace() else { return };
        ctx.copy_text(crate::export::teams_tsv(&w.doc, lang));
        let t = i18n::texts(lang);
        self.notify(Notice::Toast(t.table_copied.to_string()));
    }

    /// A file dropped on the window: a scenario opens in a tab, a CSV asks what it holds,
    /// an Excel table is an indicator table, a GeoJSON or shapefile a reference layer.
    fn open_dropped(&mut self, path: PathBuf) {
        match dropped_kind(&path) {
            DroppedKind::Scenario => self.open_path(&path),
            DroppedKind::Csv => self.csv_question = Some(path),
            DroppedKind::Table => self.open_indicator(&path),
            DroppedKind::Reference => self.push(Command::OpenReference(path)),
            DroppedKind::Unknown => {
                let t = i18n::texts(self.settings.lang);
                self.tell(
                    t.dropped_unknown,
                    format!("{}\n\n{}", path.display(), t.dropped_unknown_hint),
                );
            }
        }
    }

    /// The question about a dropped CSV file, while it waits for an answer.
    pub(super) fn csv_question_ui(&mut self, ctx: &egui::Context) {
        let Some(path) = &self.csv_question else {
            return;
        };
        let t = i18n::texts(self.settings.lang);
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into(),
        );
        let asked = modal::show(
            ctx,
            "csv_question",
            t.dropped_csv_title,
            |ui| {
                ui.label(egui::RichText::new(name).strong());
                ui.label(t.dropped_csv_body);
            },
            |ui| {
                modal::answers(
                    ui,
                    &[
                        (t.as_division, Some(CsvKind::Division)),
                        (t.as_indicator, Some(CsvKind::Indicator)),
                        (t.cancel, None),
                    ],
                )
            },
        );
        // Leaving the question without an answer cancels it.
        if let Some(a) = asked.or_when_dismissed(None) {
            self.push(Command::AnswerCsv(a));
        }
    }

    /// Read an indicator table and show its first column on the map, with each team's
    /// figure. What the table holds that is not used (unknown municipalities, text where a
    /// number belongs) is told with its line.
    pub fn open_indicator(&mut self, path: &Path) {
        let t = i18n::texts(self.settings.lang);
        let Some(w) = self.workspace() else { return };
        let table = match w.doc.read_indicator_table(path) {
            Ok(table) => table,
            Err(e) => return self.tell(t.open_failed, e.to_string()),
        };
        let mut body = vec![path.display().to_string(), i18n::read_in(table.encoding, t)];
        if !table.unknown.is_empty() {
            body.push(format!("{} {}:", table.unknown.len(), t.indicator_unknown));
            for (line, what) in table.unknown.iter().take(50) {
                body.push(format!("{} {line}: {what}", t.line));
            }
        }
        if !table.not_numbers.is_empty() {
            body.push(format!(
                "{} {}:",
                table.not_numbers.len(),
                t.indicator_not_numbers
            ));
            for (line, column, text) in table.not_numbers.iter().take(50) {
                body.push(format!("{} {line}, {column}: {text}", t.line));
            }
        }
        let first = table.indicators.first().map(|i| i.name.clone());
        self.indicator_table = Some(LoadedTable {
            path: path.to_path_buf(),
            table: Arc::new(table),
        });
        if let Some(name) = first {
            self.set_indicator_column(&name);
        }
        self.show_layers = true;
        // A clean table needs no word: the map shows it.
        if body.len() > 2 {
            self.tell(t.indicator_read, body.join("\n"));
        }
    }

    /// Show a column of the table that was read; how the teams' figures are made is guessed
    /// from its numbers (the user can change it).
    fn set_indicator_column(&mut self, name: &str) {
        let Some(loaded) = self.indicator_table.clone() else {
            return;
        };
        let Some(indicator) = loaded
            .table
            .indicators
            .iter()
            .find(|i| i.name == name)
            .cloned()
        else {
            return;
        };
        let Some(w) = self.workspace_mut() else {
            return;
        };
        let how = Aggregate::guess(&indicator.values);
        let on_map = w.doc.indicator.as_ref().is_none_or(|c| c.on_map);
        w.set_indicator(Some(IndicatorChoice {
            source: loaded.path.clone(),
            indicator,
            how,
            on_map,
        }));
    }

    fn change_indicator(&mut self, change: impl FnOnce(&mut IndicatorChoice)) {
        let Some(w) = self.workspace_mut() else {
            return;
        };
        if let Some(mut c) = w.doc.indicator.clone() {
            change(&mut c);
            w.set_indicator(Some(c));
        }
    }

    /// The indicator's part of the layers window: the column, how the teams' figures are
    /// made, whether the map shows it.
    pub(super) fn indicator_layer_ui(&self, ui: &mut egui::Ui, out: &mut Vec<Command>) {
        let t = i18n::texts(self.settings.lang);
        let Some(w) = self.workspace() else { return };
        ui.separator();
        ui.label(egui::RichText::new(t.indicator).strong());
        let Some(choice) = &w.doc.indicator else {
            if ui.button(t.indicator_open).clicked() {
                out.push(Command::OpenIndicatorDialog);
            }
            return;
        };
        // The columns of the table read in this run; a scenario opened with its indicator
        // offers the one it was saved with.
        let columns: Vec<String> = match &self.indicator_table {
            Some(l) if l.path == choice.source => {
                l.table.indicators.iter().map(|i| i.name.clone()).collect()
            }
            _ => vec![choice.indicator.name.clone()],
        };
        ui.label(
            egui::RichText::new(choice.source.display().to_string())
                .small()
                .weak(),
        );
        let mut column = choice.indicator.name.clone();
        egui::ComboBox::from_label(t.indicator_column)
            .selected_text(column.clone())
            .show_ui(ui, |ui| {
                for c in &columns {
                    ui.selectable_value(&mut column, c.clone(), c);
                }
            });
        if column != choice.indicator.name {
            out.push(Command::SetIndicatorColumn(column));
        }
        let mut how = choice.how;
        egui::ComboBox::from_label(t.indicator_per_team)
            .selected_text(crate::map::choropleth::aggregate_text(how, t))
            .show_ui(ui, |ui| {
                for a in Aggregate::ALL {
                    ui.selectable_value(&mut how, a, crate::map::choropleth::aggregate_text(a, t));
                }
            });
        if how != choice.how {
            out.push(Command::SetIndicatorAggregate(how));
        }
        let mut on_map = choice.on_map;
        if ui.checkbox(&mut on_map, t.indicator_on_map).changed() {
            out.push(Command::ShowIndicatorOnMap(on_map));
        }
        ui.horizontal(|ui| {
            if ui.button(t.indicator_open).clicked() {
                out.push(Command::OpenIndicatorDialog);
            }
            if ui.button(t.remove).clicked() {
                out.push(Command::RemoveIndicator);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dropped_files_are_known_by_their_extension_in_any_case() {
        assert_eq!(dropped_kind(Path::new("a/b.JSON")), DroppedKind::Scenario);
        assert_eq!(
            dropped_kind(Path::new("wijken.GeoJSON")),
            DroppedKind::Reference
        );
        assert_eq!(
            dropped_kind(Path::new("wijken.shp")),
            DroppedKind::Reference
        );
        assert_eq!(dropped_kind(Path::new("t.csv")), DroppedKind::Csv);
        assert_eq!(dropped_kind(Path::new("t.xlsx")), DroppedKind::Table);
        assert_eq!(dropped_kind(Path::new("foto.jpg")), DroppedKind::Unknown);
        assert_eq!(dropped_kind(Path::new("README")), DroppedKind::Unknown);
    }
}
