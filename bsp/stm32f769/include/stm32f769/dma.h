/*
 * DMA1/DMA2 controller layout (RM0410 §8.5). No driver uses a DMA stream
 * yet; the layout is here for the DMA buffer rules (BSP_DMA_BUFFER in
 * bsp/board.h, the .dma_buffers linker checks): a stream's M0AR/M1AR must
 * point into DTCM, SRAM1 or SRAM2 (RM0410 §2.1), never the ITCM RAM.
 */
#ifndef STM32F769_DMA_H
#define STM32F769_DMA_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    volatile uint32_t cr;   /* 0x00 SxCR */
    volatile uint32_t ndtr; /* 0x04 items to transfer */
    volatile uint32_t par;  /* 0x08 peripheral address */
    volatile uint32_t m0ar; /* 0x0C memory 0 address */
    volatile uint32_t m1ar; /* 0x10 memory 1 address (double buffer) */
    volatile uint32_t fcr;  /* 0x14 FIFO control */
} stm32_dma_stream_t;

typedef struct {
    volatile uint32_t lisr;       /* 0x00 streams 0..3 flags */
    volatile uint32_t hisr;       /* 0x04 streams 4..7 flags */
    volatile uint32_t lifcr;      /* 0x08 */
    volatile uint32_t hifcr;      /* 0x0C */
    stm32_dma_stream_t stream[8]; /* 0x10 + 0x18 * n */
} stm32_dma_t;
_Static_assert(offsetof(stm32_dma_t, stream[1]) == 0x28, "DMA layout");

#define STM32_DMA1 ((stm32_dma_t *)0x40026000u)
#define STM32_DMA2 ((stm32_dma_t *)0x40026400u)

#endif /* STM32F769_DMA_H */
