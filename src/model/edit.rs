//! Changes to a scenario. Every change the editor makes goes through `apply`, which refuses
//! what the rules of the session forbid (locked teams) and leaves the scenario as it was.

use super::atlas::Atlas;
use super::colour::{PALETTE, colour_distance};
use super::scenario::{AreaStatus, Scenario, Team};

#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Give whole zones to a team (None: no team). Clears municipality exceptions inside them.
    AssignUnits {
        units: Vec<usize>,
        team: Option<usize>,
    },
    /// Municipality mode: give single municipalities to a team.
    AssignMunicipalities {
        municipalities: Vec<usize>,
        team: Option<usize>,
    },
    CreateTeam {
        name: String,
        colour: [u8; 3],
    },
    RenameTeam {
        team: usize,
        name: String,
    },
    RecolourTeam {
        team: usize,
        colour: [u8; 3],
    },
    /// Delete a team; its zones and municipalities get no team.
    DeleteTeam {
        team: usize,
    },
    SetLocked {
        team: usize,
        locked: bool,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub enum EditError {
    /// A locked team would lose or gain area.
    Locked {
        team: String,
    },
    UnknownTeam(usize),
    /// Nothing would change.
    NoChange,
}

/// What one step of the history did, in the names of the scenario before it; the text for
/// the user is made in `i18n::step_label`.
#[derive(Clone, Debug, PartialEq)]
pub enum StepLabel {
    /// Zones or municipalities given to a team (None: taken from their team).
    Assign {
        names: Vec<String>,
        team: Option<String>,
    },
    CreateTeam {
        name: String,
    },
    RenameTeam {
        from: String,
        to: String,
    },
    RecolourTeam {
        team: String,
    },
    DeleteTeam {
        team: String,
    },
    SetLocked {
        team: String,
        locked: bool,
    },
    /// A division read from a file into the tab.
    Import {
        file: String,
    },
}

impl Edit {
    /// What the edit does, for the history list.
    pub fn label(&self, scenario: &Scenario, atlas: &Atlas) -> StepLabel {
        let team = |t: usize| {
            scenario
                .teams
                .get(t)
                .map(|t| t.name.clone())
                .unwrap_or_default()
        };
        match self {
            Edit::AssignUnits { units, team: t } => StepLabel::Assign {
                names: units.iter().map(|&u| atlas.units[u].name.clone()).collect(),
                team: t.map(team),
            },
            Edit::AssignMunicipalities {
                municipalities,
                team: t,
            } => StepLabel::Assign {
                names: municipalities
                    .iter()
                    .map(|&m| atlas.municipalities[m].name.clone())
                    .collect(),
                team: t.map(team),
            },
            Edit::CreateTeam { name, .. } => StepLabel::CreateTeam { name: name.clone() },
            Edit::RenameTeam { team: t, name } => StepLabel::RenameTeam {
                from: team(*t),
                to: name.clone(),
            },
            Edit::RecolourTeam { team: t, .. } => StepLabel::RecolourTeam { team: team(*t) },
            Edit::DeleteTeam { team: t } => StepLabel::DeleteTeam { team: team(*t) },
            Edit::SetLocked { team: t, locked } => StepLabel::SetLocked {
                team: team(*t),
                locked: *locked,
            },
        }
    }
}

fn check_team(s: &Scenario, t: usize) -> Result<(), EditError> {
    if t < s.teams.len() {
        Ok(())
    } else {
        Err(EditError::UnknownTeam(t))
    }
}

fn locked(s: &Scenario, t: Option<usize>) -> Result<(), EditError> {
    match t.and_then(|t| s.teams.get(t)) {
        Some(team) if team.locked => Err(EditError::Locked {
            team: team.name.clone(),
        }),
        _ => Ok(()),
    }
}

/// A new team id not yet in use.
fn fresh_id(s: &Scenario) -> String {
    (1..)
        .map(|n| format!("team-{n}"))
        .find(|id| s.team_by_id(id).is_none())
        .unwrap_or_default()
}

/// The palette colour for a new team: the one least like any team's colour, so that the new
/// team stands out wherever it is drawn.
pub fn unused_colour(s: &Scenario) -> [u8; 3] {
    let nearest = |c: [u8; 3]| {
        s.teams
            .iter()
            .map(|t| colour_distance(c, t.colour))
            .fold(f32::INFINITY, f32::min)
    };
    PALETTE
        .iter()
        .copied()
        .max_by(|a, b| nearest(*a).total_cmp(&nearest(*b)))
        .unwrap_or(PALETTE[0])
}

/// Whether `cells` may go to `team`: the team exists, neither it nor any team that loses a
/// cell is locked, and at least one cell changes team.
fn check_move(
    s: &Scenario,
    atlas: &Atlas,
    cells: impl Iterator<Item = usize>,
    team: Option<usize>,
) -> Result<(), EditError> {
    if let Some(t) = team {
        check_team(s, t)?;
    }
    locked(s, team)?;
    let mut changed = false;
    for c in cells {
        let cur = s.cell_team(atlas, c);
        if cur != team {
            locked(s, cur)?;
            changed = true;
        }
    }
    if changed {
        Ok(())
    } else {
        Err(EditError::NoChange)
    }
}

/// Apply an edit. On error the scenario is unchanged.
pub fn apply(s: &mut Scenario, atlas: &Atlas, edit: &Edit) -> Result<(), EditError> {
    match edit {
        Edit::AssignUnits { units, team } => {
            let cells = units
                .iter()
                .flat_map(|&u| atlas.units[u].cells.iter().copied());
            check_move(s, atlas, cells, *team)?;
            for &u in units {
                s.unit_team[u] = *team;
                for &m in &atlas.units[u].municipalities {
                    // The zone is whole again: drop exceptions of municipalities entirely in it.
                    if atlas.municipalities[m]
                        .cells
                        .iter()
                        .all(|&c| atlas.cells[c].unit == u || units.contains(&atlas.cells[c].unit))
                    {
                        s.muni_team.remove(&m);
                    }
                }
            }
            Ok(())
        }
        Edit::AssignMunicipalities {
            municipalities,
            team,
        } => {
            let cells = municipalities
                .iter()
                .flat_map(|&m| atlas.municipalities[m].cells.iter().copied());
            check_move(s, atlas, cells, *team)?;
            for &m in municipalities {
                // Store an exception only where it differs from the zone's team.
                let same_as_zone = atlas.municipalities[m]
                    .cells
                    .iter()
                    .all(|&c| s.unit_team[atlas.cells[c].unit] == *team);
                if same_as_zone {
                    s.muni_team.remove(&m);
                } else {
                    s.muni_team.insert(m, *team);
                }
            }
            Ok(())
        }
        Edit::CreateTeam { name, colour } => {
            let id = fresh_id(s);
            s.teams.push(Team {
                id,
                name: name.clone(),
                colour: *colour,
                iroj: String::new(),
                locked: false,
                partners: None,
                area_status: AreaStatus::Estimated,
            });
            Ok(())
        }
        Edit::RenameTeam { team, name } => {
            check_team(s, *team)?;
            if s.teams[*team].name == *name {
                return Err(EditError::NoChange);
            }
            s.teams[*team].name = name.clone();
            Ok(())
        }
        Edit::RecolourTeam { team, colour } => {
            check_team(s, *team)?;
            if s.teams[*team].colour == *colour {
                return Err(EditError::NoChange);
            }
            s.teams[*team].colour = *colour;
            Ok(())
        }
        Edit::DeleteTeam { team } => {
            check_team(s, *team)?;
            locked(s, Some(*team))?;
            let t = *team;
            s.teams.remove(t);
            let remap = |x: Option<usize>| match x {
                Some(x) if x == t => None,
                Some(x) if x > t => Some(x - 1),
                other => other,
            };
            for u in s.unit_team.iter_mut() {
                *u = remap(*u);
            }
            for v in s.muni_team.values_mut() {
                *v = remap(*v);
            }
            Ok(())
        }
        Edit::SetLocked { team, locked } => {
            check_team(s, *team)?;
            if s.teams[*team].locked == *locked {
                return Err(EditError::NoChange);
            }
            s.teams[*team].locked = *locked;
            Ok(())
        }
    }
}

/// Does the team own any area?
pub fn team_has_area(s: &Scenario, atlas: &Atlas, team: usize) -> bool {
    (0..atlas.cells.len()).any(|c| s.cell_team(atlas, c) == Some(team))
}
