//! QR codes for deposit addresses: the module matrix (from `qrcodegen`, no dependencies) and its
//! drawing as a single SVG path, so the portal can show an address as a scannable code without
//! any network request or image file.
//!
//! Error correction is level M (15 %), raised by `qrcodegen` when the chosen version has room for
//! more at no cost. The drawing includes the standard 4-module quiet zone.

use std::fmt;

use qrcodegen::{QrCode, QrCodeEcc};

/// Light modules around the code that scanners need (the standard asks for 4).
pub const QUIET_ZONE: usize = 4;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QrError {
    /// The text does not fit in the largest QR code (version 40).
    TooLong,
}

impl fmt::Display for QrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QrError::TooLong => f.write_str("The text is too long for a QR code."),
        }
    }
}

impl std::error::Error for QrError {}

/// The dark/light modules of one QR code, row by row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrMatrix {
    size: usize,
    modules: Vec<bool>,
}

impl QrMatrix {
    /// Encode `text` (UTF-8; the most compact mode is chosen) at error-correction level M.
    pub fn encode(text: &str) -> Result<Self, QrError> {
        let code = QrCode::encode_text(text, QrCodeEcc::Medium).map_err(|_| QrError::TooLong)?;
        let size = usize::try_from(code.size()).unwrap_or(0);
        let mut modules = Vec::with_capacity(size * size);
        for y in 0..code.size() {
            for x in 0..code.size() {
                modules.push(code.get_module(x, y));
            }
        }
        Ok(QrMatrix { size, modules })
    }

    /// Modules per side (21 for version 1, up to 177).
    pub fn size(&self) -> usize {
        self.size
    }

    /// Whether the module at column `x`, row `y` is dark; outside the code, light.
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.size && y < self.size && self.modules[y * self.size + x]
    }

    /// Side of the drawing in modules, quiet zone included: the SVG `viewBox` is
    /// `0 0 side side`.
    pub fn side_with_quiet_zone(&self) -> usize {
        self.size + 2 * QUIET_ZONE
    }

    /// The dark modules as one SVG path (`d`), in module units, offset by the quiet zone: each
    /// horizontal run of dark modules is one rectangle (`M x,y h n v 1 h -n z`). Draw it with
    /// `shape-rendering="crispEdges"` on a light background.
    pub fn svg_path(&self) -> String {
        let mut d = String::new();
        for y in 0..self.size {
            let mut x = 0;
            while x < self.size {
                if !self.is_dark(x, y) {
                    x += 1;
                    continue;
                }
                let start = x;
                while x < self.size && self.is_dark(x, y) {
                    x += 1;
                }
                let run = x - start;
                d.push_str(&format!(
                    "M{},{}h{run}v1h-{run}z",
                    start + QUIET_ZONE,
                    y + QUIET_ZONE
                ));
            }
        }
        d
    }

    /// A greyscale raster of the drawing (0 = dark, 255 = light), `scale` pixels per module,
    /// quiet zone included: `(side_in_pixels, pixels row by row)`. For tests and image export.
    pub fn to_greyscale(&self, scale: usize) -> (usize, Vec<u8>) {
        let scale = scale.max(1);
        let side = self.side_with_quiet_zone() * scale;
        let mut pixels = vec![255u8; side * side];
        for py in 0..side {
            for px in 0..side {
                let (mx, my) = (px / scale, py / scale);
                let dark = mx >= QUIET_ZONE
                    && my >= QUIET_ZONE
                    && self.is_dark(mx - QUIET_ZONE, my - QUIET_ZONE);
                if dark {
                    pixels[py * side + px] = 0;
                }
            }
        }
        (side, pixels)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tron_address_fits_a_small_code() {
        let matrix = QrMatrix::encode("TJRabPrwbZy45sbavfcjinPJC18kjpRTv8").unwrap();
        // 34 bytes at level M: version 3, 29 modules per side.
        assert_eq!(matrix.size(), 29);
        assert_eq!(matrix.side_with_quiet_zone(), 37);
        // Finder pattern corners are dark, the quiet zone is light.
        assert!(matrix.is_dark(0, 0));
        assert!(matrix.is_dark(28, 0));
        assert!(matrix.is_dark(0, 28));
        assert!(!matrix.is_dark(29, 0));
    }

    #[test]
    fn the_path_draws_runs_offset_by_the_quiet_zone() {
        let matrix = QrMatrix::encode("T").unwrap();
        let d = matrix.svg_path();
        // The top-left finder pattern's first row is a run of 7 dark modules.
        assert!(d.starts_with("M4,4h7v1h-7z"), "{d}");
        let dark: usize = (0..matrix.size())
            .flat_map(|y| (0..matrix.size()).map(move |x| (x, y)))
            .filter(|&(x, y)| matrix.is_dark(x, y))
            .count();
        let drawn: usize = d
            .split('h')
            .skip(1)
            .step_by(2)
            .map(|n| n.split('v').next().unwrap().parse::<usize>().unwrap())
            .sum();
        assert_eq!(dark, drawn);
    }

    #[test]
    fn too_long_text_is_refused() {
        let text = "x".repeat(4000);
        assert_eq!(QrMatrix::encode(&text), Err(QrError::TooLong));
    }
}
