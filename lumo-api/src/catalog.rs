//! The portal's word catalogs (`i18n/catalog-en.txt`, `i18n/catalog-ru.txt`): reading them,
//! checking that two languages agree, and filling a text's placeholders.
//!
//! This file uses `std` only: the portal's build script includes it with `#[path]` to check the
//! catalogs and generate the keys at compile time, and the portal calls it at run time to read the
//! Russian catalog it downloads. One reader for both, tested here.
//!
//! The format, one entry per line: `key = text`. Lines starting with `#` and blank lines are
//! ignored. `{name}` in a text is a placeholder the portal fills. A plural text lists its forms
//! separated by ` | `: English `one | other`, Russian `one | few | many` (CLDR's categories for
//! whole numbers; see `crate::locale::plural_index`).

/// Separates the forms of a plural text.
pub const PLURAL_SEPARATOR: &str = " | ";

/// One `key = text` line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry<'a> {
    pub line: usize,
    pub key: &'a str,
    pub text: &'a str,
}

/// The entries of a catalog in file order, or the first line that is not an entry.
pub fn entries(source: &str) -> Result<Vec<Entry<'_>>, String> {
    let mut out = Vec::new();
    for (index, raw) in source.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((key, text)) = line.split_once(" = ") else {
            return Err(format!("line {}: expected `key = text`", index + 1));
        };
        if !is_key(key) {
            return Err(format!(
                "line {}: `{key}` is not a key (a-z, 0-9, _)",
                index + 1
            ));
        }
        if text.trim().is_empty() {
            return Err(format!("line {}: `{key}` has no text", index + 1));
        }
        out.push(Entry {
            line: index + 1,
            key,
            text,
        });
    }
    Ok(out)
}

fn is_key(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_lowercase())
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// The Rust name the portal gives a key: `orders_title` -> `OrdersTitle`.
pub fn variant_name(key: &str) -> String {
    key.split('_')
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

/// The forms of a text: one for an ordinary text, two or more for a plural one.
pub fn forms(text: &str) -> Vec<&str> {
    text.split(PLURAL_SEPARATOR).collect()
}

/// The names of the placeholders in `text`, sorted, each once.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) => {
                names.push(&after[..end]);
                rest = &after[end + 1..];
            }
            None => break,
        }
    }
    names.sort_unstable();
    names.dedup();
    names
}

/// Checks a translation against the English catalog: the same keys in the same order (the portal
/// reads the downloaded catalog by position), the same placeholders, `plural_forms` forms where
/// English has a plural and one form where it has none, and no key twice. Every problem, one per
/// line.
pub fn check_translation(english: &str, other: &str, plural_forms: usize) -> Result<(), String> {
    let english = entries(english).map_err(|e| format!("English catalog, {e}"))?;
    let other = entries(other).map_err(|e| format!("translation, {e}"))?;
    let mut problems = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for entry in &english {
        if !seen.insert(entry.key) {
            problems.push(format!("`{}` is in the English catalog twice", entry.key));
        }
    }
    for (position, entry) in english.iter().enumerate() {
        let Some(translated) = other.get(position) else {
            problems.push(format!("`{}` is missing from the translation", entry.key));
            continue;
        };
        if translated.key != entry.key {
            let found = if other.iter().any(|o| o.key == entry.key) {
                "in another place"
            } else {
                "missing"
            };
            problems.push(format!(
                "`{}` is {found} in the translation (line {} has `{}`)",
                entry.key, translated.line, translated.key
            ));
            continue;
        }
        let english_forms = forms(entry.text).len();
        let wanted = if english_forms > 1 { plural_forms } else { 1 };
        let got = forms(translated.text).len();
        if got != wanted {
            problems.push(format!(
                "`{}` has {got} forms in the translation, {wanted} wanted",
                entry.key
            ));
        }
        if placeholders(entry.text) != placeholders(translated.text) {
            problems.push(format!(
                "`{}` has other placeholders in the translation: {:?} against {:?}",
                entry.key,
                placeholders(translated.text),
                placeholders(entry.text)
            ));
        }
    }
    for extra in other.iter().skip(english.len()) {
        problems.push(format!(
            "`{}` (line {}) is in the translation only",
            extra.key, extra.line
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

/// `text` with each `{name}` replaced by its value; a placeholder without a value stays as written.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[start..]);
            return out;
        };
        let name = &after[..end];
        match values.iter().find(|(key, _)| *key == name) {
            Some((_, value)) => out.push_str(value),
            None => out.push_str(&rest[start..start + end + 2]),
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The `index`th form of a plural text, or its last form when it has fewer.
pub fn form(text: &str, index: usize) -> &str {
    let mut last = text;
    for (position, form) in text.split(PLURAL_SEPARATOR).enumerate() {
        if position == index {
            return form;
        }
        last = form;
    }
    last
}

/// FNV-1a (32 bits) of a catalog's bytes: the build records it, and the portal accepts a downloaded
/// catalog only when it matches, so a stale or damaged copy is never read by position.
pub fn fingerprint(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |hash, byte| {
        (hash ^ u32::from(*byte)).wrapping_mul(0x0100_0193)
    })
}

/// The texts of a downloaded catalog in key order, when it is the one the build expects: `count`
/// entries and the fingerprint `expected`.
pub fn read_translation(source: &str, count: usize, expected: u32) -> Option<Vec<&str>> {
    if fingerprint(source.as_bytes()) != expected {
        return None;
    }
    let texts: Vec<&str> = entries(source).ok()?.into_iter().map(|e| e.text).collect();
    (texts.len() == count).then_some(texts)
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: &str = "# header\n\nsign_in = Sign in\ncount = {n} dispute | {n} disputes\n";
    const RU: &str = "sign_in = Войти\ncount = {n} спор | {n} спора | {n} споров\n";

    #[test]
    fn reads_entries_and_skips_comments() {
        let list = entries(EN).unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].key, "sign_in");
        assert_eq!(list[0].text, "Sign in");
        assert_eq!(list[1].line, 4);
    }

    #[test]
    fn rejects_lines_that_are_not_entries() {
        assert!(entries("sign_in=Sign in").unwrap_err().contains("line 1"));
        assert!(entries("Sign-In = x").unwrap_err().contains("not a key"));
        assert!(entries("a = ").is_err());
    }

    #[test]
    fn a_matching_translation_passes() {
        assert_eq!(check_translation(EN, RU, 3), Ok(()));
    }

    #[test]
    fn every_kind_of_mismatch_is_named() {
        let missing = check_translation(EN, "sign_in = Войти\n", 3).unwrap_err();
        assert!(missing.contains("`count` is missing"), "{missing}");
        let extra = check_translation(EN, &format!("{RU}extra = Лишнее\n"), 3).unwrap_err();
        assert!(
            extra.contains("`extra` (line 3) is in the translation only"),
            "{extra}"
        );
        let moved = check_translation(
            EN,
            "count = {n} спор | {n} спора | {n} споров\nsign_in = Войти\n",
            3,
        )
        .unwrap_err();
        assert!(moved.contains("`sign_in` is in another place"), "{moved}");
        let forms = check_translation(EN, "sign_in = Войти\ncount = {n} спор | {n} спора\n", 3)
            .unwrap_err();
        assert!(
            forms.contains("2 forms in the translation, 3 wanted"),
            "{forms}"
        );
        let names = check_translation(
            EN,
            "sign_in = Войти {x}\ncount = {n} спор | {n} спора | {n} споров\n",
            3,
        )
        .unwrap_err();
        assert!(names.contains("other placeholders"), "{names}");
        let twice = check_translation("a = A\na = B\n", "a = А\na = Б\n", 3).unwrap_err();
        assert!(twice.contains("twice"), "{twice}");
    }

    #[test]
    fn fills_placeholders_and_leaves_unknown_ones() {
        assert_eq!(
            fill(
                "{from}–{to} of {total}",
                &[("from", "1"), ("to", "25"), ("total", "300")]
            ),
            "1–25 of 300"
        );
        assert_eq!(fill("a {missing} b", &[]), "a {missing} b");
        assert_eq!(fill("open { brace", &[]), "open { brace");
        assert_eq!(fill("{n}{n}", &[("n", "<b>")]), "<b><b>");
    }

    #[test]
    fn picks_a_form_or_the_last_one() {
        let text = "{n} спор | {n} спора | {n} споров";
        assert_eq!(form(text, 0), "{n} спор");
        assert_eq!(form(text, 2), "{n} споров");
        assert_eq!(form(text, 7), "{n} споров");
        assert_eq!(form("Sign in", 1), "Sign in");
    }

    #[test]
    fn a_translation_is_read_only_when_it_is_the_expected_one() {
        let expected = fingerprint(RU.as_bytes());
        assert_eq!(
            read_translation(RU, 2, expected),
            Some(vec!["Войти", "{n} спор | {n} спора | {n} споров"])
        );
        assert_eq!(read_translation(RU, 3, expected), None);
        assert_eq!(
            read_translation(&RU.replace("Войти", "Вход"), 2, expected),
            None
        );
        assert_eq!(read_translation("<html>", 2, fingerprint(b"<html>")), None);
    }

    #[test]
    fn keys_become_rust_names() {
        assert_eq!(variant_name("orders_title"), "OrdersTitle");
        assert_eq!(variant_name("nav_2fa"), "Nav2fa");
    }

    #[test]
    fn placeholders_are_listed_once_and_sorted() {
        assert_eq!(placeholders("{b} {a} {b}"), vec!["a", "b"]);
        assert!(placeholders("none").is_empty());
    }
}
