//! Region proposals: `new` starts one scoped to its IROJ region, `merge` combines the six into
//! one division and lists every conflict, and `report` writes the PDF an IROJ hands in.

use std::path::{Path, PathBuf};
use std::process::Command;

use gebiedsplanner::data::scenario_file::{self, FileMeta, ScenarioFile, Unresolved};
use gebiedsplanner::model::atlas::{Atlas, Edition};
use gebiedsplanner::model::ids::{TeamId, ZoneId};
use gebiedsplanner::model::merge::{Choice, ConflictKind, Merge, Place};
use gebiedsplanner::model::region::{Region, unit_region};
use gebiedsplanner::model::scenario::Scenario;

use crate::common;

fn atlas() -> &'static Atlas {
    &common::doc(Edition::M2025).data.atlas
}

/// The default division, scoped to `region`.
fn proposal(region: Option<Region>) -> Scenario {
    let mut s = common::doc(Edition::M2025).scenario.clone();
    s.region = region;
    s
}

fn write(dir: &Path, name: &str, s: &Scenario, description: &str) -> PathBuf {
    let path = dir.join(name);
    let meta = FileMeta {
        description: description.to_string(),
        ..FileMeta::default()
    };
    let f = ScenarioFile::compose(
        atlas(),
        s,
        &meta,
        &Unresolved::default(),
        "2026-12-02T00:00:00Z",
    );
    scenario_file::save(&path, &f).expect("write the scenario");
    path
}

fn read(path: &Path) -> Scenario {
    scenario_file::read(path)
        .expect("read")
        .to_scenario(atlas(), path)
        .expect("resolve")
        .scenario
}

fn run(cmd: &mut Command) -> (Option<i32>, String, String) {
    let out = cmd.output().expect("run the program");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn unit(code: &str) -> ZoneId {
    atlas().unit_by_code(code).expect(code)
}

fn team_of(s: &Scenario, code: &str) -> String {
    s.unit_team[unit(code)]
        .map(|t| s.teams[t].id.clone())
        .unwrap_or_default()
}

fn give(s: &mut Scenario, code: &str, team: &str) {
    let t = s.team_by_id(team).expect(team);
    s.unit_team[unit(code)] = Some(t);
}

#[test]
fn new_writes_a_scenario_that_check_passes_and_that_reopens_scoped_to_its_region() {
    let (mut cmd, dir) = common::program();
    let out = dir.path().join("ovl.json");
    let (code, stdout, err) = run(cmd
        .args(["new", "--region", "oost vlaanderen", "--out"])
        .arg(&out));
    assert_eq!(code, Some(0), "{err}");
    assert!(stdout.contains("ovl.json"), "{stdout}");
    let text = std::fs::read_to_string(&out).expect("the file");
    assert!(text.contains("\"region\": \"Oost-Vlaanderen\""), "{text}");
    let s = read(&out);
    assert_eq!(s.region, Some(Region::OostVlaanderen));
    assert_eq!(s.name, "Voorstel IROJ Oost-Vlaanderen");
    // The default division, so it holds every rule.
    assert_eq!(s.unit_team, common::doc(Edition::M2025).scenario.unit_team);
    let (mut cmd, _d) = common::program();
    let (code, stdout, err) = run(cmd.arg("check").arg(&out));
    assert_eq!(code, Some(0), "{stdout}{err}");

    // From the 2020 teams, with a name of its own.
    let (mut cmd, _d) = common::program();
    let out2 = dir.path().join("lim.json");
    let (code, _, err) = run(cmd
        .args([
            "new",
            "--region",
            "Limburg",
            "--from",
            "2020",
            "--name",
            "Limburg 2027",
            "--out",
        ])
        .arg(&out2));
    assert_eq!(code, Some(0), "{err}");
    let s2 = read(&out2);
    assert_eq!(s2.name, "Limburg 2027");
    assert_eq!(s2.region, Some(Region::Limburg));
    assert_eq!(
        s2.unit_team,
        common::doc(Edition::M2025).data.historic.scenario.unit_team
    );
}

#[test]
fn an_unknown_region_is_refused_with_the_six_names() {
    let (mut cmd, dir) = common::program();
    let out = dir.path().join("x.json");
    let (code, _, err) = run(cmd
        .args(["new", "--region", "Henegouwen", "--out"])
        .arg(&out));
    assert_eq!(code, Some(2));
    for r in Region::ALL {
        assert!(err.contains(r.name()), "{} missing in: {err}", r.name());
    }
    assert!(!out.exists());
    // In a file, the error names the file and the field.
    let f = dir.path().join("bad.json");
    let good = write(
        dir.path(),
        "good.json",
        &proposal(Some(Region::Limburg)),
        "",
    );
    let text = std::fs::read_to_string(good).expect("read");
    std::fs::write(&f, text.replace("\"Limburg\"", "\"Henegouwen\"")).expect("write");
    let (mut cmd, _d) = common::program();
    let (code, _, err) = run(cmd.arg("check").arg(&f));
    assert_eq!(code, Some(2));
    assert!(
        err.contains("bad.json") && err.contains("\"region\""),
        "{err}"
    );
    assert!(err.contains("West-Vlaanderen"), "{err}");
}

/// For each region, a zone of it and a neighbouring zone of it with another team.
fn change_in(region: Region) -> Option<(ZoneId, ZoneId)> {
    let a = atlas();
    let s = &common::doc(Edition::M2025).scenario;
    a.units
        .keys()
        .filter(|&u| unit_region(a, u) == Some(region))
        .find_map(|u| {
            a.unit_neighbours[u]
                .iter()
                .find(|&&v| unit_region(a, v) == Some(region) && s.unit_team[v] != s.unit_team[u])
                .map(|&v| (u, v))
        })
}

#[test]
fn six_region_files_merge_into_exactly_the_expected_division() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut expected = proposal(None);
    let mut files = Vec::new();
    for r in Region::ALL {
        let mut p = proposal(Some(r));
        match change_in(r) {
            // A zone goes to the team next door.
            Some((u, v)) => {
                p.unit_team[u] = p.unit_team[v];
                expected.unit_team[u] = expected.unit_team[v];
            }
            // Brussels is one zone of one team: its forum renames the team.
            None => {
                let t = p.unit_team[unit("elz7")].expect("Brussels has a team");
                p.teams[t].name = "Jeugdhulp Brussel".into();
                expected.teams[t].name = "Jeugdhulp Brussel".into();
            }
        }
        // What a forum does outside its own region does not count.
        let outside = atlas()
            .units
            .keys()
            .find(|&u| unit_region(atlas(), u) != Some(r))
            .expect("a zone outside");
        p.unit_team[outside] = None;
        files.push(write(dir.path(), &format!("{}.json", r.name()), &p, ""));
    }
    let (mut cmd, _d) = common::program();
    let out = dir.path().join("vlaanderen.json");
    let (code, stdout, err) = run(cmd.arg("merge").args(&files).arg("--out").arg(&out));
    // The rules for all of Flanders and Brussels, as `check` gives them (a zone moved may
    // leave a team in two parts).
    let (mut cmd, _d) = common::program();
    let (check_code, check, _) = run(cmd.arg("check").arg(&out));
    assert!(
        matches!(code, Some(0 | 1)) && code == check_code,
        "{stdout}{err}"
    );
    let table = check
        .split_once('\n')
        .map(|(_, rest)| rest)
        .expect("check output");
    assert!(stdout.contains(table), "{stdout}\n---\n{check}");
    let merged = read(&out);
    for (u, z) in atlas().units.iter_enumerated() {
        let id = |s: &Scenario| s.unit_team[u].map(|t| s.teams[t].id.clone());
        assert_eq!(id(&merged), id(&expected), "zone {}", z.code);
    }
    let mut names: Vec<(String, String)> = merged
        .teams
        .iter()
        .map(|t| (t.id.clone(), t.name.clone()))
        .collect();
    let mut want: Vec<(String, String)> = expected
        .teams
        .iter()
        .map(|t| (t.id.clone(), t.name.clone()))
        .collect();
    names.sort();
    want.sort();
    assert_eq!(names, want);
    assert!(merged.muni_team.is_empty());
    assert_eq!(merged.region, None);
    // The description names every file with its region.
    let f = scenario_file::read(&out).expect("read");
    for r in Region::ALL {
        assert!(
            f.description
                .contains(&format!("{}.json ({})", r.name(), r.name())),
            "{}",
            f.description
        );
    }
}

/// A conflict case: what it is, the proposals, and how to know the conflict.
type Case = (
    &'static str,
    Vec<Scenario>,
    Box<dyn Fn(&ConflictKind) -> bool>,
);

/// Every kind of conflict is listed, with its choices.
#[test]
fn each_kind_of_conflict_is_listed() {
    let a = atlas();
    let ant = Some(Region::Antwerpen);
    let lim = Some(Region::Limburg);
    // elz27 Noorderkempen (Antwerpen, voor-noorderkempen), elz41 Kempenland (trefplaats),
    // elz51 West-Limburg (Limburg), elz8 Demerland (Vlaams-Brabant).
    let base_a = proposal(ant);
    let mut moved = proposal(ant);
    give(&mut moved, "elz27", "trefplaats-kempen");
    let mut renamed = proposal(ant);
    let t = renamed.team_by_id("trawant").expect("trawant");
    renamed.teams[t].name = "Trawant Noord".into();
    let mut across = proposal(ant);
    give(&mut across, "elz8", "trawant");
    let mut in_limburg = proposal(lim);
    give(&mut in_limburg, "elz51", "trawant");
    let cases: Vec<Case> = vec![
        (
            "a zone two proposals give to different teams",
            vec![base_a.clone(), moved],
            Box::new(|k| {
                *k == ConflictKind::Contested {
                    place: Place::Zone(unit("elz27")),
                }
            }),
        ),
        (
            "a zone no proposal covers",
            vec![base_a.clone(), proposal(lim)],
            Box::new(|k| *k == ConflictKind::Uncovered { unit: unit("elz8") }),
        ),
        (
            "a team that crosses a region border",
            vec![across, proposal(Some(Region::VlaamsBrabant))],
            Box::new(|k| {
                matches!(k, ConflictKind::CrossesBorder { team, outside, .. }
                    if team == "trawant" && *outside == vec![unit("elz8")])
            }),
        ),
        (
            "one team id with two names",
            vec![base_a.clone(), renamed],
            Box::new(|k| {
                *k == ConflictKind::TeamDiffers {
                    team: "trawant".into(),
                }
            }),
        ),
        (
            "a team in two regions",
            vec![base_a, in_limburg],
            Box::new(|k| {
                *k == ConflictKind::TwoRegions {
                    team: "trawant".into(),
                    regions: vec![Region::Antwerpen, Region::Limburg],
                }
            }),
        ),
    ];
    for (what, proposals, is_it) in cases {
        let refs: Vec<&Scenario> = proposals.iter().collect();
        let m = Merge::new(a, &refs);
        let found: Vec<_> = m.conflicts.iter().filter(|c| is_it(&c.kind)).collect();
        assert_eq!(
            found.len(),
            1,
            "{what}: {:#?}",
            m.conflicts.iter().map(|c| &c.kind).collect::<Vec<_>>()
        );
        assert!(
            found[0].options.len() >= 2,
            "{what}: choices {:?}",
            found[0].options
        );
    }
    // Agreeing proposals have none.
    let same = [proposal(ant), proposal(None)];
    let refs: Vec<&Scenario> = same.iter().collect();
    assert!(Merge::new(a, &refs).conflicts.is_empty());
}

#[test]
fn the_choices_decide_the_merged_division() {
    let a = atlas();
    let ant = Some(Region::Antwerpen);
    let base = proposal(ant);
    let mut moved = proposal(ant);
    give(&mut moved, "elz27", "trefplaats-kempen");
    let mut limburg = proposal(Some(Region::Limburg));
    give(&mut limburg, "elz51", "trawant");
    let ps = [base, moved, limburg];
    let refs: Vec<&Scenario> = ps.iter().collect();
    let m = Merge::new(a, &refs);
    let contested = m
        .conflicts
        .iter()
        .position(|c| matches!(c.kind, ConflictKind::Contested { .. }))
        .expect("contested");
    let two = m
        .conflicts
        .iter()
        .position(|c| matches!(c.kind, ConflictKind::TwoRegions { .. }))
        .expect("two regions");
    // First wins: the first file's team, one team across the regions.
    let first = m.resolve("m", &m.first_wins());
    assert_eq!(team_of(&first, "elz27"), "voor-noorderkempen");
    assert_eq!(team_of(&first, "elz51"), "trawant");
    // The other choices: the second file's team, a team per region.
    let mut picks = m.first_wins();
    picks[contested] = 1;
    picks[two] = m.conflicts[two]
        .options
        .iter()
        .position(|o| *o == Choice::SplitPerRegion)
        .expect("split");
    let chosen = m.resolve("m", &picks);
    assert_eq!(team_of(&chosen, "elz27"), "trefplaats-kempen");
    assert_eq!(team_of(&chosen, "elz51"), "trawant-limburg");
    assert_eq!(team_of(&chosen, "elz23"), "trawant");
}

#[test]
fn merge_exits_1_with_the_list_and_first_wins_says_what_it_chose() {
    let dir = tempfile::tempdir().expect("tmp");
    let ant = Some(Region::Antwerpen);
    let a = write(dir.path(), "a.json", &proposal(ant), "");
    let mut moved = proposal(ant);
    give(&mut moved, "elz27", "trefplaats-kempen");
    let b = write(dir.path(), "b.json", &moved, "");
    let out = dir.path().join("merged.json");
    let (mut cmd, _d) = common::program();
    let (code, stdout, err) = run(cmd
        .args(["merge", "--lang", "en"])
        .arg(&a)
        .arg(&b)
        .arg("--out")
        .arg(&out));
    assert_eq!(code, Some(1), "{stdout}{err}");
    assert!(
        stdout.contains(
            "conflict: Zone Noorderkempen (elz27): the proposals give it to different teams"
        ),
        "{stdout}"
    );
    // Only Antwerpen is proposed: every other zone is listed as not covered.
    assert!(
        stdout.contains("conflict: Zone Bruzel (elz7) (Brussel): no proposal"),
        "{stdout}"
    );
    assert!(!out.exists(), "nothing is written");

    let (mut cmd, _d) = common::program();
    let (code, stdout, err) = run(cmd
        .args(["merge", "--lang", "en", "--first-wins"])
        .arg(&a)
        .arg(&b)
        .arg("--out")
        .arg(&out));
    assert_eq!(code, Some(0), "{stdout}{err}");
    assert!(
        stdout.contains("  chosen: a.json: Voor- en Noorderkempen (voor-noorderkempen)"),
        "{stdout}"
    );
    // An uncovered zone takes the team the first file gives it outside its region.
    assert!(
        stdout.contains("  chosen: a.json: Sonja Erteejee Brussel (sonja-erteejee)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("All rules hold") || stdout.contains("OK"),
        "{stdout}"
    );
    let merged = read(&out);
    assert_eq!(team_of(&merged, "elz27"), "voor-noorderkempen");
    assert_eq!(team_of(&merged, "elz7"), "sonja-erteejee");
    let f = scenario_file::read(&out).expect("read");
    assert_eq!(
        f.description,
        "Merged from: a.json (Antwerpen), b.json (Antwerpen)."
    );
}

fn tool(name: &str, args: &[&std::ffi::OsStr]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} (poppler-utils) is needed for this test: {e}"));
    assert!(
        out.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A proposal for Antwerpen that breaks the rules: Noorderkempen to Trefplaats, ZORA without a
/// team, and a zone away from Trefplaats's area given to it (a detached part). Written with an
/// author, a description and a status; returns the file, the scenario, the far zone and its
/// team before.
fn broken_antwerp_file(dir: &Path) -> (PathBuf, Scenario, String, String) {
    let mut s = proposal(Some(Region::Antwerpen));
    s.name = "Voorstel Antwerpen 2027".into();
    // Noorderkempen to Trefplaats, ZORA left without a team, and a zone that does not border
    // Trefplaats's area given to it: a detached part.
    give(&mut s, "elz27", "trefplaats-kempen");
    s.unit_team[unit("elz55")] = None;
    let tref = s.team_by_id("trefplaats-kempen");
    let far = atlas()
        .units
        .keys()
        .find(|&u| {
            unit_region(atlas(), u) == Some(Region::Antwerpen)
                && s.unit_team[u].is_some()
                && s.unit_team[u] != tref
                && !atlas().unit_neighbours[u]
                    .iter()
                    .any(|&v| s.unit_team[v] == tref)
        })
        .expect("a zone away from Trefplaats");
    let far_from = s.teams[s.unit_team[far].expect("team")].name.clone();
    let far_zone = format!(
        "zone {} ({})",
        atlas().units[far].name,
        atlas().units[far].code
    );
    s.unit_team[far] = tref;
    let mut f = ScenarioFile::compose(
        atlas(),
        &s,
        &FileMeta {
            description: "Het voorstel van het IROJ Antwerpen voor 2027.".into(),
            author: "IROJ Antwerpen".into(),
            ..FileMeta::default()
        },
        &Unresolved::default(),
        "2026-12-02T00:00:00Z",
    );
    f.extra
        .insert("status".into(), serde_json::Value::from("voorstel"));
    let path = dir.join("antwerpen.json");
    scenario_file::save(&path, &f).expect("save");
    (path, s, far_zone, far_from)
}

/// Every team of the region on the map's legend and in the table, and the region's totals.
fn assert_teams_and_totals(s: &Scenario, map: &str, table: &str) {
    let doc = common::doc(Edition::M2025);
    // Every team of the region, on the map's legend and in the table; and the totals.
    let d = gebiedsplanner::document::Document::new(doc.data.clone(), s.clone());
    let region_teams: Vec<TeamId> = s
        .teams
        .keys()
        .filter(|&t| {
            d.metrics.teams[t]
                .units
                .iter()
                .any(|&u| unit_region(atlas(), u) == Some(Region::Antwerpen))
        })
        .collect();
    assert!(region_teams.len() >= 4);
    for &t in &region_teams {
        let name = &s.teams[t].name;
        assert!(map.contains(name.as_str()), "map legend lacks {name}");
        assert!(table.contains(name.as_str()), "table lacks {name}");
    }
    let population: f64 = region_teams
        .iter()
        .map(|&t| d.metrics.teams[t].population)
        .sum();
    let children: f64 = region_teams
        .iter()
        .map(|&t| d.metrics.teams[t].children)
        .sum();
    let budget: f64 = region_teams
        .iter()
        .map(|&t| d.metrics.teams[t].budget_flat)
        .sum();
    let totals = table
        .lines()
        .find(|l| l.trim_start().starts_with("Totaal"))
        .expect("a totals row");
    for v in [
        gebiedsplanner::i18n::int(population),
        gebiedsplanner::i18n::int(children),
        gebiedsplanner::i18n::eur(budget),
    ] {
        assert!(totals.contains(&v), "totals lack {v}: {totals}");
    }
}

/// `pdftoppm` renders every page, and none is blank.
fn assert_every_page_renders(dir: &Path, pdf: &Path, pages: usize) {
    // Every page renders.
    let png = dir.join("page");
    tool(
        "pdftoppm",
        &[
            "-r".as_ref(),
            "30".as_ref(),
            "-png".as_ref(),
            pdf.as_os_str(),
            png.as_os_str(),
        ],
    );
    let rendered: Vec<_> = std::fs::read_dir(dir)
        .expect("list")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("page"))
        .collect();
    assert_eq!(rendered.len(), pages);
    for e in rendered {
        let bytes = std::fs::read(e.path()).expect("png");
        let (_, _, rgba) = gebiedsplanner::export::image::decode_png(&bytes).expect("decode");
        assert!(
            rgba.chunks(4).any(|p| p[0] < 100),
            "{:?} is blank",
            e.path()
        );
    }
}

#[test]
fn the_report_has_its_pages_the_teams_the_totals_and_the_moved_zones() {
    let dir = tempfile::tempdir().expect("tmp");
    let (path, s, far_zone, far_from) = broken_antwerp_file(dir.path());
    let pdf = dir.path().join("rapport.pdf");
    let (mut cmd, _d) = common::program();
    let (code, stdout, err) = run(cmd
        .arg("report")
        .arg(&path)
        .arg("--pdf")
        .arg(&pdf)
        .args(["--compare", "default"]));
    assert_eq!(code, Some(0), "{stdout}{err}");

    let info = tool("pdfinfo", &[pdf.as_os_str()]);
    assert!(info.contains("841.89 x 595.28 pts (A4)"), "{info}");
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("page count");
    let text = tool(
        "pdftotext",
        &["-layout".as_ref(), pdf.as_os_str(), "-".as_ref()],
    );
    let page_texts: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert_eq!(page_texts.len(), pages);
    let starts = |i: usize, head: &str| {
        assert!(
            page_texts[i].trim_start().starts_with(head),
            "page {} should be {head}: {}",
            i + 1,
            page_texts[i]
        );
    };
    // Cover, map, teams, changes, budget, a zoomed map for each broken rule, sources.
    starts(0, "Voorstel voor de werkgebieden van 1 Gezin 1 Plan");
    for field in [
        "Voorstel Antwerpen 2027",
        "Antwerpen",
        "IROJ Antwerpen",
        "voorstel",
        "Het voorstel van het IROJ Antwerpen voor 2027.",
        "Niet alle regels voldaan",
    ] {
        assert!(
            page_texts[0].contains(field),
            "cover lacks {field}: {}",
            page_texts[0]
        );
    }
    starts(1, "Kaart: Antwerpen");
    starts(2, "Teams: Antwerpen");
    starts(3, "Wijzigingen tegenover standaardindeling");
    starts(4, "Budget per team tegenover standaardindeling");
    let broken: Vec<&&str> = page_texts[5..pages - 1].iter().collect();
    assert!(
        broken
            .iter()
            .all(|p| p.trim_start().starts_with("Regel niet voldaan")),
        "{broken:?}"
    );
    assert!(
        broken
            .iter()
            .any(|p| p.contains("Zone zonder team: ZORA (elz55)")),
        "{broken:?}"
    );
    assert!(
        broken
            .iter()
            .any(|p| p.contains("Trefplaats Jeugdhulp Kempen is niet aaneengesloten")),
        "{broken:?}"
    );
    starts(pages - 1, "Bronnen en naamsvermelding");
    assert!(
        page_texts[pages - 1].contains("Statbel"),
        "{}",
        page_texts[pages - 1]
    );
    assert!(page_texts[0].contains(&format!("pagina 1 van {pages}")));

    assert_teams_and_totals(&s, page_texts[1], page_texts[2]);
    // The moved zones, from and to.
    let changes = page_texts[3];
    for (zone, from, to) in [
        (
            "zone Noorderkempen (elz27)",
            "Voor- en Noorderkempen",
            "Trefplaats Jeugdhulp Kempen",
        ),
        ("zone ZORA (elz55)", "Trawant", "—"),
        (
            far_zone.as_str(),
            far_from.as_str(),
            "Trefplaats Jeugdhulp Kempen",
        ),
    ] {
        let line = changes
            .lines()
            .find(|l| l.contains(zone))
            .unwrap_or_else(|| panic!("{zone} missing: {changes}"));
        assert!(line.contains(from) && line.contains(to), "{line}");
    }
    assert_every_page_renders(dir.path(), &pdf, pages);
}

/// File > Merge proposals: two files that disagree on a zone; the window lists the conflict,
/// the user takes the second file's team and merges; the merged division opens as a new tab.
#[test]
fn the_merge_window_lists_the_conflict_and_opens_the_choice_as_a_new_tab() {
    use egui_kittest::kittest::Queryable;
    use gebiedsplanner::app::{AppPaths, GebiedsApp, Settings};
    use gebiedsplanner::ui::dialogs::ScriptedDialogs;

    let dir = tempfile::tempdir().expect("tmp");
    let all = write(dir.path(), "vlaanderen.json", &proposal(None), "");
    let mut moved = proposal(Some(Region::Antwerpen));
    give(&mut moved, "elz27", "trefplaats-kempen");
    let antwerpen = write(dir.path(), "antwerpen.json", &moved, "");
    let dialogs = ScriptedDialogs::default();
    dialogs.open_many.borrow_mut().push(vec![all, antwerpen]);
    let app = GebiedsApp::with_paths(
        Settings::default(),
        None,
        Box::new(dialogs),
        AppPaths::default(),
    );
    let mut h = common::window(app);
    let tabs_before = h.state().tabs().expect("tabs").list.len();
    h.get_by_label("Bestand").click();
    h.run_steps(2);
    h.get_by_label("Voorstellen samenvoegen…").click();
    h.run_steps(3);
    h.get_by_label_contains(
        "Zone Noorderkempen (elz27): de voorstellen geven dit aan verschillende teams",
    );
    h.get_by_label("vlaanderen.json: Voor- en Noorderkempen (voor-noorderkempen)");
    h.get_by_label("antwerpen.json: Trefplaats Jeugdhulp Kempen (trefplaats-kempen)")
        .click();
    h.run_steps(2);
    h.get_by_label("Samenvoegen").click();
    h.run_steps(3);
    let tabs = h.state().tabs().expect("tabs");
    assert_eq!(tabs.list.len(), tabs_before + 1);
    let w = h.state().workspace().expect("the merged tab");
    assert_eq!(w.doc.scenario.name, "Samengevoegde voorstellen");
    assert_eq!(team_of(&w.doc.scenario, "elz27"), "trefplaats-kempen");
    assert_eq!(
        w.file.meta.description,
        "Samengevoegd uit: vlaanderen.json (heel Vlaanderen en Brussel), antwerpen.json (Antwerpen)."
    );
    let holds = w.doc.metrics.all_rules_hold();
    assert!(
        h.query_by_label_contains("1 conflicten").is_none(),
        "the window closed"
    );
    // The rules are checked for all of Flanders and Brussels, and said.
    if holds {
        h.get_by_label_contains("Alle regels voldaan: elk team aaneengesloten");
    } else {
        h.get_by_label_contains("Niet alle regels voldaan: ");
    }
}

/// File > Report (PDF): the report of the open tab, written where the user says.
#[test]
fn the_report_from_the_file_menu_is_a_multi_page_a4_pdf() {
    use egui_kittest::kittest::Queryable;
    use gebiedsplanner::app::{AppPaths, GebiedsApp, Settings};
    use gebiedsplanner::ui::dialogs::ScriptedDialogs;

    let dir = tempfile::tempdir().expect("tmp");
    let pdf = dir.path().join("rapport.pdf");
    let dialogs = ScriptedDialogs::default();
    dialogs.save.borrow_mut().push(pdf.clone());
    let app = GebiedsApp::with_paths(
        Settings::default(),
        None,
        Box::new(dialogs),
        AppPaths::default(),
    );
    let mut h = common::window(app);
    h.get_by_label("Bestand").click();
    h.run_steps(2);
    h.get_by_label("Rapport (PDF)…").click();
    h.run_steps(3);
    let info = tool("pdfinfo", &[pdf.as_os_str()]);
    assert!(info.contains("841.89 x 595.28 pts (A4)"), "{info}");
    let text = tool("pdftotext", &[pdf.as_os_str(), "-".as_ref()]);
    assert!(text.contains("Kaart: heel Vlaanderen en Brussel"), "{text}");
    assert!(text.contains("Teams: heel Vlaanderen en Brussel"), "{text}");
    assert!(text.contains("Alle regels voldaan"), "{text}");
    assert!(text.contains("Bronnen en naamsvermelding"), "{text}");
}
