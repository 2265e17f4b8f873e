//! A user's own reference layer: any GeoJSON file with polygons, lines or points and their
//! properties, shown over the map with a label field of the user's choice.
//!
//! Coordinates are WGS84 longitude/latitude, or Belgian Lambert 72 (EPSG:31370) or Belgian
//! Lambert 2008 (EPSG:3812) metres, which are reprojected when the file is read: the map draws
//! the projected coordinates computed here and never projects again. The system is the one a
//! `crs` member names or, without one, the one the size of the numbers gives. Other systems
//! are refused with an error that names the file and the system. Features without a usable
//! geometry are skipped and listed with their number; the rest of the file is still shown.
//!
//! Shapefiles are read in `reference_shp.rs` and go through the same steps from their raw
//! geometry on ([`build_layer`]).

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::error::{DataError, read_text};
use super::geojson_read::MAX_LATITUDE;
use crate::model::geom::{self, BBox, Merc, MercPolygon};
use crate::model::lambert72::{lambert72_to_wgs84, lambert2008_to_wgs84};
use crate::model::overlay::{merc_line, merc_polygon, scanline_point};
use crate::model::topology::LonLatPolygon;

/// The coordinate system the file was written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceCrs {
    /// WGS84 (or ETRS89) longitude/latitude in degrees.
    Wgs84,
    /// Belgian Lambert 72 metres, reprojected to WGS84 when read.
    Lambert72,
    /// Belgian Lambert 2008 metres (ETRS89), reprojected to WGS84 when read.
    Lambert2008,
}

impl SourceCrs {
    /// Short name for the user, e.g. "Belgian Lambert 72 (EPSG:31370)".
    pub fn label(self) -> &'static str {
        match self {
            SourceCrs::Wgs84 => "WGS84 (EPSG:4326)",
            SourceCrs::Lambert72 => "Belgian Lambert 72 (EPSG:31370)",
            SourceCrs::Lambert2008 => "Belgian Lambert 2008 (EPSG:3812)",
        }
    }

    /// The square, in metres, that holds Belgium in a projected system.
    fn grid(self) -> Option<([f64; 2], [f64; 2])> {
        match self {
            SourceCrs::Wgs84 => None,
            SourceCrs::Lambert72 => Some(([0.0, 0.0], [300_000.0, 300_000.0])),
            SourceCrs::Lambert2008 => Some(([450_000.0, 450_000.0], [850_000.0, 850_000.0])),
        }
    }

    /// Whether a position lies in the grid of this projected system.
    fn in_grid(self, p: [f64; 2]) -> bool {
        self.grid().is_some_and(|(lo, hi)| {
            (lo[0]..=hi[0]).contains(&p[0]) && (lo[1]..=hi[1]).contains(&p[1])
        })
    }

    /// Projected metres to WGS84 `[lon, lat]`.
    fn to_wgs84(self, p: [f64; 2]) -> [f64; 2] {
        match self {
            SourceCrs::Wgs84 => p,
            SourceCrs::Lambert72 => lambert72_to_wgs84(p[0], p[1]),
            SourceCrs::Lambert2008 => lambert2008_to_wgs84(p[0], p[1]),
        }
    }
}

/// What coordinates outside every system that can be read look like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CrsGuess {
    WebMercator,
    Utm31,
    Unknown,
}

/// Why a file could not be opened as a reference layer. Each names the file; the texts for
/// the user are in `i18n::reference_error`.
#[derive(Clone, Debug, PartialEq)]
pub enum ReferenceError {
    /// The file cannot be read, or its content is wrong at a place the error names.
    Data(DataError),
    /// The file names a coordinate system that cannot be read (`name` as the file has it).
    UnknownCrs { file: PathBuf, name: String },
    /// The coordinates are in no system that can be read, and no system is named.
    UnknownCoordinates {
        file: PathBuf,
        min: [f64; 2],
        max: [f64; 2],
        guess: CrsGuess,
    },
    /// A shapefile without the .prj file that says its coordinate system (`file` is the .shp).
    NoPrj { file: PathBuf },
    /// A shapefile without its .dbf attribute table.
    NoDbf { file: PathBuf },
}

impl ReferenceError {
    /// The file the problem is in.
    pub fn file(&self) -> &Path {
        match self {
            ReferenceError::Data(e) => &e.file,
            ReferenceError::UnknownCrs { file, .. }
            | ReferenceError::UnknownCoordinates { file, .. }
            | ReferenceError::NoPrj { file }
            | ReferenceError::NoDbf { file } => file,
        }
    }
}

impl From<DataError> for ReferenceError {
    fn from(e: DataError) -> Self {
        ReferenceError::Data(e)
    }
}

impl std::fmt::Display for ReferenceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const READABLE: &str = "only WGS84 longitude/latitude, Belgian Lambert 72 (EPSG:31370) \
                                and Belgian Lambert 2008 (EPSG:3812) can be read";
        match self {
            ReferenceError::Data(e) => write!(f, "{e}"),
            ReferenceError::UnknownCrs { file, name } => write!(
                f,
                "{}: the file is in coordinate system {name}; {READABLE}. Save it in EPSG:4326 \
                 first (in QGIS: Export > Save Features As, CRS EPSG:4326).",
                file.display()
            ),
            ReferenceError::UnknownCoordinates {
                file,
                min,
                max,
                guess,
            } => {
                let guess = match guess {
                    CrsGuess::WebMercator => "they look like Web Mercator (EPSG:3857)",
                    CrsGuess::Utm31 => "they look like UTM zone 31N (EPSG:32631)",
                    CrsGuess::Unknown => "an unknown projected coordinate system",
                };
                write!(
                    f,
                    "{}: coordinates run from ({:.0}, {:.0}) to ({:.0}, {:.0}): {guess}; \
                     {READABLE}. Save the file in EPSG:4326 first (in QGIS: Export > Save \
                     Features As, CRS EPSG:4326).",
                    file.display(),
                    min[0],
                    min[1],
                    max[0],
                    max[1]
                )
            }
            ReferenceError::NoPrj { file } => write!(
                f,
                "{}: there is no .prj file beside it, so its coordinate system is not known; \
                 keep the .prj that came with the shapefile in the same folder",
                file.display()
            ),
            ReferenceError::NoDbf { file } => write!(
                f,
                "{}: there is no .dbf file beside it (the table of the shapes' properties); \
                 keep the .dbf that came with the shapefile in the same folder",
                file.display()
            ),
        }
    }
}

impl std::error::Error for ReferenceError {}

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
    /// The lines and points in Mercator space.
    pub merc_lines: Vec<Vec<Merc>>,
    pub merc_points: Vec<Merc>,
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

/// Read a GeoJSON file or a shapefile (by its extension, `.shp`) as a reference layer.
pub fn read_reference_layer(path: &Path) -> Result<ReferenceLayer, ReferenceError> {
    read_reference_layer_with_progress(path, &|_| {})
}

/// As [`read_reference_layer`], telling `progress` how far it is (0 to 1) as it goes.
pub fn read_reference_layer_with_progress(
    path: &Path,
    progress: &dyn Fn(f32),
) -> Result<ReferenceLayer, ReferenceError> {
    let is_shp = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("shp"));
    if is_shp {
        return super::reference_shp::read_shapefile(path, progress);
    }
    let text = read_text(path)?;
    progress(0.3);
    parse_reference_layer(path, &text)
}

/// Geometry of one feature as found in the file, before any reprojection.
#[derive(Default)]
pub(crate) struct RawGeometry {
    /// Polygons, each its rings (outer first), every ring closed.
    pub polygons: Vec<Vec<Vec<[f64; 2]>>>,
    pub lines: Vec<Vec<[f64; 2]>>,
    pub points: Vec<[f64; 2]>,
    /// Polygons left out because their outer ring has fewer than 3 distinct points.
    pub collapsed: usize,
}

/// One feature as found in the file: its number (from 1), properties and geometry.
pub(crate) type RawFeature = (usize, Map<String, Value>, RawGeometry);

impl RawGeometry {
    pub(crate) fn add_polygon(&mut self, p: Option<Vec<Vec<[f64; 2]>>>) {
        match p {
            Some(p) => self.polygons.push(p),
            None => self.collapsed += 1,
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
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

/// The system a name stands for: a `crs` member's name ("urn:ogc:def:crs:EPSG::31370",
/// "ETRS89 / Belgian Lambert 2008") or the WKT of a shapefile's .prj. None when it names a
/// system that cannot be read, or nothing known.
pub(crate) fn crs_from_name(name: &str) -> Option<SourceCrs> {
    let f = crate::model::text::fold(name).replace(['_', '-'], " ");
    let has = |keys: &[&str]| keys.iter().any(|k| f.contains(k));
    // Lambert 2008 first: its name also says ETRS89, a lon/lat keyword.
    if has(&["3812", "lambert 2008"]) {
        return Some(SourceCrs::Lambert2008);
    }
    if has(&["31370", "lambert 72", "lambert72", "belge 1972", "bd72"]) {
        return Some(SourceCrs::Lambert72);
    }
    // A projected system on a lon/lat datum ("WGS_1984_Web_Mercator", "WGS 84 / UTM zone 31N").
    let projected = f.trim_start().starts_with("projcs")
        || f.trim_start().starts_with("projcrs")
        || has(&[
            "3857",
            "900913",
            "mercator",
            "utm",
            "3035",
            "lambert 93",
            "2154",
        ]);
    let degrees = has(&[
        "crs84",
        "crs:84",
        "4326",
        "4258",
        "wgs84",
        "wgs 84",
        "wgs 1984",
        "etrs89",
        "etrs 1989",
    ]);
    (degrees && !projected).then_some(SourceCrs::Wgs84)
}

/// What a `crs` member says, if anything: Ok(None) when there is none or it names nothing.
fn declared_crs(file: &Path, root: &Value) -> Result<Option<SourceCrs>, ReferenceError> {
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
    match crs_from_name(&name) {
        Some(c) => Ok(Some(c)),
        None => Err(ReferenceError::UnknownCrs {
            file: file.to_path_buf(),
            name,
        }),
    }
}

/// Guess the coordinate system from the range of the coordinates.
fn guess_crs(file: &Path, min: [f64; 2], max: [f64; 2]) -> Result<SourceCrs, ReferenceError> {
    let inside = |lo: [f64; 2], hi: [f64; 2]| {
        min[0] >= lo[0] && min[1] >= lo[1] && max[0] <= hi[0] && max[1] <= hi[1]
    };
    if inside([-180.0, -90.0], [180.0, 90.0]) {
        return Ok(SourceCrs::Wgs84);
    }
    for c in [SourceCrs::Lambert72, SourceCrs::Lambert2008] {
        if c.in_grid(min) && c.in_grid(max) {
            return Ok(c);
        }
    }
    let guess = if inside([200_000.0, 6_300_000.0], [800_000.0, 6_900_000.0]) {
        CrsGuess::WebMercator
    } else if inside([300_000.0, 5_400_000.0], [800_000.0, 5_800_000.0]) {
        CrsGuess::Utm31
    } else {
        CrsGuess::Unknown
    };
    Err(ReferenceError::UnknownCoordinates {
        file: file.to_path_buf(),
        min,
        max,
        guess,
    })
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
    let rings: Vec<Vec<[f64; 2]>> = rings.iter().map(positions).collect::<Result<_, _>>()?;
    Ok(closed_polygon(rings))
}

/// A polygon from its rings (outer first) with each ring closed and repeated points dropped;
/// None when its outer ring has fewer than 3 distinct points. A degenerate hole is left out.
pub(crate) fn closed_polygon(rings: Vec<Vec<[f64; 2]>>) -> Option<Vec<Vec<[f64; 2]>>> {
    let mut out = Vec::with_capacity(rings.len());
    for (i, mut ring) in rings.into_iter().enumerate() {
        ring.dedup();
        if ring.len() > 1 && ring.first() == ring.last() {
            ring.pop();
        }
        if ring.len() < 3 {
            if i == 0 {
                return None;
            }
            continue;
        }
        ring.push(ring[0]);
        out.push(ring);
    }
    (!out.is_empty()).then_some(out)
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
pub fn parse_reference_layer(path: &Path, text: &str) -> Result<ReferenceLayer, ReferenceError> {
    if text.trim().is_empty() {
        return Err(DataError::whole(path, "the file is empty").into());
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
                )
                .into());
            }
        },
        "Feature" => vec![&root],
        "" => {
            return Err(DataError::whole(
                path,
                "not GeoJSON: the JSON has no \"type\" (expected a FeatureCollection)",
            )
            .into());
        }
        _ => vec![&root], // a bare geometry: one feature without properties
    };
    let declared = declared_crs(path, &root)?;

    // Geometry as written, per feature.
    let mut raw: Vec<RawFeature> = Vec::new();
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
            Ok(()) if g.is_empty() => skipped.push(empty_geometry(number, &g)),
            Ok(()) => raw.push((number, properties, g)),
            Err(reason) => skipped.push(SkippedFeature { number, reason }),
        }
    }
    build_layer(path, raw, skipped, declared)
}

/// The reason to skip a feature whose geometry came out empty.
pub(crate) fn empty_geometry(number: usize, g: &RawGeometry) -> SkippedFeature {
    SkippedFeature {
        number,
        reason: if g.collapsed > 0 {
            "the outer ring of its polygon has fewer than 3 distinct points".into()
        } else {
            "the geometry is empty".into()
        },
    }
}

/// The coordinate system of the features: the declared one, checked against the numbers, or
/// the one the numbers give.
fn settle_crs(
    path: &Path,
    raw: &[RawFeature],
    declared: Option<SourceCrs>,
) -> Result<SourceCrs, ReferenceError> {
    let (mut min, mut max) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
    for p in raw.iter().flat_map(|(_, _, g)| g.positions()) {
        min = [min[0].min(p[0]), min[1].min(p[1])];
        max = [max[0].max(p[0]), max[1].max(p[1])];
    }
    let guessed = guess_crs(path, min, max);
    let crs = match (declared, guessed) {
        (Some(SourceCrs::Wgs84), Ok(SourceCrs::Wgs84)) => SourceCrs::Wgs84,
        (Some(SourceCrs::Wgs84), _) => {
            return Err(DataError::whole(
                path,
                format!(
                    "the file says it is in longitude/latitude, but its coordinates run from \
                     ({:.0}, {:.0}) to ({:.0}, {:.0}), which are not degrees",
                    min[0], min[1], max[0], max[1]
                ),
            )
            .into());
        }
        (Some(c), Ok(SourceCrs::Wgs84)) => {
            return Err(DataError::whole(
                path,
                format!(
                    "the file says it is in {}, but its coordinates run from ({}, {}) to \
                     ({}, {}), which look like degrees, not metres",
                    c.label(),
                    min[0],
                    min[1],
                    max[0],
                    max[1]
                ),
            )
            .into());
        }
        (Some(c), Ok(g)) if g == c => c,
        (Some(c), _) => {
            // A projected system covers Belgium: metres outside its grid are another system
            // (often the other Lambert under the wrong name) or a mistake, and would land far
            // away.
            let outside = raw.iter().find_map(|(number, _, g)| {
                g.positions()
                    .find(|p| !c.in_grid(**p))
                    .map(|p| (*number, *p))
            });
            let (number, p) = outside.unwrap_or((1, min));
            let (lo, hi) = c.grid().unwrap_or(([0.0; 2], [0.0; 2]));
            let other = match c {
                SourceCrs::Lambert72 => SourceCrs::Lambert2008,
                _ => SourceCrs::Lambert72,
            };
            return Err(DataError::new(
                path,
                format!("feature {number}"),
                format!(
                    "({:.0}, {:.0}) is outside Belgium in {}, which the file says it uses; x \
                     and y should lie between {:.0} and {:.0} metres. Is the file in another \
                     system, such as {}?",
                    p[0],
                    p[1],
                    c.label(),
                    lo[0],
                    hi[0],
                    other.label()
                ),
            )
            .into());
        }
        (None, g) => g?,
    };
    if crs != SourceCrs::Wgs84 {
        // Degrees among metres: a file that mixes systems cannot be placed.
        let mixed = raw.iter().find(|(_, _, g)| {
            g.positions()
                // Metres this small are far outside Belgium in both Lambert grids.
                .any(|p| p[0].abs() <= 180.0 && p[1].abs() <= 90.0)
        });
        if let Some((number, _, _)) = mixed {
            return Err(DataError::new(
                path,
                format!("feature {number}"),
                format!(
                    "its coordinates look like degrees, while the rest of the file is in {} \
                     metres",
                    crs.label()
                ),
            )
            .into());
        }
    }
    Ok(crs)
}

/// The layer from the features as read (GeoJSON or shapefile): their coordinate system
/// settled, reprojected to WGS84 and Mercator, with boxes and label points.
pub(crate) fn build_layer(
    path: &Path,
    raw: Vec<RawFeature>,
    mut skipped: Vec<SkippedFeature>,
    declared: Option<SourceCrs>,
) -> Result<ReferenceLayer, ReferenceError> {
    if raw.is_empty() {
        return Err(no_usable_feature(path, &skipped).into());
    }
    let crs = settle_crs(path, &raw, declared)?;
    let mut features = Vec::with_capacity(raw.len());
    let mut property_names: Vec<String> = Vec::new();
    let mut bbox = BBox::EMPTY;
    for (number, properties, mut g) in raw {
        if crs != SourceCrs::Wgs84 {
            g.map(|p| crs.to_wgs84(p));
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
            merc_lines,
            merc_points,
            bbox: fb,
            label_point,
        });
    }
    skipped.sort_by_key(|s| s.number);
    if features.is_empty() {
        return Err(no_usable_feature(path, &skipped).into());
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
