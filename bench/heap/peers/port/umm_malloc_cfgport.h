/*
 * umm_malloc_cfgport.h for the heap replay (bench/heap/peers): umm_malloc's
 * defaults (8-byte block bodies, best fit, no integrity or poison checks,
 * no critical section: the replay is single-threaded). With 15-bit block
 * numbers a heap holds at most 32767 blocks (256 KiB minus one block); the
 * adapter refuses larger arenas.
 */
#ifndef UMM_MALLOC_CFGPORT_H
#define UMM_MALLOC_CFGPORT_H
#endif /* UMM_MALLOC_CFGPORT_H */
