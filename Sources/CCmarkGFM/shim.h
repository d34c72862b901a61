// cmark-gfm and its GFM extensions (tables, strikethrough, autolinks).
#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm-core-extensions.h>

// wcwidth for the Markdown module's column counting: Swift's Glibc module hides it (it is an XSI extension).
#include <wchar.h>
#include <locale.h>
static inline int kt_wcwidth(wchar_t c) {
    extern int wcwidth(wchar_t);
    return wcwidth(c);
}
