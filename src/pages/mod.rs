//! One file per route. Pages are thin: read params, create resources, lay out components.

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

pub use disputes::DisputesPage;
pub use disputes_insights::DisputesInsightsPage;
pub use login::LoginPage;
pub use new_order::NewOrderPage;
pub use not_found::NotFound;
pub use order_detail::OrderDetailPage;
pub use orders::OrdersPage;
pub use profile::ProfilePage;
pub use register::RegisterPage;
pub use user_wallet_detail::UserWalletDetailPage;
pub use user_wallets::UserWalletsPage;
pub use wallet::WalletPage;
