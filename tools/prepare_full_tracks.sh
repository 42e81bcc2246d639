#!/usr/bin/env bash
# prepare_full_tracks.sh - full-length game-music tracks from Debian packages, in the project's data-set format.
#
# The shared `gamemusic` set (../shared/data/gamemusic) holds only two 20 s excerpts per track. This script
# fetches the Debian packages those tracks come from (every distinct `soundtrack` in gamemusic's labels.csv is a
# Debian package name) and lays out the whole tracks, for benchmarks on whole songs and, for TRAIN soundtracks
# only, for training on full tracks:
#
#   <out>/labels.csv        clip_id,file,track_id,soundtrack,title,split,seconds, then extra columns:
#                           short (1 = under 20 s: a jingle), in_gamemusic (1 = gamemusic has excerpts of it),
#                           codec,channels,sample_rate (of the clip file), max_db,mean_db (whole-track
#                           volumedetect), silent (1 = max_db below -60 dB), decode_errors, source_codec,
#                           package,package_version,source_file (path inside the package; inside a .pk3/.zip
#                           it is the path inside that archive, as gamemusic writes it), md5 (of the source file)
#   <out>/clips/<track_id>.<ext>   the audio (hard links into the cache, copies where linking fails)
#   <out>/packages.csv      every package considered: version, download size, status, tracks taken
#   <out>/SUMMARY.md        counts per soundtrack and split, hours, gamemusic coverage, oddities
#   <out>/mixed/            (only with --mixed) a mixed-format library for benchmarks:
#                           <soundtrack>/<name>.{mp3,flac,ogg} + mixed/labels.csv (same ids, `format` column)
#   <out>/cache/            debs/ (the .deb files), root/<package>/ (extracted, pruned to audio + copyright
#                           files, .pk3/.zip archives unpacked to <archive>.d/), probe/ (cached ffprobe results)
#
# Rules:
# * clip_id = track_id = "<soundtrack>--<name>", exactly gamemusic's rule: name = the file's basename without
#   extension (for Frets on Fire, whose songs are all called song.ogg: the song's folder name), with every
#   character outside [A-Za-z0-9_-] replaced by "_". A full track and its gamemusic excerpts share track_id.
# * split = the split gamemusic gives the soundtrack (train | test). Packages gamemusic does not know
#   (added with --extra-package) get split=extra. Train on split=train only; test (and extra) full tracks are
#   for speed benchmarks, never for training a model that is evaluated on gamemusic.
# * Which files are music: every audio file in a folder that holds a gamemusic track of that soundtrack, or in a
#   folder whose path has a component named music/musics/cdtracks (any case). Exceptions: frozen-bubble-data
#   keeps its sounds and music in one folder (snd/), so only gamemusic's own tracks are taken there; Frets on
#   Fire song folders hold separate guitar/rhythm stems, so only song.ogg (the full mix) is taken.
# * Codecs the project's decoders do not read (anything but Ogg Vorbis, MP3, FLAC, WAV: here warzone2100's Opus
#   files) are transcoded once to Ogg Vorbis q6 (source_codec records the original); the rest are linked as is.
# * Packages whose download exceeds --max-mb (default 400: skips 0ad-data, 1.4 GB, and supertuxkart-data,
#   0.6 GB) are skipped unless their .deb is already in the cache. Their gamemusic tracks get no full track.
# * --mixed: tracks ordered by a hash of track_id, then dealt in turn to MP3 (LAME 192 kbit/s CBR, 44.1 kHz,
#   channels as the source: stereo stays stereo, mono stays mono), FLAC (16-bit, source rate) and OGG (the Ogg
#   Vorbis file as is; an Opus source transcoded to Vorbis). Tags title/album(=soundtrack) are written.
#
# Idempotent: downloads, extractions, probes and transcodes are cached and reused; outputs are rewritten
# atomically, stale clips removed. Needs root for apt-get (installs ffmpeg and unzip if missing), Debian's
# package registry, python3 (standard library only). First run (2 cores): ~8 min, 2.1 GB download, 3.6 GB disk
# with the cache (clips/ are hard links into cache/root); --mixed adds ~15 min and 3.2 GB (FLAC 2.3 GB).
# Later runs: ~30 s. `rm -rf <out>/cache/debs` frees 2.1 GB (they are downloaded again on the next run).
#
# Usage: tools/prepare_full_tracks.sh [--mixed] [--max-mb N] [--jobs N] [--labels PATH]
#                                     [--extra-package NAME]... [OUT]       (OUT default /work/fulltracks)
set -euo pipefail

usage() { sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; }

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
OUT=/work/fulltracks
MIXED=0
MAX_MB=400
JOBS="$(nproc 2>/dev/null || echo 2)"
LABELS="$REPO/../shared/data/gamemusic/labels.csv"
EXTRA=()
while [ $# -gt 0 ]; do
  case "$1" in
    --mixed) MIXED=1 ;;
    --max-mb) MAX_MB="$2"; shift ;;
    --jobs) JOBS="$2"; shift ;;
    --labels) LABELS="$2"; shift ;;
    --extra-package) EXTRA+=("$2"); shift ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
    *) OUT="$1" ;;
  esac
  shift
done

OUT="$(realpath -m "$OUT")"
case "$OUT/" in
  "$REPO"/*) echo "refusing to write inside the repository ($REPO): choose an output folder outside it" >&2; exit 2 ;;
esac
[ -f "$LABELS" ] || { echo "gamemusic labels not found: $LABELS (use --labels)" >&2; exit 2; }
LABELS="$(realpath "$LABELS")"

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

# ---- tools -------------------------------------------------------------------------------------------------
# Another apt-get (a CI run's installs, unattended upgrades) may hold apt's locks for minutes. DPkg::Lock::Timeout
# makes install wait for dpkg's lock, but update takes the package lists' lock without waiting, so it is retried.
APT_LOCK_WAIT="${APT_LOCK_WAIT:-600}"  # seconds
APT_LOCK_POLL="${APT_LOCK_POLL:-5}"
APT_UPDATED=0
apt_update_once() {
  [ "$APT_UPDATED" = 1 ] && return 0
  log "apt-get update"
  local waited=0 err
  while ! err="$(apt-get update -qq 2>&1 >/dev/null)"; do
    if ! grep -q 'Could not get lock' <<<"$err" || [ "$waited" -ge "$APT_LOCK_WAIT" ]; then
      printf '%s\n' "$err" >&2
      return 1
    fi
    [ "$waited" = 0 ] && log "apt's package lists are locked by another apt-get; waiting up to ${APT_LOCK_WAIT}s"
    sleep "$APT_LOCK_POLL"
    waited=$((waited + APT_LOCK_POLL))
  done
  APT_UPDATED=1
}
need() {  # need COMMAND DEBIAN-PACKAGE
  command -v "$1" >/dev/null 2>&1 && return 0
  log "installing $2 (for $1)"
  apt_update_once
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout="$APT_LOCK_WAIT" install -y -qq "$2" >&2
}
need python3 python3
need dpkg-deb dpkg
need unzip unzip
need ffmpeg ffmpeg
need ffprobe ffmpeg

CACHE="$OUT/cache"
mkdir -p "$CACHE/debs/.partial" "$CACHE/root" "$CACHE/probe" "$OUT/clips"

# ---- packages ----------------------------------------------------------------------------------------------
mapfile -t GM_PACKAGES < <(python3 -c '
import csv, sys
print("\n".join(sorted({r["soundtrack"] for r in csv.DictReader(open(sys.argv[1], newline=""))})))' "$LABELS")
PACKAGES=("${GM_PACKAGES[@]}" "${EXTRA[@]}")

AUDIO_PATTERNS=('*.ogg' '*.oga' '*.opus' '*.mp3' '*.flac' '*.wav')
PKG_TSV="$CACHE/packages.tsv.tmp"
: > "$PKG_TSV"

prune_and_unpack() {  # DIR: unpack .pk3/.zip archives (audio members only), then keep only audio + copyright
  local dir="$1" a rc
  while IFS= read -r -d '' a; do
    rc=0
    unzip -qq -o -C "$a" "${AUDIO_PATTERNS[@]}" -d "$a.d" 2> >(grep -v 'filename not matched' >&2) || rc=$?
    # 11 = no member matched (an archive without audio): fine
    if [ "$rc" != 0 ] && [ "$rc" != 11 ]; then echo "unzip failed ($rc) on $a" >&2; return 1; fi
  done < <(find "$dir" -type f \( -iname '*.pk3' -o -iname '*.zip' \) -print0)
  find "$dir" \( -type f -o -type l \) \
    ! \( -iname '*.ogg' -o -iname '*.oga' -o -iname '*.opus' -o -iname '*.mp3' -o -iname '*.flac' -o -iname '*.wav' \) \
    ! -path '*/usr/share/doc/*/copyright' -delete
  find "$dir" -mindepth 1 -type d -empty -delete
}

for pkg in "${PACKAGES[@]}"; do
  info="$(apt-cache show --no-all-versions "$pkg" 2>/dev/null || true)"
  if [ -z "$info" ] && [ "$APT_UPDATED" = 0 ]; then apt_update_once; info="$(apt-cache show --no-all-versions "$pkg" 2>/dev/null || true)"; fi
  if [ -z "$info" ]; then
    log "$pkg: not in the package lists, skipped"
    printf '%s\t\t\t\tunavailable\n' "$pkg" >> "$PKG_TSV"; continue
  fi
  ver="$(awk '/^Version:/{print $2; exit}' <<<"$info")"
  size="$(awk '/^Size:/{print $2; exit}' <<<"$info")"
  isize="$(awk '/^Installed-Size:/{print $2; exit}' <<<"$info")"
  debglob="${pkg}_${ver//:/%3a}_"
  deb="$(find "$CACHE/debs" -maxdepth 1 -name "${debglob}*.deb" -print -quit)"
  if [ -z "$deb" ]; then
    if [ "$size" -gt $((MAX_MB * 1000000)) ]; then
      log "$pkg $ver: download $((size / 1000000)) MB > --max-mb $MAX_MB, skipped"
      printf '%s\t%s\t%s\t%s\tskipped-size\n' "$pkg" "$ver" "$size" "$isize" >> "$PKG_TSV"; continue
    fi
    log "$pkg $ver: downloading $((size / 1000000)) MB"
    rm -f "$CACHE/debs/.partial/${pkg}_"*.deb
    (cd "$CACHE/debs/.partial" && apt-get download -qq "$pkg=$ver" 2>&1 | grep -v 'unsandboxed as root' >&2 || true)
    part="$(find "$CACHE/debs/.partial" -maxdepth 1 -name "${debglob}*.deb" -print -quit)"
    [ -n "$part" ] || { echo "download of $pkg failed" >&2; exit 1; }
    mv "$part" "$CACHE/debs/"
    deb="$CACHE/debs/$(basename "$part")"
  fi
  root="$CACHE/root/$pkg"
  if [ "$(cat "$root/.extracted" 2>/dev/null || true)" != "$(basename "$deb")" ]; then
    log "$pkg: extracting $(basename "$deb")"
    rm -rf "$root.tmp" "$root"
    mkdir -p "$root.tmp"
    dpkg-deb -x "$deb" "$root.tmp"
    prune_and_unpack "$root.tmp"
    basename "$deb" > "$root.tmp/.extracted"
    mv "$root.tmp" "$root"
  fi
  printf '%s\t%s\t%s\t%s\tok\n' "$pkg" "$ver" "$size" "$isize" >> "$PKG_TSV"
done

# ---- the data set (and the mixed library) --------------------------------------------------------------------
log "probing tracks and writing $OUT/labels.csv"
export OUT LABELS JOBS MIXED PKG_TSV EXTRA_LIST="${EXTRA[*]:-}"
python3 - <<'PY'
import collections, concurrent.futures as cf, csv, hashlib, json, os, re, shutil, subprocess, sys

OUT = os.environ["OUT"]; CACHE = os.path.join(OUT, "cache"); CLIPS = os.path.join(OUT, "clips")
JOBS = max(1, int(os.environ["JOBS"])); MIXED = os.environ["MIXED"] == "1"
AUDIO = (".ogg", ".oga", ".opus", ".mp3", ".flac", ".wav")
READABLE = {"vorbis": ".ogg", "mp3": ".mp3", "flac": ".flac"}  # codecs the project decodes (+ WAV PCM below)
MUSIC_DIR = re.compile(r"^(music|musics|cdtracks)$", re.I)
SHORT_S, SILENT_DB = 20.0, -60.0

def log(msg): print(msg, file=sys.stderr, flush=True)

def name_of(path):
    stem = os.path.splitext(os.path.basename(path))[0]
    if stem.lower() == "song":  # Frets on Fire: <song folder>/song.ogg
        stem = os.path.basename(os.path.dirname(path))
    return re.sub(r"[^A-Za-z0-9_-]", "_", stem)

# gamemusic
gm = list(csv.DictReader(open(os.environ["LABELS"], newline="")))
gm_split, gm_tracks = {}, {}
for r in gm:
    gm_split.setdefault(r["soundtrack"], set()).add(r["split"])
    gm_tracks[(r["soundtrack"], r["source_file"])] = r
for st, s in gm_split.items():
    if len(s) != 1: sys.exit(f"gamemusic gives soundtrack {st} several splits: {s}")
gm_split = {st: s.pop() for st, s in gm_split.items()}
gm_ids = {r["track_id"]: r["split"] for r in gm}
gm_dirs = collections.defaultdict(set)
for (st, sf) in gm_tracks: gm_dirs[st].add(os.path.dirname(sf))

packages = []
for line in open(os.environ["PKG_TSV"]):
    pkg, ver, size, isize, status = line.rstrip("\n").split("\t")
    packages.append(dict(package=pkg, version=ver, download_bytes=size, installed_kb=isize, status=status))

def inner_path(rel):
    """Path as gamemusic writes source_file: inside an unpacked .pk3/.zip, the path inside the archive."""
    m = re.search(r"\.(pk3|zip)\.d/", rel, re.I)
    return rel[m.end():] if m else rel

# select the music files
tracks = []
for p in packages:
    if p["status"] != "ok": continue
    pkg, root = p["package"], os.path.join(CACHE, "root", p["package"])
    files = []
    for dp, dn, fn in os.walk(root):
        dn.sort()
        for f in sorted(fn):
            if f.lower().endswith(AUDIO):
                full = os.path.join(dp, f)
                if os.path.isfile(full): files.append(os.path.relpath(full, root))
                else: log(f"  {pkg}: skipped {full} (dangling link or not a file)")
    labelled = {inner_path(rel) for rel in files if (pkg, inner_path(rel)) in gm_tracks}
    missing = sorted(sf for (st, sf) in gm_tracks if st == pkg and sf not in labelled)
    if missing: log(f"  {pkg}: {len(missing)} gamemusic tracks not found in the package: {missing[:5]}")
    chosen = []
    for rel in files:
        inner = inner_path(rel); d = os.path.dirname(inner)
        is_gm = (pkg, inner) in gm_tracks
        if pkg == "frozen-bubble-data" and not is_gm: continue          # snd/ mixes effects and music
        if pkg.startswith("fretsonfire-songs") and os.path.basename(inner).lower() != "song.ogg": continue  # stems
        if not (is_gm or d in gm_dirs.get(pkg, ()) or any(MUSIC_DIR.match(c) for c in d.split("/"))): continue
        chosen.append((rel, inner, is_gm))
    # track ids: gamemusic's first, then the others (a clash gets the parent folder's name appended)
    used = set()
    for rel, inner, is_gm in sorted(chosen, key=lambda c: not c[2]):
        tid = f"{pkg}--{name_of(inner)}"
        if is_gm:
            assert tid == gm_tracks[(pkg, inner)]["track_id"], (tid, inner)
        else:
            base, parent = tid, re.sub(r"[^A-Za-z0-9_-]", "_", os.path.basename(os.path.dirname(inner)) or "root")
            tid = base if base not in used else f"{base}_{parent}"
            k = 2
            while tid in used: tid = f"{base}_{parent}{k}"; k += 1
        used.add(tid)
        g = gm_tracks.get((pkg, inner))
        tracks.append(dict(track_id=tid, soundtrack=pkg, src=os.path.join(root, rel), source_file=inner,
                           package_version=p["version"], in_gamemusic=int(is_gm),
                           split=gm_split.get(pkg, "extra"), gm_title=g["title"] if g else ""))
    p["tracks"] = sum(1 for t in tracks if t["soundtrack"] == pkg)

# probe: format, duration, whole-track volume, decode errors, md5 (cached by path, size and mtime)
def probe(path):
    st = os.stat(path)
    key = hashlib.sha1(f"{path}\0{st.st_size}\0{st.st_mtime_ns}".encode()).hexdigest()
    cache = os.path.join(CACHE, "probe", key + ".json")
    if os.path.exists(cache):
        with open(cache) as f: return json.load(f)
    j = json.loads(subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries",
         "format=duration,format_name:stream=codec_name,channels,sample_rate:stream_tags=title,TITLE:format_tags=title,TITLE",
         "-of", "json", path], capture_output=True, text=True).stdout or "{}")
    s = (j.get("streams") or [{}])[0]; fmt = j.get("format") or {}
    tags = {k.lower(): v for k, v in {**(fmt.get("tags") or {}), **(s.get("tags") or {})}.items()}
    r = subprocess.run(["ffmpeg", "-nostdin", "-hide_banner", "-nostats", "-v", "repeat+level+info", "-threads", "1",
                        "-i", path, "-map", "0:a:0", "-af", "volumedetect", "-f", "null", "-"],
                       capture_output=True, text=True)
    out = r.stdout + r.stderr
    vol = dict(re.findall(r"(mean_volume|max_volume): (-?[\d.]+|-inf) dB", out))
    errors = [l for l in out.splitlines() if "[error]" in l or "[fatal]" in l]
    h = hashlib.md5()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""): h.update(chunk)
    res = dict(codec=s.get("codec_name", ""), channels=s.get("channels", 0), sample_rate=int(s.get("sample_rate", 0) or 0),
               seconds=float(fmt.get("duration", 0) or 0), title_tag=tags.get("title", ""),
               max_db=float(vol.get("max_volume", "nan").replace("-inf", "-999")),
               mean_db=float(vol.get("mean_volume", "nan").replace("-inf", "-999")),
               decode_errors=len(errors) + (r.returncode != 0), error_sample=errors[:3], ffmpeg_rc=r.returncode,
               md5=h.hexdigest())
    tmp = cache + ".tmp"
    with open(tmp, "w") as f: json.dump(res, f)
    os.replace(tmp, cache)
    return res

def run_ffmpeg(args, dest):
    tmp = dest + ".part" + os.path.splitext(dest)[1]
    r = subprocess.run(["ffmpeg", "-nostdin", "-hide_banner", "-v", "error", "-y", "-threads", "1"] + args + [tmp],
                       capture_output=True, text=True)
    if r.returncode != 0:
        if os.path.exists(tmp): os.remove(tmp)
        raise RuntimeError(f"ffmpeg failed for {dest}: {r.stderr.strip()[-500:]}")
    os.replace(tmp, dest)

def link_or_copy(src, dest):
    if os.path.exists(dest) and os.path.samefile(src, dest): return  # (rename onto the same inode is a no-op)
    tmp = dest + ".tmp"
    if os.path.lexists(tmp): os.remove(tmp)
    try: os.link(src, tmp)
    except OSError: shutil.copy2(src, tmp)
    os.replace(tmp, dest)

def tag_args(t):
    return ["-map_metadata", "0:s:a:0", "-metadata", f"title={t['title']}", "-metadata", f"album={t['soundtrack']}"]

log(f"  {len(tracks)} tracks; probing with {JOBS} jobs (first run decodes every track once)")
with cf.ThreadPoolExecutor(JOBS) as ex:
    for t, pr in zip(tracks, ex.map(lambda t: probe(t["src"]), tracks)):
        t.update(pr)

# clips/: link the readable ones, transcode the rest (Opus) to Ogg Vorbis once
def make_clip(t):
    t["source_codec"] = t["codec"]
    ext = READABLE.get(t["codec"]) or (".wav" if t["codec"].startswith("pcm_") and t["src"].lower().endswith(".wav") else None)
    if ext:
        dest = os.path.join(CLIPS, t["track_id"] + ext); link_or_copy(t["src"], dest)
    else:
        dest = os.path.join(CLIPS, t["track_id"] + ".ogg")
        stamp = os.path.join(CACHE, "clip-stamps", t["track_id"])
        if not (os.path.exists(dest) and os.path.exists(stamp) and open(stamp).read() == t["md5"]):
            run_ffmpeg(["-i", t["src"], "-map", "0:a:0", "-vn", "-c:a", "libvorbis", "-q:a", "6"] + tag_args(t), dest)
            os.makedirs(os.path.dirname(stamp), exist_ok=True)
            with open(stamp, "w") as f: f.write(t["md5"])
        pr = probe(dest)
        t.update(codec=pr["codec"], channels=pr["channels"], sample_rate=pr["sample_rate"])
    t["file"] = os.path.relpath(dest, OUT)

for t in tracks:
    t["title"] = t["gm_title"] or t["title_tag"] or os.path.splitext(os.path.basename(t["source_file"]))[0]
with cf.ThreadPoolExecutor(JOBS) as ex:
    list(ex.map(make_clip, tracks))
keep = {os.path.basename(t["file"]) for t in tracks}
for f in os.listdir(CLIPS):
    if f not in keep: os.remove(os.path.join(CLIPS, f)); log(f"  removed stale clips/{f}")

COLS = ["clip_id", "file", "track_id", "soundtrack", "title", "split", "seconds", "short", "in_gamemusic", "codec",
        "channels", "sample_rate", "max_db", "mean_db", "silent", "decode_errors", "source_codec", "package",
        "package_version", "source_file", "md5"]
tracks.sort(key=lambda t: t["track_id"])
for t in tracks:
    t.update(clip_id=t["track_id"], package=t["soundtrack"], seconds=round(t["seconds"], 2),
             short=int(t["seconds"] < SHORT_S), silent=int(t["max_db"] < SILENT_DB))
def write_csv(path, cols, rows):
    tmp = path + ".tmp"
    with open(tmp, "w", newline="") as f:
        w = csv.DictWriter(f, cols, extrasaction="ignore", lineterminator="\n"); w.writeheader(); w.writerows(rows)
    os.replace(tmp, path)
write_csv(os.path.join(OUT, "labels.csv"), COLS, tracks)
write_csv(os.path.join(OUT, "packages.csv"),
          ["package", "version", "download_bytes", "installed_kb", "status", "tracks", "gamemusic_split"],
          [dict(p, tracks=p.get("tracks", 0), gamemusic_split=gm_split.get(p["package"], "extra")) for p in packages])

# summary
L = []
hours = lambda ts: sum(t["seconds"] for t in ts) / 3600
L.append("# Full tracks: summary\n")
L.append(f"{len(tracks)} tracks, {hours(tracks):.2f} h, from {sum(p['status'] == 'ok' for p in packages)} packages.\n")
L.append("| package | version | download MB | status | split | tracks | in gamemusic | short (<20 s) | hours |")
L.append("| --- | --- | ---: | --- | --- | ---: | ---: | ---: | ---: |")
for p in packages:
    ts = [t for t in tracks if t["soundtrack"] == p["package"]]
    mb = f"{int(p['download_bytes']) / 1e6:.1f}" if p["download_bytes"] else ""
    L.append(f"| {p['package']} | {p['version']} | {mb} | {p['status']} | {gm_split.get(p['package'], 'extra')} | {len(ts)} "
             f"| {sum(t['in_gamemusic'] for t in ts)} | {sum(t['short'] for t in ts)} | {hours(ts):.2f} |")
L.append("\n| split | tracks | hours | of which not short | gamemusic track_ids | with a full track |")
L.append("| --- | ---: | ---: | ---: | ---: | ---: |")
ids = {t["track_id"] for t in tracks}
for sp in ("train", "test", "extra"):
    ts = [t for t in tracks if t["split"] == sp]
    g = [i for i, s in gm_ids.items() if s == sp]
    L.append(f"| {sp} | {len(ts)} | {hours(ts):.2f} | {sum(1 - t['short'] for t in ts)} | {len(g)} | {sum(i in ids for i in g)} |")
nofull = sorted({i for i in gm_ids if i not in ids})
L.append(f"\ngamemusic track_ids without a full track: {len(nofull)}"
         + (f" (soundtracks {', '.join(sorted({i.split('--')[0] for i in nofull}))})" if nofull else ""))
def lst(title, ts, fmt):
    L.append(f"\n## {title}: {len(ts)}\n")
    L.extend(f"- {fmt(t)}" for t in ts)
lst("Short tracks (< 20 s, short=1)", [t for t in tracks if t["short"]], lambda t: f"{t['track_id']} {t['seconds']} s")
lst("Silent tracks (max < -60 dB)", [t for t in tracks if t["silent"]], lambda t: f"{t['track_id']} max {t['max_db']} dB")
lst("Quiet tracks (mean < -35 dB, not silent)", [t for t in tracks if not t["silent"] and t["mean_db"] < -35],
    lambda t: f"{t['track_id']} mean {t['mean_db']} dB, max {t['max_db']} dB")
lst("Tracks with decode errors", [t for t in tracks if t["decode_errors"]],
    lambda t: f"{t['track_id']}: {t['decode_errors']} ({'; '.join(t['error_sample'])[:200]})")
lst("Transcoded to Ogg Vorbis (codec the project cannot decode)", [t for t in tracks if t["source_codec"] != t["codec"]],
    lambda t: f"{t['track_id']} ({t['source_codec']})")
by_md5 = collections.defaultdict(list)
for t in tracks: by_md5[t["md5"]].append(t["track_id"])
lst("Byte-identical duplicates", [v for v in by_md5.values() if len(v) > 1], lambda v: " = ".join(v))
near = []
for st in sorted({t["soundtrack"] for t in tracks}):
    ts = sorted((t for t in tracks if t["soundtrack"] == st), key=lambda t: t["seconds"])
    near += [(a, b) for a, b in zip(ts, ts[1:]) if b["seconds"] - a["seconds"] < 0.05 and a["md5"] != b["md5"]]
lst("Possible variants (same soundtrack, same length to 0.05 s, different bytes: check by ear)", near,
    lambda v: " ~ ".join(f"{t['track_id']} ({t['seconds']} s)" for t in v))
odd = [t for t in tracks if t["sample_rate"] not in (44100, 48000) or t["channels"] not in (1, 2)]
lst("Unusual rate or channels", odd, lambda t: f"{t['track_id']} {t['sample_rate']} Hz, {t['channels']} ch")
L.append(f"\nFormats: {dict(collections.Counter((t['codec'], t['channels'], t['sample_rate']) for t in tracks))}")
with open(os.path.join(OUT, "SUMMARY.md"), "w") as f: f.write("\n".join(L) + "\n")

if MIXED:
    MIX = os.path.join(OUT, "mixed")
    order = sorted(tracks, key=lambda t: hashlib.sha1(t["track_id"].encode()).hexdigest())
    fmts = ["mp3", "flac", "ogg"]
    def mix(it):
        i, t = it
        fm = fmts[i % 3]
        name = t["track_id"].split("--", 1)[1]
        dest = os.path.join(MIX, t["soundtrack"], f"{name}.{fm}")
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        src = os.path.join(OUT, t["file"])  # Opus already turned into Vorbis
        stamp = os.path.join(CACHE, "mixed-stamps", f"{t['track_id']}.{fm}")
        ch = ["-ac", "2"] if t["channels"] > 2 else []
        if fm == "ogg" and t["codec"] == "vorbis":
            link_or_copy(src, dest)
        elif not (os.path.exists(dest) and os.path.exists(stamp) and open(stamp).read() == t["md5"]):
            if fm == "mp3":
                args = ["-c:a", "libmp3lame", "-b:a", "192k", "-ar", "44100", "-id3v2_version", "3"]
            elif fm == "flac":
                args = ["-c:a", "flac", "-sample_fmt", "s16", "-compression_level", "5"]
            else:
                args = ["-c:a", "libvorbis", "-q:a", "6"]
            run_ffmpeg(["-i", src, "-map", "0:a:0", "-vn"] + ch + args + tag_args(t), dest)
            os.makedirs(os.path.dirname(stamp), exist_ok=True)
            with open(stamp, "w") as f: f.write(t["md5"])
        return dict(t, file=os.path.relpath(dest, MIX), format=fm)
    log(f"  mixed library: transcoding with {JOBS} jobs")
    with cf.ThreadPoolExecutor(JOBS) as ex:
        rows = list(ex.map(mix, enumerate(order)))
    keep = {r["file"] for r in rows}
    for dp, dn, fn in os.walk(MIX):
        for f in fn:
            rel = os.path.relpath(os.path.join(dp, f), MIX)
            if rel != "labels.csv" and rel not in keep: os.remove(os.path.join(dp, f)); log(f"  removed stale mixed/{rel}")
    rows.sort(key=lambda r: r["track_id"])
    write_csv(os.path.join(MIX, "labels.csv"),
              ["clip_id", "file", "track_id", "soundtrack", "title", "split", "seconds", "short", "format"], rows)
    log(f"  mixed: {dict(collections.Counter(r['format'] for r in rows))}")
PY
rm -f "$PKG_TSV"
log "done: $OUT ($(du -sh "$OUT" | cut -f1) with the cache; labels.csv, clips/, packages.csv, SUMMARY.md)"
