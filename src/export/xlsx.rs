//! The tables of a scenario as an Excel workbook: the teams, the zones, the municipalities,
//! the differences against a comparison, and the sources. Numbers are number cells with a
//! display format, so that Excel sums and sorts them; headers are in the interface language.

use rust_xlsxwriter::{Color, Format, FormatAlign, Workbook, Worksheet, XlsxError};

use crate::document::Document;
use crate::i18n::{self, ATTRIBUTIONS, Lang, Texts};
use crate::model::compare::compare;
use crate::model::ids::TeamId;
use crate::model::scenario::Scenario;

use super::team_table::{Cell, team_rows};

/// The comparison the differences are taken against: its name and its division.
pub struct Baseline<'a> {
    pub name: &'a str,
    pub scenario: &'a Scenario,
}

/// Display formats. A format code is stored the same in every language; Excel shows `,` as
/// the thousands separator of the reader's locale, so a Belgian Excel shows 1.234.567 and
/// EUR 400.000.
const WHOLE: &str = "#,##0";
const EURO: &str = "\"EUR \"#,##0";
const DECIMAL: &str = "#,##0.0";

struct Formats {
    header: Format,
    whole: Format,
    euro: Format,
    decimal: Format,
}

fn formats() -> Formats {
    Formats {
        header: Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0xDCE6F1))
            .set_align(FormatAlign::Top)
            .set_text_wrap(),
        whole: Format::new().set_num_format(WHOLE),
        euro: Format::new().set_num_format(EURO),
        decimal: Format::new().set_num_format(DECIMAL),
    }
}

/// One sheet: a header row kept in view (and the first column when `freeze_first`), the rows,
/// columns wide enough for their contents.
fn sheet(
    wb: &mut Workbook,
    f: &Formats,
    name: &str,
    header: &[String],
    rows: &[Vec<Cell>],
    freeze_first: bool,
) -> Result<(), XlsxError> {
    let ws: &mut Worksheet = wb.add_worksheet();
    ws.set_name(name)?;
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count().min(30)).collect();
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &f.header)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let col = c as u16;
            let shown = match cell {
                Cell::Text(s) => {
                    ws.write_string(r, col, s)?;
                    s.chars().count()
                }
                Cell::Whole(v) => {
                    ws.write_number_with_format(r, col, v.round(), &f.whole)?;
                    i18n::int(*v).len()
                }
                Cell::Euro(v) => {
                    ws.write_number_with_format(r, col, v.round(), &f.euro)?;
                    i18n::eur(*v).len()
                }
                Cell::Decimal(v) => {
                    ws.write_number_with_format(r, col, *v, &f.decimal)?;
                    i18n::dec(*v, 1).len()
                }
                Cell::Empty => 0,
            };
            if let Some(w) = widths.get_mut(c) {
                *w = (*w).max(shown);
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w).clamp(6, 60) as f64 + 2.0)?;
    }
    ws.set_freeze_panes(1, u16::from(freeze_first))?;
    Ok(())
}

fn team_name(s: &Scenario, t: Option<TeamId>) -> String {
    t.and_then(|t| s.teams.get(t))
        .map(|t| t.name.clone())
        .unwrap_or_default()
}

fn teams_sheet(wb: &mut Workbook, f: &Formats, doc: &Document, t: &Texts) -> Result<(), XlsxError> {
    let (header, rows) = team_rows(doc, t);
    sheet(wb, f, t.teams, &header, &rows, true)
}

fn zones_sheet(wb: &mut Workbook, f: &Formats, doc: &Document, t: &Texts) -> Result<(), XlsxError> {
    let atlas = &doc.data.atlas;
    let s = &doc.scenario;
    let header = vec![
        t.code.to_string(),
        t.zone.to_string(),
        t.team.to_string(),
        t.municipalities.to_string(),
        t.population.to_string(),
    ];
    let rows: Vec<Vec<Cell>> = atlas
        .units
        .iter_enumerated()
        .map(|(u, unit)| {
            let population: f64 = unit
                .cells
                .iter()
                .filter_map(|&c| atlas.cells[c].population)
                .sum();
            vec![
                Cell::Text(unit.code.clone()),
                Cell::Text(unit.name.clone()),
                Cell::Text(team_name(s, s.unit_team[u])),
                Cell::Whole(unit.municipalities.len() as f64),
                Cell::Whole(population),
            ]
        })
        .collect();
    sheet(wb, f, t.zones, &header, &rows, true)
}

/// One row per part of a municipality in a zone (a municipality split over zones has a row
/// per zone), with the team that part belongs to.
fn municipalities_sheet(
    wb: &mut Workbook,
    f: &Formats,
    doc: &Document,
    t: &Texts,
) -> Result<(), XlsxError> {
    let atlas = &doc.data.atlas;
    let s = &doc.scenario;
    let cell_team = s.cell_teams(atlas);
    let header = vec![
        t.nis_code.to_string(),
        t.municipality.to_string(),
        t.zone.to_string(),
        t.team.to_string(),
        t.population.to_string(),
        t.children.to_string(),
    ];
    let rows: Vec<Vec<Cell>> = atlas
        .cells
        .iter_enumerated()
        .map(|(c, cell)| {
            let muni = &atlas.municipalities[cell.muni];
            let num = |v: Option<f64>| v.map_or(Cell::Text(t.unknown.into()), Cell::Whole);
            vec![
                Cell::Text(muni.code.clone()),
                Cell::Text(muni.name.clone()),
                Cell::Text(atlas.units[cell.unit].name.clone()),
                Cell::Text(team_name(s, cell_team[c])),
                num(cell.population),
                num(cell.children),
            ]
        })
        .collect();
    sheet(wb, f, t.municipalities, &header, &rows, true)
}

fn differences_sheet(
    wb: &mut Workbook,
    f: &Formats,
    doc: &Document,
    baseline: &Baseline,
    t: &Texts,
) -> Result<(), XlsxError> {
    let atlas = &doc.data.atlas;
    let c = compare(atlas, &doc.scenario, baseline.scenario);
    let header = vec![
        t.municipality.to_string(),
        t.zone.to_string(),
        format!("{} ({})", t.from_team, baseline.name),
        t.to_team.to_string(),
        t.population.to_string(),
        t.children.to_string(),
    ];
    let rows: Vec<Vec<Cell>> = c
        .moved
        .iter()
        .map(|m| {
            let cl = &atlas.cells[m.cell];
            let num = |v: Option<f64>| v.map_or(Cell::Text(t.unknown.into()), Cell::Whole);
            vec![
                Cell::Text(atlas.municipalities[cl.muni].name.clone()),
                Cell::Text(atlas.units[cl.unit].name.clone()),
                Cell::Text(team_name(baseline.scenario, m.from)),
                Cell::Text(team_name(&doc.scenario, m.to)),
                num(cl.population),
                num(cl.children),
            ]
        })
        .collect();
    sheet(wb, f, t.differences, &header, &rows, false)
}

fn sources_sheet(wb: &mut Workbook, f: &Formats, t: &Texts) -> Result<(), XlsxError> {
    let rows: Vec<Vec<Cell>> = ATTRIBUTIONS
        .iter()
        .map(|a| vec![Cell::Text(a.to_string())])
        .collect();
    sheet(
        wb,
        f,
        t.sources_sheet,
        &[t.attribution.to_string()],
        &rows,
        false,
    )
}

/// The workbook of `doc`'s scenario, with the differences against `baseline` when given.
/// Sheet names and headers are in `lang`.
pub fn tables_xlsx(
    doc: &Document,
    baseline: Option<&Baseline>,
    lang: Lang,
) -> Result<Vec<u8>, XlsxError> {
    let t = i18n::texts(lang);
    let f = formats();
    let mut wb = Workbook::new();
    let title = i18n::scenario_ui::title(&doc.scenario, t);
    wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_title(&title));
    teams_sheet(&mut wb, &f, doc, t)?;
    zones_sheet(&mut wb, &f, doc, t)?;
    municipalities_sheet(&mut wb, &f, doc, t)?;
    if let Some(b) = baseline {
        differences_sheet(&mut wb, &f, doc, b, t)?;
    }
    sources_sheet(&mut wb, &f, t)?;
    wb.save_to_buffer()
}
