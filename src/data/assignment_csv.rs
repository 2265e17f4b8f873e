//! The assignment table planners edit in Excel: one row per zone (or municipality) with its
//! team. Read with `;` or `,`, UTF-8 with or without BOM or Windows-1252 (as Excel saves CSV
//! on Windows); what cannot be used is listed with its line number, the rest is loaded.

use std::path::Path;

use super::error::DataError;
use super::table::{TextEncoding, decode_table, parse_table, write_csv};
use crate::model::atlas::Atlas;
use crate::model::edit::{Edit, EditError, apply};
use crate::model::ids::TeamId;
use crate::model::scenario::Scenario;

/// Columns accepted for the code and the team.
const CODE_COLUMNS: [&str; 5] = ["code", "elz_code", "nis", "elz", "zone"];
const TEAM_COLUMNS: [&str; 3] = ["team", "team_name", "team_id"];

/// Write the table: zones first, then municipalities that differ from their zone.
/// `;`-separated, UTF-8 with a byte order mark (what Excel expects in Belgium).
pub fn export(atlas: &Atlas, s: &Scenario) -> String {
    let team = |t: Option<TeamId>| {
        t.and_then(|t| s.teams.get(t))
            .map(|t| t.name.clone())
            .unwrap_or_default()
    };
    let header = vec!["code".to_string(), "name".to_string(), "team".to_string()];
    let zones = atlas
        .units
        .iter_enumerated()
        .map(|(u, unit)| vec![unit.code.clone(), unit.name.clone(), team(s.unit_team[u])]);
    let municipalities = s.muni_team.iter().map(|(&m, &t)| {
        let muni = &atlas.municipalities[m];
        vec![muni.code.clone(), muni.name.clone(), team(t)]
    });
    write_csv(std::iter::once(header).chain(zones).chain(municipalities))
}

/// Why a line of the table was not used.
#[derive(Clone, Debug, PartialEq)]
pub enum SkipReason {
    NoCode,
    /// The same code was given on an earlier line.
    Repeated {
        code: String,
        first: u64,
    },
    /// The team is not in the scenario.
    UnknownTeam(String),
    /// The code is not a zone or municipality of the data.
    UnknownCode(String),
    /// The move was refused (a locked team, ...).
    Refused(EditError),
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportReport {
    pub zones: usize,
    pub municipalities: usize,
    /// Line number and why the line was skipped.
    pub skipped: Vec<(u64, SkipReason)>,
    /// The encoding the file was read in.
    pub encoding: TextEncoding,
}

/// Apply a table to a scenario. Teams are matched by name (or id), case-insensitively;
/// an empty team cell means "no team".
pub fn import(
    atlas: &Atlas,
    s: &mut Scenario,
    file: &Path,
    text: &str,
) -> Result<ImportReport, DataError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rows = parse_table(file, text, &[])?;
    let header = text.lines().next().unwrap_or("").to_lowercase();
    let find = |cands: &[&str]| -> Option<String> {
        let delim = if header.matches(';').count() > header.matches(',').count() {
            ';'
        } else {
            ','
        };
        header
            .split(delim)
            .map(|h| h.trim().trim_matches('"').to_string())
            .find(|h| cands.contains(&h.as_str()))
    };
    let (Some(code_col), Some(team_col)) = (find(&CODE_COLUMNS), find(&TEAM_COLUMNS)) else {
        return Err(DataError::new(
            file,
            "line 1",
            "the header needs a code column (code, elz_code or nis) and a team column (team)",
        ));
    };
    if rows.is_empty() {
        return Err(DataError::whole(file, "the table has a header but no rows"));
    }
    let mut report = ImportReport::default();
    // The line each code was first given on: a second line for the same code is ambiguous.
    let mut first_line: std::collections::HashMap<String, u64> = Default::default();
    for row in rows {
        let code = row_field(&row, &code_col);
        let team_name = row_field(&row, &team_col);
        if code.is_empty() {
            report.skipped.push((row.line, SkipReason::NoCode));
            continue;
        }
        if let Some(first) = first_line.get(&code.to_lowercase()) {
            report.skipped.push((
                row.line,
                SkipReason::Repeated {
                    code,
                    first: *first,
                },
            ));
            continue;
        }
        first_line.insert(code.to_lowercase(), row.line);
        let team = if team_name.is_empty() {
            None
        } else {
            match s.teams.position(|t| {
                t.name.eq_ignore_ascii_case(&team_name) || t.id.eq_ignore_ascii_case(&team_name)
            }) {
                Some(t) => Some(t),
                None => {
                    report
                        .skipped
                        .push((row.line, SkipReason::UnknownTeam(team_name)));
                    continue;
                }
            }
        };
        let edit = if let Some(u) = atlas.unit_by_code(&code) {
            report.zones += 1;
            Edit::AssignUnits {
                units: vec![u],
                team,
            }
        } else if let Some(m) = atlas.muni_by_code(&code) {
            report.municipalities += 1;
            Edit::AssignMunicipalities {
                municipalities: vec![m],
                team,
            }
        } else {
            report
                .skipped
                .push((row.line, SkipReason::UnknownCode(code)));
            continue;
        };
        match apply(s, atlas, &edit) {
            Ok(()) | Err(EditError::NoChange) => {}
            Err(e) => report.skipped.push((row.line, SkipReason::Refused(e))),
        }
    }
    Ok(report)
}

/// A field by a lower-cased header name.
fn row_field(row: &super::table::Row, col: &str) -> String {
    row.opt_ci(col).to_string()
}

/// Largest table read (one row per zone or municipality is a few kilobytes).
pub const MAX_TABLE_BYTES: u64 = 20 * 1024 * 1024;

pub fn import_file(
    atlas: &Atlas,
    s: &mut Scenario,
    file: &Path,
) -> Result<ImportReport, DataError> {
    let (text, encoding) = decode_table(file, super::input::read_bytes(file, MAX_TABLE_BYTES)?)?;
    let mut report = import(atlas, s, file, &text)?;
    report.encoding = encoding;
    Ok(report)
}
