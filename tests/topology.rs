//! The shared-border topology of the real municipalities does not change when one of them is
//! sampled much more densely (as a more detailed source gives its border): the same
//! neighbours, the same shared borders, of the same lengths.

use std::collections::BTreeMap;

use crate::common;

use gebiedsplanner::model::topology::{LonLatPolygon, Topology, densify, segment_metres};

/// The municipality polygons of 2025 and the NIS code of each.
fn municipalities() -> (Vec<Vec<LonLatPolygon>>, Vec<String>) {
    let name = "municipalities_flanders_brussels_2025.geojson";
    let data = common::data();
    let file = data.path(name);
    let features = data.polygons(name).expect("the real municipalities load");
    let codes = features
        .iter()
        .map(|f| f.text(&file, "nis").expect("nis"))
        .collect();
    (features.into_iter().map(|f| f.polygons).collect(), codes)
}

/// The length in metres of the border between each pair of sides (None: the outer border).
fn borders(t: &Topology) -> BTreeMap<(u32, Option<u32>), f64> {
    let mut out = BTreeMap::new();
    for a in &t.arcs {
        let len: f64 = a
            .points
            .windows(2)
            .map(|w| segment_metres(w[0], w[1]))
            .sum();
        *out.entry((a.left, a.right)).or_default() += len;
    }
    out
}

#[test]
fn a_municipality_sampled_ten_times_as_densely_keeps_its_borders_and_neighbours() {
    let (shipped, codes) = municipalities();
    let gent = codes.iter().position(|c| c == "44021").expect("Gent");
    let mut dense = shipped.clone();
    dense[gent] = densify(&shipped[gent], |_| 10);
    let count = |p: &[LonLatPolygon]| -> usize { p.iter().flatten().map(Vec::len).sum() };
    assert!(count(&dense[gent]) > 9 * count(&shipped[gent]));

    let before = Topology::build(&shipped);
    let after = Topology::build(&dense);

    // Every municipality keeps its neighbours, with the same length of shared border.
    for c in 0..shipped.len() {
        let ids = |t: &Topology| -> Vec<u32> { t.neighbours[c].iter().map(|n| n.0).collect() };
        assert_eq!(ids(&after), ids(&before), "neighbours of {}", codes[c]);
        for (a, b) in after.neighbours[c].iter().zip(&before.neighbours[c]) {
            assert!(
                (a.1 - b.1).abs() < 1.0,
                "{} and {}: {} m, was {} m",
                codes[c],
                codes[a.0 as usize],
                a.1,
                b.1
            );
        }
    }
    let gent_neighbours = before.neighbours[gent].len();
    assert!(gent_neighbours >= 8, "{gent_neighbours}");

    // The borders drawn on the map: the same pairs of sides, of the same length.
    let (b, a) = (borders(&before), borders(&after));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "the pairs of sides of the borders"
    );
    for (k, len) in &b {
        assert!((a[k] - len).abs() < 1.0, "{k:?}: {} m, was {len} m", a[k]);
    }
    assert_eq!(after.part_touches, before.part_touches);
}
