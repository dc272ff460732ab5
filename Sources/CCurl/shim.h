#ifndef REMINDD_CCURL_SHIM_H
#define REMINDD_CCURL_SHIM_H

/*
 * Typed wrappers for libcurl's variadic entry points.
 *
 * Swift cannot call C variadic functions, and curl_easy_setopt / curl_easy_getinfo are
 * variadic. Each wrapper below fixes the type of the third argument, so the call from
 * Swift is checked by the compiler and the C calling convention is right for that type.
 * Only Sources/RemindDelivery/Curl/Curl.swift uses these.
 */

#include <curl/curl.h>

static inline CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_setopt_off(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_setopt_str(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_setopt_ptr(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

/* Read callback (CURLOPT_READFUNCTION): the upload body of an SMTP message. */
static inline CURLcode ccurl_setopt_read_function(CURL *handle, curl_read_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_READFUNCTION, callback);
}

/* Write callback (CURLOPT_WRITEFUNCTION): the response body of an HTTP request. */
static inline CURLcode ccurl_setopt_write_function(CURL *handle, curl_write_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback);
}

/* Header callback (CURLOPT_HEADERFUNCTION): HTTP response headers, or the SMTP server's
 * replies, one line per call. */
static inline CURLcode ccurl_setopt_header_function(CURL *handle, curl_write_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, callback);
}

static inline CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode ccurl_getinfo_off(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

#endif
