// cmark-gfm, GitHub's CommonMark implementation (Debian's libcmark-gfm-dev and
// libcmark-gfm-extensions-dev): the parser, the HTML renderer and GitHub's extensions (tables,
// strikethrough, autolinks, task lists, the tag filter).
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
