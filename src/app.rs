//! The root: loads `/config.json`, provides the contexts (config, session, client, drafts) and
//! holds the route table. Protected routes render inside the [`Shell`].

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::path;

use crate::client::{fetch_raw, Client, RawRequest};
use crate::config::{Config, DEFAULT_TIMEOUT_MS};
use crate::drafts::Drafts;
use crate::i18n::{self, tr, Key};
use crate::pages::{
    DisputesRoute, InsightsRoute, LoginPage, NewOrderRoute, NotFound, OrderDetailRoute, OrdersPage,
    ProfileRoute, RegisterRoute, UserWalletDetailRoute, UserWalletsRoute, WalletRoute,
};
use crate::session::SessionCtx;
use crate::shell::Shell;

#[component]
pub fn App() -> impl IntoView {
    // The configuration and, for a Russian reader, the Russian words load side by side; the
    // portal shows once both are here. Russian that cannot load leaves the portal in English,
    // where the language select says so when Russian is chosen again.
    let config = LocalResource::new(|| async {
        let words = i18n::switch_to(i18n::initial_locale(), false);
        let (config, _) = futures_util::future::join(load_config(), words).await;
        config
    });
    Effect::new(|| i18n::apply_to_document(i18n::locale()));
    move || match config.get() {
        None => view! {
            <div class="boot" aria-busy="true"><p class="boot__text">{tr(Key::Loading)}</p></div>
        }
        .into_any(),
        Some(Err(message)) => view! { <ConfigError message/> }.into_any(),
        Some(Ok(config)) => view! { <Portal config/> }.into_any(),
    }
}

/// The app once its configuration is known.
#[component]
fn Portal(config: Config) -> impl IntoView {
    let timeout_ms = config.timeout_ms();
    provide_context(config);
    let session = SessionCtx::provide();
    Client::provide(session, timeout_ms);
    Drafts::provide();

    view! {
        <Router>
            <Routes fallback=|| view! { <NotFound/> }>
                <Route path=path!("/login") view=LoginPage/>
                <Route path=path!("/register") view=RegisterRoute/>
                <ParentRoute path=path!("") view=Shell>
                    <Route path=path!("/") view=|| view! { <Redirect path="/orders"/> }/>
                    <Route path=path!("/orders") view=OrdersPage/>
                    <Route path=path!("/orders/new") view=NewOrderRoute/>
                    <Route path=path!("/orders/:id") view=OrderDetailRoute/>
                    <Route path=path!("/disputes") view=DisputesRoute/>
                    <Route path=path!("/disputes/insights") view=InsightsRoute/>
                    <Route path=path!("/wallet") view=WalletRoute/>
                    <Route path=path!("/user-wallets") view=UserWalletsRoute/>
                    <Route path=path!("/user-wallets/:externalId") view=UserWalletDetailRoute/>
                    <Route path=path!("/profile") view=ProfileRoute/>
                    <Route path=path!("/*any") view=NotFound/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}

async fn load_config() -> Result<Config, String> {
    let headers = [("Accept", "application/json".to_string())];
    let request = RawRequest {
        method: "GET",
        url: "/config.json",
        headers: &headers,
        body: None,
        own_site_file: true,
    };
    let answer = fetch_raw(&request, DEFAULT_TIMEOUT_MS, None)
        .await
        .map_err(|error| format!("/config.json could not be loaded. {error}"))?;
    if answer.status != 200 {
        return Err(format!("/config.json answered HTTP {}.", answer.status));
    }
    Config::parse(&answer.body)
}

#[component]
fn ConfigError(message: String) -> impl IntoView {
    let reload = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    };
    view! {
        <main class="fatal-screen">
            <div class="fatal-card" role="alert">
                <h1>{tr(Key::ConfigErrorTitle)}</h1>
                <p>{tr(Key::ConfigErrorBody)}</p>
                <p class="fatal-card__detail">{message}</p>
                <p>{tr(Key::ConfigErrorPersists)}</p>
                <button type="button" class="btn btn-primary" on:click=reload>{tr(Key::Reload)}</button>
            </div>
        </main>
    }
}
