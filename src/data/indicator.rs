//! Reading an indicator table: one row per municipality, named by NIS code or by name (of
//! either edition), with one or more numeric columns. CSV (`;` or `,`, UTF-8 or
//! Windows-1252) or XLSX (the first sheet). Rows whose municipality is not in the data are
//! listed with their line, not loaded.

use std::collections::HashMap;
use std::path::Path;

use super::error::{DataError, read_bytes};
use super::table::{TextEncoding, decode_table, parse_table};
use crate::model::atlas::Atlas;
use crate::model::ids::{MunicipalityId, TiSlice, TiVec};
use crate::model::indicator::Indicator;

/// Header names taken as the municipality's NIS code, or its name.
const CODE_COLUMNS: [&str; 6] = ["nis", "nis_code", "niscode", "nis-code", "refnis", "code"];
const NAME_COLUMNS: [&str; 5] = ["gemeente", "municipality", "naam", "name", "name_nl"];

#[derive(Clone, Debug, Default, PartialEq)]
pub struct IndicatorTable {
    /// One per numeric column, in the order of the file.
    pub indicators: Vec<Indicator>,
    /// Line and the code or name that is not a municipality of the data.
    pub unknown: Vec<(u64, String)>,
    /// Line, column and the text that is not a number (the cell is left empty).
    pub not_numbers: Vec<(u64, String, String)>,
    pub encoding: TextEncoding,
}

/// A number as a planner's spreadsheet writes it: `1234.5`, `1.234,5`, `12,5 %`, `1 234`.
pub fn parse_number(s: &str) -> Option<f64> {
    let t: String = s
        .trim()
        .trim_end_matches('%')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    if t.is_empty() {
        return None;
    }
    let plain = if t.contains(',') {
        // Belgian style: `.` groups thousands, `,` is the decimal mark.
        t.replace('.', "").replace(',', ".")
    } else if t.matches('.').count() > 1 {
        t.replace('.', "")
    } else {
        t
    };
    plain.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Lower case without accents and with single spaces, to match names.
fn fold(s: &str) -> String {
    let mut out = String::new();
    for c in s.trim().chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'á' | 'â' | 'ä' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            '-' | '_' => ' ',
            c => c,
        };
        if c == ' ' && out.ends_with(' ') {
            continue;
        }
        out.push(c);
    }
    out
}

/// Where each code and name of either edition points: the municipality of the atlas, and the
/// share of its inhabitants (a municipality of 2019-2024 merged into a larger one in 2025 is
/// a share of it).
struct Lookup {
    by_code: HashMap<String, (MunicipalityId, f64)>,
    by_name: HashMap<String, (MunicipalityId, f64)>,
}

fn lookup(atlas: &Atlas, aliases: &TiSlice<MunicipalityId, Vec<String>>) -> Lookup {
    let mut by_code = HashMap::new();
    let mut by_name = HashMap::new();
    for (i, m) in atlas.municipalities.iter_enumerated() {
        by_code.insert(m.code.clone(), (i, 1.0));
        by_name.insert(fold(&m.name), (i, 1.0));
        let total: u64 = m.predecessors.iter().filter_map(|(_, p)| *p).sum();
        for (code, pop) in &m.predecessors {
            let share = match (pop, total) {
                (Some(p), t) if t > 0 && m.predecessors.len() > 1 => *p as f64 / t as f64,
                _ => 1.0,
            };
            by_code.entry(code.clone()).or_insert((i, share));
        }
        // Former and French names: the whole municipality (the share of a former part is not
        // known by name).
        for a in aliases.get(i).into_iter().flatten() {
            by_name.entry(fold(a)).or_insert((i, 1.0));
        }
    }
    Lookup { by_code, by_name }
}

/// The rows of a table: line number and cells by header.
struct Sheet {
    header: Vec<String>,
    rows: Vec<(u64, Vec<String>)>,
}

fn csv_sheet(file: &Path, text: &str) -> Result<Sheet, DataError> {
    let rows = parse_table(file, text, &[])?;
    let first = text.lines().next().unwrap_or("");
    let delim = if first.matches(';').count() > first.matches(',').count() {
        ';'
    } else {
        ','
    };
    let header: Vec<String> = first
        .split(delim)
        .map(|h| h.trim().trim_matches('"').trim().to_string())
        .collect();
    let rows = rows
        .into_iter()
        .map(|r| {
            let cells = header.iter().map(|h| r.opt(h).to_string()).collect();
            (r.line, cells)
        })
        .collect();
    Ok(Sheet { header, rows })
}

fn xlsx_sheet(file: &Path, bytes: Vec<u8>) -> Result<Sheet, DataError> {
    use calamine::{Data, Reader, Xlsx};
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| DataError::whole(file, format!("not an Excel workbook: {e}")))?;
    let Some(name) = wb.sheet_names().first().cloned() else {
        return Err(DataError::whole(file, "the workbook has no sheets"));
    };
    let range = wb
        .worksheet_range(&name)
        .map_err(|e| DataError::whole(file, format!("sheet '{name}': {e}")))?;
    let text = |c: &Data| match c {
        Data::Float(v) => v.to_string(),
        Data::Int(v) => v.to_string(),
        other => other.to_string().trim().to_string(),
    };
    let start = range.start().map_or(0, |(r, _)| r as u64);
    let mut rows = range.rows().enumerate();
    let header = match rows.next() {
        Some((_, r)) => r.iter().map(text).collect(),
        None => return Err(DataError::whole(file, format!("sheet '{name}' is empty"))),
    };
    let rows = rows
        .filter(|(_, r)| r.iter().any(|c| !text(c).is_empty()))
        .map(|(i, r)| (start + i as u64 + 1, r.iter().map(text).collect()))
        .collect();
    Ok(Sheet { header, rows })
}

/// Read an indicator table for `atlas`. `aliases` are the other names of each municipality
/// (see `overlays::read_municipality_aliases`; may be empty).
pub fn read_indicator_table(
    atlas: &Atlas,
    aliases: &TiSlice<MunicipalityId, Vec<String>>,
    file: &Path,
) -> Result<IndicatorTable, DataError> {
    let bytes = read_bytes(file)?;
    let is_xlsx = bytes.starts_with(b"PK\x03\x04");
    let (sheet, encoding) = if is_xlsx {
        (xlsx_sheet(file, bytes)?, TextEncoding::Utf8)
    } else {
        let (text, enc) = decode_table(file, bytes)?;
        (csv_sheet(file, &text)?, enc)
    };
    let find = |names: &[&str]| {
        sheet
            .header
            .iter()
            .position(|h| names.contains(&h.to_lowercase().as_str()))
    };
    let code_col = find(&CODE_COLUMNS);
    let name_col = find(&NAME_COLUMNS);
    if code_col.is_none() && name_col.is_none() {
        return Err(DataError::new(
            file,
            "line 1",
            "the header needs a column with the NIS code (nis) or the municipality's name (gemeente)",
        ));
    }
    // Numeric columns: every other column with at least one number in it.
    let value_cols: Vec<usize> = (0..sheet.header.len())
        .filter(|c| Some(*c) != code_col && Some(*c) != name_col)
        .filter(|&c| {
            sheet
                .rows
                .iter()
                .any(|(_, r)| r.get(c).is_some_and(|v| parse_number(v).is_some()))
        })
        .collect();
    if value_cols.is_empty() {
        return Err(DataError::new(
            file,
            "line 1",
            "the table has no column of numbers",
        ));
    }
    let look = lookup(atlas, aliases);
    let n = atlas.municipalities.len();
    let mut out = IndicatorTable {
        indicators: value_cols
            .iter()
            .map(|&c| Indicator {
                name: sheet.header[c].clone(),
                values: vec![None; n].into(),
                rates: vec![None; n].into(),
            })
            .collect(),
        encoding,
        ..IndicatorTable::default()
    };
    // Values that several rows give for one municipality (the parts of a merged one): their
    // sum, and their sum weighted by the share of the inhabitants each stands for.
    let mut weighted: Vec<TiVec<MunicipalityId, (f64, f64)>> =
        vec![vec![(0.0, 0.0); n].into(); value_cols.len()];
    for (line, row) in &sheet.rows {
        let cell = |c: Option<usize>| c.and_then(|c| row.get(c)).map_or("", |s| s.trim());
        let code = cell(code_col);
        let name = cell(name_col);
        let hit = (!code.is_empty())
            .then(|| {
                // A code written as a number loses its leading zero (04000 -> 4000).
                let code = format!("{:0>5}", code.trim_end_matches(".0"));
                look.by_code.get(&code).copied()
            })
            .flatten()
            .or_else(|| look.by_name.get(&fold(name)).copied());
        let Some((m, share)) = hit else {
            let what = if code.is_empty() { name } else { code };
            out.unknown.push((*line, what.to_string()));
            continue;
        };
        for (k, &c) in value_cols.iter().enumerate() {
            let raw = cell(Some(c));
            if raw.is_empty() {
                continue;
            }
            match parse_number(raw) {
                Some(v) => {
                    *out.indicators[k].values[m].get_or_insert(0.0) += v;
                    let w = &mut weighted[k][m];
                    w.0 += v * share;
                    w.1 += share;
                }
                None => out
                    .not_numbers
                    .push((*line, sheet.header[c].clone(), raw.to_string())),
            }
        }
    }
    for (ind, w) in out.indicators.iter_mut().zip(&weighted) {
        for (m, (vw, share)) in w.iter_enumerated() {
            if *share > 0.0 {
                ind.rates[m] = Some(vw / share);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_belgian_and_plain_style() {
        assert_eq!(parse_number("1.234,5"), Some(1234.5));
        assert_eq!(parse_number("1234.5"), Some(1234.5));
        assert_eq!(parse_number("12,5 %"), Some(12.5));
        assert_eq!(parse_number("1 234"), Some(1234.0));
        assert_eq!(parse_number("1.234.567"), Some(1_234_567.0));
        assert_eq!(parse_number("veel"), None);
        assert_eq!(parse_number(""), None);
    }

    #[test]
    fn names_match_without_accents_case_or_dashes() {
        assert_eq!(fold("Sint-Niklaas"), fold("sint niklaas"));
        assert_eq!(fold("Écaussinnes"), "ecaussinnes");
    }
}
