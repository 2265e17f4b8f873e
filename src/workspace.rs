//! One tab: the document being edited (scenario and derived figures), its history and file,
//! and the editing state around it (selection, drag, preview, comparison, map view), kept
//! consistent with each other. Nothing here draws.

use egui::{Color32, Pos2};
use walkers::MapMemory;

use std::sync::Arc;

use crate::dataset::{Dataset, FixedDivision};
use crate::document::Document;
use crate::map::MapGeometry;
use crate::map::layer::Scene;
use crate::map::layers::Layers;
use crate::map::reference_view::ReferenceDrawing;
use crate::model::borders::team_border_arcs;
use crate::model::compare::{Comparison, compare_cells};
use crate::model::edit::{self, Edit, EditError};
use crate::model::geom::BBox;
use crate::model::history::History;
use crate::model::ids::{CellId, MunicipalityId, TeamId, TiSlice, TiVec, ZoneId};
use crate::model::metrics::{self, BudgetModel, Metrics};
use crate::model::scenario::Scenario;
use crate::model::selection::Selection;

/// What a click or a drag moves: whole zones or single municipalities.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum EditMode {
    #[default]
    Zones,
    Municipalities,
}

/// Which scenario the changes are measured against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Baseline {
    /// The scenario as it was opened (or made) in this tab.
    #[default]
    Opened,
    /// The historic 2020 team areas.
    Historic,
    /// The default ELZ-aligned division.
    Default,
    /// Another open scenario (see `Workspace::other`).
    Other,
}

impl Baseline {
    /// The word a scenario file stores for the comparison (another tab is not stored: it is
    /// read as "opened").
    pub fn key(self) -> &'static str {
        match self {
            Baseline::Opened | Baseline::Other => "opened",
            Baseline::Historic => "2020",
            Baseline::Default => "default",
        }
    }

    pub fn parse(s: &str) -> Option<Baseline> {
        match s {
            "opened" => Some(Baseline::Opened),
            "2020" => Some(Baseline::Historic),
            "default" => Some(Baseline::Default),
            _ => None,
        }
    }
}

/// What the properties dialog edits: the scenario's name, status and region, and the file's
/// author and description.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Properties {
    pub name: String,
    pub author: String,
    pub description: String,
    pub status: Option<crate::model::scenario::Status>,
    pub region: Option<crate::model::region::Region>,
}

/// The file behind a workspace.
#[derive(Clone, Debug, Default)]
pub struct FileState {
    pub path: Option<std::path::PathBuf>,
    pub meta: crate::data::scenario_file::FileMeta,
    pub unresolved: crate::data::scenario_file::Unresolved,
    /// The scenario as last saved or opened; None when it was never saved.
    pub saved: Option<Scenario>,
    /// The indicator as last saved or opened.
    pub saved_indicator: Option<crate::model::indicator::IndicatorChoice>,
    /// Author and description, the comparison and the budget model as last saved or opened.
    pub saved_settings: SavedSettings,
}

/// What a file keeps besides the division, as last saved or opened (to tell whether it
/// changed).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SavedSettings {
    pub author: String,
    pub description: String,
    pub baseline: Baseline,
    pub budget_model: BudgetModel,
}

/// Where a dragged selection would go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DropTarget {
    /// A team, or None for "no team".
    Team(Option<TeamId>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Drag {
    /// Where the drag started, on screen.
    pub origin: Pos2,
    /// Where the pointer is now.
    pub pointer: Pos2,
    pub target: Option<DropTarget>,
}

/// A change shown before it is made.
#[derive(Clone, Debug)]
pub struct Preview {
    pub edit: Edit,
    pub scenario: Scenario,
    pub metrics: Metrics,
    /// Team of every cell in the previewed scenario.
    pub cell_team: TiVec<CellId, Option<TeamId>>,
    /// Teams whose area changes.
    pub teams: Vec<TeamId>,
}

/// The area size, zoom and centre (lon, lat) of a fit.
type FittedView = (egui::Vec2, f64, Option<(f64, f64)>);

/// What a tab's map shows, as one tab hands it to another.
#[derive(Clone)]
pub struct TabView {
    pub memory: MapMemory,
    fit_target: Option<BBox>,
    fitted_view: Option<FittedView>,
}

/// The cells one frame of the map marks, built by `Workspace::scene_cells` and borrowed by
/// its `Scene`.
pub struct SceneCells {
    selected: TiVec<CellId, bool>,
    hatch: TiVec<CellId, Option<Color32>>,
}

pub struct Workspace {
    pub doc: Document,
    pub memory: MapMemory,
    pub mode: EditMode,
    pub budget_model: BudgetModel,
    pub baseline: Baseline,
    /// Selected zones (zone mode) or municipalities (municipality mode).
    pub selection: Selection,
    /// A municipality found by the search, pointed out inside its selected zone while the
    /// selection stays as the search left it.
    pub marked: Option<(MunicipalityId, Selection)>,
    pub hovered_cell: Option<CellId>,
    pub history: History,
    pub drag: Option<Drag>,
    pub preview: Option<Preview>,
    pub comparison: Comparison,
    /// Cursor over the unassigned cycle.
    pub next_unassigned: usize,
    /// Fill colour of every cell, and the team outlines, in the scenario shown.
    pub cell_fill: TiVec<CellId, Color32>,
    pub team_arcs: Vec<u32>,
    /// A box the map keeps filling while the user does not pan or zoom (the start view, Home,
    /// a region of the presentation): fitted again when the map area changes size.
    pub fit_target: Option<BBox>,
    /// The area size, zoom and centre of the last fit to `fit_target`.
    fitted_view: Option<FittedView>,
    fill_alpha: u8,
    pub file: FileState,
    /// Another open scenario to compare with: its name and division.
    pub other: Option<(String, Scenario)>,
    /// Show the units whose team differs from the baseline, hatched on the map, with a table.
    pub show_differences: bool,
    /// A unique number for this workspace (recovery file name).
    pub uid: u64,
    /// The open tab compared with, when the baseline is another scenario.
    pub other_uid: Option<u64>,
    /// The division the changes are measured against (shared with the dataset for the
    /// historic and default divisions).
    baseline_division: Arc<FixedDivision>,
    /// The picked indicator as the map colours it (None when it is not on the map).
    pub choropleth: Option<crate::map::choropleth::Choropleth>,
    /// The scenario as it was opened or made in this tab (the comparison "as opened").
    opened: Arc<FixedDivision>,
    /// The figures of the division compared with (its teams' budgets).
    baseline_metrics: Metrics,
}

fn next_uid() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

impl Workspace {
    pub fn new(doc: Document, layers: &Layers) -> Workspace {
        let opened = FixedDivision::new(&doc.data.atlas, doc.scenario.clone());
        let baseline_division = opened.clone();
        let mut w = Workspace {
            doc,
            memory: MapMemory::default(),
            mode: EditMode::Zones,
            budget_model: BudgetModel::Flat,
            baseline: Baseline::Opened,
            selection: Selection::default(),
            marked: None,
            hovered_cell: None,
            history: History::default(),
            drag: None,
            preview: None,
            comparison: Comparison::default(),
            next_unassigned: 0,
            cell_fill: TiVec::new(),
            team_arcs: Vec::new(),
            fit_target: None,
            fitted_view: None,
            fill_alpha: 150,
            file: FileState::default(),
            other: None,
            show_differences: false,
            uid: next_uid(),
            other_uid: None,
            baseline_division,
            choropleth: None,
            opened,
            baseline_metrics: Metrics::default(),
        };
        w.rebuild_baseline();
        w.mark_saved();
        // A new tab opens on all of Flanders and Brussels, filling its map.
        w.fit_target = Some(w.doc.data.atlas.bbox);
        w.set_fill_opacity(layers.effective_fill_opacity());
        w.refresh();
        w
    }

    pub fn set_fill_opacity(&mut self, opacity: f32) {
        self.fill_alpha = (opacity.clamp(0.0, 1.0) * 255.0) as u8;
        self.refresh_colours();
    }

    /// A team's colour as its swatch in the panels: as transparent as the fill on the map, so
    /// that the list and the map show the same colour (full colour when the fill is off).
    pub fn swatch_fill(&self, colour: [u8; 3]) -> egui::Color32 {
        let alpha = if self.fill_alpha < 40 {
            255
        } else {
            self.fill_alpha
        };
        egui::Color32::from_rgba_unmultiplied(colour[0], colour[1], colour[2], alpha)
    }

    /// The data this tab is drawn on, shared with every other tab.
    pub fn data(&self) -> &Arc<Dataset> {
        &self.doc.data
    }

    /// The prepared map geometry of the data.
    pub fn geometry(&self) -> &MapGeometry {
        self.doc.data.geometry()
    }

    fn build_baseline(&self) -> Arc<FixedDivision> {
        let data = &self.doc.data;
        match (self.baseline, &self.other) {
            (Baseline::Other, Some((_, s))) => FixedDivision::new(&data.atlas, s.clone()),
            (Baseline::Opened, _) | (Baseline::Other, None) => self.opened.clone(),
            (Baseline::Historic, _) => data.historic.clone(),
            (Baseline::Default, _) => data.default_division.clone(),
        }
    }

    /// Build the division compared with, and its figures.
    fn rebuild_baseline(&mut self) {
        self.baseline_division = self.build_baseline();
        let (data, b) = (&self.doc.data, &self.baseline_division);
        self.baseline_metrics = if Arc::ptr_eq(b, &self.opened) && b.scenario == self.doc.scenario {
            self.doc.metrics.clone()
        } else {
            metrics::compute_cells(
                &data.atlas,
                &b.cell_team,
                b.scenario.teams.len(),
                &data.rules,
            )
        };
    }

    /// How much a team's budget changes against the division compared with (a team that is
    /// not in it starts from nothing).
    pub fn budget_change(&self, team: TeamId) -> f64 {
        let model = self.budget_model;
        let now = self
            .shown_metrics()
            .teams
            .get(team)
            .map_or(0.0, |st| st.budget(model));
        let before = self
            .shown_scenario()
            .teams
            .get(team)
            .and_then(|tm| self.baseline_division.scenario.team_by_id(&tm.id))
            .and_then(|b| self.baseline_metrics.teams.get(b))
            .map_or(0.0, |st| st.budget(model));
        now - before
    }

    /// The division the changes are measured against.
    pub fn baseline_division(&self) -> &FixedDivision {
        &self.baseline_division
    }

    /// Compare with another open scenario.
    pub fn set_other(&mut self, other: Option<(String, Scenario)>) {
        let changed = self.other != other;
        self.other = other;
        if changed {
            if self.other.is_some() {
                self.baseline = Baseline::Other;
            } else if self.baseline == Baseline::Other {
                self.baseline = Baseline::Opened;
            }
            self.rebuild_baseline();
            self.refresh();
        }
    }

    /// The name of the baseline, for labels.
    pub fn baseline_label(&self, t: &crate::i18n::Texts) -> String {
        match (self.baseline, &self.other) {
            (Baseline::Other, Some((name, _))) => name.clone(),
            (Baseline::Default, _) => t.baseline_default.to_string(),
            (Baseline::Historic, _) => t.baseline_historic.to_string(),
            _ => t.proposal_ui.baseline_opened.to_string(),
        }
    }

    /// Unsaved changes?
    pub fn is_dirty(&self) -> bool {
        self.file.saved.as_ref() != Some(&self.doc.scenario)
            || self.file.saved_indicator != self.doc.indicator
            || self.file.saved_settings != self.settings_to_save()
    }

    /// Author, description, comparison and budget model as they are now.
    fn settings_to_save(&self) -> SavedSettings {
        SavedSettings {
            author: self.file.meta.author.clone(),
            description: self.file.meta.description.clone(),
            baseline: match self.baseline {
                Baseline::Other => Baseline::Opened,
                b => b,
            },
            budget_model: self.budget_model,
        }
    }

    /// Remember what was saved or opened, so that only later changes count as unsaved.
    pub fn mark_saved(&mut self) {
        self.file.saved = Some(self.doc.scenario.clone());
        self.file.saved_indicator = self.doc.indicator.clone();
        self.file.saved_settings = self.settings_to_save();
    }

    /// The properties as the dialog shows them.
    pub fn properties(&self) -> Properties {
        let s = &self.doc.scenario;
        Properties {
            name: s.name.clone(),
            author: self.file.meta.author.clone(),
            description: self.file.meta.description.clone(),
            status: s.status,
            region: s.region,
        }
    }

    /// Set the properties: name, status and region are a step of the history; author and
    /// description belong to the file.
    pub fn set_properties(&mut self, p: Properties) -> Result<(), EditError> {
        let name = p.name.trim();
        let name = if name.is_empty() {
            self.doc.scenario.name.clone()
        } else {
            name.to_string()
        };
        let about_changed =
            self.file.meta.author != p.author || self.file.meta.description != p.description;
        self.file.meta.author = p.author;
        self.file.meta.description = p.description;
        let result = self.apply(Edit::SetProperties {
            name,
            status: p.status,
            region: p.region,
        });
        match result {
            Err(EditError::NoChange) if about_changed => Ok(()),
            r => r,
        }
    }

    /// Pick the indicator shown with this scenario (None: none); the map colours the
    /// municipalities by it when it is on the map.
    pub fn set_indicator(&mut self, choice: Option<crate::model::indicator::IndicatorChoice>) {
        self.choropleth = choice
            .as_ref()
            .filter(|c| c.on_map)
            .map(|c| crate::map::choropleth::Choropleth::new(&self.doc.data.atlas, c));
        self.doc.indicator = choice;
        self.refresh_colours();
    }

    /// The name and status shown on the tab and in the window title.
    pub fn title(&self, t: &crate::i18n::Texts) -> String {
        crate::i18n::scenario_ui::title(&self.doc.scenario, t)
    }

    /// The name of the file behind the tab, if it has one.
    pub fn file_name(&self) -> Option<String> {
        self.file
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
    }

    /// The file to write for this workspace.
    pub fn to_file(&self, now: &str) -> crate::data::scenario_file::ScenarioFile {
        let atlas = &self.doc.data.atlas;
        let mut f = crate::data::scenario_file::ScenarioFile::compose(
            atlas,
            &self.doc.scenario,
            &self.file.meta,
            &self.file.unresolved,
            now,
        );
        f.indicator = self
            .doc
            .indicator
            .as_ref()
            .map(|c| crate::data::indicator_record::IndicatorRecord::from_choice(atlas, c));
        let kept = self.settings_to_save();
        f.comparison = Some(kept.baseline.key().to_string());
        f.budget_model = Some(kept.budget_model.key().to_string());
        f
    }

    /// The comparison and budget model a file was saved with (older files have none).
    pub fn restore_settings(&mut self, f: &crate::data::scenario_file::ScenarioFile) {
        if let Some(b) = f.comparison.as_deref().and_then(Baseline::parse) {
            self.set_baseline(b);
        }
        if let Some(m) = f.budget_model.as_deref().and_then(BudgetModel::parse) {
            self.set_budget_model(m);
        }
    }

    /// Save to `path` (atomically). On success the workspace is clean and remembers the path.
    pub fn save_to(&mut self, path: &std::path::Path) -> Result<(), crate::data::DataError> {
        let now = crate::data::scenario_file::now_iso();
        let f = self.to_file(&now);
        crate::data::scenario_file::save(path, &f)?;
        self.file.meta.created = f.created;
        self.file.path = Some(path.to_path_buf());
        self.mark_saved();
        Ok(())
    }

    /// After the scenario changed: metrics (only of the teams whose area changed),
    /// comparison, colours and team outlines.
    pub fn refresh(&mut self) {
        self.doc.update();
        self.comparison = compare_cells(
            &self.doc.data.atlas,
            &self.doc.scenario,
            &self.doc.cell_team,
            &self.baseline_division.scenario,
            &self.baseline_division.cell_team,
        );
        self.refresh_colours();
    }

    /// The scenario shown: the preview while one is active.
    pub fn shown_scenario(&self) -> &Scenario {
        self.preview
            .as_ref()
            .map_or(&self.doc.scenario, |p| &p.scenario)
    }

    pub fn shown_metrics(&self) -> &Metrics {
        self.preview
            .as_ref()
            .map_or(&self.doc.metrics, |p| &p.metrics)
    }

    /// The team of every cell in the scenario shown.
    pub fn shown_cell_team(&self) -> &TiSlice<CellId, Option<TeamId>> {
        self.preview
            .as_ref()
            .map_or(&self.doc.cell_team, |p| &p.cell_team)
    }

    /// What a frame of the map marks beyond the division: the selected cells and the
    /// hatching (no team, shared zones, detached parts and, when shown, the differences).
    pub fn scene_cells(&self) -> SceneCells {
        let atlas = &self.doc.data.atlas;
        let mut selected: TiVec<CellId, bool> = vec![false; atlas.cells.len()].into();
        for c in self.selected_cells() {
            selected[c] = true;
        }
        let differences = self
            .show_differences
            .then_some(self.comparison.moved.as_slice());
        let hatch =
            crate::map::layer::hatching::cell_hatching(atlas, self.shown_metrics(), differences);
        SceneCells { selected, hatch }
    }

    /// The tab as the map layers draw it: the division shown (the preview while one is
    /// active), its colours and the cells of `cells`. The window, the second screen and the
    /// tests all draw through this.
    pub fn scene<'a>(
        &'a self,
        cells: &'a SceneCells,
        texts: &'static crate::i18n::Texts,
        layers: &Layers,
        reference: Option<(&'a ReferenceDrawing, Option<&'a str>)>,
    ) -> Scene<'a> {
        Scene {
            atlas: &self.doc.data.atlas,
            overlays: self.doc.data.overlays(),
            teams: &self.shown_scenario().teams,
            cell_team: self.shown_cell_team(),
            cell_fill: &self.cell_fill,
            hatch: &cells.hatch,
            team_arcs: &self.team_arcs,
            selected: &cells.selected,
            reference,
            texts,
            high_contrast: layers.high_contrast,
            choropleth: self.choropleth.as_ref(),
        }
    }

    pub fn refresh_colours(&mut self) {
        let atlas = &self.doc.data.atlas;
        let (s, cell_team) = match &self.preview {
            Some(p) => (&p.scenario, &p.cell_team),
            None => (&self.doc.scenario, &self.doc.cell_team),
        };
        self.team_arcs = team_border_arcs(atlas, cell_team);
        let alpha = self.fill_alpha;
        if let Some(c) = &self.choropleth {
            // The classes must read over the base map: nearly opaque, whatever the team
            // fill's opacity.
            let alpha = alpha.max(220);
            self.cell_fill = cell_team
                .keys()
                .map(|ci| {
                    let [r, g, b] = c.cell_colour(atlas, ci);
                    Color32::from_rgba_unmultiplied(r, g, b, alpha)
                })
                .collect();
            return;
        }
        // A scenario for one region dims what lies outside it.
        let outside: TiVec<ZoneId, bool> = match s.region {
            Some(r) => crate::model::region::unit_regions(atlas)
                .into_iter()
                .map(|u| u != Some(r))
                .collect(),
            None => vec![false; atlas.units.len()].into(),
        };
        self.cell_fill = cell_team
            .iter_enumerated()
            .map(|(ci, t)| {
                let c = t.and_then(|t| s.teams.get(t)).map(|team| team.colour);
                match c {
                    _ if outside[atlas.cells[ci].unit] => {
                        crate::style::outside_region(c.unwrap_or([255, 255, 255]), alpha)
                    }
                    Some(c) => Color32::from_rgba_unmultiplied(c[0], c[1], c[2], alpha),
                    None => Color32::from_rgba_unmultiplied(255, 255, 255, alpha / 2),
                }
            })
            .collect();
    }

    /// Cells covered by the selection.
    pub fn selected_cells(&self) -> Vec<CellId> {
        self.selection.cells(&self.doc.data.atlas)
    }

    /// The teams the selection belongs to now (`None` for cells without a team).
    pub fn selection_teams(&self) -> std::collections::BTreeSet<Option<TeamId>> {
        let (atlas, scenario) = (&self.doc.data.atlas, &self.doc.scenario);
        self.selected_cells()
            .into_iter()
            .map(|c| scenario.cell_team(atlas, c))
            .collect()
    }

    /// The zone shown in the details panel.
    pub fn focus_unit(&self) -> Option<ZoneId> {
        self.selection.first_zone(&self.doc.data.atlas)
    }

    /// An empty selection of the kind the mode edits.
    fn empty_selection(mode: EditMode) -> Selection {
        match mode {
            EditMode::Zones => Selection::Zones(Default::default()),
            EditMode::Municipalities => Selection::Municipalities(Default::default()),
        }
    }

    pub fn set_mode(&mut self, mode: EditMode) {
        if self.mode != mode {
            self.mode = mode;
            self.selection = Self::empty_selection(mode);
            self.cancel_drag();
        }
    }

    /// Click on a cell: select it, or add/remove it with shift.
    pub fn click_cell(&mut self, cell: Option<CellId>, add: bool) {
        match cell {
            Some(c) => {
                if !add {
                    self.selection.clear();
                }
                self.selection.add_cell(&self.doc.data.atlas, c, add);
            }
            None if !add => self.selection.clear(),
            None => {}
        }
    }

    /// Select the items whose label point (zones) or cell centre (municipalities) lies in the
    /// Mercator box.
    pub fn select_in_box(&mut self, b: BBox, add: bool) {
        if !add {
            self.selection.clear();
        }
        let atlas = &self.doc.data.atlas;
        match &mut self.selection {
            Selection::Zones(zones) => {
                for (u, unit) in atlas.units.iter_enumerated() {
                    if b.contains(unit.label) {
                        zones.insert(u);
                    }
                }
            }
            Selection::Municipalities(munis) => {
                for (m, muni) in atlas.municipalities.iter_enumerated() {
                    if muni
                        .cells
                        .iter()
                        .any(|&c| b.contains(atlas.cells[c].bbox.center()))
                    {
                        munis.insert(m);
                    }
                }
            }
        }
    }

    /// The edit that gives the selection to `team`.
    pub fn edit_for(&self, team: Option<TeamId>) -> Edit {
        self.selection.edit(team)
    }

    /// Show what `edit` would do, without doing it. Returns the error when it is refused.
    pub fn set_preview(&mut self, edit: Option<Edit>) -> Result<(), EditError> {
        if self.preview.as_ref().map(|p| &p.edit) == edit.as_ref() {
            return Ok(());
        }
        let result = match edit {
            None => {
                self.preview = None;
                Ok(())
            }
            Some(edit) => {
                let mut s = self.doc.scenario.clone();
                match edit::apply(&mut s, &self.doc.data.atlas, &edit) {
                    Ok(()) => {
                        let before = &self.doc.cell_team;
                        let after = s.cell_teams(&self.doc.data.atlas);
                        let mut m = self.doc.metrics.clone();
                        metrics::update(
                            &self.doc.data.atlas,
                            before,
                            &after,
                            s.teams.len(),
                            &self.doc.data.rules,
                            &mut m,
                        );
                        let mut teams: Vec<TeamId> = before
                            .iter()
                            .zip(&after)
                            .filter(|(a, b)| a != b)
                            .flat_map(|(a, b)| [*a, *b])
                            .flatten()
                            .collect();
                        teams.sort_unstable();
                        teams.dedup();
                        self.preview = Some(Preview {
                            edit,
                            scenario: s,
                            metrics: m,
                            cell_team: after,
                            teams,
                        });
                        Ok(())
                    }
                    Err(e) => {
                        self.preview = None;
                        Err(e)
                    }
                }
            }
        };
        self.refresh_colours();
        result
    }

    /// Make a change: one step on the history.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        let before = self.history.copy_of(&self.doc.scenario);
        let label = edit.label(&before, &self.doc.data.atlas);
        let result = edit::apply(&mut self.doc.scenario, &self.doc.data.atlas, &edit);
        if result.is_ok() {
            self.history.record(label, before);
        } else {
            self.history.give_back(before);
        }
        self.preview = None;
        self.refresh();
        result
    }

    /// Give the selection to a team (None: no team).
    pub fn assign_selection(&mut self, team: Option<TeamId>) -> Result<(), EditError> {
        if self.selection.is_empty() {
            return Err(EditError::NoChange);
        }
        let e = self.edit_for(team);
        self.apply(e)
    }

    pub fn undo(&mut self) -> bool {
        let previous = self.history.undo(&self.doc.scenario);
        self.restore(previous)
    }

    pub fn redo(&mut self) -> bool {
        let next = self.history.redo(&self.doc.scenario);
        self.restore(next)
    }

    /// Put back a scenario from the history (false: there was none).
    fn restore(&mut self, scenario: Option<Scenario>) -> bool {
        let Some(s) = scenario else { return false };
        self.doc.scenario = s;
        self.preview = None;
        self.refresh();
        true
    }

    /// A locked team that holds part of the selection, if any.
    pub fn locked_in_selection(&self) -> Option<String> {
        let s = &self.doc.scenario;
        self.selected_cells()
            .into_iter()
            .filter_map(|c| s.cell_team(&self.doc.data.atlas, c))
            .find(|&t| s.teams[t].locked)
            .map(|t| s.teams[t].name.clone())
    }

    /// Start dragging the selection from a screen point. A selection that a locked team
    /// holds is not dragged: the error says why, so the user is told at once.
    pub fn start_drag(&mut self, at: Pos2) -> Result<(), EditError> {
        if let Some(team) = self.locked_in_selection() {
            return Err(EditError::Locked { team });
        }
        if !self.selection.is_empty() {
            self.drag = Some(Drag {
                origin: at,
                pointer: at,
                target: None,
            });
        }
        Ok(())
    }

    /// The pointer moved during a drag, to `pointer` over `target`: update the preview. The
    /// error says why dropping there would be refused.
    pub fn update_drag(
        &mut self,
        pointer: Pos2,
        target: Option<DropTarget>,
    ) -> Result<(), EditError> {
        let Some(d) = &mut self.drag else {
            return Ok(());
        };
        d.pointer = pointer;
        if d.target == target {
            return Ok(());
        }
        d.target = target;
        let edit = target.map(|DropTarget::Team(t)| self.edit_for(t));
        self.set_preview(edit)
    }

    /// What dropping the selection on a cell means: giving it to the cell's team (None: the
    /// cell is part of the selection).
    pub fn drop_target_on_cell(&self, cell: CellId) -> Option<DropTarget> {
        if self.selection.covers_cell(&self.doc.data.atlas, cell) {
            return None;
        }
        Some(DropTarget::Team(
            self.doc.scenario.cell_team(&self.doc.data.atlas, cell),
        ))
    }

    /// Release: apply the previewed change, if any. The error says why it was refused.
    pub fn finish_drag(&mut self) -> Result<(), EditError> {
        let Some(d) = self.drag.take() else {
            return Ok(());
        };
        let result = match d.target {
            Some(DropTarget::Team(t)) => self.assign_selection(t),
            None => Ok(()),
        };
        self.cancel_preview();
        match result {
            Err(EditError::NoChange) => Ok(()),
            r => r,
        }
    }

    pub fn cancel_drag(&mut self) {
        self.drag = None;
        self.cancel_preview();
    }

    /// Stop showing a change that was not made.
    pub fn cancel_preview(&mut self) {
        if self.preview.is_some() {
            self.preview = None;
            self.refresh_colours();
        }
    }

    /// Fit a Mercator box and keep it filling the map until the user pans or zooms: the map
    /// fits it before it draws (`keep_fitted`), in the area it has then.
    pub fn fit_to(&mut self, bbox: BBox) {
        self.fit_target = Some(bbox);
        self.fitted_view = None;
    }

    fn map_centre(&self) -> Option<(f64, f64)> {
        self.memory.detached().map(|p| (p.x(), p.y()))
    }

    /// Before the map draws in an area of `size` points: fit `fit_target` again when the area
    /// changed size since the last fit, and forget it when the user moved the map since.
    pub fn keep_fitted(&mut self, size: egui::Vec2) {
        let Some(bbox) = self.fit_target else {
            return;
        };
        if let Some((fitted_size, zoom, centre)) = self.fitted_view {
            if (zoom - self.memory.zoom()).abs() > 1e-9 || centre != self.map_centre() {
                self.fit_target = None;
                self.fitted_view = None;
                return;
            }
            if fitted_size == size {
                return;
            }
        }
        crate::map::fit::show_in(&mut self.memory, bbox, size);
        self.fitted_view = Some((size, self.memory.zoom(), self.map_centre()));
    }

    /// The view of the map, to give another tab the same.
    pub fn view(&self) -> TabView {
        TabView {
            memory: self.memory.clone(),
            fit_target: self.fit_target,
            fitted_view: self.fitted_view,
        }
    }

    /// Take over a view, kept fitted as it was.
    pub fn set_view(&mut self, view: TabView) {
        self.memory = view.memory;
        self.fit_target = view.fit_target;
        self.fitted_view = view.fitted_view;
    }

    /// Zoom to a set of cells.
    pub fn zoom_to_cells(&mut self, cells: &[CellId]) {
        let atlas = &self.doc.data.atlas;
        let b = cells
            .iter()
            .fold(BBox::EMPTY, |b, &c| b.union(atlas.cells[c].bbox));
        if b.is_empty() {
            return;
        }
        // Some margin, and not closer than a small town.
        let pad = (b.width().max(b.height()) * 0.3).max(0.0005);
        let mut p = b;
        p.include([b.min[0] - pad, b.min[1] - pad]);
        p.include([b.max[0] + pad, b.max[1] + pad]);
        // Kept fitted like the start view, so that the start view's fit does not take over
        // again when the map area settles.
        self.fit_to(p);
    }

    /// Select and zoom to the next zone without a team. Returns it.
    pub fn goto_next_unassigned(&mut self) -> Option<ZoneId> {
        let list = self.doc.metrics.unassigned_units.clone();
        if list.is_empty() {
            return None;
        }
        let u = list[self.next_unassigned % list.len()];
        self.next_unassigned = (self.next_unassigned + 1) % list.len();
        self.set_mode(EditMode::Zones);
        self.selection = Selection::zone(u);
        let cells = self.doc.data.atlas.units[u].cells.clone();
        self.zoom_to_cells(&cells);
        Some(u)
    }

    pub fn set_budget_model(&mut self, m: BudgetModel) {
        self.budget_model = m;
    }

    /// Take the scenario as it is now as the one "as opened" (a tab that starts afresh).
    pub fn set_opened(&mut self) {
        self.opened = FixedDivision::new(&self.doc.data.atlas, self.doc.scenario.clone());
        self.rebuild_baseline();
        self.refresh();
    }

    pub fn set_baseline(&mut self, b: Baseline) {
        if self.baseline != b {
            self.baseline = b;
            self.rebuild_baseline();
            self.refresh();
        }
    }
}
