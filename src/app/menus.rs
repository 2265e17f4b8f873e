//! The menu bar: every entry pushes a command; the texts and shortcuts of the entries that
//! have one come from the [`UiCommand`] table.

use super::GebiedsApp;
use super::command::{Command, ExportKind, UiCommand};
use crate::i18n::{self, Lang, Texts};
use crate::model::atlas::Edition;

/// Entries whose click closes the menu with `command`.
fn entry(ui: &mut egui::Ui, text: &str, command: Command, out: &mut Vec<Command>) {
    if ui.button(text).clicked() {
        out.push(command);
        ui.close();
    }
}

fn table_entry(ui: &mut egui::Ui, c: UiCommand, t: &Texts, out: &mut Vec<Command>) {
    if let Some(command) = c.menu_button(ui, t) {
        out.push(command);
        ui.close();
    }
}

impl GebiedsApp {
    /// The menu bar with the search box.
    pub(super) fn menu_bar(&mut self, ui: &mut egui::Ui) {
        let t = i18n::texts(self.settings.lang);
        let mut out = Vec::new();
        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                ui.menu_button(t.menu_file, |ui| self.file_menu(ui, t, &mut out));
                if self.workspace().is_some() {
                    ui.menu_button(t.menu_edit, |ui| {
                        for c in [UiCommand::Undo, UiCommand::Redo, UiCommand::CopyTable] {
                            table_entry(ui, c, t, &mut out);
                        }
                    });
                }
                ui.menu_button(t.menu_view, |ui| self.view_menu(ui, t, &mut out));
                ui.menu_button(t.language, |ui| {
                    for (lang, name) in [(Lang::Nl, "Nederlands"), (Lang::En, "English")] {
                        if ui.radio(self.settings.lang == lang, name).clicked() {
                            out.push(Command::SetLang(lang));
                            ui.close();
                        }
                    }
                });
                ui.menu_button(t.menu_help, |ui| {
                    table_entry(ui, UiCommand::Guide, t, &mut out);
                    table_entry(ui, UiCommand::Shortcuts, t, &mut out);
                    table_entry(ui, UiCommand::About, t, &mut out);
                });
                if self.workspace().is_some() {
                    ui.add_space(24.0);
                    self.search_box(ui);
                }
            });
        });
        self.commands.extend(out);
    }

    fn file_menu(&self, ui: &mut egui::Ui, t: &Texts, out: &mut Vec<Command>) {
        if self.workspace().is_some() {
            for c in [UiCommand::NewTab, UiCommand::NewEmptyTab, UiCommand::Open] {
                table_entry(ui, c, t, out);
            }
            ui.menu_button(t.open_recent, |ui| {
                for p in &self.settings.recent {
                    entry(
                        ui,
                        &p.display().to_string(),
                        Command::OpenRecent(p.clone()),
                        out,
                    );
                }
            });
            ui.separator();
            for c in [
                UiCommand::Save,
                UiCommand::SaveAs,
                UiCommand::Duplicate,
                UiCommand::Properties,
            ] {
                table_entry(ui, c, t, out);
            }
            table_entry(ui, UiCommand::Propose, t, out);
            entry(ui, t.reference_open, Command::OpenReferenceDialog, out);
            entry(ui, t.indicator_open, Command::OpenIndicatorDialog, out);
            ui.separator();
            table_entry(ui, UiCommand::MergeProposals, t, out);
            entry(ui, t.import_csv, Command::ImportCsv, out);
            let exports = [
                (t.export_csv, ExportKind::DivisionCsv),
                (t.export_stats, ExportKind::StatsCsv),
                (t.export_xlsx, ExportKind::Xlsx),
                (t.export_geojson, ExportKind::GeoJson),
                (t.export_png, ExportKind::Png),
                (t.export_svg, ExportKind::Svg),
                (t.export_pdf, ExportKind::Pdf),
                (t.export_report, ExportKind::Report),
            ];
            for (text, kind) in exports {
                entry(ui, text, Command::Export(kind), out);
            }
            ui.menu_button(t.meet.page, |ui| {
                use crate::export::image::Page;
                for (page, text) in [
                    (None, t.meet.page_auto),
                    (Some(Page::Slide), t.meet.page_slide),
                    (Some(Page::A4), t.meet.page_a4),
                ] {
                    if ui.radio(self.settings.export_page == page, text).clicked() {
                        out.push(Command::SetExportPage(page));
                        ui.close();
                    }
                }
            });
            ui.menu_button(t.meet.extent, |ui| {
                use super::MapExtent;
                let regions =
                    crate::model::region::Region::ALL.map(|r| (MapExtent::Region(r), r.name()));
                let choices = [
                    (MapExtent::AsScenario, t.meet.extent_as_scenario),
                    (MapExtent::All, t.meet.extent_all),
                ]
                .into_iter()
                .chain(regions);
                for (extent, text) in choices {
                    if ui.radio(self.export_extent == extent, text).clicked() {
                        out.push(Command::SetExportExtent(extent));
                        ui.close();
                    }
                }
            });
            ui.separator();
        }
        entry(ui, t.choose_data_folder, Command::PickDataFolder, out);
        table_entry(ui, UiCommand::Quit, t, out);
    }

    fn view_menu(&self, ui: &mut egui::Ui, t: &Texts, out: &mut Vec<Command>) {
        for c in [
            UiCommand::Layers,
            UiCommand::FitAll,
            UiCommand::Presentation,
            UiCommand::SecondScreen,
        ] {
            table_entry(ui, c, t, out);
        }
        if ui
            .checkbox(
                &mut self.settings.layers.high_contrast.clone(),
                t.high_contrast,
            )
            .clicked()
        {
            out.push(Command::ToggleHighContrast);
        }
        ui.separator();
        ui.label(t.edition);
        for (edition, name) in [(Edition::M2025, "2025"), (Edition::M2019, "2019-2024")] {
            if ui.radio(self.settings.edition == edition, name).clicked() {
                out.push(Command::SetEdition(edition));
                ui.close();
            }
        }
    }

    /// The shortcuts window (Help > Sneltoetsen, F1): the table the menus and keys use.
    pub(super) fn shortcuts_window(&mut self, ctx: &egui::Context) {
        if !self.show_shortcuts {
            return;
        }
        let t = i18n::texts(self.settings.lang);
        let mut open = true;
        egui::Window::new(t.shortcuts)
            .id(egui::Id::unique("shortcuts_window"))
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                egui::Grid::new("shortcuts_grid")
                    .num_columns(2)
                    .striped(true)
                    .show(ui, |ui| {
                        for c in UiCommand::ALL {
                            let keys = c.shortcut_text(ctx);
                            if keys.is_empty() {
                                continue;
                            }
                            ui.label(egui::RichText::new(keys).monospace());
                            ui.label(c.text(t));
                            ui.end_row();
                        }
                    });
                ui.separator();
                ui.label(egui::RichText::new(t.shortcuts_presentation).strong());
                let keys = super::presentation::key_legend(self.workspace(), t);
                egui::Grid::new("shortcuts_presentation")
                    .num_columns(2)
                    .striped(true)
                    .show(ui, |ui| {
                        for (key, what) in keys {
                            ui.label(egui::RichText::new(key).monospace());
                            ui.label(what);
                            ui.end_row();
                        }
                    });
                ui.separator();
                ui.label(t.keys_zoom_text);
            });
        if !open {
            self.commands.push(Command::ShowShortcuts(false));
        }
    }
}
