//! Reading the overlay files of the data: province borders, the neighbourhood polygons
//! of the Proeftuinen, and the other names of municipalities (for search).

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use super::error::DataError;
use super::load::files;
use super::source::DataSource;
use crate::model::atlas::Atlas;
use crate::model::ids::{MunicipalityId, TiVec};
use crate::model::overlay::proeftuinen::{Neighbourhood, ProeftuinOverlay, proeftuin_overlays};
use crate::model::seeds::Seeds;

/// Wijken and deelgemeenten of the six Proeftuin municipalities.
pub const NEIGHBOURHOODS: &str = "wijken_deelgemeenten_proeftuin_gemeenten.geojson";

fn check_nis(file: &Path, number: usize, key: &str, v: &str) -> Result<(), DataError> {
    if v.len() == 5 && v.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(DataError::new(
            file,
            format!("feature {number}"),
            format!("property '{key}' should be a 5-digit NIS code, found '{v}'"),
        ))
    }
}

/// Read the wijk and deelgemeente polygons of the Proeftuin municipalities from `src`.
pub fn read_neighbourhoods(src: &DataSource) -> Result<Vec<Neighbourhood>, DataError> {
    let file = src.path(NEIGHBOURHOODS);
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for f in src.polygons(NEIGHBOURHOODS)? {
        let code = f.text(&file, "code")?;
        if !seen.insert(code.clone()) {
            return Err(DataError::new(
                &file,
                format!("feature {}", f.number),
                format!("code {code} appears twice"),
            ));
        }
        let nis = f.text(&file, "nis")?;
        check_nis(&file, f.number, "nis", &nis)?;
        out.push(Neighbourhood {
            level: f.text(&file, "level")?,
            name: f.text(&file, "name")?,
            municipality: f.text(&file, "municipality")?,
            nis,
            code,
            polygons: f.polygons,
        });
    }
    Ok(out)
}

/// The Proeftuinen of the seeds, drawn with the neighbourhood polygons of `src`.
/// A seeded polygon code missing from the file is listed in `missing_codes` of its entry
/// (the entry then falls back to a marker and counts as approximate).
pub fn load_proeftuinen(
    src: &DataSource,
    atlas: &Atlas,
    seeds: &Seeds,
) -> Result<Vec<ProeftuinOverlay>, DataError> {
    let neighbourhoods = read_neighbourhoods(src)?;
    Ok(proeftuin_overlays(atlas, seeds, &neighbourhoods))
}

/// Other names of each atlas municipality, for search: the French name and, for a
/// municipality formed by a merger in 2025, the Dutch and French names of the municipalities
/// it was made of (from `municipalities_flanders_brussels_2019-2024.geojson`). Indexed like
/// `atlas.municipalities`; names equal to the current name are left out.
pub fn read_municipality_aliases(
    src: &DataSource,
    atlas: &Atlas,
) -> Result<TiVec<MunicipalityId, Vec<String>>, DataError> {
    let file = src.path(files::MUNI_2019);
    let mut names: HashMap<String, Vec<String>> = HashMap::new();
    for f in src.polygons(files::MUNI_2019)? {
        let code = f.text(&file, "nis")?;
        let mut list = vec![f.text(&file, "name_nl")?];
        if let Ok(fr) = f.text(&file, "name_fr") {
            list.push(fr);
        }
        names.insert(code, list);
    }
    Ok(atlas
        .municipalities
        .iter()
        .map(|m| {
            let mut out: Vec<String> = Vec::new();
            for (code, _) in &m.predecessors {
                for n in names.get(code).into_iter().flatten() {
                    if *n != m.name && !out.contains(n) {
                        out.push(n.clone());
                    }
                }
            }
            out
        })
        .collect())
}
