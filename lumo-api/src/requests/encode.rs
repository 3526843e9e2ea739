/// Percent-encode everything but RFC 3986's unreserved characters, so an id or externalId can
/// never change the path or the query it is put in.
pub fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Whether `value`, percent-encoded, can be one path segment that stays one: not empty, and not
/// `.` or `..`. Those are dot segments that a browser (and most HTTP stacks) resolve away, so
/// `/user-wallets/../replace` would be sent as `/replace`; encoding cannot help, because `%2E`
/// counts as a dot there too. Every other value is safe once [`percent_encode`]d (`/`, `?`, `#`,
/// `%` and spaces are encoded). Check ids with this before building a request that puts them in
/// a path: the request builders take the id as given.
pub fn path_segment_is_safe(value: &str) -> bool {
    !matches!(value, "" | "." | "..")
}
