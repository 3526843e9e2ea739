//! Query parameters of the list operations, with the contract's bounds.

use crate::models::OrderStatus;

/// The contract's page-size bounds: 1..=100, default 20.
pub const MIN_LIMIT: u32 = 1;
pub const MAX_LIMIT: u32 = 100;
pub const DEFAULT_LIMIT: u32 = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub limit: u32,
    pub offset: u32,
}

impl Default for Page {
    fn default() -> Self {
        Page {
            limit: DEFAULT_LIMIT,
            offset: 0,
        }
    }
}

impl Page {
    /// A page with its limit clamped into the contract's bounds.
    pub fn new(limit: u32, offset: u32) -> Self {
        Page {
            limit: limit.clamp(MIN_LIMIT, MAX_LIMIT),
            offset,
        }
    }

    pub fn next(self) -> Self {
        Page {
            offset: self.offset.saturating_add(self.limit),
            ..self
        }
    }

    pub fn previous(self) -> Self {
        Page {
            offset: self.offset.saturating_sub(self.limit),
            ..self
        }
    }

    /// 1-based page number, for display.
    pub fn number(self) -> u32 {
        self.offset / self.limit.max(1) + 1
    }

    pub(crate) fn to_pairs(self) -> Vec<(&'static str, String)> {
        vec![
            ("limit", self.limit.to_string()),
            ("offset", self.offset.to_string()),
        ]
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrdersQuery {
    pub page: Page,
    pub status: Option<OrderStatus>,
    pub external_order_id: Option<String>,
}

impl OrdersQuery {
    pub(crate) fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = self.page.to_pairs();
        if let Some(status) = &self.status {
            pairs.push(("status", status.as_wire().to_string()));
        }
        if let Some(id) = self
            .external_order_id
            .as_deref()
            .filter(|id| !id.is_empty())
        {
            pairs.push(("externalOrderId", id.to_string()));
        }
        pairs
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserWalletsQuery {
    pub page: Page,
    pub external_id: Option<String>,
}

impl UserWalletsQuery {
    pub(crate) fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(id) = self.external_id.as_deref().filter(|id| !id.is_empty()) {
            pairs.push(("externalId", id.to_string()));
        }
        pairs.extend(self.page.to_pairs());
        pairs
    }
}
