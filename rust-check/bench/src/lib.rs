//! Benchmarks around the exported embedding model, kept out of `rust-check` itself so that CI's
//! `cargo test` there never compiles bliss-audio, symphonia or rubato.
//!
//! * `bliss-features`: bliss-audio's 23 features of every clip of a data set, as a CSV that
//!   `eval --features` reads.
//! * `scan-bench`: a MECOMP-style library scan (symphonia, mono, rubato to 22,050 Hz, embed) timed
//!   against bliss-audio's analysis of the same files.

pub mod dataset;
pub mod decode;
pub mod embed;
pub mod metadata;
pub mod stats;
pub mod windows;

/// The rate MECOMP decodes to and the model's input rate.
pub const SAMPLE_RATE: u32 = 22_050;
/// Samples in one window of v1's rule (one second); a model's own rule is in its metadata
/// ([`windows::WindowRule`]).
pub const WINDOW: usize = SAMPLE_RATE as usize;
/// Most windows v1 looks at (its exported graph's K).
pub const MAX_WINDOWS: usize = 30;
