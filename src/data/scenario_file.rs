//! The scenario file: versioned JSON. Unknown fields are kept, so a file written by a newer
//! version survives a round trip through this one.
//!
//! Versions:
//! - 1: zones as in the provinces' code list, with "Antwerpen en rand" as one zone `elz2`.
//! - 2: the 60 zones, Antwerp as its four zones `elz2-1` .. `elz2-4`. A version 1 file is
//!   upgraded on open: what it gave to `elz2` goes to each of the four.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::error::DataError;
use super::json::{kind, parse_strict};
use crate::model::atlas::{Atlas, Edition};
use crate::model::ids::TeamId;
use crate::model::region::Region;
use crate::model::scenario::{AreaStatus, Scenario, Status, Team};

pub const FORMAT: &str = "gebiedsplanner-scenario";
pub const VERSION: u32 = 2;

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
    /// The planner's note on the team.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
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
    /// The IROJ region the scenario is scoped to, by its name ("Oost-Vlaanderen"); absent for
    /// all of Flanders and Brussels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// How far the proposal has come: "concept", "voorstel" or "definitief"; absent when
    /// not said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// What the window compares the scenario with ("opened", "2020", "default") and which
    /// budget model it shows ("flat", "children"); absent in older files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparison: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_model: Option<String>,
    pub edition: Edition,
    pub teams: Vec<TeamRecord>,
    /// Zone code -> team id (a missing zone has no team).
    pub assignment: BTreeMap<String, String>,
    /// Municipality NIS code -> team id, or null for "no team"; overrides the zone's team.
    #[serde(default)]
    pub municipality_assignment: BTreeMap<String, Option<String>>,
    /// The indicator table shown with the scenario, with a copy of its values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator: Option<super::indicator_record::IndicatorRecord>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// Why a region name is not understood, with the names that are.
pub fn unknown_region(name: &str) -> String {
    let names: Vec<&str> = Region::ALL.iter().map(|r| r.name()).collect();
    format!(
        "unknown region '{}' (the IROJ regions are {})",
        name.escape_debug(),
        names.join(", ")
    )
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
        let team_id = |t: TeamId| s.teams.get(t).map(|t| t.id.clone());
        ScenarioFile {
            format: FORMAT.to_string(),
            version: VERSION,
            name: s.name.clone(),
            description: String::new(),
            author: String::new(),
            created: String::new(),
            modified: String::new(),
            region: s.region.map(|r| r.name().to_string()),
            status: s.status.map(|st| st.key().to_string()),
            comparison: None,
            budget_model: None,
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
                    note: t.note.clone(),
                    extra: BTreeMap::new(),
                })
                .collect(),
            assignment: s
                .unit_team
                .iter_enumerated()
                .filter_map(|(u, t)| Some((atlas.units[u].code.clone(), team_id((*t)?)?)))
                .collect(),
            municipality_assignment: s
                .muni_team
                .iter()
                .map(|(&m, t)| (atlas.municipalities[m].code.clone(), t.and_then(team_id)))
                .collect(),
            indicator: None,
            extra: BTreeMap::new(),
        }
    }

    /// Resolve against an atlas. Assignments to zones or municipalities the data does not
    /// have are not dropped: they are returned, so the caller can list them and keep them.
    pub fn to_scenario(&self, atlas: &Atlas, file: &Path) -> Result<Resolved, DataError> {
        let mut s = Scenario::empty(atlas, &self.name);
        s.region = match &self.region {
            None => None,
            Some(name) => Some(
                Region::parse(name)
                    .ok_or_else(|| DataError::new(file, "\"region\"", unknown_region(name)))?,
            ),
        };
        s.status = match &self.status {
            None => None,
            Some(word) => Some(Status::parse(word).ok_or_else(|| {
                DataError::new(
                    file,
                    "\"status\"",
                    format!(
                        "unknown status '{}' (expected concept, voorstel or definitief)",
                        word.escape_debug()
                    ),
                )
            })?),
        };
        let mut seen = std::collections::HashSet::new();
        for (i, t) in self.teams.iter().enumerate() {
            let place = format!("team {}", i + 1);
            if t.id.trim().is_empty() {
                return Err(DataError::new(file, place, "team without an id"));
            }
            // An id is a key that goes into line-based output and other tools: a space, a
            // newline or an escape code in it would forge or break those lines.
            if let Some(c) = t.id.chars().find(|c| c.is_control() || c.is_whitespace()) {
                return Err(DataError::new(
                    file,
                    place,
                    format!(
                        "team id '{}' holds a space or control character ({:?}); use letters, \
                         digits, '-' and '_'",
                        t.id.escape_debug(),
                        c
                    ),
                ));
            }
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
                note: t.note.clone(),
            });
        }
        let mut unresolved = Unresolved::default();
        for (code, team) in &self.assignment {
            let t = s.team_by_id(team).ok_or_else(|| {
                DataError::new(
                    file,
                    format!("assignment \"{code}\""),
                    format!("team '{team}' is not in the team list"),
                )
            })?;
            match atlas.unit_by_code(code) {
                Some(u) => s.unit_team[u] = Some(t),
                None => {
                    unresolved.zones.insert(code.clone(), team.clone());
                }
            }
        }
        for (code, team) in &self.municipality_assignment {
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
            match atlas.muni_by_code(code) {
                Some(m) => {
                    s.muni_team.insert(m, t);
                }
                None => {
                    unresolved.municipalities.insert(code.clone(), team.clone());
                }
            }
        }
        Ok(Resolved {
            scenario: s,
            unresolved,
        })
    }

    /// The metadata and unknown fields of this file, to write back on save.
    pub fn meta(&self) -> FileMeta {
        FileMeta {
            description: self.description.clone(),
            author: self.author.clone(),
            created: self.created.clone(),
            extra: self.extra.clone(),
            team_extra: self
                .teams
                .iter()
                .map(|t| (t.id.clone(), t.extra.clone()))
                .collect(),
        }
    }

    /// Build a file from a scenario, its metadata and what could not be resolved.
    pub fn compose(
        atlas: &Atlas,
        s: &Scenario,
        meta: &FileMeta,
        unresolved: &Unresolved,
        now: &str,
    ) -> ScenarioFile {
        let mut f = ScenarioFile::from_scenario(atlas, s);
        f.description = meta.description.clone();
        f.author = meta.author.clone();
        f.created = if meta.created.is_empty() {
            now.to_string()
        } else {
            meta.created.clone()
        };
        f.modified = now.to_string();
        f.extra = meta.extra.clone();
        for t in &mut f.teams {
            if let Some(e) = meta.team_extra.get(&t.id) {
                t.extra = e.clone();
            }
        }
        for (code, team) in &unresolved.zones {
            f.assignment
                .entry(code.clone())
                .or_insert_with(|| team.clone());
        }
        for (code, team) in &unresolved.municipalities {
            f.municipality_assignment
                .entry(code.clone())
                .or_insert_with(|| team.clone());
        }
        f
    }

    pub fn to_json(&self) -> String {
        // Serialising plain maps and strings cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// A file resolved against the data: the scenario and what the data no longer has.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    pub scenario: Scenario,
    pub unresolved: Unresolved,
}

/// Assignments to codes the current data does not have (a municipality gone, another
/// edition): kept so that saving writes them back.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Unresolved {
    pub zones: BTreeMap<String, String>,
    pub municipalities: BTreeMap<String, Option<String>>,
}

impl Unresolved {
    pub fn is_empty(&self) -> bool {
        self.zones.is_empty() && self.municipalities.is_empty()
    }

    pub fn codes(&self) -> Vec<String> {
        self.zones
            .keys()
            .chain(self.municipalities.keys())
            .cloned()
            .collect()
    }
}

/// What a file carries besides the division: kept from open to save.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FileMeta {
    pub description: String,
    pub author: String,
    pub created: String,
    pub extra: BTreeMap<String, serde_json::Value>,
    pub team_extra: BTreeMap<String, BTreeMap<String, serde_json::Value>>,
}

/// Now as an ISO 8601 UTC timestamp, e.g. 2026-11-23T16:40:00Z.
pub fn now_iso() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    iso_from_unix(secs)
}

pub fn iso_from_unix(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (proleptic Gregorian).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// Upgrade an older file to the current version, in place.
fn upgrade(value: &mut serde_json::Value) {
    let version = value
        .get("version")
        .and_then(serde_json::Value::as_u64)
        .unwrap_or(0);
    if version == 1 {
        if let Some(assign) = value.get_mut("assignment").and_then(|a| a.as_object_mut())
            && let Some(team) = assign.remove("elz2")
        {
            for k in 1..=4 {
                assign
                    .entry(format!("elz2-{k}"))
                    .or_insert_with(|| team.clone());
            }
        }
        value["version"] = serde_json::Value::from(2u32);
    }
}

/// The error for a field of the wrong kind.
fn wrong(file: &Path, place: String, what: &str, found: &serde_json::Value) -> DataError {
    DataError::new(
        file,
        place,
        format!("should be {what}, found {}", kind(found)),
    )
}

/// Check the types of the fields a scenario file has, so that an error names the field
/// ("teams", item 3, "colour") rather than only what serde expected.
fn check_shape(file: &Path, value: &serde_json::Value) -> Result<(), DataError> {
    use serde_json::Value;
    let Value::Object(top) = value else {
        return Err(wrong(file, String::new(), "an object", value));
    };
    check_top_fields(file, top)?;
    let teams = match top.get("teams") {
        Some(Value::Array(t)) => t,
        Some(other) => return Err(wrong(file, "\"teams\"".into(), "a list of teams", other)),
        None => return Err(DataError::new(file, "\"teams\"", "is missing")),
    };
    for (i, t) in teams.iter().enumerate() {
        check_team(file, i, t)?;
    }
    check_assignments(file, top)
}

/// The scenario's own fields: name, edition, the texts that describe it, its region.
fn check_top_fields(
    file: &Path,
    top: &serde_json::Map<String, serde_json::Value>,
) -> Result<(), DataError> {
    use serde_json::Value;
    let wrong = |place: String, what: &str, found: &Value| wrong(file, place, what, found);
    for key in ["name", "edition"] {
        match top.get(key) {
            Some(Value::String(_)) => {}
            Some(other) => return Err(wrong(format!("\"{key}\""), "text", other)),
            None => return Err(DataError::new(file, format!("\"{key}\""), "is missing")),
        }
    }
    for key in ["description", "author", "created", "modified"] {
        match top.get(key) {
            None | Some(Value::String(_)) => {}
            Some(other) => return Err(wrong(format!("\"{key}\""), "text", other)),
        }
    }
    for key in ["status", "comparison", "budget_model"] {
        match top.get(key) {
            None | Some(Value::String(_) | Value::Null) => {}
            Some(other) => return Err(wrong(format!("\"{key}\""), "text", other)),
        }
    }
    match top.get("region") {
        None | Some(Value::String(_) | Value::Null) => {}
        Some(other) => return Err(wrong("\"region\"".into(), "a region name (text)", other)),
    }
    if let Some(Value::String(e)) = top.get("edition")
        && serde_json::from_value::<Edition>(Value::String(e.clone())).is_err()
    {
        return Err(DataError::new(
            file,
            "\"edition\"",
            format!("unknown edition \"{e}\" (expected \"2025\" or \"2019-2024\")"),
        ));
    }
    Ok(())
}

/// One team of the list (`i` from 0).
fn check_team(file: &Path, i: usize, t: &serde_json::Value) -> Result<(), DataError> {
    use serde_json::Value;
    let wrong = |place: String, what: &str, found: &Value| wrong(file, place, what, found);
    let place = |field: &str| {
        if field.is_empty() {
            format!("team {}", i + 1)
        } else {
            format!("team {}, \"{field}\"", i + 1)
        }
    };
    let Value::Object(t) = t else {
        return Err(wrong(place(""), "an object", t));
    };
    for key in ["id", "name", "colour"] {
        match t.get(key) {
            Some(Value::String(_)) => {}
            Some(other) => return Err(wrong(place(key), "text", other)),
            None => return Err(DataError::new(file, place(key), "is missing")),
        }
    }
    for key in ["iroj", "note"] {
        match t.get(key) {
            None | Some(Value::String(_)) => {}
            Some(other) => return Err(wrong(place(key), "text", other)),
        }
    }
    match t.get("locked") {
        None | Some(Value::Bool(_)) => {}
        Some(other) => return Err(wrong(place("locked"), "true or false", other)),
    }
    match t.get("partners") {
        None | Some(Value::Null) => {}
        Some(Value::Number(n)) if n.as_u64().is_some_and(|n| n <= u32::MAX as u64) => {}
        Some(other) => {
            return Err(wrong(place("partners"), "a whole number from 0", other));
        }
    }
    match t.get("area_status") {
        None => {}
        Some(Value::String(a))
            if serde_json::from_value::<AreaStatus>(Value::String(a.clone())).is_ok() => {}
        Some(other) => {
            return Err(wrong(
                place("area_status"),
                "\"sourced\", \"partial\" or \"estimated\"",
                other,
            ));
        }
    }
    Ok(())
}

/// The team of each zone, and of the municipalities that differ from their zone.
fn check_assignments(
    file: &Path,
    top: &serde_json::Map<String, serde_json::Value>,
) -> Result<(), DataError> {
    use serde_json::Value;
    let wrong = |place: String, what: &str, found: &Value| wrong(file, place, what, found);
    match top.get("assignment") {
        Some(Value::Object(m)) => {
            for (code, team) in m {
                if !team.is_string() {
                    return Err(wrong(
                        format!("assignment \"{code}\""),
                        "a team id (text)",
                        team,
                    ));
                }
            }
        }
        Some(other) => {
            return Err(wrong(
                "\"assignment\"".into(),
                "an object of zone code to team id",
                other,
            ));
        }
        None => return Err(DataError::new(file, "\"assignment\"", "is missing")),
    }
    match top.get("municipality_assignment") {
        None => {}
        Some(Value::Object(m)) => {
            for (code, team) in m {
                if !(team.is_string() || team.is_null()) {
                    return Err(wrong(
                        format!("municipality_assignment \"{code}\""),
                        "a team id (text) or null",
                        team,
                    ));
                }
            }
        }
        Some(other) => {
            return Err(wrong(
                "\"municipality_assignment\"".into(),
                "an object of NIS code to team id",
                other,
            ));
        }
    }
    Ok(())
}

/// Parse a scenario file's text.
pub fn parse(file: &Path, text: &str) -> Result<ScenarioFile, DataError> {
    let value = parse_strict(file, text)?;
    match value.get("format").and_then(|v| v.as_str()) {
        Some(FORMAT) => {}
        _ => {
            return Err(DataError::whole(
                file,
                format!("not a scenario file (\"format\" should be \"{FORMAT}\")"),
            ));
        }
    }
    let mut value = value;
    match value.get("version").and_then(serde_json::Value::as_u64) {
        Some(v) if v == u64::from(VERSION) => {}
        Some(1) => upgrade(&mut value),
        Some(v) if v > u64::from(VERSION) => {
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
    check_shape(file, &value)?;
    serde_json::from_value(value).map_err(|e| DataError::whole(file, format!("wrong content: {e}")))
}

/// Write a scenario file atomically (temporary file, flush, rename).
pub fn save(path: &Path, file: &ScenarioFile) -> Result<(), DataError> {
    super::atomic::write_atomic(path, file.to_json().as_bytes())
        .map_err(|e| DataError::whole(path, format!("cannot save: {e}")))
}

/// Largest scenario file read (real ones are a few kilobytes).
pub const MAX_SCENARIO_BYTES: u64 = 20 * 1024 * 1024;

pub fn read(file: &Path) -> Result<ScenarioFile, DataError> {
    parse(file, &super::input::read_text(file, MAX_SCENARIO_BYTES)?)
}
