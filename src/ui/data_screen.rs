//! The first-run screen: which files are needed, where they come from, where we looked.

use crate::data::{Discovery, required_files};
use crate::i18n::{Lang, Texts};
use crate::model::atlas::Edition;

pub enum DataScreenAction {
    None,
    PickFolder,
    Retry,
    /// Leave the incomplete folder and use the data built into the program.
    UseBuiltIn,
}

pub fn show(
    ui: &mut egui::Ui,
    t: &Texts,
    lang: Lang,
    edition: Edition,
    discovery: &Discovery,
    error: Option<&str>,
) -> DataScreenAction {
    let mut action = DataScreenAction::None;
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.add_space(12.0);
        ui.heading(t.data_missing_title);
        ui.add_space(8.0);
        if let Some(e) = error {
            ui.label(egui::RichText::new(t.data_error).strong());
            ui.colored_label(crate::style::ERROR_TEXT, e);
            ui.add_space(8.0);
        }
        ui.label(t.data_missing_intro);
        egui::Grid::new("required_files")
            .striped(true)
            .num_columns(3)
            .show(ui, |ui| {
                for f in required_files(edition) {
                    ui.monospace(f.name);
                    ui.label(match lang {
                        Lang::Nl => f.what_nl,
                        Lang::En => f.what_en,
                    });
                    ui.label(f.origin);
                    ui.end_row();
                }
            });
        ui.add_space(8.0);
        ui.label(t.data_looked_in);
        for c in &discovery.candidates {
            let state = if c.missing.is_empty() {
                "OK".to_string()
            } else {
                format!("{}: {}", t.data_missing_files, c.missing.join(", "))
            };
            ui.label(format!("• {} ({}) — {}", c.path.display(), c.origin, state));
        }
        ui.add_space(12.0);
        ui.horizontal(|ui| {
            if ui.button(t.choose_data_folder).clicked() {
                action = DataScreenAction::PickFolder;
            }
            if ui.button(t.retry).clicked() {
                action = DataScreenAction::Retry;
            }
            if ui.button(t.use_built_in).clicked() {
                action = DataScreenAction::UseBuiltIn;
            }
        });
    });
    action
}
