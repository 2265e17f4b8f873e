//! The atlas built from the real data folder: counts, populations, adjacency, geometry.

use crate::common;
use gebiedsplanner::model::ids::{CellId, MunicipalityId};

use gebiedsplanner::map::MapGeometry;
use gebiedsplanner::map::mesh::{Detail, LOD_ZOOMS};
use gebiedsplanner::model::atlas::{Atlas, Edition};
use gebiedsplanner::model::geom;

fn muni(atlas: &Atlas, name: &str) -> MunicipalityId {
    atlas
        .municipalities
        .position(|m| m.name == name)
        .unwrap_or_else(|| panic!("municipality {name} not found"))
}

fn is_brussels(code: &str) -> bool {
    code.starts_with("21")
}

#[test]
fn the_2025_set_has_304_municipalities_and_60_zones() {
    let a = &common::dataset(Edition::M2025).atlas;
    assert_eq!(a.municipalities.len(), 304);
    let brussels = a
        .municipalities
        .iter()
        .filter(|m| is_brussels(&m.code))
        .count();
    assert_eq!(brussels, 19);
    assert_eq!(a.municipalities.len() - brussels, 285);
    assert_eq!(a.units.len(), 60);
    // Brussels is one zone of 19 municipalities.
    let bruzel = a.unit_by_code("elz7").expect("Bruzel");
    assert_eq!(a.units[bruzel].municipalities.len(), 19);
    // "Antwerpen en rand" is four zones.
    for code in ["elz2-1", "elz2-2", "elz2-3", "elz2-4"] {
        assert!(a.unit_by_code(code).is_some(), "{code} missing");
    }
    assert!(a.unit_by_code("elz2").is_none());
}

#[test]
fn the_2019_set_has_319_municipalities_and_the_same_60_zones() {
    let a = &common::dataset(Edition::M2019).atlas;
    assert_eq!(a.municipalities.len(), 319);
    assert_eq!(a.units.len(), 60);
    let b = &common::dataset(Edition::M2025).atlas;
    let mut ca: Vec<_> = a.units.iter().map(|u| u.code.clone()).collect();
    let mut cb: Vec<_> = b.units.iter().map(|u| u.code.clone()).collect();
    ca.sort();
    cb.sort();
    assert_eq!(ca, cb, "both editions must offer the same zones");
}

#[test]
fn every_municipality_is_in_exactly_one_zone_except_antwerp_city() {
    for ed in [Edition::M2025, Edition::M2019] {
        let a = &common::dataset(ed).atlas;
        for m in &a.municipalities {
            if m.code == "11002" {
                // Antwerp city is divided over the four Antwerp zones.
                assert_eq!(m.cells.len(), 4, "{ed:?}");
                for &c in &m.cells {
                    assert!(a.units[a.cells[c].unit].code.starts_with("elz2-"));
                }
            } else {
                assert_eq!(m.cells.len(), 1, "{} ({ed:?}) in several zones", m.name);
            }
        }
    }
}

#[test]
fn population_of_flanders_2021_is_6_653_062() {
    for ed in [Edition::M2025, Edition::M2019] {
        let a = &common::dataset(ed).atlas;
        let flemish: u64 = a
            .municipalities
            .iter()
            .filter(|m| !is_brussels(&m.code))
            .map(|m| m.population.expect("Flemish population known"))
            .sum();
        assert_eq!(flemish, 6_653_062, "{ed:?}");
        // Brussels: totals known, children unknown (not zero).
        for m in a.municipalities.iter().filter(|m| is_brussels(&m.code)) {
            assert!(m.population.unwrap_or(0) > 0);
            assert_eq!(m.children, None, "{}", m.name);
        }
    }
}

#[test]
fn antwerp_city_population_is_shared_over_its_zones_as_an_estimate() {
    let a = &common::dataset(Edition::M2025).atlas;
    let antwerp = muni(a, "Antwerpen");
    let total: f64 = a.municipalities[antwerp]
        .cells
        .iter()
        .map(|&c| a.cells[c].population.unwrap_or(0.0))
        .sum();
    let expected = a.municipalities[antwerp].population.unwrap_or(0) as f64;
    assert!((total - expected).abs() < 1.0, "{total} vs {expected}");
    for &c in &a.municipalities[antwerp].cells {
        assert!(a.cells[c].estimated);
        assert!(a.cells[c].population.unwrap_or(0.0) > 10_000.0);
    }
    let centrum = a.unit_by_code("elz2-1").expect("Antwerpen Centrum");
    assert!(a.is_unit_estimated(centrum));
}

#[test]
fn adjacency_follows_shared_borders() {
    let a = &common::dataset(Edition::M2025).atlas;
    let nb = |x: &str, y: &str| a.muni_neighbours[muni(a, x)].contains(&muni(a, y));
    assert!(nb("Gent", "Merelbeke-Melle"));
    assert!(nb("Merelbeke-Melle", "Gent"));
    assert!(nb("Oostende", "Bredene"));
    assert!(!nb("Oostende", "Gent"));
    // The Antwerp zones border each other and their neighbours.
    let centrum = a.unit_by_code("elz2-1").expect("centrum");
    let zuid = a.unit_by_code("elz2-3").expect("zuid");
    assert!(a.unit_neighbours[centrum].contains(&zuid));
    let zora = a.unit_by_code("elz55").expect("ZORA");
    assert!(a.unit_neighbours[zuid].contains(&zora) || a.unit_neighbours[centrum].contains(&zora));
}

#[test]
fn baarle_hertog_enclaves_touch_only_their_own_zone() {
    let a = &common::dataset(Edition::M2025).atlas;
    let bh = muni(a, "Baarle-Hertog");
    let kempenland = a.unit_by_code("elz41").expect("Kempenland");
    for &n in &a.muni_neighbours[bh] {
        let m = &a.municipalities[n];
        assert_eq!(
            a.cells[m.cells[0]].unit, kempenland,
            "{} borders Baarle-Hertog",
            m.name
        );
    }
    let cell = a.municipalities[bh].cells[0];
    let parts = &a.topology.part_touches[cell.index()];
    assert_eq!(parts.len(), 26);
    assert_eq!(
        parts.iter().filter(|t| !**t).count(),
        22,
        "22 enclaves touch nothing"
    );
}

/// The map geometry of the 2025 atlas, built once for the tests that need it.
fn geometry() -> &'static MapGeometry {
    static G: std::sync::OnceLock<MapGeometry> = std::sync::OnceLock::new();
    G.get_or_init(|| MapGeometry::build(&common::dataset(Edition::M2025).atlas))
}

#[test]
fn triangulated_area_equals_polygon_area_for_every_zone() {
    let a = &common::dataset(Edition::M2025).atlas;
    let g = geometry();
    for (u, unit) in a.units.iter_enumerated() {
        let poly: f64 = unit
            .cells
            .iter()
            .flat_map(|&c| a.cells[c].merc.iter())
            .map(gebiedsplanner::model::geom::MercPolygon::area)
            .sum();
        let tri: f64 = unit.cells.iter().map(|&c| g.cells[c.index()].area()).sum();
        let err = (tri - poly).abs() / poly;
        assert!(
            err < 0.001,
            "{} ({u:?}): triangles {tri} vs polygon {poly}",
            unit.name
        );
    }
}

#[test]
fn simplified_copies_have_fewer_vertices_and_keep_every_zone_area() {
    let a = &common::dataset(Edition::M2025).atlas;
    let g = geometry();
    let vertices = |cells: &[gebiedsplanner::map::mesh::CellMesh]| -> usize {
        cells.iter().map(|c| c.vertices.len()).sum()
    };
    let mut previous = 0;
    for (l, &zoom) in LOD_ZOOMS.iter().enumerate() {
        let lod = g.level(a, Detail::Lod(l));
        let n = vertices(lod.cells);
        assert!(n >= previous, "finer levels keep more vertices");
        previous = n;
        // Douglas-Peucker keeps every point within the tolerance (half a pixel at the
        // level's zoom) of the simplified border, so a zone's area moves by at most its
        // perimeter times that.
        let tol = 0.5 / (256.0 * 2f64.powf(zoom));
        for (u, unit) in a.units.iter_enumerated() {
            let full: f64 = unit.cells.iter().map(|&c| g.cells[c.index()].area()).sum();
            let coarse: f64 = unit
                .cells
                .iter()
                .map(|&c| lod.cells[c.index()].area())
                .sum();
            let perimeter: f64 = g
                .arcs
                .iter()
                .filter(|arc| {
                    let left = a.cells[CellId::from(arc.left)].unit;
                    let right = arc.right.map(|r| a.cells[CellId::from(r)].unit);
                    (left == u) != (right == Some(u))
                })
                .map(|arc| {
                    arc.points
                        .windows(2)
                        .map(|w| ((w[1][0] - w[0][0]) as f64).hypot((w[1][1] - w[0][1]) as f64))
                        .sum::<f64>()
                })
                .sum();
            assert!(
                (coarse - full).abs() <= perimeter * tol,
                "{} ({u:?}) at zoom {}: area off by {:.2}%, more than the tolerance allows",
                unit.name,
                zoom,
                (coarse - full).abs() / full * 100.0
            );
        }
    }
    assert!(
        vertices(g.level(a, Detail::Lod(0)).cells) * 4 < vertices(&g.cells),
        "the coarsest copy has {} of {} vertices",
        vertices(g.level(a, Detail::Lod(0)).cells),
        vertices(&g.cells)
    );
}

#[test]
fn the_hit_test_finds_the_same_cell_as_testing_every_cell() {
    let a = &common::dataset(Edition::M2025).atlas;
    let b = a.bbox;
    let n = 80;
    for i in 0..=n {
        for j in 0..=n {
            let p = [
                b.min[0] + b.width() * i as f64 / n as f64,
                b.min[1] + b.height() * j as f64 / n as f64,
            ];
            let scan = a
                .cells
                .position(|c| c.bbox.contains(p) && c.merc.iter().any(|m| m.contains(p)));
            assert_eq!(a.cell_at(p), scan, "at {p:?}");
        }
    }
}

#[test]
fn every_zone_label_lies_inside_its_zone() {
    for ed in [Edition::M2025, Edition::M2019] {
        let a = &common::dataset(ed).atlas;
        for (u, unit) in a.units.iter_enumerated() {
            let c = a.cell_at(unit.label);
            assert_eq!(
                c.map(|c| a.cells[c].unit),
                Some(u),
                "label of {} at {:?} is not inside it",
                unit.name,
                geom::from_merc(unit.label)
            );
        }
    }
}

#[test]
fn kempenland_is_in_many_parts_but_one_unit() {
    let a = &common::dataset(Edition::M2025).atlas;
    let k = a.unit_by_code("elz41").expect("Kempenland");
    let parts: usize = a.units[k]
        .cells
        .iter()
        .map(|&c| a.cells[c].merc.len())
        .sum();
    assert!(parts >= 23, "Kempenland has {parts} parts");
}
