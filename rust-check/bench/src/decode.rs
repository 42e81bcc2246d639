//! Decoding to mono 22,050 Hz, two ways.
//!
//! * [`decode_whole`]: the whole song with bliss-audio's symphonia decoder, upstreamed from
//!   `mecomp-analysis`: symphonia, stereo mixed as (l + r) * sqrt(2) / 2 like MECOMP, rubato's FFT resampler
//!   (chunks of 4096 in 4 sub-chunks). MECOMP 0.7.3 itself resamples with rubato's cubic `FastFixedIn`
//!   instead; `../mecomp` times MECOMP's own decoder.
//! * [`decode_windows`]: only the one-second windows the model uses, each with a margin, found by
//!   seeking (or by reading packets without decoding them). Each stretch is mixed and resampled with
//!   the same settings, on a grid aligned with the whole-song resampler's blocks, so that away from the
//!   margins it computes the same samples as the whole-song decode.

use std::f32::consts::SQRT_2;
use std::fs::File;
use std::path::Path;

use audioadapter_buffers::direct::InterleavedSlice;
use bliss_audio::decoder::symphonia::SymphoniaDecoder;
use bliss_audio::decoder::Decoder as _;
use rubato::{Fft, FixedSync, Resampler};
use symphonia::core::codecs::audio::{AudioCodecParameters, AudioDecoderOptions};
use symphonia::core::errors::Error as SymError;
use symphonia::core::formats::probe::Hint;
use symphonia::core::formats::{FormatOptions, FormatReader, SeekMode, SeekTo, TrackType};
use symphonia::core::io::{MediaSourceStream, MediaSourceStreamOptions};
use symphonia::core::meta::MetadataOptions;
use symphonia::core::packet::Packet;
use symphonia::core::units::{TimeBase, Timestamp};
use symphonia::default::{get_codecs, get_probe};

use crate::windows::{self, WindowRule};
use crate::SAMPLE_RATE;

/// rubato settings of bliss-audio's (MECOMP's) decoder; the window decoder must use the same ones.
const RESAMPLER_CHUNK: usize = 4096;
const RESAMPLER_SUB_CHUNKS: usize = 4;

/// MECOMP's decode of a whole song: mono samples at 22,050 Hz.
///
/// bliss-audio refuses a file whose container declares no length ("duration is either unknown or
/// infinite": an Ogg Vorbis stream without its end-of-stream page, which every player plays); such a
/// file is decoded by [`decode_all`] instead, with the same steps.
pub fn decode_whole(path: &Path) -> Result<Vec<f32>, String> {
    match SymphoniaDecoder::decode(path) {
        Ok(song) => Ok(song.sample_array),
        Err(e) => {
            let message = e.to_string();
            if !message.contains("unknown or infinite") {
                return Err(message);
            }
            decode_all(path).map_err(|again| format!("{message}; decoding it to its end failed too: {again}"))
        }
    }
}

/// A file's format reader and what its default audio track declares.
struct OpenTrack {
    format: Box<dyn FormatReader>,
    track_id: u32,
    params: AudioCodecParameters,
    rate: u32,
    time_base: Option<TimeBase>,
    /// The track's length in frames, when the container declares it.
    num_frames: Option<u64>,
}

/// Opens `path` with symphonia's probe and finds its default audio track.
fn open_track(path: &Path) -> Result<OpenTrack, String> {
    let file = File::open(path).map_err(|e| format!("cannot open: {e}"))?;
    let mss = MediaSourceStream::new(Box::new(file), MediaSourceStreamOptions::default());
    let format = get_probe()
        .probe(&Hint::new(), mss, FormatOptions::default(), MetadataOptions::default())
        .map_err(|e| format!("not a readable audio file: {e}"))?;
    let track = format.default_track(TrackType::Audio).ok_or("no audio track")?;
    let params = track
        .codec_params
        .as_ref()
        .and_then(|p| p.audio())
        .ok_or("the audio track has no codec parameters")?
        .clone();
    let rate = params.sample_rate.ok_or("unknown sample rate")?;
    let (track_id, time_base, num_frames) = (track.id, track.time_base, track.num_frames);
    Ok(OpenTrack { format, track_id, params, rate, time_base, num_frames })
}

/// Every packet of the file's audio track decoded, mixed and resampled as MECOMP's decoder does
/// (symphonia, [`mix_to_mono`], [`resample`]), without needing the length the container declares.
pub fn decode_all(path: &Path) -> Result<Vec<f32>, String> {
    let OpenTrack { mut format, track_id, params, rate, .. } = open_track(path)?;
    let mut decoder = get_codecs()
        .make_audio_decoder(&params, &AudioDecoderOptions::default())
        .map_err(|e| format!("unsupported codec: {e}"))?;
    let mut mono = Vec::new();
    let mut interleaved: Vec<f32> = Vec::new();
    while let Some(packet) = next_track_packet(&mut *format, track_id)? {
        let buffer = match decoder.decode(&packet) {
            Ok(b) => b,
            Err(SymError::DecodeError(_)) => continue,
            Err(SymError::ResetRequired) => {
                decoder.reset();
                continue;
            }
            Err(e) => return Err(format!("decoding failed: {e}")),
        };
        let channels = buffer.spec().channels().count().max(1);
        interleaved.resize(buffer.samples_interleaved(), 0.0);
        buffer.copy_to_slice_interleaved(&mut interleaved[..]);
        mono.extend(interleaved.chunks_exact(channels).map(mix_to_mono));
    }
    if mono.is_empty() {
        return Err("no audio decoded".to_string());
    }
    resample(mono, rate)
}

/// How the window decoder reaches each window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// `FormatReader::seek` (accurate mode) to each window; packets between windows are never read.
    Seek,
    /// Read every packet but decode only those near the windows (no seeking).
    Skip,
}

/// The model input built from the windows it uses.
#[derive(Debug)]
pub struct WindowInput {
    /// The selected windows, concatenated (K * 22,050 samples), or the whole song when it has at most
    /// K windows (then the whole-song decode is used and `whole` is true).
    pub samples: Vec<f32>,
    /// W estimated from the container's frame count, as the whole decode would give it.
    pub window_count: usize,
    pub whole: bool,
    /// Source frames actually decoded (for the share of the song decoded).
    pub decoded_frames: u64,
    /// Source frames of the whole song (estimated).
    pub total_frames: u64,
    /// Packets that failed to decode inside the decoded stretches (they leave silence there).
    pub decode_errors: usize,
    /// The source's sample rate.
    pub rate: u32,
}

/// Seconds decoded (and discarded) before and after each window.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margin {
    /// Decoder warm-up (MP3's bit reservoir and overlap, Vorbis's overlap) and the resampler's history.
    pub before: f64,
    /// The resampler's look-ahead only.
    pub after: f64,
}

impl Default for Margin {
    /// The smallest margins measured to leave every embedding of /work/fulltracks/mixed bit-identical to
    /// those of 0.2 s on both sides (see README.md, "The margin"): 0.1 s before, 0.05 s after.
    fn default() -> Self {
        Margin { before: 0.1, after: 0.05 }
    }
}

/// Decodes the windows a model of window rule `rule` uses, with `margin` decoded (and discarded) before
/// and after each. Songs of at most K windows, and files whose frame count or time base is unknown,
/// are decoded whole with [`decode_whole`].
pub fn decode_windows(path: &Path, rule: WindowRule, margin: Margin, reach: Reach) -> Result<WindowInput, String> {
    let window = rule.samples;
    let OpenTrack { mut format, track_id, params, rate, time_base, num_frames } = open_track(path)?;
    let frames_per_tick = time_base.filter(|tb| tb.numer.get() == 1 && tb.denom.get() == rate);
    // Decoders trim encoder delay and padding (symphonia's gapless default), so the whole-song decode
    // holds the track's frames from its start timestamp on, and the container's frame count is its length.
    let total_frames = num_frames;
    let whole = |total: u64| -> Result<WindowInput, String> {
        let samples = decode_whole(path)?;
        let window_count = samples.len() / window;
        Ok(WindowInput { samples, window_count, whole: true, decoded_frames: total, total_frames: total, decode_errors: 0, rate })
    };
    let (Some(total_frames), Some(_)) = (total_frames, frames_per_tick) else {
        return whole(total_frames.unwrap_or(0));
    };
    let resampled_len = if rate == SAMPLE_RATE {
        total_frames as usize
    } else {
        (SAMPLE_RATE as f64 / rate as f64 * total_frames as f64).ceil() as usize
    };
    let window_count = resampled_len / window;
    if window_count <= rule.k {
        return whole(total_frames);
    }
    let selected = windows::select(window_count, rule.k);
    let stretches = plan_stretches(&selected, window, rate, margin);

    let mut decoder = get_codecs()
        .make_audio_decoder(&params, &AudioDecoderOptions::default())
        .map_err(|e| format!("unsupported codec: {e}"))?;
    // Timestamps are in frames (time base 1/rate). A packet's decoded frames start at its timestamp
    // plus its start trim (the encoder delay an MP3's or Vorbis's first packet carries, already cut by
    // the decoder); the first packet's is sample 0 of the whole-song decode (0 in practice, while the
    // track's start timestamp is -256 for a Vorbis file).
    let mut pending = next_track_packet(&mut *format, track_id)?;
    let origin = pending.as_ref().map(|p| first_frame(p, 0)).ok_or("no audio packets")?;

    let mut samples = vec![0.0f32; selected.len() * window];
    let mut decoded_frames = 0u64;
    let mut decode_errors = 0usize;
    let mut interleaved: Vec<f32> = Vec::new();
    let mut resampler = if rate == SAMPLE_RATE { None } else { Some(To22050::new(rate)?) };
    for stretch in &stretches {
        let (start, end) = (stretch.start as i64, stretch.end as i64);
        let mut source = vec![0.0f32; (end - start) as usize];
        let pending_end = pending.as_ref().map(|p| first_frame(p, origin) + p.dur.get() as i64);
        let far_ahead = pending_end.is_some_and(|e| e + 2 * (rate as i64) < start);
        let mut fresh = false;
        // After a seek the demuxer stands where decoding should start (an MP3 reader steps back over
        // the frames holding the target frame's bit reservoir): decode from there, skip nothing.
        let mut skip_allowed = true;
        if reach == Reach::Seek && far_ahead {
            let to = SeekTo::Timestamp { ts: Timestamp::new(origin + start), track_id };
            if format.seek(SeekMode::Accurate, to).is_ok() {
                decoder.reset();
                pending = None;
                fresh = true;
                skip_allowed = false;
            }
        }
        loop {
            let packet = match pending.take() {
                Some(p) => p,
                None => match next_track_packet(&mut *format, track_id)? {
                    Some(p) => p,
                    None => break,
                },
            };
            let p_start = first_frame(&packet, origin);
            if p_start >= end {
                pending = Some(packet);
                break;
            }
            if skip_allowed && p_start + (packet.dur.get() as i64) < start {
                // Not needed: neither read into the decoder nor counted. The decoder starts afresh at
                // the next decoded packet, inside the margin. (Strictly before: a Vorbis file's first
                // packet gives no frames but primes the decoder for sample 0.)
                fresh = true;
                continue;
            }
            if fresh {
                decoder.reset();
                fresh = false;
            }
            let buffer = match decoder.decode(&packet) {
                Ok(b) => b,
                Err(SymError::DecodeError(_)) => {
                    decode_errors += 1;
                    continue;
                }
                Err(SymError::ResetRequired) => {
                    decoder.reset();
                    continue;
                }
                Err(e) => return Err(format!("decoding failed: {e}")),
            };
            let frames = buffer.frames();
            let channels = buffer.spec().channels().count().max(1);
            interleaved.resize(buffer.samples_interleaved(), 0.0);
            buffer.copy_to_slice_interleaved(&mut interleaved[..]);
            decoded_frames += frames as u64;
            for f in 0..frames {
                let pos = p_start + f as i64;
                if pos < start || pos >= end {
                    continue;
                }
                source[(pos - start) as usize] = mix_to_mono(&interleaved[f * channels..(f + 1) * channels]);
            }
        }
        let resampled = match resampler.as_mut() {
            Some(r) => r.run(source)?,
            None => source,
        };
        for &(slot, index) in &stretch.windows {
            // The stretch starts on the resampler's block grid, so its first output sample is a whole
            // sample of the whole-song decode, and so is this offset.
            let offset = index * window - to_output(stretch.start, rate);
            let dst = &mut samples[slot * window..(slot + 1) * window];
            let available = resampled.len().saturating_sub(offset).min(window);
            dst[..available].copy_from_slice(&resampled[offset..offset + available]);
        }
    }
    Ok(WindowInput { samples, window_count, whole: false, decoded_frames, total_frames, decode_errors, rate })
}

/// A stretch of source frames [start, end) to decode and the windows (slot in the model input,
/// window index) it covers.
#[derive(Debug, PartialEq)]
struct Stretch {
    start: u64,
    end: u64,
    windows: Vec<(usize, usize)>,
}

/// Stretches around the selected windows of `window` output samples each: each window's source frames
/// plus the margin on both sides, the start moved down onto the whole-song resampler's block grid (so
/// the two resamplers see the same blocks), overlapping stretches merged.
fn plan_stretches(selected: &[usize], window: usize, rate: u32, margin: Margin) -> Vec<Stretch> {
    let block = resampler_block(rate) as u64;
    let before = (margin.before * rate as f64).ceil() as u64;
    let after = (margin.after * rate as f64).ceil() as u64;
    let out_rate = SAMPLE_RATE as u64;
    let mut out: Vec<Stretch> = Vec::new();
    for (slot, &w) in selected.iter().enumerate() {
        // source frames of output samples [w * window, (w + 1) * window), rounded outwards
        let first = (w * window) as u64 * rate as u64 / out_rate;
        let past = (((w + 1) * window) as u64 * rate as u64).div_ceil(out_rate);
        let start = first.saturating_sub(before) / block * block;
        let end = past + after;
        match out.last_mut() {
            Some(last) if start <= last.end => {
                last.end = end;
                last.windows.push((slot, w));
            }
            _ => out.push(Stretch { start, end, windows: vec![(slot, w)] }),
        }
    }
    out
}

/// The output sample (at 22,050 Hz) at source frame `frame`, for a frame on the resampler's block grid.
fn to_output(frame: u64, rate: u32) -> usize {
    (frame * SAMPLE_RATE as u64 / rate as u64) as usize
}

/// Input frames of one block of rubato's FFT resampler with MECOMP's settings (its `fft_size_in`):
/// the sub-chunk size rounded up to a multiple of rate / gcd(rate, 22050). 1 when no resampling.
fn resampler_block(rate: u32) -> usize {
    if rate == SAMPLE_RATE {
        return 1;
    }
    let min_chunk = (rate / gcd(rate, SAMPLE_RATE)) as usize;
    let wanted = RESAMPLER_CHUNK / RESAMPLER_SUB_CHUNKS;
    wanted.div_ceil(min_chunk) * min_chunk
}

fn gcd(mut a: u32, mut b: u32) -> u32 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Position in the whole-song decode of the first frame the decoder gives for this packet.
fn first_frame(packet: &Packet, origin: i64) -> i64 {
    packet.pts.get() + packet.trim_start.get() as i64 - origin
}

/// One frame to mono the way MECOMP's decoder does it.
#[inline]
fn mix_to_mono(frame: &[f32]) -> f32 {
    match frame.len() {
        1 => frame[0],
        2 => (frame[0] + frame[1]) * SQRT_2 / 2.0,
        n => frame.iter().sum::<f32>() / n as f32,
    }
}

fn next_track_packet(
    format: &mut dyn symphonia::core::formats::FormatReader,
    track_id: u32,
) -> Result<Option<Packet>, String> {
    loop {
        match format.next_packet() {
            Ok(Some(p)) if p.track_id == track_id => return Ok(Some(p)),
            Ok(Some(_)) => continue,
            Ok(None) => return Ok(None),
            // A truncated file ends the song, as in the whole-song decode.
            Err(SymError::IoError(e)) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
            Err(e) => return Err(format!("reading packets failed: {e}")),
        }
    }
}

/// Mono samples at `rate` to 22,050 Hz with MECOMP's rubato settings and flushing (the same steps as
/// bliss-audio's symphonia decoder): `ceil(len * 22050 / rate)` samples, the resampler delay removed.
pub fn resample(samples: Vec<f32>, rate: u32) -> Result<Vec<f32>, String> {
    if rate == SAMPLE_RATE {
        return Ok(samples);
    }
    To22050::new(rate)?.run(samples)
}

/// A resampler to 22,050 Hz that can be reused for several stretches of one song (reset in between,
/// so each stretch is resampled as if on its own), sparing the FFT planning per stretch.
struct To22050 {
    resampler: Fft<f32>,
    buffer: Vec<f32>,
}

fn resample_error(e: &dyn std::fmt::Display) -> String {
    format!("resampling failed: {e}")
}

impl To22050 {
    fn new(rate: u32) -> Result<Self, String> {
        let resampler = Fft::<f32>::new(
            rate as usize,
            SAMPLE_RATE as usize,
            RESAMPLER_CHUNK,
            RESAMPLER_SUB_CHUNKS,
            1,
            FixedSync::Input,
        )
        .map_err(|e| resample_error(&e))?;
        let buffer = vec![0.0f32; resampler.output_frames_max()];
        Ok(To22050 { resampler, buffer })
    }

    /// Feeds one chunk (`partial`: its length when shorter than a whole chunk) and appends the output.
    fn feed(&mut self, input: &[f32], partial: Option<usize>, out: &mut Vec<f32>) -> Result<(), String> {
        let indexing = partial.map(|len| rubato::Indexing {
            input_offset: 0,
            output_offset: 0,
            partial_len: Some(len),
            active_channels_mask: None,
        });
        let out_max = self.buffer.len();
        let adapter_in = InterleavedSlice::new(input, 1, input.len()).map_err(|e| resample_error(&e))?;
        let mut adapter_out =
            InterleavedSlice::new_mut(&mut self.buffer, 1, out_max).map_err(|e| resample_error(&e))?;
        let (_, written) = self
            .resampler
            .process_into_buffer(&adapter_in, &mut adapter_out, indexing.as_ref())
            .map_err(|e| resample_error(&e))?;
        out.extend_from_slice(&self.buffer[..written]);
        Ok(())
    }

    /// Whole chunks, then the remainder as a partial chunk, then zeros until the delay is flushed out.
    fn run(&mut self, mut samples: Vec<f32>) -> Result<Vec<f32>, String> {
        self.resampler.reset();
        let delay = self.resampler.output_delay();
        let in_chunk = self.resampler.input_frames_next();
        let expected = (self.resampler.resample_ratio() * samples.len() as f64).ceil() as usize;
        let mut out = Vec::with_capacity(expected + delay + self.buffer.len());
        let usable = samples.len() / in_chunk * in_chunk;
        for chunk in samples[..usable].chunks_exact(in_chunk) {
            self.feed(chunk, None, &mut out)?;
        }
        if usable < samples.len() {
            self.feed(&samples[usable..], Some(samples.len() - usable), &mut out)?;
        }
        samples.clear();
        samples.shrink_to_fit();
        let zeros = vec![0.0f32; in_chunk];
        while out.len() < expected + delay {
            self.feed(&zeros, Some(0), &mut out)?;
        }
        out.truncate(expected + delay);
        out.drain(..delay);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resampler_blocks_match_rubato_sizes() {
        assert_eq!(resampler_block(22_050), 1);
        assert_eq!(resampler_block(44_100), 1024); // 44100/22050 = 2/1
        assert_eq!(resampler_block(48_000), 1280); // 48000/22050 = 320/147: ceil(1024/320) * 320
        assert_eq!(resampler_block(32_000), 1280); // 640/441
    }

    #[test]
    fn stretches_start_on_the_block_grid_and_merge() {
        let s = plan_stretches(&[0, 1, 10], 22_050, 44_100, Margin { before: 0.2, after: 0.1 });
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].start, 0);
        assert_eq!(s[0].end, 2 * 44_100 + 4_410);
        assert_eq!(s[0].windows, vec![(0, 0), (1, 1)]);
        assert_eq!(s[1].start % 1024, 0);
        assert!(s[1].start <= 10 * 44_100 - 8_820);
        assert_eq!(s[1].windows, vec![(2, 10)]);
        // the window's first output sample is a whole sample of the stretch's resampled output
        assert_eq!((10 * 44_100 - s[1].start) * 22_050 % 44_100, 0);
        let t = plan_stretches(&[7], 22_050, 48_000, Margin::default());
        assert_eq!((7 * 48_000 - t[0].start) * 22_050 % 48_000, 0);
        // half-second windows at 48 kHz: window 7 is output samples 77,175..88,200, source 168,000..192,000
        let h = plan_stretches(&[7], 11_025, 48_000, Margin { before: 0.0, after: 0.0 });
        assert_eq!(h[0].end, 192_000);
        assert!(h[0].start <= 168_000 && h[0].start % 1280 == 0);
        assert_eq!(to_output(h[0].start, 48_000) as u64 * 48_000, h[0].start * 22_050, "a whole output sample");
    }

    /// An Ogg Vorbis file (ffmpeg libvorbis -q:a 2, 3 s of 440 Hz at 22,050 Hz) cut before its last page: it ends
    /// without an end-of-stream page, so its container declares no length.
    const OGG_WITHOUT_EOS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/no-eos.ogg");

    #[test]
    fn a_file_without_a_declared_length_is_decoded_whole_instead_of_refused() {
        let path = Path::new(OGG_WITHOUT_EOS);
        let refused = SymphoniaDecoder::decode(path).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(refused.contains("unknown or infinite"), "bliss-audio alone refuses it, got {refused:?}");
        let whole = decode_whole(path).expect("decoded to its end");
        assert!(whole.len() > 22_050 && whole.len() < 3 * 22_050, "{} samples", whole.len());
        // the seek path falls back to the whole decode instead of failing
        let input = decode_windows(path, WindowRule::default(), Margin::default(), Reach::Seek).expect("seek path");
        assert!(input.whole);
        assert_eq!(input.samples.len(), whole.len());
    }

    #[test]
    fn stereo_mixes_as_mecomp_does() {
        assert!((mix_to_mono(&[1.0, 1.0]) - SQRT_2).abs() < 1e-6);
        assert_eq!(mix_to_mono(&[0.5]), 0.5);
        assert_eq!(mix_to_mono(&[1.0, 2.0, 3.0]), 2.0);
    }

    #[test]
    fn resampling_a_stretch_matches_the_whole_signal_away_from_its_edges() {
        // A 44.1 kHz chirp; resample it whole and from a block-aligned stretch, compare the middle.
        let rate = 44_100u32;
        let signal: Vec<f32> = (0..rate as usize * 6)
            .map(|n| {
                let t = n as f32 / rate as f32;
                (2.0 * std::f32::consts::PI * (200.0 + 300.0 * t) * t).sin() * 0.5
            })
            .collect();
        let whole = resample(signal.clone(), rate).unwrap();
        assert_eq!(whole.len(), 6 * 22_050);
        let start = 2 * 44_100 - 8_820;
        let start = start / 1024 * 1024;
        let end = 4 * 44_100 + 8_820;
        let part = resample(signal[start..end].to_vec(), rate).unwrap();
        let offset = (3 * 44_100 - start) / 2;
        let diff = crate::stats::max_abs_diff(&part[offset..offset + 22_050], &whole[3 * 22_050..4 * 22_050]);
        assert!(diff < 1e-5, "max abs diff {diff}");
        // one resampler reused for several stretches gives what a fresh one gives
        let mut reused = To22050::new(rate).unwrap();
        reused.run(signal[..30_000].to_vec()).unwrap();
        assert_eq!(reused.run(signal[start..end].to_vec()).unwrap(), part);
    }
}
