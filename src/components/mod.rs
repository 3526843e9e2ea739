//! Reusable views and the pieces several pages share. Pages compose these; a component never
//! imports a page.

pub mod api_view;
pub mod bar_chart;
pub mod chart;
pub mod confirm_dialog;
pub mod copy_button;
pub mod countdown;
pub mod csv_download;
pub mod deposit_history;
pub mod deposits_table;
pub mod dispute_card;
pub mod env_badge;
pub mod error_panel;
pub mod field;
pub mod key_reveal;
pub mod loading;
pub mod money;
pub mod offline_banner;
pub mod page_header;
pub mod pagination;
pub mod progressive;
pub mod qr;
pub mod rate_ticker;
pub mod status_badge;
pub mod time;
pub mod timeline;
pub mod url_list;
pub mod user_wallet;

pub use api_view::ApiView;
pub use chart::DepositsChart;
pub use confirm_dialog::ConfirmDialog;
pub use copy_button::CopyButton;
pub use countdown::Countdown;
pub use deposits_table::{DepositsTable, ShortId};
pub use dispute_card::DisputeCard;
pub use env_badge::EnvBadge;
pub use error_panel::ErrorPanel;
pub use field::Field;
pub use key_reveal::KeyReveal;
pub use loading::Loading;
pub use money::Money;
pub use page_header::PageHeader;
pub use qr::DepositAddressBlock;
pub use rate_ticker::RateTicker;
pub use time::Time;
pub use url_list::IgnoredQueryNotice;
