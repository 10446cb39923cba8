//! Scaling benchmark (`cargo bench --bench scaling`): for each adversarial document shape,
//! the time the whole pipeline takes on one document of size n and of size 4n, and their
//! ratio. A linear stage gives about 4; a quadratic one 16.
//!
//! `TILMECH_SCALING_N` sets n (default 20000).

use std::time::Instant;
use tilmech::config::Config;
use tilmech::eval::shapes::Shape;
use tilmech::output::record::Status;

fn main() {
    let n: usize = std::env::var("TILMECH_SCALING_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    let pipeline = tilmech::Pipeline::new(Config::default()).expect("pipeline builds");
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("thread pool");
    println!(
        "{:<20} {:>9} {:>10} {:>9} {:>10} {:>6}",
        "shape", "n", "seconds", "4n", "seconds", "ratio"
    );
    for shape in Shape::ALL {
        let time = |size: usize| {
            let doc = shape.document(size);
            let t = Instant::now();
            let record =
                pool.install(|| pipeline.process_bytes("scaling", shape.format(), doc.as_bytes()));
            let secs = t.elapsed().as_secs_f64();
            // Speed only: whether the record is right is for `tests/shapes.rs`.
            let outcome = match (&record.status, &record.error) {
                (Status::Error, Some(e)) => format!("  [{} record: {}]", e.stage, e.message),
                (Status::Filtered, _) => "  [filtered: all boilerplate]".to_string(),
                _ => String::new(),
            };
            (secs, outcome)
        };
        let (small, _) = time(n);
        let (large, outcome) = time(4 * n);
        println!(
            "{:<20} {:>9} {:>10.3} {:>9} {:>10.3} {:>6.2}{outcome}",
            shape.name(),
            n,
            small,
            4 * n,
            large,
            large / small.max(1e-9)
        );
    }
}
