#![no_main]

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let s = common::doc();
    gebiedsplanner::fuzzing::scenario(&s.data.atlas, data);
});
