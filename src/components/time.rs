//! A timestamp: local time as text, the UTC value on hover, ISO in `datetime`.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::format;

#[component]
pub fn Time(
    value: DateTime<Utc>,
    /// Include seconds (detail views).
    #[prop(optional)]
    seconds: bool,
) -> impl IntoView {
    let text = move || {
        if seconds {
            format::local_datetime_seconds(&value)
        } else {
            format::local_datetime(&value)
        }
    };
    view! {
        <time datetime=format::iso(&value) title=move || format::utc_datetime(&value)>{text}</time>
    }
}
