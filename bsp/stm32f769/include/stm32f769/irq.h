/*
 * STM32F76x interrupt numbers tidemark uses (RM0410 Table 46) and their
 * priorities (0 most urgent, 4 bits).
 */
#ifndef STM32F769_IRQ_H
#define STM32F769_IRQ_H

#define STM32_IRQ_ADC 18u   /* ADC1, ADC2, ADC3 global */
#define STM32_IRQ_TIM2 28u
#define STM32_IRQ_USART1 37u
#define STM32_IRQ_TIM7 55u
#define STM32_IRQ_COUNT 110u /* positions 0..109 */

#define STM32_PRIO_SAMPLE 1u
#define STM32_PRIO_PACKET 2u

#endif /* STM32F769_IRQ_H */
