//! A key of the catalog that no code uses is a text nobody sees: it fails this test, so the
//! catalogs only hold words the portal shows.

use std::path::Path;

use lumo_api::catalog;

fn sources(dir: &Path, out: &mut String) {
    let Ok(list) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in list.flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push_str(&std::fs::read_to_string(&path).unwrap_or_default());
        }
    }
}

#[test]
fn every_key_is_used_by_some_code() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut code = String::new();
    sources(&root.join("src"), &mut code);
    let english = std::fs::read_to_string(root.join("i18n/catalog-en.txt")).unwrap();
    let unused: Vec<&str> = catalog::entries(&english)
        .unwrap()
        .into_iter()
        .map(|entry| entry.key)
        .filter(|key| {
            let name = catalog::variant_name(key);
            // `Key::Name` followed by anything that ends an identifier.
            !code
                .match_indices(&format!("Key::{name}"))
                .any(|(at, found)| {
                    !code[at + found.len()..]
                        .starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
                })
        })
        .collect();
    assert!(unused.is_empty(), "keys no code uses: {unused:?}");
}
