#![no_main]

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let s = common::session();
    gebiedsplanner::data::fuzz::assignment(&s.atlas, &s.scenario, data);
});
