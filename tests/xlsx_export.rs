//! The Excel export, opened as Excel would read it (with calamine): number cells hold numbers,
//! headers are readable words in the interface language.

use crate::common;

use calamine::{Data, Range, Reader, Xlsx, open_workbook_from_rs};
use gebiedsplanner::model::atlas::Edition;
use gebiedsplanner::model::compare::compare;

fn export_xlsx(lang: &str) -> Xlsx<std::io::Cursor<Vec<u8>>> {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("tabellen.xlsx");
    let (mut cmd, _run) = common::program();
    let out = cmd
        .args(["export", "--lang", lang, "--xlsx"])
        .arg(&file)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&file).expect("the workbook is written");
    open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("a workbook Excel can open")
}

fn header(r: &Range<Data>) -> Vec<String> {
    r.rows()
        .next()
        .expect("a header row")
        .iter()
        .map(std::string::ToString::to_string)
        .collect()
}

fn number(c: &Data) -> f64 {
    match c {
        Data::Float(v) => *v,
        Data::Int(v) => *v as f64,
        other => panic!("expected a number cell, found {other:?}"),
    }
}

#[test]
fn the_workbook_holds_numbers_under_readable_headers() {
    let s = common::doc(Edition::M2025);
    let mut wb = export_xlsx("nl");
    assert_eq!(
        wb.sheet_names(),
        vec![
            "Teams",
            "Eerstelijnszones",
            "Gemeenten",
            "Verschillen",
            "Bronnen"
        ]
    );

    let teams = wb.worksheet_range("Teams").expect("teams");
    let h = header(&teams);
    assert_eq!(
        h[..6],
        [
            "Team",
            "Eerstelijnszones",
            "Gemeenten",
            "Inwoners",
            "Kinderen 0-17",
            "Budget vast per zone (EUR)"
        ]
    );
    assert_eq!(teams.height(), s.scenario.teams.len() + 1);
    let gent = s.scenario.team_by_id("samen1plan-gent").expect("gent");
    let row = teams
        .rows()
        .find(|r| r[0] == "Samen1Plan Gent")
        .expect("Gent's row");
    assert_eq!(number(&row[3]), s.metrics.teams[gent].population.round());
    assert_eq!(number(&row[5]), s.metrics.teams[gent].budget_flat.round());
    // A column of numbers sums as the whole: every inhabitant of the atlas is in one team.
    let total: f64 = teams.rows().skip(1).map(|r| number(&r[3])).sum();
    let atlas_total: f64 = s.metrics.teams.iter().map(|t| t.population.round()).sum();
    assert_eq!(total, atlas_total);
    assert!(total > 7_000_000.0, "{total}");

    let zones = wb.worksheet_range("Eerstelijnszones").expect("zones");
    assert_eq!(
        header(&zones),
        ["Code", "Eerstelijnszone", "Team", "Gemeenten", "Inwoners"]
    );
    assert_eq!(zones.height(), s.data.atlas.units.len() + 1);
    for r in zones.rows().skip(1) {
        assert!(number(&r[4]) > 0.0, "{r:?}");
    }

    let munis = wb.worksheet_range("Gemeenten").expect("municipalities");
    assert_eq!(header(&munis)[..2], ["NIS-code", "Gemeente"]);
    assert_eq!(munis.height(), s.data.atlas.cells.len() + 1);
    let aalst = munis.rows().find(|r| r[0] == "41002").expect("Aalst");
    assert_eq!(aalst[1].to_string(), "Aalst");
    assert!(number(&aalst[4]) > 80_000.0);

    let diff = wb.worksheet_range("Verschillen").expect("differences");
    let moved = compare(&s.data.atlas, &s.scenario, &s.data.historic.scenario)
        .moved
        .len();
    assert!(moved > 0);
    assert_eq!(diff.height(), moved + 1);
    assert_eq!(header(&diff)[2], "Van (teams 2020)");

    let sources = wb.worksheet_range("Bronnen").expect("sources");
    let text: Vec<String> = sources.rows().map(|r| r[0].to_string()).collect();
    assert!(text.iter().any(|t| t.contains("Statbel")), "{text:?}");
    assert!(
        text.iter()
            .any(|t| t.contains("Modellicentie Gratis Hergebruik v1.0")),
        "{text:?}"
    );
}

#[test]
fn the_headers_follow_the_interface_language() {
    let mut wb = export_xlsx("en");
    assert_eq!(
        wb.sheet_names()[..3],
        ["Teams", "Primary-care zones", "Municipalities"]
    );
    let teams = wb.worksheet_range("Teams").expect("teams");
    assert_eq!(header(&teams)[3], "Population");
    assert_eq!(header(&teams)[5], "Budget flat per zone (EUR)");
}
