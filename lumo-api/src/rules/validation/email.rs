//! E-mail addresses, close to what the server's `isEmail` accepts: `local@domain.tld`, a dot-atom
//! local part (Unicode letters allowed), a domain of at least two labels with an alphabetic top
//! level, no spaces, at most 254 characters. Quoted local parts and IP-literal domains are refused.

use super::{Problem, EMAIL_MAX};

const LOCAL_MAX: usize = 64;
const LABEL_MAX: usize = 63;
const LOCAL_SYMBOLS: &str = "!#$%&'*+-/=?^_`{|}~";

pub fn validate_email(s: &str) -> Option<Problem> {
    if s.trim().is_empty() {
        return Some(Problem::EmailMissing);
    }
    if s.chars().count() > EMAIL_MAX {
        return Some(Problem::EmailTooLong { max: EMAIL_MAX });
    }
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some(Problem::EmailHasSpaces);
    }
    (!is_email(s)).then_some(Problem::EmailInvalid)
}

fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else {
        return false;
    };
    is_local_part(local) && is_domain(domain)
}

fn is_local_part(local: &str) -> bool {
    local.chars().count() <= LOCAL_MAX
        && local.split('.').all(|atom| {
            !atom.is_empty()
                && atom.chars().all(|c| {
                    c.is_ascii_alphanumeric()
                        || LOCAL_SYMBOLS.contains(c)
                        || (!c.is_ascii() && c.is_alphanumeric())
                })
        })
}

fn is_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return false;
    }
    let tld = labels[labels.len() - 1];
    let tld_ok = tld.chars().count() >= 2
        && (tld.chars().all(char::is_alphabetic) || tld.to_ascii_lowercase().starts_with("xn--"));
    tld_ok && labels.iter().all(|label| is_label(label))
}

/// A host name label: letters, digits and inner hyphens, 1 to 63 characters.
pub(super) fn is_label(label: &str) -> bool {
    (1..=LABEL_MAX).contains(&label.chars().count())
        && !label.starts_with('-')
        && !label.ends_with('-')
        && label.chars().all(|c| {
            c.is_ascii_alphanumeric() || c == '-' || (!c.is_ascii() && c.is_alphanumeric())
        })
}
