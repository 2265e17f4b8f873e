//! The default division, the historic baseline, colours and the check command.

use crate::common;
use gebiedsplanner::model::ids::TeamId;

use gebiedsplanner::data::scenario_file::ScenarioFile;
use gebiedsplanner::model::atlas::Edition;
use gebiedsplanner::model::colour::{SIMILAR, colour_distance};
use gebiedsplanner::model::defaults::{default_scenario, team_neighbours};
use gebiedsplanner::model::metrics::compute;
use gebiedsplanner::model::scenario::AreaStatus;

#[test]
fn default_scenario_covers_every_zone_with_contiguous_teams() {
    for ed in [Edition::M2025, Edition::M2019] {
        let s = common::doc(ed);
        let (scenario, skipped) = default_scenario(&s.data.atlas, &s.data.seeds);
        assert!(skipped.is_empty(), "seed rows without a zone: {skipped:?}");
        assert!(
            scenario.unit_team.iter().all(std::option::Option::is_some),
            "{ed:?}"
        );
        let m = compute(&s.data.atlas, &scenario, &s.data.rules);
        assert!(m.is_covered());
        for (t, st) in m.teams.iter_enumerated() {
            assert!(
                st.is_contiguous(),
                "{} is in {} parts",
                scenario.teams[t].name,
                st.components.len()
            );
        }
        assert!(m.all_rules_hold());
        // 15 historic teams plus the two of 2021.
        assert_eq!(scenario.teams.len(), 17);
    }
}

#[test]
fn flat_budget_is_400_000_per_zone_and_adds_up_to_24_million() {
    let s = common::doc(Edition::M2025);
    let total: f64 = s.metrics.teams.iter().map(|t| t.budget_flat).sum();
    assert!((total - 60.0 * 400_000.0).abs() < 1.0, "{total}");
    let gent = s.scenario.team_by_id("samen1plan-gent").expect("Gent team");
    let zones = s.metrics.teams[gent].units.len() as f64;
    assert!((s.metrics.teams[gent].budget_flat - zones * 400_000.0).abs() < 1.0);
    let share: f64 = s.metrics.teams.iter().map(|t| t.budget_share).sum();
    assert!((share - 24_000_000.0).abs() < 1.0, "{share}");
}

#[test]
fn bordering_teams_never_look_alike() {
    for ed in [Edition::M2025, Edition::M2019] {
        let s = common::doc(ed);
        let nb = team_neighbours(&s.data.atlas, &s.scenario);
        let mut pairs = 0;
        for (a, list) in nb.iter().enumerate() {
            for &b in list {
                pairs += 1;
                let (a, b) = (TeamId(a), TeamId(b));
                let (ca, cb) = (s.scenario.teams[a].colour, s.scenario.teams[b].colour);
                // Not only a different colour: one a person tells apart at a glance on a
                // projector (light blue next to cyan, or light yellow next to sand, is not).
                assert!(
                    colour_distance(ca, cb) >= SIMILAR,
                    "{} {ca:?} and {} {cb:?} border each other and look alike",
                    s.scenario.teams[a].name,
                    s.scenario.teams[b].name
                );
            }
        }
        assert!(pairs > 20, "the teams should border each other ({pairs})");
        // With a palette larger than the number of teams, every team has its own colour, so
        // the legend identifies each one.
        let mut colours: Vec<[u8; 3]> = s.scenario.teams.iter().map(|t| t.colour).collect();
        colours.sort_unstable();
        colours.dedup();
        assert_eq!(colours.len(), s.scenario.teams.len());
    }
}

#[test]
fn historic_baseline_leaves_gaps_and_marks_estimates() {
    let s = common::doc(Edition::M2019);
    let h = &s.data.historic.scenario;
    assert_eq!(h.teams.len(), 15);
    let m = compute(&s.data.atlas, h, &s.data.rules);
    // Coverage was not complete in 2020.
    assert!(!m.is_covered());
    // Samen1Plan Gent is sourced: exactly Gent.
    let gent = h.team_by_id("samen1plan-gent").expect("gent");
    assert_eq!(h.teams[gent].area_status, AreaStatus::Sourced);
    assert_eq!(m.teams[gent].municipalities, 1);
    assert!(
        h.teams
            .iter()
            .any(|t| t.area_status == AreaStatus::Estimated)
    );
    // Partner counts from the parliamentary answer.
    let antwerpen = h.team_by_id("rtj-antwerpen").expect("antwerpen");
    assert_eq!(h.teams[antwerpen].partners, Some(24));
}

/// `gebiedsplanner ARGS` as on a machine with nothing beside the program: the built-in data.
fn run_check(args: &[&str]) -> (i32, String, String) {
    let (mut cmd, _dir) = common::program();
    let out = cmd.args(args).output().expect("run gebiedsplanner");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn check_prints_the_team_table_and_passes_on_the_default() {
    let (code, out, err) = run_check(&["check"]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("Samen1Plan Gent"), "{out}");
    assert!(out.contains("EUR 400.000"), "{out}");
    assert!(
        out.contains("1.218.255") || out.contains("Sonja Erteejee"),
        "{out}"
    );
    assert!(
        out.contains("Heel Vlaanderen en Brussel is gedekt"),
        "{out}"
    );
    // --data after the subcommand works too.
    let data = common::data_copy();
    let (code, out, _) = run_check(&[
        "check",
        "--data",
        data.path().to_str().unwrap_or_default(),
        "--lang",
        "en",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("Coverage"), "{out}");
}

#[test]
fn check_fails_when_a_zone_has_no_team_or_a_team_is_cut() {
    let s = common::doc(Edition::M2025);
    let mut file = ScenarioFile::from_scenario(&s.data.atlas, &s.scenario);
    // Leave Gent without a team.
    file.assignment.remove("elz13");
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("gap.json");
    std::fs::write(&path, serde_json::to_string_pretty(&file).expect("json")).expect("write");
    let (code, out, err) = run_check(&["check", path.to_str().unwrap_or_default()]);
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(out.contains("Gent"), "{out}");
    assert!(
        out.contains("REGEL NIET VOLDAAN: zones zonder team: 1"),
        "{out}"
    );

    // Give Brugge to the Limburg team Plan-Trekkers: that team is now in two parts.
    let mut file = ScenarioFile::from_scenario(&s.data.atlas, &s.scenario);
    file.assignment
        .insert("elz6".into(), "plan-trekkers".into());
    let path = dir.path().join("cut.json");
    std::fs::write(&path, serde_json::to_string_pretty(&file).expect("json")).expect("write");
    let (code, out, _) = run_check(&["check", path.to_str().unwrap_or_default()]);
    assert_eq!(code, 1);
    assert!(
        out.contains("team 'Plan-Trekkers Oost-Limburg' is niet aaneengesloten (2 delen)"),
        "{out}"
    );
    // The rules speak the language asked for.
    let (code, out, _) = run_check(&["check", path.to_str().unwrap_or_default(), "--lang", "en"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("RULE BROKEN: team 'Plan-Trekkers Oost-Limburg' is not contiguous (2 parts)"),
        "{out}"
    );
    assert!(!out.contains("REGEL"), "{out}");
}

/// A new team gets a colour unlike every team's, so it can be told apart wherever it is drawn.
#[test]
fn a_new_team_gets_a_colour_unlike_the_others() {
    let s = common::doc(Edition::M2025);
    let colour = gebiedsplanner::model::edit::unused_colour(&s.scenario);
    for team in &s.scenario.teams {
        assert!(
            colour_distance(colour, team.colour) >= SIMILAR,
            "the new team's {colour:?} looks like {} {:?}",
            team.name,
            team.colour
        );
    }
}

/// A zone split between two teams (a municipality moved on its own) is counted by `check` as
/// the team list counts it: whole zones plus shared ones.
#[test]
fn check_counts_a_shared_zone_as_the_team_list_does() {
    let s = common::doc(Edition::M2025);
    let atlas = &s.data.atlas;
    let zone = atlas.unit_by_code("elz13").expect("Gent");
    let zone = if atlas.units[zone].municipalities.len() > 1 {
        zone
    } else {
        atlas
            .units
            .keys()
            .find(|&u| atlas.units[u].municipalities.len() > 1)
            .expect("a zone of several municipalities")
    };
    let owner = s.scenario.unit_team[zone].expect("a team");
    let other = TeamId((owner.index() + 1) % s.scenario.teams.len());
    let muni = atlas.units[zone].municipalities[0];
    let mut file = ScenarioFile::from_scenario(atlas, &s.scenario);
    file.municipality_assignment.insert(
        atlas.municipalities[muni].code.clone(),
        Some(s.scenario.teams[other].id.clone()),
    );
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("shared.json");
    std::fs::write(&path, serde_json::to_string_pretty(&file).expect("json")).expect("write");
    let (_, out, err) = run_check(&["check", path.to_str().unwrap_or_default()]);
    let row = |team: TeamId| {
        out.lines()
            .find(|l| l.starts_with(&s.scenario.teams[team].name))
            .unwrap_or_else(|| panic!("no row for team {team:?}:\n{out}\n{err}"))
            .to_string()
    };
    let zones = s.metrics.teams[owner].units.len();
    assert!(
        row(owner).contains(&format!("{} + 1 gedeeld", zones - 1)),
        "{}",
        row(owner)
    );
    assert!(row(other).contains("+ 1 gedeeld"), "{}", row(other));
}
