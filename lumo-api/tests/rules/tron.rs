use lumo_api::rules::tron::*;

/// The addresses the contract's examples use.
const CONTRACT_ADDRESSES: [&str; 3] = [
    "TJRabPrwbZy45sbavfcjinPJC18kjpRTv8",
    "TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE",
    "TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf",
];

#[test]
fn the_contract_example_addresses_are_valid() {
    // Checked independently too (Python: base58 decode, double SHA-256): all three are valid.
    for address in CONTRACT_ADDRESSES {
        assert_eq!(tron_address_problem(address), None, "{address}");
        assert!(is_valid_tron_address(address));
    }
}

#[test]
fn a_one_character_change_breaks_the_checksum() {
    for address in CONTRACT_ADDRESSES {
        for index in 1..address.len() {
            let original = address.as_bytes()[index];
            let replacement = if original == b'2' { b'3' } else { b'2' };
            let mut mutated = address.as_bytes().to_vec();
            mutated[index] = replacement;
            let mutated = String::from_utf8(mutated).unwrap();
            assert!(!is_valid_tron_address(&mutated), "{mutated}");
            assert!(tron_address_problem(&mutated).is_some());
        }
    }
    assert_eq!(
        tron_address_problem("TJRabPrwbZy45sbavfcjinPJC18kjpRTv9"),
        Some(TronProblem::ChecksumMismatch)
    );
}

#[test]
fn each_problem_has_its_reason() {
    let problem = |s: &str| tron_address_problem(s);
    use TronProblem::*;
    assert_eq!(problem(""), Some(Missing));
    assert_eq!(problem("   "), Some(Missing));
    assert_eq!(
        problem(" TJRabPrwbZy45sbavfcjinPJC18kjpRTv8"),
        Some(SurroundingSpaces)
    );
    let length = Some(WrongLength { expected: 34 });
    assert_eq!(problem("TJRabPrwbZy45sbavfcjinPJC18kjpRTv"), length);
    assert_eq!(problem("TJRabPrwbZy45sbavfcjinPJC18kjpRTv88"), length);
    assert_eq!(
        problem("AJRabPrwbZy45sbavfcjinPJC18kjpRTv8"),
        Some(NotStartingWithT)
    );
    for bad in [
        "TJRabPrwbZy45sbavfcjinPJC18kjpRTv0",
        "TJRabPrwbZy45sbavfcjinPJC18kjpRTvO",
        "TJRabPrwbZy45sbavfcjinPJC18kjpRTvl",
        "TJRabPrwbZy45sbavfcjinPJC18kjpRTvé",
        "TJRabPrwbZy45sbavfcjinPJC18kjp-Tv8",
    ] {
        assert_eq!(problem(bad), Some(BadCharacter), "{bad}");
    }
    // 34 characters, starts with T, decodes, but the version byte is not 0x41.
    assert_eq!(
        problem("T111111111111111111111111111111111"),
        Some(WrongVersion)
    );
    assert_eq!(
        problem("Tzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"),
        Some(WrongVersion)
    );
    // Bitcoin's genesis address: valid base58check, wrong version and length.
    assert_eq!(
        problem("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"),
        Some(NotStartingWithT)
    );
}

#[test]
fn encoding_gives_valid_addresses_that_decode_to_their_payload() {
    for seed in 0u8..=255 {
        let payload: [u8; 20] =
            std::array::from_fn(|i| seed.wrapping_mul(31).wrapping_add(i as u8 * 7));
        let address = encode_tron_address(&payload);
        assert_eq!(address.len(), 34, "{address}");
        assert!(address.starts_with('T'), "{address}");
        assert!(is_valid_tron_address(&address), "{address}");
        assert_eq!(decode_tron_address(&address), Some(payload));
    }
    assert!(is_valid_tron_address(&encode_tron_address(&[0; 20])));
    assert!(is_valid_tron_address(&encode_tron_address(&[0xff; 20])));
    for address in CONTRACT_ADDRESSES {
        let payload = decode_tron_address(address).unwrap();
        assert_eq!(encode_tron_address(&payload), address);
    }
    assert_eq!(
        decode_tron_address("TJRabPrwbZy45sbavfcjinPJC18kjpRTv9"),
        None
    );
}
