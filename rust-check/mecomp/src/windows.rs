//! A decoder that reads only the one-second windows the model uses, built from the same parts as MECOMP's
//! `MecompDecoder` (symphonia 0.5, MECOMP's mixdown, its rubato `FastFixedIn` resampler through
//! `MecompDecoder::resample_mono_samples`): what `rust-check/bench`'s seek mode does with bliss-audio's
//! decoder, here for mecomp-analysis 0.7.3, to show what a MECOMP scan would gain by adopting it.

use std::f32::consts::SQRT_2;
use std::fs::File;
use std::path::Path;

use mecomp_analysis::decoder::{Decoder as _, MecompDecoder};
use mecomp_analysis::{ResampledAudio, SAMPLE_RATE};
use symphonia::core::audio::{AudioBuffer, Signal};
use symphonia::core::codecs::{CODEC_TYPE_NULL, DecoderOptions};
use symphonia::core::errors::Error as SymError;
use symphonia::core::formats::{FormatOptions, SeekMode, SeekTo};
use symphonia::core::io::{MediaSourceStream, MediaSourceStreamOptions};
use symphonia::core::meta::MetadataOptions;
use symphonia::core::probe::Hint;
use symphonia::default::{get_codecs, get_probe};

/// Samples per window at 22,050 Hz.
pub const WINDOW: usize = SAMPLE_RATE as usize;
/// The exported model's K: it reads at most 30 windows.
pub const MODEL_WINDOWS: usize = 30;
/// Seconds decoded and thrown away before each window (decoder warm-up: an MP3 frame's bit reservoir, Vorbis's
/// block overlap) and after it (the resampler's look-ahead): rust-check/bench's measured defaults.
const MARGIN_BEFORE: f64 = 0.1;
const MARGIN_AFTER: f64 = 0.05;

/// Indices of the windows a song of `window_count` windows gives to a model of at most `k`: all of them when
/// `window_count <= k`, otherwise `round(i * (W - 1) / (K - 1))` for i = 0..K-1, halves up (the Java
/// `WindowSelection` rule, which the exported graph repeats).
pub fn select(window_count: usize, k: usize) -> Vec<usize> {
    if window_count <= k {
        return (0..window_count).collect();
    }
    if k == 1 {
        return vec![(window_count - 1) / 2];
    }
    let (span, steps) = ((window_count - 1) as u64, (k - 1) as u64);
    (0..k as u64).map(|i| ((2 * i * span + steps) / (2 * steps)) as usize).collect()
}

/// The model's input from the selected windows only: K windows concatenated (the model's own selection of
/// K out of K is then the identity), or the whole song through MECOMP's decoder when it has at most K windows
/// or its container gives no frame count. `decoded_share` is the part of the song's frames decoded.
pub struct WindowAudio {
    pub audio: ResampledAudio,
    pub decoded_share: f64,
}

/// Decodes the windows of `path` that a K-window model reads.
pub fn decode_windows(decoder: &MecompDecoder, path: &Path) -> Result<WindowAudio, String> {
    let file = File::open(path).map_err(|e| format!("{}: cannot open: {e}", path.display()))?;
    let mss = MediaSourceStream::new(Box::new(file), MediaSourceStreamOptions::default());
    let options = FormatOptions { enable_gapless: true, ..Default::default() };
    let mut format = get_probe()
        .format(&Hint::new(), mss, &options, &MetadataOptions::default())
        .map_err(|e| format!("{}: not a readable audio file: {e}", path.display()))?
        .format;
    let track = format
        .default_track()
        .or_else(|| format.tracks().iter().find(|t| t.codec_params.codec != CODEC_TYPE_NULL))
        .ok_or_else(|| format!("{}: no audio track", path.display()))?
        .clone();
    let whole = || -> Result<WindowAudio, String> {
        let audio = decoder.decode(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(WindowAudio { audio, decoded_share: 1.0 })
    };
    let params = &track.codec_params;
    let (Some(rate), Some(frames), Some(base)) = (params.sample_rate, params.n_frames, params.time_base) else {
        return whole();
    };
    if base.numer != 1 || base.denom != rate {
        return whole(); // timestamps are not frame counts
    }
    // MECOMP's decode of the whole song is frames * 22050 / rate samples long
    let window_count = (frames as usize * WINDOW / rate as usize) / WINDOW;
    if window_count <= MODEL_WINDOWS {
        return whole();
    }
    let mut codec = get_codecs()
        .make(params, &DecoderOptions::default())
        .map_err(|e| format!("{}: unsupported codec: {e}", path.display()))?;
    // A stretch starts on a multiple of rate / gcd(rate, 22050) source frames, so that its resampled samples
    // fall on the whole song's output grid (2 frames at 44.1 kHz).
    let grid = u64::from(rate / gcd(rate, SAMPLE_RATE));
    let before = (MARGIN_BEFORE * f64::from(rate)).ceil() as u64;
    let after = (MARGIN_AFTER * f64::from(rate)).ceil() as u64;
    let mut samples = vec![0f32; MODEL_WINDOWS * WINDOW];
    let mut decoded = 0u64;
    let mut buffer: Option<AudioBuffer<f32>> = None;
    for (slot, w) in select(window_count, MODEL_WINDOWS).into_iter().enumerate() {
        let first = w as u64 * u64::from(rate);
        let start = first.saturating_sub(before) / grid * grid;
        let end = first + u64::from(rate) + after;
        let mut stretch = vec![0f32; (end - start) as usize];
        format
            .seek(SeekMode::Accurate, SeekTo::TimeStamp { ts: start, track_id: track.id })
            .map_err(|e| format!("{}: cannot seek to frame {start}: {e}", path.display()))?;
        codec.reset();
        loop {
            let packet = match format.next_packet() {
                Ok(p) => p,
                Err(SymError::IoError(e)) if e.kind() == std::io::ErrorKind::UnexpectedEof => break,
                Err(e) => return Err(format!("{}: reading packets failed: {e}", path.display())),
            };
            if packet.track_id() != track.id {
                continue;
            }
            if packet.ts >= end {
                break;
            }
            let decoded_packet = match codec.decode(&packet) {
                Ok(d) => d,
                Err(SymError::DecodeError(_)) => continue, // MECOMP skips a bad packet too
                Err(e) => return Err(format!("{}: decoding failed: {e}", path.display())),
            };
            let buf = buffer.get_or_insert_with(|| decoded_packet.make_equivalent::<f32>());
            if buf.capacity() < decoded_packet.capacity() || buf.spec() != decoded_packet.spec() {
                *buf = decoded_packet.make_equivalent::<f32>();
            }
            decoded_packet.convert(buf);
            decoded += buf.frames() as u64;
            let channels = buf.spec().channels.count();
            // MECOMP's mixdown: the channel sum, times √2/2 for stereo, 1/n otherwise
            let scale = match channels {
                0 | 1 => 1.0,
                2 => SQRT_2 / 2.0,
                n => 1.0 / n as f32,
            };
            for f in 0..buf.frames() {
                let pos = packet.ts + f as u64;
                if pos < start || pos >= end {
                    continue;
                }
                let sum: f32 = (0..channels).map(|c| buf.chan(c)[f]).sum();
                stretch[(pos - start) as usize] = sum * scale;
            }
        }
        let resampled = decoder.resample_mono_samples(stretch, rate).map_err(|e| format!("{}: {e}", path.display()))?;
        let offset = ((first - start) * u64::from(SAMPLE_RATE) / u64::from(rate)) as usize;
        let available = resampled.len().saturating_sub(offset).min(WINDOW);
        samples[slot * WINDOW..slot * WINDOW + available].copy_from_slice(&resampled[offset..offset + available]);
    }
    Ok(WindowAudio {
        audio: ResampledAudio { path: path.to_owned(), samples },
        decoded_share: decoded as f64 / frames as f64,
    })
}

fn gcd(mut a: u32, mut b: u32) -> u32 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

#[cfg(test)]
mod tests {
    use super::select;

    #[test]
    fn short_songs_keep_every_window_and_long_ones_spread_from_first_to_last() {
        assert_eq!(select(3, 30), vec![0, 1, 2]);
        let s = select(180, 30);
        assert_eq!((s.len(), s[0], s[1], s[15], s[29]), (30, 0, 6, 93, 179));
        assert_eq!(select(4, 3), vec![0, 2, 3]); // 1.5 rounds up, as Java's WindowSelection does
    }
}
