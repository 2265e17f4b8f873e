//! A user's own GeoJSON file as a reference layer: lon/lat and Lambert 72 files are shown,
//! other coordinate systems and broken files give an error naming the file.

use crate::common;

use std::path::{Path, PathBuf};

use gebiedsplanner::data::reference::{
    ReferenceLayer, SourceCrs, parse_reference_layer, read_reference_layer,
};
use gebiedsplanner::model::geom;
use gebiedsplanner::model::topology::segment_metres;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let f = dir.join(name);
    std::fs::write(&f, text).expect("write");
    f
}

fn parse(text: &str) -> Result<ReferenceLayer, String> {
    parse_reference_layer(Path::new("laag.geojson"), text).map_err(|e| e.to_string())
}

/// A FeatureCollection of the given features (JSON text), with an optional crs member.
fn collection(crs: Option<&str>, features: &[&str]) -> String {
    let crs = crs
        .map(|c| format!(r#""crs":{{"type":"name","properties":{{"name":"{c}"}}}},"#))
        .unwrap_or_default();
    format!(
        r#"{{"type":"FeatureCollection",{crs}"features":[{}]}}"#,
        features.join(",")
    )
}

fn feature(props: &str, geometry: &str) -> String {
    format!(r#"{{"type":"Feature","properties":{props},"geometry":{geometry}}}"#)
}

#[test]
fn a_real_lon_lat_file_is_read_with_its_property_names() {
    // The neighbourhood file of the data, read as if the user had picked it.
    let data = common::data_copy();
    let f = data
        .path()
        .join("wijken_deelgemeenten_proeftuin_gemeenten.geojson");
    let layer = read_reference_layer(&f).expect("reads");
    assert_eq!(layer.crs, SourceCrs::Wgs84);
    assert_eq!(layer.features.len(), 154);
    assert!(layer.skipped.is_empty());
    for p in ["level", "code", "name", "nis", "municipality"] {
        assert!(layer.property_names.iter().any(|n| n == p), "{p}");
    }
    assert_eq!(layer.suggested_label_field(), Some("name"));
    let beverlo = layer
        .features
        .iter()
        .find(|f| f.text("code").as_deref() == Some("71004W03"))
        .expect("Beverlo");
    assert_eq!(beverlo.text("name").as_deref(), Some("Beverlo (Beringen)"));
    for f in &layer.features {
        assert!(
            f.merc.iter().any(|m| m.contains(f.label_point)),
            "label of feature {} outside it",
            f.number
        );
        assert!(layer.bbox.contains(f.label_point));
    }
}

#[test]
fn lambert_72_points_are_reprojected_within_5_m() {
    // WGS84 positions computed with pyproj 3.7.2 / PROJ 9.5.1 (EPSG:31370 -> EPSG:4326,
    // operation "BD72 to WGS 84 (3)"), for cross-checking only.
    let cases = [
        ([150_000.0, 170_000.0], [4.368752141, 50.840411283]),
        ([22_000.0, 200_000.0], [2.541368407, 51.095938040]),
        ([250_000.0, 150_000.0], [5.782913093, 50.652047108]),
    ];
    for crs in [None, Some("urn:ogc:def:crs:EPSG::31370")] {
        let feats: Vec<String> = cases
            .iter()
            .map(|(xy, _)| {
                feature(
                    r#"{"naam":"punt"}"#,
                    &format!(r#"{{"type":"Point","coordinates":[{}, {}]}}"#, xy[0], xy[1]),
                )
            })
            .collect();
        let refs: Vec<&str> = feats.iter().map(String::as_str).collect();
        let layer = parse(&collection(crs, &refs)).expect("reads");
        assert_eq!(layer.crs, SourceCrs::Lambert72, "{crs:?}");
        for (f, (xy, want)) in layer.features.iter().zip(cases) {
            let d = segment_metres(f.points[0], want);
            assert!(d < 5.0, "{xy:?} -> {:?}, {d} m from {want:?}", f.points[0]);
        }
    }
}

#[test]
fn a_lambert_72_polygon_lands_in_brussels() {
    let layer = parse(&collection(
        Some("EPSG:31370"),
        &[&feature(
            r#"{"name":"blok"}"#,
            r#"{"type":"Polygon","coordinates":[[[149000,169000],[151000,169000],[151000,171000],[149000,171000],[149000,169000]]]}"#,
        )],
    ))
    .expect("reads");
    let f = &layer.features[0];
    assert_eq!(f.polygons[0][0].len(), 5);
    let (lon, lat) = geom::from_merc(f.label_point);
    assert!(
        (4.35..4.39).contains(&lon) && (50.83..50.85).contains(&lat),
        "{lon} {lat}"
    );
    assert!(f.merc[0].contains(f.label_point));
}

#[test]
fn every_geometry_type_is_kept_and_features_without_one_are_listed() {
    let layer = parse(&collection(
        None,
        &[
            &feature(r#"{"a":1}"#, r#"{"type":"Point","coordinates":[4.4,51.2]}"#),
            &feature(r#"{"b":"x"}"#, r#"{"type":"MultiPoint","coordinates":[[4.4,51.2],[4.5,51.3]]}"#),
            &feature(r#"{}"#, "null"),
            &feature(r#"{"c":true}"#, r#"{"type":"LineString","coordinates":[[4.4,51.2],[4.5,51.3]]}"#),
            &feature(
                r#"{}"#,
                r#"{"type":"MultiLineString","coordinates":[[[4.4,51.2],[4.5,51.3]],[[3.0,51.0],[3.1,51.1]]]}"#,
            ),
            &feature(
                r#"{}"#,
                r#"{"type":"Polygon","coordinates":[[[4,51],[4.1,51],[4.1,51.1],[4,51]]]}"#,
            ),
            &feature(
                r#"{}"#,
                r#"{"type":"MultiPolygon","coordinates":[[[[4,51],[4.1,51],[4.1,51.1],[4,51]]],[[[5,51],[5.1,51],[5.1,51.1]]]]}"#,
            ),
            &feature(r#"{}"#, r#"{"type":"Point","coordinates":["x","y"]}"#),
            &feature(r#"{}"#, r#"{"type":"LineString","coordinates":[]}"#),
            r#"{"type":"Feature","properties":{"d":null}}"#,
        ],
    ))
    .expect("reads");
    assert_eq!(layer.crs, SourceCrs::Wgs84);
    let kept: Vec<usize> = layer.features.iter().map(|f| f.number).collect();
    assert_eq!(kept, vec![1, 2, 4, 5, 6, 7]);
    let skipped: Vec<usize> = layer.skipped.iter().map(|s| s.number).collect();
    assert_eq!(skipped, vec![3, 8, 9, 10]);
    assert!(layer.skipped[0].reason.contains("no geometry"));
    assert!(
        layer.skipped[1].reason.contains("numbers"),
        "{:?}",
        layer.skipped[1]
    );
    assert_eq!(layer.property_names, vec!["a", "b", "c"]);
    assert_eq!(layer.features[1].points.len(), 2);
    assert_eq!(layer.features[3].lines.len(), 2);
    // An open ring is closed; both parts of the MultiPolygon are kept.
    assert_eq!(layer.features[5].polygons.len(), 2);
    assert_eq!(
        layer.features[5].polygons[1][0].first(),
        layer.features[5].polygons[1][0].last()
    );
    assert_eq!(layer.features[0].text("a").as_deref(), Some("1"));
    assert_eq!(layer.features[2].text("c").as_deref(), Some("true"));
}

#[test]
fn other_projected_systems_are_refused_naming_the_file_and_the_system() {
    let tmp = tempfile::tempdir().expect("tmp");
    // Web Mercator numbers without a crs member.
    let f = write(
        tmp.path(),
        "mercator.geojson",
        &collection(
            None,
            &[&feature(
                "{}",
                r#"{"type":"Point","coordinates":[414000, 6640000]}"#,
            )],
        ),
    );
    let msg = read_reference_layer(&f).expect_err("3857").to_string();
    assert!(msg.contains("mercator.geojson"), "{msg}");
    assert!(msg.contains("EPSG:3857"), "{msg}");
    // A crs member naming another system.
    let f = write(
        tmp.path(),
        "utm.geojson",
        &collection(
            Some("urn:ogc:def:crs:EPSG::32631"),
            &[&feature(
                "{}",
                r#"{"type":"Point","coordinates":[4.4, 51.2]}"#,
            )],
        ),
    );
    let msg = read_reference_layer(&f).expect_err("utm").to_string();
    assert!(msg.contains("utm.geojson"), "{msg}");
    assert!(msg.contains("EPSG::32631"), "{msg}");
    assert!(msg.contains("only WGS84"), "{msg}");
    // Lambert 2008 named while the numbers are Lambert 72.
    let msg = parse(&collection(
        Some("ETRS89 / Belgian Lambert 2008"),
        &[&feature(
            "{}",
            r#"{"type":"Point","coordinates":[150000, 170000]}"#,
        )],
    ))
    .expect_err("3812 by name, 31370 numbers");
    assert!(
        msg.contains("outside Belgium in Belgian Lambert 2008"),
        "{msg}"
    );
    assert!(msg.contains("Belgian Lambert 72"), "{msg}");
    // A crs member that does not fit the numbers.
    let msg = parse(&collection(
        Some("urn:ogc:def:crs:OGC:1.3:CRS84"),
        &[&feature(
            "{}",
            r#"{"type":"Point","coordinates":[150000, 170000]}"#,
        )],
    ))
    .expect_err("not degrees");
    assert!(msg.contains("not degrees"), "{msg}");
    // Degrees mixed into a Lambert 72 file.
    let msg = parse(&collection(
        None,
        &[
            &feature("{}", r#"{"type":"Point","coordinates":[150000, 170000]}"#),
            &feature("{}", r#"{"type":"Point","coordinates":[4.4, 51.2]}"#),
        ],
    ))
    .expect_err("mixed");
    assert!(msg.contains("feature 2"), "{msg}");
}

#[test]
fn broken_files_give_clear_errors() {
    let tmp = tempfile::tempdir().expect("tmp");
    let check = |name: &str, content: &[u8], want: &str| {
        let f = tmp.path().join(name);
        std::fs::write(&f, content).expect("write");
        let msg = read_reference_layer(&f).expect_err(name).to_string();
        assert!(msg.contains(name), "{msg}");
        assert!(msg.contains(want), "{name}: {msg}");
    };
    check("empty.geojson", b"", "empty");
    check("spaces.geojson", b"  \n ", "empty");
    check(
        "binary.geojson",
        &[0x89, b'P', b'N', b'G', 0, 0, 1],
        "binary",
    );
    let point = feature("{}", r#"{"type":"Point","coordinates":[4.4,51.2]}"#);
    let whole = collection(None, &[&point]);
    check(
        "truncated.geojson",
        &whole.as_bytes()[..whole.len() - 20],
        "cut off",
    );
    check(
        "nan.geojson",
        collection(
            None,
            &[&feature(
                "{}",
                r#"{"type":"Point","coordinates":[NaN, 51.2]}"#,
            )],
        )
        .as_bytes(),
        "not a finite number",
    );
    check(
        "inf.geojson",
        collection(
            None,
            &[&feature(
                "{}",
                r#"{"type":"Point","coordinates":[4.4, -Infinity]}"#,
            )],
        )
        .as_bytes(),
        "not a finite number",
    );
    check(
        "huge.geojson",
        collection(
            None,
            &[&feature(
                "{}",
                r#"{"type":"Point","coordinates":[4.4, 1e999]}"#,
            )],
        )
        .as_bytes(),
        "not a finite number",
    );
    check("list.geojson", b"[1, 2, 3]", "not GeoJSON");
    check(
        "nothing.geojson",
        collection(None, &[&feature("{}", "null")]).as_bytes(),
        "feature 1: has no geometry",
    );
    check(
        "latin1.geojson",
        b"{\"type\":\"FeatureCollection\",\"features\":[], \"name\":\"Li\xe8ge\"}",
        "UTF-8",
    );
}
