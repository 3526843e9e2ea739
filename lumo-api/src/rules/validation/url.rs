//! Webhook URLs: `https://host[:port][/path][?query][#fragment]`, `http://` only for localhost,
//! at most 2048 characters. A small parser for exactly this, without a URL crate.

use super::email::is_label;
use super::{Problem, URL_MAX};

/// Hosts for which `http://` is accepted (a developer's own machine).
const LOCAL_HOSTS: &[&str] = &["localhost", "127.0.0.1", "[::1]"];

pub fn validate_https_url(s: &str) -> Option<Problem> {
    if s.trim().is_empty() {
        return Some(Problem::UrlMissing);
    }
    if s.chars().count() > URL_MAX {
        return Some(Problem::UrlTooLong { max: URL_MAX });
    }
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some(Problem::UrlHasSpaces);
    }
    url_problem(s)
}

fn url_problem(s: &str) -> Option<Problem> {
    let Some((scheme, rest)) = s.split_once("://") else {
        return Some(Problem::UrlNotFull);
    };
    let scheme = scheme.to_ascii_lowercase();
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    // Credentials before the host ("user:pass@") are allowed by URLs; the host follows the last @.
    let host_port = authority
        .rsplit_once('@')
        .map_or(authority, |(_, after)| after);
    let (host, port) = match split_port(host_port) {
        Ok(parts) => parts,
        Err(problem) => return Some(problem),
    };
    if host.is_empty() {
        return Some(Problem::UrlNoHost);
    }
    // ASCII case only: the lowered host is compared with ASCII names (localhost) and checked
    // for letters and digits, which Unicode case does not change, and Unicode case mapping
    // would bring its tables (over 10 KB) into the wasm.
    let host = host.to_ascii_lowercase();
    if !is_host(&host) {
        return Some(Problem::UrlBadHost);
    }
    if port.is_some_and(|port| !is_port(port)) {
        return Some(Problem::UrlBadPort);
    }
    match scheme.as_str() {
        "https" => None,
        "http" if LOCAL_HOSTS.contains(&host.as_str()) => None,
        _ => Some(Problem::UrlNotHttps),
    }
}

/// Split `host[:port]`, with `[v6]` literals; the port is `None` when there is no colon.
fn split_port(host_port: &str) -> Result<(&str, Option<&str>), Problem> {
    if host_port.starts_with('[') {
        let Some(end) = host_port.find(']') else {
            return Err(Problem::UrlBadHost);
        };
        let (host, after) = host_port.split_at(end + 1);
        return match after {
            "" => Ok((host, None)),
            _ => match after.strip_prefix(':') {
                Some(port) => Ok((host, Some(port))),
                None => Err(Problem::UrlBadHost),
            },
        };
    }
    Ok(match host_port.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (host_port, None),
    })
}

fn is_port(port: &str) -> bool {
    (1..=5).contains(&port.len())
        && port.bytes().all(|b| b.is_ascii_digit())
        && port.parse::<u32>().is_ok_and(|n| (1..=65535).contains(&n))
}

fn is_host(host: &str) -> bool {
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return is_ipv6(inner);
    }
    if host.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return is_ipv4(host);
    }
    if host == "localhost" {
        return true;
    }
    let labels: Vec<&str> = host.split('.').collect();
    let tld = labels[labels.len() - 1];
    labels.len() >= 2
        && host.len() <= 253
        && labels.iter().all(|label| is_label(label))
        && !tld.bytes().all(|b| b.is_ascii_digit())
}

fn is_ipv4(host: &str) -> bool {
    let parts: Vec<&str> = host.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|part| {
            (1..=3).contains(&part.len()) && part.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

fn is_ipv6(inner: &str) -> bool {
    !inner.is_empty()
        && inner.matches(':').count() >= 2
        && inner
            .bytes()
            .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
}
