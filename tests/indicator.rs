//! Indicator tables: read by NIS code or name of either edition, unknown codes listed with
//! their line, and each team's sum or weighted mean.

use crate::common;
use gebiedsplanner::model::ids::{MunicipalityId, TeamId, TiSlice};

use gebiedsplanner::data::indicator::read_indicator_table;
use gebiedsplanner::data::table::TextEncoding;
use gebiedsplanner::model::atlas::Edition;
use gebiedsplanner::model::indicator::{Aggregate, per_team};

/// Three whole municipalities of one team (none split over zones).
fn three_of(team: TeamId) -> Vec<MunicipalityId> {
    let s = common::doc(Edition::M2025);
    let mut out: Vec<MunicipalityId> = Vec::new();
    for (ci, cell) in s.data.atlas.cells.iter_enumerated() {
        let m = cell.muni;
        if s.cell_team[ci] == Some(team)
            && s.data.atlas.municipalities[m].cells.len() == 1
            && !out.contains(&m)
        {
            out.push(m);
        }
    }
    out.truncate(3);
    assert_eq!(out.len(), 3);
    out
}

#[test]
fn a_table_gives_each_team_its_sum_and_weighted_means() {
    let s = common::doc(Edition::M2025);
    let atlas = &s.data.atlas;
    let gent = s.scenario.team_by_id("samen1plan-gent").expect("gent");
    let m = three_of(gent);
    let code = |i: usize| atlas.municipalities[m[i]].code.clone();
    let pop = |i: usize| atlas.municipalities[m[i]].population.expect("pop") as f64;
    let kids = |i: usize| atlas.municipalities[m[i]].children.expect("children") as f64;
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("indicatoren.csv");
    let text = format!(
        "nis;wachtlijst;kansarmoede\n{};10;5,0\n{};20;10,0\n{};30;20,0\n99999;4;1,0\n",
        code(0),
        code(1),
        code(2)
    );
    std::fs::write(&path, text).expect("write");
    let table = read_indicator_table(atlas, TiSlice::from_ref(&[]), &path).expect("reads");
    assert_eq!(table.unknown, vec![(5, "99999".to_string())]);
    assert_eq!(table.encoding, TextEncoding::Utf8);
    let names: Vec<&str> = table.indicators.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["wachtlijst", "kansarmoede"]);

    let teams = s.scenario.teams.len();
    let sums = per_team(
        atlas,
        &s.cell_team,
        teams,
        &table.indicators[0],
        Aggregate::Sum,
    );
    assert_eq!(sums[gent], Some(60.0));
    // Teams without a row have no figure.
    assert_eq!(sums.iter().filter(|v| v.is_some()).count(), 1);

    let by_pop = per_team(
        atlas,
        &s.cell_team,
        teams,
        &table.indicators[1],
        Aggregate::MeanByPopulation,
    );
    let want = (5.0 * pop(0) + 10.0 * pop(1) + 20.0 * pop(2)) / (pop(0) + pop(1) + pop(2));
    assert!((by_pop[gent].expect("mean") - want).abs() < 1e-9);
    let by_kids = per_team(
        atlas,
        &s.cell_team,
        teams,
        &table.indicators[1],
        Aggregate::MeanByChildren,
    );
    let want = (5.0 * kids(0) + 10.0 * kids(1) + 20.0 * kids(2)) / (kids(0) + kids(1) + kids(2));
    assert!((by_kids[gent].expect("mean") - want).abs() < 1e-9);
}

/// A table of the 2019-2024 municipalities on the 2025 map: Nazareth (44048) and De Pinte
/// (44012) make Nazareth-De Pinte (44086); names match without accents or dashes; a
/// Windows-1252 file reads.
#[test]
fn former_municipalities_and_names_find_their_place() {
    let s = common::doc(Edition::M2025);
    let atlas = &s.data.atlas;
    let merged = atlas.muni_by_code("44086").expect("Nazareth-De Pinte");
    let pred = |code: &str| {
        atlas.municipalities[merged]
            .predecessors
            .iter()
            .find(|(c, _)| c == code)
            .and_then(|(_, p)| *p)
            .expect("predecessor population") as f64
    };
    let (nazareth, de_pinte) = (pred("44048"), pred("44012"));
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("oud.csv");
    // "Sint-Niklaas" by name, in Windows-1252 with a "Liège" row that is not in Flanders.
    std::fs::write(
        &path,
        b"nis;gemeente;projecten;aandeel\n44048;Nazareth;7;10\n44012;De Pinte;3;20\n;sint niklaas;2;30\n;Li\xe8ge;1;1\n",
    )
    .expect("write");
    let table = read_indicator_table(atlas, TiSlice::from_ref(&[]), &path).expect("reads");
    assert_eq!(table.encoding, TextEncoding::Windows1252);
    assert_eq!(table.unknown, vec![(5, "Liège".to_string())]);
    let projects = &table.indicators[0];
    assert_eq!(projects.values[merged], Some(10.0));
    let share = &table.indicators[1];
    let want = (10.0 * nazareth + 20.0 * de_pinte) / (nazareth + de_pinte);
    assert!((share.rates[merged].expect("rate") - want).abs() < 1e-9);
    let sint_niklaas = atlas.muni_by_code("46021").expect("Sint-Niklaas");
    assert_eq!(projects.values[sint_niklaas], Some(2.0));
}

#[test]
fn an_excel_table_reads_with_numeric_codes() {
    let s = common::doc(Edition::M2025);
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("tabel.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "NIS").expect("cell");
    ws.write_string(0, 1, "wachtlijst").expect("cell");
    ws.write_number(1, 0, 44021.0).expect("cell");
    ws.write_number(1, 1, 12.0).expect("cell");
    ws.write_number(2, 0, 12345.0).expect("cell");
    ws.write_number(2, 1, 3.0).expect("cell");
    wb.save(&path).expect("save");
    let table = read_indicator_table(&s.data.atlas, TiSlice::from_ref(&[]), &path).expect("reads");
    let gent = s.data.atlas.muni_by_code("44021").expect("Gent");
    assert_eq!(table.indicators[0].values[gent], Some(12.0));
    assert_eq!(table.unknown, vec![(3, "12345".to_string())]);
}
