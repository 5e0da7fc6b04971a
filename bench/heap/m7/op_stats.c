/* op_stats.c — see op_stats.h. */
#include "op_stats.h"

#include <string.h>

void op_stats_init(op_stats_t *s, uint32_t *bins, uint32_t cap,
                   uint32_t *over, uint32_t over_cap)
{
    memset(s, 0, sizeof *s);
    s->bins = bins;
    s->cap = cap;
    s->over = over;
    s->over_cap = over_cap;
    memset(bins, 0, (size_t)cap * sizeof bins[0]);
}

void op_stats_add(op_stats_t *s, uint32_t v)
{
    s->n++;
    s->sum += v;
    if (v > s->max) {
        s->max = v;
    }
    if (v < s->cap) {
        s->bins[v]++;
    } else if (s->over_n < s->over_cap) {
        s->over[s->over_n++] = v;
    } else {
        s->over_lost++;
    }
}

/* The k-th smallest (0-based) of a[0, n): quickselect, middle pivot. */
static uint32_t select_kth(uint32_t *a, uint32_t n, uint32_t k)
{
    uint32_t lo = 0, hi = n - 1u;
    while (lo < hi) {
        uint32_t pivot = a[lo + (hi - lo) / 2u];
        uint32_t i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) {
                i++;
            }
            while (a[j] > pivot) {
                j--;
            }
            if (i <= j) {
                uint32_t t = a[i];
                a[i] = a[j];
                a[j] = t;
                i++;
                if (j == 0u) {
                    break;
                }
                j--;
            }
        }
        if (k <= j && j < hi) {
            hi = j;
        } else if (k >= i) {
            lo = i;
        } else {
            return a[k];
        }
    }
    return a[k];
}

uint32_t op_stats_percentile(op_stats_t *s, uint32_t permille, bool *exact)
{
    if (exact != NULL) {
        *exact = true;
    }
    if (s->n == 0u || permille == 0u) {
        return 0;
    }
    if (permille > 1000u) {
        permille = 1000u;
    }
    /* rank (1-based) = ceil(n * permille / 1000) */
    uint64_t rank = ((uint64_t)s->n * permille + 999u) / 1000u;
    uint64_t seen = 0;
    for (uint32_t v = 0; v < s->cap; v++) {
        seen += s->bins[v];
        if (seen >= rank) {
            return v;
        }
    }
    uint64_t k = rank - seen - 1u; /* 0-based among the values >= cap */
    if (k >= s->over_n) {
        if (exact != NULL) {
            *exact = false;
        }
        return s->max;
    }
    if (s->over_lost != 0u && exact != NULL) {
        *exact = false;
    }
    return select_kth(s->over, s->over_n, (uint32_t)k);
}
