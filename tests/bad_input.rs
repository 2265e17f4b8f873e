//! Bad input gives a clear error naming the file and the place, never a panic.

use crate::common;

use std::path::Path;

use gebiedsplanner::data::{self, load_atlas};
use gebiedsplanner::model::atlas::Edition;

#[test]
fn a_missing_data_folder_is_reported_with_the_files_it_needs() {
    let missing = Path::new("/nonexistent/gebiedsplanner-data");
    let d = data::discover(Some(missing), None, Edition::M2025);
    assert_eq!(d.chosen, None);
    assert_eq!(d.candidates.len(), 1, "--data is the only place tried");
    assert!(
        d.candidates[0]
            .missing
            .contains(&"municipalities_flanders_brussels_2025.geojson")
    );
    let err = load_atlas(&common::folder(missing), Edition::M2025).expect_err("no data");
    assert!(
        err.to_string().contains("/nonexistent/gebiedsplanner-data"),
        "{err}"
    );
}

#[test]
fn geojson_that_is_not_json_names_the_file() {
    let tmp = common::data_copy();
    let f = tmp
        .path()
        .join("municipalities_flanders_brussels_2025.geojson");
    std::fs::write(&f, "this is { not json").expect("write");
    let err = load_atlas(&common::folder(tmp.path()), Edition::M2025).expect_err("bad json");
    let msg = err.to_string();
    assert!(
        msg.contains("municipalities_flanders_brussels_2025.geojson"),
        "{msg}"
    );
    assert!(msg.contains(": line 1, column "), "{msg}");
    assert!(msg.contains("not valid JSON"), "{msg}");
}

#[test]
fn geojson_in_lambert_72_is_recognised() {
    let tmp = common::data_copy();
    let f = tmp.path().join("elz_antwerpen_2025.geojson");
    std::fs::write(
        &f,
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"elzantw_code":"1","elz_name":"X"},
        "geometry":{"type":"Polygon","coordinates":[[[152000,212000],[153000,212000],[153000,213000],[152000,212000]]]}}]}"#,
    )
    .expect("write");
    let err = load_atlas(&common::folder(tmp.path()), Edition::M2025).expect_err("lambert");
    let msg = err.to_string();
    assert!(
        msg.contains("elz_antwerpen_2025.geojson: feature 1"),
        "{msg}"
    );
    assert!(msg.contains("Lambert 72"), "{msg}");
}

#[test]
fn a_csv_with_an_unknown_nis_code_names_the_file_and_the_code() {
    let tmp = common::data_copy();
    let f = tmp.path().join("elz_gemeenten_2025.csv");
    let mut text = std::fs::read_to_string(&f).expect("read");
    text.push_str("99999,Nergenshuizen,Antwerpen,elz43,RupeLaar,99999\n");
    std::fs::write(&f, text).expect("write");
    let err = load_atlas(&common::folder(tmp.path()), Edition::M2025).expect_err("unknown code");
    let msg = err.to_string();
    assert!(msg.contains("elz_gemeenten_2025.csv"), "{msg}");
    assert!(msg.contains("99999"), "{msg}");
}

#[test]
fn a_csv_with_a_broken_number_names_the_line() {
    let tmp = common::data_copy();
    let f = tmp.path().join("population_flanders_2021_by_agegroup.csv");
    let text = std::fs::read_to_string(&f).expect("read");
    let text = text.replacen("11001,Aartselaar,14455", "11001,Aartselaar,veel", 1);
    std::fs::write(&f, text).expect("write");
    let err = load_atlas(&common::folder(tmp.path()), Edition::M2025).expect_err("bad number");
    let msg = err.to_string();
    assert!(
        msg.contains("population_flanders_2021_by_agegroup.csv: line 2"),
        "{msg}"
    );
    assert!(msg.contains("pop_total"), "{msg}");
}

#[test]
fn binary_and_empty_files_are_refused() {
    let tmp = common::data_copy();
    let f = tmp.path().join("elz_antwerpen_statsec.csv");
    std::fs::write(&f, [0u8, 159, 146, 150, 0, 1]).expect("write");
    let err = load_atlas(&common::folder(tmp.path()), Edition::M2025).expect_err("binary");
    assert!(err.to_string().contains("binary"), "{err}");
    std::fs::write(&f, "").expect("write");
    let err = load_atlas(&common::folder(tmp.path()), Edition::M2025).expect_err("empty");
    assert!(err.to_string().contains("empty"), "{err}");
}

/// Replace one line of a data file in a copy of the data folder, and load it.
fn load_with_line(file: &str, starts_with: &str, new_line: &str) -> String {
    let tmp = common::data_copy();
    let path = tmp.path().join(file);
    let text = std::fs::read_to_string(&path).expect("read");
    let mut found = false;
    let changed: Vec<String> = text
        .lines()
        .map(|l| {
            if !found && l.starts_with(starts_with) {
                found = true;
                new_line.to_string()
            } else {
                l.to_string()
            }
        })
        .collect();
    assert!(found, "{starts_with} in {file}");
    std::fs::write(&path, changed.join("\n") + "\n").expect("write");
    load_atlas(&common::folder(tmp.path()), Edition::M2025)
        .map(|_| ())
        .expect_err("an impossible figure is refused")
        .to_string()
}

#[test]
fn a_population_table_with_impossible_figures_is_refused_with_line_and_column() {
    let pop = "population_flanders_2021_by_agegroup.csv";
    // More children than inhabitants (Aartselaar is on line 2).
    let msg = load_with_line(
        pop,
        "11001,",
        "11001,Aartselaar,2415,14455,479,1030,906,1748,1573,1672,2147,1982,1753,950,215",
    );
    assert!(
        msg.contains(&format!("{pop}: line 2: column 'pop_0_17' (14455)")),
        "{msg}"
    );
    assert!(msg.contains("more children than inhabitants"), "{msg}");
    // A negative count.
    let msg = load_with_line(
        pop,
        "11001,",
        "11001,Aartselaar,-14455,2415,479,1030,906,1748,1573,1672,2147,1982,1753,950,215",
    );
    assert!(
        msg.contains(&format!("{pop}: line 2: column 'pop_total'")),
        "{msg}"
    );
    assert!(msg.contains("cannot be negative"), "{msg}");
    // A count that does not fit.
    let msg = load_with_line(
        pop,
        "11001,",
        "11001,Aartselaar,99999999999999999999999,2415,479,1030,906,1748,1573,1672,2147,1982,1753,950,215",
    );
    assert!(
        msg.contains(&format!("{pop}: line 2: column 'pop_total'")),
        "{msg}"
    );
    assert!(msg.contains("does not fit"), "{msg}");
    let msg = load_with_line(
        pop,
        "11001,",
        "11001,Aartselaar,4294967296,2415,479,1030,906,1748,1573,1672,2147,1982,1753,950,215",
    );
    assert!(msg.contains("does not fit"), "{msg}");
}

#[test]
fn a_municipality_under_two_parents_is_refused_not_counted_twice() {
    let elz = "elz_gemeenten_2025.csv";
    // Gent also claims Aartselaar's inhabitants.
    let msg = load_with_line(
        elz,
        "44021,",
        "44021,Gent,Oost-Vlaanderen,elz13,Gent,44021;11001",
    );
    assert!(msg.contains(&format!("{elz}: line ")), "{msg}");
    assert!(
        msg.contains("municipality 11001 is listed under both"),
        "{msg}"
    );
    assert!(msg.contains("nis_2024_predecessors"), "{msg}");
}
