//! Polygon features from a GeoJSON file, checked: WGS84 lon/lat, finite numbers, closed rings.

use std::path::Path;

use geojson::{Feature, GeometryValue, PolygonType};

use super::error::{DataError, read_text};
use super::json::{kind, parse_strict};
use crate::model::topology::LonLatPolygon;

#[derive(Debug)]
pub struct PolygonFeature {
    /// Position of the feature in the file, from 1.
    pub number: usize,
    pub properties: serde_json::Map<String, serde_json::Value>,
    pub polygons: Vec<LonLatPolygon>,
}

impl PolygonFeature {
    /// A string property (numbers are accepted and written out).
    pub fn text(&self, file: &Path, key: &str) -> Result<String, DataError> {
        match self.properties.get(key) {
            Some(serde_json::Value::String(s)) if !s.trim().is_empty() => Ok(s.trim().to_string()),
            Some(serde_json::Value::Number(n)) => Ok(n.to_string()),
            Some(other) => Err(DataError::new(
                file,
                format!("feature {}", self.number),
                format!("property '{key}' should be text, found {other}"),
            )),
            None => Err(DataError::new(
                file,
                format!("feature {}", self.number),
                format!("property '{key}' is missing"),
            )),
        }
    }
}

/// The largest latitude Web Mercator shows (the map and the tiles stop there).
pub const MAX_LATITUDE: f64 = 85.051_128_779_806_59;

/// Coordinates that look like Belgian Lambert 72 metres rather than degrees.
pub fn looks_like_lambert72(x: f64, y: f64) -> bool {
    (0.0..=300_000.0).contains(&x) && (0.0..=300_000.0).contains(&y) && (x > 180.0 || y > 90.0)
}

fn convert_polygon(
    file: &Path,
    number: usize,
    poly: &PolygonType,
) -> Result<LonLatPolygon, DataError> {
    let place = || format!("feature {number}");
    if poly.is_empty() {
        return Err(DataError::new(file, place(), "polygon without rings"));
    }
    let mut rings = Vec::with_capacity(poly.len());
    for (ri, ring) in poly.iter().enumerate() {
        let mut pts = Vec::with_capacity(ring.len());
        for pos in ring {
            let c = pos.as_slice();
            if c.len() < 2 {
                return Err(DataError::new(
                    file,
                    place(),
                    "a position has fewer than 2 numbers",
                ));
            }
            let (x, y) = (c[0], c[1]);
            if !x.is_finite() || !y.is_finite() {
                return Err(DataError::new(
                    file,
                    place(),
                    "a coordinate is not a finite number",
                ));
            }
            if !(-180.0..=180.0).contains(&x) || !(-90.0..=90.0).contains(&y) {
                let msg = if looks_like_lambert72(x, y) {
                    format!(
                        "coordinates ({x}, {y}) look like Belgian Lambert 72 (EPSG:31370) metres; \
                         expected WGS84 longitude/latitude"
                    )
                } else {
                    format!("coordinates ({x}, {y}) are not longitude/latitude in degrees")
                };
                return Err(DataError::new(file, place(), msg));
            }
            if y.abs() > MAX_LATITUDE {
                // The map is Web Mercator, which has no room for the poles: such a point
                // would project to infinity and break every shape drawn from it.
                return Err(DataError::new(
                    file,
                    place(),
                    format!(
                        "latitude {y} is outside the map (Web Mercator reaches {MAX_LATITUDE:.4} degrees)"
                    ),
                ));
            }
            pts.push([x, y]);
        }
        if pts.len() < 4 {
            return Err(DataError::new(
                file,
                place(),
                format!(
                    "ring {} has {} positions; a ring needs at least 4",
                    ri + 1,
                    pts.len()
                ),
            ));
        }
        if pts.first() != pts.last() {
            return Err(DataError::new(
                file,
                place(),
                format!(
                    "ring {} is not closed (its last position differs from its first)",
                    ri + 1
                ),
            ));
        }
        rings.push(pts);
    }
    Ok(rings)
}

/// Parse GeoJSON text into polygon features. Syntax errors name the line and column; errors in
/// a feature name the feature (counted from 1).
pub fn parse_polygons(file: &Path, text: &str) -> Result<Vec<PolygonFeature>, DataError> {
    let value = parse_strict(file, text)?;
    let mut top = match value {
        serde_json::Value::Object(top) => top,
        other => {
            return Err(DataError::whole(
                file,
                format!(
                    "not GeoJSON: the file holds {}, expected a FeatureCollection object",
                    kind(&other)
                ),
            ));
        }
    };
    let features = match top.get("type").and_then(|t| t.as_str()) {
        Some("FeatureCollection") => match top.remove("features") {
            Some(serde_json::Value::Array(list)) => list,
            Some(other) => {
                return Err(DataError::new(
                    file,
                    "\"features\"",
                    format!("should be a list of features, found {}", kind(&other)),
                ));
            }
            None => {
                return Err(DataError::whole(
                    file,
                    "a FeatureCollection without \"features\"",
                ));
            }
        },
        Some("Feature") => vec![serde_json::Value::Object(top)],
        Some(
            "Point" | "MultiPoint" | "LineString" | "MultiLineString" | "Polygon" | "MultiPolygon"
            | "GeometryCollection",
        ) => {
            return Err(DataError::whole(
                file,
                "a bare geometry; expected a FeatureCollection with properties",
            ));
        }
        Some(other) => {
            return Err(DataError::whole(
                file,
                format!("not GeoJSON: \"type\" is \"{other}\", expected \"FeatureCollection\""),
            ));
        }
        None => {
            return Err(DataError::whole(
                file,
                "not GeoJSON: the object has no \"type\" text",
            ));
        }
    };
    let mut out = Vec::with_capacity(features.len());
    for (i, v) in features.into_iter().enumerate() {
        let number = i + 1;
        let place = || format!("feature {number}");
        let f: Feature = serde_json::from_value(v).map_err(|e| {
            DataError::new(file, place(), format!("not a valid GeoJSON feature: {e}"))
        })?;
        let Some(geometry) = f.geometry else {
            return Err(DataError::new(file, place(), "has no geometry"));
        };
        let polygons = match &geometry.value {
            GeometryValue::Polygon { coordinates } => {
                vec![convert_polygon(file, number, coordinates)?]
            }
            GeometryValue::MultiPolygon { coordinates } => coordinates
                .iter()
                .map(|p| convert_polygon(file, number, p))
                .collect::<Result<_, _>>()?,
            other => {
                return Err(DataError::new(
                    file,
                    place(),
                    format!(
                        "is a {}, expected Polygon or MultiPolygon",
                        other.type_name()
                    ),
                ));
            }
        };
        if polygons.is_empty() {
            return Err(DataError::new(
                file,
                place(),
                "a MultiPolygon without polygons",
            ));
        }
        out.push(PolygonFeature {
            number,
            properties: f.properties.unwrap_or_default(),
            polygons,
        });
    }
    Ok(out)
}

pub fn read_polygons(file: &Path) -> Result<Vec<PolygonFeature>, DataError> {
    let text = read_text(file)?;
    parse_polygons(file, &text)
}
