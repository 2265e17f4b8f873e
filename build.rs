//! Packs the built-in data files of `assets/data` into the program.
//!
//! The files are deflated here, at build time: the ten files take 3.5 MB as they are and
//! about 1.0 MB deflated, and inflating all of them when the app starts takes a few
//! milliseconds. Deflate (flate2 on the pure-Rust miniz_oxide) is already in the program for
//! PNG, so it adds no dependency; zstd would pack them to 0.65 MB but needs a C library built
//! with every clean build.

use std::error::Error;
use std::io::Write;
use std::path::{Path, PathBuf};

fn main() -> Result<(), Box<dyn Error>> {
    let dir = Path::new("assets/data");
    println!("cargo::rerun-if-changed=assets/data");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("cargo did not set OUT_DIR")?);
    let mut names: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry
            .file_name()
            .into_string()
            .map_err(|n| format!("{n:?}: not UTF-8"))?;
        // The notes on the sources are for people reading the repository.
        if entry.file_type()?.is_file() && !name.ends_with(".md") && !name.starts_with('.') {
            names.push(name);
        }
    }
    names.sort();
    let mut list = String::from("&[\n");
    for name in &names {
        let raw = std::fs::read(dir.join(name))?;
        let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(&raw)?;
        let packed = enc.finish()?;
        std::fs::write(out.join(format!("{name}.deflate")), &packed)?;
        list.push_str(&format!(
            "    BuiltInFile {{ name: {name:?}, size: {}, deflated: include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{name}.deflate\")) }},\n",
            raw.len()
        ));
    }
    list.push_str("]\n");
    std::fs::write(out.join("builtin_data.rs"), list)?;
    Ok(())
}
