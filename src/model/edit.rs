//! Changes to a scenario. Every change the editor makes goes through `apply`, which refuses
//! what the rules of the session forbid (locked teams) and leaves the scenario as it was.

use super::atlas::Atlas;
use super::colour::{PALETTE, colour_distance};
use super::ids::{CellId, MunicipalityId, TeamId, ZoneId};
use super::region::{Region, unit_region};
use super::scenario::{AreaStatus, Scenario, Status, Team};

#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Give whole zones to a team (None: no team). Clears municipality exceptions inside them.
    AssignUnits {
        units: Vec<ZoneId>,
        team: Option<TeamId>,
    },
    /// Municipality mode: give single municipalities to a team.
    AssignMunicipalities {
        municipalities: Vec<MunicipalityId>,
        team: Option<TeamId>,
    },
    CreateTeam {
        name: String,
        colour: [u8; 3],
    },
    RenameTeam {
        team: TeamId,
        name: String,
    },
    RecolourTeam {
        team: TeamId,
        colour: [u8; 3],
    },
    /// Delete a team; its zones and municipalities get no team.
    DeleteTeam {
        team: TeamId,
    },
    SetLocked {
        team: TeamId,
        locked: bool,
    },
    /// The scenario's name, status and region.
    SetProperties {
        name: String,
        status: Option<Status>,
        region: Option<Region>,
    },
    /// A team's details: name, colour, IROJ region, subsidised partners and note.
    SetTeamDetails {
        team: TeamId,
        details: TeamDetails,
    },
}

/// What the team details window edits.
#[derive(Clone, Debug, PartialEq)]
pub struct TeamDetails {
    pub name: String,
    pub colour: [u8; 3],
    /// The IROJ region (None: not said).
    pub region: Option<Region>,
    pub partners: Option<u32>,
    pub note: String,
}

impl TeamDetails {
    pub fn of(team: &Team) -> TeamDetails {
        TeamDetails {
            name: team.name.clone(),
            colour: team.colour,
            region: Region::parse(&team.iroj),
            partners: team.partners,
            note: team.note.clone(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum EditError {
    /// A locked team would lose or gain area.
    Locked {
        team: String,
    },
    UnknownTeam(TeamId),
    /// The scenario is scoped to one IROJ region and the zone lies outside it.
    OutsideRegion {
        zone: String,
        region: Region,
    },
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
    /// The scenario's properties, with the name they give it.
    SetProperties {
        name: String,
    },
    /// A team's details, with the name they give it.
    SetTeamDetails {
        team: String,
        name: String,
    },
}

impl Edit {
    /// What the edit does, for the history list.
    pub fn label(&self, scenario: &Scenario, atlas: &Atlas) -> StepLabel {
        let team = |t: TeamId| {
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
            Edit::SetProperties { name, .. } => StepLabel::SetProperties { name: name.clone() },
            Edit::SetTeamDetails { team: t, details } => StepLabel::SetTeamDetails {
                team: team(*t),
                name: details.name.clone(),
            },
        }
    }
}

fn check_team(s: &Scenario, t: TeamId) -> Result<(), EditError> {
    if s.teams.get(t).is_some() {
        Ok(())
    } else {
        Err(EditError::UnknownTeam(t))
    }
}

fn locked(s: &Scenario, t: Option<TeamId>) -> Result<(), EditError> {
    match t.and_then(|t| s.teams.get(t)) {
        Some(team) if team.locked => Err(EditError::Locked {
            team: team.name.clone(),
        }),
        _ => Ok(()),
    }
}

/// A region-scoped scenario changes only the zones of its region.
fn inside_region(s: &Scenario, atlas: &Atlas, cell: CellId) -> Result<(), EditError> {
    let Some(region) = s.region else {
        return Ok(());
    };
    let unit = atlas.cells[cell].unit;
    if unit_region(atlas, unit) == Some(region) {
        Ok(())
    } else {
        Err(EditError::OutsideRegion {
            zone: atlas.units[unit].name.clone(),
            region,
        })
    }
}

/// The IROJ region most of a team's zones lie in (None: it has none).
pub fn region_of_zones(s: &Scenario, atlas: &Atlas, team: TeamId) -> Option<Region> {
    let mut count = [0usize; Region::ALL.len()];
    for (u, t) in s.unit_team.iter_enumerated() {
        if *t == Some(team)
            && let Some(r) = unit_region(atlas, u)
            && let Some(i) = Region::ALL.iter().position(|x| *x == r)
        {
            count[i] += 1;
        }
    }
    let (best, n) = count
        .iter()
        .enumerate()
        .max_by_key(|&(i, n)| (*n, std::cmp::Reverse(i)))?;
    (*n > 0).then(|| Region::ALL[best])
}

/// A team without an IROJ region takes the one its zones lie in, once it has zones.
fn infer_region(s: &mut Scenario, atlas: &Atlas, team: Option<TeamId>) {
    if let Some(t) = team
        && s.teams.get(t).is_some_and(|tm| tm.iroj.is_empty())
        && let Some(r) = region_of_zones(s, atlas, t)
    {
        s.teams[t].iroj = r.name().to_string();
    }
}

/// A new team id not yet in use.
fn fresh_id(s: &Scenario) -> String {
    (1..)
        .map(|n| format!("team-{n}"))
        .find(|id| s.team_by_id(id).is_none())
        .unwrap_or_default()
}

/// The colour for a new team: the one least like any team's colour, so that the new team
/// stands out wherever it is drawn. The palette comes first; when every palette colour looks
/// like one in use, a saturated colour in between is taken. Never a grey, the colour of a zone
/// without a team.
pub fn unused_colour(s: &Scenario) -> [u8; 3] {
    let nearest = |c: [u8; 3]| {
        s.teams
            .iter()
            .map(|t| colour_distance(c, t.colour))
            .fold(f32::INFINITY, f32::min)
    };
    let grey = |c: [u8; 3]| {
        let (hi, lo) = (c.iter().max(), c.iter().min());
        hi.zip(lo).is_none_or(|(hi, lo)| hi - lo < 40)
    };
    let best = |candidates: &mut dyn Iterator<Item = [u8; 3]>| {
        candidates
            .filter(|&c| !grey(c))
            .max_by(|a, b| nearest(*a).total_cmp(&nearest(*b)))
    };
    let palette = best(&mut PALETTE.iter().copied()).unwrap_or(PALETTE[0]);
    if nearest(palette) >= super::colour::SIMILAR {
        return palette;
    }
    let mut mixed = (0..36).flat_map(|h| {
        [(0.75, 0.9), (0.55, 0.7), (0.9, 0.6), (0.45, 0.95)]
            .map(|(sat, val)| hsv(h as f32 * 10.0, sat, val))
    });
    best(&mut mixed)
        .filter(|&c| nearest(c) > nearest(palette))
        .unwrap_or(palette)
}

/// A colour from hue (degrees), saturation and value (0-1).
fn hsv(h: f32, s: f32, v: f32) -> [u8; 3] {
    let c = v * s;
    let x = c * (1.0 - ((h / 60.0) % 2.0 - 1.0).abs());
    let (r, g, b) = match (h / 60.0) as u32 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    let m = v - c;
    let byte = |f: f32| ((f + m) * 255.0).round() as u8;
    [byte(r), byte(g), byte(b)]
}

/// Whether `cells` may go to `team`: the team exists, neither it nor any team that loses a
/// cell is locked, and at least one cell changes team.
fn check_move(
    s: &Scenario,
    atlas: &Atlas,
    cells: impl Iterator<Item = CellId>,
    team: Option<TeamId>,
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
            inside_region(s, atlas, c)?;
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
            infer_region(s, atlas, *team);
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
            infer_region(s, atlas, *team);
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
                note: String::new(),
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
            // The teams after the deleted one move up a place.
            let remap = |x: Option<TeamId>| match x {
                Some(x) if x == t => None,
                Some(x) if x > t => Some(TeamId(x.0 - 1)),
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
        Edit::SetProperties { .. } | Edit::SetTeamDetails { .. } => apply_details(s, edit),
    }
}

/// The edits of what a scenario or a team is called and says about itself.
fn apply_details(s: &mut Scenario, edit: &Edit) -> Result<(), EditError> {
    match edit {
        Edit::SetProperties {
            name,
            status,
            region,
        } => {
            if s.name == *name && s.status == *status && s.region == *region {
                return Err(EditError::NoChange);
            }
            s.name = name.clone();
            s.status = *status;
            s.region = *region;
            Ok(())
        }
        Edit::SetTeamDetails { team, details } => {
            check_team(s, *team)?;
            let tm = &mut s.teams[*team];
            if TeamDetails::of(tm) == *details {
                return Err(EditError::NoChange);
            }
            tm.name = details.name.clone();
            tm.colour = details.colour;
            tm.iroj = details
                .region
                .map(|r| r.name().to_string())
                .unwrap_or_default();
            tm.partners = details.partners;
            tm.note = details.note.clone();
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Does the team own any area?
pub fn team_has_area(s: &Scenario, atlas: &Atlas, team: TeamId) -> bool {
    atlas
        .cells
        .keys()
        .any(|c| s.cell_team(atlas, c) == Some(team))
}
