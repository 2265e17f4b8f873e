//! The editor brings only the teams touched by a change up to date; the result must be the
//! same as recomputing everything. Random moves on the real data check that.

use crate::common;
use gebiedsplanner::model::ids::{MunicipalityId, TeamId, ZoneId};

use gebiedsplanner::document::Document;
use gebiedsplanner::map::layers::Layers;
use gebiedsplanner::model::atlas::Edition;
use gebiedsplanner::model::borders::team_border_arcs;
use gebiedsplanner::model::compare::compare;
use gebiedsplanner::model::edit::Edit;
use gebiedsplanner::model::metrics::compute;
use gebiedsplanner::workspace::Workspace;

/// A small deterministic random sequence.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn workspace() -> Workspace {
    let s = common::doc(Edition::M2025);
    let doc = Document::default_division(s.data.clone());
    Workspace::new(doc, &Layers::default())
}

#[test]
fn random_moves_undo_and_redo_keep_the_numbers_of_a_full_recompute() {
    let mut w = workspace();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let nunits = w.doc.data.atlas.units.len();
    let nmunis = w.doc.data.atlas.municipalities.len();
    let mut broke_a_rule = false;
    for step in 0..120 {
        let nteams = w.doc.scenario.teams.len();
        let team = match rng.below(nteams + 1) {
            t if t == nteams => None,
            t => Some(TeamId(t)),
        };
        let edit = match rng.below(6) {
            0 => Edit::AssignMunicipalities {
                municipalities: vec![
                    MunicipalityId(rng.below(nmunis)),
                    MunicipalityId(rng.below(nmunis)),
                ],
                team,
            },
            1 if w.history.can_undo() => {
                w.undo();
                check(&w, step);
                continue;
            }
            2 if w.history.can_redo() => {
                w.redo();
                check(&w, step);
                continue;
            }
            _ => Edit::AssignUnits {
                units: vec![ZoneId(rng.below(nunits))],
                team,
            },
        };
        let _ = w.apply(edit);
        check(&w, step);
        broke_a_rule |= !w.doc.metrics.all_rules_hold();
    }
    assert!(
        broke_a_rule,
        "the random moves should break a rule somewhere"
    );
}

fn check(w: &Workspace, step: usize) {
    let s = &w.doc;
    let full = compute(&s.data.atlas, &s.scenario, &s.data.rules);
    assert_eq!(s.metrics, full, "metrics after step {step}");
    assert_eq!(
        s.cell_team,
        s.scenario.cell_teams(&s.data.atlas),
        "step {step}"
    );
    assert_eq!(
        w.team_arcs,
        team_border_arcs(&s.data.atlas, &s.scenario.cell_teams(&s.data.atlas)),
        "team outlines after step {step}"
    );
    assert_eq!(
        w.comparison,
        compare(&s.data.atlas, &s.scenario, &w.baseline_division().scenario),
        "comparison after step {step}"
    );
}

#[test]
fn a_preview_shows_the_numbers_the_move_will_have() {
    let mut w = workspace();
    let atlas = &w.doc.data.atlas;
    let zone = atlas.unit_by_code("elz44").expect("Schelde en Leie");
    let trawant = w.doc.scenario.team_by_id("trawant").expect("trawant");
    let edit = Edit::AssignUnits {
        units: vec![zone],
        team: Some(trawant),
    };
    w.set_preview(Some(edit.clone())).expect("preview");
    let preview = w.preview.as_ref().expect("a preview").metrics.clone();
    w.apply(edit).expect("move");
    assert_eq!(preview, w.doc.metrics);
}
