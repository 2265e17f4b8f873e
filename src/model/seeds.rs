//! Facts from the source documents, kept as small cited CSV files in `seeds/` and built
//! into the program.

use std::collections::HashMap;

use super::scenario::AreaStatus;

pub const TEAMS_CSV: &str = include_str!("../../seeds/teams.csv");
pub const HISTORIC_CSV: &str = include_str!("../../seeds/historic_areas_2020.csv");
pub const DEFAULT_SCENARIO_CSV: &str = include_str!("../../seeds/default_scenario.csv");
pub const FACTS_CSV: &str = include_str!("../../seeds/facts.csv");
pub const PROEFTUINEN_CSV: &str = include_str!("../../seeds/proeftuinen.csv");

#[derive(Clone, Debug, PartialEq)]
pub struct SeedTeam {
    pub id: String,
    pub name: String,
    pub iroj: String,
    pub partners: Option<u32>,
    /// `historic2020` or `new2021`.
    pub kind: String,
    pub area_status: AreaStatus,
    pub area_note: String,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SeedAssignment {
    /// Zone code (default scenario) or 2019-2024 NIS code (historic areas).
    pub code: String,
    pub name: String,
    pub team_id: String,
    pub status: AreaStatus,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    pub value: String,
    pub unit: String,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Proeftuin {
    pub id: String,
    pub municipality: String,
    pub nis: String,
    pub neighbourhood: String,
    pub polygon_codes: Vec<String>,
    pub approximate: bool,
    pub aims: String,
    pub actors: String,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Seeds {
    pub teams: Vec<SeedTeam>,
    pub historic: Vec<SeedAssignment>,
    pub default_scenario: Vec<SeedAssignment>,
    pub facts: HashMap<String, Fact>,
    pub proeftuinen: Vec<Proeftuin>,
}

/// A seed file that does not parse: names the file, the line and the problem.
#[derive(Clone, Debug, PartialEq)]
pub struct SeedError {
    pub file: &'static str,
    pub line: u64,
    pub message: String,
}

impl std::fmt::Display for SeedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "seeds/{}: line {}: {}",
            self.file, self.line, self.message
        )
    }
}

impl std::error::Error for SeedError {}

fn parse_status(s: &str) -> Option<AreaStatus> {
    match s.trim().to_ascii_lowercase().as_str() {
        "sourced" => Some(AreaStatus::Sourced),
        "partial" => Some(AreaStatus::Partial),
        "estimated" | "estimate" => Some(AreaStatus::Estimated),
        _ => None,
    }
}

/// One seed row: its line number and its fields by column name.
type SeedRow = (u64, HashMap<String, String>);

/// Read a seed CSV (comment lines start with '#') into rows keyed by header name.
fn rows(file: &'static str, text: &str, required: &[&str]) -> Result<Vec<SeedRow>, SeedError> {
    let mut rdr = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| SeedError {
            file,
            line: 1,
            message: e.to_string(),
        })?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    for r in required {
        if !headers.iter().any(|h| h == r) {
            return Err(SeedError {
                file,
                line: 1,
                message: format!("missing column '{r}'"),
            });
        }
    }
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| SeedError {
            file,
            line: e.position().map_or(0, csv::Position::line),
            message: e.to_string(),
        })?;
        let line = rec.position().map_or(0, csv::Position::line);
        let map = headers
            .iter()
            .cloned()
            .zip(rec.iter().map(|s| s.trim().to_string()))
            .collect();
        out.push((line, map));
    }
    Ok(out)
}

fn get(m: &HashMap<String, String>, k: &str) -> String {
    m.get(k).cloned().unwrap_or_default()
}

fn assignments(
    file: &'static str,
    text: &str,
    code_col: &str,
    name_col: &str,
) -> Result<Vec<SeedAssignment>, SeedError> {
    rows(file, text, &[code_col, "team_id", "status", "source"])?
        .into_iter()
        .map(|(line, r)| {
            let status = parse_status(&get(&r, "status")).ok_or_else(|| SeedError {
                file,
                line,
                message: format!(
                    "status '{}' is not sourced/partial/estimated",
                    get(&r, "status")
                ),
            })?;
            Ok(SeedAssignment {
                code: get(&r, code_col),
                name: get(&r, name_col),
                team_id: get(&r, "team_id"),
                status,
                source: get(&r, "source"),
            })
        })
        .collect()
}

impl Seeds {
    /// The seeds built into the program.
    pub fn builtin() -> Result<Seeds, SeedError> {
        Self::parse(
            TEAMS_CSV,
            HISTORIC_CSV,
            DEFAULT_SCENARIO_CSV,
            FACTS_CSV,
            PROEFTUINEN_CSV,
        )
    }

    pub fn parse(
        teams: &str,
        historic: &str,
        default_scenario: &str,
        facts: &str,
        proeftuinen: &str,
    ) -> Result<Seeds, SeedError> {
        let teams = rows(
            "teams.csv",
            teams,
            &[
                "id",
                "name",
                "iroj",
                "partners",
                "kind",
                "area_status",
                "source",
            ],
        )?
        .into_iter()
        .map(|(line, r)| {
            let partners = get(&r, "partners");
            let partners = if partners.is_empty() {
                None
            } else {
                Some(partners.parse::<u32>().map_err(|_| SeedError {
                    file: "teams.csv",
                    line,
                    message: format!("partners '{partners}' is not a whole number"),
                })?)
            };
            let area_status = parse_status(&get(&r, "area_status")).ok_or_else(|| SeedError {
                file: "teams.csv",
                line,
                message: format!(
                    "area_status '{}' is not sourced/partial/estimated",
                    get(&r, "area_status")
                ),
            })?;
            Ok(SeedTeam {
                id: get(&r, "id"),
                name: get(&r, "name"),
                iroj: get(&r, "iroj"),
                partners,
                kind: get(&r, "kind"),
                area_status,
                area_note: get(&r, "area_note"),
                source: get(&r, "source"),
            })
        })
        .collect::<Result<Vec<_>, SeedError>>()?;
        let historic = assignments("historic_areas_2020.csv", historic, "nis_2024", "name")?;
        let default_scenario = assignments(
            "default_scenario.csv",
            default_scenario,
            "elz_code",
            "elz_name",
        )?;
        let facts = rows("facts.csv", facts, &["key", "value", "source"])?
            .into_iter()
            .map(|(_, r)| {
                (
                    get(&r, "key"),
                    Fact {
                        value: get(&r, "value"),
                        unit: get(&r, "unit"),
                        source: get(&r, "source"),
                    },
                )
            })
            .collect();
        let proeftuinen = rows(
            "proeftuinen.csv",
            proeftuinen,
            &[
                "id",
                "municipality",
                "nis",
                "neighbourhood",
                "polygon_codes",
                "approximate",
            ],
        )?
        .into_iter()
        .map(|(_, r)| Proeftuin {
            id: get(&r, "id"),
            municipality: get(&r, "municipality"),
            nis: get(&r, "nis"),
            neighbourhood: get(&r, "neighbourhood"),
            polygon_codes: get(&r, "polygon_codes")
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
            approximate: matches!(
                get(&r, "approximate").to_ascii_lowercase().as_str(),
                "yes" | "true" | "1" | "ja"
            ),
            aims: get(&r, "aims"),
            actors: get(&r, "actors"),
            source: get(&r, "source"),
        })
        .collect();
        let seeds = Seeds {
            teams,
            historic,
            default_scenario,
            facts,
            proeftuinen,
        };
        seeds.check_references()?;
        Ok(seeds)
    }

    /// Every team named in an assignment must exist, and every id be unique.
    fn check_references(&self) -> Result<(), SeedError> {
        let mut ids = std::collections::HashSet::new();
        for t in &self.teams {
            if !ids.insert(t.id.as_str()) {
                return Err(SeedError {
                    file: "teams.csv",
                    line: 0,
                    message: format!("team id '{}' appears twice", t.id),
                });
            }
        }
        for (file, list) in [
            ("historic_areas_2020.csv", &self.historic),
            ("default_scenario.csv", &self.default_scenario),
        ] {
            for a in list.iter() {
                if !ids.contains(a.team_id.as_str()) {
                    return Err(SeedError {
                        file,
                        line: 0,
                        message: format!("row {} names unknown team '{}'", a.code, a.team_id),
                    });
                }
            }
        }
        Ok(())
    }

    /// A numeric fact, e.g. `budget_per_elz_eur`.
    pub fn number(&self, key: &str) -> Option<f64> {
        self.facts
            .get(key)
            .and_then(|f| f.value.replace(['.', ' ', '_'], "").parse::<f64>().ok())
    }

    pub fn team(&self, id: &str) -> Option<&SeedTeam> {
        self.teams.iter().find(|t| t.id == id)
    }
}
