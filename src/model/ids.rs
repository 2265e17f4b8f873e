//! Typed indices into the atlas: a zone and a municipality are both numbered from 0, and
//! a bare number does not say which it is.

/// A zone (eerstelijnszone): an index into `Atlas::units`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ZoneId(pub usize);

/// A municipality: an index into `Atlas::municipalities`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MunicipalityId(pub usize);

impl ZoneId {
    pub fn index(self) -> usize {
        self.0
    }
}

impl MunicipalityId {
    pub fn index(self) -> usize {
        self.0
    }
}
