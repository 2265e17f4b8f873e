//! A loaded working session: the atlas, the seeds, the scenario being edited, the historic
//! baseline and the metrics of the scenario, kept up to date together.

use std::path::{Path, PathBuf};

use crate::data::{self, DataError};
use crate::model::atlas::{Atlas, Edition};
use crate::model::defaults;
use crate::model::metrics::{self, BudgetRules, Metrics};
use crate::model::scenario::Scenario;
use crate::model::seeds::{SeedError, Seeds};

pub struct Session {
    pub data_dir: PathBuf,
    pub atlas: Atlas,
    pub seeds: Seeds,
    pub rules: BudgetRules,
    pub scenario: Scenario,
    /// The historic 2020 team areas, per municipality.
    pub historic: Scenario,
    pub metrics: Metrics,
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
    /// Load the data folder and start on the default scenario.
    pub fn load(dir: &Path, edition: Edition) -> Result<Session, DataError> {
        let atlas = data::load_atlas(dir, edition)?;
        let seeds = Seeds::builtin()?;
        Ok(Self::with_atlas(dir, atlas, seeds))
    }

    pub fn with_atlas(dir: &Path, atlas: Atlas, seeds: Seeds) -> Session {
        let rules = defaults::budget_rules(&seeds);
        let (scenario, _skipped) = defaults::default_scenario(&atlas, &seeds);
        let historic = defaults::historic_scenario(&atlas, &seeds, &scenario);
        let metrics = metrics::compute(&atlas, &scenario, &rules);
        Session {
            data_dir: dir.to_path_buf(),
            atlas,
            seeds,
            rules,
            scenario,
            historic,
            metrics,
        }
    }

    pub fn set_scenario(&mut self, s: Scenario) {
        self.scenario = s;
        self.recompute();
    }

    pub fn recompute(&mut self) {
        self.metrics = metrics::compute(&self.atlas, &self.scenario, &self.rules);
    }
}
