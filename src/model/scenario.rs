//! Teams and scenarios: which team each zone (and, in municipality mode, each municipality)
//! belongs to.

use std::collections::BTreeMap;

use super::atlas::Atlas;
use super::ids::{CellId, MunicipalityId, TeamId, TiVec, ZoneId};
use super::region::Region;

/// Whether a team's area comes from a source or is an estimate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AreaStatus {
    Sourced,
    Partial,
    #[default]
    Estimated,
}

/// How far a proposal has come: a draft, the proposal handed in, the final division.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    Concept,
    Proposal,
    Final,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Concept, Status::Proposal, Status::Final];

    /// The word the file stores ("concept", "voorstel", "definitief").
    pub fn key(self) -> &'static str {
        match self {
            Status::Concept => "concept",
            Status::Proposal => "voorstel",
            Status::Final => "definitief",
        }
    }

    /// A status from the word a file stores (the English words are understood too).
    pub fn parse(s: &str) -> Option<Status> {
        match s.trim().to_lowercase().as_str() {
            "concept" | "draft" => Some(Status::Concept),
            "voorstel" | "proposal" => Some(Status::Proposal),
            "definitief" | "final" => Some(Status::Final),
            _ => None,
        }
    }
}

#[derive(Debug, PartialEq)]
pub struct Team {
    /// Stable identifier (used in files).
    pub id: String,
    pub name: String,
    pub colour: [u8; 3],
    /// IROJ region (a province or Brussels).
    pub iroj: String,
    pub locked: bool,
    /// Number of subsidised partners, where a source gives it.
    pub partners: Option<u32>,
    pub area_status: AreaStatus,
    /// The planner's own note on the team.
    pub note: String,
}

/// A division of the zones over teams.
#[derive(Debug, PartialEq)]
pub struct Scenario {
    pub name: String,
    pub teams: TiVec<TeamId, Team>,
    /// Team of each zone, per atlas unit.
    pub unit_team: TiVec<ZoneId, Option<TeamId>>,
    /// Municipality mode: municipalities that belong to another team than their zone.
    pub muni_team: BTreeMap<MunicipalityId, Option<TeamId>>,
    /// The IROJ region this scenario proposes a division for (None: all of Flanders and
    /// Brussels).
    pub region: Option<Region>,
    /// How far the proposal has come (None: not said).
    pub status: Option<Status>,
}

// Clone by hand for `clone_from`: the history copies the scenario into the memory of a step
// it dropped, so that a move on a full history allocates nothing for its copy. The
// destructuring makes a new field a compile error here rather than a field not copied.
impl Clone for Team {
    fn clone(&self) -> Self {
        let Team {
            id,
            name,
            colour,
            iroj,
            locked,
            partners,
            area_status,
            note,
        } = self;
        Team {
            id: id.clone(),
            name: name.clone(),
            colour: *colour,
            iroj: iroj.clone(),
            locked: *locked,
            partners: *partners,
            area_status: *area_status,
            note: note.clone(),
        }
    }

    fn clone_from(&mut self, source: &Self) {
        let Team {
            id,
            name,
            colour,
            iroj,
            locked,
            partners,
            area_status,
            note,
        } = self;
        id.clone_from(&source.id);
        name.clone_from(&source.name);
        *colour = source.colour;
        iroj.clone_from(&source.iroj);
        *locked = source.locked;
        *partners = source.partners;
        *area_status = source.area_status;
        note.clone_from(&source.note);
    }
}

impl Clone for Scenario {
    fn clone(&self) -> Self {
        let Scenario {
            name,
            teams,
            unit_team,
            muni_team,
            region,
            status,
        } = self;
        Scenario {
            name: name.clone(),
            teams: teams.clone(),
            unit_team: unit_team.clone(),
            muni_team: muni_team.clone(),
            region: *region,
            status: *status,
        }
    }

    fn clone_from(&mut self, source: &Self) {
        let Scenario {
            name,
            teams,
            unit_team,
            muni_team,
            region,
            status,
        } = self;
        name.clone_from(&source.name);
        teams.clone_from(&source.teams);
        unit_team.clone_from(&source.unit_team);
        muni_team.clone_from(&source.muni_team);
        *region = source.region;
        *status = source.status;
    }
}

impl Scenario {
    pub fn empty(atlas: &Atlas, name: &str) -> Scenario {
        Scenario {
            name: name.to_string(),
            teams: TiVec::new(),
            unit_team: vec![None; atlas.units.len()].into(),
            muni_team: BTreeMap::new(),
            region: None,
            status: None,
        }
    }

    /// The team of a cell: its municipality's own team in municipality mode, else its zone's.
    pub fn cell_team(&self, atlas: &Atlas, cell: CellId) -> Option<TeamId> {
        let c = &atlas.cells[cell];
        match self.muni_team.get(&c.muni) {
            Some(t) => *t,
            None => self.unit_team.get(c.unit).copied().flatten(),
        }
    }

    /// Team of every cell, in one pass.
    pub fn cell_teams(&self, atlas: &Atlas) -> TiVec<CellId, Option<TeamId>> {
        atlas
            .cells
            .keys()
            .map(|c| self.cell_team(atlas, c))
            .collect()
    }

    pub fn team_by_id(&self, id: &str) -> Option<TeamId> {
        self.teams.position(|t| t.id == id)
    }
}
