//! Pure navigation rules: the sidebar's items and which is current, safe return paths after
//! sign-in, and the sign-in URL. Tested natively.

use lumo_api::requests::percent_encode;

use crate::i18n::Key;

/// One sidebar entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NavItem {
    pub href: &'static str,
    pub label: Key,
    /// The sidebar icon: an SVG path on a 24x24 grid, drawn as a 1.8 px stroke.
    pub icon: &'static str,
}

pub const NAV_ITEMS: &[NavItem] = &[
    NavItem {
        href: "/orders",
        label: Key::NavOrders,
        icon: "M4 6h16M4 12h16M4 18h10",
    },
    NavItem {
        href: "/orders/new",
        label: Key::NavNewOrder,
        icon: "M12 5v14M5 12h14",
    },
    NavItem {
        href: "/disputes",
        label: Key::NavDisputes,
        icon: "M12 3l9 16H3L12 3zM12 10v4M12 17v.5",
    },
    NavItem {
        href: "/disputes/insights",
        label: Key::NavInsights,
        icon: "M4 20V10M10 20V4M16 20v-7M22 20H2",
    },
    NavItem {
        href: "/wallet",
        label: Key::NavWallet,
        icon: "M3 7h18v12H3zM3 7l2-3h12l2 3M16 13h2",
    },
    NavItem {
        href: "/user-wallets",
        label: Key::NavUserWallets,
        icon: "M8 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM2 20c0-3 3-5 6-5s6 2 6 5M17 11a3 3 0 1 0 0-6M22 20c0-3-2-5-4-5",
    },
    NavItem {
        href: "/profile",
        label: Key::NavProfile,
        icon: "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21c0-4 4-6 8-6s8 2 8 6",
    },
];

/// Whether `item` is the current section for `path`: its own path or one below it, except that
/// "/orders/new" belongs to "New order", not to "Orders".
pub fn is_current(item: &NavItem, path: &str) -> bool {
    let path = path.trim_end_matches('/');
    let below = path == item.href
        || path
            .strip_prefix(item.href)
            .is_some_and(|rest| rest.starts_with('/'));
    if !below {
        return false;
    }
    // A more specific item claims the path.
    !NAV_ITEMS.iter().any(|other| {
        other.href.len() > item.href.len()
            && other.href.starts_with(item.href)
            && (path == other.href || path.starts_with(&format!("{}/", other.href)))
    })
}

/// Where to go after signing in, from the `return` query value. Only same-origin paths are
/// accepted: a single leading '/', never "//" or "/\" (protocol-relative), no scheme, no control
/// characters, and never back to the sign-in pages themselves.
pub fn safe_return_path(raw: Option<&str>) -> Option<String> {
    let path = raw?;
    let mut chars = path.chars();
    if chars.next() != Some('/') {
        return None;
    }
    if matches!(chars.next(), Some('/') | Some('\\')) {
        return None;
    }
    if path.chars().any(|c| c.is_control() || c == '\\') {
        return None;
    }
    let route = path.split(['?', '#']).next().unwrap_or_default();
    if route == "/login" || route == "/register" {
        return None;
    }
    Some(path.to_string())
}

/// After sign-in: the return path if it is safe, else the orders page.
pub fn after_sign_in(raw: Option<&str>) -> String {
    safe_return_path(raw).unwrap_or_else(|| "/orders".to_string())
}

/// The sign-in URL, with an optional reason (`expired`) and the path to come back to.
pub fn login_url(reason: Option<&str>, return_to: Option<&str>) -> String {
    let mut url = String::from("/login");
    let mut sep = '?';
    if let Some(reason) = reason {
        url.push(sep);
        url.push_str("reason=");
        url.push_str(&percent_encode(reason));
        sep = '&';
    }
    if let Some(path) = safe_return_path(return_to) {
        if path != "/" {
            url.push(sep);
            url.push_str("return=");
            url.push_str(&percent_encode(&path));
        }
    }
    url
}

/// Path and query of the current location as one string ("/orders?status=failed").
pub fn path_with_query(path: &str, search: &str) -> String {
    if search.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", search.trim_start_matches('?'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn current(path: &str) -> Vec<&'static str> {
        NAV_ITEMS
            .iter()
            .filter(|item| is_current(item, path))
            .map(|item| crate::i18n::t(item.label))
            .collect()
    }

    #[test]
    fn exactly_one_section_is_current() {
        assert_eq!(current("/orders"), ["Orders"]);
        assert_eq!(current("/orders/"), ["Orders"]);
        assert_eq!(current("/orders/abc-123"), ["Orders"]);
        assert_eq!(current("/orders/new"), ["New order"]);
        assert_eq!(current("/disputes"), ["Disputes"]);
        assert_eq!(current("/disputes/"), ["Disputes"]);
        assert_eq!(current("/disputes/insights"), ["Insights"]);
        assert_eq!(current("/disputes/insights/"), ["Insights"]);
        assert_eq!(current("/disputes/insightsx"), ["Disputes"]);
        assert_eq!(current("/user-wallets/ext-1"), ["User wallets"]);
        assert_eq!(current("/wallet"), ["Wallet"]);
        assert_eq!(current("/walletx"), Vec::<&str>::new());
        assert_eq!(current("/nowhere"), Vec::<&str>::new());
    }

    #[test]
    fn return_paths_are_same_origin_only() {
        assert_eq!(
            safe_return_path(Some("/orders?status=failed")).as_deref(),
            Some("/orders?status=failed")
        );
        assert_eq!(safe_return_path(Some("/")).as_deref(), Some("/"));
        for bad in [
            "//evil.example",
            "/\\evil.example",
            "https://evil.example",
            "javascript:alert(1)",
            "orders",
            "",
            "/orders\n",
            "/a\\b",
            "/login?return=/x",
            "/register",
        ] {
            assert_eq!(safe_return_path(Some(bad)), None, "{bad:?}");
        }
        assert_eq!(safe_return_path(None), None);
        assert_eq!(after_sign_in(Some("//evil")), "/orders");
        assert_eq!(after_sign_in(Some("/wallet")), "/wallet");
    }

    #[test]
    fn login_url_carries_reason_and_encoded_return() {
        assert_eq!(login_url(None, None), "/login");
        assert_eq!(login_url(None, Some("/")), "/login");
        assert_eq!(
            login_url(Some("expired"), Some("/orders?status=failed&offset=20")),
            "/login?reason=expired&return=%2Forders%3Fstatus%3Dfailed%26offset%3D20"
        );
        assert_eq!(login_url(None, Some("//evil")), "/login");
    }

    #[test]
    fn joins_path_and_query() {
        assert_eq!(path_with_query("/orders", ""), "/orders");
        assert_eq!(path_with_query("/orders", "limit=20"), "/orders?limit=20");
    }
}
