"""hil/mailbox_protocol.py must mirror hil/protocol/hil_mailbox.h exactly:
the header is compiled (mailbox_layout_dump) and every offset, size and ID it
prints is compared with the Python side; then encode/decode round trips."""

import json
import subprocess
import sys
import unittest

from hil import mailbox_protocol as P

DUMP = sys.argv[1]
del sys.argv[1:]


class LayoutMatchesHeader(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.c = json.loads(subprocess.check_output([DUMP], timeout=10))

    def test_mailbox_offsets(self):
        for field, offset in P.MAILBOX_OFFSETS.items():
            with self.subTest(field=field):
                self.assertEqual(self.c["hil_mailbox_t." + field], offset)
        self.assertEqual(self.c["sizeof(hil_mailbox_t)"], P.MAILBOX_SIZE)

    def test_fault_info(self):
        self.assertEqual(self.c["sizeof(hil_fault_info_t)"], P.FAULT_SIZE)
        self.assertEqual(self.c["hil_fault_info_t.exc_return"], P.FAULT_OFFSETS["exc_return"])
        self.assertEqual(self.c["hil_fault_info_t.flags"], P.FAULT_OFFSETS["flags"])

    def test_result_layouts(self):
        for name, (offsets, size) in P.LAYOUT_OFFSETS.items():
            if name == "ping":
                continue
            with self.subTest(layout=name):
                self.assertEqual(self.c["sizeof(hil_%s_result_t)" % name], size)
                self.assertLessEqual(size, 4 * P.RESULT_WORDS)
        self.assertEqual(self.c["hil_adc_burst_result_t.hist"], P.LAYOUT_OFFSETS["adc_burst"][0]["hist"])
        self.assertEqual(self.c["hil_adc_burst_result_t.queue_level"], P.LAYOUT_OFFSETS["adc_burst"][0]["queue_level"])
        self.assertEqual(self.c["hil_packet_burst_result_t.pool_free_level"],
                         P.LAYOUT_OFFSETS["packet_burst"][0]["pool_free_level"])
        self.assertEqual(self.c["hil_stack_report_result_t.stacks"], P.LAYOUT_OFFSETS["stack_report"][0]["stacks"])
        self.assertEqual(self.c["hil_heap_stress_result_t.free_total_hi"],
                         P.LAYOUT_OFFSETS["heap_stress"][0]["free_total_hi"])
        self.assertEqual(self.c["hil_bench_result_t.overhead"], P.LAYOUT_OFFSETS["bench"][0]["overhead"])

    def test_constants(self):
        self.assertEqual(self.c["HIL_PROTOCOL_VERSION"], P.PROTOCOL_VERSION)
        self.assertEqual(self.c["HIL_MAILBOX_MAGIC"], P.MAILBOX_MAGIC)
        self.assertEqual(self.c["HIL_DOORBELL_RING"], P.DOORBELL_RING)
        for key, value in (("HIL_ARG_WORDS", P.ARG_WORDS), ("HIL_RESULT_WORDS", P.RESULT_WORDS),
                           ("HIL_HIST_BUCKETS", P.HIST_BUCKETS), ("HIL_TRACE_POINTS", P.TRACE_POINTS),
                           ("HIL_MAX_STACKS", P.MAX_STACKS)):
            self.assertEqual(self.c[key], value, key)
        for name, (cid, _) in P.COMMANDS.items():
            self.assertEqual(self.c["HIL_CMD_" + name.upper()], cid, name)
        for sid, name in P.STATUS.items():
            self.assertEqual(self.c["HIL_STATUS_" + name], sid, name)
        for lid, (name, _) in P.LAYOUTS.items():
            self.assertEqual(self.c["HIL_LAYOUT_" + name.upper()], lid, name)
        for name, value in P.HEAPS.items():
            self.assertEqual(self.c["HIL_HEAP_" + name.upper()], value)
        for name, value in P.BENCH_OPS.items():
            self.assertEqual(self.c["HIL_BENCH_" + name.upper()], value)
        prefix = {"undefined": "UNDEFINED", "div_zero": "DIV_ZERO"}
        for name, value in P.FAULT_KINDS.items():
            self.assertEqual(self.c["HIL_FAULT_" + prefix.get(name, name.upper())], value)


class EncodeDecode(unittest.TestCase):
    def test_encode_args_by_name_and_enum(self):
        self.assertEqual(P.encode_args("bench", {"op": "tlsf_free", "iterations": 9}), [8, 9, 0, 0, 0, 0, 0, 0])
        self.assertEqual(P.encode_args("stack_report", None), [0] * 8)
        for bad in ({"nope": 1}, {"op": "malloc"}, {"iterations": -1}, {"iterations": 1 << 32},
                    {"iterations": True}, {"iterations": 1.5}):
            with self.subTest(args=bad), self.assertRaises(ValueError):
                P.encode_args("bench", bad)
        with self.assertRaises(ValueError):
            P.encode_args("reboot", {})

    def test_decode_adc_burst(self):
        words = [100, 2, 1, 64, 40, 10, 900, 5000, 1, 50] + list(range(16)) + [3] * 16
        r = P.decode_results(P.LAYOUT_IDS["adc_burst"], words)
        self.assertEqual((r["received"], r["dropped"], r["lost_seq"], r["queue_high_water"]), (100, 2, 1, 40))
        self.assertEqual(r["hist"], list(range(16)))
        self.assertEqual(r["queue_level"], [3] * 16)
        self.assertAlmostEqual(r["latency_mean"], (5000 + (1 << 32)) / 100)

    def test_decode_stack_report(self):
        words = [2, 0x0050534D, 1024, 900, 0x31534B54, 2048, 100]
        r = P.decode_results(P.LAYOUT_IDS["stack_report"], words)
        self.assertEqual([s["tag"] for s in r["stacks"]], ["MSP", "TKS1"])
        self.assertAlmostEqual(r["max_use_ratio"], 900 / 1024)

    def test_decode_unknown_layout(self):
        with self.assertRaises(ValueError):
            P.decode_results(99, [])

    def test_decode_fault(self):
        words = [1, 4, 0x92, 0, 0x2001E07C, 0, 0x200, 0x300, 0x01000000, 0x2001E060, 0xFFFFFFE9, 0x4]
        f = P.decode_fault(words)
        self.assertEqual((f["valid"], f["exception_name"], f["mmfar"]), (1, "MemManage", 0x2001E07C))
        self.assertEqual((f["stack_overflow_flag"], f["frame_invalid_flag"]), (1, 0))
        self.assertEqual(P.decode_fault([0] * 12)["exception_name"], "none")


if __name__ == "__main__":
    unittest.main()
