//! The live USDT/RUB rate in the top bar (GET /rates/current): the effective rate the next quote
//! uses, and its age. Asked every 15 s while the tab is visible and the browser online, by the
//! same driver as the open disputes (`crate::refresh`): backing off while it fails (15 s, 30 s,
//! 60 s, … up to 5 min, jittered), never before a Retry-After, at once when the tab becomes
//! visible again after that long or the browser comes back online. Optional: a failure shows
//! "rate unavailable" or keeps the last value marked stale, never an error page. A 401 goes through the same client as every other
//! request (the session ends once, the shell sends the user to sign in).

use std::time::Duration;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use lumo_api::models::Rate;
use lumo_api::rules::money::format_rate_in;
use lumo_api::rules::rates::{
    age_label, is_stale, rate_age_seconds, RateAge, RATE_REFRESH_SECONDS,
};
use lumo_api::rules::refresh::RefreshPolicy;
use lumo_api::ApiError;

use crate::client::{polled_resource, ApiResource};
use crate::i18n::{locale, t, tf, tr, Key};
use crate::refresh::{self, Schedule};

#[derive(Clone, PartialEq)]
struct Shown {
    rate: Rate,
    fetched_at: DateTime<Utc>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Failure {
    /// 404/405: this deployment has no rate operation; polling stops.
    Unsupported,
    /// 503, network, timeout, anything else: the next poll tries again.
    Failed,
}

#[component]
pub fn RateTicker() -> impl IntoView {
    let shown = RwSignal::new(None::<Shown>);
    let failure = RwSignal::new(None::<Failure>);
    // The first load is due at once; `poll` sends it when the tab is visible.
    let schedule = Schedule::due_now(RefreshPolicy::every_seconds(RATE_REFRESH_SECONDS));
    let now = RwSignal::new(Utc::now());
    // The read, made by the first load (the tab may be hidden at first) under this view.
    let owner = StoredValue::new(Owner::current().map(|owner| owner.downgrade()));
    let rate = StoredValue::new(None::<ApiResource<Rate>>);

    let fetch = move || {
        // try_*: a timer can fire once more after sign-out disposed these values.
        if failure.try_get_untracked().flatten() == Some(Failure::Unsupported) {
            return;
        }
        match rate.try_get_value() {
            // The first load keeps the client's quick retries; later ones are sent once, the
            // schedule's backoff being their retry.
            Some(Some(resource)) if !untrack(|| resource.loading()) => {
                schedule.started();
                resource.refetch_once();
            }
            Some(None) => {
                let Some(owner) = owner.get_value().and_then(|weak| weak.upgrade()) else {
                    return;
                };
                schedule.started();
                let resource = owner.with(|| {
                    let resource = polled_resource(lumo_api::requests::get_current_rate);
                    Effect::new(move |_| {
                        if let Some(result) = resource.get() {
                            show(result, schedule, shown, failure);
                        }
                    });
                    resource
                });
                rate.set_value(Some(resource));
            }
            _ => {}
        }
    };

    // 404/405 stops it for good.
    let active = Signal::derive(move || failure.get() != Some(Failure::Unsupported));
    refresh::poll(schedule, active, fetch);
    // The shown age only (no request): one second per second.
    if let Ok(handle) = set_interval_with_handle(
        move || {
            now.try_set(Utc::now());
        },
        Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }

    let age = move || {
        shown.with(|s| {
            s.as_ref()
                .map(|s| rate_age_seconds(s.rate.updated_at, s.fetched_at, now.get()))
        })
    };
    let stale = move || failure.get().is_some() || age().is_some_and(is_stale);

    view! {
        <div class="rate-slot">
            {move || match (shown.get(), failure.get()) {
                (None, None) => view! {
                    <span class="rate-ticker rate-ticker--loading" data-testid="rate-ticker" translate="no">"USDT/RUB …"</span>
                }.into_any(),
                (None, Some(kind)) => {
                    let title = match kind {
                        Failure::Unsupported => tr(Key::WalletRateUnsupported),
                        Failure::Failed => tr(Key::WalletRateFailed),
                    };
                    view! {
                        <span class="rate-ticker rate-ticker--unavailable" title=title data-testid="rate-ticker">
                            <span translate="no">"USDT/RUB"</span>": "{tr(Key::WalletRateUnavailable)}
                        </span>
                    }.into_any()
                }
                (Some(s), _) => {
                    let (effective, base) = (s.rate.effective_rate, s.rate.rate);
                    let bps = s.rate.qr_rate_offset_bps.to_string();
                    let rate_text = move || format_rate_in(locale(), effective);
                    let title = move || {
                        tf(
                            Key::WalletRateTitle,
                            &[
                                ("effective", &format_rate_in(locale(), effective)),
                                ("base", &format_rate_in(locale(), base)),
                                ("bps", &bps),
                            ],
                        )
                    };
                    view! {
                        <span class="rate-ticker" class:rate-ticker--stale=stale title=title data-testid="rate-ticker">
                            <span class="rate-ticker__pair" translate="no">"USDT/RUB"</span>
                            " "
                            <span class="rate-ticker__value" data-testid="rate-value" translate="no">{rate_text}</span>
                            " "
                            <span class="rate-ticker__age">
                                {move || age().map(|seconds| age_text(age_label(seconds))).unwrap_or_default()}
                            </span>
                            {move || stale().then(|| view! {
                                <span class="rate-ticker__stale">" · "{tr(Key::WalletRateStale)}</span>
                            })}
                        </span>
                    }.into_any()
                }
            }}
        </div>
    }
}

/// "updated 12 s ago" in the language on screen (units are abbreviated, so Russian needs no
/// plural forms: «обновлено 3 мин назад»).
fn age_text(age: RateAge) -> String {
    let (key, n) = match age {
        RateAge::JustNow => return t(Key::WalletRateJustNow).to_string(),
        RateAge::Seconds(n) => (Key::WalletRateSeconds, n),
        RateAge::Minutes(n) => (Key::WalletRateMinutes, n),
        RateAge::Hours(n) => (Key::WalletRateHours, n),
    };
    tf(key, &[("n", &n.to_string())])
}

/// One answer of the rate read, reported to the schedule and shown.
fn show(
    result: Result<Rate, ApiError>,
    schedule: Schedule,
    shown: RwSignal<Option<Shown>>,
    failure: RwSignal<Option<Failure>>,
) {
    match &result {
        Ok(_) => schedule.succeeded(),
        Err(error) => schedule.failed(error),
    }
    match result {
        Ok(rate) => {
            shown.set(Some(Shown {
                rate,
                fetched_at: Utc::now(),
            }));
            failure.set(None);
        }
        Err(error) if error.is_unsupported_operation() => {
            failure.set(Some(Failure::Unsupported));
        }
        // The session handles a 401 (sign-in page); nothing to show here.
        Err(ApiError::Unauthorized { .. }) => {}
        Err(_) => {
            failure.set(Some(Failure::Failed));
        }
    }
}
