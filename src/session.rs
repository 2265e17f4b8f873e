//! A loaded working session: the atlas, the seeds, the scenario being edited, the historic
//! baseline and the metrics of the scenario, kept up to date together.

use std::path::Path;

use crate::data::{self, DataError, DataSource};
use crate::model::atlas::{Atlas, Edition};
use crate::model::defaults;
use crate::model::metrics::{self, BudgetRules, Metrics};
use crate::model::scenario::Scenario;
use crate::model::seeds::{SeedError, Seeds};

pub struct Session {
    /// Where the data came from: the built-in set or a data folder.
    pub data: DataSource,
    pub atlas: Atlas,
    pub seeds: Seeds,
    pub rules: BudgetRules,
    pub scenario: Scenario,
    /// The historic 2020 team areas, per municipality.
    pub historic: Scenario,
    pub metrics: Metrics,
    /// The team of every cell in `scenario`, as of the last `recompute` or `update`.
    pub cell_team: Vec<Option<usize>>,
}

impl From<SeedError> for DataError {
    fn from(e: SeedError) -> Self {
        DataError::new(
            Path::new("seeds").join(e.file).as_path(),
            format!("line {}", e.line),
            e.message,
        )
    }
}

impl Session {
    /// Load the data and start on the default scenario.
    pub fn load(src: &DataSource, edition: Edition) -> Result<Session, DataError> {
        let atlas = data::load_atlas(src, edition)?;
        let seeds = Seeds::builtin()?;
        Ok(Self::with_atlas(src, atlas, seeds))
    }

    pub fn with_atlas(src: &DataSource, atlas: Atlas, seeds: Seeds) -> Session {
        let (scenario, _skipped) = defaults::default_scenario(&atlas, &seeds);
        let historic = defaults::historic_scenario(&atlas, &seeds, &scenario);
        Self::with_scenario(src, atlas, seeds, scenario, historic)
    }

    /// A session on any atlas and scenario (the synthetic grid of the benches, for example).
    pub fn with_scenario(
        src: &DataSource,
        atlas: Atlas,
        seeds: Seeds,
        scenario: Scenario,
        historic: Scenario,
    ) -> Session {
        let rules = defaults::budget_rules(&seeds);
        let cell_team = scenario.cell_teams(&atlas);
        let metrics = metrics::compute_cells(&atlas, &cell_team, scenario.teams.len(), &rules);
        Session {
            data: src.clone(),
            atlas,
            seeds,
            rules,
            scenario,
            historic,
            metrics,
            cell_team,
        }
    }

    pub fn set_scenario(&mut self, s: Scenario) {
        self.scenario = s;
        self.recompute();
    }

    /// Recompute everything from the scenario.
    pub fn recompute(&mut self) {
        self.cell_team = self.scenario.cell_teams(&self.atlas);
        self.metrics = metrics::compute_cells(
            &self.atlas,
            &self.cell_team,
            self.scenario.teams.len(),
            &self.rules,
        );
    }

    /// Bring the metrics up to date after the scenario changed, recomputing only the teams
    /// that gained or lost cells since the last `recompute` or `update`. Same result as
    /// `recompute`.
    pub fn update(&mut self) {
        let after = self.scenario.cell_teams(&self.atlas);
        metrics::update(
            &self.atlas,
            &self.cell_team,
            &after,
            self.scenario.teams.len(),
            &self.rules,
            &mut self.metrics,
        );
        self.cell_team = after;
    }
}
