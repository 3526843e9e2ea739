//! A QR code drawn as inline SVG from `lumo_api::qr` (no image file, no network).

use leptos::prelude::*;
use lumo_api::qr::QrMatrix;

#[component]
pub fn QrCode(
    /// The text to encode (a deposit address).
    #[prop(into)]
    text: String,
    /// What the code holds, for screen readers ("QR code of the deposit address").
    #[prop(into)]
    label: String,
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
