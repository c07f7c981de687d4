/* The protocol between the library and its speech workers: framed messages on a socket. */
#ifndef RA_WIRE_H
#define RA_WIRE_H

#include <stdint.h>

/* Raised whenever a message changes: a worker of another version refuses the HELLO. */
#define WIRE_VERSION 1u

/* Every message is a header followed by len bytes of payload, in the host's byte order (both
 * ends run on one machine). */
typedef struct {
    uint32_t type;
    uint32_t len;
} wire_head;

enum {
    /* library -> worker */
    WIRE_HELLO = 1, /* u32 version, i32 rate, i32 pitch, then the espeak-ng voice name */
    WIRE_SPEAK = 2, /* gated UTF-8 text, no NUL */
    /* worker -> library */
    WIRE_READY = 16, /* u32 version, u32 sample rate */
    WIRE_FAIL = 17,  /* u32 ra_status, then a message */
    WIRE_PCM = 18,   /* int16 samples */
    WIRE_WORDS = 19, /* pairs of u32: code point (0-based, in the SPEAK text), milliseconds */
    WIRE_DONE = 20   /* u32 ra_status of the SPEAK */
};

/* The largest payload either side accepts: a SPEAK is one chunk of a sentence, a PCM message
 * one buffer of audio. */
#define WIRE_MAX (1u << 24)

#define WIRE_HELLO_FIXED 12u /* version, rate, pitch */

#endif
