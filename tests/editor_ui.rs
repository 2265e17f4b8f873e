//! The editor driven like a person would: on the real data, headless, without tiles.

use crate::common;
use gebiedsplanner::model::ids::{TeamId, ZoneId};

use egui::{Key, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use gebiedsplanner::app::{Command, GebiedsApp, Settings};
use gebiedsplanner::model::edit::Edit;
use gebiedsplanner::ui::dialogs::ScriptedDialogs;
use gebiedsplanner::workspace::{DropTarget, Workspace};

fn harness() -> Harness<'static, GebiedsApp> {
    let app = GebiedsApp::headless(
        Settings::default(),
        None,
        Box::new(ScriptedDialogs::default()),
    );
    assert!(app.workspace().is_some(), "the real data loads");
    common::window(app)
}

fn ws<'a>(h: &'a Harness<'_, GebiedsApp>) -> &'a Workspace {
    h.state().workspace().expect("workspace")
}

fn unit(h: &Harness<'_, GebiedsApp>, code: &str) -> ZoneId {
    ws(h).doc.data.atlas.unit_by_code(code).expect(code)
}

fn team(h: &Harness<'_, GebiedsApp>, id: &str) -> TeamId {
    ws(h).doc.scenario.team_by_id(id).expect(id)
}

fn zones_of(h: &Harness<'_, GebiedsApp>, t: TeamId) -> usize {
    ws(h).doc.metrics.teams[t].units.len()
}

fn label_pos(h: &Harness<'_, GebiedsApp>, u: ZoneId) -> Pos2 {
    h.state()
        .layout()
        .unit_screen_pos(ws(h), u)
        .expect("the map was drawn")
}

use common::{click_at as click, drag_through as drag_to};

#[test]
fn dragging_a_zone_onto_a_team_in_the_list_moves_it() {
    let mut h = harness();
    let zone = unit(&h, "elz44"); // Schelde en Leie
    let from_team = team(&h, "samen1plan-gent");
    let to_team = team(&h, "trawant");
    let (a, b) = (zones_of(&h, from_team), zones_of(&h, to_team));
    let p = label_pos(&h, zone);
    click(&mut h, p);
    assert_eq!(
        ws(&h).selection.zones(),
        vec![zone],
        "a click selects the zone"
    );

    let row = h.get_by_label("Trawant").rect();
    let target = row.center();
    drag_to(&mut h, p, target);
    // The preview breaks a rule (Trawant in two parts), yet the list does not move under the
    // pointer: the row aimed at is still there and is the drop target.
    let during = h.get_by_label("Trawant").rect();
    assert_eq!(
        during.min.y, row.min.y,
        "the team list moved during the drag"
    );
    assert_eq!(
        ws(&h).drag.as_ref().and_then(|d| d.target),
        Some(DropTarget::Team(Some(to_team)))
    );
    // Before the drop: the preview marks the two teams and shows their new numbers.
    assert_eq!(h.query_all_by_label("voorbeeld").count(), 2);
    assert_eq!(ws(&h).shown_metrics().teams[to_team].units.len(), b + 1);
    assert_eq!(zones_of(&h, to_team), b, "nothing changes before the drop");
    h.drop_at(target);
    h.run_steps(2);

    assert_eq!(zones_of(&h, from_team), a - 1);
    assert_eq!(zones_of(&h, to_team), b + 1);
    assert_eq!(ws(&h).doc.scenario.unit_team[zone], Some(to_team));
    assert!(ws(&h).history.can_undo(), "one drag is one step");
    assert_eq!(ws(&h).history.len(), 1);
}

#[test]
fn a_press_on_a_window_over_the_map_does_not_drag_the_zone_under_it() {
    let mut h = harness();
    let trawant = team(&h, "trawant");
    // Where the layers window opens, with the map in its first view.
    h.state_mut().push(Command::ShowLayers(true));
    h.run_steps(3);
    let window = h.get_by_label("Lagen").rect();
    h.state_mut().push(Command::ShowLayers(false));
    h.run_steps(3);
    let atlas = &ws(&h).doc.data.atlas;
    let q = (1..20)
        .flat_map(|i| (1..20).map(move |j| (i, j)))
        .map(|(i, j)| window.lerp_inside(egui::vec2(i as f32 / 20.0, j as f32 / 20.0)))
        .find(|p| {
            h.state().layout().cell_at(ws(&h), *p).is_some_and(|c| {
                let z = atlas.cells[c].unit;
                ws(&h).doc.scenario.unit_team[z].is_some_and(|t| t != trawant)
            })
        })
        .expect("the layers window opens over a zone of another team");
    // Select that zone with a click on the open map, then open the window over it.
    click(&mut h, q);
    let cell = h.state().layout().cell_at(ws(&h), q).expect("a cell");
    assert!(ws(&h).selection.covers_cell(&ws(&h).doc.data.atlas, cell));
    h.state_mut().push(Command::ShowLayers(true));
    h.run_steps(3);
    assert!(h.get_by_label("Lagen").rect().contains(q));
    let before = ws(&h).doc.scenario.clone();
    let under_q = h.state().layout().to_merc(ws(&h), q);
    let target = h.get_by_label("Trawant").rect().center();
    drag_to(&mut h, q, target);
    assert!(
        ws(&h).drag.is_none(),
        "the press is for the window, not the zone"
    );
    h.drop_at(target);
    h.run_steps(2);
    assert_eq!(ws(&h).doc.scenario, before);
    assert_eq!(
        h.state().layout().to_merc(ws(&h), q),
        under_q,
        "nor does the map pan under the window"
    );
}

#[test]
fn escape_cancels_a_drag() {
    let mut h = harness();
    let zone = unit(&h, "elz44");
    let before = ws(&h).doc.scenario.clone();
    let p = label_pos(&h, zone);
    click(&mut h, p);
    let target = h.get_by_label("Trawant").rect().center();
    drag_to(&mut h, p, target);
    assert!(ws(&h).preview.is_some());
    h.key_press(Key::Escape);
    h.run_steps(1);
    h.drop_at(target);
    h.run_steps(2);
    assert_eq!(ws(&h).doc.scenario, before);
    assert!(ws(&h).preview.is_none());
    assert!(!ws(&h).history.can_undo());
}

#[test]
fn releasing_outside_any_target_changes_nothing() {
    let mut h = harness();
    let zone = unit(&h, "elz44");
    let before = ws(&h).doc.scenario.clone();
    let p = label_pos(&h, zone);
    click(&mut h, p);
    // The top-left corner of the map is the North Sea: no zone there.
    let sea = h.state().layout().map_rect.expect("map").min + egui::vec2(20.0, 20.0);
    drag_to(&mut h, p, sea);
    h.drop_at(sea);
    h.run_steps(2);
    assert_eq!(ws(&h).doc.scenario, before);
}

/// A zone whose team falls apart without it, and a zone of another team next to it.
fn cut_candidate(w: &Workspace) -> (ZoneId, ZoneId, TeamId) {
    use gebiedsplanner::model::metrics::compute;
    let s = &w.doc;
    for (u, t) in s.scenario.unit_team.iter_enumerated() {
        let Some(t) = *t else { continue };
        for &n in &s.data.atlas.unit_neighbours[u] {
            let Some(other) = s.scenario.unit_team[n] else {
                continue;
            };
            if other == t {
                continue;
            }
            let mut sc = s.scenario.clone();
            sc.unit_team[u] = Some(other);
            let m = compute(&s.data.atlas, &sc, &s.data.rules);
            if !m.teams[t].is_contiguous() && m.teams[other].is_contiguous() {
                return (u, n, t);
            }
        }
    }
    panic!("no zone holds its team together");
}

#[test]
fn a_move_that_cuts_a_team_is_flagged_and_undo_restores_it() {
    let mut h = harness();
    let (zone, neighbour, cut_team) = cut_candidate(ws(&h));
    h.get_by_label("Alle regels voldaan");
    let p = label_pos(&h, zone);
    click(&mut h, p);
    // Drop on the neighbouring zone: the zone takes that zone's team.
    let q = label_pos(&h, neighbour);
    drag_to(&mut h, p, q);
    h.drop_at(q);
    h.run_steps(2);
    let m = &ws(&h).doc.metrics;
    assert!(!m.teams[cut_team].is_contiguous());
    h.get_by_label("Regels niet voldaan");
    h.get_by_label("1 team niet aaneengesloten");
    h.get_by_label_contains("Toon los deel");
    assert!(
        h.query_all_by_label_contains("niet aaneengesloten (2 delen)")
            .count()
            >= 1
    );
    // The map's legend says what the red hatching means.
    h.get_by_label("los deel van een team");

    h.get_by_label("Ongedaan maken").click();
    h.run_steps(2);
    assert!(ws(&h).doc.metrics.teams[cut_team].is_contiguous());
    h.get_by_label("Alle regels voldaan");
    assert!(h.query_by_label("los deel van een team").is_none());
    // And redo with the keyboard.
    h.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, Key::Z);
    h.run_steps(2);
    assert!(!ws(&h).doc.metrics.teams[cut_team].is_contiguous());
}

#[test]
fn a_locked_team_refuses_a_move_and_says_so() {
    let mut h = harness();
    let gent_team = team(&h, "samen1plan-gent");
    h.state_mut().push(Command::Edit(Edit::SetLocked {
        team: gent_team,
        locked: true,
    }));
    h.run_steps(2);
    assert!(h.query_all_by_label_contains("[vergrendeld]").count() >= 1);
    let before = ws(&h).doc.scenario.clone();
    let zone = unit(&h, "elz44");
    let p = label_pos(&h, zone);
    click(&mut h, p);
    let target = h.get_by_label("Trawant").rect().center();
    drag_to(&mut h, p, target);
    h.drop_at(target);
    h.run_steps(2);
    assert_eq!(ws(&h).doc.scenario, before);
    assert!(
        h.query_all_by_label_contains("is vergrendeld").count() >= 1,
        "the refusal is shown"
    );
}

#[test]
fn unassigning_with_delete_breaks_coverage() {
    let mut h = harness();
    let zone = unit(&h, "elz13");
    let p = label_pos(&h, zone);
    click(&mut h, p);
    h.key_press(Key::Delete);
    h.run_steps(2);
    assert_eq!(ws(&h).doc.metrics.unassigned_units, vec![zone]);
    h.get_by_label("Regels niet voldaan");
    h.get_by_label("1 zone zonder team");
    h.get_by_label("Volgende zone zonder team").click();
    h.run_steps(2);
    assert_eq!(ws(&h).selection.zones(), vec![zone]);
}

#[test]
fn the_map_after_a_move() {
    let mut h = harness();
    let zone = unit(&h, "elz13");
    let trawant = team(&h, "trawant");
    let cell = ws(&h).doc.data.atlas.units[zone].cells[0];
    h.state_mut().push(Command::ClickCell {
        cell: Some(cell),
        add: false,
    });
    h.state_mut().push(Command::AssignSelection(Some(trawant)));
    h.run_steps(3);
    // The status bar names the data folder, which differs between machines.
    let size = h.ctx.content_rect();
    h.mask(egui::Rect::from_min_max(
        egui::pos2(0.0, size.bottom() - 26.0),
        size.max,
    ));
    h.snapshot("map_after_move");
}

/// "Beknopt" shortens each team to its name and one line of figures, so that the list of 17
/// teams takes less than half the height.
#[test]
fn the_compact_team_list_takes_less_than_half_the_height() {
    let mut h = harness();
    let height = |h: &Harness<'_, GebiedsApp>| {
        let rows = &h.state().layout().team_rows;
        let first = rows.first().expect("rows").1;
        let last = rows.last().expect("rows").1;
        last.max.y - first.min.y
    };
    let full = height(&h);
    assert!(h.query_all_by_label_contains("Eerstelijnszones (").count() > 10);
    h.get_by_label("Beknopt").click();
    h.run_steps(3);
    let compact = height(&h);
    assert!(
        compact * 2.0 < full,
        "the list is {compact} px high, was {full} px"
    );
    assert_eq!(
        h.query_all_by_label_contains("Eerstelijnszones (").count(),
        0
    );
    // Every team still shows its zones, children and budget, under a line that says which
    // figure is which.
    use egui_kittest::kittest::NodeT;
    let teams = ws(&h).doc.scenario.teams.len();
    h.get_by_label("ELZ · kinderen 0-17 · budget");
    assert!(
        h.query_all_by_label_contains(" ELZ · ")
            .filter(|n| n
                .accesskit_node()
                .value()
                .is_some_and(|v| v.contains(" · EUR\u{a0}")))
            .count()
            >= teams - 1
    );
    // Remembered for the next start.
    assert!(h.state().settings.compact_teams);
}

/// On a 1280x800 laptop the short list shows every team at once, above the selection's
/// details at the foot of the panel.
#[test]
fn the_compact_list_shows_every_team_on_a_laptop_screen() {
    let app = GebiedsApp::headless(
        Settings::default(),
        None,
        Box::new(ScriptedDialogs::default()),
    );
    let mut h = common::harness(app, egui::vec2(1280.0, 800.0));
    common::settle(&mut h);
    h.get_by_label("Beknopt").click();
    h.run_steps(3);
    let foot = h
        .get_by_label_contains("Sleep een geselecteerde zone")
        .rect()
        .min
        .y;
    let teams = ws(&h).doc.scenario.teams.len();
    let rows: Vec<egui::Rect> = h
        .state()
        .layout()
        .team_rows
        .iter()
        .filter(|(t, _)| t.is_some())
        .map(|(_, r)| *r)
        .collect();
    assert_eq!(rows.len(), teams, "a row per team");
    let last = rows.iter().map(|r| r.max.y).fold(0.0, f32::max);
    assert!(
        last <= foot,
        "the last team ends at {last}, the panel's foot starts at {foot}"
    );
}

#[test]
fn the_hint_speaks_of_municipalities_in_municipality_mode() {
    let mut h = harness();
    h.get_by_label_contains("Sleep een geselecteerde zone");
    h.get_by_label("gemeenten").click();
    h.run_steps(2);
    h.get_by_label_contains("Sleep een geselecteerde gemeente");
    assert!(
        h.query_by_label_contains("Sleep een geselecteerde zone")
            .is_none()
    );
}

#[test]
fn the_move_list_marks_the_team_the_zone_is_in_and_moves_it() {
    use egui::accesskit::Toggled;
    use egui_kittest::kittest::NodeT;
    let mut h = harness();
    let zone = unit(&h, "elz44");
    let (gent, trawant) = (team(&h, "samen1plan-gent"), team(&h, "trawant"));
    let name = |h: &Harness<'_, GebiedsApp>, t: TeamId| ws(h).doc.scenario.teams[t].name.clone();
    let (gent_name, trawant_name) = (name(&h, gent), name(&h, trawant));
    let p = label_pos(&h, zone);
    click(&mut h, p);
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::M);
    h.run_steps(2);
    h.get_by_label("Verplaats naar team");
    let toggled = |h: &Harness<'_, GebiedsApp>, label: &str| {
        h.query_all_by_role(egui::accesskit::Role::Button)
            .find(|n| n.accesskit_node().label().as_deref() == Some(label))
            .unwrap_or_else(|| panic!("no button {label} in the move list"))
            .accesskit_node()
            .toggled()
    };
    assert_eq!(
        toggled(&h, &gent_name),
        Some(Toggled::True),
        "the zone's own team is marked"
    );
    assert_eq!(toggled(&h, &trawant_name), Some(Toggled::False));
    h.query_all_by_role(egui::accesskit::Role::Button)
        .find(|n| n.accesskit_node().label().as_deref() == Some(trawant_name.as_str()))
        .expect("Trawant in the move list")
        .click();
    h.run_steps(2);
    assert_eq!(ws(&h).doc.scenario.unit_team[zone], Some(trawant));
}

/// Selecting a zone shows its details at the foot of the panel: the rules and the team list
/// (drop targets) stay where they were, so a drag started right after the click lands on the
/// team the planner aimed at.
#[test]
fn selecting_a_zone_leaves_the_team_list_in_place() {
    let mut h = harness();
    let trawant = h.get_by_label("Trawant").rect();
    let new_team = h.get_by_label("+ Nieuw team").rect();
    let p = label_pos(&h, unit(&h, "elz44"));
    click(&mut h, p);
    h.get_by_label("Geselecteerd");
    assert_eq!(h.get_by_label("Trawant").rect(), trawant);
    assert_eq!(h.get_by_label("+ Nieuw team").rect(), new_team);
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert_eq!(h.get_by_label("Trawant").rect(), trawant);
}

/// Several selected zones are described together: how many, which, their teams and their
/// inhabitants added up.
#[test]
fn a_selection_of_several_zones_shows_their_totals() {
    let mut h = harness();
    let (a, b) = (unit(&h, "elz44"), unit(&h, "elz13"));
    let p = label_pos(&h, a);
    click(&mut h, p);
    // A shift-click on the second zone adds it.
    let cell = ws(&h).doc.data.atlas.units[b].cells[0];
    h.state_mut()
        .workspace_mut()
        .expect("ws")
        .click_cell(Some(cell), true);
    h.run_steps(2);
    h.get_by_label("Selectie (2)");
    h.get_by_label("2 eerstelijnszones");
    let atlas = &ws(&h).doc.data.atlas;
    let total = atlas.unit_population(a).0.expect("a") + atlas.unit_population(b).0.expect("b");
    let text = gebiedsplanner::i18n::int(total);
    assert!(
        h.query_all_by_label_contains(&text).count() >= 1,
        "the inhabitants of both zones together ({text}) are shown"
    );
}

/// Shared out by children, Brussels (children unknown) gets an estimated amount; the team list
/// says so next to the amount, not only in a note at the end of the list.
#[test]
fn the_brussels_budget_by_children_is_marked_as_an_estimate() {
    use egui_kittest::kittest::NodeT;
    let mut h = harness();
    let estimated = |h: &Harness<'_, GebiedsApp>| {
        h.query_all_by_label_contains("onbekend · EUR")
            .filter(|n| {
                // A text label keeps its text as the node's value.
                n.accesskit_node()
                    .value()
                    .is_some_and(|l| l.contains("(schatting)"))
            })
            .count()
    };
    assert_eq!(estimated(&h), 0, "with a flat budget nothing is estimated");
    h.get_by_label("naar kinderen").click();
    h.run_steps(2);
    assert_eq!(estimated(&h), 1, "the Brussels team's amount is marked");
}

/// What a team gains and loses against the 2020 teams is said in words.
#[test]
fn the_change_against_2020_says_what_is_gained_and_lost() {
    let mut h = harness();
    h.get_by_label("teams 2020").click();
    h.run_steps(2);
    let w = ws(&h);
    let c = w
        .comparison
        .teams
        .iter()
        .find(|c| c.municipalities_gained + c.municipalities_lost > 0)
        .expect("a team that differs from 2020");
    let shown = |text: String| {
        assert!(
            h.query_all_by_label(&text).count() >= 1,
            "'{text}' is not in the team list"
        );
    };
    shown(format!(
        "gemeenten: {} erbij, {} weg ·",
        c.municipalities_gained, c.municipalities_lost
    ));
    shown(format!(
        "kinderen 0-17: {} erbij, {} weg ·",
        gebiedsplanner::i18n::int(c.children_gained),
        gebiedsplanner::i18n::int(c.children_lost)
    ));
    shown("t.o.v. teams 2020:".to_string());
}

/// A new team is added at the end of the list; the list scrolls to it and its name is ready to
/// be typed over.
#[test]
fn a_new_team_comes_into_view_with_its_name_to_type() {
    let mut h = harness();
    let teams = ws(&h).doc.scenario.teams.len();
    h.get_by_label("+ Nieuw team").click();
    h.run_steps(6);
    assert_eq!(ws(&h).doc.scenario.teams.len(), teams + 1);
    let name = format!("Nieuw team {}", teams + 1);
    let field = h
        .query_all_by_role(egui::accesskit::Role::TextInput)
        .find(|n| {
            use egui_kittest::kittest::NodeT;
            n.accesskit_node().value().as_deref() == Some(name.as_str())
        })
        .expect("the new team's name is being edited");
    let screen = h.ctx.content_rect();
    let r = field.rect();
    assert!(
        r.top() > 0.0 && r.bottom() < screen.bottom() - 150.0,
        "the new team ({r:?}) is out of view in a {screen:?} window"
    );
}

/// A click on a team's name in the list (the first, in view) zooms the map to that team's area
/// and selects it.
#[test]
fn clicking_a_team_name_zooms_to_its_area() {
    let mut h = harness();
    let w = ws(&h);
    let team = w
        .doc
        .scenario
        .teams
        .position(|t| t.name == "RTJ Stad Antwerpen")
        .expect("the team");
    let atlas = &w.doc.data.atlas;
    let area = atlas
        .cells
        .keys()
        .filter(|&c| w.doc.cell_team[c] == Some(team))
        .fold(gebiedsplanner::model::geom::BBox::EMPTY, |b, c| {
            b.union(atlas.cells[c].bbox)
        });
    let before = h.state().layout().shown_bbox(w).expect("a view");
    let name = h.get_by_label("RTJ Stad Antwerpen").rect().center();
    click(&mut h, name);
    h.run_steps(5);
    let after = h.state().layout().shown_bbox(ws(&h)).expect("a view");
    let centre = [
        0.5 * (after.min[0] + after.max[0]),
        0.5 * (after.min[1] + after.max[1]),
    ];
    assert!(
        area.contains(centre),
        "the view's centre {centre:?} is not in the team's area {area:?}; shown {after:?}, before {before:?}"
    );
    assert!(after.width() < 0.5 * before.width(), "zoomed in");
    assert!(
        !ws(&h).selection.is_empty(),
        "the team's zones are selected"
    );
}

/// Dragging a zone to the foot of the team list scrolls the list, so that a team below the
/// visible rows can be reached.
#[test]
fn dragging_near_the_foot_of_the_team_list_scrolls_it() {
    let mut h = harness();
    let zone = unit(&h, "elz44");
    let p = label_pos(&h, zone);
    click(&mut h, p);
    let first_row = |h: &Harness<'_, GebiedsApp>| h.state().layout().team_rows[0].1.min.y;
    let before = first_row(&h);
    let foot = h.get_by_label_contains("Geselecteerd").rect().min.y;
    let list_x = h.get_by_label("Trawant").rect().center().x;
    drag_to(&mut h, p, Pos2::new(list_x, foot - 12.0));
    h.run_steps(20);
    let during = first_row(&h);
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(
        during < before - 20.0,
        "the list did not scroll: its first row went from {before} to {during}"
    );
}
