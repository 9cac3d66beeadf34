#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| avro_playground_fuzz::datum_text(data));
