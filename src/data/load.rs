//! Build the atlas of one edition from the data files (built in or of a data folder).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use super::error::DataError;
use super::source::DataSource;
use crate::model::atlas::{Atlas, AtlasInput, Edition, MunicipalityInput, SplitInput, UnitInput};
use crate::model::topology::LonLatPolygon;

/// The zone "Antwerpen en rand" stands for four zones that split the city by sector.
pub const ANTWERP_PARENT: &str = "elz2";

/// Code of a sub-zone of Antwerp: the parent code and the source's sub-zone number.
pub fn antwerp_unit_code(sub: &str) -> String {
    format!("{ANTWERP_PARENT}-{sub}")
}

pub mod files {
    pub const MUNI_2025: &str = "municipalities_flanders_brussels_2025.geojson";
    pub const MUNI_2019: &str = "municipalities_flanders_brussels_2019-2024.geojson";
    pub const ELZ_MUNI_2025: &str = "elz_gemeenten_2025.csv";
    pub const ELZ_MUNI_2019: &str = "elz_gemeenten_2019-2024.csv";
    pub const ANTWERP_GEO: &str = "elz_antwerpen_2025.geojson";
    pub const ANTWERP_SECTORS: &str = "elz_antwerpen_statsec.csv";
    pub const POP_FLANDERS: &str = "population_flanders_2021_by_agegroup.csv";
    pub const POP_BELGIUM: &str = "population_belgium_2020.csv";
}

struct Pop {
    total: u64,
    children: Option<u64>,
    year: u16,
}

fn twice(file: &Path, line: u64, nis: &str) -> DataError {
    DataError::new(
        file,
        format!("line {line}"),
        format!("municipality {nis} is listed twice"),
    )
}

/// Population by 2019-2024 NIS code: Flemish 2021 figures with children, Brussels 2020 totals.
fn read_population(src: &DataSource) -> Result<HashMap<String, Pop>, DataError> {
    let mut out = HashMap::new();
    let f = src.path(files::POP_FLANDERS);
    for r in src.table(files::POP_FLANDERS, &["nis", "pop_total", "pop_0_17"])? {
        let nis = r.nis(&f, "nis")?;
        if out.contains_key(&nis) {
            return Err(twice(&f, r.line, &nis));
        }
        let total = r.count(&f, "pop_total")?;
        let children = r.count(&f, "pop_0_17")?;
        if children > total {
            return Err(DataError::new(
                &f,
                format!("line {}", r.line),
                format!(
                    "column 'pop_0_17' ({children}) is more than column 'pop_total' ({total}): \
                     a municipality cannot have more children than inhabitants"
                ),
            ));
        }
        out.insert(
            nis,
            Pop {
                total,
                children: Some(children),
                year: 2021,
            },
        );
    }
    let f = src.path(files::POP_BELGIUM);
    let mut brussels = BTreeSet::new();
    for r in src.table(files::POP_BELGIUM, &["nis", "total"])? {
        let nis = r.nis(&f, "nis")?;
        // Only the Brussels figures are used: Flanders has the newer split by age above.
        if nis.starts_with("21") {
            if !brussels.insert(nis.clone()) {
                return Err(twice(&f, r.line, &nis));
            }
            out.insert(
                nis,
                Pop {
                    total: r.count(&f, "total")?,
                    children: None,
                    year: 2020,
                },
            );
        }
    }
    Ok(out)
}

/// Which zone each municipality belongs to, as the zone table of an edition lists it.
struct ZoneMembers {
    /// The zones by code, with their members.
    units: BTreeMap<String, UnitInput>,
    /// The zone codes in the order of the file.
    order: Vec<String>,
    /// The 2019-2024 municipalities each municipality was made of (itself if none).
    predecessors: HashMap<String, Vec<String>>,
    /// The zone of each municipality.
    member_of: HashMap<String, String>,
    /// The line that lists each municipality, for messages.
    line_of: HashMap<String, u64>,
}

impl ZoneMembers {
    /// The municipalities a municipality was made of (itself if the table names none).
    fn predecessors_of(&self, nis: &str) -> Vec<String> {
        self.predecessors
            .get(nis)
            .cloned()
            .unwrap_or_else(|| vec![nis.to_string()])
    }
}

/// The columns of an edition's files.
struct EditionFiles {
    muni_file: &'static str,
    elz_file: &'static str,
    code_col: &'static str,
    name_col: &'static str,
}

impl EditionFiles {
    fn of(edition: Edition) -> EditionFiles {
        match edition {
            Edition::M2025 => EditionFiles {
                muni_file: files::MUNI_2025,
                elz_file: files::ELZ_MUNI_2025,
                code_col: "elz_code",
                name_col: "elz_name",
            },
            Edition::M2019 => EditionFiles {
                muni_file: files::MUNI_2019,
                elz_file: files::ELZ_MUNI_2019,
                code_col: "elz_code_pic",
                name_col: "elz_name_pic_2025",
            },
        }
    }
}

/// Zone membership and predecessors, from the zone table.
fn read_zone_members(
    src: &DataSource,
    edition: Edition,
    ed: &EditionFiles,
) -> Result<ZoneMembers, DataError> {
    let ef = src.path(ed.elz_file);
    let mut z = ZoneMembers {
        units: BTreeMap::new(),
        order: Vec::new(),
        predecessors: HashMap::new(),
        member_of: HashMap::new(),
        line_of: HashMap::new(),
    };
    // Which municipality each predecessor belongs to: one listed under two would be counted twice.
    let mut parent_of: HashMap<String, String> = HashMap::new();
    for r in src.table(ed.elz_file, &["nis", ed.code_col, ed.name_col])? {
        let nis = r.nis(&ef, "nis")?;
        let code = r.req(&ef, ed.code_col)?.to_string();
        let name = r.req(&ef, ed.name_col)?.to_string();
        if z.member_of.insert(nis.clone(), code.clone()).is_some() {
            return Err(twice(&ef, r.line, &nis));
        }
        z.line_of.insert(nis.clone(), r.line);
        let preds: Vec<String> = match edition {
            Edition::M2025 => r
                .opt("nis_2024_predecessors")
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
            Edition::M2019 => Vec::new(),
        };
        let preds = if preds.is_empty() {
            vec![nis.clone()]
        } else {
            preds
        };
        for p in &preds {
            if let Some(other) = parent_of.insert(p.clone(), nis.clone()) {
                return Err(DataError::new(
                    &ef,
                    format!("line {}", r.line),
                    format!(
                        "column 'nis_2024_predecessors': municipality {p} is listed under both \
                         {other} and {nis}; its inhabitants would be counted twice"
                    ),
                ));
            }
        }
        z.predecessors.insert(nis.clone(), preds);
        let order = &mut z.order;
        z.units
            .entry(code.clone())
            .or_insert_with(|| {
                order.push(code.clone());
                UnitInput {
                    code: code.clone(),
                    name,
                    members: Vec::new(),
                }
            })
            .members
            .push(nis);
    }
    Ok(z)
}

/// The population of a municipality, summed over the municipalities it was made of.
fn municipality_population(
    code: &str,
    preds: &[String],
    pop: &HashMap<String, Pop>,
    at: &dyn Fn(String) -> DataError,
) -> Result<MunicipalityInput, DataError> {
    let mut total = 0u64;
    let mut children = Some(0u64);
    let mut year = 0u16;
    let mut pred_pop = Vec::new();
    for p in preds {
        let Some(pp) = pop.get(p) else {
            return Err(at(format!(
                "no population figure for municipality {p} in {} or {}",
                files::POP_FLANDERS,
                files::POP_BELGIUM
            )));
        };
        let sum_error = || {
            at(format!(
                "the population of municipality {code} does not fit in a count"
            ))
        };
        total = total.checked_add(pp.total).ok_or_else(sum_error)?;
        children = match children.zip(pp.children) {
            Some((a, b)) => Some(a.checked_add(b).ok_or_else(sum_error)?),
            None => None,
        };
        year = year.max(pp.year);
        pred_pop.push((p.clone(), Some(pp.total)));
    }
    Ok(MunicipalityInput {
        name: String::new(),
        province: String::new(),
        polygons: Vec::new(),
        population: Some(total),
        children,
        population_year: year,
        predecessors: pred_pop,
        code: code.to_string(),
    })
}

/// Municipality polygons with their population (summed over predecessors); every municipality
/// of the zone table must have one.
fn read_municipalities(
    src: &DataSource,
    ed: &EditionFiles,
    zones: &ZoneMembers,
    pop: &HashMap<String, Pop>,
) -> Result<Vec<MunicipalityInput>, DataError> {
    let mf = src.path(ed.muni_file);
    let mut municipalities = Vec::new();
    let mut seen = BTreeSet::new();
    for f in src.polygons(ed.muni_file)? {
        let at = |what: String| DataError::new(&mf, format!("feature {}", f.number), what);
        let code = f.text(&mf, "nis")?;
        if code.len() != 5 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(at(format!(
                "property 'nis' should be a 5-digit NIS code, found '{code}'"
            )));
        }
        if !seen.insert(code.clone()) {
            return Err(at(format!("municipality {code} appears twice")));
        }
        if !zones.member_of.contains_key(&code) {
            return Err(at(format!("municipality {code} is not in {}", ed.elz_file)));
        }
        let preds = zones.predecessors_of(&code);
        let m = municipality_population(&code, &preds, pop, &at)?;
        municipalities.push(MunicipalityInput {
            name: f.text(&mf, "name_nl")?,
            province: f.text(&mf, "province_nl").unwrap_or_default(),
            polygons: f.polygons,
            ..m
        });
    }
    let mut without_polygon: Vec<(u64, &String)> = zones
        .member_of
        .keys()
        .filter(|nis| !seen.contains(*nis))
        .map(|nis| (zones.line_of.get(nis).copied().unwrap_or(0), nis))
        .collect();
    without_polygon.sort();
    if let Some((line, nis)) = without_polygon.first() {
        return Err(DataError::new(
            &src.path(ed.elz_file),
            format!("line {line}"),
            format!("municipality {nis} has no polygon in {}", ed.muni_file),
        ));
    }
    Ok(municipalities)
}

/// The Antwerp sub-zones: code to name and polygons.
type SubZones = BTreeMap<String, (String, Vec<LonLatPolygon>)>;

fn read_antwerp_zones(src: &DataSource) -> Result<SubZones, DataError> {
    let gf = src.path(files::ANTWERP_GEO);
    let mut sub = SubZones::new();
    for f in src.polygons(files::ANTWERP_GEO)? {
        let code = f.text(&gf, "elzantw_code")?;
        let name = f.text(&gf, "elz_name")?;
        if sub
            .insert(antwerp_unit_code(&code), (name, f.polygons))
            .is_some()
        {
            return Err(DataError::new(
                &gf,
                format!("feature {}", f.number),
                format!("Antwerp zone {code} appears twice"),
            ));
        }
    }
    if sub.is_empty() {
        return Err(DataError::whole(&gf, "no Antwerp zones in the file"));
    }
    Ok(sub)
}

/// Antwerp: the parent zone becomes four zones; municipalities whose sectors lie in
/// several of them are split by the sub-zone polygons.
fn split_antwerp(src: &DataSource, zones: &mut ZoneMembers) -> Result<Vec<SplitInput>, DataError> {
    let mut splits = Vec::new();
    let Some(parent) = zones.units.remove(ANTWERP_PARENT) else {
        return Ok(splits);
    };
    let sf = src.path(files::ANTWERP_SECTORS);
    let mut sector_units: HashMap<String, BTreeSet<String>> = HashMap::new();
    // The first line that names each sub-zone, for messages.
    let mut zone_line: HashMap<String, u64> = HashMap::new();
    for r in src.table(files::ANTWERP_SECTORS, &["nis_2024", "elzantw_code"])? {
        let zone = r.req(&sf, "elzantw_code")?.to_string();
        zone_line.entry(zone.clone()).or_insert(r.line);
        sector_units
            .entry(r.nis(&sf, "nis_2024")?)
            .or_default()
            .insert(zone);
    }
    let sub = read_antwerp_zones(src)?;
    let mut sub_members: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for m in &parent.members {
        let codes: BTreeSet<String> = zones
            .predecessors_of(m)
            .iter()
            .filter_map(|p| sector_units.get(p))
            .flatten()
            .map(|c| antwerp_unit_code(c))
            .collect();
        if codes.is_empty() {
            return Err(DataError::whole(
                &sf,
                format!("municipality {m} of zone {ANTWERP_PARENT} has no sectors in this file"),
            ));
        }
        for c in &codes {
            if !sub.contains_key(c) {
                let zone = c.strip_prefix(&format!("{ANTWERP_PARENT}-")).unwrap_or(c);
                return Err(DataError::new(
                    &sf,
                    format!("line {}", zone_line.get(zone).copied().unwrap_or(0)),
                    format!(
                        "Antwerp zone {zone} has no polygon in {}",
                        files::ANTWERP_GEO
                    ),
                ));
            }
            sub_members.entry(c.clone()).or_default().push(m.clone());
        }
        if codes.len() > 1 {
            splits.push(SplitInput {
                municipality: m.clone(),
                parts: codes
                    .iter()
                    .filter_map(|c| sub.get(c).map(|(_, p)| (c.clone(), p.clone())))
                    .collect(),
            });
        }
    }
    let order = &mut zones.order;
    let pos = order.iter().position(|c| c == ANTWERP_PARENT).unwrap_or(0);
    order.retain(|c| c != ANTWERP_PARENT);
    for (i, (code, (name, _))) in sub.into_iter().enumerate() {
        let members = sub_members.remove(&code).unwrap_or_default();
        order.insert((pos + i).min(order.len()), code.clone());
        zones.units.insert(
            code.clone(),
            UnitInput {
                code,
                name,
                members,
            },
        );
    }
    Ok(splits)
}

/// Load the atlas of `edition` from `src`: population, zone membership, municipality
/// polygons, the Antwerp sub-zones, then the atlas built from them.
pub fn load_atlas(src: &DataSource, edition: Edition) -> Result<Atlas, DataError> {
    let ed = EditionFiles::of(edition);
    let pop = read_population(src)?;
    let mut zones = read_zone_members(src, edition, &ed)?;
    let municipalities = read_municipalities(src, &ed, &zones, &pop)?;
    let splits = split_antwerp(src, &mut zones)?;
    let input = AtlasInput {
        edition,
        municipalities,
        units: zones
            .order
            .iter()
            .filter_map(|c| zones.units.remove(c))
            .collect(),
        splits,
    };
    super::progress::report(super::progress::Stage::Borders);
    Atlas::build(input).map_err(|e| DataError::whole(&src.path(ed.elz_file), e.to_string()))
}
