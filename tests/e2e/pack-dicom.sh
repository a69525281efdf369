#!/bin/sh
# DICOM stacks in rounds-pack: fixtures made here (tests/tools/dicomfix.py, compressed with
# DCMTK's dcmcjpeg, dcmcrle and dcmcjpls), each carrying a made-up patient. The package
# holds none of the patient's data, the masked rectangle is black, overlay text is not
# drawn, MONOCHROME1 is not inverted twice, colour stays colour, a series plays in
# InstanceNumber order with one window, rate and spacing come from the header, and every
# broken or unreadable source is refused with a one-line reason, hostile RLE headers before
# DCMTK decodes them.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
command -v sqlite3 >/dev/null || t_skip_all "sqlite3 is not installed"
command -v dcmcjpeg >/dev/null || t_skip_all "dcmtk's tools are not installed (apt-get install dcmtk)"
fx=$top_srcdir/tests/fixtures/courses
fix() { python3 "$top_srcdir/tests/tools/dicomfix.py" "$@"; }
cd "$T" || exit 1

# course NAME: the stack fixture without its PNG run; stack NAME DIR FILE|- LINE...: a stack
# folder holding FILE (or what is already there), its stack.txt lines, and a reference.
course() {
	rm -rf "$1" && cp -r "$fx/stack" "$1" && chmod -R u+w "$1"
	rm -rf "$1/images/lad-run"
	sed -i '/lad-run/d' "$1/01-imaging/01-pullback.md"
}
stack() {
	c=$1 d=$2 f=$3; shift 3
	mkdir -p "$c/images/$d"
	[ "$f" = - ] || cp -r "$f" "$c/images/$d/"
	printf '%s\n' "$@" > "$c/images/$d/stack.txt"
	printf '![%s](../images/%s/)\n' "$d" "$d" >> "$c/01-imaging/01-pullback.md"
}

for k in ct us rgb mono1 overlay truncated claim j2k enhanced; do fix $k $k.dcm; done
fix series series
fix mixed mixed
dcmcjpeg +eb us.dcm us-jpeg.dcm && dcmcjpeg +el us.dcm us-lossless.dcm &&
	dcmcrle us.dcm us-rle.dcm && dcmcjpls us.dcm us-jls.dcm ||
	t_skip_all "dcmtk's tools could not compress the fixture"
fix burned us.dcm us-lower.dcm yes
fix burned us.dcm us-spaced.dcm " Yes"
fix burned us.dcm us-silent.dcm ""
# Hostile RLE: frame 2's first segment far past its fragment (DCMTK 3.6.7 read out of
# bounds there), no segment, 16 segments, two where 8-bit gray has one, an offset inside
# the header.
fix rle-header us-rle.dcm rle-far.dcm 2 1 0x00c50040
fix rle-header us-rle.dcm rle-none.dcm 1 0 0
fix rle-header us-rle.dcm rle-16.dcm 3 0 16
fix rle-header us-rle.dcm rle-two.dcm 1 0 2
fix rle-header us-rle.dcm rle-low.dcm 4 1 12

# One course with every good kind of source.
course good
stack good ct ct.dcm "title: CT with a window" "mask: rect 2 2 32 8"
stack good us us.dcm "mask: rect 2 2 32 8" "rate: 10"
for z in jpeg lossless rle jls; do stack good us-$z us-$z.dcm "mask: rect 2 2 32 8"; done
stack good rgb rgb.dcm "mask: none"
stack good mono1 mono1.dcm "mask: none"
stack good overlay overlay.dcm "mask: none"
mkdir -p good/images/series && cp series/* good/images/series/
stack good series - "mask: none"
t_ok "a course of DICOM stacks checks" rounds-pack check good
t_grep "rate: the header's frame time wins, with a warning at the stack.txt line" \
	"^good/images/us/stack.txt:2:1: warning: rate: the DICOM file gives 30 frames per second, which is used$" "$T/.err"
t_grep "mask: none on a series without BurnedInAnnotation: one warning for its files" \
	"^good/images/series/stack.txt:1:1: warning: 'mask: none': b.dcm and 2 more files do not say whether text is burned in" "$T/.err"

rounds-pack keygen -W -p k.pub -s k.key >/dev/null
export SOURCE_DATE_EPOCH=1700000000
t_ok "it builds" rounds-pack build good -k k.key -o good.course --level 1
cp "$T/.out" build.out
t_grep "build names the identifying attributes it dropped, per source" \
	"^good/images/ct/ct.dcm: dropped identifying attributes .*PatientName, PatientID, PatientBirthDate" build.out
t_grep "the overlay plane counts as one" "^good/images/overlay/overlay.dcm: dropped .*OverlayData" build.out
t_same "never the values" "$(grep -c 'Fictional\|FAKE0047113\|19010203\|Nowhere' build.out)" 0
for v in Fictional FAKE0047113 19010203 'Nowhere General'; do
	t_same "the decompressed package does not hold '$v'" "$(zstd -dc good.course | grep -ac "$v")" 0
done
mkdir x && (cd x && zstd -dc ../good.course | tar -xf -)
t_same "nor does its course.db" "$(grep -rlac 'Fictional\|FAKE0047113' x | wc -l)" 0

# px STACK FRAME X Y [W H]: least and greatest sample of that rectangle of the frame.
px() {
	sha=$(sqlite3 x/course.db "SELECT sha256 FROM stack_frames WHERE stack = 'images/$1' AND pos = $2")
	fix png "x/assets/$sha.png" "$3" "$4" ${5:-} ${6:-}
}
t_same "CT: the masked rectangle (burned-in text) is black" "$(px ct 1 2 2 32 8)" "0 0"
t_same "CT: its window (40/400) shows 40 HU as mid grey" "$(px ct 1 32 36)" "127 127"
t_same "CT: air is black" "$(px ct 1 60 60)" "0 0"
for z in us us-jpeg us-lossless us-rle us-jls; do
	t_same "$z: the mask blacks out the text in every frame" "$(px $z 12 2 2 32 8)" "0 0"
done
t_same "lossless JPEG, RLE and JPEG-LS decode to the same pixels" \
	"$(px us-lossless 5 0 0 64 64; px us-rle 5 0 0 64 64; px us-jls 5 0 0 64 64)" \
	"$(px us 5 0 0 64 64; px us 5 0 0 64 64; px us 5 0 0 64 64)"
t_same "the overlay plane's text is not drawn" "$(px overlay 1 0 0 32 32)" "100 100"
t_same "MONOCHROME1: stored 0 shows white" "$(px mono1 1 0 0 16 32)" "255 255"
t_same "MONOCHROME1: the high values show black (not inverted twice)" "$(px mono1 1 16 0 16 32)" "0 0"
sha=$(sqlite3 x/course.db "SELECT sha256 FROM stack_frames WHERE stack = 'images/rgb'")
t_same "colour stays colour (an RGB PNG)" \
	"$(python3 -c 'import sys; print(open(sys.argv[1], "rb").read()[25])' "x/assets/$sha.png")" 2
t_same "red on the left" "$(px rgb 1 0 0)" "0 200"
t_same "a series plays in InstanceNumber order (b, c, a), one window" \
	"$(px series 1 0 0; px series 2 0 0; px series 3 0 0)" "$(printf '50 50\n100 100\n150 150')"
t_same "rate, frame spacing (IVUS pullback / frame rate) and region spacing from the header" \
	"$(sqlite3 x/course.db "SELECT frames, width, rate, round(frame_spacing, 4), row_spacing, col_spacing FROM stacks WHERE path = 'images/us'")" \
	"12|64|30|0.0167|0.04|0.05"
t_same "PixelSpacing, not ImagerPixelSpacing" \
	"$(sqlite3 x/course.db "SELECT row_spacing, col_spacing, title FROM stacks WHERE path = 'images/ct'")" \
	"0.7|0.6|CT with a window"

# Refusals: each in a course of its own, one line each, nothing written.
refuse() {
	desc=$1 pat=$2; shift 2
	course bad
	stack bad run "$@"
	t_exit "$desc" 1 "$pat" rounds-pack build bad -k k.key -o bad.course
	[ ! -e bad.course ] || { t_fail "$desc: nothing written"; rm -f bad.course; }
}
refuse "a DICOM stack without mask: is refused" \
	"^bad/images/run/stack.txt: error: a DICOM stack needs a 'mask:' line" ct.dcm "rate: 5"
refuse "BurnedInAnnotation YES with mask: none is refused" \
	"^bad/images/run/stack.txt:1:1: error: 'mask: none', but us.dcm says BurnedInAnnotation YES" \
	us.dcm "mask: none"
for v in lower spaced; do
	refuse "BurnedInAnnotation in any case, spaces around it ($v), with mask: none is refused" \
		"^bad/images/run/stack.txt:1:1: error: 'mask: none', but us-$v.dcm says BurnedInAnnotation YES" \
		us-$v.dcm "mask: none"
done
course silent
stack silent run us-silent.dcm "mask: none"
t_ok "mask: none on a file without BurnedInAnnotation builds" \
	rounds-pack build silent -k k.key -o silent.course
t_grep "with a warning that the author's word is all there is" \
	"^silent/images/run/stack.txt:1:1: warning: 'mask: none': us-silent.dcm does not say whether text is burned in \(no BurnedInAnnotation YES or NO\)" \
	"$T/.err"
t_same "one warning a stack" "$(grep -c 'BurnedInAnnotation' "$T/.err")" 1
refuse "a mask outside the frame is refused" \
	"^bad/images/run/stack.txt:2:1: error: mask: rect 60 0 8 8 reaches outside the 64x64 frames" \
	ct.dcm "mask: rect 0 0 8 8" "mask: rect 60 0 8 8"
refuse "a folder mixing series is refused by name" \
	"^bad/images/run/b.dcm: error: a.dcm and b.dcm belong to different series" "mixed/." "mask: none"
refuse "a truncated file is refused" \
	"^bad/images/run/truncated.dcm: error: DICOM file: damaged or truncated \(.*premature end of stream\)$" \
	truncated.dcm "mask: none"
refuse "a file claiming 100,000 frames is refused by the limit" \
	"^bad/images/run/claim.dcm: error: DICOM file has 100000 frames; the limit is 5000 a stack" \
	claim.dcm "mask: none"
refuse "JPEG 2000 is refused with its name and the gdcmconv hint" \
	"^bad/images/run/j2k.dcm: error: transfer syntax 'JPEG 2000.*' cannot be decoded \(convert it first: gdcmconv --raw FILE OUT\)" \
	j2k.dcm "mask: none"
refuse "an RLE segment offset past its fragment is refused before decoding" \
	"^bad/images/run/rle-far.dcm: error: DICOM file: RLE frame 2: segment 1 starts at byte 12910656, past the end of its [0-9]+-byte fragment$" \
	rle-far.dcm "mask: rect 2 2 32 8"
refuse "an RLE frame of no segments is refused" \
	"^bad/images/run/rle-none.dcm: error: DICOM file: RLE frame 1: its header gives 0 segments where SamplesPerPixel and BitsAllocated make 1$" \
	rle-none.dcm "mask: rect 2 2 32 8"
refuse "an RLE frame of 16 segments is refused" \
	"^bad/images/run/rle-16.dcm: error: DICOM file: RLE frame 3: its header gives 16 segments" \
	rle-16.dcm "mask: rect 2 2 32 8"
refuse "an RLE frame of more segments than its samples have bytes is refused" \
	"^bad/images/run/rle-two.dcm: error: DICOM file: RLE frame 1: its header gives 2 segments" \
	rle-two.dcm "mask: rect 2 2 32 8"
refuse "an RLE segment starting inside the header is refused" \
	"^bad/images/run/rle-low.dcm: error: DICOM file: RLE frame 4: segment 1 starts at byte 12, inside the header" \
	rle-low.dcm "mask: rect 2 2 32 8"
refuse "an enhanced multi-frame object is refused by its name" \
	"^bad/images/run/enhanced.dcm: error: EnhancedCTImageStorage is an enhanced multi-frame object" \
	enhanced.dcm "mask: none"
course bad
stack bad run us.dcm "mask: none"
cp "$top_srcdir/tests/fixtures/courses/good/images/"*.png bad/images/run/ 2>/dev/null ||
	python3 "$top_srcdir/tests/tools/stackframes.py" bad/images/run 1 16
t_exit "a DICOM folder holding a PNG is refused" 1 "error: not a DICOM file: a DICOM stack's folder holds DICOM files" \
	rounds-pack check bad
course bad
python3 "$top_srcdir/tests/tools/stackframes.py" bad/images/run 2 16
stack bad run - "mask: none" "window: 40 400"
t_exit "mask and window on PNG frames are still refused" 1 \
	"^bad/images/run/stack.txt:1:1: error: 'mask' applies to DICOM frames only" rounds-pack check bad
t_grep "both" "^bad/images/run/stack.txt:2:1: error: 'window' applies to DICOM frames only" "$T/.err"
t_done
