//! Bar chart geometry in whole SVG user units: bar heights are exact fractions of the largest
//! value (rust_decimal, integer arithmetic), rounded half up, and every position is a `u32`, so
//! the portal writes them with `to_string()` and never formats a float.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

/// The size of one chart, in SVG user units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// Horizontal room of one bar, gap included.
    pub slot: u32,
    /// Space between two bars (half of it on each side of a bar).
    pub gap: u32,
    /// Height of the drawing area: the largest value's bar.
    pub height: u32,
    /// Height of the stub drawn for a zero or unknown value, so every bar can be seen and focused.
    pub stub: u32,
}

/// One bar, in SVG user units (y grows downwards, bars stand on `layout.height`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bar {
    /// Left edge of the bar's whole slot (the column a pointer or the focus highlights).
    pub slot_x: u32,
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
    /// The value is zero or unknown: drawn as a stub.
    pub stub: bool,
    /// The bar's centre as a share of the chart's width, in hundredths of a percent (0..=10000),
    /// for placing an HTML tooltip over a stretched SVG.
    pub center_hundredths: u32,
}

/// The width of a chart of `count` bars.
pub fn chart_width(count: usize, layout: Layout) -> u32 {
    u32::try_from(count)
        .unwrap_or(u32::MAX)
        .saturating_mul(layout.slot)
}

/// Bars for `values` (`None`: unknown, e.g. a sum too large to show). The largest value fills
/// `layout.height`; any other positive value gets its exact share, rounded half up, and at least
/// one unit more than a stub so it never looks like zero. Negative values count as zero.
pub fn bars(values: &[Option<Decimal>], layout: Layout) -> Vec<Bar> {
    let max = values
        .iter()
        .flatten()
        .copied()
        .filter(|v| *v > Decimal::ZERO)
        .max();
    let width = chart_width(values.len(), layout);
    let bar_width = layout.slot.saturating_sub(layout.gap).max(1);
    let stub = layout.stub.min(layout.height);
    let smallest = stub.saturating_add(1).min(layout.height);
    values
        .iter()
        .enumerate()
        .map(|(i, value)| {
            let index = u32::try_from(i).unwrap_or(u32::MAX);
            let slot_x = index.saturating_mul(layout.slot);
            let x = slot_x.saturating_add(layout.gap / 2);
            let scaled = match (value, max) {
                (Some(v), Some(max)) if *v > Decimal::ZERO => {
                    Some(share_of(*v, max, layout.height).max(smallest))
                }
                _ => None,
            };
            let height = scaled.unwrap_or(stub);
            Bar {
                slot_x,
                x,
                y: layout.height - height,
                width: bar_width,
                height,
                stub: scaled.is_none(),
                center_hundredths: hundredths(
                    u64::from(x) * 2 + u64::from(bar_width),
                    u64::from(width) * 2,
                ),
            }
        })
        .collect()
}

/// `round(value / max * height)`, half up, within `0..=height` (`value <= max`).
fn share_of(value: Decimal, max: Decimal, height: u32) -> u32 {
    value
        .checked_div(max)
        .and_then(|ratio| ratio.checked_mul(Decimal::from(height)))
        .map(|h| h.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero))
        .and_then(|h| h.to_u32())
        .unwrap_or(height)
        .min(height)
}

/// `part / whole` in hundredths of a percent, rounded half up, at most 10000; 0 when `whole` is 0.
pub fn hundredths(part: u64, whole: u64) -> u32 {
    if whole == 0 {
        return 0;
    }
    let (part, whole) = (u128::from(part.min(whole)), u128::from(whole));
    let value = (part * 20_000 + whole) / (2 * whole);
    u32::try_from(value).unwrap_or(10_000)
}

/// Hundredths of a percent as a CSS length: 1234 -> "12.34%".
pub fn percent_css(hundredths: u32) -> String {
    format!("{}.{:02}%", hundredths / 100, hundredths % 100)
}
