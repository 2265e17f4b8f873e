//! The overlay layers built from the real data folder: provinces, historic 2020 teams,
//! Proeftuinen, and search over all of them.

use crate::common;
use gebiedsplanner::model::ids::CellId;

use std::collections::BTreeSet;

use gebiedsplanner::data::overlays::{
    load_proeftuinen, read_municipality_aliases, read_neighbourhoods,
};
use gebiedsplanner::document::Document;
use gebiedsplanner::model::atlas::{Atlas, Edition};
use gebiedsplanner::model::overlay::historic::historic_layer;
use gebiedsplanner::model::overlay::proeftuinen::ProeftuinOverlay;
use gebiedsplanner::model::scenario::AreaStatus;
use gebiedsplanner::model::search::{MatchKind, SearchIndex, SearchTarget};

fn in_cells(atlas: &Atlas, cells: &[CellId], p: [f64; 2]) -> bool {
    cells
        .iter()
        .any(|&c| atlas.cells[c].merc.iter().any(|m| m.contains(p)))
}

fn proeftuinen(s: &Document) -> Vec<ProeftuinOverlay> {
    load_proeftuinen(&s.data.source, &s.data.atlas, &s.data.seeds).expect("the Proeftuinen load")
}

#[test]
fn historic_layer_has_the_15_teams_with_their_partners_sources_and_outlines() {
    for ed in [Edition::M2025, Edition::M2019] {
        let s = common::doc(ed);
        let layer = historic_layer(&s.data.atlas, &s.data.historic.scenario, &s.data.seeds);
        assert_eq!(layer.teams.len(), 15, "{ed:?}");
        let mut statuses = BTreeSet::new();
        for t in &layer.teams {
            let seed = s.data.seeds.team(&t.id).expect("team in seeds");
            assert_eq!(t.partners, seed.partners, "{}", t.name);
            assert!(t.partners.is_some(), "{}", t.name);
            assert_eq!(t.status, seed.area_status, "{}", t.name);
            assert_eq!(t.source, seed.source);
            assert!(
                !t.source.is_empty() && !t.area_note.is_empty(),
                "{}",
                t.name
            );
            assert!(!t.cells.is_empty(), "{} has no area", t.name);
            assert!(!t.outline.is_empty(), "{} has no outline", t.name);
            assert!(
                in_cells(&s.data.atlas, &t.cells, t.label),
                "label of {} is outside its area",
                t.name
            );
            statuses.insert(format!("{:?}", t.status));
            // Every outline arc has this team on exactly one side.
            for &a in &t.outline {
                let arc = &s.data.atlas.topology.arcs[a];
                let left = t.cells.contains(&CellId::from(arc.left));
                let right = arc
                    .right
                    .is_some_and(|r| t.cells.contains(&CellId::from(r)));
                assert!(left != right, "{}: arc {a} is not on its border", t.name);
            }
        }
        assert_eq!(
            statuses,
            BTreeSet::from(["Estimated".into(), "Partial".into(), "Sourced".into()])
        );
        let by_name = |n: &str| {
            layer
                .teams
                .iter()
                .find(|t| t.name == n)
                .unwrap_or_else(|| panic!("{n} missing"))
        };
        assert_eq!(by_name("RTJ Stad Antwerpen").partners, Some(24));
        assert_eq!(by_name("Sonja Erteejee Brussel").partners, Some(1));
        assert_eq!(by_name("Sonja Erteejee Brussel").municipalities.len(), 19);
        assert_eq!(
            by_name("Sonja Erteejee Brussel").status,
            AreaStatus::Sourced
        );
        // Coverage was not complete in 2020: Brugge had no team.
        let brugge = s.data.atlas.muni_by_code("31005").expect("Brugge");
        assert!(
            s.data.atlas.municipalities[brugge]
                .cells
                .iter()
                .all(|c| layer.uncovered_cells.contains(c))
        );
        // The team under Gent's label is Samen1Plan Gent.
        let gent = s.data.atlas.unit_by_code("elz13").expect("zone Gent");
        let t = layer
            .team_at(&s.data.atlas, s.data.atlas.units[gent].label)
            .expect("a team in Gent");
        assert_eq!(layer.teams[t].name, "Samen1Plan Gent");
        // All outline arcs together, each once.
        let unique: BTreeSet<usize> = layer.outline.iter().copied().collect();
        assert_eq!(unique.len(), layer.outline.len());
    }
}

#[test]
fn proeftuinen_are_the_six_neighbourhoods_in_their_zones() {
    for ed in [Edition::M2025, Edition::M2019] {
        let s = common::doc(ed);
        let list = proeftuinen(s);
        assert_eq!(list.len(), 6, "{ed:?}");
        for (p, seed) in list.iter().zip(&s.data.seeds.proeftuinen) {
            assert_eq!(p.id, seed.id);
            assert!(
                p.missing_codes.is_empty(),
                "{}: {:?}",
                p.id,
                p.missing_codes
            );
            assert_eq!(p.polygon_names.len(), seed.polygon_codes.len(), "{}", p.id);
            // Approximate exactly where the seed says so.
            assert_eq!(p.approximate, seed.approximate, "{}", p.id);
            assert_eq!(p.marker_only(), seed.polygon_codes.is_empty(), "{}", p.id);
            let m = p.municipality.expect("municipality in the atlas");
            assert_eq!(s.data.atlas.municipalities[m].code, seed.nis);
            assert!(
                in_cells(
                    &s.data.atlas,
                    &s.data.atlas.municipalities[m].cells,
                    p.marker
                ),
                "{}: marker outside {}",
                p.id,
                seed.municipality
            );
            if !p.marker_only() {
                assert!(p.merc.iter().any(|m| m.contains(p.marker)), "{}", p.id);
            }
            assert!(p.bbox.contains(p.marker), "{}", p.id);
            assert!(p.zone.is_some() && p.cell.is_some(), "{}", p.id);
            assert_eq!(p.period.start_dmy(), "1-7-2019");
            assert_eq!(p.period.end_dmy(), "30-6-2022");
            assert!(!p.aims.is_empty() && !p.actors.is_empty() && !p.source.is_empty());
        }
        let approx: BTreeSet<&str> = list
            .iter()
            .filter(|p| p.approximate)
            .map(|p| p.municipality_name.as_str())
            .collect();
        assert!(approx.contains("Geraardsbergen") && approx.contains("Sint-Niklaas"));
        assert!(!approx.contains("Beringen") && !approx.contains("Oostende"));

        let zeebrugge = list
            .iter()
            .find(|p| p.neighbourhood == "Zeebrugge")
            .expect("Zeebrugge");
        let zone = zeebrugge.zone.expect("zone");
        assert_eq!(s.data.atlas.units[zone].name, "Brugge");
        // In the default scenario Brugge belongs to the Noord-West-Vlaanderen team; in 2020
        // nobody served it.
        let team = zeebrugge.team(&s.data.atlas, &s.scenario).expect("a team");
        assert_eq!(s.scenario.teams[team].id, "noord-wvl");
        assert_eq!(
            zeebrugge.team(&s.data.atlas, &s.data.historic.scenario),
            None
        );
        let beverlo = list
            .iter()
            .find(|p| p.id == "beringen-beverlo")
            .expect("Beverlo");
        assert_eq!(
            beverlo.polygon_names,
            vec!["Beverlo (Beringen)".to_string()]
        );
    }
}

#[test]
fn neighbourhood_file_has_the_wijken_of_the_six_municipalities() {
    let list = read_neighbourhoods(&common::data()).expect("neighbourhoods");
    let nis: BTreeSet<&str> = list.iter().map(|n| n.nis.as_str()).collect();
    assert_eq!(
        nis,
        BTreeSet::from(["21001", "31005", "35013", "41018", "46021", "71004"])
    );
    assert!(list.iter().all(|n| !n.polygons.is_empty()));
}

fn index(s: &Document) -> SearchIndex {
    let aliases = read_municipality_aliases(&s.data.source, &s.data.atlas).expect("aliases");
    SearchIndex::new(&s.data.atlas, &proeftuinen(s)).with_municipality_aliases(&aliases)
}

#[test]
fn search_finds_municipalities_zones_teams_and_proeftuinen() {
    let s = common::doc(Edition::M2025);
    let idx = index(s);
    let search = |q: &str| idx.search(&s.data.atlas, Some(&s.scenario), q, 20);

    for q in [
        "Geraardsbergen",
        "geraardsbergen",
        "GERAARDSBERGEN",
        " geraardsbergen ",
    ] {
        let hits = search(q);
        let first = hits.first().expect("a hit");
        let m = s.data.atlas.muni_by_code("41018").expect("Geraardsbergen");
        assert_eq!(first.target, SearchTarget::Municipality(m), "{q}");
        assert_eq!(first.kind, MatchKind::Exact);
        assert!(!first.bbox.is_empty());
        // The Proeftuin in Geraardsbergen is found too, after the municipality.
        assert!(
            hits.iter()
                .any(|h| matches!(h.target, SearchTarget::Proeftuin(_))),
            "{q}"
        );
    }

    let list = proeftuinen(s);
    for (q, muni) in [
        ("Zeebrugge", "Brugge"),
        ("zeebrug", "Brugge"),
        ("Beverlo", "Beringen"),
        ("Vuurtorenwijk", "Oostende"),
        ("kuregem", "Anderlecht"),
    ] {
        let first = search(q).into_iter().next().expect("a hit");
        let SearchTarget::Proeftuin(i) = first.target else {
            panic!("{q}: first hit is {first:?}");
        };
        assert_eq!(list[i].municipality_name, muni, "{q}");
        assert_eq!(first.bbox, list[i].bbox);
    }

    let hits = search("gent");
    let zone = s.data.atlas.unit_by_code("elz13").expect("zone Gent");
    let team = s.scenario.team_by_id("samen1plan-gent").expect("team");
    assert!(hits.iter().any(|h| h.target == SearchTarget::Zone(zone)));
    let team_hit = hits
        .iter()
        .find(|h| h.target == SearchTarget::Team(team))
        .expect("Samen1Plan Gent found");
    assert_eq!(team_hit.name, "Samen1Plan Gent");
    assert!(team_hit.bbox.contains(s.data.atlas.units[zone].label));
    // Exact matches first: municipality and zone Gent before the team.
    assert_eq!(hits[0].kind, MatchKind::Exact);
    assert!(
        hits.iter()
            .position(|h| h.target == SearchTarget::Zone(zone))
            < hits
                .iter()
                .position(|h| h.target == SearchTarget::Team(team))
    );
    // Hits are ordered by match kind.
    assert!(hits.windows(2).all(|w| w[0].kind <= w[1].kind));
}

#[test]
fn search_ignores_accents_and_knows_french_and_former_names() {
    let s = common::doc(Edition::M2025);
    let idx = index(s);
    let first = |q: &str| {
        let h = idx
            .search(&s.data.atlas, Some(&s.scenario), q, 5)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no hit for {q}"));
        (h.name, h.matched)
    };
    assert_eq!(first("Etterbeek").0, "Etterbeek");
    assert_eq!(first("ÉTTERBÉEK").0, "Etterbeek");
    // French names, with or without their accents.
    assert_eq!(first("Rhode-Saint-Genèse").0, "Sint-Genesius-Rode");
    let (name, matched) = first("rhode saint genese");
    assert_eq!(name, "Sint-Genesius-Rode");
    assert_eq!(matched, "Rhode-Saint-Genèse");
    assert_eq!(first("Leau").0, "Zoutleeuw");
    assert_eq!(first("Ixelles").0, "Elsene");
    // A municipality merged in 2025 is found by its former name.
    assert_eq!(first("Zwijndrecht").0, "Beveren-Kruibeke-Zwijndrecht");
    assert_eq!(first("Borsbeek").0, "Antwerpen");
    assert_eq!(first("sint niklaas").0, "Sint-Niklaas");
}
