//! The scenario file: versioned JSON. Unknown fields are kept, so a file written by a newer
//! version survives a round trip through this one.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::error::{DataError, read_text};
use crate::model::atlas::{Atlas, Edition};
use crate::model::scenario::{AreaStatus, Scenario, Team};

pub const FORMAT: &str = "gebiedsplanner-scenario";
pub const VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TeamRecord {
    pub id: String,
    pub name: String,
    /// "#rrggbb"
    pub colour: String,
    #[serde(default)]
    pub iroj: String,
    #[serde(default)]
    pub locked: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partners: Option<u32>,
    #[serde(default)]
    pub area_status: AreaStatus,
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScenarioFile {
    pub format: String,
    pub version: u32,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub author: String,
    #[serde(default)]
    pub created: String,
    #[serde(default)]
    pub modified: String,
    pub edition: Edition,
    pub teams: Vec<TeamRecord>,
    /// Zone code -> team id (a missing zone has no team).
    pub assignment: BTreeMap<String, String>,
    /// Municipality NIS code -> team id, or null for "no team"; overrides the zone's team.
    #[serde(default)]
    pub municipality_assignment: BTreeMap<String, Option<String>>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

pub fn colour_hex(c: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

pub fn parse_colour(s: &str) -> Option<[u8; 3]> {
    let h = s.strip_prefix('#')?;
    if h.len() != 6 {
        return None;
    }
    let v = u32::from_str_radix(h, 16).ok()?;
    Some([(v >> 16) as u8, (v >> 8) as u8, v as u8])
}

impl ScenarioFile {
    pub fn from_scenario(atlas: &Atlas, s: &Scenario) -> ScenarioFile {
        let team_id = |t: usize| s.teams.get(t).map(|t| t.id.clone());
        ScenarioFile {
            format: FORMAT.to_string(),
            version: VERSION,
            name: s.name.clone(),
            description: String::new(),
            author: String::new(),
            created: String::new(),
            modified: String::new(),
            edition: atlas.edition,
            teams: s
                .teams
                .iter()
                .map(|t| TeamRecord {
                    id: t.id.clone(),
                    name: t.name.clone(),
                    colour: colour_hex(t.colour),
                    iroj: t.iroj.clone(),
                    locked: t.locked,
                    partners: t.partners,
                    area_status: t.area_status,
                    extra: BTreeMap::new(),
                })
                .collect(),
            assignment: s
                .unit_team
                .iter()
                .enumerate()
                .filter_map(|(u, t)| Some((atlas.units[u].code.clone(), team_id((*t)?)?)))
                .collect(),
            municipality_assignment: s
                .muni_team
                .iter()
                .map(|(&m, t)| (atlas.municipalities[m].code.clone(), t.and_then(team_id)))
                .collect(),
            extra: BTreeMap::new(),
        }
    }

    /// Resolve against an atlas. Codes the atlas does not know are an error naming them.
    pub fn to_scenario(&self, atlas: &Atlas, file: &Path) -> Result<Scenario, DataError> {
        let mut s = Scenario::empty(atlas, &self.name);
        let mut seen = std::collections::HashSet::new();
        for (i, t) in self.teams.iter().enumerate() {
            let place = format!("team {}", i + 1);
            if !seen.insert(t.id.as_str()) {
                return Err(DataError::new(
                    file,
                    place,
                    format!("team id '{}' appears twice", t.id),
                ));
            }
            let colour = parse_colour(&t.colour).ok_or_else(|| {
                DataError::new(
                    file,
                    format!("team {}", i + 1),
                    format!("colour '{}' is not of the form #rrggbb", t.colour),
                )
            })?;
            s.teams.push(Team {
                id: t.id.clone(),
                name: t.name.clone(),
                colour,
                iroj: t.iroj.clone(),
                locked: t.locked,
                partners: t.partners,
                area_status: t.area_status,
            });
        }
        for (code, team) in &self.assignment {
            let u = atlas.unit_by_code(code).ok_or_else(|| {
                DataError::new(
                    file,
                    format!("assignment \"{code}\""),
                    format!(
                        "zone code {code} is not in the data ({} municipalities)",
                        atlas.edition.label()
                    ),
                )
            })?;
            let t = s.team_by_id(team).ok_or_else(|| {
                DataError::new(
                    file,
                    format!("assignment \"{code}\""),
                    format!("team '{team}' is not in the team list"),
                )
            })?;
            s.unit_team[u] = Some(t);
        }
        for (code, team) in &self.municipality_assignment {
            let m = atlas.muni_by_code(code).ok_or_else(|| {
                DataError::new(
                    file,
                    format!("municipality_assignment \"{code}\""),
                    format!(
                        "municipality {code} is not in the data ({} municipalities)",
                        atlas.edition.label()
                    ),
                )
            })?;
            let t = match team {
                None => None,
                Some(id) => Some(s.team_by_id(id).ok_or_else(|| {
                    DataError::new(
                        file,
                        format!("municipality_assignment \"{code}\""),
                        format!("team '{id}' is not in the team list"),
                    )
                })?),
            };
            s.muni_team.insert(m, t);
        }
        Ok(s)
    }
}

/// Parse a scenario file's text.
pub fn parse(file: &Path, text: &str) -> Result<ScenarioFile, DataError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        DataError::new(
            file,
            format!("line {}, column {}", e.line(), e.column()),
            format!("not valid JSON: {e}"),
        )
    })?;
    match value.get("format").and_then(|v| v.as_str()) {
        Some(FORMAT) => {}
        _ => {
            return Err(DataError::whole(
                file,
                format!("not a scenario file (\"format\" should be \"{FORMAT}\")"),
            ));
        }
    }
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v as u32 == VERSION => {}
        Some(v) if v as u32 > VERSION => {
            return Err(DataError::whole(
                file,
                format!(
                    "written by a newer version of Gebiedsplanner (file version {v}, this version reads up to {VERSION})"
                ),
            ));
        }
        _ => {
            return Err(DataError::whole(
                file,
                "\"version\" is missing or not a number",
            ));
        }
    }
    serde_json::from_value(value).map_err(|e| DataError::whole(file, format!("wrong content: {e}")))
}

pub fn read(file: &Path) -> Result<ScenarioFile, DataError> {
    parse(file, &read_text(file)?)
}
