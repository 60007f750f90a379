/* json-file log lines, byte for byte as Docker's json-file driver writes them (checked against dockerd
 * 20.10): `{"log":"...","stream":"stdout","time":"RFC3339Nano"}\n`, Go's RFC3339Nano (trailing zeros
 * of the fraction dropped), the escaping of its jsonlog writer: `"` and `\` backslashed, \n and \r as
 * such, other control bytes and < > & as \u00XX, U+2028/9 escaped, each invalid UTF-8 byte \ufffd. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "shiprun.h"

static const char HEX[] = "0123456789abcdef";

/* The length of the valid UTF-8 sequence at p, or 0 (as Go's utf8.DecodeRune: no overlong forms,
 * surrogates or code points above U+10FFFF). */
static size_t utf8_seq(const unsigned char *p, size_t n) {
  unsigned c = p[0];
  if (c < 0xc2 || c > 0xf4) return 0;
  size_t len = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
  if (n < len) return 0;
  unsigned lo = c == 0xe0 ? 0xa0 : c == 0xf0 ? 0x90 : 0x80;
  unsigned hi = c == 0xed ? 0x9f : c == 0xf4 ? 0x8f : 0xbf;
  if (p[1] < lo || p[1] > hi) return 0;
  for (size_t i = 2; i < len; i++)
    if ((p[i] & 0xc0) != 0x80) return 0;
  return len;
}

/* Writes the escaped text of s (without quotes) at out; out needs 6 bytes per input byte. */
static size_t escape(char *out, const unsigned char *s, size_t n) {
  char *o = out;
  for (size_t i = 0; i < n;) {
    unsigned char b = s[i];
    if (b < 0x80) {
      if (b >= 0x20 && b != '\\' && b != '"' && b != '<' && b != '>' && b != '&') {
        *o++ = (char)b;
      } else if (b == '\\' || b == '"' || b == '\n' || b == '\r') {
        *o++ = '\\';
        *o++ = b == '\n' ? 'n' : b == '\r' ? 'r' : (char)b;
      } else {
        memcpy(o, "\\u00", 4);
        o[4] = HEX[b >> 4];
        o[5] = HEX[b & 15];
        o += 6;
      }
      i++;
      continue;
    }
    size_t len = utf8_seq(s + i, n - i);
    if (!len) {
      memcpy(o, "\\ufffd", 6);
      o += 6;
      i++;
    } else if (len == 3 && b == 0xe2 && s[i + 1] == 0x80 && (s[i + 2] == 0xa8 || s[i + 2] == 0xa9)) {
      memcpy(o, "\\u202", 5);
      o[5] = s[i + 2] == 0xa8 ? '8' : '9';
      o += 6;
      i += 3;
    } else {
      memcpy(o, s + i, len);
      o += len;
      i += len;
    }
  }
  return (size_t)(o - out);
}

/* "2026-12-07T04:12:13.12345678Z": UTC, the fraction without trailing zeros (none when zero). */
static size_t rfc3339nano(char *out, const struct timespec *ts) {
  struct tm tm;
  gmtime_r(&ts->tv_sec, &tm);
  size_t n = strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
  if (ts->tv_nsec) {
    char frac[16];
    snprintf(frac, sizeof(frac), ".%09ld", ts->tv_nsec);
    size_t f = strlen(frac);
    while (frac[f - 1] == '0') f--;
    memcpy(out + n, frac, f);
    n += f;
  }
  out[n++] = 'Z';
  return n;
}

size_t jsonlog_line(char *out, const char *stream, const unsigned char *text, size_t n, int newline,
                    const struct timespec *ts) {
  char *o = out;
  memcpy(o, "{\"log\":\"", 8);
  o += 8;
  o += escape(o, text, n);
  if (newline) {
    memcpy(o, "\\n", 2);
    o += 2;
  }
  o += sprintf(o, "\",\"stream\":\"%s\",\"time\":\"", stream);
  o += rfc3339nano(o, ts);
  memcpy(o, "\"}\n", 3);
  return (size_t)(o - out) + 3;
}
