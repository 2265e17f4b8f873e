//! The one place that changes the app's state: every [`Command`] pushed in a frame is applied
//! here, after the panels have drawn, and whatever goes wrong is reported once, through
//! [`GebiedsApp::notify`].

use super::command::{Answer, Command, ExportKind};
use super::{GebiedsApp, Message, Pending};
use crate::i18n;
use crate::model::edit::{Edit, EditError, team_has_area};
use crate::model::ids::ZoneId;
use crate::workspace::{EditMode, Workspace};

/// Something to tell the user.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// A window that stays until it is closed.
    Message(Message),
    /// A short line over the map that goes away by itself (a refused move).
    Toast(String),
}

impl GebiedsApp {
    /// Ask for something; it is applied after this frame's panels have drawn.
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Apply every command pushed so far, in order (also those that applying one pushes).
    pub(super) fn apply_commands(&mut self, ctx: &egui::Context) {
        let mut applied = false;
        while !self.commands.is_empty() {
            for command in std::mem::take(&mut self.commands) {
                self.apply(ctx, command);
                applied = true;
            }
        }
        if applied {
            // The tab compared with may have changed.
            self.sync_other();
            // Show the new state without waiting for the next input.
            ctx.request_repaint();
        }
    }

    /// Tell the user something, once.
    pub fn notify(&mut self, notice: Notice) {
        match notice {
            Notice::Message(m) => {
                if !self.messages.contains(&m) {
                    self.messages.push(m);
                }
            }
            Notice::Toast(text) => self.toast = Some((text, None)),
        }
    }

    /// A message window with a title and a text.
    pub(super) fn tell(&mut self, title: &str, body: impl Into<String>) {
        self.notify(Notice::Message(Message {
            title: title.to_string(),
            body: body.into(),
        }));
    }

    /// The message window on top, if any.
    pub fn message(&self) -> Option<&Message> {
        self.messages.first()
    }

    /// A refused edit, as the user hears of it ("no change" is not worth a word).
    pub(super) fn refused(&mut self, e: &EditError) {
        if *e != EditError::NoChange {
            let text = i18n::edit_error(self.settings.lang, e);
            self.notify(Notice::Toast(text));
        }
    }

    /// Apply one command.
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::Edit(_)
            | Command::AssignSelection(_)
            | Command::PreviewAssign(_)
            | Command::DeleteTeam(_)
            | Command::ConfirmDeleteTeam(_)
            | Command::StartRename(_)
            | Command::Undo
            | Command::Redo => self.apply_edit(command),
            Command::ClickCell { .. }
            | Command::SelectBox { .. }
            | Command::SelectZone(_)
            | Command::ClearSelection
            | Command::GoToSearchHit(_)
            | Command::NextUnassigned
            | Command::OpenMoveMenu
            | Command::Cancel
            | Command::DragStart(_)
            | Command::DragTo { .. }
            | Command::DragEnd => self.apply_selection(ctx, command),
            Command::FitAll
            | Command::ZoomToCells(_)
            | Command::Presentation(_)
            | Command::TogglePresentation
            | Command::GoToRegion(_)
            | Command::StepRegion(_)
            | Command::StepScenario(_)
            | Command::ToggleHighContrast
            | Command::TogglePresentTable
            | Command::ToggleKeyLegend
            | Command::ToggleSecondScreen
            | Command::SetLayers(_)
            | Command::ToggleDifferences => self.apply_view(ctx, command),
            Command::MergeDialog
            | Command::MergePick(..)
            | Command::MergeFinish
            | Command::MergeClose => self.apply_merge(command),
            Command::SetLang(_)
            | Command::SetEdition(_)
            | Command::SetMode(_)
            | Command::SetBudgetModel(_)
            | Command::SetBaseline(_)
            | Command::CompareWith(_)
            | Command::SetCompactTeams(_)
            | Command::SetExportPage(_)
            | Command::SetExportExtent(_)
            | Command::ShowAbout(_)
            | Command::ShowLayers(_)
            | Command::ShowShortcuts(_)
            | Command::CloseMessage
            | Command::HistoricCard(_)
            | Command::ProeftuinCard(_) => self.apply_setting(command),
            Command::CopyTable
            | Command::OpenDropped(_)
            | Command::AnswerCsv(_)
            | Command::ImportCsvPath(_)
            | Command::OpenIndicatorDialog
            | Command::OpenIndicator(_)
            | Command::SetIndicatorColumn(_)
            | Command::SetIndicatorAggregate(_)
            | Command::ShowIndicatorOnMap(_)
            | Command::RemoveIndicator
            | Command::UseBuiltInData => self.apply_desk(ctx, command),
            Command::ShowPropose(_)
            | Command::SetProposeForm(_)
            | Command::StartProposal
            | Command::RepairLeastChange
            | Command::CancelProposal
            | Command::ProposalFinished(_)
            | Command::OpenAlternative(_) => self.apply_propose(command),
            Command::ShowProperties(_)
            | Command::SetProperties(_)
            | Command::ShowTeamDetails(_)
            | Command::ZoomToTeam(_)
            | Command::ShowGuide(_) => self.apply_scenario_ui(command),
            _ => self.apply_file(ctx, command),
        }
    }

    fn apply_edit(&mut self, command: Command) {
        let closes_popup = matches!(command, Command::AssignSelection(_));
        let answers_delete = matches!(command, Command::ConfirmDeleteTeam(_));
        let to_delete = self.confirm_delete;
        let Some(w) = self.workspace_mut() else {
            return;
        };
        // What the panel state needs after the change (held apart from the borrow of `w`).
        let mut created = false;
        let mut renamed = false;
        let mut rename = None;
        let mut confirm = None;
        let result = match command {
            Command::Edit(e) => {
                created = matches!(e, Edit::CreateTeam { .. });
                renamed = matches!(e, Edit::RenameTeam { .. });
                w.apply(e)
            }
            Command::AssignSelection(team) => w.assign_selection(team),
            Command::PreviewAssign(team) => {
                // Only shown: a move the rules refuse is said when it is made, not on hover.
                let edit = team.map(|t| w.edit_for(t));
                if w.set_preview(edit).is_err() {
                    w.cancel_preview();
                }
                Ok(())
            }
            Command::DeleteTeam(team) => {
                if team_has_area(&w.doc.scenario, &w.doc.data.atlas, team) {
                    confirm = Some(team);
                    Ok(())
                } else {
                    w.apply(Edit::DeleteTeam { team })
                }
            }
            Command::ConfirmDeleteTeam(yes) => match to_delete {
                Some(team) if yes => w.apply(Edit::DeleteTeam { team }),
                _ => Ok(()),
            },
            Command::StartRename(team) => {
                rename = w
                    .doc
                    .scenario
                    .teams
                    .get(team)
                    .map(|t| (team, t.name.clone()));
                Ok(())
            }
            Command::Undo => {
                w.undo();
                Ok(())
            }
            Command::Redo => {
                w.redo();
                Ok(())
            }
            _ => Ok(()),
        };
        if closes_popup {
            self.move_popup = None;
        }
        if answers_delete {
            self.confirm_delete = None;
        }
        if result.is_ok() && created {
            self.start_rename_last_team();
        }
        if renamed {
            self.panel.renaming = None;
        }
        if rename.is_some() {
            self.panel.renaming = rename;
        }
        if confirm.is_some() {
            self.confirm_delete = confirm;
        }
        if let Err(e) = result {
            self.refused(&e);
        }
    }

    /// A new team starts with its name being edited, scrolled into view.
    fn start_rename_last_team(&mut self) {
        let Some(w) = self.workspace() else { return };
        let Some(last) = w.doc.scenario.teams.last_key() else {
            return;
        };
        let name = w.doc.scenario.teams[last].name.clone();
        self.panel.renaming = Some((last, name));
        self.panel.scroll_to = Some(last);
    }

    fn apply_selection(&mut self, ctx: &egui::Context, command: Command) {
        if let Command::GoToSearchHit(hit) = command {
            self.apply_search_hit(&hit);
            return;
        }
        // Esc closes the shortcuts list first, as it closes a menu.
        if command == Command::Cancel && self.show_shortcuts {
            self.show_shortcuts = false;
            return;
        }
        let presenting = self.presentation;
        let popup_open = self.move_popup.is_some();
        let map_centre = self.layout.map_rect.map(|r| r.center());
        let Some(w) = self.workspace_mut() else {
            return;
        };
        let mut refused = None;
        match command {
            Command::ClickCell { cell, add } => w.click_cell(cell, add),
            Command::SelectBox { bbox, add } => w.select_in_box(bbox, add),
            Command::SelectZone(u) => select_zone(w, u),
            Command::ClearSelection => w.selection.clear(),
            Command::NextUnassigned => {
                w.goto_next_unassigned();
            }
            Command::OpenMoveMenu if !w.selection.is_empty() => {
                let at = ctx
                    .input(|i| i.pointer.latest_pos())
                    .or(map_centre)
                    .unwrap_or_default();
                self.move_popup = Some(at);
            }
            Command::Cancel => {
                if w.drag.is_some() {
                    w.cancel_drag();
                } else if popup_open {
                    w.cancel_preview();
                    self.move_popup = None;
                } else if presenting {
                    self.set_presentation(ctx, false);
                } else {
                    w.selection.clear();
                }
            }
            Command::DragStart(at) => refused = w.start_drag(at).err(),
            Command::DragTo { pointer, target } => refused = w.update_drag(pointer, target).err(),
            Command::DragEnd => refused = w.finish_drag().err(),
            _ => {}
        }
        if let Some(e) = refused {
            self.refused(&e);
        }
    }

    fn apply_view(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::FitAll => {
                if let Some(w) = self.workspace_mut() {
                    let bbox = w.doc.data.atlas.bbox;
                    w.fit_to(bbox);
                }
            }
            Command::ZoomToCells(cells) => {
                if let Some(w) = self.workspace_mut() {
                    w.zoom_to_cells(&cells);
                }
            }
            Command::Presentation(on) => self.set_presentation(ctx, on),
            Command::TogglePresentation if self.workspace().is_some() => {
                let on = !self.presentation;
                self.set_presentation(ctx, on);
            }
            Command::GoToRegion(n) => self.go_to_region(n),
            Command::StepRegion(step) => self.step_region(step),
            Command::StepScenario(step) => self.step_scenario(step),
            Command::TogglePresentTable => self.toggle_present_table(),
            Command::ToggleKeyLegend => self.toggle_key_legend(),
            Command::ToggleSecondScreen => self.toggle_second_screen(),
            Command::ToggleHighContrast => {
                self.settings.layers.high_contrast = !self.settings.layers.high_contrast;
                self.layers_changed();
            }
            Command::SetLayers(layers) => {
                self.settings.layers = *layers;
                self.layers_changed();
            }
            Command::ToggleDifferences => {
                if let Some(w) = self.workspace_mut() {
                    w.show_differences = !w.show_differences;
                }
            }
            _ => {}
        }
    }

    fn apply_setting(&mut self, command: Command) {
        match command {
            Command::SetLang(lang) => self.settings.lang = lang,
            Command::SetEdition(edition) if edition != self.settings.edition => {
                self.settings.edition = edition;
                self.remember_open_files();
                self.load();
            }
            Command::SetMode(mode) => {
                if let Some(w) = self.workspace_mut() {
                    w.set_mode(mode);
                }
            }
            Command::SetBudgetModel(m) => {
                if let Some(w) = self.workspace_mut() {
                    w.set_budget_model(m);
                }
            }
            Command::SetBaseline(b) => {
                if let Some(w) = self.workspace_mut() {
                    w.other_uid = None;
                    w.set_other(None);
                    w.set_baseline(b);
                }
            }
            Command::CompareWith(uid) => self.compare_with(uid),
            Command::SetCompactTeams(on) => {
                self.panel.compact = on;
                self.settings.compact_teams = on;
            }
            Command::SetExportPage(page) => self.settings.export_page = page,
            Command::SetExportExtent(extent) => self.export_extent = extent,
            Command::ShowAbout(on) => self.show_about = on,
            Command::ShowLayers(on) => self.show_layers = on,
            Command::ShowShortcuts(on) => self.show_shortcuts = on,
            Command::CloseMessage if !self.messages.is_empty() => {
                self.messages.remove(0);
            }
            Command::HistoricCard(card) => self.historic_card = card,
            Command::ProeftuinCard(card) => self.proeftuin_card = card,
            _ => {}
        }
    }

    fn apply_file(&mut self, ctx: &egui::Context, command: Command) {
        if matches!(self.screen, super::Screen::Loading(_))
            && matches!(
                command,
                Command::OpenPath(_) | Command::OpenRecent(_) | Command::OpenReference(_)
            )
        {
            // A file is opened on the data: once it is there.
            self.after_load.push(command);
            return;
        }
        match command {
            Command::NewTab { empty } => self.new_tab(empty),
            Command::DuplicateTab => self.duplicate_tab(),
            Command::OpenDialog => self.open_dialog(),
            Command::OpenPath(p) => self.open_path(&p),
            Command::OpenRecent(p) => {
                if p.is_file() {
                    self.open_path(&p);
                } else {
                    self.settings.recent.retain(|r| r != &p);
                    let t = i18n::texts(self.settings.lang);
                    self.tell(t.file_missing, p.display().to_string());
                }
            }
            Command::Save => {
                self.save_active(false);
            }
            Command::SaveAs => {
                self.save_active(true);
            }
            Command::SwitchTab(i) => {
                if let Some(tabs) = self.tabs_mut()
                    && i < tabs.list.len()
                {
                    tabs.active = i;
                }
            }
            Command::CloseTab(i) => self.close_tab(i),
            Command::Export(kind) => self.export(kind),
            Command::ImportCsv => self.import_csv(),
            Command::OpenReferenceDialog => self.open_reference_dialog(),
            Command::OpenReference(p) => self.open_reference(Some(ctx), &p),
            Command::SetReference { field, visible } => {
                if let Some(r) = &mut self.reference {
                    r.1 = field;
                    r.2 = visible;
                }
            }
            Command::RemoveReference => self.reference = None,
            Command::ChooseOfflineTiles => self.choose_offline_tiles(),
            Command::UseOfflineTiles(p) => self.use_offline_tiles(ctx, &p),
            Command::PickDataFolder => self.pick_data_folder(),
            Command::ReloadData => self.load(),
            Command::DataArrived(loaded) => {
                let screen = std::mem::replace(
                    &mut self.screen,
                    super::Screen::Loaded(super::Tabs {
                        list: Vec::new(),
                        active: 0,
                    }),
                );
                match screen {
                    super::Screen::Loading(l) => self.data_arrived(l.discovery, loaded.take()),
                    // A load that was given up (another one began) is no longer waited for.
                    other => self.screen = other,
                }
            }
            Command::ScenarioArrived { path, file } => self.scenario_arrived(&path, file.take()),
            // As the window's close button: asks first when something is unsaved.
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::AnswerUnsaved(answer) => self.answer_unsaved(ctx, answer),
            Command::RestoreRecovery => self.restore_recovery(),
            Command::DiscardRecovery => self.discard_recovery(),
            _ => {}
        }
    }

    /// The user's answer to "save the changes?" before closing a tab or the window.
    fn answer_unsaved(&mut self, ctx: &egui::Context, answer: Answer) {
        let Some(pending) = self.pending else { return };
        match (answer, pending) {
            (Answer::Save, Pending::CloseTab(i)) => {
                if let Some(tabs) = self.tabs_mut() {
                    tabs.active = i;
                }
                if self.save_active(false) {
                    self.pending = None;
                    self.close_tab_now(i);
                }
            }
            (Answer::DontSave, Pending::CloseTab(i)) => {
                self.pending = None;
                self.close_tab_now(i);
            }
            (Answer::Save, Pending::Quit) => {
                // Save every tab with changes; quit when all are saved.
                let n = self.tabs().map_or(0, |t| t.list.len());
                let mut all = true;
                for i in 0..n {
                    let dirty = self
                        .tabs()
                        .and_then(|t| t.list.get(i))
                        .is_some_and(Workspace::is_dirty);
                    if dirty {
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
            (Answer::DontSave, Pending::Quit) => {
                self.pending = None;
                self.quit(ctx);
            }
            (Answer::Cancel, _) => self.pending = None,
        }
    }

    /// Write an export of the active tab to a file the user picks.
    fn export(&mut self, kind: ExportKind) {
        use crate::data::assignment_csv;
        use crate::export;
        let t = i18n::texts(self.settings.lang);
        let (title, ext, file_kind) = match kind {
            ExportKind::DivisionCsv => (t.export_csv, "csv", t.kind_csv),
            ExportKind::StatsCsv => (t.export_stats, "csv", t.kind_csv),
            ExportKind::Xlsx => (t.export_xlsx, "xlsx", t.kind_xlsx),
            ExportKind::GeoJson => (t.export_geojson, "geojson", t.kind_geojson),
            ExportKind::Png => (t.export_png, "png", t.kind_png),
            ExportKind::Svg => (t.export_svg, "svg", t.kind_svg),
            ExportKind::Pdf => (t.export_pdf, "pdf", t.kind_pdf),
            ExportKind::Report => (t.export_report, "pdf", t.kind_pdf),
        };
        self.export_to(title, ext, file_kind, |app| {
            let w = app.workspace().ok_or_else(|| t.no_scenario.to_string())?;
            let doc = &w.doc;
            let svg = || {
                let mut opts = app.image_options();
                opts.page = app
                    .settings
                    .export_page
                    .unwrap_or(if kind == ExportKind::Pdf {
                        export::image::Page::A4
                    } else {
                        export::image::Page::Slide
                    });
                export::render_svg(doc, &opts)
            };
            match kind {
                ExportKind::DivisionCsv => {
                    Ok(assignment_csv::export(&doc.data.atlas, &doc.scenario).into_bytes())
                }
                ExportKind::StatsCsv => Ok(export::stats_csv(doc, app.settings.lang).into_bytes()),
                ExportKind::Xlsx => {
                    let name = w.baseline_label(t);
                    let baseline = export::Baseline {
                        name: &name,
                        scenario: &w.baseline_division().scenario,
                    };
                    export::tables_xlsx(doc, Some(&baseline), app.settings.lang)
                        .map_err(|e| e.to_string())
                }
                ExportKind::GeoJson => Ok(export::teams_geojson(doc).into_bytes()),
                ExportKind::Png => export::render_png(&svg()),
                ExportKind::Svg => Ok(svg().into_bytes()),
                ExportKind::Pdf => export::render_pdf(&svg()),
                ExportKind::Report => {
                    let meta = &w.file.meta;
                    let status = doc
                        .scenario
                        .status
                        .map(|s| i18n::scenario_ui::status_name(s, t.proposal_ui));
                    let input = export::report::ReportInput {
                        doc,
                        region: app.export_extent.region(doc.scenario.region),
                        baseline: &w.baseline_division().scenario,
                        baseline_name: w.baseline_label(t),
                        author: meta.author.clone(),
                        description: meta.description.clone(),
                        status: status.unwrap_or_default().to_string(),
                        date: app.image_options().date,
                        lang: app.settings.lang,
                        budget_model: w.budget_model,
                    };
                    export::report::report_pdf(&input)
                }
            }
        });
    }
}

/// Select one zone and zoom to it (from the team list or the search).
fn select_zone(w: &mut Workspace, u: ZoneId) {
    w.set_mode(EditMode::Zones);
    w.selection = crate::model::selection::Selection::zone(u);
    let cells = w.doc.data.atlas.units[u].cells.clone();
    w.zoom_to_cells(&cells);
}
