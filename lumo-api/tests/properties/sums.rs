//! (b) Sums: any list of amounts through every summing function: no panic, and a total that is
//! `Ok` is the exact sum, recomputed in i128.

use chrono::{DateTime, Duration, Utc};
use lumo_api::models::{Currency, DepositStatus};
use lumo_api::rules::amounts::{checked_sum, OutOfRange};
use lumo_api::rules::deposits::{deposits_per_day, DepositLine};
use proptest::prelude::*;
use rust_decimal::Decimal;

use crate::support::{any_decimal, config, micros, small_decimal, MAX_MANTISSA};

fn line(amount: Decimal, currency: Currency, day: i64) -> DepositLine {
    DepositLine {
        id: "d".into(),
        tx_hash: "ab".into(),
        amount,
        currency,
        status: DepositStatus::Pending,
        created_at: DateTime::<Utc>::UNIX_EPOCH + Duration::days(day),
        confirmed_at: None,
        from_address: None,
        to_address: None,
    }
}

/// The sum of integers as `checked_sum` must report it: `Err` as soon as a running total leaves
/// ±(2^96 - 1), else the exact value. i128 holds 50 × 2^96 with room to spare.
fn expected_integer_sum(amounts: &[i128]) -> Result<Decimal, OutOfRange> {
    let mut total: i128 = 0;
    for amount in amounts {
        total += amount;
        if total.abs() > MAX_MANTISSA {
            return Err(OutOfRange);
        }
    }
    Ok(Decimal::from_i128_with_scale(total, 0))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_amounts_sum_without_panicking(
        amounts in prop::collection::vec(any_decimal(), 0..40),
        days in prop::collection::vec(0_i64..5, 40),
    ) {
        let total = checked_sum(amounts.iter().copied());
        if let Ok(total) = total {
            // Decimal rounds beyond 28 digits, so compare with its own sum where it did not fail.
            let mut plain = Decimal::ZERO;
            for amount in &amounts {
                plain = plain.checked_add(*amount).expect("checked_sum was Ok");
            }
            prop_assert_eq!(total, plain);
        }
        let lines: Vec<DepositLine> = amounts
            .iter()
            .zip(&days)
            .enumerate()
            .map(|(i, (amount, day))| {
                let currency = if i % 3 == 0 { Currency::Trx } else { Currency::Usdt };
                line(*amount, currency, *day)
            })
            .collect();
        let series = deposits_per_day(&lines, |t| t.date_naive());
        let _ = (series.summary(), series.bars(600.0, 100.0), series.total_count());
        let totals = series.totals();
        prop_assert_eq!(series.total_count() as usize, lines.len());
        // A day out of range makes the whole series total out of range.
        for bin in &series.bins {
            for (currency, day_total) in &bin.totals {
                if day_total.is_err() {
                    prop_assert_eq!(totals[currency], Err(OutOfRange));
                }
            }
        }
    }

    #[test]
    fn integer_sums_are_exact_or_out_of_range(
        amounts in prop::collection::vec(
            prop_oneof![-MAX_MANTISSA..=MAX_MANTISSA, -1000_i128..1000],
            0..50,
        ),
    ) {
        let decimals = amounts.iter().map(|a| Decimal::from_i128_with_scale(*a, 0));
        prop_assert_eq!(checked_sum(decimals.clone()), expected_integer_sum(&amounts));
        // One day, one currency: the chart's total is the same sum, in the same order.
        let lines: Vec<DepositLine> = decimals.map(|a| line(a, Currency::Usdt, 0)).collect();
        let series = deposits_per_day(&lines, |t| t.date_naive());
        if !amounts.is_empty() {
            prop_assert_eq!(series.bins[0].totals["USDT"], expected_integer_sum(&amounts));
            prop_assert_eq!(series.totals()["USDT"], expected_integer_sum(&amounts));
        }
    }

    #[test]
    fn small_amounts_sum_exactly(
        amounts in prop::collection::vec(small_decimal(), 0..50),
        days in prop::collection::vec(0_i64..400, 50),
    ) {
        let exact: i128 = amounts.iter().map(|a| micros(*a)).sum();
        let expected = Decimal::from_i128_with_scale(exact, 6);
        prop_assert_eq!(checked_sum(amounts.iter().copied()), Ok(expected));
        // Spread over days (some beyond the chart's 366): what the chart keeps sums exactly.
        let lines: Vec<DepositLine> = amounts
            .iter()
            .zip(&days)
            .map(|(amount, day)| line(*amount, Currency::Usdt, *day))
            .collect();
        let series = deposits_per_day(&lines, |t| t.date_naive());
        if let Some(first) = series.bins.first() {
            let kept: i128 = lines
                .iter()
                .filter(|l| l.created_at.date_naive() >= first.date)
                .map(|l| micros(l.amount))
                .sum();
            prop_assert_eq!(series.totals()["USDT"], Ok(Decimal::from_i128_with_scale(kept, 6)));
            let per_day: usize = series.bins.iter().map(|b| b.count as usize).sum();
            prop_assert_eq!(per_day + series.left_out, lines.len());
        }
    }
}
