#![no_main]

mod common;

use std::sync::OnceLock;

use gebiedsplanner::map::MapGeometry;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    // The map the layer is drawn over, built once per process.
    static GEO: OnceLock<MapGeometry> = OnceLock::new();
    let geo = GEO.get_or_init(|| MapGeometry::build(&common::data().atlas));
    gebiedsplanner::fuzzing::reference(geo, data);
});
