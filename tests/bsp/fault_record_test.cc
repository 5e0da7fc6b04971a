// bsp/common fault record: CRC known answer, seal/valid, corruption
// detection, the printed line.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

extern "C" {
#include "bsp_common/fault_record.h"
}

namespace {

bsp_fault_record_t Sample()
{
    bsp_fault_record_t r{};
    r.magic = BSP_FAULT_MAGIC;
    r.exception = BSP_FAULT_MEMMANAGE;
    r.cfsr = 0x92u;
    r.mmfar = 0x2001E070u;
    r.pc = 0x08000123u;
    r.lr = 0x08000456u;
    r.xpsr = 0x01000000u;
    r.sp = 0x2001E050u;
    r.exc_return = 0xFFFFFFF9u;
    r.flags = BSP_FAULT_FLAG_STACK_OVERFLOW | BSP_FAULT_FLAG_FRAME_INVALID;
    return r;
}

TEST(FaultRecord, CrcIsIeeeCrc32OfTheFieldsBeforeIt)
{
    bsp_fault_record_t r = Sample();
    // zlib.crc32 of the 12 little-endian words above.
    EXPECT_EQ(bsp_fault_record_crc(&r), 0x8CB0DB37u);
    EXPECT_EQ(offsetof(bsp_fault_record_t, crc), 12u * 4u);
}

TEST(FaultRecord, SealedIsValid)
{
    bsp_fault_record_t r = Sample();
    r.magic = 0;
    EXPECT_FALSE(bsp_fault_record_valid(&r));
    bsp_fault_record_seal(&r);
    EXPECT_EQ(r.magic, BSP_FAULT_MAGIC);
    EXPECT_EQ(r.crc, 0x8CB0DB37u);
    EXPECT_TRUE(bsp_fault_record_valid(&r));
    EXPECT_FALSE(bsp_fault_record_valid(nullptr));
}

TEST(FaultRecord, EveryFlippedBitIsDetected)
{
    bsp_fault_record_t sealed = Sample();
    bsp_fault_record_seal(&sealed);
    for (size_t bit = 0; bit < sizeof sealed * 8u; ++bit) {
        bsp_fault_record_t r = sealed;
        reinterpret_cast<unsigned char *>(&r)[bit / 8u] ^= static_cast<unsigned char>(1u << (bit % 8u));
        EXPECT_FALSE(bsp_fault_record_valid(&r)) << "bit " << bit;
    }
}

TEST(FaultRecord, PowerOnPatternsAreNotValid)
{
    bsp_fault_record_t r;
    for (int fill : {0x00, 0xFF, 0xA5}) {
        std::memset(&r, fill, sizeof r);
        EXPECT_FALSE(bsp_fault_record_valid(&r)) << fill;
    }
}

TEST(FaultRecord, FormatsOneLine)
{
    bsp_fault_record_t r = Sample();
    char line[BSP_FAULT_RECORD_LINE_MAX];
    size_t n = bsp_fault_record_format(&r, line, sizeof line);
    EXPECT_EQ(std::string(line),
              "fault: MemManage cfsr=0x00000092 hfsr=0x00000000 mmfar=0x2001e070 "
              "bfar=0x00000000 pc=0x08000123 lr=0x08000456 xpsr=0x01000000 "
              "sp=0x2001e050 exc_return=0xfffffff9 flags=0x0000000c stack=msp\n");
    EXPECT_EQ(n, std::strlen(line));
    r.flags |= BSP_FAULT_FLAG_PSP;
    r.exception = 99;
    bsp_fault_record_format(&r, line, sizeof line);
    EXPECT_EQ(std::string(line).substr(0, 9), "fault: ? ");
    EXPECT_NE(std::string(line).find("stack=psp\n"), std::string::npos);
}

TEST(FaultRecord, LongestLineFits)
{
    bsp_fault_record_t r = Sample();
    r.exception = BSP_FAULT_USAGEFAULT;  // the longest name
    char line[BSP_FAULT_RECORD_LINE_MAX];
    size_t n = bsp_fault_record_format(&r, line, sizeof line);
    EXPECT_LT(n, sizeof line);
    EXPECT_EQ(line[n], '\0');
}

TEST(FaultRecord, FormatRefusesSmallBuffers)
{
    bsp_fault_record_t r = Sample();
    char line[BSP_FAULT_RECORD_LINE_MAX - 1];
    line[0] = 'x';
    EXPECT_EQ(bsp_fault_record_format(&r, line, sizeof line), 0u);
    EXPECT_EQ(line[0], '\0');
    EXPECT_EQ(bsp_fault_record_format(&r, nullptr, 500), 0u);
}

TEST(FaultRecord, Names)
{
    EXPECT_STREQ(bsp_fault_name(BSP_FAULT_HARDFAULT), "HardFault");
    EXPECT_STREQ(bsp_fault_name(BSP_FAULT_MEMMANAGE), "MemManage");
    EXPECT_STREQ(bsp_fault_name(BSP_FAULT_BUSFAULT), "BusFault");
    EXPECT_STREQ(bsp_fault_name(BSP_FAULT_USAGEFAULT), "UsageFault");
    EXPECT_STREQ(bsp_fault_name(0), "?");
}

}  // namespace
