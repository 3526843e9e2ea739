//! One file per route. Pages are thin: read params, create resources, lay out components.
//!
//! The landing pages (sign-in, orders) and "not found" are in the main wasm. Every other page is
//! a split point (`lazy_route!`): its code, and what only it uses, is a chunk of its own that the
//! browser fetches the first time the page opens (components/lazy_page.rs).

use std::sync::OnceLock;

use leptos::prelude::*;

use crate::components::lazy_page::{LazyPage, PageNotLoaded, PageView};

mod disputes;
mod disputes_insights;
mod login;
mod new_order;
mod not_found;
mod order_detail;
mod orders;
mod profile;
mod register;
mod user_wallet_detail;
mod user_wallets;
mod wallet;

pub use login::LoginPage;
pub use not_found::NotFound;
pub use orders::OrdersPage;

/// `$route`: the route's view, which loads chunk `$chunk` holding `$page`.
macro_rules! lazy_route {
    ($route:ident, $chunk:ident, $page:path) => {
        #[allow(non_snake_case)]
        pub fn $route() -> impl IntoView {
            #[leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
            fn load() -> Result<PageView, PageNotLoaded> {
                Ok(|| $page().into_any())
            }
            static READY: OnceLock<PageView> = OnceLock::new();
            view! { <LazyPage load=|| Box::pin(load()) ready=&READY/> }
        }
    };
}

lazy_route!(RegisterRoute, register, register::RegisterPage);
lazy_route!(NewOrderRoute, new_order, new_order::NewOrderPage);
lazy_route!(
    OrderDetailRoute,
    order_detail,
    order_detail::OrderDetailPage
);
lazy_route!(DisputesRoute, disputes, disputes::DisputesPage);
lazy_route!(
    InsightsRoute,
    insights,
    disputes_insights::DisputesInsightsPage
);
lazy_route!(WalletRoute, wallet, wallet::WalletPage);
lazy_route!(
    UserWalletsRoute,
    user_wallets,
    user_wallets::UserWalletsPage
);
lazy_route!(
    UserWalletDetailRoute,
    user_wallet,
    user_wallet_detail::UserWalletDetailPage
);
lazy_route!(ProfileRoute, profile, profile::ProfilePage);
