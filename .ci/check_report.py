"""Fail unless a JUnit report shows tests that ran, none skipped or failed, and, with
--browser, browser tests among them."""

import sys
import xml.etree.ElementTree as ET

report = ET.parse(sys.argv[1]).getroot()
suites = [report] if report.tag == "testsuite" else list(report.iter("testsuite"))
total = sum(int(s.get("tests", 0)) for s in suites)
skipped = sum(int(s.get("skipped", 0)) for s in suites)
failed = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
browser = sum(1 for case in report.iter("testcase") if ".browser." in case.get("classname", ""))

print(f"{sys.argv[1]}: {total} tests, {browser} in a browser, {skipped} skipped, {failed} failed")
wants_browser = "--browser" in sys.argv[2:]
if total == 0 or (wants_browser and browser == 0) or skipped or failed:
    sys.exit("CI needs tests that ran, none skipped or failed, and browser tests in make test.")
