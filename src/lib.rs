//! Gebiedsplanner: divide the eerstelijnszones of Flanders and Brussels over the
//! 1 Gezin 1 Plan teams, on a map, and see at once whether the rules hold.

pub mod app;
pub mod cli;
pub mod data;
pub mod editor;
pub mod export;
pub mod i18n;
pub mod map;
pub mod memory;
pub mod model;
pub mod overlays;
pub mod session;
pub mod ui;
