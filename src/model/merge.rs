//! One division of Flanders and Brussels from the proposals of the IROJ regions: each zone
//! takes its team from the proposal whose region holds it. What the proposals leave open or
//! disagree on is listed as a [`Conflict`] with its choices, never decided silently: the caller
//! picks one choice per conflict (the first one of each is "the first proposal wins").

use std::collections::{BTreeMap, BTreeSet};

use super::atlas::Atlas;
use super::ids::{MunicipalityId, TeamId, TiSlice, TiVec, ZoneId};
use super::region::{Region, unit_region};
use super::scenario::{Scenario, Team};

/// A zone or a municipality (municipality mode) that proposals disagree on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    Zone(ZoneId),
    Municipality(MunicipalityId),
}

/// What is in conflict.
#[derive(Clone, Debug, PartialEq)]
pub enum ConflictKind {
    /// Proposals whose region holds the place give it to different teams.
    Contested { place: Place },
    /// No proposal whose region holds the zone gives it a team.
    Uncovered { unit: ZoneId },
    /// A team of one proposal crosses a region border: a region proposal gives it zones outside
    /// its region as well (`outside`), or a proposal for all regions gives it zones in several.
    CrossesBorder {
        proposal: usize,
        team: String,
        regions: Vec<Region>,
        outside: Vec<ZoneId>,
    },
    /// One team id with different names or colours in the proposals that give it zones.
    TeamDiffers { team: String },
    /// Proposals of different regions give zones to the same team.
    TwoRegions { team: String, regions: Vec<Region> },
}

/// One way to settle a conflict.
#[derive(Clone, Debug, PartialEq)]
pub enum Choice {
    /// The place goes to this team (None: no team), as proposal `from` gives it (None: not
    /// proposed by any, chosen in the merge).
    Team {
        team: Option<String>,
        from: Option<usize>,
    },
    /// The team's name and colour as proposal `from` has them.
    Variant {
        from: usize,
        name: String,
        colour: [u8; 3],
    },
    /// The zones outside the proposal's region go as their own region's proposal says.
    FollowRegion,
    /// The zones outside the proposal's region go to the team, as the proposal says.
    TakeAlong,
    /// The team stays one team across the regions.
    OneTeam,
    /// A team per region: the zones outside the team's own region go to a new team.
    SplitPerRegion,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub kind: ConflictKind,
    /// The choices; the first is what `--first-wins` takes.
    pub options: Vec<Choice>,
}

/// The proposals read together: their teams, every zone's claims and the conflicts.
#[derive(Clone, Debug)]
pub struct Merge<'a> {
    atlas: &'a Atlas,
    proposals: Vec<&'a Scenario>,
    /// The merged team list, by first appearance among the proposals that give a team zones.
    pub teams: TiVec<TeamId, Team>,
    /// Per zone, the distinct teams the holding proposals give it, with the first proposal
    /// giving each.
    claims: TiVec<ZoneId, Vec<(usize, String)>>,
    /// Municipality overrides the holders agree on: municipality -> team id (None: no team).
    muni: BTreeMap<MunicipalityId, Option<String>>,
    pub conflicts: Vec<Conflict>,
}

/// Whether a proposal decides a zone: its region holds it, or it has no region.
fn holds(p: &Scenario, region: Option<Region>) -> bool {
    p.region.is_none() || p.region == region
}

fn team_id(p: &Scenario, t: Option<TeamId>) -> Option<String> {
    t.and_then(|t| p.teams.get(t)).map(|t| t.id.clone())
}

/// The team of a municipality in a proposal: its own team, else its zone's.
fn muni_team(atlas: &Atlas, p: &Scenario, m: MunicipalityId) -> Option<String> {
    match p.muni_team.get(&m) {
        Some(t) => team_id(p, *t),
        None => {
            let unit = atlas.municipalities[m]
                .cells
                .first()
                .map(|&c| atlas.cells[c].unit)?;
            team_id(p, p.unit_team.get(unit).copied().flatten())
        }
    }
}

/// The region of a municipality: that of the zone of its first cell.
fn muni_region(atlas: &Atlas, m: MunicipalityId) -> Option<Region> {
    let c = *atlas.municipalities.get(m)?.cells.first()?;
    unit_region(atlas, atlas.cells[c].unit)
}

/// A team's own region: the one its IROJ field names, else the one most of its zones lie in.
fn home_region(team: &Team, zones: &[(ZoneId, Option<Region>)]) -> Option<Region> {
    if let Some(r) = Region::parse(&team.iroj) {
        return Some(r);
    }
    let mut count: BTreeMap<Region, usize> = BTreeMap::new();
    for (_, r) in zones {
        if let Some(r) = r {
            *count.entry(*r).or_default() += 1;
        }
    }
    count.into_iter().max_by_key(|(_, n)| *n).map(|(r, _)| r)
}

impl<'a> Merge<'a> {
    /// Read the proposals together.
    pub fn new(atlas: &'a Atlas, proposals: &[&'a Scenario]) -> Merge<'a> {
        let regions: TiVec<ZoneId, Option<Region>> =
            atlas.units.keys().map(|u| unit_region(atlas, u)).collect();
        let mut m = Merge {
            atlas,
            proposals: proposals.to_vec(),
            teams: TiVec::new(),
            claims: vec![Vec::new(); atlas.units.len()].into(),
            muni: BTreeMap::new(),
            conflicts: Vec::new(),
        };
        // Which proposals give which team zones, and where.
        let mut contributed: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (u, claims) in m.claims.iter_mut_enumerated() {
            for (pi, p) in proposals.iter().enumerate() {
                if !holds(p, regions[u]) {
                    continue;
                }
                let Some(id) = team_id(p, p.unit_team.get(u).copied().flatten()) else {
                    continue;
                };
                let by = contributed.entry(id.clone()).or_default();
                if !by.contains(&pi) {
                    by.push(pi);
                }
                if !claims.iter().any(|(_, t)| *t == id) {
                    claims.push((pi, id));
                }
            }
        }
        m.collect_teams(&contributed);
        m.zone_conflicts(&regions);
        m.muni_conflicts();
        m.team_conflicts(&contributed, &regions);
        m
    }

    /// The merged team list, and the conflicts on a team's name or colour.
    fn collect_teams(&mut self, contributed: &BTreeMap<String, Vec<usize>>) {
        // By the first proposal that has the team, then its place in that proposal's list.
        let mut order: Vec<(usize, Option<TeamId>, String)> = Vec::new();
        for (id, by) in contributed {
            let first = by[0];
            let pos = self.proposals[first].team_by_id(id);
            order.push((first, pos, id.clone()));
        }
        order.sort();
        for (first, _, id) in order {
            let Some(team) = self.proposals[first]
                .team_by_id(&id)
                .map(|t| self.proposals[first].teams[t].clone())
            else {
                continue;
            };
            let mut variants: Vec<Choice> = Vec::new();
            for &pi in &contributed[&id] {
                let p = self.proposals[pi];
                let Some(t) = p.team_by_id(&id).map(|t| &p.teams[t]) else {
                    continue;
                };
                let same = variants.iter().any(|v| {
                    matches!(v, Choice::Variant { name, colour, .. }
                        if *name == t.name && *colour == t.colour)
                });
                if !same {
                    variants.push(Choice::Variant {
                        from: pi,
                        name: t.name.clone(),
                        colour: t.colour,
                    });
                }
            }
            if variants.len() > 1 {
                self.conflicts.push(Conflict {
                    kind: ConflictKind::TeamDiffers { team: id.clone() },
                    options: variants,
                });
            }
            self.teams.push(team);
        }
    }

    fn zone_conflicts(&mut self, regions: &TiSlice<ZoneId, Option<Region>>) {
        for (u, &region) in regions.iter_enumerated() {
            match self.claims[u].len() {
                1 => {}
                0 => {
                    // What the proposals that do not decide this zone give it, as suggestions.
                    let mut options: Vec<Choice> = Vec::new();
                    for (pi, p) in self.proposals.iter().enumerate() {
                        if holds(p, region) {
                            continue;
                        }
                        let team = team_id(p, p.unit_team.get(u).copied().flatten());
                        if team.is_some()
                            && !options
                                .iter()
                                .any(|o| matches!(o, Choice::Team { team: t, .. } if *t == team))
                        {
                            options.push(Choice::Team {
                                team,
                                from: Some(pi),
                            });
                        }
                    }
                    options.push(Choice::Team {
                        team: None,
                        from: None,
                    });
                    for t in &self.teams {
                        let team = Some(t.id.clone());
                        if !options
                            .iter()
                            .any(|o| matches!(o, Choice::Team { team: x, .. } if *x == team))
                        {
                            options.push(Choice::Team { team, from: None });
                        }
                    }
                    self.conflicts.push(Conflict {
                        kind: ConflictKind::Uncovered { unit: u },
                        options,
                    });
                }
                _ => self.conflicts.push(Conflict {
                    kind: ConflictKind::Contested {
                        place: Place::Zone(u),
                    },
                    options: self.claims[u]
                        .iter()
                        .map(|(pi, t)| Choice::Team {
                            team: Some(t.clone()),
                            from: Some(*pi),
                        })
                        .collect(),
                }),
            }
        }
    }

    /// Municipalities with a team of their own (municipality mode) in a proposal that decides
    /// them.
    fn muni_conflicts(&mut self) {
        let mut overridden: BTreeSet<MunicipalityId> = BTreeSet::new();
        for p in &self.proposals {
            for &m in p.muni_team.keys() {
                if holds(p, muni_region(self.atlas, m)) {
                    overridden.insert(m);
                }
            }
        }
        for m in overridden {
            let region = muni_region(self.atlas, m);
            let mut options: Vec<Choice> = Vec::new();
            for (pi, p) in self.proposals.iter().enumerate() {
                if !holds(p, region) {
                    continue;
                }
                let team = muni_team(self.atlas, p, m);
                if !options
                    .iter()
                    .any(|o| matches!(o, Choice::Team { team: t, .. } if *t == team))
                {
                    options.push(Choice::Team {
                        team,
                        from: Some(pi),
                    });
                }
            }
            if options.len() > 1 {
                self.conflicts.push(Conflict {
                    kind: ConflictKind::Contested {
                        place: Place::Municipality(m),
                    },
                    options,
                });
            } else if let Some(Choice::Team { team, .. }) = options.pop() {
                self.muni.insert(m, team);
            }
        }
    }

    fn team_conflicts(
        &mut self,
        contributed: &BTreeMap<String, Vec<usize>>,
        regions: &TiSlice<ZoneId, Option<Region>>,
    ) {
        for team in self.teams.clone() {
            let by = &contributed[&team.id];
            // Proposals of different regions that give the team zones.
            let scoped: BTreeSet<Region> = by
                .iter()
                .filter_map(|&pi| self.proposals[pi].region)
                .collect();
            if scoped.len() > 1 {
                self.conflicts.push(Conflict {
                    kind: ConflictKind::TwoRegions {
                        team: team.id.clone(),
                        regions: scoped.into_iter().collect(),
                    },
                    options: vec![Choice::OneTeam, Choice::SplitPerRegion],
                });
            }
            for &pi in by {
                let p = self.proposals[pi];
                let Some(t) = p.team_by_id(&team.id) else {
                    continue;
                };
                let zones: Vec<(ZoneId, Option<Region>)> = self
                    .atlas
                    .units
                    .keys()
                    .filter(|&u| p.unit_team[u] == Some(t))
                    .map(|u| (u, regions[u]))
                    .collect();
                let in_regions: BTreeSet<Region> = zones.iter().filter_map(|(_, r)| *r).collect();
                if in_regions.len() < 2 {
                    continue;
                }
                let (outside, options) = match p.region {
                    Some(own) => (
                        zones
                            .iter()
                            .filter(|(_, r)| *r != Some(own))
                            .map(|(u, _)| *u)
                            .collect(),
                        vec![Choice::FollowRegion, Choice::TakeAlong],
                    ),
                    None => {
                        let home = home_region(&p.teams[t], &zones);
                        (
                            zones
                                .iter()
                                .filter(|(_, r)| *r != home)
                                .map(|(u, _)| *u)
                                .collect(),
                            vec![Choice::OneTeam, Choice::SplitPerRegion],
                        )
                    }
                };
                self.conflicts.push(Conflict {
                    kind: ConflictKind::CrossesBorder {
                        proposal: pi,
                        team: team.id.clone(),
                        regions: in_regions.into_iter().collect(),
                        outside,
                    },
                    options,
                });
            }
        }
    }

    /// A team by its id: as the merge has it, else as the first proposal that lists it.
    pub fn team(&self, id: &str) -> Option<&Team> {
        self.teams.iter().find(|t| t.id == id).or_else(|| {
            self.proposals
                .iter()
                .find_map(|p| p.team_by_id(id).map(|t| &p.teams[t]))
        })
    }

    /// The index of a team in `s`, added from the proposals when the merge did not have it
    /// (a zone given to a team that no proposal for its region uses).
    fn team_in(&self, s: &mut Scenario, id: &str) -> Option<TeamId> {
        if let Some(t) = s.team_by_id(id) {
            return Some(t);
        }
        let team = self.team(id)?.clone();
        Some(s.teams.push_and_get_key(team))
    }

    /// Proposal `i`, as given.
    pub fn proposal(&self, i: usize) -> Option<&'a Scenario> {
        self.proposals.get(i).copied()
    }

    /// The choices "the first proposal wins": the first option of every conflict.
    pub fn first_wins(&self) -> Vec<usize> {
        vec![0; self.conflicts.len()]
    }

    /// The merged division with one choice (an index into its options) per conflict; a
    /// missing or unknown index takes the first option.
    pub fn resolve(&self, name: &str, picks: &[usize]) -> Scenario {
        let atlas = self.atlas;
        let mut s = Scenario::empty(atlas, name);
        s.teams = self.teams.clone();
        let pick = |i: usize| -> &Choice {
            let c = &self.conflicts[i];
            picks
                .get(i)
                .and_then(|&k| c.options.get(k))
                .unwrap_or(&c.options[0])
        };
        // Names and colours.
        for (i, c) in self.conflicts.iter().enumerate() {
            if let (ConflictKind::TeamDiffers { team }, Choice::Variant { name, colour, from }) =
                (&c.kind, pick(i))
                && let Some(t) = s.team_by_id(team)
            {
                let p = self.proposals[*from];
                if let Some(src) = p.team_by_id(team) {
                    s.teams[t] = p.teams[src].clone();
                }
                s.teams[t].name.clone_from(name);
                s.teams[t].colour = *colour;
            }
        }
        // Zones the holders agree on, then the zones chosen.
        for (u, claims) in self.claims.iter_enumerated() {
            if let [(_, id)] = claims.as_slice() {
                s.unit_team[u] = s.team_by_id(id);
            }
        }
        for (m, team) in &self.muni {
            s.muni_team
                .insert(*m, team.as_deref().and_then(|t| s.team_by_id(t)));
        }
        for (i, c) in self.conflicts.iter().enumerate() {
            let team = match pick(i) {
                Choice::Team { team, .. } => team.as_deref().and_then(|t| self.team_in(&mut s, t)),
                _ => None,
            };
            match &c.kind {
                ConflictKind::Contested {
                    place: Place::Zone(u),
                }
                | ConflictKind::Uncovered { unit: u } => s.unit_team[*u] = team,
                ConflictKind::Contested {
                    place: Place::Municipality(m),
                } => {
                    s.muni_team.insert(*m, team);
                }
                _ => {}
            }
        }
        // Zones taken along over a border, then the teams split per region.
        for (i, c) in self.conflicts.iter().enumerate() {
            if let (ConflictKind::CrossesBorder { team, outside, .. }, Choice::TakeAlong) =
                (&c.kind, pick(i))
            {
                let t = self.team_in(&mut s, team);
                for &u in outside {
                    s.unit_team[u] = t;
                }
            }
        }
        for (i, c) in self.conflicts.iter().enumerate() {
            let (ConflictKind::TwoRegions { team, .. } | ConflictKind::CrossesBorder { team, .. }) =
                &c.kind
            else {
                continue;
            };
            if *pick(i) == Choice::SplitPerRegion {
                split_per_region(atlas, &mut s, team);
            }
        }
        // A municipality's own team that equals its zone's is no exception.
        let unit_of = |m: MunicipalityId| {
            atlas.municipalities[m]
                .cells
                .first()
                .map(|&c| atlas.cells[c].unit)
        };
        let same: Vec<MunicipalityId> = s
            .muni_team
            .iter()
            .filter(|(m, t)| unit_of(**m).map(|u| s.unit_team[u]) == Some(**t))
            .map(|(m, _)| *m)
            .collect();
        for m in same {
            s.muni_team.remove(&m);
        }
        s
    }
}

/// Give a team's zones outside its own region to a new team per region, with the id
/// `<id>-<region>` and the name `<name> (<region>)`.
fn split_per_region(atlas: &Atlas, s: &mut Scenario, id: &str) {
    let Some(t) = s.team_by_id(id) else { return };
    let zones: Vec<(ZoneId, Option<Region>)> = atlas
        .units
        .keys()
        .filter(|&u| s.unit_team[u] == Some(t))
        .map(|u| (u, unit_region(atlas, u)))
        .collect();
    let home = home_region(&s.teams[t], &zones);
    for (u, r) in zones {
        let Some(r) = r.filter(|r| Some(*r) != home) else {
            continue;
        };
        let new_id = format!("{id}-{}", super::text::fold(r.name()).replace(' ', "-"));
        let nt = match s.team_by_id(&new_id) {
            Some(nt) => nt,
            None => {
                let mut team = s.teams[t].clone();
                team.id = new_id;
                team.name = format!("{} ({})", team.name, r.name());
                team.iroj = r.name().to_string();
                s.teams.push_and_get_key(team)
            }
        };
        s.unit_team[u] = Some(nt);
    }
}
