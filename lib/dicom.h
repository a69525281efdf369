/*
 * DICOM files through DCMTK, behind a C interface: the one place that speaks C++ (dicom.cc).
 * It reads what a stack needs from a header (size, frames, timing, spacing, window) and
 * renders frames to 8-bit pixels; the rules (limits, masks, one window for a series) are
 * the course loader's (coursesrc-dicom.c). Linked into rounds-pack, never into the player.
 */
#ifndef ROUNDS_DICOM_H
#define ROUNDS_DICOM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

struct dicom; /* an open file: its header, and the frame last decoded */

/* What a header says. Numbers are 0 when the file does not give them. */
struct dicom_info {
	unsigned long frames;   /* NumberOfFrames, 1 when absent */
	unsigned width, height; /* Columns, Rows */
	int color;              /* 1: frames render to RGB, 0: to gray */
	char photometric[24];   /* PhotometricInterpretation, e.g. "MONOCHROME1" */
	char syntax[96];        /* the transfer syntax's name */
	int syntax_ok;          /* 1: uncompressed, RLE, JPEG 1/2-4/14, JPEG-LS */
	char enhanced[96];      /* an enhanced object's SOP class name (functional groups), or "" */
	double frame_ms;        /* FrameTime */
	double cine_rate;       /* CineRate */
	double display_rate;    /* RecommendedDisplayFrameRate */
	double row_spacing, col_spacing; /* PixelSpacing, else the first ultrasound
						   region's PhysicalDeltaY/X in mm */
	double pullback;                 /* IVUSPullbackRate, mm/s */
	int burned_in;                   /* BurnedInAnnotation is YES (any case, padding ignored) */
	int burned_in_given;             /* BurnedInAnnotation is YES or NO, not absent or other */
	int has_window;                  /* WindowCenter/Width given (the first pair) */
	double win_center, win_width;
	int has_voi_lut; /* a VOI LUT sequence */
	char series[72]; /* SeriesInstanceUID: only compared, never stored or shown */
	long instance;   /* InstanceNumber, 0 when absent */
	double position; /* ImagePositionPatient along the slice normal */
	int has_position;
};

/* How frames are windowed (monochrome only; colour ignores it). */
enum dicom_win { DICOM_WIN_VALUES, DICOM_WIN_VOI_LUT };
struct dicom_window {
	enum dicom_win kind;
	double center, width; /* DICOM_WIN_VALUES */
};

struct dicom_rect {
	unsigned x, y, w, h;
};

/*
 * Open the DICOM Part 10 file at path and read its header (pixel data stays on disk until
 * a frame is asked for). On success *out is new (dicom_close) and info is filled; -1 with
 * the reason in why (without the path) when the file is not DICOM, is damaged, or holds
 * no image. A transfer syntax this module cannot decode still opens:
 * info->syntax_ok says so, and the caller refuses it.
 */
int dicom_open(const char *path, struct dicom **out, struct dicom_info *info, char *why,
    size_t whylen);
void dicom_close(struct dicom *);

/*
 * Check, before any frame is decoded, that the pixel data can hold every frame the header
 * claims: uncompressed data long enough; RLE one fragment a frame, each frame's header
 * giving SamplesPerPixel x bytes-per-sample segments (1 to 15) whose offsets rise inside
 * the fragment (DCMTK's decoder trusts them); other compressed data is left to the
 * decoders. -1 with why (one line) for a truncated or damaged file. Apart from dicom_open
 * so that a caller can first refuse a count beyond its limits.
 */
int dicom_check_length(struct dicom *, char *why, size_t whylen);

/*
 * The names (never the values) of the identifying attributes the file holds, from the
 * PS3.15 basic profile, ", "-separated in the order met ("" when none); private
 * attributes count as one name. Owned by d.
 */
const char *dicom_identifying(const struct dicom *d);

/*
 * The least and greatest modality value of frame i (0-based) outside the rects, for a
 * window that fits a whole series. Frames are read one at a time: asking for i + 1 after i
 * reads on from where the file was. -1 with why on a decoding error.
 */
int dicom_frame_range(struct dicom *, unsigned long i, const struct dicom_rect *mask, size_t nmask,
    double *lo, double *hi, char *why, size_t whylen);

/*
 * Render frame i to out (width * height bytes, or * 3 for colour, rows top to bottom) with
 * window w, overlay planes never drawn, MONOCHROME1 shown as intended (low values white).
 * -1 with why on a decoding error.
 */
int dicom_frame(struct dicom *, unsigned long i, const struct dicom_window *w, unsigned char *out,
    char *why, size_t whylen);

#ifdef __cplusplus
}
#endif

#endif
