//! The six Proeftuinen Buurtgerichte Netwerken (1-7-2019 to 30-6-2022) as an overlay: the
//! neighbourhood polygons where the seeds name them, otherwise a marker inside the
//! municipality, with the zone and (for a given scenario) the team they fall in.

use std::collections::HashMap;

use super::{bbox_of, label_point, merc_polygons};
use crate::model::atlas::Atlas;
use crate::model::geom::{self, BBox, Merc, MercPolygon};
use crate::model::ids::{CellId, MunicipalityId, TeamId, ZoneId};
use crate::model::scenario::Scenario;
use crate::model::seeds::Seeds;
use crate::model::topology::LonLatPolygon;

/// A neighbourhood (wijk) or former municipality (deelgemeente) polygon from the data folder.
#[derive(Clone, Debug)]
pub struct Neighbourhood {
    /// "wijk (ggw7)" or "deelgemeente".
    pub level: String,
    /// e.g. "71004W03" (wijk) or "31005U" (deelgemeente).
    pub code: String,
    /// e.g. "Beverlo (Beringen)".
    pub name: String,
    /// NIS code of the municipality.
    pub nis: String,
    pub municipality: String,
    pub polygons: Vec<LonLatPolygon>,
}

/// Running period of the Proeftuinen, as ISO dates from the seed facts.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Period {
    /// "2019-07-01"
    pub start: String,
    /// "2022-06-30"
    pub end: String,
}

/// An ISO date "2019-07-01" written the Belgian way, "1-7-2019" (other text is kept as is).
pub fn belgian_date(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => match (d.parse::<u32>(), m.parse::<u32>()) {
            (Ok(d), Ok(m)) => format!("{d}-{m}-{y}"),
            _ => iso.to_string(),
        },
        _ => iso.to_string(),
    }
}

impl Period {
    /// Start date written as "1-7-2019".
    pub fn start_dmy(&self) -> String {
        belgian_date(&self.start)
    }

    /// End date written as "30-6-2022".
    pub fn end_dmy(&self) -> String {
        belgian_date(&self.end)
    }
}

#[derive(Clone, Debug)]
pub struct ProeftuinOverlay {
    pub id: String,
    /// Municipality name as in the seeds, e.g. "Brugge".
    pub municipality_name: String,
    pub nis: String,
    /// Neighbourhood as written in the source document, e.g. "Zeebrugge".
    pub neighbourhood: String,
    /// Codes of the drawn polygons (from the seeds), and their names as in the data file.
    pub polygon_codes: Vec<String>,
    pub polygon_names: Vec<String>,
    /// Codes named in the seeds but absent from the data file (should be empty).
    pub missing_codes: Vec<String>,
    pub polygons: Vec<LonLatPolygon>,
    pub merc: Vec<MercPolygon>,
    /// Where the marker or label goes (Mercator): inside the neighbourhood when it has
    /// polygons, else inside the municipality.
    pub marker: Merc,
    /// The drawn area (or marker) is only an approximation of the neighbourhood.
    pub approximate: bool,
    /// Atlas municipality, cell and zone (ELZ) the marker falls in.
    pub municipality: Option<MunicipalityId>,
    pub cell: Option<CellId>,
    pub zone: Option<ZoneId>,
    /// Box to zoom to: the neighbourhood, or the municipality when there is no polygon.
    pub bbox: BBox,
    pub period: Period,
    pub aims: String,
    pub actors: String,
    pub source: String,
}

impl ProeftuinOverlay {
    /// Display name, e.g. "Zeebrugge (Brugge)".
    pub fn title(&self) -> String {
        format!("{} ({})", self.neighbourhood, self.municipality_name)
    }

    /// True when there is no polygon and the entry is only a marker in its municipality.
    pub fn marker_only(&self) -> bool {
        self.polygons.is_empty()
    }

    /// The team of `scenario` the Proeftuin falls in (through the cell under its marker).
    pub fn team(&self, atlas: &Atlas, scenario: &Scenario) -> Option<TeamId> {
        scenario.cell_team(atlas, self.cell?)
    }
}

/// Build the overlay of the seeded Proeftuinen from the neighbourhood polygons of the data
/// folder.
pub fn proeftuin_overlays(
    atlas: &Atlas,
    seeds: &Seeds,
    neighbourhoods: &[Neighbourhood],
) -> Vec<ProeftuinOverlay> {
    let by_code: HashMap<&str, &Neighbourhood> = neighbourhoods
        .iter()
        .map(|n| (n.code.as_str(), n))
        .collect();
    let fact = |k: &str| {
        seeds
            .facts
            .get(k)
            .map(|f| f.value.clone())
            .unwrap_or_default()
    };
    let period = Period {
        start: fact("proeftuinen_start"),
        end: fact("proeftuinen_end"),
    };
    seeds
        .proeftuinen
        .iter()
        .map(|p| {
            let mut polygons = Vec::new();
            let mut polygon_names = Vec::new();
            let mut missing_codes = Vec::new();
            for code in &p.polygon_codes {
                match by_code.get(code.as_str()) {
                    Some(n) => {
                        polygons.extend(n.polygons.iter().cloned());
                        polygon_names.push(n.name.clone());
                    }
                    None => missing_codes.push(code.clone()),
                }
            }
            let merc = merc_polygons(&polygons);
            let municipality = atlas.muni_by_code(&p.nis);
            let muni_polys: Vec<&MercPolygon> = municipality
                .map(|m| {
                    atlas.municipalities[m]
                        .cells
                        .iter()
                        .flat_map(|&c| atlas.cells[c].merc.iter())
                        .collect()
                })
                .unwrap_or_default();
            let muni_bbox = muni_polys
                .iter()
                .fold(BBox::EMPTY, |b, m| b.union(m.bbox()));
            let marker = label_point(&merc).or_else(|| {
                muni_polys
                    .iter()
                    .max_by(|a, b| a.area().total_cmp(&b.area()))
                    .map(|m| geom::pole_of_inaccessibility(m))
            });
            let marker = marker.unwrap_or(muni_bbox.center());
            let cell = municipality
                .and_then(|m| {
                    let cells = &atlas.municipalities[m].cells;
                    cells
                        .iter()
                        .copied()
                        .find(|&c| atlas.cells[c].merc.iter().any(|mp| mp.contains(marker)))
                        .or(cells.first().copied())
                })
                .or_else(|| atlas.cell_at(marker));
            let bbox = if merc.is_empty() {
                muni_bbox
            } else {
                bbox_of(&merc)
            };
            ProeftuinOverlay {
                id: p.id.clone(),
                municipality_name: p.municipality.clone(),
                nis: p.nis.clone(),
                neighbourhood: p.neighbourhood.clone(),
                polygon_codes: p.polygon_codes.clone(),
                polygon_names,
                approximate: p.approximate || polygons.is_empty() || !missing_codes.is_empty(),
                missing_codes,
                polygons,
                merc,
                marker,
                municipality: municipality.or_else(|| cell.map(|c| atlas.cells[c].muni)),
                zone: cell.map(|c| atlas.cells[c].unit),
                cell,
                bbox,
                period: period.clone(),
                aims: p.aims.clone(),
                actors: p.actors.clone(),
                source: p.source.clone(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_the_belgian_way() {
        assert_eq!(belgian_date("2019-07-01"), "1-7-2019");
        assert_eq!(belgian_date("2022-06-30"), "30-6-2022");
        assert_eq!(belgian_date("midden juli"), "midden juli");
    }
}
