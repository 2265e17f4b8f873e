//! Exports for meetings and other tools: team areas as GeoJSON, the statistics as CSV, the
//! tables as an Excel workbook, and the map as SVG and PNG (rendered on the CPU, no window,
//! no tiles).

pub mod image;
pub mod tables;
pub mod text;
pub mod xlsx;

pub use image::{ImageOptions, Render, parse_layers, render_pdf, render_png, render_svg};
pub use tables::{stats_csv, teams_geojson};
pub use xlsx::{Baseline, tables_xlsx};
