//! Property tests: whatever the bytes, decoding and the whole pipeline return text or an error
//! record, and never panic (an error record that says "panic" fails them).

use proptest::prelude::*;
use tilmech::config::Config;
use tilmech::document::Format;
use tilmech::output::record::Status;
use tilmech::Pipeline;

fn pipeline() -> &'static Pipeline {
    static PIPELINE: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::new(Config::default()).expect("pipeline builds"))
}

/// The pipeline turns a panic into an error record so that a run goes on; here one is a bug.
fn panicked(record: &tilmech::output::record::Record) -> bool {
    record
        .error
        .as_ref()
        .is_some_and(|e| e.message.contains("panic"))
}

/// Text in several scripts, cut and re-encoded in assorted ways.
fn damaged_text() -> impl Strategy<Value = Vec<u8>> {
    let text = "[а-яА-ЯңөүҢӨҮa-zA-Z0-9 .,«»—–’\"\n]{0,200}";
    (text, 0usize..6, any::<usize>()).prop_map(|(t, how, cut)| {
        let bytes: Vec<u8> = match how {
            0 => t.into_bytes(),
            1 => encoding_rs::WINDOWS_1251.encode(&t).0.into_owned(),
            2 => encoding_rs::KOI8_R.encode(&t).0.into_owned(),
            3 => t.encode_utf16().flat_map(u16::to_le_bytes).collect(),
            4 => [
                &[0xFE, 0xFF][..],
                &t.encode_utf16()
                    .flat_map(u16::to_be_bytes)
                    .collect::<Vec<_>>(),
            ]
            .concat(),
            _ => encoding_rs::WINDOWS_1251
                .decode(t.as_bytes())
                .0
                .into_owned()
                .into_bytes(),
        };
        // Truncate anywhere, even inside a multi-byte sequence.
        let keep = if bytes.is_empty() {
            0
        } else {
            cut % (bytes.len() + 1)
        };
        bytes[..keep].to_vec()
    })
}

proptest! {
    // A fixed seed keeps CI reproducible; the properties were also run with 8,000 random cases.
    #![proptest_config(ProptestConfig {
        cases: 300,
        rng_seed: proptest::test_runner::RngSeed::Fixed(20_261_123),
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let decoded = pipeline().decoder().decode("fuzz.txt", Format::Txt, &bytes);
        if let Ok(d) = decoded {
            prop_assert!(!d.text.contains('\0'));
        }
        let record = pipeline().process_bytes("fuzz.html", Format::Html, &bytes);
        prop_assert_eq!(record.status == Status::Error, record.error.is_some());
        prop_assert!(!panicked(&record), "{:?}", record.error);
    }

    #[test]
    fn damaged_text_never_panics(bytes in damaged_text()) {
        for format in [Format::Txt, Format::Md, Format::Html] {
            let record = pipeline().process_bytes("fuzz", format, &bytes);
            match record.status {
                Status::Ok => {
                    prop_assert!(!record.text.is_empty());
                    let chars = record.text.chars().count();
                    for s in &record.segments {
                        prop_assert!(s.start < s.end && s.end <= chars);
                    }
                }
                Status::Filtered => {
                    prop_assert!(record.text.is_empty() && !record.removed.is_empty());
                }
                Status::Error => {
                    prop_assert!(record.error.is_some());
                    prop_assert!(!panicked(&record), "{:?}", record.error);
                }
            }
        }
    }

    /// (Two-letter words such as "Рё" and "пё" are taken for mojibake of "и" and "У": neither
    /// is a word.)
    #[test]
    fn words_of_real_letters_are_never_repaired(text in "([А-ЯҢӨҮ]?[а-яёңөү]{3,12}[ .,«»—]{1,2}){1,12}") {
        let repaired = tilmech::decode::mojibake::repair(&text);
        prop_assert_eq!(repaired.text.as_ref(), text.as_str());
        prop_assert!(repaired.undone.is_empty());
    }
}
