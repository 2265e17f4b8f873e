//! The overlay layers built from the real data folder: provinces.

mod common;

use std::collections::BTreeSet;

use gebiedsplanner::data::overlays::read_provinces;
use gebiedsplanner::model::atlas::Edition;

#[test]
fn provinces_are_the_six_iroj_regions_with_zoom_boxes_and_borders() {
    let s = common::session(Edition::M2025);
    let layer = read_provinces(&common::data_dir()).expect("provinces load");
    let codes: BTreeSet<&str> = layer.provinces.iter().map(|p| p.code.as_str()).collect();
    assert_eq!(
        codes,
        BTreeSet::from(["04000", "10000", "20001", "30000", "40000", "70000"])
    );
    // Every team's IROJ has a province to zoom to.
    for t in &s.scenario.teams {
        assert!(
            layer.by_iroj(&t.iroj).is_some(),
            "no province for {}",
            t.iroj
        );
    }
    let brussels = layer.by_iroj("Brussel").expect("Brussel");
    assert_eq!(layer.provinces[brussels].code, "04000");
    for (i, p) in layer.provinces.iter().enumerate() {
        assert!(!p.bbox.is_empty(), "{}", p.name);
        assert!(p.bbox.contains(p.label), "{}", p.name);
        assert_eq!(layer.at(p.label), Some(i), "label of {} outside it", p.name);
    }
    // Brussels is surrounded by Vlaams-Brabant only, so all its border lines are shared
    // with Vlaams-Brabant.
    let vb = layer.by_code("20001").expect("Vlaams-Brabant");
    let brussels_lines: Vec<_> = layer
        .borders
        .iter()
        .filter(|b| b.left == brussels || b.right == Some(brussels))
        .collect();
    assert!(!brussels_lines.is_empty());
    for b in brussels_lines {
        let other = if b.left == brussels {
            b.right
        } else {
            Some(b.left)
        };
        assert_eq!(other, Some(vb));
    }
    // Zones lie in their province: the Gent zone label is in Oost-Vlaanderen.
    let gent = s.atlas.unit_by_code("elz13").expect("zone Gent");
    let ovl = layer.by_code("40000").expect("Oost-Vlaanderen");
    assert_eq!(layer.at(s.atlas.units[gent].label), Some(ovl));
}
