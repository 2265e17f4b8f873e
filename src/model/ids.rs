//! Typed indices: teams, zones, municipalities and cells are all numbered from 0, and a
//! bare number does not say which it is. Each id indexes its own kind of `TiVec` only
//! (`scenario.teams[team]`, `atlas.units[zone]`), so that a zone number cannot pick a team.

pub use typed_index_collections::{TiSlice, TiVec};

macro_rules! id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        pub struct $name(pub usize);

        impl $name {
            pub fn index(self) -> usize {
                self.0
            }
        }

        impl From<usize> for $name {
            fn from(i: usize) -> Self {
                $name(i)
            }
        }

        impl From<$name> for usize {
            fn from(id: $name) -> usize {
                id.0
            }
        }
    };
}

id!(
    /// A team: an index into `Scenario::teams`.
    TeamId
);
id!(
    /// A zone (eerstelijnszone): an index into `Atlas::units`.
    ZoneId
);
id!(
    /// A municipality: an index into `Atlas::municipalities`.
    MunicipalityId
);
id!(
    /// A cell (a municipality, or the part of one that lies in one zone): an index into
    /// `Atlas::cells`.
    CellId
);

/// The topology and the hit-test grid number cells with `u32`, to keep their arrays small.
impl From<u32> for CellId {
    fn from(i: u32) -> Self {
        CellId(i as usize)
    }
}
