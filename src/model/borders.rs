//! Team outlines without any polygon union: a team border is every arc of the shared-edge
//! topology whose two sides belong to different teams (or that has nothing on the other side).
//! One linear pass over the arcs.

use super::atlas::Atlas;
use super::ids::{CellId, TeamId, TiSlice};

/// Does the arc with these sides separate two teams?
#[inline]
pub fn separates_teams(
    left: u32,
    right: Option<u32>,
    cell_team: &TiSlice<CellId, Option<TeamId>>,
) -> bool {
    match right {
        None => true,
        Some(r) => cell_team[CellId::from(left)] != cell_team[CellId::from(r)],
    }
}

/// The arcs (indices into `atlas.topology.arcs`) that outline the teams, given the team of
/// every cell.
pub fn team_border_arcs(atlas: &Atlas, cell_team: &TiSlice<CellId, Option<TeamId>>) -> Vec<u32> {
    atlas
        .topology
        .arcs
        .iter()
        .enumerate()
        .filter(|(_, a)| separates_teams(a.left, a.right, cell_team))
        .map(|(i, _)| i as u32)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::synthetic;

    #[test]
    fn two_teams_on_a_grid_are_outlined_by_the_line_between_them() {
        let (atlas, scenario) = synthetic::grid(4, 2, 2, 2);
        let cell_team = scenario.cell_teams(&atlas);
        let arcs = team_border_arcs(&atlas, &cell_team);
        // 4x2 cells, two zones of 2x2, one per team: 12 outer edges and the 2 edges between
        // the teams.
        let inner = arcs
            .iter()
            .filter(|&&a| atlas.topology.arcs[a as usize].right.is_some())
            .count();
        assert_eq!(inner, 2);
        let outer = arcs.len() - inner;
        assert!(outer >= 4, "{outer} outer arcs");
    }
}
