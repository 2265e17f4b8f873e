//! The overlay layers of the loaded data, built once: the historic 2020 teams and the
//! Proeftuinen.

use crate::data::DataSource;
use crate::data::overlays::load_proeftuinen;
use crate::model::overlay::historic::{HistoricLayer, historic_layer};
use crate::model::overlay::proeftuinen::ProeftuinOverlay;
use crate::model::search::SearchIndex;

use crate::model::atlas::Atlas;
use crate::model::scenario::Scenario;
use crate::model::seeds::Seeds;

#[derive(Clone, Debug)]
pub struct Overlays {
    pub historic: HistoricLayer,
    pub proeftuinen: Vec<ProeftuinOverlay>,
    /// Names of municipalities, zones, teams and Proeftuinen to search in.
    pub search: SearchIndex,
    /// Overlays that could not be read (the app goes on without them).
    pub errors: Vec<String>,
}

impl Overlays {
    /// Build the overlays of the data on its atlas; `historic` is the 2020 division.
    pub fn load(
        source: &DataSource,
        atlas: &Atlas,
        seeds: &Seeds,
        historic: &Scenario,
    ) -> Overlays {
        let historic = historic_layer(atlas, historic, seeds);
        let (proeftuinen, mut errors) = match load_proeftuinen(source, atlas, seeds) {
            Ok(p) => (p, Vec::new()),
            Err(e) => (Vec::new(), vec![e.to_string()]),
        };
        let mut search = SearchIndex::new(atlas, &proeftuinen);
        match crate::data::overlays::read_municipality_aliases(source, atlas) {
            Ok(aliases) => search = search.with_municipality_aliases(&aliases),
            Err(e) => errors.push(e.to_string()),
        }
        Overlays {
            historic,
            proeftuinen,
            search,
            errors,
        }
    }

    /// The Proeftuin at a Mercator point: inside one of its polygons, or within `radius`
    /// (Mercator units) of a marker-only entry.
    pub fn proeftuin_at(&self, p: [f64; 2], radius: f64) -> Option<usize> {
        self.proeftuinen.iter().position(|pt| {
            if pt.marker_only() {
                let (dx, dy) = (pt.marker[0] - p[0], pt.marker[1] - p[1]);
                (dx * dx + dy * dy).sqrt() <= radius
            } else {
                pt.merc.iter().any(|m| m.contains(p))
            }
        })
    }
}
