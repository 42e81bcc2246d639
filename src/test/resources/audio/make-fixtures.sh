#!/bin/sh
# Regenerates the audio fixtures of the decoder tests. Run from anywhere; writes next to this script.
#
# Tools: python3 (standard library only), sox, flac, lame, oggenc (vorbis-tools).
#   apt-get install -y lame vorbis-tools flac sox
# Versions used for the committed files: SoX 14.4.2, flac 1.4.2, LAME 3.100, oggenc 1.4.2.
#
# The signals are computed by python3 rather than by `sox synth`, because sox's synth fades the first
# samples in and applies its own headroom, so its output is not a closed-form signal a test can
# recompute. Every sample below is a formula the tests recompute exactly (see AudioFixtures.java):
#   tone   : 0.5 * sin(2*pi*440*n/rate)
#   stereo : left 0.5 * sin(2*pi*440*n/rate), right 0.25 * sin(2*pi*660*n/rate)
#   chirp  : 0.5 * sin(2*pi*(200*t + (4000-200)*t^2/(2*2))), t = n/rate, a 2 s linear sweep
# quantised as floor(x * 2^(bits-1) + 0.5), 8-bit stored unsigned (+128).
# sox then only wraps the raw samples into containers, with no dither or rounding. The float WAV holds the
# 24-bit tone as floats (q / 2^23, exact in float32): sox converts through 32-bit integers, which would
# round arbitrary floats by one unit in the last place, but leaves these exact.
set -eu

out=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 - "$tmp" <<'PY'
import math, struct, sys
tmp = sys.argv[1]

def tone(n, rate, freq=440.0, amp=0.5):
    return amp * math.sin(2 * math.pi * freq * n / rate)

def chirp(n, rate):
    t = n / rate
    return 0.5 * math.sin(2 * math.pi * (200 * t + (4000 - 200) * t * t / (2 * 2.0)))

def q(x, bits):
    return math.floor(x * 2 ** (bits - 1) + 0.5)

def write(name, frames, pack):
    with open(f"{tmp}/{name}", "wb") as f:
        for frame in frames:
            for x in frame:
                f.write(pack(x))

s8 = lambda x: struct.pack("<B", q(x, 8) + 128)
s16 = lambda x: struct.pack("<h", q(x, 16))
s24 = lambda x: struct.pack("<i", q(x, 24))[:3]

tone8k = [(tone(n, 8000),) for n in range(12000)]                       # 1.5 s
write("tone-8k.u8", tone8k, s8)
write("tone-8k.s24", tone8k, s24)
write("stereo-8k.s16", [(tone(n, 8000), tone(n, 8000, 660, 0.25)) for n in range(12000)], s16)
write("tone-chirp-44k.s16", [(tone(n, 44100), chirp(n, 44100)) for n in range(88200)], s16)  # 2 s
write("tone-22k.s16", [(tone(n, 22050),) for n in range(44100)], s16)  # 2 s
PY

raw() { # raw <rate> <encoding> <bits> <channels> <file>
    echo "-t raw -r $1 -e $2 -b $3 -c $4 $tmp/$5"
}

# WAV: `wavpcm` forces the classic header; `wav` at 24 bits writes WAVE_FORMAT_EXTENSIBLE; float
# gets the 18-byte fmt chunk plus a fact chunk the decoder has to skip.
sox $(raw 8000 unsigned 8 1 tone-8k.u8) -t wavpcm "$out/tone-8k-pcm8.wav"
sox $(raw 8000 signed 24 1 tone-8k.s24) -t wavpcm "$out/tone-8k-pcm24.wav"
sox $(raw 8000 signed 24 1 tone-8k.s24) -t wav "$out/tone-8k-pcm24-extensible.wav"
sox $(raw 8000 signed 24 1 tone-8k.s24) -e floating-point -b 32 -t wav "$out/tone-8k-float32.wav"
sox $(raw 8000 signed 16 2 stereo-8k.s16) -t wavpcm "$out/stereo-8k-pcm16.wav"

# FLAC, 16-bit stereo and 24-bit mono, from the same raw samples as the WAVs.
flac_raw() { # flac_raw <channels> <bits> <raw file> <output>
    flac --silent --force -8 --endian=little --sign=signed --sample-rate=8000 --channels="$1" --bps="$2" \
        -o "$out/$4" "$tmp/$3"
}
flac_raw 2 16 stereo-8k.s16 stereo-8k-pcm16.flac
flac_raw 1 24 tone-8k.s24 tone-8k-pcm24.flac

# MP3: MPEG-1 Layer III 44.1 kHz joint stereo, and MPEG-2 Layer III 22,050 Hz mono. LAME writes its
# Info/LAME tag (encoder delay and padding) into the first frame of both. --resample pins the rate, since
# LAME otherwise lowers it for low bitrates; 64 kbit/s is the lowest at which a 22,050 Hz frame is big
# enough to hold the Info/LAME tag (LAME silently leaves it out of smaller frames).
sox $(raw 44100 signed 16 2 tone-chirp-44k.s16) "$tmp/tone-chirp-44k.wav"
lame --quiet --resample 44.1 -b 112 "$tmp/tone-chirp-44k.wav" "$out/tone-chirp-44k-mpeg1-stereo.mp3"
sox $(raw 22050 signed 16 1 tone-22k.s16) "$tmp/tone-22k.wav"
lame --quiet --resample 22.05 -m m -b 64 "$tmp/tone-22k.wav" "$out/tone-22k-mpeg2-mono.mp3"

# Ogg Vorbis 22,050 Hz mono.
oggenc --quiet -q 2 --serial 1234 -o "$out/tone-22k.ogg" "$tmp/tone-22k.wav"
