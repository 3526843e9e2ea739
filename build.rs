//! Checks the word catalogs and generates the portal's catalog keys (`src/i18n.rs` includes the
//! result).
//!
//! The build fails when the Russian catalog lacks a key of the English one, has one it lacks,
//! orders them differently, changes a text's placeholders or gives a plural text other than three
//! forms. A key no code uses fails `cargo test` (`src/i18n/keys_in_use.rs`).
//!
//! Generated: one `Key` constant per key (`Key::OrdersTitle`), holding its position in the
//! catalogs and its English text, and the Russian catalog's fingerprint, which the portal checks
//! before reading the copy it downloads. The English text travels with the key rather than in one
//! table so that it stays in the wasm chunk of the page that uses it (deploy/split-wasm.mjs): a
//! central table would put every page's words in the main wasm of every visit.

use std::fmt::Write as _;
use std::path::Path;

#[path = "lumo-api/src/catalog.rs"]
#[allow(dead_code)]
mod catalog;

const ENGLISH: &str = "i18n/catalog-en.txt";
const RUSSIAN: &str = "i18n/catalog-ru.txt";
/// Russian's plural forms for whole numbers: one, few, many.
const RUSSIAN_PLURAL_FORMS: usize = 3;

fn main() {
    println!("cargo:rerun-if-changed={ENGLISH}");
    println!("cargo:rerun-if-changed={RUSSIAN}");
    println!("cargo:rerun-if-changed=lumo-api/src/catalog.rs");
    let english = read(ENGLISH);
    let russian = read(RUSSIAN);
    if let Err(problems) = catalog::check_translation(&english, &russian, RUSSIAN_PLURAL_FORMS) {
        fail(&format!("{RUSSIAN} does not match {ENGLISH}:\n{problems}"));
    }
    let entries = match catalog::entries(&english) {
        Ok(entries) => entries,
        Err(problem) => fail(&format!("{ENGLISH}: {problem}")),
    };
    for entry in &entries {
        if catalog::forms(entry.text).len() > 2 {
            fail(&format!(
                "{ENGLISH}: `{}` has more than the two English forms (one | other)",
                entry.key
            ));
        }
    }
    let out_dir = std::env::var("OUT_DIR").unwrap_or_else(|_| fail("OUT_DIR is not set"));
    let generated = generate(&entries, catalog::fingerprint(russian.as_bytes()));
    if let Err(error) = std::fs::write(Path::new(&out_dir).join("catalog_keys.rs"), generated) {
        fail(&format!("could not write the generated keys: {error}"));
    }
}

fn generate(entries: &[catalog::Entry<'_>], russian_fingerprint: u32) -> String {
    let mut out = String::new();
    out.push_str("#[allow(non_upper_case_globals)]\nimpl Key {\n");
    for (index, entry) in entries.iter().enumerate() {
        let _ = writeln!(
            out,
            "    pub const {}: Key = Key {{ index: {index}, english: {:?} }};",
            catalog::variant_name(entry.key),
            entry.text
        );
    }
    out.push_str("}\n\n");
    let _ = writeln!(out, "pub const KEY_COUNT: usize = {};", entries.len());
    out.push_str("#[cfg(test)]\npub const ALL_KEYS: [Key; KEY_COUNT] = [\n");
    for entry in entries {
        let _ = writeln!(out, "    Key::{},", catalog::variant_name(entry.key));
    }
    out.push_str("];\n");
    let _ = writeln!(
        out,
        "pub const RUSSIAN_FINGERPRINT: u32 = {russian_fingerprint:#010x};"
    );
    out
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|error| fail(&format!("{path}: {error}")))
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(1);
}
