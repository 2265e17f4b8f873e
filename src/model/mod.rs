//! The domain model: no UI, no file access. Everything here is fast and unit-tested.

pub mod atlas;
pub mod borders;
pub mod colour;
pub mod compare;
pub mod defaults;
pub mod edit;
pub mod geom;
pub mod history;
pub mod ids;
pub mod index;
pub mod indicator;
pub mod lambert72;
pub mod metrics;
pub mod optimise;
pub mod outline;
pub mod overlay;
pub mod region;
pub mod scenario;
pub mod search;
pub mod seeds;
pub mod selection;
pub mod synthetic;
pub mod text;
pub mod topology;
