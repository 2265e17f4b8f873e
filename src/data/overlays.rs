//! Reading the overlay files of the data folder: province borders.

use std::collections::BTreeSet;
use std::path::Path;

use super::error::DataError;
use super::geojson_read::read_polygons;
use super::load::files;
use crate::model::overlay::provinces::{ProvinceInput, ProvinceLayer};

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

/// Read the provinces and Brussels (the IROJ regions) from
/// `provinces_flanders_brussels.geojson` in `dir`.
pub fn read_provinces(dir: &Path) -> Result<ProvinceLayer, DataError> {
    let file = dir.join(files::PROVINCES);
    let mut inputs = Vec::new();
    let mut seen = BTreeSet::new();
    for f in read_polygons(&file)? {
        let code = f.text(&file, "province_nis")?;
        check_nis(&file, f.number, "province_nis", &code)?;
        if !seen.insert(code.clone()) {
            return Err(DataError::new(
                &file,
                format!("feature {}", f.number),
                format!("province {code} appears twice"),
            ));
        }
        inputs.push(ProvinceInput {
            name: f.text(&file, "name_nl")?,
            code,
            polygons: f.polygons,
        });
    }
    if inputs.is_empty() {
        return Err(DataError::whole(&file, "the file has no provinces"));
    }
    Ok(ProvinceLayer::build(inputs))
}
