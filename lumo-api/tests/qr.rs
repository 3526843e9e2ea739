//! Round trip: encode with `lumo_api::qr`, rasterise, decode with an independent decoder (rqrr).

use lumo_api::qr::{QrMatrix, QUIET_ZONE};

fn decode(matrix: &QrMatrix, scale: usize) -> String {
    let (side, pixels) = matrix.to_greyscale(scale);
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| pixels[y * side + x]);
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the picture");
    let (_meta, text) = grids[0].decode().expect("decodes");
    text
}

#[test]
fn tron_addresses_round_trip() {
    for address in [
        "TJRabPrwbZy45sbavfcjinPJC18kjpRTv8",
        "TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE",
        "TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf",
    ] {
        let matrix = QrMatrix::encode(address).unwrap();
        assert_eq!(decode(&matrix, 4), address);
    }
}

#[test]
fn other_texts_round_trip_at_several_scales() {
    let texts = [
        "https://qr.nspk.ru/AD10006M8KH1SN4K9ABPQ5J2PAMRBCTO?type=02&bank=100000000111&sum=500000&cur=RUB&crc=1A2B",
        "12345678901234567890",
        "HELLO WORLD",
        "user-42 / Пример",
    ];
    for text in texts {
        let matrix = QrMatrix::encode(text).unwrap();
        for scale in [2, 3, 5] {
            assert_eq!(decode(&matrix, scale), text, "scale {scale}");
        }
    }
}

#[test]
fn the_raster_has_a_light_quiet_zone() {
    let matrix = QrMatrix::encode("TJRabPrwbZy45sbavfcjinPJC18kjpRTv8").unwrap();
    let (side, pixels) = matrix.to_greyscale(1);
    assert_eq!(side, matrix.size() + 2 * QUIET_ZONE);
    for i in 0..side {
        for edge in [0, side - 1] {
            assert_eq!(pixels[edge * side + i], 255);
            assert_eq!(pixels[i * side + edge], 255);
        }
    }
    assert_eq!(pixels[QUIET_ZONE * side + QUIET_ZONE], 0);
}
