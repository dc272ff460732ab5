#ifndef REMINDD_CCURL_SHIM_H
#define REMINDD_CCURL_SHIM_H
#include <curl/curl.h>
#endif
