#!/bin/sh
# Deliberate bugs, one at a time, each in a fresh copy of the tree: `make check` must fail on
# every one. Prints the survivors (mutants no test noticed) and exits 1 if there is any.
#
# usage: tests/mutate.sh [NAME...]     (default: every mutation below)
#
# Each mutation is NAME|FILE|SED-EXPRESSION; the expression must change the file (checked), so
# that a mutation that no longer applies is reported rather than silently "killed".
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
MUTATIONS='
heading-pause|lib/api/speak.c|s/case BRK_HEADING: return v->pause_heading;/case BRK_HEADING: return v->pause_paragraph;/
word-start-zero|lib/api/speak.c|s/run->word_start\[w\] = at + (size_t)r->words\[k\].ms \* (size_t)s->rate \/ 1000;/run->word_start[w] = 0;/
word-clamp|lib/api/speak.c|s/if (ws\[w\] > s1)/if (0)/
phone-threshold|lib/norm/norm_num.c|s/#define PHONE_MIN_DIGITS 9/#define PHONE_MIN_DIGITS 12/
json-quote|lib/common/buf.c|s/if (c == .". || c == .\\\\.) {/if (c == 0x7f) {/
lexicon-precedence|lib/lexicon/lexicon_user.c|s/return x->file > y->file ? -1 : 1;/return x->file < y->file ? -1 : 1;/
page-number-style|lib/api/document.c|s/unsigned f = (sec\[j\].en \&\& !sec\[j\].vn) || (den \&\& !dvn) ? NORM_EN_GROUPS : 0;/unsigned f = (sec[j].en \&\& !sec[j].vn) ? NORM_EN_GROUPS : 0;/
errmsg-never-cleared|lib/api/api.c|s/        last_error.msg\[0\] = .\\0.;/        (void)0;/
bounded-digits|lib/norm/norm_bound.c|s/#define BOUND_DIGITS 30 /#define BOUND_DIGITS 300000 /
phone-scan-unbounded|lib/norm/norm_num.c|s/if (digits > PHONE_MAX_DIGITS)/if (0)/
dotted-unbounded|lib/lexicon/lexicon.c|s/n > LEX_DOTTED_MAX ||//
guard-depth|lib/input/guard.h|s/#define GUARD_DEPTH 256/#define GUARD_DEPTH 2560000/
html-lead-skip|lib/input/article.c|s/if (i == p->headline || i == p->lead)/if (i == p->headline)/
html-link-density|lib/input/article.c|s/if (n->nlinks \&\& density(n) > 0.5)/if (n->nlinks \&\& density(n) > 0.95)/
html-hidden-style|lib/input/dom.c|s/strstr(flat, "display:none") != NULL ||//
limit-duration|lib/api/speak.c|s/        s->limited = s->stopped = 1;\n    return s->stopped;/    return s->stopped;/
cancel-poll|lib/speech/proc.c|s/if (w->cancel \&\& r <= 0 \&\& w->cancel->fn(w->cancel->user))/if (0)/
utf8-in-markup|lib/input/text.c|s/    if (bad < len) {/    if (0) {/
legacy-evidence|lib/input/encguess.c|s/#define EVIDENCE 3 /#define EVIDENCE 0 /
legacy-ambiguity|lib/input/encguess.c|s/score\[best\] < 2 \* score\[second\]/0/
legacy-case|lib/input/encguess.c|s/return upper_after_first == 0 || lower == 0;/return 1;/
repair-lone-glyphs|lib/input/legacy.c|s/#define EVIDENCE (RUN_WORD | RUN_LATIN | RUN_LETTER)/#define EVIDENCE (RUN_WORD | RUN_LATIN)/
legacy-offsets|lib/input/text.c|s/\*b = t->converted ? converted_end(t, in, len, last) :/*b =/
timings-legacy-json|lib/audio/timings.c|s/utf8 ? buf_strndup(t->input + a, b - a) : buf_strndup(ev->text, strlen(ev->text)),/buf_strndup(t->input + a, b - a),/
old-options-strict|lib/api/api.c|s/e->strict = opts->version < 4 || opts->input_strict;/e->strict = opts->input_strict;/
restore-u|lib/input/legacy.c|s/if (!vn_is_written_syllable(k->buf, k->len) && e == LEGACY_TCVN3)/if (0)/
ahead-order|lib/api/ahead.c|s/    slot \*s = \&a->slots\[i % a->window\];\n    if (a->next <= i)/    slot *s = \&a->slots[(i + 1) % a->window];\n    if (a->next <= i)/
ahead-helpers|lib/api/ahead.c|s/for (; a->nthreads < jobs; a->nthreads++)/for (; a->nthreads + 1 < jobs; a->nthreads++)/
ends-list|lib/api/speak.c|s/case BRK_LIST: return RA_BREAK_LIST;/case BRK_LIST: return RA_BREAK_PARAGRAPH;/
timings-shown|lib/audio/timings.c|s/if (strcmp(it->source, it->text) != 0) {/if (0) {/
player-word-in-pause|examples/player/player.js|s/if (w >= 0 \&\& t >= words\[w\].end) w = -1;//
player-words-by-bytes|examples/player/player.js|s/w.start >= ss\[i + 1\].start \&\& !holds(ss\[i\], w)/w.byte_start >= ss[i].byte_end/
player-rate|examples/player/player.js|s/    audio.playbackRate = rate;/    audio.playbackRate = 1;/
player-click-no-play|examples/player/player.js|s/seekTo(sentences\[Number(el.dataset.index)\].start, true)/seekTo(sentences[Number(el.dataset.index)].start, false)/
player-focus-ring|examples/player/player.css|s/outline: 3px solid var(--ra-accent);/outline: none;/
player-contrast|examples/player/player.css|s/--ra-sentence-bg: #fde68a;/--ra-sentence-bg: #4b5563;/
check-spelled-table|lib/norm/norm_letters.c|s/if (n > 1 \&\& !lex_spelled(s, n))/if (n > 1)/
check-date-by-day-word|lib/norm/norm_date.c|s/if (!c->notes || (date \&\& cued))/if (!c->notes)/
check-caps-per-block|lib/api/check.c|s/    if (s->brk != BRK_SENTENCE \&\& s->brk != BRK_NONE)\n        end_caps_run(c, i + 1);//
check-columns-bytes|lib/api/check_result.c|s/else if (!utf8 || (c \& 0xC0) != 0x80)/else/
check-cued-guess|lib/api/check.c|s/(x->kind == NOTE_AMBIGUOUS \&\& x->cued) || //
check-mojibake-oom|lib/api/check.c|s/c->r->oom = 1; \/\* never a report/(void)0; \/* never a report/
check-url-link|lib/input/pagecheck.c|s/if (is_address(text))/if (0)/
check-heading-logo|lib/input/pagecheck.c|s/        if (alt \&\& alt\[0\])\n            return 1;/        if (0)\n            return 1;/
ahead-window|lib/api/ahead.c|s/if (a->next >= a->d->sents.n || a->next >= a->delivered + a->window)/if (a->next >= a->d->sents.n)/
batch-skip|cli/batch.c|s/else if (!b->force \&\& up_to_date(b, en->path, out, tim, side))/else if (0)/
batch-options|cli/batch.c|s/return strcmp(buf, b->fingerprint) == 0;/return 1;/
batch-shard|cli/batch.c|s/h = (h ^ \*p) \* 0x100000001b3u;/h = (h ^ *p) * 0x100000001b3u, h = 0;/
sentence-pieces|lib/segment/segment.h|s/#define SEG_PIECE_MAX 4096/#define SEG_PIECE_MAX 4096000/
'
want=" $* "
work=$(mktemp -d /tmp/ra-mutate-XXXXXX)
trap 'rm -rf "$work"' EXIT
survivors=0
total=0
printf "%s\n" "$MUTATIONS" | while IFS='|' read -r name file expr; do
    [ -n "$name" ] || continue
    case "$want" in "  ") ;; *" $name "*) ;; *) continue ;; esac
    total=$((total + 1))
    rm -rf "$work/tree" && mkdir "$work/tree"
    (cd "$ROOT" && git ls-files -z | xargs -0 cp --parents -t "$work/tree")
    sed -i -e ':a' -e 'N' -e '$!ba' -e "$expr" "$work/tree/$file"
    if cmp -s "$ROOT/$file" "$work/tree/$file"; then
        echo "NOT APPLIED  $name ($file): the code changed, update the mutation"
        echo "$name" >> "$work/survivors"
        continue
    fi
    if (cd "$work/tree" && make -s -j2 all >/dev/null 2>&1 && TEST_TIMEOUT=600 make -s check >"$work/$name.log" 2>&1); then
        echo "SURVIVED     $name ($file)"
        echo "$name" >> "$work/survivors"
    else
        echo "killed       $name"
    fi
done
if [ -s "$work/survivors" ]; then
    echo "$(wc -l < "$work/survivors") mutant(s) survived"
    exit 1
fi
echo "every mutant was killed"
