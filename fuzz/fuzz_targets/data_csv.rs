#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    gebiedsplanner::data::fuzz::data_csv(data);
});
