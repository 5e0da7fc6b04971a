#include "stm32f769/gpio.h"

void stm32_gpio_set_af(stm32_gpio_t *gpio, unsigned pin, unsigned af)
{
    unsigned shift2 = pin * 2u;
    unsigned shift4 = (pin % 8u) * 4u;
    gpio->afr[pin / 8u] = (gpio->afr[pin / 8u] & ~(0xFu << shift4)) | ((af & 0xFu) << shift4);
    gpio->ospeedr = (gpio->ospeedr & ~(3u << shift2)) | (2u << shift2);
    gpio->otyper &= ~(1u << pin);
    gpio->pupdr = (gpio->pupdr & ~(3u << shift2)) | (1u << shift2);
    gpio->moder = (gpio->moder & ~(3u << shift2)) | (2u << shift2);
}
