//! Unsaved form input kept in memory across navigation, so a form interrupted by an expired key
//! (sign-in, then back) comes back as the user left it. Memory only: never stored, and
//! cleared on sign-out.

use std::collections::HashMap;

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Drafts {
    values: StoredValue<HashMap<String, String>>,
}

impl Drafts {
    pub fn provide() -> Drafts {
        let drafts = Drafts {
            values: StoredValue::new(HashMap::new()),
        };
        provide_context(drafts);
        drafts
    }

    pub fn get(&self, key: &str) -> Option<String> {
        self.values
            .try_with_value(|values| values.get(key).cloned())
            .flatten()
    }

    pub fn set(&self, key: &str, value: String) {
        self.values.try_update_value(|values| {
            values.insert(key.to_string(), value);
        });
    }

    pub fn remove(&self, key: &str) {
        self.values.try_update_value(|values| {
            values.remove(key);
        });
    }

    /// Forget every draft whose key starts with `prefix` (after a successful save).
    pub fn clear_prefix(&self, prefix: &str) {
        self.values.try_update_value(|values| {
            values.retain(|key, _| !key.starts_with(prefix));
        });
    }

    pub fn clear_all(&self) {
        self.values.try_update_value(HashMap::clear);
    }
}

pub fn use_drafts() -> Drafts {
    expect_context::<Drafts>()
}
