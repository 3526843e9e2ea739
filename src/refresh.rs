//! The one driver for everything that polls (the rate ticker, the open disputes): it follows
//! `lumo_api::rules::refresh` (cadence, backoff with jitter, Retry-After) with one timer, and
//! the browser's `visibilitychange`, `online` and `offline` events.
//!
//! - [`Schedule`]: the policy and where a poller stands. Every load of the polled data, asked
//!   for or automatic, reports to it ([`Schedule::started`], [`Schedule::succeeded`],
//!   [`Schedule::failed`]), so a 429 from a Refresh click holds the automatic attempts too.
//! - [`poll`]: runs the poller's load when the schedule says so, while it is active, the tab is
//!   visible and the browser online. No timer at all otherwise; becoming visible or coming back
//!   online wakes the schedule (at once, never before a pending Retry-After).
//!
//! Times are `Date.now()` (milliseconds), which Playwright's `page.clock` drives like the timers.

use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use leptos_use_event_listener::use_event_listener;
use lumo_api::rules::refresh::{RefreshPolicy, RefreshState, Wake};
use lumo_api::ApiError;

/// The longest one browser timer may wait (`setTimeout` takes an i32 of milliseconds); a longer
/// wait re-arms when it ends.
const MAX_TIMER_MS: u64 = i32::MAX as u64;

pub fn now_ms() -> i64 {
    // Date.now() is an integer number of milliseconds; `as` saturates.
    js_sys::Date::now() as i64
}

/// The policy and the state of one poller. Copy; lives as long as the owner that created it.
#[derive(Clone, Copy)]
pub struct Schedule {
    policy: RefreshPolicy,
    state: RwSignal<RefreshState>,
    /// How many loads have started.
    loads: StoredValue<u32>,
}

impl Schedule {
    /// Nothing due until the owner starts a first load.
    pub fn idle(policy: RefreshPolicy) -> Schedule {
        Schedule {
            policy,
            state: RwSignal::new(RefreshState::idle()),
            loads: StoredValue::new(0),
        }
    }

    /// The first load is due at once (sent when the tab is visible).
    pub fn due_now(policy: RefreshPolicy) -> Schedule {
        Schedule {
            policy,
            state: RwSignal::new(RefreshState::due_at(now_ms())),
            loads: StoredValue::new(0),
        }
    }

    /// A load starts (asked for or automatic). `try_`: a late callback after the owner is gone
    /// does nothing.
    pub fn started(&self) {
        self.loads.try_update_value(|n| *n = n.wrapping_add(1));
        let policy = self.policy;
        self.state.try_update(|s| s.started(&policy, now_ms()));
    }

    /// How many loads have started so far (to tell whether one started since).
    pub fn loads_started(&self) -> u32 {
        self.loads.try_get_value().unwrap_or(0)
    }

    pub fn succeeded(&self) {
        let policy = self.policy;
        self.state.try_update(|s| s.succeeded(&policy, now_ms()));
    }

    pub fn failed(&self, error: &ApiError) {
        let policy = self.policy;
        let random = js_sys::Math::random();
        self.state
            .try_update(|s| s.failed(&policy, now_ms(), error, random));
    }

    /// Milliseconds a server's Retry-After still holds requests back (0: none). Untracked.
    pub fn hold_ms(&self) -> u64 {
        self.state
            .try_with_untracked(|s| s.hold_ms(now_ms()))
            .unwrap_or(0)
    }

    fn wake(&self, wake: Wake) {
        let policy = self.policy;
        self.state.try_update(|s| s.wake(&policy, now_ms(), wake));
    }

    /// `None` once the owner is gone.
    fn with<R>(&self, f: impl FnOnce(&RefreshState) -> R) -> Option<R> {
        self.state.try_with_untracked(f)
    }
}

pub fn document_hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.hidden() || d.visibility_state() == web_sys::VisibilityState::Hidden)
}

fn browser_offline() -> bool {
    web_sys::window().is_some_and(|w| !w.navigator().on_line())
}

/// Run `load` whenever `schedule` says a refresh is due, while `active` is true, the tab is
/// visible and the browser online. `load` must report to the schedule (it starts a load that
/// calls `started` and then `succeeded` or `failed`). Stops with the calling owner. Returns
/// whether the tab is hidden (tracked), for the UI.
pub fn poll(schedule: Schedule, active: Signal<bool>, load: impl Fn() + 'static) -> Signal<bool> {
    let load = Rc::new(load);
    let hidden = RwSignal::new(document_hidden());
    let offline = RwSignal::new(browser_offline());
    // Bumped when a timer ends before the attempt is due (a wait longer than one timer, or a
    // timer a millisecond early): the effect arms the next one.
    let rearm = RwSignal::new(0_u32);
    let timer = StoredValue::new(Timer::default());
    let clear_timer = move || {
        timer.try_update_value(Timer::disarm);
    };

    Effect::new(move |_| {
        rearm.track();
        let wait = schedule.state.with(|s| s.wait_ms(now_ms()));
        let go = active.get() && !hidden.get() && !offline.get();
        let (true, Some(wait)) = (go, wait) else {
            clear_timer();
            return;
        };
        let load = Rc::clone(&load);
        Timer::arm(timer, wait, move || {
            if document_hidden() {
                // The change event was missed: pause until it comes.
                hidden.try_set(true);
                return;
            }
            if offline.try_get_untracked() == Some(true) {
                return;
            }
            let now = now_ms();
            match schedule.with(|s| (s.in_flight(), s.due(now))) {
                // Its answer changes the state, which arms the timer again.
                None | Some((true, _)) => return,
                // Early (a wait longer than one timer, or a millisecond short): arm again.
                Some((false, false)) => {
                    rearm.try_update(|n| *n = n.wrapping_add(1));
                    return;
                }
                Some((false, true)) => {}
            }
            if active.try_get_untracked().unwrap_or(false) {
                load();
            }
        });
    });

    // use_document_visibility does not fit: it reads visibilityState only, where
    // document_hidden also honours `document.hidden`.
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        let _ = use_event_listener(document, leptos::ev::visibilitychange, move |_| {
            let now_hidden = document_hidden();
            hidden.try_set(now_hidden);
            if !now_hidden {
                schedule.wake(Wake::Visible);
            }
        });
    }
    let on_online = window_event_listener(leptos::ev::online, move |_| {
        offline.try_set(false);
        schedule.wake(Wake::Online);
    });
    let on_offline = window_event_listener(leptos::ev::offline, move |_| {
        offline.try_set(true);
    });
    on_cleanup(move || {
        on_online.remove();
        on_offline.remove();
        clear_timer();
    });
    hidden.into()
}

/// The one pending timer of a poller. Disarming also bumps `generation`, which the timer checks
/// when it fires: `clearTimeout` alone is not relied upon (a fake clock's timer ids, such as
/// Playwright's from 10^12 up, do not fit the i32 handle, so clearing by handle may miss). Not
/// leptos-use's use_timeout_fn for that reason (it stops by handle), and it has one delay per hook.
#[derive(Default)]
pub struct Timer {
    generation: u64,
    handle: Option<TimeoutHandle>,
}

impl Timer {
    pub fn disarm(&mut self) {
        self.generation = self.generation.wrapping_add(1);
        if let Some(handle) = self.handle.take() {
            handle.clear();
        }
    }

    /// Disarm, then arm `then` for `ms`; it runs only if nothing disarmed it meanwhile.
    pub fn arm(timer: StoredValue<Timer>, ms: u64, then: impl FnOnce() + 'static) {
        let Some(generation) = timer.try_update_value(|t| {
            t.disarm();
            t.generation
        }) else {
            return;
        };
        let handle = set_timer(ms, move || {
            if timer.try_with_value(|t| t.generation == generation) == Some(true) {
                timer.try_update_value(|t| t.handle = None);
                then();
            }
        });
        timer.try_update_value(|t| t.handle = handle);
    }
}

/// A timer for `ms`, clamped to what one browser timer can wait (about 24.8 days): a caller
/// with a longer wait checks again when it fires.
pub fn set_timer(ms: u64, then: impl FnOnce() + 'static) -> Option<TimeoutHandle> {
    set_timeout_with_handle(then, Duration::from_millis(ms.min(MAX_TIMER_MS))).ok()
}

/// Wait without blocking the page.
pub async fn sleep(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let scheduled = web_sys::window().and_then(|window| {
            window
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    &resolve,
                    i32::try_from(ms).unwrap_or(i32::MAX),
                )
                .ok()
        });
        if scheduled.is_none() {
            let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
