//! What the user can ask for, as values. Panels, menus and keyboard shortcuts push a
//! [`Command`]; `GebiedsApp::apply` (in `apply.rs`) carries each out, in one place, and reports
//! what went wrong through one notification path. [`UiCommand`] is the table of the commands
//! that have a menu entry or a shortcut: each knows its text and its keys, so the menus, the
//! keyboard and the shortcuts list in the Help menu can never disagree.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::i18n::{Lang, Texts};
use crate::model::atlas::Edition;
use crate::model::edit::Edit;
use crate::model::geom::BBox;
use crate::model::ids::{CellId, TeamId, ZoneId};
use crate::model::metrics::BudgetModel;
use crate::workspace::{Baseline, EditMode};

/// What a file export writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// The division as a table: zone code, name, team.
    DivisionCsv,
    /// The per-team figures as a table.
    StatsCsv,
    /// The teams, zones, municipalities and differences as an Excel workbook.
    Xlsx,
    /// The team areas with their figures.
    GeoJson,
    Png,
    Svg,
    Pdf,
    /// The report of the proposal: cover, map, tables, changes, broken rules, sources.
    Report,
}

/// A choice in a question the app asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    Save,
    DontSave,
    Cancel,
}

/// What a CSV file dropped on the window holds, as the user answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsvKind {
    /// Zones or municipalities with their team.
    Division,
    /// A number per municipality.
    Indicator,
}

/// One thing the user asked for.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    // Editing the division.
    /// A change of the scenario (teams: create, rename, recolour, lock, delete; zones).
    Edit(Edit),
    /// Give the selection to a team (None: take it away from its team).
    AssignSelection(Option<TeamId>),
    /// Show what giving the selection to a team would do (None: stop showing it).
    PreviewAssign(Option<Option<TeamId>>),
    /// Delete a team; a team that holds zones is deleted only after the user confirms.
    DeleteTeam(TeamId),
    /// The answer to "delete this team?".
    ConfirmDeleteTeam(bool),
    /// Start editing a team's name in the list.
    StartRename(TeamId),
    Undo,
    Redo,

    // The selection.
    /// A click on the map: select what lies under it (add/remove with `add`).
    ClickCell {
        cell: Option<CellId>,
        add: bool,
    },
    /// Select what lies in a Mercator box (shift-drag).
    SelectBox {
        bbox: BBox,
        add: bool,
    },
    /// Select one zone and zoom to it.
    SelectZone(ZoneId),
    ClearSelection,
    /// Select and zoom to the next zone without a team.
    NextUnassigned,
    /// Open the "move to team" list at the pointer.
    OpenMoveMenu,
    /// The pointer was pressed on the selection: start dragging it (screen position).
    DragStart(egui::Pos2),
    /// The pointer moved while dragging, to `pointer` over `target` (a team row, or a zone or
    /// municipality of a team on the map): show what dropping there would do.
    DragTo {
        pointer: egui::Pos2,
        target: Option<crate::workspace::DropTarget>,
    },
    /// The pointer was released: make the change shown.
    DragEnd,
    /// Go to a search hit: zoom there and select it (a Proeftuin opens its card).
    GoToSearchHit(Box<crate::model::search::SearchHit>),
    /// Esc: cancel what is going on (a drag, the move list, the presentation, the selection).
    Cancel,

    // The view.
    FitAll,
    ZoomToCells(Vec<CellId>),
    Presentation(bool),
    TogglePresentation,
    /// 0: all of Flanders and Brussels; 1..: the IROJ regions in order.
    GoToRegion(usize),
    /// The next (+1) or previous (-1) region.
    StepRegion(i32),
    /// Show the next (+1) or previous (-1) tab with the same view (presentation arrows).
    StepScenario(i32),
    ToggleHighContrast,
    /// Hide or show the team strip of the presentation (T).
    TogglePresentTable,
    /// Show the legend of the presentation keys until asked again, or hide it (?).
    ToggleKeyLegend,
    /// Open or close the second window, for the projector (F6).
    ToggleSecondScreen,
    /// New layer settings (from the layers window).
    SetLayers(Box<crate::map::layers::Layers>),
    ToggleDifferences,

    // Files and tabs.
    NewTab {
        empty: bool,
    },
    DuplicateTab,
    OpenDialog,
    OpenPath(PathBuf),
    OpenRecent(PathBuf),
    Save,
    SaveAs,
    SwitchTab(usize),
    CloseTab(usize),
    Export(ExportKind),
    ImportCsv,
    /// Import a division from this CSV file.
    ImportCsvPath(PathBuf),
    /// A file dropped on the window: opened as what its kind says.
    OpenDropped(PathBuf),
    /// The answer to "is this CSV a division or an indicator table?" (None: neither).
    AnswerCsv(Option<CsvKind>),
    /// Put the team table on the clipboard, as tab-separated text.
    CopyTable,
    OpenIndicatorDialog,
    /// Read an indicator table and show its first column.
    OpenIndicator(PathBuf),
    /// Show this column of the indicator table that was read.
    SetIndicatorColumn(String),
    SetIndicatorAggregate(crate::model::indicator::Aggregate),
    ShowIndicatorOnMap(bool),
    RemoveIndicator,
    OpenReferenceDialog,
    OpenReference(PathBuf),
    /// The label field and visibility of the user's reference layer.
    SetReference {
        field: Option<String>,
        visible: bool,
    },
    RemoveReference,
    /// Ask for a PMTiles file as the offline base map.
    ChooseOfflineTiles,
    /// Use a PMTiles file as the base map (checked first; a bad file is reported and the base
    /// map stays as it was).
    UseOfflineTiles(PathBuf),
    PickDataFolder,
    /// Leave the data folder that was given and use the set built into the program.
    UseBuiltInData,
    /// Reload the data folder (the data screen's "try again").
    ReloadData,
    /// The data set loaded on its own thread, or why it could not be read.
    DataArrived(
        crate::app::background::Arrived<
            Result<std::sync::Arc<crate::dataset::Dataset>, crate::data::DataError>,
        >,
    ),
    /// A scenario file read on its own thread.
    ScenarioArrived {
        path: PathBuf,
        file: crate::app::background::Arrived<
            Result<crate::data::scenario_file::ScenarioFile, crate::data::DataError>,
        >,
    },
    /// Close the window (asking first when something is unsaved).
    Quit,
    /// The answer to "save the changes?".
    AnswerUnsaved(Answer),
    RestoreRecovery,
    DiscardRecovery,

    // Merging region proposals.
    /// Choose the proposals to merge and list their conflicts.
    MergeDialog,
    /// The choice for one conflict: (conflict, option).
    MergePick(usize, usize),
    /// Merge with the choices made, into a new tab.
    MergeFinish,
    /// Close the merge window without merging.
    MergeClose,

    // Settings.
    SetLang(Lang),
    SetEdition(Edition),
    SetMode(EditMode),
    SetBudgetModel(BudgetModel),
    SetBaseline(Baseline),
    /// Compare with another open tab (by its uid), or stop doing so.
    CompareWith(Option<u64>),
    SetCompactTeams(bool),
    /// The page of the map exports (None: A4 for a PDF, a slide for an image).
    SetExportPage(Option<crate::export::image::Page>),
    /// The part of the map the exports show.
    SetExportExtent(super::MapExtent),

    // Windows.
    ShowAbout(bool),
    ShowLayers(bool),
    ShowShortcuts(bool),
    /// Close the message window on top.
    CloseMessage,
    HistoricCard(Option<TeamId>),
    ProeftuinCard(Option<usize>),

    // Proposals (the "Voorstel" window).
    ShowPropose(bool),
    /// New settings of the window.
    SetProposeForm(Box<super::propose_window::ProposeForm>),
    /// Search for the proposal the window's settings ask for.
    StartProposal,
    /// Repair the open tab with the fewest changes ("Herstel met minste verschuiving").
    RepairLeastChange,
    /// Stop the search; no tab opens.
    CancelProposal,
    /// The search's answer (from its worker thread).
    ProposalFinished(
        Box<
            Result<
                crate::model::optimise::atlas::Proposal,
                crate::model::optimise::atlas::ProposeError,
            >,
        >,
    ),
    /// Open an alternative of the last proposal (1: the first) as a new tab.
    OpenAlternative(usize),

    // The scenario as a proposal.
    /// Open (true) or close the properties dialog of the active tab.
    ShowProperties(bool),
    /// Set the name, author, description, status and region of the active tab.
    SetProperties(Box<crate::workspace::Properties>),
    /// Open the details window of a team (None: close it).
    ShowTeamDetails(Option<TeamId>),
    /// Zoom to a team's area and outline it (its zones selected).
    ZoomToTeam(TeamId),
    ShowGuide(bool),
}

/// The commands that have a menu entry or a keyboard shortcut.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UiCommand {
    NewTab,
    NewEmptyTab,
    Open,
    Save,
    SaveAs,
    Duplicate,
    MergeProposals,
    Quit,
    Undo,
    Redo,
    CopyTable,
    MoveTo,
    Unassign,
    Cancel,
    FitAll,
    Presentation,
    SecondScreen,
    Layers,
    Shortcuts,
    About,
    Propose,
    Properties,
    Guide,
}

const fn key(modifiers: Modifiers, logical_key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, logical_key)
}

const CMD_SHIFT: Modifiers = Modifiers {
    alt: false,
    ctrl: false,
    shift: true,
    mac_cmd: false,
    command: true,
};

/// Where a shortcut works.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scope {
    /// Anywhere, also while no data is loaded.
    Always,
    /// While a scenario is open, also while typing in a text field.
    Document,
    /// While a scenario is open and no text field has the keyboard.
    Editor,
}

impl UiCommand {
    /// Every entry, in the order of the shortcuts list.
    pub const ALL: &'static [UiCommand] = &[
        UiCommand::NewTab,
        UiCommand::NewEmptyTab,
        UiCommand::Open,
        UiCommand::Save,
        UiCommand::SaveAs,
        UiCommand::Duplicate,
        UiCommand::MergeProposals,
        UiCommand::Quit,
        UiCommand::Undo,
        UiCommand::Redo,
        UiCommand::CopyTable,
        UiCommand::MoveTo,
        UiCommand::Unassign,
        UiCommand::Cancel,
        UiCommand::FitAll,
        UiCommand::Presentation,
        UiCommand::SecondScreen,
        UiCommand::Layers,
        UiCommand::Shortcuts,
        UiCommand::About,
        UiCommand::Propose,
        UiCommand::Properties,
        UiCommand::Guide,
    ];

    /// The menu text.
    pub fn text(self, t: &Texts) -> &'static str {
        match self {
            UiCommand::NewTab => t.new_default,
            UiCommand::NewEmptyTab => t.new_empty,
            UiCommand::Open => t.open,
            UiCommand::Save => t.save,
            UiCommand::SaveAs => t.save_as,
            UiCommand::Duplicate => t.duplicate,
            UiCommand::MergeProposals => t.merge_proposals,
            UiCommand::Quit => t.quit,
            UiCommand::Undo => t.undo,
            UiCommand::Redo => t.redo,
            UiCommand::CopyTable => t.copy_table,
            UiCommand::MoveTo => t.move_to_team,
            UiCommand::Unassign => t.unassign,
            UiCommand::Cancel => t.cancel_action,
            UiCommand::FitAll => t.whole_map,
            UiCommand::Presentation => t.presentation,
            UiCommand::SecondScreen => t.meet.second_screen,
            UiCommand::Layers => t.layers_button,
            UiCommand::Shortcuts => t.shortcuts,
            UiCommand::About => t.about,
            UiCommand::Propose => t.propose.menu,
            UiCommand::Properties => t.proposal_ui.properties,
            UiCommand::Guide => t.proposal_ui.guide,
        }
    }

    /// The keys, the one shown in menus first.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        const NEW: [KeyboardShortcut; 1] = [key(Modifiers::COMMAND, Key::N)];
        const OPEN: [KeyboardShortcut; 1] = [key(Modifiers::COMMAND, Key::O)];
        const SAVE: [KeyboardShortcut; 1] = [key(Modifiers::COMMAND, Key::S)];
        const SAVE_AS: [KeyboardShortcut; 1] = [key(CMD_SHIFT, Key::S)];
        const QUIT: [KeyboardShortcut; 1] = [key(Modifiers::COMMAND, Key::Q)];
        const UNDO: [KeyboardShortcut; 1] = [key(Modifiers::COMMAND, Key::Z)];
        const REDO: [KeyboardShortcut; 2] =
            [key(CMD_SHIFT, Key::Z), key(Modifiers::COMMAND, Key::Y)];
        const MOVE: [KeyboardShortcut; 1] = [key(Modifiers::COMMAND, Key::M)];
        const UNASSIGN: [KeyboardShortcut; 2] = [
            key(Modifiers::NONE, Key::Delete),
            key(Modifiers::NONE, Key::Backspace),
        ];
        const CANCEL: [KeyboardShortcut; 1] = [key(Modifiers::NONE, Key::Escape)];
        const FIT: [KeyboardShortcut; 1] = [key(Modifiers::NONE, Key::Home)];
        const PRESENT: [KeyboardShortcut; 1] = [key(Modifiers::NONE, Key::F5)];
        const SECOND: [KeyboardShortcut; 1] = [key(Modifiers::NONE, Key::F6)];
        const HELP: [KeyboardShortcut; 1] = [key(Modifiers::NONE, Key::F1)];
        match self {
            UiCommand::NewTab => &NEW,
            UiCommand::Open => &OPEN,
            UiCommand::Save => &SAVE,
            UiCommand::SaveAs => &SAVE_AS,
            UiCommand::Quit => &QUIT,
            UiCommand::Undo => &UNDO,
            UiCommand::Redo => &REDO,
            UiCommand::MoveTo => &MOVE,
            UiCommand::Unassign => &UNASSIGN,
            UiCommand::Cancel => &CANCEL,
            UiCommand::FitAll => &FIT,
            UiCommand::Presentation => &PRESENT,
            UiCommand::SecondScreen => &SECOND,
            UiCommand::Shortcuts => &HELP,
            UiCommand::NewEmptyTab
            | UiCommand::Duplicate
            | UiCommand::CopyTable
            | UiCommand::MergeProposals
            | UiCommand::Layers
            | UiCommand::About
            | UiCommand::Propose
            | UiCommand::Properties
            | UiCommand::Guide => &[],
        }
    }

    pub fn scope(self) -> Scope {
        match self {
            UiCommand::Quit | UiCommand::Shortcuts | UiCommand::About | UiCommand::Guide => {
                Scope::Always
            }
            UiCommand::NewTab
            | UiCommand::NewEmptyTab
            | UiCommand::Open
            | UiCommand::Save
            | UiCommand::SaveAs
            | UiCommand::Duplicate
            | UiCommand::CopyTable
            | UiCommand::MergeProposals
            | UiCommand::Properties => Scope::Document,
            _ => Scope::Editor,
        }
    }

    /// What it does.
    pub fn command(self) -> Command {
        match self {
            UiCommand::NewTab => Command::NewTab { empty: false },
            UiCommand::NewEmptyTab => Command::NewTab { empty: true },
            UiCommand::Open => Command::OpenDialog,
            UiCommand::Save => Command::Save,
            UiCommand::SaveAs => Command::SaveAs,
            UiCommand::Duplicate => Command::DuplicateTab,
            UiCommand::MergeProposals => Command::MergeDialog,
            UiCommand::Quit => Command::Quit,
            UiCommand::Undo => Command::Undo,
            UiCommand::Redo => Command::Redo,
            UiCommand::CopyTable => Command::CopyTable,
            UiCommand::MoveTo => Command::OpenMoveMenu,
            UiCommand::Unassign => Command::AssignSelection(None),
            UiCommand::Cancel => Command::Cancel,
            UiCommand::FitAll => Command::FitAll,
            UiCommand::Presentation => Command::TogglePresentation,
            UiCommand::SecondScreen => Command::ToggleSecondScreen,
            UiCommand::Layers => Command::ShowLayers(true),
            UiCommand::Shortcuts => Command::ShowShortcuts(true),
            UiCommand::About => Command::ShowAbout(true),
            UiCommand::Propose => Command::ShowPropose(true),
            UiCommand::Properties => Command::ShowProperties(true),
            UiCommand::Guide => Command::ShowGuide(true),
        }
    }

    /// The keys as the menus and the shortcuts list write them ("Ctrl+Shift+Z").
    pub fn shortcut_text(self, ctx: &egui::Context) -> String {
        self.shortcuts()
            .iter()
            .map(|s| ctx.format_shortcut(s))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// A menu button with the text and the first shortcut; the command when it is clicked.
    pub fn menu_button(self, ui: &mut egui::Ui, t: &Texts) -> Option<Command> {
        let mut button = egui::Button::new(self.text(t));
        if let Some(s) = self.shortcuts().first() {
            button = button.shortcut_text(ui.ctx().format_shortcut(s));
        }
        ui.add(button).clicked().then(|| self.command())
    }

    /// The commands whose shortcut was pressed in this frame, of those that work in `scope`
    /// (and the scopes below it). The shortcuts with more modifiers are tried first, so that
    /// Ctrl+Shift+Z is not taken for Ctrl+Z.
    pub fn pressed(ctx: &egui::Context, scope: Scope) -> Vec<Command> {
        let mut keys: Vec<(UiCommand, KeyboardShortcut)> = Self::ALL
            .iter()
            .filter(|c| c.scope() <= scope)
            .flat_map(|&c| c.shortcuts().iter().map(move |&s| (c, s)))
            .collect();
        let weight = |m: Modifiers| u8::from(m.command) + u8::from(m.shift) + u8::from(m.alt);
        keys.sort_by_key(|(_, s)| std::cmp::Reverse(weight(s.modifiers)));
        let mut out = Vec::new();
        ctx.input_mut(|i| {
            for (c, s) in keys {
                if i.consume_shortcut(&s) && !out.contains(&c.command()) {
                    out.push(c.command());
                }
            }
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_entries_share_a_key() {
        let keys: Vec<KeyboardShortcut> = UiCommand::ALL
            .iter()
            .flat_map(|c| c.shortcuts().iter().copied())
            .collect();
        for (i, a) in keys.iter().enumerate() {
            assert!(
                !keys[i + 1..].contains(a),
                "{a:?} is the shortcut of two commands"
            );
        }
    }

    #[test]
    fn every_entry_has_a_text_in_both_languages() {
        for lang in [Lang::Nl, Lang::En] {
            let t = crate::i18n::texts(lang);
            for c in UiCommand::ALL {
                assert!(!c.text(t).is_empty(), "{c:?} has no text in {lang:?}");
            }
        }
    }
}
