"""JUnit XML for CI (Bazel puts it in $XML_OUTPUT_FILE): one testcase per
case; a broken limit or timeout is a <failure>, an infrastructure problem an
<error>, so dashboards keep the two apart like the exit code does. A case
with a stack cross-check carries stack.* <properties> (static_bound,
measured, reserved, ok, source) and the side-by-side line in <system-out>."""

import re
import xml.etree.ElementTree as ET

from hil.provenance_text import flat_provenance
from hil.results import ERROR, FAILED, NOT_RUN
from hil.static_bound import describe as describe_stack_check


_NOT_XML = re.compile("[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD]")


def xml_text(text):
    """`text` without the characters XML 1.0 cannot carry (UART noise)."""
    return _NOT_XML.sub("\ufffd", str(text))


def build_junit(run):
    suites = ET.Element("testsuites")
    suite = ET.SubElement(suites, "testsuite", {
        "name": "hil.%s" % run.suite,
        "time": "%.3f" % run.duration_s,
        "timestamp": run.started_at,
        "hostname": run.board,
    })
    props = ET.SubElement(suite, "properties")
    for key in ("board", "backend", "firmware", "firmware_sha256", "interrupted"):
        ET.SubElement(props, "property", {"name": key, "value": str(getattr(run, key))})
    for key, value in flat_provenance(run.provenance):
        ET.SubElement(props, "property", {"name": key, "value": xml_text(value)})
    if run.infrastructure_error:
        tc = ET.SubElement(suite, "testcase", {"classname": "hil.%s" % run.board, "name": "setup", "time": "0"})
        ET.SubElement(tc, "error", {"message": xml_text(run.infrastructure_error), "type": "infrastructure"})
    for case in run.cases:
        tc = ET.SubElement(suite, "testcase", {
            "classname": "hil.%s" % run.board, "name": case.name, "time": "%.3f" % case.duration_s})
        tc_props = ET.SubElement(tc, "properties")
        ET.SubElement(tc_props, "property", {"name": "attempts", "value": str(case.attempts)})
        ET.SubElement(tc_props, "property", {"name": "retried", "value": str(case.retried).lower()})
        if case.stack_check:
            for key in ("static_bound", "measured", "reserved", "ok", "source"):
                ET.SubElement(tc_props, "property", {"name": "stack.%s" % key,
                                                     "value": xml_text(case.stack_check[key])})
        if case.outcome == FAILED:
            el = ET.SubElement(tc, "failure", {"message": xml_text(case.reason), "type": "test"})
            el.text = xml_text("\n".join(case.failed_checks()))
        elif case.outcome == ERROR:
            el = ET.SubElement(tc, "error", {"message": xml_text(case.reason), "type": "infrastructure"})
        elif case.outcome == NOT_RUN:
            ET.SubElement(tc, "skipped", {"message": xml_text(case.reason)})
        out = ET.SubElement(tc, "system-out")
        text = "command %s %r status %s attempts %d%s\nmetrics %r" % (
            case.command, case.args, case.status, case.attempts,
            " (retried after an infrastructure error)" if case.retried else "", case.metrics)
        if case.stack_check:
            text += "\n" + describe_stack_check(case.stack_check)
        out.text = xml_text(text)
    log = ET.SubElement(suite, "system-out")
    log.text = xml_text(run.uart_log[-20000:])
    count_testcases(suite)
    return ET.ElementTree(suites)


def count_testcases(suite):
    """tests/failures/errors/skipped from the testcase elements themselves,
    so they agree on every path (the "setup" testcase of a board-busy run too)."""
    testcases = suite.findall("testcase")
    suite.set("tests", str(len(testcases)))
    for attribute, child in (("failures", "failure"), ("errors", "error"), ("skipped", "skipped")):
        suite.set(attribute, str(sum(1 for tc in testcases if tc.find(child) is not None)))


def write_junit(run, path):
    tree = build_junit(run)
    ET.indent(tree)
    tree.write(path, encoding="utf-8", xml_declaration=True)
