//! Arithmetic on amounts from the API that cannot panic.
//!
//! The API may send any number up to [`Decimal::MAX`] (79 228 162 514 264 337 593 543 950 335), and
//! rust_decimal's `+`, `-` and `*` operators panic when a result leaves that range. Every sum
//! over API amounts goes through here instead and ends in a [`Total`]: the exact value, or
//! [`OutOfRange`], which the page words ("too large to show").

use rust_decimal::Decimal;

/// A result beyond what [`Decimal`] holds (about ±7.9 × 10²⁸).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutOfRange;

/// A sum of amounts: exact, or out of range.
pub type Total = Result<Decimal, OutOfRange>;

/// `total + amount`. Once out of range a total stays so: the lost part cannot be recovered.
pub fn add(total: Total, amount: Decimal) -> Total {
    total?.checked_add(amount).ok_or(OutOfRange)
}

/// The sum of `amounts`, in order. A running total that leaves the range at any point is
/// [`OutOfRange`], even if later (negative) amounts would have brought it back.
pub fn checked_sum(amounts: impl IntoIterator<Item = Decimal>) -> Total {
    amounts.into_iter().fold(Ok(Decimal::ZERO), add)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_exactly_and_reports_overflow_instead_of_panicking() {
        let cents = [Decimal::new(10, 2), Decimal::new(20, 2)];
        assert_eq!(checked_sum(cents), Ok(Decimal::new(30, 2)));
        assert_eq!(checked_sum([]), Ok(Decimal::ZERO));
        assert_eq!(checked_sum([Decimal::MAX, Decimal::ONE]), Err(OutOfRange));
        assert_eq!(checked_sum([Decimal::MIN, -Decimal::ONE]), Err(OutOfRange));
        assert_eq!(checked_sum([Decimal::MAX, Decimal::MIN]), Ok(Decimal::ZERO));
        // Out of range is sticky: MAX + 1 - 1 is not MAX again.
        assert_eq!(
            checked_sum([Decimal::MAX, Decimal::ONE, -Decimal::ONE]),
            Err(OutOfRange)
        );
    }
}
