//! The test suite, one binary: linking the egui and wgpu stack once instead of once per file
//! keeps the build small and quick. Each module is one area; run one with
//! `cargo test --test suite <module>::`.

mod common;

mod bad_input;
mod builtin_data;
mod cli_args;
mod cli_output;
mod commands;
mod corpus;
mod data_change;
mod desk;
mod editor_model;
mod editor_ui;
mod export_bounds;
mod files;
mod files_ui;
mod fuzz_smoke;
mod incremental;
mod indicator;
mod layers_ui;
mod loading;
mod map_layers;
mod meetings;
mod offline_tiles;
mod outline;
mod overlays;
mod proposal_ui;
mod proposals;
mod propose;
mod propose_ui;
mod real_data;
mod recovery;
mod reference_layer;
mod reference_shp;
mod save_faults;
mod scenario_rules;
mod search_ui;
mod special_files;
mod tile_faults;
mod topology;
mod ui;
mod xlsx_export;
