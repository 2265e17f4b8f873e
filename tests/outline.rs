//! Team areas stitched from border arcs cover exactly their zones.

use crate::common;

use gebiedsplanner::model::atlas::Edition;
use gebiedsplanner::model::outline::{area_deg2, team_polygons};

#[test]
fn every_team_polygon_has_the_area_of_its_zones() {
    for ed in [Edition::M2025, Edition::M2019] {
        let s = common::doc(ed);
        let cell_team = s.scenario.cell_teams(&s.data.atlas);
        let polys = team_polygons(&s.data.atlas, &cell_team, s.scenario.teams.len());
        for (t, team) in s.scenario.teams.iter_enumerated() {
            let expected: f64 = s
                .data
                .atlas
                .cells
                .keys()
                .filter(|&c| cell_team[c] == Some(t))
                .map(|c| area_deg2(&s.data.atlas.cells[c].polygons))
                .sum();
            let got = area_deg2(&polys[t]);
            let err = (got - expected).abs() / expected;
            assert!(err < 0.005, "{} ({ed:?}): {got} vs {expected}", team.name);
            for p in &polys[t] {
                for r in p {
                    assert_eq!(r.first(), r.last(), "open ring in {}", team.name);
                }
            }
        }
        // Brussels is one piece; the Kempen team includes the Baarle-Hertog enclaves.
        let brussels = s
            .scenario
            .team_by_id("sonja-erteejee")
            .expect("Brussels team");
        assert_eq!(polys[brussels].len(), 1, "{ed:?}");
        let kempen = s
            .scenario
            .team_by_id("trefplaats-kempen")
            .expect("Kempen team");
        assert!(polys[kempen].len() >= 20, "{} parts", polys[kempen].len());
    }
}
