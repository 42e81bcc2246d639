//! Diagnostic: prints a file's track timing (start_ts, frame count, delay, padding), its first packets, and
//! every packet whose timestamp does not follow on from the frames decoded before it.
//! `cargo run --release --example probe_packets -- FILE`
use std::fs::File;
use symphonia::core::codecs::audio::AudioDecoderOptions;
use symphonia::core::formats::probe::Hint;
use symphonia::core::formats::{FormatOptions, TrackType};
use symphonia::core::io::{MediaSourceStream, MediaSourceStreamOptions};
use symphonia::core::meta::MetadataOptions;
use symphonia::default::{get_codecs, get_probe};
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let mss = MediaSourceStream::new(Box::new(File::open(&path).unwrap()), MediaSourceStreamOptions::default());
    let mut format = get_probe().probe(&Hint::new(), mss, FormatOptions::default(), MetadataOptions::default()).unwrap();
    let track = format.default_track(TrackType::Audio).unwrap().clone();
    println!("start_ts {:?} num_frames {:?} delay {:?} padding {:?} tb {:?}", track.start_ts, track.num_frames, track.delay, track.padding, track.time_base);
    let params = track.codec_params.as_ref().unwrap().audio().unwrap().clone();
    let mut dec = get_codecs().make_audio_decoder(&params, &AudioDecoderOptions::default()).unwrap();
    let mut total = 0u64; let mut n = 0; let mut expect: Option<i64> = None;
    while let Ok(Some(p)) = format.next_packet() {
        let frames = dec.decode(&p).map(|b| b.frames()).unwrap_or(0);
        if n < 6 { println!("pts {} dur {} trim_start {} trim_end {} frames {} total_before {}", p.pts.get(), p.dur.get(), p.trim_start.get(), p.trim_end.get(), frames, total); }
        let start = p.pts.get() + p.trim_start.get() as i64;
        if let Some(e) = expect { if e != start && n >= 6 { println!("discontinuity at packet {n}: expected {e}, pts+trim {start} (dur {} frames {frames}, decoded so far {total})", p.dur.get()); } }
        expect = Some(start + frames as i64);
        total += frames as u64; n += 1;
    }
    let whole = mecomp_embed_bench::decode::decode_whole(std::path::Path::new(&path)).unwrap();
    println!("packets {n} decoded frames {total}; whole decode len at 22050: {}", whole.len());
}
