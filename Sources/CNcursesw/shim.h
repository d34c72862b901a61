// ncursesw for Swift: the wide API (NCURSES_WIDECHAR, which pkg-config's -D flags would set), the macros Swift
// cannot see as constants and functions, and the handlers that give the terminal back when the process dies.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <ncursesw/ncurses.h>

static const unsigned int kt_A_NORMAL = A_NORMAL;
static const unsigned int kt_A_BOLD = A_BOLD;
static const unsigned int kt_A_UNDERLINE = A_UNDERLINE;
static const unsigned int kt_A_REVERSE = A_REVERSE;
static const unsigned int kt_A_DIM = A_DIM;
static const unsigned int kt_A_ITALIC = A_ITALIC;
static const int kt_KEY_CODE_YES = KEY_CODE_YES;

static inline int kt_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline int kt_key_f(int n) { return KEY_F(n); }

/// Draws `len` wide characters at (y, x) with attributes and a colour pair, without moving past the line.
static inline int kt_put(WINDOW *w, int y, int x, const wchar_t *s, int len, unsigned int attrs, short pair) {
    wattr_set(w, attrs, pair, NULL);
    return mvwaddnwstr(w, y, x, s, len);
}

/// SIGTERM and SIGHUP ask the main loop to save and leave (it polls this); a second one ends at once.
/// Storage lives in functions: Swift's importer emits static inline functions, not a header's static variables.
static inline volatile sig_atomic_t *kt_quit_flag(void) { static volatile sig_atomic_t flag = 0; return &flag; }
static inline struct sigaction *kt_previous_table(void) { static struct sigaction table[65]; return table; }
#define kt_previous (kt_previous_table())

static inline void kt_fatal_handler(int sig) {
    endwin();
    sigaction(sig, &kt_previous[sig], NULL);
    raise(sig);
}

static inline void kt_quit_handler(int sig) {
    if (*kt_quit_flag() != 0) { kt_fatal_handler(sig); return; }
    *kt_quit_flag() = sig;
}

static inline int kt_pending_quit_signal(void) { return *kt_quit_flag(); }

static inline void kt_endwin_atexit(void) { if (!isendwin()) endwin(); }

/// Installs the handlers after initscr: crashes (a Swift trap is SIGILL or SIGTRAP) end curses, then the
/// previous handler (the Swift backtracer's, or the default) runs; SIGTERM/SIGHUP go through the main loop.
static inline void kt_install_signal_handlers(void) {
    int fatal[] = {SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV};
    for (unsigned i = 0; i < sizeof fatal / sizeof fatal[0]; i++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = kt_fatal_handler;
        sigemptyset(&sa.sa_mask);
        sigaction(fatal[i], &sa, &kt_previous[fatal[i]]);
    }
    int quit[] = {SIGTERM, SIGHUP};
    for (unsigned i = 0; i < 2; i++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = kt_quit_handler;
        sigemptyset(&sa.sa_mask);
        sigaction(quit[i], &sa, &kt_previous[quit[i]]);
    }
    atexit(kt_endwin_atexit);
}

/// Puts back the handlers that were there before (after endwin on a normal quit).
static inline void kt_restore_signal_handlers(void) {
    int all[] = {SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV, SIGTERM, SIGHUP};
    for (unsigned i = 0; i < sizeof all / sizeof all[0]; i++) sigaction(all[i], &kt_previous[all[i]], NULL);
}

static inline int kt_locale_is_utf8(void) {
    const char *cs = nl_langinfo(CODESET);
    return cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}
