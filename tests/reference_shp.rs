//! Shapefiles and Lambert 2008 as reference layers: made here with the `shapefile` crate's
//! writer, opened as the user does, they land where they belong; without a .prj or in an
//! unknown system they give a message naming the file; what is outside the view is not drawn.

use crate::common;

use std::path::{Path, PathBuf};

use gebiedsplanner::app::{Command, GebiedsApp};
use gebiedsplanner::data::reference::{ReferenceError, SourceCrs, read_reference_layer};
use gebiedsplanner::i18n::{self, Lang};
use gebiedsplanner::map::ScreenTransform;
use gebiedsplanner::map::reference_view::{ReferenceDrawing, ReferenceStyle, draw_reference};
use gebiedsplanner::model::atlas::Edition;
use gebiedsplanner::model::geom;
use gebiedsplanner::model::topology::segment_metres;
use shapefile::dbase::{self, TableWriterBuilder};
use shapefile::{Point, Polygon, PolygonRing, Writer};

/// Gent's town hall (Botermarkt), WGS84.
const GENT_STADHUIS: [f64; 2] = [3.72533, 51.05437];
/// The same place in Lambert 72 and Lambert 2008, computed with pyproj 3.7.2 (PROJ 9)
/// from the WGS84 position, for cross-checking only.
const GENT_L72: [f64; 2] = [104_886.99, 193_996.68];
const GENT_L2008: [f64; 2] = [604_884.18, 693_991.53];

const PRJ_L72: &str = r#"PROJCS["Belge_1972_Belgian_Lambert_72",GEOGCS["GCS_Belge_1972",DATUM["D_Belge_1972",SPHEROID["International_1924",6378388.0,297.0]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Lambert_Conformal_Conic"],PARAMETER["False_Easting",150000.013],PARAMETER["False_Northing",5400088.438],PARAMETER["Central_Meridian",4.367486666666666],PARAMETER["Standard_Parallel_1",49.8333339],PARAMETER["Standard_Parallel_2",51.16666723333333],PARAMETER["Latitude_Of_Origin",90.0],UNIT["Meter",1.0]]"#;
const PRJ_L2008: &str = r#"PROJCS["ETRS_1989_Belgian_Lambert_2008",GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Lambert_Conformal_Conic"],PARAMETER["False_Easting",649328.0],PARAMETER["False_Northing",665262.0],PARAMETER["Central_Meridian",4.359215833333333],PARAMETER["Standard_Parallel_1",49.83333333333334],PARAMETER["Standard_Parallel_2",51.16666666666666],PARAMETER["Latitude_Of_Origin",50.797815],UNIT["Meter",1.0]]"#;
const PRJ_UTM: &str = r#"PROJCS["WGS_1984_UTM_Zone_31N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",3.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]"#;

/// A square of `half` metres around each centre, with its name, written as a shapefile
/// (`.shp`, `.shx`, `.dbf`) and, when given, its `.prj`.
fn squares(dir: &Path, name: &str, prj: Option<&str>, items: &[([f64; 2], f64, &str)]) -> PathBuf {
    let shp = dir.join(format!("{name}.shp"));
    let table =
        TableWriterBuilder::new().add_character_field("naam".try_into().expect("field name"), 40);
    let mut w = Writer::from_path(&shp, table).expect("writer");
    for &(c, half, label) in items {
        // Clockwise, as shapefiles want outer rings.
        let ring = vec![
            Point::new(c[0] - half, c[1] - half),
            Point::new(c[0] - half, c[1] + half),
            Point::new(c[0] + half, c[1] + half),
            Point::new(c[0] + half, c[1] - half),
            Point::new(c[0] - half, c[1] - half),
        ];
        let mut record = dbase::Record::default();
        record.insert("naam".to_string(), label.to_string().into());
        w.write_shape_and_record(
            &Polygon::with_rings(vec![PolygonRing::Outer(ring)]),
            &record,
        )
        .expect("write shape");
    }
    drop(w);
    if let Some(prj) = prj {
        std::fs::write(shp.with_extension("prj"), prj).expect("prj");
    }
    shp
}

fn open_in_window(path: &Path) -> egui_kittest::Harness<'static, GebiedsApp> {
    let mut h = common::window_with(gebiedsplanner::app::AppPaths::default());
    h.state_mut()
        .push(Command::OpenReference(path.to_path_buf()));
    h.run_steps(1);
    common::wait_for_reference(&mut h);
    h
}

#[test]
fn lambert_72_and_2008_shapefiles_land_on_gents_town_hall() {
    let tmp = tempfile::tempdir().expect("tmp");
    for (name, prj, centre, crs) in [
        ("stadhuis_l72", PRJ_L72, GENT_L72, SourceCrs::Lambert72),
        (
            "stadhuis_l2008",
            PRJ_L2008,
            GENT_L2008,
            SourceCrs::Lambert2008,
        ),
    ] {
        let shp = squares(
            tmp.path(),
            name,
            Some(prj),
            &[(centre, 20.0, "Stadhuis Gent")],
        );
        // Opened as the user does, on the reading thread.
        let h = open_in_window(&shp);
        let app = h.state();
        assert!(
            app.message().is_some(),
            "{name}: the reprojection is reported"
        );
        let (drawing, field, visible) = app.reference.as_ref().expect("the layer opened");
        assert!(*visible);
        assert_eq!(field.as_deref(), Some("naam"));
        let layer = &drawing.layer;
        assert_eq!(layer.crs, crs, "{name}");
        assert_eq!(layer.features.len(), 1);
        let f = &layer.features[0];
        assert_eq!(f.text("naam").as_deref(), Some("Stadhuis Gent"));
        let (lon, lat) = geom::from_merc(f.label_point);
        let d = segment_metres([lon, lat], GENT_STADHUIS);
        assert!(
            d < 50.0,
            "{name}: {lon} {lat} is {d:.0} m from the town hall"
        );
        // The square's corners are 20 m from its centre in both directions.
        let ring = &f.polygons[0][0];
        assert_eq!(ring.len(), 5, "{name}");
        for p in &ring[..4] {
            let d = segment_metres(*p, GENT_STADHUIS);
            assert!(
                (15.0..45.0).contains(&d),
                "{name}: corner {p:?} {d:.0} m away"
            );
        }
    }
}

#[test]
fn a_geojson_in_lambert_2008_opens_as_well() {
    let text = format!(
        r#"{{"type":"FeatureCollection","crs":{{"type":"name","properties":{{"name":"urn:ogc:def:crs:EPSG::3812"}}}},"features":[{{"type":"Feature","properties":{{"naam":"stadhuis"}},"geometry":{{"type":"Point","coordinates":[{}, {}]}}}}]}}"#,
        GENT_L2008[0], GENT_L2008[1]
    );
    for with_crs in [true, false] {
        let text = if with_crs {
            text.clone()
        } else {
            // Without the crs member the size of the numbers tells Lambert 2008.
            text.replace(
                r#""crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3812"}},"#,
                "",
            )
        };
        let layer = gebiedsplanner::data::reference::parse_reference_layer(
            Path::new("l2008.geojson"),
            &text,
        )
        .expect("reads");
        assert_eq!(layer.crs, SourceCrs::Lambert2008);
        let d = segment_metres(layer.features[0].points[0], GENT_STADHUIS);
        assert!(d < 50.0, "{d} m");
    }
}

#[test]
fn a_shapefile_without_prj_or_in_an_unknown_system_is_refused_naming_the_file() {
    let tmp = tempfile::tempdir().expect("tmp");
    let bare = squares(tmp.path(), "zonder_prj", None, &[(GENT_L72, 20.0, "x")]);
    let e = read_reference_layer(&bare).expect_err("no .prj");
    assert!(matches!(e, ReferenceError::NoPrj { .. }), "{e:?}");
    for lang in [Lang::Nl, Lang::En] {
        let msg = i18n::reference_error(lang, &e);
        assert!(
            msg.contains("zonder_prj.shp") && msg.contains(".prj"),
            "{msg}"
        );
    }
    let utm = squares(
        tmp.path(),
        "utm",
        Some(PRJ_UTM),
        &[([550_000.0, 5_650_000.0], 20.0, "x")],
    );
    let e = read_reference_layer(&utm).expect_err("utm");
    let msg = i18n::reference_error(Lang::Nl, &e);
    assert!(msg.contains("utm.prj"), "{msg}");
    assert!(msg.contains("WGS_1984_UTM_Zone_31N"), "{msg}");
    assert!(msg.contains("EPSG:3812"), "{msg}");
    // In the window: a message, and no layer.
    let h = open_in_window(&bare);
    let body = h
        .state()
        .message()
        .map(|m| m.body.clone())
        .unwrap_or_default();
    assert!(body.contains("zonder_prj.shp"), "{body}");
    assert!(h.state().reference.is_none());
    // A .shp that is not a shapefile at all.
    let junk = tmp.path().join("kapot.shp");
    std::fs::write(&junk, b"not a shapefile").expect("write");
    std::fs::write(junk.with_extension("prj"), PRJ_L72).expect("prj");
    std::fs::copy(bare.with_extension("dbf"), junk.with_extension("dbf")).expect("dbf");
    let msg = read_reference_layer(&junk).expect_err("junk").to_string();
    assert!(
        msg.contains("kapot.shp") && msg.contains("shapefile"),
        "{msg}"
    );
}

/// The vertices of the mesh that `draw_reference` made, and the shapes it pushed.
fn drawn(drawing: &ReferenceDrawing, tf: &ScreenTransform, clip: egui::Rect) -> (usize, usize) {
    let geo = common::dataset(Edition::M2025).geometry();
    let (mut mesh, mut shapes) = (egui::Mesh::default(), Vec::new());
    let style = ReferenceStyle {
        label_field: Some("naam"),
        scale: 1.0,
        clip,
        feather: 1.0,
    };
    let labels = draw_reference(&mut mesh, &mut shapes, tf, geo, drawing, &style);
    let vertices = mesh.vertices.len();
    (vertices, labels.len())
}

#[test]
fn features_outside_the_view_are_not_drawn() {
    let tmp = tempfile::tempdir().expect("tmp");
    // Gent's town hall and a square near Hasselt, 130 km away.
    let both = squares(
        tmp.path(),
        "twee",
        Some(PRJ_L72),
        &[
            (GENT_L72, 50.0, "Gent"),
            ([219_000.0, 181_000.0], 50.0, "Hasselt"),
        ],
    );
    let one = squares(
        tmp.path(),
        "een",
        Some(PRJ_L72),
        &[(GENT_L72, 50.0, "Gent")],
    );
    let both = ReferenceDrawing::new(read_reference_layer(&both).expect("both"));
    let one = ReferenceDrawing::new(read_reference_layer(&one).expect("one"));
    let geo = common::dataset(Edition::M2025).geometry();
    // Zoom 16 on the town hall, in a 800 x 600 map.
    let clip = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(800.0, 600.0));
    let scale = 256.0 * 2f32.powi(16);
    let at = geo.to_local(geom::to_merc(GENT_STADHUIS[0], GENT_STADHUIS[1]));
    let tf = ScreenTransform {
        offset: clip.center().to_vec2() - egui::vec2(at[0], at[1]) * scale,
        scale,
    };
    let (v_both, labels_both) = drawn(&both, &tf, clip);
    let (v_one, labels_one) = drawn(&one, &tf, clip);
    assert!(v_one > 0, "the town hall square is drawn");
    assert_eq!(v_both, v_one, "the Hasselt square is not drawn");
    assert_eq!((labels_both, labels_one), (1, 1));
    // With all Flanders in view both are drawn.
    let scale = 256.0 * 2f32.powi(8);
    let tf = ScreenTransform {
        offset: clip.center().to_vec2() - egui::vec2(at[0] + 0.004, at[1]) * scale,
        scale,
    };
    let (v_both, labels_both) = drawn(&both, &tf, clip);
    let (v_one, _) = drawn(&one, &tf, clip);
    assert!(v_both > v_one && v_one > 0, "{v_both} {v_one}");
    assert_eq!(labels_both, 2);
}

#[test]
fn a_detailed_line_is_simplified_when_zoomed_out() {
    // A ring of 20 000 points around Gent: at zoom 8 a handful of pixels, at zoom 17 every
    // point matters.
    let n = 20_000;
    let coords: Vec<String> = (0..=n)
        .map(|i| {
            let a = i as f64 / n as f64 * std::f64::consts::TAU;
            format!("[{}, {}]", 3.72 + 0.05 * a.cos(), 51.05 + 0.03 * a.sin())
        })
        .collect();
    let text = format!(
        r#"{{"type":"Feature","properties":{{}},"geometry":{{"type":"Polygon","coordinates":[[{}]]}}}}"#,
        coords.join(",")
    );
    let layer =
        gebiedsplanner::data::reference::parse_reference_layer(Path::new("ring.geojson"), &text)
            .expect("reads");
    let drawing = ReferenceDrawing::new(layer);
    let geo = common::dataset(Edition::M2025).geometry();
    let clip = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(800.0, 600.0));
    let at = geo.to_local(geom::to_merc(3.72, 51.05));
    let view = |zoom: i32| {
        let scale = 256.0 * 2f32.powi(zoom);
        ScreenTransform {
            offset: clip.center().to_vec2() - egui::vec2(at[0], at[1]) * scale,
            scale,
        }
    };
    let (far, _) = drawn(&drawing, &view(8), clip);
    let (near, _) = drawn(&drawing, &view(17), clip);
    assert!(
        far > 0 && far * 20 < near,
        "zoom 8: {far} vertices, zoom 17: {near}"
    );
}
