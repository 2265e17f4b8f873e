//! What a data folder gives, loaded once and shared by every tab (`Arc<Dataset>`): the atlas,
//! the seeds, the budget rules, the historic and default divisions with the team of each of
//! their cells, the overlays with the search index, and the prepared map geometry.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use crate::data::{self, DataError, DataSource};
use crate::map::MapGeometry;
use crate::model::atlas::{Atlas, Edition};
use crate::model::defaults;
use crate::model::ids::{CellId, TeamId, TiVec};
use crate::model::metrics::BudgetRules;
use crate::model::scenario::Scenario;
use crate::model::seeds::{SeedError, Seeds};
use crate::overlays::Overlays;

/// A division that never changes while the data is loaded, with the team of every cell.
#[derive(Debug)]
pub struct FixedDivision {
    pub scenario: Scenario,
    pub cell_team: TiVec<CellId, Option<TeamId>>,
}

impl FixedDivision {
    pub fn new(atlas: &Atlas, scenario: Scenario) -> Arc<FixedDivision> {
        let cell_team = scenario.cell_teams(atlas);
        Arc::new(FixedDivision {
            scenario,
            cell_team,
        })
    }
}

pub struct Dataset {
    /// Where the files came from: the built-in set or a data folder.
    pub source: DataSource,
    pub atlas: Atlas,
    pub seeds: Seeds,
    pub rules: BudgetRules,
    /// The historic 2020 team areas, per municipality.
    pub historic: Arc<FixedDivision>,
    /// The default ELZ-aligned division of the seeds.
    pub default_division: Arc<FixedDivision>,
    /// The historic teams and Proeftuinen as map layers, and the search index; read on first
    /// use (`check` and the table exports never need them).
    overlays: OnceLock<Overlays>,
    /// Meshes, border arcs and levels of detail; built on first use (the command line never
    /// draws).
    geometry: OnceLock<MapGeometry>,
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

impl Dataset {
    /// Read the built-in data or a data folder; the overlays are read when first asked for.
    pub fn load(source: &DataSource, edition: Edition) -> Result<Arc<Dataset>, DataError> {
        let atlas = data::load_atlas(source, edition)?;
        let seeds = Seeds::builtin()?;
        Ok(Self::new(source, atlas, seeds))
    }

    /// `load`, and the overlays read at once: what the window needs before its first map,
    /// read on the loading thread rather than in a frame.
    pub fn load_with_overlays(
        source: &DataSource,
        edition: Edition,
    ) -> Result<Arc<Dataset>, DataError> {
        let data = Self::load(source, edition)?;
        data.overlays();
        Ok(data)
    }

    /// The stages `load_with_overlays` reports (`data::progress`), in either edition: each
    /// file it reads, the borders and the divisions; for "step k of n" while it loads.
    pub const LOAD_STEPS: usize = 10;

    /// A dataset on an atlas that was read or made elsewhere, with the divisions of the seeds.
    pub fn new(source: &DataSource, atlas: Atlas, seeds: Seeds) -> Arc<Dataset> {
        data::progress::report(data::progress::Stage::Divisions);
        let (default, _skipped) = defaults::default_scenario(&atlas, &seeds);
        let historic = defaults::historic_scenario(&atlas, &seeds, &default);
        Self::with_divisions(source, atlas, seeds, default, historic)
    }

    /// A dataset on any atlas and divisions (the synthetic grid of the benches, for example).
    pub fn with_divisions(
        source: &DataSource,
        atlas: Atlas,
        seeds: Seeds,
        default: Scenario,
        historic: Scenario,
    ) -> Arc<Dataset> {
        let rules = defaults::budget_rules(&seeds);
        Arc::new(Dataset {
            source: source.clone(),
            historic: FixedDivision::new(&atlas, historic),
            default_division: FixedDivision::new(&atlas, default),
            atlas,
            seeds,
            rules,
            overlays: OnceLock::new(),
            geometry: OnceLock::new(),
        })
    }

    /// The historic teams and Proeftuinen as map layers, and the search index, read the
    /// first time they are asked for. What could not be read is in their `errors`.
    pub fn overlays(&self) -> &Overlays {
        self.overlays.get_or_init(|| {
            Overlays::load(
                &self.source,
                &self.atlas,
                &self.seeds,
                &self.historic.scenario,
            )
        })
    }

    /// The prepared map geometry, built the first time it is asked for.
    pub fn geometry(&self) -> &MapGeometry {
        self.geometry
            .get_or_init(|| MapGeometry::build(&self.atlas))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::progress::{self, Stage};

    /// The loading screen counts "step k of n" on these numbers.
    #[test]
    fn loading_reports_as_many_stages_as_it_announces() {
        for edition in [Edition::M2025, Edition::M2019] {
            let heard = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
            let h = heard.clone();
            let loaded = progress::observe(
                move |s: &Stage| h.borrow_mut().push(s.clone()),
                || Dataset::load_with_overlays(&DataSource::BuiltIn, edition),
            );
            assert!(loaded.is_ok());
            let heard = heard.borrow();
            assert_eq!(heard.len(), Dataset::LOAD_STEPS, "{edition:?}: {heard:?}");
            assert!(matches!(heard[0], Stage::Reading(_)), "{heard:?}");
            assert!(heard.contains(&Stage::Borders), "{heard:?}");
        }
    }

    /// `check` and the table exports answer without reading the Proeftuin neighbourhoods;
    /// the window's load and a map export read them.
    #[test]
    fn the_overlay_files_are_read_only_when_asked_for() {
        let heard = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
        let reads_neighbourhoods = |heard: &[Stage]| {
            heard.iter().any(|s| {
                matches!(s, Stage::Reading(f)
                    if f.to_string_lossy().contains(crate::data::overlays::NEIGHBOURHOODS))
            })
        };
        let h = heard.clone();
        let data = progress::observe(
            move |s: &Stage| h.borrow_mut().push(s.clone()),
            || Dataset::load(&DataSource::BuiltIn, Edition::M2025),
        )
        .expect("the built-in data loads");
        assert!(
            !reads_neighbourhoods(&heard.borrow()),
            "{:?}",
            heard.borrow()
        );
        let h = heard.clone();
        let proeftuinen = progress::observe(
            move |s: &Stage| h.borrow_mut().push(s.clone()),
            || data.overlays().proeftuinen.len(),
        );
        assert_eq!(proeftuinen, 6, "the six Proeftuinen");
        assert!(
            reads_neighbourhoods(&heard.borrow()),
            "{:?}",
            heard.borrow()
        );
    }
}
