#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    gebiedsplanner::fuzzing::data_csv(data);
});
