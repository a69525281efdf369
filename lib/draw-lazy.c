/*
 * chafa (and GLib through it), libpng and TurboJPEG for the player, loaded when the first
 * figure is drawn. A learner who reads text pages needs none of them, yet linking them made
 * every start map five libraries (chafa, GLib, PCRE2, libpng, TurboJPEG). The player links
 * these wrappers instead, as it does for libarchive (lib/archive-lazy.c); the other programs
 * and the tests link the libraries themselves.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <chafa.h>
#include <png.h>
#include <turbojpeg.h>

#include "draw-lazy.h"
#include "lazy.h"

/*
 * Each library's functions that the player calls, with the prototypes of its headers (the
 * compiler checks them): R(return type, name, parameters, arguments, value when the
 * library cannot be loaded) and V(name, parameters, arguments) for those that return
 * nothing. The failure values are the libraries' own (NULL, -1, 0).
 */
#define PNG_FUNCTIONS(R, V) \
	R(int, png_image_finish_read, \
	    (png_imagep image, png_const_colorp background, void *buffer, png_int_32 row_stride, \
	        void *colormap), \
	    (image, background, buffer, row_stride, colormap), 0) \
	V(png_image_free, (png_imagep image), (image))
/* these two say why in the image's message, as libpng does */
#define PNG_FUNCTIONS_OWN(X) \
	X(png_image_begin_read_from_memory) \
	X(png_image_write_to_memory)

#define TJ_FUNCTIONS(R, V) \
	R(tjhandle, tjInitDecompress, (void), (), NULL) \
	R(int, tjDecompressHeader3, \
	    (tjhandle handle, const unsigned char *jpegBuf, unsigned long jpegSize, int *width, \
	        int *height, int *jpegSubsamp, int *jpegColorspace), \
	    (handle, jpegBuf, jpegSize, width, height, jpegSubsamp, jpegColorspace), -1) \
	R(int, tjDecompress2, \
	    (tjhandle handle, const unsigned char *jpegBuf, unsigned long jpegSize, \
	        unsigned char *dstBuf, int width, int pitch, int height, int pixelFormat, \
	        int flags), \
	    (handle, jpegBuf, jpegSize, dstBuf, width, pitch, height, pixelFormat, flags), -1) \
	R(char *, tjGetErrorStr2, (tjhandle handle), (handle), lazy_tj.error) \
	R(int, tjDestroy, (tjhandle handle), (handle), -1)

/* GLib's g_string_free is found through libchafa, which needs GLib. */
#define CHAFA_FUNCTIONS(R, V) \
	V(chafa_calc_canvas_geometry, \
	    (gint src_width, gint src_height, gint * dest_width_inout, gint * dest_height_inout, \
	        gfloat font_ratio, gboolean zoom, gboolean stretch), \
	    (src_width, src_height, dest_width_inout, dest_height_inout, font_ratio, zoom, \
	        stretch)) \
	R(ChafaCanvasConfig *, chafa_canvas_config_new, (void), (), NULL) \
	V(chafa_canvas_config_set_canvas_mode, (ChafaCanvasConfig * c, ChafaCanvasMode m), (c, m)) \
	V(chafa_canvas_config_set_cell_geometry, (ChafaCanvasConfig * c, gint w, gint h), \
	    (c, w, h)) \
	V(chafa_canvas_config_set_color_extractor, (ChafaCanvasConfig * c, ChafaColorExtractor e), \
	    (c, e)) \
	V(chafa_canvas_config_set_dither_grain_size, (ChafaCanvasConfig * c, gint w, gint h), \
	    (c, w, h)) \
	V(chafa_canvas_config_set_dither_mode, (ChafaCanvasConfig * c, ChafaDitherMode m), (c, m)) \
	V(chafa_canvas_config_set_geometry, (ChafaCanvasConfig * c, gint w, gint h), (c, w, h)) \
	V(chafa_canvas_config_set_pixel_mode, (ChafaCanvasConfig * c, ChafaPixelMode m), (c, m)) \
	V(chafa_canvas_config_set_preprocessing_enabled, (ChafaCanvasConfig * c, gboolean on), \
	    (c, on)) \
	V(chafa_canvas_config_set_symbol_map, (ChafaCanvasConfig * c, const ChafaSymbolMap *m), \
	    (c, m)) \
	V(chafa_canvas_config_unref, (ChafaCanvasConfig * c), (c)) \
	V(chafa_canvas_draw_all_pixels, \
	    (ChafaCanvas * cv, ChafaPixelType t, const guint8 *px, gint w, gint h, gint stride), \
	    (cv, t, px, w, h, stride)) \
	R(gunichar, chafa_canvas_get_char_at, (ChafaCanvas * cv, gint x, gint y), (cv, x, y), 0) \
	V(chafa_canvas_get_raw_colors_at, \
	    (ChafaCanvas * cv, gint x, gint y, gint * fg, gint * bg), (cv, x, y, fg, bg)) \
	R(ChafaCanvas *, chafa_canvas_new, (const ChafaCanvasConfig *c), (c), NULL) \
	R(GString *, chafa_canvas_print, (ChafaCanvas * cv, ChafaTermInfo * ti), (cv, ti), NULL) \
	V(chafa_canvas_unref, (ChafaCanvas * cv), (cv)) \
	V(chafa_symbol_map_add_by_tags, (ChafaSymbolMap * m, ChafaSymbolTags t), (m, t)) \
	R(ChafaSymbolMap *, chafa_symbol_map_new, (void), (), NULL) \
	V(chafa_symbol_map_remove_by_tags, (ChafaSymbolMap * m, ChafaSymbolTags t), (m, t)) \
	V(chafa_symbol_map_unref, (ChafaSymbolMap * m), (m)) \
	R(ChafaTermInfo *, chafa_term_db_detect, (ChafaTermDb * db, gchar * *envp), (db, envp), \
	    NULL) \
	R(ChafaTermDb *, chafa_term_db_get_default, (void), (), NULL) \
	V(chafa_term_info_unref, (ChafaTermInfo * ti), (ti)) \
	R(gchar *, g_string_free, (GString * s, gboolean free_segment), (s, free_segment), NULL)

#define INDEX_X(name) LAZY_##name,
#define NAME_X(name) #name,

enum { PNG_FUNCTIONS(INDEX_R, INDEX_V) PNG_FUNCTIONS_OWN(INDEX_X) PNG_COUNT };
enum { TJ_FUNCTIONS(INDEX_R, INDEX_V) TJ_COUNT };
enum { CHAFA_FUNCTIONS(INDEX_R, INDEX_V) CHAFA_COUNT };

static const char *const png_names[] = { PNG_FUNCTIONS(NAME_R, NAME_V) PNG_FUNCTIONS_OWN(NAME_X) };
static const char *const tj_names[] = { TJ_FUNCTIONS(NAME_R, NAME_V) };
static const char *const chafa_names[] = { CHAFA_FUNCTIONS(NAME_R, NAME_V) };
static void *png_fns[PNG_COUNT], *tj_fns[TJ_COUNT], *chafa_fns[CHAFA_COUNT];

static struct lazy_lib lazy_png = { PNG_SONAME, png_names, png_fns, PNG_COUNT, 0, "" };
static struct lazy_lib lazy_tj = { TURBOJPEG_SONAME, tj_names, tj_fns, TJ_COUNT, 0, "" };
static struct lazy_lib lazy_chafa = { CHAFA_SONAME, chafa_names, chafa_fns, CHAFA_COUNT, 0, "" };

#define PNG_R(ret, name, params, args, fail) WRAP_R(lazy_png, ret, name, params, args, fail)
#define PNG_V(name, params, args) WRAP_V(lazy_png, name, params, args)
#define TJ_R(ret, name, params, args, fail) WRAP_R(lazy_tj, ret, name, params, args, fail)
#define TJ_V(name, params, args) WRAP_V(lazy_tj, name, params, args)
#define CHAFA_R(ret, name, params, args, fail) WRAP_R(lazy_chafa, ret, name, params, args, fail)
#define CHAFA_V(name, params, args) WRAP_V(lazy_chafa, name, params, args)

/* GLib 2.76 and later may make g_string_free a macro over the function defined here. */
#ifdef g_string_free
#undef g_string_free
#endif

PNG_FUNCTIONS(PNG_R, PNG_V)
TJ_FUNCTIONS(TJ_R, TJ_V)
CHAFA_FUNCTIONS(CHAFA_R, CHAFA_V)

/* libpng's simplified API reports a failure in the image: so does a missing libpng. */
static int
png_failed(png_imagep image)
{
	image->warning_or_error = PNG_IMAGE_ERROR;
	/* cut to the message's 64 bytes: draw_libs_error has the whole line */
	snprintf(image->message, sizeof image->message, "%.*s", (int)sizeof image->message - 1,
	    lazy_png.error);
	return 0;
}

int
png_image_begin_read_from_memory(png_imagep image, png_const_voidp memory, size_t size)
{
	if (lazy_open(&lazy_png) == -1)
		return png_failed(image);
	return ((int (*)(png_imagep, png_const_voidp,
	    size_t))lazy_png.fns[LAZY_png_image_begin_read_from_memory])(image, memory, size);
}

int
png_image_write_to_memory(png_imagep image, void *memory, png_alloc_size_t *memory_bytes,
    int convert_to_8_bit, const void *buffer, png_int_32 row_stride, const void *colormap)
{
	if (lazy_open(&lazy_png) == -1)
		return png_failed(image);
	return ((int (*)(png_imagep, void *, png_alloc_size_t *, int, const void *, png_int_32,
	    const void *))lazy_png.fns[LAZY_png_image_write_to_memory])(image, memory, memory_bytes,
	    convert_to_8_bit, buffer, row_stride, colormap);
}

const char *
draw_libs_error(void)
{
	if (lazy_open(&lazy_chafa) == -1)
		return lazy_chafa.error;
	if (lazy_open(&lazy_png) == -1)
		return lazy_png.error;
	if (lazy_open(&lazy_tj) == -1)
		return lazy_tj.error;
	return NULL;
}
