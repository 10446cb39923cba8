//! Boilerplate removal on the labelled documents of tests/fixtures/boilerplate (the seeds and
//! site templates in ky, ru and en): no article line may be lost.

use tilmech::config::Config;
use tilmech::Pipeline;

#[test]
fn labelled_documents_keep_content_and_lose_boilerplate() {
    let pipeline = Pipeline::new(Config::default()).unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/boilerplate");
    let docs = tilmech::corpus::read_labelled(&dir).unwrap();
    assert!(docs.len() >= 8);
    let result = tilmech::eval::eval_boilerplate(&pipeline, &docs);
    assert_eq!(
        result.content.0, result.content.1,
        "content lines dropped:\n{result}"
    );
    assert!(
        result.boilerplate.1 * 100 >= result.boilerplate.0 * 95,
        "too little boilerplate removed:\n{result}"
    );
}

#[test]
fn turned_off_it_keeps_every_line() {
    let mut config = Config::default();
    config.boilerplate.enabled = false;
    let pipeline = Pipeline::new(config).unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/boilerplate");
    let docs = tilmech::corpus::read_labelled(&dir).unwrap();
    let result = tilmech::eval::eval_boilerplate(&pipeline, &docs);
    assert_eq!(result.boilerplate.1, 0);
    assert_eq!(result.content.0, result.content.1);
}
