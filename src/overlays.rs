//! The overlay layers of the loaded data, built once: the historic 2020 teams and the
//! Proeftuinen.

use crate::data::overlays::load_proeftuinen;
use crate::model::overlay::historic::{HistoricLayer, historic_layer};
use crate::model::overlay::proeftuinen::ProeftuinOverlay;
use crate::model::search::SearchIndex;
use crate::session::Session;

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
    pub fn load(session: &Session) -> Overlays {
        let historic = historic_layer(&session.atlas, &session.historic, &session.seeds);
        let (proeftuinen, mut errors) =
            match load_proeftuinen(&session.data, &session.atlas, &session.seeds) {
                Ok(p) => (p, Vec::new()),
                Err(e) => (Vec::new(), vec![e.to_string()]),
            };
        let mut search = SearchIndex::new(&session.atlas, &proeftuinen);
        match crate::data::overlays::read_municipality_aliases(&session.data, &session.atlas) {
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
