//! The signed-in layout: sidebar, top bar (company, environment, rate, theme, sign-out) and the
//! main area where protected pages render. Without a session it sends the user to sign in,
//! carrying the reason (expired key) and the path to return to.
//!
//! One exception ([`KeyInDoubt`]): when the answer to "Regenerate API key" was lost, a 401 means
//! the key was regenerated and its new value never arrived. The shell then explains exactly that,
//! and points to signing in with e-mail and password, instead of the generic "key no longer
//! valid" sign-in.

use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::components::offline_banner::OfflineBanner;
use crate::components::{EnvBadge, LanguageSelect, RateTicker};
use crate::drafts::use_drafts;
use crate::i18n::{tr, Key};
use crate::nav::{is_current, login_url, path_with_query, NavItem, NAV_ITEMS};
use crate::session::{use_session, EndReason};
use crate::theme::ThemeToggle;

/// Set while the answer to a key regeneration is unaccounted for (lost, and the old key not yet
/// seen working). Provided by the [`Shell`]; lives as long as it.
#[derive(Clone, Copy)]
pub struct KeyInDoubt(RwSignal<bool>);

impl KeyInDoubt {
    /// A regeneration was sent: until it is answered, or the old key is seen working, a key
    /// that stops working (401) means it was rotated and the new key is lost.
    pub fn begin(&self) {
        self.0.try_set(true);
    }

    /// The new key arrived, or the old key still works, or the request was refused.
    pub fn settle(&self) {
        self.0.try_set(false);
    }

    fn get(&self) -> bool {
        self.0.try_get().unwrap_or(false)
    }
}

pub fn use_key_in_doubt() -> Option<KeyInDoubt> {
    use_context::<KeyInDoubt>()
}

#[component]
pub fn Shell() -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let navigate = use_navigate();
    let key_in_doubt = KeyInDoubt(RwSignal::new(false));
    provide_context(key_in_doubt);
    // The key stopped working while a regeneration was in doubt (not a sign-out).
    let key_lost = move || key_in_doubt.get() && session.ended() == Some(EndReason::Expired);

    Effect::new(move |_| {
        if session.is_signed_in() {
            return;
        }
        if key_lost() {
            // Stay, and say what happened (below); the user goes on from there.
            return;
        }
        let here = path_with_query(
            &location.pathname.get_untracked(),
            &location.search.get_untracked(),
        );
        let url = match session.ended() {
            Some(EndReason::SignedOut) => login_url(None, None),
            Some(EndReason::Expired) => login_url(Some("expired"), Some(&here)),
            None => login_url(None, Some(&here)),
        };
        navigate(
            &url,
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
    });

    let signed_out = move || {
        if key_lost() {
            view! { <KeyLost/> }.into_any()
        } else {
            view! { <div class="boot" aria-busy="true"></div> }.into_any()
        }
    };
    view! {
        <Show when=move || session.is_signed_in() fallback=signed_out>
            <ShellLayout/>
        </Show>
    }
}

/// The key was regenerated but its new value never reached the portal: nothing here can call the
/// API any more. Signing in with e-mail and password issues a new key.
#[component]
fn KeyLost() -> impl IntoView {
    let href = login_url(None, Some("/profile"));
    view! {
        <main class="fatal-screen">
            <div class="fatal-card" role="alert" data-testid="key-lost">
                <h1>{tr(Key::AuthKeyLostTitle)}</h1>
                <p>{tr(Key::AuthKeyLostBody)}</p>
                <p>{tr(Key::AuthKeyLostNext)}</p>
                <a class="btn btn-primary" href=href>{tr(Key::AuthKeyLostAction)}</a>
            </div>
        </main>
    }
}

#[component]
fn ShellLayout() -> impl IntoView {
    crate::disputes_store::DisputesStore::provide();
    crate::seen_marks::SeenMarks::provide();
    let session = use_session();
    let drafts = use_drafts();
    let location = use_location();
    let main_ref = NodeRef::<leptos::html::Main>::new();

    let skip_to_content = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if let Some(main) = main_ref.get() {
            let _ = main.focus();
        }
    };
    let sign_out = move |_| {
        // Every draft of every company goes, in memory and in sessionStorage, before the
        // session ends (an expired key keeps them: see `drafts`).
        drafts.clear_all();
        session.sign_out();
    };
    let company = move || session.get().map(|s| s.company_name).unwrap_or_default();
    let environment = move || {
        session
            .get()
            .map(|s| view! { <EnvBadge env=s.environment/> })
    };

    view! {
        <a href="#main" class="skip-link" on:click=skip_to_content>{tr(Key::SkipToContent)}</a>
        <div class="shell">
            <aside class="sidebar">
                <a href="/orders" class="brand">
                    <span class="brand__mark" aria-hidden="true" translate="no">"L"</span>
                    <span class="brand__name" translate="no">"Lumo"</span>
                    <span class="brand__sub">{tr(Key::BrandSub)}</span>
                </a>
                <nav class="sidebar__nav" aria-label=tr(Key::NavMain)>
                    <ul>
                        {NAV_ITEMS
                            .iter()
                            .map(|item| view! { <NavLink item=*item pathname=location.pathname/> })
                            .collect_view()}
                    </ul>
                </nav>
            </aside>
            <div class="shell__body">
                <header class="topbar">
                    <div class="topbar__company" data-testid="company-name" translate="no">{company}</div>
                    {environment}
                    <RateTicker/>
                    <div class="topbar__spacer"></div>
                    <LanguageSelect/>
                    <ThemeToggle/>
                    <button type="button" class="btn btn-ghost" on:click=sign_out>{tr(Key::SignOut)}</button>
                </header>
                <main id="main" class="main" tabindex="-1" node_ref=main_ref>
                    <OfflineBanner/>
                    <Outlet/>
                </main>
            </div>
        </div>
    }
}

#[component]
fn NavLink(item: NavItem, pathname: Memo<String>) -> impl IntoView {
    view! {
        <li>
            <a
                href=item.href
                class="nav-link"
                aria-current=move || pathname.with(|path| is_current(&item, path)).then_some("page")
                aria-label=crate::seen_marks::nav_label(item.href, item.label)
            >
                <NavIcon path=item.icon/>
                <span>{tr(item.label)}</span>
                {crate::seen_marks::nav_count(item.href)}
            </a>
        </li>
    }
}

/// A sidebar icon (24×24, stroke): its path comes with the nav entry.
#[component]
fn NavIcon(path: &'static str) -> impl IntoView {
    view! {
        <svg class="nav-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"
            fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">
            <path d=path></path>
        </svg>
    }
}
