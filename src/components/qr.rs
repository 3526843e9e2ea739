//! A QR code drawn as inline SVG from `lumo_api::qr` (no image file, no network).

use leptos::prelude::*;
use lumo_api::qr::QrMatrix;

use crate::i18n::{tr, Key};

#[component]
pub fn QrCode(
    /// The text to encode (a deposit address).
    #[prop(into)]
    text: String,
    /// What the code holds, for screen readers ("QR code of the deposit address"): text or
    /// `tr(Key::…)`.
    #[prop(into)]
    label: TextProp,
    /// Rendered side in CSS pixels.
    #[prop(default = 168)]
    size: u32,
) -> impl IntoView {
    match QrMatrix::encode(&text) {
        Ok(matrix) => {
            let side = matrix.side_with_quiet_zone();
            let view_box = format!("0 0 {side} {side}");
            view! {
                <svg
                    class="qr-code"
                    role="img"
                    aria-label=label
                    viewBox=view_box
                    width=size
                    height=size
                    shape-rendering="crispEdges"
                    data-testid="qr-code"
                    data-modules=matrix.size()
                >
                    <rect class="qr-code__light" width=side height=side></rect>
                    <path class="qr-code__dark" d=matrix.svg_path()></path>
                </svg>
            }
            .into_any()
        }
        Err(error) => view! { <p class="muted">{error.to_string()}</p> }.into_any(),
    }
}

// ---- Deposit addresses: checked before they are shown as a QR code or offered for copying ----

/// Shown instead of the QR code and the copy button when a deposit address from the API fails
/// its base58check test: a corrupted address (in transit, in storage, or a bug) must never be
/// scanned or pasted into a wallet app, as funds sent to it are lost.
pub const BAD_ADDRESS_WARNING: Key = Key::WalletBadAddress;

/// Whether a deposit address may be shown as a QR code and offered for copying.
pub fn deposit_address_ok(address: &str) -> bool {
    lumo_api::rules::tron::is_valid_tron_address(address)
}

/// A deposit address with its QR code and copy button, once it passed its checksum test;
/// otherwise the warning, the address as received (for support, not to be used) and neither the
/// QR code nor the copy button. `children` follow the address in both cases.
#[component]
pub fn DepositAddressBlock(
    #[prop(into)] address: String,
    /// What the QR code holds, for screen readers: text or `tr(Key::…)`.
    #[prop(into)]
    qr_label: TextProp,
    children: Children,
) -> impl IntoView {
    if deposit_address_ok(&address) {
        view! {
            <QrCode text=address.clone() label=qr_label/>
            <div class="deposit-address__text">
                <code class="mono address" data-testid="deposit-address" translate="no">{address.clone()}</code>
                <crate::components::CopyButton text=address what=tr(Key::WalletAddressWhat)/>
                {children()}
            </div>
        }
        .into_any()
    } else {
        view! {
            <div class="deposit-address__text">
                <BadAddressWarning/>
                <p class="muted">
                    {tr(Key::WalletRejectedAddress)}" "
                    <code class="mono break-all" data-testid="rejected-address" translate="no">{address}</code>
                </p>
                {children()}
            </div>
        }
        .into_any()
    }
}

/// The checksum warning on its own (next to an address shown as text).
#[component]
pub fn BadAddressWarning() -> impl IntoView {
    view! {
        <p class="alert alert-error" role="alert" data-testid="address-checksum-warning">
            {tr(BAD_ADDRESS_WARNING)}
        </p>
    }
}

/// A shortened address with a copy button (a table cell), or, when it fails its checksum test,
/// the shortened text with a warning badge and no copy button.
#[component]
pub fn CheckedShortAddress(
    #[prop(into)] address: String,
    #[prop(default = 6)] keep: usize,
) -> impl IntoView {
    if deposit_address_ok(&address) {
        view! { <crate::components::ShortId value=address what=tr(Key::WalletShortAddressWhat) keep/> }.into_any()
    } else {
        let short = lumo_api::rules::deposits::shorten_middle(&address, keep);
        view! {
            <span class="short-id">
                <code class="mono" title=address translate="no">{short}</code>
                " "
                <span class="badge badge--danger" title=tr(BAD_ADDRESS_WARNING)
                    data-testid="address-checksum-badge">{tr(Key::WalletChecksumFailed)}</span>
            </span>
        }
        .into_any()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_address_passes_and_one_changed_character_fails() {
        let good = lumo_api::rules::tron::encode_tron_address(&[7u8; 20]);
        assert!(deposit_address_ok(&good));
        let mut chars: Vec<char> = good.chars().collect();
        let last = chars.len() - 1;
        chars[last] = if chars[last] == '2' { '3' } else { '2' };
        let bad: String = chars.into_iter().collect();
        assert!(!deposit_address_ok(&bad));
        assert!(!deposit_address_ok(""));
        assert!(!deposit_address_ok(&format!(" {good}")));
    }
}
