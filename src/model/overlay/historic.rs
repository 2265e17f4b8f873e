//! The historic 2020 work areas of the 15 samenwerkingsverbanden, as an overlay: per team its
//! cells, its outline (atlas arcs whose two sides differ in historic team), a label point,
//! and what the sources say about it.

use std::collections::BTreeSet;

use crate::model::atlas::Atlas;
use crate::model::geom::{self, BBox, Merc};
use crate::model::ids::{CellId, MunicipalityId, TeamId, TiVec};
use crate::model::scenario::{AreaStatus, Scenario};
use crate::model::seeds::Seeds;

#[derive(Clone, Debug)]
pub struct HistoricTeam {
    /// Index of the team in the historic scenario.
    pub team: TeamId,
    pub id: String,
    pub name: String,
    pub colour: [u8; 3],
    /// IROJ region ("Antwerpen", ..., "Brussel").
    pub iroj: String,
    /// Atlas cells in the team's 2020 area.
    pub cells: Vec<CellId>,
    /// Atlas municipalities in the area.
    pub municipalities: Vec<MunicipalityId>,
    /// The cells whose assignment is an estimate rather than named by a source.
    pub estimated_cells: Vec<CellId>,
    /// Indices into `atlas.topology.arcs` (and `MapGeometry::arcs`) of the team's border.
    pub outline: Vec<usize>,
    /// A point well inside the main part of the area (Mercator).
    pub label: Merc,
    pub bbox: BBox,
    /// Number of subsidised partners (Samenstelling, vraag 1).
    pub partners: Option<u32>,
    /// Whether the whole area is named by a source, part of it, or only estimated.
    pub status: AreaStatus,
    /// What the sources say about the area (seeds/teams.csv `area_note`).
    pub area_note: String,
    /// Where the facts come from (seeds/teams.csv `source`).
    pub source: String,
}

#[derive(Clone, Debug, Default)]
pub struct HistoricLayer {
    pub teams: TiVec<TeamId, HistoricTeam>,
    /// Every outline arc once (indices into `atlas.topology.arcs`), for drawing all teams.
    pub outline: Vec<usize>,
    /// For each arc of `outline`: a team on either side has an estimated area (drawn dashed).
    pub outline_estimated: Vec<bool>,
    /// Cells that no team served in 2020.
    pub uncovered_cells: Vec<CellId>,
}

impl HistoricLayer {
    /// The historic team whose area contains a Mercator point.
    pub fn team_at(&self, atlas: &Atlas, p: Merc) -> Option<TeamId> {
        let cell = atlas.cell_at(p)?;
        self.teams.position(|t| t.cells.contains(&cell))
    }
}

/// Build the overlay of the historic scenario (`session.historic`), with the facts of
/// `seeds` (`session.seeds`).
pub fn historic_layer(atlas: &Atlas, historic: &Scenario, seeds: &Seeds) -> HistoricLayer {
    let cell_team = historic.cell_teams(atlas);
    let n = historic.teams.len();
    let team = |t: Option<TeamId>| t.map(TeamId::index).filter(|&t| t < n);
    let mut cells: Vec<Vec<CellId>> = vec![Vec::new(); n];
    let mut uncovered_cells = Vec::new();
    for (c, t) in cell_team.iter_enumerated() {
        match team(*t) {
            Some(t) => cells[t].push(c),
            None => uncovered_cells.push(c),
        }
    }

    // Outline arcs, and the border segments of each team for its label.
    let mut outline_of: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut segments: Vec<Vec<(Merc, Merc)>> = vec![Vec::new(); n];
    let mut outline = Vec::new();
    for (ai, arc) in atlas.topology.arcs.iter().enumerate() {
        let lt = cell_team[CellId::from(arc.left)];
        let rt = arc.right.and_then(|r| cell_team[CellId::from(r)]);
        if lt == rt {
            continue;
        }
        outline.push(ai);
        let pts: Vec<Merc> = arc
            .points
            .iter()
            .map(|p| geom::to_merc(p[0], p[1]))
            .collect();
        for t in [team(lt), team(rt)].into_iter().flatten() {
            outline_of[t].push(ai);
            segments[t].extend(pts.windows(2).map(|w| (w[0], w[1])));
        }
    }

    // A cell's assignment counts as sourced when a source names one of its 2019-2024
    // municipalities for this team (seed rows with status `sourced`); otherwise it is an
    // estimate.
    let sourced: BTreeSet<(&str, &str)> = seeds
        .historic
        .iter()
        .filter(|a| a.status == AreaStatus::Sourced)
        .map(|a| (a.code.as_str(), a.team_id.as_str()))
        .collect();

    let teams: Vec<HistoricTeam> = historic
        .teams
        .iter_enumerated()
        .map(|(ti, team)| {
            let my_cells = std::mem::take(&mut cells[ti.index()]);
            let mut municipalities: Vec<MunicipalityId> =
                my_cells.iter().map(|&c| atlas.cells[c].muni).collect();
            municipalities.sort_unstable();
            municipalities.dedup();
            let estimated_cells = my_cells
                .iter()
                .copied()
                .filter(|&c| {
                    let m = &atlas.municipalities[atlas.cells[c].muni];
                    !m.predecessors
                        .iter()
                        .any(|(code, _)| sourced.contains(&(code.as_str(), team.id.as_str())))
                })
                .collect();
            let bbox = my_cells
                .iter()
                .fold(BBox::EMPTY, |b, &c| b.union(atlas.cells[c].bbox));
            let label = team_label(atlas, &my_cells, &segments[ti.index()], bbox);
            let seed = seeds.team(&team.id);
            HistoricTeam {
                team: ti,
                id: team.id.clone(),
                name: team.name.clone(),
                colour: team.colour,
                iroj: team.iroj.clone(),
                municipalities,
                estimated_cells,
                outline: std::mem::take(&mut outline_of[ti.index()]),
                label,
                bbox,
                partners: team.partners,
                status: team.area_status,
                area_note: seed.map(|s| s.area_note.clone()).unwrap_or_default(),
                source: seed.map(|s| s.source.clone()).unwrap_or_default(),
                cells: my_cells,
            }
        })
        .collect();
    let estimated: std::collections::HashSet<usize> = teams
        .iter()
        .filter(|t| t.status != AreaStatus::Sourced)
        .flat_map(|t| t.outline.iter().copied())
        .collect();
    let outline_estimated = outline.iter().map(|a| estimated.contains(a)).collect();
    HistoricLayer {
        teams: teams.into(),
        outline,
        outline_estimated,
        uncovered_cells,
    }
}

/// The label point of a team: the pole of inaccessibility of the team's area around its
/// largest polygon, measured against the team's own border (as the zone labels are).
fn team_label(atlas: &Atlas, cells: &[CellId], segs: &[(Merc, Merc)], bbox: BBox) -> Merc {
    let polys = || cells.iter().flat_map(|&c| atlas.cells[c].merc.iter());
    let Some(main) = polys().max_by(|a, b| a.area().total_cmp(&b.area())) else {
        return bbox.center();
    };
    let main_box = main.bbox();
    let search = polys()
        .map(super::super::geom::MercPolygon::bbox)
        .filter(|b| b.intersects(&main_box))
        .fold(main_box, super::super::geom::BBox::union);
    let inside = |p: Merc| {
        cells.iter().any(|&c| {
            let cell = &atlas.cells[c];
            cell.bbox.contains(p) && cell.merc.iter().any(|m| m.contains(p))
        })
    };
    let p = geom::pole_of_inaccessibility_with(search, inside, |p| {
        segs.iter()
            .map(|&(a, b)| geom::seg_distance(p, a, b))
            .fold(f64::INFINITY, f64::min)
    });
    if inside(p) {
        p
    } else {
        geom::pole_of_inaccessibility(main)
    }
}
