/* The final gate: whatever the normalizer missed, espeak-ng sees only letters and marks. */
#include "gate.h"

#include "vnchar.h"

static int latin_letter(int32_t cp)
{
    return vn_is_letter(cp) && (cp < 0x250 || (cp >= 0x1E00 && cp <= 0x1EFF)) &&
           !(cp >= 0x300 && cp < 0x370);
}

static int mark(int32_t cp)
{
    return cp == ',' || cp == '.' || cp == '!' || cp == '?' || cp == ';' || cp == ':';
}

void gate_text(const char *s, size_t n, rbuf *out)
{
    int pending_space = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        char enc[4];
        i += vn_decode(s + i, n - i, &cp);
        char last = out->len ? out->p[out->len - 1] : 0;
        if (latin_letter(cp)) {
            if (pending_space && last && last != ' ')
                rbuf_putc(out, ' ');
            pending_space = 0;
            rbuf_put(out, enc, vn_encode(cp, enc));
        } else if (mark(cp)) {
            if (last && last != ' ' && !mark((unsigned char)last))
                rbuf_putc(out, (char)cp); /* one mark, and only after a word */
            pending_space = 1;
        } else {
            pending_space = 1;
        }
    }
}
