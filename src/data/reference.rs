//! A user's own reference layer: any GeoJSON file with polygons, lines or points and their
//! properties, shown over the map with a label field of the user's choice.
//!
//! Coordinates are WGS84 longitude/latitude, or Belgian Lambert 72 (EPSG:31370) metres,
//! which are reprojected. Lambert 72 is recognised by a `crs` member naming it or, without
//! one, by the size of the numbers. Other projected systems are refused with an error that
//! names the file and the system. Features without a usable geometry are skipped and listed
//! with their number; the rest of the file is still shown.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::error::{DataError, read_text};
use super::geojson_read::{MAX_LATITUDE, looks_like_lambert72};
use crate::model::geom::{self, BBox, Merc, MercPolygon};
use crate::model::lambert72::lambert72_to_wgs84;
use crate::model::overlay::{merc_line, merc_polygon, scanline_point};
use crate::model::topology::LonLatPolygon;

/// The coordinate system the file was written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceCrs {
    /// WGS84 (or ETRS89) longitude/latitude in degrees.
    Wgs84,
    /// Belgian Lambert 72 metres, reprojected to WGS84 when read.
    Lambert72,
}

impl SourceCrs {
    /// Short name for the user, e.g. "Belgian Lambert 72 (EPSG:31370)".
    pub fn label(self) -> &'static str {
        match self {
            SourceCrs::Wgs84 => "WGS84 (EPSG:4326)",
            SourceCrs::Lambert72 => "Belgian Lambert 72 (EPSG:31370)",
        }
    }
}

/// One feature with a geometry, in WGS84 lon/lat.
#[derive(Clone, Debug)]
pub struct RefFeature {
    /// Position of the feature in the file, from 1.
    pub number: usize,
    pub properties: Map<String, Value>,
    /// Polygons; every ring closed (first point repeated at the end).
    pub polygons: Vec<LonLatPolygon>,
    /// The polygons in Mercator space (open rings), ready to triangulate.
    pub merc: Vec<MercPolygon>,
    pub lines: Vec<Vec<[f64; 2]>>,
    pub points: Vec<[f64; 2]>,
    /// Mercator box of everything in the feature.
    pub bbox: BBox,
    /// Where a label goes: inside the largest polygon, halfway along the longest line, or
    /// on the first point.
    pub label_point: Merc,
}

impl RefFeature {
    /// A property as label text (numbers and booleans written out; empty and null give None).
    pub fn text(&self, field: &str) -> Option<String> {
        match self.properties.get(field)? {
            Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// A property as it is drawn on the map: its first line, at most [`LABEL_CHARS`]
    /// characters (a cell of several megabytes would otherwise be laid out every frame).
    pub fn label(&self, field: &str) -> Option<String> {
        // Text is not copied whole: this runs for every feature in every frame.
        let owned;
        let text = match self.properties.get(field)? {
            Value::String(s) => s.trim(),
            _ => {
                owned = self.text(field)?;
                owned.as_str()
            }
        };
        let line = text.lines().find(|l| !l.trim().is_empty())?.trim();
        let mut out: String = line.chars().take(LABEL_CHARS).collect();
        if out.len() < line.len() || line.len() < text.len() {
            out.push('…');
        }
        Some(out)
    }
}

/// Longest label drawn on the map, in characters.
pub const LABEL_CHARS: usize = 80;

/// A feature left out, with its number in the file and why.
#[derive(Clone, Debug, PartialEq)]
pub struct SkippedFeature {
    pub number: usize,
    pub reason: String,
}

#[derive(Clone, Debug)]
pub struct ReferenceLayer {
    pub file: PathBuf,
    /// File name without extension, as a default layer title.
    pub name: String,
    pub crs: SourceCrs,
    pub features: Vec<RefFeature>,
    pub skipped: Vec<SkippedFeature>,
    /// Property names of the kept features, in order of first appearance.
    pub property_names: Vec<String>,
    pub bbox: BBox,
}

impl ReferenceLayer {
    /// The skipped features as "FILE: feature N: why", at most `max` of them and a count of
    /// the rest.
    pub fn skipped_lines(&self, max: usize) -> Vec<String> {
        let mut out: Vec<String> = self
            .skipped
            .iter()
            .take(max)
            .map(|s| {
                format!(
                    "{}: feature {}: {}",
                    self.file.display(),
                    s.number,
                    s.reason
                )
            })
            .collect();
        if self.skipped.len() > max {
            out.push(format!("... {} more", self.skipped.len() - max));
        }
        out
    }

    /// A likely label field: a property called like a name ("naam", "name", "name_nl",
    /// "label", ...), else the first property that holds text.
    pub fn suggested_label_field(&self) -> Option<&str> {
        let score = |name: &str| {
            let f = crate::model::text::fold(name);
            if ["naam", "name", "label", "nom"].contains(&f.as_str()) {
                0
            } else if f.starts_with("naam_nl") || f.starts_with("name_nl") {
                1
            } else if f.starts_with("naam") || f.starts_with("name") || f.starts_with("label") {
                2
            } else if f.contains("naam") || f.contains("name") {
                3
            } else {
                4
            }
        };
        let best = self
            .property_names
            .iter()
            .min_by_key(|n| score(n))
            .filter(|n| score(n) < 4);
        best.or_else(|| {
            self.property_names.iter().find(|n| {
                self.features
                    .iter()
                    .any(|f| matches!(f.properties.get(n.as_str()), Some(Value::String(_))))
            })
        })
        .map(String::as_str)
    }
}

/// Read a GeoJSON file as a reference layer.
pub fn read_reference_layer(path: &Path) -> Result<ReferenceLayer, DataError> {
    let text = read_text(path)?;
    parse_reference_layer(path, &text)
}

/// Geometry of one feature as found in the file, before any reprojection.
#[derive(Default)]
struct RawGeometry {
    polygons: Vec<Vec<Vec<[f64; 2]>>>,
    lines: Vec<Vec<[f64; 2]>>,
    points: Vec<[f64; 2]>,
    /// Polygons left out because their outer ring has fewer than 3 distinct points.
    collapsed: usize,
}

impl RawGeometry {
    fn add_polygon(&mut self, p: Option<Vec<Vec<[f64; 2]>>>) {
        match p {
            Some(p) => self.polygons.push(p),
            None => self.collapsed += 1,
        }
    }

    fn is_empty(&self) -> bool {
        self.polygons.is_empty() && self.lines.is_empty() && self.points.is_empty()
    }

    fn positions(&self) -> impl Iterator<Item = &[f64; 2]> {
        self.polygons
            .iter()
            .flatten()
            .flatten()
            .chain(self.lines.iter().flatten())
            .chain(self.points.iter())
    }

    fn map(&mut self, f: impl Fn([f64; 2]) -> [f64; 2]) {
        for p in self
            .polygons
            .iter_mut()
            .flatten()
            .flatten()
            .chain(self.lines.iter_mut().flatten())
            .chain(self.points.iter_mut())
        {
            *p = f(*p);
        }
    }
}

/// Explain a JSON syntax error in words a user can act on.
fn json_error(file: &Path, text: &str, e: &serde_json::Error) -> DataError {
    let place = format!("line {}, column {}", e.line(), e.column());
    let at = text
        .lines()
        .nth(e.line().saturating_sub(1))
        .map_or("", |l| {
            let start = e.column().saturating_sub(1);
            l.char_indices()
                .find(|&(i, _)| i >= start)
                .map_or("", |(i, _)| &l[i..])
        });
    let at = at.trim_start_matches(['-', '+']);
    let message = if e.classify() == serde_json::error::Category::Eof {
        "the file ends in the middle of the JSON (is it cut off?)".to_string()
    } else if ["NaN", "nan", "Infinity", "inf"]
        .iter()
        .any(|w| at.starts_with(w))
        || e.to_string().contains("number out of range")
    {
        "a coordinate is not a finite number (NaN, Infinity or too large)".to_string()
    } else {
        // serde_json ends its message with the place, which is already in `place`.
        let text = e.to_string();
        let what = text
            .rfind(" at line ")
            .map_or(text.as_str(), |i| &text[..i]);
        format!("not valid JSON: {what}")
    };
    DataError::new(file, place, message)
}

/// What a `crs` member says, if anything: Ok(None) when there is none or it names nothing.
fn declared_crs(file: &Path, root: &Value) -> Result<Option<SourceCrs>, DataError> {
    let Some(crs) = root.get("crs") else {
        return Ok(None);
    };
    let props = crs.get("properties");
    let named = props
        .and_then(|p| p.get("name").or_else(|| p.get("code")))
        .map(|v| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        });
    let Some(name) = named else {
        return Ok(None);
    };
    let f = crate::model::text::fold(&name);
    // Known systems we cannot read, checked first: "ETRS89 / Belgian Lambert 2008" also
    // contains a lon/lat keyword.
    let other = [
        ("3812", " (Belgian Lambert 2008)"),
        ("lambert 2008", " (Belgian Lambert 2008)"),
        ("lambert_2008", " (Belgian Lambert 2008)"),
        ("3857", " (Web Mercator)"),
        ("900913", " (Web Mercator)"),
        ("mercator", ""),
        ("utm", ""),
    ];
    let lambert = [
        "31370",
        "lambert 72",
        "lambert72",
        "lambert_72",
        "belge 1972",
        "bd72",
    ];
    let degrees = [
        "crs84", "crs:84", "4326", "4258", "wgs84", "wgs 84", "etrs89",
    ];
    let refused = other.iter().find(|(k, _)| f.contains(k)).map(|(_, n)| *n);
    if refused.is_none() && lambert.iter().any(|k| f.contains(k)) {
        Ok(Some(SourceCrs::Lambert72))
    } else if refused.is_none() && degrees.iter().any(|k| f.contains(k)) {
        Ok(Some(SourceCrs::Wgs84))
    } else {
        let known = refused.unwrap_or("");
        Err(DataError::whole(
            file,
            format!(
                "the file is in coordinate system {name}{known}; only WGS84 longitude/latitude \
                 and Belgian Lambert 72 (EPSG:31370) can be read. Save it in EPSG:4326 first \
                 (in QGIS: Export > Save Features As, CRS EPSG:4326)."
            ),
        ))
    }
}

/// Guess the coordinate system from the range of the coordinates.
fn guess_crs(file: &Path, min: [f64; 2], max: [f64; 2]) -> Result<SourceCrs, DataError> {
    let inside = |lo: [f64; 2], hi: [f64; 2]| {
        min[0] >= lo[0] && min[1] >= lo[1] && max[0] <= hi[0] && max[1] <= hi[1]
    };
    if inside([-180.0, -90.0], [180.0, 90.0]) {
        return Ok(SourceCrs::Wgs84);
    }
    if inside([0.0, 0.0], [300_000.0, 300_000.0]) {
        return Ok(SourceCrs::Lambert72);
    }
    let guess = if inside([450_000.0, 450_000.0], [850_000.0, 850_000.0]) {
        "they look like Belgian Lambert 2008 (EPSG:3812)"
    } else if inside([200_000.0, 6_300_000.0], [800_000.0, 6_900_000.0]) {
        "they look like Web Mercator (EPSG:3857)"
    } else if inside([300_000.0, 5_400_000.0], [800_000.0, 5_800_000.0]) {
        "they look like UTM zone 31N (EPSG:32631)"
    } else {
        "an unknown projected coordinate system"
    };
    Err(DataError::whole(
        file,
        format!(
            "coordinates run from ({:.0}, {:.0}) to ({:.0}, {:.0}): {guess}; only WGS84 \
             longitude/latitude and Belgian Lambert 72 (EPSG:31370) can be read. Save the \
             file in EPSG:4326 first (in QGIS: Export > Save Features As, CRS EPSG:4326).",
            min[0], min[1], max[0], max[1]
        ),
    ))
}

/// A JSON value for a message, cut short: a broken geometry may hold megabytes.
fn short(v: &Value) -> String {
    const MAX: usize = 60;
    let text = v.to_string();
    if text.chars().count() <= MAX {
        text
    } else {
        let cut: String = text.chars().take(MAX).collect();
        format!("{cut}…")
    }
}

fn position(v: &Value) -> Result<[f64; 2], String> {
    let arr = v
        .as_array()
        .ok_or_else(|| format!("a position should be a list of numbers, found {}", short(v)))?;
    if arr.len() < 2 {
        return Err("a position has fewer than 2 numbers".into());
    }
    match (arr[0].as_f64(), arr[1].as_f64()) {
        (Some(x), Some(y)) if x.is_finite() && y.is_finite() => Ok([x, y]),
        _ => Err(format!(
            "a position holds something other than finite numbers: {}",
            short(v)
        )),
    }
}

fn positions(v: &Value) -> Result<Vec<[f64; 2]>, String> {
    v.as_array()
        .ok_or_else(|| "coordinates should be a list of positions".to_string())?
        .iter()
        .map(position)
        .collect()
}

/// A polygon with its rings closed; None when its outer ring has fewer than 3 distinct
/// points (the polygon is left out, the rest of the feature kept).
fn polygon(v: &Value) -> Result<Option<Vec<Vec<[f64; 2]>>>, String> {
    let rings = v
        .as_array()
        .ok_or_else(|| "a polygon should be a list of rings".to_string())?;
    let mut out = Vec::with_capacity(rings.len());
    for (i, r) in rings.iter().enumerate() {
        let mut ring = positions(r)?;
        ring.dedup();
        if ring.len() > 1 && ring.first() == ring.last() {
            ring.pop();
        }
        if ring.len() < 3 {
            // A degenerate outer ring drops the polygon; a degenerate hole is ignored.
            if i == 0 {
                return Ok(None);
            }
            continue;
        }
        ring.push(ring[0]);
        out.push(ring);
    }
    Ok((!out.is_empty()).then_some(out))
}

fn coords(g: &Map<String, Value>) -> Result<&Value, String> {
    g.get("coordinates")
        .ok_or_else(|| "the geometry has no coordinates".to_string())
}

fn list(v: &Value) -> Result<&Vec<Value>, String> {
    v.as_array()
        .ok_or_else(|| format!("expected a list, found {}", short(v)))
}

/// How deep GeometryCollections may be nested.
const MAX_COLLECTION_DEPTH: usize = 8;

/// Collect one geometry object into `out`; Err is the reason to skip the feature.
fn geometry(v: &Value, out: &mut RawGeometry, depth: usize) -> Result<(), String> {
    let g = v
        .as_object()
        .ok_or_else(|| format!("the geometry should be an object, found {}", short(v)))?;
    let kind = g.get("type").and_then(Value::as_str).unwrap_or("");
    match kind {
        "Point" => out.points.push(position(coords(g)?)?),
        "MultiPoint" => out.points.extend(positions(coords(g)?)?),
        "LineString" => {
            let l = positions(coords(g)?)?;
            if l.len() >= 2 {
                out.lines.push(l);
            }
        }
        "MultiLineString" => {
            for l in list(coords(g)?)? {
                let l = positions(l)?;
                if l.len() >= 2 {
                    out.lines.push(l);
                }
            }
        }
        "Polygon" => out.add_polygon(polygon(coords(g)?)?),
        "MultiPolygon" => {
            for p in list(coords(g)?)? {
                out.add_polygon(polygon(p)?);
            }
        }
        "GeometryCollection" if depth >= MAX_COLLECTION_DEPTH => {
            return Err(format!(
                "GeometryCollections are nested more than {MAX_COLLECTION_DEPTH} deep"
            ));
        }
        "GeometryCollection" => {
            let parts = g
                .get("geometries")
                .ok_or_else(|| "the GeometryCollection has no geometries".to_string())?;
            for part in list(parts)? {
                geometry(part, out, depth + 1)?;
            }
        }
        "" => return Err("the geometry has no type".into()),
        other => return Err(format!("geometry type '{other}' is not supported")),
    }
    Ok(())
}

/// Half way along the longest line.
fn line_midpoint(lines: &[Vec<Merc>]) -> Option<Merc> {
    let len = |l: &Vec<Merc>| {
        l.windows(2)
            .map(|w| (w[1][0] - w[0][0]).hypot(w[1][1] - w[0][1]))
            .sum::<f64>()
    };
    let line = lines.iter().max_by(|a, b| len(a).total_cmp(&len(b)))?;
    let mut left = len(line) / 2.0;
    for w in line.windows(2) {
        let d = (w[1][0] - w[0][0]).hypot(w[1][1] - w[0][1]);
        if d >= left && d > 0.0 {
            let t = left / d;
            return Some([
                w[0][0] + t * (w[1][0] - w[0][0]),
                w[0][1] + t * (w[1][1] - w[0][1]),
            ]);
        }
        left -= d;
    }
    line.first().copied()
}

/// The error for a file in which every feature was skipped: it names the first.
fn no_usable_feature(path: &Path, skipped: &[SkippedFeature]) -> DataError {
    let why = skipped
        .first()
        .map(|s| format!(" (feature {}: {})", s.number, s.reason))
        .unwrap_or_default();
    DataError::whole(
        path,
        format!("the file has no feature with a usable geometry{why}"),
    )
}

/// Parse GeoJSON text as a reference layer (`path` names the file in errors).
#[expect(
    clippy::too_many_lines,
    reason = "over the 120-line limit; still to be split"
)]
pub fn parse_reference_layer(path: &Path, text: &str) -> Result<ReferenceLayer, DataError> {
    if text.trim().is_empty() {
        return Err(DataError::whole(path, "the file is empty"));
    }
    let root: Value = serde_json::from_str(text).map_err(|e| json_error(path, text, &e))?;
    let kind = root.get("type").and_then(Value::as_str).unwrap_or("");
    let features: Vec<&Value> = match kind {
        "FeatureCollection" => match root.get("features") {
            Some(Value::Array(a)) => a.iter().collect(),
            _ => {
                return Err(DataError::whole(
                    path,
                    "the FeatureCollection has no list of features",
                ));
            }
        },
        "Feature" => vec![&root],
        "" => {
            return Err(DataError::whole(
                path,
                "not GeoJSON: the JSON has no \"type\" (expected a FeatureCollection)",
            ));
        }
        _ => vec![&root], // a bare geometry: one feature without properties
    };
    let declared = declared_crs(path, &root)?;

    // 1. Geometry as written, per feature.
    let mut raw: Vec<(usize, Map<String, Value>, RawGeometry)> = Vec::new();
    let mut skipped = Vec::new();
    let null = Value::Null;
    for (i, f) in features.into_iter().enumerate() {
        let number = i + 1;
        let (geom_value, properties) = if f.get("type").and_then(Value::as_str) == Some("Feature") {
            let props = match f.get("properties") {
                Some(Value::Object(m)) => m.clone(),
                _ => Map::new(),
            };
            (f.get("geometry").unwrap_or(&null), props)
        } else {
            (f, Map::new())
        };
        if geom_value.is_null() {
            skipped.push(SkippedFeature {
                number,
                reason: "has no geometry".into(),
            });
            continue;
        }
        let mut g = RawGeometry::default();
        match geometry(geom_value, &mut g, 0) {
            Ok(()) if g.is_empty() => skipped.push(SkippedFeature {
                number,
                reason: if g.collapsed > 0 {
                    "the outer ring of its polygon has fewer than 3 distinct points".into()
                } else {
                    "the geometry is empty".into()
                },
            }),
            Ok(()) => raw.push((number, properties, g)),
            Err(reason) => skipped.push(SkippedFeature { number, reason }),
        }
    }
    if raw.is_empty() {
        return Err(no_usable_feature(path, &skipped));
    }

    // 2. Coordinate system, from the crs member or the size of the numbers.
    let (mut min, mut max) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
    for p in raw.iter().flat_map(|(_, _, g)| g.positions()) {
        min = [min[0].min(p[0]), min[1].min(p[1])];
        max = [max[0].max(p[0]), max[1].max(p[1])];
    }
    let guessed = guess_crs(path, min, max);
    let crs = match (declared, guessed) {
        (Some(SourceCrs::Wgs84), Ok(SourceCrs::Lambert72) | Err(_)) => {
            return Err(DataError::whole(
                path,
                format!(
                    "the file says it is in longitude/latitude, but its coordinates run from \
                     ({:.0}, {:.0}) to ({:.0}, {:.0}), which are not degrees",
                    min[0], min[1], max[0], max[1]
                ),
            ));
        }
        (Some(SourceCrs::Lambert72), Ok(SourceCrs::Wgs84)) => {
            return Err(DataError::whole(
                path,
                format!(
                    "the file says it is in Belgian Lambert 72, but its coordinates run from \
                     ({}, {}) to ({}, {}), which look like degrees, not metres",
                    min[0], min[1], max[0], max[1]
                ),
            ));
        }
        (Some(SourceCrs::Lambert72), Err(_)) => {
            // Lambert 72 covers Belgium: metres outside its grid are another system (often
            // Lambert 2008 under the wrong name) or a mistake, and would land far away.
            let outside = raw.iter().find_map(|(number, _, g)| {
                g.positions()
                    .find(|p| {
                        !(0.0..=300_000.0).contains(&p[0]) || !(0.0..=300_000.0).contains(&p[1])
                    })
                    .map(|p| (*number, *p))
            });
            let (number, p) = outside.unwrap_or((1, min));
            return Err(DataError::new(
                path,
                format!("feature {number}"),
                format!(
                    "({:.0}, {:.0}) is outside Belgium in Belgian Lambert 72 (EPSG:31370), \
                     which the file says it uses; x and y should lie between 0 and 300000 \
                     metres. Is the file in another system, such as Belgian Lambert 2008 \
                     (EPSG:3812)?",
                    p[0], p[1]
                ),
            ));
        }
        (Some(c), _) => c,
        (None, g) => g?,
    };
    if crs == SourceCrs::Lambert72 {
        // Degrees among metres: a file that mixes systems cannot be placed.
        let mixed = raw.iter().find(|(_, _, g)| {
            g.positions()
                .any(|p| !looks_like_lambert72(p[0], p[1]) && p[0].abs() <= 180.0)
        });
        if let Some((number, _, _)) = mixed {
            return Err(DataError::new(
                path,
                format!("feature {number}"),
                "its coordinates look like degrees, while the rest of the file is in \
                 Belgian Lambert 72 metres",
            ));
        }
    }

    // 3. Reproject and build the features.
    let mut features = Vec::with_capacity(raw.len());
    let mut property_names: Vec<String> = Vec::new();
    let mut bbox = BBox::EMPTY;
    for (number, properties, mut g) in raw {
        if crs == SourceCrs::Lambert72 {
            g.map(|p| lambert72_to_wgs84(p[0], p[1]));
        }
        // Web Mercator reaches 85 degrees; near the poles it runs off to infinity.
        if let Some(p) = g.positions().find(|p| p[1].abs() > MAX_LATITUDE) {
            skipped.push(SkippedFeature {
                number,
                reason: format!(
                    "latitude {} is outside the map (Web Mercator reaches {MAX_LATITUDE:.4} \
                     degrees)",
                    p[1]
                ),
            });
            continue;
        }
        for k in properties.keys() {
            if !property_names.contains(k) {
                property_names.push(k.clone());
            }
        }
        let merc: Vec<MercPolygon> = g.polygons.iter().map(merc_polygon).collect();
        let merc_lines: Vec<Vec<Merc>> = g.lines.iter().map(|l| merc_line(l)).collect();
        let merc_points: Vec<Merc> = g.points.iter().map(|p| geom::to_merc(p[0], p[1])).collect();
        let mut fb = BBox::EMPTY;
        for p in merc
            .iter()
            .flat_map(|m| m.rings.iter().flatten())
            .chain(merc_lines.iter().flatten())
            .chain(merc_points.iter())
        {
            fb.include(*p);
        }
        let label_point = merc
            .iter()
            .max_by(|a, b| a.area().total_cmp(&b.area()))
            .and_then(scanline_point)
            .or_else(|| line_midpoint(&merc_lines))
            .or_else(|| merc_points.first().copied())
            .unwrap_or(fb.center());
        bbox = bbox.union(fb);
        features.push(RefFeature {
            number,
            properties,
            polygons: g.polygons,
            merc,
            lines: g.lines,
            points: g.points,
            bbox: fb,
            label_point,
        });
    }
    skipped.sort_by_key(|s| s.number);
    if features.is_empty() {
        return Err(no_usable_feature(path, &skipped));
    }
    Ok(ReferenceLayer {
        file: path.to_path_buf(),
        name: path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        crs,
        features,
        skipped,
        property_names,
        bbox,
    })
}
