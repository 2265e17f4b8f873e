//! The editor brings only the teams touched by a change up to date; the result must be the
//! same as recomputing everything. Random moves on the real data check that.

use crate::common;

use gebiedsplanner::editor::Workspace;
use gebiedsplanner::i18n::Lang;
use gebiedsplanner::map::layers::Layers;
use gebiedsplanner::model::atlas::Edition;
use gebiedsplanner::model::borders::team_border_arcs;
use gebiedsplanner::model::compare::compare;
use gebiedsplanner::model::edit::Edit;
use gebiedsplanner::model::metrics::compute;
use gebiedsplanner::session::Session;

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
    let s = common::session(Edition::M2025);
    let session = Session::with_atlas(&s.data, s.atlas.clone(), s.seeds.clone());
    Workspace::new(session, &Layers::default())
}

#[test]
fn random_moves_undo_and_redo_keep_the_numbers_of_a_full_recompute() {
    let mut w = workspace();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let nunits = w.session.atlas.units.len();
    let nmunis = w.session.atlas.municipalities.len();
    let mut broke_a_rule = false;
    for step in 0..120 {
        let nteams = w.session.scenario.teams.len();
        let team = match rng.below(nteams + 1) {
            t if t == nteams => None,
            t => Some(t),
        };
        let edit = match rng.below(6) {
            0 => Edit::AssignMunicipalities {
                municipalities: vec![rng.below(nmunis), rng.below(nmunis)],
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
                units: vec![rng.below(nunits)],
                team,
            },
        };
        let _ = w.apply(edit, Lang::En);
        check(&w, step);
        broke_a_rule |= !w.session.metrics.all_rules_hold();
    }
    assert!(
        broke_a_rule,
        "the random moves should break a rule somewhere"
    );
}

fn check(w: &Workspace, step: usize) {
    let s = &w.session;
    let full = compute(&s.atlas, &s.scenario, &s.rules);
    assert_eq!(s.metrics, full, "metrics after step {step}");
    assert_eq!(s.cell_team, s.scenario.cell_teams(&s.atlas), "step {step}");
    assert_eq!(
        w.team_arcs,
        team_border_arcs(&s.atlas, &s.scenario.cell_teams(&s.atlas)),
        "team outlines after step {step}"
    );
    assert_eq!(
        w.comparison,
        compare(&s.atlas, &s.scenario, &s.historic),
        "comparison after step {step}"
    );
}

#[test]
fn a_preview_shows_the_numbers_the_move_will_have() {
    let mut w = workspace();
    let atlas = &w.session.atlas;
    let zone = atlas.unit_by_code("elz44").expect("Schelde en Leie");
    let trawant = w.session.scenario.team_by_id("trawant").expect("trawant");
    let edit = Edit::AssignUnits {
        units: vec![zone],
        team: Some(trawant),
    };
    w.set_preview(Some(edit.clone())).expect("preview");
    let preview = w.preview.as_ref().expect("a preview").metrics.clone();
    w.apply(edit, Lang::En).expect("move");
    assert_eq!(preview, w.session.metrics);
}
