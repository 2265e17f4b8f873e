//! A shapefile as a reference layer: the shapes of the `.shp`, the properties of the `.dbf`
//! beside it, and the coordinate system its `.prj` names (required: the numbers alone do not
//! tell Lambert 72 from a local grid). Read with the `shapefile` crate; each of the three
//! files is read whole through the guarded reader first, so a pipe or a huge file is refused
//! before the crate sees it. From the raw geometry on, the layer is built as a GeoJSON one is
//! (`reference::build_layer`).

use std::io::Cursor;
use std::path::{Path, PathBuf};

use serde_json::{Map, Number, Value};
use shapefile::dbase::{self, FieldValue};
use shapefile::{Point, PolygonRing, Shape};

use super::error::{DataError, read_bytes};
use super::input::{self, ReadProblem};
use super::reference::{
    RawFeature, RawGeometry, ReferenceError, ReferenceLayer, SkippedFeature, build_layer,
    closed_polygon, crs_from_name, empty_geometry,
};

/// A file beside the `.shp` with the same name and another extension, in the same case as
/// the `.shp`'s (`.SHP` goes with `.DBF`) when that one exists.
fn sibling(shp: &Path, ext: &str) -> Option<PathBuf> {
    let upper = shp
        .extension()
        .is_some_and(|e| e.to_string_lossy().chars().all(|c| c.is_ascii_uppercase()));
    let (first, second) = if upper {
        (ext.to_ascii_uppercase(), ext.to_string())
    } else {
        (ext.to_string(), ext.to_ascii_uppercase())
    };
    [first, second]
        .into_iter()
        .map(|e| shp.with_extension(e))
        .find(|p| p.exists())
}

/// A sibling file's bytes, or None when there is none.
fn read_sibling(shp: &Path, ext: &str) -> Result<Option<(PathBuf, Vec<u8>)>, DataError> {
    let Some(path) = sibling(shp, ext) else {
        return Ok(None);
    };
    match input::read_bytes(&path, super::error::MAX_FILE_BYTES) {
        Ok(bytes) => Ok(Some((path, bytes))),
        Err(e) if e.problem == ReadProblem::Missing => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// The name a WKT gives its system: the first quoted text (`PROJCS["Belge_1972_..."`).
fn wkt_name(wkt: &str) -> String {
    wkt.split('"')
        .nth(1)
        .filter(|n| !n.trim().is_empty())
        .map_or_else(|| wkt.chars().take(80).collect(), str::to_string)
}

fn shape_error(file: &Path, e: &shapefile::Error) -> DataError {
    DataError::whole(file, format!("not a readable shapefile: {e}"))
}

/// A dBase value as a JSON property (None for an empty cell).
fn property(v: FieldValue) -> Option<Value> {
    let number = |f: f64| Number::from_f64(f).map(Value::Number);
    match v {
        FieldValue::Character(s) => s.map(|s| Value::String(s.trim().to_string())),
        FieldValue::Memo(s) => Some(Value::String(s)),
        FieldValue::Numeric(n) => n.and_then(number),
        FieldValue::Float(n) => n.and_then(|f| number(f64::from(f))),
        FieldValue::Double(f) | FieldValue::Currency(f) => number(f),
        FieldValue::Integer(i) => Some(Value::Number(i.into())),
        FieldValue::Logical(b) => b.map(Value::Bool),
        FieldValue::Date(d) => d.map(|d| Value::String(d.to_string())),
        FieldValue::DateTime(d) => Some(Value::String(format!("{d:?}"))),
    }
}

fn xy(p: &Point) -> [f64; 2] {
    [p.x, p.y]
}

/// Polygons from shapefile rings: each outer ring starts a polygon, the inner rings after it
/// are its holes.
fn polygons<P>(rings: &[PolygonRing<P>], g: &mut RawGeometry, to_xy: impl Fn(&P) -> [f64; 2]) {
    let mut current: Vec<Vec<[f64; 2]>> = Vec::new();
    for ring in rings {
        let points: Vec<[f64; 2]> = ring.points().iter().map(&to_xy).collect();
        match ring {
            PolygonRing::Outer(_) => {
                if !current.is_empty() {
                    g.add_polygon(closed_polygon(std::mem::take(&mut current)));
                }
                current.push(points);
            }
            // A hole before any outer ring is taken as an outer ring: nothing is lost.
            PolygonRing::Inner(_) => current.push(points),
        }
    }
    if !current.is_empty() {
        g.add_polygon(closed_polygon(current));
    }
}

fn lines<P>(parts: &[Vec<P>], g: &mut RawGeometry, to_xy: impl Fn(&P) -> [f64; 2]) {
    for part in parts {
        let mut l: Vec<[f64; 2]> = part.iter().map(&to_xy).collect();
        l.dedup();
        if l.len() >= 2 {
            g.lines.push(l);
        }
    }
}

/// The geometry of one shape; Err is the reason to skip it.
fn geometry(shape: &Shape) -> Result<RawGeometry, String> {
    let mut g = RawGeometry::default();
    match shape {
        Shape::NullShape => return Err("has no geometry".into()),
        Shape::Point(p) => g.points.push(xy(p)),
        Shape::PointM(p) => g.points.push([p.x, p.y]),
        Shape::PointZ(p) => g.points.push([p.x, p.y]),
        Shape::Multipoint(m) => g.points.extend(m.points().iter().map(xy)),
        Shape::MultipointM(m) => g.points.extend(m.points().iter().map(|p| [p.x, p.y])),
        Shape::MultipointZ(m) => g.points.extend(m.points().iter().map(|p| [p.x, p.y])),
        Shape::Polyline(l) => lines(l.parts(), &mut g, xy),
        Shape::PolylineM(l) => lines(l.parts(), &mut g, |p| [p.x, p.y]),
        Shape::PolylineZ(l) => lines(l.parts(), &mut g, |p| [p.x, p.y]),
        Shape::Polygon(p) => polygons(p.rings(), &mut g, xy),
        Shape::PolygonM(p) => polygons(p.rings(), &mut g, |p| [p.x, p.y]),
        Shape::PolygonZ(p) => polygons(p.rings(), &mut g, |p| [p.x, p.y]),
        Shape::Multipatch(_) => return Err("multipatch (3D) shapes are not supported".into()),
    }
    if let Some(p) = g
        .points
        .iter()
        .chain(g.lines.iter().flatten())
        .chain(g.polygons.iter().flatten().flatten())
        .find(|p| !p[0].is_finite() || !p[1].is_finite())
    {
        return Err(format!("a coordinate is not a finite number: {p:?}"));
    }
    Ok(g)
}

/// Read `path` (the `.shp`) with its `.dbf`, `.prj` and, when there is one, `.shx`.
pub fn read_shapefile(
    path: &Path,
    progress: &dyn Fn(f32),
) -> Result<ReferenceLayer, ReferenceError> {
    let shp = read_bytes(path)?;
    let Some((prj_path, prj)) = read_sibling(path, "prj")? else {
        return Err(ReferenceError::NoPrj {
            file: path.to_path_buf(),
        });
    };
    let Some((dbf_path, dbf)) = read_sibling(path, "dbf")? else {
        return Err(ReferenceError::NoDbf {
            file: path.to_path_buf(),
        });
    };
    let wkt = String::from_utf8_lossy(&prj).trim().to_string();
    let Some(crs) = crs_from_name(&wkt) else {
        return Err(ReferenceError::UnknownCrs {
            file: prj_path,
            name: wkt_name(&wkt),
        });
    };
    let shx = read_sibling(path, "shx")?;
    let shapes = match &shx {
        Some((_, shx)) => shapefile::ShapeReader::with_shx(Cursor::new(shp), Cursor::new(shx)),
        None => shapefile::ShapeReader::new(Cursor::new(shp)),
    }
    .map_err(|e| shape_error(path, &e))?;
    let table = dbase::Reader::new(Cursor::new(dbf))
        .map_err(|e| DataError::whole(&dbf_path, format!("not a readable dBase table: {e}")))?;
    let names: Vec<String> = table
        .fields()
        .iter()
        .map(|f| f.name().to_string())
        .collect();
    let total = shapes.shape_count().ok().filter(|&n| n > 0);
    let mut reader = shapefile::Reader::new(shapes, table);
    let mut raw: Vec<RawFeature> = Vec::new();
    let mut skipped = Vec::new();
    for (i, item) in reader.iter_shapes_and_records().enumerate() {
        let number = i + 1;
        let (shape, record) = item.map_err(|e| {
            DataError::new(
                path,
                format!("feature {number}"),
                format!("cannot be read: {e}"),
            )
        })?;
        if let Some(total) = total
            && number % 1024 == 0
        {
            progress(number as f32 / total as f32 * 0.8);
        }
        let mut record = record
            .into_iter()
            .collect::<std::collections::HashMap<_, _>>();
        let mut properties = Map::new();
        for name in &names {
            if let Some(v) = record.remove(name).and_then(property) {
                properties.insert(name.clone(), v);
            }
        }
        match geometry(&shape) {
            Ok(g) if g.is_empty() => skipped.push(empty_geometry(number, &g)),
            Ok(g) => raw.push((number, properties, g)),
            Err(reason) => skipped.push(SkippedFeature { number, reason }),
        }
    }
    progress(0.85);
    build_layer(path, raw, skipped, Some(crs))
}
