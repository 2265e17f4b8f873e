//! The domain model: no UI, no file access. Everything here is fast and unit-tested.

pub mod atlas;
pub mod colour;
pub mod defaults;
pub mod geom;
pub mod metrics;
pub mod scenario;
pub mod seeds;
pub mod topology;
