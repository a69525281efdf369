/*
 * gen-course: write a deterministic synthetic course for benchmarks and limit tests.
 *   gen-course N_LESSONS N_IMAGES SEED OUTDIR
 * Lessons are realistic Markdown (headings, lists, code, links between lessons, images),
 * each module ends with a GIFT quiz, and the images are PNG and JPEG figures of typical
 * sizes with smooth structure and noise, so they compress like real figures do.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <png.h>
#include <turbojpeg.h>

#define LESSONS_PER_MODULE 20

static uint64_t rng_state;

/* splitmix64: small, fast and the same on every platform. */
static uint64_t
rng(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static unsigned
rng_below(unsigned n)
{
	return (unsigned)(rng() % n);
}

static const char *const words[] = { "dose", "scatter", "detector", "collimation", "fluoroscopy",
	"patient", "operator", "shielding", "distance", "pulse", "frame", "rate", "exposure",
	"kerma", "skin", "threshold", "image", "noise", "contrast", "vessel", "lumen", "stent",
	"catheter", "protocol", "sequence", "gradient", "signal", "tissue", "artefact",
	"resolution", "the", "a", "of", "and", "to", "in", "is", "with", "for", "reduces",
	"increases", "measured", "during", "procedure", "team", "room", "table", "tube", "beam",
	"field" };

static void
sentence(FILE *f)
{
	unsigned n = 6 + rng_below(14);

	for (unsigned i = 0; i < n; i++) {
		const char *w = words[rng_below(sizeof words / sizeof words[0])];

		if (i == 0)
			fprintf(f, "%c%s", w[0] - 32 * (w[0] >= 'a'), w + 1);
		else if (rng_below(12) == 0)
			fprintf(f, " *%s*", w);
		else
			fprintf(f, " %s", w);
	}
	fputs(". ", f);
}

static void
paragraph(FILE *f)
{
	unsigned n = 3 + rng_below(5);

	for (unsigned i = 0; i < n; i++)
		sentence(f);
	fputs("\n\n", f);
}

/* Format a path into a PATH_BYTES buffer; a path that does not fit ends the program. */
#define PATH_BYTES 4096
static void xpath(char *, const char *, ...) __attribute__((format(printf, 2, 3)));

static void
xpath(char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, PATH_BYTES, fmt, ap);
	va_end(ap);
	if (n < 0 || n >= PATH_BYTES) {
		fprintf(stderr, "gen-course: error: path too long\n");
		exit(1);
	}
}

static FILE *
xfopen(const char *path)
{
	FILE *f = fopen(path, "w");

	if (f == NULL) {
		fprintf(stderr, "gen-course: error: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	return f;
}

static void
xmkdir(const char *path)
{
	if (mkdir(path, 0755) == -1 && errno != EEXIST) {
		fprintf(stderr, "gen-course: error: %s: %s\n", path, strerror(errno));
		exit(1);
	}
}

/* A grey figure: smooth rings and gradients with noise, like a schematic or a scan. */
static unsigned char *
figure_pixels(unsigned w, unsigned h, unsigned channels)
{
	unsigned char *px = malloc((size_t)w * h * channels);
	unsigned cx = w / 2 + rng_below(w / 4 + 1), cy = h / 2 + rng_below(h / 4 + 1);

	if (px == NULL)
		exit(1);
	for (unsigned y = 0; y < h; y++)
		for (unsigned x = 0; x < w; x++) {
			long dx = (long)x - cx, dy = (long)y - cy;
			unsigned v = (unsigned)((dx * dx + dy * dy) / 97 % 160) + (x * 64 / w);

			v += rng_below(24);
			for (unsigned c = 0; c < channels; c++)
				px[((size_t)y * w + x) * channels + c] =
				    (unsigned char)(v + c * 9 > 255 ? 255 : v + c * 9);
		}
	return px;
}

static void
write_png(const char *path, unsigned w, unsigned h)
{
	png_image img;
	unsigned char *px = figure_pixels(w, h, 3);

	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	img.width = w;
	img.height = h;
	img.format = PNG_FORMAT_RGB;
	if (!png_image_write_to_file(&img, path, 0, px, 0, NULL)) {
		fprintf(stderr, "gen-course: error: %s: %s\n", path, img.message);
		exit(1);
	}
	free(px);
}

static void
write_jpeg(const char *path, unsigned w, unsigned h)
{
	unsigned char *px = figure_pixels(w, h, 3), *jpg = NULL;
	unsigned long len = 0;
	tjhandle tj = tjInitCompress();
	FILE *f;

	if (tj == NULL ||
	    tjCompress2(tj, px, (int)w, 0, (int)h, TJPF_RGB, &jpg, &len, TJSAMP_420, 85, 0) != 0) {
		fprintf(stderr, "gen-course: error: %s: cannot encode JPEG\n", path);
		exit(1);
	}
	f = xfopen(path);
	fwrite(jpg, 1, len, f);
	fclose(f);
	tjFree(jpg);
	tjDestroy(tj);
	free(px);
}

static void
write_images(const char *out, unsigned n)
{
	char path[PATH_BYTES];

	for (unsigned i = 0; i < n; i++) {
		unsigned w = 640 + rng_below(1000), h = 480 + rng_below(700);

		if (i % 2 == 0) {
			xpath(path, "%s/images/fig-%04u.png", out, i);
			write_png(path, w, h);
		} else {
			xpath(path, "%s/images/fig-%04u.jpg", out, i);
			write_jpeg(path, w, h);
		}
	}
}

static void
write_lesson(const char *dir, unsigned module, unsigned lesson, unsigned global, unsigned total,
    unsigned nimages, unsigned *next_image)
{
	char path[PATH_BYTES];
	FILE *f;

	xpath(path, "%s/%02u-lesson-%u.md", dir, lesson, lesson);
	f = xfopen(path);
	fprintf(f, "# Lesson %u.%u: %s and %s\n\n", module, lesson, words[rng_below(30)],
	    words[rng_below(30)]);
	paragraph(f);
	fputs("## Key points\n\n", f);
	for (unsigned i = 0; i < 3 + rng_below(3); i++) {
		fputs("- ", f);
		sentence(f);
		fputs("\n", f);
		if (rng_below(3) == 0) {
			fputs("  1. ", f);
			sentence(f);
			fputs("\n", f);
		}
	}
	fputs("\n", f);
	paragraph(f);
	/* Spread the images evenly: after lesson g of total, g * nimages / total are placed. */
	while (*next_image < (uint64_t)global * nimages / total) {
		fprintf(f, "![Figure %u: schematic of %s](../images/fig-%04u.%s)\n\n", *next_image,
		    words[rng_below(30)], *next_image, *next_image % 2 == 0 ? "png" : "jpg");
		(*next_image)++;
	}
	fputs("## Practice\n\n", f);
	paragraph(f);
	fputs("```\nsettings: pulse=7.5/s  frame=15/s  collimation=tight\n```\n\n", f);
	if (lesson > 1)
		fprintf(f, "See also [the previous lesson](%02u-lesson-%u.md).\n\n", lesson - 1,
		    lesson - 1);
	paragraph(f);
	fclose(f);
}

static void
write_quiz(const char *dir, unsigned lessons_in_module)
{
	char path[PATH_BYTES];
	FILE *f;

	xpath(path, "%s/%02u-check.gift", dir, lessons_in_module + 1);
	f = xfopen(path);
	fputs("// @pass 80\n\n", f);
	fputs("::Distance:: Doubling the distance from the source divides the dose rate by "
	      "{=four ~two ~eight # It is the inverse square law.}\n\n",
	    f);
	fputs("::Pulse rate:: Lowering the pulse rate from 15 to 7.5 pulses per second halves "
	      "the dose rate, other settings equal. {TRUE}\n\n",
	    f);
	fputs("::Apron:: Which reduce staff dose? {~%50%distance ~%50%shielding "
	      "~%-100%magnification}\n\n",
	    f);
	fputs("::Factor:: By what factor does the dose rate fall at three times the distance? "
	      "{#9:0.5}\n\n",
	    f);
	fputs("::Pairs:: Match each quantity with its unit. {=kerma-area product -> Gy cm2 "
	      "=air kerma -> Gy =effective dose -> Sv}\n\n",
	    f);
	fclose(f);
}

int
main(int argc, char **argv)
{
	unsigned nlessons, nimages, next_image = 0, done = 0;
	char path[PATH_BYTES];
	FILE *f;

	if (argc != 5) {
		fprintf(stderr, "usage: gen-course N_LESSONS N_IMAGES SEED OUTDIR\n");
		return 2;
	}
	nlessons = (unsigned)strtoul(argv[1], NULL, 10);
	nimages = (unsigned)strtoul(argv[2], NULL, 10);
	rng_state = strtoull(argv[3], NULL, 10);
	xmkdir(argv[4]);
	xpath(path, "%s/images", argv[4]);
	xmkdir(path);
	xpath(path, "%s/course.md", argv[4]);
	f = xfopen(path);
	fprintf(f,
	    "---\nid: org.rounds.bench-%u\ntitle: Synthetic course of %u lessons\n"
	    "version: 1.0.0\nlanguage: en\nauthors: Rounds benchmarks\nlicense: CC0-1.0\n"
	    "description: generated by bench/gen-course\n---\n\n# Synthetic course\n\n"
	    "Generated for benchmarks. Training material, not clinical guidance.\n",
	    nlessons, nlessons);
	fclose(f);
	write_images(argv[4], nimages);
	for (unsigned m = 1; done < nlessons; m++) {
		unsigned in_module = nlessons - done < LESSONS_PER_MODULE ? nlessons - done :
		                                                            LESSONS_PER_MODULE;
		char dir[PATH_BYTES];

		xpath(dir, "%s/%02u-module-%u", argv[4], m, m);
		xmkdir(dir);
		xpath(path, "%s/module.md", dir);
		f = xfopen(path);
		fprintf(f, "---\ntitle: Module %u\n---\n\nModule %u of the synthetic course.\n", m,
		    m);
		fclose(f);
		for (unsigned l = 1; l <= in_module; l++)
			write_lesson(dir, m, l, done + l, nlessons, nimages, &next_image);
		write_quiz(dir, in_module);
		done += in_module;
	}
	return 0;
}
