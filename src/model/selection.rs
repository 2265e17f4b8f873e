//! What the planner has selected: whole zones or single municipalities, never a mix, so
//! that the edit it leads to is never ambiguous.

use std::collections::BTreeSet;

use super::atlas::Atlas;
use super::edit::Edit;
use super::ids::{CellId, MunicipalityId, TeamId, ZoneId};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selection {
    Zones(BTreeSet<ZoneId>),
    Municipalities(BTreeSet<MunicipalityId>),
}

impl Default for Selection {
    fn default() -> Self {
        Selection::Zones(BTreeSet::new())
    }
}

impl Selection {
    /// Nothing selected, of the same kind.
    pub fn cleared(&self) -> Selection {
        match self {
            Selection::Zones(_) => Selection::Zones(BTreeSet::new()),
            Selection::Municipalities(_) => Selection::Municipalities(BTreeSet::new()),
        }
    }

    pub fn clear(&mut self) {
        *self = self.cleared();
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn len(&self) -> usize {
        match self {
            Selection::Zones(z) => z.len(),
            Selection::Municipalities(m) => m.len(),
        }
    }

    /// The zones selected (empty when municipalities are).
    pub fn zones(&self) -> Vec<ZoneId> {
        match self {
            Selection::Zones(z) => z.iter().copied().collect(),
            Selection::Municipalities(_) => Vec::new(),
        }
    }

    /// The municipalities selected (empty when zones are).
    pub fn municipalities(&self) -> Vec<MunicipalityId> {
        match self {
            Selection::Municipalities(m) => m.iter().copied().collect(),
            Selection::Zones(_) => Vec::new(),
        }
    }

    /// The cells covered.
    pub fn cells(&self, atlas: &Atlas) -> Vec<CellId> {
        match self {
            Selection::Zones(z) => z
                .iter()
                .flat_map(|u| atlas.units[*u].cells.iter().copied())
                .collect(),
            Selection::Municipalities(m) => m
                .iter()
                .flat_map(|m| atlas.municipalities[*m].cells.iter().copied())
                .collect(),
        }
    }

    /// Whether the zone or municipality of `cell` (as the kind says) is selected.
    pub fn covers_cell(&self, atlas: &Atlas, cell: CellId) -> bool {
        let c = &atlas.cells[cell];
        match self {
            Selection::Zones(z) => z.contains(&c.unit),
            Selection::Municipalities(m) => m.contains(&c.muni),
        }
    }

    /// Add the zone or municipality of `cell`; `toggle` removes it when it was selected.
    pub fn add_cell(&mut self, atlas: &Atlas, cell: CellId, toggle: bool) {
        let c = &atlas.cells[cell];
        match self {
            Selection::Zones(z) => {
                if !z.insert(c.unit) && toggle {
                    z.remove(&c.unit);
                }
            }
            Selection::Municipalities(m) => {
                if !m.insert(c.muni) && toggle {
                    m.remove(&c.muni);
                }
            }
        }
    }

    /// The first zone of the selection (the zone of the first municipality).
    pub fn first_zone(&self, atlas: &Atlas) -> Option<ZoneId> {
        match self {
            Selection::Zones(z) => z.iter().next().copied(),
            Selection::Municipalities(m) => {
                let m = m.iter().next()?;
                let cell = *atlas.municipalities[*m].cells.first()?;
                Some(atlas.cells[cell].unit)
            }
        }
    }

    /// A selection of the same kind holding the zones (or municipalities, as the kind says)
    /// of `cells`.
    pub fn of_cells(&self, atlas: &Atlas, cells: impl IntoIterator<Item = CellId>) -> Selection {
        let mut s = self.cleared();
        for c in cells {
            s.add_cell(atlas, c, false);
        }
        s
    }

    /// One zone.
    pub fn zone(zone: ZoneId) -> Selection {
        Selection::Zones([zone].into_iter().collect())
    }

    /// The names of what is selected, in the atlas's order.
    pub fn names<'a>(&self, atlas: &'a Atlas) -> Vec<&'a str> {
        match self {
            Selection::Zones(z) => z.iter().map(|u| atlas.units[*u].name.as_str()).collect(),
            Selection::Municipalities(m) => m
                .iter()
                .map(|m| atlas.municipalities[*m].name.as_str())
                .collect(),
        }
    }

    /// The edit that gives the selection to `team` (None: no team).
    pub fn edit(&self, team: Option<TeamId>) -> Edit {
        match self {
            Selection::Zones(z) => Edit::AssignUnits {
                units: z.iter().copied().collect(),
                team,
            },
            Selection::Municipalities(m) => Edit::AssignMunicipalities {
                municipalities: m.iter().copied().collect(),
                team,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::synthetic;

    #[test]
    fn a_selection_of_zones_gives_a_zone_edit_and_toggles() {
        let (atlas, _) = synthetic::grid(6, 4, 3, 2);
        let mut s = Selection::default();
        s.add_cell(&atlas, CellId(0), true);
        let zone = atlas.cells[CellId(0)].unit;
        assert_eq!(s.zones(), vec![zone]);
        assert!(s.covers_cell(&atlas, CellId(0)));
        assert!(matches!(s.edit(Some(TeamId(1))), Edit::AssignUnits { .. }));
        s.add_cell(&atlas, CellId(0), true);
        assert!(s.is_empty(), "a second click with shift takes it out again");
        let mut m = Selection::Municipalities(BTreeSet::new());
        m.add_cell(&atlas, CellId(0), false);
        m.add_cell(&atlas, CellId(0), false);
        assert_eq!(m.len(), 1, "without toggling, adding twice keeps it");
        assert!(s.municipalities().is_empty() && m.zones().is_empty());
        assert!(matches!(m.edit(None), Edit::AssignMunicipalities { .. }));
        assert_eq!(m.cleared(), Selection::Municipalities(BTreeSet::new()));
    }
}
