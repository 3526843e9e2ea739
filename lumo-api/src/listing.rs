//! The state of the list pages as it lives in the URL query, so that a reload, back/forward or a
//! pasted link reproduces the view. Parsing never fails: a value that does not make sense falls
//! back to the default and is reported, so the page can say what it ignored.

use crate::models::{Dispute, DisputeResolution, DisputeStatus, OrderStatus};
use crate::requests::queries::{DEFAULT_LIMIT, MAX_LIMIT, MIN_LIMIT};
use crate::requests::{OrdersQuery, Page, UserWalletsQuery};

/// Page sizes the UI offers (all within the contract's 1..=100).
pub const PAGE_SIZES: &[u32] = &[20, 50, 100];

fn find<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.trim())
        .filter(|value| !value.is_empty())
}

/// `page` (1-based) and `limit` from the query; the offset the API wants is derived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    pub page: u32,
    pub limit: u32,
}

impl Default for Paging {
    fn default() -> Self {
        Paging {
            page: 1,
            limit: DEFAULT_LIMIT,
        }
    }
}

impl Paging {
    /// `max_limit` is the largest page the API takes: the contract's 100, unless the deployment
    /// says its API allows more (see `OrdersView::from_query_within`).
    fn parse(pairs: &[(String, String)], max_limit: u32, ignored: &mut Vec<String>) -> Self {
        let mut paging = Paging::default();
        if let Some(raw) = find(pairs, "page") {
            match raw.parse::<u32>() {
                Ok(page) if page >= 1 => paging.page = page,
                _ => ignored.push(format!("page={raw}")),
            }
        }
        if let Some(raw) = find(pairs, "limit") {
            match raw.parse::<u32>() {
                Ok(limit) if (MIN_LIMIT..=max_limit).contains(&limit) => paging.limit = limit,
                _ => ignored.push(format!("limit={raw}")),
            }
        }
        paging
    }

    fn push_pairs(self, pairs: &mut Vec<(&'static str, String)>) {
        if self.page != 1 {
            pairs.push(("page", self.page.to_string()));
        }
        if self.limit != DEFAULT_LIMIT {
            pairs.push(("limit", self.limit.to_string()));
        }
    }

    /// The API page. The limit was checked when the paging was made (parse, `with_limit`), so it
    /// is passed on as it is.
    pub fn to_page(self) -> Page {
        Page {
            limit: self.limit,
            offset: (self.page.saturating_sub(1)).saturating_mul(self.limit),
        }
    }
}

/// /orders?status=success&externalOrderId=ORD-1&page=2&limit=50
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrdersView {
    pub status: Option<OrderStatus>,
    pub external_order_id: Option<String>,
    pub paging: Paging,
    /// Query parts that were not understood and so not applied.
    pub ignored: Vec<String>,
}

impl OrdersView {
    pub fn from_query(pairs: &[(String, String)]) -> Self {
        Self::from_query_within(pairs, MAX_LIMIT)
    }

    /// Like `from_query`, for an API that takes pages of up to `max_limit` rows (a deployment
    /// setting, `maxPageSize` in config.json; the benchmark's sandbox allows 1,000).
    pub fn from_query_within(pairs: &[(String, String)], max_limit: u32) -> Self {
        let mut ignored = Vec::new();
        let status = find(pairs, "status").and_then(|raw| {
            let status = OrderStatus::from_wire(raw);
            if status.is_known() {
                Some(status)
            } else {
                ignored.push(format!("status={raw}"));
                None
            }
        });
        let external_order_id = find(pairs, "externalOrderId").map(str::to_string);
        let paging = Paging::parse(pairs, max_limit.max(MAX_LIMIT), &mut ignored);
        OrdersView {
            status,
            external_order_id,
            paging,
            ignored,
        }
    }

    /// The query string for this view (without `?`); defaults are left out.
    pub fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(status) = &self.status {
            pairs.push(("status", status.as_wire().to_string()));
        }
        if let Some(id) = &self.external_order_id {
            pairs.push(("externalOrderId", id.clone()));
        }
        self.paging.push_pairs(&mut pairs);
        pairs
    }

    pub fn api_query(&self) -> OrdersQuery {
        OrdersQuery {
            page: self.paging.to_page(),
            status: self.status.clone(),
            external_order_id: self.external_order_id.clone(),
        }
    }

    /// The same filters on the first page: what a changed filter should navigate to.
    pub fn with_filters(
        &self,
        status: Option<OrderStatus>,
        external_order_id: Option<String>,
    ) -> Self {
        OrdersView {
            status,
            external_order_id: external_order_id.filter(|id| !id.trim().is_empty()),
            paging: Paging {
                page: 1,
                limit: self.paging.limit,
            },
            ignored: Vec::new(),
        }
    }

    pub fn with_page(&self, page: u32) -> Self {
        OrdersView {
            paging: Paging {
                page: page.max(1),
                limit: self.paging.limit,
            },
            ignored: Vec::new(),
            ..self.clone()
        }
    }

    pub fn with_limit(&self, limit: u32) -> Self {
        OrdersView {
            paging: Paging {
                page: 1,
                limit: limit.clamp(MIN_LIMIT, MAX_LIMIT),
            },
            ignored: Vec::new(),
            ..self.clone()
        }
    }
}

/// /disputes?status=in_review&resolution=refund&order=3b8f
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DisputesView {
    pub status: Option<DisputeStatus>,
    pub resolution: Option<DisputeResolution>,
    /// Part of an order id to search for (case-insensitive).
    pub order: Option<String>,
    pub ignored: Vec<String>,
}

impl DisputesView {
    pub fn from_query(pairs: &[(String, String)]) -> Self {
        let mut ignored = Vec::new();
        let status = find(pairs, "status").and_then(|raw| {
            let status = DisputeStatus::from_wire(raw);
            status.is_known().then_some(status).or_else(|| {
                ignored.push(format!("status={raw}"));
                None
            })
        });
        let resolution = find(pairs, "resolution").and_then(|raw| {
            let resolution = DisputeResolution::from_wire(raw);
            resolution.is_known().then_some(resolution).or_else(|| {
                ignored.push(format!("resolution={raw}"));
                None
            })
        });
        let order = find(pairs, "order").map(str::to_string);
        DisputesView {
            status,
            resolution,
            order,
            ignored,
        }
    }

    pub fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(status) = &self.status {
            pairs.push(("status", status.as_wire().to_string()));
        }
        if let Some(resolution) = &self.resolution {
            pairs.push(("resolution", resolution.as_wire().to_string()));
        }
        if let Some(order) = &self.order {
            pairs.push(("order", order.clone()));
        }
        pairs
    }

    /// The disputes this view shows, in the order the API gave them (newest first).
    pub fn apply<'a>(&self, disputes: &'a [Dispute]) -> Vec<&'a Dispute> {
        // Order ids are ASCII, so ASCII case folding finds the same orders as Unicode's, without
        // bringing Unicode's case tables into the wasm.
        let needle = self.order.as_deref().map(str::to_ascii_lowercase);
        disputes
            .iter()
            .filter(|d| self.status.as_ref().is_none_or(|s| &d.status == s))
            .filter(|d| {
                self.resolution
                    .as_ref()
                    .is_none_or(|r| d.resolution.as_ref() == Some(r))
            })
            .filter(|d| {
                needle
                    .as_deref()
                    .is_none_or(|n| d.order_id.to_ascii_lowercase().contains(n))
            })
            .collect()
    }
}

/// /user-wallets?externalId=user-42&page=2 (and `view=blocked` for the blocked list)
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserWalletsView {
    pub external_id: Option<String>,
    pub blocked_only: bool,
    pub paging: Paging,
    pub ignored: Vec<String>,
}

impl UserWalletsView {
    pub fn from_query(pairs: &[(String, String)]) -> Self {
        let mut ignored = Vec::new();
        let external_id = find(pairs, "externalId").map(str::to_string);
        let blocked_only = match find(pairs, "view") {
            None | Some("all") => false,
            Some("blocked") => true,
            Some(other) => {
                ignored.push(format!("view={other}"));
                false
            }
        };
        let paging = Paging::parse(pairs, MAX_LIMIT, &mut ignored);
        UserWalletsView {
            external_id,
            blocked_only,
            paging,
            ignored,
        }
    }

    pub fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if self.blocked_only {
            pairs.push(("view", "blocked".to_string()));
        }
        if let Some(id) = &self.external_id {
            pairs.push(("externalId", id.clone()));
        }
        self.paging.push_pairs(&mut pairs);
        pairs
    }

    pub fn api_query(&self) -> UserWalletsQuery {
        UserWalletsQuery {
            page: self.paging.to_page(),
            external_id: self.external_id.clone(),
        }
    }
}

/// Whether a page with `rows` rows, asked with `limit`, may have a next one. The list has no
/// total count: only a page shorter than `limit` is known to be the last.
pub fn has_next_page(rows: usize, limit: u32) -> bool {
    rows >= limit as usize && limit > 0
}

/// Join query pairs into `a=1&b=2`, percent-encoding the values.
pub fn query_string(pairs: &[(&'static str, String)]) -> String {
    pairs
        .iter()
        .map(|(name, value)| format!("{name}={}", crate::requests::percent_encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn orders_view_round_trips_through_the_query() {
        let view = OrdersView::from_query(&pairs(&[
            ("status", "success"),
            ("externalOrderId", "ORD 1"),
            ("page", "3"),
            ("limit", "50"),
        ]));
        assert_eq!(view.status, Some(OrderStatus::Success));
        assert_eq!(view.paging, Paging { page: 3, limit: 50 });
        assert!(view.ignored.is_empty());
        assert_eq!(
            query_string(&view.to_query()),
            "status=success&externalOrderId=ORD%201&page=3&limit=50"
        );
        let api = view.api_query();
        assert_eq!((api.page.limit, api.page.offset), (50, 100));
    }

    #[test]
    fn nonsense_values_fall_back_and_are_reported() {
        let view = OrdersView::from_query(&pairs(&[
            ("status", "bogus"),
            ("page", "0"),
            ("limit", "1000"),
        ]));
        assert_eq!(view.status, None);
        assert_eq!(view.paging, Paging::default());
        assert_eq!(view.ignored, vec!["status=bogus", "page=0", "limit=1000"]);
        assert!(view.to_query().is_empty());
    }

    #[test]
    fn a_deployment_may_allow_larger_pages() {
        let query = pairs(&[("limit", "1000"), ("page", "2")]);
        let view = OrdersView::from_query_within(&query, 1000);
        assert!(view.ignored.is_empty());
        let api = view.api_query();
        assert_eq!((api.page.limit, api.page.offset), (1000, 1000));
        // Never below the contract's bounds, and nothing above the deployment's.
        let view = OrdersView::from_query_within(&query, 10);
        assert_eq!(view.ignored, vec!["limit=1000"]);
        let view = OrdersView::from_query_within(&pairs(&[("limit", "1001")]), 1000);
        assert_eq!((view.paging.limit, view.ignored.len()), (DEFAULT_LIMIT, 1));
    }

    #[test]
    fn changing_a_filter_goes_back_to_page_one_and_keeps_the_page_size() {
        let view = OrdersView::from_query(&pairs(&[("page", "4"), ("limit", "100")]));
        let next = view.with_filters(Some(OrderStatus::Failed), Some("  ".into()));
        assert_eq!(
            next.paging,
            Paging {
                page: 1,
                limit: 100
            }
        );
        assert_eq!(next.external_order_id, None);
    }

    #[test]
    fn only_a_short_page_is_the_last() {
        assert!(has_next_page(20, 20));
        assert!(!has_next_page(19, 20));
        assert!(!has_next_page(0, 20));
        assert!(has_next_page(100, 100));
        assert!(!has_next_page(0, 0));
    }

    #[test]
    fn orders_view_pages_keep_filters_and_size() {
        let view = OrdersView::from_query(&pairs(&[("status", "failed"), ("limit", "50")]));
        let next = view.with_page(2);
        assert_eq!(
            query_string(&next.to_query()),
            "status=failed&page=2&limit=50"
        );
        assert_eq!(next.api_query().page.offset, 50);
        assert_eq!(
            query_string(&next.with_page(0).to_query()),
            "status=failed&limit=50"
        );
        let resized = next.with_limit(100);
        assert_eq!(query_string(&resized.to_query()), "status=failed&limit=100");
    }

    #[test]
    fn user_wallets_view_reads_blocked_and_search() {
        let view =
            UserWalletsView::from_query(&pairs(&[("view", "blocked"), ("externalId", "u-1")]));
        assert!(view.blocked_only);
        assert_eq!(
            query_string(&view.to_query()),
            "view=blocked&externalId=u-1"
        );
    }

    fn dispute(id: &str, order: &str, status: &str, resolution: Option<&str>) -> Dispute {
        serde_json::from_value(serde_json::json!({
            "id": id, "orderId": order, "status": status, "resolution": resolution,
            "reason": "r", "createdAt": "2026-11-24T10:00:00Z", "updatedAt": "2026-11-24T10:00:00Z"
        }))
        .unwrap()
    }

    #[test]
    fn disputes_view_filters_without_reordering() {
        let all = vec![
            dispute("d3", "AAA-1", "resolved", Some("refund")),
            dispute("d2", "bbb-2", "submitted", None),
            dispute("d1", "aaa-3", "resolved", Some("partial_refund")),
        ];
        let view = DisputesView::from_query(&pairs(&[("status", "resolved"), ("order", "aaa")]));
        let ids: Vec<&str> = view.apply(&all).iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, vec!["d3", "d1"]);
        let view = DisputesView::from_query(&pairs(&[("resolution", "partial_refund")]));
        let ids: Vec<&str> = view.apply(&all).iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, vec!["d1"]);
        let view = DisputesView::from_query(&pairs(&[("status", "weird")]));
        assert_eq!(view.apply(&all).len(), 3);
        assert_eq!(view.ignored, vec!["status=weird"]);
    }
}
