//! Idempotency keys for accepting a quote: one per quote, made once and reused on every retry.

/// Format 16 random bytes as a version-4 UUID (`xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx`),
/// setting the version and variant bits. The caller supplies the randomness
/// (`crypto.getRandomValues` in the browser).
pub fn uuid_v4_from_bytes(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// The idempotency key of one quote: made on first use, then the same on every later call
/// (double clicks, retries after a network error, a second attempt after an error message).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AcceptKey {
    quote_id: Option<String>,
    key: Option<String>,
}

impl AcceptKey {
    /// The key for `quote_id`; `make` runs only when this quote has none yet (a new quote
    /// replaces the previous quote's key).
    pub fn for_quote(&mut self, quote_id: &str, make: impl FnOnce() -> String) -> String {
        if self.quote_id.as_deref() != Some(quote_id) || self.key.is_none() {
            self.quote_id = Some(quote_id.to_string());
            self.key = Some(make());
        }
        self.key.clone().unwrap_or_default()
    }
}
