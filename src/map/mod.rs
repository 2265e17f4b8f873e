//! Drawing the atlas on the tile map: triangulated fills, border arcs and labels.
//! Geometry is triangulated once in Mercator space; each frame only transforms it.

pub mod choropleth;
pub mod fit;
pub mod layer;
pub mod layers;
pub mod lines;
pub mod mesh;
pub mod offline_tiles;
pub mod reference_view;
pub mod tiles;
pub mod view;

pub use mesh::MapGeometry;
pub use view::{MapView, ScreenTransform};
