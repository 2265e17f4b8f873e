//! The team table as the spreadsheets get it: one header in the interface language and one
//! row of typed cells per team. The Excel workbook writes the cells as number cells; the
//! clipboard copy writes them as tab-separated text that Excel pastes as cells.

use crate::document::Document;
use crate::i18n::{self, Lang, Texts};

/// A cell of a row.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Whole(f64),
    Euro(f64),
    /// A rate, shown with one decimal.
    Decimal(f64),
    Empty,
}

pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The header and the rows of the teams of `doc`, with the picked indicator's figure per
/// team as the last column when there is one.
pub fn team_rows(doc: &Document, t: &Texts) -> (Vec<String>, Vec<Vec<Cell>>) {
    let s = &doc.scenario;
    let m = &doc.metrics;
    let mut header = vec![
        t.team.to_string(),
        t.zones.to_string(),
        t.municipalities.to_string(),
        t.population.to_string(),
        t.children.to_string(),
        format!("{} {} (EUR)", t.budget, t.budget_flat),
        format!("{} {} (EUR)", t.budget, t.budget_share),
        capitalise(t.contiguous),
        capitalise(t.parts),
        capitalise(t.partners),
    ];
    let indicator = doc.indicator.as_ref().zip(doc.indicator_per_team());
    if let Some((choice, _)) = &indicator {
        header.push(format!(
            "{} ({})",
            choice.indicator.name,
            crate::map::choropleth::aggregate_text(choice.how, t)
        ));
    }
    let rows = s
        .teams
        .iter_enumerated()
        .map(|(i, team)| {
            let st = &m.teams[i];
            let mut row = vec![
                Cell::Text(team.name.clone()),
                Cell::Whole(st.units.len() as f64),
                Cell::Whole(st.municipalities as f64),
                Cell::Whole(st.population),
                if st.children_known() {
                    Cell::Whole(st.children)
                } else {
                    Cell::Text(format!("{} + {}", i18n::int(st.children), t.unknown))
                },
                Cell::Euro(st.budget_flat),
                Cell::Euro(st.budget_share),
                Cell::Text(if st.is_contiguous() { t.yes } else { t.no }.to_string()),
                Cell::Whole(st.components.len() as f64),
                team.partners.map_or(Cell::Empty, |p| Cell::Whole(p as f64)),
            ];
            if let Some((choice, values)) = &indicator {
                row.push(match values.get(i).copied().flatten() {
                    Some(v) if choice.how.is_sum() => Cell::Whole(v),
                    Some(v) => Cell::Decimal(v),
                    None => Cell::Empty,
                });
            }
            row
        })
        .collect();
    (header, rows)
}

/// The team table as tab-separated text for the clipboard: pasted into Excel, each value
/// lands in its own cell. Whole numbers and amounts are written as bare digits, without
/// thousands separators: Excel takes "1234567" for a number in every locale, while
/// "1.234.567" is a number only where the point groups thousands, and "1.234" would even be
/// read as one point two three four in an English Excel. A rate has a decimal mark, so it
/// follows the interface language: a comma in Dutch (what Excel in nl-BE reads as the
/// decimal mark), a point in English.
pub fn teams_tsv(doc: &Document, lang: Lang) -> String {
    let t = i18n::texts(lang);
    let (header, rows) = team_rows(doc, t);
    // A tab or a line break inside a name would split its cell.
    let clean = |s: &str| {
        super::text::visible(s)
            .chars()
            .map(|c| {
                if c == '\t' || c == '\n' || c == '\r' {
                    ' '
                } else {
                    c
                }
            })
            .collect::<String>()
    };
    let cell = |c: &Cell| match c {
        Cell::Text(s) => clean(s),
        Cell::Whole(v) | Cell::Euro(v) => format!("{v:.0}"),
        Cell::Decimal(v) => match lang {
            Lang::Nl => i18n::dec(*v, 1),
            Lang::En => format!("{v:.1}"),
        },
        Cell::Empty => String::new(),
    };
    let mut out = header
        .iter()
        .map(|h| clean(h))
        .collect::<Vec<_>>()
        .join("\t");
    out.push('\n');
    for r in &rows {
        out.push_str(&r.iter().map(cell).collect::<Vec<_>>().join("\t"));
        out.push('\n');
    }
    out
}
