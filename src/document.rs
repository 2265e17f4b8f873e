//! One division being worked on: the scenario and the figures derived from it, each stored
//! once and kept up to date together. The data it is drawn on is shared (`Arc<Dataset>`).

use std::sync::Arc;

use crate::data::{DataError, DataSource};
use crate::dataset::Dataset;
use crate::model::atlas::Edition;
use crate::model::ids::{CellId, TeamId, TiVec};
use crate::model::metrics::{self, Metrics};
use crate::model::scenario::Scenario;

pub struct Document {
    pub data: Arc<Dataset>,
    pub scenario: Scenario,
    pub metrics: Metrics,
    /// The team of every cell in `scenario`, as of the last `recompute` or `update`.
    pub cell_team: TiVec<CellId, Option<TeamId>>,
    /// The indicator table picked for this scenario, saved with it.
    pub indicator: Option<crate::model::indicator::IndicatorChoice>,
}

impl Document {
    pub fn new(data: Arc<Dataset>, scenario: Scenario) -> Document {
        let cell_team = scenario.cell_teams(&data.atlas);
        let metrics =
            metrics::compute_cells(&data.atlas, &cell_team, scenario.teams.len(), &data.rules);
        Document {
            data,
            scenario,
            metrics,
            cell_team,
            indicator: None,
        }
    }

    /// Read the data and start on its default division.
    pub fn load(source: &DataSource, edition: Edition) -> Result<Document, DataError> {
        Ok(Document::default_division(Dataset::load(source, edition)?))
    }

    /// A document on the default division of the data.
    pub fn default_division(data: Arc<Dataset>) -> Document {
        let s = data.default_division.scenario.clone();
        Document::new(data, s)
    }

    /// Each team's figure of the picked indicator, in the scenario as it stands; None
    /// without one.
    pub fn indicator_per_team(&self) -> Option<TiVec<TeamId, Option<f64>>> {
        let choice = self.indicator.as_ref()?;
        Some(choice.per_team(&self.data.atlas, &self.cell_team, self.scenario.teams.len()))
    }

    /// Read an indicator table for this document's municipalities, by code or by any of
    /// their names (the former and French ones too).
    pub fn read_indicator_table(
        &self,
        path: &std::path::Path,
    ) -> Result<crate::data::indicator::IndicatorTable, DataError> {
        let atlas = &self.data.atlas;
        // Without the other names a table still reads by code and current name.
        let aliases = crate::data::overlays::read_municipality_aliases(&self.data.source, atlas)
            .unwrap_or_default();
        crate::data::indicator::read_indicator_table(atlas, &aliases, path)
    }

    pub fn set_scenario(&mut self, s: Scenario) {
        self.scenario = s;
        self.recompute();
    }

    /// Recompute everything from the scenario.
    pub fn recompute(&mut self) {
        let atlas = &self.data.atlas;
        self.cell_team = self.scenario.cell_teams(atlas);
        self.metrics = metrics::compute_cells(
            atlas,
            &self.cell_team,
            self.scenario.teams.len(),
            &self.data.rules,
        );
    }

    /// Bring the metrics up to date after the scenario changed, recomputing only the teams
    /// that gained or lost cells since the last `recompute` or `update`. Same result as
    /// `recompute`.
    pub fn update(&mut self) {
        let atlas = &self.data.atlas;
        let after = self.scenario.cell_teams(atlas);
        metrics::update(
            atlas,
            &self.cell_team,
            &after,
            self.scenario.teams.len(),
            &self.data.rules,
            &mut self.metrics,
        );
        self.cell_team = after;
    }
}
