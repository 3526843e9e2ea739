//! Numbers with a fixed count of decimals (SVG coordinates, fractions), written with integer
//! arithmetic: `format!("{:.2}", x)` on a float pulls core's float formatting (about 15 KB of
//! code) into the wasm, for output no one reads.

/// `value` with exactly `places` decimals (at most 9), rounded half away from zero: what
/// `format!("{value:.places$}")` writes, except that exact ties may round the other way. Not a
/// number is written as 0; values beyond ±1.8e10 are clamped (far outside any SVG drawn here).
pub fn fixed(value: f64, places: u32) -> String {
    let places = places.min(9);
    let scale = 10_u64.pow(places);
    // `as` saturates and maps NaN to 0; adding 0.5 before the truncating cast rounds.
    let scaled = (value.abs() * scale as f64 + 0.5) as u64;
    let sign = if value < 0.0 && scaled != 0 { "-" } else { "" };
    let whole = scaled / scale;
    if places == 0 {
        return format!("{sign}{whole}");
    }
    let fraction = scaled % scale;
    format!("{sign}{whole}.{fraction:0width$}", width = places as usize)
}

#[cfg(test)]
mod tests {
    use super::fixed;

    #[test]
    fn matches_std_formatting_away_from_ties() {
        for value in [
            0.0,
            0.5,
            1.0,
            99.0,
            300.5,
            12.345_678,
            0.001,
            599.999,
            1e9 + 0.25,
        ] {
            for places in 0..=4 {
                let scaled = value * 10_f64.powi(places as i32);
                if scaled.fract() == 0.5 {
                    continue; // An exact tie: std rounds it to even.
                }
                assert_eq!(
                    fixed(value, places),
                    format!("{value:.prec$}", prec = places as usize),
                    "{value} to {places} places"
                );
                assert_eq!(
                    fixed(-value - 1.0, places),
                    format!("{:.prec$}", -value - 1.0, prec = places as usize)
                );
            }
        }
    }

    #[test]
    fn edge_values() {
        assert_eq!(fixed(0.0, 2), "0.00");
        assert_eq!(fixed(-0.0001, 2), "0.00");
        assert_eq!(fixed(f64::NAN, 3), "0.000");
        assert_eq!(fixed(2.0 / 3.0, 3), "0.667");
        assert_eq!(fixed(1.0, 3), "1.000");
        assert_eq!(fixed(0.999_6, 3), "1.000");
        assert_eq!(fixed(7.0, 0), "7");
        assert_eq!(fixed(0.5, 0), "1");
        assert_eq!(fixed(300.5, 0), "301");
        assert_eq!(fixed(1.5, 12), "1.500000000");
    }
}
