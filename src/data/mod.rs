//! Reading the data files and finding where they come from. Every error names the file, the
//! place in it and what is wrong; nothing here panics on bad input.

pub mod assignment_csv;
pub mod atomic;
pub mod discovery;
pub mod error;
pub mod geojson_read;
pub mod indicator;
pub mod indicator_record;
pub mod input;
pub mod json;
pub mod load;
pub mod overlays;
pub mod progress;
pub mod recovery;
pub mod reference;
pub mod reference_shp;
pub mod scenario_file;
pub mod source;
pub mod table;

pub use discovery::{Discovery, RequiredFile, discover, required_files};
pub use error::DataError;
pub use load::load_atlas;
pub use source::DataSource;
